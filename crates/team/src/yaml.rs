//! A YAML rules file onto the core's positioned value tree: saphyr-parser's events (each
//! with its line and column) assembled into maps, lists and scalars typed by YAML 1.2's core
//! schema. A rules file needs none of YAML's graph features, so anchors, aliases and local
//! tags are refused with their place rather than half-understood.

use designer_core::value::{Entry, Kind, ParseError, Pos, Value, MAX_DEPTH};
use saphyr_parser::{Event, Parser, ScalarStyle, Span};
use std::collections::HashSet;

enum Frame {
    Seq { pos: Pos, items: Vec<Value> },
    Map { pos: Pos, entries: Vec<Entry>, key: Option<(String, Pos)>, seen: HashSet<String> },
}

fn pos_of(line: usize, col: usize) -> Pos {
    Pos {
        line: u32::try_from(line.max(1)).unwrap_or(u32::MAX),
        column: u32::try_from(col.saturating_add(1)).unwrap_or(u32::MAX),
    }
}

fn span_pos(span: &Span) -> Pos {
    pos_of(span.start.line(), span.start.col())
}

/// Parses the first YAML document of `text`.
pub fn parse(text: &str) -> Result<Value, ParseError> {
    let lines = u32::try_from(text.split('\n').count()).unwrap_or(u32::MAX).max(1);
    // The parser marks the end of a text without a final line break on the line after it.
    let within = |p: Pos| if p.line > lines { Pos { line: lines, column: 1 } } else { p };
    let mut stack: Vec<Frame> = Vec::new();
    let mut root: Option<Value> = None;
    let mut parser = Parser::new_from_str(text);
    while let Some(next) = parser.next_event() {
        let (event, span) = next.map_err(|e| {
            let m = e.marker();
            ParseError::new(within(pos_of(m.line(), m.col())), format!("the YAML does not read: {}", e.info()))
        })?;
        let pos = within(span_pos(&span));
        let done = match event {
            Event::StreamStart | Event::DocumentStart(_) | Event::Nothing => None,
            Event::DocumentEnd | Event::StreamEnd => break,
            Event::Alias(_) => {
                return Err(ParseError::new(pos, "a YAML alias (*name): write the value out in a rules file"))
            }
            Event::Scalar(s, style, anchor, tag) => {
                if anchor != 0 {
                    return Err(ParseError::new(pos, "a YAML anchor (&name): a rules file has no use for one"));
                }
                let kind = match tag.as_deref() {
                    Some(t) if t.handle == "!!" && t.suffix == "str" => Kind::Str(s.to_string()),
                    Some(t) if t.handle == "!!" => typed(&s, style),
                    Some(t) => {
                        return Err(ParseError::new(
                            pos,
                            format!("a YAML tag ({}{}): a rules file takes plain values", t.handle, t.suffix),
                        ))
                    }
                    None => typed(&s, style),
                };
                Some(Value { pos, kind })
            }
            Event::SequenceStart(anchor, tag) | Event::MappingStart(anchor, tag) if anchor != 0 || tag.is_some() => {
                return Err(ParseError::new(pos, "a YAML anchor or tag on a list or mapping: a rules file takes plain values"))
            }
            Event::SequenceStart(..) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(ParseError::new(pos, "the YAML nests too deeply"));
                }
                stack.push(Frame::Seq { pos, items: Vec::new() });
                None
            }
            Event::MappingStart(..) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(ParseError::new(pos, "the YAML nests too deeply"));
                }
                stack.push(Frame::Map { pos, entries: Vec::new(), key: None, seen: HashSet::new() });
                None
            }
            Event::SequenceEnd | Event::MappingEnd => match stack.pop() {
                Some(Frame::Seq { pos, items }) => Some(Value { pos, kind: Kind::List(items) }),
                Some(Frame::Map { pos, entries, .. }) => Some(Value { pos, kind: Kind::Map(entries) }),
                None => None,
            },
        };
        let Some(value) = done else { continue };
        match stack.last_mut() {
            None => {
                root.get_or_insert(value);
            }
            Some(Frame::Seq { items, .. }) => items.push(value),
            Some(Frame::Map { entries, key, seen, .. }) => match key.take() {
                Some((key, key_pos)) => entries.push(Entry { key, key_pos, value }),
                None => {
                    let k = match value.kind {
                        Kind::Str(s) => s,
                        Kind::Int { text, .. } | Kind::Float { text, .. } => text,
                        Kind::Bool(b) => b.to_string(),
                        Kind::Null => String::new(),
                        _ => return Err(ParseError::new(value.pos, "a key that is not a plain name")),
                    };
                    if !seen.insert(k.clone()) {
                        return Err(ParseError::new(value.pos, format!("the key {k:?} appears twice in this mapping")));
                    }
                    *key = Some((k, value.pos));
                }
            },
        }
    }
    Ok(root.unwrap_or(Value { pos: Pos::START, kind: Kind::Null }))
}

/// Quoted and block scalars are strings; plain ones follow YAML 1.2's core schema.
fn typed(s: &str, style: ScalarStyle) -> Kind {
    if style != ScalarStyle::Plain {
        return Kind::Str(s.to_string());
    }
    match s {
        "" | "~" | "null" | "Null" | "NULL" => return Kind::Null,
        "true" | "True" | "TRUE" => return Kind::Bool(true),
        "false" | "False" | "FALSE" => return Kind::Bool(false),
        _ => {}
    }
    let digits = s.strip_prefix(['-', '+']).unwrap_or(s);
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        return Kind::Int { text: s.to_string(), value: s.parse::<i64>().ok() };
    }
    let numeric = digits.bytes().next().is_some_and(|b| b.is_ascii_digit() || b == b'.')
        && digits.bytes().all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'-' | b'+'));
    if numeric {
        if let Ok(f) = s.parse::<f64>() {
            return Kind::Float { text: s.to_string(), value: Some(f).filter(|f| f.is_finite()) };
        }
    }
    Kind::Str(s.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_keep_their_places_and_types() {
        let v = parse("rules:\n  - name: a\n    canary: {at_most: 10%}\n    bake: 600\n").unwrap_or_else(|e| panic!("{e}"));
        let Some(Kind::List(rules)) = v.get("rules").map(|r| &r.kind) else { panic!("rules") };
        let canary = rules[0].get("canary").and_then(|c| c.get("at_most")).unwrap_or_else(|| panic!("at_most"));
        assert_eq!(canary.kind, Kind::Str("10%".into()));
        assert_eq!(canary.pos, Pos { line: 3, column: 23 });
        assert!(matches!(rules[0].get("bake").map(|b| &b.kind), Some(Kind::Int { value: Some(600), .. })));
    }

    #[test]
    fn refusals_say_where() {
        for (text, line) in [
            ("a: 1\na: 2\n", 2),
            ("a: &x 1\nb: *x\n", 1),
            ("a: !Ref b\n", 1),
            ("a:\n  - b\n c: d\n", 3),
        ] {
            let e = parse(text).err().unwrap_or_else(|| panic!("{text:?} was read"));
            assert_eq!(e.pos.line, line, "{text:?}: {e}");
        }
    }
}
