//! The request as one ordered tree in the API's spelling, with the document's placeholders
//! standing where their values would be. Every writer walks this tree, so each target
//! writes the same members in the same order and treats a placeholder the same way.

use designer_core::limits::{self, shape};
use designer_core::model::{
    Alarm, AutoRollbackConfig, BlueGreenUpdatePolicy, CapacitySize, DeploymentConfig,
    DesignDocument, RollingUpdatePolicy, TrafficRoutingConfig, UpdateEndpointInput,
    VariantProperty,
};

/// One value of the request.
#[derive(Clone, Debug, PartialEq)]
pub enum Node {
    Str(String),
    Int(i64),
    /// A CloudWatch `Double` (an alarm's `Threshold`).
    Float(f64),
    Bool(bool),
    List(Vec<Node>),
    Map(Obj),
    /// A value the imported text did not give.
    Fill(Fill),
    /// A rollback alarm's name that names an alarm the design defines: each target writes a
    /// reference to the alarm it creates (see `crate::alarms`).
    Link(Link),
    /// A name the export declares as a parameter (CloudFormation), a variable (Terraform) or a
    /// constant (CDK), with the design's value as its default (see `crate::fleet`).
    Param(Param),
}

/// A name an export with its endpoint configuration declares once and refers to.
#[derive(Clone, Debug, PartialEq)]
pub struct Param {
    /// `PascalCase` letters and digits, e.g. `EndpointName`, `ModelName2`: CloudFormation's
    /// parameter; [`Param::snake`] and [`Param::camel`] are the other targets' names.
    pub id: String,
    /// The design's value (user text: quote it); `None` when the design has none, so the
    /// target asks for it.
    pub default: Option<String>,
    /// Our own words on what it is (no user text).
    pub description: String,
}

impl Param {
    /// `endpoint_config_name`: Terraform's variable and the CDK Python app's name.
    pub fn snake(&self) -> String {
        snake(&self.id)
    }

    /// `endpointConfigName`: the CDK TypeScript app's name.
    pub fn camel(&self) -> String {
        camel(&self.id)
    }
}

/// The rollback alarm `name`, defined in the same export under the identifier `id`.
#[derive(Clone, Debug, PartialEq)]
pub struct Link {
    pub name: String,
    pub id: crate::alarms::AlarmId,
}

/// A structure of the service model: its shape's name and its members in the model's order.
#[derive(Clone, Debug, PartialEq)]
pub struct Obj {
    /// The shape, e.g. `TrafficRoutingConfig` (the CDK's struct names derive from it).
    pub shape: &'static str,
    /// Members as the API spells them, in the model's order.
    pub entries: Vec<(&'static str, Node)>,
}

/// What kind of value a placeholder stands for, so that a target can declare it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Str,
    Int,
    /// A number that need not be whole (a variant's weight).
    Float,
    Bool,
    /// A structure or a list.
    Other,
}

/// A placeholder where a value belongs.
#[derive(Clone, Debug, PartialEq)]
pub struct Fill {
    /// VALIDATION.md's path, e.g. `DeploymentConfig.AutoRollbackConfiguration.Alarms[0].AlarmName`.
    pub path: String,
    /// What the imported text wrote there (user text: quote it).
    pub expression: String,
    pub kind: Kind,
}

impl Fill {
    /// The path with only letters and digits kept, e.g. `DeploymentConfigAutoRollbackConfigurationAlarms0AlarmName`:
    /// the base of a parameter or variable name in every target.
    pub fn ident(&self) -> String {
        self.path
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .collect()
    }

    /// The path as a `snake_case` identifier, e.g. `deployment_config_alarms_0_alarm_name`.
    pub fn snake_ident(&self) -> String {
        let mut out = String::new();
        for part in self.path.split(['.', '[', ']']).filter(|p| !p.is_empty()) {
            if !out.is_empty() {
                out.push('_');
            }
            out.push_str(&snake(part));
        }
        out.chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect()
    }
}

/// The request of `doc` with its placeholders in place, and the placeholders that could not
/// be placed in the request (none for a document the import built; the endpoint context's
/// own placeholders are not part of the request and are left out).
pub fn request(doc: &DesignDocument) -> (Obj, Vec<Fill>) {
    let mut root = input(&doc.request);
    let mut fills = Vec::new();
    for p in &doc.placeholders {
        if p.path.starts_with("Endpoint.") {
            continue;
        }
        let fill = Fill {
            path: p.path.clone(),
            expression: p.expression.clone(),
            kind: Kind::Other,
        };
        if !place(&mut root, &p.path, fill.clone()) {
            fills.push(fill);
        }
    }
    (root, fills)
}

