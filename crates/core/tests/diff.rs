//! The review's diff: each table row edits a baseline into a design and says which members
//! the reviewer must see changed, with the values and the sentence they read.

use designer_core::diff::{diff, Change, FigureKind};
use designer_core::edit;
use designer_core::examples;
use designer_core::model::{
    Alarm, CapacitySize, DesignDocument, Placeholder, ProductionVariant, Strategy,
    TrafficRoutingConfigType, VariantProperty, VariantPropertyType,
};

const ROUTING: &str = "DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration";
const BG: &str = "DeploymentConfig.BlueGreenUpdatePolicy";
const ALARMS: &str = "DeploymentConfig.AutoRollbackConfiguration.Alarms";

/// The canary example: 10 × ml.m5.xlarge, canary 10%, bake 10m, termination wait 5m,
/// timeout 1h, alarms `fraud-scoring-5xx-errors` and `fraud-scoring-p99-latency`.
fn canary() -> DesignDocument {
    examples::default_design()
}

/// One expected change: path, kind, before, after, words the meaning contains.
type Want = (
    &'static str,
    Change,
    Option<&'static str>,
    Option<&'static str>,
    &'static [&'static str],
);

struct Case {
    name: &'static str,
    before: fn() -> DesignDocument,
    edit: fn(&mut DesignDocument),
    want: Vec<Want>,
}

