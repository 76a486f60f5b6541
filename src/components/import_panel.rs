//! Import by paste, file open or drag-and-drop: a design document, a bare request or a
//! boto3 call. A refused import says what and where and leaves the design as it was.

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use crate::browser;
use crate::components::when::When;
use crate::core::import::{import, ImportKind};
use crate::state::Designer;

/// The import panel.
#[component]
pub fn ImportPanel() -> impl IntoView {
    let designer = expect_context::<Designer>();
    let text = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let done = RwSignal::new(None::<String>);
    let dragging = RwSignal::new(false);

    let apply = move || {
        let input = text.get_untracked();
        let current = designer.doc.get_untracked();
        match import(&input, &current) {
            Ok(imported) => {
                error.set(None);
                done.set(Some(
                    match imported.kind {
                        ImportKind::Document => "Imported a design document: the whole design was replaced.",
                        ImportKind::Request => "Imported a request: the request was replaced; the endpoint and simulation settings were kept.",
                        ImportKind::Boto3 => "Imported a boto3 call: the request was replaced; the endpoint and simulation settings were kept.",
                    }
                    .to_string(),
                ));
                designer.replace(imported.document, true);
            }
            Err(e) => {
                done.set(None);
                error.set(Some(format!(
                    "Not imported; your design is unchanged. {}",
                    crate::core::format::sentence(&e.message)
                )));
            }
        }
    };

    let load_file = move |file: web_sys::File| {
        let name = file.name();
        spawn_local(async move {
            match browser::read_file(file).await {
                Ok(t) => {
                    text.set(t);
                    apply();
                }
                Err(e) => {
                    done.set(None);
                    error.set(Some(format!(
                        "Could not read {name}: {e}. Your design is unchanged."
                    )));
                }
            }
        });
    };

    let on_file = move |ev: leptos::ev::Event| {
        let input: Option<web_sys::HtmlInputElement> = ev.target().and_then(|t| t.dyn_into().ok());
        if let Some(input) = input {
            if let Some(file) = input.files().and_then(|l| l.get(0)) {
                load_file(file);
            }
            input.set_value("");
        }
    };

    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        let Some(dt) = ev.data_transfer() else { return };
        if let Some(file) = dt.files().and_then(|l| l.get(0)) {
            load_file(file);
        } else if let Ok(t) = dt.get_data("text/plain") {
            if !t.is_empty() {
                text.set(t);
                apply();
            }
        }
    };

    view! {
        <section class="card import" aria-labelledby="import-title">
            <h2 class="card__title" id="import-title">"Import"</h2>
            <p class="card__intro">
                "Paste a design document, a request in "<code>"--cli-input-json"</code>" form, or a boto3 "
                <code>"update_endpoint(...)"</code>" call; or open or drop a file. It is read here, in your browser."
            </p>
            <div
                class="dropzone"
                class:dropzone--active=move || dragging.get()
                on:dragover=move |ev: leptos::ev::DragEvent| {
                    ev.prevent_default();
                    dragging.set(true);
                }
                on:dragleave=move |_| dragging.set(false)
                on:drop=on_drop
            >
                <label class="field__label" for="import-text">"Text to import"</label>
                <textarea
                    id="import-text"
                    class="field__input import__text"
                    data-testid="import-input"
                    rows="8"
                    spellcheck="false"
                    placeholder="response = client.update_endpoint(EndpointName=\"my-endpoint\", ...)"
                    prop:value=move || text.get()
                    aria-describedby="import-status"
                    on:input=move |ev| text.set(event_target_value(&ev))
                ></textarea>
            </div>
            <div class="import__actions">
                <button type="button" class="button button--primary" data-testid="import-apply" on:click=move |_| apply()>
                    "Import"
                </button>
                <label class="button button--quiet file-button">
                    "Open a file…"
                    <input type="file" class="visually-hidden" accept=".json,.py,.txt,application/json,text/plain" on:change=on_file />
                </label>
            </div>
            <div id="import-status">
                <When when=move || error.get().is_some()>
                    <p class="import__error" role="alert" data-testid="import-error">{move || error.get().unwrap_or_default()}</p>
                </When>
                <When when=move || done.get().is_some()>
                    <p class="import__done" role="status">{move || done.get().unwrap_or_default()}</p>
                </When>
            </div>
        </section>
    }
}
