"""The stand-in for aws_cdk.aws_sagemaker: CfnEndpoint and its CfnEndpoint.<Name>Property
structs, each keyword checked against aws-cdk-lib's sagemaker.generated.d.ts (the path is in
the CDK_DTS environment variable), each struct turned into CloudFormation's spelling."""
import os
import re

from . import Stack

_DTS = open(os.environ["CDK_DTS"], encoding="utf-8").read()
_NS = _DTS[_DTS.index("export declare namespace CfnEndpoint {"):]
_NS = _NS[:_NS.index("\n}\n")]
STRUCTS = {
    m.group(1): set(re.findall(r"readonly (\w+)\??:", m.group(2)))
    for m in re.finditer(r"interface (\w+Property) \{(.*?)\n    \}", _NS, re.S)
}
_PROPS = _DTS[_DTS.index("export interface CfnEndpointProps {"):]
PROPS = set(re.findall(r"readonly (\w+)\??:", _PROPS[:_PROPS.index("\n}\n")]))


def _camel(snake):
    head, *rest = snake.split("_")
    return head + "".join(p[:1].upper() + p[1:] for p in rest)


def _cfn(value):
    if isinstance(value, _Struct):
        return value.cfn()
    if isinstance(value, list):
        return [_cfn(v) for v in value]
    if isinstance(value, dict):
        raise TypeError("a struct must be its CfnEndpoint.<Name>Property class here, not a dict")
    return value


def _props(kwargs, allowed, what):
    out = {}
    for k, v in kwargs.items():
        camel = _camel(k)
        if camel not in allowed:
            raise TypeError(f"{what} has no keyword {k!r} (allowed: {sorted(allowed)})")
        out[camel[:1].upper() + camel[1:]] = _cfn(v)
    return out


class _Struct:
    def __init__(self, name, kwargs):
        self.name = name
        self.props = _props(kwargs, STRUCTS[name], f"CfnEndpoint.{name}")

    def cfn(self):
        return self.props


class _StructClass:
    def __init__(self, name):
        self.name = name

    def __call__(self, **kwargs):
        return _Struct(self.name, kwargs)


class _Meta(type):
    def __getattr__(cls, name):
        if name in STRUCTS:
            return _StructClass(name)
        raise AttributeError(f"CfnEndpoint has no {name} in aws-cdk-lib")


class CfnEndpoint(metaclass=_Meta):
    def __init__(self, scope, construct_id, **kwargs):
        assert isinstance(scope, Stack), "a CfnEndpoint's scope is a Stack"
        scope.resources[construct_id] = {
            "Type": "AWS::SageMaker::Endpoint",
            "Properties": _props(kwargs, PROPS, "CfnEndpoint"),
        }
