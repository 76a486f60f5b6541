//! Terraform `aws_sagemaker_endpoint` / `awscc_sagemaker_endpoint` imports, through the
//! crate's one entry point as the page calls it: the request, the placeholders (path,
//! expression, line), the new fleet from the endpoint configuration, the form and the notes;
//! refusals with their place; no panic on mutated fixtures; a 1 MB module read quickly.

use designer_core::model::DesignDocument;
use designer_import::{import, Options, Outcome};
use serde_json::json;

mod common;
use common::*;

fn fixture(name: &str) -> String {
    common::fixture(&format!("terraform/{name}"))
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
fn a_module_with_variables_locals_a_dynamic_block_and_its_endpoint_configuration() {
    let o = read(&fixture("module.tf"));
    assert_eq!(o.form, "a Terraform `aws_sagemaker_endpoint` block");
    assert_eq!(
        request(&o),
        json!({
            "DeploymentConfig": {
                "BlueGreenUpdatePolicy": {
                    "TrafficRoutingConfiguration": {
                        "Type": "LINEAR",
                        "LinearStepSize": {"Type": "CAPACITY_PERCENT", "Value": 25}
                    },
                    "TerminationWaitInSeconds": 0
                },
                "AutoRollbackConfiguration": {}
            }
        })
    );
    let bg = "DeploymentConfig.BlueGreenUpdatePolicy";
    assert_eq!(
        held(&o),
        triples(&[
            ("EndpointName", "\"${local.name_prefix}-endpoint\"", 57),
            (
                "EndpointConfigName",
                "aws_sagemaker_endpoint_configuration.this.name",
                58
            ),
            (
                &format!("{bg}.TrafficRoutingConfiguration.WaitIntervalInSeconds"),
                "var.linear_wait_seconds",
                64
            ),
            (
                &format!("{bg}.MaximumExecutionTimeoutInSeconds"),
                "local.timeout",
                71
            ),
            (
                "DeploymentConfig.AutoRollbackConfiguration.Alarms",
                "dynamic \"alarms\" for_each = var.alarm_names",
                76
            ),
            (
                "Endpoint.NewVariants[0].ModelName",
                "aws_sagemaker_model.recs.name",
                37
            ),
            (
                "Endpoint.NewVariants[1].ModelName",
                "aws_sagemaker_model.recs.name",
                45
            ),
        ])
    );
    assert_eq!(
        variants(&o),
        json!([
            {"VariantName": "blue", "InstanceType": "ml.c5.2xlarge", "InitialInstanceCount": 4, "InitialVariantWeight": 1.0},
            // "2" is a number as Terraform converts it.
            {"VariantName": "shadow", "InstanceType": "ml.c5.xlarge", "InitialInstanceCount": 2, "InitialVariantWeight": 0.5}
        ])
    );
    assert_eq!(o.notes.len(), 2, "{:?}", o.notes);
    assert!(o.notes[0].contains("tags, lifecycle"), "{:?}", o.notes);
    assert!(o.notes[1].contains("aws_sagemaker_endpoint_configuration.this"));
    assert!(o.notes[1].contains("container_startup_health_check_timeout_in_seconds"));
    // The placeholders' variables with literal defaults are offered to fill in
    // (alarm_names' default is a list, local.timeout an expression: neither is).
    let choice = o.choices.iter().find(|c| c.name == "defaults").expect("the defaults are offered");
    assert_eq!(choice.options[1].label, "fill in the defaults (var.linear_wait_seconds = 300)");
}

#[test]
fn repeated_alarms_blocks_and_numbers_written_as_strings() {
    let o = read(&fixture("alarms.tf"));
    assert_eq!(
        request(&o),
        json!({
            "EndpointName": "fraud-detector",
            "EndpointConfigName": "fraud-detector-v7",
            "DeploymentConfig": {
                "RollingUpdatePolicy": {
                    "MaximumBatchSize": {"Type": "INSTANCE_COUNT", "Value": 1},
                    "WaitIntervalInSeconds": 600,
                    "MaximumExecutionTimeoutInSeconds": 3600,
                    "RollbackMaximumBatchSize": {"Type": "CAPACITY_PERCENT", "Value": 100}
                },
                "AutoRollbackConfiguration": {"Alarms": [
                    {"AlarmName": "fraud-detector-5xx"},
                    {"AlarmName": "fraud-detector-latency"},
                    {}
                ]}
            }
        })
    );
    assert_eq!(
        held(&o),
        triples(&[(
            "DeploymentConfig.AutoRollbackConfiguration.Alarms[2].AlarmName",
            "aws_cloudwatch_metric_alarm.model_errors.alarm_name",
            27
        )])
    );
    assert_eq!(o.notes.len(), 1);
    assert!(
        o.notes[0].contains("aws_sagemaker_endpoint.fraud_canary"),
        "{:?}",
        o.notes
    );
}

#[test]
fn an_awscc_resource_with_objects_in_attributes() {
    let o = read(&fixture("awscc.tf"));
    assert_eq!(o.form, "a Terraform `awscc_sagemaker_endpoint` block");
    assert_eq!(
        request(&o),
        json!({
            "EndpointName": "search",
            "RetainAllVariantProperties": true,
            "ExcludeRetainedVariantProperties": [
                {"VariantPropertyType": "DesiredInstanceCount"},
                {"VariantPropertyType": "DesiredWeight"}
            ],
            "DeploymentConfig": {
                "BlueGreenUpdatePolicy": {
                    "TrafficRoutingConfiguration": {
                        "Type": "CANARY",
                        "WaitIntervalInSeconds": 600,
                        "CanarySize": {"Type": "INSTANCE_COUNT", "Value": 1}
                    },
                    "TerminationWaitInSeconds": 300,
                    "MaximumExecutionTimeoutInSeconds": 1800
                },
                "AutoRollbackConfiguration": {"Alarms": [
                    {"AlarmName": "search-errors"}, {"AlarmName": "search-latency"}
                ]}
            },
            "RetainDeploymentConfig": false
        })
    );
    assert_eq!(
        variants(&o),
        json!([{"VariantName": "primary", "ModelName": "search-v12-model", "InstanceType": "ml.m5.2xlarge",
                "InitialInstanceCount": 3, "InitialVariantWeight": 1.0}])
    );
    assert!(
        o.notes.iter().any(|n| n.contains("volume_size_in_gb")),
        "{:?}",
        o.notes
    );
}

#[test]
fn a_go_provider_test_template_with_verbs() {
    let o = read(&fixture("provider_test.go"));
    assert_eq!(
        o.form,
        "a Terraform `aws_sagemaker_endpoint` block in a Go test template"
    );
    assert_eq!(
        request(&o),
        json!({
            "DeploymentConfig": {
                "BlueGreenUpdatePolicy": {
                    "TrafficRoutingConfiguration": {"Type": "ALL_AT_ONCE"},
                    "MaximumExecutionTimeoutInSeconds": 600
                },
                "AutoRollbackConfiguration": {"Alarms": [{}]}
            }
        })
    );
    assert_eq!(
        held(&o),
        triples(&[
            ("EndpointConfigName", "aws_sagemaker_endpoint_configuration.test.name", 4),
            ("EndpointName", "%[1]q", 5),
            (
                "DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration.WaitIntervalInSeconds",
                "%[2]d",
                11
            ),
            ("DeploymentConfig.AutoRollbackConfiguration.Alarms[0].AlarmName", "\"%[1]s-alarm\"", 18),
        ])
    );
    let name = &o.document.placeholders[1];
    assert_eq!((name.line, name.column), (Some(5), Some(26)));
}

#[test]
fn json_syntax_as_cdk_for_terraform_synthesizes_it() {
    let o = read(&fixture("cdktf.tf.json"));
    assert_eq!(
        o.form,
        "a Terraform `aws_sagemaker_endpoint` block in JSON syntax (.tf.json)"
    );
    assert_eq!(
        request(&o),
        json!({
            "EndpointName": "ranker",
            "DeploymentConfig": {
                "BlueGreenUpdatePolicy": {
                    "TrafficRoutingConfiguration": {
                        "Type": "CANARY",
                        "WaitIntervalInSeconds": 600,
                        "CanarySize": {"Type": "CAPACITY_PERCENT", "Value": 20}
                    },
                    "TerminationWaitInSeconds": 300
                },
                "AutoRollbackConfiguration": {"Alarms": [{"AlarmName": "ranker-errors"}]}
            }
        })
    );
    assert_eq!(
        held(&o),
        triples(&[
            (
                "EndpointConfigName",
                "\"${aws_sagemaker_endpoint_configuration.ranker_config.name}\"",
                26
            ),
            (
                "Endpoint.NewVariants[0].ModelName",
                "\"${aws_sagemaker_model.ranker.name}\"",
                15
            ),
        ])
    );
    assert_eq!(
        variants(&o),
        json!([{"VariantName": "v3", "InstanceType": "ml.g5.2xlarge", "InitialInstanceCount": 2}])
    );
}

#[test]
fn windows_line_endings_read_the_same() {
    let text = fixture("alarms.tf").replace('\n', "\r\n");
    let o = read(&text);
    assert_eq!(request(&o), request(&read(&fixture("alarms.tf"))));
    assert_eq!(o.document.placeholders[0].line, Some(27));
}

#[test]
fn a_deployment_config_block_alone() {
    let o = read(&fixture("deployment_config.tf"));
    assert_eq!(o.form, "a Terraform `deployment_config` block");
    assert_eq!(
        request(&o),
        json!({"DeploymentConfig": {"BlueGreenUpdatePolicy": {"TrafficRoutingConfiguration": {
            "Type": "CANARY", "WaitIntervalInSeconds": 120,
            "CanarySize": {"Type": "CAPACITY_PERCENT", "Value": 5}}}}})
    );
}

#[test]
fn expressions_of_every_kind_are_placeholders_and_null_is_unset() {
    let text = r#"
resource "aws_sagemaker_endpoint" "e" {
  name                 = format("%s-ep", var.env)
  endpoint_config_name = var.prod ? "big" : "small"
  deployment_config {
    blue_green_update_policy {
      traffic_routing_configuration {
        type                     = upper("canary")
        wait_interval_in_seconds = 60 * 5
        canary_size {
          type  = "INSTANCE_COUNT"
          value = null
        }
      }
      termination_wait_in_seconds = (30)
    }
  }
}
"#;
    let o = read(text);
    let routing = "DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration";
    assert_eq!(
        held(&o),
        triples(&[
            ("EndpointName", "format(\"%s-ep\", var.env)", 3),
            ("EndpointConfigName", "var.prod ? \"big\" : \"small\"", 4),
            (&format!("{routing}.Type"), "upper(\"canary\")", 8),
            (&format!("{routing}.WaitIntervalInSeconds"), "60 * 5", 9),
        ])
    );
    assert_eq!(
        request(&o)["DeploymentConfig"]["BlueGreenUpdatePolicy"],
        json!({"TrafficRoutingConfiguration": {"CanarySize": {"Type": "INSTANCE_COUNT"}}, "TerminationWaitInSeconds": 30})
    );
}

#[test]
fn a_heredoc_without_interpolation_is_its_text() {
    let text = "resource \"awscc_sagemaker_endpoint\" \"h\" {\n  endpoint_config_name = <<-EOT\n    cfg-9\n  EOT\n}\n";
    let o = read(text);
    assert_eq!(request(&o)["EndpointConfigName"], json!("cfg-9\n"));
}

#[test]
fn a_missing_brace_is_refused_at_the_block_left_open() {
    let r = refusal(&fixture("missing-brace.tf"));
    assert_eq!(r.error.line, Some(7), "{}", r.error.message);
    assert!(
        r.error.message.contains("traffic_routing_configuration"),
        "{}",
        r.error.message
    );
    assert!(r.error.message.contains("never closed"));
    // The one-click repair closes that block where its arguments end, and reads.
    let repair = r.repair.unwrap_or_else(|| panic!("no repair offered"));
    assert_eq!(
        repair.label,
        "Add the missing `}` of `traffic_routing_configuration` at line 10"
    );
    assert!(repair
        .text
        .contains("wait_interval_in_seconds = 60\n      }\n\n      maximum_execution"));
    let o = read(&repair.text);
    assert_eq!(
        request(&o)["DeploymentConfig"]["BlueGreenUpdatePolicy"],
        json!({"TrafficRoutingConfiguration": {"Type": "ALL_AT_ONCE", "WaitIntervalInSeconds": 60},
               "MaximumExecutionTimeoutInSeconds": 900})
    );
}

#[test]
fn refusals_name_the_argument_and_its_place_in_terraform_spelling() {
    let text = "resource \"aws_sagemaker_endpoint\" \"e\" {\n  endpoint_config_name = \"c\"\n  deployment_config {\n    blue_green_update_policy {\n      wait_interval_in_seconds = 60\n    }\n  }\n}\n";
    let r = refusal(text);
    assert_eq!((r.error.line, r.error.column), (Some(5), Some(7)));
    assert_eq!(
        r.error.path.as_deref(),
        Some("DeploymentConfig.BlueGreenUpdatePolicy.WaitIntervalInSeconds")
    );
    assert!(
        r.error.message.contains("\"wait_interval_in_seconds\""),
        "{}",
        r.error.message
    );
    assert!(
        r.error.message.contains("traffic_routing_configuration"),
        "{}",
        r.error.message
    );

    let twice = "resource \"aws_sagemaker_endpoint\" \"e\" {\n  deployment_config {}\n  deployment_config {}\n}\n";
    let r = refusal(twice);
    assert_eq!(r.error.line, Some(3));
    assert!(r.error.message.contains("twice"), "{}", r.error.message);

    let r = refusal("resource \"aws_sagemaker_endpoint_configuration\" \"c\" {\n  name = \"x\"\n}\nresource \"aws_sagemaker_endpoint\" \"e\" {\n  endpoint_config_name = \"x\"\n  retain = true\n}\n");
    assert_eq!(r.error.line, Some(6));

    let r = refusal("resource \"aws_sagemaker_endpoint\" \"e\" {\n  name = \"a\"\n}\n}\n");
    assert_eq!(r.error.line, Some(4), "{}", r.error.message);
    assert!(
        r.error.message.contains("closes nothing"),
        "{}",
        r.error.message
    );
}

#[test]
fn wrong_values_and_missing_endpoints_are_refused_in_terraform_terms() {
    let text = fixture("alarms.tf").replace("value = \"1\"", "value = \"one\"");
    let r = refusal(&text);
    assert!(
        r.error
            .message
            .starts_with("deployment_config.rolling_update_policy.maximum_batch_size.value: "),
        "{}",
        r.error.message
    );
    assert_eq!((r.error.line, r.error.column), (Some(9), Some(17)));

    let r =
        refusal("variable \"x\" {}\nresource \"aws_sagemaker_model\" \"m\" {\n  name = \"m\"\n}\n");
    assert!(
        r.error
            .message
            .contains("no resource \"aws_sagemaker_endpoint\"")
            && r.error.message.contains("aws_sagemaker_model.m"),
        "{}",
        r.error.message
    );
}

#[test]
fn a_dynamic_block_beside_static_alarms_is_one_more_alarm_to_fill_in() {
    let text = "resource \"aws_sagemaker_endpoint\" \"e\" {\n  deployment_config {\n    auto_rollback_configuration {\n      alarms {\n        alarm_name = \"static\"\n      }\n      dynamic \"alarms\" {\n        for_each = local.extra\n        content {\n          alarm_name = alarms.value\n        }\n      }\n    }\n  }\n}\n";
    let o = read(text);
    assert_eq!(
        request(&o)["DeploymentConfig"]["AutoRollbackConfiguration"],
        json!({"Alarms": [{"AlarmName": "static"}, {}]})
    );
    assert_eq!(
        held(&o),
        triples(&[(
            "DeploymentConfig.AutoRollbackConfiguration.Alarms[1].AlarmName",
            "dynamic \"alarms\" for_each = local.extra",
            7
        )])
    );
}

#[test]
fn backticks_in_a_heredoc_are_not_a_go_template() {
    let text = "resource \"aws_sagemaker_endpoint\" \"e\" {\n  name = \"docs\"\n  endpoint_config_name = \"c\"\n  tags = {\n    Note = <<-EOT\n      Use `terraform apply`; return here after.\n    EOT\n  }\n}\n";
    let o = read(text);
    assert_eq!(o.form, "a Terraform `aws_sagemaker_endpoint` block");
    assert_eq!(
        request(&o),
        json!({"EndpointName": "docs", "EndpointConfigName": "c"})
    );
}

#[test]
fn a_module_with_count_refers_to_its_configuration_by_index() {
    let text = "resource \"aws_sagemaker_endpoint_configuration\" \"this\" {\n  count = var.create ? 1 : 0\n  production_variants {\n    variant_name = \"only\"\n    instance_type = \"ml.t2.medium\"\n    initial_instance_count = 1\n  }\n}\nresource \"aws_sagemaker_endpoint\" \"this\" {\n  count = var.create ? 1 : 0\n  endpoint_config_name = aws_sagemaker_endpoint_configuration.this[0].name\n}\n";
    let o = read(text);
    assert_eq!(
        variants(&o),
        json!([{"VariantName": "only", "InstanceType": "ml.t2.medium", "InitialInstanceCount": 1}])
    );
    assert!(o.notes.iter().any(|n| n.contains("count")), "{:?}", o.notes);
}

#[test]
fn the_aws_provider_has_no_retain_arguments_and_the_note_says_so() {
    let o = read("resource \"aws_sagemaker_endpoint\" \"e\" {\n  name = \"a\"\n  endpoint_config_name = \"b\"\n  retain_all_variant_properties = \"true\"\n}\n");
    assert_eq!(request(&o)["RetainAllVariantProperties"], json!(true));
    assert!(
        o.notes
            .iter()
            .any(|n| n.contains("retain_all_variant_properties")),
        "{:?}",
        o.notes
    );
}

#[test]
fn hcl_as_people_write_it_one_line_blocks_comments_and_odd_strings() {
    let text = r#"
/* Shared endpoint
   for the batch team */
resource "aws_sagemaker_endpoint" "batch" { // inline comment
  name = "batch-#1 {x}" # a hash and braces inside a string
  endpoint_config_name = "cfg-\"q\"-\u00e9"
  deployment_config {
    auto_rollback_configuration {
      alarms { alarm_name = "a-1" }
      alarms {
        alarm_name = join("-", [
          "b",
          var.suffix,
        ])
      }
    }
    rolling_update_policy {
      maximum_batch_size {
        type = "CAPACITY_PERCENT"
        value = 10
      }
      wait_interval_in_seconds = 1.2e2
    }
  }
}
"#;
    let o = read(text);
    assert_eq!(
        request(&o),
        json!({
            "EndpointName": "batch-#1 {x}",
            "EndpointConfigName": "cfg-\"q\"-é",
            "DeploymentConfig": {
                "AutoRollbackConfiguration": {"Alarms": [{"AlarmName": "a-1"}, {}]},
                "RollingUpdatePolicy": {
                    "MaximumBatchSize": {"Type": "CAPACITY_PERCENT", "Value": 10},
                    // 1.2e2 is a whole number: Terraform takes it where an integer is due.
                    "WaitIntervalInSeconds": 120
                }
            }
        })
    );
    assert_eq!(
        held(&o)[0],
        (
            "DeploymentConfig.AutoRollbackConfiguration.Alarms[1].AlarmName".to_string(),
            "join(\"-\", [ \"b\", var.suffix, ])".to_string(),
            11
        )
    );
    // A string that is not a number where an integer is due: the walk says so, at its place.
    let text = text.replace("1.2e2", "\"abc\"");
    let r = refusal(&text);
    assert_eq!(r.error.line, Some(22));
    assert_eq!(
        r.error.path.as_deref(),
        Some("DeploymentConfig.RollingUpdatePolicy.WaitIntervalInSeconds")
    );
}

#[test]
fn syntax_errors_say_what_and_where() {
    let cases: &[(&str, u32, &str)] = &[
        (
            "resource \"aws_sagemaker_endpoint\" \"e\" {\n  name = \"open\n}\n",
            2,
            "string",
        ),
        (
            "resource \"aws_sagemaker_endpoint\" \"e\" {\n  name \"x\"\n}\n",
            2,
            "expected `=` or `{`",
        ),
        (
            "resource \"aws_sagemaker_endpoint\" \"e\" {\n  name = [1, 2\n}\n",
            2,
            "never closed",
        ),
        (
            "resource \"aws_sagemaker_endpoint\" \"e\" {\n  deployment_config { a = 1, b = 2 }\n}\n",
            2,
            "expected a line break after the value of `a`",
        ),
        (
            "resource \"aws_sagemaker_endpoint\" \"e\" {\n  name = <<EOT\nabc\n}\n",
            2,
            "heredoc",
        ),
    ];
    for (text, line, words) in cases {
        let r = refusal(text);
        assert_eq!(r.error.line, Some(*line), "{text}: {}", r.error.message);
        assert!(
            r.error.message.contains(words),
            "{text}: {}",
            r.error.message
        );
    }
}

#[test]
fn deep_nesting_is_refused_not_a_stack_overflow() {
    let head = "resource \"aws_sagemaker_endpoint\" \"e\" {\n  name = ";
    for text in [
        format!("{head}{}{}\n}}\n", "[".repeat(100_000), "]".repeat(100_000)),
        format!("{head}{}{}\n}}\n", "(".repeat(100_000), ")".repeat(100_000)),
        format!(
            "{head}{}1{}\n}}\n",
            "{a = ".repeat(20_000),
            "}".repeat(20_000)
        ),
        format!(
            "{head}{}x{}\n}}\n",
            "\"${".repeat(20_000),
            "}\"".repeat(20_000)
        ),
        format!(
            "{}{}",
            "deployment_config {\n".repeat(20_000),
            "}\n".repeat(20_000)
        ),
    ] {
        assert!(import(&text, &DesignDocument::default(), &Options::default()).is_err());
    }
}

#[test]
fn other_forms_that_name_deployment_config_are_left_to_their_readers() {
    let python = "deployment_config = {\n    \"BlueGreenUpdatePolicy\": {}\n}\nsm.update_endpoint(EndpointName=name, DeploymentConfig=deployment_config)\n";
    assert!(!designer_import::terraform::detect(python));
    let cdk = "deployment_config=sagemaker.CfnEndpoint.DeploymentConfigProperty(\n  blue_green_update_policy={}\n)\n";
    assert!(!designer_import::terraform::detect(cdk));
    assert!(designer_import::terraform::detect(&fixture(
        "deployment_config.tf"
    )));
}

const PIECES: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    "=",
    "\"",
    "${",
    "%[1]q",
    "%",
    "`",
    "<<EOT\n",
    "\n",
    "#",
    "/*",
    "dynamic \"alarms\" {",
    "é",
    "null",
    "-",
];

