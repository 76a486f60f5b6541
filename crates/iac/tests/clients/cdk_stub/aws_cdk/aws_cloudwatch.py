"""The stand-in for aws_cdk.aws_cloudwatch: CfnAlarm and its CfnAlarm.<Name>Property structs,
each keyword checked against aws-cdk-lib's cloudwatch.generated.d.ts (beside the sagemaker
declarations CDK_DTS names); `ref` is CloudFormation's Ref of the alarm."""
from ._l1 import l1_class, module_dts

CfnAlarm = l1_class("CfnAlarm", "AWS::CloudWatch::Alarm", module_dts("aws-cloudwatch", "cloudwatch"))
