//! Who the client is behind reverse proxies: its address and whether it came over https.
//! `X-Forwarded-For` and `X-Forwarded-Proto` are anyone's to write, so they are believed
//! only as far as they were added by hops the operator named (`--trusted-proxies`).

use ipnet::IpNet;
use std::net::IpAddr;

/// The networks whose hops may speak for the client.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrustedProxies(Vec<IpNet>);

impl TrustedProxies {
    /// A comma-separated list of CIDRs or single addresses (`10.0.0.0/8, 127.0.0.1`).
    pub fn parse(list: &str) -> Result<Self, String> {
        list.split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| {
                s.parse::<IpNet>()
                    .or_else(|_| s.parse::<IpAddr>().map(IpNet::from))
                    .map_err(|_| format!("not a CIDR or an IP address: {s:?}"))
            })
            .collect::<Result<_, _>>()
            .map(TrustedProxies)
    }

    pub fn trusts(&self, addr: IpAddr) -> bool {
        let addr = canonical(addr);
        self.0.iter().any(|net| net.contains(&addr))
    }

    /// The client's address: walking `X-Forwarded-For` back from the peer, the first hop
    /// not trusted (the right-most entries were added by our own proxies). A list made
    /// of trusted hops only gives its first one; an unreadable entry stops the walk at the
    /// hop that added it.
    pub fn client_addr(&self, peer: IpAddr, forwarded_for: &[&str]) -> IpAddr {
        let mut client = canonical(peer);
        if !self.trusts(client) {
            return client;
        }
        let hops = forwarded_for
            .iter()
            .flat_map(|h| h.split(','))
            .map(str::trim)
            .rev();
        for hop in hops {
            let Ok(addr) = hop.parse::<IpAddr>() else {
                return client;
            };
            client = canonical(addr);
            if !self.trusts(client) {
                return client;
            }
        }
        client
    }

    /// Whether the client used https: the peer itself, or a trusted proxy saying so.
    pub fn client_https(
        &self,
        peer: IpAddr,
        direct_https: bool,
        forwarded_proto: Option<&str>,
    ) -> bool {
        direct_https
            || (self.trusts(peer)
                && forwarded_proto
                    .and_then(|p| p.split(',').next())
                    .is_some_and(|p| p.trim().eq_ignore_ascii_case("https")))
    }
}

/// An IPv4 client reached over an IPv6 socket shows as `::ffff:a.b.c.d`.
fn canonical(addr: IpAddr) -> IpAddr {
    match addr {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(addr, IpAddr::V4),
        v4 => v4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn forwarded_addresses_are_believed_only_through_trusted_hops() {
        let trusted = TrustedProxies::parse("10.0.0.0/8, 127.0.0.1").unwrap();
        let cases: [(&str, &[&str], &str); 7] = [
            // A client straight on the internet may write anything: it is ignored.
            ("203.0.113.9", &["1.2.3.4"], "203.0.113.9"),
            ("127.0.0.1", &[], "127.0.0.1"),
            ("127.0.0.1", &["198.51.100.7"], "198.51.100.7"),
            // A forged first entry is skipped: the proxy appended the real peer.
            ("127.0.0.1", &["6.6.6.6, 198.51.100.7"], "198.51.100.7"),
            ("127.0.0.1", &["198.51.100.7", "10.1.2.3"], "198.51.100.7"),
            ("127.0.0.1", &["10.9.9.9, 10.1.2.3"], "10.9.9.9"),
            ("127.0.0.1", &["garbage, 198.51.100.7"], "198.51.100.7"),
        ];
        for (peer, xff, want) in cases {
            assert_eq!(
                trusted.client_addr(ip(peer), xff),
                ip(want),
                "{peer} {xff:?}"
            );
        }
        assert_eq!(
            trusted.client_addr(ip("::ffff:127.0.0.1"), &["198.51.100.7"]),
            ip("198.51.100.7"),
            "an IPv4 proxy seen through an IPv6 socket"
        );
        let none = TrustedProxies::default();
        assert_eq!(
            none.client_addr(ip("127.0.0.1"), &["1.2.3.4"]),
            ip("127.0.0.1")
        );
    }

    #[test]
    fn https_is_believed_only_from_a_trusted_proxy() {
        let trusted = TrustedProxies::parse("127.0.0.1").unwrap();
        assert!(trusted.client_https(ip("127.0.0.1"), false, Some("https")));
        assert!(!trusted.client_https(ip("127.0.0.1"), false, Some("http")));
        assert!(!trusted.client_https(ip("203.0.113.9"), false, Some("https")));
        assert!(trusted.client_https(ip("203.0.113.9"), true, None));
    }

    #[test]
    fn lists_parse_or_say_what_is_wrong() {
        assert_eq!(
            TrustedProxies::parse("").unwrap(),
            TrustedProxies::default()
        );
        assert!(TrustedProxies::parse("10.0.0.0/8,::1, 192.168.1.1").is_ok());
        let err = TrustedProxies::parse("10.0.0.0/8, proxy.local").unwrap_err();
        assert!(err.contains("proxy.local"), "{err}");
    }
}
