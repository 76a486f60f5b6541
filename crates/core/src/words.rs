//! The simulated deployment in words: phase and outcome names, the playhead sentence and the
//! chart's text alternative. They describe the simulator's states, so they live beside it
//! (the page's timeline only shows them).

use super::format::{clock, humane_duration, plural};
use super::model::Strategy;
use super::simulate::{Event, Exposure, Outcome, Phase, Simulation, State};

/// A phase as the timeline's sentences and tables name it ("termination wait").
pub fn phase_words(p: Phase) -> &'static str {
    match p {
        Phase::Provisioning => "provisioning",
        Phase::Baking => "baking",
        Phase::TerminationWait => "termination wait",
        Phase::Rollback => "rolling back",
        Phase::Done => "done",
    }
}

/// What the time left in a phase is for ("7:30 left in this bake").
pub fn phase_left_words(p: Phase) -> &'static str {
    match p {
        Phase::Provisioning => "left to provision",
        Phase::Baking => "left in this bake",
        Phase::TerminationWait => "left before the old fleet goes",
        Phase::Rollback => "left in this rollback round",
        Phase::Done => "",
    }
}

/// An outcome as the summary and the comparison show it.
pub fn outcome_words(o: Outcome) -> &'static str {
    match o {
        Outcome::Succeeded => "Succeeds",
        Outcome::RolledBackAlarm => "Rolls back (alarm)",
        Outcome::RolledBackTimeout => "Rolls back (timeout)",
        Outcome::FailedCapacity => "Refused: over the instance quota",
        Outcome::UpdateRollbackFailed => "Rollback fails (over the instance quota)",
    }
}

/// The playhead in words: "12:30, baking step 2 of 5, 40% on the new fleet, 20 instances
/// (10 old, 10 new), 7:30 left in this bake, 38m to done".
pub fn playhead_words(sim: &Simulation, s: &State) -> String {
    let mut out = clock(s.t);
    out.push_str(", ");
    out.push_str(phase_words(s.phase));
    if s.steps > 0 && s.step > 0 && s.phase != Phase::Done {
        out.push_str(&format!(" step {} of {}", s.step, s.steps));
    }
    out.push_str(&format!(
        ", {:.0}% on the new fleet, {} instances ({} old, {} new)",
        s.new_traffic_percent,
        s.old_instances + s.new_instances,
        s.old_instances,
        s.new_instances
    ));
    if s.phase != Phase::Done {
        if s.phase_seconds_left > 0 {
            out.push_str(&format!(
                ", {} {}",
                clock(s.phase_seconds_left),
                phase_left_words(s.phase)
            ));
        }
        out.push_str(&format!(", {} to done", humane_duration(s.seconds_left)));
    } else {
        out.push_str(match sim.summary.outcome {
            Outcome::Succeeded => ": the new fleet serves everything",
            Outcome::RolledBackAlarm => ": rolled back after the alarm",
            Outcome::RolledBackTimeout => ": rolled back after the timeout",
            Outcome::FailedCapacity => ": the call was refused (instance quota); nothing changed",
            Outcome::UpdateRollbackFailed => ": the rollback could not get its instances (UpdateRollbackFailed)",
        });
    }
    out
}

/// How many events the chart's text alternative reads out before it points to the table.
const DESCRIBED_EVENTS: usize = 40;

/// A text alternative of the chart: the outcome, the duration and the first events.
pub fn chart_description(s: &Simulation) -> String {
    let mut out = format!(
        "{} over {}. ",
        outcome_words(s.summary.outcome),
        humane_duration(s.summary.total_seconds)
    );
    for e in s.events.iter().take(DESCRIBED_EVENTS) {
        out.push_str(&format!(
            "At {}: {}, {:.0}% on the new fleet, {} old and {} new instances. ",
            clock(e.t),
            phase_words(e.phase),
            e.new_traffic_percent,
            e.old_instances,
            e.new_instances
        ));
    }
    if s.events.len() > DESCRIBED_EVENTS {
        out.push_str("The events table lists the rest.");
    }
    out
}

