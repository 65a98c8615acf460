//! User-facing text in Vietnamese (default) and English. Every string is a field of
//! `Texts`, so a missing translation fails to compile.
//!
//! Long as a table is: the shared texts written out once per language, then one message
//! per error code in both, those the browser raises apart from those only the server
//! does (so the browser's build carries only its own). Each screen's words are in a
//! module of their own below.

pub mod indicators;
pub mod members;
pub mod mergers;
pub mod month;
pub mod police;
pub mod records;
pub mod roster_import;
pub mod setup;

pub use crate::domain::lang::{Lang, LANG_COOKIE};
use crate::domain::ErrorCode;

/// Each language's words, by screen.
impl Lang {
    pub fn texts(self) -> &'static Texts {
        match self {
            Lang::Vi => &VI,
            Lang::En => &EN,
        }
    }

    /// The words of the record screens.
    pub fn indicators(self) -> &'static indicators::IndicatorTexts {
        match self {
            Lang::Vi => &indicators::VI,
            Lang::En => &indicators::EN,
        }
    }

    pub fn month(self) -> &'static month::MonthTexts {
        match self {
            Lang::Vi => &month::VI,
            Lang::En => &month::EN,
        }
    }

    pub fn records(self) -> &'static records::RecordTexts {
        match self {
            Lang::Vi => &records::VI,
            Lang::En => &records::EN,
        }
    }

    /// The words of the screens where a commune keeps its own data.
    pub fn members(self) -> &'static members::MemberTexts {
        match self {
            Lang::Vi => &members::VI,
            Lang::En => &members::EN,
        }
    }

    pub fn mergers(self) -> &'static mergers::MergerTexts {
        match self {
            Lang::Vi => &mergers::VI,
            Lang::En => &mergers::EN,
        }
    }

    pub fn police(self) -> &'static police::PoliceTexts {
        match self {
            Lang::Vi => &police::VI,
            Lang::En => &police::EN,
        }
    }

    pub fn roster_import(self) -> &'static roster_import::ImportTexts {
        match self {
            Lang::Vi => &roster_import::VI,
            Lang::En => &roster_import::EN,
        }
    }

    pub fn setup(self) -> &'static setup::SetupTexts {
        match self {
            Lang::Vi => &setup::VI,
            Lang::En => &setup::EN,
        }
    }
}

pub struct Texts {
    pub app_name: &'static str,
    pub switch_language: &'static str,
    pub login_title: &'static str,
    pub login_intro: &'static str,
    pub phone: &'static str,
    pub phone_hint: &'static str,
    pub password: &'static str,
    pub show_password: &'static str,
    pub hide_password: &'static str,
    pub login_button: &'static str,
    pub logout: &'static str,
    pub logout_unsent: &'static str,
    pub loading: &'static str,
    pub hello: &'static str,
    pub my_team: &'static str,
    pub team_i_lead: &'static str,
    pub commune_teams: &'static str,
    pub province_communes: &'static str,
    pub indicators_link: &'static str,
    pub month_link: &'static str,
    pub progress_link: &'static str,
    pub commune_months: &'static str,
    pub villages_link: &'static str,
    pub communes_link: &'static str,
    pub notices: &'static str,
    pub roster: &'static str,
    pub members_count: &'static str,
    pub quota: &'static str,
    pub operating_since: &'static str,
    pub villages: &'static str,
    pub kind_security_order: &'static str,
    pub kind_people_patrol: &'static str,
    pub leader: &'static str,
    pub deputy: &'static str,
    pub member: &'static str,
    pub teams: &'static str,
    pub below_quota: &'static str,
    pub no_roles: &'static str,
    pub account: &'static str,
    pub change_password: &'static str,
    pub current_password: &'static str,
    pub new_password: &'static str,
    pub confirm_password: &'static str,
    pub save: &'static str,
    pub password_changed: &'static str,
    pub not_found_title: &'static str,
    pub not_found_body: &'static str,
    pub back_home: &'static str,
    pub error_reference: &'static str,
    pub date_of_birth: &'static str,
    pub residence: &'static str,
    pub call: &'static str,
    pub commune: &'static str,
}

