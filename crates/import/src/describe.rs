//! Import of what AWS describes: `aws sagemaker describe-endpoint` and
//! `describe-endpoint-config` output (JSON, or YAML with `--output yaml`), or the boto3
//! response dicts printed as Python reprs (`datetime.datetime(...)`, single quotes, `True`). They fill the endpoint context
//! rather than the policy: describe-endpoint gives the endpoint's name, its current config
//! and live fleet (counts and weights), its last deployment's `DeploymentConfig`, and, in
//! the middle of a deployment, the pending config and fleet; describe-endpoint-config gives
//! instance types and counts, as the current fleet when it is the endpoint's current config
//! and as the new one otherwise. Outputs are full of members the design does not model:
//! those are ignored.

use designer_core::import::{ImportError, Source, Walk};
use designer_core::model::{DesignDocument, ProductionVariant};
use designer_core::value::{Entry, Kind, Value};

use crate::cdk::convert::{fleet_words, keep, keep_variant_members, Converter};
use crate::cdk::syntax::{lex, Lang, Parser, TokKind};
use crate::tree;
use crate::{refuse, Options, Outcome, Refusal};

/// Members only these outputs have, written as keys (the last three: `describe-alarms`,
/// whose alarms `cloudwatch::describe` reads).
const MARKERS: &[&str] = &[
    "EndpointArn",
    "EndpointConfigArn",
    "EndpointStatus",
    "AlarmArn",
    "MetricAlarms",
    "CompositeAlarms",
];
const SERVERLESS: &[&str] = &["MemorySizeInMB", "MaxConcurrency", "ProvisionedConcurrency"];

/// True when `text` is (after any prompt or command lines) a JSON object or a Python dict
/// with a member only describe outputs have.
pub fn detect(text: &str) -> bool {
    let text = text.trim_start_matches('\u{feff}');
    // A template, a state machine, or a session that also runs the update (whose command
    // carries the policy) is another form's.
    if [
        "AWSTemplateFormatVersion",
        "\"Resources\"",
        "\"States\"",
        "update-endpoint",
        "update_endpoint(",
    ]
    .iter()
    .any(|m| text.contains(m))
    {
        return false;
    }
    if is_yaml(text) {
        return true;
    }
    let has_marker = MARKERS.iter().any(|m| {
        text.match_indices(m).any(|(i, _)| {
            let rest = text.get(i + m.len()..).unwrap_or("");
            (rest.starts_with('"') || rest.starts_with('\''))
                && rest.get(1..).unwrap_or("").trim_start().starts_with(':')
        })
    });
    if !has_marker {
        return false;
    }
    for line in text.lines() {
        let l = line.trim_start();
        if l.is_empty() {
            continue;
        }
        if l.starts_with('{') || l.starts_with('[') {
            return true;
        }
        let prompt = ["$", ">>>", "aws ", "In [", "Out[", "%", "#", "print("]
            .iter()
            .any(|p| l.starts_with(p))
            || l.contains("describe-endpoint")
            || l.contains("describe_endpoint");
        if !prompt {
            return false;
        }
        if l.starts_with("Out[") && l.contains('{') {
            return true;
        }
    }
    false
}

/// True when `text` is `--output yaml`: a marker of these outputs is a key at the start of a
/// line (`EndpointArn: arn:aws:...`), and the text is not JSON or a Python dict.
fn is_yaml(text: &str) -> bool {
    let body = text
        .lines()
        .map(str::trim_start)
        .find(|l| !l.is_empty() && !is_prompt(l));
    if body.is_none_or(|l| l.starts_with('{') || l.starts_with('[')) {
        return false;
    }
    text.lines().any(|l| {
        MARKERS
            .iter()
            .any(|m| l.strip_prefix(m).is_some_and(|rest| rest.starts_with(':')))
    })
}

/// A line of a terminal session that is not output: a prompt, a command or a comment.
fn is_prompt(l: &str) -> bool {
    ["$", "aws ", "%", "#", ">"].iter().any(|p| l.starts_with(p))
}

