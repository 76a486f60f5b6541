//! Import by paste, file open or drag-and-drop: a design document, a bare request or a
//! boto3 call. A refused import says what and where and leaves the design as it was.

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use crate::state::Designer;
use crate::browser;
use crate::components::when::When;
use crate::converters::{status_words, Converters, Status};
use crate::core::bridge::{self, ChoiceReply};
use crate::core::import::{first_read, FirstRead, ImportError, ImportKind};
use crate::core::model::DesignDocument;

/// Reads `input` in any form onto `current`: design documents and requests here, every
/// other form through the converters module (loaded if needed). `done` gets what was read,
/// with the sentence that says so, or the refusal, whose message says what and where.
pub fn read_any(
    converters: Converters,
    input: &str,
    current: &DesignDocument,
    picks: &[(String, usize)],
    done: impl Fn(Result<bridge::ImportReply, bridge::Refused>) + 'static,
) {
    // Design documents and requests are read here, without the second module; so is the
    // refusal of an empty text or of a design document.
    let core_error = match first_read(input, current) {
        FirstRead::Read(imported) => {
            let form = match imported.kind {
                ImportKind::Document => "Imported a design document: the whole design was replaced",
                _ => "Imported a request: the request was replaced; the endpoint and simulation settings were kept",
            };
            done(Ok(bridge::ImportReply {
                document: imported.document,
                form: form.to_string(),
                notes: Vec::new(),
                choices: Vec::new(),
            }));
            return;
        }
        FirstRead::Refused(error) => {
            done(Err(bridge::Refused { error, repair: None }));
            return;
        }
        FirstRead::Other(e) => e,
    };
    let request = bridge::import_request(input, current, picks);
    converters.call(request, move |reply| {
        let result = match reply {
            Ok(reply) => bridge::read_import_reply(&reply).map(|mut out| {
                out.form = format!("Imported from {}", out.form);
                out
            }),
            Err(reason) => Err(bridge::Refused {
                error: ImportError {
                    message: format!(
                        "{} The other forms (Python, CLI, templates, describe outputs) are read by a second module of this page, which could not be loaded ({reason}); reload the page to try again",
                        crate::core::format::sentence(&core_error.message)
                    ),
                    ..core_error.clone()
                },
                repair: None,
            }),
        };
        done(result);
    });
}

