//! The EventBridge rule's event pattern for this endpoint's deployment state changes: source
//! `aws.sagemaker`, detail-type "SageMaker Endpoint Deployment State Change", the endpoint's
//! name in `detail.EndpointName` (SageMaker Developer Guide, "Automating SageMaker AI with
//! Amazon EventBridge", endpoint deployment state change).

use designer_core::model::DesignDocument;

use crate::json::{pretty, J};
use crate::Export;

pub const SOURCE: &str = "aws.sagemaker";
pub const DETAIL_TYPE: &str = "SageMaker Endpoint Deployment State Change";

/// The pattern. Without an endpoint name (a placeholder) the pattern names what to fill in,
/// in a value no endpoint can have (names take no spaces), rather than matching every endpoint.
pub fn export(doc: &DesignDocument) -> Export {
    let name = match doc.request.endpoint_name.as_deref() {
        Some(n) if !doc.placeholders.iter().any(|p| p.path == "EndpointName") => n.to_string(),
        _ => {
            let was = doc
                .placeholders
                .iter()
                .find(|p| p.path == "EndpointName")
                .map(|p| format!(" (the imported text had {})", p.expression))
                .unwrap_or_default();
            format!("FILL IN: EndpointName{was}")
        }
    };
    let pattern = J::obj(vec![
        ("source", J::Arr(vec![J::str(SOURCE)])),
        ("detail-type", J::Arr(vec![J::str(DETAIL_TYPE)])),
        (
            "detail",
            J::obj(vec![("EndpointName", J::Arr(vec![J::Str(name)]))]),
        ),
    ]);
    Export {
        text: pretty(&pattern),
        filename: "endpoint-deployment-rule.json".to_string(),
    }
}