/// Every placeholder in `obj`, in the tree's order.
pub fn fills(obj: &Obj) -> Vec<&Fill> {
    fn walk<'a>(n: &'a Node, out: &mut Vec<&'a Fill>) {
        match n {
            Node::Fill(f) => out.push(f),
            Node::List(items) => items.iter().for_each(|i| walk(i, out)),
            Node::Map(o) => o.entries.iter().for_each(|(_, v)| walk(v, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    obj.entries.iter().for_each(|(_, v)| walk(v, &mut out));
    out
}

/// Every string in `obj` with its path (VALIDATION.md's form), in the tree's order.
pub fn strings(obj: &Obj) -> Vec<(String, &str)> {
    fn walk<'a>(n: &'a Node, path: String, out: &mut Vec<(String, &'a str)>) {
        match n {
            Node::Str(s) => out.push((path, s)),
            Node::List(items) => {
                for (i, item) in items.iter().enumerate() {
                    walk(item, format!("{path}[{i}]"), out);
                }
            }
            Node::Map(o) => {
                for (k, v) in &o.entries {
                    let p = if path.is_empty() {
                        k.to_string()
                    } else {
                        format!("{path}.{k}")
                    };
                    walk(v, p, out);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    for (k, v) in &obj.entries {
        walk(v, k.to_string(), &mut out);
    }
    out
}

impl Obj {
    pub(crate) fn new(shape: &'static str) -> Obj {
        Obj {
            shape,
            entries: Vec::new(),
        }
    }

    pub(crate) fn push(&mut self, name: &'static str, value: Option<Node>) {
        if let Some(v) = value {
            self.entries.push((name, v));
        }
    }

    /// The member called `name`, if present.
    pub fn get(&self, name: &str) -> Option<&Node> {
        self.entries
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v)
    }

    /// Sets member `name` (a member of this shape), keeping the model's order.
    fn set(&mut self, member: &'static limits::Member, value: Node) {
        if let Some(slot) = self.entries.iter_mut().find(|(k, _)| *k == member.name) {
            slot.1 = value;
            return;
        }
        let order = |name: &str| {
            limits::structure(self.shape)
                .and_then(|s| s.members.iter().position(|m| m.name == name))
                .unwrap_or(usize::MAX)
        };
        let at = order(member.name);
        let index = self
            .entries
            .iter()
            .position(|(k, _)| order(k) > at)
            .unwrap_or(self.entries.len());
        self.entries.insert(index, (member.name, value));
    }
}

pub(crate) fn text(s: &Option<String>) -> Option<Node> {
    s.clone().map(Node::Str)
}

pub(crate) fn int(v: &Option<i64>) -> Option<Node> {
    v.map(Node::Int)
}

pub(crate) fn boolean(v: &Option<bool>) -> Option<Node> {
    v.map(Node::Bool)
}

fn input(req: &UpdateEndpointInput) -> Obj {
    let mut o = Obj::new(shape::UPDATE_ENDPOINT_INPUT);
    o.push("EndpointName", text(&req.endpoint_name));
    o.push("EndpointConfigName", text(&req.endpoint_config_name));
    o.push(
        "RetainAllVariantProperties",
        boolean(&req.retain_all_variant_properties),
    );
    o.push(
        "ExcludeRetainedVariantProperties",
        req.exclude_retained_variant_properties
            .as_ref()
            .map(|l| Node::List(l.iter().map(variant_property).collect())),
    );
    o.push(
        "DeploymentConfig",
        req.deployment_config.as_ref().map(deployment_config),
    );
    o.push(
        "RetainDeploymentConfig",
        boolean(&req.retain_deployment_config),
    );
    o
}

fn variant_property(p: &VariantProperty) -> Node {
    let mut o = Obj::new(shape::VARIANT_PROPERTY);
    o.push(
        "VariantPropertyType",
        p.variant_property_type
            .as_ref()
            .map(|t| Node::Str(t.wire().to_string())),
    );
    Node::Map(o)
}

fn deployment_config(dc: &DeploymentConfig) -> Node {
    let mut o = Obj::new(shape::DEPLOYMENT_CONFIG);
    o.push(
        "BlueGreenUpdatePolicy",
        dc.blue_green_update_policy.as_ref().map(blue_green),
    );
    o.push(
        "RollingUpdatePolicy",
        dc.rolling_update_policy.as_ref().map(rolling),
    );
    o.push(
        "AutoRollbackConfiguration",
        dc.auto_rollback_configuration.as_ref().map(rollback),
    );
    Node::Map(o)
}

fn blue_green(bg: &BlueGreenUpdatePolicy) -> Node {
    let mut o = Obj::new(shape::BLUE_GREEN_UPDATE_POLICY);
    o.push(
        "TrafficRoutingConfiguration",
        bg.traffic_routing_configuration.as_ref().map(routing),
    );
    o.push(
        "TerminationWaitInSeconds",
        int(&bg.termination_wait_in_seconds),
    );
    o.push(
        "MaximumExecutionTimeoutInSeconds",
        int(&bg.maximum_execution_timeout_in_seconds),
    );
    Node::Map(o)
}

fn routing(t: &TrafficRoutingConfig) -> Node {
    let mut o = Obj::new(shape::TRAFFIC_ROUTING_CONFIG);
    o.push(
        "Type",
        t.type_.as_ref().map(|t| Node::Str(t.wire().to_string())),
    );
    o.push("WaitIntervalInSeconds", int(&t.wait_interval_in_seconds));
    o.push("CanarySize", t.canary_size.as_ref().map(capacity));
    o.push("LinearStepSize", t.linear_step_size.as_ref().map(capacity));
    Node::Map(o)
}

fn rolling(r: &RollingUpdatePolicy) -> Node {
    let mut o = Obj::new(shape::ROLLING_UPDATE_POLICY);
    o.push(
        "MaximumBatchSize",
        r.maximum_batch_size.as_ref().map(capacity),
    );
    o.push("WaitIntervalInSeconds", int(&r.wait_interval_in_seconds));
    o.push(
        "MaximumExecutionTimeoutInSeconds",
        int(&r.maximum_execution_timeout_in_seconds),
    );
    o.push(
        "RollbackMaximumBatchSize",
        r.rollback_maximum_batch_size.as_ref().map(capacity),
    );
    Node::Map(o)
}

fn capacity(c: &CapacitySize) -> Node {
    let mut o = Obj::new(shape::CAPACITY_SIZE);
    o.push(
        "Type",
        c.type_.as_ref().map(|t| Node::Str(t.wire().to_string())),
    );
    o.push("Value", int(&c.value));
    Node::Map(o)
}

fn rollback(a: &AutoRollbackConfig) -> Node {
    let mut o = Obj::new(shape::AUTO_ROLLBACK_CONFIG);
    o.push(
        "Alarms",
        a.alarms
            .as_ref()
            .map(|l| Node::List(l.iter().map(alarm).collect())),
    );
    Node::Map(o)
}

fn alarm(a: &Alarm) -> Node {
    let mut o = Obj::new(shape::ALARM);
    o.push("AlarmName", text(&a.alarm_name));
    Node::Map(o)
}

/// What a member of shape `shape` holds.
fn kind_of(shape: &str) -> Kind {
    if shape == limits::shape::BOOLEAN {
        Kind::Bool
    } else if limits::INT_RANGES.iter().any(|r| r.name == shape) {
        Kind::Int
    } else if limits::structure(shape).is_some() || limits::LISTS.iter().any(|l| l.name == shape) {
        Kind::Other
    } else {
        Kind::Str
    }
}

/// Puts `fill` at `path` in `root`, making the structures on the way; false when the path
/// does not name a member of the request (or an element that is not there).
fn place(root: &mut Obj, path: &str, mut fill: Fill) -> bool {
    let segments: Vec<&str> = path.split('.').collect();
    let mut obj = root;
    for (i, seg) in segments.iter().enumerate() {
        let last = i + 1 == segments.len();
        let (name, index) = match seg.split_once('[') {
            Some((name, rest)) => {
                match rest.strip_suffix(']').and_then(|n| n.parse::<usize>().ok()) {
                    Some(n) => (name, Some(n)),
                    None => return false,
                }
            }
            None => (*seg, None),
        };
        let Some(member) = limits::structure(obj.shape).and_then(|s| s.member(name)) else {
            return false;
        };
        match index {
            None if last => {
                fill.kind = kind_of(member.shape);
                obj.set(member, Node::Fill(fill));
                return true;
            }
            None => {
                if limits::structure(member.shape).is_none() {
                    return false;
                }
                if !matches!(obj.get(name), Some(Node::Map(_))) {
                    obj.set(member, Node::Map(Obj::new(member.shape)));
                }
                let Some((_, Node::Map(next))) =
                    obj.entries.iter_mut().find(|(k, _)| *k == member.name)
                else {
                    return false;
                };
                obj = next;
            }
            Some(n) => {
                let Some((_, Node::List(items))) =
                    obj.entries.iter_mut().find(|(k, _)| *k == member.name)
                else {
                    return false;
                };
                let Some(item) = items.get_mut(n) else {
                    return false;
                };
                if last {
                    *item = Node::Fill(fill);
                    return true;
                }
                let Node::Map(next) = item else {
                    return false;
                };
                obj = next;
            }
        }
    }
    false
}

/// Members whose `snake_case` and `camelCase` names are not the plain conversion: the
/// Terraform providers' argument and aws-cdk-lib's prop are `memory_size_in_mb` and
/// `memorySizeInMb` (aws-cdk-lib 2.276.0 `CfnEndpointConfig.ServerlessConfigProperty`).
const IRREGULAR: &[(&str, &str, &str)] =
    &[("MemorySizeInMB", "memory_size_in_mb", "memorySizeInMb")];

/// `PascalCase` to `snake_case`: `WaitIntervalInSeconds` -> `wait_interval_in_seconds`.
pub fn snake(name: &str) -> String {
    if let Some((_, s, _)) = IRREGULAR.iter().find(|(api, _, _)| *api == name) {
        return s.to_string();
    }
    let mut out = String::with_capacity(name.len() + 4);
    for (i, c) in name.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// `PascalCase` to `camelCase`: `WaitIntervalInSeconds` -> `waitIntervalInSeconds`.
pub fn camel(name: &str) -> String {
    if let Some((_, _, c)) = IRREGULAR.iter().find(|(api, _, _)| *api == name) {
        return c.to_string();
    }
    let mut chars = name.chars();
    match chars.next() {
        Some(c) => c.to_ascii_lowercase().to_string() + chars.as_str(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use designer_core::model::Placeholder;

    fn ph(path: &str, expr: &str) -> Placeholder {
        Placeholder {
            path: path.into(),
            expression: expr.into(),
            line: None,
            column: None,
        }
    }

    #[test]
    fn placeholders_land_at_their_paths_in_model_order() {
        let mut doc = DesignDocument::default();
        doc.request.endpoint_config_name = Some("cfg".into());
        doc.request.deployment_config = Some(DeploymentConfig {
            auto_rollback_configuration: Some(AutoRollbackConfig {
                alarms: Some(vec![Alarm::default()]),
            }),
            ..Default::default()
        });
        doc.placeholders = vec![
            ph("EndpointName", "var.name"),
            ph(
                "DeploymentConfig.AutoRollbackConfiguration.Alarms[0].AlarmName",
                "var.alarm",
            ),
            ph(
                "DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration.WaitIntervalInSeconds",
                "var.wait",
            ),
            ph("Endpoint.NewVariants[0].InstanceType", "var.type"),
            ph("Nonsense.Path", "x"),
        ];
        let (root, unplaced) = request(&doc);
        assert_eq!(root.entries[0].0, "EndpointName");
        assert!(matches!(&root.entries[0].1, Node::Fill(f) if f.kind == Kind::Str));
        let kinds: Vec<(String, Kind)> = fills(&root)
            .iter()
            .map(|f| (f.path.clone(), f.kind))
            .collect();
        assert_eq!(kinds.len(), 3, "{kinds:?}");
        assert!(kinds.contains(&(
            "DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration.WaitIntervalInSeconds"
                .into(),
            Kind::Int
        )));
        // The blue/green policy made for the placeholder comes before the rollback config.
        let Some(Node::Map(dc)) = root.get("DeploymentConfig") else {
            panic!("no DeploymentConfig");
        };
        let keys: Vec<&str> = dc.entries.iter().map(|(k, _)| *k).collect();
        assert_eq!(keys, ["BlueGreenUpdatePolicy", "AutoRollbackConfiguration"]);
        assert_eq!(unplaced.len(), 1);
        assert_eq!(unplaced[0].path, "Nonsense.Path");
    }

    #[test]
    fn names_convert() {
        assert_eq!(snake("WaitIntervalInSeconds"), "wait_interval_in_seconds");
        assert_eq!(camel("EndpointConfigName"), "endpointConfigName");
        assert_eq!(snake("MemorySizeInMB"), "memory_size_in_mb");
        assert_eq!(camel("MemorySizeInMB"), "memorySizeInMb");
        let f = Fill {
            path: "DeploymentConfig.AutoRollbackConfiguration.Alarms[1].AlarmName".into(),
            expression: String::new(),
            kind: Kind::Str,
        };
        assert_eq!(
            f.snake_ident(),
            "deployment_config_auto_rollback_configuration_alarms_1_alarm_name"
        );
        assert_eq!(
            f.ident(),
            "DeploymentConfigAutoRollbackConfigurationAlarms1AlarmName"
        );
    }
}
