//! The deployment simulator of SIMULATION.md: events, summary, state at any second,
//! CSV, and a comparison of strategies.
//!
//! `simulate` takes any design, valid or not (the page calls it on every keystroke), and
//! never panics nor runs long: nonsense is clamped and each adjustment is explained in
//! `Simulation::notes`.
//!
//! How the model of SIMULATION.md is read where it leaves room:
//! - An event carries the state from its second on. Several events may share a second
//!   (a zero-second bake, an instant rollback): each one that changes instances or traffic
//!   is kept, so the moment both fleets run shows in the CSV, the chart and the peak;
//!   `state_at` gives the last of them. An event that would change only the phase label
//!   for zero seconds is dropped, and no termination-wait event is made when T = 0.
//! - A traffic step with no bake after it (S8) is in the termination wait.
//! - New instances count (and are billed) once provisioned, i.e. at the end of their
//!   provisioning period; this gives the worked example's peak of 12 for rolling.
//! - Bakes are half-open: an alarm at the very second a bake ends is no longer in it,
//!   an alarm at the second it starts is.
//! - A plan that ends exactly at `M` has finished: it does not time out.
//! - Several variants deploy at once, each with its own N. For blue/green the old fleets
//!   are kept until every variant has finished its last bake, then one termination
//!   wait follows; the aggregate's step is the highest step of any variant (the variant
//!   needing most steps sets the pace). An alarm counts when any variant is baking.
//! - A rolling rollback with nothing to re-provision (the alarm trips during the first
//!   batch's bake) is instant. A rollback batch of N or more instances is one batch (S14).
//! - S8 is checked on both fleets (an `ml.inf1.*` type or an accelerator in the current
//!   or the new config, or Marketplace containers); a rolling policy falls back too.
//! - A missing or incomplete size (S2, S3, R5) is simulated as 1 instance; a canary of
//!   the whole fleet is a single step.

use super::fleet::{self, VariantFleet};
use super::model::{CapacitySize, DesignDocument, Strategy, TrafficRoutingConfigType};

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

    /// Which phase the aggregate of several variants shows: the most eventful one.
    fn rank(self) -> u8 {
        match self {
            Phase::Rollback => 4,
            Phase::Provisioning => 3,
            Phase::Baking => 2,
            Phase::TerminationWait => 1,
            Phase::Done => 0,
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
    /// For a rolling update the step is the batch, its provisioning included.
    pub step: u32,
}

/// How a deployment ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Outcome {
    Succeeded,
    RolledBackAlarm,
    RolledBackTimeout,
    /// The call is refused: the rollout needs more instances than a quota leaves.
    FailedCapacity,
    /// The rollback itself cannot get its instances (over a quota).
    UpdateRollbackFailed,
}

