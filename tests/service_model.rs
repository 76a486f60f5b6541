//! Our copy of the service model's facts (src/core/limits.rs and model.rs's enum lists)
//! against botocore's own SageMaker model, read from the installed botocore package, and
//! our botocore-style messages against botocore's own validator.
//!
//! Needs python3 with botocore: `scripts/setup.sh` installs them. Without them these tests
//! fail (they do not skip), since a silent skip would let the constants drift unseen.

use std::process::Command;
use std::sync::OnceLock;

use deployment_designer::core::examples::example;
use deployment_designer::core::limits::{self, shape, INT_RANGES, LISTS, STRINGS, STRUCTURES};
use deployment_designer::core::model::*;
use deployment_designer::core::validate::{botocore_error_summary, validate};
use serde_json::{json, Value};

/// The botocore release whose model our instance-type list was copied from. An older
/// installed botocore may lack the newest types; a newer one must match exactly.
const INSTANCE_TYPES_FROM_BOTOCORE: (u32, u32, u32) = (1, 44, 8);

/// Loads `service-2.json.gz` of the installed botocore and prints its version and every
/// shape, without the documentation text; `memberOrder` keeps each structure's member
/// order, which a JSON object read into Rust loses.
const LOAD_MODEL: &str = r#"
import gzip, json, os, sys
import botocore
path = os.path.join(os.path.dirname(botocore.__file__), "data", "sagemaker", "2017-07-24", "service-2.json.gz")
with gzip.open(path, "rt", encoding="utf-8") as f:
    shapes = json.load(f)["shapes"]
for s in shapes.values():
    s.pop("documentation", None)
    for m in s.get("members", {}).values():
        m.pop("documentation", None)
    if "members" in s:
        s["memberOrder"] = list(s["members"])
print(json.dumps({"version": botocore.__version__, "shapes": shapes}))
"#;

/// Runs botocore's parameter validator on each request of a JSON list read from stdin and
/// prints the reports (`null` for a valid request).
const BOTOCORE_VALIDATE: &str = r#"
import json, sys
import botocore.session
from botocore.validate import ParamValidator
model = botocore.session.get_session().get_service_model("sagemaker")
shape = model.operation_model("UpdateEndpoint").input_shape
out = []
for params in json.load(sys.stdin):
    report = ParamValidator().validate(params, shape)
    # The SDK raises ParamValidationError, whose message puts this line before the report.
    out.append("Parameter validation failed:\n" + report.generate_report() if report.has_errors() else None)
print(json.dumps(out))
"#;

fn python(script: &str, stdin: &str) -> String {
    use std::io::Write;
    let child = Command::new("python3")
        .arg("-c")
        .arg(script)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(c) => c,
        Err(e) => panic!("python3 is not available ({e}): run scripts/setup.sh"),
    };
    if let Some(mut input) = child.stdin.take() {
        input.write_all(stdin.as_bytes()).expect("write to python3");
    }
    let out = child.wait_with_output().expect("python3 runs");
    assert!(
        out.status.success(),
        "python3 could not read botocore's model ({}): run scripts/setup.sh",
        String::from_utf8_lossy(&out.stderr).trim()
    );
    String::from_utf8(out.stdout).expect("utf-8 from python3")
}

struct Model {
    version: (u32, u32, u32),
    shapes: Value,
}

fn model() -> &'static Model {
    static MODEL: OnceLock<Model> = OnceLock::new();
    MODEL.get_or_init(|| {
        let v: Value = serde_json::from_str(&python(LOAD_MODEL, "")).expect("botocore model JSON");
        let text = v["version"].as_str().unwrap_or_default().to_string();
        let mut parts = text.split('.').map(|p| p.parse::<u32>().unwrap_or(0));
        let version = (
            parts.next().unwrap_or(0),
            parts.next().unwrap_or(0),
            parts.next().unwrap_or(0),
        );
        Model {
            version,
            shapes: v["shapes"].clone(),
        }
    })
}

fn shape_of(name: &str) -> &'static Value {
    let s = &model().shapes[name];
    assert!(
        s.is_object(),
        "botocore's SageMaker model has no shape {name}"
    );
    s
}

