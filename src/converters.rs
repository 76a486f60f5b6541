//! Loads the converters, the on-demand second wasm (`crates/converters`), and calls it.
//!
//! The module is fetched when the user first needs it (the import of a text that is not a
//! design document or a request, an infrastructure-as-code export, the review summary) and,
//! ahead of that, once the first view is idle. A small inline-JS shim does the dynamic
//! `import()` that js-sys has no binding for (wasm-bindgen issues #2372, #2865); the URL is
//! resolved against `document.baseURI`, so the page works under any sub-path. The two
//! modules exchange strings only (`designer_core::bridge`).

use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::browser::js_message;

#[wasm_bindgen(inline_js = r#"
let mod = null;
export function converters_url() {
  const meta = document.querySelector('meta[name="converters-module"]');
  const name = (meta && meta.getAttribute('content')) || 'converters.js';
  return new URL(name, document.baseURI).href;
}
export async function load_converters(url) {
  const m = await import(url);
  await m.default();
  mod = m;
}
export function call_converters(request) {
  if (mod === null) { throw new Error('the converters are not loaded'); }
  return mod.convert(request);
}
"#)]
extern "C" {
    fn converters_url() -> String;
    #[wasm_bindgen(catch)]
    fn load_converters(url: &str) -> Result<js_sys::Promise, JsValue>;
    #[wasm_bindgen(catch)]
    fn call_converters(request: &str) -> Result<String, JsValue>;
}

/// Where the module stands, as the page shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Status {
    /// Not asked for yet.
    Idle,
    /// Being fetched and compiled.
    Loading,
    /// Ready to answer.
    Ready,
    /// Could not be loaded: the reason, in words.
    Failed(String),
}

/// The module's state, shared through a context (see [`provide`]).
#[derive(Clone, Copy)]
pub struct Converters {
    /// Where the module stands; views that depend on it read this.
    pub status: RwSignal<Status>,
}

thread_local! {
    /// Callers waiting for a load in progress.
    static WAITING: RefCell<Vec<Rc<dyn Fn()>>> = const { RefCell::new(Vec::new()) };
}

impl Converters {
    /// Starts loading unless loading or loaded; a failed load is tried again.
    pub fn load(self) {
        if matches!(self.status.get_untracked(), Status::Loading | Status::Ready) {
            return;
        }
        self.status.set(Status::Loading);
        leptos::task::spawn_local(async move {
            let result = match load_converters(&converters_url()) {
                Ok(promise) => JsFuture::from(promise).await.map(|_| ()),
                Err(e) => Err(e),
            };
            match result {
                Ok(()) => self.status.set(Status::Ready),
                Err(e) => self.status.set(Status::Failed(js_message(&e))),
            }
            let waiting = WAITING.with(|w| std::mem::take(&mut *w.borrow_mut()));
            for f in waiting {
                f();
            }
        });
    }

    /// Calls the module with a `bridge` request, loading it first if needed; `done` gets
    /// the reply, or the reason the module is not there.
    pub fn call(self, request: String, done: impl Fn(Result<String, String>) + 'static) {
        match self.status.get_untracked() {
            Status::Ready => done(call_now(&request)),
            _ => {
                let done = Rc::new(done);
                WAITING.with(|w| {
                    w.borrow_mut().push(Rc::new(move || match self.status.get_untracked() {
                        Status::Ready => done(call_now(&request)),
                        Status::Failed(reason) => done(Err(reason)),
                        _ => done(Err("the converters did not finish loading".to_string())),
                    }))
                });
                self.load();
            }
        }
    }

    /// Calls the module now if it is loaded (for work that can wait, such as the export
    /// targets' findings); `None` otherwise.
    pub fn call_if_ready(self, request: &str) -> Option<Result<String, String>> {
        match self.status.get_untracked() {
            Status::Ready => Some(call_now(request)),
            _ => None,
        }
    }
}

/// Calls the loaded module; a JavaScript exception becomes its message.
fn call_now(request: &str) -> Result<String, String> {
    call_converters(request).map_err(|e| js_message(&e))
}

/// The sentence a view shows for the module's state, or `None` when it is ready or idle.
pub fn status_words(status: &Status) -> Option<String> {
    match status {
        Status::Loading => Some("Loading the converters (a second module of this page)…".to_string()),
        Status::Failed(reason) => Some(format!(
            "The converters (a second module of this page) could not be loaded: {reason}. Everything else on the page still works; reload the page to try again."
        )),
        Status::Idle | Status::Ready => None,
    }
}

/// The longest the preload waits for an idle moment.
const PRELOAD_TIMEOUT_MS: u32 = 4000;

/// Puts the module's state in the context and preloads it once the first view is idle.
pub fn provide() -> Converters {
    let c = Converters {
        status: RwSignal::new(Status::Idle),
    };
    provide_context(c);
    // Once the first view is drawn and the browser is idle: most often before the user
    // reaches for an import or an export, and not in the middle of their typing.
    request_animation_frame(move || crate::browser::when_idle(PRELOAD_TIMEOUT_MS, move || c.load()));
    c
}
