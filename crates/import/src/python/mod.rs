//! Import of Python as people write it: the boto3 `update_endpoint(...)` call anywhere in a
//! snippet (a Lambda handler, a notebook cell, a deploy script, a test), with the names it
//! uses resolved from assignments earlier in the snippet (dicts built, then extended), and
//! what the text cannot tell (parameters, environment variables, calls, f-strings, AWS's
//! pseudo-code) kept as placeholders at their paths. Without such a call, a request dict
//! (a test's `expected_params`) or a `DeploymentConfig` dict is imported instead.

pub(crate) mod alarms;
mod expr;
mod lex;

use crate::defaults::Given;
use crate::{Choice, ChoiceOption, Options, Outcome, Refusal};
use designer_core::import::{self as core_import, ImportError, Source};
use designer_core::model::DesignDocument;
use designer_core::value::{Entry, Kind, ParseError, Pos, Value};
use expr::{Arg, DictItem, Expr, ExprKind, Parser};
use lex::{Tok, Token};
use std::cell::RefCell;
use std::collections::HashMap;

/// Member names that mark a text as a request or a deployment configuration.
const SIGNS: &[&str] = &[
    "update_endpoint",
    "EndpointName",
    "EndpointConfigName",
    "DeploymentConfig",
    "BlueGreenUpdatePolicy",
    "RollingUpdatePolicy",
    "AutoRollbackConfiguration",
    "RetainDeploymentConfig",
];

const INPUT_MEMBERS: &[&str] = &[
    "EndpointName",
    "EndpointConfigName",
    "RetainAllVariantProperties",
    "ExcludeRetainedVariantProperties",
    "DeploymentConfig",
    "RetainDeploymentConfig",
];

const DEPLOYMENT_CONFIG_MEMBERS: &[&str] = &[
    "BlueGreenUpdatePolicy",
    "RollingUpdatePolicy",
    "AutoRollbackConfiguration",
];

/// Resolving a name through more names than this stops with a placeholder (and ends cycles
/// such as `a = b; b = a`).
const MAX_HOPS: usize = 24;

/// The deepest value a snippet may build through its names.
const MAX_VALUE_DEPTH: usize = 128;

/// True when `text` looks like Python holding a request or a deployment configuration (or
/// is a Jupyter notebook whose cells do).
pub fn detect(text: &str) -> bool {
    SIGNS.iter().any(|s| text.contains(s))
        || (text.contains("\"nbformat\"") && text.contains("update-endpoint"))
}

/// The code cells of a Jupyter notebook (`.ipynb`, JSON with `cells`), joined in order,
/// with the 1-based line where each cell starts; `None` when `text` is not a notebook.
fn notebook_code(text: &str) -> Option<(String, Vec<u32>)> {
    let body = text.trim_start();
    if !body.starts_with('{') || !body.contains("\"cells\"") {
        return None;
    }
    let v = designer_core::json::parse(text).ok()?;
    let Kind::List(cells) = &v.get("cells")?.kind else {
        return None;
    };
    let mut code = String::new();
    let mut starts = Vec::new();
    for cell in cells {
        if !matches!(cell.get("cell_type").map(|t| &t.kind), Some(Kind::Str(t)) if t == "code") {
            continue;
        }
        let mut source = String::new();
        match cell.get("source").map(|s| &s.kind) {
            Some(Kind::Str(s)) => source.push_str(s),
            Some(Kind::List(lines)) => {
                for l in lines {
                    if let Kind::Str(l) = &l.kind {
                        source.push_str(l);
                    }
                }
            }
            _ => continue,
        }
        starts.push(u32::try_from(code.lines().count() + 1).unwrap_or(u32::MAX));
        code.push_str(&source);
        if !code.ends_with('\n') {
            code.push('\n');
        }
    }
    Some((code, starts))
}

/// True when `text` has an `update_endpoint(` call (a stronger sign than [`detect`]'s).
pub fn has_call(text: &str) -> bool {
    text.contains("update_endpoint(") || text.contains("update_endpoint (")
}

/// Reads `text` onto a copy of `current`.
pub fn import(text: &str, current: &DesignDocument, options: &Options) -> Result<Outcome, Refusal> {
    if let Some((code, starts)) = notebook_code(text) {
        // A notebook cell may run the CLI (`!aws sagemaker update-endpoint ...`).
        let mut outcome = if crate::cli::detect(&code) {
            crate::cli::import(&code, current, options)?
        } else {
            import_python(&code, current, options)?
        };
        outcome.form = format!("{} in a Jupyter notebook", outcome.form);
        outcome.notes.insert(
            0,
            format!(
                "This is a Jupyter notebook: its {} code cells were read one after the other, and the lines named here count from the first code cell.",
                starts.len()
            ),
        );
        return Ok(outcome);
    }
    // A text that is JSON (not a notebook) is not Python: its `true`, `false` and `null`
    // would read as Python names, values to fill in, where the JSON has a wrong type. The
    // core's refusal of it (botocore's words, at its place) stands.
    if designer_core::json::parse(text).is_ok() {
        if let Err(json) = core_import::import_json(text, current) {
            return Err(json.into());
        }
    }
    match import_python(text, current, options) {
        Ok(outcome) => Ok(outcome),
        Err(refusal) => {
            // A text that starts like JSON and fails as Python too: say whichever got
            // further, as that is most likely the language the user wrote.
            let body = text.trim_start();
            if body.starts_with('{') || body.starts_with('[') {
                if let Err(json) = core_import::import_json(text, current) {
                    let place = |e: &ImportError| (e.line.unwrap_or(0), e.column.unwrap_or(0));
                    if place(&json) >= place(&refusal.error) {
                        return Err(json.into());
                    }
                }
            }
            Err(refusal)
        }
    }
}

fn refusal(e: ParseError) -> Refusal {
    ImportError::from(e).into()
}

/// One statement's place in the block structure.
#[derive(Clone, Copy, Debug)]
struct Stmt {
    tok: usize,
    block: Option<usize>,
}

/// A compound statement (`if`, `def`, `try`...) and the block it opens.
#[derive(Clone, Debug)]
struct Block {
    label: String,
    parent: Option<usize>,
    /// `def` or `class`: names inside are another scope.
    scope: bool,
}

