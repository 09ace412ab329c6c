//! Tests of the figures as a whole: the prompts of each day, the key, the worker and the
//! content rule.

use std::sync::Arc;

use chrono::{Days, FixedOffset, NaiveDate, TimeZone as _, Utc};

use super::*;
use crate::export::{ExportFormat, Period};
use crate::figures::days::tests::{date, exercise, routine, session};
use crate::pain_entry::PainEntry;
use crate::session::{Completion, Hurt, PainScore};

fn input(routine: &Routine, today: NaiveDate) -> FiguresInput<'_> {
    FiguresInput {
        routine,
        previous_routine: None,
        today,
    }
}

fn pain_entry(day: NaiveDate, pain: u8) -> PainEntry {
    let at = Utc.from_utc_datetime(&day.and_hms_opt(18, 0, 0).unwrap());
    PainEntry::new(
        at,
        FixedOffset::east_opt(0).unwrap(),
        PainScore::new(pain).unwrap(),
        Vec::new(),
        "",
    )
}

/// The log as it was at the end of `day`: what Today saw that day.
fn seen_by(log: &SessionLog, day: NaiveDate) -> SessionLog {
    crate::export::log_part(log, |d| d <= day)
}

/// Three weeks of calm sessions, then pain only logged between sessions: a jump from 2 to 8
/// and two weeks at 9, and one session in which an exercise was stopped because of pain.
fn prompting_log() -> (SessionLog, Routine) {
    let r = routine(vec![exercise("a", 1), exercise("b", 1)]);
    let mut log = SessionLog::default();
    let first = date(2026, 3, 2);
    for i in 0..21 {
        let day = first + Days::new(i);
        let ok = [("a", Completion::Done, None), ("b", Completion::Done, None)];
        log.upsert(session(day, &ok, Some(2), Some(2)));
    }
    for i in 21..42 {
        let day = first + Days::new(i);
        log.add_pain_entry(pain_entry(day, if i < 28 { 8 } else { 9 }));
    }
    let stopped = [
        ("a", Completion::Skipped, Some(Hurt::Stopped)),
        ("b", Completion::Done, None),
    ];
    log.upsert(session(first + Days::new(30), &stopped, None, None));
    (log, r)
}

/// Issue 27: the brief re-ran the rules on every 7th day only, on a copy of the log without
/// pain entries, and said "none" where the app had shown prompts. Every prompt Today showed on
/// a day of the period (the rules on the log as it was that day) is now in the brief.
#[test]
fn the_brief_lists_every_prompt_today_showed_in_its_period() {
    let (log, r) = prompting_log();
    let today = date(2026, 4, 15);
    let figures = Figures::of(&log, &input(&r, today));
    let period = Period::new(date(2026, 3, 20), today).unwrap();
    let brief = crate::export::brief::visit_brief(&figures, period);
    let mut shown = Vec::new();
    for day in period.dates() {
        for prompt in prompts::evaluate(&seen_by(&log, day), &r, day) {
            if !shown.contains(&prompt.title) {
                shown.push(prompt.title);
            }
        }
    }
    // A rise raised by pain entries alone, pain that stays high, a stopped exercise.
    assert!(shown.len() >= 3, "{shown:#?}");
    let titles: Vec<String> = brief
        .prompts
        .prompts
        .iter()
        .map(|p| p.title.clone())
        .collect();
    for title in &shown {
        assert!(titles.contains(title), "{title:?} not in {brief:#?}");
    }
    // Nothing the app never showed.
    for title in &titles {
        assert!(shown.contains(title), "{title:?} was never shown");
    }
}

/// The walk over the days gives, on each day, exactly what the rules give on the log as it
/// was that day; and its last day is Today's list, in Today's order.
#[test]
fn each_day_sees_only_what_was_logged_by_then() {
    let (log, r) = prompting_log();
    let today = date(2026, 4, 15);
    let figures = Figures::of(&log, &input(&r, today));
    let first = figures.first_date().unwrap();
    for day in first.iter_days().take_while(|d| *d <= today) {
        let expected: Vec<String> = prompts::evaluate(&seen_by(&log, day), &r, day)
            .into_iter()
            .map(|p| p.key)
            .collect();
        let mut raised: Vec<String> = figures
            .prompts_raised(day, day)
            .into_iter()
            .map(|p| p.prompt.key.clone())
            .collect();
        raised.sort();
        let mut sorted = expected.clone();
        sorted.sort();
        assert_eq!(raised, sorted, "{day}");
    }
    let today_keys: Vec<&str> = figures
        .prompts_today()
        .iter()
        .map(|p| p.key.as_str())
        .collect();
    let evaluated = prompts::evaluate(&log, &r, today);
    let evaluated: Vec<&str> = evaluated.iter().map(|p| p.key.as_str()).collect();
    assert_eq!(today_keys, evaluated);
}

