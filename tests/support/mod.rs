//! What the root tests share: the page's import of a pasted text, in the core's terms.
//!
//! The page reads a design document or a bare request itself (`core::import::first_read`) and
//! hands any other text to the converters, whose `designer_import::import` reads the core's
//! forms first and then the rest (Python among them). These tests go through that same entry
//! point, so what they accept and refuse is what a user's paste gets.

#![allow(dead_code)] // each test file uses what it needs

use deployment_designer::core::import::ImportError;
use deployment_designer::core::model::DesignDocument;

/// What kind of text an import read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImportKind {
    /// A whole design document (JSON with `"Version"`).
    Document,
    /// A bare request in the `--cli-input-json` form.
    Request,
    /// Python: a boto3 `update_endpoint(...)` call or a request dict.
    Boto3,
    /// Any other form the converters read (CLI, CloudFormation, Terraform, ...).
    Other,
}

/// An accepted import: the whole design after it, and what the text was.
#[derive(Clone, Debug, PartialEq)]
pub struct Imported {
    pub document: DesignDocument,
    pub kind: ImportKind,
}

/// Imports `text` onto `current` as a paste into the page does (no choices picked).
pub fn import(text: &str, current: &DesignDocument) -> Result<Imported, ImportError> {
    match designer_import::import(text, current, &designer_import::Options::default()) {
        Ok(outcome) => Ok(Imported {
            kind: kind_of(&outcome.form),
            document: outcome.document,
        }),
        Err(refusal) => Err(refusal.error),
    }
}

fn kind_of(form: &str) -> ImportKind {
    if form == "a design document" {
        ImportKind::Document
    } else if form == "a request (--cli-input-json)" {
        ImportKind::Request
    } else if form.starts_with("a boto3 ")
        || form.starts_with("a Python ")
        || form.contains("keyword arguments")
    {
        ImportKind::Boto3
    } else {
        ImportKind::Other
    }
}
