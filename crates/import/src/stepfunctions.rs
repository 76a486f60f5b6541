//! Import of a Step Functions state machine (Amazon States Language, JSON) whose Task state
//! calls `arn:aws:states:::sagemaker:updateEndpoint`: the task's `Parameters` (JSONPath) or
//! `Arguments` (JSONata) are the request. A `"Name.$": "$.path"` member, and a JSONata
//! `"{% ... %}"` string, is a value the execution's input gives: a placeholder at `Name`.
//! A `sagemaker:createEndpointConfig` task in the same machine gives the new fleet. The
//! state machine may also sit inside a larger JSON document (a CloudFormation template's
//! `Definition`): the tasks are found wherever they are.

use designer_core::import::{request_into, ImportError, Source, Walk};
use designer_core::json;
use designer_core::model::DesignDocument;
use designer_core::value::{Entry, Kind, Value};

use crate::cdk::convert::{fleet_words, keep_variant_members, left_out};
use crate::tree;
use crate::{refuse, Choice, ChoiceOption, Options, Outcome, Refusal};

const UPDATE: &str = ":states:::sagemaker:updateEndpoint";
const CREATE_CONFIG: &str = ":states:::sagemaker:createEndpointConfig";

/// True when `text` is JSON naming the `sagemaker:updateEndpoint` integration.
pub fn detect(text: &str) -> bool {
    let body = text.trim_start_matches('\u{feff}').trim_start();
    (body.starts_with('{') || body.starts_with('[')) && text.contains(UPDATE)
}

/// `resource` is the integration `service` (bare, `.sync` or `.waitForTaskToken`).
fn is_integration(resource: &str, service: &str) -> bool {
    resource.find(service).is_some_and(|i| {
        let rest = resource.get(i + service.len()..).unwrap_or("");
        rest.is_empty() || rest.starts_with('.')
    })
}

/// A task state found in the text: its name (the key in `States`) and its definition.
struct Task<'v> {
    name: String,
    state: &'v Value,
}

fn tasks<'v>(v: &'v Value, service: &str, key: &str, out: &mut Vec<Task<'v>>) {
    match &v.kind {
        Kind::Map(entries) => {
            let resource = match v.get("Resource").map(|r| &r.kind) {
                Some(Kind::Str(s)) => Some(s.as_str()),
                _ => None,
            };
            if resource.is_some_and(|r| is_integration(r, service)) {
                out.push(Task {
                    name: key.to_string(),
                    state: v,
                });
                return;
            }
            for e in entries {
                tasks(&e.value, service, &e.key, out);
            }
        }
        Kind::List(items) => {
            for item in items {
                tasks(item, service, key, out);
            }
        }
        _ => {}
    }
}

/// The task's input in the API's spelling: `Parameters` with `.$` members as placeholders,
/// or JSONata `Arguments` with `{% %}` strings as placeholders.
fn task_input(task: &Task<'_>) -> Result<Value, Refusal> {
    if let Some(p) = task.state.get("Parameters") {
        return Ok(json_path(p));
    }
    if let Some(a) = task.state.get("Arguments") {
        return Ok(jsonata(a));
    }
    if let Some(p) = task.state.get("Parameters.$") {
        return Ok(tree::placeholder(p.pos, shown(p)));
    }
    Err(ImportError {
        message: format!(
            "The task state \"{}\" ({}) has no Parameters or Arguments, so it gives no request",
            task.name, task.state.pos
        ),
        line: Some(task.state.pos.line),
        column: Some(task.state.pos.column),
        path: None,
    }
    .into())
}

fn shown(v: &Value) -> String {
    match &v.kind {
        Kind::Str(s) => s.clone(),
        _ => "a value of the execution".to_string(),
    }
}

fn json_path(v: &Value) -> Value {
    match &v.kind {
        Kind::Map(entries) => {
            let mut out: Vec<Entry> = Vec::with_capacity(entries.len());
            for e in entries {
                let (key, value) = match e.key.strip_suffix(".$") {
                    Some(name) => (
                        name.to_string(),
                        tree::placeholder(e.value.pos, shown(&e.value)),
                    ),
                    None => (e.key.clone(), json_path(&e.value)),
                };
                out.retain(|o| o.key != key);
                out.push(Entry {
                    key,
                    key_pos: e.key_pos,
                    value,
                });
            }
            Value {
                pos: v.pos,
                kind: Kind::Map(out),
            }
        }
        Kind::List(items) => Value {
            pos: v.pos,
            kind: Kind::List(items.iter().map(json_path).collect()),
        },
        _ => v.clone(),
    }
}

