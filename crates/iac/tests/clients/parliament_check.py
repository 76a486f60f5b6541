"""Runs parliament (an IAM policy linter) over IAM exports.

Usage: parliament_check.py CASES.json RESULTS.json (CASES maps a name to policy JSON text);
each result is the list of parliament's findings as "ISSUE: detail" strings.
"""
import json
import sys

from parliament import analyze_policy_string


def main():
    cases = json.load(open(sys.argv[1], encoding="utf-8"))
    results = {}
    for name, source in cases.items():
        policy = analyze_policy_string(source)
        results[name] = [f"{f.issue}: {f.detail}" for f in policy.findings]
    json.dump(results, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False)


main()
