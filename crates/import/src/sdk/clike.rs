//! A forgiving reader of the expressions that Java, Kotlin, Go and C# code writes to build
//! an SDK request: literals, names, member access, calls and builder chains, lambdas
//! (`d -> d.x(...)`), `new T(...) { A = 1 }` initialisers, Go's `&T{A: 1}` composite
//! literals and Kotlin's `T { a = 1 }` builders. It is not a parser of any of them: what it
//! does not model (an operator, a block of statements) is kept as `Code` with its source
//! text, which becomes a placeholder at its position. The tokens are the CDK lexer's
//! (`cdk/syntax.rs`), whose C-style comments and strings these languages share.

use std::collections::HashMap;

use designer_core::value::{ParseError, Pos, MAX_DEPTH};

use crate::cdk::syntax::{end_pos, short, Tok, TokKind};

/// The language, for the few places where their syntax differs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    Java,
    Kotlin,
    Go,
    DotNet,
}

/// One parsed expression and where it is.
#[derive(Clone, Debug)]
pub struct X {
    pub kind: E,
    pub pos: Pos,
    pub start: usize,
    pub end: usize,
}

/// The expressions modelled.
#[derive(Clone, Debug)]
pub enum E {
    Null,
    Bool(bool),
    Num(String),
    Str(String),
    /// An interpolated string (Kotlin's `"$x"`, C#'s `$"{x}"`).
    Dynamic,
    Name(String),
    /// `target.name`.
    Member(Box<X>, String),
    /// `callee(args)`.
    Call(Box<X>, Vec<X>),
    /// `new T(args)` with an optional initialiser `{ ... }` (C#, Java).
    New {
        ty: String,
        args: Vec<X>,
        init: Option<Vec<Item>>,
    },
    /// `T{...}` (Go), `T { ... }` (Kotlin), `{...}` (Go's elided element type) or a
    /// Kotlin trailing lambda `client.updateEndpoint { ... }`.
    Braced { ty: Option<Box<X>>, items: Vec<Item> },
    /// `d -> body` (Java).
    Lambda { param: String, body: Box<X> },
    /// Anything else.
    Code,
}

/// A member of braces.
#[derive(Clone, Debug)]
pub enum Item {
    /// `Key: v` (Go), `Key = v` (C#, Kotlin), `key { ... }` (Kotlin's nested builder).
    Keyed { key: String, key_pos: Pos, value: X },
    /// An element.
    Elem(X),
}

impl X {
    /// The dotted name this is (`types.TrafficRoutingConfigTypeCanary`), if it is one.
    pub fn dotted(&self) -> Option<String> {
        match &self.kind {
            E::Name(n) => Some(n.clone()),
            E::Member(t, n) => Some(format!("{}.{n}", t.dotted()?)),
            _ => None,
        }
    }
}

pub struct Parser<'a> {
    pub toks: &'a [Tok],
    pub text: &'a str,
    pub lang: Lang,
    pub i: usize,
}

fn is_type_name(x: &X) -> bool {
    match &x.kind {
        E::Name(n) | E::Member(_, n) => n.chars().next().is_some_and(char::is_uppercase),
        _ => false,
    }
}

impl<'a> Parser<'a> {
    pub fn new(toks: &'a [Tok], text: &'a str, lang: Lang) -> Self {
        Parser { toks, text, lang, i: 0 }
    }

