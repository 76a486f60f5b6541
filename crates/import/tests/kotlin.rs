//! The AWS SDK for Kotlin's builders: `UpdateEndpointRequest { ... }`, nested builder blocks,
//! Kotlin enum constants, `listOf`, string templates and environment defaults.

use designer_core::model::{CapacitySizeType, TrafficRoutingConfigType};
use designer_import::Options;

mod common;
use common::*;

#[test]
fn a_dsl_request_with_nested_blocks_and_templates() {
    let o = read(&fixture("sdk/Deploy.kt"));
    assert_eq!(o.form, "an AWS SDK for Kotlin `UpdateEndpointRequest { ... }` builder");
    let r = &o.document.request;
    assert_eq!(r.endpoint_config_name.as_deref(), Some("churn-model-v12"));
    let route = routing(r);
    assert_eq!(route.type_, Some(TrafficRoutingConfigType::Canary));
    let canary = route.canary_size.as_ref().unwrap();
    assert_eq!((canary.type_.clone(), canary.value), (Some(CapacitySizeType::InstanceCount), Some(1)));
    assert_eq!(blue_green(r).termination_wait_in_seconds, Some(120));
    assert_eq!(alarms(r)[1].alarm_name.as_deref(), Some("churn-latency"));
    assert_eq!(
        placeholders(&o),
        vec![
            ph("EndpointName", "endpoint", 9, 24),
            ph("DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration.WaitIntervalInSeconds", "bake", 19, 45),
            ph("DeploymentConfig.AutoRollbackConfiguration.Alarms[0].AlarmName", "\"$endpoint-errors\"", 24, 53),
        ]
    );
    // `?: "churn-model"` and `(... ?: "480").toInt()` are offered.
    defaults_offered(&o, 2, &["ENDPOINT", "BAKE_SECONDS"], &[]);
    let filled = read_with(&fixture("sdk/Deploy.kt"), &Options { choices: vec![("defaults".to_string(), 1)] });
    assert_eq!(filled.document.request.endpoint_name.as_deref(), Some("churn-model"));
    assert_eq!(routing(&filled.document.request).wait_interval_in_seconds, Some(480));
}

#[test]
fn the_clients_trailing_lambda() {
    let text = "sageMaker.updateEndpoint {\n    endpointName = \"ep\"; endpointConfigName = \"cfg\"\n    retainDeploymentConfig = true\n}\n";
    let o = read(text);
    assert_eq!(o.form, "an AWS SDK for Kotlin `updateEndpoint { ... }` call");
    assert_eq!(o.document.request, request(r#"{"EndpointName": "ep", "EndpointConfigName": "cfg", "RetainDeploymentConfig": true}"#));
}

#[test]
fn a_broken_block_is_refused_at_the_end() {
    let r = refusal("val r = UpdateEndpointRequest {\n    endpointName = \"ep\"\n    deploymentConfig {\n        rollingUpdatePolicy { waitIntervalInSeconds = 60 }\n}\n");
    assert_eq!(r.error.line, Some(6), "{}", r.error.message);
    assert!(r.error.message.contains("'}'"), "{}", r.error.message);
}
