//! A small HCL reader for what the Terraform importer needs: bodies of attributes and
//! (labelled) blocks, and values that are literals (strings, heredocs, numbers, booleans,
//! `null`), tuples and objects. Any other expression (a reference, an interpolation, a call,
//! an operator, a conditional, a `for`) is kept as its byte span, for a placeholder showing
//! it as written. Written by hand because the HCL crates add some 100 KB (gzip) to the
//! on-demand wasm for a full expression language this importer never evaluates.

use std::ops::Range;

/// Nesting deeper than this (blocks, tuples, objects, parentheses, interpolations) is
/// refused, so a hostile paste cannot overflow the stack.
const MAX_DEPTH: usize = 64;

/// An argument of a body.
pub enum Structure {
    Attribute(Attribute),
    Block(Block),
}

/// `key = value`.
pub struct Attribute {
    pub key: String,
    /// Byte offset of the key.
    pub key_at: usize,
    pub value: Expr,
}

/// `ident "label" ... { body }`.
pub struct Block {
    pub ident: String,
    /// Byte offset of the identifier.
    pub ident_at: usize,
    pub labels: Vec<String>,
    pub body: Vec<Structure>,
}

/// A value and where it is written.
pub struct Expr {
    pub span: Range<usize>,
    pub kind: ExprKind,
}

/// What a value is, as far as the importer cares.
pub enum ExprKind {
    Null,
    Bool(bool),
    /// A number, as written.
    Number(String),
    /// A string or heredoc with no interpolation, decoded.
    Str(String),
    Tuple(Vec<Expr>),
    /// Items in order: the key (`None` when computed), its offset, the value.
    Object(Vec<(Option<String>, usize, Expr)>),
    /// Anything computed: see `span`.
    Other,
}

/// A syntax error at a byte offset.
pub struct Error {
    pub at: usize,
    pub message: String,
}

/// Where a value ends.
#[derive(Clone, Copy, PartialEq)]
enum End {
    /// An attribute's value: a line break, or the `}` of a one-line block.
    Line,
    /// A tuple element: `,` or `]`; line breaks are free.
    Item,
    /// An object value: `,`, a line break or `}`.
    Member,
    /// Inside parentheses: `)`.
    Paren,
}

/// Parses a whole configuration.
pub fn parse(text: &str) -> Result<Vec<Structure>, Error> {
    let mut p = Parser {
        s: text,
        b: text.as_bytes(),
        i: 0,
        depth: 0,
    };
    let body = p.body(None)?;
    Ok(body)
}

struct Parser<'a> {
    s: &'a str,
    b: &'a [u8],
    i: usize,
    depth: usize,
}

fn is_ident_start(c: u8) -> bool {
    c.is_ascii_alphabetic() || c == b'_' || c >= 0x80
}

