//! Import of a design document, a bare `--cli-input-json` request, or a pasted boto3 call.

use super::model::DesignDocument;

/// What kind of text was imported.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImportKind {
    Document,
    Request,
    Boto3,
}

/// A refused import: what is wrong and where.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportError {
    pub message: String,
    /// 1-based line and column, for syntax errors.
    pub line: Option<u32>,
    pub column: Option<u32>,
    /// botocore-style field path, for structural errors.
    pub path: Option<String>,
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// The result of an accepted import.
#[derive(Clone, Debug, PartialEq)]
pub struct Imported {
    pub document: DesignDocument,
    pub kind: ImportKind,
}

/// Imports `text`. A bare request or boto3 call replaces `current.request` and keeps the rest.
pub fn import(_text: &str, _current: &DesignDocument) -> Result<Imported, ImportError> {
    Err(ImportError { message: "not implemented".into(), line: None, column: None, path: None })
}

/// Parses a design document only (the share link's payload).
pub fn parse_document(_text: &str) -> Result<DesignDocument, ImportError> {
    Err(ImportError { message: "not implemented".into(), line: None, column: None, path: None })
}
