//! The new forms (the SDKs, Markdown, policy fragments) under mutation and at size: no
//! panic on any input, a refusal always says what, and a 1 MB paste in each is read (or
//! refused) quickly.

use designer_core::model::DesignDocument;
use designer_import::{import, Options};

mod common;
use common::*;

const FIXTURES: &[&str] = &[
    "sdk/roll-out-v3.ts",
    "sdk/deploy-v2.js",
    "sdk/UpdateScoring.java",
    "sdk/Deploy.kt",
    "sdk/deploy_v2.go",
    "sdk/deploy_v1.go",
    "sdk/Deploy.cs",
    "markdown/runbook-fr.md",
    "markdown/answer-no-language.md",
    "fragment/blue-green.json",
    "fragment/deployment-config.yaml",
    "fragment/rolling.py",
];

const PIECES: &[&str] = &[
    "{", "}", "(", ")", "[", "]", ",", ";", ":", "=", "->", "=>", "\"", "'", "`", "${", "$\"",
    "\n", "```", "~~~", ".build()", "new ", "&", "[]", "...", "as const", "?:", "??", "-",
    "99999999999999999999", "1e999", "é", "\u{0}", "L", "builder()", "UpdateEndpointRequest {",
];

#[test]
fn mutated_fixtures_never_panic_and_refusals_say_what() {
    let cases: usize = std::env::var("FUZZ_CASES").ok().and_then(|s| s.parse().ok()).unwrap_or(4000);
    let texts: Vec<String> = FIXTURES.iter().map(|f| fixture(f)).collect();
    let mut rng = Rng(0x5EED_5D4B_0000_0011);
    let current = DesignDocument::default();
    for case in 0..cases {
        let text = mutate(&texts[case % texts.len()], &mut rng, PIECES);
        match std::panic::catch_unwind(|| import(&text, &current, &Options::default())) {
            Err(_) => panic!("case {case} panicked on:\n{text}"),
            Ok(Err(r)) => assert!(!r.error.message.is_empty(), "case {case}: an empty refusal"),
            Ok(Ok(_)) => {}
        }
    }
}

/// `head`, padded with `pad` to over 1 MB, then `tail`.
fn big(head: &str, pad: &str, tail: &str) -> String {
    let mut s = String::from(head);
    while s.len() < 1_000_000 {
        s.push_str(pad);
    }
    s.push_str(tail);
    s
}

#[test]
fn a_megabyte_paste_of_each_new_form_finishes_quickly() {
    let cases = [
        ("ts", big("const pad = [\n", "  { A: 'x', b: `y${z}`, c: f(1, 2), d: [1, 2.5] },\n", "];\n") + &fixture("sdk/roll-out-v3.ts")),
        ("java", big("class Pad {\n", "  static final String P = String.format(\"%s\", a.b(c -> c.d(1)));\n", "}\n") + &fixture("sdk/UpdateScoring.java")),
        ("kotlin", big("", "val pad = listOf(Alarm { alarmName = \"$x-y\" }, 1L)\n", "") + &fixture("sdk/Deploy.kt")),
        ("go", big("var pad = []types.Alarm{\n", "\t{AlarmName: aws.String(\"x\")},\n", "}\n") + &fixture("sdk/deploy_v2.go")),
        ("dotnet", big("var pad = new List<Alarm> {\n", "  new Alarm { AlarmName = $\"{x}\" },\n", "};\n") + &fixture("sdk/Deploy.cs")),
        ("markdown", big("", "Some prose, then a block.\n\n```bash\necho hello\n```\n\n", "") + &fixture("markdown/runbook-fr.md")),
        ("fragment", format!("{{\"TrafficRoutingConfiguration\": {{\"Type\": \"ALL_AT_ONCE\", \"WaitIntervalInSeconds\": 1}}, \"TerminationWaitInSeconds\": 1{}}}", " ".repeat(1_000_000))),
        // Deep nesting and an unclosed builder: refused, quickly.
        ("nested", format!("UpdateEndpointRequest.builder(){}", ".a(b -> b".repeat(120_000))),
        ("go nested", format!("&sagemaker.UpdateEndpointInput{{{}", "A: &T{".repeat(200_000))),
    ];
    for (name, text) in cases {
        assert!(text.len() >= 1_000_000, "{name}");
        let start = std::time::Instant::now();
        let result = import(&text, &DesignDocument::default(), &Options::default());
        let took = start.elapsed();
        eprintln!("a 1 MB {name} paste: {took:?} ({})", if result.is_ok() { "imported" } else { "refused" });
        assert_eq!(result.is_ok(), !name.contains("nested"), "{name}: {:?}", result.err().map(|r| r.error.message));
        let limit = if cfg!(debug_assertions) { 30.0 } else { 1.0 };
        assert!(took.as_secs_f64() < limit, "{name} took {took:?}");
    }
}
