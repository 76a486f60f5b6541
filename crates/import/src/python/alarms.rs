//! boto3 `put_metric_alarm(...)` calls, in the same script as `update_endpoint(...)` or
//! alone: the keyword arguments are `PutMetricAlarm`'s members already, and the names they
//! use are resolved as the request's are (the same names give the same values, so a
//! rollback alarm and its definition that use one variable stay linked).
//! `put_composite_alarm(...)` calls are noted, not imported.

use super::{find_calls, Resolver, Snippet};
use crate::cloudwatch::{Def, Found};
use crate::{Options, Outcome, Refusal};
use designer_core::import::Source;
use designer_core::model::DesignDocument;
use designer_core::value::{Kind, Value};
use std::cell::RefCell;

/// The alarms the snippet's `put_metric_alarm` calls define, read as `r` reads the request.
pub(super) fn find(r: &Resolver) -> Found {
    let mut found = Found::new(
        Source::Python,
        (
            "a boto3 `put_metric_alarm` call",
            "boto3 `put_metric_alarm` calls",
        ),
        (
            "a boto3 `put_metric_alarm` call",
            "boto3 `put_metric_alarm` calls",
        ),
    );
    let s = r.s;
    if s.text.contains("put_composite_alarm") {
        for call in find_calls(s, "put_composite_alarm").unwrap_or_default() {
            let name = r
                .kwargs(&call.args, call.tok, 0, Some("put_composite_alarm"))
                .ok()
                .and_then(|e| e.into_iter().find(|e| e.key == "AlarmName"))
                .and_then(|e| match e.value.kind {
                    Kind::Str(n) => Some(format!("`{n}`")),
                    _ => None,
                })
                .unwrap_or_else(|| "The `put_composite_alarm` call".to_string());
            found.composites.push((name, call.pos));
        }
    }
    if !s.text.contains("put_metric_alarm") {
        return found;
    }
    let calls = match find_calls(s, "put_metric_alarm") {
        Ok(calls) => calls,
        Err(e) => {
            found.notes.push(format!(
                "The `put_metric_alarm` calls were not imported: {e}"
            ));
            return found;
        }
    };
    for call in calls {
        let label = format!("of the `put_metric_alarm` call at line {}", call.pos.line);
        match r.kwargs(&call.args, call.tok, 0, Some("put_metric_alarm")) {
            Ok(entries) => found.defs.push(Def {
                tree: Value {
                    pos: call.pos,
                    kind: Kind::Map(entries),
                },
                label,
                refs: Vec::new(),
            }),
            Err(e) => found
                .notes
                .push(format!("The alarm {label} was not imported: {e}")),
        }
    }
    found
}

/// The snippet's alarms alone (no `update_endpoint` call, whose importer reads the alarms
/// with it): `None` when the text has that call or no alarm.
pub(crate) fn alone(
    text: &str,
    current: &DesignDocument,
    options: &Options,
) -> Option<Result<Outcome, Refusal>> {
    if super::has_call(text) {
        return None;
    }
    let s = Snippet::new(text);
    let r = Resolver {
        s: &s,
        options,
        choices: RefCell::new(Vec::new()),
        notes: RefCell::new(Vec::new()),
        depth: std::cell::Cell::new(0),
        given: RefCell::new(Vec::new()),
    };
    let found = find(&r);
    if found.is_empty() {
        return None;
    }
    Some(crate::cloudwatch::alone(found, current).map(|mut outcome| {
        outcome.notes.extend(r.notes.into_inner());
        outcome.choices = r.choices.into_inner();
        crate::defaults::offer_and_say(
            &mut outcome,
            &r.given.into_inner(),
            options,
            "Defaults the script gives its environment variables, for the values to fill in",
        );
        outcome
    }))
}
