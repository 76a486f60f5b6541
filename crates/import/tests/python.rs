//! Python snippets in the styles people write them (a Lambda handler, a notebook cell, a
//! deploy script, a pytest with a stubbed client, the SDK's predictor, AWS's request
//! syntax), read through the crate's `import` entry point: the request each gives, the
//! placeholders at their paths, the form and the notes.

use designer_core::model::DesignDocument;
use designer_import::{import, Options, Outcome};

mod common;
use common::*;

fn fixture(name: &str) -> String {
    common::fixture(&format!("python/{name}"))
}

fn has_note(o: &Outcome, words: &[&str]) {
    assert!(
        o.notes.iter().any(|n| words.iter().all(|w| n.contains(w))),
        "no note with {words:?} in {:#?}",
        o.notes
    );
}

#[test]
fn lambda_handler_resolves_the_dict_built_and_extended_around_the_call() {
    let o = read_with(&fixture("lambda_handler.py"), &Options::default());
    assert_eq!(o.form, "a boto3 `update_endpoint` call");
    assert_eq!(
        o.document.request,
        request(
            r#"{"DeploymentConfig": {
                "BlueGreenUpdatePolicy": {
                    "TrafficRoutingConfiguration": {"Type": "CANARY",
                        "CanarySize": {"Type": "CAPACITY_PERCENT", "Value": 10},
                        "WaitIntervalInSeconds": 600},
                    "TerminationWaitInSeconds": 300},
                "AutoRollbackConfiguration": {"Alarms": [
                    {"AlarmName": "ep-5xx-errors"}, {"AlarmName": "ep-model-latency"}]}}}"#
        )
    );
    assert_eq!(
        placeholders(&o),
        vec![
            ph("EndpointName", "os.environ[\"ENDPOINT_NAME\"]", 13, 12),
            ph(
                "EndpointConfigName",
                "event[\"detail\"][\"EndpointConfigName\"]",
                32,
                18
            ),
            ph(
                "DeploymentConfig.BlueGreenUpdatePolicy.MaximumExecutionTimeoutInSeconds",
                "int(os.environ.get(\"MAX_WAIT\", \"3600\"))",
                25,
                45
            ),
        ]
    );
    assert!(o.notes.is_empty(), "{:?}", o.notes);
    // The one environment variable with a default is offered; the others have none.
    assert_eq!(o.choices.len(), 1);
    assert_eq!(o.choices[0].name, "defaults");
    assert_eq!(o.choices[0].options[1].label, "fill in the defaults (MAX_WAIT = 3600)");
}

#[test]
fn notebook_cell_says_which_config_the_retained_one_is() {
    let o = read_with(&fixture("notebook_cell.py"), &Options::default());
    assert_eq!(o.form, "a boto3 `update_endpoint` call");
    assert_eq!(
        o.document.request,
        request(r#"{"RetainDeploymentConfig": true}"#)
    );
    assert_eq!(
        placeholders(&o),
        vec![
            ph(
                "EndpointName",
                "f\"churn-xgb-{time.strftime('%Y%m%d')}\"",
                8,
                17
            ),
            ph(
                "EndpointConfigName",
                "(\"churn-xgb-config-\" + model_version)",
                28,
                59
            ),
        ]
    );
    has_note(
        &o,
        &[
            "RetainDeploymentConfig=True",
            "line 27",
            "create_endpoint",
            "line 11",
            "LINEAR",
        ],
    );
}

#[test]
fn deploy_script_offers_the_branches_and_imports_the_pick() {
    let text = fixture("deploy_script.py");
    let o = read_with(&text, &Options::default());
    assert_eq!(o.form, "a boto3 `update_endpoint` call");
    let rolling = r#"{"RetainAllVariantProperties": true,
        "ExcludeRetainedVariantProperties": [{"VariantPropertyType": "DesiredInstanceCount"}],
        "DeploymentConfig": {"RollingUpdatePolicy": {
            "MaximumBatchSize": {"Type": "CAPACITY_PERCENT", "Value": 25},
            "WaitIntervalInSeconds": 300,
            "RollbackMaximumBatchSize": {"Type": "CAPACITY_PERCENT", "Value": 100}}}}"#;
    assert_eq!(o.document.request, request(rolling));
    assert_eq!(
        placeholders(&o),
        vec![
            ph(
                "EndpointName",
                "os.getenv(\"ENDPOINT_NAME\", \"fraud-detector\")",
                34,
                22
            ),
            ph("EndpointConfigName", "args.config_name", 35, 28),
        ]
    );
    // The branches, and the default of the endpoint's environment variable.
    assert_eq!(o.choices.len(), 2);
    assert_eq!(
        o.choices[1].options[1].label,
        "fill in the defaults (ENDPOINT_NAME = \"fraud-detector\")"
    );
    let c = &o.choices[0];
    assert_eq!(c.name, "deployment_config");
    assert_eq!(c.chosen, 0);
    let options: Vec<(u32, &str)> = c
        .options
        .iter()
        .map(|x| (x.line, x.label.as_str()))
        .collect();
    assert_eq!(
        options,
        vec![(19, "if args.env == \"prod\":"), (27, "else:")]
    );
    has_note(
        &o,
        &[
            "`deployment_config` is assigned in 2 places",
            "line 19",
            "line 27",
        ],
    );
    has_note(&o, &["Lines 39, 40", "KEEP_WEIGHTS"]);

    // The user picks the other branch.
    let picked = Options {
        choices: vec![("deployment_config".to_string(), 1)],
    };
    let o = read_with(&text, &picked);
    assert_eq!(o.choices[0].chosen, 1);
    assert_eq!(
        o.document.request,
        request(
            r#"{"RetainAllVariantProperties": true,
            "ExcludeRetainedVariantProperties": [{"VariantPropertyType": "DesiredInstanceCount"}],
            "DeploymentConfig": {"BlueGreenUpdatePolicy": {"TrafficRoutingConfiguration":
                {"Type": "ALL_AT_ONCE", "WaitIntervalInSeconds": 0}}}}"#
        )
    );
}

