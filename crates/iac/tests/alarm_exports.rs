//! Designs that define their alarms, through each target's real tool: every export creates
//! each alarm with exactly the definition's members beside the endpoint (an
//! AWS::CloudWatch::Alarm, an `aws_cloudwatch_metric_alarm` / `awscc_cloudwatch_alarm`, a
//! `CfnAlarm`), and the endpoint's rollback alarms of those names refer to them, which each
//! tool resolves to the alarm's name. cfn-lint lints and decodes the templates, python-hcl2
//! reads the Terraform, aws-cdk-lib synthesises the TypeScript app (the Python app runs on
//! the stand-in package checked against aws-cdk-lib's declarations), parliament lints the IAM
//! policy. Hostile text in names, dimension values and labels must stay data.
//!
//! A missing tool skips its test with a note, and fails it when `CI=true`.

mod common;

use std::collections::BTreeMap;
use std::process::Command;

use common::*;
use designer_core::model::DesignDocument;
use designer_iac::{export, Options, Target};
use serde_json::{json, Value};

fn options(whole: bool) -> Options {
    Options {
        whole_template: whole,
        partition: "aws".into(),
        region: "eu-west-1".into(),
        account: "123456789012".into(),
        with_endpoint_config: false,
    }
}

fn text(target: Target, doc: &DesignDocument) -> String {
    export(target, doc, &options(true)).text
}

fn all_cases() -> Vec<(String, DesignDocument)> {
    let mut cases: Vec<(String, DesignDocument)> = alarm_designs()
        .into_iter()
        .map(|(n, d)| (n.to_string(), d))
        .collect();
    cases.extend(hostile_alarm_designs());
    cases
}



/// How many of the design's rollback alarms name an alarm it defines.
fn linked(doc: &DesignDocument) -> usize {
    let names: Vec<&str> = doc
        .alarms
        .iter()
        .filter_map(|a| a.alarm_name.as_deref())
        .collect();
    doc.request
        .deployment_config
        .as_ref()
        .and_then(|d| d.auto_rollback_configuration.as_ref())
        .and_then(|a| a.alarms.as_ref())
        .into_iter()
        .flatten()
        .filter(|a| a.alarm_name.as_deref().is_some_and(|n| names.contains(&n)))
        .count()
}

/// What a tool read back: the endpoint's request with each reference to a defined alarm
/// resolved to that alarm's name, the alarms' properties (sorted, as resources have no order
/// in a template), and how many rollback alarms were references.
#[derive(Debug, PartialEq)]
struct ReadBack {
    endpoint: Value,
    alarms: Vec<Value>,
    references: usize,
}

fn sorted(mut v: Vec<Value>) -> Vec<Value> {
    v.sort_by_key(|x| x.to_string());
    v
}

/// What every tool must read back from the exports of `doc`.
fn expected_read_back(doc: &DesignDocument) -> ReadBack {
    ReadBack {
        endpoint: expected(doc),
        alarms: sorted(doc.alarms.iter().map(expected_alarm).collect()),
        references: linked(doc),
    }
}

/// Replaces each rollback alarm's name in `endpoint` that `resolve` takes for a reference
/// with the name it refers to; returns how many it replaced.
fn resolve_references(endpoint: &mut Value, resolve: &dyn Fn(&Value) -> Option<Value>) -> usize {
    let mut n = 0;
    if let Some(items) = endpoint
        .pointer_mut("/DeploymentConfig/AutoRollbackConfiguration/Alarms")
        .and_then(Value::as_array_mut)
    {
        for item in items {
            if let Some(name) = item.get_mut("AlarmName") {
                if let Some(resolved) = resolve(name) {
                    *name = resolved;
                    n += 1;
                }
            }
        }
    }
    n
}

/// A template's resources (or a CDK app's synthesised ones) read back. With `strict`, no
/// other resource may be there (the CDK adds its metadata).
fn cloudformation_read_back(resources: &Value, strict: bool, what: &str) -> ReadBack {
    let resources = resources
        .as_object()
        .unwrap_or_else(|| panic!("{what}: no resources"));
    let mut endpoint = None;
    let mut alarms = BTreeMap::new();
    for (id, r) in resources {
        match r["Type"].as_str() {
            Some("AWS::SageMaker::Endpoint") => {
                assert!(endpoint.is_none(), "{what}: two endpoints");
                endpoint = Some(r["Properties"].clone());
            }
            Some("AWS::CloudWatch::Alarm") => {
                alarms.insert(id.clone(), r["Properties"].clone());
            }
            other => assert!(!strict, "{what}: a resource {id} of type {other:?}"),
        }
    }
    let mut endpoint = endpoint.unwrap_or_else(|| panic!("{what}: no endpoint"));
    let references = resolve_references(&mut endpoint, &|v| {
        let id = v
            .as_object()
            .filter(|o| o.len() == 1)?
            .get("Ref")?
            .as_str()?;
        let alarm = alarms
            .get(id)
            .unwrap_or_else(|| panic!("{what}: Ref {id} is not an alarm of the template"));
        Some(alarm["AlarmName"].clone())
    });
    ReadBack {
        endpoint,
        alarms: sorted(alarms.into_values().collect()),
        references,
    }
}

