//! The exports as tabs (boto3, CLI command, CLI JSON, design document, timeline CSV), each
//! with a copy button that confirms and a download button.

use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::browser;
use crate::core::{export, simulate::timeline_csv};
use crate::state::Designer;

#[derive(Clone, Copy, PartialEq, Eq)]
struct Tab {
    id: &'static str,
    label: &'static str,
    testid: &'static str,
    file: &'static str,
    mime: &'static str,
}

const TABS: [Tab; 5] = [
    Tab {
        id: "boto3",
        label: "boto3",
        testid: "export-boto3",
        file: "update_endpoint.py",
        mime: "text/x-python",
    },
    Tab {
        id: "cli",
        label: "CLI command",
        testid: "export-cli-command",
        file: "update-endpoint.sh",
        mime: "text/x-shellscript",
    },
    Tab {
        id: "json",
        label: "CLI JSON",
        testid: "export-cli-json",
        file: "update-endpoint.json",
        mime: "application/json",
    },
    Tab {
        id: "doc",
        label: "Design document",
        testid: "export-document",
        file: "deployment-design.json",
        mime: "application/json",
    },
    Tab {
        id: "csv",
        label: "Timeline CSV",
        testid: "export-timeline-csv",
        file: "deployment-timeline.csv",
        mime: "text/csv",
    },
];

/// The exports panel.
#[component]
pub fn ExportsPanel() -> impl IntoView {
    let designer = expect_context::<Designer>();
    let boto3 = Memo::new(move |_| designer.doc.with(|d| export::boto3_snippet(&d.request)));
    let cli = Memo::new(move |_| designer.doc.with(|d| export::cli_command(&d.request)));
    let json = Memo::new(move |_| designer.doc.with(|d| export::cli_input_json(&d.request)));
    let doc = Memo::new(move |_| designer.doc.with(export::document_json));
    let csv = Memo::new(move |_| designer.sim.with(timeline_csv));
    let text_of = move |id: &str| -> Memo<String> {
        match id {
            "boto3" => boto3,
            "cli" => cli,
            "json" => json,
            "doc" => doc,
            _ => csv,
        }
    };
    let active = RwSignal::new("boto3");
    let copied = RwSignal::new(None::<&'static str>);

    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let i = TABS
            .iter()
            .position(|t| t.id == active.get_untracked())
            .unwrap_or(0);
        let next = match ev.key().as_str() {
            "ArrowRight" => (i + 1) % TABS.len(),
            "ArrowLeft" => (i + TABS.len() - 1) % TABS.len(),
            "Home" => 0,
            "End" => TABS.len() - 1,
            _ => return,
        };
        ev.prevent_default();
        active.set(TABS[next].id);
        browser::focus_id(&format!("tab-{}", TABS[next].id));
    };

    view! {
        <section class="card exports" aria-labelledby="exports-title">
            <h2 class="card__title" id="exports-title">"Exports"</h2>
            <div class="tabs" role="tablist" aria-label="Export formats" on:keydown=on_key>
                {TABS
                    .iter()
                    .map(|t| {
                        let id = t.id;
                        view! {
                            <button
                                type="button"
                                role="tab"
                                class="tabs__tab"
                                id=format!("tab-{id}")
                                aria-controls=format!("panel-{id}")
                                aria-selected=move || if active.get() == id { "true" } else { "false" }
                                tabindex=move || if active.get() == id { "0" } else { "-1" }
                                on:click=move |_| active.set(id)
                            >
                                {t.label}
                            </button>
                        }
                    })
                    .collect_view()}
            </div>
            {TABS
                .iter()
                .map(|t| {
                    let tab = *t;
                    let text = text_of(tab.id);
                    let copy = move |_| {
                        let value = text.get_untracked();
                        spawn_local(async move {
                            let ok = browser::copy_text(value).await;
                            copied.set(Some(if ok { tab.id } else { "failed" }));
                            gloo_timers::future::sleep(Duration::from_millis(2000)).await;
                            copied.set(None);
                        });
                    };
                    let download = move |_| {
                        let _ = browser::download(tab.file, tab.mime, &text.get_untracked());
                    };
                    view! {
                        <div
                            class="tabs__panel"
                            role="tabpanel"
                            id=format!("panel-{}", tab.id)
                            aria-labelledby=format!("tab-{}", tab.id)
                            hidden=move || active.get() != tab.id
                        >
                            <div class="exports__actions">
                                <button type="button" class="button" data-testid=format!("copy-{}", tab.id) on:click=copy>
                                    {format!("Copy {}", tab.label)}
                                </button>
                                <button type="button" class="button button--quiet" on:click=download>
                                    {format!("Download {}", tab.file)}
                                </button>
                                <span class="exports__status" role="status" aria-live="polite">
                                    {move || match copied.get() {
                                        Some(id) if id == tab.id => "Copied to the clipboard.",
                                        Some("failed") => "The browser refused the clipboard; select the text and copy it.",
                                        _ => "",
                                    }}
                                </span>
                            </div>
                            <pre class="code" tabindex="0" data-testid=tab.testid aria-label=tab.label>{move || text.get()}</pre>
                        </div>
                    }
                })
                .collect_view()}
        </section>
    }
}
