//! A baseline that states only part of a design (what a `describe-endpoint` output gives)
//! is compared only where both sides state a member: nothing it leaves out, nothing the
//! design has not filled in yet and none of the page's own defaults reads as a change; the
//! move from the running config to the design's new one is the first change.

use designer_core::diff::baseline::{bare, compared, is_partial, mark_unstated, UNSTATED};
use designer_core::diff::{diff, Change};
use designer_core::examples;
use designer_core::model::{
    Alarm, AutoRollbackConfig, BlueGreenUpdatePolicy, CapacitySize, DeploymentConfig,
    DesignDocument, Placeholder, ProductionVariant, TrafficRoutingConfig,
    TrafficRoutingConfigType,
};

/// What `describe-endpoint` says of `checkout-ranker`: its name, the config it runs
/// (`checkout-ranker-cfg-7`), its live fleet (10 × ml.c5.2xlarge) and its last deployment's
/// canary 10% with two alarms; read as a baseline, everything else is marked unstated.
fn described() -> DesignDocument {
    let mut d = bare();
    d.request.endpoint_name = Some("checkout-ranker".into());
    d.endpoint.current_endpoint_config_name = Some("checkout-ranker-cfg-7".into());
    d.endpoint.current_variants = vec![ProductionVariant::instances("AllTraffic", "ml.c5.2xlarge", 10)];
    d.request.deployment_config = Some(DeploymentConfig {
        blue_green_update_policy: Some(BlueGreenUpdatePolicy {
            traffic_routing_configuration: Some(TrafficRoutingConfig {
                type_: Some(TrafficRoutingConfigType::Canary),
                wait_interval_in_seconds: Some(600),
                canary_size: Some(CapacitySize::percent(10)),
                linear_step_size: None,
            }),
            termination_wait_in_seconds: None,
            maximum_execution_timeout_in_seconds: Some(3600),
        }),
        rolling_update_policy: None,
        auto_rollback_configuration: Some(AutoRollbackConfig {
            alarms: Some(vec![
                Alarm { alarm_name: Some("ranker-5xx".into()) },
                Alarm { alarm_name: Some("ranker-p99".into()) },
            ]),
        }),
    });
    mark_unstated(d)
}

/// The same output imported as the design, onto a new (blank) design: the new fleet is
/// still the page's default and the request names no new config.
fn imported() -> DesignDocument {
    let mut d = examples::blank_design();
    let b = described();
    d.request = b.request.clone();
    d.endpoint.current_endpoint_config_name = b.endpoint.current_endpoint_config_name.clone();
    d.endpoint.current_variants = b.endpoint.current_variants.clone();
    d
}

fn paths(d: &designer_core::diff::Diff) -> Vec<(String, Change)> {
    d.changes.iter().map(|c| (c.path.clone(), c.change)).collect()
}

#[test]
fn a_describe_baseline_marks_what_it_does_not_state() {
    let b = described();
    assert!(is_partial(&b));
    let unstated: Vec<&str> = b
        .placeholders
        .iter()
        .filter(|p| p.expression == UNSTATED)
        .map(|p| p.path.as_str())
        .collect();
    for path in ["EndpointConfigName", "Endpoint.NewVariants", "RetainAllVariantProperties", "Simulation", "Endpoint.CurrentVariants[0].ModelName"] {
        assert!(unstated.contains(&path), "{path} not marked: {unstated:?}");
    }
    for path in ["EndpointName", "DeploymentConfig", "Endpoint.CurrentVariants", "Endpoint.CurrentEndpointConfigName", "Endpoint.CurrentVariants[0].InstanceType"] {
        assert!(!unstated.contains(&path), "{path} is stated: {unstated:?}");
    }
    // Marking twice adds nothing; a whole design is not partial.
    assert_eq!(mark_unstated(b.clone()), b);
    assert!(!is_partial(&examples::default_design()));
}

#[test]
fn a_blank_design_against_a_describe_baseline_invents_no_removal() {
    let d = diff(&described(), &examples::blank_design());
    assert!(
        d.changes.iter().all(|c| c.change != Change::Removed),
        "nothing the blank design has not filled in is a removal: {:?}",
        paths(&d)
    );
    assert!(
        !d.changes.iter().any(|c| c.meaning.contains("no longer names")),
        "{:?}",
        d.changes
    );
    // The blank design's fleet is the page's default: said as assumed, not a change.
    assert!(!d.changes.iter().any(|c| c.path.starts_with("Endpoint.CurrentVariants")), "{:?}", paths(&d));
    let said = d.not_compared.join(" | ");
    assert!(said.contains("Not in the design yet"), "{said}");
    assert!(said.contains("the endpoint's name"), "{said}");
    assert!(said.contains("page's default"), "{said}");
}

