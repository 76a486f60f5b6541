//! Validation as a user meets it: for each rule of VALIDATION.md (R1..R9, S1..S14), a value
//! at the boundary passes and a value just past it gives one finding at the field's path,
//! with the rule, the severity and this design's numbers in its messages.

use std::time::Instant;

use deployment_designer::core::examples::{blank_design, example, EXAMPLES};
use deployment_designer::core::limits::{self, LISTS, STRUCTURES};
use deployment_designer::core::model::*;
use deployment_designer::core::validate::{
    aws_error_summary, botocore_error_summary, validate, Finding, Severity,
};
use proptest::prelude::*;
use proptest::strategy::Strategy as _;

// ---------------------------------------------------------------------------------------
// Helpers

/// A valid design: canary 10% on 10 ml.m5.xlarge instances, W 600, T 300, M 3600, 2 alarms.
fn canary() -> DesignDocument {
    example("canary").expect("the canary example exists")
}

fn rolling() -> DesignDocument {
    example("rolling").expect("the rolling example exists")
}

fn at<'a>(findings: &'a [Finding], path: &str) -> Vec<&'a Finding> {
    findings.iter().filter(|f| f.path == path).collect()
}

/// The one finding at `path`, checked for rule and severity.
fn one(doc: &DesignDocument, path: &str, rule: &str, severity: Severity) -> Finding {
    let all = validate(doc);
    let here = at(&all, path);
    assert_eq!(
        here.len(),
        1,
        "expected one finding at {path}, got {all:#?}"
    );
    let f = here[0].clone();
    assert_eq!((f.rule, f.severity), (rule, severity), "{f:#?}");
    f
}

fn error(doc: &DesignDocument, path: &str, rule: &str) -> Finding {
    one(doc, path, rule, Severity::Error)
}

fn warning(doc: &DesignDocument, path: &str, rule: &str) -> Finding {
    one(doc, path, rule, Severity::Warning)
}

fn clean(doc: &DesignDocument, path: &str) {
    let all = validate(doc);
    assert!(
        at(&all, path).is_empty(),
        "expected nothing at {path}, got {all:#?}"
    );
}

fn has(f: &Finding, parts: &[&str]) {
    for p in parts {
        assert!(
            f.explanation.contains(p) || f.aws_message.contains(p),
            "{p:?} is in neither message of {f:#?}"
        );
    }
}

fn dc(doc: &mut DesignDocument) -> &mut DeploymentConfig {
    doc.request
        .deployment_config
        .get_or_insert_with(Default::default)
}

fn bg(doc: &mut DesignDocument) -> &mut BlueGreenUpdatePolicy {
    dc(doc)
        .blue_green_update_policy
        .get_or_insert_with(Default::default)
}

fn tr(doc: &mut DesignDocument) -> &mut TrafficRoutingConfig {
    bg(doc)
        .traffic_routing_configuration
        .get_or_insert_with(Default::default)
}

fn rp(doc: &mut DesignDocument) -> &mut RollingUpdatePolicy {
    dc(doc)
        .rolling_update_policy
        .get_or_insert_with(Default::default)
}

fn set_fleet(doc: &mut DesignDocument, n: i64) {
    doc.endpoint.current_variants[0].initial_instance_count = Some(n);
    doc.endpoint.new_variants[0].initial_instance_count = Some(n);
}

fn with_canary(n: i64, size: CapacitySize) -> DesignDocument {
    let mut d = canary();
    set_fleet(&mut d, n);
    tr(&mut d).canary_size = Some(size);
    d
}

fn with_linear(n: i64, size: CapacitySize) -> DesignDocument {
    let mut d = canary();
    set_fleet(&mut d, n);
    bg(&mut d).maximum_execution_timeout_in_seconds = None;
    let t = tr(&mut d);
    t.type_ = Some(TrafficRoutingConfigType::Linear);
    t.canary_size = None;
    t.linear_step_size = Some(size);
    d
}

fn with_batch(n: i64, size: CapacitySize) -> DesignDocument {
    let mut d = rolling();
    set_fleet(&mut d, n);
    let r = rp(&mut d);
    r.maximum_batch_size = Some(size);
    r.maximum_execution_timeout_in_seconds = None;
    r.rollback_maximum_batch_size = None;
    d
}

fn alarms(names: Vec<Option<String>>) -> DesignDocument {
    let mut d = canary();
    dc(&mut d).auto_rollback_configuration = Some(AutoRollbackConfig {
        alarms: Some(
            names
                .into_iter()
                .map(|alarm_name| Alarm { alarm_name })
                .collect(),
        ),
    });
    d
}

const TRAFFIC: &str = "DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration";
const ROLLING: &str = "DeploymentConfig.RollingUpdatePolicy";
const ALARMS: &str = "DeploymentConfig.AutoRollbackConfiguration.Alarms";

// ---------------------------------------------------------------------------------------
// Designs the page ships

#[test]
fn every_example_is_free_of_findings() {
    for e in EXAMPLES {
        let f = validate(&(e.build)());
        assert!(f.is_empty(), "example {} has findings: {f:#?}", e.id);
    }
}

#[test]
fn a_blank_design_asks_for_the_two_names() {
    let f = validate(&blank_design());
    let paths: Vec<(&str, &str)> = f.iter().map(|f| (f.path.as_str(), f.rule)).collect();
    assert_eq!(
        paths,
        [("EndpointName", "R1"), ("EndpointConfigName", "R1")]
    );
    assert_eq!(
        f[0].aws_message,
        "Parameter validation failed:\nMissing required parameter in input: \"EndpointName\""
    );
    assert_eq!(
        botocore_error_summary(&f).as_deref(),
        Some(
            "Parameter validation failed:\nMissing required parameter in input: \"EndpointName\"\n\
             Missing required parameter in input: \"EndpointConfigName\""
        )
    );
    assert_eq!(aws_error_summary(&f), None);
}

// ---------------------------------------------------------------------------------------
// R1..R9: the service model

