//! What only a browser can do, wrapped for the components: photos from the camera,
//! GPS fixes, random ids and uploads. Compiled for the browser build only.

pub mod gps;
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

pub(crate) fn js_error(what: &str) -> JsValue {
    JsValue::from_str(what)
}
