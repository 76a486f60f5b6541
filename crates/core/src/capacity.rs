//! Instances against the account's quotas: how many of each instance type a rollout needs at
//! every moment, forward and for a rollback started at any moment, beside what the quota
//! "<type> for endpoint usage" (`Endpoint.Quotas`) leaves. The simulator reads `check`; the
//! findings C1..C4 and the page's one-click fixes read its result.
//!
//! Facts, with their sources:
//! - Blue/green provisions the whole new fleet while the old one serves; a rolling update one
//!   batch; a rolling rollback without `RollbackMaximumBatchSize` brings "the whole capacity of
//!   the old fleet" back at once (SageMaker API Reference, `RollingUpdatePolicy`; Developer
//!   Guide, deployment guardrails).
//! - Over the quota, the call fails with `ResourceLimitExceeded`: "The account-level service
//!   limit 'ml.g5.12xlarge for endpoint usage' is 2 Instances, with current utilization of 2
//!   Instances and a request delta of 1 Instances." (the wording reported in
//!   aws-samples/aws-genai-llm-chatbot #244 and aws/amazon-sagemaker-examples #307).

use super::model::{DesignDocument, InstanceQuota};
use super::simulate::Event;

/// One variant's share of the rollout, as the capacity check sees it.
pub struct Usage<'a> {
    /// The current variant's instance type (its old fleet), if any.
    pub old_type: Option<&'a str>,
    /// The new variant's instance type.
    pub new_type: Option<&'a str>,
    /// The variant's forward events (no rollback).
    pub events: &'a [Event],
    /// `N_old`.
    pub old_fleet: i64,
    /// A rolling update's rollback batch in instances (`None`: all missing old instances at
    /// once); irrelevant for blue/green, whose rollback only terminates.
    pub rollback_batch: Option<i64>,
    /// True for a rolling update (its rollback provisions old instances again).
    pub rolling: bool,
}

/// A moment at which an instance type needs more than its quota leaves.
#[derive(Clone, Debug, PartialEq)]
pub struct Over {
    pub instance_type: String,
    /// Index in `Endpoint.Quotas`.
    pub quota_index: usize,
    pub limit: i64,
    /// What the account's other endpoints use of it.
    pub in_use: i64,
    /// What this endpoint's old fleet uses of it before the update.
    pub current: i64,
    /// What the rollout needs of it at its peak (this endpoint's instances; for a rollback,
    /// the most that any rollback needs).
    pub need: i64,
    /// The first second at which it needs that (for a rollback: the first second from which
    /// a rollback started would need more than the quota leaves).
    pub at: i64,
}

impl Over {
    /// Instances the quota leaves for this endpoint.
    pub fn available(&self) -> i64 {
        self.limit.saturating_sub(self.in_use)
    }

    /// The quota the account would need.
    pub fn quota_needed(&self) -> i64 {
        self.need.saturating_add(self.in_use)
    }

    /// AWS's `ResourceLimitExceeded` message, filled with the design's numbers.
    pub fn aws_message(&self) -> String {
        format!(
            "ResourceLimitExceeded: The account-level service limit '{} for endpoint usage' is {} Instances, with current utilization of {} Instances and a request delta of {} Instances. Please use AWS Service Quotas to request an increase for this quota.",
            self.instance_type,
            self.limit,
            self.in_use.saturating_add(self.current),
            self.need.saturating_sub(self.current).max(0)
        )
    }
}

/// What the quotas allow of a rollout.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CapacityCheck {
    /// The forward plan needs more than a quota leaves: the call is refused.
    pub forward: Option<Over>,
    /// A rollback started at some moment would need more than a quota leaves.
    pub rollback: Option<Over>,
    /// Per quota with a usable limit, what it leaves beside what the rollout needs.
    pub lines: Vec<QuotaLine>,
}

/// One quota beside the rollout's forward peak of its type.
#[derive(Clone, Debug, PartialEq)]
pub struct QuotaLine {
    pub instance_type: String,
    /// Index in `Endpoint.Quotas`.
    pub quota_index: usize,
    /// Instances the quota leaves for this endpoint (limit minus what others use).
    pub available: i64,
    /// The rollout's forward peak of the type.
    pub peak: i64,
}

