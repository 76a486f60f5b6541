//! The string boundary between the page (main wasm) and the converters (the on-demand
//! wasm): each call is one JSON request and one JSON reply. Both sides use this module, so
//! the messages are written and read in one place and tested natively.
//!
//! Requests: `{"Op": "import" | "export" | "findings" | "review" | "diff", ...}`. Replies carry
//! `"Ok": true` and the op's members, or `"Ok": false` and an `"Error"`.

use std::fmt::Write as _;

use super::export::document_json;
use super::import::{parse_document, ImportError};
use super::json;
use super::model::DesignDocument;
use super::value::{Kind, Value};

/// Writes `s` as a JSON string literal (quotes included).
pub fn json_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || c == '\u{2028}' || c == '\u{2029}' => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn opt_u32(n: Option<u32>) -> String {
    n.map_or_else(|| "null".to_string(), |n| n.to_string())
}

fn opt_string(s: Option<&str>) -> String {
    s.map_or_else(|| "null".to_string(), json_string)
}

// ---- requests (the page writes them, the converters read them) ----

/// An import of `text` onto `current`, with the user's picks among earlier choices.
pub fn import_request(text: &str, current: &DesignDocument, choices: &[(String, usize)]) -> String {
    let picks: Vec<String> = choices
        .iter()
        .map(|(name, i)| format!("{}:{i}", json_string(name)))
        .collect();
    format!(
        "{{\"Op\":\"import\",\"Text\":{},\"Current\":{},\"Choices\":{{{}}}}}",
        json_string(text),
        document_json(current),
        picks.join(",")
    )
}

/// Export options as the page sets them (see `designer_iac::Options`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportOptions {
    pub whole_template: bool,
    pub partition: String,
    pub region: String,
    pub account: String,
    /// CloudFormation, Terraform and CDK: write the endpoint configuration (the new fleet)
    /// beside the endpoint, names as parameters, so the export deploys alone. The JSON
    /// member `WithEndpointConfig`; absent (an older request) is false.
    pub with_endpoint_config: bool,
}

impl Default for ExportOptions {
    fn default() -> Self {
        ExportOptions {
            whole_template: true,
            partition: "aws".to_string(),
            region: String::new(),
            account: String::new(),
            with_endpoint_config: false,
        }
    }
}

/// An export of `doc` to the target with id `target` (e.g. `terraform`).
pub fn export_request(target: &str, doc: &DesignDocument, options: &ExportOptions) -> String {
    format!(
        "{{\"Op\":\"export\",\"Target\":{},\"Document\":{},\"Options\":{}}}",
        json_string(target),
        document_json(doc),
        options_json(options)
    )
}

/// Every export target's findings for `doc`, with the export options (the IAM export's
/// ARN parts decide some of them).
pub fn findings_request(doc: &DesignDocument, options: &ExportOptions) -> String {
    format!(
        "{{\"Op\":\"findings\",\"Document\":{},\"Options\":{}}}",
        document_json(doc),
        options_json(options)
    )
}

fn options_json(options: &ExportOptions) -> String {
    format!(
        "{{\"WholeTemplate\":{},\"Partition\":{},\"Region\":{},\"Account\":{},\"WithEndpointConfig\":{}}}",
        options.whole_template,
        json_string(&options.partition),
        json_string(&options.region),
        json_string(&options.account),
        options.with_endpoint_config
    )
}

/// The Markdown review summary of `doc` against `baseline`, with the review link.
pub fn review_request(
    doc: &DesignDocument,
    baseline: Option<&DesignDocument>,
    link: &str,
) -> String {
    format!(
        "{{\"Op\":\"review\",\"Document\":{},\"Baseline\":{},\"Link\":{}}}",
        document_json(doc),
        baseline.map_or_else(|| "null".to_string(), document_json),
        json_string(link)
    )
}

