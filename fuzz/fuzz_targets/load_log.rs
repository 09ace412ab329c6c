//! Fuzzes the session-log loader: any bytes must give a log or a `StoreError`, never a panic;
//! whatever loads must save and load back to the same log, and split into month files and put
//! together again it must be the same log.
//!
//! It depends on `limber-core` alone (no GUI crate), so the sanitizer build stays small.

#![no_main]

use limber_core as core;
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|bytes: &[u8]| {
    let path = Path::new("2026-03.ron");
    if let Ok(log) = core::store::parse_log(bytes, path) {
        let text = core::store::to_ron(&log);
        let again = core::store::parse_log(text.as_bytes(), path).expect("a saved log must load");
        assert_eq!(again, log, "save then load must give the same log");
        let mut joined = core::session::SessionLog::default();
        for month in log.months() {
            let part = log.month(month);
            let text = core::store::to_ron(&part);
            let read = core::store::parse_log(text.as_bytes(), path).expect("a month must load");
            joined.absorb(read);
        }
        assert_eq!(joined.sessions.len(), log.sessions.len(), "no session lost in the split");
    }
});
