//! CloudFormation: the `AWS::SageMaker::Endpoint` resource, alone or in a minimal whole
//! template, as YAML or JSON; and what CloudFormation lets through that the API then refuses.
//!
//! A placeholder becomes a `Ref` to a template parameter named `FillIn...` (declared, with no
//! default, in the whole template), so CloudFormation itself asks for the missing value.
//!
//! Each alarm the design defines is an `AWS::CloudWatch::Alarm` resource beside the endpoint,
//! and a rollback alarm of that name is a `Ref` to it (which gives the alarm's name), so
//! CloudFormation creates the alarm before the endpoint that watches it.
//!
//! With its endpoint configuration (`crate::fleet`), the template also has the
//! `AWS::SageMaker::EndpointConfig` of the new fleet, and `Parameters` for the endpoint's,
//! the config's and the models' names (the design's values as defaults); both resources
//! name the config by the same parameter and the endpoint `DependsOn` the config.

use designer_core::limits;
use designer_core::model::{DesignDocument, TrafficRoutingConfigType, VariantPropertyType};
use designer_core::validate::Severity;

use crate::alarms;
use crate::facts::{cloudformation as facts, endpoint_config as config_facts};
use crate::fleet;
use crate::json::{from_node_with, json_string, number, pretty, J};
use crate::tree::{self, Fill, Kind, Node};
use crate::{Export, Options, TargetFinding};

const TARGET: &str = "CloudFormation";
/// The resource's logical id.
const LOGICAL_ID: &str = "Endpoint";

/// The export as YAML (`yaml == true`) or JSON.
pub fn export(doc: &DesignDocument, options: &Options, yaml: bool) -> Export {
    let with_config = options.with_endpoint_config;
    // A template with its endpoint configuration declares its parameters: always whole.
    let whole = options.whole_template || with_config;
    let (template, fills) = template(doc, whole, with_config);
    let text = if yaml {
        let mut out = String::new();
        for line in header(&fills, whole) {
            out.push_str("# ");
            out.push_str(&line);
            out.push('\n');
        }
        out.push_str(&to_yaml(&template));
        out
    } else {
        pretty(&template)
    };
    let stem = if with_config {
        "sagemaker-endpoint-and-config"
    } else if whole {
        "sagemaker-endpoint"
    } else {
        "sagemaker-endpoint-resource"
    };
    Export {
        text,
        filename: format!("{stem}.{}", if yaml { "yaml" } else { "json" }),
    }
}

/// The parameter that stands for `fill`.
fn parameter(fill: &Fill) -> String {
    format!("FillIn{}", fill.ident())
}

/// Lines that say the export is incomplete and what to fill in (user text JSON-quoted, so
/// that it stays on its line).
fn header(fills: &[Fill], whole: bool) -> Vec<String> {
    if fills.is_empty() {
        return Vec::new();
    }
    let mut lines = vec![format!(
        "INCOMPLETE: the imported text did not give {} value(s). {}",
        fills.len(),
        if whole {
            "CloudFormation asks for each FillIn... parameter when the stack is deployed."
        } else {
            "Each is a Ref to a FillIn... parameter this snippet does not declare: declare it or put the value there."
        }
    )];
    for f in fills {
        lines.push(format!(
            "FILL IN {} ({}): the imported text had {}",
            f.path,
            parameter(f),
            json_string(&f.expression)
        ));
    }
    lines
}