/// One line of the step-by-step account under the timeline ("Step 2 of 5: ...").
#[derive(Clone, Debug, PartialEq)]
pub struct StepLine {
    /// The second it starts; the playhead is on it until the next line starts.
    pub from: i64,
    /// "Provisioning", "Step 2 of 5", "Batch 1 of 4", "Termination wait", "Rollback", "Done".
    pub title: String,
    /// What happens, in a sentence.
    pub words: String,
}

/// Which stage of the rollout an event belongs to, for [`step_lines`].
#[derive(Clone, Copy, PartialEq)]
enum Stage {
    Start,
    Step(u32),
    Wait,
    Rollback,
    Done,
}

/// The rollout as a list of stages in words: the provisioning, each traffic step (or rolling
/// batch) with its instances, share and bake, the termination wait, a rollback and the end.
pub fn step_lines(sim: &Simulation) -> Vec<StepLine> {
    let rolling = sim.strategy == Strategy::Rolling;
    let end = sim.summary.total_seconds;
    let new_fleet = sim.variants.iter().map(|v| v.new_fleet).fold(0, i64::saturating_add);
    let old_fleet = sim.variants.iter().map(|v| v.old_fleet).fold(0, i64::saturating_add);
    // "4 of 10 new instances take 40% of the traffic" reads true for one variant only;
    // several variants weigh their traffic, so only the share is said.
    let serving = |e: &Event| {
        let pct = format!("{:.0}%", e.new_traffic_percent);
        if sim.variants.len() == 1 && new_fleet > 0 {
            let n = (e.new_traffic_percent / 100.0 * new_fleet as f64).round() as i64;
            format!("{n} of {new_fleet} new instances take {pct} of the traffic")
        } else {
            format!("the new fleet takes {pct} of the traffic")
        }
    };
    // Group the events into stages, each with its first and last event.
    let mut stages: Vec<(Stage, usize, usize)> = Vec::new();
    for (i, e) in sim.events.iter().enumerate() {
        let stage = match e.phase {
            Phase::Rollback => Stage::Rollback,
            Phase::Done => Stage::Done,
            _ if e.step == 0 => Stage::Start,
            Phase::TerminationWait if stages.last().is_some_and(|s| s.0 == Stage::Step(e.step)) => Stage::Wait,
            _ => Stage::Step(e.step),
        };
        match stages.last_mut() {
            Some(last) if last.0 == stage => last.2 = i,
            _ => stages.push((stage, i, i)),
        }
    }
    let next_start = |k: usize| stages.get(k + 1).map_or(end, |s| sim.events[s.1].t);
    stages
        .iter()
        .enumerate()
        .map(|(k, &(stage, first, last))| {
            let (a, z) = (&sim.events[first], &sim.events[last]);
            let length = humane_duration(next_start(k).saturating_sub(a.t).max(0));
            let (title, words) = match stage {
                Stage::Start => (
                    "Provisioning".to_string(),
                    format!(
                        "the new fleet's {} come up ({length}) while the old fleet's {} serve all traffic",
                        plural(new_fleet, "instance"),
                        old_fleet
                    ),
                ),
                Stage::Step(n) if rolling => (
                    format!("Batch {n} of {}", sim.steps),
                    format!(
                        "{} come up, then {}; the batch bakes until {}, then the old instances it replaces go",
                        plural(z.new_instances.saturating_sub(a.new_instances).max(0), "new instance"),
                        serving(z),
                        clock(next_start(k))
                    ),
                ),
                Stage::Step(n) => (
                    format!("Step {n} of {}", sim.steps),
                    if z.phase == Phase::Baking {
                        format!("{}; they bake {length} while the rollback alarms are watched", serving(z))
                    } else {
                        format!("{}; {} {length}", serving(z), phase_words(z.phase))
                    },
                ),
                Stage::Wait => (
                    "Termination wait".to_string(),
                    format!("all traffic is on the new fleet; the old fleet's {} instances stay {length} in case of a rollback", z.old_instances),
                ),
                Stage::Rollback => (
                    "Rollback".to_string(),
                    format!("all traffic goes back to the old fleet and the new instances go ({length})"),
                ),
                Stage::Done => (
                    "Done".to_string(),
                    match sim.summary.outcome {
                        Outcome::Succeeded => format!("the new fleet serves all traffic on {}; the old fleet is gone", plural(z.new_instances, "instance")),
                        Outcome::FailedCapacity => "the call is refused (instance quota); nothing changes".to_string(),
                        o => format!("{}: the old fleet serves all traffic on {}", outcome_words(o), plural(z.old_instances, "instance")),
                    },
                ),
            };
            StepLine { from: a.t, title, words }
        })
        .collect()
}

