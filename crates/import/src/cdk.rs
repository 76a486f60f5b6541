//! Import of CDK code: an `aws_sagemaker.CfnEndpoint` (TypeScript props as a camelCase
//! object literal, Python keyword arguments and `CfnEndpoint.*Property(...)` calls) and CDK
//! for Terraform's `SagemakerEndpoint` (the Terraform schema in camelCase or snake_case).
//! The props become a request in the API's spelling: names assigned once in the file are
//! resolved, anything else the code computes (`cfg.attrEndpointConfigName`, `${}`
//! templates, calls) is a placeholder at its position. A `CfnEndpointConfig` (or CDKTF's
//! `SagemakerEndpointConfiguration`) in the same file gives the new fleet.

pub(crate) mod alarms;
pub(crate) mod convert;
pub(crate) mod syntax;

use designer_core::import::{request_into, Source, Walk};
use designer_core::model::DesignDocument;
use designer_core::value::{Entry, Kind, Value};

use self::convert::{drop_nulls, fleet_words, keep_variant_members, Converter};
use self::syntax::{lex, source, Arg, Lang, Member, Node, NodeKind, Parser, Tok, TokKind};
use crate::{refuse, Choice, ChoiceOption, Options, Outcome, Refusal};

/// The two constructs read, and what differs between them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Construct {
    /// aws-cdk-lib's `CfnEndpoint` (CloudFormation's `AWS::SageMaker::Endpoint`).
    Cdk,
    /// cdktf's `SagemakerEndpoint` (Terraform's `aws_sagemaker_endpoint`).
    Cdktf,
    /// aws-stepfunctions-tasks' `SageMakerUpdateEndpoint`: a name and a config only.
    SfnTask,
    /// aws-stepfunctions-tasks' `CallAwsService` with `action: 'updateEndpoint'`: its
    /// `parameters` are the request in the API's spelling.
    CallAws,
}

/// The classes read, and what each is.
const CLASSES: &[(&str, Construct)] = &[
    ("CfnEndpoint", Construct::Cdk),
    ("SagemakerEndpoint", Construct::Cdktf),
    ("SageMakerUpdateEndpoint", Construct::SfnTask),
    ("CallAwsService", Construct::CallAws),
];

impl Construct {
    fn class(self) -> &'static str {
        match self {
            Construct::Cdk => "CfnEndpoint",
            Construct::Cdktf => "SagemakerEndpoint",
            Construct::SfnTask => "SageMakerUpdateEndpoint",
            Construct::CallAws => "CallAwsService",
        }
    }

    fn config_class(self) -> &'static str {
        match self {
            Construct::Cdk | Construct::SfnTask | Construct::CallAws => "CfnEndpointConfig",
            Construct::Cdktf => "SagemakerEndpointConfiguration",
        }
    }

    /// Props that configure the resource but are not part of the request.
    fn ignored(self) -> &'static [&'static str] {
        match self {
            Construct::Cdk => &["Tags"],
            Construct::SfnTask | Construct::CallAws => &[],
            Construct::Cdktf => &[
                "Tags",
                "TagsAll",
                "Provider",
                "DependsOn",
                "Lifecycle",
                "Count",
                "ForEach",
                "Connection",
                "Provisioners",
                "Id",
                "Region",
            ],
        }
    }
}

/// True when `text` calls `CfnEndpoint(`, `SagemakerEndpoint(`, `SageMakerUpdateEndpoint(`
/// or a `CallAwsService(` of `updateEndpoint`.
pub fn detect(text: &str) -> bool {
    CLASSES.iter().any(|(c, kind)| {
        has_call(text, c) && (*kind != Construct::CallAws || text.contains("updateEndpoint"))
    })
}

/// `name` as a whole word followed by `(`.
fn has_call(text: &str, name: &str) -> bool {
    let bytes = text.as_bytes();
    text.match_indices(name).any(|(i, _)| {
        let before = i.checked_sub(1).and_then(|j| bytes.get(j)).copied();
        let word_start =
            !before.is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'$');
        let after = text.get(i + name.len()..).unwrap_or("").trim_start();
        word_start && after.starts_with('(')
    })
}

/// `new` before a call of `name` (over a `sagemaker.` qualifier): TypeScript.
fn has_new_call(text: &str, name: &str) -> bool {
    let bytes = text.as_bytes();
    text.match_indices(name).any(|(i, _)| {
        let after = text.get(i + name.len()..).unwrap_or("").trim_start();
        if !after.starts_with('(') {
            return false;
        }
        let mut j = i;
        while j > 0
            && bytes.get(j - 1).is_some_and(|b| {
                b.is_ascii_alphanumeric() || *b == b'_' || *b == b'.' || *b == b'$'
            })
        {
            j -= 1;
        }
        let before = text.get(..j).unwrap_or("").trim_end();
        before.ends_with("new")
            && !before
                .get(..before.len() - 3)
                .unwrap_or("")
                .ends_with(|c: char| c.is_alphanumeric() || c == '_')
    })
}

