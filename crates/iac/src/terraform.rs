//! Terraform: the `aws_sagemaker_endpoint` resource (nested blocks, `alarms` repeated) and
//! the `awscc_sagemaker_endpoint` one (attribute objects), in HCL; and what the aws provider
//! refuses or cannot say that the API accepts.
//!
//! A placeholder becomes `var.fill_in_...`, with a `variable` block that has no default, so
//! Terraform itself asks for the missing value at plan time.
//!
//! Each alarm the design defines is an `aws_cloudwatch_metric_alarm` (`awscc_cloudwatch_alarm`)
//! before the endpoint, and a rollback alarm of that name refers to its `alarm_name`, so
//! Terraform creates the alarm first.
//!
//! With its endpoint configuration (`crate::fleet`), the module is deployable alone: a
//! `terraform { required_providers }` block, a `variable` with the design's value as its
//! default for the endpoint's, the config's and each model's name, the
//! `aws_sagemaker_endpoint_configuration` (`awscc_sagemaker_endpoint_config`) of the new fleet,
//! and the endpoint naming the config by the same variable, with `depends_on` it.

use designer_core::model::DesignDocument;
use designer_core::validate::Severity;

use crate::alarms::{self, Definition};
use crate::facts::{awscc as awscc_facts, terraform as facts};
use crate::fleet::{self, Deployable};
use crate::json::{compact, from_node, json_string, number, J};
use crate::tree::{self, snake, Fill, Kind, Node, Obj, Param};
use crate::{Export, Options, TargetFinding};

const TARGET: &str = "Terraform";
const AWSCC_TARGET: &str = "Terraform (awscc)";
/// The resource's local name.
const LOCAL_NAME: &str = "endpoint";
/// The endpoint configuration's local name.
const CONFIG_LOCAL_NAME: &str = "endpoint_config";

/// `s` as an HCL quoted string that Terraform reads as exactly this text: `"` and `\`
/// escaped, line breaks, controls and invisible characters as `\n`, `\uNNNN` or
/// `\UNNNNNNNN`, and the template sequences `${` and `%{` doubled (`$${`, `%%{`) so they
/// stay text.
pub fn hcl_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '$' | '%' if chars.peek() == Some(&'{') => {
                out.push(c);
                out.push(c);
            }
            c if c.is_control() || designer_core::export::is_invisible(c) => {
                let n = c as u32;
                if n <= 0xFFFF {
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

/// The variable that stands for `fill`.
fn variable(fill: &Fill) -> String {
    format!("fill_in_{}", fill.snake_ident())
}

fn pad(depth: usize) -> String {
    "  ".repeat(depth)
}

/// The header comment and `variable` blocks for the placeholders.
fn preamble(fills: &[&Fill], out: &mut String) {
    if fills.is_empty() {
        return;
    }
    fill_header(fills, out);
    out.push('\n');
    fill_variables(fills, out);
}

/// The header comment that says what the placeholders are.
fn fill_header(fills: &[&Fill], out: &mut String) {
    if fills.is_empty() {
        return;
    }
    out.push_str(&format!(
        "# INCOMPLETE: the imported text did not give {} value(s). Each is a fill_in_... variable\n\
         # without a default, so Terraform asks for it at plan time; or put the value in its place.\n",
        fills.len()
    ));
    for f in fills {
        out.push_str(&format!(
            "# FILL IN {} (var.{}): the imported text had {}\n",
            f.path,
            variable(f),
            json_string(&f.expression)
        ));
    }
}

/// A `variable` block (no default) for each placeholder.
fn fill_variables(fills: &[&Fill], out: &mut String) {
    for f in fills {
        let ty = match f.kind {
            Kind::Str => "string",
            Kind::Int | Kind::Float => "number",
            Kind::Bool => "bool",
            Kind::Other => "any",
        };
        out.push_str(&format!(
            "variable \"{}\" {{\n  description = {}\n  type        = {ty}\n}}\n\n",
            variable(f),
            hcl_string(&format!(
                "FILL IN {}: the imported text had {}",
                f.path, f.expression
            ))
        ));
    }
}

/// The provider an export is written for (a defined alarm is a resource of its own type).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Provider {
    Aws,
    Awscc,
}

impl Provider {
    fn alarm_type(self) -> &'static str {
        match self {
            Provider::Aws => facts::ALARM_RESOURCE_TYPE,
            Provider::Awscc => awscc_facts::ALARM_RESOURCE_TYPE,
        }
    }
}

