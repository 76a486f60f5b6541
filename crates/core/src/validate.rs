//! Validation of a design against VALIDATION.md: the service model's rules (R1..R9) and the
//! documented rules outside it (S1..S14). Each finding names its field by a botocore-style
//! path, carries the message AWS would give and explains the problem with the design's numbers.
//!
//! Runs on every keystroke, so it walks the document once, and never panics: every number
//! from the form is treated as untrusted (checked or saturating arithmetic only).

use std::collections::HashSet;

use super::fleet::{fleets, size_in_instances, size_share_percent, VariantFleet};
use super::limits::{self, IntRange, StringShape};
use super::model::{
    CapacitySize, CapacitySizeType, DesignDocument, ProductionVariant, RollingUpdatePolicy,
    TrafficRoutingConfig, TrafficRoutingConfigType, VariantPropertyType,
};

/// How bad a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    /// The service (or botocore) rejects the request.
    Error,
    /// Accepted, but probably not what the author meant.
    Warning,
}

impl Severity {
    /// `error` or `warning`, as the page's `data-severity` spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// One problem in a design.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    /// botocore-style path, e.g. `DeploymentConfig.AutoRollbackConfiguration.Alarms[2].AlarmName`,
    /// or `Endpoint.NewVariants[0].InitialInstanceCount` for the endpoint context.
    pub path: String,
    pub severity: Severity,
    /// Rule id of VALIDATION.md, e.g. `R4` or `S2`.
    pub rule: &'static str,
    /// The message AWS (service or botocore) would give.
    pub aws_message: String,
    /// A plain explanation with this design's numbers in it.
    pub explanation: String,
}

/// The start of a single service-side validation error, as the service words it.
const SERVICE_PREFIX: &str = "1 validation error detected: ";
/// The start of a botocore (client-side) validation error.
const BOTOCORE_PREFIX: &str = "Parameter validation failed:\n";

/// Every finding of a design, in a stable order: the request's fields in form order (the
/// boto3 reference page's order), then the endpoint context. Each finding appears once.
pub fn validate(doc: &DesignDocument) -> Vec<Finding> {
    let mut v = Validator {
        doc,
        fleets: fleets(doc),
        out: Vec::new(),
    };
    v.request();
    v.endpoint();
    v.out.extend(super::alarms::check(doc));
    v.out.extend(super::capacity::check_findings(doc));
    let mut out = placeholder_findings(doc);
    // A placeholder's own finding says what is missing there; anything else at the same
    // path ("required", a bound) would be about the absence the placeholder already names.
    v.out
        .retain(|f| !doc.placeholders.iter().any(|p| p.path == f.path));
    out.append(&mut v.out);
    out
}

/// The first of the service's own errors (rules R* and S*), with how many there are: with
/// one, AWS refuses the call and nothing changes (CONTRACT.md's outcome `rejected`). A
/// placeholder (P1) makes a design incomplete, not refused; a quota (C1) is `failed-capacity`.
pub fn refusal(findings: &[Finding]) -> Option<(&Finding, usize)> {
    let mut errors = findings
        .iter()
        .filter(|f| f.severity == Severity::Error && (f.rule.starts_with('R') || f.rule.starts_with('S')));
    let first = errors.next()?;
    Some((first, 1 + errors.count()))
}

/// One error per value the imported text did not give (rule P1): the design cannot be
/// deployed until the user types each value.
fn placeholder_findings(doc: &DesignDocument) -> Vec<Finding> {
    doc.placeholders
        .iter()
        .map(|p| Finding {
            path: p.path.clone(),
            severity: Severity::Error,
            rule: "P1",
            aws_message: format!("{} is a placeholder, not a value: {}", p.path, p.expression),
            explanation: format!(
                "The imported text gives {} as {}, which only has a value when that code runs. Type the value here.",
                p.path, p.expression
            ),
        })
        .collect()
}

/// The service's combined message for the service-side errors among `findings`
/// (`N validation errors detected: ...; ...`), or `None` when there are none. Errors that
/// botocore catches before sending (missing members, values under a minimum) are not part
/// of it: see [`botocore_error_summary`].
pub fn aws_error_summary(findings: &[Finding]) -> Option<String> {
    let parts: Vec<&str> = findings
        .iter()
        .filter_map(|f| f.aws_message.strip_prefix(SERVICE_PREFIX))
        .collect();
    match parts.len() {
        0 => None,
        1 => Some(format!("{SERVICE_PREFIX}{}", parts[0])),
        n => Some(format!(
            "{n} validation errors detected: {}",
            parts.join("; ")
        )),
    }
}

/// botocore's combined message for the errors it catches before sending the request
/// (`Parameter validation failed:` and one line per error), or `None` when there are none.
pub fn botocore_error_summary(findings: &[Finding]) -> Option<String> {
    let lines: Vec<&str> = findings
        .iter()
        .filter_map(|f| f.aws_message.strip_prefix(BOTOCORE_PREFIX))
        .collect();
    if lines.is_empty() {
        None
    } else {
        Some(format!("{BOTOCORE_PREFIX}{}", lines.join("\n")))
    }
}

/// The service's camelCase form of a botocore-style path: `Alarms[2].AlarmName` becomes
/// `alarms.3.member.alarmName`. Endpoint-context paths become the `ProductionVariants` of
/// the `CreateEndpointConfig` call that would carry them.
pub fn service_path(path: &str) -> String {
    let path = api_owned(path);
    let mut out = String::with_capacity(path.len() + 16);
    for (i, seg) in path.split('.').enumerate() {
        if i > 0 {
            out.push('.');
        }
        let (name, index) = match seg.split_once('[') {
            Some((name, rest)) => (name, rest.trim_end_matches(']').parse::<usize>().ok()),
            None => (seg, None),
        };
        let mut chars = name.chars();
        if let Some(first) = chars.next() {
            out.push(first.to_ascii_lowercase());
            out.push_str(chars.as_str());
        }
        if let Some(ix) = index {
            out.push_str(&format!(".{}.member", ix.saturating_add(1)));
        }
    }
    out
}

/// A typed value as a message quotes it: whole when short, else its start and its length,
/// so that a pasted megabyte does not end up in every message (and in the page) again.
fn clip(s: &str) -> String {
    const SHOWN: usize = 60;
    match s.char_indices().nth(SHOWN) {
        None => s.to_string(),
        Some((end, _)) => format!("{}… ({} characters)", &s[..end], s.chars().count()),
    }
}

