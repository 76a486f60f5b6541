//! Exports with their endpoint configuration (`Options::with_endpoint_config`): each
//! CloudFormation template, Terraform module and CDK app holds the config of the design's new
//! fleet beside the endpoint, the names as parameters / variables / constants with the
//! design's values as defaults, and Terraform's `required_providers`; cfn-lint, python-hcl2
//! and aws-cdk-lib's synth take them; and the import reads each back as the same design.

mod common;

use std::collections::BTreeMap;
use std::process::Command;

use common::*;
use designer_core::model::{DesignDocument, ProductionVariant, ServerlessConfig};
use designer_iac::{export, findings_with, Options, Target};
use serde_json::{json, Value};

fn with_config() -> Options {
    Options {
        with_endpoint_config: true,
        region: "eu-west-1".into(),
        account: "123456789012".into(),
        ..Options::default()
    }
}

fn text(target: Target, doc: &DesignDocument) -> String {
    export(target, doc, &with_config()).text
}

/// The IaC targets that write the endpoint configuration.
const TARGETS: &[Target] = &[
    Target::CloudFormationYaml,
    Target::CloudFormationJson,
    Target::Terraform,
    Target::TerraformAwscc,
    Target::CdkTypeScript,
    Target::CdkPython,
];

fn model(mut v: ProductionVariant, name: &str) -> ProductionVariant {
    v.model_name = Some(name.to_string());
    v
}

/// Valid designs whose new fleet is fully given: every export must pass the tools and come
/// back as the same design.
fn fleet_designs() -> Vec<(String, DesignDocument)> {
    let mut canary = designs()[1].1.clone();
    canary.endpoint.new_variants = vec![model(
        ProductionVariant::instances("AllTraffic", "ml.g5.xlarge", 6),
        "churn-model-v7",
    )];
    let mut two = designs()[2].1.clone();
    two.endpoint.new_variants = vec![
        ProductionVariant {
            initial_variant_weight: Some(0.7),
            accelerator_type: Some("ml.eia2.medium".into()),
            ..model(
                ProductionVariant::instances("blue", "ml.c5.xlarge", 3),
                "ranker-2026-07",
            )
        },
        ProductionVariant {
            variant_name: Some("shadow".into()),
            model_name: Some("ranker-candidate".into()),
            initial_variant_weight: Some(0.3),
            serverless_config: Some(ServerlessConfig {
                memory_size_in_mb: Some(2048),
                max_concurrency: Some(10),
                provisioned_concurrency: Some(2),
            }),
            ..Default::default()
        },
    ];
    let mut rolling = alarm_designs()[1].1.clone();
    rolling.endpoint.new_variants = vec![model(
        ProductionVariant::instances("AllTraffic", "ml.m5.xlarge", 4),
        "ep-model-4",
    )];
    vec![
        ("canary-one-model".to_string(), canary),
        ("two-variants-one-serverless".to_string(), two),
        ("rolling-defined-alarm".to_string(), rolling),
    ]
}

/// Hostile text as the names each target declares (endpoint, config, variants, models).
fn hostile_fleet_designs() -> Vec<(String, DesignDocument)> {
    // Text the CDK takes for a token (a finding says so) and template openers python-hcl2
    // cannot read unclosed are checked elsewhere; an empty name is not a name.
    let texts: Vec<&str> = HOSTILE
        .iter()
        .copied()
        .filter(|t| !t.is_empty() && !t.contains("${Token[") && !t.contains("%%{"))
        .collect();
    texts
        .chunks(3)
        .enumerate()
        .map(|(i, chunk)| {
            let mut d = designs()[1].1.clone();
            d.request.endpoint_name = Some(chunk[0].to_string());
            d.request.endpoint_config_name = Some(chunk[chunk.len() - 1].to_string());
            d.endpoint.new_variants = chunk
                .iter()
                .enumerate()
                .map(|(j, t)| {
                    model(
                        ProductionVariant::instances(t, "ml.m5.xlarge", 2 + j as i64),
                        &format!("{t} model"),
                    )
                })
                .collect();
            (format!("hostile-fleet-{i}"), d)
        })
        .collect()
}

fn all_fleet_designs() -> Vec<(String, DesignDocument)> {
    let mut out = fleet_designs();
    out.extend(hostile_fleet_designs());
    out
}

