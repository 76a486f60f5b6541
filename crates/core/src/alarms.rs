//! The design's alarm definitions (Version 2's `Alarms`): when each can trip after a problem
//! starts, and what it can and cannot catch in this design's bakes. The simulator reads
//! `detect_seconds` to place a rollback; validation reads `check` for the findings A1..A9
//! and U1..U3 (see `rules.rs`).
//!
//! Facts, with their sources:
//! - Invocation metrics (namespace `AWS/SageMaker`) "are available at a 1-minute frequency";
//!   dimensions `EndpointName, VariantName`; 4XX/5XX send 1 per error response, 0 otherwise;
//!   latencies in microseconds. Instance metrics (`/aws/sagemaker/Endpoints`) are percentages,
//!   summed over cores or GPUs. (Amazon SageMaker Developer Guide, "Monitor Amazon SageMaker
//!   AI with Amazon CloudWatch", monitoring-cloudwatch.md.)
//! - During a blue/green deployment "CloudWatch publishes the metrics with the dimension
//!   `EndpointConfigName:{New-Ep-Config}` after the new fleet starts receiving traffic"; an
//!   alarm on the endpoint as a whole sees the old fleet too: "if your old fleet trips the
//!   alarm during the deployment, SageMaker terminates your deployment". Alarms are watched
//!   during baking periods; the caller needs `cloudwatch:DescribeAlarms` on them. (Developer
//!   Guide, "Auto-Rollback Configuration and Monitoring", deployment-guardrails-configuration.md.)
//! - `PutMetricAlarm`: `Period` 10, 20, 30 or a multiple of 60; `EvaluationPeriods` and
//!   `DatapointsToAlarm` at least 1; `Statistic` or `ExtendedStatistic`, not both; Period ×
//!   EvaluationPeriods at most one day for periods under an hour, 604,800 s otherwise;
//!   `TreatMissingData` `breaching | notBreaching | ignore | missing`. "The evaluation interval
//!   is the number of datapoints multiplied by the period." (CloudWatch API Reference,
//!   PutMetricAlarm; botocore `cloudwatch/2010-08-01/service-2.json`; CloudWatch User Guide,
//!   "Using Amazon CloudWatch alarms".)

use super::format::{humane_duration, plural};
use super::model::{DesignDocument, Dimension, MetricAlarm, Strategy};
use super::validate::{Finding, Severity};

/// Invocation metrics are published once a minute (Developer Guide, monitoring-cloudwatch.md).
pub const PUBLISH_SECONDS: i64 = 60;

/// The namespace of SageMaker's invocation metrics.
pub const INVOCATION_NAMESPACE: &str = "AWS/SageMaker";
/// The namespace of SageMaker's endpoint instance metrics.
pub const INSTANCE_NAMESPACE: &str = "/aws/sagemaker/Endpoints";

/// One metric SageMaker publishes for an endpoint.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MetricFact {
    pub namespace: &'static str,
    pub name: &'static str,
    /// CloudWatch's unit.
    pub unit: &'static str,
    /// The statistic and comparison a rollback alarm on it usually uses.
    pub statistic: &'static str,
    pub comparison: &'static str,
    pub threshold: f64,
    /// What it measures, for the form's preset list.
    pub about: &'static str,
    /// Published only when the endpoint is invoked (a quiet canary has no data points).
    pub needs_traffic: bool,
}

const fn metric(
    namespace: &'static str,
    name: &'static str,
    unit: &'static str,
    statistic: &'static str,
    threshold: f64,
    about: &'static str,
    needs_traffic: bool,
) -> MetricFact {
    MetricFact {
        namespace,
        name,
        unit,
        statistic,
        comparison: "GreaterThanOrEqualToThreshold",
        threshold,
        about,
        needs_traffic,
    }
}

/// What SageMaker publishes for a real-time endpoint (Developer Guide, monitoring-cloudwatch.md),
/// with a typical rollback alarm on each. All are non-negative.
pub const METRICS: &[MetricFact] = &[
    metric(INVOCATION_NAMESPACE, "Invocation5XXErrors", "None", "Sum", 1.0, "responses with a 5xx status (1 per error, 0 otherwise)", true),
    metric(INVOCATION_NAMESPACE, "Invocation4XXErrors", "None", "Average", 0.05, "responses with a 4xx status (1 per error, 0 otherwise)", true),
    metric(INVOCATION_NAMESPACE, "ModelLatency", "Microseconds", "Average", 100_000.0, "time the model takes to respond, in microseconds", true),
    metric(INVOCATION_NAMESPACE, "OverheadLatency", "Microseconds", "Average", 100_000.0, "time SageMaker adds to a request, in microseconds", true),
    metric(INVOCATION_NAMESPACE, "Invocations", "None", "Sum", 1.0, "requests sent to the endpoint", true),
    metric(INVOCATION_NAMESPACE, "InvocationsPerInstance", "None", "Sum", 1.0, "requests per instance", true),
    metric(INVOCATION_NAMESPACE, "InvocationModelErrors", "None", "Sum", 1.0, "requests the model answered with an error", true),
    metric(INSTANCE_NAMESPACE, "CPUUtilization", "Percent", "Average", 90.0, "CPU use, summed over cores (400% on 4 cores)", false),
    metric(INSTANCE_NAMESPACE, "MemoryUtilization", "Percent", "Average", 90.0, "memory use", false),
    metric(INSTANCE_NAMESPACE, "GPUUtilization", "Percent", "Average", 90.0, "GPU use, summed over GPUs", false),
    metric(INSTANCE_NAMESPACE, "GPUMemoryUtilization", "Percent", "Average", 90.0, "GPU memory use, summed over GPUs", false),
    metric(INSTANCE_NAMESPACE, "DiskUtilization", "Percent", "Average", 90.0, "disk use", false),
];

