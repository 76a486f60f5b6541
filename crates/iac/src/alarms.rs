//! The design's alarm definitions (Version 2's `Alarms`) as the IaC targets create them: one
//! tree per definition in CloudWatch's spelling (`PutMetricAlarm`'s members, which are also
//! `AWS::CloudWatch::Alarm`'s properties), an identifier each target makes its own names from,
//! and the request's rollback alarms linked to the definitions of the same name, so that each
//! target writes a reference (CloudFormation's `Ref`, a Terraform attribute, a CDK `.ref`)
//! and its tool creates the alarm before the endpoint that watches it.

use designer_core::model::{
    DesignDocument, Dimension, Metric, MetricAlarm, MetricDataQuery, MetricStat,
};

use crate::tree::{boolean, int, text, Link, Node, Obj};

/// The shapes of a definition, as CloudWatch names them (the CDK's struct classes are
/// `CfnAlarm.<Shape>Property`).
pub mod shape {
    pub const ALARM: &str = "PutMetricAlarmInput";
    pub const DIMENSION: &str = "Dimension";
    pub const METRIC_DATA_QUERY: &str = "MetricDataQuery";
    pub const METRIC_STAT: &str = "MetricStat";
    pub const METRIC: &str = "Metric";
}

/// The most characters of an alarm's name an identifier keeps.
const MAX_ID_CHARS: usize = 48;

/// What a target's identifiers for one alarm are made of: the ASCII letters and digits of
/// the alarm's name in words, unique among the design's alarms (case aside).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AlarmId {
    words: Vec<String>,
}

impl AlarmId {
    fn pascal(&self) -> String {
        self.words
            .iter()
            .map(|w| {
                let mut c = w.chars();
                c.next()
                    .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                    .unwrap_or_default()
            })
            .collect()
    }

    /// `AlarmP99Latency`: CloudFormation's logical id, and the CDK's construct id (which is
    /// the logical id of a construct at the top of a stack).
    pub fn logical_id(&self) -> String {
        format!("Alarm{}", self.pascal())
    }

    /// `alarm_p99_latency`: Terraform's resource name and the CDK Python app's variable.
    pub fn snake(&self) -> String {
        let mut out = String::from("alarm");
        for w in &self.words {
            out.push('_');
            out.push_str(&w.to_ascii_lowercase());
        }
        out
    }

    /// `alarmP99Latency`: the CDK TypeScript app's variable.
    pub fn camel(&self) -> String {
        format!("alarm{}", self.pascal())
    }

    fn key(&self) -> String {
        self.words.concat().to_ascii_lowercase()
    }
}

/// One alarm definition of the design, ready to write.
#[derive(Clone, Debug, PartialEq)]
pub struct Definition {
    /// Where it is in the design: `Alarms[i]`.
    pub index: usize,
    pub name: Option<String>,
    pub id: AlarmId,
    /// `PutMetricAlarm`'s members the definition has, in the API's order.
    pub obj: Obj,
}

/// The words of `name` that an identifier keeps.
fn words(name: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut len = 0;
    for w in name
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if len + w.len() > MAX_ID_CHARS {
            break;
        }
        len += w.len();
        out.push(w.to_string());
    }
    out
}

/// The design's definitions, each with an identifier no other one has.
pub fn definitions(doc: &DesignDocument) -> Vec<Definition> {
    let mut out: Vec<Definition> = Vec::new();
    for (index, a) in doc.alarms.iter().enumerate() {
        let mut id = AlarmId {
            words: words(a.alarm_name.as_deref().unwrap_or_default()),
        };
        if id.words.is_empty() {
            id.words.push((index + 1).to_string());
        }
        let base = id.words.clone();
        let mut n = 1;
        while out.iter().any(|d| d.id.key() == id.key()) {
            n += 1;
            id.words = base.clone();
            id.words.push(n.to_string());
        }
        out.push(Definition {
            index,
            name: a.alarm_name.clone(),
            id,
            obj: alarm(a),
        });
    }
    out
}

/// Replaces each rollback alarm name of `root` (the request) that a definition has with a
/// link to that definition.
pub fn link(root: &mut Obj, defs: &[Definition]) {
    let Some(items) = member(root, "DeploymentConfig")
        .and_then(|dc| member(dc, "AutoRollbackConfiguration"))
        .and_then(|a| a.entries.iter_mut().find(|(k, _)| *k == "Alarms"))
        .and_then(|(_, v)| match v {
            Node::List(items) => Some(items),
            _ => None,
        })
    else {
        return;
    };
    for item in items {
        let Node::Map(o) = item else { continue };
        for (k, v) in o.entries.iter_mut() {
            let Node::Str(name) = v else { continue };
            if *k != "AlarmName" {
                continue;
            }
            if let Some(d) = defs
                .iter()
                .find(|d| d.name.as_deref() == Some(name.as_str()))
            {
                *v = Node::Link(Link {
                    name: name.clone(),
                    id: d.id.clone(),
                });
            }
        }
    }
}

fn member<'a>(o: &'a mut Obj, name: &str) -> Option<&'a mut Obj> {
    o.entries.iter_mut().find_map(|(k, v)| match v {
        Node::Map(inner) if *k == name => Some(inner),
        _ => None,
    })
}

fn dimensions(list: &[Dimension]) -> Option<Node> {
    (!list.is_empty()).then(|| {
        Node::List(
            list.iter()
                .map(|d| {
                    let mut o = Obj::new(shape::DIMENSION);
                    o.push("Name", Some(Node::Str(d.name.clone())));
                    o.push("Value", Some(Node::Str(d.value.clone())));
                    Node::Map(o)
                })
                .collect(),
        )
    })
}

