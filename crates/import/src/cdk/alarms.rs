//! CDK alarms (TypeScript and Python), in the endpoint's stack or alone: `CfnAlarm` (its
//! props are `AWS::CloudWatch::Alarm`'s, in camelCase or snake_case), the L2 `Alarm` with a
//! `Metric` (or a `MathExpression`) and `metric.createAlarm(...)`. The L2 constructs' enums
//! (`ComparisonOperator.GREATER_THAN_THRESHOLD`), `Duration`s and statistics (`'p99'`,
//! `Stats.SUM`) are read as CDK synthesizes them, with CDK's defaults where the code leaves
//! them out. A rollback alarm named `errors.ref`, `errors.alarmName` (or its ARN) refers to
//! the construct assigned to `errors`. Composite alarms are noted.

use super::convert::{drop_nulls, keep, Converter};
use super::syntax::{lex, source, Arg, Lang, Member, Node, NodeKind, Parser, Tok, TokKind};
use crate::cloudformation::Shape;
use crate::cloudwatch::{conform, Def, Found, Ref, METRIC_ALARM};
use crate::names::pascal_from_snake;
use crate::tree;
use crate::{Options, Outcome, Refusal};
use designer_core::import::Source;
use designer_core::model::DesignDocument;
use designer_core::value::{Entry, Kind, Pos, Value};

/// The calls read, by the name before their `(`.
#[derive(Clone, Copy, PartialEq)]
enum Call {
    Cfn,
    Alarm,
    Create,
    Composite,
}

fn call_of(name: &str) -> Option<Call> {
    match name {
        "CfnAlarm" => Some(Call::Cfn),
        "Alarm" => Some(Call::Alarm),
        "createAlarm" | "create_alarm" => Some(Call::Create),
        "CfnCompositeAlarm" | "CompositeAlarm" => Some(Call::Composite),
        _ => None,
    }
}

/// True when `text` may hold CDK alarms.
pub(crate) fn detect(text: &str) -> bool {
    [
        "CfnAlarm(",
        "createAlarm(",
        "create_alarm(",
        "Alarm(",
        "CompositeAlarm(",
    ]
    .iter()
    .any(|s| text.contains(s))
        && (text.contains("cloudwatch") || text.contains("aws_cdk") || text.contains("aws-cdk"))
}

/// The language of a CDK file: TypeScript writes `new`.
pub(crate) fn lang_of(text: &str) -> Lang {
    if ["Alarm", "CfnAlarm", "Metric", "CfnEndpoint"]
        .iter()
        .any(|c| super::has_new_call(text, c))
    {
        Lang::Ts
    } else {
        Lang::Py
    }
}

/// The alarms the CDK code defines.
pub(crate) fn find(text: &str, toks: &[Tok], lang: Lang) -> Found {
    let language = if lang == Lang::Ts {
        "TypeScript"
    } else {
        "Python"
    };
    let mut found = Found::new(
        if lang == Lang::Py {
            Source::Python
        } else {
            Source::Json
        },
        ("a CDK alarm", "CDK alarms"),
        (
            &format!("a CDK alarm ({language})"),
            &format!("CDK alarms ({language})"),
        ),
    );
    let mut conv = Converter::new(text, toks, lang, true).with_bindings();
    for (i, t) in toks.iter().enumerate() {
        let TokKind::Ident(name) = &t.kind else {
            continue;
        };
        let Some(call) = call_of(name) else { continue };
        if !punct(toks, i + 1, "(") || defines(toks, i) {
            continue;
        }
        let mut p = Parser::new(toks, text, lang);
        p.i = i + 1;
        let Ok(args) = p.args(1) else {
            found.notes.push(format!(
                "The `{name}(...)` at line {} does not read; it was not imported.",
                t.pos.line
            ));
            continue;
        };
        let variable = assigned_to(toks, i);
        let label = match (&variable, construct_id(&args)) {
            (_, Some(id)) => format!("`{id}` (line {})", t.pos.line),
            (Some(v), None) => format!("`{v}` (line {})", t.pos.line),
            (None, None) => format!("at line {}", t.pos.line),
        };
        let tree = match call {
            Call::Composite => {
                found.composites.push((label, t.pos));
                continue;
            }
            Call::Cfn => cfn(&mut conv, &args, t.pos),
            Call::Alarm => {
                let metric = prop_node(&args, "metric");
                l2(
                    &mut conv,
                    &args,
                    metric.as_ref(),
                    t.pos,
                    &label,
                    &mut found.notes,
                )
            }
            Call::Create => {
                let metric = receiver(toks, text, lang, i);
                l2(
                    &mut conv,
                    &args,
                    metric.as_ref(),
                    t.pos,
                    &label,
                    &mut found.notes,
                )
            }
        };
        let refs = variable.map_or_else(Vec::new, |v| {
            let mut r: Vec<Ref> = ["ref", "alarmName", "alarm_name"]
                .iter()
                .map(|a| Ref::name(&format!("{v}.{a}")))
                .collect();
            r.extend(
                ["attrArn", "attr_arn", "alarmArn", "alarm_arn"]
                    .iter()
                    .map(|a| Ref::arn(&format!("{v}.{a}"))),
            );
            r
        });
        found.defs.push(Def { tree, label, refs });
    }
    found.notes.extend(conv.notes);
    found
}

