//! The simulator against SIMULATION.md: its worked example exactly, rollbacks, the S8
//! fallback, retained counts, the default policy, several variants, and property tests
//! of what a user relies on when reading the timeline.

use deployment_designer::core::chart::{layout, ChartSize};
use deployment_designer::core::model::{self, *};
use deployment_designer::core::simulate::*;
use proptest::prelude::*;
use proptest::strategy::Strategy as PropStrategy;

/// A design on one variant `AllTraffic` of `ml.m5.xlarge`, `n_old` -> `n` instances, P = 300.
fn design(n_old: i64, n: i64, config: Option<DeploymentConfig>) -> DesignDocument {
    let mut doc = DesignDocument::default();
    doc.endpoint.current_variants[0].initial_instance_count = Some(n_old);
    doc.endpoint.new_variants[0].initial_instance_count = Some(n);
    doc.request.endpoint_name = Some("ep".into());
    doc.request.endpoint_config_name = Some("cfg-v2".into());
    doc.request.deployment_config = config;
    doc
}

fn blue_green(
    routing: TrafficRoutingConfig,
    termination_wait: Option<i64>,
    timeout: Option<i64>,
) -> Option<DeploymentConfig> {
    Some(DeploymentConfig {
        blue_green_update_policy: Some(BlueGreenUpdatePolicy {
            traffic_routing_configuration: Some(routing),
            termination_wait_in_seconds: termination_wait,
            maximum_execution_timeout_in_seconds: timeout,
        }),
        ..Default::default()
    })
}

fn all_at_once(wait: i64) -> TrafficRoutingConfig {
    TrafficRoutingConfig {
        type_: Some(TrafficRoutingConfigType::AllAtOnce),
        wait_interval_in_seconds: Some(wait),
        ..Default::default()
    }
}

fn canary(size: CapacitySize, wait: i64) -> TrafficRoutingConfig {
    TrafficRoutingConfig {
        type_: Some(TrafficRoutingConfigType::Canary),
        wait_interval_in_seconds: Some(wait),
        canary_size: Some(size),
        ..Default::default()
    }
}

fn linear(size: CapacitySize, wait: i64) -> TrafficRoutingConfig {
    TrafficRoutingConfig {
        type_: Some(TrafficRoutingConfigType::Linear),
        wait_interval_in_seconds: Some(wait),
        linear_step_size: Some(size),
        ..Default::default()
    }
}

fn rolling(
    batch: CapacitySize,
    wait: i64,
    rollback: Option<CapacitySize>,
    timeout: Option<i64>,
) -> Option<DeploymentConfig> {
    Some(DeploymentConfig {
        rolling_update_policy: Some(RollingUpdatePolicy {
            maximum_batch_size: Some(batch),
            wait_interval_in_seconds: Some(wait),
            maximum_execution_timeout_in_seconds: timeout,
            rollback_maximum_batch_size: rollback,
        }),
        ..Default::default()
    })
}

/// The (second, traffic %) pairs where the new fleet's share changes, as the worked
/// example lists them.
fn traffic_changes(sim: &Simulation) -> Vec<(i64, i64)> {
    let mut out = Vec::new();
    let mut last = 0.0;
    for e in &sim.events {
        if e.new_traffic_percent != last {
            out.push((e.t, e.new_traffic_percent.round() as i64));
            last = e.new_traffic_percent;
        }
    }
    out
}

fn rows(sim: &Simulation) -> Vec<(i64, &'static str, i64, i64, i64)> {
    sim.events
        .iter()
        .map(|e| {
            (
                e.t,
                e.phase.as_str(),
                e.old_instances,
                e.new_instances,
                e.new_traffic_percent.round() as i64,
            )
        })
        .collect()
}

// ---------------------------------------------------------------------------------
// SIMULATION.md's worked example: N = N_old = 10, P = 300, W = 600.

#[test]
fn worked_example_all_at_once() {
    let sim = simulate(&design(
        10,
        10,
        blue_green(all_at_once(600), Some(300), None),
    ));
    assert_eq!(
        rows(&sim),
        vec![
            (0, "provisioning", 10, 0, 0),
            (300, "baking", 10, 10, 100),
            (900, "termination-wait", 10, 10, 100),
            (1200, "done", 0, 10, 100),
        ]
    );
    assert_eq!(sim.summary.outcome, Outcome::Succeeded);
    assert_eq!(sim.summary.total_seconds, 1200);
    assert_eq!(sim.summary.time_to_full_traffic, Some(300));
    assert_eq!(sim.summary.peak_instances, 20);
    // 10 instances for 300 s, then 20 for 900 s.
    assert!((sim.summary.instance_hours - (10.0 * 300.0 + 20.0 * 900.0) / 3600.0).abs() < 1e-9);
}

#[test]
fn worked_example_canary() {
    let sim = simulate(&design(
        10,
        10,
        blue_green(canary(CapacitySize::percent(20), 600), Some(300), None),
    ));
    assert_eq!(traffic_changes(&sim), vec![(300, 20), (900, 100)]);
    assert_eq!(
        sim.events
            .iter()
            .find(|e| e.phase == Phase::TerminationWait)
            .map(|e| e.t),
        Some(1500)
    );
    assert_eq!(sim.summary.total_seconds, 1800);
    assert_eq!(sim.steps, 2);
}

