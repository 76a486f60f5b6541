//! A team's own rules over a deployment design: a rules file the team keeps in its repository
//! (YAML or JSON; its JSON Schema is `team-rules.schema.json` beside this crate), read with
//! every mistake located ([`read`]), and checked against a design ([`check`]). Each finding
//! is a [`TeamFinding`] with the id `team:<name>`, beside the service's rules of the core's
//! registry (`designer_core::rules`), which it does not extend.
//!
//! ```yaml
//! version: 1
//! rules:
//!   - name: prod-canary-max
//!     severity: error
//!     message: Production canaries take at most 10% of the fleet.
//!     endpoints: "*-prod"
//!     canary: { at_most: 10% }
//!     bake: { at_least: 10m }
//! ```
//!
//! **Why a fixed vocabulary and not an expression language.** A general rule engine or
//! expression crate was the first candidate: CEL (`cel-interpreter`), `evalexpr`,
//! JsonLogic (`jsonlogic-rs`) or an embedded script (`rhai`). Each would let a rule say
//! `canary.share <= 10`, but none fits what this file must do:
//! - every rule is held to AWS's own limits when the file is read (a canary "at most 60%"
//!   when AWS caps it at 50%, a bake over 3600 s): that needs to know what each bound is
//!   about, which an opaque expression hides;
//! - a finding names the design path it concerns and explains itself with the design's
//!   numbers ("the canary is 2 of 10 instances, 20%"), which needs the same knowledge;
//! - the JSON Schema a team's editor validates against can only describe named keys, not
//!   the inside of an expression string;
//! - the module runs in the page's on-demand wasm, where an interpreter and its parser
//!   would add far more than the few hundred lines here.
//!
//! So a rule is a set of named bounds, each a key of the schema ([`Constraint`]): the
//! vocabulary is the issue's list, and a new kind of bound is one enum arm, one reader arm,
//! one check and one schema entry.

pub mod aws;
mod check;
mod names;
mod read;
mod yaml;

pub use check::{check, plan_figures, PlanFigures};
pub use names::NamePattern;
pub use read::{read, to_json, RulesError, RulesProblem};

use designer_core::model::DesignDocument;
use designer_core::validate::Severity;

/// The file format version this crate reads (the file's `version`, 1 when absent).
pub const FORMAT_VERSION: i64 = 1;

/// The JSON Schema of a rules file, as published beside the crate.
pub const SCHEMA: &str = include_str!("../team-rules.schema.json");

/// A team's rules file, read.
#[derive(Clone, Debug, PartialEq)]
pub struct Rules {
    pub rules: Vec<Rule>,
}

/// One named rule: what it requires of the designs of the endpoints it applies to.
#[derive(Clone, Debug, PartialEq)]
pub struct Rule {
    /// Unique in the file: `prod-canary-max`. Findings carry `team:<name>`.
    pub name: String,
    pub severity: Severity,
    /// The team's own sentence, shown with each finding.
    pub message: String,
    /// The endpoint names it applies to (any of them); `*` when the file gives none.
    pub endpoints: Vec<NamePattern>,
    /// What it requires; never empty.
    pub constraints: Vec<Constraint>,
    /// Where the rule starts in the rules file (1-based).
    pub line: u32,
    pub column: u32,
}

/// A capacity bound: a share of the variant's fleet or a number of instances.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Share {
    /// `10%`.
    Percent(i64),
    /// `2`: instances.
    Count(i64),
}

/// At least and/or at most.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct Bound<T> {
    pub at_least: Option<T>,
    pub at_most: Option<T>,
}

/// A deployment strategy as a rules file names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StrategyName {
    /// No update policy: SageMaker's default, all traffic at once with no bake.
    Default,
    AllAtOnce,
    Canary,
    Linear,
    Rolling,
}

