//! The timeline chart's geometry: a pure mapping of a `Simulation` onto SVG coordinates
//! (time axis, traffic and instance axes, phase bands, step markers, timeout and alarm
//! lines, ticks with humane labels) and back from a click's x to a second. The SVG view
//! only draws what `layout` returns.

use super::format::humane_duration;
use super::simulate::{Phase, Simulation};

/// The chart's size in SVG user units and the room kept around the plot for axes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ChartSize {
    pub width: f64,
    pub height: f64,
    /// Room for the traffic axis' labels.
    pub margin_left: f64,
    /// Room for the instance axis' labels.
    pub margin_right: f64,
    pub margin_top: f64,
    /// Room for the time axis' labels.
    pub margin_bottom: f64,
}

impl Default for ChartSize {
    fn default() -> Self {
        ChartSize {
            width: 720.0,
            height: 260.0,
            margin_left: 44.0,
            margin_right: 44.0,
            margin_top: 12.0,
            margin_bottom: 28.0,
        }
    }
}

/// The plot area inside the margins.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

/// Maps seconds, traffic percentages and instance counts onto the plot area, and x back
/// to seconds. Time runs left to right; both value axes run bottom to top.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Projection {
    /// The plot area.
    pub plot: Rect,
    /// The last second on the time axis (at least 1).
    pub t_max: i64,
    /// The instance count at the top of the instance axis (at least 1).
    pub instances_max: i64,
}

impl Projection {
    /// A projection of `0..=t_max` seconds and `0..=instances_max` instances onto `size`'s
    /// plot area. Degenerate inputs (a zero span, margins wider than the chart) are
    /// widened so that every mapping stays finite and invertible.
    pub fn new(t_max: i64, instances_max: i64, size: &ChartSize) -> Self {
        let finite = |v: f64| if v.is_finite() { v.max(0.0) } else { 0.0 };
        let (ml, mr, mt, mb) = (
            finite(size.margin_left),
            finite(size.margin_right),
            finite(size.margin_top),
            finite(size.margin_bottom),
        );
        let width = (finite(size.width) - ml - mr).max(1.0);
        let height = (finite(size.height) - mt - mb).max(1.0);
        Projection {
            plot: Rect {
                x: ml,
                y: mt,
                width,
                height,
            },
            t_max: t_max.max(1),
            instances_max: instances_max.max(1),
        }
    }

    /// The x of second `t` (seconds outside the axis land outside the plot).
    pub fn x(&self, t: i64) -> f64 {
        self.plot.x + t as f64 / self.t_max as f64 * self.plot.width
    }

    /// The second at `x`, rounded to the nearest and clamped to the axis: the inverse of
    /// `x`, for clicks and drags on the chart.
    pub fn t_at(&self, x: f64) -> i64 {
        if !x.is_finite() {
            return 0;
        }
        let t = ((x - self.plot.x) / self.plot.width * self.t_max as f64).round();
        // The clamp happens in f64, so the cast cannot saturate surprisingly.
        t.clamp(0.0, self.t_max as f64) as i64
    }

    fn bottom(&self) -> f64 {
        self.plot.y + self.plot.height
    }

    /// The y of a traffic percentage (0 at the bottom, 100 at the top).
    pub fn y_traffic(&self, percent: f64) -> f64 {
        self.bottom() - percent.clamp(0.0, 100.0) / 100.0 * self.plot.height
    }

    /// The traffic percentage at `y`: the inverse of `y_traffic`.
    pub fn traffic_at(&self, y: f64) -> f64 {
        ((self.bottom() - y) / self.plot.height * 100.0).clamp(0.0, 100.0)
    }

    /// The y of an instance count (0 at the bottom, `instances_max` at the top).
    pub fn y_instances(&self, n: i64) -> f64 {
        self.bottom()
            - n.clamp(0, self.instances_max) as f64 / self.instances_max as f64 * self.plot.height
    }