#[test]
fn worked_example_linear() {
    let sim = simulate(&design(
        10,
        10,
        blue_green(linear(CapacitySize::percent(20), 600), Some(300), None),
    ));
    assert_eq!(
        traffic_changes(&sim),
        vec![(300, 20), (900, 40), (1500, 60), (2100, 80), (2700, 100)]
    );
    assert_eq!(
        sim.events
            .iter()
            .find(|e| e.phase == Phase::TerminationWait)
            .map(|e| e.t),
        Some(3300)
    );
    assert_eq!(sim.summary.total_seconds, 3600);
    assert_eq!(sim.steps, 5);
    let steps: Vec<u32> = sim.events.iter().map(|e| e.step).collect();
    assert_eq!(steps, vec![0, 1, 2, 3, 4, 5, 5, 5]);
}

#[test]
fn worked_example_rolling() {
    let sim = simulate(&design(
        10,
        10,
        rolling(CapacitySize::percent(20), 600, None, None),
    ));
    assert_eq!(
        traffic_changes(&sim),
        vec![(300, 20), (1200, 40), (2100, 60), (3000, 80), (3900, 100)]
    );
    assert_eq!(sim.summary.total_seconds, 4500);
    assert_eq!(sim.summary.peak_instances, 12);
    assert_eq!(
        sim.events
            .last()
            .map(|e| (e.phase, e.old_instances, e.new_instances)),
        Some((Phase::Done, 0, 10))
    );
    // Each batch: provision 2 new, bake, then 2 old go.
    assert_eq!(
        &rows(&sim)[..4],
        &[
            (0, "provisioning", 10, 0, 0),
            (300, "baking", 10, 2, 20),
            (900, "provisioning", 8, 2, 20),
            (1200, "baking", 8, 4, 40),
        ]
    );
}

#[test]
fn worked_example_canary_alarm_at_700_rolls_back() {
    let mut doc = design(
        10,
        10,
        blue_green(canary(CapacitySize::percent(20), 600), Some(300), None),
    );
    doc.simulation.set_alarm_at(Some(700));
    let sim = simulate(&doc);
    assert_eq!(traffic_changes(&sim), vec![(300, 20), (700, 0)]);
    assert_eq!(sim.summary.outcome, Outcome::RolledBackAlarm);
    assert_eq!(sim.summary.total_seconds, 700);
    assert_eq!(sim.summary.time_to_full_traffic, None);
    let last = sim.events.last().cloned();
    assert_eq!(
        last.map(|e| (e.t, e.phase, e.old_instances, e.new_instances)),
        Some((700, Phase::Done, 10, 0))
    );
    assert!(sim
        .events
        .iter()
        .any(|e| e.t == 700 && e.phase == Phase::Rollback));
}

#[test]
fn worked_example_linear_times_out_at_3000() {
    let sim = simulate(&design(
        10,
        10,
        blue_green(
            linear(CapacitySize::percent(20), 600),
            Some(300),
            Some(3000),
        ),
    ));
    assert_eq!(
        traffic_changes(&sim),
        vec![
            (300, 20),
            (900, 40),
            (1500, 60),
            (2100, 80),
            (2700, 100),
            (3000, 0)
        ]
    );
    assert_eq!(sim.summary.outcome, Outcome::RolledBackTimeout);
    assert_eq!(sim.summary.total_seconds, 3000);
    assert_eq!(sim.timeout_at, Some(3000));
}

// ---------------------------------------------------------------------------------
// Alarms and timeouts at the edges of bakes.

#[test]
fn alarms_count_only_inside_a_bake() {
    // CANARY 20%, T 300: bakes run 300..900 and 900..1500; provisioning before, wait after.
    let cases = [
        (0, Outcome::Succeeded),
        (299, Outcome::Succeeded),
        (300, Outcome::RolledBackAlarm),
        (1499, Outcome::RolledBackAlarm),
        (1500, Outcome::Succeeded),
        (1700, Outcome::Succeeded),
        (5000, Outcome::Succeeded),
    ];
    for (a, want) in cases {
        let mut doc = design(
            10,
            10,
            blue_green(canary(CapacitySize::percent(20), 600), Some(300), None),
        );
        doc.simulation.set_alarm_at(Some(a));
        let sim = simulate(&doc);
        assert_eq!(sim.summary.outcome, want, "alarm at {a}");
        let end = if want == Outcome::Succeeded { 1800 } else { a };
        assert_eq!(sim.summary.total_seconds, end, "alarm at {a}");
    }
}

#[test]
fn a_plan_ending_exactly_at_the_timeout_succeeds() {
    // ALL_AT_ONCE W 600 T 300 ends at 1200.
    for (m, want) in [
        (1200, Outcome::Succeeded),
        (1199, Outcome::RolledBackTimeout),
        (600, Outcome::RolledBackTimeout),
    ] {
        let sim = simulate(&design(
            10,
            10,
            blue_green(all_at_once(600), Some(300), Some(m)),
        ));
        assert_eq!(sim.summary.outcome, want, "M = {m}");
    }
}

#[test]
fn a_timeout_during_the_termination_wait_still_rolls_back() {
    let sim = simulate(&design(
        10,
        10,
        blue_green(all_at_once(600), Some(3600), Some(1000)),
    ));
    assert_eq!(sim.summary.outcome, Outcome::RolledBackTimeout);
    assert_eq!(
        sim.events
            .last()
            .map(|e| (e.t, e.new_traffic_percent, e.old_instances, e.new_instances)),
        Some((1000, 0.0, 10, 0))
    );
}

// ---------------------------------------------------------------------------------
// Rolling rollback, with and without RollbackMaximumBatchSize.

