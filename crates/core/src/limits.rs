//! The SageMaker service model's facts that validation, import and the form rely on:
//! shape names, member lists, limits, patterns and enum values, as our own constants.
//! `tests/service_model.rs` checks every one of them against botocore's copy of the model.

/// The shapes of `service-2.json` (botocore's SageMaker model) this crate relies on.
pub mod shape {
    pub const UPDATE_ENDPOINT_INPUT: &str = "UpdateEndpointInput";
    pub const VARIANT_PROPERTY_LIST: &str = "VariantPropertyList";
    pub const VARIANT_PROPERTY: &str = "VariantProperty";
    pub const VARIANT_PROPERTY_TYPE: &str = "VariantPropertyType";
    pub const DEPLOYMENT_CONFIG: &str = "DeploymentConfig";
    pub const BLUE_GREEN_UPDATE_POLICY: &str = "BlueGreenUpdatePolicy";
    pub const TRAFFIC_ROUTING_CONFIG: &str = "TrafficRoutingConfig";
    pub const TRAFFIC_ROUTING_CONFIG_TYPE: &str = "TrafficRoutingConfigType";
    pub const ROLLING_UPDATE_POLICY: &str = "RollingUpdatePolicy";
    pub const CAPACITY_SIZE: &str = "CapacitySize";
    pub const CAPACITY_SIZE_TYPE: &str = "CapacitySizeType";
    pub const CAPACITY_SIZE_VALUE: &str = "CapacitySizeValue";
    pub const AUTO_ROLLBACK_CONFIG: &str = "AutoRollbackConfig";
    pub const ALARM_LIST: &str = "AlarmList";
    pub const ALARM: &str = "Alarm";
    pub const ALARM_NAME: &str = "AlarmName";
    pub const ENDPOINT_NAME: &str = "EndpointName";
    pub const ENDPOINT_CONFIG_NAME: &str = "EndpointConfigName";
    pub const VARIANT_NAME: &str = "VariantName";
    pub const WAIT_INTERVAL_IN_SECONDS: &str = "WaitIntervalInSeconds";
    pub const TERMINATION_WAIT_IN_SECONDS: &str = "TerminationWaitInSeconds";
    pub const MAXIMUM_EXECUTION_TIMEOUT_IN_SECONDS: &str = "MaximumExecutionTimeoutInSeconds";
    pub const BOOLEAN: &str = "Boolean";
    pub const PRODUCTION_VARIANT_LIST: &str = "ProductionVariantList";
    pub const PRODUCTION_VARIANT: &str = "ProductionVariant";
    pub const INITIAL_TASK_COUNT: &str = "InitialTaskCount";
    pub const VARIANT_WEIGHT: &str = "VariantWeight";
    pub const MODEL_NAME: &str = "ModelName";
    pub const PRODUCTION_VARIANT_INSTANCE_TYPE: &str = "ProductionVariantInstanceType";
    pub const PRODUCTION_VARIANT_ACCELERATOR_TYPE: &str = "ProductionVariantAcceleratorType";
    pub const PRODUCTION_VARIANT_SERVERLESS_CONFIG: &str = "ProductionVariantServerlessConfig";
    pub const SERVERLESS_MEMORY_SIZE_IN_MB: &str = "ServerlessMemorySizeInMB";
    pub const SERVERLESS_MAX_CONCURRENCY: &str = "ServerlessMaxConcurrency";
    pub const SERVERLESS_PROVISIONED_CONCURRENCY: &str = "ServerlessProvisionedConcurrency";
}

/// One member of a structure shape: its name, the shape it points to, and whether the
/// model marks it required.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Member {
    /// The member's name as the API spells it (PascalCase).
    pub name: &'static str,
    /// The shape the member points to.
    pub shape: &'static str,
    /// Listed in the structure's `required`.
    pub required: bool,
}

const fn m(name: &'static str, shape: &'static str, required: bool) -> Member {
    Member {
        name,
        shape,
        required,
    }
}

/// A structure shape and its members, in the service model's order (botocore lists them in
/// this order in its "must be one of" message).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Structure {
    /// The shape's name.
    pub name: &'static str,
    /// Its members.
    pub members: &'static [Member],
    /// True when `members` is every member of the shape; false for `ProductionVariant`,
    /// of which the design document keeps only the members a deployment depends on.
    pub complete: bool,
}

