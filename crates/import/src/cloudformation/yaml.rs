//! A YAML reader onto the core's positioned value tree, for CloudFormation templates:
//! saphyr-parser's events (each with its line and column) are assembled into maps, lists and
//! scalars typed by YAML 1.2's core schema. A node tagged `!Ref`, `!Sub`, `!GetAtt`... is kept
//! as a one-member map whose key is the tag (`"!Ref"`), so the template reader sees short
//! and long (`Fn::Sub`) forms alike.

use designer_core::value::{Entry, Kind, ParseError, Pos, Value, MAX_DEPTH};
use saphyr_parser::{Event, Parser, ScalarStyle, Span, Tag};
use std::collections::HashSet;

/// A container being filled.
enum Frame {
    Seq {
        pos: Pos,
        tag: Option<String>,
        items: Vec<Value>,
    },
    Map {
        pos: Pos,
        tag: Option<String>,
        entries: Vec<Entry>,
        key: Option<(String, Pos)>,
        /// The keys so far, to refuse a repeated one without a quadratic search.
        seen: HashSet<String>,
    },
}

fn pos_of(span: &Span) -> Pos {
    Pos {
        line: u32::try_from(span.start.line()).unwrap_or(u32::MAX),
        column: u32::try_from(span.start.col().saturating_add(1)).unwrap_or(u32::MAX),
    }
}

fn lone_returns_as_spaces(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' && chars.peek() != Some(&'\n') {
            out.push(' ');
        } else {
            out.push(c);
        }
    }
    out
}

/// The CloudFormation name of a local tag (`!Ref` -> `!Ref`); `None` for YAML's own
/// (`!!str`), which type the scalar instead.
fn local_tag(tag: Option<&Tag>) -> Option<String> {
    let tag = tag?;
    if tag.handle == "!" && !tag.suffix.is_empty() {
        Some(format!("!{}", tag.suffix))
    } else {
        None
    }
}

/// `pos` moved into the text (`widths`: the characters of each line): the parser marks the
/// end of a text without a final line break on the line after it.
fn within(widths: &[u32], pos: Pos) -> Pos {
    let last = u32::try_from(widths.len()).unwrap_or(u32::MAX).max(1);
    let line = pos.line.clamp(1, last);
    let width = widths.get(line as usize - 1).copied().unwrap_or(0);
    let column = if line < pos.line {
        width.saturating_add(1)
    } else {
        pos.column.clamp(1, width.saturating_add(1))
    };
    Pos { line, column }
}

/// Parses the first YAML document of `text`.
pub fn parse(text: &str) -> Result<Value, ParseError> {
    // YAML breaks lines at a lone carriage return too; the page counts lines by `\n`. A
    // lone `\r` (a paste's stray byte) is read as a space, so that every place stays the
    // text's own.
    let spaced;
    let text = if text.contains('\r') {
        spaced = lone_returns_as_spaces(text);
        spaced.as_str()
    } else {
        text
    };
    let widths: Vec<u32> = text
        .split('\n')
        .map(|l| u32::try_from(l.chars().count()).unwrap_or(u32::MAX))
        .collect();
    let within = |pos: Pos| within(&widths, pos);
    let mut stack: Vec<Frame> = Vec::new();
    let mut root: Option<Value> = None;
    let mut parser = Parser::new_from_str(text);
    while let Some(next) = parser.next_event() {
        let (event, span) = next.map_err(|e| {
            let m = e.marker();
            ParseError::new(
                within(
                    Pos {
                        line: u32::try_from(m.line()).unwrap_or(u32::MAX),
                        column: u32::try_from(m.col().saturating_add(1)).unwrap_or(u32::MAX),
                    },
                ),
                {
                    let info = e.info();
                    let hint = if info.contains("expected key")
                        || info.contains("mapping values are not allowed")
                    {
                        "; check the indentation of this line and the one before"
                    } else {
                        ""
                    };
                    format!("the YAML does not read: {info}{hint}")
                },
            )
        })?;
        let pos = within(pos_of(&span));
        let done = match event {
            Event::StreamStart | Event::DocumentStart(_) | Event::Nothing => None,
            Event::DocumentEnd | Event::StreamEnd => break,
            Event::Alias(_) => return Err(ParseError::new(
                pos,
                "a YAML alias (*name): CloudFormation does not accept aliases; write the value out",
            )),
            Event::Scalar(s, style, _, tag) => {
                let local = local_tag(tag.as_deref());
                let value = Value {
                    pos,
                    kind: scalar(&s, style, tag.as_deref()),
                };
                Some(wrap(value, local))
            }
            Event::SequenceStart(_, tag) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(ParseError::new(pos, "the YAML nests too deeply"));
                }
                stack.push(Frame::Seq {
                    pos,
                    tag: local_tag(tag.as_deref()),
                    items: Vec::new(),
                });
                None
            }
            Event::MappingStart(_, tag) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(ParseError::new(pos, "the YAML nests too deeply"));
                }
                stack.push(Frame::Map {
                    pos,
                    tag: local_tag(tag.as_deref()),
                    entries: Vec::new(),
                    key: None,
                    seen: HashSet::new(),
                });
                None
            }
            Event::SequenceEnd | Event::MappingEnd => match stack.pop() {
                Some(Frame::Seq { pos, tag, items }) => Some(wrap(
                    Value {
                        pos,
                        kind: Kind::List(items),
                    },
                    tag,
                )),
                Some(Frame::Map {
                    pos, tag, entries, ..
                }) => Some(wrap(
                    Value {
                        pos,
                        kind: Kind::Map(entries),
                    },
                    tag,
                )),
                None => None,
            },
        };
        if let Some(value) = done {
            match stack.last_mut() {
                None => {
                    if root.is_none() {
                        root = Some(value);
                    }
                }
                Some(Frame::Seq { items, .. }) => items.push(value),
                Some(Frame::Map {
                    entries, key, seen, ..
                }) => match key.take() {
                    Some((k, key_pos)) => entries.push(Entry {
                        key: k,
                        key_pos,
                        value,
                    }),
                    None => {
                        let k =
                            match value.kind {
                                Kind::Str(s) => s,
                                Kind::Int { text, .. } | Kind::Float { text, .. } => text,
                                Kind::Bool(b) => b.to_string(),
                                Kind::Null => String::new(),
                                _ => return Err(ParseError::new(
                                    value.pos,
                                    "a key that is not a plain name: CloudFormation keys are names",
                                )),
                            };
                        if !seen.insert(k.clone()) {
                            return Err(ParseError::new(
                                value.pos,
                                format!("the key {k:?} appears twice in this mapping"),
                            ));
                        }
                        *key = Some((k, value.pos));
                    }
                },
            }
        }
    }
    Ok(root.unwrap_or(Value {
        pos: Pos::START,
        kind: Kind::Null,
    }))
}

