//! Turns the expressions of `clike.rs` into the core's positioned value tree, in the API's
//! member names: a builder chain (`X.builder().a(1).build()`, v1's `new X().withA(1)`, a
//! lambda `d -> d.a(1)`) or braces (`T{A: 1}`, `new T { A = 1 }`, `T { a = 1 }`) become a
//! map; SDK enum constants their wire spelling; `aws.String(x)`-style wrappers their value;
//! list builders a list; names declared once in the text their value. Anything else the
//! code computes is a placeholder carrying its source expression.

use std::collections::{HashMap, HashSet};

use designer_core::value::{Entry, Kind, Pos, Value, MAX_DEPTH};

use super::clike::{bindings, source, Item, Lang, Parser, E, X};
use super::{enum_wire, listed};
use crate::cdk::syntax::Tok;
use crate::names::pascal_from_camel;
use crate::tree;

/// Resolved values beyond this many nodes stay placeholders, so that a text that uses a
/// large value many times stays fast.
const BUDGET: usize = 200_000;

/// Calls whose value is their one argument's: pointer helpers and boxing.
const WRAPPERS: &[&str] = &[
    "aws.String",
    "aws.Int64",
    "aws.Int32",
    "aws.Int",
    "aws.Bool",
    "aws.Float64",
    "ptr.String",
    "ptr.Int32",
    "ptr.Int64",
    "ptr.Bool",
    "Integer.valueOf",
    "Long.valueOf",
    "Boolean.valueOf",
    "Integer",
    "Long",
];

/// Calls that build a list of their arguments.
const LISTS: &[&str] = &[
    "listOf",
    "mutableListOf",
    "arrayListOf",
    "List.of",
    "Arrays.asList",
    "Collections.singletonList",
    "ImmutableList.of",
    "Set.of",
    "setOf",
];

pub struct Eval<'a> {
    pub text: &'a str,
    pub toks: &'a [Tok],
    pub lang: Lang,
    binds: HashMap<String, Vec<(usize, u32)>>,
    resolving: Vec<String>,
    cache: HashMap<String, Value>,
    said: HashSet<String>,
    pub notes: Vec<String>,
    /// The expressions that names left as placeholders are declared with.
    pub bound: HashMap<String, String>,
    spent: usize,
}

impl<'a> Eval<'a> {
    pub fn new(text: &'a str, toks: &'a [Tok], lang: Lang) -> Self {
        Eval {
            text,
            toks,
            lang,
            binds: bindings(toks),
            resolving: Vec::new(),
            cache: HashMap::new(),
            said: HashSet::new(),
            notes: Vec::new(),
            bound: HashMap::new(),
            spent: 0,
        }
    }

    pub fn note(&mut self, note: String) {
        if self.said.len() < 20 && self.said.insert(note.clone()) {
            self.notes.push(note);
        }
    }

    fn placeholder(&self, x: &X) -> Value {
        tree::placeholder(x.pos, source(self.text, x))
    }

    /// A member name as the API spells it.
    fn key(&self, name: &str) -> String {
        match self.lang {
            Lang::Java | Lang::Kotlin => pascal_from_camel(name),
            Lang::Go | Lang::DotNet => name.to_string(),
        }
    }

    /// The value of `x`.
    pub fn value(&mut self, x: &X, depth: usize) -> Value {
        self.spent = self.spent.saturating_add(1);
        if depth > MAX_DEPTH {
            return self.placeholder(x);
        }
        let pos = x.pos;
        match &x.kind {
            E::Null => tree::node(pos, Kind::Null),
            E::Bool(b) => tree::node(pos, Kind::Bool(*b)),
            E::Num(n) => number(pos, n).unwrap_or_else(|| self.placeholder(x)),
            E::Str(s) => tree::string(pos, s.clone()),
            E::Dynamic | E::Code | E::Lambda { .. } => self.placeholder(x),
            E::Name(n) => self.resolve(x, n, depth),
            E::Member(..) => {
                let dotted = x.dotted();
                match dotted.as_deref() {
                    Some("Boolean.TRUE") => tree::node(pos, Kind::Bool(true)),
                    Some("Boolean.FALSE") => tree::node(pos, Kind::Bool(false)),
                    Some(d) => match enum_wire(d) {
                        Some(wire) => tree::string(pos, wire),
                        None => self.placeholder(x),
                    },
                    None => self.placeholder(x),
                }
            }
            E::Call(..) => self.call(x, depth, None),
            E::New { ty, args, init } => match init {
                Some(items) => self.braces(x, items, depth),
                None if args.is_empty() && !ty.contains("List") => {
                    tree::node(pos, Kind::Map(Vec::new()))
                }
                None => self.placeholder(x),
            },
            E::Braced { items, .. } => self.braces(x, items, depth),
        }
    }

