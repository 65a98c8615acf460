//! A campaign's target for an indicator: a comparison and a threshold (≥ 80 %, = 0 …).

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Comparison {
    AtLeast,
    MoreThan,
    Exactly,
    AtMost,
    LessThan,
}

impl Comparison {
    pub const ALL: [Comparison; 5] = [
        Self::AtLeast,
        Self::MoreThan,
        Self::Exactly,
        Self::AtMost,
        Self::LessThan,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Self::AtLeast => "at_least",
            Self::MoreThan => "more_than",
            Self::Exactly => "exactly",
            Self::AtMost => "at_most",
            Self::LessThan => "less_than",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.code() == s)
    }

    pub fn symbol(self) -> &'static str {
        match self {
            Self::AtLeast => "≥",
            Self::MoreThan => ">",
            Self::Exactly => "=",
            Self::AtMost => "≤",
            Self::LessThan => "<",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Target {
    pub comparison: Comparison,
    /// Per cent for a ratio, a number of cases for a count.
    pub threshold: f64,
}

/// Values are compared to a hundredth, so that 2 of 3 against "≥ 66.67 %" is not lost
/// to floating point.
const EPSILON: f64 = 0.005;

impl Target {
    /// Met or not; `None` when there is no value to judge.
    pub fn met(&self, value: Option<f64>) -> Option<bool> {
        let v = value?;
        let t = self.threshold;
        Some(match self.comparison {
            Comparison::AtLeast => v >= t - EPSILON,
            Comparison::MoreThan => v > t + EPSILON,
            Comparison::Exactly => (v - t).abs() < EPSILON,
            Comparison::AtMost => v <= t + EPSILON,
            Comparison::LessThan => v < t - EPSILON,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(comparison: Comparison, threshold: f64) -> Target {
        Target {
            comparison,
            threshold,
        }
    }

    #[test]
    fn comparisons() {
        use Comparison::*;
        let cases = [
            (AtLeast, 80.0, 80.0, true),
            (AtLeast, 80.0, 79.9, false),
            (MoreThan, 90.0, 90.0, false),
            (MoreThan, 90.0, 90.1, true),
            (Exactly, 100.0, 100.0, true),
            (Exactly, 0.0, 1.0, false),
            (AtMost, 0.0, 0.0, true),
            (LessThan, 1.0, 0.0, true),
            (LessThan, 1.0, 1.0, false),
            (AtLeast, 66.67, 200.0 / 3.0, true),
        ];
        for (c, t, v, met) in cases {
            assert_eq!(
                target(c, t).met(Some(v)),
                Some(met),
                "{v} {} {t}",
                c.symbol()
            );
        }
    }

    #[test]
    fn no_value_is_neither_met_nor_missed() {
        assert_eq!(target(Comparison::Exactly, 0.0).met(None), None);
    }

    #[test]
    fn codes_round_trip() {
        for c in Comparison::ALL {
            assert_eq!(Comparison::parse(c.code()), Some(c));
        }
        assert_eq!(Comparison::parse(">="), None);
    }
}
