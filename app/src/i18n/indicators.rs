//! The words of the indicator screens: each indicator's name, periods, values and marks.

use super::Lang;
use crate::domain::indicators::{Indicator, Period, Shape, Target};

fn pick(lang: Lang, (vi, en): (&'static str, &'static str)) -> &'static str {
    match lang {
        Lang::Vi => vi,
        Lang::En => en,
    }
}

pub fn indicator_label(lang: Lang, i: Indicator) -> &'static str {
    use Indicator::*;
    pick(
        lang,
        match i {
            TipsViaForce => (
                "Tin báo đến Công an xã qua lực lượng",
                "Tips reaching the commune police through the force",
            ),
            IncidentsInTime => ("Vụ việc có mặt kịp thời", "Incidents attended in time"),
            EffectiveModels => ("Tổ có mô hình hiệu quả", "Teams keeping an effective model"),
            CallOutsInTime => (
                "Huy động PCCC, CNCH có mặt kịp thời",
                "Fire and rescue call-outs attended in time",
            ),
            BusinessViolations => (
                "Cơ sở kinh doanh có điều kiện vi phạm",
                "Conditional businesses found in violation",
            ),
            HouseholdInfoPassed => (
                "Thông tin nhân khẩu cung cấp cho Công an",
                "Household information passed to the police",
            ),
            WeaponsCases => ("Vụ vũ khí, vật liệu nổ trái phép", "Illegal weapons cases"),
            Reoffences => (
                "Người được giúp đỡ tái phạm",
                "Re-offences among people helped",
            ),
            MembersOnPatrol => (
                "Thành viên tham gia tuần tra",
                "Members who took part in patrols",
            ),
            SeriousAccidents => (
                "Tai nạn giao thông nghiêm trọng",
                "Serious traffic accidents",
            ),
            GoodDeedMonths => (
                "Tháng có việc tốt hoặc người được biểu dương",
                "Months with a good deed or a commended member",
            ),
        },
    )
}

/// A number as the reader writes it: `66,7` in Vietnamese, `66.7` in English.
pub fn number(lang: Lang, v: f64) -> String {
    let s = if (v - v.round()).abs() < 0.05 {
        format!("{}", v.round() as i64)
    } else {
        format!("{v:.1}")
    };
    match lang {
        Lang::Vi => s.replace('.', ","),
        Lang::En => s,
    }
}

/// A value with its unit; `—` when there is no data.
pub fn value_text(lang: Lang, shape: Shape, value: Option<f64>) -> String {
    match (value, shape) {
        (None, _) => "—".into(),
        (Some(v), Shape::Ratio) => format!("{}%", number(lang, v)),
        (Some(v), Shape::Count) => number(lang, v),
    }
}

pub fn target_text(lang: Lang, shape: Shape, t: &Target) -> String {
    let unit = if shape == Shape::Ratio { "%" } else { "" };
    format!(
        "{} {}{unit}",
        t.comparison.symbol(),
        number(lang, t.threshold)
    )
}

pub fn period_label(lang: Lang, p: &Period) -> String {
    match (*p, lang) {
        (Period::Month { year, month }, Lang::Vi) => format!("Tháng {month:02}/{year}"),
        (Period::Month { year, month }, Lang::En) => format!("Month {month:02}/{year}"),
        (Period::Quarter { year, quarter }, Lang::Vi) => format!("Quý {quarter}/{year}"),
        (Period::Quarter { year, quarter }, Lang::En) => format!("Q{quarter} {year}"),
        (Period::Half { year, half: 1 }, Lang::Vi) => format!("6 tháng đầu năm {year}"),
        (Period::Half { year, .. }, Lang::Vi) => format!("6 tháng cuối năm {year}"),
        (Period::Half { year, half: 1 }, Lang::En) => format!("First half of {year}"),
        (Period::Half { year, .. }, Lang::En) => format!("Second half of {year}"),
        (Period::Year { year }, Lang::Vi) => format!("Năm {year}"),
        (Period::Year { year }, Lang::En) => format!("Year {year}"),
        (Period::Dates { from, to }, _) => {
            format!("{} – {}", from.format("%d/%m/%Y"), to.format("%d/%m/%Y"))
        }
    }
}

pub struct IndicatorTexts {
    pub title: &'static str,
    pub period: &'static str,
    pub show: &'static str,
    pub this_month: &'static str,
    pub last_month: &'static str,
    pub whole_campaign: &'static str,
    pub no_campaign: &'static str,
    pub campaign: &'static str,
    pub months: &'static str,
    pub total: &'static str,
    pub team: &'static str,
    pub unit: &'static str,
    pub month: &'static str,
    pub target: &'static str,
    pub met: &'static str,
    pub missed: &'static str,
    pub no_data: &'static str,
    pub legend: &'static str,
    pub records_title: &'static str,
    pub numerator: &'static str,
    pub denominator_only: &'static str,
    pub no_records: &'static str,
    pub truncated: &'static str,
    pub from_roster: &'static str,
    pub back: &'static str,
    pub progress_title: &'static str,
    pub progress_lead: &'static str,
    pub counting: &'static str,
    pub copy_fresh: &'static str,
    pub copy_offline: &'static str,
    pub copy_none: &'static str,
    pub records_counted: &'static str,
    pub unsent_counted: &'static str,
    pub server_table: &'static str,
    pub marks: &'static str,
}

