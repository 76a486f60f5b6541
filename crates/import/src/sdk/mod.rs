//! Import of the AWS SDKs' own request builders, one language a file: JavaScript and
//! TypeScript (v2 and v3), Java v2 (and v1's `with` setters), Kotlin, Go (v1 and v2) and
//! .NET. Each reads its syntax onto the core's positioned value tree in the API's member
//! names, so the one schema walk reads them all; what the code computes (an environment
//! variable, a call, an interpolated string) is a placeholder at its position. JavaScript
//! reuses the CDK reader (`cdk/syntax.rs`); the other four share `clike.rs`, a reader of the
//! expressions C-family code writes (builder chains, lambdas, composite literals and object
//! initialisers), and `eval.rs`, which turns them into the value tree.

pub(crate) mod clike;
pub mod dotnet;
pub(crate) mod eval;
pub mod go;
pub mod java;
pub mod javascript;
pub mod kotlin;

use designer_core::import::{request_into, Source};

use designer_core::model::DesignDocument;
use designer_core::value::{Kind, Pos, Value};

use crate::{refuse, Choice, ChoiceOption, Options, Outcome, Refusal};

/// A refusal at `pos`, which the message ends with (as every refusal says where).
pub(crate) fn refuse_at(pos: Pos, message: String) -> Refusal {
    let mut refusal = refuse(format!("{message} ({pos})"));
    refusal.error.line = Some(pos.line);
    refusal.error.column = Some(pos.column);
    refusal
}

/// The enum types of the request, as the SDKs name their constants' types.
const ENUM_TYPES: &[&str] = &[
    "TrafficRoutingConfigType",
    "CapacitySizeType",
    "VariantPropertyType",
];

/// The wire spelling of an SDK's enum constant, when `dotted` names one: Java's and .NET's
/// `TrafficRoutingConfigType.CANARY`, Kotlin's `TrafficRoutingConfigType.Canary`, Go's
/// `types.TrafficRoutingConfigTypeCanary` / `sagemaker.CapacitySizeTypeCapacityPercent`.
pub(crate) fn enum_wire(dotted: &str) -> Option<String> {
    let mut parts = dotted.rsplit('.');
    let last = parts.next()?;
    let before = parts.next().unwrap_or("");
    let constant = if ENUM_TYPES.contains(&before) {
        last
    } else {
        let ty = ENUM_TYPES.iter().find(|t| last.starts_with(**t))?;
        last.get(ty.len()..)?
    };
    if constant.is_empty() || !constant.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return None;
    }
    if constant.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_') {
        return Some(constant.to_string());
    }
    // `CapacityPercent` -> `CAPACITY_PERCENT`.
    let mut out = String::with_capacity(constant.len() + 4);
    for (i, c) in constant.chars().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            out.push('_');
        }
        out.push(c.to_ascii_uppercase());
    }
    Some(out)
}

/// Which of several found requests to import: the user's pick (by `name`), else the first;
/// and the choice to show when there are several. `found` is (line, label) of each.
pub(crate) fn pick(found: &[(u32, String)], name: &str, options: &Options) -> (usize, Option<Choice>) {
    if found.len() < 2 {
        return (0, None);
    }
    let chosen = options
        .choices
        .iter()
        .find(|(n, _)| n == name)
        .map_or(0, |(_, i)| *i)
        .min(found.len() - 1);
    let choice = Choice {
        name: name.to_string(),
        question: None,
        options: found
            .iter()
            .map(|(line, label)| ChoiceOption {
                line: *line,
                label: label.clone(),
            })
            .collect(),
        chosen,
    };
    (chosen, Some(choice))
}

/// The outcome of a request read from code: `request` (a map in the API's spelling) onto a
/// copy of `current`, with the environment defaults the code gives offered.
pub(crate) fn outcome(
    request: &Value,
    current: &DesignDocument,
    options: &Options,
    form: String,
    mut notes: Vec<String>,
    choice: Option<Choice>,
    given: &[crate::defaults::Given],
) -> Result<Outcome, Refusal> {
    let document = request_into(request, Source::Json, current)?;
    if let Some(c) = &choice {
        let line = c.options.get(c.chosen).map_or(0, |o| o.line);
        notes.push(format!(
            "The text builds {} requests; this is the one at line {line} (choose another below)",
            c.options.len()
        ));
    }
    let mut outcome = Outcome {
        document,
        form,
        notes,
        choices: choice.into_iter().collect(),
    };
    crate::defaults::offer_and_say(
        &mut outcome,
        given,
        options,
        "Defaults the code gives its environment variables, for the values to fill in",
    );
    Ok(outcome)
}

