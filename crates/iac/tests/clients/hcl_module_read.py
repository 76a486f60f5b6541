"""Reads Terraform exports written with their endpoint configuration with python-hcl2 and
says what a module has: its required providers, its variables (with their defaults) and
each resource's body, strings decoded as Terraform reads them.

Usage: hcl_module_read.py CASES.json RESULTS.json, where CASES maps a name to HCL text.
Each result is {"required_providers": {...}, "variables": {name: {"type", "default"?}},
"resources": {"<type>.<name>": body}} or {"error": "..."}. In a body, `var.x` is
{"$var": "x"}, a reference to a resource is {"$ref": "<type>.<name>[.<attribute>]"}, and
a block is a one-item list (as python-hcl2 gives it) of its body.
"""
import json
import re
import sys

import hcl2

ESCAPES = {"n": "\n", "r": "\r", "t": "\t", '"': '"', "\\": "\\"}


def text(raw, where):
    """A quoted string's value as Terraform reads it (as hcl_read.py decodes it): an
    un-doubled ${ or %{ would be a template sequence, not text, and is an error."""
    if not (len(raw) >= 2 and raw[0] == raw[-1] == '"'):
        raise ValueError(f"{where}: {raw!r} is not a quoted string")
    s, out, i = raw[1:-1], [], 0
    while i < len(s):
        three, two = s[i:i + 3], s[i:i + 2]
        if three in ("$${", "%%{"):
            out.append(three[1:])
            i += 3
        elif two in ("${", "%{"):
            raise ValueError(f"{where}: {raw!r} holds a template sequence, not text")
        elif s[i] == "\\":
            kind = s[i + 1:i + 2]
            if kind in ESCAPES:
                out.append(ESCAPES[kind])
                i += 2
            elif kind in ("u", "U"):
                n = 4 if kind == "u" else 8
                out.append(chr(int(s[i + 2:i + 2 + n], 16)))
                i += 2 + n
            else:
                raise ValueError(f"{where}: unknown escape in {raw!r}")
        else:
            out.append(s[i])
            i += 1
    return "".join(out)

NUMBER = re.compile(r"^\$\{(-?[0-9]+(\.[0-9]+)?[eE][+-]?[0-9]+)\}$")
REFERENCE = re.compile(r"^\$\{([a-z0-9_]+\.[A-Za-z0-9_-]+(\.[a-z_]+)?)\}$")


def value(v, where):
    if isinstance(v, str):
        if v.startswith("${var.") and v.endswith("}") and v[6:-1].isidentifier():
            return {"$var": v[6:-1]}
        if NUMBER.match(v):
            return float(NUMBER.match(v).group(1))
        if REFERENCE.match(v):
            return {"$ref": REFERENCE.match(v).group(1)}
        return text(v, where)
    if isinstance(v, (bool, int, float)):
        return v
    if isinstance(v, list):
        return [value(x, f"{where}[{i}]") for i, x in enumerate(v)]
    if isinstance(v, dict):
        return {k.strip('"'): value(x, f"{where}.{k}") for k, x in v.items() if k != "__is_block__"}
    raise ValueError(f"{where}: unexpected {v!r}")


def read(source):
    doc = hcl2.loads(source, serialization_options=hcl2.SerializationOptions(with_comments=False))
    result = {"required_providers": {}, "variables": {}, "resources": {}}
    for block in doc.get("terraform", []):
        for providers in block.get("required_providers", []):
            for name, spec in providers.items():
                if name != "__is_block__":
                    result["required_providers"][name] = value(spec, f"required_providers.{name}")
    for var in doc.get("variable", []):
        for name, body in var.items():
            # `type` is a type expression (string, number), not a string.
            result["variables"][name.strip('"')] = {
                k: (v if k == "type" else value(v, f"variable.{name}.{k}"))
                for k, v in body.items() if k != "__is_block__"
            }
    for res in doc.get("resource", []):
        for rtype, named in res.items():
            for local, body in named.items():
                key = f"{rtype.strip(chr(34))}.{local.strip(chr(34))}"
                if key in result["resources"]:
                    raise ValueError(f"two resources are called {key}")
                result["resources"][key] = value(body, key)
    return result


def main():
    cases = json.load(open(sys.argv[1], encoding="utf-8"))
    results = {}
    for name, source in cases.items():
        try:
            results[name] = read(source)
        except Exception as e:  # reported per case, so one bad export does not hide the rest
            results[name] = {"error": f"{type(e).__name__}: {e}"}
    json.dump(results, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False)


if __name__ == "__main__":
    main()
