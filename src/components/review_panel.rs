//! The review of a change: a baseline (what runs now, pasted in any form the import takes)
//! beside the design being edited, and the semantic diff between them (`core::diff`): each
//! change tied to its field, the findings it introduces and resolves, and the rollout's
//! figures before and after. The baseline is kept with the draft and travels in the review
//! link.
//!
//! The member changes and the figures are written by the converters (the diff's sentences
//! are not in the first view); the findings introduced and resolved and the baseline's
//! simulation are worked out here, from what the page has.

use leptos::prelude::*;

use crate::state::{field_id, Designer};
use crate::browser;
use crate::components::import_panel::read_any;
use crate::components::when::When;
use crate::converters::{status_words, Converters, Status};
use crate::core::bridge::{self, DiffReply};
use crate::core::diff::{baseline as stated, findings_delta};
use crate::core::simulate::{simulate, Simulation};
use crate::core::validate::{validate, Finding};
use crate::core::{export, import, model::DesignDocument};

/// Where the baseline is kept between visits, beside the draft.
pub const BASELINE_KEY: &str = "sagemaker-deployment-designer.baseline";

/// The baseline of the review, if any (a newtype context).
#[derive(Clone, Copy)]
pub struct Baseline {
    pub doc: RwSignal<Option<DesignDocument>>,
    /// The baseline's simulation (drawn under the design's), when there is a baseline.
    pub sim: Memo<Option<Simulation>>,
    /// The diff of the design against it, when there is one.
    pub diff: Memo<Option<DiffView>>,
}

/// The diff as the page shows it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DiffView {
    /// The member changes and figures from the converters (empty while they load).
    pub reply: DiffReply,
    /// Why the changes are not shown yet (the converters loading or failed), in words.
    pub waiting: Option<String>,
    /// Findings of the design that the baseline does not have.
    pub introduced: Vec<Finding>,
    /// Findings of the baseline that the design no longer has.
    pub resolved: Vec<Finding>,
}

impl DiffView {
    /// True when the design is the baseline: nothing to review.
    pub fn is_empty(&self) -> bool {
        self.waiting.is_none()
            && self.reply.changes.is_empty()
            && self.reply.figures.iter().all(|f| !f.changed)
            && self.introduced.is_empty()
            && self.resolved.is_empty()
    }
}

/// The baseline a visit starts with: the review link's, else the one kept in storage.
pub fn stored_baseline() -> Option<DesignDocument> {
    match browser::storage_get(BASELINE_KEY) {
        Ok(Some(text)) => import::parse_document(&text).ok(),
        _ => None,
    }
}

/// Provides the baseline context and keeps it in storage (not while reviewing a link).
pub fn provide_baseline(designer: Designer, converters: Converters, initial: Option<DesignDocument>) -> Baseline {
    let doc = RwSignal::new(initial);
    // A baseline that states only part of a design (a describe output) is compared with
    // the rest taken from the design: its timeline and findings are of that.
    let compared = Memo::new(move |_| {
        doc.with(|b| b.as_ref().map(|b| designer.doc.with(|d| stated::compared(b, d).baseline)))
    });
    let sim = Memo::new(move |_| compared.with(|b| b.as_ref().map(simulate)));
    let before_findings = Memo::new(move |_| compared.with(|b| b.as_ref().map(validate)));
    // The converters answer at once when loaded; until then the diff says it is waiting
    // and is written again when their status changes.
    let diff = Memo::new(move |_| {
        let status = converters.status.get();
        doc.with(|b| {
            let b = b.as_ref()?;
            let (introduced, resolved) = before_findings
                .with(|fb| designer.findings.with(|fa| findings_delta(fb.as_deref().unwrap_or(&[]), fa)));
            let (reply, waiting) = match status {
                Status::Ready => {
                    let request = designer.doc.with(|d| bridge::diff_request(b, d));
                    match converters.call_if_ready(&request) {
                        Some(Ok(text)) => match bridge::read_diff_reply(&text) {
                            Ok(reply) => (reply, None),
                            Err(refused) => (DiffReply::default(), Some(format!("The changes could not be worked out: {}", refused.error.message))),
                        },
                        Some(Err(reason)) => (DiffReply::default(), Some(format!("The changes could not be worked out: {reason}"))),
                        None => (DiffReply::default(), status_words(&Status::Loading)),
                    }
                }
                other => (DiffReply::default(), status_words(&other).or_else(|| status_words(&Status::Loading))),
            };
            Some(DiffView { reply, waiting, introduced, resolved })
        })
    });
    // A baseline needs the converters for its changes: load them now, not at idle.
    Effect::new(move |_| {
        if doc.with(Option::is_some) && converters.status.get() == Status::Idle {
            converters.load();
        }
    });
    let baseline = Baseline { doc, sim, diff };
    provide_context(baseline);
    Effect::new(move |_| {
        let json = doc.with(|b| b.as_ref().map(export::document_json));
        if designer.review.get() {
            return;
        }
        match json {
            Some(json) => {
                let _ = browser::storage_set(BASELINE_KEY, &json);
            }
            None => browser::storage_remove(BASELINE_KEY),
        }
    });
    baseline
}

