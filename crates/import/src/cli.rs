//! Import of an AWS CLI `update-endpoint` command (`aws sagemaker update-endpoint ...`, or
//! bare `update-endpoint` as the developer guide prints it): every flag of the operation,
//! JSON values and the CLI's shorthand syntax, `\` continuations or one flag per line, and
//! quoting as bash reads it. Shell expansions (`$VAR`, `$(cmd)`) and `<your-...>` stand-ins
//! become placeholders. A `--deployment-config` printed without its outer braces, or with a
//! brace missing, is refused with where, and with the repaired command to import instead.

pub(crate) mod alarms;

use crate::defaults::Given;
use crate::{Options, Outcome, Refusal, Repair};
use designer_core::import::{self as core_import, ImportError, Source};
use designer_core::json;
use designer_core::model::DesignDocument;
use designer_core::value::{Entry, Kind, ParseError, Pos, Value};

/// Where lines start, to turn byte offsets into line and column and back in about constant
/// time (a 1 MB paste on one line must not cost a scan per value).
struct Lines<'a> {
    text: &'a str,
    starts: Vec<usize>,
    /// UTF-8 continuation bytes before each 64-byte block.
    cont: Vec<usize>,
}

const BLOCK: usize = 64;

fn is_cont(b: u8) -> bool {
    b & 0xC0 == 0x80
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        let mut cont = Vec::with_capacity(text.len() / BLOCK + 2);
        let mut n = 0;
        cont.push(0);
        for chunk in text.as_bytes().chunks(BLOCK) {
            n += chunk.iter().filter(|b| is_cont(**b)).count();
            cont.push(n);
        }
        Lines { text, starts, cont }
    }

    /// Characters in `text[..offset]`.
    fn chars_before(&self, offset: usize) -> usize {
        let offset = offset.min(self.text.len());
        let block = offset / BLOCK;
        let base = self.cont.get(block).copied().unwrap_or(0);
        let tail = self
            .text
            .as_bytes()
            .get(block * BLOCK..offset)
            .map_or(0, |b| b.iter().filter(|b| is_cont(**b)).count());
        offset - base - tail
    }

    fn pos(&self, offset: usize) -> Pos {
        let line = self.starts.partition_point(|s| *s <= offset).max(1);
        let start = self.starts.get(line - 1).copied().unwrap_or(0);
        let column = self.chars_before(offset) - self.chars_before(start);
        Pos {
            line: u32::try_from(line).unwrap_or(u32::MAX),
            column: u32::try_from(column + 1).unwrap_or(u32::MAX),
        }
    }

    /// The byte offset of `pos` (the end of the text when it is beyond).
    fn offset(&self, pos: Pos) -> usize {
        let Some(&start) = self.starts.get((pos.line as usize).saturating_sub(1)) else {
            return self.text.len();
        };
        let end = self
            .starts
            .get(pos.line as usize)
            .copied()
            .unwrap_or(self.text.len());
        let column = (pos.column as usize).saturating_sub(1);
        let first = self.chars_before(start);
        if self.chars_before(end) - first == end - start {
            // An ASCII line: a column is a byte.
            return (start + column).min(end);
        }
        let want = first + column;
        // The first offset in the line with `want` characters before it, on a char boundary.
        let (mut lo, mut hi) = (start, end);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if self.chars_before(mid) < want {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        while lo < self.text.len() && !self.text.is_char_boundary(lo) {
            lo += 1;
        }
        lo
    }
}

/// One character of a shell word after quoting is removed, or an expansion the shell would
/// make; with where it was written (`start..end` bytes of the text).
#[derive(Clone, Debug)]
enum Piece {
    Char {
        c: char,
        start: usize,
        end: usize,
    },
    /// `$VAR`, `${VAR}`, `$(cmd)`, `` `cmd` ``: the text as written.
    Var {
        text: String,
        start: usize,
        end: usize,
    },
}

impl Piece {
    fn start(&self) -> usize {
        match self {
            Piece::Char { start, .. } | Piece::Var { start, .. } => *start,
        }
    }
    fn end(&self) -> usize {
        match self {
            Piece::Char { end, .. } | Piece::Var { end, .. } => *end,
        }
    }
}

#[derive(Clone, Debug)]
struct Word {
    pieces: Vec<Piece>,
    start: usize,
    end: usize,
}

impl Word {
    /// The word's text when it has no expansion.
    fn literal(&self) -> Option<String> {
        self.pieces
            .iter()
            .map(|p| match p {
                Piece::Char { c, .. } => Some(*c),
                Piece::Var { .. } => None,
            })
            .collect()
    }

    /// True when the word starts with `prefix` (quoted or not), without building its text.
    fn starts_with(&self, prefix: &str) -> bool {
        let mut chars = prefix.chars();
        for p in &self.pieces {
            let Some(want) = chars.next() else {
                return true;
            };
            if !matches!(p, Piece::Char { c, .. } if *c == want) {
                return false;
            }
        }
        chars.next().is_none()
    }

    /// The word's text with expansions as written.
    fn shown(&self) -> String {
        let mut out = String::new();
        for p in &self.pieces {
            match p {
                Piece::Char { c, .. } => out.push(*c),
                Piece::Var { text, .. } => out.push_str(text),
            }
        }
        out
    }
}

/// Finds where the `update-endpoint` command starts: the `aws` word before
/// `sagemaker update-endpoint`, or `update-endpoint` itself at the start of a line. Returns
/// every such start.
fn find_commands(text: &str) -> Vec<usize> {
    find_operation(text, "sagemaker", "update-endpoint")
}

/// Where each `aws <service> <operation>` command starts (or `<operation>` at the start of
/// a line), as [`find_commands`] for `update-endpoint`.
fn find_operation(text: &str, service: &str, operation: &str) -> Vec<usize> {
    let mut out = Vec::new();
    for (at, _) in text.match_indices(operation) {
        let after = text
            .get(at + operation.len()..)
            .and_then(|s| s.chars().next());
        if !after.is_none_or(|c| c.is_whitespace() || c == '\\' || c == ';') {
            continue;
        }
        let line_start = text
            .get(..at)
            .and_then(|s| s.rfind('\n'))
            .map_or(0, |i| i + 1);
        let before = text.get(line_start..at).unwrap_or_default();
        let trimmed = before.trim_end();
        if trimmed.len() == before.len() && !before.is_empty() {
            continue; // glued to the previous word
        }
        let prompt = strip_prompt(trimmed);
        if prompt.is_empty() {
            out.push(at);
            continue;
        }
        if !trimmed.ends_with(service) {
            continue;
        }
        // The `aws` word on this line, nearest before the service.
        let line = before;
        let mut found = None;
        for (k, _) in line.match_indices("aws") {
            let prev = line.get(..k).and_then(|s| s.chars().next_back());
            let next = line.get(k + 3..).and_then(|s| s.chars().next());
            let boundary = prev.is_none_or(|c| c.is_whitespace() || "($!`>".contains(c));
            let lead = strip_prompt(line.get(..k).unwrap_or_default().trim());
            let at_command = lead.is_empty()
                || ["$(", "`", "&&", "||", ";", "then", "do", "sudo", "("]
                    .iter()
                    .any(|e| lead.ends_with(e));
            if boundary && at_command && next.is_some_and(char::is_whitespace) {
                found = Some(line_start + k);
            }
        }
        if let Some(k) = found {
            out.push(k);
        }
    }
    out
}

