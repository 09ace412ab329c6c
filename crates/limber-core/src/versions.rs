//! Which version of each exercise a person does: dated choices in the log, not routine edits.
//!
//! Choosing "Harder" on a card adds a [`VersionChoice`] to the log (through
//! [`crate::journal::Change::ChooseVersion`]). The version in force on a day is the latest
//! choice dated on or before it, so the days before a choice keep the version they were done
//! in, and their planned doses and adherence stay as they were. Saving choices as routine edits
//! would not do: every routine save makes a new routine version, and only one earlier version
//! is kept.

use chrono::{DateTime, FixedOffset, NaiveDate, Offset as _, Utc};
use serde::{Deserialize, Serialize};

use crate::catalog::{Exercise, Routine, Version};
use crate::log::SessionLog;
use crate::pain_entry::RecordId;

/// One choice of version, as the log keeps it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VersionChoice {
    /// Unique id; importing a backup merges by it.
    pub id: RecordId,
    /// When it was chosen, in UTC.
    pub at: DateTime<Utc>,
    /// The local offset from UTC at the time, in seconds east.
    #[serde(deserialize_with = "crate::session::offset_secs")]
    pub utc_offset_secs: i32,
    /// The local date it takes effect on.
    pub local_date: NaiveDate,
    /// The exercise's catalog id.
    pub exercise_id: String,
    /// The exercise's name at the time, so the brief reads well after a rename.
    pub exercise: String,
    /// The version chosen.
    pub version: Version,
    /// The version's name at the time ("hips up"); empty for the standard version.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub version_name: String,
}

impl VersionChoice {
    /// A choice of `version` of `exercise` made at `now` in the time zone `offset`, in force
    /// from that local day on.
    pub fn new(
        now: DateTime<Utc>,
        offset: FixedOffset,
        exercise: &Exercise,
        version: Version,
    ) -> VersionChoice {
        VersionChoice {
            id: RecordId::new(now),
            at: now,
            utc_offset_secs: offset.local_minus_utc(),
            local_date: now.with_timezone(&offset).date_naive(),
            exercise_id: exercise.id.clone(),
            exercise: exercise.name.clone(),
            version,
            version_name: exercise
                .variant(version)
                .map(|v| v.name.clone())
                .unwrap_or_default(),
        }
    }

    /// The local offset it was made in (UTC if the stored value is impossible).
    pub fn offset(&self) -> FixedOffset {
        FixedOffset::east_opt(self.utc_offset_secs).unwrap_or(Utc.fix())
    }
}

/// The version of `exercise_id` in force on `date`: the latest choice dated on or before it
/// (the later one of two on the same day), or the standard version when there is none.
pub fn in_force(log: &SessionLog, exercise_id: &str, date: NaiveDate) -> Version {
    log.version_choices()
        .iter()
        .filter(|c| c.exercise_id == exercise_id && c.local_date <= date)
        .max_by_key(|c| (c.local_date, c.at))
        .map_or(Version::STANDARD, |c| c.version)
}

/// The routine as done on `date`: each exercise in the version in force that day (see
/// [`Routine::in_versions`]).
pub fn routine_on(routine: &Routine, log: &SessionLog, date: NaiveDate) -> Routine {
    if log.version_choices().is_empty() {
        return routine.clone();
    }
    routine.in_versions(|id| in_force(log, id, date))
}

