//! Fuzzes the session-log loader: any bytes must give a log or a `StoreError`, never a panic,
//! and whatever loads must save and load back to the same log.
//!
//! The store's sources are compiled in directly (the same files, through `#[path]`), so that the
//! fuzz build does not have to compile the GUI stack with sanitizer instrumentation. The module
//! layout mirrors the crate's (`crate::core::…`) so the files compile unchanged.

#![no_main]

#[allow(dead_code, missing_docs, unused_imports)]
#[path = "../../src/core"]
mod core {
    pub mod atomic;
    pub mod session;
    pub mod store;
}

use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|bytes: &[u8]| {
    let path = Path::new("log.ron");
    if let Ok(log) = core::store::parse_log(bytes, path) {
        let text = core::store::to_ron(&log).expect("a loaded log must serialise");
        let again = core::store::parse_log(text.as_bytes(), path).expect("a saved log must load");
        assert_eq!(again, log, "save then load must give the same log");
    }
});
