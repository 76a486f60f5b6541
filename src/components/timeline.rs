//! The simulated deployment: summary, an SVG chart (drawn from `core::chart`'s layout),
//! play / pause / speed / scrubber, the playhead in words (`core::words`), the alarm what-if, the strategy
//! comparison, per-variant results, the events as a table and the model's assumptions.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::browser;
use crate::components::when::When;
use crate::components::review_panel::Baseline;
use crate::core::chart::{layout, layout_pair, svg_baseline, svg_layers, ChartSize};
use crate::core::format::humane_duration;
use crate::core::simulate::{state_at, Outcome, State, ASSUMPTIONS};
use crate::core::words::{chart_description, outcome_words, playhead_words};
use crate::state::Designer;

/// Speeds offered, in simulated seconds per real second.
const SPEEDS: [u32; 5] = [60, 300, 900, 1800, 3600];

/// The timeline panel.
#[component]
pub fn TimelinePanel() -> impl IntoView {
    let designer = expect_context::<Designer>();
    let sim = designer.sim;
    // On a phone the chart is drawn in fewer SVG units, so that its labels stay legible
    // once it is scaled to the screen.
    let size = if browser::media_matches("(max-width: 600px)") {
        ChartSize {
            width: 400.0,
            height: 240.0,
            margin_left: 40.0,
            margin_right: 30.0,
            ..ChartSize::default()
        }
    } else {
        ChartSize::default()
    };
    // With a baseline, both rollouts share the axes and the baseline is drawn quietly.
    let baseline = expect_context::<Baseline>();
    let charts = Memo::new(move |_| {
        baseline.sim.with(|b| match b {
            Some(b) => {
                let (before, after) = sim.with(|s| layout_pair(b, s, &size));
                (after, Some(svg_baseline(&before)))
            }
            // A refused call draws, faded, what the rollout would do once it fits.
            None => sim.with(|s| match &s.planned {
                Some(p) => {
                    let (plan, refused) = layout_pair(p, s, &size);
                    (refused, Some(svg_baseline(&plan)))
                }
                None => (layout(s, &size), None),
            }),
        })
    });
    let chart = Memo::new(move |_| charts.with(|c| c.0.clone()));
    let before_markup = move || charts.with(|c| c.1.clone().unwrap_or_default());
    let before_words = move || {
        baseline.sim.with(|b| {
            b.as_ref().map(|b| {
                let t = (designer.playhead.get().floor() as i64).min(b.summary.total_seconds).max(0);
                format!("What runs now, at the same moment: {}", playhead_words(b, &state_at(b, t)))
            })
        })
    };
    let playing = RwSignal::new(false);
    let speed = RwSignal::new(300u32);
    let reduced_motion = browser::media_matches("(prefers-reduced-motion: reduce)");
    // The whole plan, also after a rollback cut the run short (`Simulation::span`).
    let total = Memo::new(move |_| sim.with(|s| s.span()));
    // A design change can shorten the timeline under the playhead.
    let playhead = Signal::derive(move || designer.playhead.get().min(total.get() as f64).max(0.0));
    let state = Memo::new(move |_| {
        let t = playhead.get().floor() as i64;
        // Past a rollback the endpoint stays as it was left, at the moment picked.
        sim.with(|s| State { t, ..state_at(s, t) })
    });
    let words = Memo::new(move |_| sim.with(|s| playhead_words(s, &state.get())));

    let play = move || {
        if designer.playhead.get_untracked() >= total.get_untracked() as f64 {
            designer.playhead.set(0.0);
        }
        playing.set(true);
        run_animation(
            designer,
            playing,
            speed,
            total,
            reduced_motion,
            browser::now_ms(),
            0.0,
        );
    };
    let toggle = move |_| {
        if playing.get_untracked() {
            playing.set(false)
        } else {
            play()
        }
    };
    let restart = move |_| {
        designer.playhead.set(0.0);
    };

    // A click or tap on the chart only moves the playhead: a finger on its way to scroll the
    // page must not change the design. The what-if is set by its own controls.
    let on_chart_click = move |ev: leptos::ev::MouseEvent| {
        let Some(svg) = ev
            .current_target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        else {
            return;
        };
        let rect = svg.get_bounding_client_rect();
        if rect.width() <= 0.0 {
            return;
        }
        let x = (f64::from(ev.client_x()) - rect.left()) * size.width / rect.width();
        let t = chart.with_untracked(|c| c.projection.t_at(x));
        designer.playhead.set(t as f64);
    };

    view! {
        <section class="card timeline" aria-labelledby="timeline-title">
            <h2 class="card__title" id="timeline-title">"Simulated deployment"</h2>
            <Summary />
            <figure class="chart" class:chart--faded=move || designer.findings.with(|f| crate::core::validate::refusal(f).is_some())>
                <svg
                    class="chart__svg"
                    viewBox=format!("0 0 {} {}", size.width, size.height)
                    role="img"
                    aria-labelledby="chart-title chart-desc"
                    on:click=on_chart_click
                >
                    <title id="chart-title">"Traffic on the new fleet and instances of both fleets over time"</title>
                    <desc id="chart-desc">{move || sim.with(chart_description)}</desc>
                    // Drawn from markup in one call per change (see `chart::svg_layers`).
                    <g class="chart__layers" inner_html=move || chart.with(svg_layers)></g>
                    <g class="chart__before" inner_html=before_markup></g>
                    <line
                        class="playhead"
                        x1=move || chart.with(|c| c.projection.x(playhead.get() as i64))
                        x2=move || chart.with(|c| c.projection.x(playhead.get() as i64))
                        y1=move || chart.with(|c| c.projection.plot.y)
                        y2=move || chart.with(|c| c.projection.plot.y + c.projection.plot.height)
                    ></line>
                </svg>
                <figcaption class="chart__legend">
                    <span class="legend legend--traffic">"traffic on new fleet (left axis, %)"</span>
                    <span class="legend legend--old">"old instances"</span>
                    <span class="legend legend--new">"new instances (right axis)"</span>
                    <span class="legend legend--band-provisioning">"provisioning"</span>
                    <span class="legend legend--band-baking">"baking"</span>
                    <span class="legend legend--band-termination-wait">"termination wait"</span>
                    <span class="legend legend--band-rollback">"rollback"</span>
                    <When when=move || baseline.sim.with(Option::is_some)>
                        <span class="legend legend--before">"faint dashed: what runs now (the baseline)"</span>
                    </When>
                </figcaption>
            </figure>
            <div class="player">
                <div class="player__buttons">
                    <button type="button" class="button button--primary" data-testid="timeline-play" on:click=toggle>
                        {move || if playing.get() { "Pause" } else { "Play" }}
                    </button>
                    <button type="button" class="button" data-testid="timeline-restart" on:click=restart>"Restart"</button>
                    <label class="player__speed">
                        "Speed "
                        <select
                            class="field__input field__input--unit"
                            data-testid="timeline-speed"
                            on:change=move |ev| speed.set(event_target_value(&ev).parse().unwrap_or(300))
                        >
                            {SPEEDS.iter().map(|s| view! { <option value=s.to_string() selected=*s == 300>{format!("{s}×")}</option> }).collect_view()}
                        </select>
                    </label>
                </div>
                <label class="visually-hidden" for="timeline-scrubber">"Playhead"</label>
                <input
                    id="timeline-scrubber"
                    class="player__scrubber"
                    type="range"
                    min="0"
                    step="1"
                    data-testid="timeline-scrubber"
                    max=move || total.get().max(1)
                    prop:value=move || (playhead.get().floor() as i64).to_string()
                    aria-valuetext=move || words.get()
                    on:input=move |ev| {
                        playing.set(false);
                        if let Ok(v) = event_target_value(&ev).parse::<f64>() {
                            designer.playhead.set(v);
                        }
                    }
                />
                <p class="player__words" data-testid="timeline-playhead" aria-live=move || if playing.get() { "off" } else { "polite" }>
                    {move || words.get()}
                </p>
                <When when=move || baseline.sim.with(Option::is_some)>
                    <p class="player__words player__words--before" data-testid="timeline-playhead-before">
                        {move || before_words().unwrap_or_default()}
                    </p>
                </When>
            </div>
            <AlarmWhatIf />
            <crate::components::remote::RemoteSection kind="steps" class="steps-section" summary="Step by step" auto_open=true />
            <crate::components::remote::RemoteSection kind="pipeline" class="pipeline" summary="What your pipeline sees" />
            <Notes />
            <crate::components::remote::RemoteSection kind="comparison" class="comparison" summary="Compare with other strategies" />
            <VariantResults />
            <crate::components::remote::RemoteSection kind="events" class="events" summary="Events as a table" />
        </section>
    }
}