#[test]
fn pytest_expected_params_is_the_request() {
    let o = read_with(&fixture("test_deploy.py"), &Options::default());
    assert_eq!(o.form, "a Python request dict");
    assert_eq!(
        o.document.request,
        request(
            r#"{"EndpointName": "orders-ranker", "DeploymentConfig": {
                "BlueGreenUpdatePolicy": {"TrafficRoutingConfiguration": {"Type": "CANARY",
                    "CanarySize": {"Type": "INSTANCE_COUNT", "Value": 1}, "WaitIntervalInSeconds": 300},
                    "TerminationWaitInSeconds": 120},
                "AutoRollbackConfiguration": {"Alarms": [{"AlarmName": "orders-ranker-p99"}]}}}"#
        )
    );
    assert_eq!(
        placeholders(&o),
        vec![ph("EndpointConfigName", "config_name", 27, 72)]
    );
}

#[test]
fn sdk_predictor_is_named_a_different_api_and_its_config_dict_imported() {
    let o = read_with(&fixture("sdk_predictor.py"), &Options::default());
    assert_eq!(o.form, "a Python `DeploymentConfig` dict");
    assert_eq!(
        o.document.request,
        request(
            r#"{"DeploymentConfig": {
                "AutoRollbackConfiguration": {"Alarms": [{"AlarmName": "reviews-sentiment-errors"}]},
                "BlueGreenUpdatePolicy": {"TrafficRoutingConfiguration": {"Type": "ALL_AT_ONCE", "WaitIntervalInSeconds": 60}}}}"#
        )
    );
    assert!(o.document.placeholders.is_empty());
    has_note(
        &o,
        &[
            "SageMaker Python SDK",
            "different API",
            "line 11",
            "dict the snippet builds at line 6",
            "paste the boto3 `update_endpoint` call",
        ],
    );
}

#[test]
fn sdk_predictor_without_a_config_is_refused_with_what_to_paste() {
    let text = "predictor = Predictor('ep')\n\npredictor.update_endpoint(initial_instance_count=3, instance_type='ml.c5.large')\n";
    let r = import(text, &DesignDocument::default(), &Options::default()).unwrap_err();
    assert_eq!((r.error.line, r.error.column), (Some(3), Some(11)));
    assert!(
        r.error.message.contains("different API"),
        "{}",
        r.error.message
    );
    assert!(
        r.error.message.contains("Paste the boto3 call"),
        "{}",
        r.error.message
    );
}

