//! The one queue of offers on Today: things Limber asks of the person that can wait (a desk
//! break, the weekly check-in, the progress questions, a progression, a short lesson). At most
//! one is offered at a time, the first due in [`Offer::PRIORITY`], so that nothing nags. Safety
//! prompts are not offers: they always show.

use chrono::NaiveDate;

use crate::catalog::Routine;
use crate::log::SessionLog;
use crate::measures::MeasureKind;
use crate::prompts::{self, Dismissals};

/// Something Today may offer, one at a time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Offer {
    /// A desk break is due (see [`crate::desk_break`]).
    Break,
    /// The weekly red-flag check-in.
    CheckIn,
    /// The progress questionnaires (the first of them is the baseline).
    Questionnaires,
    /// A harder version, or a step back, of one exercise (see [`crate::progression`]).
    Progression,
    /// A short lesson (see [`crate::lessons`]).
    Lesson,
}

impl Offer {
    /// The order in which offers take their turn: the first due is the one shown. A desk break
    /// comes first because it is the only offer bound to the moment and the shortest: it is due
    /// only within working hours, goes at once whatever the answer (started, snoozed or "Not
    /// now"), and the others, which keep all day, take their turn right after. Behind the
    /// check-in or the questions, which stay until answered, a break would never show.
    pub const PRIORITY: [Offer; 5] = [
        Offer::Break,
        Offer::CheckIn,
        Offer::Questionnaires,
        Offer::Progression,
        Offer::Lesson,
    ];
}

/// What is due today, as the rules of each offer say (see [`prompts::check_in_due`] and
/// [`crate::measures::due`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[expect(
    clippy::struct_excessive_bools,
    reason = "one flag per offer of the queue, each set by that offer's own rule"
)]
pub struct Due {
    /// A desk break is due now (the app's [`crate::desk_break::decide`]; [`Due::on`] leaves it
    /// off, as it reads the clock and the screen, not the log).
    pub desk_break: bool,
    /// The weekly check-in is due and was not put off.
    pub check_in: bool,
    /// At least one questionnaire is due.
    pub questionnaires: bool,
    /// A progression offer is due (see [`crate::progression::to_offer`]).
    pub progression: bool,
    /// A lesson waits to be offered (see [`crate::lessons::to_offer`]).
    pub lesson: bool,
}

impl Due {
    /// Reads each offer's own rule for `today`; `measures_due` is [`crate::measures::due`].
    pub fn on(
        log: &SessionLog,
        routine: &Routine,
        dismissals: &Dismissals,
        measures_due: &[MeasureKind],
        today: NaiveDate,
    ) -> Due {
        Due {
            desk_break: false,
            check_in: prompts::check_in_due(log, today, dismissals.check_in_dismissed_on),
            questionnaires: !measures_due.is_empty(),
            progression: crate::progression::to_offer(log, routine, today).is_some(),
            lesson: crate::lessons::to_offer(log, dismissals, today).is_some(),
        }
    }

    fn is_due(self, offer: Offer) -> bool {
        match offer {
            Offer::Break => self.desk_break,
            Offer::CheckIn => self.check_in,
            Offer::Questionnaires => self.questionnaires,
            Offer::Progression => self.progression,
            Offer::Lesson => self.lesson,
        }
    }
}

/// The one offer to show, if any: the first due in [`Offer::PRIORITY`].
pub fn next(due: Due) -> Option<Offer> {
    Offer::PRIORITY.into_iter().find(|&offer| due.is_due(offer))
}