impl Outcome {
    /// CONTRACT.md's spelling for `data-outcome`.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Succeeded => "succeeded",
            Outcome::RolledBackAlarm => "rolled-back-alarm",
            Outcome::RolledBackTimeout => "rolled-back-timeout",
            Outcome::FailedCapacity => "failed-capacity",
            Outcome::UpdateRollbackFailed => "update-rollback-failed",
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

/// The simulation of one variant of the endpoint.
#[derive(Clone, Debug, PartialEq)]
pub struct VariantSimulation {
    /// Index in `Endpoint.NewVariants`.
    pub index: usize,
    /// The variant's name (empty when the design leaves it out).
    pub name: String,
    /// `N_old`: the variant's instances before the update.
    pub old_fleet: i64,
    /// `N`: the variant's instances after the update.
    pub new_fleet: i64,
    /// Traffic steps (or rolling batches) this variant needs.
    pub steps: u32,
    pub events: Vec<Event>,
    pub summary: Summary,
}

/// A simulated deployment.
#[derive(Clone, Debug, PartialEq)]
pub struct Simulation {
    /// The strategy that is simulated (all at once when an exclusion of S8 applies).
    pub strategy: Strategy,
    /// The endpoint as a whole: instances summed over variants, traffic weight-averaged.
    pub events: Vec<Event>,
    pub summary: Summary,
    /// Number of traffic steps (or rolling batches) in the plan.
    pub steps: u32,
    /// The second of the timeout line, when `MaximumExecutionTimeoutInSeconds` is set.
    pub timeout_at: Option<i64>,
    /// The alarm trip of the what-if, when set: the problem's start plus the rollback
    /// alarms' detection time.
    pub alarm_at: Option<i64>,
    /// When the what-if's problem starts (equal to `alarm_at` when the alarms are not
    /// defined in the design).
    pub problem_at: Option<i64>,
    /// The latest second a problem can start and still be caught by the rollback alarms
    /// before all traffic is on the new fleet (`None`: no such moment, or no rollback alarm).
    pub latest_caught_start: Option<i64>,
    /// What the simulation assumed or adjusted for this design, in plain words.
    pub notes: Vec<String>,
    /// One simulation per variant of the new config, in `Endpoint.NewVariants` order.
    pub variants: Vec<VariantSimulation>,
    /// The rollout's instances against the account's quotas (`Endpoint.Quotas`).
    pub capacity: super::capacity::CapacityCheck,
    /// When the call is refused (`failed-capacity`): what the rollout would do once it fits,
    /// for the chart to draw faded under the refusal.
    pub planned: Option<Box<Simulation>>,
    /// The second the plan ends when nothing trips (no alarm, no timeout): after a rollback
    /// the timeline stays pickable up to here (see [`Simulation::span`]).
    pub planned_seconds: i64,
}

impl Simulation {
    /// The seconds the timeline shows: the run itself, or the whole plan when a trip cut it
    /// short, so that a moment after the rollback can still be picked for the what-if.
    pub fn span(&self) -> i64 {
        self.summary.total_seconds.max(self.planned_seconds)
    }
}

/// SIMULATION.md's assumptions (figures and behaviours AWS does not document), for the
/// page to show beside the timeline.
pub const ASSUMPTIONS: &[&str] = &[
    "Provisioning a batch of instances takes the same time P (300 s unless you change it); AWS publishes no figure.",
    "A percentage size is rounded up to whole instances and is never less than one instance (33% of 3 is 1).",
    "Alarms are watched during baking periods only, not during the termination wait.",
    "A defined alarm can trip Period x DatapointsToAlarm after a problem starts, plus one minute for the metric to be published; an alarm the design does not define trips at once.",
    "Each rollback round of a rolling update takes one provisioning period and has no bake.",
    "New instances count (and are billed) from the end of their provisioning period.",
    "Several variants deploy at the same time; the old fleets stay until every variant has finished baking.",
    "An update that needs more instances of a type than its quota leaves at any moment is refused at the call; a rolling rollback launches the old instances again while the new ones still run.",
];

/// Steps, batches and rollback rounds are capped so that a nonsense design (a 1-instance
/// step on a huge fleet) stays quick; valid designs need at most 20.
pub const MAX_STEPS: i64 = 1000;

/// Durations are capped (about 31 years) so that sums of them cannot overflow.
pub const MAX_DURATION: i64 = 1_000_000_000;

/// The CSV header of CONTRACT.md.
pub const CSV_HEADER: &str = "t_seconds,phase,old_instances,new_instances,new_traffic_percent";

/// How the new fleet takes traffic.
#[derive(Clone, Debug)]
enum Routing {
    AllAtOnce,
    Canary(Option<CapacitySize>),
    Linear(Option<CapacitySize>),
}

#[derive(Clone, Debug)]
enum Kind {
    BlueGreen {
        routing: Routing,
        termination_wait: i64,
        final_bake: bool,
    },
    Rolling {
        batch: Option<CapacitySize>,
        rollback_batch: Option<CapacitySize>,
    },
}

/// The design's numbers after clamping.
#[derive(Clone, Debug)]
struct Plan {
    kind: Kind,
    strategy: Strategy,
    p: i64,
    w: i64,
    timeout: Option<i64>,
    /// When the alarm trips: the problem's start plus the alarms' detection time.
    alarm: Option<i64>,
    /// When the problem of the alarm drill starts.
    problem: Option<i64>,
}

/// Collects notes once each, in the order they arise.
#[derive(Default)]
struct Notes(Vec<String>);

impl Notes {
    fn add(&mut self, note: String) {
        if !self.0.contains(&note) {
            self.0.push(note);
        }
    }
}

fn clamp_duration(v: Option<i64>, what: &str, notes: &mut Notes) -> i64 {
    let v = v.unwrap_or(0);
    if v < 0 {
        notes.add(format!("{what} is negative ({v}): simulated as 0 seconds."));
        0
    } else if v > MAX_DURATION {
        notes.add(format!(
            "{what} is huge ({v}): simulated as {MAX_DURATION} seconds."
        ));
        MAX_DURATION
    } else {
        v
    }
}

/// True when VALIDATION.md S8 applies: Marketplace containers, an `ml.inf1.*` instance
/// type or an Elastic Inference accelerator in either fleet.
fn excluded_from_guardrails(doc: &DesignDocument) -> Option<String> {
    if doc.endpoint.uses_marketplace_containers {
        return Some("the endpoint uses AWS Marketplace containers".to_string());
    }
    let variants = doc
        .endpoint
        .current_variants
        .iter()
        .chain(&doc.endpoint.new_variants);
    for v in variants {
        if let Some(t) = v
            .instance_type
            .as_deref()
            .filter(|t| t.starts_with("ml.inf1."))
        {
            return Some(format!("a variant runs on {t} (Inferentia 1)"));
        }
        if v.accelerator_type.is_some() {
            return Some("a variant has an Elastic Inference accelerator".to_string());
        }
    }
    None
}

fn plan(doc: &DesignDocument, notes: &mut Notes) -> Plan {
    let p = clamp_duration(
        Some(doc.simulation.provisioning_seconds),
        "The provisioning time",
        notes,
    );
    let problem = match doc.simulation.alarm_at() {
        Some(a) if a < 0 => {
            notes.add(format!(
                "The alarm trip at {a} s is before the start: ignored."
            ));
            None
        }
        Some(a) => Some(a.min(MAX_DURATION.saturating_mul(4))),
        None => None,
    };
    // The rollback alarms trip after their detection time (0 without definitions, as the
    // what-if of Version 1 did).
    let detect = problem.map_or(0, |_| super::alarms::rollback_detect_seconds(doc));
    if let (Some(a), true) = (problem, detect > 0) {
        notes.add(format!(
            "A problem starting at {a} s is detected {detect} s later by the fastest rollback alarm (period x datapoints to alarm, plus a minute for the metric to be published): it trips at {} s.",
            a.saturating_add(detect)
        ));
    }
    let alarm = problem.map(|a| a.saturating_add(detect));
    let dc = doc.request.deployment_config.as_ref();
    let bg = dc.and_then(|d| d.blue_green_update_policy.as_ref());
    let rolling = dc.and_then(|d| d.rolling_update_policy.as_ref());
    if bg.is_some() && rolling.is_some() {
        notes.add("Both update policies are set: the blue/green policy is simulated.".to_string());
    }
    let mut strategy = doc.request.strategy();
    let (mut kind, mut w, timeout) = if let Some(bg) = bg {
        let trc = bg.traffic_routing_configuration.as_ref();
        if trc.is_none() {
            notes.add(
                "TrafficRoutingConfiguration is missing: simulated as all at once with no bake."
                    .to_string(),
            );
        }
        let routing = match trc.and_then(|t| t.type_.as_ref()) {
            Some(TrafficRoutingConfigType::Canary) => {
                Routing::Canary(trc.and_then(|t| t.canary_size.clone()))
            }
            Some(TrafficRoutingConfigType::Linear) => {
                Routing::Linear(trc.and_then(|t| t.linear_step_size.clone()))
            }
            Some(TrafficRoutingConfigType::AllAtOnce) => Routing::AllAtOnce,
            Some(TrafficRoutingConfigType::Other(o)) => {
                notes.add(format!(
                    "The routing type {o:?} is unknown: simulated as all at once."
                ));
                Routing::AllAtOnce
            }
            None => {
                if trc.is_some() {
                    notes.add("The routing type is missing: simulated as all at once.".to_string());
                }
                Routing::AllAtOnce
            }
        };
        if trc.is_some() && trc.and_then(|t| t.wait_interval_in_seconds).is_none() {
            notes.add("WaitIntervalInSeconds is missing: simulated as 0 seconds.".to_string());
        }
        let w = clamp_duration(
            trc.and_then(|t| t.wait_interval_in_seconds),
            "The wait interval",
            notes,
        );
        let tw = clamp_duration(
            bg.termination_wait_in_seconds,
            "The termination wait",
            notes,
        );
        let m = bg.maximum_execution_timeout_in_seconds;
        (
            Kind::BlueGreen {
                routing,
                termination_wait: tw,
                final_bake: true,
            },
            w,
            m,
        )
    } else if let Some(r) = rolling {
        if r.wait_interval_in_seconds.is_none() {
            notes.add("WaitIntervalInSeconds is missing: simulated as 0 seconds.".to_string());
        }
        let w = clamp_duration(r.wait_interval_in_seconds, "The wait interval", notes);
        let kind = Kind::Rolling {
            batch: r.maximum_batch_size.clone(),
            rollback_batch: r.rollback_maximum_batch_size.clone(),
        };
        (kind, w, r.maximum_execution_timeout_in_seconds)
    } else {
        notes.add("No update policy: SageMaker's default, a blue/green switch of all traffic at once with no bake.".to_string());
        (
            Kind::BlueGreen {
                routing: Routing::AllAtOnce,
                termination_wait: 0,
                final_bake: true,
            },
            0,
            None,
        )
    };
    let timeout = timeout.map(|m| {
        if m < 0 {
            notes.add(format!(
                "The execution timeout is negative ({m}): simulated as 0 seconds."
            ));
        }
        m.clamp(0, MAX_DURATION)
    });
    if let Some(why) = excluded_from_guardrails(doc) {
        notes.add(format!(
            "Deployment guardrails do not apply because {why}: the update switches all traffic at once and skips the final bake, whatever the policy says."
        ));
        let termination_wait = match kind {
            Kind::BlueGreen {
                termination_wait, ..
            } => termination_wait,
            Kind::Rolling { .. } => 0,
        };
        kind = Kind::BlueGreen {
            routing: Routing::AllAtOnce,
            termination_wait,
            final_bake: false,
        };
        w = 0;
        if strategy != Strategy::Default {
            strategy = Strategy::AllAtOnce;
        }
    }
    Plan {
        kind,
        strategy,
        p,
        w,
        timeout,
        alarm,
        problem,
    }
}

/// A size in instances for a fleet of `n`, at least 1 and at most `n`.
fn size_instances(size: Option<&CapacitySize>, n: i64, what: &str, notes: &mut Notes) -> i64 {
    match size.and_then(|s| fleet::size_in_instances(s, n)) {
        None => {
            notes.add(format!(
                "{what} is missing or incomplete: simulated as 1 instance."
            ));
            1
        }
        Some(v) if v < 1 => {
            notes.add(format!(
                "{what} is below 1 instance ({v}): simulated as 1 instance."
            ));
            1
        }
        Some(v) => v.min(n),
    }
}

fn ceil_div(a: i64, b: i64) -> i64 {
    // a >= 0, b >= 1 everywhere this is called.
    let b = b.max(1);
    a / b + i64::from(a % b != 0)
}

/// Raises a step size so that `n` is covered in at most MAX_STEPS steps.
fn cap_steps(size: i64, n: i64, what: &str, notes: &mut Notes) -> i64 {
    if ceil_div(n, size) > MAX_STEPS {
        let capped = ceil_div(n, MAX_STEPS);
        notes.add(format!(
            "{what} of {size} instance(s) would take more than {MAX_STEPS} steps: simulated as {capped} instances."
        ));
        capped
    } else {
        size
    }
}

fn percent(part: i64, whole: i64) -> f64 {
    if whole <= 0 {
        return 0.0;
    }
    (part.clamp(0, whole) as f64 * 100.0 / whole as f64).clamp(0.0, 100.0)
}

/// Activated new instances after each blue/green traffic step.
fn blue_green_steps(routing: &Routing, n: i64, notes: &mut Notes) -> Vec<i64> {
    match routing {
        Routing::AllAtOnce => vec![n],
        Routing::Canary(size) => {
            let c = size_instances(size.as_ref(), n, "CanarySize", notes);
            if c >= n {
                notes.add(
                    "The canary is the whole fleet: simulated as a single step to 100%."
                        .to_string(),
                );
                vec![n]
            } else {
                vec![c, n]
            }
        }
        Routing::Linear(size) => {
            let s = size_instances(size.as_ref(), n, "LinearStepSize", notes);
            let s = cap_steps(s, n, "LinearStepSize", notes);
            let count = ceil_div(n, s);
            (1..=count).map(|k| k.saturating_mul(s).min(n)).collect()
        }
    }
}

fn ev(t: i64, phase: Phase, old: i64, new: i64, traffic: f64, step: u32) -> Event {
    Event {
        t,
        phase,
        old_instances: old.max(0),
        new_instances: new.max(0),
        new_traffic_percent: traffic,
        step,
    }
}

fn to_u32(v: i64) -> u32 {
    u32::try_from(v.max(0)).unwrap_or(u32::MAX)
}

/// One variant's plan before any trip: its events and the spans in which it bakes.
struct VariantPlan {
    fleet: VariantFleet,
    steps: u32,
    events: Vec<Event>,
    bakes: Vec<(i64, i64)>,
    /// Rollback batch in instances (None: the whole terminated capacity at once).
    rollback_batch: Option<i64>,
}

fn plan_variant(
    plan: &Plan,
    f: &VariantFleet,
    bg_steps_max: i64,
    notes: &mut Notes,
) -> VariantPlan {
    let (n_old, n) = (f.old_instances, f.new_instances);
    let (p, w) = (plan.p, plan.w);
    let mut events = Vec::new();
    let mut bakes = Vec::new();
    let mut rollback_batch = None;
    let steps;
    match &plan.kind {
        Kind::BlueGreen {
            routing,
            termination_wait,
            final_bake,
        } => {
            let active = blue_green_steps(routing, n, notes);
            steps = active.len() as i64;
            events.push(ev(0, Phase::Provisioning, n_old, 0, 0.0, 0));
            // All variants keep baking until the one needing most steps is done.
            let bakes_total = if *final_bake {
                bg_steps_max
            } else {
                bg_steps_max - 1
            };
            let bake_end = p.saturating_add(bakes_total.max(0).saturating_mul(w));
            if bake_end > p {
                bakes.push((p, bake_end));
            }
            for (k, a) in (1_i64..).zip(&active) {
                let t = p.saturating_add((k - 1).saturating_mul(w));
                // A step with no bake after it (S8) goes straight to the termination wait;
                // with W = 0 it is a zero-second bake, as the API allows.
                let phase = if t < bake_end || *final_bake {
                    Phase::Baking
                } else {
                    Phase::TerminationWait
                };
                events.push(ev(t, phase, n_old, n, percent(*a, n), to_u32(k)));
            }
            let last_step = to_u32(steps);
            if *termination_wait > 0 {
                events.push(ev(
                    bake_end,
                    Phase::TerminationWait,
                    n_old,
                    n,
                    100.0,
                    last_step,
                ));
            }
            events.push(ev(
                bake_end.saturating_add(*termination_wait),
                Phase::Done,
                0,
                n,
                100.0,
                last_step,
            ));
        }
        Kind::Rolling {
            batch,
            rollback_batch: rb,
        } => {
            let b = size_instances(batch.as_ref(), n, "MaximumBatchSize", notes);
            let b = cap_steps(b, n, "MaximumBatchSize", notes);
            let batches = ceil_div(n, b);
            steps = batches;
            let period = p.saturating_add(w);
            let old_after = |k: i64| {
                if k >= batches {
                    0
                } else {
                    (n_old - k.saturating_mul(b).min(n)).max(0)
                }
            };
            for k in 1..=batches {
                let start = (k - 1).saturating_mul(period);
                let new_before = (k - 1).saturating_mul(b).min(n);
                let new_after = k.saturating_mul(b).min(n);
                let step = to_u32(k);
                events.push(ev(
                    start,
                    Phase::Provisioning,
                    old_after(k - 1),
                    new_before,
                    percent(new_before, n),
                    step,
                ));
                let baking = start.saturating_add(p);
                events.push(ev(
                    baking,
                    Phase::Baking,
                    old_after(k - 1),
                    new_after,
                    percent(new_after, n),
                    step,
                ));
                if w > 0 {
                    bakes.push((baking, baking.saturating_add(w)));
                }
            }
            events.push(ev(
                batches.saturating_mul(period),
                Phase::Done,
                0,
                n,
                100.0,
                to_u32(batches),
            ));
            rollback_batch = match rb {
                None => None,
                Some(size) => {
                    let r = size_instances(Some(size), n, "RollbackMaximumBatchSize", notes);
                    // S14: a rollback batch of the whole fleet or more is one batch.
                    (r < n).then_some(r)
                }
            };
        }
    }
    VariantPlan {
        fleet: f.clone(),
        steps: to_u32(steps),
        events: normalize(events),
        bakes,
        rollback_batch,
    }
}

/// Drops events that change nothing a user sees. Events may share a second: a zero-second
/// phase that changes instances or traffic is kept (so the moment both fleets run, and
/// its peak, stay visible). Of two events of one second with the same numbers, the
/// earlier phase label stays, except that a rollback or the final `done` takes the
/// second (a `rollback` followed by `done` both stay, so an instant rollback still shows).
fn normalize(events: Vec<Event>) -> Vec<Event> {
    let mut out: Vec<Event> = Vec::with_capacity(events.len());
    for e in events {
        if let Some(last) = out.last_mut() {
            let same_numbers = last.old_instances == e.old_instances
                && last.new_instances == e.new_instances
                && last.new_traffic_percent == e.new_traffic_percent;
            if same_numbers && last.t == e.t {
                match (last.phase, e.phase) {
                    // The pair tells that a rollback happened, even an instant one.
                    (Phase::Rollback, Phase::Done) => {}
                    // Rollback and done carry the outcome: they win the second.
                    (_, Phase::Rollback | Phase::Done) => {
                        *last = e;
                        continue;
                    }
                    _ => {
                        last.step = last.step.max(e.step);
                        continue;
                    }
                }
            } else if same_numbers && last.phase == e.phase && last.step == e.step {
                continue;
            }
        }
        out.push(e);
    }
    out
}

/// The variant's events cut at `x` and followed by its rollback.
fn roll_back(vp: &VariantPlan, plan: &Plan, x: i64, notes: &mut Notes) -> Vec<Event> {
    let mut events: Vec<Event> = vp.events.iter().filter(|e| e.t <= x).cloned().collect();
    let Some(at) = events.last().cloned() else {
        return events;
    };
    let (n_old, n) = (vp.fleet.old_instances, vp.fleet.new_instances);
    match plan.kind {
        Kind::BlueGreen { .. } => {
            events.push(ev(
                x,
                Phase::Rollback,
                at.old_instances,
                at.new_instances,
                0.0,
                at.step,
            ));
            events.push(ev(x, Phase::Done, n_old, 0, 0.0, at.step));
        }
        Kind::Rolling { .. } => {
            let missing = (n_old - at.old_instances).max(0);
            if missing == 0 {
                events.push(ev(
                    x,
                    Phase::Rollback,
                    at.old_instances,
                    at.new_instances,
                    0.0,
                    at.step,
                ));
                events.push(ev(x, Phase::Done, at.old_instances, 0, 0.0, at.step));
            } else {
                let r = vp.rollback_batch.unwrap_or(missing).clamp(1, missing);
                let r = cap_steps(r, missing, "RollbackMaximumBatchSize", notes);
                let rounds = ceil_div(missing, r);
                events.push(ev(
                    x,
                    Phase::Rollback,
                    at.old_instances,
                    at.new_instances,
                    at.new_traffic_percent,
                    at.step,
                ));
                let (mut old, mut new) = (at.old_instances, at.new_instances);
                for i in 1..rounds {
                    old = old.saturating_add(r).min(n_old);
                    new = new.saturating_sub(r).max(0);
                    let t = x.saturating_add(i.saturating_mul(plan.p));
                    events.push(ev(t, Phase::Rollback, old, new, percent(new, n), at.step));
                }
                let end = x.saturating_add(rounds.saturating_mul(plan.p));
                events.push(ev(end, Phase::Done, n_old, 0, 0.0, at.step));
            }
        }
    }
    normalize(events)
}

fn summarize(events: &[Event], outcome: Outcome) -> Summary {
    let total_seconds = events.last().map_or(0, |e| e.t);
    let peak_instances = events
        .iter()
        .map(|e| e.old_instances.saturating_add(e.new_instances))
        .max()
        .unwrap_or(0);
    let instance_seconds: f64 = events
        .windows(2)
        .map(|w| {
            (w[1].t.saturating_sub(w[0].t)) as f64
                * w[0].old_instances.saturating_add(w[0].new_instances) as f64
        })
        .sum();
    let time_to_full_traffic = events
        .iter()
        .find(|e| e.new_traffic_percent >= 100.0 - 1e-9)
        .map(|e| e.t);
    Summary {
        outcome,
        total_seconds,
        peak_instances,
        instance_hours: instance_seconds / 3600.0,
        time_to_full_traffic,
    }
}

/// Sums the variants' timelines: instances add up, traffic is weight-averaged, the
/// phase is the most eventful one and the step the highest.
fn aggregate(variants: &[VariantSimulation], weights: &[f64]) -> Vec<Event> {
    // Keys (t, j): j tells apart events of the same second.
    let keyed: Vec<Vec<((i64, usize), &Event)>> = variants
        .iter()
        .map(|v| {
            let mut out: Vec<((i64, usize), &Event)> = Vec::with_capacity(v.events.len());
            for e in &v.events {
                // j counts the earlier events of the same second.
                let j = match out.last() {
                    Some(((t, j), _)) if *t == e.t => j + 1,
                    _ => 0,
                };
                out.push(((e.t, j), e));
            }
            out
        })
        .collect();
    let mut keys: Vec<(i64, usize)> = keyed.iter().flatten().map(|(k, _)| *k).collect();
    keys.sort_unstable();
    keys.dedup();
    let weight_sum: f64 = weights.iter().sum();
    let mut cursors = vec![0_usize; keyed.len()];
    let mut out = Vec::with_capacity(keys.len());
    for key in keys {
        let mut agg = ev(key.0, Phase::Done, 0, 0, 0.0, 0);
        let mut traffic = 0.0;
        for (vi, list) in keyed.iter().enumerate() {
            while cursors[vi] + 1 < list.len() && list[cursors[vi] + 1].0 <= key {
                cursors[vi] += 1;
            }
            let Some((_, e)) = list.get(cursors[vi]) else {
                continue;
            };
            if e.phase.rank() > agg.phase.rank() {
                agg.phase = e.phase;
            }
            agg.old_instances = agg.old_instances.saturating_add(e.old_instances);
            agg.new_instances = agg.new_instances.saturating_add(e.new_instances);
            agg.step = agg.step.max(e.step);
            traffic += weights.get(vi).copied().unwrap_or(0.0) * e.new_traffic_percent;
        }
        agg.new_traffic_percent = if weight_sum > 0.0 {
            (traffic / weight_sum).clamp(0.0, 100.0)
        } else {
            0.0
        };
        out.push(agg);
    }
    normalize(out)
}

/// Simulates a design. Never panics, whatever the design.
pub fn simulate(doc: &DesignDocument) -> Simulation {
    let mut notes = Notes::default();
    let plan = plan(doc, &mut notes);
    let fleets: Vec<VariantFleet> = fleet::fleets(doc);
    let instance_fleets: Vec<&VariantFleet> =
        fleets.iter().filter(|f| f.new_instances > 0).collect();
    for f in fleets.iter().filter(|f| f.new_instances <= 0) {
        let what = if f.serverless {
            "is serverless"
        } else {
            "has no instances in the new config"
        };
        notes.add(format!(
            "Variant {:?} {what}: it has no instances to simulate.",
            f.name
        ));
    }
    if fleets.iter().any(|f| f.retained_count) {
        notes.add(
            "RetainAllVariantProperties keeps the current instance counts for the new fleet."
                .to_string(),
        );
    }
    if instance_fleets.is_empty() {
        notes.add("Nothing to deploy onto instances: the timeline is a single event.".to_string());
        let events = vec![ev(0, Phase::Done, 0, 0, 100.0, 0)];
        let summary = summarize(&events, Outcome::Succeeded);
        return Simulation {
            strategy: plan.strategy,
            summary,
            events,
            steps: 0,
            timeout_at: plan.timeout,
            alarm_at: plan.alarm,
            problem_at: plan.problem,
            latest_caught_start: None,
            notes: notes.0,
            variants: Vec::new(),
            capacity: Default::default(),
            planned: None,
            planned_seconds: 0,
        };
    }
    if instance_fleets.len() > 1 {
        notes.add("Several variants: each deploys at once with its own size; the chart sums their instances, weighs their traffic by variant weight, and counts the steps of the variant needing most.".to_string());
    }

    // Blue/green variants share their bakes, so the longest step list sets the pace.
    let mut bg_steps_max = 1;
    if let Kind::BlueGreen { routing, .. } = &plan.kind {
        let mut scratch = Notes::default();
        for f in &instance_fleets {
            bg_steps_max = bg_steps_max
                .max(blue_green_steps(routing, f.new_instances, &mut scratch).len() as i64);
        }
    }
    let plans: Vec<VariantPlan> = instance_fleets
        .iter()
        .map(|f| plan_variant(&plan, f, bg_steps_max, &mut notes))
        .collect();
    let end = plans
        .iter()
        .filter_map(|vp| vp.events.last().map(|e| e.t))
        .max()
        .unwrap_or(0);

    let capacity = if doc.endpoint.quotas.is_empty() {
        super::capacity::CapacityCheck::default()
    } else {
        let rolling = matches!(plan.kind, Kind::Rolling { .. });
        let usages: Vec<super::capacity::Usage> = plans
            .iter()
            .map(|vp| super::capacity::Usage {
                old_type: doc
                    .endpoint
                    .current_variants
                    .iter()
                    .find(|c| {
                        c.variant_name.as_deref() == Some(vp.fleet.name.as_str())
                            && !vp.fleet.name.is_empty()
                    })
                    .and_then(|c| c.instance_type.as_deref()),
                new_type: vp.fleet.instance_type.as_deref(),
                events: &vp.events,
                old_fleet: vp.fleet.old_instances,
                rollback_batch: vp.rollback_batch,
                rolling,
            })
            .collect();
        super::capacity::check(doc, &usages)
    };
    if let Some(over) = &capacity.forward {
        notes.add(format!(
            "The rollout needs {} {} at once, but the quota leaves {}: the call is refused and nothing changes.",
            over.need,
            over.instance_type,
            over.available()
        ));
        let variants: Vec<VariantSimulation> = plans
            .iter()
            .map(|vp| {
                let events = vec![ev(0, Phase::Done, vp.fleet.old_instances, 0, 0.0, 0)];
                VariantSimulation {
                    index: vp.fleet.index,
                    name: vp.fleet.name.clone(),
                    old_fleet: vp.fleet.old_instances,
                    new_fleet: vp.fleet.new_instances,
                    steps: vp.steps,
                    summary: summarize(&events, Outcome::FailedCapacity),
                    events,
                }
            })
            .collect();
        let old: i64 = plans.iter().map(|vp| vp.fleet.old_instances).fold(0, i64::saturating_add);
        let events = vec![ev(0, Phase::Done, old, 0, 0.0, 0)];
        return Simulation {
            strategy: plan.strategy,
            summary: summarize(&events, Outcome::FailedCapacity),
            events,
            steps: variants.iter().map(|v| v.steps).max().unwrap_or(0),
            timeout_at: plan.timeout,
            alarm_at: plan.alarm,
            problem_at: plan.problem,
            latest_caught_start: None,
            notes: notes.0,
            variants,
            capacity,
            planned: {
                let mut fits = doc.clone();
                fits.endpoint.quotas.clear();
                Some(Box::new(simulate(&fits)))
            },
            planned_seconds: 0,
        };
    }
    let latest_caught_start = latest_caught(doc, &plans);
    let alarm_trip = plan.alarm.filter(|&a| {
        a < end
            && plans
                .iter()
                .any(|vp| vp.bakes.iter().any(|&(s, e)| s <= a && a < e))
    });
    if let (Some(a), None) = (plan.alarm, alarm_trip) {
        if a < end {
            notes.add(format!("The alarm trip at {a} s falls outside every bake: alarms are only watched while baking, so it changes nothing."));
        } else {
            notes.add(format!(
                "The alarm trip at {a} s comes after the deployment has ended: it changes nothing."
            ));
        }
    }
    let timeout_trip = plan.timeout.filter(|&m| m < end);
    let trip = match (alarm_trip, timeout_trip) {
        (Some(a), Some(m)) if m < a => Some((m, Outcome::RolledBackTimeout)),
        (Some(a), _) => Some((a, Outcome::RolledBackAlarm)),
        (None, Some(m)) => Some((m, Outcome::RolledBackTimeout)),
        (None, None) => None,
    };
    let mut outcome = trip.map_or(Outcome::Succeeded, |(_, o)| o);
    if let (Some((x, _)), Some(over)) = (trip, &capacity.rollback) {
        if over.at <= x {
            notes.add(format!(
                "The rollback at {x} s needs {} {} at once, over what the quota leaves ({}): it cannot get its instances, and the endpoint ends in UpdateRollbackFailed.",
                over.need,
                over.instance_type,
                over.available()
            ));
            outcome = Outcome::UpdateRollbackFailed;
        }
    }

    let variants: Vec<VariantSimulation> = plans
        .iter()
        .map(|vp| {
            let events = match trip {
                Some((x, _)) => roll_back(vp, &plan, x, &mut notes),
                None => vp.events.clone(),
            };
            let summary = summarize(&events, outcome);
            VariantSimulation {
                index: vp.fleet.index,
                name: vp.fleet.name.clone(),
                old_fleet: vp.fleet.old_instances,
                new_fleet: vp.fleet.new_instances,
                steps: vp.steps,
                events,
                summary,
            }
        })
        .collect();
    let mut weights: Vec<f64> = instance_fleets.iter().map(|f| f.weight).collect();
    // Only the ratios matter: scaled to the largest, huge weights cannot sum to infinity.
    let largest = weights
        .iter()
        .copied()
        .filter(|w| w.is_finite())
        .fold(0.0_f64, f64::max);
    if largest > 0.0 {
        weights.iter_mut().for_each(|w| *w /= largest);
    }
    if weights.iter().sum::<f64>() <= 0.0 || weights.iter().any(|w| !w.is_finite()) {
        weights = vec![1.0; weights.len()];
    }
    let events = if variants.len() == 1 {
        variants[0].events.clone()
    } else {
        aggregate(&variants, &weights)
    };
    let summary = summarize(&events, outcome);
    Simulation {
        strategy: plan.strategy,
        events,
        summary,
        steps: variants.iter().map(|v| v.steps).max().unwrap_or(0),
        timeout_at: plan.timeout,
        alarm_at: plan.alarm,
        problem_at: plan.problem,
        latest_caught_start,
        notes: notes.0,
        variants,
        capacity,
        planned: None,
        planned_seconds: end,
    }
}

/// The latest second a problem can start and still trip the rollback alarms inside a bake
/// that ends before all traffic is on the new fleet (bakes are half-open).
fn latest_caught(doc: &DesignDocument, plans: &[VariantPlan]) -> Option<i64> {
    let alarms = super::alarms::rollback_alarms(doc);
    if alarms.is_empty() {
        return None;
    }
    let d = super::alarms::fastest(&alarms);
    let full = plans
        .iter()
        .filter_map(|vp| {
            vp.events
                .iter()
                .find(|e| e.new_traffic_percent >= 100.0 - 1e-9)
                .map(|e| e.t)
        })
        .max()?;
    plans
        .iter()
        .flat_map(|vp| vp.bakes.iter())
        .filter(|(s, _)| *s < full)
        .map(|(s, e)| (*s, (*e).min(full).saturating_sub(1)))
        .filter(|(s, last)| last >= s)
        .map(|(_, last)| last.saturating_sub(d))
        .filter(|start| *start >= 0)
        .max()
}

/// The state of a simulated deployment at one second, for the playhead and scrubber.
#[derive(Clone, Debug, PartialEq)]
pub struct State {
    /// The second asked for, clamped to the timeline.
    pub t: i64,
    pub phase: Phase,
    pub old_instances: i64,
    pub new_instances: i64,
    pub new_traffic_percent: f64,
    /// Step k of `steps` (0 before the first step).
    pub step: u32,
    pub steps: u32,
    /// Seconds until the current phase (this bake, this batch's provisioning, ...) ends.
    pub phase_seconds_left: i64,
    /// Seconds until the deployment ends.
    pub seconds_left: i64,
    /// Index in `Simulation::events` of the event in force.
    pub event_index: usize,
}

/// The state at second `t` (clamped to 0..=total): the last event at or before it.
pub fn state_at(sim: &Simulation, t: i64) -> State {
    let total = sim.summary.total_seconds;
    let t = t.clamp(0, total.max(0));
    let idx = sim.events.partition_point(|e| e.t <= t).saturating_sub(1);
    let Some(e) = sim.events.get(idx) else {
        return State {
            t,
            phase: Phase::Done,
            old_instances: 0,
            new_instances: 0,
            new_traffic_percent: 0.0,
            step: 0,
            steps: sim.steps,
            phase_seconds_left: 0,
            seconds_left: 0,
            event_index: 0,
        };
    };
    let next = sim.events.get(idx + 1).map_or(total, |n| n.t);
    State {
        t,
        phase: e.phase,
        old_instances: e.old_instances,
        new_instances: e.new_instances,
        new_traffic_percent: e.new_traffic_percent,
        step: e.step,
        steps: sim.steps,
        phase_seconds_left: next.saturating_sub(t).max(0),
        seconds_left: total.saturating_sub(t).max(0),
        event_index: idx,
    }
}

/// The events as CSV with the header `t_seconds,phase,old_instances,new_instances,new_traffic_percent`.
pub fn timeline_csv(sim: &Simulation) -> String {
    let mut out = String::with_capacity(32 * (sim.events.len() + 1));
    out.push_str(CSV_HEADER);
    out.push('\n');
    for e in &sim.events {
        let pct = e.new_traffic_percent.round() as i64;
        out.push_str(&format!(
            "{},{},{},{},{}\n",
            e.t,
            e.phase.as_str(),
            e.old_instances,
            e.new_instances,
            pct
        ));
    }
    out
}

/// One row of `compare`: the same change under another strategy.
#[derive(Clone, Debug, PartialEq)]
pub struct Comparison {
    /// What the row stands for, e.g. `Canary 10%` or `This design`.
    pub label: String,
    pub strategy: Strategy,
    /// True for the design's own row.
    pub is_design: bool,
    pub outcome: Outcome,
    pub total_seconds: i64,
    pub peak_instances: i64,
    pub instance_hours: f64,
    /// The strategy the row's "use this" switches the design to (the design's own for its row).
    pub switch_to: Strategy,
    /// Its risk: the traffic a bad new version serves before a rollback can act.
    pub exposure: Exposure,
}

/// The comparison's risk: how much traffic a bad new version serves before a rollback can act.
///
/// Precisely: the new version is taken to be bad from its first request, so a problem starts
/// at `from`, the first second the new fleet takes traffic in the plan (the rollout with no
/// trip). The rollback alarms can trip `detect` seconds later (the design's fastest detection
/// time, 0 for an alarm it does not define: `alarms::rollback_detect_seconds`), and SageMaker
/// watches them during bakes only, so a rollback acts at `acts_at`, the first second at or
/// after `from + detect` inside a bake (bakes are half-open, as in `simulate`).
/// `percent` is the new fleet's share of traffic at that second, and `traffic_seconds` the
/// share integrated from `from` to it, in seconds of all traffic (10% for 180 s is 18 s).
/// With no bake left to act in (no wait interval, or the alarms are slower than every bake),
/// `acts_at` and `traffic_seconds` are `None` and `percent` is the most the new fleet serves.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Exposure {
    /// The first second the new fleet takes traffic (`None`: it never does).
    pub from: Option<i64>,
    /// The first second a rollback can act.
    pub acts_at: Option<i64>,
    /// The new fleet's share of traffic then, in percent.
    pub percent: f64,
    /// Seconds of all traffic the new fleet has served by then.
    pub traffic_seconds: Option<f64>,
}

