//! The share link: a design survives the trip through a URL fragment, and a broken,
//! foreign, future or oversized fragment is refused with a message that says which.

use deployment_designer::core::import::parse_document;
use deployment_designer::core::model::{
    Alarm, AutoRollbackConfig, BlueGreenUpdatePolicy, CapacitySize, DeploymentConfig,
    DesignDocument, EndpointContext, ProductionVariant, ServerlessConfig, SimulationSettings,
    TrafficRoutingConfig, TrafficRoutingConfigType, UpdateEndpointInput, VariantProperty,
    VariantPropertyType, DOCUMENT_VERSION,
};
use deployment_designer::core::share::{
    decode, decode_json, encode, ShareError, MAX_DOCUMENT_BYTES,
};

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use proptest::prelude::*;

/// A fragment holding `bytes` exactly as the designer packs a document.
fn pack(bytes: &[u8]) -> String {
    format!(
        "d1.{}",
        URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec_zlib(bytes, 6))
    )
}

fn sample() -> DesignDocument {
    DesignDocument {
        request: UpdateEndpointInput {
            endpoint_name: Some("ep".into()),
            endpoint_config_name: Some("cfg-v2 \u{200F} 'quoted' #hash".into()),
            deployment_config: Some(DeploymentConfig {
                blue_green_update_policy: Some(BlueGreenUpdatePolicy {
                    traffic_routing_configuration: Some(TrafficRoutingConfig {
                        type_: Some(TrafficRoutingConfigType::Canary),
                        wait_interval_in_seconds: Some(600),
                        canary_size: Some(CapacitySize::percent(10)),
                        linear_step_size: None,
                    }),
                    termination_wait_in_seconds: Some(120),
                    maximum_execution_timeout_in_seconds: Some(3600),
                }),
                rolling_update_policy: None,
                auto_rollback_configuration: Some(AutoRollbackConfig {
                    alarms: Some(vec![Alarm {
                        alarm_name: Some("p99 latency 🚨".into()),
                    }]),
                }),
            }),
            ..Default::default()
        },
        ..Default::default()
    }
}

fn compact(doc: &DesignDocument) -> String {
    serde_json::to_string(doc).unwrap()
}

#[test]
fn a_link_reopens_the_same_design() {
    let doc = sample();
    assert_eq!(decode(&encode(&doc)).map_err(|e| e.message()), Ok(doc));
}

#[test]
fn a_link_carries_the_document_json() {
    let doc = sample();
    let fragment = encode(&doc);
    for form in [
        fragment.clone(),
        format!("#{fragment}"),
        format!("https://example.com/designer/#{fragment}"),
    ] {
        assert_eq!(decode_json(&form), Ok(compact(&doc)), "{form}");
    }
}

#[test]
fn fragments_not_made_by_the_designer_are_not_design_links() {
    for fragment in [
        "",
        "#",
        "#top",
        "#section-2",
        "https://example.com/#x",
        "d",
        "d1",
        "D1.abc",
        "d0.abc",
        "d01.abc",
        "x1.abc",
    ] {
        let err = decode(fragment).unwrap_err();
        assert_eq!(err, ShareError::NotADesignLink, "{fragment:?}");
        assert!(
            err.message().contains("does not contain a design"),
            "{}",
            err.message()
        );
    }
}

#[test]
fn links_from_a_newer_designer_say_so() {
    let payload = encode(&sample());
    let future = payload.replacen("d1.", "d2.", 1);
    let err = decode(&future).unwrap_err();
    assert_eq!(err, ShareError::NewerVersion(2));
    assert!(err.message().contains("newer version"), "{}", err.message());
    assert_eq!(decode("#d12.anything"), Err(ShareError::NewerVersion(12)));
}

fn is_damaged(r: &Result<String, ShareError>) -> bool {
    matches!(r, Err(ShareError::Damaged(_)))
}

#[test]
fn truncated_links_are_damaged() {
    let fragment = encode(&sample());
    for cut in 1..fragment.len() - "d1.".len() {
        let short = &fragment[..fragment.len() - cut];
        let got = decode_json(short);
        assert!(is_damaged(&got), "cut {cut}: {got:?}");
        assert!(got.unwrap_err().message().contains("damaged"));
    }
}

