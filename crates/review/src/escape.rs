//! Markdown quoting: one function per context (inline text, a code span, a fenced block,
//! the one link), so that any text a user typed renders as that text and nothing else.
//!
//! Why each rule (CommonMark 0.31 and GitHub's extensions):
//! - Any ASCII punctuation may be backslash-escaped; an escaped character is literal text.
//!   The ones escaped here are those GFM gives a meaning inline: emphasis `* _`,
//!   strikethrough `~`, code `` ` ``, links, images and footnotes `[ ]` (without them
//!   `(`, `)` and `!` mean nothing), table cells `|`, the backslash itself, headings'
//!   closing `#` and GitHub's issue references, math `$`, mentions and e-mail autolinks
//!   `@`, and the autolink extension's `:` and `.` where a URL or domain could go on
//!   (`http://x`, `www.x`): an escape splits the text where a renderer looks for them.
//!   A `.` or `:` before a space or the end, or a `.` between digits, cannot start a
//!   link, so prose and numbers stay readable.
//! - `<` and `&` are written as entities, so no HTML tag, comment or entity can start.
//! - A line break would end a table row or a list item: newlines become spaces.
//! - Characters a reader cannot see (bidi overrides, zero-width marks, controls) are
//!   written as `⟨U+202E⟩`, so that the review shows what the request carries.

use designer_core::export::is_invisible;

/// ASCII punctuation with a meaning in GFM inline text wherever it stands.
const SPECIAL: &str = "\\`*_[]|~#$@";

/// `c` as a visible code point, for characters that do not show.
fn visible(c: char, out: &mut String) -> bool {
    if c.is_control() || is_invisible(c) {
        out.push_str(&format!("⟨U+{:04X}⟩", u32::from(c)));
        true
    } else {
        false
    }
}

/// Inline text, safe anywhere inline: in a paragraph, a list item, a heading or a table
/// cell.
pub fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut chars = s.chars().peekable();
    let mut previous = ' ';
    while let Some(c) = chars.next() {
        let next = chars.peek().copied();
        let goes_on = next.is_some_and(|n| !n.is_whitespace());
        let between_digits = previous.is_ascii_digit() && next.is_some_and(|n| n.is_ascii_digit());
        previous = c;
        match c {
            '\r' => {
                // \r\n is one line break.
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push(' ');
            }
            '\n' | '\t' => out.push(' '),
            '<' => out.push_str("&lt;"),
            '&' => out.push_str("&amp;"),
            c if SPECIAL.contains(c) => {
                out.push('\\');
                out.push(c);
            }
            ':' | '.' if goes_on && !(c == '.' && between_digits) => {
                out.push('\\');
                out.push(c);
            }
            c => {
                if !visible(c, &mut out) {
                    out.push(c);
                }
            }
        }
    }
    out
}

/// The content of a code span: one line, invisible characters made visible.
fn code_content(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\r' | '\n' | '\t' => out.push(' '),
            c => {
                if !visible(c, &mut out) {
                    out.push(c);
                }
            }
        }
    }
    out
}

/// The longest run of backticks in `s`.
fn longest_backtick_run(s: &str) -> usize {
    let (mut best, mut run) = (0, 0);
    for c in s.chars() {
        if c == '`' {
            run += 1;
            best = best.max(run);
        } else {
            run = 0;
        }
    }
    best
}

fn span(content: &str) -> String {
    let fence = "`".repeat(longest_backtick_run(content) + 1);
    // A span's content loses one space at each end when it has one at both ends; and a
    // backtick at an end would join the fence. Padding with a space on both sides covers
    // both (it is the one space the renderer removes).
    let pad = content.starts_with('`')
        || content.ends_with('`')
        || (content.starts_with(' ') && content.ends_with(' ') && content.trim() != "");
    if pad {
        format!("{fence} {content} {fence}")
    } else if content.is_empty() {
        // An empty code span is not a span; show the emptiness in words.
        "(empty)".to_string()
    } else {
        format!("{fence}{content}{fence}")
    }
}

/// A code span outside a table, whose fence is longer than any backtick run in `s`.
pub fn code(s: &str) -> String {
    span(&code_content(s))
}