/// `name = value` (the value starts at token `rhs`).
#[derive(Clone, Copy, Debug)]
struct Binding {
    tok: usize,
    rhs: usize,
    block: Option<usize>,
}

/// A later change to a dict bound to a name: `cfg["Key"] = value`, `cfg.update(...)`,
/// `del cfg["Key"]`; `tok` is the statement's first token.
#[derive(Clone, Copy, Debug)]
struct Extension {
    tok: usize,
    block: Option<usize>,
}

struct Snippet<'a> {
    text: &'a str,
    toks: Vec<Token>,
    /// For every token, the statement it belongs to.
    stmt_of: Vec<usize>,
    stmts: Vec<Stmt>,
    blocks: Vec<Block>,
    bindings: HashMap<String, Vec<Binding>>,
    extensions: HashMap<String, Vec<Extension>>,
}

const COMPOUND: &[&str] = &[
    "if", "elif", "else", "for", "while", "try", "except", "finally", "with", "def", "class",
    "async", "match", "case",
];

impl<'a> Snippet<'a> {
    fn new(text: &'a str) -> Self {
        let toks = lex::tokenize(text);
        let mut s = Snippet {
            text,
            stmt_of: Vec::with_capacity(toks.len()),
            toks,
            stmts: Vec::new(),
            blocks: Vec::new(),
            bindings: HashMap::new(),
            extensions: HashMap::new(),
        };
        s.index();
        s
    }

    fn tok(&self, i: usize) -> &Tok {
        self.toks.get(i).map_or(&Tok::End, |t| &t.tok)
    }

    fn is_op(&self, i: usize, op: &str) -> bool {
        matches!(self.tok(i), Tok::Op(o) if *o == op)
    }

    fn name(&self, i: usize) -> Option<&str> {
        match self.tok(i) {
            Tok::Name(n) => Some(n),
            _ => None,
        }
    }

    /// The first line of the statement at token `i`, trimmed and cut to a readable length.
    fn line_text(&self, i: usize) -> String {
        let start = self.toks.get(i).map_or(0, |t| t.start);
        let rest = self.text.get(start..).unwrap_or_default();
        let line = rest.lines().next().unwrap_or_default().trim();
        let mut out: String = line.chars().take(72).collect();
        if line.chars().count() > 72 {
            out.push('…');
        }
        out
    }

    /// Finds statements, blocks, assignments and dict extensions in one pass.
    fn index(&mut self) {
        let mut stack: Vec<(u32, usize)> = Vec::new();
        let mut last_block: Option<usize> = None;
        for (k, t) in self.toks.iter().enumerate() {
            if t.stmt {
                let prev = k.checked_sub(1).map(|p| &self.toks[p].tok);
                let block = match prev {
                    Some(Tok::Op(";")) => last_block,
                    Some(Tok::Op(":")) => stack.last().map(|(_, b)| *b),
                    _ => {
                        let indent = t.pos.column;
                        while stack.last().is_some_and(|(i, _)| *i >= indent) {
                            stack.pop();
                        }
                        stack.last().map(|(_, b)| *b)
                    }
                };
                last_block = block;
                let inline = matches!(prev, Some(Tok::Op(";" | ":")));
                if let Tok::Name(n) = &t.tok {
                    if COMPOUND.contains(&n.as_str()) && !inline {
                        let line = self.text.get(t.start..).unwrap_or_default();
                        let line = line.lines().next().unwrap_or_default().trim();
                        let label: String = line.chars().take(72).collect();
                        let scope = matches!(n.as_str(), "def" | "class")
                            || (n == "async"
                                && matches!(self.toks.get(k + 1).map(|t| &t.tok), Some(Tok::Name(d)) if d == "def"));
                        self.blocks.push(Block {
                            label,
                            parent: block,
                            scope,
                        });
                        stack.push((t.pos.column, self.blocks.len() - 1));
                    }
                }
                self.stmts.push(Stmt { tok: k, block });
            }
            self.stmt_of.push(self.stmts.len().saturating_sub(1));
        }
        for si in 0..self.stmts.len() {
            let Stmt { tok: k, block } = self.stmts[si];
            self.index_statement(k, block);
        }
    }

    fn index_statement(&mut self, k: usize, block: Option<usize>) {
        let Some(name) = self.name(k).map(str::to_string) else {
            return;
        };
        if name == "del" {
            if let Some(target) = self.name(k + 1).map(str::to_string) {
                if self.is_op(k + 2, "[") {
                    self.extensions
                        .entry(target)
                        .or_default()
                        .push(Extension { tok: k, block });
                }
            }
            return;
        }
        // `a = b = {...}`: every name before an `=` is bound to the last value.
        let mut names = vec![(name.clone(), k)];
        let mut i = k + 1;
        if self.is_op(i, "=") {
            while let (Some(n), true) = (self.name(i + 1), self.is_op(i + 2, "=")) {
                names.push((n.to_string(), i + 1));
                i += 2;
            }
            for (n, at) in names {
                self.bindings.entry(n).or_default().push(Binding {
                    tok: at,
                    rhs: i + 1,
                    block,
                });
            }
            return;
        }
        if self.is_op(i, ":") {
            // `name: Type = value`
            let mut j = i + 1;
            while !self.toks.get(j).is_none_or(|t| t.stmt) {
                if self.is_op(j, "=") {
                    self.bindings.entry(name).or_default().push(Binding {
                        tok: k,
                        rhs: j + 1,
                        block,
                    });
                    return;
                }
                j = match self.toks.get(j).and_then(|t| t.close) {
                    Some(c) => c + 1,
                    None => j + 1,
                };
            }
            return;
        }
        if self.is_op(i, "[") {
            while self.is_op(i, "[") {
                match self.toks.get(i).and_then(|t| t.close) {
                    Some(c) => i = c + 1,
                    None => return,
                }
            }
            if self.is_op(i, "=") {
                self.extensions
                    .entry(name)
                    .or_default()
                    .push(Extension { tok: k, block });
            }
            return;
        }
        if self.is_op(i, ".") && self.name(i + 1) == Some("update") && self.is_op(i + 2, "(") {
            self.extensions
                .entry(name)
                .or_default()
                .push(Extension { tok: k, block });
        }
    }

