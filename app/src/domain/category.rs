//! The taxonomy of incidents and tip-offs (DOMAIN.md "What they log"). It is data in the
//! database, not code: a record stores a category's code, and the code must be an active
//! category of the record's domain when the record is logged or edited.

use super::lang::Lang;
use super::records::RecordBody;
use super::FieldError;
use crate::domain::ErrorCode;
use serde::{Deserialize, Serialize};

/// Which kind of record a category classifies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CategoryDomain {
    Incident,
    Tip,
}

impl CategoryDomain {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Incident => "incident",
            Self::Tip => "tip",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Incident, Self::Tip]
            .into_iter()
            .find(|d| d.as_str() == s)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Category {
    pub domain: CategoryDomain,
    /// Stable, stored in records' bodies (`public_order`, `drugs`, …).
    pub code: String,
    pub name_vi: String,
    pub name_en: String,
}

impl Category {
    /// The name in the reader's language.
    pub fn name(&self, lang: Lang) -> &str {
        match lang {
            Lang::Vi => &self.name_vi,
            Lang::En => &self.name_en,
        }
    }
}

/// The category a record names, with its domain; `None` for kinds without one.
pub fn category_of(body: &RecordBody) -> Option<(CategoryDomain, &str)> {
    match body {
        RecordBody::Incident(i) => Some((CategoryDomain::Incident, i.category.as_str())),
        RecordBody::TipOff(t) => Some((CategoryDomain::Tip, t.category.as_str())),
        _ => None,
    }
}

/// A record's category must be one of `categories` (the active ones) of its own domain.
pub fn check(body: &RecordBody, categories: &[Category]) -> Result<(), FieldError> {
    match category_of(body) {
        Some((domain, code))
            if !categories
                .iter()
                .any(|c| c.domain == domain && c.code == code) =>
        {
            Err(FieldError::new("category", ErrorCode::UnknownCategory))
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::super::records::fixtures::at;
    use super::super::records::{deed, tip};
    use super::*;
    use chrono::NaiveDate;

    fn cat(domain: CategoryDomain, code: &str) -> Category {
        Category {
            domain,
            code: code.into(),
            name_vi: format!("vi {code}"),
            name_en: format!("en {code}"),
        }
    }

    fn tip_about(category: &str) -> RecordBody {
        RecordBody::TipOff(tip::TipOff {
            received_at: at(9, 8, 0),
            channel: tip::Channel::InPerson,
            category: category.into(),
            content: "x".into(),
            forwarded_at: None,
            assessment: None,
        })
    }

    #[test]
    fn names_follow_the_language_and_domains_round_trip() {
        let c = Category {
            domain: CategoryDomain::Incident,
            code: "fire".into(),
            name_vi: "Cháy, nổ".into(),
            name_en: "Fire, explosion".into(),
        };
        assert_eq!(c.name(Lang::Vi), "Cháy, nổ");
        assert_eq!(c.name(Lang::En), "Fire, explosion");
        for d in [CategoryDomain::Incident, CategoryDomain::Tip] {
            assert_eq!(CategoryDomain::parse(d.as_str()), Some(d));
            assert_eq!(serde_json::to_value(d).unwrap(), d.as_str());
        }
        assert_eq!(CategoryDomain::parse("deed"), None);
        let json = serde_json::to_value(&c).unwrap();
        assert_eq!(json["domain"], "incident");
        assert_eq!(serde_json::from_value::<Category>(json).unwrap(), c);
    }

    #[test]
    fn a_record_names_a_category_of_its_own_domain() {
        let list = [
            cat(CategoryDomain::Incident, "fire"),
            cat(CategoryDomain::Tip, "suspicious_person"),
        ];
        assert_eq!(check(&tip_about("suspicious_person"), &list), Ok(()));
        let unknown = Err(FieldError::new("category", ErrorCode::UnknownCategory));
        assert_eq!(check(&tip_about("picnic"), &list), unknown);
        assert_eq!(
            check(&tip_about("fire"), &list),
            unknown,
            "an incident category is not a tip category"
        );
        let deed = RecordBody::GoodDeed(deed::GoodDeed {
            date: NaiveDate::from_ymd_opt(2025, 3, 1).unwrap(),
            description: "x".into(),
            members: vec![11],
            beneficiary: String::new(),
            commendation: None,
        });
        assert_eq!(check(&deed, &[]), Ok(()), "no category, nothing to check");
    }
}
