//! Small helpers: base64url, percent decoding, civil dates, GUIDs, a seeded LCG, wildcards.

use std::time::{SystemTime, UNIX_EPOCH};

const B64URL: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const B64STD: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

fn b64(data: &[u8], alphabet: &[u8; 64], pad: bool) -> String {
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        let chars = chunk.len() + 1;
        for i in 0..4 {
            if i < chars {
                out.push(alphabet[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else if pad {
                out.push('=');
            }
        }
    }
    out
}

/// Base64url without padding (JWT segments).
pub fn base64url(data: &[u8]) -> String {
    b64(data, B64URL, false)
}

/// Standard base64 with padding (`x-ms-client-principal`).
pub fn base64std(data: &[u8]) -> String {
    b64(data, B64STD, true)
}

/// Decodes base64url (padding optional); `None` on bad input.
pub fn base64url_decode(s: &str) -> Option<Vec<u8>> {
    let s = s.trim_end_matches('=');
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let mut acc = 0u32;
    let mut bits = 0;
    for c in s.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'-' | b'+' => 62,
            b'_' | b'/' => 63,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

fn hex_val(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

/// Percent-decodes `s` (and `+` as space when `plus` is set); invalid escapes are kept verbatim.
pub fn percent_decode(s: &str, plus: bool) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'%' if i + 2 < b.len() => match (hex_val(b[i + 1]), hex_val(b[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push(h * 16 + l);
                    i += 3;
                    continue;
                }
                _ => out.push(b'%'),
            },
            b'+' if plus => out.push(b' '),
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Percent-encodes everything except RFC 3986 unreserved characters.
pub fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for &c in s.as_bytes() {
        if c.is_ascii_alphanumeric() || matches!(c, b'-' | b'.' | b'_' | b'~') {
            out.push(c as char);
        } else {
            out.push_str(&format!("%{c:02X}"));
        }
    }
    out
}

/// Splits a form/query string into decoded pairs, in order; empty values are kept, empty segments skipped.
pub fn parse_pairs(raw: &str) -> Vec<(String, String)> {
    raw.split('&')
        .filter(|seg| !seg.is_empty())
        .map(|seg| match seg.split_once('=') {
            Some((k, v)) => (percent_decode(k, true), percent_decode(v, true)),
            None => (percent_decode(seg, true), String::new()),
        })
        .collect()
}

/// Seconds since the Unix epoch, now.
pub fn unix_now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// Nanoseconds part plus seconds since the epoch.
pub fn unix_now_nanos() -> (i64, u32) {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| (d.as_secs() as i64, d.subsec_nanos()))
        .unwrap_or((0, 0))
}

/// Civil date (year, month, day) from days since 1970-01-01 (Howard Hinnant's algorithm).
pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// `yyyyMMdd` for a day number (days since the epoch).
pub fn ymd_key(day: i64) -> String {
    let (y, m, d) = civil_from_days(day);
    format!("{y:04}{m:02}{d:02}")
}

/// `2026-08-07T14:03:11Z`-style components for a Unix time.
pub fn split_time(secs: i64) -> (i64, u32, u32, u32, u32, u32) {
    let day = secs.div_euclid(86_400);
    let sod = secs.rem_euclid(86_400) as u32;
    let (y, m, d) = civil_from_days(day);
    (y, m, d, sod / 3600, (sod / 60) % 60, sod % 60)
}

/// ISO 8601 UTC timestamp with seconds: `2026-08-07T14:03:11Z`.
pub fn iso_utc(secs: i64) -> String {
    let (y, mo, d, h, mi, s) = split_time(secs);
    format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z")
}

/// Entra's error timestamp format: `2023-05-06 06:03:00Z`.
pub fn entra_time(secs: i64) -> String {
    let (y, mo, d, h, mi, s) = split_time(secs);
    format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02}Z")
}

/// RFC 7231 IMF-fixdate for the `Date` header.
pub fn http_date(secs: i64) -> String {
    const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let (y, mo, d, h, mi, s) = split_time(secs);
    let wd = DAYS[secs.div_euclid(86_400).rem_euclid(7) as usize];
    format!(
        "{wd}, {d:02} {} {y:04} {h:02}:{mi:02}:{s:02} GMT",
        MONTHS[(mo - 1) as usize]
    )
}

/// A deterministic 64-bit linear congruential generator (Knuth's MMIX constants).
#[derive(Debug, Clone)]
pub struct Lcg(u64);

impl Lcg {
    /// Seeds the generator; the seed is scrambled so that nearby seeds diverge.
    pub fn new(seed: u64) -> Self {
        let mut g = Lcg(seed ^ 0x5DEE_CE66_D1CE_4E5B);
        for _ in 0..3 {
            g.next_u32();
        }
        g
    }

    /// Next 32 pseudo-random bits (the high half of the state).
    pub fn next_u32(&mut self) -> u32 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 32) as u32
    }

    /// Uniform-ish value in `0..n` (`n > 0`).
    pub fn below(&mut self, n: u32) -> u32 {
        ((u64::from(self.next_u32()) * u64::from(n.max(1))) >> 32) as u32
    }

    /// A GUID-formatted string (version 4 / variant bits set) from the generator.
    pub fn guid(&mut self) -> String {
        let mut b = [0u8; 16];
        for chunk in b.chunks_mut(4) {
            chunk.copy_from_slice(&self.next_u32().to_be_bytes());
        }
        b[6] = (b[6] & 0x0f) | 0x40;
        b[8] = (b[8] & 0x3f) | 0x80;
        format_guid(&b)
    }
}

