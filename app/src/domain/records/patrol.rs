//! Patrols and duty shifts: who went, where, from when to when; night and holiday time
//! count for the allowance (Law 30/2023 Art. 23(2)(b)), so times must be exact.

use super::{optional_text, required_text, CheckContext};
use crate::domain::local_time::{holidays_touched, night_minutes};
use crate::domain::ErrorCode;
use crate::domain::FieldError;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// A patrol longer than this is a forgotten "finish" tap, not a patrol.
pub const MAX_PATROL: Duration = Duration::hours(24);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct TrackPoint {
    pub at: DateTime<Utc>,
    pub lat: f64,
    pub lon: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Patrol {
    pub started_at: DateTime<Utc>,
    /// `None` while the patrol is under way.
    pub ended_at: Option<DateTime<Utc>>,
    pub participants: Vec<i64>,
    pub area: String,
    pub observations: String,
    /// Mobilised by the commune police (possibly outside the team's area).
    pub mobilised: bool,
    #[serde(default)]
    pub track: Vec<TrackPoint>,
    /// Ids of incident records the patrol dealt with (seed 003: what is seen on patrol
    /// is reported at once).
    #[serde(default)]
    pub incidents: Vec<String>,
}

pub fn check(p: &Patrol, ctx: &CheckContext) -> Result<(), FieldError> {
    ctx.not_future("started_at", p.started_at)?;
    if let Some(end) = p.ended_at {
        if end < p.started_at {
            return Err(FieldError::new("ended_at", ErrorCode::EndBeforeStart));
        }
        ctx.not_future("ended_at", end)?;
        if end - p.started_at > MAX_PATROL {
            return Err(FieldError::new("ended_at", ErrorCode::PatrolTooLong));
        }
    }
    ctx.on_roster("participants", &p.participants, true)?;
    if p.track.len() > MAX_TRACK_POINTS {
        return Err(FieldError::new("track", ErrorCode::TooMany));
    }
    if p.incidents.len() > MAX_LINKED_INCIDENTS {
        return Err(FieldError::new("incidents", ErrorCode::TooMany));
    }
    required_text("area", &p.area)?;
    optional_text("observations", &p.observations)?;
    if p.track
        .iter()
        .any(|t| !(-90.0..=90.0).contains(&t.lat) || !(-180.0..=180.0).contains(&t.lon))
    {
        return Err(FieldError::new("track", ErrorCode::InvalidLocation));
    }
    Ok(())
}

/// What a finished patrol earns: its length, its night minutes and the holidays it touched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatrolTimes {
    pub minutes: i64,
    pub night_minutes: i64,
    pub holidays: Vec<NaiveDate>,
}

pub fn times(p: &Patrol, holidays: &[NaiveDate]) -> Option<PatrolTimes> {
    let end = p.ended_at?;
    Some(PatrolTimes {
        minutes: (end - p.started_at).num_minutes(),
        night_minutes: night_minutes(p.started_at, end),
        holidays: holidays_touched(p.started_at, end, holidays),
    })
}

/// The patrol screen keeps a GPS fix only once the patrol has moved this far: a track
/// that shows the route without filling a cheap phone with points.
pub const TRACK_STEP_METRES: f64 = 25.0;
/// A point every 25 m: 250 km of walking, far past any patrol's route.
pub const MAX_TRACK_POINTS: usize = 10_000;
/// More incidents than this on one patrol is a mistake, not a night's work.
pub const MAX_LINKED_INCIDENTS: usize = 50;

