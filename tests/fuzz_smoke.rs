//! Runs the fuzz targets' bodies (`cippapi::fuzzing`, also used by `fuzz/` with cargo-fuzz) on
//! stable over hand-written seeds and a bounded stream of pseudo-random inputs biased towards the
//! characters that break URLs, so every test run exercises them.

use cippapi::fuzzing::{request_building, response_handling};

const SEEDS: &[&[u8]] = &[
    b"",
    b"/api/ListLogs\xffGET\xfftenantFilter\xffcontoso.onmicrosoft.com",
    b"../../etc/passwd\xffPOST",
    b"https://evil.example/api/x\xffget",
    b"List\r\nHost: evil\xffGET\xffa\r\nb\xffc\r\nd",
    b"ListUsers\xffDELETE\xff$filter\xffstartswith(displayName,'A') and x eq 1\xff$top",
    b"\xc3\xa9\xff\xe2\x82\xac\xff\xf0\x9f\x98\x80\xff%zz%\xff+ &=#?",
    b"\x93Endpoint not found\xffAccess to this CIPP API endpoint is not allowed, the 'readonly' base role does not have the required permission: X\xff/.auth/login/aad",
    b"\x95x\xff{\"error\":\"invalid_client\",\"error_description\":\"AADSTS7000215: bad\\r\\nTrace ID: 1\"}\xffSun, 06 Nov 1994 08:49:37 GMT",
    b"ExecResetPass\xff{\"ID\":1,\"a\\u0000b\":[{}]}\xff99999999999999999999",
];

/// xorshift64*: deterministic, so a failure reproduces from its iteration number.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn input(&mut self) -> Vec<u8> {
        const INTERESTING: &[u8] = b"/\\.%?#&=+ \r\n\t\0:@$!*()'\"{}[],;~\xff\xc3\xa9";
        let len = (self.next() % 96) as usize;
        (0..len)
            .map(|_| match self.next() % 4 {
                0 => INTERESTING[(self.next() % INTERESTING.len() as u64) as usize],
                1 => b'a' + (self.next() % 26) as u8,
                _ => self.next() as u8,
            })
            .collect()
    }
}

#[test]
fn fuzz_targets_hold_on_seeds_and_random_inputs() {
    for seed in SEEDS {
        request_building(seed);
        response_handling(seed);
    }
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for i in 0..30_000 {
        let input = rng.input();
        let r = std::panic::catch_unwind(|| {
            request_building(&input);
            response_handling(&input);
        });
        assert!(r.is_ok(), "iteration {i} failed on input {input:?}");
    }
}