/// A scalar, placeholder or link to a defined alarm as an HCL expression; `None` for a
/// structure or a list.
fn scalar(n: &Node, p: Provider) -> Option<String> {
    match n {
        Node::Str(s) => Some(hcl_string(s)),
        Node::Int(i) => Some(i.to_string()),
        Node::Float(x) => Some(number(*x)),
        Node::Bool(b) => Some(b.to_string()),
        Node::Fill(f) => Some(format!("var.{}", variable(f))),
        Node::Link(l) => Some(format!("{}.{}.alarm_name", p.alarm_type(), l.id.snake())),
        Node::Param(param) => Some(format!("var.{}", param.snake())),
        Node::List(_) | Node::Map(_) => None,
    }
}

/// Writes `key = value` lines with their `=` aligned, as `terraform fmt` does.
fn attributes(lines: &[(String, String)], depth: usize, out: &mut String) {
    let width = lines.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
    for (k, v) in lines {
        out.push_str(&format!("{}{k:width$} = {v}\n", pad(depth)));
    }
}

/// The aws provider's argument for an API member.
fn argument(member: &str) -> String {
    facts::RENAMED
        .iter()
        .find(|(api, _)| *api == member)
        .map(|(_, tf)| tf.to_string())
        .unwrap_or_else(|| snake(member))
}

/// The body of a block of the aws provider: attributes first, then nested blocks (a list of
/// structures is the block repeated).
fn block_body(obj: &Obj, depth: usize, out: &mut String) {
    let mut attrs = Vec::new();
    let mut blocks: Vec<(String, &Obj)> = Vec::new();
    for (k, v) in &obj.entries {
        let name = argument(k);
        match v {
            Node::Map(o) => blocks.push((name, o)),
            Node::List(items) => {
                for item in items {
                    match item {
                        Node::Map(o) => blocks.push((name.clone(), o)),
                        other => {
                            if let Some(s) = scalar(other, Provider::Aws) {
                                attrs.push((name.clone(), s));
                            }
                        }
                    }
                }
            }
            other => {
                if let Some(s) = scalar(other, Provider::Aws) {
                    attrs.push((name, s));
                }
            }
        }
    }
    attributes(&attrs, depth, out);
    for (i, (name, o)) in blocks.iter().enumerate() {
        if i > 0 || !attrs.is_empty() {
            out.push('\n');
        }
        out.push_str(&format!("{}{name} {{\n", pad(depth)));
        block_body(o, depth + 1, out);
        out.push_str(&format!("{}}}\n", pad(depth)));
    }
}

/// A `dimensions` map of the aws provider: dimension name to value, aligned.
fn dimension_map(items: &[Node], depth: usize, out: &mut String) {
    let mut lines = Vec::new();
    for item in items {
        let Node::Map(d) = item else { continue };
        let text = |k: &str| d.get(k).and_then(|v| scalar(v, Provider::Aws));
        if let (Some(name), Some(value)) = (text("Name"), text("Value")) {
            lines.push((name, value));
        }
    }
    out.push_str(&format!("{}dimensions = {{\n", pad(depth)));
    attributes(&lines, depth + 1, out);
    out.push_str(&format!("{}}}\n", pad(depth)));
}

/// Writes the scalars of `objs` as aligned attributes, then their `Dimensions` as a map.
fn alarm_attributes(objs: &[&Obj], depth: usize, out: &mut String) {
    let mut attrs = Vec::new();
    let mut dims = None;
    for obj in objs {
        for (k, v) in &obj.entries {
            match v {
                Node::List(items) if *k == "Dimensions" => dims = Some(items),
                v => {
                    if let Some(s) = scalar(v, Provider::Aws) {
                        attrs.push((snake(k), s));
                    }
                }
            }
        }
    }
    attributes(&attrs, depth, out);
    if let Some(items) = dims {
        dimension_map(items, depth, out);
    }
}