/// The usable quotas: a type and a limit, never negative; the first entry of a type wins.
fn quotas(list: &[InstanceQuota]) -> Vec<(usize, &str, i64, i64)> {
    let mut out: Vec<(usize, &str, i64, i64)> = Vec::new();
    for (i, q) in list.iter().enumerate() {
        let (Some(t), Some(limit)) = (q.instance_type.as_deref(), q.limit) else {
            continue;
        };
        if limit < 0 || out.iter().any(|(_, o, _, _)| *o == t) {
            continue;
        }
        out.push((i, t, limit, q.in_use.unwrap_or(0).max(0)));
    }
    out
}

/// The last event at or before `t` of a timeline (`None` before its first).
fn at(events: &[Event], t: i64) -> Option<&Event> {
    let i = events.partition_point(|e| e.t <= t);
    i.checked_sub(1).and_then(|i| events.get(i))
}

/// Instances of `ty` that `usages` hold when variant `k` is at event `e` and the others are
/// at their state of the same second. `rollback`: as if a rollback started there.
fn demand(usages: &[Usage], ty: &str, k: usize, e: &Event, rollback: bool) -> i64 {
    let mut total = 0_i64;
    for (j, u) in usages.iter().enumerate() {
        let state = if j == k { Some(e) } else { at(u.events, e.t) };
        let Some(s) = state else { continue };
        let mut old = s.old_instances;
        if rollback && u.rolling {
            let missing = u.old_fleet.saturating_sub(s.old_instances).max(0);
            old = old.saturating_add(u.rollback_batch.unwrap_or(missing).clamp(0, missing));
        }
        if u.old_type == Some(ty) {
            total = total.saturating_add(old);
        }
        if u.new_type == Some(ty) {
            total = total.saturating_add(s.new_instances);
        }
    }
    total
}

/// Checks a rollout against the quotas. Cheap when there are none.
pub fn check(doc: &DesignDocument, usages: &[Usage]) -> CapacityCheck {
    let mut out = CapacityCheck::default();
    for (qi, ty, limit, in_use) in quotas(&doc.endpoint.quotas) {
        let available = limit.saturating_sub(in_use);
        let current: i64 = usages
            .iter()
            .filter(|u| u.old_type == Some(ty))
            .map(|u| u.old_fleet)
            .sum();
        let mut peak = (0_i64, 0_i64);
        let mut rollback_over: Option<(i64, i64)> = None;
        for (k, u) in usages.iter().enumerate() {
            for e in u.events {
                let d = demand(usages, ty, k, e, false);
                if d > peak.0 || (d == peak.0 && e.t < peak.1) {
                    peak = (d, e.t);
                }
                if u.rolling && e.new_instances > 0 && e.old_instances < u.old_fleet {
                    let r = demand(usages, ty, k, e, true);
                    if r > available {
                        // The first moment over, and the most any rollback needs.
                        rollback_over = Some(match rollback_over {
                            None => (r, e.t),
                            Some((need, t)) => (need.max(r), t.min(e.t)),
                        });
                    }
                }
            }
        }
        out.lines.push(QuotaLine {
            instance_type: ty.to_string(),
            quota_index: qi,
            available,
            peak: peak.0,
        });
        let over = |need: i64, at: i64| Over {
            instance_type: ty.to_string(),
            quota_index: qi,
            limit,
            in_use,
            current,
            need,
            at,
        };
        if peak.0 > available && out.forward.is_none() {
            out.forward = Some(over(peak.0, peak.1));
        }
        if let (Some((need, t)), None) = (rollback_over, &out.rollback) {
            out.rollback = Some(over(need, t));
        }
    }
    out
}

/// A one-click change that makes the rollout fit its quotas.
#[derive(Clone, Debug, PartialEq)]
pub enum Fix {
    /// Switch to a rolling update with batches of this many instances (keeping the bake,
    /// the timeout and the alarms).
    Rolling { batch: i64 },
    /// Set `RollbackMaximumBatchSize` to this many instances.
    RollbackBatch { batch: i64 },
    /// Raise the quota of `Endpoint.Quotas[index]` to `limit` (what to ask AWS for).
    Quota { index: usize, limit: i64 },
}

