#![cfg(target_arch = "wasm32")]
//! Component tests: the whole `App` mounted in headless Chromium and driven as a user
//! drives it (typing, leaving a field, clicking), then read back through the DOM hooks of
//! CONTRACT.md. Run with `cargo test --target wasm32-unknown-unknown --test web`
//! (wasm-bindgen-test-runner and chromedriver, see `.cargo/config.toml` and
//! `scripts/env.sh`).
mod support;
use support::import;


use std::any::Any;

use deployment_designer::app::{App, DRAFT_KEY};
use deployment_designer::core::examples::default_design;
use deployment_designer::core::export::cli_input_json;

use deployment_designer::core::model::DesignDocument;
use gloo_timers::future::TimeoutFuture;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, Event, EventInit, HtmlElement, HtmlInputElement, HtmlTextAreaElement};

wasm_bindgen_test_configure!(run_in_browser);

/// The page as a user sees it: the app mounted in a fresh container, on empty storage.
struct Page {
    root: HtmlElement,
    /// Unmounts the app when the test ends.
    _mounted: Box<dyn Any>,
}

impl Drop for Page {
    fn drop(&mut self) {
        self.root.remove();
    }
}

fn document() -> web_sys::Document {
    web_sys::window()
        .and_then(|w| w.document())
        .expect("a document")
}

fn local_storage() -> web_sys::Storage {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .expect("localStorage")
}

impl Page {
    /// A first visit: no draft in storage, so the page opens with the default design.
    async fn open() -> Page {
        local_storage().clear().expect("localStorage.clear");
        Page::visit().await
    }

    /// The import section's body alone, as the panels module mounts it, beside the design
    /// document's JSON (`export-document`), on the default design.
    async fn import_section() -> Page {
        use deployment_designer::components::import_panel::ImportPanel;
        use deployment_designer::state::Designer;
        use leptos::prelude::*;
        local_storage().clear().expect("localStorage.clear");
        let root: HtmlElement = document().create_element("div").expect("a div").unchecked_into();
        document().body().expect("a body").append_child(&root).expect("append");
        let mounted = leptos::mount::mount_to(root.clone(), || {
            let designer = Designer::new(default_design(), false, None);
            provide_context(designer);
            provide_context(deployment_designer::converters::provide());
            view! {
                <ImportPanel />
                <pre data-testid="export-document">{move || designer.json.get()}</pre>
            }
        });
        let page = Page {
            root,
            _mounted: Box::new(mounted),
        };
        page.settle().await;
        page
    }

    /// A visit with whatever storage holds.
    async fn visit() -> Page {
        let root: HtmlElement = document()
            .create_element("div")
            .expect("a div")
            .unchecked_into();
        document()
            .body()
            .expect("a body")
            .append_child(&root)
            .expect("append");
        let mounted = leptos::mount::mount_to(root.clone(), App);
        let page = Page {
            root,
            _mounted: Box::new(mounted),
        };
        page.settle().await;
        page
    }

    /// Lets the page react: its effects and memos run on the browser's task queue.
    async fn settle(&self) {
        for _ in 0..3 {
            TimeoutFuture::new(10).await;
        }
    }

    fn find(&self, selector: &str) -> Option<Element> {
        self.root
            .query_selector(selector)
            .expect("a valid selector")
    }

    fn get(&self, selector: &str) -> Element {
        self.find(selector)
            .unwrap_or_else(|| panic!("nothing on the page matches {selector}"))
    }

    fn dispatch(&self, target: &Element, kind: &str) {
        let init = EventInit::new();
        init.set_bubbles(true);
        let event = Event::new_with_event_init_dict(kind, &init).expect("an event");
        target.dispatch_event(&event).expect("dispatch");
    }

    /// Types `text` into an input or text area, replacing what was there.
    async fn type_into(&self, selector: &str, text: &str) {
        let el = self.get(selector);
        if let Some(input) = el.dyn_ref::<HtmlInputElement>() {
            input.focus().ok();
            input.set_value(text);
        } else if let Some(area) = el.dyn_ref::<HtmlTextAreaElement>() {
            area.focus().ok();
            area.set_value(text);
        } else {
            panic!("{selector} is not a text field");
        }
        self.dispatch(&el, "input");
        self.settle().await;
    }

    /// Leaves a field after editing it (the browser's `change`, then the blur).
    async fn tab_away(&self, selector: &str) {
        let el = self.get(selector);
        self.dispatch(&el, "change");
        if let Some(el) = el.dyn_ref::<HtmlElement>() {
            el.blur().ok();
        }
        self.settle().await;
    }

