//! The visit brief: what a therapist looks at first at a follow-up, for the period of a report
//! (by default since the last export, that is, the last visit).
//!
//! Per measure the first and latest score and whether the change reaches the published
//! minimal important change; the latest PGIC answer; the areas marked on the back map; the
//! safety prompts the log raised during the period; and the questions the person wants to ask.

use chrono::{Days, NaiveDate};

use crate::body_area::BodyArea;
use crate::catalog::Routine;
use crate::diary;
use crate::measures::{self, ActivityChange, Answers, Change, MeasureKind, PgicAnswer};
use crate::prompts;
use crate::session::SessionLog;
use crate::stats;

use super::Period;

/// Prompts are looked for on every 7th day of at most this many days at the end of the period
/// (and on its last day), each time over the sessions of this many days before.
const PROMPT_LOOKBACK_DAYS: u64 = 91;
/// The sessions each prompt evaluation looks back over.
const PROMPT_WINDOW_DAYS: u64 = 60;

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
    /// The titles of the safety prompts raised during the period, each once.
    pub prompts: Vec<String>,
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

/// The brief of `period`.
pub fn visit_brief(log: &SessionLog, routine: &Routine, period: Period) -> VisitBrief {
    let (first, last) = (period.first_day(), period.last_day());
    let daily = stats::daily_pain(log);
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
        pain: measures::pain_change(&daily, first, last),
        measures,
        activities: measures::activity_changes(log, first, last),
        check_ins,
        pgic,
        areas: diary::area_counts(log, first, last),
        prompts: prompts_in(log, routine, first, last),
        questions: diary::open_questions(log).map(|q| q.text.clone()).collect(),
    }
}

/// The titles of the prompts the rules raised on days of the period, each once, in the order
/// first seen. Each day looked at sees only what had been logged by then.
fn prompts_in(
    log: &SessionLog,
    routine: &Routine,
    first: NaiveDate,
    last: NaiveDate,
) -> Vec<String> {
    let start = last
        .checked_sub_days(Days::new(PROMPT_LOOKBACK_DAYS))
        .map_or(first, |d| d.max(first));
    let mut days: Vec<NaiveDate> = start
        .iter_days()
        .take_while(|d| *d <= last)
        .step_by(7)
        .collect();
    if days.last() != Some(&last) {
        days.push(last);
    }
    let mut keys: Vec<String> = Vec::new();
    let mut titles = Vec::new();
    for day in days {
        let from = day
            .checked_sub_days(Days::new(PROMPT_WINDOW_DAYS))
            .unwrap_or(NaiveDate::MIN);
        let seen = SessionLog {
            sessions: log
                .sessions
                .iter()
                .filter(|s| (from..=day).contains(&s.local_date))
                .cloned()
                .collect(),
            check_ins: log
                .check_ins
                .iter()
                .filter(|c| c.local_date <= day)
                .cloned()
                .collect(),
            ..SessionLog::default()
        };
        for prompt in prompts::evaluate(&seen, routine, day) {
            // One line per kind of prompt: the same advice raised on several days is one entry.
            let kind = prompt.key.split(':').next().unwrap_or_default().to_owned();
            let key = format!("{kind}:{}", prompt.title);
            if !keys.contains(&key) {
                keys.push(key);
                titles.push(prompt.title);
            }
        }
    }
    titles
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_period_has_nothing_to_compare() {
        let log = SessionLog::default();
        let routine = Routine::built_in().unwrap();
        let day = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        let brief = visit_brief(&log, &routine, Period::new(day, day).unwrap());
        assert_eq!(brief.pain, None);
        assert!(brief.measures.is_empty() && brief.areas.is_empty() && brief.prompts.is_empty());
        assert_eq!(brief.meaningful().count(), 0);
    }
}
