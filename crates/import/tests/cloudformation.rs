//! CloudFormation `AWS::SageMaker::Endpoint` imports, through the crate's one entry point as
//! the page calls it: the request, the placeholders (path, expression, line), the new fleet
//! from the template's endpoint config, the form and the notes; refusals with their place;
//! no panic on mutated fixtures; a 1 MB template in well under the page's budget.

use designer_core::model::DesignDocument;
use designer_import::{import, Options, Outcome};
use serde_json::json;

mod common;
use common::*;

fn fixture(name: &str) -> String {
    common::fixture(&format!("cloudformation/{name}"))
}

fn request(o: &Outcome) -> serde_json::Value {
    serde_json::to_value(&o.document.request).unwrap_or_default()
}

fn variants(o: &Outcome) -> serde_json::Value {
    serde_json::to_value(&o.document.endpoint.new_variants).unwrap_or_default()
}

fn triples(items: &[(&str, &str, u32)]) -> Vec<(String, String, u32)> {
    items
        .iter()
        .map(|(p, e, l)| (p.to_string(), e.to_string(), *l))
        .collect()
}

#[test]
fn a_sam_template_with_parameters_and_sub_names() {
    let o = read(&fixture("sam-template.yaml"));
    assert_eq!(
        o.form,
        "a CloudFormation `AWS::SageMaker::Endpoint` resource (YAML)"
    );
    assert_eq!(
        request(&o),
        json!({
            "DeploymentConfig": {
                "BlueGreenUpdatePolicy": {
                    "TrafficRoutingConfiguration": {
                        "Type": "CANARY",
                        "WaitIntervalInSeconds": 300,
                        "CanarySize": {"Type": "CAPACITY_PERCENT", "Value": 10}
                    },
                    // Written as the string "120": CloudFormation converts it.
                    "TerminationWaitInSeconds": 120,
                    "MaximumExecutionTimeoutInSeconds": 3600
                },
                "AutoRollbackConfiguration": {"Alarms": [{}, {"AlarmName": "ranker-5xx"}]}
            }
        })
    );
    assert_eq!(
        held(&o),
        triples(&[
            ("EndpointName", "!Sub ${EnvName}-ranker", 44),
            (
                "EndpointConfigName",
                "!GetAtt RankerConfig.EndpointConfigName",
                45
            ),
            (
                "DeploymentConfig.AutoRollbackConfiguration.Alarms[0].AlarmName",
                "!Ref LatencyAlarmName",
                58
            ),
            (
                "Endpoint.NewVariants[0].ModelName",
                "!GetAtt RankerModel.ModelName",
                35
            ),
        ])
    );
    assert_eq!(
        variants(&o),
        json!([{
            "VariantName": "AllTraffic",
            "InstanceType": "ml.g5.xlarge",
            "InitialInstanceCount": 6,
            "InitialVariantWeight": 1.0
        }])
    );
    assert_eq!(o.notes.len(), 3, "{:?}", o.notes);
    assert!(o.notes[0].contains("Tags"), "{:?}", o.notes);
    assert!(o.notes[1].contains("RankerConfig") && o.notes[1].contains("VolumeSizeInGB"));
    // The default of a parameter a placeholder is (`!Ref LatencyAlarmName`) is offered to
    // fill in; one used inside a larger expression (EnvName, in the !Sub) is only said.
    assert!(o.notes[2].ends_with("EnvName = dev."), "{:?}", o.notes);
    let choice = o.choices.iter().find(|c| c.name == "defaults").expect("the defaults are offered");
    assert_eq!(choice.chosen, 0, "left to fill in unless picked");
    assert_eq!(choice.options.len(), 2);
    assert!(choice.options[1].label.contains("LatencyAlarmName = ranker-p99-latency"), "{:?}", choice.options);

    // Picked: the alarm has the default's name, its placeholder is gone, the others stay.
    let options = Options { choices: vec![("defaults".to_string(), 1)] };
    let filled = read_with(&fixture("sam-template.yaml"), &options);
    let alarms = alarms(&filled.document.request);
    assert_eq!(alarms[0].alarm_name.as_deref(), Some("ranker-p99-latency"));
    let left: Vec<_> = held(&filled).into_iter().map(|h| h.0).collect();
    assert_eq!(left, ["EndpointName", "EndpointConfigName", "Endpoint.NewVariants[0].ModelName"]);
    assert!(filled.notes.iter().any(|n| n.starts_with("Filled in with the text's defaults: LatencyAlarmName = ranker-p99-latency")), "{:?}", filled.notes);
    assert_eq!(filled.choices.iter().find(|c| c.name == "defaults").map(|c| c.chosen), Some(1));
}

