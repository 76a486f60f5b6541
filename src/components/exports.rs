//! The exports as tabs, each with a copy button that confirms and a download button: the
//! first view's own (boto3, CLI command, CLI JSON, design document, timeline CSV), and the
//! infrastructure-as-code and IAM exports and the apply-and-verify runners, which the
//! converters module writes when their tab is opened (with each target's own findings).

use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::browser;
use crate::components::when::When;
use crate::converters::{status_words, Converters, Status};
use crate::core::bridge::{self, ExportOptions, TargetFindingReply};
use crate::components::review_panel::Baseline;
use crate::core::{export, share, simulate::timeline_csv};
use crate::state::Designer;

#[derive(Clone, Copy, PartialEq, Eq)]
struct Tab {
    id: &'static str,
    label: &'static str,
    testid: &'static str,
    file: &'static str,
    mime: &'static str,
    /// The target the converters write it for (`None`: written here), and the target's
    /// name as its findings say it.
    remote: Option<(&'static str, &'static str)>,
}

const fn remote(id: &'static str, label: &'static str, file: &'static str, mime: &'static str, target: &'static str) -> Tab {
    Tab {
        id,
        label,
        testid: "",
        file,
        mime,
        remote: Some((id, target)),
    }
}

const TABS: [Tab; 18] = [
    Tab {
        id: "boto3",
        label: "boto3",
        testid: "export-boto3",
        file: "update_endpoint.py",
        mime: "text/x-python",
    remote: None,
    },
    Tab {
        id: "cli",
        label: "CLI command",
        testid: "export-cli-command",
        file: "update-endpoint.sh",
        mime: "text/x-shellscript",
    remote: None,
    },
    Tab {
        id: "json",
        label: "CLI JSON",
        testid: "export-cli-json",
        file: "update-endpoint.json",
        mime: "application/json",
    remote: None,
    },
    Tab {
        id: "doc",
        label: "Design document",
        testid: "export-document",
        file: "deployment-design.json",
        mime: "application/json",
    remote: None,
    },
    Tab {
        id: "csv",
        label: "Timeline CSV",
        testid: "export-timeline-csv",
        file: "deployment-timeline.csv",
        mime: "text/csv",
        remote: None,
    },
    remote("cloudformation-yaml", "CloudFormation YAML", "endpoint.yaml", "application/yaml", "CloudFormation"),
    remote("cloudformation-json", "CloudFormation JSON", "endpoint.json", "application/json", "CloudFormation"),
    remote("terraform", "Terraform", "main.tf", "text/plain", "Terraform"),
    remote("terraform-awscc", "Terraform (awscc)", "main.tf", "text/plain", "Terraform (awscc)"),
    remote("cdk-typescript", "CDK TypeScript", "app.ts", "text/typescript", "CDK"),
    remote("cdk-python", "CDK Python", "app.py", "text/x-python", "CDK"),
    remote("stepfunctions", "Step Functions", "update-endpoint-task.json", "application/json", "Step Functions"),
    remote("iam-policy", "IAM policy", "update-endpoint-policy.json", "application/json", "IAM"),
    // Apply and verify: runners that start the update and fail unless it ends InService on
    // the new config (a silent rollback included), and the rule that watches its deployment.
    remote("apply-python", "Apply (Python)", "apply_update_endpoint.py", "text/x-python", "Apply (Python)"),
    remote("apply-bash", "Apply (bash)", "apply-update-endpoint.sh", "text/x-shellscript", "Apply (bash)"),
    remote("apply-stepfunctions", "Apply (Step Functions)", "apply-update-endpoint.asl.json", "application/json", "Apply (Step Functions)"),
    remote("eventbridge-rule", "EventBridge rule", "endpoint-deployment-rule.json", "application/json", "EventBridge"),
    remote("review-markdown", "Review (Markdown)", "deployment-review.md", "text/markdown", "Review"),
];

/// The page's hook of a tab's text: `export-{id}` for the converters' targets.
fn testid(tab: &Tab) -> String {
    match tab.remote {
        Some((id, _)) => format!("export-{id}"),
        None => tab.testid.to_string(),
    }
}

/// The export targets' findings, kept up to date while the converters are loaded (a short
/// while after each change, so that typing is not slowed by them).
#[derive(Clone, Copy)]
pub struct TargetFindings(pub RwSignal<Vec<TargetFindingReply>>, pub RwSignal<ExportOptions>);

/// Provides [`TargetFindings`] and keeps them current.
pub fn provide_target_findings(designer: Designer, converters: Converters) {
    let findings = RwSignal::new(Vec::new());
    let options = RwSignal::new(ExportOptions::default());
    provide_context(TargetFindings(findings, options));
    let generation = StoredValue::new(0u64);
    Effect::new(move |_| {
        let ready = converters.status.get() == Status::Ready;
        designer.doc.track();
        options.track();
        if !ready {
            return;
        }
        generation.update_value(|g| *g += 1);
        let mine = generation.get_value();
        spawn_local(async move {
            gloo_timers::future::sleep(Duration::from_millis(120)).await;
            if generation.get_value() != mine {
                return;
            }
            let opts = options.get_untracked();
            let request = designer.doc.with_untracked(|d| bridge::findings_request(d, &opts));
            if let Some(Ok(reply)) = converters.call_if_ready(&request) {
                if let Ok(list) = bridge::read_findings_reply(&reply) {
                    if findings.with_untracked(|f| *f != list) {
                        findings.set(list);
                    }
                }
            }
        });
    });
}

