//! The cfn-guard export: for each team rule a Guard 3 named rule over the
//! `AWS::SageMaker::Endpoint` resources whose `EndpointName` its patterns match (or that have
//! no literal name), with the template's shape as `crates/iac/src/cloudformation.rs` writes
//! it (`Properties.DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration...`).
//!
//! Guard's clauses are conjunctions of disjunctions, so "the strategy is not canary" is
//! written as the checks that hold when it is not, each under a `when` that selects the
//! endpoints it concerns. A property whose value is not a literal (a `Ref`) fails a
//! comparison: Guard cannot know it.

use designer_team::{Bound, Constraint, Rule, Rules, Share, StrategyName};

use crate::coverage::Engine;
use crate::header;
use crate::pattern::{regex, Dialect};

const DC: &str = "Properties.DeploymentConfig";
const BG: &str = "Properties.DeploymentConfig.BlueGreenUpdatePolicy";
const ROUTING: &str = "Properties.DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration";
const ROLLING: &str = "Properties.DeploymentConfig.RollingUpdatePolicy";

/// The Guard rule name of the team rule at `index`: Guard names are letters, digits and
/// `_`, so the team's name is kept in the message: `team_1_prod_canary_max`.
pub fn rule_name(index: usize, rule: &Rule) -> String {
    let plain: String = rule
        .name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '_' })
        .collect();
    format!("team_{}_{plain}", index + 1)
}

/// The team's message as Guard's custom message (`<< ... >>`), which has no escape: a `>>`
/// in it is written `> >`, and control characters as spaces.
fn message(rule: &Rule, what: &str) -> String {
    let text = format!("Team rule {}: {} ({what})", rule.name, rule.message);
    let mut clean: String = text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    while clean.contains(">>") {
        clean = clean.replace(">>", "> >");
    }
    // A message ending in `>` would run into the closing `>>`.
    format!("<<\n            {}\n        >>", clean.trim_end_matches('>'))
}

/// `when <conditions> { <clause> <<message>> }`, indented for the rule's block.
fn when(conditions: &[String], clause: &str, msg: &str) -> String {
    let mut out = String::from("        when ");
    out.push_str(&conditions.join("\n             "));
    out.push_str(&format!(" {{\n            {clause}\n        {msg}\n        }}\n"));
    out
}

/// A clause that must hold for every selected endpoint, with its message.
fn always(clause: &str, msg: &str) -> String {
    format!("        {clause}\n        {msg}\n")
}

/// The blocks of one constraint.
fn constraint(rule: &Rule, c: &Constraint) -> String {
    let msg = |what: &str| message(rule, what);
    let summary = c.summary();
    let mut out = String::new();
    match c {
        Constraint::Strategies(allowed) => {
            let m = msg(&summary);
            let not = |s: StrategyName| !allowed.contains(&s);
            if not(StrategyName::Default) {
                out.push_str(&when(&[format!("{BG} !exists")], &format!("{ROLLING} exists"), &m));
            }
            if not(StrategyName::Rolling) {
                out.push_str(&when(&[format!("{BG} !exists")], &format!("{ROLLING} !exists"), &m));
            }
            if not(StrategyName::AllAtOnce) {
                out.push_str(&when(&[format!("{BG} exists")], &format!("{ROUTING}.Type in [\"CANARY\", \"LINEAR\"]"), &m));
            }
            for (s, wire) in [(StrategyName::Canary, "CANARY"), (StrategyName::Linear, "LINEAR")] {
                if not(s) {
                    out.push_str(&when(&[format!("{ROUTING}.Type exists")], &format!("{ROUTING}.Type != \"{wire}\""), &m));
                }
            }
        }
        Constraint::Canary(b) => out.push_str(&sizes(b, &[format!("{ROUTING}.Type == \"CANARY\"")], &format!("{ROUTING}.CanarySize"), &msg(&summary))),
        Constraint::LinearStep(b) => out.push_str(&sizes(b, &[format!("{ROUTING}.Type == \"LINEAR\"")], &format!("{ROUTING}.LinearStepSize"), &msg(&summary))),
        Constraint::RollingBatch(b) => out.push_str(&sizes(b, &[format!("{BG} !exists")], &format!("{ROLLING}.MaximumBatchSize"), &msg(&summary))),
        Constraint::Bake(b) => {
            let m = msg(&summary);
            // No update policy: all traffic at once, a bake of 0 s.
            if b.at_least.is_some_and(|lo| lo > 0) || b.at_most.is_some_and(|hi| hi < 0) {
                out.push_str(&when(&[format!("{BG} !exists")], &format!("{ROLLING} exists"), &m));
            }
            for (cond, wait) in [
                (vec![], format!("{ROUTING}.WaitIntervalInSeconds")),
                (vec![format!("{BG} !exists")], format!("{ROLLING}.WaitIntervalInSeconds")),
            ] {
                let mut conds = cond;
                conds.push(format!("{wait} is_int"));
                for clause in seconds(b, &wait) {
                    out.push_str(&when(&conds, &clause, &m));
                }
            }
        }
        Constraint::TerminationWait(b) => {
            let m = msg(&summary);
            let wait = format!("{BG}.TerminationWaitInSeconds");
            // Not set: AWS's default, 0 s.
            if b.at_least.is_some_and(|lo| lo > 0) {
                out.push_str(&when(&[format!("{BG} exists")], &format!("{wait} >= {}", b.at_least.unwrap_or(0)), &m));
            }
            if let Some(hi) = b.at_most {
                out.push_str(&when(&[format!("{wait} is_int")], &format!("{wait} <= {hi}"), &m));
            }
        }
        Constraint::Timeout { required, .. } => {
            let m = msg("timeout set");
            out.push_str(&when(&[format!("{BG} !exists")], &format!("{ROLLING} exists"), &m));
            if *required {
                out.push_str(&when(&[format!("{BG} exists")], &format!("{BG}.MaximumExecutionTimeoutInSeconds exists"), &m));
                out.push_str(&when(
                    &[format!("{BG} !exists"), format!("{ROLLING} exists")],
                    &format!("{ROLLING}.MaximumExecutionTimeoutInSeconds exists"),
                    &m,
                ));
            }
        }
        Constraint::RollbackAlarms { at_least: Some(n), .. } if *n > 0 => {
            out.push_str(&always(
                &format!("{DC}.AutoRollbackConfiguration.Alarms[{}] exists", n - 1),
                &msg(&format!("at least {n} rollback alarm{}", if *n == 1 { "" } else { "s" })),
            ));
        }
        Constraint::Retain { all_variant_properties, deployment_config } => {
            for (member, wanted) in [
                ("RetainAllVariantProperties", all_variant_properties),
                ("RetainDeploymentConfig", deployment_config),
            ] {
                let Some(wanted) = wanted else { continue };
                let m = msg(&format!("{member} {wanted}"));
                if *wanted {
                    out.push_str(&always(&format!("Properties.{member} == true"), &m));
                } else {
                    out.push_str(&when(&[format!("Properties.{member} exists")], &format!("Properties.{member} == false"), &m));
                }
            }
        }
        Constraint::RollbackAlarms { .. }
        | Constraint::InstanceTypes(_)
        | Constraint::PeakInstances(_)
        | Constraint::InstanceHours(_) => {}
    }
    out
}

