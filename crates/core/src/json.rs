//! A strict JSON parser (RFC 8259) into the positioned value tree of `value.rs`.
//! Hand-written because the import must name the line and column of every mistake and
//! refuse duplicate member names, which serde_json silently resolves.

use std::collections::HashMap;

use super::value::{Entry, Kind, ParseError, Pos, Scanner, Value, MAX_DEPTH};

/// Parses one JSON value, with nothing but whitespace around it (a leading BOM is allowed).
pub fn parse(text: &str) -> Result<Value, ParseError> {
    let mut p = Parser {
        s: Scanner::new(text),
    };
    if p.s.text.starts_with('\u{feff}') {
        p.s.bump_n('\u{feff}'.len_utf8());
    }
    p.skip_ws();
    let value = p.value(0)?;
    p.skip_ws();
    if !p.s.at_end() {
        return Err(p.err(format!(
            "unexpected {} after the end of the JSON value; a document is exactly one object",
            p.s.found()
        )));
    }
    Ok(value)
}

struct Parser<'a> {
    s: Scanner<'a>,
}

const VALUE_WORDS: &str = "an object, a list, a string, a number, true, false or null";

impl Parser<'_> {
    fn err(&self, message: impl Into<String>) -> ParseError {
        ParseError::new(self.s.pos(), message)
    }

    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.s.peek() {
            self.s.bump();
        }
    }

    fn value(&mut self, depth: usize) -> Result<Value, ParseError> {
        let pos = self.s.pos();
        let kind = match self.s.peek() {
            Some(b'{') => self.object(depth)?,
            Some(b'[') => self.array(depth)?,
            Some(b'"') => Kind::Str(self.string()?),
            Some(b'-' | b'0'..=b'9') => self.number()?,
            Some(b'\'') => {
                return Err(self.err(format!(
                    "expected {VALUE_WORDS}, found '\\''; JSON strings use double quotes"
                )))
            }
            Some(b'/') => return Err(self.err("JSON has no comments")),
            Some(b) if b.is_ascii_alphabetic() || b == b'_' => self.word()?,
            _ => return Err(self.err(format!("expected {VALUE_WORDS}, found {}", self.s.found()))),
        };
        Ok(Value { pos, kind })
    }

    fn word(&mut self) -> Result<Kind, ParseError> {
        let pos = self.s.pos();
        let start = self.s.i;
        while let Some(b) = self.s.peek() {
            if b.is_ascii_alphanumeric() || b == b'_' {
                self.s.bump();
            } else {
                break;
            }
        }
        let word = self.s.text.get(start..self.s.i).unwrap_or_default();
        let hint = match word {
            "true" => return Ok(Kind::Bool(true)),
            "false" => return Ok(Kind::Bool(false)),
            "null" => return Ok(Kind::Null),
            "True" => "; JSON spells it true",
            "False" => "; JSON spells it false",
            "None" => "; JSON spells it null",
            "NaN" | "Infinity" => "; JSON has no such number",
            _ => "; member names and strings need double quotes",
        };
        let shown: String = word.chars().take(40).collect();
        Err(ParseError::new(
            pos,
            format!("expected {VALUE_WORDS}, found `{shown}`{hint}"),
        ))
    }

    fn object(&mut self, depth: usize) -> Result<Kind, ParseError> {
        if depth >= MAX_DEPTH {
            return Err(self.err(format!("the text nests deeper than {MAX_DEPTH} levels")));
        }
        self.s.bump(); // '{'
        let mut entries: Vec<Entry> = Vec::new();
        let mut seen: HashMap<String, Pos> = HashMap::new();
        self.skip_ws();
        if self.s.peek() == Some(b'}') {
            self.s.bump();
            return Ok(Kind::Map(entries));
        }
        loop {
            self.skip_ws();
            let key_pos = self.s.pos();
            match self.s.peek() {
                Some(b'"') => {}
                Some(b'}') if !entries.is_empty() => return Err(self.err(
                    "expected a member name after ',', found '}'; JSON allows no trailing comma",
                )),
                Some(b'\'') => {
                    return Err(self.err("expected a member name in double quotes, found '\\''"))
                }
                _ => {
                    return Err(self.err(format!(
                        "expected a member name in double quotes or '}}', found {}",
                        self.s.found()
                    )))
                }
            }
            let key = self.string()?;
            if let Some(first) = seen.get(&key) {
                return Err(ParseError::new(
                    key_pos,
                    format!(
                        "duplicate member \"{}\" (first written at {first})",
                        shorten(&key)
                    ),
                ));
            }
            self.skip_ws();
            if self.s.peek() != Some(b':') {
                return Err(self.err(format!(
                    "expected ':' after the member name, found {}",
                    self.s.found()
                )));
            }
            self.s.bump();
            self.skip_ws();
            let value = self.value(depth + 1)?;
            seen.insert(key.clone(), key_pos);
            entries.push(Entry {
                key,
                key_pos,
                value,
            });
            self.skip_ws();
            match self.s.peek() {
                Some(b',') => self.s.bump(),
                Some(b'}') => {
                    self.s.bump();
                    return Ok(Kind::Map(entries));
                }
                _ => {
                    return Err(self.err(format!(
                        "expected ',' or '}}' after an object member, found {}",
                        self.s.found()
                    )))
                }
            }
        }
    }

    fn array(&mut self, depth: usize) -> Result<Kind, ParseError> {
        if depth >= MAX_DEPTH {
            return Err(self.err(format!("the text nests deeper than {MAX_DEPTH} levels")));
        }
        self.s.bump(); // '['
        let mut items = Vec::new();
        self.skip_ws();
        if self.s.peek() == Some(b']') {
            self.s.bump();
            return Ok(Kind::List(items));
        }
        loop {
            self.skip_ws();
            if self.s.peek() == Some(b']') {
                return Err(self
                    .err("expected a value after ',', found ']'; JSON allows no trailing comma"));
            }
            items.push(self.value(depth + 1)?);
            self.skip_ws();
            match self.s.peek() {
                Some(b',') => self.s.bump(),
                Some(b']') => {
                    self.s.bump();
                    return Ok(Kind::List(items));
                }
                _ => {
                    return Err(self.err(format!(
                        "expected ',' or ']' after a list item, found {}",
                        self.s.found()
                    )))
                }
            }
        }
    }

    /// A string at the cursor (which is on the opening quote).
    fn string(&mut self) -> Result<String, ParseError> {
        let open = self.s.pos();
        self.s.bump(); // '"'
        let mut out = String::new();
        loop {
            // Copy the run of ordinary bytes in one go: this keeps a 1 MB paste fast.
            let start = self.s.i;
            while let Some(b) = self.s.peek() {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.s.bump();
            }
            out.push_str(self.s.text.get(start..self.s.i).unwrap_or_default());
            match self.s.peek() {
                None => return Err(ParseError::new(open, "this string is never closed (no ending '\"')")),
                Some(b'"') => {
                    self.s.bump();
                    return Ok(out);
                }
                Some(b'\\') => self.escape(&mut out)?,
                Some(_) => {
                    return Err(self.err(format!(
                        "a raw control character ({}) inside a string; write it as an escape such as \\n",
                        self.s.found()
                    )))
                }
            }
        }
    }

    fn escape(&mut self, out: &mut String) -> Result<(), ParseError> {
        let at = self.s.pos();
        self.s.bump(); // '\\'
        let c = match self.s.peek() {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => {
                self.s.bump();
                let hi = self.hex4(at)?;
                let code = if (0xD800..0xDC00).contains(&hi) {
                    if self.s.peek() != Some(b'\\') || self.s.peek_at(1) != Some(b'u') {
                        return Err(ParseError::new(
                            at,
                            "a \\u escape of a lone surrogate half cannot be imported",
                        ));
                    }
                    self.s.bump_n(2);
                    let lo = self.hex4(at)?;
                    if !(0xDC00..0xE000).contains(&lo) {
                        return Err(ParseError::new(
                            at,
                            "a \\u escape of a lone surrogate half cannot be imported",
                        ));
                    }
                    0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                } else {
                    hi
                };
                let c = char::from_u32(code).ok_or_else(|| {
                    ParseError::new(
                        at,
                        "a \\u escape of a lone surrogate half cannot be imported",
                    )
                })?;
                out.push(c);
                return Ok(());
            }
            _ => {
                return Err(ParseError::new(
                    at,
                    format!(
                    "invalid escape \\{}; JSON knows \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX",
                    self.s.current_char().map(String::from).unwrap_or_default()
                ),
                ))
            }
        };
        self.s.bump();
        out.push(c);
        Ok(())
    }

    fn hex4(&mut self, at: Pos) -> Result<u32, ParseError> {
        let mut code = 0u32;
        for _ in 0..4 {
            let digit = self.s.peek().and_then(|b| char::from(b).to_digit(16));
            let Some(d) = digit else {
                return Err(ParseError::new(
                    at,
                    "a \\u escape needs exactly four hex digits",
                ));
            };
            code = code * 16 + d;
            self.s.bump();
        }
        Ok(code)
    }

    fn digits(&mut self) -> usize {
        let mut n = 0;
        while let Some(b'0'..=b'9') = self.s.peek() {
            self.s.bump();
            n += 1;
        }
        n
    }

    fn number(&mut self) -> Result<Kind, ParseError> {
        let start = self.s.i;
        let mut float = false;
        if self.s.peek() == Some(b'-') {
            self.s.bump();
        }
        let int_start = self.s.pos();
        match self.s.peek() {
            Some(b'0') => {
                self.s.bump();
                if let Some(b'0'..=b'9') = self.s.peek() {
                    return Err(ParseError::new(
                        int_start,
                        "a JSON number cannot start with 0 followed by more digits",
                    ));
                }
            }
            Some(b'1'..=b'9') => {
                self.digits();
            }
            _ => {
                return Err(self.err(format!(
                    "expected a digit after '-', found {}",
                    self.s.found()
                )))
            }
        }
        if self.s.peek() == Some(b'.') {
            self.s.bump();
            float = true;
            if self.digits() == 0 {
                return Err(self.err(format!(
                    "expected a digit after the decimal point, found {}",
                    self.s.found()
                )));
            }
        }
        if let Some(b'e' | b'E') = self.s.peek() {
            self.s.bump();
            float = true;
            if let Some(b'+' | b'-') = self.s.peek() {
                self.s.bump();
            }
            if self.digits() == 0 {
                return Err(self.err(format!(
                    "expected a digit in the exponent, found {}",
                    self.s.found()
                )));
            }
        }
        let text = self
            .s
            .text
            .get(start..self.s.i)
            .unwrap_or_default()
            .to_string();
        Ok(if float {
            let value = text.parse::<f64>().ok().filter(|v| v.is_finite());
            Kind::Float { text, value }
        } else {
            let value = text.parse::<i64>().ok();
            Kind::Int { text, value }
        })
    }
}