    fn block_of(&self, tok: usize) -> Option<usize> {
        self.stmt_of
            .get(tok)
            .and_then(|s| self.stmts.get(*s))
            .and_then(|s| s.block)
    }

    /// True when block `a` is `b` or encloses it.
    fn encloses(&self, a: Option<usize>, b: Option<usize>) -> bool {
        let Some(a) = a else {
            return true;
        };
        let mut cur = b;
        let mut hops = 0;
        while let Some(c) = cur {
            if c == a {
                return true;
            }
            hops += 1;
            if hops > 10_000 {
                return false;
            }
            cur = self.blocks.get(c).and_then(|b| b.parent);
        }
        false
    }

    /// True when `block` sits in a `def` or `class` that does not enclose `use_block`.
    fn foreign_scope(&self, block: Option<usize>, use_block: Option<usize>) -> bool {
        let mut cur = block;
        let mut hops = 0;
        while let Some(c) = cur {
            let Some(b) = self.blocks.get(c) else {
                return false;
            };
            if b.scope && !self.encloses(Some(c), use_block) {
                return true;
            }
            hops += 1;
            if hops > 10_000 {
                return false;
            }
            cur = b.parent;
        }
        false
    }

    fn label(&self, binding: &Binding) -> String {
        match binding.block.and_then(|b| self.blocks.get(b)) {
            Some(b) if !b.scope => b.label.clone(),
            _ => self.line_text(binding.tok),
        }
    }

    fn expr_at(&self, i: usize) -> Result<(Expr, usize), ParseError> {
        let mut p = Parser::new(&self.toks, i);
        let e = p.expr(0)?;
        Ok((e, p.i))
    }

    /// The expression as written, on one line.
    fn written(&self, e: &Expr) -> String {
        let raw = self.text.get(e.start..e.end).unwrap_or_default();
        let mut out = String::with_capacity(raw.len().min(200));
        let mut space = false;
        for c in raw.chars() {
            if c.is_whitespace() {
                space = true;
                continue;
            }
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
            if out.len() > 200 {
                out.push('…');
                break;
            }
        }
        out
    }
}

/// The work of one import: the snippet, the user's picks, and what is learnt on the way.
struct Resolver<'s, 'a> {
    s: &'s Snippet<'a>,
    options: &'s Options,
    choices: RefCell<Vec<Choice>>,
    notes: RefCell<Vec<String>>,
    /// How deeply `value` is nested now.
    depth: std::cell::Cell<usize>,
    /// The defaults of the environment variables that placeholders read.
    given: RefCell<Vec<Given>>,
}

impl Resolver<'_, '_> {
    fn note(&self, n: String) {
        let mut notes = self.notes.borrow_mut();
        if !notes.contains(&n) {
            notes.push(n);
        }
    }

    fn placeholder(&self, e: &Expr) -> Value {
        if let Some(g) = environment_default(self.s, e) {
            let mut given = self.given.borrow_mut();
            if !given.contains(&g) {
                given.push(g);
            }
        }
        Value {
            pos: e.pos,
            kind: Kind::Placeholder(self.s.written(e)),
        }
    }

    /// The value of `e`, as read at token `at` (which decides what earlier names mean).
    fn value(&self, e: &Expr, at: usize, hops: usize) -> Result<Value, ParseError> {
        // Names can nest dicts in dicts beyond what one literal may (64 levels each): the
        // whole value is kept within a depth the stack holds.
        let depth = self.depth.get();
        if depth >= MAX_VALUE_DEPTH {
            return Err(ParseError::new(
                e.pos,
                format!("the value nests deeper than {MAX_VALUE_DEPTH} levels through the names it uses"),
            ));
        }
        self.depth.set(depth + 1);
        let result = self.value_inner(e, at, hops);
        self.depth.set(depth);
        result
    }

    fn value_inner(&self, e: &Expr, at: usize, hops: usize) -> Result<Value, ParseError> {
        let kind = match &e.kind {
            // AWS's request syntax writes 'string' where a value goes.
            ExprKind::Lit(Kind::Str(s)) if s == "string" => return Ok(self.placeholder(e)),
            ExprKind::Lit(k) => k.clone(),
            ExprKind::Dict(items) => Kind::Map(self.dict(items, at, hops)?),
            ExprKind::List(items) => {
                let mut out = Vec::with_capacity(items.len());
                for item in items {
                    out.push(self.value(item, at, hops)?);
                }
                Kind::List(out)
            }
            ExprKind::Name(n) => return self.name(n, e, at, hops),
            ExprKind::Call { callee, args } => {
                let callee_name = callee.dotted().unwrap_or_default();
                match (callee_name.as_str(), args.as_slice()) {
                    ("copy.deepcopy" | "deepcopy" | "copy.copy" | "dict", [Arg::Positional(x)]) => {
                        return self.value(x, at, hops)
                    }
                    ("dict", _) => Kind::Map(self.kwargs(args, at, hops, None)?),
                    _ => return Ok(self.placeholder(e)),
                }
            }
            ExprKind::Subscript { base, index } => {
                let b = self.value(base, at, hops)?;
                let i = self.value(index, at, hops)?;
                match (&b.kind, &i.kind) {
                    (Kind::List(items), Kind::Int { value: Some(n), .. }) => {
                        let at = if *n < 0 {
                            items.len().checked_sub(n.unsigned_abs() as usize)
                        } else {
                            usize::try_from(*n).ok()
                        };
                        match at.and_then(|k| items.get(k)) {
                            Some(x) => return Ok(x.clone()),
                            None => return Ok(self.placeholder(e)),
                        }
                    }
                    (Kind::Map(entries), Kind::Str(key)) => {
                        match entries.iter().rev().find(|x| &x.key == key) {
                            Some(x) => return Ok(x.value.clone()),
                            None => return Ok(self.placeholder(e)),
                        }
                    }
                    _ => return Ok(self.placeholder(e)),
                }
            }
            ExprKind::Attr { .. } | ExprKind::Opaque => return Ok(self.placeholder(e)),
        };
        Ok(Value { pos: e.pos, kind })
    }

