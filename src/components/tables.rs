//! The simulation's tables that nobody needs in the first view: the same change under the
//! other strategies, and every event of the rollout. The panels module (`crates/panels`)
//! draws them inside the timeline's "Compare with other strategies" and "Events as a table"
//! sections when those are first opened.

use leptos::prelude::*;

use crate::core::format::{clock, humane_duration};
use crate::core::simulate::compare;
use crate::core::words::{exposure_words, outcome_words, phase_words};
use crate::state::Designer;

/// The design's change under each strategy, under the same what-if (five simulations and
/// five plans for the risk, redone on each edit while the section is drawn); each other
/// strategy's row can be taken with "Use this" (one step of undo).
#[component]
pub fn Comparison() -> impl IntoView {
    let designer = expect_context::<Designer>();
    let rows = Memo::new(move |_| designer.doc.with(compare));
    let current = Memo::new(move |_| designer.doc.with(|d| d.request.strategy()));
    let caption = move || {
        let drill = designer
            .doc
            .with(|d| d.simulation.alarm_at())
            .map_or(String::from("no problem"), |a| format!("a problem starting at {}", humane_duration(a)));
        format!("The same change under other strategies: same fleets, waits, timeout and alarms, and {drill} in every row")
    };
    view! {
        <table class="table comparison__table" data-testid="strategy-comparison">
            <caption>{caption}</caption>
            <thead>
                <tr>
                    <th scope="col">"Strategy"</th>
                    <th scope="col">"Outcome"</th>
                    <th scope="col">"Duration"</th>
                    <th scope="col">"Peak instances"</th>
                    <th scope="col">"Instance-hours"</th>
                    <th scope="col">
                        <abbr title="If the new version is bad from its first request: the new fleet's share of traffic when a rollback can first act (the alarms' detection time, in a bake), and for how long">"Risk"</abbr>
                    </th>
                    <th scope="col"><span class="visually-hidden">"Switch"</span></th>
                </tr>
            </thead>
            <tbody>
                {move || {
                    rows.get()
                        .into_iter()
                        .map(|r| {
                            let to = r.switch_to;
                            let offer = !r.is_design && to != current.get();
                            view! {
                                <tr class:table__row--design=r.is_design>
                                    <th scope="row">{r.label.clone()}</th>
                                    <td data-testid="comparison-outcome" data-outcome=r.outcome.as_str()>{outcome_words(r.outcome)}</td>
                                    <td>{humane_duration(r.total_seconds)}</td>
                                    <td>{r.peak_instances}</td>
                                    <td>{format!("{:.1}", r.instance_hours)}</td>
                                    <td data-testid="comparison-risk" data-exposure-percent=format!("{:.0}", r.exposure.percent)>
                                        {exposure_words(&r.exposure)}
                                    </td>
                                    <td>
                                        {offer.then(|| view! {
                                            <button
                                                type="button"
                                                class="button button--quiet"
                                                data-testid="comparison-use"
                                                aria-label=format!("Use {}", r.label)
                                                on:click=move |_| designer.switch_strategy(to)
                                            >
                                                "Use this"
                                            </button>
                                        })}
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view()
                }}
            </tbody>
        </table>
        <p class="card__intro comparison__note">
            "Risk assumes the new version is bad from its first request: alarms are watched only while baking, so a strategy with a small first step and a bake exposes least. Use this switches the design to that strategy (Undo switches back)."
        </p>
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
