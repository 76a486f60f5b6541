//! The exports run through the real clients: each boto3 snippet is executed by boto3, each
//! CLI command by bash and the `aws` program (awscli v1), each `--cli-input-json` document
//! by `aws ... --cli-input-json file://...`. What each one sends must be exactly the
//! request, and hostile text in names must never do anything but travel as data.
//!
//! A design that defines its alarms is exported with them: the boto3 snippet and the
//! command create each alarm (`PutMetricAlarm` with exactly the definition's members) before
//! the update, which the same clients check call by call, in order.
//!
//! These tests need python3 with boto3 and the `aws` program; without them they fail
//! and say to run scripts/setup.sh. Nothing is sent over the network: boto3's sending is
//! intercepted, and `aws` talks to a capture server on 127.0.0.1.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

use deployment_designer::core::export::{
    bash_quote, boto3_design_snippet, boto3_snippet, cli_command, cli_design_command,
    cli_input_json, python_literal,
};
use deployment_designer::core::model::{
    Alarm, AutoRollbackConfig, BlueGreenUpdatePolicy, CapacitySize, DeploymentConfig,
    DesignDocument, Dimension, Metric, MetricAlarm, MetricDataQuery, MetricStat,
    RollingUpdatePolicy, TrafficRoutingConfig, TrafficRoutingConfigType, UpdateEndpointInput,
    VariantProperty, VariantPropertyType,
};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::TestRunner;
use serde_json::Value;

const FAKE_ARN: &str = "arn:aws:sagemaker:us-east-1:123456789012:endpoint/ep";

// ---------------------------------------------------------------------------------------
// The table of requests.

/// Text that would do something if it were not kept as data. Commands only touch files
/// named `pwned*` in the working directory (a fresh temporary one) or remove `victim`.
const HOSTILE: &[&str] = &[
    "it's a \"quote\"",
    "back\\slash\\",
    "$(touch pwned-subst)",
    "`touch pwned-backtick`",
    "; touch pwned-semicolon; rm -rf victim",
    "line1\nline2\ttab\rcr",
    "naïve Ünïcödé 日本語",
    "emoji 🚀👩‍👩‍👧",
    "rtl \u{200F}mark \u{202E}override\u{2066}isolate\u{2069}",
    "<script>alert(1)</script>",
    "-starts-with-dash",
    "--endpoint-name=evil",
    "\"); open(\"pwned-py\", \"w\"); (\"",
    "''' \"\"\" \\x41 \\u0041 {0} %s",
    "!! !$ * ? [a] ~ & | > pwned-redirect",
    "nul\0byte",
    "file:///etc/passwd",
    "fileb:///etc/hostname",
    "https://example.invalid/x",
];

