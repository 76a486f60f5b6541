//! Import of a CloudFormation `AWS::SageMaker::Endpoint`, in YAML or JSON: a whole template
//! (SAM too), the resource alone, or just its `Properties`. The properties are the request's
//! members in the API's own spelling; intrinsic functions (`!Ref`, `!Sub`, `!GetAtt`, `!If`,
//! `Fn::Join`...) become placeholders showing the function as written. When the template
//! also holds the `AWS::SageMaker::EndpointConfig` the endpoint refers to, its production
//! variants become the design's new fleet.

pub(crate) mod alarms;
mod shape;
pub(crate) mod yaml;

pub(crate) use shape::{convert, member, Shape, REQUEST, VARIANT};

use crate::{Options, Outcome, Refusal};
use designer_core::import::{request_into, ImportError, Source};
use designer_core::json;
use designer_core::model::DesignDocument;
use designer_core::value::{Entry, Kind, Pos, Value};

const ENDPOINT: &str = "AWS::SageMaker::Endpoint";
const ENDPOINT_CONFIG: &str = "AWS::SageMaker::EndpointConfig";

/// Properties of `AWS::SageMaker::Endpoint` that are not part of `UpdateEndpoint`: left out,
/// with a note.
const NOT_IN_REQUEST: &[&str] = &["Tags"];

/// True when `text` looks like a CloudFormation template, resource or properties.
pub fn detect(text: &str) -> bool {
    // CDK code names the type in its assertions (`hasResourceProperties`) and writes the
    // properties as object literals: the CDK reader's.
    if text.contains("hasResourceProperties") || text.contains("Template.fromStack") {
        return false;
    }
    // A template without the endpoint is claimed too, to be refused with what it has.
    if text.contains(ENDPOINT) || text.contains("AWSTemplateFormatVersion") {
        return true;
    }
    let code_like = text.contains("=>")
        || text.lines().any(|l| {
            let t = l.trim();
            t.ends_with(';') || t.ends_with('{') || t.ends_with('(') || t.ends_with(',')
        });
    let yaml_key = !code_like
        && text.lines().any(|l| {
            let t = l.trim_start();
            ["EndpointConfigName:", "DeploymentConfig:", "EndpointName:"]
                .iter()
                .any(|k| t.starts_with(k))
        });
    let json_intrinsic = (text.contains("\"Ref\"") || text.contains("\"Fn::"))
        && (text.contains("\"EndpointConfigName\"") || text.contains("\"DeploymentConfig\""));
    yaml_key || json_intrinsic
}

/// Where the endpoint's properties were found.
enum Found<'v> {
    /// In a template's `Resources` (or a bare `LogicalId: {Type, Properties}` map).
    Template {
        logical_id: String,
        props: Option<&'v Value>,
        resource_pos: Pos,
        resources: &'v [Entry],
    },
    /// A resource alone (`Type` and `Properties`).
    Resource {
        props: Option<&'v Value>,
        resource_pos: Pos,
    },
    /// Just the properties.
    Properties(&'v Value),
}