/// A line's text without a shell prompt (`$ `, `% `, `> `, a notebook's `!`).
fn strip_prompt(s: &str) -> &str {
    let s = s.trim_start();
    for p in ["$ ", "% ", "> ", "PS> ", "!"] {
        if let Some(rest) = s.strip_prefix(p) {
            return rest.trim_start();
        }
    }
    if s == "$" || s == "%" || s == ">" {
        return "";
    }
    s
}

/// True when `text` holds an `update-endpoint` command.
pub fn detect(text: &str) -> bool {
    text.contains("update-endpoint") && !find_commands(text).is_empty()
}

/// Reads the words of one command from byte `from`, as bash splits and unquotes them.
struct Shell<'a> {
    text: &'a str,
    b: &'a [u8],
    i: usize,
    lines: &'a Lines<'a>,
    /// Variables the script sets to a plain value before the command: (name, value, line).
    vars: &'a [(String, String, u32)],
    /// The variables that were filled in from `vars`, by name.
    used: Vec<String>,
}

impl Shell<'_> {
    fn peek(&self) -> Option<char> {
        self.text.get(self.i..).and_then(|s| s.chars().next())
    }

    fn err(&self, at: usize, message: impl Into<String>) -> ParseError {
        ParseError::new(self.lines.pos(at), message)
    }

    /// The length of a `<your-endpoint>` stand-in at the cursor, if one is there.
    fn stand_in_len(&self) -> Option<usize> {
        let rest = self.text.get(self.i..)?;
        if !rest.starts_with('<') {
            return None;
        }
        let close = rest.find('>')?;
        let inner = rest.get(1..close)?;
        let ok = !inner.is_empty() && close < 80 && !inner.contains(['\n', '<', ' ', '\t']);
        ok.then_some(close + 1)
    }

    /// True when only blanks stand between byte `at` and the end of its line.
    fn line_ends_after(&self, at: usize) -> bool {
        let rest = self.text.get(at..).unwrap_or_default();
        let t = rest.trim_start_matches([' ', '\t', '\r']);
        t.starts_with('\n')
    }

    /// A copied terminal session shows `> ` at the start of a continued line.
    fn skip_continuation_prompt(&mut self) {
        let rest = self.text.get(self.i..).unwrap_or_default();
        let t = rest.trim_start_matches([' ', '\t']);
        if let Some(after) = t.strip_prefix("> ") {
            self.i += rest.len() - after.len();
        }
    }

    fn next_line_is_a_flag(&self, after_newline: usize) -> bool {
        let rest = self.text.get(after_newline..).unwrap_or_default();
        let t = rest.trim_start_matches([' ', '\t']);
        t.starts_with("--")
    }

    fn words(&mut self) -> Result<Vec<Word>, ParseError> {
        let mut words = Vec::new();
        loop {
            // Blanks and continuations between words.
            match self.peek() {
                None => return Ok(words),
                Some(' ' | '\t' | '\r') => self.i += 1,
                Some('\\') if self.b.get(self.i + 1) == Some(&b'\n') => {
                    self.i += 2;
                    self.skip_continuation_prompt();
                }
                Some('\\')
                    if self.b.get(self.i + 1) == Some(&b'\r')
                        && self.b.get(self.i + 2) == Some(&b'\n') =>
                {
                    self.i += 3;
                    self.skip_continuation_prompt();
                }
                // Windows: `^` (cmd) or a backtick (PowerShell) at the end of a line.
                Some('^' | '`') if self.line_ends_after(self.i + 1) => {
                    self.i += 1;
                    while let Some(' ' | '\t' | '\r') = self.peek() {
                        self.i += 1;
                    }
                    self.i += 1;
                }
                // The developer guide prints one flag per line without a `\`.
                Some('\n') if self.next_line_is_a_flag(self.i + 1) => self.i += 1,
                Some('\n') => return Ok(words),
                Some('#') => {
                    while let Some(c) = self.peek().filter(|c| *c != '\n') {
                        self.i += c.len_utf8();
                    }
                }
                Some('<') if self.stand_in_len().is_some() => words.push(self.word()?),
                Some(';' | '&' | '|' | ')' | '<' | '>') => return Ok(words),
                Some(c) if c.is_whitespace() => self.i += c.len_utf8(),
                Some(_) => words.push(self.word()?),
            }
        }
    }

    fn word(&mut self) -> Result<Word, ParseError> {
        let start = self.i;
        let mut pieces = Vec::new();
        // `<your-endpoint>`: a stand-in the docs write, not a redirection.
        if let Some(len) = self.stand_in_len() {
            self.i += len;
            pieces.push(Piece::Var {
                text: self.text.get(start..self.i).unwrap_or_default().to_string(),
                start,
                end: self.i,
            });
        }
        while let Some(c) = self.peek() {
            let at = self.i;
            match c {
                c if c.is_whitespace() => break,
                ';' | '&' | '|' | ')' | '<' | '>' => break,
                '\'' => {
                    self.i += 1;
                    let Some(len) = self.text.get(self.i..).and_then(|s| s.find('\'')) else {
                        return Err(self.err(at, "this ' quote is never closed"));
                    };
                    self.chars_until(self.i + len, &mut pieces);
                    self.i += 1;
                }
                '"' => self.double_quoted(&mut pieces)?,
                '$' if self.b.get(self.i + 1) == Some(&b'\'') => self.ansi_c(&mut pieces)?,
                '$' => self.dollar(&mut pieces, false)?,
                '`' => {
                    let Some(len) = self.text.get(self.i + 1..).and_then(|s| s.find('`')) else {
                        return Err(self.err(at, "this ` (command substitution) is never closed"));
                    };
                    let end = self.i + 1 + len + 1;
                    pieces.push(Piece::Var {
                        text: self.text.get(self.i..end).unwrap_or_default().to_string(),
                        start: self.i,
                        end,
                    });
                    self.i = end;
                }
                '\\' => {
                    self.i += 1;
                    match self.peek() {
                        Some('\n') => self.i += 1,
                        Some(n) => {
                            self.i += n.len_utf8();
                            pieces.push(Piece::Char {
                                c: n,
                                start: at,
                                end: self.i,
                            });
                        }
                        None => {}
                    }
                }
                c => {
                    self.i += c.len_utf8();
                    pieces.push(Piece::Char {
                        c,
                        start: at,
                        end: self.i,
                    });
                }
            }
        }
        if self.i == start {
            // A lone metacharacter: skip it so that the loop moves on.
            self.i += self.peek().map_or(1, char::len_utf8);
        }
        Ok(Word {
            pieces,
            start,
            end: self.i,
        })
    }

    fn chars_until(&mut self, end: usize, pieces: &mut Vec<Piece>) {
        while self.i < end {
            let Some(c) = self.peek() else { break };
            let at = self.i;
            self.i += c.len_utf8();
            pieces.push(Piece::Char {
                c,
                start: at,
                end: self.i,
            });
        }
    }

    fn double_quoted(&mut self, pieces: &mut Vec<Piece>) -> Result<(), ParseError> {
        let open = self.i;
        self.i += 1;
        loop {
            let Some(c) = self.peek() else {
                return Err(self.err(open, "this \" quote is never closed"));
            };
            let at = self.i;
            match c {
                '"' => {
                    self.i += 1;
                    return Ok(());
                }
                '\\' => {
                    self.i += 1;
                    match self.peek() {
                        Some('\n') => self.i += 1,
                        Some(n @ ('$' | '`' | '"' | '\\')) => {
                            self.i += 1;
                            pieces.push(Piece::Char {
                                c: n,
                                start: at,
                                end: self.i,
                            });
                        }
                        _ => pieces.push(Piece::Char {
                            c: '\\',
                            start: at,
                            end: self.i,
                        }),
                    }
                }
                '$' => self.dollar(pieces, true)?,
                '`' => {
                    let Some(len) = self.text.get(self.i + 1..).and_then(|s| s.find('`')) else {
                        return Err(self.err(at, "this ` (command substitution) is never closed"));
                    };
                    let end = self.i + 1 + len + 1;
                    pieces.push(Piece::Var {
                        text: self.text.get(self.i..end).unwrap_or_default().to_string(),
                        start: self.i,
                        end,
                    });
                    self.i = end;
                }
                c => {
                    self.i += c.len_utf8();
                    pieces.push(Piece::Char {
                        c,
                        start: at,
                        end: self.i,
                    });
                }
            }
        }
    }

    /// `$'...'` with C escapes.
    fn ansi_c(&mut self, pieces: &mut Vec<Piece>) -> Result<(), ParseError> {
        let open = self.i;
        self.i += 2;
        loop {
            let Some(c) = self.peek() else {
                return Err(self.err(open, "this $' quote is never closed"));
            };
            let at = self.i;
            self.i += c.len_utf8();
            let c = match c {
                '\'' => return Ok(()),
                '\\' => {
                    let Some(n) = self.peek() else { continue };
                    self.i += n.len_utf8();
                    match n {
                        'n' => '\n',
                        't' => '\t',
                        'r' => '\r',
                        '0' => '\0',
                        'x' => {
                            let hex: String = self
                                .text
                                .get(self.i..)
                                .unwrap_or_default()
                                .chars()
                                .take(2)
                                .take_while(char::is_ascii_hexdigit)
                                .collect();
                            self.i += hex.len();
                            u32::from_str_radix(&hex, 16)
                                .ok()
                                .and_then(char::from_u32)
                                .unwrap_or('x')
                        }
                        other => other,
                    }
                }
                c => c,
            };
            pieces.push(Piece::Char {
                c,
                start: at,
                end: self.i,
            });
        }
    }

    /// `$NAME`, `${...}`, `$(...)`; a `$` before anything else is itself.
    fn dollar(&mut self, pieces: &mut Vec<Piece>, quoted: bool) -> Result<(), ParseError> {
        let at = self.i;
        let next = self.b.get(self.i + 1).copied();
        let end = match next {
            Some(b'{') => match self.text.get(self.i..).and_then(|s| s.find('}')) {
                Some(k) => self.i + k + 1,
                None => return Err(self.err(at, "this ${ is never closed")),
            },
            Some(b'(') => {
                // To the matching ')', past nested parentheses and quotes.
                let mut depth = 0usize;
                let mut k = self.i + 1;
                let mut quote: Option<u8> = None;
                loop {
                    let Some(&b) = self.b.get(k) else {
                        return Err(self.err(at, "this $( is never closed"));
                    };
                    match (quote, b) {
                        (Some(q), b) if b == q => quote = None,
                        (Some(_), _) => {}
                        (None, b'\'' | b'"') => quote = Some(b),
                        (None, b'(') => depth += 1,
                        (None, b')') => {
                            depth -= 1;
                            if depth == 0 {
                                break k + 1;
                            }
                        }
                        _ => {}
                    }
                    k += 1;
                }
            }
            Some(b) if b == b'_' || b.is_ascii_alphabetic() => {
                let mut k = self.i + 1;
                while self
                    .b
                    .get(k)
                    .is_some_and(|b| *b == b'_' || b.is_ascii_alphanumeric())
                {
                    k += 1;
                }
                k
            }
            Some(b'0'..=b'9' | b'@' | b'*' | b'#' | b'?' | b'$' | b'!') => self.i + 2,
            _ => {
                self.i += 1;
                pieces.push(Piece::Char {
                    c: '$',
                    start: at,
                    end: self.i,
                });
                return Ok(());
            }
        };
        let _ = quoted;
        let text = self.text.get(at..end).unwrap_or_default();
        let name = text
            .trim_start_matches('$')
            .trim_start_matches('{')
            .trim_end_matches('}');
        if let Some((_, value, _)) = self.vars.iter().rev().find(|(n, _, _)| n == name) {
            // `NAME=value` earlier in the script: the shell would put the value here.
            for c in value.chars() {
                pieces.push(Piece::Char { c, start: at, end });
            }
            if !self.used.iter().any(|u| u == name) {
                self.used.push(name.to_string());
            }
            self.i = end;
            return Ok(());
        }
        pieces.push(Piece::Var {
            text: self.text.get(at..end).unwrap_or_default().to_string(),
            start: at,
            end,
        });
        self.i = end;
        Ok(())
    }
}

