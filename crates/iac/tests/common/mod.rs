//! What the IaC tests share: the table of designs, hostile text, the tools' scaffolding.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

use designer_core::model::{
    Alarm, AutoRollbackConfig, BlueGreenUpdatePolicy, CapacitySize, CapacitySizeType,
    DeploymentConfig, DesignDocument, Dimension, Metric, MetricAlarm, MetricDataQuery, MetricStat,
    Placeholder, RollingUpdatePolicy, TrafficRoutingConfig, TrafficRoutingConfigType,
    UpdateEndpointInput, VariantProperty, VariantPropertyType,
};
use serde_json::Value;

pub fn alarms(names: &[&str]) -> AutoRollbackConfig {
    AutoRollbackConfig {
        alarms: Some(
            names
                .iter()
                .map(|n| Alarm {
                    alarm_name: Some(n.to_string()),
                })
                .collect(),
        ),
    }
}

pub fn routing(ty: TrafficRoutingConfigType, wait: i64) -> TrafficRoutingConfig {
    TrafficRoutingConfig {
        type_: Some(ty),
        wait_interval_in_seconds: Some(wait),
        canary_size: None,
        linear_step_size: None,
    }
}

pub fn doc(request: UpdateEndpointInput) -> DesignDocument {
    DesignDocument {
        request,
        ..Default::default()
    }
}

pub fn named(endpoint: &str, config: &str) -> UpdateEndpointInput {
    UpdateEndpointInput {
        endpoint_name: Some(endpoint.to_string()),
        endpoint_config_name: Some(config.to_string()),
        ..Default::default()
    }
}

pub fn blue_green(t: TrafficRoutingConfig) -> BlueGreenUpdatePolicy {
    BlueGreenUpdatePolicy {
        traffic_routing_configuration: Some(t),
        termination_wait_in_seconds: Some(300),
        maximum_execution_timeout_in_seconds: Some(3600),
    }
}

/// Valid designs of each kind a team deploys: every export of these must pass the tools.
pub fn designs() -> Vec<(&'static str, DesignDocument)> {
    let canary = TrafficRoutingConfig {
        canary_size: Some(CapacitySize::percent(10)),
        ..routing(TrafficRoutingConfigType::Canary, 600)
    };
    let linear = TrafficRoutingConfig {
        linear_step_size: Some(CapacitySize::instances(1)),
        ..routing(TrafficRoutingConfigType::Linear, 300)
    };
    vec![
        ("minimal", doc(named("my-endpoint", "my-config-v2"))),
        (
            "canary-with-alarms",
            doc(UpdateEndpointInput {
                deployment_config: Some(DeploymentConfig {
                    blue_green_update_policy: Some(blue_green(canary)),
                    auto_rollback_configuration: Some(alarms(&["p99-latency", "5xx-errors"])),
                    ..Default::default()
                }),
                ..named("churn-model", "churn-model-v7")
            }),
        ),
        (
            "linear",
            doc(UpdateEndpointInput {
                deployment_config: Some(DeploymentConfig {
                    blue_green_update_policy: Some(BlueGreenUpdatePolicy {
                        maximum_execution_timeout_in_seconds: Some(7200),
                        ..blue_green(linear)
                    }),
                    ..Default::default()
                }),
                ..named("ep", "cfg-2")
            }),
        ),
        (
            "all-at-once",
            doc(UpdateEndpointInput {
                deployment_config: Some(DeploymentConfig {
                    blue_green_update_policy: Some(BlueGreenUpdatePolicy {
                        traffic_routing_configuration: Some(routing(
                            TrafficRoutingConfigType::AllAtOnce,
                            0,
                        )),
                        termination_wait_in_seconds: Some(0),
                        maximum_execution_timeout_in_seconds: None,
                    }),
                    auto_rollback_configuration: Some(alarms(&["errors"])),
                    ..Default::default()
                }),
                ..named("ep", "cfg-3")
            }),
        ),
        (
            "rolling-with-alarms",
            doc(UpdateEndpointInput {
                deployment_config: Some(DeploymentConfig {
                    rolling_update_policy: Some(RollingUpdatePolicy {
                        maximum_batch_size: Some(CapacitySize::percent(25)),
                        wait_interval_in_seconds: Some(120),
                        maximum_execution_timeout_in_seconds: Some(1800),
                        rollback_maximum_batch_size: Some(CapacitySize {
                            type_: Some(CapacitySizeType::InstanceCount),
                            value: Some(2),
                        }),
                    }),
                    auto_rollback_configuration: Some(alarms(&["rolling-a", "rolling-b"])),
                    ..Default::default()
                }),
                ..named("ep", "cfg-4")
            }),
        ),
        (
            "retain-flags",
            doc(UpdateEndpointInput {
                retain_all_variant_properties: Some(true),
                exclude_retained_variant_properties: Some(vec![VariantProperty {
                    variant_property_type: Some(VariantPropertyType::DesiredWeight),
                }]),
                retain_deployment_config: Some(false),
                ..named("ep", "cfg-5")
            }),
        ),
    ]
}

