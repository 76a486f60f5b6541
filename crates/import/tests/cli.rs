//! AWS CLI `update-endpoint` commands as READMEs, terminals and the developer guide print
//! them, read through the crate's `import` entry point: the request each gives, the
//! placeholders at their paths, the notes, and the refusals (with their repairs).

use designer_core::model::DesignDocument;
use designer_import::{import, Options};

mod common;
use common::*;

fn fixture(name: &str) -> String {
    common::fixture(&format!("cli/{name}"))
}

const FORM: &str = "an AWS CLI `update-endpoint` command";

#[test]
fn readme_command_with_continuations_and_variables() {
    let o = read(&fixture("readme_canary.sh"));
    assert_eq!(o.form, FORM);
    assert_eq!(
        o.document.request,
        request(
            r#"{"DeploymentConfig": {"BlueGreenUpdatePolicy": {
                "TrafficRoutingConfiguration": {"Type": "CANARY",
                    "CanarySize": {"Type": "CAPACITY_PERCENT", "Value": 10}, "WaitIntervalInSeconds": 300},
                "TerminationWaitInSeconds": 600},
                "AutoRollbackConfiguration": {"Alarms": [{}]}}}"#
        )
    );
    assert_eq!(
        placeholders(&o),
        vec![
            ph("EndpointName", "$ENDPOINT_NAME", 5, 21),
            ph("EndpointConfigName", "${CONFIG_PREFIX}-v12", 6, 28),
            ph(
                "DeploymentConfig.AutoRollbackConfiguration.Alarms[0].AlarmName",
                "<your-5xx-alarm>",
                16,
                64
            ),
        ]
    );
    assert_eq!(
        o.notes,
        vec!["`--region us-west-2` and `--output json` are options of the AWS CLI itself, not of the request; they were not imported.".to_string()]
    );
}

#[test]
fn the_defaults_a_script_gives_its_variables_are_offered_and_filled_in_when_picked() {
    let text = fixture("ci_rollout.sh");
    // As the script says: what CI decides is left to fill in.
    let o = read(&text);
    let alarms = "DeploymentConfig.AutoRollbackConfiguration.Alarms";
    let wait = "DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration.WaitIntervalInSeconds";
    let mut paths: Vec<String> = placeholders(&o).into_iter().map(|p| p.0).collect();
    paths.sort();
    assert_eq!(
        paths,
        [
            format!("{alarms}[0].AlarmName"),
            format!("{alarms}[1].AlarmName"),
            wait.to_string(),
            "EndpointConfigName".to_string(),
            "EndpointName".to_string(),
        ]
    );
    // The name, the bake and the first alarm (its name is made from the endpoint's). Not the
    // config's name (it runs `date`), nor the second alarm (CANARY's default is empty).
    let label = defaults_offered(&o, 3, &[], &[]);
    assert_eq!(label, "fill in the defaults (ENDPOINT = \"fraud-ep\", BAKE = 600)");

    let options = Options { choices: vec![("defaults".to_string(), 1)] };
    let filled = read_with(&text, &options);
    let mut left: Vec<String> = placeholders(&filled).into_iter().map(|p| p.0).collect();
    left.sort();
    assert_eq!(left, [format!("{alarms}[1].AlarmName"), "EndpointConfigName".to_string()]);
    assert_eq!(
        filled.document.request,
        request(
            r#"{"EndpointName": "fraud-ep",
                "DeploymentConfig": {"BlueGreenUpdatePolicy": {
                "TrafficRoutingConfiguration": {"Type": "LINEAR",
                    "LinearStepSize": {"Type": "CAPACITY_PERCENT", "Value": 25}, "WaitIntervalInSeconds": 600},
                "MaximumExecutionTimeoutInSeconds": 7200},
                "AutoRollbackConfiguration": {"Alarms": [{"AlarmName": "fraud-ep-5xx"}, {}]}}}"#
        )
    );
}

