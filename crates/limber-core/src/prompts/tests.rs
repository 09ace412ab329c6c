//! The prompt rules, one by one, on both sides of each threshold.

use super::*;
use crate::figures::days::tests::{date, exercise, log, rest, routine, session};
use crate::session::{CheckIn, Completion};
use chrono::{TimeZone as _, Utc};

fn done(id: &str) -> (&str, Completion, Option<Hurt>) {
    (id, Completion::Done, None)
}

fn hurt(id: &str) -> (&str, Completion, Option<Hurt>) {
    (id, Completion::Done, Some(Hurt::ALittle))
}

fn keys(prompts: &[Prompt]) -> Vec<String> {
    prompts.iter().map(|p| p.key.clone()).collect()
}

fn has_prefix(prompts: &[Prompt], prefix: &str) -> bool {
    prompts.iter().any(|p| p.key.starts_with(prefix))
}

#[test]
fn pain_after_six_is_quiet_and_seven_raises_a_pause() {
    let today = date(2026, 3, 10);
    let r = routine(vec![exercise("a", 1)]);
    let six = log(vec![session(today, &[done("a")], Some(5), Some(6))]);
    assert!(evaluate(&six, &r, today).is_empty());
    let seven = log(vec![session(today, &[done("a")], Some(5), Some(7))]);
    let prompts = evaluate(&seven, &r, today);
    assert_eq!(keys(&prompts), vec![format!("pause-after:{today}-1")]);
    assert_eq!(prompts[0].kind, PromptKind::Pause);
    assert!(prompts[0].message.contains("7 out of 10"));
}

#[test]
fn only_the_latest_recent_session_counts_for_pain_after() {
    let r = routine(vec![exercise("a", 1)]);
    let high_then_low = log(vec![
        session(date(2026, 3, 9), &[done("a")], Some(5), Some(8)),
        session(date(2026, 3, 10), &[done("a")], Some(5), Some(5)),
    ]);
    assert!(!has_prefix(
        &evaluate(&high_then_low, &r, date(2026, 3, 10)),
        "pause-after"
    ));
    let old = log(vec![session(
        date(2026, 3, 3),
        &[done("a")],
        Some(5),
        Some(8),
    )]);
    assert!(has_prefix(
        &evaluate(&old, &r, date(2026, 3, 9)),
        "pause-after"
    ));
    assert!(!has_prefix(
        &evaluate(&old, &r, date(2026, 3, 10)),
        "pause-after"
    ));
}

/// Weeks of ratings from Monday 2 March 2026: each inner list gives the daily (before,
/// after) ratings from Monday on; days past the list's end are not rated.
fn weeks(weeks: &[&[(u8, u8)]]) -> SessionLog {
    let start = date(2026, 3, 2);
    let mut sessions = Vec::new();
    for (w, days) in weeks.iter().enumerate() {
        for (d, (before, after)) in days.iter().enumerate() {
            let day = start + Days::new(u64::try_from(w * 7 + d).unwrap());
            sessions.push(session(day, &[done("a")], Some(*before), Some(*after)));
        }
    }
    log(sessions)
}

#[test]
fn weekly_rise_of_two_points_raises_a_pause_and_one_point_nine_does_not() {
    let r = routine(vec![exercise("a", 1)]);
    // Sunday 15 March: the week before is 2–8 March, this week 9–15 March; Monday to
    // Friday are rated.
    let today = date(2026, 3, 15);
    let before: &[(u8, u8)] = &[(3, 3); 5];
    // Exactly 2.0 points higher.
    let two = weeks(&[before, &[(5, 5); 5]]);
    assert!(has_prefix(
        &evaluate(&two, &r, today),
        "pause-rise:2026-W11"
    ));
    // Four days at 5 and one at 4.5 (5 before, 4 after): 4.9, a rise of 1.9.
    let one_point_nine = weeks(&[before, &[(5, 5), (5, 5), (5, 5), (5, 5), (5, 4)]]);
    assert!(!has_prefix(
        &evaluate(&one_point_nine, &r, today),
        "pause-rise"
    ));
    // Nothing rated the week before: no comparison, no prompt.
    let alone = weeks(&[&[], &[(9, 6); 5]]);
    assert!(!has_prefix(&evaluate(&alone, &r, today), "pause-rise"));
}