/// The line of `lines` the playhead is on at second `t`: the last that has started.
pub fn current_step(lines: &[StepLine], t: i64) -> Option<usize> {
    lines.iter().rposition(|l| l.from <= t)
}

/// Why the peak is what it is: "Peak 20 instances at 5:00: 10 old and 10 new side by side,
/// because blue/green brings the whole new fleet up before the old one goes."
pub fn peak_words(sim: &Simulation) -> String {
    let Some(e) = sim
        .events
        .iter()
        .max_by_key(|e| (e.old_instances.saturating_add(e.new_instances), e.t.saturating_neg()))
    else {
        return String::new();
    };
    let mut out = format!(
        "Peak {} at {}: {} old and {} new side by side",
        plural(e.old_instances.saturating_add(e.new_instances), "instance"),
        clock(e.t),
        e.old_instances,
        e.new_instances
    );
    out.push_str(if e.new_instances == 0 || e.old_instances == 0 {
        ", one fleet at a time."
    } else if e.phase == Phase::Rollback {
        ", because the rollback brings old instances back before the new ones go."
    } else if sim.strategy == Strategy::Rolling {
        ", because a rolling update brings each batch up before the old instances it replaces go: the peak is the old fleet plus one batch."
    } else {
        ", because blue/green brings the whole new fleet up beside the old one and keeps both until the old fleet goes"
    });
    if sim.strategy != Strategy::Rolling && e.old_instances == e.new_instances && e.phase != Phase::Rollback {
        out.push_str(": twice the fleet");
    }
    if !out.ends_with('.') {
        out.push('.');
    }
    out
}

