//! Every core function the page calls, behind one export, so that nothing the page needs from
//! the core is left out of this wasm (and nothing of Leptos is in it).

use deployment_designer::core::{
    chart, examples, export, help, hints, import, overview, share, simulate, validate,
};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
pub fn run(text: &str, example: &str, fragment: &str, t: f64, width: f64) -> String {
    let base = examples::example(example).unwrap_or_else(examples::default_design);
    // What the page reads itself (design documents and requests); every other form is read
    // by the converters module, which is not part of the first view.
    let doc = match import::first_read(text, &base) {
        import::FirstRead::Read(i) => i.document,
        import::FirstRead::Refused(e) | import::FirstRead::Other(e) => return e.message,
    };
    let mut out = String::new();
    let findings = validate::validate(&doc);
    for f in &findings {
        out.push_str(&f.explanation);
        out.push_str(&validate::service_path(&f.path));
    }
    out.extend(validate::aws_error_summary(&findings));
    out.extend(validate::botocore_error_summary(&findings));
    let sim = simulate::simulate(&doc);
    let state = simulate::state_at(&sim, t as i64);
    out.push_str(&format!(
        "{}{}",
        state.new_traffic_percent, state.old_instances
    ));
    out.push_str(&simulate::timeline_csv(&sim));
    for c in simulate::compare(&doc) {
        out.push_str(&format!(
            "{}{}{}",
            c.label, c.total_seconds, c.instance_hours
        ));
    }
    let size = chart::ChartSize {
        width,
        ..chart::ChartSize::default()
    };
    let layout = chart::layout(&sim, &size);
    out.push_str(&chart::path_d(&layout.traffic_line));
    for tick in layout.time_ticks.iter().chain(&layout.instance_ticks) {
        out.push_str(&tick.label);
    }
    out.push_str(&export::boto3_snippet(&doc.request));
    out.push_str(&export::cli_command(&doc.request));
    out.push_str(&export::cli_input_json(&doc.request));
    out.push_str(&export::document_json(&doc));
    // The page compresses share links with the browser's CompressionStream: what it calls
    // of the core are the steps around the compression.
    let link = share::fragment_of(share::link_json(&doc).as_bytes());
    out.push_str(&link);
    match share::packed_of(fragment).and_then(share::document_of) {
        Ok(d) => out.push_str(&export::document_json(&d)),
        Err(e) => out.push_str(&e.message()),
    }
    for (k, v) in overview::overview(&doc) {
        out.push_str(k);
        out.push_str(&v);
    }
    for f in [
        hints::SizeField::Canary,
        hints::SizeField::LinearStep,
        hints::SizeField::RollingBatch,
        hints::SizeField::RollbackBatch,
    ] {
        out.extend(hints::size_hint(&doc, f));
    }
    out.extend(hints::duration_hint(Some(t as i64)));
    if let Some(h) = help::help(example) {
        out.push_str(h.what);
        out.push_str(h.default);
        out.push_str(h.limits);
        out.push_str(h.pitfall);
    }
    out
}