    async fn click(&self, selector: &str) {
        let el: HtmlElement = self.get(selector).unchecked_into();
        el.click();
        self.settle().await;
    }

    /// The text of an element, hidden parts included (textContent).
    fn text(&self, selector: &str) -> String {
        self.get(selector).text_content().unwrap_or_default()
    }

    fn see_text(&self, selector: &str, needle: &str) {
        let text = self.text(selector);
        assert!(
            text.contains(needle),
            "{selector} does not show {needle:?}; it shows:\n{text}"
        );
    }

    fn attr(&self, selector: &str, name: &str) -> Option<String> {
        self.get(selector).get_attribute(name)
    }

    /// Every finding of the summary list: (path, severity, text).
    fn findings(&self) -> Vec<(String, String, String)> {
        let list = self.get("[data-testid=findings]");
        let nodes = list
            .query_selector_all("[data-testid=finding]")
            .expect("a valid selector");
        (0..nodes.length())
            .filter_map(|i| nodes.item(i))
            .filter_map(|n| n.dyn_into::<Element>().ok())
            .map(|e| {
                (
                    e.get_attribute("data-path").unwrap_or_default(),
                    e.get_attribute("data-severity").unwrap_or_default(),
                    e.text_content().unwrap_or_default(),
                )
            })
            .collect()
    }

    fn errors_at(&self, path: &str) -> Vec<String> {
        self.findings()
            .into_iter()
            .filter(|(p, sev, _)| p == path && sev == "error")
            .map(|(_, _, text)| text)
            .collect()
    }

    /// The design as the page exports it, read back through the core.
    fn exported_design(&self) -> DesignDocument {
        let text = self.text("[data-testid=export-document]");
        import(&text, &DesignDocument::default())
            .unwrap_or_else(|e| panic!("the exported document does not import: {e}\n{text}"))
            .document
    }
}

#[wasm_bindgen_test]
async fn an_invalid_endpoint_name_is_flagged_and_fixing_it_clears_the_finding() {
    let page = Page::open().await;
    let field = "#f-EndpointName";
    assert!(
        page.errors_at("EndpointName").is_empty(),
        "the default design is valid"
    );
    assert_eq!(page.attr(field, "aria-invalid").as_deref(), Some("false"));

    page.type_into(field, "bad_name").await;
    page.tab_away(field).await;
    let errors = page.errors_at("EndpointName");
    assert_eq!(
        errors.len(),
        1,
        "one error for the name: {:?}",
        page.findings()
    );
    assert!(!errors[0].trim().is_empty(), "the finding explains itself");
    // Beside the field too, now that it has been left.
    assert_eq!(page.attr(field, "aria-invalid").as_deref(), Some("true"));
    page.see_text("#f-EndpointName-findings", "Error");
    page.see_text("[data-testid=export-cli-json]", "\"bad_name\"");

    page.type_into(field, "good-name").await;
    page.tab_away(field).await;
    assert!(
        page.errors_at("EndpointName").is_empty(),
        "the finding stays after the fix: {:?}",
        page.findings()
    );
    assert_eq!(page.attr(field, "aria-invalid").as_deref(), Some("false"));
    assert_eq!(page.text("#f-EndpointName-findings").trim(), "");
    assert_eq!(
        page.exported_design().request.endpoint_name.as_deref(),
        Some("good-name")
    );
}

#[wasm_bindgen_test]
async fn choosing_rolling_shows_its_fields_and_exports_a_rolling_policy() {
    let page = Page::open().await;
    let batch = "#f-DeploymentConfig-RollingUpdatePolicy-MaximumBatchSize-Value";
    assert!(
        page.find(batch).is_none(),
        "the default design is blue/green"
    );
    page.see_text("[data-testid=export-cli-json]", "BlueGreenUpdatePolicy");

    page.click("#strategy-rolling").await;
    let radio: HtmlInputElement = page.get("#strategy-rolling").unchecked_into();
    assert!(radio.checked());
    assert!(
        page.find(batch).is_some(),
        "no batch size field for rolling"
    );
    assert!(page
        .find("#f-DeploymentConfig-RollingUpdatePolicy-WaitIntervalInSeconds")
        .is_some());
    let json = page.text("[data-testid=export-cli-json]");
    assert!(json.contains("\"RollingUpdatePolicy\""), "{json}");
    assert!(!json.contains("BlueGreenUpdatePolicy"), "{json}");
    page.see_text("[data-testid=export-cli-command]", "RollingUpdatePolicy");
    page.see_text("[data-testid=export-boto3]", "\"RollingUpdatePolicy\"");

    // And back: the blue/green fields return and the rolling ones go.
    page.click("#strategy-canary").await;
    assert!(page.find(batch).is_none());
    let json = page.text("[data-testid=export-cli-json]");
    assert!(
        json.contains("\"CANARY\"") && !json.contains("RollingUpdatePolicy"),
        "{json}"
    );
}

