//! Alarm definitions imported from what people have (issue 18, item 2): AWS CLI
//! `put-metric-alarm` commands, boto3 `put_metric_alarm` calls, CloudFormation
//! `AWS::CloudWatch::Alarm`, Terraform `aws_cloudwatch_metric_alarm` and `describe-alarms`
//! output, alone or in the same text as the endpoint, through the crate's one entry point as
//! the page calls it. Each form gives the expected `Alarms`, linked to the request's rollback
//! alarms; a text of alarms alone keeps the design's request and merges by AlarmName; what
//! the page cannot use (a composite alarm, another service's metric, metric math) is a note
//! or a refusal with its place, never a panic.

use designer_core::alarms::detect_seconds;
use designer_core::model::{
    Alarm, AutoRollbackConfig, DeploymentConfig, DesignDocument, MetricAlarm, Placeholder,
    UpdateEndpointInput,
};
use designer_import::{import, Options, Outcome};
use serde_json::json;
use std::time::{Duration, Instant};

mod common;
use common::*;

fn fixture(name: &str) -> String {
    common::fixture(&format!("alarms/{name}"))
}

fn defs(o: &Outcome) -> serde_json::Value {
    serde_json::to_value(&o.document.alarms).unwrap_or_default()
}

/// The request's rollback alarm names (`None` where the text leaves one to fill in).
fn rollback(o: &Outcome) -> Vec<Option<String>> {
    alarms(&o.document.request)
        .iter()
        .map(|a| a.alarm_name.clone())
        .collect()
}

/// Each definition's name and when it can trip after a problem starts.
fn timing(o: &Outcome) -> Vec<(Option<String>, Option<i64>)> {
    o.document
        .alarms
        .iter()
        .map(|a| (a.alarm_name.clone(), detect_seconds(a)))
        .collect()
}

fn has_note(o: &Outcome, words: &str) -> bool {
    o.notes.iter().any(|n| n.contains(words))
}

fn fill_defaults() -> Options {
    Options {
        choices: vec![("defaults".to_string(), 1)],
    }
}

fn some(s: &str) -> Option<String> {
    Some(s.to_string())
}

/// A design that runs `ranker-5xx` as its rollback alarm, defined with ten-minute periods,
/// and one more definition whose name is still to fill in.
fn design_with_alarms() -> DesignDocument {
    DesignDocument {
        request: UpdateEndpointInput {
            endpoint_name: some("ranker-prod"),
            endpoint_config_name: some("ranker-v7"),
            deployment_config: Some(DeploymentConfig {
                auto_rollback_configuration: Some(AutoRollbackConfig {
                    alarms: Some(vec![Alarm {
                        alarm_name: some("ranker-5xx"),
                    }]),
                }),
                ..Default::default()
            }),
            ..Default::default()
        },
        alarms: vec![
            MetricAlarm {
                alarm_name: some("ranker-5xx"),
                namespace: some("AWS/SageMaker"),
                metric_name: some("Invocation5XXErrors"),
                period: Some(600),
                evaluation_periods: Some(2),
                ..Default::default()
            },
            MetricAlarm {
                namespace: some("AWS/SageMaker"),
                metric_name: some("ModelLatency"),
                period: Some(60),
                ..Default::default()
            },
        ],
        placeholders: vec![Placeholder {
            path: "Alarms[1].AlarmName".to_string(),
            expression: "var.latency_alarm".to_string(),
            line: Some(3),
            column: Some(5),
        }],
        ..Default::default()
    }
}

// ---------------------------------------------------------------------------------------
// CloudFormation

