//! What each engine can check of a rule from the infrastructure code alone, as data: the
//! engines see the endpoint resource (its name and `DeploymentConfig`), not the design's
//! fleets, simulation or alarm definitions. Each export's leading comment is written from
//! [`scope`], so the file itself says what it leaves to the designer.

use designer_team::{Bound, Constraint, Rule, Share};

/// An engine a rules file is exported to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    /// checkov over Terraform HCL (`aws_sagemaker_endpoint`).
    Checkov,
    /// cfn-guard over a CloudFormation template (`AWS::SageMaker::Endpoint`).
    CfnGuard,
    /// Rego over `terraform show -json` (`aws_sagemaker_endpoint`).
    Rego,
}

impl Engine {
    /// Reads Terraform: the aws provider's arguments, not the API's members.
    fn is_terraform(self) -> bool {
        matches!(self, Engine::Checkov | Engine::Rego)
    }
}

/// Why an engine cannot check something, with where the fact comes from.
pub mod why {
    /// A share in the other unit than the size's.
    pub const OTHER_UNIT: &str = "a size in the other unit needs the new fleet's instance count, which is in the endpoint configuration, another resource";
    pub const ABOVE_PLAN: &str = "needs the simulated plan's duration";
    pub const DETECT_WITHIN_BAKE: &str = "needs the alarms' definitions (period, datapoints), which are other resources";
    /// The aws provider's `aws_sagemaker_endpoint` has no such arguments
    /// (`designer_iac::facts::terraform::UNSUPPORTED`), so Terraform never sends them.
    pub const RETAIN_TERRAFORM: &str = "the aws provider has no argument for RetainAllVariantProperties or RetainDeploymentConfig";
    pub const INSTANCE_TYPES: &str = "the instance types are in the endpoint configuration, another resource";
    pub const SIMULATED: &str = "needs the simulated rollout";
}

/// A rule's constraints as one engine sees them: what it checks and what it leaves out (with
/// why), each in words.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Scope {
    pub checked: Vec<String>,
    pub unchecked: Vec<(String, &'static str)>,
}

/// What `engine` checks of `rule`, and what not.
pub fn scope(engine: Engine, rule: &Rule) -> Scope {
    let mut s = Scope::default();
    for c in &rule.constraints {
        let key = c.key();
        match c {
            Constraint::Strategies(_) | Constraint::Bake(_) | Constraint::TerminationWait(_) => {
                s.checked.push(c.summary());
            }
            Constraint::Canary(b) | Constraint::LinearStep(b) | Constraint::RollingBatch(b) => {
                s.checked.push(format!("{} (against a size given in the same unit)", c.summary()));
                s.unchecked.push((format!("{key} {}", units(b)), why::OTHER_UNIT));
            }
            Constraint::Timeout { above_plan, .. } => {
                s.checked.push("timeout set (an update policy with MaximumExecutionTimeoutInSeconds where required)".to_string());
                if *above_plan {
                    s.unchecked.push(("timeout above the plan".to_string(), why::ABOVE_PLAN));
                }
            }
            Constraint::RollbackAlarms { at_least, detect_within_bake } => {
                if let Some(n) = at_least {
                    s.checked.push(format!("at least {n} rollback alarm{}", if *n == 1 { "" } else { "s" }));
                }
                if *detect_within_bake {
                    s.unchecked.push(("each defined alarm trips within the bake".to_string(), why::DETECT_WITHIN_BAKE));
                }
            }
            Constraint::Retain { .. } if engine.is_terraform() => {
                s.unchecked.push((c.summary(), why::RETAIN_TERRAFORM));
            }
            Constraint::Retain { .. } => s.checked.push(c.summary()),
            Constraint::InstanceTypes(_) => s.unchecked.push((c.summary(), why::INSTANCE_TYPES)),
            Constraint::PeakInstances(_) | Constraint::InstanceHours(_) => {
                s.unchecked.push((c.summary(), why::SIMULATED));
            }
        }
    }
    s
}

/// `in % against INSTANCE_COUNT sizes`: the pairing of units an engine cannot compare.
fn units(b: &Bound<Share>) -> String {
    let mut kinds: Vec<&str> = Vec::new();
    for s in [b.at_least, b.at_most].into_iter().flatten() {
        let k = match s {
            Share::Percent(_) => "in % against INSTANCE_COUNT sizes",
            Share::Count(_) => "in instances against CAPACITY_PERCENT sizes",
        };
        if !kinds.contains(&k) {
            kinds.push(k);
        }
    }
    kinds.join(", ")
}
