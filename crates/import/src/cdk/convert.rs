//! Turns the expressions of `syntax.rs` into the core's positioned value tree: literals as
//! they are, member names in the API's spelling, names assigned once in the text resolved
//! to their value, and everything the text does not spell out (a variable, a call, a
//! template with `${}`) a placeholder carrying its source expression. Also the small tree
//! edits the importers share (which variant members the design keeps).

use std::collections::{HashMap, HashSet};

use designer_core::value::{Entry, Kind, Pos, Value, MAX_DEPTH};

use super::syntax::{source, Arg, Lang, Member, Node, NodeKind, Parser, Tok};
use crate::names::pascal_from_snake;
use crate::tree;

/// Resolved values beyond this many nodes are left as placeholders, so that a text that
/// uses a large literal many times stays fast.
const BUDGET: usize = 200_000;

/// The conversion of one text's expressions.
pub struct Converter<'a> {
    pub text: &'a str,
    pub toks: &'a [Tok],
    pub lang: Lang,
    /// Map member names to the API's PascalCase (CDK code); off for describe outputs.
    pub map_keys: bool,
    /// Where each name is assigned (empty: names are not resolved).
    pub bindings: HashMap<String, Vec<(usize, u32)>>,
    /// What the user should know about the conversion, each said once.
    pub notes: Vec<String>,
    said: HashSet<String>,
    resolving: Vec<String>,
    cache: HashMap<String, Value>,
    /// Names whose value could not be read: not tried again.
    unreadable: HashSet<String>,
    /// The expressions that names left as placeholders are bound to, as written (a name's
    /// default may be there: `const bake = Number(process.env.BAKE ?? '600')`).
    pub bound: HashMap<String, String>,
    spent: usize,
}

/// More notes than this are summed up in one, so a hostile paste cannot flood the page.
const MAX_NOTES: usize = 20;

impl<'a> Converter<'a> {
    pub fn new(text: &'a str, toks: &'a [Tok], lang: Lang, map_keys: bool) -> Self {
        Converter {
            text,
            toks,
            lang,
            map_keys,
            bindings: HashMap::new(),
            notes: Vec::new(),
            said: HashSet::new(),
            resolving: Vec::new(),
            cache: HashMap::new(),
            unreadable: HashSet::new(),
            bound: HashMap::new(),
            spent: 0,
        }
    }

    /// Resolves names assigned once in the text.
    pub fn with_bindings(mut self) -> Self {
        self.bindings = super::syntax::bindings(self.toks, self.lang);
        self
    }

    pub fn note(&mut self, note: String) {
        if self.said.len() > MAX_NOTES || !self.said.insert(note.clone()) {
            return;
        }
        if self.said.len() > MAX_NOTES {
            self.notes.push(
                "More of the text's values are not spelled out; only the first notes are shown"
                    .to_string(),
            );
        } else {
            self.notes.push(note);
        }
    }

    fn key(&self, key: &str) -> String {
        if self.map_keys {
            pascal_from_snake(key)
        } else {
            key.to_string()
        }
    }

    fn placeholder(&self, node: &Node) -> Value {
        tree::placeholder(node.pos, source(self.text, node))
    }

    /// The value of `node`.
    pub fn value(&mut self, node: &Node, depth: usize) -> Value {
        self.spent = self.spent.saturating_add(1);
        if depth > MAX_DEPTH {
            return self.placeholder(node);
        }
        let pos = node.pos;
        match &node.kind {
            NodeKind::Null | NodeKind::Undefined => tree::node(pos, Kind::Null),
            NodeKind::Bool(b) => tree::node(pos, Kind::Bool(*b)),
            NodeKind::Num(text) => number(pos, text).unwrap_or_else(|| self.placeholder(node)),
            NodeKind::Str(s) => tree::string(pos, s.clone()),
            NodeKind::Dynamic | NodeKind::Code => self.placeholder(node),
            NodeKind::List(items) => {
                let items = items.iter().map(|n| self.value(n, depth + 1)).collect();
                tree::node(pos, Kind::List(items))
            }
            NodeKind::Obj(members) => {
                let mut entries = Vec::new();
                for m in members {
                    match m {
                        Member::Keyed {
                            key,
                            key_pos,
                            value,
                        } => {
                            let value = self.value(value, depth + 1);
                            push(&mut entries, self.key(key), *key_pos, value);
                        }
                        Member::Spread(inner) => self.spread(inner, &mut entries, depth),
                        Member::Other(other) => {
                            let shown = source(self.text, other);
                            self.note(format!(
                                "`{}` (line {}) is not a member the importer can place; it was left out",
                                super::syntax::short(&shown),
                                other.pos.line
                            ));
                        }
                    }
                }
                tree::node(pos, Kind::Map(last_wins(entries)))
            }
            NodeKind::Call { callee, args, new } => {
                let structural = !new
                    && callee.as_deref().is_some_and(is_struct_callee)
                    && args.iter().all(|a| !matches!(a, Arg::Positional(_)));
                if !structural {
                    return self.placeholder(node);
                }
                let mut entries = Vec::new();
                for a in args {
                    match a {
                        Arg::Keyword { name, pos, value } => {
                            let value = self.value(value, depth + 1);
                            push(&mut entries, self.key(name), *pos, value);
                        }
                        Arg::Star(inner) => self.spread(inner, &mut entries, depth),
                        Arg::Positional(_) => {}
                    }
                }
                tree::node(pos, Kind::Map(last_wins(entries)))
            }
            NodeKind::Name(name) => self.resolve(node, name, depth),
        }
    }

