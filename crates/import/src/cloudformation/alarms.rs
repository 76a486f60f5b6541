//! CloudFormation `AWS::CloudWatch::Alarm` resources, in the endpoint's template or alone:
//! their properties are `PutMetricAlarm`'s members in the API's spelling, read as the
//! endpoint's are (intrinsic functions as placeholders, `"60"` as 60). A rollback alarm
//! named `!Ref Alarm` (the alarm's name), `!Sub "${Alarm}"` or `!GetAtt Alarm.Arn` refers
//! to the resource and is linked to its name. `AWS::CloudWatch::CompositeAlarm` resources
//! are noted, not imported.

use super::{intrinsic, literal_sub, type_of, Reader, ENDPOINT};
use crate::cloudformation::{convert, member, Shape};
use crate::cloudwatch::{Def, Found, Ref, IGNORED, METRIC_ALARM};
use crate::{Options, Outcome, Refusal};
use designer_core::import::{ImportError, Source};
use designer_core::json;
use designer_core::model::DesignDocument;
use designer_core::value::{Entry, Kind, Value};

const ALARM: &str = "AWS::CloudWatch::Alarm";
const COMPOSITE: &str = "AWS::CloudWatch::CompositeAlarm";

/// The alarms among a template's `resources`; `syntax` is "YAML" or "JSON".
pub(super) fn find(reader: &Reader, resources: &[Entry], syntax: &str) -> Found {
    let mut found = Found::new(
        Source::Json,
        (
            "an `AWS::CloudWatch::Alarm` resource",
            "`AWS::CloudWatch::Alarm` resources",
        ),
        (
            &format!("a CloudFormation `{ALARM}` resource ({syntax})"),
            &format!("CloudFormation `{ALARM}` resources ({syntax})"),
        ),
    );
    for e in resources {
        match type_of(&e.value) {
            Some(COMPOSITE) => {
                let name = e
                    .value
                    .get("Properties")
                    .and_then(|p| p.get("AlarmName"))
                    .and_then(|n| match &n.kind {
                        Kind::Str(s) => Some(format!("`{s}`")),
                        _ => None,
                    })
                    .unwrap_or_else(|| format!("`{}`", e.key));
                found.composites.push((name, e.key_pos));
            }
            Some(ALARM) => found
                .defs
                .push(definition(reader, &e.key, &e.value, &mut found.notes)),
            _ => {}
        }
    }
    found
}

/// One alarm resource (`resource` holds `Type` and `Properties`) as a definition.
fn definition(reader: &Reader, id: &str, resource: &Value, notes: &mut Vec<String>) -> Def {
    let refs = vec![
        Ref::name(&format!("Ref {id}")),
        Ref::name(&format!("Sub {id}")),
        Ref::name(&format!("Fn Sub {id}")),
        Ref::arn(&format!("GetAtt {id}.Arn")),
        Ref::arn(&format!("GetAtt {id} Arn")),
        Ref::arn(&format!("Fn GetAtt {id} Arn")),
    ];
    let label = format!("`{id}`");
    let tree = match resource.get("Properties") {
        Some(props) => properties(reader, props, &label, notes),
        None => Value {
            pos: resource.pos,
            kind: Kind::Map(Vec::new()),
        },
    };
    Def { tree, label, refs }
}

/// The properties in `PutMetricAlarm`'s spelling: members the definition does not keep are
/// left out (with a note for those CloudFormation does not have either).
fn properties(reader: &Reader, props: &Value, label: &str, notes: &mut Vec<String>) -> Value {
    if let Some((_, _)) = intrinsic(props) {
        // `Properties: !If [...]`: the walk refuses it with where.
        return Value {
            pos: props.pos,
            kind: Kind::Placeholder(reader.render(props)),
        };
    }
    let Kind::Map(entries) = &props.kind else {
        return props.clone();
    };
    let mut out = Vec::new();
    let mut unknown = Vec::new();
    for e in entries {
        if IGNORED.contains(&e.key.as_str()) {
            continue;
        }
        let Some(shape) = member(METRIC_ALARM, &e.key) else {
            unknown.push(e.key.clone());
            continue;
        };
        if let Some(v) = value(reader, &e.value, shape, &mut unknown, 0) {
            out.push(Entry {
                key: e.key.clone(),
                key_pos: e.key_pos,
                value: v,
            });
        }
    }
    if !unknown.is_empty() {
        notes.push(format!(
            "The alarm {label} has properties that AWS::CloudWatch::Alarm does not take, left out: {}.",
            crate::cli::listed(&unknown)
        ));
    }
    Value {
        pos: props.pos,
        kind: Kind::Map(out),
    }
}

