//! A team's rules as a team writes them: read from YAML and JSON, mistakes named with their
//! line, designs checked with their numbers in the explanation, and the published schema in
//! agreement with the reader on the example files.

use designer_core::model::{
    Alarm, AutoRollbackConfig, BlueGreenUpdatePolicy, CapacitySize, DeploymentConfig, DesignDocument, MetricAlarm,
    Placeholder, ProductionVariant, RollingUpdatePolicy, TrafficRoutingConfig, TrafficRoutingConfigType,
};
use designer_core::validate::Severity;
use designer_team::{check, check_text, read, Constraint, Share, TeamFinding};
use std::path::Path;
use std::process::Command;

const TEAM_YAML: &str = r#"# Rules of the payments ML team (reviewed in #ml-platform).
version: 1
rules:
  - name: prod-canary-max
    severity: error
    message: Production canaries take at most 10% of the fleet.
    endpoints: "*-prod"
    canary:
      at_most: 10%
    bake: { at_least: 10m }

  - name: prod-needs-alarms
    severity: warning
    message: Production rollouts watch two alarms that can fire within the bake.
    endpoints: ["*-prod"]
    rollback_alarms:
      at_least: 2
      detect_within_bake: true

  - name: gpu-only-on-g5
    message: GPU endpoints use ml.g5.
    endpoints: "gpu-*"
    instance_types: ["ml.g5.*"]
"#;

fn canary(endpoint: &str, size: CapacitySize, wait: i64) -> DesignDocument {
    let mut doc = DesignDocument::default();
    doc.request.endpoint_name = Some(endpoint.to_string());
    doc.request.endpoint_config_name = Some("cfg-v2".to_string());
    doc.endpoint.current_variants[0].initial_instance_count = Some(10);
    doc.endpoint.new_variants[0].initial_instance_count = Some(10);
    doc.request.deployment_config = Some(DeploymentConfig {
        blue_green_update_policy: Some(BlueGreenUpdatePolicy {
            traffic_routing_configuration: Some(TrafficRoutingConfig {
                type_: Some(TrafficRoutingConfigType::Canary),
                wait_interval_in_seconds: Some(wait),
                canary_size: Some(size),
                linear_step_size: None,
            }),
            ..Default::default()
        }),
        ..Default::default()
    });
    doc
}

fn with_alarms(mut doc: DesignDocument, names: &[&str]) -> DesignDocument {
    if let Some(dc) = doc.request.deployment_config.as_mut() {
        dc.auto_rollback_configuration = Some(AutoRollbackConfig {
            alarms: Some(names.iter().map(|n| Alarm { alarm_name: Some(n.to_string()) }).collect()),
        });
    }
    doc
}

fn summary(findings: &[TeamFinding]) -> Vec<(String, String)> {
    findings.iter().map(|f| (f.rule.clone(), f.path.clone())).collect()
}

#[test]
fn yaml_and_json_files_read_to_the_same_rules() {
    let yaml = read(TEAM_YAML).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(yaml.rules.len(), 3);
    let first = &yaml.rules[0];
    assert_eq!((first.name.as_str(), first.severity, first.line), ("prod-canary-max", Severity::Error, 4));
    assert_eq!(first.constraints[0], Constraint::Canary(designer_team::Bound { at_least: None, at_most: Some(Share::Percent(10)) }));
    assert_eq!(first.constraints[1], Constraint::Bake(designer_team::Bound { at_least: Some(600), at_most: None }));
    assert_eq!(yaml.rules[2].severity, Severity::Error, "severity defaults to error");
    let json = r#"{"version": 1, "rules": [
        {"name": "prod-canary-max", "severity": "error", "message": "Production canaries take at most 10% of the fleet.",
         "endpoints": "*-prod", "canary": {"at_most": "10%"}, "bake": {"at_least": "10m"}}]}"#;
    let from_json = read(json).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(from_json.rules[0].constraints, first.constraints);
    assert_eq!(from_json.rules[0].summary(), "canary at most 10%; bake at least 600 s (10m) (endpoints *-prod)");
}

