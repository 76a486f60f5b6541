//! `designer` as a user runs it: on a repository of our own (a Terraform module, a
//! CloudFormation template, a deploy script, a rules file), in each output format, with
//! the exit codes a CI gate reads, on files that must not stop it, and for a review.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/repo")
}

fn designer(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_designer"))
        .current_dir(dir)
        .args(args)
        .env_remove("DESIGNER_PAGE_URL")
        .output()
        .unwrap_or_else(|e| panic!("designer: {e}"))
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// The line `line` of `file` under the repository.
fn line_of(file: &str, line: u32) -> String {
    let text = std::fs::read_to_string(repo().join(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
    text.lines().nth(line as usize - 1).unwrap_or_default().to_string()
}

/// A fresh directory for a test's own tree.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("designer-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    dir
}

const RULES: &str = ".designer/team-rules.yaml";

#[test]
fn text_output_names_each_finding_with_file_line_and_column() {
    let out = designer(&repo(), &["check", "--rules", RULES, "."]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let text = stdout(&out);
    // Each finding's place is the member it is about, in the file as written.
    let expect = [
        ("infra/terraform/scoring/main.tf", "error[team:prod-canary-max]", "canary_size"),
        ("infra/terraform/scoring/main.tf", "error[team:prod-bake]", "wait_interval_in_seconds"),
        ("infra/terraform/scoring/main.tf", "warning[team:prod-two-alarms]", "alarms {"),
        ("infra/cloudformation/ranker.yaml", "error[R3]", "TerminationWaitInSeconds: 4000"),
    ];
    for (file, tag, member) in expect {
        let line = text
            .lines()
            .find(|l| l.starts_with(&format!("{file}:")) && l.contains(tag))
            .unwrap_or_else(|| panic!("no {tag} in {file}:\n{text}"));
        let mut parts = line.splitn(4, ':');
        let (_, l, c) = (parts.next(), parts.next(), parts.next());
        let (l, c): (u32, usize) = (l.and_then(|l| l.parse().ok()).unwrap_or(0), c.and_then(|c| c.parse().ok()).unwrap_or(0));
        let written = line_of(file, l);
        assert!(written[c.saturating_sub(1)..].starts_with(member.split(' ').next().unwrap_or(member)), "{line}: points at {written:?}");
    }
    assert!(text.contains("your team's rule `prod-canary-max`: The canary (CAPACITY_PERCENT 25) is 2 of the variant `AllTraffic`'s 8 instances, 25% of its fleet"), "{text}");
    // The deploy script meets every rule; the README and the training code are passed over.
    assert!(!text.lines().any(|l| l.starts_with("scripts/deploy_fraud.py:") && l.contains("error")), "{text}");
    assert!(!text.contains("README.md") && !text.contains("train.py"), "{text}");
    assert!(text.trim_end().ends_with("3 files checked: 3 errors, 1 warning, 2 notes; 0 files could not be read"), "{text}");
}

#[test]
fn json_output_is_the_same_findings_as_data() {
    let out = designer(&repo(), &["check", "--rules", RULES, "--format", "json", "."]);
    assert_eq!(out.status.code(), Some(1));
    let v: Value = serde_json::from_str(&stdout(&out)).unwrap_or_else(|e| panic!("{e}: {}", stdout(&out)));
    let findings = v["findings"].as_array().cloned().unwrap_or_default();
    let canary = findings.iter().find(|f| f["rule"] == "team:prod-canary-max").unwrap_or_else(|| panic!("{v}"));
    assert_eq!(canary["file"], "infra/terraform/scoring/main.tf");
    assert_eq!(canary["line"], 39);
    assert_eq!(canary["level"], "error");
    assert_eq!(canary["path"], "DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration.CanarySize");
    assert_eq!(canary["message"], "Production canaries take at most 10% of the fleet.");
    let forms: Vec<&str> = v["checked"].as_array().into_iter().flatten().filter_map(|c| c["form"].as_str()).collect();
    assert_eq!(forms.len(), 3, "{forms:?}");
    assert!(forms.iter().any(|f| f.contains("Terraform")) && forms.iter().any(|f| f.contains("CloudFormation")), "{forms:?}");
    assert_eq!(v["summary"]["errors"], 3);
    assert_eq!(v["summary"]["exit_code"], 1);
}

/// The shape GitHub code scanning reads, checked member by member; and, where the SARIF
/// 2.1.0 schema is at hand (npm's `@microsoft/jest-sarif` ships it: set SARIF_SCHEMA to
/// its `lib/schemas/sarif-2.1.0-rtm.5.json`, or have it in the workspace's node_modules),
/// validated against it with Python's jsonschema.
#[test]
fn sarif_output_is_what_code_scanning_reads() {
    let out = designer(&repo(), &["check", "--rules", RULES, "--format", "sarif", "."]);
    assert_eq!(out.status.code(), Some(1));
    let log: Value = serde_json::from_str(&stdout(&out)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(log["version"], "2.1.0");
    let run = &log["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "designer");
    let rules = run["tool"]["driver"]["rules"].as_array().cloned().unwrap_or_default();
    assert!(rules.iter().any(|r| r["id"] == "S2") && rules.iter().any(|r| r["id"] == "team:prod-bake"));
    let results = run["results"].as_array().cloned().unwrap_or_default();
    assert_eq!(results.len(), 6);
    for r in &results {
        let i = r["ruleIndex"].as_u64().unwrap_or(u64::MAX) as usize;
        assert_eq!(rules.get(i).map(|d| &d["id"]), Some(&r["ruleId"]), "{r}");
        assert!(["error", "warning", "note"].contains(&r["level"].as_str().unwrap_or("")));
        let loc = &r["locations"][0]["physicalLocation"];
        assert_eq!(loc["artifactLocation"]["uriBaseId"], "%SRCROOT%");
        assert!(!loc["artifactLocation"]["uri"].as_str().unwrap_or("/").starts_with('/'));
        assert!(loc["region"]["startLine"].as_u64().unwrap_or(0) >= 1 && loc["region"]["startColumn"].as_u64().unwrap_or(0) >= 1);
        assert!(!r["message"]["text"].as_str().unwrap_or("").is_empty());
    }
    let canary = results.iter().find(|r| r["ruleId"] == "team:prod-canary-max").unwrap_or_else(|| panic!("{log}"));
    assert_eq!(canary["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "infra/terraform/scoring/main.tf");
    assert_eq!(canary["locations"][0]["physicalLocation"]["region"]["startLine"], 39);
    let schema = std::env::var_os("SARIF_SCHEMA").map(PathBuf::from).unwrap_or_else(|| {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json")
    });
    if !schema.exists() {
        // scripts/setup.sh installs it (package.json); CI must not pass without it.
        assert!(std::env::var_os("CI").is_none(), "SARIF schema not found at {}", schema.display());
        eprintln!("SARIF schema not found at {}: checked by structure only", schema.display());
        return;
    }
    let dir = scratch("sarif");
    let file = dir.join("out.sarif");
    std::fs::write(&file, &out.stdout).unwrap_or_else(|e| panic!("{e}"));
    let check = Command::new("python3")
        .args(["-c", "import json,sys,jsonschema; jsonschema.validate(json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))); print('valid')"])
        .arg(&file)
        .arg(&schema)
        .output()
        .unwrap_or_else(|e| panic!("python3: {e}"));
    assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stderr));
}

#[test]
fn exit_codes_say_errors_first_then_unreadable_files() {
    // A file that meets every rule: 0.
    let clean = designer(&repo(), &["check", "--rules", RULES, "scripts/deploy_fraud.py"]);
    assert_eq!(clean.status.code(), Some(0), "{}", stdout(&clean));
    // A text that mentions the API but cannot be read: listed with its line and column, 2.
    let dir = scratch("unreadable");
    std::fs::write(dir.join("request.json"), "{\n  \"EndpointName\": \"ep\",\n  \"DeploymentConfig\": {\"BlueGreenUpdatePolicy\": 5,}\n}\n").unwrap_or_else(|e| panic!("{e}"));
    let broken = designer(&dir, &["check", "."]);
    assert_eq!(broken.status.code(), Some(2), "{}", stdout(&broken));
    assert!(stdout(&broken).lines().any(|l| l.starts_with("request.json:3:") && l.contains("could not read")), "{}", stdout(&broken));
    // Errors elsewhere win: 1, and the unreadable file is still listed.
    let both = designer(&repo(), &["check", "--rules", RULES, ".", dir.to_str().unwrap_or_default()]);
    assert_eq!(both.status.code(), Some(1));
    assert!(stdout(&both).contains("request.json:3:"), "{}", stdout(&both));
    // A path that does not exist is listed, not fatal.
    let missing = designer(&repo(), &["check", "scripts", "no-such-dir"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(stdout(&missing).contains("no-such-dir: could not read: no such file or directory"));
}

#[test]
fn a_rules_file_with_a_mistake_stops_the_check_with_its_line() {
    let dir = scratch("bad-rules");
    let cases = [
        ("rules:\n  - name: a\n    message: m\n    canery: {at_most: 10%}\n", ":4:5:", "did you mean `canary`"),
        ("rules:\n  - name: a\n    message: m\n    canary: {at_most: 60%}\n", ":4:23:", "AWS caps a canary at 50%"),
        ("rules:\n  - name: a\n    message: m\n    bake: {at_least: 3601}\n", ":4:22:", "at most 3600 s"),
        ("rules:\n  - name: a\n    message: m\n    endpoints: \"*_prod\"\n    bake: {at_least: 60}\n", ":4:16:", "cannot match any endpoint"),
        ("rules:\n  - name: a\n    message: m\n    bake: {at_least: [1]}\n", ":4:22:", "not a list"),
    ];
    for (text, place, words) in cases {
        std::fs::write(dir.join("rules.yaml"), text).unwrap_or_else(|e| panic!("{e}"));
        let out = designer(&dir, &["check", "--rules", "rules.yaml", &repo().to_string_lossy()]);
        assert_eq!(out.status.code(), Some(2), "{text}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(&format!("rules.yaml{place}")) && err.contains(words), "{text}: {err}");
        assert!(out.stdout.is_empty(), "nothing is checked with a broken rules file");
    }
}

#[test]
fn odd_files_are_passed_over_or_noted_never_fatal() {
    let dir = scratch("odd");
    let request = r#"{"EndpointName": "ep", "EndpointConfigName": "cfg", "DeploymentConfig": {"BlueGreenUpdatePolicy": {"TrafficRoutingConfiguration": {"Type": "ALL_AT_ONCE", "WaitIntervalInSeconds": 60}}}}"#;
    // A name with spaces and characters a shell would quote.
    std::fs::create_dir_all(dir.join("deploy dir")).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.join("deploy dir/req #1 (é).json"), request).unwrap_or_else(|e| panic!("{e}"));
    // A binary file that happens to contain the API's name.
    let mut binary = b"\x00\x01UpdateEndpoint\x00".to_vec();
    binary.extend(std::iter::repeat_n(0u8, 1000));
    std::fs::write(dir.join("model.bin"), binary).unwrap_or_else(|e| panic!("{e}"));
    // Latin-1 text: read with replacement characters and a note.
    let latin = b"#!/bin/sh\n# d\xe9ploiement du mod\xe8le\naws sagemaker update-endpoint --endpoint-name ep --endpoint-config-name cfg-v2\n";
    std::fs::write(dir.join("latin1.sh"), latin).unwrap_or_else(|e| panic!("{e}"));
    // A huge file: 5 MB mentioning the API (listed), 5 MB of data (passed over).
    let mut huge = String::from("# UpdateEndpoint log\n");
    huge.push_str(&"x".repeat(5 * 1024 * 1024));
    std::fs::write(dir.join("huge.log"), huge).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.join("data.csv"), "1,2,3\n".repeat(1024 * 1024)).unwrap_or_else(|e| panic!("{e}"));
    // A symlink loop, a link to nothing, and a named pipe (opening one would wait forever).
    #[cfg(unix)]
    {
        let _ = std::os::unix::fs::symlink(&dir, dir.join("deploy dir/loop"));
        let _ = std::os::unix::fs::symlink(dir.join("nowhere"), dir.join("dangling.json"));
        let _ = Command::new("mkfifo").arg(dir.join("pipe.json")).status();
    }
    let started = std::time::Instant::now();
    let out = designer(&dir, &["check", "."]);
    assert!(started.elapsed().as_secs() < 20, "the check took {:?}", started.elapsed());
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(2), "{text}");
    assert!(text.contains("deploy dir/req #1 (é).json: note:") || text.contains("2 files checked"), "{text}");
    assert!(text.contains("huge.log: could not read: it mentions the endpoint API but is 5 MB"), "{text}");
    assert!(text.contains("latin1.sh: note: not UTF-8"), "{text}");
    assert!(text.contains("skipped: a symbolic link loop"), "{text}");
    assert!(!text.contains("model.bin") && !text.contains("data.csv") && !text.contains("pipe.json"), "{text}");
    assert!(text.trim_end().ends_with("2 files checked: 0 errors, 0 warnings, 0 notes; 1 file could not be read"), "{text}");
    // The SARIF URI of the odd name is encoded.
    let sarif = designer(&dir, &["check", "--format", "sarif", "deploy dir"]);
    assert_eq!(sarif.status.code(), Some(0), "{}", stdout(&sarif));
}

#[test]
fn text_from_the_files_stays_data_in_every_format() {
    let dir = scratch("hostile");
    let request = "{\"EndpointName\": \"x\\u001b[31mred\\u001b]0;title\\u0007\\\"</script>\", \"EndpointConfigName\": \"cfg\", \"DeploymentConfig\": {}}";
    std::fs::write(dir.join("req.json"), request).unwrap_or_else(|e| panic!("{e}"));
    let text = designer(&dir, &["check", "."]);
    assert_eq!(text.status.code(), Some(1), "{}", stdout(&text));
    assert!(!text.stdout.contains(&0x1b) && !text.stdout.contains(&0x07), "{}", stdout(&text));
    assert!(stdout(&text).contains("\\u{1b}[31m"), "{}", stdout(&text));
    for format in ["json", "sarif"] {
        let out = designer(&dir, &["check", "--format", format, "."]);
        let v: Value = serde_json::from_str(&stdout(&out)).unwrap_or_else(|e| panic!("{format}: {e}"));
        let all = v.to_string();
        assert!(all.contains("x\\u001b[31mred"), "{format}: the name is kept as data, escaped: {all}");
        assert!(!out.stdout.contains(&0x1b));
    }
}

#[test]
fn review_writes_the_pages_markdown_with_a_link_that_opens_the_change() {
    let base = repo().join("../review/ranker-base.yaml");
    let head = repo().join("infra/cloudformation/ranker.yaml");
    let out = Command::new(env!("CARGO_BIN_EXE_designer"))
        .args(["review", &base.to_string_lossy(), &head.to_string_lossy(), "--page-url", "https://designer.example/tools/"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let md = stdout(&out);
    assert!(md.starts_with("# Deployment review: ranker-prod"), "{md}");
    assert!(md.contains("20%") && md.contains("10%"), "the canary's change is shown: {md}");
    // The same text as the page's review, and a link that opens the same change.
    let read = |p: &Path| {
        let text = std::fs::read_to_string(p).unwrap_or_default();
        let options = designer_import::Options { choices: vec![(designer_import::defaults::CHOICE.to_string(), 1)] };
        designer_import::import(&text, &Default::default(), &options).map(|o| o.document).unwrap_or_else(|e| panic!("{}", e.error.message))
    };
    let (b, h) = (read(&base), read(&head));
    let link = format!("https://designer.example/tools/#{}", designer_core::share::encode_review(&h, Some(&b)));
    assert_eq!(md, designer_review::markdown(&h, Some(&b), &link));
    let fragment = md.split("https://designer.example/tools/#").nth(1).and_then(|r| r.split(')').next()).unwrap_or_default();
    let (design, baseline) = designer_core::share::decode_review(fragment).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((design, baseline), (h, Some(b)));
}

#[test]
fn review_with_the_teams_rules_adds_their_section() {
    let head = repo().join("infra/terraform/scoring/main.tf");
    let out = designer(&repo(), &["review", "/dev/null", &head.to_string_lossy(), "--rules", RULES]);
    assert_eq!(out.status.code(), Some(0));
    let md = stdout(&out);
    assert!(md.contains("## Your team's rules") && md.contains("`prod-canary-max`"), "{md}");
}

#[test]
fn export_writes_any_of_the_pages_exports() {
    let file = "infra/cloudformation/ranker.yaml";
    for (target, words) in [
        ("terraform", "resource \"aws_sagemaker_endpoint\""),
        ("boto3", "update_endpoint("),
        ("cli", "aws sagemaker update-endpoint"),
        ("json", "\"EndpointName\": \"ranker-prod\""),
        ("cdk-typescript", "CfnEndpoint"),
        ("apply-bash", "describe-endpoint"),
    ] {
        let out = designer(&repo(), &["export", "--to", target, file]);
        assert_eq!(out.status.code(), Some(0), "{target}");
        assert!(stdout(&out).contains(words), "{target}: {}", stdout(&out));
    }
    let unknown = designer(&repo(), &["export", "--to", "pulumi", file]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("cloudformation-yaml"), "the targets are listed");
}
