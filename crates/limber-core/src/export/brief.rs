//! The visit brief: what a therapist looks at first at a follow-up, for the period of a report
//! (by default since the last export, that is, the last visit).
//!
//! Per measure the first and latest score and whether the change reaches the published
//! minimal important change; the latest PGIC answer; the areas marked on the back map; the
//! safety prompts the log raised during the period; and the questions the person wants to ask.

use chrono::NaiveDate;

use crate::body_area::BodyArea;
use crate::diary;
use crate::figures::Figures;
use crate::measures::{self, ActivityChange, Answers, Change, MeasureKind, PgicAnswer};

use super::Period;
use super::brief_safety::{PromptsShown, pain_limits_line, prompts_shown};

/// Everything the brief shows.
#[derive(Clone, Debug, PartialEq)]
pub struct VisitBrief {
    /// Pain on the 0–10 scale (first week against last week), when there are enough ratings.
    pub pain: Option<Change>,
    /// The PSFS and PEG changes, for those with two check-ins or more in the period.
    pub measures: Vec<Change>,
    /// Each PSFS activity rated twice or more in the period, with its own flag.
    pub activities: Vec<ActivityChange>,
    /// How many check-ins of each measure lie in the period (PSFS, PEG, PGIC).
    pub check_ins: [usize; 3],
    /// The latest PGIC answer in the period and its date.
    pub pgic: Option<(NaiveDate, PgicAnswer)>,
    /// The areas marked, most often first.
    pub areas: Vec<(BodyArea, usize)>,
    /// The messages Limber showed during the period, with their dates (see
    /// [`super::brief_safety`]).
    pub prompts: PromptsShown,
    /// The pain limits of the routine, in one line.
    pub pain_limits: String,
    /// The questions still to ask, oldest first.
    pub questions: Vec<String>,
}

impl VisitBrief {
    /// The changes that reach their threshold (each measure's own, see
    /// [`measures::Compared::threshold`]), PSFS activities last.
    pub fn meaningful(&self) -> impl Iterator<Item = &Change> {
        self.pain
            .iter()
            .chain(&self.measures)
            .chain(self.activities.iter().map(|a| &a.change))
            .filter(|c| c.meaningful)
    }
}

/// The brief of `period`: the pain comparison reads the figures' daily series, the prompts
/// are those the figures found raised on the period's days.
pub fn visit_brief(figures: &Figures, period: Period) -> VisitBrief {
    let log = figures.log();
    let (first, last) = (period.first_day(), period.last_day());
    let measures = [MeasureKind::Psfs, MeasureKind::Peg]
        .into_iter()
        .filter_map(|kind| measures::measure_change(log, kind, first, last))
        .collect();
    let check_ins = MeasureKind::ALL.map(|kind| measures::responses(log, kind, first, last).len());
    let pgic = measures::responses(log, MeasureKind::Pgic, first, last)
        .last()
        .and_then(|m| match m.answers {
            Answers::Pgic(answer) => Some((m.local_date, answer)),
            _ => None,
        });
    VisitBrief {
        pain: measures::pain_change(figures.pain().daily(), first, last),
        measures,
        activities: measures::activity_changes(log, first, last),
        check_ins,
        pgic,
        areas: diary::area_counts(log, first, last),
        prompts: prompts_shown(figures, first, last),
        pain_limits: pain_limits_line(figures.routine()),
        questions: diary::open_questions(log).map(|q| q.text.clone()).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_period_has_nothing_to_compare() {
        let log = crate::log::SessionLog::default();
        let routine = crate::catalog::Routine::built_in().unwrap();
        let day = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        let input = crate::figures::FiguresInput {
            routine: &routine,
            previous_routine: None,
            today: day,
        };
        let figures = Figures::of(&log, &input);
        let brief = visit_brief(&figures, Period::new(day, day).unwrap());
        assert_eq!(brief.pain, None);
        assert!(brief.measures.is_empty() && brief.areas.is_empty() && brief.prompts.is_empty());
        assert_eq!(brief.meaningful().count(), 0);
    }
}
