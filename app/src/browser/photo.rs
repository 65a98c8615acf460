//! A photo from the camera or gallery, made small on the phone before it is sent.

use super::js_error;
use crate::domain::records::photo::{fit_within, MAX_SIDE, PIECE_BYTES, TARGET_BYTES};
use crate::domain::ErrorCode;
use crate::dto::records::PhotoUploadStatus;
use crate::dto::AppError;
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

/// Sends one photo of a record in pieces, going on from wherever the server stopped: a
/// connection that drops half-way costs one piece, not the photo. The photo id was made
/// on the phone, so a photo sent again is stored once.
pub async fn upload(record_id: &str, photo_id: &str, blob: &Blob) -> Result<(), AppError> {
    let base = format!("/api/v1/records/{record_id}/photos/{photo_id}");
    let total = blob.size() as i64;
    let mut at = match progress(&base).await? {
        s if s.complete => return Ok(()),
        s => s.received,
    };
    // Each refusal to resume asks the server again; a few in a row means something else
    // is wrong, and the sync tries later.
    let mut lost = 0;
    while lost < 3 {
        let end = (at + PIECE_BYTES as i64).min(total);
        let piece = blob
            .slice_with_f64_and_f64(at as f64, end as f64)
            .map_err(|_| AppError::new(ErrorCode::StorageFailed))?;
        let url = format!("{base}?position={at}&total={total}");
        let (status, text) = send("PATCH", &url, Some(&piece)).await?;
        match status {
            200 | 201 => {
                let s: PhotoUploadStatus = serde_json::from_str(&text).map_err(unavailable)?;
                if s.complete {
                    return Ok(());
                }
                at = s.received;
                lost = 0;
            }
            409 => {
                lost += 1;
                match progress(&base).await? {
                    s if s.complete => return Ok(()),
                    s => at = s.received,
                }
            }
            _ => return Err(refusal(&text)),
        }
    }
    Err(AppError::new(ErrorCode::Unavailable))
}

fn unavailable<E>(_: E) -> AppError {
    AppError::new(ErrorCode::Unavailable)
}

/// The server's reason, or "unavailable" when the answer is not one.
fn refusal(text: &str) -> AppError {
    serde_json::from_str::<AppError>(text).unwrap_or_else(|_| AppError::new(ErrorCode::Unavailable))
}

async fn progress(base: &str) -> Result<PhotoUploadStatus, AppError> {
    match send("GET", &format!("{base}/upload"), None).await? {
        (200, text) => serde_json::from_str(&text).map_err(unavailable),
        (_, text) => Err(refusal(&text)),
    }
}

/// A request with, if given, a piece of the photo; its status and text.
async fn send(method: &str, url: &str, piece: Option<&Blob>) -> Result<(u16, String), AppError> {
    super::fetch_with(method, url, piece.map(|p| (p.as_ref(), "image/jpeg")))
        .await
        .map_err(unavailable)
}

pub fn preview_url(blob: &Blob) -> String {
    web_sys::Url::create_object_url_with_blob(blob).unwrap_or_default()
}

pub fn forget_preview(url: &str) {
    let _ = web_sys::Url::revoke_object_url(url);
}