/// "Compare with what runs now": where the baseline is pasted, set and cleared.
#[component]
pub fn BaselinePanel() -> impl IntoView {
    let converters = expect_context::<Converters>();
    let baseline = expect_context::<Baseline>();
    let text = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let done = RwSignal::new(None::<String>);
    let apply = move |_| {
        // What runs now is read onto nothing, not onto the design: a describe output fills
        // what it describes, and what it does not say is marked as not stated.
        let input = text.get_untracked();
        let bare = stated::bare();
        let whole = matches!(
            import::first_read(&input, &bare),
            import::FirstRead::Read(ref r) if r.kind == import::ImportKind::Document
        );
        read_any(converters, &input, &bare, &[], move |result| match result {
            Ok(out) => {
                error.set(None);
                done.set(Some(format!(
                    "{}. It is the baseline now: the changes against it are above, under \u{201c}What changes against what runs now\u{201d}.",
                    out.form.replace("Imported", "Read")
                )));
                let doc = if whole { out.document } else { stated::mark_unstated(out.document) };
                baseline.doc.set(Some(doc));
            }
            Err(refused) => {
                done.set(None);
                error.set(Some(format!(
                    "The baseline was not set; the review is unchanged. {}",
                    crate::core::format::sentence(&refused.error.message)
                )));
            }
        });
    };
    let clear = move |_| {
        baseline.doc.set(None);
        done.set(Some("The baseline was removed.".to_string()));
        error.set(None);
    };
    view! {
        <section class="card baseline" aria-labelledby="baseline-title">
            <h2 class="card__title" id="baseline-title">"Compare with what runs now"</h2>
            <p class="card__intro">
                "Paste what runs now, as the baseline of a review: a "<code>"describe-endpoint"</code>
                " output, another design document or request, a CLI command or a template. The design you edit is the proposal; the changes between them are listed with what they do."
            </p>
            <label class="field__label" for="baseline-text">"Baseline"</label>
            <textarea
                id="baseline-text"
                class="field__input import__text"
                data-testid="baseline-input"
                rows="5"
                spellcheck="false"
                prop:value=move || text.get()
                on:input=move |ev| text.set(event_target_value(&ev))
            ></textarea>
            <div class="import__actions">
                <button type="button" class="button button--primary" data-testid="baseline-apply" on:click=apply>
                    {move || if baseline.doc.with(Option::is_some) { "Replace the baseline" } else { "Set as baseline" }}
                </button>
                <When when=move || baseline.doc.with(Option::is_some)>
                    <button type="button" class="button button--quiet" data-testid="baseline-clear" on:click=clear>
                        "Remove the baseline"
                    </button>
                </When>
            </div>
            <When when=move || error.get().is_some()>
                <p class="import__error" role="alert" data-testid="baseline-error">{move || error.get().unwrap_or_default()}</p>
            </When>
            <When when=move || done.get().is_some()>
                <p class="import__done" role="status" data-testid="baseline-done">
                    {move || done.get().unwrap_or_default()}
                    <When when=move || baseline.doc.with(Option::is_some)>
                        " "
                        <button type="button" class="link-button" data-testid="baseline-to-diff" on:click=move |_| {
                            browser::focus_id("diff-title");
                        }>"Go to the changes"</button>
                    </When>
                </p>
            </When>
        </section>
    }
}

