//! Pure domain types and rules: no I/O, no clock, no framework.

pub mod access;
pub mod category;
pub mod error_code;
pub mod history;
pub mod indicators;
pub mod iso_date;
pub mod lang;
pub mod local_time;
pub mod merger;
pub mod org;
pub mod password;
pub mod phone;
pub mod records;
pub mod roster;
pub mod selection;
pub mod signoff;
pub mod team_structure;
pub mod throttle;
pub mod validation;

pub use access::{Actor, Role, TeamScope};
pub use category::{Category, CategoryDomain};
pub use error_code::ErrorCode;
pub use org::{OrgUnitKind, Position, TeamKind};
pub use phone::PhoneNumber;
pub use validation::FieldError;