/// The definition's tree: the members it has, in the order `PutMetricAlarm` lists them
/// (the order the design document writes them).
fn alarm(a: &MetricAlarm) -> Obj {
    let mut o = Obj::new(shape::ALARM);
    o.push("AlarmName", text(&a.alarm_name));
    o.push("Namespace", text(&a.namespace));
    o.push("MetricName", text(&a.metric_name));
    o.push("Dimensions", dimensions(&a.dimensions));
    o.push("Statistic", text(&a.statistic));
    o.push("ExtendedStatistic", text(&a.extended_statistic));
    o.push("Period", int(&a.period));
    o.push("EvaluationPeriods", int(&a.evaluation_periods));
    o.push("DatapointsToAlarm", int(&a.datapoints_to_alarm));
    o.push("Threshold", a.threshold.map(Node::Float));
    o.push("ComparisonOperator", text(&a.comparison_operator));
    o.push("TreatMissingData", text(&a.treat_missing_data));
    o.push("Unit", text(&a.unit));
    o.push(
        "Metrics",
        (!a.metrics.is_empty()).then(|| Node::List(a.metrics.iter().map(query).collect())),
    );
    o
}

fn query(q: &MetricDataQuery) -> Node {
    let mut o = Obj::new(shape::METRIC_DATA_QUERY);
    o.push("Id", Some(Node::Str(q.id.clone())));
    o.push("Expression", text(&q.expression));
    o.push("MetricStat", q.metric_stat.as_ref().map(stat));
    o.push("Label", text(&q.label));
    o.push("ReturnData", boolean(&q.return_data));
    o.push("Period", int(&q.period));
    Node::Map(o)
}

fn stat(s: &MetricStat) -> Node {
    let mut o = Obj::new(shape::METRIC_STAT);
    o.push("Metric", Some(metric(&s.metric)));
    o.push("Period", int(&s.period));
    o.push("Stat", text(&s.stat));
    o.push("Unit", text(&s.unit));
    Node::Map(o)
}

fn metric(m: &Metric) -> Node {
    let mut o = Obj::new(shape::METRIC);
    o.push("Namespace", text(&m.namespace));
    o.push("MetricName", text(&m.metric_name));
    o.push("Dimensions", dimensions(&m.dimensions));
    Node::Map(o)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tree;
    use designer_core::model::{Alarm, AutoRollbackConfig, DeploymentConfig};

    fn named(names: &[Option<&str>]) -> DesignDocument {
        DesignDocument {
            alarms: names
                .iter()
                .map(|n| MetricAlarm {
                    alarm_name: n.map(str::to_string),
                    ..Default::default()
                })
                .collect(),
            ..Default::default()
        }
    }

    #[test]
    fn identifiers_are_words_of_the_name_and_unique() {
        let doc = named(&[
            Some("p99-latency"),
            Some("P99 latency"),
            Some("5xx \"errors\" $(x)"),
            None,
            Some("日本語"),
            Some(""),
        ]);
        let ids: Vec<(String, String, String)> = definitions(&doc)
            .iter()
            .map(|d| (d.id.logical_id(), d.id.snake(), d.id.camel()))
            .collect();
        let want = [
            ("AlarmP99Latency", "alarm_p99_latency", "alarmP99Latency"),
            (
                "AlarmP99Latency2",
                "alarm_p99_latency_2",
                "alarmP99Latency2",
            ),
            ("Alarm5xxErrorsX", "alarm_5xx_errors_x", "alarm5xxErrorsX"),
            ("Alarm4", "alarm_4", "alarm4"),
            ("Alarm5", "alarm_5", "alarm5"),
            ("Alarm6", "alarm_6", "alarm6"),
        ];
        let want: Vec<(String, String, String)> = want
            .iter()
            .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
            .collect();
        assert_eq!(ids, want);
        let long = "x".repeat(40) + "-" + &"y".repeat(40);
        let d = &definitions(&named(&[Some(&long)]))[0];
        assert_eq!(
            d.id.logical_id(),
            format!("Alarm{}", "X".to_string() + &"x".repeat(39))
        );
    }

    #[test]
    fn rollback_alarms_with_a_definition_become_links() {
        let mut doc = named(&[Some("b"), Some("a")]);
        doc.request.deployment_config = Some(DeploymentConfig {
            auto_rollback_configuration: Some(AutoRollbackConfig {
                alarms: Some(
                    ["a", "elsewhere", "b"]
                        .iter()
                        .map(|n| Alarm {
                            alarm_name: Some(n.to_string()),
                        })
                        .collect(),
                ),
            }),
            ..Default::default()
        });
        let defs = definitions(&doc);
        let (mut root, _) = tree::request(&doc);
        link(&mut root, &defs);
        let Some(Node::Map(dc)) = root.get("DeploymentConfig") else {
            panic!()
        };
        let Some(Node::Map(a)) = dc.get("AutoRollbackConfiguration") else {
            panic!()
        };
        let Some(Node::List(items)) = a.get("Alarms") else {
            panic!()
        };
        let names: Vec<String> = items
            .iter()
            .map(|i| match i {
                Node::Map(o) => match o.get("AlarmName") {
                    Some(Node::Link(l)) => format!("link {} {}", l.name, l.id.logical_id()),
                    Some(Node::Str(s)) => s.clone(),
                    other => format!("{other:?}"),
                },
                other => format!("{other:?}"),
            })
            .collect();
        assert_eq!(names, ["link a AlarmA", "elsewhere", "link b AlarmB"]);
    }
}
