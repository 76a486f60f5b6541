//! The endpoint configuration an export writes beside the endpoint when asked
//! ([`crate::Options::with_endpoint_config`]): the design's new fleet as one tree in
//! CloudFormation's spelling (`AWS::SageMaker::EndpointConfig`'s properties, which are
//! `CreateEndpointConfig`'s members), and the names a user changes from one deployment to the
//! next (the endpoint's, the config's, each variant's model) as [`Param`]s with the design's
//! values as defaults. Each target declares the params in its own way (CloudFormation
//! `Parameters`, Terraform `variable`s, CDK constants) and names the config by the same param
//! in both resources, with an explicit dependency, so that its tool creates the config first
//! and the import reads the export back as the same design.

use designer_core::model::{DesignDocument, ProductionVariant, ServerlessConfig};
use designer_core::validate::Severity;

use crate::facts::endpoint_config as facts;
use crate::tree::{Fill, Kind, Node, Obj, Param};
use crate::TargetFinding;

/// The shapes of the config's tree, as CloudFormation names them (the CDK's struct classes
/// are `CfnEndpointConfig.<Shape>Property`).
pub mod shape {
    pub const ENDPOINT_CONFIG: &str = "EndpointConfig";
    pub const PRODUCTION_VARIANT: &str = "ProductionVariant";
    pub const SERVERLESS_CONFIG: &str = "ServerlessConfig";
}

/// The endpoint's own params and its config, ready to write.
#[derive(Clone, Debug, PartialEq)]
pub struct Deployable {
    /// Every param, in the order a target declares them: the endpoint's name, the config's,
    /// then each variant's model.
    pub params: Vec<Param>,
    /// `EndpointConfigName` (the same node the endpoint's `EndpointConfigName` now holds) and
    /// `ProductionVariants`.
    pub config: Obj,
}

/// Turns the request tree `root` into the endpoint of a deployable export: its
/// `EndpointName` and `EndpointConfigName` become params (a placeholder stays a placeholder),
/// and returns the params and the config made from the design's new variants.
pub fn deployable(doc: &DesignDocument, root: &mut Obj) -> Deployable {
    let mut params = Vec::new();
    let mut name_param = |root: &mut Obj, member: &'static str, id: &str, what: &str| {
        let slot = root.entries.iter_mut().find(|(k, _)| *k == member);
        let node = match slot {
            Some((_, Node::Fill(f))) => return Some(Node::Fill(f.clone())),
            Some((_, n)) => {
                let default = match n {
                    Node::Str(s) => Some(s.clone()),
                    _ => None,
                };
                let p = Param {
                    id: id.to_string(),
                    default,
                    description: what.to_string(),
                };
                *n = Node::Param(p.clone());
                p
            }
            None => return None,
        };
        params.push(node.clone());
        Some(Node::Param(node))
    };
    name_param(
        root,
        "EndpointName",
        "EndpointName",
        "The endpoint's name (EndpointName). Changing it replaces the endpoint.",
    );
    let config_name = match name_param(
        root,
        "EndpointConfigName",
        "EndpointConfigName",
        "The endpoint configuration's name (EndpointConfigName): give each new fleet a new name.",
    ) {
        Some(n) => n,
        None => {
            // The design has no config name: both resources name the config by a param
            // without a default, which the tool asks for.
            let p = Param {
                id: "EndpointConfigName".to_string(),
                default: None,
                description: "The endpoint configuration's name (EndpointConfigName): give each new fleet a new name.".to_string(),
            };
            params.push(p.clone());
            root.push("EndpointConfigName", Some(Node::Param(p.clone())));
            // Keep the model's order: the name comes right after EndpointName.
            let at = usize::from(root.get("EndpointName").is_some());
            let last = root.entries.pop();
            if let Some(e) = last {
                root.entries.insert(at.min(root.entries.len()), e);
            }
            Node::Param(p)
        }
    };
    let ids = model_param_ids(&doc.endpoint.new_variants);
    let mut variants = Vec::new();
    for (i, (v, id)) in doc.endpoint.new_variants.iter().zip(ids).enumerate() {
        let (node, model) = variant(doc, i, v, id);
        if let Some(p) = model {
            params.push(p);
        }
        variants.push(node);
    }
    let mut config = Obj::new(shape::ENDPOINT_CONFIG);
    config.push("EndpointConfigName", Some(config_name));
    config.push("ProductionVariants", Some(Node::List(variants)));
    Deployable { params, config }
}