#[test]
fn a_template_with_the_endpoint_and_two_alarms_links_them() {
    let o = read(&fixture("endpoint-with-alarms.yaml"));
    assert_eq!(
        o.form,
        "a CloudFormation `AWS::SageMaker::Endpoint` resource (YAML) and 2 `AWS::CloudWatch::Alarm` resources"
    );
    // `!Ref ErrorsAlarm` is the alarm's name; the other's name is a `!Sub` of a parameter,
    // which the rollback alarm and the definition now share.
    assert_eq!(rollback(&o), vec![some("ranker-5xx"), None]);
    assert_eq!(
        defs(&o),
        json!([
            {
                "AlarmName": "ranker-5xx",
                "Namespace": "AWS/SageMaker",
                "MetricName": "Invocation5XXErrors",
                "Dimensions": [{"Name": "EndpointName", "Value": ""}, {"Name": "VariantName", "Value": "AllTraffic"}],
                "Statistic": "Sum",
                "Period": 60,
                "EvaluationPeriods": 3,
                "DatapointsToAlarm": 2,
                "Threshold": 1.0,
                "ComparisonOperator": "GreaterThanOrEqualToThreshold",
                "TreatMissingData": "notBreaching"
            },
            {
                "Namespace": "AWS/SageMaker",
                "MetricName": "ModelLatency",
                "Dimensions": [{"Name": "EndpointName", "Value": ""}],
                "ExtendedStatistic": "p99",
                // Written as the string "120": CloudFormation converts it.
                "Period": 120,
                "EvaluationPeriods": 2,
                "ComparisonOperator": "GreaterThanThreshold"
            }
        ])
    );
    assert_eq!(timing(&o), vec![(some("ranker-5xx"), Some(180)), (None, Some(300))]);
    assert_eq!(
        held(&o),
        vec![
            hole("EndpointName", "!Ref EndpointName", 19),
            hole("EndpointConfigName", "!Ref NewConfigName", 20),
            hole(
                "DeploymentConfig.AutoRollbackConfiguration.Alarms[1].AlarmName",
                "!Sub ${EndpointName}-p99-latency",
                33
            ),
            hole("Alarms[0].Dimensions[0].Value", "!Ref EndpointName", 45),
            hole("Alarms[1].AlarmName", "!Sub ${EndpointName}-p99-latency", 61),
            hole("Alarms[1].Dimensions[0].Value", "!Ref EndpointName", 66),
            hole("Alarms[1].Threshold", "!Ref LatencyThresholdMicros", 70),
        ]
    );
    assert!(has_note(&o, "`!Ref ErrorsAlarm` is the alarm `ErrorsAlarm`, named `ranker-5xx`"), "{:?}", o.notes);
    assert!(has_note(&o, "`!Ref LatencyAlarm` is the alarm `LatencyAlarm`, whose name the text leaves to fill in"));
    // The parameter defaults reach the alarms too.
    defaults_offered(&o, 4, &["EndpointName = ranker-prod", "LatencyThresholdMicros = 250000"], &[]);
}

#[test]
fn the_template_defaults_fill_in_the_alarms_as_well() {
    let o = read_with(&fixture("endpoint-with-alarms.yaml"), &fill_defaults());
    assert_eq!(o.document.request.endpoint_name.as_deref(), Some("ranker-prod"));
    assert_eq!(o.document.alarms[0].dimensions[0].value, "ranker-prod");
    assert_eq!(o.document.alarms[1].dimensions[0].value, "ranker-prod");
    assert_eq!(o.document.alarms[1].threshold, Some(250_000.0));
    // Left to fill in: what has no default, and the name built with `!Sub`.
    assert_eq!(
        held(&o).into_iter().map(|h| h.0).collect::<Vec<_>>(),
        vec![
            "EndpointConfigName",
            "DeploymentConfig.AutoRollbackConfiguration.Alarms[1].AlarmName",
            "Alarms[1].AlarmName",
        ]
    );
}

#[test]
fn a_json_template_links_ref_and_getatt_and_keeps_metric_math() {
    let o = read(&fixture("endpoint-with-alarms.json"));
    assert_eq!(
        o.form,
        "a CloudFormation `AWS::SageMaker::Endpoint` resource (JSON) and 2 `AWS::CloudWatch::Alarm` resources"
    );
    assert_eq!(rollback(&o), vec![some("fraud-scorer-error-rate"), some("fraud-scorer-cpu")]);
    assert!(o.document.placeholders.is_empty(), "{:?}", o.document.placeholders);
    let math = &o.document.alarms[0];
    assert_eq!(math.metrics.len(), 3);
    assert_eq!(math.metrics[0].expression.as_deref(), Some("100 * errors / MAX([errors, calls])"));
    let stat = math.metrics[1].metric_stat.as_ref().expect("a MetricStat");
    assert_eq!(stat.metric.metric_name.as_deref(), Some("Invocation5XXErrors"));
    assert_eq!(stat.period, Some(60));
    assert_eq!(math.threshold, Some(2.5));
    // The longest query period times two evaluation periods, plus publishing.
    assert_eq!(timing(&o)[0].1, Some(180));
    assert_eq!(o.document.alarms[1].threshold, Some(90.0), "\"90\" converts");
    assert!(has_note(&o, "Metric math, which the page times by its queries' periods but does not evaluate"));
    // `Fn::GetAtt ... Arn` is linked by name, and the note says AlarmName wants the name.
    assert!(has_note(&o, "gives the ARN of the alarm `CpuAlarm`, but AlarmName takes the alarm's name"));
}

