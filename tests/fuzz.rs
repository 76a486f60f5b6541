//! A deterministic fuzz run through the whole core: generated and mutated texts go into
//! the import, and every design it accepts goes through validation, simulation (events,
//! `state_at`, `compare`, the chart's layout, the CSV) and every export, which must read
//! back to the same design. A refusal must say what and where.
//!
//! The run is reproducible: a fixed seed, each case drawn from its own generator seeded by
//! (seed, family, case number). `FUZZ_CASES` (default 100000, shared by the families),
//! `FUZZ_SEED` (decimal or 0x-hex) and `FUZZ_CASE` (run one case only) change it;
//! `scripts/fuzz-long.sh` runs millions of cases with a fresh seed. A failing case prints
//! its input and the command that replays it.
mod support;
use support::{import, ImportKind};


use std::panic::{self, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Once;

use deployment_designer::core::chart::{self, ChartSize};
use deployment_designer::core::examples;
use deployment_designer::core::export::{
    boto3_snippet, cli_command, cli_input_json, document_json, is_invisible, python_literal,
};
use deployment_designer::core::import::{ImportError, NOTHING_TO_IMPORT};
use deployment_designer::core::model::{
    Alarm, AutoRollbackConfig, BlueGreenUpdatePolicy, CapacitySize, CapacitySizeType,
    DeploymentConfig, DesignDocument, EndpointContext, ProductionVariant, RollingUpdatePolicy,
    ServerlessConfig, SimulationSettings, TrafficRoutingConfig, TrafficRoutingConfigType,
    UpdateEndpointInput, VariantProperty, VariantPropertyType, DOCUMENT_VERSION,
};
use deployment_designer::core::share;
use deployment_designer::core::simulate::{
    compare, simulate, state_at, timeline_csv, Event, Outcome, Phase, Simulation, CSV_HEADER,
};
use deployment_designer::core::validate::validate;

// ---------------------------------------------------------------------------------------
// The run's settings and the per-case harness

/// The seed CI uses, so that every run checks the same inputs.
const DEFAULT_SEED: u64 = 0x0DE5_1A9E_F022_5EED;
/// Cases over all families, split by `Family::share`.
const DEFAULT_CASES: u64 = 100_000;

#[derive(Clone, Copy, Debug)]
enum Family {
    Generated,
    Fixtures,
    RandomText,
    Extreme,
}

impl Family {
    /// Per-mille of the cases.
    fn share(self) -> u64 {
        match self {
            Family::Generated => 420,
            Family::Fixtures => 300,
            Family::RandomText => 250,
            Family::Extreme => 30,
        }
    }

    fn test_name(self) -> &'static str {
        match self {
            Family::Generated => "generated_designs_survive_every_export_and_read_back",
            Family::Fixtures => "mutated_fixtures_are_imported_or_refused_with_a_place",
            Family::RandomText => "random_text_is_imported_or_refused_with_a_place",
            Family::Extreme => "deep_huge_and_long_inputs_are_handled",
        }
    }
}

fn env_u64(name: &str) -> Option<u64> {
    let raw = std::env::var(name).ok()?;
    let raw = raw.trim().replace('_', "");
    let parsed = match raw.strip_prefix("0x").or_else(|| raw.strip_prefix("0X")) {
        Some(hex) => u64::from_str_radix(hex, 16),
        None => raw.parse(),
    };
    Some(parsed.unwrap_or_else(|_| panic!("{name}={raw:?} is not a number")))
}

/// Counts of what a family's cases did, printed at the end (`--nocapture` shows them).
#[derive(Default, Debug)]
struct Stats {
    cases: u64,
    accepted: u64,
    refused: u64,
    events: u64,
    findings: u64,
}

impl Stats {
    fn check(&mut self, input: &str, current: &DesignDocument) -> Option<DesignDocument> {
        self.cases += 1;
        match import(input, current) {
            Ok(imported) => {
                self.accepted += 1;
                let (events, findings) = check_design(&imported.document);
                self.events += events as u64;
                self.findings += findings as u64;
                Some(imported.document)
            }
            Err(e) => {
                self.refused += 1;
                check_refusal(input, &e);
                None
            }
        }
    }
}

/// Silences the default panic message while a case runs: a failing case reports itself
/// once, with its input, and then the panic continues.
fn quiet_panics() {
    static HOOK: Once = Once::new();
    static QUIET: AtomicBool = AtomicBool::new(false);
    HOOK.call_once(|| {
        let default = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !QUIET.load(Ordering::Relaxed) {
                default(info);
            } else {
                eprintln!("{info}");
            }
        }));
        QUIET.store(true, Ordering::Relaxed);
    });
}

/// Runs a family's share of the cases. `case` builds the input from its generator, checks
/// it and returns the input for the failure report.
fn run(family: Family, case: impl Fn(&mut Rng, &mut Stats, &mut String)) -> Stats {
    quiet_panics();
    let seed = env_u64("FUZZ_SEED").unwrap_or(DEFAULT_SEED);
    let total = env_u64("FUZZ_CASES").unwrap_or(DEFAULT_CASES);
    let cases = (total * family.share()).div_ceil(1000);
    let only = env_u64("FUZZ_CASE");
    let mut stats = Stats::default();
    let range = match only {
        Some(i) => i..i + 1,
        None => 0..cases,
    };
    for i in range {
        let mut rng = Rng::new(
            seed ^ (family as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15),
            i,
        );
        let mut input = String::new();
        let outcome =
            panic::catch_unwind(AssertUnwindSafe(|| case(&mut rng, &mut stats, &mut input)));
        if let Err(payload) = outcome {
            let shown: String = input.chars().take(3000).collect();
            eprintln!(
                "\nfuzz case {i} of family {family:?} failed (seed {seed:#x}).\n\
                 Replay: FUZZ_SEED={seed:#x} FUZZ_CASE={i} cargo test --release --test fuzz {} -- --nocapture\n\
                 Input ({} chars{}):\n{shown:?}\n",
                family.test_name(),
                input.chars().count(),
                if input.chars().count() > 3000 { ", first 3000 shown" } else { "" },
            );
            panic::resume_unwind(payload);
        }
    }
    eprintln!("{family:?}: seed {seed:#x}, {stats:?}");
    stats
}

/// Asserts that a family is not vacuous: enough of its inputs reach the design pipeline
/// and enough are refused, so a broken generator (or import) cannot pass silently.
fn assert_mix(stats: &Stats, min_accepted_permille: u64, min_refused_permille: u64) {
    if stats.cases < 1000 {
        return;
    }
    assert!(
        stats.accepted * 1000 >= stats.cases * min_accepted_permille,
        "only {} of {} inputs were accepted",
        stats.accepted,
        stats.cases
    );
    assert!(
        stats.refused * 1000 >= stats.cases * min_refused_permille,
        "only {} of {} inputs were refused",
        stats.refused,
        stats.cases
    );
}

// ---------------------------------------------------------------------------------------
// The four families

#[test]
fn generated_designs_survive_every_export_and_read_back() {
    let stats = run(Family::Generated, |rng, stats, input| {
        let doc = gen_document(rng);
        let current = if rng.one_in(2) {
            DesignDocument::default()
        } else {
            gen_document(rng)
        };
        let (text, expected, kind) = match rng.below(10) {
            0..=2 => (document_json(&doc), doc.clone(), ImportKind::Document),
            3 => (
                serde_json::to_string(&doc).expect("a document serialises"),
                doc.clone(),
                ImportKind::Document,
            ),
            4..=6 => (
                cli_input_json(&doc.request),
                DesignDocument {
                    request: doc.request.clone(),
                    ..current.clone()
                },
                ImportKind::Request,
            ),
            7..=8 => (
                boto3_snippet(&doc.request),
                DesignDocument {
                    request: doc.request.clone(),
                    ..current.clone()
                },
                ImportKind::Boto3,
            ),
            // A dict of keyword arguments: JSON or Python, whichever reads it. An empty
            // one says nothing and is refused (tests/import.rs), so an empty request goes
            // as a call.
            _ if python_literal(&doc.request) == "{}" => (
                boto3_snippet(&doc.request),
                DesignDocument {
                    request: doc.request.clone(),
                    ..current.clone()
                },
                ImportKind::Boto3,
            ),
            _ => (
                format!("params = {}\n", python_literal(&doc.request)),
                DesignDocument {
                    request: doc.request.clone(),
                    ..current.clone()
                },
                ImportKind::Boto3,
            ),
        };
        *input = text;
        // Line endings and a BOM do not change what the text says.
        if rng.one_in(12) {
            *input = input.replace('\n', "\r\n");
        }
        if rng.one_in(25) {
            input.insert(0, '\u{feff}');
        }
        let mutated = rng.below(100) < 35;
        if mutated {
            let n = 1 + rng.below(3);
            for _ in 0..n {
                *input = mutate(rng, input);
            }
        }
        let got = stats.check(input, &current);
        if !mutated {
            let got = got.unwrap_or_else(|| {
                let e = import(input, &current).expect_err("refused");
                panic!("an export of a design was refused: {}\n{input}", e.message)
            });
            assert_eq!(got, expected, "the import of an export changed the design");
            let again = import(input, &current).expect("accepted once");
            assert_eq!(
                again.kind, kind,
                "the import took the text for something else"
            );
        }
    });
    assert_mix(&stats, 600, 100);
}

