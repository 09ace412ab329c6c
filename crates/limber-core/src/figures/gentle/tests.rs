use super::*;
use crate::catalog::{Category, Variant};
use crate::figures::days::tests::{date, log, routine as routine_of, session};
use crate::figures::{Plan, adherence};
use crate::session::{Completion, Hurt};

fn dose_of(sets: u32, hold_secs: u32, times_per_day: u32) -> Dose {
    Dose {
        sets,
        reps: 6,
        hold_secs,
        rest_secs: 10,
        per_side: true,
        times_per_day,
    }
}

fn easier(ask_therapist_first: bool) -> Variant {
    Variant {
        name: "smaller range".into(),
        change: "Move only as far as is easy.".into(),
        steps: vec!["Move a little.".into()],
        step_changes: Vec::new(),
        dose: Some(dose_of(2, 30, 1)),
        illustration: None,
        ask_therapist_first,
    }
}

fn with_easier(id: &str, dose: Dose, ask_therapist_first: bool) -> Exercise {
    Exercise {
        steps: vec!["Move fully.".into()],
        easier: vec![easier(ask_therapist_first)],
        ..Exercise::new(id, id, Category::Mobility, dose)
    }
}

fn done(id: &str) -> (&str, Completion, Option<Hurt>) {
    (id, Completion::Done, None)
}

#[test]
fn one_set_fewer_but_never_fewer_than_one() {
    assert_eq!(dose(dose_of(3, 30, 1)).sets, 2);
    assert_eq!(dose(dose_of(2, 30, 1)).sets, 1);
    assert_eq!(
        dose(dose_of(1, 30, 1)).sets,
        1,
        "a 1-set exercise stays at 1"
    );
}

#[test]
fn holds_are_about_two_thirds_rounded_to_five_seconds() {
    let hold = |secs| dose(dose_of(1, secs, 1)).hold_secs;
    assert_eq!(hold(60), 40);
    assert_eq!(hold(45), 30);
    assert_eq!(hold(30), 20);
    assert_eq!(hold(20), 15, "13.3 s rounds to 15 s");
    assert_eq!(hold(15), 10);
}

#[test]
fn holds_never_go_below_the_floor_nor_above_the_routine_s() {
    let hold = |secs| dose(dose_of(1, secs, 1)).hold_secs;
    assert_eq!(hold(10), MIN_HOLD_SECS, "6.7 s rounds to the floor");
    assert_eq!(hold(6), MIN_HOLD_SECS, "4 s is raised to the floor");
    assert_eq!(hold(5), 5);
    assert_eq!(hold(4), 4, "a hold under the floor is never lengthened");
    assert_eq!(hold(3), 3);
    for secs in 1..=300 {
        let gentle = hold(secs);
        assert!(gentle <= secs, "{secs} s became {gentle} s");
        assert!(
            gentle >= MIN_HOLD_SECS.min(secs),
            "{secs} s became {gentle} s"
        );
    }
}

#[test]
fn once_a_day_and_the_rest_of_the_dose_as_it_was() {
    let usual = dose_of(3, 30, 3);
    let gentle = dose(usual);
    assert_eq!(gentle.times_per_day, TIMES_PER_DAY);
    assert_eq!(dose(dose_of(3, 30, 1)).times_per_day, 1);
    assert_eq!(
        (gentle.reps, gentle.rest_secs, gentle.per_side),
        (usual.reps, usual.rest_secs, usual.per_side),
        "reps, rest and sides unchanged"
    );
}

#[test]
fn the_first_easier_version_where_the_routine_lists_one() {
    let listed = with_easier("a", dose_of(3, 45, 1), false);
    assert_eq!(version(&listed, Version::STANDARD), Version::EASIER);
    assert_eq!(version(&listed, Version::HARDER), Version::EASIER);
    assert_eq!(
        version(&listed, Version::at_level(-2)),
        Version::at_level(-2),
        "already easier stays"
    );
    let gentle = exercise(&listed, Version::STANDARD);
    assert_eq!(
        gentle.steps,
        ["Move a little."],
        "the easier version's steps"
    );
    // The easier version's own dose (2 × 30 s), made gentle.
    assert_eq!((gentle.dose.sets, gentle.dose.hold_secs), (1, 20));
}

#[test]
fn an_exercise_without_an_easier_version_keeps_its_own_at_the_gentle_dose() {
    let plain = Exercise {
        steps: vec!["Move fully.".into()],
        ..Exercise::new("b", "b", Category::Mobility, dose_of(2, 45, 3))
    };
    assert_eq!(version(&plain, Version::STANDARD), Version::STANDARD);
    let gentle = exercise(&plain, Version::STANDARD);
    assert_eq!(gentle.steps, plain.steps);
    assert_eq!(
        (
            gentle.dose.sets,
            gentle.dose.hold_secs,
            gentle.dose.times_per_day
        ),
        (1, 30, 1)
    );
}

