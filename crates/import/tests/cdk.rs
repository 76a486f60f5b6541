//! CDK `CfnEndpoint` and CDK for Terraform `SagemakerEndpoint` imports, in TypeScript and
//! Python, through the crate's one `import` entry point: the request, the new fleet from the
//! endpoint config in the same file, the placeholders (path, expression, place), the form and
//! the notes. Also the fixed-seed mutation fuzz run and the 1 MB paste over the fixtures of
//! all three of this branch's forms (CDK, Step Functions, describe outputs).

use designer_core::model::{
    CapacitySizeType, DesignDocument, TrafficRoutingConfigType, VariantPropertyType,
};
use designer_import::{import, Options};

mod common;
use common::*;

fn fixture(name: &str) -> String {
    common::fixture(name)
}

#[test]
fn typescript_stack_gives_the_canary_policy_and_the_config_fleet() {
    let o = read(&fixture("cdk/endpoint-stack.ts"));
    assert_eq!(o.form, "a CDK `CfnEndpoint` (TypeScript)");
    let r = &o.document.request;
    let bg = blue_green(r);
    let route = routing(r);
    assert_eq!(route.type_, Some(TrafficRoutingConfigType::Canary));
    // `BAKE_SECONDS` is a const of the file: resolved.
    assert_eq!(route.wait_interval_in_seconds, Some(600));
    let canary = route.canary_size.as_ref().unwrap();
    assert_eq!(
        (canary.type_.clone(), canary.value),
        (Some(CapacitySizeType::CapacityPercent), Some(10))
    );
    assert_eq!(bg.termination_wait_in_seconds, Some(300));
    assert_eq!(
        bg.maximum_execution_timeout_in_seconds,
        Some(3600),
        "3_600 is a number"
    );
    let alarms = alarms(r);
    assert_eq!(alarms.len(), 3);
    assert_eq!(
        alarms[1].alarm_name.as_deref(),
        Some("serving-5xx-errors"),
        "a const resolved"
    );
    assert_eq!(
        held(&o),
        vec![
            hole("EndpointName", "props.endpointName", 36),
            hole("EndpointConfigName", "config.attrEndpointConfigName", 37),
            hole(
                "DeploymentConfig.AutoRollbackConfiguration.Alarms[0].AlarmName",
                "props.latencyAlarmName",
                50
            ),
            hole(
                "DeploymentConfig.AutoRollbackConfiguration.Alarms[2].AlarmName",
                "`${id}-invocation-errors`",
                52
            ),
            hole("Endpoint.NewVariants[0].ModelName", "props.modelName", 24),
        ]
    );
    let col = o.document.placeholders[0].column;
    assert_eq!(col, Some(21), "the column of `props.endpointName`");
    let new = &o.document.endpoint.new_variants;
    assert_eq!(new.len(), 1);
    assert_eq!(new[0].instance_type.as_deref(), Some("ml.c5.2xlarge"));
    assert_eq!(new[0].initial_instance_count, Some(6));
    assert!(
        o.notes.iter().any(|n| n.contains("left out: tags")),
        "{:?}",
        o.notes
    );
    assert!(
        o.notes
            .iter()
            .any(|n| n.contains("`CfnEndpointConfig` at line 20: 1 variant, 6 instances")),
        "{:?}",
        o.notes
    );
    // The current fleet is the design's, untouched.
    assert_eq!(
        o.document.endpoint.current_variants,
        DesignDocument::default().endpoint.current_variants
    );
}

#[test]
fn python_stack_reads_property_calls_dicts_and_a_bound_policy() {
    let o = read(&fixture("cdk/serving_stack.py"));
    assert_eq!(o.form, "a CDK `CfnEndpoint` (Python)");
    let r = &o.document.request;
    assert_eq!(r.retain_all_variant_properties, Some(true));
    let excluded = r.exclude_retained_variant_properties.as_ref().unwrap();
    assert_eq!(
        excluded[0].variant_property_type,
        Some(VariantPropertyType::DesiredInstanceCount)
    );
    let rolling = r.deployment_config.as_ref().and_then(|d| d.rolling_update_policy.as_ref()).unwrap();
    assert_eq!(rolling.maximum_batch_size.as_ref().unwrap().value, Some(2));
    assert_eq!(
        rolling.rollback_maximum_batch_size.as_ref().unwrap().value,
        Some(1)
    );
    assert_eq!(rolling.wait_interval_in_seconds, Some(300));
    let alarms = alarms(r);
    assert_eq!(alarms[1].alarm_name.as_deref(), Some("model-errors"));
    assert_eq!(
        held(&o),
        vec![
            hole("EndpointName", "endpoint_name", 22),
            hole(
                "EndpointConfigName",
                "self.node.try_get_context(\"endpoint_config_name\")",
                23
            ),
            hole(
                "DeploymentConfig.AutoRollbackConfiguration.Alarms[0].AlarmName",
                "f\"{construct_id}-p99-latency\"",
                27
            ),
        ]
    );
}