#[test]
fn mutated_fixtures_are_imported_or_refused_with_a_place() {
    let seeds = seed_texts();
    let stats = run(Family::Fixtures, |rng, stats, input| {
        *input = rng.pick(&seeds).clone();
        let n = *rng.pick(&[1, 1, 1, 2, 2, 3, 4]);
        for _ in 0..n {
            *input = mutate(rng, input);
        }
        let current = if rng.one_in(3) {
            gen_document(rng)
        } else {
            DesignDocument::default()
        };
        stats.check(input, &current);
    });
    assert_mix(&stats, 30, 300);
}

#[test]
fn random_text_is_imported_or_refused_with_a_place() {
    let stats = run(Family::RandomText, |rng, stats, input| {
        *input = match rng.below(20) {
            0..=7 => {
                let tree = gen_tree(rng);
                render_json(rng, &tree)
            }
            8..=12 => {
                let tree = gen_tree(rng);
                render_python(rng, &tree)
            }
            13..=15 => String::from_utf8_lossy(&rng.bytes(0, 200)).into_owned(),
            16..=17 => {
                let n = rng.below(40);
                (0..n).map(|_| *rng.pick(TOKENS)).collect()
            }
            _ => {
                let n = rng.below(80);
                (0..n).map(|_| weird_char(rng)).collect()
            }
        };
        if rng.one_in(4) {
            *input = mutate(rng, input);
        }
        stats.check(input, &DesignDocument::default());
    });
    assert_mix(&stats, 100, 300);
}

#[test]
fn deep_huge_and_long_inputs_are_handled() {
    let stats = run(Family::Extreme, |rng, stats, input| {
        *input = match rng.below(6) {
            0 => deep_nesting(rng),
            1 => {
                // A fixture with every number replaced by a huge or odd one.
                let base = rng.pick(&seed_texts()).clone();
                replace_numbers(rng, &base, true)
            }
            2 => {
                let mut doc = gen_document(rng);
                let long = long_string(rng);
                match rng.below(4) {
                    0 => doc.request.endpoint_name = Some(long),
                    1 => doc.request.endpoint_config_name = Some(long),
                    2 => doc.endpoint.new_variants.push(ProductionVariant {
                        variant_name: Some(long),
                        ..ProductionVariant::instances("x", "ml.m5.xlarge", 2)
                    }),
                    _ => alarm_list(&mut doc).push(Alarm {
                        alarm_name: Some(long),
                    }),
                }
                document_json(&doc)
            }
            3 => {
                // Many alarms and variants.
                let mut doc = gen_document(rng);
                let n = rng.range(50, 300) as usize;
                let alarms = alarm_list(&mut doc);
                for i in 0..n {
                    alarms.push(Alarm {
                        alarm_name: Some(format!("alarm-{i}")),
                    });
                }
                let m = rng.range(5, 30);
                for i in 0..m {
                    doc.endpoint.new_variants.push(ProductionVariant::instances(
                        &format!("v{i}"),
                        "ml.m5.xlarge",
                        rng.range(1, 50),
                    ));
                }
                if rng.one_in(2) {
                    boto3_snippet(&doc.request)
                } else {
                    document_json(&doc)
                }
            }
            4 => {
                // One number of thousands of digits, an exponent far out of range.
                let digits: String = (0..rng.range(20, 5000))
                    .map(|_| char::from(b'0' + rng.below(10) as u8))
                    .collect();
                let number = match rng.below(4) {
                    0 => digits,
                    1 => format!("-{digits}"),
                    2 => format!("1e{digits}"),
                    _ => format!("0.{digits}e-99999"),
                };
                let key = rng.pick(&[
                    "\"Version\"",
                    "\"ProvisioningSeconds\"",
                    "\"InitialVariantWeight\"",
                    "\"Value\"",
                ]);
                match rng.below(3) {
                    0 => format!("{{\"EndpointName\": \"ep\", \"DeploymentConfig\": {{\"RollingUpdatePolicy\": {{\"MaximumBatchSize\": {{\"Value\": {number}}}}}}}}}"),
                    1 => format!("{{\"Version\": 1, \"Endpoint\": {{\"NewVariants\": [{{\"InitialVariantWeight\": {number}}}]}}}}"),
                    _ => format!("{{{key}: {number}}}"),
                }
            }
            _ => {
                // Random bytes, many of them.
                let n = rng.range(1000, 20000) as usize;
                String::from_utf8_lossy(&rng.bytes(n, n)).into_owned()
            }
        };
        stats.check(input, &DesignDocument::default());
    });
    assert_mix(&stats, 50, 50);
}

// ---------------------------------------------------------------------------------------
// Bugs this run found (fixed), each as the smallest input that showed it

/// A byte-order mark before a pasted dict of boto3 keyword arguments is ignored, as it is
/// before JSON and before an `update_endpoint(...)` call (editors on Windows save one;
/// `import` already trims it for its own checks).
#[test]
fn a_bom_before_python_is_ignored_as_before_json() {
    let current = DesignDocument::default();
    for text in [
        include_str!("fixtures/boto3-snippet.py"),
        include_str!("fixtures/bare-request.json"),
        "{'EndpointName': 'ep', 'RetainDeploymentConfig': True}",
        "params = {'EndpointName': 'ep'}",
        "dict(EndpointName='ep')",
    ] {
        let plain = import(text, &current).expect("imports without a BOM");
        let with_bom = import(&format!("\u{feff}{text}"), &current);
        assert_eq!(with_bom.map(|i| i.document), Ok(plain.document), "{text}");
    }
}

/// Variant weights near the largest float (the form takes any number) must not make
/// the endpoint's traffic NaN: the chart's traffic line would be drawn as `NaN`.
#[test]
fn huge_variant_weights_keep_the_traffic_a_number() {
    let mut doc = DesignDocument::default();
    let variant = |name: &str| ProductionVariant {
        initial_variant_weight: Some(1e308),
        ..ProductionVariant::instances(name, "ml.m5.xlarge", 2)
    };
    doc.endpoint.current_variants = vec![variant("A"), variant("B")];
    doc.endpoint.new_variants = vec![variant("A"), variant("B")];
    let sim = simulate(&doc);
    for e in &sim.events {
        assert!((0.0..=100.0).contains(&e.new_traffic_percent), "{e:?}");
    }
    let layout = chart::layout(&sim, &ChartSize::default());
    let d = chart::path_d(&layout.traffic_line);
    assert!(!d.contains("NaN"), "the traffic line is drawn as {d}");
}

fn alarm_list(doc: &mut DesignDocument) -> &mut Vec<Alarm> {
    doc.request
        .deployment_config
        .get_or_insert_with(Default::default)
        .auto_rollback_configuration
        .get_or_insert_with(Default::default)
        .alarms
        .get_or_insert_with(Vec::new)
}

// ---------------------------------------------------------------------------------------
// What must hold for every accepted design and every refusal

/// A refusal says what is wrong and where, in its message (the page shows only that).
fn check_refusal(input: &str, e: &ImportError) {
    assert!(!e.message.trim().is_empty(), "a refusal without a message");
    if input.trim_start_matches('\u{feff}').trim().is_empty() {
        assert_eq!(e.message, NOTHING_TO_IMPORT);
        return;
    }
    assert!(
        (e.line.is_some() && e.column.is_some()) || e.path.is_some(),
        "a refusal without a place: {e:?}"
    );
    if let (Some(line), Some(column)) = (e.line, e.column) {
        assert!(
            e.message.contains(&format!("line {line}, column {column}")),
            "the message does not say where: {e:?}"
        );
        // The place is in the text (or just past its end).
        let lines: Vec<&str> = input.split('\n').collect();
        assert!(
            line >= 1 && line as usize <= lines.len(),
            "line {line} of {}: {e:?}",
            lines.len()
        );
        let width = lines[line as usize - 1].chars().count();
        assert!(
            column >= 1 && column as usize <= width + 1,
            "column {column} of a {width}-character line: {e:?}"
        );
    }
}

