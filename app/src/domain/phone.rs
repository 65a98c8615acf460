//! Vietnamese phone numbers, the login identity: parsed once at the edge into one canonical form.

use crate::domain::ErrorCode;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A phone number in its national form, `0` followed by 9 digits (mobile)
/// or 10 digits (fixed lines, area codes `02x`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PhoneNumber(String);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhoneError {
    Empty,
    InvalidCharacters,
    WrongLength,
    NotVietnamese,
}

impl PhoneError {
    pub fn code(self) -> ErrorCode {
        match self {
            PhoneError::Empty => ErrorCode::PhoneRequired,
            PhoneError::InvalidCharacters => ErrorCode::PhoneInvalidCharacters,
            PhoneError::WrongLength => ErrorCode::PhoneWrongLength,
            PhoneError::NotVietnamese => ErrorCode::PhoneNotVietnamese,
        }
    }
}

impl PhoneNumber {
    /// Accepts what people type: `0912 345 678`, `091.234.5678`,
    /// `+84 912345678`, `84912345678`, `(+84) 912-345-678`.
    pub fn parse(input: &str) -> Result<Self, PhoneError> {
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Err(PhoneError::Empty);
        }
        let mut digits = String::with_capacity(trimmed.len());
        let mut plus = false;
        for (i, c) in trimmed.chars().enumerate() {
            match c {
                '0'..='9' => digits.push(c),
                ' ' | '.' | '-' | '(' | ')' => {}
                '+' if i == 0 || (i == 1 && trimmed.starts_with('(')) => plus = true,
                _ => return Err(PhoneError::InvalidCharacters),
            }
        }
        let national = if let Some(rest) = digits
            .strip_prefix("84")
            .filter(|_| plus || digits.len() >= 11)
        {
            if rest.starts_with('0') {
                return Err(PhoneError::NotVietnamese);
            }
            format!("0{rest}")
        } else if plus {
            return Err(PhoneError::NotVietnamese);
        } else {
            digits
        };
        if !national.starts_with('0') {
            return Err(PhoneError::NotVietnamese);
        }
        let ok_len = match national.as_bytes().get(1) {
            Some(b'2') => national.len() == 11,
            Some(b'3' | b'5' | b'7' | b'8' | b'9') => national.len() == 10,
            Some(_) => return Err(PhoneError::NotVietnamese),
            None => false,
        };
        if !ok_len {
            return Err(PhoneError::WrongLength);
        }
        Ok(PhoneNumber(national))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The international form, `+84` and the number without its leading 0.
    pub fn international(&self) -> String {
        format!("+84{}", &self.0[1..])
    }
}

impl fmt::Display for PhoneNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_the_forms_people_type() {
        for input in [
            "0912345678",
            "0912 345 678",
            "091.234.5678",
            "+84912345678",
            "+84 912 345 678",
            "84912345678",
            "(+84) 912-345-678",
            "  0912345678 ",
        ] {
            assert_eq!(
                PhoneNumber::parse(input).unwrap().as_str(),
                "0912345678",
                "{input}"
            );
        }
        assert_eq!(
            PhoneNumber::parse("02273 812 345").unwrap().as_str(),
            "02273812345"
        );
        assert_eq!(
            PhoneNumber::parse("+842273812345").unwrap().as_str(),
            "02273812345"
        );
    }

    #[test]
    fn refuses_what_is_not_a_vietnamese_number() {
        let cases = [
            ("", PhoneError::Empty),
            ("   ", PhoneError::Empty),
            ("09123abc78", PhoneError::InvalidCharacters),
            ("0912+345678", PhoneError::InvalidCharacters),
            ("091234567", PhoneError::WrongLength),
            ("09123456789", PhoneError::WrongLength),
            ("0212345678", PhoneError::WrongLength),
            ("+14155550100", PhoneError::NotVietnamese),
            ("+840912345678", PhoneError::NotVietnamese),
            ("912345678", PhoneError::NotVietnamese),
            ("0112345678", PhoneError::NotVietnamese),
        ];
        for (input, want) in cases {
            assert_eq!(PhoneNumber::parse(input), Err(want), "{input:?}");
        }
    }

    #[test]
    fn international_form() {
        let p = PhoneNumber::parse("0912345678").unwrap();
        assert_eq!(p.international(), "+84912345678");
    }
}