#[test]
fn a_json_template_with_two_endpoints_imports_the_first_and_names_the_other() {
    let o = read(&fixture("template.json"));
    assert_eq!(
        o.form,
        "a CloudFormation `AWS::SageMaker::Endpoint` resource (JSON)"
    );
    assert_eq!(
        request(&o),
        json!({
            "RetainAllVariantProperties": true,
            "ExcludeRetainedVariantProperties": [{"VariantPropertyType": "DesiredInstanceCount"}],
            "DeploymentConfig": {
                "RollingUpdatePolicy": {
                    "MaximumBatchSize": {"Type": "INSTANCE_COUNT", "Value": 2},
                    "WaitIntervalInSeconds": 600,
                    "MaximumExecutionTimeoutInSeconds": 7200,
                    "RollbackMaximumBatchSize": {"Type": "CAPACITY_PERCENT", "Value": 50}
                }
            }
        })
    );
    assert_eq!(
        held(&o),
        triples(&[
            (
                "EndpointName",
                r#"{"Fn::Join": ["-", ["fraud", {"Ref": "Stage"}]]}"#,
                11
            ),
            ("EndpointConfigName", r#"{"Ref": "ConfigName"}"#, 12),
        ])
    );
    assert_eq!(o.notes.len(), 2, "{:?}", o.notes);
    assert!(o.notes[0].contains("FraudEndpoint") && o.notes[0].contains("FraudShadowEndpoint"));
    assert!(o.notes[1].ends_with("Stage = beta."), "{:?}", o.notes);
    // A parameter is not an endpoint config in the template: the fleet stays as it was.
    assert_eq!(o.document.endpoint, DesignDocument::default().endpoint);
}

#[test]
fn a_resource_alone_with_long_forms_conditions_and_no_value() {
    let o = read(&fixture("resource.yaml"));
    assert_eq!(
        o.form,
        "a CloudFormation `AWS::SageMaker::Endpoint` resource (YAML)"
    );
    assert_eq!(
        request(&o),
        json!({
            "EndpointName": "churn-scorer",
            "DeploymentConfig": {
                "BlueGreenUpdatePolicy": {
                    "TrafficRoutingConfiguration": {"Type": "ALL_AT_ONCE"},
                    "TerminationWaitInSeconds": 0
                }
            },
            "RetainDeploymentConfig": false
        })
    );
    assert_eq!(
        held(&o),
        triples(&[
            ("EndpointConfigName", "Fn::GetAtt: [ChurnConfig, EndpointConfigName]", 6),
            (
                "DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration.WaitIntervalInSeconds",
                "!If [IsProd, 600, 120]",
                12
            ),
            (
                "DeploymentConfig.AutoRollbackConfiguration",
                "!If [IsProd, {Alarms: [{AlarmName: churn-errors}]}, !Ref AWS::NoValue]",
                14
            ),
        ])
    );
}

#[test]
fn just_the_properties() {
    let o = read(&fixture("properties.yaml"));
    assert_eq!(
        o.form,
        "the Properties of a CloudFormation `AWS::SageMaker::Endpoint` (YAML)"
    );
    assert_eq!(
        request(&o)["DeploymentConfig"]["BlueGreenUpdatePolicy"]["TrafficRoutingConfiguration"],
        json!({"Type": "LINEAR", "WaitIntervalInSeconds": 180,
               "LinearStepSize": {"Type": "CAPACITY_PERCENT", "Value": 20}})
    );
    assert_eq!(
        held(&o),
        triples(&[
            ("EndpointName", "!Ref EndpointName", 1),
            ("EndpointConfigName", "!Ref NewConfigName", 2),
        ])
    );
}

#[test]
fn yaml_properties_without_intrinsics_read_as_a_cli_input_yaml_request() {
    let o = read(
        "EndpointName: orders\nEndpointConfigName: orders-v2\nRetainAllVariantProperties: true\n",
    );
    assert_eq!(
        o.form,
        "a request in YAML (--cli-input-yaml, or an endpoint's CloudFormation Properties)"
    );
    assert_eq!(
        request(&o),
        json!({"EndpointName": "orders", "EndpointConfigName": "orders-v2", "RetainAllVariantProperties": true})
    );
}

#[test]
fn json_properties_with_a_ref_are_cloudformation_not_a_bad_request() {
    let o = read(r#"{"EndpointName": {"Ref": "Name"}, "EndpointConfigName": "cfg-2"}"#);
    assert_eq!(
        o.form,
        "the Properties of a CloudFormation `AWS::SageMaker::Endpoint` (JSON)"
    );
    assert_eq!(request(&o), json!({"EndpointConfigName": "cfg-2"}));
    assert_eq!(
        held(&o),
        triples(&[("EndpointName", r#"{"Ref": "Name"}"#, 1)])
    );
}

#[test]
fn a_sub_without_variables_is_its_string_and_the_design_keeps_its_simulation() {
    let mut current = DesignDocument::default();
    current.simulation.provisioning_seconds = 420;
    let text = "Type: AWS::SageMaker::Endpoint\nProperties:\n  EndpointConfigName: !Sub cfg-v2\n  EndpointName: !Sub 'orders-${!Literal}'\n";
    let o = import(text, &current, &Options::default())
        .unwrap_or_else(|r| panic!("{}", r.error.message));
    assert_eq!(
        request(&o),
        json!({"EndpointConfigName": "cfg-v2", "EndpointName": "orders-${Literal}"})
    );
    assert!(o.document.placeholders.is_empty());
    assert_eq!(o.document.simulation.provisioning_seconds, 420);
}

#[test]
fn an_endpoint_config_found_by_its_literal_name_fills_the_fleet() {
    let text = "\
Resources:
  Cfg:
    Type: AWS::SageMaker::EndpointConfig
    Properties:
      EndpointConfigName: orders-v4
      ProductionVariants:
        - {VariantName: a, ModelName: m, InstanceType: ml.c5.large, InitialInstanceCount: '3'}
        - VariantName: b
          ModelName: m2
          ServerlessConfig: {MemorySizeInMB: 2048, MaxConcurrency: 5}
  Ep:
    Type: AWS::SageMaker::Endpoint
    Properties:
      EndpointConfigName: orders-v4
";
    let o = read(text);
    assert_eq!(
        variants(&o),
        json!([
            {"VariantName": "a", "ModelName": "m", "InstanceType": "ml.c5.large", "InitialInstanceCount": 3},
            {"VariantName": "b", "ModelName": "m2", "ServerlessConfig": {"MemorySizeInMB": 2048, "MaxConcurrency": 5}}
        ])
    );
    assert!(o.notes.iter().any(|n| n.contains("Cfg")), "{:?}", o.notes);
}

#[test]
fn resource_lines_copied_out_of_a_template_with_their_indentation_and_crlf() {
    let text = "  OrdersEndpoint:\r\n    Type: AWS::SageMaker::Endpoint\r\n    Properties:\r\n      EndpointConfigName: orders-v9\r\n      RetainDeploymentConfig: true\r\n";
    let o = read(text);
    assert_eq!(
        o.form,
        "a CloudFormation `AWS::SageMaker::Endpoint` resource (YAML)"
    );
    assert_eq!(
        request(&o),
        json!({"EndpointConfigName": "orders-v9", "RetainDeploymentConfig": true})
    );
}

#[test]
fn a_serverless_framework_file_nests_the_template_under_resources() {
    let text = "service: ranker\nprovider:\n  name: aws\nresources:\n  Resources:\n    Ep:\n      Type: AWS::SageMaker::Endpoint\n      Properties:\n        EndpointName: ${self:service}-${sls:stage}\n        EndpointConfigName: !GetAtt Cfg.EndpointConfigName\n";
    let o = read(text);
    assert_eq!(request(&o), json!({}));
    assert_eq!(
        held(&o),
        triples(&[
            // A Serverless Framework variable, not a literal name.
            ("EndpointName", "${self:service}-${sls:stage}", 9),
            ("EndpointConfigName", "!GetAtt Cfg.EndpointConfigName", 10),
        ])
    );
}

#[test]
fn an_unknown_property_is_refused_with_its_path_and_place() {
    let r = refusal(&fixture("unknown-property.yaml"));
    assert_eq!(
        r.error.path.as_deref(),
        Some("DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfig")
    );
    assert_eq!((r.error.line, r.error.column), (Some(8), Some(11)));
    assert!(
        r.error.message.contains("TrafficRoutingConfiguration"),
        "{}",
        r.error.message
    );
    assert!(r.error.message.contains("line 8, column 11"));
}

#[test]
fn bad_indentation_is_refused_at_its_line() {
    let r = refusal(&fixture("bad-indent.yaml"));
    assert_eq!(r.error.line, Some(9), "{}", r.error.message);
    assert!(
        r.error.message.contains("indentation"),
        "{}",
        r.error.message
    );
}

#[test]
fn refusals_say_what_the_text_is_instead() {
    let r = refusal(
        "Resources:\n  Cfg:\n    Type: AWS::SageMaker::EndpointConfig\n    Properties: {}\n",
    );
    assert!(
        r.error
            .message
            .contains("no AWS::SageMaker::Endpoint resource"),
        "{}",
        r.error.message
    );
    assert!(r
        .error
        .message
        .contains("Cfg (AWS::SageMaker::EndpointConfig)"));

    let r = refusal(
        "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n",
    );
    assert!(
        r.error.message.contains("Q (AWS::SQS::Queue)"),
        "{}",
        r.error.message
    );

    let r =
        refusal("Type: AWS::SageMaker::EndpointConfig\nProperties:\n  ProductionVariants: []\n");
    assert!(r
        .error
        .message
        .contains("This is an AWS::SageMaker::EndpointConfig resource"));

    let r = refusal("Type: AWS::SageMaker::Endpoint\n");
    assert!(
        r.error.message.contains("has no Properties"),
        "{}",
        r.error.message
    );

    let r = refusal("Base: &b {EndpointConfigName: x}\nEndpointName: *b\nDeploymentConfig: {}\n");
    assert!(r.error.message.contains("alias"), "{}", r.error.message);
    assert_eq!(r.error.line, Some(2));

    // A wrong type gets botocore's words, at the value's place.
    let r = refusal("EndpointConfigName: c\nRetainAllVariantProperties: sometimes\n");
    assert_eq!(r.error.path.as_deref(), Some("RetainAllVariantProperties"));
    assert_eq!(r.error.line, Some(2));
}

#[test]
fn deep_nesting_is_refused_not_a_stack_overflow() {
    for text in [
        format!(
            "EndpointConfigName: x\nDeploymentConfig: {}{}",
            "[".repeat(100_000),
            "]".repeat(100_000)
        ),
        format!(
            "Type: AWS::SageMaker::Endpoint\nProperties:\n{}",
            (0..200)
                .map(|d| format!("{}k{d}:\n", " ".repeat(d * 2 + 2)))
                .collect::<String>()
        ),
        format!(
            "{{\"EndpointConfigName\": {{\"Ref\": {}{}}}}}",
            "[".repeat(50_000),
            "]".repeat(50_000)
        ),
    ] {
        assert!(import(&text, &DesignDocument::default(), &Options::default()).is_err());
    }
}

const PIECES: &[&str] = &[
    "{", "}", "[", "]", ":", "- ", "!Ref ", "\n", "  ", "\t", "\"", "'", "&a", "*a", "|", "é",
    "Fn::", "#",
];

#[test]
fn mutated_templates_never_panic() {
    let fixtures = [
        "sam-template.yaml",
        "template.json",
        "resource.yaml",
        "properties.yaml",
        "unknown-property.yaml",
        "bad-indent.yaml",
    ];
    let mut rng = Rng(0x5eed_cf01);
    let current = DesignDocument::default();
    let mut imported = 0;
    // FUZZ_CASES (as scripts/fuzz-long.sh sets it) spreads a longer run over the fixtures.
    let cases = std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse::<usize>().ok())
        .map_or(400, |n| n / fixtures.len());
    for name in fixtures {
        let text = fixture(name);
        for _ in 0..cases {
            let m = mutate(&text, &mut rng, PIECES);
            if import(&m, &current, &Options::default()).is_ok() {
                imported += 1;
            }
        }
    }
    // The mutations are small: many texts still import, so the walk past parsing is covered.
    assert!(imported > 100, "only {imported} mutated texts imported");
    // Texts made of the pieces alone, after a head that makes this form's reader take them.
    for _ in 0..cases {
        let mut text =
            String::from("Resources:\n  E:\n    Type: AWS::SageMaker::Endpoint\n    Properties:\n");
        for _ in 0..rng.below(60) {
            text.push_str(PIECES[rng.below(PIECES.len())]);
            if rng.below(3) == 0 {
                text.push_str(["a", " 1", " x:", "\n  ", "\"s\""][rng.below(5)]);
            }
        }
        let _ = import(&text, &current, &Options::default());
    }
}

#[test]
fn a_one_megabyte_template_reads_quickly() {
    // A big stack: thousands of other resources before the endpoint.
    let pad: String = (0..16_000)
        .map(|n| format!("  Topic{n}:\n    Type: AWS::SNS::Topic\n    Properties: {{TopicName: !Sub '${{Env}}-t{n}'}}\n"))
        .collect();
    let text = fixture("sam-template.yaml").replace("Resources:\n", &format!("Resources:\n{pad}"));
    assert!(text.len() > 1_000_000, "{}", text.len());
    let started = std::time::Instant::now();
    let o = read(&text);
    let took = started.elapsed();
    assert_eq!(o.document.endpoint.new_variants.len(), 1);
    println!("1 MB CloudFormation template: {took:?}");
    // The release build (scripts/test.sh) must stay far below this; a debug build on a
    // shared machine gets more room.
    let budget = if cfg!(debug_assertions) { 30.0 } else { 5.0 };
    assert!(took.as_secs_f64() < budget, "took {took:?}");
}