    fn dict(&self, items: &[DictItem], at: usize, hops: usize) -> Result<Vec<Entry>, ParseError> {
        let mut out: Vec<Entry> = Vec::with_capacity(items.len());
        for item in items {
            match item {
                DictItem::Pair { key, value } => {
                    let k = self.value(key, at, hops)?;
                    let Kind::Str(name) = k.kind else {
                        return Err(ParseError::new(
                            key.pos,
                            format!(
                                "the dict key `{}` is computed when the code runs; write the member name as a string, like 'EndpointName'",
                                self.s.written(key)
                            ),
                        ));
                    };
                    let v = self.value(value, at, hops)?;
                    set(&mut out, name, key.pos, v);
                }
                DictItem::Spread(x) => self.spread(&mut out, x, at, hops)?,
            }
        }
        Ok(out)
    }

    /// `**x` in a dict or a call: its members when the text gives them.
    fn spread(
        &self,
        out: &mut Vec<Entry>,
        x: &Expr,
        at: usize,
        hops: usize,
    ) -> Result<(), ParseError> {
        let v = self.value(x, at, hops)?;
        match v.kind {
            Kind::Map(entries) => {
                for e in entries {
                    set(out, e.key, e.key_pos, e.value);
                }
            }
            _ => self.note(format!(
                "`**{}` at {} adds members this snippet does not show; they are not imported.",
                self.s.written(x),
                x.pos
            )),
        }
        Ok(())
    }

    fn kwargs(
        &self,
        args: &[Arg],
        at: usize,
        hops: usize,
        callee: Option<&str>,
    ) -> Result<Vec<Entry>, ParseError> {
        let mut out = Vec::new();
        for a in args {
            match a {
                Arg::Keyword { name, pos, value } => {
                    let v = self.value(value, at, hops)?;
                    set(&mut out, name.clone(), *pos, v);
                }
                Arg::Spread(x) => self.spread(&mut out, x, at, hops)?,
                Arg::Positional(x) | Arg::Star(x) => {
                    let callee = callee.unwrap_or("dict");
                    return Err(ParseError::new(
                        x.pos,
                        format!(
                            "{callee}(...) takes keyword arguments only, like EndpointName='my-endpoint'; found `{}`",
                            self.s.written(x)
                        ),
                    ));
                }
            }
        }
        Ok(out)
    }

    /// The value a name has at token `at`: its assignment in the snippet (the user's pick
    /// when branches assign it differently), with the dict extensions that follow it.
    fn name(&self, n: &str, e: &Expr, at: usize, hops: usize) -> Result<Value, ParseError> {
        if hops >= MAX_HOPS {
            return Ok(self.placeholder(e));
        }
        let s = self.s;
        let use_block = s.block_of(at);
        let all: Vec<&Binding> = s
            .bindings
            .get(n)
            .map(|v| {
                v.iter()
                    .filter(|b| !s.foreign_scope(b.block, use_block) && b.tok != at)
                    .collect()
            })
            .unwrap_or_default();
        let before: Vec<&Binding> = all.iter().copied().filter(|b| b.tok < at).collect();
        let pool = if before.is_empty() { all } else { before };
        if pool.is_empty() {
            if let Some(python) = python_spelling(n) {
                self.note(format!(
                    "`{n}` at line {}, column {} is JSON's spelling, not Python's ({python}): the script would stop there with a NameError. It is left as a value to fill in.",
                    e.pos.line, e.pos.column
                ));
            }
            return Ok(self.placeholder(e));
        }
        // The last assignment that surely runs before the use, and those in branches after it.
        let from = pool
            .iter()
            .rposition(|b| s.encloses(b.block, use_block))
            .unwrap_or(0);
        let options: Vec<&Binding> = pool.get(from..).unwrap_or_default().to_vec();
        let chosen = if options.len() > 1 {
            self.choose(n, &options)
        } else {
            0
        };
        let Some(binding) = options.get(chosen).copied() else {
            return Ok(self.placeholder(e));
        };
        let (rhs, _) = s.expr_at(binding.rhs)?;
        let mut value = self.value(&rhs, binding.rhs, hops + 1)?;
        self.extend(n, &mut value, binding, at, hops)?;
        Ok(value)
    }

    fn choose(&self, n: &str, options: &[&Binding]) -> usize {
        let s = self.s;
        let picked = self
            .options
            .choices
            .iter()
            .find(|(name, _)| name == n)
            .map_or(0, |(_, i)| (*i).min(options.len() - 1));
        let choice = Choice {
            name: n.to_string(),
            question: None,
            options: options
                .iter()
                .map(|b| ChoiceOption {
                    line: s.toks.get(b.tok).map_or(0, |t| t.pos.line),
                    label: s.label(b),
                })
                .collect(),
            chosen: picked,
        };
        let lines: Vec<String> = choice
            .options
            .iter()
            .map(|o| format!("line {} (`{}`)", o.line, o.label))
            .collect();
        let chosen_line = choice.options.get(picked).map_or(0, |o| o.line);
        let mut choices = self.choices.borrow_mut();
        if !choices.iter().any(|c| c.name == n) {
            self.note(format!(
                "`{n}` is assigned in {} places: {}. This import used the one at line {chosen_line}; choose another to import it instead.",
                options.len(),
                crate::cli::listed(&lines)
            ));
            choices.push(choice);
        }
        picked
    }

    /// Applies `name[...] = v`, `name.update(...)` and `del name[...]` written after the
    /// binding and before the use.
    fn extend(
        &self,
        n: &str,
        value: &mut Value,
        binding: &Binding,
        at: usize,
        hops: usize,
    ) -> Result<(), ParseError> {
        let s = self.s;
        let Some(exts) = s.extensions.get(n) else {
            return Ok(());
        };
        // Changes made only in a branch, by block: (block, lines).
        let mut conditional: Vec<(usize, Vec<u32>)> = Vec::new();
        for x in exts {
            let in_range = x.tok > binding.tok && (x.tok < at || binding.tok > at);
            if !in_range || s.foreign_scope(x.block, s.block_of(at)) {
                continue;
            }
            if let (Some(b), false) = (
                x.block,
                s.encloses(x.block, s.block_of(at)) || s.encloses(x.block, binding.block),
            ) {
                let line = s.toks.get(x.tok).map_or(0, |t| t.pos.line);
                match conditional.iter_mut().find(|(cb, _)| *cb == b) {
                    Some((_, lines)) => lines.push(line),
                    None => conditional.push((b, vec![line])),
                }
            }
            self.apply(value, x.tok, at, hops)?;
        }
        for (b, lines) in conditional {
            let label = s.blocks.get(b).map_or(String::new(), |b| b.label.clone());
            let lines: Vec<String> = lines.iter().map(u32::to_string).collect();
            let (word, verb) = if lines.len() == 1 {
                ("Line", "changes")
            } else {
                ("Lines", "change")
            };
            self.note(format!(
                "{word} {} {verb} `{n}` only under `{label}`; the import includes {}.",
                crate::cli::listed(&lines),
                if lines.len() == 1 {
                    "that change"
                } else {
                    "those changes"
                }
            ));
        }
        Ok(())
    }

