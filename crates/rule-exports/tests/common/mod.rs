//! The engines the agreement tests run, and the inputs each reads: the project's own
//! Terraform and CloudFormation exports of a design, and the `terraform show -json` plan of it.
#![allow(dead_code)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use designer_core::model::{CapacitySize, DesignDocument};
use designer_iac::{export, Options, Target};
use designer_team::Rules;
use serde_json::{json, Value};

/// One design of a test table.
pub struct Design {
    pub id: String,
    pub doc: DesignDocument,
}

/// A fresh directory under the system's temp directory.
pub fn scratch(what: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("rule-exports-{what}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    dir
}

fn write(path: &Path, text: &str) {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("{}: {e}", parent.display()));
    }
    std::fs::write(path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

/// An engine's program: `$ENV_VAR`, the places scripts/setup.sh installs it, or `PATH`.
/// Missing, the test is skipped with a message when `CI` is unset, and fails when it is set.
pub fn tool(name: &str, env_var: &str, installed: &[PathBuf], install: &str) -> Option<PathBuf> {
    let from_env = std::env::var_os(env_var).map(PathBuf::from);
    let on_path = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).map(|d| d.join(name)).collect::<Vec<_>>())
        .unwrap_or_default();
    let found = from_env.into_iter().chain(installed.iter().cloned()).chain(on_path).find(|p| p.is_file());
    if found.is_none() {
        if std::env::var_os("CI").is_some() {
            panic!("{name} is not installed, and CI is set: {install}");
        }
        eprintln!("SKIPPED: {name} is not installed (CI is unset, so this test passes without it): {install}");
    }
    found
}

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn run(cmd: &mut Command) -> (i32, String, String) {
    let out = cmd.output().unwrap_or_else(|e| panic!("{cmd:?}: {e}"));
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

// ---- Rego (regorus) over `terraform show -json` ----

fn size(s: &Option<CapacitySize>) -> Value {
    match s {
        Some(s) => json!([{
            "type": s.type_.as_ref().map(|t| t.wire().to_string()),
            "value": s.value,
        }]),
        None => json!([]),
    }
}

/// The `terraform show -json` of a plan that creates the design's `aws_sagemaker_endpoint`
/// (in `module.serving` when `in_module`): `planned_values` with `values` as the aws provider's
/// schema nests them (every block a list, unset attributes `null`, `termination_wait_in_seconds`
/// defaulting to 0; `arn` and `id` unknown until apply, so absent).
pub fn plan_json(doc: &DesignDocument, in_module: bool) -> String {
    let r = &doc.request;
    let dc = r.deployment_config.as_ref().map(|dc| {
        let bg = dc.blue_green_update_policy.as_ref().map(|bg| {
            let routing = bg.traffic_routing_configuration.as_ref().map(|t| {
                json!({
                    "type": t.type_.as_ref().map(|t| t.wire().to_string()),
                    "wait_interval_in_seconds": t.wait_interval_in_seconds,
                    "canary_size": size(&t.canary_size),
                    "linear_step_size": size(&t.linear_step_size),
                })
            });
            json!({
                "maximum_execution_timeout_in_seconds": bg.maximum_execution_timeout_in_seconds,
                "termination_wait_in_seconds": bg.termination_wait_in_seconds.unwrap_or(0),
                "traffic_routing_configuration": routing.into_iter().collect::<Vec<_>>(),
            })
        });
        let rolling = dc.rolling_update_policy.as_ref().map(|p| {
            json!({
                "maximum_batch_size": size(&p.maximum_batch_size),
                "maximum_execution_timeout_in_seconds": p.maximum_execution_timeout_in_seconds,
                "rollback_maximum_batch_size": size(&p.rollback_maximum_batch_size),
                "wait_interval_in_seconds": p.wait_interval_in_seconds,
            })
        });
        let rollback = dc.auto_rollback_configuration.as_ref().map(|a| {
            let alarms: Vec<Value> = a
                .alarms
                .iter()
                .flatten()
                .map(|a| json!({"alarm_name": a.alarm_name}))
                .collect();
            json!({ "alarms": alarms })
        });
        json!({
            "auto_rollback_configuration": rollback.into_iter().collect::<Vec<_>>(),
            "blue_green_update_policy": bg.into_iter().collect::<Vec<_>>(),
            "rolling_update_policy": rolling.into_iter().collect::<Vec<_>>(),
        })
    });
    let prefix = if in_module { "module.serving." } else { "" };
    let resource = json!({
        "address": format!("{prefix}aws_sagemaker_endpoint.endpoint"),
        "mode": "managed",
        "type": "aws_sagemaker_endpoint",
        "name": "endpoint",
        "provider_name": "registry.terraform.io/hashicorp/aws",
        "schema_version": 0,
        "values": {
            "deployment_config": dc.into_iter().collect::<Vec<_>>(),
            "endpoint_config_name": r.endpoint_config_name,
            "name": r.endpoint_name,
            "tags": null,
        },
        "sensitive_values": {"deployment_config": [], "tags_all": {}},
    });
    let root = if in_module {
        json!({"child_modules": [{"address": "module.serving", "resources": [resource]}]})
    } else {
        json!({"resources": [resource]})
    };
    let plan = json!({
        "format_version": "1.2",
        "terraform_version": "1.9.8",
        "planned_values": {"root_module": root},
        "resource_changes": [],
        "configuration": {},
    });
    serde_json::to_string_pretty(&plan).unwrap_or_else(|e| panic!("{e}"))
}

/// The rules whose `deny` messages the policy gives on the plan (each message starts with
/// the rule's name and a colon).
pub fn rego_failures(policy: &str, plan: &str, rules: &Rules) -> BTreeSet<String> {
    by_prefix(&rego_messages(policy, plan), rules)
}

/// The policy's `deny` messages on the plan.
pub fn rego_messages(policy: &str, plan: &str) -> Vec<String> {
    let mut engine = regorus::Engine::new();
    engine
        .add_policy("team.rego".to_string(), policy.to_string())
        .unwrap_or_else(|e| panic!("regorus refuses the policy: {e}\n{policy}"));
    engine.set_input_json(plan).unwrap_or_else(|e| panic!("{e}"));
    let deny = engine
        .eval_rule("data.sagemaker.deployment.deny".to_string())
        .unwrap_or_else(|e| panic!("regorus: {e}"));
    let deny: Value = serde_json::from_str(&deny.to_json_str().unwrap_or_else(|e| panic!("{e}")))
        .unwrap_or_else(|e| panic!("{e}"));
    let messages: Vec<String> = match deny {
        Value::Array(items) => items.into_iter().map(|m| m.as_str().unwrap_or_default().to_string()).collect(),
        // No message at all: a set with nothing in it is undefined.
        Value::Null | Value::String(_) => Vec::new(),
        other => panic!("deny is not a set of messages: {other}"),
    };
    messages
}

/// The rules some message names first (`<name>: ...`).
fn by_prefix(messages: &[String], rules: &Rules) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for m in messages {
        let rule = rules
            .rules
            .iter()
            .find(|r| m.starts_with(&format!("{}: ", r.name)))
            .unwrap_or_else(|| panic!("a message that names no rule: {m}"));
        out.insert(rule.name.clone());
    }
    out
}

