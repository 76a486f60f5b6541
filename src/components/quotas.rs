//! The account's instance quotas (Version 2's `Endpoint.Quotas`): per instance type, the
//! quota "<type> for endpoint usage" and what other endpoints use of it, what the rollout
//! needs beside it, and the one-click changes that make it fit. The panels module draws it
//! (on demand) when the section is first opened, or when the design holds quotas.

use std::sync::Arc;

use leptos::prelude::*;

use crate::components::fields::{FieldFindings, IntField, Scope, TextField};
use crate::core::capacity::{fixes, Fix};
use crate::core::model::{DesignDocument, InstanceQuota};
use crate::state::{firewall, Designer};

fn with_quota(d: &mut DesignDocument, i: usize, f: impl FnOnce(&mut InstanceQuota)) {
    if let Some(q) = d.endpoint.quotas.get_mut(i) {
        f(q);
    }
}

/// The quotas' body, under the endpoint's variants, drawn by the panels module
/// (`crates/panels`) inside the page's "Account quotas" section.
#[component]
pub fn Quotas() -> impl IntoView {
    let designer = expect_context::<Designer>();
    let quotas = firewall(move || designer.doc.with(|d| d.endpoint.quotas.clone()));
    let len = Memo::new(move |_| quotas.with(Vec::len));
    // What the rollout needs of each type beside its quota.
    let lines = Memo::new(move |_| designer.sim.with(|s| s.capacity.lines.clone()));
    let offers = Memo::new(move |_| {
        designer.doc.with(|d| designer.sim.with(|s| fixes(d, s)))
    });
    view! {
        <p class="card__intro">
            "Blue/green runs the old and the new fleet side by side; a rolling update one batch more. Give each type's quota (Service Quotas, \"<type> for endpoint usage\") and what other endpoints already use of it, or paste the output of aws service-quotas list-service-quotas --service-code sagemaker into the import."
        </p>
        <FieldFindings path="Endpoint.Quotas" exact=true />
        <ol class="quotas__list">
            {move || (0..len.get().min(crate::components::form::MAX_ROWS))
                .map(|i| view! { <QuotaRow index=i quotas=quotas /> })
                .collect_view()}
        </ol>
        <ul class="quotas__needs" data-testid="capacity-needs">
            {move || lines.get().into_iter().map(|l| {
                let over = l.peak > l.available;
                view! {
                    <li class=if over { "quotas__need quotas__need--over" } else { "quotas__need" }>
                        {format!("{}: the rollout needs {} at its peak; the quota leaves {}.", l.instance_type, l.peak, l.available)}
                    </li>
                }
            }).collect_view()}
        </ul>
        <div class="quotas__fixes">
            {move || offers.get().into_iter().map(|f: Fix| {
                let label = designer.doc.with(|d| f.label(d));
                let fix = f.clone();
                view! {
                    <button
                        type="button"
                        class="button"
                        data-testid="capacity-fix"
                        on:click=move |_| {
                            let fixed = designer.doc.with(|d| fix.apply(d));
                            designer.edit(|d| *d = fixed);
                        }
                    >
                        {label}
                    </button>
                }
            }).collect_view()}
        </div>
        <button
            type="button"
            class="button button--quiet"
            data-testid="quota-add"
            on:click=move |_| {
                designer.edit(|d| {
                    let ty = d.endpoint.new_variants.first().and_then(|v| v.instance_type.clone());
                    d.endpoint.quotas.push(InstanceQuota { instance_type: ty, limit: None, in_use: Some(0) });
                })
            }
        >
            "Add a quota"
        </button>
    }
}

#[component]
fn QuotaRow(index: usize, quotas: Signal<Vec<InstanceQuota>>) -> impl IntoView {
    let designer = expect_context::<Designer>();
    let scope = move || Scope {
        track: Arc::new(move || quotas.track()),
        findings: designer.field_findings,
    };
    let base = format!("Endpoint.Quotas[{index}]");
    view! {
        <li class="quotas__row">
            <TextField
                label="InstanceType"
                path=format!("{base}.InstanceType")
                list="instance-types"
                scope=scope()
                get=move |d| d.endpoint.quotas.get(index).and_then(|q| q.instance_type.clone())
                set=move |d, v| with_quota(d, index, |q| q.instance_type = v)
            />
            <IntField
                label="Quota (instances)"
                path=format!("{base}.Limit")
                min=0
                scope=scope()
                get=move |d| d.endpoint.quotas.get(index).and_then(|q| q.limit)
                set=move |d, v| with_quota(d, index, |q| q.limit = v)
            />
            <IntField
                label="In use by other endpoints"
                path=format!("{base}.InUse")
                min=0
                scope=scope()
                get=move |d| d.endpoint.quotas.get(index).and_then(|q| q.in_use)
                set=move |d, v| with_quota(d, index, |q| q.in_use = v)
            />
            <button
                type="button"
                class="button button--quiet"
                aria-label=format!("Remove quota {}", index + 1)
                on:click=move |_| {
                    designer.edit(|d| {
                        if index < d.endpoint.quotas.len() {
                            d.endpoint.quotas.remove(index);
                        }
                    })
                }
            >
                "Remove"
            </button>
        </li>
    }
}