impl Deployable {
    /// The config without its variants' `AcceleratorType`, for the targets whose
    /// endpoint configuration has none (`facts::HAS_ACCELERATOR_TYPE`; a finding says so).
    pub fn without_accelerators(mut self) -> Self {
        if facts::HAS_ACCELERATOR_TYPE {
            return self;
        }
        for (k, v) in self.config.entries.iter_mut() {
            let (true, Node::List(items)) = (*k == "ProductionVariants", v) else {
                continue;
            };
            for item in items {
                if let Node::Map(o) = item {
                    o.entries.retain(|(m, _)| *m != "AcceleratorType");
                }
            }
        }
        self
    }
}

/// The param id of each variant's model: `ModelName` for one variant; with several,
/// `ModelName` and the ASCII letters and digits of the variant's name (its position when
/// it has none), unique among them.
fn model_param_ids(variants: &[ProductionVariant]) -> Vec<String> {
    if variants.len() == 1 {
        return vec!["ModelName".to_string()];
    }
    let mut out: Vec<String> = Vec::new();
    for (i, v) in variants.iter().enumerate() {
        let words: String = v
            .variant_name
            .as_deref()
            .unwrap_or_default()
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(|w| {
                let mut c = w.chars();
                c.next()
                    .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                    .unwrap_or_default()
            })
            .collect::<String>()
            .chars()
            .take(40)
            .collect();
        let base = if words.is_empty() {
            format!("ModelName{}", i + 1)
        } else {
            format!("ModelName{words}")
        };
        let mut id = base.clone();
        let mut n = 1;
        while out.iter().any(|o| o.eq_ignore_ascii_case(&id)) {
            n += 1;
            id = format!("{base}{n}");
        }
        out.push(id);
    }
    out
}

/// The placeholder the design holds at `path`, if any.
fn held(doc: &DesignDocument, path: &str, kind: Kind) -> Option<Node> {
    doc.placeholders.iter().find(|p| p.path == path).map(|p| {
        Node::Fill(Fill {
            path: p.path.clone(),
            expression: p.expression.clone(),
            kind,
        })
    })
}

/// One variant's tree, in `ProductionVariant`'s order, and its model's param (none when the
/// model is a placeholder).
fn variant(
    doc: &DesignDocument,
    i: usize,
    v: &ProductionVariant,
    model_id: String,
) -> (Node, Option<Param>) {
    let base = format!("Endpoint.NewVariants[{i}]");
    let at = |member: &str| format!("{base}.{member}");
    let text = |member: &str, value: &Option<String>| {
        held(doc, &at(member), Kind::Str).or_else(|| value.clone().map(Node::Str))
    };
    let int = |member: &str, value: &Option<i64>| {
        held(doc, &at(member), Kind::Int).or_else(|| value.map(Node::Int))
    };
    let mut o = Obj::new(shape::PRODUCTION_VARIANT);
    o.push("VariantName", text("VariantName", &v.variant_name));
    let mut model = None;
    let model_node = held(doc, &at("ModelName"), Kind::Str).unwrap_or_else(|| {
        let p = Param {
            id: model_id,
            default: v.model_name.clone(),
            description: format!(
                "The SageMaker model of the new fleet's variant {} ({base}.ModelName).",
                i + 1
            ),
        };
        model = Some(p.clone());
        Node::Param(p)
    });
    o.push("ModelName", Some(model_node));
    o.push("InstanceType", text("InstanceType", &v.instance_type));
    o.push(
        "InitialInstanceCount",
        int("InitialInstanceCount", &v.initial_instance_count),
    );
    o.push(
        "InitialVariantWeight",
        held(doc, &at("InitialVariantWeight"), Kind::Float)
            .or_else(|| v.initial_variant_weight.map(Node::Float)),
    );
    o.push(
        "AcceleratorType",
        text("AcceleratorType", &v.accelerator_type),
    );
    let serverless_held = doc
        .placeholders
        .iter()
        .any(|p| p.path.starts_with(&at("ServerlessConfig.")));
    if v.serverless_config.is_some() || serverless_held {
        let s = v.serverless_config.clone().unwrap_or_default();
        o.push(
            "ServerlessConfig",
            Some(serverless(doc, &at("ServerlessConfig"), &s)),
        );
    }
    (Node::Map(o), model)
}

