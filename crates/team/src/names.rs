//! Name patterns of a rules file (`*-prod`, `ml.g5.*`): the shell's glob, matched by the
//! `glob` crate, and the check that an endpoint pattern can match a name SageMaker accepts
//! (letters, digits and hyphens, at most 63, neither first nor last a hyphen).

use crate::aws::MAX_ENDPOINT_NAME;

/// One pattern, as written and compiled.
#[derive(Clone, Debug)]
pub struct NamePattern {
    text: String,
    pattern: glob::Pattern,
}

impl PartialEq for NamePattern {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text
    }
}

/// Case-sensitive, and `*` crosses dots (`ml.*` matches `ml.g5.xlarge`): names have no
/// path separators.
const MATCH: glob::MatchOptions =
    glob::MatchOptions { case_sensitive: true, require_literal_separator: false, require_literal_leading_dot: false };

impl NamePattern {
    /// Compiles `text`; the error says what is wrong with it.
    pub fn new(text: &str) -> Result<NamePattern, String> {
        if text.is_empty() {
            return Err("an empty pattern matches no name".to_string());
        }
        let pattern = glob::Pattern::new(text).map_err(|e| format!("the pattern does not read: {} (at character {})", e.msg, e.pos + 1))?;
        Ok(NamePattern { text: text.to_string(), pattern })
    }

    /// `*`: every name.
    pub fn any() -> NamePattern {
        NamePattern::new("*").unwrap_or_else(|_| unreachable!("`*` is a glob"))
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    pub fn matches(&self, name: &str) -> bool {
        self.pattern.matches_with(name, MATCH)
    }

    /// True for `*` alone (every name).
    pub fn is_any(&self) -> bool {
        self.text.chars().all(|c| c == '*')
    }

    /// Why no endpoint name can match, if none can: a character names never have, a hyphen
    /// where a name cannot have one, or more characters than a name holds.
    pub fn endpoint_mismatch(&self) -> Option<String> {
        let atoms = atoms(&self.text);
        let mut min_len = 0usize;
        for a in &atoms {
            match a {
                Atom::Literal(c) if !c.is_ascii_alphanumeric() && *c != '-' => {
                    return Some(format!(
                        "`{c}` cannot appear in an endpoint name (letters, digits and hyphens only)"
                    ))
                }
                Atom::Class(chars, negated) if !negated && !chars.iter().any(|c| c.is_ascii_alphanumeric() || *c == '-') => {
                    return Some("its `[...]` holds no letter, digit or hyphen, the only characters of an endpoint name".to_string())
                }
                Atom::Any => {}
                _ => min_len += 1,
            }
        }
        if min_len > MAX_ENDPOINT_NAME {
            return Some(format!("it needs at least {min_len} characters; an endpoint name has at most {MAX_ENDPOINT_NAME}"));
        }
        if matches!(atoms.first(), Some(Atom::Literal('-'))) {
            return Some("an endpoint name cannot start with a hyphen".to_string());
        }
        if matches!(atoms.last(), Some(Atom::Literal('-'))) {
            return Some("an endpoint name cannot end with a hyphen".to_string());
        }
        None
    }
}

enum Atom {
    Literal(char),
    /// `?`: one character.
    One,
    /// `*`: any run.
    Any,
    /// `[...]`: the characters listed (ranges expanded over ASCII), negated with `!`.
    Class(Vec<char>, bool),
}

/// The pattern as glob reads it (after `NamePattern::new` accepted it).
fn atoms(text: &str) -> Vec<Atom> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '*' => out.push(Atom::Any),
            '?' => out.push(Atom::One),
            '[' => {
                let negated = chars.get(i + 1) == Some(&'!');
                let mut j = i + 1 + usize::from(negated);
                let mut set = Vec::new();
                // A `]` right after the opening is a member, as glob reads it.
                let start = j;
                while j < chars.len() && (chars[j] != ']' || j == start) {
                    if chars.get(j + 1) == Some(&'-') && chars.get(j + 2).is_some_and(|c| *c != ']') {
                        let (lo, hi) = (chars[j] as u32, chars[j + 2] as u32);
                        set.extend((lo..=hi.min(lo + 256)).filter_map(char::from_u32));
                        j += 3;
                    } else {
                        set.push(chars[j]);
                        j += 1;
                    }
                }
                out.push(Atom::Class(set, negated));
                i = j;
            }
            c => out.push(Atom::Literal(c)),
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_match_as_the_shell_does() {
        let p = NamePattern::new("*-prod").unwrap_or_else(|e| panic!("{e}"));
        assert!(p.matches("scoring-prod"));
        assert!(!p.matches("scoring-prod-2"));
        assert!(!p.matches("scoring-Prod"));
        let t = NamePattern::new("ml.g5.*").unwrap_or_else(|e| panic!("{e}"));
        assert!(t.matches("ml.g5.12xlarge"));
        assert!(!t.matches("ml.g4dn.xlarge"));
        assert!(NamePattern::new("[a-").is_err());
        assert!(NamePattern::new("").is_err());
    }

    #[test]
    fn patterns_no_endpoint_name_can_match_say_why() {
        for (text, words) in [
            ("*_prod", "`_`"),
            ("prod-*-", "end with a hyphen"),
            ("-prod*", "start with a hyphen"),
            ("[_.]*", "no letter"),
            (&"a".repeat(64), "at most 63"),
        ] {
            let p = NamePattern::new(text).unwrap_or_else(|e| panic!("{e}"));
            let why = p.endpoint_mismatch().unwrap_or_else(|| panic!("{text} can match"));
            assert!(why.contains(words), "{text}: {why}");
        }
        for text in ["*-prod", "*", "scoring-*", "prod-?", "[a-z]*-prod", "*-*"] {
            let p = NamePattern::new(text).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(p.endpoint_mismatch(), None, "{text}");
        }
    }
}
