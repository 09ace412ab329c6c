//! The progression and step-back rules, on both sides of every edge.

use std::time::Instant;

use chrono::{Days, TimeZone as _};

use super::*;
use crate::catalog::{Category, Dose, Variant};
use crate::journal::{Change, Journal};
use crate::session::{ExerciseRecord, Hurt, PainScore};

const DOSE: Dose = Dose {
    sets: 1,
    reps: 5,
    hold_secs: 5,
    rest_secs: 0,
    per_side: false,
    times_per_day: 1,
};

fn variant(name: &str, therapist_first: bool) -> Variant {
    Variant {
        name: name.into(),
        change: format!("The {name} way."),
        steps: Vec::new(),
        step_changes: Vec::new(),
        dose: None,
        illustration: None,
        ask_therapist_first: therapist_first,
    }
}

/// One exercise, "Open book", with an easier version, a harder one and a second harder one
/// for the therapist to agree first; the default rules and pain model.
fn routine() -> Routine {
    Routine {
        version: 1,
        name: String::new(),
        exercises: vec![Exercise {
            easier: vec![variant("smaller arc", false)],
            harder: vec![variant("wider arc", false), variant("with weight", true)],
            ..Exercise::new("book", "Open book", Category::Mobility, DOSE)
        }],
        pain_model: PainModel::default(),
        break_routine: crate::catalog::BreakRoutine::default(),
        progression: crate::catalog::Progression::default(),
    }
}

/// Day `n` (counting from 1 January 2027).
fn day(n: u64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2027, 1, 1).unwrap() + Days::new(n)
}

fn at(n: u64, hour: u32) -> Moment {
    let date = day(n);
    let utc = Utc
        .from_utc_datetime(&date.and_hms_opt(hour, 0, 0).unwrap())
        .with_timezone(&Utc);
    Moment::new(Instant::now(), utc, FixedOffset::east_opt(0).unwrap())
}

/// A finished session on day `n` with "Open book" done in `version`, its pain before and after.
struct Day {
    n: u64,
    version: Version,
    completion: Completion,
    hurt: Option<Hurt>,
    before: Option<u8>,
    after: Option<u8>,
}

impl Day {
    fn good(n: u64) -> Day {
        Day {
            n,
            version: Version::STANDARD,
            completion: Completion::Done,
            hurt: None,
            before: Some(2),
            after: Some(2),
        }
    }

    fn session(&self) -> Session {
        let now = at(self.n, 9);
        let mut session = Session::start(now.utc, now.offset, 1);
        session.ended_at = Some(now.utc + chrono::TimeDelta::minutes(20));
        session.exercises.push(ExerciseRecord {
            exercise_id: "book".into(),
            name: "Open book".into(),
            completion: self.completion,
            hurt: self.hurt,
            version: self.version,
            ..ExerciseRecord::default()
        });
        session.pain_before = self.before.and_then(PainScore::new);
        session.pain_after = self.after.and_then(PainScore::new);
        session
    }
}

/// A journal holding the sessions of `days`.
fn journal(days: impl IntoIterator<Item = Day>) -> Journal {
    let mut journal = Journal::default();
    for d in days {
        let now = at(d.n, 9);
        let _applied = journal.apply(Change::PutSession(d.session()), now).unwrap();
    }
    journal
}

/// Good days on days `first..=last`, with `edit` applied to each.
fn days(first: u64, last: u64, edit: impl Fn(&mut Day)) -> Vec<Day> {
    (first..=last)
        .map(|n| {
            let mut d = Day::good(n);
            edit(&mut d);
            d
        })
        .collect()
}

fn offer_on(journal: &Journal, n: u64) -> Option<ProgressionOffer> {
    to_offer(journal.log(), &routine(), day(n))
}

fn direction_on(journal: &Journal, n: u64) -> Option<(Direction, Version)> {
    offer_on(journal, n).map(|o| (o.direction(), o.to))
}

