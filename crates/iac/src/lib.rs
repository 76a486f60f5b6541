//! Exports to where a policy lives: CloudFormation (YAML, JSON), Terraform (`aws` and
//! `awscc` providers), CDK (TypeScript, Python), a Step Functions task state and the
//! caller's IAM policy. One module per target, each with one quoting function for its
//! language and a table of the target's own facts (with their sources) that become
//! findings naming the target. Part of the on-demand wasm. The alarms a design defines are
//! created beside the endpoint in every target but the Step Functions task (`alarms.rs`).

pub mod alarms;
pub mod cdk;
pub mod cloudformation;
pub mod facts;
pub mod fleet;
pub mod iam;
pub mod json;
pub mod runners;
pub mod stepfunctions;
pub mod terraform;
pub mod tree;

use designer_core::model::DesignDocument;
use designer_core::validate::Severity;

/// An export target, as the page's tabs list them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Target {
    CloudFormationYaml,
    CloudFormationJson,
    Terraform,
    TerraformAwscc,
    CdkTypeScript,
    CdkPython,
    StepFunctions,
    IamPolicy,
}

impl Target {
    /// Every target, in the order of the page's tabs.
    pub const ALL: &'static [Target] = &[
        Target::CloudFormationYaml,
        Target::CloudFormationJson,
        Target::Terraform,
        Target::TerraformAwscc,
        Target::CdkTypeScript,
        Target::CdkPython,
        Target::StepFunctions,
        Target::IamPolicy,
    ];

    /// The id used across the module boundary and in the page's test hook
    /// (`export-{id}`), e.g. `cloudformation-yaml`.
    pub fn id(self) -> &'static str {
        match self {
            Target::CloudFormationYaml => "cloudformation-yaml",
            Target::CloudFormationJson => "cloudformation-json",
            Target::Terraform => "terraform",
            Target::TerraformAwscc => "terraform-awscc",
            Target::CdkTypeScript => "cdk-typescript",
            Target::CdkPython => "cdk-python",
            Target::StepFunctions => "stepfunctions",
            Target::IamPolicy => "iam-policy",
        }
    }

    /// Reads an id of [`Target::id`].
    pub fn from_id(id: &str) -> Option<Target> {
        Target::ALL.iter().copied().find(|t| t.id() == id)
    }
}

/// What the page may set for an export.
#[derive(Clone, Debug, PartialEq)]
pub struct Options {
    /// CloudFormation: a whole minimal template (true) or the resource alone. Step Functions:
    /// a one-state state machine (true) or the task state alone.
    pub whole_template: bool,
    /// IAM: the ARN parts; empty means "write a placeholder the user fills in".
    pub partition: String,
    pub region: String,
    pub account: String,
    /// CloudFormation, Terraform and CDK: a deployable whole (`crate::fleet`): the endpoint
    /// configuration from the design's new variants beside the endpoint, the endpoint's,
    /// the config's and the models' names as parameters (CloudFormation), variables
    /// (Terraform) or constants (CDK) with the design's values as defaults, and Terraform's
    /// `required_providers`. CloudFormation writes a whole template then, whatever
    /// `whole_template` says. False: the endpoint alone, as before.
    pub with_endpoint_config: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            whole_template: true,
            partition: "aws".to_string(),
            region: String::new(),
            account: String::new(),
            with_endpoint_config: false,
        }
    }
}

/// One export.
#[derive(Clone, Debug, PartialEq)]
pub struct Export {
    /// Exactly what the copy button copies.
    pub text: String,
    /// The download's file name, e.g. `endpoint.yaml`, `main.tf`.
    pub filename: String,
}

/// A difference between what the API accepts and what a target accepts or does.
#[derive(Clone, Debug, PartialEq)]
pub struct TargetFinding {
    /// The target as a person names it: "CloudFormation", "Terraform", "Terraform (awscc)",
    /// "CDK", "Step Functions", "IAM".
    pub target: &'static str,
    /// VALIDATION.md's path form.
    pub path: String,
    pub severity: Severity,
    /// A plain sentence that names the target, e.g. "Terraform refuses a timeout above 14400 s".
    pub message: String,
}

/// The export of `doc` for `target`. Values the document holds as placeholders are written
/// as each language's fill-in marker, and the export says at its top that it is incomplete.
pub fn export(target: Target, doc: &DesignDocument, options: &Options) -> Export {
    match target {
        Target::CloudFormationYaml => cloudformation::export(doc, options, true),
        Target::CloudFormationJson => cloudformation::export(doc, options, false),
        Target::Terraform => terraform::export_aws(doc, options),
        Target::TerraformAwscc => terraform::export_awscc(doc, options),
        Target::CdkTypeScript => cdk::typescript(doc, options),
        Target::CdkPython => cdk::python(doc, options),
        Target::StepFunctions => stepfunctions::export(doc, options),
        Target::IamPolicy => iam::export(doc, options),
    }
}

/// Every target's findings for `doc`, in the order of [`Target::ALL`], with the IAM
/// policy's as the default [`Options`] leave it (no region, no account).
pub fn findings(doc: &DesignDocument) -> Vec<TargetFinding> {
    findings_with(doc, &Options::default())
}

/// Every target's findings for `doc` exported with `options` (the IAM policy's depend on
/// the partition, region and account typed on the page).
pub fn findings_with(doc: &DesignDocument, options: &Options) -> Vec<TargetFinding> {
    // With the endpoint configuration, what each target cannot write of the new fleet
    // follows that target's own findings.
    let fleet = |targets: &[&'static str]| {
        if options.with_endpoint_config {
            fleet::findings(doc, targets)
        } else {
            Vec::new()
        }
    };
    let mut out = cloudformation::findings(doc);
    out.extend(fleet(&["CloudFormation"]));
    out.extend(terraform::findings(doc));
    out.extend(fleet(&["Terraform", "Terraform (awscc)"]));
    out.extend(cdk::findings(doc));
    out.extend(fleet(&["CDK"]));
    out.extend(iam::findings(doc, options));
    out
}
