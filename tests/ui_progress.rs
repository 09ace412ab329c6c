//! The Progress screen in an `egui_kittest` harness: the right figures for a fixture log, a
//! banner when the log should raise one and none when it should not, and the check-in.

#![expect(
    clippy::unwrap_used,
    reason = "fixture helpers build fixed, valid dates"
)]

use chrono::{Days, FixedOffset, NaiveDate, TimeZone as _, Utc};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use limber::core::catalog::{Category, Dose, Exercise, Routine};
use limber::core::figures::{Figures, FiguresInput, FiguresKey};
use limber::core::log::SessionLog;
use limber::core::prompts::Dismissals;
use limber::core::session::{
    Completion, ExerciseRecord, Hurt, PainScore, RedFlag, RestReason, Session, SessionId, Symptom,
};
use limber::ui::progress::{ProgressAction, ProgressInput, ProgressView};
use std::sync::Arc;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn exercise(id: &str, name: &str) -> Exercise {
    let dose = Dose {
        sets: 1,
        reps: 3,
        hold_secs: 15,
        rest_secs: 10,
        per_side: false,
        times_per_day: 1,
    };
    Exercise::new(id, name, Category::Mobility, dose)
}

fn routine() -> Routine {
    Routine {
        version: 3,
        pain_model: limber::core::catalog::PainModel::default(),
        progression: limber::core::catalog::Progression::default(),
        break_routine: limber::core::catalog::BreakRoutine::default(),
        name: "Test routine".to_owned(),
        exercises: vec![
            exercise("lat", "Overhead lat stretch"),
            exercise("roll", "Foam roller upper back"),
        ],
    }
}

fn session(day: NaiveDate, before: u8, after: u8, lat_hurt: Option<Hurt>) -> Session {
    let at = Utc.from_utc_datetime(&day.and_hms_opt(8, 0, 0).unwrap());
    let mut s = Session::start(at, FixedOffset::east_opt(0).unwrap(), 3);
    s.id = SessionId(format!("s-{day}"));
    s.ended_at = Some(at + chrono::Duration::minutes(20));
    s.exercises = vec![
        ExerciseRecord {
            exercise_id: "lat".into(),
            name: "Overhead lat stretch".into(),
            completion: Completion::Done,
            holds_done: 3,
            hurt: lat_hurt,
            ..ExerciseRecord::default()
        },
        ExerciseRecord {
            exercise_id: "roll".into(),
            name: "Foam roller upper back".into(),
            completion: Completion::Done,
            holds_done: 3,
            hurt: None,
            ..ExerciseRecord::default()
        },
    ];
    s.pain_before = PainScore::new(before);
    s.pain_after = PainScore::new(after);
    s.symptoms = vec![Symptom::Stiffness];
    "Felt easier today\nsecond line".clone_into(&mut s.notes);
    s
}

/// Monday 2 – Sunday 15 March 2026: sessions every day except a rest day on Wednesday 11th and
/// nothing on Thursday 12th; pain 5 before and 3 after.
fn calm_log() -> SessionLog {
    let mut log = SessionLog::default();
    for offset in 0..14 {
        let day = date(2026, 3, 2) + Days::new(offset);
        if day == date(2026, 3, 12) {
            continue;
        }
        if day == date(2026, 3, 11) {
            let at = Utc.from_utc_datetime(&day.and_hms_opt(8, 0, 0).unwrap());
            let mut rest = Session::rest_day(
                at,
                FixedOffset::east_opt(0).unwrap(),
                RestReason::Travelling,
            );
            rest.id = SessionId(format!("r-{day}"));
            log.put_session(rest);
            continue;
        }
        log.put_session(session(day, 5, 3, None));
    }
    log.edit_records(|r| {
        r.check_ins.push(limber::core::session::CheckIn {
            at: Utc.with_ymd_and_hms(2026, 3, 14, 9, 0, 0).unwrap(),
            local_date: date(2026, 3, 14),
            flags: Vec::new(),
        });
    });
    log
}