#[test]
fn sdk_session_update_endpoint_gives_the_names() {
    let text = "import sagemaker\nsess = sagemaker.Session()\nname = 'churn-ep'\nsess.update_endpoint(name, f'churn-cfg-{version}', wait=False)\n";
    let o = read_with(text, &Options::default());
    assert_eq!(
        o.form,
        "a SageMaker Python SDK `Session.update_endpoint` call"
    );
    assert_eq!(
        o.document.request,
        request(r#"{"EndpointName": "churn-ep"}"#)
    );
    assert_eq!(
        placeholders(&o),
        vec![ph("EndpointConfigName", "f'churn-cfg-{version}'", 4, 28)]
    );
    let o = read_with("session.update_endpoint('a', 'b')", &Options::default());
    assert_eq!(
        o.document.request,
        request(r#"{"EndpointName": "a", "EndpointConfigName": "b"}"#)
    );
    let o = read_with(text, &Options::default());
    has_note(
        &o,
        &[
            "`sess.update_endpoint(...)` at line 4, column 6",
            "Session.update_endpoint",
            "no deployment policy",
        ],
    );
    let o = read_with(
        "sagemaker_session.update_endpoint(endpoint_name='a', endpoint_config_name='b')",
        &Options::default(),
    );
    assert_eq!(
        o.document.request,
        request(r#"{"EndpointName": "a", "EndpointConfigName": "b"}"#)
    );
}

#[test]
fn aws_request_syntax_becomes_placeholders() {
    let o = read_with(&fixture("request_syntax.py"), &Options::default());
    assert_eq!(
        o.document.request,
        request(
            r#"{"DeploymentConfig": {"BlueGreenUpdatePolicy": {"TrafficRoutingConfiguration":
                {"WaitIntervalInSeconds": 123, "CanarySize": {}}}}}"#
        )
    );
    has_note(&o, &["This is AWS's request syntax: 6 of its values"]);
    let prefix = "DeploymentConfig.BlueGreenUpdatePolicy";
    assert_eq!(
        placeholders(&o),
        vec![
            ph("EndpointName", "'string'", 2, 18),
            ph("EndpointConfigName", "'string'", 3, 24),
            ph("RetainAllVariantProperties", "True|False", 4, 32),
            ph(
                &format!("{prefix}.TrafficRoutingConfiguration.Type"),
                "'ALL_AT_ONCE'|'CANARY'|'LINEAR'",
                8,
                25
            ),
            ph(
                &format!("{prefix}.TrafficRoutingConfiguration.CanarySize.Type"),
                "'INSTANCE_COUNT'|'CAPACITY_PERCENT'",
                11,
                29
            ),
            ph(
                &format!("{prefix}.TrafficRoutingConfiguration.CanarySize.Value"),
                "number",
                12,
                30
            ),
            ph(
                &format!("{prefix}.TerminationWaitInSeconds"),
                "'A'|'B' (default)",
                15,
                41
            ),
        ]
    );
}

#[test]
fn environment_defaults_are_offered_and_filled_in_when_picked() {
    let text = fixture("promote_from_ci.py");
    // As the script says: what the environment decides is left to fill in.
    let o = read(&text);
    let mut paths: Vec<String> = placeholders(&o).into_iter().map(|p| p.0).collect();
    paths.sort();
    let bg = "DeploymentConfig.BlueGreenUpdatePolicy";
    let routing = format!("{bg}.TrafficRoutingConfiguration");
    assert_eq!(
        paths,
        [
            "DeploymentConfig.AutoRollbackConfiguration.Alarms[0].AlarmName".to_string(),
            format!("{bg}.TerminationWaitInSeconds"),
            format!("{routing}.CanarySize.Value"),
            format!("{routing}.WaitIntervalInSeconds"),
            "EndpointConfigName".to_string(),
            "EndpointName".to_string(),
        ]
    );
    // Not the region (no part of the request), nor the alarm (its default is an f-string),
    // nor float("300"): it sends 300.0, which botocore refuses for an integer member.
    defaults_offered(
        &o,
        3,
        &["SCORING_ENDPOINT = \"scoring-prod\"", "BAKE_SECONDS = 900", "CANARY_PERCENT = 10"],
        &["AWS_REGION", "ROLLBACK_ALARM", "TERMINATION_WAIT"],
    );
    has_note(&o, &["The default TERMINATION_WAIT = 300 is not offered for DeploymentConfig.BlueGreenUpdatePolicy.TerminationWaitInSeconds", "<class 'float'>"]);

    // Picked: the defaults are the design's values; what has none stays to fill in.
    let options = Options { choices: vec![("defaults".to_string(), 1)] };
    let filled = read_with(&text, &options);
    let left: Vec<String> = placeholders(&filled).into_iter().map(|p| p.0).collect();
    assert_eq!(left.len(), 3, "{left:?}");
    assert!(left.contains(&"EndpointConfigName".to_string()), "{left:?}");
    assert!(left.contains(&format!("{bg}.TerminationWaitInSeconds")), "{left:?}");
    let r = &filled.document.request;
    assert_eq!(r.endpoint_name.as_deref(), Some("scoring-prod"));
    let trc = common::routing(r);
    assert_eq!(trc.wait_interval_in_seconds, Some(900));
    assert_eq!(trc.canary_size.as_ref().and_then(|c| c.value), Some(10));
    assert!(filled.notes.iter().any(|n| n.contains("Filled in with the text's defaults")), "{:?}", filled.notes);
}

