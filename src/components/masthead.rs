//! The page header: what the tool is, new design, examples, theme and print.

use leptos::prelude::*;

use crate::browser;
use crate::components::variants::InstanceTypeList;
use crate::core::examples::{blank_design, example, EXAMPLES};
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
    let new_design = move |_| {
        browser::clear_fragment();
        designer.review.set(false);
        designer.replace(blank_design(), false);
    };
    let pick_example = move |ev: leptos::ev::Event| {
        let id = event_target_value(&ev);
        if let Some(doc) = example(&id) {
            browser::clear_fragment();
            designer.review.set(false);
            designer.replace(doc, false);
        }
    };
    view! {
        <header class="masthead">
            <div class="masthead__title">
                <h1>"SageMaker deployment policy designer"</h1>
                <p class="masthead__tagline">
                    "Design an UpdateEndpoint request, see every mistake, watch the deployment play out, export it. Nothing leaves your browser."
                </p>
            </div>
            <nav class="masthead__tools" aria-label="Design tools">
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