struct State {
    view: ProgressView,
    log: SessionLog,
    routine: Routine,
    previous_routine: Option<Routine>,
    today: NaiveDate,
    dismissals: Dismissals,
    revision: u64,
    /// The figures, rebuilt (here, at once) when the revision, the day or the routine change.
    figures: Option<Figures>,
    actions: Vec<ProgressAction>,
}

fn harness(log: SessionLog, today: NaiveDate) -> Harness<'static, State> {
    let state = State {
        view: ProgressView::new(),
        log,
        routine: routine(),
        previous_routine: None,
        today,
        dismissals: Dismissals::default(),
        revision: 1,
        figures: None,
        actions: Vec::new(),
    };
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 2400.0))
        .build_ui_state(
            |ui, state: &mut State| {
                let figures_input = FiguresInput {
                    routine: &state.routine,
                    previous_routine: state.previous_routine.as_ref(),
                    today: state.today,
                };
                let key = FiguresKey::new(&figures_input, state.revision);
                if state.figures.as_ref().is_none_or(|f| f.key() != key) {
                    state.figures = Some(Figures::build(
                        Arc::new(state.log.clone()),
                        &figures_input,
                        key,
                    ));
                }
                let Some(figures) = &state.figures else {
                    return;
                };
                let shown = figures.active_prompts(&state.log);
                let input = ProgressInput {
                    figures,
                    dismissals: &state.dismissals,
                    shown: &shown,
                };
                let actions = state.view.ui(ui, &input);
                state.actions.extend(actions);
            },
            state,
        );
    harness.run_steps(3);
    harness
}

#[test]
fn figures_for_a_fixture_log() {
    let harness = harness(calm_log(), date(2026, 3, 15));
    // Sessions on 13, 14 and 15 March; the rest day on the 11th does not break the streak, the
    // empty 12th does.
    harness.get_by_label("Current streak: 3 days");
    // Week of 9 March: both exercises (one dose each a day) done on 9, 10, 13, 14, 15; 11 is
    // a rest day (nothing planned): 10 of 12 doses.
    harness.get_by_label("This week: 10 of 12 doses (83%)");
    harness.get_by_label(limber::core::figures::ADHERENCE_EXPLAINED);
    // Every rating is 5 or 3: daily pain 4.0 in both weeks.
    harness.get_by_label("Average pain, last 7 days: 4.0 out of 10 (the week before: 4.0)");
    // The default range for two weeks of data.
    harness.get_by_label("Each exercise in the last 2 weeks");
    // 12 days done of 13 planned days (14 days minus the rest day), two doses a day.
    harness.get_by_label("Doses done in the last 2 weeks: 24 of 26 planned (92%).");
    assert_eq!(harness.get_all_by_label("12 of 13 (92%)").count(), 2);
    // After − before is 3 − 5 in every session.
    assert_eq!(
        harness
            .get_all_by_label("\u{2212}2.0 (12 sessions)")
            .count(),
        2
    );
    // The calendar labels days in words.
    harness.get_by_label("Wednesday 11 March 2026: rest day");
    harness.get_by_label("Thursday 12 March 2026: nothing logged");
    harness.get_by_label("Friday 13 March 2026: full routine");
    // Calm log, answered check-in: no banner, no check-in.
    assert!(harness.query_by_label("Hide this message").is_none());
    assert!(harness.query_by_label("Weekly check-in").is_none());
}

