//! base64url.rs against the base64 crate's URL_SAFE_NO_PAD: the same text for any bytes, and
//! the same bytes or the same refusal for any text (padding, foreign symbols, impossible
//! lengths, stray unused bits).

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use designer_core::base64url::{decode, encode};
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2048))]

    #[test]
    fn bytes_encode_as_the_crate_encodes_them(bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
        let text = encode(&bytes);
        prop_assert_eq!(&text, &URL_SAFE_NO_PAD.encode(&bytes));
        prop_assert_eq!(decode(&text), Some(bytes));
    }

    #[test]
    fn text_decodes_as_the_crate_decodes_it(text in "[A-Za-z0-9_-]{0,12}[A-Za-z0-9_=+/ %.-]{0,3}") {
        prop_assert_eq!(decode(&text), URL_SAFE_NO_PAD.decode(&text).ok(), "{:?}", text);
    }

    #[test]
    fn any_text_decodes_as_the_crate_decodes_it(text in any::<String>()) {
        prop_assert_eq!(decode(&text), URL_SAFE_NO_PAD.decode(&text).ok(), "{:?}", text);
    }
}

#[test]
fn every_short_spelling_is_read_as_the_crate_reads_it() {
    // All texts of up to three symbols from a small alphabet that holds both
    // zero and non-zero unused bits, padding and a foreign symbol.
    let symbols = ["A", "B", "Q", "g", "_", "-", "=", "+", "/"];
    let mut texts = vec![String::new()];
    for _ in 0..3 {
        let longer: Vec<String> = texts
            .iter()
            .flat_map(|t| symbols.iter().map(move |s| format!("{t}{s}")))
            .collect();
        texts.extend(longer);
    }
    for text in texts {
        assert_eq!(
            decode(&text),
            URL_SAFE_NO_PAD.decode(&text).ok(),
            "{text:?}"
        );
    }
}
