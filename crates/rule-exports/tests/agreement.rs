//! Each export run by its real engine on designs that pass and designs that fail a team's
//! rules: checkov on the Terraform export, cfn-guard on the CloudFormation export, regorus on
//! the `terraform show -json` plan of the design. On every design, the rules an engine fails
//! are the rules the designer finds broken (`designer_team::check`).

mod common;

use std::collections::BTreeSet;

use common::{checkov_failures, guard_failures, plan_json, rego_failures, Design};
use designer_team::Rules;

fn rules() -> Rules {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/team-rules.yaml"))
        .unwrap_or_else(|e| panic!("fixture: {e}"));
    designer_team::read(&text).unwrap_or_else(|e| panic!("the fixture rules do not read: {e:?}"))
}

/// The designs: a request each (`--cli-input-json`), over the canary example's fleet of ten
/// ml.m5.xlarge instances.
const DESIGNS: &[(&str, &str)] = &[
    (
        "canary-10-prod",
        r#"{"EndpointName": "scoring-prod", "EndpointConfigName": "scoring-v2",
            "DeploymentConfig": {"BlueGreenUpdatePolicy": {
                "TrafficRoutingConfiguration": {"Type": "CANARY", "WaitIntervalInSeconds": 600,
                    "CanarySize": {"Type": "CAPACITY_PERCENT", "Value": 10}},
                "TerminationWaitInSeconds": 300, "MaximumExecutionTimeoutInSeconds": 3600},
              "AutoRollbackConfiguration": {"Alarms": [{"AlarmName": "scoring-5xx"}, {"AlarmName": "scoring-p99"}]}}}"#,
    ),
    (
        "canary-20-prod",
        r#"{"EndpointName": "scoring-prod", "EndpointConfigName": "scoring-v2",
            "DeploymentConfig": {"BlueGreenUpdatePolicy": {
                "TrafficRoutingConfiguration": {"Type": "CANARY", "WaitIntervalInSeconds": 600,
                    "CanarySize": {"Type": "CAPACITY_PERCENT", "Value": 20}},
                "MaximumExecutionTimeoutInSeconds": 3600},
              "AutoRollbackConfiguration": {"Alarms": [{"AlarmName": "scoring-5xx"}]}}}"#,
    ),
    (
        "linear-2min-bake-prod",
        r#"{"EndpointName": "scoring-prod", "EndpointConfigName": "scoring-v2",
            "DeploymentConfig": {"BlueGreenUpdatePolicy": {
                "TrafficRoutingConfiguration": {"Type": "LINEAR", "WaitIntervalInSeconds": 120,
                    "LinearStepSize": {"Type": "CAPACITY_PERCENT", "Value": 20}},
                "MaximumExecutionTimeoutInSeconds": 3600},
              "AutoRollbackConfiguration": {"Alarms": [{"AlarmName": "scoring-5xx"}]}}}"#,
    ),
    (
        "no-policy-prod",
        r#"{"EndpointName": "scoring-prod", "EndpointConfigName": "scoring-v2"}"#,
    ),
    (
        "all-at-once-long-wait-prod",
        r#"{"EndpointName": "scoring-prod", "EndpointConfigName": "scoring-v2",
            "DeploymentConfig": {"BlueGreenUpdatePolicy": {
                "TrafficRoutingConfiguration": {"Type": "ALL_AT_ONCE", "WaitIntervalInSeconds": 600},
                "TerminationWaitInSeconds": 3600, "MaximumExecutionTimeoutInSeconds": 7200},
              "AutoRollbackConfiguration": {"Alarms": [{"AlarmName": "scoring-5xx"}]}}}"#,
    ),
    (
        "rolling-2-prod",
        r#"{"EndpointName": "scoring-prod", "EndpointConfigName": "scoring-v2",
            "DeploymentConfig": {"RollingUpdatePolicy": {
                "MaximumBatchSize": {"Type": "INSTANCE_COUNT", "Value": 2},
                "WaitIntervalInSeconds": 600, "MaximumExecutionTimeoutInSeconds": 7200},
              "AutoRollbackConfiguration": {"Alarms": [{"AlarmName": "scoring-5xx"}]}}}"#,
    ),
    (
        "rolling-3-no-timeout-prod",
        r#"{"EndpointName": "scoring-prod", "EndpointConfigName": "scoring-v2",
            "DeploymentConfig": {"RollingUpdatePolicy": {
                "MaximumBatchSize": {"Type": "INSTANCE_COUNT", "Value": 3},
                "WaitIntervalInSeconds": 600},
              "AutoRollbackConfiguration": {"Alarms": [{"AlarmName": "scoring-5xx"}]}}}"#,
    ),
    (
        "canary-30-dev",
        r#"{"EndpointName": "scoring-dev", "EndpointConfigName": "scoring-v2",
            "DeploymentConfig": {"BlueGreenUpdatePolicy": {
                "TrafficRoutingConfiguration": {"Type": "CANARY", "WaitIntervalInSeconds": 60,
                    "CanarySize": {"Type": "CAPACITY_PERCENT", "Value": 30}}}}}"#,
    ),
    (
        "rolling-3-dev",
        r#"{"EndpointName": "scoring-dev", "EndpointConfigName": "scoring-v2",
            "DeploymentConfig": {"RollingUpdatePolicy": {
                "MaximumBatchSize": {"Type": "INSTANCE_COUNT", "Value": 3},
                "WaitIntervalInSeconds": 60}}}"#,
    ),
    (
        "ranker-7-no-alarms",
        r#"{"EndpointName": "ranker-7", "EndpointConfigName": "ranker-v8",
            "DeploymentConfig": {"BlueGreenUpdatePolicy": {
                "TrafficRoutingConfiguration": {"Type": "CANARY", "WaitIntervalInSeconds": 60,
                    "CanarySize": {"Type": "CAPACITY_PERCENT", "Value": 30}},
                "MaximumExecutionTimeoutInSeconds": 3600}}}"#,
    ),
];