/// `PutMetricAlarm`'s statistics.
pub const STATISTICS: &[&str] = &["SampleCount", "Average", "Sum", "Minimum", "Maximum"];
/// `PutMetricAlarm`'s comparison operators (the last three only for anomaly detection).
pub const COMPARISONS: &[&str] = &[
    "GreaterThanOrEqualToThreshold",
    "GreaterThanThreshold",
    "LessThanThreshold",
    "LessThanOrEqualToThreshold",
    "LessThanLowerOrGreaterThanUpperThreshold",
    "LessThanLowerThreshold",
    "GreaterThanUpperThreshold",
];
/// `PutMetricAlarm`'s `TreatMissingData` values.
pub const TREAT_MISSING: &[&str] = &["breaching", "notBreaching", "ignore", "missing"];

/// The metric SageMaker publishes under this namespace and name, if any.
pub fn fact(namespace: &str, name: &str) -> Option<&'static MetricFact> {
    METRICS
        .iter()
        .find(|m| m.namespace == namespace && m.name == name)
}

/// The dimensions that point a metric of `namespace` at this design's new fleet: the
/// endpoint, its first new variant and, for invocation metrics, the new endpoint config.
pub fn new_fleet_dimensions(doc: &DesignDocument, namespace: &str) -> Vec<Dimension> {
    let mut out = Vec::new();
    let mut push = |name: &str, value: Option<&str>| {
        if let Some(v) = value.filter(|v| !v.is_empty()) {
            out.push(Dimension { name: name.into(), value: v.into() });
        }
    };
    push("EndpointName", doc.request.endpoint_name.as_deref());
    push(
        "VariantName",
        doc.endpoint.new_variants.first().and_then(|v| v.variant_name.as_deref()),
    );
    if namespace == INVOCATION_NAMESPACE {
        push("EndpointConfigName", doc.request.endpoint_config_name.as_deref());
    }
    out
}

/// Points `a` at one of SageMaker's metrics with its usual statistic, comparison and
/// threshold, on this design's new fleet.
pub fn use_metric(doc: &DesignDocument, a: &mut MetricAlarm, m: &MetricFact) {
    a.namespace = Some(m.namespace.into());
    a.metric_name = Some(m.name.into());
    a.statistic = Some(m.statistic.into());
    a.extended_statistic = None;
    a.comparison_operator = Some(m.comparison.into());
    a.threshold = Some(m.threshold);
    a.metrics.clear();
    a.dimensions = new_fleet_dimensions(doc, m.namespace);
}

/// The definition the form offers for the rollback alarm `name`: 5xx errors of the new
/// fleet, one-minute periods, two of them to alarm (it can trip 180 s after a problem starts).
pub fn preset(doc: &DesignDocument, name: &str) -> MetricAlarm {
    let mut a = MetricAlarm {
        alarm_name: Some(name.into()),
        period: Some(60),
        evaluation_periods: Some(2),
        datapoints_to_alarm: Some(2),
        treat_missing_data: Some("missing".into()),
        ..Default::default()
    };
    use_metric(doc, &mut a, &METRICS[0]);
    a
}

/// The alarm's metrics: its own, or every `MetricStat` of its metric math.
fn metrics_of(a: &MetricAlarm) -> Vec<(Option<&str>, Option<&str>, &[Dimension])> {
    if a.metrics.is_empty() {
        return vec![(
            a.namespace.as_deref(),
            a.metric_name.as_deref(),
            a.dimensions.as_slice(),
        )];
    }
    a.metrics
        .iter()
        .filter_map(|q| q.metric_stat.as_ref())
        .map(|s| {
            (
                s.metric.namespace.as_deref(),
                s.metric.metric_name.as_deref(),
                s.metric.dimensions.as_slice(),
            )
        })
        .collect()
}

/// The alarm's period in seconds: its own, or for metric math the longest of its queries'.
pub fn period(a: &MetricAlarm) -> Option<i64> {
    if a.metrics.is_empty() {
        return a.period;
    }
    a.metrics
        .iter()
        .filter_map(|q| q.metric_stat.as_ref().and_then(|s| s.period).or(q.period))
        .max()
        .or(a.period)
}