/// `>= lo` and `<= hi` of a number of seconds at `at`.
fn seconds(b: &Bound<i64>, at: &str) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(lo) = b.at_least {
        out.push(format!("{at} >= {lo}"));
    }
    if let Some(hi) = b.at_most {
        out.push(format!("{at} <= {hi}"));
    }
    out
}

/// A size's bounds, each compared with sizes given in its own unit.
fn sizes(b: &Bound<Share>, strategy: &[String], size: &str, msg: &str) -> String {
    let mut out = String::new();
    for (limit, op) in [(b.at_least, ">="), (b.at_most, "<=")] {
        let Some(limit) = limit else { continue };
        let (unit, n) = match limit {
            Share::Percent(p) => ("CAPACITY_PERCENT", p),
            Share::Count(c) => ("INSTANCE_COUNT", c),
        };
        let mut conds = strategy.to_vec();
        conds.push(format!("{size}.Type == \"{unit}\""));
        conds.push(format!("{size}.Value is_int"));
        out.push_str(&when(&conds, &format!("{size}.Value {op} {n}"), msg));
    }
    out
}

pub(crate) fn write(rules: &Rules) -> String {
    let mut out = header(
        Engine::CfnGuard,
        rules,
        &[
            "cfn-guard 3 rules written by the SageMaker deployment designer from a team's rules file:",
            "one Guard rule per team rule (team_<n>_<name>) over AWS::SageMaker::Endpoint resources.",
            "Run: cfn-guard validate --rules <this file> --data <template>",
            "A rule applies to endpoints its patterns match and to those without a literal EndpointName",
            "(the designer checks a name it does not know); with none, it is SKIP.",
            "Sizes are compared with a bound in the same unit (CAPACITY_PERCENT with %, INSTANCE_COUNT",
            "with instances), as they are the same share whatever the fleet's size.",
        ],
    );
    for (i, rule) in rules.rules.iter().enumerate() {
        let name = rule_name(i, rule);
        let endpoints = format!("{name}_endpoints");
        out.push_str(&format!("\n# Rule {}\n", crate::comment_text(&rule.name)));
        out.push_str(&format!("let {endpoints} = Resources.*[\n    Type == \"AWS::SageMaker::Endpoint\"\n"));
        if !rule.endpoints.iter().any(|p| p.is_any()) {
            out.push_str("    Properties.EndpointName !exists or\n    Properties.EndpointName !is_string");
            for p in &rule.endpoints {
                out.push_str(&format!(" or\n    Properties.EndpointName == /{}/", regex(p.as_str(), Dialect::Re2)));
            }
            out.push('\n');
        }
        out.push_str("]\n\n");
        let body: String = rule.constraints.iter().map(|c| constraint(rule, c)).collect();
        out.push_str(&format!("rule {name} when %{endpoints} !empty {{\n    %{endpoints} {{\n"));
        if body.is_empty() {
            out.push_str("        Type == \"AWS::SageMaker::Endpoint\"\n");
        }
        out.push_str(&body);
        out.push_str("    }\n}\n");
    }
    out
}
