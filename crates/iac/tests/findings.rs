//! Every difference between a target and the API is a finding that names the target: one
//! test each, with a design that has it and one that does not.

mod common;

use common::*;
use designer_core::model::{
    BlueGreenUpdatePolicy, CapacitySize, DeploymentConfig, DesignDocument, RollingUpdatePolicy,
    TrafficRoutingConfigType, UpdateEndpointInput, VariantProperty, VariantPropertyType,
};
use designer_core::validate::Severity;
use designer_iac::{findings, findings_with, Options, TargetFinding};

fn with_config(dc: DeploymentConfig) -> DesignDocument {
    doc(UpdateEndpointInput {
        deployment_config: Some(dc),
        ..named("ep", "cfg")
    })
}

fn canary_policy() -> BlueGreenUpdatePolicy {
    blue_green(designer_core::model::TrafficRoutingConfig {
        canary_size: Some(CapacitySize::percent(10)),
        ..routing(TrafficRoutingConfigType::Canary, 300)
    })
}

fn rolling_policy() -> RollingUpdatePolicy {
    RollingUpdatePolicy {
        maximum_batch_size: Some(CapacitySize::percent(25)),
        wait_interval_in_seconds: Some(60),
        maximum_execution_timeout_in_seconds: Some(1800),
        rollback_maximum_batch_size: None,
    }
}

/// The findings of `target` at `path`.
fn at<'a>(all: &'a [TargetFinding], target: &str, path: &str) -> Vec<&'a TargetFinding> {
    all.iter()
        .filter(|f| f.target == target && f.path == path)
        .collect()
}

fn one<'a>(all: &'a [TargetFinding], target: &str, path: &str) -> &'a TargetFinding {
    let found = at(all, target, path);
    assert_eq!(found.len(), 1, "{target} at {path}: {all:#?}");
    found[0]
}

const BG_TIMEOUT: &str = "DeploymentConfig.BlueGreenUpdatePolicy.MaximumExecutionTimeoutInSeconds";
const WAIT: &str =
    "DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration.WaitIntervalInSeconds";

#[test]
fn the_valid_designs_have_no_error_in_any_target() {
    for (name, d) in designs() {
        let errors: Vec<_> = findings(&d)
            .into_iter()
            .filter(|f| f.severity == Severity::Error)
            .collect();
        assert!(errors.is_empty(), "{name}: {errors:#?}");
    }
}

#[test]
fn terraform_refuses_a_timeout_outside_600_to_14400() {
    for (timeout, word) in [(20000, "above 14400 s"), (28800, "above 14400 s")] {
        let d = with_config(DeploymentConfig {
            blue_green_update_policy: Some(BlueGreenUpdatePolicy {
                maximum_execution_timeout_in_seconds: Some(timeout),
                ..canary_policy()
            }),
            ..Default::default()
        });
        let all = findings(&d);
        let f = one(&all, "Terraform", BG_TIMEOUT);
        assert_eq!(f.severity, Severity::Error);
        assert!(
            f.message
                .starts_with(&format!("Terraform refuses a timeout {word}")),
            "{}",
            f.message
        );
        assert!(f.message.contains("28800"), "{}", f.message);
    }
    let rolling = with_config(DeploymentConfig {
        rolling_update_policy: Some(RollingUpdatePolicy {
            maximum_execution_timeout_in_seconds: Some(14401),
            ..rolling_policy()
        }),
        ..Default::default()
    });
    let all = findings(&rolling);
    one(
        &all,
        "Terraform",
        "DeploymentConfig.RollingUpdatePolicy.MaximumExecutionTimeoutInSeconds",
    );
    // 14400 itself is fine.
    let edge = with_config(DeploymentConfig {
        blue_green_update_policy: Some(BlueGreenUpdatePolicy {
            maximum_execution_timeout_in_seconds: Some(14400),
            ..canary_policy()
        }),
        ..Default::default()
    });
    assert!(at(&findings(&edge), "Terraform", BG_TIMEOUT).is_empty());
}

