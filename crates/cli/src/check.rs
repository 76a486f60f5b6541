//! `designer check`: every file under the paths that mentions the endpoint API is imported
//! as the page imports a paste, validated, simulated and held to the team's rules; each
//! finding is placed at the line and column of the member it concerns (the core's walk
//! records where it read each member, `designer_core::import::with_positions`). The result
//! is one [`Report`] that every printer writes.

use crate::scan::{self, Contents, Found};
use designer_core::import::with_positions;
use designer_core::model::DesignDocument;
use designer_core::rules::rule_of;
use designer_core::simulate::simulate;
use designer_core::validate::{validate, Severity};
use designer_core::value::Pos;
use designer_team::Rules;
use serde::Serialize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// How much a finding matters to the exit code and to code scanning.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Error,
    Warning,
    /// Said, but not held against the file: a value the text leaves to a variable (P1),
    /// which only has a value when the file is deployed.
    Note,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Error => "error",
            Level::Warning => "warning",
            Level::Note => "note",
        }
    }
}

/// One finding, AWS's or the team's, placed in a file.
#[derive(Clone, Debug, Serialize)]
pub struct Finding {
    pub file: String,
    pub line: u32,
    pub column: u32,
    /// `S2`, `A1`, `team:prod-canary-max`.
    pub rule: String,
    pub level: Level,
    /// The registry's summary of the rule, or "your team's rule `name`".
    pub title: String,
    /// AWS's message, or the team's.
    pub message: String,
    /// With the design's numbers.
    pub explanation: String,
    /// The design path (botocore style).
    pub path: String,
}

/// A file that was read as a design.
#[derive(Clone, Debug, Serialize)]
pub struct Checked {
    pub file: String,
    /// The form recognised: "a Terraform `aws_sagemaker_endpoint` block".
    pub form: String,
    /// The simulated rollout in a line.
    pub rollout: String,
    pub notes: Vec<String>,
}

/// A file that mentions the endpoint API but could not be read as a design (or at all).
#[derive(Clone, Debug, Serialize)]
pub struct Unreadable {
    pub file: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<u32>,
    pub reason: String,
}

/// Something passed over that the user may want to know (a symlink loop).
#[derive(Clone, Debug, Serialize)]
pub struct Skipped {
    pub file: String,
    pub reason: String,
}

/// Everything `check` found.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Report {
    pub findings: Vec<Finding>,
    pub checked: Vec<Checked>,
    pub unreadable: Vec<Unreadable>,
    pub skipped: Vec<Skipped>,
}

impl Report {
    /// 1 when any finding is an error; else 2 when a file could not be read; else 0.
    /// Errors come first: a design AWS refuses (or the team forbids) is what a gate is for,
    /// and the unreadable files are listed in the output either way.
    pub fn exit_code(&self) -> i32 {
        if self.findings.iter().any(|f| f.level == Level::Error) {
            1
        } else if !self.unreadable.is_empty() {
            2
        } else {
            0
        }
    }

    pub fn count(&self, level: Level) -> usize {
        self.findings.iter().filter(|f| f.level == level).count()
    }
}

/// How a path is shown: as given on the command line (lossy only for bytes that are not
/// UTF-8, which the printers then show as U+FFFD).
pub fn shown(path: &Path) -> String {
    let s = path.to_string_lossy();
    match s.strip_prefix("./") {
        Some(rest) => rest.to_string(),
        None => s.into_owned(),
    }
}

/// How `check` reads files.
#[derive(Clone, Copy, Debug)]
pub struct Settings {
    /// Read files that ignore files leave out.
    pub no_ignore: bool,
    /// Leave the defaults a text gives (Terraform variable defaults, CloudFormation
    /// parameter defaults, `os.environ.get(..., default)`) unfilled: by default they are
    /// filled in, as what is deployed unless overridden, so the numbers can be checked.
    pub leave_defaults: bool,
}

/// Checks every file under `roots`.
pub fn run(roots: &[PathBuf], rules: Option<&Rules>, settings: Settings) -> Report {
    let mut report = Report::default();
    let mut files = Vec::new();
    for found in scan::walk(roots, settings.no_ignore) {
        match found {
            Found::File(p) => files.push(p),
            Found::Trouble { path, reason, fatal: true } => {
                report.unreadable.push(Unreadable { file: shown(&path), line: None, column: None, reason })
            }
            Found::Trouble { path, reason, fatal: false } => report.skipped.push(Skipped { file: shown(&path), reason }),
        }
    }
    // The files are independent: split across the machine's cores, results kept in order.
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 8);
    let chunk = files.len().div_ceil(threads).max(1);
    let results: Vec<FileResult> = std::thread::scope(|s| {
        let handles: Vec<_> = files.chunks(chunk).map(|part| s.spawn(move || part.iter().map(|p| check_file(p, rules, settings)).collect::<Vec<_>>())).collect();
        handles.into_iter().flat_map(|h| h.join().unwrap_or_default()).collect()
    });
    for r in results {
        match r {
            FileResult::Pass => {}
            FileResult::Unreadable(u) => report.unreadable.push(u),
            FileResult::Checked(c, mut findings) => {
                report.checked.push(c);
                report.findings.append(&mut findings);
            }
        }
    }
    report
}

