//! The share link: a design document packed into a URL fragment and read back.
//!
//! Format `d1.<payload>`: `d1` names the format version, the payload is the compact
//! document JSON compressed as a zlib stream (deflate plus an Adler-32 checksum, so an
//! edited or truncated link is refused rather than read as a different design) and
//! written in unpadded base64url, whose alphabet needs no escaping in a fragment.

use super::base64url;
use super::import::{parse_document, parse_review_document};
use super::model::DesignDocument;
use super::write::plain_json;

/// The format version this build writes and reads.
pub const FORMAT_VERSION: u32 = 1;

/// The largest document JSON a link may inflate to. A real design is a few kilobytes;
/// the cap stops a crafted link (a "deflate bomb") from eating the tab's memory.
pub const MAX_DOCUMENT_BYTES: usize = 4 * 1024 * 1024;

/// The longest fragment looked at, so that decoding base64 is bounded too (browsers cap
/// URLs at about 2 MB; a real share link is a few hundred characters).
pub const MAX_FRAGMENT_CHARS: usize = MAX_DOCUMENT_BYTES;

/// Why a fragment could not be opened as a design.
#[derive(Clone, Debug, PartialEq)]
pub enum ShareError {
    /// The fragment is not in the designer's format at all (another page's anchor,
    /// an empty fragment).
    NotADesignLink,
    /// The fragment looks like a designer link but its content is broken; the detail
    /// says what broke.
    Damaged(String),
    /// Made by a newer version of the designer that this one cannot read.
    NewerVersion(u32),
    /// The design would be larger than [`MAX_DOCUMENT_BYTES`].
    TooLarge,
}

impl ShareError {
    /// The sentence the page shows.
    pub fn message(&self) -> String {
        match self {
            ShareError::NotADesignLink => {
                "This link does not contain a design: its part after '#' was not made by the designer's Share button.".to_string()
            }
            ShareError::Damaged(detail) => format!(
                "This share link is damaged (it may have been cut short or edited when it was copied): {detail}"
            ),
            ShareError::NewerVersion(v) => format!(
                "This link was made by a newer version of the designer (link format {v}; this page reads format {FORMAT_VERSION}). Reload the page to get the newest version."
            ),
            ShareError::TooLarge => format!(
                "This link's design is too large to open (over {} MB).",
                MAX_DOCUMENT_BYTES / (1024 * 1024)
            ),
        }
    }
}

impl std::fmt::Display for ShareError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for ShareError {}

/// The fragment (without `#`) that reopens `doc`.
pub fn encode(doc: &DesignDocument) -> String {
    encode_json(&link_json(doc))
}

/// Reads a fragment made by [`encode`], with or without its leading `#` (a whole URL is
/// accepted too: only what follows its first `#` is read).
pub fn decode(fragment: &str) -> Result<DesignDocument, ShareError> {
    let json = decode_json(fragment)?;
    parse_document(&json)
        .map_err(|e| ShareError::Damaged(format!("its design could not be read: {}", e.message)))
}

/// The document JSON inside a fragment, before it is parsed: every check of [`decode`]
/// but the document's own.
pub fn decode_json(fragment: &str) -> Result<String, ShareError> {
    let packed = packed_of(fragment)?;
    let bytes =
        miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(&packed, MAX_DOCUMENT_BYTES)
            .map_err(|e| match e.status {
                miniz_oxide::inflate::TINFLStatus::HasMoreOutput => ShareError::TooLarge,
                miniz_oxide::inflate::TINFLStatus::Adler32Mismatch => {
                    ShareError::Damaged("its checksum does not match its content".to_string())
                }
                _ => ShareError::corrupt(),
            })?;
    text_of(bytes)
}

/// The fragment that opens a review: `doc` (the design) with `baseline` (what runs now)
/// in the document's `Baseline` member. Without a baseline it is [`encode`]'s link, so a
/// review of a design alone is an ordinary share link.
pub fn encode_review(doc: &DesignDocument, baseline: Option<&DesignDocument>) -> String {
    let Some(baseline) = baseline else {
        return encode(doc);
    };
    encode_json(&review_json(doc, Some(baseline)))
}

/// The fragment carrying `json` (a document's JSON text) packed as [`encode`] packs it.
pub fn encode_json(json: &str) -> String {
    let packed = miniz_oxide::deflate::compress_to_vec_zlib(json.as_bytes(), 9);
    fragment_of(&packed)
}

/// Reads a fragment made by [`encode_review`] or [`encode`]: the design and, when the link
/// carries one, the baseline. Old links (one design) give no baseline.
pub fn decode_review(
    fragment: &str,
) -> Result<(DesignDocument, Option<DesignDocument>), ShareError> {
    let json = decode_json(fragment)?;
    parse_review_document(&json)
        .map_err(|e| ShareError::Damaged(format!("its design could not be read: {}", e.message)))
}

