//! The Markdown review summary (GitHub-flavoured) of a design, for a pull request or a
//! ticket: the request, the findings, the rollout as a table, the change against a baseline
//! when there is one, the simulation's assumptions and the review link. Part of the
//! on-demand wasm.

use designer_core::model::DesignDocument;

/// The summary of `doc`, compared with `baseline` when given; `link` is the review link.
pub fn markdown(doc: &DesignDocument, baseline: Option<&DesignDocument>, link: &str) -> String {
    let _ = (doc, baseline, link);
    String::from("not written yet")
}
