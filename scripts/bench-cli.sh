#!/usr/bin/env bash
# Times `designer check` over a generated tree of 1,000 deployment texts of every form the
# import reads (Terraform, CloudFormation, boto3 scripts, AWS CLI lines, CDK, Step Functions,
# describe-endpoint outputs), plus files with nothing to check, under /tmp. Beside it, the
# same tree's CloudFormation files through cfn-lint and Terraform files through checkov,
# when those are installed (this script installs nothing). Prints the figures.
#
#   scripts/bench-cli.sh [N_FILES] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000}
RUNS=${2:-5}
TREE=/tmp/designer-bench-tree
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-/tmp/t-team}

cargo build --release -q -p designer-cli
BIN="$CARGO_TARGET_DIR/release/designer"

rm -rf "$TREE"
mkdir -p "$TREE"/{tf,cfn,py,sh,cdk,sfn,describe,other}
for ((i = 0; i < N; i++)); do
  pct=$((5 + i % 40)); wait=$((60 * (1 + i % 20))); n=$((2 + i % 12))
  case $((i % 8)) in
  0) cat > "$TREE/tf/ep$i.tf" <<EOF
variable "name" {
  default = "bench-$i-prod"
}
resource "aws_sagemaker_endpoint_configuration" "c" {
  name = "cfg-$i"
  production_variants {
    variant_name           = "AllTraffic"
    model_name             = "m-$i"
    instance_type          = "ml.m5.xlarge"
    initial_instance_count = $n
  }
}
resource "aws_sagemaker_endpoint" "e" {
  name                 = var.name
  endpoint_config_name = aws_sagemaker_endpoint_configuration.c.name
  deployment_config {
    blue_green_update_policy {
      traffic_routing_configuration {
        type                     = "CANARY"
        wait_interval_in_seconds = $wait
        canary_size {
          type  = "CAPACITY_PERCENT"
          value = $pct
        }
      }
    }
    auto_rollback_configuration {
      alarms {
        alarm_name = "bench-$i-5xx"
      }
    }
  }
}
EOF
  ;;
  1) cat > "$TREE/cfn/ep$i.yaml" <<EOF
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Endpoint:
    Type: AWS::SageMaker::Endpoint
    Properties:
      EndpointName: bench-$i-prod
      EndpointConfigName: cfg-$i
      DeploymentConfig:
        BlueGreenUpdatePolicy:
          TrafficRoutingConfiguration:
            Type: LINEAR
            WaitIntervalInSeconds: $wait
            LinearStepSize:
              Type: CAPACITY_PERCENT
              Value: $((10 + i % 41))
        AutoRollbackConfiguration:
          Alarms:
            - AlarmName: bench-$i-latency
EOF
  ;;
  2) cat > "$TREE/py/deploy_$i.py" <<EOF
import os
import boto3

sm = boto3.client("sagemaker")
sm.update_endpoint(
    EndpointName=os.environ.get("EP", "bench-$i-prod"),
    EndpointConfigName="cfg-$i",
    DeploymentConfig={
        "RollingUpdatePolicy": {
            "MaximumBatchSize": {"Type": "CAPACITY_PERCENT", "Value": $pct},
            "WaitIntervalInSeconds": $wait,
        },
        "AutoRollbackConfiguration": {"Alarms": [{"AlarmName": "a$i"}]},
    },
)
EOF
  ;;
  3) cat > "$TREE/sh/deploy_$i.sh" <<EOF
#!/bin/sh
EP=\${EP:-bench-$i-prod}
aws sagemaker update-endpoint --endpoint-name "\$EP" --endpoint-config-name cfg-$i \\
  --deployment-config '{"BlueGreenUpdatePolicy": {"TrafficRoutingConfiguration": {"Type": "ALL_AT_ONCE", "WaitIntervalInSeconds": $wait}}}'
EOF
  ;;
  4) cat > "$TREE/cdk/stack$i.ts" <<EOF
