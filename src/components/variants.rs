//! Editor of the endpoint's variants before (current) and after (new config) the update.

use std::sync::Arc;

use leptos::prelude::*;

use crate::components::fields::{FieldFindings, IntField, Scope, TextField};
use crate::components::form::{HiddenRows, MAX_ROWS};
use crate::components::when::{AfterFirstPaint, When};
use crate::core::edit;
use crate::core::limits;
use crate::core::model::{DesignDocument, ProductionVariant, ServerlessConfig};
use crate::state::{field_id, firewall, related, Designer};

fn list(d: &DesignDocument, new_variants: bool) -> &Vec<ProductionVariant> {
    if new_variants {
        &d.endpoint.new_variants
    } else {
        &d.endpoint.current_variants
    }
}

fn list_mut(d: &mut DesignDocument, new_variants: bool) -> &mut Vec<ProductionVariant> {
    if new_variants {
        &mut d.endpoint.new_variants
    } else {
        &mut d.endpoint.current_variants
    }
}

fn variant(d: &DesignDocument, new_variants: bool, i: usize) -> Option<&ProductionVariant> {
    list(d, new_variants).get(i)
}

fn with_variant(
    d: &mut DesignDocument,
    new_variants: bool,
    i: usize,
    f: impl FnOnce(&mut ProductionVariant),
) {
    if let Some(v) = list_mut(d, new_variants).get_mut(i) {
        f(v);
    }
}

fn serverless_mut(v: &mut ProductionVariant) -> &mut ServerlessConfig {
    v.serverless_config.get_or_insert_with(Default::default)
}

/// The instance types of the service model, for type-ahead (rendered once per page). Its
/// 270 options are drawn after the first paint: nobody types an instance type before it.
#[component]
pub fn InstanceTypeList() -> impl IntoView {
    view! {
        <datalist id="instance-types">
            <AfterFirstPaint>
                {limits::INSTANCE_TYPES.iter().map(|t| view! { <option value=*t></option> }).collect_view()}
            </AfterFirstPaint>
        </datalist>
    }
}

/// The current or the new variants.
#[component]
pub fn VariantsEditor(
    /// True for the new config's variants, false for the current ones.
    new_variants: bool,
) -> impl IntoView {
    let designer = expect_context::<Designer>();
    // The rows read the list through a firewall: an edit outside the list does not visit them.
    let variants = firewall(move || designer.doc.with(|d| list(d, new_variants).clone()));
    let len = Memo::new(move |_| variants.with(Vec::len));
    let (title, key) = if new_variants {
        ("New config's variants", "NewVariants")
    } else {
        ("Current variants", "CurrentVariants")
    };
    let list_path = format!("Endpoint.{key}");
    view! {
        <fieldset class="variants">
            <legend class="subcard__title">{title}</legend>
            <FieldFindings path=list_path exact=true />
            <For each=move || 0..len.get().min(MAX_ROWS) key=|i| *i let:i>
                <VariantRow new_variants=new_variants index=i variants=variants />
            </For>
            <HiddenRows
                len=len
                what="variants"
                allowed=10
                on_trim=Callback::new(move |_| designer.edit(|d| list_mut(d, new_variants).truncate(10)))
            />
            <div class="field__actions">
                <button
                    type="button"
                    class="button button--quiet"
                    on:click=move |_| {
                        designer.edit(|d| {
                            let n = list(d, new_variants).len() + 1;
                            list_mut(d, new_variants).push(ProductionVariant::instances(&format!("Variant{n}"), "ml.m5.xlarge", 1));
                        })
                    }
                >
                    "Add a variant"
                </button>
                {new_variants
                    .then(|| {
                        view! {
                            <button
                                type="button"
                                class="button button--quiet"
                                on:click=move |_| designer.edit(|d| d.endpoint.new_variants = d.endpoint.current_variants.clone())
                            >
                                "Same as current"
                            </button>
                        }
                    })}
            </div>
        </fieldset>
    }
}

