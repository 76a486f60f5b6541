//! Import of a Terraform `aws_sagemaker_endpoint` (hashicorp/aws: nested `deployment_config`
//! blocks, repeated `alarms {}` blocks) or `awscc_sagemaker_endpoint` (objects in attributes),
//! also inside a Go `fmt.Sprintf` template as the provider's tests write it. Arguments map
//! onto the request by their snake_case names; variables, locals, references, interpolations,
//! function calls and Go verbs become placeholders showing the expression as written; strings
//! holding numbers convert as Terraform converts them. When the text also holds the endpoint
//! configuration the endpoint refers to, its production variants become the new fleet.

mod go;

use crate::cloudformation::{member, Shape, REQUEST, VARIANT};
use crate::names::pascal_from_snake;
use crate::{Options, Outcome, Refusal};
use designer_core::import::{request_into, ImportError, Source, Walk};
use designer_core::model::DesignDocument;
use designer_core::value::{Entry, Kind, Pos, Value};
use hcl_edit::expr::{Expression, ObjectKey, TraversalOperator, UnaryOperator};
use hcl_edit::structure::{Block, BlockLabel, Body, Structure};
use hcl_edit::template::Element;
use hcl_edit::Span;
use std::cell::RefCell;
use std::ops::Range;

const ENDPOINT_TYPES: &[&str] = &["aws_sagemaker_endpoint", "awscc_sagemaker_endpoint"];
const CONFIG_TYPES: &[&str] = &[
    "aws_sagemaker_endpoint_configuration",
    "awscc_sagemaker_endpoint_config",
];

/// Arguments of the resource that are not part of `UpdateEndpoint` (Terraform's
/// meta-arguments, tags): left out, with a note.
const NOT_IN_REQUEST: &[&str] = &[
    "tags",
    "tags_all",
    "count",
    "for_each",
    "provider",
    "depends_on",
    "lifecycle",
    "timeouts",
    "provisioner",
    "connection",
];

/// What `deployment_config` may hold when pasted alone.
const DEPLOYMENT_MEMBERS: &[&str] = &[
    "blue_green_update_policy",
    "rolling_update_policy",
    "auto_rollback_configuration",
];

/// True when `text` holds an endpoint resource, or a `deployment_config` block alone.
pub fn detect(text: &str) -> bool {
    if ENDPOINT_TYPES
        .iter()
        .any(|t| text.contains(&format!("\"{t}\"")))
    {
        return true;
    }
    if text.contains("Property(") {
        return false;
    }
    text.lines().any(|l| {
        let t = l.trim_start();
        std::iter::once("deployment_config")
            .chain(DEPLOYMENT_MEMBERS.iter().copied())
            .any(|k| {
                t.strip_prefix(k).is_some_and(|rest| {
                    let rest = rest.trim_start();
                    rest.starts_with('{')
                        || rest
                            .strip_prefix('=')
                            .is_some_and(|r| r.trim_start().starts_with('{'))
                })
            })
    })
}

/// Byte offsets to lines and columns (in characters) of the paste.
struct Lines<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Lines { text, starts }
    }

    fn pos(&self, offset: usize) -> Pos {
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts.get(line - 1).copied().unwrap_or(0);
        let column = self
            .text
            .get(start..offset)
            .map_or(offset.saturating_sub(start), |s| s.chars().count());
        Pos {
            line: u32::try_from(line).unwrap_or(u32::MAX),
            column: u32::try_from(column + 1).unwrap_or(u32::MAX),
        }
    }
}

