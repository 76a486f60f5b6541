//! What a deploy pipeline sees of the rollout: the simulated `DescribeEndpoint` response at
//! any second, the state changes so far, and what each caller's wait does with this rollout
//! (gives up before it ends, or calls a rollback a success).
//!
//! Facts, with their sources:
//! - `EndpointStatus` is `Updating` while an update runs and `InService` after it
//!   (SageMaker API Reference, `UpdateEndpoint`); `RollingBack` "only applies to an endpoint
//!   that has autoscaling enabled and is undergoing variant weight or capacity changes", and
//!   `UpdateRollbackFailed` means "Both the rolling deployment and auto-rollback failed"
//!   (API Reference, `DescribeEndpoint`). After a rolled-back update the endpoint is back
//!   `InService` with a `FailureReason` that "disappears as soon as a new update is applied"
//!   (aws-controllers-k8s/sagemaker-controller #7).
//! - `PendingDeploymentSummary` is "only returned when the endpoint is creating or updating
//!   with a new endpoint configuration"; a variant's `VariantStatus` is one of Creating,
//!   Updating, Deleting, ActivatingTraffic, Baking (API Reference, `ProductionVariantStatus`).
//!   The status messages are the developer guide's ("Launching X instance(s).", "Terminating X
//!   instance(s).", "Activating traffic on canary capacity of X instance(s).", "Baking for X
//!   seconds (TerminationWaitInSeconds) with traffic enabled on full capacity of Y
//!   instance(s).": "SageMaker endpoint deployment state change" events,
//!   automating-sagemaker-with-eventbridge.md).
//! - botocore's `EndpointInService` waiter (also `aws sagemaker wait endpoint-in-service`):
//!   every 30 s, 120 times; success on `InService`, failure on `Failed` only (botocore
//!   `sagemaker/2017-07-24/waiters-2.json`; "exit with a return code of 255 after 120 failed
//!   checks", AWS CLI reference).
//! - Terraform's `aws_sagemaker_endpoint` waits 60 minutes for `InService` (provider v5.66.0,
//!   PR #39090) and reports success when SageMaker rolls the config back (issue #46663;
//!   PR #49020, not released when this was written, makes it an error).
//! - CloudFormation documents neither how long it waits for `AWS::SageMaker::Endpoint` nor
//!   whether a rolled-back deployment fails the stack: the page says so.

use super::format::humane_duration;
use super::model::DesignDocument;
use super::simulate::{state_at, Outcome, Phase, Simulation};
use super::write::{pretty_json, Emit, Writer};

/// What a caller's wait does with a rollout.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// It waits to the end and reports what happened.
    Ok,
    /// It stops waiting before the rollout ends.
    GivesUp,
    /// It reports success although SageMaker rolled the update back.
    ReportsSuccessOnFailure,
}

impl Verdict {
    /// CONTRACT.md's `data-verdict`.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Ok => "ok",
            Verdict::GivesUp => "gives-up",
            Verdict::ReportsSuccessOnFailure => "reports-success-on-failure",
        }
    }
}

/// One caller and its verdict on this rollout.
#[derive(Clone, Debug, PartialEq)]
pub struct CallerWait {
    /// CONTRACT.md's `data-caller`: `botocore`, `aws-cli`, `terraform`, `cloudformation`.
    pub id: &'static str,
    pub name: &'static str,
    /// How long it waits, when known.
    pub waits_seconds: Option<i64>,
    pub verdict: Verdict,
    /// Why, with this rollout's numbers.
    pub why: String,
}

/// botocore's `EndpointInService`: 30 s × 120.
pub const BOTOCORE_WAIT_SECONDS: i64 = 30 * 120;
/// Terraform's `aws_sagemaker_endpoint` in-service wait (provider v5.66.0 on).
pub const TERRAFORM_WAIT_SECONDS: i64 = 60 * 60;