// ---------------------------------------------------------------------------------------
// CloudFormation

#[test]
fn cloudformation_creates_the_alarms_and_refers_to_them() {
    if !require("cfn-lint (PyPI)", python_has("cfnlint")) {
        return;
    }
    let scratch = Scratch::new("alarms-cfn");
    let mut yaml = BTreeMap::new();
    for (name, doc) in all_cases() {
        for whole in [true, false] {
            let json = export(Target::CloudFormationJson, &doc, &options(whole)).text;
            let v: Value = serde_json::from_str(&json)
                .unwrap_or_else(|e| panic!("{name}: JSON export is not JSON ({e}): {json}"));
            let resources = if whole { &v["Resources"] } else { &v };
            assert_eq!(
                cloudformation_read_back(resources, true, &name),
                expected_read_back(&doc),
                "{name} (JSON, whole {whole})\n{json}"
            );
            let text = export(Target::CloudFormationYaml, &doc, &options(whole)).text;
            yaml.insert(format!("{name}/{whole}"), Value::String(text));
        }
    }
    let results = run_batch(
        "python3",
        &clients().join("cfn_yaml_read.py"),
        &yaml,
        &scratch,
        &[],
    );
    let docs: BTreeMap<String, DesignDocument> = all_cases().into_iter().collect();
    for (key, r) in &results {
        let (name, whole) = key.split_once('/').unwrap();
        assert!(
            r["error"].is_null(),
            "{key}: cfn-lint cannot read it: {}\n{}",
            r["error"],
            yaml[key].as_str().unwrap()
        );
        let resources = if whole == "true" {
            &r["value"]["Resources"]
        } else {
            &r["value"]
        };
        assert_eq!(
            cloudformation_read_back(resources, true, key),
            expected_read_back(&docs[name]),
            "{key} (YAML)\n{}",
            yaml[key].as_str().unwrap()
        );
    }
    assert_eq!(results.len(), all_cases().len() * 2);
}

