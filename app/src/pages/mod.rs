//! One file per screen: each wires server data to components.

mod feed;
mod home;
mod indicators;
mod log;
mod login;
mod member_form;
mod member_leaving;
mod members;
mod month;
mod not_found;
mod password;
mod places;
mod police;
mod progress;
mod record;
mod roster_import;
mod setup;
mod team;
mod team_settings;
mod unit;

use leptos::prelude::*;
use leptos_router::{lazy_route, LazyRoute};

/// A screen whose code is fetched when it is first opened. The sign-in and home screens
/// are in the first download (home is where every session starts, and as a lazy screen
/// it needed dozens of small files); each of these follows as its own small file.
macro_rules! lazy_screen {
    ($($route:ident => $page:path),* $(,)?) => {$(
        pub struct $route;

        #[lazy_route]
        impl LazyRoute for $route {
            fn data() -> Self {
                Self
            }

            fn view(this: Self) -> AnyView {
                let _ = this;
                view! { <$page /> }.into_any()
            }
        }
    )*};
}

lazy_screen! {
    TeamScreen => team::TeamPage,
    UnitScreen => unit::UnitPage,
    PasswordScreen => password::PasswordPage,
    SetupScreen => setup::SetupRoute,
}

pub use feed::FeedPage;
pub use home::HomePage;
pub use indicators::{DrillPage, IndicatorsPage};
pub use log::{EditRecordPage, LogFormPage, LogPickerPage};
pub use login::LoginPage;
pub use month::MonthPage;
pub use not_found::NotFoundPage;
pub use progress::ProgressPage;
pub use record::RecordPage;
