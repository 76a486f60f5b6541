//! Terraform `aws_cloudwatch_metric_alarm` blocks, in the endpoint's configuration or
//! alone (a module with its variables): snake_case arguments mapped onto `PutMetricAlarm`'s
//! members, the `dimensions = { EndpointName = ... }` map as CloudWatch's `Dimensions`,
//! `metric_query` blocks as its metric math. Values are read as the endpoint's are
//! (`var.x` and references as placeholders, `"60"` as 60). A rollback alarm named
//! `aws_cloudwatch_metric_alarm.x.alarm_name` (or `.id`, or `.arn`) refers to the block
//! and is linked to its name. `aws_cloudwatch_composite_alarm` blocks are noted.

use super::hcl::{self, Block, Expr, ExprKind, Structure};
use super::{attribute, go, items_of_body, labels, Item, Lines, Reader};
use crate::cloudformation::{member, Shape};
use crate::cloudwatch::{Def, Found, Ref, METRIC_ALARM, QUERY};
use crate::names::pascal_from_snake;
use crate::{Options, Outcome, Refusal};
use designer_core::import::{ImportError, Source};
use designer_core::model::DesignDocument;
use designer_core::value::{Entry, Kind, Pos, Value};
use std::cell::RefCell;

const ALARM: &str = "aws_cloudwatch_metric_alarm";
const COMPOSITE: &str = "aws_cloudwatch_composite_alarm";
const ENDPOINTS: &[&str] = &["aws_sagemaker_endpoint", "awscc_sagemaker_endpoint"];

/// Arguments that do not change when the alarm trips, and Terraform's meta-arguments.
const LEFT_OUT: &[&str] = &[
    "alarm_description",
    "actions_enabled",
    "alarm_actions",
    "ok_actions",
    "insufficient_data_actions",
    "evaluate_low_sample_count_percentiles",
    "threshold_metric_id",
    "tags",
    "tags_all",
    "provider",
    "depends_on",
    "lifecycle",
    "region",
    "timeouts",
];

/// The alarm blocks among `resources`.
pub(super) fn find(reader: &Reader, resources: &[&Block]) -> Found {
    let mut found = Found::new(
        Source::Json,
        (&format!("an `{ALARM}` block"), &format!("`{ALARM}` blocks")),
        (
            &format!("a Terraform `{ALARM}` block"),
            &format!("Terraform `{ALARM}` blocks"),
        ),
    );
    for b in resources {
        let names = labels(b);
        let (Some(&rtype), Some(&name)) = (names.first(), names.get(1)) else {
            continue;
        };
        let id = format!("{rtype}.{name}");
        if rtype == COMPOSITE {
            let shown = match attribute(&b.body, "alarm_name").map(|e| &e.kind) {
                Some(ExprKind::Str(s)) => format!("`{s}`"),
                _ => format!("`{id}`"),
            };
            found.composites.push((shown, reader.lines.pos(b.ident_at)));
            continue;
        }
        if rtype != ALARM {
            continue;
        }
        let label = format!("`{id}`");
        if attribute(&b.body, "count").is_some() || attribute(&b.body, "for_each").is_some() {
            found.notes.push(format!(
                "{label} has `count` or `for_each`, so it may define several alarms: the import reads it as one."
            ));
        }
        let tree = definition(reader, b, &label, &mut found.notes);
        found.defs.push(Def {
            tree,
            label,
            refs: vec![
                Ref::name(&format!("{id}.alarm_name")),
                Ref::name(&format!("{id}.id")),
                Ref::arn(&format!("{id}.arn")),
            ],
        });
    }
    found
}