/// The outputs of a session of `--output yaml` commands: each run of output lines (between
/// prompts, commands and `---`) is one YAML document. The other lines are blanked, not
/// dropped, so that every position stays the text's own.
fn yaml_outputs(text: &str) -> Result<Vec<Value>, Refusal> {
    let lines: Vec<&str> = text.lines().collect();
    let mut outputs = Vec::new();
    let mut start = 0;
    while start < lines.len() {
        let splits = |l: &str| is_prompt(l.trim_start()) || l.trim_end() == "---";
        if splits(lines[start]) || lines[start].trim().is_empty() {
            start += 1;
            continue;
        }
        let end = (start..lines.len()).find(|&i| splits(lines[i])).unwrap_or(lines.len());
        let chunk: Vec<&str> = (0..lines.len())
            .map(|i| if (start..end).contains(&i) { lines[i] } else { "" })
            .collect();
        let v = crate::cloudformation::yaml::parse(&chunk.join("\n")).map_err(ImportError::from)?;
        match v.kind {
            Kind::List(items) => {
                outputs.extend(items.into_iter().filter(|i| matches!(i.kind, Kind::Map(_))))
            }
            Kind::Map(_) => outputs.push(v),
            _ => {}
        }
        start = end;
    }
    Ok(outputs)
}

/// What one output was.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Output {
    Endpoint,
    Config,
}

/// Reads `text` onto a copy of `current`.
pub fn import(
    text: &str,
    current: &DesignDocument,
    _options: &Options,
) -> Result<Outcome, Refusal> {
    if is_yaml(text) {
        return outcome(yaml_outputs(text)?, current, Form::Yaml, Vec::new());
    }
    let toks = lex(text, Lang::Py);
    let boto3 = text.contains("'EndpointArn'")
        || text.contains("'EndpointConfigArn'")
        || text.contains("'AlarmArn'")
        || text.contains("datetime.");
    let mut conv = Converter::new(text, &toks, Lang::Py, false);
    let mut outputs: Vec<Value> = Vec::new();
    let mut p = Parser::new(&toks, text, Lang::Py);
    loop {
        // Skip to the next object (or list of objects) that starts a value: prompts,
        // commands and commas between pasted outputs are not part of them.
        while let Some(t) = toks.get(p.i) {
            let opens_list = matches!(t.kind, TokKind::Punct("["))
                && matches!(
                    toks.get(p.i + 1).map(|t| &t.kind),
                    Some(TokKind::Punct("{"))
                );
            if matches!(t.kind, TokKind::Punct("{")) || opens_list {
                break;
            }
            p.i += 1;
        }
        if p.i >= toks.len() {
            break;
        }
        let node = p.expr(0, true).map_err(ImportError::from)?;
        let v = conv.value(&node, 0);
        match v.kind {
            Kind::List(items) => {
                outputs.extend(items.into_iter().filter(|i| matches!(i.kind, Kind::Map(_))))
            }
            Kind::Map(_) => outputs.push(v),
            _ => {}
        }
    }
    let form = if boto3 { Form::Boto3 } else { Form::Json };
    outcome(outputs, current, form, conv.notes)
}

/// How the outputs were written: it names them in the page's sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Form {
    Json,
    Yaml,
    Boto3,
}

