//! Import of the AWS SDK for Java: 2.x's `UpdateEndpointRequest.builder()...build()` (nested
//! `DeploymentConfig.builder()...build()` or consumer lambdas `.deploymentConfig(d -> d...)`,
//! enum constants `TrafficRoutingConfigType.CANARY` or strings `.type("CANARY")`), the
//! client's `updateEndpoint(r -> r.endpointName(...))`, and 1.x's
//! `new UpdateEndpointRequest().withEndpointName(...)`. Kotlin code calling these builders
//! reads the same. Members map from the builders' camelCase to the API's PascalCase.

use designer_core::model::DesignDocument;

use super::clike::Lang;
use super::{followed, import_code, qualified_start, Candidate};
use crate::cdk::syntax::{lex, Lang as LexLang, Tok, TokKind};
use crate::{Options, Outcome, Refusal};

/// True when the text builds an `UpdateEndpointRequest` the Java way, or passes the client's
/// `updateEndpoint` a builder lambda.
pub fn detect(text: &str) -> bool {
    let request = text.contains("UpdateEndpointRequest")
        && (followed(text, "UpdateEndpointRequest", ".builder")
            || text.contains(".withEndpointName(")
            || text.contains(".withDeploymentConfig(")
            || text.contains("withEndpointConfigName("));
    request || (text.contains("updateEndpoint") && text.contains("->") && lambda_call(&lex(text, LexLang::Ts)).is_some())
}

fn word(toks: &[Tok], i: usize) -> Option<&str> {
    match toks.get(i).map(|t| &t.kind) {
        Some(TokKind::Ident(w)) => Some(w.as_str()),
        _ => None,
    }
}

fn punct(toks: &[Tok], i: usize, p: &str) -> bool {
    matches!(toks.get(i).map(|t| &t.kind), Some(TokKind::Punct(q)) if *q == p)
}

/// The first `updateEndpoint(r -> ...)` (or `((r) -> ...)`): the index of its lambda.
fn lambda_call(toks: &[Tok]) -> Option<usize> {
    lambda_calls(toks).into_iter().next()
}

fn lambda_calls(toks: &[Tok]) -> Vec<usize> {
    let mut out = Vec::new();
    for i in 0..toks.len() {
        if word(toks, i) != Some("updateEndpoint") || !punct(toks, i + 1, "(") {
            continue;
        }
        let simple = word(toks, i + 2).is_some() && punct(toks, i + 3, "->");
        let paren = punct(toks, i + 2, "(") && word(toks, i + 3).is_some() && punct(toks, i + 4, ")") && punct(toks, i + 5, "->");
        if simple || paren {
            out.push(i + 2);
        }
    }
    out
}

/// Reads `text` onto a copy of `current`.
pub fn import(text: &str, current: &DesignDocument, options: &Options) -> Result<Outcome, Refusal> {
    let toks = lex(text, LexLang::Ts);
    let mut found = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        if word(&toks, i) != Some("UpdateEndpointRequest") {
            continue;
        }
        let builder = punct(&toks, i + 1, ".") && word(&toks, i + 2) == Some("builder");
        let start = qualified_start(&toks, i, true);
        let v1 = word(&toks, start) == Some("new") && punct(&toks, i + 1, "(");
        if builder || v1 {
            let what = if v1 { "new UpdateEndpointRequest()" } else { "UpdateEndpointRequest.builder()" };
            found.push(Candidate {
                at: start,
                line: t.pos.line,
                label: format!("{what} (line {})", t.pos.line),
                lambda: false,
            });
        }
    }
    for at in lambda_calls(&toks) {
        let line = toks.get(at).map_or(0, |t| t.pos.line);
        found.push(Candidate {
            at,
            line,
            label: format!("updateEndpoint(r -> ...) (line {line})"),
            lambda: true,
        });
    }
    found.sort_by_key(|c| c.at);
    let form = |c: &Candidate| -> String {
        if c.lambda {
            "an AWS SDK for Java 2.x `updateEndpoint` call with a builder lambda".to_string()
        } else if c.label.starts_with("new") {
            "an AWS SDK for Java 1.x `UpdateEndpointRequest`".to_string()
        } else {
            "an AWS SDK for Java 2.x `UpdateEndpointRequest` builder".to_string()
        }
    };
    import_code(
        text,
        &toks,
        Lang::Java,
        &found,
        "Found no `UpdateEndpointRequest.builder()` and no `updateEndpoint(r -> ...)` to import: paste the code that builds the request",
        current,
        options,
        &form,
    )
}
