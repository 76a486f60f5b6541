//! AWS CLI `aws cloudwatch put-metric-alarm` commands, in the same script as the
//! `update-endpoint` command or alone: each command's options become a definition in
//! `PutMetricAlarm`'s spelling (`--dimensions` in the shorthand syntax or JSON, numbers
//! typed as the CLI types them, `--cli-input-json` under the options), with the shell's
//! quoting, continuations and variables read as for `update-endpoint`.
//! `put-composite-alarm` commands are noted, not imported.

use super::{
    assignments, find_operation, shell_default, Ctx, Defaulted, Lines, Piece, Shell, Word, GLOBALS,
};
use crate::cloudformation::Shape;
use crate::cloudwatch::{conform, Def, Found, METRIC_ALARM};
use crate::{Options, Outcome, Refusal};
use designer_core::import::Source;
use designer_core::model::DesignDocument;
use designer_core::value::{Entry, Kind, Value};

/// The options of `put-metric-alarm` that a definition keeps, and their members.
const FLAGS: &[(&str, &str)] = &[
    ("alarm-name", "AlarmName"),
    ("namespace", "Namespace"),
    ("metric-name", "MetricName"),
    ("dimensions", "Dimensions"),
    ("statistic", "Statistic"),
    ("extended-statistic", "ExtendedStatistic"),
    ("period", "Period"),
    ("evaluation-periods", "EvaluationPeriods"),
    ("datapoints-to-alarm", "DatapointsToAlarm"),
    ("threshold", "Threshold"),
    ("comparison-operator", "ComparisonOperator"),
    ("treat-missing-data", "TreatMissingData"),
    ("unit", "Unit"),
    ("metrics", "Metrics"),
];

/// Options that do not change when the alarm trips (their values are skipped).
const LEFT_OUT: &[&str] = &[
    "alarm-description",
    "actions-enabled",
    "no-actions-enabled",
    "ok-actions",
    "alarm-actions",
    "insufficient-data-actions",
    "evaluate-low-sample-count-percentile",
    "tags",
    "threshold-metric-id",
];

/// The alarms the script's `put-metric-alarm` commands define; `defaulted` gains the
/// names the script sets to a defaulted expansion (`EP="${EP:-ranker}"`) before them.
pub(crate) fn find(text: &str, defaulted: &mut Defaulted) -> Found {
    let mut found = Found::new(
        Source::Json,
        (
            "a `put-metric-alarm` command",
            "`put-metric-alarm` commands",
        ),
        (
            "an AWS CLI `put-metric-alarm` command",
            "AWS CLI `put-metric-alarm` commands",
        ),
    );
    if !text.contains("put-metric-alarm") && !text.contains("put-composite-alarm") {
        return found;
    }
    let lines = Lines::new(text);
    // Read once: a long script runs many commands.
    let (vars, more) = assignments(text, text.len(), &lines);
    for d in more {
        if !defaulted.contains(&d) {
            defaulted.push(d);
        }
    }
    let before = |start: usize| {
        let line = lines.pos(start).line;
        &vars[..vars.partition_point(|(_, _, l)| *l < line)]
    };
    for start in find_operation(text, "cloudwatch", "put-composite-alarm") {
        let words = words_at(text, start, &lines, before(start), &mut Vec::new());
        let name = value_of(&words, "alarm-name").map_or_else(
            || "A `put-composite-alarm` command".to_string(),
            |w| format!("`{}`", w.shown()),
        );
        found.composites.push((name, lines.pos(start)));
    }
    let mut used = Vec::new();
    for start in find_operation(text, "cloudwatch", "put-metric-alarm") {
        let words = words_at(text, start, &lines, before(start), &mut used);
        let mut cx = Ctx {
            text,
            lines: &lines,
            notes: Vec::new(),
            repairs: false,
        };
        let label = format!(
            "of the `put-metric-alarm` command at line {}",
            lines.pos(start).line
        );
        let tree = command(&mut cx, &words, &label, lines.pos(start));
        let label = label.clone();
        found.notes.append(&mut cx.notes);
        found.defs.push(Def {
            tree,
            label,
            refs: Vec::new(),
        });
    }
    for name in used {
        if let Some((_, value, line)) = vars.iter().rev().find(|(n, _, _)| *n == name) {
            let note = format!("`${name}` is `{value}`, as line {line} sets it.");
            if !found.notes.contains(&note) {
                found.notes.push(note);
            }
        }
    }
    found
}

/// The words of the command at `start`, with the variables the script set before it
/// (`vars`) filled in (their names added to `used`).
fn words_at(
    text: &str,
    start: usize,
    lines: &Lines,
    vars: &[(String, String, u32)],
    used: &mut Vec<String>,
) -> Vec<Word> {
    let mut sh = Shell {
        text,
        b: text.as_bytes(),
        i: start,
        lines,
        vars,
        used: Vec::new(),
    };
    // A quote left open ends the command where the shell would complain: what was read
    // before it still counts.
    let words = sh.words().unwrap_or_default();
    for u in sh.used {
        if !used.contains(&u) {
            used.push(u);
        }
    }
    words
}

