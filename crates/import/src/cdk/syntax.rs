//! A forgiving reader of the expressions CDK code writes, in TypeScript/JavaScript and in
//! Python: object and dict literals, lists, strings (template literals, f-strings), numbers,
//! names, member access and calls with positional and keyword arguments. It is not a
//! parser of either language: anything it does not model (an operator, an arrow function,
//! a comprehension) is kept as `Code` with its source text, which the importers turn into a
//! placeholder at its position. The same reader takes the Python reprs of boto3 responses.

use designer_core::value::{ParseError, Pos, MAX_DEPTH};

/// Which language's comments and strings the lexer reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    /// TypeScript or JavaScript (also JSON): `//` and `/* */` comments, template literals.
    Ts,
    /// Python: `#` comments, string prefixes (`f`, `r`, `b`), triple quotes.
    Py,
}

/// What a token is.
#[derive(Clone, Debug, PartialEq)]
pub enum TokKind {
    Ident(String),
    /// A string literal, escapes decoded. `dynamic` when it interpolates (a template
    /// literal with `${}`, an f-string with `{}`), so its value is not known.
    Str {
        value: String,
        dynamic: bool,
    },
    Num(String),
    Punct(&'static str),
    /// A regular-expression literal (TypeScript).
    Regex,
    /// Text the lexer could not read (an unterminated string): the message says why.
    Bad(String),
}

/// A token and where it is.
#[derive(Clone, Debug, PartialEq)]
pub struct Tok {
    pub kind: TokKind,
    pub pos: Pos,
    /// Byte range in the text.
    pub start: usize,
    pub end: usize,
    /// A line break comes between the previous token and this one.
    pub nl_before: bool,
}

/// Operators of more than one character, longest first.
const MULTI: &[&str] = &[
    "...", "===", "!==", "**=", "=>", "==", "!=", "<=", ">=", "**", "?.", "??", "&&", "||", "->",
    ":=", "+=", "-=", "*=", "/=", "|=", "&=", "//", "<<", ">>",
];
const SINGLE: &[&str] = &[
    "{", "}", "(", ")", "[", "]", ",", ":", ";", ".", "=", "+", "-", "*", "/", "%", "!", "?", "<",
    ">", "&", "|", "^", "~", "@",
];

struct Lexer<'a> {
    text: &'a str,
    i: usize,
    line: u32,
    column: u32,
    lang: Lang,
}

impl Lexer<'_> {
    fn peek(&self) -> Option<char> {
        // ASCII, the common case, without decoding.
        match self.text.as_bytes().get(self.i) {
            None => None,
            Some(&b) if b < 0x80 => Some(char::from(b)),
            Some(_) => self.text.get(self.i..).and_then(|s| s.chars().next()),
        }
    }

    fn peek_at(&self, n: usize) -> Option<char> {
        self.text.get(self.i..).and_then(|s| s.chars().nth(n))
    }

    fn rest(&self) -> &str {
        self.text.get(self.i..).unwrap_or("")
    }

    fn pos(&self) -> Pos {
        Pos {
            line: self.line,
            column: self.column,
        }
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.i += c.len_utf8();
        if c == '\n' {
            self.line = self.line.saturating_add(1);
            self.column = 1;
        } else {
            self.column = self.column.saturating_add(1);
        }
        Some(c)
    }
}

fn is_ident_start(c: char) -> bool {
    c.is_alphabetic() || c == '_' || c == '$'
}

fn is_ident_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '$'
}

/// Splits `text` into tokens. Never fails: what it cannot read becomes a `Bad` token, which
/// matters only if the part being imported contains it.
pub fn lex(text: &str, lang: Lang) -> Vec<Tok> {
    let mut lx = Lexer {
        text,
        i: 0,
        line: 1,
        column: 1,
        lang,
    };
    let mut out: Vec<Tok> = Vec::new();
    let mut nl = false;
    while let Some(c) = lx.peek() {
        if c == '\n' {
            nl = true;
            lx.bump();
            continue;
        }
        if c.is_whitespace() || c == '\u{feff}' {
            lx.bump();
            continue;
        }
        // A Python line continuation.
        if c == '\\' && lang == Lang::Py && lx.peek_at(1).is_some_and(|n| n == '\n' || n == '\r') {
            lx.bump();
            continue;
        }
        let rest = lx.rest();
        if (lang == Lang::Py && c == '#') || (lang == Lang::Ts && rest.starts_with("//")) {
            while lx.peek().is_some_and(|c| c != '\n') {
                lx.bump();
            }
            continue;
        }
        if lang == Lang::Ts && rest.starts_with("/*") {
            lx.bump();
            lx.bump();
            while lx.peek().is_some() && !lx.rest().starts_with("*/") {
                if lx.peek() == Some('\n') {
                    nl = true;
                }
                lx.bump();
            }
            lx.bump();
            lx.bump();
            continue;
        }
        let pos = lx.pos();
        let start = lx.i;
        let kind = lex_one(&mut lx, c, out.last());
        out.push(Tok {
            kind,
            pos,
            start,
            end: lx.i,
            nl_before: nl,
        });
        nl = false;
    }
    out
}

