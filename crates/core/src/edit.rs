//! Edits the form makes to a design that are more than setting one member: switching the
//! strategy (what carries over, what a new policy starts with) and reaching nested members.

use super::model::*;

/// Wait interval a new policy starts with, in seconds.
pub const NEW_POLICY_WAIT_SECONDS: i64 = 300;

/// The `DeploymentConfig`, created if absent.
pub fn deployment_config(doc: &mut DesignDocument) -> &mut DeploymentConfig {
    doc.request
        .deployment_config
        .get_or_insert_with(Default::default)
}

/// The blue/green policy, created if absent.
pub fn blue_green(doc: &mut DesignDocument) -> &mut BlueGreenUpdatePolicy {
    deployment_config(doc)
        .blue_green_update_policy
        .get_or_insert_with(Default::default)
}

/// The traffic routing configuration of the blue/green policy, created if absent.
pub fn routing(doc: &mut DesignDocument) -> &mut TrafficRoutingConfig {
    blue_green(doc)
        .traffic_routing_configuration
        .get_or_insert_with(Default::default)
}

/// The rolling policy, created if absent.
pub fn rolling(doc: &mut DesignDocument) -> &mut RollingUpdatePolicy {
    deployment_config(doc)
        .rolling_update_policy
        .get_or_insert_with(Default::default)
}

/// The alarm list, created if absent.
pub fn alarms(doc: &mut DesignDocument) -> &mut Vec<Alarm> {
    deployment_config(doc)
        .auto_rollback_configuration
        .get_or_insert_with(Default::default)
        .alarms
        .get_or_insert_with(Vec::new)
}

/// Drops the placeholders whose member now has a value: the user typed it. Cheap when
/// there are none (the common case); otherwise one serialisation of the document.
pub fn settle_placeholders(doc: &mut DesignDocument) {
    if doc.placeholders.is_empty() {
        return;
    }
    let Ok(tree) = super::json::parse(&super::export::document_json(doc)) else {
        return;
    };
    doc.placeholders.retain(|p| !is_set(&tree, &p.path));
}

/// True when the document tree has a value at `path` (VALIDATION.md's form: request members
/// bare, the endpoint context under `Endpoint.`); an empty object counts as no value.
fn is_set(doc: &super::value::Value, path: &str) -> bool {
    use super::value::Kind;
    let mut node = if path.starts_with("Endpoint.") || path.starts_with("Simulation.") {
        doc
    } else {
        match doc.get("Request") {
            Some(r) => r,
            None => return false,
        }
    };
    for segment in path.split('.') {
        let (name, indexes) = match segment.find('[') {
            Some(i) => (&segment[..i], &segment[i..]),
            None => (segment, ""),
        };
        node = match node.get(name) {
            Some(n) => n,
            None => return false,
        };
        for index in indexes.split(['[', ']']).filter(|s| !s.is_empty()) {
            let Ok(i) = index.parse::<usize>() else {
                return false;
            };
            node = match &node.kind {
                Kind::List(items) => match items.get(i) {
                    Some(n) => n,
                    None => return false,
                },
                _ => return false,
            };
        }
    }
    !matches!(&node.kind, Kind::Null) && !matches!(&node.kind, Kind::Map(m) if m.is_empty())
}

/// Drops an empty `DeploymentConfig` (one with no member left), so the request says
/// exactly what the form shows.
pub fn tidy(doc: &mut DesignDocument) {
    if let Some(dc) = &mut doc.request.deployment_config {
        if let Some(arc) = &dc.auto_rollback_configuration {
            if arc.alarms.as_ref().is_some_and(|a| a.is_empty()) {
                dc.auto_rollback_configuration = None;
            }
        }
        if *dc == DeploymentConfig::default() {
            doc.request.deployment_config = None;
        }
    }
}

/// Switches the design to `strategy`. The wait interval and execution timeout carry over
/// between policies; a size the new routing type ignores is dropped (it would only raise
/// VALIDATION.md S10); a size the new type needs starts at a common value.
pub fn set_strategy(doc: &mut DesignDocument, strategy: Strategy) {
    let dc = doc.request.deployment_config.clone().unwrap_or_default();
    let bg = dc.blue_green_update_policy.clone();
    let rp = dc.rolling_update_policy.clone();
    let wait = bg
        .as_ref()
        .and_then(|b| b.traffic_routing_configuration.as_ref())
        .and_then(|t| t.wait_interval_in_seconds)
        .or_else(|| rp.as_ref().and_then(|r| r.wait_interval_in_seconds))
        .unwrap_or(NEW_POLICY_WAIT_SECONDS);
    let timeout = bg
        .as_ref()
        .and_then(|b| b.maximum_execution_timeout_in_seconds)
        .or_else(|| {
            rp.as_ref()
                .and_then(|r| r.maximum_execution_timeout_in_seconds)
        });
    let routing_type = match strategy {
        Strategy::AllAtOnce => Some(TrafficRoutingConfigType::AllAtOnce),
        Strategy::Canary => Some(TrafficRoutingConfigType::Canary),
        Strategy::Linear => Some(TrafficRoutingConfigType::Linear),
        Strategy::Default | Strategy::Rolling => None,
    };
    let config = deployment_config(doc);
    match (strategy, routing_type) {
        (Strategy::Default, _) => {
            config.blue_green_update_policy = None;
            config.rolling_update_policy = None;
        }
        (Strategy::Rolling, _) => {
            config.blue_green_update_policy = None;
            let r = config
                .rolling_update_policy
                .get_or_insert_with(Default::default);
            r.maximum_batch_size
                .get_or_insert_with(|| CapacitySize::percent(20));
            r.wait_interval_in_seconds.get_or_insert(wait);
            if r.maximum_execution_timeout_in_seconds.is_none() {
                r.maximum_execution_timeout_in_seconds = timeout;
            }
        }
        (_, Some(t)) => {
            config.rolling_update_policy = None;
            let b = config
                .blue_green_update_policy
                .get_or_insert_with(Default::default);
            if b.maximum_execution_timeout_in_seconds.is_none() {
                b.maximum_execution_timeout_in_seconds = timeout;
            }
            let r = b
                .traffic_routing_configuration
                .get_or_insert_with(Default::default);
            r.wait_interval_in_seconds.get_or_insert(wait);
            match t {
                TrafficRoutingConfigType::Canary => {
                    r.linear_step_size = None;
                    r.canary_size
                        .get_or_insert_with(|| CapacitySize::percent(10));
                }
                TrafficRoutingConfigType::Linear => {
                    r.canary_size = None;
                    r.linear_step_size
                        .get_or_insert_with(|| CapacitySize::percent(20));
                }
                _ => {
                    r.canary_size = None;
                    r.linear_step_size = None;
                }
            }
            r.type_ = Some(t);
        }
        // Every blue/green strategy has a routing type above.
        (_, None) => {}
    }
    tidy(doc);
}

