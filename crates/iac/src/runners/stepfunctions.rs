//! The Step Functions runner: a state machine that calls `sagemaker:updateEndpoint` with the
//! request, then loops Wait (30 s) / count / `aws-sdk:sagemaker:describeEndpoint` / Choice
//! until the endpoint settles or the polls allowed by the deadline are used up. It ends in a
//! `Succeed` state only on `InService` on the new config with no `FailureReason`; every other
//! end is a `Fail` state whose Error and Cause name the reason.
//!
//! A placeholder is read from the execution input at the request's own path, as the Step
//! Functions task export does. Choice rules test `IsPresent` before reading `FailureReason`
//! inside an `And` (a comparison on a missing field is a runtime error).

use designer_core::model::DesignDocument;

use super::{deadline, POLL_SECONDS};
use crate::facts::stepfunctions as facts;
use crate::json::{from_node, pretty, J};
use crate::tree::{self, Fill, Node};
use crate::Export;

/// The optimized integration's `describeEndpoint` does not exist; the SDK integration does.
pub const DESCRIBE_RESOURCE: &str = "arn:aws:states:::aws-sdk:sagemaker:describeEndpoint";

/// The statuses an update passes through (SageMaker service model's `EndpointStatus`).
const RUNNING: [&str; 4] = ["Creating", "Updating", "SystemUpdating", "RollingBack"];

fn input_path(fill: &Fill) -> String {
    format!("$.{}", fill.path)
}

fn status_is(status: &str) -> J {
    J::obj(vec![
        ("Variable", J::str("$.Endpoint.EndpointStatus")),
        ("StringEquals", J::str(status)),
    ])
}

fn fail(error: &str, cause: String) -> J {
    J::obj(vec![
        ("Type", J::str("Fail")),
        ("Error", J::str(error)),
        ("Cause", J::Str(cause)),
    ])
}

