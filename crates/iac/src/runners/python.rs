//! The boto3 runner: `update_endpoint` with the request, then `describe_endpoint` every 30 s
//! until the endpoint settles or the deadline passes, printing each status change. Exit 0 only
//! on `InService` on the new config with no `FailureReason`; 1 when rolled back or failed; 2
//! when the deadline passed. Its functions take the client, the sleep and the clock as
//! arguments (`main(client=None, sleep=time.sleep, clock=time.monotonic)`), so a test can run
//! it against botocore's `Stubber`.

use designer_core::export::python_literal;
use designer_core::model::DesignDocument;

use super::{deadline, missing, MARGIN_SECONDS, POLL_SECONDS, WAITER_MAX_ATTEMPTS};
use crate::Export;

const TEMPLATE: &str = r#"#!/usr/bin/env python3
"""Applies and verifies a SageMaker endpoint update, as designed in the deployment designer.

Calls UpdateEndpoint with the request below, then DescribeEndpoint every @@POLL@@ s (the delay
of botocore's EndpointInService waiter, which gives up after @@POLL@@ s x @@ATTEMPTS@@) until
the endpoint settles or the deadline passes.
Deadline: @@WHY@@.
It prints each change of EndpointStatus and of each variant's Status/StatusMessage.

The waiter accepts InService whatever config the endpoint runs, but when SageMaker rolls an
update back the endpoint is InService again on the OLD config, with a FailureReason that may
be empty (aws-controllers-k8s/sagemaker-controller #7; Terraform reports it as a success,
hashicorp/terraform-provider-aws #46663). So this script succeeds only on InService on the
new EndpointConfigName with no FailureReason. It never deletes the old endpoint config: a
rollback needs it.

Exit codes: 0 InService on the new config; 1 rolled back, failed, or the call was refused;
2 the deadline passed (the update may still be running: it is not stopped).
@@DEADLINE_ENV@@ and @@POLL_ENV@@ override the deadline and the poll interval, in seconds.
"""

import os
import sys
import time

REQUEST = dict(
@@REQUEST@@)
# Values the imported text did not give: the script refuses to start until they are filled in.
MISSING = @@MISSING@@
WORST_CASE_SECONDS = @@WORST@@
MARGIN_SECONDS = @@MARGIN@@
POLL_SECONDS = @@POLL@@

# Statuses the update passes through; any other status ends the wait.
RUNNING = ("Creating", "Updating", "SystemUpdating", "RollingBack")


def settings(environ=os.environ):
    """The deadline and the poll interval, in seconds, with the environment's overrides."""
    deadline = float(environ.get("@@DEADLINE_ENV@@") or WORST_CASE_SECONDS + MARGIN_SECONDS)
    poll = float(environ.get("@@POLL_ENV@@") or POLL_SECONDS)
    return deadline, poll


def status_lines(described):
    """What the endpoint is doing, as lines to print: its status, then each variant's."""
    lines = ["EndpointStatus: %s" % described.get("EndpointStatus")]
    pending = described.get("PendingDeploymentSummary") or {}
    for variant in pending.get("ProductionVariants") or []:
        for status in variant.get("VariantStatus") or []:
            lines.append(
                "  %s: %s: %s"
                % (variant.get("VariantName"), status.get("Status"), status.get("StatusMessage", ""))
            )
    return lines


def verdict(described, new_config):
    """(exit code, why) once the endpoint has settled, None while the update runs."""
    status = described.get("EndpointStatus")
    config = described.get("EndpointConfigName")
    reason = described.get("FailureReason")
    if status in RUNNING:
        return None
    if status == "InService" and config == new_config and not reason:
        return 0, "InService on the new endpoint config %r." % (new_config,)
    if status == "InService" and config == new_config:
        return 1, "InService on the new endpoint config, but with a FailureReason: %r." % (reason,)
    if status == "InService":
        return 1, (
            "SageMaker rolled the update back: the endpoint is InService on %r, not on %r; "
            "FailureReason: %r." % (config, new_config, reason or "(empty)")
        )
    return 1, "The update failed: EndpointStatus %s, FailureReason: %r." % (status, reason or "(empty)")


