//! Photos attached to records. Phones shrink them to ~300 KB before upload; the server
//! still checks what arrives, by its bytes rather than by what the client claims.

use crate::domain::ErrorCode;
use crate::domain::FieldError;

/// Well above a phone-resized photo (1600 px, ~300 KB), well below anything abusive.
pub const MAX_BYTES: usize = 2 * 1024 * 1024;
/// Photos one record may hold: enough to show a scene, bounded so one record cannot
/// fill the disk.
pub const MAX_PER_RECORD: usize = 10;

/// The longer side of a photo after the phone has shrunk it.
pub const MAX_SIDE: u32 = 1600;
/// What a shrunk photo should weigh: enough to read a number plate, cheap on 3G.
pub const TARGET_BYTES: usize = 300 * 1024;

/// The size that fits `width × height` within `max` on its longer side, keeping its
/// shape; a smaller picture is left as it is.
pub fn fit_within(width: u32, height: u32, max: u32) -> (u32, u32) {
    let longer = width.max(height);
    if longer <= max || longer == 0 {
        return (width.max(1), height.max(1));
    }
    let scale = |side: u32| {
        ((u64::from(side) * u64::from(max) + u64::from(longer) / 2) / u64::from(longer)).max(1)
            as u32
    };
    (scale(width), scale(height))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageType {
    Jpeg,
    Png,
    Webp,
}

impl ImageType {
    pub fn mime(self) -> &'static str {
        match self {
            Self::Jpeg => "image/jpeg",
            Self::Png => "image/png",
            Self::Webp => "image/webp",
        }
    }

    pub fn sniff(bytes: &[u8]) -> Option<Self> {
        if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(Self::Jpeg)
        } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            Some(Self::Png)
        } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
            Some(Self::Webp)
        } else {
            None
        }
    }
}

/// The photo's type if it is a JPEG, PNG or WebP of acceptable size whose bytes match
/// the declared content type.
pub fn check(bytes: &[u8], declared: &str) -> Result<ImageType, FieldError> {
    if bytes.is_empty() {
        return Err(FieldError::new("photo", ErrorCode::PhotoEmpty));
    }
    if bytes.len() > MAX_BYTES {
        return Err(FieldError::new("photo", ErrorCode::PhotoTooLarge));
    }
    match ImageType::sniff(bytes) {
        Some(t) if t.mime() == declared.trim().to_ascii_lowercase() => Ok(t),
        _ => Err(FieldError::new("photo", ErrorCode::PhotoWrongType)),
    }
}

/// What a phone sends per request of a photo sent in pieces: a piece gets through a
/// weak signal where a whole photo keeps failing, and a dropped connection costs one piece.
pub const PIECE_BYTES: usize = 64 * 1024;
/// The largest piece the server takes in one request.
pub const MAX_PIECE_BYTES: usize = 512 * 1024;
/// Days a photo left half-sent is kept for its phone to finish it.
pub const UNFINISHED_KEPT_DAYS: i64 = 7;

/// A piece of a photo: where it starts, how long it is, and the whole photo's size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Piece {
    pub position: i64,
    pub len: usize,
    pub total: i64,
}

impl Piece {
    /// Whether the piece may follow the `received` bytes already stored: it must start
    /// exactly there (a phone that lost track asks where to resume) and stay within the
    /// photo's size.
    pub fn check(&self, received: i64) -> Result<(), FieldError> {
        if self.total < 1 || self.len == 0 {
            return Err(FieldError::new("photo", ErrorCode::PhotoEmpty));
        }
        if self.total > MAX_BYTES as i64 {
            return Err(FieldError::new("photo", ErrorCode::PhotoTooLarge));
        }
        if self.len > MAX_PIECE_BYTES {
            return Err(FieldError::new("photo", ErrorCode::PayloadTooLarge));
        }
        if self.position < 0 || self.position + self.len as i64 > self.total {
            return Err(FieldError::new("position", ErrorCode::PieceOutOfRange));
        }
        if self.position != received {
            return Err(FieldError::new("position", ErrorCode::UploadOffset));
        }
        Ok(())
    }

    /// This piece completes the photo.
    pub fn is_last(&self) -> bool {
        self.position + self.len as i64 == self.total
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_images_that_are_what_they_claim() {
        let jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10];
        assert_eq!(check(&jpeg, "image/jpeg"), Ok(ImageType::Jpeg));
        assert_eq!(check(&jpeg, "IMAGE/JPEG"), Ok(ImageType::Jpeg));
        assert_eq!(
            check(b"\x89PNG\r\n\x1a\n....", "image/png"),
            Ok(ImageType::Png)
        );
        assert_eq!(
            check(b"RIFF\x10\0\0\0WEBPVP8 ", "image/webp"),
            Ok(ImageType::Webp)
        );
    }

    #[test]
    fn refuses_the_rest() {
        let code = |b: &[u8], t: &str| check(b, t).unwrap_err().code;
        assert_eq!(code(b"", "image/jpeg"), "photo_empty");
        assert_eq!(code(b"GIF89a", "image/gif"), "photo_wrong_type");
        assert_eq!(
            code(b"%PDF-1.7", "image/jpeg"),
            "photo_wrong_type",
            "a PDF calling itself a JPEG"
        );
        assert_eq!(
            code(&[0xFF, 0xD8, 0xFF], "image/png"),
            "photo_wrong_type",
            "declared and actual differ"
        );
        let mut big = vec![0xFF, 0xD8, 0xFF];
        big.resize(MAX_BYTES + 1, 0);
        assert_eq!(code(&big, "image/jpeg"), "photo_too_large");
    }

    #[test]
    fn photos_shrink_to_1600_on_the_longer_side() {
        assert_eq!(fit_within(4000, 3000, 1600), (1600, 1200));
        assert_eq!(fit_within(3000, 4000, 1600), (1200, 1600));
        assert_eq!(fit_within(800, 600, 1600), (800, 600));
        assert_eq!(fit_within(9000, 10, 1600), (1600, 2));
    }

    #[test]
    fn a_piece_must_start_where_the_server_stopped_and_stay_within_the_photo() {
        let piece = |position, len, total| Piece {
            position,
            len,
            total,
        };
        assert_eq!(piece(0, 100, 250).check(0), Ok(()));
        assert!(!piece(0, 100, 250).is_last());
        assert_eq!(piece(200, 50, 250).check(200), Ok(()));
        assert!(piece(200, 50, 250).is_last());
        let code = |p: Piece, received| p.check(received).unwrap_err().code;
        assert_eq!(code(piece(100, 100, 250), 0), "upload_offset", "a gap");
        assert_eq!(code(piece(0, 100, 250), 100), "upload_offset", "a resend");
        assert_eq!(code(piece(200, 51, 250), 200), "piece_out_of_range");
        assert_eq!(code(piece(-1, 10, 250), 0), "piece_out_of_range");
        assert_eq!(code(piece(0, 0, 250), 0), "photo_empty");
        assert_eq!(code(piece(0, 10, 0), 0), "photo_empty");
        assert_eq!(
            code(piece(0, 10, MAX_BYTES as i64 + 1), 0),
            "photo_too_large"
        );
        assert_eq!(
            code(piece(0, MAX_PIECE_BYTES + 1, MAX_BYTES as i64), 0),
            "payload_too_large"
        );
    }
}