#[test]
fn cfn_lint_finds_no_error_in_the_templates_with_alarms() {
    if !require("cfn-lint (PyPI)", runs("cfn-lint", &["--version"])) {
        return;
    }
    let scratch = Scratch::new("alarms-cfn-lint");
    let mut files = Vec::new();
    for (name, doc) in alarm_designs() {
        for (target, ext) in [
            (Target::CloudFormationYaml, "yaml"),
            (Target::CloudFormationJson, "json"),
        ] {
            let path = scratch.path().join(format!("{name}.{ext}"));
            std::fs::write(&path, text(target, &doc)).unwrap();
            files.push(path);
        }
    }
    let out = Command::new("cfn-lint")
        .args(["--format", "json", "--"])
        .args(&files)
        .output()
        .expect("run cfn-lint");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let matches: Vec<Value> = serde_json::from_str(&stdout).unwrap_or_else(|e| {
        panic!(
            "cfn-lint's output is not JSON ({e}): {stdout}{}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    let problems: Vec<String> = matches
        .iter()
        .filter(|m| m["Level"] != "Informational")
        .map(|m| {
            format!(
                "{} {} {}: {}",
                m["Filename"], m["Level"], m["Rule"]["Id"], m["Message"]
            )
        })
        .collect();
    assert!(problems.is_empty(), "cfn-lint: {problems:#?}");
    assert_eq!(files.len(), alarm_designs().len() * 2);
}

#[test]
fn the_alarm_properties_are_cfn_lints_schemas() {
    if !require("cfn-lint (PyPI)", python_has("cfnlint")) {
        return;
    }
    let out = Command::new("python3")
        .arg(clients().join("cfn_schema.py"))
        .arg(designer_iac::facts::cloudformation::ALARM_RESOURCE_TYPE)
        .output()
        .expect("run python3");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let s: Value = serde_json::from_slice(&out.stdout).expect("the schema is JSON");
    assert_eq!(s["typeName"], "AWS::CloudWatch::Alarm");
    // Every member a definition can have, at every level, is a property of the schema.
    let full = {
        let mut a = math_definition("a", "b");
        let one = definition("a", "b");
        a.namespace = one.namespace;
        a.metric_name = one.metric_name;
        a.dimensions = one.dimensions;
        a.statistic = one.statistic;
        a.extended_statistic = Some("p99".into());
        a.period = one.period;
        a.unit = one.unit;
        a.metrics[0].period = Some(60);
        expected_alarm(&a)
    };
    let check = |v: &Value, props: &Value, at: &str| {
        for k in v.as_object().unwrap().keys() {
            assert!(props.get(k).is_some(), "{at}.{k} is not in the schema");
        }
    };
    let defs = &s["definitions"];
    check(&full, &s["properties"], "Alarm");
    check(
        &full["Dimensions"][0],
        &defs["Dimension"]["properties"],
        "Dimension",
    );
    let stat_query = &full["Metrics"][1];
    check(
        &full["Metrics"][0],
        &defs["MetricDataQuery"]["properties"],
        "MetricDataQuery",
    );
    check(
        stat_query,
        &defs["MetricDataQuery"]["properties"],
        "MetricDataQuery",
    );
    check(
        &stat_query["MetricStat"],
        &defs["MetricStat"]["properties"],
        "MetricStat",
    );
    check(
        &stat_query["MetricStat"]["Metric"],
        &defs["Metric"]["properties"],
        "Metric",
    );
}

// ---------------------------------------------------------------------------------------
// Terraform

#[test]
fn hcl2_reads_the_alarms_and_the_references_to_them() {
    if !require("python-hcl2 (PyPI)", python_has("hcl2")) {
        return;
    }
    let scratch = Scratch::new("alarms-hcl");
    let mut cases = BTreeMap::new();
    for (name, doc) in all_cases() {
        cases.insert(
            format!("{name}/aws"),
            Value::String(text(Target::Terraform, &doc)),
        );
        cases.insert(
            format!("{name}/awscc"),
            Value::String(text(Target::TerraformAwscc, &doc)),
        );
    }
    let results = run_batch(
        "python3",
        &clients().join("hcl_read.py"),
        &cases,
        &scratch,
        &[],
    );
    let docs: BTreeMap<String, DesignDocument> = all_cases().into_iter().collect();
    for (key, r) in &results {
        let (name, form) = key.split_once('/').unwrap();
        let source = cases[key].as_str().unwrap();
        assert!(r["error"].is_null(), "{key}: {}\n{source}", r["error"]);
        let (alarm_type, want) = if form == "aws" {
            let mut want = expected_read_back(&docs[name]);
            for k in designer_iac::facts::terraform::UNSUPPORTED {
                want.endpoint.as_object_mut().unwrap().remove(*k);
            }
            (designer_iac::facts::terraform::ALARM_RESOURCE_TYPE, want)
        } else {
            let want = expected_read_back(&docs[name]);
            (designer_iac::facts::awscc::ALARM_RESOURCE_TYPE, want)
        };
        let alarms = r["alarms"].as_object().unwrap();
        let mut endpoint = r[form].clone();
        let references = resolve_references(&mut endpoint, &|v| {
            let reference = v.get("$ref")?.as_str()?;
            let (resource, attribute) = reference.rsplit_once('.').unwrap();
            assert_eq!(attribute, "alarm_name", "{key}: {reference}");
            assert!(
                resource.starts_with(&format!("{alarm_type}.")),
                "{key}: {reference}"
            );
            Some(alarms[resource]["AlarmName"].clone())
        });
        let got = ReadBack {
            endpoint,
            alarms: sorted(alarms.values().cloned().collect()),
            references,
        };
        assert_eq!(got, want, "{key}\n{source}");
    }
    assert_eq!(results.len(), all_cases().len() * 2);
}

#[test]
fn terraform_names_the_arguments_it_requires_that_a_definition_lacks() {
    let mut d = alarm_designs()[0].1.clone();
    d.alarms[0].comparison_operator = None;
    d.alarms[1].evaluation_periods = None;
    d.alarms[1].alarm_name = None;
    let found: Vec<(&str, String)> = designer_iac::findings(&d)
        .into_iter()
        .filter(|f| f.path.starts_with("Alarms["))
        .map(|f| (f.target, f.path))
        .collect();
    assert_eq!(
        found,
        [
            ("Terraform", "Alarms[0].ComparisonOperator".to_string()),
            (
                "Terraform (awscc)",
                "Alarms[0].ComparisonOperator".to_string()
            ),
            ("Terraform", "Alarms[1].AlarmName".to_string()),
            ("Terraform", "Alarms[1].EvaluationPeriods".to_string()),
            (
                "Terraform (awscc)",
                "Alarms[1].EvaluationPeriods".to_string()
            ),
        ]
    );
    for (_, d) in alarm_designs() {
        assert!(
            designer_iac::findings(&d)
                .iter()
                .all(|f| !f.path.starts_with("Alarms[")),
            "a complete definition has no finding"
        );
    }
}

// ---------------------------------------------------------------------------------------
// CDK

/// `r` with every number as JavaScript holds it (one number type: the template a CDK app
/// synthesises says `1` where the design says `1.0`).
fn js_numbers(r: ReadBack) -> ReadBack {
    fn walk(v: &mut Value) {
        match v {
            Value::Number(n) => *v = json!(n.as_f64().unwrap()),
            Value::Array(items) => items.iter_mut().for_each(walk),
            Value::Object(m) => m.values_mut().for_each(walk),
            _ => {}
        }
    }
    let mut r = r;
    walk(&mut r.endpoint);
    r.alarms.iter_mut().for_each(walk);
    r.alarms = sorted(r.alarms);
    r
}

#[test]
fn cdk_typescript_synthesises_the_alarms_and_the_references_to_them() {
    let cases = all_cases();
    let Some(results) = cdk_typescript_synth("alarms-cdk-ts", &cases, |doc| text(Target::CdkTypeScript, doc)) else {
        return;
    };
    let mut token_cases = 0;
    for (name, doc) in cases {
        let r = &results[&name];
        if designer_iac::findings(&doc)
            .iter()
            .any(|f| f.target == "CDK")
        {
            token_cases += 1;
            let err = r["error"].as_str().unwrap_or_default();
            assert!(err.contains("Unrecognized token key"), "{name}: {r}");
            continue;
        }
        assert!(
            r["error"].is_null(),
            "{name}: the app did not synthesise: {}",
            r["error"]
        );
        let got = cloudformation_read_back(&r["resources"], false, &name);
        assert_eq!(
            js_numbers(got),
            js_numbers(expected_read_back(&doc)),
            "{name}"
        );
    }
    // The CDK token among the hostile texts is in an alarm's name and its rollback alarm.
    assert_eq!(token_cases, 1, "one hostile design has a CDK token in it");
}

#[test]
fn cdk_python_builds_the_alarms_and_the_references_to_them() {
    let dts = repo().join("node_modules/aws-cdk-lib/aws-sagemaker/lib/sagemaker.generated.d.ts");
    let present = runs("python3", &["--version"]) && dts.exists();
    if !require("python3 and aws-cdk-lib's declarations (npm)", present) {
        return;
    }
    let scratch = Scratch::new("alarms-cdk-py");
    let mut cases = BTreeMap::new();
    for (i, (name, doc)) in all_cases().iter().enumerate() {
        let file = scratch.path().join(format!("app{i}.py"));
        std::fs::write(&file, text(Target::CdkPython, doc)).unwrap();
        cases.insert(name.clone(), Value::String(file.display().to_string()));
    }
    let results = run_batch(
        "python3",
        &clients().join("cdk_py_run.py"),
        &cases,
        &scratch,
        &[("CDK_DTS", dts.to_str().unwrap())],
    );
    for (name, doc) in all_cases() {
        let r = &results[&name];
        assert!(
            r["error"].is_null(),
            "{name}: the app failed: {}",
            r["error"]
        );
        assert_eq!(
            cloudformation_read_back(&r["resources"], true, &name),
            expected_read_back(&doc),
            "{name}"
        );
    }
}

// ---------------------------------------------------------------------------------------
// Step Functions and IAM

#[test]
fn the_step_functions_task_still_names_the_alarms() {
    for (name, doc) in all_cases() {
        let v: Value = serde_json::from_str(&text(Target::StepFunctions, &doc)).unwrap();
        assert_eq!(
            v["States"]["UpdateEndpoint"]["Parameters"],
            expected(&doc),
            "{name}"
        );
    }
}

#[test]
fn the_iam_policy_lets_the_caller_create_the_alarms_and_read_them() {
    let esc = |s: &str| {
        s.replace('$', "${$}")
            .replace('*', "${*}")
            .replace('?', "${?}")
    };
    let arn = |name: &str| {
        format!(
            "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:{}",
            esc(name)
        )
    };
    for (name, doc) in all_cases() {
        let policy: Value = serde_json::from_str(&text(Target::IamPolicy, &doc))
            .unwrap_or_else(|e| panic!("{name}: the policy is not JSON: {e}"));
        let mut got: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for s in policy["Statement"].as_array().unwrap() {
            let resources = match &s["Resource"] {
                Value::String(r) => vec![r.clone()],
                Value::Array(a) => a.iter().map(|v| v.as_str().unwrap().to_string()).collect(),
                other => panic!("{name}: Resource is {other}"),
            };
            got.entry(s["Action"].as_str().unwrap().to_string())
                .or_default()
                .extend(resources);
        }
        let defined: Vec<String> = doc
            .alarms
            .iter()
            .map(|a| arn(a.alarm_name.as_deref().unwrap()))
            .collect();
        assert_eq!(got["cloudwatch:PutMetricAlarm"], defined, "{name}");
        let rollback: Vec<String> = doc
            .request
            .deployment_config
            .as_ref()
            .unwrap()
            .auto_rollback_configuration
            .as_ref()
            .unwrap()
            .alarms
            .as_ref()
            .unwrap()
            .iter()
            .map(|a| arn(a.alarm_name.as_deref().unwrap()))
            .collect();
        assert_eq!(got["cloudwatch:DescribeAlarms"], rollback, "{name}");
        assert_eq!(got.len(), 4, "{name}: {got:?}");
    }
    // Without definitions, nothing is created.
    for (name, doc) in designs() {
        assert!(
            !text(Target::IamPolicy, &doc).contains("PutMetricAlarm"),
            "{name}"
        );
    }
}

#[test]
fn parliament_finds_nothing_in_the_policies_with_alarms() {
    if !require("parliament (PyPI)", python_has("parliament")) {
        return;
    }
    let scratch = Scratch::new("alarms-parliament");
    let cases: BTreeMap<String, Value> = alarm_designs()
        .into_iter()
        .map(|(name, doc)| {
            (
                name.to_string(),
                Value::String(text(Target::IamPolicy, &doc)),
            )
        })
        .collect();
    let results = run_batch(
        "python3",
        &clients().join("parliament_check.py"),
        &cases,
        &scratch,
        &[],
    );
    for (name, findings) in &results {
        assert_eq!(
            findings,
            &json!([]),
            "{name}: parliament: {findings}\n{}",
            cases[name].as_str().unwrap()
        );
    }
    assert_eq!(results.len(), alarm_designs().len());
}

// ---------------------------------------------------------------------------------------
// The round trip, where the import reads alarm definitions

#[test]
fn exports_that_the_import_reads_back_give_the_same_alarms() {
    let whole = options(true);
    let mut failures = Vec::new();
    for (name, d) in all_cases() {
        let texts = [
            ("boto3", designer_core::export::boto3_design_snippet(&d)),
            ("CLI", designer_core::export::cli_design_command(&d)),
            (
                "CloudFormation YAML",
                export(Target::CloudFormationYaml, &d, &whole).text,
            ),
            (
                "CloudFormation JSON",
                export(Target::CloudFormationJson, &d, &whole).text,
            ),
            ("Terraform", export(Target::Terraform, &d, &whole).text),
        ];
        for (what, text) in texts {
            let out = match designer_import::import(
                &text,
                &DesignDocument::default(),
                &designer_import::Options::default(),
            ) {
                Ok(out) => out.document,
                Err(r) => {
                    failures.push(format!("{name} {what}: refused: {}", r.error));
                    continue;
                }
            };
            let mut want = expected(&d);
            if what == "Terraform" {
                for k in designer_iac::facts::terraform::UNSUPPORTED {
                    want.as_object_mut().unwrap().remove(*k);
                }
            }
            let got = serde_json::to_value(&out.request).unwrap();
            let alarms: Vec<Value> = out.alarms.iter().map(expected_alarm).collect();
            let want_alarms: Vec<Value> = d.alarms.iter().map(expected_alarm).collect();
            if got != want || alarms != want_alarms || !out.placeholders.is_empty() {
                failures.push(format!(
                    "{name} {what}:\n  want {want}\n  got  {got}\n  alarms {}\n  placeholders {:?}",
                    serde_json::to_string(&alarms).unwrap(),
                    out.placeholders
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