#[test]
fn content_is_one_rule_per_format() {
    let r = routine(vec![exercise("a", 1)]);
    let mut log = SessionLog::default();
    log.add_pain_entry(pain_entry(date(2026, 3, 3), 4));
    log.upsert(session(
        date(2026, 3, 10),
        &[("a", Completion::Done, None)],
        None,
        None,
    ));
    let figures = Figures::of(&log, &input(&r, date(2026, 3, 31)));
    let has = |format, from, to| {
        figures
            .content()
            .has_content(format, Period::new(from, to).unwrap())
    };
    // Only a pain entry: FHIR and a backup have something, the report and spreadsheet do not.
    let entry_only = (date(2026, 3, 1), date(2026, 3, 5));
    assert!(has(ExportFormat::Fhir, entry_only.0, entry_only.1));
    assert!(has(ExportFormat::Ron, entry_only.0, entry_only.1));
    assert!(!has(ExportFormat::Pdf, entry_only.0, entry_only.1));
    assert!(!has(ExportFormat::Csv, entry_only.0, entry_only.1));
    // A session without ratings: no FHIR.
    let session_only = (date(2026, 3, 9), date(2026, 3, 11));
    assert!(!has(ExportFormat::Fhir, session_only.0, session_only.1));
    assert!(has(ExportFormat::Pdf, session_only.0, session_only.1));
    for format in ExportFormat::ALL {
        assert!(!has(format, date(2026, 3, 20), date(2026, 3, 31)));
    }
}

#[test]
fn the_band_is_two_points_around_the_first_week() {
    let r = routine(vec![exercise("a", 1)]);
    let mut log = SessionLog::default();
    for (day, pain) in [(1, 1), (3, 3), (9, 7)] {
        log.add_pain_entry(pain_entry(date(2026, 3, day), pain));
    }
    let figures = Figures::of(&log, &input(&r, date(2026, 3, 31)));
    let band = figures.band(date(2026, 3, 1)).unwrap();
    assert!((band.level - 2.0).abs() < 1e-9);
    assert!((band.low - 0.0).abs() < 1e-9 && (band.high - 4.0).abs() < 1e-9);
    let late = figures.band(date(2026, 3, 5)).unwrap();
    assert!((late.high - 9.0).abs() < 1e-9, "{late:?}");
    assert!(figures.band(date(2026, 3, 10)).is_none());
}

#[test]
fn a_notes_only_edit_keeps_the_figures_and_a_new_rating_rebuilds_them() {
    let (log, r) = prompting_log();
    let today = date(2026, 4, 15);
    let figures_input = input(&r, today);
    let mut worker = FiguresWorker::synchronous();
    worker.request(
        FiguresKey::new(&figures_input, 1),
        || Arc::new(log.clone()),
        &figures_input,
    );
    let first = Arc::clone(worker.figures().unwrap());
    let mut noted = log.clone();
    noted.sessions[3].notes = "Felt looser".to_owned();
    assert!(same_figure_inputs(&log, &noted));
    worker.request(
        FiguresKey::new(&figures_input, 2),
        || Arc::new(noted.clone()),
        &figures_input,
    );
    let second = Arc::clone(worker.figures().unwrap());
    assert_eq!(second.key().log_revision, 2);
    assert_eq!(second.log().sessions()[3].notes, "Felt looser");
    // Not rebuilt: the prompts are the very same allocation.
    assert!(std::ptr::eq(
        first.prompts_today().as_ptr(),
        second.prompts_today().as_ptr()
    ));
    let mut rated = noted.clone();
    rated.add_pain_entry(pain_entry(today, 0));
    assert!(!same_figure_inputs(&noted, &rated));
    worker.request(
        FiguresKey::new(&figures_input, 3),
        || Arc::new(rated.clone()),
        &figures_input,
    );
    let third = Arc::clone(worker.figures().unwrap());
    assert_ne!(
        third.pain().rolling_on(today),
        second.pain().rolling_on(today)
    );
}

#[test]
fn the_background_worker_delivers_and_keeps_the_last_figures_meanwhile() {
    let (log, r) = prompting_log();
    let today = date(2026, 4, 15);
    let figures_input = input(&r, today);
    let (woken, wakes) = std::sync::mpsc::channel();
    let mut worker = FiguresWorker::background(move || {
        woken.send(()).unwrap_or_default();
    });
    // The first figures are built at once: a first frame always has some.
    worker.request(
        FiguresKey::new(&figures_input, 1),
        || Arc::new(log.clone()),
        &figures_input,
    );
    assert_eq!(worker.figures().unwrap().key().log_revision, 1);
    let mut more = log.clone();
    more.add_pain_entry(pain_entry(today, 1));
    worker.request(
        FiguresKey::new(&figures_input, 2),
        || Arc::new(more.clone()),
        &figures_input,
    );
    wakes
        .recv_timeout(std::time::Duration::from_secs(10))
        .unwrap();
    assert_eq!(worker.figures().unwrap().key().log_revision, 2);
    assert!(!worker.working());
}

/// A note typed into the open session changes the log but not its revision: an export still
/// prints it, reading the figures over a fresh snapshot.
#[test]
fn an_export_reads_the_notes_typed_since_the_figures_were_built() {
    let (log, r) = prompting_log();
    let today = date(2026, 4, 15);
    let figures_input = input(&r, today);
    let key = FiguresKey::new(&figures_input, 1);
    let mut worker = FiguresWorker::synchronous();
    worker.request(key, || Arc::new(log.clone()), &figures_input);
    let mut typed = log.clone();
    typed.sessions[0].notes = "Typed just now".to_owned();
    let for_export = worker.current_for(key, || Arc::new(typed.clone()), &figures_input);
    assert_eq!(for_export.log().sessions()[0].notes, "Typed just now");
    assert_eq!(for_export.key(), key);
}
