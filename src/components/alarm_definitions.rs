//! The design's alarm definitions (Version 2's `Alarms`): each rollback alarm's metric,
//! period and threshold, and how soon after a problem starts it can trip. The panels module
//! (`crates/panels`, loaded on demand) draws it when the section is first opened, or when
//! the design holds definitions; the page's first view carries only the section's summary.

use std::sync::Arc;

use leptos::prelude::*;

use crate::components::fields::{FieldFindings, IntField, Scope, TextField};
use crate::core::alarms::{self, COMPARISONS, METRICS, STATISTICS, TREAT_MISSING};
use crate::core::format::humane_duration;
use crate::core::model::{DesignDocument, MetricAlarm};
use crate::state::{field_id, firewall, Designer};

fn def(d: &DesignDocument, i: usize) -> Option<&MetricAlarm> {
    d.alarms.get(i)
}

fn with_def(d: &mut DesignDocument, i: usize, f: impl FnOnce(&mut MetricAlarm)) {
    if let Some(a) = d.alarms.get_mut(i) {
        f(a);
    }
}

#[derive(Clone, Copy)]
enum Kind {
    Text,
    Int,
}

/// The members the editor shows, in `PutMetricAlarm`'s order, with a type-ahead list.
const FIELDS: &[(&str, Kind, Option<&str>)] = &[
    ("AlarmName", Kind::Text, None),
    ("Namespace", Kind::Text, None),
    ("MetricName", Kind::Text, None),
    ("Statistic", Kind::Text, Some("alarm-statistics")),
    ("Period", Kind::Int, None),
    ("EvaluationPeriods", Kind::Int, None),
    ("DatapointsToAlarm", Kind::Int, None),
    ("ComparisonOperator", Kind::Text, Some("alarm-comparisons")),
    ("TreatMissingData", Kind::Text, Some("alarm-missing-data")),
];

fn text_of(a: &MetricAlarm, member: &str) -> Option<String> {
    match member {
        "AlarmName" => a.alarm_name.clone(),
        "Namespace" => a.namespace.clone(),
        "MetricName" => a.metric_name.clone(),
        "Statistic" => a.statistic.clone(),
        "ComparisonOperator" => a.comparison_operator.clone(),
        "TreatMissingData" => a.treat_missing_data.clone(),
        _ => None,
    }
}

fn set_text(a: &mut MetricAlarm, member: &str, v: Option<String>) {
    match member {
        "AlarmName" => a.alarm_name = v,
        "Namespace" => a.namespace = v,
        "MetricName" => a.metric_name = v,
        "Statistic" => a.statistic = v,
        "ComparisonOperator" => a.comparison_operator = v,
        "TreatMissingData" => a.treat_missing_data = v,
        _ => {}
    }
}

fn int_of(a: &MetricAlarm, member: &str) -> Option<i64> {
    match member {
        "Period" => a.period,
        "EvaluationPeriods" => a.evaluation_periods,
        "DatapointsToAlarm" => a.datapoints_to_alarm,
        _ => None,
    }
}

fn set_int(a: &mut MetricAlarm, member: &str, v: Option<i64>) {
    match member {
        "Period" => a.period = v,
        "EvaluationPeriods" => a.evaluation_periods = v,
        "DatapointsToAlarm" => a.datapoints_to_alarm = v,
        _ => {}
    }
}