impl StrategyName {
    /// Every name, as the file spells it.
    pub const ALL: &'static [(&'static str, StrategyName)] = &[
        ("default", StrategyName::Default),
        ("all-at-once", StrategyName::AllAtOnce),
        ("canary", StrategyName::Canary),
        ("linear", StrategyName::Linear),
        ("rolling", StrategyName::Rolling),
    ];

    /// The file's spelling.
    pub fn as_str(self) -> &'static str {
        StrategyName::ALL.iter().find(|(_, s)| *s == self).map_or("", |(n, _)| n)
    }
}

/// One thing a rule requires.
#[derive(Clone, Debug, PartialEq)]
pub enum Constraint {
    /// `strategies`: the strategies allowed.
    Strategies(Vec<StrategyName>),
    /// `canary`: the canary's size, per variant.
    Canary(Bound<Share>),
    /// `linear_step`: each linear step's size, per variant.
    LinearStep(Bound<Share>),
    /// `rolling_batch`: a rolling update's `MaximumBatchSize`.
    RollingBatch(Bound<Share>),
    /// `bake`: the baking period (`WaitIntervalInSeconds`), in seconds.
    Bake(Bound<i64>),
    /// `termination_wait`: `TerminationWaitInSeconds` of a blue/green update.
    TerminationWait(Bound<i64>),
    /// `timeout`: `MaximumExecutionTimeoutInSeconds` set, and above the plan's duration.
    Timeout { required: bool, above_plan: bool },
    /// `rollback_alarms`: at least n rollback alarms, and (for alarms the design defines)
    /// each able to trip within the bake.
    RollbackAlarms { at_least: Option<i64>, detect_within_bake: bool },
    /// `retain`: the values `RetainAllVariantProperties` and `RetainDeploymentConfig` must have.
    Retain { all_variant_properties: Option<bool>, deployment_config: Option<bool> },
    /// `instance_types`: the instance types the new fleet may use (patterns).
    InstanceTypes(Vec<NamePattern>),
    /// `peak_instances`: the most instances the rollout may run at once.
    PeakInstances(i64),
    /// `instance_hours`: the most instance-hours the rollout may use.
    InstanceHours(f64),
}

/// One way a design breaks a team's rule.
#[derive(Clone, Debug, PartialEq)]
pub struct TeamFinding {
    /// The rule's name (the finding's id is `team:<name>`, [`TeamFinding::id`]).
    pub rule: String,
    pub severity: Severity,
    /// The rule's message, as the team wrote it.
    pub message: String,
    /// The design path it concerns, botocore-style:
    /// `DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration.CanarySize`.
    pub path: String,
    /// What the design does, with its numbers, against what the rule allows.
    pub explanation: String,
}

impl TeamFinding {
    /// `team:<name>`: the finding's rule id, beside the registry's `R4`, `S2`...
    pub fn id(&self) -> String {
        format!("team:{}", self.rule)
    }

    /// How a person names the rule: your team's rule `prod-canary-max`.
    pub fn title(&self) -> String {
        format!("your team's rule `{}`", self.rule)
    }
}

/// The team's findings as a section of the review Markdown (the page's review summary and
/// `designer review`), every text through the review's own escaping.
pub fn review_section(found: &[TeamFinding]) -> String {
    use designer_review::{code, text};
    let mut out = String::from("\n## Your team's rules\n\n");
    if found.is_empty() {
        out.push_str("The design meets every rule of the team's rules file.\n");
    }
    for f in found {
        out.push_str(&format!(
            "- {} of your team's rule {} at {}: {} {}\n",
            f.severity.as_str(),
            code(&f.rule),
            code(&f.path),
            text(&f.message),
            text(&f.explanation)
        ));
    }
    out
}

/// The review section for a design that keeps its team's rules (`Rules`), if it does and
/// they read.
pub fn review_section_of(doc: &DesignDocument) -> Option<String> {
    let rules = read(doc.rules.as_deref()?).ok()?;
    Some(review_section(&check(&rules, doc)))
}

/// Reads `rules_text` and checks `doc` against it: the string-in call the page's on-demand
/// module makes.
pub fn check_text(rules_text: &str, doc: &DesignDocument) -> Result<Vec<TeamFinding>, RulesError> {
    Ok(check(&read(rules_text)?, doc))
}

