//! The words of the leader's month, the commune police's overview and notices.

use super::Lang;
use crate::domain::signoff::{Gap, MonthState, ReviewState};

pub struct MonthTexts {
    pub title: &'static str,
    pub open_month: &'static str,
    pub commune_months: &'static str,
    pub previous: &'static str,
    pub next: &'static str,
    pub deadline: &'static str,
    pub late: &'static str,
    pub days_left: &'static str,
    pub gaps_title: &'static str,
    pub no_gaps: &'static str,
    pub members_title: &'static str,
    pub col_member: &'static str,
    pub col_patrols: &'static str,
    pub col_tips: &'static str,
    pub col_deeds: &'static str,
    pub col_records: &'static str,
    pub indicators_title: &'static str,
    pub records_title: &'static str,
    pub no_records: &'static str,
    pub accept: &'static str,
    pub return_record: &'static str,
    pub return_comment: &'static str,
    pub send_back: &'static str,
    pub meeting_title: &'static str,
    pub meeting_logged: &'static str,
    pub meeting_missing: &'static str,
    pub log_meeting: &'static str,
    pub report_title: &'static str,
    pub remarks: &'static str,
    pub submit: &'static str,
    pub submit_hint: &'static str,
    pub accept_month: &'static str,
    pub return_month: &'static str,
    pub reopen: &'static str,
    pub reason: &'static str,
    pub confirm: &'static str,
    pub trail_title: &'static str,
    pub no_trail: &'static str,
    pub locked_note: &'static str,
    pub returned_banner: &'static str,
    pub submitted_on: &'static str,
    pub remind: &'static str,
    pub reminded: &'static str,
    pub summary: &'static str,
    pub kept_offline: &'static str,
}

pub const VI: MonthTexts = MonthTexts {
    title: "Sổ tháng của tổ",
    open_month: "Duyệt và ký báo cáo tháng",
    commune_months: "Báo cáo tháng của các tổ",
    previous: "‹ Tháng trước",
    next: "Tháng sau ›",
    deadline: "Hạn nộp",
    late: "Quá hạn",
    days_left: "Còn {n} ngày trong tháng",
    gaps_title: "Còn thiếu",
    no_gaps: "Không còn thiếu gì.",
    members_title: "Tổ viên trong tháng",
    col_member: "Tổ viên",
    col_patrols: "Tuần tra",
    col_tips: "Tin báo",
    col_deeds: "Việc tốt",
    col_records: "Bản ghi",
    indicators_title: "Chỉ tiêu tháng này",
    records_title: "Bản ghi trong tháng",
    no_records: "Chưa có bản ghi nào trong tháng.",
    accept: "Duyệt",
    return_record: "Trả lại",
    return_comment: "Cần sửa gì?",
    send_back: "Gửi trả lại người ghi",
    meeting_title: "Họp tổ hằng tháng",
    meeting_logged: "Đã ghi cuộc họp tháng này.",
    meeting_missing: "Chưa ghi cuộc họp tổ tháng này.",
    log_meeting: "Ghi cuộc họp",
    report_title: "Báo cáo tháng",
    remarks: "Nhận xét của tổ trưởng",
    submit: "Ký và nộp báo cáo tháng",
    submit_hint: "Sau khi nộp, bản ghi của tháng bị khóa cho đến khi tháng được mở lại.",
    accept_month: "Tiếp nhận báo cáo",
    return_month: "Trả lại báo cáo",
    reopen: "Mở lại tháng",
    reason: "Lý do",
    confirm: "Xác nhận",
    trail_title: "Nhật ký duyệt",
    no_trail: "Chưa có bước duyệt nào.",
    locked_note: "Tháng {m} đã được ký nộp: không thể thêm, sửa hay xóa bản ghi của tháng này.",
    returned_banner: "Tổ trưởng trả lại bản ghi này để sửa",
    submitted_on: "Nộp lúc",
    remind: "Nhắc nộp",
    reminded: "Đã gửi nhắc nhở đến tổ trưởng.",
    summary: "Tổng hợp",
    kept_offline:
        "Không có sóng: đã lưu trên điện thoại, sẽ tự gửi khi có sóng (xem ở Hoạt động của tổ).",
};

pub const EN: MonthTexts = MonthTexts {
    title: "The team's month",
    open_month: "Review and sign off the month",
    commune_months: "Teams' monthly reports",
    previous: "‹ Previous month",
    next: "Next month ›",
    deadline: "Due",
    late: "Late",
    days_left: "{n} days left in the month",
    gaps_title: "Still missing",
    no_gaps: "Nothing is missing.",
    members_title: "Members this month",
    col_member: "Member",
    col_patrols: "Patrols",
    col_tips: "Tips",
    col_deeds: "Good deeds",
    col_records: "Records",
    indicators_title: "This month's indicators",
    records_title: "Records of the month",
    no_records: "No records this month yet.",
    accept: "Accept",
    return_record: "Return",
    return_comment: "What needs fixing?",
    send_back: "Return to its author",
    meeting_title: "Monthly team meeting",
    meeting_logged: "This month's meeting is logged.",
    meeting_missing: "No team meeting logged this month.",
    log_meeting: "Log the meeting",
    report_title: "Monthly report",
    remarks: "The leader's remarks",
    submit: "Sign and submit the month",
    submit_hint: "Once submitted, the month's records are locked until it is reopened.",
    accept_month: "Accept the report",
    return_month: "Return the report",
    reopen: "Reopen the month",
    reason: "Reason",
    confirm: "Confirm",
    trail_title: "Sign-off trail",
    no_trail: "No steps yet.",
    locked_note: "The month {m} is signed off: its records cannot be added, edited or deleted.",
    returned_banner: "The leader returned this record for fixing",
    submitted_on: "Submitted",
    remind: "Remind",
    reminded: "A reminder was sent to the leader.",
    summary: "Summary",
    kept_offline: "No signal: kept on this phone and sent by itself when there is a signal (see the team's activity).",
};