#[test]
fn a_template_of_alarms_alone_merges_into_the_design() {
    let current = design_with_alarms();
    let o = read_onto(&fixture("alarms-only.yaml"), &current);
    assert_eq!(o.form, "2 CloudFormation `AWS::CloudWatch::Alarm` resources (YAML)");
    // The request and endpoint are the design's.
    assert_eq!(o.document.request, current.request);
    assert_eq!(o.document.endpoint, current.endpoint);
    // ranker-5xx is replaced, the unnamed definition kept (with its placeholder), alb-5xx added.
    let names: Vec<Option<String>> = o.document.alarms.iter().map(|a| a.alarm_name.clone()).collect();
    assert_eq!(names, vec![some("ranker-5xx"), None, some("alb-5xx")]);
    assert_eq!(o.document.alarms[0].period, Some(60));
    assert_eq!(o.document.alarms[0].evaluation_periods, Some(1));
    assert_eq!(
        held(&o),
        vec![
            hole("Alarms[1].AlarmName", "var.latency_alarm", 3),
            hole("Alarms[0].Dimensions[0].Value", "!Ref Endpoint", 15),
        ]
    );
    assert_eq!(o.notes[0], "The text defines alarms only: the design's request and endpoint are kept, and its alarm definitions are merged by AlarmName.");
    assert!(has_note(&o, "Alarm definitions added: `alb-5xx`."), "{:?}", o.notes);
    assert!(has_note(&o, "Alarm definitions replaced (the design had one of the same name): `ranker-5xx`."));
    assert!(has_note(&o, "`ranker-any` (line 32) is a composite alarm, not imported"));
    assert!(has_note(&o, "AWS/ApplicationELB HTTPCode_Target_5XX_Count"), "another service's metric is named");
    assert!(has_note(&o, "roll nothing back yet: `alb-5xx`"));
    defaults_offered(&o, 1, &["Endpoint = ranker-prod"], &[]);
}

#[test]
fn a_composite_alarm_alone_is_refused_with_its_place() {
    let r = refusal(
        "Resources:\n  Any:\n    Type: AWS::CloudWatch::CompositeAlarm\n    Properties:\n      AlarmName: ranker-any\n      AlarmRule: ALARM(ranker-5xx)\n",
    );
    assert!(r.error.message.contains("`ranker-any` is a composite alarm"), "{}", r.error.message);
    assert_eq!((r.error.line, r.error.column), (Some(2), Some(3)));
}

// ---------------------------------------------------------------------------------------
// AWS CLI

#[test]
fn a_deploy_script_defines_the_alarms_it_rolls_back_on() {
    let o = read(&fixture("deploy-with-alarms.sh"));
    assert_eq!(o.form, "an AWS CLI `update-endpoint` command and 2 `put-metric-alarm` commands");
    assert_eq!(rollback(&o), vec![some("ranker-5xx"), some("ranker-p99")]);
    assert_eq!(
        defs(&o),
        json!([
            {
                "AlarmName": "ranker-5xx",
                "Namespace": "AWS/SageMaker",
                "MetricName": "Invocation5XXErrors",
                "Dimensions": [{"Name": "EndpointName", "Value": "ranker-prod"}, {"Name": "VariantName", "Value": "AllTraffic"}],
                "Statistic": "Sum",
                "Period": 60,
                "EvaluationPeriods": 3,
                "DatapointsToAlarm": 2,
                "Threshold": 1.0,
                "ComparisonOperator": "GreaterThanOrEqualToThreshold",
                "TreatMissingData": "notBreaching"
            },
            {
                "AlarmName": "ranker-p99",
                "Namespace": "AWS/SageMaker",
                "MetricName": "ModelLatency",
                "Dimensions": [{"Name": "EndpointName", "Value": "ranker-prod"}],
                "ExtendedStatistic": "p99",
                "Period": 120,
                "EvaluationPeriods": 2,
                "ComparisonOperator": "GreaterThanThreshold"
            }
        ])
    );
    assert_eq!(
        held(&o),
        vec![
            hole("EndpointConfigName", "$NEW_CONFIG", 33),
            hole("Alarms[1].Threshold", "$P99_MICROS", 28),
        ]
    );
    // Each variable is explained once, though both commands use it.
    let ep_notes = o.notes.iter().filter(|n| n.starts_with("`$EP` is")).count();
    assert_eq!(ep_notes, 1, "{:?}", o.notes);
}

#[test]
fn alarm_commands_alone_take_the_script_defaults() {
    let text = fixture("alarms-only.sh");
    let o = read(&text);
    assert_eq!(o.form, "an AWS CLI `put-metric-alarm` command");
    assert_eq!(
        held(&o),
        vec![
            hole("Alarms[0].AlarmName", "$EP-5xx", 6),
            hole("Alarms[0].Dimensions[0].Value", "$EP", 16),
        ]
    );
    // `--period 30` on the command line wins over the JSON's 60; `--region` is the CLI's.
    assert_eq!(o.document.alarms[0].period, Some(30));
    assert_eq!(o.document.alarms[0].metric_name.as_deref(), Some("Invocation5XXErrors"));
    assert!(has_note(&o, "`$EP-any` (line 20) is a composite alarm"));
    defaults_offered(&o, 2, &["EP = \"ranker-staging\""], &[]);
    let filled = read_with(&text, &fill_defaults());
    assert_eq!(filled.document.alarms[0].alarm_name.as_deref(), Some("ranker-staging-5xx"));
    assert_eq!(filled.document.alarms[0].dimensions[0].value, "ranker-staging");
    assert!(filled.document.placeholders.is_empty(), "{:?}", filled.document.placeholders);
}

