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
                            question: c.question.clone().unwrap_or_default(),
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
            let out = if let Some(t) = designer_iac::Target::from_id(&target) {
                designer_iac::export(t, &document, &iac_options(options))
            } else if let Some(r) = designer_iac::runners::Runner::from_id(&target) {
                // The "apply and verify" runners and the EventBridge rule pattern.
                designer_iac::runners::export(r, &document)
            } else {
                return bridge::failure_reply(&format!("No export target is called {target:?}"));
            };
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
        } => {
            let mut markdown = designer_review::markdown(&document, baseline.as_ref(), &link);
            // The team's rules the design keeps: their findings, apart from AWS's.
            if let Some(section) = designer_team::review_section_of(&document) {
                markdown.push_str(&section);
            }
            bridge::text_reply(&markdown, "deployment-review.md")
        }
        Request::Diff { baseline, document } => {
            bridge::diff_reply(&designer_core::diff::diff(&baseline, &document).reply())
        }
    }
}

fn iac_options(options: bridge::ExportOptions) -> designer_iac::Options {
    designer_iac::Options {
        whole_template: options.whole_template,
        partition: options.partition,
        region: options.region,
        account: options.account,
        with_endpoint_config: options.with_endpoint_config,
    }
}

/// The module's one export to JavaScript.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn convert(request: &str) -> String {
    handle(request)
}

#[cfg(test)]
mod tests {
    use super::*;
    use designer_core::examples;

    #[test]
    fn a_diff_request_gets_the_changes_and_figures_the_page_shows() {
        let before = examples::default_design();
        let mut after = before.clone();
        after.request.endpoint_name = Some("ranker-<b>two</b>".to_string());
        for v in &mut after.endpoint.new_variants {
            v.initial_instance_count = v.initial_instance_count.map(|n| n * 2);
        }
        let reply = bridge::read_diff_reply(&handle(&bridge::diff_request(&before, &after))).unwrap();
        let names: Vec<_> = reply.changes.iter().map(|c| (c.path.as_str(), c.change.as_str())).collect();
        assert!(names.contains(&("EndpointName", "changed")), "{names:?}");
        let name = reply.changes.iter().find(|c| c.path == "EndpointName").unwrap();
        assert_eq!(name.after.as_deref(), Some("ranker-<b>two</b>"));
        // Twice the new fleet: the peak moves, and the figures say so.
        let peak = reply.figures.iter().find(|f| f.label == "Peak instances").unwrap();
        assert!(peak.changed && peak.before != peak.after, "{peak:?}");
        // The same design has no change and no moved figure.
        let same = bridge::read_diff_reply(&handle(&bridge::diff_request(&before, &before))).unwrap();
        assert!(same.changes.is_empty() && same.figures.iter().all(|f| !f.changed));
    }

    #[test]
    fn a_diff_request_without_a_baseline_is_refused_in_words() {
        let doc = examples::default_design();
        let broken = bridge::diff_request(&doc, &doc).replacen("\"Baseline\"", "\"Base\"", 1);
        let refused = bridge::read_diff_reply(&handle(&broken)).unwrap_err();
        assert!(refused.error.message.contains("Baseline"), "{}", refused.error.message);
    }

    #[test]
    fn the_review_of_a_design_with_team_rules_has_their_section() {
        let mut doc = examples::default_design();
        doc.request.endpoint_name = Some("ranker-prod".to_string());
        let plain = handle(&bridge::review_request(&doc, None, ""));
        let (text, _) = bridge::read_text_reply(&plain).unwrap();
        assert!(!text.contains("Your team's rules"), "no rules, no section");
        doc.rules = Some(
            designer_team::to_json("version: 1\nrules:\n  - name: prod-bake\n    message: Bake <b>an hour</b>.\n    endpoints: \"*-prod\"\n    bake: { at_least: 1h }\n").unwrap(),
        );
        let (text, _) = bridge::read_text_reply(&handle(&bridge::review_request(&doc, None, ""))).unwrap();
        assert!(text.contains("## Your team's rules"), "{text}");
        assert!(text.contains("`prod-bake`"), "{text}");
        assert!(!text.contains("<b>"), "the team's text is escaped: {text}");
    }

    #[test]
    fn the_runners_are_export_targets_of_the_bridge() {
        let doc = examples::default_design();
        let options = bridge::ExportOptions::default();
        for r in designer_iac::runners::Runner::ALL {
            let reply = handle(&bridge::export_request(r.id(), &doc, &options));
            let (text, file) = bridge::read_text_reply(&reply).unwrap_or_else(|e| panic!("{}: {}", r.id(), e.error.message));
            let want = designer_iac::runners::export(*r, &doc);
            assert_eq!((text, file), (want.text, want.filename), "{}", r.id());
        }
        let refused = bridge::read_text_reply(&handle(&bridge::export_request("apply-cobol", &doc, &options))).unwrap_err();
        assert!(refused.error.message.contains("apply-cobol"));
    }
}