#[test]
fn edited_links_are_damaged_or_unchanged() {
    let doc = sample();
    let fragment = encode(&doc);
    let alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut damaged = 0;
    for i in "d1.".len()..fragment.len() {
        for replacement in ['A', 'z', '_'] {
            if fragment.as_bytes()[i] == replacement as u8 {
                continue;
            }
            let mut edited = fragment.clone().into_bytes();
            edited[i] = replacement as u8;
            let edited = String::from_utf8(edited).unwrap();
            assert!(edited
                .chars()
                .all(|c| c == '.' || c == 'd' || alphabet.contains(c)));
            match decode_json(&edited) {
                // Only bits the format ignores (deflate's padding) may be edited unnoticed.
                Ok(json) => assert_eq!(
                    json,
                    compact(&doc),
                    "edit at {i} changed the design unnoticed"
                ),
                Err(ShareError::Damaged(_)) => damaged += 1,
                Err(other) => panic!("edit at {i}: {other:?}"),
            }
        }
    }
    assert!(damaged > 0);
    // Characters outside base64url: what a mangled copy (spaces, '+', '%20') gives.
    for bad in [" ", "+", "/", "%20", "=", "é"] {
        let edited = format!("{}{bad}{}", &fragment[..10], &fragment[10..]);
        assert!(is_damaged(&decode_json(&edited)), "{bad:?}");
    }
}

#[test]
fn content_that_is_not_utf8_is_damaged() {
    let got = decode_json(&pack(&[0x7b, 0xff, 0xfe, 0x7d]));
    assert!(
        matches!(&got, Err(ShareError::Damaged(m)) if m.contains("UTF-8")),
        "{got:?}"
    );
}

#[test]
fn a_document_that_import_refuses_is_damaged_with_the_import_message() {
    for json in [
        "not json",
        "{\"Version\": 1, \"Request\": {\"Foo\": 1}}",
        "[]",
    ] {
        let import_message = parse_document(json).expect_err("import refuses it").message;
        let err = decode(&pack(json.as_bytes())).unwrap_err();
        assert!(matches!(err, ShareError::Damaged(_)), "{err:?}");
        assert!(
            err.message().contains(&import_message),
            "{} lacks {import_message}",
            err.message()
        );
    }
}

#[test]
fn a_deflate_bomb_is_refused_without_inflating_it_all() {
    // A small link whose document would be 64 MB.
    let bomb = pack(&vec![b' '; 64 * 1024 * 1024]);
    assert!(bomb.len() < 200_000, "{}", bomb.len());
    let err = decode(&bomb).unwrap_err();
    assert_eq!(err, ShareError::TooLarge);
    assert!(err.message().contains("too large"), "{}", err.message());
    // Just under the cap is still read (and then judged as a document).
    let fits = pack(&vec![b' '; MAX_DOCUMENT_BYTES]);
    assert_eq!(decode_json(&fits).map(|s| s.len()), Ok(MAX_DOCUMENT_BYTES));
    // An absurdly long fragment is refused before decoding.
    assert_eq!(
        decode_json(&format!("d1.{}", "A".repeat(MAX_DOCUMENT_BYTES + 1))),
        Err(ShareError::TooLarge)
    );
}

// ---------------------------------------------------------------------------------------
// Properties over generated documents.

/// Integers as a design can hold them: the page's inputs, like import, refuse values
/// outside the API's 32-bit range, so a saved or shared design never carries one.
fn arb_int() -> impl Strategy<Value = i64> {
    (i32::MIN..=i32::MAX).prop_map(i64::from)
}

fn arb_text() -> impl Strategy<Value = String> {
    prop_oneof![any::<String>(), "[a-zA-Z0-9#%&?/ '\"\\\\-]{0,16}"]
}