/// One construct call found in the text.
struct Found {
    construct: Construct,
    /// Index of the class name's token; its `(` follows.
    at: usize,
}

fn find(toks: &[Tok], classes: &[(&str, Construct)]) -> Vec<Found> {
    let mut out = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        let TokKind::Ident(name) = &t.kind else {
            continue;
        };
        let Some(&(_, construct)) = classes.iter().find(|(c, _)| c == name) else {
            continue;
        };
        if !matches!(toks.get(i + 1).map(|t| &t.kind), Some(TokKind::Punct("("))) {
            continue;
        }
        // Walk back over `sagemaker.` qualifiers to see whether `new` starts the call; a
        // `def`/`class`/`function` of that name is not a call.
        let mut j = i;
        while j >= 2
            && matches!(toks.get(j - 1).map(|t| &t.kind), Some(TokKind::Punct(".")))
            && matches!(toks.get(j - 2).map(|t| &t.kind), Some(TokKind::Ident(_)))
        {
            j -= 2;
        }
        let before = j.checked_sub(1).and_then(|k| toks.get(k)).map(|t| &t.kind);
        if matches!(before, Some(TokKind::Ident(w)) if matches!(w.as_str(), "def" | "class" | "function" | "extends" | "interface"))
        {
            continue;
        }
        if matches!(before, Some(TokKind::Punct("."))) {
            continue;
        }
        out.push(Found { construct, at: i });
    }
    out
}

/// True when the `CallAwsService` at `at` has `action: 'updateEndpoint'` and service
/// `sagemaker`, as literals.
fn calls_update_endpoint(toks: &[Tok], text: &str, lang: Lang, at: usize) -> bool {
    let mut p = Parser::new(toks, text, lang);
    p.i = at + 1;
    let Ok(args) = p.args(1) else {
        return false;
    };
    let literal = |want: &str, value: &str| -> bool {
        args.iter().any(|a| match a {
            Arg::Keyword { name, value: v, .. } => {
                name == want && matches!(&v.kind, NodeKind::Str(s) if s == value)
            }
            Arg::Positional(Node {
                kind: NodeKind::Obj(members),
                ..
            }) => members.iter().any(|m| {
                matches!(m, Member::Keyed { key, value: v, .. }
                    if key == want && matches!(&v.kind, NodeKind::Str(s) if s == value))
            }),
            _ => false,
        })
    };
    literal("action", "updateEndpoint") && literal("service", "sagemaker")
}

/// The construct id (`'Ep'`), for the choice between several endpoints.
fn construct_id(toks: &[Tok], at: usize) -> Option<String> {
    // `Class ( scope , 'id'`
    match (
        toks.get(at + 3).map(|t| &t.kind),
        toks.get(at + 4).map(|t| &t.kind),
    ) {
        (Some(TokKind::Punct(",")), Some(TokKind::Str { value, .. })) => Some(value.clone()),
        _ => None,
    }
}