/// Runs a design through everything the page derives from it. Returns the number of
/// events and findings, for the statistics.
fn check_design(doc: &DesignDocument) -> (usize, usize) {
    // Validation: each finding is complete and appears once.
    let findings = validate(doc);
    for (i, f) in findings.iter().enumerate() {
        assert!(!f.path.is_empty() && !f.rule.is_empty(), "{f:?}");
        assert!(
            !f.aws_message.is_empty() && !f.explanation.is_empty(),
            "{f:?}"
        );
        assert!(!findings[..i].contains(f), "finding listed twice: {f:?}");
        // Every rule is in the one registry, with the severity it gives there.
        let rule = designer_core::rules::rule_of(f.rule)
            .unwrap_or_else(|| panic!("rule {} is not in rules::RULES: {f:?}", f.rule));
        assert_eq!(rule.severity, f.severity, "{f:?}");
    }

    // Simulation.
    let sim = simulate(doc);
    check_simulation(&sim);
    let total = sim.summary.total_seconds;
    let mut rng = Rng::new(total as u64, sim.events.len() as u64);
    for t in [
        i64::MIN,
        -1,
        0,
        total / 2,
        total,
        total.saturating_add(1),
        i64::MAX,
    ]
    .into_iter()
    .chain((0..4).map(|_| rng.range(0, total.max(0))))
    {
        let s = state_at(&sim, t);
        assert_eq!(s.t, t.clamp(0, total), "state_at clamps to the timeline");
        assert!(s.old_instances >= 0 && s.new_instances >= 0, "{s:?}");
        assert!((0.0..=100.0).contains(&s.new_traffic_percent), "{s:?}");
        assert!(s.seconds_left >= 0 && s.phase_seconds_left >= 0, "{s:?}");
        assert!(s.phase_seconds_left <= s.seconds_left, "{s:?}");
        assert_eq!(s.seconds_left, total - s.t);
        let e = &sim.events[s.event_index];
        assert!(e.t <= s.t, "state_at shows an event from the future");
        if let Some(next) = sim.events.get(s.event_index + 1) {
            assert!(next.t > s.t, "state_at skipped an event in force");
        }
    }

    // The comparison: the design's row first, then four alternatives.
    let rows = compare(doc);
    assert_eq!(rows.len(), 5);
    assert!(rows[0].is_design && rows[1..].iter().all(|r| !r.is_design));
    assert_eq!(rows[0].total_seconds, sim.summary.total_seconds);
    assert_eq!(rows[0].peak_instances, sim.summary.peak_instances);
    assert_eq!(rows[0].outcome, sim.summary.outcome);
    for r in &rows {
        assert!(r.total_seconds >= 0 && r.peak_instances >= 0, "{r:?}");
        assert!(
            r.instance_hours.is_finite() && r.instance_hours >= 0.0,
            "{r:?}"
        );
        // Every row meets the same what-if, and its risk is a share of the traffic.
        assert!((0.0..=100.0).contains(&r.exposure.percent), "{r:?}");
        if sim.problem_at.is_none() {
            assert_ne!(r.outcome, Outcome::RolledBackAlarm, "{r:?}");
        }
    }

    // The chart.
    for size in [ChartSize::default(), other_chart_size(&mut rng)] {
        let layout = chart::layout(&sim, &size);
        let n = sim.events.len();
        for line in [
            &layout.traffic_line,
            &layout.old_instances_line,
            &layout.new_instances_line,
        ] {
            // A rolled-back run goes on flat to the plan's end: one point more.
            let tail = usize::from(n > 0 && sim.span() > sim.summary.total_seconds.max(0));
            assert_eq!(line.len(), 2 * n + tail, "two points per event");
            assert!(
                line.iter().all(|(x, y)| x.is_finite() && y.is_finite()),
                "{line:?}"
            );
            assert!(
                line.windows(2).all(|w| w[0].0 <= w[1].0),
                "the line goes back in time"
            );
            let d = chart::path_d(line);
            assert!(d.is_empty() == line.is_empty() && !d.contains("NaN") && !d.contains("inf"));
        }
        let ticks = [
            &layout.time_ticks,
            &layout.traffic_ticks,
            &layout.instance_ticks,
        ];
        for tick in ticks.into_iter().flatten() {
            assert!(tick.pos.is_finite() && !tick.label.is_empty(), "{tick:?}");
        }
        assert!(layout.time_ticks.len() <= 20 && layout.instance_ticks.len() <= 20);
        assert!(layout
            .bands
            .iter()
            .all(|b| b.x0.is_finite() && b.x1.is_finite() && b.x0 < b.x1));
        let proj = layout.projection;
        for e in &sim.events {
            assert_eq!(
                proj.t_at(proj.x(e.t)),
                e.t.clamp(0, proj.t_max),
                "x and t_at disagree"
            );
        }
    }

    // The CSV: a header and one row per event.
    let csv = timeline_csv(&sim);
    let mut rows = csv.lines();
    assert_eq!(rows.next(), Some(CSV_HEADER));
    let rows: Vec<&str> = rows.collect();
    assert_eq!(rows.len(), sim.events.len());
    for (row, e) in rows.iter().zip(&sim.events) {
        let cells: Vec<&str> = row.split(',').collect();
        assert_eq!(cells.len(), 5, "{row}");
        assert_eq!(cells[0].parse::<i64>().ok(), Some(e.t), "{row}");
        assert_eq!(cells[1], e.phase.as_str(), "{row}");
        let pct: i64 = cells[4].parse().unwrap_or(-1);
        assert!((0..=100).contains(&pct), "{row}");
    }

    check_exports(doc);
    (sim.events.len(), findings.len())
}

/// Every export reads back to the same request and design, and shows what it sends.
fn check_exports(doc: &DesignDocument) {
    let req = &doc.request;
    let json = cli_input_json(req);
    check_visible(&json);
    let back = import(&json, doc).unwrap_or_else(|e| panic!("cli-input-json refused: {e}\n{json}"));
    assert_eq!(back.kind, ImportKind::Request);
    assert_eq!(
        &back.document.request, req,
        "cli-input-json changed the request:\n{json}"
    );

    let py = boto3_snippet(req);
    check_visible(&py);
    assert!(
        py.starts_with("import boto3\n") && py.contains("sagemaker.update_endpoint("),
        "{py}"
    );
    let back = import(&py, doc).unwrap_or_else(|e| panic!("boto3 snippet refused: {e}\n{py}"));
    assert_eq!(back.kind, ImportKind::Boto3);
    assert_eq!(
        &back.document.request, req,
        "the boto3 snippet changed the request:\n{py}"
    );

    let cmd = cli_command(req);
    check_visible(&cmd);
    assert!(cmd.starts_with("aws sagemaker update-endpoint"), "{cmd}");
    assert!(!cmd.contains('\0'), "a NUL cannot travel in a command line");

    let text = document_json(doc);
    check_visible(&text);
    let back = import(&text, &DesignDocument::default())
        .unwrap_or_else(|e| panic!("the design document refused: {e}\n{text}"));
    assert_eq!(back.kind, ImportKind::Document);
    assert_eq!(
        &back.document, doc,
        "the design document changed the design"
    );

    let link = share::encode(doc);
    assert!(
        link.starts_with("d1.")
            && link
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"._-".contains(&b))
    );
    assert_eq!(
        share::decode(&link).as_ref(),
        Ok(doc),
        "the share link changed the design"
    );
    assert_eq!(
        share::decode(&format!("https://example.test/#{link}")).as_ref(),
        Ok(doc)
    );
}