    fn tok(&self, ahead: usize) -> Option<&'a Tok> {
        self.toks.get(self.i.saturating_add(ahead))
    }

    pub fn is(&self, ahead: usize, p: &str) -> bool {
        matches!(self.tok(ahead), Some(Tok { kind: TokKind::Punct(q), .. }) if *q == p)
    }

    fn word(&self, ahead: usize) -> Option<&'a str> {
        match self.tok(ahead).map(|t| &t.kind) {
            Some(TokKind::Ident(w)) => Some(w.as_str()),
            _ => None,
        }
    }

    fn pos(&self) -> Pos {
        self.tok(0).map_or_else(|| end_pos(self.text), |t| t.pos)
    }

    fn prev_end(&self) -> usize {
        self.i.checked_sub(1).and_then(|j| self.toks.get(j)).map_or(0, |t| t.end)
    }

    fn found(&self) -> String {
        match self.tok(0).map(|t| &t.kind) {
            None => "the end of the text".to_string(),
            Some(TokKind::Ident(w)) => format!("`{}`", short(w)),
            Some(TokKind::Punct(p)) => format!("'{p}'"),
            Some(TokKind::Str { .. }) => "a string".to_string(),
            Some(TokKind::Num(n)) => format!("the number {}", short(n)),
            Some(TokKind::Regex) => "'/'".to_string(),
            Some(TokKind::Bad(m)) => m.clone(),
        }
    }

    fn err(&self, msg: String) -> ParseError {
        if let Some(Tok { kind: TokKind::Bad(m), pos, .. }) = self.tok(0) {
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

    fn node(&self, kind: E, pos: Pos, start: usize) -> X {
        X { kind, pos, start, end: self.prev_end().max(start) }
    }

    /// One expression. `stmt`: a line break at the top level ends it, unless the next line
    /// goes on with `.` (a builder chain written one call a line).
    pub fn expr(&mut self, depth: usize, stmt: bool) -> Result<X, ParseError> {
        if depth > MAX_DEPTH {
            return Err(self.err(format!("nested more than {MAX_DEPTH} levels deep")));
        }
        let Some(first) = self.tok(0) else {
            return Err(self.err("expected a value, found the end of the text".to_string()));
        };
        let (pos, start) = (first.pos, first.start);
        let mut x = self.primary(depth)?;
        loop {
            let nl = self.tok(0).is_some_and(|t| t.nl_before);
            if (self.is(0, ".") || self.is(0, "?.")) && self.word(1).is_some() {
                let name = self.word(1).unwrap_or("").to_string();
                self.i += 2;
                x = self.node(E::Member(Box::new(x), name), pos, start);
            } else if self.is(0, "(") && !(nl && stmt) {
                let args = self.args(depth + 1)?;
                x = self.node(E::Call(Box::new(x), args), pos, start);
            } else if self.is(0, "{")
                && !nl
                && (is_type_name(&x) || (self.lang == Lang::Kotlin && matches!(x.kind, E::Call(..) | E::Member(..))))
            {
                self.i += 1;
                let items = self.items(depth + 1)?;
                x = self.node(E::Braced { ty: Some(Box::new(x)), items }, pos, start);
            } else if self.is(0, "[") && !(nl && stmt) {
                self.i += 1;
                self.skip_rest(false);
                self.expect("]", "to close the index")?;
                x = self.node(E::Code, pos, start);
            } else if self.is(0, "!") && self.is(1, "!") && !nl {
                // Kotlin's `!!`: the value is what it was.
                self.i += 2;
                x.end = self.prev_end();
            } else if self.word(0) == Some("as") && !nl {
                self.i += 1;
                self.skip_rest(stmt);
                x = self.node(E::Code, pos, start);
            } else {
                break;
            }
        }
        if self.continues(stmt) {
            self.skip_rest(stmt);
            x = self.node(E::Code, pos, start);
        }
        Ok(x)
    }

    /// True when the next token goes on with an operator rather than ending the value.
    fn continues(&self, stmt: bool) -> bool {
        match self.tok(0) {
            None => false,
            Some(t) if stmt && t.nl_before => false,
            Some(t) => match &t.kind {
                TokKind::Punct(p) => !matches!(*p, "," | ")" | "]" | "}" | ";" | ":" | "=" | "{" | "->" | ":="),
                TokKind::Ident(w) => matches!(w.as_str(), "instanceof" | "is" | "in" | "to" | "until"),
                _ => false,
            },
        }
    }

    /// Skips to the end of the current expression: the next `,`, `;` or closing bracket
    /// at this level (a `:` too, unless it ends a `? :`).
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

    fn string(&mut self, value: &str, tok: &Tok) -> E {
        self.i += 1;
        let raw = self.text.get(tok.start..tok.end).unwrap_or("");
        let kotlin_template = self.lang == Lang::Kotlin
            && raw.char_indices().any(|(k, c)| {
                c == '$'
                    && raw
                        .get(k + 1..)
                        .and_then(|r| r.chars().next())
                        .is_some_and(|n| n == '{' || n.is_alphabetic() || n == '_')
            });
        if kotlin_template {
            E::Dynamic
        } else {
            E::Str(value.to_string())
        }
    }

    fn primary(&mut self, depth: usize) -> Result<X, ParseError> {
        let Some(t) = self.tok(0) else {
            return Err(self.err("expected a value, found the end of the text".to_string()));
        };
        let (pos, start) = (t.pos, t.start);
        let kind = match &t.kind {
            TokKind::Str { value, dynamic } => {
                if *dynamic && self.lang != Lang::Go {
                    self.i += 1;
                    E::Dynamic
                } else {
                    self.string(value, t)
                }
            }
            TokKind::Num(n) => {
                self.i += 1;
                E::Num(n.clone())
            }
            TokKind::Punct("-") if matches!(self.tok(1).map(|t| &t.kind), Some(TokKind::Num(_))) => {
                let n = match self.tok(1).map(|t| &t.kind) {
                    Some(TokKind::Num(n)) => n.clone(),
                    _ => String::new(),
                };
                self.i += 2;
                E::Num(format!("-{n}"))
            }
            // Go's `&T{...}`; C#'s verbatim `@"..."`.
            TokKind::Punct("&" | "@") => {
                self.i += 1;
                let inner = self.primary(depth + 1)?;
                return Ok(X { pos, start, ..inner });
            }
            TokKind::Punct("{") => {
                self.i += 1;
                E::Braced { ty: None, items: self.items(depth + 1)? }
            }
            // Go's slice literal `[]*types.Alarm{...}`.
            TokKind::Punct("[") if self.is(1, "]") => {
                self.i += 2;
                while self.is(0, "*") || self.is(0, ".") || self.word(0).is_some() {
                    self.i += 1;
                }
                if !self.is(0, "{") {
                    self.skip_rest(false);
                    return Ok(self.node(E::Code, pos, start));
                }
                self.i += 1;
                E::Braced { ty: None, items: self.items(depth + 1)? }
            }
            TokKind::Punct("(") => {
                // `(d) -> ...`
                if self.word(1).is_some() && self.is(2, ")") && self.is(3, "->") {
                    let param = self.word(1).unwrap_or("").to_string();
                    self.i += 4;
                    let body = self.expr(depth + 1, false)?;
                    E::Lambda { param, body: Box::new(body) }
                } else {
                    self.i += 1;
                    let inner = self.expr(depth + 1, false)?;
                    self.expect(")", "to close the parentheses")?;
                    return Ok(X { pos, start, end: self.prev_end(), ..inner });
                }
            }
            TokKind::Ident(w) if w == "$" && matches!(self.tok(1).map(|t| &t.kind), Some(TokKind::Str { .. })) => {
                // C#'s interpolated string.
                self.i += 2;
                E::Dynamic
            }
            TokKind::Ident(w) => {
                let w = w.clone();
                if self.is(1, "->") {
                    self.i += 2;
                    let body = self.expr(depth + 1, false)?;
                    E::Lambda { param: w, body: Box::new(body) }
                } else {
                    self.i += 1;
                    match w.as_str() {
                        "true" => E::Bool(true),
                        "false" => E::Bool(false),
                        "null" | "nil" => E::Null,
                        "new" => return self.new_expr(depth, pos, start),
                        _ => E::Name(w),
                    }
                }
            }
            TokKind::Bad(m) => return Err(ParseError::new(pos, m.clone())),
            TokKind::Punct(p) if matches!(*p, "," | ")" | "]" | "}" | ";" | ":" | "=") => {
                return Err(self.err(format!("expected a value, found {}", self.found())))
            }
            _ => {
                // A prefix operator or anything else: known only when the code runs.
                self.i += 1;
                self.skip_rest(false);
                E::Code
            }
        };
        Ok(self.node(kind, pos, start))
    }

    fn skip_type_arguments(&mut self) {
        if !self.is(0, "<") {
            return;
        }
        let mut d = 0usize;
        while let Some(t) = self.tok(0) {
            self.i += 1;
            match t.kind {
                TokKind::Punct("<") => d += 1,
                TokKind::Punct(">") => d = d.saturating_sub(1),
                TokKind::Punct(">>") => d = d.saturating_sub(2),
                TokKind::Punct(";" | "{" | "}") => break,
                _ => {}
            }
            if d == 0 {
                break;
            }
        }
    }

    fn new_expr(&mut self, depth: usize, pos: Pos, start: usize) -> Result<X, ParseError> {
        let mut ty = String::new();
        while let Some(w) = self.word(0) {
            ty.push_str(w);
            self.i += 1;
            if self.is(0, ".") && self.word(1).is_some() {
                ty.push('.');
                self.i += 1;
            } else {
                break;
            }
        }
        self.skip_type_arguments();
        // Arrays: `new Alarm[] { ... }`, `new[] { ... }`.
        while self.is(0, "[") && self.is(1, "]") {
            self.i += 2;
            ty.push_str("[]");
        }
        let args = if self.is(0, "(") { self.args(depth + 1)? } else { Vec::new() };
        let init = if self.is(0, "{") {
            self.i += 1;
            Some(self.items(depth + 1)?)
        } else {
            None
        };
        Ok(self.node(E::New { ty, args, init }, pos, start))
    }

    /// The arguments of a call, from its `(`; a named argument (`name = v`, `name: v`)
    /// counts by its value.
    pub fn args(&mut self, depth: usize) -> Result<Vec<X>, ParseError> {
        self.expect("(", "to open the arguments")?;
        let mut out = Vec::new();
        loop {
            if self.is(0, ")") {
                self.i += 1;
                return Ok(out);
            }
            if self.tok(0).is_none() {
                return Err(self.err("expected ')' to close the call, found the end of the text".to_string()));
            }
            if self.word(0).is_some() && (self.is(1, "=") || (self.is(1, ":") && self.lang == Lang::DotNet)) {
                self.i += 2;
            }
            out.push(self.expr(depth, false)?);
            if self.is(0, ",") {
                self.i += 1;
            } else if !self.is(0, ")") {
                return Err(self.err(format!("expected ',' or ')' after the argument, found {}", self.found())));
            }
        }
    }

    /// The members of braces, from after the `{` to its `}`.
    fn items(&mut self, depth: usize) -> Result<Vec<Item>, ParseError> {
        if depth > MAX_DEPTH {
            return Err(self.err(format!("nested more than {MAX_DEPTH} levels deep")));
        }
        let mut out = Vec::new();
        loop {
            while self.is(0, ";") || self.is(0, ",") {
                self.i += 1;
            }
            if self.is(0, "}") {
                self.i += 1;
                return Ok(out);
            }
            let Some(t) = self.tok(0) else {
                return Err(self.err("expected '}' to close the braces, found the end of the text".to_string()));
            };
            let key = match &t.kind {
                TokKind::Ident(w) if self.is(1, ":") || self.is(1, "=") => Some(w.clone()),
                // Kotlin's nested builder `deploymentConfig { ... }`.
                TokKind::Ident(w)
                    if self.lang == Lang::Kotlin
                        && self.is(1, "{")
                        && w.chars().next().is_some_and(char::is_lowercase) =>
                {
                    Some(w.clone())
                }
                _ => None,
            };
            if let Some(key) = key {
                let key_pos = t.pos;
                if self.is(1, "{") {
                    self.i += 1;
                    let (pos, start) = (self.pos(), self.tok(0).map_or(0, |t| t.start));
                    self.i += 1;
                    let items = self.items(depth + 1)?;
                    let value = self.node(E::Braced { ty: None, items }, pos, start);
                    out.push(Item::Keyed { key, key_pos, value });
                } else {
                    self.i += 2;
                    let value = self.expr(depth, true)?;
                    out.push(Item::Keyed { key, key_pos, value });
                }
            } else {
                out.push(Item::Elem(self.expr(depth, true)?));
            }
            let next_line = self.tok(0).is_some_and(|t| t.nl_before);
            if self.is(0, ",") || self.is(0, ";") {
                self.i += 1;
            } else if !self.is(0, "}") && !(next_line && self.lang == Lang::Kotlin) {
                return Err(self.err(format!("expected ',' or '}}' after the member, found {}", self.found())));
            }
        }
    }
}

/// The source text of `x`, on one line, as a placeholder shows it.
pub fn source(text: &str, x: &X) -> String {
    let raw = text.get(x.start..x.end).unwrap_or("");
    let mut out = String::with_capacity(raw.len().min(256));
    let mut space = false;
    for c in raw.chars() {
        if c.is_whitespace() {
            space = true;
        } else {
            if space && !out.is_empty() && !matches!(c, '.' | ')') && !out.ends_with('(') {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
        if out.len() > 400 {
            break;
        }
    }
    if out.chars().count() > 200 {
        let cut: String = out.chars().take(200).collect();
        return format!("{cut}...");
    }
    out
}

/// Where each name is declared with a value (`var x = `, `Type x = `, `val x: T = `,
/// `x := `, Go's `var x T = `): the index of the value's first token, and the line.
/// Assignments that are members (`A = 1` in an initialiser, `a = 1` in a Kotlin builder)
/// do not count: they have no type or keyword before them.
pub fn bindings(toks: &[Tok]) -> HashMap<String, Vec<(usize, u32)>> {
    let mut out: HashMap<String, Vec<(usize, u32)>> = HashMap::new();
    let word = |j: usize| match toks.get(j).map(|t| &t.kind) {
        Some(TokKind::Ident(w)) => Some(w.as_str()),
        _ => None,
    };
    let punct = |j: usize, p: &str| matches!(toks.get(j).map(|t| &t.kind), Some(TokKind::Punct(q)) if *q == p);
    for (i, t) in toks.iter().enumerate() {
        let walrus = matches!(t.kind, TokKind::Punct(":="));
        if !walrus && !matches!(t.kind, TokKind::Punct("=")) {
            continue;
        }
        if i < 2 || toks.get(i + 1).is_none() {
            continue;
        }
        let at = |j: usize| toks.get(j).map_or(0, |t| t.pos.line);
        let name_at = if walrus {
            Some(i - 1)
        } else if i >= 3 && word(i - 3) == Some("var") && word(i - 2).is_some() {
            // Go's `var x T = v`.
            Some(i - 2)
        } else if i >= 4 && punct(i - 2, ":") && matches!(word(i - 4), Some("val" | "var")) {
            // Kotlin's `val x: T = v` (a simple type).
            Some(i - 3)
        } else if i >= 5 && punct(i - 3, ":") && punct(i - 2, "?") && matches!(word(i - 5), Some("val" | "var")) {
            Some(i - 4)
        } else {
            let declared = toks.get(i - 1).is_some_and(|n| !n.nl_before)
                && (word(i - 2).is_some_and(|w| !matches!(w, "return" | "else" | "new"))
                    || punct(i - 2, ">")
                    || (punct(i - 2, "]") && punct(i - 3, "[")));
            declared.then_some(i - 1)
        };
        let Some(n) = name_at else { continue };
        if let Some(name) = word(n) {
            out.entry(name.to_string()).or_default().push((i + 1, at(n)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cdk::syntax::{lex, Lang as LexLang};

    fn parse(text: &str, lang: Lang) -> X {
        let toks = lex(text, LexLang::Ts);
        let mut p = Parser::new(&toks, text, lang);
        p.expr(0, false).unwrap()
    }

    #[test]
    fn builder_chains_lambdas_and_literals() {
        let x = parse("A.builder().b(d -> d.c(\"x\")).e(5L).build()", Lang::Java);
        assert!(matches!(x.kind, E::Call(..)));
        let x = parse("&sagemaker.X{A: aws.String(\"x\"), B: []*T{{C: 1}}}", Lang::Go);
        let E::Braced { items, .. } = x.kind else { panic!() };
        assert_eq!(items.len(), 2);
        let x = parse("X {\n a = \"$b-c\"\n d { e = 1 }\n}", Lang::Kotlin);
        let E::Braced { items, .. } = x.kind else { panic!() };
        assert!(matches!(&items[0], Item::Keyed { value: X { kind: E::Dynamic, .. }, .. }));
        assert!(matches!(&items[1], Item::Keyed { value: X { kind: E::Braced { .. }, .. }, .. }));
    }

    #[test]
    fn declarations_are_bindings_and_members_are_not() {
        let text = "var a = 1; String b = \"x\"; c := 2\nval d: Int = 3\nnew X { E = 4 }\nY {\n f = g\n h = 5\n}";
        let b = bindings(&lex(text, LexLang::Ts));
        for n in ["a", "b", "c", "d"] {
            assert_eq!(b.get(n).map(Vec::len), Some(1), "{n}");
        }
        for n in ["E", "f", "h"] {
            assert!(!b.contains_key(n), "{n}");
        }
    }
}
