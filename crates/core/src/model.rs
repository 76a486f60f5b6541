//! The request and design-document types, mirroring the SageMaker API shapes.
//!
//! Every member is optional in Rust, even where the API requires it: a design being
//! written is often incomplete, and a missing required member is a validation finding
//! (VALIDATION.md R1..R7), not something the type system should make unrepresentable.
//! Serialising a request gives exactly the `--cli-input-json` form: PascalCase, absent
//! members omitted, enums in their wire spelling.

use serde::Serialize;

/// `UpdateEndpointInput`: the whole request, in the order of the boto3 reference page.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct UpdateEndpointInput {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub endpoint_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub endpoint_config_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retain_all_variant_properties: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exclude_retained_variant_properties: Option<Vec<VariantProperty>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deployment_config: Option<DeploymentConfig>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retain_deployment_config: Option<bool>,
}

/// `VariantProperty`: one entry of `ExcludeRetainedVariantProperties`.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct VariantProperty {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub variant_property_type: Option<VariantPropertyType>,
}

/// `DeploymentConfig`.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct DeploymentConfig {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub blue_green_update_policy: Option<BlueGreenUpdatePolicy>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rolling_update_policy: Option<RollingUpdatePolicy>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub auto_rollback_configuration: Option<AutoRollbackConfig>,
}

/// `BlueGreenUpdatePolicy`.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct BlueGreenUpdatePolicy {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub traffic_routing_configuration: Option<TrafficRoutingConfig>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub termination_wait_in_seconds: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub maximum_execution_timeout_in_seconds: Option<i64>,
}

/// `TrafficRoutingConfig` (the member is named `TrafficRoutingConfiguration`).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct TrafficRoutingConfig {
    #[serde(rename = "Type", skip_serializing_if = "Option::is_none")]
    pub type_: Option<TrafficRoutingConfigType>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub wait_interval_in_seconds: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub canary_size: Option<CapacitySize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub linear_step_size: Option<CapacitySize>,
}

/// `RollingUpdatePolicy`.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct RollingUpdatePolicy {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub maximum_batch_size: Option<CapacitySize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub wait_interval_in_seconds: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub maximum_execution_timeout_in_seconds: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rollback_maximum_batch_size: Option<CapacitySize>,
}

/// `CapacitySize`: a number of instances or a percentage of the variant's fleet.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct CapacitySize {
    #[serde(rename = "Type", skip_serializing_if = "Option::is_none")]
    pub type_: Option<CapacitySizeType>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<i64>,
}

/// `AutoRollbackConfig` (the member is named `AutoRollbackConfiguration`).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct AutoRollbackConfig {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alarms: Option<Vec<Alarm>>,
}

/// `Alarm`: a CloudWatch alarm watched during baking periods.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Alarm {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alarm_name: Option<String>,
}

/// Declares a string enum of the service model that also keeps values it does not know,
/// so that an unknown value is a validation finding (R2, R4, R5) rather than lost input.
macro_rules! wire_enum {
    ($(#[$doc:meta])* $name:ident { $($variant:ident => $wire:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
        #[serde(into = "String")]
        pub enum $name {
            $($variant,)+
            /// A value the service model does not list, kept as typed.
            Other(String),
        }

        impl $name {
            /// The known values, in the service model's order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// The wire spellings of the known values, in the service model's order.
            pub const WIRE: &'static [&'static str] = &[$($wire),+];

            /// The value as the API spells it.
            pub fn wire(&self) -> &str {
                match self {
                    $($name::$variant => $wire,)+
                    $name::Other(s) => s.as_str(),
                }
            }

            /// Reads a wire spelling; anything else becomes `Other`.
            pub fn from_wire(s: &str) -> Self {
                match s {
                    $($wire => $name::$variant,)+
                    other => $name::Other(other.to_string()),
                }
            }

            /// True for a value the service model lists.
            pub fn is_known(&self) -> bool {
                !matches!(self, $name::Other(_))
            }
        }

        impl From<$name> for String {
            fn from(v: $name) -> String {
                v.wire().to_string()
            }
        }
    };
}

wire_enum!(
    /// `TrafficRoutingConfigType`.
    TrafficRoutingConfigType {
        AllAtOnce => "ALL_AT_ONCE",
        Canary => "CANARY",
        Linear => "LINEAR",
    }
);

wire_enum!(
    /// `CapacitySizeType`.
    CapacitySizeType {
        InstanceCount => "INSTANCE_COUNT",
        CapacityPercent => "CAPACITY_PERCENT",
    }
);

