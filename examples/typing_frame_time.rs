//! Times the whole app while a note is typed into the open session with a ten-year log: the UI
//! time of every frame (`LimberApp::tick` and `LimberApp::show`, layout and painting commands,
//! no GPU), and how often the month file on disk was replaced meanwhile (the saver coalesces a
//! note's keystrokes into at most one write a second).
//!
//! The characters are typed at 12 a second of real time, one per frame, as a person types; the
//! saver thread runs on its own as in the app. Prints p50, p95 and max of the UI time and the
//! number of writes per second of typing.
//!
//! `cargo run --release --example typing_frame_time`

use std::time::{Duration, Instant};

use chrono::{FixedOffset, TimeZone, Utc};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use limber::core::catalog::Routine;
use limber::core::paths::Paths;
use limber::core::sample::generate_log;
use limber::core::store::{Month, Store};
use limber::ui::app::{AppInit, LimberApp, NOTICE_MARKER};
use limber::ui::clock::ManualClock;

const NOTE: &str = "Tight between the shoulder blades after work; the open book eased it. \
                    Slept better. Ask about the wall angels next time.";
const CHARS_PER_SECOND: u64 = 12;

fn percentile(sorted: &[f64], p: f64) -> f64 {
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_precision_loss,
        reason = "an index into a short list"
    )]
    let rank = (p * (sorted.len().saturating_sub(1)) as f64).round() as usize;
    sorted.get(rank).copied().unwrap_or_default()
}

#[expect(
    clippy::too_many_lines,
    reason = "one straight measurement, step by step"
)]
fn main() {
    let dir = tempfile::tempdir().unwrap_or_else(|err| panic!("{err}"));
    let paths = Paths::under(dir.path());
    let now = Utc
        .with_ymd_and_hms(2026, 11, 25, 8, 0, 0)
        .single()
        .unwrap_or_else(|| panic!("a valid time"));
    let routine = Routine::built_in().unwrap_or_else(|err| panic!("{err}"));
    let log = generate_log(10, 1, now.date_naive(), &routine);
    let mut store = Store::open(&paths.data_dir, now)
        .unwrap_or_else(|err| panic!("{err}"))
        .store;
    store.save(&log, now).unwrap_or_else(|err| panic!("{err}"));
    let month_file = store.month_path(Month::of(now.date_naive()));
    drop(store);
    std::fs::create_dir_all(&paths.config_dir).unwrap_or_else(|err| panic!("{err}"));
    std::fs::write(paths.config_dir.join(NOTICE_MARKER), "seen")
        .unwrap_or_else(|err| panic!("{err}"));

    let clock = ManualClock::new(now, FixedOffset::east_opt(3600).unwrap_or_else(|| panic!()));
    let mut app = LimberApp::new(AppInit {
        paths,
        clock: Box::new(clock.clone()),
    });
    app.dismissals.check_in_dismissed_on = Some(app.now().local_date());
    let times = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
    let recorder = std::rc::Rc::clone(&times);
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_ui_state(
            move |ui, app: &mut LimberApp| {
                let started = Instant::now();
                app.tick(ui.ctx());
                app.show(ui);
                recorder
                    .borrow_mut()
                    .push(started.elapsed().as_secs_f64() * 1000.0);
            },
            app,
        );
    harness.run_steps(4);
    // Start a timer (a session opens), skip the pain question, and wait for the older months.
    harness.key_press(egui::Key::Space);
    harness.run_steps(2);
    harness.get_by_label("Skip this question").click_accesskit();
    while harness.state().persistence.loading_older() {
        std::thread::sleep(Duration::from_millis(10));
        harness.run_steps(1);
    }
    harness.get_by_label("Session notes").focus();
    harness.run_steps(2);
    let sessions = harness.state().log().sessions().len();

    times.borrow_mut().clear();
    let inode = || {
        use std::os::unix::fs::MetadataExt as _;
        std::fs::metadata(&month_file).map(|m| m.ino()).ok()
    };
    let mut last = inode();
    let mut writes = 0;
    let started = Instant::now();
    for ch in NOTE.chars() {
        harness
            .get_by_label("Session notes")
            .type_text(&ch.to_string());
        harness.run_steps(1);
        clock.advance(Duration::from_millis(1000 / CHARS_PER_SECOND));
        std::thread::sleep(Duration::from_millis(1000 / CHARS_PER_SECOND));
        let now = inode();
        if now != last {
            writes += 1;
            last = now;
        }
    }
    let typing = started.elapsed().as_secs_f64();
    std::thread::sleep(Duration::from_millis(1500));
    harness.run_steps(1);
    if inode() != last {
        writes += 1;
    }
    let typed = harness
        .state()
        .current_session()
        .map(|s| s.notes.clone())
        .unwrap_or_default();
    assert_eq!(typed, NOTE, "the note was typed into the session");
    let on_disk = std::fs::read_to_string(&month_file).unwrap_or_default();
    assert!(
        on_disk.contains("Ask about the wall angels"),
        "the note reached the disk"
    );

    let mut frames = times.borrow().clone();
    frames.sort_by(f64::total_cmp);
    println!(
        "typing {} characters into a note, {sessions} sessions in the log (10 years), {:.1} s:",
        NOTE.chars().count(),
        typing
    );
    println!(
        "  UI time per frame: p50 {:.3} ms, p95 {:.3} ms, max {:.3} ms ({} frames)",
        percentile(&frames, 0.50),
        percentile(&frames, 0.95),
        frames.last().copied().unwrap_or_default(),
        frames.len()
    );
    println!(
        "  month file replaced {writes} times ({:.2} writes per second of typing, the last after it)",
        f64::from(writes) / typing
    );
}