impl Structure {
    /// The member called `name`, if the shape has it.
    pub fn member(&self, name: &str) -> Option<&'static Member> {
        self.members.iter().find(|m| m.name == name)
    }

    /// The member names joined as botocore joins them: `A, B, C`.
    pub fn member_names(&self) -> String {
        let names: Vec<&str> = self.members.iter().map(|m| m.name).collect();
        names.join(", ")
    }
}

/// The structures of the request (every member) and of the endpoint context (the members
/// the design document keeps). Import reads documents with these, validation names paths
/// with them.
pub const STRUCTURES: &[Structure] = &[
    Structure {
        name: shape::UPDATE_ENDPOINT_INPUT,
        members: &[
            m("EndpointName", shape::ENDPOINT_NAME, true),
            m("EndpointConfigName", shape::ENDPOINT_CONFIG_NAME, true),
            m("RetainAllVariantProperties", shape::BOOLEAN, false),
            m(
                "ExcludeRetainedVariantProperties",
                shape::VARIANT_PROPERTY_LIST,
                false,
            ),
            m("DeploymentConfig", shape::DEPLOYMENT_CONFIG, false),
            m("RetainDeploymentConfig", shape::BOOLEAN, false),
        ],
        complete: true,
    },
    Structure {
        name: shape::VARIANT_PROPERTY,
        members: &[m("VariantPropertyType", shape::VARIANT_PROPERTY_TYPE, true)],
        complete: true,
    },
    Structure {
        name: shape::DEPLOYMENT_CONFIG,
        members: &[
            m(
                "BlueGreenUpdatePolicy",
                shape::BLUE_GREEN_UPDATE_POLICY,
                false,
            ),
            m("RollingUpdatePolicy", shape::ROLLING_UPDATE_POLICY, false),
            m(
                "AutoRollbackConfiguration",
                shape::AUTO_ROLLBACK_CONFIG,
                false,
            ),
        ],
        complete: true,
    },
    Structure {
        name: shape::BLUE_GREEN_UPDATE_POLICY,
        members: &[
            m(
                "TrafficRoutingConfiguration",
                shape::TRAFFIC_ROUTING_CONFIG,
                true,
            ),
            m(
                "TerminationWaitInSeconds",
                shape::TERMINATION_WAIT_IN_SECONDS,
                false,
            ),
            m(
                "MaximumExecutionTimeoutInSeconds",
                shape::MAXIMUM_EXECUTION_TIMEOUT_IN_SECONDS,
                false,
            ),
        ],
        complete: true,
    },
    Structure {
        name: shape::TRAFFIC_ROUTING_CONFIG,
        members: &[
            m("Type", shape::TRAFFIC_ROUTING_CONFIG_TYPE, true),
            m(
                "WaitIntervalInSeconds",
                shape::WAIT_INTERVAL_IN_SECONDS,
                true,
            ),
            m("CanarySize", shape::CAPACITY_SIZE, false),
            m("LinearStepSize", shape::CAPACITY_SIZE, false),
        ],
        complete: true,
    },
    Structure {
        name: shape::ROLLING_UPDATE_POLICY,
        members: &[
            m("MaximumBatchSize", shape::CAPACITY_SIZE, true),
            m(
                "WaitIntervalInSeconds",
                shape::WAIT_INTERVAL_IN_SECONDS,
                true,
            ),
            m(
                "MaximumExecutionTimeoutInSeconds",
                shape::MAXIMUM_EXECUTION_TIMEOUT_IN_SECONDS,
                false,
            ),
            m("RollbackMaximumBatchSize", shape::CAPACITY_SIZE, false),
        ],
        complete: true,
    },
    Structure {
        name: shape::CAPACITY_SIZE,
        members: &[
            m("Type", shape::CAPACITY_SIZE_TYPE, true),
            m("Value", shape::CAPACITY_SIZE_VALUE, true),
        ],
        complete: true,
    },
    Structure {
        name: shape::AUTO_ROLLBACK_CONFIG,
        members: &[m("Alarms", shape::ALARM_LIST, false)],
        complete: true,
    },
    Structure {
        name: shape::ALARM,
        members: &[m("AlarmName", shape::ALARM_NAME, false)],
        complete: true,
    },
    Structure {
        name: shape::PRODUCTION_VARIANT,
        members: &[
            m("VariantName", shape::VARIANT_NAME, true),
            m("ModelName", shape::MODEL_NAME, false),
            m("InitialInstanceCount", shape::INITIAL_TASK_COUNT, false),
            m(
                "InstanceType",
                shape::PRODUCTION_VARIANT_INSTANCE_TYPE,
                false,
            ),
            m("InitialVariantWeight", shape::VARIANT_WEIGHT, false),
            m(
                "AcceleratorType",
                shape::PRODUCTION_VARIANT_ACCELERATOR_TYPE,
                false,
            ),
            m(
                "ServerlessConfig",
                shape::PRODUCTION_VARIANT_SERVERLESS_CONFIG,
                false,
            ),
        ],
        complete: false,
    },
    Structure {
        name: shape::PRODUCTION_VARIANT_SERVERLESS_CONFIG,
        members: &[
            m("MemorySizeInMB", shape::SERVERLESS_MEMORY_SIZE_IN_MB, true),
            m("MaxConcurrency", shape::SERVERLESS_MAX_CONCURRENCY, true),
            m(
                "ProvisionedConcurrency",
                shape::SERVERLESS_PROVISIONED_CONCURRENCY,
                false,
            ),
        ],
        complete: true,
    },
];

