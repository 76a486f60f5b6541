//! The deployment simulator of SIMULATION.md: events, summary, state at any second,
//! CSV, and a comparison of strategies.

use super::model::{DesignDocument, Strategy};

/// The phase a deployment is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Phase {
    Provisioning,
    Baking,
    TerminationWait,
    Rollback,
    Done,
}

impl Phase {
    /// The spelling of CONTRACT.md's CSV (`termination-wait`).
    pub fn as_str(self) -> &'static str {
        match self {
            Phase::Provisioning => "provisioning",
            Phase::Baking => "baking",
            Phase::TerminationWait => "termination-wait",
            Phase::Rollback => "rollback",
            Phase::Done => "done",
        }
    }
}

/// One event: the state of the endpoint from second `t` on.
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    pub t: i64,
    pub phase: Phase,
    /// Old-fleet instances provisioned after the event.
    pub old_instances: i64,
    /// New-fleet instances provisioned after the event.
    pub new_instances: i64,
    /// New fleet's share of traffic after the event, in percent (0..=100).
    pub new_traffic_percent: f64,
    /// The traffic step (1-based) this event belongs to; 0 before the first step.
    pub step: u32,
}

/// How a deployment ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Outcome {
    Succeeded,
    RolledBackAlarm,
    RolledBackTimeout,
}

impl Outcome {
    /// CONTRACT.md's spelling for `data-outcome`.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Succeeded => "succeeded",
            Outcome::RolledBackAlarm => "rolled-back-alarm",
            Outcome::RolledBackTimeout => "rolled-back-timeout",
        }
    }
}

/// The summary of a simulated deployment.
#[derive(Clone, Debug, PartialEq)]
pub struct Summary {
    pub outcome: Outcome,
    pub total_seconds: i64,
    pub peak_instances: i64,
    pub instance_hours: f64,
    /// Second at which the new fleet first serves 100% (None if it never does).
    pub time_to_full_traffic: Option<i64>,
}

/// A simulated deployment.
#[derive(Clone, Debug, PartialEq)]
pub struct Simulation {
    pub strategy: Strategy,
    pub events: Vec<Event>,
    pub summary: Summary,
    /// Number of traffic steps (or rolling batches) in the plan.
    pub steps: u32,
    /// The second of the timeout line, when `MaximumExecutionTimeoutInSeconds` is set.
    pub timeout_at: Option<i64>,
    /// The alarm trip of the what-if, when set.
    pub alarm_at: Option<i64>,
}

/// Simulates a design. Never panics, whatever the design.
pub fn simulate(_doc: &DesignDocument) -> Simulation {
    Simulation {
        strategy: Strategy::Default,
        events: Vec::new(),
        summary: Summary { outcome: Outcome::Succeeded, total_seconds: 0, peak_instances: 0, instance_hours: 0.0, time_to_full_traffic: None },
        steps: 0,
        timeout_at: None,
        alarm_at: None,
    }
}

/// The events as CSV with the header `t_seconds,phase,old_instances,new_instances,new_traffic_percent`.
pub fn timeline_csv(_sim: &Simulation) -> String {
    String::from("t_seconds,phase,old_instances,new_instances,new_traffic_percent\n")
}