impl Fix {
    /// What the button says.
    pub fn label(&self, doc: &DesignDocument) -> String {
        match self {
            Fix::Rolling { batch } => format!("Use a rolling update, {batch} instance(s) per batch"),
            Fix::RollbackBatch { batch } => format!("Roll back {batch} instance(s) at a time"),
            Fix::Quota { index, limit } => {
                let ty = doc
                    .endpoint
                    .quotas
                    .get(*index)
                    .and_then(|q| q.instance_type.as_deref())
                    .unwrap_or("the type");
                format!("Ask for a quota of {limit} {ty} (and use it here)")
            }
        }
    }

    /// The design with the fix applied.
    pub fn apply(&self, doc: &DesignDocument) -> DesignDocument {
        use super::model::{CapacitySize, DeploymentConfig, RollingUpdatePolicy};
        let mut d = doc.clone();
        match self {
            Fix::Rolling { batch } => {
                let dc = d.request.deployment_config.get_or_insert_with(DeploymentConfig::default);
                let bg = dc.blue_green_update_policy.take();
                let wait = bg
                    .as_ref()
                    .and_then(|b| b.traffic_routing_configuration.as_ref())
                    .and_then(|t| t.wait_interval_in_seconds)
                    .unwrap_or(300);
                let timeout = bg.as_ref().and_then(|b| b.maximum_execution_timeout_in_seconds);
                let rolling = dc.rolling_update_policy.get_or_insert_with(RollingUpdatePolicy::default);
                rolling.maximum_batch_size = Some(CapacitySize::instances(*batch));
                rolling.wait_interval_in_seconds.get_or_insert(wait);
                if rolling.maximum_execution_timeout_in_seconds.is_none() {
                    rolling.maximum_execution_timeout_in_seconds = timeout;
                }
            }
            Fix::RollbackBatch { batch } => {
                if let Some(r) = d
                    .request
                    .deployment_config
                    .as_mut()
                    .and_then(|dc| dc.rolling_update_policy.as_mut())
                {
                    r.rollback_maximum_batch_size = Some(CapacitySize::instances(*batch));
                }
            }
            Fix::Quota { index, limit } => {
                if let Some(q) = d.endpoint.quotas.get_mut(*index) {
                    q.limit = Some(*limit);
                }
            }
        }
        d
    }
}

/// The smallest changes that make the rollout fit, each applicable in one click: a rolling
/// batch (within VALIDATION.md S4's 5%..50% of the fleet) or a rollback batch that fits,
/// and the quota to ask for.
pub fn fixes(doc: &DesignDocument, sim: &super::simulate::Simulation) -> Vec<Fix> {
    let mut out = Vec::new();
    let single = sim.variants.len() == 1;
    if let Some(over) = &sim.capacity.forward {
        let n = sim.variants.first().map_or(0, |v| v.new_fleet);
        let same_type = doc.endpoint.new_variants.len() == 1 && over.current > 0;
        if single && same_type && n > 0 {
            // Rolling: the old fleet plus one batch must fit.
            let batch = over.available().saturating_sub(over.current);
            let min = (n.saturating_mul(5).saturating_add(99)) / 100;
            let max = n / 2;
            if batch >= min.max(1) {
                out.push(Fix::Rolling { batch: batch.min(max.max(1)) });
            }
        }
        out.push(Fix::Quota { index: over.quota_index, limit: over.quota_needed() });
    } else if let Some(over) = &sim.capacity.rollback {
        // The largest rollback batch that fits at every moment: available minus the most
        // instances of the type that run at any moment of the plan.
        let running = sim
            .capacity
            .lines
            .iter()
            .find(|l| l.quota_index == over.quota_index)
            .map_or(over.need, |l| l.peak);
        let batch = over.available().saturating_sub(running);
        if single && batch >= 1 {
            out.push(Fix::RollbackBatch { batch });
        }
        out.push(Fix::Quota { index: over.quota_index, limit: over.quota_needed() });
    }
    out
}

