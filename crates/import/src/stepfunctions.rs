//! Import of a Step Functions state machine (Amazon States Language, JSON or YAML) whose Task state
//! calls `arn:aws:states:::sagemaker:updateEndpoint`: the task's `Parameters` (JSONPath) or
//! `Arguments` (JSONata) are the request. A `"Name.$": "$.path"` member, and a JSONata
//! `"{% ... %}"` string, is a value the execution's input gives: a placeholder at `Name`.
//! A `sagemaker:createEndpointConfig` task in the same machine gives the new fleet. The
//! state machine may also sit inside a larger JSON document (a CloudFormation template's
//! `Definition`): the tasks are found wherever they are. In YAML (an `.asl.yaml` file, a SAM
//! or CloudFormation template's `Definition`), a `${Name}` that `DefinitionSubstitutions`
//! fills and a CloudFormation tag (`!Ref`, `!Sub`, `!GetAtt`) are placeholders too.

use designer_core::import::{request_into, ImportError, Source, Walk};
use designer_core::json;
use designer_core::model::DesignDocument;
use designer_core::value::{Entry, Kind, Value};

use crate::cdk::convert::{fleet_words, keep_variant_members, last_wins, left_out, Converter};
use crate::cdk::syntax::{lex, Lang, Parser, Tok, TokKind};
use crate::tree;
use crate::{refuse, Choice, ChoiceOption, Options, Outcome, Refusal};

const UPDATE: &str = ":states:::sagemaker:updateEndpoint";
const CREATE_CONFIG: &str = ":states:::sagemaker:createEndpointConfig";

/// True when `text` is JSON naming the `sagemaker:updateEndpoint` integration, or code
/// (CDK's `CustomState`, `DefinitionBody.fromString(JSON.stringify(...))`) that writes the
/// state as an object literal with the integration's ARN in quotes.
pub fn detect(text: &str) -> bool {
    let body = text.trim_start_matches('\u{feff}').trim_start();
    if body.starts_with('{') || body.starts_with('[') {
        // The task as JSON, not an ASL string inside a template's `DefinitionString`.
        return json_resource(text, UPDATE);
    }
    (in_code(text) || yaml_resource(text)) && !crate::cdk::detect(text)
}

/// A `Resource:` line naming the integration, as YAML writes it (plain, quoted or `!Sub`).
fn yaml_resource(text: &str) -> bool {
    text.lines().any(|l| {
        l.trim_start()
            .trim_start_matches("- ")
            .strip_prefix("Resource:")
            .is_some_and(|rest| rest.contains(UPDATE))
    })
}

/// The state machine as YAML, when the text reads as YAML and holds the task: its values
/// that the template or the execution fills in made placeholders.
fn from_yaml(text: &str) -> Option<Value> {
    let root = crate::cloudformation::yaml::parse(text).ok()?;
    let root = filled_in_later(root);
    let mut found = Vec::new();
    tasks(&root, UPDATE, "", &mut found);
    (!found.is_empty()).then_some(root)
}

/// `${Name}` (a `DefinitionSubstitutions` value) and a CloudFormation tag (`!Ref ...`)
/// become placeholders, except in `Resource`, which only names the integration.
fn filled_in_later(v: Value) -> Value {
    if let Some((_, shown)) = crate::cloudformation::yaml_tag(&v) {
        return tree::placeholder(v.pos, shown);
    }
    let pos = v.pos;
    match v.kind {
        Kind::Str(s) if s.starts_with("${") && s.ends_with('}') && !s[2..].contains('{') => {
            tree::placeholder(pos, s)
        }
        Kind::Map(entries) => Value {
            pos,
            kind: Kind::Map(
                entries
                    .into_iter()
                    .map(|e| {
                        if e.key == "Resource" {
                            Entry { value: resource_text(e.value), ..e }
                        } else {
                            Entry { value: filled_in_later(e.value), ..e }
                        }
                    })
                    .collect(),
            ),
        },
        Kind::List(items) => Value {
            pos,
            kind: Kind::List(items.into_iter().map(filled_in_later).collect()),
        },
        kind => Value { pos, kind },
    }
}

/// `!Sub "arn:${AWS::Partition}:states:::..."` as the string it substitutes into.
fn resource_text(v: Value) -> Value {
    match crate::cloudformation::yaml_tag(&v) {
        Some((arg, _)) if matches!(arg.kind, Kind::Str(_)) => arg.clone(),
        _ => v,
    }
}

/// `"Resource": "...<service>"` written as a JSON member.
fn json_resource(text: &str, service: &str) -> bool {
    text.match_indices("\"Resource\"").any(|(i, m)| {
        let rest = text.get(i + m.len()..).unwrap_or("").trim_start();
        let Some(rest) = rest.strip_prefix(':') else {
            return false;
        };
        let Some(rest) = rest.trim_start().strip_prefix('"') else {
            return false;
        };
        rest.split('"')
            .next()
            .is_some_and(|value| is_integration(value, service))
    })
}