fn serverless(doc: &DesignDocument, base: &str, s: &ServerlessConfig) -> Node {
    let int = |member: &str, value: Option<i64>| {
        held(doc, &format!("{base}.{member}"), Kind::Int).or_else(|| value.map(Node::Int))
    };
    let mut o = Obj::new(shape::SERVERLESS_CONFIG);
    o.push("MemorySizeInMB", int("MemorySizeInMB", s.memory_size_in_mb));
    o.push("MaxConcurrency", int("MaxConcurrency", s.max_concurrency));
    o.push(
        "ProvisionedConcurrency",
        int("ProvisionedConcurrency", s.provisioned_concurrency),
    );
    Node::Map(o)
}

/// What an export with its endpoint configuration cannot write as the design has it, for
/// each of CloudFormation, Terraform and CDK (`targets`): a new fleet with no variant, a
/// variant with no name, a serverless config without its required members (errors: the
/// tool refuses the config), a model the design does not name (a warning: the export asks
/// for it), and CloudFormation's replacement of a named config.
pub fn findings(doc: &DesignDocument, targets: &[&'static str]) -> Vec<TargetFinding> {
    let mut out = Vec::new();
    let mut accelerators = Vec::new();
    let held = |path: &str| doc.placeholders.iter().any(|p| p.path == path);
    let mut each = |path: String, severity: Severity, message: &dyn Fn(&str) -> String| {
        for t in targets {
            out.push(TargetFinding {
                target: t,
                path: path.clone(),
                severity,
                message: message(t),
            });
        }
    };
    let variants = &doc.endpoint.new_variants;
    if variants.is_empty() {
        each("Endpoint.NewVariants".to_string(), Severity::Error, &|t| {
            format!(
            "{t} cannot write the endpoint configuration: the design has no new fleet (Endpoint.NewVariants); add a variant."
        )
        });
    }
    for (i, v) in variants.iter().enumerate() {
        let base = format!("Endpoint.NewVariants[{i}]");
        let path = format!("{base}.VariantName");
        if v.variant_name.is_none() && !held(&path) {
            each(path, Severity::Error, &|t| {
                format!(
                "{t} requires VariantName in every production variant of the endpoint configuration: name variant {}.",
                i + 1
            )
            });
        }
        let path = format!("{base}.ModelName");
        if v.model_name.is_none() && !held(&path) {
            each(path, Severity::Warning, &|t| {
                let how = match t {
                    "CDK" => {
                        "the app stops with a message naming it until you put the model's name in"
                    }
                    "Terraform" | "Terraform (awscc)" => {
                        "Terraform asks for its variable at plan time"
                    }
                    _ => "CloudFormation asks for its parameter when the stack is deployed",
                };
                format!(
                    "The design does not name the model of variant {}: {how}.",
                    i + 1
                )
            });
        }
        let path = format!("{base}.AcceleratorType");
        if !facts::HAS_ACCELERATOR_TYPE && (v.accelerator_type.is_some() || held(&path)) {
            for t in targets.iter().filter(|t| **t != "Terraform") {
                accelerators.push(TargetFinding {
                    target: t,
                    path: path.clone(),
                    severity: Severity::Warning,
                    message: format!(
                        "{t} cannot set AcceleratorType in the endpoint configuration (the AWS::SageMaker::EndpointConfig schema has no such property): the export leaves variant {}'s accelerator out.",
                        i + 1
                    ),
                });
            }
        }
        if let Some(s) = &v.serverless_config {
            let present = |m: &str| match m {
                "MaxConcurrency" => s.max_concurrency.is_some(),
                "MemorySizeInMB" => s.memory_size_in_mb.is_some(),
                _ => true,
            };
            for m in facts::SERVERLESS_REQUIRED {
                let path = format!("{base}.ServerlessConfig.{m}");
                if !present(m) && !held(&path) {
                    each(path, Severity::Error, &|t| {
                        format!(
                        "{t} requires {m} in a serverless variant's ServerlessConfig: set it for variant {}.",
                        i + 1
                    )
                    });
                }
            }
        }
    }
    out.extend(accelerators);
    if targets.contains(&"CloudFormation") && facts::CUSTOM_NAME_BLOCKS_REPLACEMENT {
        out.push(TargetFinding {
            target: "CloudFormation",
            path: "EndpointConfigName".to_string(),
            severity: Severity::Warning,
            message: "With its endpoint configuration, every change of the new fleet replaces the AWS::SageMaker::EndpointConfig, and CloudFormation cannot replace a resource with a name you chose: give the EndpointConfigName parameter a new value with each change.".to_string(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(names: &[Option<&str>]) -> Vec<ProductionVariant> {
        names
            .iter()
            .map(|n| ProductionVariant {
                variant_name: n.map(str::to_string),
                ..Default::default()
            })
            .collect()
    }

    #[test]
    fn model_params_are_named_after_their_variants_and_unique() {
        assert_eq!(model_param_ids(&named(&[Some("x y")])), ["ModelName"]);
        assert_eq!(
            model_param_ids(&named(&[
                Some("blue"),
                Some("shadow-v2"),
                None,
                Some("Blue"),
                Some("\"; $(rm) ${x}"),
            ])),
            [
                "ModelNameBlue",
                "ModelNameShadowV2",
                "ModelName3",
                "ModelNameBlue2",
                "ModelNameRmX"
            ]
        );
    }

    #[test]
    fn the_endpoint_names_its_config_by_the_same_param() {
        let mut doc = DesignDocument::default();
        doc.request.endpoint_name = Some("ep".into());
        doc.request.endpoint_config_name = Some("cfg-2".into());
        doc.endpoint.new_variants[0].model_name = Some("m".into());
        let (mut root, _) = crate::tree::request(&doc);
        let d = deployable(&doc, &mut root);
        let ids: Vec<(&str, Option<&str>)> = d
            .params
            .iter()
            .map(|p| (p.id.as_str(), p.default.as_deref()))
            .collect();
        assert_eq!(
            ids,
            [
                ("EndpointName", Some("ep")),
                ("EndpointConfigName", Some("cfg-2")),
                ("ModelName", Some("m"))
            ]
        );
        assert_eq!(
            root.get("EndpointConfigName"),
            d.config.get("EndpointConfigName")
        );
        assert!(matches!(root.get("EndpointName"), Some(Node::Param(_))));
    }

    #[test]
    fn a_design_without_a_config_name_still_gets_a_param_in_order() {
        let mut doc = DesignDocument::default();
        doc.request.endpoint_name = Some("ep".into());
        let (mut root, _) = crate::tree::request(&doc);
        let d = deployable(&doc, &mut root);
        let keys: Vec<&str> = root.entries.iter().map(|(k, _)| *k).collect();
        assert_eq!(keys, ["EndpointName", "EndpointConfigName"]);
        assert_eq!(d.params[1].default, None);
    }
}