#[test]
fn mistakes_in_a_rules_file_are_named_with_their_line() {
    let cases: &[(&str, &str, u32, &[&str])] = &[
        ("unknown rule", "rules:\n  - name: a\n    message: m\n    canery: {at_most: 10%}\n", 4, &["Unknown key `canery`", "did you mean `canary`"]),
        ("wrong type", "rules:\n  - name: a\n    message: m\n    bake:\n      at_least: yes please\n", 5, &["\"yes please\" is not a duration"]),
        ("wrong type (bool)", "rules:\n  - name: a\n    message: m\n    rollback_alarms: {at_least: true}\n", 4, &["is a whole number, not true or false"]),
        ("pattern that cannot match", "rules:\n  - name: a\n    message: m\n    endpoints: \"*_prod\"\n    bake: {at_least: 60}\n", 4, &["cannot match any endpoint", "`_`"]),
        ("canary over AWS's cap", "rules:\n  - name: a\n    message: m\n    canary: {at_most: 60%}\n", 4, &["up to 60%", "AWS caps a canary at 50%", "S2"]),
        ("bake over AWS's cap", "rules:\n  - name: a\n    message: m\n    bake: {at_least: 7200}\n", 4, &["7200 s (2h)", "at most 3600 s (1h)"]),
        ("linear step under AWS's floor", "rules:\n  - name: a\n    message: m\n    linear_step:\n      at_most: 5%\n", 5, &["no design AWS accepts", "10% to 50%"]),
        ("too many alarms", "rules:\n  - name: a\n    message: m\n    rollback_alarms: {at_least: 11}\n", 4, &["at most 10"]),
        ("unknown strategy", "rules:\n  - name: a\n    message: m\n    strategies: [canary, blue-green]\n", 4, &["\"blue-green\"", "default, all-at-once, canary, linear, rolling"]),
        ("instance type no type has", "rules:\n  - name: a\n    message: m\n    instance_types: [\"m5.*\"]\n", 4, &["matches no SageMaker instance type"]),
        ("bounds the wrong way round", "rules:\n  - name: a\n    message: m\n    canary: {at_least: 30%, at_most: 10%}\n", 4, &["`at_least` is above `at_most`"]),
        ("two rules with one name", "rules:\n  - name: a\n    message: m\n    bake: {at_least: 1}\n  - name: a\n    message: m\n    bake: {at_least: 2}\n", 5, &["Two rules are named `a`", "line 2"]),
        ("no message", "rules:\n  - name: a\n    bake: {at_least: 1}\n", 2, &["has no `message`"]),
        ("YAML that does not read", "rules:\n  - name: a\n   message: m\n", 3, &["does not read"]),
        ("JSON that does not read", "{\"rules\": [\n  {\"name\": \"a\",}\n]}", 2, &["does not read"]),
        ("not a list", "rules: {name: a}\n", 1, &["a list of rules"]),
        ("empty file", "  \n", 1, &["empty"]),
    ];
    for (what, text, line, words) in cases {
        let e = read(text).err().unwrap_or_else(|| panic!("{what}: read"));
        let p = &e.problems[0];
        assert_eq!(p.line, *line, "{what}: {e}");
        for w in *words {
            assert!(p.message.contains(w), "{what}: {:?} lacks {w:?}", p.message);
        }
        assert!(e.to_string().starts_with(&format!("line {line}, column ")), "{what}: {e}");
    }
}

#[test]
fn every_mistake_of_a_file_is_reported_at_once() {
    let text = "rules:\n  - name: a\n    message: m\n    canary: {at_most: 60%}\n  - name: b\n    message: m\n    bake: {at_least: 2h}\n";
    let e = read(text).err().unwrap_or_else(|| panic!("read"));
    let lines: Vec<u32> = e.problems.iter().map(|p| p.line).collect();
    assert_eq!(lines, [4, 7]);
}

#[test]
fn a_canary_over_the_team_share_is_a_finding_with_the_designs_numbers() {
    let rules = read(TEAM_YAML).unwrap_or_else(|e| panic!("{e}"));
    let doc = with_alarms(canary("scoring-prod", CapacitySize::instances(2), 900), &["a", "b"]);
    let found = check(&rules, &doc);
    assert_eq!(summary(&found), [("prod-canary-max".to_string(), "DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration.CanarySize".to_string())]);
    let f = &found[0];
    assert_eq!(f.id(), "team:prod-canary-max");
    assert_eq!(f.title(), "your team's rule `prod-canary-max`");
    assert_eq!(f.severity, Severity::Error);
    assert_eq!(f.message, "Production canaries take at most 10% of the fleet.");
    assert_eq!(
        f.explanation,
        "The canary (INSTANCE_COUNT 2) is 2 of the variant `AllTraffic`'s 10 instances, 20% of its fleet; your team's rule `prod-canary-max` allows at most 10%."
    );
    // The same design under a name the rules do not cover has no finding.
    assert!(check(&rules, &canary("scoring-dev", CapacitySize::instances(2), 30)).is_empty());
}

