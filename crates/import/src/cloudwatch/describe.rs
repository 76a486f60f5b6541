//! `aws cloudwatch describe-alarms` output (JSON, `--output yaml`, or boto3's
//! `describe_alarms` response printed): each of its `MetricAlarms` is a definition in
//! `PutMetricAlarm`'s spelling already, with state members the walk reads and leaves out;
//! its `CompositeAlarms` are noted, not imported. An alarm pasted alone (one element of the
//! list, with its `AlarmArn`) counts too. The describe importer (`describe.rs`) reads the
//! outputs of a session and hands these to this module.

use super::{Def, Found, METRIC_ALARM};
use crate::cdk::convert::keep;
use designer_core::import::Source;
use designer_core::value::{Kind, Value};

/// True when `v` is a `describe-alarms` output or one alarm of it.
pub(crate) fn is_alarms(v: &Value) -> bool {
    v.get("MetricAlarms").is_some()
        || v.get("CompositeAlarms").is_some()
        || v.get("AlarmArn").is_some()
}

fn string(v: &Value, key: &str) -> Option<String> {
    match &v.get(key)?.kind {
        Kind::Str(s) => Some(s.clone()),
        _ => None,
    }
}

/// The alarms of `outputs` (each [`is_alarms`]); `boto3` and `yaml` name how they were written.
pub(crate) fn found_in(outputs: &[Value], boto3: bool, yaml: bool) -> Found {
    let (output, one, many) = if boto3 {
        (
            "a boto3 `describe_alarms` response",
            "a metric alarm of",
            "metric alarms of",
        )
    } else if yaml {
        (
            "a `describe-alarms` output (YAML)",
            "a metric alarm of",
            "metric alarms of",
        )
    } else {
        (
            "a `describe-alarms` output",
            "a metric alarm of",
            "metric alarms of",
        )
    };
    let words = (format!("{one} {output}"), format!("{many} {output}"));
    let mut found = Found::new(Source::Json, (&words.0, &words.1), (&words.0, &words.1));
    let names: Vec<&str> = METRIC_ALARM.iter().map(|(n, _)| *n).collect();
    let metric = |found: &mut Found, a: &Value| {
        let label =
            string(a, "AlarmName").map_or_else(|| format!("at {}", a.pos), |n| format!("`{n}`"));
        found.defs.push(Def {
            // The output has members no definition takes (state, ARNs, timestamps).
            tree: if matches!(a.kind, Kind::Map(_)) {
                keep(a, &names)
            } else {
                a.clone()
            },
            label,
            refs: Vec::new(),
        });
    };
    for v in outputs {
        let lists = [v.get("MetricAlarms"), v.get("CompositeAlarms")];
        if lists.iter().all(Option::is_none) {
            // One alarm alone.
            if v.get("AlarmRule").is_some() {
                found.composites.push((
                    string(v, "AlarmName").unwrap_or_else(|| "an alarm".into()),
                    v.pos,
                ));
            } else {
                metric(&mut found, v);
            }
            continue;
        }
        if let Some(Value {
            kind: Kind::List(items),
            ..
        }) = lists[0]
        {
            for a in items {
                metric(&mut found, a);
            }
        }
        if let Some(Value {
            kind: Kind::List(items),
            ..
        }) = lists[1]
        {
            for a in items {
                found.composites.push((
                    string(a, "AlarmName").map_or_else(|| "an alarm".into(), |n| format!("`{n}`")),
                    a.pos,
                ));
            }
        }
    }
    found
}