    /// Braces: a map when they name members, a list of their elements otherwise.
    fn braces(&mut self, x: &X, items: &[Item], depth: usize) -> Value {
        let keyed = items.iter().any(|i| matches!(i, Item::Keyed { .. }));
        let elems = items.iter().any(|i| matches!(i, Item::Elem(_)));
        let list_type = match &x.kind {
            E::New { ty, .. } => ty.contains("List") || ty.ends_with("[]"),
            E::Braced { ty: Some(t), .. } => t.dotted().is_some_and(|d| d.contains("List")),
            _ => false,
        };
        if !keyed && (elems || list_type) {
            let items = items
                .iter()
                .filter_map(|i| match i {
                    Item::Elem(e) => Some(self.value(e, depth + 1)),
                    Item::Keyed { .. } => None,
                })
                .collect();
            return tree::node(x.pos, Kind::List(items));
        }
        let mut entries = Vec::new();
        for i in items {
            match i {
                Item::Keyed { key, key_pos, value } => {
                    let k = self.key(key);
                    let v = self.value(value, depth + 1);
                    let v = listed(&k, v);
                    entries.push(Entry { key: k, key_pos: *key_pos, value: v });
                }
                Item::Elem(e) => {
                    let shown = source(self.text, e);
                    self.note(format!(
                        "`{}` (line {}) is not a member the importer can place; it was left out",
                        crate::cdk::syntax::short(&shown),
                        e.pos.line
                    ));
                }
            }
        }
        tree::node(x.pos, Kind::Map(crate::cdk::convert::last_wins(entries)))
    }

    /// A call: a builder chain, a wrapper, a list, a Kotlin builder; otherwise what the
    /// code computes. `param`: the lambda parameter a chain may start from.
    fn call(&mut self, x: &X, depth: usize, param: Option<&str>) -> Value {
        let (root, calls) = chain(x);
        match calls.as_slice() {
            [(m, args)] if m.is_empty() => {
                let full = root.dotted().unwrap_or_default();
                if WRAPPERS.contains(&full.as_str()) || is_conversion(&full) {
                    if let [only] = args.as_slice() {
                        return self.value(only, depth + 1);
                    }
                }
                if LISTS.contains(&full.as_str()) {
                    let items = args.iter().map(|a| self.value(a, depth + 1)).collect();
                    return tree::node(x.pos, Kind::List(items));
                }
                return self.placeholder(x);
            }
            // `TrafficRoutingConfigType.fromValue("CANARY")`.
            [(m, args)] if m == "fromValue" && root.dotted().is_some_and(|d| is_conversion(&d) || enum_type(&d)) => {
                if let [only] = args.as_slice() {
                    return self.value(only, depth + 1);
                }
            }
            _ => {}
        }
        // A builder chain: `T.builder()...`, `new T().withA(...)`, or a lambda's `d.a(...)`.
        let start = match (&root.kind, calls.first()) {
            (E::Name(n), Some(_)) if Some(n.as_str()) == param => Some(0),
            (E::New { init: None, args, .. }, Some(_)) if args.is_empty() => Some(0),
            (_, Some((name, args))) if name == "builder" && args.is_empty() && root.dotted().is_some() => Some(1),
            _ => None,
        };
        let Some(start) = start else {
            return self.placeholder(x);
        };
        let mut entries = Vec::new();
        for (name, args) in calls.iter().skip(start) {
            if name == "build" {
                continue;
            }
            // Java v1's `withEndpointName(...)`, setters.
            let member = ["with", "set"]
                .iter()
                .find_map(|p| {
                    name.strip_prefix(p).filter(|r| r.chars().next().is_some_and(char::is_uppercase))
                })
                .unwrap_or(name);
            let key = self.key(member);
            let key_pos = args.first().map_or(x.pos, |a| a.pos);
            let v = match args.as_slice() {
                [] => continue,
                [one] => self.arg(one, depth),
                many => {
                    let items = many.iter().map(|a| self.arg(a, depth)).collect();
                    tree::node(key_pos, Kind::List(items))
                }
            };
            entries.push(Entry { key: key.clone(), key_pos, value: listed(&key, v) });
        }
        tree::node(x.pos, Kind::Map(crate::cdk::convert::last_wins(entries)))
    }

