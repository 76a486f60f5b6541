//! The review summary as a reader sees it: rendered by markdown-it (CommonMark with GFM
//! tables, raw HTML and linkify on, as GitHub has them) through tests/markdown/render.mjs.
//! For a table of designs, hostile names included, the tables are tables with one row per
//! event and per change, the one link is the review link, and every name the user typed is
//! text, shown as typed: no HTML, image, link or emphasis comes out of it.
//!
//! Needs node and the npm package markdown-it. Without them the test fails under CI
//! (`CI=true`) and is skipped, saying why, elsewhere.

use std::path::{Path, PathBuf};
use std::process::Command;

use designer_core::diff::diff;
use designer_core::edit;
use designer_core::examples;
use designer_core::export::cli_input_json;
use designer_core::model::{Alarm, CapacitySize, DesignDocument};
use designer_core::simulate::simulate;
use designer_review::markdown;
use serde_json::Value;

const LINK: &str = "https://designer.example/review/#d1.eNqrVkrLz1eyUkpKLFKqBQAe5ARQ";

/// Names that try to leave their cell or become markup.
const HOSTILE: &[&str] = &[
    "a|b|c",
    "<script>alert(1)</script>",
    "[x](javascript:alert(1))",
    "![i](http://x/i.png)",
    "*bold* _em_ ~~del~~ **strong**",
    "``` `tick` ``",
    "line1\nline2",
    "<!-- comment",
    "http://evil.example/ www.evil.example me@evil.example",
    "back\\|slash",
    "&lt;entity&gt; &#x3C;b&#x3E;",
    "$x^2$ [^note]",
    "<img src=x onerror=alert(1)>",
    "trailing ##",
    "| --- |",
];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The report of render.mjs for each file, or why it cannot run.
fn render(files: &[PathBuf]) -> Result<Vec<Value>, String> {
    let script = root().join("tests/markdown/render.mjs");
    let out = Command::new("node")
        .arg(&script)
        .args(files)
        .current_dir(root())
        .output()
        .map_err(|e| format!("node could not be started ({e})"))?;
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        if err.contains("ERR_MODULE_NOT_FOUND") || err.contains("Cannot find package") {
            return Err(format!(
                "the npm package markdown-it is not installed (npm install): {}",
                err.lines()
                    .find(|l| l.contains("Cannot find package"))
                    .unwrap_or("")
                    .trim()
            ));
        }
        panic!("render.mjs failed: {err}");
    }
    serde_json::from_slice(&out.stdout).map_err(|e| panic!("render.mjs printed no report: {e}"))
}

/// Renders, or skips (outside CI) when node or markdown-it is missing.
fn render_or_skip(files: &[PathBuf]) -> Option<Vec<Value>> {
    match render(files) {
        Ok(r) => Some(r),
        Err(why) if std::env::var("CI").as_deref() == Ok("true") => {
            panic!("the Markdown render check cannot run under CI: {why}")
        }
        Err(why) => {
            eprintln!("SKIPPED: the Markdown render check needs node and markdown-it: {why}");
            None
        }
    }
}

/// What a reader sees of a text the summary was given: lines joined by spaces.
fn shown(s: &str) -> String {
    s.replace("\r\n", " ").replace(['\n', '\r', '\t'], " ")
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .map(|x| x.as_str().unwrap_or_default().to_string())
                .collect()
        })
        .unwrap_or_default()
}

/// One sample: the design, its baseline, and the names that must show as typed.
struct Sample {
    name: String,
    design: DesignDocument,
    baseline: Option<DesignDocument>,
    names: Vec<String>,
}

fn hostile_pair(name: &str) -> (DesignDocument, DesignDocument) {
    let mut baseline = examples::default_design();
    baseline.request.endpoint_name = Some(name.to_string());
    edit::alarms(&mut baseline)[0].alarm_name = Some(format!("old {name}"));
    let mut design = baseline.clone();
    design.request.endpoint_config_name = Some(format!("cfg {name}"));
    edit::alarms(&mut design).push(Alarm {
        alarm_name: Some(format!("new {name}")),
    });
    edit::alarms(&mut design).remove(0);
    design.endpoint.new_variants[0].model_name = Some(format!("model {name}"));
    edit::routing(&mut design).canary_size = Some(CapacitySize::percent(20));
    (design, baseline)
}

