//! The checkov export: a Python custom policy, because checkov's YAML policies compare one
//! attribute with a constant and cannot say "the bake of whichever policy the endpoint uses".
//! Checkov's docs: "Python Custom Policies"
//! (https://www.checkov.io/3.Custom%20Policies/Python%20Custom%20Policies.html): a class
//! deriving `BaseResourceCheck` registers itself when instantiated and implements
//! `scan_resource_conf(conf)`, where `conf` is the resource's HCL with every value in a list
//! (`{"name": ["x"], "deployment_config": [{...}]}`); files are loaded with
//! `--external-checks-dir`.
//!
//! The rules are one Python literal (`RULES`), the team's strings quoted by [`py_string`];
//! the code after it is the same for every rules file and reads `aws_sagemaker_endpoint` as
//! `crates/iac/src/terraform.rs` writes it.

use designer_team::{Bound, Constraint, Rules, Share, StrategyName};

use crate::coverage::Engine;
use crate::pattern::{regex, Dialect};
use crate::{checkov_id, header};

/// `s` as a Python string literal that reads back as exactly `s`.
pub fn py_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() || designer_core::export::is_invisible(c) => {
                out.push_str(&format!("\\U{:08x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn share(s: Share) -> String {
    match s {
        Share::Percent(p) => format!("[\"percent\", {p}]"),
        Share::Count(n) => format!("[\"instances\", {n}]"),
    }
}

fn bound<T: Copy>(b: &Bound<T>, f: impl Fn(T) -> String) -> String {
    let side = |v: Option<T>| v.map_or("None".to_string(), &f);
    format!("\"at_least\": {}, \"at_most\": {}", side(b.at_least), side(b.at_most))
}

fn py_bool(b: bool) -> &'static str {
    if b { "True" } else { "False" }
}

/// One constraint as a Python dict, or `None` for what checkov cannot see (`coverage`).
fn check(c: &Constraint) -> Option<String> {
    let key = py_string(c.key());
    Some(match c {
        Constraint::Strategies(s) => {
            let names: Vec<String> = s.iter().map(|s: &StrategyName| py_string(s.as_str())).collect();
            format!("{{\"key\": {key}, \"allowed\": [{}]}}", names.join(", "))
        }
        Constraint::Canary(b) | Constraint::LinearStep(b) | Constraint::RollingBatch(b) => {
            format!("{{\"key\": {key}, {}}}", bound(b, share))
        }
        Constraint::Bake(b) | Constraint::TerminationWait(b) => {
            format!("{{\"key\": {key}, {}}}", bound(b, |v| v.to_string()))
        }
        Constraint::Timeout { required, .. } => {
            format!("{{\"key\": {key}, \"required\": {}}}", py_bool(*required))
        }
        Constraint::RollbackAlarms { at_least: Some(n), .. } => format!("{{\"key\": {key}, \"at_least\": {n}}}"),
        Constraint::RollbackAlarms { at_least: None, .. }
        | Constraint::Retain { .. }
        | Constraint::InstanceTypes(_)
        | Constraint::PeakInstances(_)
        | Constraint::InstanceHours(_) => return None,
    })
}

pub(crate) fn write(rules: &Rules) -> String {
    let mut out = header(
        Engine::Checkov,
        rules,
        &[
            "A checkov custom policy written by the SageMaker deployment designer from a team's rules",
            "file: one check per rule (CKV_TEAM_<n>, the n-th rule) over aws_sagemaker_endpoint.",
            "Run: checkov -d <terraform dir> --external-checks-dir <the directory of this file>",
            "(that directory needs an empty __init__.py: checkov loads no check from a directory without one).",
            "A rule whose endpoint patterns do not match the resource's literal name gives no result;",
            "a name checkov cannot resolve is checked, as the designer checks a name it does not know.",
            "Sizes are compared with a bound in the same unit (CAPACITY_PERCENT with %, INSTANCE_COUNT",
            "with instances), as they are the same share whatever the fleet's size.",
        ],
    );
    out.push_str("\nimport re\n\n");
    out.push_str("from checkov.common.models.enums import CheckCategories, CheckResult\n");
    out.push_str("from checkov.terraform.checks.resource.base_resource_check import BaseResourceCheck\n\n");
    out.push_str("# The team's rules, as data.\nRULES = [\n");
    for (i, rule) in rules.rules.iter().enumerate() {
        out.push_str("    {\n");
        out.push_str(&format!("        \"id\": {},\n", py_string(&checkov_id(i))));
        out.push_str(&format!("        \"name\": {},\n", py_string(&rule.name)));
        out.push_str(&format!("        \"message\": {},\n", py_string(&rule.message)));
        let patterns: Vec<String> =
            rule.endpoints.iter().map(|p| py_string(&regex(p.as_str(), Dialect::Python))).collect();
        out.push_str(&format!("        \"endpoints\": [{}],\n", patterns.join(", ")));
        out.push_str("        \"checks\": [\n");
        for c in rule.constraints.iter().filter_map(check) {
            out.push_str(&format!("            {c},\n"));
        }
        out.push_str("        ],\n    },\n");
    }
    out.push_str("]\n");
    out.push_str(CODE);
    out
}

/// The checks' code: the same for every rules file.
const CODE: &str = r#"

def _one(value):
    """An HCL value as checkov gives it (in a list), unwrapped; None when absent."""
    while isinstance(value, list):
        if not value:
            return None
        value = value[0]
    return value


def _block(conf, key):
    """The first `key { ... }` block of `conf`, or None."""
    if not isinstance(conf, dict):
        return None
    block = _one(conf.get(key))
    return block if isinstance(block, dict) else None


def _number(value):
    """A number as written (Terraform reads "60" as 60); None when absent or not a literal."""
    value = _one(value)
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, str):
        try:
            return float(value) if "." in value else int(value)
        except ValueError:
            return None
    return None