#[test]
fn hurt_once_is_quiet_and_twice_in_a_row_suggests_leaving_it_out() {
    let r = routine(vec![exercise("a", 1), exercise("b", 1)]);
    let today = date(2026, 3, 3);
    let once = log(vec![
        session(date(2026, 3, 1), &[done("a"), done("b")], None, None),
        session(date(2026, 3, 2), &[hurt("a"), done("b")], None, None),
    ]);
    assert!(evaluate(&once, &r, today).is_empty());
    let twice = log(vec![
        session(date(2026, 3, 1), &[hurt("a"), done("b")], None, None),
        // A session that left "a" out does not break the run: it did not include it.
        session(
            date(2026, 3, 2),
            &[("a", Completion::Skipped, None), done("b")],
            None,
            None,
        ),
        rest(date(2026, 3, 2)),
        session(date(2026, 3, 3), &[hurt("a"), done("b")], None, None),
    ]);
    let prompts = evaluate(&twice, &r, today);
    assert_eq!(keys(&prompts), vec!["leave-out:a:2026-03-03-2".to_owned()]);
    assert_eq!(
        prompts[0].kind,
        PromptKind::LeaveOut {
            exercise_id: "a".to_owned()
        }
    );
    // Hurt, fine, hurt: not in a row.
    let apart = log(vec![
        session(date(2026, 3, 1), &[hurt("a")], None, None),
        session(date(2026, 3, 2), &[done("a")], None, None),
        session(date(2026, 3, 3), &[hurt("a")], None, None),
    ]);
    assert!(evaluate(&apart, &r, today).is_empty());
}

#[test]
fn a_disabled_exercise_raises_no_leave_out_prompt() {
    let mut a = exercise("a", 1);
    a.enabled = false;
    let r = routine(vec![a]);
    let twice = log(vec![
        session(date(2026, 3, 1), &[hurt("a")], None, None),
        session(date(2026, 3, 2), &[hurt("a")], None, None),
    ]);
    assert!(evaluate(&twice, &r, date(2026, 3, 2)).is_empty());
}

#[test]
fn high_and_rising_for_two_weeks_points_to_a_doctor() {
    let r = routine(vec![exercise("a", 1)]);
    // Sunday 22 March: three weeks rated Monday to Friday.
    let today = date(2026, 3, 22);
    let high = weeks(&[&[(4, 4); 5], &[(5, 5); 5], &[(6, 6); 5]]);
    let prompts = evaluate(&high, &r, today);
    assert_eq!(keys(&prompts), vec!["doctor-rising:2026-W12".to_owned()]);
    assert_eq!(prompts[0].kind, PromptKind::SeeDoctor { flags: Vec::new() });
    // Four days at 6 and one at 5.5: 5.9 is rising but not high.
    let below = weeks(&[
        &[(4, 4); 5],
        &[(5, 5); 5],
        &[(6, 6), (6, 6), (6, 6), (6, 6), (6, 5)],
    ]);
    assert!(!has_prefix(&evaluate(&below, &r, today), "doctor"));
    // High but rising for one week only: not "rising", but it has stayed high.
    let flat = weeks(&[&[(6, 6); 5], &[(6, 6); 5], &[(7, 6); 5]]);
    assert_eq!(
        keys(&evaluate(&flat, &r, today)),
        vec!["doctor-high:2026-W12".to_owned()]
    );
    // The example: 6.0 → 6.05 → 6.1 rises, and gets one doctor prompt only.
    let creeping = weeks(&[
        &[(6, 6); 5],
        &[(6, 6), (6, 6), (6, 6), (6, 6), (6, 6), (6, 6), (6, 7)],
        &[(6, 6), (6, 6), (6, 6), (6, 6), (7, 6)],
    ]);
    let prompts = evaluate(&creeping, &r, today);
    assert_eq!(keys(&prompts), vec!["doctor-rising:2026-W12".to_owned()]);
}