#[test]
fn r1_names_follow_length_and_pattern() {
    for path in ["EndpointName", "EndpointConfigName"] {
        let set = |v: &str| {
            let mut d = canary();
            if path == "EndpointName" {
                d.request.endpoint_name = Some(v.into());
            } else {
                d.request.endpoint_config_name = Some(v.into());
            }
            d
        };
        for ok in ["a", "A-1", "a--b", &"a".repeat(63)] {
            clean(&set(ok), path);
        }
        let f = error(&set(&"a".repeat(64)), path, "R1");
        has(
            &f,
            &[
                "64 characters",
                "at most 63",
                "Member must have length less than or equal to 63",
            ],
        );
        for (bad, why) in [
            ("-ep", "starts with a hyphen"),
            ("ep-", "ends with a hyphen"),
            ("my_ep", "'_'"),
            ("", "empty"),
        ] {
            let f = error(&set(bad), path, "R1");
            has(&f, &[why, "Member must satisfy regular expression pattern: [a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}"]);
        }
    }
    let mut d = canary();
    d.request.endpoint_config_name = Some("cfg.v2".into());
    let f = error(&d, "EndpointConfigName", "R1");
    assert_eq!(
        f.aws_message,
        "1 validation error detected: Value 'cfg.v2' at 'endpointConfigName' failed to satisfy constraint: \
         Member must satisfy regular expression pattern: [a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}"
    );
}

#[test]
fn r2_excluded_properties_are_known_and_at_most_three() {
    use VariantPropertyType as T;
    let with = |types: Vec<Option<T>>| {
        let mut d = canary();
        d.request.retain_all_variant_properties = Some(true);
        d.request.exclude_retained_variant_properties = Some(
            types
                .into_iter()
                .map(|variant_property_type| VariantProperty {
                    variant_property_type,
                })
                .collect(),
        );
        d
    };
    let three = with(vec![
        Some(T::DesiredInstanceCount),
        Some(T::DesiredWeight),
        Some(T::DesiredWeight),
    ]);
    clean(&three, "ExcludeRetainedVariantProperties");
    let four = with(vec![
        Some(T::DesiredInstanceCount),
        Some(T::DesiredWeight),
        Some(T::DesiredWeight),
        Some(T::DesiredWeight),
    ]);
    let f = error(&four, "ExcludeRetainedVariantProperties", "R2");
    has(
        &f,
        &[
            "4 entries",
            "at most 3",
            "at 'excludeRetainedVariantProperties'",
            "less than or equal to 3",
        ],
    );

    let f = error(
        &with(vec![Some(T::from_wire("DesiredCount"))]),
        "ExcludeRetainedVariantProperties[0].VariantPropertyType",
        "R2",
    );
    has(
        &f,
        &[
            "'DesiredCount'",
            "enum value set: [DesiredInstanceCount, DesiredWeight, DataCaptureConfig]",
        ],
    );
    has(
        &f,
        &["excludeRetainedVariantProperties.1.member.variantPropertyType"],
    );

    let f = error(
        &with(vec![None]),
        "ExcludeRetainedVariantProperties[0].VariantPropertyType",
        "R2",
    );
    assert_eq!(
        f.aws_message,
        "Parameter validation failed:\nMissing required parameter in ExcludeRetainedVariantProperties[0]: \"VariantPropertyType\""
    );
}

#[test]
fn r3_blue_green_limits() {
    let base = "DeploymentConfig.BlueGreenUpdatePolicy";
    let mut d = canary();
    bg(&mut d).traffic_routing_configuration = None;
    let f = error(&d, &format!("{base}.TrafficRoutingConfiguration"), "R3");
    assert_eq!(
        f.aws_message,
        "Parameter validation failed:\nMissing required parameter in DeploymentConfig.BlueGreenUpdatePolicy: \"TrafficRoutingConfiguration\""
    );

    let t_path = format!("{base}.TerminationWaitInSeconds");
    let with_t = |t: i64| {
        let mut d = canary();
        bg(&mut d).termination_wait_in_seconds = Some(t);
        bg(&mut d).maximum_execution_timeout_in_seconds = None;
        d
    };
    clean(&with_t(0), &t_path);
    clean(&with_t(3600), &t_path);
    let f = error(&with_t(-1), &t_path, "R3");
    assert_eq!(
        f.aws_message,
        "Parameter validation failed:\nInvalid value for parameter DeploymentConfig.BlueGreenUpdatePolicy.TerminationWaitInSeconds, value: -1, valid min value: 0"
    );
    let f = error(&with_t(3601), &t_path, "R3");
    has(&f, &["3601 s", "3600 s (1h)", "less than or equal to 3600"]);

    let m_path = format!("{base}.MaximumExecutionTimeoutInSeconds");
    let with_m = |m: i64| {
        let mut d = canary();
        // No waits, so S5 stays quiet at every timeout.
        tr(&mut d).wait_interval_in_seconds = Some(0);
        bg(&mut d).termination_wait_in_seconds = Some(0);
        d.simulation.provisioning_seconds = 0;
        bg(&mut d).maximum_execution_timeout_in_seconds = Some(m);
        d
    };
    clean(&with_m(600), &m_path);
    clean(&with_m(28800), &m_path);
    has(
        &error(&with_m(599), &m_path, "R3"),
        &["valid min value: 600", "599 s", "600 s (10m)"],
    );
    has(
        &error(&with_m(28801), &m_path, "R3"),
        &["less than or equal to 28800", "28800 s (8h)"],
    );
}

