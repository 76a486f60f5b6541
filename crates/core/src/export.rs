//! Exports of a request: `--cli-input-json`, an `aws sagemaker update-endpoint` command
//! for bash, a boto3 snippet, and the design document. The command and the snippet of a
//! design that defines its alarms create those alarms first (`cli_design_command`,
//! `boto3_design_snippet`).
//!
//! Every export must carry the user's text as data, whatever it contains: quotes, shell
//! syntax, newlines, and characters a reviewer cannot see (bidi controls, zero-width
//! marks), which are written as escapes so that what is shown is what is sent.

use super::model::{DesignDocument, MetricAlarm, UpdateEndpointInput};
use super::write::{self, Emit};

/// The `--cli-input-json` document: pretty JSON, PascalCase, absent members omitted,
/// invisible characters written as `\uXXXX`.
pub fn cli_input_json(req: &UpdateEndpointInput) -> String {
    write::pretty_json(req)
}

/// One self-contained `aws sagemaker update-endpoint ...` command for bash.
///
/// Options use the `--opt=value` form so that a value starting with `-` cannot be taken
/// for an option. When a name would make awscli load a file or URL (its `file://`,
/// `fileb://`, `http://`, `https://` parameter files) or cannot travel in an argument at
/// all (a NUL character), the whole request goes in `--cli-input-json` instead, whose
/// value is JSON text that awscli does not expand.
pub fn cli_command(req: &UpdateEndpointInput) -> String {
    let mut args: Vec<String> = Vec::new();
    let names = [&req.endpoint_name, &req.endpoint_config_name];
    if names
        .iter()
        .any(|n| n.as_deref().is_some_and(unsafe_as_cli_argument))
    {
        // Two words, not `--cli-input-json=...`: awscli v1 only lifts its check for the
        // required options when it sees the exact token `--cli-input-json`. The value
        // starts with `{`, so it cannot be taken for an option.
        args.push(format!(
            "--cli-input-json {}",
            bash_quote(&compact_json(req))
        ));
    } else {
        if let Some(name) = &req.endpoint_name {
            args.push(format!("--endpoint-name={}", bash_quote(name)));
        }
        if let Some(name) = &req.endpoint_config_name {
            args.push(format!("--endpoint-config-name={}", bash_quote(name)));
        }
        if let Some(retain) = req.retain_all_variant_properties {
            args.push(flag("retain-all-variant-properties", retain));
        }
        if let Some(list) = &req.exclude_retained_variant_properties {
            let json = compact_json(list);
            args.push(format!(
                "--exclude-retained-variant-properties={}",
                bash_quote(&json)
            ));
        }
        if let Some(config) = &req.deployment_config {
            args.push(format!(
                "--deployment-config={}",
                bash_quote(&compact_json(config))
            ));
        }
        if let Some(retain) = req.retain_deployment_config {
            args.push(flag("retain-deployment-config", retain));
        }
    }
    let mut out = String::from("aws sagemaker update-endpoint");
    for arg in args {
        out.push_str(" \\\n  ");
        out.push_str(&arg);
    }
    out
}

/// The design's CLI export: [`cli_command`] of its request, after one
/// `aws cloudwatch put-metric-alarm` command per alarm the design defines (joined by `&&`,
/// so the update starts only once every alarm exists). Each alarm travels whole in
/// `--cli-input-json` as compact JSON with the definition's members, one bash word that
/// awscli does not expand, whatever the names and dimension values hold.
pub fn cli_design_command(doc: &DesignDocument) -> String {
    if doc.alarms.is_empty() {
        return cli_command(&doc.request);
    }
    let mut out =
        String::from("# The rollback alarms first: the update watches them from its first bake.\n");
    for alarm in &doc.alarms {
        out.push_str(&format!(
            "aws cloudwatch put-metric-alarm \\\n  --cli-input-json {} &&\n",
            bash_quote(&compact_json(alarm))
        ));
    }
    out.push_str(&cli_command(&doc.request));
    out
}

