//! Times the simulator on a few large designs: `cargo run --release --example bench_simulate`.
//! Prints the median and 95th percentile, in microseconds, of `simulate`, `state_at`,
//! `layout` and `compare`; the page needs each well under a millisecond.

use std::hint::black_box;
use std::time::Instant;

use deployment_designer::core::chart::{layout, ChartSize};
use deployment_designer::core::model::*;
use deployment_designer::core::simulate::{compare, simulate, state_at};

fn fleet(n: i64, config: DeploymentConfig) -> DesignDocument {
    let mut doc = DesignDocument::default();
    doc.endpoint.current_variants[0].initial_instance_count = Some(n);
    doc.endpoint.new_variants[0].initial_instance_count = Some(n);
    doc.request.deployment_config = Some(config);
    doc
}

fn rolling(n: i64, batch_percent: i64, rollback: Option<CapacitySize>) -> DesignDocument {
    fleet(
        n,
        DeploymentConfig {
            rolling_update_policy: Some(RollingUpdatePolicy {
                maximum_batch_size: Some(CapacitySize::percent(batch_percent)),
                wait_interval_in_seconds: Some(600),
                maximum_execution_timeout_in_seconds: None,
                rollback_maximum_batch_size: rollback,
            }),
            ..Default::default()
        },
    )
}

fn linear(n: i64, step_percent: i64) -> DesignDocument {
    fleet(
        n,
        DeploymentConfig {
            blue_green_update_policy: Some(BlueGreenUpdatePolicy {
                traffic_routing_configuration: Some(TrafficRoutingConfig {
                    type_: Some(TrafficRoutingConfigType::Linear),
                    wait_interval_in_seconds: Some(600),
                    linear_step_size: Some(CapacitySize::percent(step_percent)),
                    ..Default::default()
                }),
                termination_wait_in_seconds: Some(300),
                maximum_execution_timeout_in_seconds: Some(28800),
            }),
            ..Default::default()
        },
    )
}

/// Median and 95th percentile of `iterations` runs of `f`, in microseconds.
fn time<T>(iterations: usize, mut f: impl FnMut() -> T) -> (f64, f64) {
    let mut samples: Vec<f64> = (0..iterations)
        .map(|_| {
            let start = Instant::now();
            black_box(f());
            start.elapsed().as_secs_f64() * 1e6
        })
        .collect();
    samples.sort_by(f64::total_cmp);
    let at = |q: f64| samples[((samples.len() - 1) as f64 * q) as usize];
    (at(0.5), at(0.95))
}

fn main() {
    let mut with_alarm = rolling(1000, 5, Some(CapacitySize::instances(10)));
    with_alarm.simulation.set_alarm_at(Some(15_000));
    let designs = [
        ("rolling 5% of 1,000", rolling(1000, 5, None)),
        ("rolling 5% of 1,000, alarm, rollback 10", with_alarm),
        ("linear 10% of 1,000", linear(1000, 10)),
        (
            "rolling 1 instance of 1,000 (capped)",
            rolling(1000, 0, None),
        ),
    ];
    let size = ChartSize::default();
    println!(
        "{:<42} {:>22} {:>22} {:>22} {:>22}",
        "design (median / p95 µs)", "simulate", "state_at", "layout", "compare"
    );
    for (name, doc) in &designs {
        let sim = simulate(doc);
        let total = sim.summary.total_seconds.max(1);
        let mut t = 0;
        let cols = [
            time(2000, || simulate(doc)),
            time(20000, || {
                t = (t + 7919) % total;
                state_at(&sim, t)
            }),
            time(2000, || layout(&sim, &size)),
            time(500, || compare(doc)),
        ];
        print!("{name:<42}");
        for (median, p95) in cols {
            print!(" {:>22}", format!("{median:.1} / {p95:.1}"));
        }
        println!("   ({} events)", sim.events.len());
    }
}
