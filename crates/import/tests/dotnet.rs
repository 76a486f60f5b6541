//! The AWS SDK for .NET: `new UpdateEndpointRequest { ... }` with object and collection
//! initialisers, enum constants, interpolated strings and environment defaults.

use designer_core::model::{CapacitySizeType, TrafficRoutingConfigType};

mod common;
use common::*;

#[test]
fn initialisers_constants_and_an_interpolated_alarm() {
    let o = read(&fixture("sdk/Deploy.cs"));
    assert_eq!(o.form, "an AWS SDK for .NET `UpdateEndpointRequest`");
    let r = &o.document.request;
    let route = routing(r);
    assert_eq!(route.type_, Some(TrafficRoutingConfigType::Canary));
    let canary = route.canary_size.as_ref().unwrap();
    assert_eq!((canary.type_.clone(), canary.value), (Some(CapacitySizeType::InstanceCount), Some(2)));
    assert_eq!(route.wait_interval_in_seconds, Some(420));
    assert_eq!(blue_green(r).maximum_execution_timeout_in_seconds, Some(5400));
    assert_eq!(alarms(r)[1].alarm_name.as_deref(), Some("vision-tagger-latency"));
    assert_eq!(
        placeholders(&o),
        vec![
            ph("EndpointName", "endpoint", 15, 28),
            ph("EndpointConfigName", "configName", 16, 34),
            ph("DeploymentConfig.AutoRollbackConfiguration.Alarms[0].AlarmName", "$\"{endpoint}-5xx\"", 33, 49),
        ]
    );
    defaults_offered(&o, 1, &["ENDPOINT", "vision-tagger"], &[]);
}

#[test]
fn a_missing_brace_is_refused_at_the_end() {
    let r = refusal("var r = new UpdateEndpointRequest\n{\n    EndpointName = \"ep\",\n    DeploymentConfig = new DeploymentConfig { RetainAll = 1,\n};\n");
    assert_eq!((r.error.line, r.error.column), (Some(6), Some(1)), "{}", r.error.message);
    assert!(r.error.message.contains("expected '}'"), "{}", r.error.message);
}
