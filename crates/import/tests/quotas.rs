//! Service Quotas output pasted into the import: the quotas of the types the endpoint runs
//! fill `Endpoint.Quotas`, the rest of the design is kept, other services and nonsense are
//! said clearly.

use designer_core::model::{DesignDocument, InstanceQuota, ProductionVariant};
use designer_import::{import, Options};

fn chatbot() -> DesignDocument {
    let mut d = DesignDocument::default();
    d.request.endpoint_name = Some("chatbot-llm".into());
    let v = ProductionVariant::instances("AllTraffic", "ml.g5.12xlarge", 2);
    d.endpoint.current_variants = vec![v.clone()];
    d.endpoint.new_variants = vec![v];
    d
}

#[test]
fn a_list_fills_the_quota_of_the_type_the_endpoint_runs() {
    let text = include_str!("fixtures/service-quotas-sagemaker.json");
    let mut current = chatbot();
    current.endpoint.quotas = vec![InstanceQuota {
        instance_type: Some("ml.g5.12xlarge".into()),
        limit: Some(10),
        in_use: Some(1),
    }];
    let out = import(text, &current, &Options::default()).expect("imported");
    assert_eq!(out.form, "Service Quotas output (SageMaker)");
    // The limit is replaced, what the user typed as in use elsewhere is kept.
    assert_eq!(
        out.document.endpoint.quotas,
        [InstanceQuota { instance_type: Some("ml.g5.12xlarge".into()), limit: Some(2), in_use: Some(1) }]
    );
    assert_eq!(out.document.request, current.request);
    assert!(out.notes[0].contains("ml.g5.12xlarge (2)"), "{:?}", out.notes);
    assert!(out.notes.iter().any(|n| n.contains("Left out 2 quota(s)")), "{:?}", out.notes);
    // The blue/green update of 2 instances now needs 4 of a quota of 2: the call fails.
    let sim = designer_core::simulate::simulate(&out.document);
    assert_eq!(sim.summary.outcome.as_str(), "failed-capacity");
}

#[test]
fn one_quota_from_get_service_quota() {
    let text = r#"{"Quota": {"ServiceCode": "sagemaker", "QuotaName": "ml.g5.12xlarge for endpoint usage", "Value": 6.0}}"#;
    let out = import(text, &chatbot(), &Options::default()).unwrap();
    assert_eq!(out.document.endpoint.quotas[0].limit, Some(6));
    assert_eq!(out.document.endpoint.quotas[0].in_use, Some(0));
}

#[test]
fn another_service_or_no_usable_number_is_said() {
    let ec2 = r#"{"Quotas": [{"ServiceCode": "ec2", "QuotaName": "Running On-Demand G and VT instances", "Value": 64.0}]}"#;
    let e = import(ec2, &chatbot(), &Options::default()).unwrap_err();
    assert!(e.error.message.contains("for \"ec2\", not SageMaker"), "{}", e.error.message);

    let odd = r#"{"Quotas": [{"ServiceCode": "sagemaker", "QuotaName": "ml.g5.12xlarge for endpoint usage", "Value": -3}]}"#;
    let out = import(odd, &chatbot(), &Options::default()).unwrap();
    assert!(out.document.endpoint.quotas.is_empty());
    assert!(out.notes.iter().any(|n| n.contains("Not a usable number")), "{:?}", out.notes);

    let other = r#"{"Quotas": [{"ServiceCode": "sagemaker", "QuotaName": "ml.p4d.24xlarge for endpoint usage", "Value": 8}]}"#;
    let out = import(other, &chatbot(), &Options::default()).unwrap();
    assert_eq!(out.document, chatbot());
    assert!(out.notes[0].contains("nothing changed"), "{:?}", out.notes);

    let broken = r#"{"Quotas": [{"ServiceCode": "sagemaker", "QuotaName": "ml.g5.12xlarge for endpoint usage", "Value": 2.0"#;
    let e = import(broken, &chatbot(), &Options::default()).unwrap_err();
    assert!(e.error.line.is_some(), "{:?}", e.error);
}

#[test]
fn a_megabyte_list_imports_quickly() {
    let mut text = String::from("{\"Quotas\": [");
    for i in 0..6000 {
        text.push_str(&format!(
            "{{\"ServiceCode\": \"sagemaker\", \"QuotaName\": \"ml.x{i}.large for endpoint usage\", \"QuotaCode\": \"L-{i:08}\", \"Value\": 1.0, \"Unit\": \"None\", \"Adjustable\": true}},"
        ));
    }
    text.push_str("{\"ServiceCode\": \"sagemaker\", \"QuotaName\": \"ml.g5.12xlarge for endpoint usage\", \"Value\": 3.0}]}");
    assert!(text.len() > 700_000);
    let out = import(&text, &chatbot(), &Options::default()).unwrap();
    assert_eq!(out.document.endpoint.quotas[0].limit, Some(3));
}