/// The diff of `doc` against `baseline` (the member changes and the rollout's figures; the
/// page works out the findings introduced and resolved itself, from findings it has).
pub fn diff_request(baseline: &DesignDocument, doc: &DesignDocument) -> String {
    format!(
        "{{\"Op\":\"diff\",\"Baseline\":{},\"Document\":{}}}",
        document_json(baseline),
        document_json(doc)
    )
}

/// A request as the converters read it.
#[derive(Clone, Debug, PartialEq)]
pub enum Request {
    Import {
        text: String,
        current: DesignDocument,
        choices: Vec<(String, usize)>,
    },
    Export {
        target: String,
        document: DesignDocument,
        options: ExportOptions,
    },
    Findings {
        document: DesignDocument,
        options: ExportOptions,
    },
    Review {
        document: DesignDocument,
        baseline: Option<DesignDocument>,
        link: String,
    },
    Diff {
        baseline: DesignDocument,
        document: DesignDocument,
    },
}

fn str_member(v: &Value, key: &str) -> Option<String> {
    match &v.get(key)?.kind {
        Kind::Str(s) => Some(s.clone()),
        _ => None,
    }
}

/// Re-reads a member that is a document: it was written by [`document_json`], so the
/// member's text is taken back out through the document parser.
fn doc_member(text: &str, v: &Value, key: &str) -> Result<DesignDocument, String> {
    let member = v
        .get(key)
        .ok_or_else(|| format!("the request has no {key}"))?;
    let json = slice_of(text, member).ok_or_else(|| format!("{key} is not an object"))?;
    parse_document(json).map_err(|e| format!("{key}: {}", e.message))
}

/// The source text of a map or list value: from its position to its matching bracket.
fn slice_of<'t>(text: &'t str, v: &Value) -> Option<&'t str> {
    if !matches!(v.kind, Kind::Map(_) | Kind::List(_)) {
        return None;
    }
    let start = byte_offset(text, v.pos.line, v.pos.column)?;
    let bytes = text.as_bytes();
    let (mut depth, mut in_str, mut escaped) = (0usize, false, false);
    for (i, &b) in bytes.iter().enumerate().skip(start) {
        if in_str {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_str = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_str = true,
            b'{' | b'[' => depth += 1,
            b'}' | b']' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return text.get(start..=i);
                }
            }
            _ => {}
        }
    }
    None
}

fn byte_offset(text: &str, line: u32, column: u32) -> Option<usize> {
    let mut offset = 0;
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if i + 1 == line as usize {
            let col = l.char_indices().nth(column.saturating_sub(1) as usize)?.0;
            return Some(offset + col);
        }
        offset += l.len();
    }
    None
}

fn read_options(v: &Value) -> ExportOptions {
    let o = v.get("Options");
    let opt = |k: &str| o.and_then(|o| str_member(o, k)).unwrap_or_default();
    let whole = o.and_then(|o| o.get("WholeTemplate")).map(|w| &w.kind);
    ExportOptions {
        whole_template: !matches!(whole, Some(Kind::Bool(false))),
        partition: opt("Partition"),
        region: opt("Region"),
        account: opt("Account"),
        with_endpoint_config: matches!(
            o.and_then(|o| o.get("WithEndpointConfig")).map(|w| &w.kind),
            Some(Kind::Bool(true))
        ),
    }
}

