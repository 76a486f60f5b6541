//! A design at a glance, as label/value lines: the read-only review of a shared link and the
//! printed review sheet show it instead of the form.

use super::fleet::fleets;
use super::format::humane_duration;
use super::model::{CapacitySize, CapacitySizeType, DesignDocument, Strategy};

fn size(s: &Option<CapacitySize>) -> String {
    match s {
        Some(CapacitySize {
            type_: Some(CapacitySizeType::CapacityPercent),
            value: Some(v),
        }) => format!("{v}% of the fleet"),
        Some(CapacitySize {
            type_: Some(CapacitySizeType::InstanceCount),
            value: Some(v),
        }) => {
            format!("{v} instance{}", if *v == 1 { "" } else { "s" })
        }
        Some(_) => "incomplete".to_string(),
        None => "not set".to_string(),
    }
}

fn seconds(s: Option<i64>, absent: &str) -> String {
    match s {
        Some(v) => format!("{v} s ({})", humane_duration(v)),
        None => absent.to_string(),
    }
}

/// The design's main choices, in reading order.
pub fn overview(doc: &DesignDocument) -> Vec<(&'static str, String)> {
    let r = &doc.request;
    let text = |s: &Option<String>| s.clone().unwrap_or_else(|| "not set".to_string());
    let mut out = vec![
        ("Endpoint", text(&r.endpoint_name)),
        ("New endpoint config", text(&r.endpoint_config_name)),
        ("Strategy", r.strategy().label().to_string()),
    ];
    let dc = r.deployment_config.as_ref();
    if let Some(bg) = dc.and_then(|d| d.blue_green_update_policy.as_ref()) {
        let t = bg.traffic_routing_configuration.as_ref();
        out.push((
            "Bake after each step",
            seconds(t.and_then(|t| t.wait_interval_in_seconds), "not set"),
        ));
        match r.strategy() {
            Strategy::Canary => {
                out.push(("Canary size", size(&t.and_then(|t| t.canary_size.clone()))))
            }
            Strategy::Linear => out.push((
                "Linear step",
                size(&t.and_then(|t| t.linear_step_size.clone())),
            )),
            _ => {}
        }
        out.push((
            "Termination wait",
            seconds(bg.termination_wait_in_seconds, "0 s (default)"),
        ));
        out.push((
            "Execution timeout",
            seconds(bg.maximum_execution_timeout_in_seconds, "none set"),
        ));
    }
    if let Some(rp) = dc.and_then(|d| d.rolling_update_policy.as_ref()) {
        out.push(("Batch size", size(&rp.maximum_batch_size)));
        out.push((
            "Bake after each batch",
            seconds(rp.wait_interval_in_seconds, "not set"),
        ));
        out.push((
            "Rollback batch",
            if rp.rollback_maximum_batch_size.is_some() {
                size(&rp.rollback_maximum_batch_size)
            } else {
                "whole old fleet at once (default)".to_string()
            },
        ));
        out.push((
            "Execution timeout",
            seconds(rp.maximum_execution_timeout_in_seconds, "none set"),
        ));
    }
    let alarms: Vec<String> = dc
        .and_then(|d| d.auto_rollback_configuration.as_ref())
        .and_then(|a| a.alarms.as_ref())
        .map(|l| {
            l.iter()
                .map(|a| a.alarm_name.clone().unwrap_or_else(|| "(no name)".into()))
                .collect()
        })
        .unwrap_or_default();
    out.push((
        "Rollback alarms",
        if alarms.is_empty() {
            "none".to_string()
        } else {
            alarms.join(", ")
        },
    ));
    if r.retain_all_variant_properties == Some(true) {
        let excluded: Vec<&str> = r
            .exclude_retained_variant_properties
            .iter()
            .flatten()
            .filter_map(|p| p.variant_property_type.as_ref().map(|t| t.wire()))
            .collect();
        out.push((
            "Variant properties",
            if excluded.is_empty() {
                "retained".to_string()
            } else {
                format!("retained, except {}", excluded.join(", "))
            },
        ));
    }
    if r.retain_deployment_config == Some(true) {
        out.push((
            "Deployment config",
            "reuses the previous one (RetainDeploymentConfig)".to_string(),
        ));
    }
    let fleet: Vec<String> = fleets(doc)
        .iter()
        .map(|f| {
            let kind = f.instance_type.clone().unwrap_or_else(|| {
                if f.serverless {
                    "serverless".into()
                } else {
                    "no type".into()
                }
            });
            format!(
                "{} ({kind}): {} → {} instances",
                if f.name.is_empty() {
                    "(unnamed)"
                } else {
                    &f.name
                },
                f.old_instances,
                f.new_instances
            )
        })
        .collect();
    out.push(("Variants", fleet.join("; ")));
    out.push((
        "Provisioning time (assumed)",
        seconds(Some(doc.simulation.provisioning_seconds), ""),
    ));
    if let Some(a) = doc.simulation.alarm_at() {
        out.push((
            "Alarm what-if",
            format!("trips at {a} s ({})", humane_duration(a)),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::examples;

    #[test]
    fn the_canary_example_reads_as_its_choices() {
        let lines = overview(&examples::default_design());
        let get = |k: &str| {
            lines
                .iter()
                .find(|(l, _)| *l == k)
                .map(|(_, v)| v.clone())
                .unwrap_or_default()
        };
        assert_eq!(get("Strategy"), "Blue/green, canary");
        assert_eq!(get("Canary size"), "10% of the fleet");
        assert_eq!(get("Bake after each step"), "600 s (10m)");
        assert_eq!(
            get("Rollback alarms"),
            "fraud-scoring-5xx-errors, fraud-scoring-p99-latency"
        );
        assert_eq!(
            get("Variants"),
            "AllTraffic (ml.m5.xlarge): 10 → 10 instances"
        );
    }

    #[test]
    fn rolling_without_rollback_batch_says_the_default() {
        let mut doc = examples::example("rolling").unwrap();
        crate::edit::rolling(&mut doc).rollback_maximum_batch_size = None;
        let lines = overview(&doc);
        assert!(lines.contains(&(
            "Rollback batch",
            "whole old fleet at once (default)".to_string()
        )));
    }
}