fn lex_one(lx: &mut Lexer<'_>, c: char, prev: Option<&Tok>) -> TokKind {
    if lx.lang == Lang::Py && matches!(c, 'r' | 'R' | 'b' | 'B' | 'f' | 'F' | 'u' | 'U') {
        // A string prefix: up to two letters right before a quote.
        let prefix: String = lx
            .rest()
            .chars()
            .take_while(|c| c.is_ascii_alphabetic())
            .take(3)
            .collect();
        let after = lx.rest().chars().nth(prefix.chars().count());
        if prefix.len() <= 2
            && prefix.chars().all(|c| "rRbBfFuU".contains(c))
            && matches!(after, Some('\'' | '"'))
        {
            let lower = prefix.to_ascii_lowercase();
            for _ in 0..prefix.len() {
                lx.bump();
            }
            return py_string(lx, lower.contains('r'), lower.contains('f'));
        }
    }
    if is_ident_start(c) {
        let start = lx.i;
        while lx.peek().is_some_and(is_ident_char) {
            lx.bump();
        }
        return TokKind::Ident(lx.text.get(start..lx.i).unwrap_or("").to_string());
    }
    if c.is_ascii_digit() || (c == '.' && lx.peek_at(1).is_some_and(|d| d.is_ascii_digit())) {
        let start = lx.i;
        let hex = lx.rest().starts_with("0x") || lx.rest().starts_with("0X");
        let mut last = ' ';
        while let Some(d) = lx.peek() {
            let sign = (d == '+' || d == '-') && !hex && (last == 'e' || last == 'E');
            if d.is_ascii_alphanumeric() || d == '_' || d == '.' || sign {
                last = d;
                lx.bump();
            } else {
                break;
            }
        }
        return TokKind::Num(lx.text.get(start..lx.i).unwrap_or("").to_string());
    }
    match (c, lx.lang) {
        ('\'' | '"', Lang::Py) => return py_string(lx, false, false),
        ('\'' | '"', Lang::Ts) => return ts_string(lx, c),
        ('`', Lang::Ts) => return template(lx),
        ('/', Lang::Ts) if regex_allowed(prev) => {
            if let Some(k) = regex(lx) {
                return k;
            }
        }
        _ => {}
    }
    let rest = lx.rest();
    let first = u8::try_from(u32::from(c)).unwrap_or(0);
    let op = MULTI
        .iter()
        .filter(|m| m.as_bytes().first() == Some(&first))
        .find(|m| rest.starts_with(**m))
        .or_else(|| SINGLE.iter().find(|s| s.as_bytes().first() == Some(&first)));
    match op {
        Some(op) => {
            for _ in 0..op.len() {
                lx.bump();
            }
            TokKind::Punct(op)
        }
        None => {
            lx.bump();
            TokKind::Bad(format!("unexpected character '{}'", c.escape_debug()))
        }
    }
}

/// A `/` starts a regular expression where a value is expected, not after one.
fn regex_allowed(prev: Option<&Tok>) -> bool {
    match prev.map(|t| &t.kind) {
        None => true,
        Some(TokKind::Punct(p)) => !matches!(*p, ")" | "]" | "}"),
        Some(TokKind::Ident(w)) => matches!(w.as_str(), "return" | "typeof" | "case" | "in" | "of"),
        _ => false,
    }
}

fn regex(lx: &mut Lexer<'_>) -> Option<TokKind> {
    let rest = lx.rest();
    let mut in_class = false;
    let mut escaped = false;
    let mut len = None;
    for (i, ch) in rest.char_indices().skip(1) {
        if ch == '\n' {
            return None;
        }
        if escaped {
            escaped = false;
        } else if ch == '\\' {
            escaped = true;
        } else if ch == '[' {
            in_class = true;
        } else if ch == ']' {
            in_class = false;
        } else if ch == '/' && !in_class {
            len = Some(i + 1);
            break;
        }
    }
    let len = len?;
    let end = lx.i + len;
    while lx.i < end {
        lx.bump();
    }
    while lx.peek().is_some_and(|c| c.is_ascii_alphabetic()) {
        lx.bump();
    }
    Some(TokKind::Regex)
}

