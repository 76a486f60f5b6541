//! The form's building blocks: labelled inputs bound to one member of the design, each
//! showing its findings (with `aria-invalid` / `aria-describedby`), a hint of what the value
//! means, and an on-demand explanation.

use std::sync::Arc;

use leptos::prelude::*;

use crate::components::when::When;
use crate::core::help::TOPICS;
use crate::core::hints::duration_hint;
use crate::core::limits::IntRange;
use crate::core::model::{CapacitySize, CapacitySizeType, DesignDocument};
use crate::core::validate::Finding;
use crate::state::{field_id, related, Designer};

/// Reads one member of the design (type-erased, so each field component exists once in the binary).
type GetFn<T> = StoredValue<Arc<dyn Fn(&DesignDocument) -> Option<T> + Send + Sync>>;
/// Writes one member of the design.
type SetFn<T> = StoredValue<Arc<dyn Fn(&mut DesignDocument, Option<T>) + Send + Sync>>;
/// A narrower source for a group of fields (a variant or alarm row). Without a scope a field
/// tracks the whole design and `Designer::field_findings`; with one it tracks its row (which
/// reads its list through a `firewall`) and the row's findings, so that a keystroke outside
/// the list reaches none of the row's fields: the subscriber sets of the design and of its
/// findings are what Leptos walks, copies and trims on every change, and on a 20-variant
/// design they held hundreds of fields.
#[derive(Clone)]
pub struct Scope {
    /// Subscribes to what the fields' values are read from.
    pub track: Arc<dyn Fn() + Send + Sync>,
    /// The findings of the group (a superset of each field's own).
    pub findings: Signal<Vec<Finding>>,
}

/// Reads a field's value: tracked through the scope when given, else through the whole design.
fn read<T>(designer: Designer, scope: &Option<Scope>, f: impl FnOnce(&DesignDocument) -> T) -> T {
    match scope {
        Some(s) => {
            (s.track)();
            designer.doc.with_untracked(f)
        }
        None => designer.doc.with(f),
    }
}

/// Where a field's findings are read from: its scope's, else the design's.
fn findings_of(designer: Designer, scope: &Option<Scope>) -> Signal<Vec<Finding>> {
    scope
        .as_ref()
        .map_or(designer.field_findings, |s| s.findings)
}

/// Findings that belong beside the field at `path`: its own and its members'.
fn own_findings(findings: &[Finding], path: &str) -> Vec<Finding> {
    findings
        .iter()
        .filter(|f| belongs_to(&f.path, path))
        .cloned()
        .collect()
}

/// True when a finding at `finding_path` is about the field at `path` or one of its members.
fn belongs_to(finding_path: &str, path: &str) -> bool {
    finding_path == path || (finding_path.starts_with(path) && related(finding_path, path))
}

/// True when the field at `path` has a visible finding (error or warning).
fn field_invalid(designer: Designer, findings: Signal<Vec<Finding>>, path: &str) -> bool {
    findings.with(|fs| {
        fs.iter()
            .any(|f| belongs_to(&f.path, path) && designer.finding_visible(&f.path))
    })
}

/// The findings shown beside a field (held back until the field is touched).
#[component]
pub fn FieldFindings(
    /// The field's path (VALIDATION.md's form).
    #[prop(into)]
    path: String,
    /// Only findings at exactly this path (for sections whose members have fields of their own).
    #[prop(optional)]
    exact: bool,
    /// The findings to pick from, when narrower than all of the design's (see `Scope`).
    #[prop(optional, into)]
    source: Option<Signal<Vec<Finding>>>,
) -> impl IntoView {
    let designer = expect_context::<Designer>();
    let source = source.unwrap_or(designer.field_findings);
    let id = format!("{}-findings", field_id(&path));
    let p = path.clone();
    let shown = Memo::new(move |_| {
        source.with(|fs| {
            let mine = if exact {
                fs.iter().filter(|f| f.path == p).cloned().collect()
            } else {
                own_findings(fs, &p)
            };
            mine.into_iter()
                .filter(|f| designer.finding_visible(&f.path))
                .collect::<Vec<_>>()
        })
    });
    view! {
        <ul class="field__findings" id=id aria-live="polite">
            {move || {
                shown
                    .get()
                    .into_iter()
                    .map(|f| {
                        let sev = f.severity.as_str();
                        view! {
                            <li class=format!("field-finding field-finding--{sev}")>
                                <span class="field-finding__badge">{if sev == "error" { "Error" } else { "Warning" }}</span>
                                " "
                                {f.explanation.clone()}
                            </li>
                        }
                    })
                    .collect_view()
            }}
        </ul>
    }
}

