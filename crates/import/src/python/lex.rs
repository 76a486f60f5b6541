//! Splits a Python snippet into tokens with their places, and marks where each logical line
//! (statement) starts and how deeply it is indented, so that assignments and the `if`/`def`
//! blocks around them can be found without a full Python parser. Never fails: a broken
//! literal becomes a [`Tok::Bad`] token carrying the message, reported only if the import
//! needs that token.

use designer_core::value::Pos;

#[derive(Clone, Debug, PartialEq)]
pub enum Tok {
    Name(String),
    Str {
        value: String,
        bytes: bool,
        /// An f-string with at least one `{field}` (one without fields is a plain string).
        fields: bool,
    },
    /// An integer; `magnitude` is `None` when it does not fit a `u128`.
    Int {
        text: String,
        magnitude: Option<u128>,
    },
    Float {
        text: String,
        value: Option<f64>,
    },
    Imaginary,
    Op(&'static str),
    Other(char),
    /// Text that is no token (an unclosed string, a malformed number): the message says why.
    Bad(String),
    End,
}

#[derive(Clone, Debug)]
pub struct Token {
    pub tok: Tok,
    pub pos: Pos,
    /// Byte range in the text.
    pub start: usize,
    pub end: usize,
    /// True when this token starts a statement (first of a logical line, or after `;`, or
    /// the body of a one-line `if x: y = 1`).
    pub stmt: bool,
    /// For an opening bracket, the index of its closing one.
    pub close: Option<usize>,
}

const OPS3: &[&str] = &["**=", "//=", ">>=", "<<=", "..."];
const OPS2: &[&str] = &[
    "**", "==", "!=", "<=", ">=", "//", "->", ":=", "<<", ">>", "+=", "-=", "*=", "/=", "%=", "&=",
    "|=", "^=", "@=",
];
const OPS1: &[&str] = &[
    "(", ")", "[", "]", "{", "}", ",", ":", "=", ".", "*", "+", "-", "/", "%", "<", ">", "&", "|",
    "^", "~", "@", ";", "!",
];

/// Keywords that open a block with a `:`.
const COMPOUND: &[&str] = &[
    "if", "elif", "else", "for", "while", "try", "except", "finally", "with", "def", "class",
    "async", "match", "case",
];

/// A byte cursor that keeps line and column.
struct Cursor<'a> {
    text: &'a str,
    bytes: &'a [u8],
    i: usize,
    line: u32,
    column: u32,
}

impl<'a> Cursor<'a> {
    fn pos(&self) -> Pos {
        Pos {
            line: self.line,
            column: self.column,
        }
    }
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.i).copied()
    }
    fn peek_at(&self, ahead: usize) -> Option<u8> {
        self.bytes.get(self.i.saturating_add(ahead)).copied()
    }
    fn bump(&mut self) {
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
    fn bump_n(&mut self, n: usize) {
        for _ in 0..n {
            self.bump();
        }
    }
    fn current_char(&self) -> Option<char> {
        self.text.get(self.i..).and_then(|s| s.chars().next())
    }
    fn rest(&self) -> &str {
        self.text.get(self.i..).unwrap_or_default()
    }
}

fn is_ident_start(c: char) -> bool {
    c == '_' || c.is_alphabetic()
}

fn is_ident_char(c: char) -> bool {
    c == '_' || c.is_alphanumeric()
}