#[test]
fn terraform_replaces_the_endpoint_when_the_alarms_change() {
    let d = with_config(DeploymentConfig {
        blue_green_update_policy: Some(canary_policy()),
        auto_rollback_configuration: Some(alarms(&["p99"])),
        ..Default::default()
    });
    let all = findings(&d);
    let f = one(
        &all,
        "Terraform",
        "DeploymentConfig.AutoRollbackConfiguration",
    );
    assert_eq!(f.severity, Severity::Warning);
    assert!(f
        .message
        .starts_with("In Terraform, changing these alarms replaces the endpoint"));
    let no_alarms = with_config(DeploymentConfig {
        blue_green_update_policy: Some(canary_policy()),
        ..Default::default()
    });
    assert!(at(
        &findings(&no_alarms),
        "Terraform",
        "DeploymentConfig.AutoRollbackConfiguration"
    )
    .is_empty());
}

#[test]
fn terraform_takes_exactly_one_update_policy() {
    let both = with_config(DeploymentConfig {
        blue_green_update_policy: Some(canary_policy()),
        rolling_update_policy: Some(rolling_policy()),
        ..Default::default()
    });
    let all = findings(&both);
    let f = one(&all, "Terraform", "DeploymentConfig");
    assert_eq!(f.severity, Severity::Error);
    assert!(f
        .message
        .contains("exactly one of blue_green_update_policy and rolling_update_policy"));
    let neither = with_config(DeploymentConfig {
        auto_rollback_configuration: Some(alarms(&["a"])),
        ..Default::default()
    });
    let all = findings(&neither);
    assert!(one(&all, "Terraform", "DeploymentConfig")
        .message
        .contains("needs exactly one"));
    let one_policy = with_config(DeploymentConfig {
        rolling_update_policy: Some(rolling_policy()),
        ..Default::default()
    });
    assert!(at(&findings(&one_policy), "Terraform", "DeploymentConfig").is_empty());
}

#[test]
fn terraform_aws_cannot_set_the_retain_members() {
    let d = doc(UpdateEndpointInput {
        retain_all_variant_properties: Some(true),
        exclude_retained_variant_properties: Some(vec![VariantProperty {
            variant_property_type: Some(VariantPropertyType::DesiredWeight),
        }]),
        retain_deployment_config: Some(true),
        ..named("ep", "cfg")
    });
    let all = findings(&d);
    for member in [
        "RetainAllVariantProperties",
        "ExcludeRetainedVariantProperties",
        "RetainDeploymentConfig",
    ] {
        let f = one(&all, "Terraform", member);
        assert!(
            f.message.starts_with(&format!(
                "Terraform's aws provider cannot set {member}: use awscc or the CLI"
            )),
            "{}",
            f.message
        );
    }
    // false is what the provider does anyway.
    let defaults = doc(UpdateEndpointInput {
        retain_all_variant_properties: Some(false),
        retain_deployment_config: Some(false),
        ..named("ep", "cfg")
    });
    assert!(at(
        &findings(&defaults),
        "Terraform",
        "RetainAllVariantProperties"
    )
    .is_empty());
}

#[test]
fn terraform_requires_the_wait_intervals() {
    let mut policy = canary_policy();
    if let Some(t) = policy.traffic_routing_configuration.as_mut() {
        t.wait_interval_in_seconds = None;
    }
    let d = with_config(DeploymentConfig {
        blue_green_update_policy: Some(policy),
        ..Default::default()
    });
    let all = findings(&d);
    assert!(one(&all, "Terraform", WAIT)
        .message
        .contains("Terraform requires wait_interval_in_seconds in traffic_routing_configuration"));
    let rolling = with_config(DeploymentConfig {
        rolling_update_policy: Some(RollingUpdatePolicy {
            wait_interval_in_seconds: None,
            ..rolling_policy()
        }),
        ..Default::default()
    });
    let all = findings(&rolling);
    assert!(one(
        &all,
        "Terraform",
        "DeploymentConfig.RollingUpdatePolicy.WaitIntervalInSeconds"
    )
    .message
    .contains("in rolling_update_policy"));
}