fn punct(toks: &[Tok], i: usize, p: &str) -> bool {
    matches!(toks.get(i).map(|t| &t.kind), Some(TokKind::Punct(q)) if *q == p)
}

fn ident(toks: &[Tok], i: usize) -> Option<&str> {
    match toks.get(i).map(|t| &t.kind) {
        Some(TokKind::Ident(w)) => Some(w),
        _ => None,
    }
}

/// True when the name at `i` is defined there (`def`, `class`, `function`), not called.
fn defines(toks: &[Tok], i: usize) -> bool {
    matches!(
        i.checked_sub(1).and_then(|j| ident(toks, j)),
        Some("def" | "class" | "function" | "extends" | "interface")
    )
}

/// The variable the call at `i` is assigned to (`const errors = new cw.Alarm(`,
/// `this.errors = ...`, `errors = cw.Alarm(`): its dotted name.
fn assigned_to(toks: &[Tok], i: usize) -> Option<String> {
    // Back over the qualifiers and `new`.
    let mut j = i;
    while j >= 2 && punct(toks, j - 1, ".") && ident(toks, j - 2).is_some() {
        j -= 2;
    }
    if j >= 1 && ident(toks, j - 1) == Some("new") {
        j -= 1;
    }
    if j < 2 || !punct(toks, j - 1, "=") {
        return None;
    }
    let mut k = j - 2;
    let mut name = ident(toks, k)?.to_string();
    while k >= 2 && punct(toks, k - 1, ".") {
        let Some(w) = ident(toks, k - 2) else { break };
        name = format!("{w}.{name}");
        k -= 2;
    }
    Some(name)
}

/// The construct id: the second positional argument, or `id=`.
fn construct_id(args: &[Arg]) -> Option<String> {
    let mut positional = args.iter().filter_map(|a| match a {
        Arg::Positional(n) => Some(n),
        _ => None,
    });
    let by_name = args.iter().find_map(|a| match a {
        Arg::Keyword { name, value, .. } if name == "id" || name == "construct_id" => Some(value),
        _ => None,
    });
    match positional.nth(1).or(by_name).map(|n| &n.kind) {
        Some(NodeKind::Str(s)) => Some(s.clone()),
        _ => None,
    }
}

/// The props member `key` (camelCase in TypeScript's third argument, snake_case keyword in
/// Python) as written.
fn prop_node(args: &[Arg], key: &str) -> Option<Node> {
    let snake = snake(key);
    args.iter().find_map(|a| match a {
        Arg::Keyword { name, value, .. } if *name == snake || name == key => Some(value.clone()),
        Arg::Positional(Node {
            kind: NodeKind::Obj(members),
            ..
        }) => members.iter().find_map(|m| match m {
            Member::Keyed { key: k, value, .. } if k == key || *k == snake => Some(value.clone()),
            _ => None,
        }),
        _ => None,
    })
}

