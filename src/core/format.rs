//! Humane forms of durations (temporary until the simulator branch lands).

/// "45s", "15m", "1h 05m".
pub fn humane_duration(secs: i64) -> String {
    let s = secs.max(0);
    let (h, m, r) = (s / 3600, (s % 3600) / 60, s % 60);
    match (h, m, r) {
        (0, 0, r) => format!("{r}s"),
        (0, m, 0) => format!("{m}m"),
        (0, m, r) => format!("{m}m {r:02}s"),
        (h, 0, 0) => format!("{h}h"),
        (h, m, _) => format!("{h}h {m:02}m"),
    }
}

/// "12:30" or "1:02:03".
pub fn clock(secs: i64) -> String {
    let s = secs.max(0);
    let (h, m, r) = (s / 3600, (s % 3600) / 60, s % 60);
    if h > 0 { format!("{h}:{m:02}:{r:02}") } else { format!("{m}:{r:02}") }
}
