//! Fixture documents, requests and boto3 snippets survive import -> export -> import, and
//! generated designs round-trip exactly; no text at all can make the import panic.

mod support;
use support::{import, ImportKind};

use deployment_designer::core::export::{cli_input_json, document_json};
use deployment_designer::core::import::parse_document;
use deployment_designer::core::model::{
    self, Alarm, AutoRollbackConfig, BlueGreenUpdatePolicy, CapacitySize, CapacitySizeType,
    DeploymentConfig, DesignDocument, EndpointContext, ProductionVariant, RollingUpdatePolicy,
    ServerlessConfig, SimulationSettings, TrafficRoutingConfig, TrafficRoutingConfigType,
    UpdateEndpointInput, VariantProperty, VariantPropertyType, DOCUMENT_VERSION,
};
use proptest::prelude::*;

const DOCUMENTS: &[(&str, &str)] = &[
    (
        "canary-with-alarms",
        include_str!("fixtures/canary-with-alarms.json"),
    ),
    ("linear", include_str!("fixtures/linear.json")),
    (
        "rolling-with-rollback-batch",
        include_str!("fixtures/rolling-with-rollback-batch.json"),
    ),
    ("all-at-once", include_str!("fixtures/all-at-once.json")),
    (
        "default-no-config",
        include_str!("fixtures/default-no-config.json"),
    ),
    ("multi-variant", include_str!("fixtures/multi-variant.json")),
    ("serverless", include_str!("fixtures/serverless.json")),
    (
        "retain-variant-properties",
        include_str!("fixtures/retain-variant-properties.json"),
    ),
    (
        "marketplace-inf1",
        include_str!("fixtures/marketplace-inf1.json"),
    ),
];
const BARE_REQUEST: &str = include_str!("fixtures/bare-request.json");
const BOTO3_SNIPPET: &str = include_str!("fixtures/boto3-snippet.py");

/// A design that differs from the defaults, to see that a request import keeps it.
fn other_design() -> DesignDocument {
    let mut doc = DesignDocument::default();
    doc.endpoint.current_variants = vec![ProductionVariant::instances("Blue", "ml.c5.xlarge", 6)];
    doc.endpoint.new_variants = vec![ProductionVariant::instances("Blue", "ml.c5.xlarge", 9)];
    doc.simulation.provisioning_seconds = 111;
    doc.simulation.set_alarm_at(Some(42));
    doc
}

#[test]
fn every_document_fixture_round_trips() {
    for (name, text) in DOCUMENTS {
        let first = import(text, &other_design()).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(first.kind, ImportKind::Document, "{name}");
        let exported = document_json(&first.document);
        let again = import(&exported, &DesignDocument::default())
            .unwrap_or_else(|e| panic!("{name} again: {e}"));
        assert_eq!(again.document, first.document, "{name}");
        assert_eq!(
            parse_document(text).as_ref(),
            Ok(&first.document),
            "{name}: parse_document agrees"
        );
    }
}

#[test]
fn fixtures_cover_the_strategies() {
    use model::Strategy as S;
    let strategies: Vec<S> = DOCUMENTS
        .iter()
        .map(|(_, text)| {
            parse_document(text)
                .map(|d| d.request.strategy())
                .unwrap_or(S::Default)
        })
        .collect();
    for s in [S::Default, S::AllAtOnce, S::Canary, S::Linear, S::Rolling] {
        assert!(strategies.contains(&s), "no fixture for {s:?}");
    }
}

#[test]
fn the_bare_request_round_trips_and_keeps_the_design_around_it() {
    let current = other_design();
    let first = import(BARE_REQUEST, &current).expect("bare request");
    assert_eq!(first.kind, ImportKind::Request);
    assert_eq!(first.document.endpoint, current.endpoint);
    assert_eq!(first.document.simulation, current.simulation);
    assert_eq!(
        first.document.request.endpoint_config_name.as_deref(),
        Some("churn-cfg-v3")
    );
    let again =
        import(&cli_input_json(&first.document.request), &current).expect("exported request");
    assert_eq!(again.document, first.document);
}