#[test]
fn high_pain_after_raises_a_banner_that_can_be_hidden() {
    let mut log = calm_log();
    log.put_session(session(date(2026, 3, 16), 6, 8, None));
    let mut harness = harness(log, date(2026, 3, 16));
    harness.get_by_label("Your pain was high after your last session");
    harness.get_by_label_contains("talking to your therapist or doctor");
    harness.get_by_label("Hide this message").click();
    harness.run_steps(2);
    let prompt = match harness.state().actions.as_slice() {
        [ProgressAction::Dismiss(prompt)] => prompt.clone(),
        other => panic!("expected one Dismiss, got {other:?}"),
    };
    assert_eq!(prompt.key, "pause-after:s-2026-03-16");
    // The app hands it to the journal: the prompt's record says it was hidden.
    let now = limber::core::clock::Moment::new(
        std::time::Instant::now(),
        chrono::Utc::now(),
        chrono::FixedOffset::east_opt(0).unwrap(),
    );
    let mut journal = limber::core::journal::Journal::new(harness.state().log.clone());
    let _applied = journal
        .apply(limber::core::journal::Change::HidePrompt(prompt), now)
        .unwrap();
    harness.state_mut().log = journal.log().clone();
    harness.state_mut().revision += 1;
    harness.run_steps(2);
    assert!(
        harness
            .query_by_label("Your pain was high after your last session")
            .is_none()
    );
}

#[test]
fn hurt_twice_in_a_row_offers_to_leave_the_exercise_out() {
    let mut log = calm_log();
    log.put_session(session(date(2026, 3, 16), 5, 4, Some(Hurt::ALittle)));
    log.put_session(session(date(2026, 3, 17), 5, 4, Some(Hurt::ALittle)));
    let mut harness = harness(log, date(2026, 3, 17));
    harness.get_by_label("\"Overhead lat stretch\" hurt in your last two sessions");
    harness.get_by_label("Leave it out for now").click();
    harness.run_steps(2);
    assert_eq!(
        harness.state().actions,
        vec![ProgressAction::LeaveOutExercise("lat".to_owned())]
    );
}

#[test]
fn one_stop_because_of_pain_offers_to_leave_the_exercise_out() {
    let mut log = calm_log();
    log.put_session(session(date(2026, 3, 16), 5, 4, Some(Hurt::Stopped)));
    let mut harness = harness(log, date(2026, 3, 16));
    harness.get_by_label("You stopped \"Overhead lat stretch\" because of pain");
    harness.get_by_label("Leave it out for now").click();
    harness.run_steps(2);
    assert_eq!(
        harness.state().actions,
        vec![ProgressAction::LeaveOutExercise("lat".to_owned())]
    );
}

#[test]
fn one_hurt_session_raises_nothing() {
    let mut log = calm_log();
    log.put_session(session(date(2026, 3, 16), 5, 4, Some(Hurt::ALittle)));
    let harness = harness(log, date(2026, 3, 16));
    assert!(harness.query_by_label("Hide this message").is_none());
    harness.get_by_label("once");
}

#[test]
fn weekly_check_in_with_a_red_flag() {
    let mut log = calm_log();
    log.edit_records(|r| {
        r.check_ins.clear();
    });
    let mut harness = harness(log, date(2026, 3, 15));
    harness.get_by_label("Weekly check-in");
    harness
        .get_by_label(RedFlag::FeverAndChills.label())
        .click();
    harness.run_steps(2);
    harness.get_by_label("Save my answers").click();
    harness.run_steps(2);
    assert_eq!(
        harness.state().actions,
        vec![ProgressAction::SubmitCheckIn(vec![RedFlag::FeverAndChills])]
    );
    // The app saves it; the doctor banner follows.
    let state = harness.state_mut();
    state.log.edit_records(|r| {
        r.check_ins.push(limber::core::session::CheckIn {
            at: Utc.with_ymd_and_hms(2026, 3, 15, 10, 0, 0).unwrap(),
            local_date: date(2026, 3, 15),
            flags: vec![RedFlag::FeverAndChills],
        });
    });
    state.actions.clear();
    state.revision += 1;
    harness.run_steps(2);
    harness.get_by_label("See a doctor today or tomorrow");
    assert!(harness.query_by_label("Weekly check-in").is_none());
    harness.get_by_label("When to see a doctor").click();
    harness.run_steps(2);
    assert_eq!(
        harness.state().actions,
        vec![ProgressAction::OpenDoctorPage]
    );
}