#[test]
fn rolling_rollback_table() {
    // N = 10, batch 20% (2), P 300, W 600. An alarm at 2200 falls in batch 3's bake
    // (2100..2700): 4 old instances are gone, 6 new serve 60%.
    struct Case {
        rollback: Option<CapacitySize>,
        end: i64,
        rollback_rows: &'static [(i64, &'static str, i64, i64, i64)],
    }
    let cases = [
        // All at once: 4 old instances in one provisioning period.
        Case {
            rollback: None,
            end: 2500,
            rollback_rows: &[(2200, "rollback", 6, 6, 60), (2500, "done", 10, 0, 0)],
        },
        Case {
            rollback: Some(CapacitySize::percent(100)),
            end: 2500,
            rollback_rows: &[(2200, "rollback", 6, 6, 60), (2500, "done", 10, 0, 0)],
        },
        // S14: more instances than the fleet behaves as 100%.
        Case {
            rollback: Some(CapacitySize::instances(50)),
            end: 2500,
            rollback_rows: &[(2200, "rollback", 6, 6, 60), (2500, "done", 10, 0, 0)],
        },
        // Rounds of 1 instance: 4 rounds of P.
        Case {
            rollback: Some(CapacitySize::instances(1)),
            end: 3400,
            rollback_rows: &[
                (2200, "rollback", 6, 6, 60),
                (2500, "rollback", 7, 5, 50),
                (2800, "rollback", 8, 4, 40),
                (3100, "rollback", 9, 3, 30),
                (3400, "done", 10, 0, 0),
            ],
        },
        // 30% of 10 is 3 instances: 2 rounds.
        Case {
            rollback: Some(CapacitySize::percent(30)),
            end: 2800,
            rollback_rows: &[
                (2200, "rollback", 6, 6, 60),
                (2500, "rollback", 9, 3, 30),
                (2800, "done", 10, 0, 0),
            ],
        },
    ];
    for c in cases {
        let mut doc = design(
            10,
            10,
            rolling(CapacitySize::percent(20), 600, c.rollback.clone(), None),
        );
        doc.simulation.set_alarm_at(Some(2200));
        let sim = simulate(&doc);
        assert_eq!(
            sim.summary.outcome,
            Outcome::RolledBackAlarm,
            "{:?}",
            c.rollback
        );
        assert_eq!(sim.summary.total_seconds, c.end, "{:?}", c.rollback);
        let rows = rows(&sim);
        let from = rows.iter().position(|r| r.0 == 2200).unwrap_or(rows.len());
        assert_eq!(&rows[from..], c.rollback_rows, "{:?}", c.rollback);
    }
}

#[test]
fn rolling_rollback_in_the_first_bake_is_instant() {
    // Nothing old was terminated yet: traffic returns at once.
    let mut doc = design(10, 10, rolling(CapacitySize::percent(20), 600, None, None));
    doc.simulation.set_alarm_at(Some(400));
    let sim = simulate(&doc);
    assert_eq!(sim.summary.total_seconds, 400);
    assert_eq!(
        rows(&sim)[2..],
        [(400, "rollback", 10, 2, 0), (400, "done", 10, 0, 0)]
    );
}

#[test]
fn rolling_alarm_during_provisioning_changes_nothing() {
    let mut doc = design(10, 10, rolling(CapacitySize::percent(20), 600, None, None));
    doc.simulation.set_alarm_at(Some(1000));
    let sim = simulate(&doc);
    assert_eq!(sim.summary.outcome, Outcome::Succeeded);
    assert!(sim.notes.iter().any(|n| n.contains("outside every bake")));
}

#[test]
fn rolling_timeout_rolls_back() {
    // Ends at 4500 without a limit; M 3600 falls in batch 5's provisioning (3600..3900).
    let sim = simulate(&design(
        10,
        10,
        rolling(CapacitySize::percent(20), 600, None, Some(3600)),
    ));
    assert_eq!(sim.summary.outcome, Outcome::RolledBackTimeout);
    // 8 old instances were terminated: one provisioning period to bring them back.
    assert_eq!(sim.summary.total_seconds, 3900);
    assert_eq!(state_at(&sim, 3700).phase, Phase::Rollback);
    assert_eq!(
        sim.events
            .last()
            .map(|e| (e.old_instances, e.new_instances)),
        Some((10, 0))
    );
}

// ---------------------------------------------------------------------------------
// S8 exclusions, retained counts, the default.

#[test]
fn s8_exclusions_fall_back_to_all_at_once_without_the_final_bake() {
    let linear_doc = || {
        design(
            10,
            10,
            blue_green(linear(CapacitySize::percent(20), 600), Some(300), None),
        )
    };
    let mut inf1 = linear_doc();
    inf1.endpoint.new_variants[0].instance_type = Some("ml.inf1.xlarge".into());
    let mut eia = linear_doc();
    eia.endpoint.new_variants[0].accelerator_type = Some("ml.eia2.medium".into());
    let mut marketplace = linear_doc();
    marketplace.endpoint.uses_marketplace_containers = true;
    let mut rolling_inf1 = design(10, 10, rolling(CapacitySize::percent(20), 600, None, None));
    rolling_inf1.endpoint.current_variants[0].instance_type = Some("ml.inf1.2xlarge".into());
    for (name, doc, end) in [
        ("inf1", inf1, 600),
        ("eia", eia, 600),
        ("marketplace", marketplace, 600),
        ("rolling on inf1", rolling_inf1, 300),
    ] {
        let sim = simulate(&doc);
        assert_eq!(sim.strategy, model::Strategy::AllAtOnce, "{name}");
        assert_eq!(traffic_changes(&sim), vec![(300, 100)], "{name}");
        // P + T: no bake at all.
        assert_eq!(sim.summary.total_seconds, end, "{name}");
        assert!(
            sim.events.iter().all(|e| e.phase != Phase::Baking),
            "{name}"
        );
        assert!(
            sim.notes
                .iter()
                .any(|n| n.contains("guardrails do not apply")),
            "{name}"
        );
    }
    // An alarm cannot trip without a bake.
    let mut doc = linear_doc();
    doc.endpoint.uses_marketplace_containers = true;
    doc.simulation.set_alarm_at(Some(400));
    assert_eq!(simulate(&doc).summary.outcome, Outcome::Succeeded);
    // ml.inf2 is not excluded.
    let mut inf2 = linear_doc();
    inf2.endpoint.new_variants[0].instance_type = Some("ml.inf2.xlarge".into());
    assert_eq!(simulate(&inf2).summary.total_seconds, 3600);
}

