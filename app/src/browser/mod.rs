//! What only a browser can do, wrapped for the components: photos from the camera,
//! GPS fixes, random ids and uploads. Compiled for the browser build only.

pub mod gps;
pub mod idb;
pub mod photo;
pub mod seal;

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

/// Asks the service worker to drop the screens it kept: the server says nobody is signed
/// in any more, and what the last person read must not be shown to the next.
pub fn forget_kept_pages() {
    use js_sys::Reflect;
    use wasm_bindgen::JsCast;
    let Some(window) = web_sys::window() else {
        return;
    };
    let controller = Reflect::get(&window.navigator(), &"serviceWorker".into())
        .ok()
        .filter(|sw| !sw.is_undefined())
        .and_then(|sw| Reflect::get(&sw, &"controller".into()).ok())
        .filter(|c| !c.is_null() && !c.is_undefined());
    let Some(controller) = controller else {
        return;
    };
    if let Ok(post) = Reflect::get(&controller, &"postMessage".into())
        .and_then(|f| f.dyn_into::<js_sys::Function>())
    {
        let _ = post.call1(&controller, &"forget".into());
    }
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

pub enum FetchFailure {
    /// Not in a page (nothing to fetch with).
    NoWindow,
    /// No network, or no answer.
    Network,
}

/// Sends a request (a JSON body when given) with the session's cookie, and reads the
/// answer as text, whatever its status.
pub async fn fetch_text(
    method: &str,
    url: &str,
    body: Option<&str>,
) -> Result<(u16, String), FetchFailure> {
    let body = body.map(JsValue::from_str);
    fetch_with(method, url, body.as_ref().map(|b| (b, "application/json"))).await
}

/// Sends a request with a body of the given type (a string, a blob…), and reads the
/// answer as text, whatever its status.
pub async fn fetch_with(
    method: &str,
    url: &str,
    body: Option<(&JsValue, &str)>,
) -> Result<(u16, String), FetchFailure> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    let window = web_sys::window().ok_or(FetchFailure::NoWindow)?;
    let init = web_sys::RequestInit::new();
    init.set_method(method);
    if let Some((b, content_type)) = body {
        init.set_body(b);
        let headers = web_sys::Headers::new().map_err(|_| FetchFailure::NoWindow)?;
        headers
            .set("content-type", content_type)
            .map_err(|_| FetchFailure::NoWindow)?;
        init.set_headers(&headers);
    }
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str_and_init(url, &init))
        .await
        .map_err(|_| FetchFailure::Network)?
        .dyn_into()
        .map_err(|_| FetchFailure::Network)?;
    let text = JsFuture::from(response.text().map_err(|_| FetchFailure::Network)?)
        .await
        .map_err(|_| FetchFailure::Network)?
        .as_string()
        .unwrap_or_default();
    Ok((response.status(), text))
}

pub(crate) fn js_error(what: &str) -> JsValue {
    JsValue::from_str(what)
}