/// An `aws_cloudwatch_metric_alarm` resource: `PutMetricAlarm`'s members in snake_case,
/// `dimensions` as a map, each query of `Metrics` a `metric_query` block whose `metric`
/// block holds the query's `MetricStat` (its `Metric` and its period, stat and unit).
fn aws_alarm(d: &Definition, out: &mut String) {
    out.push_str(&format!(
        "resource \"{}\" \"{}\" {{\n",
        facts::ALARM_RESOURCE_TYPE,
        d.id.snake()
    ));
    alarm_attributes(&[&d.obj], 1, out);
    let queries = match d.obj.get("Metrics") {
        Some(Node::List(items)) => items.as_slice(),
        _ => &[],
    };
    for q in queries {
        let Node::Map(q) = q else { continue };
        out.push_str(&format!("\n  {} {{\n", facts::ALARM_METRICS_BLOCK));
        let mut own = q.clone();
        own.entries.retain(|(k, _)| *k != "MetricStat");
        alarm_attributes(&[&own], 2, out);
        if let Some(Node::Map(stat)) = q.get("MetricStat") {
            let mut rest = stat.clone();
            rest.entries.retain(|(k, _)| *k != "Metric");
            let metric = match stat.get("Metric") {
                Some(Node::Map(m)) => m.clone(),
                _ => Obj::new(alarms::shape::METRIC),
            };
            out.push_str(&format!("\n    {} {{\n", facts::ALARM_METRIC_STAT_BLOCK));
            alarm_attributes(&[&metric, &rest], 3, out);
            out.push_str("    }\n");
        }
        out.push_str("  }\n");
    }
    out.push_str("}\n\n");
}

/// The head of a module with its endpoint configuration: what it is, the placeholders'
/// header, the `terraform` block requiring `provider` (name, source, version floor), and a
/// `variable` for each param and each placeholder.
fn module_head(
    d: &Deployable,
    fills: &[&Fill],
    provider: (&str, &str, Option<&str>),
    out: &mut String,
) {
    out.push_str(
        "# A SageMaker endpoint, its endpoint configuration (the new fleet) and the deployment\n\
         # policy of its updates, written by the deployment designer. Set the names in the\n\
         # variables' defaults or with -var; give endpoint_config_name a new value with each new fleet.\n",
    );
    fill_header(fills, out);
    let (name, source, version) = provider;
    out.push_str(&format!(
        "\nterraform {{\n  required_providers {{\n    {name} = {{\n"
    ));
    let mut lines = vec![("source".to_string(), hcl_string(source))];
    if let Some(v) = version {
        lines.push(("version".to_string(), hcl_string(v)));
    }
    attributes(&lines, 3, out);
    out.push_str("    }\n  }\n}\n\n");
    for p in &d.params {
        param_variable(p, out);
    }
    fill_variables(fills, out);
}

/// The `variable` block of a param: a string, with the design's value as its default.
fn param_variable(p: &Param, out: &mut String) {
    out.push_str(&format!("variable \"{}\" {{\n", p.snake()));
    let mut lines = vec![
        ("description".to_string(), hcl_string(&p.description)),
        ("type".to_string(), "string".to_string()),
    ];
    if let Some(d) = &p.default {
        lines.push(("default".to_string(), hcl_string(d)));
    }
    attributes(&lines, 1, out);
    out.push_str("}\n\n");
}