/// Reads `text` onto a copy of `current`.
pub fn import(text: &str, current: &DesignDocument, options: &Options) -> Result<Outcome, Refusal> {
    // TypeScript writes `new`; a file without it is Python (whose `#` comments TypeScript
    // would not skip).
    let lang = if CLASSES.iter().any(|(c, _)| has_new_call(text, c)) {
        Lang::Ts
    } else {
        Lang::Py
    };
    let toks = lex(text, lang);
    let found: Vec<Found> = find(&toks, CLASSES)
        .into_iter()
        .filter(|f| {
            f.construct != Construct::CallAws || calls_update_endpoint(&toks, text, lang, f.at)
        })
        .collect();
    if found.is_empty() {
        return Err(refuse_at(
            designer_core::value::Pos::START,
            "Found no `CfnEndpoint(...)`, `SagemakerEndpoint(...)` or Step Functions updateEndpoint task to import: paste the code that creates the endpoint".to_string(),
        ));
    }
    let mut choices = Vec::new();
    let mut chosen = 0usize;
    if found.len() > 1 {
        let name = "endpoint".to_string();
        chosen = options
            .choices
            .iter()
            .find(|(n, _)| *n == name)
            .map_or(0, |(_, i)| *i)
            .min(found.len() - 1);
        choices.push(Choice {
            name,
            question: None,
            options: found
                .iter()
                .map(|f| {
                    let line = toks.get(f.at).map_or(0, |t| t.pos.line);
                    let id =
                        construct_id(&toks, f.at).map_or_else(String::new, |id| format!(" '{id}'"));
                    ChoiceOption {
                        line,
                        label: format!("{}{id} (line {line})", f.construct.class()),
                    }
                })
                .collect(),
            chosen,
        });
    }
    let Some(target) = found.get(chosen) else {
        return Err(refuse_at(designer_core::value::Pos::START, "Found no endpoint to import".to_string()));
    };
    let construct = target.construct;
    let call_line = toks.get(target.at).map_or(0, |t| t.pos.line);
    let mut p = Parser::new(&toks, text, lang);
    p.i = target.at + 1;
    let args = p
        .args(1)
        .map_err(designer_core::import::ImportError::from)?;

    let mut conv = Converter::new(text, &toks, lang, true).with_bindings();
    let props = props(&mut conv, &args, construct, call_line)?;
    let props = match construct {
        Construct::CallAws => match props.get("Parameters") {
            Some(p) => p.clone(),
            None => {
                return Err(refuse_at(
                    toks.get(target.at).map_or(designer_core::value::Pos::START, |t| t.pos),
                    format!("The `CallAwsService` at line {call_line} has no parameters: they are the UpdateEndpoint request"),
                ))
            }
        },
        Construct::SfnTask => convert::keep(&props, &["EndpointName", "EndpointConfigName"]),
        Construct::Cdk | Construct::Cdktf => props,
    };
    let (props, left_out) = request_members(props, construct);
    let src = if lang == Lang::Py {
        Source::Python
    } else {
        Source::Json
    };
    let mut document = request_into(&props, src, current)?;
    let mut notes = Vec::new();
    if !left_out.is_empty() {
        notes.push(format!(
            "Not part of the UpdateEndpoint request, so left out: {}",
            left_out.join(", ")
        ));
    }
    let has_fleet = matches!(construct, Construct::Cdk | Construct::Cdktf);
    if let Some(note) = has_fleet
        .then(|| new_fleet(&mut conv, &toks, construct, &mut document))
        .flatten()
    {
        notes.push(note);
    }
    notes.extend(conv.notes);
    let given: Vec<crate::defaults::Given> = if lang == Lang::Ts {
        document
            .placeholders
            .iter()
            .filter_map(|p| {
                let written = conv.bound.get(&p.expression).unwrap_or(&p.expression);
                let (variable, value) = environment_default(written)?;
                Some(crate::defaults::Given::environment(&variable, &p.expression, value))
            })
            .collect()
    } else {
        Vec::new()
    };
    if found.len() > 1 {
        notes.push(format!(
            "The text creates {} endpoints; this is the one at line {call_line} (choose another below)",
            found.len()
        ));
    }
    let language = if lang == Lang::Ts {
        "TypeScript"
    } else {
        "Python"
    };
    let form = match construct {
        Construct::Cdk => format!("a CDK `CfnEndpoint` ({language})"),
        Construct::Cdktf => format!("a CDK for Terraform `SagemakerEndpoint` ({language})"),
        Construct::SfnTask => {
            format!("a CDK Step Functions `SageMakerUpdateEndpoint` task ({language})")
        }
        Construct::CallAws => {
            format!("a CDK Step Functions `CallAwsService` updateEndpoint task ({language})")
        }
    };
    let mut outcome = Outcome {
        document,
        form,
        notes,
        choices,
    };
    // The stack's CloudWatch alarms (`cdk/alarms.rs`).
    crate::cloudwatch::attach(alarms::find(text, &toks, lang), current, &mut outcome);
    crate::defaults::offer_and_say(
        &mut outcome,
        &given,
        options,
        "Defaults the code gives its environment variables, for the values to fill in",
    );
    Ok(outcome)
}