/// The design's boto3 export: [`boto3_snippet`] of its request, with a `cloudwatch` client
/// that creates each alarm the design defines (`put_metric_alarm` with the members the
/// definition has) before the update.
pub fn boto3_design_snippet(doc: &DesignDocument) -> String {
    if doc.alarms.is_empty() {
        return boto3_snippet(&doc.request);
    }
    let mut out = String::from(
        "import boto3\n\n\
         # The rollback alarms first: the update watches them from its first bake.\n\
         cloudwatch = boto3.client(\"cloudwatch\")\n",
    );
    for alarm in &doc.alarms {
        out.push_str(&call("cloudwatch.put_metric_alarm", &alarm_kwargs(alarm)));
    }
    out.push('\n');
    out.push_str(&update_endpoint_call(&doc.request));
    out
}

/// `PutMetricAlarm`'s keyword arguments for the members `a` has, as Python literals.
fn alarm_kwargs(a: &MetricAlarm) -> Vec<(&'static str, String)> {
    let mut kwargs: Vec<(&str, String)> = Vec::new();
    let mut opt = |name: &'static str, v: Option<String>| {
        if let Some(v) = v {
            kwargs.push((name, v));
        }
    };
    opt("AlarmName", a.alarm_name.as_ref().map(python_literal));
    opt("Namespace", a.namespace.as_ref().map(python_literal));
    opt("MetricName", a.metric_name.as_ref().map(python_literal));
    opt(
        "Dimensions",
        (!a.dimensions.is_empty()).then(|| python_literal(&a.dimensions)),
    );
    opt("Statistic", a.statistic.as_ref().map(python_literal));
    opt(
        "ExtendedStatistic",
        a.extended_statistic.as_ref().map(python_literal),
    );
    opt("Period", a.period.as_ref().map(python_literal));
    opt(
        "EvaluationPeriods",
        a.evaluation_periods.as_ref().map(python_literal),
    );
    opt(
        "DatapointsToAlarm",
        a.datapoints_to_alarm.as_ref().map(python_literal),
    );
    opt("Threshold", a.threshold.as_ref().map(python_literal));
    opt(
        "ComparisonOperator",
        a.comparison_operator.as_ref().map(python_literal),
    );
    opt(
        "TreatMissingData",
        a.treat_missing_data.as_ref().map(python_literal),
    );
    opt("Unit", a.unit.as_ref().map(python_literal));
    opt(
        "Metrics",
        (!a.metrics.is_empty()).then(|| python_literal(&a.metrics)),
    );
    kwargs
}

/// `function(...)` with `kwargs` one a line, as black lays it out.
fn call(function: &str, kwargs: &[(&str, String)]) -> String {
    if kwargs.is_empty() {
        return format!("{function}()\n");
    }
    let mut out = format!("{function}(\n");
    for (name, value) in kwargs {
        out.push_str(&format!("    {name}={value},\n"));
    }
    out.push_str(")\n");
    out
}

/// A runnable boto3 snippet: a `sagemaker` client and the `update_endpoint(...)` call with
/// the request as keyword arguments written as Python literals.
pub fn boto3_snippet(req: &UpdateEndpointInput) -> String {
    String::from("import boto3\n\n") + &update_endpoint_call(req)
}

/// The `sagemaker` client, the `update_endpoint(...)` call and the line that prints its ARN.
fn update_endpoint_call(req: &UpdateEndpointInput) -> String {
    let mut kwargs: Vec<(&str, String)> = Vec::new();
    if let Some(v) = &req.endpoint_name {
        kwargs.push(("EndpointName", python_literal(v)));
    }
    if let Some(v) = &req.endpoint_config_name {
        kwargs.push(("EndpointConfigName", python_literal(v)));
    }
    if let Some(v) = &req.retain_all_variant_properties {
        kwargs.push(("RetainAllVariantProperties", python_literal(v)));
    }
    if let Some(v) = &req.exclude_retained_variant_properties {
        kwargs.push(("ExcludeRetainedVariantProperties", python_literal(v)));
    }
    if let Some(v) = &req.deployment_config {
        kwargs.push(("DeploymentConfig", python_literal(v)));
    }
    if let Some(v) = &req.retain_deployment_config {
        kwargs.push(("RetainDeploymentConfig", python_literal(v)));
    }
    let mut out = String::from("sagemaker = boto3.client(\"sagemaker\")\n");
    out.push_str(&call("response = sagemaker.update_endpoint", &kwargs));
    out.push_str("print(response[\"EndpointArn\"])\n");
    out
}