/// Options of the AWS CLI itself (not of the request), and whether each takes a value.
const GLOBALS: &[(&str, bool)] = &[
    ("region", true),
    ("profile", true),
    ("output", true),
    ("endpoint-url", true),
    ("query", true),
    ("color", true),
    ("ca-bundle", true),
    ("cli-read-timeout", true),
    ("cli-connect-timeout", true),
    ("cli-binary-format", true),
    ("debug", false),
    ("no-verify-ssl", false),
    ("no-paginate", false),
    ("no-sign-request", false),
    ("no-cli-pager", false),
    ("cli-auto-prompt", false),
    ("no-cli-auto-prompt", false),
];

const FLAGS: &str = "--endpoint-name, --endpoint-config-name, --deployment-config, --[no-]retain-all-variant-properties, --exclude-retained-variant-properties, --[no-]retain-deployment-config, --cli-input-json";

/// Members whose values are integers, for the shorthand syntax (which writes every value
/// as text and lets the operation's shapes type it).
const INTEGER_MEMBERS: &[&str] = &[
    "WaitIntervalInSeconds",
    "Value",
    "TerminationWaitInSeconds",
    "MaximumExecutionTimeoutInSeconds",
];

/// The sentinels that stand for an expansion inside a JSON value while it is parsed.
const OPEN: char = '\u{E000}';
const CLOSE: char = '\u{E001}';

struct Ctx<'a> {
    text: &'a str,
    lines: &'a Lines<'a>,
    notes: Vec<String>,
    /// Whether a refused JSON value may offer a repaired command.
    repairs: bool,
}

/// Reads `text` onto a copy of `current`.
pub fn import(
    text: &str,
    current: &DesignDocument,
    options: &Options,
) -> Result<Outcome, Refusal> {
    let (mut outcome, mut defaulted) = import_with(text, current, true)?;
    // The script's `put-metric-alarm` commands define alarms (`cli/alarms.rs`).
    crate::cloudwatch::attach(alarms::find(text, &mut defaulted), current, &mut outcome);
    alarms::offer(&mut outcome, &defaulted, options);
    Ok(outcome)
}