/// The comparison's risk cell: "10% for 3m (18 s of all traffic)".
pub fn exposure_words(x: &Exposure) -> String {
    match (x.from, x.acts_at, x.traffic_seconds) {
        (None, ..) => "none: the new fleet takes no traffic".to_string(),
        (Some(from), Some(at), Some(served)) if at > from => format!(
            "{:.0}% for {} ({} of all traffic)",
            x.percent,
            humane_duration(at - from),
            humane_duration(served.round() as i64)
        ),
        (Some(_), Some(_), _) => format!("{:.0}%, caught at once", x.percent),
        _ => format!("{:.0}%: no bake to roll back in", x.percent),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::examples::default_design;
    use crate::simulate::{simulate, state_at};

    fn state(phase: Phase, step: u32, steps: u32) -> State {
        State {
            t: 750,
            phase,
            old_instances: 10,
            new_instances: 4,
            new_traffic_percent: 40.0,
            step,
            steps,
            phase_seconds_left: 450,
            seconds_left: 2280,
            event_index: 0,
        }
    }

    #[test]
    fn the_playhead_reads_as_one_sentence_of_the_moment() {
        let sim = simulate(&default_design());
        let cases = [
            (
                state(Phase::Baking, 2, 5),
                "12:30, baking step 2 of 5, 40% on the new fleet, 14 instances (10 old, 4 new), 7:30 left in this bake, 38m to done",
            ),
            (
                state(Phase::Provisioning, 0, 5),
                "12:30, provisioning, 40% on the new fleet, 14 instances (10 old, 4 new), 7:30 left to provision, 38m to done",
            ),
            (
                state(Phase::TerminationWait, 5, 5),
                "12:30, termination wait step 5 of 5, 40% on the new fleet, 14 instances (10 old, 4 new), 7:30 left before the old fleet goes, 38m to done",
            ),
            (
                state(Phase::Rollback, 1, 0),
                "12:30, rolling back, 40% on the new fleet, 14 instances (10 old, 4 new), 7:30 left in this rollback round, 38m to done",
            ),
        ];
        for (s, want) in cases {
            assert_eq!(playhead_words(&sim, &s), want);
        }
    }

    #[test]
    fn a_phase_with_no_time_left_does_not_say_zero_left() {
        let sim = simulate(&default_design());
        let mut s = state(Phase::Baking, 1, 2);
        s.phase_seconds_left = 0;
        let words = playhead_words(&sim, &s);
        assert!(!words.contains("left in this bake"), "{words}");
        assert!(words.ends_with(", 38m to done"), "{words}");
    }

    #[test]
    fn the_end_says_how_the_deployment_ended() {
        let mut doc = default_design();
        let ok = simulate(&doc);
        let end = state_at(&ok, ok.summary.total_seconds);
        assert_eq!(end.phase, Phase::Done);
        let words = playhead_words(&ok, &end);
        assert!(
            words.ends_with(": the new fleet serves everything"),
            "{words}"
        );
        assert!(!words.contains("to done"), "{words}");

        // An alarm during the first bake rolls the canary back.
        doc.simulation.set_alarm_at(Some(ok.events[1].t + 1));
        let rolled = simulate(&doc);
        assert_eq!(rolled.summary.outcome, Outcome::RolledBackAlarm);
        let end = state_at(&rolled, rolled.summary.total_seconds);
        let words = playhead_words(&rolled, &end);
        assert!(words.ends_with(": rolled back after the alarm"), "{words}");
    }

    #[test]
    fn the_chart_description_names_the_outcome_and_each_event() {
        let sim = simulate(&default_design());
        let text = chart_description(&sim);
        assert!(
            text.starts_with(&format!(
                "Succeeds over {}. At 0:00: ",
                humane_duration(sim.summary.total_seconds)
            )),
            "{text}"
        );
        assert_eq!(text.matches("At ").count(), sim.events.len().min(40));
        assert!(!text.contains("The events table lists the rest."));
    }

    #[test]
    fn a_long_timeline_is_described_up_to_a_point() {
        let mut sim = simulate(&default_design());
        let last = sim.events[sim.events.len() - 1].clone();
        sim.events = (0..100)
            .map(|i| crate::simulate::Event {
                t: i,
                ..last.clone()
            })
            .collect();
        let text = chart_description(&sim);
        assert_eq!(text.matches("At ").count(), 40);
        assert!(text.ends_with("The events table lists the rest."));
    }

    #[test]
    fn every_phase_and_outcome_has_words() {
        for p in [
            Phase::Provisioning,
            Phase::Baking,
            Phase::TerminationWait,
            Phase::Rollback,
        ] {
            assert!(!phase_words(p).is_empty());
            assert!(phase_left_words(p).starts_with("left "));
        }
        for o in [
            Outcome::Succeeded,
            Outcome::RolledBackAlarm,
            Outcome::RolledBackTimeout,
        ] {
            assert!(!outcome_words(o).is_empty());
        }
    }

    #[test]
    fn a_canary_reads_step_by_step() {
        let sim = simulate(&default_design());
        let lines: Vec<String> = step_lines(&sim)
            .iter()
            .map(|l| format!("{} {}: {}", clock(l.from), l.title, l.words))
            .collect();
        assert_eq!(
            lines,
            [
                "0:00 Provisioning: the new fleet's 10 instances come up (5m) while the old fleet's 10 serve all traffic",
                "5:00 Step 1 of 2: 1 of 10 new instances take 10% of the traffic; they bake 10m while the rollback alarms are watched",
                "15:00 Step 2 of 2: 10 of 10 new instances take 100% of the traffic; they bake 10m while the rollback alarms are watched",
                "25:00 Termination wait: all traffic is on the new fleet; the old fleet's 10 instances stay 5m in case of a rollback",
                "30:00 Done: the new fleet serves all traffic on 10 instances; the old fleet is gone",
            ]
        );
    }

    #[test]
    fn a_rolling_update_reads_batch_by_batch() {
        let sim = simulate(&crate::examples::example("rolling").expect("rolling"));
        let lines = step_lines(&sim);
        let titles: Vec<&str> = lines.iter().map(|l| l.title.as_str()).collect();
        assert_eq!(titles, ["Batch 1 of 4", "Batch 2 of 4", "Batch 3 of 4", "Batch 4 of 4", "Done"]);
        assert_eq!(
            lines[1].words,
            "2 new instances come up, then 4 of 8 new instances take 50% of the traffic; the batch bakes until 20:00, then the old instances it replaces go"
        );
        assert_eq!(lines.iter().map(|l| l.from).collect::<Vec<_>>(), [0, 600, 1200, 1800, 2400]);
    }

    #[test]
    fn a_rollback_is_a_step_of_its_own_and_the_end_says_so() {
        let mut doc = default_design();
        doc.simulation.set_alarm_at(Some(700));
        let lines = step_lines(&simulate(&doc));
        let tail: Vec<(i64, &str)> = lines.iter().rev().take(2).rev().map(|l| (l.from, l.title.as_str())).collect();
        assert_eq!(tail, [(700, "Rollback"), (700, "Done")]);
        assert_eq!(
            lines.last().map(|l| l.words.as_str()),
            Some("Rolls back (alarm): the old fleet serves all traffic on 10 instances")
        );
    }

    #[test]
    fn the_current_step_is_the_last_one_started() {
        let lines = step_lines(&simulate(&default_design()));
        let cases = [(-5, None), (0, Some(0)), (299, Some(0)), (300, Some(1)), (1499, Some(2)), (1500, Some(3)), (1800, Some(4)), (99_999, Some(4))];
        for (t, want) in cases {
            assert_eq!(current_step(&lines, t), want, "at {t}");
        }
        assert_eq!(current_step(&[], 10), None);
    }

    #[test]
    fn the_peak_says_why_it_is_what_it_is() {
        let cases = [
            (default_design(), "Peak 20 instances at 5:00: 10 old and 10 new side by side, because blue/green brings the whole new fleet up beside the old one and keeps both until the old fleet goes: twice the fleet."),
            (
                crate::examples::example("rolling").expect("rolling"),
                "Peak 10 instances at 5:00: 8 old and 2 new side by side, because a rolling update brings each batch up before the old instances it replaces go: the peak is the old fleet plus one batch.",
            ),
        ];
        for (doc, want) in cases {
            assert_eq!(peak_words(&simulate(&doc)), want);
        }
        let mut empty = simulate(&default_design());
        empty.events.clear();
        assert_eq!(peak_words(&empty), "");
        assert!(step_lines(&empty).is_empty());
    }

    #[test]
    fn the_risk_reads_as_a_share_for_a_time() {
        let x = |from, acts_at, percent, traffic_seconds| Exposure { from, acts_at, percent, traffic_seconds };
        let cases = [
            (x(Some(300), Some(480), 10.0, Some(18.0)), "10% for 3m (18s of all traffic)"),
            (x(Some(300), Some(300), 100.0, Some(0.0)), "100%, caught at once"),
            (x(Some(300), None, 100.0, None), "100%: no bake to roll back in"),
            (x(None, None, 0.0, None), "none: the new fleet takes no traffic"),
        ];
        for (e, want) in cases {
            assert_eq!(exposure_words(&e), want);
        }
    }
}