    fn apply(&self, value: &mut Value, k: usize, at: usize, hops: usize) -> Result<(), ParseError> {
        let s = self.s;
        let mut p = Parser::new(&s.toks, k);
        let del = s.name(k) == Some("del");
        if del {
            p.bump();
        }
        p.bump(); // the name
        if p.is_op(0, ".") {
            // name.update({...}) or name.update(Key=...)
            p.bump();
            p.bump();
            p.bump();
            let args = p.args(1)?;
            let mut entries = Vec::new();
            for a in &args {
                match a {
                    Arg::Positional(x) => self.spread(&mut entries, x, at, hops + 1)?,
                    _ => entries.extend(self.kwargs(
                        std::slice::from_ref(a),
                        at,
                        hops + 1,
                        Some("update"),
                    )?),
                }
            }
            if let Kind::Map(target) = &mut value.kind {
                for e in entries {
                    set(target, e.key, e.key_pos, e.value);
                }
            }
            return Ok(());
        }
        let mut keys: Vec<(String, Pos)> = Vec::new();
        while p.is_op(0, "[") {
            p.bump();
            let key = p.expr(1)?;
            let kv = self.value(&key, at, hops + 1)?;
            let Kind::Str(name) = kv.kind else {
                // A key only the running code knows: the change cannot be placed.
                self.note(format!(
                    "Line {} sets a member whose name `{}` is computed when the code runs; it is not imported.",
                    key.pos.line,
                    s.written(&key)
                ));
                return Ok(());
            };
            keys.push((name, key.pos));
            if !p.is_op(0, "]") {
                return Err(p.err(format!("expected ']', found {}", p.describe(0))));
            }
            p.bump();
        }
        let new = if del {
            None
        } else {
            p.bump(); // '='
            let (rhs, _) = s.expr_at(p.i)?;
            Some(self.value(&rhs, p.i, hops + 1)?)
        };
        set_path(value, &keys, new);
        Ok(())
    }
}

/// Sets `key` in `entries` (a later value replaces an earlier one, as in Python).
fn set(entries: &mut Vec<Entry>, key: String, key_pos: Pos, value: Value) {
    if let Some(e) = entries.iter_mut().find(|e| e.key == key) {
        e.value = value;
        e.key_pos = key_pos;
    } else {
        entries.push(Entry {
            key,
            key_pos,
            value,
        });
    }
}

/// Sets (or with `None` removes) the member at `keys` below `value`, creating dicts on the way.
fn set_path(value: &mut Value, keys: &[(String, Pos)], new: Option<Value>) {
    let Some(((key, pos), rest)) = keys.split_first() else {
        return;
    };
    let Kind::Map(entries) = &mut value.kind else {
        return;
    };
    if rest.is_empty() {
        match new {
            Some(v) => set(entries, key.clone(), *pos, v),
            None => entries.retain(|e| &e.key != key),
        }
        return;
    }
    if !entries.iter().any(|e| &e.key == key) {
        entries.push(Entry {
            key: key.clone(),
            key_pos: *pos,
            value: Value {
                pos: *pos,
                kind: Kind::Map(Vec::new()),
            },
        });
    }
    if let Some(e) = entries.iter_mut().find(|e| &e.key == key) {
        set_path(&mut e.value, rest, new);
    }
}

/// An `update_endpoint(` call in the text.
struct Call {
    /// The `update_endpoint` name token.
    tok: usize,
    receiver: String,
    args: Vec<Arg>,
    pos: Pos,
}

impl Call {
    /// The SageMaker Python SDK's `Predictor.update_endpoint` and `Session.update_endpoint`
    /// take snake_case arguments (or positional ones, on a session).
    fn is_sdk(&self) -> bool {
        let snake = self.args.iter().any(
            |a| matches!(a, Arg::Keyword { name, .. } if name.starts_with(|c: char| c.is_ascii_lowercase())),
        );
        let pascal = self.args.iter().any(
            |a| matches!(a, Arg::Keyword { name, .. } if INPUT_MEMBERS.contains(&name.as_str())),
        );
        let receiver = self.receiver.to_ascii_lowercase();
        snake || (!pascal && (receiver.contains("predictor") || receiver.contains("sess")))
    }

    /// The SDK's `Session.update_endpoint(endpoint_name, endpoint_config_name, wait=True)`:
    /// a session receiver, or its argument names.
    fn is_session(&self) -> bool {
        let named = self.args.iter().any(
            |a| matches!(a, Arg::Keyword { name, .. } if name == "endpoint_name" || name == "endpoint_config_name"),
        );
        let receiver = self.receiver.to_ascii_lowercase();
        !receiver.contains("predictor") && (receiver.contains("sess") || named)
    }

    /// `Session.update_endpoint`'s names as the request's members.
    fn session_request(&self, r: &Resolver) -> Result<Vec<Entry>, ParseError> {
        let mut out = Vec::new();
        let mut positional = 0;
        for a in &self.args {
            let (member, value, pos) = match a {
                Arg::Positional(x) => {
                    positional += 1;
                    match positional {
                        1 => ("EndpointName", x, x.pos),
                        2 => ("EndpointConfigName", x, x.pos),
                        _ => continue,
                    }
                }
                Arg::Keyword { name, value, pos } if name == "endpoint_name" => {
                    ("EndpointName", value, *pos)
                }
                Arg::Keyword { name, value, pos } if name == "endpoint_config_name" => {
                    ("EndpointConfigName", value, *pos)
                }
                _ => continue,
            };
            let v = r.value(value, self.tok, 0)?;
            set(&mut out, member.to_string(), pos, v);
        }
        Ok(out)
    }
}