/// The callers' verdicts on a simulated rollout.
pub fn callers(sim: &Simulation) -> Vec<CallerWait> {
    let total = sim.summary.total_seconds;
    let outcome = sim.summary.outcome;
    let rolled_back = matches!(outcome, Outcome::RolledBackAlarm | Outcome::RolledBackTimeout);
    let waiter = |id: &'static str, name: &'static str, limit: i64, rollback_failed_ok: bool| {
        let (verdict, why) = if outcome == Outcome::FailedCapacity {
            (Verdict::Ok, "The call itself fails (ResourceLimitExceeded): the caller sees the error before it waits.".to_string())
        } else if total > limit {
            (Verdict::GivesUp, format!("{name} stops waiting after {}; this rollout takes {}.", humane_duration(limit), humane_duration(total)))
        } else if rolled_back {
            (Verdict::ReportsSuccessOnFailure, format!("SageMaker rolls back at {} and the endpoint is InService again, on the old config: {name} sees InService and reports success.", humane_duration(sim.alarm_at.or(sim.timeout_at).unwrap_or(total))))
        } else if outcome == Outcome::UpdateRollbackFailed {
            if rollback_failed_ok {
                (Verdict::Ok, format!("UpdateRollbackFailed is not a state {name} waits through: it stops with an error."))
            } else {
                (Verdict::GivesUp, format!("UpdateRollbackFailed is neither success nor failure to {name}: it polls until its {} are up.", humane_duration(limit)))
            }
        } else {
            (Verdict::Ok, format!("The rollout ends InService on the new config after {}, within {name}'s {}.", humane_duration(total), humane_duration(limit)))
        };
        CallerWait { id, name, waits_seconds: Some(limit), verdict, why }
    };
    let cloudformation = {
        let (verdict, why) = if rolled_back {
            (Verdict::ReportsSuccessOnFailure, "AWS does not document whether a deployment SageMaker rolls back fails the stack update; assumed to end as the endpoint does, InService, so the stack reports success [assumption]. Check the endpoint's config after the stack update.".to_string())
        } else {
            (Verdict::Ok, "AWS does not document how long CloudFormation waits for AWS::SageMaker::Endpoint; assumed to wait to the end [assumption].".to_string())
        };
        CallerWait { id: "cloudformation", name: "CloudFormation", waits_seconds: None, verdict, why }
    };
    vec![
        waiter("botocore", "botocore's EndpointInService waiter", BOTOCORE_WAIT_SECONDS, false),
        waiter("aws-cli", "aws sagemaker wait endpoint-in-service", BOTOCORE_WAIT_SECONDS, false),
        waiter("terraform", "Terraform (aws_sagemaker_endpoint)", TERRAFORM_WAIT_SECONDS, true),
        cloudformation,
    ]
}

/// A moment as an ISO 8601 time, counted from an example start (the page has no clock of the
/// real rollout): 2026-01-01T12:00:00Z + `t` seconds.
pub fn example_time(t: i64) -> String {
    let t = t.clamp(0, 100 * 365 * 86_400);
    let total = 12 * 3600 + t;
    let (days, rest) = (total / 86_400, total % 86_400);
    // Days after 2026-01-01, as a date (no leap day before 2028 matters for display).
    let mut y = 2026;
    let mut d = days;
    loop {
        let len = if y % 4 == 0 && (y % 100 != 0 || y % 400 == 0) { 366 } else { 365 };
        if d < len {
            break;
        }
        d -= len;
        y += 1;
    }
    let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
    let months = [31, if leap { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    let mut m = 0;
    while m < 11 && d >= months[m] {
        d -= months[m];
        m += 1;
    }
    format!(
        "{y}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        m + 1,
        d + 1,
        rest / 3600,
        rest / 60 % 60,
        rest % 60
    )
}

/// One variant's status in `PendingDeploymentSummary`.
struct VariantStatus {
    name: String,
    status: &'static str,
    message: String,
    start: i64,
}

/// The response of `DescribeEndpoint` at second `t` of the simulated rollout.
pub struct Described<'a> {
    doc: &'a DesignDocument,
    status: &'static str,
    config: Option<String>,
    failure: Option<String>,
    pending: Vec<VariantStatus>,
    start: i64,
}

impl Emit for Described<'_> {
    fn emit(&self, w: &mut Writer) {
        let r = &self.doc.request;
        w.object(|w| {
            w.opt("EndpointName", &r.endpoint_name);
            w.opt("EndpointConfigName", &self.config);
            w.member("EndpointStatus", self.status);
            w.opt("FailureReason", &self.failure);
            if !self.pending.is_empty() {
                w.member("PendingDeploymentSummary", &Pending(self));
            }
            if let Some(dc) = &r.deployment_config {
                w.member("LastDeploymentConfig", dc);
            }
        });
    }
}