#[test]
fn shorthand_syntax_switches_and_a_profile_before_the_service() {
    let o = read(&fixture("shorthand.sh"));
    assert_eq!(
        o.document.request,
        request(
            r#"{"EndpointName": "recs-ep",
                "RetainAllVariantProperties": true,
                "ExcludeRetainedVariantProperties": [{"VariantPropertyType": "DesiredInstanceCount"}, {"VariantPropertyType": "DesiredWeight"}],
                "DeploymentConfig": {"BlueGreenUpdatePolicy": {
                    "TrafficRoutingConfiguration": {"Type": "CANARY", "CanarySize": {"Type": "INSTANCE_COUNT", "Value": 1}, "WaitIntervalInSeconds": 600},
                    "TerminationWaitInSeconds": 120},
                  "AutoRollbackConfiguration": {"Alarms": [{"AlarmName": "recs-errors"}, {"AlarmName": "recs-latency"}]}},
                "RetainDeploymentConfig": false}"#
        )
    );
    assert_eq!(
        placeholders(&o),
        vec![ph(
            "EndpointConfigName",
            "recs-config-$(date +%Y%m%d)",
            2,
            26
        )]
    );
    assert_eq!(o.notes.len(), 1);
    assert!(
        o.notes[0].starts_with("`--profile ml-prod` is an option of the AWS CLI itself"),
        "{:?}",
        o.notes
    );
}

#[test]
fn cli_input_json_merged_with_flags_and_a_file_placeholder() {
    let o = read(&fixture("input_json.sh"));
    // --endpoint-name on the command line wins over the JSON's; the file is a placeholder.
    assert_eq!(
        o.document.request,
        request(r#"{"EndpointName": "search-ep", "EndpointConfigName": "cfg-7"}"#)
    );
    assert_eq!(
        placeholders(&o),
        vec![ph(
            "DeploymentConfig",
            "file://deployment-config.json",
            3,
            23
        )]
    );
    assert!(
        o.notes
            .iter()
            .any(|n| n.contains("--deployment-config") && n.contains("paste the file's content")),
        "{:?}",
        o.notes
    );
    assert!(
        o.notes.iter().any(|n| n.contains("`--debug`")),
        "{:?}",
        o.notes
    );
}

#[test]
fn developer_guide_without_outer_braces_is_refused_with_the_repair() {
    let text = fixture("guide_no_braces.txt");
    let r = refusal(&text);
    assert_eq!((r.error.line, r.error.column), (Some(4), Some(21)));
    assert!(
        r.error
            .message
            .contains("--deployment-config at line 4, column 21 is missing its outer braces"),
        "{}",
        r.error.message
    );
    let repair = r.repair.expect("a repair");
    assert_eq!(
        repair.label,
        "Add the outer braces around --deployment-config"
    );
    assert!(
        repair
            .text
            .contains("--deployment-config '{\"BlueGreenUpdatePolicy\""),
        "{}",
        repair.text
    );
    assert!(
        repair.text.contains("\"latency-alarm\"}]}}'"),
        "{}",
        repair.text
    );
    // The repaired command imports, with the stand-ins as placeholders.
    let o = read(&repair.text);
    assert_eq!(
        o.document.request,
        request(
            r#"{"DeploymentConfig": {"BlueGreenUpdatePolicy": {"TrafficRoutingConfiguration": {"Type": "LINEAR",
                "LinearStepSize": {"Type": "CAPACITY_PERCENT", "Value": 20}, "WaitIntervalInSeconds": 60}},
                "AutoRollbackConfiguration": {"Alarms": [{"AlarmName": "latency-alarm"}]}}}"#
        )
    );
    assert_eq!(
        placeholders(&o),
        vec![
            ph("EndpointName", "<your-endpoint-name>", 2, 17),
            ph("EndpointConfigName", "<your-config-name>", 3, 24),
        ]
    );
}

#[test]
fn a_missing_closing_brace_in_a_terminal_session_is_repaired() {
    let text = fixture("missing_brace.sh");
    let r = refusal(&text);
    assert_eq!((r.error.line, r.error.column), (Some(2), Some(25)));
    assert!(
        r.error.message.contains("is missing a closing brace"),
        "{}",
        r.error.message
    );
    let repair = r.repair.expect("a repair");
    assert_eq!(
        repair.label,
        "Add the missing closing brace at the end of --deployment-config"
    );
    let o = read(&repair.text);
    assert_eq!(
        o.document.request,
        request(
            r#"{"EndpointName": "fraud-ep", "EndpointConfigName": "fraud-cfg-3", "DeploymentConfig": {"RollingUpdatePolicy": {
                "MaximumBatchSize": {"Type": "INSTANCE_COUNT", "Value": 1}, "WaitIntervalInSeconds": 120, "MaximumExecutionTimeoutInSeconds": 1800}}}"#
        )
    );
}

