"""Runs many `aws ...` command lines in one Python process, through awscli's own entry
point (the `aws` program is `sys.exit(awscli.clidriver.main())`), to save the second or
so that starting awscli costs each time.

Usage: awscli_runner.py RUNS_JSON RESULTS_JSON
RUNS_JSON holds [{"name": ..., "argv": [...], "endpoint_url": ...}, ...]; argv is what
follows `aws`. One CLI driver serves every run (loading the service model once); each
command still parses its own arguments and creates its own client, which reads
AWS_ENDPOINT_URL_SAGEMAKER, set to the run's endpoint_url, afresh. The test compares
every run's recorded body with its own request, so a run leaking into another would
show. A run may also carry "env": {NAME: value} (e.g. AWS_ENDPOINT_URL_CLOUDWATCH for an
`aws cloudwatch ...` command), set before it and removed after it. RESULTS_JSON receives
{name: {"rc": ..., "stdout": ..., "stderr": ...}}.
"""

import contextlib
import io
import json
import os
import sys
import traceback

from awscli.clidriver import create_clidriver


def run(driver, argv, endpoint_url, env=None):
    os.environ["AWS_ENDPOINT_URL_SAGEMAKER"] = endpoint_url
    with _env(env or {}):
        return _run(driver, argv)


@contextlib.contextmanager
def _env(env):
    os.environ.update(env)
    try:
        yield
    finally:
        for k in env:
            os.environ.pop(k, None)


def _run(driver, argv):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            rc = driver.main(argv)
        except SystemExit as e:  # argparse exits on a usage error
            rc = e.code if isinstance(e.code, int) else 255
        except BaseException:
            traceback.print_exc()
            rc = 255
    return {"rc": rc, "stdout": out.getvalue(), "stderr": err.getvalue()}


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        runs = json.load(f)
    driver = create_clidriver()
    results = {r["name"]: run(driver, r["argv"], r["endpoint_url"], r.get("env")) for r in runs}
    with open(sys.argv[2], "w", encoding="utf-8") as f:
        json.dump(results, f)


if __name__ == "__main__":
    main()
