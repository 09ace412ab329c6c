//! The journal is the one owner of every change to the log (issue 27): outside
//! `core::journal`, `core::store` and `core::log` itself, no code pushes to, removes from,
//! sorts or replaces a list of the log, takes `&mut` to one, or calls the log's own change
//! primitives. Outside the core the compiler already refuses it (the lists are private and the
//! primitives `pub(crate)`); inside the core this test does, and it pins the rule for both.
//!
//! Test code is exempt (a `#[cfg(test)] mod tests` at the end of a file, and the `tests/`,
//! `benches/` and `examples/` folders): tests build their own logs, through
//! `SessionLog::from_records` and `edit_records` (behind the `test-support` feature).
#![expect(
    clippy::unwrap_used,
    reason = "helpers shared by the tests fail loudly, like the tests themselves"
)]

use std::path::{Path, PathBuf};

/// The lists of a log.
const LISTS: &str = "sessions|check_ins|exports|pain_entries|measures|activities|questions|sign_records|\
     version_choices|progressions";

/// Where changes of the log may be written: the journal, the store, and the log itself.
const OWNERS: &[&str] = &[
    "crates/limber-core/src/journal.rs",
    "crates/limber-core/src/journal/",
    "crates/limber-core/src/log.rs",
    "crates/limber-core/src/log/",
    "crates/limber-core/src/store/",
];

/// Files that may call the log's merge and absorb, each with its reason.
/// (None since the app's end of the saver moved under `core::store` as `store/client.rs`.)
const SAVER_CLIENT: &[(&str, &str)] = &[];

/// The sample data builds logs of its own (the demo and the tests), never the app's; so does
/// the screenshot tool (`scripts/screens.sh`), which draws the app on a sample log.
const SAMPLE_DATA: &[&str] = &[
    "crates/limber-core/src/sample.rs",
    "crates/limber-core/src/sample_visit.rs",
    "crates/limber-screens/src/main.rs",
];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn rust_files(dir: &Path, found: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            if !matches!(
                path.file_name().and_then(|n| n.to_str()),
                Some("target" | "tests" | "benches" | "examples")
            ) {
                rust_files(&path, found);
            }
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
}

/// The production code of a file: what comes before its test module.
fn production(text: &str) -> &str {
    let test_module =
        regex_lite::Regex::new(r"\n#\[cfg\(test\)\]\n(pub(\(crate\))? )?mod ").unwrap();
    test_module.find(text).map_or(text, |m| &text[..m.start()])
}

/// The files that are test modules of their own (`#[cfg(test)] mod tests;` in their parent):
/// compiled only for the unit tests, which may build a log by hand.
fn test_only_files(files: &[PathBuf]) -> Vec<PathBuf> {
    let declared =
        regex_lite::Regex::new(r"#\[cfg\(test\)\]\s*\n\s*(pub(\(crate\))? )?mod (\w+);").unwrap();
    let mut found = Vec::new();
    for file in files {
        let Ok(text) = std::fs::read_to_string(file) else {
            continue;
        };
        // A `foo.rs` declares its modules in `foo/`, a `mod.rs` or `lib.rs` beside itself.
        let dir = match file.file_stem().and_then(|s| s.to_str()) {
            Some("mod" | "lib" | "main") => file.parent().map(Path::to_path_buf),
            Some(stem) => file.parent().map(|p| p.join(stem)),
            None => None,
        };
        let Some(dir) = dir else { continue };
        for caps in declared.captures_iter(&text) {
            let module = &caps[3];
            found.push(dir.join(format!("{module}.rs")));
            found.push(dir.join(module).join("mod.rs"));
        }
    }
    found
}

/// Every place in the production code under `src/` and `crates/` that matches one of
/// `patterns`, as `path:line: text`, leaving out the files `skip` accepts.
fn offences(patterns: &[regex_lite::Regex], skip: impl Fn(&str) -> bool) -> Vec<String> {
    let root = root();
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    rust_files(&root.join("crates"), &mut files);
    let test_only = test_only_files(&files);
    let mut found = Vec::new();
    for file in files {
        let name = file
            .strip_prefix(&root)
            .unwrap_or(&file)
            .to_string_lossy()
            .replace('\\', "/");
        if skip(&name) || test_only.contains(&file) {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap();
        for (number, line) in production(&text).lines().enumerate() {
            if patterns.iter().any(|p| p.is_match(line)) {
                found.push(format!("{name}:{}: {}", number + 1, line.trim()));
            }
        }
    }
    found
}

fn owned(name: &str) -> bool {
    OWNERS.iter().any(|owner| name.starts_with(owner))
}

#[test]
fn only_the_journal_and_the_store_change_the_lists_of_the_log() {
    let change = "push|insert|remove|swap_remove|retain|retain_mut|clear|extend|append|\
                  truncate|pop|drain|sort|sort_by|sort_by_key|sort_unstable|dedup|iter_mut|\
                  last_mut|first_mut|get_mut";
    let patterns = [
        // `log.sessions.push(…)`, `log.sessions().iter_mut()`.
        format!(r"\.({LISTS})\s*(\(\))?\s*\.({change})\s*\("),
        // `log.sessions[0].notes = …`, `log.sessions = …`.
        format!(r"\.({LISTS})\s*(\(\))?\s*(\[[^\]]*\][\w.]*)?\s*=[^=]"),
        // `&mut log.sessions`.
        format!(r"&mut\s+[\w.()]*\.({LISTS})\b"),
    ]
    .map(|p| regex_lite::Regex::new(&p).unwrap());
    // Lists of the same names on other structs (a brief, a summary, a chart's data) are
    // theirs to change; the ones on a log are reached only through its accessors outside
    // the core, where `&[T]` has no way to change them, so only the core is searched.
    let found = offences(&patterns, |name| {
        owned(name) || !name.starts_with("crates/limber-core/src/") || SAMPLE_DATA.contains(&name)
    });
    assert!(
        found.is_empty(),
        "change the log through core::journal::Journal::apply:\n{}",
        found.join("\n")
    );
}

#[test]
fn only_the_journal_and_the_store_call_the_change_primitives_of_the_log() {
    let primitives = "upsert|add_pain_entry|add_check_in|add_sign_record|add_export|add_measure|put_question|\
                      add_version_choice|add_progression|put_activity|close_sessions|put_session|put_pain_entry|edit_records|\
                      from_records|into_records|absorb|absorb_all|drop_months|merge|merge_report";
    let pattern = regex_lite::Regex::new(&format!(r"\.({primitives})\(")).unwrap();
    let found = offences(&[pattern], |name| {
        owned(name)
            || SAMPLE_DATA.contains(&name)
            || SAVER_CLIENT.iter().any(|(client, _)| *client == name)
    });
    assert!(
        found.is_empty(),
        "change the log through core::journal::Journal::apply:\n{}",
        found.join("\n")
    );
}
