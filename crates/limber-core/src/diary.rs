//! The records a person keeps outside sessions, and the one place they change: pain logged at
//! any time, the PSFS activities, check-ins of the outcome measures, and the "Ask my therapist"
//! list.
//!
//! [`to_change`] checks a change against the log and turns it into the journal's [`Change`];
//! [`apply`] hands that to the [`Journal`], which says which month files it touched, so the
//! caller hands exactly those to the saver.

use chrono::NaiveDate;

use crate::body_area::BodyArea;
use crate::clock::Moment;
use crate::journal::{Applied, Change, Journal, JournalError};
use crate::log::SessionLog;
use crate::measures::{Activity, Answers, MeasureError, MeasureResponse, PSFS_MAX_ACTIVITIES};
use crate::pain_entry::{PainEntry, RecordId};
use crate::questions::Question;
use crate::session::PainScore;

/// The longest activity name kept, in characters.
pub const MAX_ACTIVITY_CHARS: usize = 80;

/// A change to the records kept outside sessions.
#[derive(Clone, Debug, PartialEq)]
pub enum DiaryChange {
    /// "How is your back now?": a pain rating, where it hurts, a few words.
    LogPain {
        /// Pain on the 0–10 scale.
        pain: PainScore,
        /// The areas marked on the back map.
        areas: Vec<BodyArea>,
        /// An optional note.
        note: String,
    },
    /// Write down a question for the therapist.
    AddQuestion(String),
    /// Mark a question as asked: it leaves the list and the visit brief.
    MarkAsked(RecordId),
    /// Name a new activity for the PSFS.
    AddActivity(String),
    /// Stop rating an activity (its old ratings stay).
    RetireActivity(RecordId),
    /// Record a check-in of one measure.
    CheckIn(Answers),
}

