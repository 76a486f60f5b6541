//! The AWS SDK for Java: 2.x builders (nested `builder()...build()`, consumer lambdas, enum
//! constants and strings), the client's `updateEndpoint(r -> ...)`, and 1.x's `with` setters.

use designer_core::model::{CapacitySizeType, TrafficRoutingConfigType};

mod common;
use common::*;

#[test]
fn a_builder_with_lambdas_enums_and_a_built_config() {
    let o = read(&fixture("sdk/UpdateScoring.java"));
    assert_eq!(o.form, "an AWS SDK for Java 2.x `UpdateEndpointRequest` builder");
    let r = &o.document.request;
    let route = routing(r);
    assert_eq!(route.type_, Some(TrafficRoutingConfigType::Linear));
    assert_eq!(route.wait_interval_in_seconds, Some(900), "a static final of the class");
    let step = route.linear_step_size.as_ref().unwrap();
    assert_eq!((step.type_.clone(), step.value), (Some(CapacitySizeType::CapacityPercent), Some(25)));
    assert_eq!(blue_green(r).termination_wait_in_seconds, Some(600));
    assert_eq!(blue_green(r).maximum_execution_timeout_in_seconds, Some(7200));
    // Varargs alarms become the list.
    assert_eq!(alarms(r).len(), 2);
    assert_eq!(alarms(r)[0].alarm_name.as_deref(), Some("scoring-5xx"));
    assert_eq!(
        placeholders(&o),
        vec![
            ph("EndpointName", "endpointName", 31, 31),
            ph("EndpointConfigName", "args[0]", 32, 37),
            ph("DeploymentConfig.AutoRollbackConfiguration.Alarms[1].AlarmName", "endpointName + \"-latency\"", 27, 51),
        ]
    );
}

#[test]
fn the_clients_consumer_lambda_and_string_types() {
    let text = "sageMaker.updateEndpoint(r -> r\n    .endpointName(\"orders\")\n    .endpointConfigName(\"orders-v2\")\n    .deploymentConfig(d -> d.rollingUpdatePolicy(p -> p\n        .maximumBatchSize(b -> b.type(\"INSTANCE_COUNT\").value(3))\n        .waitIntervalInSeconds(Integer.valueOf(120)))));\n";
    let o = read(text);
    assert_eq!(o.form, "an AWS SDK for Java 2.x `updateEndpoint` call with a builder lambda");
    assert_eq!(
        o.document.request,
        request(r#"{"EndpointName": "orders", "EndpointConfigName": "orders-v2", "DeploymentConfig": {"RollingUpdatePolicy": {"MaximumBatchSize": {"Type": "INSTANCE_COUNT", "Value": 3}, "WaitIntervalInSeconds": 120}}}"#)
    );
}

#[test]
fn version_one_with_setters_and_lists() {
    let text = "UpdateEndpointRequest req = new UpdateEndpointRequest()\n    .withEndpointName(\"ep\")\n    .withDeploymentConfig(new DeploymentConfig()\n        .withAutoRollbackConfiguration(new AutoRollbackConfig()\n            .withAlarms(Arrays.asList(new Alarm().withAlarmName(\"a\"), new Alarm().withAlarmName(\"b\"))))\n        .withBlueGreenUpdatePolicy(new BlueGreenUpdatePolicy()\n            .withTrafficRoutingConfiguration(new TrafficRoutingConfig().withType(TrafficRoutingConfigType.ALL_AT_ONCE).withWaitIntervalInSeconds(30))));\n";
    let o = read(text);
    assert_eq!(o.form, "an AWS SDK for Java 1.x `UpdateEndpointRequest`");
    let r = &o.document.request;
    assert_eq!(routing(r).type_, Some(TrafficRoutingConfigType::AllAtOnce));
    let names: Vec<_> = alarms(r).iter().map(|a| a.alarm_name.clone().unwrap()).collect();
    assert_eq!(names, ["a", "b"]);
}

#[test]
fn a_broken_builder_is_refused_where_it_breaks() {
    let r = refusal(&fixture("sdk/broken.java"));
    assert_eq!((r.error.line, r.error.column), (Some(6), Some(17)), "{}", r.error.message);
    assert!(r.error.message.contains("expected ',' or ')'"), "{}", r.error.message);
    // A member the API does not have, named at its place.
    let m = refused("UpdateEndpointRequest.builder().endpointName(\"e\").canary(5).build()");
    assert!(m.contains("Canary") && m.contains("line 1, column 58"), "{m}");
}