fn enum_of(name: &str) -> Vec<String> {
    shape_of(name)["enum"]
        .as_array()
        .unwrap_or_else(|| panic!("{name} is not an enum"))
        .iter()
        .map(|v| v.as_str().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn every_shape_we_rely_on_exists() {
    let mut names: Vec<&str> = vec![
        shape::UPDATE_ENDPOINT_INPUT,
        shape::TRAFFIC_ROUTING_CONFIG_TYPE,
        shape::CAPACITY_SIZE_TYPE,
        shape::VARIANT_PROPERTY_TYPE,
        shape::PRODUCTION_VARIANT_INSTANCE_TYPE,
        shape::PRODUCTION_VARIANT_ACCELERATOR_TYPE,
        shape::VARIANT_WEIGHT,
        shape::BOOLEAN,
        shape::MODEL_NAME,
    ];
    for s in STRUCTURES {
        names.push(s.name);
        names.extend(s.members.iter().map(|m| m.shape));
    }
    names.extend(LISTS.iter().flat_map(|l| [l.name, l.member]));
    names.extend(INT_RANGES.iter().map(|r| r.name));
    names.extend(STRINGS.iter().map(|s| s.name));
    for n in names {
        shape_of(n);
    }
}

#[test]
fn structures_have_the_model_members_in_order() {
    for s in STRUCTURES {
        let theirs = shape_of(s.name);
        let members = theirs["members"]
            .as_object()
            .unwrap_or_else(|| panic!("{} has no members", s.name));
        let their_names: Vec<&str> = theirs["memberOrder"]
            .as_array()
            .map(|o| o.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        assert_eq!(
            their_names.len(),
            members.len(),
            "member order of {}",
            s.name
        );
        let our_names: Vec<&str> = s.members.iter().map(|m| m.name).collect();
        if s.complete {
            assert_eq!(our_names, their_names, "members of {}", s.name);
        } else {
            for n in &our_names {
                assert!(their_names.contains(n), "{} has no member {n}", s.name);
            }
        }
        let required: Vec<&str> = theirs["required"]
            .as_array()
            .map(|r| r.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        for m in s.members {
            assert_eq!(
                members[m.name]["shape"].as_str(),
                Some(m.shape),
                "shape of {}.{}",
                s.name,
                m.name
            );
            assert_eq!(
                required.contains(&m.name),
                m.required,
                "required flag of {}.{}",
                s.name,
                m.name
            );
        }
        if s.complete {
            for r in &required {
                assert!(
                    our_names.contains(r),
                    "{} requires {r}, which we do not list",
                    s.name
                );
            }
        }
    }
}

#[test]
fn lists_ranges_and_strings_match() {
    let num = |v: &Value| v.as_i64();
    for l in LISTS {
        let s = shape_of(l.name);
        assert_eq!(s["type"], "list", "{}", l.name);
        assert_eq!(
            s["member"]["shape"].as_str(),
            Some(l.member),
            "member of {}",
            l.name
        );
        assert_eq!(
            num(&s["min"]).unwrap_or(0),
            l.min as i64,
            "min of {}",
            l.name
        );
        assert_eq!(num(&s["max"]), Some(l.max as i64), "max of {}", l.name);
    }
    for r in INT_RANGES {
        let s = shape_of(r.name);
        assert_eq!(s["type"], "integer", "{}", r.name);
        assert_eq!(num(&s["min"]), r.min, "min of {}", r.name);
        assert_eq!(num(&s["max"]), r.max, "max of {}", r.name);
    }
    for st in STRINGS {
        let s = shape_of(st.name);
        assert_eq!(s["type"], "string", "{}", st.name);
        assert_eq!(
            num(&s["min"]).unwrap_or(0),
            st.min as i64,
            "min of {}",
            st.name
        );
        assert_eq!(num(&s["max"]), Some(st.max as i64), "max of {}", st.name);
        assert_eq!(
            s["pattern"].as_str(),
            Some(st.pattern),
            "pattern of {}",
            st.name
        );
    }
    let w = shape_of(shape::VARIANT_WEIGHT);
    assert_eq!(w["type"], "float");
    assert_eq!(w["min"].as_f64(), Some(limits::VARIANT_WEIGHT_MIN));
}

#[test]
fn the_spelled_out_limits_are_the_ones_in_the_tables() {
    // The brief's numbers, so that a table edit cannot drift from them unnoticed.
    assert_eq!(
        (
            limits::ENDPOINT_NAME.max,
            limits::ALARM_NAME.min,
            limits::ALARM_NAME.max
        ),
        (63, 1, 255)
    );
    assert_eq!(
        (
            limits::ALARM_LIST.min,
            limits::ALARM_LIST.max,
            limits::VARIANT_PROPERTY_LIST.max
        ),
        (1, 10, 3)
    );
    let r = |x: limits::IntRange| (x.min, x.max);
    assert_eq!(r(limits::WAIT_INTERVAL_IN_SECONDS), (Some(0), Some(3600)));
    assert_eq!(
        r(limits::TERMINATION_WAIT_IN_SECONDS),
        (Some(0), Some(3600))
    );
    assert_eq!(
        r(limits::MAXIMUM_EXECUTION_TIMEOUT_IN_SECONDS),
        (Some(600), Some(28800))
    );
    assert_eq!(
        r(limits::SERVERLESS_MEMORY_SIZE_IN_MB),
        (Some(1024), Some(6144))
    );
    assert_eq!(r(limits::SERVERLESS_MAX_CONCURRENCY), (Some(1), Some(200)));
    assert_eq!(
        r(limits::SERVERLESS_PROVISIONED_CONCURRENCY),
        (Some(1), Some(200))
    );
    assert_eq!(
        (limits::INT32_MIN, limits::INT32_MAX),
        (-2_147_483_648, 2_147_483_647)
    );
}

#[test]
fn enums_match_model_rs_and_limits() {
    let ours = |w: &[&str]| w.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert_eq!(
        ours(TrafficRoutingConfigType::WIRE),
        enum_of(shape::TRAFFIC_ROUTING_CONFIG_TYPE)
    );
    assert_eq!(
        ours(CapacitySizeType::WIRE),
        enum_of(shape::CAPACITY_SIZE_TYPE)
    );
    assert_eq!(
        ours(VariantPropertyType::WIRE),
        enum_of(shape::VARIANT_PROPERTY_TYPE)
    );
    assert_eq!(
        ours(limits::ACCELERATOR_TYPES),
        enum_of(shape::PRODUCTION_VARIANT_ACCELERATOR_TYPE)
    );
}

#[test]
fn instance_types_match_the_model() {
    let theirs = enum_of(shape::PRODUCTION_VARIANT_INSTANCE_TYPE);
    let ours: Vec<String> = limits::INSTANCE_TYPES
        .iter()
        .map(|s| s.to_string())
        .collect();
    let m = model();
    if m.version >= INSTANCE_TYPES_FROM_BOTOCORE {
        assert_eq!(
            ours, theirs,
            "instance types differ from botocore {:?}: update limits::INSTANCE_TYPES",
            m.version
        );
        return;
    }
    // An older botocore: every type it lists must be ours, in the same order; types it
    // does not know yet are reported, not failed.
    let mut rest = ours.iter();
    for t in &theirs {
        assert!(
            rest.any(|o| o == t),
            "botocore {:?} lists {t}, which limits::INSTANCE_TYPES lacks or has out of order",
            m.version
        );
    }
    let newer: Vec<&String> = ours.iter().filter(|o| !theirs.contains(o)).collect();
    eprintln!(
        "note: installed botocore {:?} predates {:?}; our list also has {} newer types: {newer:?}",
        m.version,
        INSTANCE_TYPES_FROM_BOTOCORE,
        newer.len()
    );
    assert!(
        newer.len() <= 40,
        "suspiciously many types unknown to botocore {:?}: {newer:?}",
        m.version
    );
}

/// One request per client-side rule, each with exactly one error, so that botocore's
/// report and ours can be compared word for word.
fn client_side_cases() -> Vec<DesignDocument> {
    let base = example("canary").expect("canary example");
    let mut cases = Vec::new();
    let mut d = base.clone();
    d.request.endpoint_name = None;
    cases.push(d);
    let edit = |f: &dyn Fn(&mut DeploymentConfig)| {
        let mut d = base.clone();
        if let Some(dc) = d.request.deployment_config.as_mut() {
            f(dc);
        }
        d
    };
    cases.push(edit(&|dc| {
        if let Some(t) = dc
            .blue_green_update_policy
            .as_mut()
            .and_then(|b| b.traffic_routing_configuration.as_mut())
        {
            t.wait_interval_in_seconds = None;
        }
    }));
    cases.push(edit(&|dc| {
        if let Some(b) = dc.blue_green_update_policy.as_mut() {
            b.termination_wait_in_seconds = Some(-1);
        }
    }));
    cases.push(edit(&|dc| {
        if let Some(b) = dc.blue_green_update_policy.as_mut() {
            b.maximum_execution_timeout_in_seconds = Some(599);
        }
    }));
    cases.push(edit(&|dc| {
        if let Some(t) = dc
            .blue_green_update_policy
            .as_mut()
            .and_then(|b| b.traffic_routing_configuration.as_mut())
        {
            t.canary_size = Some(CapacitySize {
                type_: Some(CapacitySizeType::InstanceCount),
                value: Some(0),
            });
        }
    }));
    cases.push(edit(&|dc| {
        if let Some(t) = dc
            .blue_green_update_policy
            .as_mut()
            .and_then(|b| b.traffic_routing_configuration.as_mut())
        {
            t.canary_size = Some(CapacitySize {
                type_: None,
                value: Some(1),
            });
        }
    }));
    cases.push(edit(&|dc| {
        dc.auto_rollback_configuration = Some(AutoRollbackConfig {
            alarms: Some(vec![]),
        })
    }));
    cases.push(edit(&|dc| {
        dc.auto_rollback_configuration = Some(AutoRollbackConfig {
            alarms: Some(vec![Alarm {
                alarm_name: Some(String::new()),
            }]),
        })
    }));
    let mut d = base.clone();
    d.request.retain_all_variant_properties = Some(true);
    d.request.exclude_retained_variant_properties = Some(vec![VariantProperty {
        variant_property_type: None,
    }]);
    cases.push(d);
    cases.push(base);
    cases
}

#[test]
fn our_botocore_messages_are_botocores() {
    let cases = client_side_cases();
    let requests: Vec<Value> = cases
        .iter()
        .map(|d| serde_json::to_value(&d.request).expect("request serialises"))
        .collect();
    let reports: Vec<Option<String>> =
        serde_json::from_str(&python(BOTOCORE_VALIDATE, &json!(requests).to_string()))
            .expect("reports JSON");
    assert_eq!(reports.len(), cases.len());
    for (doc, theirs) in cases.iter().zip(reports) {
        let ours = botocore_error_summary(&validate(doc));
        assert_eq!(
            ours,
            theirs,
            "for request {}",
            serde_json::to_string(&doc.request).unwrap_or_default()
        );
    }
}
