//! Small builders of the core's positioned value tree, for importers that map another
//! syntax (HCL blocks, YAML, keyword calls) onto the API's spelling.

use designer_core::value::{Entry, Kind, Pos, Value};

/// A node of `kind` at `pos`.
pub fn node(pos: Pos, kind: Kind) -> Value {
    Value { pos, kind }
}

/// A string at `pos`.
pub fn string(pos: Pos, s: impl Into<String>) -> Value {
    node(pos, Kind::Str(s.into()))
}

/// An integer at `pos`.
pub fn int(pos: Pos, n: i64) -> Value {
    node(pos, Kind::Int {
        text: n.to_string(),
        value: Some(n),
    })
}

/// A placeholder for `expression` at `pos`.
pub fn placeholder(pos: Pos, expression: impl Into<String>) -> Value {
    node(pos, Kind::Placeholder(expression.into()))
}

/// A map at `pos` from (name, name position, value).
pub fn map(pos: Pos, entries: Vec<(String, Pos, Value)>) -> Value {
    node(
        pos,
        Kind::Map(
            entries
                .into_iter()
                .map(|(key, key_pos, value)| Entry { key, key_pos, value })
                .collect(),
        ),
    )
}