/// How many breaching periods set it off: `DatapointsToAlarm`, else `EvaluationPeriods`.
pub fn datapoints(a: &MetricAlarm) -> i64 {
    a.datapoints_to_alarm
        .or(a.evaluation_periods)
        .unwrap_or(1)
        .max(1)
}

/// The earliest second after a problem starts at which this alarm can be in ALARM:
/// Period × DatapointsToAlarm (the CloudWatch guide's evaluation interval) plus one
/// publishing interval **[assumption: a data point is available one publishing interval
/// after its period; AWS publishes no figure]**. `None` when the period is missing or not
/// positive. Saturating: any input is safe.
pub fn detect_seconds(a: &MetricAlarm) -> Option<i64> {
    let p = period(a).filter(|p| *p > 0)?;
    Some(
        p.min(1_000_000_000)
            .saturating_mul(datapoints(a).min(1_000_000))
            .saturating_add(PUBLISH_SECONDS),
    )
}

/// The rollback alarms of the request, each with its definition when the design has one.
pub fn rollback_alarms(doc: &DesignDocument) -> Vec<(&str, Option<(usize, &MetricAlarm)>)> {
    let listed = doc
        .request
        .deployment_config
        .as_ref()
        .and_then(|d| d.auto_rollback_configuration.as_ref())
        .and_then(|a| a.alarms.as_ref());
    // The first definition of each name, looked up once: imported lists may be long.
    let mut by_name = std::collections::HashMap::new();
    for (i, d) in doc.alarms.iter().enumerate() {
        if let Some(n) = d.alarm_name.as_deref() {
            by_name.entry(n).or_insert((i, d));
        }
    }
    listed
        .into_iter()
        .flatten()
        .filter_map(|a| a.alarm_name.as_deref())
        .map(|name| (name, by_name.get(name).copied()))
        .collect()
}

/// How long after a problem starts the first of the request's rollback alarms trips:
/// the shortest detection time of their definitions. A rollback alarm the design does not
/// define is assumed to trip at once **[assumption: defined elsewhere, its timing is
/// unknown]**, so is a request with no rollback alarms (the what-if of Version 1).
pub fn rollback_detect_seconds(doc: &DesignDocument) -> i64 {
    fastest(&rollback_alarms(doc))
}

/// The shortest detection time of `alarms` (see [`rollback_detect_seconds`]).
pub fn fastest(alarms: &[(&str, Option<(usize, &MetricAlarm)>)]) -> i64 {
    alarms
        .iter()
        .map(|(_, def)| match def {
            Some((_, a)) => detect_seconds(a).unwrap_or(0),
            None => 0,
        })
        .min()
        .unwrap_or(0)
}

/// The bakes an alarm acts in: how long each is and what it is called.
struct Bakes {
    /// One baking period W (the canary's, a linear step's, a rolling batch's, the only one).
    each: i64,
    /// How long the alarms watch in all, from the first traffic step to the last bake's end.
    total: i64,
    /// "the canary's bake", "a linear step's bake", ...
    first: &'static str,
    strategy: Strategy,
}

fn bakes(doc: &DesignDocument) -> Option<Bakes> {
    let dc = doc.request.deployment_config.as_ref()?;
    let strategy = doc.request.strategy();
    let sim = super::simulate::simulate(doc);
    let (each, first) = match strategy {
        Strategy::Rolling => (
            dc.rolling_update_policy.as_ref()?.wait_interval_in_seconds?,
            "a rolling batch's bake",
        ),
        Strategy::Canary | Strategy::Linear | Strategy::AllAtOnce => {
            let w = dc
                .blue_green_update_policy
                .as_ref()?
                .traffic_routing_configuration
                .as_ref()?
                .wait_interval_in_seconds?;
            let what = match strategy {
                Strategy::Canary => "the canary's bake",
                Strategy::Linear => "a linear step's bake",
                _ => "the bake",
            };
            (w, what)
        }
        Strategy::Default => return None,
    };
    let steps = i64::from(sim.steps.max(1));
    Some(Bakes {
        each: each.max(0),
        total: each.max(0).saturating_mul(steps),
        first,
        strategy,
    })
}

fn finding(path: String, severity: Severity, rule: &'static str, aws: String, plain: String) -> Finding {
    Finding {
        path,
        severity,
        rule,
        aws_message: aws,
        explanation: plain,
    }
}

fn secs(s: i64) -> String {
    if s < 60 {
        format!("{s} s")
    } else {
        format!("{s} s ({})", humane_duration(s))
    }
}

/// The alarm's name for a message.
fn label(a: &MetricAlarm, i: usize) -> String {
    match a.alarm_name.as_deref() {
        Some(n) => format!("Alarm {n:?}"),
        None => format!("Alarm definition {}", i + 1),
    }
}

