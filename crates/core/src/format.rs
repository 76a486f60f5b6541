//! Human-readable durations for the timeline: `humane_duration` for labels and summaries
//! (`45s`, `15m`, `1h 05m`), `clock` for the playhead (`12:30`, `1:02:03`), and small
//! helpers for messages (`plural`, `sentence`).

/// A duration in the largest units that fit, dropping trailing zero units.
///
/// The leading unit is unpadded; the units after it are padded to two digits so that
/// labels of a column line up: `0s`, `45s`, `15m`, `2m 05s`, `1h`, `1h 05m`, `1h 00m 30s`,
/// `30h`. Hours are not folded into days: a deployment is limited to 8 hours and a label
/// such as `26h` reads at a glance. Negative durations get a leading `-`.
pub fn humane_duration(secs: i64) -> String {
    let sign = if secs < 0 { "-" } else { "" };
    // unsigned_abs: i64::MIN has no positive i64 counterpart.
    let total = secs.unsigned_abs();
    let (h, m, s) = (total / 3600, total / 60 % 60, total % 60);
    let body = match (h, m, s) {
        (0, 0, s) => format!("{s}s"),
        (0, m, 0) => format!("{m}m"),
        (0, m, s) => format!("{m}m {s:02}s"),
        (h, 0, 0) => format!("{h}h"),
        (h, m, 0) => format!("{h}h {m:02}m"),
        (h, m, s) => format!("{h}h {m:02}m {s:02}s"),
    };
    format!("{sign}{body}")
}

/// A duration as a clock reading: `m:ss` under an hour, `h:mm:ss` from an hour on.
pub fn clock(secs: i64) -> String {
    let sign = if secs < 0 { "-" } else { "" };
    let total = secs.unsigned_abs();
    let (h, m, s) = (total / 3600, total / 60 % 60, total % 60);
    if h == 0 {
        format!("{sign}{m}:{s:02}")
    } else {
        format!("{sign}{h}:{m:02}:{s:02}")
    }
}

/// "1 instance", "3 instances", "2 batches": a count with its noun.
pub fn plural(n: i64, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else if word.ends_with("ch") || word.ends_with('s') {
        format!("{n} {word}es")
    } else {
        format!("{n} {word}s")
    }
}

/// Ends a message with a full stop, so that a sentence can follow it.
pub fn sentence(message: &str) -> String {
    let m = message.trim_end();
    if m.ends_with(['.', '!', '?']) {
        m.to_string()
    } else {
        format!("{m}.")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn humane_duration_drops_zero_units_and_pads_the_rest() {
        let cases = [
            (0, "0s"),
            (1, "1s"),
            (45, "45s"),
            (59, "59s"),
            (60, "1m"),
            (125, "2m 05s"),
            (900, "15m"),
            (3599, "59m 59s"),
            (3600, "1h"),
            (3900, "1h 05m"),
            (3630, "1h 00m 30s"),
            (7200, "2h"),
            (28800, "8h"),
            (93784, "26h 03m 04s"),
            (-90, "-1m 30s"),
        ];
        for (secs, want) in cases {
            assert_eq!(humane_duration(secs), want, "humane_duration({secs})");
        }
    }

    #[test]
    fn clock_switches_to_hours_at_one_hour() {
        let cases = [
            (0, "0:00"),
            (5, "0:05"),
            (750, "12:30"),
            (3599, "59:59"),
            (3600, "1:00:00"),
            (3723, "1:02:03"),
            (-5, "-0:05"),
        ];
        for (secs, want) in cases {
            assert_eq!(clock(secs), want, "clock({secs})");
        }
    }

    #[test]
    fn sentence_adds_a_full_stop_only_where_none_ends_it() {
        let cases = [
            (
                "Line 3, column 7: a comma is missing",
                "Line 3, column 7: a comma is missing.",
            ),
            ("Nothing to read.", "Nothing to read."),
            ("Is this a share link?  ", "Is this a share link?"),
            ("Stop!", "Stop!"),
            ("", "."),
        ];
        for (message, want) in cases {
            assert_eq!(sentence(message), want, "sentence({message:?})");
        }
    }

    #[test]
    fn extremes_do_not_panic() {
        assert!(humane_duration(i64::MIN).starts_with('-'));
        assert!(humane_duration(i64::MAX).ends_with('s'));
        assert!(clock(i64::MIN).starts_with('-'));
        assert!(!clock(i64::MAX).is_empty());
    }
}