/// The `aws_sagemaker_endpoint` export.
pub fn export_aws(doc: &DesignDocument, options: &Options) -> Export {
    let defs = alarms::definitions(doc);
    let (mut root, _) = tree::request(doc);
    alarms::link(&mut root, &defs);
    let deployable = options
        .with_endpoint_config
        .then(|| fleet::deployable(doc, &mut root));
    let mut fills: Vec<Fill> = tree::fills(&root).into_iter().cloned().collect();
    if let Some(d) = &deployable {
        fills.extend(tree::fills(&d.config).into_iter().cloned());
    }
    // What the provider cannot say is taken out of the resource and named in a comment.
    let mut left_out = Vec::new();
    root.entries.retain(|(k, v)| {
        if facts::UNSUPPORTED.contains(k) {
            left_out.push((*k, v.clone()));
            false
        } else {
            true
        }
    });
    let mut out = String::new();
    let fill_refs: Vec<&Fill> = fills.iter().collect();
    match &deployable {
        Some(d) => module_head(
            d,
            &fill_refs,
            ("aws", facts::PROVIDER_SOURCE, Some(facts::PROVIDER_VERSION)),
            &mut out,
        ),
        None => preamble(&fill_refs, &mut out),
    }
    for d in &defs {
        aws_alarm(d, &mut out);
    }
    if let Some(d) = &deployable {
        out.push_str(&format!(
            "resource \"{}\" \"{CONFIG_LOCAL_NAME}\" {{\n",
            facts::CONFIG_RESOURCE_TYPE
        ));
        // The config's name is its `name` argument.
        let mut body = d.config.clone();
        for (k, _) in body.entries.iter_mut() {
            if *k == "EndpointConfigName" {
                *k = "Name";
            }
        }
        block_body(&body, 1, &mut out);
        out.push_str("}\n\n");
    }
    out.push_str(&format!(
        "resource \"{}\" \"{LOCAL_NAME}\" {{\n",
        facts::RESOURCE_TYPE
    ));
    block_body(&root, 1, &mut out);
    if !left_out.is_empty() {
        if !root.entries.is_empty() {
            out.push('\n');
        }
        out.push_str(
            "  # Not set: the aws provider has no argument for these (use awscc or the CLI):\n",
        );
        for (k, v) in &left_out {
            let value = from_node(v, &|key, f| {
                (key.to_string(), J::Str(format!("var.{}", variable(f))))
            });
            out.push_str(&format!("  #   {k} = {}\n", compact(&value)));
        }
    }
    if deployable.is_some() {
        depends_on(facts::CONFIG_RESOURCE_TYPE, &mut out);
    }
    out.push_str("}\n");
    Export {
        text: out,
        filename: "sagemaker_endpoint.tf".to_string(),
    }
}

/// The endpoint's `depends_on` its config: it names the config by the variable, not by a
/// reference, so Terraform would not otherwise know to create the config first.
fn depends_on(config_type: &str, out: &mut String) {
    out.push_str(&format!(
        "\n  depends_on = [{config_type}.{CONFIG_LOCAL_NAME}]\n"
    ));
}

/// A value of the awscc form: objects and lists as HCL constructors, one member a line.
fn value(n: &Node, depth: usize) -> String {
    if let Some(s) = scalar(n, Provider::Awscc) {
        return s;
    }
    match n {
        Node::Map(o) if o.entries.is_empty() => "{}".to_string(),
        Node::List(items) if items.is_empty() => "[]".to_string(),
        Node::Map(o) => {
            let mut out = String::from("{\n");
            object_body(o, depth + 1, &mut out);
            out.push_str(&pad(depth));
            out.push('}');
            out
        }
        Node::List(items) => {
            let mut out = String::from("[\n");
            for item in items {
                out.push_str(&pad(depth + 1));
                out.push_str(&value(item, depth + 1));
                out.push_str(",\n");
            }
            out.push_str(&pad(depth));
            out.push(']');
            out
        }
        _ => String::new(),
    }
}

/// Members of an awscc object: runs of one-line values aligned, as `terraform fmt` does.
fn object_body(obj: &Obj, depth: usize, out: &mut String) {
    let mut run: Vec<(String, String)> = Vec::new();
    for (k, v) in &obj.entries {
        let text = value(v, depth);
        if text.contains('\n') {
            attributes(&run, depth, out);
            run.clear();
            out.push_str(&format!("{}{} = {text}\n", pad(depth), snake(k)));
        } else {
            run.push((snake(k), text));
        }
    }
    attributes(&run, depth, out);
}

