//! The body of a "?" explanation (`core::help`), drawn by the panels module (`crates/panels`)
//! when the page's toggle is first opened (`fields::HelpToggle`).

use leptos::prelude::*;

use crate::core::help::help;

/// What `topic` is, its default, its limits, a pitfall and the API reference.
#[component]
pub fn HelpBody(topic: String) -> impl IntoView {
    let Some(h) = help(&topic) else {
        return ().into_any();
    };
    view! {
        <div class="help__body">
            <p>{h.what}</p>
            <p><strong>"Default: "</strong>{h.default}</p>
            <p><strong>"Limits: "</strong>{h.limits}</p>
            <p><strong>"Pitfall: "</strong>{h.pitfall}</p>
            <p><a href=h.reference target="_blank" rel="noopener noreferrer">"AWS API reference"</a></p>
        </div>
    }
    .into_any()
}