/// `Value '3601' at 'a.b' failed to satisfy constraint: ...`, as one service error.
fn service_error(value: &str, path: &str, constraint: &str) -> String {
    format!(
        "{SERVICE_PREFIX}Value '{}' at '{}' failed to satisfy constraint: {constraint}",
        clip(value),
        service_path(path)
    )
}

/// botocore's name for the structure holding `path`'s last member (`input` at the top).
fn botocore_parent(path: &str) -> String {
    let api = api_owned(path);
    match api.rfind('.') {
        Some(i) => api[..i].to_string(),
        None => "input".to_string(),
    }
}

/// The path as the API call that carries the value names it: endpoint-context variants
/// belong to a `CreateEndpointConfig` call's `ProductionVariants`.
fn api_owned(path: &str) -> String {
    match path
        .strip_prefix("Endpoint.NewVariants")
        .or_else(|| path.strip_prefix("Endpoint.CurrentVariants"))
    {
        Some(rest) => format!("ProductionVariants{rest}"),
        None => path.to_string(),
    }
}

fn last_segment(path: &str) -> &str {
    path.rsplit('.').next().unwrap_or(path)
}

fn botocore_missing(path: &str) -> String {
    format!(
        "{BOTOCORE_PREFIX}Missing required parameter in {}: \"{}\"",
        botocore_parent(path),
        last_segment(path)
    )
}

fn botocore_min_value(path: &str, value: &str, min: &str) -> String {
    format!(
        "{BOTOCORE_PREFIX}Invalid value for parameter {}, value: {value}, valid min value: {min}",
        api_owned(path)
    )
}

fn botocore_min_length(path: &str, len: usize, min: usize) -> String {
    format!(
        "{BOTOCORE_PREFIX}Invalid length for parameter {}, value: {len}, valid min length: {min}",
        api_owned(path)
    )
}

fn serialization_error(operation: &str) -> String {
    format!("An error occurred (SerializationException) when calling the {operation} operation")
}

/// `60`, `33.3`: a percentage without noise.
fn pct(p: f64) -> String {
    if (p - p.round()).abs() < 1e-9 {
        format!("{p:.0}")
    } else {
        format!("{p:.1}")
    }
}

use super::format::plural;

/// `3600 s (1h)`, `900 s (15m)`, `45 s`: the page's one humane form of durations.
fn secs(s: i64) -> String {
    if s.abs() < 60 {
        format!("{s} s")
    } else {
        format!("{s} s ({})", super::format::humane_duration(s))
    }
}

/// What a range is about, for explanations.
#[derive(Clone, Copy)]
enum Unit {
    Seconds,
    Plain(&'static str),
}

impl Unit {
    fn show(self, v: i64) -> String {
        match self {
            Unit::Seconds => secs(v),
            Unit::Plain("") => v.to_string(),
            Unit::Plain(word) => plural(v, word),
        }
    }
}

/// Which limit a capacity share is held to (S2, S3, S4).
struct ShareRule {
    rule: &'static str,
    /// What the size is called in explanations ("a canary", "a linear step").
    what: &'static str,
    member: &'static str,
    min_percent: i64,
    max_percent: i64,
}

const CANARY_RULE: ShareRule = ShareRule {
    rule: "S2",
    what: "a canary",
    member: "CanarySize",
    min_percent: 0,
    max_percent: 50,
};
const LINEAR_RULE: ShareRule = ShareRule {
    rule: "S3",
    what: "a linear step",
    member: "LinearStepSize",
    min_percent: 10,
    max_percent: 50,
};
const ROLLING_RULE: ShareRule = ShareRule {
    rule: "S4",
    what: "a rolling batch",
    member: "MaximumBatchSize",
    min_percent: 5,
    max_percent: 50,
};

/// How to check one integer member.
struct Num<'s> {
    range: &'s IntRange,
    rule: &'static str,
    /// Why the member is needed, when the model requires it.
    required: Option<&'s str>,
    /// What the value is, for explanations ("The termination wait").
    what: &'s str,
    unit: Unit,
}

struct Validator<'a> {
    doc: &'a DesignDocument,
    fleets: Vec<VariantFleet>,
    out: Vec<Finding>,
}