#[test]
fn harder_after_n_days_done_in_the_window_not_n_minus_one() {
    // Days 5..=13 done: nine of the fourteen days up to day 14.
    let nine = journal(days(5, 13, |_| {}));
    assert_eq!(direction_on(&nine, 14), None);
    let ten = journal(days(5, 14, |_| {}));
    let offer = offer_on(&ten, 14).unwrap();
    assert_eq!(
        (offer.direction(), offer.to),
        (Direction::Harder, Version::HARDER)
    );
    assert_eq!((offer.days_done, offer.window_days), (10, 14));
    assert_eq!(offer.to_name, "wider arc");
    assert!(
        offer.title().contains("done on 10 of the last 14 days"),
        "{}",
        offer.title()
    );
    assert!(
        offer.words().contains("The wider arc way."),
        "{}",
        offer.words()
    );
    assert_eq!(
        (offer.accept_label(), offer.decline_label()),
        ("Try it", "Not now")
    );
    // Done only in part, or on days now out of the window, does not count.
    let partial = journal(days(5, 14, |d| {
        if d.n == 14 {
            d.completion = Completion::partial(0, 2);
        }
    }));
    assert_eq!(direction_on(&partial, 14), None, "one day only in part");
    assert_eq!(
        direction_on(&ten, 24),
        None,
        "the days slid out of the window"
    );
}

#[test]
fn desk_breaks_and_gentler_sessions_are_not_days_done_toward_a_harder_version() {
    let with = |edit: fn(&mut Session)| {
        let mut journal = journal(days(5, 13, |_| {}));
        let mut tenth = Day::good(14).session();
        edit(&mut tenth);
        let _applied = journal.apply(Change::PutSession(tenth), at(14, 9)).unwrap();
        direction_on(&journal, 14)
    };
    assert_eq!(
        with(|_| {}),
        Some((Direction::Harder, Version::HARDER)),
        "a usual tenth day"
    );
    assert_eq!(with(|s| s.kind = crate::session::SessionKind::Break), None);
    assert_eq!(with(|s| s.gentle = true), None);
}

#[test]
fn pain_after_at_the_limit_offers_harder_and_one_above_does_not() {
    let at_limit = journal(days(1, 14, |d| {
        if d.n == 7 {
            d.before = Some(5);
            d.after = Some(5);
        }
    }));
    assert_eq!(
        direction_on(&at_limit, 14),
        Some((Direction::Harder, Version::HARDER))
    );
    let above = journal(days(1, 14, |d| {
        if d.n == 7 {
            d.before = Some(6);
            d.after = Some(6);
        }
    }));
    // Above the limit once: no harder version; a step back to the easier one instead.
    let offer = offer_on(&above, 14).unwrap();
    assert_eq!(
        (offer.direction(), offer.to),
        (Direction::StepBack, Version::EASIER)
    );
    assert_eq!(offer.step_back, Some(StepBackReason::OverLimit(1)));
    assert!(
        offer.words().contains("normal, not a setback"),
        "{}",
        offer.words()
    );
    assert_eq!(offer.accept_label(), "Step back");
}

#[test]
fn a_rise_at_the_limit_offers_harder_and_one_above_does_not() {
    let at_limit = journal(days(1, 14, |d| {
        if d.n == 7 {
            d.before = Some(1);
            d.after = Some(3);
        }
    }));
    assert_eq!(
        direction_on(&at_limit, 14),
        Some((Direction::Harder, Version::HARDER))
    );
    let above = journal(days(1, 14, |d| {
        if d.n == 7 {
            d.before = Some(1);
            d.after = Some(4);
        }
    }));
    assert_eq!(
        direction_on(&above, 14),
        Some((Direction::StepBack, Version::EASIER))
    );
}

#[test]
fn a_therapist_s_own_pain_limits_are_the_ones_read() {
    let mut strict = routine();
    strict.exercises[0].pain_model = Some(PainModel {
        max_after: 3,
        ..PainModel::default()
    });
    // Pain 2 before and 4 after: within Limber's limits (5 after, 2 above before).
    let log = journal(days(1, 14, |d| d.after = Some(4))).log().clone();
    assert_eq!(
        to_offer(&log, &routine(), day(14)).map(|o| o.direction()),
        Some(Direction::Harder)
    );
    let offer = to_offer(&log, &strict, day(14)).unwrap();
    assert_eq!(
        offer.direction(),
        Direction::StepBack,
        "4 is above the 3 set"
    );
}

#[test]
fn too_few_sessions_with_pain_after_rated_offer_nothing() {
    let two = journal(days(1, 14, |d| {
        if d.n < 13 {
            d.after = None;
        }
    }));
    assert_eq!(direction_on(&two, 14), None, "two rated sessions");
    let three = journal(days(1, 14, |d| {
        if d.n < 12 {
            d.after = None;
        }
    }));
    assert_eq!(
        direction_on(&three, 14),
        Some((Direction::Harder, Version::HARDER))
    );
}