/// The alarm definitions' body, drawn by the panels module (`crates/panels`) inside the
/// page's "Alarm definitions" section (see `components::remote`).
#[component]
pub fn AlarmDefinitions() -> impl IntoView {
    let designer = expect_context::<Designer>();
    let defs = firewall(move || designer.doc.with(|d| d.alarms.clone()));
    let len = Memo::new(move |_| defs.with(Vec::len));
    // Rollback alarms the design lists but does not define.
    let undefined = Memo::new(move |_| {
        designer.doc.with(|d| {
            alarms::rollback_alarms(d)
                .into_iter()
                .filter(|(name, def)| def.is_none() && !name.trim().is_empty())
                .map(|(name, _)| name.to_string())
                .collect::<Vec<_>>()
        })
    });
    view! {
        <p class="card__intro">
            "An alarm can go to ALARM no sooner than Period × DatapointsToAlarm after a problem starts, plus about a minute for SageMaker to publish the metric. It must trip inside a bake to roll back."
        </p>
        <datalist id="alarm-statistics">
            {STATISTICS.iter().map(|s| view! { <option value=*s></option> }).collect_view()}
        </datalist>
        <datalist id="alarm-comparisons">
            {COMPARISONS.iter().map(|s| view! { <option value=*s></option> }).collect_view()}
        </datalist>
        <datalist id="alarm-missing-data">
            {TREAT_MISSING.iter().map(|s| view! { <option value=*s></option> }).collect_view()}
        </datalist>
        <ol class="alarm-defs__list">
            // Rebuilt only when the count changes (each row reads its own definition).
            {move || (0..len.get().min(crate::components::form::MAX_ROWS))
                .map(|i| view! { <AlarmDefinition index=i defs=defs /> })
                .collect_view()}
        </ol>
        <div class="alarm-defs__add">
            <p class="card__intro" hidden=move || undefined.with(Vec::is_empty)>
                {move || format!(
                    "Defined elsewhere: {}. The page cannot time them, so it assumes they trip as soon as a problem starts; define one here (its metric, Period, DatapointsToAlarm and dimensions) to check it against the bakes.",
                    undefined.get().join(", ")
                )}
            </p>
            {move || undefined.get().into_iter().map(|name| {
                let n = name.clone();
                view! {
                    <button
                        type="button"
                        class="button"
                        data-testid="alarm-define"
                        on:click=move |_| {
                            let n = n.clone();
                            designer.edit(|d| {
                                let a = alarms::preset(d, &n);
                                d.alarms.push(a);
                            });
                        }
                    >
                        {format!("Define {name}")}
                    </button>
                }
            }).collect_view()}
        </div>
    }
}

