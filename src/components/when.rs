//! `When`: Leptos's `<Show>` with its generics erased.
//!
//! `<Show>` is generic over its condition and its children, so every use put its own copy of
//! a memo and of the children's glue into the wasm (twiggy counted 18 copies of the children
//! closure alone, 31 KB before wasm-opt). Here the condition is a `Signal<bool>` and the
//! children are `ChildrenFn` / `ViewFn` (boxed closures): the memo and the switch exist once,
//! and each use adds only its own view. Like `<Show>`, the children are rebuilt only when the
//! condition flips, not whenever what it reads changes.

use leptos::prelude::*;

/// Shows `children` while `when` is true, else `fallback` (nothing by default).
#[component]
pub fn When(
    /// The condition (a closure or a signal).
    #[prop(into)]
    when: Signal<bool>,
    /// What shows while the condition holds.
    children: ChildrenFn,
    /// What shows otherwise.
    #[prop(optional, into)]
    fallback: ViewFn,
) -> impl IntoView {
    let when = Memo::new(move |_| when.get());
    move || {
        if when.get() {
            children()
        } else {
            fallback.run()
        }
    }
}

/// Shows `children` once the page has painted its first frame: for what nobody needs in it
/// (long lists for type-ahead), so that the first view is drawn and shown sooner.
#[component]
pub fn AfterFirstPaint(children: ChildrenFn) -> impl IntoView {
    let ready = RwSignal::new(false);
    // The frame callback runs before that frame is painted; the timeout after it.
    request_animation_frame(move || set_timeout(move || ready.set(true), Default::default()));
    move || ready.get().then(|| children())
}