struct Pending<'a, 'b>(&'b Described<'a>);

impl Emit for Pending<'_, '_> {
    fn emit(&self, w: &mut Writer) {
        let d = self.0;
        w.object(|w| {
            w.opt("EndpointConfigName", &d.doc.request.endpoint_config_name);
            w.member("ProductionVariants", &d.pending.iter().map(VariantLine).collect::<Vec<_>>());
            w.member("StartTime", &example_time(d.start));
        });
    }
}

struct VariantLine<'a>(&'a VariantStatus);

impl Emit for VariantLine<'_> {
    fn emit(&self, w: &mut Writer) {
        let v = self.0;
        w.object(|w| {
            w.member("VariantName", &v.name);
            w.member("VariantStatus", &[StatusLine(v)][..]);
        });
    }
}

struct StatusLine<'a>(&'a VariantStatus);

impl Emit for StatusLine<'_> {
    fn emit(&self, w: &mut Writer) {
        let v = self.0;
        w.object(|w| {
            w.member("Status", v.status);
            w.member("StatusMessage", &v.message);
            w.member("StartTime", &example_time(v.start));
        });
    }
}

/// A variant's status and message at one of its events.
fn variant_status(v: &super::simulate::VariantSimulation, t: i64) -> Option<VariantStatus> {
    let i = v.events.partition_point(|e| e.t <= t).checked_sub(1)?;
    let e = v.events.get(i)?;
    let next = v.events.get(i + 1);
    let (status, message) = match e.phase {
        Phase::Provisioning => {
            let launching = next.map_or(v.new_fleet, |n| n.new_instances.saturating_sub(e.new_instances).max(0));
            ("Creating", format!("Launching {launching} instance(s)."))
        }
        Phase::Baking => {
            let w = next.map_or(0, |n| n.t.saturating_sub(e.t));
            let active = (v.new_fleet as f64 * e.new_traffic_percent / 100.0).round() as i64;
            let capacity = if e.new_traffic_percent >= 100.0 - 1e-9 { "full" } else { "canary" };
            ("Baking", format!("Baking for {w} seconds (WaitIntervalInSeconds) with traffic enabled on {capacity} capacity of {active} instance(s)."))
        }
        Phase::TerminationWait => {
            let w = next.map_or(0, |n| n.t.saturating_sub(e.t));
            ("Baking", format!("Baking for {w} seconds (TerminationWaitInSeconds) with traffic enabled on full capacity of {} instance(s).", e.new_instances))
        }
        Phase::Rollback => ("Deleting", format!("Terminating {} instance(s).", e.new_instances)),
        Phase::Done => return None,
    };
    Some(VariantStatus { name: v.name.clone(), status, message, start: e.t })
}

/// The simulated `DescribeEndpoint` response at second `t` (clamped to the rollout), as JSON.
pub fn describe_at(doc: &DesignDocument, sim: &Simulation, t: i64) -> String {
    let total = sim.summary.total_seconds;
    let t = t.clamp(0, total.max(0));
    let old_config = doc.endpoint.current_endpoint_config_name.clone();
    let new_config = doc.request.endpoint_config_name.clone();
    let state = state_at(sim, t);
    let done = state.phase == Phase::Done && t >= total;
    let outcome = sim.summary.outcome;
    let mut d = Described {
        doc,
        status: "Updating",
        config: old_config.clone(),
        failure: None,
        pending: Vec::new(),
        start: 0,
    };
    match (outcome, done) {
        (Outcome::FailedCapacity, _) => d.status = "InService",
        (Outcome::Succeeded, true) => {
            d.status = "InService";
            d.config = new_config;
        }
        (Outcome::RolledBackAlarm, true) => {
            d.status = "InService";
            d.failure = Some(format!(
                "The deployment was rolled back because a rollback alarm went to ALARM at {} [the page's wording: AWS publishes none].",
                humane_duration(sim.alarm_at.unwrap_or(total))
            ));
        }
        (Outcome::RolledBackTimeout, true) => {
            d.status = "InService";
            d.failure = Some(format!(
                "The deployment was rolled back because it did not finish within MaximumExecutionTimeoutInSeconds ({}) [the page's wording: AWS publishes none].",
                humane_duration(sim.timeout_at.unwrap_or(total))
            ));
        }
        (Outcome::UpdateRollbackFailed, true) => d.status = "UpdateRollbackFailed",
        (_, false) => {
            d.pending = sim.variants.iter().filter_map(|v| variant_status(v, t)).collect();
        }
    }
    pretty_json(&d)
}