#[test]
fn json_constants_in_python_are_named_and_left_to_fill_in() {
    // Copied from a JSON request into a script: Python has no `true` or `null`.
    let o = read("sm.update_endpoint(\n    EndpointName='ep',\n    RetainDeploymentConfig=true,\n)\n");
    assert_eq!(o.document.request.endpoint_name.as_deref(), Some("ep"));
    assert_eq!(placeholders(&o), vec![ph("RetainDeploymentConfig", "true", 3, 28)]);
    has_note(&o, &["`true` at line 3, column 28 is JSON's spelling, not Python's (`True`)", "NameError"]);
    // A name the script does define is its value, whatever it is called.
    let o = read("true = True\nsm.update_endpoint(EndpointName='ep', RetainDeploymentConfig=true)\n");
    assert_eq!(o.document.request.retain_deployment_config, Some(true));
    assert!(o.notes.iter().all(|n| !n.contains("JSON's spelling")), "{:#?}", o.notes);
}

/// A small case: the snippet, the request JSON it gives, its placeholders as (path, expr).
type Case<'a> = (&'a str, &'a str, &'a [(&'a str, &'a str)]);

#[test]
fn table_of_small_snippets() {
    let cases: &[Case] = &[
        // kwargs dict unpacked into the call, a trailing comma, a comment.
        (
            "params = {'EndpointName': 'ep',  # the name\n 'EndpointConfigName': 'c',}\nsm.update_endpoint(**params)",
            r#"{"EndpointName": "ep", "EndpointConfigName": "c"}"#,
            &[],
        ),
        // Indented inside an if inside a def; a parenthesised value; double quotes.
        (
            "def go():\n    if True:\n        client.update_endpoint(EndpointName=(\"ep\"), RetainDeploymentConfig=True)\n",
            r#"{"EndpointName": "ep", "RetainDeploymentConfig": true}"#,
            &[],
        ),
        // A name never assigned, a cfg.get with a default, json.dumps.
        (
            "sm.update_endpoint(EndpointName=name, EndpointConfigName=cfg.get('x', 20), DeploymentConfig=json.loads(raw))",
            "{}",
            &[("EndpointName", "name"), ("EndpointConfigName", "cfg.get('x', 20)"), ("DeploymentConfig", "json.loads(raw)")],
        ),
        // An f-string without fields is a plain string; one with fields is a placeholder.
        (
            "sm.update_endpoint(EndpointName=f'plain', EndpointConfigName=f'{base}-v2')",
            r#"{"EndpointName": "plain"}"#,
            &[("EndpointConfigName", "f'{base}-v2'")],
        ),
        // Nested extension, update() and del.
        (
            "dc = {'BlueGreenUpdatePolicy': {'TrafficRoutingConfiguration': {'Type': 'ALL_AT_ONCE'}}}\ndc['BlueGreenUpdatePolicy']['TrafficRoutingConfiguration']['WaitIntervalInSeconds'] = 30\ndc.update({'AutoRollbackConfiguration': {'Alarms': []}})\ndc.update(RollingUpdatePolicy=None)\ndel dc['RollingUpdatePolicy']\nsm.update_endpoint(DeploymentConfig=dc)",
            r#"{"DeploymentConfig": {"BlueGreenUpdatePolicy": {"TrafficRoutingConfiguration": {"Type": "ALL_AT_ONCE", "WaitIntervalInSeconds": 30}}, "AutoRollbackConfiguration": {"Alarms": []}}}"#,
            &[],
        ),
        // Spread of a base dict with an override; a dict subscript and a list index.
        (
            "base = {'EndpointName': 'a', 'EndpointConfigName': 'b'}\nnames = ['x', 'y']\nconfigs = {'prod': {'RollingUpdatePolicy': {'WaitIntervalInSeconds': 60}}}\nreq = {**base, 'EndpointConfigName': names[-1], 'DeploymentConfig': configs['prod']}\nsm.update_endpoint(**req)",
            r#"{"EndpointName": "a", "EndpointConfigName": "y", "DeploymentConfig": {"RollingUpdatePolicy": {"WaitIntervalInSeconds": 60}}}"#,
            &[],
        ),
        // A request compared in a test.
        (
            "ENDPOINT = 'ep'\ndef test_it(config):\n    assert build_request() == {\"EndpointName\": ENDPOINT, \"DeploymentConfig\": config}\n",
            r#"{"EndpointName": "ep"}"#,
            &[("DeploymentConfig", "config")],
        ),
        // A mock's assert_called_once_with.
        (
            "client.update_endpoint.assert_called_once_with(EndpointName='ep', EndpointConfigName=cfg_name)",
            r#"{"EndpointName": "ep"}"#,
            &[("EndpointConfigName", "cfg_name")],
        ),
        // A list comprehension and a conditional are placeholders.
        (
            "sm.update_endpoint(DeploymentConfig={'AutoRollbackConfiguration': {'Alarms': [{'AlarmName': a} for a in alarms]}}, EndpointName='a' if prod else 'b')",
            r#"{"DeploymentConfig": {"AutoRollbackConfiguration": {}}}"#,
            &[("DeploymentConfig.AutoRollbackConfiguration.Alarms", "[{'AlarmName': a} for a in alarms]"), ("EndpointName", "'a' if prod else 'b'")],
        ),
        // A wrapper named update_endpoint is defined, then called with the boto3 call inside.
        (
            "def update_endpoint(name):\n    return sm.update_endpoint(EndpointName=name, RetainDeploymentConfig=True)\n",
            r#"{"RetainDeploymentConfig": true}"#,
            &[("EndpointName", "name")],
        ),
        // A name assigned in another function does not count.
        (
            "def other():\n    name = 'wrong'\n\ndef main():\n    sm.update_endpoint(EndpointName=name)\n",
            "{}",
            &[("EndpointName", "name")],
        ),
        // A later plain reassignment wins without a choice.
        (
            "n = 'a'\nn = 'b'\nsm.update_endpoint(EndpointName=n)",
            r#"{"EndpointName": "b"}"#,
            &[],
        ),
        // A DeploymentConfig dict built and extended in a function.
        (
            "def policy(alarm):\n    dc = {'AutoRollbackConfiguration': {'Alarms': [{'AlarmName': alarm}]}}\n    dc['RollingUpdatePolicy'] = {'WaitIntervalInSeconds': 30}\n    return dc\n\nprint(policy('x'))\n",
            r#"{"DeploymentConfig": {"AutoRollbackConfiguration": {"Alarms": [{}]}, "RollingUpdatePolicy": {"WaitIntervalInSeconds": 30}}}"#,
            &[("DeploymentConfig.AutoRollbackConfiguration.Alarms[0].AlarmName", "alarm")],
        ),
        // A bare DeploymentConfig dict.
        (
            "blue_green = {\"BlueGreenUpdatePolicy\": {\"TrafficRoutingConfiguration\": {\"Type\": \"ALL_AT_ONCE\", \"WaitIntervalInSeconds\": wait}}}",
            r#"{"DeploymentConfig": {"BlueGreenUpdatePolicy": {"TrafficRoutingConfiguration": {"Type": "ALL_AT_ONCE"}}}}"#,
            &[("DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration.WaitIntervalInSeconds", "wait")],
        ),
    ];
    for (text, want, want_ph) in cases {
        let o = read_with(text, &Options::default());
        assert_eq!(o.document.request, request(want), "{text}");
        let got: Vec<(String, String)> = o
            .document
            .placeholders
            .iter()
            .map(|p| (p.path.clone(), p.expression.clone()))
            .collect();
        let want_ph: Vec<(String, String)> = want_ph
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect();
        assert_eq!(got, want_ph, "{text}");
    }
}

