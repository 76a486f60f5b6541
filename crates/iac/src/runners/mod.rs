//! "Apply and verify": runners that start the update and watch it to the end the safe way,
//! for the design on the page (GitHub issue 17, item 4). A boto3 script, a bash script of
//! `aws` commands and a Step Functions state machine each call `UpdateEndpoint`, poll
//! `DescribeEndpoint` until a deadline taken from the simulation, and succeed only when the
//! endpoint is `InService` on the NEW endpoint config with no `FailureReason`; the EventBridge
//! rule pattern matches the endpoint's deployment state changes.
//!
//! Why a runner and not a waiter (sources):
//! - botocore's `EndpointInService` waiter (and `aws sagemaker wait endpoint-in-service`) polls
//!   every 30 s, 120 times, and accepts `InService` whatever config the endpoint runs (botocore
//!   `sagemaker/2017-07-24/waiters-2.json`).
//! - When SageMaker rolls an update back (an alarm, the execution timeout), the endpoint is
//!   `InService` again on the old config with a `FailureReason`, which may be empty and
//!   "disappears as soon as a new update is applied" (aws-controllers-k8s/sagemaker-controller
//!   #7); Terraform reports such an update as a success (hashicorp/terraform-provider-aws
//!   #46663). Only the config name and the reason tell the revert apart.
//! - `EndpointStatus` is one of OutOfService, Creating, Updating, SystemUpdating, RollingBack,
//!   InService, Deleting, Failed, UpdateRollbackFailed (SageMaker service model, botocore
//!   1.43.11); `PendingDeploymentSummary` lists each variant's `VariantStatus` (Status,
//!   StatusMessage) while an update with a new config runs (API Reference, DescribeEndpoint).
//!
//! No runner deletes the old endpoint config: a rollback needs it.

pub mod bash;
pub mod eventbridge;
pub mod python;
pub mod stepfunctions;

use designer_core::model::DesignDocument;
use designer_core::simulate::{simulate, Outcome};

use crate::Export;

/// Seconds between two `DescribeEndpoint` calls: the delay of botocore's `EndpointInService`
/// waiter.
pub const POLL_SECONDS: i64 = 30;
/// How many polls botocore's waiter makes before it gives up (30 s × 120 = 1 hour).
pub const WAITER_MAX_ATTEMPTS: i64 = 120;
/// Added to the simulated worst case: the simulation's provisioning time is an assumption.
pub const MARGIN_SECONDS: i64 = 600;

/// The environment variables that override the deadline and the poll interval of the
/// Python and bash runners (for a test, or a fleet slower than the simulation assumes).
pub const DEADLINE_ENV: &str = "SAGEMAKER_APPLY_DEADLINE_SECONDS";
pub const POLL_ENV: &str = "SAGEMAKER_APPLY_POLL_SECONDS";

/// The exit codes of the Python and bash runners.
pub const EXIT_SUCCESS: i32 = 0;
pub const EXIT_FAILED: i32 = 1;
pub const EXIT_DEADLINE: i32 = 2;

/// A runner target, as the page's tabs list them (kept apart from [`crate::Target`]: these
/// are programs that run an update, not places a policy lives, and nothing imports them back).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Runner {
    ApplyPython,
    ApplyBash,
    ApplyStepFunctions,
    EventBridgeRule,
}

impl Runner {
    /// Every runner, in the order of the page's tabs.
    pub const ALL: &'static [Runner] = &[
        Runner::ApplyPython,
        Runner::ApplyBash,
        Runner::ApplyStepFunctions,
        Runner::EventBridgeRule,
    ];

    /// The id across the module boundary and in the page's hook (`export-{id}`).
    pub fn id(self) -> &'static str {
        match self {
            Runner::ApplyPython => "apply-python",
            Runner::ApplyBash => "apply-bash",
            Runner::ApplyStepFunctions => "apply-stepfunctions",
            Runner::EventBridgeRule => "eventbridge-rule",
        }
    }

    /// Reads an id of [`Runner::id`].
    pub fn from_id(id: &str) -> Option<Runner> {
        Runner::ALL.iter().copied().find(|r| r.id() == id)
    }
}

/// The runner `runner` for `doc`.
pub fn export(runner: Runner, doc: &DesignDocument) -> Export {
    match runner {
        Runner::ApplyPython => python::export(doc),
        Runner::ApplyBash => bash::export(doc),
        Runner::ApplyStepFunctions => stepfunctions::export(doc),
        Runner::EventBridgeRule => eventbridge::export(doc),
    }
}

/// How long a runner waits, from the simulation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Deadline {
    /// The plan as simulated with no failure drill (a refused call: the plan once it fits).
    pub plan_seconds: i64,
    /// `MaximumExecutionTimeoutInSeconds` and the rollback it starts at its latest, when set.
    pub timeout: Option<(i64, i64)>,
    /// The longest of: the plan, the design's own drill, the timeout plus its rollback.
    pub worst_seconds: i64,
    /// [`Deadline::worst_seconds`] plus [`MARGIN_SECONDS`].
    pub seconds: i64,
}

impl Deadline {
    /// The polls of [`POLL_SECONDS`] that fit in the deadline (at least one).
    pub fn polls(&self) -> i64 {
        (self.seconds + POLL_SECONDS - 1) / POLL_SECONDS
    }