/// Members whose value is a list: a builder's varargs (`.alarms(a, b)`) or a single item
/// become one.
pub(crate) const LIST_MEMBERS: &[&str] = &["Alarms", "ExcludeRetainedVariantProperties"];

/// `v` as a list, when `key` is a list member and `v` is one item.
pub(crate) fn listed(key: &str, v: Value) -> Value {
    if LIST_MEMBERS.contains(&key) && !matches!(v.kind, Kind::List(_) | Kind::Placeholder(_)) {
        Value {
            pos: v.pos,
            kind: Kind::List(vec![v]),
        }
    } else {
        v
    }
}

/// A request found in C-family code (`clike.rs`): where its expression starts.
pub(crate) struct Candidate {
    /// The index of the expression's first token.
    pub at: usize,
    pub line: u32,
    /// How the choice between several names it.
    pub label: String,
    /// The expression is a lambda that builds the request from its parameter (Java's
    /// `client.updateEndpoint(r -> r.endpointName(...))`).
    pub lambda: bool,
}

/// `word` somewhere in `text` with `next` after it (spaces between allowed).
pub(crate) fn followed(text: &str, word: &str, next: &str) -> bool {
    text.match_indices(word)
        .any(|(i, _)| text.get(i + word.len()..).unwrap_or("").trim_start().starts_with(next))
}

/// True when the name at byte `i` of `text` follows `new` (over a namespace's qualifiers).
pub(crate) fn after_new(text: &str, i: usize) -> bool {
    let mut before = text.get(..i).unwrap_or("").trim_end();
    while let Some(b) = before.strip_suffix('.') {
        before = b.trim_end_matches(|c: char| c.is_alphanumeric() || c == '_').trim_end();
    }
    before.ends_with("new")
        && !before[..before.len() - 3].ends_with(|c: char| c.is_alphanumeric() || c == '_')
}

/// The token index where a dotted name ending at `i` starts (`a.b.C` from `C`), stepping
/// over a Go `&` or a `new` before it when `prefix` is true.
pub(crate) fn qualified_start(toks: &[crate::cdk::syntax::Tok], i: usize, prefix: bool) -> usize {
    use crate::cdk::syntax::TokKind;
    let is = |j: usize, p: &str| matches!(toks.get(j).map(|t| &t.kind), Some(TokKind::Punct(q)) if *q == p);
    let ident = |j: usize| matches!(toks.get(j).map(|t| &t.kind), Some(TokKind::Ident(_)));
    let mut j = i;
    while j >= 2 && is(j - 1, ".") && ident(j - 2) {
        j -= 2;
    }
    if prefix && j >= 1 && (is(j - 1, "&") || matches!(toks.get(j - 1).map(|t| &t.kind), Some(TokKind::Ident(w)) if w == "new")) {
        j -= 1;
    }
    j
}

/// Reads the chosen candidate of C-family code onto a copy of `current`; `form` names it.
pub(crate) fn import_code(
    text: &str,
    toks: &[crate::cdk::syntax::Tok],
    lang: clike::Lang,
    found: &[Candidate],
    nothing: &str,
    current: &DesignDocument,
    options: &Options,
    form: &dyn Fn(&Candidate) -> String,
) -> Result<Outcome, Refusal> {
    if found.is_empty() {
        return Err(refuse_at(Pos::START, nothing.to_string()));
    }
    let labels: Vec<(u32, String)> = found.iter().map(|c| (c.line, c.label.clone())).collect();
    let (chosen, choice) = pick(&labels, "request", options);
    let Some(target) = found.get(chosen) else {
        return Err(refuse_at(Pos::START, nothing.to_string()));
    };
    let mut p = clike::Parser::new(toks, text, lang);
    p.i = target.at;
    let x = p.expr(0, false).map_err(designer_core::import::ImportError::from)?;
    let mut ev = eval::Eval::new(text, toks, lang);
    let request = if target.lambda {
        ev.lambda(&x)
    } else {
        ev.value(&x, 0)
    };
    let request = crate::cdk::convert::drop_nulls(request);
    let given: Vec<crate::defaults::Given> = {
        let probe = designer_core::import::Walk::new(Source::Json);
        let _ = probe.request(&request, "");
        probe
            .take_placeholders()
            .iter()
            .filter_map(|p| {
                let written = ev.bound.get(&p.expression).unwrap_or(&p.expression);
                let (variable, value) = environment_default(written)?;
                Some(crate::defaults::Given::environment(&variable, &p.expression, value))
            })
            .collect()
    };
    let notes = ev.notes.clone();
    outcome(&request, current, options, form(target), notes, choice, &given)
}

