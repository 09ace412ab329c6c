//! Fuzzes the session-log loader: any bytes must give a log or a `StoreError`, never a panic;
//! whatever loads must save and load back to the same log; and the quick reader and writer must
//! agree with `ron` itself: the same log or the same error from the same bytes, and the written
//! text read by `ron` alone as the same log.
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
    let quick = core::store::parse_log(bytes, path);
    let reference = core::store::parse_log_reference(bytes, path);
    assert_eq!(
        format!("{quick:?}"),
        format!("{reference:?}"),
        "the quick reader must read exactly what ron reads"
    );
    if let Ok(log) = quick {
        let text = core::store::to_ron(&log);
        let by_ron = core::store::parse_log_reference(text.as_bytes(), path)
            .expect("ron must read what Limber writes");
        assert_eq!(by_ron, log, "ron must read back the log Limber wrote");
        let again = core::store::parse_log(text.as_bytes(), path).expect("a saved log must load");
        assert_eq!(again, log, "save then load must give the same log");
    }
});