    /// The request a lambda builds from its parameter (`r -> r.endpointName(...)`).
    pub fn lambda(&mut self, x: &X) -> Value {
        self.arg(x, 0)
    }

    /// A builder method's argument: a lambda builds the member's value from its parameter.
    fn arg(&mut self, a: &X, depth: usize) -> Value {
        match &a.kind {
            E::Lambda { param, body } => match &body.kind {
                E::Call(..) => self.call(body, depth + 1, Some(param)),
                E::Name(n) if n == param => tree::node(a.pos, Kind::Map(Vec::new())),
                _ => self.placeholder(a),
            },
            _ => self.value(a, depth + 1),
        }
    }

    fn resolve(&mut self, x: &X, name: &str, depth: usize) -> Value {
        let site = self.placeholder(x);
        let Some(assigned) = self.binds.get(name).cloned() else {
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
        if self.resolving.iter().any(|n| n == name) || self.spent > BUDGET {
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
            self.cache.insert(name.to_string(), site.clone());
            return site;
        };
        self.resolving.push(name.to_string());
        let v = self.value(&bound, depth + 1);
        self.resolving.pop();
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

fn enum_type(name: &str) -> bool {
    matches!(name, "TrafficRoutingConfigType" | "CapacitySizeType" | "VariantPropertyType")
}

fn size(v: &Value) -> usize {
    match &v.kind {
        Kind::List(items) => 1 + items.iter().map(size).sum::<usize>(),
        Kind::Map(entries) => 1 + entries.iter().map(|e| size(&e.value)).sum::<usize>(),
        _ => 1,
    }
}

/// `a.b(1).c(2)` as its root (`a`) and its calls in order (`b(1)`, `c(2)`). A call of a
/// function (`aws.String(x)`, `listOf(...)`) is the function's name as the root and one
/// call with no method name.
fn chain(x: &X) -> (&X, Vec<(String, &Vec<X>)>) {
    let mut calls = Vec::new();
    let mut cur = x;
    while let E::Call(callee, args) = &cur.kind {
        match &callee.kind {
            E::Member(target, name) => {
                let function = callee
                    .dotted()
                    .is_some_and(|d| WRAPPERS.contains(&d.as_str()) || LISTS.contains(&d.as_str()) || is_conversion(&d));
                if function {
                    calls.push((String::new(), args));
                    cur = callee;
                    break;
                }
                calls.push((name.clone(), args));
                cur = target;
            }
            _ => {
                calls.push((String::new(), args));
                cur = callee;
                break;
            }
        }
    }
    calls.reverse();
    (cur, calls)
}

/// Go's conversion to an enum type: `types.TrafficRoutingConfigType("CANARY")`.
fn is_conversion(dotted: &str) -> bool {
    dotted.rsplit('.').next().is_some_and(enum_type) && dotted.contains('.')
}

/// A number as Java, Kotlin, Go and C# write it: `5L`, `1_000`, `0.5f`, `10m`.
fn number(pos: Pos, written: &str) -> Option<Value> {
    let hex = written.starts_with("0x") || written.starts_with("0X") || written.starts_with("-0x");
    let mut plain = written.replace('_', "");
    if !hex {
        while plain.ends_with(|c: char| matches!(c, 'l' | 'L' | 'f' | 'F' | 'd' | 'D' | 'm' | 'M' | 'u' | 'U')) {
            plain.pop();
        }
    }
    let digits = plain.strip_prefix('-').unwrap_or(&plain);
    if digits.is_empty() {
        return None;
    }
    if hex {
        let h = digits.trim_start_matches("0x").trim_start_matches("0X");
        let n = i64::from_str_radix(h, 16).ok()?;
        let n = if plain.starts_with('-') { -n } else { n };
        return Some(tree::node(pos, Kind::Int { text: written.to_string(), value: Some(n) }));
    }
    if digits.chars().all(|c| c.is_ascii_digit()) {
        return Some(tree::node(pos, Kind::Int { text: written.to_string(), value: plain.parse::<i64>().ok() }));
    }
    let f = plain.parse::<f64>().ok()?;
    Some(tree::node(pos, Kind::Float { text: written.to_string(), value: Some(f).filter(|f| f.is_finite()) }))
}
