//! The simulated deployment in words: phase and outcome names, the playhead sentence and the
//! chart's text alternative. They describe the simulator's states, so they live beside it
//! (the page's timeline only shows them).

use super::format::{clock, humane_duration};
use super::simulate::{Outcome, Phase, Simulation, State};

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
}