fn import_with(
    text: &str,
    current: &DesignDocument,
    repairs: bool,
) -> Result<(Outcome, Defaulted), Refusal> {
    let lines = Lines::new(text);
    let starts = find_commands(text);
    let Some(&start) = starts.first() else {
        return Err(ImportError::from(ParseError::new(
            Pos::START,
            "found no `aws sagemaker update-endpoint` command",
        ))
        .into());
    };
    let (vars, defaulted) = assignments(text, start, &lines);
    let mut sh = Shell {
        text,
        b: text.as_bytes(),
        i: start,
        lines: &lines,
        vars: &vars,
        used: Vec::new(),
    };
    let words = sh
        .words()
        .map_err(|e| Refusal::from(ImportError::from(e)))?;
    let mut cx = Ctx {
        text,
        lines: &lines,
        notes: Vec::new(),
        repairs,
    };
    if starts.len() > 1 {
        let others: Vec<String> = starts
            .iter()
            .skip(1)
            .map(|s| lines.pos(*s).line.to_string())
            .collect();
        cx.notes.push(format!(
            "The text has {} `update-endpoint` commands; this import read the first (line {}), not the ones at line {}.",
            starts.len(),
            lines.pos(start).line,
            listed(&others)
        ));
    }
    for name in &sh.used {
        if let Some((_, value, line)) = vars.iter().rev().find(|(n, _, _)| n == name) {
            cx.notes
                .push(format!("`${name}` is `{value}`, as line {line} sets it."));
        }
    }
    let request = cx.command(&words, current)?;
    let document = core_import::request_into(&request, Source::Json, current)?;
    let outcome = Outcome {
        document,
        form: "an AWS CLI `update-endpoint` command".to_string(),
        notes: cx.notes,
        choices: Vec::new(),
    };
    Ok((outcome, defaulted))
}

/// Names a script sets to an expansion with a plain default (`NAME="${NAME:-x}"`), with it.
type Defaulted = Vec<(String, String)>;

/// `NAME=value` and `export NAME=value` lines before byte `before`, whose value is plain
/// text (a value the shell computes stays a placeholder); and apart, the names set to an
/// expansion with a plain default (`NAME="${NAME:-x}"`), with that default.
fn assignments(
    text: &str,
    before: usize,
    lines: &Lines,
) -> (Vec<(String, String, u32)>, Defaulted) {
    let mut out = Vec::new();
    let mut defaulted = Vec::new();
    let head = text.get(..before).unwrap_or_default();
    let mut offset = 0;
    for line in head.split_inclusive('\n') {
        let at = offset;
        offset += line.len();
        let t = line.trim_start();
        let t = t.strip_prefix("export ").map_or(t, str::trim_start);
        let Some(eq) = t.find('=') else { continue };
        let name = &t[..eq];
        let is_name = name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if !is_name {
            continue;
        }
        let value_at = at + (line.len() - t.len()) + eq + 1;
        let mut sh = Shell {
            text,
            b: text.as_bytes(),
            i: value_at,
            lines,
            vars: &[],
            used: Vec::new(),
        };
        let Ok(words) = sh.words() else { continue };
        match words.as_slice() {
            [] => out.push((name.to_string(), String::new(), lines.pos(at).line)),
            [w] if w.start == value_at => {
                if let Some(v) = w.literal() {
                    out.push((name.to_string(), v, lines.pos(at).line));
                } else if let [Piece::Var { text, .. }] = w.pieces.as_slice() {
                    if let Some((_, default)) = default_expansion(text) {
                        defaulted.push((name.to_string(), default.to_string()));
                    }
                }
            }
            _ => {}
        }
    }
    (out, defaulted)
}

/// `${NAME:-x}`, `${NAME-x}`, `${NAME:=x}` or `${NAME=x}` with a plain default `x` (no
/// expansion or quote in it): (NAME, x).
fn default_expansion(text: &str) -> Option<(&str, &str)> {
    let inner = text.strip_prefix("${")?.strip_suffix('}')?;
    let at = inner.find(['-', '=', ':'])?;
    let (name, rest) = inner.split_at(at);
    let is_name = name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    let default = rest
        .strip_prefix(":-")
        .or_else(|| rest.strip_prefix(":="))
        .or_else(|| rest.strip_prefix('-'))
        .or_else(|| rest.strip_prefix('='))?;
    let plain = !default.contains(['$', '`', '"', '\'', '\\', '{', '}']);
    (is_name && plain && !default.is_empty()).then_some((name, default))
}

/// What a placeholder's `expression` (shell text: `$NAME`, `${NAME:-x}-5xx`) is when every
/// variable in it takes its default: a `${NAME:-x}` written there, or the one the script
/// sets `NAME` to (`defaulted`). `None` when one has none or it runs a command. The value
/// is a number when the expression is one expansion whose default reads as one (the shell
/// has only strings, but where the request takes a number the AWS CLI sends it as one).
fn shell_default(expression: &str, defaulted: &[(String, String)]) -> Option<Given> {
    let mut out = String::new();
    let mut names: Vec<String> = Vec::new();
    let mut expansions = 0;
    let mut text = false;
    let mut rest = expression;
    while let Some(c) = rest.chars().next() {
        if c == '`' {
            return None;
        }
        if c != '$' {
            out.push(c);
            text = true;
            rest = &rest[c.len_utf8()..];
            continue;
        }
        let after = &rest[1..];
        let (written, name, default) = if after.starts_with('{') {
            let close = after.find('}')?;
            let written = &rest[..close + 2];
            match default_expansion(written) {
                Some((name, default)) => (written, name, default),
                None => {
                    let name = &written[2..written.len() - 1];
                    (written, name, defaulted.iter().rev().find(|(n, _)| n == name)?.1.as_str())
                }
            }
        } else {
            let len = after
                .find(|c: char| !(c == '_' || c.is_ascii_alphanumeric()))
                .unwrap_or(after.len());
            let name = &after[..len];
            if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
                return None;
            }
            (&rest[..len + 1], name, defaulted.iter().rev().find(|(n, _)| n == name)?.1.as_str())
        };
        out.push_str(default);
        let shown = if default.parse::<i64>().is_ok() {
            format!("{name} = {default}")
        } else {
            format!("{name} = {default:?}")
        };
        if !names.contains(&shown) {
            names.push(shown);
        }
        expansions += 1;
        rest = &rest[written.len()..];
    }
    if expansions == 0 {
        return None;
    }
    let value = if expansions == 1 && !text && out.parse::<i64>().is_ok() {
        crate::defaults::number(&out)
    } else {
        Kind::Str(out)
    };
    Some(Given::substituted(names.join(", "), expression, value))
}

fn fail(pos: Pos, message: impl Into<String>) -> Refusal {
    ImportError::from(ParseError::new(pos, message)).into()
}