/// Reads a request written by one of the builders above.
pub fn read_request(text: &str) -> Result<Request, String> {
    let v = json::parse(text).map_err(|e| format!("unreadable request: {e}"))?;
    let op = str_member(&v, "Op").ok_or("the request has no Op")?;
    match op.as_str() {
        "import" => {
            let mut choices = Vec::new();
            if let Some(Value {
                kind: Kind::Map(entries),
                ..
            }) = v.get("Choices")
            {
                for e in entries {
                    if let Kind::Int { value: Some(n), .. } = e.value.kind {
                        choices.push((e.key.clone(), usize::try_from(n).unwrap_or(0)));
                    }
                }
            }
            Ok(Request::Import {
                text: str_member(&v, "Text").ok_or("the request has no Text")?,
                current: doc_member(text, &v, "Current")?,
                choices,
            })
        }
        "export" => Ok(Request::Export {
            target: str_member(&v, "Target").ok_or("the request has no Target")?,
            document: doc_member(text, &v, "Document")?,
            options: read_options(&v),
        }),
        "findings" => Ok(Request::Findings {
            document: doc_member(text, &v, "Document")?,
            options: read_options(&v),
        }),
        "review" => Ok(Request::Review {
            document: doc_member(text, &v, "Document")?,
            baseline: match v.get("Baseline").map(|b| &b.kind) {
                Some(Kind::Map(_)) => Some(doc_member(text, &v, "Baseline")?),
                _ => None,
            },
            link: str_member(&v, "Link").unwrap_or_default(),
        }),
        "diff" => Ok(Request::Diff {
            baseline: doc_member(text, &v, "Baseline")?,
            document: doc_member(text, &v, "Document")?,
        }),
        other => Err(format!("unknown Op {other:?}")),
    }
}

// ---- replies (the converters write them, the page reads them) ----

/// A refusal reply: the error and, when there is one, a one-click repair.
pub fn error_reply(error: &ImportError, repair: Option<(&str, &str)>) -> String {
    format!(
        "{{\"Ok\":false,\"Error\":{{\"Message\":{},\"Line\":{},\"Column\":{},\"Path\":{}}},\"Repair\":{}}}",
        json_string(&error.message),
        opt_u32(error.line),
        opt_u32(error.column),
        opt_string(error.path.as_deref()),
        repair.map_or_else(
            || "null".to_string(),
            |(label, text)| format!(
                "{{\"Label\":{},\"Text\":{}}}",
                json_string(label),
                json_string(text)
            )
        )
    )
}

/// A failure that is no one's input (a malformed request): said plainly.
pub fn failure_reply(message: &str) -> String {
    error_reply(
        &ImportError {
            message: message.to_string(),
            line: None,
            column: None,
            path: None,
        },
        None,
    )
}

/// A name the text assigns in several places, as the import reply carries it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChoiceReply {
    pub name: String,
    /// The sentence before the options; empty for a name assigned in several places (the
    /// page then says so itself).
    pub question: String,
    /// (line, label) of each assignment.
    pub options: Vec<(u32, String)>,
    pub chosen: usize,
}

/// An accepted import's reply.
pub fn import_reply(
    doc: &DesignDocument,
    form: &str,
    notes: &[String],
    choices: &[ChoiceReply],
) -> String {
    let notes: Vec<String> = notes.iter().map(|n| json_string(n)).collect();
    let choices: Vec<String> = choices
        .iter()
        .map(|c| {
            let options: Vec<String> = c
                .options
                .iter()
                .map(|(line, label)| {
                    format!("{{\"Line\":{line},\"Label\":{}}}", json_string(label))
                })
                .collect();
            format!(
                "{{\"Name\":{},\"Question\":{},\"Options\":[{}],\"Chosen\":{}}}",
                json_string(&c.name),
                json_string(&c.question),
                options.join(","),
                c.chosen
            )
        })
        .collect();
    format!(
        "{{\"Ok\":true,\"Document\":{},\"Form\":{},\"Notes\":[{}],\"Choices\":[{}]}}",
        document_json(doc),
        json_string(form),
        notes.join(","),
        choices.join(",")
    )
}

/// A text reply (an export or the review summary).
pub fn text_reply(text: &str, filename: &str) -> String {
    format!(
        "{{\"Ok\":true,\"Text\":{},\"Filename\":{}}}",
        json_string(text),
        json_string(filename)
    )
}

/// One export target's finding, as the findings reply carries it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TargetFindingReply {
    pub target: String,
    pub path: String,
    /// `error` or `warning`.
    pub severity: String,
    pub message: String,
}

