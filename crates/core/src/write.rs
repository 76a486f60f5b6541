//! The model's types written as JSON (pretty or compact) and as Python literals.
//!
//! Written by hand over the project's own types rather than through serde_json: the page
//! writes only these few shapes, and serde_json's serializer was one of the largest parts of
//! the first view's wasm. The output is byte for byte what serde_json wrote with the
//! formatters the exports used before (crates/core/tests/write.rs compares the two on
//! generated designs). The types keep their serde derives for tests and other tools; the
//! derived code is generic and costs nothing where no serializer uses it.

use std::fmt::Write as _;

use super::export::is_invisible;
use super::model::{
    Alarm, AutoRollbackConfig, BlueGreenUpdatePolicy, CapacitySize, CapacitySizeType,
    DeploymentConfig, DesignDocument, Dimension, EndpointContext, Failure, InstanceQuota, Metric,
    MetricAlarm, MetricDataQuery, MetricStat, Placeholder, ProductionVariant,
    RollingUpdatePolicy, ServerlessConfig, SimulationSettings, TrafficRoutingConfig,
    TrafficRoutingConfigType, UpdateEndpointInput, VariantProperty, VariantPropertyType,
};

/// How a value is laid out and how its strings are escaped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// JSON, one member per line, two-space indents (serde_json's pretty form).
    Pretty,
    /// JSON on one line without spaces.
    Compact,
    /// Python literals: `True`/`False`/`None`, dicts and lists one item per line with
    /// four-space indents and a trailing comma after every item (the layout black gives).
    Python,
}

/// A value that can be written in every [`Style`].
pub trait Emit {
    fn emit(&self, w: &mut Writer);
}

/// Pretty JSON with controls and invisible characters written as `\uXXXX`.
pub fn pretty_json<T: Emit + ?Sized>(value: &T) -> String {
    Writer::write(value, Style::Pretty, true, 0)
}

/// Compact JSON with controls and invisible characters written as `\uXXXX`.
pub fn compact_json<T: Emit + ?Sized>(value: &T) -> String {
    Writer::write(value, Style::Compact, true, 0)
}

/// Compact JSON escaping only what JSON requires (quotes, backslashes, C0 controls), as
/// `serde_json::to_string` writes it: the form inside share links.
pub fn plain_json<T: Emit + ?Sized>(value: &T) -> String {
    Writer::write(value, Style::Compact, false, 0)
}

/// A Python literal whose nested lines are indented one level (for a keyword argument).
pub fn python<T: Emit + ?Sized>(value: &T) -> String {
    Writer::write(value, Style::Python, true, 1)
}

/// The text being written and where the writer is in it.
pub struct Writer {
    out: String,
    style: Style,
    /// Escape controls beyond C0 and [`is_invisible`] characters.
    visible: bool,
    /// Nesting depth, in indent units.
    indent: usize,
    /// Whether the innermost open object or list has an item yet. One flag suffices: a new
    /// item starts right after its container opened or after the previous item ended.
    has_value: bool,
}

impl Writer {
    fn write<T: Emit + ?Sized>(value: &T, style: Style, visible: bool, indent: usize) -> String {
        let mut w = Writer {
            out: String::new(),
            style,
            visible,
            indent,
            has_value: false,
        };
        value.emit(&mut w);
        w.out
    }

    fn newline(&mut self) {
        let unit = if self.style == Style::Python {
            "    "
        } else {
            "  "
        };
        self.out.push('\n');
        for _ in 0..self.indent {
            self.out.push_str(unit);
        }
    }

    fn open(&mut self, bracket: char) {
        self.indent += 1;
        self.has_value = false;
        self.out.push(bracket);
    }

    fn close(&mut self, bracket: char) {
        self.indent = self.indent.saturating_sub(1);
        if self.has_value && self.style != Style::Compact {
            self.newline();
        }
        // The enclosing container, if any, now has this one as an item.
        self.has_value = true;
        self.out.push(bracket);
    }

