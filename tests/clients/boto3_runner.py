"""Runs boto3 snippets with real boto3 and records the request each one sends.

Usage: boto3_runner.py CASES_JSON RESULTS_JSON
CASES_JSON holds [{"name": ..., "snippet": ...}, ...]. Every snippet is executed as a
program of its own (fresh globals; it creates its own client). Nothing leaves the
machine: botocore's `before-send` event hands the prepared HTTP request to a handler that
records its body and answers with a fake UpdateEndpoint response. RESULTS_JSON receives
{name: {"body": <request body text or null>, "stdout": ..., "error": <text or null>}}.
Credentials and region come from the environment the test sets (fake ones).
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


SENT = []


def _before_send(request, **_kwargs):
    body = request.body
    if isinstance(body, bytes):
        body = body.decode("utf-8")
    SENT.append(body)
    return AWSResponse(request.url, 200, {"Content-Type": "application/x-amz-json-1.1"}, _RawBody(FAKE_RESPONSE))


def run(snippet):
    SENT.clear()
    out = io.StringIO()
    error = None
    try:
        code = compile(snippet, "<snippet>", "exec")
        with contextlib.redirect_stdout(out):
            exec(code, {"__name__": "__main__"})
    except BaseException:  # a snippet may even call exit(); report it, keep going
        error = traceback.format_exc()
    if len(SENT) != 1 and error is None:
        error = "expected exactly one request, saw %d" % len(SENT)
    return {"body": SENT[0] if SENT else None, "stdout": out.getvalue(), "error": error}


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        cases = json.load(f)
    # One default session for all snippets, so the service model is loaded once; each
    # snippet still creates its own client, which copies the session's handlers.
    boto3.setup_default_session()
    boto3.DEFAULT_SESSION.events.register("before-send.sagemaker.UpdateEndpoint", _before_send)
    results = {case["name"]: run(case["snippet"]) for case in cases}
    with open(sys.argv[2], "w", encoding="utf-8") as f:
        json.dump(results, f)


if __name__ == "__main__":
    main()