/// The state machine.
pub fn export(doc: &DesignDocument) -> Export {
    let d = deadline(doc);
    let polls = d.polls();
    let (root, _) = tree::request(doc);
    let fills: Vec<Fill> = tree::fills(&root).into_iter().cloned().collect();
    let parameters = from_node(&Node::Map(root), &|key, f| {
        let key = if key.is_empty() { "Value" } else { key };
        (format!("{key}.$"), J::Str(input_path(f)))
    });
    let from_input = |path: &str| fills.iter().any(|f| f.path == path);
    let r = &doc.request;
    let name = if from_input("EndpointName") || r.endpoint_name.is_none() {
        ("EndpointName.$", J::str("$.EndpointName"))
    } else {
        (
            "EndpointName",
            J::str(r.endpoint_name.clone().unwrap_or_default()),
        )
    };
    let new_config = r.endpoint_config_name.clone().unwrap_or_default();
    let config_is_new = if from_input("EndpointConfigName") || r.endpoint_config_name.is_none() {
        J::obj(vec![
            ("Variable", J::str("$.Endpoint.EndpointConfigName")),
            ("StringEqualsPath", J::str("$.EndpointConfigName")),
        ])
    } else {
        J::obj(vec![
            ("Variable", J::str("$.Endpoint.EndpointConfigName")),
            ("StringEquals", J::Str(new_config.clone())),
        ])
    };
    let no_reason = J::obj(vec![
        ("Variable", J::str("$.Endpoint.FailureReason")),
        ("IsPresent", J::Bool(false)),
    ]);
    let empty_reason = J::obj(vec![(
        "And",
        J::Arr(vec![
            J::obj(vec![
                ("Variable", J::str("$.Endpoint.FailureReason")),
                ("IsPresent", J::Bool(true)),
            ]),
            J::obj(vec![
                ("Variable", J::str("$.Endpoint.FailureReason")),
                ("StringEquals", J::str("")),
            ]),
        ]),
    )]);
    let updated = J::obj(vec![
        (
            "And",
            J::Arr(vec![
                status_is("InService"),
                config_is_new,
                J::obj(vec![("Or", J::Arr(vec![no_reason, empty_reason]))]),
            ]),
        ),
        ("Next", J::str("Updated")),
    ]);
    let rolled_back = J::obj(vec![
        ("Variable", J::str("$.Endpoint.EndpointStatus")),
        ("StringEquals", J::str("InService")),
        ("Next", J::str("RolledBack")),
    ]);
    let running = J::obj(vec![
        ("Or", J::Arr(RUNNING.iter().map(|s| status_is(s)).collect())),
        ("Next", J::str("CheckDeadline")),
    ]);
    let mut comment = format!(
        "Applies and verifies a SageMaker endpoint update, as designed in the deployment designer: UpdateEndpoint, then DescribeEndpoint every {POLL_SECONDS} s (the delay of botocore's EndpointInService waiter) for at most {polls} polls, {}. Succeeds only on InService on the new EndpointConfigName with no FailureReason: after a rollback SageMaker leaves the endpoint InService on the old config (aws-controllers-k8s/sagemaker-controller #7; hashicorp/terraform-provider-aws #46663). It never deletes the old endpoint config. The role needs sagemaker:UpdateEndpoint and sagemaker:DescribeEndpoint.",
        d.why()
    );
    if !fills.is_empty() {
        let list: Vec<String> = fills
            .iter()
            .map(|f| {
                format!(
                    "{} from {} (the imported text had {})",
                    f.path,
                    input_path(f),
                    f.expression
                )
            })
            .collect();
        comment = format!(
            "INCOMPLETE: {} value(s) were not in the imported text and are read from the execution input; FILL IN: {}. {comment}",
            fills.len(),
            list.join("; ")
        );
    }
    let catch_all = |result: &str, next: &str| {
        J::Arr(vec![J::obj(vec![
            ("ErrorEquals", J::Arr(vec![J::str("States.ALL")])),
            ("ResultPath", J::str(result)),
            ("Next", J::str(next)),
        ])])
    };
    let states = J::obj(vec![
        (
            "UpdateEndpoint",
            J::obj(vec![
                ("Type", J::str("Task")),
                ("Resource", J::str(facts::RESOURCE)),
                ("Parameters", parameters),
                ("ResultPath", J::str("$.Update")),
                ("Catch", catch_all("$.UpdateError", "UpdateRefused")),
                ("Next", J::str("StartWatching")),
            ]),
        ),
        (
            "StartWatching",
            J::obj(vec![
                ("Type", J::str("Pass")),
                ("Result", J::obj(vec![("Polls", J::Int(0))])),
                ("ResultPath", J::str("$.Watch")),
                ("Next", J::str("WaitForDeployment")),
            ]),
        ),
        (
            "WaitForDeployment",
            J::obj(vec![
                ("Type", J::str("Wait")),
                ("Seconds", J::Int(POLL_SECONDS)),
                ("Next", J::str("CountPoll")),
            ]),
        ),
        (
            "CountPoll",
            J::obj(vec![
                ("Type", J::str("Pass")),
                (
                    "Parameters",
                    J::obj(vec![("Polls.$", J::str("States.MathAdd($.Watch.Polls, 1)"))]),
                ),
                ("ResultPath", J::str("$.Watch")),
                ("Next", J::str("DescribeEndpoint")),
            ]),
        ),
        (
            "DescribeEndpoint",
            J::obj(vec![
                ("Type", J::str("Task")),
                ("Resource", J::str(DESCRIBE_RESOURCE)),
                ("Parameters", J::obj(vec![name])),
                ("ResultPath", J::str("$.Endpoint")),
                (
                    "Retry",
                    J::Arr(vec![J::obj(vec![
                        ("ErrorEquals", J::Arr(vec![J::str("States.TaskFailed")])),
                        ("IntervalSeconds", J::Int(5)),
                        ("MaxAttempts", J::Int(3)),
                        ("BackoffRate", J::Int(2)),
                    ])]),
                ),
                // A passing fault: poll again until the deadline.
                ("Catch", catch_all("$.DescribeError", "CheckDeadline")),
                ("Next", J::str("CheckDeployment")),
            ]),
        ),
        (
            "CheckDeployment",
            J::obj(vec![
                ("Type", J::str("Choice")),
                ("Choices", J::Arr(vec![updated, rolled_back, running])),
                ("Default", J::str("UpdateFailed")),
            ]),
        ),
        (
            "CheckDeadline",
            J::obj(vec![
                ("Type", J::str("Choice")),
                (
                    "Choices",
                    J::Arr(vec![J::obj(vec![
                        ("Variable", J::str("$.Watch.Polls")),
                        ("NumericGreaterThanEquals", J::Int(polls)),
                        ("Next", J::str("DeadlinePassed")),
                    ])]),
                ),
                ("Default", J::str("WaitForDeployment")),
            ]),
        ),
        (
            "Updated",
            J::obj(vec![
                ("Type", J::str("Succeed")),
                ("Comment", J::Str(format!("InService on the new endpoint config \"{new_config}\"."))),
            ]),
        ),
        (
            "UpdateRefused",
            fail(
                "Apply.UpdateRefused",
                "UpdateEndpoint was refused (its error is in $.UpdateError): nothing changed.".to_string(),
            ),
        ),
        (
            "RolledBack",
            fail(
                "Apply.RolledBack",
                format!("SageMaker rolled the update back: the endpoint is InService, but on another config than \"{new_config}\" or with a FailureReason (an alarm went off or MaximumExecutionTimeoutInSeconds passed). The old config is still in service."),
            ),
        ),
        (
            "UpdateFailed",
            fail(
                "Apply.UpdateFailed",
                "The update failed: EndpointStatus is neither InService nor one an update passes through (Failed, UpdateRollbackFailed, OutOfService or Deleting).".to_string(),
            ),
        ),
        (
            "DeadlinePassed",
            fail(
                "Apply.DeadlinePassed",
                format!("Still updating after {polls} polls of {POLL_SECONDS} s ({}): the update is not stopped; check DescribeEndpoint.", d.why()),
            ),
        ),
    ]);
    let machine = J::obj(vec![
        ("Comment", J::Str(comment)),
        ("StartAt", J::str("UpdateEndpoint")),
        ("States", states),
    ]);
    Export {
        text: pretty(&machine),
        filename: "apply-update-endpoint.asl.json".to_string(),
    }
}
