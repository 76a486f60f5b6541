//! What the review summary says, read as text: its sections follow what there is to
//! review (a baseline or not, a change or not, a link or not).

use designer_core::edit;
use designer_core::examples;
use designer_core::model::CapacitySize;
use designer_review::markdown;

#[test]
fn a_design_alone_has_no_change_section() {
    let doc = examples::default_design();
    let md = markdown(&doc, None, "https://designer.example/#d1.x");
    for section in [
        "# Deployment review: fraud-scoring\n",
        "## Request\n",
        "```json\n{\n  \"EndpointName\": \"fraud-scoring\",",
        "## Findings\n",
        "## Rollout\n",
        "| Phase | From | To | Traffic on the new fleet | Instances |",
        "| baking | 5:00 | 15:00 | 10% | 10 old, 10 new |",
        "## Simulation assumptions\n",
        "- Provisioning time P = 300 s (5m) per batch of instances (assumed: AWS publishes no figure).",
        "## Review link\n\n[Open this review in the designer](https://designer.example/#d1.x)\n",
    ] {
        assert!(md.contains(section), "missing {section:?} in:\n{md}");
    }
    assert!(!md.contains("## Change against what runs now"), "{md}");
}

#[test]
fn an_unchanged_design_says_so() {
    let doc = examples::default_design();
    let md = markdown(&doc, Some(&doc), "");
    assert!(
        md.contains("## Change against what runs now\n\nNo change: the design is the same as the baseline.\n"),
        "{md}"
    );
    assert!(!md.contains("| Field |"), "{md}");
    // No link given: no link section.
    assert!(!md.contains("## Review link"), "{md}");
}

#[test]
fn a_change_lists_its_rows_figures_and_findings() {
    let before = examples::default_design();
    let mut after = before.clone();
    edit::routing(&mut after).canary_size = Some(CapacitySize::percent(60));
    let md = markdown(&after, Some(&before), "");
    for words in [
        "| `DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration.CanarySize` | 10% of the fleet | 60% of the fleet | Canary 10% → 60% of 10 instances: 1 → 6 instances take the first traffic |",
        "### Rollout before → after",
        "| Most traffic on the new fleet before an alarm can roll back | 10% | 60% |",
        "| Peak instances (unchanged) | 20 instances | 20 instances |",
        "### Findings the change introduces\n\n- Error S2 at `DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration.CanarySize",
        "### Findings the change resolves\n\nNone.",
    ] {
        assert!(md.contains(words), "missing {words:?} in:\n{md}");
    }
}