/// The structure shape called `name`, if this crate relies on it.
pub fn structure(name: &str) -> Option<&'static Structure> {
    STRUCTURES.iter().find(|s| s.name == name)
}

/// A list shape: the shape of its elements and its length bounds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ListShape {
    /// The list shape's name.
    pub name: &'static str,
    /// The shape of each element.
    pub member: &'static str,
    /// Fewest elements (`min`, 0 when the model gives none).
    pub min: usize,
    /// Most elements (`max`).
    pub max: usize,
}

/// `ExcludeRetainedVariantProperties`: at most 3 entries.
pub const VARIANT_PROPERTY_LIST: ListShape = ListShape {
    name: shape::VARIANT_PROPERTY_LIST,
    member: shape::VARIANT_PROPERTY,
    min: 0,
    max: 3,
};
/// `AutoRollbackConfiguration.Alarms`: 1 to 10 alarms.
pub const ALARM_LIST: ListShape = ListShape {
    name: shape::ALARM_LIST,
    member: shape::ALARM,
    min: 1,
    max: 10,
};
/// An endpoint config's `ProductionVariants`: 1 to 10 variants.
pub const PRODUCTION_VARIANT_LIST: ListShape = ListShape {
    name: shape::PRODUCTION_VARIANT_LIST,
    member: shape::PRODUCTION_VARIANT,
    min: 1,
    max: 10,
};

/// Every list shape this crate relies on.
pub const LISTS: &[ListShape] = &[VARIANT_PROPERTY_LIST, ALARM_LIST, PRODUCTION_VARIANT_LIST];

/// The bounds of an integer shape (`None`: the model sets no bound on that side).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IntRange {
    /// The shape's name.
    pub name: &'static str,
    /// Smallest allowed value.
    pub min: Option<i64>,
    /// Largest allowed value.
    pub max: Option<i64>,
}

impl IntRange {
    /// True when `v` is within both bounds.
    pub fn contains(&self, v: i64) -> bool {
        self.min.is_none_or(|lo| v >= lo) && self.max.is_none_or(|hi| v <= hi)
    }
}