/// Advances the playhead once per animation frame while `playing` is set. With reduced
/// motion the playhead moves from event to event once a second instead of gliding.
fn run_animation(
    designer: Designer,
    playing: RwSignal<bool>,
    speed: RwSignal<u32>,
    total: Memo<i64>,
    reduced: bool,
    last_ms: f64,
    carried_ms: f64,
) {
    request_animation_frame(move || {
        if !playing.get_untracked() {
            return;
        }
        let now = browser::now_ms();
        let dt = (now - last_ms).clamp(0.0, 250.0);
        let end = total.get_untracked() as f64;
        let mut carried = carried_ms;
        let next = if reduced {
            carried += dt;
            if carried < 1000.0 {
                designer.playhead.get_untracked()
            } else {
                carried = 0.0;
                let t = designer.playhead.get_untracked() as i64;
                designer
                    .sim
                    .with_untracked(|s| s.events.iter().map(|e| e.t).find(|et| *et > t))
                    .map_or(end, |et| et as f64)
            }
        } else {
            designer.playhead.get_untracked() + dt / 1000.0 * f64::from(speed.get_untracked())
        };
        if next >= end {
            designer.playhead.set(end);
            playing.set(false);
            return;
        }
        if next != designer.playhead.get_untracked() {
            designer.playhead.set(next);
        }
        run_animation(designer, playing, speed, total, reduced, now, carried);
    });
}