fn jsonata(v: &Value) -> Value {
    match &v.kind {
        Kind::Str(s) if s.trim().starts_with("{%") && s.trim().ends_with("%}") => {
            tree::placeholder(v.pos, s.trim().to_string())
        }
        Kind::Map(entries) => Value {
            pos: v.pos,
            kind: Kind::Map(
                entries
                    .iter()
                    .map(|e| Entry {
                        value: jsonata(&e.value),
                        ..e.clone()
                    })
                    .collect(),
            ),
        },
        Kind::List(items) => Value {
            pos: v.pos,
            kind: Kind::List(items.iter().map(jsonata).collect()),
        },
        _ => v.clone(),
    }
}

/// Reads `text` onto a copy of `current`.
pub fn import(text: &str, current: &DesignDocument, options: &Options) -> Result<Outcome, Refusal> {
    let root = json::parse(text.trim_start_matches('\u{feff}')).map_err(ImportError::from)?;
    let mut updates = Vec::new();
    tasks(&root, UPDATE, "", &mut updates);
    if updates.is_empty() {
        return Err(refuse(
            "Found no Task state whose Resource is arn:aws:states:::sagemaker:updateEndpoint: paste the state machine definition",
        ));
    }
    let mut choices = Vec::new();
    let mut chosen = 0usize;
    if updates.len() > 1 {
        let name = "updateEndpoint task".to_string();
        chosen = options
            .choices
            .iter()
            .find(|(n, _)| *n == name)
            .map_or(0, |(_, i)| *i)
            .min(updates.len() - 1);
        choices.push(Choice {
            name,
            options: updates
                .iter()
                .map(|t| ChoiceOption {
                    line: t.state.pos.line,
                    label: format!("\"{}\" (line {})", t.name, t.state.pos.line),
                })
                .collect(),
            chosen,
        });
    }
    let Some(task) = updates.get(chosen) else {
        return Err(refuse("Found no updateEndpoint task to import"));
    };
    let input = task_input(task)?;
    let mut document = request_into(&input, Source::Json, current)?;
    let mut notes = Vec::new();
    if updates.len() > 1 {
        notes.push(format!(
            "The state machine has {} updateEndpoint tasks; this is \"{}\" (choose another below)",
            updates.len(),
            task.name
        ));
    }
    if let Some(note) = new_fleet(&root, &input, &mut document) {
        notes.push(note);
    }
    Ok(Outcome {
        document,
        form: "a Step Functions `sagemaker:updateEndpoint` task".to_string(),
        notes,
        choices,
    })
}

/// The new fleet from a `createEndpointConfig` task: the one that creates the config the
/// update names, or the only one.
fn new_fleet(root: &Value, update: &Value, document: &mut DesignDocument) -> Option<String> {
    let mut creates = Vec::new();
    tasks(root, CREATE_CONFIG, "", &mut creates);
    if creates.is_empty() {
        return None;
    }
    let inputs: Vec<(String, Value)> = creates
        .iter()
        .filter_map(|t| task_input(t).ok().map(|v| (t.name.clone(), v)))
        .collect();
    let wanted = update.get("EndpointConfigName").map(|v| &v.kind);
    let pick = inputs
        .iter()
        .position(|(_, v)| {
            wanted.is_some() && v.get("EndpointConfigName").map(|c| &c.kind) == wanted
        })
        .or(if inputs.len() == 1 { Some(0) } else { None });
    let Some((name, input)) = pick.and_then(|i| inputs.get(i)) else {
        return Some(format!(
            "The state machine has {} createEndpointConfig tasks and none creates the config the update names; the new fleet was kept as it was",
            inputs.len()
        ));
    };
    let Some(variants) = input.get("ProductionVariants") else {
        return Some(format!(
            "The createEndpointConfig task \"{name}\" has no ProductionVariants; the new fleet was kept as it was"
        ));
    };
    if let Kind::Placeholder(expr) = &variants.kind {
        return Some(format!(
            "The createEndpointConfig task \"{name}\" takes its ProductionVariants from {expr}; the new fleet was kept as it was"
        ));
    }
    let walk = Walk::new(Source::Json);
    match walk.variants(&keep_variant_members(variants), "Endpoint.NewVariants") {
        Ok(list) => {
            let words = fleet_words(&list);
            document.endpoint.new_variants = list;
            document.placeholders.extend(walk.take_placeholders());
            Some(format!(
                "The new fleet (Endpoint.NewVariants) is the createEndpointConfig task \"{name}\": {words}{}",
                left_out(variants)
            ))
        }
        Err(e) => Some(format!(
            "The createEndpointConfig task \"{name}\" was not read as the new fleet: {}",
            e.message
        )),
    }
}