pub static VI: Texts = Texts {
    app_name: "ANTT Cơ sở",
    switch_language: "English",
    login_title: "Đăng nhập",
    login_intro: "Dành cho Tổ bảo vệ an ninh, trật tự ở cơ sở và Công an xã.",
    phone: "Số điện thoại",
    phone_hint: "Ví dụ: 0912 345 678",
    password: "Mật khẩu",
    show_password: "Hiện mật khẩu",
    hide_password: "Ẩn mật khẩu",
    login_button: "Đăng nhập",
    logout: "Đăng xuất",
    logout_unsent: "Còn mục ghi trên điện thoại này chưa gửi được. Chúng vẫn được giữ và sẽ tự gửi khi bạn đăng nhập lại. Vẫn đăng xuất?",
    loading: "Đang tải…",
    hello: "Xin chào",
    my_team: "Tổ của tôi",
    team_i_lead: "Tổ tôi phụ trách",
    commune_teams: "Các tổ trong xã",
    province_communes: "Các xã trong tỉnh",
    indicators_link: "Chỉ tiêu phong trào",
    month_link: "Sổ tháng: duyệt và ký báo cáo",
    progress_link: "Tiến độ tháng này",
    commune_months: "Báo cáo tháng của các tổ",
    villages_link: "Thôn, tổ dân phố",
    communes_link: "Xã, phường, đặc khu",
    notices: "Thông báo",
    roster: "Danh sách tổ viên",
    members_count: "Số tổ viên",
    quota: "Định mức",
    operating_since: "Hoạt động từ",
    villages: "Địa bàn",
    kind_security_order: "Tổ bảo vệ ANTT",
    kind_people_patrol: "Tổ tuần tra nhân dân",
    leader: "Tổ trưởng",
    deputy: "Tổ phó",
    member: "Tổ viên",
    teams: "tổ",
    below_quota: "Thiếu so với định mức",
    no_roles: "Tài khoản chưa được phân công vai trò nào. Hãy liên hệ Công an xã.",
    account: "Tài khoản",
    change_password: "Đổi mật khẩu",
    current_password: "Mật khẩu hiện tại",
    new_password: "Mật khẩu mới",
    confirm_password: "Nhập lại mật khẩu mới",
    save: "Lưu",
    password_changed: "Đã đổi mật khẩu. Các phiên đăng nhập khác đã bị đăng xuất.",
    not_found_title: "Không tìm thấy trang",
    not_found_body: "Trang bạn tìm không tồn tại hoặc đã bị chuyển đi.",
    back_home: "Về trang chủ",
    error_reference: "Mã tra cứu",
    date_of_birth: "Ngày sinh",
    residence: "Nơi cư trú",
    call: "Gọi",
    commune: "Xã / phường",
};

pub static EN: Texts = Texts {
    app_name: "ANTT Cơ sở",
    switch_language: "Tiếng Việt",
    login_title: "Sign in",
    login_intro: "For grassroots security and order teams and commune police.",
    phone: "Phone number",
    phone_hint: "For example: 0912 345 678",
    password: "Password",
    show_password: "Show password",
    hide_password: "Hide password",
    login_button: "Sign in",
    logout: "Sign out",
    logout_unsent: "Some entries on this phone are not sent yet. They are kept, and sent when you sign in again. Sign out anyway?",
    loading: "Loading…",
    hello: "Hello",
    my_team: "My team",
    team_i_lead: "The team I lead",
    commune_teams: "Teams in the commune",
    province_communes: "Communes in the province",
    indicators_link: "Campaign indicators",
    month_link: "The month: review and sign off",
    progress_link: "Progress this month",
    commune_months: "Teams' monthly reports",
    villages_link: "Villages and residential groups",
    communes_link: "Communes and wards",
    notices: "Notices",
    roster: "Team roster",
    members_count: "Members",
    quota: "Quota",
    operating_since: "Operating since",
    villages: "Area",
    kind_security_order: "Security and order team",
    kind_people_patrol: "People's patrol team",
    leader: "Leader",
    deputy: "Deputy",
    member: "Member",
    teams: "teams",
    below_quota: "Below quota",
    no_roles: "This account has no role yet. Please contact the commune police.",
    account: "Account",
    change_password: "Change password",
    current_password: "Current password",
    new_password: "New password",
    confirm_password: "Repeat the new password",
    save: "Save",
    password_changed: "Password changed. Your other sessions have been signed out.",
    not_found_title: "Page not found",
    not_found_body: "The page you are looking for does not exist or has moved.",
    back_home: "Back to home",
    error_reference: "Reference",
    date_of_birth: "Date of birth",
    residence: "Residence",
    call: "Call",
    commune: "Commune / ward",
};