/// A baking period: 0..3600 seconds.
pub const WAIT_INTERVAL_IN_SECONDS: IntRange = IntRange {
    name: shape::WAIT_INTERVAL_IN_SECONDS,
    min: Some(0),
    max: Some(3600),
};
/// The wait before the old fleet is terminated: 0..3600 seconds.
pub const TERMINATION_WAIT_IN_SECONDS: IntRange = IntRange {
    name: shape::TERMINATION_WAIT_IN_SECONDS,
    min: Some(0),
    max: Some(3600),
};
/// The deployment's time limit: 600..28800 seconds (10 minutes to 8 hours).
pub const MAXIMUM_EXECUTION_TIMEOUT_IN_SECONDS: IntRange = IntRange {
    name: shape::MAXIMUM_EXECUTION_TIMEOUT_IN_SECONDS,
    min: Some(600),
    max: Some(28800),
};
/// A capacity size's value: at least 1.
pub const CAPACITY_SIZE_VALUE: IntRange = IntRange {
    name: shape::CAPACITY_SIZE_VALUE,
    min: Some(1),
    max: None,
};
/// A variant's instance count: at least 1.
pub const INITIAL_TASK_COUNT: IntRange = IntRange {
    name: shape::INITIAL_TASK_COUNT,
    min: Some(1),
    max: None,
};
/// Serverless memory: 1024..6144 MB.
pub const SERVERLESS_MEMORY_SIZE_IN_MB: IntRange = IntRange {
    name: shape::SERVERLESS_MEMORY_SIZE_IN_MB,
    min: Some(1024),
    max: Some(6144),
};
/// Serverless concurrent invocations: 1..200.
pub const SERVERLESS_MAX_CONCURRENCY: IntRange = IntRange {
    name: shape::SERVERLESS_MAX_CONCURRENCY,
    min: Some(1),
    max: Some(200),
};
/// Serverless provisioned concurrency: 1..200.
pub const SERVERLESS_PROVISIONED_CONCURRENCY: IntRange = IntRange {
    name: shape::SERVERLESS_PROVISIONED_CONCURRENCY,
    min: Some(1),
    max: Some(200),
};

/// Every integer shape this crate relies on.
pub const INT_RANGES: &[IntRange] = &[
    WAIT_INTERVAL_IN_SECONDS,
    TERMINATION_WAIT_IN_SECONDS,
    MAXIMUM_EXECUTION_TIMEOUT_IN_SECONDS,
    CAPACITY_SIZE_VALUE,
    INITIAL_TASK_COUNT,
    SERVERLESS_MEMORY_SIZE_IN_MB,
    SERVERLESS_MAX_CONCURRENCY,
    SERVERLESS_PROVISIONED_CONCURRENCY,
];

/// `VariantWeight` (a float): at least 0.
pub const VARIANT_WEIGHT_MIN: f64 = 0.0;

/// The model's integers are 32-bit on the wire; a larger number cannot be sent.
pub const INT32_MIN: i64 = i32::MIN as i64;
/// See [`INT32_MIN`].
pub const INT32_MAX: i64 = i32::MAX as i64;

/// The bounds of a string shape, in characters, and its pattern.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StringShape {
    /// The shape's name.
    pub name: &'static str,
    /// Fewest characters.
    pub min: usize,
    /// Most characters.
    pub max: usize,
    /// The pattern the whole value must match, as the model spells it.
    pub pattern: &'static str,
}

/// The pattern of endpoint, endpoint-config and variant names.
pub const NAME_PATTERN: &str = "[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}";
/// The pattern of an alarm name: not blank.
pub const ALARM_NAME_PATTERN: &str = r"(?!\s*$).+";

/// `EndpointName`: up to 63 characters of [`NAME_PATTERN`].
pub const ENDPOINT_NAME: StringShape = StringShape {
    name: shape::ENDPOINT_NAME,
    min: 0,
    max: 63,
    pattern: NAME_PATTERN,
};
/// `EndpointConfigName`: as [`ENDPOINT_NAME`].
pub const ENDPOINT_CONFIG_NAME: StringShape = StringShape {
    name: shape::ENDPOINT_CONFIG_NAME,
    min: 0,
    max: 63,
    pattern: NAME_PATTERN,
};
/// `VariantName`: as [`ENDPOINT_NAME`].
pub const VARIANT_NAME: StringShape = StringShape {
    name: shape::VARIANT_NAME,
    min: 0,
    max: 63,
    pattern: NAME_PATTERN,
};
/// `AlarmName`: 1..255 characters, not blank.
pub const ALARM_NAME: StringShape = StringShape {
    name: shape::ALARM_NAME,
    min: 1,
    max: 255,
    pattern: ALARM_NAME_PATTERN,
};

/// Every string shape with a pattern this crate relies on.
pub const STRINGS: &[StringShape] = &[
    ENDPOINT_NAME,
    ENDPOINT_CONFIG_NAME,
    VARIANT_NAME,
    ALARM_NAME,
];

