//! A team's rules ([`designer_team::Rules`]) for teams that enforce them in their pipeline
//! rather than on the page: a checkov custom policy over Terraform ([`checkov`]), cfn-guard 3
//! rules over CloudFormation ([`cfn_guard`]) and a Rego policy for conftest over
//! `terraform show -json` ([`rego`]).
//!
//! Each engine sees only the infrastructure code, not the design: it reads the endpoint's
//! `DeploymentConfig` and name as the project's own Terraform and CloudFormation exports write
//! them (`crates/iac`), and cannot see the new fleet's size, the simulated rollout or the alarms'
//! definitions. What a rule asks that an engine cannot check is data ([`coverage`]), and every
//! export opens with a comment naming, rule by rule, what it checks and what it does not.
//!
//! Every string the team wrote (rule names, messages, patterns) is written as data in the
//! target language by one quoting function per language; endpoint patterns (`*-prod`) become
//! one regular expression per engine ([`pattern`]), matched as the page's glob matches them.

pub mod coverage;
pub mod pattern;

mod checkov;
mod guard;
mod rego;

pub use coverage::{Engine, Scope};
pub use guard::rule_name as cfn_guard_rule_name;

use designer_team::Rules;

/// The checkov check id of the rule at `index` (0-based) in the rules file: `CKV_TEAM_1`...
pub fn checkov_id(index: usize) -> String {
    format!("CKV_TEAM_{}", index + 1)
}

/// A checkov custom policy (Python) with one check per rule over `aws_sagemaker_endpoint`:
/// save it as a `.py` file in a directory with an empty `__init__.py` and run
/// `checkov -d <terraform dir> --external-checks-dir <that directory>`.
pub fn checkov(rules: &Rules) -> String {
    checkov::write(rules)
}

/// cfn-guard 3 rules, one named rule per team rule, over the `AWS::SageMaker::Endpoint`
/// resources of a template: `cfn-guard validate --rules <file> --data <template>`.
pub fn cfn_guard(rules: &Rules) -> String {
    guard::write(rules)
}

/// A Rego policy (package `sagemaker.deployment`, `deny contains msg`) over the
/// `aws_sagemaker_endpoint` resources of `terraform show -json` (root and child modules):
/// `conftest test --namespace sagemaker.deployment plan.json`. Each message starts with the
/// rule's name and a colon.
pub fn rego(rules: &Rules) -> String {
    rego::write(rules)
}

/// The leading comment every export opens with (`#` is the comment of all three languages):
/// what the file is, then for each rule what this engine checks and what it does not.
pub(crate) fn header(engine: Engine, rules: &Rules, intro: &[&str]) -> String {
    let mut out = String::new();
    for line in intro {
        out.push_str(&format!("# {line}\n").replace("# \n", "#\n"));
    }
    out.push_str("#\n");
    let mut unchecked = Vec::new();
    for rule in &rules.rules {
        let scope = coverage::scope(engine, rule);
        out.push_str(&format!(
            "# Rule {}: checked here: {}.\n",
            comment_text(&rule.name),
            if scope.checked.is_empty() { "nothing".to_string() } else { scope.checked.join("; ") }
        ));
        for (what, why) in scope.unchecked {
            unchecked.push(format!("#   rule {}: {what} ({why})", comment_text(&rule.name)));
        }
    }
    if unchecked.is_empty() {
        out.push_str("# Not checked here: nothing; every constraint of these rules is checked.\n");
    } else {
        out.push_str("# Not checked here (the designer checks these on the design itself):\n");
        for line in unchecked {
            out.push_str(&line);
            out.push('\n');
        }
    }
    out
}

/// A team's text inside a comment: on one line, control and invisible characters as `\u{..}`,
/// so that nothing the team wrote ends the comment.
pub(crate) fn comment_text(s: &str) -> String {
    let mut out = String::from("`");
    for c in s.chars() {
        if c.is_control() || designer_core::export::is_invisible(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out.push('`');
    out
}