    /// Members spread into a map (`...base`, `**base`): those of a name assigned a literal
    /// once; otherwise the user is told they were not imported.
    fn spread(&mut self, inner: &Node, entries: &mut Vec<Entry>, depth: usize) {
        let v = self.value(inner, depth + 1);
        match v.kind {
            Kind::Map(more) => {
                for e in more {
                    push(entries, e.key, e.key_pos, e.value);
                }
            }
            _ => {
                let shown = source(self.text, inner);
                self.note(format!(
                    "The members spread from `{}` (line {}) are not in the text; they were not imported",
                    super::syntax::short(&shown),
                    inner.pos.line
                ));
            }
        }
    }

    fn resolve(&mut self, node: &Node, name: &str, depth: usize) -> Value {
        let site = self.placeholder(node);
        let Some(assigned) = self.bindings.get(name).cloned() else {
            return site;
        };
        if assigned.len() > 1 {
            let lines: Vec<String> = assigned.iter().map(|(_, l)| l.to_string()).collect();
            self.note(format!(
                "`{name}` is assigned on lines {}; which value it has is not known, so it is a placeholder",
                lines.join(", ")
            ));
            return site;
        }
        if self.resolving.iter().any(|n| n == name)
            || self.spent > BUDGET
            || self.unreadable.contains(name)
        {
            return site;
        }
        if let Some(v) = self.cache.get(name) {
            self.spent = self.spent.saturating_add(size(v));
            return v.clone();
        }
        let Some(&(at, _)) = assigned.first() else {
            return site;
        };
        let mut p = Parser::new(self.toks, self.text, self.lang);
        p.i = at;
        let Ok(bound) = p.expr(0, true) else {
            self.unreadable.insert(name.to_string());
            return site;
        };
        self.resolving.push(name.to_string());
        let v = self.value(&bound, depth + 1);
        self.resolving.pop();
        // A name bound to what the text does not give stays a placeholder where it is used.
        let v = if matches!(v.kind, Kind::Placeholder(_)) {
            self.bound.insert(name.to_string(), source(self.text, &bound));
            site
        } else {
            v
        };
        self.cache.insert(name.to_string(), v.clone());
        v
    }
}

fn push(entries: &mut Vec<Entry>, key: String, key_pos: Pos, value: Value) {
    entries.push(Entry {
        key,
        key_pos,
        value,
    });
}

/// A later member of the same name replaces an earlier one, as in both languages (and in
/// JSON as Step Functions reads it); done once per map, so a large map stays linear.
pub fn last_wins(entries: Vec<Entry>) -> Vec<Entry> {
    let mut seen = HashSet::new();
    let mut out: Vec<Entry> = entries
        .into_iter()
        .rev()
        .filter(|e| seen.insert(e.key.clone()))
        .collect();
    out.reverse();
    out
}

fn size(v: &Value) -> usize {
    match &v.kind {
        Kind::List(items) => 1 + items.iter().map(size).sum::<usize>(),
        Kind::Map(entries) => 1 + entries.iter().map(|e| size(&e.value)).sum::<usize>(),
        _ => 1,
    }
}

/// A call that builds a struct from keyword arguments: `CfnEndpoint.AlarmProperty(...)`,
/// CDKTF's `SagemakerEndpointDeploymentConfig(...)`, `dict(...)`.
fn is_struct_callee(callee: &str) -> bool {
    let last = callee.rsplit('.').next().unwrap_or(callee);
    last == "dict" || last.chars().next().is_some_and(char::is_uppercase)
}

/// A number as written (`1_000`, `0x10`, `1.5e3`, `-2`); `None` when it is not one.
fn number(pos: Pos, text: &str) -> Option<Value> {
    let plain = text.replace('_', "");
    let (neg, digits) = match plain.strip_prefix('-') {
        Some(d) => (true, d),
        None => (false, plain.as_str()),
    };
    let hex = digits
        .strip_prefix("0x")
        .or_else(|| digits.strip_prefix("0X"));
    if let Some(h) = hex {
        let n = i64::from_str_radix(h, 16).ok()?;
        return Some(tree::node(
            pos,
            Kind::Int {
                text: text.to_string(),
                value: Some(if neg { -n } else { n }),
            },
        ));
    }
    if !digits
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '+' | '-'))
        || digits.is_empty()
    {
        return None;
    }
    if digits.chars().all(|c| c.is_ascii_digit()) {
        return Some(tree::node(
            pos,
            Kind::Int {
                text: text.to_string(),
                value: plain.parse::<i64>().ok(),
            },
        ));
    }
    let f = plain.parse::<f64>().ok()?;
    Some(tree::node(
        pos,
        Kind::Float {
            text: text.to_string(),
            value: Some(f).filter(|f| f.is_finite()),
        },
    ))
}