    /// The instance count at `y`, rounded: the inverse of `y_instances`.
    pub fn instances_at(&self, y: f64) -> i64 {
        let v = ((self.bottom() - y) / self.plot.height * self.instances_max as f64).round();
        if v.is_finite() {
            v.clamp(0.0, self.instances_max as f64) as i64
        } else {
            0
        }
    }
}

/// A tick on an axis: where it is (x for time, y for values), its value and its label.
#[derive(Clone, Debug, PartialEq)]
pub struct Tick {
    pub pos: f64,
    pub value: i64,
    pub label: String,
}

/// A stretch of the time axis spent in one phase.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Band {
    pub x0: f64,
    pub x1: f64,
    pub phase: Phase,
}

/// Where a traffic step (or rolling batch) starts.
#[derive(Clone, Debug, PartialEq)]
pub struct StepMarker {
    pub x: f64,
    pub step: u32,
    /// `k/n`, e.g. `2/5`.
    pub label: String,
}

/// Everything the chart draws, in SVG coordinates.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartLayout {
    pub projection: Projection,
    pub time_ticks: Vec<Tick>,
    pub traffic_ticks: Vec<Tick>,
    pub instance_ticks: Vec<Tick>,
    /// Phase bands left to right, neighbours of the same phase merged.
    pub bands: Vec<Band>,
    /// Step lines (horizontal, then vertical at each event) for the new fleet's traffic
    /// and the two fleets' instance counts.
    pub traffic_line: Vec<(f64, f64)>,
    pub old_instances_line: Vec<(f64, f64)>,
    pub new_instances_line: Vec<(f64, f64)>,
    pub step_markers: Vec<StepMarker>,
    /// The x of `MaximumExecutionTimeoutInSeconds`, when it falls on the axis.
    pub timeout_x: Option<f64>,
    /// The x of the alarm what-if, when it falls on the axis.
    pub alarm_x: Option<f64>,
    /// The x where the what-if's problem starts, when the alarms need time to detect it.
    pub problem_x: Option<f64>,
    /// The instance quota of the tightest type in use, as a line on the instance axis:
    /// its y and its label ("quota ml.g5.12xlarge: 2").
    pub quota: Option<(f64, String)>,
}

/// How far (SVG units) the old fleet's line is lifted where it has as many instances as the
/// new fleet's, so that it does not hide under it.
pub const OLD_LINE_LIFT: f64 = 2.0;

/// Tick spacings that read well on a time axis, in seconds.
const TIME_STEPS: &[i64] = &[
    1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400,
];

/// A time-tick spacing giving at most `max_ticks` intervals over `span` seconds.
pub fn time_tick_step(span: i64, max_ticks: i64) -> i64 {
    let span = span.max(1);
    let max_ticks = max_ticks.max(1);
    if let Some(step) = TIME_STEPS.iter().copied().find(|s| span / s <= max_ticks) {
        return step;
    }
    // Beyond a day: whole days in 1-2-5 steps.
    nice_step(span / 86400 + 1, max_ticks).saturating_mul(86400)
}

/// A 1-2-5 spacing giving at most `max_ticks` intervals up to `max`.
pub fn nice_step(max: i64, max_ticks: i64) -> i64 {
    let (max, max_ticks) = (max.max(1), max_ticks.max(1));
    let mut magnitude: i64 = 1;
    loop {
        for m in [1, 2, 5] {
            let step = magnitude.saturating_mul(m);
            if max / step <= max_ticks || step == i64::MAX {
                return step;
            }
        }
        magnitude = magnitude.saturating_mul(10);
    }
}

/// The chart of a simulation at `size`.
pub fn layout(sim: &Simulation, size: &ChartSize) -> ChartLayout {
    layout_on(
        sim,
        size,
        sim.summary.total_seconds,
        sim.summary.peak_instances,
    )
}