#[test]
fn a_default_overridden_in_branches_lists_every_assignment() {
    let text = "def build(env):\n    wait = 300\n    if env == 'prod':\n        wait = 900\n    elif env == 'stage':\n        wait = 600\n    return {'EndpointName': 'ep', 'DeploymentConfig': {'RollingUpdatePolicy': {'WaitIntervalInSeconds': wait}}}\n";
    let o = read_with(text, &Options::default());
    assert_eq!(o.form, "a Python request dict");
    let c = &o.choices[0];
    assert_eq!(c.name, "wait");
    let options: Vec<(u32, &str)> = c
        .options
        .iter()
        .map(|x| (x.line, x.label.as_str()))
        .collect();
    assert_eq!(
        options,
        vec![
            (2, "wait = 300"),
            (4, "if env == 'prod':"),
            (6, "elif env == 'stage':")
        ]
    );
    let wait = |o: &Outcome| {
        o.document
            .request
            .deployment_config
            .as_ref()
            .and_then(|d| d.rolling_update_policy.as_ref())
            .and_then(|r| r.wait_interval_in_seconds)
    };
    assert_eq!(wait(&o), Some(300));
    let o = read_with(
        text,
        &Options {
            choices: vec![("wait".into(), 2)],
        },
    );
    assert_eq!(wait(&o), Some(600));
    // A pick beyond the options takes the last one rather than failing.
    let o = read_with(
        text,
        &Options {
            choices: vec![("wait".into(), 9)],
        },
    );
    assert_eq!(wait(&o), Some(600));
}