/// The findings reply.
pub fn findings_reply(findings: &[TargetFindingReply]) -> String {
    let items: Vec<String> = findings
        .iter()
        .map(|f| {
            format!(
                "{{\"Target\":{},\"Path\":{},\"Severity\":{},\"Message\":{}}}",
                json_string(&f.target),
                json_string(&f.path),
                json_string(&f.severity),
                json_string(&f.message)
            )
        })
        .collect();
    format!("{{\"Ok\":true,\"Findings\":[{}]}}", items.join(","))
}

/// One changed member, as the diff reply carries it (see `diff::MemberChange`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChangeReply {
    pub path: String,
    /// `added`, `removed` or `changed`.
    pub change: String,
    pub label: String,
    pub before: Option<String>,
    pub after: Option<String>,
    pub meaning: String,
}

/// One rollout figure before and after, as the diff reply carries it (see `diff::Figure`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FigureReply {
    pub label: String,
    pub before: String,
    pub after: String,
    pub changed: bool,
}

/// The diff reply, as the page reads it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DiffReply {
    pub changes: Vec<ChangeReply>,
    pub figures: Vec<FigureReply>,
}

/// The diff reply: the member changes and every rollout figure.
pub fn diff_reply(diff: &DiffReply) -> String {
    let changes: Vec<String> = diff
        .changes
        .iter()
        .map(|c| {
            format!(
                "{{\"Path\":{},\"Change\":{},\"Label\":{},\"Before\":{},\"After\":{},\"Meaning\":{}}}",
                json_string(&c.path),
                json_string(&c.change),
                json_string(&c.label),
                opt_string(c.before.as_deref()),
                opt_string(c.after.as_deref()),
                json_string(&c.meaning)
            )
        })
        .collect();
    let figures: Vec<String> = diff
        .figures
        .iter()
        .map(|f| {
            format!(
                "{{\"Label\":{},\"Before\":{},\"After\":{},\"Changed\":{}}}",
                json_string(&f.label),
                json_string(&f.before),
                json_string(&f.after),
                f.changed
            )
        })
        .collect();
    format!(
        "{{\"Ok\":true,\"Changes\":[{}],\"Figures\":[{}]}}",
        changes.join(","),
        figures.join(",")
    )
}

/// Reads a diff reply.
pub fn read_diff_reply(text: &str) -> Result<DiffReply, Refused> {
    let v = read_reply(text)?;
    let changes = list(&v, "Changes")
        .iter()
        .map(|c| ChangeReply {
            path: str_member(c, "Path").unwrap_or_default(),
            change: str_member(c, "Change").unwrap_or_default(),
            label: str_member(c, "Label").unwrap_or_default(),
            before: str_member(c, "Before"),
            after: str_member(c, "After"),
            meaning: str_member(c, "Meaning").unwrap_or_default(),
        })
        .collect();
    let figures = list(&v, "Figures")
        .iter()
        .map(|f| FigureReply {
            label: str_member(f, "Label").unwrap_or_default(),
            before: str_member(f, "Before").unwrap_or_default(),
            after: str_member(f, "After").unwrap_or_default(),
            changed: matches!(f.get("Changed").map(|b| &b.kind), Some(Kind::Bool(true))),
        })
        .collect();
    Ok(DiffReply { changes, figures })
}

/// A refused call, as the page reads it.
#[derive(Clone, Debug, PartialEq)]
pub struct Refused {
    pub error: ImportError,
    /// (label, repaired text).
    pub repair: Option<(String, String)>,
}

/// An accepted import, as the page reads it.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportReply {
    pub document: DesignDocument,
    pub form: String,
    pub notes: Vec<String>,
    pub choices: Vec<ChoiceReply>,
}

