//! The Markdown review summary (GitHub-flavoured) of a design, for a pull request or a
//! ticket: the request, the findings, the rollout as a table, the change against a baseline
//! when there is one, the simulation's assumptions and the review link. Part of the
//! on-demand wasm.
//!
//! Everything the user typed (names, alarm names, and the sentences that quote them) goes
//! through [`text`] or [`code`], so it stays text: it cannot end a table cell, open HTML,
//! a link, an image or emphasis. The template itself uses no emphasis and one link, the
//! review link, so a renderer's output can be checked for anything else.

pub mod escape;

use designer_core::diff::{diff, Diff};
use designer_core::export::cli_input_json;
use designer_core::format::{clock, humane_duration};
use designer_core::model::DesignDocument;
use designer_core::simulate::{simulate, Simulation, ASSUMPTIONS};
use designer_core::validate::{validate, Finding};

pub use escape::{code, code_block, link, text};

/// What a table cell shows for a member that is absent.
const ABSENT: &str = "—";

/// The summary of `doc`, compared with `baseline` when given; `link` is the review link
/// (left out when empty).
pub fn markdown(doc: &DesignDocument, baseline: Option<&DesignDocument>, link: &str) -> String {
    let sim = simulate(doc);
    let findings = validate(doc);
    let mut out = String::with_capacity(4096);
    let name = doc
        .request
        .endpoint_name
        .as_deref()
        .unwrap_or("(endpoint not named)");
    out.push_str(&format!("# Deployment review: {}\n\n", text(name)));
    out.push_str(&format!(
        "{}; {}.\n\n",
        text(sim.strategy.label()),
        text(&summary_line(&sim))
    ));

    out.push_str("## Request\n\n");
    out.push_str("The `--cli-input-json` document of `aws sagemaker update-endpoint`:\n\n");
    out.push_str(&code_block(&cli_input_json(&doc.request), "json"));
    out.push('\n');

    out.push_str("## Findings\n\n");
    if findings.is_empty() {
        out.push_str("No findings: the request passes every rule the designer checks.\n\n");
    } else {
        finding_list(&mut out, &findings);
    }

    out.push_str("## Rollout\n\n");
    rollout_table(&mut out, &sim);

    if let Some(base) = baseline {
        let d = diff(base, doc);
        change_section(&mut out, &d);
    }

    out.push_str("## Simulation assumptions\n\n");
    out.push_str(&format!(
        "- Provisioning time P = {} per batch of instances (assumed: AWS publishes no figure).\n",
        text(&seconds(doc.simulation.provisioning_seconds))
    ));
    // The provisioning assumption is the line above, with this design's figure.
    for a in ASSUMPTIONS
        .iter()
        .filter(|a| !a.starts_with("Provisioning"))
    {
        out.push_str(&format!("- {}\n", text(a)));
    }
    if !sim.notes.is_empty() {
        out.push_str("\nFor this design the simulation also assumed:\n\n");
        for n in &sim.notes {
            out.push_str(&format!("- {}\n", text(n)));
        }
    }
    out.push('\n');

    if !link.trim().is_empty() {
        out.push_str("## Review link\n\n");
        out.push_str(&escape::link("Open this review in the designer", link));
        out.push('\n');
    }
    out
}

fn seconds(s: i64) -> String {
    if s.unsigned_abs() < 60 {
        format!("{s} s")
    } else {
        format!("{s} s ({})", humane_duration(s))
    }
}

fn summary_line(sim: &Simulation) -> String {
    let s = &sim.summary;
    let outcome = match s.outcome {
        designer_core::simulate::Outcome::Succeeded => "succeeds",
        designer_core::simulate::Outcome::RolledBackAlarm => "rolls back on the alarm",
        designer_core::simulate::Outcome::RolledBackTimeout => "times out and rolls back",
        designer_core::simulate::Outcome::FailedCapacity => "is refused: over the instance quota",
        designer_core::simulate::Outcome::UpdateRollbackFailed => {
            "rolls back, but the rollback is over the instance quota"
        }
    };
    format!(
        "{outcome} after {}, peak {} instances, {:.1} instance-hours",
        humane_duration(s.total_seconds),
        s.peak_instances,
        s.instance_hours
    )
}

fn finding_list(out: &mut String, findings: &[Finding]) {
    for f in findings {
        out.push_str(&format!(
            "- {} {} at {}: {} SageMaker: {}\n",
            match f.severity {
                designer_core::validate::Severity::Error => "Error",
                designer_core::validate::Severity::Warning => "Warning",
            },
            text(f.rule),
            code(&f.path),
            text(&f.explanation),
            text(&f.aws_message)
        ));
    }
    out.push('\n');
}

/// One row per simulated event: the phase from its second to the next event's.
fn rollout_table(out: &mut String, sim: &Simulation) {
    out.push_str("| Phase | From | To | Traffic on the new fleet | Instances |\n");
    out.push_str("|---|---|---|---:|---|\n");
    for (i, e) in sim.events.iter().enumerate() {
        let to = sim
            .events
            .get(i + 1)
            .map_or(ABSENT.to_string(), |n| clock(n.t));
        out.push_str(&format!(
            "| {} | {} | {} | {}% | {} old, {} new |\n",
            e.phase.as_str(),
            clock(e.t),
            to,
            e.new_traffic_percent.round() as i64,
            e.old_instances,
            e.new_instances
        ));
    }
    out.push('\n');
}

fn change_section(out: &mut String, d: &Diff) {
    out.push_str("## Change against what runs now\n\n");
    if d.is_empty() {
        if d.not_compared.is_empty() {
            out.push_str("No change: the design is the same as the baseline.\n\n");
        } else {
            out.push_str("No change in what the design and the baseline both state.\n\n");
        }
        not_compared(out, d);
        return;
    }
    if d.changes.is_empty() {
        out.push_str(
            "No member of the request, the endpoint or the simulation settings changed.\n\n",
        );
    } else {
        // An absent side (—) tells an addition or a removal; the page's data-change
        // carries the same.
        out.push_str("| Field | Before | After | Meaning |\n");
        out.push_str("|---|---|---|---|\n");
        for c in &d.changes {
            let cell = |v: &Option<String>| v.as_deref().map_or(ABSENT.to_string(), text);
            out.push_str(&format!(
                "| {} | {} | {} | {} |\n",
                escape::code_in_cell(&c.path),
                cell(&c.before),
                cell(&c.after),
                text(&c.meaning)
            ));
        }
        out.push('\n');
    }
    not_compared(out, d);
    out.push_str("### Rollout before → after\n\n");
    out.push_str("| Figure | Before | After |\n");
    out.push_str("|---|---|---|\n");
    for f in &d.figures {
        out.push_str(&format!(
            "| {}{} | {} | {} |\n",
            text(f.kind.label()),
            if f.changed { "" } else { " (unchanged)" },
            text(&f.before),
            text(&f.after)
        ));
    }
    out.push('\n');
    for (title, list) in [
        ("Findings the change introduces", &d.introduced),
        ("Findings the change resolves", &d.resolved),
    ] {
        out.push_str(&format!("### {title}\n\n"));
        if list.is_empty() {
            out.push_str("None.\n\n");
        } else {
            finding_list(out, list);
        }
    }
}

/// What the diff left out, and why: members only one side states and values the page
/// assumed, so that a reader does not take their absence from the table for "unchanged".
fn not_compared(out: &mut String, d: &Diff) {
    if d.not_compared.is_empty() {
        return;
    }
    out.push_str("Not compared:\n\n");
    for s in &d.not_compared {
        out.push_str(&format!("- {}.\n", text(s)));
    }
    out.push('\n');
}
