"""Reads YAML exports with PyYAML (cfn-lint's YAML library) and writes them as JSON, so the
Rust tests can compare what YAML reads with the design.

Usage: yaml_read.py CASES.json RESULTS.json (CASES maps a name to YAML text).
"""
import json
import sys

import yaml


def main():
    cases = json.load(open(sys.argv[1], encoding="utf-8"))
    results = {}
    for name, source in cases.items():
        try:
            results[name] = {"value": yaml.safe_load(source)}
        except Exception as e:
            results[name] = {"error": f"{type(e).__name__}: {e}"}
    json.dump(results, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False)


main()
