//! Which `Host:` the preview answers to. A web page the author visits can point a DNS name
//! of its own at 127.0.0.1 (DNS rebinding) and then read the preview, drafts included, as
//! its own origin; the browser still sends that name as `Host`. So only this machine's own
//! names on the served port, and names the author allowed, are answered.

use super::conn::Response;
use super::http::plain;
use super::request::Request;
use crate::diagnostic::Diagnostic;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// The hosts a request may name.
#[derive(Debug, Clone)]
pub struct Hosts {
    bind: IpAddr,
    port: u16,
    /// Names from `--allow-host`, lowercase; a leading `.` also allows every subdomain.
    allowed: Vec<String>,
}

/// A `Host` value split into its parts.
#[derive(Debug, PartialEq, Eq)]
enum Host {
    Ip(IpAddr),
    /// A DNS name, lowercase, without a trailing dot.
    Name(String),
}

impl Hosts {
    /// The policy for a server bound to `bind`:`port`, with `allowed` from `--allow-host`.
    pub fn new(bind: IpAddr, port: u16, allowed: &[String]) -> Result<Hosts, Diagnostic> {
        let allowed = allowed
            .iter()
            .map(|a| allowed_name(a))
            .collect::<Result<_, _>>()?;
        Ok(Hosts {
            bind,
            port,
            allowed,
        })
    }

    /// `Err` with the response to send when `request` may not be answered: 400 for an
    /// HTTP/1.1 request without exactly one valid Host, 403 for a host not allowed.
    pub fn check(&self, request: &Request) -> Result<(), Response> {
        let mut values = request.header("host");
        let (value, extra) = (values.next(), values.next());
        let value = match (value, extra) {
            (Some(v), None) => v.trim(),
            // HTTP/1.0 may leave Host out, and a browser never does: nothing to rebind.
            (None, _) if !request.is_http11() => return Ok(()),
            (None, _) => return Err(plain(400, "missing Host header (HTTP/1.1 requires one)")),
            (Some(_), Some(_)) => return Err(plain(400, "more than one Host header")),
        };
        let Some((host, port)) = parse(value) else {
            return Err(plain(400, "invalid Host header"));
        };
        if self.allows(&host, port) {
            return Ok(());
        }
        Err(plain(403, &self.refusal(value, &host)))
    }

    fn allows(&self, host: &Host, port: Option<u16>) -> bool {
        let listed = |name: &str| {
            self.allowed.iter().any(|a| match a.strip_prefix('.') {
                Some(domain) => {
                    name.strip_suffix(a).is_some_and(|s| !s.is_empty()) || name == domain
                }
                None => name == a,
            })
        };
        // Allowed names answer on any port: a proxy, tunnel or port mapping in front of the
        // preview sends its own.
        let own_port = port.is_none_or(|p| p == self.port);
        match host {
            Host::Name(name) => listed(name) || (own_port && name == "localhost"),
            Host::Ip(ip) => {
                listed(&ip.to_string())
                    || (own_port
                        && (ip.is_loopback() || *ip == self.bind || self.bind.is_unspecified()))
            }
        }
    }

    fn refusal(&self, value: &str, host: &Host) -> String {
        let name = match host {
            Host::Ip(IpAddr::V6(ip)) => format!("[{ip}]"),
            Host::Ip(ip) => ip.to_string(),
            Host::Name(name) => name.clone(),
        };
        format!(
            "this preview does not answer to host \"{value}\".\n\
             It answers to localhost, 127.0.0.1 and [::1] on port {port}, so that other web \
             sites cannot read it through DNS rebinding.\n\
             To allow this host, restart with: helpsite serve --allow-host {name}",
            port = self.port
        )
    }
}

/// A `Host` value: a DNS name or an IP literal, then an optional `:port`. `None` when it
/// is neither (bad characters, a bare IPv6 address, a port out of range).
fn parse(value: &str) -> Option<(Host, Option<u16>)> {
    let (host, port) = if let Some(rest) = value.strip_prefix('[') {
        let (ip, port) = rest.split_once(']')?;
        let port = if port.is_empty() {
            None
        } else {
            Some(port.strip_prefix(':')?)
        };
        (Host::Ip(IpAddr::V6(ip.parse::<Ipv6Addr>().ok()?)), port)
    } else {
        let (name, port) = match value.split_once(':') {
            Some((name, port)) => (name, Some(port)),
            None => (value, None),
        };
        let host = match name.parse::<Ipv4Addr>() {
            Ok(ip) => Host::Ip(IpAddr::V4(ip)),
            Err(_) => Host::Name(dns_name(name)?),
        };
        (host, port)
    };
    let port = match port {
        None | Some("") => None,
        Some(p) if p.bytes().all(|b| b.is_ascii_digit()) => Some(p.parse().ok()?),
        Some(_) => return None,
    };
    Some((host, port))
}

