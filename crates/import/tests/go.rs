//! The AWS SDK for Go: v1 and v2 `UpdateEndpointInput` composite literals with `aws.String`,
//! `aws.Int64` / `aws.Int32`, enum constants of either version and `os.Getenv` as a
//! placeholder.

use designer_core::model::TrafficRoutingConfigType;

mod common;
use common::*;

#[test]
fn v2_with_types_and_int32() {
    let o = read(&fixture("sdk/deploy_v2.go"));
    assert_eq!(o.form, "an AWS SDK for Go v2 `UpdateEndpointInput`");
    let r = &o.document.request;
    assert_eq!(r.endpoint_config_name.as_deref(), Some("search-ranker-v3"));
    let route = routing(r);
    assert_eq!(route.type_, Some(TrafficRoutingConfigType::AllAtOnce));
    assert_eq!(route.wait_interval_in_seconds, Some(300));
    assert_eq!(blue_green(r).termination_wait_in_seconds, Some(60));
    assert_eq!(alarms(r)[0].alarm_name.as_deref(), Some("search-ranker-5xx"));
    assert_eq!(placeholders(&o), vec![ph("EndpointName", "os.Getenv(\"ENDPOINT_NAME\")", 23, 34)]);
}

#[test]
fn v1_rolling_with_int64_and_string_constants() {
    let o = read(&fixture("sdk/deploy_v1.go"));
    assert_eq!(o.form, "an AWS SDK for Go v1 `UpdateEndpointInput`");
    assert_eq!(
        o.document.request,
        request(r#"{"EndpointConfigName": "pricing-v8", "DeploymentConfig": {
            "RollingUpdatePolicy": {"MaximumBatchSize": {"Type": "INSTANCE_COUNT", "Value": 2}, "WaitIntervalInSeconds": 240,
                "RollbackMaximumBatchSize": {"Type": "INSTANCE_COUNT", "Value": 1}},
            "AutoRollbackConfiguration": {"Alarms": [{"AlarmName": "pricing-errors"}, {"AlarmName": "pricing-latency"}]}}}"#)
    );
    assert_eq!(placeholders(&o), vec![ph("EndpointName", "fmt.Sprintf(\"pricing-%s\", stage)", 13, 34)]);
}

#[test]
fn a_broken_literal_is_refused_where_it_breaks() {
    let r = refusal(&fixture("sdk/broken.go"));
    assert_eq!((r.error.line, r.error.column), (Some(9), Some(1)), "{}", r.error.message);
    // A field of the wrong type, named with its path.
    let m = refused("in := &sagemaker.UpdateEndpointInput{EndpointName: aws.Int64(5)}");
    assert!(m.contains("EndpointName") && m.contains("line 1, column 62"), "{m}");
}
