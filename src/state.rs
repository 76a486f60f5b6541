//! The page's shared state: the `Designer` context that the app provides and every component
//! reads, and the small helpers that go with it (which findings show, field ids). Kept apart
//! from `app.rs`, so that the components depend on the state and not on the page that holds them.

use std::collections::HashSet;

use leptos::prelude::*;

use crate::core::{
    edit, export,
    history::{History, Kept},
    model::{DesignDocument, Strategy},
    simulate::{simulate, Simulation},
    validate::{validate, Finding},
};

/// A message for the banner at the top of the page.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    /// `error` or `info`: how it looks.
    pub kind: &'static str,
    pub text: String,
}

/// The page's shared state (a newtype context, as the Leptos book's global-state chapter shows).
#[derive(Clone, Copy)]
pub struct Designer {
    /// The design being edited: the one source of truth.
    pub doc: RwSignal<DesignDocument>,
    /// Its findings.
    pub findings: Memo<Vec<Finding>>,
    /// The same findings as the fields read them (see `firewall`): a keystroke that leaves the
    /// findings as they were does not reach the hundreds of fields that show them.
    pub field_findings: Signal<Vec<Finding>>,
    /// Its simulated deployment.
    pub sim: Memo<Simulation>,
    /// Its design document JSON, written once per change for the draft and the export tab.
    pub json: Memo<String>,
    /// Field paths the user has touched (their findings are shown beside them).
    pub touched: RwSignal<HashSet<String>>,
    /// Show every finding beside its field, touched or not (set by "show all" and by imports).
    pub show_all: RwSignal<bool>,
    /// A shared link is open read-only.
    pub review: RwSignal<bool>,
    /// The banner message, if any.
    pub notice: RwSignal<Option<Notice>>,
    /// The timeline's playhead, in simulated seconds.
    pub playhead: RwSignal<f64>,
    /// Undo and redo of every change to the design.
    history: StoredValue<History>,
    /// Whether there is something to undo and to redo (for the buttons).
    pub can_undo: RwSignal<bool>,
    pub can_redo: RwSignal<bool>,
    /// Each strategy's policy as the user left it (switching back restores it).
    kept: StoredValue<Kept>,
    /// Set by [`Designer::replace`] until the next change is taken: whether it showed every
    /// finding. The panels module tells the page so (an import there is a replacement).
    pub replaced: StoredValue<Option<bool>>,
}

impl Designer {
    /// The state of a page (or of the panels module, `crates/panels`) that starts on `doc`:
    /// its findings, simulation and JSON derived from it. `review`: a shared link is open.
    pub fn new(doc: DesignDocument, review: bool, notice: Option<Notice>) -> Self {
        let doc = RwSignal::new(doc);
        let findings = Memo::new(move |_| doc.with(validate));
        Designer {
            doc,
            findings,
            field_findings: firewall(move || findings.get()),
            sim: Memo::new(move |_| doc.with(simulate)),
            json: Memo::new(move |_| doc.with(export::document_json)),
            touched: RwSignal::new(HashSet::new()),
            show_all: RwSignal::new(review),
            review: RwSignal::new(review),
            notice: RwSignal::new(notice),
            playhead: RwSignal::new(0.0),
            history: StoredValue::new(History::default()),
            can_undo: RwSignal::new(false),
            can_redo: RwSignal::new(false),
            kept: StoredValue::new(Kept::default()),
            replaced: StoredValue::new(None),
        }
    }

    /// Sets the design to `doc` as one step of undo (`group`: it may join the step of an
    /// edit made just before, as typing does).
    fn change(&self, doc: DesignDocument, group: bool) {
        let before = self.doc.get_untracked();
        self.history.update_value(|h| h.record(&before, js_sys::Date::now(), group));
        self.doc.set(doc);
        self.history_flags();
    }

    fn history_flags(&self) {
        let (undo, redo) = self.history.with_value(|h| (h.can_undo(), h.can_redo()));
        if self.can_undo.get_untracked() != undo {
            self.can_undo.set(undo);
        }
        if self.can_redo.get_untracked() != redo {
            self.can_redo.set(redo);
        }
    }