/// A "?" toggle with the explanation of a topic from `core::help`.
#[component]
pub fn HelpToggle(
    /// The help topic (a member name or `strategy.X`).
    topic: &'static str,
) -> impl IntoView {
    if !TOPICS.contains(&topic) {
        return ().into_any();
    }
    // The explanation is drawn by the panels module when first opened: the page has a
    // dozen of them, and the first view shows none.
    let panels = expect_context::<crate::panels::Panels>();
    let host = NodeRef::<leptos::html::Div>::new();
    let drawn = StoredValue::new(false);
    let open = move |_| {
        if !drawn.get_value() {
            if let Some(el) = host.get_untracked() {
                drawn.set_value(true);
                panels.mount_help(topic, el.into());
            }
        }
    };
    view! {
        <details class="help" on:toggle=open>
            <summary class="help__toggle">
                <span aria-hidden="true">"?"</span>
                <span class="visually-hidden">{format!("About {topic}")}</span>
            </summary>
            <div node_ref=host></div>
        </details>
    }
    .into_any()
}

/// Reads a whole number as the API takes it: within the 32-bit range (VALIDATION.md R8),
/// which is also what import accepts, so every design the form makes can be reopened.
pub fn parse_int(t: &str) -> Result<i64, &'static str> {
    match t.parse::<i64>() {
        Ok(v) if i32::try_from(v).is_ok() => Ok(v),
        Ok(_) => Err("is outside the 32-bit range the API accepts"),
        Err(_) if t.parse::<f64>().is_ok() => Err("is not a whole number"),
        Err(_) => Err("is not a number"),
    }
}

/// `aria-describedby` for a field: its findings and, when present, its hint.
fn described_by(path: &str, has_hint: bool) -> String {
    let id = field_id(path);
    if has_hint {
        format!("{id}-findings {id}-hint")
    } else {
        format!("{id}-findings")
    }
}

/// A text input bound to an optional string member. An empty input means "absent".
#[component]
pub fn TextField<G, S>(
    /// Visible label.
    label: &'static str,
    /// The member's path.
    #[prop(into)]
    path: String,
    /// Reads the member.
    get: G,
    /// Writes the member.
    set: S,
    /// Help topic, if any.
    #[prop(optional)]
    help_topic: Option<&'static str>,
    /// Placeholder text.
    #[prop(optional)]
    placeholder: &'static str,
    /// A `datalist` id for type-ahead.
    #[prop(optional)]
    list: Option<&'static str>,
    /// What the value and findings are read from, when narrower than the design's (see `Scope`).
    #[prop(optional)]
    scope: Option<Scope>,
) -> impl IntoView
where
    G: Fn(&DesignDocument) -> Option<String> + Copy + Send + Sync + 'static,
    S: Fn(&mut DesignDocument, Option<String>) + Copy + Send + Sync + 'static,
{
    let get: GetFn<String> = StoredValue::new(Arc::new(get));
    let set: SetFn<String> = StoredValue::new(Arc::new(set));
    text_field_view(label, path, help_topic, placeholder, list, scope, get, set)
}

/// The non-generic body of `TextField` (one copy in the binary, whatever the accessors).
#[allow(clippy::too_many_arguments)]
fn text_field_view(
    label: &'static str,
    path: String,
    help_topic: Option<&'static str>,
    placeholder: &'static str,
    list: Option<&'static str>,
    scope: Option<Scope>,
    get: GetFn<String>,
    set: SetFn<String>,
) -> AnyView {
    let get = move |d: &DesignDocument| get.with_value(|f| f(d));
    let set = move |d: &mut DesignDocument, v: Option<String>| set.with_value(|f| f(d, v));
    let designer = expect_context::<Designer>();
    let id = field_id(&path);
    let found = findings_of(designer, &scope);
    let value = Memo::new(move |_| read(designer, &scope, |d| get(d).unwrap_or_default()));
    let p_touch = path.clone();
    let p_inv = path.clone();
    view! {
        <div class="field">
            <div class="field__head">
                <label class="field__label" for=id.clone()>{label}</label>
                {help_topic.map(|t| view! { <HelpToggle topic=t /> })}
            </div>
            <input
                class="field__input"
                type="text"
                id=id
                placeholder=placeholder
                list=list
                spellcheck="false"
                autocomplete="off"
                prop:value=move || value.get()
                aria-invalid=move || if field_invalid(designer, found, &p_inv) { "true" } else { "false" }
                aria-describedby=described_by(&path, false)
                on:input=move |ev| {
                    // Touched from the first keystroke: a finding that appeared only on blur
                    // would shift the page under the pointer on its way to another control.
                    designer.touch(&p_touch);
                    let v = event_target_value(&ev);
                    designer.edit(|d| set(d, if v.is_empty() { None } else { Some(v) }));
                }
            />
            <FieldFindings path=path.clone() source=found />
        </div>
    }
    .into_any()
}

