//! The rules of the pain-monitoring model and those that stop crying wolf, each on both sides
//! of its threshold.

use chrono::{Days, FixedOffset, NaiveDate, TimeZone as _, Utc};

use super::*;
use crate::catalog::PainModel;
use crate::figures::days::tests::{date, exercise, log, rest, routine, session};
use crate::pain_entry::PainEntry;
use crate::session::{Completion, PainScore, SessionId};

/// Monday 2 March 2026 plus `n` days.
pub(super) fn day(n: u64) -> NaiveDate {
    date(2026, 3, 2) + Days::new(n)
}

/// A session of exercise "a" on day `n` with pain before and after.
pub(super) fn rated(n: u64, before: u8, after: u8) -> Session {
    session(
        day(n),
        &[("a", Completion::Done, None)],
        Some(before),
        Some(after),
    )
}

/// Sessions on days 0, 1, 2, … with these (before, after) ratings.
fn days_of(ratings: &[(u8, u8)]) -> SessionLog {
    log(ratings
        .iter()
        .zip(0..)
        .map(|((before, after), n)| rated(n, *before, *after))
        .collect())
}

/// A "How is your back now?" rating on day `n` at `hour` UTC.
pub(super) fn entry(n: u64, hour: u32, pain: u8) -> PainEntry {
    let at = Utc.from_utc_datetime(&day(n).and_hms_opt(hour, 0, 0).unwrap());
    let mut entry = PainEntry::new(
        at,
        FixedOffset::east_opt(0).unwrap(),
        PainScore::new(pain).unwrap(),
        Vec::new(),
        "",
    );
    entry.id = SessionId(format!("entry-{n}-{hour}"));
    entry
}

fn rules(log: &SessionLog, routine: &Routine, today: NaiveDate) -> Vec<String> {
    evaluate(log, routine, today)
        .iter()
        .map(|p| p.key.split(':').next().unwrap_or_default().to_owned())
        .collect()
}

fn fires(log: &SessionLog, today: NaiveDate, rule: &str) -> bool {
    rules(log, &routine(vec![exercise("a", 1)]), today)
        .iter()
        .any(|r| r == rule)
}

#[test]
fn a_session_raises_pain_past_the_limit_once_or_to_it_twice_in_three() {
    let raised = |ratings: &[(u8, u8)]| {
        let today = day(u64::try_from(ratings.len()).unwrap() - 1);
        fires(&days_of(ratings), today, "raised-by-session")
    };
    // Two points once is within the model; three points once is past it.
    assert!(!raised(&[(3, 5)]));
    assert!(raised(&[(3, 6)]));
    assert!(raised(&[(2, 6)]));
    // Two points in two of the last three sessions, the latest one of them.
    assert!(raised(&[(3, 5), (3, 3), (3, 5)]));
    assert!(!raised(&[(3, 5), (3, 3), (3, 3), (3, 5)]), "one of three");
    assert!(
        !raised(&[(3, 5), (3, 5), (3, 3)]),
        "the latest session was fine"
    );
    // Above the highest pain after (5) and higher than before, twice: at the limit.
    assert!(raised(&[(5, 6), (5, 6)]));
    assert!(!raised(&[(4, 5), (4, 5)]), "5 is within the limit");
    assert!(!raised(&[(7, 7), (7, 7)]), "not raised by the session");
    // A session a week old no longer raises it.
    let old = days_of(&[(3, 7)]);
    assert!(fires(&old, day(6), "raised-by-session"));
    assert!(!fires(&old, day(7), "raised-by-session"));
}