fn is_ident(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c == b'-' || c >= 0x80
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn peek_at(&self, n: usize) -> Option<u8> {
        self.b.get(self.i + n).copied()
    }

    fn err<T>(&self, at: usize, message: impl Into<String>) -> Result<T, Error> {
        Err(Error {
            at,
            message: message.into(),
        })
    }

    /// What is at the cursor, for "found ...".
    fn found(&self) -> String {
        match self.s.get(self.i..).and_then(|r| r.chars().next()) {
            None => "the end of the text".to_string(),
            Some('\n') => "a line break".to_string(),
            Some(c) => format!("`{c}`"),
        }
    }

    fn enter(&mut self) -> Result<(), Error> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return self.err(self.i, "the configuration nests too deeply");
        }
        Ok(())
    }

    /// Skips blanks and comments on this line (a `/* */` comment may span lines).
    fn blanks(&mut self) {
        loop {
            match self.peek() {
                Some(b' ' | b'\t' | b'\r') => self.i += 1,
                Some(b'/') if self.peek_at(1) == Some(b'*') => {
                    self.i += 2;
                    while self.peek().is_some()
                        && !(self.peek() == Some(b'*') && self.peek_at(1) == Some(b'/'))
                    {
                        self.i += 1;
                    }
                    self.i = (self.i + 2).min(self.b.len());
                }
                Some(b'#') => self.skip_line(),
                Some(b'/') if self.peek_at(1) == Some(b'/') => self.skip_line(),
                _ => return,
            }
        }
    }

    fn skip_line(&mut self) {
        while self.peek().is_some_and(|c| c != b'\n') {
            self.i += 1;
        }
    }

    /// Skips blanks, comments and line breaks.
    fn space(&mut self) {
        loop {
            self.blanks();
            if self.peek() == Some(b'\n') {
                self.i += 1;
            } else {
                return;
            }
        }
    }

    fn ident(&mut self) -> Option<String> {
        let start = self.i;
        if !self.peek().is_some_and(is_ident_start) {
            return None;
        }
        while self.peek().is_some_and(is_ident) {
            self.i += 1;
        }
        self.s.get(start..self.i).map(str::to_string)
    }

    /// A body, up to the `}` of the block opened at `open` (or the end of the text).
    fn body(&mut self, open: Option<usize>) -> Result<Vec<Structure>, Error> {
        let mut out = Vec::new();
        loop {
            self.space();
            match self.peek() {
                None => {
                    return match open {
                        None => Ok(out),
                        Some(at) => self.err(at, "this block is never closed"),
                    }
                }
                Some(b'}') => {
                    return match open {
                        Some(_) => {
                            self.i += 1;
                            Ok(out)
                        }
                        None => self.err(self.i, "this `}` closes nothing"),
                    }
                }
                _ => {}
            }
            let at = self.i;
            let Some(name) = self.ident() else {
                return self.err(
                    at,
                    format!("expected an argument or a block, found {}", self.found()),
                );
            };
            self.blanks();
            if self.peek() == Some(b'=') && self.peek_at(1) != Some(b'=') {
                self.i += 1;
                let value = self.expr(End::Line)?;
                self.blanks();
                match self.peek() {
                    None | Some(b'\n' | b'}') => {}
                    _ => {
                        return self.err(
                            self.i,
                            format!(
                                "expected a line break after the value of `{name}`, found {}",
                                self.found()
                            ),
                        )
                    }
                }
                out.push(Structure::Attribute(Attribute {
                    key: name,
                    key_at: at,
                    value,
                }));
                continue;
            }
            let mut labels = Vec::new();
            loop {
                self.blanks();
                match self.peek() {
                    Some(b'"') => {
                        let label_at = self.i;
                        match self.string()? {
                            Some(s) => labels.push(s),
                            None => {
                                return self.err(label_at, "a block label cannot be a template")
                            }
                        }
                    }
                    Some(c) if is_ident_start(c) => {
                        if let Some(l) = self.ident() {
                            labels.push(l);
                        }
                    }
                    _ => break,
                }
            }
            if self.peek() != Some(b'{') {
                return self.err(
                    self.i,
                    format!(
                        "expected `=` or `{{` after `{name}`, found {}",
                        self.found()
                    ),
                );
            }
            let open_at = self.i;
            self.i += 1;
            self.enter()?;
            let body = self.body(Some(open_at))?;
            self.depth -= 1;
            out.push(Structure::Block(Block {
                ident: name,
                ident_at: at,
                labels,
                body,
            }));
        }
    }

    /// A value ending as `end` says.
    fn expr(&mut self, end: End) -> Result<Expr, Error> {
        if end == End::Line || end == End::Member {
            self.blanks();
        } else {
            self.space();
        }
        let start = self.i;
        let kind = match self.peek() {
            None => return self.err(self.i, "expected a value, found the end of the text"),
            Some(b'\n') if end != End::Item => {
                return self.err(self.i, "expected a value, found a line break")
            }
            Some(b'"') => self.string()?.map(ExprKind::Str),
            Some(b'<') if self.peek_at(1) == Some(b'<') => self.heredoc()?.map(ExprKind::Str),
            Some(b'-') if self.peek_at(1).is_some_and(|c| c.is_ascii_digit()) => {
                self.i += 1;
                self.number();
                self.s
                    .get(start..self.i)
                    .map(|t| ExprKind::Number(t.to_string()))
            }
            Some(c) if c.is_ascii_digit() => {
                self.number();
                self.s
                    .get(start..self.i)
                    .map(|t| ExprKind::Number(t.to_string()))
            }
            Some(b'[') if !self.starts_for(1) => {
                self.i += 1;
                self.enter()?;
                let items = self.tuple()?;
                self.depth -= 1;
                Some(ExprKind::Tuple(items))
            }
            Some(b'{') if !self.starts_for(1) => {
                self.i += 1;
                self.enter()?;
                let items = self.object()?;
                self.depth -= 1;
                Some(ExprKind::Object(items))
            }
            Some(b'(') => {
                self.i += 1;
                self.enter()?;
                let inner = self.expr(End::Paren)?;
                self.depth -= 1;
                self.space();
                if self.peek() != Some(b')') {
                    return self.err(self.i, format!("expected `)`, found {}", self.found()));
                }
                self.i += 1;
                match inner.kind {
                    ExprKind::Other => None,
                    kind => Some(kind),
                }
            }
            Some(c) if is_ident_start(c) => {
                let word = self.ident().unwrap_or_default();
                match word.as_str() {
                    "true" => Some(ExprKind::Bool(true)),
                    "false" => Some(ExprKind::Bool(false)),
                    "null" => Some(ExprKind::Null),
                    _ => None,
                }
            }
            _ => None,
        };
        // A literal is the whole value only when the value ends right after it; otherwise
        // (`60 * 5`, `"a" == var.b ? 1 : 2`) the value is an expression.
        if let Some(kind) = kind {
            let literal_end = self.i;
            if self.at_end_of(end) {
                return Ok(Expr {
                    span: start..literal_end,
                    kind,
                });
            }
        }
        self.i = start;
        self.skip_expr(end)?;
        let mut stop = self.i;
        while stop > start && self.b.get(stop - 1).is_some_and(u8::is_ascii_whitespace) {
            stop -= 1;
        }
        if stop == start {
            return self.err(start, format!("expected a value, found {}", self.found()));
        }
        Ok(Expr {
            span: start..stop,
            kind: ExprKind::Other,
        })
    }

    /// True when, past blanks, the value ends here (the cursor is left after the blanks).
    fn at_end_of(&mut self, end: End) -> bool {
        let keep = self.i;
        match end {
            End::Line | End::Member => self.blanks(),
            End::Item | End::Paren => self.space(),
        }
        let done = matches!(
            (end, self.peek()),
            (End::Line, None | Some(b'\n' | b'}'))
                | (End::Member, None | Some(b'\n' | b'}' | b','))
                | (End::Item, Some(b',' | b']'))
                | (End::Paren, Some(b')'))
        );
        if !done {
            self.i = keep;
        }
        done
    }

    /// True when `[` or `{` at the cursor opens a `for` expression.
    fn starts_for(&self, skip: usize) -> bool {
        let rest = self.s.get(self.i + skip..).unwrap_or("");
        let rest = rest.trim_start();
        rest.strip_prefix("for")
            .is_some_and(|r| r.starts_with(|c: char| c.is_whitespace()))
    }

    fn number(&mut self) {
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.i += 1;
        }
        if self.peek() == Some(b'.') && self.peek_at(1).is_some_and(|c| c.is_ascii_digit()) {
            self.i += 1;
            while self.peek().is_some_and(|c| c.is_ascii_digit()) {
                self.i += 1;
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            let keep = self.i;
            self.i += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.i += 1;
            }
            if self.peek().is_some_and(|c| c.is_ascii_digit()) {
                while self.peek().is_some_and(|c| c.is_ascii_digit()) {
                    self.i += 1;
                }
            } else {
                self.i = keep;
            }
        }
    }

    fn tuple(&mut self) -> Result<Vec<Expr>, Error> {
        let open = self.i.saturating_sub(1);
        let mut items = Vec::new();
        loop {
            self.space();
            match self.peek() {
                Some(b']') => {
                    self.i += 1;
                    return Ok(items);
                }
                None => return self.err(open, "this `[` is never closed"),
                _ => {}
            }
            items.push(self.expr(End::Item)?);
            self.space();
            match self.peek() {
                Some(b',') => self.i += 1,
                Some(b']') => {}
                None | Some(b'}' | b')') => return self.err(open, "this `[` is never closed"),
                _ => {
                    return self.err(
                        self.i,
                        format!("expected `,` or `]`, found {}", self.found()),
                    )
                }
            }
        }
    }

    fn object(&mut self) -> Result<Vec<(Option<String>, usize, Expr)>, Error> {
        let open = self.i.saturating_sub(1);
        let mut items = Vec::new();
        loop {
            self.space();
            let key_at = self.i;
            let key = match self.peek() {
                Some(b'}') => {
                    self.i += 1;
                    return Ok(items);
                }
                None => return self.err(open, "this `{` is never closed"),
                Some(b'"') => self.string()?,
                Some(c) if is_ident_start(c) => self.ident(),
                Some(b'(') => {
                    self.i += 1;
                    self.enter()?;
                    self.expr(End::Paren)?;
                    self.depth -= 1;
                    self.space();
                    if self.peek() != Some(b')') {
                        return self.err(self.i, format!("expected `)`, found {}", self.found()));
                    }
                    self.i += 1;
                    None
                }
                _ => return self.err(self.i, format!("expected a key, found {}", self.found())),
            };
            self.blanks();
            match self.peek() {
                Some(b'=' | b':') => self.i += 1,
                _ => {
                    return self.err(
                        self.i,
                        format!("expected `=` after the key, found {}", self.found()),
                    )
                }
            }
            let value = self.expr(End::Member)?;
            self.blanks();
            match self.peek() {
                Some(b',') => self.i += 1,
                None | Some(b']' | b')') => return self.err(open, "this `{` is never closed"),
                _ => {}
            }
            items.push((key, key_at, value));
        }
    }

    /// Moves past one expression, whatever it is, to where it ends as `end` says:
    /// brackets, strings and heredocs are balanced.
    fn skip_expr(&mut self, end: End) -> Result<(), Error> {
        let mut stack: Vec<(u8, usize)> = Vec::new();
        loop {
            let Some(c) = self.peek() else {
                return match stack.last() {
                    Some((_, at)) => self.err(*at, "this bracket is never closed"),
                    None => Ok(()),
                };
            };
            if stack.is_empty() {
                let stop = match end {
                    End::Line => matches!(c, b'\n' | b'}' | b','),
                    End::Member => matches!(c, b'\n' | b'}' | b','),
                    End::Item => matches!(c, b',' | b']'),
                    End::Paren => c == b')',
                };
                if stop {
                    return Ok(());
                }
                if matches!(c, b'#') || (c == b'/' && self.peek_at(1) == Some(b'/')) {
                    if end == End::Line || end == End::Member {
                        return Ok(());
                    }
                    self.skip_line();
                    continue;
                }
            }
            match c {
                b'"' => {
                    self.string()?;
                    continue;
                }
                b'<' if self.peek_at(1) == Some(b'<')
                    && self
                        .peek_at(2)
                        .is_some_and(|d| d == b'-' || is_ident_start(d)) =>
                {
                    self.heredoc()?;
                    continue;
                }
                b'/' if self.peek_at(1) == Some(b'*') => {
                    self.blanks();
                    continue;
                }
                b'(' | b'[' | b'{' => {
                    if stack.len() >= MAX_DEPTH {
                        return self.err(self.i, "the expression nests too deeply");
                    }
                    stack.push((c, self.i));
                }
                b')' | b']' | b'}' => {
                    let want = match c {
                        b')' => b'(',
                        b']' => b'[',
                        _ => b'{',
                    };
                    match stack.pop() {
                        Some((open, _)) if open == want => {}
                        // A closer of an enclosing bracket: the value ends here, and the
                        // enclosing reader says what is wrong.
                        None => return Ok(()),
                        Some(_) => {
                            return self
                                .err(self.i, format!("this `{}` closes nothing", char::from(c)))
                        }
                    }
                }
                _ => {}
            }
            self.i += 1;
        }
    }

    /// A quoted string at the cursor: `Some(text)` when it has no interpolation or
    /// directive, `None` (a template) otherwise; the cursor ends after the closing quote.
    fn string(&mut self) -> Result<Option<String>, Error> {
        let open = self.i;
        self.i += 1;
        let mut out = String::new();
        let mut template = false;
        loop {
            let Some(c) = self.peek() else {
                return self.err(open, "this string is never closed");
            };
            match c {
                b'"' => {
                    self.i += 1;
                    return Ok((!template).then_some(out));
                }
                b'\n' => return self.err(open, "this string is not closed on its line"),
                b'\\' => {
                    let e = self.peek_at(1);
                    self.i += 2;
                    match e {
                        Some(b'n') => out.push('\n'),
                        Some(b't') => out.push('\t'),
                        Some(b'r') => out.push('\r'),
                        Some(b'"') => out.push('"'),
                        Some(b'\\') => out.push('\\'),
                        Some(b'u' | b'U') => {
                            let n = if e == Some(b'u') { 4 } else { 8 };
                            let hex = self.s.get(self.i..self.i + n).unwrap_or("");
                            match u32::from_str_radix(hex, 16).ok().and_then(char::from_u32) {
                                Some(ch) if hex.len() == n => {
                                    out.push(ch);
                                    self.i += n;
                                }
                                _ => {
                                    return self
                                        .err(self.i - 2, "a `\\u` escape needs hexadecimal digits")
                                }
                            }
                        }
                        _ => return self.err(self.i - 2, "an unknown escape in this string"),
                    }
                }
                b'$' | b'%' if self.peek_at(1) == Some(b'{') => {
                    template = true;
                    self.i += 2;
                    self.interpolation()?;
                }
                b'$' | b'%' if self.peek_at(1) == Some(c) && self.peek_at(2) == Some(b'{') => {
                    // `$${` and `%%{` are a literal `${` and `%{`.
                    out.push(char::from(c));
                    out.push('{');
                    self.i += 3;
                }
                _ => {
                    let ch = self
                        .s
                        .get(self.i..)
                        .and_then(|r| r.chars().next())
                        .unwrap_or('\u{FFFD}');
                    out.push(ch);
                    self.i += ch.len_utf8().max(1);
                }
            }
        }
    }

    /// Moves past the inside of `${ ... }` (the cursor is after `${`).
    fn interpolation(&mut self) -> Result<(), Error> {
        let open = self.i.saturating_sub(2);
        self.enter()?;
        let mut braces = 0usize;
        loop {
            match self.peek() {
                None => return self.err(open, "this `${` is never closed"),
                Some(b'"') => {
                    self.string()?;
                    continue;
                }
                Some(b'{') => braces += 1,
                Some(b'}') if braces == 0 => {
                    self.i += 1;
                    self.depth -= 1;
                    return Ok(());
                }
                Some(b'}') => braces -= 1,
                _ => {}
            }
            self.i += 1;
        }
    }

    /// A heredoc at the cursor (`<<EOT` or `<<-EOT`): `Some(text)` without interpolation.
    fn heredoc(&mut self) -> Result<Option<String>, Error> {
        let open = self.i;
        self.i += 2;
        let indented = self.peek() == Some(b'-');
        if indented {
            self.i += 1;
        }
        let Some(delim) = self.ident() else {
            return self.err(open, "a heredoc needs a delimiter word after `<<`");
        };
        self.blanks();
        if self.peek() != Some(b'\n') {
            return self.err(self.i, "a heredoc's text starts on the next line");
        }
        self.i += 1;
        let mut lines: Vec<&str> = Vec::new();
        loop {
            let rest = self.s.get(self.i..).unwrap_or("");
            if rest.is_empty() {
                return self.err(
                    open,
                    format!("this heredoc is never closed by a line `{delim}`"),
                );
            }
            let line_len = rest.find('\n').unwrap_or(rest.len());
            let line = rest.get(..line_len).unwrap_or("");
            if line.trim() == delim {
                self.i += line.len() - line.trim_start().len() + delim.len();
                break;
            }
            lines.push(line);
            self.i += (line_len + 1).min(rest.len());
        }
        let strip = if indented {
            lines
                .iter()
                .filter(|l| !l.trim().is_empty())
                .map(|l| l.len() - l.trim_start().len())
                .min()
                .unwrap_or(0)
        } else {
            0
        };
        let mut out = String::new();
        for line in lines {
            out.push_str(line.get(strip..).unwrap_or(line.trim_start()));
            out.push('\n');
        }
        Ok((!has_template(&out)).then_some(out))
    }
}