/// The lines that open an export of a design with placeholders, each starting with
/// `comment` (e.g. `# `): the export is incomplete and says which values to fill in.
/// Empty when the design has none.
pub fn incomplete_note(doc: &DesignDocument, comment: &str) -> String {
    if doc.placeholders.is_empty() {
        return String::new();
    }
    let n = doc.placeholders.len();
    let mut out = format!(
        "{comment}INCOMPLETE: {n} value{} the imported text did not give {} missing below; fill {} in before running this.\n",
        if n == 1 { "" } else { "s" },
        if n == 1 { "is" } else { "are" },
        if n == 1 { "it" } else { "them" },
    );
    for p in &doc.placeholders {
        let expr: String = p
            .expression
            .chars()
            .map(|c| {
                if c.is_control() || is_invisible(c) {
                    ' '
                } else {
                    c
                }
            })
            .collect();
        out.push_str(&format!("{comment}  {}: was {expr}\n", p.path));
    }
    out
}

/// The comment an export of a refused design starts with (CONTRACT.md's `rejected`): the
/// first error of the service's rules and how many there are, in the export's comment syntax.
pub fn refusal_note(findings: &[super::validate::Finding], comment: &str) -> String {
    let Some((first, n)) = super::validate::refusal(findings) else {
        return String::new();
    };
    let why: String = first
        .explanation
        .chars()
        .map(|c| if c.is_control() || is_invisible(c) { ' ' } else { c })
        .collect();
    format!(
        "{comment}AWS REFUSES THIS REQUEST: {n} error{} of its rules; the first at {}: {why}\n",
        if n == 1 { "" } else { "s" },
        first.path
    )
}

/// The design document as pretty JSON, with the same escaping as [`cli_input_json`].
pub fn document_json(doc: &DesignDocument) -> String {
    write::pretty_json(doc)
}

/// Characters that change how text looks or reads without being seen: bidi embeddings,
/// overrides and isolates, directional and zero-width marks, line/paragraph separators,
/// the byte-order mark, and tag characters (used to smuggle invisible text). The
/// zero-width (non-)joiners are left alone: emoji sequences and several scripts need them.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{061C}'
            | '\u{180E}'
            | '\u{200B}'
            | '\u{200E}'
            | '\u{200F}'
            | '\u{2028}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206F}'
            | '\u{FEFF}'
            | '\u{FFF9}'..='\u{FFFB}'
            | '\u{E0001}'
            | '\u{E0020}'..='\u{E007F}'
    )
}

/// True for a character every export writes as an escape: controls (C0, DEL, C1) and
/// [`is_invisible`] ones.
fn needs_escape(c: char) -> bool {
    c.is_control() || is_invisible(c)
}

/// awscli's parameter-file prefixes, compared without case to stay on the safe side.
const PARAMFILE_PREFIXES: [&str; 4] = ["file://", "fileb://", "http://", "https://"];

/// True when a string option's value would not reach awscli as typed.
fn unsafe_as_cli_argument(value: &str) -> bool {
    let lower = value.to_ascii_lowercase();
    value.contains('\0') || PARAMFILE_PREFIXES.iter().any(|p| lower.starts_with(p))
}

fn flag(name: &str, on: bool) -> String {
    if on {
        format!("--{name}")
    } else {
        format!("--no-{name}")
    }
}