#[test]
fn cdktf_typescript_maps_name_and_the_endpoint_configuration() {
    let o = read(&fixture("cdk/cdktf-stack.ts"));
    assert_eq!(
        o.form,
        "a CDK for Terraform `SagemakerEndpoint` (TypeScript)"
    );
    assert_eq!(o.document.request.endpoint_name.as_deref(), Some("ranker"));
    let route = o
        .document
        .request
        .deployment_config
        .as_ref()
        .unwrap()
        .blue_green_update_policy
        .as_ref()
        .unwrap()
        .traffic_routing_configuration
        .as_ref()
        .unwrap();
    assert_eq!(route.type_, Some(TrafficRoutingConfigType::Linear));
    assert_eq!(route.linear_step_size.as_ref().unwrap().value, Some(25));
    assert_eq!(held(&o)[0], hole("EndpointConfigName", "cfg.name", 24));
    let new = &o.document.endpoint.new_variants;
    assert_eq!(new.len(), 2);
    assert_eq!(new[1].initial_variant_weight, Some(0.25));
    assert!(
        o.notes
            .iter()
            .any(|n| n.contains("2 variants, 4 instances")),
        "{:?}",
        o.notes
    );
}

#[test]
fn cdktf_python_reads_nested_struct_classes() {
    let o = read(&fixture("cdk/cdktf_stack.py"));
    assert_eq!(o.form, "a CDK for Terraform `SagemakerEndpoint` (Python)");
    let r = &o.document.request;
    assert_eq!(blue_green(r).maximum_execution_timeout_in_seconds, Some(1800));
    assert_eq!(routing(r).type_, Some(TrafficRoutingConfigType::AllAtOnce));
    let alarms = alarms(r);
    assert_eq!(alarms[0].alarm_name.as_deref(), Some("ranker-5xx"));
    assert_eq!(
        held(&o),
        vec![hole("EndpointConfigName", "config_name", 19)]
    );
}

#[test]
fn props_in_a_variable_spreads_and_older_block_lists() {
    let ts = r#"
const base = { endpointConfigName: "cfg-a" };
const props: sagemaker.CfnEndpointProps = {
  ...base,
  ...shared,
  retainDeploymentConfig: true,
};
new CfnEndpoint(this, "Ep", props);
"#;
    let o = read(ts);
    assert_eq!(
        o.document.request.endpoint_config_name.as_deref(),
        Some("cfg-a")
    );
    assert_eq!(o.document.request.retain_deployment_config, Some(true));
    assert!(
        o.notes
            .iter()
            .any(|n| n.contains("spread from `shared` (line 5)")),
        "{:?}",
        o.notes
    );

    // cdktf before 0.9 wrote single blocks as lists of one.
    let old = r#"new SagemakerEndpoint(this, "e", { name: "x", endpointConfigName: "c",
      deploymentConfig: [{ rollingUpdatePolicy: [{ maximumBatchSize: [{ type: "INSTANCE_COUNT", value: 1 }], waitIntervalInSeconds: 60 }] }] });"#;
    let o = read(old);
    let rolling = o
        .document
        .request
        .deployment_config
        .unwrap()
        .rolling_update_policy
        .unwrap();
    assert_eq!(rolling.maximum_batch_size.unwrap().value, Some(1));
}

#[test]
fn scope_and_id_by_name_are_not_props() {
    let o = read("sagemaker.CfnEndpoint(scope=self, id='Ep', endpoint_config_name='c', retain_deployment_config=True)");
    assert_eq!(
        o.document.request.endpoint_config_name.as_deref(),
        Some("c")
    );
    assert_eq!(o.document.request.retain_deployment_config, Some(true));
    assert!(o.notes.is_empty(), "{:?}", o.notes);
}

