//! Short explanations of every field and strategy, in our own words, for the page's
//! "what is this?" toggles. Each names what the member does, its default, its limits and
//! a pitfall, and links to the API reference page of its shape.

/// The explanation of one field or strategy.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Help {
    /// What the member does.
    pub what: &'static str,
    /// What happens when it is left out.
    pub default: &'static str,
    /// The limits the service enforces (or documents).
    pub limits: &'static str,
    /// A mistake people make with it.
    pub pitfall: &'static str,
    /// The AWS API reference page of the shape that holds it.
    pub reference: &'static str,
}

const API: &str = "https://docs.aws.amazon.com/sagemaker/latest/APIReference/";

macro_rules! reference {
    ($page:literal) => {
        concat!(
            "https://docs.aws.amazon.com/sagemaker/latest/APIReference/",
            $page
        )
    };
}

/// Every topic [`help`] explains. The page's first view holds only this list (to know where
/// to put a "?"); the explanations are drawn by the panels module when one is opened.
pub const TOPICS: &[&str] = &[
    "EndpointName",
    "EndpointConfigName",
    "RetainAllVariantProperties",
    "ExcludeRetainedVariantProperties",
    "RetainDeploymentConfig",
    "strategy.Default",
    "strategy.AllAtOnce",
    "strategy.Canary",
    "strategy.Linear",
    "strategy.Rolling",
    "WaitIntervalInSeconds",
    "CanarySize",
    "LinearStepSize",
    "TerminationWaitInSeconds",
    "MaximumExecutionTimeoutInSeconds",
    "MaximumBatchSize",
    "RollbackMaximumBatchSize",
    "Alarms",
    "Variants",
];

/// The base address of the API reference (for links that are not tied to one shape).
pub fn api_reference_base() -> &'static str {
    API
}

