//! What a baseline states. A whole design document states every member (an absent one is
//! absent); anything else pasted as the baseline (a `describe-endpoint` output, a request,
//! a command) states only part of a design. Such a baseline is read onto [`bare`] and what
//! the text left out is marked with [`mark_unstated`]: a placeholder at its path whose
//! expression is [`UNSTATED`], so that the mark travels with the baseline (storage, review
//! link). [`compared`] then fills the unstated members from the design, so that the
//! review compares only what both sides state; against such a baseline a member the design
//! does not fill in yet, or the page's own default fleet, is not compared either, and
//! [`Compared::not_compared`] says so instead.

use crate::model::{DesignDocument, EndpointContext, Placeholder, ProductionVariant};

/// The expression of a placeholder that marks a member the baseline does not state.
pub const UNSTATED: &str = "(not stated by the baseline)";

/// Top-level members a partial baseline may leave out, with how a reviewer names them.
const MEMBERS: &[(&str, &str)] = &[
    ("EndpointName", "the endpoint's name"),
    ("EndpointConfigName", "the request's new config"),
    ("RetainAllVariantProperties", "RetainAllVariantProperties"),
    ("ExcludeRetainedVariantProperties", "ExcludeRetainedVariantProperties"),
    ("DeploymentConfig", "the deployment config"),
    ("RetainDeploymentConfig", "RetainDeploymentConfig"),
    ("Endpoint.CurrentEndpointConfigName", "the running config"),
    ("Endpoint.CurrentVariants", "the running fleet"),
    ("Endpoint.NewVariants", "the new fleet"),
    ("Endpoint.UsesMarketplaceContainers", "Marketplace containers"),
    ("Endpoint.Quotas", "the instance quotas"),
    ("Alarms", "the alarm definitions"),
    ("Simulation", "the simulation settings"),
];

/// Members of a variant a partial baseline may leave out (a describe-endpoint output gives
/// no model and, without instance pools, no instance type).
const VARIANT_MEMBERS: &[&str] = &[
    "ModelName",
    "InstanceType",
    "InitialInstanceCount",
    "InitialVariantWeight",
    "AcceleratorType",
    "ServerlessConfig",
];

/// What a partial baseline is read onto: nothing filled in, not even the page's default
/// fleet, so that what the text does not say stays empty.
pub fn bare() -> DesignDocument {
    DesignDocument {
        endpoint: EndpointContext {
            current_variants: Vec::new(),
            new_variants: Vec::new(),
            ..EndpointContext::default()
        },
        ..DesignDocument::default()
    }
}

/// True when the member at `path` (one of [`MEMBERS`]) has no value in `doc`.
fn empty_at(doc: &DesignDocument, path: &str) -> bool {
    let (r, e) = (&doc.request, &doc.endpoint);
    match path {
        "EndpointName" => r.endpoint_name.is_none(),
        "EndpointConfigName" => r.endpoint_config_name.is_none(),
        "RetainAllVariantProperties" => r.retain_all_variant_properties.is_none(),
        "ExcludeRetainedVariantProperties" => r.exclude_retained_variant_properties.is_none(),
        "DeploymentConfig" => r.deployment_config.is_none(),
        "RetainDeploymentConfig" => r.retain_deployment_config.is_none(),
        "Endpoint.CurrentEndpointConfigName" => e.current_endpoint_config_name.is_none(),
        "Endpoint.CurrentVariants" => e.current_variants.is_empty(),
        "Endpoint.NewVariants" => e.new_variants.is_empty(),
        "Endpoint.UsesMarketplaceContainers" => !e.uses_marketplace_containers,
        "Endpoint.Quotas" => e.quotas.is_empty(),
        "Alarms" => doc.alarms.is_empty(),
        // Only a whole design document gives the simulation's settings.
        "Simulation" => true,
        _ => false,
    }
}

fn variant_member_empty(v: &ProductionVariant, member: &str) -> bool {
    match member {
        "ModelName" => v.model_name.is_none(),
        // A serverless variant has no instance type or count by design.
        "InstanceType" => v.instance_type.is_none() && v.serverless_config.is_none(),
        "InitialInstanceCount" => v.initial_instance_count.is_none() && v.serverless_config.is_none(),
        "InitialVariantWeight" => v.initial_variant_weight.is_none(),
        "AcceleratorType" => v.accelerator_type.is_none(),
        "ServerlessConfig" => v.serverless_config.is_none() && v.instance_type.is_none(),
        _ => false,
    }
}