/// Every number as a float, so that `1` (JavaScript's JSON) and `1.0` compare equal.
fn floats(v: Value) -> Value {
    match v {
        Value::Number(n) => json!(n.as_f64()),
        Value::Array(a) => Value::Array(a.into_iter().map(floats).collect()),
        Value::Object(o) => Value::Object(o.into_iter().map(|(k, v)| (k, floats(v))).collect()),
        other => other,
    }
}

/// The new fleet as `CreateEndpointConfig` takes it, without the accelerators
/// CloudFormation's schema (so awscc's and the CDK's) cannot hold (a finding says so).
fn variants(doc: &DesignDocument) -> Value {
    floats(serde_json::to_value(&without_accelerators(doc).endpoint.new_variants).unwrap())
}

fn without_accelerators(doc: &DesignDocument) -> DesignDocument {
    let mut d = doc.clone();
    for v in &mut d.endpoint.new_variants {
        v.accelerator_type = None;
    }
    d
}

/// A CloudFormation value with each `{"Ref": parameter}` replaced by its default.
fn resolved(v: &Value, params: &Value) -> Value {
    match v {
        Value::Object(o) if o.len() == 1 && o.contains_key("Ref") => {
            let name = o["Ref"].as_str().unwrap();
            params[name]["Default"].clone()
        }
        Value::Object(o) => Value::Object(
            o.iter()
                .map(|(k, x)| (k.clone(), resolved(x, params)))
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.iter().map(|x| resolved(x, params)).collect()),
        other => other.clone(),
    }
}

// ---------------------------------------------------------------------------------------
// What each export holds

#[test]
fn cloudformation_declares_the_config_its_parameters_and_the_dependency() {
    for (name, doc) in all_fleet_designs() {
        for whole in [true, false] {
            let o = Options {
                whole_template: whole,
                ..with_config()
            };
            let t: Value =
                serde_json::from_str(&export(Target::CloudFormationJson, &doc, &o).text).unwrap();
            let params = &t["Parameters"];
            let config = &t["Resources"]["EndpointConfig"];
            let endpoint = &t["Resources"]["Endpoint"];
            assert_eq!(config["Type"], "AWS::SageMaker::EndpointConfig", "{name}");
            assert_eq!(endpoint["DependsOn"], "EndpointConfig", "{name}");
            assert_eq!(
                endpoint["Properties"]["EndpointConfigName"],
                json!({"Ref": "EndpointConfigName"}),
                "{name}"
            );
            assert_eq!(
                config["Properties"]["EndpointConfigName"],
                endpoint["Properties"]["EndpointConfigName"],
                "{name}"
            );
            assert_eq!(
                endpoint["Properties"]["EndpointName"],
                json!({"Ref": "EndpointName"}),
                "{name}"
            );
            assert_eq!(
                params["EndpointName"]["Default"],
                json!(doc.request.endpoint_name),
                "{name}"
            );
            assert_eq!(
                params["EndpointConfigName"]["Default"],
                json!(doc.request.endpoint_config_name),
                "{name}"
            );
            // Every model is a parameter, and with the defaults the fleet is the design's.
            for v in config["Properties"]["ProductionVariants"]
                .as_array()
                .unwrap()
            {
                let model = v["ModelName"]["Ref"].as_str().unwrap();
                assert_eq!(params[model]["Type"], "String", "{name}");
            }
            assert_eq!(
                floats(resolved(
                    &config["Properties"]["ProductionVariants"],
                    params
                )),
                variants(&doc),
                "{name}"
            );
            assert_eq!(
                resolved(&endpoint["Properties"], params)["DeploymentConfig"]
                    ["BlueGreenUpdatePolicy"],
                expected(&doc)["DeploymentConfig"]["BlueGreenUpdatePolicy"],
                "{name}"
            );
        }
    }
}

#[test]
fn terraform_and_cdk_exports_hold_the_config_and_the_names() {
    let version = designer_iac::facts::terraform::PROVIDER_VERSION;
    for (name, doc) in fleet_designs() {
        let aws = text(Target::Terraform, &doc);
        assert!(aws.contains("required_providers {"), "{name}: {aws}");
        assert!(
            aws.contains(&format!("version = \"{version}\"")),
            "{name}: {aws}"
        );
        assert!(
            aws.contains("resource \"aws_sagemaker_endpoint_configuration\" \"endpoint_config\""),
            "{name}"
        );
        assert!(
            aws.contains("endpoint_config_name = var.endpoint_config_name"),
            "{name}"
        );
        let awscc = text(Target::TerraformAwscc, &doc);
        assert!(
            awscc.contains("source = \"hashicorp/awscc\""),
            "{name}: {awscc}"
        );
        assert!(
            awscc.contains("resource \"awscc_sagemaker_endpoint_config\" \"endpoint_config\""),
            "{name}"
        );
        let ts = text(Target::CdkTypeScript, &doc);
        assert!(
            ts.contains("new CfnEndpointConfig(stack, \"EndpointConfig\""),
            "{name}"
        );
        assert!(
            ts.contains("endpoint.addDependency(endpointConfig);"),
            "{name}"
        );
        let py = text(Target::CdkPython, &doc);
        assert!(py.contains("sagemaker.CfnEndpointConfig("), "{name}");
        assert!(
            py.contains("endpoint.add_dependency(endpoint_config)"),
            "{name}"
        );
    }
}