fn pick(lang: Lang, (vi, en): (&'static str, &'static str)) -> &'static str {
    match lang {
        Lang::Vi => vi,
        Lang::En => en,
    }
}

pub fn state_label(lang: Lang, s: MonthState) -> &'static str {
    pick(
        lang,
        match s {
            MonthState::Open => ("Đang mở", "Open"),
            MonthState::Submitted => (
                "Đã nộp, chờ Công an xã",
                "Submitted, awaiting the commune police",
            ),
            MonthState::Accepted => ("Công an xã đã tiếp nhận", "Accepted by the commune police"),
            MonthState::Returned => ("Công an xã trả lại", "Returned by the commune police"),
        },
    )
}

pub fn review_label(lang: Lang, s: ReviewState) -> &'static str {
    pick(
        lang,
        match s {
            ReviewState::Pending => ("Chưa duyệt", "Not reviewed"),
            ReviewState::Accepted => ("Đã duyệt", "Accepted"),
            ReviewState::Returned => ("Bị trả lại", "Returned"),
        },
    )
}

/// A line of the month's trail.
pub fn action_label(lang: Lang, action: &str) -> &'static str {
    pick(
        lang,
        match action {
            "submit" => ("Ký nộp báo cáo tháng", "Signed and submitted the month"),
            "accept" => ("Tiếp nhận báo cáo tháng", "Accepted the month"),
            "return" => ("Trả lại báo cáo tháng", "Returned the month"),
            "reopen" => ("Mở lại tháng", "Reopened the month"),
            "record_accepted" => ("Duyệt bản ghi", "Accepted a record"),
            "record_returned" => ("Trả lại bản ghi", "Returned a record"),
            "record_fixed" => ("Sửa bản ghi bị trả lại", "Fixed a returned record"),
            _ => ("Thay đổi", "Change"),
        },
    )
}

pub fn gap_text(lang: Lang, gap: &Gap) -> String {
    let vi = lang == Lang::Vi;
    match gap {
        Gap::Returned { count } if vi => format!("{count} bản ghi bị trả lại chưa được sửa"),
        Gap::Returned { count } => format!("{count} returned records not fixed yet"),
        Gap::Unreviewed { count } if vi => format!("{count} bản ghi chưa duyệt"),
        Gap::Unreviewed { count } => format!("{count} records not reviewed yet"),
        Gap::NoGoodDeed if vi => "Chưa có việc tốt nào trong tháng".into(),
        Gap::NoGoodDeed => "No good deed yet this month".into(),
        Gap::NotPatrolled { names } if vi => format!(
            "{} tổ viên chưa tham gia tuần tra: {}",
            names.len(),
            names.join(", ")
        ),
        Gap::NotPatrolled { names } => format!(
            "{} members have not patrolled: {}",
            names.len(),
            names.join(", ")
        ),
        Gap::NoMeeting if vi => "Chưa ghi cuộc họp tổ tháng này".into(),
        Gap::NoMeeting => "No team meeting logged this month".into(),
    }
}

/// A notice in words: who did what, and their comment if any.
pub fn notice_text(lang: Lang, kind: &str, from: &str, month: &str, text: &str) -> String {
    let vi = lang == Lang::Vi;
    let what = match (kind, vi) {
        ("record_returned", true) => format!("{from} trả lại một bản ghi của bạn (tháng {month})"),
        ("record_returned", false) => format!("{from} returned one of your records ({month})"),
        ("month_reminder", true) => format!("{from} nhắc tổ nộp báo cáo tháng {month}"),
        ("month_reminder", false) => format!("{from} reminds the team to submit {month}"),
        ("month_return", true) => format!("{from} trả lại báo cáo tháng {month}"),
        ("month_return", false) => format!("{from} returned the report for {month}"),
        ("month_accept", true) => format!("{from} đã tiếp nhận báo cáo tháng {month}"),
        ("month_accept", false) => format!("{from} accepted the report for {month}"),
        ("month_reopen", true) => format!("{from} mở lại tháng {month}"),
        ("month_reopen", false) => format!("{from} reopened {month}"),
        (_, true) => format!("{from}: tháng {month}"),
        (_, false) => format!("{from}: {month}"),
    };
    if text.is_empty() {
        what
    } else {
        format!("{what}: {text}")
    }
}
