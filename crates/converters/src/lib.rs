//! The on-demand module: every text converter behind one string-in, string-out call, so the
//! page's first view need not carry them. The page writes a request with
//! `designer_core::bridge` and reads the reply with it; natively this is a plain library.

use designer_core::bridge::{self, ChoiceReply, Request, TargetFindingReply};

/// Answers one request of `designer_core::bridge` with its reply. Never panics on input: a
/// malformed request gets a refusal that says so.
pub fn handle(request: &str) -> String {
    let request = match bridge::read_request(request) {
        Ok(r) => r,
        Err(e) => return bridge::failure_reply(&format!("The page sent a request the converters cannot read: {e}")),
    };
    match request {
        Request::Import {
            text,
            current,
            choices,
        } => {
            let options = designer_import::Options { choices };
            match designer_import::import(&text, &current, &options) {
                Ok(out) => {
                    let choices: Vec<ChoiceReply> = out
                        .choices
                        .iter()
                        .map(|c| ChoiceReply {
                            name: c.name.clone(),
                            options: c.options.iter().map(|o| (o.line, o.label.clone())).collect(),
                            chosen: c.chosen,
                        })
                        .collect();
                    bridge::import_reply(&out.document, &out.form, &out.notes, &choices)
                }
                Err(refusal) => bridge::error_reply(
                    &refusal.error,
                    refusal.repair.as_ref().map(|r| (r.label.as_str(), r.text.as_str())),
                ),
            }
        }
        Request::Export {
            target,
            document,
            options,
        } => {
            let Some(t) = designer_iac::Target::from_id(&target) else {
                return bridge::failure_reply(&format!("No export target is called {target:?}"));
            };
            let out = designer_iac::export(t, &document, &iac_options(options));
            bridge::text_reply(&out.text, &out.filename)
        }
        Request::Findings { document, options } => {
            let findings: Vec<TargetFindingReply> = designer_iac::findings_with(&document, &iac_options(options))
                .into_iter()
                .map(|f| TargetFindingReply {
                    target: f.target.to_string(),
                    path: f.path,
                    severity: f.severity.as_str().to_string(),
                    message: f.message,
                })
                .collect();
            bridge::findings_reply(&findings)
        }
        Request::Review {
            document,
            baseline,
            link,
        } => bridge::text_reply(
            &designer_review::markdown(&document, baseline.as_ref(), &link),
            "deployment-review.md",
        ),
    }
}

fn iac_options(options: bridge::ExportOptions) -> designer_iac::Options {
    designer_iac::Options {
        whole_template: options.whole_template,
        partition: options.partition,
        region: options.region,
        account: options.account,
    }
}

/// The module's one export to JavaScript.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn convert(request: &str) -> String {
    handle(request)
}
