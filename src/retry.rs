//! When to try a request again, and how long to wait first.
//!
//! The rule that keeps retries harmless: a request that may have reached CIPP is sent again only if
//! it is idempotent (GET) or the server said it did not process it (429 or 503 with
//! `Retry-After`). Connection failures before anything was sent are always safe to repeat.
//! Waits grow exponentially from a base, with jitter, capped; `Retry-After` (seconds or an HTTP
//! date) is honoured up to the same cap.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime};

/// Retry knobs, from the client settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt (0 disables retrying).
    pub max_retries: u32,
    /// First backoff step.
    pub base_delay: Duration,
    /// Longest wait before any retry, `Retry-After` included.
    pub max_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 3,
            base_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(60),
        }
    }
}

/// Why a retry is (or is not) allowed for an HTTP status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusVerdict {
    /// Answer is final: return it.
    Final,
    /// Retry after this long.
    RetryAfter(Duration),
}

impl RetryPolicy {
    /// The wait before retry number `retry` (1-based): `base · 2^(retry-1)`, capped, with jitter
    /// in [50 %, 100 %] so that many clients do not retry in lock-step.
    pub fn backoff(&self, retry: u32) -> Duration {
        let exp = self
            .base_delay
            .saturating_mul(1u32 << (retry.saturating_sub(1)).min(16));
        let capped = exp.min(self.max_delay);
        let jitter = 0.5 + 0.5 * unit_random();
        capped.mul_f64(jitter)
    }

    /// Decides what to do with an HTTP status after attempt number `attempt` (1-based).
    pub fn verdict(
        &self,
        idempotent: bool,
        status: u16,
        retry_after: Option<&str>,
        attempt: u32,
    ) -> StatusVerdict {
        if attempt > self.max_retries {
            return StatusVerdict::Final;
        }
        let server_wait = retry_after.and_then(parse_retry_after);
        let not_processed = matches!(status, 429 | 503) && server_wait.is_some();
        let transient = matches!(status, 429 | 502 | 503 | 504);
        if !(not_processed || (transient && idempotent)) {
            return StatusVerdict::Final;
        }
        let wait = match server_wait {
            Some(w) => w.min(self.max_delay),
            None => self.backoff(attempt),
        };
        StatusVerdict::RetryAfter(wait)
    }
}

/// Parses `Retry-After`: delta-seconds or an HTTP date (`Sun, 06 Nov 1994 08:49:37 GMT`).
pub fn parse_retry_after(value: &str) -> Option<Duration> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let when = chrono::DateTime::parse_from_rfc2822(value).ok()?;
    let now = chrono::Utc::now();
    Some(
        (when.with_timezone(&chrono::Utc) - now)
            .to_std()
            .unwrap_or(Duration::ZERO),
    )
}

/// A number in [0, 1) from a splitmix64 sequence seeded by the clock; jitter needs no more.
fn unit_random() -> f64 {
    static STATE: AtomicU64 = AtomicU64::new(0);
    let seed = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(0);
    let mut z = STATE
        .fetch_add(0x9E37_79B9_7F4A_7C15, Ordering::Relaxed)
        .wrapping_add(seed);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^= z >> 31;
    (z >> 11) as f64 / (1u64 << 53) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy() -> RetryPolicy {
        RetryPolicy {
            max_retries: 3,
            base_delay: Duration::from_millis(100),
            max_delay: Duration::from_secs(2),
        }
    }

    #[test]
    fn backoff_grows_with_jitter_and_is_capped() {
        let p = policy();
        for retry in 1..=3 {
            let full = Duration::from_millis(100 << (retry - 1));
            for _ in 0..50 {
                let d = p.backoff(retry);
                assert!(d >= full / 2 && d <= full, "retry {retry}: {d:?}");
            }
        }
        assert!(p.backoff(30) <= Duration::from_secs(2));
    }

    #[test]
    fn only_safe_statuses_are_retried() {
        let p = policy();
        use StatusVerdict::*;
        assert_eq!(p.verdict(true, 500, None, 1), Final);
        assert_eq!(p.verdict(true, 404, None, 1), Final);
        assert!(matches!(p.verdict(true, 502, None, 1), RetryAfter(_)));
        assert!(matches!(p.verdict(true, 504, None, 1), RetryAfter(_)));
        // POST: only when the server says it did not process the request.
        assert_eq!(p.verdict(false, 502, None, 1), Final);
        assert_eq!(p.verdict(false, 503, None, 1), Final);
        assert_eq!(p.verdict(false, 429, None, 1), Final);
        assert_eq!(
            p.verdict(false, 503, Some("1"), 1),
            RetryAfter(Duration::from_secs(1))
        );
        assert_eq!(
            p.verdict(false, 429, Some("1"), 1),
            RetryAfter(Duration::from_secs(1))
        );
        // Capped, and bounded in count.
        assert_eq!(
            p.verdict(true, 429, Some("3600"), 1),
            RetryAfter(Duration::from_secs(2))
        );
        assert_eq!(p.verdict(true, 503, Some("1"), 4), Final);
    }

    #[test]
    fn retry_after_accepts_seconds_and_http_dates() {
        assert_eq!(parse_retry_after(" 7 "), Some(Duration::from_secs(7)));
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT"),
            Some(Duration::ZERO)
        );
        let soon = (chrono::Utc::now() + chrono::Duration::seconds(30)).to_rfc2822();
        let d = parse_retry_after(&soon).unwrap();
        assert!(
            d > Duration::from_secs(25) && d <= Duration::from_secs(30),
            "{d:?}"
        );
        assert_eq!(parse_retry_after("soon"), None);
    }
}
