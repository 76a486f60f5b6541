//! How alarm definitions join a design: each is read with the core's walk, the request's
//! rollback alarms that refer to one are linked to its name, and the definitions are
//! merged by AlarmName (one of the same name is replaced, the others added), with their
//! placeholders moved to their places. Notes say what was done and what the page cannot
//! use (metric math it does not evaluate, another service's metric).

use super::{words, Found, Ref};
use designer_core::alarms::{INSTANCE_NAMESPACE, INVOCATION_NAMESPACE};
use designer_core::import::{ImportError, Walk};
use designer_core::model::{DesignDocument, MetricAlarm, Placeholder};
use designer_core::value::{Kind, Value};
use std::collections::{HashMap, HashSet};

/// The path a rollback alarm's name has in the request.
const ROLLBACK: &str = "DeploymentConfig.AutoRollbackConfiguration.Alarms[";

/// A definition after the walk: the alarm, its placeholders (at `Alarms[0]`), where it
/// came from and what names it.
pub(super) struct Read {
    alarm: MetricAlarm,
    placeholders: Vec<Placeholder>,
    label: String,
    refs: Vec<Ref>,
}

/// The name of a definition as a key: the literal name, or the expression the text gives
/// for it (so that importing the same text twice replaces rather than repeats).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Key {
    Name(String),
    Expression(String),
}

/// The temporary path a definition is read at, before it has its place in the design.
const AT: &str = "Alarms[0]";

fn moved(p: &Placeholder, to: usize) -> Placeholder {
    let rest = p.path.strip_prefix(AT).unwrap_or_default();
    Placeholder {
        path: format!("Alarms[{to}]{rest}"),
        ..p.clone()
    }
}

/// Reads every definition with the core's walk; one the walk refuses is left out with a
/// note (the first such refusal is kept, for a text that has nothing else).
pub(super) fn read(found: &Found, notes: &mut Vec<String>) -> (Vec<Read>, Option<ImportError>) {
    const SAID: usize = 10;
    let mut out = Vec::new();
    let mut first = None;
    let mut refused = 0;
    for def in &found.defs {
        let walk = Walk::new(found.source);
        match walk.metric_alarm(&once(def.tree.clone()), AT) {
            Ok(alarm) => out.push(Read {
                alarm,
                placeholders: walk.take_placeholders(),
                label: def.label.clone(),
                refs: def.refs.clone(),
            }),
            Err(e) => {
                refused += 1;
                if refused <= SAID {
                    notes.push(format!(
                        "The alarm {} was not imported: {}",
                        def.label, e.message
                    ));
                }
                first.get_or_insert(e);
            }
        }
    }
    if refused > SAID {
        notes.push(format!(
            "{} more alarms were not imported, for reasons like these.",
            refused - SAID
        ));
    }
    (out, first)
}

/// `v` with each member once, the last written winning (as in a Python dict, a JSON
/// object read by most tools, or a block that sets an argument twice): the walk then holds
/// each placeholder once.
fn once(v: Value) -> Value {
    let pos = v.pos;
    match v.kind {
        Kind::Map(entries) => Value {
            pos,
            kind: Kind::Map(
                crate::cdk::convert::last_wins(entries)
                    .into_iter()
                    .map(|mut e| {
                        e.value = once(e.value);
                        e
                    })
                    .collect(),
            ),
        },
        Kind::List(items) => Value {
            pos,
            kind: Kind::List(items.into_iter().map(once).collect()),
        },
        kind => Value { pos, kind },
    }
}

fn key_of(alarm: &MetricAlarm, placeholders: &[Placeholder], index_path: &str) -> Option<Key> {
    if let Some(n) = &alarm.alarm_name {
        return Some(Key::Name(n.clone()));
    }
    let name_path = format!("{index_path}.AlarmName");
    placeholders
        .iter()
        .find(|p| p.path == name_path)
        .map(|p| Key::Expression(p.expression.clone()))
}

/// The name a note gives a definition.
fn shown(r: &Read) -> String {
    match key_of(&r.alarm, &r.placeholders, AT) {
        Some(Key::Name(n)) => format!("`{n}`"),
        Some(Key::Expression(e)) => format!("`{e}`"),
        None => r.label.clone(),
    }
}

