//! Arbitrary text as a rule pack: parsing must never panic.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Err(e) = zhongjie_core::RulePack::parse(text) {
            let _ = (e.code(), e.to_string());
        }
    }
});