#[test]
fn each_kind_of_bound_is_checked_against_the_design() {
    let base = || with_alarms(canary("ep-prod", CapacitySize::percent(10), 600), &["p99", "errors"]);
    type Edit = fn(&mut DesignDocument);
    let cases: &[(&str, &str, Edit, &str, &[&str])] = &[
        ("strategies: [linear]", "canary", |_| {}, "DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration.Type", &["(canary)", "allows linear"]),
        ("strategies: [canary]", "no policy", |d| d.request.deployment_config = None, "DeploymentConfig", &["(default)"]),
        ("canary: {at_least: 2}", "1 of 10", |_| {}, "DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration.CanarySize", &["1 of the variant", "at least 2 instances"]),
        ("bake: {at_least: 15m}", "10 min", |_| {}, "DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration.WaitIntervalInSeconds", &["600 s (10m)", "at least 900 s (15m)"]),
        ("bake: {at_most: 5m}", "10 min", |_| {}, "DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration.WaitIntervalInSeconds", &["allows at most 300 s (5m)"]),
        ("bake: {at_least: 60}", "no policy", |d| d.request.deployment_config = None, "DeploymentConfig", &["no update policy", "0 s"]),
        ("termination_wait: {at_least: 5m}", "unset", |_| {}, "DeploymentConfig.BlueGreenUpdatePolicy.TerminationWaitInSeconds", &["AWS's default is 0"]),
        ("timeout: {required: true}", "unset", |_| {}, "DeploymentConfig.BlueGreenUpdatePolicy.MaximumExecutionTimeoutInSeconds", &["not set"]),
        (
            "timeout: {above_plan: true}",
            "too short",
            |d| {
                if let Some(bg) = d.request.deployment_config.as_mut().and_then(|c| c.blue_green_update_policy.as_mut()) {
                    bg.maximum_execution_timeout_in_seconds = Some(900);
                }
            },
            "DeploymentConfig.BlueGreenUpdatePolicy.MaximumExecutionTimeoutInSeconds",
            // provisioning 300 + 2 bakes of 600 s.
            &["The timeout is 900 s (15m)", "the plan takes 1500 s (25m)"],
        ),
        ("rollback_alarms: {at_least: 3}", "two", |_| {}, "DeploymentConfig.AutoRollbackConfiguration.Alarms", &["lists 2 rollback alarms", "at least 3"]),
        (
            "rollback_alarms: {detect_within_bake: true}",
            "slow alarm",
            |d| {
                d.alarms.push(MetricAlarm {
                    alarm_name: Some("p99".into()),
                    period: Some(300),
                    evaluation_periods: Some(3),
                    ..Default::default()
                })
            },
            "Alarms[0].Period",
            &["`p99` needs 960 s (16m)", "600 s (10m) bake"],
        ),
        ("retain: {all_variant_properties: true}", "unset", |_| {}, "RetainAllVariantProperties", &["is not set (false)", "asks for true"]),
        ("instance_types: [\"ml.g5.*\"]", "m5", |_| {}, "Endpoint.NewVariants[0].InstanceType", &["`AllTraffic` runs on ml.m5.xlarge", "allows ml.g5.*"]),
        // Blue/green runs the whole new fleet beside the old one: 10 + 10.
        ("peak_instances: {at_most: 19}", "10 + 10", |_| {}, "DeploymentConfig", &["runs 20 instances at its peak", "at most 19"]),
        ("instance_hours: {at_most: 1}", "hours", |_| {}, "DeploymentConfig", &["instance-hours", "at most 1"]),
    ];
    for (constraint, what, edit, path, words) in cases {
        let text = format!("rules:\n  - name: r\n    message: m\n    {constraint}\n");
        let rules = read(&text).unwrap_or_else(|e| panic!("{constraint}: {e}"));
        let mut doc = base();
        edit(&mut doc);
        let found = check(&rules, &doc);
        assert_eq!(found.len(), 1, "{constraint} ({what}): {found:?}");
        assert_eq!(found[0].path, *path, "{constraint}");
        for w in *words {
            assert!(found[0].explanation.contains(w), "{constraint}: {:?} lacks {w:?}", found[0].explanation);
        }
    }
}

