//! Import of the AWS SDK for Kotlin's builders: `UpdateEndpointRequest { endpointName = ...;
//! deploymentConfig = DeploymentConfig { ... } }`, nested builder blocks
//! (`deploymentConfig { blueGreenUpdatePolicy { ... } }`) and the client's trailing lambda
//! `client.updateEndpoint { ... }`. Enum constants are Kotlin's (`TrafficRoutingConfigType.Canary`),
//! lists `listOf(...)`, string templates (`"$endpoint-5xx"`) placeholders.

use designer_core::model::DesignDocument;

use super::clike::Lang;
use super::{followed, import_code, qualified_start, Candidate};
use crate::cdk::syntax::{lex, Lang as LexLang, TokKind};
use crate::{Options, Outcome, Refusal};

/// True when the text has a Kotlin builder of the request: `UpdateEndpointRequest {` or
/// `.updateEndpoint {`.
pub fn detect(text: &str) -> bool {
    let builder = text.match_indices("UpdateEndpointRequest").any(|(i, _)| {
        let after = text.get(i + "UpdateEndpointRequest".len()..).unwrap_or("").trim_start();
        after.starts_with('{') && !super::after_new(text, i)
    });
    builder || followed(text, ".updateEndpoint", "{")
}

fn preceded_by_new(toks: &[crate::cdk::syntax::Tok], i: usize) -> bool {
    let start = qualified_start(toks, i, true);
    start != qualified_start(toks, i, false)
        && matches!(toks.get(start).map(|t| &t.kind), Some(TokKind::Ident(w)) if w == "new")
}

/// Reads `text` onto a copy of `current`.
pub fn import(text: &str, current: &DesignDocument, options: &Options) -> Result<Outcome, Refusal> {
    let toks = lex(text, LexLang::Ts);
    let mut found = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        let TokKind::Ident(w) = &t.kind else { continue };
        let brace = matches!(toks.get(i + 1).map(|t| &t.kind), Some(TokKind::Punct("{")));
        let dotted = i > 0 && matches!(toks.get(i - 1).map(|t| &t.kind), Some(TokKind::Punct(".")));
        let what = match w.as_str() {
            "UpdateEndpointRequest" if brace && !preceded_by_new(&toks, i) => "UpdateEndpointRequest { ... }",
            "updateEndpoint" if brace && dotted => "updateEndpoint { ... }",
            _ => continue,
        };
        found.push(Candidate {
            at: qualified_start(&toks, i, false),
            line: t.pos.line,
            label: format!("{what} (line {})", t.pos.line),
            lambda: false,
        });
    }
    let form = |c: &Candidate| -> String {
        if c.label.starts_with("updateEndpoint") {
            "an AWS SDK for Kotlin `updateEndpoint { ... }` call".to_string()
        } else {
            "an AWS SDK for Kotlin `UpdateEndpointRequest { ... }` builder".to_string()
        }
    };
    import_code(
        text,
        &toks,
        Lang::Kotlin,
        &found,
        "Found no `UpdateEndpointRequest { ... }` and no `updateEndpoint { ... }` to import: paste the code that builds the request",
        current,
        options,
        &form,
    )
}
