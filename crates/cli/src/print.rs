//! The printers of a [`Report`]: text for a terminal, JSON for scripts, SARIF 2.1.0 for
//! GitHub code scanning. Text from the files (names, messages that quote them) stays data in
//! each: JSON and SARIF through serde_json's escaping, text with control characters shown
//! as escapes, so that no file can move the cursor or colour a terminal.

use crate::check::{Level, Report};
use designer_core::rules::RULES;
use designer_team::Rules;
use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};
use serde_json::{json, Value};
use std::fmt::Write as _;

/// `s` with control characters (escape sequences, carriage returns, NUL...) as `\u{..}`,
/// line breaks kept only where `keep_newlines`.
pub fn terminal_safe(s: &str, keep_newlines: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if (c.is_control() && !(keep_newlines && c == '\n')) || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}') {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        } else {
            out.push(c);
        }
    }
    out
}

/// `file:line:column: level[rule]: message`, the explanation indented under it, then the
/// files that could not be read and a count.
pub fn text(report: &Report) -> String {
    let mut out = String::new();
    let t = |s: &str| terminal_safe(s, false);
    for f in &report.findings {
        let _ = writeln!(out, "{}:{}:{}: {}[{}]: {}", t(&f.file), f.line, f.column, f.level.as_str(), t(&f.rule), t(&f.message));
        let _ = writeln!(out, "    {}: {}", t(&f.title), t(&f.explanation));
        let _ = writeln!(out, "    at {}", t(&f.path));
    }
    for u in &report.unreadable {
        match (u.line, u.column) {
            (Some(l), Some(c)) => {
                let _ = writeln!(out, "{}:{l}:{c}: could not read: {}", t(&u.file), t(&u.reason));
            }
            _ => {
                let _ = writeln!(out, "{}: could not read: {}", t(&u.file), t(&u.reason));
            }
        }
    }
    for s in &report.skipped {
        let _ = writeln!(out, "{}: skipped: {}", t(&s.file), t(&s.reason));
    }
    for c in &report.checked {
        for n in &c.notes {
            let _ = writeln!(out, "{}: note: {}", t(&c.file), t(n));
        }
    }
    let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
    let _ = writeln!(
        out,
        "{} checked: {}, {}, {}; {} could not be read",
        plural(report.checked.len(), "file"),
        plural(report.count(Level::Error), "error"),
        plural(report.count(Level::Warning), "warning"),
        plural(report.count(Level::Note), "note"),
        plural(report.unreadable.len(), "file"),
    );
    out
}

/// The report as one JSON object: `findings`, `checked`, `unreadable`, `skipped`, `summary`.
pub fn json(report: &Report) -> String {
    let mut v = serde_json::to_value(report).unwrap_or(Value::Null);
    if let Value::Object(m) = &mut v {
        m.insert(
            "summary".to_string(),
            json!({
                "errors": report.count(Level::Error),
                "warnings": report.count(Level::Warning),
                "notes": report.count(Level::Note),
                "files_checked": report.checked.len(),
                "files_unreadable": report.unreadable.len(),
                "exit_code": report.exit_code(),
            }),
        );
    }
    serde_json::to_string_pretty(&v).unwrap_or_default() + "\n"
}

/// What a URI path keeps as it is: RFC 3986's unreserved characters and `/`.
const URI_PATH: &AsciiSet = &CONTROLS
    .add(b' ').add(b'"').add(b'#').add(b'%').add(b'<').add(b'>').add(b'?').add(b'[').add(b'\\').add(b']')
    .add(b'^').add(b'`').add(b'{').add(b'|').add(b'}').add(b':').add(b'@').add(b'!').add(b'$').add(b'&')
    .add(b'\'').add(b'(').add(b')').add(b'*').add(b'+').add(b',').add(b';').add(b'=');

/// An artifact location: relative to the checkout (`%SRCROOT%`) for a relative path, a
/// `file://` URI for an absolute one.
fn artifact(file: &str) -> Value {
    let unix = file.replace('\\', "/");
    if let Some(abs) = unix.strip_prefix('/') {
        json!({ "uri": format!("file:///{}", utf8_percent_encode(abs, URI_PATH)) })
    } else {
        json!({ "uri": utf8_percent_encode(&unix, URI_PATH).to_string(), "uriBaseId": "%SRCROOT%" })
    }
}

