//! A rules file's endpoint pattern (`*-prod`, the shell's glob as the `glob` crate reads it)
//! as a regular expression matching exactly the same names, in the dialect each engine's
//! regex library reads: Python's `re` (checkov) or RE2 / Rust's `regex` (OPA, regorus,
//! cfn-guard). Every literal character other than an ASCII letter or digit is written as a
//! hex escape, so no character of the pattern can be read as regex syntax or end a
//! surrounding literal (cfn-guard's `/.../`).

/// A regex dialect.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialect {
    /// Python's `re`: `\UHHHHHHHH`, end of text `\Z`.
    Python,
    /// RE2 (Go, OPA) and Rust's `regex` (regorus, cfn-guard): `\x{H..}`, end of text `\z`.
    Re2,
}

/// The whole-name regex for the glob `glob` (as [`designer_team::NamePattern`] accepted it):
/// `*` any run (dots too), `?` one character, `[...]` / `[!...]` a class with ranges, `]`
/// first in a class a member; case-sensitive.
pub fn regex(glob: &str, dialect: Dialect) -> String {
    let chars: Vec<char> = glob.chars().collect();
    let mut out = String::from("(?s)\\A");
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '*' => {
                out.push_str(".*");
                while chars.get(i + 1) == Some(&'*') {
                    i += 1;
                }
            }
            '?' => out.push('.'),
            '[' if class_end(&chars, i).is_some() => {
                let end = class_end(&chars, i).unwrap_or(i);
                let negated = chars.get(i + 1) == Some(&'!');
                let mut j = i + 1 + usize::from(negated);
                out.push('[');
                if negated {
                    out.push('^');
                }
                while j < end {
                    if chars.get(j + 1) == Some(&'-') && j + 2 < end {
                        out.push_str(&literal(chars[j], dialect));
                        out.push('-');
                        out.push_str(&literal(chars[j + 2], dialect));
                        j += 3;
                    } else {
                        out.push_str(&literal(chars[j], dialect));
                        j += 1;
                    }
                }
                out.push(']');
                i = end;
            }
            c => out.push_str(&literal(c, dialect)),
        }
        i += 1;
    }
    out.push_str(match dialect {
        Dialect::Python => "\\Z",
        Dialect::Re2 => "\\z",
    });
    out
}

/// The index of the `]` closing the class opened at `open`, as glob reads it: a `]` right
/// after `[` or `[!` is a member.
fn class_end(chars: &[char], open: usize) -> Option<usize> {
    let mut j = open + 1;
    if chars.get(j) == Some(&'!') {
        j += 1;
    }
    let first = j;
    while j < chars.len() {
        if chars[j] == ']' && j > first {
            return Some(j);
        }
        j += 1;
    }
    None
}

/// One character as itself (ASCII letters and digits) or as a hex escape.
fn literal(c: char, dialect: Dialect) -> String {
    let n = c as u32;
    match c {
        c if c.is_ascii_alphanumeric() => c.to_string(),
        _ if n < 0x80 => format!("\\x{n:02x}"),
        _ => match dialect {
            Dialect::Python => format!("\\U{n:08x}"),
            Dialect::Re2 => format!("\\x{{{n:x}}}"),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs_become_anchored_regexes_with_every_symbol_escaped() {
        assert_eq!(regex("*-prod", Dialect::Re2), "(?s)\\A.*\\x2dprod\\z");
        assert_eq!(regex("ranker-?", Dialect::Python), "(?s)\\Aranker\\x2d.\\Z");
        assert_eq!(regex("[!a-c]x", Dialect::Re2), "(?s)\\A[^a-c]x\\z");
        assert_eq!(regex("[]a]", Dialect::Re2), "(?s)\\A[\\x5da]\\z");
        assert_eq!(regex("é/", Dialect::Python), "(?s)\\A\\U000000e9\\x2f\\Z");
        assert_eq!(regex("é/", Dialect::Re2), "(?s)\\A\\x{e9}\\x2f\\z");
    }
}