/// The charts of a baseline and a design on the same axes (the longer duration, the higher
/// peak), for a review that draws the baseline quietly under the design: `(before, after)`.
pub fn layout_pair(
    before: &Simulation,
    after: &Simulation,
    size: &ChartSize,
) -> (ChartLayout, ChartLayout) {
    let total = before.span().max(after.span());
    let peak = before
        .summary
        .peak_instances
        .max(after.summary.peak_instances);
    (
        layout_on(before, size, total, peak),
        layout_on(after, size, total, peak),
    )
}

/// The baseline's three lines as SVG markup (classes `line line--before-*`), drawn under
/// the design's chart of [`layout_pair`].
pub fn svg_baseline(c: &ChartLayout) -> String {
    let mut s = String::with_capacity(2048);
    for (class, line) in [
        ("line line--before line--before-old", &c.old_instances_line),
        ("line line--before line--before-new", &c.new_instances_line),
        ("line line--before line--before-traffic", &c.traffic_line),
    ] {
        s.push_str(&format!(
            "<path class=\"{class}\" d=\"{}\"></path>",
            path_d(line)
        ));
    }
    s
}

/// The chart of `sim` on axes reaching `total` seconds and `peak` instances (at least the
/// simulation's own).
fn layout_on(sim: &Simulation, size: &ChartSize, total: i64, peak: i64) -> ChartLayout {
    // The tightest quota of a type the rollout uses, when it is near enough the peak to
    // read on the same axis.
    let quota = sim
        .capacity
        .lines
        .iter()
        .filter(|l| l.peak > 0 && l.available >= 0)
        .min_by_key(|l| l.available.saturating_sub(l.peak))
        .filter(|l| l.available <= l.peak.saturating_mul(2).max(4));
    let peak_axis = peak
        .max(sim.summary.peak_instances)
        .max(quota.map_or(0, |l| l.available))
        .max(quota.map_or(0, |l| l.peak));
    // A rolled-back run keeps the plan's length on the axis (`Simulation::span`), so that a
    // later moment can still be picked.
    let axis_total = total.max(sim.span()).max(0);
    let total = sim.summary.total_seconds.max(0);
    let step = nice_step(peak_axis, 5);
    // Round the instance axis up to a whole tick so its top is labelled.
    let peak = peak_axis.max(1);
    let instances_max = (peak / step + i64::from(peak % step != 0)).saturating_mul(step);
    let proj = Projection::new(axis_total, instances_max, size);

    let tstep = time_tick_step(proj.t_max, 8);
    let time_ticks = (0..=proj.t_max / tstep)
        .map(|i| {
            let t = i.saturating_mul(tstep);
            Tick {
                pos: proj.x(t),
                value: t,
                label: humane_duration(t),
            }
        })
        .collect();
    let traffic_ticks = (0..=4)
        .map(|i| {
            let pct = i * 25;
            Tick {
                pos: proj.y_traffic(pct as f64),
                value: pct,
                label: format!("{pct}%"),
            }
        })
        .collect();
    let instance_ticks = (0..=instances_max / step)
        .map(|i| {
            let n = i.saturating_mul(step);
            Tick {
                pos: proj.y_instances(n),
                value: n,
                label: n.to_string(),
            }
        })
        .collect();

    let events = &sim.events;
    let mut bands: Vec<Band> = Vec::new();
    let mut step_markers = Vec::new();
    let mut traffic_line = Vec::with_capacity(events.len() * 2);
    let mut old_instances_line = Vec::with_capacity(events.len() * 2);
    let mut new_instances_line = Vec::with_capacity(events.len() * 2);
    let mut last_step = 0;
    for (i, e) in events.iter().enumerate() {
        let x0 = proj.x(e.t);
        let end = events.get(i + 1).map_or(total, |n| n.t);
        let x1 = proj.x(end);
        // Equal counts would draw the old line exactly on the new one: it is lifted by
        // `OLD_LINE_LIFT` there (and drawn dashed, on top), so both stay visible.
        let lift = if e.old_instances == e.new_instances && e.old_instances > 0 { OLD_LINE_LIFT } else { 0.0 };
        for (line, y) in [
            (&mut traffic_line, proj.y_traffic(e.new_traffic_percent)),
            (&mut old_instances_line, proj.y_instances(e.old_instances) - lift),
            (&mut new_instances_line, proj.y_instances(e.new_instances)),
        ] {
            line.push((x0, y));
            line.push((x1, y));
        }
        if end > e.t {
            match bands.last_mut() {
                Some(b) if b.phase == e.phase && b.x1 == x0 => b.x1 = x1,
                _ => bands.push(Band {
                    x0,
                    x1,
                    phase: e.phase,
                }),
            }
        }
        if e.step > last_step && e.phase != Phase::Rollback {
            step_markers.push(StepMarker {
                x: x0,
                step: e.step,
                label: format!("{}/{}", e.step, sim.steps),
            });
            last_step = e.step;
        }
    }
    // After a rollback the endpoint stays as it was left: its lines go on to the plan's end.
    if sim.span() > total {
        let x = proj.x(sim.span());
        for line in [&mut traffic_line, &mut old_instances_line, &mut new_instances_line] {
            if let Some(&(_, y)) = line.last() {
                line.push((x, y));
            }
        }
    }
    let on_axis = |t: Option<i64>| {
        t.filter(|t| (0..=proj.t_max).contains(t))
            .map(|t| proj.x(t))
    };
    ChartLayout {
        projection: proj,
        time_ticks,
        traffic_ticks,
        instance_ticks,
        bands,
        traffic_line,
        old_instances_line,
        new_instances_line,
        step_markers,
        timeout_x: on_axis(sim.timeout_at),
        alarm_x: on_axis(sim.alarm_at),
        problem_x: on_axis(sim.problem_at.filter(|p| Some(*p) != sim.alarm_at)),
        quota: quota.map(|l| {
            (
                proj.y_instances(l.available),
                format!("quota {}: {}", l.instance_type, l.available),
            )
        }),
    }
}