/// The findings of the quotas (C1..C4). Simulates the design only when it has quotas.
pub fn check_findings(doc: &DesignDocument) -> Vec<super::validate::Finding> {
    use super::validate::{Finding, Severity};
    let mut out = Vec::new();
    if doc.endpoint.quotas.is_empty() {
        return out;
    }
    let used: Vec<&str> = doc
        .endpoint
        .current_variants
        .iter()
        .chain(&doc.endpoint.new_variants)
        .filter_map(|v| v.instance_type.as_deref())
        .collect();
    for (i, q) in doc.endpoint.quotas.iter().enumerate() {
        let base = format!("Endpoint.Quotas[{i}]");
        let mut note = |member: &str, plain: String| {
            out.push(Finding {
                path: format!("{base}.{member}"),
                severity: Severity::Warning,
                rule: "C4",
                aws_message: "The quota cannot be used as given.".into(),
                explanation: plain,
            })
        };
        match (q.instance_type.as_deref(), q.limit, q.in_use) {
            (None, _, _) => note("InstanceType", "This quota names no instance type; it is ignored.".into()),
            (_, None, _) => note("Limit", "This quota gives no limit; it is ignored.".into()),
            (_, Some(l), _) if l < 0 => note("Limit", format!("A quota of {l} instances cannot be; it is ignored.")),
            (_, _, Some(u)) if u < 0 => note("InUse", format!("{u} instances in use elsewhere cannot be; counted as 0.")),
            (Some(t), Some(l), Some(u)) if u > l => note("InUse", format!("Other endpoints use {u} {t}, more than the quota of {l}: this endpoint has nothing left.")),
            (Some(t), Some(_), _) if !used.contains(&t) => out.push(Finding {
                path: format!("{base}.InstanceType"),
                severity: Severity::Warning,
                rule: "C3",
                aws_message: "No variant of the endpoint uses this instance type.".into(),
                explanation: format!("No variant, old or new, runs on {t}: this quota changes nothing. Check the type's spelling."),
            }),
            _ => {}
        }
    }
    let sim = super::simulate::simulate(doc);
    if let Some(over) = &sim.capacity.forward {
        let index = doc
            .endpoint
            .new_variants
            .iter()
            .position(|v| v.instance_type.as_deref() == Some(over.instance_type.as_str()))
            .unwrap_or(0);
        let strategy = doc.request.strategy();
        let why = if strategy == super::model::Strategy::Rolling {
            "each batch is launched while the old fleet still serves"
        } else {
            "blue/green launches the whole new fleet while the old one still serves"
        };
        out.push(Finding {
            path: format!("Endpoint.NewVariants[{index}].InstanceType"),
            severity: Severity::Error,
            rule: "C1",
            aws_message: over.aws_message(),
            explanation: format!(
                "The rollout needs {} {} at once ({why}), but the quota of {} leaves {} for this endpoint{}: the call fails and nothing changes. Use a smaller rolling batch, or ask for a quota of at least {}.",
                over.need,
                over.instance_type,
                over.limit,
                over.available(),
                if over.in_use > 0 { format!(" ({} in use elsewhere)", over.in_use) } else { String::new() },
                over.quota_needed()
            ),
        });
    }
    if let Some(over) = &sim.capacity.rollback {
        out.push(Finding {
            path: "DeploymentConfig.RollingUpdatePolicy.RollbackMaximumBatchSize".into(),
            severity: Severity::Warning,
            rule: "C2",
            aws_message: "A rollback launches the old fleet's terminated instances again while the new ones still run.".into(),
            explanation: format!(
                "A rollback started from {} on needs {} {} at once, more than the {} the quota leaves: it would not get its instances and the endpoint would end in UpdateRollbackFailed. Roll back fewer instances at a time (RollbackMaximumBatchSize), or ask for a quota of {}.",
                super::format::humane_duration(over.at),
                over.need,
                over.instance_type,
                over.available(),
                over.quota_needed()
            ),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::model::*;
    use crate::simulate::simulate;

    fn endpoint(ty: &str, n: i64, limit: i64, in_use: i64) -> DesignDocument {
        let mut doc = DesignDocument::default();
        doc.request.endpoint_name = Some("chat".into());
        doc.request.endpoint_config_name = Some("chat-v2".into());
        let v = ProductionVariant::instances("AllTraffic", ty, n);
        doc.endpoint.current_variants = vec![v.clone()];
        doc.endpoint.new_variants = vec![v];
        doc.endpoint.quotas = vec![InstanceQuota {
            instance_type: Some(ty.into()),
            limit: Some(limit),
            in_use: Some(in_use),
        }];
        doc
    }

    #[test]
    fn blue_green_needs_both_fleets_and_the_message_is_aws_s() {
        // The issue thread's case: 2 ml.g5.12xlarge, quota 2.
        let doc = endpoint("ml.g5.12xlarge", 2, 2, 0);
        let sim = simulate(&doc);
        let over = sim.capacity.forward.clone().expect("over quota");
        // Both fleets would run from the end of the provisioning, at 300 s.
        assert_eq!((over.need, over.available(), over.at), (4, 2, 300));
        assert_eq!(sim.summary.outcome, crate::simulate::Outcome::FailedCapacity);
        assert_eq!((sim.summary.total_seconds, sim.events.len()), (0, 1));
        assert_eq!(
            over.aws_message(),
            "ResourceLimitExceeded: The account-level service limit 'ml.g5.12xlarge for endpoint usage' is 2 Instances, with current utilization of 2 Instances and a request delta of 2 Instances. Please use AWS Service Quotas to request an increase for this quota."
        );
        assert_eq!(over.quota_needed(), 4);
    }

    #[test]
    fn a_rolling_update_fits_but_its_rollback_may_not() {
        let mut doc = endpoint("ml.g5.12xlarge", 10, 13, 0);
        doc.request.deployment_config = Some(DeploymentConfig {
            rolling_update_policy: Some(RollingUpdatePolicy {
                maximum_batch_size: Some(CapacitySize::instances(2)),
                wait_interval_in_seconds: Some(600),
                ..Default::default()
            }),
            ..Default::default()
        });
        let sim = simulate(&doc);
        assert_eq!(sim.capacity.forward, None, "10 old + 2 new fit in 13");
        let rb = sim.capacity.rollback.clone().expect("the rollback brings back 2 at once");
        // In the second batch's bake (8 old, 4 new from 1200 s), a rollback launches the 2
        // old instances terminated so far while the 4 new still run: 8 + 2 + 4 = 14, over 13.
        // The worst is in the last batch's bake: 2 old + 8 relaunched + 10 new = 20.
        assert_eq!((rb.need, rb.at), (20, 1200));
        // One old instance at a time fits: 8 + 1 + 4 = 13, and so on later.
        doc.request.deployment_config.as_mut().unwrap().rolling_update_policy.as_mut().unwrap().rollback_maximum_batch_size = Some(CapacitySize::instances(1));
        assert_eq!(simulate(&doc).capacity.rollback, None);
    }

    #[test]
    fn the_fixes_make_it_fit() {
        use super::{check_findings, fixes, Fix};
        let doc = endpoint("ml.g5.12xlarge", 10, 12, 0);
        let found: Vec<(&str, String)> = check_findings(&doc).into_iter().map(|f| (f.rule, f.path)).collect();
        assert_eq!(found, [("C1", "Endpoint.NewVariants[0].InstanceType".to_string())]);
        let sim = simulate(&doc);
        let fx = fixes(&doc, &sim);
        assert_eq!(fx, [Fix::Rolling { batch: 2 }, Fix::Quota { index: 0, limit: 20 }]);
        for f in &fx {
            let fixed = f.apply(&doc);
            let s = simulate(&fixed);
            assert_eq!(s.capacity.forward, None, "{f:?}");
            assert!(!check_findings(&fixed).iter().any(|x| x.rule == "C1"), "{f:?}");
        }
        // The rolling fix's rollback is over quota; its own fix makes it fit.
        let rolled = fx[0].apply(&doc);
        let sim = simulate(&rolled);
        assert!(sim.capacity.rollback.is_some());
        let fx = fixes(&rolled, &sim);
        // 12 run at the peak, so no rollback batch fits in 12: only the quota can grow, to what
        // the worst rollback (in the last batch's bake: 2 + 8 + 10) needs.
        assert_eq!(fx, [Fix::Quota { index: 0, limit: 20 }]);
        let fixed = fx[0].apply(&rolled);
        assert_eq!(simulate(&fixed).capacity.rollback, None);
    }

    #[test]
    fn quotas_of_other_types_and_nonsense_change_nothing() {
        let mut doc = endpoint("ml.m5.xlarge", 4, 100, 0);
        doc.endpoint.quotas.push(InstanceQuota { instance_type: Some("ml.p4d.24xlarge".into()), limit: Some(-5), in_use: None });
        doc.endpoint.quotas.push(InstanceQuota { instance_type: None, limit: Some(1), in_use: Some(i64::MAX) });
        let sim = simulate(&doc);
        assert_eq!(sim.capacity.forward, None);
        assert_eq!(sim.summary.outcome, crate::simulate::Outcome::Succeeded);
    }
}