/// The message for a stable error code, in the given language: the whole table on the
/// server; in the browser, the codes it can raise itself (the rest come with the error,
/// in the reader's language: `AppError::message_in`), and a general message otherwise.
pub fn error_message(lang: Lang, code: ErrorCode) -> &'static str {
    #[cfg(feature = "ssr")]
    let (vi, en) = client_messages(code).unwrap_or_else(|| server_messages(code));
    #[cfg(not(feature = "ssr"))]
    let (vi, en) = client_messages(code).unwrap_or((
        "Không thực hiện được. Vui lòng thử lại.",
        "That could not be done. Please try again.",
    ));
    match lang {
        Lang::Vi => vi,
        Lang::En => en,
    }
}

/// The messages of the codes the browser raises itself (a form checked on the phone, the
/// outbox, a photo, a transfer file), which it must word without the server. The test
/// `every_code_the_browser_raises_has_its_message_there` keeps the list complete.
// Long on purpose: one arm per code.
pub fn client_messages(code: ErrorCode) -> Option<(&'static str, &'static str)> {
    Some(match code {
            ErrorCode::Required => ("Vui lòng nhập trường này.", "This field is required."),
            ErrorCode::TooLong => ("Nội dung quá dài.", "Too long."),
            ErrorCode::PhoneRequired => ("Vui lòng nhập số điện thoại.", "Please enter a phone number."),
            ErrorCode::PhoneInvalidCharacters => (
                "Số điện thoại chỉ gồm chữ số (có thể có dấu cách, dấu chấm, dấu +84).",
                "A phone number has digits only (spaces, dots and +84 are fine).",
            ),
            ErrorCode::PhoneWrongLength => (
                "Số điện thoại di động có 10 chữ số (ví dụ 0912 345 678).",
                "A mobile number has 10 digits (e.g. 0912 345 678).",
            ),
            ErrorCode::PhoneNotVietnamese => (
                "Đây không phải số điện thoại Việt Nam (bắt đầu bằng 0 hoặc +84).",
                "Not a Vietnamese phone number (it starts with 0 or +84).",
            ),
            ErrorCode::TooMany => ("Danh sách này quá dài.", "This list is too long."),
            ErrorCode::ListedTwice => ("Có mục được chọn hai lần.", "Something is listed twice."),
            ErrorCode::PasswordMismatch => ("Hai mật khẩu không khớp nhau.", "The two passwords do not match."),
            ErrorCode::DateInFuture => ("Ngày không được ở tương lai.", "The date cannot be in the future."),
            ErrorCode::EndBeforeStart => ("Giờ kết thúc phải sau giờ bắt đầu.", "The end must come after the start."),
            ErrorCode::PatrolTooLong => (
                "Ca tuần tra dài quá 24 giờ. Hãy kiểm tra giờ kết thúc.",
                "A patrol longer than 24 hours: please check the end time.",
            ),
            ErrorCode::ParticipantsRequired => ("Chọn ít nhất một tổ viên.", "Choose at least one member."),
            ErrorCode::ParticipantNotInTeam => (
                "Có người không thuộc tổ của bạn.",
                "Someone chosen is not on your team.",
            ),
            ErrorCode::InvalidLocation => ("Vị trí GPS không hợp lệ.", "The GPS position is not valid."),
            ErrorCode::LearnedBeforeOccurrence => (
                "Thời điểm tổ nắm được tin không thể trước khi vụ việc xảy ra.",
                "The team cannot have learned of it before it happened.",
            ),
            ErrorCode::ArrivalBeforeOccurrence => (
                "Thời điểm có mặt không thể trước khi vụ việc xảy ra.",
                "The arrival cannot be before the incident happened.",
            ),
            ErrorCode::ArrivalBeforeLearning => (
                "Thời điểm có mặt không thể trước khi tổ nắm được tin.",
                "The arrival cannot be before the team learned of it.",
            ),
            ErrorCode::ForwardedBeforeReceived => (
                "Thời điểm báo Công an xã không thể trước khi nhận tin.",
                "It cannot have been passed on before it was received.",
            ),
            ErrorCode::MediationNeedsTwoParties => ("Hòa giải cần ít nhất hai bên.", "A mediation needs at least two parties."),
            ErrorCode::MustBePositive => ("Số lượng phải lớn hơn 0.", "The number must be more than 0."),
            ErrorCode::MorePassedThanGathered => (
                "Số hộ đã chuyển Công an không thể nhiều hơn số hộ đã nắm.",
                "More households passed on than gathered.",
            ),
            ErrorCode::PhotoEmpty => ("Ảnh trống.", "The photo is empty."),
            ErrorCode::PhotoTooLarge => ("Ảnh quá lớn (tối đa 2 MB).", "The photo is too large (2 MB at most)."),
            ErrorCode::PhotoWrongType => (
                "Chỉ nhận ảnh JPEG, PNG hoặc WebP.",
                "Only JPEG, PNG or WebP photos are accepted.",
            ),
            ErrorCode::UploadOffset => (
                "Máy chủ đã nhận đến chỗ khác của ảnh; gửi tiếp từ chỗ đó.",
                "The server holds a different part of the photo; go on from there.",
            ),
            ErrorCode::PieceOutOfRange => ("Phần ảnh nằm ngoài kích thước ảnh.", "The piece lies outside the photo."),
            ErrorCode::InvalidRecordId => ("Mã bản ghi không hợp lệ.", "The record id is not valid."),
            ErrorCode::InvalidDatetime => (
                "Ngày giờ không hợp lệ (ngày/tháng/năm giờ:phút).",
                "Not a valid date and time.",
            ),
            ErrorCode::InvalidDate => ("Ngày không hợp lệ.", "Not a valid date."),
            ErrorCode::InvalidNumber => ("Vui lòng nhập một số (chỉ gồm chữ số).", "Please enter a number (digits only)."),
            ErrorCode::InvalidChoice => ("Lựa chọn không hợp lệ.", "Not one of the choices."),
            ErrorCode::UnknownCategory => ("Loại vụ việc không có trong danh mục.", "This category is not in the list."),
            ErrorCode::PhotoUnreadable => (
                "Không đọc được ảnh này. Hãy chụp lại hoặc chọn ảnh khác.",
                "This photo cannot be read. Take it again or choose another.",
            ),
            ErrorCode::InvalidPeriod => (
                "Kỳ không hợp lệ (ví dụ: 2025-07, 2025-q3, 2025-h1, 2025).",
                "Not a valid period (e.g. 2025-07, 2025-q3, 2025-h1, 2025).",
            ),
            ErrorCode::PeriodOutOfRange => (
                "Kỳ phải nằm trong các năm 2000–2100.",
                "A period must lie within the years 2000–2100.",
            ),
            ErrorCode::PeriodTooLong => (
                "Kỳ dài tối đa 10 năm (120 tháng).",
                "A period is at most 10 years (120 months) long.",
            ),
            ErrorCode::PhaseOutsideCampaign => (
                "Đợt thi đua phải nằm trong thời gian của phong trào.",
                "A phase must lie within the campaign.",
            ),
            ErrorCode::PhasesOverlap => ("Các đợt thi đua không được chồng lên nhau.", "Phases must not overlap."),
            ErrorCode::DuplicateTarget => ("Mỗi chỉ tiêu chỉ có một mục tiêu.", "One target per indicator."),
            ErrorCode::InvalidThreshold => ("Mức chỉ tiêu không hợp lệ.", "The threshold is not valid."),
            ErrorCode::NotAnOutboxFile => (
                "Tệp này không phải tệp các mục chưa gửi của ANTT Cơ sở.",
                "This file is not an ANTT Cơ sở file of unsent entries.",
            ),
            ErrorCode::WrongPassphrase => (
                "Sai mật khẩu của tệp, hoặc tệp đã bị hỏng.",
                "Wrong passphrase for this file, or the file is damaged.",
            ),
            ErrorCode::PassphraseTooShort => (
                "Mật khẩu bảo vệ tệp cần ít nhất 8 ký tự.",
                "The file's passphrase needs at least 8 characters.",
            ),
            ErrorCode::SealingUnavailable => (
                "Trình duyệt không khoá được tệp: cần mở ứng dụng qua https.",
                "The browser cannot lock the file: open the app over https.",
            ),
            ErrorCode::StorageFailed => (
                "Không lưu được vào bộ nhớ điện thoại (có thể bộ nhớ đã đầy). Mục này chưa được lưu.",
                "Could not save on this phone (its storage may be full). This entry is not saved.",
            ),
            ErrorCode::MonthSignedOff => (
                "Tháng này đã được tổ trưởng ký nộp: không thể thêm, sửa hay xóa bản ghi của tháng. Mục này được giữ lại và sẽ được gửi khi tháng được mở lại.",
                "This month is signed off: its records cannot be added, edited or deleted. The entry is kept and sent once the month is reopened.",
            ),
            ErrorCode::MonthStateChanged => (
                "Tình trạng của tháng đã thay đổi (người khác vừa duyệt). Hãy tải lại trang.",
                "The month's state has changed (someone else just acted). Reload the page.",
            ),
            ErrorCode::ReasonRequired => ("Vui lòng ghi lý do.", "Please give a reason."),
            ErrorCode::MonthNotStarted => ("Tháng này chưa bắt đầu.", "This month has not begun."),
            ErrorCode::RecordsReturned => (
                "Còn bản ghi bị trả lại chưa được sửa: chờ người ghi sửa, hoặc duyệt lại trước khi nộp.",
                "Returned records are not fixed yet: wait for their authors, or review them again before submitting.",
            ),
            ErrorCode::Unauthenticated => ("Vui lòng đăng nhập.", "Please sign in."),
            ErrorCode::Forbidden => (
                "Bạn không có quyền xem hoặc thay đổi nội dung này.",
                "You may not see or change this.",
            ),
            ErrorCode::Conflict => ("Dữ liệu đã tồn tại hoặc đã bị thay đổi.", "This already exists or has changed."),
            ErrorCode::InvalidJson => ("Dữ liệu gửi lên không hợp lệ.", "The request body is not valid."),
            ErrorCode::PayloadTooLarge => ("Dữ liệu gửi lên quá lớn.", "The request body is too large."),
            ErrorCode::Internal => (
                "Máy chủ gặp lỗi. Vui lòng thử lại; nếu vẫn lỗi, hãy báo mã tra cứu cho quản trị viên.",
                "The server failed. Please try again; if it persists, give the reference to an administrator.",
            ),
            ErrorCode::Unavailable => (
                "Không kết nối được máy chủ. Dữ liệu của bạn vẫn được giữ.",
                "The server cannot be reached. Your data is kept.",
            ),
            // A code this version does not know (from a newer server, or kept by an older app).
        _ => return None,
    })
}