/// The changes of version that took effect from `from` to `to`, one line for the brief:
/// "Crab pose: harder version (hips up) from 3 Jan; Crab pose: back to the standard version
/// from 5 Jan", with the names the choices were made under. A choice that left the version as
/// it was is not a change. `None` when nothing changed.
pub fn changes_line(log: &SessionLog, from: NaiveDate, to: NaiveDate) -> Option<String> {
    // Each exercise's last choice of each day, in the order they took effect.
    let mut last_of_day: Vec<&VersionChoice> = Vec::new();
    for choice in log.version_choices() {
        if !(from..=to).contains(&choice.local_date) {
            continue;
        }
        let same_day = |c: &&VersionChoice| {
            c.exercise_id == choice.exercise_id && c.local_date == choice.local_date
        };
        match last_of_day.iter_mut().find(|c| same_day(c)) {
            Some(kept) if kept.at <= choice.at => *kept = choice,
            Some(_) => {}
            None => last_of_day.push(choice),
        }
    }
    last_of_day.sort_by_key(|c| (c.local_date, c.at));
    let parts: Vec<String> = last_of_day
        .into_iter()
        .filter(|c| {
            let before = c
                .local_date
                .pred_opt()
                .map_or(Version::STANDARD, |day| in_force(log, &c.exercise_id, day));
            before != c.version
        })
        .map(|c| {
            let what = if c.version.is_standard() {
                "back to the standard version".to_owned()
            } else if c.version_name.is_empty() {
                format!("{} version", c.version.label().to_lowercase())
            } else {
                let label = c.version.label().to_lowercase();
                format!("{label} version ({})", c.version_name)
            };
            format!(
                "{}: {what} from {}",
                c.exercise,
                c.local_date.format("%-d %b")
            )
        })
        .collect();
    (!parts.is_empty()).then(|| parts.join("; "))
}

#[cfg(test)]
mod tests {
    use std::time::Instant;

    use chrono::TimeZone as _;

    use super::*;
    use crate::catalog::Exercise;
    use crate::clock::Moment;
    use crate::journal::{Change, Journal};