/// Reads `text` onto a copy of `current`.
pub fn import(
    text: &str,
    current: &DesignDocument,
    options: &Options,
) -> Result<Outcome, Refusal> {
    let is_json = text.trim_start().starts_with('{');
    let syntax = if is_json { "JSON" } else { "YAML" };
    let root = if is_json {
        json::parse(text).map_err(ImportError::from)?
    } else {
        yaml::parse(text).map_err(ImportError::from)?
    };
    let mut notes = Vec::new();
    let found = locate(&root, &mut notes)?;
    let (props, base, resources, form) = match &found {
        Found::Template {
            logical_id,
            props,
            resource_pos,
            resources,
        } => (
            props.ok_or_else(|| no_properties(*resource_pos, logical_id))?,
            format!("Resources.{logical_id}.Properties"),
            Some(*resources),
            format!("a CloudFormation `{ENDPOINT}` resource ({syntax})"),
        ),
        Found::Resource {
            props,
            resource_pos,
        } => (
            props.ok_or_else(|| no_properties(*resource_pos, "The resource"))?,
            "Properties".to_string(),
            None,
            format!("a CloudFormation `{ENDPOINT}` resource ({syntax})"),
        ),
        Found::Properties(p) => (
            *p,
            String::new(),
            None,
            format!("the Properties of a CloudFormation `{ENDPOINT}` ({syntax})"),
        ),
    };
    let reader = Reader {
        json: is_json,
        serverless: root.get("Resources").is_none()
            && root.get("service").is_some()
            && root.get("resources").is_some(),
    };
    let Kind::Map(entries) = &props.kind else {
        let what = if intrinsic(props).is_some() {
            format!(
                "{}, which the text does not spell out",
                reader.render(props)
            )
        } else {
            "not a mapping".to_string()
        };
        return Err(at(
            props.pos,
            None,
            format!("The endpoint's Properties are {what}: paste a template whose Properties list EndpointConfigName, DeploymentConfig..."),
        ));
    };
    let mut request = Vec::new();
    let mut left_out = Vec::new();
    for e in entries {
        if NOT_IN_REQUEST.contains(&e.key.as_str()) {
            left_out.push(e.key.clone());
            continue;
        }
        let Some(shape) = member(REQUEST, &e.key) else {
            return Err(reader.unknown(&base, "", e, REQUEST));
        };
        if let Some(v) = reader.convert(&e.value, shape, &base, &e.key)? {
            request.push(Entry {
                key: e.key.clone(),
                key_pos: e.key_pos,
                value: v,
            });
        }
    }
    if !left_out.is_empty() {
        notes.push(format!(
            "Left out {}: not part of the UpdateEndpoint request.",
            left_out.join(", ")
        ));
    }
    let tree = Value {
        pos: props.pos,
        kind: Kind::Map(request),
    };
    let mut document = request_into(&tree, Source::Json, current)?;
    if let Some(resources) = resources {
        if let Some(config) = props.get("EndpointConfigName") {
            reader.new_fleet(config, resources, &mut document, &mut notes);
        }
    }
    let given = parameter_defaults(&root);
    // Without any intrinsic function, bare properties are also the request as the AWS CLI
    // reads it from YAML.
    let form = match found {
        Found::Properties(_) if !is_json && document.placeholders.is_empty() => {
            "a request in YAML (--cli-input-yaml, or an endpoint's CloudFormation Properties)"
                .to_string()
        }
        _ => form,
    };
    let mut outcome = Outcome {
        document,
        form,
        notes,
        choices: Vec::new(),
    };
    // The template's `AWS::CloudWatch::Alarm` resources (`cloudformation/alarms.rs`).
    if let Some(resources) = resources {
        crate::cloudwatch::attach(alarms::find(&reader, resources, syntax), current, &mut outcome);
    }
    crate::defaults::offer_and_say(&mut outcome, &given, options, "The template's parameter defaults, for the values to fill in");
    Ok(outcome)
}

/// Each parameter with a literal `Default`.
fn parameter_defaults(root: &Value) -> Vec<crate::defaults::Given> {
    let Some(Value {
        kind: Kind::Map(params),
        ..
    }) = root.get("Parameters")
    else {
        return Vec::new();
    };
    params
        .iter()
        .filter_map(|p| {
            let value = match &p.value.get("Default")?.kind {
                Kind::Str(s) => Kind::Str(s.clone()),
                Kind::Int { text, .. } | Kind::Float { text, .. } => crate::defaults::number(text),
                Kind::Bool(b) => Kind::Bool(*b),
                _ => return None,
            };
            Some(crate::defaults::Given::cloudformation(&p.key, value))
        })
        .collect()
}

/// True when `expression` names `name` as a whole word.
pub(crate) fn mentions(expression: &str, name: &str) -> bool {
    let word = |c: char| c.is_alphanumeric() || c == '_' || c == '-';
    !name.is_empty()
        && expression.match_indices(name).any(|(i, _)| {
            let before = expression.get(..i).and_then(|s| s.chars().next_back());
            let after = expression
                .get(i + name.len()..)
                .and_then(|s| s.chars().next());
            !before.is_some_and(word) && !after.is_some_and(word)
        })
}