fn alarms(names: &[&str]) -> AutoRollbackConfig {
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

fn named(endpoint: &str, config: &str) -> UpdateEndpointInput {
    UpdateEndpointInput {
        endpoint_name: Some(endpoint.to_string()),
        endpoint_config_name: Some(config.to_string()),
        ..Default::default()
    }
}

fn cases() -> Vec<(String, UpdateEndpointInput)> {
    let mut cases = vec![
        ("minimal".to_string(), named("my-endpoint", "my-config-v2")),
        (
            "canary-with-alarms".to_string(),
            UpdateEndpointInput {
                deployment_config: Some(DeploymentConfig {
                    blue_green_update_policy: Some(BlueGreenUpdatePolicy {
                        traffic_routing_configuration: Some(TrafficRoutingConfig {
                            type_: Some(TrafficRoutingConfigType::Canary),
                            wait_interval_in_seconds: Some(600),
                            canary_size: Some(CapacitySize::percent(10)),
                            linear_step_size: None,
                        }),
                        termination_wait_in_seconds: Some(120),
                        maximum_execution_timeout_in_seconds: Some(3600),
                    }),
                    rolling_update_policy: None,
                    auto_rollback_configuration: Some(alarms(&["p99-latency", "5xx-errors"])),
                }),
                ..named("ep", "cfg")
            },
        ),
        (
            "linear".to_string(),
            UpdateEndpointInput {
                deployment_config: Some(DeploymentConfig {
                    blue_green_update_policy: Some(BlueGreenUpdatePolicy {
                        traffic_routing_configuration: Some(TrafficRoutingConfig {
                            type_: Some(TrafficRoutingConfigType::Linear),
                            wait_interval_in_seconds: Some(300),
                            canary_size: None,
                            linear_step_size: Some(CapacitySize::instances(2)),
                        }),
                        termination_wait_in_seconds: Some(0),
                        maximum_execution_timeout_in_seconds: Some(28800),
                    }),
                    ..Default::default()
                }),
                ..named("ep", "cfg")
            },
        ),
        (
            "rolling-with-rollback-batch".to_string(),
            UpdateEndpointInput {
                deployment_config: Some(DeploymentConfig {
                    rolling_update_policy: Some(RollingUpdatePolicy {
                        maximum_batch_size: Some(CapacitySize::percent(25)),
                        wait_interval_in_seconds: Some(0),
                        maximum_execution_timeout_in_seconds: Some(600),
                        rollback_maximum_batch_size: Some(CapacitySize::instances(1)),
                    }),
                    auto_rollback_configuration: Some(alarms(&["rolling-alarm"])),
                    ..Default::default()
                }),
                ..named("ep", "cfg")
            },
        ),
        (
            "retain-with-exclusions".to_string(),
            UpdateEndpointInput {
                retain_all_variant_properties: Some(true),
                exclude_retained_variant_properties: Some(vec![
                    VariantProperty {
                        variant_property_type: Some(VariantPropertyType::DesiredInstanceCount),
                    },
                    VariantProperty {
                        variant_property_type: Some(VariantPropertyType::DataCaptureConfig),
                    },
                ]),
                retain_deployment_config: Some(true),
                ..named("ep", "cfg")
            },
        ),
        (
            "booleans-false-and-empty".to_string(),
            UpdateEndpointInput {
                retain_all_variant_properties: Some(false),
                exclude_retained_variant_properties: Some(vec![]),
                deployment_config: Some(DeploymentConfig::default()),
                retain_deployment_config: Some(false),
                ..named("ep", "cfg")
            },
        ),
    ];
    for (i, chunk) in HOSTILE.chunks(10).enumerate() {
        let mut req = cases[1].1.clone();
        if let Some(dc) = req.deployment_config.as_mut() {
            dc.auto_rollback_configuration = Some(alarms(chunk));
        }
        cases.push((format!("hostile-alarms-{i}"), req));
    }
    // Names carry the hostile texts joined (awscli starts once per command, which is
    // the slow part), with those that matter at the start of a value at the start. The
    // parameter-file ones and NUL must make the command fall back to --cli-input-json.
    let (plain, special) = HOSTILE.split_at(HOSTILE.len() - 4);
    let (first, second) = plain.split_at(plain.len() / 2);
    cases.push((
        "hostile-names".to_string(),
        named(
            &format!("-starts-with-dash {}", first.concat()),
            &format!("--endpoint-name=evil {}", second.concat()),
        ),
    ));
    cases.push((
        "hostile-names-nul-file".to_string(),
        named(special[0], special[1]),
    ));
    cases.push((
        "hostile-names-fileb-url".to_string(),
        named(special[2], special[3]),
    ));
    cases
}

// ---------------------------------------------------------------------------------------
// Scaffolding: tools, a scratch directory, fake credentials.

fn require_tools() {
    let python = Command::new("python3")
        .args(["-c", "import boto3, botocore, awscli"])
        .output();
    let aws = Command::new("aws").arg("--version").output();
    let ok =
        |r: &std::io::Result<std::process::Output>| r.as_ref().is_ok_and(|o| o.status.success());
    assert!(
        ok(&python) && ok(&aws),
        "these tests run the exports through python3 + boto3 and the `aws` program (awscli v1), \
         and they are missing here: run scripts/setup.sh first"
    );
}

/// A fresh directory under the system temp dir, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(label: &str) -> Scratch {
        static N: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "dd-exports-{label}-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::SeqCst)
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("victim")).expect("create scratch dir");
        std::fs::write(dir.join("victim").join("keep"), "x").expect("create victim file");
        Scratch(dir)
    }

    fn path(&self) -> &Path {
        &self.0
    }

    /// Asserts that no hostile text ran: no `pwned*` file appeared, `victim` survived.
    fn assert_untouched(&self) {
        let pwned: Vec<String> = std::fs::read_dir(&self.0)
            .expect("read scratch dir")
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with("pwned"))
            .collect();
        assert!(
            pwned.is_empty(),
            "hostile text was executed, it created {pwned:?}"
        );
        assert!(
            self.0.join("victim").join("keep").exists(),
            "hostile text was executed: `victim` was removed"
        );
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A command with fake credentials and a region, no user config, working in `dir`.
fn aws_env(program: &str, dir: &Path) -> Command {
    let mut cmd = Command::new(program);
    cmd.current_dir(dir);
    for key in [
        "AWS_PROFILE",
        "AWS_SESSION_TOKEN",
        "AWS_ENDPOINT_URL",
        "AWS_ENDPOINT_URL_SAGEMAKER",
        "AWS_ENDPOINT_URL_CLOUDWATCH",
        "AWS_CA_BUNDLE",
    ] {
        cmd.env_remove(key);
    }
    cmd.env("AWS_ACCESS_KEY_ID", "AKIAFAKEFAKEFAKEFAKE")
        .env("AWS_SECRET_ACCESS_KEY", "fake-secret")
        .env("AWS_DEFAULT_REGION", "us-east-1")
        .env("AWS_CONFIG_FILE", dir.join("no-config"))
        .env("AWS_SHARED_CREDENTIALS_FILE", dir.join("no-credentials"))
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("AWS_MAX_ATTEMPTS", "1")
        .env("AWS_PAGER", "");
    cmd
}

