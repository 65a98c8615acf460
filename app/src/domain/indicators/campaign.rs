//! Campaigns (*phong trào thi đua*) as data: their span, phases and a target per
//! indicator. The Thái Bình campaign of seed 002 ships as a preset.

use super::definitions::Indicator;
use super::period::{MonthRange, Period, ReportCalendar};
use super::target::{Comparison, Target};
use crate::domain::ErrorCode;
use crate::domain::FieldError;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Phase {
    pub name: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Campaign {
    pub name: String,
    pub theme: String,
    pub issued_by: String,
    /// The org unit whose teams take part (a province, or a commune).
    pub scope_unit_id: i64,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub phases: Vec<Phase>,
    pub targets: Vec<(Indicator, Target)>,
}

impl Campaign {
    pub fn target(&self, indicator: Indicator) -> Option<Target> {
        self.targets
            .iter()
            .find(|(i, _)| *i == indicator)
            .map(|(_, t)| *t)
    }

    /// The whole campaign as a period.
    pub fn period(&self) -> Period {
        Period::Dates {
            from: self.starts_on,
            to: self.ends_on,
        }
    }

    /// Whether the campaign runs in any of the report months.
    pub fn overlaps(&self, months: &MonthRange, calendar: ReportCalendar) -> bool {
        self.period()
            .months(calendar)
            .is_some_and(|m| m.intersect(months).is_some())
    }

    pub fn phase_period(&self, phase: &Phase) -> Period {
        Period::Dates {
            from: phase.starts_on,
            to: phase.ends_on,
        }
    }
}

/// More phases than this is a mistake (seed 002 has two).
pub const MAX_PHASES: usize = 24;

/// A campaign must have a name and a span; phases lie inside it, in order, without
/// overlapping; one target per indicator, none negative.
pub fn check(c: &Campaign) -> Result<(), FieldError> {
    if c.name.trim().is_empty() {
        return Err(FieldError::new("name", ErrorCode::Required));
    }
    if c.ends_on < c.starts_on {
        return Err(FieldError::new("ends_on", ErrorCode::EndBeforeStart));
    }
    // A campaign is read as a period: the same bounds on its years and its length.
    if let Some(code) = c.period().problem(ReportCalendar::default()) {
        return Err(FieldError::new("ends_on", code));
    }
    if c.phases.len() > MAX_PHASES {
        return Err(FieldError::new("phases", ErrorCode::TooMany));
    }
    let mut previous_end: Option<NaiveDate> = None;
    for (i, p) in c.phases.iter().enumerate() {
        let field = format!("phases[{i}]");
        if p.name.trim().is_empty() {
            return Err(FieldError::new(&field, ErrorCode::Required));
        }
        if p.ends_on < p.starts_on {
            return Err(FieldError::new(&field, ErrorCode::EndBeforeStart));
        }
        if p.starts_on < c.starts_on || p.ends_on > c.ends_on {
            return Err(FieldError::new(&field, ErrorCode::PhaseOutsideCampaign));
        }
        if previous_end.is_some_and(|e| p.starts_on <= e) {
            return Err(FieldError::new(&field, ErrorCode::PhasesOverlap));
        }
        previous_end = Some(p.ends_on);
    }
    for (n, (indicator, target)) in c.targets.iter().enumerate() {
        if c.targets[..n].iter().any(|(i, _)| i == indicator) {
            return Err(FieldError::new("targets", ErrorCode::DuplicateTarget));
        }
        if !target.threshold.is_finite() || target.threshold < 0.0 {
            return Err(FieldError::new("targets", ErrorCode::InvalidThreshold));
        }
    }
    Ok(())
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid preset date")
}

/// Seed 002: Kế hoạch 148/KH-BCĐ of the Thái Bình steering committee 138, 13/09/2024,
/// with the targets of its section II.4.
pub fn thai_binh_2024(scope_unit_id: i64) -> Campaign {
    use Comparison::*;
    use Indicator::*;
    let t = |comparison, threshold| Target {
        comparison,
        threshold,
    };
    Campaign {
        name: "Phong trào thi đua đặc biệt trong lực lượng tham gia bảo vệ ANTT ở cơ sở".into(),
        theme: "Lực lượng mới, khí thế mới, thi đua bảo đảm an ninh, trật tự ở cơ sở trong tình hình mới".into(),
        issued_by: "Ban Chỉ đạo 138 tỉnh Thái Bình (Kế hoạch 148/KH-BCĐ ngày 13/9/2024)".into(),
        scope_unit_id,
        starts_on: date(2024, 10, 1),
        ends_on: date(2025, 7, 30),
        phases: vec![
            Phase {
                name: "Đợt 1: chào mừng 95 năm thành lập Đảng".into(),
                starts_on: date(2024, 10, 1),
                ends_on: date(2025, 2, 3),
            },
            Phase {
                name: "Đợt 2: chào mừng 50 năm giải phóng miền Nam, 80 năm Cách mạng Tháng Tám".into(),
                starts_on: date(2025, 2, 4),
                ends_on: date(2025, 7, 30),
            },
        ],
        targets: vec![
            (TipsViaForce, t(AtLeast, 80.0)),
            (IncidentsInTime, t(Exactly, 100.0)),
            (EffectiveModels, t(Exactly, 100.0)),
            (CallOutsInTime, t(Exactly, 100.0)),
            (BusinessViolations, t(Exactly, 0.0)),
            (HouseholdInfoPassed, t(MoreThan, 90.0)),
            (WeaponsCases, t(Exactly, 0.0)),
            (Reoffences, t(Exactly, 0.0)),
            (MembersOnPatrol, t(Exactly, 100.0)),
            (SeriousAccidents, t(Exactly, 0.0)),
            (GoodDeedMonths, t(Exactly, 100.0)),
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::indicators::period::ReportCalendar;

    #[test]
    fn the_preset_is_valid_and_targets_every_indicator() {
        let c = thai_binh_2024(1);
        assert_eq!(check(&c), Ok(()));
        for i in Indicator::ALL {
            assert!(c.target(i).is_some(), "{}", i.code());
        }
        let months = c.period().months(ReportCalendar::default()).unwrap();
        assert_eq!(months.len(), 10);
    }

    #[test]
    fn broken_campaigns_are_refused() {
        let field = |c: &Campaign| check(c).unwrap_err().field;
        let mut c = thai_binh_2024(1);
        c.name = " ".into();
        assert_eq!(field(&c), "name");
        let mut c = thai_binh_2024(1);
        c.ends_on = date(2024, 1, 1);
        assert_eq!(check(&c).unwrap_err().code, "end_before_start");
        let mut c = thai_binh_2024(1);
        c.phases[1].starts_on = date(2025, 2, 3);
        assert_eq!(check(&c).unwrap_err().code, "phases_overlap");
        let mut c = thai_binh_2024(1);
        c.phases[1].ends_on = date(2025, 8, 30);
        assert_eq!(check(&c).unwrap_err().code, "phase_outside_campaign");
        let mut c = thai_binh_2024(1);
        let first = c.targets[0];
        c.targets.push(first);
        assert_eq!(check(&c).unwrap_err().code, "duplicate_target");
        let mut c = thai_binh_2024(1);
        c.targets[0].1.threshold = -1.0;
        assert_eq!(check(&c).unwrap_err().code, "invalid_threshold");
    }
}
