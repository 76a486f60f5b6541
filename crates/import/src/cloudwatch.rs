//! CloudWatch alarm definitions in every form the import reads: AWS CLI `put-metric-alarm`
//! commands, boto3 `put_metric_alarm` calls, CloudFormation `AWS::CloudWatch::Alarm`,
//! Terraform `aws_cloudwatch_metric_alarm` and `describe-alarms` output. Each form's reader
//! (beside that form's importer) turns its syntax into a value tree in `PutMetricAlarm`'s
//! spelling, with the expressions that refer to the alarm; this module reads the trees with
//! the core's walk, links the request's rollback alarms that refer to them, and merges the
//! definitions into the design by `AlarmName` (one with the same name is replaced, others
//! are added). A text that defines alarms only keeps the design's request and endpoint.

pub(crate) mod describe;
mod merge;

use merge::{assess, link, merge, read, restore};

use crate::cloudformation::Shape;
use crate::{Options, Outcome, Refusal};
use designer_core::import::{ImportError, Source};
use designer_core::model::DesignDocument;
use designer_core::value::{Kind, Pos, Value};
use std::collections::HashSet;

/// CloudWatch's `Dimension`.
pub(crate) const DIMENSION: &[(&str, Shape)] = &[("Name", Shape::Str), ("Value", Shape::Str)];

const METRIC: &[(&str, Shape)] = &[
    ("Namespace", Shape::Str),
    ("MetricName", Shape::Str),
    ("Dimensions", Shape::List(DIMENSION)),
];

const METRIC_STAT: &[(&str, Shape)] = &[
    ("Metric", Shape::Struct(METRIC)),
    ("Period", Shape::Int),
    ("Stat", Shape::Str),
    ("Unit", Shape::Str),
];

/// CloudWatch's `MetricDataQuery` (a member of metric math).
pub(crate) const QUERY: &[(&str, Shape)] = &[
    ("Id", Shape::Str),
    ("Expression", Shape::Str),
    ("MetricStat", Shape::Struct(METRIC_STAT)),
    ("Label", Shape::Str),
    ("ReturnData", Shape::Bool),
    ("Period", Shape::Int),
    ("AccountId", Shape::Str),
];

/// `PutMetricAlarm`'s members that a design's alarm definition keeps, with their shapes.
pub(crate) const METRIC_ALARM: &[(&str, Shape)] = &[
    ("AlarmName", Shape::Str),
    ("Namespace", Shape::Str),
    ("MetricName", Shape::Str),
    ("Dimensions", Shape::List(DIMENSION)),
    ("Statistic", Shape::Str),
    ("ExtendedStatistic", Shape::Str),
    ("Period", Shape::Int),
    ("EvaluationPeriods", Shape::Int),
    ("DatapointsToAlarm", Shape::Int),
    ("Threshold", Shape::Float),
    ("ComparisonOperator", Shape::Str),
    ("TreatMissingData", Shape::Str),
    ("Unit", Shape::Str),
    ("Metrics", Shape::List(QUERY)),
];

/// `PutMetricAlarm`'s members that do not change when an alarm can trip: read and left out.
pub(crate) const IGNORED: &[&str] = &[
    "AlarmDescription",
    "ActionsEnabled",
    "OKActions",
    "AlarmActions",
    "InsufficientDataActions",
    "EvaluateLowSampleCountPercentile",
    "ThresholdMetricId",
    "Tags",
];

/// An expression that names an alarm: how it is written (compared by [`words`]), and
/// whether it gives the alarm's ARN rather than its name.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Ref {
    pub words: String,
    pub arn: bool,
}

impl Ref {
    pub(crate) fn name(expression: &str) -> Self {
        Ref {
            words: words(expression),
            arn: false,
        }
    }

    pub(crate) fn arn(expression: &str) -> Self {
        Ref {
            words: words(expression),
            arn: true,
        }
    }
}

/// One alarm definition a text gives, before it is read.
#[derive(Clone, Debug)]
pub(crate) struct Def {
    /// The definition in `PutMetricAlarm`'s spelling (a map, or what the walk refuses).
    pub tree: Value,
    /// How a note names it: `P99Alarm`, `aws_cloudwatch_metric_alarm.p99`, `the command at line 3`.
    pub label: String,
    /// The expressions elsewhere in the text that name this alarm (`!Ref P99Alarm`).
    pub refs: Vec<Ref>,
}

/// What a text says about alarms: the definitions, the composite alarms it also defines
/// (noted, not imported), and how the form is named.
#[derive(Clone, Debug)]
pub(crate) struct Found {
    pub defs: Vec<Def>,
    /// Composite alarms: (name or label, where).
    pub composites: Vec<(String, Pos)>,
    pub notes: Vec<String>,
    /// The language of the trees, for the walk's messages.
    pub source: Source,
    /// The form, beside the endpoint's: (one, many), e.g. ("a `put-metric-alarm` command",
    /// "`put-metric-alarm` commands").
    pub short: (String, String),
    /// The form alone: (one, many), e.g. ("an AWS CLI `put-metric-alarm` command",
    /// "AWS CLI `put-metric-alarm` commands").
    pub long: (String, String),
}

