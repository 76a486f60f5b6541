//! The "apply and verify" runners, run for real: the boto3 script against botocore's
//! `Stubber` and (through its own `main`) against a scripted SageMaker on 127.0.0.1, the bash
//! script with the real `aws` program against that server, the state machine walked path by
//! path, interpreted over the same scenarios and checked by asl-validator, and the EventBridge
//! pattern read back. The scenarios come from the simulation (`pipeline::describe_at`): a
//! success, a silent revert (InService on the old config with a FailureReason, an empty one,
//! none) and a deadline that passes. Hostile names stay data in every runner.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};

use common::{clients, expected, hostile_designs, named, repo, require, run_batch, runs, Scratch};
use designer_core::examples;
use designer_core::model::DesignDocument;
use designer_core::pipeline::describe_at;
use designer_core::simulate::{simulate, Outcome};
use designer_iac::runners::{self, deadline, Runner, POLL_SECONDS};
use serde_json::{json, Value};

fn text(runner: Runner, doc: &DesignDocument) -> String {
    runners::export(runner, doc).text
}

/// The `DescribeEndpoint` responses a poller sees over the simulated rollout: one per
/// moment the simulation changes, consecutive repeats dropped, the settled one last.
fn responses(doc: &DesignDocument) -> Vec<Value> {
    let sim = simulate(doc);
    let mut moments: Vec<i64> = sim.events.iter().map(|e| e.t).collect();
    moments.push(sim.summary.total_seconds);
    let mut out: Vec<Value> = Vec::new();
    for t in moments {
        let v: Value = serde_json::from_str(&describe_at(doc, &sim, t)).expect("describe is JSON");
        if out.last() != Some(&v) {
            out.push(v);
        }
    }
    out
}

/// A design whose alarm drill makes SageMaker roll back.
fn rolled_back() -> DesignDocument {
    let mut doc = examples::default_design();
    doc.simulation.set_alarm_at(Some(700));
    assert_eq!(simulate(&doc).summary.outcome, Outcome::RolledBackAlarm);
    doc
}

/// The scenarios every runner must tell apart: (name, describe responses, exit code).
fn scenarios() -> Vec<(&'static str, Vec<Value>, i32)> {
    let ok = examples::default_design();
    let success = responses(&ok);
    let last = success.last().unwrap();
    assert_eq!(last["EndpointStatus"], "InService");
    assert_eq!(
        last["EndpointConfigName"],
        json!(ok.request.endpoint_config_name)
    );
    assert!(success.len() > 2 && success[0]["EndpointStatus"] == "Updating");

    let revert = responses(&rolled_back());
    let settled = revert.last().unwrap().clone();
    assert_eq!(settled["EndpointStatus"], "InService");
    assert_eq!(
        settled["EndpointConfigName"],
        json!(ok.endpoint.current_endpoint_config_name)
    );
    assert!(settled["FailureReason"]
        .as_str()
        .is_some_and(|r| !r.is_empty()));
    let with = |reason: Option<&str>| {
        let mut r = revert.clone();
        let last = r.last_mut().unwrap().as_object_mut().unwrap();
        match reason {
            Some(s) => last.insert("FailureReason".into(), json!(s)),
            None => last.remove("FailureReason"),
        };
        r
    };
    let mut failed = success.clone();
    *failed.last_mut().unwrap() = json!({"EndpointName": ok.request.endpoint_name, "EndpointStatus": "UpdateRollbackFailed", "EndpointConfigName": "whatever"});
    let mut reason_on_new = success.clone();
    reason_on_new.last_mut().unwrap()["FailureReason"] = json!("a reason left on the new config");
    vec![
        ("success", success, 0),
        ("new-config-with-reason", reason_on_new, 1),
        ("revert-with-reason", revert.clone(), 1),
        ("revert-empty-reason", with(Some("")), 1),
        ("revert-no-reason", with(None), 1),
        ("rollback-failed", failed, 1),
    ]
}