fn read_reply(text: &str) -> Result<Value, Refused> {
    let v = json::parse(text)
        .map_err(|e| refused(&format!("The converters gave an unreadable reply: {e}")))?;
    if matches!(v.get("Ok").map(|o| &o.kind), Some(Kind::Bool(true))) {
        return Ok(v);
    }
    let e = v.get("Error");
    let get = |k: &str| e.and_then(|e| str_member(e, k));
    let num = |k: &str| match e.and_then(|e| e.get(k)).map(|n| &n.kind) {
        Some(Kind::Int { value: Some(n), .. }) => u32::try_from(*n).ok(),
        _ => None,
    };
    let repair = v
        .get("Repair")
        .and_then(|r| Some((str_member(r, "Label")?, str_member(r, "Text")?)));
    Err(Refused {
        error: ImportError {
            message: get("Message")
                .unwrap_or_else(|| "The converters refused without a message".to_string()),
            line: num("Line"),
            column: num("Column"),
            path: get("Path"),
        },
        repair,
    })
}

fn refused(message: &str) -> Refused {
    Refused {
        error: ImportError {
            message: message.to_string(),
            line: None,
            column: None,
            path: None,
        },
        repair: None,
    }
}

fn list<'v>(v: &'v Value, key: &str) -> &'v [Value] {
    match v.get(key).map(|l| &l.kind) {
        Some(Kind::List(items)) => items,
        _ => &[],
    }
}

/// Reads an import reply.
pub fn read_import_reply(text: &str) -> Result<ImportReply, Refused> {
    let v = read_reply(text)?;
    let document = doc_member(text, &v, "Document").map_err(|m| refused(&m))?;
    let notes = list(&v, "Notes")
        .iter()
        .filter_map(|n| match &n.kind {
            Kind::Str(s) => Some(s.clone()),
            _ => None,
        })
        .collect();
    let choices = list(&v, "Choices")
        .iter()
        .map(|c| ChoiceReply {
            name: str_member(c, "Name").unwrap_or_default(),
            question: str_member(c, "Question").unwrap_or_default(),
            options: list(c, "Options")
                .iter()
                .map(|o| {
                    let line = match o.get("Line").map(|l| &l.kind) {
                        Some(Kind::Int { value: Some(n), .. }) => u32::try_from(*n).unwrap_or(0),
                        _ => 0,
                    };
                    (line, str_member(o, "Label").unwrap_or_default())
                })
                .collect(),
            chosen: match c.get("Chosen").map(|l| &l.kind) {
                Some(Kind::Int { value: Some(n), .. }) => usize::try_from(*n).unwrap_or(0),
                _ => 0,
            },
        })
        .collect();
    Ok(ImportReply {
        document,
        form: str_member(&v, "Form").unwrap_or_default(),
        notes,
        choices,
    })
}

/// Reads a text reply: (text, file name).
pub fn read_text_reply(text: &str) -> Result<(String, String), Refused> {
    let v = read_reply(text)?;
    Ok((
        str_member(&v, "Text").unwrap_or_default(),
        str_member(&v, "Filename").unwrap_or_default(),
    ))
}