#[test]
fn check_in_can_be_put_off() {
    let mut log = calm_log();
    log.edit_records(|r| {
        r.check_ins.clear();
    });
    let mut harness = harness(log, date(2026, 3, 15));
    harness
        .get_by_label(limber::ui::progress::CHECK_IN_NOT_NOW)
        .click();
    harness.run_steps(2);
    assert_eq!(
        harness.state().actions,
        vec![ProgressAction::DismissCheckIn]
    );
    harness.state_mut().dismissals.check_in_dismissed_on = Some(date(2026, 3, 15));
    harness.run_steps(2);
    assert!(harness.query_by_label("Weekly check-in").is_none());
}

#[test]
fn empty_log_explains_what_will_appear() {
    let mut log = SessionLog::default();
    log.edit_records(|r| {
        r.check_ins.push(limber::core::session::CheckIn {
            at: Utc.with_ymd_and_hms(2026, 3, 14, 9, 0, 0).unwrap(),
            local_date: date(2026, 3, 14),
            flags: Vec::new(),
        });
    });
    let harness = harness(log, date(2026, 3, 15));
    harness.get_by_label("Nothing to show yet");
    assert!(harness.query_by_label_contains("Current streak").is_none());
    assert!(harness.query_by_label("Pain over time").is_none());
}

#[test]
fn range_buttons_change_the_period() {
    let mut harness = harness(calm_log(), date(2026, 3, 15));
    harness.get_by_label("1 year").click();
    harness.run_steps(2);
    harness.get_by_label("Each exercise in the last year");
    // Days before the first entry plan nothing, so the figures are the same.
    harness.get_by_label("Doses done in the last year: 24 of 26 planned (92%).");
}

#[test]
fn an_exercise_three_times_a_day_done_once_counts_one_dose_of_three() {
    let mut harness = harness(calm_log(), date(2026, 3, 15));
    harness.state_mut().routine.exercises[0].dose.times_per_day = 3;
    harness.run_steps(3);
    // Four doses a day (the stretch three times, the roll once); two done on each of the
    // five days done this week, six days planned.
    harness.get_by_label("This week: 10 of 24 doses (42%)");
    harness.get_by_label("Planned: 4 doses a day (each exercise as many times a day as your routine asks); rest days plan none.");
    // The stretch: one of its three doses on each of the 12 days done.
    harness.get_by_label("12 of 39 (31%)");
    harness.get_by_label("Thursday 12 March 2026: nothing logged");
    // A full day: every exercise done at least once (adherence still counts the two missed
    // doses of the stretch).
    harness.get_by_label("Friday 13 March 2026: full routine");
}

#[test]
fn check_in_lists_signs_from_the_article_and_from_clinical_guidance() {
    let mut log = calm_log();
    log.edit_records(|r| {
        r.check_ins.clear();
    });
    let harness = harness(log, date(2026, 3, 15));
    harness.get_by_label("From the article Limber is based on");
    harness.get_by_label("Added from general clinical guidance for upper back pain");
    for flag in RedFlag::ALL {
        harness.get_by_label(flag.label());
    }
    harness.get_by_label(RedFlag::BladderOrBowelTrouble.label());
    harness.get_by_label("In an emergency, call your local emergency number.");
}

/// A session on `day` that did every exercise `followed` asks for, once, under its version.
fn did_everything(day: NaiveDate, followed: &Routine) -> Session {
    let at = Utc.from_utc_datetime(&day.and_hms_opt(8, 0, 0).unwrap());
    let mut s = Session::start(at, FixedOffset::east_opt(0).unwrap(), followed.version);
    s.id = SessionId(format!("all-{day}"));
    s.ended_at = Some(at + chrono::Duration::minutes(30));
    s.exercises = followed
        .enabled()
        .map(|e| ExerciseRecord {
            exercise_id: e.id.as_str().into(),
            name: e.name.as_str().into(),
            completion: Completion::Done,
            holds_done: 1,
            hurt: None,
            ..ExerciseRecord::default()
        })
        .collect();
    s
}

