//! HCL inside Go, as the Terraform provider's acceptance tests write it: the configuration is
//! a backtick string handed to `fmt.Sprintf`, with verbs (`%[1]q`, `%q`, `%s`, `%d`) where
//! the test's values go. This strips the Go around the backtick strings and turns each verb
//! into an identifier of the same length, so the HCL parses and every byte offset still
//! points into the pasted text.

use std::ops::Range;

/// The HCL to parse (same length as the paste) and where the verbs were.
pub struct Prepared {
    pub hcl: String,
    /// Byte ranges of the Go verbs, in the paste.
    pub verbs: Vec<Range<usize>>,
    /// True when Go code around backtick strings was removed.
    pub go: bool,
}

/// True when `text` is Go code holding HCL in backtick strings.
fn is_go(text: &str) -> bool {
    // Backticks alone are not Go: a heredoc may hold Markdown.
    text.contains('`')
        && (text.contains("fmt.Sprintf(")
            || text.contains("acctest.")
            || (text.contains("func ") && text.contains("return ")))
}

/// True when `text` has a verb where an HCL value goes (`= %[1]q`, `= %d`): HCL copied out of
/// a Go template.
fn has_bare_verbs(text: &str) -> bool {
    text.contains("%[")
        || ["= %q", "= %s", "= %d", "= %v", "= %t"]
            .iter()
            .any(|v| text.contains(v))
}

/// Prepares `text` for the HCL parser.
pub fn prepare(text: &str) -> Prepared {
    let go = is_go(text);
    let mut bytes = text.as_bytes().to_vec();
    if go {
        // Keep what is inside backticks (Go raw strings: no escapes), blank the rest but
        // its line breaks, so that lines and columns stay those of the paste.
        let mut inside = false;
        for b in &mut bytes {
            if *b == b'`' {
                inside = !inside;
                *b = b' ';
            } else if !inside && *b != b'\n' {
                *b = b' ';
            }
        }
    }
    let mut verbs = Vec::new();
    if go || has_bare_verbs(text) {
        let mut i = 0;
        while i < bytes.len() {
            if bytes.get(i) == Some(&b'%') {
                if bytes.get(i + 1) == Some(&b'%') {
                    i += 2;
                    continue;
                }
                if let Some(end) = verb_end(&bytes, i) {
                    if let Some(first) = bytes.get_mut(i) {
                        *first = b'G';
                    }
                    for b in bytes
                        .get_mut(i + 1..end.saturating_sub(1))
                        .unwrap_or(&mut [])
                    {
                        if !b.is_ascii_alphanumeric() {
                            *b = b'_';
                        }
                    }
                    verbs.push(i..end);
                    i = end;
                    continue;
                }
            }
            i += 1;
        }
    }
    // Only ASCII bytes were replaced, by ASCII, at character boundaries: still UTF-8.
    let hcl = String::from_utf8(bytes).unwrap_or_else(|_| text.to_string());
    Prepared { hcl, verbs, go }
}

/// The end (exclusive) of a Go verb starting at `start` (`%`): `%[n]`, flags, width,
/// precision, then a letter.
fn verb_end(bytes: &[u8], start: usize) -> Option<usize> {
    let mut i = start + 1;
    if bytes.get(i) == Some(&b'[') {
        i += 1;
        let digits = i;
        while bytes.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if i == digits || bytes.get(i) != Some(&b']') {
            return None;
        }
        i += 1;
    }
    while bytes
        .get(i)
        .is_some_and(|b| matches!(b, b'-' | b'+' | b'#' | b'0'..=b'9' | b'.'))
    {
        i += 1;
    }
    match bytes.get(i) {
        Some(b) if b.is_ascii_alphabetic() => Some(i + 1),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_is_blanked_and_verbs_keep_their_length() {
        let text = "return fmt.Sprintf(`\nname = %[1]q\n`, rName)";
        let p = prepare(text);
        assert!(p.go);
        assert_eq!(p.hcl.len(), text.len());
        assert!(p.hcl.contains("name = G_1_q"), "{}", p.hcl);
        assert!(!p.hcl.contains("Sprintf"));
        assert_eq!(p.verbs.len(), 1);
        assert_eq!(text.get(p.verbs[0].clone()), Some("%[1]q"));
    }
}
