//! The simulation's tables that nobody needs in the first view: the same change under the
//! other strategies, and every event of the rollout. The panels module (`crates/panels`)
//! draws them inside the timeline's "Compare with other strategies" and "Events as a table"
//! sections when those are first opened.

use leptos::prelude::*;

use crate::core::format::{clock, humane_duration};
use crate::core::simulate::compare;
use crate::core::words::{outcome_words, phase_words};
use crate::state::Designer;

/// The design's change under each strategy (five simulations, redone on each edit while the
/// section is drawn).
#[component]
pub fn Comparison() -> impl IntoView {
    let designer = expect_context::<Designer>();
    let rows = Memo::new(move |_| designer.doc.with(compare));
    view! {
        <table class="table" data-testid="strategy-comparison">
            <caption>"The same change under other strategies (same fleets, waits and timeout; no alarm)"</caption>
            <thead>
                <tr>
                    <th scope="col">"Strategy"</th>
                    <th scope="col">"Outcome"</th>
                    <th scope="col">"Duration"</th>
                    <th scope="col">"Peak instances"</th>
                    <th scope="col">"Instance-hours"</th>
                </tr>
            </thead>
            <tbody>
                {move || {
                    rows.get()
                        .into_iter()
                        .map(|r| {
                            view! {
                                <tr class:table__row--design=r.is_design>
                                    <th scope="row">{r.label.clone()}</th>
                                    <td>{outcome_words(r.outcome)}</td>
                                    <td>{humane_duration(r.total_seconds)}</td>
                                    <td>{r.peak_instances}</td>
                                    <td>{format!("{:.1}", r.instance_hours)}</td>
                                </tr>
                            }
                        })
                        .collect_view()
                }}
            </tbody>
        </table>
    }
}

/// Every event of the simulated rollout, as a table.
#[component]
pub fn EventsTable() -> impl IntoView {
    let designer = expect_context::<Designer>();
    view! {
        <table class="table" data-testid="timeline-table">
            <caption>"Every event of the simulated deployment"</caption>
            <thead>
                <tr>
                    <th scope="col">"Time"</th>
                    <th scope="col">"Second"</th>
                    <th scope="col">"Phase"</th>
                    <th scope="col">"Step"</th>
                    <th scope="col">"Old instances"</th>
                    <th scope="col">"New instances"</th>
                    <th scope="col">"Traffic on new"</th>
                </tr>
            </thead>
            <tbody>
                {move || {
                    designer.sim.with(|s| {
                        s.events
                            .iter()
                            .map(|e| {
                                view! {
                                    <tr>
                                        <td>{clock(e.t)}</td>
                                        <td>{e.t}</td>
                                        <td>{phase_words(e.phase)}</td>
                                        <td>{if e.step == 0 { String::from("–") } else { format!("{} of {}", e.step, s.steps) }}</td>
                                        <td>{e.old_instances}</td>
                                        <td>{e.new_instances}</td>
                                        <td>{format!("{:.0}%", e.new_traffic_percent)}</td>
                                    </tr>
                                }
                            })
                            .collect_view()
                    })
                }}
            </tbody>
        </table>
    }
}
