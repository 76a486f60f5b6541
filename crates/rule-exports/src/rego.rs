//! The Rego export: a policy for conftest (or `opa eval`) over `terraform show -json`. It
//! reads every `aws_sagemaker_endpoint` of `planned_values` (root and child modules) in the
//! shape the aws provider's schema gives: each block a list (`deployment_config[0]`), an
//! unset attribute `null`, `termination_wait_in_seconds` 0 by default, and an unknown name
//! (computed at apply) absent from `values`.
//!
//! The team's strings are one data literal (`team_rules`), quoted by [`rego_string`]; each
//! constraint is a `deny` rule with its numbers written in, so the policy reads as the rules
//! file does. Written in Rego v1 syntax (`import rego.v1`, `deny contains msg if`).

use designer_team::{Bound, Constraint, Rule, Rules, Share, StrategyName};

use crate::coverage::Engine;
use crate::header;
use crate::pattern::{regex, Dialect};

/// `s` as a Rego string literal (JSON's escapes) that reads back as exactly `s`.
pub fn rego_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() || designer_core::export::is_invisible(c) => {
                let mut units = [0u16; 2];
                for u in c.encode_utf16(&mut units) {
                    out.push_str(&format!("\\u{u:04x}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The helpers: the same for every rules file.
const HELPERS: &str = r#"
# Every aws_sagemaker_endpoint the plan creates or updates, in any module.
endpoints contains r if {
	walk(input.planned_values, [_, r])
	r.type == "aws_sagemaker_endpoint"
	is_object(r.values)
}

# A rule applies to an endpoint its patterns match, and to one whose name is not known
# until apply (the designer checks a name it does not know).
applies(i, r) if not is_string(r.values.name)

applies(i, r) if {
	some pattern in team_rules[i].endpoints
	regex.match(pattern, r.values.name)
}

deployment_config(r) := r.values.deployment_config[0]

blue_green(r) := deployment_config(r).blue_green_update_policy[0]

routing(r) := blue_green(r).traffic_routing_configuration[0]

rolling(r) := deployment_config(r).rolling_update_policy[0]

strategy(r) := "canary" if routing(r).type == "CANARY"

strategy(r) := "linear" if routing(r).type == "LINEAR"

strategy(r) := "all-at-once" if {
	blue_green(r)
	not routing(r).type in {"CANARY", "LINEAR"}
}

strategy(r) := "rolling" if {
	not blue_green(r)
	rolling(r)
}

strategy(r) := "default" if {
	not blue_green(r)
	not rolling(r)
}

# The size of `key` when the endpoint uses its strategy: [unit, value].
size(r, "canary") := unit_value(routing(r).canary_size[0]) if strategy(r) == "canary"

size(r, "linear_step") := unit_value(routing(r).linear_step_size[0]) if strategy(r) == "linear"

size(r, "rolling_batch") := unit_value(rolling(r).maximum_batch_size[0]) if strategy(r) == "rolling"

unit_value(s) := ["percent", s.value] if {
	s.type == "CAPACITY_PERCENT"
	is_number(s.value)
}

unit_value(s) := ["instances", s.value] if {
	s.type == "INSTANCE_COUNT"
	is_number(s.value)
}

# The bake: none without an update policy.
bake(r) := 0 if strategy(r) == "default"

bake(r) := rolling(r).wait_interval_in_seconds if {
	strategy(r) == "rolling"
	is_number(rolling(r).wait_interval_in_seconds)
}

bake(r) := routing(r).wait_interval_in_seconds if {
	blue_green(r)
	is_number(routing(r).wait_interval_in_seconds)
}

# AWS's default when not set: 0.
termination_wait(r) := w if {
	w := blue_green(r).termination_wait_in_seconds
	is_number(w)
}

termination_wait(r) := 0 if {
	blue_green(r)
	not is_number(blue_green(r).termination_wait_in_seconds)
}

policy(r) := blue_green(r)

policy(r) := rolling(r) if not blue_green(r)

alarm_count(r) := count(deployment_config(r).auto_rollback_configuration[0].alarms) if {
	is_array(deployment_config(r).auto_rollback_configuration[0].alarms)
}

alarm_count(r) := 0 if not is_array(deployment_config(r).auto_rollback_configuration[0].alarms)

message(i, r, why) := sprintf("%s: %s (%s: %s)", [team_rules[i].name, team_rules[i].message, r.address, why])
"#;

/// The `deny` rules of constraint `c` of the rule at `i`.
fn constraint(i: usize, c: &Constraint) -> Vec<String> {
    let head = |body: &str, why: &str| {
        format!(
            "deny contains msg if {{\n\tsome r in endpoints\n\tapplies({i}, r)\n{body}\tmsg := message({i}, r, {})\n}}\n",
            rego_string(why)
        )
    };
    let summary = c.summary();
    match c {
        Constraint::Strategies(allowed) => {
            let names: Vec<String> = allowed.iter().map(|s: &StrategyName| rego_string(s.as_str())).collect();
            vec![head(&format!("\tnot strategy(r) in {{{}}}\n", names.join(", ")), &summary)]
        }
        Constraint::Canary(b) | Constraint::LinearStep(b) | Constraint::RollingBatch(b) => {
            let key = rego_string(c.key());
            let mut out = Vec::new();
            for (limit, op) in [(b.at_most, ">"), (b.at_least, "<")] {
                let Some(limit) = limit else { continue };
                let (unit, n) = match limit {
                    Share::Percent(p) => ("percent", p),
                    Share::Count(n) => ("instances", n),
                };
                out.push(head(
                    &format!("\t[unit, value] := size(r, {key})\n\tunit == \"{unit}\"\n\tvalue {op} {n}\n"),
                    &summary,
                ));
            }
            out
        }
        Constraint::Bake(b) => bounds(b, "bake(r)").into_iter().map(|body| head(&body, &summary)).collect(),
        Constraint::TerminationWait(b) => {
            bounds(b, "termination_wait(r)").into_iter().map(|body| head(&body, &summary)).collect()
        }
        Constraint::Timeout { required, .. } => {
            let mut out = vec![head("\tstrategy(r) == \"default\"\n", "no update policy, so no timeout")];
            if *required {
                out.push(head(
                    "\tnot is_number(policy(r).maximum_execution_timeout_in_seconds)\n\tstrategy(r) != \"default\"\n",
                    "maximum_execution_timeout_in_seconds is not set",
                ));
            }
            out
        }
        Constraint::RollbackAlarms { at_least: Some(n), .. } => {
            vec![head(&format!("\talarm_count(r) < {n}\n"), &format!("at least {n} rollback alarm(s)"))]
        }
        Constraint::RollbackAlarms { at_least: None, .. }
        | Constraint::Retain { .. }
        | Constraint::InstanceTypes(_)
        | Constraint::PeakInstances(_)
        | Constraint::InstanceHours(_) => Vec::new(),
    }
}

/// The bodies that break `b` for the number `at`.
fn bounds(b: &Bound<i64>, at: &str) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(lo) = b.at_least {
        out.push(format!("\t{at} < {lo}\n"));
    }
    if let Some(hi) = b.at_most {
        out.push(format!("\t{at} > {hi}\n"));
    }
    out
}

fn rule_data(rule: &Rule) -> String {
    let patterns: Vec<String> =
        rule.endpoints.iter().map(|p| rego_string(&regex(p.as_str(), Dialect::Re2))).collect();
    format!(
        "\t{{\n\t\t\"name\": {},\n\t\t\"message\": {},\n\t\t\"endpoints\": [{}],\n\t}},\n",
        rego_string(&rule.name),
        rego_string(&rule.message),
        patterns.join(", ")
    )
}

pub(crate) fn write(rules: &Rules) -> String {
    let mut out = header(
        Engine::Rego,
        rules,
        &[
            "A Rego policy written by the SageMaker deployment designer from a team's rules file, over",
            "the aws_sagemaker_endpoint resources of `terraform show -json` (planned_values, any module).",
            "Run: terraform show -json plan.out > plan.json",
            "     conftest test --namespace sagemaker.deployment --policy <this file> plan.json",
            "Each deny message starts with the team rule's name and a colon.",
            "Sizes are compared with a bound in the same unit (CAPACITY_PERCENT with %, INSTANCE_COUNT",
            "with instances), as they are the same share whatever the fleet's size.",
        ],
    );
    out.push_str("\npackage sagemaker.deployment\n\nimport rego.v1\n\n# The team's rules: names, messages and endpoint patterns (as regexes), as data.\nteam_rules := [\n");
    for rule in &rules.rules {
        out.push_str(&rule_data(rule));
    }
    out.push_str("]\n");
    for (i, rule) in rules.rules.iter().enumerate() {
        out.push_str(&format!("\n# Rule {}\n", crate::comment_text(&rule.name)));
        for c in &rule.constraints {
            for d in constraint(i, c) {
                out.push('\n');
                out.push_str(&d);
            }
        }
    }
    out.push_str(HELPERS);
    out
}
