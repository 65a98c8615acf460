//! Rules for a new password: long enough to resist guessing, short enough to type on a phone.

use super::FieldError;
use crate::domain::ErrorCode;

pub const MIN_LEN: usize = 8;
pub const MAX_LEN: usize = 128;

/// Checks a new password and its confirmation; `field` names the form field.
pub fn check_new_password(
    new: &str,
    confirm: &str,
    current: Option<&str>,
) -> Result<(), FieldError> {
    let len = new.chars().count();
    if len < MIN_LEN {
        return Err(FieldError::new("new_password", ErrorCode::PasswordTooShort));
    }
    if len > MAX_LEN {
        return Err(FieldError::new("new_password", ErrorCode::PasswordTooLong));
    }
    if current == Some(new) {
        return Err(FieldError::new(
            "new_password",
            ErrorCode::PasswordUnchanged,
        ));
    }
    if new != confirm {
        return Err(FieldError::new(
            "confirm_password",
            ErrorCode::PasswordMismatch,
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table() {
        let cases: [(&str, &str, Option<&str>, Option<&str>); 6] = [
            ("short", "short", None, Some("password_too_short")),
            ("mật khẩu mới", "mật khẩu mới", None, None),
            (
                "abcdefgh",
                "abcdefgh",
                Some("abcdefgh"),
                Some("password_unchanged"),
            ),
            ("abcdefgh", "abcdefgX", None, Some("password_mismatch")),
            (
                &"x".repeat(129),
                &"x".repeat(129),
                None,
                Some("password_too_long"),
            ),
            ("12345678", "12345678", Some("other"), None),
        ];
        for (new, confirm, current, want) in cases {
            let got = check_new_password(new, confirm, current)
                .err()
                .map(|e| e.code);
            assert_eq!(got.map(ErrorCode::code), want, "{new:?}");
        }
    }
}
