//! A photo from the camera or gallery, made small on the phone before it is sent.

use super::js_error;
use crate::api::AppError;
use crate::domain::records::photo::{fit_within, MAX_SIDE, TARGET_BYTES};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, CanvasRenderingContext2d, File, HtmlCanvasElement, ImageBitmap};

/// The picture redrawn at most `MAX_SIDE` pixels on its longer side as JPEG, at the best
/// quality that stays near `TARGET_BYTES`. `createImageBitmap` applies the camera's
/// orientation, so portraits stay upright.
pub async fn shrink(file: &File) -> Result<Blob, JsValue> {
    let window = web_sys::window().ok_or_else(|| js_error("no window"))?;
    let bitmap: ImageBitmap = JsFuture::from(window.create_image_bitmap_with_blob(file)?)
        .await?
        .dyn_into()?;
    let (w, h) = fit_within(bitmap.width(), bitmap.height(), MAX_SIDE);
    let canvas: HtmlCanvasElement = window
        .document()
        .ok_or_else(|| js_error("no document"))?
        .create_element("canvas")?
        .dyn_into()?;
    canvas.set_width(w);
    canvas.set_height(h);
    let ctx: CanvasRenderingContext2d = canvas
        .get_context("2d")?
        .ok_or_else(|| js_error("no 2d context"))?
        .dyn_into()?;
    ctx.draw_image_with_image_bitmap_and_dw_and_dh(&bitmap, 0.0, 0.0, f64::from(w), f64::from(h))?;
    bitmap.close();
    let mut blob = jpeg(&canvas, 0.82).await?;
    for quality in [0.7, 0.55, 0.4] {
        if blob.size() <= TARGET_BYTES as f64 {
            break;
        }
        blob = jpeg(&canvas, quality).await?;
    }
    Ok(blob)
}

async fn jpeg(canvas: &HtmlCanvasElement, quality: f64) -> Result<Blob, JsValue> {
    let mut failed = None;
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        let done = Closure::once_into_js(move |blob: JsValue| {
            let _ = resolve.call1(&JsValue::NULL, &blob);
        });
        if let Err(e) = canvas.to_blob_with_type_and_encoder_options(
            done.unchecked_ref(),
            "image/jpeg",
            &JsValue::from_f64(quality),
        ) {
            failed = Some(e);
        }
    });
    if let Some(e) = failed {
        return Err(e);
    }
    JsFuture::from(promise).await?.dyn_into()
}

/// Sends one photo of a record. The photo id was made on the phone, so sending it again
/// after a dropped connection stores it once.
pub async fn upload(record_id: &str, photo_id: &str, blob: &Blob) -> Result<(), AppError> {
    let unavailable = |_| AppError::new("unavailable");
    let window = web_sys::window().ok_or_else(|| AppError::new("unavailable"))?;
    let init = web_sys::RequestInit::new();
    init.set_method("PUT");
    init.set_body(blob);
    let headers = web_sys::Headers::new().map_err(unavailable)?;
    headers
        .set("content-type", "image/jpeg")
        .map_err(unavailable)?;
    init.set_headers(&headers);
    let url = format!("/api/v1/records/{record_id}/photos/{photo_id}");
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str_and_init(&url, &init))
        .await
        .map_err(unavailable)?
        .dyn_into()
        .map_err(unavailable)?;
    if response.ok() {
        return Ok(());
    }
    let text = match response.text() {
        Ok(p) => JsFuture::from(p).await.ok().and_then(|t| t.as_string()),
        Err(_) => None,
    };
    Err(text
        .and_then(|t| serde_json::from_str::<AppError>(&t).ok())
        .unwrap_or_else(|| AppError::new("internal")))
}

pub fn preview_url(blob: &Blob) -> String {
    web_sys::Url::create_object_url_with_blob(blob).unwrap_or_default()
}

pub fn forget_preview(url: &str) {
    let _ = web_sys::Url::revoke_object_url(url);
}