#[test]
fn dimensions_take_the_shorthand_or_json_and_numbers_are_typed() {
    let o = read(
        "aws cloudwatch put-metric-alarm --alarm-name a --namespace AWS/SageMaker --metric-name ModelLatency \\\n  --dimensions Name=EndpointName,Value=ep Name=VariantName,Value=1 --statistic Average \\\n  --period=60 --evaluation-periods 2 --threshold 1.5e5 --comparison-operator GreaterThanThreshold\n\
aws cloudwatch put-metric-alarm --alarm-name b --metric-name Invocation4XXErrors --namespace AWS/SageMaker \\\n  --dimensions '{\"Name\": \"EndpointName\", \"Value\": \"ep\"}' --period 60 --evaluation-periods 1 --threshold 5\n",
    );
    assert_eq!(o.document.alarms.len(), 2);
    let a = &o.document.alarms[0];
    // A variant named "1" stays a string.
    assert_eq!(a.dimensions[1].value, "1");
    assert_eq!(a.threshold, Some(150_000.0));
    assert_eq!(a.period, Some(60));
    // One JSON object is a list of one, as the CLI reads it.
    assert_eq!(o.document.alarms[1].dimensions[0].value, "ep");
}

#[test]
fn a_command_the_walk_refuses_is_a_note_beside_the_endpoint_and_a_refusal_alone() {
    let alarm = "aws cloudwatch put-metric-alarm --alarm-name a --namespace AWS/SageMaker --metric-name Invocations --period sixty --bogus 1\n";
    let with_endpoint = format!("{alarm}aws sagemaker update-endpoint --endpoint-name ep --endpoint-config-name c\n");
    let o = read(&with_endpoint);
    assert!(o.document.alarms.is_empty());
    assert!(has_note(&o, "`--bogus` of the `put-metric-alarm` command at line 1"), "{:?}", o.notes);
    assert!(has_note(&o, "The alarm of the `put-metric-alarm` command at line 1 was not imported"), "{:?}", o.notes);
    let r = refusal(alarm);
    assert!(r.error.message.contains("Period"), "{}", r.error.message);
    assert_eq!(r.error.line, Some(1));
}

// ---------------------------------------------------------------------------------------
// Python

#[test]
fn a_boto3_script_defines_its_alarms_with_the_same_names() {
    let o = read(&fixture("deploy_with_alarms.py"));
    assert_eq!(o.form, "a boto3 `update_endpoint` call and 2 boto3 `put_metric_alarm` calls");
    // The f-string name is the same expression in the rollback alarm and the definition.
    assert_eq!(rollback(&o), vec![None, some("ranker-p99-latency")]);
    assert_eq!(
        held(&o),
        vec![
            hole("EndpointName", "os.environ.get(\"ENDPOINT_NAME\", \"ranker-prod\")", 6),
            hole("EndpointConfigName", "new_config", 49),
            hole("DeploymentConfig.AutoRollbackConfiguration.Alarms[0].AlarmName", "f\"{ENDPOINT}-5xx\"", 10),
            hole("Alarms[0].AlarmName", "f\"{ENDPOINT}-5xx\"", 10),
            hole("Alarms[0].Dimensions[0].Value", "os.environ.get(\"ENDPOINT_NAME\", \"ranker-prod\")", 6),
            hole("Alarms[1].Dimensions[0].Value", "os.environ.get(\"ENDPOINT_NAME\", \"ranker-prod\")", 6),
            hole("Alarms[1].Threshold", "float(os.environ.get(\"P99_MICROS\", \"250000\"))", 40),
        ]
    );
    assert_eq!(timing(&o), vec![(None, Some(180)), (some("ranker-p99-latency"), Some(300))]);
    let filled = read_with(&fixture("deploy_with_alarms.py"), &fill_defaults());
    assert_eq!(filled.document.alarms[1].threshold, Some(250_000.0));
    assert_eq!(filled.document.alarms[0].dimensions[0].value, "ranker-prod");
}

#[test]
fn boto3_alarm_calls_alone_keep_metric_math_and_note_the_composite() {
    let o = read_onto(&fixture("alarms_only.py"), &design_with_alarms());
    assert_eq!(o.form, "a boto3 `put_metric_alarm` call");
    assert_eq!(o.document.request, design_with_alarms().request);
    assert_eq!(o.document.alarms.len(), 3);
    let math = &o.document.alarms[2];
    assert_eq!(math.alarm_name.as_deref(), Some("scorer-error-rate"));
    assert_eq!(math.metrics.len(), 3);
    assert_eq!(detect_seconds(math), Some(240));
    assert!(has_note(&o, "`scorer-error-rate` (`100 * e / MAX([e, n])`)"), "{:?}", o.notes);
    assert!(has_note(&o, "`scorer-any` (line 25) is a composite alarm"));
}