fn find_calls(s: &Snippet, callee: &str) -> Result<Vec<Call>, ParseError> {
    let mut out = Vec::new();
    for (k, t) in s.toks.iter().enumerate() {
        if !matches!(&t.tok, Tok::Name(n) if n == callee) || !s.is_op(k + 1, "(") {
            continue;
        }
        // `def update_endpoint(...)` defines a wrapper; it is not the call.
        if k.checked_sub(1).is_some_and(|p| s.name(p) == Some("def")) {
            continue;
        }
        let receiver = if k >= 2 && s.is_op(k - 1, ".") {
            s.name(k - 2).unwrap_or_default().to_string()
        } else {
            String::new()
        };
        let mut p = Parser::new(&s.toks, k + 2);
        let args = p.args(1)?;
        out.push(Call {
            tok: k,
            receiver,
            args,
            pos: t.pos,
        });
    }
    Ok(out)
}

fn import_python(
    text: &str,
    current: &DesignDocument,
    options: &Options,
) -> Result<Outcome, Refusal> {
    let s = Snippet::new(text);
    let r = Resolver {
        s: &s,
        options,
        choices: RefCell::new(Vec::new()),
        notes: RefCell::new(Vec::new()),
        depth: std::cell::Cell::new(0),
        given: RefCell::new(Vec::new()),
    };
    let calls = find_calls(&s, "update_endpoint").map_err(refusal)?;
    let (boto3, sdk): (Vec<&Call>, Vec<&Call>) = calls.iter().partition(|c| !c.is_sdk());
    let (request, form) = if let Some(call) = pick_call(&r, &boto3) {
        let entries = r
            .kwargs(&call.args, call.tok, 0, Some("update_endpoint"))
            .map_err(refusal)?;
        if entries.is_empty() {
            if let Some(Arg::Spread(x)) = call.args.iter().find(|a| matches!(a, Arg::Spread(_))) {
                return Err(refusal(ParseError::new(
                    x.pos,
                    format!(
                        "`**{}` unpacks a dict this snippet does not build: paste the code that builds it, or the request itself",
                        s.written(x)
                    ),
                )));
            }
        }
        retained_note(&r, &entries, call)?;
        let request = Value {
            pos: call.pos,
            kind: Kind::Map(entries),
        };
        (request, "a boto3 `update_endpoint` call".to_string())
    } else if let Some(call) = sdk.iter().find(|c| c.is_session()) {
        let entries = call.session_request(&r).map_err(refusal)?;
        let receiver = if call.receiver.is_empty() {
            "session"
        } else {
            call.receiver.as_str()
        };
        r.note(format!(
            "`{receiver}.update_endpoint(...)` at {} is the SageMaker Python SDK's `Session.update_endpoint(endpoint_name, endpoint_config_name)`, which sends UpdateEndpoint with no deployment policy; the import has its names only. To design the policy, set it here, or paste the boto3 `update_endpoint` call with its `DeploymentConfig`.",
            call.pos
        ));
        let request = Value {
            pos: call.pos,
            kind: Kind::Map(entries),
        };
        (
            request,
            "a SageMaker Python SDK `Session.update_endpoint` call".to_string(),
        )
    } else if let Some(sdk_call) = sdk.first() {
        let what = sdk_words(sdk_call);
        match deployment_config_dict(&r).map_err(refusal)? {
            Some(config) => {
                r.note(format!(
                    "{what} This import took the `DeploymentConfig` dict the snippet builds at line {}; to import the whole request, paste the boto3 `update_endpoint` call.",
                    config.pos.line
                ));
                (wrap_config(config), "a Python `DeploymentConfig` dict".to_string())
            }
            None => {
                return Err(refusal(ParseError::new(
                    sdk_call.pos,
                    format!("{what} Paste the boto3 call (`sagemaker_client.update_endpoint(EndpointName=..., EndpointConfigName=..., DeploymentConfig=...)`) or the `DeploymentConfig` dict instead."),
                )))
            }
        }
    } else if let Some((request, form)) = request_dict(&r).map_err(refusal)? {
        (request, form)
    } else if let Some(config) = deployment_config_dict(&r).map_err(refusal)? {
        (
            wrap_config(config),
            "a Python `DeploymentConfig` dict".to_string(),
        )
    } else {
        return Err(refusal(ParseError::new(
            Pos::START,
            "found no `update_endpoint(` call, no request dict (with 'EndpointName' or 'DeploymentConfig') and no `DeploymentConfig` dict (with 'BlueGreenUpdatePolicy', 'RollingUpdatePolicy' or 'AutoRollbackConfiguration') in the text",
        )));
    };
    let document = core_import::request_into(&request, Source::Python, current)?;
    // The snippet's `put_metric_alarm` calls, read with the same names (`alarms.rs`).
    let alarms = alarms::find(&r);
    // AWS's documentation writes the request with stand-ins for the values.
    let syntax = document
        .placeholders
        .iter()
        .filter(|p| is_request_syntax(&p.expression))
        .count();
    if syntax > 0 {
        r.note(format!(
            "This is AWS's request syntax: {syntax} of its values ('string', 'A'|'B', True|False and the like) are stand-ins, kept as placeholders to fill in."
        ));
    }
    let mut outcome = Outcome {
        document,
        form,
        notes: r.notes.into_inner(),
        choices: r.choices.into_inner(),
    };
    crate::cloudwatch::attach(alarms, current, &mut outcome);
    crate::defaults::offer_and_say(
        &mut outcome,
        &r.given.into_inner(),
        options,
        "Defaults the script gives its environment variables, for the values to fill in",
    );
    Ok(outcome)
}