/// The help for a topic, by the id the page uses (a field path or a strategy name).
pub fn help(topic: &str) -> Option<Help> {
    let h = match topic {
        "EndpointName" => Help {
            what: "The endpoint that is updated. It keeps its name and address; only the configuration behind it changes.",
            default: "Required.",
            limits: "1 to 63 characters: letters, digits and single or repeated hyphens between them; no underscores, dots or spaces, no hyphen at either end.",
            pitfall: "Names are case-sensitive in the API; a typo updates nothing and fails with a validation error.",
            reference: reference!("API_UpdateEndpoint.html"),
        },
        "EndpointConfigName" => Help {
            what: "The endpoint configuration to deploy: the new models, instance types and counts. Create it with CreateEndpointConfig first.",
            default: "Required.",
            limits: "Same rules as endpoint names.",
            pitfall: "It must be a new configuration; do not delete the old one while the update runs, or the rollback has nothing to go back to.",
            reference: reference!("API_UpdateEndpoint.html"),
        },
        "RetainAllVariantProperties" => Help {
            what: "Keeps the live endpoint's variant properties (instance counts, weights) instead of the new configuration's values.",
            default: "false: the new configuration's counts and weights apply.",
            limits: "A boolean.",
            pitfall: "Left false, an update resets an autoscaled fleet to the configuration's initial count, which can shrink a busy endpoint mid-deployment.",
            reference: reference!("API_UpdateEndpoint.html"),
        },
        "ExcludeRetainedVariantProperties" => Help {
            what: "With retention on, the properties listed here are taken from the new configuration after all.",
            default: "Empty: everything is retained.",
            limits: "At most 3 entries: DesiredInstanceCount, DesiredWeight, DataCaptureConfig (the last is documented as not supported).",
            pitfall: "Has no effect unless RetainAllVariantProperties is true.",
            reference: reference!("API_VariantProperty.html"),
        },
        "RetainDeploymentConfig" => Help {
            what: "Reuses the deployment configuration of the endpoint's previous update.",
            default: "false.",
            limits: "A boolean.",
            pitfall: "Which one applies when you also send a DeploymentConfig is not documented; send one or the other.",
            reference: reference!("API_UpdateEndpoint.html"),
        },
        "strategy.Default" => Help {
            what: "No update policy: SageMaker still deploys blue/green, moving all traffic at once with no baking period.",
            default: "What you get when DeploymentConfig or its policy is left out.",
            limits: "None to set.",
            pitfall: "There is no bake, so alarms have no window in which to stop a bad model.",
            reference: reference!("API_DeploymentConfig.html"),
        },
        "strategy.AllAtOnce" => Help {
            what: "Blue/green: the whole new fleet is provisioned, then all traffic moves to it in one step, followed by a baking period.",
            default: "The routing used when no policy is given (without the bake).",
            limits: "Wait interval 0 to 3600 s.",
            pitfall: "A bad model meets all traffic at once; only the bake's alarms protect you.",
            reference: reference!("API_TrafficRoutingConfig.html"),
        },
        "strategy.Canary" => Help {
            what: "Blue/green: a small part of the traffic moves first and bakes; if no alarm trips, the rest follows and bakes again.",
            default: "Needs CanarySize.",
            limits: "The canary is at most half of the variant's fleet.",
            pitfall: "A canary of one instance on a small fleet can be a large share of traffic: 1 of 4 instances is 25%.",
            reference: reference!("API_TrafficRoutingConfig.html"),
        },
        "strategy.Linear" => Help {
            what: "Blue/green: traffic moves in equal steps, each followed by a bake, until the new fleet serves everything.",
            default: "Needs LinearStepSize.",
            limits: "Each step is 10% to 50% of the variant's fleet.",
            pitfall: "Many small steps multiply the wait interval: 10 steps of 600 s is 100 minutes of baking.",
            reference: reference!("API_TrafficRoutingConfig.html"),
        },
        "strategy.Rolling" => Help {
            what: "Replaces the fleet in batches: a batch of new instances comes up, takes its share of traffic, bakes, and as many old instances go away.",
            default: "Needs MaximumBatchSize and WaitIntervalInSeconds.",
            limits: "Batches of 5% to 50% of the fleet; not for serverless or multi-variant endpoints.",
            pitfall: "Cheaper than blue/green (only one extra batch at a time), but slower, and a rollback has to bring old capacity back.",
            reference: reference!("API_RollingUpdatePolicy.html"),
        },
        "WaitIntervalInSeconds" => Help {
            what: "The baking period: how long SageMaker watches your alarms after each traffic step (or each rolling batch) before going on.",
            default: "Required in a policy.",
            limits: "0 to 3600 seconds.",
            pitfall: "Too short and your alarms' evaluation periods never see enough data to trip.",
            reference: reference!("API_TrafficRoutingConfig.html"),
        },
        "CanarySize" => Help {
            what: "How much of the new fleet takes traffic in the first step, as instances or as a percentage of the fleet.",
            default: "Required for CANARY; ignored otherwise.",
            limits: "At most 50% of the variant's instance count.",
            pitfall: "Percentages round up to whole instances, so the real share can be larger than the number you typed.",
            reference: reference!("API_CapacitySize.html"),
        },
        "LinearStepSize" => Help {
            what: "How much more of the new fleet takes traffic at each step.",
            default: "Required for LINEAR; ignored otherwise.",
            limits: "10% to 50% of the variant's instance count.",
            pitfall: "The last step may be smaller than the others; the number of steps sets the total bake time.",
            reference: reference!("API_CapacitySize.html"),
        },
        "TerminationWaitInSeconds" => Help {
            what: "After the final bake, how long the old fleet stays up before it is terminated, so you can still go back quickly.",
            default: "0 seconds.",
            limits: "0 to 3600 seconds.",
            pitfall: "Both fleets are billed during this wait.",
            reference: reference!("API_BlueGreenUpdatePolicy.html"),
        },
        "MaximumExecutionTimeoutInSeconds" => Help {
            what: "A limit on the whole deployment; when it is reached the deployment rolls back.",
            default: "No limit is set by you.",
            limits: "600 to 28800 seconds (Terraform allows only up to 14400).",
            pitfall: "It must be longer than all the bakes and the termination wait together, plus provisioning, or every deployment times out.",
            reference: reference!("API_BlueGreenUpdatePolicy.html"),
        },
        "MaximumBatchSize" => Help {
            what: "How many instances a rolling batch replaces at once.",
            default: "Required for a rolling update.",
            limits: "5% to 50% of the variant's instance count.",
            pitfall: "The batch sets the extra capacity you pay for during the update and how many batches (and bakes) there are.",
            reference: reference!("API_RollingUpdatePolicy.html"),
        },
        "RollbackMaximumBatchSize" => Help {
            what: "How many old instances a rollback brings back per round.",
            default: "The whole old fleet at once.",
            limits: "A size of at least 1; 100% or more behaves as the default.",
            pitfall: "Small rollback batches make a rollback slow while the bad model still serves traffic.",
            reference: reference!("API_RollingUpdatePolicy.html"),
        },
        "Alarms" => Help {
            what: "CloudWatch alarms watched during every baking period; if one goes into ALARM, the deployment rolls back.",
            default: "No alarms: nothing stops a bad deployment.",
            limits: "1 to 10 alarms, names of 1 to 255 characters.",
            pitfall: "The alarm must exist in the same account and region and be able to trip within the wait interval.",
            reference: reference!("API_AutoRollbackConfig.html"),
        },
        "Variants" => Help {
            what: "The endpoint's variants before and after the update (not part of the request): they decide the fleet sizes that percentages apply to.",
            default: "One variant AllTraffic, ml.m5.xlarge, 4 instances.",
            limits: "1 to 10 variants; names as endpoint names.",
            pitfall: "Guardrails need the new configuration to keep the old variant names.",
            reference: reference!("API_ProductionVariant.html"),
        },
        _ => return None,
    };
    Some(h)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_topic_the_page_uses_has_help_with_a_reference_link() {
        for topic in [
            "EndpointName",
            "EndpointConfigName",
            "RetainAllVariantProperties",
            "ExcludeRetainedVariantProperties",
            "RetainDeploymentConfig",
            "strategy.Default",
            "strategy.AllAtOnce",
            "strategy.Canary",
            "strategy.Linear",
            "strategy.Rolling",
            "WaitIntervalInSeconds",
            "CanarySize",
            "LinearStepSize",
            "TerminationWaitInSeconds",
            "MaximumExecutionTimeoutInSeconds",
            "MaximumBatchSize",
            "RollbackMaximumBatchSize",
            "Alarms",
            "Variants",
        ] {
            let h = help(topic).unwrap_or_else(|| panic!("no help for {topic}"));
            assert!(h.reference.starts_with(api_reference_base()), "{topic}");
            assert!(!h.what.is_empty() && !h.pitfall.is_empty());
        }
        assert!(help("Nope").is_none());
    }
}

#[cfg(test)]
mod topic_tests {
    use super::*;

    #[test]
    fn the_topic_list_is_exactly_the_topics_with_help() {
        for t in TOPICS {
            assert!(help(t).is_some(), "{t} is listed but has no help");
        }
        let source = include_str!("help.rs");
        let arms = source
            .lines()
            .filter(|l| l.trim_start().starts_with('"') && l.trim_end().ends_with("=> Help {"))
            .count();
        assert_eq!(arms, TOPICS.len(), "every topic with help is listed in TOPICS");
    }
}