/// `name` lowercase and without a trailing dot, if it is made of DNS name characters.
fn dns_name(name: &str) -> Option<String> {
    let name = name.strip_suffix('.').unwrap_or(name);
    let ok = !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_'));
    ok.then(|| name.to_ascii_lowercase())
}

/// An `--allow-host` value: a name (`.name` for it and its subdomains) or an IP address.
fn allowed_name(value: &str) -> Result<String, Diagnostic> {
    let bad = || {
        Diagnostic::error(
            "serve",
            format!("--allow-host `{value}` is not a host name or IP address"),
        )
        .help("give the name alone, without scheme or port: --allow-host preview.example.com")
    };
    let bare = value.trim_start_matches('[').trim_end_matches(']');
    if let Ok(ip) = bare.parse::<IpAddr>() {
        return Ok(ip.to_string());
    }
    let (dot, name) = match value.strip_prefix('.') {
        Some(rest) => (".", rest),
        None => ("", value),
    };
    match dns_name(name) {
        Some(name) if name.parse::<Ipv4Addr>().is_err() => Ok(format!("{dot}{name}")),
        _ => Err(bad()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hosts(bind: &str, allowed: &[&str]) -> Hosts {
        let allowed: Vec<String> = allowed.iter().map(|a| (*a).to_owned()).collect();
        Hosts::new(bind.parse().unwrap(), 8000, &allowed).unwrap()
    }

    fn allows(hosts: &Hosts, value: &str) -> bool {
        let (host, port) = parse(value).unwrap_or_else(|| panic!("{value} does not parse"));
        hosts.allows(&host, port)
    }

    #[test]
    fn host_values_are_split_into_name_or_address_and_port() {
        let v4 = Host::Ip("127.0.0.1".parse().unwrap());
        assert_eq!(parse("127.0.0.1:8000"), Some((v4, Some(8000))));
        let v6 = Host::Ip("::1".parse().unwrap());
        assert_eq!(parse("[::1]"), Some((v6, None)));
        let name = Host::Name("localhost".to_owned());
        assert_eq!(parse("LocalHost.:"), Some((name, None)));
        for bad in [
            "", "::1", "[::1", "[::1]x", "a b", "a:b", "a:99999", "a/b", "a:1:2",
        ] {
            assert_eq!(parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn loopback_names_answer_on_the_served_port_only() {
        let h = hosts("127.0.0.1", &[]);
        for ok in [
            "localhost",
            "localhost:8000",
            "127.0.0.1:8000",
            "[::1]:8000",
            "127.0.0.1",
        ] {
            assert!(allows(&h, ok), "{ok}");
        }
        for bad in [
            "localhost:8001",
            "evil.example",
            "evil.example:8000",
            "192.0.2.1:8000",
        ] {
            assert!(!allows(&h, bad), "{bad}");
        }
    }

    #[test]
    fn the_bound_address_and_on_all_interfaces_any_address_are_answered() {
        let lan = hosts("192.0.2.5", &[]);
        assert!(allows(&lan, "192.0.2.5:8000") && !allows(&lan, "192.0.2.6:8000"));
        let all = hosts("0.0.0.0", &[]);
        assert!(allows(&all, "192.0.2.6:8000") && allows(&all, "[2001:db8::1]"));
        assert!(!allows(&all, "192.0.2.6:9000") && !allows(&all, "printer.lan:8000"));
    }

    #[test]
    fn allowed_names_answer_on_any_port_and_a_leading_dot_allows_subdomains() {
        let h = hosts("127.0.0.1", &["Preview.LAN", ".tunnel.example", "[::2]"]);
        for ok in [
            "preview.lan",
            "preview.lan:443",
            "a.tunnel.example",
            "tunnel.example:1",
        ] {
            assert!(allows(&h, ok), "{ok}");
        }
        assert!(allows(&h, "[::2]:9"));
        for bad in ["a.preview.lan", "xtunnel.example", "localhost:1"] {
            assert!(!allows(&h, bad), "{bad}");
        }
        for bad in ["http://x", "x:80", "", "."] {
            let allowed = [bad.to_owned()];
            assert!(
                Hosts::new("127.0.0.1".parse().unwrap(), 1, &allowed).is_err(),
                "{bad}"
            );
        }
    }
}