    fn item_start(&mut self) {
        if self.has_value && self.style != Style::Python {
            self.out.push(',');
        }
        if self.style != Style::Compact {
            self.newline();
        }
    }

    fn item_end(&mut self) {
        if self.style == Style::Python {
            self.out.push(',');
        }
        self.has_value = true;
    }

    /// An object (a Python dict) whose members `members` writes.
    pub fn object(&mut self, members: impl FnOnce(&mut Self)) {
        self.open('{');
        members(self);
        self.close('}');
    }

    /// A member of the open object.
    pub fn member<T: Emit + ?Sized>(&mut self, name: &str, value: &T) {
        self.item_start();
        self.string(name);
        self.out.push_str(if self.style == Style::Compact {
            ":"
        } else {
            ": "
        });
        value.emit(self);
        self.item_end();
    }

    /// A member of the open object, left out when absent.
    pub fn opt<T: Emit>(&mut self, name: &str, value: &Option<T>) {
        if let Some(v) = value {
            self.member(name, v);
        }
    }

    /// A list of `items`.
    pub fn list<T: Emit>(&mut self, items: &[T]) {
        self.open('[');
        for item in items {
            self.item_start();
            item.emit(self);
            self.item_end();
        }
        self.close(']');
    }

    pub fn null(&mut self) {
        let word = if self.style == Style::Python {
            "None"
        } else {
            "null"
        };
        self.out.push_str(word);
    }

    pub fn bool(&mut self, b: bool) {
        let word = match (self.style == Style::Python, b) {
            (true, true) => "True",
            (true, false) => "False",
            (false, true) => "true",
            (false, false) => "false",
        };
        self.out.push_str(word);
    }

    pub fn int(&mut self, n: i64) {
        let _ = write!(self.out, "{n}");
    }

    /// A float in the shortest form that reads back as the same number, laid out as
    /// serde_json lays it out: `1.0`, `0.25`, `1e-7`, `1.5e+30`; `null` when it is not
    /// finite, as JSON has no such number.
    pub fn float(&mut self, x: f64) {
        if !x.is_finite() {
            return self.null();
        }
        if x.is_sign_negative() {
            self.out.push('-');
        }
        let x = x.abs();
        if x == 0.0 {
            self.out.push_str("0.0");
            return;
        }
        // `{:e}` gives the shortest round-trip digits as `d.ddde<exp>`; only the layout
        // differs from ryu's.
        let sci = format!("{x:e}");
        let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
        let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
        let len = digits.len() as i64;
        // The number is 0.digits × 10^kk.
        let kk = exp.parse::<i64>().unwrap_or(0) + 1;
        let out = &mut self.out;
        if len <= kk && kk <= 16 {
            out.push_str(&digits);
            for _ in len..kk {
                out.push('0');
            }
            out.push_str(".0");
        } else if 0 < kk && kk <= 16 {
            let (int, frac) = digits.split_at(kk as usize);
            let _ = write!(out, "{int}.{frac}");
        } else if -5 < kk && kk <= 0 {
            out.push_str("0.");
            for _ in kk..0 {
                out.push('0');
            }
            out.push_str(&digits);
        } else {
            let (first, rest) = digits.split_at(1);
            out.push_str(first);
            if !rest.is_empty() {
                let _ = write!(out, ".{rest}");
            }
            let exp = kk - 1;
            let _ = write!(out, "e{}{exp}", if exp > 0 { "+" } else { "" });
        }
    }

