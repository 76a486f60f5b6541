//! A design against a team's rules: for each rule whose endpoint pattern matches the
//! design's endpoint, each bound is compared with what the design does, measured by the
//! core (fleets through `fleet`, the plan's duration, peak and instance-hours through the
//! simulator, an alarm's detection time through `alarms`), never recomputed here.
//!
//! A value the design does not give (a placeholder: `var.canary`, `!Ref Bake`) is not
//! judged: its own finding (P1) already says it is missing. A design that breaks the
//! service's rules is still judged where its numbers allow, as the page shows both.

use crate::{Bound, Constraint, NamePattern, Rule, Rules, Share, StrategyName, TeamFinding};
use designer_core::alarms::{detect_seconds, rollback_alarms};
use designer_core::fleet::{fleets, size_in_instances, size_share_percent};
use designer_core::format::humane_duration;
use designer_core::model::{CapacitySize, DesignDocument, Strategy};
use designer_core::simulate::simulate;

const BLUE_GREEN: &str = "DeploymentConfig.BlueGreenUpdatePolicy";
const ROUTING: &str = "DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration";
const ROLLING: &str = "DeploymentConfig.RollingUpdatePolicy";
const ALARMS: &str = "DeploymentConfig.AutoRollbackConfiguration.Alarms";

/// `45 s`, `600 s (10m)`.
pub(crate) fn secs(s: i64) -> String {
    if s.abs() < 60 {
        format!("{s} s")
    } else {
        format!("{s} s ({})", humane_duration(s))
    }
}

fn percent(p: f64) -> String {
    if (p - p.round()).abs() < 0.05 {
        format!("{}%", p.round() as i64)
    } else {
        format!("{p:.1}%")
    }
}

/// What the simulator says of the design's rollout when nothing goes wrong.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PlanFigures {
    /// How long the whole plan takes (provisioning, bakes, termination wait).
    pub plan_seconds: i64,
    /// The most instances running at once.
    pub peak_instances: i64,
    pub instance_hours: f64,
}

/// The figures of the rollout as planned: the design simulated with no failure drill and
/// no timeout, so that a timeout shorter than the plan does not cut the plan short.
pub fn plan_figures(doc: &DesignDocument) -> PlanFigures {
    let mut plan = doc.clone();
    plan.simulation.failure = None;
    if let Some(dc) = plan.request.deployment_config.as_mut() {
        if let Some(bg) = dc.blue_green_update_policy.as_mut() {
            bg.maximum_execution_timeout_in_seconds = None;
        }
        if let Some(r) = dc.rolling_update_policy.as_mut() {
            r.maximum_execution_timeout_in_seconds = None;
        }
    }
    let s = simulate(&plan).summary;
    PlanFigures { plan_seconds: s.total_seconds, peak_instances: s.peak_instances, instance_hours: s.instance_hours }
}

/// Every finding of `doc` against `rules`, in the order of the rules file.
pub fn check(rules: &Rules, doc: &DesignDocument) -> Vec<TeamFinding> {
    let mut c = Checker { doc, figures: None, out: Vec::new() };
    for rule in &rules.rules {
        c.rule(rule);
    }
    c.out
}

struct Checker<'d> {
    doc: &'d DesignDocument,
    figures: Option<PlanFigures>,
    out: Vec<TeamFinding>,
}

