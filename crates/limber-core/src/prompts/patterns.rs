//! The rules run day by day over logs a real person could produce: for each pattern, exactly
//! which prompts each day shows. README ("Safety prompts, day by day") carries the same table in
//! words; keep the two in step.

use std::collections::BTreeSet;

use super::rule_edges::{day, entry, pgic, rated};
use super::*;
use crate::catalog::PainModel;
use crate::figures::days::tests::{exercise, rest, routine, session};
use crate::measures::{Answers, MeasureResponse, PgicChange};
use crate::pain_entry::PainEntry;
use crate::session::{CheckIn, Completion, SignAnswer, SignEvent, SignRecord};
use chrono::{Offset as _, TimeZone as _};

/// One patient pattern: what was logged on which day, and which prompts show on which days.
struct Pattern {
    name: &'static str,
    /// Days 0 to `days - 1` are evaluated (day 0 is Monday 2 March 2026).
    days: u64,
    routine: Routine,
    sessions: Vec<Session>,
    entries: Vec<PainEntry>,
    /// Outcome-measure check-ins (the PGIC).
    measures: Vec<MeasureResponse>,
    /// Weekly check-ins and warning-sign records (ticked on any day, answered).
    check_ins: Vec<CheckIn>,
    signs: Vec<SignRecord>,
    /// The day the person answered "I have seen my doctor" on the doctor prompt shown then.
    seen_doctor_on: Option<u64>,
    /// (rule, first day, last day): the rule's prompt shows on those days and no others.
    shows: Vec<(&'static str, u64, u64)>,
}

fn rated_with(n: u64, before: u8, after: u8, hurt: Option<Hurt>) -> Session {
    session(
        day(n),
        &[("a", Completion::Done, hurt)],
        Some(before),
        Some(after),
    )
}

/// Sessions on the days `from..to`, each with the same ratings.
fn daily(from: u64, to: u64, before: u8, after: u8) -> Vec<Session> {
    (from..to).map(|n| rated(n, before, after)).collect()
}

fn plain() -> Routine {
    routine(vec![exercise("a", 1)])
}

fn pattern(
    name: &'static str,
    days: u64,
    sessions: Vec<Session>,
    shows: Vec<(&'static str, u64, u64)>,
) -> Pattern {
    Pattern {
        name,
        days,
        routine: plain(),
        sessions,
        entries: Vec::new(),
        measures: Vec::new(),
        check_ins: Vec::new(),
        signs: Vec::new(),
        seen_doctor_on: None,
        shows,
    }
}

/// The moment at 10:00 UTC on day `n`.
fn morning(n: u64) -> chrono::DateTime<chrono::Utc> {
    chrono::Utc.from_utc_datetime(&day(n).and_hms_opt(10, 0, 0).unwrap_or_default())
}

/// A weekly check-in on day `n` with `flags` ticked.
fn weekly(n: u64, flags: Vec<RedFlag>) -> CheckIn {
    CheckIn {
        at: morning(n),
        local_date: day(n),
        flags,
    }
}

/// A sign record made on day `n` (in UTC).
fn sign(n: u64, event: SignEvent) -> SignRecord {
    SignRecord::new(morning(n), chrono::Utc.fix(), event)
}

#[expect(clippy::too_many_lines, reason = "one table: a pattern a paragraph")]
fn patterns() -> Vec<Pattern> {
    let mut list = vec![
        // 1. The session raises pain by 3 every day for six weeks: a prompt every day, and at
        // six weeks (day 42) a review, since pain has not improved.
        pattern(
            "3 → 6 every day for six weeks",
            43,
            daily(0, 42, 3, 6),
            vec![("raised-by-session", 0, 42), ("review-routine", 42, 42)],
        ),
        // 2. One jump of 4 points in one session, the next day back to normal.
        pattern(
            "a 2 → 6 jump once",
            21,
            [
                daily(0, 14, 2, 2),
                vec![rated(14, 2, 6)],
                daily(15, 21, 2, 2),
            ]
            .concat(),
            vec![("raised-by-session", 14, 14)],
        ),
        // 4. A point a week from 2 to 5, then staying at 5: the slow rise, from the day the
        // 7-day average is 2 points above three weeks earlier until it no longer is.
        pattern(
            "pain rising a point a week from 2 to 5, then staying",
            42,
            [
                daily(0, 7, 2, 2),
                daily(7, 14, 3, 3),
                daily(14, 21, 4, 4),
                daily(21, 42, 5, 5),
            ]
            .concat(),
            vec![("pause-slow-rise", 21, 34)],
        ),
        // 5. Pain 8 before and 7 after: the session helped (a note, no "consider pausing");
        // pain has stayed high, with four rated days in the first week from day 10.
        pattern(
            "8 before, 7 after",
            14,
            daily(0, 14, 8, 7),
            vec![("eased-after", 0, 13), ("doctor-high", 10, 13)],
        ),
        // 7. Steadily better, a point a week: nothing, and no review at six weeks.
        pattern(
            "steady improvement",
            43,
            [
                daily(0, 7, 6, 5),
                daily(7, 14, 5, 4),
                daily(14, 21, 4, 3),
                daily(21, 28, 3, 2),
                daily(28, 42, 2, 1),
            ]
            .concat(),
            vec![],
        ),
        // 8. Flat, mild pain: nothing, not even the review.
        pattern("flat low pain", 43, daily(0, 42, 2, 2), vec![]),
        // 9. One bad session: high after, and raised by 4: both on that day only.
        pattern(
            "a single bad day",
            21,
            [
                daily(0, 10, 3, 3),
                vec![rated(10, 3, 7)],
                daily(11, 21, 3, 3),
            ]
            .concat(),
            vec![("pause-after", 10, 10), ("raised-by-session", 10, 10)],
        ),
        // 10. A week of rest between two weeks of sessions: nothing.
        pattern(
            "a rest week",
            21,
            [
                daily(0, 7, 3, 3),
                (7..14).map(|n| rest(day(n))).collect(),
                daily(14, 21, 3, 3),
            ]
            .concat(),
            vec![],
        ),
        // 11. Two points in two of three sessions: on the third, not after a calm one.
        pattern(
            "raised by 2 in two of three sessions",
            5,
            vec![
                rated(0, 3, 5),
                rated(1, 3, 3),
                rated(2, 3, 5),
                rated(3, 3, 3),
                rated(4, 3, 3),
            ],
            vec![("raised-by-session", 2, 2)],
        ),
        // 12. Above the limit of 5 after, and higher than before, twice running.
        pattern(
            "6 after, above the limit of 5, twice",
            3,
            vec![rated(0, 5, 6), rated(1, 5, 6), rated(2, 5, 5)],
            vec![("raised-by-session", 1, 1)],
        ),
        // 14. High after a session that did not ease it.
        pattern(
            "7 before, 7 after, once",
            3,
            [vec![rated(0, 7, 7)], daily(1, 3, 3, 3)].concat(),
            vec![("pause-after", 0, 0)],
        ),
        // 15. A sudden rise from 2 to 4: the first ratings at 4 are 2 above the usual level
        // (not settled) until the usual level catches up; the week-on-week rise once the
        // 7-day average reaches 4.
        pattern(
            "a sudden rise from 2 to 4",
            14,
            [daily(0, 7, 2, 2), daily(7, 14, 4, 4)].concat(),
            vec![("easier-day", 7, 13), ("pause-rise", 13, 13)],
        ),
        // 16. "Hurt a little" twice running: leave it out, until done without pain.
        pattern(
            "an exercise that hurt twice",
            4,
            vec![
                rated(0, 3, 3),
                rated_with(1, 3, 3, Some(Hurt::ALittle)),
                rated_with(2, 3, 3, Some(Hurt::ALittle)),
                rated(3, 3, 3),
            ],
            vec![("leave-out", 2, 2)],
        ),
        // 17. Moderate pain that does not change: the calm review at six weeks.
        pattern(
            "moderate pain, no change in six weeks",
            43,
            daily(0, 42, 5, 5),
            vec![("review-routine", 42, 42)],
        ),
    ];
    // 3. A single 10/10 "How is your back now?": the warning-signs line for a week, unless a
    // later rating is lower.
    let mut single_ten = pattern(
        "a single 10/10 between sessions",
        14,
        daily(0, 14, 3, 3),
        vec![("doctor-high-rating", 5, 11)],
    );
    single_ten.entries = vec![entry(5, 15, 10)];
    list.push(single_ten);
    // 6. Two ratings of 7 a week apart: nothing ("stayed high" needs rated days).
    let mut apart = pattern("two ratings a week apart", 10, Vec::new(), vec![]);
    apart.entries = vec![entry(0, 9, 7), entry(7, 9, 7)];
    list.push(apart);
    // 13. The therapist allows 4 points and up to 7: 3 → 6 every day stays within the limits.
    let mut lenient = pattern(
        "3 → 6 within the therapist's limits",
        14,
        daily(0, 14, 3, 6),
        vec![],
    );
    lenient.routine.pain_model = PainModel {
        max_after: 7,
        max_rise: 4,
        ..PainModel::default()
    };
    list.push(lenient);
    // 18. Not settled the next morning: a session raises pain by 2 (within the limits), and
    // the next morning's rating is 3 above the usual level.
    let mut unsettled = pattern(
        "pain not settled the morning after",
        14,
        [
            daily(0, 10, 3, 3),
            vec![rated(10, 3, 5)],
            daily(11, 14, 3, 3),
        ]
        .concat(),
        vec![("easier-day", 11, 11)],
    );
    unsettled.entries = vec![entry(11, 7, 6)];
    list.push(unsettled);
    // 19. Mild pain, and a two-sided PGIC of "Minimally Worse" on day 14: the prompt to talk to
    // the therapist for two weeks, until the next PGIC is due.
    let mut worse = pattern(
        "a PGIC of worse",
        35,
        daily(0, 35, 2, 2),
        vec![("pgic-worse", 14, 27)],
    );
    worse.measures = vec![pgic(14, Answers::PgicTwoSided(PgicChange::MinimallyWorse))];
    list.push(worse);
    // 20. Mild pain, a PGIC of "No Change" on day 28: no prompt then, the review at six weeks
    // (pain alone, staying mild, would not bring it).
    let mut unchanged = pattern(
        "mild pain, a PGIC of no change",
        43,
        daily(0, 42, 2, 2),
        vec![("review-routine", 42, 42)],
    );
    unchanged.measures = vec![pgic(28, Answers::PgicTwoSided(PgicChange::NoChange))];
    list.push(unchanged);
    list.extend(sign_patterns());
    list.extend(doctor_rest_patterns());
    list
}

/// The rest after "I have seen my doctor": four weeks, unless the 7-day average rises another
/// two points above the day of the answer.
fn doctor_rest_patterns() -> Vec<Pattern> {
    // 19. Pain stays high; the person sees their doctor on day 12 (the second day the prompt
    // shows). It rests from that day until day 39 and shows again on day 40, four weeks on.
    let mut seen = pattern(
        "stayed high, then \"I have seen my doctor\"",
        45,
        daily(0, 45, 8, 7),
        vec![
            ("eased-after", 0, 44),
            ("doctor-high", 10, 11),
            ("doctor-high", 40, 44),
            ("review-routine", 42, 44),
        ],
    );
    seen.seen_doctor_on = Some(12);
    // 20. Seen on day 12 at an average of 6; pain goes to 8 from day 14 (the pain and rise
    // prompts show as they would). On day 19 the average is 7.7 and the doctor prompts rest;
    // on day 20 it is 8.0, two points above the answer day's: they show again at once, as
    // "high and rising" while the three weekly averages climb, then "stayed high".
    let mut rises = pattern(
        "seen the doctor, then pain rises another 2 points",
        30,
        [daily(0, 14, 6, 6), daily(14, 30, 8, 8)].concat(),
        vec![
            ("doctor-high", 10, 11),
            ("easier-day", 14, 20),
            ("pause-after", 14, 29),
            ("doctor-high", 20, 20),
            ("pause-rise", 20, 20),
            ("doctor-rising", 21, 26),
            ("pause-slow-rise", 21, 29),
            ("doctor-high", 27, 29),
        ],
    );
    rises.seen_doctor_on = Some(12);
    vec![seen, rises]
}

/// The record of a doctor prompt answered "I have seen my doctor" on `on`.
fn seen_my_doctor(on: NaiveDate) -> crate::prompt_record::PromptRecord {
    use crate::prompt_record::{Answered, PromptAnswer, PromptLevel, PromptRecord};
    let shown_at =
        chrono::TimeZone::from_utc_datetime(&chrono::Utc, &on.and_hms_opt(12, 0, 0).unwrap());
    PromptRecord {
        key: format!("doctor-high:{}", iso_week_key(on)),
        level: PromptLevel::SeeDoctor,
        title: "Your pain has stayed high for two weeks".into(),
        shown_at,
        utc_offset_secs: 0,
        local_date: on,
        hidden_on: None,
        answered: Some(Answered {
            answer: PromptAnswer::SeenMyDoctor,
            on,
        }),
        from_closed_file: false,
    }
}

/// The warning signs, recorded when they happen and answered.
fn sign_patterns() -> Vec<Pattern> {
    // 19. Fever ticked on a Tuesday from "Something new or worrying?" (the weekly check-in was
    // answered the day before, so none is due), then a clear weekly check-in on day 7: the
    // prompt stays; "I have seen a doctor about this" on day 10 ends it.
    let mut tuesday = pattern(
        "a sign ticked on a Tuesday, a clear check-in, then a doctor",
        14,
        daily(0, 14, 2, 2),
        vec![("doctor-flags", 1, 9)],
    );
    tuesday.check_ins = vec![weekly(0, Vec::new()), weekly(7, Vec::new())];
    tuesday.signs = vec![
        sign(1, SignEvent::Reported(vec![RedFlag::FeverAndChills])),
        sign(
            10,
            SignEvent::Answered(RedFlag::FeverAndChills, SignAnswer::SeenDoctor),
        ),
    ];
    // 20. A history item ticked in the weekly check-in, then "My doctor knows about this" on
    // day 2: the prompt ends, and the next week's check-in does not ask (see the test below).
    let mut history = pattern(
        "a history item marked \"my doctor knows\"",
        14,
        daily(0, 14, 2, 2),
        vec![("doctor-flags", 0, 1)],
    );
    history.check_ins = vec![weekly(0, vec![RedFlag::RiskHistory]), weekly(7, Vec::new())];
    history.signs = vec![sign(
        2,
        SignEvent::Answered(RedFlag::RiskHistory, SignAnswer::DoctorKnows),
    )];
    vec![tuesday, history]
}

/// The rules each day shows for a pattern, from what was logged up to that day.
fn shown_by_day(pattern: &Pattern) -> Vec<BTreeSet<String>> {
    (0..pattern.days)
        .map(|n| {
            let today = day(n);
            let mut log = SessionLog::default();
            for s in pattern.sessions.iter().filter(|s| s.local_date <= today) {
                log.upsert(s.clone());
            }
            for e in pattern.entries.iter().filter(|e| e.local_date <= today) {
                log.add_pain_entry(e.clone());
            }
            for m in pattern.measures.iter().filter(|m| m.local_date <= today) {
                log.measures.push(m.clone());
            }
            for c in pattern.check_ins.iter().filter(|c| c.local_date <= today) {
                log.add_check_in(c.clone());
            }
            for r in pattern.signs.iter().filter(|r| r.local_date <= today) {
                log.add_sign_record(r.clone());
            }
            if let Some(seen) = pattern.seen_doctor_on.filter(|d| *d <= n) {
                log.put_prompts(vec![seen_my_doctor(day(seen))]);
            }
            evaluate(&log, &pattern.routine, today)
                .iter()
                .map(|p| p.key.split(':').next().unwrap_or_default().to_owned())
                .collect()
        })
        .collect()
}

#[test]
fn every_pattern_shows_exactly_the_expected_prompts_each_day() {
    let patterns = patterns();
    assert!(patterns.len() >= 20, "{} patterns", patterns.len());
    let mut failures = Vec::new();
    for pattern in &patterns {
        let shown = shown_by_day(pattern);
        for (n, rules) in (0..).zip(&shown) {
            let expected: BTreeSet<String> = pattern
                .shows
                .iter()
                .filter(|(_, from, to)| (*from..=*to).contains(&n))
                .map(|(rule, ..)| (*rule).to_owned())
                .collect();
            if *rules != expected {
                failures.push(format!(
                    "{}: day {n}: shows {rules:?}, expected {expected:?}",
                    pattern.name
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The sign patterns beyond their prompts: the Tuesday's sign was ticked with no check-in
/// due, and after "My doctor knows about this" the next week's check-in leaves the history
/// item out.
#[test]
fn a_sign_ticked_between_check_ins_and_a_history_item_the_doctor_knows() {
    let signs = sign_patterns();
    let log_of = |pattern: &Pattern, n: u64| {
        let mut log = SessionLog::default();
        for c in pattern.check_ins.iter().filter(|c| c.local_date <= day(n)) {
            log.add_check_in(c.clone());
        }
        for r in pattern.signs.iter().filter(|r| r.local_date <= day(n)) {
            log.add_sign_record(r.clone());
        }
        log
    };
    let tuesday = log_of(&signs[0], 1);
    assert!(!check_in_due(&tuesday, day(1), None), "no check-in due");
    assert_eq!(day(1).weekday(), chrono::Weekday::Tue);
    let history = &signs[1];
    let asked = |n: u64| crate::sign_history::weekly_questions(&log_of(history, n), day(n));
    assert!(asked(1).contains(&RedFlag::RiskHistory));
    assert!(
        !asked(7).contains(&RedFlag::RiskHistory),
        "not asked next week"
    );
    assert_eq!(asked(7).len(), RedFlag::ALL.len() - 1);
}