/// Links the request's rollback alarms whose names are expressions that refer to a
/// definition of the text (`!Ref P99Alarm`, `aws_cloudwatch_metric_alarm.p99.alarm_name`)
/// to that definition's name: its literal name, or the expression the text gives for it.
pub(super) fn link(doc: &mut DesignDocument, defs: &[Read], notes: &mut Vec<String>) {
    // Each reference's words, to the definition it names (the first, as the text has it).
    let mut refs: HashMap<&str, (&Read, bool)> = HashMap::new();
    for d in defs {
        for r in &d.refs {
            refs.entry(r.words.as_str()).or_insert((d, r.arn));
        }
    }
    if refs.is_empty() {
        return;
    }
    let mut linked = Vec::new();
    let mut kept = Vec::new();
    // (rollback alarm, name) for the placeholders that a name replaces.
    let mut named: Vec<(usize, String)> = Vec::new();
    for p in doc.placeholders.iter_mut() {
        let Some(i) = rollback_index(&p.path) else {
            continue;
        };
        let Some(&(def, arn)) = refs.get(words(&p.expression).as_str()) else {
            continue;
        };
        if arn {
            kept.push(format!(
                "The rollback alarm `{}` gives the ARN of the alarm {}, but AlarmName takes the alarm's name: the import links it by name; write the name there (`!Ref` gives it) so that the update finds the alarm.",
                p.expression, def.label
            ));
        }
        match key_of(&def.alarm, &def.placeholders, AT) {
            Some(Key::Name(name)) => {
                linked.push(format!("`{}` is the alarm {}, named `{name}`", p.expression, def.label));
                named.push((i, name));
                // Dropped below: the name is given now.
                p.path.clear();
            }
            Some(Key::Expression(e)) => {
                kept.push(format!(
                    "The rollback alarm `{}` is the alarm {}, whose name the text leaves to fill in (`{e}`).",
                    p.expression, def.label
                ));
                p.expression = e;
            }
            None => kept.push(format!(
                "The rollback alarm `{}` is the alarm {}, which has no AlarmName: CloudFormation makes one up when it creates the alarm. Give the alarm an AlarmName, or type its name in both places.",
                p.expression, def.label
            )),
        }
    }
    doc.placeholders.retain(|p| !p.path.is_empty());
    let list = doc
        .request
        .deployment_config
        .as_mut()
        .and_then(|d| d.auto_rollback_configuration.as_mut())
        .and_then(|a| a.alarms.as_mut());
    if let Some(list) = list {
        for (i, name) in &named {
            if let Some(a) = list.get_mut(*i) {
                a.alarm_name = Some(name.clone());
            }
        }
    }
    if !linked.is_empty() {
        let more = linked.len().saturating_sub(10);
        linked.truncate(10);
        let and_more = if more > 0 {
            format!(" and {more} more")
        } else {
            String::new()
        };
        notes.push(format!(
            "Linked the rollback alarms to the alarms the text defines: {}{and_more}.",
            linked.join("; ")
        ));
    }
    kept.truncate(10);
    notes.extend(kept);
}

/// `DeploymentConfig.AutoRollbackConfiguration.Alarms[i].AlarmName` -> `i`.
fn rollback_index(path: &str) -> Option<usize> {
    path.strip_prefix(ROLLBACK)?
        .strip_suffix("].AlarmName")?
        .parse()
        .ok()
}

/// `Alarms[j]...` -> `j`.
fn alarm_index(path: &str) -> Option<usize> {
    let rest = path.strip_prefix("Alarms[")?;
    rest.get(..rest.find(']')?)?.parse().ok()
}

/// Merges the definitions into the design: one whose name (or name expression) a
/// definition of the design has replaces it, the others are added. Says so in the notes;
/// returns how many were merged.
pub(super) fn merge(doc: &mut DesignDocument, defs: Vec<Read>, notes: &mut Vec<String>) -> usize {
    let n = defs.len();
    let before = doc.alarms.len();
    // The design's definitions by name (the first of a name, as the page links the first).
    let mut names: HashMap<String, &str> = HashMap::new();
    for p in &doc.placeholders {
        if p.path.ends_with("].AlarmName") && alarm_index(&p.path).is_some() {
            names.entry(p.path.clone()).or_insert(p.expression.as_str());
        }
    }
    let mut by_key: HashMap<Key, usize> = HashMap::new();
    for (j, a) in doc.alarms.iter().enumerate() {
        let key = match &a.alarm_name {
            Some(n) => Some(Key::Name(n.clone())),
            None => names
                .get(&format!("Alarms[{j}].AlarmName"))
                .map(|e| Key::Expression((*e).to_string())),
        };
        if let Some(k) = key {
            by_key.entry(k).or_insert(j);
        }
    }
    let mut replaced = Vec::new();
    let mut added = Vec::new();
    let mut twice = Vec::new();
    let mut seen: HashSet<Key> = HashSet::new();
    // The placeholders of each definition merged, by its place.
    let mut held: HashMap<usize, Vec<Placeholder>> = HashMap::new();
    let mut gone: HashSet<usize> = HashSet::new();
    for d in defs {
        let name = shown(&d);
        let key = key_of(&d.alarm, &d.placeholders, AT);
        let again = key.as_ref().is_some_and(|k| !seen.insert(k.clone()));
        if again {
            twice.push(name.clone());
        }
        let j = match key.as_ref().and_then(|k| by_key.get(k)).copied() {
            Some(j) => {
                doc.alarms[j] = d.alarm;
                if j < before {
                    gone.insert(j);
                }
                if !again {
                    replaced.push(name);
                }
                j
            }
            None => {
                doc.alarms.push(d.alarm);
                added.push(name);
                let j = doc.alarms.len() - 1;
                if let Some(k) = key {
                    by_key.insert(k, j);
                }
                j
            }
        };
        held.insert(j, d.placeholders.iter().map(|p| moved(p, j)).collect());
    }
    if !gone.is_empty() {
        doc.placeholders
            .retain(|p| !alarm_index(&p.path).is_some_and(|j| gone.contains(&j)));
    }
    let mut places: Vec<usize> = held.keys().copied().collect();
    places.sort_unstable();
    for j in places {
        doc.placeholders.extend(held.remove(&j).unwrap_or_default());
    }
    if !added.is_empty() {
        notes.push(format!(
            "Alarm definitions added: {}.",
            crate::cli::listed(&added)
        ));
    }
    if !replaced.is_empty() {
        notes.push(format!(
            "Alarm definitions replaced (the design had one of the same name): {}.",
            crate::cli::listed(&replaced)
        ));
    }
    if !twice.is_empty() {
        notes.push(format!(
            "The text defines {} more than once; the last definition is kept, as PutMetricAlarm overwrites an alarm of the same name.",
            crate::cli::listed(&twice)
        ));
    }
    n
}

