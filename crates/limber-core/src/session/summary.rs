//! What the end card says about a session just saved: how many exercises were done and how the
//! pain went ("Session saved · 8 exercises · pain 4 → 3"). One home for that rule, so the card,
//! its screen-reader name and the tests agree.

use super::{Completion, PainScore, Session};

/// The few figures of a finished session that the end card shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SessionSummary {
    /// Exercises done, in full or in part (an exercise left out is not counted).
    pub exercises_done: usize,
    /// Pain before the session, if given.
    pub pain_before: Option<PainScore>,
    /// Pain after the session, if given.
    pub pain_after: Option<PainScore>,
}

impl SessionSummary {
    /// The summary of `session` as it was saved.
    pub fn of(session: &Session) -> SessionSummary {
        SessionSummary {
            exercises_done: session
                .exercises
                .iter()
                .filter(|r| r.completion != Completion::Skipped)
                .count(),
            pain_before: session.pain_before,
            pain_after: session.pain_after,
        }
    }

    /// The count in words: "1 exercise", "8 exercises", "no exercises".
    pub fn exercises_text(&self) -> String {
        match self.exercises_done {
            0 => "no exercises".to_owned(),
            1 => "1 exercise".to_owned(),
            n => format!("{n} exercises"),
        }
    }

    /// The pain before and after: "pain 4 → 3", with "—" for an answer not given; `None` when
    /// neither was given (the card then says nothing about pain).
    pub fn pain_text(&self) -> Option<String> {
        if self.pain_before.is_none() && self.pain_after.is_none() {
            return None;
        }
        let score =
            |p: Option<PainScore>| p.map_or("\u{2014}".to_owned(), |p| p.value().to_string());
        Some(format!(
            "pain {} \u{2192} {}",
            score(self.pain_before),
            score(self.pain_after)
        ))
    }

    /// The whole line: "Session saved · 8 exercises · pain 4 → 3".
    pub fn headline(&self) -> String {
        let mut parts = vec!["Session saved".to_owned(), self.exercises_text()];
        parts.extend(self.pain_text());
        parts.join(" \u{b7} ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::ExerciseRecord;

    fn pain(value: u8) -> Option<PainScore> {
        PainScore::new(value)
    }

    fn summary(done: usize, before: Option<PainScore>, after: Option<PainScore>) -> SessionSummary {
        SessionSummary {
            exercises_done: done,
            pain_before: before,
            pain_after: after,
        }
    }

    #[test]
    fn the_headline_names_the_count_and_both_pains() {
        assert_eq!(
            summary(8, pain(4), pain(3)).headline(),
            "Session saved \u{b7} 8 exercises \u{b7} pain 4 \u{2192} 3"
        );
    }

    #[test]
    fn a_missing_pain_is_a_dash_and_none_at_all_is_left_out() {
        assert_eq!(
            summary(1, pain(4), None).headline(),
            "Session saved \u{b7} 1 exercise \u{b7} pain 4 \u{2192} \u{2014}"
        );
        assert_eq!(
            summary(2, None, pain(0)).pain_text().as_deref(),
            Some("pain \u{2014} \u{2192} 0")
        );
        assert_eq!(
            summary(0, None, None).headline(),
            "Session saved \u{b7} no exercises"
        );
    }

    #[test]
    fn exercises_done_in_part_count_and_those_left_out_do_not() {
        let record = |id: &str, completion| ExerciseRecord {
            exercise_id: id.into(),
            name: id.into(),
            completion,
            ..ExerciseRecord::default()
        };
        let offset = chrono::FixedOffset::east_opt(0).unwrap();
        let mut session = Session::start(chrono::Utc::now(), offset, 1);
        session.exercises = vec![
            record("a", Completion::Done),
            record(
                "b",
                Completion::Partial {
                    sets_done: 0,
                    reps_done: 1,
                },
            ),
            record("c", Completion::Skipped),
        ];
        session.pain_before = pain(5);
        let summary = SessionSummary::of(&session);
        assert_eq!(summary.exercises_done, 2);
        assert_eq!(summary.pain_before, pain(5));
        assert_eq!(summary.pain_after, None);
    }
}