/// Always updating: the first response, forever.
fn always_updating(n: usize) -> Vec<Value> {
    vec![responses(&examples::default_design())[0].clone(); n]
}

fn python_ready() -> bool {
    require(
        "python3 with boto3",
        runs("python3", &["-c", "import boto3, botocore"]),
    )
}

// ---------------------------------------------------------------------------------------
// Python

#[test]
fn the_python_runner_tells_success_revert_and_deadline_apart_under_stubber() {
    if !python_ready() {
        return;
    }
    let doc = examples::default_design();
    let d = deadline(&doc);
    let scratch = Scratch::new("apply-py");
    let script = scratch.path().join("apply_update_endpoint.py");
    let source = text(Runner::ApplyPython, &doc);
    assert!(
        source.contains(&format!("WORST_CASE_SECONDS = {}\n", d.worst_seconds)),
        "{source}"
    );
    std::fs::write(&script, &source).unwrap();
    let mut cases: BTreeMap<String, Value> = BTreeMap::new();
    let scenarios = scenarios();
    for (name, describe, _) in &scenarios {
        cases.insert(name.to_string(), json!({"describe": describe}));
    }
    // The deadline made small by the environment, then the script's own (the fake clock runs
    // as fast as the script sleeps).
    let env = json!({runners::DEADLINE_ENV: "90"});
    cases.insert(
        "deadline-90".into(),
        json!({"describe": always_updating(10), "env": env}),
    );
    let env = json!({runners::DEADLINE_ENV: "1"});
    cases.insert(
        "deadline-tiny".into(),
        json!({"describe": always_updating(10), "env": env}),
    );
    let polls = d.polls() as usize;
    cases.insert(
        "deadline-own".into(),
        json!({"describe": always_updating(polls + 5)}),
    );
    let results = run_batch(
        "python3",
        &clients().join("apply_python_stubbed.py"),
        &cases,
        &scratch,
        &[("APPLY_SCRIPT", script.to_str().unwrap())],
    );
    let r = |name: &str| &results[name];

    for (name, describe, code) in &scenarios {
        let out = r(name)["output"].as_str().unwrap();
        assert_eq!(r(name)["rc"], json!(code), "{name}: {out}");
        // It stops at the first settled response, having polled through every other.
        assert_eq!(r(name)["describes_left"], 0, "{name}: {out}");
        assert_eq!(
            r(name)["elapsed"],
            json!((describe.len() as i64 * POLL_SECONDS) as f64),
            "{name}"
        );
        assert!(out.contains("EndpointStatus: Updating"), "{name}: {out}");
    }
    let out = r("success")["output"].as_str().unwrap();
    assert!(
        out.contains("InService on the new endpoint config"),
        "{out}"
    );
    // Each variant's status change is printed, in the simulation's words.
    assert!(
        out.contains("AllTraffic: Baking: Baking for 600 seconds"),
        "{out}"
    );
    for name in [
        "revert-with-reason",
        "revert-empty-reason",
        "revert-no-reason",
    ] {
        let out = r(name)["output"].as_str().unwrap();
        assert!(out.contains("rolled the update back"), "{name}: {out}");
    }
    assert!(r("rollback-failed")["output"]
        .as_str()
        .unwrap()
        .contains("UpdateRollbackFailed"));

    assert_eq!(r("deadline-90")["rc"], 2);
    assert_eq!(
        r("deadline-90")["describes_left"],
        7,
        "3 polls of 30 s in 90 s"
    );
    assert_eq!(r("deadline-tiny")["rc"], 2);
    assert_eq!(
        r("deadline-tiny")["describes_left"],
        9,
        "one poll, cut to the deadline"
    );
    assert_eq!(r("deadline-tiny")["elapsed"], 1.0);
    assert_eq!(r("deadline-own")["rc"], 2);
    assert_eq!(r("deadline-own")["elapsed"], json!(d.seconds as f64));
    assert_eq!(r("deadline-own")["describes_left"], 5, "{} polls", polls);
    assert!(r("deadline-own")["output"]
        .as_str()
        .unwrap()
        .contains("deadline"));
    assert_eq!(r("success")["request"], expected(&doc));
}