    /// One sentence saying where the deadline comes from, for a comment.
    pub fn why(&self) -> String {
        let mut out = format!(
            "the simulated worst case, {} s (the plan takes {} s",
            self.worst_seconds, self.plan_seconds
        );
        if let Some((m, rollback)) = self.timeout {
            out.push_str(&format!(
                "; MaximumExecutionTimeoutInSeconds {m} s plus a rollback of {rollback} s"
            ));
        }
        out.push_str(&format!(
            "), plus a margin of {MARGIN_SECONDS} s: {} s in all",
            self.seconds
        ));
        out
    }
}

/// The deadline of `doc`'s update: the simulated worst case plus [`MARGIN_SECONDS`].
pub fn deadline(doc: &DesignDocument) -> Deadline {
    let mut calm = doc.clone();
    calm.simulation.failure = None;
    let mut sim = simulate(&calm);
    if let Some(planned) = sim.planned.take() {
        // The call is refused for capacity: the deadline is that of the rollout once it fits.
        sim = *planned;
    }
    let plan_seconds = sim.summary.total_seconds.max(0);
    let drill = if doc.simulation.failure.is_some() {
        simulate(doc).summary.total_seconds
    } else {
        0
    };
    let timeout = sim.timeout_at.map(|m| {
        let rollback = if sim.summary.outcome == Outcome::RolledBackTimeout {
            plan_seconds.saturating_sub(m)
        } else {
            // The plan ends before the timeout; a slower rollout times out at M and rolls back
            // from about where the plan ends: simulated by a timeout in its last second.
            let at = plan_seconds.saturating_sub(1).max(0);
            let mut late = calm.clone();
            set_timeout(&mut late, at);
            simulate(&late).summary.total_seconds.saturating_sub(at)
        };
        (m, rollback.max(0))
    });
    let worst_seconds = plan_seconds
        .max(drill)
        .max(timeout.map_or(0, |(m, r)| m.saturating_add(r)));
    Deadline {
        plan_seconds,
        timeout,
        worst_seconds,
        seconds: worst_seconds.saturating_add(MARGIN_SECONDS),
    }
}

/// Sets the timeout the simulator reads (the blue/green policy's, else the rolling one's).
fn set_timeout(doc: &mut DesignDocument, seconds: i64) {
    let Some(dc) = doc.request.deployment_config.as_mut() else {
        return;
    };
    if let Some(bg) = dc.blue_green_update_policy.as_mut() {
        bg.maximum_execution_timeout_in_seconds = Some(seconds);
    } else if let Some(r) = dc.rolling_update_policy.as_mut() {
        r.maximum_execution_timeout_in_seconds = Some(seconds);
    }
}

/// `template` with each `@@KEY@@` replaced by its value, in one pass: a value (user text) is
/// never searched for further keys.
pub(crate) fn fill(template: &str, values: &[(&str, String)]) -> String {
    let mut out = String::with_capacity(template.len() * 2);
    let mut rest = template;
    while let Some(i) = rest.find("@@") {
        out.push_str(&rest[..i]);
        let after = &rest[i + 2..];
        match after.find("@@").map(|j| (&after[..j], j)) {
            Some((key, j)) if values.iter().any(|(k, _)| *k == key) => {
                let value = &values.iter().find(|(k, _)| *k == key).expect("found").1;
                out.push_str(value);
                rest = &after[j + 2..];
            }
            _ => {
                out.push_str("@@");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The values an imported text did not give that the request needs, as `path (was expr)`,
/// with controls and invisible characters as spaces (for a message in any language).
pub(crate) fn missing(doc: &DesignDocument) -> Vec<String> {
    doc.placeholders
        .iter()
        .filter(|p| !p.path.starts_with("Endpoint."))
        .map(|p| {
            let expr: String = p
                .expression
                .chars()
                .map(|c| {
                    if c.is_control() || designer_core::export::is_invisible(c) {
                        ' '
                    } else {
                        c
                    }
                })
                .collect();
            format!("{} (the imported text had {expr})", p.path)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use designer_core::examples;

    #[test]
    fn every_runner_reads_back_from_its_id() {
        for r in Runner::ALL {
            assert_eq!(Runner::from_id(r.id()), Some(*r));
            assert!(
                crate::Target::from_id(r.id()).is_none(),
                "{} is also a target",
                r.id()
            );
        }
    }

    #[test]
    fn the_deadline_covers_the_plan_and_a_timed_out_rollback() {
        let doc = examples::default_design();
        let d = deadline(&doc);
        assert!(d.worst_seconds >= d.plan_seconds);
        assert_eq!(d.seconds, d.worst_seconds + MARGIN_SECONDS);
        if let Some((m, r)) = d.timeout {
            assert!(d.worst_seconds >= m + r);
        }
        assert!(d.polls() * POLL_SECONDS >= d.seconds);
    }
}

/// A script with the design's "incomplete" note (`# ` comments) after its first line, the
/// shebang, so that it still runs as a program.
fn with_incomplete_note(doc: &DesignDocument, text: String) -> String {
    let note = designer_core::export::incomplete_note(doc, "# ");
    if note.is_empty() {
        return text;
    }
    let (first, rest) = text.split_once('\n').unwrap_or((&text, ""));
    format!("{first}\n{note}{rest}")
}