/// What the simulator promises for any design: sane numbers in time order.
fn check_simulation(sim: &Simulation) {
    check_events(&sim.events, sim.summary.total_seconds);
    let s = &sim.summary;
    assert!(
        s.instance_hours.is_finite() && s.instance_hours >= 0.0,
        "{s:?}"
    );
    let peak = sim
        .events
        .iter()
        .map(|e| e.old_instances + e.new_instances)
        .max()
        .unwrap_or(0);
    assert_eq!(
        s.peak_instances, peak,
        "the peak is the most instances at any event"
    );
    if let Some(t) = s.time_to_full_traffic {
        assert!((0..=s.total_seconds).contains(&t));
    }
    let last = sim.events.last().expect("a timeline has events");
    assert_eq!(last.phase, Phase::Done, "a timeline ends done");
    if sim.alarm_at.is_none() && sim.timeout_at.is_none() && s.outcome != Outcome::FailedCapacity {
        assert_eq!(s.outcome, Outcome::Succeeded, "nothing to roll back for");
    }
    match s.outcome {
        Outcome::Succeeded if !sim.variants.is_empty() => {
            // The new fleet serves everything and the old one is gone.
            // (Weighted averages of several variants may miss 100 by a rounding error;
            // the page shows whole percents.)
            assert!((last.new_traffic_percent - 100.0).abs() < 1e-6, "{last:?}");
            assert_eq!(last.old_instances, 0, "{last:?}");
            assert!(s.time_to_full_traffic.is_some());
        }
        Outcome::Succeeded => {}
        Outcome::RolledBackAlarm => {
            let a = sim.alarm_at.expect("an alarm rollback needs an alarm");
            assert!(a <= s.total_seconds);
            assert_eq!(
                last.new_traffic_percent, 0.0,
                "after a rollback the old fleet serves"
            );
        }
        Outcome::RolledBackTimeout => {
            let m = sim.timeout_at.expect("a timeout needs a timeout");
            assert!(m <= s.total_seconds);
            assert_eq!(
                last.new_traffic_percent, 0.0,
                "after a rollback the old fleet serves"
            );
        }
        Outcome::FailedCapacity => {
            // The call is refused: nothing happens.
            let over = sim.capacity.forward.as_ref().expect("a refusal names the quota");
            assert!(over.need > over.available(), "{over:?}");
            assert_eq!((s.total_seconds, sim.events.len()), (0, 1));
            assert_eq!(last.new_instances, 0);
        }
        Outcome::UpdateRollbackFailed => {
            assert!(sim.alarm_at.is_some() || sim.timeout_at.is_some());
            let over = sim.capacity.rollback.as_ref().expect("the rollback names the quota");
            assert!(over.need > over.available(), "{over:?}");
        }
    }
    for v in &sim.variants {
        check_events(&v.events, v.summary.total_seconds);
        assert!(
            v.summary.total_seconds <= s.total_seconds,
            "a variant outlasts the endpoint"
        );
        assert_eq!(v.summary.outcome, s.outcome);
        assert!(v.steps <= sim.steps);
    }
}

fn check_events(events: &[Event], total: i64) {
    assert!(!events.is_empty(), "a timeline has events");
    assert_eq!(events[0].t, 0, "a timeline starts at 0");
    for e in events {
        assert!(e.old_instances >= 0 && e.new_instances >= 0, "{e:?}");
        assert!((0.0..=100.0).contains(&e.new_traffic_percent), "{e:?}");
    }
    assert!(
        events.windows(2).all(|w| w[0].t <= w[1].t),
        "events out of time order"
    );
    assert!(
        total >= events[events.len() - 1].t,
        "total before the last event"
    );
}

/// What an export shows is what it sends: no raw control or invisible character but the
/// layout's newlines.
fn check_visible(text: &str) {
    if let Some(c) = text
        .chars()
        .find(|&c| c != '\n' && (c.is_control() || is_invisible(c)))
    {
        panic!("raw U+{:04X} in an export:\n{text}", u32::from(c));
    }
}

/// A plausible chart size other than the page's.
fn other_chart_size(rng: &mut Rng) -> ChartSize {
    ChartSize {
        width: rng.range(200, 1600) as f64,
        height: rng.range(100, 600) as f64,
        margin_left: rng.range(0, 60) as f64,
        margin_right: rng.range(0, 60) as f64,
        margin_top: rng.range(0, 30) as f64,
        margin_bottom: rng.range(0, 40) as f64,
    }
}

// ---------------------------------------------------------------------------------------
// A small PRNG (SplitMix64): no dependency, the same numbers on every platform

struct Rng(u64);

impl Rng {
    fn new(seed: u64, case: u64) -> Self {
        let mut r = Rng(seed ^ case.wrapping_mul(0xD1B5_4A32_D192_ED03));
        r.next();
        r
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// 0..n (0 when n is 0).
    fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            0
        } else {
            self.next() % n
        }
    }

    /// lo..=hi.
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        let span = hi.wrapping_sub(lo) as u64;
        if span == u64::MAX {
            return self.next() as i64;
        }
        lo.wrapping_add(self.below(span + 1) as i64)
    }

    fn one_in(&mut self, n: u64) -> bool {
        self.below(n) == 0
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    fn bytes(&mut self, min: usize, max: usize) -> Vec<u8> {
        let n = self.range(min as i64, max as i64) as usize;
        (0..n).map(|_| self.next() as u8).collect()
    }

    fn maybe<T>(&mut self, percent: u64, f: impl FnOnce(&mut Rng) -> T) -> Option<T> {
        (self.below(100) < percent).then(|| f(self))
    }
}

// ---------------------------------------------------------------------------------------
// Generated designs (every value the import can read back, edge cases favoured)

fn gen_int(rng: &mut Rng) -> i64 {
    match rng.below(16) {
        0 => 0,
        1 => 1,
        2 => -1,
        3 => *rng.pick(&[2, 3, 5, 10, 20, 25, 33, 50, 99, 100, 101]),
        4 => *rng.pick(&[300, 600, 1800, 3600, 14400, 28800, 28801]),
        5 => i64::from(i32::MAX),
        6 => i64::from(i32::MIN),
        7 => i64::from(*rng.pick(&[i32::MAX - 1, i32::MIN + 1, 1 << 20, -(1 << 20)])),
        8..=10 => rng.range(0, 120),
        11..=13 => rng.range(-100, 100_000),
        _ => rng.next() as i32 as i64,
    }
}

const NAME_CHARS: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-";

fn gen_name(rng: &mut Rng) -> String {
    let n = rng.range(1, 63);
    (0..n).map(|_| char::from(*rng.pick(NAME_CHARS))).collect()
}

/// Text a user could type or paste: names, shell and Python syntax, escapes, invisible
/// characters, surrogate-looking escapes, non-BMP characters.
fn gen_text(rng: &mut Rng) -> String {
    match rng.below(12) {
        0 => String::new(),
        1..=5 => gen_name(rng),
        6 => (*rng.pick(&[
            "it's \"quoted\" \\ back",
            "'; rm -rf / #",
            "$(touch pwned)`id`",
            "file:///etc/passwd",
            "https://example.com/x",
            "fileb://x",
            "-h",
            "--endpoint-name",
            "line\nbreak\r\ttab",
            "nul\0byte",
            "bidi \u{202e}txet\u{202c} ok",
            "zero\u{200b}width\u{feff}bom",
            "tag \u{e0041}\u{e007f}",
            "emoji 😀 👩‍💻 é 中文",
            "\u{7f}\u{80}\u{9f} C1",
            "\\ud800 not a surrogate",
            "{\"json\": [1, 2]}",
            "None True False",
            "!history $HOME ${x}",
            "\u{2028}\u{2029}",
        ]))
        .to_string(),
        7 => {
            let n = rng.range(64, 300);
            (0..n).map(|_| char::from(*rng.pick(NAME_CHARS))).collect()
        }
        _ => {
            let n = rng.below(20);
            (0..n).map(|_| weird_char(rng)).collect()
        }
    }
}

/// Any character, with the troublesome ones favoured.
fn weird_char(rng: &mut Rng) -> char {
    match rng.below(10) {
        0 => char::from(rng.below(0x20) as u8),
        1 => *rng.pick(&[
            '"', '\'', '\\', '{', '}', '[', ']', ',', ':', '#', '$', '`', '!', '\u{7f}',
        ]),
        2 => *rng.pick(&[
            '\u{feff}',
            '\u{202e}',
            '\u{200b}',
            '\u{2028}',
            '\u{00ad}',
            '\u{e0041}',
            '\u{85}',
            '\u{fffd}',
            '\u{10ffff}',
            '😀',
            'é',
            '中',
        ]),
        3..=6 => char::from(rng.range(0x20, 0x7e) as u8),
        _ => loop {
            if let Some(c) = char::from_u32(rng.below(0x11_0000) as u32) {
                break c;
            }
        },
    }
}

fn gen_wire<T>(rng: &mut Rng, known: &[T], from_wire: fn(&str) -> T) -> T
where
    T: Clone,
{
    if rng.below(10) < 8 {
        rng.pick(known).clone()
    } else {
        from_wire(&gen_text(rng))
    }
}