#[test]
fn the_therapists_limits_drive_the_raised_by_session_rule() {
    let mut lenient = routine(vec![exercise("a", 1), exercise("b", 1)]);
    lenient.pain_model = PainModel {
        max_after: 7,
        max_rise: 3,
        ..PainModel::default()
    };
    let three = days_of(&[(3, 6)]);
    assert!(!rules(&three, &lenient, day(0)).contains(&"raised-by-session".to_owned()));
    let four = days_of(&[(3, 7)]);
    assert!(rules(&four, &lenient, day(0)).contains(&"raised-by-session".to_owned()));
    // Exercise "b" carries a stricter model: a session that includes it is held to it.
    let mut strict = routine(vec![exercise("a", 1), exercise("b", 1)]);
    if let Some(b) = strict.exercises.get_mut(1) {
        b.pain_model = Some(PainModel {
            max_rise: 0,
            ..PainModel::default()
        });
    }
    let with_b = log(vec![session(
        day(0),
        &[("a", Completion::Done, None), ("b", Completion::Done, None)],
        Some(3),
        Some(4),
    )]);
    let prompts = evaluate(&with_b, &strict, day(0));
    assert_eq!(prompts.len(), 1);
    assert!(prompts[0].message.contains("not more than 0 above"));
    let without_b = days_of(&[(3, 4)]);
    assert!(evaluate(&without_b, &strict, day(0)).is_empty());
}

#[test]
fn pain_not_settled_by_the_next_day_suggests_an_easier_day() {
    // Usual level 3: a week of 3s; yesterday a session.
    let week: Vec<(u8, u8)> = vec![(3, 3); 7];
    let with_morning = |pain: u8| {
        let mut log = days_of(&week);
        log.add_pain_entry(entry(7, 7, pain));
        log
    };
    assert_eq!(usual_level(&with_morning(5), day(7)), Some(3.0));
    assert!(fires(&with_morning(5), day(7), "easier-day"), "2 above");
    assert!(!fires(&with_morning(4), day(7), "easier-day"), "1 above");
    // Only the first rating of the day counts: 3 at 07:00, then 6 before a session at 09:00.
    let mut later_high = with_morning(3);
    later_high.upsert(rated(7, 6, 6));
    assert!(!fires(&later_high, day(7), "easier-day"));
    // No session yesterday (a rest day): not about a session settling.
    let mut rested = days_of(&week[..6]);
    rested.upsert(rest(day(6)));
    rested.add_pain_entry(entry(7, 7, 6));
    assert!(!fires(&rested, day(7), "easier-day"));
    // Fewer than three ratings in the two weeks: no usual level yet.
    let mut short = days_of(&[(3, 3), (3, 3)]);
    short.add_pain_entry(entry(2, 7, 8));
    assert_eq!(usual_level(&short, day(2)), None);
    // A therapist who expects pain to take longer to settle switches it off.
    let mut relaxed = routine(vec![exercise("a", 1)]);
    relaxed.pain_model.settles_by_next_day = false;
    assert!(!rules(&with_morning(6), &relaxed, day(7)).contains(&"easier-day".to_owned()));
}

#[test]
fn a_slow_rise_over_three_weeks_suggests_a_pause() {
    // Weeks at 2, 3, 3 and then `last`: never two points in one week.
    let slow = |last: (u8, u8)| {
        let mut ratings = vec![(2, 2); 7];
        ratings.extend([(3, 3); 14]);
        ratings.extend([last; 7]);
        days_of(&ratings)
    };
    let today = day(27);
    assert!(fires(&slow((4, 4)), today, "pause-slow-rise"), "2 → 4");
    assert!(!fires(&slow((4, 4)), today, "pause-rise"));
    // 2 → 3.5: under two points.
    assert!(!fires(&slow((4, 3)), today, "pause-slow-rise"));
    // 0 → 2 … 2: two points but mild.
    let mild = days_of(&[vec![(0, 0); 7], vec![(1, 1); 14], vec![(2, 2); 7]].concat());
    assert!(!fires(&mild, today, "pause-slow-rise"));
    // A therapist who does not watch week-on-week rises switches both rules off.
    let mut off = routine(vec![exercise("a", 1)]);
    off.pain_model.no_weekly_rise = false;
    let shown = rules(&slow((5, 5)), &off, today);
    assert!(!shown.iter().any(|r| r.starts_with("pause-")), "{shown:?}");
    assert!(
        rules(&slow((5, 5)), &routine(vec![exercise("a", 1)]), today)
            .contains(&"pause-rise".to_owned())
    );
}

