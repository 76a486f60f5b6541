//! A Python expression reader over the tokens of `lex.rs`: literals, dicts, lists, names,
//! calls, attributes and subscripts are kept as a small tree (so names can be resolved and
//! `dict(...)` read); anything else (arithmetic, comprehensions, lambdas, conditionals) is
//! kept as the text as written, which the import turns into a placeholder.

use super::lex::{Tok, Token};
use designer_core::value::{Kind, ParseError, Pos, MAX_DEPTH};

#[derive(Clone, Debug)]
pub struct Expr {
    pub kind: ExprKind,
    pub pos: Pos,
    /// Byte range in the text (the expression as written).
    pub start: usize,
    pub end: usize,
}

#[derive(Clone, Debug)]
pub enum ExprKind {
    /// A literal: string, number, True/False/None.
    Lit(Kind),
    Dict(Vec<DictItem>),
    List(Vec<Expr>),
    Name(String),
    Call {
        callee: Box<Expr>,
        args: Vec<Arg>,
    },
    Attr {
        base: Box<Expr>,
        name: String,
    },
    Subscript {
        base: Box<Expr>,
        index: Box<Expr>,
    },
    /// Code whose value only running it would tell.
    Opaque,
}

#[derive(Clone, Debug)]
pub enum DictItem {
    Pair {
        key: Expr,
        value: Expr,
    },
    /// `**other`
    Spread(Expr),
}

#[derive(Clone, Debug)]
pub enum Arg {
    Positional(Expr),
    Keyword {
        name: String,
        pos: Pos,
        value: Expr,
    },
    /// `*args`
    Star(Expr),
    /// `**kwargs`
    Spread(Expr),
}

impl Expr {
    /// The dotted name of a callee such as `client.update_endpoint`, if it is one.
    pub fn dotted(&self) -> Option<String> {
        match &self.kind {
            ExprKind::Name(n) => Some(n.clone()),
            ExprKind::Attr { base, name } => base.dotted().map(|b| format!("{b}.{name}")),
            ExprKind::Call { callee, .. } => callee.dotted().map(|c| format!("{c}()")),
            _ => None,
        }
    }
}

/// Words that continue an expression after an operand.
const BINARY_WORDS: &[&str] = &["if", "else", "and", "or", "not", "in", "is"];
const BINARY_OPS: &[&str] = &[
    "+", "-", "*", "/", "//", "%", "**", "==", "!=", "<", ">", "<=", ">=", "&", "|", "^", "@",
    "<<", ">>", ":=",
];

pub struct Parser<'t> {
    pub toks: &'t [Token],
    pub i: usize,
}

static END: Token = Token {
    tok: Tok::End,
    pos: Pos::START,
    start: 0,
    end: 0,
    stmt: true,
    close: None,
};

impl<'t> Parser<'t> {
    pub fn new(toks: &'t [Token], i: usize) -> Self {
        Parser { toks, i }
    }

