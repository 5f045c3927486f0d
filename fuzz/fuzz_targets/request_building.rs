//! Endpoint, method and query building from arbitrary bytes (see `cippapi::fuzzing`).
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| cippapi::fuzzing::request_building(data));
