//! IAM: the least-privilege policy of whoever runs the update: `sagemaker:UpdateEndpoint` on
//! the endpoint and the new endpoint config, `sagemaker:DescribeEndpoint` on the endpoint to
//! watch it, `cloudwatch:DescribeAlarms` on each rollback alarm, and
//! `cloudwatch:PutMetricAlarm` on each alarm the design defines (the boto3 and CLI exports
//! create them before the update).
//!
//! Nothing is widened to a wildcard: an empty region or account is written as a value the
//! user must replace, which matches no real resource (and is a finding), a name the design lacks as `FILL_IN_...` (SageMaker
//! ARNs are lower case, so it can match no endpoint), and a `*`, `?` or `$` in a name as
//! IAM's escape for that very character.

use designer_core::model::DesignDocument;
use designer_core::validate::Severity;

use crate::facts::iam as facts;
use crate::json::{pretty, J};
use crate::tree::{self, Node};
use crate::{Export, Options, TargetFinding};

const TARGET: &str = "IAM";

/// `s` as it must stand in a policy's `Resource` to mean exactly itself: IAM's wildcards
/// and `$` written as `${*}`, `${?}`, `${$}`. (JSON quoting comes on top.)
pub fn resource_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match facts::LITERAL_ESCAPES.iter().find(|(ch, _)| *ch == c) {
            Some((_, esc)) => out.push_str(esc),
            None => out.push(c),
        }
    }
    out
}

/// `us-east-1`, `ap-southeast-2`, `us-gov-west-1`, `eu-central-2`: lower-case words joined
/// by `-`, the first of two letters, the last a number.
fn looks_like_region(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let word = |p: &&str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_lowercase());
    match parts.as_slice() {
        [first, middle @ .., last] if !middle.is_empty() => {
            first.len() == 2
                && word(first)
                && middle.iter().all(word)
                && !last.is_empty()
                && last.bytes().all(|b| b.is_ascii_digit())
        }
        _ => false,
    }
}

/// The ARN parts of `options`, placeholders for the empty ones.
fn parts(options: &Options) -> (String, String, String) {
    let or = |v: &str, placeholder: &str| {
        if v.trim().is_empty() {
            placeholder.to_string()
        } else {
            resource_text(v.trim())
        }
    };
    (
        or(&options.partition, facts::PARTITION_DEFAULT),
        or(&options.region, facts::REGION_PLACEHOLDER),
        or(&options.account, facts::ACCOUNT_PLACEHOLDER),
    )
}

/// A name from the request as it appears in its ARN, or the fill-in word when it is absent
/// or a placeholder.
fn name(n: Option<&Node>, fill_in: &str, lower: bool) -> String {
    match n {
        Some(Node::Str(s)) if lower => resource_text(&s.to_ascii_lowercase()),
        Some(Node::Str(s)) => resource_text(s),
        _ => fill_in.to_string(),
    }
}

/// The ARN of the CloudWatch alarm `name` (IAM's wildcards escaped).
fn alarm_arn(options: &Options, name: &str) -> String {
    let (partition, region, account) = parts(options);
    format!(
        "arn:{partition}:cloudwatch:{region}:{account}:{}{name}",
        facts::ALARM_RESOURCE
    )
}

/// The ARNs of the alarms the design defines (each once), in the design's order.
pub fn defined_alarm_arns(doc: &DesignDocument, options: &Options) -> Vec<String> {
    let mut out = Vec::new();
    for (i, a) in doc.alarms.iter().enumerate() {
        let name = match &a.alarm_name {
            Some(n) => resource_text(n),
            None => format!("FILL_IN_DEFINED_ALARM_NAME_{i}"),
        };
        let arn = alarm_arn(options, &name);
        if !out.contains(&arn) {
            out.push(arn);
        }
    }
    out
}

/// The ARNs the policy names: the endpoint, the endpoint config, the alarms (each once).
pub fn arns(doc: &DesignDocument, options: &Options) -> (String, String, Vec<String>) {
    let (root, _) = tree::request(doc);
    let (partition, region, account) = parts(options);
    let lower = facts::SAGEMAKER_ARNS_LOWER_CASE;
    let sagemaker = format!("arn:{partition}:sagemaker:{region}:{account}:");
    let endpoint = format!(
        "{sagemaker}{}{}",
        facts::ENDPOINT_RESOURCE,
        name(root.get("EndpointName"), "FILL_IN_ENDPOINT_NAME", lower)
    );
    let config = format!(
        "{sagemaker}{}{}",
        facts::ENDPOINT_CONFIG_RESOURCE,
        name(
            root.get("EndpointConfigName"),
            "FILL_IN_ENDPOINT_CONFIG_NAME",
            lower
        )
    );
    let mut alarms = Vec::new();
    let list = match root.get("DeploymentConfig") {
        Some(Node::Map(dc)) => match dc.get("AutoRollbackConfiguration") {
            Some(Node::Map(a)) => match a.get("Alarms") {
                Some(Node::List(items)) => items.clone(),
                _ => Vec::new(),
            },
            _ => Vec::new(),
        },
        _ => Vec::new(),
    };
    for (i, item) in list.iter().enumerate() {
        let n = match item {
            Node::Map(o) => o.get("AlarmName"),
            _ => None,
        };
        let arn = alarm_arn(options, &name(n, &format!("FILL_IN_ALARM_NAME_{i}"), false));
        if !alarms.contains(&arn) {
            alarms.push(arn);
        }
    }
    (endpoint, config, alarms)
}