/// A member name cut to a readable length for a message.
fn shorten(s: &str) -> String {
    const MAX: usize = 60;
    if s.chars().count() <= MAX {
        s.to_string()
    } else {
        let head: String = s.chars().take(MAX).collect();
        format!("{head}...")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> ParseError {
        match parse(text) {
            Err(e) => e,
            Ok(v) => panic!("accepted {text:?} as {v:?}"),
        }
    }

    #[test]
    fn accepts_the_grammar() {
        let v = parse(
            " {\"a\": [1, -2.5e3, true, false, null, \"x\\n\\u00e9\\ud83d\\ude00\"], \"b\": {}} ",
        )
        .unwrap();
        let Kind::Map(entries) = &v.kind else {
            panic!("not a map")
        };
        assert_eq!(entries[0].key, "a");
        assert_eq!(entries[0].key_pos, Pos { line: 1, column: 3 });
        let Kind::List(items) = &entries[0].value.kind else {
            panic!("not a list")
        };
        assert_eq!(
            items[0].kind,
            Kind::Int {
                text: "1".into(),
                value: Some(1)
            }
        );
        assert_eq!(
            items[1].kind,
            Kind::Float {
                text: "-2.5e3".into(),
                value: Some(-2500.0)
            }
        );
        assert_eq!(items[5].kind, Kind::Str("x\n\u{e9}\u{1F600}".into()));
    }

    #[test]
    fn huge_numbers_are_kept_as_text() {
        let v = parse("[99999999999999999999, 1e400]").unwrap();
        let Kind::List(items) = v.kind else { panic!() };
        assert_eq!(
            items[0].kind,
            Kind::Int {
                text: "99999999999999999999".into(),
                value: None
            }
        );
        assert_eq!(
            items[1].kind,
            Kind::Float {
                text: "1e400".into(),
                value: None
            }
        );
    }

    #[test]
    fn refusals_say_what_and_where() {
        let cases: &[(&str, u32, u32, &str)] = &[
            ("", 1, 1, "expected an object"),
            ("{\"a\": 1,}", 1, 9, "trailing comma"),
            ("[1,]", 1, 4, "trailing comma"),
            ("{\n  \"a\": 1\n  \"b\": 2}", 3, 3, "expected ',' or '}'"),
            ("{\"a\" 1}", 1, 6, "expected ':'"),
            ("{'a': 1}", 1, 2, "double quotes"),
            ("{\"a\": True}", 1, 7, "JSON spells it true"),
            ("{\"a\": 01}", 1, 7, "cannot start with 0"),
            ("{\"a\": 1.}", 1, 9, "after the decimal point"),
            ("{\"a\": -}", 1, 8, "digit after '-'"),
            ("{\"a\": 1e}", 1, 9, "exponent"),
            ("{\"a\": \"x\ty\"}", 1, 9, "control character"),
            ("{\"a\": \"\\q\"}", 1, 8, "invalid escape \\q"),
            ("{\"a\": \"\\ud800\"}", 1, 8, "surrogate"),
            ("{\"a\": \"abc", 1, 7, "never closed"),
            ("{\"a\": 1} x", 1, 10, "after the end"),
            (
                "{\"a\": 1, \"a\": 2}",
                1,
                10,
                "duplicate member \"a\" (first written at line 1, column 2)",
            ),
            ("// c\n{}", 1, 1, "no comments"),
        ];
        for (text, line, column, words) in cases {
            let e = err(text);
            assert_eq!(
                (e.pos.line, e.pos.column),
                (*line, *column),
                "{text:?}: {e}"
            );
            assert!(e.message.contains(words), "{text:?}: {e}");
        }
    }

    #[test]
    fn deep_nesting_is_refused_not_a_stack_overflow() {
        let text = "[".repeat(100_000);
        assert!(err(&text).message.contains("deeper than 64"));
        let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(parse(&ok).is_ok());
        let too_deep = format!("{}{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
        assert!(parse(&too_deep).is_err());
    }

    #[test]
    fn a_megabyte_parses_quickly() {
        let item = "{\"AlarmName\": \"some-alarm-name-with-a-long-tail\"},";
        let body = item.repeat(1_000_000 / item.len());
        let text = format!("[{}1]", body);
        let t = std::time::Instant::now();
        assert!(parse(&text).is_ok());
        assert!(t.elapsed().as_secs_f64() < 2.0, "took {:?}", t.elapsed());
    }
}