/// The ARN as a quoted string in code.
fn in_code(text: &str) -> bool {
    let quoted = text.match_indices(UPDATE).any(|(i, _)| {
        let before = text.get(..i).unwrap_or("");
        let arn_start = before.rfind(|c: char| {
            !(c.is_ascii_alphanumeric() || matches!(c, ':' | '$' | '{' | '}' | '-'))
        });
        arn_start
            .and_then(|j| before.get(j..))
            .is_some_and(|q| q.starts_with('\'') || q.starts_with('"') || q.starts_with('`'))
    });
    let code = [
        "new ",
        "def ",
        "import ",
        "const ",
        "require(",
        "=>",
        "JSON.stringify",
        "json.dumps",
    ]
    .iter()
    .any(|m| text.contains(m));
    quoted && code
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
                out.push(Entry {
                    key,
                    key_pos: e.key_pos,
                    value,
                });
            }
            Value {
                pos: v.pos,
                kind: Kind::Map(last_wins(out)),
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
    let body = text.trim_start_matches('\u{feff}');
    let json_text = body.trim_start().starts_with('{') || body.trim_start().starts_with('[');
    let (root, language) = if json_text {
        (json::parse(body).map_err(ImportError::from)?, None)
    } else if let Some(root) = from_yaml(body) {
        (root, Some("YAML"))
    } else {
        let (root, lang) = from_code(body);
        (root, Some(lang))
    };
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
            question: None,
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
        form: match language {
            None => "a Step Functions `sagemaker:updateEndpoint` task".to_string(),
            Some("YAML") => "a Step Functions `sagemaker:updateEndpoint` task (YAML)".to_string(),
            Some(l) => format!("a Step Functions `sagemaker:updateEndpoint` task (in {l} code)"),
        },
        notes,
        choices,
    })
}

/// The states that code writes as object literals around a SageMaker integration's ARN,
/// each under its state name (the key it is written at, when there is one), as one map.
fn from_code(text: &str) -> (Value, &'static str) {
    let py = [
        "def ",
        "self",
        "from aws_cdk",
        "import aws_cdk",
        "json.dumps",
    ]
    .iter()
    .any(|m| text.contains(m))
        && !text.contains("const ");
    let lang = if py { Lang::Py } else { Lang::Ts };
    let toks = lex(text, lang);
    let mut conv = Converter::new(text, &toks, lang, false).with_bindings();
    let mut states: Vec<Entry> = Vec::new();
    let braces = enclosing_braces(&toks);
    let mut seen = std::collections::HashSet::new();
    for (k, t) in toks.iter().enumerate() {
        let TokKind::Str { value, .. } = &t.kind else {
            continue;
        };
        if !(is_integration(value, UPDATE) || is_integration(value, CREATE_CONFIG)) {
            continue;
        }
        let Some(open) = braces.get(k).copied().flatten() else {
            continue;
        };
        if !seen.insert(open) {
            continue;
        }
        let mut p = Parser::new(&toks, text, lang);
        p.i = open;
        let Ok(node) = p.expr(0, false) else { continue };
        let value = conv.value(&node, 0);
        let name = state_name(&toks, &braces, open)
            .unwrap_or_else(|| format!("the state at line {}", node.pos.line));
        states.push(Entry {
            key: name,
            key_pos: node.pos,
            value,
        });
    }
    let label = if py { "Python" } else { "TypeScript" };
    (
        tree::node(designer_core::value::Pos::START, Kind::Map(states)),
        label,
    )
}

/// For each token, the `{` of the innermost object it is in (`None` when the innermost
/// bracket is a list or a call), in one pass.
fn enclosing_braces(toks: &[Tok]) -> Vec<Option<usize>> {
    let mut stack: Vec<(bool, usize)> = Vec::new();
    let mut out = Vec::with_capacity(toks.len());
    for (i, t) in toks.iter().enumerate() {
        out.push(stack.last().filter(|(brace, _)| *brace).map(|(_, at)| *at));
        match t.kind {
            TokKind::Punct("{") => stack.push((true, i)),
            TokKind::Punct("[" | "(") => stack.push((false, i)),
            TokKind::Punct("}" | "]" | ")") => {
                stack.pop();
            }
            _ => {}
        }
    }
    out
}

/// The key an object is written at (`Deploy: {`, `"Deploy": {`), or the construct id of a
/// `CustomState(this, 'Deploy', { stateJson: {`.
fn state_name(toks: &[Tok], braces: &[Option<usize>], open: usize) -> Option<String> {
    let key = |j: usize| match toks.get(j).map(|t| &t.kind) {
        Some(TokKind::Ident(w)) => Some(w.clone()),
        Some(TokKind::Str { value, .. }) => Some(value.clone()),
        _ => None,
    };
    let colon = open
        .checked_sub(1)
        .is_some_and(|j| matches!(toks.get(j).map(|t| &t.kind), Some(TokKind::Punct(":"))));
    let name = if colon {
        open.checked_sub(2).and_then(key)
    } else {
        None
    };
    if name.as_deref() != Some("stateJson") && name.as_deref() != Some("state_json") {
        return name;
    }
    // `CustomState(this, 'Deploy', { stateJson: {`: the id two tokens before the `{`.
    let outer = braces.get(open).copied().flatten()?;
    let id = outer.checked_sub(2)?;
    match toks.get(id).map(|t| &t.kind) {
        Some(TokKind::Str { value, .. }) => Some(value.clone()),
        _ => None,
    }
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