/// The [`Exposure`] of the plan `sim` (a simulation with no trip) when the rollback alarms
/// need `detect` seconds to trip.
pub fn exposure(sim: &Simulation, detect: i64) -> Exposure {
    let events = &sim.events;
    let end = sim.summary.total_seconds;
    let next_t = |i: usize| events.get(i + 1).map_or(end, |n| n.t);
    let Some(from) = events
        .iter()
        .find(|e| e.new_traffic_percent > 0.0 && e.phase != Phase::Rollback)
        .map(|e| e.t)
    else {
        return Exposure { from: None, acts_at: None, percent: 0.0, traffic_seconds: None };
    };
    let earliest = from.saturating_add(detect.max(0));
    let acts_at = events.iter().enumerate().find_map(|(i, e)| {
        let next = next_t(i);
        (e.phase == Phase::Baking && next > earliest && next > e.t).then_some(e.t.max(earliest))
    });
    let Some(at) = acts_at else {
        let most = events.iter().map(|e| e.new_traffic_percent).fold(0.0, f64::max);
        return Exposure { from: Some(from), acts_at: None, percent: most, traffic_seconds: None };
    };
    let served = events
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let (a, b) = (e.t.max(from), next_t(i).min(at));
            b.saturating_sub(a).max(0) as f64 * e.new_traffic_percent / 100.0
        })
        .sum();
    Exposure {
        from: Some(from),
        acts_at: Some(at),
        percent: state_at(sim, at).new_traffic_percent,
        traffic_seconds: Some(served),
    }
}

