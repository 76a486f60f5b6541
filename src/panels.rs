//! Loads the panels module (`crates/panels`), a second Leptos wasm that draws the sections a
//! first view does not need (alarm definitions, quotas, what the pipeline sees), and keeps it
//! in step with the design.
//!
//! The module is fetched when one of its sections is first opened (or holds data), as the
//! converters are (`crate::converters`): an inline-JS shim does the dynamic `import()` with
//! a URL resolved against `document.baseURI`. The two wasms share no memory: the page hands
//! the module the design document's JSON after each change (and the playhead), and the module
//! hands back the JSON of each edit made in its sections, which the page reads as it reads a
//! draft. Both write the same JSON (`export::document_json`), so an echo is recognised and
//! dropped on either side.

use std::cell::RefCell;

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::browser::js_message;
use crate::converters::Status;
use crate::core::import;
use crate::state::Designer;

#[wasm_bindgen(inline_js = r#"
let mod = null;
export function panels_url() {
  const meta = document.querySelector('meta[name="panels-module"]');
  const name = (meta && meta.getAttribute('content')) || 'panels.js';
  return new URL(name, document.baseURI).href;
}
export async function load_panels(url) {
  const m = await import(url);
  await m.default();
  mod = m;
}
function loaded() {
  if (mod === null) { throw new Error('the panels module is not loaded'); }
  return mod;
}
export function panels_start(doc, review, show_all, on_change) { loaded().start(doc, review, show_all, on_change); }
export function panels_mount(kind, host) { loaded().mount(kind, host); }
export function panels_update(doc, review, show_all) { loaded().update(doc, review, show_all); }
export function panels_playhead(t) { loaded().set_playhead(t); }
"#)]
extern "C" {
    fn panels_url() -> String;
    #[wasm_bindgen(catch)]
    fn load_panels(url: &str) -> Result<js_sys::Promise, JsValue>;
    #[wasm_bindgen(catch)]
    fn panels_start(doc: &str, review: bool, show_all: bool, on_change: &js_sys::Function) -> Result<(), JsValue>;
    #[wasm_bindgen(catch)]
    fn panels_mount(kind: &str, host: &web_sys::HtmlElement) -> Result<(), JsValue>;
    #[wasm_bindgen(catch)]
    fn panels_update(doc: &str, review: bool, show_all: bool) -> Result<(), JsValue>;
    #[wasm_bindgen(catch)]
    fn panels_playhead(t: f64) -> Result<(), JsValue>;
}

/// The module's state, shared through a context (see [`provide`]).
#[derive(Clone, Copy)]
pub struct Panels {
    /// Where the module stands; the sections show it while it is not ready.
    pub status: RwSignal<Status>,
    designer: Designer,
}

thread_local! {
    /// Sections waiting for the module: their kind and host element.
    static WAITING: RefCell<Vec<(&'static str, web_sys::HtmlElement)>> = const { RefCell::new(Vec::new()) };
}

impl Panels {
    /// Draws the section `kind` into `host`, loading the module first if needed.
    pub fn mount(self, kind: &'static str, host: web_sys::HtmlElement) {
        if self.status.get_untracked() == Status::Ready {
            self.mount_now(kind, &host);
            return;
        }
        WAITING.with(|w| w.borrow_mut().push((kind, host)));
        if matches!(self.status.get_untracked(), Status::Loading) {
            return;
        }
        self.status.set(Status::Loading);
        leptos::task::spawn_local(async move {
            let loaded = match load_panels(&panels_url()) {
                Ok(promise) => JsFuture::from(promise).await.map(|_| ()),
                Err(e) => Err(e),
            };
            let started = loaded.and_then(|()| self.start());
            match started {
                Ok(()) => {
                    self.status.set(Status::Ready);
                    let waiting = WAITING.with(|w| std::mem::take(&mut *w.borrow_mut()));
                    for (kind, host) in waiting {
                        self.mount_now(kind, &host);
                    }
                }
                // The next opening tries again.
                Err(e) => self.status.set(Status::Failed(js_message(&e))),
            }
        });
    }

    /// Draws the explanation of help topic `topic` (`core::help`) into `host`.
    pub fn mount_help(self, topic: &'static str, host: web_sys::HtmlElement) {
        // The kinds are static strings; a topic's kind is built once per topic.
        let kind: &'static str = Box::leak(format!("help:{topic}").into_boxed_str());
        self.mount(kind, host);
    }

    fn mount_now(self, kind: &str, host: &web_sys::HtmlElement) {
        if let Err(e) = panels_mount(kind, host) {
            self.status.set(Status::Failed(js_message(&e)));
        }
    }

    /// Hands the module the design and the way back for its edits.
    fn start(self) -> Result<(), JsValue> {
        let designer = self.designer;
        // `how`: 0 an edit; 1 and 2 a replacement of the whole design (an import), showing
        // every finding (1) or not (2).
        let on_change = Closure::<dyn Fn(String, u32)>::new(move |json: String, how: u32| {
            // An echo of what the page sent: nothing to do.
            if designer.json.with_untracked(|j| *j == json) {
                return;
            }
            match import::parse_document(&json) {
                Ok(doc) if how == 0 => designer.take_edit(doc),
                Ok(doc) => designer.replace(doc, how == 1),
                Err(e) => leptos::logging::warn!("the panels module sent a design the page cannot read: {}", e.message),
            }
        });
        let json = designer.json.get_untracked();
        let result = panels_start(
            &json,
            designer.review.get_untracked(),
            designer.show_all.get_untracked(),
            on_change.as_ref().unchecked_ref(),
        );
        // The module keeps the callback for the page's lifetime.
        on_change.forget();
        result
    }
}

/// Puts the module's state in the context and keeps a loaded module in step with the design.
pub fn provide(designer: Designer) -> Panels {
    let p = Panels {
        status: RwSignal::new(Status::Idle),
        designer,
    };
    provide_context(p);
    // After each change, once the page has drawn it: the module's work is not the
    // keystroke's. What is sent is the design at that moment, never an older one.
    let pending = StoredValue::new(false);
    Effect::new(move |_| {
        if p.status.get() != Status::Ready {
            return;
        }
        designer.json.track();
        designer.review.track();
        designer.show_all.track();
        if pending.get_value() {
            return;
        }
        pending.set_value(true);
        request_animation_frame(move || {
            set_timeout(
                move || {
                    pending.set_value(false);
                    let (review, show_all) = (designer.review.get_untracked(), designer.show_all.get_untracked());
                    let result = designer.json.with_untracked(|json| panels_update(json, review, show_all));
                    if let Err(e) = result {
                        p.status.set(Status::Failed(js_message(&e)));
                    }
                },
                std::time::Duration::ZERO,
            )
        });
    });
    Effect::new(move |_| {
        if p.status.get() == Status::Ready {
            let _ = panels_playhead(designer.playhead.get());
        }
    });
    p
}

/// The sentence a section shows while the module is not ready, or `None` when it is.
pub fn status_words(status: &Status) -> Option<String> {
    match status {
        Status::Idle | Status::Loading => Some("Loading this section (a second module of this page)…".to_string()),
        Status::Failed(reason) => Some(format!(
            "This section (a second module of this page) could not be loaded: {reason}. Everything else on the page still works; close and open the section to try again."
        )),
        Status::Ready => None,
    }
}