#[test]
fn r4_traffic_routing_type_and_wait() {
    let w_path = format!("{TRAFFIC}.WaitIntervalInSeconds");
    let with_w = |w: Option<i64>| {
        let mut d = canary();
        bg(&mut d).maximum_execution_timeout_in_seconds = None;
        tr(&mut d).wait_interval_in_seconds = w;
        d
    };
    // 0 s is in range (no R4), but the canary's rollback alarms get no time to act (U2).
    let f = warning(&with_w(Some(0)), &w_path, "U2");
    assert!(f.explanation.contains("bakes for 0 s"), "{}", f.explanation);
    clean(&with_w(Some(3600)), &w_path);
    let f = error(&with_w(Some(3601)), &w_path, "R4");
    assert_eq!(
        f.aws_message,
        "1 validation error detected: Value '3601' at 'deploymentConfig.blueGreenUpdatePolicy.trafficRoutingConfiguration.waitIntervalInSeconds' failed to satisfy constraint: Member must have value less than or equal to 3600"
    );
    has(
        &error(&with_w(Some(-1)), &w_path, "R4"),
        &["valid min value: 0"],
    );
    let f = error(&with_w(None), &w_path, "R4");
    assert_eq!(
        f.aws_message,
        "Parameter validation failed:\nMissing required parameter in DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration: \"WaitIntervalInSeconds\""
    );

    let type_path = format!("{TRAFFIC}.Type");
    let mut d = canary();
    tr(&mut d).type_ = None;
    has(
        &error(&d, &type_path, "R4"),
        &["Missing required parameter", "\"Type\""],
    );
    tr(&mut d).type_ = Some(TrafficRoutingConfigType::from_wire("BLUE_GREEN"));
    has(
        &error(&d, &type_path, "R4"),
        &[
            "'BLUE_GREEN'",
            "enum value set: [ALL_AT_ONCE, CANARY, LINEAR]",
        ],
    );
}

#[test]
fn r5_capacity_sizes_need_a_type_and_a_value_of_at_least_one() {
    let size = format!("{TRAFFIC}.CanarySize");
    clean(
        &with_canary(10, CapacitySize::instances(1)),
        &format!("{size}.Value"),
    );
    let f = error(
        &with_canary(10, CapacitySize::instances(0)),
        &format!("{size}.Value"),
        "R5",
    );
    has(&f, &["valid min value: 1", "Invalid value for parameter DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration.CanarySize.Value, value: 0"]);
    let f = error(
        &with_canary(
            10,
            CapacitySize {
                type_: None,
                value: Some(1),
            },
        ),
        &format!("{size}.Type"),
        "R5",
    );
    has(&f, &["Missing required parameter in DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration.CanarySize: \"Type\""]);
    let f = error(
        &with_canary(
            10,
            CapacitySize {
                type_: Some(CapacitySizeType::InstanceCount),
                value: None,
            },
        ),
        &format!("{size}.Value"),
        "R5",
    );
    has(&f, &["\"Value\""]);
    let odd = CapacitySize {
        type_: Some(CapacitySizeType::from_wire("PERCENT")),
        value: Some(10),
    };
    has(
        &error(&with_canary(10, odd), &format!("{size}.Type"), "R5"),
        &["enum value set: [INSTANCE_COUNT, CAPACITY_PERCENT]"],
    );
    // The rolling sizes are held to the same rule.
    let f = error(
        &with_batch(8, CapacitySize::percent(0)),
        &format!("{ROLLING}.MaximumBatchSize.Value"),
        "R5",
    );
    has(&f, &["value: 0"]);
}

#[test]
fn r6_rolling_needs_a_batch_and_a_wait() {
    let mut d = rolling();
    rp(&mut d).maximum_batch_size = None;
    rp(&mut d).wait_interval_in_seconds = None;
    let f = error(&d, &format!("{ROLLING}.MaximumBatchSize"), "R6");
    assert_eq!(f.aws_message, "Parameter validation failed:\nMissing required parameter in DeploymentConfig.RollingUpdatePolicy: \"MaximumBatchSize\"");
    error(&d, &format!("{ROLLING}.WaitIntervalInSeconds"), "R6");

    let m_path = format!("{ROLLING}.MaximumExecutionTimeoutInSeconds");
    let with_m = |m: i64| {
        let mut d = rolling();
        rp(&mut d).wait_interval_in_seconds = Some(0);
        d.simulation.provisioning_seconds = 0;
        rp(&mut d).maximum_execution_timeout_in_seconds = Some(m);
        d
    };
    clean(&with_m(600), &m_path);
    clean(&with_m(28800), &m_path);
    error(&with_m(599), &m_path, "R6");
    error(&with_m(28801), &m_path, "R6");
    let with_w = |w: i64| {
        let mut d = rolling();
        rp(&mut d).maximum_execution_timeout_in_seconds = None;
        rp(&mut d).wait_interval_in_seconds = Some(w);
        d
    };
    clean(&with_w(3600), &format!("{ROLLING}.WaitIntervalInSeconds"));
    has(
        &error(
            &with_w(3601),
            &format!("{ROLLING}.WaitIntervalInSeconds"),
            "R6",
        ),
        &["rollingUpdatePolicy.waitIntervalInSeconds"],
    );
}

#[test]
fn r7_alarm_list_and_names() {
    let named = |n: usize| alarms((0..n).map(|i| Some(format!("alarm-{i}"))).collect());
    clean(&named(1), ALARMS);
    clean(&named(10), ALARMS);
    let f = error(&named(0), ALARMS, "R7");
    assert_eq!(
        f.aws_message,
        "Parameter validation failed:\nInvalid length for parameter DeploymentConfig.AutoRollbackConfiguration.Alarms, value: 0, valid min length: 1"
    );
    has(
        &error(&named(11), ALARMS, "R7"),
        &["11 alarms", "at most 10", "less than or equal to 10"],
    );

    let name_path = format!("{ALARMS}[1].AlarmName");
    let second = |name: &str| alarms(vec![Some("first".into()), Some(name.into())]);
    clean(&second(&"x".repeat(255)), &name_path);
    clean(&second(" padded "), &name_path);
    has(
        &error(&second(&"x".repeat(256)), &name_path, "R7"),
        &["256 characters", "at most 255"],
    );
    has(
        &error(&second(""), &name_path, "R7"),
        &["valid min length: 1", "Alarm 2"],
    );
    let f = error(&second("   "), &name_path, "R7");
    has(
        &f,
        &[
            "only whitespace",
            "autoRollbackConfiguration.alarms.2.member.alarmName",
            "pattern: (?!\\s*$).+",
        ],
    );
    // A line break cannot be matched by `.`: the service rejects the name.
    has(
        &error(&second("cpu\nhigh"), &name_path, "R7"),
        &["line break"],
    );
    has(
        &error(&second("cpu-high\n"), &name_path, "R7"),
        &["line break"],
    );
}

