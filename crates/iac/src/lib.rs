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
}

impl Default for Options {
    fn default() -> Self {
        Options {
            whole_template: true,
            partition: "aws".to_string(),
            region: String::new(),
            account: String::new(),
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
        Target::Terraform => terraform::export_aws(doc),
        Target::TerraformAwscc => terraform::export_awscc(doc),
        Target::CdkTypeScript => cdk::typescript(doc),
        Target::CdkPython => cdk::python(doc),
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
    let mut out = cloudformation::findings(doc);
    out.extend(terraform::findings(doc));
    out.extend(cdk::findings(doc));
    out.extend(iam::findings(doc, options));
    out
}