impl Ctx<'_> {
    fn pos(&self, offset: usize) -> Pos {
        self.lines.pos(offset)
    }

    fn command(&mut self, words: &[Word], _current: &DesignDocument) -> Result<Value, Refusal> {
        let at = words
            .iter()
            .position(|w| w.literal().as_deref() == Some("update-endpoint"))
            .unwrap_or(0);
        let mut ignored: Vec<String> = Vec::new();
        // Options before the operation (`aws --region x sagemaker update-endpoint`).
        let mut k = 0;
        while k < at {
            let w = words[k].shown();
            if let Some(name) = w.strip_prefix("--") {
                let (name, inline) = name
                    .split_once('=')
                    .map_or((name, false), |(n, _)| (n, true));
                let takes = GLOBALS
                    .iter()
                    .find(|(g, _)| *g == name)
                    .is_none_or(|(_, v)| *v);
                if takes && !inline && k + 1 < at {
                    ignored.push(format!("`{w} {}`", words[k + 1].shown()));
                    k += 1;
                } else {
                    ignored.push(format!("`{w}`"));
                }
            }
            k += 1;
        }
        let mut flags: Vec<Entry> = Vec::new();
        let mut input: Option<Value> = None;
        let mut i = at + 1;
        let first = words.get(at).map_or(0, |w| w.start);
        while let Some(w) = words.get(i) {
            let wpos = self.pos(w.start);
            if !w.starts_with("--") {
                let shown: String = w.shown().chars().take(60).collect();
                return Err(fail(
                    wpos,
                    format!("unexpected `{shown}`: update-endpoint takes options only ({FLAGS})"),
                ));
            }
            // The option's name: up to a '=' (an option is never long).
            let flag: String = w
                .pieces
                .iter()
                .skip(2)
                .map_while(|p| match p {
                    Piece::Char { c, .. } if *c != '=' => Some(*c),
                    _ => None,
                })
                .take(100)
                .collect();
            let flag = if w
                .pieces
                .get(2 + flag.chars().count())
                .is_some_and(|p| matches!(p, Piece::Char { c: '=', .. }))
            {
                format!("{flag}=")
            } else {
                flag
            };
            // `--flag=value` or `--flag value`.
            let inline_word;
            let (name, mut value): (String, Vec<&Word>) = match flag.split_once('=') {
                Some((n, _)) => {
                    let skip = 2 + n.chars().count() + 1;
                    let pieces: Vec<Piece> = w.pieces.iter().skip(skip).cloned().collect();
                    let start = pieces.first().map_or(w.end, Piece::start);
                    inline_word = Word {
                        pieces,
                        start,
                        end: w.end,
                    };
                    (n.to_string(), vec![&inline_word])
                }
                None => (flag.clone(), Vec::new()),
            };
            let inline = !value.is_empty();
            i += 1;
            let mut take_value = |i: &mut usize, many: bool| {
                while let Some(v) = words.get(*i) {
                    if v.starts_with("--") {
                        break;
                    }
                    value.push(v);
                    *i += 1;
                    if !many {
                        break;
                    }
                }
            };
            let member = match name.as_str() {
                "endpoint-name" => Some("EndpointName"),
                "endpoint-config-name" => Some("EndpointConfigName"),
                "deployment-config" => Some("DeploymentConfig"),
                "exclude-retained-variant-properties" => Some("ExcludeRetainedVariantProperties"),
                "cli-input-json" => Some("--cli-input-json"),
                _ => None,
            };
            let boolean = match name.as_str() {
                "retain-all-variant-properties" => Some(("RetainAllVariantProperties", true)),
                "no-retain-all-variant-properties" => Some(("RetainAllVariantProperties", false)),
                "retain-deployment-config" => Some(("RetainDeploymentConfig", true)),
                "no-retain-deployment-config" => Some(("RetainDeploymentConfig", false)),
                _ => None,
            };
            if let Some((member, b)) = boolean {
                if inline {
                    return Err(fail(
                        wpos,
                        format!("--{name} is a switch and takes no value"),
                    ));
                }
                set(
                    &mut flags,
                    member,
                    wpos,
                    Value {
                        pos: wpos,
                        kind: Kind::Bool(b),
                    },
                );
                continue;
            }
            if let Some(member) = member {
                if !inline {
                    take_value(&mut i, member == "ExcludeRetainedVariantProperties");
                }
                let Some(v0) = value.first() else {
                    return Err(fail(wpos, format!("--{name} needs a value after it")));
                };
                let vpos = self.pos(v0.start);
                match member {
                    "EndpointName" | "EndpointConfigName" => {
                        let v = self.scalar(v0);
                        set(&mut flags, member, vpos, v);
                    }
                    "DeploymentConfig" => {
                        let v = self.structure(&name, v0, words, first)?;
                        set(&mut flags, member, vpos, v);
                    }
                    "ExcludeRetainedVariantProperties" => {
                        let v = self.exclude(&name, &value, words, first)?;
                        set(&mut flags, member, vpos, v);
                    }
                    _ => {
                        if let Some(file) = (v0.starts_with("file://")
                            || v0.starts_with("fileb://"))
                        .then(|| v0.shown())
                        {
                            return Err(fail(vpos, format!(
                                "--cli-input-json reads `{file}` ({vpos}), a file this page cannot read: paste the file's content instead (a request in the --cli-input-json form imports as it is)"
                            )));
                        }
                        let v = self.structure(&name, v0, words, first)?;
                        if !matches!(v.kind, Kind::Map(_) | Kind::Placeholder(_)) {
                            return Err(fail(
                                vpos,
                                "--cli-input-json takes a JSON object (the request)",
                            ));
                        }
                        if let Kind::Placeholder(expr) = &v.kind {
                            return Err(fail(vpos, format!("--cli-input-json is `{expr}`, which the text does not spell out: paste the request itself")));
                        }
                        input = Some(v);
                    }
                }
                continue;
            }
            if let Some((_, takes)) = GLOBALS.iter().find(|(g, _)| *g == name) {
                if *takes && !inline {
                    take_value(&mut i, false);
                }
                let shown_value = value
                    .first()
                    .map(|v| format!(" {}", v.shown()))
                    .unwrap_or_default();
                ignored.push(format!(
                    "`--{name}{}`",
                    if inline { String::new() } else { shown_value }
                ));
                continue;
            }
            let hint = match name.as_str() {
                "cli-input-yaml" => " (paste the request as JSON: --cli-input-json)".to_string(),
                "generate-cli-skeleton" => {
                    " (it prints an empty request instead of sending one)".to_string()
                }
                _ => String::new(),
            };
            return Err(fail(
                wpos,
                format!("update-endpoint has no option --{name}{hint}; its options are {FLAGS}"),
            ));
        }
        if !ignored.is_empty() {
            let (verb, them) = if ignored.len() == 1 {
                ("is an option", "it was")
            } else {
                ("are options", "they were")
            };
            self.notes.push(format!(
                "{} {verb} of the AWS CLI itself, not of the request; {them} not imported.",
                join_and(&ignored)
            ));
        }
        // The CLI reads --cli-input-json first; options on the command line win.
        let pos = self.pos(first);
        let mut entries = match input {
            Some(Value {
                kind: Kind::Map(e), ..
            }) => e,
            _ => Vec::new(),
        };
        for e in flags {
            set(&mut entries, &e.key, e.key_pos, e.value);
        }
        Ok(Value {
            pos,
            kind: Kind::Map(entries),
        })
    }

    /// A string option: the word, or a placeholder when the shell would fill it in.
    fn scalar(&self, w: &Word) -> Value {
        let pos = self.pos(w.start);
        match w.literal() {
            Some(s) if is_stand_in(&s) => Value {
                pos,
                kind: Kind::Placeholder(s),
            },
            Some(s) => Value {
                pos,
                kind: Kind::Str(s),
            },
            None => Value {
                pos,
                kind: Kind::Placeholder(w.shown()),
            },
        }
    }

    /// A structure option's value: JSON, the shorthand syntax, `file://` or an expansion.
    fn structure(
        &mut self,
        flag: &str,
        w: &Word,
        words: &[Word],
        first: usize,
    ) -> Result<Value, Refusal> {
        let pos = self.pos(w.start);
        if let [Piece::Var { text, .. }] = w.pieces.as_slice() {
            return Ok(Value {
                pos,
                kind: Kind::Placeholder(text.clone()),
            });
        }
        let lit = w.shown();
        let body = lit.trim_start();
        if body.starts_with("file://") || body.starts_with("fileb://") {
            let file = body.trim_end();
            self.notes.push(format!(
                "--{flag} reads `{file}` ({pos}), a file this page cannot read: paste the file's content in place of `{file}` to import it."
            ));
            return Ok(Value {
                pos,
                kind: Kind::Placeholder(file.to_string()),
            });
        }
        if body.starts_with('{') || body.starts_with('[') || body.starts_with('"') {
            return self.json(flag, w, words, first);
        }
        shorthand(&w.pieces, self.lines)
            .map_err(|e| fail(e.pos, format!("--{flag} ({pos}): {}", e.message)))
    }

    /// `VariantPropertyType=DesiredInstanceCount VariantPropertyType=DesiredWeight`, or a
    /// JSON list.
    fn exclude(
        &mut self,
        flag: &str,
        words_of_value: &[&Word],
        words: &[Word],
        first: usize,
    ) -> Result<Value, Refusal> {
        let Some(w0) = words_of_value.first() else {
            return Err(fail(Pos::START, format!("--{flag} needs a value")));
        };
        let pos = self.pos(w0.start);
        let body = w0.shown();
        let body = body.trim_start();
        if words_of_value.len() == 1
            && (body.starts_with('[') || body.starts_with('{') || body.starts_with("file://"))
        {
            let v = self.structure(flag, w0, words, first)?;
            // A single JSON object is a list of one, as the CLI reads it.
            return Ok(match v.kind {
                Kind::Map(_) => Value {
                    pos,
                    kind: Kind::List(vec![v]),
                },
                _ => v,
            });
        }
        let mut items = Vec::new();
        for w in words_of_value {
            if let [Piece::Var { text, .. }] = w.pieces.as_slice() {
                items.push(Value {
                    pos: self.pos(w.start),
                    kind: Kind::Placeholder(text.clone()),
                });
                continue;
            }
            items.push(
                shorthand(&w.pieces, self.lines)
                    .map_err(|e| fail(e.pos, format!("--{flag} ({pos}): {}", e.message)))?,
            );
        }
        Ok(Value {
            pos,
            kind: Kind::List(items),
        })
    }

    /// A JSON value written in a shell word, with its expansions as placeholders and its
    /// positions in the pasted text.
    fn json(
        &mut self,
        flag: &str,
        w: &Word,
        words: &[Word],
        first: usize,
    ) -> Result<Value, Refusal> {
        let (decoded, map, vars) = decode(&w.pieces);
        let vpos = self.pos(w.start);
        match json::parse(&decoded) {
            Ok(mut v) => {
                let dl = Lines::new(&decoded);
                remap(&mut v, &dl, &map, self.lines, &vars, w.end);
                Ok(v)
            }
            Err(e) => {
                let at = Lines::new(&decoded).offset(e.pos);
                let orig = map.get(at).map_or(w.end, |m| m.0);
                let epos = self.pos(orig);
                let (problem, repair) = self.repair(flag, &decoded, &map, w, words, first);
                // The JSON reader's words are about a whole document; here it is one value.
                let said = e
                    .message
                    .replace("the end of the text", "the end of the value")
                    .replace("; a document is exactly one object", "");
                let message = match problem {
                    Some(p) => format!(
                        "--{flag} at {vpos} {p} (the JSON reader stopped at {epos}: {said})"
                    ),
                    None => format!("--{flag} at {vpos} is not valid JSON: {said} ({epos})"),
                };
                let error = ImportError {
                    message,
                    line: Some(vpos.line),
                    column: Some(vpos.column),
                    path: None,
                };
                Err(Refusal { error, repair })
            }
        }
    }

    /// What is wrong with the braces of a JSON value, and the whole command repaired.
    fn repair(
        &self,
        flag: &str,
        decoded: &str,
        map: &[(usize, usize)],
        w: &Word,
        _words: &[Word],
        _first: usize,
    ) -> (Option<String>, Option<Repair>) {
        let (opens, closes) = count_braces(decoded);
        let first_char = decoded.char_indices().find(|(_, c)| !c.is_whitespace());
        let last_char = decoded
            .char_indices()
            .rev()
            .find(|(_, c)| !c.is_whitespace());
        let (Some((fi, fc)), Some((li, lc))) = (first_char, last_char) else {
            return (None, None);
        };
        let end = li + lc.len_utf8();
        // Candidates: (problem, label, edits of the decoded value as (start, end, text)).
        let mut candidates: Vec<(String, String, Vec<Edit>)> = Vec::new();
        let body = decoded.get(fi..end).unwrap_or_default();
        if body.starts_with("\"{") && body.ends_with("}\"") && body.len() > 3 {
            candidates.push((
                "is wrapped in double quotes, which makes it one JSON string instead of an object"
                    .to_string(),
                format!("Remove the double quotes around --{flag}"),
                vec![(fi, fi + 1, String::new()), (end - 1, end, String::new())],
            ));
        }
        if fc == '"' {
            let first_member: String = body
                .chars()
                .skip(1)
                .take_while(|c| *c != '"')
                .take(60)
                .collect();
            let extra = opens.saturating_sub(closes);
            if closes == opens + 1 {
                candidates.push((
                    "is missing its opening brace: it starts with a member name, not '{'"
                        .to_string(),
                    format!("Add the opening brace of --{flag}"),
                    vec![(fi, fi, "{".to_string())],
                ));
            }
            candidates.push((
                format!("is missing its outer braces: it lists members (\"{first_member}\": ...) without the '{{' and '}}' around them, as the developer guide prints it"),
                format!("Add the outer braces around --{flag}"),
                vec![(fi, fi, "{".to_string()), (end, end, "}".repeat(1 + extra))],
            ));
        } else if opens > closes {
            let n = opens - closes;
            let (a, s) = if n == 1 { ("a", "") } else { ("its", "s") };
            let problem = format!(
                "is missing {a} closing brace{s}: it opens {opens} '{{' and closes {closes}"
            );
            candidates.push((
                problem.clone(),
                format!("Add the missing closing brace{s} at the end of --{flag}"),
                vec![(end, end, "}".repeat(n))],
            ));
            // One brace missing inside: try it before each ',', '}' or ']' (short values only).
            if n == 1 && decoded.len() <= 4096 {
                for k in structural(decoded, &[',', '}', ']']) {
                    let at = self.pos(map.get(k).map_or(w.end, |m| m.0));
                    candidates.push((
                        problem.clone(),
                        format!("Add the missing closing brace of --{flag} at {at}"),
                        vec![(k, k, "}".to_string())],
                    ));
                }
            }
        } else if closes > opens && fc == '{' {
            let n = closes - opens;
            candidates.push((
                format!("has {n} '}}' more than '{{': an opening brace is missing"),
                format!("Add the missing opening brace at the start of --{flag}"),
                vec![(fi, fi, "{".repeat(n))],
            ));
            if n == 1 && decoded.ends_with("}}") {
                candidates.push((
                    format!("has {n} '}}' more than '{{'"),
                    format!("Remove the extra closing brace at the end of --{flag}"),
                    vec![(end - 1, end, String::new())],
                ));
            }
        }
        let mut tried = 0;
        for (problem, label, edits) in candidates {
            if json::parse(&apply(decoded, &edits)).is_err() {
                continue;
            }
            if !self.repairs {
                return (Some(problem), None);
            }
            // The same edits on the pasted text.
            let orig: Vec<Edit> = edits
                .iter()
                .map(|(a, b, t)| {
                    let start = |d: usize| map.get(d).map_or(w.end, |m| m.0);
                    let after = |d: usize| {
                        d.checked_sub(1)
                            .and_then(|p| map.get(p))
                            .map_or(w.start, |m| m.1)
                    };
                    if a == b {
                        let at = if *a >= end { after(*a) } else { start(*a) };
                        (at, at, t.clone())
                    } else {
                        (start(*a), after(*b), t.clone())
                    }
                })
                .collect();
            let text = apply(self.text, &orig);
            // Offer the repair only when the repaired command imports.
            tried += 1;
            if import_with(&text, &DesignDocument::default(), false).is_ok() {
                return (Some(problem), Some(Repair { label, text }));
            }
            if tried > 64 {
                break;
            }
        }
        (None, None)
    }
}