    /// A string literal in double quotes, with the escapes of the style.
    pub fn string(&mut self, s: &str) {
        let python = self.style == Style::Python;
        let out = &mut self.out;
        out.push('"');
        for c in s.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '\u{8}' => out.push_str("\\b"),
                '\u{c}' => out.push_str("\\f"),
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                '\t' => out.push_str("\\t"),
                c if python && c.is_control() => {
                    let _ = write!(out, "\\x{:02x}", c as u32);
                }
                c if python && is_invisible(c) => {
                    let _ = if (c as u32) > 0xFFFF {
                        write!(out, "\\U{:08x}", c as u32)
                    } else {
                        write!(out, "\\u{:04x}", c as u32)
                    };
                }
                c if (c as u32) < 0x20 || (self.visible && (c.is_control() || is_invisible(c))) => {
                    let mut units = [0u16; 2];
                    for unit in c.encode_utf16(&mut units) {
                        let _ = write!(out, "\\u{unit:04x}");
                    }
                }
                c => out.push(c),
            }
        }
        out.push('"');
    }
}

impl<T: Emit + ?Sized> Emit for &T {
    fn emit(&self, w: &mut Writer) {
        (**self).emit(w);
    }
}

impl Emit for str {
    fn emit(&self, w: &mut Writer) {
        w.string(self);
    }
}

impl Emit for String {
    fn emit(&self, w: &mut Writer) {
        w.string(self);
    }
}

impl Emit for bool {
    fn emit(&self, w: &mut Writer) {
        w.bool(*self);
    }
}

impl Emit for i64 {
    fn emit(&self, w: &mut Writer) {
        w.int(*self);
    }
}

impl Emit for u32 {
    fn emit(&self, w: &mut Writer) {
        w.int(i64::from(*self));
    }
}

impl Emit for f64 {
    fn emit(&self, w: &mut Writer) {
        w.float(*self);
    }
}

/// A member that is written even when absent, as `null`.
impl<T: Emit> Emit for Option<T> {
    fn emit(&self, w: &mut Writer) {
        match self {
            Some(v) => v.emit(w),
            None => w.null(),
        }
    }
}

impl<T: Emit> Emit for [T] {
    fn emit(&self, w: &mut Writer) {
        w.list(self);
    }
}

impl<T: Emit> Emit for Vec<T> {
    fn emit(&self, w: &mut Writer) {
        w.list(self);
    }
}

/// The wire enums are written in their wire spelling.
macro_rules! emit_wire {
    ($($t:ty),+) => {
        $(impl Emit for $t {
            fn emit(&self, w: &mut Writer) {
                w.string(self.wire());
            }
        })+
    };
}

emit_wire!(
    TrafficRoutingConfigType,
    CapacitySizeType,
    VariantPropertyType
);

// The shapes, member by member in declaration order (the order serde wrote), with the
// member names of the API (PascalCase).

impl Emit for UpdateEndpointInput {
    fn emit(&self, w: &mut Writer) {
        w.object(|w| {
            w.opt("EndpointName", &self.endpoint_name);
            w.opt("EndpointConfigName", &self.endpoint_config_name);
            w.opt(
                "RetainAllVariantProperties",
                &self.retain_all_variant_properties,
            );
            w.opt(
                "ExcludeRetainedVariantProperties",
                &self.exclude_retained_variant_properties,
            );
            w.opt("DeploymentConfig", &self.deployment_config);
            w.opt("RetainDeploymentConfig", &self.retain_deployment_config);
        });
    }
}

impl Emit for VariantProperty {
    fn emit(&self, w: &mut Writer) {
        w.object(|w| w.opt("VariantPropertyType", &self.variant_property_type));
    }
}

impl Emit for DeploymentConfig {
    fn emit(&self, w: &mut Writer) {
        w.object(|w| {
            w.opt("BlueGreenUpdatePolicy", &self.blue_green_update_policy);
            w.opt("RollingUpdatePolicy", &self.rolling_update_policy);
            w.opt(
                "AutoRollbackConfiguration",
                &self.auto_rollback_configuration,
            );
        });
    }
}

impl Emit for BlueGreenUpdatePolicy {
    fn emit(&self, w: &mut Writer) {
        w.object(|w| {
            w.opt(
                "TrafficRoutingConfiguration",
                &self.traffic_routing_configuration,
            );
            w.opt(
                "TerminationWaitInSeconds",
                &self.termination_wait_in_seconds,
            );
            w.opt(
                "MaximumExecutionTimeoutInSeconds",
                &self.maximum_execution_timeout_in_seconds,
            );
        });
    }
}