/// A number input bound to an optional integer member, with a hint of what the value means.
#[component]
pub fn IntField<G, S>(
    /// Visible label.
    label: &'static str,
    /// The member's path.
    #[prop(into)]
    path: String,
    /// Reads the member.
    get: G,
    /// Writes the member.
    set: S,
    /// Unit shown after the input (e.g. "s").
    #[prop(optional)]
    unit: &'static str,
    /// What the current value means ("3600 s = 1h").
    #[prop(optional, into)]
    hint: Option<Signal<Option<String>>>,
    /// Help topic, if any.
    #[prop(optional)]
    help_topic: Option<&'static str>,
    /// The service model's range of the member (the spinner offers only these values).
    #[prop(optional)]
    range: Option<IntRange>,
    /// Smallest value the spinner offers, for members the model leaves open.
    #[prop(optional)]
    min: Option<i64>,
    /// A number of seconds: the hint shows it in hours and minutes ("3600 s = 1h").
    #[prop(optional)]
    seconds: bool,
    /// What the value and findings are read from, when narrower than the design's (see `Scope`).
    #[prop(optional)]
    scope: Option<Scope>,
) -> impl IntoView
where
    G: Fn(&DesignDocument) -> Option<i64> + Copy + Send + Sync + 'static,
    S: Fn(&mut DesignDocument, Option<i64>) + Copy + Send + Sync + 'static,
{
    let hint = match hint {
        Some(h) => Some(h),
        None if seconds => {
            let designer = expect_context::<Designer>();
            Some(Signal::derive(move || {
                designer.doc.with(|d| duration_hint(get(d)))
            }))
        }
        None => None,
    };
    let min = range.and_then(|r| r.min).or(min);
    let max = range.and_then(|r| r.max);
    let get: GetFn<i64> = StoredValue::new(Arc::new(get));
    let set: SetFn<i64> = StoredValue::new(Arc::new(set));
    int_field_view(
        label, path, unit, hint, help_topic, min, max, scope, get, set,
    )
}

/// The non-generic body of `IntField` (one copy in the binary, whatever the accessors).
#[allow(clippy::too_many_arguments)]
fn int_field_view(
    label: &'static str,
    path: String,
    unit: &'static str,
    hint: Option<Signal<Option<String>>>,
    help_topic: Option<&'static str>,
    min: Option<i64>,
    max: Option<i64>,
    scope: Option<Scope>,
    get: GetFn<i64>,
    set: SetFn<i64>,
) -> AnyView {
    let get = move |d: &DesignDocument| get.with_value(|f| f(d));
    let set = move |d: &mut DesignDocument, v: Option<i64>| set.with_value(|f| f(d, v));
    let designer = expect_context::<Designer>();
    let id = field_id(&path);
    let found = findings_of(designer, &scope);
    let value = Memo::new(move |_| {
        read(designer, &scope, |d| {
            get(d).map(|v| v.to_string()).unwrap_or_default()
        })
    });
    let local_error = RwSignal::new(None::<String>);
    let p_touch = path.clone();
    let p_inv = path.clone();
    let hint_id = format!("{id}-hint");
    let has_hint = hint.is_some();
    view! {
        <div class="field field--number">
            <div class="field__head">
                <label class="field__label" for=id.clone()>{label}</label>
                {help_topic.map(|t| view! { <HelpToggle topic=t /> })}
            </div>
            <div class="field__row">
                <input
                    class="field__input"
                    type="number"
                    inputmode="numeric"
                    step="1"
                    id=id
                    min=min.map(|m| m.to_string())
                    max=max.map(|m| m.to_string())
                    prop:value=move || value.get()
                    aria-invalid=move || {
                        if local_error.get().is_some() || field_invalid(designer, found, &p_inv) { "true" } else { "false" }
                    }
                    aria-describedby=described_by(&path, has_hint)
                    on:input=move |ev| {
                    // Touched from the first keystroke: a finding that appeared only on blur
                    // would shift the page under the pointer on its way to another control.
                    designer.touch(&p_touch);
                        let raw = event_target_value(&ev);
                        let t = raw.trim();
                        if t.is_empty() {
                            local_error.set(None);
                            designer.edit(|d| set(d, None));
                        } else {
                            match parse_int(t) {
                                Ok(v) => {
                                    local_error.set(None);
                                    designer.edit(|d| set(d, Some(v)));
                                }
                                Err(why) => local_error.set(Some(format!("\"{t}\" {why}; the design keeps its previous value."))),
                            }
                        }
                    }
                />
                {(!unit.is_empty()).then(|| view! { <span class="field__unit">{unit}</span> })}
            </div>
            {hint.map(|h| view! { <p class="field__hint" id=hint_id>{move || h.get().unwrap_or_default()}</p> })}
            <When when=move || local_error.get().is_some()>
                <p class="field-finding field-finding--error" role="alert">{move || local_error.get().unwrap_or_default()}</p>
            </When>
            <FieldFindings path=path.clone() source=found />
        </div>
    }
    .into_any()
}