fn gen_size(rng: &mut Rng) -> CapacitySize {
    CapacitySize {
        type_: rng.maybe(90, |r| {
            gen_wire(r, CapacitySizeType::ALL, CapacitySizeType::from_wire)
        }),
        value: rng.maybe(90, gen_int),
    }
}

fn gen_request(rng: &mut Rng) -> UpdateEndpointInput {
    let routing = |rng: &mut Rng| TrafficRoutingConfig {
        type_: rng.maybe(90, |r| {
            gen_wire(
                r,
                TrafficRoutingConfigType::ALL,
                TrafficRoutingConfigType::from_wire,
            )
        }),
        wait_interval_in_seconds: rng.maybe(80, gen_int),
        canary_size: rng.maybe(60, gen_size),
        linear_step_size: rng.maybe(60, gen_size),
    };
    let blue_green = |rng: &mut Rng| BlueGreenUpdatePolicy {
        traffic_routing_configuration: rng.maybe(90, routing),
        termination_wait_in_seconds: rng.maybe(60, gen_int),
        maximum_execution_timeout_in_seconds: rng.maybe(60, gen_int),
    };
    let rolling = |rng: &mut Rng| RollingUpdatePolicy {
        maximum_batch_size: rng.maybe(90, gen_size),
        wait_interval_in_seconds: rng.maybe(80, gen_int),
        maximum_execution_timeout_in_seconds: rng.maybe(60, gen_int),
        rollback_maximum_batch_size: rng.maybe(50, gen_size),
    };
    let alarms = |rng: &mut Rng| AutoRollbackConfig {
        alarms: rng.maybe(90, |r| {
            let n = r.below(12);
            (0..n)
                .map(|_| Alarm {
                    alarm_name: r.maybe(90, gen_text),
                })
                .collect()
        }),
    };
    let config = |rng: &mut Rng| {
        let which = rng.below(10);
        DeploymentConfig {
            blue_green_update_policy: (which < 6 || which == 9).then(|| blue_green(rng)),
            rolling_update_policy: (6..=9).contains(&which).then(|| rolling(rng)),
            auto_rollback_configuration: rng.maybe(50, alarms),
        }
    };
    UpdateEndpointInput {
        endpoint_name: rng.maybe(85, gen_text),
        endpoint_config_name: rng.maybe(85, gen_text),
        retain_all_variant_properties: rng.maybe(20, |r| r.one_in(2)),
        exclude_retained_variant_properties: rng.maybe(15, |r| {
            let n = r.below(4);
            (0..n)
                .map(|_| VariantProperty {
                    variant_property_type: r.maybe(90, |r| {
                        gen_wire(r, VariantPropertyType::ALL, VariantPropertyType::from_wire)
                    }),
                })
                .collect()
        }),
        deployment_config: rng.maybe(85, config),
        retain_deployment_config: rng.maybe(15, |r| r.one_in(2)),
    }
}

fn gen_variant(rng: &mut Rng) -> ProductionVariant {
    let serverless = rng.one_in(8);
    ProductionVariant {
        variant_name: rng.maybe(90, |r| {
            if r.one_in(2) {
                "AllTraffic".to_string()
            } else {
                gen_text(r)
            }
        }),
        model_name: rng.maybe(40, gen_text),
        instance_type: (!serverless || rng.one_in(4)).then(|| {
            (*rng.pick(&[
                "ml.m5.xlarge",
                "ml.c5.large",
                "ml.g5.2xlarge",
                "ml.inf1.xlarge",
                "ml.p4d.24xlarge",
                "ml.t2.medium",
                "m5.xlarge",
                "",
            ]))
            .to_string()
        }),
        initial_instance_count: (!serverless || rng.one_in(4)).then(|| match rng.below(4) {
            0 => gen_int(rng),
            _ => rng.range(0, 40),
        }),
        initial_variant_weight: rng.maybe(85, |r| match r.below(8) {
            0 => 0.0,
            1 => -1.0,
            2 => *r.pick(&[0.5, 0.1, 1e-300, 5e-324, 1e300, f64::MAX, -0.0]),
            3 => (r.next() as f64 / u64::MAX as f64) * 2e6 - 1e6,
            _ => 1.0,
        }),
        accelerator_type: rng.maybe(5, |r| {
            (*r.pick(&["ml.eia2.medium", "ml.eia1.large", "x"])).to_string()
        }),
        serverless_config: serverless.then(|| ServerlessConfig {
            memory_size_in_mb: rng.maybe(80, |r| *r.pick(&[1024, 2048, 6144, 3000, 0, -1])),
            max_concurrency: rng.maybe(80, |r| r.range(-1, 250)),
            provisioned_concurrency: rng.maybe(30, |r| r.range(-1, 250)),
        }),
    }
}

/// Alarm definitions (Version 2), some named after the request's rollback alarms so that
/// their timing reaches the simulator, with wild numbers and any text.
fn gen_alarm_definitions(
    rng: &mut Rng,
    request: &UpdateEndpointInput,
) -> Vec<designer_core::model::MetricAlarm> {
    use designer_core::model::{Dimension, MetricAlarm, MetricDataQuery, MetricStat};
    let names: Vec<String> = request
        .deployment_config
        .iter()
        .flat_map(|d| d.auto_rollback_configuration.iter())
        .flat_map(|a| a.alarms.iter().flatten())
        .filter_map(|a| a.alarm_name.clone())
        .collect();
    let count = if rng.one_in(2) { 0 } else { rng.range(1, 4) };
    (0..count)
        .map(|_| {
            let name = if !names.is_empty() && !rng.one_in(4) {
                Some(names[rng.range(0, names.len() as i64 - 1) as usize].clone())
            } else {
                rng.maybe(80, gen_text)
            };
            let int = |r: &mut Rng| if r.one_in(3) { gen_int(r) } else { r.range(0, 1200) };
            MetricAlarm {
                alarm_name: name,
                namespace: rng.maybe(80, |r| {
                    if r.one_in(3) { gen_text(r) } else { "AWS/SageMaker".to_string() }
                }),
                metric_name: rng.maybe(80, |r| {
                    if r.one_in(3) { gen_text(r) } else { "Invocation5XXErrors".to_string() }
                }),
                dimensions: (0..rng.range(0, 3))
                    .map(|_| Dimension { name: gen_text(rng), value: gen_text(rng) })
                    .collect(),
                statistic: rng.maybe(70, gen_text),
                extended_statistic: rng.maybe(20, gen_text),
                period: rng.maybe(85, int),
                evaluation_periods: rng.maybe(85, int),
                datapoints_to_alarm: rng.maybe(50, int),
                threshold: rng.maybe(80, |r| r.range(-10, 1000) as f64),
                comparison_operator: rng.maybe(80, gen_text),
                treat_missing_data: rng.maybe(50, gen_text),
                unit: None,
                metrics: if rng.one_in(5) {
                    vec![MetricDataQuery {
                        id: gen_text(rng),
                        expression: rng.maybe(50, gen_text),
                        metric_stat: rng.maybe(50, |r| MetricStat {
                            period: r.maybe(80, int),
                            ..Default::default()
                        }),
                        ..Default::default()
                    }]
                } else {
                    Vec::new()
                },
            }
        })
        .collect()
}

/// Quotas (Version 2), mostly of a type the new fleet runs, with wild limits.
fn gen_quotas(
    rng: &mut Rng,
    variants: &[ProductionVariant],
) -> Vec<designer_core::model::InstanceQuota> {
    if rng.one_in(2) {
        return Vec::new();
    }
    (0..rng.range(1, 3))
        .map(|_| designer_core::model::InstanceQuota {
            instance_type: if !variants.is_empty() && !rng.one_in(4) {
                variants[rng.range(0, variants.len() as i64 - 1) as usize].instance_type.clone()
            } else {
                rng.maybe(70, gen_text)
            },
            limit: rng.maybe(90, |r| if r.one_in(3) { gen_int(r) } else { r.range(0, 40) }),
            in_use: rng.maybe(50, |r| if r.one_in(3) { gen_int(r) } else { r.range(0, 10) }),
        })
        .collect()
}

