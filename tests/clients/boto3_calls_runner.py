"""Runs boto3 snippets that make several calls (a design's exports create its CloudWatch
alarms before the update) with real boto3, and records every request in the order sent.

Usage: boto3_calls_runner.py CASES_JSON RESULTS_JSON
CASES_JSON holds [{"name": ..., "snippet": ...}, ...]. Every snippet is executed as a program
of its own. Nothing leaves the machine: botocore's `before-send` event, for every service and
operation, hands the prepared HTTP request to a handler that records it and answers with a
fake response (the UpdateEndpoint one; PutMetricAlarm's output has no members). RESULTS_JSON
receives {name: {"calls": [{"operation": "cloudwatch.PutMetricAlarm", "body": ...}, ...],
"stdout": ..., "error": <text or null>}}. Credentials and region come from the environment.
"""

import contextlib
import io
import json
import sys
import traceback

import boto3
from botocore.awsrequest import AWSResponse

FAKE_RESPONSE = b'{"EndpointArn": "arn:aws:sagemaker:us-east-1:123456789012:endpoint/ep"}'


class _RawBody:
    """The minimal raw-response object botocore reads a body from."""

    def __init__(self, data):
        self._data = data

    def stream(self, **_kwargs):
        yield self._data


CALLS = []


def _before_send(request, event_name, **_kwargs):
    body = request.body
    if isinstance(body, bytes):
        body = body.decode("utf-8")
    # before-send.<service>.<Operation>
    CALLS.append({"operation": event_name.split(".", 1)[1], "body": body})
    return AWSResponse(request.url, 200, {"Content-Type": "application/x-amz-json-1.1"}, _RawBody(FAKE_RESPONSE))


def run(snippet):
    CALLS.clear()
    out = io.StringIO()
    error = None
    try:
        code = compile(snippet, "<snippet>", "exec")
        with contextlib.redirect_stdout(out):
            exec(code, {"__name__": "__main__"})
    except BaseException:  # a snippet may even call exit(); report it, keep going
        error = traceback.format_exc()
    return {"calls": list(CALLS), "stdout": out.getvalue(), "error": error}


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        cases = json.load(f)
    boto3.setup_default_session()
    boto3.DEFAULT_SESSION.events.register("before-send", _before_send)
    results = {case["name"]: run(case["snippet"]) for case in cases}
    with open(sys.argv[2], "w", encoding="utf-8") as f:
        json.dump(results, f)


if __name__ == "__main__":
    main()
