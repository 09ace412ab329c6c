//! Short lessons: a few sentences each on what helps with upper back pain, offered one at a
//! time through the queue of offers ([`crate::offers`]) and readable any time under About.
//!
//! The rule of offering: a lesson is offered only when none was closed today ("Got it" or "Not
//! now"), so never more than one a day, and never while a session is open (nor, as every offer,
//! while a timer runs, the finish form or the end card of a saved session is up). The first
//! lesson not yet read is the one offered; "Not now" brings it back another day. What was read
//! is kept with the closed prompts ([`Dismissals`]), not in the session log. README lists each
//! lesson's sources.

use chrono::NaiveDate;

use crate::log::SessionLog;
use crate::prompts::Dismissals;

/// One lesson: a title and a few sentences.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Lesson {
    /// Stable identifier, kept in the closed prompts once read.
    pub id: &'static str,
    /// The title, shown on the offer and under About.
    pub title: &'static str,
    /// The text: a few plain sentences.
    pub text: &'static str,
}

/// Every lesson, in the order they are offered.
pub const LESSONS: [Lesson; 7] = [
    Lesson {
        id: "usually-settles",
        title: "Back pain usually settles",
        text: "Most back pain eases by itself within a few weeks, sometimes a few months, \
               even when it is strong at first. Staying gently active tends to help it on its \
               way. If it is not getting better after a few weeks, or you are worried, talk to \
               your doctor or therapist.",
    },
    Lesson {
        id: "posture",
        title: "Posture is not the main cause",
        text: "There is no single right way to sit or stand, and a rounded back is not damaged. \
               What tends to bother a back is staying in any one position for a long time. \
               Changing position often matters more than holding a perfect one.",
    },
    Lesson {
        id: "hurt-and-harm",
        title: "Hurt does not always mean harm",
        text: "Pain is the body's alarm, and a sensitive alarm can go off when nothing is being \
               damaged. Some discomfort while you exercise is common and usually fine. Sharp \
               pain, or pain that is worse the next day, is a sign to ease off and to ask your \
               therapist.",
    },
    Lesson {
        id: "stress-sleep-bags",
        title: "Stress, sleep and heavy bags matter",
        text: "Your back is affected by more than exercises. Long stretches of stress, too little \
               rest and recovery, and carrying a heavy bag or backpack often can all make upper \
               back pain more likely. Small changes, such as a lighter bag or a regular bedtime, \
               can help.",
    },
    Lesson {
        id: "when-to-expect-change",
        title: "When to expect change",
        text: "A routine takes time. Some people feel a little looser within a week or two; \
               strength builds more slowly, over several weeks. Pain rarely falls in a straight \
               line, and good and bad days are normal. If nothing has changed after a few weeks, \
               your therapist can adjust the plan.",
    },
    Lesson {
        id: "movement-breaks",
        title: "Short movement breaks",
        text: "Sitting or standing still for long periods can leave the upper back stiff and \
               sore. A minute of gentle movement every half hour or so, such as shrugging and \
               rolling your shoulders, keeps things moving. Breaks count even when they are \
               short.",
    },
    Lesson {
        id: "stay-active",
        title: "Keep doing what you can",
        text: "Resting for days rarely helps a back. Carrying on with your daily activities as \
               far as you can, and building them up slowly, usually helps more than stopping \
               them. Ask your therapist how to adapt an activity that is hard right now.",
    },
];

/// The lesson with this id, if Limber has one.
pub fn lesson(id: &str) -> Option<&'static Lesson> {
    LESSONS.iter().find(|l| l.id == id)
}

/// The lesson to offer on `today`, if any: the first not yet read, unless a lesson was closed
/// today already or a session is open in `log` (see the module documentation).
pub fn to_offer(
    log: &SessionLog,
    dismissals: &Dismissals,
    today: NaiveDate,
) -> Option<&'static Lesson> {
    if dismissals.lesson_closed_on == Some(today) || session_open(log) {
        return None;
    }
    LESSONS
        .iter()
        .find(|l| !dismissals.lessons_read.contains(l.id))
}

/// Whether a routine session is open (started, not finished).
pub(crate) fn session_open(log: &SessionLog) -> bool {
    log.sessions()
        .iter()
        .any(|s| !s.is_rest_day() && s.ended_at.is_none())
}

/// The lesson offered was closed on `today`: read ("Got it", `read`) or put off ("Not now").
/// Either way no other lesson is offered that day.
pub fn close(dismissals: &mut Dismissals, id: &str, read: bool, today: NaiveDate) {
    if read {
        dismissals.lessons_read.insert(id.to_owned());
    }
    dismissals.lesson_closed_on = Some(today);
}

#[cfg(test)]
mod tests {
    use chrono::{FixedOffset, TimeZone as _, Utc};

    use super::*;
    use crate::session::Session;

    fn date(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2027, 1, d).unwrap()
    }

    #[test]
    fn at_most_one_lesson_a_day_in_order_and_put_off_ones_come_back() {
        let log = SessionLog::default();
        let mut dismissals = Dismissals::default();
        let first = to_offer(&log, &dismissals, date(4)).unwrap();
        assert_eq!(first.id, LESSONS[0].id);
        close(&mut dismissals, first.id, true, date(4));
        assert_eq!(to_offer(&log, &dismissals, date(4)), None, "one a day");
        let second = to_offer(&log, &dismissals, date(5)).unwrap();
        assert_eq!(second.id, LESSONS[1].id);
        close(&mut dismissals, second.id, false, date(5));
        assert_eq!(
            to_offer(&log, &dismissals, date(5)),
            None,
            "not now: none more today"
        );
        assert_eq!(
            to_offer(&log, &dismissals, date(6)).map(|l| l.id),
            Some(LESSONS[1].id),
            "put off, it comes back another day"
        );
        for lesson in &LESSONS {
            close(&mut dismissals, lesson.id, true, date(7));
        }
        assert_eq!(to_offer(&log, &dismissals, date(30)), None, "all read");
    }

    #[test]
    fn no_lesson_while_a_session_is_open() {
        let mut log = SessionLog::default();
        let at = Utc.with_ymd_and_hms(2027, 1, 4, 9, 0, 0).unwrap();
        let mut session = Session::start(at, FixedOffset::east_opt(0).unwrap(), 1);
        log.put_session(session.clone());
        let dismissals = Dismissals::default();
        assert_eq!(to_offer(&log, &dismissals, date(4)), None);
        session.ended_at = Some(at + chrono::TimeDelta::minutes(20));
        log.put_session(session);
        assert!(to_offer(&log, &dismissals, date(4)).is_some(), "after it");
    }

    #[test]
    fn every_lesson_is_short_and_has_its_own_id() {
        for (i, lesson) in LESSONS.iter().enumerate() {
            assert!(
                lesson.text.split_whitespace().count() <= 70,
                "{}",
                lesson.id
            );
            assert!(LESSONS[..i].iter().all(|l| l.id != lesson.id));
            assert_eq!(super::lesson(lesson.id), Some(lesson));
        }
    }
}
