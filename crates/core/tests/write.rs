//! write.rs against serde_json: every design, request and string writes byte for byte as
//! serde_json wrote it with the formatters the exports used before (kept here as the
//! reference), in all four forms (pretty, compact, share-link JSON, Python literal).

use std::io;

use designer_core::export::is_invisible;
use designer_core::model::{
    Alarm, AutoRollbackConfig, BlueGreenUpdatePolicy, CapacitySize, CapacitySizeType,
    DeploymentConfig, DesignDocument, EndpointContext, Placeholder, ProductionVariant,
    RollingUpdatePolicy, ServerlessConfig, SimulationSettings, TrafficRoutingConfig,
    TrafficRoutingConfigType, UpdateEndpointInput, VariantProperty, VariantPropertyType,
};
use designer_core::write;
use proptest::prelude::*;
use serde::Serialize;
use serde_json::ser::{CharEscape, CompactFormatter, Formatter, PrettyFormatter};

// ---- the reference: the serde_json formatters of the exports before write.rs ----

fn needs_escape(c: char) -> bool {
    c.is_control() || is_invisible(c)
}

fn to_json<T: Serialize + ?Sized, F: Formatter>(value: &T, formatter: F) -> String {
    let mut buf = Vec::new();
    let mut ser = serde_json::Serializer::with_formatter(&mut buf, formatter);
    // The model's types always serialise; an empty string is the harmless fallback.
    if value.serialize(&mut ser).is_err() {
        return String::new();
    }
    String::from_utf8(buf).unwrap_or_default()
}

/// A JSON formatter that writes [`needs_escape`] characters as `\uXXXX` and otherwise
/// behaves as the one it wraps. serde_json already escapes C0 controls itself.
struct Visible<F>(F);

fn write_json_escaped<W: ?Sized + io::Write>(w: &mut W, fragment: &str) -> io::Result<()> {
    let mut start = 0;
    for (i, c) in fragment.char_indices() {
        if needs_escape(c) {
            w.write_all(&fragment.as_bytes()[start..i])?;
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                write!(w, "\\u{unit:04x}")?;
            }
            start = i + c.len_utf8();
        }
    }
    w.write_all(&fragment.as_bytes()[start..])
}

macro_rules! delegate {
    ($($name:ident($($arg:ident: $ty:ty),*);)+) => {
        $(
            fn $name<W: ?Sized + io::Write>(&mut self, w: &mut W $(, $arg: $ty)*) -> io::Result<()> {
                self.0.$name(w $(, $arg)*)
            }
        )+
    };
}

impl<F: Formatter> Formatter for Visible<F> {
    fn write_string_fragment<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        write_json_escaped(w, fragment)
    }

    delegate! {
        begin_array();
        end_array();
        begin_array_value(first: bool);
        end_array_value();
        begin_object();
        end_object();
        begin_object_key(first: bool);
        end_object_key();
        begin_object_value();
        end_object_value();
    }
}

/// A serde_json formatter that writes Python literals: `True`/`False`/`None`, strings in
/// double quotes with Python escapes, and dicts/lists one item per line with a trailing
/// comma (the layout black gives).
struct PythonFormatter {
    /// Nesting depth, in steps of four spaces.
    indent: usize,
    /// Whether the innermost open dict or list has an item yet.
    has_value: bool,
}

impl PythonFormatter {
    fn newline<W: ?Sized + io::Write>(&self, w: &mut W) -> io::Result<()> {
        w.write_all(b"\n")?;
        for _ in 0..self.indent {
            w.write_all(b"    ")?;
        }
        Ok(())
    }

    fn open<W: ?Sized + io::Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.indent += 1;
        self.has_value = false;
        w.write_all(bracket)
    }

    fn close<W: ?Sized + io::Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.indent = self.indent.saturating_sub(1);
        if self.has_value {
            self.newline(w)?;
        }
        // The enclosing container, if any, now has this one as an item.
        self.has_value = true;
        w.write_all(bracket)
    }
}