/// A node under a local tag becomes `{"!Tag": node}`.
fn wrap(value: Value, tag: Option<String>) -> Value {
    match tag {
        None => value,
        Some(key) => Value {
            pos: value.pos,
            kind: Kind::Map(vec![Entry {
                key,
                key_pos: value.pos,
                value,
            }]),
        },
    }
}

/// Types a scalar: quoted and block scalars are strings; plain ones follow YAML 1.2's core
/// schema (null, booleans, integers, floats), as CloudFormation reads them.
fn scalar(s: &str, style: ScalarStyle, tag: Option<&Tag>) -> Kind {
    if let Some(t) = tag {
        if t.handle == "!!" {
            match t.suffix.as_str() {
                "str" => return Kind::Str(s.to_string()),
                "int" | "float" | "bool" | "null" => return plain(s),
                _ => {}
            }
        }
        if t.handle == "!" {
            // The argument of an intrinsic function, e.g. the `Name` of `!Ref Name`.
            return match style {
                ScalarStyle::Plain => plain(s),
                _ => Kind::Str(s.to_string()),
            };
        }
    }
    match style {
        ScalarStyle::Plain => plain(s),
        _ => Kind::Str(s.to_string()),
    }
}

pub(super) fn plain(s: &str) -> Kind {
    match s {
        "" | "~" | "null" | "Null" | "NULL" => return Kind::Null,
        "true" | "True" | "TRUE" => return Kind::Bool(true),
        "false" | "False" | "FALSE" => return Kind::Bool(false),
        _ => {}
    }
    let digits = s.strip_prefix(['-', '+']).unwrap_or(s);
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        return Kind::Int {
            text: s.to_string(),
            value: s.parse::<i64>().ok(),
        };
    }
    if let Some(hex) = s.strip_prefix("0x") {
        if let Ok(n) = i64::from_str_radix(hex, 16) {
            return Kind::Int {
                text: s.to_string(),
                value: Some(n),
            };
        }
    }
    if let Some(oct) = s.strip_prefix("0o") {
        if let Ok(n) = i64::from_str_radix(oct, 8) {
            return Kind::Int {
                text: s.to_string(),
                value: Some(n),
            };
        }
    }
    let looks_numeric = digits
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'-' | b'+'))
        && digits.bytes().any(|b| b.is_ascii_digit())
        && digits
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_digit() || b == b'.');
    if looks_numeric {
        if let Ok(f) = s.parse::<f64>() {
            return Kind::Float {
                text: s.to_string(),
                value: Some(f).filter(|f| f.is_finite()),
            };
        }
    }
    Kind::Str(s.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_form_tags_become_one_member_maps_with_positions() {
        let v = parse("A: !Ref Name\nB:\n  - 1\n  - '2'\n").unwrap_or_else(|e| panic!("{e}"));
        let a = v.get("A").unwrap_or_else(|| panic!("A"));
        let inner = a.get("!Ref").unwrap_or_else(|| panic!("!Ref"));
        assert_eq!(inner.kind, Kind::Str("Name".into()));
        assert_eq!(inner.pos, Pos { line: 1, column: 4 });
        let Some(Kind::List(items)) = v.get("B").map(|b| &b.kind) else {
            panic!("B")
        };
        assert!(matches!(items[0].kind, Kind::Int { value: Some(1), .. }));
        assert_eq!(items[1].kind, Kind::Str("2".into()));
    }

    #[test]
    fn errors_say_where() {
        let e = parse("A:\n  b: 1\n c: 2\n")
            .err()
            .unwrap_or_else(|| panic!("no error"));
        assert_eq!(e.pos.line, 3);
    }
}
