"""A stand-in for aws-cdk-lib's Python package, just enough to run a CDK app export: App,
Stack, aws_sagemaker.CfnEndpoint and aws_cloudwatch.CfnAlarm, whose props (and struct
classes) are checked against the TypeScript declarations aws-cdk-lib ships. The runner reads
what the app built from SYNTHS."""

SYNTHS = []


class App:
    def __init__(self, *args, **kwargs):
        self.stacks = []

    def synth(self):
        SYNTHS.append(self)


class Stack:
    def __init__(self, scope, construct_id, **kwargs):
        assert isinstance(scope, App), "a Stack's scope is the App"
        self.id = construct_id
        self.resources = {}
        scope.stacks.append(self)