impl Checker<'_> {
    fn figures(&mut self) -> PlanFigures {
        *self.figures.get_or_insert_with(|| plan_figures(self.doc))
    }

    /// True when the text left `path` (or a member around or inside it) to a placeholder.
    fn unknown(&self, path: &str) -> bool {
        self.doc.placeholders.iter().any(|p| {
            let inside = |outer: &str, inner: &str| {
                inner == outer || inner.strip_prefix(outer).is_some_and(|rest| rest.starts_with(['.', '[']))
            };
            inside(&p.path, path) || inside(path, &p.path)
        })
    }

    fn rule(&mut self, rule: &Rule) {
        // A name the text does not give (a variable, `!Sub "scoring-${Stage}"`) may be any
        // name when deployed, so the rule applies, and the finding says why.
        let unnamed_note = match self.doc.request.endpoint_name.as_deref() {
            Some(name) if !self.unknown("EndpointName") => {
                if !rule.applies_to(name) {
                    return;
                }
                None
            }
            _ if rule.endpoints.iter().all(NamePattern::is_any) => None,
            _ => {
                let expr = self
                    .doc
                    .placeholders
                    .iter()
                    .find(|p| p.path == "EndpointName")
                    .map_or("not given".to_string(), |p| format!("`{}`", p.expression));
                let patterns: Vec<&str> = rule.endpoints.iter().map(NamePattern::as_str).collect();
                Some(format!(
                    " The endpoint's name is {expr} in this text, so it may be deployed under a name the rule's {} match{}: the rule applies.",
                    patterns.join(", "),
                    if patterns.len() == 1 { "es" } else { "" }
                ))
            }
        };
        let mut found = Vec::new();
        for constraint in &rule.constraints {
            self.constraint(rule, constraint, &mut found);
        }
        for (path, explanation) in found {
            self.out.push(TeamFinding {
                rule: rule.name.clone(),
                severity: rule.severity,
                message: rule.message.clone(),
                path,
                explanation: match &unnamed_note {
                    Some(note) => format!("{explanation}{note}"),
                    None => explanation,
                },
            });
        }
    }

    fn constraint(&mut self, rule: &Rule, c: &Constraint, found: &mut Vec<(String, String)>) {
        let doc = self.doc;
        let title = format!("your team's rule `{}`", rule.name);
        let strategy = doc.request.strategy();
        let dc = doc.request.deployment_config.as_ref();
        let bg = dc.and_then(|d| d.blue_green_update_policy.as_ref());
        let routing = bg.and_then(|b| b.traffic_routing_configuration.as_ref());
        let rolling = dc.and_then(|d| d.rolling_update_policy.as_ref());
        match c {
            Constraint::Strategies(allowed) => {
                let name = match strategy {
                    Strategy::Default => StrategyName::Default,
                    Strategy::AllAtOnce => StrategyName::AllAtOnce,
                    Strategy::Canary => StrategyName::Canary,
                    Strategy::Linear => StrategyName::Linear,
                    Strategy::Rolling => StrategyName::Rolling,
                };
                let path = match strategy {
                    Strategy::Default => "DeploymentConfig".to_string(),
                    Strategy::Rolling => ROLLING.to_string(),
                    _ => format!("{ROUTING}.Type"),
                };
                if !allowed.contains(&name) && !self.unknown(&path) {
                    let names: Vec<&str> = allowed.iter().map(|s| s.as_str()).collect();
                    found.push((
                        path,
                        format!(
                            "The design deploys {} ({}); {title} allows {}.",
                            strategy.label().to_lowercase(),
                            name.as_str(),
                            names.join(", ")
                        ),
                    ));
                }
            }
            Constraint::Canary(b) if strategy == Strategy::Canary => {
                let size = routing.and_then(|r| r.canary_size.as_ref());
                self.share(b, size, &format!("{ROUTING}.CanarySize"), "canary", &title, found);
            }
            Constraint::LinearStep(b) if strategy == Strategy::Linear => {
                let size = routing.and_then(|r| r.linear_step_size.as_ref());
                self.share(b, size, &format!("{ROUTING}.LinearStepSize"), "linear step", &title, found);
            }
            Constraint::RollingBatch(b) if strategy == Strategy::Rolling => {
                let size = rolling.and_then(|r| r.maximum_batch_size.as_ref());
                self.share(b, size, &format!("{ROLLING}.MaximumBatchSize"), "rolling batch", &title, found);
            }
            Constraint::Canary(_) | Constraint::LinearStep(_) | Constraint::RollingBatch(_) => {}
            Constraint::Bake(b) => {
                let Some((path, bake, what)) = self.bake() else { return };
                if let Some(lo) = b.at_least.filter(|lo| bake < *lo) {
                    found.push((path.clone(), format!("{what} {}; {title} asks for at least {}.", secs(bake), secs(lo))));
                }
                if let Some(hi) = b.at_most.filter(|hi| bake > *hi) {
                    found.push((path, format!("{what} {}; {title} allows at most {}.", secs(bake), secs(hi))));
                }
            }
            Constraint::TerminationWait(b) => {
                if bg.is_none() {
                    return;
                }
                let path = format!("{BLUE_GREEN}.TerminationWaitInSeconds");
                if self.unknown(&path) {
                    return;
                }
                let (wait, how) = match bg.and_then(|b| b.termination_wait_in_seconds) {
                    Some(w) => (w, String::new()),
                    None => (0, " (TerminationWaitInSeconds is not set: AWS's default is 0)".to_string()),
                };
                if let Some(lo) = b.at_least.filter(|lo| wait < *lo) {
                    found.push((
                        path.clone(),
                        format!("The old fleet is kept {} after the shift{how}; {title} asks for at least {}.", secs(wait), secs(lo)),
                    ));
                }
                if let Some(hi) = b.at_most.filter(|hi| wait > *hi) {
                    found.push((path, format!("The old fleet is kept {} after the shift; {title} allows at most {}.", secs(wait), secs(hi))));
                }
            }
            Constraint::Timeout { required, above_plan } => {
                let (path, timeout) = match (bg, rolling) {
                    (Some(b), _) => (format!("{BLUE_GREEN}.MaximumExecutionTimeoutInSeconds"), b.maximum_execution_timeout_in_seconds),
                    (None, Some(r)) => (format!("{ROLLING}.MaximumExecutionTimeoutInSeconds"), r.maximum_execution_timeout_in_seconds),
                    (None, None) => {
                        found.push((
                            "DeploymentConfig".to_string(),
                            format!("The design has no update policy, so it cannot set MaximumExecutionTimeoutInSeconds; {title} asks for a timeout{}.", if *above_plan { " above the plan" } else { "" }),
                        ));
                        return;
                    }
                };
                if self.unknown(&path) {
                    return;
                }
                match timeout {
                    None if *required => found.push((
                        path,
                        format!("MaximumExecutionTimeoutInSeconds is not set, so a stuck deployment runs until AWS's own limit; {title} asks for a timeout{}.", if *above_plan { " above the plan" } else { "" }),
                    )),
                    Some(t) if *above_plan => {
                        let plan = self.figures().plan_seconds;
                        if t <= plan {
                            found.push((
                                path,
                                format!(
                                    "The timeout is {}, but the plan takes {} (simulated: provisioning, every bake and the termination wait), so the deployment times out and rolls back before it ends; {title} asks for a timeout above the plan.",
                                    secs(t),
                                    secs(plan)
                                ),
                            ));
                        }
                    }
                    _ => {}
                }
            }
            Constraint::RollbackAlarms { at_least, detect_within_bake } => {
                if self.unknown(ALARMS) {
                    return;
                }
                let listed = dc
                    .and_then(|d| d.auto_rollback_configuration.as_ref())
                    .and_then(|a| a.alarms.as_ref())
                    .map_or(0, Vec::len);
                if let Some(n) = at_least.filter(|n| (listed as i64) < *n) {
                    found.push((
                        ALARMS.to_string(),
                        format!(
                            "The design lists {} rollback alarm{}; {title} asks for at least {n}.",
                            listed,
                            if listed == 1 { "" } else { "s" }
                        ),
                    ));
                }
                if *detect_within_bake {
                    let Some((_, bake, _)) = self.bake() else { return };
                    for (name, def) in rollback_alarms(doc) {
                        let Some((i, a)) = def else { continue };
                        let Some(d) = detect_seconds(a).filter(|d| *d > bake) else { continue };
                        found.push((
                            format!("Alarms[{i}].Period"),
                            format!(
                                "The rollback alarm `{name}` needs {} to go to ALARM after a problem starts (period × datapoints + publishing), longer than the {} bake it must act in; {title} asks for each to trip within the bake.",
                                secs(d),
                                secs(bake)
                            ),
                        ));
                    }
                }
            }
            Constraint::Retain { all_variant_properties, deployment_config } => {
                let checks = [
                    ("RetainAllVariantProperties", *all_variant_properties, doc.request.retain_all_variant_properties),
                    ("RetainDeploymentConfig", *deployment_config, doc.request.retain_deployment_config),
                ];
                for (member, wanted, actual) in checks {
                    let Some(wanted) = wanted else { continue };
                    if self.unknown(member) || actual.unwrap_or(false) == wanted {
                        continue;
                    }
                    let is = match actual {
                        Some(v) => format!("{member} is {v}"),
                        None => format!("{member} is not set (false)"),
                    };
                    found.push((member.to_string(), format!("{is}; {title} asks for {wanted}.")));
                }
            }
            Constraint::InstanceTypes(allowed) => {
                for (i, v) in doc.endpoint.new_variants.iter().enumerate() {
                    let Some(t) = v.instance_type.as_deref() else { continue };
                    let path = format!("Endpoint.NewVariants[{i}].InstanceType");
                    if v.is_serverless() || self.unknown(&path) || allowed.iter().any(|p| p.matches(t)) {
                        continue;
                    }
                    let names: Vec<&str> = allowed.iter().map(NamePattern::as_str).collect();
                    let variant = v.variant_name.as_deref().map_or(String::new(), |n| format!(" `{n}`"));
                    found.push((path, format!("The new variant{variant} runs on {t}; {title} allows {}.", names.join(", "))));
                }
            }
            Constraint::PeakInstances(n) => {
                let f = self.figures();
                if f.peak_instances > *n {
                    found.push((
                        "DeploymentConfig".to_string(),
                        format!("The rollout runs {} instances at its peak (old and new fleets together, simulated); {title} allows at most {n}.", f.peak_instances),
                    ));
                }
            }
            Constraint::InstanceHours(h) => {
                let f = self.figures();
                if f.instance_hours > *h {
                    found.push((
                        "DeploymentConfig".to_string(),
                        format!("The rollout uses {:.1} instance-hours (simulated, both fleets); {title} allows at most {h}.", f.instance_hours),
                    ));
                }
            }
        }
    }

    /// The bake: its path, seconds and how to say it. `None` when the design leaves it out
    /// (the service's own rules say so) or to a placeholder.
    fn bake(&self) -> Option<(String, i64, &'static str)> {
        let dc = self.doc.request.deployment_config.as_ref();
        let (path, wait) = match self.doc.request.strategy() {
            Strategy::Default => return Some(("DeploymentConfig".to_string(), 0, "The design has no update policy: SageMaker shifts all traffic at once and bakes")),
            Strategy::Rolling => (
                format!("{ROLLING}.WaitIntervalInSeconds"),
                dc.and_then(|d| d.rolling_update_policy.as_ref()).and_then(|r| r.wait_interval_in_seconds),
            ),
            _ => (
                format!("{ROUTING}.WaitIntervalInSeconds"),
                dc.and_then(|d| d.blue_green_update_policy.as_ref())
                    .and_then(|b| b.traffic_routing_configuration.as_ref())
                    .and_then(|t| t.wait_interval_in_seconds),
            ),
        };
        if self.unknown(&path) {
            return None;
        }
        Some((path, wait?, "Each step bakes"))
    }

    /// A size against a bound, for each variant with instances.
    fn share(
        &self,
        b: &Bound<Share>,
        size: Option<&CapacitySize>,
        path: &str,
        what: &str,
        title: &str,
        found: &mut Vec<(String, String)>,
    ) {
        let Some(size) = size else { return };
        if self.unknown(path) {
            return;
        }
        let written = match (&size.type_, size.value) {
            (Some(t), Some(v)) => format!("{} {v}", t.wire()),
            _ => return,
        };
        for f in fleets(self.doc) {
            let n = f.new_instances;
            if f.serverless || n <= 0 {
                continue;
            }
            let (Some(count), Some(pct)) = (size_in_instances(size, n), size_share_percent(size, n)) else { continue };
            let variant = if f.name.is_empty() { "the variant".to_string() } else { format!("the variant `{}`", f.name) };
            let describe = format!(
                "The {what} ({written}) is {count} of {variant}'s {n} instances, {} of its fleet",
                percent(pct)
            );
            let breaks = |limit: Share, above: bool| match limit {
                Share::Percent(p) => if above { pct > p as f64 + 1e-9 } else { pct + 1e-9 < p as f64 },
                Share::Count(c) => if above { count > c } else { count < c },
            };
            let words = |limit: Share| match limit {
                Share::Percent(p) => format!("{p}%"),
                Share::Count(c) => format!("{c} instance{}", if c == 1 { "" } else { "s" }),
            };
            if let Some(hi) = b.at_most.filter(|hi| breaks(*hi, true)) {
                found.push((path.to_string(), format!("{describe}; {title} allows at most {}.", words(hi))));
                return;
            }
            if let Some(lo) = b.at_least.filter(|lo| breaks(*lo, false)) {
                found.push((path.to_string(), format!("{describe}; {title} asks for at least {}.", words(lo))));
                return;
            }
        }
    }
}