#[test]
fn r8_numbers_must_fit_the_wire_types() {
    let w_path = format!("{TRAFFIC}.WaitIntervalInSeconds");
    for v in [
        i64::from(i32::MAX) + 1,
        i64::from(i32::MIN) - 1,
        i64::MAX,
        i64::MIN,
    ] {
        let mut d = canary();
        tr(&mut d).wait_interval_in_seconds = Some(v);
        let f = error(&d, &w_path, "R8");
        has(&f, &[&v.to_string(), "32-bit", "SerializationException"]);
    }
    // Inside the 32-bit range the model's own limit applies instead.
    let mut d = canary();
    tr(&mut d).wait_interval_in_seconds = Some(i64::from(i32::MAX));
    error(&d, &w_path, "R4");

    let mut d = canary();
    d.endpoint.new_variants[0].initial_instance_count = Some(1 << 40);
    error(&d, "Endpoint.NewVariants[0].InitialInstanceCount", "R8");
    for w in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        let mut d = canary();
        d.endpoint.new_variants[0].initial_variant_weight = Some(w);
        error(&d, "Endpoint.NewVariants[0].InitialVariantWeight", "R8");
    }
}

#[test]
fn r9_endpoint_variants_follow_production_variant() {
    let nv = "Endpoint.NewVariants";
    let mut d = canary();
    d.endpoint.new_variants.clear();
    has(
        &error(&d, nv, "R9"),
        &["Invalid length for parameter ProductionVariants, value: 0, valid min length: 1"],
    );

    let many = |n: usize| {
        let mut d = canary();
        d.request.deployment_config = None;
        let vs: Vec<ProductionVariant> = (0..n)
            .map(|i| ProductionVariant::instances(&format!("v{i}"), "ml.m5.large", 1))
            .collect();
        d.endpoint.current_variants = vs.clone();
        d.endpoint.new_variants = vs;
        d
    };
    assert!(validate(&many(10)).is_empty(), "{:#?}", validate(&many(10)));
    has(&error(&many(11), nv, "R9"), &["11 variants", "at most 10"]);
    error(&many(11), "Endpoint.CurrentVariants", "R9");

    let variant = |f: &dyn Fn(&mut ProductionVariant)| {
        let mut d = canary();
        f(&mut d.endpoint.new_variants[0]);
        d
    };
    let name = format!("{nv}[0].VariantName");
    let f = error(&variant(&|v| v.variant_name = None), &name, "R9");
    assert_eq!(f.aws_message, "Parameter validation failed:\nMissing required parameter in ProductionVariants[0]: \"VariantName\"");
    has(
        &error(
            &{
                // Renamed on both sides, so only the pattern is at fault (not S6).
                let mut d = variant(&|v| v.variant_name = Some("All_Traffic".into()));
                d.endpoint.current_variants[0].variant_name = Some("All_Traffic".into());
                d
            },
            &name,
            "R9",
        ),
        &["'_'", "productionVariants.1.member.variantName"],
    );

    let count = format!("{nv}[0].InitialInstanceCount");
    clean(&variant(&|v| v.initial_instance_count = Some(1)), &count);
    has(
        &error(
            &variant(&|v| v.initial_instance_count = Some(0)),
            &count,
            "R9",
        ),
        &["valid min value: 1", "0 instances"],
    );
    error(&variant(&|v| v.initial_instance_count = None), &count, "R9");

    let ty = format!("{nv}[0].InstanceType");
    has(
        &error(
            &variant(&|v| v.instance_type = Some("m5.xlarge".into())),
            &ty,
            "R9",
        ),
        &["'m5.xlarge'", "start with 'ml.'", "ml.t2.medium"],
    );
    error(&variant(&|v| v.instance_type = None), &ty, "R9");

    let weight = format!("{nv}[0].InitialVariantWeight");
    clean(&variant(&|v| v.initial_variant_weight = Some(0.0)), &weight);
    has(
        &error(
            &variant(&|v| v.initial_variant_weight = Some(-0.5)),
            &weight,
            "R9",
        ),
        &["value: -0.5, valid min value: 0"],
    );

    let acc = format!("{nv}[0].AcceleratorType");
    has(
        &error(
            &variant(&|v| v.accelerator_type = Some("ml.eia9.huge".into())),
            &acc,
            "R9",
        ),
        &["ml.eia2.xlarge"],
    );

    let serverless = |mem: Option<i64>, conc: Option<i64>| {
        let mut d = canary();
        d.request.deployment_config = None;
        for v in [
            &mut d.endpoint.current_variants[0],
            &mut d.endpoint.new_variants[0],
        ] {
            v.instance_type = None;
            v.initial_instance_count = None;
            v.serverless_config = Some(ServerlessConfig {
                memory_size_in_mb: mem,
                max_concurrency: conc,
                provisioned_concurrency: None,
            });
        }
        d
    };
    let mem = format!("{nv}[0].ServerlessConfig.MemorySizeInMB");
    let conc = format!("{nv}[0].ServerlessConfig.MaxConcurrency");
    assert!(validate(&serverless(Some(1024), Some(1))).is_empty());
    assert!(validate(&serverless(Some(6144), Some(200))).is_empty());
    has(
        &error(&serverless(Some(1023), Some(1)), &mem, "R9"),
        &["valid min value: 1024", "1023 MB"],
    );
    has(
        &error(&serverless(Some(6145), Some(1)), &mem, "R9"),
        &[
            "productionVariants.1.member.serverlessConfig.memorySizeInMB",
            "6144 MB",
        ],
    );
    error(&serverless(Some(2048), Some(0)), &conc, "R9");
    has(
        &error(&serverless(Some(2048), Some(201)), &conc, "R9"),
        &["less than or equal to 200"],
    );
    has(&error(&serverless(None, Some(1)), &mem, "R9"), &["Missing required parameter in ProductionVariants[0].ServerlessConfig: \"MemorySizeInMB\""]);
}

// ---------------------------------------------------------------------------------------
// S1..S14: documented rules outside the model

#[test]
fn s1_only_one_update_policy() {
    let mut d = canary();
    dc(&mut d).rolling_update_policy = rolling()
        .request
        .deployment_config
        .and_then(|c| c.rolling_update_policy);
    has(
        &error(&d, "DeploymentConfig", "S1"),
        &["Only one update policy should be used"],
    );
}

