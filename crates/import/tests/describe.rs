//! describe-endpoint and describe-endpoint-config outputs (CLI JSON and boto3 reprs): the
//! current and the new fleet, pasted one after the other or together, and what the notes say.

use designer_core::model::{
    DesignDocument, Placeholder, ProductionVariant, TrafficRoutingConfigType,
};
use designer_import::{cdk, describe, import, stepfunctions, Options};

mod common;
use common::*;

fn fixture(name: &str) -> String {
    common::fixture(&format!("describe/{name}"))
}

/// (name, instance type, count, weight) of a variant.
type Row<'a> = (&'a str, Option<&'a str>, Option<i64>, Option<f64>);

fn fleet(vs: &[ProductionVariant]) -> Vec<Row<'_>> {
    vs.iter()
        .map(|v| {
            (
                v.variant_name.as_deref().unwrap_or(""),
                v.instance_type.as_deref(),
                v.initial_instance_count,
                v.initial_variant_weight,
            )
        })
        .collect()
}

#[test]
fn describe_endpoint_mid_deployment_gives_both_fleets_and_the_last_policy() {
    let o = read(&fixture("describe-endpoint-updating.json"));
    assert_eq!(o.form, "a `describe-endpoint` output");
    let d = &o.document;
    assert_eq!(d.request.endpoint_name.as_deref(), Some("churn-scorer"));
    assert_eq!(
        d.endpoint.current_endpoint_config_name.as_deref(),
        Some("churn-scorer-2026-11-20")
    );
    assert_eq!(
        fleet(&d.endpoint.current_variants),
        vec![
            ("xgb-main", Some("ml.c5.xlarge"), Some(8), Some(3.0)),
            ("xgb-challenger", None, Some(4), Some(1.0))
        ]
    );
    // The pending deployment is the new config and fleet, at their desired sizes.
    assert_eq!(
        d.request.endpoint_config_name.as_deref(),
        Some("churn-scorer-2026-12-01")
    );
    assert_eq!(
        fleet(&d.endpoint.new_variants),
        vec![
            ("xgb-main", Some("ml.c6i.xlarge"), Some(6), Some(3.0)),
            ("xgb-challenger", Some("ml.c6i.xlarge"), Some(2), Some(1.0))
        ]
    );
    let bg = blue_green(&d.request);
    assert_eq!(routing(&d.request).type_, Some(TrafficRoutingConfigType::Linear));
    assert_eq!(bg.maximum_execution_timeout_in_seconds, Some(5400));
    assert_eq!(
        o.notes[0],
        "Current fleet from describe-endpoint `churn-scorer`: 2 variants, 12 instances"
    );
    for expected in [
        "LastDeploymentConfig",
        "under way",
        "status is Updating",
        "xgb-challenger has no instance type",
    ] {
        assert!(
            o.notes.iter().any(|n| n.contains(expected)),
            "{expected}: {:?}",
            o.notes
        );
    }
}

#[test]
fn configs_pasted_after_fill_the_current_types_and_then_the_new_fleet() {
    let after_endpoint = read(&fixture("describe-endpoint-updating.json")).document;
    // The current config: its instance types and models, the live counts kept.
    let o = read_onto(
        &fixture("describe-endpoint-config-current.json"),
        &after_endpoint,
    );
    assert_eq!(o.form, "a `describe-endpoint-config` output");
    assert_eq!(
        fleet(&o.document.endpoint.current_variants),
        vec![
            ("xgb-main", Some("ml.c5.xlarge"), Some(8), Some(3.0)),
            ("xgb-challenger", Some("ml.c5.large"), Some(4), Some(1.0))
        ]
    );
    assert_eq!(
        o.document.endpoint.current_variants[1]
            .model_name
            .as_deref(),
        Some("churn-xgb-20261119-lr")
    );
    assert_eq!(
        o.document.request.endpoint_config_name.as_deref(),
        Some("churn-scorer-2026-12-01"),
        "unchanged"
    );
    assert!(
        o.notes[0].contains("the live ones from describe-endpoint"),
        "{:?}",
        o.notes
    );
    // The new config.
    let o = read_onto(&fixture("describe-endpoint-config-new.json"), &o.document);
    assert_eq!(
        fleet(&o.document.endpoint.new_variants),
        vec![
            ("xgb-main", Some("ml.c6i.xlarge"), Some(6), Some(3.0)),
            ("xgb-challenger", Some("ml.c6i.xlarge"), Some(2), Some(1.0))
        ]
    );
    assert_eq!(
        o.document.endpoint.new_variants[0].model_name.as_deref(),
        Some("churn-xgb-20261130")
    );
    assert_eq!(
        o.notes,
        vec!["New fleet from describe-endpoint-config `churn-scorer-2026-12-01`: 2 variants, 8 instances; the request's EndpointConfigName is `churn-scorer-2026-12-01`"]
    );
}

