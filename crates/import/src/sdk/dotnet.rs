//! Import of the AWS SDK for .NET: `new UpdateEndpointRequest { EndpointName = ...,
//! DeploymentConfig = new DeploymentConfig { ... } }` in C#, with object and collection
//! initialisers (`new List<Alarm> { new Alarm { AlarmName = "x" } }`), enum constants
//! (`TrafficRoutingConfigType.CANARY`) and interpolated strings (`$"{ep}-5xx"`) as
//! placeholders. Property names are the API's.

use designer_core::model::DesignDocument;

use super::clike::Lang;
use super::{import_code, qualified_start, Candidate};
use crate::cdk::syntax::{lex, Lang as LexLang, TokKind};
use crate::{Options, Outcome, Refusal};

/// True when the text has `new UpdateEndpointRequest` with an initialiser.
pub fn detect(text: &str) -> bool {
    text.match_indices("UpdateEndpointRequest").any(|(i, _)| {
        let after = text.get(i + "UpdateEndpointRequest".len()..).unwrap_or("").trim_start();
        let after = after.strip_prefix("()").unwrap_or(after).trim_start();
        super::after_new(text, i) && after.starts_with('{')
    })
}

/// Reads `text` onto a copy of `current`.
pub fn import(text: &str, current: &DesignDocument, options: &Options) -> Result<Outcome, Refusal> {
    let toks = lex(text, LexLang::Ts);
    let mut found = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        let TokKind::Ident(w) = &t.kind else { continue };
        if w != "UpdateEndpointRequest" {
            continue;
        }
        let start = qualified_start(&toks, i, true);
        if !matches!(toks.get(start).map(|t| &t.kind), Some(TokKind::Ident(n)) if n == "new") {
            continue;
        }
        found.push(Candidate {
            at: start,
            line: t.pos.line,
            label: format!("new UpdateEndpointRequest {{...}} (line {})", t.pos.line),
            lambda: false,
        });
    }
    let form = |_: &Candidate| "an AWS SDK for .NET `UpdateEndpointRequest`".to_string();
    import_code(
        text,
        &toks,
        Lang::DotNet,
        &found,
        "Found no `new UpdateEndpointRequest { ... }` to import: paste the code that builds the request",
        current,
        options,
        &form,
    )
}