#[test]
fn s2_canary_is_at_most_half_the_fleet() {
    let path = format!("{TRAFFIC}.CanarySize");
    clean(&with_canary(10, CapacitySize::instances(5)), &path);
    clean(&with_canary(10, CapacitySize::percent(50)), &path);
    let f = error(&with_canary(10, CapacitySize::instances(6)), &path, "S2");
    assert!(
        f.explanation.contains("A canary of 6 instances is 60% of the 10-instance fleet; at most 50% (5 instances) is allowed"),
        "{}",
        f.explanation
    );
    has(
        &error(&with_canary(10, CapacitySize::percent(51)), &path, "S2"),
        &["51%", "6 instances", "at most 50% (5 instances)"],
    );
    // One instance of a single-instance fleet is all of it.
    has(
        &error(&with_canary(1, CapacitySize::instances(1)), &path, "S2"),
        &["100%", "less than one instance"],
    );
    let mut d = canary();
    tr(&mut d).canary_size = None;
    has(&error(&d, &path, "S2"), &["CanarySize is required"]);
}

#[test]
fn s2_names_each_variant_of_a_multi_variant_endpoint() {
    let mut d = example("multi").expect("multi example");
    let path = format!("{TRAFFIC}.CanarySize");
    tr(&mut d).canary_size = Some(CapacitySize::instances(2));
    // VariantA has 6 instances (2 is 33%), VariantB has 2 (2 is 100%).
    let f = error(&d, &path, "S2");
    assert!(
        f.explanation.contains("'VariantB'")
            && f.explanation.contains("100% of the 2-instance fleet"),
        "{}",
        f.explanation
    );
    assert!(!f.explanation.contains("VariantA"), "{}", f.explanation);
}

#[test]
fn s3_linear_step_is_ten_to_fifty_percent() {
    let path = format!("{TRAFFIC}.LinearStepSize");
    clean(&with_linear(10, CapacitySize::instances(1)), &path);
    clean(&with_linear(10, CapacitySize::instances(5)), &path);
    clean(&with_linear(10, CapacitySize::percent(10)), &path);
    has(
        &error(&with_linear(11, CapacitySize::instances(1)), &path, "S3"),
        &["9.1%", "11-instance", "at least 10% (2 instances)"],
    );
    has(
        &error(&with_linear(10, CapacitySize::instances(6)), &path, "S3"),
        &["60%", "at most 50% (5 instances)"],
    );
    has(
        &error(&with_linear(10, CapacitySize::percent(9)), &path, "S3"),
        &["between 10% and 50%"],
    );
    let mut d = with_linear(10, CapacitySize::percent(20));
    tr(&mut d).linear_step_size = None;
    has(&error(&d, &path, "S3"), &["LinearStepSize is required"]);
}

#[test]
fn s4_rolling_batch_is_five_to_fifty_percent() {
    let path = format!("{ROLLING}.MaximumBatchSize");
    clean(&with_batch(20, CapacitySize::instances(1)), &path);
    clean(&with_batch(8, CapacitySize::percent(50)), &path);
    has(
        &error(&with_batch(21, CapacitySize::instances(1)), &path, "S4"),
        &["4.8%", "21-instance", "at least 5% (2 instances)"],
    );
    has(
        &error(&with_batch(8, CapacitySize::percent(51)), &path, "S4"),
        &["51%", "at most 50% (4 instances)"],
    );
}

#[test]
fn s5_timeout_against_the_waits_of_the_plan() {
    // Canary on 10: 2 steps × 600 s + 300 s = 1500 s of waits; with 300 s provisioning 1800 s.
    let path = "DeploymentConfig.BlueGreenUpdatePolicy.MaximumExecutionTimeoutInSeconds";
    let with_m = |m: i64| {
        let mut d = canary();
        bg(&mut d).maximum_execution_timeout_in_seconds = Some(m);
        d
    };
    clean(&with_m(1800), path);
    let f = warning(&with_m(1500), path, "S5");
    has(
        &f,
        &[
            "1500 s",
            "2 traffic steps",
            "600 s (10m)",
            "300 s (5m) of termination wait",
            "times out",
            "Provisioning adds",
        ],
    );
    let f = warning(&with_m(1799), path, "S5");
    has(&f, &["fit in the 1799 s", "1800 s (30m)", "provisioning"]);

    // Linear 20% of 10: 5 steps × 600 + 300 = 3300 s.
    let mut d = with_linear(10, CapacitySize::percent(20));
    bg(&mut d).maximum_execution_timeout_in_seconds = Some(3300);
    has(&warning(&d, path, "S5"), &["5 traffic steps", "3300 s"]);

    // Rolling 25% of 8: 4 batches × 300 s = 1200 s; with provisioning 4 × 600 = 2400 s.
    let r_path = format!("{ROLLING}.MaximumExecutionTimeoutInSeconds");
    let with_rm = |m: i64| {
        let mut d = rolling();
        rp(&mut d).maximum_execution_timeout_in_seconds = Some(m);
        d
    };
    clean(&with_rm(2400), &r_path);
    has(
        &warning(&with_rm(2399), &r_path, "S5"),
        &["4 batches", "2400 s (40m)"],
    );
    has(
        &warning(&with_rm(1200), &r_path, "S5"),
        &["1200 s (20m)", "4 batches × 300 s (5m) of baking"],
    );
}

#[test]
fn s6_variant_names_are_kept() {
    let mut d = canary();
    d.endpoint.new_variants[0].variant_name = Some("Blue".into());
    has(
        &error(&d, "Endpoint.NewVariants[0].VariantName", "S6"),
        &["'Blue'", "'AllTraffic'"],
    );
    has(
        &error(&d, "Endpoint.CurrentVariants[0].VariantName", "S6"),
        &["'AllTraffic' is missing", "'Blue'"],
    );
}