import * as sagemaker from 'aws-cdk-lib/aws-sagemaker';
new sagemaker.CfnEndpoint(this, 'Ep', {
  endpointName: 'bench-$i-prod',
  endpointConfigName: 'cfg-$i',
  deploymentConfig: {
    blueGreenUpdatePolicy: {
      trafficRoutingConfiguration: { type: 'CANARY', waitIntervalInSeconds: $wait, canarySize: { type: 'INSTANCE_COUNT', value: 1 } },
    },
  },
});
EOF
  ;;
  5) cat > "$TREE/sfn/machine$i.asl.json" <<EOF
{
  "StartAt": "Update",
  "States": {
    "Update": {
      "Type": "Task",
      "Resource": "arn:aws:states:::sagemaker:updateEndpoint",
      "Parameters": {
        "EndpointName": "bench-$i-prod",
        "EndpointConfigName.\$": "\$.config",
        "DeploymentConfig": {"BlueGreenUpdatePolicy": {"TrafficRoutingConfiguration": {"Type": "CANARY", "WaitIntervalInSeconds": $wait, "CanarySize": {"Type": "CAPACITY_PERCENT", "Value": $pct}}}}
      },
      "End": true
    }
  }
}
EOF
  ;;
  6) cat > "$TREE/describe/ep$i.json" <<EOF
{
  "EndpointName": "bench-$i-prod",
  "EndpointArn": "arn:aws:sagemaker:eu-west-1:123456789012:endpoint/bench-$i-prod",
  "EndpointConfigName": "cfg-$i",
  "ProductionVariants": [{"VariantName": "AllTraffic", "CurrentInstanceCount": $n, "DesiredInstanceCount": $n, "CurrentWeight": 1.0, "DesiredWeight": 1.0}],
  "EndpointStatus": "InService",
  "LastDeploymentConfig": {"BlueGreenUpdatePolicy": {"TrafficRoutingConfiguration": {"Type": "LINEAR", "WaitIntervalInSeconds": $wait, "LinearStepSize": {"Type": "CAPACITY_PERCENT", "Value": 20}}}}
}
EOF
  ;;
  7) printf 'def f(x):\n    return x * %d\n' "$i" > "$TREE/other/util_$i.py" ;;
  esac
done
cat > "$TREE/team-rules.yaml" <<'EOF'
rules:
  - name: prod-canary-max
    message: Production canaries take at most 10% of the fleet.
    endpoints: "*-prod"
    canary: { at_most: 10% }
  - name: prod-bake
    severity: warning
    message: Bake at least ten minutes.
    endpoints: "*-prod"
    bake: { at_least: 10m }
EOF

echo "tree: $(find "$TREE" -type f | wc -l) files in $TREE; $(nproc) cores; load $(cut -d' ' -f1 /proc/loadavg)"
"$BIN" check --rules "$TREE/team-rules.yaml" --format json "$TREE" > /tmp/designer-bench.json || true
python3 - <<'EOF'
import json
r = json.load(open("/tmp/designer-bench.json"))
print("designer check read %d files as designs (%d findings, %d could not be read)" % (r["summary"]["files_checked"], len(r["findings"]), r["summary"]["files_unreadable"]))
EOF
best=""
for ((r = 0; r < RUNS; r++)); do
  s=$(date +%s%N)
  "$BIN" check --rules "$TREE/team-rules.yaml" "$TREE" > /dev/null || true
  e=$(( ($(date +%s%N) - s) / 1000000 ))
  all="${all:-} $e"
  if [[ -z "$best" || $e -lt $best ]]; then best=$e; fi
done
median=$(echo $all | tr ' ' '\n' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
echo "designer check, $N files: median ${median} ms, best ${best} ms of $RUNS runs (budget 1000 ms)"

# The peers, on the same tree's files of their own kind; per file beside `designer check`'s
# per file (budget: at least 20 times faster per file than either).
per_file() { awk -v ms="$1" -v n="$2" 'BEGIN { printf "%.3f", ms / n }'; }
ours=$(per_file "$median" "$N")
peer() { # name, ms, files
  local theirs; theirs=$(per_file "$2" "$3")
  awk -v name="$1" -v ms="$2" -v n="$3" -v t="$theirs" -v o="$ours" 'BEGIN {
    r = (o > 0) ? t / o : 0
    printf "%s on the %d files of its kind: %d ms, %.3f ms per file; designer check %.3f ms per file: %.0fx faster (budget 20x: %s)\n", name, n, ms, t, o, r, (r >= 20 ? "met" : "MISSED") }'
}
if command -v cfn-lint > /dev/null; then
  n=$(ls "$TREE"/cfn | wc -l)
  s=$(date +%s%N)
  cfn-lint "$TREE"/cfn/*.yaml > /dev/null 2>&1 || true
  peer cfn-lint $(( ($(date +%s%N) - s) / 1000000 )) "$n"
else
  echo "cfn-lint: not installed (scripts/setup.sh installs it)"
fi
CHECKOV=$(command -v checkov || true)
[[ -z "$CHECKOV" && -x target/tools/checkov-3.3.30/bin/checkov ]] && CHECKOV=target/tools/checkov-3.3.30/bin/checkov
if [[ -n "$CHECKOV" ]]; then
  n=$(ls "$TREE"/tf | wc -l)
  s=$(date +%s%N)
  "$CHECKOV" -d "$TREE/tf" --quiet --compact > /dev/null 2>&1 || true
  peer checkov $(( ($(date +%s%N) - s) / 1000000 )) "$n"
else
  echo "checkov: not installed (scripts/setup.sh installs it in target/tools)"
fi