/// Text that would be code, a template, a reference or another type if it were not kept as
/// data in one language or another.
pub const HOSTILE: &[&str] = &[
    "it's a \"quote\" and 'single'",
    "back\\slash\\ \\n \\u0041",
    "${var.x} ${aws:username} $${double}",
    "#{Json.x} %{ if true }x%{ endif } %%{x}",
    "`backtick` ${`nested`}",
    "line1\nline2\ttab\rcr",
    "!Ref Endpoint",
    "yes",
    "no",
    "null",
    "on",
    "~",
    "key: value",
    "- leading dash",
    "*/ /* // -->",
    "\"\"\" ''' \\x41",
    "rtl \u{200F}mark \u{202E}over\u{2066}iso\u{2069} nel\u{85} ls\u{2028}",
    "naïve 日本語 🚀",
    "{\"Ref\": \"X\"}",
    "${Token[TOKEN.1]}",
    "* ? $ arn:*",
    "",
];

/// Hostile text in every string member of the request, one design per batch of texts.
pub fn hostile_designs() -> Vec<(String, DesignDocument)> {
    let mut out = Vec::new();
    for (i, chunk) in HOSTILE.chunks(4).enumerate() {
        let first = chunk[0];
        let mut req = UpdateEndpointInput {
            endpoint_name: Some(first.to_string()),
            endpoint_config_name: Some(chunk.last().copied().unwrap_or("").to_string()),
            exclude_retained_variant_properties: Some(
                chunk
                    .iter()
                    .map(|s| VariantProperty {
                        variant_property_type: Some(VariantPropertyType::from_wire(s)),
                    })
                    .collect(),
            ),
            deployment_config: Some(DeploymentConfig {
                blue_green_update_policy: Some(blue_green(TrafficRoutingConfig {
                    canary_size: Some(CapacitySize {
                        type_: Some(CapacitySizeType::from_wire(first)),
                        value: Some(1),
                    }),
                    ..routing(TrafficRoutingConfigType::from_wire(first), 60)
                })),
                auto_rollback_configuration: Some(alarms(chunk)),
                ..Default::default()
            }),
            ..Default::default()
        };
        if i % 2 == 1 {
            req.retain_all_variant_properties = Some(true);
        }
        out.push((format!("hostile-{i}"), doc(req)));
    }
    // Template openers that nothing closes, alone (python-hcl2 cannot read them: see the
    // Terraform test).
    let mut req = named("ep", "cfg");
    req.deployment_config = Some(DeploymentConfig {
        auto_rollback_configuration: Some(alarms(&["unclosed ${ and %{ and $${", "%%{"])),
        ..Default::default()
    });
    out.push(("hostile-unclosed".to_string(), doc(req)));
    out
}

