//! A gentler session, by label: from the high-pain line and from Today's button, the rule
//! shown before it starts, the guided timer at the gentle hold, the session marked gentle in
//! the log and in History, and the day's adherence read against the gentle plan.
#![expect(
    clippy::unwrap_used,
    reason = "a test should stop loudly at the first surprise"
)]

mod common;

use std::time::Duration;

use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use limber::core::catalog::Version;
use limber::core::figures::gentle;
use limber::core::figures::{Plan, adherence};
use limber::ui::app::LimberApp;
use limber::ui::clock::ManualClock;

/// The countdown's seconds, read from its label ("Time left 0:39").
fn seconds_left(harness: &Harness<'static, LimberApp>) -> Option<u64> {
    let label = harness
        .query_by(|node| {
            node.label()
                .is_some_and(|label| label.starts_with("Time left"))
        })
        .and_then(|node| node.accesskit_node().label())?;
    let (minutes, seconds) = label.strip_prefix("Time left ")?.split_once(':')?;
    Some(minutes.parse::<u64>().ok()? * 60 + seconds.parse::<u64>().ok()?)
}

/// Clicks `label` and lets a dialog it opens or closes finish fading.
fn click(harness: &mut Harness<'static, LimberApp>, label: &str) {
    harness.get_by_label(label).click();
    harness.run_steps(10);
}

/// The rule is on screen, each line of it as the core words it.
fn assert_rule_shown(harness: &Harness<'static, LimberApp>) {
    assert!(harness.state().dialogs.gentle_rule, "the rule is open");
    // The dialog's name and its heading.
    assert_eq!(
        harness
            .query_all_by_label(limber::ui::gentle::TITLE)
            .count(),
        2
    );
    harness.get_by_label("What changes today:");
    for line in gentle::rule_lines() {
        harness.get_by_label(&format!("\u{2022}  {line}"));
    }
    harness.get_by_label("Cancel");
}

/// The guided routine says it is gentler, and the foam roll's one-minute holds are 40 s: past
/// the 3 s get-ready, the timer counts down from 40 s.
fn assert_gentle_hold(harness: &mut Harness<'static, LimberApp>, clock: &ManualClock) {
    harness.get_by_label("Gentler session");
    harness.get_by_label("3 \u{d7} 40 s");
    clock.advance(Duration::from_secs(4));
    harness.run_steps(2);
    let left = seconds_left(harness).unwrap();
    assert!((35..=40).contains(&left), "a 40 s hold, {left} s left");
}

#[test]
fn a_gentle_session_from_the_high_pain_line_runs_the_gentle_doses_and_counts_as_done() {
    let (app, fixture) = common::fresh_app();
    let mut harness = common::app_harness(app);
    harness.run_steps(2);
    click(&mut harness, "Start routine");
    click(&mut harness, "Pain before 8");
    harness.get_by_label("Your pain is high before you start");
    harness.get_by_label("Rest today");
    harness.get_by_label("Start anyway");

    // The rule first; nothing has started.
    click(&mut harness, "Gentler session today");
    assert_rule_shown(&harness);
    assert!(!harness.state().current_session().unwrap().gentle);
    click(&mut harness, "Start gentler session");
    assert!(harness.query_by_label("Start gentler session").is_none());
    let session = harness.state().current_session().unwrap();
    assert!(session.gentle, "the session is marked gentle");
    assert_eq!(
        session
            .pain_before
            .map(limber::core::session::PainScore::value),
        Some(8)
    );
    assert!(harness.state().practice.guided.is_some());
    assert_gentle_hold(&mut harness, &fixture.clock);

    // Through the routine to the end, then saved.
    for _ in 0..20 {
        if harness.query_by_label("Save session").is_some() {
            break;
        }
        click(&mut harness, "Done");
    }
    click(&mut harness, "Save session");
    let app = harness.state();
    let today = app.now().local_date();
    let sessions: Vec<_> = app.log().on_date(today).collect();
    assert_eq!(sessions.len(), 1);
    let session = sessions[0];
    assert!(session.gentle && session.ended_at.is_some());
    let crab = session.record("crab-pose").unwrap();
    assert_eq!(crab.version, Version::EASIER, "done in its easier version");
    assert_eq!(session.done_count(), app.routine.enabled().count());

    // Adherence reads the day as done against the gentle plan (the shrugs once, not three
    // times), and the plan of the day after is the usual one.
    let plan = Plan::from_versions(app.log(), &app.routine, &[]);
    let day = adherence(app.log(), &plan, today, today);
    assert_eq!(day.done, day.planned);
    assert_eq!(day.percent(), Some(100));
    let usual = Plan::from(&app.routine).on(today).doses();
    assert!(
        day.planned < usual,
        "{} gentle doses of {usual}",
        day.planned
    );
    assert_eq!(plan.on(today.succ_opt().unwrap()).doses(), usual);
    let row = limber::ui::history::row_text(session);
    assert!(row.contains("Gentle"), "{row}");

    // History marks it.
    if harness.query_by_label("Done").is_some() {
        click(&mut harness, "Done");
    }
    click(&mut harness, "History");
    harness.get_by_label(&row);
}

#[test]
fn a_gentle_session_from_today_s_button_asks_pain_first_and_can_be_cancelled() {
    let (app, fixture) = common::fresh_app();
    let mut harness = common::app_harness(app);
    harness.run_steps(2);

    // Escape and Cancel close the rule; nothing is logged.
    click(&mut harness, "Gentler session today");
    assert_rule_shown(&harness);
    harness.key_press(egui::Key::Escape);
    harness.run_steps(10);
    assert!(harness.query_by_label("Start gentler session").is_none());
    click(&mut harness, "Gentler session today");
    click(&mut harness, "Cancel");
    assert!(harness.query_by_label("Start gentler session").is_none());
    assert!(harness.state().log().sessions().is_empty());

    // Started: the pain question comes first, then the gentle routine runs.
    click(&mut harness, "Gentler session today");
    click(&mut harness, "Start gentler session");
    harness.get_by_label("How is your back right now?");
    assert!(harness.state().current_session().unwrap().gentle);
    click(&mut harness, "Pain before 3");
    assert_gentle_hold(&mut harness, &fixture.clock);

    // Back on Today the day says it is gentle, and the offer is gone.
    click(&mut harness, "Leave routine");
    harness.get_by_label(limber::ui::gentle::DAY_NOTE);
    assert!(harness.query_by_label("Gentler session today").is_none());
}