/// The exports panel.
#[component]
pub fn ExportsPanel() -> impl IntoView {
    let designer = expect_context::<Designer>();
    let converters = expect_context::<Converters>();
    let baseline = expect_context::<Baseline>();
    let target_findings = expect_context::<TargetFindings>().0;
    let boto3 = Memo::new(move |_| {
        designer
            .doc
            .with(|d| export::incomplete_note(d, "# ") + &designer.findings.with(|f| export::refusal_note(f, "# ")) + &export::boto3_design_snippet(d))
    });
    let cli = Memo::new(move |_| {
        designer
            .doc
            .with(|d| export::incomplete_note(d, "# ") + &designer.findings.with(|f| export::refusal_note(f, "# ")) + &export::cli_design_command(d))
    });
    let json = Memo::new(move |_| designer.doc.with(|d| export::cli_input_json(&d.request)));
    let doc = designer.json;
    let csv = Memo::new(move |_| designer.sim.with(timeline_csv));
    let local_text = move |id: &str| -> Memo<String> {
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
    // Which copy the status speaks of: an earlier copy's timer must not clear a later one's.
    let copies = StoredValue::new(0u32);
    let options = expect_context::<TargetFindings>().1;
    // The converters' texts: `None` while being written (the hook is aria-busy then).
    let remote_texts: Vec<(&'static str, RwSignal<Option<(String, String)>>)> = TABS
        .iter()
        .filter_map(|t| t.remote.map(|(id, _)| (id, RwSignal::new(None))))
        .collect();
    let remote_text = {
        let remote_texts = remote_texts.clone();
        move |id: &str| remote_texts.iter().find(|(i, _)| *i == id).map(|(_, s)| *s)
    };
    // Write the open tab's export whenever the design, the options or the tab change;
    // the others are marked stale and written when opened.
    {
        let remote_texts = remote_texts.clone();
        Effect::new(move |_| {
            let tab = active.get();
            designer.doc.track();
            let opts = options.get();
            // Only the slots that hold a text are cleared: each one set wakes its hidden panel.
            for (_, s) in &remote_texts {
                if s.with_untracked(Option::is_some) {
                    s.set(None);
                }
            }
            let Some(slot) = remote_texts.iter().find(|(i, _)| *i == tab).map(|(_, s)| *s) else {
                return;
            };
            let base = baseline.doc.get();
            let on_reply = move |reply: Result<String, String>| {
                let text = match reply.map(|r| bridge::read_text_reply(&r)) {
                    Ok(Ok((text, file))) => (text, file),
                    Ok(Err(refused)) => (format!("The export could not be written: {}", refused.error.message), String::new()),
                    Err(reason) => (format!("The converters (a second module of this page) could not be loaded: {reason}. Reload the page to try again; the exports above are written without it."), String::new()),
                };
                if active.get_untracked() == tab {
                    slot.set(Some(text));
                }
            };
            if tab == "review-markdown" {
                // The summary carries the review link, which the browser compresses.
                let (doc, json) = designer
                    .doc
                    .with_untracked(|d| (d.clone(), share::review_json(d, base.as_ref())));
                spawn_local(async move {
                    let fragment = browser::deflate(json.as_bytes())
                        .await
                        .map(|packed| share::fragment_of(&packed))
                        .unwrap_or_default();
                    let link = format!("{}#{fragment}", browser::page_address());
                    converters.call(bridge::review_request(&doc, base.as_ref(), &link), on_reply);
                });
            } else {
                let request = designer.doc.with_untracked(|d| bridge::export_request(tab, d, &opts));
                converters.call(request, on_reply);
            }
        });
    }

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
                    let slot = remote_text(tab.id);
                    let local = local_text(tab.id);
                    let text = Signal::derive(move || match slot {
                        Some(s) => s.get().map(|(t, _)| t).unwrap_or_default(),
                        None => local.get(),
                    });
                    let file = move || match slot {
                        Some(s) => s
                            .get()
                            .map(|(_, f)| f)
                            .filter(|f| !f.is_empty())
                            .unwrap_or_else(|| tab.file.to_string()),
                        None => tab.file.to_string(),
                    };
                    let busy = move || slot.is_some_and(|s| s.with(Option::is_none));
                    let opened = Memo::new(move |was: Option<&bool>| was.copied().unwrap_or(false) || active.get() == tab.id);
                    let own_findings = move || match tab.remote {
                        Some((_, target)) => target_findings.with(|fs| {
                            fs.iter().filter(|f| f.target == target).cloned().collect::<Vec<_>>()
                        }),
                        None => Vec::new(),
                    };
                    let copy = move |_| {
                        let value = text.get_untracked();
                        copies.update_value(|n| *n = n.wrapping_add(1));
                        let mine = copies.get_value();
                        spawn_local(async move {
                            let ok = browser::copy_text(value).await;
                            copied.set(Some(if ok { tab.id } else { "failed" }));
                            gloo_timers::future::sleep(Duration::from_millis(2000)).await;
                            if copies.get_value() == mine {
                                copied.set(None);
                            }
                        });
                    };
                    let download = move |_| {
                        let _ = browser::download(&file(), tab.mime, &text.get_untracked());
                    };
                    view! {
                        <div
                            class="tabs__panel"
                            role="tabpanel"
                            id=format!("panel-{}", tab.id)
                            aria-labelledby=format!("tab-{}", tab.id)
                            hidden=move || active.get() != tab.id
                        >
                            // A converters' tab is drawn when first opened: until then it
                            // holds nothing to show (the contract: opening it is enough).
                            <When when=move || tab.remote.is_none() || opened.get()>
                            <div class="exports__actions">
                                <button type="button" class="button" data-testid=format!("copy-{}", tab.id) on:click=copy>
                                    {format!("Copy {}", tab.label)}
                                </button>
                                <button type="button" class="button button--quiet" on:click=download>
                                    {move || format!("Download {}", file())}
                                </button>
                                <span class="exports__status" role="status" aria-live="polite">
                                    {move || match copied.get() {
                                        Some(id) if id == tab.id => "Copied to the clipboard.",
                                        Some("failed") => "The browser refused the clipboard; select the text and copy it.",
                                        _ => "",
                                    }}
                                </span>
                            </div>
                            {tab.id.starts_with("cloudformation").then(|| view! {
                                <label class="exports__option">
                                    <input
                                        type="checkbox"
                                        prop:checked=move || options.with(|o| o.whole_template)
                                        on:change=move |ev| {
                                            let on = event_target_checked(&ev);
                                            options.update(|o| o.whole_template = on);
                                        }
                                    />
                                    " A whole template (otherwise the resource alone)"
                                </label>
                            })}
                            {(tab.id.starts_with("cloudformation") || tab.id.starts_with("terraform") || tab.id.starts_with("cdk")).then(|| view! {
                                <label class="exports__option">
                                    <input
                                        type="checkbox"
                                        data-testid="export-with-endpoint-config"
                                        prop:checked=move || options.with(|o| o.with_endpoint_config)
                                        on:change=move |ev| {
                                            let on = event_target_checked(&ev);
                                            options.update(|o| o.with_endpoint_config = on);
                                        }
                                    />
                                    " With its endpoint configuration (the new fleet, names as parameters): deploys on its own"
                                </label>
                            })}
                            {(tab.id == "iam-policy").then(|| arn_fields(options))}
                            <When when=move || busy() && converters.status.get() != Status::Ready>
                                <p class="exports__loading" role="status">
                                    {move || status_words(&converters.status.get()).unwrap_or_else(|| "Writing…".to_string())}
                                </p>
                            </When>
                            <ul class="exports__findings">
                                {move || own_findings()
                                    .into_iter()
                                    .map(|f| view! {
                                        <li class=format!("target-finding target-finding--{}", f.severity) data-testid="target-finding" data-path=f.path.clone() data-severity=f.severity.clone() data-target=f.target.clone()>
                                            <strong>{f.target.clone()}": "</strong>{f.message.clone()}
                                        </li>
                                    })
                                    .collect_view()}
                            </ul>
                            <pre class="code" tabindex="0" data-testid=testid(&tab) aria-label=tab.label aria-busy=move || if busy() { "true" } else { "false" }>{move || text.get()}</pre>
                            </When>
                        </div>
                    }
                })
                .collect_view()}
        </section>
    }
}

/// The IAM export's ARN parts: partition, region and account.
fn arn_fields(options: RwSignal<ExportOptions>) -> impl IntoView {
    let field = move |label: &'static str, id: &'static str, placeholder: &'static str, get: fn(&ExportOptions) -> String, set: fn(&mut ExportOptions, String)| {
        view! {
            <label class="exports__arn" for=id>
                <span>{label}</span>
                <input
                    id=id
                    class="field__input"
                    spellcheck="false"
                    placeholder=placeholder
                    prop:value=move || options.with(get)
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        options.update(|o| set(o, v));
                    }
                />
            </label>
        }
    };
    view! {
        <div class="exports__arns">
            {field("Partition", "iam-partition", "aws", |o| o.partition.clone(), |o, v| o.partition = v)}
            {field("Region", "iam-region", "us-east-1", |o| o.region.clone(), |o, v| o.region = v)}
            {field("Account", "iam-account", "123456789012", |o| o.account.clone(), |o, v| o.account = v)}
        </div>
    }
}