impl Validator<'_> {
    fn push(
        &mut self,
        path: &str,
        severity: Severity,
        rule: &'static str,
        aws_message: String,
        explanation: String,
    ) {
        self.out.push(Finding {
            path: path.to_string(),
            severity,
            rule,
            aws_message,
            explanation,
        });
    }

    fn error(&mut self, path: &str, rule: &'static str, aws_message: String, explanation: String) {
        self.push(path, Severity::Error, rule, aws_message, explanation);
    }

    fn warning(
        &mut self,
        path: &str,
        rule: &'static str,
        aws_message: String,
        explanation: String,
    ) {
        self.push(path, Severity::Warning, rule, aws_message, explanation);
    }

    fn missing(&mut self, path: &str, rule: &'static str, why: &str) {
        let member = last_segment(path);
        let explanation = format!("{member} is missing, and it is required: {why}");
        self.error(path, rule, botocore_missing(path), explanation);
    }

    /// An integer member: absent (an error when `required` is given), outside the 32-bit
    /// range (R8), under the minimum (botocore catches it) or over the maximum (the service
    /// does). Returns the value when it passed every check.
    fn int(&mut self, path: &str, value: Option<i64>, num: Num) -> Option<i64> {
        let Num {
            range,
            rule,
            required,
            what,
            unit,
        } = num;
        let Some(v) = value else {
            if let Some(why) = required {
                self.missing(path, rule, why);
            }
            return None;
        };
        let operation = if path.starts_with("Endpoint.") {
            "CreateEndpointConfig"
        } else {
            "UpdateEndpoint"
        };
        if !(limits::INT32_MIN..=limits::INT32_MAX).contains(&v) {
            let explanation = format!(
                "{what} is {v}, which does not fit the API's 32-bit integers ({} to {}); the request cannot be sent.",
                limits::INT32_MIN,
                limits::INT32_MAX
            );
            self.error(path, "R8", serialization_error(operation), explanation);
            return None;
        }
        if let Some(min) = range.min.filter(|min| v < *min) {
            let explanation = format!(
                "{what} is {}; the smallest allowed is {}.",
                unit.show(v),
                unit.show(min)
            );
            self.error(
                path,
                rule,
                botocore_min_value(path, &v.to_string(), &min.to_string()),
                explanation,
            );
            return None;
        }
        if let Some(max) = range.max.filter(|max| v > *max) {
            let explanation = format!(
                "{what} is {}; the largest allowed is {}.",
                unit.show(v),
                unit.show(max)
            );
            let msg = service_error(
                &v.to_string(),
                path,
                &format!("Member must have value less than or equal to {max}"),
            );
            self.error(path, rule, msg, explanation);
            return None;
        }
        Some(v)
    }

    /// An endpoint, endpoint-config or variant name (R1, R9).
    fn name(
        &mut self,
        path: &str,
        value: Option<&str>,
        shape: &StringShape,
        rule: &'static str,
        what: &str,
    ) {
        let Some(s) = value else {
            self.missing(
                path,
                rule,
                &format!("give {} (letters, digits and hyphens).", lower_first(what)),
            );
            return;
        };
        let len = s.chars().count();
        if len > shape.max {
            let explanation = format!(
                "{what} '{}' is {len} characters long; at most {} are allowed.",
                clip(s),
                shape.max
            );
            let msg = service_error(
                s,
                path,
                &format!(
                    "Member must have length less than or equal to {}",
                    shape.max
                ),
            );
            self.error(path, rule, msg, explanation);
            return;
        }
        if !limits::is_valid_name(s) {
            let why = if s.is_empty() {
                "it is empty".to_string()
            } else if s.starts_with('-') {
                "it starts with a hyphen".to_string()
            } else if s.ends_with('-') {
                "it ends with a hyphen".to_string()
            } else {
                match s
                    .chars()
                    .find(|c| !(c.is_ascii_alphanumeric() || *c == '-'))
                {
                    Some(c) => format!("it contains {c:?}"),
                    None => "it does not follow the pattern".to_string(),
                }
            };
            let explanation = format!(
                "{what} '{}' is not allowed: {why}. Use letters, digits and hyphens only, starting and ending with a letter or digit."
                , clip(s)
            );
            let msg = service_error(
                s,
                path,
                &format!(
                    "Member must satisfy regular expression pattern: {}",
                    shape.pattern
                ),
            );
            self.error(path, rule, msg, explanation);
        }
    }

    fn request(&mut self) {
        let r = &self.doc.request;
        self.name(
            "EndpointName",
            r.endpoint_name.as_deref(),
            &limits::ENDPOINT_NAME,
            "R1",
            "The endpoint name",
        );
        self.name(
            "EndpointConfigName",
            r.endpoint_config_name.as_deref(),
            &limits::ENDPOINT_CONFIG_NAME,
            "R1",
            "The new endpoint config's name",
        );
        self.excluded_properties();
        self.deployment_config();
        if r.retain_deployment_config == Some(true) && r.deployment_config.is_some() {
            self.warning(
                "RetainDeploymentConfig",
                "S13",
                "RetainDeploymentConfig reuses the last deployment configuration; the documentation does not say what happens when a new one is given too.".into(),
                "RetainDeploymentConfig is true and this request also sets a DeploymentConfig. AWS does not document which of the two applies; set only one of them.".into(),
            );
        }
    }

    fn excluded_properties(&mut self) {
        let r = &self.doc.request;
        let Some(list) = &r.exclude_retained_variant_properties else {
            return;
        };
        let base = "ExcludeRetainedVariantProperties";
        let max = limits::VARIANT_PROPERTY_LIST.max;
        if list.len() > max {
            let value: Vec<&str> = list
                .iter()
                .map(|p| {
                    p.variant_property_type
                        .as_ref()
                        .map_or("null", |t| t.wire())
                })
                .collect();
            let msg = service_error(
                &format!("[{}]", value.join(", ")),
                base,
                &format!("Member must have length less than or equal to {max}"),
            );
            let explanation = format!(
                "The list has {} entries; at most {max} are allowed (one per property type).",
                list.len()
            );
            self.error(base, "R2", msg, explanation);
        }
        if !list.is_empty() && r.retain_all_variant_properties != Some(true) {
            self.warning(
                base,
                "S11",
                "ExcludeRetainedVariantProperties applies only when RetainAllVariantProperties is true.".into(),
                format!(
                    "RetainAllVariantProperties is {}, so nothing is retained and the {} listed here change nothing: the new config's values apply anyway.",
                    match r.retain_all_variant_properties {
                        Some(b) => b.to_string(),
                        None => "not set (false)".to_string(),
                    },
                    plural(list.len() as i64, "exclusion")
                ),
            );
        }
        let mut seen: Vec<&VariantPropertyType> = Vec::new();
        for (i, p) in list.iter().enumerate() {
            let path = format!("{base}[{i}].VariantPropertyType");
            let Some(t) = &p.variant_property_type else {
                self.missing(&path, "R2", "every entry names a property type.");
                continue;
            };
            if !t.is_known() {
                let msg = service_error(
                    t.wire(),
                    &path,
                    &format!(
                        "Member must satisfy enum value set: [{}]",
                        VariantPropertyType::WIRE.join(", ")
                    ),
                );
                let explanation = format!(
                    "'{}' is not a variant property type; use one of {}.",
                    clip(t.wire()),
                    VariantPropertyType::WIRE.join(", ")
                );
                self.error(&path, "R2", msg, explanation);
                continue;
            }
            if seen.contains(&t) {
                self.warning(
                    &path,
                    "S11",
                    format!("{} is listed more than once.", t.wire()),
                    format!(
                        "{} is already listed earlier; listing it again has no further effect.",
                        t.wire()
                    ),
                );
                continue;
            }
            seen.push(t);
            if *t == VariantPropertyType::DataCaptureConfig {
                self.warning(
                    &path,
                    "S9",
                    "VariantPropertyType DataCaptureConfig: not currently supported.".into(),
                    "AWS documents DataCaptureConfig as not currently supported, so excluding it does not make the new config's data capture settings apply.".into(),
                );
            }
        }
    }

    fn deployment_config(&mut self) {
        let Some(dc) = &self.doc.request.deployment_config else {
            return;
        };
        if dc.blue_green_update_policy.is_some() && dc.rolling_update_policy.is_some() {
            self.error(
                "DeploymentConfig",
                "S1",
                "ValidationException: Only one update policy should be used in the deployment configuration.".into(),
                "Both a BlueGreenUpdatePolicy and a RollingUpdatePolicy are set. A deployment uses one strategy: remove one of them.".into(),
            );
        }
        if let Some(bg) = &dc.blue_green_update_policy {
            let base = "DeploymentConfig.BlueGreenUpdatePolicy";
            let mut routing: Option<(
                &TrafficRoutingConfigType,
                Option<i64>,
                &TrafficRoutingConfig,
            )> = None;
            match &bg.traffic_routing_configuration {
                None => self.missing(
                    &format!("{base}.TrafficRoutingConfiguration"),
                    "R3",
                    "a blue/green policy says how traffic moves to the new fleet (ALL_AT_ONCE, CANARY or LINEAR).",
                ),
                Some(t) => {
                    let (ty, w) = self.traffic_routing(&format!("{base}.TrafficRoutingConfiguration"), t);
                    if let Some(ty) = ty {
                        routing = Some((ty, w, t));
                    }
                }
            }
            let t = self.int(
                &format!("{base}.TerminationWaitInSeconds"),
                bg.termination_wait_in_seconds,
                Num {
                    range: &limits::TERMINATION_WAIT_IN_SECONDS,
                    rule: "R3",
                    required: None,
                    what: "The termination wait",
                    unit: Unit::Seconds,
                },
            );
            let m_path = format!("{base}.MaximumExecutionTimeoutInSeconds");
            let m = self.int(
                &m_path,
                bg.maximum_execution_timeout_in_seconds,
                Num {
                    range: &limits::MAXIMUM_EXECUTION_TIMEOUT_IN_SECONDS,
                    rule: "R3",
                    required: None,
                    what: "The maximum execution timeout",
                    unit: Unit::Seconds,
                },
            );
            if let Some(m) = m {
                let (ty, w, tr) = match routing {
                    Some((ty, w, tr)) => (Some(ty), w.unwrap_or(0), Some(tr)),
                    None => (None, 0, None),
                };
                self.timeout_blue_green(&m_path, m, ty, w, t.unwrap_or(0), tr);
            }
        }
        if let Some(rp) = &dc.rolling_update_policy {
            self.rolling(rp);
        }
        if let Some(ar) = &dc.auto_rollback_configuration {
            self.alarms(ar.alarms.as_deref());
        }
    }

    /// Checks a traffic routing configuration; returns its known type and valid wait.
    fn traffic_routing<'t>(
        &mut self,
        base: &str,
        t: &'t TrafficRoutingConfig,
    ) -> (Option<&'t TrafficRoutingConfigType>, Option<i64>) {
        let type_path = format!("{base}.Type");
        let ty = match &t.type_ {
            None => {
                self.missing(&type_path, "R4", "choose ALL_AT_ONCE, CANARY or LINEAR.");
                None
            }
            Some(ty) if !ty.is_known() => {
                let msg = service_error(
                    ty.wire(),
                    &type_path,
                    &format!(
                        "Member must satisfy enum value set: [{}]",
                        TrafficRoutingConfigType::WIRE.join(", ")
                    ),
                );
                let explanation = format!(
                    "'{}' is not a traffic routing type; use ALL_AT_ONCE, CANARY or LINEAR.",
                    clip(ty.wire())
                );
                self.error(&type_path, "R4", msg, explanation);
                None
            }
            Some(ty) => Some(ty),
        };
        let w = self.int(
            &format!("{base}.WaitIntervalInSeconds"),
            t.wait_interval_in_seconds,
            Num {
                range: &limits::WAIT_INTERVAL_IN_SECONDS,
                rule: "R4",
                required: Some("it is the baking period after each traffic step (0 for none)."),
                what: "The baking period (WaitIntervalInSeconds)",
                unit: Unit::Seconds,
            },
        );
        let canary_path = format!("{base}.CanarySize");
        let linear_path = format!("{base}.LinearStepSize");
        let canary_ok = t
            .canary_size
            .as_ref()
            .is_some_and(|s| self.size(&canary_path, s));
        let linear_ok = t
            .linear_step_size
            .as_ref()
            .is_some_and(|s| self.size(&linear_path, s));
        match ty {
            Some(TrafficRoutingConfigType::Canary) => {
                match &t.canary_size {
                    None => self.error(
                        &canary_path,
                        "S2",
                        "ValidationException: CanarySize is required when the traffic routing type is CANARY.".into(),
                        "A CANARY deployment first sends a small share of traffic to the new fleet; CanarySize says how much. Set it.".into(),
                    ),
                    Some(s) if canary_ok => self.share(&canary_path, s, &CANARY_RULE),
                    Some(_) => {}
                }
                if t.linear_step_size.is_some() {
                    self.ignored_size(&linear_path, "LinearStepSize", "CANARY");
                }
            }
            Some(TrafficRoutingConfigType::Linear) => {
                if t.canary_size.is_some() {
                    self.ignored_size(&canary_path, "CanarySize", "LINEAR");
                }
                match &t.linear_step_size {
                    None => self.error(
                        &linear_path,
                        "S3",
                        "ValidationException: LinearStepSize is required when the traffic routing type is LINEAR.".into(),
                        "A LINEAR deployment moves traffic in equal steps; LinearStepSize says how big each step is. Set it.".into(),
                    ),
                    Some(s) if linear_ok => self.share(&linear_path, s, &LINEAR_RULE),
                    Some(_) => {}
                }
            }
            Some(TrafficRoutingConfigType::AllAtOnce) => {
                if t.canary_size.is_some() {
                    self.ignored_size(&canary_path, "CanarySize", "ALL_AT_ONCE");
                }
                if t.linear_step_size.is_some() {
                    self.ignored_size(&linear_path, "LinearStepSize", "ALL_AT_ONCE");
                }
            }
            _ => {}
        }
        (ty, w)
    }

    fn ignored_size(&mut self, path: &str, member: &str, ty: &str) {
        self.warning(
            path,
            "S10",
            format!("{member} is used only by another traffic routing type; with {ty} it has no effect."),
            format!("The traffic routing type is {ty}, which does not read {member}; remove it or change the type."),
        );
    }

    /// R5 for one capacity size; true when it is complete and valid.
    fn size(&mut self, base: &str, s: &CapacitySize) -> bool {
        let type_path = format!("{base}.Type");
        let mut ok = true;
        match &s.type_ {
            None => {
                self.missing(&type_path, "R5", "say whether the value counts instances (INSTANCE_COUNT) or a percentage (CAPACITY_PERCENT).");
                ok = false;
            }
            Some(t) if !t.is_known() => {
                let msg = service_error(
                    t.wire(),
                    &type_path,
                    &format!(
                        "Member must satisfy enum value set: [{}]",
                        CapacitySizeType::WIRE.join(", ")
                    ),
                );
                let explanation = format!(
                    "'{}' is not a capacity size type; use INSTANCE_COUNT or CAPACITY_PERCENT.",
                    clip(t.wire())
                );
                self.error(&type_path, "R5", msg, explanation);
                ok = false;
            }
            Some(_) => {}
        }
        let v = self.int(
            &format!("{base}.Value"),
            s.value,
            Num {
                range: &limits::CAPACITY_SIZE_VALUE,
                rule: "R5",
                required: Some("a size needs a number of instances or a percentage, at least 1."),
                what: "The size's value",
                unit: Unit::Plain(""),
            },
        );
        ok && v.is_some()
    }

    /// The variants a share rule applies to: instance-based, with instances.
    fn sized_fleets(&self) -> impl Iterator<Item = &VariantFleet> {
        self.fleets
            .iter()
            .filter(|f| !f.serverless && f.new_instances > 0)
    }

    fn fleet_label(&self, f: &VariantFleet) -> String {
        if self.fleets.len() > 1 {
            let name = if f.name.is_empty() {
                format!("#{}", f.index + 1)
            } else {
                format!("'{}'", clip(&f.name))
            };
            format!("In variant {name}, ")
        } else {
            String::new()
        }
    }

    /// S2, S3, S4: a size's share of each variant's fleet.
    fn share(&mut self, path: &str, s: &CapacitySize, rule: &ShareRule) {
        let mut problems = Vec::new();
        for f in self.sized_fleets() {
            let n = f.new_instances;
            let Some(share) = size_share_percent(s, n) else {
                continue;
            };
            let too_big = share > rule.max_percent as f64;
            let too_small = share < rule.min_percent as f64;
            if !(too_big || too_small) {
                continue;
            }
            let size_text = match (&s.type_, s.value) {
                (Some(CapacitySizeType::InstanceCount), Some(v)) => {
                    format!(
                        "{} of {} is {}% of the {n}-instance fleet",
                        rule.what,
                        plural(v, "instance"),
                        pct(share)
                    )
                }
                _ => {
                    let inst = size_in_instances(s, n).unwrap_or(0);
                    format!(
                        "{} of {}% ({} of the {n}-instance fleet)",
                        rule.what,
                        pct(share),
                        plural(inst, "instance")
                    )
                }
            };
            let limit = if too_big {
                // Largest whole number of instances within the maximum share.
                let most = (i128::from(n) * i128::from(rule.max_percent) / 100) as i64;
                if most >= 1 {
                    format!(
                        "at most {}% ({}) is allowed",
                        rule.max_percent,
                        plural(most, "instance")
                    )
                } else {
                    format!(
                        "at most {}% is allowed, less than one instance of this fleet (a CAPACITY_PERCENT size can still express it)",
                        rule.max_percent
                    )
                }
            } else {
                let fewest = ((i128::from(n) * i128::from(rule.min_percent) + 99) / 100) as i64;
                format!(
                    "at least {}% ({}) is needed",
                    rule.min_percent,
                    plural(fewest.max(1), "instance")
                )
            };
            let label = self.fleet_label(f);
            let sentence = format!("{label}{size_text}; {limit}");
            problems.push(capitalise(&sentence));
        }
        if problems.is_empty() {
            return;
        }
        let range = if rule.min_percent > 0 {
            format!("between {}% and {}%", rule.min_percent, rule.max_percent)
        } else {
            format!("at most {}%", rule.max_percent)
        };
        let msg = format!(
            "ValidationException: {} must be {range} of the variant's total instance count.",
            rule.member
        );
        self.error(path, rule.rule, msg, format!("{}.", problems.join(". ")));
    }

    /// Traffic steps and the fleet they are counted for: the variant with the longest plan.
    fn blue_green_steps(
        &self,
        ty: Option<&TrafficRoutingConfigType>,
        tr: Option<&TrafficRoutingConfig>,
    ) -> i64 {
        match ty {
            Some(TrafficRoutingConfigType::Canary) => 2,
            Some(TrafficRoutingConfigType::Linear) => {
                let step = tr.and_then(|t| t.linear_step_size.as_ref());
                self.sized_fleets()
                    .map(|f| {
                        batches(
                            f.new_instances,
                            step.and_then(|s| size_in_instances(s, f.new_instances)),
                        )
                    })
                    .max()
                    .unwrap_or(1)
            }
            _ => 1,
        }
    }

    /// S5 for a blue/green policy.
    fn timeout_blue_green(
        &mut self,
        path: &str,
        m: i64,
        ty: Option<&TrafficRoutingConfigType>,
        w: i64,
        t: i64,
        tr: Option<&TrafficRoutingConfig>,
    ) {
        let steps = self.blue_green_steps(ty, tr);
        let p = self.doc.simulation.provisioning_seconds.max(0);
        let waits = steps.saturating_mul(w).saturating_add(t);
        let total = p.saturating_add(waits);
        let breakdown = format!(
            "{} × {} of baking + {} of termination wait",
            plural(steps, "traffic step"),
            secs(w),
            secs(t)
        );
        let provisioning = format!("{} of provisioning once", secs(p));
        self.timeout(path, m, waits, total, &breakdown, &provisioning);
    }

    fn timeout(
        &mut self,
        path: &str,
        m: i64,
        waits: i64,
        total: i64,
        breakdown: &str,
        provisioning: &str,
    ) {
        let msg = "MaximumExecutionTimeoutInSeconds should be larger than the total waiting time (WaitIntervalInSeconds and TerminationWaitInSeconds); otherwise the deployment times out and rolls back.".to_string();
        if m <= waits {
            let explanation = format!(
                "The plan waits {}: {breakdown}. The timeout is only {}, so the deployment times out and rolls back before it finishes. Provisioning adds to this in the simulation ({provisioning}: {} in all).",
                secs(waits),
                secs(m),
                secs(total)
            );
            self.warning(path, "S5", msg, explanation);
        } else if total > m {
            let explanation = format!(
                "The waits ({}: {breakdown}) fit in the {} timeout, but provisioning adds to them in the simulation ({provisioning}): the plan takes {} and times out.",
                secs(waits),
                secs(m),
                secs(total)
            );
            self.warning(path, "S5", msg, explanation);
        }
    }

    fn rolling(&mut self, rp: &RollingUpdatePolicy) {
        let base = "DeploymentConfig.RollingUpdatePolicy";
        let nv = &self.doc.endpoint.new_variants;
        let serverless = nv
            .iter()
            .chain(&self.doc.endpoint.current_variants)
            .find(|v| v.is_serverless());
        if serverless.is_some() || nv.len() > 1 {
            let why = match serverless {
                Some(v) => format!(
                    "variant '{}' is serverless",
                    v.variant_name.as_deref().unwrap_or("(unnamed)")
                ),
                None => format!("the new config has {} variants", nv.len()),
            };
            self.error(
                base,
                "S7",
                "ValidationException: Rolling deployments are not supported for endpoints with serverless or multiple variants.".into(),
                format!("A rolling update needs a single instance-based variant, but {why}. Use a blue/green policy instead."),
            );
        }
        let batch_path = format!("{base}.MaximumBatchSize");
        let mut batch_ok = false;
        match &rp.maximum_batch_size {
            None => self.missing(
                &batch_path,
                "R6",
                "it says how many instances each rolling step replaces.",
            ),
            Some(s) => {
                batch_ok = self.size(&batch_path, s);
                if batch_ok {
                    self.share(&batch_path, s, &ROLLING_RULE);
                }
            }
        }
        let w = self.int(
            &format!("{base}.WaitIntervalInSeconds"),
            rp.wait_interval_in_seconds,
            Num {
                range: &limits::WAIT_INTERVAL_IN_SECONDS,
                rule: "R6",
                required: Some("it is the baking period after each batch (0 for none)."),
                what: "The baking period (WaitIntervalInSeconds)",
                unit: Unit::Seconds,
            },
        );
        let m_path = format!("{base}.MaximumExecutionTimeoutInSeconds");
        let m = self.int(
            &m_path,
            rp.maximum_execution_timeout_in_seconds,
            Num {
                range: &limits::MAXIMUM_EXECUTION_TIMEOUT_IN_SECONDS,
                rule: "R6",
                required: None,
                what: "The maximum execution timeout",
                unit: Unit::Seconds,
            },
        );
        if let Some(m) = m {
            let batch = rp.maximum_batch_size.as_ref().filter(|_| batch_ok);
            let w = w.unwrap_or(0);
            let p = self.doc.simulation.provisioning_seconds.max(0);
            let n_batches = self
                .sized_fleets()
                .map(|f| {
                    batches(
                        f.new_instances,
                        batch.and_then(|s| size_in_instances(s, f.new_instances)),
                    )
                })
                .max()
                .unwrap_or(1);
            let waits = n_batches.saturating_mul(w);
            let total = n_batches.saturating_mul(p.saturating_add(w));
            let breakdown = format!("{} × {} of baking", plural(n_batches, "batch"), secs(w));
            let provisioning = format!("{} of provisioning per batch", secs(p));
            self.timeout(&m_path, m, waits, total, &breakdown, &provisioning);
        }
        if let Some(s) = &rp.rollback_maximum_batch_size {
            let path = format!("{base}.RollbackMaximumBatchSize");
            if self.size(&path, s) {
                self.rollback_size(&path, s);
            }
        }
    }

    /// S14: a rollback batch of the whole fleet or more.
    fn rollback_size(&mut self, path: &str, s: &CapacitySize) {
        let mut problems = Vec::new();
        for f in self.sized_fleets() {
            let n = f.new_instances;
            let over = match (&s.type_, s.value) {
                (Some(CapacitySizeType::CapacityPercent), Some(v)) if v > 100 => {
                    Some(format!("{v}%"))
                }
                (Some(CapacitySizeType::InstanceCount), Some(v)) if v > n => {
                    Some(format!("{} (the fleet has {n})", plural(v, "instance")))
                }
                _ => None,
            };
            if let Some(over) = over {
                let label = self.fleet_label(f);
                problems.push(capitalise(&format!(
                    "{label}a rollback batch of {over} is more than the whole fleet, so it behaves as 100%: all {} come back at once",
                    plural(n, "old instance")
                )));
            }
        }
        if !problems.is_empty() {
            self.warning(
                path,
                "S14",
                "A rollback batch of 100% or more rolls the whole old fleet back at once.".into(),
                format!("{}.", problems.join(". ")),
            );
        }
    }

    fn alarms(&mut self, alarms: Option<&[crate::model::Alarm]>) {
        let Some(list) = alarms else { return };
        let base = "DeploymentConfig.AutoRollbackConfiguration.Alarms";
        let shape = limits::ALARM_LIST;
        if list.len() < shape.min {
            self.error(
                base,
                "R7",
                botocore_min_length(base, list.len(), shape.min),
                "The alarm list is empty; give at least one alarm, or leave out AutoRollbackConfiguration.".into(),
            );
        } else if list.len() > shape.max {
            let shown: Vec<&str> = list
                .iter()
                .take(3)
                .map(|a| a.alarm_name.as_deref().unwrap_or("null"))
                .collect();
            let msg = service_error(
                &format!(
                    "[{}{}]",
                    shown.join(", "),
                    if list.len() > 3 { ", ..." } else { "" }
                ),
                base,
                &format!(
                    "Member must have length less than or equal to {}",
                    shape.max
                ),
            );
            let explanation = format!(
                "{} are listed; at most {} are allowed. Combine alarms into a composite alarm to watch more.",
                plural(list.len() as i64, "alarm"),
                shape.max
            );
            self.error(base, "R7", msg, explanation);
        }
        let name_shape = limits::ALARM_NAME;
        for (i, a) in list.iter().enumerate() {
            let path = format!("{base}[{i}].AlarmName");
            let Some(name) = a.alarm_name.as_deref() else {
                self.warning(
                    &path,
                    "S12",
                    "AlarmName is optional in the API, but CloudFormation and Terraform require it.".into(),
                    format!("Alarm {} has no name. The API accepts this, but it watches nothing, and CloudFormation and Terraform refuse it.", i + 1),
                );
                continue;
            };
            let len = name.chars().count();
            if len < name_shape.min {
                self.error(
                    &path,
                    "R7",
                    botocore_min_length(&path, len, name_shape.min),
                    format!(
                        "Alarm {} has an empty name; give the CloudWatch alarm's name.",
                        i + 1
                    ),
                );
            } else if len > name_shape.max {
                let msg = service_error(
                    name,
                    &path,
                    &format!(
                        "Member must have length less than or equal to {}",
                        name_shape.max
                    ),
                );
                let explanation = format!(
                    "Alarm {}'s name is {len} characters long; at most {} are allowed.",
                    i + 1,
                    name_shape.max
                );
                self.error(&path, "R7", msg, explanation);
            } else if !limits::is_valid_alarm_name(name) {
                let msg = service_error(
                    name,
                    &path,
                    &format!(
                        "Member must satisfy regular expression pattern: {}",
                        name_shape.pattern
                    ),
                );
                let why = if name.chars().all(char::is_whitespace) {
                    "it is only whitespace"
                } else {
                    "it contains a line break"
                };
                let explanation = format!("Alarm {}'s name is not allowed: {why}. Alarm names are a single, non-blank line.", i + 1);
                self.error(&path, "R7", msg, explanation);
            }
        }
    }

    /// True when the request asks for something the S8 fallback (all at once, no final
    /// bake) would change: traffic steps, batches or a baking period.
    fn guardrails_requested(&self) -> bool {
        let Some(dc) = &self.doc.request.deployment_config else {
            return false;
        };
        if dc.rolling_update_policy.is_some() {
            return true;
        }
        let Some(t) = dc
            .blue_green_update_policy
            .as_ref()
            .and_then(|b| b.traffic_routing_configuration.as_ref())
        else {
            return false;
        };
        matches!(
            t.type_,
            Some(TrafficRoutingConfigType::Canary | TrafficRoutingConfigType::Linear)
        ) || t.wait_interval_in_seconds.is_some_and(|w| w > 0)
    }

    fn endpoint(&mut self) {
        let ep = &self.doc.endpoint;
        let guardrails = self.guardrails_requested();
        let new_names: HashSet<&str> = ep
            .new_variants
            .iter()
            .filter_map(|v| v.variant_name.as_deref())
            .collect();
        let current_names: HashSet<&str> = ep
            .current_variants
            .iter()
            .filter_map(|v| v.variant_name.as_deref())
            .collect();
        for (list_name, list, other_names, is_new) in [
            ("CurrentVariants", &ep.current_variants, &new_names, false),
            ("NewVariants", &ep.new_variants, &current_names, true),
        ] {
            let base = format!("Endpoint.{list_name}");
            let shape = limits::PRODUCTION_VARIANT_LIST;
            let which = if is_new {
                "The new endpoint config"
            } else {
                "The current endpoint config"
            };
            if list.len() < shape.min {
                self.error(
                    &base,
                    "R9",
                    botocore_min_length(&base, list.len(), shape.min),
                    format!("{which} has no variants; an endpoint config has at least one."),
                );
            } else if list.len() > shape.max {
                let msg = service_error(
                    &format!("[{} variants]", list.len()),
                    &base,
                    &format!(
                        "Member must have length less than or equal to {}",
                        shape.max
                    ),
                );
                let explanation = format!(
                    "{which} has {} variants; at most {} are allowed.",
                    list.len(),
                    shape.max
                );
                self.error(&base, "R9", msg, explanation);
            }
            for (i, v) in list.iter().enumerate() {
                let vbase = format!("{base}[{i}]");
                self.variant(&vbase, v, guardrails);
                // S6: only when both sides name variants, so an empty side is R9's finding alone.
                let name = v.variant_name.as_deref();
                if let Some(name) = name.filter(|_| !other_names.is_empty()) {
                    if !other_names.contains(name) {
                        let mut others: Vec<&str> = other_names.iter().copied().collect();
                        others.sort_unstable();
                        let explanation = if is_new {
                            format!(
                                "The new config names a variant '{}', but the current one has only {}. A guarded deployment moves each variant to the variant of the same name, so keep the names.",
                                clip(name),
                                quoted(&others)
                            )
                        } else {
                            format!(
                                "The current variant '{}' is missing from the new config (it has {}). A guarded deployment moves each variant to the variant of the same name, so keep the names.",
                                clip(name),
                                quoted(&others)
                            )
                        };
                        self.error(
                            &format!("{vbase}.VariantName"),
                            "S6",
                            "ValidationException: The new endpoint configuration must keep the variant names of the current one.".into(),
                            explanation,
                        );
                    }
                }
            }
        }
        if ep.uses_marketplace_containers && guardrails {
            self.warning(
                "Endpoint.UsesMarketplaceContainers",
                "S8",
                "Deployment guardrails do not support endpoints with AWS Marketplace containers; the update runs all at once.".into(),
                "This endpoint uses AWS Marketplace containers, so SageMaker ignores the traffic steps and baking periods of this request: all traffic moves at once and there is no final baking period.".into(),
            );
        }
    }

    fn variant(&mut self, base: &str, v: &ProductionVariant, guardrails: bool) {
        self.name(
            &format!("{base}.VariantName"),
            v.variant_name.as_deref(),
            &limits::VARIANT_NAME,
            "R9",
            "The variant name",
        );
        if let Some(sc) = &v.serverless_config {
            let sbase = format!("{base}.ServerlessConfig");
            self.int(
                &format!("{sbase}.MemorySizeInMB"),
                sc.memory_size_in_mb,
                Num { range: &limits::SERVERLESS_MEMORY_SIZE_IN_MB, rule: "R9", required: Some("a serverless variant says how much memory each invocation gets (1024 to 6144 MB)."), what: "The serverless memory size", unit: Unit::Plain("MB") },
            );
            self.int(
                &format!("{sbase}.MaxConcurrency"),
                sc.max_concurrency,
                Num { range: &limits::SERVERLESS_MAX_CONCURRENCY, rule: "R9", required: Some("a serverless variant says how many invocations may run at once (1 to 200)."), what: "The serverless maximum concurrency", unit: Unit::Plain("") },
            );
            self.int(
                &format!("{sbase}.ProvisionedConcurrency"),
                sc.provisioned_concurrency,
                Num {
                    range: &limits::SERVERLESS_PROVISIONED_CONCURRENCY,
                    rule: "R9",
                    required: None,
                    what: "The serverless provisioned concurrency",
                    unit: Unit::Plain(""),
                },
            );
        } else {
            let type_path = format!("{base}.InstanceType");
            match v.instance_type.as_deref() {
                None => self.error(
                    &type_path,
                    "R9",
                    "ValidationException: a production variant needs an InstanceType or a ServerlessConfig.".into(),
                    "This variant has neither an instance type nor a serverless configuration; choose an ml.* instance type.".into(),
                ),
                Some(t) if !limits::is_instance_type(t) => {
                    let msg = service_error(
                        t,
                        &type_path,
                        &format!("Member must satisfy enum value set: [{}]", limits::INSTANCE_TYPES.join(", ")),
                    );
                    let hint = if t.starts_with("ml.") { "" } else { " (SageMaker instance types start with 'ml.')" };
                    self.error(
                        &type_path,
                        "R9",
                        msg,
                        format!("'{t}' is not a SageMaker instance type{hint}; pick one from the list."),
                    );
                }
                Some(t) if guardrails && limits::is_inf1(t) => self.warning(
                    &type_path,
                    "S8",
                    "Deployment guardrails do not support ml.inf1 instances; the update runs all at once.".into(),
                    format!("This variant runs on {t} (AWS Inferentia 1), so SageMaker ignores the traffic steps and baking periods of this request: all traffic moves at once and there is no final baking period."),
                ),
                Some(_) => {}
            }
            self.int(
                &format!("{base}.InitialInstanceCount"),
                v.initial_instance_count,
                Num {
                    range: &limits::INITIAL_TASK_COUNT,
                    rule: "R9",
                    required: Some(
                        "an instance-based variant says how many instances it runs (at least 1).",
                    ),
                    what: "The instance count",
                    unit: Unit::Plain("instance"),
                },
            );
        }
        if let Some(w) = v.initial_variant_weight {
            let path = format!("{base}.InitialVariantWeight");
            if !w.is_finite() {
                self.error(
                    &path,
                    "R8",
                    serialization_error("CreateEndpointConfig"),
                    format!("The variant weight is {w}, which is not a number JSON can carry; use a finite number, 0 or more."),
                );
            } else if w < limits::VARIANT_WEIGHT_MIN {
                self.error(
                    &path,
                    "R9",
                    botocore_min_value(&path, &format!("{w:?}"), "0"),
                    format!("The variant weight is {w}; weights are 0 or more (a share of traffic relative to the other variants)."),
                );
            }
        }
        if let Some(a) = v.accelerator_type.as_deref() {
            let path = format!("{base}.AcceleratorType");
            if !limits::is_accelerator_type(a) {
                let msg = service_error(
                    a,
                    &path,
                    &format!(
                        "Member must satisfy enum value set: [{}]",
                        limits::ACCELERATOR_TYPES.join(", ")
                    ),
                );
                let explanation = format!(
                    "'{a}' is not an Elastic Inference accelerator type; use one of {}.",
                    limits::ACCELERATOR_TYPES.join(", ")
                );
                self.error(&path, "R9", msg, explanation);
            } else if guardrails {
                self.warning(
                    &path,
                    "S8",
                    "Deployment guardrails do not support Elastic Inference accelerators; the update runs all at once.".into(),
                    format!("This variant uses the Elastic Inference accelerator {a}, so SageMaker ignores the traffic steps and baking periods of this request: all traffic moves at once and there is no final baking period."),
                );
            }
        }
    }
}

