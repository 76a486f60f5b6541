//! The design form: every member of the request, the endpoint context and the simulation
//! settings, in the order a person decides them.

use std::sync::Arc;

use leptos::prelude::*;

use crate::components::fields::{
    BoolField, FieldFindings, HelpToggle, IntField, Scope, SizeField, TextField,
};
use crate::components::variants::VariantsEditor;
use crate::components::when::{AfterFirstPaint, When};
use crate::core::edit;
use crate::core::hints::{size_hint, SizeField as Size};
use crate::core::limits;
use crate::core::model::*;
use crate::state::{field_id, firewall, Designer};

const BG: &str = "DeploymentConfig.BlueGreenUpdatePolicy";
const ROUTING: &str = "DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration";
const ROLLING: &str = "DeploymentConfig.RollingUpdatePolicy";
const ALARMS: &str = "DeploymentConfig.AutoRollbackConfiguration.Alarms";

/// Rows a list shows at most. The API allows 10 alarms, 10 variants and 3 properties; an
/// imported list of thousands is shown by its start, so the page stays responsive.
pub const MAX_ROWS: usize = 50;

/// The line under a list that shows only its first `MAX_ROWS` rows.
#[component]
pub fn HiddenRows(
    /// How many items the list has.
    #[prop(into)]
    len: Signal<usize>,
    /// What an item is called, plural.
    what: &'static str,
    /// How many the API allows.
    allowed: usize,
    /// Drops every item past the ones the API allows.
    on_trim: Callback<()>,
) -> impl IntoView {
    view! {
        <When when=move || { len.get() > MAX_ROWS }>
            <p class="field-finding field-finding--warning">
                {move || format!("Showing the first {MAX_ROWS} of {} {what}; the API allows at most {allowed}.", len.get())}
                " "
                <button type="button" class="button button--quiet" on:click=move |_| on_trim.run(())>
                    {format!("Keep the first {allowed}")}
                </button>
            </p>
        </When>
    }
}

fn bg(d: &DesignDocument) -> Option<&BlueGreenUpdatePolicy> {
    d.request
        .deployment_config
        .as_ref()?
        .blue_green_update_policy
        .as_ref()
}
fn routing(d: &DesignDocument) -> Option<&TrafficRoutingConfig> {
    bg(d)?.traffic_routing_configuration.as_ref()
}
fn rolling(d: &DesignDocument) -> Option<&RollingUpdatePolicy> {
    d.request
        .deployment_config
        .as_ref()?
        .rolling_update_policy
        .as_ref()
}
fn alarm_list(d: &DesignDocument) -> Option<&Vec<Alarm>> {
    d.request
        .deployment_config
        .as_ref()?
        .auto_rollback_configuration
        .as_ref()?
        .alarms
        .as_ref()
}

/// The whole form.
#[component]
pub fn DesignForm() -> impl IntoView {
    let designer = expect_context::<Designer>();
    view! {
        <form class="form" on:submit=|ev| ev.prevent_default() novalidate>
            <RequestSection />
            <StrategySection />
            // The cards below the first screen are drawn right after the first frame.
            <AfterFirstPaint>
            <AlarmsSection />
            <section class="card">
                <h2 class="card__title">"The endpoint" <HelpToggle topic="Variants" /></h2>
                <p class="card__intro">
                    "Not part of the request: what the endpoint runs now and what the new configuration says. Sizes and the simulation depend on it."
                </p>
                <TextField
                    label="Current endpoint config (for reference)"
                    path="Endpoint.CurrentEndpointConfigName"
                    get=|d| d.endpoint.current_endpoint_config_name.clone()
                    set=|d, v| d.endpoint.current_endpoint_config_name = v
                />
                <VariantsEditor new_variants=false />
                <VariantsEditor new_variants=true />
                <crate::components::remote::RemoteSection
                    kind="quotas"
                    class="quotas"
                    summary="Account quotas: instances for endpoint usage"
                    auto_open=Signal::derive(move || designer.doc.with(|d| !d.endpoint.quotas.is_empty()))
                />
                <MarketplaceToggle />
            </section>
            <SimulationSection />
            </AfterFirstPaint>
        </form>
    }
}

