//! What the import accepts and what it refuses, as a user pasting text would see it: the
//! design that results, or a message that says what is wrong and where.

mod support;
use support::{import, ImportKind, Imported};

use deployment_designer::core::import::{parse_document, ImportError};
use deployment_designer::core::model::{
    CapacitySizeType, DesignDocument, EndpointContext, ProductionVariant, SimulationSettings,
    TrafficRoutingConfigType,
};

fn current() -> DesignDocument {
    let mut doc = DesignDocument::default();
    doc.endpoint.new_variants = vec![ProductionVariant::instances("Blue", "ml.c5.xlarge", 7)];
    doc.simulation.provisioning_seconds = 123;
    doc
}

fn ok(text: &str) -> Imported {
    import(text, &current()).unwrap_or_else(|e| panic!("refused {text:?}: {e}"))
}

fn refused(text: &str) -> ImportError {
    match import(text, &current()) {
        Err(e) => e,
        Ok(i) => panic!("accepted {text:?} as {:?}", i.document),
    }
}

// ---- accepted ----

#[test]
fn a_minimal_document_takes_the_contract_defaults() {
    let i = ok("{\"Version\": 1}");
    assert_eq!(i.kind, ImportKind::Document);
    assert_eq!(i.document, DesignDocument::default());
    assert_eq!(i.document.endpoint, EndpointContext::default());
    assert_eq!(i.document.simulation, SimulationSettings::default());
}

#[test]
fn a_document_may_leave_the_alarm_trip_null() {
    let i = ok("{\"Version\": 1, \"Simulation\": {\"ProvisioningSeconds\": 90, \"AlarmTripAtSeconds\": null}}");
    assert_eq!(
        i.document.simulation,
        SimulationSettings {
            provisioning_seconds: 90,
            failure: None
        }
    );
}

#[test]
fn a_bare_request_replaces_only_the_request() {
    let i = ok("\u{feff}  {\r\n  \"EndpointName\": \"ep\",\r\n  \"RetainAllVariantProperties\": true\r\n}\r\n");
    assert_eq!(i.kind, ImportKind::Request);
    assert_eq!(i.document.request.endpoint_name.as_deref(), Some("ep"));
    assert_eq!(i.document.request.retain_all_variant_properties, Some(true));
    assert_eq!(i.document.endpoint, current().endpoint);
    assert_eq!(i.document.simulation, current().simulation);
}

#[test]
fn boto3_forms_are_accepted() {
    let cases: &[&str] = &[
        "import boto3\nclient = boto3.client('sagemaker')\nclient.update_endpoint(EndpointName='ep', RetainDeploymentConfig=True)\n",
        "response = sm.update_endpoint(\n    EndpointName = \"ep\",\n    RetainDeploymentConfig = True,  # keep it\n)",
        "{'EndpointName': 'ep', 'RetainDeploymentConfig': True}",
        "kwargs = dict(EndpointName='e' 'p', RetainDeploymentConfig=True,)",
        // Valid Python though not valid JSON: read as Python.
        "{\"EndpointName\": \"ep\", \"RetainDeploymentConfig\": True,}",
    ];
    for text in cases {
        let i = ok(text);
        assert_eq!(i.kind, ImportKind::Boto3, "{text}");
        assert_eq!(
            i.document.request.endpoint_name.as_deref(),
            Some("ep"),
            "{text}"
        );
        assert_eq!(
            i.document.request.retain_deployment_config,
            Some(true),
            "{text}"
        );
        assert_eq!(i.document.endpoint, current().endpoint, "{text}");
    }
}