/// The first-start notice was read on `today`: the first weekly check-in waits a week, so that
/// day one offers only the baseline questions. Nothing is recorded as answered: only the
/// check-in's due date moves (as a "Not this week" would), and only when no check-in was ever
/// answered or put off, and only on a log with nothing in it yet (an existing log read on a new
/// computer keeps its check-in where it was). Returns whether `dismissals` changed (and should
/// be saved).
pub fn first_start(dismissals: &mut Dismissals, log: &SessionLog, today: NaiveDate) -> bool {
    if !log.check_ins().is_empty()
        || !log.sessions().is_empty()
        || dismissals.check_in_dismissed_on.is_some()
    {
        return false;
    }
    dismissals.check_in_dismissed_on = Some(today);
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::CheckIn;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn routine() -> Routine {
        Routine::built_in().unwrap()
    }

    fn queue(log: &SessionLog, dismissals: &Dismissals, today: NaiveDate) -> Option<Offer> {
        let measures =
            crate::measures::due(log, crate::measures::MeasureSchedule::Weekly, None, today);
        next(Due::on(log, &routine(), dismissals, &measures, today))
    }

    #[test]
    fn both_due_offers_only_the_check_in() {
        let log = SessionLog::default();
        let today = date(2026, 3, 2);
        let due = Due::on(
            &log,
            &routine(),
            &Dismissals::default(),
            &[MeasureKind::Peg],
            today,
        );
        assert!(due.check_in && due.questionnaires);
        assert_eq!(next(due), Some(Offer::CheckIn));
        assert_eq!(
            queue(&log, &Dismissals::default(), today),
            Some(Offer::CheckIn)
        );
    }

    #[test]
    fn check_in_put_off_or_answered_offers_the_questions() {
        let today = date(2026, 3, 2);
        let put_off = Dismissals {
            check_in_dismissed_on: Some(today),
            ..Dismissals::default()
        };
        assert_eq!(
            queue(&SessionLog::default(), &put_off, today),
            Some(Offer::Questionnaires)
        );
        let mut answered = SessionLog::default();
        answered.check_ins.push(CheckIn {
            at: today.and_hms_opt(9, 0, 0).unwrap().and_utc(),
            local_date: today,
            flags: Vec::new(),
        });
        assert_eq!(
            queue(&answered, &Dismissals::default(), today),
            Some(Offer::Questionnaires)
        );
    }

    #[test]
    fn a_lesson_waits_behind_the_others_and_for_the_session_to_end() {
        let today = date(2026, 3, 2);
        let put_off = Dismissals {
            check_in_dismissed_on: Some(today),
            ..Dismissals::default()
        };
        let log = SessionLog::default();
        assert_eq!(
            next(Due::on(
                &log,
                &routine(),
                &put_off,
                &[MeasureKind::Peg],
                today
            )),
            Some(Offer::Questionnaires),
            "the questions first"
        );
        assert_eq!(
            next(Due::on(&log, &routine(), &put_off, &[], today)),
            Some(Offer::Lesson)
        );
        let mut in_session = SessionLog::default();
        in_session.sessions.push(crate::session::Session::start(
            today.and_hms_opt(9, 0, 0).unwrap().and_utc(),
            chrono::FixedOffset::east_opt(0).unwrap(),
            1,
        ));
        assert_eq!(
            next(Due::on(&in_session, &routine(), &put_off, &[], today)),
            None
        );
        let mut read_today = put_off.clone();
        crate::lessons::close(&mut read_today, crate::lessons::LESSONS[0].id, true, today);
        assert_eq!(
            next(Due::on(&log, &routine(), &read_today, &[], today)),
            None,
            "one a day"
        );
    }

    #[test]
    fn a_progression_comes_after_the_questions_and_before_a_lesson() {
        let due = Due {
            progression: true,
            lesson: true,
            ..Due::default()
        };
        assert_eq!(next(due), Some(Offer::Progression));
        let with_questions = Due {
            questionnaires: true,
            ..due
        };
        assert_eq!(next(with_questions), Some(Offer::Questionnaires));
        let only_lesson = Due {
            progression: false,
            ..due
        };
        assert_eq!(next(only_lesson), Some(Offer::Lesson));
    }

    #[test]
    fn a_due_break_goes_first_and_the_others_follow_once_it_is_answered() {
        let log = SessionLog::default();
        let today = date(2026, 3, 2);
        let everything = Due {
            desk_break: true,
            ..Due::on(
                &log,
                &routine(),
                &Dismissals::default(),
                &[MeasureKind::Peg],
                today,
            )
        };
        assert!(everything.check_in && everything.questionnaires && everything.lesson);
        assert_eq!(next(everything), Some(Offer::Break));
        let answered = Due {
            desk_break: false,
            ..everything
        };
        assert_eq!(next(answered), Some(Offer::CheckIn));
        assert!(
            !Due::on(&log, &routine(), &Dismissals::default(), &[], today).desk_break,
            "the log alone never makes a break due"
        );
    }

    #[test]
    fn nothing_due_offers_nothing() {
        assert_eq!(next(Due::default()), None);
        let today = date(2026, 3, 2);
        let put_off = Dismissals {
            check_in_dismissed_on: Some(today),
            lesson_closed_on: Some(today),
            ..Dismissals::default()
        };
        let due = Due::on(&SessionLog::default(), &routine(), &put_off, &[], today);
        assert_eq!(next(due), None);
    }

    #[test]
    fn first_day_offers_the_questions_and_the_check_in_a_week_later() {
        let log = SessionLog::default();
        let first = date(2026, 3, 2);
        let mut dismissals = Dismissals::default();
        assert!(first_start(&mut dismissals, &log, first));
        assert!(log.check_ins().is_empty(), "no answer is recorded");
        assert_eq!(queue(&log, &dismissals, first), Some(Offer::Questionnaires));
        let day_six = date(2026, 3, 8);
        assert!(!prompts::check_in_due(
            &log,
            day_six,
            dismissals.check_in_dismissed_on
        ));
        let day_seven = date(2026, 3, 9);
        assert!(prompts::check_in_due(
            &log,
            day_seven,
            dismissals.check_in_dismissed_on
        ));
        // A second reading of the notice (another computer) moves nothing.
        assert!(!first_start(&mut dismissals, &log, day_six));
        assert_eq!(dismissals.check_in_dismissed_on, Some(first));
    }

    #[test]
    fn an_existing_log_keeps_its_check_in_on_a_new_computer() {
        let today = date(2026, 3, 2);
        let mut log = SessionLog::default();
        log.sessions.push(crate::session::Session::rest_day(
            today.and_hms_opt(9, 0, 0).unwrap().and_utc(),
            chrono::FixedOffset::east_opt(0).unwrap(),
            crate::session::RestReason::Ill,
        ));
        let mut dismissals = Dismissals::default();
        assert!(!first_start(&mut dismissals, &log, today));
        assert_eq!(queue(&log, &dismissals, today), Some(Offer::CheckIn));
    }
}
