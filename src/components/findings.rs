//! The summary of every finding: counts, each finding once with a link to its field, the
//! message AWS would return on demand, and the findings still held back in untouched fields.

use leptos::prelude::*;

use crate::browser;
use crate::components::when::When;
use crate::core::validate::{aws_error_summary, Finding, Severity};
use crate::state::{field_id, Designer};

/// Findings listed at most in each part of the panel.
const MAX_LISTED: usize = 200;

/// Moves focus to the input that edits `path`, or the closest one above it.
fn focus_field(path: &str) {
    let mut p = path.to_string();
    loop {
        if browser::focus_id(&field_id(&p)) || browser::focus_id(&field_id(&format!("{p}.Value"))) {
            return;
        }
        match p.rfind(['.', '[']) {
            Some(i) => p.truncate(i),
            None => return,
        }
    }
}

#[component]
fn FindingItem(finding: Finding) -> impl IntoView {
    let designer = expect_context::<Designer>();
    let sev = finding.severity.as_str();
    let path = finding.path.clone();
    let path_for_click = finding.path.clone();
    let href = format!("#{}", field_id(&path));
    let label = if finding.severity == Severity::Error {
        "Error"
    } else {
        "Warning"
    };
    view! {
        <li class=format!("finding finding--{sev}")>
            <span class="finding__badge">{label}</span>
            <div class="finding__body">
                <p class="finding__text" data-testid="finding" data-path=finding.path.clone() data-severity=sev>
                    {finding.explanation.clone()}
                </p>
                <p class="finding__meta">
                    <a
                        class="finding__path"
                        href=href
                        on:click=move |ev| {
                            ev.prevent_default();
                            designer.touch(&path_for_click);
                            focus_field(&path_for_click);
                        }
                    >
                        <code>{path}</code>
                    </a>
                    <span class="finding__rule">{format!(" · rule {}", finding.rule)}</span>
                </p>
                <details class="finding__aws">
                    <summary>"What AWS would say"</summary>
                    <pre class="finding__aws-text">{finding.aws_message.clone()}</pre>
                </details>
            </div>
        </li>
    }
}

/// The findings panel.
#[component]
pub fn FindingsPanel() -> impl IntoView {
    let designer = expect_context::<Designer>();
    let counts = Memo::new(move |_| {
        designer.findings.with(|fs| {
            let e = fs.iter().filter(|f| f.severity == Severity::Error).count();
            (e, fs.len() - e)
        })
    });
    // Each part lists at most MAX_LISTED findings: a pasted list of thousands of bad alarm
    // names must not freeze the page; the counts above always count every finding.
    let split = Memo::new(move |_| {
        designer.findings.with(|fs| {
            let (shown, held): (Vec<Finding>, Vec<Finding>) = fs
                .iter()
                .cloned()
                .partition(|f| designer.finding_visible(&f.path));
            (shown, held)
        })
    });
    let listed = move |part: Vec<Finding>| part.into_iter().take(MAX_LISTED).collect::<Vec<_>>();
    let unlisted = Memo::new(move |_| {
        split.with(|(a, b)| a.len().saturating_sub(MAX_LISTED) + b.len().saturating_sub(MAX_LISTED))
    });
    let aws_summary = Memo::new(move |_| designer.findings.with(|fs| aws_error_summary(fs)));
    let headline = move || match counts.get() {
        (0, 0) => "No findings: AWS would accept this request and nothing looks off.".to_string(),
        (0, w) => format!("No errors, {w} warning{}.", if w == 1 { "" } else { "s" }),
        (e, w) => format!(
            "{e} error{} and {w} warning{}: AWS would reject this request.",
            if e == 1 { "" } else { "s" },
            if w == 1 { "" } else { "s" }
        ),
    };
    view! {
        <section class="card findings" aria-labelledby="findings-title">
            <h2 class="card__title" id="findings-title">"Findings"</h2>
            <p
                class="findings__headline"
                class:findings__headline--ok=move || counts.get().0 == 0
                data-testid="findings-count"
                data-errors=move || counts.get().0
                data-warnings=move || counts.get().1
                aria-live="polite"
            >
                {headline}
            </p>
            <div data-testid="findings" class="findings__lists">
                <ul class="findings__list">
                    <For each=move || listed(split.get().0) key=|f| (f.path.clone(), f.rule, f.explanation.clone()) let:f>
                        <FindingItem finding=f />
                    </For>
                </ul>
                <When when=move || !split.with(|s| s.1.is_empty())>
                    <details class="findings__held">
                        <summary>
                            {move || {
                                let n = split.with(|s| s.1.len());
                                format!("{n} more in fields you have not touched yet")
                            }}
                        </summary>
                        <ul class="findings__list">
                            <For each=move || listed(split.get().1) key=|f| (f.path.clone(), f.rule, f.explanation.clone()) let:f>
                                <FindingItem finding=f />
                            </For>
                        </ul>
                    </details>
                </When>
            </div>
            <When when=move || { unlisted.get() > 0 }>
                <p class="findings__more">{move || format!("{} more findings are not listed (the first {MAX_LISTED} of each kind are).", unlisted.get())}</p>
            </When>
            <TargetFindingsList />
            <div class="findings__actions">
                <When when=move || !split.with(|s| s.1.is_empty())>
                    <button type="button" class="button" data-testid="show-all-findings" on:click=move |_| designer.show_all.set(true)>
                        "Show all findings beside their fields"
                    </button>
                </When>
                <When when=move || aws_summary.get().is_some()>
                    <details class="finding__aws">
                        <summary>"The rejection AWS would send"</summary>
                        <pre class="finding__aws-text">{move || aws_summary.get().unwrap_or_default()}</pre>
                    </details>
                </When>
            </div>
        </section>
    }
}

/// What the export targets (CloudFormation, Terraform, CDK, ...) accept or do differently
/// from the API, once the converters have said it: each names its target. Kept apart from
/// the request's own findings, which are the API's verdict.
#[component]
fn TargetFindingsList() -> impl IntoView {
    let findings = expect_context::<crate::components::exports::TargetFindings>().0;
    view! {
        <When when=move || findings.with(|f| !f.is_empty())>
            <details class="findings__targets">
                <summary>
                    {move || {
                        let n = findings.with(Vec::len);
                        format!("{n} difference{} in the export targets (CloudFormation, Terraform, CDK, IAM)", if n == 1 { "" } else { "s" })
                    }}
                </summary>
                <ul class="findings__list">
                    {move || findings
                        .get()
                        .into_iter()
                        .map(|f| {
                            let label = if f.severity == "error" { "Error" } else { "Warning" };
                            view! {
                                <li class=format!("finding finding--{}", f.severity)>
                                    <span class="finding__badge">{label}</span>
                                    <div class="finding__body">
                                        <p class="finding__text" data-testid="target-finding" data-path=f.path.clone() data-severity=f.severity.clone() data-target=f.target.clone()>
                                            <strong>{f.target.clone()}": "</strong>{f.message.clone()}
                                        </p>
                                        <p class="finding__meta"><code>{f.path.clone()}</code></p>
                                    </div>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </details>
        </When>
    }
}