/// The name of option `--flag` in `w` (`--flag` or `--flag=...`), and the value written
/// after its `=`.
fn flag_of(w: &Word) -> Option<(String, Option<Word>)> {
    if !w.starts_with("--") {
        return None;
    }
    let mut name = String::new();
    let mut rest = None;
    for (k, p) in w.pieces.iter().enumerate().skip(2) {
        match p {
            Piece::Char { c: '=', .. } => {
                let pieces: Vec<Piece> = w.pieces.get(k + 1..).unwrap_or_default().to_vec();
                let start = pieces.first().map_or(w.end, Piece::start);
                rest = Some(Word {
                    pieces,
                    start,
                    end: w.end,
                });
                break;
            }
            Piece::Char { c, .. } if name.len() < 100 => name.push(*c),
            _ => {}
        }
    }
    Some((name, rest))
}

/// The first value word of option `--flag`.
fn value_of<'w>(words: &'w [Word], flag: &str) -> Option<&'w Word> {
    let i = words
        .iter()
        .position(|w| flag_of(w).is_some_and(|(n, _)| n == flag))?;
    words.get(i + 1).filter(|w| !w.starts_with("--"))
}

/// One command's definition: `--cli-input-json` first, the options over it.
fn command(cx: &mut Ctx, words: &[Word], label: &str, pos: designer_core::value::Pos) -> Value {
    let at = words
        .iter()
        .position(|w| w.literal().as_deref() == Some("put-metric-alarm"))
        .unwrap_or(0);
    let first = words.get(at).map_or(0, |w| w.start);
    let mut entries: Vec<Entry> = Vec::new();
    let mut input: Vec<Entry> = Vec::new();
    let mut stray = Vec::new();
    let mut i = at + 1;
    while let Some(w) = words.get(i) {
        i += 1;
        let Some((name, inline)) = flag_of(w) else {
            stray.push(format!(
                "`{}`",
                w.shown().chars().take(40).collect::<String>()
            ));
            continue;
        };
        // The option's values: after its `=`, or the words up to the next option.
        let mut values: Vec<Word> = inline.into_iter().collect();
        if values.is_empty() {
            while let Some(v) = words.get(i).filter(|v| !v.starts_with("--")) {
                values.push(v.clone());
                i += 1;
            }
        }
        let wpos = cx.pos(w.start);
        if name == "cli-input-json" {
            if let Some(v0) = values.first() {
                match cx.structure(&name, v0, words, first) {
                    Ok(Value { kind: Kind::Map(e), .. }) => input = e,
                    Ok(_) => cx.notes.push(format!("--cli-input-json {label} ({wpos}) is not an object written out: it was not imported.")),
                    Err(r) => cx.notes.push(format!("--cli-input-json {label} was not imported: {}", r.error.message)),
                }
            }
            continue;
        }
        if LEFT_OUT.contains(&name.as_str()) || GLOBALS.iter().any(|(g, _)| *g == name) {
            continue;
        }
        let Some((_, member)) = FLAGS.iter().find(|(f, _)| *f == name) else {
            cx.notes.push(format!("`--{name}` {label} ({wpos}) is not an option of put-metric-alarm: it was not imported."));
            continue;
        };
        let Some(v0) = values.first() else {
            cx.notes.push(format!(
                "`--{name}` {label} ({wpos}) has no value: it was not imported."
            ));
            continue;
        };
        let vpos = cx.pos(v0.start);
        let value = match *member {
            "Dimensions" | "Metrics" => {
                let refs: Vec<&Word> = values.iter().collect();
                match cx.exclude(&name, &refs, words, first) {
                    Ok(v) => v,
                    Err(r) => {
                        cx.notes.push(format!(
                            "`--{name}` {label} was not imported: {}",
                            r.error.message
                        ));
                        continue;
                    }
                }
            }
            _ => cx.scalar(v0),
        };
        super::set(&mut entries, member, vpos, value);
    }
    if !stray.is_empty() {
        cx.notes.push(format!(
            "put-metric-alarm takes options only; {} {label} {} not imported.",
            super::join_and(&stray),
            if stray.len() == 1 { "was" } else { "were" }
        ));
    }
    for e in entries {
        super::set(&mut input, &e.key, e.key_pos, e.value);
    }
    conform(
        Value {
            pos,
            kind: Kind::Map(input),
        },
        Shape::Struct(METRIC_ALARM),
    )
}

/// The script's alarms alone (no `update-endpoint` command, whose importer reads the
/// alarms with it): `None` when the text has that command or no alarm.
pub(crate) fn alone(
    text: &str,
    current: &DesignDocument,
    options: &Options,
) -> Option<Result<Outcome, Refusal>> {
    if super::detect(text) {
        return None;
    }
    let mut defaulted = Vec::new();
    let found = find(text, &mut defaulted);
    if found.is_empty() {
        return None;
    }
    Some(crate::cloudwatch::alone(found, current).map(|mut outcome| {
        offer(&mut outcome, &defaulted, options);
        outcome
    }))
}

/// Offers the defaults the script gives the variables that placeholders use.
pub(crate) fn offer(outcome: &mut Outcome, defaulted: &Defaulted, options: &Options) {
    // One for each expression (a long script writes `$EP` thousands of times).
    let mut seen = std::collections::HashSet::new();
    let given: Vec<crate::defaults::Given> = outcome
        .document
        .placeholders
        .iter()
        .filter(|p| seen.insert(p.expression.as_str()))
        .filter_map(|p| shell_default(&p.expression, defaulted))
        .collect();
    crate::defaults::offer_and_say(
        outcome,
        &given,
        options,
        "Defaults the script gives its variables, for the values to fill in",
    );
}