/// A week of five rated days whose average is `tenths / 10`, for 50 ≤ tenths ≤ 100: whole
/// days at the lower score, plus one day half a point up per tenth left over (at most 4).
fn week_at(tenths: u8) -> Vec<(u8, u8)> {
    let base = tenths / 10;
    let extra = tenths % 10;
    assert!(extra <= 5, "one half-point day per tenth, five days");
    let mut days = vec![(base, base); 5];
    for day in days.iter_mut().take(usize::from(extra)) {
        day.1 = base + 1;
    }
    days
}

#[test]
fn pain_that_stays_high_and_flat_for_two_weeks_points_to_a_doctor() {
    let r = routine(vec![exercise("a", 1)]);
    // Sunday 15 March: the week before is 2–8 March, this week 9–15 March.
    let today = date(2026, 3, 15);
    let doctor = |a: u8, b: u8| {
        has_prefix(
            &evaluate(&weeks(&[&week_at(a), &week_at(b)]), &r, today),
            "doctor-high:2026-W11",
        )
    };
    assert_eq!(week_at(61), vec![(6, 7), (6, 6), (6, 6), (6, 6), (6, 6)]);
    // 8/10 for weeks: flat, high, points to a doctor.
    assert!(doctor(80, 80));
    // Both weeks exactly at the threshold, and just under it.
    assert!(doctor(60, 60));
    assert!(!doctor(60, 55), "this week under 6");
    assert!(!doctor(55, 60), "the week before under 6");
    // Rising counts too.
    assert!(doctor(60, 95));
    // A fall under two points is still flat; two points is clearly easing.
    assert!(doctor(80, 61));
    assert!(!doctor(80, 60));
    // Only one week rated: not two weeks running.
    let alone = weeks(&[&[], &week_at(80)]);
    assert!(!has_prefix(&evaluate(&alone, &r, today), "doctor"));
}

#[test]
fn a_weekly_rise_that_stays_mild_is_not_a_reason_to_pause() {
    let r = routine(vec![exercise("a", 1)]);
    let today = date(2026, 3, 15);
    let rise = |before: &[(u8, u8)], after: &[(u8, u8)]| {
        has_prefix(&evaluate(&weeks(&[before, after]), &r, today), "pause-rise")
    };
    // 0 → 2 and 1 → 3: two points, but still mild.
    assert!(!rise(&[(0, 0); 5], &[(2, 2); 5]));
    assert!(!rise(&[(1, 1); 5], &[(3, 3); 5]));
    // 1.9 → 3.9: two points, just under the floor of 4.
    let just_under = [(2, 2), (2, 2), (2, 2), (2, 2), (2, 1)];
    let to_three_point_nine = [(4, 4), (4, 4), (4, 4), (4, 4), (4, 3)];
    assert!(!rise(&just_under, &to_three_point_nine));
    // 2 → 4: two points, reaching the floor.
    assert!(rise(&[(2, 2); 5], &[(4, 4); 5]));
}

#[test]
fn one_stop_because_of_pain_is_enough_to_suggest_leaving_it_out() {
    let r = routine(vec![exercise("a", 1), exercise("b", 1)]);
    let today = date(2026, 3, 3);
    let stopped = |id| (id, Completion::Skipped, Some(Hurt::Stopped));
    let once = log(vec![
        session(date(2026, 3, 1), &[done("a"), done("b")], None, None),
        session(date(2026, 3, 2), &[stopped("a"), done("b")], None, None),
    ]);
    let prompts = evaluate(&once, &r, today);
    assert_eq!(keys(&prompts), vec!["leave-out:a:2026-03-02-2".to_owned()]);
    assert_eq!(
        prompts[0].title,
        "You stopped \"Exercise a\" because of pain"
    );
    assert!(prompts[0].message.contains("Monday 2 March 2026"));
    // Done without pain since: the stop is no longer the latest word.
    let since = log(vec![
        session(date(2026, 3, 2), &[stopped("a"), done("b")], None, None),
        session(date(2026, 3, 3), &[done("a"), done("b")], None, None),
    ]);
    assert!(evaluate(&since, &r, today).is_empty());
    // "Hurt a little" once is still quiet (two in a row are needed).
    let a_little = log(vec![session(
        date(2026, 3, 2),
        &[hurt("a"), done("b")],
        None,
        None,
    )]);
    assert!(evaluate(&a_little, &r, today).is_empty());
}