#[test]
fn a_name_assigned_twice_is_a_placeholder_with_both_lines() {
    let py = "cfg = 'a'\nif prod:\n    cfg = 'b'\nsagemaker.CfnEndpoint(self, 'E', endpoint_config_name=cfg)\n";
    let o = read(py);
    assert_eq!(held(&o), vec![hole("EndpointConfigName", "cfg", 4)]);
    assert!(
        o.notes.iter().any(|n| n.contains("assigned on lines 1, 3")),
        "{:?}",
        o.notes
    );
}

#[test]
fn several_endpoints_offer_a_choice() {
    let ts = "new CfnEndpoint(this, 'Blue', { endpointConfigName: 'a' });\nnew CfnEndpoint(this, 'Green', { endpointConfigName: 'b' });";
    let o = read(ts);
    assert_eq!(
        o.document.request.endpoint_config_name.as_deref(),
        Some("a")
    );
    assert_eq!(o.choices.len(), 1);
    assert_eq!(o.choices[0].options.len(), 2);
    assert!(o.choices[0].options[1].label.contains("'Green'"));
    let pick = Options {
        choices: vec![(o.choices[0].name.clone(), 1)],
    };
    let o = import(ts, &DesignDocument::default(), &pick).unwrap();
    assert_eq!(
        o.document.request.endpoint_config_name.as_deref(),
        Some("b")
    );
    assert_eq!(o.choices[0].chosen, 1);
}

#[test]
fn refusals_say_what_and_where() {
    // A missing closing brace.
    let m = refused("new sagemaker.CfnEndpoint(this, 'Ep', {\n  endpointConfigName: 'c',\n  deploymentConfig: { rollingUpdatePolicy: { waitIntervalInSeconds: 60 }\n});");
    assert!(m.contains("line 4"), "{m}");
    // A member CloudFormation does not have.
    let m = refused("new CfnEndpoint(this, 'Ep', { endpointConfigName: 'c', deploymentConfig: { canary: {} } });");
    assert!(
        m.contains("in DeploymentConfig: \"Canary\"") && m.contains("line 1, column 76"),
        "{m}"
    );
    // A number as a string: the walk names the path.
    let m = refused("sagemaker.CfnEndpoint(self, 'Ep', endpoint_config_name='c', deployment_config={'rolling_update_policy': {'wait_interval_in_seconds': '60'}})");
    assert!(
        m.contains("DeploymentConfig.RollingUpdatePolicy.WaitIntervalInSeconds"),
        "{m}"
    );
    // Props the text does not show.
    let m = refused("new CfnEndpoint(this, 'Ep', makeProps());");
    assert!(m.contains("makeProps()"), "{m}");
    let m = refused("new CfnEndpoint(this, 'Ep');");
    assert!(m.contains("no props"), "{m}");
}

#[test]
fn detection_leaves_other_forms_alone() {
    use designer_import::{cdk, describe, stepfunctions};
    let cdk_text = fixture("cdk/endpoint-stack.ts");
    assert!(cdk::detect(&cdk_text));
    assert!(!describe::detect(&cdk_text) && !stepfunctions::detect(&cdk_text));
    for f in [
        "stepfunctions/retrain-and-deploy.asl.json",
        "describe/describe-endpoint-updating.json",
    ] {
        assert!(!cdk::detect(&fixture(f)), "{f}");
    }
    assert!(!cdk::detect("new CfnEndpointConfig(this, 'C', {})"));
    assert!(!cdk::detect(
        "import { CfnEndpoint } from 'aws-cdk-lib/aws-sagemaker';"
    ));
    // A plain request goes to the core first.
    let o = read(r#"{"EndpointName": "e", "EndpointConfigName": "c"}"#);
    assert_eq!(o.form, "a request (--cli-input-json)");
}

// ---------------------------------------------------------------------------------------
// Robustness over every fixture of this branch's forms

const FIXTURES: &[&str] = &[
    "cdk/endpoint-stack.ts",
    "cdk/serving_stack.py",
    "cdk/cdktf-stack.ts",
    "cdk/cdktf_stack.py",
    "cdk/deploy-pipeline.ts",
    "cdk/update_task.py",
    "stepfunctions/retrain-and-deploy.asl.json",
    "stepfunctions/jsonata.asl.json",
    "stepfunctions/custom-state.ts",
    "describe/describe-endpoint-updating.json",
    "describe/describe-endpoint-config-current.json",
    "describe/describe-endpoint-config-new.json",
    "describe/boto3-describe-endpoint.txt",
    "describe/boto3-describe-endpoint-config.txt",
];

/// xorshift64*: a fixed-seed generator, so every run checks the same cases.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % (n.max(1) as u64)) as usize
    }
}

