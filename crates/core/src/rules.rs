//! Every rule a finding can carry, as data: its id, severity, what it checks and where the
//! rule comes from (as cfn-lint and ruff keep theirs). Validation, the alarm checks, the
//! page and the README's rule list read the same table; a test holds every finding's rule
//! to it.

use super::validate::Severity;

/// One rule of the registry.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rule {
    /// `R4`, `S2`, `A1`, ...
    pub id: &'static str,
    pub severity: Severity,
    /// What it checks, in a line.
    pub summary: &'static str,
    /// Where it comes from.
    pub source: &'static str,
}

const fn rule(id: &'static str, severity: Severity, summary: &'static str, source: &'static str) -> Rule {
    Rule { id, severity, summary, source }
}

use Severity::{Error as E, Warning as W};

const MODEL: &str = "SageMaker service model (botocore sagemaker 2017-07-24 service-2.json)";
const GUARDRAILS: &str = "SageMaker Developer Guide, deployment guardrails";
const CLOUDWATCH: &str = "CloudWatch API Reference, PutMetricAlarm (botocore cloudwatch service-2.json)";
const METRICS: &str = "SageMaker Developer Guide, Monitor SageMaker AI with Amazon CloudWatch";
const AUTO_ROLLBACK: &str = "SageMaker Developer Guide, Auto-Rollback Configuration and Monitoring";

/// The registry, in the order the README lists it.
pub const RULES: &[Rule] = &[
    rule("R1", E, "EndpointName and EndpointConfigName: required, at most 63 characters, the API's name pattern", MODEL),
    rule("R2", E, "ExcludeRetainedVariantProperties: at most 3 items of a known VariantPropertyType", MODEL),
    rule("R3", E, "BlueGreenUpdatePolicy: TrafficRoutingConfiguration required; TerminationWaitInSeconds 0..3600; MaximumExecutionTimeoutInSeconds 600..28800", MODEL),
    rule("R4", E, "TrafficRoutingConfiguration: Type one of ALL_AT_ONCE, CANARY, LINEAR; WaitIntervalInSeconds required, 0..3600", MODEL),
    rule("R5", E, "every CapacitySize: Type INSTANCE_COUNT or CAPACITY_PERCENT; Value an integer of at least 1", MODEL),
    rule("R6", E, "RollingUpdatePolicy: MaximumBatchSize and WaitIntervalInSeconds (0..3600) required; timeout 600..28800", MODEL),
    rule("R7", E, "AutoRollbackConfiguration.Alarms: 1..10 items; AlarmName 1..255 characters, not blank", MODEL),
    rule("R8", E, "types: integers are 32-bit JSON integers, booleans are booleans, no unknown members", MODEL),
    rule("R9", E, "the endpoint's variants follow the API's ProductionVariant shape", MODEL),
    rule("S1", E, "at most one of BlueGreenUpdatePolicy and RollingUpdatePolicy", GUARDRAILS),
    rule("S2", E, "CANARY needs CanarySize, at most 50% of the fleet", GUARDRAILS),
    rule("S3", E, "LINEAR needs LinearStepSize, 10%..50% of the fleet", GUARDRAILS),
    rule("S4", E, "a rolling MaximumBatchSize is 5%..50% of the fleet", GUARDRAILS),
    rule("S5", W, "MaximumExecutionTimeoutInSeconds longer than the plan's waiting time", GUARDRAILS),
    rule("S6", E, "the new endpoint config keeps the old one's variant names", GUARDRAILS),
    rule("S7", E, "no rolling update for serverless or multi-variant endpoints", GUARDRAILS),
    rule("S8", W, "Marketplace containers, ml.inf1 and Elastic Inference fall back to all at once", GUARDRAILS),
    rule("S9", W, "DataCaptureConfig is not currently supported in ExcludeRetainedVariantProperties", MODEL),
    rule("S10", W, "a size member that the routing Type ignores", MODEL),
    rule("S11", W, "ExcludeRetainedVariantProperties without RetainAllVariantProperties, or a type listed twice", MODEL),
    rule("S12", W, "an alarm entry without AlarmName (CloudFormation and Terraform require it)", "AWS::SageMaker::Endpoint, aws_sagemaker_endpoint"),
    rule("S13", W, "RetainDeploymentConfig together with a DeploymentConfig", MODEL),
    rule("S14", W, "RollbackMaximumBatchSize over the whole fleet behaves as 100%", "SageMaker API Reference, RollingUpdatePolicy"),
    rule("P1", E, "a value the imported text does not give (a placeholder)", "the designer's import"),
    rule("A1", W, "a rollback alarm cannot trip (Period x DatapointsToAlarm + publishing) before the bake it must act in ends", "CloudWatch User Guide, evaluating an alarm; SageMaker metrics are published every minute"),
    rule("A2", W, "a rollback alarm on invocation metrics of the whole endpoint sees the old fleet too", AUTO_ROLLBACK),
    rule("A3", W, "an alarm dimension names another endpoint, endpoint config or variant than the design", METRICS),
    rule("A4", W, "a metric SageMaker does not publish in that namespace", METRICS),
    rule("A5", W, "a comparison and threshold that a never-negative metric cannot (or always) breach", METRICS),
    rule("A6", W, "TreatMissingData notBreaching on a traffic metric hides a quiet canary", CLOUDWATCH),
    rule("A7", E, "what PutMetricAlarm refuses: a Period, statistic, comparison or count it does not take", CLOUDWATCH),
    rule("A8", W, "an alarm definition that no rollback alarm names", AUTO_ROLLBACK),
    rule("A9", W, "the same alarm defined twice", CLOUDWATCH),
    rule("C1", E, "the rollout needs more instances of a type than the account's quota leaves: ResourceLimitExceeded", "SageMaker API Reference, RollingUpdatePolicy; the ResourceLimitExceeded wording users report"),
    rule("C2", W, "a rollback started at some moment would need more instances than the quota leaves", "SageMaker API Reference, RollingUpdatePolicy (RollbackMaximumBatchSize)"),
    rule("C3", W, "a quota for an instance type no variant uses", "the designer's quotas"),
    rule("C4", W, "a quota the page cannot use: no type, no limit, a negative number, more in use than the limit", "the designer's quotas"),
    rule("U1", W, "a canary, linear or rolling deployment with no rollback alarm", AUTO_ROLLBACK),
    rule("U2", W, "rollback alarms with a 0-second baking period", AUTO_ROLLBACK),
    rule("U3", W, "the same rollback alarm listed twice", AUTO_ROLLBACK),
];

/// The registry's entry for `id`.
pub fn rule_of(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique() {
        for (i, r) in RULES.iter().enumerate() {
            assert!(!RULES[..i].iter().any(|o| o.id == r.id), "{} twice", r.id);
        }
    }
}