#[test]
fn retain_all_variant_properties_decides_the_new_fleet_size() {
    let excluded = || {
        Some(vec![VariantProperty {
            variant_property_type: Some(VariantPropertyType::DesiredInstanceCount),
        }])
    };
    let weight_only = || {
        Some(vec![VariantProperty {
            variant_property_type: Some(VariantPropertyType::DesiredWeight),
        }])
    };
    // (retain, exclusions, new fleet): old fleet 6, new config 3.
    let cases = [
        (None, None, 3),
        (Some(false), None, 3),
        (Some(true), None, 6),
        (Some(true), weight_only(), 6),
        (Some(true), excluded(), 3),
    ];
    for (retain, exclude, want) in cases {
        let mut doc = design(6, 3, blue_green(all_at_once(0), None, None));
        doc.request.retain_all_variant_properties = retain;
        doc.request.exclude_retained_variant_properties = exclude.clone();
        let sim = simulate(&doc);
        assert_eq!(sim.variants[0].new_fleet, want, "{retain:?} {exclude:?}");
        assert_eq!(
            sim.summary.peak_instances,
            6 + want,
            "{retain:?} {exclude:?}"
        );
        assert_eq!(sim.events.last().map(|e| e.new_instances), Some(want));
    }
}

#[test]
fn no_policy_is_all_at_once_without_a_bake() {
    for config in [None, Some(DeploymentConfig::default())] {
        let sim = simulate(&design(4, 4, config));
        assert_eq!(sim.strategy, model::Strategy::Default);
        // Both fleets run at 300 for a zero-second bake: the peak shows it.
        assert_eq!(
            rows(&sim),
            vec![
                (0, "provisioning", 4, 0, 0),
                (300, "baking", 4, 4, 100),
                (300, "done", 0, 4, 100)
            ]
        );
        assert_eq!(state_at(&sim, 300).phase, Phase::Done);
        assert_eq!(sim.summary.peak_instances, 8);
    }
}

// ---------------------------------------------------------------------------------
// Nonsense input is clamped, and said so.

#[test]
fn nonsense_is_clamped_with_a_note() {
    let mut doc = design(10, 10, rolling(CapacitySize::instances(0), -5, None, None));
    doc.simulation.provisioning_seconds = -100;
    let sim = simulate(&doc);
    // Batch of 1 instance, P = W = 0: everything at second 0.
    assert_eq!(sim.summary.total_seconds, 0);
    assert!(sim.notes.iter().any(|n| n.contains("below 1 instance")));
    assert!(sim.notes.iter().any(|n| n.contains("negative")));

    // A 1-instance linear step on a huge fleet is capped, not looped over.
    let sim = simulate(&design(
        1_000_000,
        1_000_000,
        blue_green(linear(CapacitySize::instances(1), 60), None, None),
    ));
    assert_eq!(sim.steps, MAX_STEPS as u32);
    assert!(sim.notes.iter().any(|n| n.contains("more than")));

    // Huge durations saturate into MAX_DURATION.
    let mut doc = design(
        2,
        2,
        blue_green(all_at_once(i64::MAX), Some(i64::MAX), Some(i64::MIN)),
    );
    doc.simulation.provisioning_seconds = i64::MAX;
    let sim = simulate(&doc);
    assert!(sim.summary.total_seconds >= 0);
}

#[test]
fn an_empty_new_fleet_is_a_single_event() {
    for doc in [
        design(4, 0, None),
        {
            let mut d = design(4, 4, None);
            d.endpoint.new_variants[0].serverless_config = Some(ServerlessConfig::default());
            d
        },
        {
            let mut d = design(4, 4, None);
            d.endpoint.new_variants.clear();
            d
        },
    ] {
        let sim = simulate(&doc);
        assert_eq!(sim.events.len(), 1);
        assert_eq!(sim.summary.total_seconds, 0);
        assert!(!sim.notes.is_empty());
        assert_eq!(timeline_csv(&sim).lines().count(), 2);
    }
}

// ---------------------------------------------------------------------------------
// Several variants.

#[test]
fn several_variants_deploy_together() {
    let mut doc = design(
        10,
        10,
        blue_green(linear(CapacitySize::instances(2), 600), Some(0), None),
    );
    let b = ProductionVariant {
        initial_variant_weight: Some(3.0),
        ..ProductionVariant::instances("B", "ml.m5.xlarge", 4)
    };
    doc.endpoint.current_variants.push(b.clone());
    doc.endpoint.new_variants.push(b);
    let sim = simulate(&doc);
    // A needs 5 steps of 2; B needs 2 steps of 2 and waits for A's bakes.
    assert_eq!(sim.variants.len(), 2);
    assert_eq!((sim.variants[0].steps, sim.variants[1].steps), (5, 2));
    assert_eq!(sim.steps, 5);
    assert_eq!(sim.variants[1].summary.total_seconds, 3300);
    assert_eq!(sim.summary.total_seconds, 3300);
    assert_eq!(sim.summary.peak_instances, 28);
    // At 300: A 20%, B 50%, weights 1 and 3 -> 42.5%.
    let s = state_at(&sim, 300);
    assert!(
        (s.new_traffic_percent - 42.5).abs() < 1e-9,
        "{}",
        s.new_traffic_percent
    );
    assert_eq!((s.old_instances, s.new_instances), (14, 14));
    assert!(sim.notes.iter().any(|n| n.contains("Several variants")));
}