/// An SVG path (`M x y L x y ...`) through `points`, with coordinates to 0.1 unit.
pub fn path_d(points: &[(f64, f64)]) -> String {
    let mut d = String::with_capacity(points.len() * 16);
    for (i, (x, y)) in points.iter().enumerate() {
        let cmd = if i == 0 { 'M' } else { 'L' };
        if !d.is_empty() {
            d.push(' ');
        }
        d.push_str(&format!("{cmd}{x:.1} {y:.1}"));
    }
    d
}

/// The chart's drawn layers as SVG markup: phase bands, grid and tick labels, step markers,
/// the timeout and alarm lines, the three step lines and the frame. The page sets it on one
/// element in one call whenever the simulation changes: building the same ~300 elements one
/// attribute at a time through the DOM bindings was the largest part of a keystroke's DOM work
/// on a 20-variant design. Labels are escaped; the layout holds no text a user typed.
pub fn svg_layers(c: &ChartLayout) -> String {
    use std::fmt::Write;
    let p = c.projection.plot;
    let (top, bottom) = (p.y, p.y + p.height);
    let mut s = String::with_capacity(8192);
    // A line across the plot at `x`.
    let vline = |s: &mut String, class: &str, x: f64| {
        let _ = write!(
            s,
            "<line class=\"{class}\" x1=\"{x:.1}\" x2=\"{x:.1}\" y1=\"{top:.1}\" y2=\"{bottom:.1}\"></line>"
        );
    };
    // A label; `extra` holds further attributes, each with its leading space.
    let text = |s: &mut String, class: &str, x: f64, y: f64, extra: &str, label: &str| {
        let _ = write!(
            s,
            "<text class=\"{class}\" x=\"{x:.1}\" y=\"{y:.1}\"{extra}>{}</text>",
            escape(label)
        );
    };
    s.push_str("<g class=\"chart__bands\">");
    for b in &c.bands {
        let _ = write!(
            s,
            "<rect class=\"band band--{}\" x=\"{:.1}\" y=\"{top:.1}\" width=\"{:.1}\" height=\"{:.1}\"></rect>",
            b.phase.as_str(),
            b.x0,
            (b.x1 - b.x0).max(0.0),
            p.height
        );
    }
    s.push_str("</g><g class=\"chart__grid\">");
    for t in &c.time_ticks {
        vline(&mut s, "grid", t.pos);
        text(
            &mut s,
            "tick tick--time",
            t.pos,
            bottom + 16.0,
            "",
            &t.label,
        );
    }
    for t in &c.traffic_ticks {
        text(
            &mut s,
            "tick tick--traffic",
            p.x - 6.0,
            t.pos + 4.0,
            "",
            &t.label,
        );
    }
    for t in &c.instance_ticks {
        let x = p.x + p.width + 6.0;
        text(&mut s, "tick tick--instances", x, t.pos + 4.0, "", &t.label);
    }
    s.push_str("</g><g class=\"chart__markers\">");
    for m in &c.step_markers {
        vline(&mut s, "step-marker", m.x);
        text(&mut s, "step-label", m.x + 3.0, top + 10.0, "", &m.label);
    }
    if let Some(x) = c.timeout_x {
        vline(&mut s, "timeout-line", x);
        let end = " text-anchor=\"end\"";
        text(&mut s, "marker-label", x - 3.0, top + 22.0, end, "timeout");
    }
    if let Some(x) = c.problem_x {
        vline(&mut s, "problem-line", x);
        text(&mut s, "marker-label marker-label--problem", x + 3.0, top + 46.0, "", "problem");
    }
    if let Some((y, label)) = &c.quota {
        let (x0, x1) = (p.x, p.x + p.width);
        let _ = write!(
            s,
            "<line class=\"quota-line\" x1=\"{x0:.1}\" x2=\"{x1:.1}\" y1=\"{y:.1}\" y2=\"{y:.1}\"></line>"
        );
        let end = " text-anchor=\"end\"";
        text(&mut s, "marker-label marker-label--quota", x1 - 3.0, y - 4.0, end, label);
    }
    if let Some(x) = c.alarm_x {
        vline(&mut s, "alarm-line", x);
        text(
            &mut s,
            "marker-label marker-label--alarm",
            x + 3.0,
            top + 34.0,
            "",
            "alarm",
        );
    }
    s.push_str("</g>");
    // The dashed old line goes over the solid new one: where they meet, both show.
    for (class, line) in [
        ("line line--new", &c.new_instances_line),
        ("line line--old", &c.old_instances_line),
        ("line line--traffic", &c.traffic_line),
    ] {
        let _ = write!(s, "<path class=\"{class}\" d=\"{}\"></path>", path_d(line));
    }
    let _ = write!(
        s,
        "<rect class=\"chart__frame\" x=\"{:.1}\" y=\"{top:.1}\" width=\"{:.1}\" height=\"{:.1}\"></rect>",
        p.x, p.width, p.height
    );
    s
}