#[test]
fn s7_rolling_needs_one_instance_based_variant() {
    let mut d = rolling();
    let mut second = d.endpoint.new_variants[0].clone();
    second.variant_name = Some("Shadow".into());
    d.endpoint.new_variants.push(second.clone());
    d.endpoint.current_variants.push(second);
    has(&error(&d, ROLLING, "S7"), &["2 variants"]);

    let mut d = rolling();
    for v in [
        &mut d.endpoint.current_variants[0],
        &mut d.endpoint.new_variants[0],
    ] {
        v.instance_type = None;
        v.initial_instance_count = None;
        v.serverless_config = Some(ServerlessConfig {
            memory_size_in_mb: Some(2048),
            max_concurrency: Some(5),
            provisioned_concurrency: None,
        });
    }
    has(&error(&d, ROLLING, "S7"), &["serverless"]);
}

#[test]
fn s8_excluded_endpoints_fall_back_to_all_at_once() {
    let mut d = canary();
    d.endpoint.new_variants[0].instance_type = Some("ml.inf1.xlarge".into());
    has(
        &warning(&d, "Endpoint.NewVariants[0].InstanceType", "S8"),
        &["ml.inf1.xlarge", "all traffic moves at once"],
    );
    // Without a deployment config the update is all at once anyway: nothing to warn about.
    d.request.deployment_config = None;
    clean(&d, "Endpoint.NewVariants[0].InstanceType");

    let mut d = canary();
    d.endpoint.new_variants[0].accelerator_type = Some("ml.eia2.medium".into());
    has(
        &warning(&d, "Endpoint.NewVariants[0].AcceleratorType", "S8"),
        &["Elastic Inference"],
    );

    let mut d = canary();
    d.endpoint.uses_marketplace_containers = true;
    has(
        &warning(&d, "Endpoint.UsesMarketplaceContainers", "S8"),
        &["Marketplace"],
    );
}

#[test]
fn s9_data_capture_config_is_not_supported() {
    let mut d = canary();
    d.request.retain_all_variant_properties = Some(true);
    d.request.exclude_retained_variant_properties = Some(vec![VariantProperty {
        variant_property_type: Some(VariantPropertyType::DataCaptureConfig),
    }]);
    has(
        &warning(
            &d,
            "ExcludeRetainedVariantProperties[0].VariantPropertyType",
            "S9",
        ),
        &["not currently supported"],
    );
}

#[test]
fn s10_sizes_the_type_ignores() {
    let mut d = with_linear(10, CapacitySize::percent(20));
    tr(&mut d).canary_size = Some(CapacitySize::percent(10));
    has(
        &warning(&d, &format!("{TRAFFIC}.CanarySize"), "S10"),
        &["LINEAR"],
    );
    let mut d = canary();
    tr(&mut d).linear_step_size = Some(CapacitySize::percent(20));
    has(
        &warning(&d, &format!("{TRAFFIC}.LinearStepSize"), "S10"),
        &["CANARY"],
    );
    tr(&mut d).type_ = Some(TrafficRoutingConfigType::AllAtOnce);
    warning(&d, &format!("{TRAFFIC}.LinearStepSize"), "S10");
    warning(&d, &format!("{TRAFFIC}.CanarySize"), "S10");
}

#[test]
fn s11_exclusions_need_retention_and_each_type_once() {
    let mut d = canary();
    d.request.exclude_retained_variant_properties = Some(vec![VariantProperty {
        variant_property_type: Some(VariantPropertyType::DesiredWeight),
    }]);
    has(
        &warning(&d, "ExcludeRetainedVariantProperties", "S11"),
        &["not set (false)", "1 exclusion"],
    );
    d.request.retain_all_variant_properties = Some(true);
    clean(&d, "ExcludeRetainedVariantProperties");
    d.request
        .exclude_retained_variant_properties
        .as_mut()
        .expect("set above")
        .push(VariantProperty {
            variant_property_type: Some(VariantPropertyType::DesiredWeight),
        });
    clean(
        &d,
        "ExcludeRetainedVariantProperties[0].VariantPropertyType",
    );
    has(
        &warning(
            &d,
            "ExcludeRetainedVariantProperties[1].VariantPropertyType",
            "S11",
        ),
        &["DesiredWeight"],
    );
}

#[test]
fn s12_unnamed_alarms_pass_the_api_only() {
    let d = alarms(vec![Some("a".into()), None]);
    has(
        &warning(&d, &format!("{ALARMS}[1].AlarmName"), "S12"),
        &["Alarm 2", "CloudFormation", "Terraform"],
    );
}

#[test]
fn s13_retained_and_new_deployment_config() {
    let mut d = canary();
    d.request.retain_deployment_config = Some(true);
    warning(&d, "RetainDeploymentConfig", "S13");
    d.request.deployment_config = None;
    clean(&d, "RetainDeploymentConfig");
}

#[test]
fn s14_rollback_batch_over_the_whole_fleet() {
    let path = format!("{ROLLING}.RollbackMaximumBatchSize");
    let with_rb = |size: CapacitySize| {
        let mut d = rolling();
        rp(&mut d).rollback_maximum_batch_size = Some(size);
        d
    };
    clean(&with_rb(CapacitySize::instances(8)), &path);
    clean(&with_rb(CapacitySize::percent(100)), &path);
    has(
        &warning(&with_rb(CapacitySize::instances(9)), &path, "S14"),
        &["9 instances (the fleet has 8)", "100%"],
    );
    has(
        &warning(&with_rb(CapacitySize::percent(101)), &path, "S14"),
        &["101%", "8 old instances"],
    );
}

// ---------------------------------------------------------------------------------------
// The list as a whole