/// The environment variable an expression reads and the literal it falls back to:
/// Kotlin's `System.getenv("NAME") ?: "x"`, C#'s `Environment.GetEnvironmentVariable("NAME")
/// ?? "x"`, Java's `System.getenv().getOrDefault("NAME", "x")`, each as it is or converted
/// by `toInt()`, `Integer.parseInt(...)`, `int.Parse(...)`.
pub(crate) fn environment_default(written: &str) -> Option<(String, Kind)> {
    fn literal(s: &str) -> Option<Kind> {
        let s = s.trim();
        if let Some(q) = s.strip_prefix('"').and_then(|r| r.strip_suffix('"')) {
            if q.contains(['"', '\\', '$']) {
                return None;
            }
            return Some(Kind::Str(q.to_string()));
        }
        s.parse::<i64>().ok().map(|_| crate::defaults::number(s))
    }
    let s = written.trim();
    // Conversions around the whole: `(... ?: "600").toInt()`, `Integer.parseInt(...)`.
    let (s, numeric) = if let Some(inner) = s.strip_suffix(".toInt()").or_else(|| s.strip_suffix(".toLong()")) {
        (inner.trim().strip_prefix('(').and_then(|i| i.strip_suffix(')')).unwrap_or(inner), true)
    } else if let Some(inner) = ["Integer.parseInt(", "Long.parseLong(", "int.Parse(", "Convert.ToInt32(", "strconv.Atoi("]
        .iter()
        .find_map(|f| s.strip_prefix(f).and_then(|r| r.strip_suffix(')')))
    {
        (inner, true)
    } else {
        (s, false)
    };
    let read = |call: &str| -> Option<String> {
        for f in ["System.getenv(", "Environment.GetEnvironmentVariable(", "os.Getenv("] {
            if let Some(arg) = call.trim().strip_prefix(f).and_then(|r| r.strip_suffix(')')) {
                let name = arg.trim().strip_prefix('"')?.strip_suffix('"')?;
                if !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                    return Some(name.to_string());
                }
            }
        }
        None
    };
    let (variable, fallback) = if let Some((l, r)) = s.split_once("?:").or_else(|| s.split_once("??")) {
        (read(l)?, r)
    } else {
        let args = s.strip_prefix("System.getenv().getOrDefault(")?.strip_suffix(')')?;
        let (name, fallback) = args.split_once(',')?;
        let name = name.trim().strip_prefix('"')?.strip_suffix('"')?;
        (name.to_string(), fallback)
    };
    let value = literal(fallback)?;
    let value = match (value, numeric) {
        (Kind::Str(t), true) if t.parse::<i64>().is_ok() => crate::defaults::number(&t),
        (Kind::Str(_), true) => return None,
        (v, _) => v,
    };
    Some((variable, value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enum_constants_take_the_wire_spelling() {
        let cases = [
            ("TrafficRoutingConfigType.CANARY", Some("CANARY")),
            ("TrafficRoutingConfigType.AllAtOnce", Some("ALL_AT_ONCE")),
            ("types.TrafficRoutingConfigTypeLinear", Some("LINEAR")),
            ("sagemaker.CapacitySizeTypeCapacityPercent", Some("CAPACITY_PERCENT")),
            ("Amazon.SageMaker.CapacitySizeType.INSTANCE_COUNT", Some("INSTANCE_COUNT")),
            ("types.VariantPropertyTypeDesiredInstanceCount", Some("DESIRED_INSTANCE_COUNT")),
            ("Config.CANARY", None),
            ("TrafficRoutingConfigType", None),
        ];
        for (written, wire) in cases {
            assert_eq!(enum_wire(written).as_deref(), wire, "{written}");
        }
    }
}