/// `text` as SVG/HTML character data or attribute value.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn proj() -> Projection {
        Projection::new(
            3600,
            12,
            &ChartSize {
                width: 400.0,
                height: 200.0,
                margin_left: 40.0,
                margin_right: 0.0,
                margin_top: 0.0,
                margin_bottom: 40.0,
            },
        )
    }

    #[test]
    fn projection_maps_the_ends_of_each_axis_to_the_plot_edges() {
        let p = proj();
        assert_eq!(p.x(0), 40.0);
        assert_eq!(p.x(3600), 400.0);
        assert_eq!(p.x(1800), 220.0);
        assert_eq!(p.y_traffic(0.0), 160.0);
        assert_eq!(p.y_traffic(100.0), 0.0);
        assert_eq!(p.y_instances(0), 160.0);
        assert_eq!(p.y_instances(12), 0.0);
        assert_eq!(p.y_instances(6), 80.0);
    }

    #[test]
    fn clicks_map_back_to_seconds_and_are_clamped_to_the_axis() {
        let p = proj();
        assert_eq!(p.t_at(40.0), 0);
        assert_eq!(p.t_at(220.0), 1800);
        assert_eq!(p.t_at(400.0), 3600);
        assert_eq!(p.t_at(0.0), 0, "left of the plot");
        assert_eq!(p.t_at(1000.0), 3600, "right of the plot");
        assert_eq!(p.t_at(f64::NAN), 0);
        for t in (0..=3600).step_by(7) {
            assert_eq!(p.t_at(p.x(t)), t);
        }
        for y in [0.0, 40.0, 80.0, 160.0] {
            assert!((p.y_traffic(p.traffic_at(y)) - y).abs() < 1e-9);
        }
        for n in 0..=12 {
            assert_eq!(p.instances_at(p.y_instances(n)), n);
        }
    }

    #[test]
    fn degenerate_sizes_still_give_finite_coordinates() {
        let p = Projection::new(
            0,
            0,
            &ChartSize {
                width: 10.0,
                height: f64::NAN,
                margin_left: 50.0,
                margin_right: 50.0,
                margin_top: 0.0,
                margin_bottom: 0.0,
            },
        );
        assert!(
            p.x(0).is_finite() && p.y_traffic(50.0).is_finite() && p.y_instances(3).is_finite()
        );
        assert_eq!(p.t_at(p.x(1)), 1);
    }

    #[test]
    fn time_ticks_use_round_spacings() {
        let cases = [
            (10, 2),
            (60, 10),
            (600, 120),
            (1200, 300),
            (3600, 600),
            (4500, 600),
            (9000, 1800),
            (28800, 3600),
            (200_000, 43200),
        ];
        for (span, want) in cases {
            assert_eq!(time_tick_step(span, 8), want, "span {span}");
        }
        assert_eq!(time_tick_step(i64::MAX, 8) % 86400, 0);
        assert_eq!(nice_step(12, 5), 5);
        assert_eq!(nice_step(1000, 5), 200);
        assert!(
            nice_step(i64::MAX, 5) > 0,
            "terminates on the largest input"
        );
    }

    #[test]
    fn path_d_draws_a_polyline() {
        assert_eq!(path_d(&[(0.0, 1.0), (2.26, 3.0)]), "M0.0 1.0 L2.3 3.0");
        assert_eq!(path_d(&[]), "");
    }

    #[test]
    fn svg_layers_draw_every_part_of_the_layout_once() {
        use crate::{examples, simulate::simulate};
        for id in ["canary", "linear", "rolling", "multi"] {
            let mut doc = examples::example(id).expect("example");
            doc.simulation.set_alarm_at(Some(900));
            let sim = simulate(&doc);
            let c = layout(&sim, &ChartSize::default());
            let svg = svg_layers(&c);
            let count = |needle: &str| svg.matches(needle).count();
            assert_eq!(count("<rect class=\"band "), c.bands.len(), "{id}: bands");
            assert_eq!(
                count("class=\"tick tick--time\""),
                c.time_ticks.len(),
                "{id}"
            );
            assert_eq!(
                count("class=\"tick tick--traffic\""),
                c.traffic_ticks.len(),
                "{id}"
            );
            assert_eq!(
                count("class=\"tick tick--instances\""),
                c.instance_ticks.len(),
                "{id}"
            );
            assert_eq!(count("class=\"step-marker\""), c.step_markers.len(), "{id}");
            assert_eq!(
                count("class=\"alarm-line\""),
                usize::from(c.alarm_x.is_some()),
                "{id}"
            );
            assert!(
                c.alarm_x.is_some(),
                "{id}: the alarm at 900 s is on the axis"
            );
            assert!(
                svg.contains(&format!("d=\"{}\"", path_d(&c.traffic_line))),
                "{id}"
            );
            for t in &c.time_ticks {
                assert!(
                    svg.contains(&format!(">{}</text>", t.label)),
                    "{id}: {}",
                    t.label
                );
            }
            // Every element is closed: as many openings as closings, per element name.
            for name in ["g", "rect", "line", "text", "path"] {
                assert_eq!(
                    count(&format!("<{name} ")) + count(&format!("<{name}>")),
                    count(&format!("</{name}>")),
                    "{id}: <{name}>"
                );
            }
        }
    }

    #[test]
    fn svg_layer_labels_are_escaped() {
        assert_eq!(escape("<b>&\"x'"), "&lt;b&gt;&amp;&quot;x&#39;");
        let mut c = layout(
            &crate::simulate::simulate(&crate::examples::default_design()),
            &ChartSize::default(),
        );
        c.step_markers.push(StepMarker {
            x: 10.0,
            step: 1,
            label: "<script>".into(),
        });
        let svg = svg_layers(&c);
        assert!(svg.contains("&lt;script&gt;") && !svg.contains("<script>"));
    }

    #[test]
    fn a_baseline_and_a_design_share_their_axes() {
        use crate::{examples, simulate::simulate};
        let size = ChartSize::default();
        let long = simulate(&examples::example("linear").unwrap_or_else(examples::default_design));
        let short = simulate(&examples::blank_design());
        let (before, after) = layout_pair(&long, &short, &size);
        assert_eq!(before.projection, after.projection);
        assert!(after.projection.t_max >= long.summary.total_seconds);
        // The shorter rollout's lines end where it ends, not at the right edge.
        let end_x = after.traffic_line.last().map(|p| p.0).unwrap_or(0.0);
        assert!(end_x <= after.projection.x(short.summary.total_seconds) + 0.01);
        assert!(svg_baseline(&before).contains("line--before-traffic"));
    }

    #[test]
    fn the_old_line_shows_beside_the_new_one_when_the_counts_are_equal() {
        use crate::{examples, simulate::simulate};
        let sim = simulate(&examples::default_design());
        let c = layout(&sim, &ChartSize::default());
        let p = c.projection;
        // From 300 s both fleets have 10 instances: the old line is lifted, the new is not.
        // Each event is a segment of two points: the one starting at 300 s.
        let at = |line: &[(f64, f64)]| line.iter().step_by(2).find(|(x, _)| (*x - p.x(300)).abs() < 0.01).map(|pt| pt.1);
        assert_eq!(at(&c.new_instances_line), Some(p.y_instances(10)));
        assert_eq!(at(&c.old_instances_line), Some(p.y_instances(10) - OLD_LINE_LIFT));
        // Before, 10 old and 0 new: no lift.
        assert_eq!(c.old_instances_line[0].1, p.y_instances(10));
        let svg = svg_layers(&c);
        let (new, old) = (svg.find("line line--new"), svg.find("line line--old"));
        assert!(new.is_some() && old.is_some() && new < old, "the old line is drawn over the new");
    }

    #[test]
    fn a_rolled_back_chart_keeps_the_plans_length() {
        use crate::{examples, simulate::simulate};
        let mut doc = examples::example("linear").expect("linear");
        let plan = simulate(&doc);
        doc.simulation.set_alarm_at(Some(700));
        let rolled = simulate(&doc);
        let c = layout(&rolled, &ChartSize::default());
        assert_eq!(c.projection.t_max, plan.summary.total_seconds);
        let right = c.projection.x(plan.summary.total_seconds);
        for line in [&c.traffic_line, &c.old_instances_line, &c.new_instances_line] {
            assert!((line.last().map_or(0.0, |p| p.0) - right).abs() < 0.01, "the lines reach the end");
        }
        assert_eq!(c.projection.t_at(right + 50.0), plan.summary.total_seconds, "the end can be clicked");
    }
}
