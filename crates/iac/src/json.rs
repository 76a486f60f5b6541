//! JSON for the targets that are JSON (CloudFormation's JSON form, Step Functions, IAM) and
//! the ordered tree they are built as, which the YAML writer also reads.

use designer_core::export::is_invisible;

use crate::tree::{Fill, Link, Node};

/// A JSON value with its object members in the order they are written.
#[derive(Clone, Debug, PartialEq)]
pub enum J {
    Str(String),
    Int(i64),
    /// A number that need not be whole (an alarm's `Threshold`).
    Num(f64),
    Bool(bool),
    Arr(Vec<J>),
    Obj(Vec<(String, J)>),
    /// CloudFormation's `{"Ref": name}` (YAML writes it `!Ref name`).
    Ref(String),
}

impl J {
    /// An object from `(key, value)` pairs.
    pub fn obj<K: Into<String>>(entries: Vec<(K, J)>) -> J {
        J::Obj(entries.into_iter().map(|(k, v)| (k.into(), v)).collect())
    }

    pub fn str(s: impl Into<String>) -> J {
        J::Str(s.into())
    }
}

/// The request tree `n` as JSON. A member whose value is a placeholder is written as
/// `fill(key, placeholder)` says: its key and its value (a list element gets key `""`
/// and is written as the value alone, or as a one-member object when a key comes back).
/// A link to an alarm the design defines is written as the alarm's name; a declared name
/// ([`Node::Param`], only in CloudFormation's export) as `{"Ref": id}`.
pub fn from_node(n: &Node, fill: &dyn Fn(&str, &Fill) -> (String, J)) -> J {
    from_node_with(n, fill, &|l| J::Str(l.name.clone()))
}

/// [`from_node`], with each link to a defined alarm written as `link` says.
pub fn from_node_with(
    n: &Node,
    fill: &dyn Fn(&str, &Fill) -> (String, J),
    link: &dyn Fn(&Link) -> J,
) -> J {
    match n {
        Node::Str(s) => J::Str(s.clone()),
        Node::Int(i) => J::Int(*i),
        Node::Float(x) => J::Num(*x),
        Node::Bool(b) => J::Bool(*b),
        Node::Link(l) => link(l),
        Node::Param(p) => J::Ref(p.id.clone()),
        Node::List(items) => J::Arr(
            items
                .iter()
                .map(|i| from_node_with(i, fill, link))
                .collect(),
        ),
        Node::Map(o) => J::Obj(
            o.entries
                .iter()
                .map(|(k, v)| match v {
                    Node::Fill(f) => fill(k, f),
                    v => (k.to_string(), from_node_with(v, fill, link)),
                })
                .collect(),
        ),
        Node::Fill(f) => match fill("", f) {
            (k, v) if k.is_empty() => v,
            (k, v) => J::Obj(vec![(k, v)]),
        },
    }
}

/// `x` as a JSON number in its shortest form that reads back as `x` (`1.0`, `0.05`, `1e-7`),
/// as the design document writes it.
pub fn number(x: f64) -> String {
    designer_core::write::compact_json(&x)
}

/// `v` as JSON on one line (for a comment).
pub fn compact(v: &J) -> String {
    match v {
        J::Str(s) => json_string(s),
        J::Int(n) => n.to_string(),
        J::Num(x) => number(*x),
        J::Ref(name) => format!("{{\"Ref\": {}}}", json_string(name)),
        J::Bool(b) => b.to_string(),
        J::Arr(items) => {
            let parts: Vec<String> = items.iter().map(compact).collect();
            format!("[{}]", parts.join(", "))
        }
        J::Obj(entries) => {
            let parts: Vec<String> = entries
                .iter()
                .map(|(k, v)| format!("{}: {}", json_string(k), compact(v)))
                .collect();
            format!("{{{}}}", parts.join(", "))
        }
    }
}

/// `s` as a JSON string: `"` and `\` escaped, controls and the characters a reader cannot
/// see (bidi controls, zero-width marks, line separators) as `\uXXXX`, so that what is shown
/// is what is read; everything else as it is.
pub fn json_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() || is_invisible(c) => {
                let mut units = [0u16; 2];
                for u in c.encode_utf16(&mut units) {
                    out.push_str(&format!("\\u{u:04x}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `v` as pretty JSON (two-space indents, as the AWS consoles show templates and policies),
/// ending in a newline.
pub fn pretty(v: &J) -> String {
    let mut out = String::new();
    write(v, 0, &mut out);
    out.push('\n');
    out
}

fn indent(depth: usize, out: &mut String) {
    for _ in 0..depth {
        out.push_str("  ");
    }
}

fn write(v: &J, depth: usize, out: &mut String) {
    match v {
        J::Str(s) => out.push_str(&json_string(s)),
        J::Int(n) => out.push_str(&n.to_string()),
        J::Num(x) => out.push_str(&number(*x)),
        J::Ref(name) => write(&J::obj(vec![("Ref", J::Str(name.clone()))]), depth, out),
        J::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        J::Arr(items) if items.is_empty() => out.push_str("[]"),
        J::Obj(entries) if entries.is_empty() => out.push_str("{}"),
        J::Arr(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                out.push_str(if i == 0 { "\n" } else { ",\n" });
                indent(depth + 1, out);
                write(item, depth + 1, out);
            }
            out.push('\n');
            indent(depth, out);
            out.push(']');
        }
        J::Obj(entries) => {
            out.push('{');
            for (i, (k, item)) in entries.iter().enumerate() {
                out.push_str(if i == 0 { "\n" } else { ",\n" });
                indent(depth + 1, out);
                out.push_str(&json_string(k));
                out.push_str(": ");
                write(item, depth + 1, out);
            }
            out.push('\n');
            indent(depth, out);
            out.push('}');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_escape_what_matters_and_nothing_else() {
        let cases = [
            ("plain", r#""plain""#),
            ("a\"b\\c", r#""a\"b\\c""#),
            ("l1\nl2\t\r", r#""l1\nl2\t\r""#),
            ("\u{7f}\u{202e}\u{e0041}", r#""\u007f\u202e\udb40\udc41""#),
            ("${x} #{y} `z` é", r#""${x} #{y} `z` é""#),
        ];
        for (input, want) in cases {
            assert_eq!(json_string(input), want, "{input:?}");
        }
    }

    #[test]
    fn pretty_nests_with_two_spaces() {
        let v = J::obj(vec![
            ("A", J::Arr(vec![J::Int(1), J::Bool(false)])),
            ("B", J::Obj(vec![])),
        ]);
        assert_eq!(
            pretty(&v),
            "{\n  \"A\": [\n    1,\n    false\n  ],\n  \"B\": {}\n}\n"
        );
    }
}