/// The diff of the design against the baseline, when there is one.
#[component]
pub fn DiffPanel() -> impl IntoView {
    let designer = expect_context::<Designer>();
    let baseline = expect_context::<Baseline>();
    let d = baseline.diff;
    let changes = move || d.with(|d| d.as_ref().map(|d| d.reply.changes.clone()).unwrap_or_default());
    let figures = move || {
        d.with(|d| {
            d.as_ref()
                .map(|d| d.reply.figures.iter().filter(|f| f.changed).cloned().collect::<Vec<_>>())
                .unwrap_or_default()
        })
    };
    let introduced = move || d.with(|d| d.as_ref().map(|d| d.introduced.clone()).unwrap_or_default());
    let resolved = move || d.with(|d| d.as_ref().map(|d| d.resolved.clone()).unwrap_or_default());
    let empty = move || d.with(|d| d.as_ref().is_some_and(DiffView::is_empty));
    let waiting = move || d.with(|d| d.as_ref().and_then(|d| d.waiting.clone()));
    view! {
        <When when=move || d.with(Option::is_some)>
            <section class="card diff" aria-labelledby="diff-title">
                <h2 class="card__title" id="diff-title" tabindex="-1">"What changes against what runs now"</h2>
                <When when=empty>
                    <p class="diff__none" data-testid="diff-none">"No change in what the design and the baseline both state."</p>
                </When>
                <When when=move || waiting().is_some()>
                    <p class="diff__waiting" role="status">{move || waiting().unwrap_or_default()}</p>
                </When>
                <ul class="diff__list" data-testid="diff">
                    {move || changes()
                        .into_iter()
                        .map(|c| {
                            let path = c.path.clone();
                            let click_path = c.path.clone();
                            let arrow = match (&c.before, &c.after) {
                                (Some(b), Some(a)) => format!("{b} → {a}"),
                                (None, Some(a)) => format!("added: {a}"),
                                (Some(b), None) => format!("removed (was {b})"),
                                (None, None) => String::new(),
                            };
                            view! {
                                <li class=format!("diff__change diff__change--{}", c.change) data-testid="diff-change" data-path=c.path.clone() data-change=c.change.clone()>
                                    <p class="diff__head">
                                        <span class="diff__badge">{c.change.clone()}</span>
                                        " "
                                        <button type="button" class="link-button" on:click=move |_| {
                                            if !designer.review.get_untracked() {
                                                designer.touch(&click_path);
                                                browser::focus_id(&field_id(&click_path));
                                            }
                                        }>{c.label.clone()}</button>
                                        ": "
                                        <span class="diff__values">{arrow}</span>
                                    </p>
                                    <p class="diff__meaning">{c.meaning.clone()}</p>
                                    <p class="diff__path"><code>{path}</code></p>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
                <When when=move || !figures().is_empty()>
                    <table class="diff__figures">
                        <caption>"The rollout, before → after"</caption>
                        <thead><tr><th scope="col">"Figure"</th><th scope="col">"Before"</th><th scope="col">"After"</th></tr></thead>
                        <tbody>
                            {move || figures()
                                .into_iter()
                                .map(|f| view! {
                                    <tr data-testid="diff-figure"><th scope="row">{f.label.clone()}</th><td>{f.before.clone()}</td><td>{f.after.clone()}</td></tr>
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                </When>
                <When when=move || !introduced().is_empty() || !resolved().is_empty()>
                    <div class="diff__findings">
                        <ul>
                            {move || introduced()
                                .into_iter()
                                .map(|f| view! { <li class="diff__introduced" data-testid="diff-introduced" data-path=f.path.clone()>"New "{f.severity.as_str()}": "{f.explanation.clone()}</li> })
                                .collect_view()}
                            {move || resolved()
                                .into_iter()
                                .map(|f| view! { <li class="diff__resolved" data-testid="diff-resolved" data-path=f.path.clone()>"Resolved "{f.severity.as_str()}": "{f.explanation.clone()}</li> })
                                .collect_view()}
                        </ul>
                    </div>
                </When>
            </section>
        </When>
    }
}