#[test]
fn all_three_at_once_as_a_stream_or_an_array_build_the_same_design() {
    let (ep, cur, new) = (
        fixture("describe-endpoint-updating.json"),
        fixture("describe-endpoint-config-current.json"),
        fixture("describe-endpoint-config-new.json"),
    );
    let one_by_one = {
        let a = read(&ep).document;
        let b = read_onto(&cur, &a).document;
        read_onto(&new, &b).document
    };
    // Configs first in the paste: the endpoint is still applied first.
    let stream = read(&format!("{new}\n{cur}\n{ep}"));
    assert_eq!(
        stream.form,
        "a `describe-endpoint` and 2 `describe-endpoint-config` outputs"
    );
    assert_eq!(stream.document, one_by_one);
    let array = read(&format!("[{ep},\n{cur},\n{new}]"));
    assert_eq!(array.document, one_by_one);
    assert!(
        !stream.notes.iter().any(|n| n.contains("no instance type")),
        "{:?}",
        stream.notes
    );
}

#[test]
fn boto3_reprs_read_with_datetimes_and_response_metadata() {
    let o = read(&fixture("boto3-describe-endpoint.txt"));
    assert_eq!(o.form, "a boto3 `describe_endpoint` response");
    assert_eq!(
        o.document.request.endpoint_name.as_deref(),
        Some("search-ranker")
    );
    assert_eq!(
        o.document.endpoint.current_endpoint_config_name.as_deref(),
        Some("search-ranker-v12")
    );
    // No instance pools: the design's type for the same variant is kept, and said so.
    assert_eq!(
        fleet(&o.document.endpoint.current_variants),
        vec![("AllTraffic", Some("ml.m5.xlarge"), Some(3), Some(1.0))]
    );
    assert!(
        o.notes
            .iter()
            .any(|n| n.contains("ml.m5.xlarge was kept from the design")),
        "{:?}",
        o.notes
    );
    assert!(
        o.document.placeholders.is_empty(),
        "datetimes are in members the design ignores"
    );

    let o = read_onto(&fixture("boto3-describe-endpoint-config.txt"), &o.document);
    assert_eq!(o.form, "a boto3 `describe_endpoint_config` response");
    assert_eq!(
        o.document.request.endpoint_config_name.as_deref(),
        Some("search-ranker-v13")
    );
    assert_eq!(
        fleet(&o.document.endpoint.new_variants),
        vec![("AllTraffic", Some("ml.g5.2xlarge"), Some(4), Some(1.0))]
    );
    assert_eq!(
        o.document.request.endpoint_name.as_deref(),
        Some("search-ranker"),
        "kept"
    );
}

#[test]
fn a_jupyter_cell_output_and_serverless_variants() {
    let text = "Out[7]: {'EndpointConfigName': 'sl', 'EndpointConfigArn': 'arn:x',\n 'ProductionVariants': [{'VariantName': 'v', 'ModelName': 'm', 'ServerlessConfig': {'MemorySizeInMB': 2048, 'MaxConcurrency': 5}}]}";
    let o = read(text);
    let v = &o.document.endpoint.new_variants[0];
    assert_eq!(
        v.serverless_config.as_ref().unwrap().memory_size_in_mb,
        Some(2048)
    );
    assert!(
        o.notes[0].contains("1 variant, 1 serverless"),
        "{:?}",
        o.notes
    );
}

#[test]
fn filled_members_drop_their_old_placeholders() {
    let mut current = DesignDocument::default();
    current.placeholders.push(Placeholder {
        path: "EndpointName".to_string(),
        expression: "os.environ['EP']".to_string(),
        line: Some(1),
        column: Some(1),
    });
    current.placeholders.push(Placeholder {
        path: "DeploymentConfig.AutoRollbackConfiguration.Alarms[0].AlarmName".to_string(),
        expression: "alarm".to_string(),
        line: None,
        column: None,
    });
    let o = read_onto(&fixture("boto3-describe-endpoint.txt"), &current);
    // The endpoint's name is now known; the alarm still is not (no LastDeploymentConfig).
    assert_eq!(o.document.placeholders.len(), 1);
    assert_eq!(o.document.placeholders[0].expression, "alarm");
}