wire_enum!(
    /// `VariantPropertyType`.
    VariantPropertyType {
        DesiredInstanceCount => "DesiredInstanceCount",
        DesiredWeight => "DesiredWeight",
        DataCaptureConfig => "DataCaptureConfig",
    }
);

/// The design document of CONTRACT.md: what is saved, shared, imported and downloaded.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct DesignDocument {
    pub version: u32,
    pub request: UpdateEndpointInput,
    pub endpoint: EndpointContext,
    /// Alarm definitions, linked to the request's rollback alarms by name. Omitted when empty.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub alarms: Vec<MetricAlarm>,
    pub simulation: SimulationSettings,
    /// The team's rules file as loaded, in its JSON form (compact JSON text; Version 2's
    /// `Rules`). The page checks it with `designer-team`; the core only keeps it.
    #[serde(skip)]
    pub rules: Option<String>,
    /// Values an imported text did not give (a variable, an f-string, a template reference):
    /// each is an error finding until the user types a value. Omitted when empty.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub placeholders: Vec<Placeholder>,
}

/// One alarm definition of the design (Version 2's `Alarms`), in CloudWatch
/// `PutMetricAlarm`'s members and spelling. It is linked to the request's rollback alarms
/// by `AlarmName`; a rollback alarm with no definition is defined elsewhere.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct MetricAlarm {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alarm_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metric_name: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub dimensions: Vec<Dimension>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub statistic: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub extended_statistic: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evaluation_periods: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub datapoints_to_alarm: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub threshold: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comparison_operator: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub treat_missing_data: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// Metric math: the queries of `PutMetricAlarm`'s `Metrics` (instead of a single metric).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub metrics: Vec<MetricDataQuery>,
}

/// CloudWatch's `Dimension`.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Dimension {
    pub name: String,
    pub value: String,
}

/// CloudWatch's `MetricDataQuery`: one metric (`MetricStat`) or an expression over others.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct MetricDataQuery {
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expression: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metric_stat: Option<MetricStat>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub return_data: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period: Option<i64>,
}

/// CloudWatch's `MetricStat`, with its `Metric` members (`Namespace`, `MetricName`,
/// `Dimensions`).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct MetricStat {
    pub metric: Metric,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stat: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
}

/// CloudWatch's `Metric`.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Metric {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metric_name: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub dimensions: Vec<Dimension>,
}

/// One instance type's quota "<type> for endpoint usage" (Version 2's `Endpoint.Quotas`).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct InstanceQuota {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub instance_type: Option<String>,
    /// The account's quota for the type, in instances.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<i64>,
    /// What the account's other endpoints already use of it (absent: 0).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub in_use: Option<i64>,
}

/// The failure drill of the simulation (Version 2's `Simulation.Failure`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "Kind")]
pub enum Failure {
    /// A problem starts at `AtSeconds`: the design's alarms trip after their detection time
    /// (at once when the design defines none).
    #[serde(rename = "alarm", rename_all = "PascalCase")]
    Alarm { at_seconds: i64 },
}

/// A value the imported text did not give: where it belongs and what the text wrote there.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Placeholder {
    /// VALIDATION.md's path form, e.g. `EndpointName` or `Endpoint.NewVariants[0].InstanceType`.
    pub path: String,
    /// The expression the text used, e.g. `os.environ["ENDPOINT"]` or `var.endpoint_name`.
    pub expression: String,
    /// 1-based line of the expression in the imported text, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    /// 1-based column (in characters), when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<u32>,
}

/// The current design-document version.
pub const DOCUMENT_VERSION: u32 = 2;

/// What the endpoint looks like before and after the update (not part of the request).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct EndpointContext {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub current_endpoint_config_name: Option<String>,
    pub current_variants: Vec<ProductionVariant>,
    pub new_variants: Vec<ProductionVariant>,
    /// The endpoint's containers come from AWS Marketplace (VALIDATION.md S8: no
    /// guardrails). Not an API member; omitted from the document when false.
    #[serde(skip_serializing_if = "is_false")]
    pub uses_marketplace_containers: bool,
    /// Per instance type, the account's quota and what other endpoints use of it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub quotas: Vec<InstanceQuota>,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// The members of the API's `ProductionVariant` shape that a deployment depends on.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ProductionVariant {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub variant_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub model_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub instance_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub initial_instance_count: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub initial_variant_weight: Option<f64>,
    /// Elastic Inference accelerator (`ml.eia*`): guardrails fall back to all-at-once (S8).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub accelerator_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub serverless_config: Option<ServerlessConfig>,
}

/// `ProductionVariantServerlessConfig`.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ServerlessConfig {
    #[serde(rename = "MemorySizeInMB", skip_serializing_if = "Option::is_none")]
    pub memory_size_in_mb: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_concurrency: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub provisioned_concurrency: Option<i64>,
}