/// The design `outputs` make of `current`; `more` are the reader's own notes.
fn outcome(
    outputs: Vec<Value>,
    current: &DesignDocument,
    written: Form,
    more: Vec<String>,
) -> Result<Outcome, Refusal> {
    // `describe-alarms` outputs give the design's alarm definitions.
    let (alarms, outputs): (Vec<Value>, Vec<Value>) = outputs
        .into_iter()
        .partition(crate::cloudwatch::describe::is_alarms);
    let had_alarms = !alarms.is_empty();
    let alarms =
        crate::cloudwatch::describe::found_in(&alarms, written == Form::Boto3, written == Form::Yaml);
    let mut endpoints = Vec::new();
    let mut configs = Vec::new();
    let mut notes = Vec::new();
    for v in outputs {
        match kind_of(&v) {
            Some(Output::Endpoint) => endpoints.push(v),
            Some(Output::Config) => configs.push(v),
            None => {
                if v.get("Endpoints").is_some() || v.get("EndpointConfigs").is_some() {
                    notes.push(format!(
                        "The list at {} is a list-endpoints output; paste describe-endpoint output instead",
                        v.pos
                    ));
                } else {
                    notes.push(format!(
                        "The object at {} is neither a describe-endpoint nor a describe-endpoint-config output; it was ignored",
                        v.pos
                    ));
                }
            }
        }
    }
    if endpoints.is_empty() && configs.is_empty() && had_alarms {
        let mut alarms = alarms;
        alarms.notes.extend(notes);
        alarms.notes.extend(more);
        return crate::cloudwatch::alone(alarms, current);
    }
    if endpoints.is_empty() && configs.is_empty() {
        // Said at the start, so the page can point at it.
        let mut refusal = refuse(
            "Found no describe-endpoint or describe-endpoint-config output (an object with EndpointArn or EndpointConfigArn) to import (line 1, column 1)",
        );
        refusal.error.line = Some(1);
        refusal.error.column = Some(1);
        return Err(refusal);
    }
    let mut doc = current.clone();
    // The endpoint first: it says which config is the current one.
    let mut kept = Vec::new();
    for v in &endpoints {
        apply_endpoint(v, &mut doc, &mut notes, &mut kept)?;
    }
    let mut current_from_config = false;
    for v in &configs {
        current_from_config |= apply_config(v, &mut doc, &mut notes)?;
    }
    // Said once everything is read: a config pasted with the endpoint fills these in.
    if !current_from_config {
        for (n, t) in &kept {
            notes.push(format!(
                "describe-endpoint does not say {n}'s instance type; {t} was kept from the design (paste the describe-endpoint-config output of the current config to be sure)"
            ));
        }
    }
    for (fleet, which) in [
        (&doc.endpoint.current_variants, "current"),
        (&doc.endpoint.new_variants, "new"),
    ] {
        for v in fleet
            .iter()
            .filter(|v| v.instance_type.is_none() && !v.is_serverless())
        {
            let n = v.variant_name.as_deref().unwrap_or("a variant");
            notes.push(format!(
                "The {which} fleet's {n} has no instance type: paste the describe-endpoint-config output of its config, or set it in the form"
            ));
        }
    }
    notes.extend(more);
    let mut outcome = Outcome {
        document: doc,
        form: form(endpoints.len(), configs.len(), written),
        notes,
        choices: Vec::new(),
    };
    crate::cloudwatch::attach(alarms, current, &mut outcome);
    Ok(outcome)
}

/// "a `describe-endpoint` output", "a `describe-endpoint` and a `describe-endpoint-config`
/// output", "2 `describe-endpoint-config` outputs", or the boto3 responses likewise.
fn form(endpoints: usize, configs: usize, written: Form) -> String {
    let (ep, cfg, what, lib) = if written == Form::Boto3 {
        (
            "describe_endpoint",
            "describe_endpoint_config",
            "response",
            "boto3 ",
        )
    } else {
        (
            "describe-endpoint",
            "describe-endpoint-config",
            "output",
            "",
        )
    };
    let part = |n: usize, name: &str| match n {
        0 => None,
        1 => Some(format!("a {lib}`{name}`")),
        n => Some(format!("{n} {lib}`{name}`")),
    };
    let parts: Vec<String> = [part(endpoints, ep), part(configs, cfg)]
        .into_iter()
        .flatten()
        .collect();
    let plural = if endpoints > 1 || configs > 1 {
        "s"
    } else {
        ""
    };
    let yaml = if written == Form::Yaml { " (YAML)" } else { "" };
    format!("{} {what}{plural}{yaml}", parts.join(" and "))
}

fn kind_of(v: &Value) -> Option<Output> {
    if v.get("EndpointArn").is_some() || v.get("EndpointStatus").is_some() {
        Some(Output::Endpoint)
    } else if v.get("EndpointConfigArn").is_some() || v.get("ProductionVariants").is_some() {
        Some(Output::Config)
    } else {
        None
    }
}

fn string(v: Option<&Value>) -> Option<String> {
    match v.map(|v| &v.kind) {
        Some(Kind::Str(s)) => Some(s.clone()),
        _ => None,
    }
}

/// Drops the placeholders a filled member replaces.
fn clear_placeholders(doc: &mut DesignDocument, path: &str) {
    doc.placeholders.retain(|p| {
        !(p.path == path
            || p.path.starts_with(&format!("{path}."))
            || p.path.starts_with(&format!("{path}[")))
    });
}

/// The first of `names` that `v` has.
fn first<'v>(v: &'v Value, names: &[&str]) -> Option<&'v Value> {
    names
        .iter()
        .find_map(|n| v.get(n).filter(|x| !matches!(x.kind, Kind::Null)))
}

