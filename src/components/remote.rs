//! A section drawn by the panels module (`crate::panels`): the page draws its summary, and
//! the module its body, once the section is first opened (or `auto_open` holds).

use leptos::html;
use leptos::prelude::*;

use crate::converters::Status;
use crate::panels::{status_words, Panels};

/// A `<details>` section whose body the panels module draws.
#[component]
pub fn RemoteSection(
    /// Which body the module draws (`alarm-definitions`, `quotas`, `pipeline`, `comparison`,
    /// `events`).
    kind: &'static str,
    /// The section's class; its summary gets `{class}__summary`.
    class: &'static str,
    /// The summary's words.
    summary: &'static str,
    /// Opens the section (and keeps it open) while true: the design holds its data.
    #[prop(optional, into)]
    auto_open: Option<Signal<bool>>,
) -> impl IntoView {
    let panels = expect_context::<Panels>();
    let opened = RwSignal::new(false);
    let open = move || opened.get() || auto_open.is_some_and(|s| s.get());
    let host = NodeRef::<html::Div>::new();
    let mounted = StoredValue::new(false);
    Effect::new(move |_| {
        if open() && !mounted.get_value() {
            if let Some(el) = host.get() {
                mounted.set_value(true);
                panels.mount(kind, el.into());
            }
        }
    });
    view! {
        <details
            class=class
            prop:open=open
            on:toggle=move |ev| {
                use wasm_bindgen::JsCast;
                if let Some(el) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok()) {
                    // Opening it again after a failed load tries again.
                    if el.open() && panels.status.with_untracked(|s| matches!(s, Status::Failed(_))) {
                        mounted.set_value(false);
                    }
                    opened.set(el.open());
                }
            }
        >
            <summary class=format!("{class}__summary")>{summary}</summary>
            <div node_ref=host></div>
            <p class="card__intro" role="status" hidden=move || !open() || panels.status.with(|s| *s == Status::Ready)>
                {move || panels.status.with(status_words).unwrap_or_default()}
            </p>
        </details>
    }
}
