//! The hold timer's step: what the app calls on every frame while a timer runs
//! (`cargo bench --bench timer`). `update` catches up to `now` and `display` says what to show;
//! the whole run steps through the longest dose of the routine at ten frames a second.

mod common;

use std::time::{Duration, Instant};

use divan::Bencher;
use limber::core::catalog::Dose;
use limber::core::timer::Timer;

fn main() {
    divan::main();
}

/// The dose with the most seconds in the built-in routine.
fn longest_dose() -> Dose {
    common::routine()
        .exercises
        .iter()
        .map(|e| e.dose)
        .max_by_key(Dose::total_secs)
        .unwrap_or_else(|| panic!("the routine has exercises"))
}

#[divan::bench]
fn update_and_display(bencher: Bencher) {
    let start = Instant::now();
    let mut timer = Timer::for_dose(&longest_dose(), 3);
    timer.start(start);
    let mut now = start;
    bencher.bench_local(|| {
        // A tenth of a second later each call; wraps round before the run ends.
        now += Duration::from_millis(100);
        if timer.is_finished() {
            timer.restart(now);
        }
        let events = timer.update(divan::black_box(now));
        (events, timer.display(now))
    });
}

#[divan::bench(sample_count = 30)]
fn whole_run_at_ten_frames_a_second(bencher: Bencher) {
    let dose = longest_dose();
    bencher.bench(|| {
        let start = Instant::now();
        let mut timer = Timer::for_dose(&dose, 3);
        timer.start(start);
        let mut frames = 0_u32;
        let mut now = start;
        while !timer.is_finished() {
            now += Duration::from_millis(100);
            timer.update(now);
            divan::black_box(timer.display(now));
            frames += 1;
        }
        frames
    });
}