    /// Goes back one step; false when there is none.
    pub fn undo(&self) -> bool {
        let back = self.doc.with_untracked(|d| self.history.try_update_value(|h| h.undo(d)).flatten());
        let done = back.is_some();
        if let Some(doc) = back {
            self.doc.set(doc);
        }
        self.history_flags();
        done
    }

    /// Goes forward again after an undo; false when there is nothing to redo.
    pub fn redo(&self) -> bool {
        let again = self.doc.with_untracked(|d| self.history.try_update_value(|h| h.redo(d)).flatten());
        let done = again.is_some();
        if let Some(doc) = again {
            self.doc.set(doc);
        }
        self.history_flags();
        done
    }

    /// Switches the strategy, restoring the values it had when the user left it.
    pub fn switch_strategy(&self, to: Strategy) {
        let mut doc = self.doc.get_untracked();
        self.kept.update_value(|k| k.switch(&mut doc, to));
        edit::settle_placeholders(&mut doc);
        self.change(doc, false);
    }

    /// Takes a design edited elsewhere (the panels module) as an edit of this one.
    pub fn take_edit(&self, doc: DesignDocument) {
        self.change(doc, true);
    }

    /// Applies an edit to the design.
    pub fn edit(&self, f: impl FnOnce(&mut DesignDocument)) {
        let mut doc = self.doc.get_untracked();
        f(&mut doc);
        // A value typed where an import left a placeholder fills it.
        edit::settle_placeholders(&mut doc);
        self.change(doc, true);
    }

    /// Replaces the whole design (import, example, new design, share link).
    pub fn replace(&self, doc: DesignDocument, show_findings: bool) {
        self.touched.set(HashSet::new());
        self.show_all.set(show_findings);
        self.playhead.set(0.0);
        self.replaced.set_value(Some(show_findings));
        self.change(doc, false);
    }

    /// Marks a field as touched.
    pub fn touch(&self, path: &str) {
        if !self.touched.with_untracked(|t| t.contains(path)) {
            self.touched.update(|t| {
                t.insert(path.to_string());
            });
        }
    }

    /// True when findings at `finding_path` are shown beside their field.
    pub fn finding_visible(&self, finding_path: &str) -> bool {
        if self.show_all.get() {
            return true;
        }
        self.touched
            .with(|t| t.iter().any(|p| related(p, finding_path)))
    }
}

/// A signal that follows `f` but tells its readers only when the value really changed.
///
/// A memo would re-run to the same value too, but Leptos first marks every reader of a changed
/// source, and their readers, to be checked: on a 20-variant design each keystroke walked
/// hundreds of fields that way. Behind this signal the walk stops at one effect, which runs
/// in the same task (a microtask) and sets the signal only on a change.
pub fn firewall<T>(f: impl Fn() -> T + 'static) -> Signal<T>
where
    T: Clone + PartialEq + Send + Sync + 'static,
{
    let out = RwSignal::new(untrack(&f));
    Effect::new(move |_| {
        let v = f();
        if out.with_untracked(|o| *o != v) {
            out.set(v);
        }
    });
    out.into()
}

/// True when one path contains the other (`a` is `b`, or an ancestor or descendant of it).
pub fn related(a: &str, b: &str) -> bool {
    fn inside(child: &str, parent: &str) -> bool {
        child.len() > parent.len()
            && child.starts_with(parent)
            && matches!(child.as_bytes().get(parent.len()), Some(b'.') | Some(b'['))
    }
    a == b || inside(a, b) || inside(b, a)
}

/// The id of the input that edits `path` (for labels, aria and the summary's links).
pub fn field_id(path: &str) -> String {
    let mut id = String::with_capacity(path.len() + 2);
    id.push_str("f-");
    for c in path.chars() {
        id.push(if c.is_ascii_alphanumeric() { c } else { '-' });
    }
    id
}
