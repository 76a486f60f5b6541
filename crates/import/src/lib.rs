//! Importers of the forms people paste beyond the design document and the bare request
//! (which the core reads itself): Python snippets, AWS CLI commands, CloudFormation,
//! Terraform, CDK, Step Functions and describe outputs. Each form is one module that turns
//! its syntax into the core's positioned value tree (`designer_core::value`), in the API's
//! spelling, and reads it with the core's schema walk (`designer_core::import::Walk`), so
//! every refusal says where and every value the text does not give becomes a placeholder
//! (`Kind::Placeholder`) at its path. This crate is part of the on-demand wasm.

use designer_core::import::{self as core_import, ImportError};
use designer_core::model::DesignDocument;

pub mod cdk;
pub mod defaults;
pub mod names;
pub mod tree;
pub mod cli;
pub mod cloudformation;
pub mod cloudwatch;
pub mod describe;
pub mod fragment;
pub mod markdown;
pub mod python;
pub mod quotas;
pub mod sdk;
pub mod stepfunctions;
pub mod terraform;

/// What an accepted import gives the page.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    /// The whole design after the import; its `placeholders` list every value the text did
    /// not give.
    pub document: DesignDocument,
    /// The form recognised, as the page says it after "Imported from ": e.g.
    /// "a Terraform `aws_sagemaker_endpoint` block", "an AWS CLI `update-endpoint` command".
    pub form: String,
    /// What else the user should know, each a sentence: e.g. which config a retained
    /// `DeploymentConfig` is, or that the SageMaker Python SDK's call is a different API.
    pub notes: Vec<String>,
    /// Names the text assigns in several places, where the user picks which one to import.
    pub choices: Vec<Choice>,
}

/// A name assigned in several places (branches): which assignment was imported.
#[derive(Clone, Debug, PartialEq)]
pub struct Choice {
    /// The name, as the text writes it (e.g. `deployment_config`).
    pub name: String,
    /// The sentence the page shows before the options, when the choice is not between the
    /// places a name is assigned (e.g. whether to fill in the defaults a template gives).
    pub question: Option<String>,
    /// Each assignment, in the order of the text.
    pub options: Vec<ChoiceOption>,
    /// The index into `options` that this import used.
    pub chosen: usize,
}

/// One assignment of a [`Choice`].
#[derive(Clone, Debug, PartialEq)]
pub struct ChoiceOption {
    /// 1-based line of the assignment.
    pub line: u32,
    /// A short description the page shows, e.g. `if env == "prod":` or the first line.
    pub label: String,
}

/// Options of an import: the user's picks among the [`Choice`]s of an earlier attempt.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Options {
    /// (name, index into that choice's options).
    pub choices: Vec<(String, usize)>,
}

/// A refused import: the error (what and where), and, when the importer knows how, a
/// repaired text the page offers to import in one click.
#[derive(Clone, Debug, PartialEq)]
pub struct Refusal {
    pub error: ImportError,
    pub repair: Option<Repair>,
}

/// A one-click repair of a refused text.
#[derive(Clone, Debug, PartialEq)]
pub struct Repair {
    /// What the repair does, e.g. "Add the missing closing brace at line 4".
    pub label: String,
    /// The whole repaired text.
    pub text: String,
}

impl From<ImportError> for Refusal {
    fn from(error: ImportError) -> Self {
        Refusal {
            error,
            repair: None,
        }
    }
}

/// A refusal with no place in the text.
pub fn refuse(message: impl Into<String>) -> Refusal {
    ImportError {
        message: message.into(),
        line: None,
        column: None,
        path: None,
    }
    .into()
}

/// Reads `list` (the variants of an endpoint configuration the text defines) as the new
/// fleet of `document`, and says so in a note: where it comes from (`from`, the words after
/// "comes from") and what was left out (`dropped`), or why it was not taken from `id`.
pub(crate) fn read_new_fleet(
    list: &designer_core::value::Value,
    id: &str,
    from: &str,
    dropped: &[String],
    document: &mut DesignDocument,
    notes: &mut Vec<String>,
) {
    let walk = core_import::Walk::new(core_import::Source::Json);
    match walk.variants(list, "Endpoint.NewVariants") {
        Ok(v) => {
            let n = v.len();
            document.endpoint.new_variants = v;
            document.placeholders.extend(walk.take_placeholders());
            let mut note = format!(
                "The new fleet ({n} variant{}) comes from {from}.",
                if n == 1 { "" } else { "s" }
            );
            if !dropped.is_empty() {
                note.push_str(&format!(
                    " Left out what the designer does not model: {}.",
                    dropped.join(", ")
                ));
            }
            notes.push(note);
        }
        Err(e) => notes.push(format!("The new fleet was not taken from {id}: {}", e.message)),
    }
}

/// One importer: `detect` says whether the text is in its form (cheaply, without a full
/// parse), `import` reads it.
struct Form {
    detect: fn(&str) -> bool,
    import: ImportFn,
}

type ImportFn = fn(&str, &DesignDocument, &Options) -> Result<Outcome, Refusal>;