/// The tokens of `text`, ending with one `End`.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut c = Cursor {
        text,
        bytes: text.as_bytes(),
        i: 0,
        line: 1,
        column: 1,
    };
    let mut toks: Vec<Token> = Vec::new();
    // Open brackets (token index, bracket); inside brackets a newline does not end a statement.
    let mut open: Vec<(usize, u8)> = Vec::new();
    let mut line_start = true;
    // The column of the current statement's first token.
    let mut stmt_col = 1;
    // A compound statement's `:` at bracket depth 0 starts an inline body, if one follows.
    let mut compound_line = false;
    let mut after_colon = false;
    loop {
        // Trivia: spaces, comments, continuations, newlines.
        loop {
            match c.current_char() {
                Some('#') => {
                    while !matches!(c.peek(), None | Some(b'\n')) {
                        c.bump();
                    }
                }
                Some('\\') if c.peek_at(1) == Some(b'\n') => c.bump_n(2),
                Some('\\') if c.peek_at(1) == Some(b'\r') && c.peek_at(2) == Some(b'\n') => {
                    c.bump_n(3)
                }
                Some('\n') => {
                    c.bump();
                    if !open.is_empty() && starts_a_block(c.rest(), stmt_col) {
                        // A bracket left open on an earlier line (a broken paste): a
                        // keyword at the statement's indentation starts a new statement,
                        // so that the rest of the snippet still reads.
                        open.clear();
                    }
                    if open.is_empty() {
                        line_start = true;
                    }
                }
                // Code copied from a web page often carries no-break spaces.
                Some(ch) if ch.is_whitespace() => c.bump_n(ch.len_utf8()),
                _ => break,
            }
        }
        let pos = c.pos();
        let start = c.i;
        let Some(ch) = c.current_char() else {
            toks.push(Token {
                tok: Tok::End,
                pos,
                start,
                end: start,
                stmt: true,
                close: None,
            });
            return toks;
        };
        let tok = if ch.is_ascii_digit()
            || (ch == '.' && c.peek_at(1).is_some_and(|b| b.is_ascii_digit()))
        {
            number(&mut c)
        } else if ch == '\'' || ch == '"' {
            string(&mut c, "")
        } else if is_ident_start(ch) {
            while let Some(ch) = c.current_char().filter(|ch| is_ident_char(*ch)) {
                c.bump_n(ch.len_utf8());
            }
            let word = text.get(start..c.i).unwrap_or_default();
            let is_prefix = word.len() <= 2 && word.chars().all(|ch| "rRbBuUfF".contains(ch));
            if is_prefix && matches!(c.peek(), Some(b'\'' | b'"')) {
                let word = word.to_string();
                string(&mut c, &word)
            } else {
                Tok::Name(word.to_string())
            }
        } else if let Some(op) = c
            .peek_at(1)
            .filter(|b| b"=*/<>.-".contains(b))
            .and_then(|_| {
                OPS3.iter()
                    .chain(OPS2)
                    .find(|op| c.rest().starts_with(**op))
            })
        {
            c.bump_n(op.len());
            Tok::Op(op)
        } else if let Some(op) = OPS1.iter().find(|op| op.starts_with(ch)) {
            c.bump();
            Tok::Op(op)
        } else {
            c.bump_n(ch.len_utf8());
            Tok::Other(ch)
        };
        let index = toks.len();
        let mut stmt = false;
        if line_start || after_colon {
            stmt = true;
            stmt_col = pos.column;
            compound_line = matches!(&tok, Tok::Name(n) if COMPOUND.contains(&n.as_str()));
        }
        line_start = false;
        after_colon = false;
        match tok {
            Tok::Op(o @ ("(" | "[" | "{")) => open.push((index, o.as_bytes()[0])),
            Tok::Op(o @ (")" | "]" | "}")) => {
                let want = match o {
                    ")" => b'(',
                    "]" => b'[',
                    _ => b'{',
                };
                // A stray closer is skipped; an opener left unclosed by it is dropped.
                if let Some(k) = open.iter().rposition(|(_, b)| *b == want) {
                    let (at, _) = open[k];
                    open.truncate(k);
                    if let Some(t) = toks.get_mut(at) {
                        t.close = Some(index);
                    }
                }
            }
            Tok::Op(";") if open.is_empty() => after_colon = true,
            Tok::Op(":") if open.is_empty() && compound_line => {
                compound_line = false;
                // Only a body on the same line is an inline statement.
                let mut k = c.i;
                while let Some(b' ' | b'\t') = c.bytes.get(k) {
                    k += 1;
                }
                after_colon = !matches!(c.bytes.get(k), None | Some(b'\n' | b'\r' | b'#'));
            }
            _ => {}
        }
        toks.push(Token {
            tok,
            pos,
            start,
            end: c.i,
            stmt,
            close: None,
        });
    }
}

/// Keywords that cannot continue an expression, so a line starting with one at (or left
/// of) the statement's indentation is a new statement even inside an open bracket.
const BLOCK_WORDS: &[&str] = &[
    "def", "class", "import", "from", "if", "elif", "else", "for", "while", "try", "except",
    "finally", "with", "return", "async", "raise",
];

fn starts_a_block(rest: &str, stmt_col: u32) -> bool {
    let line = rest.split('\n').next().unwrap_or_default();
    let trimmed = line.trim_start_matches([' ', '\t']);
    let col = u32::try_from(line.len() - trimmed.len() + 1).unwrap_or(u32::MAX);
    if col > stmt_col {
        return false;
    }
    let word: &str = trimmed
        .split(|c: char| !(c == '_' || c.is_alphanumeric()))
        .next()
        .unwrap_or_default();
    BLOCK_WORDS.contains(&word)
}