#[test]
fn a_design_that_meets_every_rule_has_no_finding() {
    let rules = read(TEAM_YAML).unwrap_or_else(|e| panic!("{e}"));
    let mut doc = with_alarms(canary("scoring-prod", CapacitySize::percent(10), 600), &["p99", "errors"]);
    doc.alarms.push(MetricAlarm { alarm_name: Some("p99".into()), period: Some(60), evaluation_periods: Some(2), ..Default::default() });
    assert_eq!(check(&rules, &doc), []);
    let mut gpu = doc.clone();
    gpu.request.endpoint_name = Some("gpu-ranker".into());
    gpu.endpoint.new_variants = vec![ProductionVariant::instances("AllTraffic", "ml.g5.2xlarge", 4)];
    assert_eq!(check(&rules, &gpu), []);
}

#[test]
fn a_name_the_text_does_not_give_is_checked_as_if_it_matched() {
    let rules = read(TEAM_YAML).unwrap_or_else(|e| panic!("{e}"));
    let mut doc = with_alarms(canary("x", CapacitySize::percent(30), 600), &["a", "b"]);
    doc.request.endpoint_name = None;
    doc.placeholders.push(Placeholder { path: "EndpointName".into(), expression: "var.endpoint_name".into(), line: Some(3), column: Some(10) });
    let found = check(&rules, &doc);
    // Every rule applies: the production one and the GPU one alike.
    assert_eq!(
        summary(&found),
        [
            ("prod-canary-max".to_string(), "DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration.CanarySize".to_string()),
            ("gpu-only-on-g5".to_string(), "Endpoint.NewVariants[0].InstanceType".to_string()),
        ]
    );
    assert!(found[0].explanation.contains("The endpoint's name is `var.endpoint_name` in this text"), "{}", found[0].explanation);
}

#[test]
fn a_value_left_to_a_placeholder_is_not_judged() {
    let rules = read("rules:\n  - name: r\n    message: m\n    bake: {at_least: 600}\n    canary: {at_most: 10%}\n").unwrap_or_else(|e| panic!("{e}"));
    let mut doc = canary("ep", CapacitySize::percent(40), 60);
    if let Some(t) = doc.request.deployment_config.as_mut().and_then(|c| c.blue_green_update_policy.as_mut()).and_then(|b| b.traffic_routing_configuration.as_mut()) {
        t.wait_interval_in_seconds = None;
        t.canary_size = Some(CapacitySize { type_: t.canary_size.as_ref().and_then(|s| s.type_.clone()), value: None });
    }
    for path in [
        "DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration.WaitIntervalInSeconds",
        "DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration.CanarySize.Value",
    ] {
        doc.placeholders.push(Placeholder { path: path.into(), expression: "var.x".into(), line: None, column: None });
    }
    assert_eq!(check(&rules, &doc), []);
}

#[test]
fn a_rolling_batch_in_instances_is_compared_as_the_team_wrote_it() {
    let rules = read("rules:\n  - name: small-batches\n    severity: warning\n    message: m\n    rolling_batch: {at_most: 2}\n").unwrap_or_else(|e| panic!("{e}"));
    let mut doc = canary("ep", CapacitySize::percent(10), 60);
    doc.request.deployment_config = Some(DeploymentConfig {
        rolling_update_policy: Some(RollingUpdatePolicy {
            maximum_batch_size: Some(CapacitySize::percent(30)),
            wait_interval_in_seconds: Some(120),
            ..Default::default()
        }),
        ..Default::default()
    });
    let found = check(&rules, &doc);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].severity, Severity::Warning);
    assert!(found[0].explanation.contains("(CAPACITY_PERCENT 30) is 3 of the variant `AllTraffic`'s 10 instances"), "{}", found[0].explanation);
    assert!(found[0].explanation.contains("allows at most 2 instances"));
}

#[test]
fn check_text_reads_and_checks_in_one_call() {
    let doc = canary("a-prod", CapacitySize::percent(20), 600);
    let found = check_text(TEAM_YAML, &doc).unwrap_or_else(|e| panic!("{e}"));
    assert!(found.iter().any(|f| f.rule == "prod-canary-max"));
    assert!(check_text("rules: 3", &doc).is_err());
}

