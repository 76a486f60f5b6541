//! The page: one design-document signal, everything else derived from it through the core,
//! plus the effects that keep the draft in storage and open share links.

use leptos::prelude::*;

use crate::browser;
use crate::components::{
    exports::ExportsPanel, findings::FindingsPanel, form::DesignForm,
    masthead::Masthead, overview::DesignOverview, review_panel, review_panel::BaselinePanel,
    review_panel::DiffPanel, share_panel::SharePanel, timeline::TimelinePanel, when::{AfterFirstPaint, When},
};
use crate::core::{
    examples, format::sentence, import, model::DesignDocument, share,
};
use crate::state::{Designer, Notice};

/// Where the draft is kept between visits.
pub const DRAFT_KEY: &str = "sagemaker-deployment-designer.draft";
/// Where an unreadable draft is moved, so that it is not lost either.
pub const UNREADABLE_DRAFT_KEY: &str = "sagemaker-deployment-designer.unreadable-draft";

/// The design a visit starts with: the saved draft, else the default, with the stored
/// baseline; a share link in the address replaces them once the browser has inflated it
/// (see [`open_link`]). Problems are reported as a notice; nothing is thrown away.
fn initial_design() -> (DesignDocument, Option<DesignDocument>, Option<Notice>) {
    let (doc, notice) = load_draft();
    (doc, review_panel::stored_baseline(), notice)
}

/// Opens the share link in `fragment` for review (with its baseline, for a review link), or
/// says why it cannot be opened. `at_start`: the page has just loaded it (a broken link is
/// then dropped from the address, so that a reload opens the draft quietly, and the draft
/// is shown instead).
async fn open_link(
    designer: Designer,
    baseline: review_panel::Baseline,
    fragment: String,
    at_start: bool,
) {
    let opened = match share::packed_of(&fragment) {
        Ok(packed) => match browser::inflate(&packed, share::MAX_DOCUMENT_BYTES).await {
            Ok(json) => share::review_of(json),
            Err(e) => Err(e),
        },
        Err(e) => Err(e),
    };
    match opened {
        Ok((shared, shared_baseline)) => {
            designer.review.set(true);
            designer.notice.set(None);
            baseline.doc.set(shared_baseline);
            designer.replace(shared, true);
        }
        Err(e) => {
            let rest = if at_start {
                browser::clear_fragment();
                designer.review.set(false);
                designer.show_all.set(false);
                "Your own design is shown instead, unchanged."
            } else {
                "Your design is unchanged."
            };
            designer.notice.set(Some(Notice {
                kind: "error",
                text: format!(
                    "This share link could not be opened: {} {rest}",
                    sentence(&e.message())
                ),
            }));
        }
    }
}

fn load_draft() -> (DesignDocument, Option<Notice>) {
    match browser::storage_get(DRAFT_KEY) {
        Ok(Some(text)) => match import::parse_document(&text) {
            Ok(doc) => (doc, None),
            Err(e) => {
                // Keep the unreadable draft where the user can still get it back.
                let _ = browser::storage_set(UNREADABLE_DRAFT_KEY, &text);
                let text = format!(
                    "The draft saved in this browser could not be read ({}). It was kept under the storage key \"{UNREADABLE_DRAFT_KEY}\"; the example design is shown.",
                    e.message
                );
                (examples::default_design(), Some(Notice { kind: "error", text }))
            }
        },
        Ok(None) => (examples::default_design(), None),
        Err(_) => (
            examples::default_design(),
            Some(Notice {
                kind: "info",
                text: "This browser does not let the page keep a draft (storage is blocked). Use the share link or download the design document to keep your work.".into(),
            }),
        ),
    }
}

