//! The bash runner: `aws sagemaker update-endpoint` with the request (the CLI tab's own
//! command, so its quoting applies), then `aws sagemaker describe-endpoint` every 30 s until
//! the endpoint settles or the deadline passes, printing each status change. Exit codes as the
//! Python runner's. Every value is one quoted bash word (`designer_core::export::bash_quote`);
//! the endpoint name reaches `describe-endpoint` inside `--cli-input-json`, which awscli does
//! not expand (a `file://` name stays a name).

use designer_core::export::{bash_quote, cli_command};
use designer_core::model::DesignDocument;

use super::{deadline, missing, POLL_SECONDS, WAITER_MAX_ATTEMPTS};
use crate::json::json_string;
use crate::Export;

/// What `describe-endpoint` prints: one line of tab-separated fields, the free-text
/// `FailureReason` last so that a tab in it cannot shift the others; the variants' statuses
/// as JSON text (JMESPath `to_string`), which holds no tab or newline. The status and the
/// config name hold none either (the API's name pattern); a design whose new config name has
/// one can never match, and the script fails safe (exit 1).
const QUERY: &str = "[EndpointStatus, EndpointConfigName, to_string(PendingDeploymentSummary.ProductionVariants[].[VariantName, VariantStatus[].[Status, StatusMessage]]), FailureReason]";

const TEMPLATE: &str = r#"#!/usr/bin/env bash
# Applies and verifies a SageMaker endpoint update, as designed in the deployment designer.
#
# Calls UpdateEndpoint with the request below, then DescribeEndpoint every @@POLL@@ s (the delay
# of botocore's EndpointInService waiter, which gives up after @@POLL@@ s x @@ATTEMPTS@@) until the
# endpoint settles or the deadline passes.
# Deadline: @@WHY@@.
# It prints each change of EndpointStatus and of the variants' Status/StatusMessage.
#
# `aws sagemaker wait endpoint-in-service` accepts InService whatever config the endpoint runs,
# but when SageMaker rolls an update back the endpoint is InService again on the OLD config, with
# a FailureReason that may be empty (aws-controllers-k8s/sagemaker-controller #7; Terraform
# reports it as a success, hashicorp/terraform-provider-aws #46663). So this script succeeds only
# on InService on the new EndpointConfigName with no FailureReason. It never deletes the old
# endpoint config: a rollback needs it.
#
# Exit codes: 0 InService on the new config; 1 rolled back, failed, or the call was refused;
# 2 the deadline passed (the update may still be running: it is not stopped).
# @@DEADLINE_ENV@@ and @@POLL_ENV@@ override the deadline and the poll interval (whole seconds).
set -euo pipefail

@@MISSING@@ENDPOINT_NAME=@@NAME@@
NEW_CONFIG=@@CONFIG@@
DESCRIBE_INPUT=@@DESCRIBE@@
DEADLINE_SECONDS="${@@DEADLINE_ENV@@:-@@DEADLINE@@}"
POLL_SECONDS="${@@POLL_ENV@@:-@@POLL@@}"
for value in "$DEADLINE_SECONDS" "$POLL_SECONDS"; do
  if [[ ! "$value" =~ ^[0-9]+$ ]]; then
    printf 'Not a whole number of seconds: %s\n' "$value" >&2
    exit 1
  fi
done

start=$SECONDS
if ! arn=$(@@UPDATE@@); then
  printf 'UpdateEndpoint was refused: nothing changed.\n' >&2
  exit 1
fi
printf 'Updating %s: %s\n' "$ENDPOINT_NAME" "$arn"

last=""
while :; do
  left=$((DEADLINE_SECONDS - (SECONDS - start)))
  if ((left < 0)); then left=0; fi
  sleep "$((POLL_SECONDS < left ? POLL_SECONDS : left))"
  elapsed=$((SECONDS - start))
  if line=$(aws sagemaker describe-endpoint --cli-input-json "$DESCRIBE_INPUT" --output text \
    --query '@@QUERY@@'); then
    status="" config="" variants="" reason=""
    IFS=$'\t' read -r status config variants reason <<<"$line" || true
    if [[ "$reason" == "None" ]]; then reason=""; fi
    now="$status $variants"
    if [[ "$now" != "$last" ]]; then
      printf '%6d s  EndpointStatus: %s\n' "$elapsed" "$status"
      if [[ "$variants" != "null" ]]; then
        printf '          variants [name, [[Status, StatusMessage]]]: %s\n' "$variants"
      fi
      last=$now
    fi
    case "$status" in
      Creating | Updating | SystemUpdating | RollingBack) ;;
      InService)
        if [[ "$config" == "$NEW_CONFIG" && -z "$reason" ]]; then
          printf 'InService on the new endpoint config %s.\n' "$NEW_CONFIG"
          exit 0
        fi
        if [[ "$config" == "$NEW_CONFIG" ]]; then
          printf 'InService on the new endpoint config, but with a FailureReason: %s\n' "$reason" >&2
          exit 1
        fi
        printf 'SageMaker rolled the update back: the endpoint is InService on %s, not on %s; FailureReason: %s\n' \
          "$config" "$NEW_CONFIG" "${reason:-(empty)}" >&2
        exit 1
        ;;
      *)
        printf 'The update failed: EndpointStatus %s, FailureReason: %s\n' "$status" "${reason:-(empty)}" >&2
        exit 1
        ;;
    esac
  else
    printf '%6d s  DescribeEndpoint failed; polling again until the deadline.\n' "$elapsed" >&2
  fi
  if ((SECONDS - start >= DEADLINE_SECONDS)); then
    printf 'The deadline of %d s passed with the update still running; it is not stopped: check describe-endpoint.\n' \
      "$DEADLINE_SECONDS" >&2
    exit 2
  fi
done
"#;

/// The runner's text.
pub fn export(doc: &DesignDocument) -> Export {
    let d = deadline(doc);
    let r = &doc.request;
    let name = r.endpoint_name.as_deref().unwrap_or("");
    let config = r.endpoint_config_name.as_deref().unwrap_or("");
    let describe = format!("{{\"EndpointName\": {}}}", json_string(name));
    let missing = missing(doc);
    let refuse = if missing.is_empty() {
        String::new()
    } else {
        let message = format!(
            "INCOMPLETE: fill in {} before running this.",
            missing.join("; ")
        );
        format!("printf '%s\\n' {} >&2\nexit 1\n\n", bash_quote(&message))
    };
    let update =
        cli_command(r).replace("\n", "\n  ") + " \\\n    --query EndpointArn --output text";
    let text = super::fill(
        TEMPLATE,
        &[
            ("MISSING", refuse),
            ("NAME", bash_quote(name)),
            ("CONFIG", bash_quote(config)),
            ("DESCRIBE", bash_quote(&describe)),
            ("UPDATE", update),
            ("QUERY", QUERY.to_string()),
            ("DEADLINE", d.seconds.to_string()),
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
        filename: "apply-update-endpoint.sh".to_string(),
    }
}