#[test]
fn the_same_output_imported_as_the_design_is_no_change() {
    let d = diff(&described(), &imported());
    assert_eq!(paths(&d), Vec::new(), "{:?}", d.changes);
    assert!(d.introduced.is_empty() && d.resolved.is_empty(), "{:?} {:?}", d.introduced, d.resolved);
    assert!(d.figures.iter().all(|f| !f.changed), "{:?}", d.figures);
    assert!(d.is_empty());
    // The page's guesses are not compared, and the review says what was not.
    assert!(d.not_compared.iter().any(|s| s.contains("the new fleet")), "{:?}", d.not_compared);
}

#[test]
fn the_move_from_the_running_config_is_the_first_change() {
    let mut design = imported();
    design.request.endpoint_config_name = Some("checkout-ranker-cfg-8".into());
    edit_canary(&mut design, 20);
    let d = diff(&described(), &design);
    let first = d.changes.first().expect("a change");
    assert_eq!(first.path, "EndpointConfigName");
    assert_eq!(first.change, Change::Changed);
    assert_eq!(first.before.as_deref(), Some("checkout-ranker-cfg-7"));
    assert_eq!(first.after.as_deref(), Some("checkout-ranker-cfg-8"));
    assert_eq!(
        first.meaning,
        "The update moves endpoint checkout-ranker from config checkout-ranker-cfg-7 to config checkout-ranker-cfg-8"
    );
    assert_eq!(d.changes.iter().filter(|c| c.path == "EndpointConfigName").count(), 1);
    assert!(d.changes.iter().any(|c| c.path.ends_with("CanarySize")), "{:?}", paths(&d));
    // Redeploying the config that runs is no move.
    design.request.endpoint_config_name = Some("checkout-ranker-cfg-7".into());
    assert!(!diff(&described(), &design).changes.iter().any(|c| c.path == "EndpointConfigName"));
}

#[test]
fn between_two_whole_designs_the_new_config_is_the_move_and_removals_stay() {
    let before = examples::default_design();
    let mut after = before.clone();
    after.request.endpoint_config_name = Some("fraud-scoring-v3".into());
    if let Some(bg) = after
        .request
        .deployment_config
        .as_mut()
        .and_then(|d| d.blue_green_update_policy.as_mut())
    {
        bg.termination_wait_in_seconds = None;
    }
    let d = diff(&before, &after);
    assert_eq!(d.changes[0].path, "EndpointConfigName");
    assert!(d.changes[0].meaning.contains("from config fraud-scoring-v2 to config fraud-scoring-v3"), "{}", d.changes[0].meaning);
    assert!(
        d.changes.iter().any(|c| c.change == Change::Removed && c.path.ends_with("TerminationWaitInSeconds")),
        "a whole baseline states its absent members: {:?}",
        paths(&d)
    );
    assert!(d.not_compared.is_empty());
}

#[test]
fn a_stated_running_fleet_that_differs_is_still_a_change() {
    let mut design = imported();
    design.endpoint.current_variants[0].initial_instance_count = Some(12);
    let d = diff(&described(), &design);
    assert!(
        d.changes.iter().any(|c| c.path == "Endpoint.CurrentVariants[0].InitialInstanceCount" && c.change == Change::Changed),
        "{:?}",
        paths(&d)
    );
}

#[test]
fn an_unstated_variant_member_is_taken_from_the_design_variant_of_that_name() {
    let mut b = bare();
    b.endpoint.current_variants = vec![ProductionVariant {
        variant_name: Some("AllTraffic".into()),
        initial_instance_count: Some(10),
        initial_variant_weight: Some(1.0),
        ..Default::default()
    }];
    let b = mark_unstated(b);
    let mut design = examples::default_design();
    design.endpoint.current_variants[0].initial_instance_count = Some(10);
    let c = compared(&b, &design);
    assert_eq!(c.baseline.endpoint.current_variants[0].instance_type.as_deref(), Some("ml.m5.xlarge"));
    assert!(c.baseline.placeholders.is_empty(), "{:?}", c.baseline.placeholders);
    assert!(!diff(&b, &design).changes.iter().any(|c| c.path.contains("InstanceType")));
}

#[test]
fn odd_marks_never_panic() {
    let mut b = described();
    for path in [
        "Endpoint.CurrentVariants[99].InstanceType",
        "Endpoint.NewVariants[x].ModelName",
        "Endpoint.NewVariants[",
        "Endpoint.CurrentVariants[0].",
        "",
        "Nowhere",
    ] {
        b.placeholders.push(Placeholder {
            path: path.into(),
            expression: UNSTATED.into(),
            line: None,
            column: None,
        });
    }
    for design in [examples::blank_design(), examples::default_design(), bare(), imported()] {
        let _ = diff(&b, &design);
        let _ = diff(&design, &b);
        let _ = diff(&b, &b);
    }
}

fn edit_canary(d: &mut DesignDocument, percent: i64) {
    if let Some(r) = d
        .request
        .deployment_config
        .as_mut()
        .and_then(|c| c.blue_green_update_policy.as_mut())
        .and_then(|b| b.traffic_routing_configuration.as_mut())
    {
        r.canary_size = Some(CapacitySize::percent(percent));
    }
}