/// The `awscc_sagemaker_endpoint` export.
pub fn export_awscc(doc: &DesignDocument, options: &Options) -> Export {
    let defs = alarms::definitions(doc);
    let (mut root, _) = tree::request(doc);
    alarms::link(&mut root, &defs);
    let deployable = options
        .with_endpoint_config
        .then(|| fleet::deployable(doc, &mut root).without_accelerators());
    let mut out = String::new();
    match &deployable {
        Some(d) => {
            let mut fills = tree::fills(&root);
            fills.extend(tree::fills(&d.config));
            module_head(
                d,
                &fills,
                ("awscc", awscc_facts::PROVIDER_SOURCE, None),
                &mut out,
            );
        }
        None => preamble(&tree::fills(&root), &mut out),
    }
    for d in &defs {
        out.push_str(&format!(
            "resource \"{}\" \"{}\" {{\n",
            awscc_facts::ALARM_RESOURCE_TYPE,
            d.id.snake()
        ));
        object_body(&d.obj, 1, &mut out);
        out.push_str("}\n\n");
    }
    if let Some(d) = &deployable {
        out.push_str(&format!(
            "resource \"{}\" \"{CONFIG_LOCAL_NAME}\" {{\n",
            awscc_facts::CONFIG_RESOURCE_TYPE
        ));
        object_body(&d.config, 1, &mut out);
        out.push_str("}\n\n");
    }
    out.push_str(&format!(
        "resource \"{}\" \"{LOCAL_NAME}\" {{\n",
        awscc_facts::RESOURCE_TYPE
    ));
    object_body(&root, 1, &mut out);
    if deployable.is_some() {
        depends_on(awscc_facts::CONFIG_RESOURCE_TYPE, &mut out);
    }
    out.push_str("}\n");
    Export {
        text: out,
        filename: "sagemaker_endpoint_awscc.tf".to_string(),
    }
}

