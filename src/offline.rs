//! Offline: registers the service worker (`dist/sw.js`, written by `scripts/offline.py`) once
//! the first view is idle, so that a second visit opens from the cache with no network at all.
//! Every failure (no service workers in this browser, a plain-http host, a missing `sw.js` as
//! under `trunk serve` or the component tests) is ignored: the page works the same without it.

use wasm_bindgen::JsValue;

/// The worker's script, relative to the page: its scope is then the page's directory, whatever
/// sub-path the page is served under.
const WORKER: &str = "sw.js";

/// The longest the registration waits for an idle moment (a playing timeline leaves few).
const IDLE_TIMEOUT_MS: u32 = 5000;

/// Registers the worker when the browser is next idle (or after a second where it cannot say).
pub fn register_when_idle() {
    crate::browser::when_idle(IDLE_TIMEOUT_MS, register);
}

fn register() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let navigator = window.navigator();
    // Outside a secure context `navigator.serviceWorker` is undefined, not an error.
    if !js_sys::Reflect::has(&navigator, &JsValue::from_str("serviceWorker")).unwrap_or(false) {
        return;
    }
    let registering = navigator.service_worker().register(WORKER);
    wasm_bindgen_futures::spawn_local(async move {
        let _ = wasm_bindgen_futures::JsFuture::from(registering).await;
    });
}