#[component]
fn RequestSection() -> impl IntoView {
    view! {
        <section class="card">
            <h2 class="card__title">"Request"</h2>
            <TextField
                label="EndpointName"
                path="EndpointName"
                help_topic="EndpointName"
                placeholder="my-endpoint"
                get=|d| d.request.endpoint_name.clone()
                set=|d, v| d.request.endpoint_name = v
            />
            <TextField
                label="EndpointConfigName (the new config)"
                path="EndpointConfigName"
                help_topic="EndpointConfigName"
                placeholder="my-endpoint-config-v2"
                get=|d| d.request.endpoint_config_name.clone()
                set=|d, v| d.request.endpoint_config_name = v
            />
            <BoolField
                label="RetainAllVariantProperties"
                path="RetainAllVariantProperties"
                help_topic="RetainAllVariantProperties"
                get=|d| d.request.retain_all_variant_properties
                set=|d, v| d.request.retain_all_variant_properties = v
            />
            <ExcludedProperties />
            <BoolField
                label="RetainDeploymentConfig"
                path="RetainDeploymentConfig"
                help_topic="RetainDeploymentConfig"
                get=|d| d.request.retain_deployment_config
                set=|d, v| d.request.retain_deployment_config = v
            />
        </section>
    }
}

/// `ExcludeRetainedVariantProperties`, as an editable list (duplicates and order are kept
/// as typed, so that what is validated is what is sent).
#[component]
fn ExcludedProperties() -> impl IntoView {
    let designer = expect_context::<Designer>();
    let len = Memo::new(move |_| {
        designer.doc.with(|d| {
            d.request
                .exclude_retained_variant_properties
                .as_ref()
                .map_or(0, Vec::len)
        })
    });
    let present = Memo::new(move |_| {
        designer
            .doc
            .with(|d| d.request.exclude_retained_variant_properties.is_some())
    });
    view! {
        <fieldset class="field field--list">
            <legend class="field__label">
                "ExcludeRetainedVariantProperties"
                <HelpToggle topic="ExcludeRetainedVariantProperties" />
            </legend>
            <For each=move || 0..len.get().min(MAX_ROWS) key=|i| *i let:i>
                <ExcludedProperty index=i />
            </For>
            <HiddenRows
                len=len
                what="properties"
                allowed=3
                on_trim=Callback::new(move |_| {
                    designer.edit(|d| {
                        if let Some(l) = d.request.exclude_retained_variant_properties.as_mut() {
                            l.truncate(3)
                        }
                    })
                })
            />
            <div class="field__actions">
                <button
                    type="button"
                    class="button button--quiet"
                    on:click=move |_| {
                        designer.edit(|d| {
                            d.request
                                .exclude_retained_variant_properties
                                .get_or_insert_with(Vec::new)
                                .push(VariantProperty { variant_property_type: Some(VariantPropertyType::DesiredInstanceCount) })
                        });
                        designer.touch("ExcludeRetainedVariantProperties");
                    }
                >
                    "Add a property"
                </button>
                <When when=move || present.get() && len.get() == 0>
                    <button
                        type="button"
                        class="button button--quiet"
                        on:click=move |_| designer.edit(|d| d.request.exclude_retained_variant_properties = None)
                    >
                        "Remove the empty list"
                    </button>
                </When>
            </div>
            <FieldFindings path="ExcludeRetainedVariantProperties" exact=true />
        </fieldset>
    }
}

#[component]
fn ExcludedProperty(index: usize) -> impl IntoView {
    let designer = expect_context::<Designer>();
    let path = format!("ExcludeRetainedVariantProperties[{index}].VariantPropertyType");
    let id = field_id(&path);
    let value = Memo::new(move |_| {
        designer.doc.with(|d| {
            d.request
                .exclude_retained_variant_properties
                .as_ref()
                .and_then(|l| l.get(index))
                .and_then(|p| p.variant_property_type.as_ref())
                .map(|t| t.wire().to_string())
                .unwrap_or_default()
        })
    });
    let p = path.clone();
    view! {
        <div class="list-item">
            <label class="visually-hidden" for=id.clone()>{format!("Excluded property {}", index + 1)}</label>
            <select
                class="field__input"
                id=id
                prop:value=move || value.get()
                on:change=move |ev| {
                    let v = event_target_value(&ev);
                    designer.edit(|d| {
                        if let Some(item) = d.request.exclude_retained_variant_properties.as_mut().and_then(|l| l.get_mut(index)) {
                            item.variant_property_type = if v.is_empty() { None } else { Some(VariantPropertyType::from_wire(&v)) };
                        }
                    });
                    designer.touch(&p);
                }
            >
                {VariantPropertyType::WIRE
                    .iter()
                    .map(|w| view! { <option value=*w selected=move || value.get() == *w>{*w}</option> })
                    .collect_view()}
                <option value="" selected=move || value.get().is_empty()>"(no type)"</option>
            </select>
            <button
                type="button"
                class="button button--quiet"
                aria-label=format!("Remove excluded property {}", index + 1)
                on:click=move |_| {
                    designer.edit(|d| {
                        if let Some(l) = d.request.exclude_retained_variant_properties.as_mut() {
                            if index < l.len() {
                                l.remove(index);
                            }
                        }
                    })
                }
            >
                "Remove"
            </button>
            <FieldFindings path=path />
        </div>
    }
}