// ---------------------------------------------------------------------------------------
// Terraform

#[test]
fn a_terraform_endpoint_links_its_alarm_references() {
    let o = read(&fixture("endpoint-with-alarms.tf"));
    assert_eq!(
        o.form,
        "a Terraform `aws_sagemaker_endpoint` block and 2 `aws_cloudwatch_metric_alarm` blocks"
    );
    assert_eq!(rollback(&o), vec![some("ranker-5xx"), None]);
    assert_eq!(
        held(&o),
        vec![
            hole("EndpointName", "var.endpoint_name", 13),
            hole("EndpointConfigName", "aws_sagemaker_endpoint_configuration.v2.name", 14),
            hole(
                "DeploymentConfig.AutoRollbackConfiguration.Alarms[1].AlarmName",
                "\"${var.endpoint_name}-p99-latency\"",
                34
            ),
            hole("Alarms[0].Dimensions[0].Value", "var.endpoint_name", 55),
            hole("Alarms[1].AlarmName", "\"${var.endpoint_name}-p99-latency\"", 61),
            hole("Alarms[1].Threshold", "var.p99_threshold_us", 68),
            hole("Alarms[1].Dimensions[0].Value", "aws_sagemaker_endpoint.ranker.name", 71),
        ]
    );
    // `"2"` converts as Terraform converts it.
    assert_eq!(timing(&o), vec![(some("ranker-5xx"), Some(180)), (None, Some(300))]);
    assert_eq!(o.document.alarms[0].dimensions[1].value, "AllTraffic");
    let filled = read_with(&fixture("endpoint-with-alarms.tf"), &fill_defaults());
    assert_eq!(filled.document.alarms[1].threshold, Some(250_000.0));
    assert_eq!(filled.document.alarms[0].dimensions[0].value, "ranker-prod");
}

#[test]
fn a_terraform_module_of_alarms_reads_metric_queries_and_its_variables() {
    let text = fixture("alarm-module.tf");
    let o = read(&text);
    assert_eq!(o.form, "a Terraform `aws_cloudwatch_metric_alarm` block");
    assert_eq!(
        defs(&o),
        json!([{
            "EvaluationPeriods": 3,
            "DatapointsToAlarm": 2,
            "ComparisonOperator": "GreaterThanThreshold",
            "Metrics": [
                {"Id": "rate", "Expression": "100 * errors / MAX([errors, calls])", "Label": "5xx rate", "ReturnData": true},
                {"Id": "errors", "MetricStat": {
                    "Metric": {"Namespace": "AWS/SageMaker", "MetricName": "Invocation5XXErrors", "Dimensions": [{"Name": "EndpointName", "Value": ""}]},
                    "Stat": "Sum"}},
                {"Id": "calls", "MetricStat": {
                    "Metric": {"Namespace": "AWS/SageMaker", "MetricName": "Invocations", "Dimensions": [{"Name": "EndpointName", "Value": ""}]},
                    "Period": 60, "Stat": "Sum"}}
            ]
        }])
    );
    assert_eq!(
        held(&o),
        vec![
            hole("Alarms[0].AlarmName", "\"${var.endpoint_name}-error-rate\"", 16),
            hole("Alarms[0].Threshold", "var.error_rate_percent", 21),
            hole("Alarms[0].Metrics[1].MetricStat.Metric.Dimensions[0].Value", "var.endpoint_name", 40),
            hole("Alarms[0].Metrics[1].MetricStat.Period", "local.period", 36),
            hole("Alarms[0].Metrics[2].MetricStat.Metric.Dimensions[0].Value", "var.endpoint_name", 55),
        ]
    );
    assert!(has_note(&o, "`aws_cloudwatch_composite_alarm.any` (line 61) is a composite alarm"));
    defaults_offered(&o, 2, &["var.error_rate_percent = 2", "local.period = 60"], &["var.endpoint_name"]);
    let filled = read_with(&text, &fill_defaults());
    assert_eq!(filled.document.alarms[0].threshold, Some(2.0));
    assert_eq!(filled.document.alarms[0].metrics[1].metric_stat.as_ref().and_then(|s| s.period), Some(60));
    // Imported again onto itself: the same expression names the same alarm, replaced.
    let again = read_onto(&text, &o.document);
    assert_eq!(again.document.alarms.len(), 1);
    assert_eq!(again.document.placeholders, o.document.placeholders);
    assert!(has_note(&again, "replaced (the design had one of the same name): `\"${var.endpoint_name}-error-rate\"`"));
}

