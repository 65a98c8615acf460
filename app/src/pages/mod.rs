//! One file per screen: each wires server data to components.

mod home;
mod login;
mod not_found;
mod password;
mod team;
mod unit;

pub use home::HomePage;
pub use login::LoginPage;
pub use not_found::NotFoundPage;
pub use password::PasswordPage;
pub use team::TeamPage;
pub use unit::UnitPage;
