//! Reading a rules file: YAML or JSON onto the core's positioned value tree, then each key
//! read with its place, so that every mistake (an unknown key, a wrong type, a pattern no
//! name can match, a bound AWS's own limits contradict) is named with its line and column.
//! Every mistake of the file is reported, not only the first.

use crate::aws::{self, ShareLimit};
use crate::names::NamePattern;
use crate::{Bound, Constraint, Rule, Rules, Share, StrategyName, FORMAT_VERSION};
use designer_core::limits::{IntRange, INSTANCE_TYPES};
use designer_core::validate::Severity;
use designer_core::value::{Entry, Kind, Pos, Value};
use std::fmt;

/// One mistake in a rules file.
#[derive(Clone, Debug, PartialEq)]
pub struct RulesProblem {
    /// Self-contained: names the rule and the key.
    pub message: String,
    /// 1-based line and column (in characters) in the rules file.
    pub line: u32,
    pub column: u32,
    /// Where in the file's structure: `rules[2].canary.at_most`.
    pub path: String,
}

/// A rules file that cannot be used: every mistake found in it, in the order of the file.
#[derive(Clone, Debug, PartialEq)]
pub struct RulesError {
    pub problems: Vec<RulesProblem>,
}

impl fmt::Display for RulesError {
    /// One line per mistake: `line 4, column 16: ...`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.problems.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "line {}, column {}: {}", p.line, p.column, p.message)?;
        }
        Ok(())
    }
}

impl std::error::Error for RulesError {}

const TOP_KEYS: &[&str] = &["version", "rules", "$schema"];
const RULE_KEYS: &[&str] = &["name", "severity", "message", "endpoints", "description"];
const CONSTRAINT_KEYS: &[&str] = &[
    "strategies",
    "canary",
    "linear_step",
    "rolling_batch",
    "bake",
    "termination_wait",
    "timeout",
    "rollback_alarms",
    "retain",
    "instance_types",
    "peak_instances",
    "instance_hours",
];
const BOUND_KEYS: &[&str] = &["at_least", "at_most"];

/// Reads a rules file (YAML, or JSON when it starts with `{`).
pub fn read(text: &str) -> Result<Rules, RulesError> {
    read_with_tree(text).map(|(rules, _)| rules)
}

/// A good rules file's JSON form (compact), as a design document keeps it (`Rules`): the
/// same rules, whichever language the file was written in.
pub fn to_json(text: &str) -> Result<String, RulesError> {
    read_with_tree(text).map(|(_, tree)| designer_core::write::compact_json(&tree))
}

fn read_with_tree(text: &str) -> Result<(Rules, Value), RulesError> {
    let text = text.trim_start_matches('\u{feff}');
    let one = |pos: Pos, message: String| RulesError {
        problems: vec![RulesProblem { message, line: pos.line, column: pos.column, path: String::new() }],
    };
    if text.trim().is_empty() {
        return Err(one(Pos::START, "The rules file is empty: it needs a `rules` list".to_string()));
    }
    let tree = if text.trim_start().starts_with('{') {
        designer_core::json::parse(text)
    } else {
        crate::yaml::parse(text)
    }
    .map_err(|e| one(e.pos, format!("The rules file does not read: {}", e.message)))?;
    let mut r = Reader { problems: Vec::new() };
    let rules = r.file(&tree);
    if r.problems.is_empty() {
        Ok((rules, tree))
    } else {
        Err(RulesError { problems: r.problems })
    }
}

struct Reader {
    problems: Vec<RulesProblem>,
}

fn child(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_string()
    } else {
        format!("{parent}.{key}")
    }
}

fn kind_words(v: &Value) -> &'static str {
    match v.kind {
        Kind::Null => "nothing (null)",
        Kind::Bool(_) => "true or false",
        Kind::Int { .. } | Kind::Float { .. } => "a number",
        Kind::Str(_) => "a string",
        Kind::List(_) => "a list",
        Kind::Map(_) => "a mapping",
        Kind::Placeholder(_) => "an expression",
    }
}