/// Great-circle distance in metres (haversine; plenty for a village-sized patrol).
pub fn distance_metres(a: (f64, f64), b: (f64, f64)) -> f64 {
    const EARTH_RADIUS: f64 = 6_371_000.0;
    let (lat1, lat2) = (a.0.to_radians(), b.0.to_radians());
    let dlat = lat2 - lat1;
    let dlon = (b.1 - a.1).to_radians();
    let h = (dlat / 2.0).sin().powi(2) + lat1.cos() * lat2.cos() * (dlon / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS * h.sqrt().asin()
}

/// Whether a new fix belongs on the track: the first one always, then one per step.
pub fn worth_keeping(track: &[TrackPoint], lat: f64, lon: f64) -> bool {
    track
        .last()
        .is_none_or(|p| distance_metres((p.lat, p.lon), (lat, lon)) >= TRACK_STEP_METRES)
}

/// The track as it is saved when the patrol ends: the kept points plus the last fix,
/// if the patrol ended short of a full step from the last kept point.
pub fn with_end_point(track: &[TrackPoint], latest: Option<&TrackPoint>) -> Vec<TrackPoint> {
    let mut out = track.to_vec();
    if let Some(end) = latest {
        if out
            .last()
            .is_none_or(|p| (p.lat, p.lon) != (end.lat, end.lon))
        {
            out.push(end.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use super::*;

    fn patrol() -> Patrol {
        Patrol {
            started_at: at(9, 21, 0),
            ended_at: Some(at(10, 1, 30)),
            participants: vec![11, 12],
            area: "Thôn Đông – đường liên thôn".into(),
            observations: String::new(),
            mobilised: false,
            track: vec![TrackPoint {
                at: at(9, 21, 0),
                lat: 16.75,
                lon: 107.19,
            }],
            incidents: Vec::new(),
        }
    }

    #[test]
    fn a_good_patrol_passes_and_earns_its_night() {
        assert!(check(&patrol(), &ctx()).is_ok());
        let t = times(&patrol(), &[NaiveDate::from_ymd_opt(2025, 3, 10).unwrap()]).unwrap();
        assert_eq!(
            (t.minutes, t.night_minutes, t.holidays.len()),
            (270, 210, 1)
        );
        assert!(
            times(
                &Patrol {
                    ended_at: None,
                    ..patrol()
                },
                &[]
            )
            .is_none(),
            "under way"
        );
    }

    #[test]
    fn broken_rules_name_their_field() {
        let cases = [
            (
                Patrol {
                    ended_at: Some(at(9, 20, 0)),
                    ..patrol()
                },
                "ended_at",
                "end_before_start",
            ),
            (
                Patrol {
                    started_at: at(10, 13, 0),
                    ended_at: None,
                    ..patrol()
                },
                "started_at",
                "date_in_future",
            ),
            (
                Patrol {
                    ended_at: Some(at(10, 12, 30)),
                    ..patrol()
                },
                "ended_at",
                "date_in_future",
            ),
            (
                Patrol {
                    started_at: at(8, 8, 0),
                    ..patrol()
                },
                "ended_at",
                "patrol_too_long",
            ),
            (
                Patrol {
                    participants: vec![],
                    ..patrol()
                },
                "participants",
                "participants_required",
            ),
            (
                Patrol {
                    participants: vec![11, 77],
                    ..patrol()
                },
                "participants",
                "participant_not_in_team",
            ),
            (
                Patrol {
                    area: " ".into(),
                    ..patrol()
                },
                "area",
                "required",
            ),
            (
                Patrol {
                    track: vec![TrackPoint {
                        at: at(9, 21, 0),
                        lat: 91.0,
                        lon: 0.0,
                    }],
                    ..patrol()
                },
                "track",
                "invalid_location",
            ),
        ];
        for (p, field, code) in cases {
            assert_eq!(
                check(&p, &ctx()),
                Err(FieldError::new(field, ErrorCode::parse(code).unwrap())),
                "{field} {code}"
            );
        }
    }

    #[test]
    fn the_track_keeps_a_point_every_25_metres() {
        // 0.0001° of latitude is about 11 m.
        assert!((distance_metres((16.75, 107.18), (16.7509, 107.18)) - 100.1).abs() < 0.5);
        let mut track = Vec::new();
        assert!(worth_keeping(&track, 16.75, 107.18));
        track.push(TrackPoint {
            at: at(9, 21, 0),
            lat: 16.75,
            lon: 107.18,
        });
        assert!(
            !worth_keeping(&track, 16.7502, 107.18),
            "22 m is not a step"
        );
        assert!(worth_keeping(&track, 16.7503, 107.18), "33 m is");
    }

    #[test]
    fn the_track_ends_where_the_patrol_ended() {
        let p = |lat: f64| TrackPoint {
            at: at(9, 21, 0),
            lat,
            lon: 107.18,
        };
        let kept = vec![p(16.75), p(16.7503)];
        assert_eq!(with_end_point(&kept, None), kept);
        assert_eq!(
            with_end_point(&kept, Some(&p(16.7503))),
            kept,
            "already there"
        );
        assert_eq!(
            with_end_point(&kept, Some(&p(16.7504))).len(),
            3,
            "10 m further"
        );
        assert_eq!(with_end_point(&[], Some(&p(16.75))).len(), 1);
    }
}
