//! Prints the core's share of one keystroke on a large design (20 variants, 10 alarms):
//! everything the page recomputes when the design changes. Run with
//! `cargo run --release --example bench_keystroke`. Figures, not assertions.

use std::time::Instant;

use deployment_designer::core::{chart, export, model::*, overview, share, simulate, validate};

fn large_design() -> DesignDocument {
    let mut doc = deployment_designer::core::examples::default_design();
    let variants: Vec<ProductionVariant> = (0..20)
        .map(|i| ProductionVariant::instances(&format!("Variant{i}"), "ml.m5.xlarge", 10))
        .collect();
    doc.endpoint.current_variants = variants.clone();
    doc.endpoint.new_variants = variants;
    let alarms = (0..10)
        .map(|i| Alarm {
            alarm_name: Some(format!("alarm-{i}")),
        })
        .collect();
    deployment_designer::core::edit::alarms(&mut doc).clone_from(&alarms);
    doc
}

fn time(label: &str, runs: usize, mut f: impl FnMut()) {
    let mut samples: Vec<f64> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64() * 1e6
        })
        .collect();
    samples.sort_by(f64::total_cmp);
    println!(
        "{label:<28} median {:>8.1} µs   p95 {:>8.1} µs",
        samples[runs / 2],
        samples[runs * 95 / 100]
    );
}

fn main() {
    let doc = large_design();
    let runs = 500;
    time("validate", runs, || drop(validate::validate(&doc)));
    time("simulate", runs, || drop(simulate::simulate(&doc)));
    time("compare (5 simulations)", runs, || {
        drop(simulate::compare(&doc))
    });
    let sim = simulate::simulate(&doc);
    time("chart layout", runs, || {
        drop(chart::layout(&sim, &chart::ChartSize::default()))
    });
    time("timeline csv", runs, || drop(simulate::timeline_csv(&sim)));
    time("exports (4 texts)", runs, || {
        drop(export::boto3_snippet(&doc.request));
        drop(export::cli_command(&doc.request));
        drop(export::cli_input_json(&doc.request));
        drop(export::document_json(&doc));
    });
    time("share link encode", runs, || drop(share::encode(&doc)));
    time("overview", runs, || drop(overview::overview(&doc)));
    time("all of the above", runs, || {
        drop(validate::validate(&doc));
        let sim = simulate::simulate(&doc);
        drop(simulate::compare(&doc));
        drop(chart::layout(&sim, &chart::ChartSize::default()));
        drop(simulate::timeline_csv(&sim));
        drop(export::boto3_snippet(&doc.request));
        drop(export::cli_command(&doc.request));
        drop(export::cli_input_json(&doc.request));
        drop(export::document_json(&doc));
        drop(share::encode(&doc));
        drop(overview::overview(&doc));
    });
}
