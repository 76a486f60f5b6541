//! What a team sees beside the verdicts: its own words in each engine's messages, and each
//! export saying, in its opening comment, what it cannot check from the IaC alone.

mod common;

use std::collections::BTreeSet;

use common::{guard_failures, plan_json, rego_messages, Design};
use designer_team::Rules;

fn read(text: &str) -> Rules {
    designer_team::read(text).unwrap_or_else(|e| panic!("the rules do not read: {e:?}"))
}

fn import(text: &str) -> designer_core::model::DesignDocument {
    let base = designer_core::examples::example("canary").unwrap_or_else(|| panic!("the canary example"));
    designer_import::import(text, &base, &designer_import::Options::default())
        .unwrap_or_else(|e| panic!("does not import: {e:?}"))
        .document
}

#[test]
fn rego_messages_carry_the_rule_name_and_the_team_message_as_written() {
    let message = "Alarms first: \"5xx\" and p99 \\ ${var} \u{1F6A8}\nthen ship.";
    let rules = read(&format!(
        "{{\"version\": 1, \"rules\": [{{\"name\": \"alarms.v2\", \"message\": {}, \"endpoints\": \"ranker-*\", \"rollback_alarms\": {{\"at_least\": 2}}}}]}}",
        serde_json::to_string(message).unwrap_or_default()
    ));
    let doc = import(r#"{"EndpointName": "ranker-7", "EndpointConfigName": "ranker-v8"}"#);
    let messages = rego_messages(&designer_rule_exports::rego(&rules), &plan_json(&doc, false));
    assert_eq!(
        messages,
        vec![format!("alarms.v2: {message} (aws_sagemaker_endpoint.endpoint: at least 2 rollback alarm(s))")]
    );
    // Another endpoint: the pattern does not match, and neither engine nor page objects.
    let other = import(r#"{"EndpointName": "scoring-7", "EndpointConfigName": "scoring-v8"}"#);
    assert!(rego_messages(&designer_rule_exports::rego(&rules), &plan_json(&other, false)).is_empty());
    assert!(designer_team::check(&rules, &other).is_empty());
}

const BEYOND_THE_IAC: &str = r#"
version: 1
rules:
  - name: fleet-budget
    message: Stay in the budget.
    endpoints: "*-prod"
    peak_instances: { at_most: 24 }
    instance_hours: { at_most: 12.5 }
    instance_types: ["ml.g5.*"]
  - name: keep-nothing
    message: Do not retain the old deployment config.
    retain: { deployment_config: false }
  - name: timely
    message: Time out after the plan; alarms that trip within the bake.
    timeout: { above_plan: true }
    rollback_alarms: { at_least: 1, detect_within_bake: true }
"#;

/// The opening comment of an export: its lines up to the first that is not a comment.
fn header(text: &str) -> String {
    text.lines().take_while(|l| l.starts_with('#')).collect::<Vec<_>>().join("\n")
}

#[test]
fn each_export_names_what_it_does_not_check_in_its_opening_comment() {
    let rules = read(BEYOND_THE_IAC);
    let everywhere = [
        "rule `fleet-budget`: peak instances at most 24 (needs the simulated rollout)",
        "rule `fleet-budget`: instance-hours at most 12.5 (needs the simulated rollout)",
        "rule `fleet-budget`: instance types ml.g5.* (the instance types are in the endpoint configuration",
        "rule `timely`: timeout above the plan (needs the simulated plan's duration)",
        "rule `timely`: each defined alarm trips within the bake (needs the alarms' definitions",
    ];
    let retain = "rule `keep-nothing`: RetainDeploymentConfig false (the aws provider has no argument";
    for (engine, text, terraform) in [
        ("checkov", designer_rule_exports::checkov(&rules), true),
        ("cfn-guard", designer_rule_exports::cfn_guard(&rules), false),
        ("rego", designer_rule_exports::rego(&rules), true),
    ] {
        let head = header(&text);
        for line in everywhere {
            assert!(head.contains(line), "{engine} does not say it leaves out {line:?}:\n{head}");
        }
        assert_eq!(head.contains(retain), terraform, "{engine}:\n{head}");
        assert!(head.contains("# Rule `fleet-budget`: checked here: nothing."), "{engine}:\n{head}");
        assert!(head.contains("# Rule `timely`: checked here: timeout set"), "{engine}:\n{head}");
    }
}

#[test]
fn cfn_guard_checks_what_only_cloudformation_can_say_retain() {
    let rules = read(BEYOND_THE_IAC);
    let only_retain = Rules { rules: rules.rules.iter().filter(|r| r.name == "keep-nothing").cloned().collect() };
    let designs: Vec<Design> = [
        ("retains-config", r#"{"EndpointName": "scoring-prod", "EndpointConfigName": "v2", "RetainDeploymentConfig": true}"#),
        ("says-false", r#"{"EndpointName": "scoring-prod", "EndpointConfigName": "v2", "RetainDeploymentConfig": false}"#),
        ("says-nothing", r#"{"EndpointName": "scoring-prod", "EndpointConfigName": "v2"}"#),
    ]
    .iter()
    .map(|(id, text)| Design { id: id.to_string(), doc: import(text) })
    .collect();
    let Some(results) = guard_failures(&designer_rule_exports::cfn_guard(&only_retain), &designs, &only_retain) else {
        return;
    };
    let page: Vec<BTreeSet<String>> = designs
        .iter()
        .map(|d| designer_team::check(&only_retain, &d.doc).into_iter().map(|f| f.rule).collect())
        .collect();
    assert_eq!(results, page);
    assert_eq!(page[0], BTreeSet::from(["keep-nothing".to_string()]));
    assert!(page[1].is_empty() && page[2].is_empty());
}