/// Marks every member `doc` (a partial baseline read onto [`bare`]) leaves out as unstated.
/// A path that already has a placeholder (a value the text left to code) keeps it.
pub fn mark_unstated(mut doc: DesignDocument) -> DesignDocument {
    let mut paths: Vec<String> = MEMBERS
        .iter()
        .filter(|(p, _)| empty_at(&doc, p))
        .map(|(p, _)| (*p).to_string())
        .collect();
    for (list, variants) in [
        ("Endpoint.CurrentVariants", &doc.endpoint.current_variants),
        ("Endpoint.NewVariants", &doc.endpoint.new_variants),
    ] {
        for (i, v) in variants.iter().enumerate() {
            for m in VARIANT_MEMBERS.iter().filter(|m| variant_member_empty(v, m)) {
                paths.push(format!("{list}[{i}].{m}"));
            }
        }
    }
    for path in paths {
        if !doc.placeholders.iter().any(|p| p.path == path) {
            doc.placeholders.push(Placeholder {
                path,
                expression: UNSTATED.to_string(),
                line: None,
                column: None,
            });
        }
    }
    doc
}

/// True when `doc` is a partial baseline (it has unstated members).
pub fn is_partial(doc: &DesignDocument) -> bool {
    doc.placeholders.iter().any(|p| p.expression == UNSTATED)
}

fn unstated(doc: &DesignDocument, path: &str) -> bool {
    doc.placeholders
        .iter()
        .any(|p| p.expression == UNSTATED && p.path == path)
}

/// The config the endpoint runs according to the baseline: a partial baseline's running
/// config (a describe-endpoint output's `EndpointConfigName`), else the config the
/// baseline's request deploys.
pub fn running_config(baseline: &DesignDocument) -> Option<&str> {
    let current = baseline
        .endpoint
        .current_endpoint_config_name
        .as_deref()
        .filter(|_| !unstated(baseline, "Endpoint.CurrentEndpointConfigName"));
    let deployed = baseline
        .request
        .endpoint_config_name
        .as_deref()
        .filter(|_| !unstated(baseline, "EndpointConfigName"));
    if is_partial(baseline) {
        current.or(deployed)
    } else {
        deployed
    }
}

/// The baseline as the review compares it with the design.
#[derive(Clone, Debug, PartialEq)]
pub struct Compared {
    /// The baseline with what it does not state (and, for a partial baseline, what the
    /// design does not state) taken from the design: a whole design document.
    pub baseline: DesignDocument,
    /// What was not compared and why, each a sentence (empty for a whole baseline).
    pub not_compared: Vec<String>,
}

/// Copies the member at `path` (one of [`MEMBERS`]) from `from` into `to`.
fn copy_member(to: &mut DesignDocument, from: &DesignDocument, path: &str) {
    let (r, e) = (&from.request, &from.endpoint);
    match path {
        "EndpointName" => to.request.endpoint_name.clone_from(&r.endpoint_name),
        "EndpointConfigName" => to.request.endpoint_config_name.clone_from(&r.endpoint_config_name),
        "RetainAllVariantProperties" => to.request.retain_all_variant_properties = r.retain_all_variant_properties,
        "ExcludeRetainedVariantProperties" => to
            .request
            .exclude_retained_variant_properties
            .clone_from(&r.exclude_retained_variant_properties),
        "DeploymentConfig" => to.request.deployment_config.clone_from(&r.deployment_config),
        "RetainDeploymentConfig" => to.request.retain_deployment_config = r.retain_deployment_config,
        "Endpoint.CurrentEndpointConfigName" => to
            .endpoint
            .current_endpoint_config_name
            .clone_from(&e.current_endpoint_config_name),
        "Endpoint.CurrentVariants" => to.endpoint.current_variants.clone_from(&e.current_variants),
        "Endpoint.NewVariants" => to.endpoint.new_variants.clone_from(&e.new_variants),
        "Endpoint.UsesMarketplaceContainers" => to.endpoint.uses_marketplace_containers = e.uses_marketplace_containers,
        "Endpoint.Quotas" => to.endpoint.quotas.clone_from(&e.quotas),
        "Alarms" => to.alarms.clone_from(&from.alarms),
        "Simulation" => to.simulation.clone_from(&from.simulation),
        _ => {}
    }
    // The design's own placeholders at that member come with it.
    to.placeholders.retain(|p| !within(&p.path, path));
    to.placeholders
        .extend(from.placeholders.iter().filter(|p| within(&p.path, path)).cloned());
}

fn within(p: &str, path: &str) -> bool {
    p == path
        || p.strip_prefix(path)
            .is_some_and(|rest| rest.starts_with('.') || rest.starts_with('['))
}

/// `Endpoint.CurrentVariants[2].InstanceType` as (true, 2, "InstanceType").
fn variant_path(path: &str) -> Option<(bool, usize, &str)> {
    let (current, rest) = if let Some(r) = path.strip_prefix("Endpoint.CurrentVariants[") {
        (true, r)
    } else {
        (false, path.strip_prefix("Endpoint.NewVariants[")?)
    };
    let (i, member) = rest.split_once("].")?;
    Some((current, i.parse().ok()?, member))
}