#[component]
fn VariantRow(
    new_variants: bool,
    index: usize,
    /// The list the row belongs to (see `firewall`).
    variants: Signal<Vec<ProductionVariant>>,
) -> impl IntoView {
    let designer = expect_context::<Designer>();
    let key = if new_variants {
        "NewVariants"
    } else {
        "CurrentVariants"
    };
    let base = format!("Endpoint.{key}[{index}]");
    // The row's one subscription to its list; its fields and memos read through it.
    let row = Memo::new(move |_| variants.with(|l| l.get(index).cloned()));
    let base_f = base.clone();
    let row_findings = Memo::new(move |_| {
        designer.field_findings.with(|fs| {
            fs.iter()
                .filter(|f| related(&f.path, &base_f))
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let scope = move || Scope {
        track: Arc::new(move || row.track()),
        findings: row_findings.into(),
    };
    let serverless =
        Memo::new(move |_| row.with(|v| v.as_ref().is_some_and(|v| v.is_serverless())));
    let toggle_id = field_id(&format!("{base}.ServerlessConfig"));
    let weight_path = format!("{base}.InitialVariantWeight");
    let weight_id = field_id(&weight_path);
    let weight = Memo::new(move |_| {
        row.with(|v| {
            v.as_ref()
                .and_then(|v| v.initial_variant_weight)
                .map(|w| w.to_string())
                .unwrap_or_default()
        })
    });
    let accel_path = format!("{base}.AcceleratorType");
    let accel_id = field_id(&accel_path);
    let accel = Memo::new(move |_| {
        row.with(|v| {
            v.as_ref()
                .and_then(|v| v.accelerator_type.clone())
                .unwrap_or_default()
        })
    });
    let base2 = base.clone();
    let type_path = format!("{base}.InstanceType");
    let count_path = format!("{base}.InitialInstanceCount");
    view! {
        <div class="variant">
            <div class="variant__grid">
                <TextField
                    label="VariantName"
                    path=format!("{base}.VariantName")
                    scope=scope()
                    get=move |d| variant(d, new_variants, index).and_then(|v| v.variant_name.clone())
                    set=move |d, val| with_variant(d, new_variants, index, |v| v.variant_name = val)
                />
                <When
                    when=move || !serverless.get()
                    fallback=move || {
                        let b = base2.clone();
                        view! {
                            <IntField
                                label="MemorySizeInMB"
                                path=format!("{b}.ServerlessConfig.MemorySizeInMB")
                                range=limits::SERVERLESS_MEMORY_SIZE_IN_MB
                                scope=scope()
                                get=move |d| variant(d, new_variants, index).and_then(|v| v.serverless_config.as_ref()).and_then(|s| s.memory_size_in_mb)
                                set=move |d, val| with_variant(d, new_variants, index, |v| serverless_mut(v).memory_size_in_mb = val)
                            />
                            <IntField
                                label="MaxConcurrency"
                                path=format!("{b}.ServerlessConfig.MaxConcurrency")
                                range=limits::SERVERLESS_MAX_CONCURRENCY
                                scope=scope()
                                get=move |d| variant(d, new_variants, index).and_then(|v| v.serverless_config.as_ref()).and_then(|s| s.max_concurrency)
                                set=move |d, val| with_variant(d, new_variants, index, |v| serverless_mut(v).max_concurrency = val)
                            />
                        }
                    }
                >
                    <TextField
                        label="InstanceType"
                        path=type_path.clone()
                        list="instance-types"
                        placeholder="ml.m5.xlarge"
                        scope=scope()
                        get=move |d| variant(d, new_variants, index).and_then(|v| v.instance_type.clone())
                        set=move |d, val| with_variant(d, new_variants, index, |v| v.instance_type = val)
                    />
                    <IntField
                        label="InitialInstanceCount"
                        path=count_path.clone()
                        range=limits::INITIAL_TASK_COUNT
                        scope=scope()
                        get=move |d| variant(d, new_variants, index).and_then(|v| v.initial_instance_count)
                        set=move |d, val| with_variant(d, new_variants, index, |v| v.initial_instance_count = val)
                    />
                </When>
                <div class="field field--number">
                    <label class="field__label" for=weight_id.clone()>"InitialVariantWeight"</label>
                    <input
                        class="field__input"
                        type="number"
                        min="0"
                        step="0.1"
                        id=weight_id
                        prop:value=move || weight.get()
                        on:input=move |ev| {
                            let raw = event_target_value(&ev);
                            let v = raw.trim().parse::<f64>().ok().filter(|w| w.is_finite());
                            if raw.trim().is_empty() || v.is_some() {
                                designer.edit(|d| with_variant(d, new_variants, index, |var| var.initial_variant_weight = v));
                            }
                        }
                    />
                    <FieldFindings path=weight_path source=row_findings />
                </div>
                <When when=move || !serverless.get()>
                    <div class="field">
                        <label class="field__label" for=accel_id.clone()>"Elastic Inference"</label>
                        <select
                            class="field__input"
                            id=accel_id.clone()
                            prop:value=move || accel.get()
                            on:change=move |ev| {
                                let v = event_target_value(&ev);
                                designer.edit(|d| with_variant(d, new_variants, index, |var| var.accelerator_type = if v.is_empty() { None } else { Some(v) }));
                            }
                        >
                            <option value="" selected=move || accel.get().is_empty()>"none"</option>
                            {limits::ACCELERATOR_TYPES
                                .iter()
                                .map(|t| view! { <option value=*t selected=move || accel.get() == *t>{*t}</option> })
                                .collect_view()}
                        </select>
                        <FieldFindings path=accel_path.clone() source=row_findings />
                    </div>
                </When>
            </div>
            <div class="variant__actions">
                <div class="field--check">
                    <input
                        type="checkbox"
                        id=toggle_id.clone()
                        prop:checked=move || serverless.get()
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            designer.edit(|d| edit::set_serverless(d, new_variants, index, on));
                        }
                    />
                    <label for=toggle_id>"Serverless"</label>
                </div>
                <button
                    type="button"
                    class="button button--quiet"
                    aria-label=format!("Remove variant {}", index + 1)
                    on:click=move |_| {
                        designer.edit(|d| {
                            let l = list_mut(d, new_variants);
                            if index < l.len() {
                                l.remove(index);
                            }
                        })
                    }
                >
                    "Remove"
                </button>
            </div>
            <FieldFindings path=base exact=true source=row_findings />
        </div>
    }
}