fn clients_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("clients")
}

fn parse(body: &str, what: &str) -> Value {
    serde_json::from_str(body).unwrap_or_else(|e| panic!("{what}: not JSON ({e}): {body}"))
}

/// The request as the API should receive it.
fn expected(req: &UpdateEndpointInput) -> Value {
    serde_json::to_value(req).expect("requests serialise")
}

// ---------------------------------------------------------------------------------------
// boto3

#[test]
fn boto3_snippets_send_exactly_the_request() {
    require_tools();
    let scratch = Scratch::new("boto3");
    let cases = cases();
    let input: Vec<Value> = cases
        .iter()
        .map(|(name, req)| serde_json::json!({"name": name, "snippet": boto3_snippet(req)}))
        .collect();
    let cases_file = scratch.path().join("cases.json");
    let results_file = scratch.path().join("results.json");
    std::fs::write(&cases_file, serde_json::to_string(&input).unwrap()).unwrap();
    let out = aws_env("python3", scratch.path())
        .arg(clients_dir().join("boto3_runner.py"))
        .arg(&cases_file)
        .arg(&results_file)
        .output()
        .expect("run python3");
    assert!(
        out.status.success(),
        "boto3 runner failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let results: BTreeMap<String, Value> =
        serde_json::from_str(&std::fs::read_to_string(&results_file).unwrap())
            .expect("runner results are JSON");

    let mut failures = Vec::new();
    for (name, req) in &cases {
        let r = &results[name];
        if let Some(err) = r["error"].as_str() {
            failures.push(format!(
                "{name}: the snippet failed:\n{err}\n{}",
                boto3_snippet(req)
            ));
            continue;
        }
        let body = parse(r["body"].as_str().unwrap_or_default(), name);
        if body != expected(req) {
            failures.push(format!(
                "{name}: boto3 sent\n{body}\ninstead of\n{}",
                expected(req)
            ));
        }
        if r["stdout"].as_str() != Some(&format!("{FAKE_ARN}\n")) {
            failures.push(format!("{name}: the snippet printed {:?}", r["stdout"]));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    scratch.assert_untouched();
}

// ---------------------------------------------------------------------------------------
// aws CLI

/// The capture server: every POST body lands in `<dir>/<first path segment>.body`.
/// It stops when `_stdin` is dropped (it reads its stdin to the end).
struct CaptureServer {
    port: u16,
    child: Child,
    _stdin: ChildStdin,
}

impl CaptureServer {
    fn start(dir: &Path) -> CaptureServer {
        let mut child = Command::new("python3")
            .arg(clients_dir().join("capture_server.py"))
            .arg(dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("start the capture server");
        let stdin = child.stdin.take().expect("server stdin");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("server stdout"))
            .read_line(&mut line)
            .expect("read port");
        let port = line
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("capture server said {line:?}"));
        CaptureServer {
            port,
            child,
            _stdin: stdin,
        }
    }
}

impl Drop for CaptureServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// What one CLI run did: exit ok, stdout, stderr, and the body the server recorded.
type Run = (bool, String, String, Option<String>);

fn recorded_body(scratch: &Scratch, run: &str) -> Option<String> {
    std::fs::read_to_string(scratch.path().join(format!("{run}.body"))).ok()
}

fn endpoint_url(server: &CaptureServer, run: &str) -> String {
    format!("http://127.0.0.1:{}/{run}", server.port)
}

/// Runs bash on `script` with `aws` defined as a function that saves its arguments, NUL
/// separated, to the file named by `$AWS_ARGV_OUT`: this is how bash hands a command's
/// words to the real `aws`. Returns the words of each command, by run name.
fn argv_from_bash(
    scratch: &Scratch,
    commands: &[(String, String)],
) -> BTreeMap<String, Vec<String>> {
    let mut script = String::from("aws() { printf '%s\\0' \"$@\" > \"$AWS_ARGV_OUT\"; }\n");
    for (run, command) in commands {
        script.push_str(&format!("AWS_ARGV_OUT=argv-{run}\n{command}\n"));
    }
    let path = scratch.path().join("commands.sh");
    std::fs::write(&path, script).unwrap();
    let out = Command::new("bash")
        .current_dir(scratch.path())
        .arg(&path)
        .output()
        .expect("run bash");
    assert!(
        out.status.success(),
        "bash failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    commands
        .iter()
        .map(|(run, _)| {
            let raw = std::fs::read(scratch.path().join(format!("argv-{run}")))
                .expect("bash ran the command");
            let words: Vec<String> = raw
                .split(|b| *b == 0)
                .map(|w| String::from_utf8(w.to_vec()).expect("arguments are UTF-8"))
                .collect();
            // printf ends every word with a NUL, so the last split is empty.
            (run.clone(), words[..words.len() - 1].to_vec())
        })
        .collect()
}

/// Checks each run sent exactly its request and answered with the fake ARN.
fn check_runs<'a>(
    cases: impl IntoIterator<Item = &'a (String, UpdateEndpointInput)>,
    prefix: &str,
    shown: impl Fn(&UpdateEndpointInput) -> String,
    results: &BTreeMap<String, Run>,
) -> Vec<String> {
    let mut failures = Vec::new();
    for (name, req) in cases {
        let key = format!("{prefix}{name}");
        let (ok, stdout, stderr, body) = &results[&key];
        let Some(body) = body else {
            failures.push(format!(
                "{key}: nothing was sent (exit ok: {ok})\n{stderr}\n{}",
                shown(req)
            ));
            continue;
        };
        let body = parse(body, &key);
        if body != expected(req) {
            failures.push(format!(
                "{key}: aws sent\n{body}\ninstead of\n{}\nfrom\n{}",
                expected(req),
                shown(req)
            ));
        }
        if !ok || !stdout.contains(FAKE_ARN) {
            failures.push(format!(
                "{key}: aws failed or printed no ARN\n{stdout}\n{stderr}"
            ));
        }
    }
    failures
}

/// Cases run end to end by the `aws` program itself (one process each, the slow way),
/// so that what awscli's entry point sees in-process is known to be what `aws` sees.
const REAL_AWS_CASES: &[&str] = &["minimal", "hostile-names", "hostile-names-nul-file"];

#[test]
fn cli_commands_and_cli_input_json_send_exactly_the_request() {
    require_tools();
    let scratch = Scratch::new("cli");
    let server = CaptureServer::start(scratch.path());
    let cases = cases();

    // Every command parsed by bash; the words it passes to `aws` then go to awscli's
    // entry point, all in one Python process (see awscli_runner.py).
    let commands: Vec<(String, String)> = cases
        .iter()
        .map(|(name, req)| (format!("command-{name}"), cli_command(req)))
        .collect();
    let mut runs: Vec<Value> = argv_from_bash(&scratch, &commands)
        .into_iter()
        .map(|(run, argv)| serde_json::json!({"name": run, "argv": argv, "endpoint_url": endpoint_url(&server, &run)}))
        .collect();
    // Every --cli-input-json document, as `aws sagemaker update-endpoint --cli-input-json file://...`.
    for (name, req) in &cases {
        let json = scratch.path().join(format!("input-{name}.json"));
        std::fs::write(&json, cli_input_json(req)).unwrap();
        let run = format!("input-{name}");
        runs.push(serde_json::json!({
            "name": run,
            "argv": ["sagemaker", "update-endpoint", "--cli-input-json", format!("file://{}", json.display())],
            "endpoint_url": endpoint_url(&server, &run),
        }));
    }
    let runs_file = scratch.path().join("runs.json");
    let runs_results = scratch.path().join("runs-results.json");
    std::fs::write(&runs_file, serde_json::to_string(&runs).unwrap()).unwrap();
    let runner = aws_env("python3", scratch.path())
        .arg(clients_dir().join("awscli_runner.py"))
        .arg(&runs_file)
        .arg(&runs_results)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run python3");

    // Meanwhile a few commands run as a user would: bash running the real `aws`.
    let real: Vec<(String, Child)> = cases
        .iter()
        .filter(|(name, _)| REAL_AWS_CASES.contains(&name.as_str()))
        .map(|(name, req)| {
            let run = format!("aws-{name}");
            let script = scratch.path().join(format!("{run}.sh"));
            std::fs::write(&script, cli_command(req)).unwrap();
            let child = aws_env("bash", scratch.path())
                .arg(&script)
                .env("AWS_ENDPOINT_URL_SAGEMAKER", endpoint_url(&server, &run))
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .expect("run bash");
            (run, child)
        })
        .collect();

    let mut results: BTreeMap<String, Run> = BTreeMap::new();
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    for (run, child) in real {
        let out = child.wait_with_output().expect("wait for bash");
        let body = recorded_body(&scratch, &run);
        results.insert(
            run,
            (
                out.status.success(),
                text(&out.stdout),
                text(&out.stderr),
                body,
            ),
        );
    }
    let out = runner.wait_with_output().expect("wait for python3");
    assert!(
        out.status.success(),
        "awscli runner failed: {}",
        text(&out.stderr)
    );
    let runs_out: BTreeMap<String, Value> =
        serde_json::from_str(&std::fs::read_to_string(&runs_results).unwrap())
            .expect("runner results are JSON");
    for (run, r) in runs_out {
        let field = |k: &str| r[k].as_str().unwrap_or_default().to_string();
        let body = recorded_body(&scratch, &run);
        results.insert(run, (r["rc"] == 0, field("stdout"), field("stderr"), body));
    }

    let real_cases = cases
        .iter()
        .filter(|(name, _)| REAL_AWS_CASES.contains(&name.as_str()));
    assert_eq!(
        real_cases.clone().count(),
        REAL_AWS_CASES.len(),
        "a case named in REAL_AWS_CASES is missing"
    );
    let mut failures = check_runs(&cases, "command-", cli_command, &results);
    failures.extend(check_runs(&cases, "input-", cli_input_json, &results));
    failures.extend(check_runs(real_cases, "aws-", cli_command, &results));
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    scratch.assert_untouched();
}

#[test]
fn names_that_awscli_would_load_as_files_fall_back_to_cli_input_json() {
    for (name, req) in cases() {
        let cmd = cli_command(&req);
        let fallback = name.starts_with("hostile-names-");
        assert_eq!(
            cmd.contains("\\\n  --cli-input-json '{"),
            fallback,
            "{name}: {cmd}"
        );
    }
}

// ---------------------------------------------------------------------------------------
// Designs that define their alarms: each alarm is created first, then the update starts.

/// A definition on the endpoint's 5xx errors, `value` in its dimensions.
fn definition(name: &str, value: &str) -> MetricAlarm {
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
        ..Default::default()
    }
}

/// A metric-math definition (p99 latency in milliseconds), `text` in its label, expression
/// and dimension value.
fn math_definition(name: &str, text: &str) -> MetricAlarm {
    MetricAlarm {
        alarm_name: Some(name.to_string()),
        evaluation_periods: Some(3),
        threshold: Some(2.5e-7),
        comparison_operator: Some("GreaterThanThreshold".to_string()),
        metrics: vec![
            MetricDataQuery {
                id: "e1".to_string(),
                expression: Some(format!("m1 / 1000 {text}")),
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

/// A canary whose rollback alarms are `defs`' (and one defined elsewhere).
fn defining(defs: Vec<MetricAlarm>) -> DesignDocument {
    let mut names: Vec<&str> = defs
        .iter()
        .filter_map(|a| a.alarm_name.as_deref())
        .collect();
    names.push("defined-elsewhere");
    let mut request = cases()[1].1.clone();
    if let Some(dc) = request.deployment_config.as_mut() {
        dc.auto_rollback_configuration = Some(alarms(&names));
    }
    DesignDocument {
        request,
        alarms: defs,
        ..Default::default()
    }
}

fn designs_with_alarms() -> Vec<(String, DesignDocument)> {
    let mut out = vec![
        (
            "two-alarms".to_string(),
            defining(vec![
                definition("ep-5xx", "ep"),
                math_definition("ep-p99-latency", "p99"),
            ]),
        ),
        (
            "one-bare-alarm".to_string(),
            defining(vec![MetricAlarm {
                alarm_name: Some("bare".to_string()),
                ..Default::default()
            }]),
        ),
    ];
    // Hostile text as alarm names, dimension values, labels and expressions.
    for (i, chunk) in HOSTILE.chunks(5).enumerate() {
        let mut defs: Vec<MetricAlarm> = chunk.iter().map(|t| definition(t, t)).collect();
        defs.push(math_definition(
            &format!("math {}", chunk[0]),
            chunk[chunk.len() - 1],
        ));
        out.push((format!("hostile-alarms-defined-{i}"), defining(defs)));
    }
    out
}

/// The calls a design's export must make, in order: each alarm, then the update.
fn expected_calls(doc: &DesignDocument) -> Vec<(String, Value)> {
    doc.alarms
        .iter()
        .map(|a| {
            (
                "cloudwatch.PutMetricAlarm".to_string(),
                serde_json::to_value(a).expect("alarms serialise"),
            )
        })
        .chain(std::iter::once((
            "sagemaker.UpdateEndpoint".to_string(),
            expected(&doc.request),
        )))
        .collect()
}

#[test]
fn boto3_exports_of_designs_with_alarms_create_them_then_update() {
    require_tools();
    let scratch = Scratch::new("boto3-alarms");
    let designs = designs_with_alarms();
    let input: Vec<Value> = designs
        .iter()
        .map(|(name, d)| serde_json::json!({"name": name, "snippet": boto3_design_snippet(d)}))
        .collect();
    let cases_file = scratch.path().join("cases.json");
    let results_file = scratch.path().join("results.json");
    std::fs::write(&cases_file, serde_json::to_string(&input).unwrap()).unwrap();
    let out = aws_env("python3", scratch.path())
        .arg(clients_dir().join("boto3_calls_runner.py"))
        .arg(&cases_file)
        .arg(&results_file)
        .output()
        .expect("run python3");
    assert!(
        out.status.success(),
        "boto3 runner failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let results: BTreeMap<String, Value> =
        serde_json::from_str(&std::fs::read_to_string(&results_file).unwrap())
            .expect("runner results are JSON");
    let mut failures = Vec::new();
    for (name, d) in &designs {
        let r = &results[name];
        let snippet = boto3_design_snippet(d);
        if let Some(err) = r["error"].as_str() {
            failures.push(format!("{name}: the snippet failed:\n{err}\n{snippet}"));
            continue;
        }
        let sent: Vec<(String, Value)> = r["calls"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                (
                    c["operation"].as_str().unwrap().to_string(),
                    parse(c["body"].as_str().unwrap_or_default(), name),
                )
            })
            .collect();
        if sent != expected_calls(d) {
            failures.push(format!(
                "{name}: boto3 sent\n{sent:#?}\ninstead of\n{:#?}\nfrom\n{snippet}",
                expected_calls(d)
            ));
        }
        if r["stdout"].as_str() != Some(&format!("{FAKE_ARN}\n")) {
            failures.push(format!("{name}: the snippet printed {:?}", r["stdout"]));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    assert_eq!(results.len(), designs.len());
    scratch.assert_untouched();
}

/// Runs bash on each script with `aws` defined as a function that saves the arguments of
/// each of its calls, NUL separated, to `<$AWS_ARGV_OUT>-<n>`. Returns the words of each
/// call, in order, by run name.
fn argv_of_each_call(
    scratch: &Scratch,
    scripts: &[(String, String)],
) -> BTreeMap<String, Vec<Vec<String>>> {
    let mut script =
        String::from("aws() { n=$((n+1)); printf '%s\\0' \"$@\" > \"$AWS_ARGV_OUT-$n\"; }\n");
    for (run, command) in scripts {
        script.push_str(&format!("n=0\nAWS_ARGV_OUT=argv-{run}\n{command}\n"));
    }
    let path = scratch.path().join("scripts.sh");
    std::fs::write(&path, script).unwrap();
    let out = Command::new("bash")
        .current_dir(scratch.path())
        .arg(&path)
        .output()
        .expect("run bash");
    assert!(
        out.status.success(),
        "bash failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    scripts
        .iter()
        .map(|(run, _)| {
            let mut calls = Vec::new();
            while let Ok(raw) = std::fs::read(
                scratch
                    .path()
                    .join(format!("argv-{run}-{}", calls.len() + 1)),
            ) {
                let words: Vec<String> = raw
                    .split(|b| *b == 0)
                    .map(|w| String::from_utf8(w.to_vec()).expect("arguments are UTF-8"))
                    .collect();
                calls.push(words[..words.len() - 1].to_vec());
            }
            (run.clone(), calls)
        })
        .collect()
}

/// Bodies recorded one after the other in one file, read back in order.
fn bodies(text: &str, what: &str) -> Vec<Value> {
    serde_json::Deserializer::from_str(text)
        .into_iter::<Value>()
        .map(|v| v.unwrap_or_else(|e| panic!("{what}: not JSON ({e}): {text}")))
        .collect()
}

/// Designs run end to end by bash and the real `aws` program, every call in order.
const REAL_AWS_ALARM_CASES: &[&str] = &["two-alarms", "hostile-alarms-defined-0"];

#[test]
fn cli_exports_of_designs_with_alarms_create_them_then_update() {
    require_tools();
    let scratch = Scratch::new("cli-alarms");
    let server = CaptureServer::start(scratch.path());
    let designs = designs_with_alarms();
    let scripts: Vec<(String, String)> = designs
        .iter()
        .map(|(name, d)| (name.clone(), cli_design_command(d)))
        .collect();
    // One command list: a comment, then each line continued or chained to the next.
    for (name, script) in &scripts {
        let lines: Vec<&str> = script.lines().collect();
        assert!(lines[0].starts_with("# "), "{name}: {script}");
        for line in &lines[1..lines.len() - 1] {
            assert!(
                line.ends_with(" \\") || line.ends_with(" &&"),
                "{name}: a line that ends the command list early: {line:?}"
            );
        }
    }
    let calls = argv_of_each_call(&scratch, &scripts);
    let mut runs = Vec::new();
    let mut failures = Vec::new();
    for (name, d) in &designs {
        let want = expected_calls(d);
        let got = &calls[name];
        let services: Vec<String> = got.iter().map(|argv| argv[..2].join(" ")).collect();
        let want_services: Vec<&str> = want
            .iter()
            .map(|(op, _)| {
                if op.starts_with("cloudwatch") {
                    "cloudwatch put-metric-alarm"
                } else {
                    "sagemaker update-endpoint"
                }
            })
            .collect();
        if services != want_services {
            failures.push(format!(
                "{name}: bash ran {services:?}, not {want_services:?}"
            ));
            continue;
        }
        for (k, argv) in got.iter().enumerate() {
            let run = format!("command-{name}-{k}");
            let url = endpoint_url(&server, &run);
            runs.push(serde_json::json!({
                "name": run,
                "argv": argv,
                "endpoint_url": url,
                "env": {"AWS_ENDPOINT_URL_CLOUDWATCH": url},
            }));
        }
    }
    let runs_file = scratch.path().join("runs.json");
    let runs_results = scratch.path().join("runs-results.json");
    std::fs::write(&runs_file, serde_json::to_string(&runs).unwrap()).unwrap();
    let runner = aws_env("python3", scratch.path())
        .arg(clients_dir().join("awscli_runner.py"))
        .arg(&runs_file)
        .arg(&runs_results)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run python3");
    // Meanwhile a few scripts run as a user would: bash running the real `aws`, both services
    // sending to one place, so the recorded bodies are in the order they were sent.
    let real: Vec<(String, Child)> = designs
        .iter()
        .filter(|(name, _)| REAL_AWS_ALARM_CASES.contains(&name.as_str()))
        .map(|(name, d)| {
            let run = format!("aws-{name}");
            let script = scratch.path().join(format!("{run}.sh"));
            std::fs::write(&script, cli_design_command(d)).unwrap();
            let url = endpoint_url(&server, &run);
            let child = aws_env("bash", scratch.path())
                .arg(&script)
                .env("AWS_ENDPOINT_URL_SAGEMAKER", &url)
                .env("AWS_ENDPOINT_URL_CLOUDWATCH", &url)
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .expect("run bash");
            (name.clone(), child)
        })
        .collect();
    assert_eq!(real.len(), REAL_AWS_ALARM_CASES.len());
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    for (name, child) in real {
        let out = child.wait_with_output().expect("wait for bash");
        let d = &designs.iter().find(|(n, _)| *n == name).unwrap().1;
        let run = format!("aws-{name}");
        let sent = bodies(&recorded_body(&scratch, &run).unwrap_or_default(), &run);
        let want: Vec<Value> = expected_calls(d).into_iter().map(|(_, v)| v).collect();
        if !out.status.success() || sent != want || !text(&out.stdout).contains(FAKE_ARN) {
            failures.push(format!(
                "{run}: aws sent\n{sent:#?}\ninstead of\n{want:#?}\n{}{}",
                text(&out.stdout),
                text(&out.stderr)
            ));
        }
    }
    let out = runner.wait_with_output().expect("wait for python3");
    assert!(
        out.status.success(),
        "awscli runner failed: {}",
        text(&out.stderr)
    );
    let results: BTreeMap<String, Value> =
        serde_json::from_str(&std::fs::read_to_string(&runs_results).unwrap())
            .expect("runner results are JSON");
    for (name, d) in &designs {
        let want = expected_calls(d);
        for (k, (_, body)) in want.iter().enumerate() {
            let run = format!("command-{name}-{k}");
            let Some(r) = results.get(&run) else {
                failures.push(format!("{run}: the command was not run"));
                continue;
            };
            let sent = bodies(&recorded_body(&scratch, &run).unwrap_or_default(), &run);
            if r["rc"] != 0 || sent != [body.clone()] {
                failures.push(format!(
                    "{run}: aws sent\n{sent:#?}\ninstead of\n{body:#}\n{}\n{}",
                    r["stderr"],
                    scripts.iter().find(|(n, _)| n == name).unwrap().1
                ));
            }
        }
        let last = format!("command-{name}-{}", want.len() - 1);
        let printed = results.get(&last).and_then(|r| r["stdout"].as_str());
        if !printed.is_some_and(|out| out.contains(FAKE_ARN)) {
            failures.push(format!("{last}: the update printed no ARN"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    scratch.assert_untouched();
}

// ---------------------------------------------------------------------------------------
// Quoting and literals over many generated strings, checked by bash and Python themselves.

fn generated_strings() -> Vec<String> {
    let mut runner = TestRunner::deterministic();
    let shellish = "[-a-z '\"\\\\$`!*?;&|<>(){}\\[\\]#~=%\n\t\r\u{200F}\u{202E}\u{E0041}é😀]{0,24}";
    let mut out: Vec<String> = HOSTILE.iter().map(|s| s.to_string()).collect();
    for _ in 0..300 {
        out.push(any::<String>().new_tree(&mut runner).unwrap().current());
        out.push(shellish.new_tree(&mut runner).unwrap().current());
    }
    out
}

#[test]
fn bash_quoting_keeps_any_text_as_data() {
    require_tools();
    let scratch = Scratch::new("bash");
    // bash cannot carry a NUL in an argument; cli_command never quotes one (see above).
    let values: Vec<String> = generated_strings()
        .into_iter()
        .filter(|s| !s.contains('\0'))
        .collect();
    let mut script = String::from("printf '%s\\0'");
    for v in &values {
        script.push_str(" \\\n  ");
        script.push_str(&bash_quote(v));
    }
    let mut child = Command::new("bash")
        .current_dir(scratch.path())
        .env("LC_ALL", "C")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("run bash");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(script.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let got: Vec<&[u8]> = out.stdout.split(|b| *b == 0).collect();
    assert_eq!(
        got.len(),
        values.len() + 1,
        "bash printed a different number of words"
    );
    for (v, g) in values.iter().zip(got) {
        assert_eq!(
            String::from_utf8_lossy(g),
            v.as_str(),
            "bash read {} differently",
            bash_quote(v)
        );
    }
    scratch.assert_untouched();
}

#[test]
fn python_literals_keep_any_text_as_data() {
    require_tools();
    let scratch = Scratch::new("python");
    let values = generated_strings();
    let mut program = String::from("import json, sys\nVALUES = [\n");
    for v in &values {
        program.push_str(&format!("    {},\n", python_literal(v)));
    }
    program.push_str("]\nsys.stdout.write(json.dumps(VALUES))\n");
    let file = scratch.path().join("values.py");
    std::fs::write(&file, program).unwrap();
    let out = Command::new("python3")
        .current_dir(scratch.path())
        .arg(&file)
        .output()
        .expect("run python3");
    assert!(
        out.status.success(),
        "python3 refused the literals: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let got: Vec<String> = serde_json::from_slice(&out.stdout).expect("python printed JSON");
    assert_eq!(got.len(), values.len());
    for (v, g) in values.iter().zip(&got) {
        assert_eq!(g, v, "python read {} differently", python_literal(v));
    }
    scratch.assert_untouched();
}

// ---------------------------------------------------------------------------------------
// Pure properties of the exports.

/// Characters a reviewer could not see in an export.
fn invisible_or_control(c: char) -> bool {
    (c.is_control() && c != '\n') || deployment_designer::core::export::is_invisible(c)
}

fn arb_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[a-z'\"\\\\$\n\u{200F}\u{2028}\u{FEFF}]{0,12}"
    ]
}

fn arb_size() -> impl Strategy<Value = Option<CapacitySize>> {
    proptest::option::of((any::<bool>(), any::<i64>()).prop_map(|(pct, v)| {
        if pct {
            CapacitySize::percent(v)
        } else {
            CapacitySize::instances(v)
        }
    }))
}

fn arb_request() -> impl Strategy<Value = UpdateEndpointInput> {
    (
        proptest::option::of(arb_text()),
        proptest::option::of(arb_text()),
        proptest::option::of(any::<bool>()),
        proptest::option::of(proptest::collection::vec(arb_text(), 0..4)),
        (
            arb_size(),
            proptest::option::of(any::<i64>()),
            arb_size(),
            proptest::option::of(arb_text()),
        ),
        proptest::option::of(any::<bool>()),
    )
        .prop_map(
            |(name, config, retain, alarm_names, (size, wait, rollback, kind), retain_dc)| {
                UpdateEndpointInput {
                    endpoint_name: name,
                    endpoint_config_name: config,
                    retain_all_variant_properties: retain,
                    exclude_retained_variant_properties: kind.clone().map(|k| {
                        vec![VariantProperty {
                            variant_property_type: Some(VariantPropertyType::from_wire(&k)),
                        }]
                    }),
                    deployment_config: Some(DeploymentConfig {
                        blue_green_update_policy: Some(BlueGreenUpdatePolicy {
                            traffic_routing_configuration: Some(TrafficRoutingConfig {
                                type_: kind.map(|k| TrafficRoutingConfigType::from_wire(&k)),
                                wait_interval_in_seconds: wait,
                                canary_size: size.clone(),
                                linear_step_size: None,
                            }),
                            ..Default::default()
                        }),
                        rolling_update_policy: Some(RollingUpdatePolicy {
                            maximum_batch_size: size,
                            rollback_maximum_batch_size: rollback,
                            ..Default::default()
                        }),
                        auto_rollback_configuration: alarm_names.map(|names| AutoRollbackConfig {
                            alarms: Some(
                                names
                                    .into_iter()
                                    .map(|n| Alarm {
                                        alarm_name: Some(n),
                                    })
                                    .collect(),
                            ),
                        }),
                    }),
                    retain_deployment_config: retain_dc,
                }
            },
        )
}

proptest! {
    #[test]
    fn cli_input_json_parses_to_the_request(req in arb_request()) {
        let json = cli_input_json(&req);
        prop_assert_eq!(parse(&json, "cli_input_json"), expected(&req));
    }

    #[test]
    fn exports_show_no_invisible_characters(req in arb_request()) {
        for (what, text) in [("json", cli_input_json(&req)), ("command", cli_command(&req)), ("boto3", boto3_snippet(&req))] {
            let hidden: Vec<char> = text.chars().filter(|c| invisible_or_control(*c)).collect();
            prop_assert!(hidden.is_empty(), "{} shows raw {:?}:\n{}", what, hidden, text);
        }
    }

    #[test]
    fn cli_command_is_one_command(req in arb_request()) {
        let cmd = cli_command(&req);
        prop_assert!(cmd.starts_with("aws sagemaker update-endpoint"));
        // Every line but the last ends in a continuation, so bash reads one command.
        let lines: Vec<&str> = cmd.split('\n').collect();
        for line in &lines[..lines.len() - 1] {
            prop_assert!(line.ends_with(" \\"), "line without continuation: {:?}", line);
        }
    }
}