fn gen_document(rng: &mut Rng) -> DesignDocument {
    let variants = |rng: &mut Rng| {
        let n = *rng.pick(&[0usize, 1, 1, 1, 1, 2, 2, 3, 5]);
        (0..n).map(|_| gen_variant(rng)).collect::<Vec<_>>()
    };
    let current_variants = variants(rng);
    let new_variants = if rng.one_in(3) {
        // The same variants with other counts: the common case of a real update.
        current_variants
            .iter()
            .cloned()
            .map(|mut v| {
                if v.initial_instance_count.is_some() {
                    v.initial_instance_count = Some(rng.range(0, 30));
                }
                v
            })
            .collect()
    } else {
        variants(rng)
    };
    let request = gen_request(rng);
    let alarms = gen_alarm_definitions(rng, &request);
    let quotas = gen_quotas(rng, &new_variants);
    DesignDocument {
        version: DOCUMENT_VERSION,
        request,
        alarms,
        endpoint: EndpointContext {
            current_endpoint_config_name: rng.maybe(70, gen_text),
            current_variants,
            new_variants,
            uses_marketplace_containers: rng.one_in(15),
            quotas,
        },
        rules: None,
        simulation: SimulationSettings {
            provisioning_seconds: if rng.one_in(3) {
                gen_int(rng)
            } else {
                rng.range(0, 900)
            },
            failure: rng.maybe(30, |r| {
                if r.one_in(2) {
                    gen_int(r)
                } else {
                    r.range(0, 5000)
                }
            }).map(|at_seconds| designer_core::model::Failure::Alarm { at_seconds }),
        },
        placeholders: Vec::new(),
    }
}

// ---------------------------------------------------------------------------------------
// Seed texts and mutations

/// The fixtures and the page's examples, as pasted text.
fn seed_texts() -> Vec<String> {
    let mut out: Vec<String> = [
        include_str!("fixtures/all-at-once.json"),
        include_str!("fixtures/bare-request.json"),
        include_str!("fixtures/boto3-snippet.py"),
        include_str!("fixtures/canary-with-alarms.json"),
        include_str!("fixtures/default-no-config.json"),
        include_str!("fixtures/linear.json"),
        include_str!("fixtures/marketplace-inf1.json"),
        include_str!("fixtures/multi-variant.json"),
        include_str!("fixtures/retain-variant-properties.json"),
        include_str!("fixtures/rolling-with-rollback-batch.json"),
        include_str!("fixtures/serverless.json"),
        // Alarm definitions in every form, alone and beside the endpoint (issue 18).
        include_str!("../crates/import/tests/fixtures/alarms/endpoint-with-alarms.yaml"),
        include_str!("../crates/import/tests/fixtures/alarms/endpoint-with-alarms.json"),
        include_str!("../crates/import/tests/fixtures/alarms/alarms-only.yaml"),
        include_str!("../crates/import/tests/fixtures/alarms/deploy-with-alarms.sh"),
        include_str!("../crates/import/tests/fixtures/alarms/alarms-only.sh"),
        include_str!("../crates/import/tests/fixtures/alarms/deploy_with_alarms.py"),
        include_str!("../crates/import/tests/fixtures/alarms/alarms_only.py"),
        include_str!("../crates/import/tests/fixtures/alarms/endpoint-with-alarms.tf"),
        include_str!("../crates/import/tests/fixtures/alarms/alarm-module.tf"),
        include_str!("../crates/import/tests/fixtures/alarms/broken-brace.tf"),
        include_str!("../crates/import/tests/fixtures/alarms/describe-alarms.json"),
        include_str!("../crates/import/tests/fixtures/alarms/endpoint-stack.ts"),
        include_str!("../crates/import/tests/fixtures/alarms/alarms_stack.py"),
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    for ex in examples::EXAMPLES {
        let doc = (ex.build)();
        out.push(document_json(&doc));
        out.push(cli_input_json(&doc.request));
        out.push(boto3_snippet(&doc.request));
    }
    out
}

/// Syntax of both languages, the schema's names, and numbers at every edge.
#[rustfmt::skip]
const TOKENS: &[&str] = &[
    "{", "}", "[", "]", "(", ")", ",", ",", ":", "=", "\"", "'", "\\", "\\u", "\\ud800",
    "\\udc00", "\\u00e9", "\\x41", "\\N{BULLET}", "#", "# comment\n", "//", "/*", "\n", "\r",
    "\r\n", "\t", " ", "  ", "\u{feff}", "\u{202e}", "\u{0}", "é", "😀", "null", "None", "true",
    "True", "false", "False", "NaN", "Infinity", "-", "+", "0", "-0", "1", "1.5", "1e3", "1E+2",
    "1e400", "-1e400", "0x10", "0o7", "0b1", "1_000", "1__0", "01", "1.", ".5", "1j",
    "2147483647", "2147483648", "-2147483648", "-2147483649", "9223372036854775807",
    "9223372036854775808", "340282366920938463463374607431768211456",
    "99999999999999999999999999", "\"Version\"", "\"Request\"", "\"Endpoint\"",
    "\"Simulation\"", "\"EndpointName\"", "\"DeploymentConfig\"", "\"BlueGreenUpdatePolicy\"",
    "\"RollingUpdatePolicy\"", "\"TrafficRoutingConfiguration\"", "\"Type\"", "\"Value\"",
    "\"CANARY\"", "\"LINEAR\"", "\"ALL_AT_ONCE\"", "\"CAPACITY_PERCENT\"", "\"INSTANCE_COUNT\"",
    "\"Alarms\"", "\"AlarmName\"", "\"NewVariants\"", "\"CurrentVariants\"",
    "\"InitialInstanceCount\"", "\"InitialVariantWeight\"", "\"VolumeSizeInGB\"",
    "'EndpointName'", "'DeploymentConfig'", "EndpointName=", "DeploymentConfig=", "dict(",
    "update_endpoint(", "sagemaker.update_endpoint(", "**", "*", "r'", "b'", "f'", "'''",
    "\"\"\"", "...", "lambda", "import boto3\n", "x = ", "\"\\\"\"", "\"\"", "''",
];

/// One random edit, on character boundaries (or on bytes, read back leniently).
fn mutate(rng: &mut Rng, text: &str) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    let len = chars.len();
    let at = |rng: &mut Rng| rng.below(len as u64 + 1) as usize;
    match rng.below(12) {
        0 => {
            chars.truncate(at(rng));
        }
        1 => {
            let start = at(rng);
            let end = (start + 1 + rng.below(20) as usize).min(len);
            chars.drain(start..end.max(start));
        }
        2 | 3 => {
            let i = at(rng);
            chars.splice(i..i, rng.pick(TOKENS).chars());
        }
        4 => {
            if len > 0 {
                let i = rng.below(len as u64) as usize;
                chars[i] = weird_char(rng);
            }
        }
        5 => {
            let start = at(rng);
            let end = (start + rng.below(40) as usize).min(len);
            let span: Vec<char> = chars[start..end].to_vec();
            let i = at(rng);
            chars.splice(i..i, span);
        }
        6 => return replace_numbers(rng, text, false),
        7 => return replace_strings(rng, text),
        8 => {
            let mut lines: Vec<&str> = text.split('\n').collect();
            if lines.len() > 1 {
                let a = rng.below(lines.len() as u64) as usize;
                let b = rng.below(lines.len() as u64) as usize;
                lines.swap(a, b);
            }
            return lines.join("\n");
        }
        9 => {
            // A member added after an opening brace: a known name with a value of any type.
            let braces: Vec<usize> = chars
                .iter()
                .enumerate()
                .filter(|(_, c)| **c == '{')
                .map(|(i, _)| i)
                .collect();
            if !braces.is_empty() {
                let i = *rng.pick(&braces) + 1;
                let key = rng.pick(MEMBERS);
                let value = rng.pick(&[
                    "1",
                    "\"x\"",
                    "true",
                    "null",
                    "[]",
                    "{}",
                    "-1",
                    "1.5",
                    "\"CANARY\"",
                ]);
                let member = format!("\"{key}\": {value}, ");
                chars.splice(i..i, member.chars());
            }
        }
        10 => {
            let mut bytes = text.as_bytes().to_vec();
            if !bytes.is_empty() {
                let i = rng.below(bytes.len() as u64) as usize;
                bytes[i] ^= 1 << rng.below(8);
            }
            return String::from_utf8_lossy(&bytes).into_owned();
        }
        _ => {
            // Indentation and spacing are not meaning (in JSON); tabs and odd spaces.
            let ws = rng.pick(&["\t", "  ", "\u{a0}", "\u{3000}", "\r"]);
            return text.replacen("    ", ws, 1 + rng.below(5) as usize);
        }
    }
    chars.into_iter().collect()
}