#[test]
fn hostile_names_stay_data_in_the_python_runner() {
    if !python_ready() {
        return;
    }
    let mut designs = hostile_designs();
    designs.push(("shell".into(), shell_hostile()));
    for (label, doc) in designs {
        let scratch = Scratch::new("apply-py-hostile");
        let script = scratch.path().join("apply_update_endpoint.py");
        let source = text(Runner::ApplyPython, &doc);
        std::fs::write(&script, &source).unwrap();
        let check = Command::new("python3")
            .args([
                "-c",
                "import ast, sys; ast.parse(open(sys.argv[1], encoding='utf-8').read())",
            ])
            .arg(&script)
            .output()
            .unwrap();
        assert!(
            check.status.success(),
            "{label}: {}\n{source}",
            String::from_utf8_lossy(&check.stderr)
        );
        let mut cases = BTreeMap::new();
        cases.insert("parse-only".to_string(), json!({}));
        if label == "shell" {
            let new = doc.request.endpoint_config_name.clone();
            cases.insert(
                "success".to_string(),
                json!({"describe": [{"EndpointName": doc.request.endpoint_name, "EndpointStatus": "InService", "EndpointConfigName": new}]}),
            );
        }
        let results = run_batch(
            "python3",
            &clients().join("apply_python_stubbed.py"),
            &cases,
            &scratch,
            &[("APPLY_SCRIPT", script.to_str().unwrap())],
        );
        assert_eq!(results["parse-only"]["request"], expected(&doc), "{label}");
        assert_eq!(results["parse-only"]["missing"], json!([]), "{label}");
        if label == "shell" {
            assert_eq!(results["success"]["rc"], 0, "{:?}", results["success"]);
        }
        assert_untouched(scratch.path());
    }
}

#[test]
fn a_design_with_placeholders_refuses_to_start() {
    if !python_ready() {
        return;
    }
    let doc = common::with_placeholders();
    let scratch = Scratch::new("apply-py-missing");
    let script = scratch.path().join("apply_update_endpoint.py");
    std::fs::write(&script, text(Runner::ApplyPython, &doc)).unwrap();
    let out = Command::new("python3").arg(&script).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains("INCOMPLETE") && said.contains("EndpointName"),
        "{said}"
    );
    let bash = text(Runner::ApplyBash, &doc);
    assert!(bash.contains("INCOMPLETE"), "{bash}");
    let rule = text(Runner::EventBridgeRule, &doc);
    assert!(rule.contains("FILL IN: EndpointName"), "{rule}");
    let asl: Value = serde_json::from_str(&text(Runner::ApplyStepFunctions, &doc)).unwrap();
    assert_eq!(
        asl["States"]["DescribeEndpoint"]["Parameters"]["EndpointName.$"],
        "$.EndpointName"
    );
}

/// Names that run commands if a runner let them out of their quotes.
fn shell_hostile() -> DesignDocument {
    let mut doc = examples::default_design();
    doc.request.endpoint_name =
        Some("ep$(touch pwned1)`touch pwned2`';touch pwned3;'\"; touch pwned4 \"${IFS}x".into());
    doc.request.endpoint_config_name =
        Some("cfg\ntouch pwned5\n$((1+1)) %s %n \\ ${HOME} !! \u{202E}".into());
    doc
}

fn assert_untouched(dir: &Path) {
    let pwned: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("pwned"))
        .collect();
    assert!(pwned.is_empty(), "hostile text ran: {pwned:?}");
}

// ---------------------------------------------------------------------------------------
// The scripted SageMaker, for the bash runner and the Python runner's own main().

struct Server {
    port: u16,
    child: Child,
    _stdin: ChildStdin,
}

