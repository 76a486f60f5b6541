//! The review summary against what runs now, pasted as a `describe-endpoint` output and
//! read as the page reads a baseline: it lists only what both sides state, says what it
//! did not compare, and opens its table with the move to the new config.

use designer_core::diff::baseline::{bare, mark_unstated};
use designer_core::examples;
use designer_core::model::DesignDocument;
use designer_review::markdown;

const DESCRIBE: &str = r#"{
  "EndpointName": "checkout-ranker",
  "EndpointArn": "arn:aws:sagemaker:eu-west-1:111122223333:endpoint/checkout-ranker",
  "EndpointConfigName": "checkout-ranker-cfg-7",
  "ProductionVariants": [{
    "VariantName": "AllTraffic", "CurrentWeight": 1, "DesiredWeight": 1,
    "CurrentInstanceCount": 10, "DesiredInstanceCount": 10,
    "InstancePools": [{"InstanceType": "ml.c5.2xlarge", "CurrentInstanceCount": 10}]
  }],
  "EndpointStatus": "InService",
  "LastDeploymentConfig": {
    "BlueGreenUpdatePolicy": {
      "TrafficRoutingConfiguration": {"Type": "CANARY", "CanarySize": {"Type": "CAPACITY_PERCENT", "Value": 10}, "WaitIntervalInSeconds": 600},
      "MaximumExecutionTimeoutInSeconds": 3600
    },
    "AutoRollbackConfiguration": {"Alarms": [{"AlarmName": "ranker-5xx"}]}
  }
}"#;

/// The output as the page's baseline: read onto nothing, what it leaves out marked.
fn baseline() -> DesignDocument {
    let out = designer_import::import(DESCRIBE, &bare(), &Default::default()).expect("a describe output");
    mark_unstated(out.document)
}

/// The output imported as the design, onto a new design.
fn imported() -> DesignDocument {
    designer_import::import(DESCRIBE, &examples::blank_design(), &Default::default())
        .expect("a describe output")
        .document
}

/// The change section, up to the rollout figures.
fn change_section(md: &str) -> &str {
    let start = md.find("## Change against what runs now").expect("a change section");
    let rest = &md[start..];
    let end = rest.find("## Simulation assumptions").unwrap_or(rest.len());
    &rest[..end]
}

#[test]
fn a_new_design_against_what_runs_now_lists_no_invented_removal() {
    let md = markdown(&examples::blank_design(), Some(&baseline()), "");
    let section = change_section(&md);
    assert!(!section.contains("no longer names"), "{section}");
    assert!(!section.contains("| `EndpointName`"), "{section}");
    assert!(!section.contains("| `DeploymentConfig"), "{section}");
    assert!(!section.contains("| `Endpoint.CurrentVariants"), "the page's default fleet is no change: {section}");
    assert!(section.contains("No change in what the design and the baseline both state."), "{section}");
    assert!(section.contains("Not compared:"), "{section}");
    assert!(section.contains("Not in the design yet, so not compared: the endpoint's name"), "{section}");
    assert!(section.contains("running fleet is the page's default (AllTraffic, ml"), "{section}");
}

#[test]
fn the_same_output_as_the_design_is_no_change_and_no_guess_is_listed() {
    let md = markdown(&imported(), Some(&baseline()), "");
    let section = change_section(&md);
    assert!(section.contains("No change in what the design and the baseline both state."), "{section}");
    assert!(!section.contains("| Field |"), "{section}");
    assert!(!section.contains("ml.m5.xlarge"), "no default instance type: {section}");
    assert!(!section.contains("Findings the change introduces"), "{section}");
    assert!(section.contains("Not in the baseline, so not compared:"), "{section}");
}

#[test]
fn the_move_to_the_new_config_opens_the_table() {
    let mut design = imported();
    design.request.endpoint_config_name = Some("checkout-ranker-cfg-8".into());
    let md = markdown(&design, Some(&baseline()), "");
    let section = change_section(&md);
    let first_row = section
        .lines()
        .skip_while(|l| !l.starts_with("|---"))
        .nth(1)
        .unwrap_or("");
    assert_eq!(
        first_row,
        "| `EndpointConfigName` | checkout-ranker-cfg-7 | checkout-ranker-cfg-8 | The update moves endpoint checkout-ranker from config checkout-ranker-cfg-7 to config checkout-ranker-cfg-8 |",
        "{section}"
    );
    assert_eq!(section.matches("| `EndpointConfigName`").count(), 1, "{section}");
}
