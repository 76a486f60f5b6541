//! The panels module's entry points, called by the page's loader (`src/panels.rs`): `start`
//! with the design, `mount` a section into a host element, `update` after each change of the
//! page's design, `set_playhead`. The module keeps its own copy of the page's state
//! (`Designer`), derived from the design as the page derives it, and hands each edit made in
//! its sections back to the page as the design document's JSON.
//!
//! Natively there is nothing here: the components are the page's, tested with it.

#[cfg(target_arch = "wasm32")]
mod module {
    use std::cell::RefCell;

    use deployment_designer::components::{
        alarm_definitions::AlarmDefinitions, help::HelpBody, pipeline::PipelineView, quotas::Quotas, steps::StepList, tables::{Comparison, EventsTable},
    };
    use deployment_designer::components::import_panel::ImportPanel;
    use deployment_designer::converters::Converters;
    use deployment_designer::core::import;
    use deployment_designer::state::Designer;
    use leptos::prelude::*;
    use wasm_bindgen::prelude::*;

    struct Shared {
        designer: Designer,
        /// The converters (the import reads with them), loaded by this module as by the page:
        /// the same module, fetched once.
        converters: Converters,
        /// The last JSON the page sent: an edit that gives it back is an echo, not sent.
        from_page: StoredValue<String>,
        /// Owns the state's signals and effects for the page's lifetime.
        _owner: Owner,
    }

    thread_local! {
        static SHARED: RefCell<Option<Shared>> = const { RefCell::new(None) };
    }

    fn shared<T>(f: impl FnOnce(&Shared) -> T) -> Result<T, JsValue> {
        SHARED.with(|s| s.borrow().as_ref().map(f)).ok_or_else(|| JsValue::from_str("the panels module was not started"))
    }

    fn read(doc: &str) -> Result<deployment_designer::core::model::DesignDocument, JsValue> {
        import::parse_document(doc).map_err(|e| JsValue::from_str(&format!("the page sent a design the panels cannot read: {}", e.message)))
    }

    /// Starts on the page's design; `on_change` gets the JSON of each edit made here.
    #[wasm_bindgen]
    pub fn start(doc: &str, review: bool, show_all: bool, on_change: js_sys::Function) -> Result<(), JsValue> {
        console_error_panic_hook::set_once();
        if SHARED.with(|s| s.borrow().is_some()) {
            return update(doc, review, show_all);
        }
        let first = read(doc)?;
        let _ = any_spawner::Executor::init_wasm_bindgen();
        let owner = Owner::new();
        let (designer, from_page, converters) = owner.with(|| {
            let designer = Designer::new(first, review, None);
            designer.show_all.set(show_all);
            let from_page = StoredValue::new(doc.to_string());
            Effect::new(move |_| {
                designer.json.with(|json| {
                    if from_page.with_value(|p| p != json) {
                        // An import here replaced the design: the page replaces its own.
                        let how = match designer.replaced.get_value() {
                            None => 0,
                            Some(true) => 1,
                            Some(false) => 2,
                        };
                        designer.replaced.set_value(None);
                        let _ = on_change.call2(&JsValue::NULL, &JsValue::from_str(json), &JsValue::from(how));
                    }
                });
            });
            (designer, from_page, deployment_designer::converters::provide())
        });
        SHARED.with(|s| {
            *s.borrow_mut() = Some(Shared {
                designer,
                converters,
                from_page,
                _owner: owner,
            })
        });
        Ok(())
    }

    /// Draws section `kind` into `host` (once per host: the page keeps the host).
    #[wasm_bindgen]
    pub fn mount(kind: &str, host: web_sys::HtmlElement) -> Result<(), JsValue> {
        let (designer, converters) = shared(|s| (s.designer, s.converters))?;
        if let Some(topic) = kind.strip_prefix("help:") {
            let topic = topic.to_string();
            leptos::mount::mount_to(host, move || view! { <HelpBody topic=topic /> }).forget();
            return Ok(());
        }
        let body: fn() -> AnyView = match kind {
            "alarm-definitions" => || view! { <AlarmDefinitions /> }.into_any(),
            "quotas" => || view! { <Quotas /> }.into_any(),
            "pipeline" => || view! { <PipelineView /> }.into_any(),
            "comparison" => || view! { <Comparison /> }.into_any(),
            "events" => || view! { <EventsTable /> }.into_any(),
            "import" => || view! { <ImportPanel /> }.into_any(),
            "rules" => || view! { <deployment_designer::components::team_rules::TeamRules /> }.into_any(),
            "steps" => || view! { <StepList /> }.into_any(),
            other => return Err(JsValue::from_str(&format!("the panels module draws no section called {other:?}"))),
        };
        leptos::mount::mount_to(host, move || {
            provide_context(designer);
            provide_context(converters);
            body()
        })
        .forget();
        Ok(())
    }

    /// The page's design changed (or its review and show-all flags).
    #[wasm_bindgen]
    pub fn update(doc: &str, review: bool, show_all: bool) -> Result<(), JsValue> {
        let (designer, from_page) = shared(|s| (s.designer, s.from_page))?;
        from_page.set_value(doc.to_string());
        if designer.json.with_untracked(|j| j != doc) {
            designer.doc.set(read(doc)?);
        }
        if designer.review.get_untracked() != review {
            designer.review.set(review);
        }
        if designer.show_all.get_untracked() != show_all {
            designer.show_all.set(show_all);
        }
        Ok(())
    }

    /// The page's playhead moved (simulated seconds).
    #[wasm_bindgen]
    pub fn set_playhead(t: f64) -> Result<(), JsValue> {
        let designer = shared(|s| s.designer)?;
        if designer.playhead.get_untracked() != t {
            designer.playhead.set(t);
        }
        Ok(())
    }
}
