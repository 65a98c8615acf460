//! The file that carries a phone's unsent entries to another phone: only the signed-in
//! person's own entries, sealed with a passphrase they type (PBKDF2 and AES-GCM, done by
//! the browser's WebCrypto in `transfer`). Entries brought in from a file wait, marked,
//! until their owner signs in and confirms them: nobody can push words under a
//! colleague's name by handing their phone a file. The rules here are pure.

use crate::domain::ErrorCode;
use crate::domain::FieldError;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A phone's waiting entries and their photos, as the sealed file holds them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutboxFile {
    pub format: String,
    pub version: u32,
    pub exported_at: DateTime<Utc>,
    /// Entries as stored (`outbox::Entry`), carried as they are.
    pub entries: Vec<serde_json::Value>,
    pub photos: Vec<PhotoFile>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PhotoFile {
    pub id: String,
    pub record_id: String,
    /// The JPEG, base64.
    pub jpeg: String,
}

pub const FILE_FORMAT: &str = "antt-outbox";
pub const FILE_VERSION: u32 = 1;

impl OutboxFile {
    /// The entries of `owner` among `entries` (everything this phone holds), with the
    /// photos they name: someone else's entries never leave the phone in a file.
    pub fn of_owner(
        entries: Vec<serde_json::Value>,
        owner: i64,
        photos: Vec<PhotoFile>,
        now: DateTime<Utc>,
    ) -> Self {
        let entries: Vec<serde_json::Value> = entries
            .into_iter()
            .filter(|e| e["owner"].as_i64() == Some(owner))
            .collect();
        let mut file = Self {
            format: FILE_FORMAT.into(),
            version: FILE_VERSION,
            exported_at: now,
            entries,
            photos: Vec::new(),
        };
        file.photos = photos
            .into_iter()
            .filter(|p| file.entries.iter().any(|e| names_photo(e, &p.id)))
            .collect();
        file
    }

    /// Reads the contents of a sealed file once opened; anything else is refused.
    pub fn read(text: &str) -> Result<Self, FieldError> {
        let file: OutboxFile = serde_json::from_str(text)
            .map_err(|_| FieldError::new("file", ErrorCode::NotAnOutboxFile))?;
        if file.format != FILE_FORMAT || file.version != FILE_VERSION {
            return Err(FieldError::new("file", ErrorCode::NotAnOutboxFile));
        }
        Ok(file)
    }

    /// The file's entries that this phone does not hold yet (`present` names the ids it
    /// holds), each marked as brought in from a file: importing twice adds nothing, and
    /// none is sent before its owner confirms it.
    pub fn new_here(&self, present: &[String]) -> Vec<serde_json::Value> {
        self.entries
            .iter()
            .filter(|e| {
                e["id"]
                    .as_str()
                    .is_some_and(|id| !present.iter().any(|p| p == id))
            })
            .cloned()
            .map(|mut e| {
                e["imported"] = serde_json::Value::Bool(true);
                e
            })
            .collect()
    }

    /// The photos an entry of this file names.
    pub fn photos_of(&self, entry: &serde_json::Value) -> Vec<&PhotoFile> {
        self.photos
            .iter()
            .filter(|p| names_photo(entry, &p.id))
            .collect()
    }
}

fn names_photo(entry: &serde_json::Value, id: &str) -> bool {
    entry["photos"]
        .as_array()
        .is_some_and(|ps| ps.iter().any(|p| p.as_str() == Some(id)))
}

pub const SEALED_FORMAT: &str = "antt-outbox-sealed";
pub const SEALED_VERSION: u32 = 2;
/// PBKDF2-SHA256 rounds for a new file (OWASP's figure for SHA-256, 2023): about a second
/// on a cheap phone, once per export or import.
pub const ITERATIONS: u32 = 600_000;
/// Rounds a file may ask for when it is opened: fewer would be a weakened file, more
/// would keep the phone busy for minutes.
const ITERATIONS_ACCEPTED: std::ops::RangeInclusive<u32> = 100_000..=5_000_000;
/// Shortest passphrase: as short as a password may be.
pub const PASSPHRASE_MIN: usize = crate::domain::password::MIN_LEN;

/// The file as written: how the key is derived and the contents encrypted, and the
/// encrypted contents. Only these parameters are in the clear.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SealedFile {
    pub format: String,
    pub version: u32,
    /// `PBKDF2-SHA256` then `AES-256-GCM`.
    pub kdf: String,
    pub iterations: u32,
    /// Base64: 16 random bytes.
    pub salt: String,
    /// Base64: the 12-byte AES-GCM nonce.
    pub iv: String,
    /// Base64: the encrypted `OutboxFile`, with GCM's tag.
    pub data: String,
}

pub const KDF: &str = "PBKDF2-SHA256/AES-256-GCM";

