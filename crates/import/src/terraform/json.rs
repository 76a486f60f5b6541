//! Terraform's JSON syntax (`.tf.json`, what CDK for Terraform synthesizes), turned into the
//! same body the HCL reader gives: `{"resource": {"TYPE": {"NAME": {...}}}}` becomes
//! `resource "TYPE" "NAME" {...}`, every member of a resource an attribute (objects and
//! arrays of objects stand for nested blocks), and a string holding `${...}` an expression.
//! Members named `"//"` are comments.

use super::hcl::{Attribute, Block, Expr, ExprKind, Structure};
use designer_core::value::{Entry, Kind, Pos, Value};

/// How many labels each top-level block type has in the JSON nesting.
fn label_count(block: &str) -> Option<usize> {
    match block {
        "resource" | "data" => Some(2),
        "variable" | "output" | "module" | "provider" => Some(1),
        "locals" | "terraform" => Some(0),
        _ => None,
    }
}

/// The body of the configuration `root` (a parsed JSON object) of `text`.
pub fn body(text: &str, root: &Value, offset: &dyn Fn(Pos) -> usize) -> Vec<Structure> {
    let Kind::Map(entries) = &root.kind else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for e in entries {
        let Some(n) = label_count(&e.key) else {
            continue;
        };
        blocks(
            text,
            &e.key,
            e.key_pos,
            &e.value,
            n,
            &mut Vec::new(),
            &mut out,
            offset,
        );
    }
    out
}

/// Unfolds `{"label": ...}` levels (or arrays of them) into blocks with labels.
#[allow(clippy::too_many_arguments)]
fn blocks(
    text: &str,
    ident: &str,
    at: Pos,
    v: &Value,
    labels_left: usize,
    labels: &mut Vec<String>,
    out: &mut Vec<Structure>,
    offset: &dyn Fn(Pos) -> usize,
) {
    match &v.kind {
        Kind::List(items) => {
            for item in items {
                blocks(text, ident, at, item, labels_left, labels, out, offset);
            }
        }
        Kind::Map(entries) if labels_left > 0 => {
            for e in entries.iter().filter(|e| e.key != "//") {
                labels.push(e.key.clone());
                blocks(
                    text,
                    ident,
                    e.key_pos,
                    &e.value,
                    labels_left - 1,
                    labels,
                    out,
                    offset,
                );
                labels.pop();
            }
        }
        Kind::Map(entries) => out.push(Structure::Block(Block {
            ident: ident.to_string(),
            ident_at: offset(at),
            labels: labels.clone(),
            body: attributes(text, entries, offset),
        })),
        _ => {}
    }
}

fn attributes(text: &str, entries: &[Entry], offset: &dyn Fn(Pos) -> usize) -> Vec<Structure> {
    entries
        .iter()
        .filter(|e| e.key != "//")
        .map(|e| {
            Structure::Attribute(Attribute {
                key: e.key.clone(),
                key_at: offset(e.key_pos),
                value: expr(text, &e.value, offset),
            })
        })
        .collect()
}

fn expr(text: &str, v: &Value, offset: &dyn Fn(Pos) -> usize) -> Expr {
    let start = offset(v.pos);
    let one = start..start.saturating_add(1).min(text.len());
    let (span, kind) = match &v.kind {
        Kind::Null => (one, ExprKind::Null),
        Kind::Bool(b) => (one, ExprKind::Bool(*b)),
        Kind::Int { text: t, .. } | Kind::Float { text: t, .. } => {
            (one, ExprKind::Number(t.clone()))
        }
        Kind::Str(s) if has_expression(s) => (start..string_end(text, start), ExprKind::Other),
        Kind::Str(s) => (
            one,
            ExprKind::Str(s.replace("$${", "${").replace("%%{", "%{")),
        ),
        Kind::List(items) => (
            one,
            ExprKind::Tuple(items.iter().map(|i| expr(text, i, offset)).collect()),
        ),
        Kind::Map(entries) => (
            one,
            ExprKind::Object(
                entries
                    .iter()
                    .filter(|e| e.key != "//")
                    .map(|e| {
                        (
                            Some(e.key.clone()),
                            offset(e.key_pos),
                            expr(text, &e.value, offset),
                        )
                    })
                    .collect(),
            ),
        ),
        Kind::Placeholder(_) => (one, ExprKind::Other),
    };
    Expr { span, kind }
}

/// True when a JSON-syntax string is a template (`${...}` or `%{...}`, not `$${`).
fn has_expression(s: &str) -> bool {
    let b = s.as_bytes();
    b.windows(2)
        .enumerate()
        .any(|(i, w)| matches!(w, [b'$' | b'%', b'{']) && (i == 0 || b.get(i - 1) != w.first()))
}

/// The byte after the JSON string starting (with its quote) at `start`.
fn string_end(text: &str, start: usize) -> usize {
    let b = text.as_bytes();
    let mut i = start + 1;
    while let Some(&c) = b.get(i) {
        match c {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    text.len()
}