#[test]
fn one_hurt_mark_holds_back_harder_and_two_bring_a_step_back() {
    let none = journal(days(1, 14, |_| {}));
    assert_eq!(
        direction_on(&none, 14).map(|d| d.0),
        Some(Direction::Harder)
    );
    let once = journal(days(1, 14, |d| {
        if d.n == 3 {
            d.hurt = Some(Hurt::ALittle);
        }
    }));
    assert_eq!(direction_on(&once, 14), None, "K-1 marks: neither way");
    let twice = journal(days(1, 14, |d| {
        if d.n == 3 || d.n == 9 {
            d.hurt = Some(Hurt::ALittle);
        }
    }));
    let offer = offer_on(&twice, 14).unwrap();
    assert_eq!(
        (offer.direction(), offer.to),
        (Direction::StepBack, Version::EASIER)
    );
    assert_eq!(offer.step_back, Some(StepBackReason::HurtMarks(2)));
    assert!(
        offer.title().contains("marked as hurting 2 times"),
        "{}",
        offer.title()
    );
}

#[test]
fn a_version_for_the_therapist_to_agree_is_never_offered_nor_skipped_over() {
    // In the harder version, everything going well: the next one asks the therapist first.
    let mut journal = journal(days(20, 33, |d| d.version = Version::HARDER));
    let choice = offer_of(&routine().exercises[0], Version::STANDARD, 1)
        .unwrap()
        .choice(at(1, 8));
    let _applied = journal
        .apply(Change::ChooseVersion(choice), at(1, 8))
        .unwrap();
    assert_eq!(in_force(journal.log(), "book", day(33)), Version::HARDER);
    assert!(due(journal.log(), &routine(), day(33)).is_empty());
    // The rule itself would offer it, were it not marked.
    let mut unmarked = routine();
    unmarked.exercises[0].harder[1].ask_therapist_first = false;
    let offer = to_offer(journal.log(), &unmarked, day(33)).unwrap();
    assert_eq!(offer.to, Version::at_level(2));
}

#[test]
fn a_declined_offer_waits_the_set_days_before_it_comes_again() {
    let mut journal = journal(days(1, 40, |_| {}));
    let offer = offer_on(&journal, 14).unwrap();
    let _applied = journal
        .apply(
            Change::AnswerProgression {
                offer,
                accept: false,
            },
            at(14, 18),
        )
        .unwrap();
    assert_eq!(in_force(journal.log(), "book", day(14)), Version::STANDARD);
    assert_eq!(direction_on(&journal, 14), None, "declined today");
    assert_eq!(direction_on(&journal, 27), None, "13 days after");
    assert_eq!(
        direction_on(&journal, 28),
        Some((Direction::Harder, Version::HARDER)),
        "14 days after"
    );
}

#[test]
fn no_offer_while_a_session_is_open() {
    let mut journal = journal(days(1, 14, |_| {}));
    let mut open = Day::good(15).session();
    open.ended_at = None;
    let _applied = journal
        .apply(Change::PutSession(open.clone()), at(15, 9))
        .unwrap();
    assert!(!due(journal.log(), &routine(), day(15)).is_empty());
    assert_eq!(direction_on(&journal, 15), None);
    open.ended_at = Some(open.started_at + chrono::TimeDelta::minutes(20));
    let _applied = journal.apply(Change::PutSession(open), at(15, 10)).unwrap();
    assert!(direction_on(&journal, 15).is_some(), "once it is finished");
}

#[test]
fn no_harder_offer_right_after_a_change_of_version() {
    let mut journal = journal(days(1, 15, |d| d.version = Version::HARDER));
    let choice = offer_of(&routine().exercises[0], Version::STANDARD, 1)
        .unwrap()
        .choice(at(1, 8));
    let _applied = journal
        .apply(Change::ChooseVersion(choice), at(1, 8))
        .unwrap();
    let mut unmarked = routine();
    unmarked.exercises[0].harder[1].ask_therapist_first = false;
    let log = journal.log();
    assert_eq!(
        to_offer(log, &unmarked, day(14)),
        None,
        "13 days in this version"
    );
    let offer = to_offer(log, &unmarked, day(15)).unwrap();
    assert_eq!(offer.to, Version::at_level(2), "14 days in this version");
}