#[test]
fn the_built_in_routine_done_once_a_day_reads_85_percent_not_33() {
    let built_in = Routine::built_in().unwrap();
    let mut log = SessionLog::default();
    for offset in 0..7 {
        log.put_session(did_everything(
            date(2026, 3, 9) + Days::new(offset),
            &built_in,
        ));
    }
    let mut harness = harness(log, date(2026, 3, 15));
    harness.state_mut().routine = built_in;
    harness.state_mut().revision += 1;
    harness.run_steps(3);
    // Monday 9 to Sunday 15 March: 11 of 13 doses a day.
    harness.get_by_label("This week: 77 of 91 doses (85%)");
    // Every exercise once: a full day on the calendar, not the half square it was (issue 28).
    harness.get_by_label("Sunday 15 March 2026: full routine");
}

#[test]
fn a_routine_version_change_mid_week_plans_each_day_by_its_version() {
    let before = Routine::built_in().unwrap();
    let mut after = before.clone();
    after.version = before.version + 1;
    for exercise in &mut after.exercises {
        if exercise.id == "shrug-rotations" {
            exercise.dose.times_per_day = 1;
        }
        if exercise.id == "overhead-lat-stretch" {
            exercise.enabled = false;
        }
    }
    let mut log = SessionLog::default();
    for day in 2..=5 {
        let followed = if day < 4 { &before } else { &after };
        log.put_session(did_everything(date(2026, 3, day), followed));
    }
    let mut harness = harness(log, date(2026, 3, 5));
    harness.state_mut().routine = after;
    harness.state_mut().previous_routine = Some(before);
    harness.state_mut().revision += 1;
    harness.run_steps(3);
    // Monday 2 – Tuesday 3 March: 11 of 13 (shrugs 3×); Wednesday 4 – Thursday 5: 10 of 10
    // (shrugs once, the lat stretch switched off).
    harness.get_by_label("This week: 42 of 46 doses (91%)");
    harness.get_by_label("Tuesday 3 March 2026: full routine");
    harness.get_by_label("Wednesday 4 March 2026: full routine");
    // Without the earlier version, every day would look complete.
    harness.state_mut().previous_routine = None;
    harness.run_steps(3);
    harness.get_by_label("This week: 40 of 40 doses (100%)");
}

/// A calendar "full day" is every exercise done at least once; goes beyond the plan show as a
/// bonus in the day's words (and a plus on its square), and adherence leaves them out (issue 28).
#[test]
fn goes_beyond_the_plan_show_as_a_bonus_on_the_calendar() {
    let mut log = calm_log();
    let day = date(2026, 3, 13);
    let mut again = session(day, 4, 3, None);
    again.id = SessionId("s-again".to_owned());
    log.put_session(again);
    let harness = harness(log, date(2026, 3, 15));
    harness.get_by_label("Friday 13 March 2026: full routine, and 2 extra goes");
    harness.get_by_label("Thursday 12 March 2026: nothing logged");
    harness.get_by_label("Extra goes (a bonus)");
}

/// The chart's legend sits outside the plot with the chart key's words and shapes, the same as
/// the PDF's (issue 28): pain after is a diamond, rest days the only squares.
#[test]
fn the_chart_legend_names_every_series_outside_the_plot() {
    use limber::core::figures::chart_key;
    let harness = harness(calm_log(), date(2026, 3, 15));
    let chart = harness
        .get_by_label_contains("Chart of pain before and after")
        .rect();
    for mark in chart_key::LEGEND {
        let label = chart_key::legend_label(&mark);
        let swatch = harness.get_by_label(&format!("Legend: {label}")).rect();
        assert!(
            swatch.bottom() <= chart.top(),
            "{label}: {swatch:?} over {chart:?}"
        );
    }
}
