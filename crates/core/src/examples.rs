//! Example designs to start from, and the design a first visit opens with.

use super::model::*;

/// One example design with a short label.
pub struct Example {
    /// Stable id (used in the page's example menu).
    pub id: &'static str,
    /// What the example shows, in a few words.
    pub label: &'static str,
    /// Builds the document.
    pub build: fn() -> DesignDocument,
}

/// The examples offered by "Start from an example".
pub const EXAMPLES: &[Example] = &[
    Example {
        id: "canary",
        label: "Canary 10% with alarms (10 instances)",
        build: canary_with_alarms,
    },
    Example {
        id: "linear",
        label: "Linear 20% steps (10 instances)",
        build: linear_20,
    },
    Example {
        id: "rolling",
        label: "Rolling 25% with a rollback batch (8 instances)",
        build: rolling_25,
    },
    Example {
        id: "multi",
        label: "Blue/green, two variants (A/B)",
        build: multi_variant,
    },
    Example {
        id: "retain",
        label: "Keep autoscaled counts (RetainAllVariantProperties)",
        build: retain_counts,
    },
];

/// The design a first visit shows: the canary example.
pub fn default_design() -> DesignDocument {
    canary_with_alarms()
}

/// A blank design: nothing filled in, on the default endpoint context ("New design").
pub fn blank_design() -> DesignDocument {
    DesignDocument::default()
}

/// Looks an example up by id.
pub fn example(id: &str) -> Option<DesignDocument> {
    EXAMPLES.iter().find(|e| e.id == id).map(|e| (e.build)())
}

fn names(doc: &mut DesignDocument, endpoint: &str, new_config: &str, old_config: &str) {
    doc.request.endpoint_name = Some(endpoint.to_string());
    doc.request.endpoint_config_name = Some(new_config.to_string());
    doc.endpoint.current_endpoint_config_name = Some(old_config.to_string());
}

fn fleet(doc: &mut DesignDocument, instance_type: &str, before: i64, after: i64) {
    doc.endpoint.current_variants = vec![ProductionVariant::instances(
        "AllTraffic",
        instance_type,
        before,
    )];
    doc.endpoint.new_variants = vec![ProductionVariant::instances(
        "AllTraffic",
        instance_type,
        after,
    )];
}

fn alarms(names: &[&str]) -> Option<AutoRollbackConfig> {
    Some(AutoRollbackConfig {
        alarms: Some(
            names
                .iter()
                .map(|n| Alarm {
                    alarm_name: Some((*n).to_string()),
                })
                .collect(),
        ),
    })
}

fn blue_green(
    routing: TrafficRoutingConfig,
    termination_wait: i64,
    timeout: Option<i64>,
) -> Option<BlueGreenUpdatePolicy> {
    Some(BlueGreenUpdatePolicy {
        traffic_routing_configuration: Some(routing),
        termination_wait_in_seconds: Some(termination_wait),
        maximum_execution_timeout_in_seconds: timeout,
    })
}

fn canary_with_alarms() -> DesignDocument {
    let mut doc = DesignDocument::default();
    names(
        &mut doc,
        "fraud-scoring",
        "fraud-scoring-v2",
        "fraud-scoring-v1",
    );
    fleet(&mut doc, "ml.m5.xlarge", 10, 10);
    doc.request.deployment_config = Some(DeploymentConfig {
        blue_green_update_policy: blue_green(
            TrafficRoutingConfig {
                type_: Some(TrafficRoutingConfigType::Canary),
                wait_interval_in_seconds: Some(600),
                canary_size: Some(CapacitySize::percent(10)),
                linear_step_size: None,
            },
            300,
            Some(3600),
        ),
        rolling_update_policy: None,
        auto_rollback_configuration: alarms(&[
            "fraud-scoring-5xx-errors",
            "fraud-scoring-p99-latency",
        ]),
    });
    doc
}

