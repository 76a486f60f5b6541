//! CDK: a whole app (imports, `App`, a `Stack`, the `CfnEndpoint` with the request as its
//! props, `app.synth()`) in TypeScript and in Python, that runs as it is.
//!
//! A placeholder becomes a call of `fillIn(...)` / `fill_in(...)`, defined at the top of the
//! app, which stops it with a message naming the missing value: the app cannot synthesise
//! a template with a made-up value in it.
//!
//! Each alarm the design defines is a `CfnAlarm` made before the endpoint, and a rollback
//! alarm of that name is the alarm's `ref` (its name, once deployed).
//!
//! With its endpoint configuration (`crate::fleet`), the app also makes the
//! `CfnEndpointConfig` of the new fleet, the names are constants at its top (the design's
//! values; one the design does not give stops the app with a message naming it), both
//! constructs name the config by the same constant, and the endpoint `addDependency`s the
//! config. Constants rather than `CfnParameter`s: the CDK's guide advises deciding values
//! when the app synthesises ("Best practices for developing and deploying cloud
//! infrastructure with the AWS CDK": "Make decisions at synthesis time").

use designer_core::export::{is_invisible, python_literal};
use designer_core::model::DesignDocument;
use designer_core::validate::Severity;

use crate::alarms::{self, Definition};
use crate::facts::cdk as facts;
use crate::fleet::{self, Deployable};
use crate::json::number;
use crate::tree::{self, camel, snake, Fill, Node, Obj};
use crate::{Export, Options, TargetFinding};

const TARGET: &str = "CDK";

const STACK_ID: &str = "SageMakerEndpointStack";
const CONSTRUCT_ID: &str = "Endpoint";
/// The endpoint configuration's construct id (and logical id).
const CONFIG_CONSTRUCT_ID: &str = crate::facts::endpoint_config::LOGICAL_ID;

