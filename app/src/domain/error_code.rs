//! The stable codes of every error the app reports. A code is the i18n key of its
//! message (`i18n::error_message`, one arm per code) and what the API's JSON carries in
//! `code`; spelling one that does not exist is a compile error.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

macro_rules! error_codes {
    ($($variant:ident => $code:literal,)*) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum ErrorCode {
            $($variant,)*
        }

        impl ErrorCode {
            pub const ALL: [ErrorCode; [$($code),*].len()] = [$(ErrorCode::$variant),*];

            /// The code as it is written on the wire and in the logs.
            pub const fn code(self) -> &'static str {
                match self {
                    $(ErrorCode::$variant => $code,)*
                }
            }

            pub fn parse(code: &str) -> Option<Self> {
                match code {
                    $($code => Some(ErrorCode::$variant),)*
                    _ => None,
                }
            }
        }
    };
}

error_codes! {
    Required => "required",
    TooLong => "too_long",
    PhoneRequired => "phone_required",
    PhoneInvalidCharacters => "phone_invalid_characters",
    PhoneWrongLength => "phone_wrong_length",
    PhoneNotVietnamese => "phone_not_vietnamese",
    PasswordRequired => "password_required",
    BadCredentials => "bad_credentials",
    TooMany => "too_many",
    ListedTwice => "listed_twice",
    TooManyPhotos => "too_many_photos",
    CrossSiteRequest => "cross_site_request",
    RecordDeleted => "record_deleted",
    MethodNotAllowed => "method_not_allowed",
    InformantNotYours => "informant_not_yours",
    RateLimited => "rate_limited",
    PasswordTooShort => "password_too_short",
    PasswordTooLong => "password_too_long",
    PasswordUnchanged => "password_unchanged",
    PasswordMismatch => "password_mismatch",
    WrongPassword => "wrong_password",
    DateInFuture => "date_in_future",
    MemberTooYoung => "member_too_young",
    MemberTooOld => "member_too_old",
    EducationTooLow => "education_too_low",
    ResidenceTooShort => "residence_too_short",
    LeftBeforeJoined => "left_before_joined",
    EndBeforeStart => "end_before_start",
    LastDayBeforeFirst => "last_day_before_first",
    NameTaken => "name_taken",
    UnitKindNotAllowed => "unit_kind_not_allowed",
    ParentClosed => "parent_closed",
    QuotaBelowMinimum => "quota_below_minimum",
    VillageNotInCommune => "village_not_in_commune",
    VillageTaken => "village_taken",
    MergeNotMonthStart => "merge_not_month_start",
    MergedNamesClash => "merged_names_clash",
    UnitNotOpen => "unit_not_open",
    ImportUnreadable => "import_unreadable",
    ImportNoHeader => "import_no_header",
    ImportColumnMissing => "import_column_missing",
    ImportHasProblems => "import_has_problems",
    ImportEmpty => "import_empty",
    CommuneMismatch => "commune_mismatch",
    TeamNeedsVillage => "team_needs_village",
    MemberOnAnotherTeam => "member_on_another_team",
    AlreadyPoliceHere => "already_police_here",
    PhoneTaken => "phone_taken",
    PatrolTooLong => "patrol_too_long",
    ParticipantsRequired => "participants_required",
    ParticipantNotInTeam => "participant_not_in_team",
    InvalidLocation => "invalid_location",
    LearnedBeforeOccurrence => "learned_before_occurrence",
    ArrivalBeforeOccurrence => "arrival_before_occurrence",
    ArrivalBeforeLearning => "arrival_before_learning",
    ForwardedBeforeReceived => "forwarded_before_received",
    MediationNeedsTwoParties => "mediation_needs_two_parties",
    MustBePositive => "must_be_positive",
    MorePassedThanGathered => "more_passed_than_gathered",
    PhotoEmpty => "photo_empty",
    PhotoTooLarge => "photo_too_large",
    PhotoWrongType => "photo_wrong_type",
    UploadOffset => "upload_offset",
    PieceOutOfRange => "piece_out_of_range",
    InvalidQuery => "invalid_query",
    InvalidRecordId => "invalid_record_id",
    InformantOnlyForTips => "informant_only_for_tips",
    KindCannotChange => "kind_cannot_change",
    InvalidDatetime => "invalid_datetime",
    InvalidDate => "invalid_date",
    InvalidNumber => "invalid_number",
    InvalidChoice => "invalid_choice",
    UnknownCategory => "unknown_category",
    PhotoUnreadable => "photo_unreadable",
    InvalidLink => "invalid_link",
    AssessmentByPoliceOnly => "assessment_by_police_only",
    OnlyTipsAreAssessed => "only_tips_are_assessed",
    InvalidPeriod => "invalid_period",
    PeriodOutOfRange => "period_out_of_range",
    PeriodTooLong => "period_too_long",
    UnknownIndicator => "unknown_indicator",
    PeriodInFuture => "period_in_future",
    PhaseOutsideCampaign => "phase_outside_campaign",
    PhasesOverlap => "phases_overlap",
    DuplicateTarget => "duplicate_target",
    InvalidThreshold => "invalid_threshold",
    BatchTooLarge => "batch_too_large",
    NotAnOutboxFile => "not_an_outbox_file",
    WrongPassphrase => "wrong_passphrase",
    PassphraseTooShort => "passphrase_too_short",
    SealingUnavailable => "sealing_unavailable",
    StorageFailed => "storage_failed",
    MutationIdTaken => "mutation_id_taken",
    MonthSignedOff => "month_signed_off",
    MonthStateChanged => "month_state_changed",
    ReasonRequired => "reason_required",
    MonthNotStarted => "month_not_started",
    RecordsReturned => "records_returned",
    Unauthenticated => "unauthenticated",
    Forbidden => "forbidden",
    NotFound => "not_found",
    Conflict => "conflict",
    InvalidJson => "invalid_json",
    UnsupportedMediaType => "unsupported_media_type",
    PayloadTooLarge => "payload_too_large",
    Internal => "internal",
    Unavailable => "unavailable",
    Unknown => "unknown",
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

impl Serialize for ErrorCode {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

/// Lenient on purpose: a phone keeps errors in its outbox across app versions, and a newer
/// server may send a code this build does not know; either reads as `Unknown` rather than
/// making the whole entry unreadable.
impl<'de> Deserialize<'de> for ErrorCode {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let code = std::borrow::Cow::<'de, str>::deserialize(d)?;
        Ok(ErrorCode::parse(&code).unwrap_or(ErrorCode::Unknown))
    }
}

/// Tests compare with the code as written on the wire.
#[cfg(test)]
impl PartialEq<&str> for ErrorCode {
    fn eq(&self, other: &&str) -> bool {
        self.code() == *other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_code_reads_back_as_itself_and_is_written_once() {
        let mut seen = std::collections::HashSet::new();
        for code in ErrorCode::ALL {
            assert_eq!(ErrorCode::parse(code.code()), Some(code));
            assert!(seen.insert(code.code()), "{code:?} twice");
        }
    }

    #[test]
    fn an_unknown_code_on_the_wire_reads_as_unknown() {
        let read: ErrorCode = serde_json::from_str("\"from_a_newer_server\"").unwrap();
        assert_eq!(read, ErrorCode::Unknown);
        let written = serde_json::to_string(&ErrorCode::MonthSignedOff).unwrap();
        assert_eq!(written, "\"month_signed_off\"");
    }
}