/// True when `s` matches [`NAME_PATTERN`] as a whole: 1 to 63 ASCII letters, digits and
/// hyphens, starting and ending with a letter or digit. (The pattern itself caps the
/// length at 63: one leading character and at most 62 repetitions of `-*[a-zA-Z0-9]`.)
pub fn is_valid_name(s: &str) -> bool {
    let b = s.as_bytes();
    let alnum = |c: &u8| c.is_ascii_alphanumeric();
    match (b.first(), b.last()) {
        (Some(first), Some(last)) => {
            alnum(first)
                && alnum(last)
                && b.iter().all(|c| alnum(c) || *c == b'-')
                && b.iter().filter(|c| alnum(c)).count() <= 63
        }
        _ => false,
    }
}

/// Characters that end a line for Java's `java.util.regex`, whose `.` does not match them.
/// The service checks patterns with whole-string matching, as Java's `Pattern.matches`
/// does (otherwise `ab_c` would pass the name pattern, and the service rejects it).
const LINE_TERMINATORS: [char; 5] = ['\n', '\r', '\u{85}', '\u{2028}', '\u{2029}'];

/// Java's `\s` without Unicode classes: space, tab, newline, vertical tab, form feed,
/// carriage return.
fn is_java_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\u{0B}' | '\u{0C}' | '\r')
}

/// True when `s` matches [`ALARM_NAME_PATTERN`] as a whole, read as Java reads it: at
/// least one character, not only whitespace, and no line terminator anywhere (`.` does
/// not match one, so `.+` cannot cover a name with a newline in it, even a trailing one).
/// Whitespace is Java's ASCII `\s`, so a name of only no-break spaces matches. The length
/// limit (255) is a separate constraint, not checked here.
pub fn is_valid_alarm_name(s: &str) -> bool {
    !s.is_empty() && !s.contains(LINE_TERMINATORS) && !s.chars().all(is_java_space)
}

/// The known values of `ProductionVariantAcceleratorType` (Elastic Inference).
pub const ACCELERATOR_TYPES: &[&str] = &[
    "ml.eia1.medium",
    "ml.eia1.large",
    "ml.eia1.xlarge",
    "ml.eia2.medium",
    "ml.eia2.large",
    "ml.eia2.xlarge",
];