/// Decodes the escape after a backslash (already consumed) into `out`.
fn escape(lx: &mut Lexer<'_>, out: &mut String) {
    let Some(c) = lx.bump() else { return };
    let hex = |lx: &mut Lexer<'_>, n: usize| -> Option<char> {
        let digits: String = lx.rest().chars().take(n).collect();
        if digits.chars().count() != n || !digits.chars().all(|d| d.is_ascii_hexdigit()) {
            return None;
        }
        for _ in 0..n {
            lx.bump();
        }
        u32::from_str_radix(&digits, 16)
            .ok()
            .and_then(char::from_u32)
    };
    match c {
        'n' => out.push('\n'),
        't' => out.push('\t'),
        'r' => out.push('\r'),
        '0' => out.push('\0'),
        'b' => out.push('\u{8}'),
        'f' => out.push('\u{c}'),
        'v' => out.push('\u{b}'),
        '\n' => {}
        '\r' => {
            if lx.peek() == Some('\n') {
                lx.bump();
            }
        }
        'x' => out.push(hex(lx, 2).unwrap_or('\u{fffd}')),
        'u' if lx.peek() == Some('{') => {
            lx.bump();
            let digits: String = lx
                .rest()
                .chars()
                .take_while(|d| d.is_ascii_hexdigit())
                .take(8)
                .collect();
            for _ in 0..digits.len() {
                lx.bump();
            }
            if lx.peek() == Some('}') {
                lx.bump();
            }
            out.push(
                u32::from_str_radix(&digits, 16)
                    .ok()
                    .and_then(char::from_u32)
                    .unwrap_or('\u{fffd}'),
            );
        }
        'u' => out.push(hex(lx, 4).unwrap_or('\u{fffd}')),
        'U' if lx.lang == Lang::Py => out.push(hex(lx, 8).unwrap_or('\u{fffd}')),
        other => out.push(other),
    }
}

fn ts_string(lx: &mut Lexer<'_>, quote: char) -> TokKind {
    lx.bump();
    let mut out = String::new();
    loop {
        match lx.peek() {
            None | Some('\n') => {
                return TokKind::Bad(format!("this string has no closing {quote}"))
            }
            Some(c) if c == quote => {
                lx.bump();
                return TokKind::Str {
                    value: out,
                    dynamic: false,
                };
            }
            Some('\\') => {
                lx.bump();
                escape(lx, &mut out);
            }
            Some(c) => {
                out.push(c);
                lx.bump();
            }
        }
    }
}

fn template(lx: &mut Lexer<'_>) -> TokKind {
    lx.bump();
    let mut out = String::new();
    let mut dynamic = false;
    loop {
        match lx.peek() {
            None => return TokKind::Bad("this template literal has no closing `".to_string()),
            Some('`') => {
                lx.bump();
                return TokKind::Str {
                    value: out,
                    dynamic,
                };
            }
            Some('\\') => {
                lx.bump();
                escape(lx, &mut out);
            }
            Some('$') if lx.peek_at(1) == Some('{') => {
                dynamic = true;
                lx.bump();
                lx.bump();
                let mut depth = 1usize;
                while depth > 0 {
                    match lx.bump() {
                        None => {
                            return TokKind::Bad(
                                "this template literal's ${ has no closing }".to_string(),
                            )
                        }
                        Some('{') => depth += 1,
                        Some('}') => depth -= 1,
                        Some('`') => {
                            // A nested template: skip to its end.
                            while lx.peek().is_some_and(|c| c != '`') {
                                lx.bump();
                            }
                            lx.bump();
                        }
                        Some(_) => {}
                    }
                }
            }
            Some(c) => {
                out.push(c);
                lx.bump();
            }
        }
    }
}

fn py_string(lx: &mut Lexer<'_>, raw: bool, f: bool) -> TokKind {
    let Some(quote) = lx.peek() else {
        return TokKind::Bad("a string prefix with no string".to_string());
    };
    let triple: String = std::iter::repeat_n(quote, 3).collect();
    let long = lx.rest().starts_with(&triple);
    for _ in 0..if long { 3 } else { 1 } {
        lx.bump();
    }
    let mut out = String::new();
    let mut dynamic = false;
    loop {
        if long && lx.rest().starts_with(&triple) {
            for _ in 0..3 {
                lx.bump();
            }
            break;
        }
        match lx.peek() {
            None => return TokKind::Bad(format!("this string has no closing {quote}")),
            Some('\n') if !long => {
                return TokKind::Bad(format!("this string has no closing {quote}"))
            }
            Some(c) if c == quote && !long => {
                lx.bump();
                break;
            }
            Some('\\') => {
                lx.bump();
                if raw {
                    out.push('\\');
                    if let Some(c) = lx.bump() {
                        out.push(c);
                    }
                } else {
                    escape(lx, &mut out);
                }
            }
            Some('{') if f => {
                lx.bump();
                if lx.peek() == Some('{') {
                    lx.bump();
                    out.push('{');
                } else {
                    dynamic = true;
                    out.push('{');
                }
            }
            Some(c) => {
                out.push(c);
                lx.bump();
            }
        }
    }
    TokKind::Str {
        value: out,
        dynamic,
    }
}

/// One parsed expression and where it is.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub kind: NodeKind,
    pub pos: Pos,
    /// Byte range in the text (the expression a placeholder shows).
    pub start: usize,
    pub end: usize,
}

/// The expressions the reader models.
#[derive(Clone, Debug, PartialEq)]
pub enum NodeKind {
    Null,
    /// TypeScript's `undefined`: the member is not set.
    Undefined,
    Bool(bool),
    Num(String),
    Str(String),
    /// A string that interpolates: its value is known only when the code runs.
    Dynamic,
    List(Vec<Node>),
    Obj(Vec<Member>),
    /// A call, with its callee when that is a dotted name (`sagemaker.CfnEndpoint.AlarmProperty`).
    Call {
        callee: Option<String>,
        new: bool,
        args: Vec<Arg>,
    },
    /// A bare name (`config`), which an importer may resolve.
    Name(String),
    /// Anything else: member access, operators, functions.
    Code,
}