/// The [`Exposure`] of a design: its plan with the what-if left out, its own alarms' detection.
pub fn design_exposure(doc: &DesignDocument) -> Exposure {
    let mut plan = doc.clone();
    plan.simulation.failure = None;
    exposure(&simulate(&plan), super::alarms::rollback_detect_seconds(doc))
}

/// The design next to all at once, canary 10%, linear 20% and rolling 20%, all with the
/// design's own fleets, provisioning time, wait interval, termination wait, timeout and
/// alarms, and under the same what-if (the failure drill): every row meets the same
/// conditions, and its risk ([`Exposure`]) says what a bad version costs before a rollback.
pub fn compare(doc: &DesignDocument) -> Vec<Comparison> {
    use super::model::{
        BlueGreenUpdatePolicy, DeploymentConfig, RollingUpdatePolicy, TrafficRoutingConfig,
    };
    let dc = doc.request.deployment_config.as_ref();
    let bg = dc.and_then(|d| d.blue_green_update_policy.as_ref());
    let rolling = dc.and_then(|d| d.rolling_update_policy.as_ref());
    let wait = bg
        .and_then(|b| b.traffic_routing_configuration.as_ref())
        .and_then(|t| t.wait_interval_in_seconds)
        .or_else(|| rolling.and_then(|r| r.wait_interval_in_seconds));
    let termination_wait = bg.and_then(|b| b.termination_wait_in_seconds);
    let timeout = bg
        .and_then(|b| b.maximum_execution_timeout_in_seconds)
        .or_else(|| rolling.and_then(|r| r.maximum_execution_timeout_in_seconds));
    let auto_rollback = dc.and_then(|d| d.auto_rollback_configuration.clone());

    let blue_green = |type_: TrafficRoutingConfigType,
                      canary: Option<CapacitySize>,
                      linear: Option<CapacitySize>| DeploymentConfig {
        blue_green_update_policy: Some(BlueGreenUpdatePolicy {
            traffic_routing_configuration: Some(TrafficRoutingConfig {
                type_: Some(type_),
                wait_interval_in_seconds: wait,
                canary_size: canary,
                linear_step_size: linear,
            }),
            termination_wait_in_seconds: termination_wait,
            maximum_execution_timeout_in_seconds: timeout,
        }),
        rolling_update_policy: None,
        auto_rollback_configuration: auto_rollback.clone(),
    };
    let alternatives = [
        (
            Strategy::AllAtOnce,
            "All at once",
            blue_green(TrafficRoutingConfigType::AllAtOnce, None, None),
        ),
        (
            Strategy::Canary,
            "Canary 10%",
            blue_green(
                TrafficRoutingConfigType::Canary,
                Some(CapacitySize::percent(10)),
                None,
            ),
        ),
        (
            Strategy::Linear,
            "Linear 20%",
            blue_green(
                TrafficRoutingConfigType::Linear,
                None,
                Some(CapacitySize::percent(20)),
            ),
        ),
        (
            Strategy::Rolling,
            "Rolling 20%",
            DeploymentConfig {
                blue_green_update_policy: None,
                rolling_update_policy: Some(RollingUpdatePolicy {
                    maximum_batch_size: Some(CapacitySize::percent(20)),
                    wait_interval_in_seconds: wait,
                    maximum_execution_timeout_in_seconds: timeout,
                    rollback_maximum_batch_size: None,
                }),
                auto_rollback_configuration: auto_rollback.clone(),
            },
        ),
    ];
    let row = |label: &str, d: &DesignDocument, switch_to: Strategy, is_design: bool| {
        let sim = simulate(d);
        Comparison {
            label: label.to_string(),
            strategy: sim.strategy,
            is_design,
            outcome: sim.summary.outcome,
            total_seconds: sim.summary.total_seconds,
            peak_instances: sim.summary.peak_instances,
            instance_hours: sim.summary.instance_hours,
            switch_to,
            exposure: design_exposure(d),
        }
    };
    let mut rows = vec![row("This design", doc, doc.request.strategy(), true)];
    let mut alt = doc.clone();
    for (strategy, label, config) in alternatives {
        alt.request.deployment_config = Some(config);
        rows.push(row(label, &alt, strategy, false));
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::examples::{default_design, example};

    #[test]
    fn the_exposure_is_the_share_served_until_a_bake_can_roll_back() {
        let sim = simulate(&default_design());
        // Canary 10% from 300 s, baking 300..900 then 900..1500.
        let cases = [
            (0, Some(300), 10.0, Some(0.0)),
            (180, Some(480), 10.0, Some(18.0)),
            (700, Some(1000), 100.0, Some(160.0)),
            (1200, None, 100.0, None),
        ];
        for (detect, acts_at, percent, served) in cases {
            let x = exposure(&sim, detect);
            assert_eq!(x.from, Some(300), "detect {detect}");
            assert_eq!((x.acts_at, x.percent, x.traffic_seconds), (acts_at, percent, served), "detect {detect}");
        }
    }

    #[test]
    fn a_rollout_with_no_bake_is_fully_exposed_and_no_traffic_is_no_exposure() {
        let mut doc = default_design();
        doc.request.deployment_config = None;
        let x = design_exposure(&doc);
        assert_eq!((x.from, x.acts_at, x.percent), (Some(300), None, 100.0));
        let none = exposure(&simulate(&crate::examples::blank_design()), 0);
        assert_eq!((none.acts_at, none.traffic_seconds), (None, None));
        let mut empty = simulate(&default_design());
        empty.events.clear();
        assert_eq!(exposure(&empty, 60).from, None);
    }

    #[test]
    fn every_comparison_row_meets_the_what_if_and_shows_its_risk() {
        let mut doc = default_design();
        let calm = compare(&doc);
        let risk: Vec<(&str, f64)> = calm.iter().map(|r| (r.label.as_str(), r.exposure.percent)).collect();
        assert_eq!(
            risk,
            [("This design", 10.0), ("All at once", 100.0), ("Canary 10%", 10.0), ("Linear 20%", 20.0), ("Rolling 20%", 20.0)]
        );
        // Rolling 20% needs 5 x (300 + 600) s, past the design's 3600 s timeout.
        let outcomes: Vec<Outcome> = calm.iter().map(|r| r.outcome).collect();
        assert_eq!(outcomes[..4], [Outcome::Succeeded; 4]);
        assert_eq!(outcomes[4], Outcome::RolledBackTimeout);
        let to: Vec<Strategy> = calm.iter().map(|r| r.switch_to).collect();
        assert_eq!(to, [Strategy::Canary, Strategy::AllAtOnce, Strategy::Canary, Strategy::Linear, Strategy::Rolling]);

        // A problem at 700 s falls in the first bake of every strategy: all roll back.
        doc.simulation.set_alarm_at(Some(700));
        let drill = compare(&doc);
        assert!(drill.iter().all(|r| r.outcome == Outcome::RolledBackAlarm), "{drill:?}");
        // The risk is the strategy's, whatever the drill.
        let same: Vec<f64> = drill.iter().map(|r| r.exposure.percent).collect();
        assert_eq!(same, calm.iter().map(|r| r.exposure.percent).collect::<Vec<_>>());
    }

    #[test]
    fn a_rolled_back_run_keeps_the_whole_plan_pickable() {
        let mut doc = example("linear").expect("linear");
        let plan = simulate(&doc);
        assert_eq!(plan.span(), plan.summary.total_seconds);
        doc.simulation.set_alarm_at(Some(700));
        let rolled = simulate(&doc);
        assert_eq!(rolled.summary.outcome, Outcome::RolledBackAlarm);
        assert!(rolled.summary.total_seconds < plan.summary.total_seconds);
        assert_eq!(rolled.span(), plan.summary.total_seconds);
        // Past the rollback the endpoint stays as the rollback left it.
        let after = state_at(&rolled, rolled.span());
        assert_eq!((after.phase, after.new_traffic_percent), (Phase::Done, 0.0));
    }
}