/// One argument of a body or an object: a block, a `dynamic` block or an attribute.
enum Item<'b> {
    Attr(&'b Expression),
    Block(&'b Block),
    Dynamic(&'b Block),
}

/// Reads the HCL of one paste.
struct Reader<'a> {
    text: &'a str,
    lines: Lines<'a>,
    verbs: Vec<Range<usize>>,
    /// While reading an endpoint configuration, unknown arguments are dropped and named
    /// here rather than refused (`Some`).
    dropped: RefCell<Option<Vec<String>>>,
}

/// How a body's argument names map onto the API: the endpoint's own names, or plain
/// snake_case.
#[derive(Clone, Copy, PartialEq)]
enum Level {
    Endpoint,
    Nested,
}

/// `MaximumBatchSize` -> `maximum_batch_size` (for listing what a block takes).
fn snake(api: &str) -> String {
    let mut out = String::new();
    let mut prev_lower = false;
    for c in api.chars() {
        if c.is_ascii_uppercase() {
            if prev_lower {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
            prev_lower = false;
        } else {
            out.push(c);
            prev_lower = true;
        }
    }
    out
}

fn label(l: &BlockLabel) -> &str {
    match l {
        BlockLabel::Ident(i) => i.as_str(),
        BlockLabel::String(s) => s.as_str(),
    }
}

fn labels(b: &Block) -> Vec<&str> {
    b.labels.iter().map(label).collect()
}

fn join(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_string()
    } else if key.starts_with('[') {
        format!("{parent}{key}")
    } else {
        format!("{parent}.{key}")
    }
}

/// An error at `pos`, with the position in the message.
fn at(pos: Pos, path: Option<&str>, message: String) -> Refusal {
    ImportError {
        message: format!("{message} ({pos})"),
        line: Some(pos.line),
        column: Some(pos.column),
        path: path.map(str::to_string),
    }
    .into()
}

/// Reads `text` onto a copy of `current`.
pub fn import(
    text: &str,
    current: &DesignDocument,
    _options: &Options,
) -> Result<Outcome, Refusal> {
    let prepared = go::prepare(text);
    let reader = Reader {
        text,
        lines: Lines::new(text),
        verbs: prepared.verbs,
        dropped: RefCell::new(None),
    };
    let body = hcl_edit::parser::parse_body(&prepared.hcl)
        .map_err(|e| reader.syntax(&prepared.hcl, &e))?;
    let mut notes = Vec::new();
    let resources: Vec<&Block> = body
        .iter()
        .filter_map(|s| match s {
            Structure::Block(b) if b.ident.as_str() == "resource" && b.labels.len() == 2 => Some(b),
            _ => None,
        })
        .collect();
    let endpoints: Vec<&Block> = resources
        .iter()
        .copied()
        .filter(|b| {
            labels(b)
                .first()
                .is_some_and(|t| ENDPOINT_TYPES.contains(t))
        })
        .collect();
    let in_go = if prepared.go {
        " in a Go test template"
    } else {
        ""
    };
    let (tree, form, endpoint) = if let Some(first) = endpoints.first() {
        let names = labels(first);
        let rtype = names.first().copied().unwrap_or_default();
        let name = names.get(1).copied().unwrap_or_default();
        if endpoints.len() > 1 {
            let others: Vec<String> = endpoints
                .iter()
                .skip(1)
                .map(|b| labels(b).join("."))
                .collect();
            notes.push(format!(
                "The text has {} endpoint resources: imported the first, {rtype}.{name}; not imported: {} (paste one alone to import it).",
                endpoints.len(),
                others.join(", ")
            ));
        }
        let mut left_out = Vec::new();
        let entries = reader.members(
            items_of_body(&first.body),
            REQUEST,
            Level::Endpoint,
            "",
            &format!("{rtype}.{name}"),
            &mut left_out,
        )?;
        if !left_out.is_empty() {
            notes.push(format!(
                "Left out {}: not part of the UpdateEndpoint request.",
                left_out.join(", ")
            ));
        }
        if rtype == "aws_sagemaker_endpoint" {
            let retains: Vec<String> = entries
                .iter()
                .filter(|e| e.key.starts_with("Retain") || e.key.starts_with("Exclude"))
                .map(|e| snake(&e.key))
                .collect();
            if !retains.is_empty() {
                notes.push(format!(
                    "The hashicorp/aws provider's aws_sagemaker_endpoint has no {} argument (awscc_sagemaker_endpoint has): imported anyway, as the request would carry it.",
                    retains.join(" or ")
                ));
            }
        }
        let pos = reader.start(first.span());
        (
            Value {
                pos,
                kind: Kind::Map(entries),
            },
            format!("a Terraform `{rtype}` block{in_go}"),
            Some(*first),
        )
    } else if let Some(tree) = reader.bare(&body)? {
        (
            tree,
            format!("a Terraform `deployment_config` block{in_go}"),
            None,
        )
    } else {
        let mut found: Vec<String> = resources.iter().map(|b| labels(b).join(".")).collect();
        found.truncate(8);
        let had = if found.is_empty() {
            "no resource blocks".to_string()
        } else {
            found.join(", ")
        };
        return Err(crate::refuse(format!(
            "The text has no resource \"aws_sagemaker_endpoint\" or \"awscc_sagemaker_endpoint\" block (it has {had}); UpdateEndpoint is read from that block"
        )));
    };
    let mut document = request_into(&tree, Source::Json, current)?;
    if let Some(endpoint) = endpoint {
        reader.new_fleet(endpoint, &resources, &mut document, &mut notes);
    }
    Ok(Outcome {
        document,
        form,
        notes,
        choices: Vec::new(),
    })
}

fn items_of_body(body: &Body) -> Vec<(String, Option<Range<usize>>, Item<'_>)> {
    body.iter()
        .map(|s| match s {
            Structure::Attribute(a) => (
                a.key.as_str().to_string(),
                a.key.span(),
                Item::Attr(&a.value),
            ),
            Structure::Block(b) if b.ident.as_str() == "dynamic" => (
                b.labels.first().map(label).unwrap_or("dynamic").to_string(),
                b.ident.span(),
                Item::Dynamic(b),
            ),
            Structure::Block(b) => (b.ident.as_str().to_string(), b.ident.span(), Item::Block(b)),
        })
        .collect()
}

impl Reader<'_> {
    fn start(&self, span: Option<Range<usize>>) -> Pos {
        span.map_or(Pos::START, |r| self.lines.pos(r.start))
    }

    /// The text of `span` in the paste, on one line and cut to a readable length.
    fn written(&self, span: Option<Range<usize>>) -> String {
        let raw = span
            .and_then(|r| self.text.get(r))
            .unwrap_or("(expression)")
            .trim();
        let mut out = String::with_capacity(raw.len().min(220));
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
                out.push_str("...");
                break;
            }
        }
        out
    }

    fn has_verb(&self, span: &Option<Range<usize>>) -> bool {
        span.as_ref().is_some_and(|r| {
            self.verbs
                .iter()
                .any(|v| v.start < r.end && r.start < v.end)
        })
    }

    /// A parse error, with the unclosed brace named when that is what is wrong.
    fn syntax(&self, hcl: &str, e: &hcl_edit::parser::Error) -> Refusal {
        if let Some(refusal) = self.unbalanced(hcl) {
            return refusal;
        }
        let loc = e.location();
        let pos = Pos {
            line: u32::try_from(loc.line()).unwrap_or(u32::MAX),
            column: u32::try_from(loc.column()).unwrap_or(u32::MAX),
        };
        let message = e.message().trim();
        let message = if message.is_empty() {
            "unexpected text"
        } else {
            message
        };
        at(
            pos,
            None,
            format!("The Terraform configuration does not read: {message}"),
        )
    }

    /// Finds a `{` never closed or a `}` never opened, skipping strings and comments.
    fn unbalanced(&self, hcl: &str) -> Option<Refusal> {
        let b = hcl.as_bytes();
        let mut open: Vec<usize> = Vec::new();
        let mut misplaced: Option<usize> = None;
        let mut i = 0;
        while let Some(&c) = b.get(i) {
            match c {
                b'"' => {
                    i += 1;
                    while let Some(&d) = b.get(i) {
                        if d == b'\\' {
                            i += 1;
                        } else if d == b'"' || d == b'\n' {
                            break;
                        }
                        i += 1;
                    }
                }
                b'#' => {
                    while b.get(i).is_some_and(|&d| d != b'\n') {
                        i += 1;
                    }
                }
                b'/' if b.get(i + 1) == Some(&b'/') => {
                    while b.get(i).is_some_and(|&d| d != b'\n') {
                        i += 1;
                    }
                }
                b'/' if b.get(i + 1) == Some(&b'*') => {
                    i += 2;
                    while b.get(i).is_some()
                        && !(b.get(i) == Some(&b'*') && b.get(i + 1) == Some(&b'/'))
                    {
                        i += 1;
                    }
                    i += 1;
                }
                b'<' if b.get(i + 1) == Some(&b'<') => {
                    // A heredoc: skip to its closing delimiter line.
                    let mut j = i + 2;
                    if b.get(j) == Some(&b'-') {
                        j += 1;
                    }
                    let start = j;
                    while b
                        .get(j)
                        .is_some_and(|d| d.is_ascii_alphanumeric() || *d == b'_')
                    {
                        j += 1;
                    }
                    if let Some(delim) = hcl.get(start..j).filter(|d| !d.is_empty()) {
                        let rest = hcl.get(j..).unwrap_or("");
                        let end = rest
                            .match_indices('\n')
                            .find(|(k, _)| {
                                rest.get(k + 1..)
                                    .is_some_and(|l| l.trim_start().starts_with(delim))
                            })
                            .map_or(rest.len(), |(k, _)| k + 1);
                        i = j + end;
                    } else {
                        i = j;
                    }
                    continue;
                }
                b'{' => open.push(i),
                b'}' => {
                    let Some(opener) = open.pop() else {
                        return Some(at(
                            self.lines.pos(i),
                            None,
                            "The Terraform configuration does not read: this `}` closes nothing (an extra brace, or one `{` missing before it)".to_string(),
                        ));
                    };
                    // A `}` alone on its line, indented unlike the line that opened the
                    // block it closes, most likely belongs to an outer block: the inner
                    // one is the block left open.
                    let (indent, alone) = indent_at(hcl, i);
                    if alone && misplaced.is_none() && indent != indent_at(hcl, opener).0 {
                        misplaced = Some(opener);
                    }
                }
                _ => {}
            }
            i += 1;
        }
        let innermost = *open.last()?;
        let last = misplaced.unwrap_or(innermost);
        let line_start = hcl
            .get(..last)
            .and_then(|s| s.rfind('\n'))
            .map_or(0, |n| n + 1);
        let opener = hcl.get(line_start..last).unwrap_or("").trim();
        let what = if opener.is_empty() {
            "this `{`".to_string()
        } else {
            format!("the `{{` of `{opener}`")
        };
        Some(at(
            self.lines.pos(last),
            None,
            format!("The Terraform configuration does not read: {what} is never closed; add a `}}` where that block ends"),
        ))
    }

    /// The arguments `items` of a block at `path` (API spelling), checked against
    /// `members`. `tf_path` names the block in Terraform's spelling for messages.
    fn members(
        &self,
        items: Vec<(String, Option<Range<usize>>, Item<'_>)>,
        members: &[(&'static str, Shape)],
        level: Level,
        path: &str,
        tf_path: &str,
        left_out: &mut Vec<String>,
    ) -> Result<Vec<Entry>, Refusal> {
        let mut out: Vec<Entry> = Vec::new();
        for (key, key_span, item) in items {
            let key_pos = self.start(key_span.clone());
            if level == Level::Endpoint && NOT_IN_REQUEST.contains(&key.as_str()) {
                if !left_out.contains(&key) {
                    left_out.push(key);
                }
                continue;
            }
            let api = match (level, key.as_str()) {
                (Level::Endpoint, "name" | "endpoint_name") => "EndpointName".to_string(),
                _ => pascal_from_snake(&key),
            };
            let Some(shape) = member(members, &api) else {
                if let Some(d) = self.dropped.borrow_mut().as_mut() {
                    if !d.contains(&key) {
                        d.push(key);
                    }
                    continue;
                }
                let names: Vec<String> = members
                    .iter()
                    .map(|(n, _)| match (level, *n) {
                        (Level::Endpoint, "EndpointName") => "name".to_string(),
                        _ => snake(n),
                    })
                    .collect();
                return Err(at(
                    key_pos,
                    Some(&join(path, &api)),
                    format!(
                        "Unknown argument \"{key}\" in {tf_path}: it takes {}",
                        names.join(", ")
                    ),
                ));
            };
            let p = join(path, &api);
            let tf = join(tf_path, &key);
            let existing = out.iter().position(|e| e.key == api);
            let value = match item {
                Item::Attr(expr) => {
                    if let Some(i) = existing {
                        let first = out.get(i).map_or(key_pos, |e| e.key_pos);
                        return Err(at(
                            key_pos,
                            Some(&p),
                            format!("{tf} is set twice (first at {first}): Terraform refuses that"),
                        ));
                    }
                    self.expr(expr, shape, &p, &tf)?
                }
                Item::Dynamic(block) => {
                    let for_each = block
                        .body
                        .get_attribute("for_each")
                        .map(|a| self.written(a.value.span()))
                        .unwrap_or_default();
                    Some(Value {
                        pos: key_pos,
                        kind: Kind::Placeholder(format!("dynamic \"{key}\" for_each = {for_each}")),
                    })
                }
                Item::Block(block) => {
                    let pos = self.start(block.span());
                    let inner = match shape {
                        Shape::Struct(m) | Shape::List(m) => self.members(
                            items_of_body(&block.body),
                            m,
                            Level::Nested,
                            &p,
                            &tf,
                            left_out,
                        )?,
                        _ => {
                            return Err(at(
                                key_pos,
                                Some(&p),
                                format!("{tf} is a value, not a block: write `{key} = ...`"),
                            ))
                        }
                    };
                    let map = Value {
                        pos,
                        kind: Kind::Map(inner),
                    };
                    match (shape, existing) {
                        (Shape::List(_), Some(i)) => {
                            match out.get_mut(i).map(|e| &mut e.value.kind) {
                                Some(Kind::List(list)) => {
                                    list.push(map);
                                    continue;
                                }
                                _ => {
                                    return Err(at(
                                        key_pos,
                                        Some(&p),
                                        format!("{tf} is given both as an argument and as blocks: write one or the other"),
                                    ))
                                }
                            }
                        }
                        (Shape::List(_), None) => Some(Value {
                            pos,
                            kind: Kind::List(vec![map]),
                        }),
                        (_, Some(i)) => {
                            let first = out.get(i).map_or(key_pos, |e| e.key_pos);
                            return Err(at(
                                key_pos,
                                Some(&p),
                                format!("{tf} is given twice (first at {first}): Terraform takes one {key} block"),
                            ));
                        }
                        (_, None) => Some(map),
                    }
                }
            };
            if let Some(value) = value {
                out.push(Entry {
                    key: api,
                    key_pos,
                    value,
                });
            }
        }
        Ok(out)
    }

    /// An expression as `shape`: literals as values, anything computed as a placeholder;
    /// `None` for `null` (Terraform's "not set").
    fn expr(
        &self,
        e: &Expression,
        shape: Shape,
        path: &str,
        tf: &str,
    ) -> Result<Option<Value>, Refusal> {
        let span = e.span();
        let pos = self.start(span.clone());
        let held = || {
            Ok(Some(Value {
                pos,
                kind: Kind::Placeholder(self.written(span.clone())),
            }))
        };
        if self.has_verb(&span) && !matches!(e, Expression::Object(_) | Expression::Array(_)) {
            return held();
        }
        let kind = match e {
            Expression::Null(_) => return Ok(None),
            Expression::Bool(b) => Kind::Bool(*b.value()),
            Expression::Number(n) => self.number(n.as_i64(), n.as_f64(), &span),
            Expression::String(s) => Kind::Str(s.value().to_string()),
            Expression::StringTemplate(t) => match literal(t.iter()) {
                Some(s) => Kind::Str(s),
                None => return held(),
            },
            Expression::HeredocTemplate(h) => match literal(h.template.iter()) {
                Some(s) => Kind::Str(s),
                None => return held(),
            },
            Expression::Parenthesis(p) => return self.expr(p.inner(), shape, path, tf),
            Expression::UnaryOp(u) if *u.operator.value() == UnaryOperator::Neg => match &u.expr {
                Expression::Number(n) => {
                    let neg_i = n.as_i64().and_then(i64::checked_neg);
                    let neg_f = n.as_f64().map(|f| -f);
                    self.number(neg_i, neg_f, &span)
                }
                _ => return held(),
            },
            Expression::Array(items) => {
                let mut out = Vec::new();
                for (i, item) in items.iter().enumerate() {
                    let item_shape = match shape {
                        Shape::List(m) => Shape::Struct(m),
                        other => other,
                    };
                    let ip = format!("{path}[{i}]");
                    let it = format!("{tf}[{i}]");
                    if let Some(v) = self.expr(item, item_shape, &ip, &it)? {
                        out.push(v);
                    }
                }
                Kind::List(out)
            }
            Expression::Object(obj) => {
                let mut items = Vec::new();
                for (k, v) in obj.iter() {
                    let name = match k {
                        ObjectKey::Ident(i) => i.as_str().to_string(),
                        ObjectKey::Expression(Expression::String(s)) => s.value().to_string(),
                        ObjectKey::Expression(other) => {
                            return Err(at(
                                self.start(other.span()),
                                Some(path),
                                format!(
                                    "{tf}: the key {} is computed; write the argument's name",
                                    self.written(other.span())
                                ),
                            ))
                        }
                    };
                    items.push((name, k.span(), Item::Attr(v.expr())));
                }
                match shape {
                    Shape::Struct(m) => {
                        let mut left = Vec::new();
                        Kind::Map(self.members(items, m, Level::Nested, path, tf, &mut left)?)
                    }
                    // A structure where a value is due: the schema walk refuses it.
                    _ => Kind::Map(Vec::new()),
                }
            }
            _ => return held(),
        };
        let value = Value { pos, kind };
        Ok(Some(match shape {
            Shape::Struct(_) | Shape::List(_) => value,
            scalar => crate::cloudformation::convert(value, scalar),
        }))
    }

    fn number(&self, int: Option<i64>, float: Option<f64>, span: &Option<Range<usize>>) -> Kind {
        let text = self.written(span.clone());
        match (int, float) {
            (Some(n), _) => Kind::Int {
                text,
                value: Some(n),
            },
            (None, f) if !text.contains(['.', 'e', 'E']) => {
                let _ = f;
                Kind::Int { text, value: None }
            }
            (None, f) => Kind::Float {
                text,
                value: f.filter(|f| f.is_finite()),
            },
        }
    }

    /// A `deployment_config` block (or its inside) pasted alone: the request with just that.
    fn bare(&self, body: &Body) -> Result<Option<Value>, Refusal> {
        let mut left = Vec::new();
        let has = |k: &str| {
            body.iter().any(|s| match s {
                Structure::Attribute(a) => a.key.as_str() == k,
                Structure::Block(b) => b.ident.as_str() == k,
            })
        };
        if has("deployment_config") {
            let entries = self.members(
                items_of_body(body),
                REQUEST,
                Level::Endpoint,
                "",
                "the text",
                &mut left,
            )?;
            return Ok(Some(Value {
                pos: Pos::START,
                kind: Kind::Map(entries),
            }));
        }
        if DEPLOYMENT_MEMBERS.iter().any(|k| has(k)) {
            let Some(Shape::Struct(m)) = member(REQUEST, "DeploymentConfig") else {
                return Ok(None);
            };
            let entries = self.members(
                items_of_body(body),
                m,
                Level::Nested,
                "DeploymentConfig",
                "deployment_config",
                &mut left,
            )?;
            return Ok(Some(Value {
                pos: Pos::START,
                kind: Kind::Map(vec![Entry {
                    key: "DeploymentConfig".to_string(),
                    key_pos: Pos::START,
                    value: Value {
                        pos: Pos::START,
                        kind: Kind::Map(entries),
                    },
                }]),
            }));
        }
        Ok(None)
    }

    /// Fills the new fleet from the endpoint configuration that `endpoint_config_name`
    /// refers to (`aws_sagemaker_endpoint_configuration.x.name`, or its literal name).
    fn new_fleet(
        &self,
        endpoint: &Block,
        resources: &[&Block],
        document: &mut DesignDocument,
        notes: &mut Vec<String>,
    ) {
        let Some(attr) = endpoint.body.get_attribute("endpoint_config_name") else {
            return;
        };
        let configs = || {
            resources
                .iter()
                .copied()
                .filter(|b| labels(b).first().is_some_and(|t| CONFIG_TYPES.contains(t)))
        };
        let target = match &attr.value {
            Expression::Traversal(t) => match (&t.expr, t.operators.first().map(|o| o.value())) {
                (Expression::Variable(v), Some(TraversalOperator::GetAttr(name))) => {
                    configs().find(|b| labels(b) == [v.as_str(), name.as_str()])
                }
                _ => None,
            },
            Expression::String(s) => configs().find(|b| {
                ["name", "endpoint_config_name"].iter().any(|k| {
                    b.body.get_attribute(k).is_some_and(
                        |a| matches!(&a.value, Expression::String(n) if n.value() == s.value()),
                    )
                })
            }),
            _ => None,
        };
        let Some(config) = target else {
            return;
        };
        let id = labels(config).join(".");
        let mut left = Vec::new();
        let items: Vec<_> = items_of_body(&config.body)
            .into_iter()
            .filter(|(k, _, _)| k == "production_variants")
            .collect();
        if items.is_empty() {
            return;
        }
        const FLEET: &[(&str, Shape)] = &[("ProductionVariants", Shape::List(VARIANT))];
        *self.dropped.borrow_mut() = Some(Vec::new());
        let read = self.members(items, FLEET, Level::Nested, "", &id, &mut left);
        let dropped = self.dropped.borrow_mut().take().unwrap_or_default();
        let entries = match read {
            Ok(e) => e,
            Err(r) => {
                notes.push(format!(
                    "The new fleet was not taken from {id}: {}",
                    r.error.message
                ));
                return;
            }
        };
        let Some(list) = entries.into_iter().next().map(|e| e.value) else {
            return;
        };
        if let Kind::Placeholder(expr) = &list.kind {
            notes.push(format!(
                "{id} does not write its production_variants out ({expr}), so the new fleet was not taken from it."
            ));
            return;
        }
        let walk = Walk::new(Source::Json);
        match walk.variants(&list, "Endpoint.NewVariants") {
            Ok(v) => {
                let n = v.len();
                document.endpoint.new_variants = v;
                document.placeholders.extend(walk.take_placeholders());
                let mut note = format!(
                    "The new fleet ({n} variant{}) comes from {id}, which endpoint_config_name refers to.",
                    if n == 1 { "" } else { "s" }
                );
                if !dropped.is_empty() {
                    note.push_str(&format!(
                        " Left out what the designer does not model: {}.",
                        dropped.join(", ")
                    ));
                }
                notes.push(note);
            }
            Err(e) => notes.push(format!(
                "The new fleet was not taken from {id}: {}",
                e.message
            )),
        }
    }
}

/// The indentation of the line holding byte `i`, and whether only blanks precede `i` on it.
fn indent_at(text: &str, i: usize) -> (usize, bool) {
    let start = text
        .get(..i)
        .and_then(|s| s.rfind('\n'))
        .map_or(0, |n| n + 1);
    let before = text.get(start..i).unwrap_or("");
    let indent = before.len() - before.trim_start().len();
    (indent, before.trim().is_empty())
}

/// The string a template spells out, when it has no interpolation or directive.
fn literal<'e>(mut elements: impl Iterator<Item = &'e Element>) -> Option<String> {
    elements.try_fold(String::new(), |mut acc, el| match el {
        Element::Literal(s) => {
            acc.push_str(s.value());
            Some(acc)
        }
        _ => None,
    })
}
