//! Everything done with a server answer, from arbitrary bytes (see `cippapi::fuzzing`).
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| cippapi::fuzzing::response_handling(data));
