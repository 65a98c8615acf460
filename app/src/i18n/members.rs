//! The words of the member screens (issue 18): the roster entry's fields, the law's
//! choices (origin, schooling, reasons to leave), the sign-in handed to a new member.

use crate::domain::roster::{Gender, Origin};
use crate::domain::selection::{Education, LeaveReason};

pub struct MemberTexts {
    pub add_member: &'static str,
    /// On the team's roster, before a member's area.
    pub answers_for: &'static str,
    /// On the password screen, for an account whose password someone else chose.
    pub choose_own_password: &'static str,
    pub edit_member: &'static str,
    pub section_person: &'static str,
    pub section_service: &'static str,
    pub section_papers: &'static str,
    pub full_name: &'static str,
    pub date_of_birth: &'static str,
    pub gender: &'static str,
    pub residence: &'static str,
    pub resident_since: &'static str,
    pub resident_since_hint: &'static str,
    pub phone: &'static str,
    pub phone_hint: &'static str,
    pub position: &'static str,
    pub origin: &'static str,
    pub party_member: &'static str,
    pub education: &'static str,
    pub education_hint_remote: &'static str,
    pub education_hint: &'static str,
    pub approval_title: &'static str,
    pub approval_hint: &'static str,
    pub approved_by: &'static str,
    pub approval_decision_no: &'static str,
    pub approved_on: &'static str,
    pub appointed_on: &'static str,
    pub decision_no: &'static str,
    pub certificate_no: &'static str,
    pub certificate_on: &'static str,
    pub badge_issued: &'static str,
    pub equipment: &'static str,
    pub training: &'static str,
    pub area: &'static str,
    pub no_area: &'static str,
    pub joined_on: &'static str,
    pub initial_password: &'static str,
    pub initial_password_hint: &'static str,
    pub choose: &'static str,
    pub yes: &'static str,
    pub added_title: &'static str,
    pub sign_in_with: &'static str,
    pub password_once: &'static str,
    pub password_given: &'static str,
    pub existing_account: &'static str,
    pub no_account: &'static str,
    pub open_member: &'static str,
    pub leave_title: &'static str,
    pub left_on: &'static str,
    pub reason: &'static str,
    pub note: &'static str,
    pub leave_button: &'static str,
    /// A member replaced by another in one step: the link, the screen's title and hint,
    /// the newcomer's section and the button.
    pub replace: &'static str,
    pub replace_hint: &'static str,
    pub newcomer: &'static str,
    pub replace_button: &'static str,
    pub left_notice: &'static str,
    pub reset_password: &'static str,
    pub reset_done: &'static str,
    pub must_change: &'static str,
    pub leader: &'static str,
    pub deputy: &'static str,
    pub member: &'static str,
    pub male: &'static str,
    pub female: &'static str,
    /// In the order of `Origin::ALL`.
    pub origins: [&'static str; 4],
    /// In the order of `Education::ALL`.
    pub educations: [&'static str; 7],
    /// In the order of `LeaveReason::ALL`.
    pub reasons: [&'static str; 4],
    /// A member moved to another team: the section, its hint and button, and the word a
    /// history shows for the move.
    pub transfer: &'static str,
    pub transfer_to: &'static str,
    pub transfer_from: &'static str,
    pub transferred: &'static str,
}

impl MemberTexts {
    pub fn gender(&self, g: Gender) -> &'static str {
        match g {
            Gender::Male => self.male,
            Gender::Female => self.female,
        }
    }
    pub fn origin(&self, o: Origin) -> &'static str {
        let i = Origin::ALL.iter().position(|x| *x == o).unwrap_or_default();
        self.origins[i]
    }
    pub fn education(&self, e: Education) -> &'static str {
        let i = Education::ALL
            .iter()
            .position(|x| *x == e)
            .unwrap_or_default();
        self.educations[i]
    }
    pub fn reason(&self, r: LeaveReason) -> &'static str {
        if r == LeaveReason::Transferred {
            return self.transferred;
        }
        let i = LeaveReason::ALL
            .iter()
            .position(|x| *x == r)
            .unwrap_or_default();
        self.reasons[i]
    }

    /// A field's label in a member's history.
    pub fn field(&self, field: &str) -> Option<&'static str> {
        Some(match field {
            "full_name" => self.full_name,
            "date_of_birth" => self.date_of_birth,
            "gender" => self.gender,
            "residence" => self.residence,
            "resident_since" => self.resident_since,
            "phone" => self.phone,
            "position" => self.position,
            "origin" => self.origin,
            "party_member" => self.party_member,
            "education" => self.education,
            "approved_by" => self.approved_by,
            "approval_decision_no" => self.approval_decision_no,
            "approved_on" => self.approved_on,
            "appointed_on" => self.appointed_on,
            "decision_no" => self.decision_no,
            "certificate_no" => self.certificate_no,
            "certificate_on" => self.certificate_on,
            "badge_issued" => self.badge_issued,
            "equipment" => self.equipment,
            "training" => self.training,
            "area_id" => self.area,
            "joined_on" => self.joined_on,
            "left_on" => self.left_on,
            "leave_reason" => self.reason,
            "leave_note" => self.note,
            _ => return None,
        })
    }

    /// A stored code as a reader reads it (a position, a choice of the law, a yes).
    pub fn value(&self, field: &str, v: &str) -> Option<&'static str> {
        use crate::domain::Position;
        Some(match field {
            "position" => match Position::parse(v)? {
                Position::Leader => self.leader,
                Position::Deputy => self.deputy,
                Position::Member => self.member,
            },
            "gender" => self.gender(Gender::parse(v)?),
            "origin" => self.origin(Origin::parse(v)?),
            "education" => self.education(Education::parse(v)?),
            "leave_reason" => self.reason(LeaveReason::parse(v)?),
            "party_member" | "badge_issued" | "remote" if v == "true" => self.yes,
            _ => return None,
        })
    }
}