/// The known values of `ProductionVariantInstanceType`, in the service model's order (the
/// form's type-ahead offers them).
pub const INSTANCE_TYPES: &[&str] = &[
    "ml.t2.medium",
    "ml.t2.large",
    "ml.t2.xlarge",
    "ml.t2.2xlarge",
    "ml.m4.xlarge",
    "ml.m4.2xlarge",
    "ml.m4.4xlarge",
    "ml.m4.10xlarge",
    "ml.m4.16xlarge",
    "ml.m5.large",
    "ml.m5.xlarge",
    "ml.m5.2xlarge",
    "ml.m5.4xlarge",
    "ml.m5.12xlarge",
    "ml.m5.24xlarge",
    "ml.m5d.large",
    "ml.m5d.xlarge",
    "ml.m5d.2xlarge",
    "ml.m5d.4xlarge",
    "ml.m5d.12xlarge",
    "ml.m5d.24xlarge",
    "ml.c4.large",
    "ml.c4.xlarge",
    "ml.c4.2xlarge",
    "ml.c4.4xlarge",
    "ml.c4.8xlarge",
    "ml.p2.xlarge",
    "ml.p2.8xlarge",
    "ml.p2.16xlarge",
    "ml.p3.2xlarge",
    "ml.p3.8xlarge",
    "ml.p3.16xlarge",
    "ml.c5.large",
    "ml.c5.xlarge",
    "ml.c5.2xlarge",
    "ml.c5.4xlarge",
    "ml.c5.9xlarge",
    "ml.c5.18xlarge",
    "ml.c5d.large",
    "ml.c5d.xlarge",
    "ml.c5d.2xlarge",
    "ml.c5d.4xlarge",
    "ml.c5d.9xlarge",
    "ml.c5d.18xlarge",
    "ml.g4dn.xlarge",
    "ml.g4dn.2xlarge",
    "ml.g4dn.4xlarge",
    "ml.g4dn.8xlarge",
    "ml.g4dn.12xlarge",
    "ml.g4dn.16xlarge",
    "ml.r5.large",
    "ml.r5.xlarge",
    "ml.r5.2xlarge",
    "ml.r5.4xlarge",
    "ml.r5.12xlarge",
    "ml.r5.24xlarge",
    "ml.r5d.large",
    "ml.r5d.xlarge",
    "ml.r5d.2xlarge",
    "ml.r5d.4xlarge",
    "ml.r5d.12xlarge",
    "ml.r5d.24xlarge",
    "ml.inf1.xlarge",
    "ml.inf1.2xlarge",
    "ml.inf1.6xlarge",
    "ml.inf1.24xlarge",
    "ml.dl1.24xlarge",
    "ml.c6i.large",
    "ml.c6i.xlarge",
    "ml.c6i.2xlarge",
    "ml.c6i.4xlarge",
    "ml.c6i.8xlarge",
    "ml.c6i.12xlarge",
    "ml.c6i.16xlarge",
    "ml.c6i.24xlarge",
    "ml.c6i.32xlarge",
    "ml.m6i.large",
    "ml.m6i.xlarge",
    "ml.m6i.2xlarge",
    "ml.m6i.4xlarge",
    "ml.m6i.8xlarge",
    "ml.m6i.12xlarge",
    "ml.m6i.16xlarge",
    "ml.m6i.24xlarge",
    "ml.m6i.32xlarge",
    "ml.r6i.large",
    "ml.r6i.xlarge",
    "ml.r6i.2xlarge",
    "ml.r6i.4xlarge",
    "ml.r6i.8xlarge",
    "ml.r6i.12xlarge",
    "ml.r6i.16xlarge",
    "ml.r6i.24xlarge",
    "ml.r6i.32xlarge",
    "ml.g5.xlarge",
    "ml.g5.2xlarge",
    "ml.g5.4xlarge",
    "ml.g5.8xlarge",
    "ml.g5.12xlarge",
    "ml.g5.16xlarge",
    "ml.g5.24xlarge",
    "ml.g5.48xlarge",
    "ml.g6.xlarge",
    "ml.g6.2xlarge",
    "ml.g6.4xlarge",
    "ml.g6.8xlarge",
    "ml.g6.12xlarge",
    "ml.g6.16xlarge",
    "ml.g6.24xlarge",
    "ml.g6.48xlarge",
    "ml.r8g.medium",
    "ml.r8g.large",
    "ml.r8g.xlarge",
    "ml.r8g.2xlarge",
    "ml.r8g.4xlarge",
    "ml.r8g.8xlarge",
    "ml.r8g.12xlarge",
    "ml.r8g.16xlarge",
    "ml.r8g.24xlarge",
    "ml.r8g.48xlarge",
    "ml.g6e.xlarge",
    "ml.g6e.2xlarge",
    "ml.g6e.4xlarge",
    "ml.g6e.8xlarge",
    "ml.g6e.12xlarge",
    "ml.g6e.16xlarge",
    "ml.g6e.24xlarge",
    "ml.g6e.48xlarge",
    "ml.g7e.2xlarge",
    "ml.g7e.4xlarge",
    "ml.g7e.8xlarge",
    "ml.g7e.12xlarge",
    "ml.g7e.24xlarge",
    "ml.g7e.48xlarge",
    "ml.g7.2xlarge",
    "ml.g7.4xlarge",
    "ml.g7.8xlarge",
    "ml.g7.12xlarge",
    "ml.g7.24xlarge",
    "ml.g7.48xlarge",
    "ml.p4d.24xlarge",
    "ml.c7g.large",
    "ml.c7g.xlarge",
    "ml.c7g.2xlarge",
    "ml.c7g.4xlarge",
    "ml.c7g.8xlarge",
    "ml.c7g.12xlarge",
    "ml.c7g.16xlarge",
    "ml.m6g.large",
    "ml.m6g.xlarge",
    "ml.m6g.2xlarge",
    "ml.m6g.4xlarge",
    "ml.m6g.8xlarge",
    "ml.m6g.12xlarge",
    "ml.m6g.16xlarge",
    "ml.m6gd.large",
    "ml.m6gd.xlarge",
    "ml.m6gd.2xlarge",
    "ml.m6gd.4xlarge",
    "ml.m6gd.8xlarge",
    "ml.m6gd.12xlarge",
    "ml.m6gd.16xlarge",
    "ml.c6g.large",
    "ml.c6g.xlarge",
    "ml.c6g.2xlarge",
    "ml.c6g.4xlarge",
    "ml.c6g.8xlarge",
    "ml.c6g.12xlarge",
    "ml.c6g.16xlarge",
    "ml.c6gd.large",
    "ml.c6gd.xlarge",
    "ml.c6gd.2xlarge",
    "ml.c6gd.4xlarge",
    "ml.c6gd.8xlarge",
    "ml.c6gd.12xlarge",
    "ml.c6gd.16xlarge",
    "ml.c6gn.large",
    "ml.c6gn.xlarge",
    "ml.c6gn.2xlarge",
    "ml.c6gn.4xlarge",
    "ml.c6gn.8xlarge",
    "ml.c6gn.12xlarge",
    "ml.c6gn.16xlarge",
    "ml.r6g.large",
    "ml.r6g.xlarge",
    "ml.r6g.2xlarge",
    "ml.r6g.4xlarge",
    "ml.r6g.8xlarge",
    "ml.r6g.12xlarge",
    "ml.r6g.16xlarge",
    "ml.r6gd.large",
    "ml.r6gd.xlarge",
    "ml.r6gd.2xlarge",
    "ml.r6gd.4xlarge",
    "ml.r6gd.8xlarge",
    "ml.r6gd.12xlarge",
    "ml.r6gd.16xlarge",
    "ml.p4de.24xlarge",
    "ml.trn1.2xlarge",
    "ml.trn1.32xlarge",
    "ml.trn1n.32xlarge",
    "ml.trn2.48xlarge",
    "ml.inf2.xlarge",
    "ml.inf2.8xlarge",
    "ml.inf2.24xlarge",
    "ml.inf2.48xlarge",
    "ml.p5.48xlarge",
    "ml.p5e.48xlarge",
    "ml.p5en.48xlarge",
    "ml.m7i.large",
    "ml.m7i.xlarge",
    "ml.m7i.2xlarge",
    "ml.m7i.4xlarge",
    "ml.m7i.8xlarge",
    "ml.m7i.12xlarge",
    "ml.m7i.16xlarge",
    "ml.m7i.24xlarge",
    "ml.m7i.48xlarge",
    "ml.c7i.large",
    "ml.c7i.xlarge",
    "ml.c7i.2xlarge",
    "ml.c7i.4xlarge",
    "ml.c7i.8xlarge",
    "ml.c7i.12xlarge",
    "ml.c7i.16xlarge",
    "ml.c7i.24xlarge",
    "ml.c7i.48xlarge",
    "ml.r7i.large",
    "ml.r7i.xlarge",
    "ml.r7i.2xlarge",
    "ml.r7i.4xlarge",
    "ml.r7i.8xlarge",
    "ml.r7i.12xlarge",
    "ml.r7i.16xlarge",
    "ml.r7i.24xlarge",
    "ml.r7i.48xlarge",
    "ml.c8g.medium",
    "ml.c8g.large",
    "ml.c8g.xlarge",
    "ml.c8g.2xlarge",
    "ml.c8g.4xlarge",
    "ml.c8g.8xlarge",
    "ml.c8g.12xlarge",
    "ml.c8g.16xlarge",
    "ml.c8g.24xlarge",
    "ml.c8g.48xlarge",
    "ml.r7gd.medium",
    "ml.r7gd.large",
    "ml.r7gd.xlarge",
    "ml.r7gd.2xlarge",
    "ml.r7gd.4xlarge",
    "ml.r7gd.8xlarge",
    "ml.r7gd.12xlarge",
    "ml.r7gd.16xlarge",
    "ml.m8g.medium",
    "ml.m8g.large",
    "ml.m8g.xlarge",
    "ml.m8g.2xlarge",
    "ml.m8g.4xlarge",
    "ml.m8g.8xlarge",
    "ml.m8g.12xlarge",
    "ml.m8g.16xlarge",
    "ml.m8g.24xlarge",
    "ml.m8g.48xlarge",
    "ml.c6in.large",
    "ml.c6in.xlarge",
    "ml.c6in.2xlarge",
    "ml.c6in.4xlarge",
    "ml.c6in.8xlarge",
    "ml.c6in.12xlarge",
    "ml.c6in.16xlarge",
    "ml.c6in.24xlarge",
    "ml.c6in.32xlarge",
    "ml.p6-b200.48xlarge",
    "ml.p6-b300.48xlarge",
    "ml.p6e-gb200.36xlarge",
    "ml.p5.4xlarge",
];