/// What the designs are for: the rules the designer finds broken on each, so that a change to
/// a design or to the rules that made the table pass trivially shows here first.
const EXPECTED: &[(&str, &[&str])] = &[
    ("canary-10-prod", &[]),
    ("canary-20-prod", &["prod-canary"]),
    ("linear-2min-bake-prod", &["prod-canary"]),
    ("no-policy-prod", &["prod-canary", "prod-rollback"]),
    ("all-at-once-long-wait-prod", &["prod-canary", "prod-rollback"]),
    ("rolling-2-prod", &[]),
    ("rolling-3-no-timeout-prod", &["prod-rollback", "small-batches"]),
    ("canary-30-dev", &[]),
    ("rolling-3-dev", &["small-batches"]),
    ("ranker-7-no-alarms", &["prod-rollback"]),
];

fn designs() -> Vec<Design> {
    let base = designer_core::examples::example("canary").unwrap_or_else(|| panic!("the canary example"));
    DESIGNS
        .iter()
        .map(|(id, text)| {
            let outcome = designer_import::import(text, &base, &designer_import::Options::default())
                .unwrap_or_else(|e| panic!("{id} does not import: {e:?}"));
            let doc = outcome.document;
            assert!(doc.placeholders.is_empty(), "{id} has placeholders");
            assert_eq!(doc.endpoint.new_variants.len(), 1, "{id} keeps the example's fleet");
            Design { id: id.to_string(), doc }
        })
        .collect()
}

/// The rule names the designer finds broken on `d`.
fn page_verdict(rules: &Rules, d: &Design) -> BTreeSet<String> {
    designer_team::check(rules, &d.doc).into_iter().map(|f| f.rule).collect()
}

fn set(names: &[&str]) -> BTreeSet<String> {
    names.iter().map(|s| s.to_string()).collect()
}

#[test]
fn the_designs_pass_and_fail_the_rules_as_intended() {
    let rules = rules();
    let designs = designs();
    assert_eq!(designs.len(), EXPECTED.len());
    for (d, (id, names)) in designs.iter().zip(EXPECTED) {
        assert_eq!(&d.id, id);
        assert_eq!(page_verdict(&rules, d), set(names), "{id}");
    }
}

#[test]
fn rego_agrees_with_the_designer_on_every_design() {
    let rules = rules();
    let policy = designer_rule_exports::rego(&rules);
    for (i, d) in designs().iter().enumerate() {
        // Every other design sits in a child module, as `module "serving" { ... }` puts it.
        let plan = plan_json(&d.doc, i % 2 == 1);
        let failed = rego_failures(&policy, &plan, &rules);
        assert_eq!(failed, page_verdict(&rules, d), "Rego on {}:\n{plan}", d.id);
    }
}

#[test]
fn cfn_guard_agrees_with_the_designer_on_every_design() {
    let rules = rules();
    let guard = designer_rule_exports::cfn_guard(&rules);
    let Some(results) = guard_failures(&guard, &designs(), &rules) else { return };
    for (d, failed) in designs().iter().zip(results) {
        assert_eq!(failed, page_verdict(&rules, d), "cfn-guard on {}", d.id);
    }
}

#[test]
fn checkov_agrees_with_the_designer_on_every_design() {
    let rules = rules();
    let policy = designer_rule_exports::checkov(&rules);
    let Some(results) = checkov_failures(&policy, &designs(), &rules) else { return };
    for (d, failed) in designs().iter().zip(results) {
        assert_eq!(failed, page_verdict(&rules, d), "checkov on {}", d.id);
    }
}