#[test]
fn the_boto3_snippet_round_trips_through_cli_json() {
    let current = other_design();
    let first = import(BOTO3_SNIPPET, &current).expect("boto3 snippet");
    assert_eq!(first.kind, ImportKind::Boto3);
    assert_eq!(first.document.endpoint, current.endpoint);
    let r = &first.document.request;
    assert_eq!(r.endpoint_name.as_deref(), Some("churn-ep"));
    assert_eq!(r.retain_all_variant_properties, Some(false));
    let dc = r.deployment_config.as_ref().expect("DeploymentConfig");
    let bg = dc
        .blue_green_update_policy
        .as_ref()
        .expect("BlueGreenUpdatePolicy");
    assert_eq!(bg.maximum_execution_timeout_in_seconds, Some(3600));
    let routing = bg.traffic_routing_configuration.as_ref().expect("routing");
    assert_eq!(routing.canary_size, Some(CapacitySize::percent(10)));
    let alarms: Vec<_> = dc
        .auto_rollback_configuration
        .iter()
        .flat_map(|a| a.alarms.iter().flatten())
        .filter_map(|a| a.alarm_name.as_deref())
        .collect();
    assert_eq!(alarms, ["churn-ep-5xx-errors", "churn-ep-p99-latency"]);
    let again = import(&cli_input_json(r), &current).expect("exported request");
    assert_eq!(again.document, first.document);
    assert_eq!(again.kind, ImportKind::Request);
}

// ---- generated designs ----

fn int32() -> impl Strategy<Value = i64> {
    prop_oneof![
        Just(0i64),
        Just(i64::from(i32::MAX)),
        Just(i64::from(i32::MIN)),
        -5000i64..30000,
        any::<i32>().prop_map(i64::from)
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z0-9-]{0,20}",
        any::<String>(),
        Just(String::new()),
        Just("quote \" backslash \\ newline \n tab \t nul \u{0} emoji \u{1F600}".to_string()),
    ]
}

/// A wire enum value: one the model knows or one it does not.
fn wire<T: Clone + std::fmt::Debug + 'static>(
    known: &'static [T],
    from_wire: fn(&str) -> T,
    wires: &'static [&'static str],
) -> impl Strategy<Value = T> {
    prop_oneof![
        prop::sample::select(known.to_vec()),
        text()
            .prop_filter("not a known spelling", move |s| !wires
                .contains(&s.as_str()))
            .prop_map(move |s| from_wire(&s)),
    ]
}

fn size() -> BoxedStrategy<CapacitySize> {
    (
        prop::option::of(wire(
            CapacitySizeType::ALL,
            CapacitySizeType::from_wire,
            CapacitySizeType::WIRE,
        )),
        prop::option::of(int32()),
    )
        .prop_map(|(type_, value)| CapacitySize { type_, value })
        .boxed()
}

fn request() -> BoxedStrategy<UpdateEndpointInput> {
    let routing = (
        prop::option::of(wire(
            TrafficRoutingConfigType::ALL,
            TrafficRoutingConfigType::from_wire,
            TrafficRoutingConfigType::WIRE,
        )),
        prop::option::of(int32()),
        prop::option::of(size()),
        prop::option::of(size()),
    )
        .prop_map(|(type_, wait, canary, linear)| TrafficRoutingConfig {
            type_,
            wait_interval_in_seconds: wait,
            canary_size: canary,
            linear_step_size: linear,
        })
        .boxed();
    let blue_green = (
        prop::option::of(routing),
        prop::option::of(int32()),
        prop::option::of(int32()),
    )
        .prop_map(|(routing, termination, timeout)| BlueGreenUpdatePolicy {
            traffic_routing_configuration: routing,
            termination_wait_in_seconds: termination,
            maximum_execution_timeout_in_seconds: timeout,
        })
        .boxed();
    let rolling = (
        prop::option::of(size()),
        prop::option::of(int32()),
        prop::option::of(int32()),
        prop::option::of(size()),
    )
        .prop_map(|(batch, wait, timeout, rollback)| RollingUpdatePolicy {
            maximum_batch_size: batch,
            wait_interval_in_seconds: wait,
            maximum_execution_timeout_in_seconds: timeout,
            rollback_maximum_batch_size: rollback,
        })
        .boxed();
    let alarms = prop::option::of(prop::collection::vec(
        prop::option::of(text()).prop_map(|alarm_name| Alarm { alarm_name }),
        0..4,
    ))
    .prop_map(|alarms| AutoRollbackConfig { alarms })
    .boxed();
    let config = (
        prop::option::of(blue_green),
        prop::option::of(rolling),
        prop::option::of(alarms),
    )
        .prop_map(
            |(blue_green_update_policy, rolling_update_policy, auto_rollback_configuration)| {
                DeploymentConfig {
                    blue_green_update_policy,
                    rolling_update_policy,
                    auto_rollback_configuration,
                }
            },
        )
        .boxed();
    let property = prop::option::of(wire(
        VariantPropertyType::ALL,
        VariantPropertyType::from_wire,
        VariantPropertyType::WIRE,
    ))
    .prop_map(|variant_property_type| VariantProperty {
        variant_property_type,
    });
    (
        prop::option::of(text()),
        prop::option::of(text()),
        prop::option::of(any::<bool>()),
        prop::option::of(prop::collection::vec(property, 0..4)),
        prop::option::of(config),
        prop::option::of(any::<bool>()),
    )
        .prop_map(
            |(name, config_name, retain, exclude, deployment_config, retain_config)| {
                UpdateEndpointInput {
                    endpoint_name: name,
                    endpoint_config_name: config_name,
                    retain_all_variant_properties: retain,
                    exclude_retained_variant_properties: exclude,
                    deployment_config,
                    retain_deployment_config: retain_config,
                }
            },
        )
        .boxed()
}

