//! Dates on the wire as `yyyy-mm-dd`, parsed by hand: chrono's general parser would add
//! kilobytes to the wasm every phone downloads, and this is the only format we exchange.

use super::{ErrorCode, FieldError};
use chrono::{Datelike, NaiveDate};
use serde::{de, Deserialize, Deserializer, Serializer};

pub fn format(d: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

pub fn parse(s: &str) -> Option<NaiveDate> {
    let mut parts = s.splitn(3, '-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

/// A form's date field: required, and refused with the field's name when not a date.
pub fn field(name: &str, s: &str) -> Result<NaiveDate, FieldError> {
    if s.trim().is_empty() {
        return Err(FieldError::new(name, ErrorCode::Required));
    }
    parse(s.trim()).ok_or_else(|| FieldError::new(name, ErrorCode::InvalidDate))
}

/// The same for a date that may be left empty.
pub fn optional_field(name: &str, s: &str) -> Result<Option<NaiveDate>, FieldError> {
    if s.trim().is_empty() {
        return Ok(None);
    }
    field(name, s).map(Some)
}

pub fn serialize<S: Serializer>(d: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&format(*d))
}

pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
    let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
    parse(&s).ok_or_else(|| de::Error::custom("expected a date as yyyy-mm-dd"))
}

/// The same for `Option<NaiveDate>`, with `null` for none.
pub mod option {
    use super::*;

    pub fn serialize<S: Serializer>(d: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
        match d {
            Some(d) => s.serialize_some(&format(*d)),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
        match <Option<std::borrow::Cow<'de, str>>>::deserialize(d)? {
            Some(s) => parse(&s)
                .map(Some)
                .ok_or_else(|| de::Error::custom("expected a date as yyyy-mm-dd")),
            None => Ok(None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_refuses_other_shapes() {
        let d = NaiveDate::from_ymd_opt(2024, 2, 29).unwrap();
        assert_eq!(format(d), "2024-02-29");
        assert_eq!(parse("2024-02-29"), Some(d));
        for bad in [
            "2023-02-29",
            "2024-2-29",
            "24-02-29",
            "2024/02/29",
            "",
            "2024-02-29T00:00",
        ] {
            assert_eq!(parse(bad), None, "{bad}");
        }
        #[derive(serde::Serialize, serde::Deserialize, PartialEq, Debug)]
        struct W {
            #[serde(with = "super")]
            a: NaiveDate,
            #[serde(with = "super::option")]
            b: Option<NaiveDate>,
        }
        let w = W { a: d, b: None };
        let json = serde_json::to_string(&w).unwrap();
        assert_eq!(json, r#"{"a":"2024-02-29","b":null}"#);
        assert_eq!(serde_json::from_str::<W>(&json).unwrap(), w);
        assert!(serde_json::from_str::<W>(r#"{"a":"2024-13-01","b":null}"#).is_err());
    }
}