#[component]
fn StrategySection() -> impl IntoView {
    let designer = expect_context::<Designer>();
    let strategy = Memo::new(move |_| designer.doc.with(|d| d.request.strategy()));
    let has_bg = Memo::new(move |_| designer.doc.with(|d| bg(d).is_some()));
    let has_rolling = Memo::new(move |_| designer.doc.with(|d| rolling(d).is_some()));
    let choices: [(Strategy, &str, &str); 5] = [
        (Strategy::Default, "No policy (default)", "strategy.Default"),
        (Strategy::AllAtOnce, "All at once", "strategy.AllAtOnce"),
        (Strategy::Canary, "Canary", "strategy.Canary"),
        (Strategy::Linear, "Linear", "strategy.Linear"),
        (Strategy::Rolling, "Rolling", "strategy.Rolling"),
    ];
    let help_topic = move || match strategy.get() {
        Strategy::Default => "strategy.Default",
        Strategy::AllAtOnce => "strategy.AllAtOnce",
        Strategy::Canary => "strategy.Canary",
        Strategy::Linear => "strategy.Linear",
        Strategy::Rolling => "strategy.Rolling",
    };
    view! {
        <section class="card">
            <h2 class="card__title">"Deployment strategy"</h2>
            <fieldset class="strategy" data-testid="strategy">
                <legend class="visually-hidden">"Strategy"</legend>
                {choices
                    .into_iter()
                    .map(|(s, label, _)| {
                        let id = format!("strategy-{}", label.split_whitespace().next().unwrap_or("x").to_ascii_lowercase());
                        view! {
                            <div class="strategy__choice">
                                <input
                                    type="radio"
                                    name="strategy"
                                    id=id.clone()
                                    value=label
                                    prop:checked=move || strategy.get() == s
                                    on:change=move |_| designer.switch_strategy(s)
                                />
                                <label for=id>{label}</label>
                            </div>
                        }
                    })
                    .collect_view()}
            </fieldset>
            {move || {
                let topic = help_topic();
                view! { <div class="strategy__help"><HelpToggle topic=topic /><span class="strategy__help-label">{format!("About {}", strategy.get().label())}</span></div> }
            }}
            <FieldFindings path="DeploymentConfig" exact=true />
            <When when=move || has_bg.get()>
                <BlueGreenFields />
            </When>
            <When when=move || has_rolling.get()>
                <RollingFields />
            </When>
        </section>
    }
}

#[component]
fn BlueGreenFields() -> impl IntoView {
    let designer = expect_context::<Designer>();
    let routing_type = Memo::new(move |_| {
        designer
            .doc
            .with(|d| routing(d).and_then(|r| r.type_.clone()))
    });
    let canary_hint = Signal::derive(move || designer.doc.with(|d| size_hint(d, Size::Canary)));
    let linear_hint = Signal::derive(move || designer.doc.with(|d| size_hint(d, Size::LinearStep)));
    let show_canary = move || {
        routing_type.get() == Some(TrafficRoutingConfigType::Canary)
            || designer
                .doc
                .with(|d| routing(d).is_some_and(|r| r.canary_size.is_some()))
    };
    let show_linear = move || {
        routing_type.get() == Some(TrafficRoutingConfigType::Linear)
            || designer
                .doc
                .with(|d| routing(d).is_some_and(|r| r.linear_step_size.is_some()))
    };
    view! {
        <div class="subcard">
            <h3 class="subcard__title">"Blue/green update policy"</h3>
            <FieldFindings path=BG exact=true />
            <FieldFindings path=ROUTING exact=true />
            <FieldFindings path=format!("{ROUTING}.Type") />
            <IntField
                label="WaitIntervalInSeconds (bake after each step)"
                path=format!("{ROUTING}.WaitIntervalInSeconds")
                unit="s"
                range=limits::WAIT_INTERVAL_IN_SECONDS
                help_topic="WaitIntervalInSeconds"
                seconds=true
                get=|d| routing(d).and_then(|r| r.wait_interval_in_seconds)
                set=|d, v| edit::routing(d).wait_interval_in_seconds = v
            />
            <When when=show_canary>
                <SizeField
                    label="CanarySize"
                    path=format!("{ROUTING}.CanarySize")
                    help_topic="CanarySize"
                    hint=canary_hint
                    get=|d| routing(d).and_then(|r| r.canary_size.clone())
                    set=|d, v| edit::routing(d).canary_size = v
                />
            </When>
            <When when=show_linear>
                <SizeField
                    label="LinearStepSize"
                    path=format!("{ROUTING}.LinearStepSize")
                    help_topic="LinearStepSize"
                    hint=linear_hint
                    get=|d| routing(d).and_then(|r| r.linear_step_size.clone())
                    set=|d, v| edit::routing(d).linear_step_size = v
                />
            </When>
            <IntField
                label="TerminationWaitInSeconds"
                path=format!("{BG}.TerminationWaitInSeconds")
                unit="s"
                range=limits::TERMINATION_WAIT_IN_SECONDS
                help_topic="TerminationWaitInSeconds"
                seconds=true
                get=|d| bg(d).and_then(|b| b.termination_wait_in_seconds)
                set=|d, v| edit::blue_green(d).termination_wait_in_seconds = v
            />
            <IntField
                label="MaximumExecutionTimeoutInSeconds"
                path=format!("{BG}.MaximumExecutionTimeoutInSeconds")
                unit="s"
                range=limits::MAXIMUM_EXECUTION_TIMEOUT_IN_SECONDS
                help_topic="MaximumExecutionTimeoutInSeconds"
                seconds=true
                get=|d| bg(d).and_then(|b| b.maximum_execution_timeout_in_seconds)
                set=|d, v| edit::blue_green(d).maximum_execution_timeout_in_seconds = v
            />
        </div>
    }
}

