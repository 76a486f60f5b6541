//! Import of the AWS SDK for Go: the `&sagemaker.UpdateEndpointInput{...}` composite literal
//! of v1 (`aws.String`, `aws.Int64`, `&sagemaker.DeploymentConfig{...}`,
//! `sagemaker.TrafficRoutingConfigTypeCanary`) and of v2 (`&types.DeploymentConfig{...}`,
//! `aws.Int32`, `types.TrafficRoutingConfigTypeCanary`). Field names are the API's.

use designer_core::model::DesignDocument;

use super::clike::Lang;
use super::{followed, import_code, qualified_start, Candidate};
use crate::cdk::syntax::{lex, Lang as LexLang, TokKind};
use crate::{Options, Outcome, Refusal};

/// True when the text has an `UpdateEndpointInput{` composite literal.
pub fn detect(text: &str) -> bool {
    followed(text, "UpdateEndpointInput", "{")
}

/// True when the text uses v2 of the SDK.
fn is_v2(text: &str) -> bool {
    text.contains("aws-sdk-go-v2") || text.contains("types.") || text.contains("aws.Int32(")
}

/// Reads `text` onto a copy of `current`.
pub fn import(text: &str, current: &DesignDocument, options: &Options) -> Result<Outcome, Refusal> {
    let toks = lex(text, LexLang::Ts);
    let mut found = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        let TokKind::Ident(w) = &t.kind else { continue };
        if w != "UpdateEndpointInput" || !matches!(toks.get(i + 1).map(|t| &t.kind), Some(TokKind::Punct("{"))) {
            continue;
        }
        found.push(Candidate {
            at: qualified_start(&toks, i, true),
            line: t.pos.line,
            label: format!("UpdateEndpointInput{{...}} (line {})", t.pos.line),
            lambda: false,
        });
    }
    let version = if is_v2(text) { "v2" } else { "v1" };
    let form = move |_: &Candidate| format!("an AWS SDK for Go {version} `UpdateEndpointInput`");
    import_code(
        text,
        &toks,
        Lang::Go,
        &found,
        "Found no `&sagemaker.UpdateEndpointInput{...}` to import: paste the code that builds the input",
        current,
        options,
        &form,
    )
}
