//! How sign-in attempts are slowed down. A phone number tried from one address gets a few
//! free attempts, then each further attempt must wait twice as long as the one before; an
//! address alone has a generous ceiling. A stranger who guesses at a member's phone from
//! their own address slows only themselves: the member, from anywhere else, signs in as
//! usual (a hard lock per phone would hand anyone who knows the numbering a way to keep a
//! team out).

use chrono::{DateTime, Duration, Utc};

/// Attempts a phone may make from one address before the waits begin.
pub const FREE_ATTEMPTS: i64 = 5;
/// The wait before the first attempt past the free ones; it doubles after each attempt.
pub const FIRST_WAIT_SECONDS: i64 = 2;
/// Waits grow no longer than this: a forgetful member is slowed, never shut out.
pub const LONGEST_WAIT_SECONDS: i64 = 15 * 60;
/// A phone's count from one address starts again this long after its first attempt.
pub const PAIR_WINDOW_MINUTES: i64 = 60;
/// An address's count starts again this long after its first attempt.
pub const ADDRESS_WINDOW_MINUTES: i64 = 15;
/// Attempts an address may make in its window: a commune office or a mobile carrier puts
/// many people behind one address, so this only stops a machine trying many phones.
pub const ADDRESS_CEILING: i64 = 300;

/// How long the attempt numbered `count` (this one included) must still wait after the
/// attempt before it, made at `previous_at`; `None` when it may go ahead now.
pub fn wait_for(
    count: i64,
    previous_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Option<Duration> {
    let past_free = count - FREE_ATTEMPTS;
    let previous = previous_at?;
    if past_free <= 0 {
        return None;
    }
    // 2, 4, 8 … seconds; the shift is bounded so it cannot overflow.
    let wait = (FIRST_WAIT_SECONDS << (past_free - 1).min(20)).min(LONGEST_WAIT_SECONDS);
    let left = Duration::seconds(wait) - (now - previous);
    (left > Duration::zero()).then_some(left)
}

/// Whether an address has made more attempts than its ceiling in the current window.
pub fn over_address_ceiling(count: i64) -> bool {
    count > ADDRESS_CEILING
}

/// The part of a client's address that is counted: an IPv4 address whole, an IPv6 address
/// by its /64 (one subscriber's network: a client could otherwise take a new address for
/// every attempt).
pub fn address_key(addr: &str) -> String {
    match addr.parse::<std::net::IpAddr>() {
        Ok(std::net::IpAddr::V6(v6)) => {
            let s = v6.segments();
            format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
        }
        _ => addr.to_owned(),
    }
}

/// Seconds to tell the person to wait, rounded up so that "0" is never said.
pub fn seconds_to_wait(wait: Duration) -> i64 {
    (wait.num_milliseconds() + 999) / 1000
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_780_000_000 + s, 0).unwrap()
    }

    #[test]
    fn free_attempts_then_doubling_waits_up_to_a_ceiling() {
        // (attempt number, seconds since the previous attempt, seconds still to wait)
        let cases: [(i64, i64, Option<i64>); 9] = [
            (1, 0, None),
            (5, 0, None),
            (6, 0, Some(2)),
            (6, 2, None),
            (7, 1, Some(3)),
            (8, 8, None),
            (10, 31, Some(1)),
            (40, 0, Some(LONGEST_WAIT_SECONDS)),
            (i64::MAX / 2, 0, Some(LONGEST_WAIT_SECONDS)),
        ];
        for (count, since, want) in cases {
            let got = wait_for(count, Some(at(0)), at(since)).map(seconds_to_wait);
            assert_eq!(
                got, want,
                "attempt {count}, {since} s after the previous one"
            );
        }
    }

    #[test]
    fn the_first_attempt_of_a_window_never_waits() {
        assert_eq!(wait_for(1, None, at(0)), None);
        assert_eq!(
            wait_for(99, None, at(0)),
            None,
            "no previous attempt: a new window"
        );
    }

    #[test]
    fn ipv6_clients_count_by_their_network() {
        assert_eq!(address_key("203.0.113.7"), "203.0.113.7");
        assert_eq!(address_key("2001:db8:1:2:aaaa::1"), "2001:db8:1:2::/64");
        assert_eq!(
            address_key("2001:db8:1:2:bbbb::9"),
            address_key("2001:db8:1:2::5")
        );
        assert_ne!(
            address_key("2001:db8:1:3::1"),
            address_key("2001:db8:1:2::1")
        );
        assert_eq!(address_key("unknown"), "unknown");
    }

    #[test]
    fn the_address_ceiling_is_generous() {
        assert!(!over_address_ceiling(ADDRESS_CEILING));
        assert!(over_address_ceiling(ADDRESS_CEILING + 1));
        assert_eq!(seconds_to_wait(Duration::milliseconds(1)), 1);
        assert_eq!(seconds_to_wait(Duration::seconds(3)), 3);
    }
}