/// A variant summary (describe-endpoint's `ProductionVariants` or the pending ones) as a
/// `ProductionVariant` tree: `count` and `weight` name the members to read, in order.
fn summary_tree(v: &Value, count: &[&str], weight: &[&str], serverless: &[&str]) -> Value {
    let mut entries = Vec::new();
    let mut put = |key: &str, value: Option<&Value>| {
        if let Some(value) = value {
            entries.push(Entry {
                key: key.to_string(),
                key_pos: value.pos,
                value: value.clone(),
            });
        }
    };
    put("VariantName", v.get("VariantName"));
    let pool_type = match v.get("InstancePools").map(|p| &p.kind) {
        Some(Kind::List(pools)) => pools.first().and_then(|p| p.get("InstanceType")),
        _ => None,
    };
    put("InstanceType", v.get("InstanceType").or(pool_type));
    put("AcceleratorType", v.get("AcceleratorType"));
    put("InitialInstanceCount", first(v, count));
    put("InitialVariantWeight", first(v, weight));
    let sc = first(v, serverless).map(|s| keep(s, SERVERLESS));
    put("ServerlessConfig", sc.as_ref());
    tree::map(
        v.pos,
        entries
            .into_iter()
            .map(|e| (e.key, e.key_pos, e.value))
            .collect(),
    )
}

/// Summaries read as variants at `path`, with what the output does not give (the model,
/// an instance type it leaves out) kept from `prior` variants of the same name.
fn summaries(
    list: &Value,
    path: &str,
    count: &[&str],
    weight: &[&str],
    serverless: &[&str],
    prior: &[ProductionVariant],
    kept: &mut Vec<(String, String)>,
) -> Result<Vec<ProductionVariant>, Refusal> {
    let Kind::List(items) = &list.kind else {
        return Err(ImportError {
            message: format!("{path}: ProductionVariants should be a list ({})", list.pos),
            line: Some(list.pos.line),
            column: Some(list.pos.column),
            path: Some(path.to_string()),
        }
        .into());
    };
    let trees: Vec<Value> = items
        .iter()
        .map(|i| summary_tree(i, count, weight, serverless))
        .collect();
    let walk = Walk::new(Source::Json);
    let mut out = walk.variants(&tree::node(list.pos, Kind::List(trees)), path)?;
    for v in &mut out {
        let before = prior
            .iter()
            .find(|p| p.variant_name.is_some() && p.variant_name == v.variant_name);
        if let Some(before) = before {
            if v.model_name.is_none() {
                v.model_name.clone_from(&before.model_name);
            }
            if v.instance_type.is_none() && !v.is_serverless() {
                v.instance_type.clone_from(&before.instance_type);
                if let (Some(t), Some(n)) = (&v.instance_type, &v.variant_name) {
                    kept.push((n.clone(), t.clone()));
                }
            }
        }
    }
    Ok(out)
}