#[test]
fn quoting_as_bash_reads_it() {
    let cases: &[(&str, &str)] = &[
        ("update-endpoint --endpoint-name 'my ep'", "my ep"),
        (
            "update-endpoint --endpoint-name \"a\\\"b\\$c\\d\"",
            "a\"b$c\\d",
        ),
        ("update-endpoint --endpoint-name $'tab\\there'", "tab\there"),
        ("update-endpoint --endpoint-name my\\ ep", "my ep"),
        ("update-endpoint --endpoint-name=ab'c'\"d\"", "abcd"),
        (
            "aws sagemaker update-endpoint --endpoint-name ep # the endpoint\n",
            "ep",
        ),
        // A comment line (not ASCII) between continued lines: the flags after it still count.
        (
            "aws sagemaker update-endpoint \\\n  # déployer\n  --endpoint-name ep",
            "ep",
        ),
        // Windows continuations: cmd's `^`, PowerShell's backtick.
        ("aws sagemaker update-endpoint ^\n  --endpoint-name ep ^\r\n  --retain-deployment-config", "ep"),
        ("aws sagemaker update-endpoint `\n  --endpoint-name ep", "ep"),
        (
            "$ aws sagemaker update-endpoint --endpoint-name ep > out.json",
            "ep",
        ),
        ("!aws sagemaker update-endpoint --endpoint-name ep", "ep"),
        (
            "RESULT=$(aws sagemaker update-endpoint --endpoint-name ep)",
            "ep",
        ),
        (
            "aws sagemaker update-endpoint --endpoint-name price$",
            "price$",
        ),
    ];
    for (text, want) in cases {
        let o = read(text);
        assert_eq!(
            o.document.request.endpoint_name.as_deref(),
            Some(*want),
            "{text}"
        );
    }
}

#[test]
fn expansions_are_placeholders_where_they_stand() {
    let text = "aws sagemaker update-endpoint --endpoint-name \"${EP}\" --endpoint-config-name `cat name.txt` \\\n  --deployment-config \"{\\\"RollingUpdatePolicy\\\": {\\\"MaximumBatchSize\\\": {\\\"Type\\\": \\\"INSTANCE_COUNT\\\", \\\"Value\\\": $BATCH}, \\\"WaitIntervalInSeconds\\\": 60}, \\\"AutoRollbackConfiguration\\\": {\\\"Alarms\\\": [{\\\"AlarmName\\\": \\\"${APP}-errors\\\"}]}}\"";
    let o = read(text);
    assert_eq!(
        o.document.request,
        request(
            r#"{"DeploymentConfig": {"RollingUpdatePolicy": {"MaximumBatchSize": {"Type": "INSTANCE_COUNT"}, "WaitIntervalInSeconds": 60}, "AutoRollbackConfiguration": {"Alarms": [{}]}}}"#
        )
    );
    let got: Vec<(String, String)> = o
        .document
        .placeholders
        .iter()
        .map(|p| (p.path.clone(), p.expression.clone()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("EndpointName".to_string(), "${EP}".to_string()),
            (
                "EndpointConfigName".to_string(),
                "`cat name.txt`".to_string()
            ),
            (
                "DeploymentConfig.RollingUpdatePolicy.MaximumBatchSize.Value".to_string(),
                "$BATCH".to_string()
            ),
            (
                "DeploymentConfig.AutoRollbackConfiguration.Alarms[0].AlarmName".to_string(),
                "${APP}-errors".to_string()
            ),
        ]
    );
    // `$BATCH` sits at line 2: its placeholder says so.
    let batch = &o.document.placeholders[2];
    assert_eq!(batch.line, Some(2));
    // A whole structure from a variable.
    let o = read("update-endpoint --endpoint-name e --deployment-config \"$DC\"");
    assert_eq!(placeholders(&o), vec![ph("DeploymentConfig", "$DC", 1, 55)]);
}

#[test]
fn exclude_as_json_and_a_single_object() {
    let o = read("update-endpoint --endpoint-name e --exclude-retained-variant-properties '[{\"VariantPropertyType\": \"DesiredWeight\"}]' --no-retain-all-variant-properties --retain-deployment-config");
    assert_eq!(
        o.document.request,
        request(
            r#"{"EndpointName": "e", "ExcludeRetainedVariantProperties": [{"VariantPropertyType": "DesiredWeight"}], "RetainAllVariantProperties": false, "RetainDeploymentConfig": true}"#
        )
    );
}

