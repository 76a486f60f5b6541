//! AWS's own limits that a team's rule is held to when the rules file is read: a rule that
//! allows more than AWS does ("canary at most 60%": AWS caps it at 50%) or asks for what AWS
//! refuses ("bake at least 7200 s": AWS takes at most 3600) is a mistake in the file, said
//! with the rule it contradicts. The integer ranges come from the core's service model
//! (`designer_core::limits`); the shares are the guardrails' rules S2, S3 and S4 of the
//! registry (a test holds them to the core's validation).

use designer_core::limits::{self, IntRange};

/// The share of a variant's fleet that AWS allows for one kind of step.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ShareLimit {
    /// The file's key: `canary`, `linear_step`, `rolling_batch`.
    pub key: &'static str,
    /// The registry's rule: `S2`.
    pub rule: &'static str,
    /// Smallest share AWS allows, in percent (0: none beyond one instance).
    pub min_percent: i64,
    /// Largest share AWS allows, in percent.
    pub max_percent: i64,
}

/// A canary: at most 50% of the fleet (S2).
pub const CANARY: ShareLimit = ShareLimit { key: "canary", rule: "S2", min_percent: 0, max_percent: 50 };
/// A linear step: 10% to 50% of the fleet (S3).
pub const LINEAR_STEP: ShareLimit = ShareLimit { key: "linear_step", rule: "S3", min_percent: 10, max_percent: 50 };
/// A rolling batch: 5% to 50% of the fleet (S4).
pub const ROLLING_BATCH: ShareLimit = ShareLimit { key: "rolling_batch", rule: "S4", min_percent: 5, max_percent: 50 };

/// `WaitIntervalInSeconds`: the bake.
pub const BAKE: IntRange = limits::WAIT_INTERVAL_IN_SECONDS;
/// `TerminationWaitInSeconds`.
pub const TERMINATION_WAIT: IntRange = limits::TERMINATION_WAIT_IN_SECONDS;
/// `AutoRollbackConfiguration.Alarms` takes at most this many alarms.
pub const MAX_ROLLBACK_ALARMS: usize = limits::ALARM_LIST.max;
/// Endpoint names: at most 63 characters of letters, digits and hyphens.
pub const MAX_ENDPOINT_NAME: usize = 63;

#[cfg(test)]
mod tests {
    use super::*;
    use designer_core::model::{
        BlueGreenUpdatePolicy, CapacitySize, DeploymentConfig, DesignDocument, RollingUpdatePolicy,
        TrafficRoutingConfig, TrafficRoutingConfigType,
    };
    use designer_core::validate::validate;

    fn blue_green(ty: TrafficRoutingConfigType, size: CapacitySize) -> DesignDocument {
        let mut doc = DesignDocument::default();
        doc.request.endpoint_name = Some("ep".into());
        doc.request.endpoint_config_name = Some("cfg".into());
        let canary = ty == TrafficRoutingConfigType::Canary;
        doc.request.deployment_config = Some(DeploymentConfig {
            blue_green_update_policy: Some(BlueGreenUpdatePolicy {
                traffic_routing_configuration: Some(TrafficRoutingConfig {
                    type_: Some(ty),
                    wait_interval_in_seconds: Some(60),
                    canary_size: canary.then(|| size.clone()),
                    linear_step_size: (!canary).then_some(size),
                }),
                ..Default::default()
            }),
            ..Default::default()
        });
        doc
    }

    fn rolling(size: CapacitySize) -> DesignDocument {
        let mut doc = blue_green(TrafficRoutingConfigType::Canary, CapacitySize::percent(10));
        doc.request.deployment_config = Some(DeploymentConfig {
            rolling_update_policy: Some(RollingUpdatePolicy {
                maximum_batch_size: Some(size),
                wait_interval_in_seconds: Some(60),
                ..Default::default()
            }),
            ..Default::default()
        });
        doc
    }

    fn refused_by(doc: &DesignDocument, rule: &str) -> bool {
        validate(doc).iter().any(|f| f.rule == rule)
    }

    /// The shares here are the ones the core's validation holds designs to: just inside is
    /// accepted, just outside refused under the same rule.
    #[test]
    fn the_shares_are_the_ones_validation_enforces() {
        use TrafficRoutingConfigType::{Canary, Linear};
        let make: [(ShareLimit, &dyn Fn(i64) -> DesignDocument); 3] = [
            (CANARY, &|p| blue_green(Canary, CapacitySize::percent(p))),
            (LINEAR_STEP, &|p| blue_green(Linear, CapacitySize::percent(p))),
            (ROLLING_BATCH, &|p| rolling(CapacitySize::percent(p))),
        ];
        for (limit, design) in make {
            assert!(!refused_by(&design(limit.max_percent), limit.rule), "{} at its max", limit.key);
            assert!(refused_by(&design(limit.max_percent + 1), limit.rule), "{} over its max", limit.key);
            if limit.min_percent > 0 {
                assert!(!refused_by(&design(limit.min_percent), limit.rule), "{} at its min", limit.key);
                assert!(refused_by(&design(limit.min_percent - 1), limit.rule), "{} under its min", limit.key);
            }
        }
        assert_eq!(BAKE.max, Some(3600));
        assert_eq!(MAX_ROLLBACK_ALARMS, 10);
    }
}