#[component]
fn Summary() -> impl IntoView {
    let designer = expect_context::<Designer>();
    let sim = designer.sim;
    // AWS refuses a request with an error of its own rules: nothing runs (the chart shows,
    // faded, what the design would do once fixed).
    let refused = Memo::new(move |_| {
        designer.findings.with(|f| {
            crate::core::validate::refusal(f).map(|(first, n)| (first.path.clone(), first.explanation.clone(), n))
        })
    });
    view! {
        <p class="summary__refused" data-testid="timeline-refused" hidden=move || refused.with(Option::is_none)>
            {move || refused.get().map(|(path, why, n)| format!(
                "AWS refuses this request ({n} error{} of its rules; the first at {path}: {why}) and nothing changes. The timeline shows, faded, what the design would do once fixed.",
                if n == 1 { "" } else { "s" }
            ))}
        </p>
        <div
            class="summary"
            data-testid="timeline-summary"
            data-outcome=move || if refused.with(Option::is_some) { "rejected" } else { sim.with(|s| s.summary.outcome.as_str()) }
            data-total-seconds=move || sim.with(|s| s.summary.total_seconds)
            data-peak-instances=move || sim.with(|s| s.summary.peak_instances)
            class:summary--rollback=move || sim.with(|s| s.summary.outcome != Outcome::Succeeded)
        >
            <dl class="summary__grid">
                <div>
                    <dt>"Outcome"</dt>
                    <dd>{move || if refused.with(Option::is_some) { "Refused by AWS" } else { sim.with(|s| outcome_words(s.summary.outcome)) }}</dd>
                </div>
                <div>
                    <dt>"Duration"</dt>
                    <dd>{move || sim.with(|s| format!("{} ({} s)", humane_duration(s.summary.total_seconds), s.summary.total_seconds))}</dd>
                </div>
                <div>
                    <dt>"100% on new fleet"</dt>
                    <dd>{move || sim.with(|s| s.summary.time_to_full_traffic.map_or("never".to_string(), |t| format!("at {}", humane_duration(t))))}</dd>
                </div>
                <div>
                    <dt>"Peak instances"</dt>
                    <dd>{move || sim.with(|s| s.summary.peak_instances)}</dd>
                </div>
                <div>
                    <dt>"Instance-hours"</dt>
                    <dd>{move || sim.with(|s| format!("{:.1}", s.summary.instance_hours))}</dd>
                </div>
                <div>
                    <dt>"Strategy simulated"</dt>
                    <dd>{move || sim.with(|s| s.strategy.label())}</dd>
                </div>
            </dl>
        </div>
    }
}