impl Found {
    pub(crate) fn new(source: Source, short: (&str, &str), long: (&str, &str)) -> Self {
        Found {
            defs: Vec::new(),
            composites: Vec::new(),
            notes: Vec::new(),
            source,
            short: (short.0.to_string(), short.1.to_string()),
            long: (long.0.to_string(), long.1.to_string()),
        }
    }

    /// True when the text says nothing about alarms.
    pub(crate) fn is_empty(&self) -> bool {
        self.defs.is_empty() && self.composites.is_empty()
    }

    /// Says that the text's composite alarms are not imported.
    fn composite_note(&self) -> Option<String> {
        if self.composites.is_empty() {
            return None;
        }
        let names: Vec<String> = self
            .composites
            .iter()
            .map(|(n, at)| format!("{n} (line {})", at.line))
            .collect();
        let (them, are) = if names.len() == 1 {
            ("it", "is a composite alarm")
        } else {
            ("them", "are composite alarms")
        };
        Some(format!(
            "{} {are}, not imported: the designer defines metric alarms only. A rollback alarm may still name {them}; SageMaker watches its state like any other alarm's.",
            crate::cli::listed(&names)
        ))
    }
}

/// Normalised words of an expression: `!Ref X`, `{"Ref": "X"}` and `Ref: X` are all
/// `Ref X`; a Terraform index (`x.y[0].z`, `x.y["a"].z`) is dropped.
pub(crate) fn words(expression: &str) -> String {
    let mut plain = String::with_capacity(expression.len());
    let mut chars = expression.chars().peekable();
    let mut prev: Option<char> = None;
    while let Some(c) = chars.next() {
        if c == '[' && prev.is_some_and(|p| p.is_alphanumeric() || p == '_') {
            // An index right after a name: skip to its `]`.
            for d in chars.by_ref() {
                if d == ']' {
                    break;
                }
            }
            continue;
        }
        plain.push(c);
        prev = Some(c);
    }
    plain
        .split(|c: char| !(c.is_alphanumeric() || matches!(c, '_' | '-' | '.')))
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn counted(n: usize, (one, many): &(String, String)) -> String {
    if n == 1 {
        one.clone()
    } else {
        format!("{n} {many}")
    }
}

/// Makes the scalars of `v` the types `shape` says, as the AWS CLI types a value written
/// as text (`--period 60`, `Name=VariantName,Value=1`) and CloudFormation converts `"60"`.
pub(crate) fn conform(v: Value, shape: Shape) -> Value {
    let pos = v.pos;
    match (shape, v.kind) {
        (Shape::Struct(members), Kind::Map(entries)) => Value {
            pos,
            kind: Kind::Map(
                entries
                    .into_iter()
                    .map(|mut e| {
                        if let Some(s) = crate::cloudformation::member(members, &e.key) {
                            e.value = conform(e.value, s);
                        }
                        e
                    })
                    .collect(),
            ),
        },
        (Shape::List(members), Kind::List(items)) => Value {
            pos,
            kind: Kind::List(
                items
                    .into_iter()
                    .map(|i| conform(i, Shape::Struct(members)))
                    .collect(),
            ),
        },
        (Shape::Struct(_) | Shape::List(_), kind) => Value { pos, kind },
        (scalar, kind) => crate::cloudformation::convert(Value { pos, kind }, scalar),
    }
}

/// Adds the alarms `found` in the text to an import of its request (`outcome`, read onto
/// `current`): the rollback alarms that refer to them are linked, the definitions merged.
/// Called by each form's importer before it offers the text's defaults.
pub(crate) fn attach(found: Found, current: &DesignDocument, outcome: &mut Outcome) {
    // The design's definitions stay, and so do the values they leave to fill in.
    restore(&mut outcome.document, current);
    if found.is_empty() {
        return;
    }
    let mut notes = found.notes.clone();
    let (defs, _) = read(&found, &mut notes);
    let doc = &mut outcome.document;
    link(doc, &defs, &mut notes);
    assess(&defs, &mut notes);
    let n = merge(doc, defs, &mut notes);
    notes.extend(found.composite_note());
    if n > 0 {
        outcome.form = format!("{} and {}", outcome.form, counted(n, &found.short));
    }
    for n in notes {
        // The form's own notes may say the same (a shell variable used by both commands).
        if !outcome.notes.contains(&n) {
            outcome.notes.push(n);
        }
    }
}

/// The import of a text that defines alarms and no request: the design's request and
/// endpoint are kept and the definitions merged into its alarms. Refused when no definition
/// reads, with the first reason (a composite alarm alone, a definition the walk refuses).
/// The caller then offers the text's defaults, as its form's importer does.
pub(crate) fn alone(found: Found, current: &DesignDocument) -> Result<Outcome, Refusal> {
    let mut notes = found.notes.clone();
    let (defs, first_error) = read(&found, &mut notes);
    if defs.is_empty() {
        if let Some(e) = first_error {
            return Err(e.into());
        }
        let (what, pos) = match found.composites.first() {
            Some((name, pos)) => (
                format!("{name} is a composite alarm: the designer defines metric alarms only (a rollback alarm may still name it)"),
                *pos,
            ),
            None => ("The text defines no metric alarm".to_string(), Pos::START),
        };
        return Err(at(pos, format!("{what}; nothing was imported")));
    }
    let mut doc = current.clone();
    link(&mut doc, &defs, &mut notes);
    assess(&defs, &mut notes);
    let n = merge(&mut doc, defs, &mut notes);
    notes.extend(found.composite_note());
    notes.insert(
        0,
        "The text defines alarms only: the design's request and endpoint are kept, and its alarm definitions are merged by AlarmName.".to_string(),
    );
    let listed: HashSet<&str> = doc
        .request
        .deployment_config
        .as_ref()
        .and_then(|d| d.auto_rollback_configuration.as_ref())
        .and_then(|a| a.alarms.as_ref())
        .into_iter()
        .flatten()
        .filter_map(|a| a.alarm_name.as_deref())
        .collect();
    let unlisted: Vec<String> = doc
        .alarms
        .iter()
        .filter_map(|a| a.alarm_name.as_deref())
        .filter(|name| !listed.contains(name))
        .map(|name| format!("`{name}`"))
        .collect();
    if !unlisted.is_empty() {
        notes.push(format!(
            "Not among the request's rollback alarms, so they roll nothing back yet: {}.",
            crate::cli::listed(&unlisted)
        ));
    }
    Ok(Outcome {
        document: doc,
        form: counted(n, &found.long),
        notes,
        choices: Vec::new(),
    })
}

fn at(pos: Pos, message: String) -> Refusal {
    ImportError {
        message: format!("{message} ({pos})"),
        line: Some(pos.line),
        column: Some(pos.column),
        path: None,
    }
    .into()
}

/// True when `text` may define CloudWatch alarms (the import of a text that defines alarms
/// and no request tries it after every other form).
pub fn detect(text: &str) -> bool {
    SIGNS.iter().any(|s| text.contains(s))
}

const SIGNS: &[&str] = &[
    "put-metric-alarm",
    "put_metric_alarm",
    "put-composite-alarm",
    "put_composite_alarm",
    "AWS::CloudWatch::Alarm",
    "AWS::CloudWatch::CompositeAlarm",
    "aws_cloudwatch_metric_alarm",
    "aws_cloudwatch_composite_alarm",
    "MetricAlarms",
    "CompositeAlarms",
    // CDK: `CfnAlarm(`, `Alarm(`, `createAlarm(`.
    "Alarm(",
    "createAlarm(",
    "create_alarm(",
];

/// Imports a text that defines alarms and no request (see [`alone`]), in whichever form it
/// is written. A text that also holds a request is its form's importer's: this declines it.
pub fn import(text: &str, current: &DesignDocument, options: &Options) -> Result<Outcome, Refusal> {
    let text = text.trim_start_matches('\u{feff}');
    if let Some(result) = crate::cdk::alarms::alone(text, current, options) {
        return result;
    }
    if text.contains("AWS::CloudWatch::") {
        if let Some(result) = crate::cloudformation::alarms::alone(text, current, options) {
            return result;
        }
    }
    if text.contains("aws_cloudwatch_") {
        if let Some(result) = crate::terraform::alarms::alone(text, current, options) {
            return result;
        }
    }
    if text.contains("put-metric-alarm") || text.contains("put-composite-alarm") {
        if let Some(result) = crate::cli::alarms::alone(text, current, options) {
            return result;
        }
    }
    if text.contains("put_metric_alarm") || text.contains("put_composite_alarm") {
        if let Some(result) = crate::python::alarms::alone(text, current, options) {
            return result;
        }
    }
    // No alarm after all: the text is read as it would be without these signs (the Python
    // reader has the most to say about a text nothing else reads).
    crate::python::import(text, current, options)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_compare_by_their_words() {
        assert_eq!(words("!Ref P99Alarm"), "Ref P99Alarm");
        assert_eq!(words("{\"Ref\": \"P99Alarm\"}"), "Ref P99Alarm");
        assert_eq!(words("Ref: P99Alarm"), "Ref P99Alarm");
        assert_eq!(
            words("{\"Fn::GetAtt\": [\"P99Alarm\", \"Arn\"]}"),
            "Fn GetAtt P99Alarm Arn"
        );
        assert_eq!(
            words("aws_cloudwatch_metric_alarm.p99[0].alarm_name"),
            "aws_cloudwatch_metric_alarm.p99.alarm_name"
        );
        assert_eq!(
            words("\"${aws_cloudwatch_metric_alarm.p99[\"a\"].alarm_name}\""),
            "aws_cloudwatch_metric_alarm.p99.alarm_name"
        );
    }
}
