"""Reads Terraform exports with python-hcl2 and maps their resources back onto the
UpdateEndpoint request (PascalCase), so the Rust tests can compare it with the design.

Usage: hcl_read.py CASES.json RESULTS.json, where CASES maps a name to HCL text. Each result
is {"aws": request|null, "awscc": request|null, "variables": [...]} or {"error": "..."}.
A string that would be a template (an un-doubled ${ or %{) is an error: it would not be data.
"""
import json
import sys

import hcl2

RENAMED = {"name": "EndpointName"}


def pascal(snake):
    return RENAMED.get(snake) or "".join(p[:1].upper() + p[1:] for p in snake.split("_"))


ESCAPES = {"n": "\n", "r": "\r", "t": "\t", '"': '"', "\\": "\\"}


def text(raw, where):
    """A quoted string's value as Terraform reads it, from its source text as hcl2 lexed it
    (HCL's escapes: backslash ones, and $${ and %%{ for literal ${ and %{). An un-doubled
    ${ or %{ would be a template sequence, not text: an error here."""
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


def value(v, where):
    if isinstance(v, str):
        if v.startswith("${var.") and v.endswith("}") and v[6:-1].isidentifier():
            return {"$var": v[6:-1]}
        return text(v, where)
    if isinstance(v, bool) or isinstance(v, int):
        return v
    if isinstance(v, list):
        return [value(x, f"{where}[{i}]") for i, x in enumerate(v)]
    if isinstance(v, dict):
        return {pascal(k): value(x, f"{where}.{k}") for k, x in v.items() if k != "__is_block__"}
    raise ValueError(f"{where}: unexpected {v!r}")


def blocks(body, where):
    """The aws provider's form: a nested block is a one-item list, `alarms` a list."""
    out = {}
    for k, v in body.items():
        if k == "__is_block__":
            continue
        name = pascal(k)
        if isinstance(v, list) and v and all(isinstance(x, dict) and x.get("__is_block__") for x in v):
            items = [blocks(x, f"{where}.{k}") for x in v]
            if k == "alarms":
                out[name] = items
            elif len(items) == 1:
                out[name] = items[0]
            else:
                raise ValueError(f"{where}.{k}: {len(items)} blocks where one belongs")
        else:
            out[name] = value(v, f"{where}.{k}")
    return out


def read(source):
    # Strings come back as their source text (quotes and escapes as written), decoded by text().
    doc = hcl2.loads(source, serialization_options=hcl2.SerializationOptions(with_comments=False))
    result = {"aws": None, "awscc": None, "variables": []}
    for var in doc.get("variable", []):
        for name, body in var.items():
            result["variables"].append({"name": name.strip('"'), "type": body.get("type"), "description": text(body.get("description", '""'), name)})
    for res in doc.get("resource", []):
        for rtype, named in res.items():
            for _, body in named.items():
                rtype = rtype.strip('"')
                if rtype == "aws_sagemaker_endpoint":
                    result["aws"] = blocks(body, rtype)
                elif rtype == "awscc_sagemaker_endpoint":
                    result["awscc"] = {pascal(k): value(v, f"{rtype}.{k}") for k, v in body.items() if k != "__is_block__"}
                else:
                    raise ValueError(f"unexpected resource {rtype}")
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


main()