// ---------------------------------------------------------------------------------
// State at a second, CSV, comparison.

#[test]
fn state_at_tells_phase_step_and_time_left() {
    let sim = simulate(&design(
        10,
        10,
        blue_green(linear(CapacitySize::percent(20), 600), Some(300), None),
    ));
    let s = state_at(&sim, 1000);
    assert_eq!((s.phase, s.step, s.steps), (Phase::Baking, 2, 5));
    assert_eq!(
        (s.new_traffic_percent, s.old_instances, s.new_instances),
        (40.0, 10, 10)
    );
    assert_eq!((s.phase_seconds_left, s.seconds_left), (500, 2600));
    let s = state_at(&sim, 3400);
    assert_eq!(
        (s.phase, s.phase_seconds_left),
        (Phase::TerminationWait, 200)
    );
    assert_eq!(state_at(&sim, -50).t, 0);
    let end = state_at(&sim, 99_999);
    assert_eq!((end.t, end.phase, end.seconds_left), (3600, Phase::Done, 0));
}

#[test]
fn csv_has_the_contract_header_and_rounded_percentages() {
    let sim = simulate(&design(
        3,
        3,
        blue_green(canary(CapacitySize::instances(1), 60), None, None),
    ));
    assert_eq!(
        timeline_csv(&sim),
        "t_seconds,phase,old_instances,new_instances,new_traffic_percent\n\
         0,provisioning,3,0,0\n300,baking,3,3,33\n360,baking,3,3,100\n420,done,0,3,100\n"
    );
}

#[test]
fn compare_shows_the_cost_of_each_choice() {
    let mut doc = design(
        10,
        10,
        blue_green(canary(CapacitySize::percent(20), 600), Some(300), None),
    );
    doc.simulation.set_alarm_at(Some(700));
    // Every row meets the same what-if: 700 s is in the first bake of each strategy.
    let drill = compare(&doc);
    assert!(drill.iter().all(|r| r.outcome == Outcome::RolledBackAlarm), "{drill:?}");
    doc.simulation.set_alarm_at(None);
    let rows = compare(&doc);
    let labels: Vec<&str> = rows.iter().map(|r| r.label.as_str()).collect();
    assert_eq!(
        labels,
        [
            "This design",
            "All at once",
            "Canary 10%",
            "Linear 20%",
            "Rolling 20%"
        ]
    );
    assert!(rows[0].is_design && rows.iter().skip(1).all(|r| !r.is_design));
    assert_eq!(rows[0].outcome, Outcome::Succeeded);
    let by = |l: &str| {
        rows.iter()
            .find(|r| r.label == l)
            .map(|r| (r.total_seconds, r.peak_instances, r.outcome))
    };
    assert_eq!(by("All at once"), Some((1200, 20, Outcome::Succeeded)));
    assert_eq!(by("Canary 10%"), Some((1800, 20, Outcome::Succeeded)));
    assert_eq!(by("Linear 20%"), Some((3600, 20, Outcome::Succeeded)));
    assert_eq!(by("Rolling 20%"), Some((4500, 12, Outcome::Succeeded)));
    // Rolling is slower but cheaper in instance-hours than a full blue fleet... at 10 old + 2.
    let hours = |l: &str| {
        rows.iter()
            .find(|r| r.label == l)
            .map_or(0.0, |r| r.instance_hours)
    };
    assert!(hours("All at once") < hours("Linear 20%"));
}

#[test]
fn assumptions_are_listed() {
    assert!(ASSUMPTIONS.len() >= 4);
    assert!(ASSUMPTIONS.iter().any(|a| a.contains("300 s")));
}

// ---------------------------------------------------------------------------------
// Properties over random valid designs.

#[derive(Clone, Debug)]
enum Pick {
    Default,
    AllAtOnce,
    Canary(i64),
    CanaryCount(i64),
    Linear(i64),
    Rolling(i64, Option<i64>),
}

fn pick() -> impl PropStrategy<Value = Pick> {
    prop_oneof![
        Just(Pick::Default),
        Just(Pick::AllAtOnce),
        (1_i64..=50).prop_map(Pick::Canary),
        (1_i64..=3).prop_map(Pick::CanaryCount),
        (10_i64..=50).prop_map(Pick::Linear),
        (5_i64..=50, proptest::option::of(1_i64..=120)).prop_map(|(b, r)| Pick::Rolling(b, r)),
    ]
}

#[derive(Clone, Debug)]
struct Valid {
    doc: DesignDocument,
    pick: Pick,
    n: i64,
    p: i64,
    w: i64,
    t: i64,
}

fn valid_design() -> impl PropStrategy<Value = Valid> {
    (
        1_i64..=200,
        0_i64..=3,
        pick(),
        0_i64..=1200,
        0_i64..=3600,
        0_i64..=3600,
        proptest::option::of(600_i64..=28800),
        proptest::option::of(0_i64..=20000),
    )
        .prop_map(|(n, extra, pick, p, w, t, m, a)| {
            let n_old = n + extra;
            let config = match &pick {
                Pick::Default => None,
                Pick::AllAtOnce => blue_green(all_at_once(w), Some(t), m),
                Pick::Canary(pct) => blue_green(canary(CapacitySize::percent(*pct), w), Some(t), m),
                Pick::CanaryCount(c) => {
                    blue_green(canary(CapacitySize::instances(*c), w), Some(t), m)
                }
                Pick::Linear(pct) => blue_green(linear(CapacitySize::percent(*pct), w), Some(t), m),
                Pick::Rolling(b, r) => rolling(
                    CapacitySize::percent(*b),
                    w,
                    r.map(CapacitySize::percent),
                    m,
                ),
            };
            let mut doc = design(n_old, n, config);
            doc.simulation.provisioning_seconds = p;
            doc.simulation.set_alarm_at(a);
            Valid {
                doc,
                pick,
                n,
                p,
                w,
                t,
            }
        })
}