#[test]
fn unknown_enum_values_are_kept_for_validation_to_report() {
    let i = ok(
        r#"{"DeploymentConfig": {"BlueGreenUpdatePolicy": {"TrafficRoutingConfiguration":
        {"Type": "canary", "WaitIntervalInSeconds": 0, "CanarySize": {"Type": "PERCENT", "Value": 0}}}}}"#,
    );
    let routing = i
        .document
        .request
        .deployment_config
        .and_then(|d| d.blue_green_update_policy)
        .and_then(|b| b.traffic_routing_configuration)
        .expect("routing");
    assert_eq!(
        routing.type_,
        Some(TrafficRoutingConfigType::Other("canary".into()))
    );
    let canary = routing.canary_size.expect("canary size");
    assert_eq!(
        canary.type_,
        Some(CapacitySizeType::Other("PERCENT".into()))
    );
    // Out-of-range values are validation's business, not the import's.
    assert_eq!(canary.value, Some(0));
}

#[test]
fn integers_at_the_32_bit_boundary_are_accepted() {
    for (text, want) in [
        ("2147483647", i64::from(i32::MAX)),
        ("-2147483648", i64::from(i32::MIN)),
        ("0", 0),
    ] {
        let i = ok(&format!("{{\"DeploymentConfig\": {{\"RollingUpdatePolicy\": {{\"WaitIntervalInSeconds\": {text}}}}}}}"));
        let wait = i
            .document
            .request
            .deployment_config
            .and_then(|d| d.rolling_update_policy)
            .and_then(|r| r.wait_interval_in_seconds);
        assert_eq!(wait, Some(want), "{text}");
    }
}

#[test]
fn variant_weights_take_integers_or_fractions() {
    let i = ok(
        r#"{"Version": 1, "Endpoint": {"CurrentVariants": [], "NewVariants": [
        {"VariantName": "A", "InitialVariantWeight": 2}, {"VariantName": "B", "InitialVariantWeight": 0.25},
        {"VariantName": "C", "ServerlessConfig": {"MemorySizeInMB": 2048, "MaxConcurrency": 5, "ProvisionedConcurrency": 1}}],
        "UsesMarketplaceContainers": true}}"#,
    );
    let weights: Vec<_> = i
        .document
        .endpoint
        .new_variants
        .iter()
        .map(|v| v.initial_variant_weight)
        .collect();
    assert_eq!(weights, [Some(2.0), Some(0.25), None]);
    assert!(i.document.endpoint.new_variants[2].is_serverless());
    assert!(i.document.endpoint.uses_marketplace_containers);
    assert!(i.document.endpoint.current_variants.is_empty());
}

#[test]
fn tuples_read_as_lists_in_python() {
    let i = ok("c.update_endpoint(DeploymentConfig={'AutoRollbackConfiguration': {'Alarms': ({'AlarmName': 'a'},)}})");
    let alarms = i
        .document
        .request
        .deployment_config
        .and_then(|d| d.auto_rollback_configuration)
        .and_then(|a| a.alarms);
    assert_eq!(alarms.map(|a| a.len()), Some(1));
}

// ---- refused ----