impl Server {
    fn start(dir: &Path, script: &BTreeMap<String, Value>) -> Server {
        let file = dir.join("script.json");
        std::fs::write(&file, serde_json::to_string(script).unwrap()).unwrap();
        let mut child = Command::new("python3")
            .arg(clients().join("apply_server.py"))
            .arg(dir)
            .arg(&file)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("start the scripted server");
        let stdin = child.stdin.take().unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let port = line
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("server said {line:?}"));
        Server {
            port,
            child,
            _stdin: stdin,
        }
    }

    fn url(&self, case: &str) -> String {
        format!("http://127.0.0.1:{}/{case}", self.port)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A command with fake credentials, a region and no user config, working in `dir`.
fn aws_env(program: &str, dir: &Path, url: &str) -> Command {
    let mut cmd = Command::new(program);
    cmd.current_dir(dir);
    for key in [
        "AWS_PROFILE",
        "AWS_SESSION_TOKEN",
        "AWS_ENDPOINT_URL",
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
        .env("AWS_PAGER", "")
        .env("AWS_ENDPOINT_URL_SAGEMAKER", url)
        .env(runners::POLL_ENV, "0");
    cmd
}

/// The bodies the server recorded for `case` and `operation`, in order.
fn bodies(dir: &Path, case: &str, operation: &str) -> Vec<Value> {
    (0..)
        .map(|n| dir.join(format!("{case}.{operation}.{n}.body")))
        .take_while(|p| p.exists())
        .map(|p| serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap())
        .collect()
}

struct Run {
    case: String,
    code: Option<i32>,
    output: String,
}

/// Runs each (case, program, script, deadline) in parallel against the server.
fn run_all(
    dir: &Path,
    server: &Server,
    runs: Vec<(
        String,
        &'static str,
        std::path::PathBuf,
        Option<&'static str>,
    )>,
) -> Vec<Run> {
    let children: Vec<(String, Child)> = runs
        .into_iter()
        .map(|(case, program, script, deadline)| {
            let mut cmd = aws_env(program, dir, &server.url(&case));
            cmd.arg(script)
                .stdout(Stdio::piped())
                .stderr(Stdio::piped());
            if let Some(d) = deadline {
                cmd.env(runners::DEADLINE_ENV, d);
            }
            (case, cmd.spawn().expect("run"))
        })
        .collect();
    children
        .into_iter()
        .map(|(case, child)| {
            let out = child.wait_with_output().unwrap();
            Run {
                case,
                code: out.status.code(),
                output: format!(
                    "{}{}",
                    String::from_utf8_lossy(&out.stdout),
                    String::from_utf8_lossy(&out.stderr)
                ),
            }
        })
        .collect()
}

fn aws_ready() -> bool {
    python_ready() && require("the aws program (awscli)", runs("aws", &["--version"]))
}

#[test]
fn the_bash_runner_and_the_python_main_tell_the_scenarios_apart_against_a_scripted_sagemaker() {
    if !aws_ready() {
        return;
    }
    let doc = examples::default_design();
    let scratch = Scratch::new("apply-sh");
    let dir = scratch.path();
    let sh = dir.join("apply.sh");
    let py = dir.join("apply.py");
    std::fs::write(&sh, text(Runner::ApplyBash, &doc)).unwrap();
    std::fs::write(&py, text(Runner::ApplyPython, &doc)).unwrap();
    assert!(Command::new("bash")
        .arg("-n")
        .arg(&sh)
        .status()
        .unwrap()
        .success());
    let mut script = BTreeMap::new();
    let mut plan = Vec::new();
    let mut want = BTreeMap::new();
    for (name, describe, code) in scenarios() {
        for (program, path) in [("bash", &sh), ("python3", &py)] {
            // The Python runs cover success and a silent revert; bash covers every scenario.
            if program == "python3" && !matches!(name, "success" | "revert-empty-reason") {
                continue;
            }
            let case = format!("{program}-{name}").replace('3', "");
            script.insert(case.clone(), json!({"describe": describe}));
            want.insert(case.clone(), (code, describe.len()));
            plan.push((case, program, path.clone(), None));
        }
    }
    for (program, path) in [("bash", &sh), ("python3", &py)] {
        let case = format!("{program}-deadline").replace('3', "");
        script.insert(case.clone(), json!({"describe": always_updating(1)}));
        want.insert(case.clone(), (2, 1));
        plan.push((case, program, path.clone(), Some("0")));
    }
    let server = Server::start(dir, &script);
    for run in run_all(dir, &server, plan) {
        let (code, polls) = want[&run.case];
        assert_eq!(run.code, Some(code), "{}: {}", run.case, run.output);
        let updates = bodies(dir, &run.case, "UpdateEndpoint");
        assert_eq!(updates, vec![expected(&doc)], "{}", run.case);
        let describes = bodies(dir, &run.case, "DescribeEndpoint");
        assert_eq!(describes.len(), polls, "{}: {}", run.case, run.output);
        assert!(describes
            .iter()
            .all(|b| *b == json!({"EndpointName": doc.request.endpoint_name})));
        assert!(
            run.output.contains("EndpointStatus: Updating"),
            "{}: {}",
            run.case,
            run.output
        );
        if run.case.ends_with("-success") {
            assert!(
                run.output.contains("InService on the new endpoint config"),
                "{}",
                run.output
            );
        }
        if run.case.contains("revert") {
            assert!(
                run.output.contains("rolled the update back"),
                "{}",
                run.output
            );
        }
        if run.case.ends_with("-deadline") {
            assert!(run.output.contains("deadline"), "{}", run.output);
        }
    }
    // The bash runner prints each variant's status change.
    assert_untouched(dir);
}

#[test]
fn hostile_names_stay_data_in_the_bash_runner() {
    if !aws_ready() {
        return;
    }
    let scratch = Scratch::new("apply-sh-hostile");
    let dir = scratch.path();
    let mut designs: Vec<(String, DesignDocument)> = vec![("shell".into(), shell_hostile())];
    // The hostile texts joined into names (awscli's start is the slow part), and the names
    // awscli would load as files.
    let (plain, special) = common::HOSTILE.split_at(common::HOSTILE.len() - 1);
    let (first, second) = plain.split_at(plain.len() / 2);
    let mut joined = examples::default_design();
    joined.request.endpoint_name = Some(format!("-dash {}", first.concat()));
    joined.request.endpoint_config_name = Some(format!("--endpoint-name=evil {}", second.concat()));
    designs.push(("joined".into(), joined));
    let mut files = examples::default_design();
    files.request = named("file://etc/passwd", "fileb://x");
    designs.push(("files".into(), files));
    let _ = special;
    let mut script = BTreeMap::new();
    let mut plan = Vec::new();
    for (label, doc) in &designs {
        let source = text(Runner::ApplyBash, doc);
        let path = dir.join(format!("{label}.sh"));
        std::fs::write(&path, &source).unwrap();
        let check = Command::new("bash").arg("-n").arg(&path).output().unwrap();
        assert!(
            check.status.success(),
            "{label}: {}\n{source}",
            String::from_utf8_lossy(&check.stderr)
        );
        script.insert(
            label.clone(),
            json!({"describe": [{"EndpointName": doc.request.endpoint_name, "EndpointStatus": "InService", "EndpointConfigName": doc.request.endpoint_config_name}]}),
        );
        plan.push((label.clone(), "bash", path, None));
    }
    // The quoting of every other hostile design passes bash's parser too.
    for (label, doc) in hostile_designs() {
        let path = dir.join(format!("{label}.sh"));
        std::fs::write(&path, text(Runner::ApplyBash, &doc)).unwrap();
        assert!(
            Command::new("bash")
                .arg("-n")
                .arg(&path)
                .status()
                .unwrap()
                .success(),
            "{label}"
        );
    }
    let server = Server::start(dir, &script);
    for run in run_all(dir, &server, plan) {
        let doc = &designs.iter().find(|(l, _)| *l == run.case).unwrap().1;
        // The names reach SageMaker exactly as typed, and the new config is recognised (a
        // config name with a newline or a tab, which the API's name pattern refuses, is not:
        // the runner reads one line of tab-separated fields, and fails safe).
        let config = doc.request.endpoint_config_name.as_deref().unwrap_or("");
        let code = if config.contains(['\n', '\t']) { 1 } else { 0 };
        assert_eq!(run.code, Some(code), "{}: {}", run.case, run.output);
        assert_eq!(
            bodies(dir, &run.case, "UpdateEndpoint"),
            vec![expected(doc)],
            "{}",
            run.case
        );
        assert_eq!(
            bodies(dir, &run.case, "DescribeEndpoint"),
            vec![json!({"EndpointName": doc.request.endpoint_name})],
            "{}",
            run.case
        );
    }
    assert_untouched(dir);
}

// ---------------------------------------------------------------------------------------
// Step Functions

fn targets(state: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let mut push = |v: &Value| {
        if let Some(s) = v.as_str() {
            out.push(s.to_string());
        }
    };
    push(&state["Next"]);
    push(&state["Default"]);
    for c in state["Choices"].as_array().into_iter().flatten() {
        push(&c["Next"]);
    }
    for c in state["Catch"].as_array().into_iter().flatten() {
        push(&c["Next"]);
    }
    out
}

/// Every target exists, every state is reachable, nothing ends but Succeed and Fail, and
/// every state reaches one of them.
fn walk(machine: &Value) {
    let states = machine["States"].as_object().expect("States");
    let start = machine["StartAt"].as_str().unwrap();
    assert!(states.contains_key(start));
    let mut seen = BTreeSet::new();
    let mut todo = vec![start.to_string()];
    while let Some(s) = todo.pop() {
        if !seen.insert(s.clone()) {
            continue;
        }
        let state = &states[&s];
        let kind = state["Type"].as_str().unwrap();
        assert!(
            state.get("End").is_none(),
            "{s} ends without Succeed or Fail"
        );
        let next = targets(state);
        if matches!(kind, "Succeed" | "Fail") {
            assert!(next.is_empty(), "{s}");
        } else {
            assert!(!next.is_empty(), "{s} ({kind}) leads nowhere");
        }
        for t in next {
            assert!(states.contains_key(&t), "{s} -> {t}: no such state");
            todo.push(t);
        }
    }
    assert_eq!(seen.len(), states.len(), "unreachable states");
    // Backwards from the ends: every state gets there.
    let mut ends: BTreeSet<String> = states
        .iter()
        .filter(|(_, v)| matches!(v["Type"].as_str(), Some("Succeed" | "Fail")))
        .map(|(k, _)| k.clone())
        .collect();
    loop {
        let more: Vec<String> = states
            .iter()
            .filter(|(k, v)| !ends.contains(*k) && targets(v).iter().any(|t| ends.contains(t)))
            .map(|(k, _)| k.clone())
            .collect();
        if more.is_empty() {
            break;
        }
        ends.extend(more);
    }
    assert_eq!(
        ends.len(),
        states.len(),
        "a state that reaches no Succeed or Fail"
    );
}

fn path<'a>(data: &'a Value, p: &str) -> Option<&'a Value> {
    let rest = p.strip_prefix('$').unwrap();
    rest.split('.')
        .filter(|s| !s.is_empty())
        .try_fold(data, |v, k| v.get(k))
}