/// " (did you mean `canary`?)" when a known key is close to `key`.
fn suggestion(key: &str, known: &[&str]) -> String {
    known
        .iter()
        .map(|k| (strsim::damerau_levenshtein(key, k), *k))
        .filter(|(d, k)| *d <= 2.max(k.len() / 4))
        .min()
        .map_or(String::new(), |(_, k)| format!(" (did you mean `{k}`?)"))
}

fn secs(s: i64) -> String {
    crate::check::secs(s)
}

impl Reader {
    fn problem(&mut self, pos: Pos, path: &str, message: String) {
        self.problems.push(RulesProblem { message, line: pos.line, column: pos.column, path: path.to_string() });
    }

    fn wrong_type(&mut self, v: &Value, path: &str, what: &str, wanted: &str) {
        self.problem(v.pos, path, format!("{what} is {wanted}, not {}", kind_words(v)));
    }

    fn map<'v>(&mut self, v: &'v Value, path: &str, what: &str) -> Option<&'v [Entry]> {
        match &v.kind {
            Kind::Map(entries) => Some(entries),
            _ => {
                self.wrong_type(v, path, what, "a mapping");
                None
            }
        }
    }

    fn string(&mut self, v: &Value, path: &str, what: &str) -> Option<String> {
        match &v.kind {
            Kind::Str(s) => Some(s.clone()),
            _ => {
                self.wrong_type(v, path, what, "a string");
                None
            }
        }
    }

    fn boolean(&mut self, v: &Value, path: &str, what: &str) -> Option<bool> {
        match v.kind {
            Kind::Bool(b) => Some(b),
            _ => {
                self.wrong_type(v, path, what, "true or false");
                None
            }
        }
    }

    fn int(&mut self, v: &Value, path: &str, what: &str) -> Option<i64> {
        match &v.kind {
            Kind::Int { value: Some(n), .. } => Some(*n),
            _ => {
                self.wrong_type(v, path, what, "a whole number");
                None
            }
        }
    }

    /// A string or a list of strings.
    fn strings(&mut self, v: &Value, path: &str, what: &str) -> Vec<(String, Pos)> {
        match &v.kind {
            Kind::Str(s) => vec![(s.clone(), v.pos)],
            Kind::List(items) => items
                .iter()
                .enumerate()
                .filter_map(|(i, item)| {
                    let s = self.string(item, &format!("{path}[{i}]"), what)?;
                    Some((s, item.pos))
                })
                .collect(),
            _ => {
                self.wrong_type(v, path, what, "a string or a list of strings");
                Vec::new()
            }
        }
    }

    fn unknown(&mut self, e: &Entry, path: &str, where_: &str, known: &[&str]) {
        self.problem(
            e.key_pos,
            &child(path, &e.key),
            format!(
                "Unknown key `{}` in {where_}{}: the keys are {}",
                e.key.escape_debug(),
                suggestion(&e.key, known),
                known.join(", ")
            ),
        );
    }

    fn file(&mut self, v: &Value) -> Rules {
        let mut rules = Vec::new();
        let Some(entries) = self.map(v, "", "A rules file") else {
            return Rules { rules };
        };
        let mut seen_rules = false;
        for e in entries {
            match e.key.as_str() {
                "version" => {
                    if let Some(n) = self.int(&e.value, "version", "`version`") {
                        if n != FORMAT_VERSION {
                            self.problem(
                                e.value.pos,
                                "version",
                                format!("This rules file is version {n}; this designer reads version {FORMAT_VERSION}"),
                            );
                        }
                    }
                }
                "$schema" => {
                    self.string(&e.value, "$schema", "`$schema`");
                }
                "rules" => {
                    seen_rules = true;
                    match &e.value.kind {
                        Kind::List(items) => {
                            for (i, item) in items.iter().enumerate() {
                                if let Some(rule) = self.rule(item, i) {
                                    if let Some(first) = rules.iter().find(|r: &&Rule| r.name == rule.name) {
                                        let line = first.line;
                                        self.problem(
                                            item.pos,
                                            &format!("rules[{i}].name"),
                                            format!("Two rules are named `{}` (the first at line {line}): each rule needs its own name", rule.name),
                                        );
                                    } else {
                                        rules.push(rule);
                                    }
                                }
                            }
                        }
                        _ => self.wrong_type(&e.value, "rules", "`rules`", "a list of rules"),
                    }
                }
                _ => self.unknown(e, "", "the rules file", TOP_KEYS),
            }
        }
        if !seen_rules {
            self.problem(v.pos, "rules", "The rules file has no `rules` list".to_string());
        }
        Rules { rules }
    }

    fn rule(&mut self, v: &Value, i: usize) -> Option<Rule> {
        let path = format!("rules[{i}]");
        let entries = self.map(v, &path, &format!("Rule {}", i + 1))?;
        let before = self.problems.len();
        let name = match v.get("name") {
            Some(n) => self.string(n, &child(&path, "name"), "A rule's `name`"),
            None => {
                self.problem(v.pos, &path, format!("Rule {} has no `name`: give it one, as findings carry it", i + 1));
                None
            }
        };
        if let (Some(n), Some(pos)) = (&name, v.get("name").map(|n| n.pos)) {
            let ok = n.len() <= 64
                && n.starts_with(|c: char| c.is_ascii_alphanumeric())
                && n.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
            if !ok {
                self.problem(
                    pos,
                    &child(&path, "name"),
                    format!("The rule name {:?} is not a plain name: letters, digits, `-`, `_` and `.`, at most 64, starting with a letter or digit", n),
                );
            }
        }
        let label = match &name {
            Some(n) => format!("rule `{n}`"),
            None => format!("rule {}", i + 1),
        };
        let mut severity = Severity::Error;
        let mut message = None;
        let mut endpoints = Vec::new();
        let mut constraints = Vec::new();
        for e in entries {
            let p = child(&path, &e.key);
            let x = &e.value;
            match e.key.as_str() {
                "name" => {}
                "description" => {
                    self.string(x, &p, &format!("The `description` of {label}"));
                }
                "severity" => match self.string(x, &p, &format!("The `severity` of {label}")).as_deref() {
                    Some("error") => severity = Severity::Error,
                    Some("warning") => severity = Severity::Warning,
                    Some(other) => self.problem(
                        x.pos,
                        &p,
                        format!("The `severity` of {label} is {other:?}: it is `error` or `warning`"),
                    ),
                    None => {}
                },
                "message" => {
                    message = self.string(x, &p, &format!("The `message` of {label}"));
                    if message.as_deref().is_some_and(|m| m.trim().is_empty()) {
                        self.problem(x.pos, &p, format!("The `message` of {label} is empty: say what the team expects"));
                    }
                }
                "endpoints" => {
                    for (text, pos) in self.strings(x, &p, &format!("The `endpoints` of {label}")) {
                        match NamePattern::new(&text) {
                            Ok(pattern) => match pattern.endpoint_mismatch() {
                                Some(why) => self.problem(
                                    pos,
                                    &p,
                                    format!("The endpoint pattern {:?} of {label} cannot match any endpoint: {why}", text),
                                ),
                                None => endpoints.push(pattern),
                            },
                            Err(why) => self.problem(pos, &p, format!("The endpoint pattern {:?} of {label}: {why}", text)),
                        }
                    }
                    if matches!(&x.kind, Kind::List(items) if items.is_empty()) {
                        self.problem(x.pos, &p, format!("The `endpoints` of {label} is empty, so the rule applies to no endpoint"));
                    }
                }
                key if CONSTRAINT_KEYS.contains(&key) => {
                    if let Some(c) = self.constraint(key, x, &p, &label) {
                        constraints.push(c);
                    }
                }
                _ => {
                    let known: Vec<&str> = RULE_KEYS.iter().chain(CONSTRAINT_KEYS).copied().collect();
                    self.unknown(e, &path, &label, &known);
                }
            }
        }
        if message.is_none() && v.get("message").is_none() {
            self.problem(v.pos, &path, format!("The {label} has no `message`: say what the team expects, it is shown with each finding"));
        }
        if constraints.is_empty() && self.problems.len() == before {
            self.problem(
                v.pos,
                &path,
                format!("The {label} requires nothing: give it one of {}", CONSTRAINT_KEYS.join(", ")),
            );
        }
        if endpoints.is_empty() && v.get("endpoints").is_none() {
            endpoints.push(NamePattern::any());
        }
        if self.problems.len() > before {
            return None;
        }
        Some(Rule {
            name: name?,
            severity,
            message: message?,
            endpoints,
            constraints,
            line: v.pos.line,
            column: v.pos.column,
        })
    }

    fn constraint(&mut self, key: &str, x: &Value, p: &str, label: &str) -> Option<Constraint> {
        let what = format!("The `{key}` of {label}");
        match key {
            "strategies" => {
                let names = self.strings(x, p, &what);
                let mut out = Vec::new();
                for (n, pos) in names {
                    match StrategyName::ALL.iter().find(|(s, _)| *s == n) {
                        Some((_, s)) => out.push(*s),
                        None => {
                            let known: Vec<&str> = StrategyName::ALL.iter().map(|(s, _)| *s).collect();
                            self.problem(
                                pos,
                                p,
                                format!(
                                    "{what} names {:?}, which is no strategy{}: the strategies are {}",
                                    n,
                                    suggestion(&n, &known),
                                    known.join(", ")
                                ),
                            );
                        }
                    }
                }
                if matches!(&x.kind, Kind::List(items) if items.is_empty()) {
                    self.problem(x.pos, p, format!("{what} is empty, so no design can meet it"));
                    return None;
                }
                Some(Constraint::Strategies(out))
            }
            "canary" => self.share_bound(x, p, &what, aws::CANARY, "a canary").map(Constraint::Canary),
            "linear_step" => self.share_bound(x, p, &what, aws::LINEAR_STEP, "a linear step").map(Constraint::LinearStep),
            "rolling_batch" => self.share_bound(x, p, &what, aws::ROLLING_BATCH, "a rolling batch").map(Constraint::RollingBatch),
            "bake" => self.duration_bound(x, p, &what, aws::BAKE, "the bake (WaitIntervalInSeconds)").map(Constraint::Bake),
            "termination_wait" => self
                .duration_bound(x, p, &what, aws::TERMINATION_WAIT, "TerminationWaitInSeconds")
                .map(Constraint::TerminationWait),
            "timeout" => {
                let entries = self.map(x, p, &what)?;
                let (mut required, mut above_plan) = (false, false);
                for e in entries {
                    let q = child(p, &e.key);
                    match e.key.as_str() {
                        "required" => required = self.boolean(&e.value, &q, &format!("{what}'s `required`"))?,
                        "above_plan" => above_plan = self.boolean(&e.value, &q, &format!("{what}'s `above_plan`"))?,
                        _ => self.unknown(e, p, &format!("the `timeout` of {label}"), &["required", "above_plan"]),
                    }
                }
                if !required && !above_plan {
                    self.problem(x.pos, p, format!("{what} requires nothing: set `required: true` or `above_plan: true`"));
                    return None;
                }
                Some(Constraint::Timeout { required: required || above_plan, above_plan })
            }
            "rollback_alarms" => {
                let entries = self.map(x, p, &what)?;
                let (mut at_least, mut detect) = (None, false);
                for e in entries {
                    let q = child(p, &e.key);
                    match e.key.as_str() {
                        "at_least" => {
                            let n = self.int(&e.value, &q, &format!("{what}'s `at_least`"))?;
                            if n < 1 {
                                self.problem(e.value.pos, &q, format!("{what}'s `at_least` is {n}: a number of alarms here is at least 1"));
                            } else if n > aws::MAX_ROLLBACK_ALARMS as i64 {
                                self.problem(
                                    e.value.pos,
                                    &q,
                                    format!(
                                        "{what} asks for at least {n} rollback alarms, which AWS refuses: AutoRollbackConfiguration.Alarms takes at most {} (rule R7)",
                                        aws::MAX_ROLLBACK_ALARMS
                                    ),
                                );
                            }
                            at_least = Some(n);
                        }
                        "detect_within_bake" => detect = self.boolean(&e.value, &q, &format!("{what}'s `detect_within_bake`"))?,
                        _ => self.unknown(e, p, &format!("the `rollback_alarms` of {label}"), &["at_least", "detect_within_bake"]),
                    }
                }
                if at_least.is_none() && !detect {
                    self.problem(x.pos, p, format!("{what} requires nothing: set `at_least` or `detect_within_bake: true`"));
                    return None;
                }
                Some(Constraint::RollbackAlarms { at_least, detect_within_bake: detect })
            }
            "retain" => {
                let entries = self.map(x, p, &what)?;
                let (mut all, mut config) = (None, None);
                for e in entries {
                    let q = child(p, &e.key);
                    match e.key.as_str() {
                        "all_variant_properties" => all = Some(self.boolean(&e.value, &q, &format!("{what}'s `all_variant_properties`"))?),
                        "deployment_config" => config = Some(self.boolean(&e.value, &q, &format!("{what}'s `deployment_config`"))?),
                        _ => self.unknown(e, p, &format!("the `retain` of {label}"), &["all_variant_properties", "deployment_config"]),
                    }
                }
                if all.is_none() && config.is_none() {
                    self.problem(x.pos, p, format!("{what} requires nothing: set `all_variant_properties` or `deployment_config`"));
                    return None;
                }
                Some(Constraint::Retain { all_variant_properties: all, deployment_config: config })
            }
            "instance_types" => {
                let mut out = Vec::new();
                for (text, pos) in self.strings(x, p, &what) {
                    match NamePattern::new(&text) {
                        Ok(pattern) if INSTANCE_TYPES.iter().any(|t| pattern.matches(t)) => out.push(pattern),
                        Ok(_) => self.problem(
                            pos,
                            p,
                            format!("The instance type pattern {:?} of {label} matches no SageMaker instance type (they are named like `ml.m5.xlarge`)", text),
                        ),
                        Err(why) => self.problem(pos, p, format!("The instance type pattern {:?} of {label}: {why}", text)),
                    }
                }
                if matches!(&x.kind, Kind::List(items) if items.is_empty()) {
                    self.problem(x.pos, p, format!("{what} is empty, so no design can meet it"));
                }
                (!out.is_empty()).then_some(Constraint::InstanceTypes(out))
            }
            "peak_instances" => {
                let v = self.at_most_only(x, p, &what)?;
                let n = self.int(v, &child(p, "at_most"), &format!("{what}'s `at_most`"))?;
                if n < 1 {
                    self.problem(v.pos, &child(p, "at_most"), format!("{what}'s `at_most` is {n}: a rollout runs at least 1 instance"));
                    return None;
                }
                Some(Constraint::PeakInstances(n))
            }
            "instance_hours" => {
                let v = self.at_most_only(x, p, &what)?;
                let q = child(p, "at_most");
                let h = match &v.kind {
                    Kind::Int { value: Some(n), .. } => *n as f64,
                    Kind::Float { value: Some(f), .. } => *f,
                    _ => {
                        self.wrong_type(v, &q, &format!("{what}'s `at_most`"), "a number of hours");
                        return None;
                    }
                };
                if h <= 0.0 {
                    self.problem(v.pos, &q, format!("{what}'s `at_most` is {h}: it is a number of hours above 0"));
                    return None;
                }
                Some(Constraint::InstanceHours(h))
            }
            _ => None,
        }
    }

    /// `{at_most: x}`: the value.
    fn at_most_only<'v>(&mut self, x: &'v Value, p: &str, what: &str) -> Option<&'v Value> {
        let entries = self.map(x, p, what)?;
        let mut found = None;
        for e in entries {
            match e.key.as_str() {
                "at_most" => found = Some(&e.value),
                _ => self.unknown(e, p, what, &["at_most"]),
            }
        }
        if found.is_none() {
            self.problem(x.pos, p, format!("{what} needs `at_most`"));
        }
        found
    }

    /// `{at_least: a, at_most: b}`, each read by `item`: the bound and the values' places.
    fn bound<T: Copy>(
        &mut self,
        x: &Value,
        p: &str,
        what: &str,
        mut item: impl FnMut(&mut Self, &Value, &str) -> Option<T>,
    ) -> Option<(Bound<T>, Pos, Pos)> {
        let entries = self.map(x, p, what)?;
        let mut b = Bound { at_least: None, at_most: None };
        let (mut lo_pos, mut hi_pos) = (x.pos, x.pos);
        for e in entries {
            let q = child(p, &e.key);
            match e.key.as_str() {
                "at_least" => {
                    b.at_least = item(self, &e.value, &q);
                    lo_pos = e.value.pos;
                }
                "at_most" => {
                    b.at_most = item(self, &e.value, &q);
                    hi_pos = e.value.pos;
                }
                _ => self.unknown(e, p, what, BOUND_KEYS),
            }
        }
        if b.at_least.is_none() && b.at_most.is_none() {
            if entries.is_empty() {
                self.problem(x.pos, p, format!("{what} needs `at_least` or `at_most`"));
            }
            return None;
        }
        Some((b, lo_pos, hi_pos))
    }

    fn share_bound(&mut self, x: &Value, p: &str, what: &str, limit: ShareLimit, called: &str) -> Option<Bound<Share>> {
        let (b, lo_pos, hi_pos) = self.bound(x, p, what, |r, v, q| r.share(v, q, what))?;
        let aws_range = if limit.min_percent > 0 {
            format!("AWS takes {}% to {}% of the fleet for {called} (rule {})", limit.min_percent, limit.max_percent, limit.rule)
        } else {
            format!("AWS caps {called} at {}% of the fleet (rule {})", limit.max_percent, limit.rule)
        };
        let before = self.problems.len();
        if let Some(Share::Percent(hi)) = b.at_most {
            if hi > limit.max_percent {
                self.problem(
                    hi_pos,
                    &child(p, "at_most"),
                    format!("{what} allows up to {hi}%, more than AWS does: {aws_range}, so the rule would never be what stops a design. Write at most {}% or less", limit.max_percent),
                );
            } else if hi < limit.min_percent {
                self.problem(
                    hi_pos,
                    &child(p, "at_most"),
                    format!("{what} allows at most {hi}%, which no design AWS accepts can meet: {aws_range}"),
                );
            }
        }
        if let Some(Share::Percent(lo)) = b.at_least {
            if lo > limit.max_percent {
                self.problem(
                    lo_pos,
                    &child(p, "at_least"),
                    format!("{what} asks for at least {lo}%, which no design AWS accepts can meet: {aws_range}"),
                );
            }
        }
        if let (Some(lo), Some(hi)) = (b.at_least, b.at_most) {
            let contradicts = match (lo, hi) {
                (Share::Percent(a), Share::Percent(b)) | (Share::Count(a), Share::Count(b)) => a > b,
                _ => false,
            };
            if contradicts {
                self.problem(lo_pos, &child(p, "at_least"), format!("{what}: `at_least` is above `at_most`, so no design can meet it"));
            }
        }
        (self.problems.len() == before).then_some(b)
    }

    /// `10%` (a share) or `2` (instances).
    fn share(&mut self, v: &Value, path: &str, what: &str) -> Option<Share> {
        match &v.kind {
            Kind::Int { value: Some(n), .. } if *n >= 1 => Some(Share::Count(*n)),
            Kind::Int { .. } => {
                self.problem(v.pos, path, format!("{what}: a number of instances is at least 1"));
                None
            }
            Kind::Str(s) => match s.trim().strip_suffix('%').map(|n| n.trim().parse::<i64>()) {
                Some(Ok(n)) if (1..=100).contains(&n) => Some(Share::Percent(n)),
                Some(Ok(n)) => {
                    self.problem(v.pos, path, format!("{what}: {n}% is not a share of a fleet (1% to 100%)"));
                    None
                }
                _ => {
                    self.problem(
                        v.pos,
                        path,
                        format!("{what}: {s:?} is neither a share such as `10%` nor a number of instances such as `2`"),
                    );
                    None
                }
            },
            _ => {
                self.wrong_type(v, path, what, "a share such as `10%` or a number of instances such as `2`");
                None
            }
        }
    }

    fn duration_bound(&mut self, x: &Value, p: &str, what: &str, range: IntRange, member: &str) -> Option<Bound<i64>> {
        let (b, lo_pos, hi_pos) = self.bound(x, p, what, |r, v, q| r.duration(v, q, what))?;
        let max = range.max.unwrap_or(i64::MAX);
        let before = self.problems.len();
        if let Some(hi) = b.at_most.filter(|hi| *hi > max) {
            self.problem(
                hi_pos,
                &child(p, "at_most"),
                format!("{what} allows up to {}, more than AWS does: {member} is at most {} (rule R3/R4), so the rule would never be what stops a design", secs(hi), secs(max)),
            );
        }
        if let Some(lo) = b.at_least.filter(|lo| *lo > max) {
            self.problem(
                lo_pos,
                &child(p, "at_least"),
                format!("{what} asks for at least {}, which AWS refuses: {member} is at most {}", secs(lo), secs(max)),
            );
        }
        if let (Some(lo), Some(hi)) = (b.at_least, b.at_most) {
            if lo > hi {
                self.problem(lo_pos, &child(p, "at_least"), format!("{what}: `at_least` is above `at_most`, so no design can meet it"));
            }
        }
        (self.problems.len() == before).then_some(b)
    }

    /// Seconds: `600`, `"600s"`, `"10m"`, `"1h30m"`.
    fn duration(&mut self, v: &Value, path: &str, what: &str) -> Option<i64> {
        let bad = |r: &mut Self, s: &str| {
            r.problem(
                v.pos,
                path,
                format!("{what}: {s:?} is not a duration: write seconds (`600`) or a number with s, m or h (`10m`, `1h30m`)"),
            );
            None
        };
        match &v.kind {
            Kind::Int { value: Some(n), .. } if *n >= 0 => Some(*n),
            Kind::Int { text, .. } => bad(self, text),
            Kind::Str(s) => match parse_duration(s) {
                Some(n) => Some(n),
                None => bad(self, s),
            },
            _ => {
                self.wrong_type(v, path, what, "a duration (`600`, `10m`)");
                None
            }
        }
    }
}

/// `90`, `90s`, `10m`, `1h30m`, `1h 30m` in seconds.
fn parse_duration(s: &str) -> Option<i64> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    let mut total: i64 = 0;
    let mut number = String::new();
    let mut any = false;
    for c in s.chars().chain(std::iter::once('\0')) {
        match c {
            '0'..='9' => number.push(c),
            ' ' => {}
            's' | 'm' | 'h' | '\0' => {
                if number.is_empty() {
                    return if c == '\0' && any { Some(total) } else { None };
                }
                let n: i64 = number.parse().ok()?;
                let unit = match c {
                    'h' => 3600,
                    'm' => 60,
                    _ => 1,
                };
                total = total.checked_add(n.checked_mul(unit)?)?;
                number.clear();
                any = true;
            }
            _ => return None,
        }
    }
    Some(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_as_people_write_them() {
        for (s, n) in [("600", Some(600)), ("10m", Some(600)), ("1h30m", Some(5400)), ("1h 30m", Some(5400)), ("90s", Some(90))] {
            assert_eq!(parse_duration(s), n, "{s}");
        }
        for s in ["", "m", "10 minutes", "1.5h", "-5"] {
            assert_eq!(parse_duration(s), None, "{s}");
        }
    }
}
