//! Step Functions: the task state that calls `arn:aws:states:::sagemaker:updateEndpoint`
//! with the request as its `Parameters`, alone or in a one-state state machine.
//!
//! A placeholder becomes a `Key.$` parameter read from the execution input at the request's
//! own path (`$.EndpointName`), and the `Comment` says so: the state machine cannot start the
//! update without being given the value.

use designer_core::model::DesignDocument;

use crate::facts::stepfunctions as facts;
use crate::json::{from_node, pretty, J};
use crate::tree::{self, Fill, Node};
use crate::{Export, Options};

const STATE_NAME: &str = "UpdateEndpoint";

/// The JSONPath of the execution input that a placeholder is read from.
fn input_path(fill: &Fill) -> String {
    format!("$.{}", fill.path)
}

/// The export: the state machine (`options.whole_template`) or the state alone.
pub fn export(doc: &DesignDocument, options: &Options) -> Export {
    let (root, _) = tree::request(doc);
    let fills: Vec<Fill> = tree::fills(&root).into_iter().cloned().collect();
    let parameters = from_node(&Node::Map(root), &|key, f| {
        let key = if key.is_empty() { "Value" } else { key };
        (format!("{key}.$"), J::Str(input_path(f)))
    });
    let mut comment = String::from(
        "Starts the endpoint update with this deployment policy. The call returns when the update starts; poll sagemaker:describeEndpoint until EndpointStatus is InService to wait for it.",
    );
    if !fills.is_empty() {
        let list: Vec<String> = fills
            .iter()
            .map(|f| {
                format!(
                    "{} from {} (the imported text had {})",
                    f.path,
                    input_path(f),
                    f.expression
                )
            })
            .collect();
        comment = format!(
            "INCOMPLETE: {} value(s) were not in the imported text and are read from the execution input; FILL IN: {}. {comment}",
            fills.len(),
            list.join("; ")
        );
    }
    let state = J::obj(vec![
        ("Type", J::str("Task")),
        ("Comment", J::Str(comment)),
        ("Resource", J::str(facts::RESOURCE)),
        ("Parameters", parameters),
        ("End", J::Bool(true)),
    ]);
    let (value, filename) = if options.whole_template {
        (
            J::obj(vec![
                ("StartAt", J::str(STATE_NAME)),
                ("States", J::obj(vec![(STATE_NAME, state)])),
            ]),
            "update-endpoint.asl.json",
        )
    } else {
        (state, "update-endpoint-state.json")
    };
    Export {
        text: pretty(&value),
        filename: filename.to_string(),
    }
}