const PIECES: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    "(",
    ")",
    ",",
    ":",
    "'",
    "\"",
    "`",
    "${",
    "\\",
    "/*",
    "//",
    "#",
    "\n",
    "...",
    "**",
    "=",
    "f'{",
    "'''",
    "new ",
    "CfnEndpoint(",
    "SagemakerEndpoint(",
    ".$",
    "{%",
    "null",
    "None",
    "-",
    "1e999",
    "99999999999999999999",
    "é",
    "\u{0}",
    "as const",
    "datetime.datetime(",
];

fn mutate(text: &str, rng: &mut Rng) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(chars.len() + 1);
        match rng.below(4) {
            0 => {
                let end = (at + 1 + rng.below(20)).min(chars.len());
                if at < end {
                    chars.drain(at..end);
                }
            }
            1 => {
                let piece = PIECES[rng.below(PIECES.len())];
                for (k, c) in piece.chars().enumerate() {
                    chars.insert(at + k, c);
                }
            }
            2 if !chars.is_empty() => {
                let a = rng.below(chars.len());
                let b = rng.below(chars.len());
                chars.swap(a, b);
            }
            _ => chars.truncate(at),
        }
    }
    chars.into_iter().collect()
}

#[test]
fn mutated_fixtures_never_panic_and_refusals_say_where_or_what() {
    let cases: usize = std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(6000);
    let texts: Vec<String> = FIXTURES.iter().map(|f| fixture(f)).collect();
    let mut rng = Rng(0x5EED_CDC0_FFEE_0009);
    let current = DesignDocument::default();
    for case in 0..cases {
        let text = mutate(&texts[case % texts.len()], &mut rng);
        let result = std::panic::catch_unwind(|| import(&text, &current, &Options::default()));
        match result {
            Err(_) => panic!("case {case} panicked on:\n{text}"),
            Ok(Err(r)) => assert!(!r.error.message.is_empty(), "case {case}: an empty refusal"),
            Ok(Ok(_)) => {}
        }
    }
}

#[test]
fn hostile_megabytes_finish_quickly_too() {
    // Many integration ARNs, none in an object; objects nested deeper than allowed; many
    // names assigned twice and all used.
    let arns = format!(
        "const x = [{}];",
        "'arn:aws:states:::sagemaker:updateEndpoint', ".repeat(22_000)
    );
    let nested = "new CfnEndpoint(this, 'E', ".to_string() + &"{a: [".repeat(100_000);
    let names = {
        let mut s = String::new();
        for i in 0..40_000 {
            s.push_str(&format!("v{i} = 1\nv{i} = 2\n"));
        }
        s.push_str(
            "sagemaker.CfnEndpoint(self, 'E', endpoint_config_name='c', deployment_config={",
        );
        for i in 0..20_000 {
            s.push_str(&format!("'k{i}': v{i}, "));
        }
        s.push_str("})");
        s
    };
    for (name, text) in [("arns", arns), ("nested", nested), ("names", names)] {
        let start = std::time::Instant::now();
        let result = import(&text, &DesignDocument::default(), &Options::default());
        let took = start.elapsed();
        eprintln!("a hostile {name} paste ({} bytes): {took:?}", text.len());
        assert!(name == "names" || result.is_err(), "{name}");
        let limit = if cfg!(debug_assertions) { 30.0 } else { 5.0 };
        assert!(took.as_secs_f64() < limit, "{name} took {took:?}");
    }
}

