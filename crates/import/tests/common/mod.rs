//! What every importer's test file needs: its fixtures, a text that must import (or must be
//! refused) read onto a design, and the placeholders an import left, with their places.
// Each test file is its own crate and uses some of these.
#![allow(dead_code)]

use designer_core::model::{
    Alarm, BlueGreenUpdatePolicy, DesignDocument, TrafficRoutingConfig, UpdateEndpointInput,
};
use designer_import::{import, Options, Outcome, Refusal};

/// The text of `tests/fixtures/<path>`.
pub fn fixture(path: &str) -> String {
    let path = format!("{}/tests/fixtures/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Imports `text` onto `current` with `options`; a refusal fails the test with its message.
pub fn read_full(text: &str, current: &DesignDocument, options: &Options) -> Outcome {
    match import(text, current, options) {
        Ok(o) => o,
        Err(r) => panic!("refused: {}", r.error.message),
    }
}

/// Imports `text` onto `current`.
pub fn read_onto(text: &str, current: &DesignDocument) -> Outcome {
    read_full(text, current, &Options::default())
}

/// Imports `text` onto an empty design.
pub fn read(text: &str) -> Outcome {
    read_onto(text, &DesignDocument::default())
}

/// Imports `text` onto an empty design with `options` (the user's picks among choices).
pub fn read_with(text: &str, options: &Options) -> Outcome {
    read_full(text, &DesignDocument::default(), options)
}

/// The refusal of `text`; an import fails the test with what was imported.
pub fn refusal(text: &str) -> Refusal {
    match import(text, &DesignDocument::default(), &Options::default()) {
        Ok(o) => panic!("imported as {}: {:?}", o.form, o.document.request),
        Err(r) => r,
    }
}

/// The message of the refusal of `text`.
pub fn refused(text: &str) -> String {
    refusal(text).error.message
}

/// The request a JSON text in the `--cli-input-json` form gives, as the core reads it.
pub fn request(json: &str) -> UpdateEndpointInput {
    designer_core::import::import_json(json, &DesignDocument::default())
        .unwrap_or_else(|e| panic!("expected request does not read: {e}"))
        .document
        .request
}

/// The request's blue/green policy; the test fails when it has none.
pub fn blue_green(r: &UpdateEndpointInput) -> &BlueGreenUpdatePolicy {
    r.deployment_config
        .as_ref()
        .and_then(|d| d.blue_green_update_policy.as_ref())
        .expect("a blue/green policy")
}

/// The request's traffic routing; the test fails when it has none.
pub fn routing(r: &UpdateEndpointInput) -> &TrafficRoutingConfig {
    blue_green(r)
        .traffic_routing_configuration
        .as_ref()
        .expect("a traffic routing configuration")
}

/// The request's rollback alarms; the test fails when it has none.
pub fn alarms(r: &UpdateEndpointInput) -> &[Alarm] {
    r.deployment_config
        .as_ref()
        .and_then(|d| d.auto_rollback_configuration.as_ref())
        .and_then(|a| a.alarms.as_deref())
        .expect("rollback alarms")
}

/// (path, expression, line, column) of every placeholder.
pub fn placeholders(o: &Outcome) -> Vec<(String, String, u32, u32)> {
    o.document
        .placeholders
        .iter()
        .map(|p| (p.path.clone(), p.expression.clone(), p.line.unwrap_or(0), p.column.unwrap_or(0)))
        .collect()
}

/// One expected entry of [`placeholders`].
pub fn ph(path: &str, expr: &str, line: u32, column: u32) -> (String, String, u32, u32) {
    (path.to_string(), expr.to_string(), line, column)
}

/// (path, expression, line) of every placeholder.
pub fn held(o: &Outcome) -> Vec<(String, String, u32)> {
    o.document
        .placeholders
        .iter()
        .map(|p| (p.path.clone(), p.expression.clone(), p.line.unwrap_or(0)))
        .collect()
}

/// One expected entry of [`held`].
pub fn hole(path: &str, expr: &str, line: u32) -> (String, String, u32) {
    (path.to_string(), expr.to_string(), line)
}

/// A small fixed-seed random source (xorshift), so the fuzz cases are the same every run and
/// a failure replays.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A number below `n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % (n.max(1) as u64)).unwrap_or(0)
    }
}

/// Deletes, duplicates or inserts (one of `pieces`) characters of `text`, one to four times.
pub fn mutate(text: &str, rng: &mut Rng, pieces: &[&str]) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for _ in 0..=rng.below(4) {
        let at = rng.below(chars.len() + 1);
        match rng.below(4) {
            0 if at < chars.len() => {
                let n = (rng.below(8) + 1).min(chars.len() - at);
                chars.drain(at..at + n);
            }
            1 if at < chars.len() => {
                let n = (rng.below(40) + 1).min(chars.len() - at);
                let copy: Vec<char> = chars[at..at + n].to_vec();
                let to = rng.below(chars.len() + 1);
                chars.splice(to..to, copy);
            }
            _ => {
                let piece = pieces[rng.below(pieces.len())];
                chars.splice(at..at, piece.chars());
            }
        }
    }
    chars.into_iter().collect()
}

/// The label of the "fill in the defaults" option `o` offers, after checking that it offers
/// defaults for `n` values, names each of `shown` and leaves out each of `absent`.
pub fn defaults_offered(o: &Outcome, n: usize, shown: &[&str], absent: &[&str]) -> String {
    let choice = o
        .choices
        .iter()
        .find(|c| c.name == "defaults")
        .unwrap_or_else(|| panic!("no defaults offered: {:?}", o.choices));
    let values = if n == 1 { "1 value".to_string() } else { format!("{n} values") };
    assert_eq!(
        choice.question.as_deref(),
        Some(format!("The text gives defaults for {values} to fill in:").as_str())
    );
    assert_eq!(choice.chosen, 0, "the defaults are not filled in unasked");
    let label = choice.options[1].label.clone();
    for s in shown {
        assert!(label.contains(s), "{s} not in {label}");
    }
    for s in absent {
        assert!(!label.contains(s), "{s} in {label}");
    }
    label
}