// ---- cfn-guard over the CloudFormation export ----

/// For each design, the rules cfn-guard finds not compliant in its CloudFormation (JSON)
/// export; `None` when the program is missing and CI is unset.
pub fn guard_failures(guard: &str, designs: &[Design], rules: &Rules) -> Option<Vec<BTreeSet<String>>> {
    let home = std::env::var_os("HOME").map(PathBuf::from).unwrap_or_default();
    let program = tool(
        "cfn-guard",
        "CFN_GUARD",
        &[home.join(".cargo/bin/cfn-guard")],
        "scripts/setup.sh installs it (cargo install --locked cfn-guard --version 3.2.1)",
    )?;
    let dir = scratch("guard");
    let rules_file = dir.join("team.guard");
    write(&rules_file, guard);
    let names: Vec<String> =
        rules.rules.iter().enumerate().map(|(i, r)| designer_rule_exports::cfn_guard_rule_name(i, r)).collect();
    let mut out = Vec::new();
    for d in designs {
        let template = export(Target::CloudFormationJson, &d.doc, &Options::default()).text;
        let data = dir.join(format!("{}.json", d.id));
        write(&data, &template);
        let (code, stdout, stderr) = run(Command::new(&program)
            .arg("validate")
            .arg("--rules")
            .arg(&rules_file)
            .arg("--data")
            .arg(&data)
            .args(["--output-format", "json", "--show-summary", "none"]));
        // 0: compliant, 19: not compliant; anything else is Guard refusing the rules or data.
        assert!(code == 0 || code == 19, "cfn-guard exited {code} on {}:\n{stderr}\n{stdout}\n{guard}", d.id);
        let report: Value = serde_json::from_str(&stdout)
            .unwrap_or_else(|e| panic!("cfn-guard's JSON on {}: {e}\n{stdout}", d.id));
        let mut failed = BTreeSet::new();
        for (i, name) in names.iter().enumerate() {
            if not_compliant(&report).contains(name) {
                failed.insert(rules.rules[i].name.clone());
            }
        }
        assert_eq!(code == 19, !failed.is_empty(), "exit code and report differ on {}:\n{stdout}", d.id);
        out.push(failed);
    }
    Some(out)
}

