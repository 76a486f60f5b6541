//! The share link: the whole design, compressed, in the URL fragment (never sent to a
//! server: browsers do not send fragments).

use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::browser;
use crate::components::review_panel::Baseline;
use crate::core::share;
use crate::state::Designer;

/// The share panel.
#[component]
pub fn SharePanel() -> impl IntoView {
    let designer = expect_context::<Designer>();
    let base = browser::page_address();
    let baseline = expect_context::<Baseline>();
    // With a baseline, the link is a review link: it carries both designs.
    let link = Memo::new(move |_| {
        let fragment = baseline
            .doc
            .with(|b| designer.doc.with(|d| share::encode_review(d, b.as_ref())));
        format!("{base}#{fragment}")
    });
    let copied = RwSignal::new("");
    let copy = move |_| {
        let value = link.get_untracked();
        spawn_local(async move {
            let ok = browser::copy_text(value).await;
            copied.set(if ok {
                "Link copied."
            } else {
                "The browser refused the clipboard; select the link and copy it."
            });
            gloo_timers::future::sleep(Duration::from_millis(2000)).await;
            copied.set("");
        });
    };
    view! {
        <section class="card share" aria-labelledby="share-title">
            <h2 class="card__title" id="share-title">"Share for review"</h2>
            <p class="card__intro">
                "The link holds the whole design in its fragment (after the #), compressed. Browsers never send the fragment to a server: whoever opens it sees a read-only review."
            </p>
            <label class="field__label" for="share-link">"Share link"</label>
            <div class="share__row">
                <input
                    id="share-link"
                    class="field__input share__link"
                    type="text"
                    readonly
                    data-testid="share-link"
                    prop:value=move || link.get()
                    on:focus=move |ev| {
                        if let Some(input) = ev.target().and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlInputElement>(t).ok()) {
                            input.select();
                        }
                    }
                />
                <button type="button" class="button" data-testid="share-copy" on:click=copy>"Copy link"</button>
            </div>
            <p class="share__meta">
                <span role="status" aria-live="polite">{move || copied.get()}</span>
                " "
                <span>{move || format!("{} characters", link.with(|l| l.len()))}</span>
            </p>
        </section>
    }
}