/// Every finding about the alarms of a design: their definitions (A1..A9) and the
/// rollback that the policy cannot do without them (U1..U3). Never panics.
pub fn check(doc: &DesignDocument) -> Vec<Finding> {
    let mut out = Vec::new();
    unsafe_policy(doc, &mut out);
    let listed: std::collections::HashSet<&str> = rollback_alarms(doc).into_iter().map(|(n, _)| n).collect();
    // The plan is simulated only when there is a definition to time against it.
    let bakes = if doc.alarms.is_empty() { None } else { bakes(doc) };
    let mut seen = std::collections::HashSet::new();
    for (i, a) in doc.alarms.iter().enumerate() {
        let base = format!("Alarms[{i}]");
        let who = label(a, i);
        put_metric_alarm_rules(a, &base, &who, &mut out);
        if let Some(name) = a.alarm_name.as_deref() {
            if !seen.insert(name) {
                out.push(finding(
                    format!("{base}.AlarmName"),
                    Severity::Warning,
                    "A9",
                    format!("Alarm {name:?} is defined twice; PutMetricAlarm would overwrite the first with the second."),
                    format!("{who} is defined twice in the design; only the last definition is what CloudWatch keeps. Remove one."),
                ));
            }
            if !listed.contains(&name) {
                out.push(finding(
                    format!("{base}.AlarmName"),
                    Severity::Warning,
                    "A8",
                    "The alarm is not in DeploymentConfig.AutoRollbackConfiguration.Alarms.".into(),
                    format!("{who} is defined but not listed as a rollback alarm, so it never rolls this deployment back. Add it to the rollback alarms, or remove the definition."),
                ));
            }
        }
        let linked = a.alarm_name.as_deref().is_some_and(|n| listed.contains(&n));
        if linked {
            timing(a, &base, &who, bakes.as_ref(), &mut out);
            dimensions(doc, a, &base, &who, &mut out);
        }
        metric_facts(a, &base, &who, bakes.as_ref(), &mut out);
    }
    out
}

/// U1..U3: a policy that is valid but cannot roll back as its author expects.
fn unsafe_policy(doc: &DesignDocument, out: &mut Vec<Finding>) {
    let Some(dc) = doc.request.deployment_config.as_ref() else {
        return;
    };
    let strategy = doc.request.strategy();
    let alarms = dc
        .auto_rollback_configuration
        .as_ref()
        .and_then(|a| a.alarms.as_ref());
    let gradual = matches!(
        strategy,
        Strategy::Canary | Strategy::Linear | Strategy::Rolling
    );
    if gradual && alarms.is_none_or(|l| l.is_empty()) {
        let what = match strategy {
            Strategy::Canary => "canary",
            Strategy::Linear => "linear",
            _ => "rolling",
        };
        out.push(finding(
            "DeploymentConfig.AutoRollbackConfiguration".into(),
            Severity::Warning,
            "U1",
            "AWS accepts a gradual deployment with no rollback alarm.".into(),
            format!("This {what} deployment has no rollback alarm, so nothing can roll it back: every step goes ahead whatever the new model does. Add at least one CloudWatch alarm (for example on Invocation5XXErrors)."),
        ));
    }
    let w = match strategy {
        Strategy::Rolling => dc
            .rolling_update_policy
            .as_ref()
            .and_then(|r| r.wait_interval_in_seconds)
            .map(|w| ("DeploymentConfig.RollingUpdatePolicy.WaitIntervalInSeconds", w)),
        _ => dc
            .blue_green_update_policy
            .as_ref()
            .and_then(|b| b.traffic_routing_configuration.as_ref())
            .and_then(|t| t.wait_interval_in_seconds)
            .map(|w| ("DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration.WaitIntervalInSeconds", w)),
    };
    if let (Some((path, 0)), Some(list)) = (w, alarms) {
        if !list.is_empty() {
            out.push(finding(
                path.into(),
                Severity::Warning,
                "U2",
                "AWS accepts rollback alarms with a 0-second baking period.".into(),
                format!("The design lists {} but bakes for 0 s: alarms are watched only while baking, so they have no time to roll anything back. Bake at least as long as the alarms need to trip.", plural(list.len() as i64, "rollback alarm")),
            ));
        }
    }
    if let Some(list) = alarms {
        // A set, not a scan per alarm: an imported list may hold thousands.
        let mut seen = std::collections::HashSet::new();
        for (i, a) in list.iter().enumerate() {
            let Some(name) = a.alarm_name.as_deref() else { continue };
            if !seen.insert(name) {
                out.push(finding(
                    format!("DeploymentConfig.AutoRollbackConfiguration.Alarms[{i}].AlarmName"),
                    Severity::Warning,
                    "U3",
                    "AWS accepts the same alarm listed twice.".into(),
                    format!("Alarm {name:?} is listed twice; the second entry watches nothing more and takes one of the 10 places."),
                ));
            }
        }
    }
}

