//! The defaults a text gives for the values it leaves to fill in: Terraform variable
//! defaults and literal locals, CloudFormation parameter defaults, and the defaults a script
//! gives its environment variables (Python's `os.environ.get("NAME", "x")`, the shell's
//! `${NAME:-x}`, TypeScript's `process.env.NAME ?? 'x'`). The import offers them as a
//! choice: keep the values as placeholders (what the text says: they are decided when it is
//! deployed), or fill in the defaults (what deploys when nobody overrides them), so that the
//! findings and the simulation have numbers at once.

use designer_core::edit::settle_placeholders;
use designer_core::export::document_json;
use designer_core::import::document_from_value;
use designer_core::json;
use designer_core::model::DesignDocument;
use designer_core::value::{Entry, Kind, Pos, Value};

use crate::{Choice, ChoiceOption, Options, Outcome};

/// The choice's name (what the page sends back with the user's pick).
pub const CHOICE: &str = "defaults";

/// A default the text gives.
#[derive(Clone, Debug, PartialEq)]
pub struct Given {
    /// The name an expression mentions when it uses this default: `var.wait`, `WaitSeconds`.
    pub name: String,
    /// The reference a placeholder's expression is when it stands for this default:
    /// `var.wait` or `local.size` (Terraform), `Ref WaitSeconds` (CloudFormation, `!Ref` or
    /// `{"Ref": ...}`), as words.
    pub reference: Vec<String>,
    /// How the note shows it: `var.wait = 600`.
    pub shown: String,
    /// The literal value.
    pub value: Kind,
}

impl Given {
    /// A Terraform `var.NAME` / `local.NAME` default.
    pub fn terraform(name: &str, value: Kind) -> Self {
        Given {
            name: name.to_string(),
            reference: vec![name.to_string()],
            shown: format!("{name} = {}", shown(&value)),
            value,
        }
    }

    /// A CloudFormation parameter's `Default` (shown as the template writes it, unquoted).
    pub fn cloudformation(parameter: &str, value: Kind) -> Self {
        let written = match &value {
            Kind::Str(s) => s.clone(),
            v => shown(v),
        };
        Given {
            name: parameter.to_string(),
            reference: vec!["Ref".to_string(), parameter.to_string()],
            shown: format!("{parameter} = {written}"),
            value,
        }
    }

    /// An environment variable's default, where `expression` (as the placeholder writes it)
    /// reads `variable` or falls back to `value`: `os.getenv("BAKE", "600")`, `${BAKE:-600}`.
    pub fn environment(variable: &str, expression: &str, value: Kind) -> Self {
        let shown = format!("{variable} = {}", shown(&value));
        Given {
            name: variable.to_string(),
            ..Given::substituted(shown, expression, value)
        }
    }

    /// What `expression` (shell text) is with its variables' defaults put in: `shown` names
    /// them (`ENDPOINT = "fraud-ep"`), `value` is the result (`fraud-ep-5xx`).
    pub fn substituted(shown: String, expression: &str, value: Kind) -> Self {
        Given {
            name: shown.clone(),
            reference: words(expression).into_iter().map(str::to_string).collect(),
            shown,
            value,
        }
    }

    /// True when a placeholder's expression is exactly this reference (so it can be filled in).
    pub fn fills(&self, expression: &str) -> bool {
        self.reference.iter().map(String::as_str).eq(words(expression))
    }
}

fn shown(v: &Kind) -> String {
    match v {
        Kind::Str(s) => format!("{s:?}"),
        Kind::Int { text, .. } | Kind::Float { text, .. } => text.clone(),
        Kind::Bool(b) => b.to_string(),
        _ => String::new(),
    }
}

/// The number a template writes (`600`, `0.5`) as the value tree's literal.
pub fn number(text: &str) -> Kind {
    match text.parse::<i64>() {
        Ok(n) => Kind::Int {
            text: text.to_string(),
            value: Some(n),
        },
        Err(_) => Kind::Float {
            text: text.to_string(),
            value: text.parse::<f64>().ok().filter(|f| f.is_finite()),
        },
    }
}