#[component]
fn AlarmWhatIf() -> impl IntoView {
    let designer = expect_context::<Designer>();
    let alarm = Memo::new(move |_| designer.doc.with(|d| d.simulation.alarm_at()));
    let detection = move || designer.sim.with(detection_words);
    // Why the last entry was refused (the design keeps its last good value meanwhile).
    let refused = RwSignal::new(None::<String>);
    let set = move |v: Option<i64>| {
        refused.set(None);
        designer.edit(|d| d.simulation.set_alarm_at(v));
    };
    view! {
        <div class="whatif">
            <p>
                "What if a problem starts? Type its second (clicking the chart only moves the playhead): "
                <label class="visually-hidden" for="whatif-seconds">"A problem starts at second"</label>
                <input
                    id="whatif-seconds"
                    class="field__input field__input--short"
                    inputmode="numeric"
                    data-testid="alarm-trip-input"
                    prop:value=move || alarm.get().map(|a| a.to_string()).unwrap_or_default()
                    on:input=move |ev| {
                        let raw = event_target_value(&ev);
                        let t = raw.trim();
                        match crate::components::fields::parse_int(t) {
                            _ if t.is_empty() => set(None),
                            Ok(v) if v >= 0 => set(Some(v)),
                            r => refused.set(Some(format!(
                                "\"{t}\" {}: the what-if keeps its last value.",
                                r.err().unwrap_or("is before the start (a second cannot be negative)")
                            ))),
                        }
                    }
                />
                " s "
                <button
                    type="button"
                    class="button button--quiet"
                    data-testid="alarm-clear"
                    disabled=move || alarm.get().is_none()
                    on:click=move |_| set(None)
                >
                    "No alarm"
                </button>
            </p>
            <When when=move || refused.with(Option::is_some)>
                <p class="field-finding field-finding--error" role="alert" data-testid="alarm-trip-error">{move || refused.get()}</p>
            </When>
            <p class="whatif__detect" data-testid="alarm-detection">{detection}</p>
        </div>
    }
}

/// What the design's alarm definitions do to the what-if: when the problem starts, when the
/// first rollback alarm can trip, and the latest start a rollback still catches.
fn detection_words(sim: &crate::core::simulate::Simulation) -> String {
    use crate::core::format::humane_duration as h;
    let mut out = String::new();
    if let (Some(p), Some(a)) = (sim.problem_at, sim.alarm_at) {
        if a > p {
            out.push_str(&format!(
                "The problem starts at {}; the fastest rollback alarm can trip {} later, at {}. ",
                h(p),
                h(a - p),
                h(a)
            ));
        }
    }
    if let Some(l) = sim.latest_caught_start {
        out.push_str(&format!(
            "A problem must start by {} to be caught before all traffic is on the new fleet.",
            h(l)
        ));
    }
    out
}

#[component]
fn Notes() -> impl IntoView {
    let designer = expect_context::<Designer>();
    view! {
        <details class="assumptions" open>
            <summary>"What this simulation assumes"</summary>
            <ul>
                {move || designer.sim.with(|s| s.notes.iter().map(|n| view! { <li class="assumptions__note">{n.clone()}</li> }).collect_view())}
                {ASSUMPTIONS.iter().map(|a| view! { <li>{*a}</li> }).collect_view()}
            </ul>
        </details>
    }
}

#[component]
fn VariantResults() -> impl IntoView {
    let designer = expect_context::<Designer>();
    let several = Memo::new(move |_| designer.sim.with(|s| s.variants.len() > 1));
    view! {
        <When when=move || several.get()>
            <details class="variant-results" open>
                <summary>"Per variant"</summary>
                <table class="table">
                    <thead>
                        <tr>
                            <th scope="col">"Variant"</th>
                            <th scope="col">"Instances before → after"</th>
                            <th scope="col">"Steps"</th>
                            <th scope="col">"Duration"</th>
                            <th scope="col">"Outcome"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {move || {
                            designer
                                .sim
                                .with(|s| {
                                    s.variants
                                        .iter()
                                        .map(|v| {
                                            view! {
                                                <tr>
                                                    <th scope="row">{v.name.clone()}</th>
                                                    <td>{format!("{} → {}", v.old_fleet, v.new_fleet)}</td>
                                                    <td>{v.steps}</td>
                                                    <td>{humane_duration(v.summary.total_seconds)}</td>
                                                    <td>{outcome_words(v.summary.outcome)}</td>
                                                </tr>
                                            }
                                        })
                                        .collect_view()
                                })
                        }}
                    </tbody>
                </table>
            </details>
        </When>
    }
}

