//! What a user sees in each export: the Step Functions state's parameters are the request,
//! every export names its file, and a design with placeholders says plainly in every
//! language that it is incomplete, with each missing value as that language's fill-in marker.

mod common;

use common::*;
use designer_iac::{export, Options, Target};
use serde_json::Value;

fn options(whole: bool) -> Options {
    Options {
        whole_template: whole,
        ..Options::default()
    }
}

#[test]
fn step_functions_parameters_are_the_request() {
    let mut cases: Vec<(String, designer_core::model::DesignDocument)> = designs()
        .into_iter()
        .map(|(n, d)| (n.to_string(), d))
        .collect();
    cases.extend(hostile_designs());
    for (name, d) in cases {
        for whole in [true, false] {
            let text = export(Target::StepFunctions, &d, &options(whole)).text;
            let v: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
            let state = if whole {
                assert_eq!(v["StartAt"], "UpdateEndpoint");
                &v["States"]["UpdateEndpoint"]
            } else {
                &v
            };
            assert_eq!(state["Type"], "Task");
            assert_eq!(
                state["Resource"],
                "arn:aws:states:::sagemaker:updateEndpoint"
            );
            assert_eq!(state["End"], true);
            assert_eq!(state["Parameters"], expected(&d), "{name}");
        }
    }
}

#[test]
fn every_export_names_its_file() {
    let d = designs()[1].1.clone();
    let names: Vec<String> = Target::ALL
        .iter()
        .map(|t| export(*t, &d, &options(true)).filename)
        .collect();
    assert_eq!(
        names,
        [
            "sagemaker-endpoint.yaml",
            "sagemaker-endpoint.json",
            "sagemaker_endpoint.tf",
            "sagemaker_endpoint_awscc.tf",
            "sagemaker-endpoint.ts",
            "sagemaker_endpoint.py",
            "update-endpoint.asl.json",
            "update-endpoint-policy.json",
        ]
    );
    assert_eq!(
        export(Target::CloudFormationYaml, &d, &options(false)).filename,
        "sagemaker-endpoint-resource.yaml"
    );
}

#[test]
fn exports_without_placeholders_do_not_say_fill_in() {
    for (name, d) in designs() {
        for t in Target::ALL {
            let text = export(*t, &d, &options(true)).text;
            for word in ["INCOMPLETE", "FILL IN", "FillIn", "fill_in", "fillIn"] {
                assert!(!text.contains(word), "{name} {t:?} says {word}:\n{text}");
            }
        }
    }
}

#[test]
fn placeholders_are_each_languages_fill_in_marker() {
    let d = with_placeholders();
    let paths = [
        "EndpointName",
        "DeploymentConfig.AutoRollbackConfiguration.Alarms[0].AlarmName",
        "DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration.WaitIntervalInSeconds",
    ];
    let text = |t: Target, whole: bool| export(t, &d, &options(whole)).text;

    // CloudFormation: parameters without defaults, referenced where the values belong.
    let json: Value = serde_json::from_str(&text(Target::CloudFormationJson, true)).unwrap();
    assert!(json["Description"]
        .as_str()
        .unwrap()
        .starts_with("INCOMPLETE"));
    let params = json["Parameters"].as_object().unwrap();
    assert_eq!(params.len(), 3);
    assert_eq!(params["FillInEndpointName"]["Type"], "String");
    assert!(params["FillInEndpointName"].get("Default").is_none());
    assert_eq!(
        params["FillInDeploymentConfigBlueGreenUpdatePolicyTrafficRoutingConfigurationWaitIntervalInSeconds"]["Type"],
        "Number"
    );
    let props = &json["Resources"]["Endpoint"]["Properties"];
    assert_eq!(props["EndpointName"]["Ref"], "FillInEndpointName");
    assert_eq!(
        props["DeploymentConfig"]["AutoRollbackConfiguration"]["Alarms"][0]["AlarmName"]["Ref"],
        "FillInDeploymentConfigAutoRollbackConfigurationAlarms0AlarmName"
    );
    let yaml = text(Target::CloudFormationYaml, true);
    assert!(yaml.starts_with("# INCOMPLETE"), "{yaml}");
    let alone: Value = serde_json::from_str(&text(Target::CloudFormationJson, false)).unwrap();
    assert_eq!(
        alone["Endpoint"]["Metadata"]["Incomplete"]
            .as_array()
            .unwrap()
            .len(),
        3
    );

    // Terraform: variables without defaults.
    for t in [Target::Terraform, Target::TerraformAwscc] {
        let hcl = text(t, true);
        assert!(hcl.starts_with("# INCOMPLETE"), "{hcl}");
        assert!(
            hcl.contains("variable \"fill_in_endpoint_name\" {"),
            "{hcl}"
        );
        assert!(hcl.contains("= var.fill_in_endpoint_name\n"), "{hcl}");
        assert!(hcl.contains("type        = number"), "{hcl}");
        assert!(!hcl.contains("  default"), "{hcl}");
    }

    // CDK: a call that stops the app, in place of each value.
    let ts = text(Target::CdkTypeScript, true);
    assert!(ts.contains("\n// INCOMPLETE"), "{ts}");
    assert!(
        ts.contains("function fillIn(path: string, importedAs: string): never {"),
        "{ts}"
    );
    assert!(
        ts.contains("endpointName: fillIn(\"EndpointName\", "),
        "{ts}"
    );
    let py = text(Target::CdkPython, true);
    assert!(py.contains("\n# INCOMPLETE"), "{py}");
    assert!(
        py.contains("endpoint_name=fill_in(\"EndpointName\", "),
        "{py}"
    );

    // Step Functions: read from the execution input, and the comment says so.
    let sfn: Value = serde_json::from_str(&text(Target::StepFunctions, true)).unwrap();
    let state = &sfn["States"]["UpdateEndpoint"];
    assert!(state["Comment"].as_str().unwrap().starts_with("INCOMPLETE"));
    assert_eq!(state["Parameters"]["EndpointName.$"], "$.EndpointName");
    assert_eq!(
        state["Parameters"]["DeploymentConfig"]["AutoRollbackConfiguration"]["Alarms"][0]
            ["AlarmName.$"],
        "$.DeploymentConfig.AutoRollbackConfiguration.Alarms[0].AlarmName"
    );

    // IAM: a name that matches no endpoint (SageMaker's ARNs are lower case).
    let iam = text(Target::IamPolicy, true);
    assert!(iam.contains(":endpoint/FILL_IN_ENDPOINT_NAME"), "{iam}");
    assert!(iam.contains(":alarm:FILL_IN_ALARM_NAME_0"), "{iam}");

    // Each path is named where the export says what to fill in.
    for t in Target::ALL.iter().filter(|t| **t != Target::IamPolicy) {
        let out = text(*t, true);
        for p in paths {
            assert!(out.contains(p), "{t:?} does not name {p}:\n{out}");
        }
    }
}
