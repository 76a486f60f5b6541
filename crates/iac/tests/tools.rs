//! The exports checked by the real tools: cfn-lint lints the CloudFormation templates,
//! aws-cdk-lib synthesises the TypeScript app, Python compiles and runs the Python app (on a
//! stand-in package checked against aws-cdk-lib's declarations), python-hcl2 reads the
//! Terraform, parliament lints the IAM policy; and each language's own parser reads hostile
//! text back unchanged.
//!
//! A missing tool skips its test with a note, and fails it when `CI=true`:
//! scripts/setup.sh installs them all from the package registries.

mod common;

use std::collections::BTreeMap;
use std::process::Command;

use common::*;
use designer_core::model::DesignDocument;
use designer_iac::{export, Options, Target};
use serde_json::{json, Value};

fn options() -> Options {
    Options {
        whole_template: true,
        partition: "aws".into(),
        region: "eu-west-1".into(),
        account: "123456789012".into(),
        with_endpoint_config: false,
    }
}

fn text(target: Target, doc: &DesignDocument) -> String {
    export(target, doc, &options()).text
}

/// The properties of the CloudFormation JSON export (a whole template).
fn cfn_properties(doc: &DesignDocument) -> Value {
    let t: Value = serde_json::from_str(&text(Target::CloudFormationJson, doc))
        .expect("the CloudFormation JSON export is JSON");
    t["Resources"]["Endpoint"]["Properties"].clone()
}

fn all_cases() -> Vec<(String, DesignDocument)> {
    let mut cases: Vec<(String, DesignDocument)> = designs()
        .into_iter()
        .map(|(n, d)| (n.to_string(), d))
        .collect();
    cases.extend(hostile_designs());
    cases.extend(generated_designs(24));
    cases
}


// ---------------------------------------------------------------------------------------
// CloudFormation