/// Replaces some (or, with `all`, every) number in `text` with an edge-case number.
fn replace_numbers(rng: &mut Rng, text: &str, all: bool) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut chars = text.chars().peekable();
    let mut prev_ident = false;
    while let Some(c) = chars.next() {
        if c.is_ascii_digit() && !prev_ident {
            let mut lit = String::from(c);
            while let Some(&d) = chars.peek() {
                if d.is_ascii_digit() || d == '.' || d == '_' {
                    lit.push(d);
                    chars.next();
                } else {
                    break;
                }
            }
            if all || rng.one_in(3) {
                out.push_str(edge_number(rng));
            } else {
                out.push_str(&lit);
            }
            prev_ident = false;
            continue;
        }
        prev_ident = c.is_alphanumeric() || c == '_' || c == '.';
        out.push(c);
    }
    out
}

fn edge_number(rng: &mut Rng) -> &'static str {
    EDGE_NUMBERS[rng.below(EDGE_NUMBERS.len() as u64) as usize]
}

#[rustfmt::skip]
const EDGE_NUMBERS: &[&str] = &[
    "0", "-0", "0.0", "-0.0", "1", "-1", "1.0", "1e0", "1.5", "2147483647", "2147483648",
    "-2147483648", "-2147483649", "4294967296", "9223372036854775807", "9223372036854775808",
    "-9223372036854775809", "18446744073709551616", "340282366920938463463374607431768211457",
    "1e308", "1e309", "-1e309", "2e-324", "1e-400", "4.9e-324", "1.7976931348623157e308", "0.1",
    "100000000000000000000.0", "123456789012345678901234567890", "1_000", "0x1F", "1e", "1.",
    "-", "+1", "01", ".5",
];

/// Replaces the content of some string literal with generated text, escaped for JSON.
fn replace_strings(rng: &mut Rng, text: &str) -> String {
    let quotes: Vec<usize> = text.match_indices('"').map(|(i, _)| i).collect();
    if quotes.len() < 2 {
        return text.to_string();
    }
    let k = rng.below(quotes.len() as u64 - 1) as usize;
    let (a, b) = (quotes[k], quotes[k + 1]);
    let replacement = serde_json::to_string(&gen_text(rng)).expect("a string serialises");
    format!("{}{}{}", &text[..a], replacement, &text[b + 1..])
}

fn long_string(rng: &mut Rng) -> String {
    let n = rng.range(1000, 10_000) as usize;
    match rng.below(3) {
        0 => "a".repeat(n),
        1 => "\u{202e}😀\"\\".repeat(n / 4),
        _ => (0..n).map(|_| weird_char(rng)).collect(),
    }
}

fn deep_nesting(rng: &mut Rng) -> String {
    // MAX_DEPTH is 64; a few texts are megabytes deep.
    let depth = match rng.below(100) {
        0 => 100_000,
        1..=30 => rng.range(60, 70) as usize,
        31..=60 => rng.range(1, 200) as usize,
        _ => rng.range(1000, 5000) as usize,
    };
    let (open, close) = *rng.pick(&[
        ("[", "]"),
        ("{\"a\":", "}"),
        ("(", ")"),
        ("{'DeploymentConfig': ", "}"),
        ("{\"Version\": 1, \"Request\": ", "}"),
        ("[{\"x\": ", "}]"),
        ("dict(a=", ")"),
    ]);
    let prefix = if open.starts_with('(') || open.starts_with("dict") {
        "sagemaker.update_endpoint(DeploymentConfig="
    } else {
        ""
    };
    let mut s = String::with_capacity(depth * (open.len() + close.len()) + 64);
    s.push_str(prefix);
    for _ in 0..depth {
        s.push_str(open);
    }
    s.push('1');
    if !rng.one_in(4) {
        for _ in 0..depth {
            s.push_str(close);
        }
    }
    if !prefix.is_empty() {
        s.push(')');
    }
    s
}

// ---------------------------------------------------------------------------------------
// Schema-shaped value trees, written as JSON or Python with some type mistakes

/// Every member name the import knows, and one it refuses by name.
#[rustfmt::skip]
const MEMBERS: &[&str] = &[
    "Version", "Request", "Endpoint", "Simulation", "EndpointName", "EndpointConfigName",
    "RetainAllVariantProperties", "ExcludeRetainedVariantProperties", "DeploymentConfig",
    "RetainDeploymentConfig", "BlueGreenUpdatePolicy", "RollingUpdatePolicy",
    "AutoRollbackConfiguration", "TrafficRoutingConfiguration", "TerminationWaitInSeconds",
    "MaximumExecutionTimeoutInSeconds", "Type", "WaitIntervalInSeconds", "CanarySize",
    "LinearStepSize", "MaximumBatchSize", "RollbackMaximumBatchSize", "Value", "Alarms",
    "AlarmName", "VariantPropertyType", "CurrentEndpointConfigName", "CurrentVariants",
    "NewVariants", "UsesMarketplaceContainers", "VariantName", "ModelName", "InstanceType",
    "InitialInstanceCount", "InitialVariantWeight", "AcceleratorType", "ServerlessConfig",
    "MemorySizeInMB", "MaxConcurrency", "ProvisionedConcurrency", "ProvisioningSeconds",
    "AlarmTripAtSeconds", "VolumeSizeInGB",
];

enum Tree {
    Null,
    Bool(bool),
    Num(String),
    Str(String),
    List(Vec<Tree>),
    Map(Vec<(String, Tree)>),
}

enum Shape {
    Str,
    Int,
    Bool,
    Float,
    NullableInt,
    Obj(&'static [&'static str]),
    ListOf(&'static [&'static str]),
}

#[rustfmt::skip]
const REQUEST: &[&str] = &[
    "EndpointName", "EndpointConfigName", "RetainAllVariantProperties",
    "ExcludeRetainedVariantProperties", "DeploymentConfig", "RetainDeploymentConfig",
];
#[rustfmt::skip]
const VARIANT: &[&str] = &[
    "VariantName", "ModelName", "InstanceType", "InitialInstanceCount", "InitialVariantWeight",
    "AcceleratorType", "ServerlessConfig",
];
const SIZE: &[&str] = &["Type", "Value"];

fn shape(key: &str) -> Shape {
    match key {
        "Version"
        | "TerminationWaitInSeconds"
        | "MaximumExecutionTimeoutInSeconds"
        | "WaitIntervalInSeconds"
        | "Value"
        | "InitialInstanceCount"
        | "MemorySizeInMB"
        | "MaxConcurrency"
        | "ProvisionedConcurrency"
        | "ProvisioningSeconds"
        | "VolumeSizeInGB" => Shape::Int,
        "AlarmTripAtSeconds" => Shape::NullableInt,
        "RetainAllVariantProperties" | "RetainDeploymentConfig" | "UsesMarketplaceContainers" => {
            Shape::Bool
        }
        "InitialVariantWeight" => Shape::Float,
        "Request" => Shape::Obj(REQUEST),
        "Endpoint" => Shape::Obj(&[
            "CurrentEndpointConfigName",
            "CurrentVariants",
            "NewVariants",
            "UsesMarketplaceContainers",
        ]),
        "Simulation" => Shape::Obj(&["ProvisioningSeconds", "AlarmTripAtSeconds"]),
        "DeploymentConfig" => Shape::Obj(&[
            "BlueGreenUpdatePolicy",
            "RollingUpdatePolicy",
            "AutoRollbackConfiguration",
        ]),
        "BlueGreenUpdatePolicy" => Shape::Obj(&[
            "TrafficRoutingConfiguration",
            "TerminationWaitInSeconds",
            "MaximumExecutionTimeoutInSeconds",
        ]),
        "RollingUpdatePolicy" => Shape::Obj(&[
            "MaximumBatchSize",
            "WaitIntervalInSeconds",
            "MaximumExecutionTimeoutInSeconds",
            "RollbackMaximumBatchSize",
        ]),
        "TrafficRoutingConfiguration" => Shape::Obj(&[
            "Type",
            "WaitIntervalInSeconds",
            "CanarySize",
            "LinearStepSize",
        ]),
        "CanarySize" | "LinearStepSize" | "MaximumBatchSize" | "RollbackMaximumBatchSize" => {
            Shape::Obj(SIZE)
        }
        "AutoRollbackConfiguration" => Shape::Obj(&["Alarms"]),
        "ServerlessConfig" => {
            Shape::Obj(&["MemorySizeInMB", "MaxConcurrency", "ProvisionedConcurrency"])
        }
        "Alarms" => Shape::ListOf(&["AlarmName"]),
        "ExcludeRetainedVariantProperties" => Shape::ListOf(&["VariantPropertyType"]),
        "CurrentVariants" | "NewVariants" => Shape::ListOf(VARIANT),
        _ => Shape::Str,
    }
}