/// `s` as a TypeScript (JavaScript) string literal in double quotes: `"` and `\` escaped,
/// line breaks and controls as escapes, invisible characters as `\u{...}`. Backticks and
/// `${` mean nothing inside double quotes.
pub fn ts_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() || is_invisible(c) => {
                out.push_str(&format!("\\u{{{:x}}}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `s` as a Python string literal (double quotes, Python escapes, invisible characters as
/// `\u`/`\U` escapes), as the boto3 export writes them.
pub fn py_string(s: &str) -> String {
    python_literal(s)
}

fn pad(depth: usize) -> String {
    "  ".repeat(depth)
}

fn header_lines(fills: &[&Fill], comment: &str) -> String {
    let mut out = String::new();
    if fills.is_empty() {
        return out;
    }
    out.push_str(&format!(
        "{comment} INCOMPLETE: the imported text did not give {} value(s). Until each fill-in call\n\
         {comment} below is replaced by its value, the app stops with a message naming it.\n",
        fills.len()
    ));
    for f in fills {
        out.push_str(&format!(
            "{comment} FILL IN {}: the imported text had {}\n",
            f.path,
            crate::json::json_string(&f.expression)
        ));
    }
    out
}

/// The request with its rollback alarms linked to the design's definitions, and the
/// endpoint configuration when asked for.
fn linked(doc: &DesignDocument, options: &Options) -> (Obj, Vec<Definition>, Option<Deployable>) {
    let defs = alarms::definitions(doc);
    let (mut root, _) = tree::request(doc);
    alarms::link(&mut root, &defs);
    let deployable = options
        .with_endpoint_config
        .then(|| fleet::deployable(doc, &mut root).without_accelerators());
    (root, defs, deployable)
}

/// Every placeholder of the endpoint and of its config.
fn all_fills<'a>(root: &'a Obj, deployable: &'a Option<Deployable>) -> Vec<&'a Fill> {
    let mut fills = tree::fills(root);
    if let Some(d) = deployable {
        fills.extend(tree::fills(&d.config));
    }
    fills
}

/// The TypeScript app.
pub fn typescript(doc: &DesignDocument, options: &Options) -> Export {
    let (root, defs, deployable) = linked(doc, options);
    let fills = all_fills(&root, &deployable);
    let mut out = String::from(if deployable.is_some() {
        "// A CDK app (aws-cdk-lib v2) with a SageMaker endpoint, its endpoint configuration (the new\n\
         // fleet) and the deployment policy of its updates, written by the deployment designer:\n\
         // npx cdk synth --app \"npx ts-node sagemaker-endpoint.ts\"\n"
    } else {
        "// A CDK app (aws-cdk-lib v2) with a SageMaker endpoint and the deployment policy of its\n\
         // updates, written by the deployment designer: npx cdk synth --app \"npx ts-node sagemaker-endpoint.ts\"\n"
    });
    out.push_str(&header_lines(&fills, "//"));
    out.push_str("import { App, Stack } from \"aws-cdk-lib\";\n");
    if !defs.is_empty() {
        out.push_str(&format!(
            "import {{ {} }} from \"{}\";\n",
            facts::ALARM_CLASS,
            facts::ALARM_TYPESCRIPT_MODULE
        ));
    }
    let classes = if deployable.is_some() {
        format!("{}, {}", facts::CLASS, facts::CONFIG_CLASS)
    } else {
        facts::CLASS.to_string()
    };
    out.push_str(&format!(
        "import {{ {classes} }} from \"{}\";\n\n",
        facts::TYPESCRIPT_MODULE
    ));
    if !fills.is_empty() {
        out.push_str(
            "function fillIn(path: string, importedAs: string): never {\n  \
             throw new Error(`FILL IN ${path}: the imported text had ${importedAs}; put the value here.`);\n}\n\n",
        );
    }
    if let Some(d) = &deployable {
        if d.params.iter().any(|p| p.default.is_none()) {
            out.push_str(
                "function required(path: string): never {\n  \
                 throw new Error(`SET ${path}: the design does not give it; put the value here.`);\n}\n\n",
            );
        }
        out.push_str(CONSTANTS_NOTE_TS);
        for p in &d.params {
            let value = match &p.default {
                Some(v) => ts_string(v),
                None => format!("required({})", ts_string(&param_path(p))),
            };
            out.push_str(&format!("const {} = {value};\n", p.camel()));
        }
        out.push('\n');
    }
    out.push_str(&format!(
        "const app = new App();\nconst stack = new Stack(app, \"{STACK_ID}\");\n\n"
    ));
    for d in &defs {
        out.push_str(&format!(
            "const {} = new {}(stack, \"{}\", {});\n\n",
            d.id.camel(),
            facts::ALARM_CLASS,
            d.id.logical_id(),
            ts_value(&Node::Map(d.obj.clone()), 0)
        ));
    }
    if let Some(d) = &deployable {
        out.push_str(&format!(
            "const endpointConfig = new {}(stack, \"{CONFIG_CONSTRUCT_ID}\", {});\n\n",
            facts::CONFIG_CLASS,
            ts_value(&Node::Map(d.config.clone()), 0)
        ));
        out.push_str(&format!(
            "const endpoint = new {}(stack, \"{CONSTRUCT_ID}\", ",
            facts::CLASS
        ));
        out.push_str(&ts_value(&Node::Map(root.clone()), 0));
        out.push_str(");\nendpoint.addDependency(endpointConfig);\n\napp.synth();\n");
        return Export {
            text: out,
            filename: "sagemaker-endpoint.ts".to_string(),
        };
    }
    out.push_str(&format!("new {}(stack, \"{CONSTRUCT_ID}\", ", facts::CLASS));
    out.push_str(&ts_value(&Node::Map(root.clone()), 0));
    out.push_str(");\n\napp.synth();\n");
    Export {
        text: out,
        filename: "sagemaker-endpoint.ts".to_string(),
    }
}

fn ts_value(n: &Node, depth: usize) -> String {
    match n {
        Node::Str(s) => ts_string(s),
        Node::Int(i) => i.to_string(),
        Node::Float(x) => number(*x),
        Node::Bool(b) => b.to_string(),
        Node::Link(l) => format!("{}.ref", l.id.camel()),
        Node::Param(p) => p.camel(),
        Node::Fill(f) => format!(
            "fillIn({}, {})",
            ts_string(&f.path),
            ts_string(&f.expression)
        ),
        Node::List(items) if items.is_empty() => "[]".to_string(),
        Node::Map(o) if o.entries.is_empty() => "{}".to_string(),
        Node::List(items) => {
            let mut out = String::from("[\n");
            for item in items {
                out.push_str(&format!(
                    "{}{},\n",
                    pad(depth + 1),
                    ts_value(item, depth + 1)
                ));
            }
            out.push_str(&pad(depth));
            out.push(']');
            out
        }
        Node::Map(o) => {
            let mut out = String::from("{\n");
            for (k, v) in &o.entries {
                out.push_str(&format!(
                    "{}{}: {},\n",
                    pad(depth + 1),
                    camel(k),
                    ts_value(v, depth + 1)
                ));
            }
            out.push_str(&pad(depth));
            out.push('}');
            out
        }
    }
}

/// What the constants at the top of an app with its endpoint configuration are.
const CONSTANTS_NOTE_TS: &str =
    "// The names this app deploys: change them here (a new endpointConfigName with each new\n\
// fleet). They are constants, decided when the app synthesises, as the CDK's guide advises.\n";
const CONSTANTS_NOTE_PY: &str =
    "# The names this app deploys: change them here (a new endpoint_config_name with each new\n\
# fleet). They are constants, decided when the app synthesises, as the CDK's guide advises.\n";

/// Where the value of a param without a default belongs, for the message that stops the
/// app: the model's path (in the param's description) or the request member.
fn param_path(p: &tree::Param) -> String {
    p.description
        .split_once('(')
        .and_then(|(_, rest)| rest.split_once(')'))
        .map_or_else(|| p.id.clone(), |(path, _)| path.to_string())
}

/// The Python app.
pub fn python(doc: &DesignDocument, options: &Options) -> Export {
    let (root, defs, deployable) = linked(doc, options);
    let fills = all_fills(&root, &deployable);
    let mut out = String::from(if deployable.is_some() {
        "# A CDK app (aws-cdk-lib v2) with a SageMaker endpoint, its endpoint configuration (the new\n\
         # fleet) and the deployment policy of its updates, written by the deployment designer:\n\
         # cdk synth --app \"python3 sagemaker_endpoint.py\"\n"
    } else {
        "# A CDK app (aws-cdk-lib v2) with a SageMaker endpoint and the deployment policy of its\n\
         # updates, written by the deployment designer: cdk synth --app \"python3 sagemaker_endpoint.py\"\n"
    });
    out.push_str(&header_lines(&fills, "#"));
    out.push_str("from aws_cdk import App, Stack\n");
    if !defs.is_empty() {
        out.push_str("from aws_cdk import aws_cloudwatch as cloudwatch\n");
    }
    out.push_str("from aws_cdk import aws_sagemaker as sagemaker\n\n");
    if !fills.is_empty() {
        out.push_str(
            "\ndef fill_in(path: str, imported_as: str):\n    \
             raise SystemExit(f\"FILL IN {path}: the imported text had {imported_as}; put the value here.\")\n\n\n",
        );
    }
    if let Some(d) = &deployable {
        if d.params.iter().any(|p| p.default.is_none()) {
            out.push_str(
                "\ndef required(path: str):\n    \
                 raise SystemExit(f\"SET {path}: the design does not give it; put the value here.\")\n\n\n",
            );
        }
        out.push_str(CONSTANTS_NOTE_PY);
        for p in &d.params {
            let value = match &p.default {
                Some(v) => py_string(v),
                None => format!("required({})", py_string(&param_path(p))),
            };
            out.push_str(&format!("{} = {value}\n", p.snake()));
        }
        out.push('\n');
    }
    out.push_str(&format!(
        "app = App()\nstack = Stack(app, \"{STACK_ID}\")\n\n"
    ));
    let alarm_class = format!("cloudwatch.{}", facts::ALARM_CLASS);
    for d in &defs {
        out.push_str(&format!(
            "{} = {alarm_class}(\n    stack,\n    \"{}\",\n",
            d.id.snake(),
            d.id.logical_id()
        ));
        for (k, v) in &d.obj.entries {
            out.push_str(&format!(
                "    {}={},\n",
                snake(k),
                py_value(v, 1, &alarm_class)
            ));
        }
        out.push_str(")\n\n");
    }
    if let Some(d) = &deployable {
        let config_class = format!("sagemaker.{}", facts::CONFIG_CLASS);
        out.push_str(&format!(
            "endpoint_config = {config_class}(\n    stack,\n    \"{CONFIG_CONSTRUCT_ID}\",\n"
        ));
        for (k, v) in &d.config.entries {
            out.push_str(&format!(
                "    {}={},\n",
                snake(k),
                py_value(v, 1, &config_class)
            ));
        }
        out.push_str(")\n\nendpoint = ");
    }
    let endpoint_class = format!("sagemaker.{}", facts::CLASS);
    out.push_str(&format!(
        "{endpoint_class}(\n    stack,\n    \"{CONSTRUCT_ID}\",\n"
    ));
    for (k, v) in &root.entries {
        out.push_str(&format!(
            "    {}={},\n",
            snake(k),
            py_value(v, 1, &endpoint_class)
        ));
    }
    out.push_str(")\n");
    if deployable.is_some() {
        out.push_str("endpoint.add_dependency(endpoint_config)\n");
    }
    out.push_str("\napp.synth()\n");
    Export {
        text: out,
        filename: "sagemaker_endpoint.py".to_string(),
    }
}

/// `<class>.<Shape>Property`, e.g. `sagemaker.CfnEndpoint.CapacitySizeProperty`.
fn py_struct(o: &Obj, class: &str) -> String {
    format!("{class}.{}{}", o.shape, facts::STRUCT_SUFFIX)
}

/// `n` as a Python value; a structure as a struct class of `class` (e.g.
/// `sagemaker.CfnEndpoint`).
fn py_value(n: &Node, depth: usize, class: &str) -> String {
    let pad4 = |d: usize| "    ".repeat(d);
    match n {
        Node::Str(s) => py_string(s),
        Node::Int(i) => i.to_string(),
        Node::Float(x) => python_literal(x),
        Node::Bool(b) => if *b { "True" } else { "False" }.to_string(),
        Node::Link(l) => format!("{}.ref", l.id.snake()),
        Node::Param(p) => p.snake(),
        Node::Fill(f) => format!(
            "fill_in({}, {})",
            py_string(&f.path),
            py_string(&f.expression)
        ),
        Node::List(items) if items.is_empty() => "[]".to_string(),
        Node::Map(o) if o.entries.is_empty() => format!("{}()", py_struct(o, class)),
        Node::List(items) => {
            let mut out = String::from("[\n");
            for item in items {
                out.push_str(&format!(
                    "{}{},\n",
                    pad4(depth + 1),
                    py_value(item, depth + 1, class)
                ));
            }
            out.push_str(&pad4(depth));
            out.push(']');
            out
        }
        Node::Map(o) => {
            let mut out = format!("{}(\n", py_struct(o, class));
            for (k, v) in &o.entries {
                out.push_str(&format!(
                    "{}{}={},\n",
                    pad4(depth + 1),
                    snake(k),
                    py_value(v, depth + 1, class)
                ));
            }
            out.push_str(&pad4(depth));
            out.push(')');
            out
        }
    }
}

/// True when the CDK would read part of `s` as one of its tokens.
pub fn looks_like_token(s: &str) -> bool {
    let key_char = |c: char| c.is_ascii_alphanumeric() || facts::TOKEN_KEY_CHARS.contains(c);
    let string_token = s.match_indices(facts::STRING_TOKEN_START).any(|(i, m)| {
        let rest = &s[i + m.len()..];
        let key_len = rest.find(|c: char| !key_char(c)).unwrap_or(rest.len());
        key_len > 0 && rest[key_len..].starts_with(facts::TOKEN_END)
    });
    let number_token = s.match_indices("-1.").any(|(i, m)| {
        let rest = &s[i + m.len()..];
        let digits = rest
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(rest.len());
        (10..=16).contains(&digits) && rest[digits..].to_ascii_lowercase().starts_with("e+289")
    });
    string_token || number_token
}

/// Text the CDK would not keep as data, in the request and in the alarms the design defines.
pub fn findings(doc: &DesignDocument) -> Vec<TargetFinding> {
    let (root, _) = tree::request(doc);
    let mut strings = tree::strings(&root);
    let defs = alarms::definitions(doc);
    for d in &defs {
        strings.extend(
            tree::strings(&d.obj)
                .into_iter()
                .map(|(path, s)| (format!("Alarms[{}].{path}", d.index), s)),
        );
    }
    strings
        .into_iter()
        .filter(|(_, s)| looks_like_token(s))
        .map(|(path, _)| TargetFinding {
            target: TARGET,
            path,
            severity: Severity::Error,
            message: "The CDK reads text like ${Token[...]} as one of its own tokens, so the CDK app fails here (Unrecognized token key); CloudFormation, Terraform and the CLI take this text as it is.".to_string(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cdk_tokens_are_recognised_as_the_cdk_does() {
        for s in [
            "${Token[TOKEN.1]}",
            "a ${Token[x:y-z_.]} b",
            "-1.8881079208266e+289",
        ] {
            assert!(looks_like_token(s), "{s}");
        }
        for s in [
            "${Token[]}",
            "${Token[a b]}",
            "${token[X]}",
            "-1.888e+289",
            "${x}",
        ] {
            assert!(!looks_like_token(s), "{s}");
        }
    }

    #[test]
    fn ts_strings_escape_quotes_and_invisibles() {
        let cases = [
            ("plain", r#""plain""#),
            ("`${x}` #{y} */", r#""`${x}` #{y} */""#),
            ("a\"b\\c\nd", r#""a\"b\\c\nd""#),
            ("\u{2028}\u{e0041}\u{7f}", r#""\u{2028}\u{e0041}\u{7f}""#),
        ];
        for (input, want) in cases {
            assert_eq!(ts_string(input), want, "{input:?}");
        }
    }
}
