//! The rollout step by step, in words, under the timeline: each stage (provisioning, every
//! traffic step or batch, the termination wait, a rollback, the end) with the playhead's stage
//! marked, and why the peak is what it is. The panels module (`crates/panels`) draws it.

use leptos::prelude::*;

use crate::core::format::clock;
use crate::core::words::{current_step, peak_words, step_lines};
use crate::state::Designer;

/// The step list, in step with the page's playhead.
#[component]
pub fn StepList() -> impl IntoView {
    let designer = expect_context::<Designer>();
    let lines = Memo::new(move |_| designer.sim.with(step_lines));
    let current = Memo::new(move |_| {
        let t = designer.playhead.get().floor() as i64;
        lines.with(|l| current_step(l, t))
    });
    view! {
        <ol class="steps" data-testid="timeline-steps">
            {move || {
                lines
                    .get()
                    .into_iter()
                    .enumerate()
                    .map(|(i, l)| {
                        let here = move || current.get() == Some(i);
                        view! {
                            <li class="steps__item" class:steps__item--current=here data-testid="timeline-step" aria-current=move || here().then_some("step")>
                                <span class="steps__when">{clock(l.from)}</span>
                                " "
                                <strong class="steps__title">{l.title}</strong>
                                ": "
                                {l.words}
                            </li>
                        }
                    })
                    .collect_view()
            }}
        </ol>
        <p class="steps__peak" data-testid="timeline-peak-why">{move || designer.sim.with(peak_words)}</p>
    }
}