impl SealedFile {
    pub fn new(salt: String, iv: String, data: String) -> Self {
        Self {
            format: SEALED_FORMAT.into(),
            version: SEALED_VERSION,
            kdf: KDF.into(),
            iterations: ITERATIONS,
            salt,
            iv,
            data,
        }
    }

    /// Reads the envelope; a file of another kind, or asking for unusual rounds, is
    /// refused before any work is done.
    pub fn read(text: &str) -> Result<Self, FieldError> {
        let file: SealedFile = serde_json::from_str(text)
            .map_err(|_| FieldError::new("file", ErrorCode::NotAnOutboxFile))?;
        if file.format != SEALED_FORMAT
            || file.version != SEALED_VERSION
            || file.kdf != KDF
            || !ITERATIONS_ACCEPTED.contains(&file.iterations)
        {
            return Err(FieldError::new("file", ErrorCode::NotAnOutboxFile));
        }
        Ok(file)
    }
}

/// A new file's passphrase, typed twice.
pub fn check_passphrase(passphrase: &str, again: &str) -> Result<(), FieldError> {
    if passphrase.chars().count() < PASSPHRASE_MIN {
        return Err(FieldError::new("passphrase", ErrorCode::PassphraseTooShort));
    }
    if passphrase != again {
        return Err(FieldError::new(
            "passphrase_again",
            ErrorCode::PasswordMismatch,
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use serde_json::json;

    fn entry(id: &str, owner: i64, photos: &[&str]) -> serde_json::Value {
        json!({ "id": id, "owner": owner, "record_id": format!("r-{id}"), "photos": photos })
    }

    fn photo(id: &str) -> PhotoFile {
        PhotoFile {
            id: id.into(),
            record_id: "r".into(),
            jpeg: "/9j/".into(),
        }
    }

    #[test]
    fn a_file_holds_only_its_owners_entries_and_their_photos() {
        let now = Utc.with_ymd_and_hms(2026, 12, 1, 8, 0, 0).unwrap();
        let phone = vec![
            entry("a", 7, &[]),
            entry("b", 7, &["p1"]),
            entry("c", 8, &["p2"]),
        ];
        let file = OutboxFile::of_owner(phone, 7, vec![photo("p1"), photo("p2")], now);
        let ids: Vec<_> = file.entries.iter().map(|e| e["id"].clone()).collect();
        assert_eq!(ids, vec![json!("a"), json!("b")]);
        assert_eq!(
            file.photos,
            vec![photo("p1")],
            "not the other person's photo"
        );
        let text = serde_json::to_string(&file).unwrap();
        assert_eq!(OutboxFile::read(&text).unwrap(), file);
    }

    #[test]
    fn imported_entries_are_new_and_marked_to_wait_for_their_owner() {
        let now = Utc.with_ymd_and_hms(2026, 12, 1, 8, 0, 0).unwrap();
        let file = OutboxFile::of_owner(
            vec![entry("a", 7, &[]), entry("b", 7, &["p1"])],
            7,
            vec![photo("p1")],
            now,
        );
        let fresh = file.new_here(&["a".into()]);
        assert_eq!(fresh.len(), 1);
        assert_eq!(fresh[0]["imported"], json!(true));
        assert!(file.new_here(&["a".into(), "b".into()]).is_empty());
        assert_eq!(file.photos_of(&fresh[0]).len(), 1);
    }

    #[test]
    fn only_sealed_files_of_this_kind_open() {
        let sealed = SealedFile::new("c2FsdA==".into(), "aXY=".into(), "ZGF0YQ==".into());
        let text = serde_json::to_string(&sealed).unwrap();
        assert_eq!(SealedFile::read(&text).unwrap(), sealed);
        let weak = text.replace("600000", "1000");
        let slow = text.replace("600000", "900000000");
        let plain = r#"{"format":"antt-outbox","version":1,"entries":[],"photos":[]}"#;
        for bad in ["", "{}", "[1]", plain, weak.as_str(), slow.as_str()] {
            assert_eq!(
                SealedFile::read(bad).unwrap_err().code,
                "not_an_outbox_file"
            );
        }
        for bad in ["", "{}", &text.replace(SEALED_FORMAT, "other")] {
            assert_eq!(
                OutboxFile::read(bad).unwrap_err().code,
                "not_an_outbox_file"
            );
        }
    }

    #[test]
    fn a_passphrase_is_long_enough_and_typed_twice_alike() {
        assert_eq!(
            check_passphrase("ngắn", "ngắn").unwrap_err().code,
            "passphrase_too_short"
        );
        assert_eq!(
            check_passphrase("mật khẩu tệp", "mật khẩu tẹp")
                .unwrap_err()
                .field,
            "passphrase_again"
        );
        assert!(check_passphrase("mật khẩu tệp", "mật khẩu tệp").is_ok());
    }
}
