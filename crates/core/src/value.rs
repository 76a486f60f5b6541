//! A parsed value tree with source positions, shared by the JSON and Python-literal
//! parsers, so that the import's schema walk can say where a wrong value was written.

use std::fmt;

/// A place in the pasted text: 1-based line and column (columns count characters).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pos {
    /// 1-based line.
    pub line: u32,
    /// 1-based column, in characters (not bytes).
    pub column: u32,
}

impl Pos {
    /// The start of a text.
    pub const START: Pos = Pos { line: 1, column: 1 };
}

impl fmt::Display for Pos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}, column {}", self.line, self.column)
    }
}

/// One node of the tree and where it starts.
#[derive(Clone, Debug, PartialEq)]
pub struct Value {
    /// Where the value starts in the text.
    pub pos: Pos,
    /// What the value is.
    pub kind: Kind,
}

/// The kinds of value both input languages share.
#[derive(Clone, Debug, PartialEq)]
pub enum Kind {
    /// JSON `null`, Python `None`.
    Null,
    /// A boolean.
    Bool(bool),
    /// An integer literal. `value` is `None` when it does not fit in an `i64`: the text is
    /// kept so the refusal can quote it.
    Int {
        /// The literal as written (after a sign, if any, was folded in).
        text: String,
        /// The value, when it fits.
        value: Option<i64>,
    },
    /// A number with a fraction or an exponent. `value` is `None` when it is beyond `f64`.
    Float {
        /// The literal as written.
        text: String,
        /// The value, when finite.
        value: Option<f64>,
    },
    /// A string (escapes decoded).
    Str(String),
    /// A JSON array, Python list or tuple.
    List(Vec<Value>),
    /// A JSON object, Python dict or `dict(...)` call, in the written order.
    Map(Vec<Entry>),
    /// A value the text does not give: a variable, an f-string with fields, a template
    /// reference, a JSONPath. Holds the expression as written; the import records it as a
    /// [`crate::model::Placeholder`] at its path and leaves the member unset.
    Placeholder(String),
}

/// One member of a map.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// The member name.
    pub key: String,
    /// Where the member name starts.
    pub key_pos: Pos,
    /// The member's value.
    pub value: Value,
}

impl Value {
    /// The member `key` of a map, if this is a map that has it.
    pub fn get(&self, key: &str) -> Option<&Value> {
        match &self.kind {
            Kind::Map(entries) => entries.iter().find(|e| e.key == key).map(|e| &e.value),
            _ => None,
        }
    }
}

/// A syntax error: what was expected and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    /// What is wrong, without the position.
    pub message: String,
    /// Where.
    pub pos: Pos,
}

impl ParseError {
    /// An error at `pos`.
    pub fn new(pos: Pos, message: impl Into<String>) -> Self {
        ParseError {
            message: message.into(),
            pos,
        }
    }
}

impl fmt::Display for ParseError {
    /// `line L, column C: message`, self-contained for the page.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.pos, self.message)
    }
}

/// Nesting deeper than this is refused, so that a hostile paste cannot overflow the stack.
pub const MAX_DEPTH: usize = 64;

/// A byte cursor that keeps line and column up to date as it moves.
#[derive(Clone, Debug)]
pub(crate) struct Scanner<'a> {
    pub(crate) text: &'a str,
    pub(crate) bytes: &'a [u8],
    pub(crate) i: usize,
    line: u32,
    column: u32,
}

impl<'a> Scanner<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        Scanner {
            text,
            bytes: text.as_bytes(),
            i: 0,
            line: 1,
            column: 1,
        }
    }

    pub(crate) fn pos(&self) -> Pos {
        Pos {
            line: self.line,
            column: self.column,
        }
    }

    pub(crate) fn peek(&self) -> Option<u8> {
        self.bytes.get(self.i).copied()
    }

    pub(crate) fn peek_at(&self, ahead: usize) -> Option<u8> {
        self.bytes.get(self.i.saturating_add(ahead)).copied()
    }

    pub(crate) fn at_end(&self) -> bool {
        self.i >= self.bytes.len()
    }

    /// Moves past one byte. Columns advance on the first byte of each character only.
    pub(crate) fn bump(&mut self) {
        if let Some(&b) = self.bytes.get(self.i) {
            self.i += 1;
            if b == b'\n' {
                self.line = self.line.saturating_add(1);
                self.column = 1;
            } else if b & 0xC0 != 0x80 {
                self.column = self.column.saturating_add(1);
            }
        }
    }

    /// Moves past `n` bytes.
    pub(crate) fn bump_n(&mut self, n: usize) {
        for _ in 0..n {
            self.bump();
        }
    }

    /// The character at the cursor, for "found ..." in messages.
    pub(crate) fn current_char(&self) -> Option<char> {
        self.text.get(self.i..).and_then(|s| s.chars().next())
    }

    /// Describes what is at the cursor: `'x'` or "the end of the text".
    pub(crate) fn found(&self) -> String {
        describe_char(self.current_char())
    }
}

/// `'x'` (with control characters as `U+XXXX`) or "the end of the text".
pub(crate) fn describe_char(c: Option<char>) -> String {
    match c {
        None => "the end of the text".to_string(),
        Some(c) if c.is_control() || c.is_whitespace() && c != ' ' => {
            format!("U+{:04X}", u32::from(c))
        }
        Some(c) => format!("'{c}'"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_not_bytes() {
        let mut s = Scanner::new("é€x\ny");
        while s.peek() != Some(b'x') {
            s.bump();
        }
        assert_eq!(s.pos(), Pos { line: 1, column: 3 });
        s.bump_n(2);
        assert_eq!(s.pos(), Pos { line: 2, column: 1 });
    }

    #[test]
    fn error_display_leads_with_the_position() {
        let e = ParseError::new(
            Pos {
                line: 4,
                column: 21,
            },
            "boom",
        );
        assert_eq!(e.to_string(), "line 4, column 21: boom");
    }
}