/// What the definitions' metrics say that the page cannot use: metric math it does not
/// evaluate, a metric SageMaker does not publish for an endpoint, no metric at all. One
/// note for each, naming the alarms.
pub(super) fn assess(defs: &[Read], notes: &mut Vec<String>) {
    let mut math = Vec::new();
    let mut other = Vec::new();
    let mut none = Vec::new();
    for r in defs {
        let a = &r.alarm;
        let name = shown(r);
        let held = |member: &str| {
            r.placeholders.iter().any(|p| {
                p.path
                    .strip_prefix(AT)
                    .is_some_and(|rest| rest.starts_with(&format!(".{member}")))
            })
        };
        let mut metrics: Vec<(Option<&str>, Option<&str>)> = Vec::new();
        if a.metrics.is_empty() {
            if a.namespace.is_none()
                && a.metric_name.is_none()
                && !held("Namespace")
                && !held("MetricName")
                && !held("Metrics")
            {
                none.push(name.clone());
            }
            metrics.push((a.namespace.as_deref(), a.metric_name.as_deref()));
        } else {
            if let Some(e) = a.metrics.iter().find_map(|q| q.expression.as_deref()) {
                math.push(format!("{name} (`{}`)", short(e)));
            }
            for q in &a.metrics {
                if let Some(s) = &q.metric_stat {
                    metrics.push((
                        s.metric.namespace.as_deref(),
                        s.metric.metric_name.as_deref(),
                    ));
                }
            }
        }
        let foreign: Vec<String> = metrics
            .iter()
            .filter_map(|(ns, m)| {
                let ns = (*ns)?;
                (ns != INVOCATION_NAMESPACE && ns != INSTANCE_NAMESPACE)
                    .then(|| format!("{ns} {}", m.unwrap_or("(a metric)")))
            })
            .collect();
        if !foreign.is_empty() {
            other.push(format!("{name} ({})", foreign.join(", ")));
        }
    }
    if !math.is_empty() {
        notes.push(format!(
            "Metric math, which the page times by its queries' periods but does not evaluate: {}.",
            crate::cli::listed(&math)
        ));
    }
    if !other.is_empty() {
        notes.push(format!(
            "Not a metric SageMaker publishes for an endpoint, imported as written (the page cannot say when a problem of the new fleet trips it): {}.",
            crate::cli::listed(&other)
        ));
    }
    if !none.is_empty() {
        notes.push(format!(
            "No metric named (no Namespace and MetricName, no Metrics), so the page cannot tell what it watches: {}.",
            crate::cli::listed(&none)
        ));
    }
}

fn short(s: &str) -> String {
    let mut out: String = s.chars().take(80).collect();
    if s.chars().count() > 80 {
        out.push_str("...");
    }
    out
}

/// Restores the placeholders of the design's own definitions, which a request's import
/// leaves out (it replaces the placeholders with its own).
pub(super) fn restore(doc: &mut DesignDocument, current: &DesignDocument) {
    if doc.alarms != current.alarms
        || doc
            .placeholders
            .iter()
            .any(|p| p.path.starts_with("Alarms["))
    {
        return;
    }
    doc.placeholders.extend(
        current
            .placeholders
            .iter()
            .filter(|p| p.path.starts_with("Alarms["))
            .cloned(),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_move_with_their_definition() {
        assert_eq!(alarm_index("Alarms[1].Threshold"), Some(1));
        assert_eq!(alarm_index("Alarms[10].Dimensions[0].Value"), Some(10));
        assert_eq!(alarm_index("EndpointName"), None);
        assert_eq!(
            rollback_index("DeploymentConfig.AutoRollbackConfiguration.Alarms[2].AlarmName"),
            Some(2)
        );
        let p = Placeholder {
            path: "Alarms[0].Dimensions[1].Value".into(),
            expression: "var.v".into(),
            line: None,
            column: None,
        };
        assert_eq!(moved(&p, 3).path, "Alarms[3].Dimensions[1].Value");
    }
}