/// The environment variable a TypeScript expression reads and the literal it falls back to:
/// `process.env.NAME ?? 'x'` (or `||`, or `process.env['NAME']`), as it is or converted by
/// `Number(...)`, `parseInt(...)`, `parseFloat(...)` or `String(...)`.
pub(crate) fn environment_default(written: &str) -> Option<(String, Kind)> {
    fn unwrap<'a>(s: &'a str, f: &str) -> Option<&'a str> {
        let inner = s.strip_prefix(f)?.trim_start().strip_prefix('(')?.strip_suffix(')')?;
        // `parseInt(x, 10)`: the radix.
        Some(inner.strip_suffix(", 10").or_else(|| inner.strip_suffix(",10")).unwrap_or(inner).trim())
    }
    let s = written.trim();
    let (inner, convert) = ["Number", "parseInt", "parseFloat", "String"]
        .iter()
        .find_map(|f| unwrap(s, f).map(|i| (i, Some(*f))))
        .unwrap_or((s, None));
    let inner = inner.strip_prefix('(').and_then(|i| i.strip_suffix(')')).unwrap_or(inner).trim();
    let (read, fallback) = inner.split_once("??").or_else(|| inner.split_once("||"))?;
    let read = read.trim();
    let variable = match read.strip_prefix("process.env.") {
        Some(name) => name,
        None => read
            .strip_prefix("process.env[")?
            .strip_suffix(']')?
            .trim_matches(|c| c == '\'' || c == '"'),
    };
    if variable.is_empty() || !variable.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return None;
    }
    let fallback = fallback.trim();
    let literal = ['\'', '"', '`']
        .iter()
        .find_map(|q| fallback.strip_prefix(*q)?.strip_suffix(*q))
        .filter(|l| !l.contains(['\'', '"', '`', '\\']) && !l.contains("${"));
    let text = literal.unwrap_or(fallback);
    let is_int = text.parse::<i64>().is_ok();
    let value = match convert {
        Some("Number" | "parseInt") if is_int => crate::defaults::number(text),
        Some("parseFloat") => Kind::Float {
            text: text.to_string(),
            value: Some(text.parse::<f64>().ok().filter(|f| f.is_finite())?),
        },
        Some("String") | None if literal.is_some() => Kind::Str(text.to_string()),
        None if is_int => crate::defaults::number(text),
        _ => return None,
    };
    Some((variable.to_string(), value))
}

/// The construct's props as one map in the API's spelling: the third argument (an object
/// literal, a dict, or a name bound to one) and any keyword arguments (Python).
fn props(
    conv: &mut Converter<'_>,
    args: &[Arg],
    construct: Construct,
    line: u32,
) -> Result<Value, Refusal> {
    let mut entries: Vec<Entry> = Vec::new();
    let mut at = None;
    let mut positional = 0usize;
    for a in args {
        match a {
            Arg::Positional(node) => {
                positional += 1;
                if positional == 3 {
                    at.get_or_insert(node.pos);
                    let v = conv.value(node, 1);
                    match v.kind {
                        Kind::Map(more) => entries.extend(more),
                        // The whole props are something the text does not show: the core
                        // says so with the expression.
                        _ => return Ok(v),
                    }
                }
            }
            // The construct's scope and id, when passed by name, are not props.
            Arg::Keyword { name, .. }
                if matches!(name.as_str(), "scope" | "id" | "construct_id") => {}
            Arg::Keyword { name, pos, value } => {
                at.get_or_insert(*pos);
                let v = conv.value(value, 1);
                entries.push(Entry {
                    key: crate::names::pascal_from_snake(name),
                    key_pos: *pos,
                    value: v,
                });
            }
            Arg::Star(node) => {
                at.get_or_insert(node.pos);
                let v = conv.value(node, 1);
                match v.kind {
                    Kind::Map(more) => entries.extend(more),
                    _ => conv.note(format!(
                        "The props spread from `{}` (line {}) are not in the text; they were not imported",
                        source(conv.text, node),
                        node.pos.line
                    )),
                }
            }
        }
    }
    let Some(pos) = at else {
        return Err(refuse_at(
            designer_core::value::Pos { line: line.max(1), column: 1 },
            format!(
                "The `{}` at line {line} has no props: its third argument (or keyword arguments) should hold endpointConfigName and deploymentConfig",
                construct.class()
            ),
        ));
    };
    Ok(tree_map(pos, convert::last_wins(entries)))
}

/// A refusal at `pos`, which the message ends with (as every refusal says where).
fn refuse_at(pos: designer_core::value::Pos, message: String) -> Refusal {
    let mut refusal = refuse(format!("{message} ({pos})"));
    refusal.error.line = Some(pos.line);
    refusal.error.column = Some(pos.column);
    refusal
}

fn tree_map(pos: designer_core::value::Pos, entries: Vec<Entry>) -> Value {
    Value {
        pos,
        kind: Kind::Map(entries),
    }
}