/// The default of an environment variable that `e` reads, when the script gives one as a
/// literal: `os.environ.get("NAME", "x")`, `os.getenv("NAME", "x")` (or `environ.get`,
/// `getenv` imported bare), as it is or converted by `int(...)`, `float(...)` or `str(...)`.
fn environment_default(s: &Snippet, e: &Expr) -> Option<Given> {
    let (inner, convert) = match &e.kind {
        ExprKind::Call { callee, args } => match (callee.dotted(), args.as_slice()) {
            (Some(c), [Arg::Positional(x)]) if matches!(c.as_str(), "int" | "float" | "str") => {
                (x, Some(c))
            }
            _ => (e, None),
        },
        _ => (e, None),
    };
    let ExprKind::Call { callee, args } = &inner.kind else {
        return None;
    };
    let getter = callee.dotted()?;
    if !matches!(getter.as_str(), "os.environ.get" | "environ.get" | "os.getenv" | "getenv") {
        return None;
    }
    let [Arg::Positional(name), Arg::Positional(default)] = args.as_slice() else {
        return None;
    };
    let (ExprKind::Lit(Kind::Str(variable)), ExprKind::Lit(value)) = (&name.kind, &default.kind) else {
        return None;
    };
    let value = match (convert.as_deref(), value) {
        (None, v @ (Kind::Str(_) | Kind::Int { .. } | Kind::Float { .. } | Kind::Bool(_))) => v.clone(),
        (Some("str"), Kind::Str(t)) => Kind::Str(t.clone()),
        (Some("int"), Kind::Str(t)) => match t.trim().parse::<i64>() {
            Ok(n) => Kind::Int { text: n.to_string(), value: Some(n) },
            Err(_) => return None,
        },
        (Some("int"), v @ Kind::Int { .. }) => v.clone(),
        (Some("float"), Kind::Str(t) | Kind::Int { text: t, .. } | Kind::Float { text: t, .. }) => {
            let f = t.trim().parse::<f64>().ok().filter(|f| f.is_finite())?;
            Kind::Float { text: t.trim().to_string(), value: Some(f) }
        }
        _ => return None,
    };
    Some(Given::environment(variable, &s.written(e), value))
}

/// `'string'`, `True|False`, `'A'|'B'|'C'` (with an optional ` (default)`): the
/// documentation's stand-ins rather than code.
fn is_request_syntax(expr: &str) -> bool {
    if expr == "'string'" || expr == "True|False" {
        return true;
    }
    let e = expr.trim_end_matches("(default)").trim_end();
    e.contains('|')
        && e.split('|').all(|part| {
            let p = part.trim();
            p.len() >= 2
                && p.starts_with('\'')
                && p.ends_with('\'')
                && !p[1..p.len() - 1].contains('\'')
        })
}

fn sdk_words(call: &Call) -> String {
    let receiver = if call.receiver.is_empty() {
        "predictor".to_string()
    } else {
        call.receiver.clone()
    };
    format!(
        "`{receiver}.update_endpoint(...)` at {} is the SageMaker Python SDK's `Predictor.update_endpoint`, a different API from boto3's `update_endpoint`: it makes a new endpoint config from arguments such as `initial_instance_count`, `instance_type` and `model_name`, and takes no deployment policy.",
        call.pos
    )
}

fn wrap_config(config: Value) -> Value {
    let pos = config.pos;
    Value {
        pos,
        kind: Kind::Map(vec![Entry {
            key: "DeploymentConfig".to_string(),
            key_pos: pos,
            value: config,
        }]),
    }
}

/// The call to import when there are several: the user's pick, else the first.
fn pick_call<'c>(r: &Resolver, calls: &[&'c Call]) -> Option<&'c Call> {
    const NAME: &str = "update_endpoint";
    let picked = if calls.len() > 1 {
        let picked = r
            .options
            .choices
            .iter()
            .find(|(n, _)| n == NAME)
            .map_or(0, |(_, i)| (*i).min(calls.len() - 1));
        let options: Vec<ChoiceOption> = calls
            .iter()
            .map(|c| {
                let block = r.s.block_of(c.tok).and_then(|b| r.s.blocks.get(b));
                let label = match block {
                    Some(b) if !b.scope => b.label.clone(),
                    _ => r.s.line_text(c.tok.saturating_sub(2)),
                };
                ChoiceOption {
                    line: c.pos.line,
                    label,
                }
            })
            .collect();
        let lines: Vec<String> = options.iter().map(|o| o.line.to_string()).collect();
        r.note(format!(
            "The snippet calls `update_endpoint` {} times (lines {}). This import used the call at line {}; choose another to import it instead.",
            calls.len(),
            crate::cli::listed(&lines),
            options.get(picked).map_or(0, |o| o.line)
        ));
        r.choices.borrow_mut().push(Choice {
            name: NAME.to_string(),
            question: None,
            options,
            chosen: picked,
        });
        picked
    } else {
        0
    };
    calls.get(picked).copied()
}

/// With `RetainDeploymentConfig=True`, says which config the endpoint keeps: the one a
/// `create_endpoint` call in the snippet gave it.
fn retained_note(r: &Resolver, entries: &[Entry], call: &Call) -> Result<(), Refusal> {
    let retained = entries
        .iter()
        .any(|e| e.key == "RetainDeploymentConfig" && e.value.kind == Kind::Bool(true));
    if !retained {
        return Ok(());
    }
    let creates = find_calls(r.s, "create_endpoint").unwrap_or_default();
    let with_config = creates.iter().find(|c| {
        c.args
            .iter()
            .any(|a| matches!(a, Arg::Keyword { name, .. } if name == "DeploymentConfig"))
    });
    let Some(create) = with_config else {
        return Ok(());
    };
    let summary = create
        .args
        .iter()
        .find_map(|a| match a {
            Arg::Keyword { name, value, .. } if name == "DeploymentConfig" => Some(value),
            _ => None,
        })
        .and_then(|v| r.value(v, create.tok, 0).ok())
        .map(|v| describe_config(&v))
        .unwrap_or_default();
    r.note(format!(
        "`RetainDeploymentConfig=True` at line {} keeps the deployment configuration the endpoint already has: in this snippet, the `DeploymentConfig` of the `create_endpoint` call at line {}{summary}. The imported update does not repeat it; paste that `DeploymentConfig` to design it here.",
        call.pos.line, create.pos.line
    ));
    Ok(())
}