fn apply_endpoint(
    v: &Value,
    doc: &mut DesignDocument,
    notes: &mut Vec<String>,
    kept: &mut Vec<(String, String)>,
) -> Result<(), Refusal> {
    let name = string(v.get("EndpointName"));
    if let Some(n) = &name {
        doc.request.endpoint_name = Some(n.clone());
        clear_placeholders(doc, "EndpointName");
    }
    let shown = name
        .as_deref()
        .map_or_else(String::new, |n| format!(" `{n}`"));
    if let Some(cfg) = string(v.get("EndpointConfigName")) {
        doc.endpoint.current_endpoint_config_name = Some(cfg);
        clear_placeholders(doc, "Endpoint.CurrentEndpointConfigName");
    }
    if let Some(list) = v.get("ProductionVariants") {
        let prior = doc.endpoint.current_variants.clone();
        let fleet = summaries(
            list,
            "Endpoint.CurrentVariants",
            &["CurrentInstanceCount", "DesiredInstanceCount"],
            &["CurrentWeight", "DesiredWeight"],
            &["CurrentServerlessConfig", "DesiredServerlessConfig"],
            &prior,
            kept,
        )?;
        notes.insert(
            0,
            format!(
                "Current fleet from describe-endpoint{shown}: {}",
                fleet_words(&fleet)
            ),
        );
        doc.endpoint.current_variants = fleet;
        clear_placeholders(doc, "Endpoint.CurrentVariants");
    }
    if let Some(dc) = v.get("LastDeploymentConfig") {
        let walk = Walk::new(Source::Json);
        doc.request.deployment_config = Some(walk.deployment_config(dc, "DeploymentConfig")?);
        clear_placeholders(doc, "DeploymentConfig");
        notes.push("DeploymentConfig is the endpoint's LastDeploymentConfig (the policy of its last deployment)".to_string());
    }
    if let Some(pending) = v.get("PendingDeploymentSummary") {
        if let Some(cfg) = string(pending.get("EndpointConfigName")) {
            doc.request.endpoint_config_name = Some(cfg.clone());
            clear_placeholders(doc, "EndpointConfigName");
            if let Some(list) = pending.get("ProductionVariants") {
                let prior = doc.endpoint.new_variants.clone();
                let fleet = summaries(
                    list,
                    "Endpoint.NewVariants",
                    &["DesiredInstanceCount", "CurrentInstanceCount"],
                    &["DesiredWeight", "CurrentWeight"],
                    &["DesiredServerlessConfig", "CurrentServerlessConfig"],
                    &prior,
                    &mut Vec::new(),
                )?;
                notes.push(format!(
                    "A deployment to `{cfg}` is under way: the request's EndpointConfigName and the new fleet are the pending ones ({})",
                    fleet_words(&fleet)
                ));
                doc.endpoint.new_variants = fleet;
                clear_placeholders(doc, "Endpoint.NewVariants");
            }
        }
    }
    match string(v.get("EndpointStatus")).as_deref() {
        None | Some("InService") => {}
        Some(status) => {
            let reason =
                string(v.get("FailureReason")).map_or_else(String::new, |r| format!(": {r}"));
            notes.push(format!("The endpoint's status is {status}{reason}"));
        }
    }
    Ok(())
}

/// Applies a describe-endpoint-config output; true when it was the current config.
fn apply_config(
    v: &Value,
    doc: &mut DesignDocument,
    notes: &mut Vec<String>,
) -> Result<bool, Refusal> {
    let name = string(v.get("EndpointConfigName"));
    let Some(list) = v.get("ProductionVariants") else {
        notes.push(format!(
            "The describe-endpoint-config output at {} has no ProductionVariants",
            v.pos
        ));
        return Ok(false);
    };
    let is_current = name.is_some() && name == doc.endpoint.current_endpoint_config_name;
    let path = if is_current {
        "Endpoint.CurrentVariants"
    } else {
        "Endpoint.NewVariants"
    };
    let walk = Walk::new(Source::Json);
    let mut fleet = walk.variants(&keep_variant_members(list), path)?;
    let shown = name
        .as_deref()
        .map_or_else(String::new, |n| format!(" `{n}`"));
    if is_current {
        // The endpoint's live counts and weights (from describe-endpoint) are what the
        // deployment starts from; the config adds what it alone says.
        let live = &doc.endpoint.current_variants;
        let mut kept_live = false;
        for v in &mut fleet {
            if let Some(l) = live
                .iter()
                .find(|l| l.variant_name.is_some() && l.variant_name == v.variant_name)
            {
                if l.initial_instance_count.is_some() && !v.is_serverless() {
                    v.initial_instance_count = l.initial_instance_count;
                    kept_live = true;
                }
                if l.initial_variant_weight.is_some() {
                    v.initial_variant_weight = l.initial_variant_weight;
                }
            }
        }
        let live_words = if kept_live {
            "; counts and weights are the live ones from describe-endpoint"
        } else {
            ""
        };
        notes.push(format!(
            "Current fleet from describe-endpoint-config{shown} (the endpoint's current config): {}{live_words}",
            fleet_words(&fleet)
        ));
        doc.endpoint.current_variants = fleet;
        clear_placeholders(doc, "Endpoint.CurrentVariants");
    } else {
        let mut note = format!(
            "New fleet from describe-endpoint-config{shown}: {}",
            fleet_words(&fleet)
        );
        if let Some(n) = &name {
            doc.request.endpoint_config_name = Some(n.clone());
            clear_placeholders(doc, "EndpointConfigName");
            note.push_str(&format!("; the request's EndpointConfigName is `{n}`"));
        }
        doc.endpoint.new_variants = fleet;
        clear_placeholders(doc, "Endpoint.NewVariants");
        notes.push(note);
    }
    doc.placeholders.extend(walk.take_placeholders());
    Ok(is_current)
}
