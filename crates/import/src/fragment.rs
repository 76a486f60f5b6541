//! Import of a policy alone: a bare `DeploymentConfig`, `BlueGreenUpdatePolicy` or
//! `RollingUpdatePolicy` object, in JSON, YAML or a Python dict (optionally assigned to a
//! name), as people copy it out of a larger request or a page. It replaces that part of the
//! current design's policy and keeps the rest (the endpoint's name and config, the fleets,
//! and, for a policy alone, the rollback alarms); the note says what was kept. (The core
//! reads `{"DeploymentConfig": {...}}` itself, as a request.)

use designer_core::import::{Source, Walk};
use designer_core::model::{DeploymentConfig, DesignDocument};
use designer_core::value::{Entry, Kind, Pos, Value};

use crate::cdk::convert::{drop_nulls, Converter};
use crate::cdk::syntax::{lex, Lang, Parser, TokKind};
use crate::sdk::refuse_at;
use crate::{Options, Outcome, Refusal};

const DEPLOYMENT_CONFIG: &[&str] = &["BlueGreenUpdatePolicy", "RollingUpdatePolicy", "AutoRollbackConfiguration"];
const BLUE_GREEN: &[&str] = &["TrafficRoutingConfiguration", "TerminationWaitInSeconds", "MaximumExecutionTimeoutInSeconds"];
const ROLLING: &[&str] = &[
    "MaximumBatchSize",
    "WaitIntervalInSeconds",
    "MaximumExecutionTimeoutInSeconds",
    "RollbackMaximumBatchSize",
];

/// What the fragment is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Part {
    DeploymentConfig,
    BlueGreen,
    Rolling,
}

impl Part {
    fn name(self) -> &'static str {
        match self {
            Part::DeploymentConfig => "DeploymentConfig",
            Part::BlueGreen => "BlueGreenUpdatePolicy",
            Part::Rolling => "RollingUpdatePolicy",
        }
    }
}

/// The part a map's members make, when all are one part's (a policy's own members first).
fn part(v: &Value) -> Option<Part> {
    let Kind::Map(entries) = &v.kind else { return None };
    if entries.is_empty() {
        return None;
    }
    let all = |names: &[&str]| entries.iter().all(|e| names.contains(&e.key.as_str()));
    let any = |names: &[&str]| entries.iter().any(|e| names.contains(&e.key.as_str()));
    if all(DEPLOYMENT_CONFIG) {
        Some(Part::DeploymentConfig)
    } else if all(BLUE_GREEN) && any(&["TrafficRoutingConfiguration", "TerminationWaitInSeconds"]) {
        Some(Part::BlueGreen)
    } else if all(ROLLING) && any(&["MaximumBatchSize", "RollbackMaximumBatchSize", "WaitIntervalInSeconds"]) {
        Some(Part::Rolling)
    } else if all(BLUE_GREEN) {
        Some(Part::BlueGreen)
    } else {
        None
    }
}

/// True when the text names a policy's members (and no request member) and starts as one
/// object does: `{`, `name = {` (Python), or a member's name at the start of a line (YAML).
/// The refusal of a text whose members are no policy's: another reader (a request's) may
/// have more to say about it.
pub(crate) const NOT_A_FRAGMENT: &str =
    "Its members are not those of a DeploymentConfig, a BlueGreenUpdatePolicy or a RollingUpdatePolicy alone";

pub fn detect(text: &str) -> bool {
    let mut members = DEPLOYMENT_CONFIG.iter().chain(BLUE_GREEN).chain(ROLLING);
    // A request's own members: the text is a request (or a script), not a policy alone.
    let signs = [
        "EndpointName",
        "EndpointConfigName",
        "RetainAllVariantProperties",
        "ExcludeRetainedVariantProperties",
        "RetainDeploymentConfig",
        "update_endpoint",
        "update-endpoint",
        "Resources",
    ];
    if !members.clone().any(|m| text.contains(m)) || signs.iter().any(|s| text.contains(s)) {
        return false;
    }
    let Some(first) = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#') && !l.starts_with("//"))
    else {
        return false;
    };
    let assigned = first
        .split_once('=')
        .is_some_and(|(name, rest)| {
            !name.trim().is_empty()
                && name.trim().chars().all(|c| c.is_alphanumeric() || c == '_')
                && rest.trim_start().starts_with('{')
        });
    first.starts_with('{')
        || assigned
        || members.any(|m| first.strip_prefix(m).is_some_and(|r| r.trim_start().starts_with(':')))
}