#[wasm_bindgen_test]
async fn the_exports_carry_exactly_the_designed_request() {
    let page = Page::open().await;
    let expected = default_design();

    let json = page.text("[data-testid=export-cli-json]");
    let shown: serde_json::Value =
        serde_json::from_str(&json).unwrap_or_else(|e| panic!("not JSON ({e}):\n{json}"));
    let request = serde_json::to_value(&expected.request).expect("the request serialises");
    assert_eq!(shown, request, "the page exports another request");
    assert_eq!(json, cli_input_json(&expected.request));

    let py = page.text("[data-testid=export-boto3]");
    assert!(py.contains("import boto3"), "{py}");
    assert!(py.contains("update_endpoint("), "{py}");
    let name = expected.request.endpoint_name.clone().expect("a name");
    assert!(py.contains(&format!("EndpointName=\"{name}\"")), "{py}");

    let cmd = page.text("[data-testid=export-cli-command]");
    assert!(cmd.starts_with("aws sagemaker update-endpoint"), "{cmd}");
    assert!(cmd.contains(&format!("--endpoint-name='{name}'")), "{cmd}");

    assert_eq!(page.exported_design(), expected);
    page.see_text(
        "[data-testid=export-timeline-csv]",
        "t_seconds,phase,old_instances,new_instances,new_traffic_percent",
    );
}

#[wasm_bindgen_test]
async fn malformed_json_is_refused_with_line_and_column_and_the_design_is_kept() {
    // The import is drawn by the panels module: its body, mounted as the module mounts it.
    let page = Page::import_section().await;
    let before = page.text("[data-testid=export-document]");
    assert!(page.find("[data-testid=import-error]").is_none());

    let malformed = "{\n  \"EndpointName\": \"ep\",\n  \"EndpointConfigName\": ,\n}";
    let refusal = import(malformed, &DesignDocument::default()).expect_err("malformed");
    let (line, column) = (
        refusal.line.expect("a line"),
        refusal.column.expect("a column"),
    );
    assert_eq!(line, 3, "the core places the mistake on line 3");

    page.type_into("[data-testid=import-input]", malformed)
        .await;
    page.click("[data-testid=import-apply]").await;
    page.see_text(
        "[data-testid=import-error]",
        &format!("line {line}, column {column}"),
    );
    assert_eq!(
        page.text("[data-testid=export-document]"),
        before,
        "a refused import changed the design"
    );

    // Corrected, the same paste goes in and the message goes away.
    let fixed = "{\n  \"EndpointName\": \"ep\",\n  \"EndpointConfigName\": \"cfg-v9\"\n}";
    page.type_into("[data-testid=import-input]", fixed).await;
    page.click("[data-testid=import-apply]").await;
    assert!(page.find("[data-testid=import-error]").is_none());
    let design = page.exported_design();
    assert_eq!(design.request.endpoint_name.as_deref(), Some("ep"));
    assert_eq!(
        design.request.endpoint_config_name.as_deref(),
        Some("cfg-v9")
    );
    assert_eq!(
        design.endpoint,
        default_design().endpoint,
        "a request import keeps the endpoint"
    );
}

#[wasm_bindgen_test]
async fn an_edit_is_kept_as_the_draft_for_the_next_visit() {
    let page = Page::open().await;
    page.type_into("#f-EndpointName", "kept-name").await;
    page.tab_away("#f-EndpointName").await;
    drop(page);

    let draft = local_storage()
        .get_item(DRAFT_KEY)
        .ok()
        .flatten()
        .expect("a draft");
    assert!(draft.contains("kept-name"), "{draft}");

    // A second visit opens the draft, not the example.
    let again = Page::visit().await;
    let input: HtmlInputElement = again.get("#f-EndpointName").unchecked_into();
    assert_eq!(input.value(), "kept-name");
}
