//! Import of the AWS SDK for JavaScript, in JavaScript or TypeScript: v3's
//! `new UpdateEndpointCommand({...})` (sent with `client.send(...)`) and its aggregated
//! client's `sagemaker.updateEndpoint({...})`, and v2's `sagemaker.updateEndpoint({...})`
//! (with `.promise()` or a callback). The input is an object literal in the API's
//! PascalCase, or a name bound to one; the CDK reader (`cdk/syntax.rs`) reads it, so names
//! bound once are resolved, spreads of an object built earlier are merged, `as const` and
//! `satisfies` are read through, and template literals, `process.env.X` and calls are
//! placeholders at their position.

use designer_core::value::Pos;

use crate::cdk::convert::{drop_nulls, Converter};
use crate::cdk::syntax::{lex, Arg, Lang, Parser, Tok, TokKind};
use crate::{Options, Outcome, Refusal};

use super::{outcome, pick, refuse_at};

/// True when the text makes a v3 `UpdateEndpointCommand`, or calls `.updateEndpoint(` in a
/// text that holds no other SDK's request type.
pub fn detect(text: &str) -> bool {
    if text.contains("UpdateEndpointCommand") {
        return true;
    }
    let other = ["UpdateEndpointRequest", "UpdateEndpointInput", "->"];
    method_call(text, "updateEndpoint") && !other.iter().any(|o| text.contains(o))
}

/// `.name(` with optional spaces before the parenthesis.
pub(crate) fn method_call(text: &str, name: &str) -> bool {
    text.match_indices(name).any(|(i, _)| {
        let before = text.get(..i).unwrap_or("").trim_end();
        let after = text.get(i + name.len()..).unwrap_or("").trim_start();
        (before.ends_with('.') || before.ends_with("?.")) && after.starts_with('(')
    })
}

/// What kind of call a found request is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Call {
    /// v3's `new UpdateEndpointCommand(input)`.
    Command,
    /// `client.updateEndpoint(input)`: v3's aggregated client or v2.
    Method,
}

struct Found {
    call: Call,
    /// The index of the `(` that opens the arguments.
    open: usize,
    line: u32,
}

fn ident(toks: &[Tok], i: usize) -> Option<&str> {
    match toks.get(i).map(|t| &t.kind) {
        Some(TokKind::Ident(w)) => Some(w.as_str()),
        _ => None,
    }
}

fn punct(toks: &[Tok], i: usize, p: &str) -> bool {
    matches!(toks.get(i).map(|t| &t.kind), Some(TokKind::Punct(q)) if *q == p)
}

fn find(toks: &[Tok]) -> Vec<Found> {
    let mut out = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        let TokKind::Ident(w) = &t.kind else { continue };
        if !punct(toks, i + 1, "(") {
            continue;
        }
        let call = match w.as_str() {
            "UpdateEndpointCommand" if i > 0 && ident(toks, i - 1) == Some("new") => Call::Command,
            "updateEndpoint" if i > 0 && (punct(toks, i - 1, ".") || punct(toks, i - 1, "?.")) => {
                Call::Method
            }
            _ => continue,
        };
        out.push(Found {
            call,
            open: i + 1,
            line: t.pos.line,
        });
    }
    out
}

/// True when the text uses v2 of the SDK: its package, its `AWS.SageMaker` client, or a
/// `.promise()` after the call.
fn is_v2(text: &str, toks: &[Tok], after_call: usize) -> bool {
    let promise = punct(toks, after_call, ".") && ident(toks, after_call + 1) == Some("promise");
    promise
        || text.contains("'aws-sdk'")
        || text.contains("\"aws-sdk\"")
        || text.contains("aws-sdk/clients/sagemaker")
        || text.contains("AWS.SageMaker")
}

/// True when the text has TypeScript's own syntax.
fn is_typescript(text: &str) -> bool {
    [
        "UpdateEndpointCommandInput",
        "UpdateEndpointInput",
        " as const",
        "satisfies ",
        ": string",
        ": number",
        "interface ",
        "import type",
        "): Promise<",
        "SageMaker.Types.",
    ]
    .iter()
    .any(|s| text.contains(s))
}

/// Reads `text` onto a copy of `current`.
pub fn import(
    text: &str,
    current: &designer_core::model::DesignDocument,
    options: &Options,
) -> Result<Outcome, Refusal> {
    let toks = lex(text, Lang::Ts);
    let found = find(&toks);
    if found.is_empty() {
        return Err(refuse_at(
            Pos::START,
            "Found no `new UpdateEndpointCommand(...)` and no `.updateEndpoint(...)` call to import: paste the code that sends the request".to_string(),
        ));
    }
    let labels: Vec<(u32, String)> = found
        .iter()
        .map(|f| {
            let what = match f.call {
                Call::Command => "new UpdateEndpointCommand(...)",
                Call::Method => ".updateEndpoint(...)",
            };
            (f.line, format!("{what} (line {})", f.line))
        })
        .collect();
    let (chosen, choice) = pick(&labels, "request", options);
    let Some(target) = found.get(chosen) else {
        return Err(refuse_at(Pos::START, "Found no request to import".to_string()));
    };
    let mut p = Parser::new(&toks, text, Lang::Ts);
    p.i = target.open;
    let call_pos = toks.get(target.open - 1).map_or(Pos::START, |t| t.pos);
    let args = p.args(1).map_err(designer_core::import::ImportError::from)?;
    let after_call = p.i;
    let Some(input) = args.iter().find_map(|a| match a {
        Arg::Positional(n) => Some(n),
        _ => None,
    }) else {
        return Err(refuse_at(
            call_pos,
            format!(
                "The call at line {} has no input: its first argument is the UpdateEndpoint request",
                call_pos.line
            ),
        ));
    };
    // The SDK's members are the API's: no spelling is mapped, so a camelCase member is
    // refused in botocore's words at its place, as the SDK would not send it.
    let mut conv = Converter::new(text, &toks, Lang::Ts, false).with_bindings();
    let request = drop_nulls(conv.value(input, 1));
    let notes = conv.notes.clone();
    let given: Vec<crate::defaults::Given> = {
        let doc_probe = designer_core::import::Walk::new(designer_core::import::Source::Json);
        let _ = doc_probe.request(&request, "");
        doc_probe
            .take_placeholders()
            .iter()
            .filter_map(|p| {
                let written = conv.bound.get(&p.expression).unwrap_or(&p.expression);
                let (variable, value) = crate::cdk::environment_default(written)?;
                Some(crate::defaults::Given::environment(&variable, &p.expression, value))
            })
            .collect()
    };
    let language = if is_typescript(text) { "TypeScript" } else { "JavaScript" };
    let form = match target.call {
        Call::Command => {
            format!("an AWS SDK for JavaScript v3 `UpdateEndpointCommand` ({language})")
        }
        Call::Method if is_v2(text, &toks, after_call) => {
            format!("an AWS SDK for JavaScript v2 `updateEndpoint` call ({language})")
        }
        Call::Method => {
            format!("an AWS SDK for JavaScript v3 `updateEndpoint` call ({language})")
        }
    };
    outcome(&request, current, options, form, notes, choice, &given)
}