#[test]
fn a_megabyte_paste_of_each_form_finishes_quickly() {
    let big_ts = {
        let mut s = String::from("const pad = [\n");
        while s.len() < 1_000_000 {
            s.push_str("  { variantName: 'v', weight: 1.5, note: `x${i}`, f: g(1, 2) },\n");
        }
        s.push_str("];\n");
        s.push_str(&fixture("cdk/endpoint-stack.ts"));
        s
    };
    let big_py = {
        let mut s = String::new();
        while s.len() < 1_000_000 {
            s.push_str("padding = {'a': [1, 2, 3], 'b': f'{x}', 'c': None}  # comment\n");
        }
        s.push_str(&fixture("cdk/serving_stack.py"));
        s
    };
    let big_json = {
        let sfn = fixture("stepfunctions/retrain-and-deploy.asl.json");
        let pad: String = (0..18_000)
            .map(|i| {
                format!(
                    "\"Wait{i}\": {{\"Type\": \"Wait\", \"Seconds\": 5, \"Next\": \"Deploy\"}},\n"
                )
            })
            .collect();
        sfn.replacen("\"States\": {", &format!("\"States\": {{\n{pad}"), 1)
    };
    let big_describe = {
        let one = fixture("describe/describe-endpoint-config-new.json");
        let mut s = fixture("describe/describe-endpoint-updating.json");
        while s.len() < 1_000_000 {
            s.push_str(&one);
        }
        s
    };
    let big_sfn_code = {
        let mut s = String::from("const pad = {\n");
        let mut i = 0;
        while s.len() < 1_000_000 {
            s.push_str(&format!(
                "  s{i}: {{ Type: 'Pass', Next: 'Deploy', Result: [1, 'two', `three`] }},\n"
            ));
            i += 1;
        }
        s.push_str("};\n");
        s.push_str(&fixture("stepfunctions/custom-state.ts"));
        s
    };
    for (name, text) in [
        ("ts", big_ts),
        ("py", big_py),
        ("sfn", big_json),
        ("sfn code", big_sfn_code),
        ("describe", big_describe),
    ] {
        assert!(text.len() >= 1_000_000, "{name}");
        let start = std::time::Instant::now();
        let result = import(&text, &DesignDocument::default(), &Options::default());
        let took = start.elapsed();
        eprintln!("a 1 MB {name} paste: {took:?}");
        assert!(
            result.is_ok(),
            "{name}: {:?}",
            result.err().map(|r| r.error.message)
        );
        // Release builds take well under a second; a debug build on a loaded machine
        // (the fuzz run beside it) gets room.
        let limit = if cfg!(debug_assertions) { 30.0 } else { 5.0 };
        assert!(took.as_secs_f64() < limit, "{name} took {took:?}");
    }
}

#[test]
fn step_functions_tasks_written_in_cdk() {
    let o = read(&fixture("cdk/deploy-pipeline.ts"));
    assert_eq!(
        o.form,
        "a CDK Step Functions `CallAwsService` updateEndpoint task (TypeScript)"
    );
    let route = o
        .document
        .request
        .deployment_config
        .as_ref()
        .unwrap()
        .blue_green_update_policy
        .as_ref()
        .unwrap()
        .traffic_routing_configuration
        .as_ref()
        .unwrap();
    assert_eq!(route.linear_step_size.as_ref().unwrap().value, Some(20));
    assert_eq!(
        held(&o),
        vec![
            hole("EndpointName", "sfn.JsonPath.stringAt('$.endpoint')", 22),
            hole(
                "EndpointConfigName",
                "sfn.JsonPath.format('{}-{}', sfn.JsonPath.stringAt('$.endpoint'), sfn.JsonPath.stringAt('$.version'))",
                23
            ),
            hole(
                "DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration.WaitIntervalInSeconds",
                "Duration.minutes(5).toSeconds()",
                29
            ),
        ]
    );
    assert!(
        o.choices.is_empty(),
        "the describeEndpoint call is not an update"
    );

    let o = read(&fixture("cdk/update_task.py"));
    assert_eq!(
        o.form,
        "a CDK Step Functions `SageMakerUpdateEndpoint` task (Python)"
    );
    assert_eq!(
        o.document.request.endpoint_config_name.as_deref(),
        Some("fraud-v42")
    );
    assert_eq!(
        held(&o),
        vec![hole(
            "EndpointName",
            "sfn.JsonPath.string_at(\"$.EndpointName\")",
            6
        )]
    );
    assert!(o.notes.is_empty(), "{:?}", o.notes);
}