/// Reads a findings reply.
pub fn read_findings_reply(text: &str) -> Result<Vec<TargetFindingReply>, Refused> {
    let v = read_reply(text)?;
    Ok(list(&v, "Findings")
        .iter()
        .map(|f| TargetFindingReply {
            target: str_member(f, "Target").unwrap_or_default(),
            path: str_member(f, "Path").unwrap_or_default(),
            severity: str_member(f, "Severity").unwrap_or_default(),
            message: str_member(f, "Message").unwrap_or_default(),
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::examples;

    #[test]
    fn an_import_request_reads_back_with_its_text_document_and_choices() {
        let doc = examples::default_design();
        let text = "x = \"a\\\"b\"\n\u{2028}{]";
        let req = import_request(text, &doc, &[("cfg".to_string(), 1)]);
        assert_eq!(
            read_request(&req).unwrap(),
            Request::Import {
                text: text.to_string(),
                current: doc,
                choices: vec![("cfg".to_string(), 1)]
            }
        );
    }

    #[test]
    fn a_diff_request_and_its_reply_read_back() {
        let before = examples::default_design();
        let mut after = before.clone();
        after.request.endpoint_name = Some("ep \"two\"\n\u{2028}".to_string());
        let req = diff_request(&before, &after);
        assert_eq!(
            read_request(&req).unwrap(),
            Request::Diff {
                baseline: before.clone(),
                document: after.clone()
            }
        );
        let reply = DiffReply {
            changes: vec![ChangeReply {
                path: "EndpointName".to_string(),
                change: "changed".to_string(),
                label: "EndpointName".to_string(),
                before: None,
                after: Some("ep \"two\"\n\u{2028}".to_string()),
                meaning: "a <b>name</b> & more".to_string(),
            }],
            figures: vec![FigureReply {
                label: "Peak instances".to_string(),
                before: "8".to_string(),
                after: "12".to_string(),
                changed: true,
            }],
        };
        assert_eq!(read_diff_reply(&diff_reply(&reply)).unwrap(), reply);
    }

    #[test]
    fn an_import_reply_reads_back() {
        let doc = examples::default_design();
        let choice = ChoiceReply {
            name: "cfg".to_string(),
            question: "Which \"one\"?".to_string(),
            options: vec![(3, "if prod:".to_string()), (5, "else:".to_string())],
            chosen: 1,
        };
        let reply = import_reply(
            &doc,
            "a \"CLI\" command",
            &["note {x}".to_string()],
            &[choice.clone()],
        );
        let read = read_import_reply(&reply).unwrap();
        assert_eq!(read.document, doc);
        assert_eq!(read.form, "a \"CLI\" command");
        assert_eq!(read.notes, vec!["note {x}".to_string()]);
        assert_eq!(read.choices, vec![choice]);
    }

    #[test]
    fn a_refusal_reads_back_with_its_place_and_repair() {
        let e = ImportError {
            message: "missing } (line 2, column 3)".to_string(),
            line: Some(2),
            column: Some(3),
            path: None,
        };
        let reply = error_reply(&e, Some(("Add the brace", "{}")));
        let r = read_import_reply(&reply).unwrap_err();
        assert_eq!(r.error, e);
        assert_eq!(
            r.repair,
            Some(("Add the brace".to_string(), "{}".to_string()))
        );
    }

    #[test]
    fn an_export_request_without_the_endpoint_config_member_leaves_it_out() {
        // A request the page wrote before the option existed.
        let doc = examples::default_design();
        let old = format!(
            "{{\"Op\":\"export\",\"Target\":\"terraform\",\"Document\":{},\"Options\":{{\"WholeTemplate\":true,\"Partition\":\"aws\",\"Region\":\"\",\"Account\":\"\"}}}}",
            document_json(&doc)
        );
        let Request::Export { options, .. } = read_request(&old).unwrap() else {
            panic!("not an export request");
        };
        assert!(!options.with_endpoint_config);
        assert_eq!(options, ExportOptions::default());
    }

    #[test]
    fn export_and_review_requests_read_back() {
        let doc = examples::default_design();
        let opts = ExportOptions {
            whole_template: false,
            partition: "aws-cn".to_string(),
            region: "cn-north-1".to_string(),
            account: "123".to_string(),
            with_endpoint_config: true,
        };
        assert_eq!(
            read_request(&export_request("terraform", &doc, &opts)).unwrap(),
            Request::Export {
                target: "terraform".to_string(),
                document: doc.clone(),
                options: opts
            }
        );
        assert_eq!(
            read_request(&review_request(&doc, Some(&doc), "https://x/#d=1")).unwrap(),
            Request::Review {
                document: doc.clone(),
                baseline: Some(doc.clone()),
                link: "https://x/#d=1".to_string()
            }
        );
        assert_eq!(
            read_request(&review_request(&doc, None, "")).unwrap(),
            Request::Review {
                document: doc,
                baseline: None,
                link: String::new()
            }
        );
    }

    #[test]
    fn garbage_is_refused_in_words() {
        assert!(read_request("{").is_err());
        assert!(read_request("{\"Op\":\"nope\"}").is_err());
        assert!(read_import_reply("").is_err());
        assert!(read_text_reply("{\"Ok\":false}").is_err());
    }
}
