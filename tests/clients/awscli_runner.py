"""Runs many `aws ...` command lines in one Python process, through awscli's own entry
point (the `aws` program is `sys.exit(awscli.clidriver.main())`), to save the second or
so that starting awscli costs each time.

Usage: awscli_runner.py RUNS_JSON RESULTS_JSON
RUNS_JSON holds [{"name": ..., "argv": [...], "endpoint_url": ...}, ...]; argv is what
follows `aws`. Each run gets a fresh CLI driver (and so a fresh botocore session) with
AWS_ENDPOINT_URL_SAGEMAKER set to its endpoint_url. RESULTS_JSON receives
{name: {"rc": ..., "stdout": ..., "stderr": ...}}.
"""

import contextlib
import io
import json
import os
import sys
import traceback

from awscli.clidriver import create_clidriver


def run(argv, endpoint_url):
    os.environ["AWS_ENDPOINT_URL_SAGEMAKER"] = endpoint_url
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            rc = create_clidriver().main(argv)
        except SystemExit as e:  # argparse exits on a usage error
            rc = e.code if isinstance(e.code, int) else 255
        except BaseException:
            traceback.print_exc()
            rc = 255
    return {"rc": rc, "stdout": out.getvalue(), "stderr": err.getvalue()}


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        runs = json.load(f)
    results = {r["name"]: run(r["argv"], r["endpoint_url"]) for r in runs}
    with open(sys.argv[2], "w", encoding="utf-8") as f:
        json.dump(results, f)


if __name__ == "__main__":
    main()