/// Where a refusal must point: a place in the text, or a field path (and a place).
enum At {
    Text(u32, u32),
    Path(&'static str, u32, u32),
    Nowhere,
}

#[test]
fn refusals_say_what_and_where() {
    use At::*;
    let bg = r#"{"DeploymentConfig": {"BlueGreenUpdatePolicy": {"#;
    let cases: Vec<(String, &str, At)> = vec![
        ("".into(), "Nothing to import: paste a design document, a request (--cli-input-json) or a boto3 update_endpoint call", Nowhere),
        (" \n\t ".into(), "Nothing to import", Nowhere),
        // An empty dict says nothing: it is refused rather than taken as an empty request
        // that would clear the one being designed.
        (
            "params = {}\n".into(),
            "found no `update_endpoint(` call, no request dict (with 'EndpointName' or 'DeploymentConfig')",
            Text(1, 1),
        ),
        (
            "{\"DeploymentConfig\": {\"Foo\": 1}}".into(),
            "Unknown parameter in DeploymentConfig: \"Foo\", must be one of: BlueGreenUpdatePolicy, RollingUpdatePolicy, AutoRollbackConfiguration",
            Path("DeploymentConfig.Foo", 1, 23),
        ),
        (
            "{\"EndpointName\": \"ep\",\n \"Endpointname\": \"x\"}".into(),
            "Unknown parameter in input: \"Endpointname\", must be one of: EndpointName, EndpointConfigName, RetainAllVariantProperties, ExcludeRetainedVariantProperties, DeploymentConfig, RetainDeploymentConfig",
            Path("Endpointname", 2, 2),
        ),
        (
            format!("{bg}\"TerminationWaitInSeconds\": \"300\"}}}}}}"),
            "Invalid type for parameter DeploymentConfig.BlueGreenUpdatePolicy.TerminationWaitInSeconds, value: \"300\", type: <class 'str'>, valid types: <class 'int'>",
            Path("DeploymentConfig.BlueGreenUpdatePolicy.TerminationWaitInSeconds", 1, 77),
        ),
        (
            format!("{bg}\"TerminationWaitInSeconds\": 1.5}}}}}}"),
            "value: 1.5, type: <class 'float'>, valid types: <class 'int'>",
            Path("DeploymentConfig.BlueGreenUpdatePolicy.TerminationWaitInSeconds", 1, 77),
        ),
        (
            format!("{bg}\"TerminationWaitInSeconds\": 300.0}}}}}}"),
            "type: <class 'float'>",
            Path("DeploymentConfig.BlueGreenUpdatePolicy.TerminationWaitInSeconds", 1, 77),
        ),
        (
            format!("{bg}\"TerminationWaitInSeconds\": 2147483648}}}}}}"),
            "value: 2147483648: an integer here must be within the 32-bit range -2147483648 to 2147483647",
            Path("DeploymentConfig.BlueGreenUpdatePolicy.TerminationWaitInSeconds", 1, 77),
        ),
        (
            format!("{bg}\"MaximumExecutionTimeoutInSeconds\": -2147483649}}}}}}"),
            "32-bit range",
            Path("DeploymentConfig.BlueGreenUpdatePolicy.MaximumExecutionTimeoutInSeconds", 1, 85),
        ),
        (
            format!("{bg}\"TerminationWaitInSeconds\": 123456789012345678901234567890}}}}}}"),
            "32-bit range",
            Path("DeploymentConfig.BlueGreenUpdatePolicy.TerminationWaitInSeconds", 1, 77),
        ),
        (
            format!("{bg}\"TerminationWaitInSeconds\": true}}}}}}"),
            "value: true, type: <class 'bool'>, valid types: <class 'int'>",
            Path("DeploymentConfig.BlueGreenUpdatePolicy.TerminationWaitInSeconds", 1, 77),
        ),
        (
            "{\"RetainAllVariantProperties\": \"true\"}".into(),
            "Invalid type for parameter RetainAllVariantProperties, value: \"true\", type: <class 'str'>, valid types: <class 'bool'>",
            Path("RetainAllVariantProperties", 1, 32),
        ),
        (
            "{\"EndpointName\": null}".into(),
            "Invalid type for parameter EndpointName, value: null, type: <class 'NoneType'>, valid types: <class 'str'>",
            Path("EndpointName", 1, 18),
        ),
        (
            "{\"DeploymentConfig\": {\"AutoRollbackConfiguration\": {\"Alarms\": {\"AlarmName\": \"a\"}}}}".into(),
            "valid types: <class 'list'>, <class 'tuple'>",
            Path("DeploymentConfig.AutoRollbackConfiguration.Alarms", 1, 63),
        ),
        (
            "{\"DeploymentConfig\": {\"AutoRollbackConfiguration\": {\"Alarms\": [\n {\"AlarmName\": \"a\"},\n {\"AlarmName\": \"b\"},\n {\"AlarmName\": 3}]}}}".into(),
            "Invalid type for parameter DeploymentConfig.AutoRollbackConfiguration.Alarms[2].AlarmName, value: 3",
            Path("DeploymentConfig.AutoRollbackConfiguration.Alarms[2].AlarmName", 4, 16),
        ),
        (
            "{\"ExcludeRetainedVariantProperties\": [{\"VariantPropertyType\": \"DesiredWeight\", \"Type\": 1}]}".into(),
            "Unknown parameter in ExcludeRetainedVariantProperties[0]: \"Type\", must be one of: VariantPropertyType",
            Path("ExcludeRetainedVariantProperties[0].Type", 1, 80),
        ),
        (
            "{\"DeploymentConfig\": \"blue-green\"}".into(),
            "valid types: <class 'dict'>",
            Path("DeploymentConfig", 1, 22),
        ),
        // The design document.
        (
            "{\"Version\": 3, \"Request\": {}, \"Future\": {}}".into(),
            "made by a newer version of the designer (Version 3); this page reads Version 2",
            Path("Version", 1, 13),
        ),
        ("{\"Version\": 0}".into(), "this page reads Versions 1 to 2", Path("Version", 1, 13)),
        ("{\"Version\": \"1\"}".into(), "valid types: <class 'int'>", Path("Version", 1, 13)),
        ("{\"Request\": {\"EndpointName\": \"ep\"}}".into(), "no \"Version\"; add \"Version\": 2", Text(1, 1)),
        (
            "{\"Version\": 1, \"Notes\": \"x\"}".into(),
            "Unknown parameter in document: \"Notes\", must be one of: Version, Request, Endpoint, Alarms, Rules, Simulation",
            Path("Notes", 1, 16),
        ),
        ("{\"Version\": 1, \"Request\": []}".into(), "Invalid type for parameter Request", Path("Request", 1, 27)),
        (
            "{\"Version\": 1, \"Endpoint\": {\"NewVariants\": [{\"VariantName\": \"A\", \"VolumeSizeInGB\": 30}]}}".into(),
            "the designer does not model the ProductionVariant member \"VolumeSizeInGB\"",
            Path("Endpoint.NewVariants[0].VolumeSizeInGB", 1, 66),
        ),
        (
            "{\"Version\": 1, \"Endpoint\": {\"CurrentVariants\": [{\"Name\": \"A\"}]}}".into(),
            "Unknown parameter in Endpoint.CurrentVariants[0]: \"Name\", must be one of: VariantName, ModelName, InstanceType",
            Path("Endpoint.CurrentVariants[0].Name", 1, 50),
        ),
        (
            "{\"Version\": 1, \"Endpoint\": {\"NewVariants\": [{\"InitialVariantWeight\": \"1\"}]}}".into(),
            "valid types: <class 'float'>",
            Path("Endpoint.NewVariants[0].InitialVariantWeight", 1, 70),
        ),
        (
            "{\"Version\": 1, \"Endpoint\": {\"NewVariants\": [{\"InitialVariantWeight\": 1e999}]}}".into(),
            "too large",
            Path("Endpoint.NewVariants[0].InitialVariantWeight", 1, 70),
        ),
        (
            "{\"Version\": 1, \"Simulation\": {\"ProvisioningSeconds\": null}}".into(),
            "<class 'NoneType'>",
            Path("Simulation.ProvisioningSeconds", 1, 54),
        ),
        (
            "{\"Version\": 1, \"Endpoint\": {\"UsesMarketplaceContainers\": 1}}".into(),
            "valid types: <class 'bool'>",
            Path("Endpoint.UsesMarketplaceContainers", 1, 58),
        ),
        // Syntax.
        ("[1, 2]".into(), "Expected a JSON object", Text(1, 1)),
        ("{\n  \"Version\": 1,\n  \"Request\": {}\n  \"Endpoint\": {}\n}".into(), "expected ',' or '}'", Text(4, 3)),
        // A document with a trailing comma stays a JSON error, not a misread Python dict.
        ("{\"Version\": 1, \"Request\": {},}".into(), "trailing comma", Text(1, 30)),
        ("{\"EndpointName\": \"ep\", \"EndpointName\": \"ep2\"}".into(), "duplicate member \"EndpointName\" (first written at line 1, column 2)", Text(1, 24)),
        // Python. (A variable, an f-string or JSON's `true` is no refusal: it is a value to
        // fill in, at its place; crates/import/tests/python.rs.)
        ("sm.update_endpoint(EndpointName=None)".into(), "value: None, type: <class 'NoneType'>, valid types: <class 'str'>", Path("EndpointName", 1, 33)),
        (
            "sm.update_endpoint(DeploymentConfig={'RollingUpdatePolicy': {'MaximumBatchSize': {'Type': 'INSTANCE_COUNT', 'Value': '1'}}})".into(),
            "Invalid type for parameter DeploymentConfig.RollingUpdatePolicy.MaximumBatchSize.Value, value: \"1\", type: <class 'str'>",
            Path("DeploymentConfig.RollingUpdatePolicy.MaximumBatchSize.Value", 1, 118),
        ),
        ("sm.update_endpoint(**params)".into(), "`**params` unpacks a dict", Text(1, 22)),
        ("sm.update_endpoint(EndpointName='ep', EndpointName='ep')".into(), "EndpointName is repeated", Text(1, 39)),
        ("sm.update_endpoint(Foo=1)".into(), "Unknown parameter in input: \"Foo\"", Path("Foo", 1, 20)),
        ("hello world".into(), "no `update_endpoint(` call", Text(1, 1)),
    ];
    for (text, words, place) in cases {
        let e = refused(&text);
        assert!(
            e.message.contains(words),
            "{text:?}\n  message: {}\n  wanted: {words}",
            e.message
        );
        match place {
            Text(line, column) => {
                assert_eq!(
                    (e.line, e.column),
                    (Some(line), Some(column)),
                    "{text:?}: {}",
                    e.message
                );
                assert!(
                    e.message.contains(&format!("line {line}, column {column}")),
                    "{}",
                    e.message
                );
            }
            Path(path, line, column) => {
                assert_eq!(e.path.as_deref(), Some(path), "{text:?}: {}", e.message);
                assert_eq!(
                    (e.line, e.column),
                    (Some(line), Some(column)),
                    "{text:?}: {}",
                    e.message
                );
                assert!(
                    e.message.contains(&format!("line {line}, column {column}")),
                    "{}",
                    e.message
                );
            }
            Nowhere => assert_eq!((e.line, e.path.as_deref()), (None, None)),
        }
    }
}

#[test]
fn parse_document_takes_documents_only() {
    let doc = parse_document("{\"Version\": 1, \"Request\": {\"EndpointName\": \"ep\"}}")
        .expect("document");
    assert_eq!(doc.request.endpoint_name.as_deref(), Some("ep"));
    assert_eq!(doc.endpoint, EndpointContext::default());
    let e = parse_document("{\"EndpointName\": \"ep\"}").unwrap_err();
    assert!(e.message.contains("not a design document"), "{}", e.message);
    let e = parse_document("sm.update_endpoint(EndpointName='ep')").unwrap_err();
    assert!(e.message.contains("line 1, column 1"), "{}", e.message);
    assert!(parse_document("").is_err());
}

#[test]
fn a_large_paste_is_read_quickly() {
    let alarm = "{\"AlarmName\": \"an-alarm-with-a-fairly-long-name\"},\n";
    let n = 1_000_000 / alarm.len();
    let text = format!(
        "{{\"DeploymentConfig\": {{\"AutoRollbackConfiguration\": {{\"Alarms\": [{}{{\"AlarmName\": \"last\"}}]}}}}}}",
        alarm.repeat(n)
    );
    let started = std::time::Instant::now();
    let i = ok(&text);
    assert!(
        started.elapsed().as_secs_f64() < 3.0,
        "took {:?}",
        started.elapsed()
    );
    let count = i
        .document
        .request
        .deployment_config
        .and_then(|d| d.auto_rollback_configuration)
        .and_then(|a| a.alarms)
        .map(|a| a.len());
    assert_eq!(count, Some(n + 1));
}