fn variant() -> BoxedStrategy<ProductionVariant> {
    let weight = prop_oneof![
        Just(1.0f64),
        Just(0.0),
        -1e6f64..1e6,
        any::<f64>().prop_filter("finite", |w| w.is_finite())
    ];
    let serverless = (
        prop::option::of(int32()),
        prop::option::of(int32()),
        prop::option::of(int32()),
    )
        .prop_map(|(memory, max, provisioned)| ServerlessConfig {
            memory_size_in_mb: memory,
            max_concurrency: max,
            provisioned_concurrency: provisioned,
        });
    (
        prop::option::of(text()),
        prop::option::of(text()),
        prop::option::of(text()),
        prop::option::of(int32()),
        prop::option::of(weight),
        prop::option::of(text()),
        prop::option::of(serverless),
    )
        .prop_map(
            |(name, model, instance_type, count, weight, accelerator, serverless)| {
                ProductionVariant {
                    variant_name: name,
                    model_name: model,
                    instance_type,
                    initial_instance_count: count,
                    initial_variant_weight: weight,
                    accelerator_type: accelerator,
                    serverless_config: serverless,
                }
            },
        )
        .boxed()
}

/// Version 2's alarm definitions, with any text in their names and dimensions.
fn metric_alarm() -> BoxedStrategy<designer_core::model::MetricAlarm> {
    use designer_core::model::{Dimension, Metric, MetricAlarm, MetricDataQuery, MetricStat};
    let dimension = (text(), text()).prop_map(|(name, value)| Dimension { name, value });
    let query = (text(), prop::option::of(text()), prop::option::of(int32()), prop::option::of(any::<bool>()))
        .prop_map(|(id, expression, period, return_data)| MetricDataQuery {
            id,
            expression,
            metric_stat: period.map(|p| MetricStat {
                metric: Metric {
                    namespace: Some("AWS/SageMaker".into()),
                    metric_name: Some("ModelLatency".into()),
                    dimensions: Vec::new(),
                },
                period: Some(p),
                stat: Some("p99".into()),
                unit: None,
            }),
            label: None,
            return_data,
            period: None,
        });
    (
        (prop::option::of(text()), prop::option::of(text()), prop::option::of(text())),
        prop::collection::vec(dimension, 0..3),
        (prop::option::of(text()), prop::option::of(int32()), prop::option::of(int32()), prop::option::of(int32())),
        (prop::option::of(-1.0e9..1.0e9_f64), prop::option::of(text()), prop::option::of(text())),
        prop::collection::vec(query, 0..2),
    )
        .prop_map(|((name, namespace, metric), dimensions, (statistic, period, n, m), (threshold, comparison, missing), metrics)| MetricAlarm {
            alarm_name: name,
            namespace,
            metric_name: metric,
            dimensions,
            statistic,
            extended_statistic: None,
            period,
            evaluation_periods: n,
            datapoints_to_alarm: m,
            threshold,
            comparison_operator: comparison,
            treat_missing_data: missing,
            unit: None,
            metrics,
        })
        .boxed()
}

fn document() -> BoxedStrategy<DesignDocument> {
    let quota = (prop::option::of(text()), prop::option::of(int32()), prop::option::of(int32()))
        .prop_map(|(instance_type, limit, in_use)| designer_core::model::InstanceQuota {
            instance_type,
            limit,
            in_use,
        });
    let endpoint = (
        prop::option::of(text()),
        prop::collection::vec(variant(), 0..3),
        prop::collection::vec(variant(), 0..3),
        any::<bool>(),
        prop::collection::vec(quota, 0..2),
    )
        .prop_map(|(name, current, new, marketplace, quotas)| EndpointContext {
            current_endpoint_config_name: name,
            current_variants: current,
            new_variants: new,
            uses_marketplace_containers: marketplace,
            quotas,
        });
    let simulation =
        (int32(), prop::option::of(int32())).prop_map(|(p, trip)| SimulationSettings {
            provisioning_seconds: p,
            failure: trip.map(|at_seconds| designer_core::model::Failure::Alarm { at_seconds }),
        });
    (request(), endpoint, simulation, prop::collection::vec(metric_alarm(), 0..3))
        .prop_map(|(request, endpoint, simulation, alarms)| DesignDocument {
            version: DOCUMENT_VERSION,
            request,
            endpoint,
            alarms,
            simulation,
            rules: None,
            placeholders: Vec::new(),
        })
        .boxed()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn generated_documents_round_trip_exactly(doc in document()) {
        let text = document_json(&doc);
        let back = parse_document(&text);
        prop_assert_eq!(back.as_ref(), Ok(&doc), "{}", text);
        let imported = import(&text, &DesignDocument::default()).map(|i| i.document);
        prop_assert_eq!(imported.as_ref(), Ok(&doc));
    }

    #[test]
    fn generated_requests_round_trip_exactly(req in request()) {
        let current = DesignDocument::default();
        let text = cli_input_json(&req);
        let back = import(&text, &current).map(|i| i.document.request);
        prop_assert_eq!(back.as_ref(), Ok(&req), "{}", text);
    }
}

