"""What the stand-in L1 classes (CfnEndpoint, CfnAlarm) share: their props and struct classes
read from aws-cdk-lib's TypeScript declarations, each keyword checked against them, each
struct turned into CloudFormation's spelling, and `ref` as CloudFormation's `Ref`."""
import os
import re

from . import Stack


def declarations(dts_path, cls):
    """The props of `cls` and the members of each of its `<Name>Property` structs, as the
    declarations file names them (camelCase)."""
    dts = open(dts_path, encoding="utf-8").read()
    ns = dts[dts.index(f"export declare namespace {cls} {{"):]
    ns = ns[:ns.index("\n}\n")]
    structs = {
        m.group(1): set(re.findall(r"readonly (\w+)\??:", m.group(2)))
        for m in re.finditer(r"interface (\w+Property) \{(.*?)\n    \}", ns, re.S)
    }
    props = dts[dts.index(f"export interface {cls}Props {{"):]
    return structs, set(re.findall(r"readonly (\w+)\??:", props[:props.index("\n}\n")]))


def module_dts(module, name):
    """The declarations of another aws-cdk-lib module than CDK_DTS's (aws-sagemaker's)."""
    lib = os.path.dirname(os.path.dirname(os.path.dirname(os.environ["CDK_DTS"])))
    return os.path.join(lib, module, "lib", f"{name}.generated.d.ts")


class Ref:
    """A resource's `ref`: CloudFormation's `{"Ref": <logical id>}` once synthesised."""

    def __init__(self, logical_id):
        self.logical_id = logical_id


def _camel(snake):
    head, *rest = snake.split("_")
    return head + "".join(p[:1].upper() + p[1:] for p in rest)


def _cfn(value):
    if isinstance(value, _Struct):
        return value.cfn()
    if isinstance(value, Ref):
        return {"Ref": value.logical_id}
    if isinstance(value, list):
        return [_cfn(v) for v in value]
    if isinstance(value, dict):
        raise TypeError("a struct must be its <Class>.<Name>Property class here, not a dict")
    return value


# Props whose CloudFormation name is not the plain conversion (aws-cdk-lib's generated
# code maps them so).
IRREGULAR = {"MemorySizeInMb": "MemorySizeInMB"}


def _props(kwargs, allowed, what):
    out = {}
    for k, v in kwargs.items():
        camel = _camel(k)
        if camel not in allowed:
            raise TypeError(f"{what} has no keyword {k!r} (allowed: {sorted(allowed)})")
        pascal = camel[:1].upper() + camel[1:]
        out[IRREGULAR.get(pascal, pascal)] = _cfn(v)
    return out


class _Struct:
    def __init__(self, cls, name, allowed, kwargs):
        self.props = _props(kwargs, allowed, f"{cls}.{name}")

    def cfn(self):
        return self.props


def l1_class(cls, resource_type, dts_path):
    """A stand-in for the L1 class `cls` of `resource_type`, declared in `dts_path`."""
    structs, props = declarations(dts_path, cls)

    class _Meta(type):
        def __getattr__(self, name):
            if name in structs:
                return lambda **kwargs: _Struct(cls, name, structs[name], kwargs)
            raise AttributeError(f"{cls} has no {name} in aws-cdk-lib")

    class L1(metaclass=_Meta):
        def __init__(self, scope, construct_id, **kwargs):
            assert isinstance(scope, Stack), f"a {cls}'s scope is a Stack"
            assert construct_id not in scope.resources, f"two constructs are called {construct_id}"
            self._resource = scope.resources[construct_id] = {
                "Type": resource_type,
                "Properties": _props(kwargs, props, cls),
            }
            self.ref = Ref(construct_id)
            self.logical_id = construct_id

        def add_dependency(self, target):
            """CfnResource.addDependency: the target's logical id in DependsOn."""
            assert hasattr(target, "logical_id"), "add_dependency takes another L1 construct"
            self._resource.setdefault("DependsOn", []).append(target.logical_id)

    L1.__name__ = L1.__qualname__ = cls
    return L1
