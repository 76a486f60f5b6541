//! The change between two designs, for a review: what runs now (the baseline, *before*)
//! beside what is proposed (*after*), in words a reviewer reads at a glance.
//!
//! `diff` compares the two documents member by member (request, endpoint context,
//! simulation settings), says what each change means with the design's own numbers, and
//! sets the findings and the simulated rollout of both side by side. It is pure: the page
//! and the Markdown summary render the same `Diff`.
//!
//! How members are compared:
//! - A `CapacitySize` is one value (`10% of the fleet`), as a reviewer reads it.
//! - Alarms, variants and excluded variant properties are matched by name (type), not by
//!   position, so that dropping the first alarm does not read as every alarm renamed; what
//!   is left unmatched at the same position on both sides is a change of that entry.
//! - A value an import left as a placeholder shows as that placeholder's expression.
//! - A path names the *after* entry for a member added or changed, the *before* entry for
//!   a member removed.
//! - A baseline that states only part of a design (a describe output) is compared only
//!   where both sides state a member (`baseline`); the move from the config the endpoint
//!   runs to the design's new one comes first.

use std::collections::HashSet;

pub mod baseline;

use super::fleet::{fleets, size_in_instances, VariantFleet};
use super::format::{humane_duration, plural};
use super::model::{
    Alarm, CapacitySize, CapacitySizeType, DesignDocument, ProductionVariant, Strategy,
    VariantProperty,
};
use super::simulate::{simulate, Outcome, Phase, Simulation};
use super::validate::{validate, Finding};

/// What happened to a member.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Change {
    Added,
    Removed,
    Changed,
}

impl Change {
    /// CONTRACT.md's spelling for `data-change`.
    pub fn as_str(self) -> &'static str {
        match self {
            Change::Added => "added",
            Change::Removed => "removed",
            Change::Changed => "changed",
        }
    }
}

/// One member that differs between the baseline and the design.
#[derive(Clone, Debug, PartialEq)]
pub struct MemberChange {
    /// VALIDATION.md's path form, e.g.
    /// `DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration.CanarySize`,
    /// `Endpoint.NewVariants[0].InitialInstanceCount` or `Simulation.ProvisioningSeconds`.
    pub path: String,
    pub change: Change,
    /// The field as the page names it, e.g. `Canary size`.
    pub label: String,
    /// The value before, as the page shows it (`None` when the member was absent).
    pub before: Option<String>,
    /// The value after, as the page shows it (`None` when the member is absent).
    pub after: Option<String>,
    /// What the change does, with this design's numbers.
    pub meaning: String,
}

/// A figure of the simulated rollout.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FigureKind {
    /// How the deployment ends.
    Outcome,
    /// Seconds from the call to the end.
    TotalDuration,
    /// Second at which the new fleet first serves all traffic.
    TimeToFullTraffic,
    /// Most instances provisioned at once.
    PeakInstances,
    /// Instances × hours provisioned.
    InstanceHours,
    /// The most traffic the new fleet carries before an alarm can roll it back: a fault
    /// present from the first step, tripping its alarm at the worst moment of the first
    /// bake (its end), has reached this share. 100% when nothing is watched (no alarm, no
    /// bake).
    AlarmExposure,
}

impl FigureKind {
    /// The figure's name as the page shows it.
    pub fn label(self) -> &'static str {
        match self {
            FigureKind::Outcome => "Outcome",
            FigureKind::TotalDuration => "Total duration",
            FigureKind::TimeToFullTraffic => "Time to 100% on the new fleet",
            FigureKind::PeakInstances => "Peak instances",
            FigureKind::InstanceHours => "Instance-hours",
            FigureKind::AlarmExposure => {
                "Most traffic on the new fleet before an alarm can roll back"
            }
        }
    }
}

/// One rollout figure, before and after.
#[derive(Clone, Debug, PartialEq)]
pub struct Figure {
    pub kind: FigureKind,
    pub before: String,
    pub after: String,
    /// True when the change moves this figure.
    pub changed: bool,
}

/// Everything that differs between a baseline and a design.
#[derive(Clone, Debug, PartialEq)]
pub struct Diff {
    /// Members added, removed or changed, in the form's reading order (request, endpoint
    /// context, simulation settings). Unchanged members are not listed.
    pub changes: Vec<MemberChange>,
    /// Findings of the design that the baseline does not have (by rule and path).
    pub introduced: Vec<Finding>,
    /// Findings of the baseline that the design no longer has (by rule and path).
    pub resolved: Vec<Finding>,
    /// The rollout's figures, before → after, in [`FigureKind`] order, all of them.
    pub figures: Vec<Figure>,
    /// The baseline's simulation (for the overlaid timelines).
    pub before: Simulation,
    /// The design's simulation.
    pub after: Simulation,
    /// What was not compared and why, each a sentence: members only one side states, and
    /// values the page assumed (its default fleet). Empty for two whole designs.
    pub not_compared: Vec<String>,
}

impl Diff {
    /// True when the design is the baseline: nothing to review.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
            && self.introduced.is_empty()
            && self.resolved.is_empty()
            && self.figures.iter().all(|f| !f.changed)
    }

    /// The figures the change moves.
    pub fn changed_figures(&self) -> impl Iterator<Item = &Figure> {
        self.figures.iter().filter(|f| f.changed)
    }
}

/// The change from `before` (what runs now) to `after` (the design). Never panics.
pub fn diff(before: &DesignDocument, after: &DesignDocument) -> Diff {
    // What runs now is read before the baseline is completed from the design.
    let running = baseline::running_config(before).map(str::to_string);
    let compared = baseline::compared(before, after);
    let before = &compared.baseline;
    let b = Side::new(before);
    let a = Side::new(after);
    let mut w = Walker {
        b: &b,
        a: &a,
        out: Vec::new(),
        visited: HashSet::new(),
    };
    let moved = w.config_move(running.as_deref());
    w.request();
    w.endpoint();
    w.alarm_definitions();
    w.simulation();
    w.placeholders();
    w.timeout_consequence();
    let mut changes = w.out;
    if let Some(m) = moved {
        changes.retain(|c| c.path != m.path);
        changes.insert(0, m);
    }

    let (introduced, resolved) = findings_delta(&validate(before), &validate(after));

    let figures = figures(&b, &a);
    Diff {
        changes,
        introduced,
        resolved,
        figures,
        before: b.sim,
        after: a.sim,
        not_compared: compared.not_compared,
    }
}

/// The findings of `after` that `before` does not have, and those of `before` that `after`
/// no longer has (by rule and path).
pub fn findings_delta(before: &[Finding], after: &[Finding]) -> (Vec<Finding>, Vec<Finding>) {
    let key = |f: &Finding| (f.rule, f.path.clone());
    let kb: HashSet<_> = before.iter().map(key).collect();
    let ka: HashSet<_> = after.iter().map(key).collect();
    let introduced = after.iter().filter(|f| !kb.contains(&key(f))).cloned().collect();
    let resolved = before.iter().filter(|f| !ka.contains(&key(f))).cloned().collect();
    (introduced, resolved)
}

impl Diff {
    /// What the page shows of this diff (the converters send it through the bridge).
    pub fn reply(&self) -> super::bridge::DiffReply {
        super::bridge::DiffReply {
            changes: self
                .changes
                .iter()
                .map(|c| super::bridge::ChangeReply {
                    path: c.path.clone(),
                    change: c.change.as_str().to_string(),
                    label: c.label.clone(),
                    before: c.before.clone(),
                    after: c.after.clone(),
                    meaning: c.meaning.clone(),
                })
                .collect(),
            figures: self
                .figures
                .iter()
                .map(|f| super::bridge::FigureReply {
                    label: f.kind.label().to_string(),
                    before: f.before.clone(),
                    after: f.after.clone(),
                    changed: f.changed,
                })
                .collect(),
        }
    }
}

/// One document with what the sentences need of it.
struct Side<'d> {
    doc: &'d DesignDocument,
    /// The simulation as the page shows it (what-if included).
    sim: Simulation,
    /// The plan alone: no what-if alarm, no timeout. Its length is "the plan's" duration.
    plan: Simulation,
    fleets: Vec<VariantFleet>,
}

impl<'d> Side<'d> {
    fn new(doc: &'d DesignDocument) -> Self {
        let mut bare = doc.clone();
        bare.simulation.failure = None;
        if let Some(dc) = bare.request.deployment_config.as_mut() {
            if let Some(bg) = dc.blue_green_update_policy.as_mut() {
                bg.maximum_execution_timeout_in_seconds = None;
            }
            if let Some(r) = dc.rolling_update_policy.as_mut() {
                r.maximum_execution_timeout_in_seconds = None;
            }
        }
        Side {
            doc,
            sim: simulate(doc),
            plan: simulate(&bare),
            fleets: fleets(doc),
        }
    }