#[component]
fn RollingFields() -> impl IntoView {
    let designer = expect_context::<Designer>();
    let batch_hint =
        Signal::derive(move || designer.doc.with(|d| size_hint(d, Size::RollingBatch)));
    let rollback_hint =
        Signal::derive(move || designer.doc.with(|d| size_hint(d, Size::RollbackBatch)));
    let has_rollback = Memo::new(move |_| {
        designer
            .doc
            .with(|d| rolling(d).is_some_and(|r| r.rollback_maximum_batch_size.is_some()))
    });
    view! {
        <div class="subcard">
            <h3 class="subcard__title">"Rolling update policy"</h3>
            <FieldFindings path=ROLLING exact=true />
            <SizeField
                label="MaximumBatchSize"
                path=format!("{ROLLING}.MaximumBatchSize")
                help_topic="MaximumBatchSize"
                hint=batch_hint
                get=|d| rolling(d).and_then(|r| r.maximum_batch_size.clone())
                set=|d, v| edit::rolling(d).maximum_batch_size = v
            />
            <IntField
                label="WaitIntervalInSeconds (bake after each batch)"
                path=format!("{ROLLING}.WaitIntervalInSeconds")
                unit="s"
                range=limits::WAIT_INTERVAL_IN_SECONDS
                help_topic="WaitIntervalInSeconds"
                seconds=true
                get=|d| rolling(d).and_then(|r| r.wait_interval_in_seconds)
                set=|d, v| edit::rolling(d).wait_interval_in_seconds = v
            />
            <IntField
                label="MaximumExecutionTimeoutInSeconds"
                path=format!("{ROLLING}.MaximumExecutionTimeoutInSeconds")
                unit="s"
                range=limits::MAXIMUM_EXECUTION_TIMEOUT_IN_SECONDS
                help_topic="MaximumExecutionTimeoutInSeconds"
                seconds=true
                get=|d| rolling(d).and_then(|r| r.maximum_execution_timeout_in_seconds)
                set=|d, v| edit::rolling(d).maximum_execution_timeout_in_seconds = v
            />
            <div class="field field--check">
                <input
                    type="checkbox"
                    id="rollback-batch-toggle"
                    prop:checked=move || has_rollback.get()
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        designer.edit(|d| {
                            edit::rolling(d).rollback_maximum_batch_size = if on { Some(CapacitySize::percent(50)) } else { None };
                        });
                    }
                />
                <label for="rollback-batch-toggle">"Roll back in batches (RollbackMaximumBatchSize)"</label>
            </div>
            <When when=move || has_rollback.get()>
                <SizeField
                    label="RollbackMaximumBatchSize"
                    path=format!("{ROLLING}.RollbackMaximumBatchSize")
                    help_topic="RollbackMaximumBatchSize"
                    hint=rollback_hint
                    get=|d| rolling(d).and_then(|r| r.rollback_maximum_batch_size.clone())
                    set=|d, v| edit::rolling(d).rollback_maximum_batch_size = v
                />
            </When>
        </div>
    }
}