pub const VI: IndicatorTexts = IndicatorTexts {
    title: "Chỉ tiêu phong trào",
    period: "Kỳ",
    show: "Xem",
    this_month: "Tháng này",
    last_month: "Tháng trước",
    whole_campaign: "Cả phong trào",
    no_campaign: "Chưa có phong trào thi đua nào cho đơn vị này: chưa có mục tiêu để so sánh.",
    campaign: "Phong trào",
    months: "Các tháng báo cáo",
    total: "Tổng",
    team: "Tổ",
    unit: "Đơn vị",
    month: "Tháng",
    target: "Mục tiêu",
    met: "Đạt",
    missed: "Chưa đạt",
    no_data: "Chưa có dữ liệu",
    legend: "✓ đạt mục tiêu · ✗ chưa đạt · — chưa có dữ liệu. Chạm vào một ô để xem các bản ghi.",
    records_title: "Bản ghi được tính",
    numerator: "Tính vào tử số",
    denominator_only: "Chỉ tính vào mẫu số",
    no_records: "Không có bản ghi nào được tính trong kỳ này.",
    truncated: "Chỉ hiện 500 bản ghi đầu tiên.",
    from_roster:
        "Số này tính từ danh sách thành viên và số tháng hoạt động, cùng các bản ghi dưới đây.",
    back: "Quay lại bảng chỉ tiêu",
    progress_title: "Tiến độ tháng này",
    progress_lead: "Tính ngay trên điện thoại từ các bản ghi của tổ đang có trên máy, kể cả các mục chưa gửi — xem được cả khi không có sóng.",
    counting: "Đang tính trên điện thoại…",
    copy_fresh: "Đã cập nhật với máy chủ lúc",
    copy_offline: "Không kết nối được máy chủ: tính từ bản sao trên máy, cập nhật lần cuối lúc",
    copy_none: "Không kết nối được máy chủ và máy chưa có bản sao nào của tổ: chỉ tính các mục đang chờ gửi.",
    records_counted: "Số bản ghi được tính",
    unsent_counted: "trong đó chưa gửi",
    server_table: "Xem bảng chỉ tiêu theo tháng (máy chủ)",
    marks: "✓ đạt mục tiêu · ✗ chưa đạt · — chưa có dữ liệu.",
};

pub const EN: IndicatorTexts = IndicatorTexts {
    title: "Campaign indicators",
    period: "Period",
    show: "Show",
    this_month: "This month",
    last_month: "Last month",
    whole_campaign: "Whole campaign",
    no_campaign: "No campaign covers this unit yet: there are no targets to compare with.",
    campaign: "Campaign",
    months: "Report months",
    total: "Total",
    team: "Team",
    unit: "Unit",
    month: "Month",
    target: "Target",
    met: "Met",
    missed: "Not met",
    no_data: "No data",
    legend: "✓ target met · ✗ not met · — no data. Tap a cell to see its records.",
    records_title: "Records counted",
    numerator: "Counts in the numerator",
    denominator_only: "Counts in the denominator only",
    no_records: "No record counts in this period.",
    truncated: "Only the first 500 records are shown.",
    from_roster:
        "This number is drawn from the roster and the months of operation, with the records below.",
    back: "Back to the indicators",
    progress_title: "Progress this month",
    progress_lead: "Counted on this phone from the team's records it holds, entries not yet sent included: it works with no signal too.",
    counting: "Counting on the phone…",
    copy_fresh: "Brought up to date with the server at",
    copy_offline: "The server cannot be reached: counted from the copy on this phone, last brought up to date at",
    copy_none: "The server cannot be reached and this phone has no copy of the team yet: only the entries waiting to be sent are counted.",
    records_counted: "Records counted",
    unsent_counted: "of them not yet sent",
    server_table: "See the indicators month by month (server)",
    marks: "✓ target met · ✗ not met · — no data.",
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::indicators::Comparison;
    use chrono::NaiveDate;

    #[test]
    fn numbers_and_values_in_each_language() {
        assert_eq!(number(Lang::Vi, 66.666), "66,7");
        assert_eq!(number(Lang::En, 66.666), "66.7");
        assert_eq!(number(Lang::Vi, 100.0), "100");
        assert_eq!(value_text(Lang::Vi, Shape::Ratio, Some(80.0)), "80%");
        assert_eq!(value_text(Lang::Vi, Shape::Count, Some(2.0)), "2");
        assert_eq!(value_text(Lang::Vi, Shape::Ratio, None), "—");
        let t = Target {
            comparison: Comparison::MoreThan,
            threshold: 90.0,
        };
        assert_eq!(target_text(Lang::Vi, Shape::Ratio, &t), "> 90%");
    }

    #[test]
    fn periods_read_as_people_write_them() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(
            period_label(
                Lang::Vi,
                &Period::Month {
                    year: 2025,
                    month: 7
                }
            ),
            "Tháng 07/2025"
        );
        assert_eq!(
            period_label(
                Lang::Vi,
                &Period::Quarter {
                    year: 2025,
                    quarter: 3
                }
            ),
            "Quý 3/2025"
        );
        assert_eq!(
            period_label(
                Lang::En,
                &Period::Half {
                    year: 2025,
                    half: 2
                }
            ),
            "Second half of 2025"
        );
        assert_eq!(
            period_label(
                Lang::Vi,
                &Period::Dates {
                    from: d(2024, 10, 1),
                    to: d(2025, 7, 30)
                }
            ),
            "01/10/2024 – 30/07/2025"
        );
    }

    #[test]
    fn every_indicator_is_named_in_both_languages() {
        for i in Indicator::ALL {
            assert_ne!(indicator_label(Lang::Vi, i), indicator_label(Lang::En, i));
        }
    }
}