/// A select for an optional boolean: not set / true / false.
#[component]
pub fn BoolField<G, S>(
    /// Visible label.
    label: &'static str,
    /// The member's path.
    #[prop(into)]
    path: String,
    /// Reads the member.
    get: G,
    /// Writes the member.
    set: S,
    /// Help topic, if any.
    #[prop(optional)]
    help_topic: Option<&'static str>,
) -> impl IntoView
where
    G: Fn(&DesignDocument) -> Option<bool> + Copy + Send + Sync + 'static,
    S: Fn(&mut DesignDocument, Option<bool>) + Copy + Send + Sync + 'static,
{
    let get: GetFn<bool> = StoredValue::new(Arc::new(get));
    let set: SetFn<bool> = StoredValue::new(Arc::new(set));
    bool_field_view(label, path, help_topic, get, set)
}

/// The non-generic body of `BoolField` (one copy in the binary, whatever the accessors).
#[allow(clippy::too_many_arguments)]
fn bool_field_view(
    label: &'static str,
    path: String,
    help_topic: Option<&'static str>,
    get: GetFn<bool>,
    set: SetFn<bool>,
) -> AnyView {
    let get = move |d: &DesignDocument| get.with_value(|f| f(d));
    let set = move |d: &mut DesignDocument, v: Option<bool>| set.with_value(|f| f(d, v));
    let designer = expect_context::<Designer>();
    let id = field_id(&path);
    let value = Memo::new(move |_| {
        designer.doc.with(|d| match get(d) {
            None => "",
            Some(true) => "true",
            Some(false) => "false",
        })
    });
    let p_touch = path.clone();
    view! {
        <div class="field">
            <div class="field__head">
                <label class="field__label" for=id.clone()>{label}</label>
                {help_topic.map(|t| view! { <HelpToggle topic=t /> })}
            </div>
            <select
                class="field__input"
                id=id
                aria-describedby=described_by(&path, false)
                prop:value=move || value.get()
                on:change=move |ev| {
                    let v = match event_target_value(&ev).as_str() {
                        "true" => Some(true),
                        "false" => Some(false),
                        _ => None,
                    };
                    designer.edit(|d| set(d, v));
                    designer.touch(&p_touch);
                }
            >
                <option value="" selected=move || value.get().is_empty()>"not set (false)"</option>
                <option value="true" selected=move || value.get() == "true">"true"</option>
                <option value="false" selected=move || value.get() == "false">"false"</option>
            </select>
            <FieldFindings path=path.clone() />
        </div>
    }
    .into_any()
}

/// A `CapacitySize` editor: type (instances or percent) and value, with what it means for this fleet.
#[component]
pub fn SizeField<G, S>(
    /// Visible label.
    label: &'static str,
    /// The size's path (e.g. `...TrafficRoutingConfiguration.CanarySize`).
    #[prop(into)]
    path: String,
    /// Reads the size.
    get: G,
    /// Writes the size.
    set: S,
    /// What the size means for this fleet.
    #[prop(into)]
    hint: Signal<Option<String>>,
    /// Help topic.
    help_topic: &'static str,
) -> impl IntoView
where
    G: Fn(&DesignDocument) -> Option<CapacitySize> + Copy + Send + Sync + 'static,
    S: Fn(&mut DesignDocument, Option<CapacitySize>) + Copy + Send + Sync + 'static,
{
    let get: GetFn<CapacitySize> = StoredValue::new(Arc::new(get));
    let set: SetFn<CapacitySize> = StoredValue::new(Arc::new(set));
    size_field_view(label, path, hint, help_topic, get, set)
}