/// Settings of the simulated deployment (SIMULATION.md's inputs that AWS does not publish).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct SimulationSettings {
    /// P: seconds to provision a batch of instances.
    pub provisioning_seconds: i64,
    /// The failure drill; `null` when none.
    pub failure: Option<Failure>,
}

impl SimulationSettings {
    /// The second a problem starts in an alarm drill (Version 1's `AlarmTripAtSeconds`).
    pub fn alarm_at(&self) -> Option<i64> {
        match self.failure {
            Some(Failure::Alarm { at_seconds }) => Some(at_seconds),
            None => None,
        }
    }

    /// Sets (or clears) an alarm drill starting at `at`.
    pub fn set_alarm_at(&mut self, at: Option<i64>) {
        self.failure = at.map(|at_seconds| Failure::Alarm { at_seconds });
    }
}

/// Default provisioning time P (an assumption: AWS publishes no figure).
pub const DEFAULT_PROVISIONING_SECONDS: i64 = 300;

impl Default for SimulationSettings {
    fn default() -> Self {
        SimulationSettings {
            provisioning_seconds: DEFAULT_PROVISIONING_SECONDS,
            failure: None,
        }
    }
}

impl ProductionVariant {
    /// An instance-based variant.
    pub fn instances(name: &str, instance_type: &str, count: i64) -> Self {
        ProductionVariant {
            variant_name: Some(name.to_string()),
            instance_type: Some(instance_type.to_string()),
            initial_instance_count: Some(count),
            initial_variant_weight: Some(1.0),
            ..Default::default()
        }
    }

    /// True when the variant is serverless rather than instance-based.
    pub fn is_serverless(&self) -> bool {
        self.serverless_config.is_some()
    }
}

impl Default for EndpointContext {
    /// CONTRACT.md's default: one variant `AllTraffic`, `ml.m5.xlarge`, 4 instances before and after.
    fn default() -> Self {
        let v = ProductionVariant::instances("AllTraffic", "ml.m5.xlarge", 4);
        EndpointContext {
            current_endpoint_config_name: None,
            current_variants: vec![v.clone()],
            new_variants: vec![v],
            uses_marketplace_containers: false,
            quotas: Vec::new(),
        }
    }
}

impl Default for DesignDocument {
    /// An empty request on the default endpoint context.
    fn default() -> Self {
        DesignDocument {
            version: DOCUMENT_VERSION,
            request: UpdateEndpointInput::default(),
            endpoint: EndpointContext::default(),
            alarms: Vec::new(),
            simulation: SimulationSettings::default(),
            rules: None,
            placeholders: Vec::new(),
        }
    }
}

impl CapacitySize {
    /// A size of `value` instances.
    pub fn instances(value: i64) -> Self {
        CapacitySize {
            type_: Some(CapacitySizeType::InstanceCount),
            value: Some(value),
        }
    }

    /// A size of `value` percent of the fleet.
    pub fn percent(value: i64) -> Self {
        CapacitySize {
            type_: Some(CapacitySizeType::CapacityPercent),
            value: Some(value),
        }
    }
}

/// The deployment strategy a request selects, as the simulator and the page see it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Strategy {
    /// No `DeploymentConfig` or no update policy: blue/green all at once with no bake.
    Default,
    AllAtOnce,
    Canary,
    Linear,
    Rolling,
}

impl Strategy {
    /// A short human label.
    pub fn label(self) -> &'static str {
        match self {
            Strategy::Default => "Default (all at once, no bake)",
            Strategy::AllAtOnce => "Blue/green, all at once",
            Strategy::Canary => "Blue/green, canary",
            Strategy::Linear => "Blue/green, linear",
            Strategy::Rolling => "Rolling",
        }
    }
}

impl UpdateEndpointInput {
    /// The strategy the request selects. With both policies present (an S1 error) the
    /// blue/green policy is reported; an unknown routing type counts as all at once.
    pub fn strategy(&self) -> Strategy {
        let Some(dc) = &self.deployment_config else {
            return Strategy::Default;
        };
        if let Some(bg) = &dc.blue_green_update_policy {
            return match bg
                .traffic_routing_configuration
                .as_ref()
                .and_then(|t| t.type_.as_ref())
            {
                Some(TrafficRoutingConfigType::Canary) => Strategy::Canary,
                Some(TrafficRoutingConfigType::Linear) => Strategy::Linear,
                _ => Strategy::AllAtOnce,
            };
        }
        if dc.rolling_update_policy.is_some() {
            return Strategy::Rolling;
        }
        Strategy::Default
    }
}