/// True when `t` is a known instance type.
pub fn is_instance_type(t: &str) -> bool {
    INSTANCE_TYPES.contains(&t)
}

/// True when `t` is a known accelerator type.
pub fn is_accelerator_type(t: &str) -> bool {
    ACCELERATOR_TYPES.contains(&t)
}

/// True for AWS Inferentia 1 instance types, which deployment guardrails do not cover.
pub fn is_inf1(t: &str) -> bool {
    t.starts_with("ml.inf1.")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_the_pattern() {
        let ok = [
            "a",
            "A1",
            "my-endpoint",
            "a--b",
            "0",
            &"a".repeat(63),
            &format!("a{}", "-b".repeat(31)),
        ];
        for s in ok {
            assert!(is_valid_name(s), "{s:?} should be valid");
        }
        let bad = [
            "",
            "-a",
            "a-",
            "-",
            "a_b",
            "a.b",
            "a b",
            "é",
            &"a".repeat(64),
            "ab\n",
        ];
        for s in bad {
            assert!(!is_valid_name(s), "{s:?} should be invalid");
        }
    }

    #[test]
    fn hyphens_do_not_count_towards_the_pattern_cap_but_the_length_limit_catches_them() {
        // 63 alphanumerics with hyphens between: the pattern matches, the 63-character
        // length constraint (checked separately) does not.
        let long = vec!["a"; 63].join("-");
        assert!(is_valid_name(&long));
        assert!(long.chars().count() > ENDPOINT_NAME.max);
        let over = vec!["a"; 64].join("-");
        assert!(!is_valid_name(&over));
    }

    #[test]
    fn alarm_names_are_not_blank_and_single_line() {
        for s in ["a", " a ", "cpu > 90%", "\u{a0}", "ünïcödé", "a\tb"] {
            assert!(is_valid_alarm_name(s), "{s:?} should be valid");
        }
        for s in [
            "",
            " ",
            "\t \u{0B}\u{0C}",
            "a\nb",
            "alarm\n",
            "\r",
            "a\u{2028}b",
            "a\u{85}",
        ] {
            assert!(!is_valid_alarm_name(s), "{s:?} should be invalid");
        }
    }

    #[test]
    fn ranges_hold_their_bounds() {
        assert!(WAIT_INTERVAL_IN_SECONDS.contains(0) && WAIT_INTERVAL_IN_SECONDS.contains(3600));
        assert!(!WAIT_INTERVAL_IN_SECONDS.contains(-1) && !WAIT_INTERVAL_IN_SECONDS.contains(3601));
        assert!(MAXIMUM_EXECUTION_TIMEOUT_IN_SECONDS.contains(600));
        assert!(!MAXIMUM_EXECUTION_TIMEOUT_IN_SECONDS.contains(599));
        assert!(!MAXIMUM_EXECUTION_TIMEOUT_IN_SECONDS.contains(28801));
        assert!(CAPACITY_SIZE_VALUE.contains(i64::MAX) && !CAPACITY_SIZE_VALUE.contains(0));
    }

    #[test]
    fn instance_types_are_unique_and_include_the_examples() {
        let mut sorted = INSTANCE_TYPES.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), INSTANCE_TYPES.len());
        assert_eq!(INSTANCE_TYPES.len(), 277);
        for t in [
            "ml.m5.xlarge",
            "ml.c5.2xlarge",
            "ml.g5.2xlarge",
            "ml.m5.2xlarge",
            "ml.c6i.xlarge",
            "ml.inf1.xlarge",
        ] {
            assert!(is_instance_type(t), "{t}");
        }
        assert!(!is_instance_type("m5.xlarge"));
        assert!(is_inf1("ml.inf1.2xlarge") && !is_inf1("ml.inf2.xlarge"));
    }
}
