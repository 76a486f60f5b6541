//! The review link: it carries the design and the baseline it is compared with, reopens
//! both, still opens the links made before reviews existed, and says where a broken
//! baseline is broken.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use designer_core::edit;
use designer_core::examples;
use designer_core::import::parse_review_document;
use designer_core::model::{CapacitySize, DesignDocument};
use designer_core::share::{decode, decode_review, encode, encode_review, ShareError};

/// A fragment holding `bytes` exactly as the designer packed a document before review
/// links existed (as the root tests/share.rs builds them).
fn pack(bytes: &[u8]) -> String {
    format!(
        "d1.{}",
        URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec_zlib(bytes, 6))
    )
}

fn pair() -> (DesignDocument, DesignDocument) {
    let baseline = examples::default_design();
    let mut design = baseline.clone();
    edit::routing(&mut design).canary_size = Some(CapacitySize::percent(20));
    edit::routing(&mut design).wait_interval_in_seconds = Some(300);
    design.request.endpoint_config_name = Some("fraud-scoring-v3 'quoted' #hash".into());
    (design, baseline)
}

#[test]
fn a_review_link_reopens_both_designs() {
    let (design, baseline) = pair();
    let fragment = encode_review(&design, Some(&baseline));
    for form in [
        fragment.clone(),
        format!("#{fragment}"),
        format!("https://example.com/designer/#{fragment}"),
    ] {
        assert_eq!(
            decode_review(&form).map_err(|e| e.message()),
            Ok((design.clone(), Some(baseline.clone()))),
            "{form}"
        );
    }
}

#[test]
fn a_review_of_a_design_alone_is_an_ordinary_share_link() {
    let (design, _) = pair();
    assert_eq!(encode_review(&design, None), encode(&design));
    assert_eq!(
        decode_review(&encode(&design)).map_err(|e| e.message()),
        Ok((design, None))
    );
}

#[test]
fn links_made_before_reviews_still_open() {
    let (design, _) = pair();
    let old = pack(serde_json::to_string(&design).unwrap().as_bytes());
    assert_eq!(
        decode_review(&old).map_err(|e| e.message()),
        Ok((design.clone(), None))
    );
    assert_eq!(decode(&old).map_err(|e| e.message()), Ok(design));
    // A hand-written old document with only some members opens with the defaults.
    let minimal = pack(br#"{"Version":1,"Request":{"EndpointName":"ep"}}"#);
    let (doc, baseline) = decode_review(&minimal).map_err(|e| e.message()).unwrap();
    assert_eq!(doc.request.endpoint_name.as_deref(), Some("ep"));
    assert_eq!(baseline, None);
}

#[test]
fn the_baseline_travels_as_a_document_member() {
    let (design, baseline) = pair();
    let json = designer_core::share::decode_json(&encode_review(&design, Some(&baseline)))
        .map_err(|e| e.message())
        .unwrap();
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["Version"], 2);
    assert_eq!(value["Baseline"]["Version"], 2);
    assert_eq!(
        value["Baseline"]["Request"]["EndpointConfigName"],
        "fraud-scoring-v2"
    );
    assert!(value["Baseline"].get("Baseline").is_none());
}

#[test]
fn a_damaged_review_link_is_refused() {
    let (design, baseline) = pair();
    let fragment = encode_review(&design, Some(&baseline));
    let cut = &fragment[..fragment.len() / 2];
    assert!(matches!(decode_review(cut), Err(ShareError::Damaged(_))));
    assert_eq!(decode_review("#section-2"), Err(ShareError::NotADesignLink));
}

#[test]
fn errors_inside_the_baseline_name_it() {
    let cases = [
        (
            r#"{"Version":1,"Baseline":{"Version":1,"Request":{"DeploymentConfig":{"BlueGreenUpdatePolicy":{"TerminationWaitInSeconds":"300"}}}}}"#,
            "Baseline.DeploymentConfig.BlueGreenUpdatePolicy.TerminationWaitInSeconds",
            "Invalid type for parameter DeploymentConfig.BlueGreenUpdatePolicy.TerminationWaitInSeconds",
        ),
        (
            r#"{"Version":1,"Baseline":{"Version":1,"Endpoint":{"NewVariants":[{"Colour":"blue"}]}}}"#,
            "Baseline.Endpoint.NewVariants[0].Colour",
            "Unknown parameter",
        ),
        (
            r#"{"Version":1,"Baseline":{"Request":{}}}"#,
            "Baseline",
            "it has no \"Version\" member",
        ),
        (
            r#"{"Version":1,"Baseline":[1,2]}"#,
            "Baseline",
            "must be a design document (an object), found a list",
        ),
        (
            r#"{"Version":1,"Baseline":{"Version":1,"Baseline":{"Version":1}}}"#,
            "Baseline.Baseline",
            "Unknown parameter in document: \"Baseline\"",
        ),
        (
            r#"{"Version":1,"Baseline":{"Version":3}}"#,
            "Baseline.Version",
            "newer version",
        ),
    ];
    for (text, path, words) in cases {
        let err = parse_review_document(text).expect_err(text);
        assert_eq!(err.path.as_deref(), Some(path), "{text}: {}", err.message);
        assert!(err.message.starts_with("In Baseline: "), "{}", err.message);
        assert!(err.message.contains(words), "{text}: {}", err.message);
        assert_eq!(err.line, Some(1), "{text}");
        assert!(err.column.is_some(), "{text}");
    }
}

#[test]
fn errors_in_the_design_keep_their_paths() {
    let text = "{\n  \"Version\": 1,\n  \"Request\": {\"EndpointName\": 5},\n  \"Baseline\": {\"Version\": 1}\n}";
    let err = parse_review_document(text).expect_err("bad design");
    assert_eq!(err.path.as_deref(), Some("EndpointName"));
    assert!(!err.message.starts_with("In Baseline"), "{}", err.message);
    assert_eq!((err.line, err.column), (Some(3), Some(31)));
    assert!(parse_review_document("").is_err());
    assert!(parse_review_document(r#"{"Request":{}}"#).is_err());
}
