//! How one posted field reads: a `datetime-local` time typed in Vietnam time, a date, a
//! count, a list of ids, a ticked box, a channel or the actions taken, a GPS track. Each
//! reader names the field it reports on.

use super::incident::Action;
use super::patrol::TrackPoint;
use super::tip::Channel;
use crate::domain::iso_date;
use crate::domain::local_time::{from_local, to_local};
use crate::domain::ErrorCode;
use crate::domain::FieldError;
use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, Timelike, Utc};

/// `yyyy-mm-ddThh:mm` as a `datetime-local` input shows an instant, in Vietnam time.
pub fn local_input(t: DateTime<Utc>) -> String {
    let l = to_local(t);
    format!(
        "{}T{:02}:{:02}",
        iso_date::format(l.date()),
        l.hour(),
        l.minute()
    )
}

/// Reads a `datetime-local` value (seconds optional) typed in Vietnam time.
pub fn parse_local_input(s: &str) -> Option<DateTime<Utc>> {
    let (d, t) = s.trim().split_once('T')?;
    let date = iso_date::parse(d)?;
    let mut parts = t.split(':');
    let mut next = |len: usize| {
        parts
            .next()
            .filter(|p| p.len() == len && p.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|p| p.parse::<u32>().ok())
    };
    let (h, m) = (next(2)?, next(2)?);
    let s = match parts.next() {
        None => 0,
        Some(sec) => sec.get(..2)?.parse().ok()?,
    };
    let time = NaiveTime::from_hms_opt(h, m, s)?;
    Some(from_local(NaiveDateTime::new(date, time)))
}

pub(super) fn instant(field: &str, s: &str) -> Result<DateTime<Utc>, FieldError> {
    if s.trim().is_empty() {
        return Err(FieldError::new(field, ErrorCode::Required));
    }
    parse_local_input(s).ok_or_else(|| FieldError::new(field, ErrorCode::InvalidDatetime))
}

pub(super) fn optional_instant(field: &str, s: &str) -> Result<Option<DateTime<Utc>>, FieldError> {
    if s.trim().is_empty() {
        return Ok(None);
    }
    instant(field, s).map(Some)
}

pub(super) fn date(field: &str, s: &str) -> Result<NaiveDate, FieldError> {
    iso_date::field(field, s)
}

pub(super) fn count(field: &str, s: &str) -> Result<u32, FieldError> {
    if s.trim().is_empty() {
        return Err(FieldError::new(field, ErrorCode::Required));
    }
    s.trim()
        .parse()
        .map_err(|_| FieldError::new(field, ErrorCode::InvalidNumber))
}

pub(super) fn ids(field: &str, values: &[String]) -> Result<Vec<i64>, FieldError> {
    let mut out = Vec::with_capacity(values.len());
    for v in values {
        let id = v
            .trim()
            .parse()
            .map_err(|_| FieldError::new(field, ErrorCode::ParticipantNotInTeam))?;
        if !out.contains(&id) {
            out.push(id);
        }
    }
    Ok(out)
}

pub(super) fn distinct(values: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for v in values.iter().map(|v| v.trim()).filter(|v| !v.is_empty()) {
        if !out.iter().any(|o| o == v) {
            out.push(v.to_owned());
        }
    }
    out
}

pub(super) fn coordinate(field: &str, s: &str) -> Result<Option<f64>, FieldError> {
    if s.trim().is_empty() {
        return Ok(None);
    }
    s.trim()
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .map(Some)
        .ok_or_else(|| FieldError::new(field, ErrorCode::InvalidLocation))
}

/// A checkbox posts its value when ticked and nothing when not.
pub(super) fn ticked(s: &str) -> bool {
    !s.is_empty() && s != "false"
}

pub(super) fn channel(s: &str) -> Result<Channel, FieldError> {
    Ok(match s {
        "in_person" => Channel::InPerson,
        "phone_call" => Channel::PhoneCall,
        "message" => Channel::Message,
        "public_form" => Channel::PublicForm,
        "" => return Err(FieldError::new("channel", ErrorCode::Required)),
        _ => return Err(FieldError::new("channel", ErrorCode::InvalidChoice)),
    })
}

pub fn channel_code(c: Channel) -> &'static str {
    match c {
        Channel::InPerson => "in_person",
        Channel::PhoneCall => "phone_call",
        Channel::Message => "message",
        Channel::PublicForm => "public_form",
    }
}

pub const ACTIONS: [(Action, &str); 5] = [
    (Action::Stopped, "stopped"),
    (Action::FirstAid, "first_aid"),
    (Action::SceneProtected, "scene_protected"),
    (Action::Mediated, "mediated"),
    (Action::HandedToPolice, "handed_to_police"),
];

pub fn action_code(a: Action) -> &'static str {
    ACTIONS
        .iter()
        .find(|(x, _)| *x == a)
        .map(|(_, c)| *c)
        .unwrap_or("stopped")
}

pub(super) fn actions(values: &[String]) -> Result<Vec<Action>, FieldError> {
    let mut out = Vec::new();
    for v in values {
        let a = ACTIONS
            .iter()
            .find(|(_, c)| c == v)
            .map(|(a, _)| *a)
            .ok_or_else(|| FieldError::new("actions", ErrorCode::InvalidChoice))?;
        if !out.contains(&a) {
            out.push(a);
        }
    }
    Ok(out)
}

pub(super) fn track(s: &str) -> Result<Vec<TrackPoint>, FieldError> {
    if s.trim().is_empty() {
        return Ok(Vec::new());
    }
    serde_json::from_str(s).map_err(|_| FieldError::new("track", ErrorCode::InvalidLocation))
}