/// Formats 16 bytes as a lower-case GUID.
pub fn format_guid(b: &[u8; 16]) -> String {
    let h: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &h[0..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..32]
    )
}

/// A fresh, unique (not cryptographic) GUID from the clock, a counter and the process id.
pub fn new_guid() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let (s, n) = unix_now_nanos();
    let c = COUNTER.fetch_add(1, Ordering::Relaxed);
    let seed = (s as u64).wrapping_mul(1_000_000_007)
        ^ u64::from(n)
        ^ (c << 40)
        ^ (u64::from(std::process::id()) << 20);
    Lcg::new(seed).guid()
}

/// True when `s` has the GUID shape `8-4-4-4-12` hex digits (any case).
pub fn is_guid(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 36
        && b.iter().enumerate().all(|(i, &c)| {
            if matches!(i, 8 | 13 | 18 | 23) {
                c == b'-'
            } else {
                c.is_ascii_hexdigit()
            }
        })
}

/// PowerShell `-like`: case-insensitive, `*` any run, `?` one character, `[…]` not supported (literal).
pub fn like(text: &str, pattern: &str) -> bool {
    let t: Vec<char> = text.chars().flat_map(char::to_lowercase).collect();
    let p: Vec<char> = pattern.chars().flat_map(char::to_lowercase).collect();
    let (mut ti, mut pi) = (0usize, 0usize);
    let (mut star, mut mark) = (None::<usize>, 0usize);
    while ti < t.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == t[ti]) {
            ti += 1;
            pi += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some(pi);
            mark = ti;
            pi += 1;
        } else if let Some(s) = star {
            pi = s + 1;
            mark += 1;
            ti = mark;
        } else {
            return false;
        }
    }
    while pi < p.len() && p[pi] == '*' {
        pi += 1;
    }
    pi == p.len()
}

/// `Test-IpInRange`: `Some(true|false)` when `entry` is an IP address or a CIDR range (IPv4 or
/// IPv6) and `ip` is/is not in it; `None` for an unparsable entry (CIPP drops those).
pub fn ip_in_range(ip: std::net::IpAddr, entry: &str) -> Option<bool> {
    use std::net::IpAddr;
    let entry = entry.trim();
    let (addr, bits) = match entry.split_once('/') {
        Some((a, b)) => (a, Some(b.trim().parse::<u32>().ok()?)),
        None => (entry, None),
    };
    let net: IpAddr = addr.trim().parse().ok()?;
    let v4 = |a: std::net::Ipv4Addr| u128::from(u32::from(a));
    // (caller, network, address width); None when the address families differ.
    let pair = match (ip, net) {
        (IpAddr::V4(a), IpAddr::V4(b)) => Some((v4(a), v4(b), 32)),
        (IpAddr::V6(a), IpAddr::V6(b)) => Some((u128::from(a), u128::from(b), 128)),
        (IpAddr::V6(a), IpAddr::V4(b)) => a.to_ipv4_mapped().map(|a| (v4(a), v4(b), 32)),
        (IpAddr::V4(_), IpAddr::V6(_)) => None,
    };
    let width = if net.is_ipv4() { 32 } else { 128 };
    let bits = bits.unwrap_or(width);
    if bits > width {
        return None;
    }
    let Some((ip, net, width)) = pair else {
        return Some(false);
    };
    let full = u128::MAX >> (128 - width);
    let host = full.checked_shr(bits).unwrap_or(0);
    let mask = full & !host;
    Some(ip & mask == net & mask)
}