/// The props that are request members, with CDKTF's `name` as `EndpointName` and its
/// one-item block lists unwrapped; and the names of the props left out.
fn request_members(props: Value, construct: Construct) -> (Value, Vec<String>) {
    let props = drop_nulls(props);
    let Kind::Map(entries) = props.kind else {
        return (props, Vec::new());
    };
    let mut left_out = Vec::new();
    let mut kept = Vec::new();
    for mut e in entries {
        if construct.ignored().contains(&e.key.as_str()) {
            left_out.push(camel(&e.key));
            continue;
        }
        // CDKTF's `name` is the endpoint's name.
        if construct == Construct::Cdktf && e.key == "Name" {
            e.key = "EndpointName".to_string();
        }
        kept.push(e);
    }
    let kept = tree_map(props.pos, kept);
    let kept = if construct == Construct::Cdktf {
        unwrap_blocks(kept)
    } else {
        kept
    };
    (kept, left_out)
}

fn camel(pascal: &str) -> String {
    let mut c = pascal.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Terraform blocks of at most one item, which older CDKTF bindings write as a list.
const BLOCKS: &[&str] = &[
    "DeploymentConfig",
    "BlueGreenUpdatePolicy",
    "RollingUpdatePolicy",
    "AutoRollbackConfiguration",
    "TrafficRoutingConfiguration",
    "CanarySize",
    "LinearStepSize",
    "MaximumBatchSize",
    "RollbackMaximumBatchSize",
    "ServerlessConfig",
];

fn unwrap_blocks(v: Value) -> Value {
    match v.kind {
        Kind::Map(entries) => tree_map(
            v.pos,
            entries
                .into_iter()
                .map(|mut e| {
                    if BLOCKS.contains(&e.key.as_str()) {
                        if let Kind::List(items) = &e.value.kind {
                            if let [only] = items.as_slice() {
                                e.value = only.clone();
                            }
                        }
                    }
                    e.value = unwrap_blocks(e.value);
                    e
                })
                .collect(),
        ),
        Kind::List(items) => Value {
            pos: v.pos,
            kind: Kind::List(items.into_iter().map(unwrap_blocks).collect()),
        },
        kind => Value { pos: v.pos, kind },
    }
}

/// Fills the new fleet from the file's endpoint config, when it has exactly one (or one
/// whose name the request gives): its production variants become `Endpoint.NewVariants`.
fn new_fleet(
    conv: &mut Converter<'_>,
    toks: &[Tok],
    construct: Construct,
    document: &mut DesignDocument,
) -> Option<String> {
    let class = construct.config_class();
    let configs = find(toks, &[(class, construct)]);
    let mut read: Vec<(u32, Option<String>, Value)> = Vec::new();
    for f in &configs {
        let mut p = Parser::new(toks, conv.text, conv.lang);
        p.i = f.at + 1;
        let Ok(args) = p.args(1) else { continue };
        let line = toks.get(f.at).map_or(0, |t| t.pos.line);
        let Ok(props) = props(conv, &args, construct, line) else {
            continue;
        };
        let name_key = if construct == Construct::Cdktf {
            "Name"
        } else {
            "EndpointConfigName"
        };
        let name = match props.get(name_key).map(|v| &v.kind) {
            Some(Kind::Str(s)) => Some(s.clone()),
            _ => None,
        };
        let variants = props.get("ProductionVariants").cloned();
        if let Some(v) = variants {
            read.push((line, name, v));
        }
    }
    let wanted = document.request.endpoint_config_name.clone();
    let pick = match read
        .iter()
        .position(|(_, n, _)| n.is_some() && *n == wanted)
    {
        Some(i) => i,
        None if read.len() == 1 => 0,
        None => {
            if read.len() > 1 {
                conv.note(format!(
                    "The text has {} `{class}`s and the request does not say which one it uses; the new fleet was kept as it was",
                    read.len()
                ));
            }
            return None;
        }
    };
    let (line, _, variants) = read.get(pick)?;
    let variants = unwrap_blocks(drop_nulls(variants.clone()));
    if let Kind::Placeholder(expr) = &variants.kind {
        return Some(format!(
            "The `{class}` at line {line} takes its production variants from `{expr}`, which the text does not show; the new fleet was kept as it was"
        ));
    }
    let walk = Walk::new(Source::Json);
    match walk.variants(&keep_variant_members(&variants), "Endpoint.NewVariants") {
        Ok(list) => {
            let words = fleet_words(&list);
            document.endpoint.new_variants = list;
            document.placeholders.extend(walk.take_placeholders());
            Some(format!(
                "The new fleet (Endpoint.NewVariants) is the `{class}` at line {line}: {words}{}",
                convert::left_out(&variants)
            ))
        }
        Err(e) => Some(format!(
            "The `{class}` at line {line} was not read as the new fleet: {}",
            e.message
        )),
    }
}