/// Batches of `b` instances needed to cover `n`: `ceil(n / b)`, at least 1.
fn batches(n: i64, b: Option<i64>) -> i64 {
    match b {
        Some(b) if b > 0 && n > 0 => (n / b).saturating_add(i64::from(n % b != 0)).max(1),
        _ => 1,
    }
}

// The messages these two change begin with the page's own (ASCII) words, and service paths
// are ASCII member names: ASCII case mapping is exact for them, and it keeps Unicode's case
// tables (24 KB of the wasm) out of the page.
fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(first) => std::iter::once(first.to_ascii_uppercase())
            .chain(c)
            .collect(),
        None => String::new(),
    }
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(first) => std::iter::once(first.to_ascii_lowercase())
            .chain(c)
            .collect(),
        None => String::new(),
    }
}

fn quoted(names: &[&str]) -> String {
    let q: Vec<String> = names.iter().map(|n| format!("'{}'", clip(n))).collect();
    q.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn service_paths_are_camel_case_with_one_based_members() {
        assert_eq!(
            service_path("DeploymentConfig.AutoRollbackConfiguration.Alarms[2].AlarmName"),
            "deploymentConfig.autoRollbackConfiguration.alarms.3.member.alarmName"
        );
        assert_eq!(service_path("EndpointName"), "endpointName");
        assert_eq!(
            service_path("Endpoint.NewVariants[0].ServerlessConfig.MemorySizeInMB"),
            "productionVariants.1.member.serverlessConfig.memorySizeInMB"
        );
        assert_eq!(
            service_path("Endpoint.CurrentVariants"),
            "productionVariants"
        );
    }

    #[test]
    fn botocore_names_the_parent_structure() {
        assert_eq!(botocore_parent("EndpointName"), "input");
        assert_eq!(
            botocore_parent("DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration.WaitIntervalInSeconds"),
            "DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration"
        );
        assert_eq!(
            botocore_parent("Endpoint.NewVariants[1].VariantName"),
            "ProductionVariants[1]"
        );
    }

    #[test]
    fn batches_round_up() {
        assert_eq!(batches(10, Some(2)), 5);
        assert_eq!(batches(10, Some(3)), 4);
        assert_eq!(batches(10, Some(20)), 1);
        assert_eq!(batches(0, Some(2)), 1);
        assert_eq!(batches(10, None), 1);
        assert_eq!(batches(i64::MAX, Some(1)), i64::MAX);
    }
}

#[cfg(test)]
mod clip_tests {
    use super::*;
    use crate::examples;

    #[test]
    fn a_pasted_megabyte_is_quoted_by_its_start_and_length() {
        let mut doc = examples::default_design();
        doc.request.endpoint_name = Some("a".repeat(1 << 20));
        let f = validate(&doc)
            .into_iter()
            .find(|f| f.path == "EndpointName")
            .expect("R1 finding");
        assert!(f.explanation.len() < 300, "{}", f.explanation.len());
        assert!(
            f.explanation.contains("(1048576 characters)"),
            "{}",
            f.explanation
        );
        assert!(f.aws_message.len() < 400);
    }
}