/// A7: what `PutMetricAlarm` itself refuses (the alarm cannot be created as written).
fn put_metric_alarm_rules(a: &MetricAlarm, base: &str, who: &str, out: &mut Vec<Finding>) {
    let mut err = |member: &str, aws: String, plain: String| {
        out.push(finding(
            format!("{base}.{member}"),
            Severity::Error,
            "A7",
            aws,
            plain,
        ))
    };
    if a.alarm_name.as_deref().is_none_or(|n| n.trim().is_empty()) {
        err(
            "AlarmName",
            "Parameter validation failed:\nMissing required parameter in input: \"AlarmName\"".into(),
            format!("{who} has no name; the name is how the rollback alarms find it."),
        );
    }
    match a.evaluation_periods {
        None => err(
            "EvaluationPeriods",
            "Parameter validation failed:\nMissing required parameter in input: \"EvaluationPeriods\"".into(),
            format!("{who} needs EvaluationPeriods: how many recent periods CloudWatch looks at."),
        ),
        Some(n) if n < 1 => err(
            "EvaluationPeriods",
            format!("Parameter validation failed:\nInvalid value for parameter EvaluationPeriods, value: {n}, valid min value: 1"),
            format!("{who} looks at {n} periods; it must look at least at 1."),
        ),
        _ => {}
    }
    if let Some(m) = a.datapoints_to_alarm {
        if m < 1 {
            err(
                "DatapointsToAlarm",
                format!("Parameter validation failed:\nInvalid value for parameter DatapointsToAlarm, value: {m}, valid min value: 1"),
                format!("{who} needs {m} breaching data points; at least 1 is required."),
            );
        } else if let Some(n) = a.evaluation_periods.filter(|n| m > *n && *n >= 1) {
            err(
                "DatapointsToAlarm",
                format!("DatapointsToAlarm ({m}) must be less than or equal to EvaluationPeriods ({n})."),
                format!("{who} needs {m} breaching data points out of the last {n}: it can never trip. DatapointsToAlarm is the M of \"M out of N\"."),
            );
        }
    }
    if a.metrics.is_empty() {
        match a.period {
            None => err(
                "Period",
                "Period is required when the alarm watches a single metric.".into(),
                format!("{who} has no Period: how many seconds each data point covers (60 for SageMaker's invocation metrics)."),
            ),
            Some(p) if !(p == 10 || p == 20 || p == 30 || (p >= 60 && p % 60 == 0)) => err(
                "Period",
                format!("Invalid value for parameter Period, value: {p}: valid values are 10, 20, 30, and any multiple of 60."),
                format!("{who}'s period is {p} s; CloudWatch takes 10, 20, 30 or a multiple of 60 seconds."),
            ),
            Some(p) => {
                let n = a.evaluation_periods.unwrap_or(1).max(1);
                let span = p.saturating_mul(n);
                let max = if p < 3600 { 86_400 } else { 604_800 };
                if span > max {
                    err(
                        "EvaluationPeriods",
                        format!("Period multiplied by EvaluationPeriods can't be more than {max} seconds."),
                        format!("{who} looks back {} ({p} s × {n}); CloudWatch allows at most {}.", secs(span), secs(max)),
                    );
                }
            }
        }
        match (&a.statistic, &a.extended_statistic) {
            (Some(_), Some(_)) => err(
                "ExtendedStatistic",
                "Statistic and ExtendedStatistic are mutually exclusive: specify one, not both.".into(),
                format!("{who} gives both a statistic and an extended statistic (a percentile); give one."),
            ),
            (None, None) => err(
                "Statistic",
                "You must specify either Statistic or ExtendedStatistic.".into(),
                format!("{who} gives no statistic: Sum, Average, Maximum, ... or a percentile such as p99."),
            ),
            (Some(s), None) if !STATISTICS.contains(&s.as_str()) => err(
                "Statistic",
                format!("Invalid value for parameter Statistic, value: {s:?}, valid values: {}", STATISTICS.join(", ")),
                format!("{who}'s statistic {s:?} is not one CloudWatch knows; use {} (or ExtendedStatistic for a percentile).", STATISTICS.join(", ")),
            ),
            _ => {}
        }
        if a.metric_name.is_none() {
            err(
                "MetricName",
                "MetricName is required when the alarm watches a single metric.".into(),
                format!("{who} names no metric."),
            );
        }
    }
    match a.comparison_operator.as_deref() {
        None => err(
            "ComparisonOperator",
            "Parameter validation failed:\nMissing required parameter in input: \"ComparisonOperator\"".into(),
            format!("{who} needs a comparison, e.g. GreaterThanOrEqualToThreshold."),
        ),
        Some(c) if !COMPARISONS.contains(&c) => err(
            "ComparisonOperator",
            format!("Invalid value for parameter ComparisonOperator, value: {c:?}, valid values: {}", COMPARISONS.join(", ")),
            format!("{who}'s comparison {c:?} is not one CloudWatch knows."),
        ),
        Some(c) if COMPARISONS[4..].contains(&c) => {}
        Some(_) if a.threshold.is_none() => err(
            "Threshold",
            "Threshold is required unless the alarm uses an anomaly detection band.".into(),
            format!("{who} has no threshold to compare with."),
        ),
        _ => {}
    }
    if let Some(t) = a.treat_missing_data.as_deref() {
        if !TREAT_MISSING.contains(&t) {
            err(
                "TreatMissingData",
                format!("Invalid value for parameter TreatMissingData, value: {t:?}, valid values: {}", TREAT_MISSING.join(", ")),
                format!("{who}'s TreatMissingData {t:?} is not one CloudWatch knows: breaching, notBreaching, ignore or missing."),
            );
        }
    }
}