/// The caller address from an `X-Forwarded-For` value as `Test-CIPPAccess` reads it: the first
/// entry, with a `:port` stripped (IPv4 `a.b.c.d:p`, bracketed IPv6 `[::1]:p`).
pub fn forwarded_ip(xff: &str) -> Option<std::net::IpAddr> {
    let first = xff.split(',').next()?.trim();
    if let Some(rest) = first.strip_prefix('[') {
        return rest.split(']').next()?.parse().ok();
    }
    if let Ok(ip) = first.parse() {
        return Some(ip);
    }
    match first.rsplit_once(':') {
        Some((host, _port)) if !host.contains(':') => host.parse().ok(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ip_ranges() {
        let ip = |s: &str| s.parse::<std::net::IpAddr>().unwrap();
        assert_eq!(ip_in_range(ip("10.1.2.3"), "10.0.0.0/8"), Some(true));
        assert_eq!(ip_in_range(ip("11.1.2.3"), "10.0.0.0/8"), Some(false));
        assert_eq!(ip_in_range(ip("192.0.2.7"), "192.0.2.7"), Some(true));
        assert_eq!(ip_in_range(ip("192.0.2.8"), "192.0.2.7"), Some(false));
        assert_eq!(ip_in_range(ip("1.2.3.4"), "0.0.0.0/0"), Some(true));
        assert_eq!(ip_in_range(ip("1.2.3.4"), "10.0.0.0/33"), None);
        assert_eq!(ip_in_range(ip("1.2.3.4"), "nonsense"), None);
        assert_eq!(ip_in_range(ip("2001:db8::1"), "2001:db8::/32"), Some(true));
        assert_eq!(ip_in_range(ip("2001:db9::1"), "2001:db8::/32"), Some(false));
        assert_eq!(ip_in_range(ip("::ffff:10.0.0.1"), "10.0.0.0/8"), Some(true));
        assert_eq!(ip_in_range(ip("10.0.0.1"), "::/0"), Some(false));
        assert_eq!(ip_in_range(ip("0.0.0.1"), "0.0.0.0/24"), Some(true));
        assert_eq!(
            forwarded_ip("203.0.113.9:51234, 10.0.0.1"),
            Some(ip("203.0.113.9"))
        );
        assert_eq!(forwarded_ip("[2001:db8::5]:443"), Some(ip("2001:db8::5")));
        assert_eq!(forwarded_ip("2001:db8::5"), Some(ip("2001:db8::5")));
        assert_eq!(forwarded_ip("garbage"), None);
    }

    #[test]
    fn base64_roundtrip() {
        assert_eq!(base64url(b"hello?"), "aGVsbG8_");
        assert_eq!(base64std(b"ab"), "YWI=");
        assert_eq!(base64url_decode("aGVsbG8_").unwrap(), b"hello?");
    }

    #[test]
    fn decode() {
        assert_eq!(percent_decode("a%20b+c%zz%", true), "a b c%zz%");
        assert_eq!(percent_decode("%24top", false), "$top");
        assert_eq!(
            parse_pairs("a=1&&b=&c&d=%3D"),
            vec![
                ("a".into(), "1".into()),
                ("b".into(), "".into()),
                ("c".into(), "".into()),
                ("d".into(), "=".into())
            ]
        );
    }

    #[test]
    fn dates() {
        assert_eq!(ymd_key(0), "19700101");
        assert_eq!(civil_from_days(20_672), (2026, 8, 7));
        assert_eq!(http_date(0), "Thu, 01 Jan 1970 00:00:00 GMT");
    }

    #[test]
    fn wildcard() {
        assert!(like("CIPP.Core.Read", "*.Read"));
        assert!(!like("CIPP.Core.ReadWrite", "*.Read"));
        assert!(like("CIPP.Admin.Read", "cipp.admin.*"));
        assert!(like("abc", "a?c"));
        assert!(!like("abc", "ab"));
    }

    #[test]
    fn guids() {
        assert!(is_guid(&Lcg::new(1).guid()));
        assert_ne!(new_guid(), new_guid());
    }
}
