//! Import of cloudformation texts (not written yet).

use crate::{refuse, Options, Outcome, Refusal};
use designer_core::model::DesignDocument;

/// True when `text` looks like this form.
pub fn detect(_text: &str) -> bool {
    false
}

/// Reads `text` onto a copy of `current`.
pub fn import(_text: &str, _current: &DesignDocument, _options: &Options) -> Result<Outcome, Refusal> {
    Err(refuse("not written yet"))
}