/// The whole page.
#[component]
pub fn App() -> impl IntoView {
    let (doc0, baseline0, notice0) = initial_design();
    // A share link opens in review mode; until it is inflated, the page is in review mode
    // already, so that the draft is not saved over and the form does not flash.
    let link0 = browser::fragment();
    let review0 = link0.is_some();
    let designer = Designer::new(doc0, review0, notice0);
    provide_context(designer);
    let converters = crate::converters::provide();
    crate::panels::provide(designer);
    let baseline = review_panel::provide_baseline(designer, converters, baseline0);
    crate::components::exports::provide_target_findings(designer, converters);

    // Keep the draft in storage as the user works (not while reviewing someone's link).
    let storage_failed = StoredValue::new(false);
    Effect::new(move |_| {
        if designer.review.get() {
            return;
        }
        match designer.json.with(|json| browser::storage_set(DRAFT_KEY, json)) {
            Ok(()) => storage_failed.set_value(false),
            Err(e) => {
                if !storage_failed.get_value() {
                    storage_failed.set_value(true);
                    // The load may already have said that storage is blocked.
                    if designer.notice.with_untracked(|n| n.is_some()) {
                        return;
                    }
                    let why = match e {
                        browser::StorageError::Unavailable => "storage is blocked".to_string(),
                        browser::StorageError::Refused(m) => m,
                    };
                    designer.notice.set(Some(Notice {
                        kind: "info",
                        text: format!("The draft could not be saved in this browser ({why}). Your design is still here; use the share link or download the document to keep it."),
                    }));
                }
            }
        }
    });

    if let Some(fragment) = link0 {
        leptos::task::spawn_local(open_link(designer, baseline, fragment, true));
    }
    // A share link pasted into the address bar of an open page changes only the fragment.
    let _ = window_event_listener(leptos::ev::hashchange, move |_| {
        if let Some(fragment) = browser::fragment() {
            leptos::task::spawn_local(open_link(designer, baseline, fragment, false));
        }
    });

    view! {
        <a class="skip-link" href="#main">"Skip to the designer"</a>
        <Masthead />
        <main id="main" class="layout" class:layout--review=move || designer.review.get()>
            <When when=move || designer.notice.get().is_some()>
                <div
                    class=move || format!("notice notice--{}", designer.notice.get().map(|n| n.kind).unwrap_or("info"))
                    role="alert"
                    data-testid="notice"
                >
                    <p>{move || designer.notice.get().map(|n| n.text).unwrap_or_default()}</p>
                    <button type="button" class="button button--quiet" on:click=move |_| designer.notice.set(None)>
                        "Dismiss"
                    </button>
                </div>
            </When>
            <When when=move || designer.review.get()>
                <ReviewBanner />
            </When>
            <div class="layout__columns">
                <When when=move || !designer.review.get()>
                    <section class="layout__form" aria-label="Design">
                        <DesignForm />
                    </section>
                </When>
                <div class="layout__results">
                    <DiffPanel />
                    // The form and its findings are drawn and painted first; the design's
                    // summary (shown in a review and in print), the timeline and the panels
                    // below it right after (a first frame sooner).
                    <AfterFirstPaint>
                        <DesignOverview />
                    </AfterFirstPaint>
                    <FindingsPanel />
                    <AfterFirstPaint>
                        <section class="card team-rules" aria-label="Your team's rules">
                            <crate::components::remote::RemoteSection
                                kind="rules"
                                class="team-rules__section"
                                summary="Your team's rules"
                                auto_open=Signal::derive(move || designer.doc.with(|d| d.rules.is_some()))
                            />
                        </section>
                        <TimelinePanel />
                        <ExportsPanel />
                        <When when=move || !designer.review.get()>
                            <SharePanel />
                            <section class="card import-card" aria-labelledby="import-title">
                                <h2 class="card__title" id="import-title">"Import"</h2>
                                <crate::components::remote::RemoteSection
                                    kind="import"
                                    class="import-section"
                                    summary="Paste or open what you have: a script, a CLI line, a template, an output…"
                                />
                            </section>
                            <BaselinePanel />
                        </When>
                    </AfterFirstPaint>
                </div>
            </div>
        </main>
        <footer class="footer">
            <p>
                "Runs entirely in your browser: nothing you type is sent anywhere. Limits and rules follow the SageMaker service model (botocore); the simulation's assumptions are listed beside the timeline. Not affiliated with AWS."
            </p>
            <p data-testid="offline-note">
                "Works offline after your first visit: the browser keeps this page's files. A new release is picked up on your next visit."
            </p>
        </footer>
    }
}

/// The banner of the read-only review of a shared design.
#[component]
fn ReviewBanner() -> impl IntoView {
    let designer = expect_context::<Designer>();
    let baseline = expect_context::<review_panel::Baseline>();
    let has_baseline = move || baseline.doc.with(Option::is_some);
    let edit_copy = move |_| {
        browser::clear_fragment();
        designer.review.set(false);
        designer.show_all.set(true);
    };
    view! {
        <div class="review-banner" role="region" aria-label="Shared design">
            <p>
                <strong>{move || if has_baseline() { "Reviewing a change against what runs now." } else { "Reviewing a shared design." }}</strong>
                " Read-only: your own draft is untouched. Edit a copy to change it (the copy replaces your draft)."
            </p>
            <button type="button" class="button button--primary" data-testid="review-edit-copy" on:click=edit_copy>
                "Edit a copy"
            </button>
        </div>
    }
}