fn samples() -> Vec<Sample> {
    let mut out = Vec::new();
    for ex in examples::EXAMPLES {
        let doc = (ex.build)();
        out.push(Sample {
            name: format!("example {} alone", ex.id),
            design: doc.clone(),
            baseline: None,
            names: vec![],
        });
        out.push(Sample {
            name: format!("example {} against itself", ex.id),
            design: doc.clone(),
            baseline: Some(doc),
            names: vec![],
        });
    }
    for (i, h) in HOSTILE.iter().enumerate() {
        let (design, baseline) = hostile_pair(h);
        out.push(Sample {
            name: format!("hostile {i}"),
            design,
            baseline: Some(baseline),
            names: vec![
                h.to_string(),
                format!("old {h}"),
                format!("new {h}"),
                format!("cfg {h}"),
                format!("model {h}"),
            ],
        });
    }
    // Everything at once, and a design with no baseline.
    let all = HOSTILE.join(" ");
    let (design, baseline) = hostile_pair(&all);
    out.push(Sample {
        name: "all hostile names together".into(),
        design: design.clone(),
        baseline: Some(baseline),
        names: vec![all.clone(), format!("new {all}")],
    });
    out.push(Sample {
        name: "hostile design alone".into(),
        design,
        baseline: None,
        names: vec![all],
    });
    out
}