/// In order of how specific their signs are: the first whose `detect` says yes reads it.
const FORMS: &[Form] = &[
    Form { detect: stepfunctions::detect, import: stepfunctions::import },
    Form { detect: quotas::detect, import: quotas::import },
    Form { detect: describe::detect, import: describe::import },
    Form { detect: cloudformation::detect, import: cloudformation::import },
    Form { detect: terraform::detect, import: terraform::import },
    Form { detect: cdk::detect, import: cdk::import },
    // The SDKs' request builders: each type name or call is its language's own.
    Form { detect: sdk::go::detect, import: sdk::go::import },
    Form { detect: sdk::dotnet::detect, import: sdk::dotnet::import },
    Form { detect: sdk::kotlin::detect, import: sdk::kotlin::import },
    Form { detect: sdk::java::detect, import: sdk::java::import },
    Form { detect: sdk::javascript::detect, import: sdk::javascript::import },
    Form { detect: cli::detect, import: cli::import },
    // Alarm definitions alone, in any form (with a request, its form's importer reads them).
    Form { detect: cloudwatch::detect, import: cloudwatch::import },
];

/// Imports `text` in any form: a design document or a bare request as the core reads
/// them, or any form above. A refusal leaves `current` as it is (the caller keeps it).
pub fn import(text: &str, current: &DesignDocument, options: &Options) -> Result<Outcome, Refusal> {
    import_text(text, current, options, true)
}

/// [`import`], reading a Markdown text's code blocks when `markdown` (not within a block).
pub(crate) fn import_text(
    text: &str,
    current: &DesignDocument,
    options: &Options,
    markdown: bool,
) -> Result<Outcome, Refusal> {
    let text = text.trim_start_matches('\u{feff}');
    // The core reads design documents and bare requests (JSON); every other form, the
    // Python snippets included, is read here.
    // Any other text: the core's word on it is not the last (the Python reader, at the
    // end, weighs the JSON reader's error when the text looks like JSON).
    match core_import::first_read(text, current) {
        core_import::FirstRead::Read(imported) => {
            let form = match imported.kind {
                core_import::ImportKind::Document => "a design document",
                core_import::ImportKind::Request => "a request (--cli-input-json)",
            };
            return Ok(Outcome {
                document: imported.document,
                form: form.to_string(),
                notes: Vec::new(),
                choices: Vec::new(),
            });
        }
        core_import::FirstRead::Refused(e) => return Err(e.into()),
        core_import::FirstRead::Other(_) => {}
    }
    // Text copied from a page: its code blocks are read one by one (the prose around them
    // would look like any form's text).
    // When no block reads, the whole text is tried as any other (a script whose comment
    // quotes a fence), and the blocks' refusal is shown if that fails too.
    let mut blocks_refusal = None;
    if markdown && markdown::detect(text) {
        match markdown::import(text, current, options) {
            Ok(outcome) => return Ok(outcome),
            Err(refusal) => blocks_refusal = Some(refusal),
        }
    }
    match other_forms(text, current, options) {
        Err(refusal) => Err(blocks_refusal.unwrap_or(refusal)),
        ok => ok,
    }
}

/// Every form but the core's and Markdown's.
fn other_forms(text: &str, current: &DesignDocument, options: &Options) -> Result<Outcome, Refusal> {
    // A boto3 call is the strongest sign there is: a snippet that makes one is Python,
    // whatever its dicts look like (a dict named `deployment_config` looks like an awscc
    // attribute). Otherwise the first form whose signs match reads the text.
    if python::has_call(text) {
        return python::import(text, current, options);
    }
    // Otherwise every form whose signs match tries in turn (signs overlap: a CDK stack
    // can hold YAML-looking lines); the first that reads the text wins, and when none does,
    // the first one's refusal is shown, as it had the most specific signs.
    let mut first_refusal = None;
    for form in FORMS {
        if (form.detect)(text) {
            match (form.import)(text, current, options) {
                Ok(outcome) => return Ok(outcome),
                Err(refusal) => {
                    first_refusal.get_or_insert(refusal);
                }
            }
        }
    }
    if let Some(refusal) = first_refusal {
        return Err(refusal);
    }
    // A bare `DeploymentConfig` (or one of its policies) in JSON, YAML or a Python dict,
    // merged into the current design. Its signs are a request dict's too (`params = {...}`
    // holding a `DeploymentConfig`): when it cannot read the text as a fragment, the Python
    // reader tries it as a request, and the fragment's refusal is shown if that fails too.
    if fragment::detect(text) {
        return match fragment::import(text, current, options) {
            Ok(outcome) => Ok(outcome),
            // A text that is no policy at all is better explained as the request it may be.
            Err(refusal) if refusal.error.message.starts_with(fragment::NOT_A_FRAGMENT) => {
                python::import(text, current, options)
            }
            Err(refusal) => python::import(text, current, options).map_err(|_| refusal),
        };
    }
    // No other form's signs: the Python reader (a request dict, keyword arguments) has the
    // most to say about a text it cannot read (no `update_endpoint(` call; or, for a text
    // that starts like JSON but is not, whichever of the JSON and Python readers got further).
    python::import(text, current, options)
}
