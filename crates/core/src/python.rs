//! Reads the keyword arguments of a pasted boto3 `update_endpoint(...)` call, or the same
//! arguments written as a dict literal or `dict(...)`, into the positioned value tree.
//! Only Python literals are understood; code that would compute a value at run time (a
//! variable, a call, an f-string, `**kwargs`) is refused with its line and column, because
//! guessing its value would import something the user never wrote.

use std::collections::HashMap;

use super::value::{describe_char, Entry, Kind, ParseError, Pos, Scanner, Value, MAX_DEPTH};

/// What a literal may be, for messages that refuse anything else.
pub const LITERALS: &str =
    "only literal values (strings, numbers, True/False/None, dicts, lists) can be imported";

/// Parses the keyword arguments of the first `update_endpoint(` call in `text` (other code
/// around it is skipped), or, when there is no such call, a text that is one dict literal
/// or `dict(...)` call (optionally assigned: `params = {...}`). Returns a map.
pub fn parse(text: &str) -> Result<Value, ParseError> {
    let (toks, lex_err) = tokenize(text);
    let mut p = Parser {
        toks: &toks,
        i: 0,
        lex_err,
    };
    if let Some(at) = find_call(&toks, 0) {
        p.i = at + 2;
        let pos = toks.get(at).map(|t| t.pos).unwrap_or(Pos::START);
        let kind = p.kwargs("update_endpoint", 0)?;
        // A later lexing problem (in code after the call) does not matter, but a second
        // call would make it unclear which one the user means.
        if let Some(again) = find_call(&toks, p.i) {
            let at = toks.get(again).map(|t| t.pos).unwrap_or(pos);
            return Err(ParseError::new(
                at,
                format!("a second update_endpoint call (the first is at {pos}); paste one call at a time"),
            ));
        }
        return Ok(Value { pos, kind });
    }
    if matches!(p.tok(0), Tok::Name(_)) && p.is_op(1, "=") {
        p.i = 2;
    }
    let starts_dict =
        p.is_op(0, "{") || (matches!(p.tok(0), Tok::Name(n) if n == "dict") && p.is_op(1, "("));
    if !starts_dict {
        p.check_lex()?;
        return Err(ParseError::new(
            p.pos(),
            "found no `update_endpoint(` call and no dict of its keyword arguments to import",
        ));
    }
    let value = p.value(0)?;
    if !matches!(p.tok(0), Tok::End) {
        return Err(ParseError::new(
            p.pos(),
            format!(
                "unexpected {} after the dict; paste one dict of keyword arguments or one update_endpoint call",
                p.describe(0)
            ),
        ));
    }
    p.check_lex()?;
    Ok(value)
}

/// The index of the next `update_endpoint` name directly followed by `(`, from `from`.
fn find_call(toks: &[Token], from: usize) -> Option<usize> {
    let rest = toks.get(from..)?;
    rest.windows(2)
        .position(|w| {
            matches!(&w[0].tok, Tok::Name(n) if n == "update_endpoint") && w[1].tok == Tok::Op("(")
        })
        .map(|k| k + from)
}

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Name(String),
    Str {
        value: String,
        bytes: bool,
        fstring: bool,
    },
    /// An integer literal; `magnitude` is `None` when it does not fit a `u128`.
    Int {
        text: String,
        magnitude: Option<u128>,
    },
    Float {
        text: String,
        value: Option<f64>,
    },
    Imaginary(String),
    Op(&'static str),
    Other(char),
    End,
}

#[derive(Clone, Debug)]
struct Token {
    tok: Tok,
    pos: Pos,
}

const OPS2: &[&str] = &["**", "==", "!=", "<=", ">=", "//", "->", ":=", "<<", ">>"];
const OPS1: &[&str] = &[
    "(", ")", "[", "]", "{", "}", ",", ":", "=", ".", "*", "+", "-", "/", "%", "<", ">", "&", "|",
    "^", "~", "@", ";",
];

/// Splits the whole text into tokens. A lexing error ends the list (with `End` at the
/// error); the parser reports it only if it needs a token from there on.
fn tokenize(text: &str) -> (Vec<Token>, Option<ParseError>) {
    let mut lx = Lexer {
        s: Scanner::new(text),
    };
    let mut toks = Vec::new();
    loop {
        match lx.next() {
            Ok(t) => {
                let end = t.tok == Tok::End;
                toks.push(t);
                if end {
                    return (toks, None);
                }
            }
            Err(e) => {
                toks.push(Token {
                    tok: Tok::End,
                    pos: e.pos,
                });
                return (toks, Some(e));
            }
        }
    }
}

