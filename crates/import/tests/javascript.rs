//! The AWS SDK for JavaScript (v3 `UpdateEndpointCommand` and aggregated client, v2
//! `updateEndpoint(...).promise()`), in JavaScript and TypeScript: the request, the
//! placeholders with their expressions and places, the environment defaults offered, the
//! form, and the refusals.

use designer_core::model::{CapacitySizeType, DesignDocument, TrafficRoutingConfigType};
use designer_import::Options;

mod common;
use common::*;

#[test]
fn a_v3_command_in_typescript_reads_spreads_consts_and_env_defaults() {
    let o = read(&fixture("sdk/roll-out-v3.ts"));
    assert_eq!(o.form, "an AWS SDK for JavaScript v3 `UpdateEndpointCommand` (TypeScript)");
    let r = &o.document.request;
    let route = routing(r);
    assert_eq!(route.type_, Some(TrafficRoutingConfigType::Canary));
    assert_eq!(route.wait_interval_in_seconds, Some(600), "a const of the file");
    let canary = route.canary_size.as_ref().unwrap();
    assert_eq!((canary.type_.clone(), canary.value), (Some(CapacitySizeType::CapacityPercent), Some(10)));
    assert_eq!(blue_green(r).maximum_execution_timeout_in_seconds, Some(3600));
    // The alarms come from `...rollback`, an object built earlier `as const`.
    assert_eq!(alarms(r)[0].alarm_name.as_deref(), Some("fraud-scorer-5xx"));
    assert_eq!(
        placeholders(&o),
        vec![
            ph("EndpointName", "process.env.ENDPOINT_NAME ?? \"fraud-scorer\"", 22, 19),
            ph("EndpointConfigName", "configName", 23, 25),
            ph("DeploymentConfig.AutoRollbackConfiguration.Alarms[1].AlarmName", "`fraud-scorer-${stage}-p99`", 16, 62),
        ]
    );
    // The default of the environment variable is offered, and filled in when picked.
    let label = defaults_offered(&o, 1, &["ENDPOINT_NAME"], &[]);
    assert!(label.contains("fraud-scorer"), "{label}");
    let filled = read_with(
        &fixture("sdk/roll-out-v3.ts"),
        &Options { choices: vec![("defaults".to_string(), 1)] },
    );
    assert_eq!(filled.document.request.endpoint_name.as_deref(), Some("fraud-scorer"));
}

#[test]
fn a_v2_call_with_promise_in_javascript() {
    let o = read(&fixture("sdk/deploy-v2.js"));
    assert_eq!(o.form, "an AWS SDK for JavaScript v2 `updateEndpoint` call (JavaScript)");
    let r = &o.document.request;
    assert_eq!(r.endpoint_name.as_deref(), Some("recommender"));
    assert_eq!(r.retain_all_variant_properties, Some(true));
    let rolling = r.deployment_config.as_ref().and_then(|d| d.rolling_update_policy.as_ref()).unwrap();
    assert_eq!(rolling.maximum_batch_size.as_ref().unwrap().value, Some(2));
    assert_eq!(rolling.rollback_maximum_batch_size.as_ref().unwrap().value, Some(4));
    assert_eq!(rolling.wait_interval_in_seconds, Some(300));
    assert_eq!(held(&o), vec![hole("EndpointConfigName", "event.configName", 8)]);
}

#[test]
fn the_v3_aggregated_client_and_an_inline_input() {
    let text = "import { SageMaker } from '@aws-sdk/client-sagemaker';\nconst sm = new SageMaker({});\nawait sm.updateEndpoint({\n  EndpointName: 'ep',\n  EndpointConfigName: `cfg-${version}`,\n  RetainDeploymentConfig: true,\n});\n";
    let o = read(text);
    assert_eq!(o.form, "an AWS SDK for JavaScript v3 `updateEndpoint` call (JavaScript)");
    assert_eq!(o.document.request.endpoint_name.as_deref(), Some("ep"));
    assert_eq!(o.document.request.retain_deployment_config, Some(true));
    assert_eq!(placeholders(&o), vec![ph("EndpointConfigName", "`cfg-${version}`", 5, 23)]);
}

#[test]
fn onto_a_design_the_endpoint_and_fleets_are_kept() {
    let mut current = DesignDocument::default();
    current.endpoint.current_endpoint_config_name = Some("fraud-v1".to_string());
    let o = read_onto(&fixture("sdk/deploy-v2.js"), &current);
    assert_eq!(o.document.endpoint, current.endpoint);
}

#[test]
fn several_commands_offer_a_choice() {
    let text = "const a = new UpdateEndpointCommand({ EndpointName: 'a', EndpointConfigName: 'c1' });\nconst b = new UpdateEndpointCommand({ EndpointName: 'b', EndpointConfigName: 'c2' });\n";
    let o = read(text);
    assert_eq!(o.document.request.endpoint_name.as_deref(), Some("a"));
    assert_eq!(o.choices[0].options.len(), 2);
    let o = read_with(text, &Options { choices: vec![("request".to_string(), 1)] });
    assert_eq!(o.document.request.endpoint_name.as_deref(), Some("b"));
    assert!(o.notes.iter().any(|n| n.contains("line 2")), "{:?}", o.notes);
}

#[test]
fn refusals_say_what_and_where() {
    // A broken brace: the object is never closed.
    let r = refusal("await client.send(new UpdateEndpointCommand({\n  EndpointName: 'ep',\n  DeploymentConfig: { RollingUpdatePolicy: { WaitIntervalInSeconds: 60 }\n}));\n");
    assert_eq!((r.error.line, r.error.column), (Some(4), Some(2)), "{}", r.error.message);
    // camelCase members are not the SDK's: refused at the member, in botocore's words.
    let m = refused("new UpdateEndpointCommand({ endpointName: 'ep' })");
    assert!(m.contains("Unknown parameter") && m.contains("endpointName") && m.contains("line 1, column 29"), "{m}");
    // An input the text does not show.
    let m = refused("await client.send(new UpdateEndpointCommand(buildInput()));");
    assert!(m.contains("buildInput()"), "{m}");
}
