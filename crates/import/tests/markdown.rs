//! Text copied from a page: Markdown with prose in any language and several code blocks
//! (with a language or none). The block that holds the request is imported, at the paste's
//! own lines; the others are named in the notes; a broken block is refused at its place.

use designer_core::model::TrafficRoutingConfigType;

mod common;
use common::*;

#[test]
fn a_french_runbook_imports_its_python_block_and_names_the_others() {
    let o = read(&fixture("markdown/runbook-fr.md"));
    assert_eq!(o.form, "a boto3 `update_endpoint` call in a Markdown code block at line 12");
    let r = &o.document.request;
    assert_eq!(r.endpoint_config_name.as_deref(), Some("scoring-v9"));
    assert_eq!(routing(r).type_, Some(TrafficRoutingConfigType::Canary));
    assert_eq!(routing(r).wait_interval_in_seconds, Some(600));
    // The placeholder is where the paste has it, not where the block does.
    assert_eq!(
        placeholders(&o),
        vec![ph("DeploymentConfig.AutoRollbackConfiguration.Alarms[0].AlarmName", "ALARM", 27, 64)]
    );
    assert!(o.notes.iter().any(|n| n.starts_with("The bash block at line 6 was read")), "{:?}", o.notes);
    assert!(o.notes.iter().any(|n| n.starts_with("The code block at line 35 was read")), "{:?}", o.notes);
}

#[test]
fn a_fence_with_no_language_holding_a_cli_command() {
    let o = read(&fixture("markdown/answer-no-language.md"));
    assert_eq!(o.form, "an AWS CLI `update-endpoint` command in a Markdown code block at line 4");
    assert_eq!(o.document.request.endpoint_config_name.as_deref(), Some("orders-v4"));
    assert_eq!(placeholders(&o), vec![ph("EndpointName", "$ENDPOINT", 5, 19)]);
}

#[test]
fn two_requests_the_first_is_imported_and_the_second_noted() {
    let text = "Option A:\n\n~~~json\n{\"EndpointName\": \"a\", \"EndpointConfigName\": \"c1\"}\n~~~\n\nOption B:\n\n```ts\nawait client.send(new UpdateEndpointCommand({ EndpointName: 'b' }));\n```\n";
    let o = read(text);
    assert_eq!(o.form, "a request (--cli-input-json) in a Markdown code block at line 4");
    assert_eq!(o.document.request.endpoint_name.as_deref(), Some("a"));
    assert!(
        o.notes.iter().any(|n| n.contains("The ts block at line 10 is an AWS SDK for JavaScript v3")),
        "{:?}",
        o.notes
    );
}

#[test]
fn a_broken_block_is_refused_at_the_pastes_line() {
    let r = refusal(&fixture("markdown/broken-block.md"));
    assert_eq!((r.error.line, r.error.column), (Some(10), Some(1)), "{}", r.error.message);
    assert!(r.error.message.starts_with("The json block at line 4: "), "{}", r.error.message);
}

#[test]
fn prose_alone_with_fences_of_nothing_is_refused() {
    let m = refused("Run this:\n\n```\nls -la\n```\n");
    assert!(!m.is_empty());
}
