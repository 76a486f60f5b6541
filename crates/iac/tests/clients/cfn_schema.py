"""Prints cfn-lint's bundled resource schema of AWS::SageMaker::Endpoint (us-east-1) as JSON,
so the Rust tests can check the project's CloudFormation facts against it."""
import json

from cfnlint.schema import PROVIDER_SCHEMA_MANAGER

print(json.dumps(PROVIDER_SCHEMA_MANAGER.get_resource_schema("us-east-1", "AWS::SageMaker::Endpoint").schema))