struct Lexer<'a> {
    s: Scanner<'a>,
}

fn is_ident_start(c: char) -> bool {
    c == '_' || c.is_alphabetic()
}

fn is_ident_char(c: char) -> bool {
    c == '_' || c.is_alphanumeric()
}

impl Lexer<'_> {
    fn skip_trivia(&mut self) {
        loop {
            match self.s.current_char() {
                Some('#') => {
                    while !matches!(self.s.peek(), None | Some(b'\n')) {
                        self.s.bump();
                    }
                }
                Some('\\') if matches!(self.s.peek_at(1), Some(b'\n')) => self.s.bump_n(2),
                Some('\\')
                    if self.s.peek_at(1) == Some(b'\r') && self.s.peek_at(2) == Some(b'\n') =>
                {
                    self.s.bump_n(3)
                }
                // Code copied from a web page often carries no-break spaces: treat any
                // Unicode space as a space.
                Some(c) if c.is_whitespace() => self.s.bump_n(c.len_utf8()),
                _ => return,
            }
        }
    }

    fn next(&mut self) -> Result<Token, ParseError> {
        self.skip_trivia();
        let pos = self.s.pos();
        let Some(c) = self.s.current_char() else {
            return Ok(Token { tok: Tok::End, pos });
        };
        let tok = if c.is_ascii_digit()
            || (c == '.' && self.s.peek_at(1).is_some_and(|b| b.is_ascii_digit()))
        {
            self.number()?
        } else if c == '\'' || c == '"' {
            self.string("")?
        } else if is_ident_start(c) {
            let start = self.s.i;
            while let Some(c) = self.s.current_char().filter(|c| is_ident_char(*c)) {
                self.s.bump_n(c.len_utf8());
            }
            let word = self
                .s
                .text
                .get(start..self.s.i)
                .unwrap_or_default()
                .to_string();
            let is_prefix = word.len() <= 2 && word.chars().all(|c| "rRbBuUfF".contains(c));
            if is_prefix && matches!(self.s.peek(), Some(b'\'' | b'"')) {
                self.string(&word)?
            } else {
                Tok::Name(word)
            }
        } else if let Some(op) = OPS2.iter().find(|op| {
            self.s
                .text
                .get(self.s.i..)
                .is_some_and(|r| r.starts_with(**op))
        }) {
            self.s.bump_n(2);
            Tok::Op(op)
        } else if let Some(op) = OPS1.iter().find(|op| op.starts_with(c)) {
            self.s.bump();
            Tok::Op(op)
        } else {
            self.s.bump_n(c.len_utf8());
            Tok::Other(c)
        };
        Ok(Token { tok, pos })
    }

    /// A string literal; the cursor is on its opening quote, after any prefix.
    fn string(&mut self, prefix: &str) -> Result<Tok, ParseError> {
        let lower = prefix.to_ascii_lowercase();
        let raw = lower.contains('r');
        let open = self.s.pos();
        let q = self.s.peek().unwrap_or(b'"');
        let triple = self.s.peek_at(1) == Some(q) && self.s.peek_at(2) == Some(q);
        self.s.bump_n(if triple { 3 } else { 1 });
        let mut out = String::new();
        loop {
            let start = self.s.i;
            while let Some(b) = self.s.peek() {
                if b == q || b == b'\\' || b == b'\n' {
                    break;
                }
                self.s.bump();
            }
            out.push_str(self.s.text.get(start..self.s.i).unwrap_or_default());
            match self.s.peek() {
                None => return Err(ParseError::new(open, "this string is never closed")),
                Some(b'\n') if !triple => {
                    return Err(ParseError::new(
                        open,
                        "this string is never closed on its line (use ''' or \"\"\" for text over several lines)",
                    ))
                }
                Some(b'\n') => {
                    out.push('\n');
                    self.s.bump();
                }
                Some(b'\\') if raw => {
                    // In a raw string a backslash stays, and it keeps the next character
                    // (even a quote) from ending the string.
                    out.push('\\');
                    self.s.bump();
                    if let Some(c) = self.s.current_char() {
                        out.push(c);
                        self.s.bump_n(c.len_utf8());
                    }
                }
                Some(b'\\') => self.escape(&mut out)?,
                Some(_) => {
                    if !triple || (self.s.peek_at(1) == Some(q) && self.s.peek_at(2) == Some(q)) {
                        self.s.bump_n(if triple { 3 } else { 1 });
                        return Ok(Tok::Str { value: out, bytes: lower.contains('b'), fstring: lower.contains('f') });
                    }
                    out.push(char::from(q));
                    self.s.bump();
                }
            }
        }
    }

    fn escape(&mut self, out: &mut String) -> Result<(), ParseError> {
        let at = self.s.pos();
        self.s.bump(); // '\\'
        let Some(c) = self.s.current_char() else {
            return Err(ParseError::new(at, "this string is never closed"));
        };
        self.s.bump_n(c.len_utf8());
        let simple = match c {
            '\n' => return Ok(()),
            '\r' => {
                if self.s.peek() == Some(b'\n') {
                    self.s.bump();
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
                let mut code = c.to_digit(8).unwrap_or(0);
                for _ in 0..2 {
                    match self.s.peek() {
                        Some(d @ b'0'..=b'7') => {
                            code = code * 8 + u32::from(d - b'0');
                            self.s.bump();
                        }
                        _ => break,
                    }
                }
                char::from_u32(code).unwrap_or('\u{fffd}')
            }
            'x' => self.hex_escape(at, 2, "\\xHH")?,
            'u' => self.hex_escape(at, 4, "\\uXXXX")?,
            'U' => self.hex_escape(at, 8, "\\UXXXXXXXX")?,
            'N' => {
                return Err(ParseError::new(
                    at,
                    "named escapes (\\N{...}) are not supported; write the character itself",
                ))
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

    fn hex_escape(&mut self, at: Pos, digits: usize, form: &str) -> Result<char, ParseError> {
        let mut code = 0u32;
        for _ in 0..digits {
            let Some(d) = self.s.peek().and_then(|b| char::from(b).to_digit(16)) else {
                return Err(ParseError::new(
                    at,
                    format!("a {form} escape needs exactly {digits} hex digits"),
                ));
            };
            code = code.saturating_mul(16).saturating_add(d);
            self.s.bump();
        }
        char::from_u32(code).ok_or_else(|| {
            ParseError::new(at, format!("the escape {form} names no character (U+{code:X} is a surrogate or out of range)"))
        })
    }

    /// Digits of `radix` with single underscores between them; returns the digits only.
    fn digits(&mut self, radix: u32) -> Result<String, ParseError> {
        let mut out = String::new();
        loop {
            match self.s.current_char() {
                Some(c) if c.is_digit(radix) => {
                    out.push(c);
                    self.s.bump();
                }
                Some('_')
                    if !out.is_empty()
                        && self
                            .s
                            .peek_at(1)
                            .is_some_and(|b| char::from(b).is_digit(radix)) =>
                {
                    self.s.bump();
                }
                Some('_') => {
                    return Err(ParseError::new(
                        self.s.pos(),
                        "'_' in a number must sit between two digits",
                    ))
                }
                _ => return Ok(out),
            }
        }
    }

    fn number(&mut self) -> Result<Tok, ParseError> {
        let pos = self.s.pos();
        let start = self.s.i;
        let radix = match (self.s.peek(), self.s.peek_at(1)) {
            (Some(b'0'), Some(b'x' | b'X')) => 16,
            (Some(b'0'), Some(b'o' | b'O')) => 8,
            (Some(b'0'), Some(b'b' | b'B')) => 2,
            _ => 10,
        };
        let tok = if radix != 10 {
            self.s.bump_n(2);
            if self.s.peek() == Some(b'_') {
                self.s.bump();
            }
            let digits = self.digits(radix)?;
            if digits.is_empty() {
                return Err(ParseError::new(
                    pos,
                    "a number prefix (0x, 0o or 0b) needs digits after it",
                ));
            }
            let magnitude = u128::from_str_radix(&digits, radix).ok();
            Tok::Int {
                text: self
                    .s
                    .text
                    .get(start..self.s.i)
                    .unwrap_or_default()
                    .to_string(),
                magnitude,
            }
        } else {
            let whole = self.digits(10)?;
            let mut float = false;
            let mut clean = whole.clone();
            if self.s.peek() == Some(b'.') {
                self.s.bump();
                float = true;
                clean.push('.');
                clean.push_str(&self.digits(10)?);
            }
            if let Some(b'e' | b'E') = self.s.peek() {
                float = true;
                self.s.bump();
                clean.push('e');
                if let Some(sign @ (b'+' | b'-')) = self.s.peek() {
                    clean.push(char::from(sign));
                    self.s.bump();
                }
                let exp = self.digits(10)?;
                if exp.is_empty() {
                    return Err(ParseError::new(
                        self.s.pos(),
                        "expected digits in the number's exponent",
                    ));
                }
                clean.push_str(&exp);
            }
            let text = self
                .s
                .text
                .get(start..self.s.i)
                .unwrap_or_default()
                .to_string();
            if let Some(b'j' | b'J') = self.s.peek() {
                self.s.bump();
                Tok::Imaginary(format!("{text}j"))
            } else if float {
                let value = format!("0{clean}")
                    .parse::<f64>()
                    .ok()
                    .filter(|v| v.is_finite());
                Tok::Float { text, value }
            } else {
                if whole.len() > 1 && whole.starts_with('0') && whole.bytes().any(|b| b != b'0') {
                    return Err(ParseError::new(
                        pos,
                        format!("Python does not allow leading zeros in `{text}`; write it without them"),
                    ));
                }
                Tok::Int {
                    text,
                    magnitude: whole.parse::<u128>().ok(),
                }
            }
        };
        if let Some(c) = self.s.current_char().filter(|c| is_ident_char(*c)) {
            return Err(ParseError::new(
                self.s.pos(),
                format!("invalid number literal: unexpected '{c}' right after it"),
            ));
        }
        Ok(tok)
    }
}

struct Parser<'t> {
    toks: &'t [Token],
    i: usize,
    lex_err: Option<ParseError>,
}

const END: Token = Token {
    tok: Tok::End,
    pos: Pos::START,
};

/// Names after a value that show an expression rather than a literal.
const EXPRESSION_WORDS: &[&str] = &["if", "else", "and", "or", "not", "in", "is", "for"];

impl Parser<'_> {
    fn token(&self, ahead: usize) -> &Token {
        self.toks
            .get(self.i.saturating_add(ahead))
            .or(self.toks.last())
            .unwrap_or(&END)
    }

    fn tok(&self, ahead: usize) -> &Tok {
        &self.token(ahead).tok
    }

    fn pos(&self) -> Pos {
        self.token(0).pos
    }

    fn is_op(&self, ahead: usize, op: &str) -> bool {
        matches!(self.tok(ahead), Tok::Op(o) if *o == op)
    }

    fn bump(&mut self) {
        if self.i < self.toks.len() {
            self.i += 1;
        }
    }

    /// Fails with the lexing error when the parser has reached the point where lexing stopped.
    fn check_lex(&self) -> Result<(), ParseError> {
        match (&self.lex_err, self.tok(0)) {
            (Some(e), Tok::End) => Err(e.clone()),
            _ => Ok(()),
        }
    }

    fn describe(&self, ahead: usize) -> String {
        match self.tok(ahead) {
            Tok::Name(n) => format!("`{n}`"),
            Tok::Str { .. } => "a string".to_string(),
            Tok::Int { text, .. } | Tok::Float { text, .. } | Tok::Imaginary(text) => {
                format!("`{text}`")
            }
            Tok::Op(o) => format!("'{o}'"),
            Tok::Other(c) => describe_char(Some(*c)),
            Tok::End => "the end of the text".to_string(),
        }
    }

    fn err(&self, message: impl Into<String>) -> ParseError {
        ParseError::new(self.pos(), message)
    }

    fn value(&mut self, depth: usize) -> Result<Value, ParseError> {
        self.check_lex()?;
        if depth >= MAX_DEPTH {
            return Err(self.err(format!("the text nests deeper than {MAX_DEPTH} levels")));
        }
        let pos = self.pos();
        let kind =
            match self.tok(0).clone() {
                Tok::Str { .. } => self.strings()?,
                Tok::Op("-" | "+") | Tok::Int { .. } | Tok::Float { .. } => self.number()?,
                Tok::Imaginary(text) => {
                    return Err(self.err(format!("`{text}` is a complex number; {LITERALS}")))
                }
                Tok::Name(n) => match n.as_str() {
                    "True" => self.literal(Kind::Bool(true)),
                    "False" => self.literal(Kind::Bool(false)),
                    "None" => self.literal(Kind::Null),
                    "dict" if self.is_op(1, "(") => {
                        self.bump();
                        self.bump();
                        self.kwargs("dict", depth)?
                    }
                    _ if self.is_op(1, "(") => {
                        return Err(self.err(format!("`{n}(...)` is a function call; {LITERALS}")))
                    }
                    _ => return Err(self.err(format!("`{n}` is a variable; {LITERALS}"))),
                },
                Tok::Op("{") => self.dict(depth)?,
                Tok::Op("[") => {
                    self.bump();
                    let mut items = Vec::new();
                    self.rest_of_items(depth, "]", &mut items)?;
                    Kind::List(items)
                }
                Tok::Op("(") => return self.parenthesised(depth),
                Tok::Op(op @ ("*" | "**")) => {
                    return Err(self.err(format!("`{op}` unpacks a value at run time; {LITERALS}")));
                }
                Tok::End => return Err(self.err(
                    "the text ends where a value should be: is a closing bracket or quote missing?",
                )),
                _ => {
                    return Err(self.err(format!(
                    "expected a value (a string, number, True/False/None, dict or list), found {}",
                    self.describe(0)
                )))
                }
            };
        self.refuse_expression()?;
        Ok(Value { pos, kind })
    }

    /// After a literal, an operator means the text computes a value: say so plainly.
    fn refuse_expression(&self) -> Result<(), ParseError> {
        let what = match self.tok(0) {
            Tok::Op(o @ ("." | "(" | "[")) => format!("`{o}` after a value makes an expression"),
            Tok::Op(
                o @ ("+" | "-" | "*" | "/" | "//" | "%" | "**" | "==" | "!=" | "<" | ">" | "<="
                | ">=" | "&" | "|" | "^" | "@" | "<<" | ">>"),
            ) => {
                format!("`{o}` computes a value at run time")
            }
            Tok::Name(n) if EXPRESSION_WORDS.contains(&n.as_str()) => {
                format!("`{n}` makes an expression")
            }
            _ => return Ok(()),
        };
        Err(self.err(format!("{what}; {LITERALS}")))
    }

    fn literal(&mut self, kind: Kind) -> Kind {
        self.bump();
        kind
    }

    /// One or more adjacent string literals, joined as Python joins them.
    fn strings(&mut self) -> Result<Kind, ParseError> {
        let mut out = String::new();
        while let Tok::Str {
            value,
            bytes,
            fstring,
        } = self.tok(0)
        {
            if *fstring {
                return Err(self.err(format!("an f-string is filled in at run time; {LITERALS}")));
            }
            if *bytes {
                return Err(
                    self.err("a bytes literal (b'...') is not a string; remove the b prefix")
                );
            }
            out.push_str(value);
            self.bump();
        }
        Ok(Kind::Str(out))
    }

    fn number(&mut self) -> Result<Kind, ParseError> {
        let mut sign = String::new();
        let mut negative = false;
        while let Tok::Op(o @ ("-" | "+")) = self.tok(0) {
            negative ^= *o == "-";
            sign.push_str(o);
            self.bump();
        }
        let kind = match self.tok(0) {
            Tok::Int { text, magnitude } => {
                let signed = magnitude.and_then(|m| i128::try_from(m).ok()).map(|m| {
                    if negative {
                        -m
                    } else {
                        m
                    }
                });
                Kind::Int {
                    text: format!("{sign}{text}"),
                    value: signed.and_then(|v| i64::try_from(v).ok()),
                }
            }
            Tok::Float { text, value } => Kind::Float {
                text: format!("{sign}{text}"),
                value: value.map(|v| if negative { -v } else { v }),
            },
            _ => {
                return Err(self.err(format!(
                    "expected a number after '{sign}', found {}",
                    self.describe(0)
                )))
            }
        };
        self.bump();
        Ok(kind)
    }

    /// `(value)` gives the value itself, `(a, b)` and `()` a tuple (read as a list). The
    /// first item is parsed once only, so nested parentheses stay linear.
    fn parenthesised(&mut self, depth: usize) -> Result<Value, ParseError> {
        let pos = self.pos();
        self.bump(); // '('
        let mut items = Vec::new();
        if !self.is_op(0, ")") {
            let first = self.value(depth + 1)?;
            if self.is_op(0, ")") {
                self.bump();
                self.refuse_expression()?;
                return Ok(first);
            }
            items.push(first);
            self.separator(")", "tuple item")?;
        }
        self.rest_of_items(depth, ")", &mut items)?;
        Ok(Value {
            pos,
            kind: Kind::List(items),
        })
    }

    /// Items of a list or tuple up to `close`, after the opening bracket (or first item).
    fn rest_of_items(
        &mut self,
        depth: usize,
        close: &'static str,
        items: &mut Vec<Value>,
    ) -> Result<(), ParseError> {
        loop {
            if self.is_op(0, close) {
                self.bump();
                return Ok(());
            }
            items.push(self.value(depth + 1)?);
            self.separator(close, "list item")?;
        }
    }

    /// Moves past a ',' or stops before `close`; anything else is an error.
    fn separator(&mut self, close: &'static str, after: &str) -> Result<(), ParseError> {
        if self.is_op(0, ",") {
            self.bump();
            Ok(())
        } else if self.is_op(0, close) {
            Ok(())
        } else {
            self.check_lex()?;
            Err(self.err(format!(
                "expected ',' or '{close}' after a {after}, found {}",
                self.describe(0)
            )))
        }
    }

    fn dict(&mut self, depth: usize) -> Result<Kind, ParseError> {
        let open = self.pos();
        self.bump(); // '{'
        let mut entries: Vec<Entry> = Vec::new();
        let mut seen: HashMap<String, Pos> = HashMap::new();
        loop {
            if self.is_op(0, "}") {
                self.bump();
                return Ok(Kind::Map(entries));
            }
            if self.is_op(0, "**") {
                return Err(self.err(format!("`**` unpacks a dict at run time; {LITERALS}")));
            }
            let key = self.value(depth + 1)?;
            if !self.is_op(0, ":") {
                if entries.is_empty() && (self.is_op(0, ",") || self.is_op(0, "}")) {
                    return Err(ParseError::new(open, "a set literal {a, b} cannot be imported; use a list [a, b] or a dict {'Key': value}"));
                }
                self.check_lex()?;
                return Err(self.err(format!(
                    "expected ':' after a dict key, found {}",
                    self.describe(0)
                )));
            }
            self.bump();
            let Kind::Str(name) = key.kind else {
                return Err(ParseError::new(
                    key.pos,
                    "dict keys must be strings, like 'EndpointName'",
                ));
            };
            if let Some(first) = seen.get(&name) {
                return Err(ParseError::new(
                    key.pos,
                    format!("duplicate key '{name}' (first written at {first})"),
                ));
            }
            let value = self.value(depth + 1)?;
            seen.insert(name.clone(), key.pos);
            entries.push(Entry {
                key: name,
                key_pos: key.pos,
                value,
            });
            if self.is_op(0, ",") {
                self.bump();
            } else if !self.is_op(0, "}") {
                self.check_lex()?;
                return Err(self.err(format!(
                    "expected ',' or '}}' after a dict item, found {}",
                    self.describe(0)
                )));
            }
        }
    }

    /// Keyword arguments up to the closing ')'; the cursor is just after the '('.
    fn kwargs(&mut self, callee: &str, depth: usize) -> Result<Kind, ParseError> {
        let mut entries: Vec<Entry> = Vec::new();
        let mut seen: HashMap<String, Pos> = HashMap::new();
        loop {
            self.check_lex()?;
            if self.is_op(0, ")") {
                self.bump();
                return Ok(Kind::Map(entries));
            }
            let key_pos = self.pos();
            let name = match (self.tok(0), self.is_op(1, "=")) {
                (Tok::Name(n), true) => n.clone(),
                (Tok::Op("**"), _) => {
                    let what = match self.tok(1) {
                        Tok::Name(n) => format!("`**{n}`"),
                        _ => "`**`".to_string(),
                    };
                    return Err(self.err(format!(
                        "{what} unpacks a dict at run time; write the arguments out as Name=value (or paste the dict itself); {LITERALS}"
                    )));
                }
                (Tok::End, _) => return Err(self.err(format!("the text ends inside the {callee}(...) call: is a ')' missing?"))),
                _ => {
                    return Err(self.err(format!(
                        "{callee}(...) takes keyword arguments only, like EndpointName='my-endpoint'; found {}",
                        self.describe(0)
                    )))
                }
            };
            if let Some(first) = seen.get(&name) {
                return Err(ParseError::new(
                    key_pos,
                    format!("keyword argument {name} is repeated (first written at {first})"),
                ));
            }
            self.bump();
            self.bump();
            let value = self.value(depth + 1)?;
            seen.insert(name.clone(), key_pos);
            entries.push(Entry {
                key: name,
                key_pos,
                value,
            });
            if self.is_op(0, ",") {
                self.bump();
            } else if !self.is_op(0, ")") {
                self.check_lex()?;
                if self.tok(0) == &Tok::End {
                    return Err(self.err(format!(
                        "the text ends inside the {callee}(...) call: is a ')' missing?"
                    )));
                }
                return Err(self.err(format!(
                    "expected ',' or ')' after a keyword argument, found {}",
                    self.describe(0)
                )));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(text: &str) -> Vec<(String, Kind)> {
        match parse(text) {
            Ok(Value {
                kind: Kind::Map(entries),
                ..
            }) => entries.into_iter().map(|e| (e.key, e.value.kind)).collect(),
            other => panic!("{text:?} gave {other:?}"),
        }
    }

    fn one(text: &str) -> Kind {
        let m = map(&format!("client.update_endpoint(X={text})"));
        m.into_iter().next().map(|(_, k)| k).unwrap_or(Kind::Null)
    }

    fn s(v: &str) -> Kind {
        Kind::Str(v.to_string())
    }

    fn int(text: &str, v: i64) -> Kind {
        Kind::Int {
            text: text.to_string(),
            value: Some(v),
        }
    }

    #[test]
    fn finds_the_call_among_other_code() {
        let text = "import boto3\n# client.update_endpoint(Bogus=1)\nclient = boto3.client(\"sagemaker\")\nresponse = client.update_endpoint(\n    EndpointName=\"ep\",  # the endpoint\n    EndpointConfigName='cfg',\n)\nprint(response)\n";
        assert_eq!(
            map(text),
            vec![
                ("EndpointName".into(), s("ep")),
                ("EndpointConfigName".into(), s("cfg"))
            ]
        );
    }

    #[test]
    fn reads_the_dict_forms() {
        let expect = vec![("EndpointName".into(), s("ep"))];
        assert_eq!(map("{'EndpointName': 'ep',}"), expect);
        assert_eq!(map("params = {'EndpointName': 'ep'}  # kwargs\n"), expect);
        assert_eq!(map("dict(EndpointName='ep')"), expect);
    }

    #[test]
    fn literals() {
        let cases: Vec<(&str, Kind)> = vec![
            ("'a\\n\\t\\\\\\'\\\"'", s("a\n\t\\'\"")),
            ("'\\x41\\u00e9\\U0001F600'", s("A\u{e9}\u{1F600}")),
            ("'ab\\\ncd'", s("abcd")),
            ("r'a\\nb\\''", s("a\\nb\\'")),
            ("'''one\n'two'\n'''", s("one\n'two'\n")),
            ("\"\"\"x\"\"\"", s("x")),
            ("'a' \"b\"\n  'c'", s("abc")),
            ("u'x'", s("x")),
            ("'\\d'", s("\\d")),
            ("'\\101'", s("A")),
            ("1_000", int("1_000", 1000)),
            ("-5", int("-5", -5)),
            ("+5", int("+5", 5)),
            ("0x1F", int("0x1F", 31)),
            ("0", int("0", 0)),
            ("00", int("00", 0)),
            (
                "-9223372036854775808",
                int("-9223372036854775808", i64::MIN),
            ),
            (
                "9223372036854775808",
                Kind::Int {
                    text: "9223372036854775808".into(),
                    value: None,
                },
            ),
            (
                "1.5",
                Kind::Float {
                    text: "1.5".into(),
                    value: Some(1.5),
                },
            ),
            (
                ".5",
                Kind::Float {
                    text: ".5".into(),
                    value: Some(0.5),
                },
            ),
            (
                "1.",
                Kind::Float {
                    text: "1.".into(),
                    value: Some(1.0),
                },
            ),
            (
                "-1e3",
                Kind::Float {
                    text: "-1e3".into(),
                    value: Some(-1000.0),
                },
            ),
            (
                "1e999",
                Kind::Float {
                    text: "1e999".into(),
                    value: None,
                },
            ),
            ("True", Kind::Bool(true)),
            ("False", Kind::Bool(false)),
            ("None", Kind::Null),
            ("(5)", int("5", 5)),
            ("[1, 2,]", Kind::List(vec![])),
            ("(1, 2)", Kind::List(vec![])),
            ("()", Kind::List(vec![])),
        ];
        for (text, want) in cases {
            let got = one(text);
            match (&want, &got) {
                (Kind::List(w), Kind::List(g)) if w.is_empty() => {
                    let n = if text == "()" { 0 } else { 2 };
                    assert_eq!(g.len(), n, "{text}");
                }
                _ => assert_eq!(got, want, "{text}"),
            }
        }
    }

    #[test]
    fn refusals_say_what_and_where() {
        let cases: &[(&str, u32, u32, &str)] = &[
            ("c.update_endpoint(\n  DeploymentConfig={\n    'AutoRollbackConfiguration': {\n      'Alarms': my_alarms}})", 4, 17, "`my_alarms` is a variable; only literal values"),
            ("c.update_endpoint(EndpointName=get_name())", 1, 32, "function call"),
            ("c.update_endpoint(EndpointName=f'ep-{n}')", 1, 32, "f-string"),
            ("c.update_endpoint(**kwargs)", 1, 19, "`**kwargs` unpacks"),
            ("c.update_endpoint('ep')", 1, 19, "keyword arguments only"),
            ("c.update_endpoint(A=1, A=2)", 1, 24, "A is repeated (first written at line 1, column 19)"),
            ("{'A': 1, 'A': 2}", 1, 10, "duplicate key 'A'"),
            ("{1: 2}", 1, 2, "keys must be strings"),
            ("{'a', 'b'}", 1, 1, "set literal"),
            ("c.update_endpoint(A=300 + 60)", 1, 25, "`+` computes a value"),
            ("c.update_endpoint(A=x.y)", 1, 21, "`x` is a variable"),
            ("c.update_endpoint(A='abc)", 1, 21, "never closed"),
            ("c.update_endpoint(A=0300)", 1, 21, "leading zeros"),
            ("c.update_endpoint(A=1j)", 1, 21, "complex"),
            ("c.update_endpoint(A=b'x')", 1, 21, "bytes"),
            ("c.update_endpoint(A=1", 1, 22, "ends inside"),
            ("c.update_endpoint(A=[1, 2)", 1, 26, "expected ',' or ']'"),
            ("c.update_endpoint(A='\\N{DASH}')", 1, 22, "named escapes"),
            ("c.update_endpoint(A='\\x4')", 1, 22, "hex digits"),
            ("c.update_endpoint(A=1)\nc.update_endpoint(A=2)", 2, 3, "second update_endpoint"),
            ("print('hello')", 1, 1, "no `update_endpoint(` call"),
            ("{'A': 1} extra", 1, 10, "after the dict"),
            ("c.update_endpoint(A=1_)", 1, 22, "'_'"),
        ];
        for (text, line, column, words) in cases {
            let e = match parse(text) {
                Err(e) => e,
                Ok(v) => panic!("accepted {text:?} as {v:?}"),
            };
            assert_eq!(
                (e.pos.line, e.pos.column),
                (*line, *column),
                "{text:?}: {e}"
            );
            assert!(e.message.contains(words), "{text:?}: {e}");
        }
    }

    #[test]
    fn deep_nesting_is_refused_not_a_stack_overflow() {
        let text = format!("c.update_endpoint(A={})", "[".repeat(100_000));
        assert!(parse(&text).unwrap_err().message.contains("deeper than 64"));
        let text = format!("c.update_endpoint(A={})", "(".repeat(100_000));
        assert!(parse(&text).unwrap_err().message.contains("deeper than 64"));
    }

    #[test]
    fn a_megabyte_parses_quickly() {
        let item = "{'AlarmName': 'some-alarm-name-with-a-long-tail'},\n";
        let text = format!(
            "c.update_endpoint(A=[{}])",
            item.repeat(1_000_000 / item.len())
        );
        let t = std::time::Instant::now();
        assert!(parse(&text).is_ok());
        assert!(t.elapsed().as_secs_f64() < 2.0, "took {:?}", t.elapsed());
    }
}