fn no_properties(pos: Pos, who: &str) -> Refusal {
    at(
        pos,
        None,
        format!("{who} has no Properties: an {ENDPOINT} needs at least EndpointConfigName"),
    )
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

fn type_of(v: &Value) -> Option<&str> {
    match &v.get("Type")?.kind {
        Kind::Str(s) => Some(s),
        _ => None,
    }
}

/// Finds the endpoint: the first `AWS::SageMaker::Endpoint` of `Resources` (a note names
/// the others), a resource alone, or bare properties.
fn locate<'v>(tree: &'v Value, notes: &mut Vec<String>) -> Result<Found<'v>, Refusal> {
    let Kind::Map(root) = &tree.kind else {
        return Err(at(
            tree.pos,
            None,
            format!("Expected a CloudFormation template, an {ENDPOINT} resource or its Properties"),
        ));
    };
    // A template, or the `LogicalId: {Type: ..., Properties: ...}` lines copied out of one.
    let resources = match tree.get("Resources") {
        Some(Value {
            kind: Kind::Map(r), ..
        }) => Some(r.as_slice()),
        Some(other) => {
            return Err(at(
                other.pos,
                None,
                "The template's Resources is not a mapping".to_string(),
            ))
        }
        None if root.iter().any(|e| type_of(&e.value).is_some()) && tree.get("Type").is_none() => {
            Some(root.as_slice())
        }
        // The Serverless Framework nests the template under `resources:`.
        None => root.iter().find_map(|e| match e.value.get("Resources") {
            Some(Value {
                kind: Kind::Map(r), ..
            }) => Some(r.as_slice()),
            _ => None,
        }),
    };
    if let Some(resources) = resources {
        let endpoints: Vec<&Entry> = resources
            .iter()
            .filter(|e| type_of(&e.value) == Some(ENDPOINT))
            .collect();
        let Some(first) = endpoints.first() else {
            let mut types: Vec<String> = resources
                .iter()
                .filter_map(|e| type_of(&e.value).map(|t| format!("{} ({t})", e.key)))
                .collect();
            types.truncate(8);
            let had = if types.is_empty() {
                "no typed resources".to_string()
            } else {
                types.join(", ")
            };
            let pos = tree.get("Resources").map_or(tree.pos, |r| r.pos);
            return Err(at(
                pos,
                Some("Resources"),
                format!("The template has no {ENDPOINT} resource (it has {had}); UpdateEndpoint is read from that resource"),
            ));
        };
        if endpoints.len() > 1 {
            let others: Vec<&str> = endpoints.iter().skip(1).map(|e| e.key.as_str()).collect();
            notes.push(format!(
                "The template has {} {ENDPOINT} resources: imported the first, {}; not imported: {} (paste one alone to import it).",
                endpoints.len(),
                first.key,
                others.join(", ")
            ));
        }
        return Ok(Found::Template {
            logical_id: first.key.clone(),
            props: first.value.get("Properties"),
            resource_pos: first.key_pos,
            resources,
        });
    }
    if let Some(t) = tree.get("Type") {
        return match type_of(tree) {
            Some(ENDPOINT) => Ok(Found::Resource {
                props: tree.get("Properties"),
                resource_pos: tree.pos,
            }),
            Some(other) => Err(at(
                t.pos,
                Some("Type"),
                format!("This is an {other} resource; paste the {ENDPOINT} (UpdateEndpoint is read from it)"),
            )),
            None => Err(at(t.pos, Some("Type"), "The resource's Type is not a string".to_string())),
        };
    }
    Ok(Found::Properties(tree))
}

/// The intrinsic function a node is, if it is one: `(name, argument)`.
fn intrinsic(v: &Value) -> Option<(&str, &Value)> {
    let Kind::Map(entries) = &v.kind else {
        return None;
    };
    let [e] = entries.as_slice() else {
        return None;
    };
    let k = e.key.as_str();
    (k.starts_with('!') || k.starts_with("Fn::") || k == "Ref" || k == "Condition")
        .then_some((k, &e.value))
}

/// A CloudFormation tag written in YAML (`!Ref X`, `!Sub "..."`) in a text that is not a
/// template (a state machine's definition): its argument, and the expression a placeholder
/// shows for it, as this module shows a template's; `None` for any other value.
pub(crate) fn yaml_tag(v: &Value) -> Option<(&Value, String)> {
    let (_, arg) = intrinsic(v).filter(|(name, _)| name.starts_with('!'))?;
    let reader = Reader {
        json: false,
        serverless: false,
    };
    Some((arg, reader.render(v)))
}

/// A `!Sub` whose string has no `${...}` is that string (`${!x}` is a literal `${x}`).
fn literal_sub(name: &str, arg: &Value) -> Option<String> {
    if name != "!Sub" && name != "Fn::Sub" {
        return None;
    }
    let Kind::Str(s) = &arg.kind else {
        return None;
    };
    let rest = s.replace("${!", "");
    (!rest.contains("${")).then(|| s.replace("${!", "${"))
}

/// Reads the template's values in one syntax.
struct Reader {
    json: bool,
    /// A Serverless Framework file: `${...}` in any string is one of its variables.
    serverless: bool,
}