/// The words of an expression: `!Ref Wait` and `{"Ref": "Wait"}` are both `Ref Wait`.
fn words(expression: &str) -> Vec<&str> {
    expression
        .split(|c: char| !(c.is_alphanumeric() || matches!(c, '_' | '-' | '.')))
        .filter(|w| !w.is_empty())
        .collect()
}

/// Offers the defaults (see [`offer`]), and names in a note, led by `lead`, the defaults that
/// placeholders use inside larger expressions (`!Sub "${Env}-x"`), which cannot be filled in.
pub fn offer_and_say(outcome: &mut Outcome, given: &[Given], options: &Options, lead: &str) {
    offer(outcome, given, options);
    let offered = outcome.choices.iter().any(|c| c.name == CHOICE);
    // The words the placeholders use, so that a default whose name none has is passed over
    // at once (a long script may give thousands).
    let used: std::collections::HashSet<&str> = outcome
        .document
        .placeholders
        .iter()
        .flat_map(|p| p.expression.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-')))
        .collect();
    let named: Vec<&str> = given
        .iter()
        .filter(|g| {
            g.name
                .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
                .all(|w| w.is_empty() || used.contains(w))
        })
        .filter(|g| {
            outcome.document.placeholders.iter().any(|p| {
                crate::cloudformation::mentions(&p.expression, &g.name)
                    && !(offered && g.fills(&p.expression))
            })
        })
        .map(|g| g.shown.as_str())
        .collect();
    if !named.is_empty() {
        outcome.notes.push(format!("{lead}: {}.", named.join(", ")));
    }
}

/// Offers the defaults that stand for placeholders of `outcome` as a choice, and fills them
/// in when the user picked that (`options`). Nothing when no placeholder is exactly a
/// defaulted reference. A default that does not fit its member (`float("300")` where the
/// request takes an integer) is not offered: a note says why, and it stays to fill in.
pub fn offer(outcome: &mut Outcome, given: &[Given], options: &Options) {
    // Each default by the words of its reference (the first of the same words wins).
    let mut by_reference: std::collections::HashMap<Vec<&str>, &Given> =
        std::collections::HashMap::new();
    for g in given {
        by_reference
            .entry(g.reference.iter().map(String::as_str).collect())
            .or_insert(g);
    }
    let candidates: Vec<(&Given, (String, Kind, u32))> = outcome
        .document
        .placeholders
        .iter()
        .filter_map(|p| {
            let g = *by_reference.get(&words(&p.expression))?;
            Some((g, (p.path.clone(), g.value.clone(), p.line.unwrap_or(0))))
        })
        .collect();
    if candidates.is_empty() {
        return;
    }
    // Filled in all at once when they all fit (one pass over the document); otherwise each
    // is tried alone, to say which does not.
    let all: Vec<(String, Kind, u32)> = candidates.iter().map(|(_, f)| f.clone()).collect();
    let mut filled_all = fill(&outcome.document, &all).ok();
    let mut fills: Vec<(String, Kind, u32)> = Vec::new();
    let mut used: Vec<&str> = Vec::new();
    for (g, one) in candidates {
        if filled_all.is_none() {
            if let Err(why) = fill(&outcome.document, std::slice::from_ref(&one)) {
                outcome.notes.push(format!(
                    "The default {} is not offered for {}: {why}",
                    g.shown, one.0
                ));
                continue;
            }
        }
        fills.push(one);
        if !used.contains(&g.shown.as_str()) {
            used.push(&g.shown);
        }
    }
    if fills.is_empty() {
        return;
    }
    let chosen = options
        .choices
        .iter()
        .find(|(n, _)| n == CHOICE)
        .map_or(0, |(_, i)| (*i).min(1));
    let n = fills.len();
    let values = if n == 1 { "1 value".to_string() } else { format!("{n} values") };
    outcome.choices.push(Choice {
        name: CHOICE.to_string(),
        question: Some(format!("The text gives defaults for {values} to fill in:")),
        options: vec![
            ChoiceOption {
                line: 0,
                label: "leave them to fill in".to_string(),
            },
            ChoiceOption {
                line: 0,
                label: format!("fill in the defaults ({})", used.join(", ")),
            },
        ],
        chosen,
    });
    if chosen == 1 {
        if let Some(filled) = filled_all.take().or_else(|| fill(&outcome.document, &fills).ok()) {
            outcome.document = filled;
            outcome.notes.push(format!(
                "Filled in with the text's defaults: {}. A deployment that overrides them deploys other values.",
                used.join(", ")
            ));
        }
    }
}

/// `doc` with each (path, literal) set, or why the result is not a design (the caller keeps
/// the placeholders then).
fn fill(doc: &DesignDocument, fills: &[(String, Kind, u32)]) -> Result<DesignDocument, String> {
    let mut tree = json::parse(&document_json(doc)).map_err(|e| e.message)?;
    let mut set = std::collections::HashSet::new();
    for (path, value, _) in fills {
        if set_at(&mut tree, path, value.clone()) {
            set.insert(path.as_str());
        }
    }
    let mut filled = document_from_value(&tree).map_err(|e| e.message)?;
    settle_placeholders(&mut filled);
    // The core settles the request's and the endpoint's; an alarm definition's are the
    // ones set here.
    filled
        .placeholders
        .retain(|p| !(p.path.starts_with("Alarms[") && set.contains(&p.path.as_str())));
    Ok(filled)
}

/// Sets `value` at `path` (VALIDATION.md's form: request members bare, the endpoint context
/// under `Endpoint.`, alarm definitions under `Alarms[i].`) in a document tree, making the
/// objects on the way; a list index that is not there leaves the tree as it is.
fn set_at(tree: &mut Value, path: &str, value: Kind) -> bool {
    let mut node = if path.starts_with("Endpoint.")
        || path.starts_with("Simulation.")
        || path.starts_with("Alarms[")
    {
        tree
    } else {
        match member(tree, "Request") {
            Some(r) => r,
            None => return false,
        }
    };
    let segments: Vec<&str> = path.split('.').collect();
    for (i, segment) in segments.iter().enumerate() {
        let (name, indexes) = match segment.find('[') {
            Some(at) => (&segment[..at], &segment[at..]),
            None => (*segment, ""),
        };
        let last = i + 1 == segments.len() && indexes.is_empty();
        if last {
            let Kind::Map(entries) = &mut node.kind else {
                return false;
            };
            entries.retain(|e| e.key != name);
            entries.push(Entry {
                key: name.to_string(),
                key_pos: Pos::START,
                value: Value {
                    pos: Pos::START,
                    kind: value,
                },
            });
            return true;
        }
        node = match member(node, name) {
            Some(n) => n,
            None => return false,
        };
        for index in indexes
            .split(']')
            .filter_map(|s| s.strip_prefix('['))
            .map(|s| s.parse::<usize>().ok())
        {
            let Some(index) = index else { return false };
            node = match &mut node.kind {
                Kind::List(items) => match items.get_mut(index) {
                    Some(item) => item,
                    None => return false,
                },
                _ => return false,
            };
        }
    }
    false
}

/// The member `name` of a map, made (an empty object) when absent.
fn member<'v>(v: &'v mut Value, name: &str) -> Option<&'v mut Value> {
    let Kind::Map(entries) = &mut v.kind else {
        return None;
    };
    if let Some(i) = entries.iter().position(|e| e.key == name) {
        return entries.get_mut(i).map(|e| &mut e.value);
    }
    entries.push(Entry {
        key: name.to_string(),
        key_pos: Pos::START,
        value: Value {
            pos: Pos::START,
            kind: Kind::Map(Vec::new()),
        },
    });
    entries.last_mut().map(|e| &mut e.value)
}