/// A few words on a config's policy, e.g. " (a blue/green CANARY policy)".
fn describe_config(v: &Value) -> String {
    if let Some(bg) = v.get("BlueGreenUpdatePolicy") {
        let t = bg
            .get("TrafficRoutingConfiguration")
            .and_then(|t| t.get("Type"))
            .and_then(|t| match &t.kind {
                Kind::Str(s) => Some(s.clone()),
                _ => None,
            });
        return match t {
            Some(t) => format!(" (a blue/green {t} policy)"),
            None => " (a blue/green policy)".to_string(),
        };
    }
    if v.get("RollingUpdatePolicy").is_some() {
        return " (a rolling policy)".to_string();
    }
    String::new()
}

/// Starts of dict literals whose first key is one of `members`, outermost only.
fn dict_starts(s: &Snippet, members: &[&str]) -> Vec<usize> {
    let mut out = Vec::new();
    let mut skip_to = 0;
    for k in 0..s.toks.len() {
        if k < skip_to || !s.is_op(k, "{") || !s.is_op(k + 2, ":") {
            continue;
        }
        if matches!(s.tok(k + 1), Tok::Str { value, .. } if members.contains(&value.as_str())) {
            out.push(k);
            skip_to = s.toks.get(k).and_then(|t| t.close).unwrap_or(s.toks.len());
        }
    }
    out
}

fn dict_keys(e: &Expr) -> Option<Vec<String>> {
    let ExprKind::Dict(items) = &e.kind else {
        return None;
    };
    let mut keys = Vec::new();
    for i in items {
        match i {
            DictItem::Pair { key, .. } => match &key.kind {
                ExprKind::Lit(Kind::Str(k)) => keys.push(k.clone()),
                _ => return None,
            },
            DictItem::Spread(_) => {}
        }
    }
    Some(keys)
}

/// A request written as a dict (a test's expected parameters, a returned kwargs dict) or
/// as the keyword arguments of another call (`assert_called_once_with(...)`): the one with
/// the most members.
fn request_dict(r: &Resolver) -> Result<Option<(Value, String)>, ParseError> {
    let s = r.s;
    let mut best: Option<(usize, usize, Option<String>)> = None; // (members, token, callee)
    for k in dict_starts(s, INPUT_MEMBERS) {
        // A broken request dict is the user's mistake to hear about.
        let (e, _) = s.expr_at(k)?;
        if let Some(keys) = dict_keys(&e) {
            if keys.iter().all(|k| INPUT_MEMBERS.contains(&k.as_str()))
                && best.as_ref().is_none_or(|b| keys.len() > b.0)
            {
                best = Some((keys.len(), k, None));
            }
        }
    }
    // Calls whose keyword arguments are all request members.
    for (k, t) in s.toks.iter().enumerate() {
        let Tok::Name(callee) = &t.tok else { continue };
        if !s.is_op(k + 1, "(")
            || !matches!(s.tok(k + 2), Tok::Name(n) if INPUT_MEMBERS.contains(&n.as_str()))
            || !s.is_op(k + 3, "=")
        {
            continue;
        }
        let mut p = Parser::new(&s.toks, k + 2);
        let Ok(args) = p.args(1) else { continue };
        let all = args.iter().all(
            |a| matches!(a, Arg::Keyword { name, .. } if INPUT_MEMBERS.contains(&name.as_str())),
        );
        if all && best.as_ref().is_none_or(|b| args.len() > b.0) {
            best = Some((args.len(), k, Some(callee.clone())));
        }
    }
    let Some((_, k, callee)) = best else {
        return Ok(None);
    };
    match callee {
        None => {
            let (e, _) = s.expr_at(k)?;
            let v = r.value(&e, k, 0)?;
            Ok(Some((v, "a Python request dict".to_string())))
        }
        Some(callee) => {
            let mut p = Parser::new(&s.toks, k + 2);
            let args = p.args(1)?;
            let entries = r.kwargs(&args, k, 0, Some(&callee))?;
            let pos = s.toks.get(k).map_or(Pos::START, |t| t.pos);
            Ok(Some((
                Value {
                    pos,
                    kind: Kind::Map(entries),
                },
                format!("the request's keyword arguments in a `{callee}(...)` call"),
            )))
        }
    }
}

/// The `DeploymentConfig` dict the snippet builds (the largest), read through the name it
/// is assigned to, so that later extensions count.
fn deployment_config_dict(r: &Resolver) -> Result<Option<Value>, ParseError> {
    let s = r.s;
    let mut best: Option<(usize, usize)> = None;
    for k in dict_starts(s, DEPLOYMENT_CONFIG_MEMBERS) {
        let (e, _) = s.expr_at(k)?;
        if let Some(keys) = dict_keys(&e) {
            if keys
                .iter()
                .all(|k| DEPLOYMENT_CONFIG_MEMBERS.contains(&k.as_str()))
                && best.is_none_or(|b| keys.len() > b.0)
            {
                best = Some((keys.len(), k));
            }
        }
    }
    let Some((_, k)) = best else {
        return Ok(None);
    };
    // `name = {...}`: read the name at the end of its block (the end of the function that
    // builds it, or of the snippet), so that its later extensions apply.
    if k >= 2 && s.is_op(k - 1, "=") && s.toks.get(k - 2).is_some_and(|t| t.stmt) {
        if let Some(n) = s.name(k - 2) {
            let block = s.block_of(k);
            let last = (k..s.toks.len())
                .rev()
                .find(|&t| s.encloses(block, s.block_of(t)))
                .unwrap_or(s.toks.len());
            let e = Expr {
                kind: ExprKind::Name(n.to_string()),
                pos: s.toks.get(k - 2).map_or(Pos::START, |t| t.pos),
                start: s.toks.get(k - 2).map_or(0, |t| t.start),
                end: s.toks.get(k - 2).map_or(0, |t| t.end),
            };
            return r.value(&e, last, 0).map(Some);
        }
    }
    let (e, _) = s.expr_at(k)?;
    r.value(&e, k, 0).map(Some)
}

/// Python's spelling of a JSON constant written where Python code goes (`true` for `True`).
fn python_spelling(name: &str) -> Option<&'static str> {
    match name {
        "true" => Some("`True`"),
        "false" => Some("`False`"),
        "null" => Some("`None`"),
        _ => None,
    }
}