/// A change to a text: bytes `start..end` replaced by the string.
type Edit = (usize, usize, String);

/// `text` with `edits` (in order, not overlapping) made.
fn apply(text: &str, edits: &[Edit]) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut at = 0;
    for (a, b, t) in edits {
        if *a < at {
            continue;
        }
        out.push_str(text.get(at..*a).unwrap_or_default());
        out.push_str(t);
        at = *b;
    }
    out.push_str(text.get(at..).unwrap_or_default());
    out
}

/// Byte offsets of `chars` outside JSON strings.
fn structural(s: &str, chars: &[char]) -> Vec<usize> {
    let mut out = Vec::new();
    let mut in_str = false;
    let mut escaped = false;
    for (i, c) in s.char_indices() {
        if in_str {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_str = false,
                _ => {}
            }
        } else if c == '"' {
            in_str = true;
        } else if chars.contains(&c) {
            out.push(i);
        }
    }
    out
}

/// Items joined by commas, the first ten only (a hostile paste may repeat a thing
/// thousands of times; the note stays readable).
pub(crate) fn listed(items: &[String]) -> String {
    const SHOWN: usize = 10;
    let mut out = items
        .iter()
        .take(SHOWN)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if items.len() > SHOWN {
        out.push_str(&format!(" and {} more", items.len() - SHOWN));
    }
    out
}

fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

fn set(entries: &mut Vec<Entry>, key: &str, key_pos: Pos, value: Value) {
    if let Some(e) = entries.iter_mut().find(|e| e.key == key) {
        e.value = value;
        e.key_pos = key_pos;
    } else {
        entries.push(Entry {
            key: key.to_string(),
            key_pos,
            value,
        });
    }
}

/// `<your-endpoint>`, `<ENDPOINT_NAME>`: what the docs write where a value goes.
fn is_stand_in(s: &str) -> bool {
    s.len() > 2 && s.starts_with('<') && s.ends_with('>') && !s[1..s.len() - 1].contains(['<', '>'])
}

/// `{` and `}` outside JSON strings.
fn count_braces(s: &str) -> (usize, usize) {
    let (mut opens, mut closes) = (0, 0);
    let mut in_str = false;
    let mut escaped = false;
    for c in s.chars() {
        if in_str {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_str = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_str = true,
            '{' => opens += 1,
            '}' => closes += 1,
            _ => {}
        }
    }
    (opens, closes)
}

/// The word's text for the JSON reader, with each expansion as a sentinel (quoted when it
/// stands where a value goes); for each byte of it, where it was written; and the
/// expansions as written.
fn decode(pieces: &[Piece]) -> (String, Vec<(usize, usize)>, Vec<String>) {
    let mut out = String::new();
    let mut map = Vec::new();
    let mut vars = Vec::new();
    let mut in_str = false;
    let mut escaped = false;
    let push = |out: &mut String, map: &mut Vec<(usize, usize)>, c: char, s: usize, e: usize| {
        out.push(c);
        for _ in 0..c.len_utf8() {
            map.push((s, e));
        }
    };
    for p in pieces {
        match p {
            Piece::Char { c, start, end } => {
                if in_str {
                    match (escaped, *c) {
                        (true, _) => escaped = false,
                        (false, '\\') => escaped = true,
                        (false, '"') => in_str = false,
                        _ => {}
                    }
                } else if *c == '"' {
                    in_str = true;
                }
                push(&mut out, &mut map, *c, *start, *end);
            }
            Piece::Var { text, start, end } => {
                let mark = format!("{OPEN}{}{CLOSE}", vars.len());
                vars.push(text.clone());
                let quoted = if in_str { mark } else { format!("\"{mark}\"") };
                for c in quoted.chars() {
                    push(&mut out, &mut map, c, *start, *end);
                }
            }
        }
    }
    (out, map, vars)
}

/// Moves the positions of a tree parsed from a decoded word to the pasted text, and turns
/// sentinels and `<stand-ins>` into placeholders.
fn remap(
    v: &mut Value,
    dl: &Lines,
    map: &[(usize, usize)],
    lines: &Lines,
    vars: &[String],
    end: usize,
) {
    let to = |p: Pos| -> Pos { lines.pos(map.get(dl.offset(p)).map_or(end, |m| m.0)) };
    walk(v, &to, vars);
}

fn walk(v: &mut Value, to: &dyn Fn(Pos) -> Pos, vars: &[String]) {
    v.pos = to(v.pos);
    let replace = match &mut v.kind {
        Kind::Map(entries) => {
            for e in entries.iter_mut() {
                e.key_pos = to(e.key_pos);
                walk(&mut e.value, to, vars);
            }
            None
        }
        Kind::List(items) => {
            for item in items.iter_mut() {
                walk(item, to, vars);
            }
            None
        }
        Kind::Str(s) if s.contains(OPEN) => {
            let mut shown = String::new();
            let mut rest = s.as_str();
            while let Some(k) = rest.find(OPEN) {
                shown.push_str(rest.get(..k).unwrap_or_default());
                let after = rest.get(k + OPEN.len_utf8()..).unwrap_or_default();
                let close = after.find(CLOSE).unwrap_or(after.len());
                let n: usize = after
                    .get(..close)
                    .and_then(|d| d.parse().ok())
                    .unwrap_or(usize::MAX);
                shown.push_str(vars.get(n).map_or("$?", String::as_str));
                rest = after.get(close + CLOSE.len_utf8()..).unwrap_or_default();
            }
            shown.push_str(rest);
            Some(shown)
        }
        Kind::Str(s) if is_stand_in(s) => Some(std::mem::take(s)),
        _ => None,
    };
    if let Some(expr) = replace {
        v.kind = Kind::Placeholder(expr);
    }
}