fn snake(camel: &str) -> String {
    let mut out = String::new();
    for c in camel.chars() {
        if c.is_ascii_uppercase() {
            out.push('_');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// The props of a construct (third positional argument, or keywords) in PascalCase.
fn props(conv: &mut Converter, args: &[Arg], pos: Pos) -> Vec<Entry> {
    let mut out = Vec::new();
    let mut positional = 0;
    for a in args {
        match a {
            Arg::Positional(n) => {
                positional += 1;
                if positional == 3 {
                    if let Kind::Map(e) = conv.value(n, 1).kind {
                        out.extend(e);
                    }
                }
            }
            Arg::Keyword { name, .. }
                if matches!(name.as_str(), "scope" | "id" | "construct_id") => {}
            Arg::Keyword { name, pos, value } => {
                let v = conv.value(value, 1);
                out.push(Entry {
                    key: pascal_from_snake(name),
                    key_pos: *pos,
                    value: v,
                });
            }
            Arg::Star(_) => {}
        }
    }
    let _ = pos;
    out
}

/// `CfnAlarm`: `AWS::CloudWatch::Alarm`'s properties.
fn cfn(conv: &mut Converter, args: &[Arg], pos: Pos) -> Value {
    let names: Vec<&str> = METRIC_ALARM.iter().map(|(n, _)| *n).collect();
    let tree = drop_nulls(tree::map(
        pos,
        props(conv, args, pos)
            .into_iter()
            .map(|e| (e.key, e.key_pos, e.value))
            .collect(),
    ));
    conform(keep(&tree, &names), Shape::Struct(METRIC_ALARM))
}

/// The L2 `Alarm` (or `createAlarm`'s props) on `metric`, with CDK's defaults.
fn l2(
    conv: &mut Converter,
    args: &[Arg],
    metric: Option<&Node>,
    pos: Pos,
    label: &str,
    notes: &mut Vec<String>,
) -> Value {
    let mut out: Vec<Entry> = Vec::new();
    let mut defaults = Vec::new();
    for e in props(conv, args, pos) {
        let value = match e.key.as_str() {
            "AlarmName" | "Threshold" | "EvaluationPeriods" | "DatapointsToAlarm" => e.value,
            "ComparisonOperator" => {
                enum_value(e.value, |w| pascal_from_snake(&w.to_ascii_lowercase()))
            }
            "TreatMissingData" => enum_value(e.value, |w| {
                let p = pascal_from_snake(&w.to_ascii_lowercase());
                let mut c = p.chars();
                c.next()
                    .map(|f| f.to_lowercase().chain(c).collect())
                    .unwrap_or_default()
            }),
            _ => continue,
        };
        if !matches!(value.kind, Kind::Null) {
            out.push(Entry { value, ..e });
        }
    }
    if !out.iter().any(|e| e.key == "ComparisonOperator") {
        out.push(entry(
            "ComparisonOperator",
            pos,
            tree::string(pos, "GreaterThanOrEqualToThreshold"),
        ));
        defaults.push("comparisonOperator GREATER_THAN_OR_EQUAL_TO_THRESHOLD");
    }
    match metric {
        Some(m) => out.extend(metric_members(conv, m, pos, 0, &mut defaults)),
        None => notes.push(format!("The alarm {label} names no metric the code shows; fill in its Namespace and MetricName.")),
    }
    if !defaults.is_empty() {
        defaults.sort_unstable();
        defaults.dedup();
        notes.push(format!(
            "The alarm {label} leaves out what CDK then sets: {}.",
            defaults.join(", ")
        ));
    }
    conform(
        tree::map(
            pos,
            out.into_iter()
                .map(|e| (e.key, e.key_pos, e.value))
                .collect(),
        ),
        Shape::Struct(METRIC_ALARM),
    )
}

fn entry(key: &str, pos: Pos, value: Value) -> Entry {
    Entry {
        key: key.to_string(),
        key_pos: pos,
        value,
    }
}

/// `cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD` (a placeholder of the code) as the
/// API's value, by `word` of its last part; a string as it is.
fn enum_value(v: Value, word: impl Fn(&str) -> String) -> Value {
    match &v.kind {
        Kind::Placeholder(code) => {
            let last = code.rsplit('.').next().unwrap_or(code);
            if !last.is_empty()
                && last
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c == '_' || c.is_ascii_digit())
            {
                tree::string(v.pos, word(last))
            } else {
                v
            }
        }
        _ => v,
    }
}

/// The metric `node` is (a `Metric`, a `MathExpression`, a name bound to one) as
/// `PutMetricAlarm`'s members; what the code does not show as a placeholder.
fn metric_members(
    conv: &mut Converter,
    node: &Node,
    pos: Pos,
    depth: usize,
    defaults: &mut Vec<&'static str>,
) -> Vec<Entry> {
    let unknown = || {
        vec![entry(
            "MetricName",
            node.pos,
            tree::placeholder(node.pos, source(conv.text, node)),
        )]
    };
    if depth > 8 {
        return unknown();
    }
    match &node.kind {
        NodeKind::Name(n) => match bound(conv, n) {
            Some(b) => metric_members(conv, &b, pos, depth + 1, defaults),
            None => unknown(),
        },
        NodeKind::Call {
            callee: Some(c),
            args,
            ..
        } if c.ends_with("MathExpression") => math(conv, node, args, depth, defaults),
        NodeKind::Call {
            callee: Some(c),
            args,
            ..
        } if c == "Metric" || c.ends_with(".Metric") => {
            let mut out = Vec::new();
            let stat = metric_props(conv, args, &mut out, defaults);
            if let Some(s) = stat {
                out.push(s);
            }
            out
        }
        _ => unknown(),
    }
}

/// The value bound once to `name`, as written.
fn bound(conv: &Converter, name: &str) -> Option<Node> {
    let places = conv.bindings.get(name)?;
    let [(at, _)] = places.as_slice() else {
        return None;
    };
    let mut p = Parser::new(conv.toks, conv.text, conv.lang);
    p.i = *at;
    p.expr(0, true).ok()
}

/// A `Metric`'s props onto `out` (Namespace, MetricName, Dimensions, Period, Unit); returns
/// its statistic as `Statistic` or `ExtendedStatistic`.
fn metric_props(
    conv: &mut Converter,
    args: &[Arg],
    out: &mut Vec<Entry>,
    defaults: &mut Vec<&'static str>,
) -> Option<Entry> {
    // TypeScript passes one object; Python keywords.
    let mut members: Vec<(String, Pos, Node)> = Vec::new();
    for a in args {
        match a {
            Arg::Positional(Node {
                kind: NodeKind::Obj(ms),
                ..
            }) => {
                for m in ms {
                    if let Member::Keyed {
                        key,
                        key_pos,
                        value,
                    } = m
                    {
                        members.push((key.clone(), *key_pos, value.clone()));
                    }
                }
            }
            Arg::Keyword { name, pos, value } => members.push((name.clone(), *pos, value.clone())),
            _ => {}
        }
    }
    let mut stat = None;
    let mut period = false;
    for (key, key_pos, value) in &members {
        match key.as_str() {
            "namespace" => out.push(entry("Namespace", *key_pos, conv.value(value, 1))),
            "metricName" | "metric_name" => {
                out.push(entry("MetricName", *key_pos, conv.value(value, 1)))
            }
            "dimensionsMap" | "dimensions_map" | "dimensions" => {
                out.push(entry("Dimensions", *key_pos, dimensions(conv, value)))
            }
            "period" => {
                period = true;
                out.push(entry("Period", *key_pos, duration(conv, value)));
            }
            "statistic" => stat = Some(statistic(conv, value, *key_pos)),
            _ => {}
        }
    }
    if !period {
        let pos = members.first().map_or(Pos::START, |m| m.1);
        out.push(entry("Period", pos, tree::int(pos, 300)));
        defaults.push("period Duration.minutes(5)");
    }
    if stat.is_none() {
        let pos = members.first().map_or(Pos::START, |m| m.1);
        defaults.push("statistic Average");
        stat = Some(entry("Statistic", pos, tree::string(pos, "Average")));
    }
    stat
}

/// `{ EndpointName: 'x', VariantName: v }` (names as written) as CloudWatch's Dimensions.
fn dimensions(conv: &mut Converter, node: &Node) -> Value {
    let NodeKind::Obj(members) = &node.kind else {
        return tree::placeholder(node.pos, source(conv.text, node));
    };
    let mut items = Vec::new();
    for m in members {
        if let Member::Keyed {
            key,
            key_pos,
            value,
        } = m
        {
            let v = conv.value(value, 1);
            items.push(tree::map(
                *key_pos,
                vec![
                    (
                        "Name".to_string(),
                        *key_pos,
                        tree::string(*key_pos, key.clone()),
                    ),
                    ("Value".to_string(), v.pos, v),
                ],
            ));
        }
    }
    tree::node(node.pos, Kind::List(items))
}

/// `Duration.minutes(1)` (or `seconds`, `hours`) in seconds.
fn duration(conv: &mut Converter, node: &Node) -> Value {
    if let NodeKind::Call {
        callee: Some(c),
        args,
        ..
    } = &node.kind
    {
        let unit = match c.rsplit('.').next() {
            Some("seconds") => Some(1),
            Some("minutes") => Some(60),
            Some("hours") => Some(3600),
            _ => None,
        };
        if let (
            Some(unit),
            [Arg::Positional(Node {
                kind: NodeKind::Num(n),
                ..
            })],
        ) = (unit, args.as_slice())
        {
            if let Ok(n) = n.replace('_', "").parse::<i64>() {
                return tree::int(node.pos, n.saturating_mul(unit));
            }
        }
    }
    conv.value(node, 1)
}

/// A statistic as CDK writes it (`'p99'`, `'avg'`, `Stats.SUM`, `Stats.p(99)`).
fn statistic(conv: &mut Converter, node: &Node, key_pos: Pos) -> Entry {
    let written = match &node.kind {
        NodeKind::Str(s) => s.clone(),
        NodeKind::Call {
            callee: Some(c),
            args,
            ..
        } if c.ends_with(".p") || c.ends_with(".percentile") => match args.as_slice() {
            [Arg::Positional(Node {
                kind: NodeKind::Num(n),
                ..
            })] => format!("p{n}"),
            _ => String::new(),
        },
        NodeKind::Code | NodeKind::Name(_) => source(conv.text, node)
            .rsplit('.')
            .next()
            .unwrap_or_default()
            .to_string(),
        _ => String::new(),
    };
    let known = match written.to_ascii_lowercase().as_str() {
        "average" | "avg" => Some("Average"),
        "sum" => Some("Sum"),
        "minimum" | "min" => Some("Minimum"),
        "maximum" | "max" => Some("Maximum"),
        "samplecount" | "sample_count" | "n" => Some("SampleCount"),
        _ => None,
    };
    match known {
        Some(s) => entry("Statistic", key_pos, tree::string(node.pos, s)),
        None if written.len() > 1
            && (written.starts_with(['p', 'P', 't', 'T']) || written.contains('(')) =>
        {
            entry(
                "ExtendedStatistic",
                key_pos,
                tree::string(node.pos, written.to_ascii_lowercase()),
            )
        }
        None => entry("Statistic", key_pos, conv.value(node, 1)),
    }
}

/// A `MathExpression` as metric math: the expression, returned, and each metric it uses.
fn math(
    conv: &mut Converter,
    node: &Node,
    args: &[Arg],
    depth: usize,
    defaults: &mut Vec<&'static str>,
) -> Vec<Entry> {
    let pos = node.pos;
    let expression = prop_node(args, "expression");
    let using = prop_node(args, "usingMetrics");
    let mut queries = Vec::new();
    let mut first = vec![("Id".to_string(), pos, tree::string(pos, "expr_1"))];
    if let Some(e) = &expression {
        first.push(("Expression".to_string(), e.pos, conv.value(e, 1)));
    }
    first.push((
        "ReturnData".to_string(),
        pos,
        tree::node(pos, Kind::Bool(true)),
    ));
    queries.push(tree::map(pos, first));
    match using.as_ref().map(|u| &u.kind) {
        Some(NodeKind::Obj(members)) => {
            for m in members {
                let Member::Keyed {
                    key,
                    key_pos,
                    value,
                } = m
                else {
                    continue;
                };
                let inner = metric_members(conv, value, *key_pos, depth + 1, defaults);
                let mut metric = Vec::new();
                let mut stat = Vec::new();
                for e in inner {
                    match e.key.as_str() {
                        "Namespace" | "MetricName" | "Dimensions" => {
                            metric.push((e.key, e.key_pos, e.value))
                        }
                        "Period" => stat.push((e.key, e.key_pos, e.value)),
                        "Statistic" | "ExtendedStatistic" => {
                            stat.push(("Stat".to_string(), e.key_pos, e.value))
                        }
                        _ => {}
                    }
                }
                stat.insert(
                    0,
                    ("Metric".to_string(), *key_pos, tree::map(*key_pos, metric)),
                );
                queries.push(tree::map(
                    *key_pos,
                    vec![
                        (
                            "Id".to_string(),
                            *key_pos,
                            tree::string(*key_pos, key.clone()),
                        ),
                        (
                            "MetricStat".to_string(),
                            *key_pos,
                            tree::map(*key_pos, stat),
                        ),
                        (
                            "ReturnData".to_string(),
                            *key_pos,
                            tree::node(*key_pos, Kind::Bool(false)),
                        ),
                    ],
                ));
            }
        }
        Some(_) => {
            if let Some(u) = &using {
                queries.push(tree::placeholder(u.pos, source(conv.text, u)));
            }
        }
        None => {}
    }
    vec![entry("Metrics", pos, tree::node(pos, Kind::List(queries)))]
}

/// The metric `createAlarm` is called on (the token before its `.`): a name bound to a
/// `Metric`, or a `new Metric(...)` written in place.
fn receiver(toks: &[Tok], text: &str, lang: Lang, i: usize) -> Option<Node> {
    if i < 2 || !punct(toks, i - 1, ".") {
        return None;
    }
    let before = i - 2;
    if let Some(name) = ident(toks, before) {
        let t = toks.get(before)?;
        return Some(Node {
            kind: NodeKind::Name(name.to_string()),
            pos: t.pos,
            start: t.start,
            end: t.end,
        });
    }
    if !punct(toks, before, ")") {
        return None;
    }
    // Back to the matching `(`, and the dotted callee before it.
    let mut depth = 0usize;
    let mut k = before;
    loop {
        match toks.get(k).map(|t| &t.kind) {
            Some(TokKind::Punct(")")) => depth += 1,
            Some(TokKind::Punct("(")) => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            None => return None,
            _ => {}
        }
        k = k.checked_sub(1)?;
    }
    let mut c = k.checked_sub(1)?;
    let mut callee = ident(toks, c)?.to_string();
    while c >= 2 && punct(toks, c - 1, ".") {
        let Some(w) = ident(toks, c - 2) else { break };
        callee = format!("{w}.{callee}");
        c -= 2;
    }
    let mut p = Parser::new(toks, text, lang);
    p.i = k;
    let args = p.args(1).ok()?;
    let start = toks.get(c)?;
    let end = toks.get(before)?;
    Some(Node {
        kind: NodeKind::Call {
            callee: Some(callee),
            new: true,
            args,
        },
        pos: start.pos,
        start: start.start,
        end: end.end,
    })
}

/// A CDK file that defines alarms and no endpoint: `None` when it has the endpoint (whose
/// import reads the alarms with it) or no alarm.
pub(crate) fn alone(
    text: &str,
    current: &DesignDocument,
    _options: &Options,
) -> Option<Result<Outcome, Refusal>> {
    if super::detect(text) || !detect(text) {
        return None;
    }
    let lang = lang_of(text);
    let toks = lex(text, lang);
    let found = find(text, &toks, lang);
    if found.is_empty() {
        return None;
    }
    Some(crate::cloudwatch::alone(found, current))
}