/// A string literal; the cursor is on its opening quote, after any prefix.
fn string(c: &mut Cursor, prefix: &str) -> Tok {
    let lower = prefix.to_ascii_lowercase();
    let raw = lower.contains('r');
    let f = lower.contains('f');
    let q = c.peek().unwrap_or(b'"');
    let triple = c.peek_at(1) == Some(q) && c.peek_at(2) == Some(q);
    c.bump_n(if triple { 3 } else { 1 });
    let mut out = String::new();
    let mut bad: Option<String> = None;
    loop {
        let start = c.i;
        while let Some(b) = c.peek() {
            if b == q || b == b'\\' || b == b'\n' {
                break;
            }
            c.bump();
        }
        out.push_str(c.text.get(start..c.i).unwrap_or_default());
        match c.peek() {
            None => return Tok::Bad("this string is never closed".to_string()),
            Some(b'\n') if !triple => {
                return Tok::Bad(
                    "this string is never closed on its line (use ''' or \"\"\" for text over several lines)"
                        .to_string(),
                )
            }
            Some(b'\n') => {
                out.push('\n');
                c.bump();
            }
            Some(b'\\') if raw => {
                out.push('\\');
                c.bump();
                if let Some(ch) = c.current_char() {
                    out.push(ch);
                    c.bump_n(ch.len_utf8());
                }
            }
            Some(b'\\') => {
                if let Err(e) = escape(c, &mut out) {
                    bad.get_or_insert(e);
                }
            }
            Some(_) => {
                if !triple || (c.peek_at(1) == Some(q) && c.peek_at(2) == Some(q)) {
                    c.bump_n(if triple { 3 } else { 1 });
                    if let Some(message) = bad {
                        return Tok::Bad(message);
                    }
                    let fields = f && has_fields(&out);
                    return Tok::Str {
                        value: out,
                        bytes: lower.contains('b'),
                        fields,
                    };
                }
                out.push(char::from(q));
                c.bump();
            }
        }
    }
}

/// True when an f-string's text has a `{field}` (`{{` is a literal brace).
fn has_fields(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match (b[i], b.get(i + 1)) {
            (b'{', Some(b'{')) | (b'}', Some(b'}')) => i += 2,
            (b'{', _) => return true,
            _ => i += 1,
        }
    }
    false
}

fn escape(c: &mut Cursor, out: &mut String) -> Result<(), String> {
    c.bump(); // '\\'
    let Some(ch) = c.current_char() else {
        return Err("this string is never closed".to_string());
    };
    c.bump_n(ch.len_utf8());
    let simple = match ch {
        '\n' => return Ok(()),
        '\r' => {
            if c.peek() == Some(b'\n') {
                c.bump();
            }
            return Ok(());
        }
        '\\' => '\\',
        '\'' => '\'',
        '"' => '"',
        'a' => '\u{7}',
        'b' => '\u{8}',
        'f' => '\u{c}',
        'n' => '\n',
        'r' => '\r',
        't' => '\t',
        'v' => '\u{b}',
        '0'..='7' => {
            let mut code = ch.to_digit(8).unwrap_or(0);
            for _ in 0..2 {
                match c.peek() {
                    Some(d @ b'0'..=b'7') => {
                        code = code * 8 + u32::from(d - b'0');
                        c.bump();
                    }
                    _ => break,
                }
            }
            char::from_u32(code).unwrap_or('\u{fffd}')
        }
        'x' => hex_escape(c, 2, "\\xHH")?,
        'u' => hex_escape(c, 4, "\\uXXXX")?,
        'U' => hex_escape(c, 8, "\\UXXXXXXXX")?,
        'N' => {
            return Err(
                "named escapes (\\N{...}) are not supported; write the character itself"
                    .to_string(),
            )
        }
        other => {
            // Python keeps an unknown escape as written.
            out.push('\\');
            other
        }
    };
    out.push(simple);
    Ok(())
}

fn hex_escape(c: &mut Cursor, digits: usize, form: &str) -> Result<char, String> {
    let mut code = 0u32;
    for _ in 0..digits {
        let Some(d) = c.peek().and_then(|b| char::from(b).to_digit(16)) else {
            return Err(format!("a {form} escape needs exactly {digits} hex digits"));
        };
        code = code.saturating_mul(16).saturating_add(d);
        c.bump();
    }
    char::from_u32(code).ok_or_else(|| {
        format!("the escape {form} names no character (U+{code:X} is a surrogate or out of range)")
    })
}

