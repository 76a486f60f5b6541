//! Import of text copied from a page: Markdown (a README, an issue, a chat answer) with code
//! fences (```` ``` ```` or `~~~`, with a language or none) and prose around them in any
//! human language. Every block is read as its own text, at its own lines (each block is
//! imported with the lines before it left blank, so every place named stays the paste's);
//! the block that holds the request is imported and the others are named in the notes.

use designer_core::model::DesignDocument;
use designer_core::value::Pos;

use crate::sdk::refuse_at;
use crate::{Options, Outcome, Refusal};

/// Blocks read at most: a page of many snippets is read up to here (those with a request's
/// signs first).
const MAX_TRIED: usize = 24;

/// One fenced block.
struct Block {
    /// 1-based line of the block's first line of code.
    line: u32,
    /// The info string's first word (`python`, `bash`), empty when none.
    lang: String,
    /// Byte range of its code in the paste.
    start: usize,
    end: usize,
    closed: bool,
}

/// A fence line: its character, its length and its info string.
fn fence(line: &str) -> Option<(char, usize, &str)> {
    let t = line.trim_start_matches([' ', '\t', '>']).trim_start();
    let c = t.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let n = t.chars().take_while(|x| *x == c).count();
    (n >= 3).then(|| (c, n, t.get(n..).unwrap_or("").trim()))
}

/// True when `text` has a pair of code fences, or starts with one (the end of a page not
/// copied).
pub fn detect(text: &str) -> bool {
    let mut fences = 0;
    for line in text.lines() {
        if fence(line).is_some() {
            fences += 1;
            if fences >= 2 {
                return true;
            }
        }
    }
    fences == 1 && text.trim_start().lines().next().is_some_and(|l| fence(l).is_some())
}

fn blocks(text: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut open: Option<(char, usize, Block)> = None;
    let mut offset = 0usize;
    let mut line_no = 0u32;
    for line in text.split_inclusive('\n') {
        line_no = line_no.saturating_add(1);
        let here = offset;
        offset += line.len();
        let f = fence(line.trim_end_matches(['\n', '\r']));
        match (&mut open, f) {
            (None, Some((c, n, info))) => {
                if c == '`' && info.contains('`') {
                    continue; // inline code, not a fence
                }
                let lang = info.split_whitespace().next().unwrap_or("").trim_matches(['{', '}', '.']);
                open = Some((
                    c,
                    n,
                    Block { line: line_no.saturating_add(1), lang: lang.to_ascii_lowercase(), start: offset, end: offset, closed: false },
                ));
            }
            (Some((c, n, _)), Some((c2, n2, info))) if *c == c2 && n2 >= *n && info.is_empty() => {
                if let Some((_, _, mut b)) = open.take() {
                    b.end = here;
                    b.closed = true;
                    out.push(b);
                }
            }
            _ => {}
        }
    }
    if let Some((_, _, mut b)) = open {
        b.end = text.len();
        out.push(b);
    }
    out
}

/// True when a block looks like it holds a request (or a policy).
fn signed(code: &str) -> bool {
    ["ndpoint", "eploymentConfig", "eployment_config", "Policy", "olicy"]
        .iter()
        .any(|s| code.contains(s))
}

fn describe(b: &Block) -> String {
    if b.lang.is_empty() {
        format!("The code block at line {}", b.line)
    } else {
        format!("The {} block at line {}", b.lang, b.line)
    }
}

/// Forms that are a request (not alarms alone, not a policy alone): preferred.
fn is_request(o: &Outcome) -> bool {
    !o.form.contains("alarm") && !o.form.starts_with("a bare")
}

/// Reads `text` onto a copy of `current`.
pub fn import(text: &str, current: &DesignDocument, options: &Options) -> Result<Outcome, Refusal> {
    let all = blocks(text);
    if all.is_empty() {
        return Err(refuse_at(Pos::START, "Found a code fence but no code block in it".to_string()));
    }
    // Blocks with a request's signs first, each in the paste's order.
    let mut order: Vec<usize> = (0..all.len()).collect();
    order.sort_by_key(|&i| !all.get(i).is_some_and(|b| signed(text.get(b.start..b.end).unwrap_or(""))));
    let mut read: Vec<(usize, Result<Outcome, Refusal>)> = Vec::new();
    for &i in order.iter().take(MAX_TRIED) {
        let Some(b) = all.get(i) else { continue };
        let code = text.get(b.start..b.end).unwrap_or("");
        if code.trim().is_empty() {
            continue;
        }
        // The lines before the block left blank: every line and column is the paste's.
        let mut at_place = "\n".repeat(usize::try_from(b.line).unwrap_or(1).saturating_sub(1));
        at_place.push_str(code);
        read.push((i, crate::import_text(&at_place, current, options, false)));
    }
    read.sort_by_key(|(i, _)| *i);
    let chosen = read
        .iter()
        .position(|(_, r)| r.as_ref().is_ok_and(is_request))
        .or_else(|| read.iter().position(|(_, r)| r.is_ok()));
    let Some(chosen) = chosen else {
        // None reads: the refusal of the first block with a request's signs, else the first.
        let pick = read
            .iter()
            .position(|(i, _)| all.get(*i).is_some_and(|b| signed(text.get(b.start..b.end).unwrap_or(""))))
            .unwrap_or(0);
        return match read.into_iter().nth(pick) {
            Some((i, Err(mut r))) => {
                if let Some(b) = all.get(i) {
                    r.error.message = format!("{}: {}", describe(b), r.error.message);
                }
                // A repair is of the block's text, not of the paste: not offered.
                r.repair = None;
                Err(r)
            }
            _ => Err(refuse_at(Pos::START, "None of the code blocks holds a request to import".to_string())),
        };
    };
    let mut notes = Vec::new();
    let mut outcome = None;
    for (k, (i, r)) in read.into_iter().enumerate() {
        let Some(b) = all.get(i) else { continue };
        match r {
            Ok(o) if k == chosen => outcome = Some((b.line, b.closed, o)),
            Ok(o) => notes.push(format!("{} is {} too; it was read but not imported.", describe(b), o.form)),
            Err(e) => {
                let mut why: String = e.error.message.chars().take(160).collect();
                if why.len() < e.error.message.len() {
                    why.push_str("...");
                }
                notes.push(format!("{} was read but holds nothing to import: {why}", describe(b)));
            }
        }
    }
    let Some((line, closed, mut o)) = outcome else {
        return Err(refuse_at(Pos::START, "None of the code blocks holds a request to import".to_string()));
    };
    o.form = format!("{} in a Markdown code block at line {line}", o.form);
    if !closed {
        o.notes.push(format!("The code block at line {line} has no closing fence; it was read to the end of the text."));
    }
    if all.len() > MAX_TRIED {
        notes.push(format!("The text has {} code blocks; the first {MAX_TRIED} with a request's signs were read.", all.len()));
    }
    o.notes.extend(notes);
    Ok(o)
}
