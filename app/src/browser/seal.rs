//! Sealing a file with a passphrase, by the browser's own WebCrypto: PBKDF2-SHA256 makes an
//! AES-256-GCM key of the passphrase and a random salt; GCM's tag makes a wrong
//! passphrase or a changed byte fail to open. WebCrypto exists only on https (or
//! localhost), as the service worker does.

use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{CryptoKey, SubtleCrypto};

pub struct Sealed {
    pub salt: Vec<u8>,
    pub iv: Vec<u8>,
    pub data: Vec<u8>,
}

fn subtle() -> Result<SubtleCrypto, JsValue> {
    let crypto = web_sys::window()
        .ok_or_else(|| JsValue::from_str("no window"))?
        .crypto()?;
    // `subtle` is undefined outside a secure context.
    let subtle = Reflect::get(&crypto, &"subtle".into())?;
    if subtle.is_undefined() {
        return Err(JsValue::from_str("no WebCrypto (plain http)"));
    }
    Ok(crypto.subtle())
}

pub fn random(n: usize) -> Result<Vec<u8>, JsValue> {
    let mut bytes = vec![0u8; n];
    web_sys::window()
        .ok_or_else(|| JsValue::from_str("no window"))?
        .crypto()?
        .get_random_values_with_u8_array(&mut bytes)?;
    Ok(bytes)
}

fn object(pairs: &[(&str, JsValue)]) -> Result<Object, JsValue> {
    let o = Object::new();
    for (k, v) in pairs {
        Reflect::set(&o, &JsValue::from_str(k), v)?;
    }
    Ok(o)
}

async fn key(passphrase: &str, salt: &[u8], iterations: u32) -> Result<CryptoKey, JsValue> {
    let subtle = subtle()?;
    let raw = Uint8Array::from(passphrase.as_bytes());
    let base: CryptoKey = JsFuture::from(subtle.import_key_with_str(
        "raw",
        &raw,
        "PBKDF2",
        false,
        &Array::of1(&"deriveKey".into()),
    )?)
    .await?
    .dyn_into()?;
    let derive = object(&[
        ("name", "PBKDF2".into()),
        ("hash", "SHA-256".into()),
        ("salt", Uint8Array::from(salt).into()),
        ("iterations", iterations.into()),
    ])?;
    let aes = object(&[("name", "AES-GCM".into()), ("length", 256.into())])?;
    JsFuture::from(subtle.derive_key_with_object_and_object(
        &derive,
        &base,
        &aes,
        false,
        &Array::of2(&"encrypt".into(), &"decrypt".into()),
    )?)
    .await?
    .dyn_into()
}

fn gcm(iv: &[u8]) -> Result<Object, JsValue> {
    object(&[
        ("name", "AES-GCM".into()),
        ("iv", Uint8Array::from(iv).into()),
    ])
}

pub async fn seal(passphrase: &str, plain: &[u8], iterations: u32) -> Result<Sealed, JsValue> {
    let salt = random(16)?;
    let iv = random(12)?;
    let key = key(passphrase, &salt, iterations).await?;
    let data = JsFuture::from(subtle()?.encrypt_with_object_and_buffer_source(
        &gcm(&iv)?,
        &key,
        &Uint8Array::from(plain),
    )?)
    .await?;
    Ok(Sealed {
        salt,
        iv,
        data: Uint8Array::new(&data).to_vec(),
    })
}

/// The plain bytes, or an error for a wrong passphrase or a damaged file alike.
pub async fn open(passphrase: &str, sealed: &Sealed, iterations: u32) -> Result<Vec<u8>, JsValue> {
    let key = key(passphrase, &sealed.salt, iterations).await?;
    let plain = JsFuture::from(subtle()?.decrypt_with_object_and_buffer_source(
        &gcm(&sealed.iv)?,
        &key,
        &Uint8Array::from(sealed.data.as_slice()),
    )?)
    .await?;
    Ok(Uint8Array::new(&plain).to_vec())
}
