//! A `describe-endpoint` output read as the baseline of a review (onto nothing, as the page
//! reads it) fills what it describes and nothing else: what it does not say is marked as
//! not stated, never filled with the page's defaults.

use designer_core::diff::baseline::{bare, mark_unstated, running_config, UNSTATED};
use designer_import::{import, Options};

const NO_POOLS: &str = r#"{
  "EndpointName": "search-ranker",
  "EndpointArn": "arn:aws:sagemaker:us-east-1:111122223333:endpoint/search-ranker",
  "EndpointConfigName": "search-ranker-v12",
  "ProductionVariants": [{"VariantName": "AllTraffic", "CurrentWeight": 1.0, "CurrentInstanceCount": 3}],
  "EndpointStatus": "InService"
}"#;

const UPDATING: &str = r#"{
  "EndpointName": "search-ranker",
  "EndpointArn": "arn:aws:sagemaker:us-east-1:111122223333:endpoint/search-ranker",
  "EndpointConfigName": "search-ranker-v12",
  "ProductionVariants": [{"VariantName": "AllTraffic", "CurrentWeight": 1.0, "CurrentInstanceCount": 3}],
  "EndpointStatus": "Updating",
  "PendingDeploymentSummary": {
    "EndpointConfigName": "search-ranker-v13",
    "ProductionVariants": [{"VariantName": "AllTraffic", "DesiredWeight": 1.0, "DesiredInstanceCount": 4, "InstanceType": "ml.g5.2xlarge"}]
  }
}"#;

fn unstated(doc: &designer_core::model::DesignDocument) -> Vec<&str> {
    doc.placeholders
        .iter()
        .filter(|p| p.expression == UNSTATED)
        .map(|p| p.path.as_str())
        .collect()
}

#[test]
fn what_the_output_does_not_say_is_not_stated_and_not_guessed() {
    let out = import(NO_POOLS, &bare(), &Options::default()).expect("a describe output");
    let doc = mark_unstated(out.document);
    let v = &doc.endpoint.current_variants[0];
    assert_eq!(v.instance_type, None, "no instance type is guessed");
    assert_eq!(v.initial_instance_count, Some(3));
    assert!(doc.endpoint.new_variants.is_empty(), "no default new fleet");
    assert_eq!(doc.request.endpoint_config_name, None);
    assert_eq!(doc.request.deployment_config, None);
    let marks = unstated(&doc);
    for path in ["EndpointConfigName", "DeploymentConfig", "Endpoint.NewVariants", "Endpoint.CurrentVariants[0].InstanceType"] {
        assert!(marks.contains(&path), "{path}: {marks:?}");
    }
    for path in ["EndpointName", "Endpoint.CurrentEndpointConfigName", "Endpoint.CurrentVariants"] {
        assert!(!marks.contains(&path), "{path} is stated: {marks:?}");
    }
    assert_eq!(running_config(&doc), Some("search-ranker-v12"));
}

#[test]
fn a_pending_deployment_states_the_new_config_but_the_endpoint_still_runs_the_old() {
    let out = import(UPDATING, &bare(), &Options::default()).expect("a describe output");
    let doc = mark_unstated(out.document);
    assert_eq!(doc.request.endpoint_config_name.as_deref(), Some("search-ranker-v13"));
    let marks = unstated(&doc);
    assert!(!marks.contains(&"EndpointConfigName") && !marks.contains(&"Endpoint.NewVariants"), "{marks:?}");
    assert_eq!(running_config(&doc), Some("search-ranker-v12"));
}