fn level(l: Level) -> &'static str {
    match l {
        Level::Error => "error",
        Level::Warning => "warning",
        Level::Note => "note",
    }
}

/// SARIF 2.1.0 (one run), as GitHub code scanning reads it: every registry rule and every
/// team rule in `tool.driver.rules`, each result with its `ruleIndex`, a physical location
/// with line and column and the design path as its logical location; the files that could
/// not be read are the invocation's notifications.
pub fn sarif(report: &Report, rules: Option<&Rules>) -> String {
    let mut descriptors: Vec<Value> = RULES
        .iter()
        .map(|r| {
            let l = match r.severity {
                designer_core::validate::Severity::Error => "error",
                designer_core::validate::Severity::Warning => "warning",
            };
            json!({
                "id": r.id,
                "name": format!("SageMakerDeployment{}", r.id),
                "shortDescription": { "text": r.summary },
                "fullDescription": { "text": format!("{} (source: {})", r.summary, r.source) },
                "defaultConfiguration": { "level": if r.id == "P1" { "note" } else { l } },
                "help": { "text": format!("{}\nSource: {}", r.summary, r.source) },
                "properties": { "tags": ["sagemaker", "deployment"] }
            })
        })
        .collect();
    let mut ids: Vec<String> = RULES.iter().map(|r| r.id.to_string()).collect();
    for r in rules.map(|r| r.rules.as_slice()).unwrap_or_default() {
        ids.push(format!("team:{}", r.name));
        descriptors.push(json!({
            "id": format!("team:{}", r.name),
            "name": format!("TeamRule-{}", r.name),
            "shortDescription": { "text": r.message },
            "fullDescription": { "text": format!("Your team's rule `{}`: {}", r.name, r.summary()) },
            "defaultConfiguration": { "level": r.severity.as_str() },
            "help": { "text": format!("{}\nRequires: {}", r.message, r.summary()) },
            "properties": { "tags": ["sagemaker", "deployment", "team"] }
        }));
    }
    let results: Vec<Value> = report
        .findings
        .iter()
        .map(|f| {
            let mut result = json!({
                "ruleId": f.rule,
                "level": level(f.level),
                "message": { "text": format!("{} {}: {}", f.message, f.title, f.explanation) },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": artifact(&f.file),
                        "region": { "startLine": f.line.max(1), "startColumn": f.column.max(1) }
                    },
                    "logicalLocations": [{ "fullyQualifiedName": f.path, "kind": "member" }]
                }]
            });
            if let Some(i) = ids.iter().position(|id| *id == f.rule) {
                result["ruleIndex"] = json!(i);
            }
            result
        })
        .collect();
    let notifications: Vec<Value> = report
        .unreadable
        .iter()
        .map(|u| {
            let mut region = json!({});
            if let (Some(l), Some(c)) = (u.line, u.column) {
                region = json!({ "startLine": l.max(1), "startColumn": c.max(1) });
            }
            let mut location = json!({ "physicalLocation": { "artifactLocation": artifact(&u.file) } });
            if region.as_object().is_some_and(|m| !m.is_empty()) {
                location["physicalLocation"]["region"] = region;
            }
            json!({ "level": "error", "message": { "text": format!("Could not read: {}", u.reason) }, "locations": [location] })
        })
        .collect();
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "designer",
                "fullName": "SageMaker deployment policy designer",
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "rules": descriptors
            } },
            "invocations": [{
                "executionSuccessful": true,
                "exitCode": report.exit_code(),
                "toolExecutionNotifications": notifications
            }],
            "columnKind": "unicodeCodePoints",
            "results": results
        }]
    });
    serde_json::to_string_pretty(&log).unwrap_or_default() + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_become_escapes() {
        assert_eq!(terminal_safe("a\u{1b}[31mb\r\n", false), "a\\u{1b}[31mb\\u{d}\\u{a}");
        assert_eq!(terminal_safe("x\ny", true), "x\ny");
        assert_eq!(terminal_safe("\u{202e}evil", false), "\\u{202e}evil");
    }

    #[test]
    fn artifact_uris_are_encoded() {
        assert_eq!(artifact("deploy dir/a#1.tf")["uri"], "deploy%20dir/a%231.tf");
        assert_eq!(artifact("/tmp/x y.tf")["uri"], "file:///tmp/x%20y.tf");
        assert_eq!(artifact("é.tf")["uri"], "%C3%A9.tf");
    }
}
