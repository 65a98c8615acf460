//! The words of a unit's police accounts on its places screen (issue 18, point 5).

pub struct PoliceTexts {
    pub commune_title: &'static str,
    pub province_title: &'static str,
    pub hint: &'static str,
    pub name: &'static str,
    pub add: &'static str,
    pub remove: &'static str,
    /// Asked before an account loses its role.
    pub remove_confirm: &'static str,
    /// History lines: an account given the role, one that lost it, one given a password.
    pub added: &'static str,
    pub removed: &'static str,
    pub reset: &'static str,
}

pub const VI: PoliceTexts = PoliceTexts {
    commune_title: "Tài khoản công an xã",
    province_title: "Tài khoản công an tỉnh",
    hint: "Đăng nhập bằng số điện thoại; lần đầu phải tự đặt mật khẩu.",
    name: "Cấp bậc, họ và tên",
    add: "Thêm tài khoản",
    remove: "Thu hồi quyền",
    remove_confirm: "Bấm lần nữa để thu hồi",
    added: "Thêm công an",
    removed: "Thu hồi quyền công an",
    reset: "Đặt lại mật khẩu công an",
};

pub const EN: PoliceTexts = PoliceTexts {
    commune_title: "Commune police accounts",
    province_title: "Province police accounts",
    hint: "They sign in with their phone and choose their own password the first time.",
    name: "Rank and full name",
    add: "Add an account",
    remove: "Take the role back",
    remove_confirm: "Tap again to take it back",
    added: "Police added",
    removed: "Police role taken back",
    reset: "Police password reset",
};