/// Every other code's message, only on the server, which words the errors it answers with.
// Long on purpose: one arm per code; with the browser's arms above, a code without its
// message in both languages does not compile (the last arm lists the browser's codes).
#[cfg(feature = "ssr")]
fn server_messages(code: ErrorCode) -> (&'static str, &'static str) {
    match code {
        ErrorCode::PasswordRequired => ("Vui lòng nhập mật khẩu.", "Please enter your password."),
        ErrorCode::BadCredentials => (
            "Số điện thoại hoặc mật khẩu không đúng.",
            "Wrong phone number or password.",
        ),
        ErrorCode::TooManyPhotos => (
            "Mỗi bản ghi có tối đa 10 ảnh.",
            "A record holds at most 10 photos.",
        ),
        ErrorCode::CrossSiteRequest => (
            "Yêu cầu này không đến từ ứng dụng nên đã bị từ chối.",
            "This request did not come from the app and was refused.",
        ),
        ErrorCode::RecordDeleted => (
            "Bản ghi này đã bị xóa, không thể gửi lại. Hãy ghi một bản mới nếu cần.",
            "This record was deleted and cannot be sent again. Log a new one if needed.",
        ),
        ErrorCode::MethodNotAllowed => (
            "Địa chỉ này không nhận cách gọi này.",
            "This address does not accept this method.",
        ),
        ErrorCode::InformantNotYours => (
            "Chỉ người nhận tin và Công an xã được ghi hay sửa người cung cấp tin.",
            "Only the member who received the tip and the commune police may set or change its informant.",
        ),
        ErrorCode::RateLimited => (
            "Đăng nhập sai nhiều lần liền. Vui lòng đợi một lát rồi thử lại.",
            "Too many failed sign-ins in a row. Please wait a moment and try again.",
        ),
        ErrorCode::PasswordTooShort => ("Mật khẩu cần ít nhất 8 ký tự.", "A password needs at least 8 characters."),
        ErrorCode::PasswordTooLong => ("Mật khẩu quá dài (tối đa 128 ký tự).", "The password is too long (128 at most)."),
        ErrorCode::PasswordUnchanged => (
            "Mật khẩu mới phải khác mật khẩu hiện tại.",
            "The new password must differ from the current one.",
        ),
        ErrorCode::WrongPassword => ("Mật khẩu hiện tại không đúng.", "The current password is wrong."),
        ErrorCode::MemberTooYoung => ("Tổ viên phải đủ 18 tuổi.", "Members must be at least 18."),
        ErrorCode::MemberTooOld => (
            "Trên 70 tuổi chỉ được tham gia khi Chủ tịch UBND xã đồng ý: ghi người duyệt, số quyết định và ngày.",
            "Over 70 only with the commune chairman's approval: record who approved, the decision number and the date.",
        ),
        ErrorCode::EducationTooLow => (
            "Cần tốt nghiệp trung học cơ sở trở lên (tiểu học ở xã miền núi, biên giới, hải đảo, vùng đồng bào dân tộc thiểu số).",
            "Lower-secondary schooling or higher is required (primary in mountain, border, island or ethnic-minority communes).",
        ),
        ErrorCode::ResidenceTooShort => (
            "Cần cư trú tại địa bàn từ đủ 1 năm trở lên.",
            "At least one year's residence in the area is required.",
        ),
        ErrorCode::LeftBeforeJoined => (
            "Ngày thôi tham gia không thể trước ngày vào tổ.",
            "The leaving date cannot be before the joining date.",
        ),
        ErrorCode::LastDayBeforeFirst => (
            "Ngày cuối phải sau ngày đầu.",
            "The last day must follow the first.",
        ),
        ErrorCode::NameTaken => (
            "Tên này đã có ở đây.",
            "This name is taken here.",
        ),
        ErrorCode::UnitKindNotAllowed => (
            "Không thêm được loại này ở đây.",
            "This kind cannot go here.",
        ),
        ErrorCode::ParentClosed => (
            "Đơn vị cấp trên đã ngừng trước ngày này.",
            "The unit above closed before this day.",
        ),
        ErrorCode::QuotaBelowMinimum => (
            "Định mức ít nhất 3 người (tổ dân phòng: 4).",
            "A quota of at least 3 (a people's patrol team: 4).",
        ),
        ErrorCode::PhoneTaken => (
            "Số điện thoại này là tài khoản của người khác.",
            "This phone number is someone else's account.",
        ),
        ErrorCode::VillageNotInCommune => (
            "Thôn này không thuộc xã hoặc đã ngừng.",
            "Not an open village of the commune.",
        ),
        ErrorCode::VillageTaken => (
            "Thôn này đã có tổ khác.",
            "Another team covers this village.",
        ),
        ErrorCode::MergeNotMonthStart => (
            "Ngày sáp nhập phải là ngày đầu của một tháng báo cáo.",
            "A merger takes effect on the first day of a report month.",
        ),
        ErrorCode::MergedNamesClash => (
            "Sau sáp nhập sẽ có hai thôn (hoặc hai tổ) trùng tên: hãy đổi tên một nơi trước.",
            "Two places (or teams) would share a name after the merger: rename one first.",
        ),
        ErrorCode::UnitNotOpen => (
            "Có đơn vị không thuộc nơi này hoặc không còn hoạt động vào ngày sáp nhập.",
            "A unit is not under this one, or does not exist on the day of the merger.",
        ),
        ErrorCode::ImportUnreadable => (
            "Không đọc được tệp: hãy dùng tệp .xlsx hoặc .csv (mã UTF-8) theo mẫu.",
            "The file cannot be read: use an .xlsx or a .csv (UTF-8) file on the template.",
        ),
        ErrorCode::ImportNoHeader => (
            "Không thấy dòng tiêu đề có cột \"Tổ\" và \"Họ và tên\": hãy dùng tệp mẫu.",
            "No header row with the \"Team\" and \"Full name\" columns: use the template.",
        ),
        ErrorCode::ImportColumnMissing => (
            "Tệp thiếu cột mà luật yêu cầu với mọi thành viên.",
            "The file lacks a column the law asks of every member.",
        ),
        ErrorCode::ImportHasProblems => (
            "Tệp còn dòng có lỗi: chưa nhập gì. Sửa các dòng được chỉ ra rồi gửi lại.",
            "Some rows have problems: nothing was imported. Correct them and send the file again.",
        ),
        ErrorCode::ImportEmpty => (
            "Tệp không có dòng thành viên nào dưới dòng tiêu đề.",
            "The file has no member rows under its header row.",
        ),
        ErrorCode::CommuneMismatch => (
            "Dòng này ghi một xã, phường khác.",
            "This row names another commune.",
        ),
        ErrorCode::TeamNeedsVillage => (
            "Tổ mới cần ít nhất một thành viên có địa bàn phụ trách (một thôn, tổ dân phố của xã).",
            "A new team needs at least one member with an area (one of the commune's villages).",
        ),
        ErrorCode::AlreadyPoliceHere => (
            "Số điện thoại này đã là tài khoản công an của nơi này.",
            "This phone is already one of this unit's police accounts.",
        ),
        ErrorCode::MemberOnAnotherTeam => (
            "Người có số điện thoại này đang ở tổ khác của xã: chuyển tổ trên màn hình thành viên.",
            "The member with this phone is on another team of the commune: move them on their screen.",
        ),
        ErrorCode::InvalidQuery => ("Tham số truy vấn không hợp lệ.", "The query parameters are not valid."),
        ErrorCode::InformantOnlyForTips => (
            "Chỉ tin báo mới có thông tin người báo tin.",
            "Only a tip-off has an informant.",
        ),
        ErrorCode::KindCannotChange => (
            "Không thể đổi loại bản ghi; hãy xóa và ghi lại.",
            "A record's kind cannot change; delete it and log it again.",
        ),
        ErrorCode::InvalidLink => (
            "Vụ việc được chọn không thuộc tổ này hoặc đã bị xóa.",
            "The chosen incident is not this team's, or was deleted.",
        ),
        ErrorCode::AssessmentByPoliceOnly => (
            "Chỉ Công an xã đánh giá tin báo.",
            "Only the commune police assess a tip.",
        ),
        ErrorCode::OnlyTipsAreAssessed => ("Chỉ tin báo mới được đánh giá.", "Only tips are assessed."),
        ErrorCode::UnknownIndicator => ("Không có chỉ tiêu này.", "There is no such indicator."),
        ErrorCode::PeriodInFuture => ("Kỳ này chưa bắt đầu.", "This period has not begun."),
        ErrorCode::BatchTooLarge => (
            "Gói đồng bộ quá lớn (tối đa 500 thay đổi mỗi lần).",
            "The sync batch is too large (500 changes at most).",
        ),
        ErrorCode::MutationIdTaken => (
            "Mã thay đổi này đã được người khác dùng.",
            "This change id is already used by someone else.",
        ),
        ErrorCode::NotFound => ("Không tìm thấy.", "Not found."),
        ErrorCode::UnsupportedMediaType => (
            "Dữ liệu phải gửi dưới dạng JSON (Content-Type: application/json).",
            "Send the body as JSON (Content-Type: application/json).",
        ),
        ErrorCode::Unknown => ("Đã có lỗi xảy ra. Vui lòng thử lại.", "Something went wrong. Please try again."),
        browser => client_messages(browser).unwrap_or(("", "")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookie_selects_language() {
        assert_eq!(Lang::from_cookie_header(""), Lang::Vi);
        assert_eq!(Lang::from_cookie_header("lang=en"), Lang::En);
        assert_eq!(Lang::from_cookie_header("a=b; lang=en; c=d"), Lang::En);
        assert_eq!(Lang::from_cookie_header("lang=fr"), Lang::Vi);
        assert_eq!(Lang::from_cookie_header("xlang=en"), Lang::Vi);
    }

    /// The files of the browser's build that raise no error of their own in the browser:
    /// the rules only the server applies (a roster, a team's make-up, a password, sign-in
    /// throttling, a unit's name, the history of changes).
    const SERVER_RULES: [&str; 8] = [
        "domain/merger.rs",
        "domain/roster.rs",
        "domain/selection.rs",
        "domain/team_structure.rs",
        "domain/password.rs",
        "domain/throttle.rs",
        "domain/org.rs",
        "domain/history.rs",
    ];

    /// The codes named in a source file, outside its tests.
    fn codes_in(text: &str) -> Vec<ErrorCode> {
        let text = text.split("#[cfg(test)]").next().unwrap_or_default();
        text.split("ErrorCode::")
            .skip(1)
            .filter_map(|rest| {
                let name: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric())
                    .collect();
                ErrorCode::ALL
                    .into_iter()
                    .find(|c| format!("{c:?}") == name)
            })
            .collect()
    }

    fn browser_sources(
        dir: &std::path::Path,
        root: &std::path::Path,
        out: &mut Vec<(String, String)>,
    ) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                browser_sources(&path, root, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let rel = path
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.push((rel, std::fs::read_to_string(&path).unwrap()));
            }
        }
    }

    #[test]
    fn every_code_the_browser_raises_has_its_message_there() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut files = Vec::new();
        for dir in [
            "domain",
            "offline",
            "browser",
            "components",
            "pages",
            "wording",
            "dto",
        ] {
            browser_sources(&root.join(dir), &root, &mut files);
        }
        assert!(files.len() > 40, "the sources were found");
        let mut missing = Vec::new();
        for (rel, text) in &files {
            if SERVER_RULES.contains(&rel.as_str()) || rel == "domain/error_code.rs" {
                continue;
            }
            // The status of each code is not a code raised; the transport's failures are.
            let text = match rel.as_str() {
                "dto/error.rs" => text
                    .split("fn from_server_fn_error")
                    .nth(1)
                    .unwrap_or_default(),
                _ => text.as_str(),
            };
            for code in codes_in(text) {
                if client_messages(code).is_none() {
                    missing.push(format!("{code:?} ({rel})"));
                }
            }
        }
        assert!(missing.is_empty(), "worded only on the server: {missing:?}");
        // And the check can fail: a server rule's code is not in the browser's list.
        assert!(codes_in("ErrorCode::MemberTooOld")
            .into_iter()
            .all(|c| client_messages(c).is_none()));
    }

    #[test]
    fn every_code_has_its_own_message_in_each_language() {
        let generic = error_message(Lang::Vi, ErrorCode::Unknown);
        for code in ErrorCode::ALL {
            if code != ErrorCode::Unknown {
                assert_ne!(error_message(Lang::Vi, code), generic, "{code:?}");
            }
            assert_ne!(
                error_message(Lang::Vi, code),
                error_message(Lang::En, code),
                "{code:?}"
            );
        }
    }
}