#[test]
fn no_text_makes_the_reader_panic() {
    // Bytes a repository may hold where a rules file is expected.
    let texts = [
        "\u{feff}rules: []", "[1, 2", "rules:\n  - !!binary aGk=", "{\"rules\": [{\"name\": 1e999}]}", "rules:\n- name: a\n  canary: {at_most: 99999999999999999999%}\n  message: m",
        "rules:\n- name: a\n  bake: {at_least: 99999999999999999999h}\n  message: m", "rules:\n- name: \"\\u0000\"\n  message: m\n  bake: {at_least: 1}",
        "rules:\n- name: a\n  message: m\n  endpoints: \"[\"\n  bake: {at_least: 1}", &"[".repeat(10_000),
    ];
    for t in texts {
        let _ = read(t);
    }
}

/// The published schema and the reader say the same of each example: `ok-*` both accept,
/// `bad-*` both refuse, `aws-*` the schema accepts (it states types) and the reader refuses
/// (it holds bounds to AWS's limits, as the schema's description says).
#[test]
fn the_schema_and_the_reader_agree_on_the_examples() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/examples");
    let schema = Path::new(env!("CARGO_MANIFEST_DIR")).join("team-rules.schema.json");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{e}"))
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .collect();
    names.sort();
    assert!(names.len() >= 10);
    // One Python process validates every example with jsonschema (cfn-lint, which the
    // tests install, depends on it).
    let script = r#"
import json, sys, os, jsonschema
schema = json.load(open(sys.argv[1]))
jsonschema.Draft7Validator.check_schema(schema)
v = jsonschema.Draft7Validator(schema)
for name in sys.argv[3:]:
    doc = json.load(open(os.path.join(sys.argv[2], name)))
    print(name, "valid" if v.is_valid(doc) else "invalid")
"#;
    let out = Command::new("python3")
        .arg("-c")
        .arg(script)
        .arg(&schema)
        .arg(&dir)
        .args(&names)
        .output()
        .unwrap_or_else(|e| panic!("python3 (with jsonschema) is needed to check the schema: {e}"));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let verdicts = String::from_utf8_lossy(&out.stdout).into_owned();
    for name in &names {
        let schema_ok = verdicts.lines().any(|l| l == format!("{name} valid"));
        let text = std::fs::read_to_string(dir.join(name)).unwrap_or_else(|e| panic!("{e}"));
        let reader_ok = read(&text).is_ok();
        let (want_schema, want_reader) = match name.split('-').next() {
            Some("ok") => (true, true),
            Some("bad") => (false, false),
            Some("aws") => (true, false),
            _ => panic!("{name}: examples are named ok-, bad- or aws-"),
        };
        assert_eq!((schema_ok, reader_ok), (want_schema, want_reader), "{name}: (schema, reader)");
    }
    // The schema the crate publishes is the file beside it.
    assert_eq!(designer_team::SCHEMA, std::fs::read_to_string(&schema).unwrap_or_default());
}

/// The JSON form a design document keeps (`Rules`) holds the same rules as the YAML the
/// team wrote, and reads back as them.
#[test]
fn a_yaml_file_and_its_json_form_are_the_same_rules() {
    let yaml = "# our production rules\nversion: 1\nrules:\n  - name: prod-canary-max\n    severity: error\n    message: \"Canaries of at most 10% on 'prod'\"\n    endpoints: \"*-prod\"\n    canary: { at_most: 10% }\n    bake: { at_least: 10m }\n";
    let json = designer_team::to_json(yaml).expect("a good file");
    assert!(json.starts_with('{') && !json.contains('\n'), "compact JSON: {json}");
    // The same rules; only where each starts in the text differs.
    let shape = |r: designer_team::Rules| {
        r.rules
            .into_iter()
            .map(|r| (r.name, r.severity, r.message, format!("{:?} {:?}", r.endpoints, r.constraints)))
            .collect::<Vec<_>>()
    };
    assert_eq!(shape(designer_team::read(&json).expect("reads back")), shape(designer_team::read(yaml).unwrap()));
    // A file with a mistake has no JSON form: the mistake comes back instead.
    let wrong = yaml.replace("at_most: 10%", "at_most: 60%");
    assert!(designer_team::to_json(&wrong).is_err());
}
