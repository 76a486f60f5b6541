//! "What your pipeline sees": the simulated `DescribeEndpoint` response at the playhead, the
//! state changes so far, and what each caller's wait does with this rollout. The panels
//! module (`crates/panels`, on demand) draws it when the section is first opened.

use leptos::prelude::*;

use crate::core::format::clock;
use crate::core::pipeline::{callers, describe_at, state_changes};
use crate::state::Designer;

#[component]
pub fn PipelineView() -> impl IntoView {
    let designer = expect_context::<Designer>();
    let at = Memo::new(move |_| designer.playhead.get().floor() as i64);
    let described = Memo::new(move |_| {
        let t = at.get();
        designer.doc.with(|d| designer.sim.with(|s| describe_at(d, s, t)))
    });
    let changes = Memo::new(move |_| {
        let t = at.get();
        designer.sim.with(|s| state_changes(s, t))
    });
    let waits = Memo::new(move |_| designer.sim.with(callers));
    view! {
        <h3 class="pipeline__title">"Who waits, and what they report"</h3>
        <table class="pipeline__callers">
            <thead><tr><th scope="col">"Caller"</th><th scope="col">"Waits"</th><th scope="col">"Verdict"</th><th scope="col">"Why"</th></tr></thead>
            <tbody>
                {move || waits.get().into_iter().map(|c| {
                    let verdict = c.verdict.as_str();
                    view! {
                        <tr data-testid="caller-wait" data-caller=c.id data-verdict=verdict class=format!("pipeline__caller pipeline__caller--{verdict}")>
                            <th scope="row">{c.name}</th>
                            <td>{c.waits_seconds.map_or("not documented".to_string(), crate::core::format::humane_duration)}</td>
                            <td>{match c.verdict {
                                crate::core::pipeline::Verdict::Ok => "reports what happened",
                                crate::core::pipeline::Verdict::GivesUp => "gives up first",
                                crate::core::pipeline::Verdict::ReportsSuccessOnFailure => "calls a rollback a success",
                            }}</td>
                            <td>{c.why}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
        <h3 class="pipeline__title">{move || format!("DescribeEndpoint at {}", clock(at.get()))}</h3>
        <pre class="pipeline__describe" data-testid="describe-endpoint">{move || described.get()}</pre>
        <h3 class="pipeline__title">"State changes so far"</h3>
        <ol class="pipeline__changes">
            {move || changes.get().into_iter().map(|(t, line)| view! {
                <li><span class="pipeline__at">{clock(t)}</span>" "{line}</li>
            }).collect_view()}
        </ol>
        <p class="card__intro">"Times in the response count from an example start (12:00 UTC). Sources of each figure: crates/core/src/pipeline.rs."</p>
    }
}