/// A member of an object literal.
#[derive(Clone, Debug, PartialEq)]
pub enum Member {
    Keyed {
        key: String,
        key_pos: Pos,
        value: Node,
    },
    /// `...base` or `**base`.
    Spread(Node),
    /// `[key]: value` or a method: nothing an importer can place.
    Other(Node),
}

/// An argument of a call.
#[derive(Clone, Debug, PartialEq)]
pub enum Arg {
    Positional(Node),
    Keyword {
        name: String,
        pos: Pos,
        value: Node,
    },
    /// `*args`, `**kwargs`, `...args`.
    Star(Node),
}

/// Reads expressions from a token list.
pub struct Parser<'a> {
    pub toks: &'a [Tok],
    pub text: &'a str,
    pub lang: Lang,
    pub i: usize,
}

impl<'a> Parser<'a> {
    pub fn new(toks: &'a [Tok], text: &'a str, lang: Lang) -> Self {
        Parser {
            toks,
            text,
            lang,
            i: 0,
        }
    }

    fn tok(&self, ahead: usize) -> Option<&'a Tok> {
        self.toks.get(self.i.saturating_add(ahead))
    }

    fn is(&self, ahead: usize, p: &str) -> bool {
        matches!(self.tok(ahead), Some(Tok { kind: TokKind::Punct(q), .. }) if *q == p)
    }

    fn is_word(&self, ahead: usize, w: &str) -> bool {
        matches!(self.tok(ahead), Some(Tok { kind: TokKind::Ident(q), .. }) if q == w)
    }

    /// Where the next token is, or the end of the text.
    pub fn pos(&self) -> Pos {
        match self.tok(0) {
            Some(t) => t.pos,
            None => end_pos(self.text),
        }
    }

    fn prev_end(&self) -> usize {
        self.i
            .checked_sub(1)
            .and_then(|j| self.toks.get(j))
            .map_or(0, |t| t.end)
    }

    fn found(&self) -> String {
        match self.tok(0) {
            None => "the end of the text".to_string(),
            Some(t) => match &t.kind {
                TokKind::Ident(w) => format!("`{}`", short(w)),
                TokKind::Punct(p) => format!("'{p}'"),
                TokKind::Str { .. } => "a string".to_string(),
                TokKind::Num(n) => format!("the number {}", short(n)),
                TokKind::Regex => "a regular expression".to_string(),
                TokKind::Bad(m) => m.clone(),
            },
        }
    }

    fn err(&self, msg: String) -> ParseError {
        if let Some(Tok {
            kind: TokKind::Bad(m),
            pos,
            ..
        }) = self.tok(0)
        {
            return ParseError::new(*pos, m.clone());
        }
        ParseError::new(self.pos(), msg)
    }

    fn expect(&mut self, p: &str, what: &str) -> Result<(), ParseError> {
        if self.is(0, p) {
            self.i += 1;
            Ok(())
        } else {
            Err(self.err(format!("expected '{p}' {what}, found {}", self.found())))
        }
    }

    fn node(&self, kind: NodeKind, pos: Pos, start: usize) -> Node {
        Node {
            kind,
            pos,
            start,
            end: self.prev_end().max(start),
        }
    }

    /// Reads one expression. `stmt`: a line break at the top level ends it (statements
    /// without semicolons).
    pub fn expr(&mut self, depth: usize, stmt: bool) -> Result<Node, ParseError> {
        if depth > MAX_DEPTH {
            return Err(self.err(format!("nested more than {MAX_DEPTH} levels deep")));
        }
        let Some(first) = self.tok(0) else {
            return Err(self.err("expected a value, found the end of the text".to_string()));
        };
        let (pos, start) = (first.pos, first.start);
        let mut node = self.primary(depth)?;
        let mut dotted = match &node.kind {
            NodeKind::Name(n) => Some(n.clone()),
            _ => None,
        };
        loop {
            if (self.is(0, ".") || self.is(0, "?."))
                && matches!(
                    self.tok(1),
                    Some(Tok {
                        kind: TokKind::Ident(_),
                        ..
                    })
                )
            {
                let plain = self.is(0, ".");
                let name = match self.tok(1).map(|t| &t.kind) {
                    Some(TokKind::Ident(n)) => n.clone(),
                    _ => String::new(),
                };
                self.i += 2;
                dotted = match (dotted, plain) {
                    (Some(d), true) => Some(format!("{d}.{name}")),
                    _ => None,
                };
                node = self.node(NodeKind::Code, pos, start);
            } else if self.is(0, "[") && !self.tok(0).is_some_and(|t| t.nl_before && stmt) {
                self.i += 1;
                self.expr(depth + 1, false)?;
                self.expect("]", "to close the index")?;
                dotted = None;
                node = self.node(NodeKind::Code, pos, start);
            } else if self.is(0, "(") && !self.tok(0).is_some_and(|t| t.nl_before && stmt) {
                let args = self.args(depth + 1)?;
                node = self.node(
                    NodeKind::Call {
                        callee: dotted.take(),
                        new: false,
                        args,
                    },
                    pos,
                    start,
                );
            } else if self.lang == Lang::Ts
                && self.is(0, "!")
                && !self.tok(0).is_some_and(|t| t.nl_before)
            {
                // TypeScript's non-null assertion.
                self.i += 1;
                node.end = self.prev_end();
            } else if self.lang == Lang::Ts
                && (self.is_word(0, "as") || self.is_word(0, "satisfies"))
            {
                // A type assertion: the value is what it was.
                self.i += 1;
                self.skip_rest(stmt);
            } else {
                break;
            }
        }
        if self.continues(stmt) {
            self.skip_rest(stmt);
            node = self.node(NodeKind::Code, pos, start);
        }
        Ok(node)
    }

    /// True when the next token continues an expression (an operator) rather than ending it.
    fn continues(&self, stmt: bool) -> bool {
        match self.tok(0) {
            None => false,
            Some(t) if stmt && t.nl_before => false,
            Some(t) => match &t.kind {
                TokKind::Punct(p) => {
                    !matches!(*p, "," | ")" | "]" | "}" | ";" | ":" | "=" | "..." | "{")
                }
                TokKind::Ident(w) => {
                    matches!(
                        w.as_str(),
                        "if" | "else" | "or" | "and" | "in" | "not" | "is" | "for" | "instanceof"
                    ) && !(self.lang == Lang::Ts && t.nl_before)
                }
                _ => false,
            },
        }
    }

    /// Skips to the end of the current expression: the next `,`, `;` or closing bracket at
    /// this level (a `:` closes it too, unless it ends a `? :`).
    fn skip_rest(&mut self, stmt: bool) {
        let mut depth = 0usize;
        let mut ternary = 0usize;
        let begin = self.i;
        while let Some(t) = self.tok(0) {
            if depth == 0 && stmt && t.nl_before && self.i > begin {
                break;
            }
            if let TokKind::Punct(p) = &t.kind {
                match *p {
                    "(" | "[" | "{" => depth += 1,
                    ")" | "]" | "}" => {
                        if depth == 0 {
                            break;
                        }
                        depth -= 1;
                    }
                    "," | ";" | "=" if depth == 0 => break,
                    "?" if depth == 0 => ternary += 1,
                    ":" if depth == 0 => {
                        if ternary == 0 {
                            break;
                        }
                        ternary -= 1;
                    }
                    _ => {}
                }
            }
            self.i += 1;
        }
    }

    fn primary(&mut self, depth: usize) -> Result<Node, ParseError> {
        let Some(t) = self.tok(0) else {
            return Err(self.err("expected a value, found the end of the text".to_string()));
        };
        let (pos, start) = (t.pos, t.start);
        let kind = match &t.kind {
            TokKind::Punct("{") => {
                self.i += 1;
                self.object(depth + 1)?
            }
            TokKind::Punct("[") => {
                self.i += 1;
                NodeKind::List(self.items("]", depth + 1)?)
            }
            TokKind::Punct("(") => {
                self.i += 1;
                if self.is(0, ")") {
                    self.i += 1;
                    NodeKind::Code
                } else {
                    let first = self.expr(depth + 1, false)?;
                    if self.is(0, ")") {
                        self.i += 1;
                        return Ok(Node {
                            end: self.prev_end(),
                            ..first
                        });
                    }
                    self.expect(",", "or ')' in the parentheses")?;
                    let mut items = vec![first];
                    items.extend(self.items(")", depth + 1)?);
                    NodeKind::List(items)
                }
            }
            TokKind::Punct(p @ ("-" | "+"))
                if matches!(
                    self.tok(1),
                    Some(Tok {
                        kind: TokKind::Num(_),
                        ..
                    })
                ) =>
            {
                let sign = if *p == "-" { "-" } else { "" };
                let n = match self.tok(1).map(|t| &t.kind) {
                    Some(TokKind::Num(n)) => n.clone(),
                    _ => String::new(),
                };
                self.i += 2;
                NodeKind::Num(format!("{sign}{n}"))
            }
            TokKind::Str { value, dynamic } => {
                self.i += 1;
                // Adjacent literals concatenate (Python; also a common line split).
                let mut s = value.clone();
                let mut dynamic = *dynamic;
                while let Some(Tok {
                    kind: TokKind::Str { value, dynamic: d },
                    ..
                }) = self.tok(0)
                {
                    if self.lang != Lang::Py {
                        break;
                    }
                    s.push_str(value);
                    dynamic |= *d;
                    self.i += 1;
                }
                if dynamic {
                    NodeKind::Dynamic
                } else {
                    NodeKind::Str(s)
                }
            }
            TokKind::Num(n) => {
                self.i += 1;
                NodeKind::Num(n.clone())
            }
            TokKind::Ident(w) => {
                self.i += 1;
                // Both languages' spellings: a boto3 repr and JSON read alike.
                match (w.as_str(), self.lang) {
                    ("true" | "True", _) => NodeKind::Bool(true),
                    ("false" | "False", _) => NodeKind::Bool(false),
                    ("null" | "None", _) => NodeKind::Null,
                    ("undefined", Lang::Ts) => NodeKind::Undefined,
                    ("new", Lang::Ts) => return self.new_call(depth, pos, start),
                    (
                        "lambda" | "await" | "typeof" | "not" | "async" | "function" | "yield"
                        | "void" | "delete",
                        _,
                    ) => {
                        self.skip_rest(false);
                        NodeKind::Code
                    }
                    _ => NodeKind::Name(w.clone()),
                }
            }
            TokKind::Regex => {
                self.i += 1;
                NodeKind::Code
            }
            TokKind::Bad(m) => return Err(ParseError::new(pos, m.clone())),
            TokKind::Punct(p) if matches!(*p, "," | ")" | "]" | "}" | ";" | ":" | "=") => {
                return Err(self.err(format!("expected a value, found {}", self.found())))
            }
            TokKind::Punct(_) => {
                // A prefix operator (`!`, `-x`, `*`): the value is only known at run time.
                self.i += 1;
                if self.tok(0).is_some() && !self.is(0, ",") && !self.is(0, ")") {
                    self.expr(depth + 1, false)?;
                }
                NodeKind::Code
            }
        };
        Ok(self.node(kind, pos, start))
    }

    fn new_call(&mut self, depth: usize, pos: Pos, start: usize) -> Result<Node, ParseError> {
        let mut callee = String::new();
        while let Some(Tok {
            kind: TokKind::Ident(n),
            ..
        }) = self.tok(0)
        {
            callee.push_str(n);
            self.i += 1;
            if self.is(0, ".") {
                callee.push('.');
                self.i += 1;
            } else {
                break;
            }
        }
        // Type arguments: `new Map<string, number>()`.
        if self.is(0, "<") {
            let mut d = 0usize;
            while let Some(t) = self.tok(0) {
                self.i += 1;
                match t.kind {
                    TokKind::Punct("<") => d += 1,
                    TokKind::Punct(">") => {
                        d = d.saturating_sub(1);
                        if d == 0 {
                            break;
                        }
                    }
                    TokKind::Punct(">>") => {
                        d = d.saturating_sub(2);
                        if d == 0 {
                            break;
                        }
                    }
                    _ => {}
                }
            }
        }
        let args = if self.is(0, "(") {
            self.args(depth + 1)?
        } else {
            Vec::new()
        };
        let node = self.node(
            NodeKind::Call {
                callee: Some(callee),
                new: true,
                args,
            },
            pos,
            start,
        );
        if self.continues(false) || self.is(0, ".") || self.is(0, "?.") || self.is(0, "[") {
            self.skip_rest(false);
            return Ok(self.node(NodeKind::Code, pos, start));
        }
        Ok(node)
    }

    /// Items separated by commas up to `close` (the opening bracket already read).
    fn items(&mut self, close: &str, depth: usize) -> Result<Vec<Node>, ParseError> {
        let mut out = Vec::new();
        loop {
            if self.is(0, close) {
                self.i += 1;
                return Ok(out);
            }
            if self.is(0, "...") || (self.lang == Lang::Py && self.is(0, "*")) {
                let (pos, start) = (self.pos(), self.tok(0).map_or(0, |t| t.start));
                self.i += 1;
                self.expr(depth, false)?;
                out.push(self.node(NodeKind::Code, pos, start));
            } else {
                out.push(self.expr(depth, false)?);
            }
            if self.is(0, ",") {
                self.i += 1;
            } else if !self.is(0, close) {
                return Err(self.err(format!(
                    "expected ',' or '{close}' after the item, found {}",
                    self.found()
                )));
            }
        }
    }

    fn object(&mut self, depth: usize) -> Result<NodeKind, ParseError> {
        let mut out = Vec::new();
        loop {
            if self.is(0, "}") {
                self.i += 1;
                return Ok(NodeKind::Obj(out));
            }
            let Some(t) = self.tok(0) else {
                return Err(self.err(
                    "expected '}' to close the object, found the end of the text".to_string(),
                ));
            };
            if self.is(0, "...") || self.is(0, "**") {
                self.i += 1;
                out.push(Member::Spread(self.expr(depth, false)?));
            } else if self.is(0, "[") {
                let (pos, start) = (t.pos, t.start);
                self.skip_rest(false);
                out.push(Member::Other(self.node(NodeKind::Code, pos, start)));
            } else {
                let key = match (&t.kind, self.lang) {
                    (
                        TokKind::Str {
                            value,
                            dynamic: false,
                        },
                        _,
                    ) => Some(value.clone()),
                    (TokKind::Ident(w), Lang::Ts) => Some(w.clone()),
                    (TokKind::Num(n), _) => Some(n.clone()),
                    _ => None,
                };
                let (key_pos, key_start) = (t.pos, t.start);
                match key {
                    Some(key) if self.is(1, ":") => {
                        self.i += 2;
                        let value = self.expr(depth, false)?;
                        out.push(Member::Keyed {
                            key,
                            key_pos,
                            value,
                        });
                    }
                    Some(key) if self.lang == Lang::Ts && (self.is(1, ",") || self.is(1, "}")) => {
                        // Shorthand `{ alarmName }`: the value is the variable of that name.
                        self.i += 1;
                        let value = self.node(NodeKind::Name(key.clone()), key_pos, key_start);
                        out.push(Member::Keyed {
                            key,
                            key_pos,
                            value,
                        });
                    }
                    _ => {
                        // A computed key (Python), a method or a getter.
                        self.expr(depth, false)?;
                        if self.is(0, ":") {
                            self.i += 1;
                            self.expr(depth, false)?;
                        } else {
                            self.skip_rest(false);
                        }
                        out.push(Member::Other(self.node(NodeKind::Code, key_pos, key_start)));
                    }
                }
            }
            if self.is(0, ",") {
                self.i += 1;
            } else if !self.is(0, "}") {
                let what = match out.last() {
                    Some(Member::Keyed { key, .. }) => format!("after the member `{}`", short(key)),
                    _ => "after the member".to_string(),
                };
                return Err(self.err(format!(
                    "expected ',' or '}}' {what}, found {}",
                    self.found()
                )));
            }
        }
    }

    /// The arguments of a call, from its `(`.
    pub fn args(&mut self, depth: usize) -> Result<Vec<Arg>, ParseError> {
        self.expect("(", "to open the arguments")?;
        let mut out = Vec::new();
        loop {
            if self.is(0, ")") {
                self.i += 1;
                return Ok(out);
            }
            if self.tok(0).is_none() {
                return Err(self
                    .err("expected ')' to close the call, found the end of the text".to_string()));
            }
            if self.is(0, "...") || self.is(0, "*") || self.is(0, "**") {
                self.i += 1;
                out.push(Arg::Star(self.expr(depth, false)?));
            } else if let (
                Some(Tok {
                    kind: TokKind::Ident(name),
                    pos,
                    ..
                }),
                true,
            ) = (self.tok(0), self.is(1, "="))
            {
                self.i += 2;
                let value = self.expr(depth, false)?;
                out.push(Arg::Keyword {
                    name: name.clone(),
                    pos: *pos,
                    value,
                });
            } else {
                out.push(Arg::Positional(self.expr(depth, false)?));
            }
            if self.is(0, ",") {
                self.i += 1;
            } else if !self.is(0, ")") {
                return Err(self.err(format!(
                    "expected ',' or ')' after the argument, found {}",
                    self.found()
                )));
            }
        }
    }
}