/// The text's one value and its language: JSON, a Python dict (whole, or `name = {...}`),
/// or YAML.
fn read(text: &str) -> Option<(Value, &'static str)> {
    let body = text.trim_start();
    if body.starts_with('{') {
        if let Ok(v) = designer_core::json::parse(text) {
            return Some((v, "JSON"));
        }
    }
    let toks = lex(text, Lang::Py);
    let mut p = Parser::new(&toks, text, Lang::Py);
    if matches!(toks.first().map(|t| &t.kind), Some(TokKind::Ident(_)))
        && matches!(toks.get(1).map(|t| &t.kind), Some(TokKind::Punct("=")))
    {
        p.i = 2;
    }
    if matches!(toks.get(p.i).map(|t| &t.kind), Some(TokKind::Punct("{"))) {
        if let Ok(node) = p.expr(0, false) {
            if p.i == toks.len() {
                let mut conv = Converter::new(text, &toks, Lang::Py, false);
                return Some((conv.value(&node, 0), "a Python dict"));
            }
        }
        return None;
    }
    let v = crate::cloudformation::yaml::parse(text).ok()?;
    // YAML may wrap it: `DeploymentConfig:` with the policy under it.
    let v = match &v.kind {
        Kind::Map(entries) if entries.len() == 1 && entries.first().is_some_and(|e| e.key == "DeploymentConfig") => {
            entries.first().map(|e| e.value.clone())?
        }
        _ => v,
    };
    Some((v, "YAML"))
}

fn wrap(key: &str, v: Value) -> Value {
    let pos = v.pos;
    Value {
        pos,
        kind: Kind::Map(vec![Entry { key: key.to_string(), key_pos: pos, value: v }]),
    }
}

/// Reads `text` onto a copy of `current`.
pub fn import(text: &str, current: &DesignDocument, _options: &Options) -> Result<Outcome, Refusal> {
    let Some((value, language)) = read(text) else {
        return Err(refuse_at(Pos::START, "This is not one JSON, YAML or Python object of a deployment policy's members".to_string()));
    };
    let value = drop_nulls(value);
    let Some(part) = part(&value) else {
        return Err(refuse_at(
            value.pos,
            NOT_A_FRAGMENT.to_string(),
        ));
    };
    let config = match part {
        Part::DeploymentConfig => value,
        Part::BlueGreen | Part::Rolling => wrap(part.name(), value),
    };
    let walk = Walk::new(if language == "a Python dict" { Source::Python } else { Source::Json });
    let read = walk.request(&wrap("DeploymentConfig", config), "")?;
    let new = read.deployment_config.unwrap_or_default();
    let mut document = current.clone();
    let had = current.request.deployment_config.clone().unwrap_or_default();
    let (merged, replaced, note) = match part {
        Part::DeploymentConfig => (
            new,
            vec!["DeploymentConfig"],
            "It replaces the design's whole deployment policy; the endpoint's name and config and the fleets are kept.",
        ),
        Part::BlueGreen => (
            DeploymentConfig { blue_green_update_policy: new.blue_green_update_policy, rolling_update_policy: None, ..had },
            vec!["DeploymentConfig.BlueGreenUpdatePolicy", "DeploymentConfig.RollingUpdatePolicy"],
            "It replaces the design's update policy (a rolling policy cannot go with it); the rollback alarms, the endpoint's name and config and the fleets are kept.",
        ),
        Part::Rolling => (
            DeploymentConfig { rolling_update_policy: new.rolling_update_policy, blue_green_update_policy: None, ..had },
            vec!["DeploymentConfig.BlueGreenUpdatePolicy", "DeploymentConfig.RollingUpdatePolicy"],
            "It replaces the design's update policy (a blue/green policy cannot go with it); the rollback alarms, the endpoint's name and config and the fleets are kept.",
        ),
    };
    document.request.deployment_config = Some(merged);
    let under = |path: &str, prefix: &str| {
        path == prefix || path.strip_prefix(prefix).is_some_and(|r| r.starts_with(['.', '[']))
    };
    document.placeholders.retain(|p| !replaced.iter().any(|r| under(&p.path, r)));
    document.placeholders.extend(walk.take_placeholders());
    let mut notes = vec![format!("A `{}` alone. {note}", part.name())];
    if current.request.retain_deployment_config == Some(true) {
        notes.push("The design keeps `RetainDeploymentConfig: true`, which UpdateEndpoint refuses beside a `DeploymentConfig`; set one or the other.".to_string());
    }
    Ok(Outcome {
        document,
        form: format!("a bare `{}` ({language})", part.name()),
        notes,
        choices: Vec::new(),
    })
}