    pub fn token(&self, ahead: usize) -> &'t Token {
        self.toks
            .get(self.i.saturating_add(ahead))
            .or(self.toks.last())
            .unwrap_or(&END)
    }

    pub fn tok(&self, ahead: usize) -> &'t Tok {
        &self.token(ahead).tok
    }

    pub fn pos(&self) -> Pos {
        self.token(0).pos
    }

    pub fn is_op(&self, ahead: usize, op: &str) -> bool {
        matches!(self.tok(ahead), Tok::Op(o) if *o == op)
    }

    fn is_word(&self, ahead: usize, w: &str) -> bool {
        matches!(self.tok(ahead), Tok::Name(n) if n == w)
    }

    pub fn bump(&mut self) {
        if self.i < self.toks.len() {
            self.i += 1;
        }
    }

    /// End of the previous token (where an expression that just finished ends).
    fn prev_end(&self) -> usize {
        self.i
            .checked_sub(1)
            .and_then(|k| self.toks.get(k))
            .map_or(0, |t| t.end)
    }

    pub fn err(&self, message: impl Into<String>) -> ParseError {
        ParseError::new(self.pos(), message)
    }

    pub fn describe(&self, ahead: usize) -> String {
        match self.tok(ahead) {
            Tok::Name(n) => format!("`{n}`"),
            Tok::Str { .. } => "a string".to_string(),
            Tok::Int { text, .. } | Tok::Float { text, .. } => format!("`{text}`"),
            Tok::Imaginary => "a complex number".to_string(),
            Tok::Op(o) => format!("'{o}'"),
            Tok::Other(c) if c.is_control() => format!("U+{:04X}", u32::from(*c)),
            Tok::Other(c) => format!("'{c}'"),
            Tok::Bad(_) => "a broken literal".to_string(),
            Tok::End => "the end of the text".to_string(),
        }
    }

    /// Fails with a broken literal's own message when the cursor is on one.
    fn check_bad(&self) -> Result<(), ParseError> {
        match self.tok(0) {
            Tok::Bad(m) => Err(self.err(m.clone())),
            _ => Ok(()),
        }
    }

    /// True when the cursor is where an expression cannot go on.
    fn at_stop(&self) -> bool {
        let t = self.token(0);
        t.stmt || matches!(t.tok, Tok::End)
    }

    /// One expression (not a bare tuple).
    pub fn expr(&mut self, depth: usize) -> Result<Expr, ParseError> {
        if depth >= MAX_DEPTH {
            return Err(self.err(format!("the text nests deeper than {MAX_DEPTH} levels")));
        }
        self.check_bad()?;
        let pos = self.pos();
        let start = self.token(0).start;
        if self.is_word(0, "lambda") {
            self.skip_to_end_of_expression();
            return Ok(self.opaque(pos, start));
        }
        let first = self.unary(depth)?;
        let mut computed = false;
        loop {
            if self.at_stop() {
                break;
            }
            let binary = match self.tok(0) {
                Tok::Op(o) => BINARY_OPS.contains(o),
                Tok::Name(n) => BINARY_WORDS.contains(&n.as_str()),
                _ => false,
            };
            if !binary {
                break;
            }
            computed = true;
            self.bump();
            while self.is_word(0, "not") || self.is_word(0, "in") {
                self.bump();
            }
            self.unary(depth + 1)?;
        }
        if computed {
            return Ok(self.opaque(pos, start));
        }
        Ok(first)
    }

    fn opaque(&self, pos: Pos, start: usize) -> Expr {
        Expr {
            kind: ExprKind::Opaque,
            pos,
            start,
            end: self.prev_end().max(start),
        }
    }

    /// Skips to the next ',' or closing bracket at this depth, or the end of the statement.
    fn skip_to_end_of_expression(&mut self) {
        loop {
            let t = self.token(0);
            match t.tok {
                Tok::End => return,
                Tok::Op("," | ")" | "]" | "}") => return,
                Tok::Op("(" | "[" | "{") => match t.close {
                    Some(c) => self.i = c + 1,
                    None => {
                        self.i = self.toks.len().saturating_sub(1);
                        return;
                    }
                },
                _ => self.bump(),
            }
            if self.token(0).stmt {
                return;
            }
        }
    }

    fn unary(&mut self, depth: usize) -> Result<Expr, ParseError> {
        if depth >= MAX_DEPTH {
            return Err(self.err(format!("the text nests deeper than {MAX_DEPTH} levels")));
        }
        self.check_bad()?;
        let pos = self.pos();
        let start = self.token(0).start;
        match self.tok(0) {
            Tok::Op(o @ ("-" | "+")) => {
                let negative = *o == "-";
                self.bump();
                let inner = self.unary(depth + 1)?;
                let kind = match inner.kind {
                    ExprKind::Lit(Kind::Int { text, value }) => ExprKind::Lit(Kind::Int {
                        text: format!("{}{text}", if negative { "-" } else { "+" }),
                        value: if negative {
                            value.and_then(i64::checked_neg)
                        } else {
                            value
                        },
                    }),
                    ExprKind::Lit(Kind::Float { text, value }) => ExprKind::Lit(Kind::Float {
                        text: format!("{}{text}", if negative { "-" } else { "+" }),
                        value: value.map(|v| if negative { -v } else { v }),
                    }),
                    _ => ExprKind::Opaque,
                };
                Ok(Expr {
                    kind,
                    pos,
                    start,
                    end: self.prev_end(),
                })
            }
            Tok::Op("~" | "*" | "**") => {
                self.bump();
                self.unary(depth + 1)?;
                Ok(self.opaque(pos, start))
            }
            Tok::Name(n) if n == "not" || n == "await" || n == "yield" => {
                self.bump();
                if !self.at_stop() && !matches!(self.tok(0), Tok::Op(")" | "]" | "}" | ",")) {
                    self.unary(depth + 1)?;
                }
                Ok(self.opaque(pos, start))
            }
            _ => self.postfix(depth),
        }
    }

    fn postfix(&mut self, depth: usize) -> Result<Expr, ParseError> {
        let mut e = self.primary(depth)?;
        loop {
            if self.token(0).stmt {
                return Ok(e);
            }
            let (pos, start) = (e.pos, e.start);
            if self.is_op(0, ".") {
                self.bump();
                let Tok::Name(name) = self.tok(0) else {
                    return Err(self.err(format!(
                        "expected a name after '.', found {}",
                        self.describe(0)
                    )));
                };
                self.bump();
                e = Expr {
                    kind: ExprKind::Attr {
                        base: Box::new(e),
                        name: name.clone(),
                    },
                    pos,
                    start,
                    end: self.prev_end(),
                };
            } else if self.is_op(0, "(") {
                let open = self.i;
                self.bump();
                let args = match self.args(depth + 1) {
                    Ok(args) => args,
                    Err(err) => {
                        // A generic call the reader cannot follow (a generator argument,
                        // a slice) only matters by its text, unless it is `dict(...)`.
                        let close = self.toks.get(open).and_then(|t| t.close);
                        match close {
                            Some(c) if !matches!(&e.kind, ExprKind::Name(n) if n == "dict") => {
                                self.i = c + 1;
                                e = self.opaque(pos, start);
                                continue;
                            }
                            _ => return Err(err),
                        }
                    }
                };
                e = Expr {
                    kind: ExprKind::Call {
                        callee: Box::new(e),
                        args,
                    },
                    pos,
                    start,
                    end: self.prev_end(),
                };
            } else if self.is_op(0, "[") {
                let open = self.i;
                self.bump();
                let index = match self.expr(depth + 1) {
                    Ok(x) if self.is_op(0, "]") => {
                        self.bump();
                        Some(x)
                    }
                    _ => None,
                };
                let index = match index {
                    Some(x) => x,
                    None => match self.toks.get(open).and_then(|t| t.close) {
                        Some(c) => {
                            self.i = c + 1;
                            e = self.opaque(pos, start);
                            continue;
                        }
                        None => {
                            return Err(ParseError::new(
                                self.toks.get(open).map_or(pos, |t| t.pos),
                                "this '[' is never closed",
                            ))
                        }
                    },
                };
                e = Expr {
                    kind: ExprKind::Subscript {
                        base: Box::new(e),
                        index: Box::new(index),
                    },
                    pos,
                    start,
                    end: self.prev_end(),
                };
            } else if matches!(self.tok(0), Tok::Str { .. }) {
                // AWS's pseudo-code `'A'|'B' (default)` and similar: not Python.
                return Err(self.err(format!(
                    "expected ',' or an operator, found {}",
                    self.describe(0)
                )));
            } else {
                return Ok(e);
            }
        }
    }

    fn primary(&mut self, depth: usize) -> Result<Expr, ParseError> {
        self.check_bad()?;
        let pos = self.pos();
        let start = self.token(0).start;
        let kind =
            match self.tok(0) {
                Tok::Str { .. } => {
                    let mut out = String::new();
                    let mut opaque = false;
                    while let Tok::Str {
                        value,
                        bytes,
                        fields,
                    } = self.tok(0)
                    {
                        opaque |= *bytes || *fields;
                        out.push_str(value);
                        self.bump();
                    }
                    if opaque {
                        ExprKind::Opaque
                    } else {
                        ExprKind::Lit(Kind::Str(out))
                    }
                }
                Tok::Int { text, magnitude } => {
                    let value = magnitude.and_then(|m| i64::try_from(m).ok());
                    let text = text.clone();
                    self.bump();
                    ExprKind::Lit(Kind::Int { text, value })
                }
                Tok::Float { text, value } => {
                    let (text, value) = (text.clone(), *value);
                    self.bump();
                    ExprKind::Lit(Kind::Float { text, value })
                }
                Tok::Imaginary => {
                    self.bump();
                    ExprKind::Opaque
                }
                Tok::Name(n) => {
                    let kind = match n.as_str() {
                        "True" => ExprKind::Lit(Kind::Bool(true)),
                        "False" => ExprKind::Lit(Kind::Bool(false)),
                        "None" => ExprKind::Lit(Kind::Null),
                        _ => ExprKind::Name(n.clone()),
                    };
                    self.bump();
                    kind
                }
                Tok::Op("{") => return self.dict(depth),
                Tok::Op("[") => return self.list(depth),
                Tok::Op("(") => return self.parenthesised(depth),
                Tok::Op("...") => {
                    self.bump();
                    ExprKind::Opaque
                }
                Tok::End => return Err(self.err(
                    "the text ends where a value should be: is a closing bracket or quote missing?",
                )),
                _ => {
                    return Err(self.err(format!(
                        "expected a value (a string, number, name, dict or list), found {}",
                        self.describe(0)
                    )))
                }
            };
        Ok(Expr {
            kind,
            pos,
            start,
            end: self.prev_end(),
        })
    }

    /// A comprehension inside brackets: its text only.
    fn comprehension(&mut self, open: usize, pos: Pos, start: usize) -> Result<Expr, ParseError> {
        match self.toks.get(open).and_then(|t| t.close) {
            Some(c) => {
                self.i = c + 1;
                Ok(self.opaque(pos, start))
            }
            None => Err(ParseError::new(pos, "this bracket is never closed")),
        }
    }

    fn unclosed(&self, open: usize, close: &str, after: &str) -> ParseError {
        let open_pos = self.toks.get(open).map_or(Pos::START, |t| t.pos);
        let never_closed = self.toks.get(open).is_some_and(|t| t.close.is_none());
        if never_closed && !matches!(self.tok(0), Tok::End) {
            return ParseError::new(
                open_pos,
                format!(
                    "this bracket is never closed: a '{close}' is missing before {} at {}",
                    self.describe(0),
                    self.pos()
                ),
            );
        }
        if matches!(self.tok(0), Tok::End) || self.token(0).stmt {
            ParseError::new(
                open_pos,
                format!("this bracket is never closed: a '{close}' is missing"),
            )
        } else {
            self.err(format!(
                "expected ',' or '{close}' after {after}, found {}",
                self.describe(0)
            ))
        }
    }

    fn dict(&mut self, depth: usize) -> Result<Expr, ParseError> {
        let open = self.i;
        let pos = self.pos();
        let start = self.token(0).start;
        self.bump();
        let mut items = Vec::new();
        let mut set = false;
        let mut seen: Vec<(String, Pos)> = Vec::new();
        loop {
            self.check_bad()?;
            if self.is_op(0, "}") {
                self.bump();
                break;
            }
            if self.is_op(0, "**") {
                self.bump();
                items.push(DictItem::Spread(self.expr(depth + 1)?));
            } else {
                let key = self.expr(depth + 1)?;
                if self.is_word(0, "for") {
                    return self.comprehension(open, pos, start);
                }
                if self.is_op(0, ":") {
                    if let ExprKind::Lit(Kind::Str(name)) = &key.kind {
                        // Python keeps the last, but two spellings of one member in a
                        // literal are a mistake to point at, as the JSON reader does.
                        if let Some(first) = seen.iter().find(|(n, _)| n == name) {
                            return Err(ParseError::new(
                                key.pos,
                                format!("duplicate key '{name}' (first written at {})", first.1),
                            ));
                        }
                        seen.push((name.clone(), key.pos));
                    }
                    self.bump();
                    let value = self.expr(depth + 1)?;
                    if self.is_word(0, "for") {
                        return self.comprehension(open, pos, start);
                    }
                    items.push(DictItem::Pair { key, value });
                } else if self.is_op(0, ",") || self.is_op(0, "}") {
                    set = true;
                } else {
                    self.check_bad()?;
                    return Err(self.unclosed_or(open, "}", "expected ':' after a dict key"));
                }
            }
            if self.is_op(0, ",") {
                self.bump();
            } else if !self.is_op(0, "}") {
                self.check_bad()?;
                return Err(self.unclosed(open, "}", "a dict item"));
            }
        }
        let kind = if set {
            ExprKind::Opaque
        } else {
            ExprKind::Dict(items)
        };
        Ok(Expr {
            kind,
            pos,
            start,
            end: self.prev_end(),
        })
    }

    fn unclosed_or(&self, open: usize, close: &str, what: &str) -> ParseError {
        let open_pos = self.toks.get(open).map_or(Pos::START, |t| t.pos);
        let never_closed = self.toks.get(open).is_some_and(|t| t.close.is_none());
        if never_closed && !matches!(self.tok(0), Tok::End) {
            return ParseError::new(
                open_pos,
                format!(
                    "this bracket is never closed: a '{close}' is missing before {} at {}",
                    self.describe(0),
                    self.pos()
                ),
            );
        }
        if matches!(self.tok(0), Tok::End) || self.token(0).stmt {
            ParseError::new(
                open_pos,
                format!("this bracket is never closed: a '{close}' is missing"),
            )
        } else {
            self.err(format!("{what}, found {}", self.describe(0)))
        }
    }

    fn list(&mut self, depth: usize) -> Result<Expr, ParseError> {
        let open = self.i;
        let pos = self.pos();
        let start = self.token(0).start;
        self.bump();
        let mut items = Vec::new();
        let mut opaque = false;
        loop {
            self.check_bad()?;
            if self.is_op(0, "]") {
                self.bump();
                break;
            }
            // `[*a, b]` unpacks: the list's length is unknown, so the whole list is a
            // placeholder.
            opaque |= self.is_op(0, "*");
            let item = self.expr(depth + 1)?;
            if self.is_word(0, "for") {
                return self.comprehension(open, pos, start);
            }
            items.push(item);
            if self.is_op(0, ",") {
                self.bump();
            } else if !self.is_op(0, "]") {
                self.check_bad()?;
                return Err(self.unclosed(open, "]", "a list item"));
            }
        }
        Ok(Expr {
            kind: if opaque {
                ExprKind::Opaque
            } else {
                ExprKind::List(items)
            },
            pos,
            start,
            end: self.prev_end(),
        })
    }

    fn parenthesised(&mut self, depth: usize) -> Result<Expr, ParseError> {
        let open = self.i;
        let pos = self.pos();
        let start = self.token(0).start;
        self.bump();
        let mut items = Vec::new();
        let mut tuple = false;
        loop {
            self.check_bad()?;
            if self.is_op(0, ")") {
                self.bump();
                tuple |= items.is_empty();
                break;
            }
            let item = self.expr(depth + 1)?;
            if self.is_word(0, "for") {
                return self.comprehension(open, pos, start);
            }
            items.push(item);
            if self.is_op(0, ",") {
                tuple = true;
                self.bump();
            } else if !self.is_op(0, ")") {
                self.check_bad()?;
                return Err(self.unclosed(open, ")", "a value in parentheses"));
            }
        }
        if !tuple && items.len() == 1 {
            if let Some(mut inner) = items.pop() {
                // `(value)` is the value; keep the parentheses in its text.
                if matches!(inner.kind, ExprKind::Opaque) {
                    inner.start = start;
                    inner.end = self.prev_end();
                    inner.pos = pos;
                }
                return Ok(inner);
            }
        }
        Ok(Expr {
            kind: ExprKind::List(items),
            pos,
            start,
            end: self.prev_end(),
        })
    }

    /// Arguments up to the closing ')'; the cursor is just after the '('.
    pub fn args(&mut self, depth: usize) -> Result<Vec<Arg>, ParseError> {
        let open_pos = self
            .i
            .checked_sub(1)
            .and_then(|k| self.toks.get(k))
            .map_or(Pos::START, |t| t.pos);
        let mut args = Vec::new();
        loop {
            self.check_bad()?;
            if self.is_op(0, ")") {
                self.bump();
                return Ok(args);
            }
            if matches!(self.tok(0), Tok::End) {
                return Err(ParseError::new(
                    self.pos(),
                    format!("the text ends inside the call at {open_pos}: is a ')' missing?"),
                ));
            }
            if self.is_op(0, "**") {
                self.bump();
                args.push(Arg::Spread(self.expr(depth + 1)?));
            } else if self.is_op(0, "*") {
                self.bump();
                args.push(Arg::Star(self.expr(depth + 1)?));
            } else if let (Tok::Name(name), true) = (self.tok(0), self.is_op(1, "=")) {
                let pos = self.pos();
                let first = args.iter().find_map(|a| match a {
                    Arg::Keyword { name: n, pos, .. } if n == name => Some(*pos),
                    _ => None,
                });
                if let Some(first) = first {
                    return Err(ParseError::new(
                        pos,
                        format!("keyword argument {name} is repeated (first written at {first})"),
                    ));
                }
                self.bump();
                self.bump();
                let value = self.expr(depth + 1)?;
                args.push(Arg::Keyword {
                    name: name.clone(),
                    pos,
                    value,
                });
            } else {
                let value = self.expr(depth + 1)?;
                if self.is_word(0, "for") {
                    return Err(self.err("a generator argument"));
                }
                args.push(Arg::Positional(value));
            }
            if self.is_op(0, ",") {
                self.bump();
            } else if !self.is_op(0, ")") {
                self.check_bad()?;
                if matches!(self.tok(0), Tok::End) {
                    return Err(ParseError::new(
                        self.pos(),
                        format!("the text ends inside the call at {open_pos}: is a ')' missing?"),
                    ));
                }
                return Err(self.err(format!(
                    "expected ',' or ')' after an argument, found {}",
                    self.describe(0)
                )));
            }
        }
    }
}
