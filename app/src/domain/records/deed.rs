//! Good deeds and commendations: every team, every month, at least one (seed 002 §II.4.7).

use super::{optional_text, required_text, CheckContext};
use crate::domain::FieldError;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Commendation {
    pub member_id: i64,
    /// Who commended the member (e.g. "UBND xã", "Công an tỉnh").
    pub by: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct GoodDeed {
    #[serde(with = "crate::domain::iso_date")]
    pub date: NaiveDate,
    pub description: String,
    pub members: Vec<i64>,
    pub beneficiary: String,
    pub commendation: Option<Commendation>,
}

pub fn check(g: &GoodDeed, ctx: &CheckContext) -> Result<(), FieldError> {
    ctx.date_not_future("date", g.date)?;
    required_text("description", &g.description)?;
    ctx.on_roster("members", &g.members, true)?;
    optional_text("beneficiary", &g.beneficiary)?;
    if let Some(c) = &g.commendation {
        ctx.on_roster("commendation", &[c.member_id], true)?;
        required_text("commended_by", &c.by)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use super::*;
    use crate::domain::ErrorCode;

    fn deed() -> GoodDeed {
        GoodDeed {
            date: NaiveDate::from_ymd_opt(2025, 3, 8).unwrap(),
            description: "Giúp cụ Hoa sửa mái nhà sau bão".into(),
            members: vec![11, 13],
            beneficiary: "Cụ Nguyễn Thị Hoa".into(),
            commendation: Some(Commendation {
                member_id: 13,
                by: "UBND xã".into(),
            }),
        }
    }

    #[test]
    fn rules() {
        assert!(check(&deed(), &ctx()).is_ok());
        let cases = [
            (
                GoodDeed {
                    date: NaiveDate::from_ymd_opt(2025, 3, 11).unwrap(),
                    ..deed()
                },
                "date",
                "date_in_future",
            ),
            (
                GoodDeed {
                    description: "".into(),
                    ..deed()
                },
                "description",
                "required",
            ),
            (
                GoodDeed {
                    members: vec![],
                    ..deed()
                },
                "members",
                "participants_required",
            ),
            (
                GoodDeed {
                    members: vec![55],
                    ..deed()
                },
                "members",
                "participant_not_in_team",
            ),
            (
                GoodDeed {
                    commendation: Some(Commendation {
                        member_id: 55,
                        by: "UBND".into(),
                    }),
                    ..deed()
                },
                "commendation",
                "participant_not_in_team",
            ),
            (
                GoodDeed {
                    commendation: Some(Commendation {
                        member_id: 11,
                        by: " ".into(),
                    }),
                    ..deed()
                },
                "commended_by",
                "required",
            ),
        ];
        for (g, field, code) in cases {
            assert_eq!(
                check(&g, &ctx()),
                Err(FieldError::new(field, ErrorCode::parse(code).unwrap())),
                "{field} {code}"
            );
        }
    }
}