#[test]
fn a_very_high_rating_between_sessions_brings_the_warning_signs() {
    let mut eight = SessionLog::default();
    eight.add_pain_entry(entry(0, 15, 8));
    let prompts = evaluate(&eight, &routine(vec![exercise("a", 1)]), day(0));
    assert_eq!(prompts.len(), 1);
    assert_eq!(prompts[0].kind, PromptKind::SeeDoctor { flags: Vec::new() });
    assert!(prompts[0].message.contains("warning signs"));
    assert!(fires(&eight, day(6), "doctor-high-rating"));
    assert!(!fires(&eight, day(7), "doctor-high-rating"), "a week later");
    let mut seven = SessionLog::default();
    seven.add_pain_entry(entry(0, 15, 7));
    assert!(!fires(&seven, day(0), "doctor-high-rating"));
    // A later, lower rating is the latest word.
    eight.add_pain_entry(entry(0, 18, 3));
    assert!(!fires(&eight, day(0), "doctor-high-rating"));
    // Pain after a session of 8 is a session rating, not one between sessions.
    assert!(!fires(&days_of(&[(8, 8)]), day(0), "doctor-high-rating"));
}

#[test]
fn no_improvement_six_weeks_into_a_routine_version_suggests_a_review() {
    let flat = |pain: u8| days_of(&[(pain, pain); 42]);
    assert!(!fires(&flat(5), day(41), "review-routine"), "day 41");
    assert!(fires(&flat(5), day(42), "review-routine"), "six weeks");
    // Mild pain that stays mild is no reason to change the routine.
    assert!(!fires(&flat(3), day(42), "review-routine"));
    // 5 → 4 (one point, 20 %) is short of the change that matters; 5 → 3.5 is not.
    let to = |last: Vec<(u8, u8)>| {
        let mut ratings = vec![(5, 5); 35];
        ratings.extend(last);
        days_of(&ratings)
    };
    assert!(fires(&to(vec![(4, 4); 7]), day(42), "review-routine"));
    assert!(!fires(&to(vec![(4, 3); 7]), day(42), "review-routine"));
    // The clock starts again with a new routine version.
    let mut newer = flat(5);
    for s in newer.sessions.iter_mut().skip(20) {
        s.routine_version = 2;
    }
    let mut second = routine(vec![exercise("a", 1)]);
    second.version = 2;
    assert!(!rules(&newer, &second, day(42)).contains(&"review-routine".to_owned()));
    assert!(rules(&newer, &second, day(62)).contains(&"review-routine".to_owned()));
}

#[test]
fn pain_that_eased_during_a_session_is_not_a_reason_to_pause() {
    let r = routine(vec![exercise("a", 1)]);
    let helped = days_of(&[(8, 7)]);
    let prompts = evaluate(&helped, &r, day(0));
    assert_eq!(rules(&helped, &r, day(0)), vec!["eased-after"]);
    assert_eq!(prompts[0].kind, PromptKind::Note);
    assert!(prompts[0].message.contains("seems to have helped"));
    assert_eq!(rules(&days_of(&[(7, 7)]), &r, day(0)), vec!["pause-after"]);
    assert_eq!(rules(&days_of(&[(6, 7)]), &r, day(0)), vec!["pause-after"]);
}

#[test]
fn stayed_high_needs_four_rated_days_in_each_week() {
    // High every day from day 0: the week before has 4 rated days from day 10.
    let high = days_of(&[(7, 7); 14]);
    assert!(!fires(&high, day(7), "doctor-high"), "day 8");
    assert!(!fires(&high, day(9), "doctor-high"));
    assert!(fires(&high, day(10), "doctor-high"));
    // Two ratings a week apart.
    let mut apart = SessionLog::default();
    apart.add_pain_entry(entry(0, 9, 7));
    apart.add_pain_entry(entry(7, 9, 7));
    assert!(evaluate(&apart, &routine(vec![exercise("a", 1)]), day(7)).is_empty());
}