/// The template (or the resource alone) and the placeholders in it.
fn template(doc: &DesignDocument, whole: bool, with_config: bool) -> (J, Vec<Fill>) {
    let defs = alarms::definitions(doc);
    let (mut root, _) = tree::request(doc);
    alarms::link(&mut root, &defs);
    let deployable = with_config.then(|| fleet::deployable(doc, &mut root).without_accelerators());
    let mut fills: Vec<Fill> = tree::fills(&root).into_iter().cloned().collect();
    if let Some(d) = &deployable {
        fills.extend(tree::fills(&d.config).into_iter().cloned());
    }
    let properties = node(&Node::Map(root));
    let mut resource = vec![("Type", J::str(facts::RESOURCE_TYPE))];
    if deployable.is_some() {
        resource.push(("DependsOn", J::str(config_facts::LOGICAL_ID)));
    }
    if !whole && !fills.is_empty() {
        let notes = fills
            .iter()
            .map(|f| {
                J::Str(format!(
                    "FILL IN {} (Ref {}): the imported text had {}",
                    f.path,
                    parameter(f),
                    f.expression
                ))
            })
            .collect();
        resource.push(("Metadata", J::obj(vec![("Incomplete", J::Arr(notes))])));
    }
    resource.push(("Properties", properties));
    let mut resources: Vec<(String, J)> = defs
        .iter()
        .map(|d| {
            let alarm = J::obj(vec![
                ("Type", J::str(facts::ALARM_RESOURCE_TYPE)),
                ("Properties", node(&Node::Map(d.obj.clone()))),
            ]);
            (d.id.logical_id(), alarm)
        })
        .collect();
    if let Some(d) = &deployable {
        resources.push((
            config_facts::LOGICAL_ID.to_string(),
            J::obj(vec![
                ("Type", J::str(config_facts::RESOURCE_TYPE)),
                ("Properties", node(&Node::Map(d.config.clone()))),
            ]),
        ));
    }
    resources.push((LOGICAL_ID.to_string(), J::obj(resource)));
    let resources = J::Obj(resources);
    if !whole {
        return (resources, fills);
    }
    let what = if deployable.is_some() {
        if defs.is_empty() {
            "A SageMaker endpoint, its endpoint configuration (the new fleet), and the deployment policy of its updates (written by the deployment designer)"
        } else {
            "A SageMaker endpoint, its endpoint configuration (the new fleet), the CloudWatch alarms that roll its updates back, and the deployment policy of its updates (written by the deployment designer)"
        }
    } else if defs.is_empty() {
        "A SageMaker endpoint and the deployment policy of its updates (written by the deployment designer)"
    } else {
        "A SageMaker endpoint, the CloudWatch alarms that roll its updates back, and the deployment policy of its updates (written by the deployment designer)"
    };
    let mut top = vec![
        (
            "AWSTemplateFormatVersion",
            J::str(facts::TEMPLATE_FORMAT_VERSION),
        ),
        (
            "Description",
            J::str(if fills.is_empty() {
                what.to_string()
            } else {
                format!(
                    "INCOMPLETE: fill in the {} FillIn... parameter(s) before deploying. {what}",
                    fills.len()
                )
            }),
        ),
    ];
    let mut params: Vec<(String, J)> = Vec::new();
    for p in deployable.iter().flat_map(|d| &d.params) {
        let mut entries = vec![("Type", J::str("String"))];
        if let Some(default) = &p.default {
            entries.push(("Default", J::Str(default.clone())));
        }
        entries.push(("Description", J::Str(p.description.clone())));
        params.push((p.id.clone(), J::obj(entries)));
    }
    if !fills.is_empty() {
        params.extend(fills.iter().map(|f| {
            let mut p = vec![(
                "Type",
                J::str(if matches!(f.kind, Kind::Int | Kind::Float) {
                    "Number"
                } else {
                    "String"
                }),
            )];
            if f.kind == Kind::Bool {
                p.push((
                    "AllowedValues",
                    J::Arr(vec![J::str("true"), J::str("false")]),
                ));
            }
            p.push((
                "Description",
                J::Str(format!(
                    "FILL IN {}: the imported text had {}",
                    f.path,
                    short(&f.expression)
                )),
            ));
            (parameter(f), J::obj(p))
        }));
    }
    if !params.is_empty() {
        top.push(("Parameters", J::Obj(params)));
    }
    top.push(("Resources", resources));
    (J::obj(top), fills)
}