/// The non-generic body of `SizeField` (one copy in the binary, whatever the accessors).
#[allow(clippy::too_many_arguments)]
fn size_field_view(
    label: &'static str,
    path: String,
    hint: Signal<Option<String>>,
    help_topic: &'static str,
    get: GetFn<CapacitySize>,
    set: SetFn<CapacitySize>,
) -> AnyView {
    let get = move |d: &DesignDocument| get.with_value(|f| f(d));
    let set = move |d: &mut DesignDocument, v: Option<CapacitySize>| set.with_value(|f| f(d, v));
    let designer = expect_context::<Designer>();
    let type_path = format!("{path}.Type");
    let value_path = format!("{path}.Value");
    let type_id = field_id(&type_path);
    let value_id = field_id(&value_path);
    let kind = Memo::new(move |_| {
        designer.doc.with(|d| {
            get(d)
                .and_then(|s| s.type_)
                .map(|t| t.wire().to_string())
                .unwrap_or_default()
        })
    });
    let value = Memo::new(move |_| {
        designer.doc.with(|d| {
            get(d)
                .and_then(|s| s.value)
                .map(|v| v.to_string())
                .unwrap_or_default()
        })
    });
    let hint_id = format!("{}-hint", field_id(&path));
    let p_touch = path.clone();
    let p_touch2 = path.clone();
    let p_inv = value_path.clone();
    let kind_label = move || {
        if kind.get() == "INSTANCE_COUNT" {
            "instances"
        } else {
            "%"
        }
    };
    view! {
        <fieldset class="field field--size">
            <legend class="field__label">
                {label}
                <HelpToggle topic=help_topic />
            </legend>
            <div class="field__row">
                <label class="visually-hidden" for=value_id.clone()>{format!("{label}: value")}</label>
                <input
                    class="field__input field__input--short"
                    type="number"
                    inputmode="numeric"
                    min="1"
                    step="1"
                    id=value_id
                    prop:value=move || value.get()
                    aria-invalid=move || if field_invalid(designer, designer.field_findings, &p_inv) { "true" } else { "false" }
                    aria-describedby=format!("{} {}-findings", hint_id, field_id(&path))
                    on:input=move |ev| {
                    // Touched from the first keystroke: a finding that appeared only on blur
                    // would shift the page under the pointer on its way to another control.
                    designer.touch(&p_touch);
                        let raw = event_target_value(&ev);
                        let v = parse_int(raw.trim()).ok();
                        if raw.trim().is_empty() || v.is_some() {
                            designer.edit(|d| {
                                let mut s = get(d).unwrap_or_default();
                                s.value = v;
                                set(d, Some(s));
                            });
                        }
                    }
                />
                <label class="visually-hidden" for=type_id.clone()>{format!("{label}: unit")}</label>
                <select
                    class="field__input field__input--unit"
                    id=type_id
                    prop:value=move || kind.get()
                    on:change=move |ev| {
                        let t = event_target_value(&ev);
                        designer.edit(|d| {
                            let mut s = get(d).unwrap_or_default();
                            s.type_ = if t.is_empty() { None } else { Some(CapacitySizeType::from_wire(&t)) };
                            set(d, Some(s));
                        });
                        designer.touch(&p_touch2);
                    }
                >
                    <option value="CAPACITY_PERCENT" selected=move || kind.get() == "CAPACITY_PERCENT">"% of fleet (CAPACITY_PERCENT)"</option>
                    <option value="INSTANCE_COUNT" selected=move || kind.get() == "INSTANCE_COUNT">"instances (INSTANCE_COUNT)"</option>
                    <option value="" selected=move || kind.get().is_empty()>"no type"</option>
                </select>
                <span class="field__unit" aria-hidden="true">{kind_label}</span>
            </div>
            <p class="field__hint" id=hint_id>{move || hint.get().unwrap_or_default()}</p>
            <FieldFindings path=path.clone() />
        </fieldset>
    }
    .into_any()
}