#[test]
fn the_rising_pain_prompt_says_doctor_as_the_flat_high_one_does() {
    let rising = days_of(&[vec![(4, 4); 7], vec![(5, 5); 7], vec![(7, 7); 7]].concat());
    let prompts = evaluate(&rising, &routine(vec![exercise("a", 1)]), day(20));
    let doctor = prompts
        .iter()
        .find(|p| p.key.starts_with("doctor-rising"))
        .unwrap();
    assert!(doctor.message.contains("please talk to a doctor"));
    assert!(!doctor.message.contains("therapist or doctor"));
}

/// A PGIC answered on day `n` (10:00 UTC).
pub(super) fn pgic(n: u64, answers: crate::measures::Answers) -> crate::measures::MeasureResponse {
    let at = Utc.from_utc_datetime(&day(n).and_hms_opt(10, 0, 0).unwrap());
    let log = SessionLog::default();
    let mut response =
        crate::measures::MeasureResponse::new(&log, answers, at, FixedOffset::east_opt(0).unwrap())
            .unwrap();
    response.id = SessionId(format!("pgic-{n}"));
    response
}

#[test]
fn a_worse_pgic_answer_asks_to_talk_to_the_therapist_until_the_next_is_due() {
    use crate::measures::{Answers, PgicAnswer, PgicChange};
    let with = |answers: Answers| {
        let mut log = days_of(&[(3, 3); 20]);
        log.measures.push(pgic(5, answers));
        log
    };
    // 4 "No Change" is not worse; 5 "Minimally Worse" is, and so is 7.
    let flat = with(Answers::PgicTwoSided(PgicChange::NoChange));
    assert!(!fires(&flat, day(5), "pgic-worse"));
    let worse = with(Answers::PgicTwoSided(PgicChange::MinimallyWorse));
    assert!(
        !fires(&worse, day(4), "pgic-worse"),
        "not before it is answered"
    );
    assert!(fires(&worse, day(5), "pgic-worse"));
    let prompt = evaluate(&worse, &routine(vec![exercise("a", 1)]), day(5))
        .into_iter()
        .find(|p| p.key.starts_with("pgic-worse"))
        .unwrap();
    assert_eq!(prompt.kind, PromptKind::Note, "calm, not urgent");
    assert!(prompt.message.contains("Minimally Worse") && prompt.message.contains("therapist"));
    assert!(fires(
        &with(Answers::PgicTwoSided(PgicChange::VeryMuchWorse)),
        day(5),
        "pgic-worse"
    ));
    // Shown for 14 days, today included: days 5 to 18.
    assert!(fires(&worse, day(18), "pgic-worse"));
    assert!(!fires(&worse, day(19), "pgic-worse"));
    // A later answer that is not worse is the latest word.
    let mut better = worse.clone();
    better.measures.push(pgic(
        12,
        Answers::PgicTwoSided(PgicChange::MinimallyImproved),
    ));
    assert!(!fires(&better, day(12), "pgic-worse"));
    // The one-sided scale has no "worse" of its own: its lowest answer never raises it.
    let one_sided = with(Answers::Pgic(PgicAnswer::NoChangeOrWorse));
    assert!(!fires(&one_sided, day(5), "pgic-worse"));
}

#[test]
fn a_pgic_of_no_change_or_worse_at_six_weeks_suggests_a_review() {
    use crate::measures::{Answers, PgicAnswer, PgicChange};
    // Mild pain (no review on pain alone), and a PGIC on day 30.
    let with = |answers: Answers| {
        let mut log = days_of(&[(2, 2); 42]);
        log.measures.push(pgic(30, answers));
        log
    };
    let flat = with(Answers::PgicTwoSided(PgicChange::NoChange));
    assert!(!fires(&flat, day(41), "review-routine"), "day 41");
    assert!(fires(&flat, day(42), "review-routine"));
    assert!(!fires(
        &with(Answers::PgicTwoSided(PgicChange::MinimallyImproved)),
        day(42),
        "review-routine"
    ));
    // On the one-sided scale "no change or worse" is its 1, and 2 is not.
    assert!(fires(
        &with(Answers::Pgic(PgicAnswer::NoChangeOrWorse)),
        day(42),
        "review-routine"
    ));
    assert!(!fires(
        &with(Answers::Pgic(PgicAnswer::AboutTheSame)),
        day(42),
        "review-routine"
    ));
}