/// A Choice rule, as Step Functions evaluates it (the operators the runner uses).
fn rule(r: &Value, data: &Value) -> bool {
    if let Some(all) = r["And"].as_array() {
        return all.iter().all(|x| rule(x, data));
    }
    if let Some(any) = r["Or"].as_array() {
        return any.iter().any(|x| rule(x, data));
    }
    let v = path(data, r["Variable"].as_str().unwrap());
    if let Some(present) = r["IsPresent"].as_bool() {
        return v.is_some() == present;
    }
    let v = v.unwrap_or_else(|| panic!("{} is missing: a runtime error", r["Variable"]));
    if let Some(s) = r.get("StringEquals") {
        return v == s;
    }
    if let Some(p) = r["StringEqualsPath"].as_str() {
        return Some(v) == path(data, p);
    }
    if let Some(n) = r["NumericGreaterThanEquals"].as_i64() {
        return v.as_i64().unwrap() >= n;
    }
    panic!("an operator this test does not know: {r}");
}

/// Runs the machine over a sequence of describe responses; returns the end state and polls.
fn interpret(machine: &Value, input: Value, describes: &[Value]) -> (String, i64) {
    let states = &machine["States"];
    let mut data = input;
    let mut at = machine["StartAt"].as_str().unwrap().to_string();
    let mut polls = 0i64;
    for _ in 0..100_000 {
        let s = &states[&at];
        let next = match s["Type"].as_str().unwrap() {
            "Succeed" | "Fail" => return (at, polls),
            "Task" if at == "DescribeEndpoint" => {
                let r = describes[(polls as usize - 1).min(describes.len() - 1)].clone();
                data["Endpoint"] = r;
                s["Next"].as_str().unwrap()
            }
            "Task" => s["Next"].as_str().unwrap(),
            "Pass" => {
                if at == "StartWatching" {
                    data["Watch"] = s["Result"].clone();
                } else {
                    assert_eq!(
                        s["Parameters"]["Polls.$"],
                        "States.MathAdd($.Watch.Polls, 1)"
                    );
                    polls += 1;
                    data["Watch"] = json!({"Polls": polls});
                }
                s["Next"].as_str().unwrap()
            }
            "Wait" => s["Next"].as_str().unwrap(),
            "Choice" => s["Choices"]
                .as_array()
                .unwrap()
                .iter()
                .find(|c| rule(c, &data))
                .map_or_else(
                    || s["Default"].as_str().unwrap(),
                    |c| c["Next"].as_str().unwrap(),
                ),
            other => panic!("{other}"),
        };
        at = next.to_string();
    }
    panic!("the machine never ended");
}