impl Emit for TrafficRoutingConfig {
    fn emit(&self, w: &mut Writer) {
        w.object(|w| {
            w.opt("Type", &self.type_);
            w.opt("WaitIntervalInSeconds", &self.wait_interval_in_seconds);
            w.opt("CanarySize", &self.canary_size);
            w.opt("LinearStepSize", &self.linear_step_size);
        });
    }
}

impl Emit for RollingUpdatePolicy {
    fn emit(&self, w: &mut Writer) {
        w.object(|w| {
            w.opt("MaximumBatchSize", &self.maximum_batch_size);
            w.opt("WaitIntervalInSeconds", &self.wait_interval_in_seconds);
            w.opt(
                "MaximumExecutionTimeoutInSeconds",
                &self.maximum_execution_timeout_in_seconds,
            );
            w.opt(
                "RollbackMaximumBatchSize",
                &self.rollback_maximum_batch_size,
            );
        });
    }
}

impl Emit for CapacitySize {
    fn emit(&self, w: &mut Writer) {
        w.object(|w| {
            w.opt("Type", &self.type_);
            w.opt("Value", &self.value);
        });
    }
}

impl Emit for AutoRollbackConfig {
    fn emit(&self, w: &mut Writer) {
        w.object(|w| w.opt("Alarms", &self.alarms));
    }
}

impl Emit for Alarm {
    fn emit(&self, w: &mut Writer) {
        w.object(|w| w.opt("AlarmName", &self.alarm_name));
    }
}

impl Emit for DesignDocument {
    fn emit(&self, w: &mut Writer) {
        w.object(|w| {
            w.member("Version", &self.version);
            w.member("Request", &self.request);
            w.member("Endpoint", &self.endpoint);
            if !self.alarms.is_empty() {
                w.member("Alarms", &self.alarms);
            }
            if let Some(rules) = &self.rules {
                w.member("Rules", &Raw(rules));
            }
            w.member("Simulation", &self.simulation);
            if !self.placeholders.is_empty() {
                w.member("Placeholders", &self.placeholders);
            }
        });
    }
}

/// JSON text written as it is (the document's `Rules`, kept as the JSON it was read as).
struct Raw<'a>(&'a str);

impl Emit for Raw<'_> {
    fn emit(&self, w: &mut Writer) {
        w.out.push_str(self.0);
    }
}

/// A value tree written back as JSON (the `Rules` member is kept this way).
impl Emit for crate::value::Value {
    fn emit(&self, w: &mut Writer) {
        use crate::value::Kind;
        match &self.kind {
            Kind::Null => w.null(),
            Kind::Bool(b) => w.bool(*b),
            Kind::Int { text, .. } | Kind::Float { text, .. } => w.out.push_str(text),
            Kind::Str(s) | Kind::Placeholder(s) => w.string(s),
            Kind::List(items) => w.list(items),
            Kind::Map(entries) => w.object(|w| {
                for e in entries {
                    w.member(&e.key, &e.value);
                }
            }),
        }
    }
}

impl Emit for Placeholder {
    fn emit(&self, w: &mut Writer) {
        w.object(|w| {
            w.member("Path", &self.path);
            w.member("Expression", &self.expression);
            w.opt("Line", &self.line);
            w.opt("Column", &self.column);
        });
    }
}

impl Emit for EndpointContext {
    fn emit(&self, w: &mut Writer) {
        w.object(|w| {
            w.opt(
                "CurrentEndpointConfigName",
                &self.current_endpoint_config_name,
            );
            w.member("CurrentVariants", &self.current_variants);
            w.member("NewVariants", &self.new_variants);
            if self.uses_marketplace_containers {
                w.member("UsesMarketplaceContainers", &true);
            }
            if !self.quotas.is_empty() {
                w.member("Quotas", &self.quotas);
            }
        });
    }
}