/// A document (usually) or a bare request, shaped like the schema, with a wrong value or
/// an unknown member here and there.
fn gen_tree(rng: &mut Rng) -> Tree {
    if rng.one_in(2) {
        let mut entries = vec![(
            "Version".to_string(),
            Tree::Num(if rng.below(10) < 8 {
                "1".into()
            } else {
                edge_number(rng).into()
            }),
        )];
        for key in ["Request", "Endpoint", "Simulation"] {
            if !rng.one_in(4) {
                entries.push((key.to_string(), tree_for(rng, key, 1)));
            }
        }
        if rng.one_in(3) {
            shuffle(rng, &mut entries);
        }
        Tree::Map(entries)
    } else {
        object_for(rng, REQUEST, 1)
    }
}

fn shuffle<T>(rng: &mut Rng, items: &mut [T]) {
    for i in (1..items.len()).rev() {
        let j = rng.below(i as u64 + 1) as usize;
        items.swap(i, j);
    }
}

fn tree_for(rng: &mut Rng, key: &str, depth: u32) -> Tree {
    if rng.one_in(25) || depth > 8 {
        return any_tree(rng, depth);
    }
    match shape(key) {
        Shape::Int => Tree::Num(if rng.one_in(6) {
            edge_number(rng).to_string()
        } else {
            gen_int(rng).to_string()
        }),
        Shape::NullableInt if rng.one_in(3) => Tree::Null,
        Shape::NullableInt => Tree::Num(gen_int(rng).to_string()),
        Shape::Bool => Tree::Bool(rng.one_in(2)),
        Shape::Float => Tree::Num(
            (*rng.pick(&["1", "1.0", "0.5", "0", "2e-3", "1e300", "-0.0", "3"])).to_string(),
        ),
        Shape::Str => Tree::Str(match key {
            "Type" => (*rng.pick(&[
                "CANARY",
                "LINEAR",
                "ALL_AT_ONCE",
                "INSTANCE_COUNT",
                "CAPACITY_PERCENT",
                "canary",
                "",
            ]))
            .to_string(),
            "VariantPropertyType" => (*rng.pick(&[
                "DesiredInstanceCount",
                "DesiredWeight",
                "DataCaptureConfig",
                "Other",
            ]))
            .to_string(),
            "InstanceType" => {
                (*rng.pick(&["ml.m5.xlarge", "ml.inf1.xlarge", "ml.c5.large"])).to_string()
            }
            _ => gen_text(rng),
        }),
        Shape::Obj(members) => object_for(rng, members, depth),
        Shape::ListOf(members) => {
            let n = rng.below(4);
            Tree::List(
                (0..n)
                    .map(|_| object_for(rng, members, depth + 1))
                    .collect(),
            )
        }
    }
}

fn object_for(rng: &mut Rng, members: &[&str], depth: u32) -> Tree {
    let mut entries = Vec::new();
    for key in members {
        if rng.below(10) < 6 {
            entries.push((key.to_string(), tree_for(rng, key, depth + 1)));
        }
    }
    if rng.one_in(30) {
        let key = if rng.one_in(2) {
            (*rng.pick(MEMBERS)).to_string()
        } else {
            gen_name(rng)
        };
        let at = rng.below(entries.len() as u64 + 1) as usize;
        entries.insert(at, (key, any_tree(rng, depth + 1)));
    }
    Tree::Map(entries)
}

fn any_tree(rng: &mut Rng, depth: u32) -> Tree {
    match rng.below(if depth > 6 { 4 } else { 6 }) {
        0 => Tree::Null,
        1 => Tree::Bool(rng.one_in(2)),
        2 => Tree::Num(edge_number(rng).to_string()),
        3 => Tree::Str(gen_text(rng)),
        4 => {
            let n = rng.below(4);
            Tree::List((0..n).map(|_| any_tree(rng, depth + 1)).collect())
        }
        _ => {
            let n = rng.below(4);
            Tree::Map(
                (0..n)
                    .map(|_| ((*rng.pick(MEMBERS)).to_string(), any_tree(rng, depth + 1)))
                    .collect(),
            )
        }
    }
}

fn render_json(rng: &mut Rng, tree: &Tree) -> String {
    let pretty = rng.one_in(2);
    let mut out = String::new();
    json_into(&mut out, tree, pretty, 0);
    out
}

fn json_into(out: &mut String, tree: &Tree, pretty: bool, indent: usize) {
    let newline = |out: &mut String, indent: usize| {
        if pretty {
            out.push('\n');
            out.push_str(&"  ".repeat(indent));
        }
    };
    match tree {
        Tree::Null => out.push_str("null"),
        Tree::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Tree::Num(n) => out.push_str(n),
        Tree::Str(s) => out.push_str(&serde_json::to_string(s).expect("a string serialises")),
        Tree::List(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                newline(out, indent + 1);
                json_into(out, item, pretty, indent + 1);
            }
            if !items.is_empty() {
                newline(out, indent);
            }
            out.push(']');
        }
        Tree::Map(entries) => {
            out.push('{');
            for (i, (k, v)) in entries.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                newline(out, indent + 1);
                out.push_str(&serde_json::to_string(k).expect("a string serialises"));
                out.push_str(if pretty { ": " } else { ":" });
                json_into(out, v, pretty, indent + 1);
            }
            if !entries.is_empty() {
                newline(out, indent);
            }
            out.push('}');
        }
    }
}

/// The tree as Python: an `update_endpoint(...)` call, a dict, or `dict(...)`, with
/// Python's spellings, quotes of both kinds, trailing commas, comments and tuples.
fn render_python(rng: &mut Rng, tree: &Tree) -> String {
    let mut out = String::new();
    let Tree::Map(entries) = tree else {
        py_into(rng, &mut out, tree);
        return out;
    };
    match rng.below(3) {
        0 => {
            out.push_str(
                "import boto3\n\nsm = boto3.client('sagemaker')  # a client\nsm.update_endpoint(\n",
            );
            for (k, v) in entries {
                out.push_str("    ");
                out.push_str(k);
                out.push('=');
                py_into(rng, &mut out, v);
                out.push_str(",\n");
            }
            out.push_str(")\n");
        }
        1 => {
            out.push_str("params = ");
            py_into(rng, &mut out, tree);
            out.push('\n');
        }
        _ => {
            out.push_str("dict(");
            for (i, (k, v)) in entries.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str(k);
                out.push('=');
                py_into(rng, &mut out, v);
            }
            out.push(')');
        }
    }
    out
}

fn py_into(rng: &mut Rng, out: &mut String, tree: &Tree) {
    match tree {
        Tree::Null => out.push_str("None"),
        Tree::Bool(b) => out.push_str(if *b { "True" } else { "False" }),
        Tree::Num(n) => {
            if rng.one_in(10) && n.len() > 3 && n.bytes().all(|b| b.is_ascii_digit()) {
                out.push_str(&n[..1]);
                out.push('_');
                out.push_str(&n[1..]);
            } else {
                out.push_str(n);
            }
        }
        Tree::Str(s) => {
            let q = if rng.one_in(2) { '\'' } else { '"' };
            out.push(q);
            for c in s.chars() {
                match c {
                    '\\' => out.push_str("\\\\"),
                    '\n' => out.push_str("\\n"),
                    c if c == q => {
                        out.push('\\');
                        out.push(c);
                    }
                    c if c.is_control() => out.push_str(&format!("\\x{:02x}", u32::from(c))),
                    c => out.push(c),
                }
            }
            out.push(q);
        }
        Tree::List(items) => {
            let tuple = rng.one_in(4);
            out.push(if tuple { '(' } else { '[' });
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                py_into(rng, out, item);
            }
            if tuple && items.len() == 1 || rng.one_in(3) && !items.is_empty() {
                out.push(',');
            }
            out.push(if tuple { ')' } else { ']' });
        }
        Tree::Map(entries) => {
            out.push('{');
            for (i, (k, v)) in entries.iter().enumerate() {
                if i > 0 {
                    out.push_str(",  # next\n");
                }
                out.push_str(&format!("{k:?}: "));
                py_into(rng, out, v);
            }
            if rng.one_in(3) && !entries.is_empty() {
                out.push(',');
            }
            out.push('}');
        }
    }
}
