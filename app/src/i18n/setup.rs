//! The words of the screens where a commune (or province) keeps its own data: its
//! villages and residential groups, or its communes.

use crate::domain::OrgUnitKind;

pub struct SetupTexts {
    pub villages_title: &'static str,
    pub communes_title: &'static str,
    pub manage_villages: &'static str,
    pub add_village: &'static str,
    pub add_commune: &'static str,
    pub village_name_hint: &'static str,
    pub commune_name_hint: &'static str,
    pub name: &'static str,
    pub valid_from: &'static str,
    pub valid_to: &'static str,
    pub valid_to_hint: &'static str,
    pub add: &'static str,
    pub added: &'static str,
    pub saved: &'static str,
    pub edit: &'static str,
    pub cancel: &'static str,
    pub save: &'static str,
    pub active_since: &'static str,
    pub closed_on: &'static str,
    pub restore: &'static str,
    pub history: &'static str,
    pub no_history: &'static str,
    pub none_yet: &'static str,
    pub created: &'static str,
    pub edited: &'static str,
    pub empty_value: &'static str,
    pub back: &'static str,
    pub other_details: &'static str,
}

impl SetupTexts {
    /// The title of the list of units under a unit of this kind.
    pub fn children_title(&self, kind: OrgUnitKind) -> &'static str {
        match kind {
            OrgUnitKind::Commune | OrgUnitKind::Village => self.villages_title,
            OrgUnitKind::Province | OrgUnitKind::District => self.communes_title,
        }
    }

    /// A field's name in a history entry.
    pub fn field(&self, field: &str) -> &'static str {
        match field {
            "name" => self.name,
            "valid_from" => self.valid_from,
            "valid_to" => self.valid_to,
            _ => self.other_details,
        }
    }
}

pub const VI: SetupTexts = SetupTexts {
    villages_title: "Thôn, tổ dân phố",
    communes_title: "Xã, phường, đặc khu",
    manage_villages: "Thôn, tổ dân phố của xã",
    add_village: "Thêm thôn, tổ dân phố",
    add_commune: "Thêm xã, phường",
    village_name_hint: "Ví dụ: Thôn Tô Xá, Tổ dân phố 3",
    commune_name_hint: "Ví dụ: Xã Quảng Trạch, Phường Ba Đình",
    name: "Tên",
    valid_from: "Hoạt động từ ngày",
    valid_to: "Ngày cuối hoạt động",
    valid_to_hint: "Để trống khi còn hoạt động; điền ngày khi sáp nhập, chia tách hoặc giải thể.",
    add: "Thêm",
    added: "Đã thêm.",
    saved: "Đã lưu.",
    edit: "Sửa",
    cancel: "Huỷ",
    save: "Lưu",
    active_since: "Hoạt động từ",
    closed_on: "Ngừng hoạt động sau ngày",
    restore: "Khôi phục",
    history: "Lịch sử thay đổi",
    no_history: "Chưa có thay đổi nào được ghi.",
    none_yet: "Chưa có đơn vị nào. Hãy thêm đơn vị đầu tiên.",
    created: "Tạo mới",
    edited: "Sửa",
    empty_value: "(trống)",
    back: "Quay lại",
    other_details: "Thông tin khác",
};

pub const EN: SetupTexts = SetupTexts {
    villages_title: "Villages and residential groups",
    communes_title: "Communes and wards",
    manage_villages: "The commune's villages and residential groups",
    add_village: "Add a village or residential group",
    add_commune: "Add a commune or ward",
    village_name_hint: "For example: Thôn Tô Xá, Tổ dân phố 3",
    commune_name_hint: "For example: Xã Quảng Trạch, Phường Ba Đình",
    name: "Name",
    valid_from: "Exists from",
    valid_to: "Last day",
    valid_to_hint: "Empty while it exists; a date when it is merged, split or dissolved.",
    add: "Add",
    added: "Added.",
    saved: "Saved.",
    edit: "Edit",
    cancel: "Cancel",
    save: "Save",
    active_since: "Exists since",
    closed_on: "Closed after",
    restore: "Restore",
    history: "History of changes",
    no_history: "No change recorded yet.",
    none_yet: "None yet. Add the first one.",
    created: "Created",
    edited: "Edited",
    empty_value: "(empty)",
    back: "Back",
    other_details: "Other details",
};