enum FileResult {
    Pass,
    Unreadable(Unreadable),
    Checked(Checked, Vec<Finding>),
}

/// The import's options: the defaults a text gives filled in unless `leave_defaults`.
pub fn import_options(leave_defaults: bool) -> designer_import::Options {
    designer_import::Options { choices: vec![(designer_import::defaults::CHOICE.to_string(), usize::from(!leave_defaults))] }
}

fn check_file(path: &Path, rules: Option<&Rules>, settings: Settings) -> FileResult {
    let file = shown(path);
    let (text, read_note, prose) = match scan::read(path) {
        Contents::Pass => return FileResult::Pass,
        Contents::Unreadable(reason) => return FileResult::Unreadable(Unreadable { file, line: None, column: None, reason }),
        Contents::Text(t, note) => (t, note, false),
        Contents::Prose(t) => (t, None, true),
    };
    // An importer that panicked on some text would end the whole run: one file's failure
    // is that file's, said as such.
    let imported = std::panic::catch_unwind(|| {
        with_positions(|| designer_import::import(&text, &DesignDocument::default(), &import_options(settings.leave_defaults)))
    });
    let (outcome, positions) = match imported {
        Ok((Ok(outcome), positions)) => (outcome, positions),
        Ok((Err(_), _)) if prose => return FileResult::Pass,
        Ok((Err(refusal), _)) => {
            let e = refusal.error;
            return FileResult::Unreadable(Unreadable { file, line: e.line, column: e.column, reason: e.message });
        }
        Err(_) => {
            return FileResult::Unreadable(Unreadable {
                file,
                line: None,
                column: None,
                reason: "the designer's import failed on this text (a bug: please report it with the file)".to_string(),
            })
        }
    };
    let doc = &outcome.document;
    // The first place of a path is the text's own (see `with_positions`).
    let mut at: HashMap<&str, Pos> = HashMap::with_capacity(positions.len());
    for (p, pos) in &positions {
        at.entry(p.as_str()).or_insert(*pos);
    }
    let fleet_given = positions.iter().any(|(p, _)| p.starts_with("Endpoint."));
    let mut notes: Vec<String> = read_note.into_iter().collect();
    notes.extend(outcome.notes.iter().cloned());
    for c in &outcome.choices {
        let Some(o) = c.options.get(c.chosen) else { continue };
        // A question (fill in the defaults?) is answered by the import's own note.
        if c.question.is_none() {
            notes.push(format!("`{}` is set in {} places; checked as at line {} ({})", c.name, c.options.len(), o.line, o.label));
        }
    }
    if !fleet_given {
        notes.push(
            "the fleet is not in this file: the rollout is simulated on the designer's default (4 × ml.m5.xlarge), and findings about the fleet itself are left out"
                .to_string(),
        );
    }
    let place = |path: &str| -> Pos {
        let mut p = path;
        loop {
            if let Some(pos) = at.get(p) {
                return *pos;
            }
            match p.rfind(['.', '[']) {
                Some(i) => p = &p[..i],
                None => return Pos::START,
            }
        }
    };
    let mut findings = Vec::new();
    for f in validate(doc) {
        if !fleet_given && f.path.starts_with("Endpoint.") {
            continue;
        }
        let placeholder = (f.rule == "P1").then(|| doc.placeholders.iter().find(|p| p.path == f.path)).flatten();
        let pos = match placeholder {
            Some(ph) => Pos { line: ph.line.unwrap_or(1), column: ph.column.unwrap_or(1) },
            None => place(&f.path),
        };
        findings.push(Finding {
            file: file.clone(),
            line: pos.line,
            column: pos.column,
            rule: f.rule.to_string(),
            level: match (f.rule, f.severity) {
                ("P1", _) => Level::Note,
                (_, Severity::Error) => Level::Error,
                (_, Severity::Warning) => Level::Warning,
            },
            title: rule_of(f.rule).map_or_else(String::new, |r| r.summary.to_string()),
            message: f.aws_message,
            explanation: f.explanation,
            path: f.path,
        });
    }
    if let Some(rules) = rules {
        for f in designer_team::check(rules, doc) {
            if !fleet_given && f.path.starts_with("Endpoint.") {
                continue;
            }
            let pos = place(&f.path);
            findings.push(Finding {
                file: file.clone(),
                line: pos.line,
                column: pos.column,
                rule: f.id(),
                level: match f.severity {
                    Severity::Error => Level::Error,
                    Severity::Warning => Level::Warning,
                },
                title: f.title(),
                message: f.message,
                explanation: f.explanation,
                path: f.path,
            });
        }
    }
    findings.sort_by_key(|f| (f.line, f.column));
    let sim = simulate(doc);
    let rollout = format!(
        "{}: {} s, peak {} instances, {:.1} instance-hours ({})",
        sim.strategy.label(),
        sim.summary.total_seconds,
        sim.summary.peak_instances,
        sim.summary.instance_hours,
        sim.summary.outcome.as_str()
    );
    FileResult::Checked(Checked { file, form: outcome.form, rollout, notes }, findings)
}