/// One definition: its metric, its numbers and how soon it can trip.
#[component]
fn AlarmDefinition(index: usize, defs: Signal<Vec<MetricAlarm>>) -> impl IntoView {
    let designer = expect_context::<Designer>();
    let scope = move || Scope {
        track: Arc::new(move || defs.track()),
        findings: designer.field_findings,
    };
    let base = format!("Alarms[{index}]");
    let row = Memo::new(move |_| defs.with(|l| l.get(index).cloned()));
    let name = Memo::new(move |_| row.with(|a| a.as_ref().and_then(|a| a.alarm_name.clone()).unwrap_or_default()));
    let detect = Memo::new(move |_| row.with(|a| a.as_ref().and_then(alarms::detect_seconds)));
    let timing = move || match (detect.get(), row.get()) {
        (Some(d), Some(a)) => format!(
            "Can trip {} after a problem starts: {} s × {} + {} s to publish the metric.",
            humane_duration(d),
            alarms::period(&a).unwrap_or(0),
            alarms::datapoints(&a),
            alarms::PUBLISH_SECONDS
        ),
        _ => "Give a Period to see when it can trip.".to_string(),
    };
    let dims = move || {
        row.with(|a| {
            let dims = a.as_ref().map(|a| a.dimensions.clone()).unwrap_or_default();
            if dims.is_empty() {
                "none".to_string()
            } else {
                dims.iter()
                    .map(|d| format!("{} = {}", d.name, d.value))
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        })
    };
    let preset_id = field_id(&format!("{base}.Preset"));
    let threshold_path = format!("{base}.Threshold");
    let threshold_id = field_id(&threshold_path);
    let threshold = Memo::new(move |_| row.with(|a| a.as_ref().and_then(|a| a.threshold).map(|t| t.to_string()).unwrap_or_default()));
    view! {
        <li
            class="alarm-def"
            data-testid="alarm-definition"
            data-alarm=move || name.get()
            data-detect-seconds=move || detect.get().map(|d| d.to_string()).unwrap_or_default()
        >
            <div class="alarm-def__grid">
                <div class="field">
                    <label class="field__label" for=preset_id.clone()>"SageMaker metric"</label>
                    <select
                        class="field__input"
                        id=preset_id
                        on:change=move |ev| {
                            let v = event_target_value(&ev);
                            if let Some(m) = METRICS.iter().find(|m| m.name == v) {
                                designer.edit(|d| {
                                    let mut a = d.alarms.get(index).cloned().unwrap_or_default();
                                    alarms::use_metric(d, &mut a, m);
                                    with_def(d, index, |x| *x = a);
                                });
                            }
                        }
                    >
                        <option value="" selected=move || row.with(|a| a.as_ref().and_then(|a| a.metric_name.as_deref()).is_none_or(|n| !METRICS.iter().any(|m| m.name == n)))>"Other (type below)"</option>
                        {METRICS.iter().map(|m| {
                            let n = m.name;
                            view! {
                                <option value=n selected=move || row.with(|a| a.as_ref().and_then(|a| a.metric_name.as_deref()) == Some(n))>
                                    {format!("{n}: {}", m.about)}
                                </option>
                            }
                        }).collect_view()}
                    </select>
                </div>
                // One call site per kind of field, over a table: each field is data, not code
                // of its own (the page's first view pays for every distinct view body).
                {FIELDS.iter().map(|&(member, kind, list)| {
                    let path = format!("{base}.{member}");
                    match kind {
                        Kind::Text => view! {
                            <TextField
                                label=member
                                path=path
                                list=list.unwrap_or("")
                                scope=scope()
                                get=move |d| def(d, index).and_then(|a| text_of(a, member))
                                set=move |d, v| with_def(d, index, |a| set_text(a, member, v))
                            />
                        }.into_any(),
                        Kind::Int => view! {
                            <IntField
                                label=member
                                path=path
                                min=1
                                scope=scope()
                                get=move |d| def(d, index).and_then(|a| int_of(a, member))
                                set=move |d, v| with_def(d, index, |a| set_int(a, member, v))
                            />
                        }.into_any(),
                    }
                }).collect_view()}
                <div class="field field--number">
                    <label class="field__label" for=threshold_id.clone()>"Threshold"</label>
                    <input
                        class="field__input"
                        type="number"
                        step="any"
                        id=threshold_id
                        prop:value=move || threshold.get()
                        on:input=move |ev| {
                            let raw = event_target_value(&ev);
                            let v = raw.trim().parse::<f64>().ok().filter(|t| t.is_finite());
                            if raw.trim().is_empty() || v.is_some() {
                                designer.edit(|d| with_def(d, index, |a| a.threshold = v));
                            }
                        }
                    />
                    <FieldFindings path=threshold_path.clone() />
                </div>
            </div>
            <p class="alarm-def__dims">
                "Dimensions: " {dims} " "
                <button
                    type="button"
                    class="button button--quiet"
                    on:click=move |_| {
                        designer.edit(|d| {
                            let ns = d.alarms.get(index).and_then(|a| a.namespace.clone()).unwrap_or_default();
                            let dims = alarms::new_fleet_dimensions(d, &ns);
                            with_def(d, index, |a| a.dimensions = dims);
                        })
                    }
                >
                    "Watch this design's new fleet"
                </button>
            </p>
            <FieldFindings path=format!("{base}.Dimensions") />
            <p class="alarm-def__timing" aria-live="polite">{timing}</p>
            <button
                type="button"
                class="button button--quiet"
                aria-label=move || format!("Remove the definition of {}", name.get())
                on:click=move |_| {
                    designer.edit(|d| {
                        if index < d.alarms.len() {
                            d.alarms.remove(index);
                        }
                    })
                }
            >
                "Remove definition"
            </button>
        </li>
    }
}