/// True when a heredoc's text has an interpolation or a directive (`${`, `%{`, not the
/// escaped `$${`, `%%{`).
fn has_template(s: &str) -> bool {
    let b = s.as_bytes();
    b.windows(2)
        .enumerate()
        .any(|(i, w)| matches!(w, [b'$' | b'%', b'{']) && (i == 0 || b.get(i - 1) != w.first()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attr(text: &str) -> Expr {
        match parse(text).map(|mut b| b.pop()) {
            Ok(Some(Structure::Attribute(a))) => a.value,
            _ => panic!("no attribute in {text:?}"),
        }
    }

    #[test]
    fn literals_and_expressions() {
        assert!(matches!(attr("a = \"x\\ty\"").kind, ExprKind::Str(s) if s == "x\ty"));
        assert!(matches!(attr("a = -12").kind, ExprKind::Number(s) if s == "-12"));
        assert!(matches!(attr("a = \"${var.x}-y\"").kind, ExprKind::Other));
        assert!(matches!(attr("a = \"$${x}\"").kind, ExprKind::Str(s) if s == "${x}"));
        let e = attr("a = var.x == \"b\" ? 1 : 2 # why\n");
        assert_eq!(e.span, 4..24);
        assert!(matches!(attr("a = [for x in y : x]").kind, ExprKind::Other));
        assert!(
            matches!(attr("a = <<-EOT\n    hi\n  EOT\n").kind, ExprKind::Str(s) if s == "hi\n")
        );
    }

    #[test]
    fn blocks_nest_and_errors_say_where() {
        let body = parse("resource \"t\" \"n\" {\n  b { c = 1 }\n}\n").unwrap_or_default();
        assert!(
            matches!(body.first(), Some(Structure::Block(b)) if b.labels == ["t", "n"] && b.body.len() == 1)
        );
        let e = parse("a {\n  b = 1\n").err().map(|e| e.at);
        assert_eq!(e, Some(2));
    }
}