pub const VI: MemberTexts = MemberTexts {
    add_member: "Thêm thành viên",
    answers_for: "Phụ trách",
    choose_own_password: "Mật khẩu này do người khác đặt: hãy đặt mật khẩu của riêng bạn để bắt đầu.",
    edit_member: "Sửa thông tin thành viên",
    section_person: "Nhân thân",
    section_service: "Tham gia tổ",
    section_papers: "Quyết định, giấy tờ, trang bị",
    full_name: "Họ và tên",
    date_of_birth: "Ngày sinh",
    gender: "Giới tính",
    residence: "Nơi cư trú",
    resident_since: "Cư trú tại địa bàn từ ngày",
    resident_since_hint: "Thường trú hoặc tạm trú; cần đủ 1 năm trở lên.",
    phone: "Số điện thoại",
    phone_hint: "Là tài khoản đăng nhập của thành viên.",
    position: "Chức danh",
    origin: "Nguồn",
    party_member: "Đảng viên",
    education: "Trình độ học vấn",
    education_hint_remote: "Xã miền núi, biên giới, hải đảo, vùng đồng bào dân tộc thiểu số: tốt nghiệp tiểu học trở lên.",
    education_hint: "Tốt nghiệp trung học cơ sở trở lên.",
    approval_title: "Chấp thuận của Chủ tịch UBND xã (trên 70 tuổi)",
    approval_hint: "Chỉ điền khi thành viên trên 70 tuổi.",
    approved_by: "Người chấp thuận",
    approval_decision_no: "Số văn bản chấp thuận",
    approved_on: "Ngày chấp thuận",
    appointed_on: "Ngày quyết định công nhận",
    decision_no: "Số quyết định công nhận",
    certificate_no: "Số giấy chứng nhận",
    certificate_on: "Ngày cấp giấy chứng nhận",
    badge_issued: "Đã cấp biển hiệu",
    equipment: "Trang bị đã cấp",
    training: "Đã tập huấn",
    area: "Địa bàn phụ trách",
    no_area: "Chưa phân công",
    joined_on: "Ngày bắt đầu tham gia",
    initial_password: "Mật khẩu ban đầu",
    initial_password_hint: "Để trống để hệ thống tạo; thành viên phải đổi ở lần đăng nhập đầu.",
    choose: "— Chọn —",
    yes: "Có",
    added_title: "Đã thêm thành viên",
    sign_in_with: "Đăng nhập bằng số",
    password_once: "Mật khẩu ban đầu (chỉ hiện một lần, hãy đưa tận tay):",
    password_given: "Mật khẩu ban đầu là mật khẩu bạn đã đặt.",
    existing_account: "Số điện thoại này đã có tài khoản: thành viên đăng nhập như trước.",
    no_account: "Chưa có số điện thoại nên chưa có tài khoản.",
    open_member: "Xem thành viên",
    leave_title: "Thôi tham gia",
    left_on: "Ngày thôi tham gia",
    reason: "Lý do (Điều 17 Luật số 30/2023/QH15)",
    note: "Ghi chú",
    leave_button: "Cho thôi tham gia",
    replace: "Thay thế thành viên",
    replace_hint: "Người thay thế vào tổ từ ngày hôm sau ngày thôi tham gia.",
    newcomer: "Người thay thế",
    replace_button: "Ghi nhận thay thế",
    left_notice: "Đã thôi tham gia từ ngày",
    reset_password: "Cấp lại mật khẩu",
    reset_done: "Đã cấp lại mật khẩu. Mọi phiên đăng nhập cũ đã kết thúc.",
    must_change: "Chưa đổi mật khẩu ban đầu",
    leader: "Tổ trưởng",
    deputy: "Tổ phó",
    member: "Tổ viên",
    male: "Nam",
    female: "Nữ",
    origins: [
        "Công an xã bán chuyên trách",
        "Đội trưởng, Đội phó dân phòng",
        "Bảo vệ dân phố",
        "Tuyển chọn mới",
    ],
    educations: [
        "Chưa tốt nghiệp tiểu học",
        "Tiểu học",
        "Trung học cơ sở",
        "Trung học phổ thông",
        "Trung cấp",
        "Cao đẳng",
        "Đại học trở lên",
    ],
    reasons: [
        "Tự nguyện xin thôi",
        "Không đủ sức khỏe",
        "Không hoàn thành nhiệm vụ",
        "Bị khởi tố, áp dụng biện pháp xử lý",
    ],
    transfer: "Chuyển sang tổ khác",
    transfer_to: "Tổ mới",
    transfer_from: "Ngày sang tổ mới",
    transferred: "Chuyển sang tổ khác",
};