/// A design with placeholders where an import found expressions.
pub fn with_placeholders() -> DesignDocument {
    let mut d = designs()[1].1.clone();
    d.request.endpoint_name = None;
    if let Some(dc) = d.request.deployment_config.as_mut() {
        if let Some(a) = dc.auto_rollback_configuration.as_mut() {
            a.alarms = Some(vec![
                Alarm::default(),
                Alarm {
                    alarm_name: Some("5xx-errors".into()),
                },
            ]);
        }
        if let Some(t) = dc
            .blue_green_update_policy
            .as_mut()
            .and_then(|b| b.traffic_routing_configuration.as_mut())
        {
            t.wait_interval_in_seconds = None;
        }
    }
    let ph = |path: &str, expression: &str| Placeholder {
        path: path.into(),
        expression: expression.into(),
        line: Some(3),
        column: Some(9),
    };
    d.placeholders = vec![
        ph("EndpointName", "os.environ[\"ENDPOINT\"]\n# \"\"\" */ ${x}"),
        ph(
            "DeploymentConfig.AutoRollbackConfiguration.Alarms[0].AlarmName",
            "f\"{stage}-p99\"",
        ),
        ph(
            "DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration.WaitIntervalInSeconds",
            "var.bake_seconds",
        ),
    ];
    d
}

/// The request as the API receives it.
pub fn expected(doc: &DesignDocument) -> Value {
    serde_json::to_value(&doc.request).expect("requests serialise")
}

/// True when `program args...` runs and succeeds.
pub fn runs(program: &str, args: &[&str]) -> bool {
    Command::new(program)
        .args(args)
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Whether a tool is there. Without it the test is skipped with a note, except on CI
/// (`CI=true`), where a missing tool fails the test: the checks must run there.
pub fn require(tool: &str, present: bool) -> bool {
    if present {
        return true;
    }
    let msg = format!(
        "{tool} is missing here: run scripts/setup.sh (it installs it from the package registry)"
    );
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("{msg}");
    }
    eprintln!("skipped: {msg}");
    false
}

/// The repository root (two levels above this crate).
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join("..")
        .canonicalize()
        .expect("repository root")
}

pub fn clients() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("clients")
}

/// A fresh directory, removed when dropped.
pub struct Scratch(pub PathBuf);