#[test]
fn cloudformation_lets_through_what_fails_at_deploy_time() {
    const DEPLOY: &str =
        "CloudFormation accepts this template but the update fails at deploy time: ";
    // WaitIntervalInSeconds left out.
    let mut policy = canary_policy();
    if let Some(t) = policy.traffic_routing_configuration.as_mut() {
        t.wait_interval_in_seconds = None;
    }
    let d = with_config(DeploymentConfig {
        blue_green_update_policy: Some(policy),
        ..Default::default()
    });
    let all = findings(&d);
    let f = one(&all, "CloudFormation", WAIT);
    assert_eq!(f.severity, Severity::Error);
    assert!(
        f.message.starts_with(DEPLOY) && f.message.contains("WaitIntervalInSeconds"),
        "{}",
        f.message
    );
    // Property types outside the API's enum, and more than three of them.
    let d = doc(UpdateEndpointInput {
        retain_all_variant_properties: Some(true),
        exclude_retained_variant_properties: Some(
            [
                "DesiredWeight",
                "InstanceType",
                "DesiredInstanceCount",
                "DataCaptureConfig",
            ]
            .iter()
            .map(|s| VariantProperty {
                variant_property_type: Some(VariantPropertyType::from_wire(s)),
            })
            .collect(),
        ),
        ..named("ep", "cfg")
    });
    let all = findings(&d);
    let cfn: Vec<_> = all
        .iter()
        .filter(|f| {
            f.target == "CloudFormation" && f.path.starts_with("ExcludeRetainedVariantProperties")
        })
        .collect();
    assert!(cfn.len() >= 2, "{all:#?}");
    assert!(cfn.iter().all(|f| f.message.starts_with(DEPLOY)));
    assert!(cfn
        .iter()
        .any(|f| f.path == "ExcludeRetainedVariantProperties[1].VariantPropertyType"));
    // Both update policies.
    let both = with_config(DeploymentConfig {
        blue_green_update_policy: Some(canary_policy()),
        rolling_update_policy: Some(rolling_policy()),
        ..Default::default()
    });
    let all = findings(&both);
    assert!(one(&all, "CloudFormation", "DeploymentConfig")
        .message
        .starts_with(DEPLOY));
    // LINEAR without its step size.
    let linear = with_config(DeploymentConfig {
        blue_green_update_policy: Some(blue_green(routing(TrafficRoutingConfigType::Linear, 60))),
        ..Default::default()
    });
    let all = findings(&linear);
    assert!(one(
        &all,
        "CloudFormation",
        "DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration.LinearStepSize"
    )
    .message
    .starts_with(DEPLOY));
}

#[test]
fn cloudformation_replaces_the_endpoint_when_its_name_changes() {
    let all = findings(&doc(named("ep", "cfg")));
    let f = one(&all, "CloudFormation", "EndpointName");
    assert_eq!(f.severity, Severity::Warning);
    assert!(f
        .message
        .starts_with("In CloudFormation, changing EndpointName replaces the endpoint"));
    let unnamed = doc(UpdateEndpointInput {
        endpoint_config_name: Some("cfg".into()),
        ..Default::default()
    });
    assert!(at(&findings(&unnamed), "CloudFormation", "EndpointName").is_empty());
}

#[test]
fn cloudformation_refuses_the_same_alarm_twice() {
    let d = with_config(DeploymentConfig {
        blue_green_update_policy: Some(canary_policy()),
        auto_rollback_configuration: Some(alarms(&["a", "b", "a"])),
        ..Default::default()
    });
    let all = findings(&d);
    one(
        &all,
        "CloudFormation",
        "DeploymentConfig.AutoRollbackConfiguration.Alarms[2]",
    );
}

#[test]
fn iam_says_when_region_and_account_are_missing() {
    let d = designs()[1].1.clone();
    let all = findings(&d);
    assert!(one(&all, "IAM", "Iam.Region")
        .message
        .contains("xx-fillin-1"));
    assert!(one(&all, "IAM", "Iam.Account")
        .message
        .contains("000000000000"));
    let filled = Options {
        region: "eu-west-1".into(),
        account: "123456789012".into(),
        ..Options::default()
    };
    let all = findings_with(&d, &filled);
    assert!(all.iter().all(|f| f.target != "IAM"), "{all:#?}");
    let bad = Options {
        account: "1234".into(),
        ..filled
    };
    assert!(one(&findings_with(&d, &bad), "IAM", "Iam.Account")
        .message
        .contains("12 digits"));
}

#[test]
fn cdk_tokens_in_text_are_a_cdk_finding() {
    let d = with_config(DeploymentConfig {
        blue_green_update_policy: Some(canary_policy()),
        auto_rollback_configuration: Some(alarms(&["ok", "x-${Token[TOKEN.12]}"])),
        ..Default::default()
    });
    let all = findings(&d);
    let f = one(
        &all,
        "CDK",
        "DeploymentConfig.AutoRollbackConfiguration.Alarms[1].AlarmName",
    );
    assert_eq!(f.severity, Severity::Error);
}

