"""Runs the generated apply_update_endpoint.py against botocore's Stubber.

Usage: APPLY_SCRIPT=apply_update_endpoint.py apply_python_stubbed.py CASES_JSON RESULTS_JSON
CASES_JSON holds {name: {"describe": [DescribeEndpoint response, ...], "env": {...}}}. For each
case the script is imported as a module (what it does at import: constants and functions) and
its main() runs with a stubbed sagemaker client, a fake clock that the script's sleeps advance,
and the case's environment: UpdateEndpoint must be called with exactly the script's REQUEST,
then DescribeEndpoint with its EndpointName, answered in order. RESULTS_JSON receives
{name: {"rc", "output", "describes_left", "elapsed", "request", "missing"}}; a case named
"parse-only" only reports REQUEST and MISSING (for hostile names), after ast.parse.
"""

import ast
import importlib.util
import io
import json
import os
import sys

import boto3
from botocore.stub import Stubber

ARN = "arn:aws:sagemaker:us-east-1:123456789012:endpoint/ep"


def load(path):
    with open(path, encoding="utf-8") as f:
        ast.parse(f.read(), filename=path)
    spec = importlib.util.spec_from_file_location("apply_update_endpoint", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run(module, case):
    client = boto3.client(
        "sagemaker",
        region_name="us-east-1",
        aws_access_key_id="AKIAFAKEFAKEFAKEFAKE",
        aws_secret_access_key="fake-secret",
    )
    stubber = Stubber(client)
    stubber.add_response("update_endpoint", {"EndpointArn": ARN}, dict(module.REQUEST))
    describes = case["describe"]
    for response in describes:
        answer = dict(response)
        answer.setdefault("EndpointArn", ARN)
        answer.setdefault("CreationTime", 1767268800)
        answer.setdefault("LastModifiedTime", 1767268800)
        stubber.add_response(
            "describe_endpoint", answer, {"EndpointName": module.REQUEST["EndpointName"]}
        )
    now = [0.0]

    def sleep(seconds):
        assert seconds >= 0, seconds
        now[0] += seconds

    out = io.StringIO()
    with stubber:
        rc = module.main(client=client, sleep=sleep, clock=lambda: now[0], environ=case.get("env", {}), out=out)
    left = len(stubber._queue)
    return {"rc": rc, "output": out.getvalue(), "describes_left": left, "elapsed": now[0]}


def main():
    module = load(os.environ["APPLY_SCRIPT"])
    with open(sys.argv[1], encoding="utf-8") as f:
        cases = json.load(f)
    results = {}
    for name, case in cases.items():
        if name == "parse-only":
            results[name] = {}
        else:
            results[name] = run(module, case)
        results[name]["request"] = module.REQUEST
        results[name]["missing"] = module.MISSING
    with open(sys.argv[2], "w", encoding="utf-8") as f:
        json.dump(results, f)


if __name__ == "__main__":
    main()