#[test]
fn without_the_option_the_exports_are_the_endpoint_alone() {
    for (name, doc) in fleet_designs() {
        for target in TARGETS {
            let t = export(*target, &doc, &Options::default()).text;
            for word in [
                "AWS::SageMaker::EndpointConfig",
                "aws_sagemaker_endpoint_configuration",
                "awscc_sagemaker_endpoint_config",
                "CfnEndpointConfig",
                "required_providers",
                "DependsOn",
                "depends_on",
            ] {
                assert!(!t.contains(word), "{name} {target:?} has {word}:\n{t}");
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// The round trip

fn import(text: &str, fill_defaults: bool) -> Result<DesignDocument, String> {
    let options = designer_import::Options {
        choices: if fill_defaults {
            vec![("defaults".to_string(), 1)]
        } else {
            Vec::new()
        },
    };
    designer_import::import(text, &DesignDocument::default(), &options)
        .map(|o| o.document)
        .map_err(|r| r.error.message)
}

#[test]
fn every_export_with_its_config_imports_back_as_the_same_design() {
    let mut failures = Vec::new();
    let mut checked = 0;
    for (name, doc) in all_fleet_designs() {
        for target in TARGETS {
            // The Terraform importer does not read awscc_cloudwatch_alarm definitions (nor
            // did it before this option): designs that define alarms are left out for awscc.
            if *target == Target::TerraformAwscc && !doc.alarms.is_empty() {
                continue;
            }
            let t = text(*target, &doc);
            // As the text says, the names are decided at deploy time: placeholders, each
            // with the design's value as the default the import offers.
            match import(&t, false) {
                Ok(got) => {
                    let mut paths: Vec<String> =
                        got.placeholders.iter().map(|p| p.path.clone()).collect();
                    paths.sort();
                    let mut want =
                        vec!["EndpointConfigName".to_string(), "EndpointName".to_string()];
                    want.extend(
                        (0..doc.endpoint.new_variants.len())
                            .map(|i| format!("Endpoint.NewVariants[{i}].ModelName")),
                    );
                    want.sort();
                    let cdk = matches!(target, Target::CdkTypeScript | Target::CdkPython);
                    // The CDK's names are constants: the import resolves them at once.
                    let want = if cdk { Vec::new() } else { want };
                    if paths != want {
                        failures.push(format!(
                            "{name} {target:?}: placeholders {paths:?}, want {want:?}"
                        ));
                    }
                }
                Err(e) => failures.push(format!("{name} {target:?}: refused: {e}")),
            }
            // With the defaults filled in: the same design (but for the accelerators only the
            // aws provider can write).
            let doc = if *target == Target::Terraform {
                doc.clone()
            } else {
                without_accelerators(&doc)
            };
            match import(&t, true) {
                Ok(got) => {
                    let mut want_request = expected(&doc);
                    if *target == Target::Terraform {
                        if let Value::Object(m) = &mut want_request {
                            for k in designer_iac::facts::terraform::UNSUPPORTED {
                                m.remove(*k);
                            }
                        }
                    }
                    let same = serde_json::to_value(&got.request).unwrap() == want_request
                        && got.endpoint.new_variants == doc.endpoint.new_variants
                        && got.alarms == doc.alarms
                        && got.placeholders.is_empty();
                    if !same {
                        failures.push(format!(
                            "{name} {target:?}:\n  request {}\n  fleet {:?}\n  placeholders {:?}\n{t}",
                            serde_json::to_value(&got.request).unwrap(),
                            got.endpoint.new_variants,
                            got.placeholders
                        ));
                    }
                    checked += 1;
                }
                Err(e) => failures.push(format!("{name} {target:?}: refused: {e}")),
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(checked >= all_fleet_designs().len() * 5, "{checked}");
}

/// The page's default fleet names no model: each export asks for it.
fn without_model() -> DesignDocument {
    designs()[1].1.clone()
}

#[test]
fn a_model_the_design_does_not_name_is_asked_for() {
    let d = without_model();
    let t: Value = serde_json::from_str(&text(Target::CloudFormationJson, &d)).unwrap();
    assert_eq!(t["Parameters"]["ModelName"]["Type"], "String");
    assert!(t["Parameters"]["ModelName"].get("Default").is_none(), "{t}");
    let tf = text(Target::Terraform, &d);
    let block = tf.split("variable \"model_name\" {").nth(1).unwrap();
    let block = &block[..block.find('}').unwrap()];
    assert!(!block.contains("default"), "{block}");
    assert!(text(Target::CdkTypeScript, &d)
        .contains("const modelName = required(\"Endpoint.NewVariants[0].ModelName\");"));
    let got = import(&text(Target::CloudFormationYaml, &d), true).unwrap();
    assert_eq!(got.placeholders.len(), 1, "{:?}", got.placeholders);
    assert_eq!(
        got.placeholders[0].path,
        "Endpoint.NewVariants[0].ModelName"
    );
    let warnings: Vec<_> = findings_with(&d, &with_config())
        .into_iter()
        .filter(|f| f.path == "Endpoint.NewVariants[0].ModelName")
        .map(|f| f.target)
        .collect();
    assert_eq!(
        warnings,
        ["CloudFormation", "Terraform", "Terraform (awscc)", "CDK"]
    );
}

// ---------------------------------------------------------------------------------------
// Findings

#[test]
fn what_the_config_cannot_be_written_with_is_a_finding_of_each_target() {
    let cases: Vec<(&str, DesignDocument, &str)> = {
        let mut empty = fleet_designs()[0].1.clone();
        empty.endpoint.new_variants.clear();
        let mut unnamed = fleet_designs()[0].1.clone();
        unnamed.endpoint.new_variants[0].variant_name = None;
        let mut serverless = fleet_designs()[1].1.clone();
        if let Some(s) = serverless.endpoint.new_variants[1]
            .serverless_config
            .as_mut()
        {
            s.max_concurrency = None;
        }
        vec![
            ("no fleet", empty, "Endpoint.NewVariants"),
            (
                "no variant name",
                unnamed,
                "Endpoint.NewVariants[0].VariantName",
            ),
            (
                "serverless without MaxConcurrency",
                serverless,
                "Endpoint.NewVariants[1].ServerlessConfig.MaxConcurrency",
            ),
        ]
    };
    for (what, doc, path) in cases {
        let on: Vec<&'static str> = findings_with(&doc, &with_config())
            .into_iter()
            .filter(|f| f.path == path && f.severity == designer_core::validate::Severity::Error)
            .map(|f| f.target)
            .collect();
        assert_eq!(
            on,
            ["CloudFormation", "Terraform", "Terraform (awscc)", "CDK"],
            "{what}"
        );
        assert!(
            designer_iac::findings(&doc).iter().all(|f| f.path != path),
            "{what}: a finding without the option"
        );
    }
    // The accelerator only the aws provider can write.
    let with_accelerator = &fleet_designs()[1].1;
    let warned: Vec<&'static str> = findings_with(with_accelerator, &with_config())
        .into_iter()
        .filter(|f| f.path == "Endpoint.NewVariants[0].AcceleratorType")
        .map(|f| f.target)
        .collect();
    assert_eq!(warned, ["CloudFormation", "Terraform (awscc)", "CDK"]);
    assert!(text(Target::Terraform, with_accelerator)
        .contains("accelerator_type       = \"ml.eia2.medium\""));
    for t in [
        Target::CloudFormationYaml,
        Target::TerraformAwscc,
        Target::CdkTypeScript,
        Target::CdkPython,
    ] {
        assert!(
            !text(t, with_accelerator).contains("ml.eia2.medium"),
            "{t:?}"
        );
    }
    // CloudFormation cannot replace a config with a name it was given.
    let all = findings_with(&fleet_designs()[0].1, &with_config());
    assert!(all.iter().any(|f| f.target == "CloudFormation"
        && f.path == "EndpointConfigName"
        && f.message.contains("new value with each change")));
}

// ---------------------------------------------------------------------------------------
// The real tools

#[test]
fn cfn_lint_finds_nothing_in_the_templates_with_their_config() {
    if !require("cfn-lint (PyPI)", runs("cfn-lint", &["--version"])) {
        return;
    }
    let scratch = Scratch::new("cfn-lint-config");
    let mut files = Vec::new();
    let mut designs = fleet_designs();
    designs.push(("no-model".to_string(), without_model()));
    for (name, doc) in designs {
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
    assert_eq!(files.len(), 8);
}

#[test]
fn hcl2_reads_the_modules_with_their_config() {
    if !require("python-hcl2 (PyPI)", python_has("hcl2")) {
        return;
    }
    let scratch = Scratch::new("hcl-config");
    let mut cases = BTreeMap::new();
    for (name, doc) in all_fleet_designs() {
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
        &clients().join("hcl_module_read.py"),
        &cases,
        &scratch,
        &[],
    );
    let docs: BTreeMap<String, DesignDocument> = all_fleet_designs().into_iter().collect();
    for (key, r) in &results {
        let (name, form) = key.split_once('/').unwrap();
        let doc = &docs[name];
        assert!(
            r["error"].is_null(),
            "{key}: {}\n{}",
            r["error"],
            cases[key].as_str().unwrap()
        );
        let (provider, config_type, endpoint_type, name_arg) = if form == "aws" {
            (
                "aws",
                "aws_sagemaker_endpoint_configuration",
                "aws_sagemaker_endpoint",
                "name",
            )
        } else {
            (
                "awscc",
                "awscc_sagemaker_endpoint_config",
                "awscc_sagemaker_endpoint",
                "endpoint_config_name",
            )
        };
        let source = format!("hashicorp/{provider}");
        assert_eq!(
            r["required_providers"][provider]["source"],
            json!(source),
            "{key}"
        );
        if form == "aws" {
            assert_eq!(
                r["required_providers"]["aws"]["version"],
                json!(designer_iac::facts::terraform::PROVIDER_VERSION),
                "{key}"
            );
        }
        let vars = &r["variables"];
        assert_eq!(
            vars["endpoint_name"]["default"],
            json!(doc.request.endpoint_name),
            "{key}"
        );
        assert_eq!(
            vars["endpoint_config_name"]["default"],
            json!(doc.request.endpoint_config_name),
            "{key}"
        );
        let config = &r["resources"][format!("{config_type}.endpoint_config")];
        let endpoint = &r["resources"][format!("{endpoint_type}.endpoint")];
        assert_eq!(
            config[name_arg],
            json!({"$var": "endpoint_config_name"}),
            "{key}"
        );
        assert_eq!(
            endpoint["endpoint_config_name"],
            json!({"$var": "endpoint_config_name"}),
            "{key}"
        );
        assert_eq!(
            endpoint["depends_on"],
            json!([{"$ref": format!("{config_type}.endpoint_config")}]),
            "{key}"
        );
        // Each variant's members, its model a variable whose default is the design's.
        let items = config["production_variants"].as_array().unwrap();
        assert_eq!(items.len(), doc.endpoint.new_variants.len(), "{key}");
        for (item, v) in items.iter().zip(&doc.endpoint.new_variants) {
            let model_var = item["model_name"]["$var"].as_str().unwrap();
            assert_eq!(vars[model_var]["default"], json!(v.model_name), "{key}");
            assert_eq!(item["variant_name"], json!(v.variant_name), "{key}");
            assert_eq!(
                item["initial_variant_weight"].as_f64(),
                v.initial_variant_weight,
                "{key}"
            );
            if let Some(s) = &v.serverless_config {
                let sc = if form == "aws" {
                    &item["serverless_config"][0]
                } else {
                    &item["serverless_config"]
                };
                assert_eq!(sc["memory_size_in_mb"], json!(s.memory_size_in_mb), "{key}");
                assert_eq!(sc["max_concurrency"], json!(s.max_concurrency), "{key}");
            }
        }
    }
    assert_eq!(results.len(), all_fleet_designs().len() * 2);
}

/// What a synthesised stack's two resources must be: the config of the design's fleet, and
/// the endpoint naming it and depending on it, its request the design's.
fn check_synth(name: &str, doc: &DesignDocument, resources: &Value) {
    let config = &resources["EndpointConfig"];
    let endpoint = &resources["Endpoint"];
    assert_eq!(
        config["Type"], "AWS::SageMaker::EndpointConfig",
        "{name}: {resources}"
    );
    assert_eq!(endpoint["Type"], "AWS::SageMaker::Endpoint", "{name}");
    assert_eq!(endpoint["DependsOn"], json!(["EndpointConfig"]), "{name}");
    assert_eq!(
        endpoint["Properties"]["EndpointConfigName"], config["Properties"]["EndpointConfigName"],
        "{name}"
    );
    assert_eq!(
        floats(config["Properties"]["ProductionVariants"].clone()),
        variants(doc),
        "{name}"
    );
    if doc.alarms.is_empty() {
        assert_eq!(endpoint["Properties"], expected(doc), "{name}");
    } else {
        assert_eq!(
            endpoint["Properties"]["EndpointName"],
            json!(doc.request.endpoint_name),
            "{name}"
        );
    }
}

#[test]
fn cdk_typescript_synthesises_the_config_and_the_endpoint_on_it() {
    let mut cases = all_fleet_designs();
    cases.push(("no-model".to_string(), without_model()));
    let Some(results) = cdk_typescript_synth("cdk-ts-config", &cases, |doc| {
        text(Target::CdkTypeScript, doc)
    }) else {
        return;
    };
    for (name, doc) in &cases {
        let r = &results[name];
        if name == "no-model" {
            let err = r["error"].as_str().unwrap_or_default();
            assert!(
                err.contains("SET Endpoint.NewVariants[0].ModelName"),
                "{name}: {r}"
            );
            continue;
        }
        assert!(
            r["error"].is_null(),
            "{name}: the app did not synthesise: {}",
            r["error"]
        );
        check_synth(name, doc, &r["resources"]);
    }
}

#[test]
fn cdk_python_builds_the_config_and_the_endpoint_on_it() {
    let dts = repo().join("node_modules/aws-cdk-lib/aws-sagemaker/lib/sagemaker.generated.d.ts");
    if !require(
        "python3 and aws-cdk-lib's declarations (npm)",
        runs("python3", &["--version"]) && dts.exists(),
    ) {
        return;
    }
    let scratch = Scratch::new("cdk-py-config");
    let mut designs = all_fleet_designs();
    designs.push(("no-model".to_string(), without_model()));
    let mut cases = BTreeMap::new();
    for (i, (name, doc)) in designs.iter().enumerate() {
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
    for (name, doc) in &designs {
        let r = &results[name];
        if name == "no-model" {
            let err = r["error"].as_str().unwrap_or_default();
            assert!(
                err.contains("SET Endpoint.NewVariants[0].ModelName"),
                "{name}: {r}"
            );
            continue;
        }
        assert!(
            r["error"].is_null(),
            "{name}: the app failed: {}",
            r["error"]
        );
        check_synth(name, doc, &r["resources"]);
    }
}

#[test]
fn endpoint_config_facts_match_cfn_lints_schema() {
    if !require("cfn-lint (PyPI)", python_has("cfnlint")) {
        return;
    }
    use designer_iac::facts::endpoint_config as facts;
    let out = Command::new("python3")
        .arg(clients().join("cfn_schema.py"))
        .arg(facts::RESOURCE_TYPE)
        .output()
        .expect("run python3");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let s: Value = serde_json::from_slice(&out.stdout).expect("the schema is JSON");
    assert_eq!(s["typeName"], facts::RESOURCE_TYPE);
    assert_eq!(s["required"], json!(facts::REQUIRED));
    let d = &s["definitions"];
    assert_eq!(
        d["ProductionVariant"]["required"],
        json!(facts::VARIANT_REQUIRED)
    );
    let mut serverless: Vec<String> =
        serde_json::from_value(d["ServerlessConfig"]["required"].clone()).unwrap();
    serverless.sort();
    assert_eq!(serverless, facts::SERVERLESS_REQUIRED);
    for p in facts::CREATE_ONLY {
        let want = json!(format!("/properties/{p}"));
        assert!(
            s["createOnlyProperties"]
                .as_array()
                .unwrap()
                .contains(&want),
            "{p}"
        );
    }
    // The members the export writes are the schema's.
    let props = &d["ProductionVariant"]["properties"];
    for m in [
        "VariantName",
        "ModelName",
        "InstanceType",
        "InitialInstanceCount",
        "InitialVariantWeight",
        "ServerlessConfig",
    ] {
        assert!(props.get(m).is_some(), "{m}");
    }
    assert_eq!(
        props.get("AcceleratorType").is_some(),
        facts::HAS_ACCELERATOR_TYPE
    );
    assert_eq!(d["ProductionVariant"]["additionalProperties"], json!(false));
    for m in ["MemorySizeInMB", "MaxConcurrency", "ProvisionedConcurrency"] {
        assert!(d["ServerlessConfig"]["properties"].get(m).is_some(), "{m}");
    }
}