/// The import panel's body, drawn by the panels module (`crates/panels`) inside the page's
/// "Import" card when its section is first opened.
#[component]
pub fn ImportPanel() -> impl IntoView {
    let designer = expect_context::<Designer>();
    let converters = expect_context::<Converters>();
    let text = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    // A refused import's one-click repair: (what it does, the repaired text).
    let repair = RwSignal::new(None::<(String, String)>);
    let done = RwSignal::new(None::<String>);
    let notes = RwSignal::new(Vec::<String>::new());
    let choices = RwSignal::new(Vec::<ChoiceReply>::new());
    let busy = RwSignal::new(false);
    let dragging = RwSignal::new(false);

    let refuse = move |message: String, fix: Option<(String, String)>| {
        done.set(None);
        notes.set(Vec::new());
        choices.set(Vec::new());
        repair.set(fix);
        error.set(Some(format!(
            "Not imported; your design is unchanged. {}",
            crate::core::format::sentence(&message)
        )));
    };

    // The text, read with the user's picks among the choices of an earlier attempt.
    let import_with = move |input: String, picks: Vec<(String, usize)>| {
        let current = designer.doc.get_untracked();
        busy.set(true);
        read_any(converters, &input, &current, &picks, move |result| {
            busy.set(false);
            match result {
                Ok(out) => {
                    error.set(None);
                    repair.set(None);
                    let n = out.document.placeholders.len();
                    let fill = match n {
                        0 => String::new(),
                        1 => ": 1 value to fill in".to_string(),
                        n => format!(": {n} values to fill in"),
                    };
                    done.set(Some(format!("{}{fill}.", out.form)));
                    notes.set(out.notes);
                    choices.set(out.choices);
                    designer.replace(out.document, true);
                }
                Err(refused) => refuse(refused.error.message, refused.repair),
            }
        });
    };

    let apply = move || import_with(text.get_untracked(), Vec::new());

    // Another pick for a name assigned in several places: import again with it.
    let choose = move |name: String, index: usize| {
        let mut picks: Vec<(String, usize)> = choices
            .get_untracked()
            .iter()
            .map(|c| (c.name.clone(), c.chosen))
            .collect();
        for p in &mut picks {
            if p.0 == name {
                p.1 = index;
            }
        }
        import_with(text.get_untracked(), picks);
    };

    let apply_repair = move |_| {
        if let Some((_, repaired)) = repair.get_untracked() {
            text.set(repaired.clone());
            import_with(repaired, Vec::new());
        }
    };

    let load_file = move |file: web_sys::File| {
        let name = file.name();
        spawn_local(async move {
            match browser::read_file(file).await {
                Ok(t) => {
                    text.set(t);
                    apply();
                }
                Err(e) => {
                    done.set(None);
                    error.set(Some(format!(
                        "Could not read {name}: {e}. Your design is unchanged."
                    )));
                }
            }
        });
    };

    let on_file = move |ev: leptos::ev::Event| {
        let input: Option<web_sys::HtmlInputElement> = ev.target().and_then(|t| t.dyn_into().ok());
        if let Some(input) = input {
            if let Some(file) = input.files().and_then(|l| l.get(0)) {
                load_file(file);
            }
            input.set_value("");
        }
    };

    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        let Some(dt) = ev.data_transfer() else { return };
        if let Some(file) = dt.files().and_then(|l| l.get(0)) {
            load_file(file);
        } else if let Ok(t) = dt.get_data("text/plain") {
            if !t.is_empty() {
                text.set(t);
                apply();
            }
        }
    };

    view! {
        <div class="import">
            <p class="card__intro">
                "Paste what you have, or open or drop a file: a design document, a request ("<code>"--cli-input-json"</code>
                "), a Python snippet with an "<code>"update_endpoint(...)"</code>" call, an "<code>"aws sagemaker update-endpoint"</code>
                " command, a CloudFormation, Terraform, CDK or Step Functions definition, or a "<code>"describe-endpoint"</code>
                " output. Values the text does not give (variables, template references) are listed for you to fill in. It is read here, in your browser."
            </p>
            <div
                class="dropzone"
                class:dropzone--active=move || dragging.get()
                on:dragover=move |ev: leptos::ev::DragEvent| {
                    ev.prevent_default();
                    dragging.set(true);
                }
                on:dragleave=move |_| dragging.set(false)
                on:drop=on_drop
            >
                <label class="field__label" for="import-text">"Text to import"</label>
                <textarea
                    id="import-text"
                    class="field__input import__text"
                    data-testid="import-input"
                    rows="8"
                    spellcheck="false"
                    placeholder="response = client.update_endpoint(EndpointName=\"my-endpoint\", ...)"
                    prop:value=move || text.get()
                    aria-describedby="import-status"
                    on:input=move |ev| text.set(event_target_value(&ev))
                ></textarea>
            </div>
            <div class="import__actions">
                <button type="button" class="button button--primary" data-testid="import-apply" on:click=move |_| apply()>
                    "Import"
                </button>
                <label class="button button--quiet file-button">
                    "Open a file…"
                    <input type="file" class="visually-hidden" accept=".json,.py,.txt,.sh,.yaml,.yml,.tf,.ts,.js,.asl.json,application/json,text/plain" on:change=on_file />
                </label>
            </div>
            <div id="import-status">
                <When when=move || busy.get()>
                    <p class="import__busy" role="status" aria-busy="true">
                        {move || status_words(&converters.status.get()).unwrap_or_else(|| "Reading…".to_string())}
                    </p>
                </When>
                <When when=move || error.get().is_some()>
                    <p class="import__error" role="alert" data-testid="import-error">{move || error.get().unwrap_or_default()}</p>
                </When>
                <When when=move || repair.get().is_some()>
                    <button type="button" class="button" data-testid="import-repair" on:click=apply_repair>
                        {move || repair.get().map(|(label, _)| label).unwrap_or_default()}
                    </button>
                </When>
                <When when=move || done.get().is_some()>
                    <p class="import__done" role="status" data-testid="import-done">{move || done.get().unwrap_or_default()}</p>
                </When>
                <ul class="import__notes">
                    {move || notes.get().into_iter().map(|n| view! { <li data-testid="import-note">{n}</li> }).collect_view()}
                </ul>
                {move || {
                    choices
                        .get()
                        .into_iter()
                        .map(|c| {
                            let name = c.name.clone();
                            let label = if c.question.is_empty() {
                                format!("{} is assigned in {} places; import the one at", c.name, c.options.len())
                            } else {
                                c.question.clone()
                            };
                            view! {
                                <label class="import__choice">
                                    <span>{label}</span>
                                    <select
                                        class="field__input"
                                        data-testid="import-choice"
                                        data-name=c.name.clone()
                                        on:change=move |ev| {
                                            if let Ok(i) = event_target_value(&ev).parse::<usize>() {
                                                choose(name.clone(), i);
                                            }
                                        }
                                    >
                                        {c
                                            .options
                                            .iter()
                                            .enumerate()
                                            .map(|(i, (line, label))| {
                                                view! {
                                                    <option value=i.to_string() selected=i == c.chosen>
                                                        {if *line == 0 { label.clone() } else { format!("line {line}: {label}") }}
                                                    </option>
                                                }
                                            })
                                            .collect_view()}
                                    </select>
                                </label>
                            }
                        })
                        .collect_view()
                }}
            </div>
            <Placeholders />
            <When when=move || matches!(converters.status.get(), Status::Failed(_))>
                <p class="import__module" role="status" data-testid="converters-status">
                    {move || status_words(&converters.status.get()).unwrap_or_default()}
                </p>
            </When>
        </div>
    }
}

/// The values the imported text did not give, each with the expression it used; a click
/// takes the user to the field. The list empties itself as the user types the values.
#[component]
fn Placeholders() -> impl IntoView {
    let designer = expect_context::<Designer>();
    let list = Memo::new(move |_| designer.doc.with(|d| d.placeholders.clone()));
    view! {
        <When when=move || list.with(|l| !l.is_empty())>
            <div class="placeholders" role="region" aria-label="Values to fill in">
                <p class="placeholders__title">
                    {move || match list.with(Vec::len) {
                        1 => "Fill in 1 value: the imported text did not give it.".to_string(),
                        n => format!("Fill in {n} values: the imported text did not give them."),
                    }}
                </p>
                <ul class="placeholders__list">
                    {move || {
                        list.get()
                            .into_iter()
                            .map(|p| {
                                let id = crate::state::field_id(&p.path);
                                let at = match (p.line, p.column) {
                                    (Some(l), Some(c)) => format!(" (line {l}, column {c})"),
                                    _ => String::new(),
                                };
                                view! {
                                    <li data-testid="placeholder" data-path=p.path.clone()>
                                        <button type="button" class="link-button placeholders__path" on:click=move |_| {
                                            browser::focus_id(&id);
                                        }>{p.path.clone()}</button>
                                        ": "
                                        <code>{p.expression.clone()}</code>
                                        {at}
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ul>
            </div>
        </When>
    }
}
