//! Exports of a request: `--cli-input-json`, an `aws sagemaker update-endpoint` command
//! for bash, a boto3 snippet, and the design document.

use super::model::{DesignDocument, UpdateEndpointInput};

/// The `--cli-input-json` document.
pub fn cli_input_json(req: &UpdateEndpointInput) -> String {
    serde_json::to_string_pretty(req).unwrap_or_default()
}

/// One self-contained `aws sagemaker update-endpoint ...` command for bash.
pub fn cli_command(_req: &UpdateEndpointInput) -> String {
    String::new()
}

/// A runnable boto3 snippet.
pub fn boto3_snippet(_req: &UpdateEndpointInput) -> String {
    String::new()
}

/// The design document as JSON.
pub fn document_json(doc: &DesignDocument) -> String {
    serde_json::to_string_pretty(doc).unwrap_or_default()
}