impl Reader {
    /// Reads `v`, the member `key` under `parent`, as `shape`: `None` when the text removes
    /// the member (`!Ref AWS::NoValue`).
    fn convert(
        &self,
        v: &Value,
        shape: Shape,
        parent: &str,
        key: &str,
    ) -> Result<Option<Value>, Refusal> {
        let path = join(parent, key);
        if let Some((name, arg)) = intrinsic(v) {
            if (name == "!Ref" || name == "Ref") && arg.kind == Kind::Str("AWS::NoValue".into()) {
                return Ok(None);
            }
            if let Some(s) = literal_sub(name, arg) {
                return Ok(Some(convert(
                    Value {
                        pos: arg.pos,
                        kind: Kind::Str(s),
                    },
                    shape,
                )));
            }
            return Ok(Some(Value {
                pos: v.pos,
                kind: Kind::Placeholder(self.render(v)),
            }));
        }
        match (shape, &v.kind) {
            (Shape::Struct(members), Kind::Map(entries)) => {
                let mut out = Vec::with_capacity(entries.len());
                for e in entries {
                    let Some(s) = member(members, &e.key) else {
                        return Err(self.unknown(parent, key, e, members));
                    };
                    if let Some(x) = self.convert(&e.value, s, &path, &e.key)? {
                        out.push(Entry {
                            key: e.key.clone(),
                            key_pos: e.key_pos,
                            value: x,
                        });
                    }
                }
                Ok(Some(Value {
                    pos: v.pos,
                    kind: Kind::Map(out),
                }))
            }
            (Shape::List(members), Kind::List(items)) => {
                let mut out = Vec::with_capacity(items.len());
                for (i, item) in items.iter().enumerate() {
                    let k = format!("{key}[{i}]");
                    if let Some(x) = self.convert(item, Shape::Struct(members), parent, &k)? {
                        out.push(x);
                    }
                }
                Ok(Some(Value {
                    pos: v.pos,
                    kind: Kind::List(out),
                }))
            }
            // Structures and lists of the wrong type are left for the schema walk to refuse
            // in botocore's words.
            (Shape::Struct(_) | Shape::List(_), _) => Ok(Some(v.clone())),
            (_, Kind::Str(s)) if self.serverless && s.contains("${") => Ok(Some(Value {
                pos: v.pos,
                kind: Kind::Placeholder(s.clone()),
            })),
            _ => Ok(Some(convert(v.clone(), shape))),
        }
    }

    fn unknown(
        &self,
        parent: &str,
        key: &str,
        e: &Entry,
        members: &[(&'static str, Shape)],
    ) -> Refusal {
        let owner = if key.is_empty() {
            ENDPOINT.to_string()
        } else {
            format!("{ENDPOINT}'s {key}")
        };
        let names: Vec<&str> = members.iter().map(|(n, _)| *n).collect();
        let where_ = join(&join(parent, key), &e.key);
        let api_path = where_
            .split_once("Properties.")
            .map_or(where_.as_str(), |(_, p)| p)
            .to_string();
        at(
            e.key_pos,
            Some(&api_path),
            format!(
                "Unknown property \"{}\" at {where_}: {owner} takes {}",
                e.key,
                names.join(", ")
            ),
        )
    }

    /// The intrinsic function `v` as the template writes it, for the placeholder.
    fn render(&self, v: &Value) -> String {
        let mut out = String::new();
        self.write(v, &mut out, 0);
        const MAX: usize = 200;
        if out.chars().count() > MAX {
            let mut cut: String = out.chars().take(MAX).collect();
            cut.push_str("...");
            return cut;
        }
        out
    }

    fn write(&self, v: &Value, out: &mut String, depth: usize) {
        if depth > 8 || out.len() > 400 {
            out.push_str("...");
            return;
        }
        if let Some((name, arg)) = intrinsic(v) {
            if name.starts_with('!') && !self.json {
                out.push_str(name);
                out.push(' ');
                self.write(arg, out, depth + 1);
                return;
            }
            if !self.json && depth == 0 {
                // A long form in YAML reads best as the line it was: `Fn::Sub: ...`.
                out.push_str(name);
                out.push_str(": ");
                self.write(arg, out, depth + 1);
                return;
            }
        }
        match &v.kind {
            Kind::Null => out.push_str("null"),
            Kind::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Kind::Int { text, .. } | Kind::Float { text, .. } => out.push_str(text),
            Kind::Str(s) => {
                if !self.json && plain_safe(s) {
                    out.push_str(s);
                } else {
                    out.push_str(&format!("{s:?}"));
                }
            }
            Kind::Placeholder(s) => out.push_str(s),
            Kind::List(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    self.write(item, out, depth + 1);
                }
                out.push(']');
            }
            Kind::Map(entries) => {
                out.push('{');
                for (i, e) in entries.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    if self.json {
                        out.push_str(&format!("{:?}", e.key));
                    } else {
                        out.push_str(&e.key);
                    }
                    out.push_str(": ");
                    self.write(&e.value, out, depth + 1);
                }
                out.push('}');
            }
        }
    }

