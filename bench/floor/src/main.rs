//! A counter: the least a Leptos csr page does (a signal, a view, an event handler).

use leptos::prelude::*;

fn main() {
    console_error_panic_hook::set_once();
    mount_to_body(|| {
        let count = RwSignal::new(0);
        view! {
            <button data-testid="counter" on:click=move |_| count.update(|n| *n += 1)>
                "Clicked " {move || count.get()} " times"
            </button>
        }
    });
}