    fn placeholder(&self, path: &str) -> Option<&str> {
        self.doc
            .placeholders
            .iter()
            .find(|p| p.path == path)
            .map(|p| p.expression.as_str())
    }

    fn plan_seconds(&self) -> i64 {
        self.plan.summary.total_seconds
    }

    /// The execution timeout of whichever policy the request has.
    fn timeout(&self) -> Option<i64> {
        let dc = self.doc.request.deployment_config.as_ref()?;
        dc.blue_green_update_policy
            .as_ref()
            .and_then(|b| b.maximum_execution_timeout_in_seconds)
            .or_else(|| {
                dc.rolling_update_policy
                    .as_ref()
                    .and_then(|r| r.maximum_execution_timeout_in_seconds)
            })
    }

    fn alarm_names(&self) -> Vec<String> {
        self.doc
            .request
            .deployment_config
            .as_ref()
            .and_then(|d| d.auto_rollback_configuration.as_ref())
            .and_then(|r| r.alarms.as_ref())
            .map(|l| l.iter().filter_map(|a| a.alarm_name.clone()).collect())
            .unwrap_or_default()
    }

    fn sized(&self) -> Vec<&VariantFleet> {
        self.fleets.iter().filter(|f| f.new_instances > 0).collect()
    }

    /// `10 instances`, or `A 10, B 4 instances` for several variants.
    fn fleet_words(&self) -> String {
        let sized = self.sized();
        match sized.as_slice() {
            [] => "no instances".to_string(),
            [f] => plural(f.new_instances, "instance"),
            many => format!(
                "{} instances",
                many.iter()
                    .map(|f| format!("{} {}", name_or_unnamed(&f.name), f.new_instances))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
    }

    /// What a size stands for on this side: `2 instances`, or `A 1, B 1 instances`.
    fn size_words(&self, size: &CapacitySize) -> String {
        let sized = self.sized();
        let count = |f: &VariantFleet| {
            size_in_instances(size, f.new_instances).map(|k| k.clamp(1, f.new_instances.max(1)))
        };
        match sized.as_slice() {
            [] => "no instances".to_string(),
            [f] => match count(f) {
                Some(k) => plural(k, "instance"),
                None => "1 instance (incomplete size)".to_string(),
            },
            many => format!(
                "{} instances",
                many.iter()
                    .map(|f| format!(
                        "{} {}",
                        name_or_unnamed(&f.name),
                        count(f).map_or("1".to_string(), |k| k.to_string())
                    ))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
    }

    /// Instances a size stands for when the endpoint has one instance-based variant.
    fn size_count(&self, size: &CapacitySize) -> Option<i64> {
        match self.sized().as_slice() {
            [f] => {
                size_in_instances(size, f.new_instances).map(|k| k.clamp(1, f.new_instances.max(1)))
            }
            _ => None,
        }
    }

    fn guardrails_excluded(&self) -> bool {
        self.sim
            .notes
            .iter()
            .any(|n| n.starts_with("Deployment guardrails do not apply"))
    }
}

fn name_or_unnamed(name: &str) -> &str {
    if name.is_empty() {
        "(unnamed)"
    } else {
        name
    }
}

/// `45 s`, `600 s (10m)`: durations as the page's fields and overview show them.
fn seconds(s: i64) -> String {
    if s.unsigned_abs() < 60 {
        format!("{s} s")
    } else {
        format!("{s} s ({})", humane_duration(s))
    }
}

/// A size as the overview shows it.
fn size_shown(s: &CapacitySize) -> String {
    match (&s.type_, s.value) {
        (Some(CapacitySizeType::CapacityPercent), Some(v)) => format!("{v}% of the fleet"),
        (Some(CapacitySizeType::InstanceCount), Some(v)) => plural(v, "instance"),
        (Some(t), None) => format!("incomplete ({}, no value)", t.wire()),
        (None, Some(v)) => format!("incomplete ({v}, no type)"),
        (Some(t), Some(v)) => format!("{v} {}", t.wire()),
        (None, None) => "incomplete".to_string(),
    }
}

/// A size in a sentence: `10%` or `2 instances`.
fn size_short(s: &CapacitySize) -> String {
    match (&s.type_, s.value) {
        (Some(CapacitySizeType::CapacityPercent), Some(v)) => format!("{v}%"),
        _ => size_shown(s),
    }
}

fn percent(p: f64) -> String {
    if (p - p.round()).abs() < 0.05 {
        format!("{}%", p.round() as i64)
    } else {
        format!("{p:.1}%")
    }
}

/// A weight as typed: `1`, `0.25`.
fn number(v: f64) -> String {
    if v.is_finite() && (v - v.round()).abs() < 1e-9 && v.abs() < 1e15 {
        format!("{}", v.round() as i64)
    } else {
        format!("{v}")
    }
}

fn yes_no(b: bool) -> String {
    if b { "true" } else { "false" }.to_string()
}

/// The traffic share of the new fleet at each step of the plan.
fn step_levels(sim: &Simulation) -> Vec<f64> {
    let mut levels: Vec<(u32, f64)> = Vec::new();
    for e in &sim.events {
        if !matches!(e.phase, Phase::Baking | Phase::TerminationWait) || e.step == 0 {
            continue;
        }
        match levels.last_mut() {
            Some((s, l)) if *s == e.step => *l = l.max(e.new_traffic_percent),
            _ => levels.push((e.step, e.new_traffic_percent)),
        }
    }
    levels.into_iter().map(|(_, l)| l).collect()
}

/// `all at once`, `in 2 steps (10%, 100%)`, `in 10 steps (10%, 20%, …, 100%)`.
fn steps_phrase(sim: &Simulation) -> String {
    let levels = step_levels(sim);
    let list: Vec<String> = levels.iter().map(|l| percent(*l)).collect();
    let bake = if sim.strategy == Strategy::Default {
        ", no bake (SageMaker's default)"
    } else {
        ""
    };
    match list.len() {
        0 => "not at all (nothing to deploy)".to_string(),
        1 => format!("all at once{bake}"),
        n if n <= 6 => format!("in {n} steps ({})", list.join(", ")),
        n => format!(
            "in {n} steps ({}, {}, …, {})",
            list[0],
            list[1],
            list[n - 1]
        ),
    }
}

/// What an alarm is likely to watch, read from its name, for "a 5xx spike during the bake".
fn alarm_watches(name: &str) -> String {
    let n = name.to_ascii_lowercase();
    let table: &[(&[&str], &str)] = &[
        (&["5xx", "5XX"], "a 5xx spike"),
        (&["4xx"], "a 4xx spike"),
        (
            &["latency", "p99", "p95", "p90", "p50", "duration"],
            "a latency rise",
        ),
        (&["error", "fault", "fail"], "a rise in errors"),
        (&["cpu"], "high CPU"),
        (&["memory", "mem"], "high memory use"),
        (&["disk"], "a full disk"),
        (&["invocation", "throttl"], "a change in invocations"),
    ];
    for (words, what) in table {
        if words.iter().any(|w| n.contains(w)) {
            return (*what).to_string();
        }
    }
    format!("what alarm {name} watches")
}

/// Walks both documents in the form's order and collects the changes.
struct Walker<'s, 'd> {
    b: &'s Side<'d>,
    a: &'s Side<'d>,
    out: Vec<MemberChange>,
    /// Paths compared as leaves (either side's), so that the placeholder pass does not
    /// report them twice.
    visited: HashSet<String>,
}

/// The shown values and the kind of change of one leaf, for its sentence.
struct Leaf<'v, T> {
    before: Option<&'v T>,
    after: Option<&'v T>,
}

impl<'s, 'd> Walker<'s, 'd> {
    /// Compares one member: `pb` and `pa` are its paths in the baseline and the design
    /// (they differ when a list entry moved). `meaning` is not called when nothing changed
    /// or when a placeholder is involved (that has its own sentence).
    #[allow(clippy::too_many_arguments)]
    fn leaf<T: PartialEq>(
        &mut self,
        pb: &str,
        pa: &str,
        label: &str,
        before: Option<&T>,
        after: Option<&T>,
        show: impl Fn(&T) -> String,
        meaning: impl FnOnce(&Self, Leaf<'_, T>) -> String,
    ) {
        // The typed part stays small: it is copied for every member compared.
        let same = before == after;
        let (sb, sa) = (before.map(&show), after.map(&show));
        if let Some(mut c) = self.begin(pb, pa, label, same, sb, sa) {
            if c.meaning.is_empty() {
                c.meaning = meaning(self, Leaf { before, after });
            }
            self.out.push(c);
        }
    }

    /// The untyped part of [`Walker::leaf`]: the change, if any, with the placeholder's
    /// sentence when one is involved (else an empty meaning, for the typed sentence).
    fn begin(
        &mut self,
        pb: &str,
        pa: &str,
        label: &str,
        same: bool,
        before: Option<String>,
        after: Option<String>,
    ) -> Option<MemberChange> {
        self.visited.insert(pb.to_string());
        self.visited.insert(pa.to_string());
        let eb = before.is_none().then(|| self.b.placeholder(pb)).flatten();
        let ea = after.is_none().then(|| self.a.placeholder(pa)).flatten();
        if same && eb == ea {
            return None;
        }
        let shown_b = before.or_else(|| eb.map(|e| format!("placeholder {e}")));
        let shown_a = after.or_else(|| ea.map(|e| format!("placeholder {e}")));
        let change = match (&shown_b, &shown_a) {
            (None, Some(_)) => Change::Added,
            (Some(_), None) => Change::Removed,
            _ => Change::Changed,
        };
        let path = if change == Change::Removed { pb } else { pa };
        let meaning = match (eb, ea) {
            (_, Some(e)) => format!(
                "{label} comes from {e}, which has a value only when that code runs: type the value before the design can be deployed"
            ),
            (Some(e), None) => format!(
                "{label} is now a value{} instead of the placeholder {e}",
                shown_a.as_ref().map_or(String::new(), |s| format!(" ({s})"))
            ),
            (None, None) => String::new(),
        };
        Some(MemberChange {
            path: path.to_string(),
            change,
            label: label.to_string(),
            before: shown_b,
            after: shown_a,
            meaning,
        })
    }

    /// After walking a struct's members: when the struct is present on one side only and
    /// none of its members told so, the struct itself is the change (an empty `{}`).
    fn presence(&mut self, since: usize, path: &str, label: &str, before: bool, after: bool) {
        if before == after || self.out.len() > since {
            return;
        }
        let change = if after {
            Change::Added
        } else {
            Change::Removed
        };
        let empty = Some("set, empty".to_string());
        self.out.push(MemberChange {
            path: path.to_string(),
            change,
            label: label.to_string(),
            before: if before { empty.clone() } else { None },
            after: if after { empty } else { None },
            meaning: format!(
                "{label} {} with nothing in it: no effect on the rollout",
                change.as_str()
            ),
        });
    }

    /// The endpoint moving from the config it runs (`running`, the baseline's) to the
    /// design's new config: the review's first line when they differ.
    fn config_move(&mut self, running: Option<&str>) -> Option<MemberChange> {
        let to = self.a.doc.request.endpoint_config_name.as_deref()?;
        let from = running?;
        if from == to {
            return None;
        }
        self.visited.insert("EndpointConfigName".to_string());
        let endpoint = self
            .a
            .doc
            .request
            .endpoint_name
            .as_deref()
            .or(self.b.doc.request.endpoint_name.as_deref())
            .map_or("the endpoint".to_string(), |n| format!("endpoint {n}"));
        Some(MemberChange {
            path: "EndpointConfigName".to_string(),
            change: Change::Changed,
            label: "Endpoint config".to_string(),
            before: Some(from.to_string()),
            after: Some(to.to_string()),
            meaning: format!("The update moves {endpoint} from config {from} to config {to}"),
        })
    }

    fn request(&mut self) {
        let (rb, ra) = (&self.b.doc.request, &self.a.doc.request);
        self.leaf(
            "EndpointName",
            "EndpointName",
            "Endpoint",
            rb.endpoint_name.as_ref(),
            ra.endpoint_name.as_ref(),
            String::clone,
            |_, l| match (l.before, l.after) {
                (Some(b), Some(a)) => {
                    format!("The request updates endpoint {a} instead of {b}")
                }
                (None, Some(a)) => format!("The request names endpoint {a}"),
                _ => "The request no longer names an endpoint: SageMaker refuses it".to_string(),
            },
        );
        self.leaf(
            "EndpointConfigName",
            "EndpointConfigName",
            "New endpoint config",
            rb.endpoint_config_name.as_ref(),
            ra.endpoint_config_name.as_ref(),
            String::clone,
            |_, l| match (l.before, l.after) {
                (Some(b), Some(a)) => {
                    format!("The endpoint moves to config {a} instead of {b}")
                }
                (None, Some(a)) => format!("The endpoint moves to config {a}"),
                _ => "The request no longer names the new config: SageMaker refuses it".to_string(),
            },
        );
        self.leaf(
            "RetainAllVariantProperties",
            "RetainAllVariantProperties",
            "Retain variant properties",
            rb.retain_all_variant_properties.as_ref(),
            ra.retain_all_variant_properties.as_ref(),
            |v| yes_no(*v),
            |w, l| {
                let counts = format!(
                    "the new fleet has {} (was {})",
                    w.a.fleet_words(),
                    w.b.fleet_words()
                );
                if l.after == Some(&true) {
                    format!("Instance counts, weights and the other variant properties are kept from the running endpoint: {counts}")
                } else {
                    format!("Variant properties are no longer kept from the running endpoint; the new config's apply: {counts}")
                }
            },
        );
        self.excluded_properties();
        self.deployment_config();
        self.leaf(
            "RetainDeploymentConfig",
            "RetainDeploymentConfig",
            "Retain deployment config",
            rb.retain_deployment_config.as_ref(),
            ra.retain_deployment_config.as_ref(),
            |v| yes_no(*v),
            |_, l| {
                if l.after == Some(&true) {
                    "The update reuses the deployment config of the last update instead of the one in this request".to_string()
                } else {
                    "The update uses the deployment config in this request, not the last update's"
                        .to_string()
                }
            },
        );
    }

    fn excluded_properties(&mut self) {
        let base = "ExcludeRetainedVariantProperties";
        let (lb, la) = (
            self.b
                .doc
                .request
                .exclude_retained_variant_properties
                .as_ref(),
            self.a
                .doc
                .request
                .exclude_retained_variant_properties
                .as_ref(),
        );
        let since = self.out.len();
        let empty: Vec<VariantProperty> = Vec::new();
        let (vb, va) = (lb.unwrap_or(&empty), la.unwrap_or(&empty));
        let key = |side: &Side, path: String, p: &VariantProperty| {
            p.variant_property_type
                .as_ref()
                .map(|t| t.wire().to_string())
                .or_else(|| side.placeholder(&path).map(str::to_string))
        };
        let kb: Vec<_> = vb
            .iter()
            .enumerate()
            .map(|(i, p)| key(self.b, format!("{base}[{i}].VariantPropertyType"), p))
            .collect();
        let ka: Vec<_> = va
            .iter()
            .enumerate()
            .map(|(i, p)| key(self.a, format!("{base}[{i}].VariantPropertyType"), p))
            .collect();
        let retained = self.a.doc.request.retain_all_variant_properties == Some(true);
        for (i, j) in pair(&kb, &ka) {
            let pb = format!("{base}[{}].VariantPropertyType", i.unwrap_or(0));
            let pa = format!("{base}[{}].VariantPropertyType", j.unwrap_or(0));
            let tb = i
                .and_then(|i| vb.get(i))
                .and_then(|p| p.variant_property_type.as_ref());
            let ta = j
                .and_then(|j| va.get(j))
                .and_then(|p| p.variant_property_type.as_ref());
            self.leaf(&pb, &pa, "Not retained", tb, ta, |t| t.wire().to_string(), |_, l| {
                let effect = if retained {
                    ""
                } else {
                    " (no effect: RetainAllVariantProperties is not true)"
                };
                match (l.before, l.after) {
                    (_, Some(a)) => format!(
                        "{} is no longer kept from the running endpoint: the new config's value applies{effect}",
                        a.wire()
                    ),
                    (Some(b), None) => format!(
                        "{} is kept from the running endpoint again{effect}",
                        b.wire()
                    ),
                    (None, None) => String::new(),
                }
            });
        }
        self.presence(since, base, "Not retained", lb.is_some(), la.is_some());
    }

    fn deployment_config(&mut self) {
        let since = self.out.len();
        let (db, da) = (
            self.b.doc.request.deployment_config.as_ref(),
            self.a.doc.request.deployment_config.as_ref(),
        );
        self.blue_green();
        self.rolling();
        self.alarms();
        self.presence(
            since,
            "DeploymentConfig",
            "Deployment config",
            db.is_some(),
            da.is_some(),
        );
    }

    fn blue_green(&mut self) {
        let base = "DeploymentConfig.BlueGreenUpdatePolicy";
        let bg = |s: &Side<'d>| {
            s.doc
                .request
                .deployment_config
                .as_ref()
                .and_then(|d| d.blue_green_update_policy.as_ref())
        };
        let (pb, pa) = (bg(self.b), bg(self.a));
        let since = self.out.len();
        let routing = format!("{base}.TrafficRoutingConfiguration");
        let (tb, ta) = (
            pb.and_then(|p| p.traffic_routing_configuration.as_ref()),
            pa.and_then(|p| p.traffic_routing_configuration.as_ref()),
        );
        let since_routing = self.out.len();
        let path = format!("{routing}.Type");
        self.leaf(
            &path,
            &path,
            "Traffic routing",
            tb.and_then(|t| t.type_.as_ref()),
            ta.and_then(|t| t.type_.as_ref()),
            |t| t.wire().to_string(),
            |w, l| {
                let now = format!(
                    "the new fleet now takes traffic {} instead of {}",
                    steps_phrase(&w.a.plan),
                    steps_phrase(&w.b.plan)
                );
                match (l.before, l.after) {
                    (Some(b), Some(a)) => {
                        format!("Traffic routing {} → {}: {now}", b.wire(), a.wire())
                    }
                    (None, Some(a)) => format!("Traffic routing {} added: {now}", a.wire()),
                    (Some(b), None) => format!(
                        "Traffic routing {} removed: the update runs as {}; {now}",
                        b.wire(),
                        w.a.sim.strategy.label()
                    ),
                    (None, None) => String::new(),
                }
            },
        );
        let path = format!("{routing}.WaitIntervalInSeconds");
        self.leaf(
            &path,
            &path,
            "Bake after each step",
            tb.and_then(|t| t.wait_interval_in_seconds.as_ref()),
            ta.and_then(|t| t.wait_interval_in_seconds.as_ref()),
            |v| seconds(*v),
            |w, l| bake_sentence(w, &l, "Bake", "traffic step"),
        );
        let path = format!("{routing}.CanarySize");
        self.leaf(
            &path,
            &path,
            "Canary size",
            tb.and_then(|t| t.canary_size.as_ref()),
            ta.and_then(|t| t.canary_size.as_ref()),
            size_shown,
            |w, l| {
                let canary = w.a.doc.request.strategy() == Strategy::Canary;
                size_sentence(
                    w,
                    &l,
                    "Canary",
                    ("takes the first traffic", "take the first traffic"),
                    canary,
                    "CANARY",
                )
            },
        );
        let path = format!("{routing}.LinearStepSize");
        self.leaf(
            &path,
            &path,
            "Linear step",
            tb.and_then(|t| t.linear_step_size.as_ref()),
            ta.and_then(|t| t.linear_step_size.as_ref()),
            size_shown,
            |w, l| {
                let linear = w.a.doc.request.strategy() == Strategy::Linear;
                let mut s = size_sentence(
                    w,
                    &l,
                    "Linear step",
                    ("per step", "per step"),
                    linear,
                    "LINEAR",
                );
                if linear {
                    s.push_str(&format!(
                        ", {} → {}",
                        plural(i64::from(w.b.plan.steps), "step"),
                        plural(i64::from(w.a.plan.steps), "step")
                    ));
                }
                s
            },
        );
        self.presence(
            since_routing,
            &routing,
            "Traffic routing configuration",
            tb.is_some(),
            ta.is_some(),
        );
        let path = format!("{base}.TerminationWaitInSeconds");
        self.leaf(
            &path,
            &path,
            "Termination wait",
            pb.and_then(|p| p.termination_wait_in_seconds.as_ref()),
            pa.and_then(|p| p.termination_wait_in_seconds.as_ref()),
            |v| seconds(*v),
            |_, l| {
                let (b, a) = (l.before.copied().unwrap_or(0), l.after.copied().unwrap_or(0));
                let default = |v: Option<&i64>| if v.is_none() { " (the default)" } else { "" };
                if a < b {
                    format!(
                        "Termination wait cut from {} to {}{}: the old fleet is terminated {} sooner after the final bake",
                        humane_duration(b),
                        humane_duration(a),
                        default(l.after),
                        humane_duration(b.saturating_sub(a))
                    )
                } else if a > b {
                    format!(
                        "Termination wait raised from {}{} to {}: the old fleet stays {} longer after the final bake (both fleets billed)",
                        humane_duration(b),
                        default(l.before),
                        humane_duration(a),
                        humane_duration(a.saturating_sub(b))
                    )
                } else {
                    format!(
                        "Termination wait {} written out: the same as the default",
                        humane_duration(a)
                    )
                }
            },
        );
        let path = format!("{base}.MaximumExecutionTimeoutInSeconds");
        self.leaf(
            &path,
            &path,
            "Execution timeout",
            pb.and_then(|p| p.maximum_execution_timeout_in_seconds.as_ref()),
            pa.and_then(|p| p.maximum_execution_timeout_in_seconds.as_ref()),
            |v| seconds(*v),
            |w, l| timeout_sentence(w, &l),
        );
        self.gone_with(
            since,
            pb.is_some() && pa.is_none(),
            "the blue/green update policy",
            "Type",
        );
        self.presence(
            since,
            base,
            "Blue/green update policy",
            pb.is_some(),
            pa.is_some(),
        );
    }

    /// When a whole policy is dropped, its members went with it: their own sentences
    /// ("the simulation bakes 0s") would describe a policy that no longer exists. The
    /// member ending in `keep` says what replaces the policy and keeps its sentence.
    fn gone_with(&mut self, since: usize, gone: bool, what: &str, keep: &str) {
        if !gone {
            return;
        }
        for c in self.out.iter_mut().skip(since) {
            if c.change == Change::Removed && !c.path.ends_with(keep) {
                c.meaning = format!(
                    "{} {} removed with {what}: the update now runs as {}",
                    c.label,
                    c.before.as_deref().unwrap_or_default(),
                    self.a.sim.strategy.label()
                );
            }
        }
    }

    fn rolling(&mut self) {
        let base = "DeploymentConfig.RollingUpdatePolicy";
        let rp = |s: &Side<'d>| {
            s.doc
                .request
                .deployment_config
                .as_ref()
                .and_then(|d| d.rolling_update_policy.as_ref())
        };
        let (pb, pa) = (rp(self.b), rp(self.a));
        let since = self.out.len();
        let path = format!("{base}.MaximumBatchSize");
        self.leaf(
            &path,
            &path,
            "Batch size",
            pb.and_then(|p| p.maximum_batch_size.as_ref()),
            pa.and_then(|p| p.maximum_batch_size.as_ref()),
            size_shown,
            |w, l| {
                let rolling = w.a.doc.request.strategy() == Strategy::Rolling;
                let mut s = size_sentence(
                    w,
                    &l,
                    "Batch",
                    ("per batch", "per batch"),
                    rolling,
                    "a rolling update",
                );
                if rolling {
                    s.push_str(&format!(
                        ", {} → {}; peak {} → {} instances",
                        plural(i64::from(w.b.plan.steps), "batch"),
                        plural(i64::from(w.a.plan.steps), "batch"),
                        w.b.plan.summary.peak_instances,
                        w.a.plan.summary.peak_instances
                    ));
                }
                s
            },
        );
        let path = format!("{base}.WaitIntervalInSeconds");
        self.leaf(
            &path,
            &path,
            "Bake after each batch",
            pb.and_then(|p| p.wait_interval_in_seconds.as_ref()),
            pa.and_then(|p| p.wait_interval_in_seconds.as_ref()),
            |v| seconds(*v),
            |w, l| bake_sentence(w, &l, "Bake", "batch"),
        );
        let path = format!("{base}.MaximumExecutionTimeoutInSeconds");
        self.leaf(
            &path,
            &path,
            "Execution timeout",
            pb.and_then(|p| p.maximum_execution_timeout_in_seconds.as_ref()),
            pa.and_then(|p| p.maximum_execution_timeout_in_seconds.as_ref()),
            |v| seconds(*v),
            |w, l| timeout_sentence(w, &l),
        );
        let path = format!("{base}.RollbackMaximumBatchSize");
        self.leaf(
            &path,
            &path,
            "Rollback batch",
            pb.and_then(|p| p.rollback_maximum_batch_size.as_ref()),
            pa.and_then(|p| p.rollback_maximum_batch_size.as_ref()),
            size_shown,
            |w, l| {
                let words = |s: &Side, v: Option<&CapacitySize>| match v {
                    Some(v) => format!("{} per round", s.size_words(v)),
                    None => "the whole old fleet at once".to_string(),
                };
                let what = match (l.before, l.after) {
                    (Some(b), Some(a)) => {
                        format!("Rollback batch {} → {}", size_short(b), size_short(a))
                    }
                    (None, Some(a)) => format!("Rollback batch {} added", size_short(a)),
                    (Some(b), None) => format!("Rollback batch {} removed", size_short(b)),
                    (None, None) => String::new(),
                };
                format!(
                    "{what}: a rollback brings back {} instead of {}",
                    words(w.a, l.after),
                    words(w.b, l.before)
                )
            },
        );
        self.gone_with(
            since,
            pb.is_some() && pa.is_none(),
            "the rolling update policy",
            "\u{0}",
        );
        self.presence(
            since,
            base,
            "Rolling update policy",
            pb.is_some(),
            pa.is_some(),
        );
    }

    fn alarms(&mut self) {
        let base = "DeploymentConfig.AutoRollbackConfiguration";
        let rb = |s: &Side<'d>| {
            s.doc
                .request
                .deployment_config
                .as_ref()
                .and_then(|d| d.auto_rollback_configuration.as_ref())
        };
        let (cb, ca) = (rb(self.b), rb(self.a));
        let since = self.out.len();
        let list = format!("{base}.Alarms");
        let (lb, la) = (
            cb.and_then(|c| c.alarms.as_ref()),
            ca.and_then(|c| c.alarms.as_ref()),
        );
        let empty: Vec<Alarm> = Vec::new();
        let (vb, va) = (lb.unwrap_or(&empty), la.unwrap_or(&empty));
        let key = |side: &Side, i: usize, al: &Alarm| {
            al.alarm_name.clone().or_else(|| {
                side.placeholder(&format!("{list}[{i}].AlarmName"))
                    .map(str::to_string)
            })
        };
        let kb: Vec<_> = vb
            .iter()
            .enumerate()
            .map(|(i, x)| key(self.b, i, x))
            .collect();
        let ka: Vec<_> = va
            .iter()
            .enumerate()
            .map(|(i, x)| key(self.a, i, x))
            .collect();
        let left = self.a.alarm_names().len();
        let since_list = self.out.len();
        for (i, j) in pair(&kb, &ka) {
            let pb = format!("{list}[{}].AlarmName", i.unwrap_or(0));
            let pa = format!("{list}[{}].AlarmName", j.unwrap_or(0));
            let nb = i
                .and_then(|i| vb.get(i))
                .and_then(|x| x.alarm_name.as_ref());
            let na = j
                .and_then(|j| va.get(j))
                .and_then(|x| x.alarm_name.as_ref());
            // An entry without a name is still an entry: shown as such.
            let unnamed = "(no name)".to_string();
            let nb = nb.or(i.map(|_| &unnamed));
            let na = na.or(j.map(|_| &unnamed));
            let before_len = self.out.len();
            self.leaf(&pb, &pa, "Rollback alarm", nb, na, String::clone, |_, l| {
                match (l.before, l.after) {
                    (Some(b), Some(a)) => format!(
                        "Alarm {b} replaced by {a}: {} during a bake now rolls back, instead of {}",
                        alarm_watches(a),
                        alarm_watches(b)
                    ),
                    (None, Some(a)) => format!(
                        "Alarm {a} added: {} during a bake now rolls the deployment back",
                        alarm_watches(a)
                    ),
                    (Some(b), None) => {
                        let mut s = format!(
                            "Alarm {b} removed: {} during the bake no longer rolls back",
                            alarm_watches(b)
                        );
                        if left == 0 {
                            s.push_str("; no alarm is left, so nothing rolls the deployment back automatically");
                        }
                        s
                    }
                    (None, None) => String::new(),
                }
            });
            // An alarm is one entry: its path is the entry's, not its name's.
            if let Some(c) = self.out.get_mut(before_len..).and_then(|s| s.first_mut()) {
                if let Some(stripped) = c.path.strip_suffix(".AlarmName") {
                    if c.change != Change::Changed {
                        c.path = stripped.to_string();
                    }
                }
            }
        }
        self.presence(
            since_list,
            &list,
            "Rollback alarms",
            lb.is_some(),
            la.is_some(),
        );
        self.presence(
            since,
            base,
            "Auto-rollback configuration",
            cb.is_some(),
            ca.is_some(),
        );
    }

    /// The alarm definitions (Version 2's `Alarms`), matched by name: each member that
    /// changed, with what it does to the time the alarm needs to trip.
    fn alarm_definitions(&mut self) {
        use super::alarms::detect_seconds;
        use super::model::MetricAlarm;
        let (vb, va) = (&self.b.doc.alarms, &self.a.doc.alarms);
        let kb: Vec<Option<String>> = vb.iter().map(|a| a.alarm_name.clone()).collect();
        let ka: Vec<Option<String>> = va.iter().map(|a| a.alarm_name.clone()).collect();
        let detect = |a: Option<&MetricAlarm>| {
            a.and_then(detect_seconds)
                .map_or("no time (no period)".to_string(), humane_duration)
        };
        for (i, j) in pair(&kb, &ka) {
            let (db, da) = (i.and_then(|i| vb.get(i)), j.and_then(|j| va.get(j)));
            let (pb, pa) = (
                format!("Alarms[{}]", i.unwrap_or(0)),
                format!("Alarms[{}]", j.unwrap_or(0)),
            );
            let name: &str = da
                .or(db)
                .and_then(|a| a.alarm_name.as_deref())
                .unwrap_or("(no name)");
            if db.is_none() || da.is_none() {
                let shown = |a: &&MetricAlarm| {
                    format!(
                        "{} {} over {} s",
                        a.metric_name.as_deref().unwrap_or("(no metric)"),
                        a.comparison_operator.as_deref().unwrap_or(""),
                        a.period.map_or("?".to_string(), |p| p.to_string())
                    )
                };
                let (tb, ta) = (detect(db), detect(da));
                self.leaf(&pb, &pa, "Alarm definition", db.as_ref(), da.as_ref(), shown, |_, l| {
                    if l.after.is_some() {
                        format!("Alarm {name} is defined: it can trip {ta} after a problem starts")
                    } else {
                        format!("The definition of alarm {name} is gone (it can still be defined elsewhere); it could trip {tb} after a problem starts")
                    }
                });
                continue;
            }
            let (tb, ta) = (detect(db), detect(da));
            let timing = move |what: &str| {
                if tb == ta {
                    format!("{what}; it can still trip {ta} after a problem starts")
                } else {
                    format!("{what}: it can now trip {ta} after a problem starts, instead of {tb}")
                }
            };
            let text = |a: Option<&MetricAlarm>, f: fn(&MetricAlarm) -> Option<&String>| {
                a.and_then(f).cloned()
            };
            let members: [(&str, fn(&MetricAlarm) -> Option<&String>); 6] = [
                ("Namespace", |a| a.namespace.as_ref()),
                ("MetricName", |a| a.metric_name.as_ref()),
                ("Statistic", |a| a.statistic.as_ref()),
                ("ExtendedStatistic", |a| a.extended_statistic.as_ref()),
                ("ComparisonOperator", |a| a.comparison_operator.as_ref()),
                ("TreatMissingData", |a| a.treat_missing_data.as_ref()),
            ];
            for (member, get) in members {
                let (b, a) = (text(db, get), text(da, get));
                let label = format!("{name}: {member}");
                let t = timing.clone();
                self.leaf(&format!("{pb}.{member}"), &format!("{pa}.{member}"), &label, b.as_ref(), a.as_ref(), String::clone, move |_, _| {
                    t(&format!("Alarm {name} now uses another {member}"))
                });
            }
            let ints: [(&str, fn(&MetricAlarm) -> Option<i64>); 3] = [
                ("Period", |a| a.period),
                ("EvaluationPeriods", |a| a.evaluation_periods),
                ("DatapointsToAlarm", |a| a.datapoints_to_alarm),
            ];
            for (member, get) in ints {
                let (b, a) = (db.and_then(get), da.and_then(get));
                let label = format!("{name}: {member}");
                let t = timing.clone();
                self.leaf(&format!("{pb}.{member}"), &format!("{pa}.{member}"), &label, b.as_ref(), a.as_ref(), |v| v.to_string(), move |_, _| {
                    t(&format!("Alarm {name}'s {member} changed"))
                });
            }
            let (b, a) = (db.and_then(|x| x.threshold), da.and_then(|x| x.threshold));
            let t = timing.clone();
            self.leaf(&format!("{pb}.Threshold"), &format!("{pa}.Threshold"), &format!("{name}: Threshold"), b.as_ref(), a.as_ref(), |v| number(*v), move |_, _| {
                t(&format!("Alarm {name} trips at another threshold"))
            });
            let dims = |a: Option<&MetricAlarm>| {
                a.map(|a| {
                    a.dimensions
                        .iter()
                        .map(|d| format!("{}={}", d.name, d.value))
                        .collect::<Vec<_>>()
                        .join(", ")
                })
            };
            let (b, a) = (dims(db), dims(da));
            let watches_new = |s: &Option<String>| s.as_deref().is_some_and(|s| s.contains("EndpointConfigName="));
            let (nb, na) = (watches_new(&b), watches_new(&a));
            self.leaf(&format!("{pb}.Dimensions"), &format!("{pa}.Dimensions"), &format!("{name}: Dimensions"), b.as_ref(), a.as_ref(), String::clone, move |_, _| {
                match (nb, na) {
                    (false, true) => format!("Alarm {name} now watches only the new fleet (EndpointConfigName), not the old one's errors"),
                    (true, false) => format!("Alarm {name} now watches the whole endpoint, old fleet included: the old fleet's errors can stop the deployment"),
                    _ => format!("Alarm {name} watches other dimensions"),
                }
            });
        }
    }

    fn endpoint(&mut self) {
        let (eb, ea) = (&self.b.doc.endpoint, &self.a.doc.endpoint);
        self.leaf(
            "Endpoint.CurrentEndpointConfigName",
            "Endpoint.CurrentEndpointConfigName",
            "Running endpoint config",
            eb.current_endpoint_config_name.as_ref(),
            ea.current_endpoint_config_name.as_ref(),
            String::clone,
            |_, l| match l.after {
                Some(a) => format!("The endpoint runs config {a} before the update"),
                None => "The running config is no longer named".to_string(),
            },
        );
        self.variants(true);
        self.variants(false);
        self.leaf(
            "Endpoint.UsesMarketplaceContainers",
            "Endpoint.UsesMarketplaceContainers",
            "Marketplace containers",
            Some(&eb.uses_marketplace_containers),
            Some(&ea.uses_marketplace_containers),
            |v| yes_no(*v),
            |w, l| {
                if l.after == Some(&true) {
                    format!(
                        "The endpoint uses AWS Marketplace containers: deployment guardrails do not apply, so the update switches all traffic at once and skips the final bake ({})",
                        steps_phrase(&w.a.plan)
                    )
                } else {
                    format!(
                        "No Marketplace containers: deployment guardrails apply; the new fleet takes traffic {}",
                        steps_phrase(&w.a.plan)
                    )
                }
            },
        );
    }

    fn variants(&mut self, current: bool) {
        let list_name = if current {
            "CurrentVariants"
        } else {
            "NewVariants"
        };
        let base = format!("Endpoint.{list_name}");
        let pick = |s: &Side<'d>| -> &'d [ProductionVariant] {
            if current {
                &s.doc.endpoint.current_variants
            } else {
                &s.doc.endpoint.new_variants
            }
        };
        let (vb, va) = (pick(self.b), pick(self.a));
        let key = |side: &Side, i: usize, v: &ProductionVariant| {
            v.variant_name.clone().or_else(|| {
                side.placeholder(&format!("{base}[{i}].VariantName"))
                    .map(str::to_string)
            })
        };
        let kb: Vec<_> = vb
            .iter()
            .enumerate()
            .map(|(i, v)| key(self.b, i, v))
            .collect();
        let ka: Vec<_> = va
            .iter()
            .enumerate()
            .map(|(i, v)| key(self.a, i, v))
            .collect();
        let fleet = if current {
            "running fleet"
        } else {
            "new fleet"
        };
        for (i, j) in pair(&kb, &ka) {
            match (i.and_then(|i| vb.get(i)), j.and_then(|j| va.get(j))) {
                (Some(b), Some(a)) => {
                    let (i, j) = (i.unwrap_or(0), j.unwrap_or(0));
                    self.variant(
                        &format!("{base}[{i}]"),
                        &format!("{base}[{j}]"),
                        b,
                        a,
                        current,
                    );
                }
                (b, a) => {
                    let (path, v, change) = match (b, a) {
                        (None, Some(a)) => {
                            (format!("{base}[{}]", j.unwrap_or(0)), a, Change::Added)
                        }
                        (Some(b), _) => (format!("{base}[{}]", i.unwrap_or(0)), b, Change::Removed),
                        (None, None) => continue,
                    };
                    self.visited.insert(path.clone());
                    let shown = variant_shown(v);
                    let name = name_or_unnamed(v.variant_name.as_deref().unwrap_or(""));
                    let meaning = format!(
                        "Variant {name} {} the {fleet} ({shown}): the {fleet} has {} (was {})",
                        if change == Change::Added {
                            "added to"
                        } else {
                            "removed from"
                        },
                        if current {
                            running_words(self.a)
                        } else {
                            self.a.fleet_words()
                        },
                        if current {
                            running_words(self.b)
                        } else {
                            self.b.fleet_words()
                        },
                    );
                    let shown = Some(shown);
                    self.out.push(MemberChange {
                        path,
                        change,
                        label: if current {
                            "Running variant"
                        } else {
                            "New variant"
                        }
                        .to_string(),
                        before: if change == Change::Removed {
                            shown.clone()
                        } else {
                            None
                        },
                        after: if change == Change::Added { shown } else { None },
                        meaning,
                    });
                }
            }
        }
    }

    fn variant(
        &mut self,
        pb: &str,
        pa: &str,
        b: &ProductionVariant,
        a: &ProductionVariant,
        current: bool,
    ) {
        let name = name_or_unnamed(a.variant_name.as_deref().unwrap_or("")).to_string();
        let fleet = if current { "running" } else { "new" };
        let p = |base: &str, m: &str| format!("{base}.{m}");
        self.leaf(
            &p(pb, "VariantName"),
            &p(pa, "VariantName"),
            "Variant name",
            b.variant_name.as_ref(),
            a.variant_name.as_ref(),
            String::clone,
            |_, l| match (l.before, l.after) {
                (Some(b), Some(a)) => format!("Variant {b} of the {fleet} config is renamed {a}"),
                (_, Some(a)) => format!("The {fleet} config's variant is named {a}"),
                _ => format!("The {fleet} config's variant has no name"),
            },
        );
        self.leaf(
            &p(pb, "ModelName"),
            &p(pa, "ModelName"),
            "Model",
            b.model_name.as_ref(),
            a.model_name.as_ref(),
            String::clone,
            |_, l| match (l.before, l.after) {
                (Some(b), Some(a)) => {
                    format!("{name} serves model {a} instead of {b} ({fleet} config)")
                }
                (_, Some(a)) => format!("{name} serves model {a} ({fleet} config)"),
                _ => format!("The {fleet} config no longer names {name}'s model"),
            },
        );
        let guard = |w: &Self| {
            match (w.b.guardrails_excluded(), w.a.guardrails_excluded()) {
            (false, true) => "; deployment guardrails no longer apply: the update switches all traffic at once and skips the final bake".to_string(),
            (true, false) => format!(
                "; deployment guardrails apply again: the new fleet takes traffic {}",
                steps_phrase(&w.a.plan)
            ),
            _ => String::new(),
        }
        };
        self.leaf(
            &p(pb, "InstanceType"),
            &p(pa, "InstanceType"),
            "Instance type",
            b.instance_type.as_ref(),
            a.instance_type.as_ref(),
            String::clone,
            |w, l| {
                let what = match (l.before, l.after) {
                    (Some(b), Some(a)) => {
                        format!("{name} runs on {a} instead of {b} ({fleet} config)")
                    }
                    (_, Some(a)) => format!("{name} runs on {a} ({fleet} config)"),
                    _ => format!("The {fleet} config no longer names {name}'s instance type"),
                };
                format!("{what}{}", guard(w))
            },
        );
        self.leaf(
            &p(pb, "InitialInstanceCount"),
            &p(pa, "InitialInstanceCount"),
            "Instance count",
            b.initial_instance_count.as_ref(),
            a.initial_instance_count.as_ref(),
            |v| plural(*v, "instance"),
            |w, l| {
                let (cb, ca) = (
                    l.before.map_or("none".to_string(), |v| v.to_string()),
                    l.after.map_or("none".to_string(), |v| v.to_string()),
                );
                if current {
                    format!(
                        "The running fleet of {name}: {cb} → {ca} instances; peak {} → {} instances while both fleets run",
                        w.b.plan.summary.peak_instances, w.a.plan.summary.peak_instances
                    )
                } else {
                    let mut s = format!(
                        "The new fleet of {name}: {cb} → {ca} instances; peak {} → {} instances while both fleets run",
                        w.b.plan.summary.peak_instances, w.a.plan.summary.peak_instances
                    );
                    if let Some(f) = w.a.fleets.iter().find(|f| f.retained_count && f.name == name) {
                        s.push_str(&format!(
                            " (but RetainAllVariantProperties keeps the running count, {})",
                            f.new_instances
                        ));
                    }
                    s
                }
            },
        );
        self.leaf(
            &p(pb, "InitialVariantWeight"),
            &p(pa, "InitialVariantWeight"),
            "Weight",
            b.initial_variant_weight.as_ref(),
            a.initial_variant_weight.as_ref(),
            |v| number(*v),
            |w, _| {
                let share = |s: &Side| -> String {
                    let vs = if current {
                        &s.doc.endpoint.current_variants
                    } else {
                        &s.doc.endpoint.new_variants
                    };
                    let weight = |v: &ProductionVariant| {
                        v.initial_variant_weight
                            .filter(|x| x.is_finite() && *x >= 0.0)
                            .unwrap_or(1.0)
                    };
                    let total: f64 = vs.iter().map(weight).sum();
                    let mine = vs
                        .iter()
                        .find(|v| v.variant_name.as_deref() == Some(name.as_str()))
                        .map(weight)
                        .unwrap_or(0.0);
                    if total > 0.0 {
                        percent(mine * 100.0 / total)
                    } else {
                        "0%".to_string()
                    }
                };
                format!(
                    "{name}'s share of the endpoint's traffic ({fleet} config): {} → {}",
                    share(w.b),
                    share(w.a)
                )
            },
        );
        self.leaf(
            &p(pb, "AcceleratorType"),
            &p(pa, "AcceleratorType"),
            "Accelerator",
            b.accelerator_type.as_ref(),
            a.accelerator_type.as_ref(),
            String::clone,
            |w, l| {
                let what = match l.after {
                    Some(a) => format!(
                        "{name} gets the Elastic Inference accelerator {a} ({fleet} config)"
                    ),
                    None => format!(
                        "{name} no longer has an Elastic Inference accelerator ({fleet} config)"
                    ),
                };
                format!("{what}{}", guard(w))
            },
        );
        let since = self.out.len();
        let sb = b.serverless_config.as_ref();
        let sa = a.serverless_config.as_ref();
        let serverless = [
            ("MemorySizeInMB", "Serverless memory", " MB"),
            ("MaxConcurrency", "Serverless max concurrency", ""),
            (
                "ProvisionedConcurrency",
                "Serverless provisioned concurrency",
                "",
            ),
        ];
        for (member, label, unit) in serverless {
            let get = |c: Option<&super::model::ServerlessConfig>| {
                c.and_then(|c| match member {
                    "MemorySizeInMB" => c.memory_size_in_mb,
                    "MaxConcurrency" => c.max_concurrency,
                    _ => c.provisioned_concurrency,
                })
            };
            let (vb, va) = (get(sb), get(sa));
            self.leaf(
                &p(pb, &format!("ServerlessConfig.{member}")),
                &p(pa, &format!("ServerlessConfig.{member}")),
                label,
                vb.as_ref(),
                va.as_ref(),
                |v| format!("{v}{unit}"),
                |_, l| {
                    let show =
                        |v: Option<&i64>| v.map_or("not set".to_string(), |v| format!("{v}{unit}"));
                    format!(
                        "{label} of {name} ({fleet} config): {} → {}",
                        show(l.before),
                        show(l.after)
                    )
                },
            );
        }
        self.presence(
            since,
            &p(pa, "ServerlessConfig"),
            "Serverless config",
            sb.is_some(),
            sa.is_some(),
        );
    }

    fn simulation(&mut self) {
        let (sb, sa) = (&self.b.doc.simulation, &self.a.doc.simulation);
        let (alarm_b, alarm_a) = (sb.alarm_at(), sa.alarm_at());
        self.leaf(
            "Simulation.ProvisioningSeconds",
            "Simulation.ProvisioningSeconds",
            "Provisioning time (assumed)",
            Some(&sb.provisioning_seconds),
            Some(&sa.provisioning_seconds),
            |v| seconds(*v),
            |w, l| {
                format!(
                    "Provisioning a batch is assumed to take {} instead of {}: the plan takes {} instead of {}",
                    l.after.map_or("0s".to_string(), |v| humane_duration(*v)),
                    l.before.map_or("0s".to_string(), |v| humane_duration(*v)),
                    humane_duration(w.a.plan_seconds()),
                    humane_duration(w.b.plan_seconds())
                )
            },
        );
        self.leaf(
            "Simulation.Failure.AtSeconds",
            "Simulation.Failure.AtSeconds",
            "Alarm what-if",
            alarm_b.as_ref(),
            alarm_a.as_ref(),
            |v| format!("trips at {}", seconds(*v)),
            |w, l| match l.after {
                Some(at) => {
                    let what = format!("An alarm tripping at {}", humane_duration(*at));
                    if w.a.sim.summary.outcome == Outcome::RolledBackAlarm {
                        let traffic = w
                            .a
                            .plan
                            .events
                            .iter()
                            .take_while(|e| e.t <= *at)
                            .last()
                            .map_or(0.0, |e| e.new_traffic_percent);
                        format!(
                            "{what} rolls the deployment back with {} of the traffic on the new fleet",
                            percent(traffic)
                        )
                    } else {
                        format!("{what} falls outside every bake: it changes nothing")
                    }
                }
                None => "No alarm what-if: the simulation shows the deployment going as planned"
                    .to_string(),
            },
        );
    }

    /// Placeholders at paths no leaf covers (a whole list or struct left to code).
    fn placeholders(&mut self) {
        let (pb, pa) = (&self.b.doc.placeholders, &self.a.doc.placeholders);
        let mut paths: Vec<&str> = Vec::new();
        for p in pb.iter().chain(pa.iter()) {
            if !self.visited.contains(&p.path) && !paths.contains(&p.path.as_str()) {
                paths.push(&p.path);
            }
        }
        for path in paths {
            let (eb, ea) = (self.b.placeholder(path), self.a.placeholder(path));
            if eb == ea {
                continue;
            }
            let change = match (eb, ea) {
                (None, Some(_)) => Change::Added,
                (Some(_), None) => Change::Removed,
                _ => Change::Changed,
            };
            let meaning = match ea {
                Some(e) => format!("{path} comes from {e}, which has a value only when that code runs: type the value before the design can be deployed"),
                None => format!("{path} is no longer a placeholder"),
            };
            self.out.push(MemberChange {
                path: path.to_string(),
                change,
                label: path.to_string(),
                before: eb.map(|e| format!("placeholder {e}")),
                after: ea.map(|e| format!("placeholder {e}")),
                meaning,
            });
        }
    }

    /// When the plan's length moves across an unchanged timeout, the changes that moved it
    /// say so ("Timeout 30m no longer covers the plan's 42m").
    fn timeout_consequence(&mut self) {
        let (Some(mb), Some(ma)) = (self.b.timeout(), self.a.timeout()) else {
            return;
        };
        if mb != ma
            || self
                .out
                .iter()
                .any(|c| c.path.ends_with("MaximumExecutionTimeoutInSeconds"))
        {
            return;
        }
        let (pb, pa) = (self.b.plan_seconds(), self.a.plan_seconds());
        let note = match (mb >= pb, ma >= pa) {
            (true, false) => format!(
                "; Timeout {} no longer covers the plan's {}: the deployment times out and rolls back at {}",
                humane_duration(ma),
                humane_duration(pa),
                humane_duration(ma)
            ),
            (false, true) => format!(
                "; Timeout {} now covers the plan's {}",
                humane_duration(ma),
                humane_duration(pa)
            ),
            _ => return,
        };
        let moves_plan = |path: &str| {
            [
                "WaitIntervalInSeconds",
                "TerminationWaitInSeconds",
                "CanarySize",
                "LinearStepSize",
                "MaximumBatchSize",
                "TrafficRoutingConfiguration.Type",
                "InitialInstanceCount",
                "ProvisioningSeconds",
                "RetainAllVariantProperties",
            ]
            .iter()
            .any(|m| path.ends_with(m))
        };
        for c in self.out.iter_mut().filter(|c| moves_plan(&c.path)) {
            c.meaning.push_str(&note);
        }
    }
}

/// `ml.m5.xlarge × 10` or `serverless, 2048 MB`.
fn variant_shown(v: &ProductionVariant) -> String {
    let name = name_or_unnamed(v.variant_name.as_deref().unwrap_or(""));
    match &v.serverless_config {
        Some(s) => format!(
            "{name}: serverless{}",
            s.memory_size_in_mb
                .map_or(String::new(), |m| format!(", {m} MB"))
        ),
        None => format!(
            "{name}: {} × {}",
            v.instance_type.as_deref().unwrap_or("no type"),
            v.initial_instance_count
                .map_or("?".to_string(), |c| c.to_string())
        ),
    }
}

/// The running fleet's size: every current instance-based variant's count.
fn running_words(s: &Side) -> String {
    let total = s
        .doc
        .endpoint
        .current_variants
        .iter()
        .filter(|v| !v.is_serverless())
        .map(|v| {
            v.initial_instance_count
                .unwrap_or(0)
                .clamp(0, i64::from(i32::MAX))
        })
        .fold(0_i64, i64::saturating_add);
    plural(total, "instance")
}

fn bake_sentence(w: &Walker, l: &Leaf<'_, i64>, what: &str, per: &str) -> String {
    let steps = i64::from(w.a.plan.steps);
    let each = if steps > 1 {
        format!("each of the {}", plural(steps, per))
    } else {
        format!("the {per}")
    };
    match (l.before, l.after) {
        (Some(&b), Some(&a)) if a < b => format!(
            "{what} cut from {} to {}: alarms watch {each} for {} instead of {}",
            humane_duration(b),
            humane_duration(a),
            humane_duration(a),
            humane_duration(b)
        ),
        (Some(&b), Some(&a)) => format!(
            "{what} raised from {} to {}: alarms watch {each} for {} instead of {}",
            humane_duration(b),
            humane_duration(a),
            humane_duration(a),
            humane_duration(b)
        ),
        (None, Some(&a)) => format!(
            "{what} of {} added: alarms watch {each} for {}",
            humane_duration(a),
            humane_duration(a)
        ),
        (Some(&b), None) => format!(
            "{what} of {} removed: SageMaker requires one; the simulation bakes 0s",
            humane_duration(b)
        ),
        (None, None) => String::new(),
    }
}

/// `effect` is the verb phrase for one instance and for several
/// (`takes the first traffic` / `take the first traffic`).
fn size_sentence(
    w: &Walker,
    l: &Leaf<'_, CapacitySize>,
    what: &str,
    effect: (&str, &str),
    applies: bool,
    needed_by: &str,
) -> String {
    let (fb, fa) = (w.b.fleet_words(), w.a.fleet_words());
    let verb = |k: Option<i64>| if k == Some(1) { effect.0 } else { effect.1 };
    match (l.before, l.after) {
        (Some(b), Some(a)) => {
            let sizes = if fb == fa {
                format!("{} → {} of {fa}", size_short(b), size_short(a))
            } else {
                format!("{} of {fb} → {} of {fa}", size_short(b), size_short(a))
            };
            let (kb, ka) = (w.b.size_count(b), w.a.size_count(a));
            let counts = match (kb, ka) {
                (Some(kb), Some(ka)) => format!("{kb} → {}", plural(ka, "instance")),
                _ => format!("{} → {}", w.b.size_words(b), w.a.size_words(a)),
            };
            format!("{what} {sizes}: {counts} {}", verb(ka))
        }
        (None, Some(a)) if applies => format!(
            "{what} {} of {fa} added: {} {}",
            size_short(a),
            w.a.size_words(a),
            verb(w.a.size_count(a))
        ),
        (None, Some(a)) => format!(
            "{what} {} added: it has no effect, the update is not {needed_by}",
            size_short(a)
        ),
        (Some(b), None) if applies => format!(
            "{what} {} removed: {needed_by} needs one (SageMaker refuses the request); the simulation uses 1 instance",
            size_short(b)
        ),
        (Some(b), None) => format!("{what} {} removed", size_short(b)),
        (None, None) => String::new(),
    }
}

fn timeout_sentence(w: &Walker, l: &Leaf<'_, i64>) -> String {
    let pa = w.a.plan_seconds();
    let plan = humane_duration(pa);
    let covers = |m: i64| m >= pa;
    match (l.before, l.after) {
        (Some(&b), Some(&a)) => {
            let verb = if a < b { "cut" } else { "raised" };
            let head = format!(
                "Timeout {verb} from {} to {}",
                humane_duration(b),
                humane_duration(a)
            );
            let before_covered = b >= w.b.plan_seconds();
            match (before_covered, covers(a)) {
                (true, false) => format!(
                    "{head}: Timeout {} no longer covers the plan's {plan}, so the deployment times out and rolls back at {}",
                    humane_duration(a),
                    humane_duration(a)
                ),
                (false, true) => format!("{head}: it now covers the plan's {plan}"),
                (true, true) => format!("{head}: the plan's {plan} still fits"),
                (false, false) => format!(
                    "{head}: still shorter than the plan's {plan}, the deployment times out at {}",
                    humane_duration(a)
                ),
            }
        }
        (None, Some(&a)) if covers(a) => format!(
            "Timeout of {} added: it covers the plan's {plan}",
            humane_duration(a)
        ),
        (None, Some(&a)) => format!(
            "Timeout of {} added: shorter than the plan's {plan}, so the deployment times out and rolls back at {}",
            humane_duration(a),
            humane_duration(a)
        ),
        (Some(&b), None) => format!(
            "Timeout of {} removed: nothing cuts the deployment short (the plan takes {plan})",
            humane_duration(b)
        ),
        (None, None) => String::new(),
    }
}

/// Pairs two keyed lists: equal keys first (in order), then what is left at the same
/// position, then the rest as removed (before only) or added (after only). Sorted by
/// position, removals before additions at the same position.
fn pair<K: PartialEq>(before: &[K], after: &[K]) -> Vec<(Option<usize>, Option<usize>)> {
    let mut used = vec![false; after.len()];
    let mut matched: Vec<Option<usize>> = vec![None; before.len()];
    for (i, k) in before.iter().enumerate() {
        if let Some(j) = (0..after.len()).find(|&j| !used[j] && after[j] == *k) {
            used[j] = true;
            matched[i] = Some(j);
        }
    }
    for i in 0..before.len() {
        if matched[i].is_none() && i < after.len() && !used[i] {
            used[i] = true;
            matched[i] = Some(i);
        }
    }
    let mut out: Vec<(Option<usize>, Option<usize>)> = matched
        .iter()
        .enumerate()
        .map(|(i, j)| (Some(i), *j))
        .collect();
    out.extend(
        used.iter()
            .enumerate()
            .filter(|(_, u)| !**u)
            .map(|(j, _)| (None, Some(j))),
    );
    out.sort_by_key(|(i, j)| (j.or(*i).unwrap_or(0), j.is_some()));
    out
}

fn outcome_words(sim: &Simulation) -> String {
    let at = humane_duration(sim.summary.total_seconds);
    match sim.summary.outcome {
        Outcome::Succeeded => "succeeds".to_string(),
        Outcome::RolledBackAlarm => format!(
            "rolls back (alarm at {})",
            humane_duration(sim.alarm_at.unwrap_or(sim.summary.total_seconds))
        ),
        Outcome::RolledBackTimeout => format!(
            "times out at {} and rolls back (done at {at})",
            humane_duration(sim.timeout_at.unwrap_or(0))
        ),
        Outcome::FailedCapacity => "is refused: over the instance quota".to_string(),
        Outcome::UpdateRollbackFailed => "rolls back, but the rollback is over the instance quota".to_string(),
    }
}

/// The exposure figure of [`FigureKind::AlarmExposure`], in percent, and why when 100%.
fn alarm_exposure(s: &Side) -> (f64, &'static str) {
    if s.alarm_names().is_empty() {
        return (100.0, " (no alarm)");
    }
    let events = &s.plan.events;
    let first_bake = events
        .iter()
        .enumerate()
        .find(|(i, e)| e.phase == Phase::Baking && events.get(i + 1).is_some_and(|n| n.t > e.t));
    match first_bake {
        Some((_, e)) => (e.new_traffic_percent, ""),
        None => (100.0, " (no bake to watch)"),
    }
}

fn figures(b: &Side, a: &Side) -> Vec<Figure> {
    let fig = |kind, before: String, after: String| Figure {
        kind,
        changed: before != after,
        before,
        after,
    };
    let full = |s: &Side| {
        s.sim
            .summary
            .time_to_full_traffic
            .map_or("never".to_string(), humane_duration)
    };
    let exposure = |s: &Side| {
        let (p, why) = alarm_exposure(s);
        format!("{}{why}", percent(p))
    };
    vec![
        fig(
            FigureKind::Outcome,
            outcome_words(&b.sim),
            outcome_words(&a.sim),
        ),
        fig(
            FigureKind::TotalDuration,
            humane_duration(b.sim.summary.total_seconds),
            humane_duration(a.sim.summary.total_seconds),
        ),
        fig(FigureKind::TimeToFullTraffic, full(b), full(a)),
        fig(
            FigureKind::PeakInstances,
            plural(b.sim.summary.peak_instances, "instance"),
            plural(a.sim.summary.peak_instances, "instance"),
        ),
        fig(
            FigureKind::InstanceHours,
            format!("{:.1}", b.sim.summary.instance_hours),
            format!("{:.1}", a.sim.summary.instance_hours),
        ),
        fig(FigureKind::AlarmExposure, exposure(b), exposure(a)),
    ]
}