#[test]
fn findings_come_in_form_order_and_the_summary_joins_service_errors() {
    let mut d = canary();
    d.request.endpoint_name = Some("bad_name".into());
    tr(&mut d).wait_interval_in_seconds = Some(3601);
    bg(&mut d).termination_wait_in_seconds = Some(-5);
    d.endpoint.new_variants[0].initial_instance_count = Some(0);
    dc(&mut d).auto_rollback_configuration = Some(AutoRollbackConfig {
        alarms: Some(vec![Alarm {
            alarm_name: Some(" ".into()),
        }]),
    });
    let f = validate(&d);
    let paths: Vec<&str> = f.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "EndpointName",
            "DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration.WaitIntervalInSeconds",
            "DeploymentConfig.BlueGreenUpdatePolicy.TerminationWaitInSeconds",
            "DeploymentConfig.AutoRollbackConfiguration.Alarms[0].AlarmName",
            "Endpoint.NewVariants[0].InitialInstanceCount",
        ]
    );
    let summary = aws_error_summary(&f).expect("service errors");
    assert!(
        summary.starts_with("3 validation errors detected: Value 'bad_name' at 'endpointName'"),
        "{summary}"
    );
    assert!(summary.contains("; Value '3601' at 'deploymentConfig.blueGreenUpdatePolicy.trafficRoutingConfiguration.waitIntervalInSeconds'"), "{summary}");
    assert!(
        summary.contains(
            "; Value ' ' at 'deploymentConfig.autoRollbackConfiguration.alarms.1.member.alarmName'"
        ),
        "{summary}"
    );
    let client = botocore_error_summary(&f).expect("client errors");
    assert_eq!(client.lines().count(), 3, "{client}");

    let single = aws_error_summary(&f[..1]).expect("one");
    assert!(
        single.starts_with("1 validation error detected: Value 'bad_name'"),
        "{single}"
    );
}

#[test]
fn ten_thousand_alarms_validate_in_milliseconds() {
    let d = alarms(
        (0..10_000)
            .map(|i| {
                if i % 2 == 0 {
                    Some(format!("alarm-{i}"))
                } else {
                    None
                }
            })
            .collect(),
    );
    let start = Instant::now();
    let f = validate(&d);
    let took = start.elapsed();
    assert_eq!(f.iter().filter(|f| f.rule == "S12").count(), 5_000);
    assert_eq!(f.iter().filter(|f| f.rule == "R7").count(), 1);
    // Generous for an unoptimised build on a busy machine; typically a few milliseconds.
    assert!(took.as_millis() < 250, "took {took:?}");
}

// ---------------------------------------------------------------------------------------
// Properties

/// True when `path` names a field of `doc`: every segment a member of the shape it is in
/// (per limits.rs's service-model tables), every index inside its list.
fn names_a_real_field(doc: &DesignDocument, path: &str) -> bool {
    let mut segments = path.split('.');
    let (mut shape, lens): (&str, Vec<(&str, usize)>) = if path.starts_with("Endpoint.") {
        segments.next();
        let ep = &doc.endpoint;
        match segments.next() {
            Some("UsesMarketplaceContainers") => return segments.next().is_none(),
            Some(seg) => {
                let (name, ix) = split_index(seg);
                let len = match name {
                    "CurrentVariants" => ep.current_variants.len(),
                    "NewVariants" => ep.new_variants.len(),
                    _ => return false,
                };
                match ix {
                    None => return segments.next().is_none(),
                    Some(i) if i < len => (limits::shape::PRODUCTION_VARIANT, Vec::new()),
                    Some(_) => return false,
                }
            }
            None => return false,
        }
    } else {
        let r = &doc.request;
        let alarms = r
            .deployment_config
            .as_ref()
            .and_then(|d| d.auto_rollback_configuration.as_ref())
            .and_then(|a| a.alarms.as_ref())
            .map_or(0, Vec::len);
        let excluded = r
            .exclude_retained_variant_properties
            .as_ref()
            .map_or(0, Vec::len);
        (
            limits::shape::UPDATE_ENDPOINT_INPUT,
            vec![
                ("Alarms", alarms),
                ("ExcludeRetainedVariantProperties", excluded),
            ],
        )
    };
    for seg in segments {
        let (name, ix) = split_index(seg);
        let Some(st) = STRUCTURES.iter().find(|s| s.name == shape) else {
            return false;
        };
        let Some(member) = st.member(name) else {
            return false;
        };
        shape = member.shape;
        if let Some(list) = LISTS.iter().find(|l| l.name == shape) {
            if let Some(i) = ix {
                let len = lens.iter().find(|(n, _)| *n == name).map_or(0, |(_, l)| *l);
                if i >= len {
                    return false;
                }
                shape = list.member;
            }
        } else if ix.is_some() {
            return false;
        }
    }
    true
}

fn split_index(seg: &str) -> (&str, Option<usize>) {
    match seg.split_once('[') {
        Some((name, rest)) => (name, rest.strip_suffix(']').and_then(|i| i.parse().ok())),
        None => (seg, None),
    }
}

fn int() -> BoxedStrategy<Option<i64>> {
    prop_oneof![
        Just(None),
        prop::sample::select(vec![
            -1i64,
            0,
            1,
            2,
            5,
            10,
            50,
            51,
            100,
            101,
            599,
            600,
            1024,
            3600,
            3601,
            6144,
            28800,
            28801,
            1 << 31,
            -(1 << 31) - 1
        ])
        .prop_map(Some),
        any::<i64>().prop_map(Some),
        (0i64..40).prop_map(Some),
    ]
    .boxed()
}

fn text() -> BoxedStrategy<Option<String>> {
    prop_oneof![
        Just(None),
        "[a-zA-Z0-9_ .\\n-]{0,70}".prop_map(Some),
        Just(Some("x".repeat(300)))
    ]
    .boxed()
}

fn size() -> BoxedStrategy<Option<CapacitySize>> {
    let ty = prop_oneof![
        Just(None),
        Just(Some(CapacitySizeType::InstanceCount)),
        Just(Some(CapacitySizeType::CapacityPercent)),
        Just(Some(CapacitySizeType::from_wire("X")))
    ];
    prop::option::of((ty, int()).prop_map(|(type_, value)| CapacitySize { type_, value })).boxed()
}