#[test]
fn mutated_configurations_never_panic() {
    let fixtures = [
        "module.tf",
        "alarms.tf",
        "awscc.tf",
        "provider_test.go",
        "missing-brace.tf",
        "deployment_config.tf",
        "cdktf.tf.json",
    ];
    let mut rng = Rng(0x7e44_af02);
    let current = DesignDocument::default();
    let mut imported = 0;
    // FUZZ_CASES (as scripts/fuzz-long.sh sets it) spreads a longer run over the fixtures.
    let cases = std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse::<usize>().ok())
        .map_or(1000, |n| n / fixtures.len());
    for name in fixtures {
        let text = fixture(name);
        for _ in 0..cases {
            let m = mutate(&text, &mut rng, PIECES);
            if import(&m, &current, &Options::default()).is_ok() {
                imported += 1;
            }
        }
    }
    assert!(imported > 100, "only {imported} mutated texts imported");
    // Texts made of the pieces alone, after a head that makes this form's reader take them.
    for _ in 0..cases {
        let mut text = String::from("resource \"aws_sagemaker_endpoint\" \"e\" {\n");
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
fn a_one_megabyte_module_reads_quickly() {
    let pad: String = (0..16_000)
        .map(|n| {
            format!("variable \"v{n}\" {{\n  type    = number\n  default = {n} # padding\n}}\n")
        })
        .collect();
    let text = format!("{pad}{}", fixture("module.tf"));
    assert!(text.len() > 1_000_000, "{}", text.len());
    let started = std::time::Instant::now();
    let o = read(&text);
    let took = started.elapsed();
    assert_eq!(o.document.endpoint.new_variants.len(), 2);
    println!("1 MB Terraform module: {took:?}");
    // The release build (scripts/test.sh) must stay far below this; a debug build on a
    // shared machine gets more room.
    let budget = if cfg!(debug_assertions) { 30.0 } else { 5.0 };
    assert!(took.as_secs_f64() < budget, "took {took:?}");
}

#[test]
fn variable_defaults_are_offered_and_filled_in_when_picked() {
    let text = r#"
variable "endpoint_name" {
  type = string
}

variable "bake_seconds" {
  type    = number
  default = 600
}

variable "canary_percent" {
  default = 10
}

locals {
  alarm = "scoring-5xx"
}

resource "aws_sagemaker_endpoint" "scoring" {
  name                 = var.endpoint_name
  endpoint_config_name = "scoring-v9"

  deployment_config {
    blue_green_update_policy {
      traffic_routing_configuration {
        type                     = "CANARY"
        wait_interval_in_seconds = var.bake_seconds
        canary_size {
          type  = "CAPACITY_PERCENT"
          value = var.canary_percent
        }
      }
    }
    auto_rollback_configuration {
      alarms {
        alarm_name = local.alarm
      }
    }
  }
}
"#;
    // As the text says: every value decided at deploy time is left to fill in.
    let o = read(text);
    let mut paths: Vec<String> = held(&o).into_iter().map(|h| h.0).collect();
    paths.sort();
    assert_eq!(paths.len(), 4, "{paths:?}");
    let choice = o.choices.iter().find(|c| c.name == "defaults").expect("the defaults are offered");
    assert_eq!(choice.question.as_deref(), Some("The text gives defaults for 3 values to fill in:"));
    assert!(choice.options[1].label.contains("var.bake_seconds = 600"), "{:?}", choice.options);
    assert!(choice.options[1].label.contains("local.alarm = \"scoring-5xx\""), "{:?}", choice.options);
    assert!(!o.notes.iter().any(|n| n.starts_with("Defaults the text gives")), "{:?}", o.notes);

    // Picked: the defaults are the design's values; the variable without one stays.
    let options = Options { choices: vec![("defaults".to_string(), 1)] };
    let filled = read_with(text, &options);
    assert_eq!(held(&filled).into_iter().map(|h| h.0).collect::<Vec<_>>(), ["EndpointName"]);
    assert_eq!(
        request(&filled)["DeploymentConfig"],
        json!({
            "BlueGreenUpdatePolicy": {"TrafficRoutingConfiguration": {
                "Type": "CANARY",
                "WaitIntervalInSeconds": 600,
                "CanarySize": {"Type": "CAPACITY_PERCENT", "Value": 10}
            }},
            "AutoRollbackConfiguration": {"Alarms": [{"AlarmName": "scoring-5xx"}]}
        })
    );
    assert!(filled.notes.iter().any(|n| n.contains("Filled in with the text's defaults")), "{:?}", filled.notes);
}

#[test]
fn a_default_fills_the_new_fleet_too() {
    let text = r#"
variable "instances" {
  default = 3
}

resource "aws_sagemaker_endpoint_configuration" "next" {
  name = "scoring-v10"
  production_variants {
    variant_name           = "AllTraffic"
    model_name             = "scoring-model-10"
    instance_type          = "ml.c5.xlarge"
    initial_instance_count = var.instances
  }
}

resource "aws_sagemaker_endpoint" "scoring" {
  name                 = "scoring"
  endpoint_config_name = aws_sagemaker_endpoint_configuration.next.name
}
"#;
    let o = read(text);
    let count = ("Endpoint.NewVariants[0].InitialInstanceCount".to_string(), "var.instances".to_string());
    assert!(held(&o).into_iter().any(|h| (h.0, h.1) == count), "{:?}", held(&o));
    let options = Options { choices: vec![("defaults".to_string(), 1)] };
    let filled = read_with(text, &options);
    // The reference to the config resource stays (it has no default); the count is filled.
    assert_eq!(held(&filled).into_iter().map(|h| h.0).collect::<Vec<_>>(), ["EndpointConfigName"]);
    assert_eq!(variants(&filled)[0]["InitialInstanceCount"], json!(3));
    assert_eq!(variants(&filled)[0]["InstanceType"], json!("ml.c5.xlarge"));
}