#[test]
fn refusals_and_detection() {
    let bad = "{\"EndpointArn\": \"a\", \"EndpointName\": \"e\", \"ProductionVariants\": [{\"VariantName\": \"v\", \"CurrentInstanceCount\": \"8\"}]}";
    let m = import(bad, &DesignDocument::default(), &Options::default())
        .unwrap_err()
        .error
        .message;
    assert!(
        m.contains("Endpoint.CurrentVariants[0].InitialInstanceCount")
            && m.contains("line 1, column 111"),
        "{m}"
    );
    let broken = "{\"EndpointArn\": \"a\",\n \"ProductionVariants\": [{\"VariantName\": \"v\"}\n}";
    let m = import(broken, &DesignDocument::default(), &Options::default())
        .unwrap_err()
        .error
        .message;
    assert!(m.contains("line 3"), "{m}");

    let ep = fixture("describe-endpoint-updating.json");
    assert!(describe::detect(&ep) && !stepfunctions::detect(&ep) && !cdk::detect(&ep));
    assert!(describe::detect(&format!(
        "$ aws sagemaker describe-endpoint --endpoint-name churn-scorer\n{ep}"
    )));
    // Code that calls describe_endpoint is a Python snippet, not its output.
    assert!(!describe::detect(
        "resp = sm.describe_endpoint(EndpointName='e')\nprint(resp['EndpointStatus'])"
    ));
    // A terminal session that then runs the update is the CLI's.
    assert!(!describe::detect(&format!("{ep}\n$ aws sagemaker update-endpoint --endpoint-name churn-scorer --endpoint-config-name c")));
    // A template that outputs an "EndpointArn" is CloudFormation's.
    assert!(!describe::detect(
        "{\"Resources\": {}, \"Outputs\": {\"EndpointArn\": {\"Value\": {\"Ref\": \"E\"}}}}"
    ));
}

#[test]
fn output_yaml_of_both_commands_in_one_session_gives_the_fleet_and_the_last_policy() {
    let o = read(&fixture("session-output-yaml.txt"));
    assert_eq!(
        o.form,
        "a `describe-endpoint` and a `describe-endpoint-config` output (YAML)"
    );
    let d = &o.document;
    assert_eq!(d.request.endpoint_name.as_deref(), Some("fraud-gate"));
    assert_eq!(
        d.endpoint.current_endpoint_config_name.as_deref(),
        Some("fraud-gate-cfg-41")
    );
    assert_eq!(
        fleet(&d.endpoint.current_variants),
        vec![("AllTraffic", Some("ml.m5.2xlarge"), Some(6), Some(1.0))]
    );
    assert_eq!(
        d.endpoint.current_variants[0].model_name.as_deref(),
        Some("fraud-gate-model-41")
    );
    let route = routing(&d.request);
    assert_eq!(route.type_, Some(TrafficRoutingConfigType::Canary));
    assert_eq!(route.wait_interval_in_seconds, Some(900));
    let canary = route.canary_size.as_ref().unwrap();
    assert_eq!(canary.value, Some(1));
    let alarms: Vec<_> = alarms(&d.request)
        .iter()
        .map(|a| a.alarm_name.clone().unwrap_or_default())
        .collect();
    assert_eq!(alarms, ["fraud-gate-errors", "fraud-gate: p95 latency"]);
}

#[test]
fn output_yaml_that_is_broken_is_refused_at_its_own_line() {
    let text = fixture("session-output-yaml.txt");
    // The second output's variant list loses its dash: a mapping where YAML wants a key.
    let broken = text.replace("- InitialInstanceCount: 6", "InitialInstanceCount: 6\n  - x");
    let r = refusal(&broken);
    let line = broken
        .lines()
        .position(|l| l == "  - x")
        .map(|i| i as u32 + 1)
        .unwrap();
    let at = r.error.line.expect("the refusal has a line");
    assert!(at.abs_diff(line) <= 1, "refused at line {at}, the break is at {line}: {}", r.error.message);
    // A YAML describe output is not mistaken for a CloudFormation template.
    assert!(!r.error.message.contains("Resources"), "{}", r.error.message);
}
