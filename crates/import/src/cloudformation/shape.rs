//! The request's shapes as the infrastructure-as-code importers need them: which members a
//! structure has (in the API's spelling) and which scalar type each takes, so that
//! CloudFormation and Terraform texts can be checked member by member in their own spelling
//! and their strings converted as those tools convert them (`"60"` for an integer).
//! Shared by the CloudFormation and Terraform importers.

use designer_core::value::{Kind, Value};

/// What a member holds.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Shape {
    Str,
    Int,
    Float,
    Bool,
    /// A structure and its members.
    Struct(&'static [(&'static str, Shape)]),
    /// A list of structures.
    List(&'static [(&'static str, Shape)]),
}

const CAPACITY: &[(&str, Shape)] = &[("Type", Shape::Str), ("Value", Shape::Int)];

const ROUTING: &[(&str, Shape)] = &[
    ("Type", Shape::Str),
    ("WaitIntervalInSeconds", Shape::Int),
    ("CanarySize", Shape::Struct(CAPACITY)),
    ("LinearStepSize", Shape::Struct(CAPACITY)),
];

const BLUE_GREEN: &[(&str, Shape)] = &[
    ("TrafficRoutingConfiguration", Shape::Struct(ROUTING)),
    ("TerminationWaitInSeconds", Shape::Int),
    ("MaximumExecutionTimeoutInSeconds", Shape::Int),
];

const ROLLING: &[(&str, Shape)] = &[
    ("MaximumBatchSize", Shape::Struct(CAPACITY)),
    ("WaitIntervalInSeconds", Shape::Int),
    ("MaximumExecutionTimeoutInSeconds", Shape::Int),
    ("RollbackMaximumBatchSize", Shape::Struct(CAPACITY)),
];

const ALARM: &[(&str, Shape)] = &[("AlarmName", Shape::Str)];

const ROLLBACK: &[(&str, Shape)] = &[("Alarms", Shape::List(ALARM))];

/// `DeploymentConfig`.
pub const DEPLOYMENT_CONFIG: &[(&str, Shape)] = &[
    ("BlueGreenUpdatePolicy", Shape::Struct(BLUE_GREEN)),
    ("RollingUpdatePolicy", Shape::Struct(ROLLING)),
    ("AutoRollbackConfiguration", Shape::Struct(ROLLBACK)),
];

const VARIANT_PROPERTY: &[(&str, Shape)] = &[("VariantPropertyType", Shape::Str)];

/// `UpdateEndpointInput`: what `AWS::SageMaker::Endpoint` and `awscc_sagemaker_endpoint`
/// take (beyond tags), in the API's spelling.
pub const REQUEST: &[(&str, Shape)] = &[
    ("EndpointName", Shape::Str),
    ("EndpointConfigName", Shape::Str),
    ("RetainAllVariantProperties", Shape::Bool),
    (
        "ExcludeRetainedVariantProperties",
        Shape::List(VARIANT_PROPERTY),
    ),
    ("DeploymentConfig", Shape::Struct(DEPLOYMENT_CONFIG)),
    ("RetainDeploymentConfig", Shape::Bool),
];

const SERVERLESS: &[(&str, Shape)] = &[
    ("MemorySizeInMB", Shape::Int),
    ("MaxConcurrency", Shape::Int),
    ("ProvisionedConcurrency", Shape::Int),
];

/// The `ProductionVariant` members the designer models; an endpoint config's other members
/// (volume size, health-check timeouts, routing) are dropped, since they do not change how a
/// deployment runs.
pub const VARIANT: &[(&str, Shape)] = &[
    ("VariantName", Shape::Str),
    ("ModelName", Shape::Str),
    ("InstanceType", Shape::Str),
    ("InitialInstanceCount", Shape::Int),
    ("InitialVariantWeight", Shape::Float),
    ("AcceleratorType", Shape::Str),
    ("ServerlessConfig", Shape::Struct(SERVERLESS)),
];

/// The shape of member `name` of `members`.
pub fn member(members: &[(&'static str, Shape)], name: &str) -> Option<Shape> {
    members.iter().find(|(n, _)| *n == name).map(|(_, s)| *s)
}

/// Converts a scalar the way CloudFormation and Terraform do before they call the API: a
/// string holding a number where a number is due, `"true"`/`"false"` where a boolean is
/// due, a number or boolean where a string is due. Anything else is kept, for the schema
/// walk to refuse with its own message.
pub fn convert(value: Value, shape: Shape) -> Value {
    let pos = value.pos;
    let kind = match (shape, value.kind) {
        (Shape::Int, Kind::Str(s)) => match s.trim().parse::<i64>() {
            Ok(n) => Kind::Int {
                text: s.trim().to_string(),
                value: Some(n),
            },
            Err(_) => Kind::Str(s),
        },
        (Shape::Float, Kind::Str(s)) => match s.trim().parse::<f64>() {
            Ok(f) if f.is_finite() => Kind::Float {
                text: s.trim().to_string(),
                value: Some(f),
            },
            _ => Kind::Str(s),
        },
        (Shape::Bool, Kind::Str(s)) => match s.trim() {
            "true" | "True" | "TRUE" => Kind::Bool(true),
            "false" | "False" | "FALSE" => Kind::Bool(false),
            _ => Kind::Str(s),
        },
        // A whole number written with a fraction or exponent (`120.0`, `1.2e2`).
        #[allow(clippy::cast_possible_truncation)]
        (
            Shape::Int,
            Kind::Float {
                text,
                value: Some(f),
            },
        ) if f.fract() == 0.0 && f.abs() < 9.0e15 => Kind::Int {
            text,
            value: Some(f as i64),
        },
        (Shape::Str, Kind::Int { text, .. } | Kind::Float { text, .. }) => Kind::Str(text),
        (Shape::Str, Kind::Bool(b)) => Kind::Str(b.to_string()),
        (_, kind) => kind,
    };
    Value { pos, kind }
}
