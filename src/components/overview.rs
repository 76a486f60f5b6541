//! The design at a glance: shown instead of the form when reviewing a shared link, and on
//! the printed review sheet.

use leptos::prelude::*;

use crate::core::overview::overview;
use crate::state::Designer;

/// The read-only overview of the design.
#[component]
pub fn DesignOverview() -> impl IntoView {
    let designer = expect_context::<Designer>();
    let lines = Memo::new(move |_| designer.doc.with(overview));
    view! {
        <section class="card overview" class:overview--print-only=move || !designer.review.get() aria-labelledby="overview-title">
            <h2 class="card__title" id="overview-title">"The design"</h2>
            <dl class="overview__list" data-testid="design-overview">
                {move || {
                    lines
                        .get()
                        .into_iter()
                        .map(|(k, v)| view! { <div class="overview__row"><dt>{k}</dt><dd>{v}</dd></div> })
                        .collect_view()
                }}
            </dl>
        </section>
    }
}