#[test]
fn the_state_machine_walks_to_an_end_and_tells_the_scenarios_apart() {
    let doc = examples::default_design();
    let machine: Value = serde_json::from_str(&text(Runner::ApplyStepFunctions, &doc)).unwrap();
    walk(&machine);
    let states = &machine["States"];
    assert_eq!(
        states["UpdateEndpoint"]["Resource"],
        "arn:aws:states:::sagemaker:updateEndpoint"
    );
    assert_eq!(states["UpdateEndpoint"]["Parameters"], expected(&doc));
    assert_eq!(
        states["DescribeEndpoint"]["Resource"],
        "arn:aws:states:::aws-sdk:sagemaker:describeEndpoint"
    );
    assert_eq!(states["WaitForDeployment"]["Seconds"], POLL_SECONDS);
    let want = |name: &str| match name {
        "success" => "Updated",
        "rollback-failed" => "UpdateFailed",
        _ => "RolledBack",
    };
    for (name, describe, _) in scenarios() {
        let (end, polls) = interpret(&machine, json!({}), &describe);
        assert_eq!(end, want(name), "{name}");
        assert_eq!(polls as usize, describe.len(), "{name}");
    }
    let d = deadline(&doc);
    let (end, polls) = interpret(&machine, json!({}), &always_updating(1));
    assert_eq!((end.as_str(), polls), ("DeadlinePassed", d.polls()));
    assert!(polls * POLL_SECONDS >= d.seconds);
    for end in [
        "UpdateRefused",
        "RolledBack",
        "UpdateFailed",
        "DeadlinePassed",
    ] {
        assert_eq!(states[end]["Type"], "Fail");
        assert!(states[end]["Error"]
            .as_str()
            .is_some_and(|e| e.starts_with("Apply.")));
        assert!(states[end]["Cause"].as_str().is_some_and(|c| c.len() > 20));
    }
    // With the names from the execution input, the same checks read them from there.
    let placeholders = common::with_placeholders();
    let m: Value = serde_json::from_str(&text(Runner::ApplyStepFunctions, &placeholders)).unwrap();
    walk(&m);
    let mut describe = responses(&examples::default_design());
    describe.last_mut().unwrap()["EndpointConfigName"] =
        json!(placeholders.request.endpoint_config_name);
    let input = json!({"EndpointName": "from-input", "EndpointConfigName": placeholders.request.endpoint_config_name});
    assert_eq!(interpret(&m, input, &describe).0, "Updated");
}