fn variant() -> BoxedStrategy<ProductionVariant> {
    let serverless =
        prop::option::of(
            (int(), int(), int()).prop_map(|(m, c, p)| ServerlessConfig {
                memory_size_in_mb: m,
                max_concurrency: c,
                provisioned_concurrency: p,
            }),
        )
        .boxed()
        .boxed();
    let ty = prop_oneof![
        Just(None),
        Just(Some("ml.m5.xlarge".to_string())),
        Just(Some("ml.inf1.xlarge".to_string())),
        text()
    ];
    let weight = prop_oneof![
        Just(None),
        any::<f64>().prop_map(Some),
        Just(Some(f64::NAN)),
        Just(Some(-1.0))
    ];
    let name = prop_oneof![
        Just(Some("AllTraffic".to_string())),
        Just(Some("B".to_string())),
        text()
    ];
    let acc = prop_oneof![Just(None), Just(Some("ml.eia1.medium".to_string())), text()];
    (name, ty, int(), weight, acc, serverless)
        .prop_map(
            |(variant_name, instance_type, count, weight, acc, sc)| ProductionVariant {
                variant_name,
                model_name: None,
                instance_type,
                initial_instance_count: count,
                initial_variant_weight: weight,
                accelerator_type: acc,
                serverless_config: sc,
            },
        )
        .boxed()
}

fn document() -> BoxedStrategy<DesignDocument> {
    let routing_type = prop_oneof![
        Just(None),
        Just(Some(TrafficRoutingConfigType::AllAtOnce)),
        Just(Some(TrafficRoutingConfigType::Canary)),
        Just(Some(TrafficRoutingConfigType::Linear)),
        Just(Some(TrafficRoutingConfigType::from_wire("Y")))
    ];
    let routing = prop::option::of((routing_type, int(), size(), size()).prop_map(
        |(type_, w, c, l)| TrafficRoutingConfig {
            type_,
            wait_interval_in_seconds: w,
            canary_size: c,
            linear_step_size: l,
        },
    ))
    .boxed();
    let blue_green =
        prop::option::of(
            (routing, int(), int()).prop_map(|(r, t, m)| BlueGreenUpdatePolicy {
                traffic_routing_configuration: r,
                termination_wait_in_seconds: t,
                maximum_execution_timeout_in_seconds: m,
            }),
        )
        .boxed();
    let rolling = prop::option::of((size(), int(), int(), size()).prop_map(|(b, w, m, rb)| {
        RollingUpdatePolicy {
            maximum_batch_size: b,
            wait_interval_in_seconds: w,
            maximum_execution_timeout_in_seconds: m,
            rollback_maximum_batch_size: rb,
        }
    }))
    .boxed();
    let alarms = prop::option::of(
        prop::option::of(prop::collection::vec(
            text().prop_map(|alarm_name| Alarm { alarm_name }),
            0..13,
        ))
        .prop_map(|alarms| AutoRollbackConfig { alarms }),
    );
    let deployment =
        prop::option::of(
            (blue_green, rolling, alarms).prop_map(|(b, r, a)| DeploymentConfig {
                blue_green_update_policy: b,
                rolling_update_policy: r,
                auto_rollback_configuration: a,
            }),
        )
        .boxed();
    let prop_type = prop_oneof![
        Just(None),
        Just(Some(VariantPropertyType::DesiredInstanceCount)),
        Just(Some(VariantPropertyType::DesiredWeight)),
        Just(Some(VariantPropertyType::DataCaptureConfig)),
        Just(Some(VariantPropertyType::from_wire("Z")))
    ];
    let excluded = prop::option::of(prop::collection::vec(
        prop_type.prop_map(|variant_property_type| VariantProperty {
            variant_property_type,
        }),
        0..5,
    ));
    let bool3 = || prop::option::of(any::<bool>());
    let request = (text(), text(), bool3(), excluded, deployment, bool3())
        .prop_map(|(n, c, ra, ex, dc, rd)| UpdateEndpointInput {
            endpoint_name: n,
            endpoint_config_name: c,
            retain_all_variant_properties: ra,
            exclude_retained_variant_properties: ex,
            deployment_config: dc,
            retain_deployment_config: rd,
        })
        .boxed();
    let variants = || prop::collection::vec(variant(), 0..12);
    (request, variants(), variants(), any::<bool>(), int())
        .prop_map(|(request, current, new, market, p)| {
            let mut d = DesignDocument {
                request,
                ..Default::default()
            };
            d.endpoint.current_variants = current;
            d.endpoint.new_variants = new;
            d.endpoint.uses_marketplace_containers = market;
            d.simulation.provisioning_seconds = p.unwrap_or(300);
            d
        })
        .boxed()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn random_documents_never_panic_and_every_path_is_a_real_field(doc in document()) {
        let findings = validate(&doc);
        let mut seen = std::collections::HashSet::new();
        for f in &findings {
            prop_assert!(names_a_real_field(&doc, &f.path), "not a field: {} ({f:?})", f.path);
            prop_assert!(seen.insert((f.path.clone(), f.rule)), "twice: {f:?}");
            prop_assert!(!f.explanation.is_empty() && !f.aws_message.is_empty());
            let expected = if f.rule.starts_with('R') { Severity::Error } else { f.severity };
            prop_assert_eq!(f.severity, expected);
        }
        // The summary never panics and counts the service-side errors.
        if let Some(s) = aws_error_summary(&findings) {
            prop_assert!(s.contains("validation error"));
        }
    }

    #[test]
    fn names_match_the_pattern_exactly_when_the_matcher_says_so(s in "[a-z0-9_-]{0,70}") {
        // Reference reading of the pattern: alphanumerics joined by runs of hyphens.
        let parts: Vec<&str> = s.split('-').filter(|p| !p.is_empty()).collect();
        let expected = !s.is_empty()
            && !s.starts_with('-')
            && !s.ends_with('-')
            && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            && parts.iter().map(|p| p.len()).sum::<usize>() <= 63;
        prop_assert_eq!(limits::is_valid_name(&s), expected);
    }
}

#[test]
fn the_path_checker_rejects_made_up_paths() {
    let d = canary();
    assert!(names_a_real_field(
        &d,
        "DeploymentConfig.AutoRollbackConfiguration.Alarms[1].AlarmName"
    ));
    assert!(names_a_real_field(
        &d,
        "Endpoint.NewVariants[0].ServerlessConfig.MemorySizeInMB"
    ));
    assert!(!names_a_real_field(
        &d,
        "DeploymentConfig.AutoRollbackConfiguration.Alarms[2].AlarmName"
    ));
    assert!(!names_a_real_field(
        &d,
        "Endpoint.NewVariants[0].InstanceCount"
    ));
    assert!(!names_a_real_field(&d, "DeploymentConfig.Foo"));
}