impl Formatter for PythonFormatter {
    fn write_null<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(b"None")
    }

    fn write_bool<W: ?Sized + io::Write>(&mut self, w: &mut W, value: bool) -> io::Result<()> {
        w.write_all(if value { b"True" } else { b"False" })
    }

    fn write_string_fragment<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        for c in fragment.chars() {
            if c.is_control() {
                write!(w, "\\x{:02x}", c as u32)?;
            } else if is_invisible(c) {
                if (c as u32) > 0xFFFF {
                    write!(w, "\\U{:08x}", c as u32)?;
                } else {
                    write!(w, "\\u{:04x}", c as u32)?;
                }
            } else {
                let mut buf = [0u8; 4];
                w.write_all(c.encode_utf8(&mut buf).as_bytes())?;
            }
        }
        Ok(())
    }

    fn write_char_escape<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        escape: CharEscape,
    ) -> io::Result<()> {
        match escape {
            CharEscape::Quote => w.write_all(b"\\\""),
            CharEscape::ReverseSolidus => w.write_all(b"\\\\"),
            CharEscape::Solidus => w.write_all(b"/"),
            CharEscape::Backspace => w.write_all(b"\\b"),
            CharEscape::FormFeed => w.write_all(b"\\f"),
            CharEscape::LineFeed => w.write_all(b"\\n"),
            CharEscape::CarriageReturn => w.write_all(b"\\r"),
            CharEscape::Tab => w.write_all(b"\\t"),
            CharEscape::AsciiControl(b) => write!(w, "\\x{b:02x}"),
        }
    }

    fn begin_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"[")
    }

    fn end_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"]")
    }

    fn begin_array_value<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        _first: bool,
    ) -> io::Result<()> {
        self.newline(w)
    }

    fn end_array_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.has_value = true;
        w.write_all(b",")
    }

    fn begin_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"{")
    }

    fn end_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"}")
    }

    fn begin_object_key<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        _first: bool,
    ) -> io::Result<()> {
        self.newline(w)
    }

    fn begin_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.has_value = true;
        w.write_all(b",")
    }
}

fn ref_pretty<T: Serialize + ?Sized>(v: &T) -> String {
    to_json(v, Visible(PrettyFormatter::new()))
}

fn ref_compact<T: Serialize + ?Sized>(v: &T) -> String {
    to_json(v, Visible(CompactFormatter))
}

fn ref_python<T: Serialize + ?Sized>(v: &T) -> String {
    to_json(
        v,
        PythonFormatter {
            indent: 1,
            has_value: false,
        },
    )
}

