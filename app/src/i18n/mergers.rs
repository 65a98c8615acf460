//! The words of a merger on the places screen (issue 18): communes merged under their
//! province, villages and residential groups joined under their commune.

pub struct MergerTexts {
    pub title: &'static str,
    pub hint: &'static str,
    pub units: &'static str,
    pub into: &'static str,
    pub new_unit: &'static str,
    pub new_name: &'static str,
    pub from: &'static str,
    pub from_hint: &'static str,
    pub button: &'static str,
    /// Shown once the form is complete, before the merger is written.
    pub confirm: &'static str,
    pub confirm_button: &'static str,
    /// The notice after a merger, before the merged unit's name.
    pub merged: &'static str,
    /// A history entry's action, and its two fields.
    pub action: &'static str,
    pub merged_into: &'static str,
    pub merged_from: &'static str,
}

pub const VI: MergerTexts = MergerTexts {
    title: "Sáp nhập",
    hint: "Những nơi được chọn ngừng hoạt động từ trước ngày hiệu lực; thôn, tổ dân phố, các tổ và công an xã của chúng chuyển sang nơi hợp thành. Số liệu các tháng trước vẫn thuộc nơi cũ.",
    units: "Những nơi sáp nhập",
    into: "Hợp thành",
    new_unit: "Một nơi mới",
    new_name: "Tên nơi mới",
    from: "Ngày hiệu lực",
    from_hint: "Ngày đầu của một tháng báo cáo, không ở tương lai.",
    button: "Sáp nhập",
    confirm: "Việc sáp nhập không hoàn tác được. Kiểm tra lại rồi bấm xác nhận.",
    confirm_button: "Xác nhận sáp nhập",
    merged: "Đã sáp nhập vào",
    action: "Sáp nhập",
    merged_into: "Sáp nhập vào",
    merged_from: "Sáp nhập từ",
};

pub const EN: MergerTexts = MergerTexts {
    title: "Merger",
    hint: "The units chosen close before the day it takes effect; their villages, teams and commune police move to the unit they form. Earlier months' figures stay with the old units.",
    units: "Units merging",
    into: "Forming",
    new_unit: "A new unit",
    new_name: "The new unit's name",
    from: "Takes effect on",
    from_hint: "The first day of a report month, not in the future.",
    button: "Merge",
    confirm: "A merger cannot be undone. Check it, then confirm.",
    confirm_button: "Confirm the merger",
    merged: "Merged into",
    action: "Merger",
    merged_into: "Merged into",
    merged_from: "Merged from",
};