fn arb_variant() -> impl Strategy<Value = ProductionVariant> {
    (
        proptest::option::of(arb_text()),
        proptest::option::of(arb_int()),
        proptest::option::of((0u32..1000).prop_map(|w| f64::from(w) / 10.0)),
        proptest::option::of((
            proptest::option::of(arb_int()),
            proptest::option::of(arb_int()),
        )),
    )
        .prop_map(|(name, count, weight, serverless)| ProductionVariant {
            variant_name: name,
            instance_type: Some("ml.m5.xlarge".into()),
            initial_instance_count: count,
            initial_variant_weight: weight,
            serverless_config: serverless.map(|(memory, concurrency)| ServerlessConfig {
                memory_size_in_mb: memory,
                max_concurrency: concurrency,
                provisioned_concurrency: None,
            }),
            ..Default::default()
        })
}

fn arb_document() -> impl Strategy<Value = DesignDocument> {
    (
        (
            proptest::option::of(arb_text()),
            proptest::option::of(arb_text()),
            proptest::option::of(any::<bool>()),
        ),
        proptest::option::of(proptest::collection::vec(arb_text(), 0..4)),
        (
            proptest::option::of(arb_text()),
            proptest::option::of(arb_int()),
            proptest::option::of(arb_int()),
        ),
        proptest::collection::vec(arb_variant(), 0..3),
        proptest::collection::vec(arb_variant(), 0..3),
        (any::<bool>(), arb_int(), proptest::option::of(arb_int())),
    )
        .prop_map(
            |(
                (name, config, retain),
                alarms,
                (kind, wait, size),
                current,
                new,
                (marketplace, p, trip),
            )| {
                DesignDocument {
                    version: DOCUMENT_VERSION,
                    request: UpdateEndpointInput {
                        endpoint_name: name,
                        endpoint_config_name: config,
                        retain_all_variant_properties: retain,
                        exclude_retained_variant_properties: Some(vec![VariantProperty {
                            variant_property_type: Some(VariantPropertyType::DesiredWeight),
                        }]),
                        deployment_config: Some(DeploymentConfig {
                            blue_green_update_policy: Some(BlueGreenUpdatePolicy {
                                traffic_routing_configuration: Some(TrafficRoutingConfig {
                                    type_: kind.map(|k| TrafficRoutingConfigType::from_wire(&k)),
                                    wait_interval_in_seconds: wait,
                                    canary_size: size.map(CapacitySize::instances),
                                    linear_step_size: None,
                                }),
                                ..Default::default()
                            }),
                            rolling_update_policy: None,
                            auto_rollback_configuration: alarms.map(|names| AutoRollbackConfig {
                                alarms: Some(
                                    names
                                        .into_iter()
                                        .map(|n| Alarm {
                                            alarm_name: Some(n),
                                        })
                                        .collect(),
                                ),
                            }),
                        }),
                        retain_deployment_config: None,
                    },
                    endpoint: EndpointContext {
                        current_endpoint_config_name: Some("cfg-v1".into()),
                        current_variants: current,
                        new_variants: new,
                        uses_marketplace_containers: marketplace,
                        quotas: Vec::new(),
                    },
                    alarms: Vec::new(),
                    simulation: SimulationSettings {
                        provisioning_seconds: p,
                        failure: trip.map(|at_seconds| designer_core::model::Failure::Alarm { at_seconds }),
                    },
                    rules: None,
                    placeholders: Vec::new(),
                }
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn every_design_round_trips(doc in arb_document()) {
        prop_assert_eq!(decode(&encode(&doc)).map_err(|e| e.message()), Ok(doc));
    }

    #[test]
    fn every_fragment_is_url_fragment_safe_and_carries_the_json(doc in arb_document()) {
        let fragment = encode(&doc);
        prop_assert!(fragment.starts_with("d1."));
        prop_assert!(fragment.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b)), "{}", fragment);
        prop_assert_eq!(decode_json(&fragment), Ok(compact(&doc)));
    }

    #[test]
    fn any_text_is_refused_or_read_without_panicking(text in any::<String>(), payload in "[A-Za-z0-9_-]{0,64}") {
        let _ = decode(&text).map_err(|e| e.message());
        let _ = decode(&format!("#d1.{payload}")).map_err(|e| e.message());
    }
}
