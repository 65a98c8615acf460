//! What only a browser can do, wrapped for the components: photos from the camera,
//! GPS fixes, random ids and uploads. Compiled for the browser build only.

pub mod gps;
pub mod idb;
pub mod photo;

use wasm_bindgen::JsValue;

/// A version 4 UUID from the browser's random source, which (unlike `randomUUID`)
/// works on a commune's plain-http address too.
pub fn new_uuid() -> Option<String> {
    let mut bytes = [0u8; 16];
    web_sys::window()?
        .crypto()
        .ok()?
        .get_random_values_with_u8_array(&mut bytes)
        .ok()?;
    Some(crate::domain::records::uuid_v4(bytes))
}

/// Resolves after `ms` milliseconds.
pub async fn sleep_ms(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

pub(crate) fn js_error(what: &str) -> JsValue {
    JsValue::from_str(what)
}