#[test]
fn evidence_from_the_version_left_does_not_count_for_the_new_one() {
    // Two hurt marks in the harder version, then a step back to the standard one: the marks
    // were the harder version's, so no further step back is offered.
    let mut journal = journal(days(1, 10, |d| {
        d.version = Version::HARDER;
        if d.n > 8 {
            d.hurt = Some(Hurt::ALittle);
        }
    }));
    let to_harder = offer_of(&routine().exercises[0], Version::STANDARD, 1)
        .unwrap()
        .choice(at(0, 8));
    let _applied = journal
        .apply(Change::ChooseVersion(to_harder), at(0, 8))
        .unwrap();
    let offer = offer_on(&journal, 10).unwrap();
    assert_eq!((offer.from, offer.to), (Version::HARDER, Version::STANDARD));
    assert!(
        offer.words().contains("without \u{201c}wider arc\u{201d}"),
        "{}",
        offer.words()
    );
    let _applied = journal
        .apply(
            Change::AnswerProgression {
                offer,
                accept: true,
            },
            at(10, 18),
        )
        .unwrap();
    assert_eq!(in_force(journal.log(), "book", day(10)), Version::STANDARD);
    assert_eq!(direction_on(&journal, 10), None, "answered today");
    assert_eq!(
        direction_on(&journal, 11),
        None,
        "no step back on old evidence"
    );
}

#[test]
fn shown_once_recorded_once_and_listed_with_its_answer() {
    let mut journal = journal(days(1, 40, |_| {}));
    let offer = offer_on(&journal, 14).unwrap();
    let first = journal
        .apply(Change::ProgressionShown(offer.clone()), at(14, 12))
        .unwrap();
    assert!(!first.months.is_empty());
    let again = journal
        .apply(Change::ProgressionShown(offer.clone()), at(14, 13))
        .unwrap();
    assert!(again.months.is_empty(), "shown again: nothing to write");
    assert!(is_shown(journal.log(), &offer));
    let _applied = journal
        .apply(
            Change::AnswerProgression {
                offer: offer.clone(),
                accept: false,
            },
            at(14, 14),
        )
        .unwrap();
    assert!(!is_shown(journal.log(), &offer));
    let later = offer_on(&journal, 28).unwrap();
    let _applied = journal
        .apply(Change::ProgressionShown(later.clone()), at(28, 12))
        .unwrap();
    let _applied = journal
        .apply(
            Change::AnswerProgression {
                offer: later,
                accept: true,
            },
            at(28, 13),
        )
        .unwrap();
    assert_eq!(in_force(journal.log(), "book", day(28)), Version::HARDER);
    assert_eq!(in_force(journal.log(), "book", day(27)), Version::STANDARD);
    let lines = offers_in(journal.log(), day(1), day(40));
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0].answer, Some((ProgressionEvent::Declined, day(14))));
    assert_eq!(lines[1].answer, Some((ProgressionEvent::Accepted, day(28))));
    assert_eq!(
        brief_line(journal.log(), day(1), day(40)).as_deref(),
        Some("Progressions: 2 offered, 1 accepted, 1 declined")
    );
    assert_eq!(brief_line(journal.log(), day(29), day(40)), None);
    assert_eq!(offers_in(journal.log(), day(20), day(40)).len(), 1);
}

#[test]
fn records_merge_on_import_by_id() {
    let mut ours = journal(days(1, 14, |_| {}));
    let offer = offer_on(&ours, 14).unwrap();
    let _applied = ours
        .apply(Change::ProgressionShown(offer.clone()), at(14, 12))
        .unwrap();
    let mut theirs = Journal::default();
    let _applied = theirs
        .apply(
            Change::AnswerProgression {
                offer,
                accept: false,
            },
            at(14, 13),
        )
        .unwrap();
    let incoming = theirs.log().clone();
    for hour in [15, 16] {
        let _applied = ours
            .apply(
                Change::Import {
                    incoming: incoming.clone(),
                    prefer: crate::log::Prefer::Ours,
                },
                at(14, hour),
            )
            .unwrap();
    }
    assert_eq!(ours.log().progressions().len(), 2, "each record once");
    assert_eq!(
        brief_line(ours.log(), day(1), day(14)).as_deref(),
        Some("Progressions: 1 offered, 0 accepted, 1 declined")
    );
}

#[test]
fn a_therapist_s_rules_for_one_exercise_are_read() {
    let mut own = routine();
    own.exercises[0].progression = Some(crate::catalog::Progression {
        days_done: Some(5),
        window_days: Some(7),
        ..crate::catalog::Progression::default()
    });
    let log = journal(days(10, 14, |_| {})).log().clone();
    assert_eq!(to_offer(&log, &routine(), day(14)), None);
    let offer = to_offer(&log, &own, day(14)).unwrap();
    assert_eq!((offer.days_done, offer.window_days), (5, 7));
}