// The steps of the links' encoding and decoding around the compression, for a page that
// compresses with the browser's CompressionStream / DecompressionStream("deflate"), which
// write and read the same zlib streams: the page's wasm then carries no inflater or deflater.

/// The document JSON a link carries, before compression.
pub fn link_json(doc: &DesignDocument) -> String {
    plain_json(doc)
}

/// The JSON a review link carries: [`link_json`] of `doc`, with `baseline` (when there is
/// one) as its `Baseline` member.
pub fn review_json(doc: &DesignDocument, baseline: Option<&DesignDocument>) -> String {
    let design = plain_json(doc);
    let Some(baseline) = baseline else {
        return design;
    };
    // The design's object with one more member: the baseline.
    match design.strip_suffix('}') {
        Some(open) => format!("{open},\"Baseline\":{}}}", plain_json(baseline)),
        None => design,
    }
}

/// The fragment for `packed`: a link's JSON compressed as a zlib stream.
pub fn fragment_of(packed: &[u8]) -> String {
    format!("d{FORMAT_VERSION}.{}", base64url::encode(packed))
}

/// The zlib stream inside a fragment (accepted as [`decode`] accepts it): every check
/// before inflating.
pub fn packed_of(fragment: &str) -> Result<Vec<u8>, ShareError> {
    let fragment = fragment.trim();
    let fragment = match fragment.split_once('#') {
        Some((_, after)) => after,
        None => fragment,
    };
    let (version, payload) = split_version(fragment).ok_or(ShareError::NotADesignLink)?;
    if version != FORMAT_VERSION {
        return Err(ShareError::NewerVersion(version));
    }
    if payload.len() > MAX_FRAGMENT_CHARS {
        return Err(ShareError::TooLarge);
    }
    base64url::decode(payload).ok_or_else(|| {
        ShareError::Damaged(
            "it contains characters or a length that a link made by the designer cannot have"
                .to_string(),
        )
    })
}

/// The design and baseline in `inflated`, the bytes of a fragment's zlib stream (at most
/// [`MAX_DOCUMENT_BYTES`]: the inflater stops there and reports [`ShareError::TooLarge`]),
/// as [`decode_review`] reads them.
pub fn review_of(
    inflated: Vec<u8>,
) -> Result<(DesignDocument, Option<DesignDocument>), ShareError> {
    let json = text_of(inflated)?;
    parse_review_document(&json)
        .map_err(|e| ShareError::Damaged(format!("its design could not be read: {}", e.message)))
}

/// The design in `inflated`, as [`decode`] reads it.
pub fn document_of(inflated: Vec<u8>) -> Result<DesignDocument, ShareError> {
    let json = text_of(inflated)?;
    parse_document(&json)
        .map_err(|e| ShareError::Damaged(format!("its design could not be read: {}", e.message)))
}

impl ShareError {
    /// A zlib stream that does not inflate (cut short, edited, or failing its checksum).
    pub fn corrupt() -> Self {
        ShareError::Damaged("its compressed data is incomplete or corrupt".to_string())
    }
}

fn text_of(bytes: Vec<u8>) -> Result<String, ShareError> {
    String::from_utf8(bytes)
        .map_err(|_| ShareError::Damaged("its content is not UTF-8 text".to_string()))
}

/// Splits `d<version>.<payload>`; `None` when the fragment is not in that form. Version
/// 0 is not a version the designer ever wrote; a version too large for `u32` is
/// reported as the largest one (it can only come from the future or from tampering).
fn split_version(fragment: &str) -> Option<(u32, &str)> {
    let rest = fragment.strip_prefix('d')?;
    let (digits, payload) = rest.split_once('.')?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) || digits.starts_with('0') {
        return None;
    }
    Some((digits.parse().unwrap_or(u32::MAX), payload))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fragments_use_only_fragment_safe_characters() {
        let fragment = encode(&DesignDocument::default());
        assert!(fragment.starts_with("d1."));
        assert!(
            fragment
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b)),
            "{fragment}"
        );
    }

    #[test]
    fn versions_are_read_from_the_prefix() {
        let cases = [
            ("d1.abc", Some((1, "abc"))),
            ("d2.", Some((2, ""))),
            ("d99999999999.x", Some((u32::MAX, "x"))),
            ("d0.x", None),
            ("d01.x", None),
            ("d.x", None),
            ("dx.1", None),
            ("e1.x", None),
            ("d1", None),
            ("", None),
        ];
        for (input, want) in cases {
            assert_eq!(split_version(input), want, "{input:?}");
        }
    }
}