/// Digits of `radix` with single underscores between them; returns the digits only.
fn digits(c: &mut Cursor, radix: u32) -> String {
    let mut out = String::new();
    loop {
        match c.current_char() {
            Some(ch) if ch.is_digit(radix) => {
                out.push(ch);
                c.bump();
            }
            Some('_')
                if !out.is_empty()
                    && c.peek_at(1).is_some_and(|b| char::from(b).is_digit(radix)) =>
            {
                c.bump();
            }
            _ => return out,
        }
    }
}

fn number(c: &mut Cursor) -> Tok {
    let start = c.i;
    let radix = match (c.peek(), c.peek_at(1)) {
        (Some(b'0'), Some(b'x' | b'X')) => 16,
        (Some(b'0'), Some(b'o' | b'O')) => 8,
        (Some(b'0'), Some(b'b' | b'B')) => 2,
        _ => 10,
    };
    let tok = if radix != 10 {
        c.bump_n(2);
        if c.peek() == Some(b'_') {
            c.bump();
        }
        let ds = digits(c, radix);
        if ds.is_empty() {
            return Tok::Bad("a number prefix (0x, 0o or 0b) needs digits after it".to_string());
        }
        Tok::Int {
            text: c.text.get(start..c.i).unwrap_or_default().to_string(),
            magnitude: u128::from_str_radix(&ds, radix).ok(),
        }
    } else {
        let whole = digits(c, 10);
        let mut float = false;
        let mut clean = whole.clone();
        if c.peek() == Some(b'.') {
            c.bump();
            float = true;
            clean.push('.');
            clean.push_str(&digits(c, 10));
        }
        if let Some(b'e' | b'E') = c.peek() {
            if c.peek_at(1)
                .is_some_and(|b| b.is_ascii_digit() || b == b'+' || b == b'-')
            {
                float = true;
                c.bump();
                clean.push('e');
                if let Some(sign @ (b'+' | b'-')) = c.peek() {
                    clean.push(char::from(sign));
                    c.bump();
                }
                let exp = digits(c, 10);
                if exp.is_empty() {
                    return Tok::Bad("an exponent needs digits after it".to_string());
                }
                clean.push_str(&exp);
            }
        }
        let text = c.text.get(start..c.i).unwrap_or_default().to_string();
        if let Some(b'j' | b'J') = c.peek() {
            c.bump();
            Tok::Imaginary
        } else if float {
            let value = format!("0{clean}")
                .parse::<f64>()
                .ok()
                .filter(|v| v.is_finite());
            Tok::Float { text, value }
        } else if whole.len() > 1 && whole.starts_with('0') && whole.bytes().any(|b| b != b'0') {
            Tok::Bad(format!(
                "Python does not allow leading zeros in `{text}`; write it without them"
            ))
        } else {
            Tok::Int {
                text,
                magnitude: whole.parse::<u128>().ok(),
            }
        }
    };
    if let Some(ch) = c.current_char().filter(|ch| is_ident_char(*ch)) {
        while let Some(ch) = c.current_char().filter(|ch| is_ident_char(*ch)) {
            c.bump_n(ch.len_utf8());
        }
        return Tok::Bad(format!(
            "invalid number literal: unexpected '{ch}' right after it"
        ));
    }
    tok
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stmts(text: &str) -> Vec<String> {
        tokenize(text)
            .iter()
            .filter(|t| t.stmt && t.tok != Tok::End)
            .map(|t| text[t.start..t.end].to_string())
            .collect()
    }

    #[test]
    fn statements_start_lines_and_inline_bodies() {
        let text = "a = {\n 'x': 1,\n}\nif x: b = 2\nelse:\n    c = 3; d = 4\n";
        assert_eq!(stmts(text), ["a", "if", "b", "else", "c", "d"]);
    }

    #[test]
    fn brackets_know_their_match_and_strays_are_skipped() {
        let toks = tokenize("( [ ) ]");
        assert_eq!(toks[0].close, Some(2));
        assert_eq!(toks[1].close, None);
    }

    #[test]
    fn a_bracket_left_open_ends_at_a_keyword_on_the_left() {
        let text = "print('x'.format(n)\nif ok:\n    cfg = 1\n";
        assert_eq!(stmts(text), ["print", "if", "cfg"]);
        // An indented keyword inside a call (a conditional argument) does not.
        let text = "f(a,\n  b if c else d)\ny = 2\n";
        assert_eq!(stmts(text), ["f", "y"]);
    }

    #[test]
    fn broken_literals_are_bad_tokens_and_lexing_goes_on() {
        let toks = tokenize("x = 'abc\ny = 2");
        assert!(matches!(toks[2].tok, Tok::Bad(_)));
        assert!(toks
            .iter()
            .any(|t| t.tok == Tok::Name("y".into()) && t.stmt));
    }
}