/// The `ProductionVariant` members the design keeps; `ServerlessConfig`'s likewise.
const VARIANT_MEMBERS: &[&str] = &[
    "VariantName",
    "ModelName",
    "InstanceType",
    "InitialInstanceCount",
    "InitialVariantWeight",
    "AcceleratorType",
    "ServerlessConfig",
];
const SERVERLESS_MEMBERS: &[&str] = &["MemorySizeInMB", "MaxConcurrency", "ProvisionedConcurrency"];

/// `v` (a list of variants) with only the members the design models: a config carries many
/// more (volume sizes, routing, images), which make no difference to a deployment.
pub fn keep_variant_members(v: &Value) -> Value {
    match &v.kind {
        Kind::List(items) => Value {
            pos: v.pos,
            kind: Kind::List(
                items
                    .iter()
                    .map(|item| {
                        let kept = keep(item, VARIANT_MEMBERS);
                        match &kept.kind {
                            Kind::Map(entries) => Value {
                                pos: kept.pos,
                                kind: Kind::Map(
                                    entries
                                        .iter()
                                        .map(|e| Entry {
                                            value: if e.key == "ServerlessConfig" {
                                                keep(&e.value, SERVERLESS_MEMBERS)
                                            } else {
                                                e.value.clone()
                                            },
                                            ..e.clone()
                                        })
                                        .collect(),
                                ),
                            },
                            _ => kept,
                        }
                    })
                    .collect(),
            ),
        },
        _ => v.clone(),
    }
}

/// `v` (a map) with only the `members` named, nulls dropped.
pub fn keep(v: &Value, members: &[&str]) -> Value {
    match &v.kind {
        Kind::Map(entries) => Value {
            pos: v.pos,
            kind: Kind::Map(
                entries
                    .iter()
                    .filter(|e| {
                        members.contains(&e.key.as_str()) && !matches!(e.value.kind, Kind::Null)
                    })
                    .cloned()
                    .collect(),
            ),
        },
        _ => v.clone(),
    }
}

/// Drops map members whose value is null (`undefined`, `None`): CDK leaves them unset.
pub fn drop_nulls(v: Value) -> Value {
    match v.kind {
        Kind::Map(entries) => Value {
            pos: v.pos,
            kind: Kind::Map(
                entries
                    .into_iter()
                    .filter(|e| !matches!(e.value.kind, Kind::Null))
                    .map(|e| Entry {
                        value: drop_nulls(e.value),
                        ..e
                    })
                    .collect(),
            ),
        },
        Kind::List(items) => Value {
            pos: v.pos,
            kind: Kind::List(items.into_iter().map(drop_nulls).collect()),
        },
        kind => Value { pos: v.pos, kind },
    }
}

/// The members of the variants that the design does not model, in the order met.
pub fn unmodelled_members(v: &Value) -> Vec<String> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    if let Kind::List(items) = &v.kind {
        for item in items {
            if let Kind::Map(entries) = &item.kind {
                for e in entries {
                    if !VARIANT_MEMBERS.contains(&e.key.as_str()) && seen.insert(e.key.clone()) {
                        out.push(e.key.clone());
                    }
                }
            }
        }
    }
    out
}

/// "; VolumeSizeInGB left out (it makes no difference to a deployment)", or nothing.
pub fn left_out(variants: &Value) -> String {
    let names = unmodelled_members(variants);
    match names.len() {
        0 => String::new(),
        1 => format!(
            "; {} left out (it makes no difference to a deployment)",
            names.join(", ")
        ),
        _ => format!(
            "; {} left out (they make no difference to a deployment)",
            names.join(", ")
        ),
    }
}

/// The total of the variants' instance counts.
pub fn instance_total(variants: &[designer_core::model::ProductionVariant]) -> i64 {
    variants
        .iter()
        .filter_map(|v| v.initial_instance_count)
        .sum()
}

/// "1 variant" / "2 variants", with the instances when there are any.
pub fn fleet_words(variants: &[designer_core::model::ProductionVariant]) -> String {
    let n = variants.len();
    let total = instance_total(variants);
    let v = if n == 1 { "variant" } else { "variants" };
    let serverless = variants.iter().filter(|v| v.is_serverless()).count();
    let mut s = format!("{n} {v}");
    if total > 0 {
        let i = if total == 1 { "instance" } else { "instances" };
        s.push_str(&format!(", {total} {i}"));
    }
    if serverless > 0 {
        s.push_str(&format!(", {serverless} serverless"));
    }
    s
}