#[test]
fn a_broken_brace_is_refused_where_it_opens_and_repaired() {
    let r = refusal(&fixture("broken-brace.tf"));
    assert!(r.error.message.contains("the `{` of `dimensions =` is never closed"), "{}", r.error.message);
    assert_eq!(r.error.line, Some(11));
    let repair = r.repair.expect("a repair");
    let o = read(&repair.text);
    assert_eq!(o.form, "2 Terraform `aws_cloudwatch_metric_alarm` blocks");
    assert_eq!(timing(&o), vec![(some("ranker-5xx"), Some(180)), (some("ranker-p99"), Some(180))]);
}

// ---------------------------------------------------------------------------------------
// CDK

#[test]
fn a_cdk_stack_links_its_l2_alarms_by_their_names() {
    let o = read(&fixture("endpoint-stack.ts"));
    assert_eq!(o.form, "a CDK `CfnEndpoint` (TypeScript) and 2 CDK alarms");
    // `errors.alarmName` and `slow.alarmName` are the constructs' names.
    assert_eq!(rollback(&o), vec![some("ranker-5xx"), some("ranker-p99")]);
    assert_eq!(
        defs(&o),
        json!([
            {
                "AlarmName": "ranker-5xx",
                "Namespace": "AWS/SageMaker",
                "MetricName": "Invocation5XXErrors",
                "Dimensions": [{"Name": "EndpointName", "Value": "ranker-prod"}, {"Name": "VariantName", "Value": "AllTraffic"}],
                "Statistic": "Sum",
                "Period": 60,
                "EvaluationPeriods": 3,
                "DatapointsToAlarm": 2,
                "Threshold": 1.0,
                // CDK's default comparison.
                "ComparisonOperator": "GreaterThanOrEqualToThreshold",
                "TreatMissingData": "notBreaching"
            },
            {
                "AlarmName": "ranker-p99",
                "Namespace": "AWS/SageMaker",
                "MetricName": "ModelLatency",
                "Dimensions": [{"Name": "EndpointName", "Value": "ranker-prod"}],
                "ExtendedStatistic": "p99",
                "Period": 120,
                "EvaluationPeriods": 2,
                "Threshold": 250000.0,
                "ComparisonOperator": "GreaterThanThreshold"
            }
        ])
    );
    assert!(o.document.placeholders.is_empty(), "{:?}", o.document.placeholders);
    assert!(has_note(&o, "leaves out what CDK then sets: comparisonOperator GREATER_THAN_OR_EQUAL_TO_THRESHOLD"));
}

#[test]
fn cdk_alarms_alone_read_cfn_alarm_and_a_math_expression() {
    let o = read(&fixture("alarms_stack.py"));
    assert_eq!(o.form, "2 CDK alarms (Python)");
    assert_eq!(o.document.alarms[0].alarm_name.as_deref(), Some("scorer-5xx"));
    assert_eq!(o.document.alarms[0].dimensions[0].value, "scorer");
    let math = &o.document.alarms[1];
    assert_eq!(math.metrics.len(), 3);
    assert_eq!(math.metrics[0].expression.as_deref(), Some("100 * e / MAX([e, n])"));
    assert_eq!(math.metrics[2].id, "n");
    assert_eq!(timing(&o), vec![(some("scorer-5xx"), Some(180)), (some("scorer-error-rate"), Some(240))]);
}

// ---------------------------------------------------------------------------------------
// describe-alarms

#[test]
fn describe_alarms_output_gives_the_metric_alarms_and_notes_the_composite() {
    let current = design_with_alarms();
    let o = read_onto(&fixture("describe-alarms.json"), &current);
    assert_eq!(o.form, "2 metric alarms of a `describe-alarms` output");
    // State, ARNs and timestamps are read and left out; ranker-5xx replaces the design's.
    assert_eq!(
        serde_json::to_value(&o.document.alarms[0]).unwrap_or_default(),
        json!({
            "AlarmName": "ranker-5xx",
            "Namespace": "AWS/SageMaker",
            "MetricName": "Invocation5XXErrors",
            "Dimensions": [{"Name": "EndpointName", "Value": "ranker-prod"}, {"Name": "VariantName", "Value": "AllTraffic"}],
            "Statistic": "Sum",
            "Period": 60,
            "EvaluationPeriods": 3,
            "DatapointsToAlarm": 2,
            "Threshold": 1.0,
            "ComparisonOperator": "GreaterThanOrEqualToThreshold",
            "TreatMissingData": "notBreaching"
        })
    );
    assert_eq!(o.document.alarms[2].alarm_name.as_deref(), Some("ranker-disk"));
    // The design's rollback alarm now has this definition's timing.
    assert_eq!(designer_core::alarms::rollback_detect_seconds(&o.document), 180);
    assert!(has_note(&o, "`ranker-any` (line 47) is a composite alarm"));
}