/// Makes new variant `index` serverless (or instance-based again), keeping its name and weight.
pub fn set_serverless(doc: &mut DesignDocument, new_variant: bool, index: usize, serverless: bool) {
    let list = if new_variant {
        &mut doc.endpoint.new_variants
    } else {
        &mut doc.endpoint.current_variants
    };
    let Some(v) = list.get_mut(index) else { return };
    if serverless {
        v.instance_type = None;
        v.initial_instance_count = None;
        v.accelerator_type = None;
        v.serverless_config.get_or_insert(ServerlessConfig {
            memory_size_in_mb: Some(2048),
            max_concurrency: Some(20),
            provisioned_concurrency: None,
        });
    } else {
        v.serverless_config = None;
        v.instance_type
            .get_or_insert_with(|| "ml.m5.xlarge".to_string());
        v.initial_instance_count.get_or_insert(1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::examples;

    #[test]
    fn switching_strategy_keeps_waits_and_timeout_and_drops_ignored_sizes() {
        let mut doc = examples::default_design();
        assert_eq!(doc.request.strategy(), Strategy::Canary);
        set_strategy(&mut doc, Strategy::Linear);
        let r = doc
            .request
            .deployment_config
            .as_ref()
            .unwrap()
            .blue_green_update_policy
            .as_ref()
            .unwrap();
        let t = r.traffic_routing_configuration.as_ref().unwrap();
        assert_eq!(t.wait_interval_in_seconds, Some(600));
        assert_eq!(t.canary_size, None);
        assert_eq!(t.linear_step_size, Some(CapacitySize::percent(20)));
        assert_eq!(r.maximum_execution_timeout_in_seconds, Some(3600));

        set_strategy(&mut doc, Strategy::Rolling);
        assert_eq!(doc.request.strategy(), Strategy::Rolling);
        let dc = doc.request.deployment_config.as_ref().unwrap();
        assert!(dc.blue_green_update_policy.is_none());
        let rp = dc.rolling_update_policy.as_ref().unwrap();
        assert_eq!(rp.wait_interval_in_seconds, Some(600));
        assert_eq!(rp.maximum_execution_timeout_in_seconds, Some(3600));
        assert!(
            dc.auto_rollback_configuration.is_some(),
            "alarms survive a strategy switch"
        );
    }

    #[test]
    fn default_strategy_without_alarms_leaves_no_deployment_config() {
        let mut doc = examples::blank_design();
        set_strategy(&mut doc, Strategy::Canary);
        assert!(doc.request.deployment_config.is_some());
        set_strategy(&mut doc, Strategy::Default);
        assert_eq!(doc.request.deployment_config, None);
    }

    #[test]
    fn a_placeholder_goes_when_its_member_gets_a_value() {
        let mut doc = examples::default_design();
        doc.request.endpoint_name = None;
        doc.endpoint.new_variants[0].instance_type = None;
        deployment_config(&mut doc).auto_rollback_configuration = None;
        let hole = |path: &str| Placeholder {
            path: path.to_string(),
            expression: "os.environ[\"X\"]".to_string(),
            line: Some(1),
            column: Some(1),
        };
        doc.placeholders = vec![
            hole("EndpointName"),
            hole("Endpoint.NewVariants[0].InstanceType"),
            hole("DeploymentConfig.AutoRollbackConfiguration.Alarms[0].AlarmName"),
        ];
        settle_placeholders(&mut doc);
        assert_eq!(doc.placeholders.len(), 3, "nothing was typed yet");
        doc.request.endpoint_name = Some("ep".to_string());
        doc.endpoint.new_variants[0].instance_type = Some("ml.c5.large".to_string());
        settle_placeholders(&mut doc);
        assert_eq!(
            doc.placeholders.iter().map(|p| p.path.as_str()).collect::<Vec<_>>(),
            vec!["DeploymentConfig.AutoRollbackConfiguration.Alarms[0].AlarmName"]
        );
        alarms(&mut doc).push(Alarm {
            alarm_name: Some("a".to_string()),
        });
        settle_placeholders(&mut doc);
        assert!(doc.placeholders.is_empty());
    }
}
