"""Reads CloudFormation YAML exports with cfn-lint's own template decoder (PyYAML with the
short forms of the intrinsic functions: `!Ref X` is read as {"Ref": "X"}) and writes them as
JSON, so the Rust tests can compare what CloudFormation reads with the design.

Usage: cfn_yaml_read.py CASES.json RESULTS.json (CASES maps a name to YAML text); each result
is {"value": ...} or {"error": "..."}.
"""
import json
import sys

from cfnlint.decode import cfn_yaml


def main():
    cases = json.load(open(sys.argv[1], encoding="utf-8"))
    results = {}
    for name, source in cases.items():
        try:
            results[name] = {"value": cfn_yaml.loads(source)}
        except Exception as e:  # reported per case, so one bad export does not hide the rest
            results[name] = {"error": f"{type(e).__name__}: {e}"}
    json.dump(results, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False)


main()
