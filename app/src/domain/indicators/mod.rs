//! The campaign's indicators (seed 002 §II.4): what is counted per team and report
//! month, how counts add up over periods and units, and how each indicator and its
//! target are read from them. Pure code, shared by the server and the phone.

pub mod campaign;
pub mod definitions;
pub mod measures;
pub mod period;
pub mod progress;
pub mod target;

pub use campaign::{Campaign, Phase};
pub use definitions::{Indicator, Part, Shape, Totals};
pub use measures::{Activity, Counted, CountingRules, Membership, Presence, TeamSpan};
pub use period::{MonthRange, Period, ReportCalendar};
pub use progress::{standings, Standing};
pub use target::{Comparison, Target};