#[test]
fn several_calls_are_a_choice() {
    let text = "if blue:\n    sm.update_endpoint(EndpointName='a')\nelse:\n    sm.update_endpoint(EndpointName='b')\n";
    let o = read_with(text, &Options::default());
    assert_eq!(o.document.request.endpoint_name.as_deref(), Some("a"));
    assert_eq!(o.choices[0].name, "update_endpoint");
    assert_eq!(
        o.choices[0]
            .options
            .iter()
            .map(|x| x.line)
            .collect::<Vec<_>>(),
        vec![2, 4]
    );
    assert_eq!(o.choices[0].options[1].label, "else:");
    has_note(&o, &["calls `update_endpoint` 2 times", "lines 2, 4"]);
    let o = read_with(
        text,
        &Options {
            choices: vec![("update_endpoint".into(), 1)],
        },
    );
    assert_eq!(o.document.request.endpoint_name.as_deref(), Some("b"));
}

#[test]
fn refusals_say_what_and_where() {
    let cases: &[(&str, u32, u32, &str)] = &[
        ("sm.update_endpoint(EndpointName='ep'", 1, 37, "')' missing"),
        (
            "sm.update_endpoint(EndpointName='ep)",
            1,
            33,
            "never closed",
        ),
        ("sm.update_endpoint('ep')", 1, 20, "keyword arguments only"),
        (
            "sm.update_endpoint(DeploymentConfig={'Bogus': 1})",
            1,
            38,
            "Unknown parameter in DeploymentConfig",
        ),
        (
            "sm.update_endpoint(EndpointName=5)",
            1,
            33,
            "Invalid type for parameter EndpointName",
        ),
        (
            "sm.update_endpoint(DeploymentConfig={'A': 1 'B': 2})",
            1,
            45,
            "expected ','",
        ),
        (
            "sm.update_endpoint(**params)",
            1,
            22,
            "paste the code that builds it",
        ),
        (
            "x = {'EndpointName': 'a'\nsm.update_endpoint(**x)",
            1,
            5,
            "never closed",
        ),
        // The page's bad-input cases for Python, now read here.
        ("client.update_endpoint(EndpointName=\"a\", EndpointConfigName=)", 1, 61, "expected a value"),
        ("sm.update_endpoint(\n    EndpointName=\"ep\",\n", 3, 1, "is a ')' missing"),
        ("update_endpoint(EndpointName=\"a\", EndpointName=\"b\")", 1, 35, "keyword argument EndpointName is repeated"),
        ("update_endpoint(EndpointName=\"a\", EndpointConfigName=\"b\", RetainAllVariantProperties=\"yes\")", 1, 86, "Invalid type for parameter RetainAllVariantProperties"),
        ("{'EndpointName': 'a',\n 'EndpointName': 'b'}", 2, 2, "duplicate key 'EndpointName'"),
    ];
    for (text, line, column, words) in cases {
        let r = match import(text, &DesignDocument::default(), &Options::default()) {
            Err(r) => r,
            Ok(o) => panic!("accepted {text:?}: {:?}", o.document.request),
        };
        assert_eq!(
            (r.error.line, r.error.column),
            (Some(*line), Some(*column)),
            "{text:?}: {}",
            r.error.message
        );
        assert!(
            r.error.message.contains(words),
            "{text:?}: {}",
            r.error.message
        );
    }
}