impl Emit for ProductionVariant {
    fn emit(&self, w: &mut Writer) {
        w.object(|w| {
            w.opt("VariantName", &self.variant_name);
            w.opt("ModelName", &self.model_name);
            w.opt("InstanceType", &self.instance_type);
            w.opt("InitialInstanceCount", &self.initial_instance_count);
            w.opt("InitialVariantWeight", &self.initial_variant_weight);
            w.opt("AcceleratorType", &self.accelerator_type);
            w.opt("ServerlessConfig", &self.serverless_config);
        });
    }
}

impl Emit for ServerlessConfig {
    fn emit(&self, w: &mut Writer) {
        w.object(|w| {
            w.opt("MemorySizeInMB", &self.memory_size_in_mb);
            w.opt("MaxConcurrency", &self.max_concurrency);
            w.opt("ProvisionedConcurrency", &self.provisioned_concurrency);
        });
    }
}

impl Emit for SimulationSettings {
    fn emit(&self, w: &mut Writer) {
        w.object(|w| {
            w.member("ProvisioningSeconds", &self.provisioning_seconds);
            // Written as `null` when there is none, as the document format says.
            w.member("Failure", &self.failure);
        });
    }
}

impl Emit for Failure {
    fn emit(&self, w: &mut Writer) {
        w.object(|w| match self {
            Failure::Alarm { at_seconds } => {
                w.member("Kind", "alarm");
                w.member("AtSeconds", at_seconds);
            }
        });
    }
}

impl Emit for InstanceQuota {
    fn emit(&self, w: &mut Writer) {
        w.object(|w| {
            w.opt("InstanceType", &self.instance_type);
            w.opt("Limit", &self.limit);
            w.opt("InUse", &self.in_use);
        });
    }
}

impl Emit for MetricAlarm {
    fn emit(&self, w: &mut Writer) {
        w.object(|w| {
            w.opt("AlarmName", &self.alarm_name);
            w.opt("Namespace", &self.namespace);
            w.opt("MetricName", &self.metric_name);
            if !self.dimensions.is_empty() {
                w.member("Dimensions", &self.dimensions);
            }
            w.opt("Statistic", &self.statistic);
            w.opt("ExtendedStatistic", &self.extended_statistic);
            w.opt("Period", &self.period);
            w.opt("EvaluationPeriods", &self.evaluation_periods);
            w.opt("DatapointsToAlarm", &self.datapoints_to_alarm);
            w.opt("Threshold", &self.threshold);
            w.opt("ComparisonOperator", &self.comparison_operator);
            w.opt("TreatMissingData", &self.treat_missing_data);
            w.opt("Unit", &self.unit);
            if !self.metrics.is_empty() {
                w.member("Metrics", &self.metrics);
            }
        });
    }
}

impl Emit for Dimension {
    fn emit(&self, w: &mut Writer) {
        w.object(|w| {
            w.member("Name", &self.name);
            w.member("Value", &self.value);
        });
    }
}

impl Emit for MetricDataQuery {
    fn emit(&self, w: &mut Writer) {
        w.object(|w| {
            w.member("Id", &self.id);
            w.opt("Expression", &self.expression);
            w.opt("MetricStat", &self.metric_stat);
            w.opt("Label", &self.label);
            w.opt("ReturnData", &self.return_data);
            w.opt("Period", &self.period);
        });
    }
}

impl Emit for MetricStat {
    fn emit(&self, w: &mut Writer) {
        w.object(|w| {
            w.member("Metric", &self.metric);
            w.opt("Period", &self.period);
            w.opt("Stat", &self.stat);
            w.opt("Unit", &self.unit);
        });
    }
}

impl Emit for Metric {
    fn emit(&self, w: &mut Writer) {
        w.object(|w| {
            w.opt("Namespace", &self.namespace);
            w.opt("MetricName", &self.metric_name);
            if !self.dimensions.is_empty() {
                w.member("Dimensions", &self.dimensions);
            }
        });
    }
}
