"""Runs Python CDK app exports against the stand-in aws_cdk package beside this file and
writes each app's synthesised resources as JSON.

Usage: cdk_py_run.py CASES.json RESULTS.json (CASES maps a name to a path of a .py file).
Each result is {"resources": {...}} from the one stack of the app, or {"error": "..."}.
"""
import json
import os
import runpy
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "cdk_stub"))
import aws_cdk  # noqa: E402


def main():
    cases = json.load(open(sys.argv[1], encoding="utf-8"))
    results = {}
    for name, path in cases.items():
        aws_cdk.SYNTHS.clear()
        try:
            runpy.run_path(path, run_name="__main__")
            [app] = aws_cdk.SYNTHS
            [stack] = app.stacks
            results[name] = {"resources": stack.resources}
        except BaseException as e:  # SystemExit too: a fill-in stops the app
            results[name] = {"error": f"{type(e).__name__}: {e}"}
    json.dump(results, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False)


main()