#[test]
fn a_boto3_describe_alarms_response_and_a_describe_endpoint_in_one_session() {
    let text = r#"$ aws sagemaker describe-endpoint --endpoint-name ranker-prod
{
    "EndpointName": "ranker-prod",
    "EndpointArn": "arn:aws:sagemaker:eu-west-1:123456789012:endpoint/ranker-prod",
    "EndpointConfigName": "ranker-v6",
    "ProductionVariants": [{"VariantName": "AllTraffic", "CurrentInstanceCount": 4, "CurrentWeight": 1.0}],
    "EndpointStatus": "InService"
}
$ aws cloudwatch describe-alarms --alarm-name-prefix ranker
{
    "MetricAlarms": [
        {"AlarmName": "ranker-5xx", "AlarmArn": "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:ranker-5xx",
         "Namespace": "AWS/SageMaker", "MetricName": "Invocation5XXErrors", "Statistic": "Sum",
         "Period": 60, "EvaluationPeriods": 1, "Threshold": 1.0,
         "ComparisonOperator": "GreaterThanOrEqualToThreshold", "StateValue": "OK"}
    ],
    "CompositeAlarms": []
}
"#;
    let o = read(text);
    assert_eq!(o.form, "a `describe-endpoint` output and a metric alarm of a `describe-alarms` output");
    assert_eq!(o.document.request.endpoint_name.as_deref(), Some("ranker-prod"));
    assert_eq!(timing(&o), vec![(some("ranker-5xx"), Some(120))]);

    let boto3 = "{'MetricAlarms': [{'AlarmName': 'scorer-5xx', 'AlarmArn': 'arn:aws:cloudwatch:us-east-1:1:alarm:scorer-5xx', \
'AlarmConfigurationUpdatedTimestamp': datetime.datetime(2026, 11, 2, 9, 14, 31, tzinfo=tzlocal()), 'ActionsEnabled': True, \
'Namespace': 'AWS/SageMaker', 'MetricName': 'Invocation5XXErrors', 'Statistic': 'Sum', 'Period': 60, 'EvaluationPeriods': 2, \
'Threshold': 1.0, 'ComparisonOperator': 'GreaterThanOrEqualToThreshold'}], 'CompositeAlarms': [], \
'ResponseMetadata': {'HTTPStatusCode': 200}}";
    let o = read(boto3);
    assert_eq!(o.form, "a metric alarm of a boto3 `describe_alarms` response");
    assert_eq!(timing(&o), vec![(some("scorer-5xx"), Some(180))]);
    assert!(o.document.placeholders.is_empty(), "{:?}", o.document.placeholders);
}

#[test]
fn describe_alarms_output_in_yaml_after_its_command() {
    let o = read(
        "$ aws cloudwatch describe-alarms --alarm-names ranker-5xx --output yaml\nCompositeAlarms: []\nMetricAlarms:\n- ActionsEnabled: true\n  AlarmArn: arn:aws:cloudwatch:eu-west-1:123456789012:alarm:ranker-5xx\n  AlarmName: ranker-5xx\n  ComparisonOperator: GreaterThanOrEqualToThreshold\n  Dimensions:\n  - Name: EndpointName\n    Value: ranker-prod\n  EvaluationPeriods: 2\n  MetricName: Invocation5XXErrors\n  Namespace: AWS/SageMaker\n  Period: 60\n  StateValue: OK\n  Statistic: Sum\n  Threshold: 1.0\n",
    );
    assert_eq!(o.form, "a metric alarm of a `describe-alarms` output (YAML)");
    assert_eq!(timing(&o), vec![(some("ranker-5xx"), Some(180))]);
    assert_eq!(o.document.alarms[0].dimensions[0].value, "ranker-prod");
}

#[test]
fn composite_alarms_alone_are_refused_with_their_place() {
    let r = refusal(
        "{\n  \"MetricAlarms\": [],\n  \"CompositeAlarms\": [\n    {\"AlarmName\": \"ranker-any\", \"AlarmArn\": \"arn:aws:cloudwatch:eu-west-1:1:alarm:ranker-any\", \"AlarmRule\": \"ALARM(a)\"}\n  ]\n}\n",
    );
    assert!(r.error.message.contains("`ranker-any` is a composite alarm"), "{}", r.error.message);
    assert_eq!((r.error.line, r.error.column), (Some(4), Some(5)));
}

// ---------------------------------------------------------------------------------------
// Bad input

#[test]
fn another_services_alarm_is_imported_with_a_note() {
    let o = read(
        "aws cloudwatch put-metric-alarm --alarm-name db-cpu --namespace AWS/RDS --metric-name CPUUtilization \\\n  --dimensions Name=DBInstanceIdentifier,Value=orders --statistic Average --period 300 \\\n  --evaluation-periods 2 --threshold 80 --comparison-operator GreaterThanThreshold\n",
    );
    assert_eq!(o.document.alarms[0].namespace.as_deref(), Some("AWS/RDS"));
    assert!(has_note(&o, "Not a metric SageMaker publishes for an endpoint"), "{:?}", o.notes);
    assert!(has_note(&o, "`db-cpu` (AWS/RDS CPUUtilization)"));
}

