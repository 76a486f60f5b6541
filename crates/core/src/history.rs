//! Undo and redo of design changes, and the values a strategy had before the user switched
//! away from it. Plain data: the page keeps one [`History`] and one [`Kept`] and passes the
//! clock in, so the grouping is tested natively.

use crate::edit;
use crate::model::{BlueGreenUpdatePolicy, DesignDocument, RollingUpdatePolicy, Strategy};

/// Edits closer together than this are one step of undo (typing a name is one step, not one
/// per character).
pub const GROUP_MS: f64 = 1000.0;
/// The most steps kept; the oldest go first.
pub const LIMIT: usize = 100;

/// The designs before (and, after an undo, after) the current one.
#[derive(Clone, Debug, Default)]
pub struct History {
    past: Vec<DesignDocument>,
    future: Vec<DesignDocument>,
    /// When the last edit was recorded; `None` after an undo, a redo or a replacement, so
    /// that the next edit starts a step of its own.
    last_ms: Option<f64>,
}

impl History {
    /// Records that the design was `before` when a change was made at `now_ms`. `group`:
    /// the change may join the step of an edit made just before it (typing); a replacement
    /// (an import, an example) is always a step of its own.
    pub fn record(&mut self, before: &DesignDocument, now_ms: f64, group: bool) {
        let joins = group && self.last_ms.is_some_and(|t| (0.0..GROUP_MS).contains(&(now_ms - t)));
        // No comparison of designs here: the page's first view would carry a deep
        // `PartialEq` of the whole document for it.
        if !joins {
            self.past.push(before.clone());
            if self.past.len() > LIMIT {
                self.past.remove(0);
            }
        }
        self.future.clear();
        self.last_ms = if group { Some(now_ms) } else { None };
    }

    /// The design before `current`, if any; `current` becomes redoable.
    pub fn undo(&mut self, current: &DesignDocument) -> Option<DesignDocument> {
        let before = self.past.pop()?;
        self.future.push(current.clone());
        self.last_ms = None;
        Some(before)
    }

    /// The design an undo left, if any; `current` becomes undoable again.
    pub fn redo(&mut self, current: &DesignDocument) -> Option<DesignDocument> {
        let after = self.future.pop()?;
        self.past.push(current.clone());
        self.last_ms = None;
        Some(after)
    }

    pub fn can_undo(&self) -> bool {
        !self.past.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.future.is_empty()
    }
}

/// Each strategy's policy as it was when the user switched away from it, so that switching
/// back restores the tuned bake, sizes, termination wait and timeout instead of defaults.
#[derive(Clone, Debug, Default)]
pub struct Kept {
    policies: Vec<(Strategy, Option<BlueGreenUpdatePolicy>, Option<RollingUpdatePolicy>)>,
}

impl Kept {
    /// Switches `doc` to `to`, keeping the policy it leaves and restoring the one `to` had.
    pub fn switch(&mut self, doc: &mut DesignDocument, to: Strategy) {
        let from = doc.request.strategy();
        if from == to {
            return;
        }
        let dc = doc.request.deployment_config.as_ref();
        let leaving = (
            from,
            dc.and_then(|d| d.blue_green_update_policy.clone()),
            dc.and_then(|d| d.rolling_update_policy.clone()),
        );
        self.policies.retain(|(s, ..)| *s != from);
        self.policies.push(leaving);
        match self.policies.iter().find(|(s, ..)| *s == to).cloned() {
            // Only a policy that still selects `to` (the design may have changed since).
            Some((_, bg, rolling)) if to != Strategy::Default => {
                let config = edit::deployment_config(doc);
                config.blue_green_update_policy = bg;
                config.rolling_update_policy = rolling;
                if doc.request.strategy() != to {
                    edit::set_strategy(doc, to);
                }
                edit::tidy(doc);
            }
            _ => edit::set_strategy(doc, to),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::examples::default_design;
    use crate::model::CapacitySize;

    fn named(name: &str) -> DesignDocument {
        let mut d = default_design();
        d.request.endpoint_name = Some(name.to_string());
        d
    }

    #[test]
    fn typing_is_one_step_and_a_pause_starts_another() {
        let mut h = History::default();
        let (a, b, c, d) = (named("a"), named("ab"), named("abc"), named("abcd"));
        h.record(&a, 0.0, true);
        h.record(&b, 300.0, true);
        h.record(&c, 600.0, true);
        // A pause: the next keystroke is a step of its own.
        h.record(&c, 5000.0, true);
        assert_eq!(h.undo(&d), Some(c.clone()));
        assert_eq!(h.undo(&c), Some(a.clone()), "the typing before the pause is one step");
        assert!(!h.can_undo());
        assert_eq!(h.redo(&a), Some(c.clone()));
        assert_eq!(h.redo(&c), Some(d.clone()));
        assert!(!h.can_redo());
    }

    #[test]
    fn a_replacement_is_always_its_own_step_and_an_edit_clears_redo() {
        let mut h = History::default();
        let (a, b, c) = (named("a"), named("b"), named("c"));
        h.record(&a, 0.0, true);
        h.record(&b, 10.0, false);
        assert_eq!(h.undo(&c), Some(b.clone()));
        assert!(h.can_redo());
        h.record(&b, 20.0, true);
        assert!(!h.can_redo(), "a new edit drops what was undone");
        assert_eq!(h.undo(&c), Some(b.clone()));
        assert_eq!(h.undo(&b), Some(a));
    }

    #[test]
    fn the_history_keeps_at_most_its_limit() {
        let mut h = History::default();
        for i in 0..LIMIT + 20 {
            h.record(&named(&i.to_string()), i as f64 * 10_000.0, true);
        }
        let mut n = 0;
        let mut cur = named("now");
        while let Some(prev) = h.undo(&cur) {
            cur = prev;
            n += 1;
        }
        assert_eq!(n, LIMIT);
        assert_eq!(cur, named("20"), "the oldest steps went first");
    }

    #[test]
    fn switching_back_restores_the_tuned_policy() {
        let mut doc = default_design();
        let mut kept = Kept::default();
        kept.switch(&mut doc, Strategy::Canary);
        {
            let bg = edit::blue_green(&mut doc);
            bg.termination_wait_in_seconds = Some(900);
            bg.maximum_execution_timeout_in_seconds = Some(7200);
            let r = bg.traffic_routing_configuration.as_mut().unwrap();
            r.wait_interval_in_seconds = Some(1200);
            r.canary_size = Some(CapacitySize::percent(5));
        }
        let tuned = doc.request.deployment_config.clone();
        kept.switch(&mut doc, Strategy::Rolling);
        assert_eq!(doc.request.strategy(), Strategy::Rolling);
        kept.switch(&mut doc, Strategy::Canary);
        assert_eq!(doc.request.deployment_config, tuned, "the canary comes back as it was tuned");
        // And the rolling policy as it was left.
        edit::rolling(&mut doc);
        kept.switch(&mut doc, Strategy::Rolling);
        assert_eq!(doc.request.strategy(), Strategy::Rolling);
    }

    #[test]
    fn a_strategy_never_used_starts_from_the_defaults() {
        let mut doc = default_design();
        let mut kept = Kept::default();
        let mut plain = doc.clone();
        kept.switch(&mut doc, Strategy::Linear);
        edit::set_strategy(&mut plain, Strategy::Linear);
        assert_eq!(doc, plain);
    }
}