/// `v` as `shape`: intrinsic functions as placeholders, scalars converted as CloudFormation
/// converts them; `None` for `!Ref AWS::NoValue`. Unknown members are named in `unknown`.
fn value(
    reader: &Reader,
    v: &Value,
    shape: Shape,
    unknown: &mut Vec<String>,
    depth: usize,
) -> Option<Value> {
    if let Some((name, arg)) = intrinsic(v) {
        if (name == "!Ref" || name == "Ref") && arg.kind == Kind::Str("AWS::NoValue".into()) {
            return None;
        }
        if let Some(s) = literal_sub(name, arg) {
            return Some(convert(
                Value {
                    pos: arg.pos,
                    kind: Kind::Str(s),
                },
                shape,
            ));
        }
        return Some(Value {
            pos: v.pos,
            kind: Kind::Placeholder(reader.render(v)),
        });
    }
    if depth > 16 {
        return Some(v.clone());
    }
    match (shape, &v.kind) {
        (Shape::Struct(members), Kind::Map(entries)) => {
            let mut out = Vec::new();
            for e in entries {
                let Some(s) = member(members, &e.key) else {
                    if !unknown.contains(&e.key) {
                        unknown.push(e.key.clone());
                    }
                    continue;
                };
                if let Some(x) = value(reader, &e.value, s, unknown, depth + 1) {
                    out.push(Entry {
                        key: e.key.clone(),
                        key_pos: e.key_pos,
                        value: x,
                    });
                }
            }
            Some(Value {
                pos: v.pos,
                kind: Kind::Map(out),
            })
        }
        (Shape::List(members), Kind::List(items)) => Some(Value {
            pos: v.pos,
            kind: Kind::List(
                items
                    .iter()
                    .filter_map(|i| value(reader, i, Shape::Struct(members), unknown, depth + 1))
                    .collect(),
            ),
        }),
        // A structure of the wrong type: the walk refuses it in botocore's words.
        (Shape::Struct(_) | Shape::List(_), _) => Some(v.clone()),
        _ => Some(convert(v.clone(), shape)),
    }
}

/// A template (or a resource alone) that defines alarms and no endpoint: `None` when it
/// has the endpoint (whose import reads the alarms with it) or no alarm.
pub(crate) fn alone(
    text: &str,
    current: &DesignDocument,
    options: &Options,
) -> Option<Result<Outcome, Refusal>> {
    let is_json = text.trim_start().starts_with('{');
    let syntax = if is_json { "JSON" } else { "YAML" };
    let parsed = if is_json {
        json::parse(text)
    } else {
        super::yaml::parse(text)
    };
    let root = match parsed {
        Ok(root) => root,
        Err(e) => return Some(Err(ImportError::from(e).into())),
    };
    let reader = Reader {
        json: is_json,
        serverless: false,
    };
    let found = match resources(&root) {
        Some(resources) => {
            if resources
                .iter()
                .any(|e| type_of(&e.value) == Some(ENDPOINT))
            {
                return None;
            }
            find(&reader, resources, syntax)
        }
        // A resource alone.
        None if type_of(&root).is_some() => {
            let one = [Entry {
                key: "Alarm".to_string(),
                key_pos: root.pos,
                value: root.clone(),
            }];
            let mut found = find(&reader, &one, syntax);
            for d in &mut found.defs {
                d.label = "the resource".to_string();
            }
            found
        }
        None => return None,
    };
    if found.is_empty() {
        return None;
    }
    Some(crate::cloudwatch::alone(found, current).map(|mut outcome| {
        crate::defaults::offer_and_say(
            &mut outcome,
            &super::parameter_defaults(&root),
            options,
            "The template's parameter defaults, for the values to fill in",
        );
        outcome
    }))
}

/// A template's `Resources`, the `LogicalId: {Type, Properties}` lines copied out of one, or
/// the Serverless Framework's `resources.Resources`.
fn resources(root: &Value) -> Option<&[Entry]> {
    let Kind::Map(entries) = &root.kind else {
        return None;
    };
    match root.get("Resources") {
        Some(Value {
            kind: Kind::Map(r), ..
        }) => return Some(r),
        Some(_) => return None,
        None => {}
    }
    if root.get("Type").is_none() && entries.iter().any(|e| type_of(&e.value).is_some()) {
        return Some(entries);
    }
    entries.iter().find_map(|e| match e.value.get("Resources") {
        Some(Value {
            kind: Kind::Map(r), ..
        }) => Some(r.as_slice()),
        _ => None,
    })
}