/// Every form of `v` as write.rs and as the reference write it.
fn forms<T: Serialize + write::Emit + ?Sized>(v: &T) -> [(&'static str, String, String); 4] {
    [
        ("pretty", write::pretty_json(v), ref_pretty(v)),
        ("compact", write::compact_json(v), ref_compact(v)),
        (
            "plain",
            write::plain_json(v),
            serde_json::to_string(v).unwrap(),
        ),
        ("python", write::python(v), ref_python(v)),
    ]
}

fn assert_same<T: Serialize + write::Emit + ?Sized>(v: &T) -> Result<(), TestCaseError> {
    for (form, got, want) in forms(v) {
        prop_assert_eq!(got, want, "{} form", form);
    }
    Ok(())
}

// ---- generated values ----

/// Text as users and attackers write it: anything, and the characters each form escapes.
fn text() -> BoxedStrategy<String> {
    prop_oneof![
        any::<String>(),
        proptest::collection::vec(
            prop_oneof![
                Just('"'),
                Just('\\'),
                Just('/'),
                Just('\u{8}'),
                Just('\u{c}'),
                Just('\n'),
                Just('\r'),
                Just('\t'),
                Just('\0'),
                Just('\u{1b}'),
                Just('\u{7f}'),
                Just('\u{85}'),
                Just('\u{ad}'),
                Just('\u{200f}'),
                Just('\u{202e}'),
                Just('\u{2028}'),
                Just('\u{feff}'),
                Just('\u{e0041}'),
                Just('é'),
                Just('😀'),
                Just('a'),
            ],
            0..12
        )
        .prop_map(|cs| cs.into_iter().collect()),
    ]
    .boxed()
}

fn opt_text() -> impl Strategy<Value = Option<String>> {
    proptest::option::of(text())
}

fn opt_int() -> impl Strategy<Value = Option<i64>> {
    proptest::option::of(prop_oneof![any::<i64>(), -5i64..5000])
}

/// Weights as typed (`0.5`, `1`, `12.25`) and any other double, not-a-number and the
/// infinities included (serde_json writes those as `null`).
fn float() -> BoxedStrategy<f64> {
    prop_oneof![
        (0u32..100_000).prop_map(|n| f64::from(n) / 100.0),
        (0u32..100).prop_map(f64::from),
        any::<f64>(),
        any::<u64>().prop_map(f64::from_bits),
        (-330i32..330, 1u32..1000).prop_map(|(e, m)| f64::from(m) * 10f64.powi(e)),
    ]
    .boxed()
}

fn wire<T>(known: &'static [T], from_wire: fn(&str) -> T) -> impl Strategy<Value = Option<T>>
where
    T: Clone + std::fmt::Debug + 'static,
{
    proptest::option::of(prop_oneof![
        proptest::sample::select(known),
        text().prop_map(move |s| from_wire(&s)),
    ])
}

fn size() -> BoxedStrategy<Option<CapacitySize>> {
    proptest::option::of(
        (
            wire(CapacitySizeType::ALL, CapacitySizeType::from_wire),
            opt_int(),
        )
            .prop_map(|(type_, value)| CapacitySize { type_, value }),
    )
    .boxed()
}

fn request() -> BoxedStrategy<UpdateEndpointInput> {
    let routing = (
        wire(
            TrafficRoutingConfigType::ALL,
            TrafficRoutingConfigType::from_wire,
        ),
        opt_int(),
        size(),
        size(),
    )
        .prop_map(|(type_, wait, canary, linear)| TrafficRoutingConfig {
            type_,
            wait_interval_in_seconds: wait,
            canary_size: canary,
            linear_step_size: linear,
        });
    let blue_green = (proptest::option::of(routing), opt_int(), opt_int()).prop_map(
        |(routing, termination, timeout)| BlueGreenUpdatePolicy {
            traffic_routing_configuration: routing,
            termination_wait_in_seconds: termination,
            maximum_execution_timeout_in_seconds: timeout,
        },
    );
    let rolling =
        (size(), opt_int(), opt_int(), size()).prop_map(|(batch, wait, timeout, rollback)| {
            RollingUpdatePolicy {
                maximum_batch_size: batch,
                wait_interval_in_seconds: wait,
                maximum_execution_timeout_in_seconds: timeout,
                rollback_maximum_batch_size: rollback,
            }
        });
    let alarms = proptest::option::of(
        proptest::option::of(proptest::collection::vec(
            opt_text().prop_map(|alarm_name| Alarm { alarm_name }),
            0..3,
        ))
        .prop_map(|alarms| AutoRollbackConfig { alarms }),
    );
    let config = proptest::option::of(
        (
            proptest::option::of(blue_green),
            proptest::option::of(rolling),
            alarms,
        )
            .prop_map(|(blue_green, rolling, rollback)| DeploymentConfig {
                blue_green_update_policy: blue_green,
                rolling_update_policy: rolling,
                auto_rollback_configuration: rollback,
            }),
    );
    let exclude = proptest::option::of(proptest::collection::vec(
        wire(VariantPropertyType::ALL, VariantPropertyType::from_wire).prop_map(|t| {
            VariantProperty {
                variant_property_type: t,
            }
        }),
        0..3,
    ));
    (
        opt_text(),
        opt_text(),
        proptest::option::of(any::<bool>()),
        exclude,
        config,
        proptest::option::of(any::<bool>()),
    )
        .prop_map(
            |(name, config_name, retain_all, exclude, config, retain)| UpdateEndpointInput {
                endpoint_name: name,
                endpoint_config_name: config_name,
                retain_all_variant_properties: retain_all,
                exclude_retained_variant_properties: exclude,
                deployment_config: config,
                retain_deployment_config: retain,
            },
        )
        .boxed()
}

fn variant() -> BoxedStrategy<ProductionVariant> {
    let serverless = proptest::option::of((opt_int(), opt_int(), opt_int()).prop_map(
        |(memory, max, provisioned)| ServerlessConfig {
            memory_size_in_mb: memory,
            max_concurrency: max,
            provisioned_concurrency: provisioned,
        },
    ));
    (
        (opt_text(), opt_text(), opt_text()),
        opt_int(),
        proptest::option::of(float()),
        opt_text(),
        serverless,
    )
        .prop_map(
            |((name, model, instance_type), count, weight, accelerator, serverless)| {
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

fn document() -> BoxedStrategy<DesignDocument> {
    let placeholder = (
        text(),
        text(),
        proptest::option::of(any::<u32>()),
        proptest::option::of(any::<u32>()),
    )
        .prop_map(|(path, expression, line, column)| Placeholder {
            path,
            expression,
            line,
            column,
        });
    (
        any::<u32>(),
        request(),
        (
            opt_text(),
            proptest::collection::vec(variant(), 0..3),
            proptest::collection::vec(variant(), 0..3),
            any::<bool>(),
        ),
        (any::<i64>(), opt_int()),
        proptest::collection::vec(placeholder, 0..3),
    )
        .prop_map(
            |(version, request, (config, current, new, marketplace), (p, trip), placeholders)| {
                DesignDocument {
                    version,
                    request,
                    endpoint: EndpointContext {
                        current_endpoint_config_name: config,
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
                    placeholders,
                }
            },
        )
        .boxed()
}

// ---- the comparisons ----

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn documents_write_as_serde_json_wrote_them(doc in document()) {
        assert_same(&doc)?;
    }

    #[test]
    fn requests_and_their_parts_write_as_serde_json_wrote_them(req in request()) {
        assert_same(&req)?;
        assert_same(&req.deployment_config)?;
        assert_same(&req.exclude_retained_variant_properties)?;
    }

    #[test]
    fn strings_write_as_serde_json_wrote_them(s in text()) {
        assert_same(&s)?;
        assert_same(s.as_str())?;
    }

    #[test]
    fn floats_write_as_serde_json_wrote_them(x in float()) {
        assert_same(&x)?;
    }
}

#[test]
fn edge_values_write_as_serde_json_wrote_them() {
    let floats = [
        0.0,
        -0.0,
        1.0,
        0.1,
        1e-5,
        1e-6,
        1e15,
        1e16,
        1e17,
        123456789012345680.0,
        1.5e300,
        f64::MIN_POSITIVE,
        5e-324,
        f64::MAX,
        f64::MIN,
        f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
    ];
    for x in floats {
        for (form, got, want) in forms(&x) {
            assert_eq!(got, want, "{x:?} in the {form} form");
        }
    }
    for v in [Vec::<Alarm>::new(), vec![Alarm::default()]] {
        for (form, got, want) in forms(&v) {
            assert_eq!(got, want, "{v:?} in the {form} form");
        }
    }
    for (form, got, want) in forms(&DesignDocument::default()) {
        assert_eq!(got, want, "the default document in the {form} form");
    }
}

/// A team's rules file in the document (`Rules`) is kept as the JSON it was, through the
/// page's writer and reader, in the share link's compact form and in the pretty download.
#[test]
fn a_documents_rules_survive_writing_and_reading() {
    let text = r#"{"Version": 2, "Request": {"EndpointName": "ranker-prod"}, "Endpoint": {},
        "Rules": {"version": 1, "rules": [{"name": "prod-canary", "severity": "error",
            "message": "At most \"10%\" \u00e9", "endpoints": ["*-prod"], "canary": {"at_most": "10%"},
            "bake": {"at_least": 300}, "nested": [true, null, 1.5e3]}]},
        "Simulation": {"ProvisioningSeconds": 300}}"#;
    let doc = designer_core::import::parse_document(text).expect("reads");
    let rules = doc.rules.clone().expect("the rules are kept");
    assert!(rules.contains(r#""canary":{"at_most":"10%"}"#), "{rules}");
    for written in [designer_core::export::document_json(&doc), designer_core::write::compact_json(&doc)] {
        let parsed: serde_json::Value = serde_json::from_str(&written).expect("valid JSON");
        assert_eq!(parsed["Rules"]["rules"][0]["message"], "At most \"10%\" é");
        assert_eq!(parsed["Rules"]["rules"][0]["nested"][2], 1500.0);
        let again = designer_core::import::parse_document(&written).expect("reads again");
        assert_eq!(again, doc, "the same design, rules and all");
    }
    // Rules that are not an object are refused at their place.
    let wrong = text.replace(r#""Rules": {"version""#, r#""Rules": ["version""#);
    assert!(designer_core::import::parse_document(&wrong).is_err());
}