/// One block's arguments in `PutMetricAlarm`'s spelling.
fn definition(reader: &Reader, block: &Block, label: &str, notes: &mut Vec<String>) -> Value {
    let mut out: Vec<Entry> = Vec::new();
    let mut unknown = Vec::new();
    let mut queries = Vec::new();
    let mut queries_at = None;
    for (key, key_at, item) in items_of_body(&block.body) {
        let key_pos = reader.lines.pos(key_at);
        if LEFT_OUT.contains(&key.as_str()) || key == "count" || key == "for_each" {
            continue;
        }
        match (key.as_str(), item) {
            ("dimensions", Item::Attr(e)) => out.push(entry(
                "Dimensions",
                key_pos,
                dimensions(reader, e, label, notes),
            )),
            ("metric_query", Item::Block(b)) => {
                queries_at.get_or_insert(key_pos);
                queries.push(query(reader, b, label, notes));
            }
            ("metric_query", Item::Dynamic(b)) => {
                queries_at.get_or_insert(key_pos);
                let for_each = attribute(&b.body, "for_each")
                    .map(|e| reader.written(&e.span))
                    .unwrap_or_default();
                queries.push(Value {
                    pos: key_pos,
                    kind: Kind::Placeholder(format!(
                        "dynamic \"metric_query\" for_each = {for_each}"
                    )),
                });
            }
            (_, Item::Attr(e)) => {
                let api = pascal_from_snake(&key);
                match member(METRIC_ALARM, &api) {
                    Some(shape @ (Shape::Str | Shape::Int | Shape::Float | Shape::Bool)) => {
                        if let Some(v) = scalar(reader, e, shape, &api, label, notes) {
                            out.push(entry(&api, key_pos, v));
                        }
                    }
                    _ => unknown.push(key),
                }
            }
            _ => unknown.push(key),
        }
    }
    if let Some(pos) = queries_at {
        out.push(entry(
            "Metrics",
            pos,
            Value {
                pos,
                kind: Kind::List(queries),
            },
        ));
    }
    if !unknown.is_empty() {
        notes.push(format!(
            "The alarm {label} has arguments the designer does not read, left out: {}.",
            crate::cli::listed(&unknown)
        ));
    }
    Value {
        pos: reader.lines.pos(block.ident_at),
        kind: Kind::Map(out),
    }
}

fn entry(key: &str, key_pos: Pos, value: Value) -> Entry {
    Entry {
        key: key.to_string(),
        key_pos,
        value,
    }
}

/// A scalar argument as `shape` (`None` for `null`, or with a note when it does not read).
fn scalar(
    reader: &Reader,
    e: &Expr,
    shape: Shape,
    api: &str,
    label: &str,
    notes: &mut Vec<String>,
) -> Option<Value> {
    match reader.expr(e, shape, api, api) {
        Ok(v) => v,
        Err(r) => {
            notes.push(format!(
                "{api} of the alarm {label} was not imported: {}",
                r.error.message
            ));
            None
        }
    }
}

/// `dimensions = { EndpointName = ..., VariantName = ... }` as a list of `Dimension`s; any
/// other expression (`var.dimensions`, `merge(...)`) as a placeholder.
fn dimensions(reader: &Reader, e: &Expr, label: &str, notes: &mut Vec<String>) -> Value {
    let pos = reader.lines.pos(e.span.start);
    let ExprKind::Object(members) = &e.kind else {
        return Value {
            pos,
            kind: Kind::Placeholder(reader.written(&e.span)),
        };
    };
    let mut items = Vec::new();
    for (key, key_at, value) in members {
        let key_pos = reader.lines.pos(*key_at);
        let Some(name) = key else {
            notes.push(format!("A dimension of the alarm {label} has a computed name ({key_pos}): it was not imported."));
            continue;
        };
        let Some(v) = scalar(reader, value, Shape::Str, "Dimensions", label, notes) else {
            continue;
        };
        items.push(Value {
            pos: key_pos,
            kind: Kind::Map(vec![
                entry(
                    "Name",
                    key_pos,
                    Value {
                        pos: key_pos,
                        kind: Kind::Str(name.clone()),
                    },
                ),
                entry("Value", v.pos, v),
            ]),
        });
    }
    Value {
        pos,
        kind: Kind::List(items),
    }
}

