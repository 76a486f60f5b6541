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
    // With a baseline, the link is a review link: it carries both designs. The browser
    // compresses (asynchronously, within a few microtasks of each change), so the link is
    // set when its stream is ready: this effect talks to the compressor, and a ticket keeps
    // a slower earlier result from overwriting a newer one.
    let link = RwSignal::new(String::new());
    let ticket = StoredValue::new(0u64);
    Effect::new(move |_| {
        let json = baseline
            .doc
            .with(|b| designer.doc.with(|d| share::review_json(d, b.as_ref())));
        let mine = ticket.get_value().wrapping_add(1);
        ticket.set_value(mine);
        let base = base.clone();
        spawn_local(async move {
            let Some(packed) = browser::deflate(json.as_bytes()).await else {
                return;
            };
            if ticket.get_value() == mine {
                link.set(format!("{base}#{}", share::fragment_of(&packed)));
            }
        });
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
