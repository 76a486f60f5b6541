//! The page header: what the tool is, new design, examples, theme and print.

use leptos::prelude::*;

use crate::browser;
use crate::components::variants::InstanceTypeList;
use crate::core::examples::{blank_design, example, EXAMPLES};
use crate::core::export;
use crate::state::Designer;

const THEME_KEY: &str = "sagemaker-deployment-designer.theme";

fn apply_theme(theme: &str) {
    browser::set_root_attribute(
        "data-theme",
        if theme == "system" { None } else { Some(theme) },
    );
}

/// The header.
#[component]
pub fn Masthead() -> impl IntoView {
    let designer = expect_context::<Designer>();
    let theme = RwSignal::new(
        browser::storage_get(THEME_KEY)
            .ok()
            .flatten()
            .unwrap_or_else(|| "system".into()),
    );
    apply_theme(&theme.get_untracked());
    let set_theme = move |t: String| {
        apply_theme(&t);
        let _ = browser::storage_set(THEME_KEY, &t);
        theme.set(t);
    };
    // A design of the user's own (one that is no example and not blank) is replaced only
    // when they say so; undo brings it back either way.
    let may_replace = move |what: &str| {
        // Compared as their JSON, which the page writes anyway (a deep `PartialEq` of the
        // document would add to the first view's wasm).
        let own = designer.json.with_untracked(|j| {
            *j != export::document_json(&blank_design())
                && EXAMPLES.iter().all(|e| example(e.id).is_none_or(|x| *j != export::document_json(&x)))
        });
        !own || browser::confirm(&format!(
            "Replace your design with {what}? Your design is not saved anywhere else; Undo (Ctrl+Z) brings it back."
        ))
    };
    let new_design = move |_| {
        if !may_replace("a new, empty design") {
            return;
        }
        browser::clear_fragment();
        designer.review.set(false);
        designer.replace(blank_design(), false);
    };
    let pick_example = move |ev: leptos::ev::Event| {
        let id = event_target_value(&ev);
        let label = EXAMPLES.iter().find(|e| e.id == id).map_or("the example", |e| e.label);
        if let Some(doc) = example(&id) {
            if !may_replace(&format!("the example \"{label}\"")) {
                browser::set_value("example-picker", "");
                return;
            }
            browser::clear_fragment();
            designer.review.set(false);
            designer.replace(doc, false);
        }
    };
    // Ctrl+Z / Ctrl+Shift+Z (or Ctrl+Y; Cmd on a Mac) anywhere but in a text area, whose
    // own undo is the text's.
    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        use wasm_bindgen::JsCast;
        if !(ev.ctrl_key() || ev.meta_key()) || ev.alt_key() {
            return;
        }
        let in_text_area = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|e| e.tag_name().eq_ignore_ascii_case("textarea"));
        if in_text_area {
            return;
        }
        let key = ev.key().to_ascii_lowercase();
        let done = match (key.as_str(), ev.shift_key()) {
            ("z", false) => Some(designer.undo()),
            ("z", true) | ("y", false) => Some(designer.redo()),
            _ => None,
        };
        if done.is_some() {
            ev.prevent_default();
        }
    });
    on_cleanup(move || keys.remove());
    view! {
        <header class="masthead">
            <div class="masthead__title">
                <h1>"SageMaker deployment policy designer"</h1>
                <p class="masthead__tagline">
                    "Design an UpdateEndpoint request, see every mistake, watch the deployment play out, export it. Nothing leaves your browser."
                </p>
            </div>
            <nav class="masthead__tools" aria-label="Design tools">
                <button
                    type="button"
                    class="button button--quiet"
                    data-testid="undo"
                    aria-keyshortcuts="Control+Z Meta+Z"
                    prop:disabled=move || !designer.can_undo.get()
                    on:click=move |_| { designer.undo(); }
                >
                    "Undo"
                </button>
                <button
                    type="button"
                    class="button button--quiet"
                    data-testid="redo"
                    aria-keyshortcuts="Control+Shift+Z Meta+Shift+Z Control+Y"
                    prop:disabled=move || !designer.can_redo.get()
                    on:click=move |_| { designer.redo(); }
                >
                    "Redo"
                </button>
                <button type="button" class="button" data-testid="new-design" on:click=new_design>"New design"</button>
                <label class="visually-hidden" for="example-picker">"Start from an example"</label>
                <select id="example-picker" class="field__input masthead__select" data-testid="example-picker" on:change=pick_example>
                    <option value="" selected>"Start from an example…"</option>
                    {EXAMPLES.iter().map(|e| view! { <option value=e.id>{e.label}</option> }).collect_view()}
                </select>
                <label class="visually-hidden" for="theme-picker">"Colour theme"</label>
                <select
                    id="theme-picker"
                    class="field__input masthead__select"
                    prop:value=move || theme.get()
                    on:change=move |ev| set_theme(event_target_value(&ev))
                >
                    <option value="system" selected=move || theme.get() == "system">"Theme: system"</option>
                    <option value="light" selected=move || theme.get() == "light">"Theme: light"</option>
                    <option value="dark" selected=move || theme.get() == "dark">"Theme: dark"</option>
                </select>
                <button type="button" class="button button--quiet" on:click=move |_| browser::print()>"Print review sheet"</button>
            </nav>
            <InstanceTypeList />
        </header>
    }
}