#[test]
fn summaries_render_as_tables_and_text_only() {
    let dir = std::env::temp_dir().join(format!("designer-review-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let samples = samples();
    let files: Vec<PathBuf> = samples
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let path = dir.join(format!("sample-{i}.md"));
            std::fs::write(&path, markdown(&s.design, s.baseline.as_ref(), LINK)).expect("write");
            path
        })
        .collect();
    let Some(reports) = render_or_skip(&files) else {
        return;
    };
    assert_eq!(reports.len(), samples.len());
    for (s, r) in samples.iter().zip(&reports) {
        let name = &s.name;
        let html = r["html"].as_str().unwrap_or_default();
        // Nothing but the template's own markup.
        assert_eq!(
            strings(&r["raw_html"]),
            Vec::<String>::new(),
            "{name}: raw HTML"
        );
        assert_eq!(r["images"], 0, "{name}: images");
        assert_eq!(r["emphasis"], 0, "{name}: emphasis");
        assert_eq!(
            strings(&r["links"]),
            vec![LINK.to_string()],
            "{name}: links"
        );
        assert_eq!(html.matches("<a ").count(), 1, "{name}: {html}");
        for bad in [
            "<script",
            "<img",
            "<!--",
            "<em>",
            "<strong>",
            "<s>",
            "javascript:alert(1)\"",
        ] {
            assert!(!html.contains(bad), "{name}: the HTML has {bad}: {html}");
        }
        // The request block is the --cli-input-json document, whole.
        let fences = r["fences"].as_array().cloned().unwrap_or_default();
        assert_eq!(fences.len(), 1, "{name}: one code block");
        assert_eq!(fences[0]["info"], "json", "{name}");
        assert_eq!(
            fences[0]["content"].as_str().unwrap_or_default(),
            format!("{}\n", cli_input_json(&s.design.request)),
            "{name}: the request block"
        );
        // Tables: the rollout, then (with a baseline that differs) the changes and figures.
        let tables = r["tables"].as_array().cloned().unwrap_or_default();
        let sim = simulate(&s.design);
        let d = s.baseline.as_ref().map(|b| diff(b, &s.design));
        let want_tables = match &d {
            Some(d) if !d.is_empty() => 3,
            _ => 1,
        };
        assert_eq!(tables.len(), want_tables, "{name}: tables");
        let rollout = &tables[0];
        assert_eq!(
            strings(&rollout["header"]),
            [
                "Phase",
                "From",
                "To",
                "Traffic on the new fleet",
                "Instances"
            ],
            "{name}"
        );
        let rows = rollout["rows"].as_array().cloned().unwrap_or_default();
        assert_eq!(rows.len(), sim.events.len(), "{name}: one row per event");
        for (row, e) in rows.iter().zip(&sim.events) {
            let cells = strings(row);
            assert_eq!(cells.len(), 5, "{name}: {cells:?}");
            assert_eq!(cells[0], e.phase.as_str(), "{name}");
            assert_eq!(
                cells[4],
                format!("{} old, {} new", e.old_instances, e.new_instances),
                "{name}"
            );
        }
        if let Some(d) = d.filter(|d| !d.is_empty()) {
            let changes = &tables[1];
            assert_eq!(
                strings(&changes["header"]),
                ["Field", "Before", "After", "Meaning"],
                "{name}"
            );
            let rows = changes["rows"].as_array().cloned().unwrap_or_default();
            assert_eq!(rows.len(), d.changes.len(), "{name}: one row per change");
            for (row, c) in rows.iter().zip(&d.changes) {
                let cells = strings(row);
                let or_dash = |v: &Option<String>| v.as_deref().map_or("—".to_string(), shown);
                assert_eq!(
                    cells,
                    vec![
                        c.path.clone(),
                        or_dash(&c.before),
                        or_dash(&c.after),
                        shown(&c.meaning),
                    ],
                    "{name}: a change's cells"
                );
            }
            let figures = tables[2]["rows"].as_array().map_or(0, Vec::len);
            assert_eq!(figures, d.figures.len(), "{name}: one row per figure");
        }
        // Every name shows as typed (lines joined), somewhere in the text.
        let inline = strings(&r["inline"]);
        for n in &s.names {
            let want = shown(n);
            assert!(
                inline.iter().any(|t| t.contains(&want)),
                "{name}: {want:?} does not show as typed in {inline:#?}"
            );
        }
        if let Some(n) = s.names.first() {
            assert_eq!(
                inline.first().map(String::as_str),
                Some(format!("Deployment review: {}", shown(n)).as_str()),
                "{name}: the heading"
            );
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// The checks above can fail: the same names written without escaping do become markup.
#[test]
fn unescaped_names_would_be_caught() {
    let dir = std::env::temp_dir().join(format!("designer-review-raw-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("raw.md");
    let mut raw = String::from("| Field | Value |\n|---|---|\n");
    for h in HOSTILE {
        raw.push_str(&format!("| name | {} |\n", h.replace('\n', " ")));
    }
    std::fs::write(&path, raw).expect("write");
    let Some(reports) = render_or_skip(&[path]) else {
        return;
    };
    let r = &reports[0];
    assert!(!strings(&r["raw_html"]).is_empty(), "raw HTML goes through");
    assert!(r["images"].as_u64() > Some(0), "an image is made");
    assert!(!strings(&r["links"]).is_empty(), "a link is made");
    assert!(r["emphasis"].as_u64() > Some(0), "emphasis is made");
    // A pipe ends the cell: GFM drops what follows past the header's cell count.
    let first = strings(&r["tables"][0]["rows"][0]);
    assert_eq!(first, ["name", "a"], "a pipe splits a cell");
    let _ = std::fs::remove_dir_all(&dir);
}

/// A changed alarm definition (Version 2) is a row of the review, with what it does to the
/// time the alarm needs to trip.
#[test]
fn a_changed_alarm_period_is_reviewed_with_its_detection_time() {
    use designer_core::model::MetricAlarm;
    let mut before = examples::default_design();
    before.alarms = vec![MetricAlarm {
        alarm_name: Some("fraud-scoring-5xx-errors".into()),
        namespace: Some("AWS/SageMaker".into()),
        metric_name: Some("Invocation5XXErrors".into()),
        statistic: Some("Sum".into()),
        period: Some(600),
        evaluation_periods: Some(2),
        threshold: Some(1.0),
        comparison_operator: Some("GreaterThanOrEqualToThreshold".into()),
        ..Default::default()
    }];
    let mut after = before.clone();
    after.alarms[0].period = Some(60);
    let md = markdown(&after, Some(&before), LINK);
    let row = md
        .lines()
        .find(|l| l.contains("Alarms[0].Period"))
        .unwrap_or_else(|| panic!("no row for the period in:\n{md}"));
    assert!(row.contains("600") && row.contains("60"), "{row}");
    assert!(row.contains("can now trip 3m after a problem starts, instead of 21m"), "{row}");
}