#[test]
fn asl_validator_accepts_every_state_machine() {
    let validator = repo()
        .join("node_modules")
        .join(".bin")
        .join("asl-validator");
    if !require("asl-validator (npm)", validator.exists()) {
        return;
    }
    let scratch = Scratch::new("apply-asl");
    let mut designs: Vec<(String, DesignDocument)> = common::designs()
        .into_iter()
        .map(|(l, d)| (l.to_string(), d))
        .collect();
    designs.extend(hostile_designs());
    designs.push(("placeholders".into(), common::with_placeholders()));
    designs.push(("shell".into(), shell_hostile()));
    for name in ["canary", "linear", "rolling", "multi", "retain"] {
        designs.push((name.into(), examples::example(name).unwrap()));
    }
    let mut cmd = Command::new(&validator);
    for (label, doc) in &designs {
        let t = text(Runner::ApplyStepFunctions, doc);
        let machine: Value =
            serde_json::from_str(&t).unwrap_or_else(|e| panic!("{label}: {e}\n{t}"));
        walk(&machine);
        // Hostile names stay data: the request reads back exactly.
        if doc.placeholders.is_empty() {
            assert_eq!(
                machine["States"]["UpdateEndpoint"]["Parameters"],
                expected(doc),
                "{label}"
            );
            assert_eq!(
                machine["States"]["DescribeEndpoint"]["Parameters"],
                json!({"EndpointName": doc.request.endpoint_name.clone().unwrap_or_default()}),
                "{label}"
            );
        }
        let file = scratch.path().join(format!("{label}.asl.json"));
        std::fs::write(&file, t).unwrap();
        cmd.arg("--json-path").arg(file);
    }
    let out = cmd.output().expect("run asl-validator");
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

// ---------------------------------------------------------------------------------------
// EventBridge, and the runners' deadline

#[test]
fn the_eventbridge_pattern_names_this_endpoint_exactly() {
    let mut designs: Vec<(String, DesignDocument)> = hostile_designs();
    designs.push(("shell".into(), shell_hostile()));
    designs.push(("default".into(), examples::default_design()));
    for (label, doc) in designs {
        let pattern: Value = serde_json::from_str(&text(Runner::EventBridgeRule, &doc)).unwrap();
        assert_eq!(
            pattern,
            json!({
                "source": ["aws.sagemaker"],
                "detail-type": ["SageMaker Endpoint Deployment State Change"],
                "detail": {"EndpointName": [doc.request.endpoint_name.clone().unwrap_or_default()]}
            }),
            "{label}"
        );
    }
}

#[test]
fn the_deadline_is_the_worst_case_plus_ten_minutes() {
    for name in ["canary", "linear", "rolling", "multi", "retain"] {
        let doc = examples::example(name).unwrap();
        let d = deadline(&doc);
        let plan = simulate(&doc).summary.total_seconds;
        assert!(d.worst_seconds >= plan, "{name}");
        assert_eq!(d.seconds, d.worst_seconds + 600, "{name}");
        let policy = doc.request.deployment_config.as_ref();
        let m = policy
            .and_then(|p| p.blue_green_update_policy.as_ref())
            .and_then(|b| b.maximum_execution_timeout_in_seconds)
            .or_else(|| {
                policy
                    .and_then(|p| p.rolling_update_policy.as_ref())
                    .and_then(|r| r.maximum_execution_timeout_in_seconds)
            });
        if let Some(m) = m {
            assert!(d.worst_seconds >= m, "{name}: a timeout at {m} s");
        }
        for runner in [Runner::ApplyPython, Runner::ApplyBash] {
            assert!(text(runner, &doc).contains(&d.why()), "{name}");
        }
    }
}
