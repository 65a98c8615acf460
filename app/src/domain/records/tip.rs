//! Tip-offs from residents. The informant's identity is kept apart from the tip and shown
//! only to the member who received it and to the commune police (DOMAIN.md).

use super::{optional_text, required_text, CheckContext};
use crate::domain::ErrorCode;
use crate::domain::{FieldError, PhoneNumber};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    InPerson,
    PhoneCall,
    Message,
    PublicForm,
}

/// Who gave the tip. Both parts optional; none at all means anonymous.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Informant {
    pub name: String,
    pub phone: Option<String>,
}

impl Informant {
    pub fn is_anonymous(&self) -> bool {
        self.name.trim().is_empty() && self.phone.as_deref().is_none_or(|p| p.trim().is_empty())
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct TipOff {
    pub received_at: DateTime<Utc>,
    pub channel: Channel,
    pub category: String,
    pub content: String,
    pub forwarded_at: Option<DateTime<Utc>>,
    /// Filled in by the commune police only (seed 002 §II.4.1: tips of value).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assessment: Option<Assessment>,
}

/// The commune police's view of a tip, recorded by them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Assessment {
    pub valuable: bool,
    pub outcome: String,
}

pub fn check(t: &TipOff, informant: &Informant, ctx: &CheckContext) -> Result<(), FieldError> {
    ctx.not_future("received_at", t.received_at)?;
    required_text("category", &t.category)?;
    required_text("content", &t.content)?;
    if let Some(f) = t.forwarded_at {
        ctx.not_future("forwarded_at", f)?;
        if f < t.received_at {
            return Err(FieldError::new(
                "forwarded_at",
                ErrorCode::ForwardedBeforeReceived,
            ));
        }
    }
    if let Some(a) = &t.assessment {
        optional_text("assessment_outcome", &a.outcome)?;
    }
    optional_text("informant_name", &informant.name)?;
    if let Some(p) = informant
        .phone
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        PhoneNumber::parse(p).map_err(|e| FieldError::new("informant_phone", e.code()))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use super::*;

    fn tip() -> TipOff {
        TipOff {
            received_at: at(9, 8, 0),
            channel: Channel::InPerson,
            category: "drugs".into(),
            content: "Có người lạ tụ tập ở bãi sông".into(),
            forwarded_at: Some(at(9, 8, 20)),
            assessment: None,
        }
    }

    #[test]
    fn anonymous_or_named() {
        assert!(Informant::default().is_anonymous());
        assert!(Informant {
            name: " ".into(),
            phone: Some("".into())
        }
        .is_anonymous());
        let named = Informant {
            name: "Bà Lan".into(),
            phone: Some("0912 345 678".into()),
        };
        assert!(!named.is_anonymous());
        assert!(check(&tip(), &named, &ctx()).is_ok());
        assert!(check(&tip(), &Informant::default(), &ctx()).is_ok());
    }

    #[test]
    fn broken_rules_name_their_field() {
        let anon = Informant::default();
        let cases = [
            (
                tip(),
                Informant {
                    name: String::new(),
                    phone: Some("123".into()),
                },
                "informant_phone",
                "phone_not_vietnamese",
            ),
            (
                TipOff {
                    content: " ".into(),
                    ..tip()
                },
                anon.clone(),
                "content",
                "required",
            ),
            (
                TipOff {
                    received_at: at(11, 8, 0),
                    forwarded_at: None,
                    ..tip()
                },
                anon.clone(),
                "received_at",
                "date_in_future",
            ),
            (
                TipOff {
                    forwarded_at: Some(at(9, 7, 0)),
                    ..tip()
                },
                anon.clone(),
                "forwarded_at",
                "forwarded_before_received",
            ),
            (
                TipOff {
                    category: "".into(),
                    ..tip()
                },
                anon,
                "category",
                "required",
            ),
        ];
        for (t, i, field, code) in cases {
            assert_eq!(
                check(&t, &i, &ctx()),
                Err(FieldError::new(field, ErrorCode::parse(code).unwrap())),
                "{field} {code}"
            );
        }
    }
}