fn copy_variant_member(to: &mut ProductionVariant, from: &ProductionVariant, member: &str) {
    match member {
        "ModelName" => to.model_name.clone_from(&from.model_name),
        "InstanceType" => to.instance_type.clone_from(&from.instance_type),
        "InitialInstanceCount" => to.initial_instance_count = from.initial_instance_count,
        "InitialVariantWeight" => to.initial_variant_weight = from.initial_variant_weight,
        "AcceleratorType" => to.accelerator_type.clone_from(&from.accelerator_type),
        "ServerlessConfig" => to.serverless_config.clone_from(&from.serverless_config),
        _ => {}
    }
}

/// True when `variants` is the page's own default fleet (CONTRACT.md's: one variant
/// `AllTraffic`, `ml.m5.xlarge`, 4 instances), which a design has until something fills it.
pub fn is_default_fleet(variants: &[ProductionVariant]) -> bool {
    variants == EndpointContext::default().current_variants.as_slice()
}

/// The baseline as compared with `design`: what the baseline does not state is the
/// design's; against a partial baseline, so is what the design does not fill in yet and a
/// fleet that is the page's default (assumed, not compared). Never panics.
pub fn compared(baseline: &DesignDocument, design: &DesignDocument) -> Compared {
    let mut out = baseline.clone();
    if !is_partial(baseline) {
        return Compared {
            baseline: out,
            not_compared: Vec::new(),
        };
    }
    out.placeholders.retain(|p| p.expression != UNSTATED);
    let mut not_compared = Vec::new();
    let mut left_out: Vec<&str> = Vec::new();
    // Members first, then their variants' members (which name the variants copied).
    for (path, words) in MEMBERS {
        if unstated(baseline, path) {
            copy_member(&mut out, design, path);
            if !matches!(*path, "Simulation" | "Endpoint.UsesMarketplaceContainers" | "Endpoint.Quotas" | "Alarms")
                || !empty_at(design, path)
            {
                left_out.push(words);
            }
        }
    }
    for p in baseline.placeholders.iter().filter(|p| p.expression == UNSTATED) {
        let Some((current, i, member)) = variant_path(&p.path) else {
            continue;
        };
        let (mine, theirs) = if current {
            (&mut out.endpoint.current_variants, &design.endpoint.current_variants)
        } else {
            (&mut out.endpoint.new_variants, &design.endpoint.new_variants)
        };
        let Some(v) = mine.get_mut(i) else { continue };
        let empty = ProductionVariant::default();
        let from = theirs
            .iter()
            .find(|d| d.variant_name.is_some() && d.variant_name == v.variant_name)
            .unwrap_or(&empty);
        copy_variant_member(v, from, member);
    }
    if !left_out.is_empty() {
        not_compared.push(format!(
            "Not in the baseline, so not compared: {}",
            join(&left_out)
        ));
    }
    // What the baseline states and the design does not give yet is not a removal: the
    // design is not filled in there.
    let design_left_out: Vec<(&str, &str)> = MEMBERS
        .iter()
        .filter(|(path, _)| {
            !matches!(*path, "Simulation" | "Endpoint.UsesMarketplaceContainers" | "Endpoint.Quotas" | "Alarms")
                && !unstated(baseline, path)
                && empty_at(design, path)
                && !empty_at(&out, path)
        })
        .copied()
        .collect();
    for (path, _) in &design_left_out {
        copy_member(&mut out, design, path);
    }
    if !design_left_out.is_empty() {
        let words: Vec<&str> = design_left_out.iter().map(|(_, w)| *w).collect();
        not_compared.push(format!(
            "Not in the design yet, so not compared: {} (the baseline gives them)",
            join(&words)
        ));
    }
    for (path, words, mine, theirs) in [
        (
            "Endpoint.CurrentVariants",
            "running fleet",
            &mut out.endpoint.current_variants,
            &design.endpoint.current_variants,
        ),
        (
            "Endpoint.NewVariants",
            "new fleet",
            &mut out.endpoint.new_variants,
            &design.endpoint.new_variants,
        ),
    ] {
        if !unstated(baseline, path) && is_default_fleet(theirs) && mine != theirs {
            mine.clone_from(theirs);
            not_compared.push(format!(
                "The design's {words} is the page's default (AllTraffic, ml.m5.xlarge, 4 instances), assumed rather than given: it is not compared with the baseline's"
            ));
        }
    }
    Compared {
        baseline: out,
        not_compared,
    }
}

/// `a`, `a and b`, `a, b and c`.
fn join(words: &[&str]) -> String {
    match words {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}