/// The state changes of the rollout up to second `t`, as the deployment's EventBridge events
/// ("SageMaker Endpoint Deployment State Change") would tell them: (second, status, message).
pub fn state_changes(sim: &Simulation, t: i64) -> Vec<(i64, String)> {
    let mut out: Vec<(i64, String)> = Vec::new();
    let Some(v) = sim.variants.first() else { return out };
    for e in v.events.iter().filter(|e| e.t <= t) {
        let line = match variant_status(v, e.t) {
            Some(s) => format!("{}: {}", s.status, s.message),
            None => match sim.summary.outcome {
                Outcome::Succeeded => "InService on the new config.".to_string(),
                Outcome::FailedCapacity => "The call failed: nothing changed.".to_string(),
                Outcome::UpdateRollbackFailed => "UpdateRollbackFailed.".to_string(),
                _ => "InService on the old config, with a FailureReason.".to_string(),
            },
        };
        if out.last().is_none_or(|(_, l)| *l != line) {
            out.push((e.t, line));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::examples;
    use crate::simulate::simulate;

    #[test]
    fn times_read_as_dates() {
        assert_eq!(example_time(0), "2026-01-01T12:00:00Z");
        assert_eq!(example_time(3600 * 12 + 61), "2026-01-02T00:01:01Z");
        assert_eq!(example_time(86_400 * 365), "2027-01-01T12:00:00Z");
        assert!(example_time(i64::MAX).starts_with("21"));
    }

    #[test]
    fn the_canary_example_as_a_pipeline_sees_it() {
        let mut doc = examples::default_design();
        let sim = simulate(&doc);
        let start = describe_at(&doc, &sim, 10);
        assert!(start.contains("\"EndpointStatus\": \"Updating\""), "{start}");
        assert!(start.contains("\"Status\": \"Creating\""), "{start}");
        assert!(start.contains("Launching 10 instance(s)."), "{start}");
        let canary = describe_at(&doc, &sim, 400);
        assert!(canary.contains("with traffic enabled on canary capacity of 1 instance(s)."), "{canary}");
        let end = describe_at(&doc, &sim, sim.summary.total_seconds);
        assert!(end.contains("\"EndpointStatus\": \"InService\""), "{end}");
        assert!(!end.contains("PendingDeploymentSummary"), "{end}");
        assert!(end.contains(&format!("\"EndpointConfigName\": \"{}\"", doc.request.endpoint_config_name.clone().unwrap())));
        assert!(callers(&sim).iter().all(|c| c.verdict == Verdict::Ok), "{:?}", callers(&sim));

        // A rollback: back InService on the old config; the waiters call it a success.
        doc.simulation.set_alarm_at(Some(400));
        let sim = simulate(&doc);
        let end = describe_at(&doc, &sim, sim.summary.total_seconds);
        assert!(end.contains("FailureReason"), "{end}");
        let verdicts: Vec<&str> = callers(&sim).iter().map(|c| c.verdict.as_str()).collect();
        assert_eq!(verdicts, ["reports-success-on-failure"; 4]);
    }

    #[test]
    fn a_long_rollout_outlasts_the_waiters() {
        use crate::model::*;
        let mut doc = examples::default_design();
        // Linear 10% with 15-minute bakes: 10 steps, about 2h40m.
        let t = doc.request.deployment_config.as_mut().unwrap().blue_green_update_policy.as_mut().unwrap();
        t.maximum_execution_timeout_in_seconds = None;
        let r = t.traffic_routing_configuration.as_mut().unwrap();
        r.type_ = Some(TrafficRoutingConfigType::Linear);
        r.canary_size = None;
        r.linear_step_size = Some(CapacitySize::percent(10));
        r.wait_interval_in_seconds = Some(900);
        let sim = simulate(&doc);
        let c = callers(&sim);
        let tf = c.iter().find(|c| c.id == "terraform").unwrap();
        assert_eq!(tf.verdict, Verdict::GivesUp);
        assert!(tf.why.contains("stops waiting after 1h; this rollout takes"), "{}", tf.why);
    }
}