#[component]
fn AlarmsSection() -> impl IntoView {
    let designer = expect_context::<Designer>();
    // The rows read the alarms through a firewall: an edit elsewhere does not visit them.
    let alarms = firewall(move || {
        designer
            .doc
            .with(|d| alarm_list(d).cloned().unwrap_or_default())
    });
    let len = Memo::new(move |_| alarms.with(Vec::len));
    view! {
        <section class="card">
            <h2 class="card__title">"Auto-rollback alarms" <HelpToggle topic="Alarms" /></h2>
            <FieldFindings path=ALARMS exact=true />
            <ol class="alarms">
                <For each=move || 0..len.get().min(MAX_ROWS) key=|i| *i let:i>
                    <AlarmRow index=i alarms=alarms />
                </For>
            </ol>
            <HiddenRows
                len=len
                what="alarms"
                allowed=10
                on_trim=Callback::new(move |_| designer.edit(|d| edit::alarms(d).truncate(10)))
            />
            <button
                type="button"
                class="button"
                data-testid="alarm-add"
                on:click=move |_| {
                    let n = len.get_untracked();
                    designer.edit(|d| edit::alarms(d).push(Alarm { alarm_name: None }));
                    // Put the cursor in the new row.
                    let id = field_id(&format!("{ALARMS}[{n}].AlarmName"));
                    request_animation_frame(move || {
                        crate::browser::focus_id(&id);
                    });
                }
            >
                "Add an alarm"
            </button>
            <crate::components::remote::RemoteSection
                kind="alarm-definitions"
                class="alarm-defs"
                summary="Alarm definitions: when each alarm can trip"
                auto_open=Signal::derive(move || designer.doc.with(|d| !d.alarms.is_empty()))
            />
        </section>
    }
}

#[component]
fn AlarmRow(
    index: usize,
    /// The alarm list (see `firewall`).
    alarms: Signal<Vec<Alarm>>,
) -> impl IntoView {
    let designer = expect_context::<Designer>();
    let scope = Scope {
        track: Arc::new(move || alarms.track()),
        findings: designer.field_findings,
    };
    view! {
        <li class="alarms__row">
            <TextField
                label="AlarmName"
                path=format!("{ALARMS}[{index}].AlarmName")
                placeholder="my-endpoint-5xx-errors"
                scope=scope
                get=move |d| alarm_list(d).and_then(|l| l.get(index)).and_then(|a| a.alarm_name.clone())
                set=move |d, v| {
                    if let Some(a) = edit::alarms(d).get_mut(index) {
                        a.alarm_name = v;
                    }
                }
            />
            <button
                type="button"
                class="button button--quiet"
                aria-label=format!("Remove alarm {}", index + 1)
                on:click=move |_| {
                    designer.edit(|d| {
                        let l = edit::alarms(d);
                        if index < l.len() {
                            l.remove(index);
                        }
                        edit::tidy(d);
                    })
                }
            >
                "Remove"
            </button>
        </li>
    }
}

#[component]
fn MarketplaceToggle() -> impl IntoView {
    let designer = expect_context::<Designer>();
    view! {
        <div class="field field--check">
            <input
                type="checkbox"
                id=field_id("Endpoint.UsesMarketplaceContainers")
                prop:checked=move || designer.doc.with(|d| d.endpoint.uses_marketplace_containers)
                on:change=move |ev| {
                    let on = event_target_checked(&ev);
                    designer.edit(|d| d.endpoint.uses_marketplace_containers = on);
                    designer.touch("Endpoint.UsesMarketplaceContainers");
                }
            />
            <label for=field_id("Endpoint.UsesMarketplaceContainers")>
                "The models use AWS Marketplace containers (guardrails do not apply)"
            </label>
            <FieldFindings path="Endpoint.UsesMarketplaceContainers" />
        </div>
    }
}

#[component]
fn SimulationSection() -> impl IntoView {
    view! {
        <section class="card">
            <h2 class="card__title">"Simulation"</h2>
            <p class="card__intro">
                "AWS does not publish how long instances take to come up; set what you see for your instance type and model size. The what-if (a problem at some second) is under the timeline."
            </p>
            <IntField
                label="Provisioning time of a batch of instances"
                path="Simulation.ProvisioningSeconds"
                unit="s"
                min=0
                seconds=true
                get=|d| Some(d.simulation.provisioning_seconds)
                set=|d, v| d.simulation.provisioning_seconds = v.unwrap_or(crate::core::model::DEFAULT_PROVISIONING_SECONDS)
            />
        </section>
    }
}