/// Why a change was refused. The messages are for the person.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DiaryError {
    /// An empty question.
    #[error("Write the question first.")]
    EmptyQuestion,
    /// An empty activity name.
    #[error("Name the activity first, for example \u{201c}reach the top shelf\u{201d}.")]
    EmptyActivity,
    /// The same activity named twice.
    #[error("\u{201c}{0}\u{201d} is already on your list.")]
    DuplicateActivity(String),
    /// More activities than the PSFS rates.
    #[error(
        "The scale rates at most {PSFS_MAX_ACTIVITIES} activities; retire one before adding another."
    )]
    TooManyActivities,
    /// The record is not in the log (deleted meanwhile, or already changed).
    #[error("That entry is no longer in your log.")]
    NotFound,
    /// The check-in's answers do not fit the measure.
    #[error(transparent)]
    Measure(#[from] MeasureError),
    /// The journal refused the change (a limit reached).
    #[error(transparent)]
    Journal(#[from] JournalError),
}

/// Applies `change` at `now` through the journal and says which months it touched. The log
/// is unchanged when an error is returned.
pub fn apply(
    journal: &mut Journal,
    change: DiaryChange,
    now: Moment,
) -> Result<Applied, DiaryError> {
    let change = to_change(journal.log(), change, now)?;
    Ok(journal.apply(change, now)?)
}

/// Checks `change` against the log at `now` and turns it into the [`Change`] of the records it
/// adds or alters (the diary's rules live here; the journal applies the change).
pub fn to_change(log: &SessionLog, change: DiaryChange, now: Moment) -> Result<Change, DiaryError> {
    let (utc, offset) = (now.utc, now.offset);
    match change {
        DiaryChange::LogPain { pain, areas, note } => Ok(Change::AddPainEntry(PainEntry::new(
            utc, offset, pain, areas, &note,
        ))),
        DiaryChange::AddQuestion(text) => {
            let question = Question::new(&text, utc, offset).ok_or(DiaryError::EmptyQuestion)?;
            Ok(Change::PutQuestion(question))
        }
        DiaryChange::MarkAsked(id) => {
            let mut question = log
                .question(&id)
                .filter(|q| q.is_open())
                .ok_or(DiaryError::NotFound)?
                .clone();
            question.asked_on = Some(now.local_date());
            Ok(Change::PutQuestion(question))
        }
        DiaryChange::AddActivity(name) => {
            let name: String = name.trim().chars().take(MAX_ACTIVITY_CHARS).collect();
            if name.is_empty() {
                return Err(DiaryError::EmptyActivity);
            }
            let active: Vec<&Activity> = active_activities(log).collect();
            if active
                .iter()
                .any(|a| a.name.to_lowercase() == name.to_lowercase())
            {
                return Err(DiaryError::DuplicateActivity(name));
            }
            if active.len() >= PSFS_MAX_ACTIVITIES {
                return Err(DiaryError::TooManyActivities);
            }
            Ok(Change::PutActivity(Activity::new(&name, utc, offset)))
        }
        DiaryChange::RetireActivity(id) => {
            let mut activity = log
                .activity(&id)
                .filter(|a| a.is_active())
                .ok_or(DiaryError::NotFound)?
                .clone();
            activity.retired_on = Some(now.local_date());
            Ok(Change::PutActivity(activity))
        }
        DiaryChange::CheckIn(answers) => Ok(Change::AddMeasure(MeasureResponse::new(
            log, answers, utc, offset,
        )?)),
    }
}

/// The activities still rated, in the order they were added.
pub fn active_activities(log: &SessionLog) -> impl Iterator<Item = &Activity> {
    log.activities().iter().filter(|a| a.is_active())
}

/// The questions still to ask, oldest first.
pub fn open_questions(log: &SessionLog) -> impl Iterator<Item = &Question> {
    log.questions().iter().filter(|q| q.is_open())
}

/// How often each area was marked (on pain entries and on sessions) between `first` and
/// `last`, most often first, ties in map order. Areas never marked are left out.
pub fn area_counts(log: &SessionLog, first: NaiveDate, last: NaiveDate) -> Vec<(BodyArea, usize)> {
    let mut counts = [0usize; BodyArea::ALL.len()];
    let within = |d: NaiveDate| (first..=last).contains(&d);
    let marked = log
        .pain_entries()
        .iter()
        .filter(|e| within(e.local_date))
        .flat_map(|e| e.areas.iter())
        .chain(
            log.sessions()
                .iter()
                .filter(|s| within(s.local_date))
                .flat_map(|s| s.pain_areas.iter()),
        );
    for area in marked {
        if let Some(i) = BodyArea::ALL.iter().position(|a| a == area) {
            counts[i] += 1;
        }
    }
    let mut found: Vec<(BodyArea, usize)> = BodyArea::ALL
        .into_iter()
        .zip(counts)
        .filter(|(_, n)| *n > 0)
        .collect();
    found.sort_by_key(|&(_, n)| std::cmp::Reverse(n));
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::measures::{ActivityRating, PgicAnswer, Rating};
    use chrono::{DateTime, FixedOffset, TimeZone, Utc};

    /// Applies `change` at `at` in `offset` and returns the dates it touched.
    fn apply_at(
        journal: &mut Journal,
        change: DiaryChange,
        at: DateTime<Utc>,
        offset: FixedOffset,
    ) -> Result<Vec<NaiveDate>, DiaryError> {
        let now = Moment::new(std::time::Instant::now(), at, offset);
        apply(journal, change, now).map(|applied| applied.dates)
    }

    fn now(day: u32, hour: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, day, hour, 0, 0).unwrap()
    }

    fn utc() -> FixedOffset {
        FixedOffset::east_opt(0).unwrap()
    }

    fn add(log: &mut Journal, change: DiaryChange, day: u32) -> Result<Vec<NaiveDate>, DiaryError> {
        apply_at(log, change, now(day, 9), utc())
    }

    #[test]
    fn pain_logged_any_time_counts_for_its_local_day() {
        let mut log = Journal::default();
        let tokyo = FixedOffset::east_opt(9 * 3600).unwrap();
        let change = DiaryChange::LogPain {
            pain: PainScore::new(4).unwrap(),
            areas: vec![BodyArea::RightRibs, BodyArea::NeckBase, BodyArea::RightRibs],
            note: "  after the drive ".into(),
        };
        // 20:00 UTC on the 1st is the 2nd in Tokyo: the entry and its month follow local time.
        let dates = apply_at(&mut log, change, now(1, 20), tokyo).unwrap();
        assert_eq!(dates, vec![NaiveDate::from_ymd_opt(2026, 3, 2).unwrap()]);
        let entry = &log.log().pain_entries()[0];
        assert_eq!(entry.areas, vec![BodyArea::NeckBase, BodyArea::RightRibs]);
        assert_eq!(entry.note, "after the drive");
    }

    #[test]
    fn questions_are_added_and_leave_the_list_once_asked() {
        let mut log = Journal::default();
        assert_eq!(
            add(&mut log, DiaryChange::AddQuestion("  ".into()), 1),
            Err(DiaryError::EmptyQuestion)
        );
        add(
            &mut log,
            DiaryChange::AddQuestion("Can I run again?".into()),
            1,
        )
        .unwrap();
        let id = log.log().questions()[0].id.clone();
        // Asked on the 20th, but the question lives in the month it was written in.
        let dates = apply_at(
            &mut log,
            DiaryChange::MarkAsked(id.clone()),
            now(20, 9),
            utc(),
        )
        .unwrap();
        assert_eq!(dates, vec![NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()]);
        assert_eq!(open_questions(log.log()).count(), 0);
        assert_eq!(
            add(&mut log, DiaryChange::MarkAsked(id), 21),
            Err(DiaryError::NotFound)
        );
    }

    #[test]
    fn at_most_five_distinct_activities_are_rated() {
        let mut log = Journal::default();
        assert_eq!(
            add(&mut log, DiaryChange::AddActivity(" ".into()), 1),
            Err(DiaryError::EmptyActivity)
        );
        for (i, name) in [
            "Reach the top shelf",
            "Carry shopping",
            "Sleep on my side",
            "Drive",
            "Lift my child",
        ]
        .into_iter()
        .enumerate()
        {
            apply_at(
                &mut log,
                DiaryChange::AddActivity(name.into()),
                now(1, 9) + chrono::Duration::seconds(i64::try_from(i).unwrap()),
                utc(),
            )
            .unwrap();
        }
        assert_eq!(
            add(&mut log, DiaryChange::AddActivity("Garden".into()), 2),
            Err(DiaryError::TooManyActivities)
        );
        assert!(matches!(
            add(&mut log, DiaryChange::AddActivity("drive".into()), 2),
            Err(DiaryError::DuplicateActivity(_))
        ));
        let drive = log.log().activities()[3].id.clone();
        add(&mut log, DiaryChange::RetireActivity(drive.clone()), 5).unwrap();
        assert_eq!(active_activities(log.log()).count(), 4);
        // Retired, it can be named again as a new activity, and is no longer rateable.
        add(&mut log, DiaryChange::AddActivity("Drive".into()), 6).unwrap();
        let ratings = vec![
            ActivityRating {
                activity: drive,
                rating: Rating::new(5).unwrap(),
            },
            ActivityRating {
                activity: log.log().activities()[0].id.clone(),
                rating: Rating::new(5).unwrap(),
            },
            ActivityRating {
                activity: log.log().activities()[1].id.clone(),
                rating: Rating::new(5).unwrap(),
            },
        ];
        let before = log.log().clone();
        assert_eq!(
            add(&mut log, DiaryChange::CheckIn(Answers::Psfs(ratings)), 7),
            Err(DiaryError::Measure(MeasureError::UnknownActivity))
        );
        assert_eq!(log.log(), &before, "a refused check-in changes nothing");
    }

    #[test]
    fn a_check_in_is_recorded_for_its_day() {
        let mut log = Journal::default();
        let dates = add(
            &mut log,
            DiaryChange::CheckIn(Answers::Pgic(PgicAnswer::Better)),
            9,
        )
        .unwrap();
        assert_eq!(dates, vec![NaiveDate::from_ymd_opt(2026, 3, 9).unwrap()]);
        assert_eq!(log.log().measures()[0].score(), Some(6.0));
    }

    #[test]
    fn areas_are_counted_from_entries_and_sessions_in_the_period() {
        let mut log = Journal::default();
        for (day, areas) in [
            (1, vec![BodyArea::LeftShoulderBlade]),
            (2, vec![BodyArea::LeftShoulderBlade, BodyArea::MidBack]),
            (30, vec![BodyArea::MidBack]),
        ] {
            let change = DiaryChange::LogPain {
                pain: PainScore::new(3).unwrap(),
                areas,
                note: String::new(),
            };
            add(&mut log, change, day).unwrap();
        }
        let mut session = crate::session::Session::start(now(3, 9), utc(), 1);
        session.pain_areas = vec![BodyArea::MidBack];
        let at = Moment::new(std::time::Instant::now(), now(3, 9), utc());
        let applied = log.apply(Change::PutSession(session), at).unwrap();
        assert_eq!(
            applied.dates,
            [NaiveDate::from_ymd_opt(2026, 3, 3).unwrap()]
        );
        let first = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        let last = NaiveDate::from_ymd_opt(2026, 3, 10).unwrap();
        assert_eq!(
            area_counts(log.log(), first, last),
            vec![(BodyArea::LeftShoulderBlade, 2), (BodyArea::MidBack, 2)]
        );
    }
}