/// A parameter's description has a length limit; the expression is shown in full in the
/// header.
fn short(s: &str) -> String {
    const MAX: usize = 200;
    if s.chars().count() <= MAX {
        s.to_string()
    } else {
        s.chars().take(MAX).collect::<String>() + "..."
    }
}

fn node(n: &Node) -> J {
    from_node_with(
        n,
        &|key, f| (key.to_string(), J::obj(vec![("Ref", J::Str(parameter(f)))])),
        // `Ref` of an AWS::CloudWatch::Alarm gives the alarm's name.
        &|l| J::Ref(l.id.logical_id()),
    )
}

/// `s` as a YAML scalar that reads back as exactly this string: plain when it is a word
/// YAML cannot take for anything else (letters, digits, `-`, `_`, inner `::`, not a YAML 1.1
/// boolean or null), otherwise double-quoted with escapes for `"`, `\`, line breaks,
/// controls and the characters a reader cannot see.
pub fn yaml_string(s: &str) -> String {
    if is_plain_word(s) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if needs_yaml_escape(c) => {
                let n = c as u32;
                if n <= 0xFF {
                    out.push_str(&format!("\\x{n:02x}"));
                } else if n <= 0xFFFF {
                    out.push_str(&format!("\\u{n:04x}"));
                } else {
                    out.push_str(&format!("\\U{n:08x}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Not YAML's printable set (1.1 and 1.2), a line break YAML folds (NEL, LS, PS), or a
/// character a reader cannot see.
fn needs_yaml_escape(c: char) -> bool {
    let n = c as u32;
    let printable = matches!(n, 0x20..=0x7E | 0xA0..=0xD7FF | 0xE000..=0xFFFD | 0x10000..=0x10FFFF);
    !printable || designer_core::export::is_invisible(c)
}

/// Words YAML 1.1 (which PyYAML and so cfn-lint read) takes for booleans or null.
const YAML_SPECIAL: &[&str] = &["y", "n", "yes", "no", "on", "off", "true", "false", "null"];

fn is_plain_word(s: &str) -> bool {
    let b = s.as_bytes();
    let Some(first) = b.first() else {
        return false;
    };
    first.is_ascii_alphabetic()
        && b.iter()
            .all(|c| c.is_ascii_alphanumeric() || *c == b'-' || *c == b'_' || *c == b':')
        && !s.ends_with(':')
        && !s.contains(": ")
        && !YAML_SPECIAL.contains(&s.to_ascii_lowercase().as_str())
}

/// A key: CloudFormation's keys are our own words, but quote anything else all the same.
fn yaml_key(k: &str) -> String {
    if k.bytes().all(|c| c.is_ascii_alphanumeric()) && !k.is_empty() && is_plain_word(k) {
        k.to_string()
    } else {
        yaml_string(k)
    }
}

/// Block-style YAML of `v` (a mapping at the top), two-space indents, lists under their key
/// as the CloudFormation user guide writes them.
pub fn to_yaml(v: &J) -> String {
    let mut out = String::new();
    match v {
        J::Obj(entries) => mapping(entries, 0, &mut out),
        other => {
            out.push_str(&scalar(other));
            out.push('\n');
        }
    }
    out
}

fn pad(depth: usize) -> String {
    "  ".repeat(depth)
}

/// A number as YAML 1.1 (PyYAML, so cfn-lint) reads a float: a dot before any exponent.
fn yaml_number(x: f64) -> String {
    let s = number(x);
    match s.split_once('e') {
        Some((mantissa, exp)) if !mantissa.contains('.') => format!("{mantissa}.0e{exp}"),
        _ => s,
    }
}

fn scalar(v: &J) -> String {
    match v {
        J::Str(s) => yaml_string(s),
        J::Int(n) => n.to_string(),
        J::Num(x) => yaml_number(*x),
        J::Ref(name) => format!("!Ref {}", yaml_string(name)),
        J::Bool(b) => b.to_string(),
        J::Arr(_) => "[]".to_string(),
        J::Obj(_) => "{}".to_string(),
    }
}

fn mapping(entries: &[(String, J)], depth: usize, out: &mut String) {
    for (k, v) in entries {
        out.push_str(&pad(depth));
        out.push_str(&yaml_key(k));
        out.push(':');
        match v {
            J::Obj(inner) if !inner.is_empty() => {
                out.push('\n');
                mapping(inner, depth + 1, out);
            }
            J::Arr(items) if !items.is_empty() => {
                out.push('\n');
                sequence(items, depth + 1, out);
            }
            other => {
                out.push(' ');
                out.push_str(&scalar(other));
                out.push('\n');
            }
        }
    }
}

fn sequence(items: &[J], depth: usize, out: &mut String) {
    for item in items {
        match item {
            J::Obj(inner) if !inner.is_empty() => {
                // The first member goes on the dash's line, the rest under it.
                let mut block = String::new();
                mapping(inner, depth + 1, &mut block);
                let inner_pad = pad(depth + 1);
                let rest = block.strip_prefix(&inner_pad).unwrap_or(&block);
                out.push_str(&pad(depth));
                out.push_str("- ");
                out.push_str(rest);
            }
            J::Arr(inner) if !inner.is_empty() => {
                out.push_str(&pad(depth));
                out.push_str("-\n");
                sequence(inner, depth + 1, out);
            }
            other => {
                out.push_str(&pad(depth));
                out.push_str("- ");
                out.push_str(&scalar(other));
                out.push('\n');
            }
        }
    }
}

/// What CloudFormation does differently from the API for this design. The deploy-time ones
/// are errors the core's validation also reports at the same path (R2, R4, S1, S2, S3:
/// `tests/findings.rs` checks that they agree); they are worked out here from the request so
/// that the on-demand module does not carry the whole validation a second time.
pub fn findings(doc: &DesignDocument) -> Vec<TargetFinding> {
    let mut out = Vec::new();
    let req = &doc.request;
    let held = |path: &str| doc.placeholders.iter().any(|p| p.path == path);
    let mut deploy_time = |path: String, why: String| {
        if !held(&path) {
            out.push(TargetFinding {
                target: TARGET,
                path,
                severity: Severity::Error,
                message: format!(
                    "CloudFormation accepts this template but the update fails at deploy time: {why}"
                ),
            });
        }
    };
    if let Some(list) = &req.exclude_retained_variant_properties {
        let base = "ExcludeRetainedVariantProperties";
        let max = limits::VARIANT_PROPERTY_LIST.max;
        if list.len() > max && facts::VARIANT_PROPERTY_LIST_MAX.is_none() {
            deploy_time(base.to_string(), format!(
                "the API takes at most {max} entries in {base} ({} here); CloudFormation's schema sets no limit.",
                list.len()
            ));
        }
        for (i, p) in list.iter().enumerate() {
            let path = format!("{base}[{i}].VariantPropertyType");
            let why = match &p.variant_property_type {
                None => "the API requires VariantPropertyType in every entry; CloudFormation's schema does not.".to_string(),
                Some(t) if !t.is_known() && !facts::VARIANT_PROPERTY_TYPE_HAS_ENUM => format!(
                    "{} is not one of the API's property types ({}); CloudFormation's schema has no such list.",
                    json_string(t.wire()),
                    VariantPropertyType::WIRE.join(", ")
                ),
                Some(_) => continue,
            };
            deploy_time(path, why);
        }
    }
    let dc = req.deployment_config.as_ref();
    let bg = dc.and_then(|d| d.blue_green_update_policy.as_ref());
    if bg.is_some()
        && dc.is_some_and(|d| d.rolling_update_policy.is_some())
        && !facts::ONE_POLICY_ENFORCED
    {
        deploy_time(
            "DeploymentConfig".to_string(),
            "CloudFormation takes both update policies, the API only one.".to_string(),
        );
    }
    if let Some(t) = bg.and_then(|b| b.traffic_routing_configuration.as_ref()) {
        let base = "DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration";
        if t.wait_interval_in_seconds.is_none()
            && !facts::TRAFFIC_ROUTING_REQUIRED.contains(&"WaitIntervalInSeconds")
        {
            deploy_time(
                format!("{base}.WaitIntervalInSeconds"),
                "the API requires WaitIntervalInSeconds, which CloudFormation's schema leaves optional.".to_string(),
            );
        }
        let needs = match t.type_ {
            Some(TrafficRoutingConfigType::Canary) if t.canary_size.is_none() => {
                Some(("CANARY", "CanarySize"))
            }
            Some(TrafficRoutingConfigType::Linear) if t.linear_step_size.is_none() => {
                Some(("LINEAR", "LinearStepSize"))
            }
            _ => None,
        };
        if let Some((ty, member)) = needs {
            deploy_time(
                format!("{base}.{member}"),
                format!("the API requires {member} with {ty} routing; CloudFormation's schema does not know that."),
            );
        }
    }
    if let Some(alarms) = req
        .deployment_config
        .as_ref()
        .and_then(|dc| dc.auto_rollback_configuration.as_ref())
        .and_then(|a| a.alarms.as_ref())
    {
        for (i, a) in alarms.iter().enumerate() {
            let seen = alarms
                .iter()
                .take(i)
                .any(|b| b.alarm_name.is_some() && b.alarm_name == a.alarm_name);
            if facts::ALARMS_UNIQUE && seen {
                out.push(TargetFinding {
                    target: TARGET,
                    path: format!("DeploymentConfig.AutoRollbackConfiguration.Alarms[{i}]"),
                    severity: Severity::Error,
                    message: "CloudFormation refuses the same alarm twice in Alarms (its schema wants unique items): remove the repeat.".to_string(),
                });
            }
        }
    }
    if req.endpoint_name.is_some() || held("EndpointName") {
        out.push(TargetFinding {
            target: TARGET,
            path: "EndpointName".to_string(),
            severity: Severity::Warning,
            message: "In CloudFormation, changing EndpointName replaces the endpoint: a new endpoint is created and the old one deleted, without this deployment policy. Keep the name the stack already has.".to_string(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_strings_stay_strings() {
        let cases = [
            ("CANARY", "CANARY"),
            ("AWS::SageMaker::Endpoint", "AWS::SageMaker::Endpoint"),
            ("my-endpoint", "my-endpoint"),
            ("yes", "\"yes\""),
            ("No", "\"No\""),
            ("null", "\"null\""),
            ("~", "\"~\""),
            ("", "\"\""),
            ("123", "\"123\""),
            ("a: b", "\"a: b\""),
            ("- x", "\"- x\""),
            ("!Ref X", "\"!Ref X\""),
            ("a\"b\\c\nd", "\"a\\\"b\\\\c\\nd\""),
            ("nel\u{85}ls\u{2028}", "\"nel\\x85ls\\u2028\""),
            ("tag\u{E0041}", "\"tag\\U000e0041\""),
            ("é", "\"é\""),
        ];
        for (input, want) in cases {
            assert_eq!(yaml_string(input), want, "{input:?}");
        }
    }

    #[test]
    fn yaml_blocks_nest_lists_under_keys() {
        let v = J::obj(vec![(
            "A",
            J::obj(vec![
                (
                    "Alarms",
                    J::Arr(vec![
                        J::obj(vec![("AlarmName", J::str("x")), ("B", J::Int(1))]),
                        J::obj(vec![("AlarmName", J::str("yes"))]),
                    ]),
                ),
                ("E", J::Arr(vec![])),
            ]),
        )]);
        assert_eq!(
            to_yaml(&v),
            "A:\n  Alarms:\n    - AlarmName: x\n      B: 1\n    - AlarmName: \"yes\"\n  E: []\n"
        );
    }
}