#[test]
fn findings_name_their_target_in_the_message() {
    let d = with_config(DeploymentConfig {
        blue_green_update_policy: Some(BlueGreenUpdatePolicy {
            maximum_execution_timeout_in_seconds: Some(20000),
            ..canary_policy()
        }),
        rolling_update_policy: Some(rolling_policy()),
        auto_rollback_configuration: Some(alarms(&["a", "a"])),
    });
    let all = findings(&d);
    assert!(all.len() >= 6, "{all:#?}");
    for f in &all {
        let named = f.message.contains(f.target)
            || (f.target == "Terraform (awscc)" && f.message.contains("awscc"));
        assert!(named, "{f:#?}");
    }
}

/// CloudFormation's deploy-time findings are exactly where the core's validation has an
/// error of the matching rule: the two never disagree about what the API refuses.
#[test]
fn cloudformation_deploy_time_findings_match_the_cores_errors() {
    use designer_core::validate::validate;
    let mut cases: Vec<DesignDocument> = designs().into_iter().map(|(_, d)| d).collect();
    cases.extend(hostile_designs().into_iter().map(|(_, d)| d));
    cases.extend(generated_designs(40).into_iter().map(|(_, d)| d));
    let mut bad_routing = canary_policy();
    if let Some(t) = bad_routing.traffic_routing_configuration.as_mut() {
        t.wait_interval_in_seconds = None;
        t.canary_size = None;
    }
    cases.push(with_config(DeploymentConfig {
        blue_green_update_policy: Some(bad_routing),
        rolling_update_policy: Some(rolling_policy()),
        ..Default::default()
    }));
    cases.push(with_config(DeploymentConfig {
        blue_green_update_policy: Some(blue_green(routing(TrafficRoutingConfigType::Linear, 1))),
        ..Default::default()
    }));
    cases.push(doc(UpdateEndpointInput {
        exclude_retained_variant_properties: Some(vec![VariantProperty::default(); 5]),
        ..named("ep", "cfg")
    }));
    let mut seen = 0;
    for d in cases {
        let mut ours: Vec<String> = findings(&d)
            .into_iter()
            .filter(|f| {
                f.message
                    .starts_with("CloudFormation accepts this template")
            })
            .map(|f| f.path)
            .collect();
        let mut core: Vec<String> = validate(&d)
            .into_iter()
            .filter(|f| f.severity == Severity::Error)
            .filter(|f| match f.rule {
                "R2" | "S1" => true,
                "R4" => {
                    f.path.ends_with("WaitIntervalInSeconds")
                        && f.aws_message.contains("Missing required")
                }
                "S2" | "S3" => f.aws_message.contains("is required when"),
                _ => false,
            })
            .map(|f| f.path)
            .collect();
        ours.sort();
        core.sort();
        core.dedup();
        seen += ours.len();
        assert_eq!(ours, core, "{:#?}", d.request);
    }
    assert!(
        seen >= 10,
        "the table exercises the rules ({seen} findings)"
    );
}

#[test]
fn terraform_stops_waiting_before_a_long_rollout_ends() {
    // Linear 10% baking 15 minutes on a fleet of 10, the helper's 5-minute termination wait:
    // 300 + 10 × 900 + 300 = 9600 s.
    let mut policy = canary_policy();
    let routing = policy.traffic_routing_configuration.as_mut().unwrap();
    routing.type_ = Some(TrafficRoutingConfigType::Linear);
    routing.canary_size = None;
    routing.linear_step_size = Some(CapacitySize::percent(10));
    routing.wait_interval_in_seconds = Some(900);
    policy.maximum_execution_timeout_in_seconds = None;
    let mut doc = with_config(DeploymentConfig {
        blue_green_update_policy: Some(policy),
        ..Default::default()
    });
    for v in doc.endpoint.current_variants.iter_mut().chain(doc.endpoint.new_variants.iter_mut()) {
        v.initial_instance_count = Some(10);
    }
    let all = designer_iac::findings(&doc);
    let f = one(&all, "Terraform", "DeploymentConfig");
    assert_eq!(f.severity, Severity::Warning);
    assert!(f.message.contains("Terraform stops waiting after 1h; this rollout takes 2h 40m"), "{}", f.message);
    // A 15-minute canary fits in the hour: no such finding.
    let short = with_config(DeploymentConfig { blue_green_update_policy: Some(canary_policy()), ..Default::default() });
    assert!(at(&designer_iac::findings(&short), "Terraform", "DeploymentConfig").is_empty());
}
