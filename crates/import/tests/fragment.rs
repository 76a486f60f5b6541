//! A policy alone (`DeploymentConfig`, `BlueGreenUpdatePolicy`, `RollingUpdatePolicy`) in
//! JSON, YAML or a Python dict: merged into the current design, which keeps the rest.

use designer_core::model::{
    Alarm, AutoRollbackConfig, DeploymentConfig, DesignDocument, Placeholder, RollingUpdatePolicy,
    TrafficRoutingConfigType,
};

mod common;
use common::*;

/// A design with names, a rolling policy, an alarm and a placeholder under the policy.
fn design() -> DesignDocument {
    let mut d = DesignDocument::default();
    d.request.endpoint_name = Some("orders".to_string());
    d.request.endpoint_config_name = Some("orders-v3".to_string());
    d.request.deployment_config = Some(DeploymentConfig {
        rolling_update_policy: Some(RollingUpdatePolicy { wait_interval_in_seconds: Some(60), ..Default::default() }),
        auto_rollback_configuration: Some(AutoRollbackConfig {
            alarms: Some(vec![Alarm { alarm_name: Some("orders-5xx".to_string()) }]),
        }),
        ..Default::default()
    });
    d.placeholders = vec![
        Placeholder { path: "EndpointConfigName".to_string(), expression: "cfg".to_string(), line: Some(1), column: Some(1) },
        Placeholder { path: "DeploymentConfig.RollingUpdatePolicy.MaximumBatchSize.Value".to_string(), expression: "n".to_string(), line: Some(2), column: Some(1) },
    ];
    d
}

#[test]
fn a_json_blue_green_policy_replaces_the_rolling_one_and_keeps_the_rest() {
    let current = design();
    let o = read_onto(&fixture("fragment/blue-green.json"), &current);
    assert_eq!(o.form, "a bare `BlueGreenUpdatePolicy` (JSON)");
    let r = &o.document.request;
    assert_eq!(r.endpoint_name.as_deref(), Some("orders"));
    assert_eq!(r.endpoint_config_name.as_deref(), Some("orders-v3"));
    assert_eq!(routing(r).type_, Some(TrafficRoutingConfigType::Linear));
    assert_eq!(routing(r).linear_step_size.as_ref().unwrap().value, Some(20));
    assert!(r.deployment_config.as_ref().unwrap().rolling_update_policy.is_none());
    assert_eq!(alarms(r)[0].alarm_name.as_deref(), Some("orders-5xx"), "the alarms are kept");
    // The rolling policy's placeholder went with it; the name's stays.
    assert_eq!(held(&o), vec![hole("EndpointConfigName", "cfg", 1)]);
    assert!(o.notes[0].contains("rollback alarms, the endpoint's name and config and the fleets are kept"), "{:?}", o.notes);
}

#[test]
fn a_yaml_deployment_config_replaces_the_whole_policy() {
    let o = read_onto(&fixture("fragment/deployment-config.yaml"), &design());
    assert_eq!(o.form, "a bare `DeploymentConfig` (YAML)");
    let r = &o.document.request;
    assert_eq!(r.endpoint_name.as_deref(), Some("orders"));
    let rolling = r.deployment_config.as_ref().unwrap().rolling_update_policy.as_ref().unwrap();
    assert_eq!(rolling.maximum_batch_size.as_ref().unwrap().value, Some(25));
    assert_eq!(rolling.wait_interval_in_seconds, Some(300));
    assert_eq!(alarms(r)[0].alarm_name.as_deref(), Some("orders-5xx"));
    // Every placeholder under the old policy went with it.
    assert_eq!(held(&o), vec![hole("EndpointConfigName", "cfg", 1)]);
}

#[test]
fn a_python_rolling_dict_with_a_variable() {
    let o = read_onto(&fixture("fragment/rolling.py"), &design());
    assert_eq!(o.form, "a bare `RollingUpdatePolicy` (a Python dict)");
    let rolling = o.document.request.deployment_config.as_ref().unwrap().rolling_update_policy.as_ref().unwrap();
    assert_eq!(rolling.wait_interval_in_seconds, Some(90));
    assert_eq!(rolling.rollback_maximum_batch_size.as_ref().unwrap().value, Some(3));
    assert_eq!(alarms(&o.document.request).len(), 1);
    assert_eq!(
        placeholders(&o)[1],
        ph("DeploymentConfig.RollingUpdatePolicy.MaximumBatchSize.Value", "batch", 2, 61)
    );
}

#[test]
fn a_bare_json_deployment_config_keeps_the_names() {
    let o = read_onto(r#"{"AutoRollbackConfiguration": {"Alarms": [{"AlarmName": "x"}]}}"#, &design());
    assert_eq!(o.form, "a bare `DeploymentConfig` (JSON)");
    assert_eq!(o.document.request.endpoint_name.as_deref(), Some("orders"));
    assert_eq!(alarms(&o.document.request)[0].alarm_name.as_deref(), Some("x"));
    assert!(o.document.request.deployment_config.as_ref().unwrap().rolling_update_policy.is_none());
}

#[test]
fn a_wrong_value_is_refused_at_its_place() {
    let m = refused("{\n  \"TrafficRoutingConfiguration\": {\"Type\": \"CANARY\", \"WaitIntervalInSeconds\": \"ten\"}\n}");
    assert!(m.contains("WaitIntervalInSeconds") && m.contains("line 2"), "{m}");
}