#[test]
fn cfn_lint_finds_no_error_in_the_cloudformation_exports() {
    if !require("cfn-lint (PyPI)", runs("cfn-lint", &["--version"])) {
        return;
    }
    let scratch = Scratch::new("cfn-lint");
    let mut files = Vec::new();
    for (name, doc) in designs() {
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
    assert_eq!(files.len(), 12);
}

#[test]
fn yaml_and_json_read_back_as_the_request() {
    if !require(
        "python3 with PyYAML (a cfn-lint dependency)",
        python_has("yaml"),
    ) {
        return;
    }
    let scratch = Scratch::new("yaml");
    let mut cases = BTreeMap::new();
    for (name, doc) in all_cases() {
        for whole in [true, false] {
            let o = Options {
                whole_template: whole,
                ..options()
            };
            let yaml = export(Target::CloudFormationYaml, &doc, &o).text;
            cases.insert(format!("{name}/{whole}"), Value::String(yaml));
            let json = export(Target::CloudFormationJson, &doc, &o).text;
            let v: Value = serde_json::from_str(&json)
                .unwrap_or_else(|e| panic!("{name}: JSON export is not JSON ({e}): {json}"));
            let props = if whole {
                &v["Resources"]["Endpoint"]["Properties"]
            } else {
                &v["Endpoint"]["Properties"]
            };
            assert_eq!(props, &expected(&doc), "{name} (JSON, whole {whole})");
        }
    }
    let results = run_batch(
        "python3",
        &clients().join("yaml_read.py"),
        &cases,
        &scratch,
        &[],
    );
    let docs: BTreeMap<String, DesignDocument> = all_cases().into_iter().collect();
    for (key, r) in &results {
        let (name, whole) = key.split_once('/').unwrap();
        assert!(
            r["error"].is_null(),
            "{key}: YAML does not read it: {}",
            r["error"]
        );
        let v = &r["value"];
        let props = if whole == "true" {
            &v["Resources"]["Endpoint"]["Properties"]
        } else {
            &v["Endpoint"]["Properties"]
        };
        assert_eq!(
            props,
            &expected(&docs[name]),
            "{key} (YAML)\n{}",
            cases[key].as_str().unwrap()
        );
    }
    assert_eq!(results.len(), all_cases().len() * 2);
}

// ---------------------------------------------------------------------------------------
// CDK


#[test]
fn cdk_typescript_synthesises_the_cloudformation_export() {
    let cases = all_cases();
    let Some(results) = cdk_typescript_synth("cdk-ts", &cases, |doc| text(Target::CdkTypeScript, doc)) else {
        return;
    };
    let mut token_cases = 0;
    for (name, doc) in cases {
        let r = &results[&name];
        if designer_iac::findings(&doc)
            .iter()
            .any(|f| f.target == "CDK")
        {
            // Text the CDK takes for its own tokens: the finding says the app fails, and it does.
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
        let resource = &r["resources"]["Endpoint"];
        assert_eq!(resource["Type"], "AWS::SageMaker::Endpoint", "{name}");
        assert_eq!(
            resource["Properties"],
            cfn_properties(&doc),
            "{name}: CDK and CloudFormation differ"
        );
        assert_eq!(resource["Properties"], expected(&doc), "{name}");
    }
    assert_eq!(
        token_cases, 1,
        "the hostile table has one design with a CDK token in it"
    );
}

#[test]
fn cdk_python_compiles_and_builds_the_same_props() {
    let dts = repo().join("node_modules/aws-cdk-lib/aws-sagemaker/lib/sagemaker.generated.d.ts");
    let present = runs("python3", &["--version"]) && dts.exists();
    if !require("python3 and aws-cdk-lib's declarations (npm)", present) {
        return;
    }
    let scratch = Scratch::new("cdk-py");
    let mut cases = BTreeMap::new();
    for (i, (name, doc)) in all_cases().iter().enumerate() {
        let file = scratch.path().join(format!("app{i}.py"));
        std::fs::write(&file, text(Target::CdkPython, doc)).unwrap();
        let compiled = Command::new("python3")
            .args(["-m", "py_compile"])
            .arg(&file)
            .output()
            .expect("run python3");
        assert!(
            compiled.status.success(),
            "{name}: Python does not compile the export: {}",
            String::from_utf8_lossy(&compiled.stderr)
        );
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
        let props = &r["resources"]["Endpoint"]["Properties"];
        assert_eq!(
            props,
            &cfn_properties(&doc),
            "{name}: CDK (Python) and CloudFormation differ"
        );
    }
}

// ---------------------------------------------------------------------------------------
// Terraform

fn without_unsupported(mut v: Value) -> Value {
    if let Value::Object(m) = &mut v {
        for k in designer_iac::facts::terraform::UNSUPPORTED {
            m.remove(*k);
        }
    }
    v
}

#[test]
fn hcl2_reads_the_terraform_exports_back_as_the_request() {
    if !require("python-hcl2 (PyPI)", python_has("hcl2")) {
        return;
    }
    let scratch = Scratch::new("hcl");
    let mut cases = BTreeMap::new();
    let mut docs = BTreeMap::new();
    for (name, doc) in all_cases() {
        // python-hcl2 8.1.4 cannot lex `$${` or `%%{` without a closing brace after it,
        // which HCL allows (hcl_strings_keep_templates_as_text checks that spelling): such
        // text gets a `}` at its end here, so the rest of it is still read back.
        let doc = closed_templates(&doc);
        docs.insert(name.clone(), doc.clone());
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
    for (key, r) in &results {
        let (name, form) = key.split_once('/').unwrap();
        assert!(
            r["error"].is_null(),
            "{key}: {}\n{}",
            r["error"],
            cases[key].as_str().unwrap()
        );
        let want = expected(&docs[name]);
        if form == "aws" {
            assert_eq!(
                r["aws"],
                without_unsupported(want),
                "{key}\n{}",
                cases[key].as_str().unwrap()
            );
        } else {
            assert_eq!(r["awscc"], want, "{key}\n{}", cases[key].as_str().unwrap());
        }
    }
    assert_eq!(results.len(), all_cases().len() * 2);
}

/// `doc` with a `}` after any template opener (`${`, `%{`) that nothing closes.
fn closed_templates(doc: &DesignDocument) -> DesignDocument {
    let close = |s: &mut String| {
        let unclosed = ["${", "%{"].iter().any(|open| {
            s.match_indices(open)
                .any(|(i, _)| !s[i + 2..].contains('}'))
        });
        if unclosed {
            s.push('}');
        }
    };
    let wire = |w: &str| {
        let mut s = w.to_string();
        close(&mut s);
        s
    };
    let mut d = doc.clone();
    let r = &mut d.request;
    r.endpoint_name.iter_mut().for_each(close);
    r.endpoint_config_name.iter_mut().for_each(close);
    for p in r.exclude_retained_variant_properties.iter_mut().flatten() {
        p.variant_property_type = p
            .variant_property_type
            .as_ref()
            .map(|t| designer_core::model::VariantPropertyType::from_wire(&wire(t.wire())));
    }
    if let Some(dc) = r.deployment_config.as_mut() {
        for a in dc
            .auto_rollback_configuration
            .iter_mut()
            .flat_map(|a| a.alarms.iter_mut().flatten())
        {
            a.alarm_name.iter_mut().for_each(close);
        }
        if let Some(t) = dc
            .blue_green_update_policy
            .as_mut()
            .and_then(|b| b.traffic_routing_configuration.as_mut())
        {
            t.type_ = t.type_.as_ref().map(|x| {
                designer_core::model::TrafficRoutingConfigType::from_wire(&wire(x.wire()))
            });
            if let Some(c) = t.canary_size.as_mut() {
                c.type_ = c
                    .type_
                    .as_ref()
                    .map(|x| designer_core::model::CapacitySizeType::from_wire(&wire(x.wire())));
            }
        }
    }
    d
}

// ---------------------------------------------------------------------------------------
// IAM

/// The ARNs a design's policy must name, worked out here from the design.
fn design_arns(doc: &DesignDocument) -> (String, String, Vec<String>) {
    let req = &doc.request;
    let esc = |s: &str| {
        s.replace('$', "${$}")
            .replace('*', "${*}")
            .replace('?', "${?}")
    };
    let base = "arn:aws:sagemaker:eu-west-1:123456789012:";
    let endpoint = format!(
        "{base}endpoint/{}",
        esc(&req.endpoint_name.clone().unwrap().to_ascii_lowercase())
    );
    let config = format!(
        "{base}endpoint-config/{}",
        esc(&req
            .endpoint_config_name
            .clone()
            .unwrap()
            .to_ascii_lowercase())
    );
    let mut alarms: Vec<String> = Vec::new();
    for a in req
        .deployment_config
        .as_ref()
        .and_then(|d| d.auto_rollback_configuration.as_ref())
        .and_then(|a| a.alarms.as_ref())
        .into_iter()
        .flatten()
    {
        let arn = format!(
            "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:{}",
            esc(a.alarm_name.as_deref().unwrap())
        );
        if !alarms.contains(&arn) {
            alarms.push(arn);
        }
    }
    (endpoint, config, alarms)
}

fn resources(statement: &Value) -> Vec<String> {
    match &statement["Resource"] {
        Value::String(s) => vec![s.clone()],
        Value::Array(a) => a.iter().map(|v| v.as_str().unwrap().to_string()).collect(),
        other => panic!("Resource is {other}"),
    }
}

#[test]
fn iam_policies_name_exactly_the_designs_arns() {
    for (name, doc) in all_cases() {
        let policy: Value = serde_json::from_str(&text(Target::IamPolicy, &doc))
            .unwrap_or_else(|e| panic!("{name}: the policy is not JSON: {e}"));
        let (endpoint, config, alarms) = design_arns(&doc);
        let mut got: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for s in policy["Statement"].as_array().unwrap() {
            assert_eq!(s["Effect"], "Allow");
            got.entry(s["Action"].as_str().unwrap().to_string())
                .or_default()
                .extend(resources(s));
        }
        let mut want = BTreeMap::from([
            (
                "sagemaker:UpdateEndpoint".to_string(),
                vec![endpoint.clone(), config],
            ),
            ("sagemaker:DescribeEndpoint".to_string(), vec![endpoint]),
        ]);
        if !alarms.is_empty() {
            want.insert("cloudwatch:DescribeAlarms".to_string(), alarms);
        }
        assert_eq!(got, want, "{name}");
    }
}

#[test]
fn parliament_finds_nothing_in_the_iam_policies() {
    if !require("parliament (PyPI)", python_has("parliament")) {
        return;
    }
    let scratch = Scratch::new("parliament");
    let mut cases = BTreeMap::new();
    for (name, doc) in designs() {
        cases.insert(
            name.to_string(),
            Value::String(text(Target::IamPolicy, &doc)),
        );
    }
    // An empty region and account are written as words to replace, which must not make the
    // policy one parliament complains about either.
    let blank = Options {
        region: String::new(),
        account: String::new(),
        ..options()
    };
    cases.insert(
        "blank-region-account".into(),
        Value::String(export(Target::IamPolicy, &designs()[1].1, &blank).text),
    );
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
    assert_eq!(results.len(), designs().len() + 1);
}

// ---------------------------------------------------------------------------------------
// Placeholders, as the tools see them

#[test]
fn placeholder_exports_stop_at_their_markers_in_the_real_tools() {
    let d = with_placeholders();
    let scratch = Scratch::new("placeholders");
    if require("cfn-lint (PyPI)", runs("cfn-lint", &["--version"])) {
        let file = scratch.path().join("t.yaml");
        std::fs::write(&file, text(Target::CloudFormationYaml, &d)).unwrap();
        let out = Command::new("cfn-lint")
            .arg("--")
            .arg(&file)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "cfn-lint: {}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
    if require("python-hcl2 (PyPI)", python_has("hcl2")) {
        let cases = BTreeMap::from([(
            "aws".to_string(),
            Value::String(text(Target::Terraform, &d)),
        )]);
        let r = &run_batch(
            "python3",
            &clients().join("hcl_read.py"),
            &cases,
            &scratch,
            &[],
        )["aws"];
        assert_eq!(
            r["aws"]["EndpointName"],
            json!({"$var": "fill_in_endpoint_name"}),
            "{r}"
        );
        assert_eq!(r["variables"].as_array().unwrap().len(), 3, "{r}");
    }
    if require("python3", runs("python3", &["--version"])) {
        let dts =
            repo().join("node_modules/aws-cdk-lib/aws-sagemaker/lib/sagemaker.generated.d.ts");
        let file = scratch.path().join("app.py");
        std::fs::write(&file, text(Target::CdkPython, &d)).unwrap();
        let cases = BTreeMap::from([("py".to_string(), Value::String(file.display().to_string()))]);
        if dts.exists() {
            let r = &run_batch(
                "python3",
                &clients().join("cdk_py_run.py"),
                &cases,
                &scratch,
                &[("CDK_DTS", dts.to_str().unwrap())],
            )["py"];
            assert!(
                r["error"]
                    .as_str()
                    .unwrap_or_default()
                    .contains("FILL IN EndpointName"),
                "{r}"
            );
        }
    }
    let node_ok = runs("node", &["--version"])
        && node_modules_have("aws-cdk-lib")
        && node_modules_have("typescript");
    if require("node with aws-cdk-lib and typescript (npm)", node_ok) {
        std::os::unix::fs::symlink(
            repo().join("node_modules"),
            scratch.path().join("node_modules"),
        )
        .unwrap();
        let file = scratch.path().join("app.ts");
        std::fs::write(&file, text(Target::CdkTypeScript, &d)).unwrap();
        let cases = BTreeMap::from([("ts".to_string(), Value::String(file.display().to_string()))]);
        let r = &run_batch(
            "node",
            &clients().join("cdk_ts_run.js"),
            &cases,
            &scratch,
            &[],
        )["ts"];
        assert!(
            r["error"]
                .as_str()
                .unwrap_or_default()
                .contains("FILL IN EndpointName"),
            "{r}"
        );
    }
}

// ---------------------------------------------------------------------------------------
// The facts, against the tool they come from

#[test]
fn cloudformation_facts_match_cfn_lints_schema() {
    if !require("cfn-lint (PyPI)", python_has("cfnlint")) {
        return;
    }
    use designer_iac::facts::cloudformation as facts;
    let out = Command::new("python3")
        .arg(clients().join("cfn_schema.py"))
        .output()
        .expect("run python3");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let s: Value = serde_json::from_slice(&out.stdout).expect("the schema is JSON");
    let defs = &s["definitions"];
    assert_eq!(s["typeName"], facts::RESOURCE_TYPE);
    assert_eq!(s["required"], json!(facts::REQUIRED));
    let create_only: Vec<String> = facts::CREATE_ONLY
        .iter()
        .map(|p| format!("/properties/{p}"))
        .collect();
    assert_eq!(s["createOnlyProperties"], json!(create_only));
    assert_eq!(
        defs["TrafficRoutingConfig"]["required"],
        json!(facts::TRAFFIC_ROUTING_REQUIRED)
    );
    assert_eq!(
        defs["VariantProperty"]["properties"]["VariantPropertyType"]
            .get("enum")
            .is_some(),
        facts::VARIANT_PROPERTY_TYPE_HAS_ENUM
    );
    assert_eq!(
        s["properties"]["ExcludeRetainedVariantProperties"]["maxItems"].as_u64(),
        facts::VARIANT_PROPERTY_LIST_MAX.map(|n| n as u64)
    );
    let dc = &defs["DeploymentConfig"];
    let one_of = ["oneOf", "anyOf", "not", "dependentSchemas", "allOf"]
        .iter()
        .any(|k| dc.get(*k).is_some());
    assert_eq!(one_of, facts::ONE_POLICY_ENFORCED, "{dc}");
    assert_eq!(
        defs["AutoRollbackConfig"]["properties"]["Alarms"]["uniqueItems"],
        json!(facts::ALARMS_UNIQUE)
    );
    // The names every export writes are the schema's.
    let props: Vec<&str> = s["properties"]
        .as_object()
        .unwrap()
        .keys()
        .map(|k| k.as_str())
        .collect();
    for m in designer_core::limits::structure("UpdateEndpointInput")
        .unwrap()
        .members
    {
        assert!(
            props.contains(&m.name),
            "{} is not a property of the resource",
            m.name
        );
    }
}
