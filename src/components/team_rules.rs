//! The team's rules (the design document's `Rules`): a rules file pasted, opened or dropped,
//! kept with the draft and carried by share and review links, and its findings, which stand
//! apart from AWS's. The panels module (`crates/panels`) draws it when the section opens, or
//! at once when the design holds rules; the rules themselves are read and checked by
//! `designer-team`, the same crate the command line uses.

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use crate::browser;
use crate::components::when::When;
use crate::core::validate::Severity;
use crate::state::Designer;

/// One sentence per mistake of a rules file: where, and what.
fn problem_lines(e: &designer_team::RulesError) -> Vec<String> {
    e.problems
        .iter()
        .map(|p| format!("Line {}, column {}: {}", p.line, p.column, p.message))
        .collect()
}

/// The rules section's body.
#[component]
pub fn TeamRules() -> impl IntoView {
    let designer = expect_context::<Designer>();
    let text = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Vec<String>>);
    let rules_json = Memo::new(move |_| designer.doc.with(|d| d.rules.clone()));
    // The kept rules were good when loaded; a document edited by hand may hold others.
    let rules = Memo::new(move |_| rules_json.with(|j| j.as_deref().map(designer_team::read)));
    let findings = Memo::new(move |_| {
        rules.with(|r| match r {
            Some(Ok(r)) => designer.doc.with(|d| designer_team::check(r, d)),
            _ => Vec::new(),
        })
    });
    let apply = move || match designer_team::to_json(&text.get_untracked()) {
        Ok(json) => {
            error.set(None);
            designer.edit(|d| d.rules = Some(json));
        }
        Err(e) => error.set(Some(problem_lines(&e))),
    };
    let on_file = move |ev: leptos::ev::Event| {
        let input: Option<web_sys::HtmlInputElement> = ev.target().and_then(|t| t.dyn_into().ok());
        let Some(input) = input else { return };
        if let Some(file) = input.files().and_then(|l| l.get(0)) {
            let name = file.name();
            spawn_local(async move {
                match browser::read_file(file).await {
                    Ok(t) => {
                        text.set(t);
                        apply();
                    }
                    Err(e) => error.set(Some(vec![format!("Could not read {name}: {e}.")])),
                }
            });
        }
        input.set_value("");
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        let file = ev.data_transfer().and_then(|d| d.files()).and_then(|l| l.get(0));
        if let Some(file) = file {
            spawn_local(async move {
                if let Ok(t) = browser::read_file(file).await {
                    text.set(t);
                    apply();
                }
            });
        }
    };
    let status = move || match rules.get() {
        None => "No team rules are loaded: only AWS's rules apply.".to_string(),
        Some(Err(e)) => format!("The design holds rules this page cannot read: {}", problem_lines(&e).join(" ")),
        Some(Ok(r)) => {
            let names: Vec<String> = r.rules.iter().map(|r| format!("`{}`", r.name)).collect();
            let n = names.len();
            format!("{n} rule{} loaded: {}.", if n == 1 { "" } else { "s" }, names.join(", "))
        }
    };
    view! {
        <p class="card__intro">
            "Your team's rules for its endpoints (a YAML or JSON rules file, the same the designer command line checks in pull requests). They are kept with the design and travel in its share and review links; their findings are your team's, not AWS's."
        </p>
        <div class="team-rules__load" on:dragover=|ev: leptos::ev::DragEvent| ev.prevent_default() on:drop=on_drop>
            <label class="field__label" for="rules-input">"Rules file"</label>
            <textarea
                id="rules-input"
                class="field__input import__input"
                data-testid="rules-input"
                rows="6"
                spellcheck="false"
                placeholder="version: 1\nrules:\n  - name: prod-canary-max\n    severity: error\n    message: Production canaries take at most 10% of the fleet.\n    endpoints: \"*-prod\"\n    canary: { at_most: 10% }"
                prop:value=move || text.get()
                on:input=move |ev| text.set(event_target_value(&ev))
            ></textarea>
            <div class="import__actions">
                <button type="button" class="button" data-testid="rules-apply" on:click=move |_| apply()>"Load the rules"</button>
                <label class="button button--quiet file-button">
                    "Open a rules file…"
                    <input type="file" class="visually-hidden" accept=".yaml,.yml,.json,application/json,text/plain" on:change=on_file />
                </label>
                <button
                    type="button"
                    class="button button--quiet"
                    prop:disabled=move || rules_json.with(Option::is_none)
                    on:click=move |_| designer.edit(|d| d.rules = None)
                >
                    "Remove the rules"
                </button>
            </div>
        </div>
        <When when=move || error.with(Option::is_some)>
            <div class="import__error" role="alert" data-testid="rules-error">
                <p>"The rules file was not loaded; the rules in use stay as they were."</p>
                <ul>
                    {move || error.get().unwrap_or_default().into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}
                </ul>
            </div>
        </When>
        <p class="team-rules__status" role="status">{status}</p>
        <ul class="findings__list team-rules__findings">
            {move || findings.get().into_iter().map(|f| {
                let severity = if f.severity == Severity::Error { "error" } else { "warning" };
                view! {
                    <li
                        class=format!("finding finding--{severity}")
                        data-testid="rule-finding"
                        data-rule=f.rule.clone()
                        data-path=f.path.clone()
                        data-severity=severity
                    >
                        <span class="finding__badge">{if severity == "error" { "Error" } else { "Warning" }}</span>
                        <div class="finding__body">
                            <p class="finding__text"><strong>{f.title()}</strong>": "{f.message.clone()}</p>
                            <p class="finding__meta">{f.explanation.clone()}" · "<code>{f.path.clone()}</code></p>
                        </div>
                    </li>
                }
            }).collect_view()}
        </ul>
        <When when=move || rules.with(|r| matches!(r, Some(Ok(_)))) && findings.with(Vec::is_empty)>
            <p class="findings__headline findings__headline--ok">"This design meets every team rule that applies to it."</p>
        </When>
    }
}