#[test]
fn an_easier_version_that_asks_for_the_therapist_is_never_chosen() {
    let asks = with_easier("c", dose_of(2, 30, 1), true);
    assert_eq!(version(&asks, Version::STANDARD), Version::STANDARD);
    assert_eq!(exercise(&asks, Version::STANDARD).steps, ["Move fully."]);
}

#[test]
fn the_built_in_routine_made_gentle() {
    let built_in = Routine::built_in().unwrap();
    let gentle = routine(&built_in, &SessionLog::default(), date(2027, 1, 5));
    let crab = gentle.exercise("crab-pose").unwrap();
    let usual = built_in.exercise("crab-pose").unwrap();
    assert_eq!(crab.steps, usual.as_version(Version::EASIER).steps);
    for (g, u) in gentle.exercises.iter().zip(&built_in.exercises) {
        assert!(g.dose.sets <= u.dose_of(version(u, Version::STANDARD)).sets);
        assert!(g.dose.hold_secs <= u.dose_of(version(u, Version::STANDARD)).hold_secs);
        assert_eq!(g.dose.times_per_day, 1, "{}", u.id);
    }
    let foam = gentle.exercise("foam-roll").unwrap();
    assert_eq!(foam.dose.hold_secs, 40, "60 s becomes 40 s");
    assert_eq!(rule_lines().len(), 4);
    assert_eq!(rule_lines()[1], "One set fewer, never below one");
}

/// A day with a gentle session is done when the gentle plan is done: here each exercise once,
/// though the routine plans "a" three times a day.
#[test]
fn a_gentle_day_reads_as_done_when_its_gentle_plan_is_done() {
    let a = with_easier("a", dose_of(3, 30, 3), false);
    let b = Exercise::new("b", "b", Category::Mobility, dose_of(1, 10, 1));
    let r = routine_of(vec![a, b]);
    let usual_day = session(date(2027, 1, 4), &[done("a"), done("b")], Some(3), None);
    let before = log(vec![usual_day.clone()]);
    let yesterday_before = adherence(
        &before,
        &Plan::from_versions(&before, &r, &[]),
        date(2027, 1, 4),
        date(2027, 1, 4),
    );
    assert_eq!((yesterday_before.done, yesterday_before.planned), (2, 4));

    let mut gentle_day = session(date(2027, 1, 5), &[done("a"), done("b")], Some(7), None);
    gentle_day.gentle = true;
    let with_gentle = log(vec![usual_day.clone(), gentle_day.clone()]);
    let plan = Plan::from_versions(&with_gentle, &r, &[]);
    let day = adherence(&with_gentle, &plan, date(2027, 1, 5), date(2027, 1, 5));
    assert_eq!((day.done, day.planned), (2, 2), "the gentle plan done");
    assert_eq!(day.percent(), Some(100));
    assert_eq!(
        adherence(&with_gentle, &plan, date(2027, 1, 4), date(2027, 1, 4)),
        yesterday_before,
        "the day before is unchanged"
    );
    assert_eq!(
        plan.on(date(2027, 1, 6)).doses(),
        4,
        "the day after plans as usual"
    );

    // Less than the gentle plan is not done.
    let mut part = session(date(2027, 1, 5), &[done("a")], Some(7), None);
    part.gentle = true;
    let less = log(vec![usual_day.clone(), part]);
    let plan = Plan::from_versions(&less, &r, &[]);
    let day = adherence(&less, &plan, date(2027, 1, 5), date(2027, 1, 5));
    assert_eq!((day.done, day.planned), (1, 2));

    // The same exercises on a usual day read as part of the plan.
    let mut usual = gentle_day;
    usual.gentle = false;
    let usual_log = log(vec![usual_day, usual]);
    let plan = Plan::from_versions(&usual_log, &r, &[]);
    let day = adherence(&usual_log, &plan, date(2027, 1, 5), date(2027, 1, 5));
    assert_eq!((day.done, day.planned), (2, 4));
    assert!(!is_gentle_day(&usual_log, date(2027, 1, 5)));
}

#[test]
fn the_brief_line_counts_gentle_sessions_and_names_their_days() {
    let gentle_on = |day: NaiveDate, n: usize| {
        let mut s = session(day, &[], None, None);
        s.id = crate::session::SessionId(format!("{day}-{n}"));
        s.gentle = true;
        s
    };
    let sessions = vec![
        gentle_on(date(2026, 12, 30), 0),
        gentle_on(date(2027, 1, 12), 0),
        gentle_on(date(2027, 1, 12), 1),
        gentle_on(date(2027, 1, 15), 0),
        gentle_on(date(2027, 1, 20), 0),
    ];
    let all = log(sessions);
    assert_eq!(
        brief_line(&all, date(2027, 1, 1), date(2027, 1, 31)).as_deref(),
        Some("Gentler sessions: 4 (12, 15, 20 Jan)")
    );
    assert_eq!(
        brief_line(&all, date(2026, 12, 1), date(2027, 1, 14)).as_deref(),
        Some("Gentler sessions: 3 (30 Dec; 12 Jan)")
    );
    assert_eq!(brief_line(&all, date(2027, 2, 1), date(2027, 2, 28)), None);
}