/// A1: the alarm cannot trip within the bakes that should catch a problem.
fn timing(
    a: &MetricAlarm,
    base: &str,
    who: &str,
    bakes: Option<&Bakes>,
    out: &mut Vec<Finding>,
) {
    let (Some(d), Some(b)) = (detect_seconds(a), bakes) else {
        return;
    };
    let p = period(a).unwrap_or(0);
    let m = datapoints(a);
    let how = format!(
        "{} ({p} s × {} + {PUBLISH_SECONDS} s for the metric to be published)",
        secs(d),
        plural(m, "period")
    );
    let path = format!("{base}.Period");
    if d >= b.total {
        out.push(finding(
            path,
            Severity::Warning,
            "A1",
            "The alarm cannot go to ALARM before the last baking period ends.".into(),
            format!("{who} needs at least {how} to go to ALARM after a problem starts, but the design bakes for {} in all: it can never roll this deployment back. Shorten its period or datapoints, or bake longer.", secs(b.total)),
        ));
    } else if d >= b.each && b.strategy != Strategy::AllAtOnce {
        out.push(finding(
            path,
            Severity::Warning,
            "A1",
            format!("The alarm cannot go to ALARM before {} ends.", b.first),
            format!("{who} needs at least {how} to go to ALARM, longer than {} ({}): a problem that starts with the first step reaches the next step's traffic before it can trip. Shorten its period or datapoints, or bake at least {}.", b.first, secs(b.each), secs(d)),
        ));
    }
}

/// A2, A3: which fleet and which endpoint the alarm's dimensions watch.
fn dimensions(doc: &DesignDocument, a: &MetricAlarm, base: &str, who: &str, out: &mut Vec<Finding>) {
    let endpoint = doc.request.endpoint_name.as_deref();
    let config = doc.request.endpoint_config_name.as_deref();
    let variants: Vec<&str> = doc
        .endpoint
        .new_variants
        .iter()
        .filter_map(|v| v.variant_name.as_deref())
        .collect();
    let dims = if a.metrics.is_empty() {
        a.dimensions.as_slice()
    } else {
        return;
    };
    for (j, d) in dims.iter().enumerate() {
        let path = format!("{base}.Dimensions[{j}].Value");
        let other = match d.name.as_str() {
            "EndpointName" => endpoint.filter(|e| *e != d.value).map(|e| ("endpoint", e.to_string())),
            "EndpointConfigName" => config.filter(|c| *c != d.value).map(|c| ("new endpoint config", c.to_string())),
            "VariantName" if !variants.is_empty() && !variants.contains(&d.value.as_str()) => {
                Some(("variant", variants.join(", ")))
            }
            _ => None,
        };
        if let Some((what, ours)) = other {
            out.push(finding(
                path,
                Severity::Warning,
                "A3",
                format!("The alarm watches {} {:?}, not this design's.", d.name, d.value),
                format!("{who} watches {} {:?}, but this design's {what} is {ours}: it watches another resource and cannot see a problem of this deployment.", d.name, d.value),
            ));
        }
    }
    let invocation = a.namespace.as_deref() == Some(INVOCATION_NAMESPACE);
    let has = |n: &str| dims.iter().any(|d| d.name == n);
    if invocation && has("EndpointName") && !has("EndpointConfigName") {
        out.push(finding(
            format!("{base}.Dimensions"),
            Severity::Warning,
            "A2",
            "An alarm on the whole endpoint sees the old fleet too: if your old fleet trips the alarm during the deployment, SageMaker terminates your deployment.".into(),
            format!("{who} watches the endpoint as a whole, old fleet included: it trips on the old model's errors too, and during a canary the new fleet's few requests are diluted by the old fleet's. Add the dimension EndpointConfigName{} to watch only the new fleet.", config.map(|c| format!(" = {c}")).unwrap_or_default()),
        ));
    }
}

