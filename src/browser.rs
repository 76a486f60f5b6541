//! The page's few contacts with the browser outside the DOM tree Leptos manages:
//! storage, the URL fragment, the clipboard, downloads, file reading, media queries and
//! the share link's compression.
//! Every call reports failure as a value; none of them panics.

use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};

use crate::core::share::ShareError;

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

/// Why storage did not take the draft.
#[derive(Clone, Debug, PartialEq)]
pub enum StorageError {
    /// The browser offers no storage (blocked, private mode, sandboxed frame).
    Unavailable,
    /// The browser refused to write (quota exceeded or similar).
    Refused(String),
}

fn storage() -> Result<web_sys::Storage, StorageError> {
    window()
        .and_then(|w| w.local_storage().ok().flatten())
        .ok_or(StorageError::Unavailable)
}

/// Reads a value from localStorage.
pub fn storage_get(key: &str) -> Result<Option<String>, StorageError> {
    storage()?
        .get_item(key)
        .map_err(|e| StorageError::Refused(js_message(&e)))
}

/// Writes a value to localStorage.
pub fn storage_set(key: &str, value: &str) -> Result<(), StorageError> {
    storage()?
        .set_item(key, value)
        .map_err(|e| StorageError::Refused(js_message(&e)))
}

/// Removes a value from localStorage (best effort).
pub fn storage_remove(key: &str) {
    if let Ok(s) = storage() {
        let _ = s.remove_item(key);
    }
}

/// The text of a JavaScript error value.
pub fn js_message(e: &JsValue) -> String {
    if let Some(err) = e.dyn_ref::<js_sys::Error>() {
        return String::from(err.message());
    }
    e.as_string().unwrap_or_else(|| "unknown error".to_string())
}

/// The URL fragment without its '#', if any.
pub fn fragment() -> Option<String> {
    let hash = window()?.location().hash().ok()?;
    let h = hash.strip_prefix('#').unwrap_or(&hash);
    if h.is_empty() {
        None
    } else {
        Some(h.to_string())
    }
}

/// The page's address without its fragment (works under any sub-path).
pub fn page_address() -> String {
    let Some(href) = window().and_then(|w| w.location().href().ok()) else {
        return String::new();
    };
    match href.find('#') {
        Some(i) => href[..i].to_string(),
        None => href,
    }
}

/// Drops the fragment from the address bar without reloading or adding history.
pub fn clear_fragment() {
    if let Some(w) = window() {
        if let Ok(history) = w.history() {
            let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&page_address()));
        }
    }
}

/// Copies text to the clipboard; resolves to whether it worked.
pub async fn copy_text(text: String) -> bool {
    let Some(w) = window() else { return false };
    // A page served over plain http (not localhost) has no `navigator.clipboard`; calling
    // into `undefined` would throw through the wasm, so ask first.
    let navigator = w.navigator();
    let has = js_sys::Reflect::get(&navigator, &JsValue::from_str("clipboard"))
        .is_ok_and(|c| !c.is_undefined() && !c.is_null());
    if !has {
        return false;
    }
    let promise = navigator.clipboard().write_text(&text);
    wasm_bindgen_futures::JsFuture::from(promise).await.is_ok()
}

/// Offers `text` as a file download named `name`.
pub fn download(name: &str, mime: &str, text: &str) -> Result<(), String> {
    let w = window().ok_or("no window")?;
    let doc = w.document().ok_or("no document")?;
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts)
        .map_err(|e| js_message(&e))?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|e| js_message(&e))?;
    let a: web_sys::HtmlAnchorElement = doc
        .create_element("a")
        .map_err(|e| js_message(&e))?
        .dyn_into()
        .map_err(|_| "not an anchor")?;
    a.set_href(&url);
    a.set_download(name);
    a.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// Reads a file the user picked or dropped, as text.
pub async fn read_file(file: web_sys::File) -> Result<String, String> {
    let text = wasm_bindgen_futures::JsFuture::from(file.text())
        .await
        .map_err(|e| js_message(&e))?;
    text.as_string()
        .ok_or_else(|| "the file is not text".to_string())
}

/// True when a media query matches (e.g. `(prefers-reduced-motion: reduce)`).
pub fn media_matches(query: &str) -> bool {
    window()
        .and_then(|w| w.match_media(query).ok().flatten())
        .is_some_and(|m| m.matches())
}