fn linear_20() -> DesignDocument {
    let mut doc = DesignDocument::default();
    names(
        &mut doc,
        "recommender",
        "recommender-2026-11",
        "recommender-2026-10",
    );
    fleet(&mut doc, "ml.c5.2xlarge", 10, 10);
    doc.request.deployment_config = Some(DeploymentConfig {
        blue_green_update_policy: blue_green(
            TrafficRoutingConfig {
                type_: Some(TrafficRoutingConfigType::Linear),
                wait_interval_in_seconds: Some(600),
                canary_size: None,
                linear_step_size: Some(CapacitySize::percent(20)),
            },
            300,
            Some(5400),
        ),
        rolling_update_policy: None,
        auto_rollback_configuration: alarms(&["recommender-invocation-errors"]),
    });
    doc
}

fn rolling_25() -> DesignDocument {
    let mut doc = DesignDocument::default();
    names(
        &mut doc,
        "llm-summarizer",
        "llm-summarizer-v7",
        "llm-summarizer-v6",
    );
    fleet(&mut doc, "ml.g5.2xlarge", 8, 8);
    doc.request.deployment_config = Some(DeploymentConfig {
        blue_green_update_policy: None,
        rolling_update_policy: Some(RollingUpdatePolicy {
            maximum_batch_size: Some(CapacitySize::percent(25)),
            wait_interval_in_seconds: Some(300),
            maximum_execution_timeout_in_seconds: Some(7200),
            rollback_maximum_batch_size: Some(CapacitySize::instances(4)),
        }),
        auto_rollback_configuration: alarms(&[
            "llm-summarizer-model-latency",
            "llm-summarizer-4xx",
        ]),
    });
    doc
}

fn multi_variant() -> DesignDocument {
    let mut doc = DesignDocument::default();
    names(&mut doc, "ranking", "ranking-ab-v3", "ranking-ab-v2");
    let a = |n: i64, w: f64| ProductionVariant {
        initial_variant_weight: Some(w),
        ..ProductionVariant::instances("VariantA", "ml.m5.2xlarge", n)
    };
    let b = |n: i64, w: f64| ProductionVariant {
        initial_variant_weight: Some(w),
        ..ProductionVariant::instances("VariantB", "ml.m5.2xlarge", n)
    };
    doc.endpoint.current_variants = vec![a(6, 0.8), b(2, 0.2)];
    doc.endpoint.new_variants = vec![a(6, 0.8), b(2, 0.2)];
    doc.request.deployment_config = Some(DeploymentConfig {
        blue_green_update_policy: blue_green(
            TrafficRoutingConfig {
                type_: Some(TrafficRoutingConfigType::Canary),
                wait_interval_in_seconds: Some(900),
                canary_size: Some(CapacitySize::percent(50)),
                linear_step_size: None,
            },
            600,
            None,
        ),
        rolling_update_policy: None,
        auto_rollback_configuration: alarms(&["ranking-errors"]),
    });
    doc
}

fn retain_counts() -> DesignDocument {
    let mut doc = DesignDocument::default();
    names(
        &mut doc,
        "search-embeddings",
        "search-embeddings-v4",
        "search-embeddings-v3",
    );
    // Autoscaling grew the fleet to 12; the new config says 4.
    fleet(&mut doc, "ml.c6i.xlarge", 12, 4);
    doc.request.retain_all_variant_properties = Some(true);
    doc.request.exclude_retained_variant_properties = Some(vec![VariantProperty {
        variant_property_type: Some(VariantPropertyType::DesiredWeight),
    }]);
    doc.request.deployment_config = Some(DeploymentConfig {
        blue_green_update_policy: blue_green(
            TrafficRoutingConfig {
                type_: Some(TrafficRoutingConfigType::Linear),
                wait_interval_in_seconds: Some(300),
                canary_size: None,
                linear_step_size: Some(CapacitySize::instances(3)),
            },
            0,
            Some(3600),
        ),
        rolling_update_policy: None,
        auto_rollback_configuration: alarms(&["search-embeddings-errors"]),
    });
    doc
}