#[test]
fn typescript_around_the_call_does_not_get_in_the_way() {
    // Decorators, a regex with quotes, generics, arrow functions; a typed const used as a
    // shorthand member; operators as placeholders with their source.
    let ts = r#"
@decorate()
class X {
  private readonly re = /["'`]+/g;
  constructor(scope: Construct, id: string, props: Props) {
    const items = new Map<string, number>();
    const fn = (a: number): number => a * 2;
    const deploymentConfig: sagemaker.CfnEndpoint.DeploymentConfigProperty = {
      rollingUpdatePolicy: {
        maximumBatchSize: { type: 'CAPACITY_PERCENT', value: props.batchPercent ?? 25 },
        waitIntervalInSeconds: 120,
      },
    };
    new sagemaker.CfnEndpoint(this, `Ep`, {
      endpointConfigName: 'cfg',
      deploymentConfig,
      retainAllVariantProperties: props.retain ? true : false,
    });
  }
}"#;
    let o = read(ts);
    let rolling = o
        .document
        .request
        .deployment_config
        .as_ref()
        .unwrap()
        .rolling_update_policy
        .as_ref()
        .unwrap();
    assert_eq!(rolling.wait_interval_in_seconds, Some(120));
    assert_eq!(
        rolling.maximum_batch_size.as_ref().unwrap().type_,
        Some(CapacitySizeType::CapacityPercent)
    );
    assert_eq!(
        held(&o),
        vec![
            hole(
                "DeploymentConfig.RollingUpdatePolicy.MaximumBatchSize.Value",
                "props.batchPercent ?? 25",
                10
            ),
            hole(
                "RetainAllVariantProperties",
                "props.retain ? true : false",
                17
            ),
        ]
    );
    // JavaScript without semicolons, a policy chosen at run time.
    let js = "const { CfnEndpoint } = require('aws-cdk-lib/aws-sagemaker')\nconst policy = isProd\n  ? { rollingUpdatePolicy: {} }\n  : undefined\nnew CfnEndpoint(stack, 'Ep', {\n  endpointConfigName: 'c',\n  deploymentConfig: policy\n})\n";
    let o = read(js);
    assert_eq!(held(&o), vec![hole("DeploymentConfig", "policy", 7)]);
}

#[test]
fn environment_defaults_in_a_typescript_stack_are_offered_and_filled_in_when_picked() {
    let text = fixture("cdk/scoring-env-stack.ts");
    let o = read(&text);
    let bg = "DeploymentConfig.BlueGreenUpdatePolicy";
    let mut paths: Vec<String> = placeholders(&o).into_iter().map(|p| p.0).collect();
    paths.sort();
    assert_eq!(paths.len(), 6, "{paths:?}");
    // The name (read through `||`), the canary size (parseInt) and the bake (through a
    // const); not the config (no default), not the alarm (a template string), and not the
    // termination wait: parseFloat gives a float where the request takes an integer.
    defaults_offered(
        &o,
        3,
        &["ENDPOINT_NAME = \"scoring-prod\"", "CANARY_PCT = 10", "BAKE_SECONDS = 600"],
        &["TERMINATION_WAIT", "NEW_CONFIG"],
    );
    assert!(
        o.notes.iter().any(|n| n.contains("The default TERMINATION_WAIT = 300 is not offered")),
        "{:?}",
        o.notes
    );

    let options = Options { choices: vec![("defaults".to_string(), 1)] };
    let filled = read_with(&text, &options);
    let mut left: Vec<String> = placeholders(&filled).into_iter().map(|p| p.0).collect();
    left.sort();
    assert_eq!(
        left,
        [
            "DeploymentConfig.AutoRollbackConfiguration.Alarms[0].AlarmName".to_string(),
            format!("{bg}.TerminationWaitInSeconds"),
            "EndpointConfigName".to_string(),
        ]
    );
    let r = &filled.document.request;
    assert_eq!(r.endpoint_name.as_deref(), Some("scoring-prod"));
    let trc = routing(r);
    assert_eq!(trc.wait_interval_in_seconds, Some(600));
    assert_eq!(trc.canary_size.as_ref().and_then(|c| c.value), Some(10));
}