/// Sets or removes an attribute on the root `<html>` element.
pub fn set_root_attribute(name: &str, value: Option<&str>) {
    let Some(root) = window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    else {
        return;
    };
    let _ = match value {
        Some(v) => root.set_attribute(name, v),
        None => root.remove_attribute(name),
    };
}

/// Moves keyboard focus to the element with `id`, scrolling it into view.
pub fn focus_id(id: &str) -> bool {
    let Some(el) = window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
    else {
        return false;
    };
    el.scroll_into_view();
    match el.dyn_into::<web_sys::HtmlElement>() {
        Ok(h) => h.focus().is_ok(),
        Err(_) => false,
    }
}

/// Asks the user `message` (OK / Cancel); true when they said OK, or when the browser
/// cannot ask.
pub fn confirm(message: &str) -> bool {
    window().is_none_or(|w| w.confirm_with_message(message).unwrap_or(true))
}

/// Sets the value of the form control with `id` (a select put back after a cancel).
pub fn set_value(id: &str, value: &str) {
    let el = window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(id));
    if let Some(select) = el.and_then(|e| e.dyn_into::<web_sys::HtmlSelectElement>().ok()) {
        select.set_value(value);
    }
}

/// Opens the browser's print dialog.
pub fn print() {
    if let Some(w) = window() {
        let _ = w.print();
    }
}

/// Milliseconds since the page started (for the animation clock).
pub fn now_ms() -> f64 {
    window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or(0.0)
}

// The share link's zlib stream, through the browser's CompressionStream and
// DecompressionStream ("deflate" is zlib: the format links have always used), so that the
// page's wasm carries no deflater or inflater. The promise resolves to the output bytes, or
// to "large" once the output passes `limit` bytes (a crafted link is not inflated further),
// or to "corrupt". The input is copied first: it is a view of the wasm memory.
#[wasm_bindgen(inline_js = r#"
export function zlib(input, compress, limit) {
  try {
    const stream = compress ? new CompressionStream('deflate') : new DecompressionStream('deflate');
    const writer = stream.writable.getWriter();
    writer.write(input.slice()).catch(() => {});
    writer.close().catch(() => {});
    const reader = stream.readable.getReader();
    const parts = [];
    let length = 0;
    const pump = () => reader.read().then(({ done, value }) => {
      if (done) {
        const out = new Uint8Array(length);
        let at = 0;
        for (const part of parts) { out.set(part, at); at += part.length; }
        return out;
      }
      length += value.length;
      if (length > limit) { reader.cancel().catch(() => {}); return 'large'; }
      parts.push(value);
      return pump();
    });
    return pump().catch(() => 'corrupt');
  } catch (e) {
    return Promise.resolve('corrupt');
  }
}
"#)]
extern "C" {
    fn zlib(input: &[u8], compress: bool, limit: f64) -> js_sys::Promise;
}

async fn run_zlib(input: &[u8], compress: bool, limit: usize) -> Result<Vec<u8>, ShareError> {
    let out = wasm_bindgen_futures::JsFuture::from(zlib(input, compress, limit as f64))
        .await
        .map_err(|_| ShareError::corrupt())?;
    match out.as_string().as_deref() {
        Some("large") => Err(ShareError::TooLarge),
        Some(_) => Err(ShareError::corrupt()),
        None => Ok(js_sys::Uint8Array::new(&out).to_vec()),
    }
}

/// `bytes` as a zlib stream; `None` if the browser cannot compress.
pub async fn deflate(bytes: &[u8]) -> Option<Vec<u8>> {
    run_zlib(bytes, true, usize::MAX).await.ok()
}

/// The bytes of the zlib stream `packed`, at most `limit` of them.
pub async fn inflate(packed: &[u8], limit: usize) -> Result<Vec<u8>, ShareError> {
    run_zlib(packed, false, limit).await
}

/// Runs `f` when the browser is next idle, or after `timeout_ms` at the latest (a playing
/// timeline leaves few idle moments); after a second in browsers without
/// `requestIdleCallback`.
pub fn when_idle(timeout_ms: u32, f: impl FnOnce() + 'static) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let callback = wasm_bindgen::closure::Closure::once_into_js(f);
    let callback: &js_sys::Function = callback.unchecked_ref();
    let options = web_sys::IdleRequestOptions::new();
    options.set_timeout(timeout_ms);
    if window
        .request_idle_callback_with_options(callback, &options)
        .is_err()
    {
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(callback, 1000);
    }
}
