//! Dates as Vietnamese forms write them, in Vietnam time.

/// dd/mm/yyyy, as Vietnamese forms write dates.
pub fn format_date(d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    format!("{:02}/{:02}/{}", d.day(), d.month(), d.year())
}

/// dd/mm/yyyy hh:mm in Vietnam time.
pub fn format_datetime(t: chrono::DateTime<chrono::Utc>) -> String {
    use chrono::Timelike;
    let l = crate::domain::local_time::to_local(t);
    format!(
        "{} {:02}:{:02}",
        format_date(l.date()),
        l.hour(),
        l.minute()
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn dates_are_day_month_year() {
        let d = chrono::NaiveDate::from_ymd_opt(2025, 7, 1).unwrap();
        assert_eq!(super::format_date(d), "01/07/2025");
        let t = chrono::DateTime::parse_from_rfc3339("2025-06-30T17:05:00Z").unwrap();
        assert_eq!(super::format_datetime(t.into()), "01/07/2025 00:05");
    }
}