/// A4..A6: a metric SageMaker does not publish there, a comparison that cannot trip, and
/// missing data that hides a quiet canary.
fn metric_facts(a: &MetricAlarm, base: &str, who: &str, bakes: Option<&Bakes>, out: &mut Vec<Finding>) {
    for (ns, name, _) in metrics_of(a) {
        let (Some(ns), Some(name)) = (ns, name) else { continue };
        let sagemaker = ns == INVOCATION_NAMESPACE || ns == INSTANCE_NAMESPACE;
        if sagemaker && fact(ns, name).is_none() {
            let elsewhere = METRICS.iter().find(|m| m.name == name);
            let plain = match elsewhere {
                Some(m) => format!("{who} reads {name} in {ns}, but SageMaker publishes {name} in {}: the alarm gets no data.", m.namespace),
                None => format!("{who} reads {name} in {ns}, a metric SageMaker does not publish there: the alarm gets no data. Known metrics: {}.", METRICS.iter().filter(|m| m.namespace == ns).map(|m| m.name).collect::<Vec<_>>().join(", ")),
            };
            out.push(finding(
                format!("{base}.{}", if elsewhere.is_some() { "Namespace" } else { "MetricName" }),
                Severity::Warning,
                "A4",
                format!("SageMaker publishes no metric {name:?} in namespace {ns:?}."),
                plain,
            ));
        }
    }
    let single = if a.metrics.is_empty() {
        a.namespace.as_deref().zip(a.metric_name.as_deref()).and_then(|(n, m)| fact(n, m))
    } else {
        None
    };
    if let (Some(_), Some(c), Some(t)) = (single, a.comparison_operator.as_deref(), a.threshold) {
        let never = match c {
            "LessThanThreshold" => t <= 0.0,
            "LessThanOrEqualToThreshold" => t < 0.0,
            _ => false,
        };
        let always = match c {
            "GreaterThanOrEqualToThreshold" => t <= 0.0,
            "GreaterThanThreshold" => t < 0.0,
            _ => false,
        };
        if never || always {
            let what = if never {
                "can never trip: the metric is never negative"
            } else {
                "is breached by every data point, even a healthy 0: it trips as soon as there is data"
            };
            out.push(finding(
                format!("{base}.Threshold"),
                Severity::Warning,
                "A5",
                format!("{c} {t} on a metric that is never negative."),
                format!("{who} compares with {c} {t}, which {what}."),
            ));
        }
    }
    let quiet = single.is_some_and(|m| m.needs_traffic)
        && a.treat_missing_data.as_deref() == Some("notBreaching")
        && bakes.is_some_and(|b| matches!(b.strategy, Strategy::Canary | Strategy::Linear | Strategy::Rolling));
    if quiet {
        out.push(finding(
            format!("{base}.TreatMissingData"),
            Severity::Warning,
            "A6",
            "Missing data treated as notBreaching keeps the alarm OK while there are no data points.".into(),
            format!("{who} treats missing data as not breaching. Its metric is published only when requests arrive, so a canary that gets little traffic may never produce a data point: the alarm stays OK whatever the new model does. Use breaching or missing, or alarm on a metric that is always published."),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::*;

    fn alarm(name: &str, period: i64, n: i64) -> MetricAlarm {
        MetricAlarm {
            alarm_name: Some(name.into()),
            namespace: Some(INVOCATION_NAMESPACE.into()),
            metric_name: Some("Invocation5XXErrors".into()),
            dimensions: vec![
                Dimension { name: "EndpointName".into(), value: "ranker".into() },
                Dimension { name: "EndpointConfigName".into(), value: "ranker-v2".into() },
            ],
            statistic: Some("Sum".into()),
            period: Some(period),
            evaluation_periods: Some(n),
            threshold: Some(1.0),
            comparison_operator: Some("GreaterThanOrEqualToThreshold".into()),
            treat_missing_data: Some("missing".into()),
            ..Default::default()
        }
    }

    fn canary(bake: i64, alarms: &[&str], defs: Vec<MetricAlarm>) -> DesignDocument {
        let mut doc = DesignDocument::default();
        doc.request.endpoint_name = Some("ranker".into());
        doc.request.endpoint_config_name = Some("ranker-v2".into());
        doc.request.deployment_config = Some(DeploymentConfig {
            blue_green_update_policy: Some(BlueGreenUpdatePolicy {
                traffic_routing_configuration: Some(TrafficRoutingConfig {
                    type_: Some(TrafficRoutingConfigType::Canary),
                    wait_interval_in_seconds: Some(bake),
                    canary_size: Some(CapacitySize::percent(25)),
                    linear_step_size: None,
                }),
                ..Default::default()
            }),
            rolling_update_policy: None,
            auto_rollback_configuration: Some(AutoRollbackConfig {
                alarms: Some(
                    alarms
                        .iter()
                        .map(|n| Alarm { alarm_name: Some(n.to_string()) })
                        .collect(),
                ),
            }),
        });
        doc.alarms = defs;
        doc
    }

    fn rules(doc: &DesignDocument) -> Vec<(&'static str, String)> {
        check(doc).into_iter().map(|f| (f.rule, f.path)).collect()
    }

    #[test]
    fn detection_is_period_times_datapoints_plus_publishing() {
        // AWS's guide: Period 600, EvaluationPeriods 2.
        assert_eq!(detect_seconds(&alarm("a", 600, 2)), Some(1260));
        let mut m = alarm("a", 60, 5);
        m.datapoints_to_alarm = Some(3);
        assert_eq!(detect_seconds(&m), Some(240));
        m.period = None;
        assert_eq!(detect_seconds(&m), None);
        m.period = Some(i64::MAX);
        assert!(detect_seconds(&m).is_some());
    }

    #[test]
    fn a_slow_alarm_on_a_short_canary_bake_is_a1_and_a_fast_one_is_not() {
        let slow = canary(300, &["ranker-5xx"], vec![alarm("ranker-5xx", 600, 2)]);
        let found = rules(&slow);
        // 1260 s is more than the canary's 300 s and the 600 s of both bakes.
        assert!(found.contains(&("A1", "Alarms[0].Period".into())), "{found:?}");
        let f = check(&slow).into_iter().find(|f| f.rule == "A1").unwrap();
        assert!(f.explanation.contains("1260 s (21m)"), "{}", f.explanation);
        assert!(f.explanation.contains("600 s (10m) in all"), "{}", f.explanation);

        let mid = canary(900, &["ranker-5xx"], vec![alarm("ranker-5xx", 600, 2)]);
        let f = check(&mid).into_iter().find(|f| f.rule == "A1").unwrap();
        assert!(f.explanation.contains("the canary's bake"), "{}", f.explanation);

        let fast = canary(300, &["ranker-5xx"], vec![alarm("ranker-5xx", 60, 2)]);
        assert!(!rules(&fast).iter().any(|(r, _)| *r == "A1"), "{:?}", rules(&fast));
    }

    #[test]
    fn unsafe_policies_are_warned_about() {
        let none = canary(300, &[], vec![]);
        assert!(rules(&none).contains(&("U1", "DeploymentConfig.AutoRollbackConfiguration".into())));
        let zero = canary(0, &["a"], vec![]);
        assert!(rules(&zero).iter().any(|(r, _)| *r == "U2"));
        let twice = canary(300, &["a", "a"], vec![]);
        assert!(rules(&twice).contains(&("U3", "DeploymentConfig.AutoRollbackConfiguration.Alarms[1].AlarmName".into())));
        // An undefined rollback alarm alone is fine: it is defined elsewhere.
        assert!(check(&canary(300, &["a"], vec![])).is_empty());
    }

    #[test]
    fn dimensions_metrics_and_missing_data() {
        let mut a = alarm("x", 60, 1);
        a.dimensions = vec![Dimension { name: "EndpointName".into(), value: "other".into() }];
        a.treat_missing_data = Some("notBreaching".into());
        let doc = canary(600, &["x"], vec![a]);
        let found = rules(&doc);
        assert!(found.contains(&("A3", "Alarms[0].Dimensions[0].Value".into())), "{found:?}");
        assert!(found.contains(&("A2", "Alarms[0].Dimensions".into())), "{found:?}");
        assert!(found.contains(&("A6", "Alarms[0].TreatMissingData".into())), "{found:?}");

        let mut b = alarm("y", 60, 1);
        b.metric_name = Some("CPUUtilization".into());
        b.comparison_operator = Some("LessThanThreshold".into());
        b.threshold = Some(0.0);
        let found = rules(&canary(600, &["y"], vec![b]));
        assert!(found.contains(&("A4", "Alarms[0].Namespace".into())), "{found:?}");

        let mut c = alarm("z", 60, 1);
        c.comparison_operator = Some("LessThanThreshold".into());
        c.threshold = Some(0.0);
        assert!(rules(&canary(600, &["z"], vec![c])).contains(&("A5", "Alarms[0].Threshold".into())));
    }

    #[test]
    fn put_metric_alarm_refusals_are_errors() {
        let mut a = alarm("x", 45, 1);
        a.datapoints_to_alarm = Some(3);
        a.extended_statistic = Some("p99".into());
        let found = check(&canary(600, &["x"], vec![a.clone()]));
        let errors: Vec<&str> = found
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .map(|f| f.path.as_str())
            .collect();
        assert_eq!(
            errors,
            ["Alarms[0].DatapointsToAlarm", "Alarms[0].Period", "Alarms[0].ExtendedStatistic"]
        );
        // A definition that is not a rollback alarm never rolls back.
        let found = rules(&canary(600, &["y"], vec![alarm("x", 60, 1)]));
        assert!(found.contains(&("A8", "Alarms[0].AlarmName".into())), "{found:?}");
    }

    #[test]
    fn the_preset_watches_the_new_fleet_and_has_no_finding() {
        let mut doc = canary(600, &["ranker-5xx"], vec![]);
        doc.alarms.push(preset(&doc, "ranker-5xx"));
        assert_eq!(detect_seconds(&doc.alarms[0]), Some(180));
        assert!(check(&doc).is_empty(), "{:?}", check(&doc));
        let names: Vec<&str> = doc.alarms[0].dimensions.iter().map(|d| d.name.as_str()).collect();
        assert_eq!(names, ["EndpointName", "VariantName", "EndpointConfigName"]);
    }

    #[test]
    fn the_rollback_trips_after_the_fastest_linked_alarm() {
        let doc = canary(600, &["slow", "fast"], vec![alarm("slow", 300, 2), alarm("fast", 60, 1)]);
        assert_eq!(rollback_detect_seconds(&doc), 120);
        // One rollback alarm with no definition: assumed to trip at once.
        let doc = canary(600, &["slow", "elsewhere"], vec![alarm("slow", 300, 2)]);
        assert_eq!(rollback_detect_seconds(&doc), 0);
    }
}
