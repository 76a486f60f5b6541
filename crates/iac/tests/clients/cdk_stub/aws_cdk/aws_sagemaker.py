"""The stand-in for aws_cdk.aws_sagemaker: CfnEndpoint, CfnEndpointConfig and their <Class>.<Name>Property
structs, each keyword checked against aws-cdk-lib's sagemaker.generated.d.ts (the path is in
the CDK_DTS environment variable), each struct turned into CloudFormation's spelling."""
import os

from ._l1 import l1_class

CfnEndpoint = l1_class("CfnEndpoint", "AWS::SageMaker::Endpoint", os.environ["CDK_DTS"])
CfnEndpointConfig = l1_class("CfnEndpointConfig", "AWS::SageMaker::EndpointConfig", os.environ["CDK_DTS"])