#[test]
fn a_one_megabyte_script_of_alarms_is_read_quickly() {
    let one = "aws cloudwatch put-metric-alarm --alarm-name \"$EP-5xx-@\" --namespace AWS/SageMaker \\\n  --metric-name Invocation5XXErrors --dimensions Name=EndpointName,Value=$EP --statistic Sum \\\n  --period 60 --evaluation-periods 2 --threshold 1 --comparison-operator GreaterThanOrEqualToThreshold\n";
    let mut text = String::from("EP=\"${ENDPOINT:-ranker}\"\n");
    let mut n = 0;
    while text.len() < 1_000_000 {
        text.push_str(&one.replace('@', &n.to_string()));
        n += 1;
    }
    let start = Instant::now();
    let o = read(&text);
    let took = start.elapsed();
    assert_eq!(o.document.alarms.len(), n);
    assert!(o.notes.iter().all(|note| note.len() < 2_000), "notes stay short");
    assert!(took < Duration::from_secs(20), "took {took:?}");

    // A template of a thousand alarms, each a rollback alarm by `!Ref`, imported twice.
    let mut cfn = String::from("Resources:\n  Endpoint:\n    Type: AWS::SageMaker::Endpoint\n    Properties:\n      EndpointConfigName: c\n      DeploymentConfig:\n        AutoRollbackConfiguration:\n          Alarms:\n");
    for i in 0..1000 {
        cfn.push_str(&format!("            - AlarmName: !Ref A{i}\n"));
    }
    for i in 0..1000 {
        cfn.push_str(&format!("  A{i}:\n    Type: AWS::CloudWatch::Alarm\n    Properties:\n      AlarmName: a-{i}\n      Namespace: AWS/SageMaker\n      MetricName: Invocations\n      Period: 60\n      EvaluationPeriods: 1\n"));
    }
    let start = Instant::now();
    let o = read(&cfn);
    let again = read_onto(&cfn, &o.document);
    assert!(start.elapsed() < Duration::from_secs(20), "took {:?}", start.elapsed());
    assert_eq!(again.document.alarms.len(), 1000);
    assert_eq!(rollback(&again)[999], some("a-999"));
}

#[test]
fn mutated_alarm_texts_are_imported_or_refused_with_a_place() {
    let texts: Vec<String> = [
        "endpoint-with-alarms.yaml",
        "endpoint-with-alarms.json",
        "alarms-only.yaml",
        "deploy-with-alarms.sh",
        "alarms-only.sh",
        "deploy_with_alarms.py",
        "alarms_only.py",
        "endpoint-with-alarms.tf",
        "alarm-module.tf",
        "broken-brace.tf",
        "describe-alarms.json",
        "endpoint-stack.ts",
        "alarms_stack.py",
    ]
    .iter()
    .map(|f| fixture(f))
    .collect();
    let pieces = [
        "{", "}", "[", "]", "\"", "'", "\\\n", "$", "${", "!Ref ", "--dimensions ", "Name=", ",", "=", "\n", "#",
        "AlarmName", "Period", "-1", "1e400", "aws_cloudwatch_metric_alarm.", "put_metric_alarm(", "Metrics",
    ];
    let mut rng = Rng(0x5EED_A1A2);
    for case in 0..3000 {
        let base = &texts[case % texts.len()];
        let text = mutate(base, &mut rng, &pieces);
        let current = if case % 3 == 0 { design_with_alarms() } else { DesignDocument::default() };
        match import(&text, &current, &Options::default()) {
            Ok(o) => {
                // Every definition's placeholders point at a definition the design has.
                for p in &o.document.placeholders {
                    if let Some(rest) = p.path.strip_prefix("Alarms[") {
                        let i: usize = rest[..rest.find(']').unwrap_or(0)].parse().unwrap_or(usize::MAX);
                        assert!(i < o.document.alarms.len(), "{p:?} in case {case}:\n{text}");
                    }
                }
            }
            Err(r) => assert!(
                r.error.line.is_some() || r.error.path.is_some() || !r.error.message.is_empty(),
                "case {case}: {:?}",
                r.error
            ),
        }
    }
}

#[test]
fn an_endpoint_imported_onto_a_design_keeps_its_alarm_definitions_and_their_blanks() {
    let current = design_with_alarms();
    let o = read_onto(
        "aws sagemaker update-endpoint --endpoint-name ranker-prod --endpoint-config-name ranker-v8 \\\n  --deployment-config '{\"AutoRollbackConfiguration\": {\"Alarms\": [{\"AlarmName\": \"ranker-5xx\"}]}}'\n",
        &current,
    );
    assert_eq!(o.document.alarms, current.alarms);
    assert_eq!(held(&o), vec![hole("Alarms[1].AlarmName", "var.latency_alarm", 3)]);
}
