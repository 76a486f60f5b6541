"""Reads Terraform exports with python-hcl2 and maps their resources back onto the
UpdateEndpoint request (PascalCase), so the Rust tests can compare it with the design, and
the alarms they define back onto PutMetricAlarm's input.

Usage: hcl_read.py CASES.json RESULTS.json, where CASES maps a name to HCL text. Each result
is {"aws": request|null, "awscc": request|null, "variables": [...], "alarms": {"<type>.<name>":
PutMetricAlarm input, ...}} or {"error": "..."}; a reference to another resource's attribute
is {"$ref": "<type>.<name>.<attribute>"}. A string that would be a template (an un-doubled ${
or %{) is an error: it would not be data.
"""
import json
import re
import sys

import hcl2

RENAMED = {"name": "EndpointName"}


def pascal(snake):
    return RENAMED.get(snake) or plain_pascal(snake)


def plain_pascal(snake):
    """Without the aws provider's renames: an object's `name` is `Name` (a dimension's)."""
    return "".join(p[:1].upper() + p[1:] for p in snake.split("_"))


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


# An HCL number with an exponent, which python-hcl2 hands back as an expression: ${1e-7}.
NUMBER = re.compile(r"^\$\{(-?[0-9]+(\.[0-9]+)?[eE][+-]?[0-9]+)\}$")
# A reference to another resource's attribute: ${aws_cloudwatch_metric_alarm.alarm_x.alarm_name}.
REFERENCE = re.compile(r"^\$\{([a-z0-9_]+\.[A-Za-z0-9_-]+\.[a-z_]+)\}$")


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
        return {plain_pascal(k): value(x, f"{where}.{k}") for k, x in v.items() if k != "__is_block__"}
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


def dimension_map(v, where):
    """The aws provider's `dimensions` map back as CloudWatch's [{Name, Value}]."""
    if not isinstance(v, dict):
        raise ValueError(f"{where}: dimensions is not a map: {v!r}")
    return [{"Name": text(k, where) if k.startswith('"') else k, "Value": value(x, f"{where}.{k}")} for k, x in v.items()]


def aws_alarm(body, where):
    """An aws_cloudwatch_metric_alarm back as PutMetricAlarm's input: `dimensions` maps as
    lists, `metric_query` blocks as `Metrics`, each `metric` block as a `MetricStat`."""
    out = {}
    for k, v in body.items():
        if k == "__is_block__":
            continue
        if k == "dimensions":
            out["Dimensions"] = dimension_map(v, f"{where}.{k}")
        elif k == "metric_query":
            out["Metrics"] = [query(q, f"{where}.metric_query[{i}]") for i, q in enumerate(v)]
        else:
            out[pascal(k)] = value(v, f"{where}.{k}")
    return out


def query(body, where):
    out = {}
    for k, v in body.items():
        if k == "__is_block__":
            continue
        if k == "metric":
            if len(v) != 1:
                raise ValueError(f"{where}: {len(v)} metric blocks where one belongs")
            metric, stat = {}, {}
            for mk, mv in v[0].items():
                if mk == "__is_block__":
                    continue
                if mk == "dimensions":
                    metric["Dimensions"] = dimension_map(mv, f"{where}.metric.{mk}")
                elif mk in ("namespace", "metric_name"):
                    metric[pascal(mk)] = value(mv, f"{where}.metric.{mk}")
                else:
                    stat[pascal(mk)] = value(mv, f"{where}.metric.{mk}")
            out["MetricStat"] = {"Metric": metric, **stat}
        else:
            out[pascal(k)] = value(v, f"{where}.{k}")
    return out


def read(source):
    # Strings come back as their source text (quotes and escapes as written), decoded by text().
    doc = hcl2.loads(source, serialization_options=hcl2.SerializationOptions(with_comments=False))
    result = {"aws": None, "awscc": None, "variables": [], "alarms": {}}
    for var in doc.get("variable", []):
        for name, body in var.items():
            result["variables"].append({"name": name.strip('"'), "type": body.get("type"), "description": text(body.get("description", '""'), name)})
    for res in doc.get("resource", []):
        for rtype, named in res.items():
            for local, body in named.items():
                rtype = rtype.strip('"')
                key = f"{rtype}.{local.strip(chr(34))}"
                if key in result["alarms"]:
                    raise ValueError(f"two resources are called {key}")
                if rtype == "aws_cloudwatch_metric_alarm":
                    result["alarms"][key] = aws_alarm(body, key)
                elif rtype == "awscc_cloudwatch_alarm":
                    result["alarms"][key] = {pascal(k): value(v, f"{key}.{k}") for k, v in body.items() if k != "__is_block__"}
                elif rtype == "aws_sagemaker_endpoint":
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