    fn date(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2027, 1, d).unwrap()
    }

    fn at(d: u32, h: u32) -> Moment {
        let utc = Utc.with_ymd_and_hms(2027, 1, d, h, 0, 0).unwrap();
        Moment::new(Instant::now(), utc, FixedOffset::east_opt(0).unwrap())
    }

    fn choose(journal: &mut Journal, id: &str, version: Version, now: Moment) {
        let routine = Routine::built_in().unwrap();
        let fallback = Exercise::new(id, id, crate::catalog::Category::Mobility, DOSE);
        let exercise = routine.exercise(id).unwrap_or(&fallback);
        let change =
            Change::ChooseVersion(VersionChoice::new(now.utc, now.offset, exercise, version));
        let applied = journal.apply(change, now).unwrap();
        assert_eq!(applied.dates, [now.local_date()], "saved in its own month");
    }

    const DOSE: crate::catalog::Dose = crate::catalog::Dose {
        sets: 1,
        reps: 5,
        hold_secs: 5,
        rest_secs: 0,
        per_side: false,
        times_per_day: 1,
    };

    #[test]
    fn the_version_in_force_is_the_latest_choice_on_or_before_the_day() {
        let mut journal = Journal::default();
        let log = |j: &Journal| j.log().clone();
        assert_eq!(
            in_force(&log(&journal), "open-book", date(3)),
            Version::STANDARD
        );
        choose(&mut journal, "open-book", Version::HARDER, at(3, 9));
        let now = log(&journal);
        assert_eq!(in_force(&now, "open-book", date(2)), Version::STANDARD);
        assert_eq!(in_force(&now, "open-book", date(3)), Version::HARDER);
        assert_eq!(in_force(&now, "open-book", date(20)), Version::HARDER);
        assert_eq!(in_force(&now, "crab-pose", date(20)), Version::STANDARD);
        // Two choices on one day: the later one holds.
        choose(&mut journal, "open-book", Version::EASIER, at(5, 8));
        choose(&mut journal, "open-book", Version::STANDARD, at(5, 18));
        let now = log(&journal);
        assert_eq!(in_force(&now, "open-book", date(4)), Version::HARDER);
        assert_eq!(in_force(&now, "open-book", date(5)), Version::STANDARD);
    }

    #[test]
    fn the_brief_lists_each_change_in_one_line() {
        let mut journal = Journal::default();
        choose(&mut journal, "crab-pose", Version::HARDER, at(3, 9));
        choose(&mut journal, "iyt-poses", Version::EASIER, at(4, 9));
        choose(&mut journal, "iyt-poses", Version::STANDARD, at(4, 10));
        choose(&mut journal, "wall-angel-slides", Version::EASIER, at(6, 9));
        choose(
            &mut journal,
            "wall-angel-slides",
            Version::STANDARD,
            at(8, 9),
        );
        let line = changes_line(journal.log(), date(1), date(31)).unwrap();
        assert_eq!(
            line,
            "Crab pose: harder version (hips up) from 3 Jan; Wall angel slides: easier version \
             (halfway up) from 6 Jan; Wall angel slides: back to the standard version from 8 Jan"
        );
        assert_eq!(changes_line(journal.log(), date(9), date(31)), None);
    }

    #[test]
    fn choices_merge_on_import_by_id() {
        let mut ours = Journal::default();
        choose(&mut ours, "crab-pose", Version::HARDER, at(3, 9));
        let mut theirs = Journal::default();
        choose(&mut theirs, "swimmers", Version::EASIER, at(4, 9));
        let incoming = theirs.log().clone();
        let import = |incoming: SessionLog| Change::Import {
            incoming,
            prefer: crate::log::Prefer::Ours,
        };
        let applied = ours.apply(import(incoming.clone()), at(5, 9)).unwrap();
        assert!(!applied.months.is_empty());
        assert_eq!(ours.log().version_choices().len(), 2);
        let applied = ours.apply(import(incoming), at(5, 10)).unwrap();
        assert!(applied.merged.is_some());
        assert_eq!(
            ours.log().version_choices().len(),
            2,
            "the same choice once"
        );
        assert_eq!(in_force(ours.log(), "swimmers", date(4)), Version::EASIER);
    }

    #[test]
    fn a_version_s_dose_plans_the_days_from_its_choice_on_and_not_before() {
        use crate::catalog::{Category, Dose, Variant};
        use crate::figures::{Plan, adherence};
        use crate::session::{Completion, ExerciseRecord, Session};
        let dose = DOSE;
        let harder = Variant {
            name: "twice a day".into(),
            change: "Done morning and evening.".into(),
            steps: Vec::new(),
            step_changes: Vec::new(),
            dose: Some(Dose {
                times_per_day: 2,
                ..dose
            }),
            illustration: None,
            ask_therapist_first: false,
        };
        let routine = Routine {
            version: 1,
            name: String::new(),
            exercises: vec![Exercise {
                harder: vec![harder],
                ..Exercise::new("shrugs", "Shrugs", Category::Mobility, dose)
            }],
            pain_model: crate::catalog::PainModel::default(),
            progression: crate::catalog::Progression::default(),
            break_routine: crate::catalog::BreakRoutine::default(),
        };
        let mut journal = Journal::default();
        for day in 1..=3 {
            let mut session = Session::start(at(day, 9).utc, at(day, 9).offset, 1);
            session.exercises.push(ExerciseRecord {
                exercise_id: "shrugs".into(),
                name: "Shrugs".into(),
                completion: Completion::Done,
                version: in_force(journal.log(), "shrugs", date(day)),
                ..ExerciseRecord::default()
            });
            let applied = journal.apply(Change::PutSession(session), at(day, 9));
            assert!(applied.is_ok());
            if day == 2 {
                let before = Plan::from_versions(journal.log(), &routine, &[]);
                let yesterday = adherence(journal.log(), &before, date(2), date(2));
                choose(&mut journal, "shrugs", Version::HARDER, at(3, 8));
                let after = Plan::from_versions(journal.log(), &routine, &[]);
                assert_eq!(
                    after.on(date(2)).doses(),
                    1,
                    "the day before keeps its plan"
                );
                assert_eq!(
                    after.on(date(3)).doses(),
                    2,
                    "planned twice from the choice on"
                );
                assert_eq!(
                    adherence(journal.log(), &after, date(2), date(2)),
                    yesterday,
                    "yesterday's adherence is unchanged"
                );
            }
        }
        let plan = Plan::from_versions(journal.log(), &routine, &[]);
        let today = adherence(journal.log(), &plan, date(3), date(3));
        assert_eq!((today.done, today.planned), (1, 2), "one of two doses done");
        let records = &journal.log().sessions()[2].exercises;
        assert_eq!(records[0].version, Version::HARDER);
        assert_eq!(
            journal.log().sessions()[1].exercises[0].version,
            Version::STANDARD
        );
    }
}