#[test]
fn refusals_say_what_and_where() {
    let cases: &[(&str, u32, u32, &str)] = &[
        (
            "aws sagemaker update-endpoint --endpoint-name 'ep",
            1,
            47,
            "' quote is never closed",
        ),
        (
            "aws sagemaker update-endpoint --endpoint-name \"ep",
            1,
            47,
            "\" quote is never closed",
        ),
        (
            "aws sagemaker update-endpoint --endpoint-nme ep",
            1,
            31,
            "no option --endpoint-nme",
        ),
        ("aws sagemaker update-endpoint ep", 1, 31, "unexpected `ep`"),
        (
            "aws sagemaker update-endpoint --endpoint-name",
            1,
            31,
            "--endpoint-name needs a value",
        ),
        (
            "aws sagemaker update-endpoint --retain-deployment-config=yes",
            1,
            31,
            "takes no value",
        ),
        (
            "aws sagemaker update-endpoint --cli-input-json file://req.json",
            1,
            48,
            "paste the file's content",
        ),
        (
            "aws sagemaker update-endpoint --deployment-config 'BlueGreenUpdatePolicy={Type'",
            1,
            75,
            "expected Key=value",
        ),
        (
            "aws sagemaker update-endpoint --deployment-config '{\"Bogus\": 1}'",
            1,
            53,
            "Unknown parameter in DeploymentConfig",
        ),
        (
            "aws sagemaker update-endpoint --deployment-config '{\"A\": 1,}'",
            1,
            51,
            "is not valid JSON",
        ),
        (
            "aws sagemaker update-endpoint --cli-input-yaml x",
            1,
            31,
            "paste the request as JSON",
        ),
    ];
    for (text, line, column, words) in cases {
        let r = refusal(text);
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
fn prose_and_python_are_not_cli_commands() {
    assert!(!designer_import::cli::detect(
        "Call update-endpoint when the config is ready."
    ));
    assert!(!designer_import::cli::detect(
        "subprocess.run(\"aws sagemaker update-endpoint --endpoint-name x\", shell=True)"
    ));
    assert!(!designer_import::cli::detect(
        "# aws sagemaker update-endpoint --endpoint-name x\nsm.update_endpoint(EndpointName='x')"
    ));
    assert!(designer_import::cli::detect(
        "  aws sagemaker update-endpoint --endpoint-name x"
    ));
    assert!(designer_import::cli::detect(
        "set -e && aws sagemaker update-endpoint --endpoint-name x"
    ));
}

#[test]
fn variables_set_earlier_in_the_script_are_filled_in() {
    let text = "#!/bin/bash\nexport ENDPOINT=reco-prod\nCONFIG=\"reco-$(date +%s)\"\nSTAGE='blue'\naws sagemaker update-endpoint --endpoint-name \"$ENDPOINT\" --endpoint-config-name \"$CONFIG\" \\\n  --deployment-config \"{\\\"AutoRollbackConfiguration\\\": {\\\"Alarms\\\": [{\\\"AlarmName\\\": \\\"${STAGE}-errors\\\"}]}}\"\n";
    let o = read(text);
    assert_eq!(
        o.document.request,
        request(
            r#"{"EndpointName": "reco-prod", "DeploymentConfig": {"AutoRollbackConfiguration": {"Alarms": [{"AlarmName": "blue-errors"}]}}}"#
        )
    );
    assert_eq!(
        placeholders(&o),
        vec![ph("EndpointConfigName", "$CONFIG", 5, 82)]
    );
    assert_eq!(
        o.notes,
        vec![
            "`$ENDPOINT` is `reco-prod`, as line 2 sets it.".to_string(),
            "`$STAGE` is `blue`, as line 4 sets it.".to_string()
        ]
    );
}

/// Mutations per fixture: 400, or `FUZZ_CASES` for a longer run.
fn per_fixture() -> usize {
    std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(400)
}

/// Truncations, flipped bytes and inserted quotes, braces and backslashes of every
/// fixture: the import answers and never panics; a repair offered always imports.
#[test]
fn mutated_fixtures_never_panic() {
    const NOISE: &[&str] = &[
        "'", "\"", "{", "}", "[", "]", "\\", "\\\n", "\n", "$", "${", "$(", "`", "<", ">", "=",
        ",", "--", "#", "é", "$'",
    ];
    let names = [
        "readme_canary.sh",
        "guide_no_braces.txt",
        "missing_brace.sh",
        "shorthand.sh",
        "input_json.sh",
    ];
    let mut rng = Rng(0xc11_0fed_cafe_0007);
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
            if let Err(r) = import(&mutated, &doc, &Options::default()) {
                assert!(!r.error.message.is_empty());
                if let Some(repair) = r.repair {
                    assert!(
                        import(&repair.text, &doc, &Options::default()).is_ok(),
                        "repair of {mutated:?} does not import"
                    );
                }
            }
            cases += 1;
        }
    }
    assert_eq!(cases, 5 * per_fixture());
}