pub const EN: MemberTexts = MemberTexts {
    add_member: "Add a member",
    answers_for: "Answers for",
    choose_own_password: "Someone else set this password: choose your own to begin.",
    edit_member: "Edit the member",
    section_person: "Personal details",
    section_service: "Service",
    section_papers: "Decision, papers, equipment",
    full_name: "Full name",
    date_of_birth: "Date of birth",
    gender: "Gender",
    residence: "Residence",
    resident_since: "Resident in the area since",
    resident_since_hint: "Permanent or temporary residence; at least a year.",
    phone: "Phone number",
    phone_hint: "The member signs in with it.",
    position: "Position",
    origin: "Origin",
    party_member: "Party member",
    education: "Schooling",
    education_hint_remote:
        "Mountain, border, island or ethnic-minority commune: primary school or higher.",
    education_hint: "Lower secondary school or higher.",
    approval_title: "The commune chairman's approval (over 70)",
    approval_hint: "Only for a member over 70.",
    approved_by: "Approved by",
    approval_decision_no: "Approval number",
    approved_on: "Approved on",
    appointed_on: "Appointed on",
    decision_no: "Appointment decision number",
    certificate_no: "Certificate number",
    certificate_on: "Certificate issued on",
    badge_issued: "Name badge issued",
    equipment: "Equipment issued",
    training: "Training attended",
    area: "Area of responsibility",
    no_area: "Not assigned",
    joined_on: "Serving since",
    initial_password: "First password",
    initial_password_hint:
        "Leave empty to have one made up; the member must change it at first sign-in.",
    choose: "— Choose —",
    yes: "Yes",
    added_title: "Member added",
    sign_in_with: "Signs in with",
    password_once: "First password (shown once, hand it over in person):",
    password_given: "The first password is the one you set.",
    existing_account: "This phone number has an account already: the member signs in as before.",
    no_account: "No phone number yet, so no account.",
    open_member: "Open the member",
    leave_title: "Leaving",
    left_on: "Last day of service",
    reason: "Reason (Law 30/2023, Art. 17)",
    note: "Note",
    leave_button: "End their service",
    replace: "Replace the member",
    replace_hint: "The newcomer joins the team the day after the leaving day.",
    newcomer: "The newcomer",
    replace_button: "Record the replacement",
    left_notice: "Left the team on",
    reset_password: "New first password",
    reset_done: "A new first password is set. Every earlier session has ended.",
    must_change: "First password not yet changed",
    leader: "Leader",
    deputy: "Deputy",
    member: "Member",
    male: "Male",
    female: "Female",
    origins: [
        "Part-time commune police",
        "Civil-defence team leader or deputy",
        "Residential guard",
        "Newly selected",
    ],
    educations: [
        "Primary not completed",
        "Primary",
        "Lower secondary",
        "Upper secondary",
        "Vocational",
        "College",
        "University or higher",
    ],
    reasons: [
        "Asked to leave",
        "Health no longer allows",
        "Failed their tasks",
        "Prosecuted or under a handling measure",
    ],
    transfer: "Move to another team",
    transfer_to: "New team",
    transfer_from: "First day in the new team",
    transferred: "Moved to another team",
};