/// What the aws provider refuses or cannot say, and what awscc does differently.
pub fn findings(doc: &DesignDocument) -> Vec<TargetFinding> {
    let mut out = Vec::new();
    let req = &doc.request;
    let held = |path: &str| doc.placeholders.iter().any(|p| p.path == path);
    let mut push = |path: &str, severity: Severity, message: String| {
        out.push(TargetFinding {
            target: TARGET,
            path: path.to_string(),
            severity,
            message,
        })
    };
    let range = facts::MAXIMUM_EXECUTION_TIMEOUT_IN_SECONDS;
    let (lo, hi) = (range.min.unwrap_or(0), range.max.unwrap_or(i64::MAX));
    if let Some(dc) = &req.deployment_config {
        let bg = dc.blue_green_update_policy.as_ref();
        let rp = dc.rolling_update_policy.as_ref();
        let timeouts = [
            (
                "DeploymentConfig.BlueGreenUpdatePolicy.MaximumExecutionTimeoutInSeconds",
                bg.and_then(|b| b.maximum_execution_timeout_in_seconds),
            ),
            (
                "DeploymentConfig.RollingUpdatePolicy.MaximumExecutionTimeoutInSeconds",
                rp.and_then(|r| r.maximum_execution_timeout_in_seconds),
            ),
        ];
        for (path, t) in timeouts {
            if let Some(t) = t.filter(|t| !range.contains(*t)) {
                let side = if t > hi {
                    format!("above {hi} s")
                } else {
                    format!("under {lo} s")
                };
                push(path, Severity::Error, format!(
                    "Terraform refuses a timeout {side}: the aws provider takes {lo}..{hi} for maximum_execution_timeout_in_seconds (the API allows up to 28800), and {t} is outside it."
                ));
            }
        }
        match (bg.is_some(), rp.is_some()) {
            (true, true) => push("DeploymentConfig", Severity::Error, format!(
                "Terraform takes exactly one of {} and {}: remove one.",
                facts::EXACTLY_ONE_OF[0], facts::EXACTLY_ONE_OF[1]
            )),
            (false, false) if !held("DeploymentConfig.BlueGreenUpdatePolicy") && !held("DeploymentConfig.RollingUpdatePolicy") => push("DeploymentConfig", Severity::Error, format!(
                "Terraform needs exactly one of {} and {} in deployment_config (the API lets both be absent): add one, or leave DeploymentConfig out.",
                facts::EXACTLY_ONE_OF[0], facts::EXACTLY_ONE_OF[1]
            )),
            _ => {}
        }
        // Terraform waits a fixed 60 minutes for InService (designer_core::pipeline has the
        // source): a longer rollout fails `terraform apply` while SageMaker goes on.
        let sim = designer_core::simulate::simulate(doc);
        let wait = designer_core::pipeline::TERRAFORM_WAIT_SECONDS;
        if sim.summary.total_seconds > wait {
            push("DeploymentConfig", Severity::Warning, format!(
                "Terraform stops waiting after {}; this rollout takes {}: terraform apply fails with a timeout while SageMaker goes on, and the next plan sees the endpoint still Updating. Shorten the bakes, or run the update outside Terraform (the Apply tabs).",
                designer_core::format::humane_duration(wait),
                designer_core::format::humane_duration(sim.summary.total_seconds)
            ));
        }
        if facts::WAIT_INTERVAL_REQUIRED {
            let routing = bg.and_then(|b| b.traffic_routing_configuration.as_ref());
            let p = "DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration.WaitIntervalInSeconds";
            if routing.is_some_and(|t| t.wait_interval_in_seconds.is_none()) && !held(p) {
                push(p, Severity::Error, "Terraform requires wait_interval_in_seconds in traffic_routing_configuration: set the baking period (0 for none).".to_string());
            }
            let p = "DeploymentConfig.RollingUpdatePolicy.WaitIntervalInSeconds";
            if rp.is_some_and(|r| r.wait_interval_in_seconds.is_none()) && !held(p) {
                push(p, Severity::Error, "Terraform requires wait_interval_in_seconds in rolling_update_policy: set the baking period (0 for none).".to_string());
            }
        }
        if dc.auto_rollback_configuration.is_some()
            || held("DeploymentConfig.AutoRollbackConfiguration")
        {
            push("DeploymentConfig.AutoRollbackConfiguration", Severity::Warning, format!(
                "In Terraform, changing these alarms replaces the endpoint: {} is ForceNew in the aws provider, so a later edit of the alarms destroys and recreates the endpoint instead of updating it.",
                facts::FORCE_NEW[0]
            ));
        }
    }
    let unsupported = [
        (
            "RetainAllVariantProperties",
            req.retain_all_variant_properties == Some(true),
            "the update resets the variants' instance counts and weights to the new config's",
        ),
        (
            "ExcludeRetainedVariantProperties",
            req.exclude_retained_variant_properties
                .as_ref()
                .is_some_and(|l| !l.is_empty()),
            "the exclusions are not sent",
        ),
        (
            "RetainDeploymentConfig",
            req.retain_deployment_config == Some(true),
            "the previous deployment configuration is not kept",
        ),
    ];
    for (member, set, effect) in unsupported {
        if (set || held(member)) && facts::UNSUPPORTED.contains(&member) {
            push(member, Severity::Warning, format!(
                "Terraform's aws provider cannot set {member}: use awscc or the CLI. The export leaves it out, so {effect}."
            ));
        }
    }
    if req.endpoint_name.is_some() || held("EndpointName") {
        out.push(TargetFinding {
            target: AWSCC_TARGET,
            path: "EndpointName".to_string(),
            severity: Severity::Warning,
            message: "In Terraform (awscc), changing endpoint_name replaces the endpoint (it is create-only in the CloudFormation schema awscc follows).".to_string(),
        });
    }
    let providers = [
        (TARGET, facts::ALARM_RESOURCE_TYPE, facts::ALARM_REQUIRED),
        (
            AWSCC_TARGET,
            awscc_facts::ALARM_RESOURCE_TYPE,
            awscc_facts::ALARM_REQUIRED,
        ),
    ];
    for d in alarms::definitions(doc) {
        for (target, resource, required) in providers {
            for member in required.iter().filter(|m| d.obj.get(m).is_none()) {
                out.push(TargetFinding {
                    target,
                    path: format!("Alarms[{}].{member}", d.index),
                    severity: Severity::Error,
                    message: format!(
                        "{target} requires {} in {resource} (the API does not): set {member} in the alarm's definition.",
                        snake(member)
                    ),
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hcl_strings_keep_templates_as_text() {
        let cases = [
            ("plain", r#""plain""#),
            ("${var.x}", r#""$${var.x}""#),
            ("%{ if x }", r#""%%{ if x }""#),
            ("$${", r#""$$${""#),
            ("$ % {", r#""$ % {""#),
            ("a\"b\\c\nd", r#""a\"b\\c\nd""#),
            ("\u{202e}\u{e0041}", r#""\u202e\U000e0041""#),
            ("#{x} `y` */ é", r##""#{x} `y` */ é""##),
        ];
        for (input, want) in cases {
            assert_eq!(hcl_string(input), want, "{input:?}");
        }
    }
}