#[test]
fn pain_before_of_seven_suggests_a_gentler_session_and_six_does_not() {
    let day = date(2026, 3, 10);
    let open = |before: u8| {
        let mut s = session(day, &[], Some(before), None);
        s.ended_at = None;
        s
    };
    assert_eq!(pain_before_prompt(&open(6)), None);
    assert_eq!(pain_before_prompt(&session(day, &[], None, None)), None);
    let prompt = pain_before_prompt(&open(7)).unwrap();
    assert_eq!(prompt.kind, PromptKind::Pause);
    let text = prompt.message.to_lowercase();
    assert!(text.contains("7 out of 10"), "{text}");
    assert!(text.contains("gentler session") && text.contains("rest day"));
    assert!(text.contains("warning signs") && text.contains("doctor"));
    assert!(!text.contains("push through") && !text.contains("diagnos"));
    // Once an exercise is under way it is no longer "before starting".
    let mut started = open(9);
    started.exercises = session(day, &[done("a")], None, None).exercises;
    assert_eq!(pain_before_prompt(&started), None);
    // A record only skipped does not count as started.
    started.exercises = session(day, &[("a", Completion::Skipped, None)], None, None).exercises;
    assert!(pain_before_prompt(&started).is_some());
}

#[test]
fn a_ticked_red_flag_points_to_a_doctor_and_an_empty_check_in_does_not() {
    let r = routine(vec![exercise("a", 1)]);
    let today = date(2026, 3, 10);
    let at = Utc.with_ymd_and_hms(2026, 3, 9, 9, 0, 0).unwrap();
    let mut flagged = SessionLog::default();
    flagged.check_ins.push(CheckIn {
        at,
        local_date: date(2026, 3, 9),
        flags: vec![RedFlag::FeverAndChills],
    });
    let prompts = evaluate(&flagged, &r, today);
    assert_eq!(keys(&prompts), vec!["doctor-flags:2026-03-09".to_owned()]);
    assert_eq!(
        prompts[0].kind,
        PromptKind::SeeDoctor {
            flags: vec![RedFlag::FeverAndChills]
        }
    );
    assert!(prompts[0].message.contains(RedFlag::FeverAndChills.label()));
    // A later check-in with nothing ticked no longer erases it (it did before schema 6).
    flagged.check_ins.push(CheckIn {
        at: at + chrono::Duration::days(1),
        local_date: date(2026, 3, 10),
        flags: Vec::new(),
    });
    assert_eq!(
        keys(&evaluate(&flagged, &r, today)),
        vec!["doctor-flags:2026-03-09".to_owned()]
    );
    // A check-in with nothing ticked raises nothing.
    let mut clear = SessionLog::default();
    clear.check_ins.push(CheckIn {
        at,
        local_date: date(2026, 3, 9),
        flags: Vec::new(),
    });
    assert!(evaluate(&clear, &r, today).is_empty());
}

#[test]
fn dismissed_prompts_stay_hidden_until_a_new_occurrence() {
    let r = routine(vec![exercise("a", 1)]);
    let today = date(2026, 3, 10);
    let mut high = log(vec![session(today, &[done("a")], Some(5), Some(8))]);
    let now = crate::clock::Moment::new(
        std::time::Instant::now(),
        Utc.with_ymd_and_hms(2026, 3, 10, 18, 0, 0).unwrap(),
        chrono::FixedOffset::east_opt(0).unwrap(),
    );
    let hidden = evaluate(&high, &r, today)
        .iter()
        .map(|prompt| {
            let mut record = crate::prompt_record::PromptRecord::shown(prompt, now);
            record.hidden_on = Some(today);
            record
        })
        .collect();
    high.put_prompts(hidden);
    assert!(active_prompts(&high, &r, today).is_empty());
    let mut next = session(today, &[done("a")], Some(5), Some(9));
    next.id = crate::session::SessionId("next".to_owned());
    next.started_at += chrono::Duration::hours(6);
    high.upsert(next);
    let shown = active_prompts(&high, &r, today);
    assert_eq!(
        keys(&shown),
        vec!["pause-after:next", "raised-by-session:next"]
    );
}