/// A code span in a table cell: as [`code`], and `|` escaped, which GFM requires even
/// inside a span (the table is split into cells before spans are read).
pub fn code_in_cell(s: &str) -> String {
    span(&code_content(s)).replace('|', "\\|")
}

/// A fenced code block with an info string; the fence is longer than any backtick run in
/// `s`, so no line of `s` can close it.
pub fn code_block(s: &str, info: &str) -> String {
    let fence = "`".repeat((longest_backtick_run(s) + 1).max(3));
    let mut out = format!("{fence}{info}\n");
    for line in s.lines() {
        out.push_str(line);
        out.push('\n');
    }
    out.push_str(&fence);
    out.push('\n');
    out
}

/// The review link: `[label](url)` for an `http(s)` URL, with every character that could
/// end the destination percent-encoded; anything else is shown as code, not linked.
pub fn link(label: &str, url: &str) -> String {
    let url = url.trim();
    let lower = url.to_ascii_lowercase();
    if !(lower.starts_with("https://") || lower.starts_with("http://")) {
        return format!("{}: {}\n", text(label), code(url));
    }
    let mut dest = String::with_capacity(url.len());
    for b in url.bytes() {
        let safe = b.is_ascii_alphanumeric() || b"-._~:/?#@!$&'*+,;=%".contains(&b);
        if safe {
            dest.push(char::from(b));
        } else {
            dest.push_str(&format!("%{b:02X}"));
        }
    }
    format!("[{}]({dest})\n", text(label))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_escapes_what_gfm_reads_and_keeps_the_rest() {
        let cases = [
            ("fraud-scoring", "fraud-scoring"),
            ("a|b", "a\\|b"),
            ("<script>", "&lt;script>"),
            ("[x](javascript:alert(1))", "\\[x\\](javascript\\:alert(1))"),
            ("![i](http://x)", "!\\[i\\](http\\://x)"),
            ("www.x.com, me@x.com.", "www\\.x\\.com, me\\@x\\.com."),
            ("Bake cut: 4.7 hours.", "Bake cut: 4.7 hours."),
            ("*a* _b_ ~c~", "\\*a\\* \\_b\\_ \\~c\\~"),
            ("line1\nline2\r\nline3", "line1 line2 line3"),
            ("&amp;", "&amp;amp;"),
            ("back\\slash", "back\\\\slash"),
            ("rtl\u{202E}x", "rtl⟨U+202E⟩x"),
            ("nul\0", "nul⟨U+0000⟩"),
            ("émoji 🚨", "émoji 🚨"),
        ];
        for (input, want) in cases {
            assert_eq!(text(input), want, "{input:?}");
        }
    }

    #[test]
    fn code_spans_outgrow_the_backticks_inside() {
        let cases = [
            ("plain", "`plain`"),
            ("a`b", "``a`b``"),
            ("``x", "``` ``x ```"),
            ("x`", "`` x` ``"),
            (" both ", "`  both  `"),
            (" left", "` left`"),
            ("a\nb", "`a b`"),
            ("", "(empty)"),
        ];
        for (input, want) in cases {
            assert_eq!(code(input), want, "{input:?}");
        }
        assert_eq!(code_in_cell("a|b"), "`a\\|b`");
    }

    #[test]
    fn a_block_fence_is_longer_than_any_run_inside() {
        let block = code_block("{\n  \"A\": \"````\"\n}", "json");
        assert!(block.starts_with("`````json\n"), "{block}");
        assert!(block.ends_with("\n`````\n"), "{block}");
        assert!(code_block("{}", "json").starts_with("```json\n"));
    }

    #[test]
    fn only_web_links_are_linked_and_their_destination_cannot_end_early() {
        assert_eq!(
            link("Open", "https://example.com/designer/#r1.abc_-"),
            "[Open](https://example.com/designer/#r1.abc_-)\n"
        );
        assert_eq!(
            link("Open", "https://x/a b)<c>"),
            "[Open](https://x/a%20b%29%3Cc%3E)\n"
        );
        assert_eq!(
            link("Open", "javascript:alert(1)"),
            "Open: `javascript:alert(1)`\n"
        );
    }
}
