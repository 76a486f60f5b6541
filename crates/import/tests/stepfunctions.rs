//! Step Functions imports: the `sagemaker:updateEndpoint` task's Parameters (JSONPath `.$`
//! members as placeholders) or JSONata Arguments, the new fleet from a
//! `createEndpointConfig` task, and the refusals.

use designer_core::model::{CapacitySizeType, DesignDocument, TrafficRoutingConfigType};
use designer_import::{import, stepfunctions, Options};

mod common;
use common::*;

fn fixture(name: &str) -> String {
    common::fixture(&format!("stepfunctions/{name}"))
}

#[test]
fn the_deploy_task_is_the_request_and_the_create_task_the_new_fleet() {
    let o = read(&fixture("retrain-and-deploy.asl.json"));
    assert_eq!(o.form, "a Step Functions `sagemaker:updateEndpoint` task");
    let r = &o.document.request;
    let bg = blue_green(r);
    let route = routing(r);
    assert_eq!(route.type_, Some(TrafficRoutingConfigType::Canary));
    assert_eq!(route.wait_interval_in_seconds, Some(900));
    let canary = route.canary_size.as_ref().unwrap();
    assert_eq!(
        (canary.type_.clone(), canary.value),
        (Some(CapacitySizeType::InstanceCount), Some(1))
    );
    assert_eq!(bg.termination_wait_in_seconds, Some(600));
    let alarms = alarms(r);
    assert_eq!(
        alarms[0].alarm_name.as_deref(),
        Some("fraud-model-latency-p99")
    );
    assert_eq!(alarms[1].alarm_name, None);
    assert_eq!(
        placeholders(&o),
        vec![
            ph("EndpointName", "$.deploy.endpoint", 45, 27),
            ph("EndpointConfigName", "$.deploy.configName", 46, 33),
            ph(
                "DeploymentConfig.AutoRollbackConfiguration.Alarms[1].AlarmName",
                "$.errorAlarm",
                59,
                32
            ),
            ph(
                "Endpoint.NewVariants[0].ModelName",
                "$.deploy.model",
                23,
                28
            ),
        ]
    );
    let new = &o.document.endpoint.new_variants;
    assert_eq!(new.len(), 1);
    assert_eq!(new[0].instance_type.as_deref(), Some("ml.m5.2xlarge"));
    assert_eq!(new[0].initial_instance_count, Some(4));
    assert_eq!(
        o.notes,
        vec!["The new fleet (Endpoint.NewVariants) is the createEndpointConfig task \"CreateConfig\": 1 variant, 4 instances; VolumeSizeInGB left out (it makes no difference to a deployment)"]
    );
    assert_eq!(
        o.document.endpoint.current_variants,
        DesignDocument::default().endpoint.current_variants
    );
}

#[test]
fn jsonata_arguments_are_placeholders_where_they_compute() {
    let o = read(&fixture("jsonata.asl.json"));
    assert_eq!(o.document.request.retain_all_variant_properties, Some(true));
    let rolling = o
        .document
        .request
        .deployment_config
        .unwrap()
        .rolling_update_policy
        .unwrap();
    assert_eq!(rolling.maximum_batch_size.unwrap().value, Some(25));
    assert_eq!(rolling.maximum_execution_timeout_in_seconds, Some(7200));
    assert_eq!(
        o.document
            .placeholders
            .iter()
            .map(|p| (p.path.as_str(), p.expression.as_str()))
            .collect::<Vec<_>>(),
        vec![
            ("EndpointName", "{% $states.input.endpoint %}"),
            (
                "EndpointConfigName",
                "{% 'search-' & $states.input.version %}"
            ),
        ]
    );
}

#[test]
fn tasks_are_found_in_branches_and_in_a_template() {
    // A Parallel state's branch, inside a CloudFormation template's Definition.
    let text = r#"{"Resources": {"Machine": {"Type": "AWS::StepFunctions::StateMachine", "Properties": {
      "Definition": {"StartAt": "Both", "States": {"Both": {"Type": "Parallel", "End": true, "Branches": [
        {"StartAt": "Notify", "States": {"Notify": {"Type": "Pass", "End": true}}},
        {"StartAt": "Update", "States": {"Update": {"Type": "Task",
          "Resource": "arn:aws:states:::sagemaker:updateEndpoint.waitForTaskToken",
          "Parameters": {"EndpointName": "orders", "EndpointConfigName.$": "$.cfg", "RetainDeploymentConfig": true},
          "End": true}}}]}}}}}}}"#;
    let o = read(text);
    assert_eq!(o.document.request.endpoint_name.as_deref(), Some("orders"));
    assert_eq!(o.document.request.retain_deployment_config, Some(true));
    assert_eq!(o.document.placeholders[0].path, "EndpointConfigName");
    assert_eq!(o.document.placeholders[0].expression, "$.cfg");
}