#[test]
fn doctor_prompts_come_first() {
    let r = routine(vec![exercise("a", 1)]);
    let today = date(2026, 3, 22);
    let mut log = weeks(&[&[(4, 4); 7], &[(5, 5); 7], &[(8, 8); 7]]);
    log.check_ins.push(CheckIn {
        at: Utc.with_ymd_and_hms(2026, 3, 21, 9, 0, 0).unwrap(),
        local_date: date(2026, 3, 21),
        flags: vec![RedFlag::ChestShapeChange, RedFlag::FeverAndChills],
    });
    let kinds: Vec<String> = evaluate(&log, &r, today)
        .iter()
        .map(|p| p.key.split(':').next().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(
        kinds,
        vec![
            "doctor-flags",
            "doctor-rising",
            "pause-after",
            "pause-rise",
            "easier-day"
        ]
    );
}

#[test]
fn check_in_is_offered_weekly_and_can_be_put_off() {
    let today = date(2026, 3, 10);
    let mut log = SessionLog::default();
    assert!(check_in_due(&log, today, None));
    assert!(
        !check_in_due(&log, today, Some(date(2026, 3, 4))),
        "6 days ago"
    );
    assert!(
        check_in_due(&log, today, Some(date(2026, 3, 3))),
        "7 days ago"
    );
    log.check_ins.push(CheckIn {
        at: Utc.with_ymd_and_hms(2026, 3, 4, 9, 0, 0).unwrap(),
        local_date: date(2026, 3, 4),
        flags: Vec::new(),
    });
    assert!(!check_in_due(&log, today, None));
    assert!(check_in_due(&log, date(2026, 3, 11), None));
}

#[test]
fn messages_always_mention_a_therapist_or_doctor_and_never_pushing_through() {
    let r = routine(vec![exercise("a", 1)]);
    let mut log = weeks(&[&[(4, 4); 7], &[(5, 5); 7], &[(8, 8); 7]]);
    log.check_ins.push(CheckIn {
        at: Utc.with_ymd_and_hms(2026, 3, 21, 9, 0, 0).unwrap(),
        local_date: date(2026, 3, 21),
        flags: vec![RedFlag::WorseningNumbness],
    });
    if let Some(s) = log.sessions.last_mut() {
        s.exercises[0].hurt = Some(Hurt::Stopped);
    }
    if let Some(s) = log.sessions.iter_mut().rev().nth(1) {
        s.exercises[0].hurt = Some(Hurt::ALittle);
    }
    let prompts = evaluate(&log, &r, date(2026, 3, 22));
    assert_eq!(prompts.len(), 6);
    for prompt in prompts {
        let text = prompt.message.to_lowercase();
        assert!(text.contains("doctor"), "{}", prompt.message);
        assert!(!text.contains("push through"), "{}", prompt.message);
        assert!(!text.contains("diagnos"), "{}", prompt.message);
    }
}

#[test]
fn the_red_flag_prompt_points_to_a_doctor_only() {
    let r = routine(vec![exercise("a", 1)]);
    let mut flagged = SessionLog::default();
    flagged.check_ins.push(CheckIn {
        at: Utc.with_ymd_and_hms(2026, 3, 9, 9, 0, 0).unwrap(),
        local_date: date(2026, 3, 9),
        flags: vec![RedFlag::RiskHistory],
    });
    let prompts = evaluate(&flagged, &r, date(2026, 3, 10));
    assert_eq!(prompts.len(), 1);
    assert!(
        prompts[0]
            .message
            .contains("book an appointment with your doctor")
    );
    assert!(!prompts[0].message.contains("therapist"));
    assert!(prompts[0].message.contains("local emergency number"));
}

/// The saved prompt takes the title and advice of the most urgent sign ticked, whatever
/// the order the signs were ticked in.
#[test]
fn the_red_flag_prompt_speaks_for_the_highest_level_ticked() {
    use crate::session::Urgency;
    let r = routine(vec![exercise("a", 1)]);
    let prompt_for = |flags: Vec<RedFlag>| {
        let mut log = SessionLog::default();
        log.check_ins.push(CheckIn {
            at: Utc.with_ymd_and_hms(2026, 3, 9, 9, 0, 0).unwrap(),
            local_date: date(2026, 3, 9),
            flags,
        });
        evaluate(&log, &r, date(2026, 3, 10)).remove(0)
    };
    let cases = [
        (vec![RedFlag::RiskHistory], Urgency::Soon),
        (vec![RedFlag::WorseAtNightOrRest], Urgency::Soon),
        (
            vec![RedFlag::RiskHistory, RedFlag::NewLimbWeaknessOrNumbness],
            Urgency::Urgent,
        ),
        (vec![RedFlag::FeverAndChills], Urgency::Urgent),
        (
            vec![
                RedFlag::FeverAndChills,
                RedFlag::ChestPainOrBreathlessness,
                RedFlag::RiskHistory,
            ],
            Urgency::Emergency,
        ),
        (vec![RedFlag::BladderOrBowelTrouble], Urgency::Emergency),
    ];
    for (flags, level) in cases {
        let prompt = prompt_for(flags.clone());
        assert_eq!(prompt.title, level.title(), "{flags:?}");
        assert!(prompt.message.ends_with(level.advice()), "{flags:?}");
    }
    let emergency = prompt_for(vec![RedFlag::ChestPainOrBreathlessness]);
    assert!(emergency.message.contains("112, 911 or 999"));
}

#[test]
fn four_warning_signs_come_from_clinical_guidance_and_ten_from_the_article() {
    use crate::session::FlagSource;
    assert_eq!(RedFlag::from_source(FlagSource::Article).count(), 10);
    let added: Vec<RedFlag> = RedFlag::from_source(FlagSource::ClinicalGuidance).collect();
    assert_eq!(
        added,
        vec![
            RedFlag::ChestPainOrBreathlessness,
            RedFlag::NewLimbWeaknessOrNumbness,
            RedFlag::BladderOrBowelTrouble,
            RedFlag::WorseAtNightOrRest,
        ]
    );
}

/// A desk break on `day` that did exercise `id` in full (no pain asked, no hurt mark).
fn desk_break(day: NaiveDate, id: &str) -> Session {
    let mut s = session(day, &[done(id)], None, None);
    s.kind = crate::session::SessionKind::Break;
    s.id = crate::session::SessionId(format!("{day}-break"));
    s
}

#[test]
fn a_desk_break_between_two_hurt_sessions_does_not_break_the_run() {
    let r = routine(vec![exercise("a", 3)]);
    let today = date(2026, 3, 3);
    let with_break = log(vec![
        session(date(2026, 3, 1), &[hurt("a")], None, None),
        desk_break(date(2026, 3, 2), "a"),
        session(date(2026, 3, 3), &[hurt("a")], None, None),
    ]);
    assert!(
        has_prefix(&evaluate(&with_break, &r, today), "leave-out:a"),
        "the break is invisible to the rule"
    );
    // The same day as a routine session, done without hurt, does break the run.
    let mut routine_between = desk_break(date(2026, 3, 2), "a");
    routine_between.kind = crate::session::SessionKind::Routine;
    let apart = log(vec![
        session(date(2026, 3, 1), &[hurt("a")], None, None),
        routine_between,
        session(date(2026, 3, 3), &[hurt("a")], None, None),
    ]);
    assert!(!has_prefix(&evaluate(&apart, &r, today), "leave-out:a"));
}

#[test]
fn a_desk_break_never_hides_the_pain_after_the_latest_session() {
    let r = routine(vec![exercise("a", 3)]);
    let today = date(2026, 3, 10);
    let high = session(today, &[done("a")], Some(5), Some(8));
    let mut later = desk_break(today, "a");
    later.started_at = high.started_at + chrono::Duration::hours(2);
    let with_break = log(vec![high, later]);
    assert!(has_prefix(&evaluate(&with_break, &r, today), "pause-after"));
}