fn ceil_div(a: i64, b: i64) -> i64 {
    (a + b - 1) / b
}

/// SIMULATION.md's totals when nothing trips.
fn expected_total(v: &Valid) -> i64 {
    let pct = |p: i64| (v.n * p + 99) / 100;
    match v.pick {
        Pick::Default => v.p,
        Pick::AllAtOnce => v.p + v.w + v.t,
        Pick::Canary(pct_) => {
            let c = pct(pct_).max(1);
            let steps = if c >= v.n { 1 } else { 2 };
            v.p + steps * v.w + v.t
        }
        Pick::CanaryCount(c) => {
            let steps = if c >= v.n { 1 } else { 2 };
            v.p + steps * v.w + v.t
        }
        Pick::Linear(p) => v.p + ceil_div(v.n, pct(p).max(1).min(v.n)) * v.w + v.t,
        Pick::Rolling(b, _) => ceil_div(v.n, pct(b).max(1).min(v.n)) * (v.p + v.w),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn timelines_behave(v in valid_design()) {
        let sim = simulate(&v.doc);
        let ev = &sim.events;
        prop_assert!(!ev.is_empty());
        let first_rollback = ev.iter().position(|e| e.phase == Phase::Rollback).unwrap_or(ev.len());
        for w in ev[..first_rollback].windows(2) {
            prop_assert!(w[1].new_traffic_percent >= w[0].new_traffic_percent, "traffic decreased at {}", w[1].t);
        }
        for w in ev.windows(2) {
            prop_assert!(w[1].t >= w[0].t, "events out of order");
        }
        let last = ev.last().cloned().unwrap_or_else(|| unreachable!());
        prop_assert_eq!(last.phase, Phase::Done);
        prop_assert_eq!(last.t, sim.summary.total_seconds);
        match sim.summary.outcome {
            Outcome::Succeeded => {
                prop_assert_eq!(last.new_traffic_percent, 100.0);
                prop_assert_eq!(last.old_instances, 0);
                prop_assert_eq!(first_rollback, ev.len());
            }
            _ => {
                prop_assert_eq!(last.new_traffic_percent, 0.0);
                prop_assert_eq!(last.new_instances, 0);
                prop_assert!(first_rollback < ev.len());
            }
        }
        for e in ev {
            prop_assert!(e.old_instances >= 0 && e.new_instances >= 0);
            prop_assert!((0.0..=100.0).contains(&e.new_traffic_percent));
            // The new fleet never serves more than its provisioned instances can.
            prop_assert!(e.new_instances as f64 * 100.0 + 1e-6 >= e.new_traffic_percent * v.n as f64,
                "at {}: {} new instances for {}% of {}", e.t, e.new_instances, e.new_traffic_percent, v.n);
            prop_assert!(e.old_instances + e.new_instances <= sim.summary.peak_instances);
        }
        prop_assert!(sim.summary.instance_hours >= 0.0);
    }

    #[test]
    fn total_time_follows_the_formula_when_nothing_trips(mut v in valid_design()) {
        v.doc.simulation.set_alarm_at(None);
        if let Some(dc) = v.doc.request.deployment_config.as_mut() {
            if let Some(bg) = dc.blue_green_update_policy.as_mut() { bg.maximum_execution_timeout_in_seconds = None; }
            if let Some(r) = dc.rolling_update_policy.as_mut() { r.maximum_execution_timeout_in_seconds = None; }
        }
        let sim = simulate(&v.doc);
        prop_assert_eq!(sim.summary.outcome, Outcome::Succeeded);
        prop_assert_eq!(sim.summary.total_seconds, expected_total(&v));
        // Rolling: the old fleet plus one batch at most (seen when the bake lasts).
        if let (Pick::Rolling(batch, _), true) = (&v.pick, v.w > 0) {
            let b = ((v.n * batch + 99) / 100).clamp(1, v.n);
            let n_old = v.doc.endpoint.current_variants[0].initial_instance_count.unwrap_or(0);
            prop_assert_eq!(sim.summary.peak_instances, n_old + b);
        }
    }

    #[test]
    fn state_at_agrees_with_the_events(v in valid_design(), probe in 0_i64..40000) {
        let sim = simulate(&v.doc);
        let ev = &sim.events;
        for (i, e) in ev.iter().enumerate() {
            // Of events at the same second, the later one is in force.
            if ev.get(i + 1).is_some_and(|n| n.t == e.t) { continue; }
            let s = state_at(&sim, e.t);
            prop_assert_eq!((s.phase, s.old_instances, s.new_instances, s.step), (e.phase, e.old_instances, e.new_instances, e.step));
            prop_assert_eq!(s.new_traffic_percent, e.new_traffic_percent);
            prop_assert_eq!(s.seconds_left, sim.summary.total_seconds - e.t);
        }
        let s = state_at(&sim, probe);
        let t = probe.min(sim.summary.total_seconds);
        let in_force = ev.iter().rev().find(|e| e.t <= t).cloned().unwrap_or_else(|| ev[0].clone());
        prop_assert_eq!((s.phase, s.new_instances, s.old_instances), (in_force.phase, in_force.new_instances, in_force.old_instances));
        prop_assert!(s.phase_seconds_left <= s.seconds_left);
    }

    #[test]
    fn csv_has_one_row_per_event(v in valid_design()) {
        let sim = simulate(&v.doc);
        let csv = timeline_csv(&sim);
        let lines: Vec<&str> = csv.lines().collect();
        prop_assert_eq!(lines.len(), sim.events.len() + 1);
        prop_assert_eq!(lines[0], CSV_HEADER);
        for (line, e) in lines[1..].iter().zip(&sim.events) {
            let cols: Vec<&str> = line.split(',').collect();
            prop_assert_eq!(cols.len(), 5);
            prop_assert_eq!(cols[0].parse::<i64>().ok(), Some(e.t));
            prop_assert_eq!(cols[1], e.phase.as_str());
            prop_assert!(cols[4].parse::<i64>().is_ok_and(|p| (0..=100).contains(&p)));
        }
    }

    #[test]
    fn chart_x_and_seconds_invert(v in valid_design(), width in 50.0_f64..2000.0) {
        let sim = simulate(&v.doc);
        let size = ChartSize { width, ..ChartSize::default() };
        let l = layout(&sim, &size);
        let p = l.projection;
        let total = sim.summary.total_seconds;
        for e in &sim.events {
            prop_assert_eq!(p.t_at(p.x(e.t)), e.t.min(p.t_max));
        }
        for t in [0, total / 3, total / 2, total] {
            let x = p.x(t);
            prop_assert!(x >= p.plot.x - 1e-9 && x <= p.plot.x + p.plot.width + 1e-9);
            // A click lands within half a second's width of where the second is drawn.
            let back = p.x(p.t_at(x));
            prop_assert!((back - x).abs() <= p.plot.width / p.t_max as f64 / 2.0 + 1e-9);
        }
        for b in &l.bands {
            prop_assert!(b.x0 < b.x1);
        }
        for w in l.bands.windows(2) {
            prop_assert!(w[0].x1 <= w[1].x0 + 1e-9);
        }
        prop_assert!(l.time_ticks.len() >= 2 && l.time_ticks.len() <= 10);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// The page simulates on every keystroke: any numbers at all must give a timeline.
    #[test]
    fn any_numbers_give_a_timeline(
        n_old in any::<i64>(), n in prop_oneof![any::<i64>(), -5_i64..5000], p in any::<i64>(), w in any::<i64>(),
        t in any::<i64>(), m in proptest::option::of(any::<i64>()), a in proptest::option::of(any::<i64>()),
        size in any::<i64>(), rb in proptest::option::of(any::<i64>()), which in 0_u8..5,
    ) {
        let config = match which {
            0 => None,
            1 => blue_green(all_at_once(w), Some(t), m),
            2 => blue_green(canary(CapacitySize::instances(size), w), Some(t), m),
            3 => blue_green(linear(CapacitySize::percent(size), w), Some(t), m),
            _ => rolling(CapacitySize::instances(size), w, rb.map(CapacitySize::instances), m),
        };
        let mut doc = design(n_old, n, config);
        doc.simulation.provisioning_seconds = p;
        doc.simulation.set_alarm_at(a);
        let sim = simulate(&doc);
        prop_assert!(!sim.events.is_empty());
        prop_assert!(sim.events.len() <= 4 * MAX_STEPS as usize + 8);
        prop_assert!(sim.events.iter().all(|e| e.old_instances >= 0 && e.new_instances >= 0 && e.t >= 0));
        let _ = state_at(&sim, a.unwrap_or(0));
        let _ = layout(&sim, &ChartSize::default());
        prop_assert_eq!(timeline_csv(&sim).lines().count(), sim.events.len() + 1);
    }
}

// ---------------------------------------------------------------------------------
// Several variants rolling back, and the chart of a timeline.

fn add_variant(doc: &mut DesignDocument, name: &str, n: i64) {
    let v = ProductionVariant::instances(name, "ml.m5.xlarge", n);
    doc.endpoint.current_variants.push(v.clone());
    doc.endpoint.new_variants.push(v);
}

#[test]
fn an_alarm_rolls_back_every_variant() {
    let mut doc = design(
        10,
        10,
        blue_green(canary(CapacitySize::percent(20), 600), Some(300), None),
    );
    add_variant(&mut doc, "B", 4);
    doc.simulation.set_alarm_at(Some(1000));
    let sim = simulate(&doc);
    assert_eq!(sim.summary.outcome, Outcome::RolledBackAlarm);
    assert_eq!(sim.summary.total_seconds, 1000);
    for v in &sim.variants {
        assert_eq!(v.summary.total_seconds, 1000, "{}", v.name);
        assert_eq!(
            v.events.last().map(|e| (e.phase, e.new_instances)),
            Some((Phase::Done, 0))
        );
    }
    assert_eq!(
        sim.events
            .last()
            .map(|e| (e.old_instances, e.new_instances, e.new_traffic_percent)),
        Some((14, 0, 0.0))
    );
}

#[test]
fn a_rolling_variant_that_finished_first_is_rolled_back_too() {
    // S7 rejects this design, but the page still draws it. A: 10 in batches of 2
    // (ends 4500); B: 4 in batches of 1 (ends 3600, its old fleet gone).
    let mut doc = design(10, 10, rolling(CapacitySize::percent(20), 600, None, None));
    add_variant(&mut doc, "B", 4);
    doc.simulation.set_alarm_at(Some(4000));
    let sim = simulate(&doc);
    assert_eq!(
        (sim.variants[0].steps, sim.variants[1].steps, sim.steps),
        (5, 4, 5)
    );
    assert_eq!(sim.summary.outcome, Outcome::RolledBackAlarm);
    // Both bring their terminated capacity back in one provisioning period.
    assert_eq!(sim.variants[1].summary.total_seconds, 4300);
    assert_eq!(sim.summary.total_seconds, 4300);
    assert_eq!(
        sim.events
            .last()
            .map(|e| (e.phase, e.old_instances, e.new_instances)),
        Some((Phase::Done, 14, 0))
    );
}

#[test]
fn one_variant_is_the_whole_endpoint() {
    let sim = simulate(&design(
        10,
        10,
        rolling(CapacitySize::percent(20), 600, None, None),
    ));
    assert_eq!(sim.variants.len(), 1);
    assert_eq!(sim.variants[0].events, sim.events);
    assert_eq!(sim.variants[0].summary, sim.summary);
    assert_eq!(
        (sim.variants[0].old_fleet, sim.variants[0].new_fleet),
        (10, 10)
    );
}

#[test]
fn the_chart_shows_phases_steps_and_limits() {
    let mut doc = design(
        10,
        10,
        blue_green(
            linear(CapacitySize::percent(20), 600),
            Some(300),
            Some(28800),
        ),
    );
    doc.simulation.set_alarm_at(Some(3400));
    let sim = simulate(&doc);
    let size = ChartSize {
        width: 760.0,
        height: 200.0,
        margin_left: 40.0,
        margin_right: 0.0,
        margin_top: 0.0,
        margin_bottom: 20.0,
    };
    let l = layout(&sim, &size);
    let p = l.projection;
    // 720 units for 3600 s: 5 s per unit.
    assert_eq!((p.x(0), p.x(3600)), (40.0, 760.0));
    let bands: Vec<(f64, f64, Phase)> = l.bands.iter().map(|b| (b.x0, b.x1, b.phase)).collect();
    assert_eq!(
        bands,
        vec![
            (40.0, 100.0, Phase::Provisioning),
            (100.0, 700.0, Phase::Baking),
            (700.0, 760.0, Phase::TerminationWait)
        ]
    );
    let markers: Vec<(f64, &str)> = l
        .step_markers
        .iter()
        .map(|m| (m.x, m.label.as_str()))
        .collect();
    assert_eq!(
        markers,
        vec![
            (100.0, "1/5"),
            (220.0, "2/5"),
            (340.0, "3/5"),
            (460.0, "4/5"),
            (580.0, "5/5")
        ]
    );
    let labels: Vec<&str> = l.time_ticks.iter().map(|t| t.label.as_str()).collect();
    assert_eq!(labels, ["0s", "10m", "20m", "30m", "40m", "50m", "1h"]);
    let traffic: Vec<&str> = l.traffic_ticks.iter().map(|t| t.label.as_str()).collect();
    assert_eq!(traffic, ["0%", "25%", "50%", "75%", "100%"]);
    // Peak 20 instances: the axis tops out at a labelled 20.
    assert_eq!(
        l.instance_ticks.last().map(|t| (t.value, t.pos)),
        Some((20, 0.0))
    );
    // The limit at 8 h is far off the axis; the alarm (in the termination wait: no trip) is on it.
    assert_eq!(l.timeout_x, None);
    assert_eq!(l.alarm_x, Some(720.0));
    assert_eq!(sim.summary.outcome, Outcome::Succeeded);
    // Traffic line: up in steps of 20% from x = 100.
    assert_eq!(l.traffic_line[2], (100.0, p.y_traffic(20.0)));
    assert_eq!(p.t_at(l.step_markers[2].x), 1500);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// The endpoint's line is the sum of its variants': at every second of the aggregate,
    /// instances add up and traffic lies between the variants' extremes.
    #[test]
    fn several_variants_add_up(v in valid_design(), extra in proptest::collection::vec((1_i64..=40, 0.0_f64..5.0), 1..4)) {
        let mut doc = v.doc.clone();
        for (i, (n, weight)) in extra.iter().enumerate() {
            let variant = ProductionVariant { initial_variant_weight: Some(*weight), ..ProductionVariant::instances(&format!("V{i}"), "ml.m5.large", *n) };
            doc.endpoint.current_variants.push(variant.clone());
            doc.endpoint.new_variants.push(variant);
        }
        let sim = simulate(&doc);
        prop_assert_eq!(sim.variants.len(), extra.len() + 1);
        let end = sim.variants.iter().map(|x| x.summary.total_seconds).max();
        prop_assert_eq!(Some(sim.summary.total_seconds), end);
        prop_assert_eq!(Some(sim.steps), sim.variants.iter().map(|x| x.steps).max());
        for e in sim.events.iter() {
            let states: Vec<_> = sim.variants.iter().map(|x| {
                let idx = x.events.partition_point(|p| p.t <= e.t).saturating_sub(1);
                x.events[idx].clone()
            }).collect();
            let old: i64 = states.iter().map(|s| s.old_instances).sum();
            let new: i64 = states.iter().map(|s| s.new_instances).sum();
            // Only the last event of a second is comparable (earlier ones are mid-second).
            if sim.events.iter().rfind(|p| p.t == e.t) == Some(e) {
                prop_assert_eq!((e.old_instances, e.new_instances), (old, new), "at {}", e.t);
                let lo = states.iter().map(|s| s.new_traffic_percent).fold(f64::INFINITY, f64::min);
                let hi = states.iter().map(|s| s.new_traffic_percent).fold(0.0, f64::max);
                prop_assert!(e.new_traffic_percent >= lo - 1e-9 && e.new_traffic_percent <= hi + 1e-9);
            }
        }
        let last = sim.events.last().cloned().unwrap_or_else(|| unreachable!());
        prop_assert_eq!(last.phase, Phase::Done);
        let want = if sim.summary.outcome == Outcome::Succeeded { 100.0 } else { 0.0 };
        prop_assert!((last.new_traffic_percent - want).abs() < 1e-9);
    }
}