/// The CLI's shorthand syntax: `Key=value,Key={Nested=value},Key=[a,b]`.
fn shorthand(pieces: &[Piece], lines: &Lines) -> Result<Value, ParseError> {
    let mut p = Short {
        pieces,
        i: 0,
        lines,
    };
    let pos = p.pos();
    let entries = p.members(0, None)?;
    if p.i < pieces.len() {
        return Err(ParseError::new(
            p.pos(),
            format!("unexpected {} in the shorthand syntax", p.found()),
        ));
    }
    Ok(Value {
        pos,
        kind: Kind::Map(entries),
    })
}

struct Short<'a> {
    pieces: &'a [Piece],
    i: usize,
    lines: &'a Lines<'a>,
}

impl Short<'_> {
    fn pos(&self) -> Pos {
        let off = self
            .pieces
            .get(self.i)
            .map(Piece::start)
            .or_else(|| self.pieces.last().map(Piece::end))
            .unwrap_or(0);
        self.lines.pos(off)
    }

    fn ch(&self) -> Option<char> {
        match self.pieces.get(self.i) {
            Some(Piece::Char { c, .. }) => Some(*c),
            _ => None,
        }
    }

    fn found(&self) -> String {
        match self.pieces.get(self.i) {
            None => "the end of the value".to_string(),
            Some(Piece::Char { c, .. }) => format!("'{c}'"),
            Some(Piece::Var { text, .. }) => format!("`{text}`"),
        }
    }

    fn skip_ws(&mut self) {
        while self.ch().is_some_and(char::is_whitespace) {
            self.i += 1;
        }
    }

    /// `Key=value` pairs up to `close` (or the end).
    fn members(&mut self, depth: usize, close: Option<char>) -> Result<Vec<Entry>, ParseError> {
        if depth > 32 {
            return Err(ParseError::new(self.pos(), "the value nests too deeply"));
        }
        let mut entries: Vec<Entry> = Vec::new();
        loop {
            self.skip_ws();
            if self.ch() == close && close.is_some() {
                self.i += 1;
                return Ok(entries);
            }
            if self.i >= self.pieces.len() {
                if let Some(c) = close {
                    return Err(ParseError::new(
                        self.pos(),
                        format!("a '{c}' is missing at the end of the value"),
                    ));
                }
                return Ok(entries);
            }
            let key_pos = self.pos();
            let mut key = String::new();
            while let Some(c) = self
                .ch()
                .filter(|c| *c != '=' && *c != ',' && Some(*c) != close)
            {
                key.push(c);
                self.i += 1;
            }
            let key = key.trim().to_string();
            if self.ch() != Some('=') || key.is_empty() {
                return Err(ParseError::new(
                    key_pos,
                    format!(
                        "expected Key=value (the CLI's shorthand syntax) or JSON, found {}",
                        if key.is_empty() {
                            self.found()
                        } else {
                            format!("`{key}` without '='")
                        }
                    ),
                ));
            }
            self.i += 1;
            self.skip_ws();
            let value = self.value(&key, depth, close)?;
            set(&mut entries, &key, key_pos, value);
            self.skip_ws();
            match self.ch() {
                Some(',') => self.i += 1,
                c if c == close && close.is_some() => {}
                None if self.i >= self.pieces.len() => {}
                _ => {
                    return Err(ParseError::new(
                        self.pos(),
                        format!("expected ',' after a value, found {}", self.found()),
                    ))
                }
            }
        }
    }

    fn value(&mut self, key: &str, depth: usize, close: Option<char>) -> Result<Value, ParseError> {
        let pos = self.pos();
        match self.ch() {
            Some('{') => {
                self.i += 1;
                let entries = self.members(depth + 1, Some('}'))?;
                Ok(Value {
                    pos,
                    kind: Kind::Map(entries),
                })
            }
            Some('[') => {
                self.i += 1;
                let mut items = Vec::new();
                loop {
                    self.skip_ws();
                    if self.ch() == Some(']') {
                        self.i += 1;
                        break;
                    }
                    if self.i >= self.pieces.len() {
                        return Err(ParseError::new(pos, "this '[' is never closed"));
                    }
                    let before = self.i;
                    items.push(self.value(key, depth + 1, Some(']'))?);
                    self.skip_ws();
                    match self.ch() {
                        Some(',') => self.i += 1,
                        Some(']') => {}
                        _ if self.i == before || self.i >= self.pieces.len() => {
                            return Err(ParseError::new(
                                self.pos(),
                                format!("expected ',' or ']' in a list, found {}", self.found()),
                            ))
                        }
                        _ => {}
                    }
                }
                Ok(Value {
                    pos,
                    kind: Kind::List(items),
                })
            }
            _ => {
                let mut text = String::new();
                let mut var = false;
                let mut quote: Option<char> = None;
                loop {
                    match self.pieces.get(self.i) {
                        None => break,
                        Some(Piece::Var { text: t, .. }) => {
                            var = true;
                            text.push_str(t);
                        }
                        Some(Piece::Char { c, .. }) => {
                            let c = *c;
                            match quote {
                                Some(q) if c == q => quote = None,
                                Some(_) => text.push(c),
                                None if (c == '"' || c == '\'') && text.trim().is_empty() => {
                                    quote = Some(c)
                                }
                                None if c == ',' || Some(c) == close || c == '}' || c == ']' => {
                                    break
                                }
                                None => text.push(c),
                            }
                        }
                    }
                    self.i += 1;
                }
                let text = text.trim().to_string();
                let kind = if var || is_stand_in(&text) {
                    Kind::Placeholder(text)
                } else if INTEGER_MEMBERS.contains(&key) {
                    match text.parse::<i64>() {
                        Ok(n) => Kind::Int {
                            text,
                            value: Some(n),
                        },
                        Err(_) => Kind::Str(text),
                    }
                } else {
                    Kind::Str(text)
                };
                Ok(Value { pos, kind })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_map_offsets_to_positions_and_back_across_blocks() {
        let text = format!("ab\n{}é€x\n\ny", "-".repeat(130));
        let lines = Lines::new(&text);
        let x = text.find('x').unwrap_or(0);
        assert_eq!(
            lines.pos(x),
            Pos {
                line: 2,
                column: 133
            }
        );
        assert_eq!(
            lines.offset(Pos {
                line: 2,
                column: 133
            }),
            x
        );
        let y = text.find('y').unwrap_or(0);
        assert_eq!(lines.pos(y), Pos { line: 4, column: 1 });
        assert_eq!(lines.offset(Pos { line: 4, column: 1 }), y);
        assert_eq!(lines.offset(Pos { line: 9, column: 1 }), text.len());
    }
}