#[test]
fn json_texts_still_go_to_the_core() {
    let o = read_with(
        r#"{"EndpointName": "ep", "EndpointConfigName": "c"}"#,
        &Options::default(),
    );
    assert_eq!(o.form, "a request (--cli-input-json)");
    // A broken JSON request keeps the JSON reader's message.
    let text = "{\"EndpointName\": \"ep\",\n \"DeploymentConfig\": {\"RollingUpdatePolicy\": {}}";
    let r = import(text, &DesignDocument::default(), &Options::default()).unwrap_err();
    let core = designer_core::import::import_json(text, &DesignDocument::default()).unwrap_err();
    assert_eq!(r.error, core);
    // A document with a trailing comma stays a JSON error.
    let text = "{\"Version\": 1, \"Request\": {},}";
    let r = import(text, &DesignDocument::default(), &Options::default()).unwrap_err();
    assert_eq!(
        r.error,
        designer_core::import::import_json(text, &DesignDocument::default()).unwrap_err()
    );
    // A Python dict of keyword arguments (single quotes) is read here.
    let o = read_with(
        "{'EndpointName': 'ep', 'RetainDeploymentConfig': True}",
        &Options::default(),
    );
    assert_eq!(o.form, "a Python request dict");
    assert_eq!(
        o.document.request,
        request(r#"{"EndpointName": "ep", "RetainDeploymentConfig": true}"#)
    );
}

#[test]
fn the_endpoint_and_simulation_are_kept() {
    let mut current = DesignDocument::default();
    current.simulation.provisioning_seconds = 123;
    let o = import(
        "sm.update_endpoint(EndpointName='ep')",
        &current,
        &Options::default(),
    )
    .unwrap();
    assert_eq!(o.document.simulation.provisioning_seconds, 123);
    assert_eq!(o.document.endpoint, current.endpoint);
}

/// Mutations per fixture: 400, or `FUZZ_CASES` for a longer run.
fn per_fixture() -> usize {
    std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(400)
}

/// Truncations, flipped bytes and inserted quotes, brackets and backslashes of every
/// fixture: the import answers (accepts or refuses with a place) and never panics.
#[test]
fn mutated_fixtures_never_panic() {
    const NOISE: &[&str] = &[
        "'", "\"", "{", "}", "(", ")", "[", "]", "\\", "\n", "#", "**", "=", ":", ",", "f'",
        "\"\"\"", "é", "\t", "if x:\n",
    ];
    let names = [
        "lambda_handler.py",
        "notebook_cell.py",
        "deploy_script.py",
        "test_deploy.py",
        "sdk_predictor.py",
        "request_syntax.py",
    ];
    let mut rng = Rng(0x5eed_1234_abcd_0042);
    let doc = DesignDocument::default();
    let mut cases = 0;
    for name in names {
        let text = fixture(name);
        for _ in 0..per_fixture() {
            let mut bytes = text.clone().into_bytes();
            for _ in 0..1 + rng.below(4) {
                match rng.below(3) {
                    0 => bytes.truncate(rng.below(bytes.len() + 1)),
                    1 if !bytes.is_empty() => {
                        let i = rng.below(bytes.len());
                        bytes[i] ^= 1 << rng.below(8);
                    }
                    _ => {
                        let i = rng.below(bytes.len() + 1);
                        let noise = NOISE[rng.below(NOISE.len())].as_bytes();
                        bytes.splice(i..i, noise.iter().copied());
                    }
                }
            }
            let mutated = String::from_utf8_lossy(&bytes).into_owned();
            let picks = Options {
                choices: vec![
                    ("deployment_config".into(), rng.below(4)),
                    ("update_endpoint".into(), rng.below(3)),
                ],
            };
            if let Err(r) = import(&mutated, &doc, &picks) {
                assert!(!r.error.message.is_empty());
            }
            cases += 1;
        }
    }
    assert_eq!(cases, 6 * per_fixture());
}

/// A 1 MB snippet (a long alarm list built in a dict that is then extended, among many
/// other statements) imports well under a second; the bound is only a safety net.
#[test]
fn a_megabyte_snippet_imports_quickly() {
    let mut text = String::from("import boto3\nsm = boto3.client('sagemaker')\n");
    let mut k = 0;
    while text.len() < 500_000 {
        text.push_str(&format!(
            "value_{k} = {{'Key': 'some-text-{k}', 'Other': [{k}, {k}, {k}]}}  # filler\n"
        ));
        k += 1;
    }
    text.push_str("alarms = [\n");
    let mut n = 0;
    while text.len() < 1_000_000 {
        text.push_str(&format!(
            "    {{'AlarmName': 'alarm-number-{n}-with-a-long-name'}},\n"
        ));
        n += 1;
    }
    text.push_str("]\ncfg = {'BlueGreenUpdatePolicy': {'TrafficRoutingConfiguration': {'Type': 'ALL_AT_ONCE', 'WaitIntervalInSeconds': 0}}}\n");
    text.push_str("cfg['AutoRollbackConfiguration'] = {'Alarms': alarms}\n");
    text.push_str("sm.update_endpoint(EndpointName=name, DeploymentConfig=cfg)\n");
    let t = std::time::Instant::now();
    let o = read_with(&text, &Options::default());
    let took = t.elapsed();
    println!("1 MB Python snippet ({} bytes): {took:?}", text.len());
    let alarms = o
        .document
        .request
        .deployment_config
        .and_then(|d| d.auto_rollback_configuration)
        .and_then(|a| a.alarms);
    assert_eq!(alarms.map(|a| a.len()), Some(n));
    // A safety net in release builds only (the figure that counts); a debug build on a
    // busy machine is many times slower.
    assert!(
        cfg!(debug_assertions) || took.as_secs_f64() < 5.0,
        "took {took:?}"
    );
    // Hostile shapes: thousands of calls, of branches assigning one name, of extensions.
    let shapes = [
        "sm.update_endpoint(EndpointName='ep', RetainDeploymentConfig=True)\n".repeat(15_000),
        format!(
            "{}sm.update_endpoint(DeploymentConfig=cfg)\n",
            "if a:\n    cfg = {'RollingUpdatePolicy': {'WaitIntervalInSeconds': 1}}\n"
                .repeat(15_000)
        ),
        format!(
            "cfg = {{}}\n{}sm.update_endpoint(DeploymentConfig=cfg)\n",
            "cfg['RollingUpdatePolicy'] = {'WaitIntervalInSeconds': 60}\n".repeat(15_000)
        ),
    ];
    for text in &shapes {
        let t = std::time::Instant::now();
        let result = import(text, &DesignDocument::default(), &Options::default());
        let took = t.elapsed();
        println!("hostile shape ({} bytes): {took:?}", text.len());
        assert!(result.is_ok());
        // A safety net in release builds only (the figure that counts); a debug build on a
        // busy machine is many times slower.
        assert!(
            cfg!(debug_assertions) || took.as_secs_f64() < 5.0,
            "took {took:?}"
        );
    }
    // Deep nesting through names (each literal within the limit) is refused too.
    let mut chain = String::new();
    for i in 0..30 {
        chain.push_str(&format!(
            "v{i} = {}v{}{}\n",
            "[".repeat(60),
            i + 1,
            "]".repeat(60)
        ));
    }
    chain.push_str("sm.update_endpoint(DeploymentConfig=v0)\n");
    let r = import(&chain, &DesignDocument::default(), &Options::default()).unwrap_err();
    assert!(
        r.error.message.contains("nests deeper than"),
        "{}",
        r.error.message
    );
    // Deep nesting is refused, not a stack overflow.
    let deep = format!(
        "sm.update_endpoint(DeploymentConfig={})",
        "[".repeat(200_000)
    );
    let r = import(&deep, &DesignDocument::default(), &Options::default()).unwrap_err();
    assert!(
        r.error.message.contains("deeper than"),
        "{}",
        r.error.message
    );
}

#[test]
fn a_jupyter_notebook_file_reads_its_code_cells() {
    let o = read_with(&fixture("rollout.ipynb"), &Options::default());
    assert_eq!(
        o.form,
        "a boto3 `update_endpoint` call in a Jupyter notebook"
    );
    assert_eq!(
        o.document.request,
        request(
            r#"{"EndpointName": "pricing-model", "EndpointConfigName": "pricing-model-v4",
                "DeploymentConfig": {"BlueGreenUpdatePolicy": {"TrafficRoutingConfiguration":
                    {"Type": "ALL_AT_ONCE", "WaitIntervalInSeconds": 120}, "TerminationWaitInSeconds": 600}}}"#
        )
    );
    assert!(
        o.notes[0].starts_with("This is a Jupyter notebook: its 2 code cells"),
        "{:?}",
        o.notes
    );
}

#[test]
fn a_notebook_cell_that_runs_the_cli() {
    let nb = r#"{"cells": [{"cell_type": "code", "source": ["!aws sagemaker update-endpoint --endpoint-name ep \\\n", "    --retain-deployment-config"]}], "nbformat": 4}"#;
    let o = read_with(nb, &Options::default());
    assert_eq!(
        o.form,
        "an AWS CLI `update-endpoint` command in a Jupyter notebook"
    );
    assert_eq!(
        o.document.request,
        request(r#"{"EndpointName": "ep", "RetainDeploymentConfig": true}"#)
    );
}