    /// Fills the design's new fleet from the `AWS::SageMaker::EndpointConfig` that the
    /// endpoint's `EndpointConfigName` refers to, when its variants are written out.
    fn new_fleet(
        &self,
        config: &Value,
        resources: &[Entry],
        document: &mut DesignDocument,
        notes: &mut Vec<String>,
    ) {
        let configs = || {
            resources
                .iter()
                .filter(|e| type_of(&e.value) == Some(ENDPOINT_CONFIG))
        };
        let target = match intrinsic(config) {
            Some((
                "!Ref" | "Ref",
                Value {
                    kind: Kind::Str(id),
                    ..
                },
            )) => configs().find(|e| e.key == *id),
            Some((
                "!GetAtt",
                Value {
                    kind: Kind::Str(s), ..
                },
            )) => s
                .split_once('.')
                .filter(|(_, attr)| *attr == "EndpointConfigName")
                .and_then(|(id, _)| configs().find(|e| e.key == id)),
            Some((
                "!GetAtt" | "Fn::GetAtt",
                Value {
                    kind: Kind::List(args),
                    ..
                },
            )) => match args.as_slice() {
                [Value {
                    kind: Kind::Str(id),
                    ..
                }, Value {
                    kind: Kind::Str(attr),
                    ..
                }] if attr == "EndpointConfigName" => configs().find(|e| e.key == *id),
                _ => None,
            },
            None => match &config.kind {
                Kind::Str(name) => configs().find(|e| {
                    e.value
                        .get("Properties")
                        .and_then(|p| p.get("EndpointConfigName"))
                        .is_some_and(|n| n.kind == Kind::Str(name.clone()))
                }),
                _ => None,
            },
            _ => None,
        };
        // Both named by the same expression (`!Ref ConfigName`, a parameter, with the
        // endpoint's `DependsOn` the config): that config.
        let target = target.or_else(|| {
            intrinsic(config)?;
            let written = self.render(config);
            configs().find(|e| {
                e.value
                    .get("Properties")
                    .and_then(|p| p.get("EndpointConfigName"))
                    .is_some_and(|n| intrinsic(n).is_some() && self.render(n) == written)
            })
        });
        let Some(target) = target else {
            return;
        };
        let id = &target.key;
        let Some(variants) = target
            .value
            .get("Properties")
            .and_then(|p| p.get("ProductionVariants"))
        else {
            return;
        };
        let Kind::List(items) = &variants.kind else {
            notes.push(format!(
                "The {ENDPOINT_CONFIG} {id} does not write its ProductionVariants out, so the new fleet was not taken from it."
            ));
            return;
        };
        let mut dropped: Vec<String> = Vec::new();
        let mut list = Vec::with_capacity(items.len());
        for item in items {
            let Kind::Map(entries) = &item.kind else {
                list.push(match intrinsic(item) {
                    Some(_) => Value {
                        pos: item.pos,
                        kind: Kind::Placeholder(self.render(item)),
                    },
                    None => item.clone(),
                });
                continue;
            };
            let mut kept = Vec::new();
            for e in entries {
                let Some(s) = member(VARIANT, &e.key) else {
                    if !dropped.contains(&e.key) {
                        dropped.push(e.key.clone());
                    }
                    continue;
                };
                let converted = match s {
                    Shape::Struct(members) => {
                        self.convert(&e.value, Shape::Struct(members), "", &e.key)
                    }
                    _ => self.convert(&e.value, s, "", &e.key),
                };
                match converted {
                    Ok(Some(v)) => kept.push(Entry {
                        key: e.key.clone(),
                        key_pos: e.key_pos,
                        value: v,
                    }),
                    Ok(None) => {}
                    Err(refusal) => {
                        notes.push(format!(
                            "The new fleet was not taken from {id}: {}",
                            refusal.error.message
                        ));
                        return;
                    }
                }
            }
            list.push(Value {
                pos: item.pos,
                kind: Kind::Map(kept),
            });
        }
        let tree = Value {
            pos: variants.pos,
            kind: Kind::List(list),
        };
        let from = format!("the {ENDPOINT_CONFIG} {id} that EndpointConfigName refers to");
        crate::read_new_fleet(&tree, &id, &from, &dropped, document, notes);
    }
}

/// True when YAML would read `s` back as this string without quotes.
fn plain_safe(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "_-.:/${}@".contains(c))
        && !s.starts_with(['-', ':', '{', '}'])
        && matches!(yaml::plain(s), Kind::Str(_))
}

fn join(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_string()
    } else if key.is_empty() {
        parent.to_string()
    } else if key.starts_with('[') {
        format!("{parent}{key}")
    } else {
        format!("{parent}.{key}")
    }
}