/// The policy.
pub fn export(doc: &DesignDocument, options: &Options) -> Export {
    let (endpoint, config, alarms) = arns(doc, options);
    let statement = |sid: &str, action: &str, resources: Vec<String>| {
        let resource = match resources.as_slice() {
            [one] => J::Str(one.clone()),
            _ => J::Arr(resources.into_iter().map(J::Str).collect()),
        };
        J::obj(vec![
            ("Sid", J::str(sid)),
            ("Effect", J::str("Allow")),
            ("Action", J::str(action)),
            ("Resource", resource),
        ])
    };
    let mut statements = vec![
        statement(
            "UpdateTheEndpointWithTheNewConfig",
            facts::UPDATE_ENDPOINT,
            vec![endpoint.clone(), config],
        ),
        statement(
            "WatchTheDeployment",
            facts::DESCRIBE_ENDPOINT,
            vec![endpoint],
        ),
    ];
    if !alarms.is_empty() {
        statements.push(statement(
            "ReadTheRollbackAlarms",
            facts::DESCRIBE_ALARMS,
            alarms,
        ));
    }
    let defined = defined_alarm_arns(doc, options);
    if !defined.is_empty() {
        statements.push(statement(
            "CreateTheAlarmsBeforeTheUpdate",
            facts::PUT_METRIC_ALARM,
            defined,
        ));
    }
    let policy = J::obj(vec![
        ("Version", J::str(facts::POLICY_VERSION)),
        ("Statement", J::Arr(statements)),
    ]);
    Export {
        text: pretty(&policy),
        filename: "update-endpoint-policy.json".to_string(),
    }
}

/// What the user must still fill in before the policy is usable.
pub fn findings(doc: &DesignDocument, options: &Options) -> Vec<TargetFinding> {
    let mut out = Vec::new();
    if options.partition.trim().is_empty() {
        out.push(TargetFinding {
            target: TARGET,
            path: "Iam.Partition".to_string(),
            severity: Severity::Warning,
            message: format!(
                "The IAM policy assumes the partition {}: type aws-cn or aws-us-gov if the endpoint is in one of those.",
                facts::PARTITION_DEFAULT
            ),
        });
    }
    let blanks = [
        (
            "Iam.Region",
            &options.region,
            facts::REGION_PLACEHOLDER,
            "us-east-1",
        ),
        (
            "Iam.Account",
            &options.account,
            facts::ACCOUNT_PLACEHOLDER,
            "123456789012",
        ),
    ];
    for (path, value, word, example) in blanks {
        if value.trim().is_empty() {
            let what = path.trim_start_matches("Iam.").to_ascii_lowercase();
            out.push(TargetFinding {
                target: TARGET,
                path: path.to_string(),
                severity: Severity::Warning,
                message: format!(
                    "The IAM policy says {word} where the {what} belongs: type the {what} (e.g. {example}) or replace {word} in the policy before using it."
                ),
            });
        }
    }
    let account = options.account.trim();
    let twelve_digits = account.len() == 12 && account.bytes().all(|b| b.is_ascii_digit());
    if !account.is_empty() && !twelve_digits {
        out.push(TargetFinding {
            target: TARGET,
            path: "Iam.Account".to_string(),
            severity: Severity::Warning,
            message:
                "An AWS account ID is 12 digits: the IAM policy's ARNs match nothing with this one."
                    .to_string(),
        });
    }
    let region = options.region.trim();
    if !region.is_empty() && !looks_like_region(region) {
        out.push(TargetFinding {
            target: TARGET,
            path: "Iam.Region".to_string(),
            severity: Severity::Warning,
            message: format!(
                "{} does not look like an AWS region (such as us-east-1): the IAM policy's ARNs match nothing with it.",
                crate::json::json_string(region)
            ),
        });
    }
    let req = &doc.request;
    for (path, missing) in [
        ("EndpointName", req.endpoint_name.is_none()),
        ("EndpointConfigName", req.endpoint_config_name.is_none()),
    ] {
        if missing {
            out.push(TargetFinding {
                target: TARGET,
                path: path.to_string(),
                severity: Severity::Warning,
                message: format!(
                    "The IAM policy cannot name the resource without {path}: it says FILL_IN_... there; replace it, or give {path} in the design."
                ),
            });
        }
    }
    out
}