def _strategy(dc):
    blue_green = _block(dc, "blue_green_update_policy")
    if blue_green is not None:
        kind = _one((_block(blue_green, "traffic_routing_configuration") or {}).get("type"))
        return {"CANARY": "canary", "LINEAR": "linear"}.get(kind, "all-at-once")
    if _block(dc, "rolling_update_policy") is not None:
        return "rolling"
    return "default"


def _routing(dc):
    return _block(_block(dc, "blue_green_update_policy"), "traffic_routing_configuration") or {}


# Which strategy each size belongs to, and where it is.
SIZES = {
    "canary": ("canary", "canary_size"),
    "linear_step": ("linear", "linear_step_size"),
    "rolling_batch": ("rolling", "maximum_batch_size"),
}
UNITS = {"CAPACITY_PERCENT": "percent", "INSTANCE_COUNT": "instances"}


def _breaks(check, dc):
    """Why the endpoint's deployment_config (None when absent) breaks `check`, or None."""
    key = check["key"]
    strategy = _strategy(dc)
    if key == "strategies":
        if strategy not in check["allowed"]:
            return "the strategy is %s; allowed: %s" % (strategy, ", ".join(check["allowed"]))
        return None
    if key in SIZES:
        wanted, member = SIZES[key]
        if strategy != wanted:
            return None
        holder = _block(dc, "rolling_update_policy") if wanted == "rolling" else _routing(dc)
        size = _block(holder, member) or {}
        unit, value = UNITS.get(_one(size.get("type"))), _number(size.get("value"))
        if unit is None or value is None:
            return None
        high, low = check["at_most"], check["at_least"]
        if high is not None and high[0] == unit and value > high[1]:
            return "%s is %s %s; at most %s %s" % (key, value, unit, high[1], unit)
        if low is not None and low[0] == unit and value < low[1]:
            return "%s is %s %s; at least %s %s" % (key, value, unit, low[1], unit)
        return None
    if key == "bake":
        if strategy == "default":
            bake = 0
        elif strategy == "rolling":
            bake = _number(_block(dc, "rolling_update_policy").get("wait_interval_in_seconds"))
        else:
            bake = _number(_routing(dc).get("wait_interval_in_seconds"))
        return _outside("the bake", bake, check)
    if key == "termination_wait":
        blue_green = _block(dc, "blue_green_update_policy")
        if blue_green is None:
            return None
        wait = blue_green.get("termination_wait_in_seconds")
        return _outside("the termination wait", 0 if _one(wait) is None else _number(wait), check)
    if key == "timeout":
        policy = _block(dc, "blue_green_update_policy") or _block(dc, "rolling_update_policy")
        if policy is None:
            return "no update policy, so no maximum_execution_timeout_in_seconds"
        if check["required"] and _one(policy.get("maximum_execution_timeout_in_seconds")) is None:
            return "maximum_execution_timeout_in_seconds is not set"
        return None
    if key == "rollback_alarms":
        rollback = _block(dc, "auto_rollback_configuration") or {}
        alarms = [a for a in (rollback.get("alarms") or []) if isinstance(a, dict)]
        if len(alarms) < check["at_least"]:
            return "%d rollback alarm(s); at least %d" % (len(alarms), check["at_least"])
        return None
    return None


def _outside(what, seconds, check):
    if seconds is None:
        return None
    if check["at_least"] is not None and seconds < check["at_least"]:
        return "%s is %s s; at least %s s" % (what, seconds, check["at_least"])
    if check["at_most"] is not None and seconds > check["at_most"]:
        return "%s is %s s; at most %s s" % (what, seconds, check["at_most"])
    return None


class TeamRule(BaseResourceCheck):
    """One rule of the team's rules file."""

    def __init__(self, rule):
        self.rule = rule
        super().__init__(
            name="%s: %s" % (rule["name"], rule["message"]),
            id=rule["id"],
            categories=[CheckCategories.GENERAL_SECURITY],
            supported_resources=["aws_sagemaker_endpoint"],
        )

    def scan_resource_conf(self, conf):
        name = _one(conf.get("name"))
        named = isinstance(name, str) and "${" not in name
        if named and not any(re.search(p, name) for p in self.rule["endpoints"]):
            return CheckResult.UNKNOWN
        dc = _block(conf, "deployment_config")
        self.evaluated_keys = ["name", "deployment_config"]
        reasons = [r for r in (_breaks(c, dc) for c in self.rule["checks"]) if r]
        if reasons:
            self.details = reasons
            return CheckResult.FAILED
        return CheckResult.PASSED


for _rule in RULES:
    TeamRule(_rule)
"#;
