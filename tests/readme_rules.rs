//! The README's rule list is the registry's (`designer_core::rules::RULES`), row for row:
//! a rule added, dropped or reworded in the code shows here until the README says the same.

use designer_core::rules::RULES;

fn table() -> String {
    let mut out = String::from("| id | severity | what it checks | source |\n|---|---|---|---|\n");
    for r in RULES {
        out.push_str(&format!(
            "| {} | {} | {} | {} |\n",
            r.id,
            r.severity.as_str(),
            r.summary.replace('|', "\\|"),
            r.source.replace('|', "\\|")
        ));
    }
    out
}

#[test]
fn the_readme_lists_every_rule_of_the_registry() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let begin = "<!-- rules:begin -->\n";
    let end = "<!-- rules:end -->";
    let start = readme.find(begin).expect("the README has a rules:begin marker") + begin.len();
    let stop = readme[start..].find(end).expect("the README has a rules:end marker") + start;
    let expected = table();
    assert!(
        readme[start..stop] == expected,
        "README's rule list differs from rules::RULES; it should read:\n{expected}"
    );
}