impl Rule {
    /// What the rule requires, in a line: `canary at most 10%; bake at least 10 min`.
    pub fn summary(&self) -> String {
        let parts: Vec<String> = self.constraints.iter().map(Constraint::summary).collect();
        let scope: Vec<&str> = self.endpoints.iter().map(NamePattern::as_str).collect();
        format!("{} (endpoints {})", parts.join("; "), scope.join(", "))
    }

    /// True when the rule applies to an endpoint named `name`.
    pub fn applies_to(&self, name: &str) -> bool {
        self.endpoints.iter().any(|p| p.matches(name))
    }
}

impl Constraint {
    /// The file's key for this constraint.
    pub fn key(&self) -> &'static str {
        match self {
            Constraint::Strategies(_) => "strategies",
            Constraint::Canary(_) => "canary",
            Constraint::LinearStep(_) => "linear_step",
            Constraint::RollingBatch(_) => "rolling_batch",
            Constraint::Bake(_) => "bake",
            Constraint::TerminationWait(_) => "termination_wait",
            Constraint::Timeout { .. } => "timeout",
            Constraint::RollbackAlarms { .. } => "rollback_alarms",
            Constraint::Retain { .. } => "retain",
            Constraint::InstanceTypes(_) => "instance_types",
            Constraint::PeakInstances(_) => "peak_instances",
            Constraint::InstanceHours(_) => "instance_hours",
        }
    }

    /// In words.
    pub fn summary(&self) -> String {
        let key = self.key().replace('_', " ");
        match self {
            Constraint::Strategies(s) => {
                let names: Vec<&str> = s.iter().map(|s| s.as_str()).collect();
                format!("strategy one of {}", names.join(", "))
            }
            Constraint::Canary(b) | Constraint::LinearStep(b) | Constraint::RollingBatch(b) => {
                format!("{key} {}", bound_words(b, share_words))
            }
            Constraint::Bake(b) | Constraint::TerminationWait(b) => {
                format!("{key} {}", bound_words(b, |s| check::secs(*s)))
            }
            Constraint::Timeout { required, above_plan } => match (required, above_plan) {
                (_, true) => "timeout set and above the plan".to_string(),
                _ => "timeout set".to_string(),
            },
            Constraint::RollbackAlarms { at_least, detect_within_bake } => {
                let mut out = Vec::new();
                if let Some(n) = at_least {
                    out.push(format!("at least {n} rollback alarm{}", if *n == 1 { "" } else { "s" }));
                }
                if *detect_within_bake {
                    out.push("each defined alarm trips within the bake".to_string());
                }
                out.join(", ")
            }
            Constraint::Retain { all_variant_properties, deployment_config } => {
                let mut out = Vec::new();
                if let Some(v) = all_variant_properties {
                    out.push(format!("RetainAllVariantProperties {v}"));
                }
                if let Some(v) = deployment_config {
                    out.push(format!("RetainDeploymentConfig {v}"));
                }
                out.join(", ")
            }
            Constraint::InstanceTypes(p) => {
                let names: Vec<&str> = p.iter().map(NamePattern::as_str).collect();
                format!("instance types {}", names.join(", "))
            }
            Constraint::PeakInstances(n) => format!("peak instances at most {n}"),
            Constraint::InstanceHours(h) => format!("instance-hours at most {h}"),
        }
    }
}

fn share_words(s: &Share) -> String {
    match s {
        Share::Percent(p) => format!("{p}%"),
        Share::Count(n) => format!("{n} instance{}", if *n == 1 { "" } else { "s" }),
    }
}

fn bound_words<T>(b: &Bound<T>, words: impl Fn(&T) -> String) -> String {
    match (&b.at_least, &b.at_most) {
        (Some(lo), Some(hi)) => format!("at least {} and at most {}", words(lo), words(hi)),
        (Some(lo), None) => format!("at least {}", words(lo)),
        (None, Some(hi)) => format!("at most {}", words(hi)),
        (None, None) => String::new(),
    }
}
