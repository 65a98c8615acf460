//! The words of a roster import on the places screen (issue 18, point 6). The problems of
//! each row come worded from the server, in the reader's language.

pub struct ImportTexts {
    pub title: &'static str,
    pub hint: &'static str,
    pub template: &'static str,
    pub file: &'static str,
    pub check: &'static str,
    /// The button that writes a clean file, before how many rows it writes.
    pub import: &'static str,
    pub problems: &'static str,
    pub row: &'static str,
    pub added: &'static str,
    pub updated: &'static str,
    pub unchanged: &'static str,
    pub new_teams: &'static str,
    pub nothing: &'static str,
    pub written: &'static str,
}

pub const VI: ImportTexts = ImportTexts {
    title: "Nhập danh sách từ tệp",
    hint: "Tệp .xlsx hoặc .csv theo mẫu, hoặc danh sách đã tải về rồi sửa. Chỉ nhập khi mọi dòng đều đúng.",
    template: "Tải tệp mẫu",
    file: "Tệp danh sách",
    check: "Kiểm tra tệp",
    import: "Nhập vào danh sách",
    problems: "Các dòng có lỗi (chưa nhập gì):",
    row: "Dòng",
    added: "thành viên mới",
    updated: "thay đổi",
    unchanged: "không đổi",
    new_teams: "Tổ mới:",
    nothing: "Danh sách đã như tệp: không có gì thay đổi.",
    written: "Đã nhập danh sách.",
};

pub const EN: ImportTexts = ImportTexts {
    title: "Import a roster file",
    hint: "An .xlsx or .csv file on the template, or a downloaded roster, edited. Imported only once every row is right.",
    template: "Download the template",
    file: "Roster file",
    check: "Check the file",
    import: "Import into the roster",
    problems: "Rows with problems (nothing imported):",
    row: "Row",
    added: "new members",
    updated: "changed",
    unchanged: "unchanged",
    new_teams: "New teams:",
    nothing: "The roster is as the file says: nothing changes.",
    written: "The roster was imported.",
};