def main(client=None, sleep=time.sleep, clock=time.monotonic, environ=os.environ, out=sys.stdout):
    """Runs the update and waits for it; returns the exit code."""
    if MISSING:
        print("INCOMPLETE: fill in %s before running this." % "; ".join(MISSING), file=out)
        return 1
    deadline, poll = settings(environ)
    if client is None:
        import boto3

        client = boto3.client("sagemaker")
    name = REQUEST["EndpointName"]
    new_config = REQUEST.get("EndpointConfigName")
    start = clock()
    try:
        response = client.update_endpoint(**REQUEST)
    except Exception as error:  # the call is refused: nothing changed
        print("UpdateEndpoint was refused: %s" % (error,), file=out)
        return 1
    print("Updating %s: %s" % (name, response.get("EndpointArn")), file=out)
    last = None
    while True:
        sleep(max(0.0, min(poll, deadline - (clock() - start))))
        elapsed = clock() - start
        try:
            described = client.describe_endpoint(EndpointName=name)
        except Exception as error:  # a passing fault: poll again until the deadline
            print("%6.0f s  DescribeEndpoint failed: %s" % (elapsed, error), file=out)
            described = None
        if described is not None:
            lines = status_lines(described)
            if lines != last:
                print("%6.0f s  %s" % (elapsed, "\n          ".join(lines)), file=out)
                last = lines
            settled = verdict(described, new_config)
            if settled is not None:
                print(settled[1], file=out)
                return settled[0]
        if clock() - start >= deadline:
            print(
                "The deadline of %.0f s passed with the update still running; it is not stopped: "
                "check describe-endpoint." % (deadline,),
                file=out,
            )
            return 2


if __name__ == "__main__":
    sys.exit(main())
"#;

/// The runner's text.
pub fn export(doc: &DesignDocument) -> Export {
    let d = deadline(doc);
    let r = &doc.request;
    let mut request = String::new();
    let mut kwarg = |name: &str, value: Option<String>| {
        if let Some(v) = value {
            request.push_str(&format!("    {name}={v},\n"));
        }
    };
    kwarg("EndpointName", r.endpoint_name.as_ref().map(python_literal));
    kwarg(
        "EndpointConfigName",
        r.endpoint_config_name.as_ref().map(python_literal),
    );
    kwarg(
        "RetainAllVariantProperties",
        r.retain_all_variant_properties.as_ref().map(python_literal),
    );
    kwarg(
        "ExcludeRetainedVariantProperties",
        r.exclude_retained_variant_properties
            .as_ref()
            .map(python_literal),
    );
    kwarg(
        "DeploymentConfig",
        r.deployment_config.as_ref().map(python_literal),
    );
    kwarg(
        "RetainDeploymentConfig",
        r.retain_deployment_config.as_ref().map(python_literal),
    );
    let missing: Vec<String> = missing(doc);
    let text = super::fill(
        TEMPLATE,
        &[
            ("REQUEST", request),
            ("MISSING", python_literal(&missing)),
            ("WORST", d.worst_seconds.to_string()),
            ("MARGIN", MARGIN_SECONDS.to_string()),
            ("POLL", POLL_SECONDS.to_string()),
            ("ATTEMPTS", WAITER_MAX_ATTEMPTS.to_string()),
            ("DEADLINE_ENV", super::DEADLINE_ENV.to_string()),
            ("POLL_ENV", super::POLL_ENV.to_string()),
            ("WHY", d.why()),
        ],
    );
    let text = super::with_incomplete_note(doc, text);
    Export {
        text,
        filename: "apply_update_endpoint.py".to_string(),
    }
}