impl Scratch {
    pub fn new(label: &str) -> Scratch {
        static N: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "dd-iac-{label}-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::SeqCst)
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create scratch dir");
        Scratch(dir)
    }

    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Runs `program script cases.json results.json` (cases: a JSON object) and reads the results.
pub fn run_batch(
    program: &str,
    script: &Path,
    cases: &BTreeMap<String, Value>,
    scratch: &Scratch,
    env: &[(&str, &str)],
) -> BTreeMap<String, Value> {
    let cases_file = scratch.path().join("cases.json");
    let results_file = scratch.path().join("results.json");
    std::fs::write(&cases_file, serde_json::to_string(cases).unwrap()).unwrap();
    let mut cmd = Command::new(program);
    cmd.arg(script)
        .arg(&cases_file)
        .arg(&results_file)
        .current_dir(scratch.path());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("run {program}: {e}"));
    assert!(
        out.status.success(),
        "{} failed: {}{}",
        script.display(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_str(&std::fs::read_to_string(&results_file).unwrap())
        .expect("results are JSON")
}

/// True when python3 can import `module`.
pub fn python_has(module: &str) -> bool {
    runs("python3", &["-c", &format!("import {module}")])
}

/// True when the repository's node_modules holds `package`.
pub fn node_modules_have(package: &str) -> bool {
    repo()
        .join("node_modules")
        .join(package)
        .join("package.json")
        .exists()
}

/// Writes each case's CDK TypeScript app (`app_text`), type-checks the valid ones (names not
/// starting with `hostile`) against aws-cdk-lib's own declarations with tsc, and synthesises
/// every one with `clients/cdk_ts_run.js`: the results by case name. `None` when node or the
/// npm packages are missing (and not on CI, where that fails).
pub fn cdk_typescript_synth(
    label: &str,
    cases: &[(String, DesignDocument)],
    app_text: impl Fn(&DesignDocument) -> String,
) -> Option<BTreeMap<String, Value>> {
    let present = runs("node", &["--version"])
        && node_modules_have("aws-cdk-lib")
        && node_modules_have("constructs")
        && node_modules_have("typescript");
    if !require(
        "node with aws-cdk-lib, constructs and typescript (npm)",
        present,
    ) {
        return None;
    }
    let scratch = Scratch::new(label);
    std::os::unix::fs::symlink(
        repo().join("node_modules"),
        scratch.path().join("node_modules"),
    )
    .expect("link node_modules");
    let mut files = BTreeMap::new();
    let mut valid = Vec::new();
    for (i, (name, doc)) in cases.iter().enumerate() {
        let file = scratch.path().join(format!("app{i}.ts"));
        std::fs::write(&file, app_text(doc)).unwrap();
        if !name.starts_with("hostile") {
            valid.push(file.clone());
        }
        files.insert(name.clone(), Value::String(file.display().to_string()));
    }
    let tsc = Command::new(repo().join("node_modules/.bin/tsc"))
        .args([
            "--noEmit",
            "--strict",
            "--skipLibCheck",
            "--module",
            "commonjs",
            "--target",
            "es2022",
            "--moduleResolution",
            "node",
        ])
        .args(&valid)
        .current_dir(scratch.path())
        .output()
        .expect("run tsc");
    assert!(
        tsc.status.success(),
        "tsc: {}{}",
        String::from_utf8_lossy(&tsc.stdout),
        String::from_utf8_lossy(&tsc.stderr)
    );
    Some(run_batch(
        "node",
        &clients().join("cdk_ts_run.js"),
        &files,
        &scratch,
        &[],
    ))
}

/// Pieces that mean something in one of the export languages.
const PIECES: &[&str] = &[
    "\"", "'", "\\", "$", "{", "}", "${", "%{", "$${", "#{", "`", "\n", "\t", "\r", ": ", "- ",
    "#", "!Ref ", "*/", "/*", "\"\"\"", "yes", "null", "~", "*", "?", "é", "🚀", "\u{202E}",
    "\u{2028}", "\u{85}", "\u{0}", "\u{7f}", "a", "Z", "0", " ", "-1.", "e+289",
];

/// Designs with generated text in every string member (deterministic, so a failure repeats).
pub fn generated_designs(n: usize) -> Vec<(String, DesignDocument)> {
    use proptest::prelude::*;
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;

    let text = proptest::collection::vec(proptest::sample::select(PIECES), 0..12)
        .prop_map(|parts| parts.concat());
    let design = (
        text.clone(),
        text.clone(),
        proptest::collection::vec(text.clone(), 1..4),
        proptest::collection::vec(text.clone(), 0..3),
        text,
        any::<bool>(),
    );
    let mut runner = TestRunner::deterministic();
    (0..n)
        .map(|i| {
            let (endpoint, config, alarm_names, types, routing_type, retain) =
                design.new_tree(&mut runner).expect("generate").current();
            let names: Vec<&str> = alarm_names.iter().map(|s| s.as_str()).collect();
            let req = UpdateEndpointInput {
                endpoint_name: Some(endpoint),
                endpoint_config_name: Some(config),
                retain_all_variant_properties: Some(retain),
                exclude_retained_variant_properties: Some(
                    types
                        .iter()
                        .map(|s| VariantProperty {
                            variant_property_type: Some(VariantPropertyType::from_wire(s)),
                        })
                        .collect(),
                ),
                deployment_config: Some(DeploymentConfig {
                    blue_green_update_policy: Some(blue_green(routing(
                        TrafficRoutingConfigType::from_wire(&routing_type),
                        30,
                    ))),
                    auto_rollback_configuration: Some(alarms(&names)),
                    ..Default::default()
                }),
                retain_deployment_config: None,
            };
            (format!("generated-{i}"), doc(req))
        })
        .collect()
}

// ---------------------------------------------------------------------------------------
// Designs that define their alarms (Version 2's `Alarms`)

/// A definition on the endpoint's 5xx errors, `value` as the endpoint's dimension value.
pub fn definition(name: &str, value: &str) -> MetricAlarm {
    MetricAlarm {
        alarm_name: Some(name.to_string()),
        namespace: Some("AWS/SageMaker".to_string()),
        metric_name: Some("Invocation5XXErrors".to_string()),
        dimensions: vec![
            Dimension {
                name: "EndpointName".to_string(),
                value: value.to_string(),
            },
            Dimension {
                name: "VariantName".to_string(),
                value: "AllTraffic".to_string(),
            },
        ],
        statistic: Some("Sum".to_string()),
        period: Some(60),
        evaluation_periods: Some(2),
        datapoints_to_alarm: Some(2),
        threshold: Some(1.0),
        comparison_operator: Some("GreaterThanOrEqualToThreshold".to_string()),
        treat_missing_data: Some("notBreaching".to_string()),
        unit: Some("Count".to_string()),
        ..Default::default()
    }
}

/// A metric-math definition (the p99 model latency in milliseconds), `text` in its label
/// and in its metric's dimension value.
pub fn math_definition(name: &str, text: &str) -> MetricAlarm {
    MetricAlarm {
        alarm_name: Some(name.to_string()),
        evaluation_periods: Some(3),
        datapoints_to_alarm: Some(2),
        threshold: Some(2.5e-7),
        comparison_operator: Some("GreaterThanThreshold".to_string()),
        treat_missing_data: Some("missing".to_string()),
        metrics: vec![
            MetricDataQuery {
                id: "e1".to_string(),
                expression: Some("m1 / 1000".to_string()),
                label: Some(text.to_string()),
                return_data: Some(true),
                ..Default::default()
            },
            MetricDataQuery {
                id: "m1".to_string(),
                metric_stat: Some(MetricStat {
                    metric: Metric {
                        namespace: Some("AWS/SageMaker".to_string()),
                        metric_name: Some("ModelLatency".to_string()),
                        dimensions: vec![Dimension {
                            name: "EndpointName".to_string(),
                            value: text.to_string(),
                        }],
                    },
                    period: Some(60),
                    stat: Some("p99".to_string()),
                    unit: Some("Microseconds".to_string()),
                }),
                return_data: Some(false),
                ..Default::default()
            },
        ],
        ..Default::default()
    }
}

/// `doc` with `defs` defined and its rollback alarms theirs, and one defined elsewhere.
pub fn defining(mut doc: DesignDocument, defs: Vec<MetricAlarm>) -> DesignDocument {
    let mut names: Vec<&str> = defs
        .iter()
        .filter_map(|a| a.alarm_name.as_deref())
        .collect();
    names.push("defined-elsewhere");
    if let Some(dc) = doc.request.deployment_config.as_mut() {
        dc.auto_rollback_configuration = Some(alarms(&names));
    }
    doc.alarms = defs;
    doc
}

/// Valid designs that define their alarms: every export of these must pass the tools.
pub fn alarm_designs() -> Vec<(&'static str, DesignDocument)> {
    let canary = designs()[1].1.clone();
    let rolling = designs()[4].1.clone();
    vec![
        (
            "canary-two-defined-alarms",
            defining(
                canary.clone(),
                vec![
                    definition("churn-model-5xx", "churn-model"),
                    math_definition("churn-model-p99-latency", "p99 latency (ms)"),
                ],
            ),
        ),
        (
            "rolling-one-defined-alarm",
            defining(rolling, vec![definition("ep-5xx", "ep")]),
        ),
        (
            "same-words-different-names",
            defining(
                canary,
                vec![
                    definition("p99-latency", "ep"),
                    definition("P99 latency", "ep"),
                ],
            ),
        ),
    ]
}

/// Hostile text as alarm names (so as the rollback alarms' names too), dimension values and
/// labels, one design per batch of texts.
pub fn hostile_alarm_designs() -> Vec<(String, DesignDocument)> {
    HOSTILE
        .chunks(4)
        .enumerate()
        .map(|(i, chunk)| {
            let mut defs: Vec<MetricAlarm> = chunk.iter().map(|t| definition(t, t)).collect();
            defs.push(math_definition(
                &format!("math {}", chunk[0]),
                chunk[chunk.len() - 1],
            ));
            (
                format!("hostile-alarms-{i}"),
                defining(designs()[1].1.clone(), defs),
            )
        })
        .collect()
}

/// A definition as `PutMetricAlarm`'s input (and AWS::CloudWatch::Alarm's properties).
pub fn expected_alarm(a: &MetricAlarm) -> Value {
    serde_json::to_value(a).expect("alarms serialise")
}
