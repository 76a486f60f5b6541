"""Prints cfn-lint's bundled resource schema of a resource type (us-east-1; by default
AWS::SageMaker::Endpoint) as JSON, so the Rust tests can check the project's CloudFormation
facts against it.

Usage: cfn_schema.py [TYPE]"""
import json
import sys

from cfnlint.schema import PROVIDER_SCHEMA_MANAGER

TYPE = sys.argv[1] if len(sys.argv) > 1 else "AWS::SageMaker::Endpoint"
print(json.dumps(PROVIDER_SCHEMA_MANAGER.get_resource_schema("us-east-1", TYPE).schema))