/// A 1 MB command (a long alarm list in --deployment-config, on one line and then over
/// many) imports well under a second; the bound is only a safety net.
#[test]
fn a_megabyte_command_imports_quickly() {
    for sep in [" ", "\n      "] {
        let mut alarms = Vec::new();
        let mut len = 0;
        while len < 1_000_000 {
            let a = format!(
                "{{\"AlarmName\": \"alarm-number-{}-with-a-long-name\"}}",
                alarms.len()
            );
            len += a.len() + 2;
            alarms.push(a);
        }
        let n = alarms.len();
        let text = format!(
            "aws sagemaker update-endpoint --endpoint-name \"$EP\" \\\n  --deployment-config '{{\"AutoRollbackConfiguration\": {{\"Alarms\": [{}]}}}}'\n",
            alarms.join(&format!(",{sep}"))
        );
        let t = std::time::Instant::now();
        let o = read(&text);
        let took = t.elapsed();
        println!(
            "1 MB CLI command ({} bytes, separator {sep:?}): {took:?}",
            text.len()
        );
        let got = o
            .document
            .request
            .deployment_config
            .and_then(|d| d.auto_rollback_configuration)
            .and_then(|a| a.alarms);
        assert_eq!(got.map(|a| a.len()), Some(n));
        // A safety net in release builds only (the figure that counts); a debug build on a
        // busy machine is many times slower.
        assert!(
            cfg!(debug_assertions) || took.as_secs_f64() < 5.0,
            "took {took:?}"
        );
    }
}

#[test]
fn a_brace_missing_inside_and_quotes_around_are_repaired() {
    // The `}` closing TrafficRoutingConfiguration is missing: appending it at the end would
    // nest AutoRollbackConfiguration inside the policy, so the repair puts it where it goes.
    let text = "aws sagemaker update-endpoint --endpoint-name ep --deployment-config '{\"BlueGreenUpdatePolicy\": {\"TrafficRoutingConfiguration\": {\"Type\": \"ALL_AT_ONCE\", \"WaitIntervalInSeconds\": 0}, \"AutoRollbackConfiguration\": {\"Alarms\": []}}'";
    let r = refusal(text);
    assert_eq!((r.error.line, r.error.column), (Some(1), Some(70)));
    let repair = r.repair.expect("a repair");
    assert!(
        repair
            .label
            .starts_with("Add the missing closing brace of --deployment-config at line 1, column"),
        "{}",
        repair.label
    );
    let o = read(&repair.text);
    assert_eq!(
        o.document.request,
        request(
            r#"{"EndpointName": "ep", "DeploymentConfig": {"BlueGreenUpdatePolicy": {"TrafficRoutingConfiguration": {"Type": "ALL_AT_ONCE", "WaitIntervalInSeconds": 0}}, "AutoRollbackConfiguration": {"Alarms": []}}}"#
        )
    );
    // JSON wrapped in double quotes inside the single quotes.
    let text = "update-endpoint --endpoint-name ep --deployment-config '\"{\"RollingUpdatePolicy\": {\"WaitIntervalInSeconds\": 60}}\"'";
    let r = refusal(text);
    let repair = r.repair.expect("a repair");
    assert_eq!(
        repair.label,
        "Remove the double quotes around --deployment-config"
    );
    assert_eq!(repair.text, "update-endpoint --endpoint-name ep --deployment-config '{\"RollingUpdatePolicy\": {\"WaitIntervalInSeconds\": 60}}'");
}