/// The position just after the end of `text`.
pub fn end_pos(text: &str) -> Pos {
    let mut line = 1u32;
    let mut column = 1u32;
    for c in text.chars() {
        if c == '\n' {
            line = line.saturating_add(1);
            column = 1;
        } else {
            column = column.saturating_add(1);
        }
    }
    Pos { line, column }
}

/// `s` cut to a length a message can quote.
pub fn short(s: &str) -> String {
    const MAX: usize = 40;
    if s.chars().count() > MAX {
        let cut: String = s.chars().take(MAX).collect();
        format!("{cut}...")
    } else {
        s.to_string()
    }
}

/// The source text of `node`, on one line, as a placeholder shows it.
pub fn source(text: &str, node: &Node) -> String {
    let raw = text.get(node.start..node.end).unwrap_or("");
    let mut out = String::with_capacity(raw.len());
    let mut space = false;
    for c in raw.chars() {
        if c.is_whitespace() {
            space = true;
        } else {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    const MAX: usize = 200;
    if out.chars().count() > MAX {
        let cut: String = out.chars().take(MAX).collect();
        return format!("{cut}...");
    }
    out
}

/// Where a name is assigned in the text, for resolving `DeploymentConfig=config`: each
/// assignment's first value token and line.
pub fn bindings(toks: &[Tok], lang: Lang) -> std::collections::HashMap<String, Vec<(usize, u32)>> {
    let mut out: std::collections::HashMap<String, Vec<(usize, u32)>> =
        std::collections::HashMap::new();
    let mut i = 0usize;
    let word = |j: usize| match toks.get(j).map(|t| &t.kind) {
        Some(TokKind::Ident(w)) => Some(w.as_str()),
        _ => None,
    };
    let punct = |j: usize, p: &str| matches!(toks.get(j).map(|t| &t.kind), Some(TokKind::Punct(q)) if *q == p);
    // Bracket depth before each token: a Python `name=value` inside parentheses is a
    // keyword argument, not an assignment.
    let mut depth_at = Vec::with_capacity(toks.len());
    let mut d = 0usize;
    for t in toks {
        depth_at.push(d);
        match t.kind {
            TokKind::Punct("(" | "[" | "{") => d += 1,
            TokKind::Punct(")" | "]" | "}") => d = d.saturating_sub(1),
            _ => {}
        }
    }
    while i < toks.len() {
        let declared = lang == Lang::Ts && matches!(word(i), Some("const" | "let" | "var"));
        let nested = lang == Lang::Py && depth_at.get(i).is_some_and(|d| *d > 0);
        let at_start = !nested
            && (i == 0
                || toks.get(i).is_some_and(|t| t.nl_before)
                || punct(i.wrapping_sub(1), ";")
                || punct(i.wrapping_sub(1), "{")
                || punct(i.wrapping_sub(1), "}"));
        let name_at = if declared { i + 1 } else { i };
        if let (Some(name), true) = (word(name_at), declared || at_start) {
            let mut j = name_at + 1;
            // A type annotation (`name: Type = value`).
            if punct(j, ":") {
                let mut d = 0i32;
                j += 1;
                while let Some(t) = toks.get(j) {
                    match t.kind {
                        TokKind::Punct("(" | "[" | "{" | "<") => d += 1,
                        TokKind::Punct(")" | "]" | "}" | ">") => d -= 1,
                        TokKind::Punct("=") if d <= 0 => break,
                        TokKind::Punct(";") => break,
                        _ => {}
                    }
                    if d < 0 || (t.nl_before && d == 0 && j > name_at + 2) {
                        break;
                    }
                    j += 1;
                }
            }
            if punct(j, "=") && toks.get(j + 1).is_some() {
                let line = toks.get(name_at).map_or(0, |t| t.pos.line);
                out.entry(name.to_string()).or_default().push((j + 1, line));
                i = j + 1;
                continue;
            }
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str, lang: Lang) -> Node {
        let toks = lex(text, lang);
        let mut p = Parser::new(&toks, text, lang);
        p.expr(0, false).unwrap()
    }

    #[test]
    fn typescript_object_literals_read_as_written() {
        let text = "{ a: 'x', // note\n b: [1, -2.5,], c: `t`, d: `${p}-x`, e: props.x!, f, g: f(1) } as const";
        let NodeKind::Obj(members) = parse(text, Lang::Ts).kind else {
            panic!()
        };
        let kinds: Vec<(String, NodeKind)> = members
            .into_iter()
            .filter_map(|m| match m {
                Member::Keyed { key, value, .. } => Some((key, value.kind)),
                _ => None,
            })
            .collect();
        assert_eq!(kinds[0], ("a".into(), NodeKind::Str("x".into())));
        assert!(matches!(&kinds[1].1, NodeKind::List(v) if v.len() == 2));
        assert_eq!(kinds[2].1, NodeKind::Str("t".into()));
        assert_eq!(kinds[3].1, NodeKind::Dynamic);
        assert_eq!(kinds[4].1, NodeKind::Code);
        assert_eq!(kinds[5].1, NodeKind::Name("f".into()));
        assert!(matches!(&kinds[6].1, NodeKind::Call { callee: Some(c), .. } if c == "f"));
    }

    #[test]
    fn python_keyword_calls_and_strings() {
        let text = "X.Prop(a=1, b=f\"{n}-x\", c=r'\\d', d='''l\nm''', e=None, **rest)";
        let NodeKind::Call { callee, args, .. } = parse(text, Lang::Py).kind else {
            panic!()
        };
        assert_eq!(callee.as_deref(), Some("X.Prop"));
        assert_eq!(args.len(), 6);
        assert!(matches!(&args[1], Arg::Keyword { value, .. } if value.kind == NodeKind::Dynamic));
        assert!(
            matches!(&args[2], Arg::Keyword { value, .. } if value.kind == NodeKind::Str("\\d".into()))
        );
        assert!(
            matches!(&args[3], Arg::Keyword { value, .. } if value.kind == NodeKind::Str("l\nm".into()))
        );
        assert!(matches!(&args[5], Arg::Star(_)));
    }

    #[test]
    fn operators_become_code_with_their_source() {
        let text = "{ a: x > 1 ? 'y' : 'z', b: 2 }";
        let NodeKind::Obj(members) = parse(text, Lang::Ts).kind else {
            panic!()
        };
        let Member::Keyed { value, .. } = &members[0] else {
            panic!()
        };
        assert_eq!(value.kind, NodeKind::Code);
        assert_eq!(source(text, value), "x > 1 ? 'y' : 'z'");
    }

    #[test]
    fn bindings_find_declarations_once_each() {
        let text = "const a: Foo = { x: 1 };\nlet b = 2\nb = 3\nif (a == b) {}";
        let b = bindings(&lex(text, Lang::Ts), Lang::Ts);
        assert_eq!(b["a"].len(), 1);
        assert_eq!(b["b"].iter().map(|x| x.1).collect::<Vec<_>>(), vec![2, 3]);
        // A keyword argument on its own line is not an assignment.
        let text = "cfg = {}\nf(\n    cfg=cfg,\n)";
        let b = bindings(&lex(text, Lang::Py), Lang::Py);
        assert_eq!(b["cfg"].len(), 1);
    }
}
