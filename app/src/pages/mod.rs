//! One file per screen: each wires server data to components.

mod feed;
mod home;
mod log;
mod login;
mod not_found;
mod password;
mod record;
mod team;
mod unit;

pub use feed::FeedPage;
pub use home::HomePage;
pub use log::{EditRecordPage, LogFormPage, LogPickerPage};
pub use login::LoginPage;
pub use not_found::NotFoundPage;
pub use password::PasswordPage;
pub use record::RecordPage;
pub use team::TeamPage;
pub use unit::UnitPage;