/// A `metric_query` block as a `MetricDataQuery` (its `metric` block as the `MetricStat`).
fn query(reader: &Reader, block: &Block, label: &str, notes: &mut Vec<String>) -> Value {
    let pos = reader.lines.pos(block.ident_at);
    let mut out = Vec::new();
    for (key, key_at, item) in items_of_body(&block.body) {
        let key_pos = reader.lines.pos(key_at);
        match (key.as_str(), item) {
            ("metric", Item::Block(m)) => out.push(entry(
                "MetricStat",
                key_pos,
                metric(reader, m, label, notes),
            )),
            (_, Item::Attr(e)) => {
                let api = pascal_from_snake(&key);
                if let Some(shape @ (Shape::Str | Shape::Int | Shape::Bool)) = member(QUERY, &api) {
                    if let Some(v) = scalar(reader, e, shape, &api, label, notes) {
                        out.push(entry(&api, key_pos, v));
                    }
                }
            }
            _ => {}
        }
    }
    Value {
        pos,
        kind: Kind::Map(out),
    }
}

/// A `metric` block: the metric's name, namespace and dimensions, and the stat's period,
/// statistic and unit, as a `MetricStat`.
fn metric(reader: &Reader, block: &Block, label: &str, notes: &mut Vec<String>) -> Value {
    let pos = reader.lines.pos(block.ident_at);
    let mut stat = Vec::new();
    let mut metric = Vec::new();
    for (key, key_at, item) in items_of_body(&block.body) {
        let key_pos = reader.lines.pos(key_at);
        let Item::Attr(e) = item else { continue };
        let (api, shape, into_metric) = match key.as_str() {
            "metric_name" => ("MetricName", Shape::Str, true),
            "namespace" => ("Namespace", Shape::Str, true),
            "period" => ("Period", Shape::Int, false),
            "stat" => ("Stat", Shape::Str, false),
            "unit" => ("Unit", Shape::Str, false),
            "dimensions" => {
                metric.push(entry(
                    "Dimensions",
                    key_pos,
                    dimensions(reader, e, label, notes),
                ));
                continue;
            }
            _ => continue,
        };
        if let Some(v) = scalar(reader, e, shape, api, label, notes) {
            if into_metric { &mut metric } else { &mut stat }.push(entry(api, key_pos, v));
        }
    }
    stat.insert(
        0,
        entry(
            "Metric",
            pos,
            Value {
                pos,
                kind: Kind::Map(metric),
            },
        ),
    );
    Value {
        pos,
        kind: Kind::Map(stat),
    }
}

/// A configuration (or a module) that defines alarms and no endpoint: `None` when it has
/// the endpoint (whose import reads the alarms with it) or no alarm.
pub(crate) fn alone(
    text: &str,
    current: &DesignDocument,
    options: &Options,
) -> Option<Result<Outcome, Refusal>> {
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
    let body: Vec<Structure> = if is_json {
        match designer_core::json::parse(text) {
            Ok(root) => super::json::body(text, &root, &|p| reader.lines.offset(p)),
            Err(e) => return Some(Err(ImportError::from(e).into())),
        }
    } else {
        match hcl::parse(&prepared.hcl) {
            Ok(body) => body,
            Err(e) => return Some(Err(reader.syntax(&prepared.hcl, &e))),
        }
    };
    let resources: Vec<&Block> = body
        .iter()
        .filter_map(|s| match s {
            Structure::Block(b) if b.ident == "resource" && b.labels.len() == 2 => Some(b),
            _ => None,
        })
        .collect();
    if resources
        .iter()
        .any(|b| labels(b).first().is_some_and(|t| ENDPOINTS.contains(t)))
    {
        return None;
    }
    let found = find(&reader, &resources);
    if found.is_empty() {
        return None;
    }
    Some(crate::cloudwatch::alone(found, current).map(|mut outcome| {
        crate::defaults::offer_and_say(
            &mut outcome,
            &super::defaults(&body),
            options,
            "Defaults the text gives, for the values to fill in",
        );
        outcome
    }))
}
