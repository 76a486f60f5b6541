//! Import of a Terraform `aws_sagemaker_endpoint` (hashicorp/aws: nested `deployment_config`
//! blocks, repeated `alarms {}` blocks) or `awscc_sagemaker_endpoint` (objects in attributes),
//! also inside a Go `fmt.Sprintf` template as the provider's tests write it. Arguments map
//! onto the request by their snake_case names; variables, locals, references, interpolations,
//! function calls and Go verbs become placeholders showing the expression as written; strings
//! holding numbers convert as Terraform converts them. When the text also holds the endpoint
//! configuration the endpoint refers to, its production variants become the new fleet.

pub(crate) mod alarms;
mod go;
mod hcl;
mod json;

use crate::cloudformation::{member, Shape, REQUEST, VARIANT};
use crate::names::pascal_from_snake;
use crate::{Options, Outcome, Refusal, Repair};
use designer_core::import::{request_into, ImportError, Source};
use designer_core::model::DesignDocument;
use designer_core::value::{Entry, Kind, Pos, Value};
use hcl::{Block, Expr, ExprKind, Structure};
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
    // Any configuration with resources is claimed, to be refused with what it has.
    let resource_line = text
        .lines()
        .any(|l| l.trim_start().starts_with("resource \""));
    if resource_line
        || ENDPOINT_TYPES
            .iter()
            .any(|t| text.contains(&format!("\"{t}\"")))
    {
        return true;
    }
    // CDK's `...Property(` calls and Python or JSON dicts in the API's spelling
    // (`deployment_config = {"BlueGreenUpdatePolicy": ...}`) are other forms.
    let other_form = [
        "Property(",
        "UpdatePolicy\"",
        "UpdatePolicy'",
        "update_endpoint(",
    ];
    if other_form.iter().any(|s| text.contains(s)) {
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

    /// The byte offset of `pos` (a line and a column in characters).
    fn offset(&self, pos: Pos) -> usize {
        let line = usize::try_from(pos.line).unwrap_or(1).max(1);
        let start = self
            .starts
            .get(line - 1)
            .copied()
            .unwrap_or(self.text.len());
        let column = usize::try_from(pos.column).unwrap_or(1).saturating_sub(1);
        let rest = self.text.get(start..).unwrap_or("");
        start
            + rest
                .char_indices()
                .nth(column)
                .map_or(rest.len(), |(i, _)| i)
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
    Attr(&'b Expr),
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

fn labels(b: &Block) -> Vec<&str> {
    b.labels.iter().map(String::as_str).collect()
}

/// The value of attribute `key` of `body`.
fn attribute<'b>(body: &'b [Structure], key: &str) -> Option<&'b Expr> {
    body.iter().find_map(|s| match s {
        Structure::Attribute(a) if a.key == key => Some(&a.value),
        _ => None,
    })
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
    options: &Options,
) -> Result<Outcome, Refusal> {
    let is_json = text.trim_start().starts_with('{');
    let prepared = if is_json {
        go::Prepared {
            hcl: String::new(),
            verbs: Vec::new(),
            go: false,
        }
    } else {
        go::prepare(text)
    };
    let reader = Reader {
        text,
        lines: Lines::new(text),
        verbs: prepared.verbs,
        dropped: RefCell::new(None),
    };
    let body = if is_json {
        let root = designer_core::json::parse(text).map_err(ImportError::from)?;
        json::body(text, &root, &|p| reader.lines.offset(p))
    } else {
        hcl::parse(&prepared.hcl).map_err(|e| reader.syntax(&prepared.hcl, &e))?
    };
    let mut notes = Vec::new();
    let resources: Vec<&Block> = body
        .iter()
        .filter_map(|s| match s {
            Structure::Block(b) if b.ident == "resource" && b.labels.len() == 2 => Some(b),
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
    } else if is_json {
        " in JSON syntax (.tf.json)"
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
        let pos = reader.lines.pos(first.ident_at);
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
        // Said at the first resource block (or the start), so the page can point at it.
        let pos = resources
            .first()
            .map_or(Pos::START, |b| reader.lines.pos(b.ident_at));
        return Err(at(
            pos,
            None,
            format!("The text has no resource \"aws_sagemaker_endpoint\" or \"awscc_sagemaker_endpoint\" block (it has {had}); UpdateEndpoint is read from that block"),
        ));
    };
    let mut document = request_into(&tree, Source::Json, current).map_err(in_terraform_terms)?;
    if let Some(endpoint) = endpoint {
        reader.new_fleet(endpoint, &resources, &mut document, &mut notes);
    }
    let given = defaults(&body);
    let mut outcome = Outcome {
        document,
        form,
        notes,
        choices: Vec::new(),
    };
    // The configuration's `aws_cloudwatch_metric_alarm` blocks (`terraform/alarms.rs`).
    crate::cloudwatch::attach(alarms::find(&reader, &resources), current, &mut outcome);
    crate::defaults::offer_and_say(&mut outcome, &given, options, "Defaults the text gives, for the values to fill in");
    Ok(outcome)
}

fn items_of_body(body: &[Structure]) -> Vec<(String, usize, Item<'_>)> {
    body.iter()
        .map(|s| match s {
            Structure::Attribute(a) => (a.key.clone(), a.key_at, Item::Attr(&a.value)),
            Structure::Block(b) if b.ident == "dynamic" => (
                b.labels
                    .first()
                    .map_or("dynamic", String::as_str)
                    .to_string(),
                b.ident_at,
                Item::Dynamic(b),
            ),
            Structure::Block(b) => (b.ident.clone(), b.ident_at, Item::Block(b)),
        })
        .collect()
}

impl Reader<'_> {
    /// The text of `span` in the paste, on one line and cut to a readable length.
    fn written(&self, span: &Range<usize>) -> String {
        let raw = self.text.get(span.clone()).unwrap_or("(expression)").trim();
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

    fn has_verb(&self, r: &Range<usize>) -> bool {
        self.verbs
            .iter()
            .any(|v| v.start < r.end && r.start < v.end)
    }

    /// A parse error, with the unclosed brace named when that is what is wrong.
    fn syntax(&self, hcl: &str, e: &hcl::Error) -> Refusal {
        // A block left open is reported by the parser at the outermost block, where the
        // text ends; the indentation says better which block lost its brace.
        let about_braces =
            e.message.contains("block is never closed") || e.message.contains("closes nothing");
        if about_braces {
            if let Some(refusal) = self.unbalanced(hcl) {
                return refusal;
            }
        }
        at(
            self.lines.pos(e.at),
            None,
            format!("The Terraform configuration does not read: {}", e.message),
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
        let mut refusal = at(
            self.lines.pos(last),
            None,
            format!("The Terraform configuration does not read: {what} is never closed; add a `}}` where that block ends"),
        );
        refusal.repair = self.close_block(last, opener);
        Some(refusal)
    }

    /// The one-click repair of a block whose `}` is missing: the `}` goes, indented as the
    /// block's first line, before the first line after it indented no deeper than that line
    /// (or at the end). Offered only when the repaired text reads.
    fn close_block(&self, open_at: usize, opener: &str) -> Option<Repair> {
        let (indent, _) = indent_at(self.text, open_at);
        let after = self.text.get(open_at..)?.find('\n')? + open_at + 1;
        let mut insert_at = self.text.len();
        let mut offset = after;
        for line in self.text.get(after..)?.split_inclusive('\n') {
            let body = line.trim();
            let depth = line.len() - line.trim_start().len();
            if !body.is_empty() && depth <= indent {
                insert_at = offset;
                break;
            }
            offset += line.len();
        }
        // Back over blank lines, so the brace closes right after the block's last line.
        let before = self.text.get(..insert_at)?;
        let trimmed = before.trim_end();
        let insert_at = if trimmed.len() < before.len() {
            before
                .get(trimmed.len()..)?
                .find('\n')
                .map_or(insert_at, |n| trimmed.len() + n + 1)
        } else {
            insert_at
        };
        let mut text = String::with_capacity(self.text.len() + indent + 2);
        text.push_str(self.text.get(..insert_at)?);
        if !text.ends_with('\n') {
            text.push('\n');
        }
        text.push_str(&" ".repeat(indent));
        text.push_str("}\n");
        text.push_str(self.text.get(insert_at..)?);
        let reads = hcl::parse(&go::prepare(&text).hcl).is_ok();
        let line = self.lines.pos(insert_at.min(self.text.len())).line;
        let name = opener.split_whitespace().next().unwrap_or("the block");
        reads.then(|| Repair {
            label: format!("Add the missing `}}` of `{name}` at line {line}"),
            text,
        })
    }

    /// The arguments `items` of a block at `path` (API spelling), checked against
    /// `members`. `tf_path` names the block in Terraform's spelling for messages.
    fn members(
        &self,
        items: Vec<(String, usize, Item<'_>)>,
        members: &[(&'static str, Shape)],
        level: Level,
        path: &str,
        tf_path: &str,
        left_out: &mut Vec<String>,
    ) -> Result<Vec<Entry>, Refusal> {
        let mut out: Vec<Entry> = Vec::new();
        for (key, key_at, item) in items {
            let key_pos = self.lines.pos(key_at);
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
                    let for_each = attribute(&block.body, "for_each")
                        .map(|e| self.written(&e.span))
                        .unwrap_or_default();
                    let held = Value {
                        pos: key_pos,
                        kind: Kind::Placeholder(format!("dynamic \"{key}\" for_each = {for_each}")),
                    };
                    // Beside other blocks of the list, a dynamic block is one more element
                    // whose value the text does not give.
                    if let (Shape::List(_), Some(i)) = (shape, existing) {
                        if let Some(e) = out.get_mut(i) {
                            if add_to_list(&mut e.value, held) {
                                continue;
                            }
                        }
                        let first = out.get(i).map_or(key_pos, |e| e.key_pos);
                        return Err(at(
                            key_pos,
                            Some(&p),
                            format!("{tf} is given both as an argument (at {first}) and as blocks: write one or the other"),
                        ));
                    }
                    Some(held)
                }
                Item::Block(block) => {
                    let pos = self.lines.pos(block.ident_at);
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
                            if let Some(e) = out.get_mut(i) {
                                if add_to_list(&mut e.value, map) {
                                    continue;
                                }
                            }
                            let first = out.get(i).map_or(key_pos, |e| e.key_pos);
                            return Err(at(
                                key_pos,
                                Some(&p),
                                format!("{tf} is given both as an argument (at {first}) and as blocks: write one or the other"),
                            ));
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
    fn expr(&self, e: &Expr, shape: Shape, path: &str, tf: &str) -> Result<Option<Value>, Refusal> {
        let pos = self.lines.pos(e.span.start);
        let held = || {
            Ok(Some(Value {
                pos,
                kind: Kind::Placeholder(self.written(&e.span)),
            }))
        };
        if self.has_verb(&e.span) && !matches!(e.kind, ExprKind::Object(_) | ExprKind::Tuple(_)) {
            return held();
        }
        let kind = match &e.kind {
            ExprKind::Null => return Ok(None),
            ExprKind::Bool(b) => Kind::Bool(*b),
            ExprKind::Number(text) => number(text),
            ExprKind::Str(s) => Kind::Str(s.clone()),
            ExprKind::Other => return held(),
            // JSON syntax writes a nested block as an array of one object.
            ExprKind::Tuple(items) if matches!(shape, Shape::Struct(_)) && items.len() == 1 => {
                return match items.first() {
                    Some(only) => self.expr(only, shape, path, tf),
                    None => Ok(None),
                };
            }
            ExprKind::Tuple(items) => {
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
            ExprKind::Object(members) => {
                let mut items = Vec::new();
                for (k, at_key, v) in members {
                    let Some(name) = k else {
                        return Err(at(
                            self.lines.pos(*at_key),
                            Some(path),
                            format!("{tf}: this key is computed; write the argument's name"),
                        ));
                    };
                    items.push((name.clone(), *at_key, Item::Attr(v)));
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
        };
        let value = Value { pos, kind };
        Ok(Some(match shape {
            Shape::Struct(_) | Shape::List(_) => value,
            scalar => crate::cloudformation::convert(value, scalar),
        }))
    }

    /// A `deployment_config` block (or its inside) pasted alone: the request with just that.
    fn bare(&self, body: &[Structure]) -> Result<Option<Value>, Refusal> {
        let mut left = Vec::new();
        let has = |k: &str| {
            body.iter().any(|s| match s {
                Structure::Attribute(a) => a.key == k,
                Structure::Block(b) => b.ident == k,
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
        let Some(reference) = attribute(&endpoint.body, "endpoint_config_name") else {
            return;
        };
        let configs = || {
            resources
                .iter()
                .copied()
                .filter(|b| labels(b).first().is_some_and(|t| CONFIG_TYPES.contains(t)))
        };
        let target = match &reference.kind {
            // `aws_sagemaker_endpoint_configuration.NAME.name` (or `.id`, `.endpoint_config_name`).
            ExprKind::Other => {
                let written = self.written(&reference.span);
                // JSON syntax writes the reference as a template: "${a.b.c}".
                let written = written
                    .strip_prefix("\"${")
                    .and_then(|w| w.strip_suffix("}\""))
                    .unwrap_or(&written);
                let parts: Vec<&str> = written.split('.').collect();
                match parts.as_slice() {
                    // `.this[0]` (with `count`) or `.this["a"]` (with `for_each`) is the same block.
                    [rtype, name, _attr] => {
                        let name = name.split('[').next().unwrap_or(name);
                        configs().find(|b| labels(b) == [*rtype, name])
                    }
                    _ => None,
                }
            }
            ExprKind::Str(s) => configs().find(|b| {
                ["name", "endpoint_config_name"].iter().any(|k| {
                    attribute(&b.body, k)
                        .is_some_and(|n| matches!(&n.kind, ExprKind::Str(v) if v == s))
                })
            }),
            _ => None,
        };
        // Both named by the same expression (`var.config_name`, with the endpoint's
        // `depends_on` the config): that config.
        let target = target.or_else(|| {
            if !matches!(reference.kind, ExprKind::Other) {
                return None;
            }
            let written = self.written(&reference.span);
            configs().find(|b| {
                ["name", "endpoint_config_name"].iter().any(|k| {
                    attribute(&b.body, k).is_some_and(|n| {
                        matches!(n.kind, ExprKind::Other) && self.written(&n.span) == written
                    })
                })
            })
        });
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
        let from = format!("{id}, which endpoint_config_name refers to");
        crate::read_new_fleet(&list, &id, &from, &dropped, document, notes);
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

/// Each variable default and each local with a literal value (`var.x`, `local.y`).
fn defaults(body: &[Structure]) -> Vec<crate::defaults::Given> {
    use crate::defaults::{number, Given};
    let literal = |e: &Expr| match &e.kind {
        ExprKind::Str(s) => Some(Kind::Str(s.clone())),
        ExprKind::Number(n) => Some(number(n)),
        ExprKind::Bool(b) => Some(Kind::Bool(*b)),
        _ => None,
    };
    let mut given = Vec::new();
    for s in body {
        let Structure::Block(b) = s else { continue };
        match (b.ident.as_str(), b.labels.as_slice()) {
            ("variable", [name]) => {
                if let Some(v) = attribute(&b.body, "default").and_then(literal) {
                    given.push(Given::terraform(&format!("var.{name}"), v));
                }
            }
            ("locals", []) => {
                for l in &b.body {
                    if let Structure::Attribute(a) = l {
                        if let Some(v) = literal(&a.value) {
                            given.push(Given::terraform(&format!("local.{}", a.key), v));
                        }
                    }
                }
            }
            _ => {}
        }
    }
    given
}

/// Leads a schema walk's message (in the API's spelling) with the argument's Terraform path.
fn in_terraform_terms(mut e: ImportError) -> ImportError {
    if let Some(path) = &e.path {
        let tf: Vec<String> = path
            .split('.')
            .map(|part| {
                let (name, index) = part.split_at(part.find('[').unwrap_or(part.len()));
                let name = if name == "EndpointName" {
                    "name".to_string()
                } else {
                    snake(name)
                };
                format!("{name}{index}")
            })
            .collect();
        e.message = format!("{}: {}", tf.join("."), e.message);
    }
    e
}

/// Adds `item` to the list that repeated blocks built in `list`: true when `list` is one (or
/// a `dynamic` block's placeholder, which becomes its first element).
fn add_to_list(list: &mut Value, item: Value) -> bool {
    match &mut list.kind {
        Kind::List(items) => {
            items.push(item);
            true
        }
        Kind::Placeholder(expr) if expr.starts_with("dynamic \"") => {
            let first = Value {
                pos: list.pos,
                kind: Kind::Placeholder(std::mem::take(expr)),
            };
            list.kind = Kind::List(vec![first, item]);
            true
        }
        _ => false,
    }
}

/// A number as Terraform reads it: an integer when it has no fraction or exponent.
fn number(text: &str) -> Kind {
    if !text.contains(['.', 'e', 'E']) {
        return Kind::Int {
            text: text.to_string(),
            value: text.parse::<i64>().ok(),
        };
    }
    Kind::Float {
        text: text.to_string(),
        value: text.parse::<f64>().ok().filter(|f| f.is_finite()),
    }
}