#[test]
fn two_update_tasks_offer_a_choice() {
    let text = r#"{"StartAt": "A", "States": {
      "A": {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:updateEndpoint", "Parameters": {"EndpointName": "a", "EndpointConfigName": "x"}, "Next": "B"},
      "B": {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:updateEndpoint", "Parameters": {"EndpointName": "b", "EndpointConfigName": "y"}, "End": true}}}"#;
    let o = read(text);
    assert_eq!(o.document.request.endpoint_name.as_deref(), Some("a"));
    assert_eq!(o.choices[0].options.len(), 2);
    assert_eq!(o.choices[0].options[1].label, "\"B\" (line 3)");
    let pick = Options {
        choices: vec![(o.choices[0].name.clone(), 1)],
    };
    let o = import(text, &DesignDocument::default(), &pick).unwrap();
    assert_eq!(o.document.request.endpoint_name.as_deref(), Some("b"));
}

#[test]
fn refusals_say_what_and_where() {
    let m = refused("{\"StartAt\": \"U\", \"States\": {\"U\": {\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::sagemaker:updateEndpoint\", \"End\": true}}}");
    assert!(
        m.contains("\"U\"") && m.contains("no Parameters or Arguments") && m.contains("line 1"),
        "{m}"
    );
    // A broken brace in the definition: the JSON parser's place.
    let m = refused("{\"States\": {\"U\": {\"Resource\": \"arn:aws:states:::sagemaker:updateEndpoint\",\n \"Parameters\": {\"EndpointName\": \"e\"}\n}");
    assert!(m.contains("line 3"), "{m}");
    // A member the request does not have.
    let m = refused("{\"States\": {\"U\": {\"Resource\": \"arn:aws:states:::sagemaker:updateEndpoint\", \"Parameters\": {\"EndpointName\": \"e\", \"Tags\": []}}}}");
    assert!(m.contains("Unknown parameter in input: \"Tags\""), "{m}");
    // The whole input from the state.
    let m = refused("{\"States\": {\"U\": {\"Resource\": \"arn:aws:states:::sagemaker:updateEndpoint\", \"Parameters.$\": \"$.request\"}}}");
    assert!(m.contains("$.request"), "{m}");
}

#[test]
fn detection_takes_state_machines_only() {
    assert!(stepfunctions::detect(&fixture(
        "retrain-and-deploy.asl.json"
    )));
    assert!(!stepfunctions::detect("{\"EndpointName\": \"e\"}"));
    // Code that writes the state as an object literal is read; a CDK endpoint stack that
    // also names the integration is the CDK importer's.
    assert!(stepfunctions::detect("new sfn.CustomState(this, 'U', { stateJson: { Resource: 'arn:aws:states:::sagemaker:updateEndpoint' } })"));
    assert!(!stepfunctions::detect(
        "new CfnEndpoint(this, 'E', {}); const r = 'arn:aws:states:::sagemaker:updateEndpoint';"
    ));
    // A template whose state machine is a string (`DefinitionString`) is CloudFormation's.
    assert!(!stepfunctions::detect(
        r#"{"Resources": {"M": {"Properties": {"DefinitionString": "{\"Resource\": \"arn:aws:states:::sagemaker:updateEndpoint\"}"}}}}"#
    ));
    // A YAML definition (unquoted ARN) is claimed: ASL is written in YAML too.
    assert!(stepfunctions::detect(
        "States:\n  U:\n    Resource: arn:aws:states:::sagemaker:updateEndpoint\n"
    ));
}

#[test]
fn states_written_as_object_literals_in_cdk_code() {
    let text = fixture("custom-state.ts");
    assert!(stepfunctions::detect(&text));
    let o = read(&text);
    assert_eq!(
        o.form,
        "a Step Functions `sagemaker:updateEndpoint` task (in TypeScript code)"
    );
    let rolling = o
        .document
        .request
        .deployment_config
        .as_ref()
        .unwrap()
        .rolling_update_policy
        .as_ref()
        .unwrap();
    assert_eq!(rolling.maximum_batch_size.as_ref().unwrap().value, Some(1));
    assert_eq!(
        placeholders(&o),
        vec![
            ph("EndpointName", "$.endpoint", 26, 27),
            ph("EndpointConfigName", "$.configName", 27, 33),
            ph(
                "DeploymentConfig.AutoRollbackConfiguration.Alarms[0].AlarmName",
                "alarmName",
                33,
                62
            ),
            ph("Endpoint.NewVariants[0].ModelName", "$.model", 14, 55),
        ]
    );
    assert_eq!(
        o.document.endpoint.new_variants[0].instance_type.as_deref(),
        Some("ml.inf2.xlarge")
    );
    assert!(
        o.notes[0].contains("createEndpointConfig task \"CreateConfig\": 1 variant, 2 instances"),
        "{:?}",
        o.notes
    );

    // Python, inside JSON.stringify's counterpart.
    let py = "definition = json.dumps({'StartAt': 'U', 'States': {'U': {'Type': 'Task',\n  'Resource': 'arn:aws:states:::sagemaker:updateEndpoint',\n  'Parameters': {'EndpointName': endpoint_name, 'EndpointConfigName.$': '$.cfg'}, 'End': True}}})\n";
    let o = read(py);
    assert_eq!(
        o.form,
        "a Step Functions `sagemaker:updateEndpoint` task (in Python code)"
    );
    assert_eq!(
        o.document
            .placeholders
            .iter()
            .map(|p| p.expression.as_str())
            .collect::<Vec<_>>(),
        vec!["endpoint_name", "$.cfg"]
    );
}

#[test]
fn a_state_machine_in_a_sam_template_in_yaml_gives_the_task_with_its_substitutions_as_placeholders() {
    let o = read(&fixture("sam-redeploy.yaml"));
    assert_eq!(o.form, "a Step Functions `sagemaker:updateEndpoint` task (YAML)");
    let r = &o.document.request;
    let route = routing(r);
    assert_eq!(route.type_, Some(TrafficRoutingConfigType::Canary));
    assert_eq!(route.wait_interval_in_seconds, Some(600));
    let size = route.canary_size.as_ref().unwrap();
    assert_eq!((size.type_.clone(), size.value), (Some(CapacitySizeType::CapacityPercent), Some(10)));
    // Filled in later: by DefinitionSubstitutions, by the execution's input, by CloudFormation.
    let mut got = placeholders(&o);
    got.sort();
    let mut want = vec![
        ph("EndpointName", "${EndpointName}", 28, 29),
        ph("EndpointConfigName", "$.newConfigName", 29, 37),
        ph(
            "DeploymentConfig.AutoRollbackConfiguration.Alarms[1].AlarmName",
            "!Sub basket-recs-${Stage}-latency",
            42,
            35,
        ),
    ];
    want.sort();
    assert_eq!(got.iter().map(|p| (&p.0, &p.1)).collect::<Vec<_>>(), want.iter().map(|p| (&p.0, &p.1)).collect::<Vec<_>>());
    for (g, w) in got.iter().zip(&want) {
        assert_eq!(g.2, w.2, "{}: line", g.0);
    }
    let alarms = alarms(r);
    assert_eq!(alarms[0].alarm_name.as_deref(), Some("basket-recs-5xx"));
}

#[test]
fn an_asl_yaml_task_with_a_broken_indent_is_not_taken_for_code() {
    let text = "StartAt: Deploy\nStates:\n  Deploy:\n    Type: Task\n    Resource: arn:aws:states:::sagemaker:updateEndpoint\n    Parameters:\n      EndpointName: ep\n     EndpointConfigName: cfg\n    End: true\n";
    let message = refused(text);
    assert!(!message.is_empty());
    // The same machine, indented right, reads.
    let fixed = text.replace("     EndpointConfigName", "      EndpointConfigName");
    let o = read(&fixed);
    assert_eq!(o.document.request.endpoint_config_name.as_deref(), Some("cfg"));
    assert_eq!(o.document.request.endpoint_name.as_deref(), Some("ep"));
}