// ---- no input makes the import panic ----

fn all_fixtures() -> Vec<&'static str> {
    let mut all: Vec<&str> = DOCUMENTS.iter().map(|(_, t)| *t).collect();
    all.push(BARE_REQUEST);
    all.push(BOTO3_SNIPPET);
    all
}

fn json_ish() -> impl Strategy<Value = String> {
    let piece = prop::sample::select(vec![
        "{",
        "}",
        "[",
        "]",
        ",",
        ":",
        "\"",
        "\"Version\"",
        "\"Request\"",
        "\"EndpointName\"",
        "\"Alarms\"",
        "1",
        "-0",
        "1.5e3",
        "99999999999999999999999",
        "true",
        "null",
        " ",
        "\n",
        "\\",
        "\\u",
        "\\ud800",
        "é",
        "\"x\"",
        "\"DeploymentConfig\"",
        "\"Value\"",
        "2147483648",
        "1e400",
    ]);
    prop::collection::vec(piece, 0..60).prop_map(|v| v.concat())
}

fn python_ish() -> impl Strategy<Value = String> {
    let piece = prop::sample::select(vec![
        "c.update_endpoint(",
        "dict(",
        ")",
        "(",
        "{",
        "}",
        "[",
        "]",
        ",",
        ":",
        "=",
        "'",
        "\"",
        "'''",
        "r'",
        "f'",
        "b'",
        "EndpointName",
        "Alarms",
        "'Value'",
        "1_0",
        "0x",
        "-",
        "+",
        "**",
        "*",
        "#",
        "\n",
        "\\",
        "\\x",
        "\\N{",
        "True",
        "None",
        "x",
        " ",
        "1.",
        ".5",
        "1e",
        "0300",
        "é",
        "\u{a0}",
        "1j",
    ]);
    prop::collection::vec(piece, 0..60).prop_map(|v| v.concat())
}

/// A fixture cut short or with one byte range replaced, kept valid UTF-8.
fn mutated_fixture() -> impl Strategy<Value = String> {
    (
        prop::sample::select(all_fixtures()),
        any::<prop::sample::Index>(),
        any::<prop::sample::Index>(),
        "[^\\x00]{0,3}",
    )
        .prop_map(|(text, a, b, insert)| {
            let chars: Vec<char> = text.chars().collect();
            let i = a.index(chars.len() + 1);
            let j = (i + b.index(8)).min(chars.len());
            let mut out: String = chars[..i].iter().collect();
            out.push_str(&insert);
            out.extend(&chars[j..]);
            out
        })
}

fn no_panic(text: &str) {
    let current = DesignDocument::default();
    if let Err(e) = import(text, &current) {
        assert!(!e.message.is_empty());
        assert!(
            e.line.is_some() || e.path.is_some() || e.message.starts_with("Nothing to import"),
            "a refusal without a place: {e:?}"
        );
    }
    let _ = parse_document(text);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn random_strings_never_panic(text in any::<String>()) {
        no_panic(&text);
    }

    #[test]
    fn json_ish_texts_never_panic(text in json_ish()) {
        no_panic(&text);
    }

    #[test]
    fn python_ish_texts_never_panic(text in python_ish()) {
        no_panic(&text);
    }

    #[test]
    fn mutated_fixtures_never_panic(text in mutated_fixture()) {
        no_panic(&text);
    }

    #[test]
    fn truncated_fixtures_never_panic(text in prop::sample::select(all_fixtures()), cut in any::<prop::sample::Index>()) {
        let chars: Vec<char> = text.chars().collect();
        let head: String = chars[..cut.index(chars.len() + 1)].iter().collect();
        no_panic(&head);
    }
}