/// Quotes `s` as one bash word that bash passes on unchanged. Plain text goes in single
/// quotes (nothing is special there but `'` itself); text with controls or invisible
/// characters goes in `$'...'` with those written as UTF-8 byte escapes, which do not
/// depend on the locale, so a newline or bidi mark is visible in the command. A NUL
/// cannot be passed in an argument: callers keep such values out (see [`cli_command`]).
pub fn bash_quote(s: &str) -> String {
    if !s.chars().any(needs_escape) {
        return format!("'{}'", s.replace('\'', r"'\''"));
    }
    let mut out = String::from("$'");
    for c in s.chars() {
        match c {
            '\\' => out.push_str(r"\\"),
            '\n' => out.push_str(r"\n"),
            '\t' => out.push_str(r"\t"),
            '\r' => out.push_str(r"\r"),
            // As byte escapes, so that no `'` appears inside (an interactive shell's
            // history expansion would see it end the quoting) and no `!` either.
            '\'' | '!' => out.push_str(&format!("\\x{:02x}", c as u32)),
            c if needs_escape(c) => {
                let mut buf = [0u8; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("\\x{b:02x}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

/// `value` as compact JSON on one line, invisible characters escaped.
fn compact_json<T: Emit + ?Sized>(value: &T) -> String {
    write::compact_json(value)
}

/// `value` as a Python literal (dicts and lists indented for a keyword argument).
pub fn python_literal<T: Emit + ?Sized>(value: &T) -> String {
    write::python(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Alarm, AutoRollbackConfig, DeploymentConfig};

    fn alarms(names: &[&str]) -> UpdateEndpointInput {
        UpdateEndpointInput {
            endpoint_name: Some("ep".into()),
            deployment_config: Some(DeploymentConfig {
                auto_rollback_configuration: Some(AutoRollbackConfig {
                    alarms: Some(
                        names
                            .iter()
                            .map(|n| Alarm {
                                alarm_name: Some(n.to_string()),
                            })
                            .collect(),
                    ),
                }),
                ..Default::default()
            }),
            ..Default::default()
        }
    }

    #[test]
    fn bash_quote_cases() {
        let cases = [
            ("ep", "'ep'"),
            ("", "''"),
            ("it's", r"'it'\''s'"),
            ("$(touch x) `y` ; rm -rf z", "'$(touch x) `y` ; rm -rf z'"),
            ("a\nb", r"$'a\nb'"),
            ("\u{200F}'!\\", r"$'\xe2\x80\x8f\x27\x21\\'"),
            ("é😀", "'é😀'"),
        ];
        for (input, want) in cases {
            assert_eq!(bash_quote(input), want, "quoting {input:?}");
        }
    }

    #[test]
    fn python_literals_nest_with_trailing_commas() {
        let got = boto3_snippet(&alarms(&["a\"b\\c\n\u{200F}é"]));
        let want = r#"import boto3

sagemaker = boto3.client("sagemaker")
response = sagemaker.update_endpoint(
    EndpointName="ep",
    DeploymentConfig={
        "AutoRollbackConfiguration": {
            "Alarms": [
                {
                    "AlarmName": "a\"b\\c\n\u200fé",
                },
            ],
        },
    },
)
print(response["EndpointArn"])
"#;
        assert_eq!(got, want);
    }

    #[test]
    fn empty_containers_stay_on_one_line() {
        assert_eq!(python_literal(&Vec::<Alarm>::new()), "[]");
        assert_eq!(python_literal(&DeploymentConfig::default()), "{}");
        assert_eq!(
            python_literal(&AutoRollbackConfig {
                alarms: Some(vec![])
            }),
            "{\n        \"Alarms\": [],\n    }"
        );
    }

    #[test]
    fn empty_request_still_makes_a_call() {
        let req = UpdateEndpointInput::default();
        assert!(boto3_snippet(&req).contains("response = sagemaker.update_endpoint()\n"));
        assert_eq!(cli_command(&req), "aws sagemaker update-endpoint");
        assert_eq!(cli_input_json(&req), "{}");
    }

    #[test]
    fn invisible_characters_are_escaped_in_json() {
        let json = cli_input_json(&alarms(&["x\u{202E}\u{7F}\u{E0041}y"]));
        assert!(
            json.contains(r#""AlarmName": "x\u202e\u007f\udb40\udc41y""#),
            "{json}"
        );
    }

    #[test]
    fn document_json_is_pretty_escaped_and_parses_back() {
        let doc = DesignDocument {
            request: alarms(&["x\u{200F}y"]),
            ..Default::default()
        };
        let json = document_json(&doc);
        assert!(json.starts_with("{\n  \"Version\": 2,"), "{json}");
        assert!(json.contains(r#""AlarmName": "x\u200fy""#), "{json}");
        let back: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(back, serde_json::to_value(&doc).unwrap());
    }

    fn with_definitions() -> DesignDocument {
        use crate::model::Dimension;
        DesignDocument {
            request: alarms(&["p99", "it's"]),
            alarms: vec![
                MetricAlarm {
                    alarm_name: Some("p99".into()),
                    namespace: Some("AWS/SageMaker".into()),
                    dimensions: vec![Dimension {
                        name: "EndpointName".into(),
                        value: "ep\n$(x)".into(),
                    }],
                    threshold: Some(1.0),
                    ..Default::default()
                },
                MetricAlarm {
                    alarm_name: Some("it's".into()),
                    evaluation_periods: Some(2),
                    ..Default::default()
                },
            ],
            ..Default::default()
        }
    }

    #[test]
    fn designs_without_definitions_export_the_request_alone() {
        let doc = DesignDocument {
            request: alarms(&["a"]),
            ..Default::default()
        };
        assert_eq!(boto3_design_snippet(&doc), boto3_snippet(&doc.request));
        assert_eq!(cli_design_command(&doc), cli_command(&doc.request));
    }

    #[test]
    fn the_boto3_export_creates_the_defined_alarms_first() {
        let want = r#"import boto3

# The rollback alarms first: the update watches them from its first bake.
cloudwatch = boto3.client("cloudwatch")
cloudwatch.put_metric_alarm(
    AlarmName="p99",
    Namespace="AWS/SageMaker",
    Dimensions=[
        {
            "Name": "EndpointName",
            "Value": "ep\n$(x)",
        },
    ],
    Threshold=1.0,
)
cloudwatch.put_metric_alarm(
    AlarmName="it's",
    EvaluationPeriods=2,
)

sagemaker = boto3.client("sagemaker")
response = sagemaker.update_endpoint(
"#;
        let got = boto3_design_snippet(&with_definitions());
        assert!(got.starts_with(want), "{got}");
        assert!(
            got.ends_with(&boto3_snippet(&with_definitions().request)["import boto3\n\n".len()..])
        );
    }

    #[test]
    fn the_cli_export_creates_the_defined_alarms_first() {
        let doc = with_definitions();
        let want = format!(
            "# The rollback alarms first: the update watches them from its first bake.\n\
             aws cloudwatch put-metric-alarm \\\n  --cli-input-json '{}' &&\n\
             aws cloudwatch put-metric-alarm \\\n  --cli-input-json '{}' &&\n{}",
            r#"{"AlarmName":"p99","Namespace":"AWS/SageMaker","Dimensions":[{"Name":"EndpointName","Value":"ep\n$(x)"}],"Threshold":1.0}"#,
            r#"{"AlarmName":"it'\''s","EvaluationPeriods":2}"#,
            cli_command(&doc.request)
        );
        assert_eq!(cli_design_command(&doc), want);
    }

    #[test]
    fn paramfile_prefixes_switch_to_cli_input_json() {
        for name in [
            "file:///etc/passwd",
            "FILEB://x",
            "http://example.com",
            "https://x",
            "a\0b",
        ] {
            let req = UpdateEndpointInput {
                endpoint_config_name: Some(name.into()),
                ..alarms(&["a"])
            };
            let cmd = cli_command(&req);
            assert!(cmd.contains("--cli-input-json '{"), "{name:?}: {cmd}");
            assert!(!cmd.contains("--endpoint-config-name"), "{name:?}: {cmd}");
        }
        let req = UpdateEndpointInput {
            endpoint_config_name: Some("my-file://".into()),
            ..alarms(&["a"])
        };
        assert!(cli_command(&req).contains("--endpoint-config-name='my-file://'"));
    }

    #[test]
    fn a_refused_design_s_exports_name_the_first_error_and_the_count() {
        let mut doc = crate::examples::default_design();
        assert_eq!(refusal_note(&crate::validate::validate(&doc), "# "), "");
        doc.request.endpoint_name = Some("bad_name".into());
        doc.request.endpoint_config_name = Some("-also-bad".into());
        let note = refusal_note(&crate::validate::validate(&doc), "# ");
        assert!(note.starts_with("# AWS REFUSES THIS REQUEST: 2 errors of its rules; the first at EndpointName: "), "{note}");
        assert_eq!(note.lines().count(), 1, "{note}");
    }
}