/// The rule names of a cfn-guard JSON report's `not_compliant` entries.
fn not_compliant(report: &Value) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let files: Vec<&Value> = match report {
        Value::Array(items) => items.iter().collect(),
        other => vec![other],
    };
    for f in files {
        for entry in f["not_compliant"].as_array().into_iter().flatten() {
            let name = entry["Rule"]["name"].as_str().or_else(|| entry["name"].as_str());
            if let Some(n) = name {
                out.insert(n.to_string());
            }
        }
    }
    out
}

// ---- checkov over the Terraform export ----

/// For each design, the rules checkov fails on its Terraform export (one module directory per
/// design, one checkov run); `None` when checkov is missing and CI is unset.
pub fn checkov_failures(policy: &str, designs: &[Design], rules: &Rules) -> Option<Vec<BTreeSet<String>>> {
    let program = tool(
        "checkov",
        "CHECKOV",
        &[workspace().join("target/tools/checkov-3.3.30/bin/checkov")],
        "scripts/setup.sh installs it (checkov 3.3.30 from PyPI, in target/tools/checkov-3.3.30)",
    )?;
    let dir = scratch("checkov");
    let checks = dir.join("checks");
    write(&checks.join("team_rules.py"), policy);
    write(&checks.join("__init__.py"), "");
    for d in designs {
        let hcl = export(Target::Terraform, &d.doc, &Options::default()).text;
        write(&dir.join("tf").join(&d.id).join("main.tf"), &hcl);
    }
    let ids: Vec<String> = (0..rules.rules.len()).map(designer_rule_exports::checkov_id).collect();
    let (code, stdout, stderr) = run(Command::new(&program)
        .arg("-d")
        .arg(dir.join("tf"))
        .arg("--external-checks-dir")
        .arg(&checks)
        .args(["--framework", "terraform", "--check", &ids.join(","), "--output", "json", "--quiet", "--compact"])
        .arg("--skip-download")
        .env("LOG_LEVEL", "WARNING"));
    assert!(code == 0 || code == 1, "checkov exited {code}:\n{stderr}\n{stdout}");
    let report: Value = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("checkov's JSON: {e}\n{stdout}\n{stderr}"));
    let results = &report["results"];
    // The check names a result; each design's checks must have run (passed or failed) or
    // been skipped by the endpoint patterns (no result).
    let mut out = Vec::new();
    for d in designs {
        let file = format!("/{}/main.tf", d.id);
        let mut failed = BTreeSet::new();
        for r in results["failed_checks"].as_array().into_iter().flatten() {
            if r["file_path"].as_str().is_some_and(|p| p.ends_with(&file)) {
                let id = r["check_id"].as_str().unwrap_or_default();
                let i = ids.iter().position(|x| x == id).unwrap_or_else(|| panic!("an unknown check {id}"));
                // What checkov prints beside the id: the rule's name and the team's message.
                let rule = &rules.rules[i];
                assert_eq!(r["check_name"].as_str(), Some(format!("{}: {}", rule.name, rule.message).as_str()));
                failed.insert(rules.rules[i].name.clone());
            }
        }
        out.push(failed);
    }
    let ran = results["passed_checks"].as_array().map_or(0, Vec::len) + results["failed_checks"].as_array().map_or(0, Vec::len);
    assert!(ran > 0, "checkov ran none of the team's checks:\n{stdout}\n{stderr}");
    Some(out)
}