fn p(s: &'static str) -> &'static str {
    s
}

#[test]
fn each_edit_lists_exactly_its_members_with_their_meaning() {
    let cases = vec![
        Case {
            name: "canary 10% -> 20%",
            before: canary,
            edit: |d| edit::routing(d).canary_size = Some(CapacitySize::percent(20)),
            want: vec![(
                p("DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration.CanarySize"),
                Change::Changed,
                Some("10% of the fleet"),
                Some("20% of the fleet"),
                &["Canary 10% → 20% of 10 instances: 1 → 2 instances take the first traffic"],
            )],
        },
        Case {
            name: "bake cut",
            before: canary,
            edit: |d| edit::routing(d).wait_interval_in_seconds = Some(300),
            want: vec![(
                p("DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration.WaitIntervalInSeconds"),
                Change::Changed,
                Some("600 s (10m)"),
                Some("300 s (5m)"),
                &["Bake cut from 10m to 5m", "each of the 2 traffic steps"],
            )],
        },
        Case {
            name: "first alarm removed",
            before: canary,
            edit: |d| {
                edit::alarms(d).remove(0);
            },
            // Matched by name: the second alarm moving to [0] is not a change.
            want: vec![(
                p("DeploymentConfig.AutoRollbackConfiguration.Alarms[0]"),
                Change::Removed,
                Some("fraud-scoring-5xx-errors"),
                None,
                &["Alarm fraud-scoring-5xx-errors removed: a 5xx spike during the bake no longer rolls back"],
            )],
        },
        Case {
            name: "every alarm removed",
            before: canary,
            edit: |d| {
                edit::alarms(d).clear();
                edit::tidy(d);
            },
            want: vec![
                (
                    p("DeploymentConfig.AutoRollbackConfiguration.Alarms[0]"),
                    Change::Removed,
                    Some("fraud-scoring-5xx-errors"),
                    None,
                    &["a 5xx spike"],
                ),
                (
                    p("DeploymentConfig.AutoRollbackConfiguration.Alarms[1]"),
                    Change::Removed,
                    Some("fraud-scoring-p99-latency"),
                    None,
                    &["a latency rise", "no alarm is left"],
                ),
            ],
        },
        Case {
            name: "alarm added at the end",
            before: canary,
            edit: |d| {
                edit::alarms(d).push(Alarm {
                    alarm_name: Some("fraud-scoring-cpu".into()),
                })
            },
            want: vec![(
                p("DeploymentConfig.AutoRollbackConfiguration.Alarms[2]"),
                Change::Added,
                None,
                Some("fraud-scoring-cpu"),
                &["Alarm fraud-scoring-cpu added: high CPU during a bake now rolls the deployment back"],
            )],
        },
        Case {
            name: "alarm renamed in place",
            before: canary,
            edit: |d| edit::alarms(d)[1].alarm_name = Some("fraud-scoring-p90-latency".into()),
            want: vec![(
                p("DeploymentConfig.AutoRollbackConfiguration.Alarms[1].AlarmName"),
                Change::Changed,
                Some("fraud-scoring-p99-latency"),
                Some("fraud-scoring-p90-latency"),
                &["replaced by fraud-scoring-p90-latency"],
            )],
        },
        Case {
            name: "timeout cut below the plan",
            before: canary,
            edit: |d| edit::blue_green(d).maximum_execution_timeout_in_seconds = Some(1500),
            want: vec![(
                p("DeploymentConfig.BlueGreenUpdatePolicy.MaximumExecutionTimeoutInSeconds"),
                Change::Changed,
                Some("3600 s (1h)"),
                Some("1500 s (25m)"),
                &["Timeout 25m no longer covers the plan's 30m", "rolls back at 25m"],
            )],
        },
        Case {
            name: "bake raised past an unchanged timeout",
            before: canary,
            edit: |d| edit::routing(d).wait_interval_in_seconds = Some(1800),
            // 300 + 2 × 1800 + 300 = 4200 s = 1h 10m > the 1h timeout.
            want: vec![(
                p("DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration.WaitIntervalInSeconds"),
                Change::Changed,
                Some("600 s (10m)"),
                Some("1800 s (30m)"),
                &["Bake raised from 10m to 30m", "Timeout 1h no longer covers the plan's 1h 10m"],
            )],
        },
        Case {
            name: "timeout removed",
            before: canary,
            edit: |d| edit::blue_green(d).maximum_execution_timeout_in_seconds = None,
            want: vec![(
                p("DeploymentConfig.BlueGreenUpdatePolicy.MaximumExecutionTimeoutInSeconds"),
                Change::Removed,
                Some("3600 s (1h)"),
                None,
                &["nothing cuts the deployment short (the plan takes 30m)"],
            )],
        },
        Case {
            name: "termination wait cut to the default",
            before: canary,
            edit: |d| edit::blue_green(d).termination_wait_in_seconds = None,
            want: vec![(
                p("DeploymentConfig.BlueGreenUpdatePolicy.TerminationWaitInSeconds"),
                Change::Removed,
                Some("300 s (5m)"),
                None,
                &["Termination wait cut from 5m to 0s (the default)", "5m sooner"],
            )],
        },
        Case {
            name: "canary to linear",
            before: canary,
            edit: |d| edit::set_strategy(d, Strategy::Linear),
            want: vec![
                (
                    p("DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration.Type"),
                    Change::Changed,
                    Some("CANARY"),
                    Some("LINEAR"),
                    &["Traffic routing CANARY → LINEAR", "instead of in 2 steps (10%, 100%)"],
                ),
                (
                    p("DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration.CanarySize"),
                    Change::Removed,
                    Some("10% of the fleet"),
                    None,
                    &["Canary 10% removed"],
                ),
                (
                    p("DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration.LinearStepSize"),
                    Change::Added,
                    None,
                    None,
                    &["Linear step", "added"],
                ),
            ],
        },
        Case {
            name: "new fleet grows",
            before: canary,
            edit: |d| d.endpoint.new_variants[0].initial_instance_count = Some(12),
            want: vec![(
                p("Endpoint.NewVariants[0].InitialInstanceCount"),
                Change::Changed,
                Some("10 instances"),
                Some("12 instances"),
                &["The new fleet of AllTraffic: 10 → 12 instances", "peak 20 → 22 instances"],
            )],
        },
        Case {
            name: "instance type of the new config",
            before: canary,
            edit: |d| d.endpoint.new_variants[0].instance_type = Some("ml.inf1.xlarge".into()),
            want: vec![(
                p("Endpoint.NewVariants[0].InstanceType"),
                Change::Changed,
                Some("ml.m5.xlarge"),
                Some("ml.inf1.xlarge"),
                &["AllTraffic runs on ml.inf1.xlarge instead of ml.m5.xlarge", "guardrails no longer apply"],
            )],
        },
        Case {
            name: "variant added to the new config",
            before: canary,
            edit: |d| {
                d.endpoint
                    .new_variants
                    .push(ProductionVariant::instances("Shadow", "ml.m5.large", 2))
            },
            want: vec![(
                p("Endpoint.NewVariants[1]"),
                Change::Added,
                None,
                Some("Shadow: ml.m5.large × 2"),
                &["Variant Shadow added to the new fleet", "AllTraffic 10, Shadow 2 instances"],
            )],
        },
        Case {
            name: "variant added to the running fleet",
            before: canary,
            edit: |d| {
                d.endpoint
                    .current_variants
                    .push(ProductionVariant::instances("Legacy", "ml.m4.xlarge", 2))
            },
            want: vec![(
                p("Endpoint.CurrentVariants[1]"),
                Change::Added,
                None,
                Some("Legacy: ml.m4.xlarge × 2"),
                &["Variant Legacy added to the running fleet", "the running fleet has 12 instances (was 10 instances)"],
            )],
        },
        Case {
            name: "provisioning assumption",
            before: canary,
            edit: |d| d.simulation.provisioning_seconds = 600,
            want: vec![(
                p("Simulation.ProvisioningSeconds"),
                Change::Changed,
                Some("300 s (5m)"),
                Some("600 s (10m)"),
                &["10m instead of 5m", "the plan takes 35m instead of 30m"],
            )],
        },
        Case {
            name: "alarm what-if during the canary bake",
            before: canary,
            edit: |d| d.simulation.set_alarm_at(Some(700)),
            want: vec![(
                p("Simulation.Failure.AtSeconds"),
                Change::Added,
                None,
                Some("trips at 700 s (11m 40s)"),
                &["rolls the deployment back with 10% of the traffic on the new fleet"],
            )],
        },
        Case {
            name: "a placeholder replaces the endpoint name",
            before: canary,
            edit: |d| {
                d.request.endpoint_name = None;
                d.placeholders.push(Placeholder {
                    path: "EndpointName".into(),
                    expression: "var.endpoint_name".into(),
                    line: Some(3),
                    column: Some(19),
                });
            },
            want: vec![(
                p("EndpointName"),
                Change::Changed,
                Some("fraud-scoring"),
                Some("placeholder var.endpoint_name"),
                &["comes from var.endpoint_name"],
            )],
        },
        Case {
            name: "retain counts switched off",
            before: || examples::example("retain").unwrap_or_default(),
            edit: |d| {
                d.request.retain_all_variant_properties = None;
                d.request.exclude_retained_variant_properties = None;
            },
            want: vec![
                (
                    p("RetainAllVariantProperties"),
                    Change::Removed,
                    Some("true"),
                    None,
                    &["the new fleet has 4 instances (was 12 instances)"],
                ),
                (
                    p("ExcludeRetainedVariantProperties[0].VariantPropertyType"),
                    Change::Removed,
                    Some("DesiredWeight"),
                    None,
                    &["DesiredWeight is kept from the running endpoint again"],
                ),
            ],
        },
        Case {
            name: "excluded property added",
            before: || examples::example("retain").unwrap_or_default(),
            edit: |d| {
                d.request
                    .exclude_retained_variant_properties
                    .get_or_insert_with(Vec::new)
                    .insert(
                        0,
                        VariantProperty {
                            variant_property_type: Some(VariantPropertyType::DesiredInstanceCount),
                        },
                    )
            },
            want: vec![(
                p("ExcludeRetainedVariantProperties[0].VariantPropertyType"),
                Change::Added,
                None,
                Some("DesiredInstanceCount"),
                &["DesiredInstanceCount is no longer kept"],
            )],
        },
        Case {
            name: "rolling batch",
            before: || examples::example("rolling").unwrap_or_default(),
            edit: |d| edit::rolling(d).maximum_batch_size = Some(CapacitySize::percent(50)),
            want: vec![(
                p("DeploymentConfig.RollingUpdatePolicy.MaximumBatchSize"),
                Change::Changed,
                Some("25% of the fleet"),
                Some("50% of the fleet"),
                &["Batch 25% → 50% of 8 instances: 2 → 4 instances per batch", "4 batches → 2 batches", "peak 10 → 12 instances"],
            )],
        },
        Case {
            name: "rollback batch removed",
            before: || examples::example("rolling").unwrap_or_default(),
            edit: |d| edit::rolling(d).rollback_maximum_batch_size = None,
            want: vec![(
                p("DeploymentConfig.RollingUpdatePolicy.RollbackMaximumBatchSize"),
                Change::Removed,
                Some("4 instances"),
                None,
                &["a rollback brings back the whole old fleet at once instead of 4 instances per round"],
            )],
        },
        Case {
            name: "weight of one variant",
            before: || examples::example("multi").unwrap_or_default(),
            edit: |d| d.endpoint.new_variants[1].initial_variant_weight = Some(0.8),
            want: vec![(
                p("Endpoint.NewVariants[1].InitialVariantWeight"),
                Change::Changed,
                Some("0.2"),
                Some("0.8"),
                &["VariantB's share of the endpoint's traffic (new config): 20% → 50%"],
            )],
        },
        Case {
            name: "an empty deployment config added",
            before: || {
                let mut d = canary();
                d.request.deployment_config = None;
                d
            },
            edit: |d| d.request.deployment_config = Some(Default::default()),
            want: vec![(
                p("DeploymentConfig"),
                Change::Added,
                None,
                Some("set, empty"),
                &["no effect on the rollout"],
            )],
        },
    ];
    for case in cases {
        let before = (case.before)();
        let mut after = before.clone();
        (case.edit)(&mut after);
        let d = diff(&before, &after);
        let got: Vec<(&str, Change)> = d
            .changes
            .iter()
            .map(|c| (c.path.as_str(), c.change))
            .collect();
        let want: Vec<(&str, Change)> = case.want.iter().map(|w| (w.0, w.1)).collect();
        assert_eq!(got, want, "{}: {:#?}", case.name, d.changes);
        for (c, w) in d.changes.iter().zip(&case.want) {
            if w.2.is_some() || c.change == Change::Changed {
                assert_eq!(
                    c.before.as_deref(),
                    w.2,
                    "{}: before of {}",
                    case.name,
                    c.path
                );
            }
            if w.3.is_some() || c.change == Change::Changed {
                assert_eq!(
                    c.after.as_deref(),
                    w.3,
                    "{}: after of {}",
                    case.name,
                    c.path
                );
            }
            for words in w.4 {
                assert!(
                    c.meaning.contains(words),
                    "{}: the meaning of {} should say {words:?}; it says {:?}",
                    case.name,
                    c.path,
                    c.meaning
                );
            }
            assert_eq!(
                c.change.as_str(),
                ["added", "removed", "changed"][c.change as usize]
            );
        }
        assert!(!d.is_empty(), "{}", case.name);
    }
}

#[test]
fn the_same_design_is_no_change() {
    for example in examples::EXAMPLES {
        let doc = (example.build)();
        let d = diff(&doc, &doc.clone());
        assert!(d.is_empty(), "{}: {:#?}", example.id, d.changes);
        assert!(d.changes.is_empty() && d.introduced.is_empty() && d.resolved.is_empty());
        assert_eq!(d.changed_figures().count(), 0);
    }
    let blank = DesignDocument::default();
    assert!(diff(&blank, &blank).is_empty());
}

#[test]
fn findings_introduced_and_resolved_are_told_by_rule_and_path() {
    let before = canary();
    let mut after = before.clone();
    // Canary of 60%: over S2's 50%; and a timeout under the plan (S5).
    edit::routing(&mut after).canary_size = Some(CapacitySize::percent(60));
    edit::blue_green(&mut after).maximum_execution_timeout_in_seconds = Some(1500);
    let d = diff(&before, &after);
    let introduced: Vec<(&str, &str)> = d
        .introduced
        .iter()
        .map(|f| (f.rule, f.path.as_str()))
        .collect();
    assert!(
        introduced.contains(&("S2", &format!("{ROUTING}.CanarySize.Value")[..]))
            || introduced
                .iter()
                .any(|(r, p)| *r == "S2" && p.starts_with(ROUTING)),
        "{introduced:?}"
    );
    assert!(introduced.iter().any(|(r, _)| *r == "S5"), "{introduced:?}");
    assert!(d.resolved.is_empty());
    // The other way round the same findings are resolved.
    let back = diff(&after, &before);
    let resolved: Vec<&str> = back.resolved.iter().map(|f| f.rule).collect();
    assert!(
        resolved.contains(&"S2") && resolved.contains(&"S5"),
        "{resolved:?}"
    );
    assert!(back.introduced.is_empty());
}

#[test]
fn the_rollout_figures_move_with_the_change() {
    let before = canary();
    let mut after = before.clone();
    edit::routing(&mut after).canary_size = Some(CapacitySize::percent(20));
    edit::routing(&mut after).wait_interval_in_seconds = Some(300);
    let d = diff(&before, &after);
    let fig = |k: FigureKind| {
        d.figures
            .iter()
            .find(|f| f.kind == k)
            .map(|f| (f.before.as_str(), f.after.as_str(), f.changed))
    };
    // P 300 + 2 bakes + T 300: 1800 s before, 1200 s after.
    assert_eq!(fig(FigureKind::TotalDuration), Some(("30m", "20m", true)));
    // 100% at the second step: 300 + 600 before, 300 + 300 after.
    assert_eq!(
        fig(FigureKind::TimeToFullTraffic),
        Some(("15m", "10m", true))
    );
    assert_eq!(
        fig(FigureKind::PeakInstances),
        Some(("20 instances", "20 instances", false))
    );
    assert_eq!(
        fig(FigureKind::Outcome),
        Some(("succeeds", "succeeds", false))
    );
    assert_eq!(fig(FigureKind::AlarmExposure), Some(("10%", "20%", true)));
    let hours = fig(FigureKind::InstanceHours).map(|f| f.2);
    assert_eq!(hours, Some(true));
    assert_eq!(d.figures.len(), 6);
    assert_eq!(d.changed_figures().count(), 4);
}

#[test]
fn exposure_is_the_whole_traffic_without_alarms_or_with_all_at_once() {
    let before = canary();
    let mut no_alarms = before.clone();
    edit::alarms(&mut no_alarms).clear();
    let mut all_at_once = before.clone();
    edit::routing(&mut all_at_once).type_ = Some(TrafficRoutingConfigType::AllAtOnce);
    for (name, after, want) in [
        ("no alarms", no_alarms, "100% (no alarm)"),
        ("all at once", all_at_once, "100%"),
    ] {
        let d = diff(&before, &after);
        let f = d
            .figures
            .iter()
            .find(|f| f.kind == FigureKind::AlarmExposure);
        assert_eq!(f.map(|f| f.after.as_str()), Some(want), "{name}");
        assert_eq!(f.map(|f| f.before.as_str()), Some("10%"), "{name}");
    }
}

#[test]
fn a_timeout_outcome_is_a_figure() {
    let before = canary();
    let mut after = before.clone();
    edit::blue_green(&mut after).maximum_execution_timeout_in_seconds = Some(1500);
    let d = diff(&before, &after);
    let f = d.figures.iter().find(|f| f.kind == FigureKind::Outcome);
    assert_eq!(
        f.map(|f| (f.before.as_str(), f.after.as_str())),
        Some(("succeeds", "times out at 25m and rolls back (done at 25m)"))
    );
}

#[test]
fn strategy_switch_lists_the_policies_members() {
    let before = canary();
    let mut after = before.clone();
    edit::set_strategy(&mut after, Strategy::Rolling);
    let d = diff(&before, &after);
    let removed: Vec<&str> = d
        .changes
        .iter()
        .filter(|c| c.change == Change::Removed)
        .map(|c| c.path.as_str())
        .collect();
    let added: Vec<&str> = d
        .changes
        .iter()
        .filter(|c| c.change == Change::Added)
        .map(|c| c.path.as_str())
        .collect();
    assert!(
        removed.contains(&&format!("{ROUTING}.Type")[..]),
        "{removed:?}"
    );
    assert!(
        removed.contains(&&format!("{BG}.TerminationWaitInSeconds")[..]),
        "{removed:?}"
    );
    assert!(
        added.contains(&"DeploymentConfig.RollingUpdatePolicy.MaximumBatchSize"),
        "{added:?}"
    );
    // Alarms carry over: not a change.
    assert!(d.changes.iter().all(|c| !c.path.starts_with(ALARMS)));
    // Every change names its path in VALIDATION.md's form and says something.
    for c in &d.changes {
        assert!(!c.meaning.is_empty(), "{c:?}");
        assert!(c.path.starts_with("DeploymentConfig."), "{c:?}");
    }
}

#[test]
fn nonsense_designs_do_not_panic() {
    let mut wild = canary();
    edit::routing(&mut wild).canary_size = Some(CapacitySize {
        type_: None,
        value: Some(i64::MAX),
    });
    edit::routing(&mut wild).wait_interval_in_seconds = Some(i64::MIN);
    edit::blue_green(&mut wild).maximum_execution_timeout_in_seconds = Some(-5);
    wild.endpoint.new_variants[0].initial_instance_count = Some(i64::MAX);
    wild.endpoint.new_variants[0].initial_variant_weight = Some(f64::NAN);
    wild.endpoint.current_variants.clear();
    wild.simulation.provisioning_seconds = i64::MIN;
    wild.simulation.set_alarm_at(Some(i64::MAX));
    let blank = DesignDocument::default();
    for (b, a) in [(&blank, &wild), (&wild, &blank), (&wild, &wild)] {
        let d = diff(b, a);
        for c in &d.changes {
            assert!(!c.meaning.is_empty(), "{c:?}");
        }
    }
}

/// Every member of the document, changed alone, is listed both ways (as added or changed
/// one way, removed or changed the other): the diff misses no member.
#[test]
fn no_member_goes_unlisted() {
    use designer_core::model::{RollingUpdatePolicy, ServerlessConfig};
    type Edit = fn(&mut DesignDocument);
    let edits: &[(&str, Edit)] = &[
        ("EndpointName", |d| {
            d.request.endpoint_name = Some("other".into())
        }),
        ("EndpointConfigName", |d| {
            d.request.endpoint_config_name = None
        }),
        ("RetainAllVariantProperties", |d| {
            d.request.retain_all_variant_properties = Some(false)
        }),
        ("ExcludeRetainedVariantProperties", |d| {
            d.request.exclude_retained_variant_properties = Some(vec![])
        }),
        ("ExcludeRetainedVariantProperties[0]", |d| {
            d.request.exclude_retained_variant_properties = Some(vec![VariantProperty::default()])
        }),
        ("RetainDeploymentConfig", |d| {
            d.request.retain_deployment_config = Some(true)
        }),
        ("DeploymentConfig", |d| d.request.deployment_config = None),
        ("TrafficRoutingConfiguration", |d| {
            edit::blue_green(d).traffic_routing_configuration = Some(Default::default())
        }),
        ("Type", |d| {
            edit::routing(d).type_ = Some(TrafficRoutingConfigType::Other("SOMETIMES".into()))
        }),
        ("WaitIntervalInSeconds", |d| {
            edit::routing(d).wait_interval_in_seconds = None
        }),
        ("CanarySize.Type", |d| {
            if let Some(c) = edit::routing(d).canary_size.as_mut() {
                c.type_ = None;
            }
        }),
        ("LinearStepSize", |d| {
            edit::routing(d).linear_step_size = Some(CapacitySize::instances(1))
        }),
        ("TerminationWaitInSeconds", |d| {
            edit::blue_green(d).termination_wait_in_seconds = Some(0)
        }),
        ("MaximumExecutionTimeoutInSeconds", |d| {
            edit::blue_green(d).maximum_execution_timeout_in_seconds = Some(3601)
        }),
        ("RollingUpdatePolicy", |d| {
            edit::deployment_config(d).rolling_update_policy = Some(RollingUpdatePolicy::default())
        }),
        ("Rolling members", |d| {
            edit::deployment_config(d).rolling_update_policy = Some(RollingUpdatePolicy {
                maximum_batch_size: Some(CapacitySize::percent(10)),
                wait_interval_in_seconds: Some(60),
                maximum_execution_timeout_in_seconds: Some(900),
                rollback_maximum_batch_size: Some(CapacitySize::instances(1)),
            })
        }),
        ("AutoRollbackConfiguration", |d| {
            edit::deployment_config(d).auto_rollback_configuration = None
        }),
        ("Alarms", |d| edit::alarms(d).clear()),
        ("Alarms[0].AlarmName", |d| {
            edit::alarms(d)[0].alarm_name = None
        }),
        ("CurrentEndpointConfigName", |d| {
            d.endpoint.current_endpoint_config_name = Some("v0".into())
        }),
        ("CurrentVariants[0].InitialInstanceCount", |d| {
            d.endpoint.current_variants[0].initial_instance_count = Some(3)
        }),
        ("CurrentVariants[0].InstanceType", |d| {
            d.endpoint.current_variants[0].instance_type = None
        }),
        ("NewVariants[0].VariantName", |d| {
            d.endpoint.new_variants[0].variant_name = Some("Main".into())
        }),
        ("NewVariants[0].ModelName", |d| {
            d.endpoint.new_variants[0].model_name = Some("m2".into())
        }),
        ("NewVariants[0].InitialVariantWeight", |d| {
            d.endpoint.new_variants[0].initial_variant_weight = None
        }),
        ("NewVariants[0].AcceleratorType", |d| {
            d.endpoint.new_variants[0].accelerator_type = Some("ml.eia2.medium".into())
        }),
        ("NewVariants[0].ServerlessConfig", |d| {
            d.endpoint.new_variants[0].serverless_config = Some(ServerlessConfig::default())
        }),
        ("NewVariants[0].ServerlessConfig.MemorySizeInMB", |d| {
            d.endpoint.new_variants[0].serverless_config = Some(ServerlessConfig {
                memory_size_in_mb: Some(2048),
                max_concurrency: Some(5),
                provisioned_concurrency: Some(1),
            })
        }),
        ("NewVariants removed", |d| d.endpoint.new_variants.clear()),
        ("UsesMarketplaceContainers", |d| {
            d.endpoint.uses_marketplace_containers = true
        }),
        ("ProvisioningSeconds", |d| {
            d.simulation.provisioning_seconds = 301
        }),
        ("AlarmTripAtSeconds", |d| {
            d.simulation.set_alarm_at(Some(0))
        }),
        ("a placeholder for a whole member", |d| {
            d.request.deployment_config = None;
            d.placeholders.push(Placeholder {
                path: "DeploymentConfig".into(),
                expression: "local.deployment".into(),
                line: None,
                column: None,
            })
        }),
    ];
    for (name, edit) in edits {
        let before = canary();
        let mut after = before.clone();
        edit(&mut after);
        assert_ne!(before, after, "{name}: the edit changes nothing");
        for (dir, d) in [
            ("forward", diff(&before, &after)),
            ("back", diff(&after, &before)),
        ] {
            assert!(!d.changes.is_empty(), "{name} ({dir}): not listed");
            for c in &d.changes {
                assert!(!c.meaning.is_empty(), "{name} ({dir}): {c:?}");
                assert!(
                    c.before.is_some() || c.after.is_some(),
                    "{name} ({dir}): {c:?}"
                );
                assert_eq!(
                    c.before.is_none(),
                    c.change == Change::Added,
                    "{name}: {c:?}"
                );
                assert_eq!(
                    c.after.is_none(),
                    c.change == Change::Removed,
                    "{name}: {c:?}"
                );
            }
        }
    }
}

/// Version 2's alarm definitions: a faster period, a dimension that narrows the alarm to the
/// new fleet, and a new definition are changes with what they do to the detection time.
#[test]
fn alarm_definitions_are_reviewed_with_their_detection_time() {
    use designer_core::model::{Dimension, MetricAlarm};
    let slow = MetricAlarm {
        alarm_name: Some("fraud-scoring-5xx-errors".into()),
        namespace: Some("AWS/SageMaker".into()),
        metric_name: Some("Invocation5XXErrors".into()),
        dimensions: vec![Dimension { name: "EndpointName".into(), value: "fraud-scoring".into() }],
        statistic: Some("Sum".into()),
        period: Some(600),
        evaluation_periods: Some(2),
        threshold: Some(1.0),
        comparison_operator: Some("GreaterThanOrEqualToThreshold".into()),
        ..Default::default()
    };
    let mut before = canary();
    before.alarms = vec![slow.clone()];
    let mut after = before.clone();
    after.alarms[0].period = Some(60);
    after.alarms[0].dimensions.push(Dimension { name: "EndpointConfigName".into(), value: "fraud-scoring-v2".into() });
    after.alarms.push(MetricAlarm {
        alarm_name: Some("fraud-scoring-p99-latency".into()),
        period: Some(60),
        evaluation_periods: Some(3),
        ..slow
    });
    let d = diff(&before, &after);
    let got: Vec<(&str, Change)> = d
        .changes
        .iter()
        .filter(|c| c.path.starts_with("Alarms["))
        .map(|c| (c.path.as_str(), c.change))
        .collect();
    assert_eq!(
        got,
        [
            ("Alarms[0].Period", Change::Changed),
            ("Alarms[0].Dimensions", Change::Changed),
            ("Alarms[1]", Change::Added),
        ]
    );
    let period = d.changes.iter().find(|c| c.path == "Alarms[0].Period").unwrap();
    assert_eq!((period.before.as_deref(), period.after.as_deref()), (Some("600"), Some("60")));
    assert!(period.meaning.contains("can now trip 3m after a problem starts, instead of 21m"), "{}", period.meaning);
    let dims = d.changes.iter().find(|c| c.path == "Alarms[0].Dimensions").unwrap();
    assert!(dims.meaning.contains("only the new fleet"), "{}", dims.meaning);
    let added = d.changes.iter().find(|c| c.path == "Alarms[1]").unwrap();
    assert!(added.meaning.contains("can trip 4m after a problem starts"), "{}", added.meaning);
    // The same definitions on both sides: no change.
    assert!(!diff(&after, &after).changes.iter().any(|c| c.path.starts_with("Alarms[")));
}
