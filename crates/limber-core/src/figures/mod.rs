//! Every figure Limber shows or exports, in one place: [`Figures`], built once per change of
//! the log, the routine or the date, and read by Progress, Today, the Export
//! screen, the PDF, the brief, the CSV tables and the FHIR bundle. Two copies of a rule always
//! drift; here each figure has one definition.
//!
//! Days are always a record's `local_date` (the calendar day the person lived it), never the
//! UTC date, so a late-evening session or a daylight-saving change never moves to another day.
//!
//! Definitions used throughout (they are shown to the therapist, so they are kept simple):
//! - **Daily pain**: the mean of every pain rating given on that day: sessions' before and
//!   after alike, and "How is your back now?" entries.
//! - **7-day mean** on a day: the mean of the daily pain of the rated days among that day and
//!   the six before it; none when none of those seven days has a rating.
//! - **Week means** of a period (the brief): the mean daily pain of the first seven days of the
//!   period's rated days, and of its last seven.
//! - **Dose**: one planned go at one exercise. Each exercise switched on in the routine in
//!   effect that day plans `times_per_day` doses a day (the built-in routine plans 13: ten
//!   exercises once and shrug rotations three times).
//! - **Dose done**: an exercise done in full in a session that day; **partly done**: done in
//!   part. Each exercise counts at most `times_per_day` doses a day, full ones first, so doing
//!   it four times on a 3× day still counts three. Exercises outside the plan that day count
//!   for nothing.
//! - **Adherence** over a period: doses done (in full or in part) ÷ doses planned, overall, per
//!   week and per exercise, as a whole percentage rounded half up (12.5 % reads 13 %). Rest
//!   days with nothing done plan nothing; days before the first entry of the log plan nothing.
//! - **Gentle day**: a day with a gentle session plans the doses of the gentle routine
//!   ([`gentle`]: each exercise once, in its gentle version), so it is done when that is done.
//! - **Full day**: every exercise of the day's plan done in full at least once (a 3× exercise
//!   done once counts; adherence still counts the other two doses as missed). **Partial
//!   day**: something done, but not a full day. **Rest day**: a rest day was logged and nothing
//!   was done. **Nothing**: none of these.
//! - **Streak**: consecutive days with something done, counted back from today. A rest day
//!   neither breaks the streak nor adds to it; today only counts once something was done, so
//!   the streak does not drop to zero in the morning.
//! - **Meaningful-change band**: [`MEANINGFUL_CHANGE_POINTS`] either side of the mean daily
//!   pain of the first seven rated days of the period shown.

pub mod chart_key;
mod content;
pub(crate) mod days;
mod exercises;
pub mod gentle;
mod pain;
mod plan;
mod raised;
mod worker;

use std::hash::{DefaultHasher, Hash as _, Hasher as _};
use std::sync::Arc;

use chrono::NaiveDate;

use crate::catalog::Routine;
use crate::log::SessionLog;
use crate::prompts::{self, Prompt};

pub use content::Content;
pub use days::{
    Adherence, DayStatus, FullDays, WeekAdherence, adherence, count_f64, current_streak,
    day_statuses, first_date, session_complete, session_done, session_included, week_start,
    weekly_adherence,
};
pub use exercises::{ExerciseStats, exercise_stats};
pub use pain::{
    PainSeries, SessionPain, WeekPain, daily_pain, rolling_average, rolling_average_on, weekly_pain,
};
pub use plan::{DayPlan, Plan, PlannedExercise, planned_doses_per_day};
pub use raised::RaisedPrompt;
pub use worker::FiguresWorker;

/// How many days the rolling mean spans (the day itself and the six before it).
pub const ROLLING_WINDOW_DAYS: u64 = 7;

/// The size of a change in pain that matters to a person on the 0–10 scale: the half-width of
/// the band on the chart and in the PDF, and the weekly rise that raises a prompt.
pub const MEANINGFUL_CHANGE_POINTS: f64 = prompts::WEEKLY_RISE_POINTS;

/// One line saying how adherence is counted, shown on Progress and on the PDF report.
pub const ADHERENCE_EXPLAINED: &str = "Adherence is counted by dose: each exercise counts once \
     for every time a day your routine asks for it (done in part counts, extra goes do not); \
     rest days plan nothing.";

/// The meaningful-change band: where pain would have to leave to have changed in a way that
/// matters, from the level at the start of a period.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Band {
    /// The mean daily pain of the first seven rated days of the period.
    pub level: f64,
    /// The lower edge (never below 0).
    pub low: f64,
    /// The upper edge (never above 10).
    pub high: f64,
}

/// What figures are built from.
#[derive(Clone, Copy, Debug)]
pub struct FiguresInput<'a> {
    /// The routine in use now.
    pub routine: &'a Routine,
    /// The routine in effect before the last change, if it is kept: the days it was followed
    /// plan its doses.
    pub previous_routine: Option<&'a Routine>,
    /// Today's local date.
    pub today: NaiveDate,
}

/// What a [`Figures`] was built for. The log is named by its revision (which changes with
/// every change); the routines by a fingerprint of what the figures read from them. The
/// dismissals are not part of it: they are applied when prompts are read
/// ([`Figures::active_prompts`]), so closing a prompt hides it at once and rebuilds nothing. A new revision whose log differs from the last one only in session notes does not
/// rebuild anything: [`FiguresWorker`] compares the inputs that matter and re-keys the figures
/// it has (see [`same_figure_inputs`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct FiguresKey {
    /// The log's revision.
    pub log_revision: u64,
    /// Today's local date.
    pub today: NaiveDate,
    /// A fingerprint of the routine and the one before it (versions, enabled exercises, names
    /// and times a day, their easier and harder versions' included).
    pub routine: u64,
}

impl FiguresKey {
    /// The key of `input` with the log at `log_revision`.
    pub fn new(input: &FiguresInput<'_>, log_revision: u64) -> FiguresKey {
        let mut routine = DefaultHasher::new();
        for version in std::iter::once(input.routine).chain(input.previous_routine) {
            version.version.hash(&mut routine);
            version.name.hash(&mut routine);
            for exercise in version.enabled() {
                exercise.id.hash(&mut routine);
                exercise.name.hash(&mut routine);
                exercise.dose.times_per_day.hash(&mut routine);
                for variant in exercise.easier.iter().chain(&exercise.harder) {
                    variant.dose.map(|d| d.times_per_day).hash(&mut routine);
                }
            }
        }
        FiguresKey {
            log_revision,
            today: input.today,
            routine: routine.finish(),
        }
    }
}

/// Whether two logs give the same figures: equal but for the sessions' notes, which no figure
/// reads. (The records themselves, notes included, are always read from the newer log.)
pub fn same_figure_inputs(a: &SessionLog, b: &SessionLog) -> bool {
    a.sessions().len() == b.sessions().len()
        && a.sessions().iter().zip(b.sessions()).all(|(x, y)| {
            if x.notes == y.notes {
                x == y
            } else {
                let mut y = y.clone();
                y.notes.clone_from(&x.notes);
                *x == y
            }
        })
        && a.check_ins() == b.check_ins()
        && a.exports() == b.exports()
        && a.pain_entries() == b.pain_entries()
        && a.sign_records() == b.sign_records()
        && a.measures() == b.measures()
        && a.activities() == b.activities()
        && a.questions() == b.questions()
        && a.version_choices() == b.version_choices()
        && a.prompts() == b.prompts()
}

/// Every figure of one log, routine and date. Cheap to share (`Arc`), never
/// changed once built.
#[derive(Clone, Debug)]
pub struct Figures {
    key: FiguresKey,
    log: Arc<SessionLog>,
    /// Shared, so that figures re-keyed for a notes-only change cost nothing to make.
    built: Arc<Built>,
}

/// What [`Figures::build`] works out.
#[derive(Debug)]
struct Built {
    routine: Routine,
    today: NaiveDate,
    plan: Plan,
    days: days::DayMap,
    first_date: Option<NaiveDate>,
    pain: PainSeries,
    weekly_pain: Vec<WeekPain>,
    today_prompts: Vec<Prompt>,
    check_in_due: bool,
    streak: u32,
    content: Content,
}

impl Figures {
    /// Builds every figure of `log` for `input` (about 4 ms for a ten-year log in release; see
    /// `benches/figures.rs`). The log is kept, shared, for the readers that list records.
    pub fn build(log: Arc<SessionLog>, input: &FiguresInput<'_>, key: FiguresKey) -> Figures {
        let earlier: Vec<&Routine> = input.previous_routine.into_iter().collect();
        let plan = Plan::from_versions(&log, input.routine, &earlier);
        let days = days::summarise_days(&log);
        let today = input.today;
        let pain = PainSeries::new(pain::daily_pain_in(&days, &log), today);
        let today_prompts = prompts::evaluate_on(&log, input.routine, pain.daily(), today);
        let built = Built {
            routine: input.routine.clone(),
            today,
            first_date: first_date(&log),
            weekly_pain: weekly_pain(&log),
            check_in_due: prompts::check_in_due(&log, today, None),
            streak: days::current_streak_in(&days, &plan, today),
            content: Content::of(&log, pain.daily()),
            plan,
            days,
            pain,
            today_prompts,
        };
        Figures {
            key,
            log,
            built: Arc::new(built),
        }
    }

    /// Builds the figures of a log borrowed for the moment (a copy is kept): for the command
    /// line and tests, which need no worker.
    pub fn of(log: &SessionLog, input: &FiguresInput<'_>) -> Figures {
        Figures::build(Arc::new(log.clone()), input, FiguresKey::new(input, 0))
    }

    /// These figures under `key`, with `log` (which [`same_figure_inputs`] found to give the
    /// same figures) as the log records are read from.
    #[must_use]
    pub fn rekeyed(&self, key: FiguresKey, log: Arc<SessionLog>) -> Figures {
        Figures {
            key,
            log,
            built: Arc::clone(&self.built),
        }
    }

    /// What these figures were built for.
    pub fn key(&self) -> FiguresKey {
        self.key
    }

    /// The log they were built from.
    pub fn log(&self) -> &SessionLog {
        &self.log
    }

    /// The routine in use when they were built.
    pub fn routine(&self) -> &Routine {
        &self.built.routine
    }

    /// The day they were built for.
    pub fn today(&self) -> NaiveDate {
        self.built.today
    }

    /// What the routine asked for on each day.
    pub fn plan(&self) -> &Plan {
        &self.built.plan
    }

    /// The first local date in the log, if any.
    pub fn first_date(&self) -> Option<NaiveDate> {
        self.built.first_date
    }

    /// The daily pain series and its 7-day mean.
    pub fn pain(&self) -> &PainSeries {
        &self.built.pain
    }

    /// Weekly mean pain before and after sessions, for every week with a session.
    pub fn weekly_pain(&self) -> &[WeekPain] {
        &self.built.weekly_pain
    }

    /// The meaningful-change band of a period starting on `from`; none when nothing is rated
    /// from then on.
    pub fn band(&self, from: NaiveDate) -> Option<Band> {
        let level = self.built.pain.starting_level(from)?;
        Some(Band {
            level,
            low: (level - MEANINGFUL_CHANGE_POINTS).max(0.0),
            high: (level + MEANINGFUL_CHANGE_POINTS).min(10.0),
        })
    }

    /// Mean pain before and after the sessions from `from` to `to`.
    pub fn session_pain(&self, from: NaiveDate, to: NaiveDate) -> SessionPain {
        pain::session_pain_in(&self.built.days, from, to)
    }

    /// Goes of `exercise_id` done on `date` (in full or in part; routine sessions and desk
    /// breaks alike, so shrug rotations planned 3× a day can be met by breaks), and the times
    /// a day the plan of that date asks for (0 when it does not hold the exercise).
    pub fn goes_on(&self, date: NaiveDate, exercise_id: &str) -> (u32, u32) {
        let done = self
            .built
            .days
            .get(&date)
            .map_or(0, |day| day.goes(exercise_id));
        let planned = self
            .built
            .plan
            .on(date)
            .exercises
            .iter()
            .find(|e| &*e.id == exercise_id)
            .map_or(0, |e| e.times_per_day);
        (done, planned)
    }

    /// Doses done against doses planned from `from` to `to`, both included.
    pub fn adherence(&self, from: NaiveDate, to: NaiveDate) -> Adherence {
        days::adherence_from_days(&self.built.days, &self.built.plan, from, to)
    }

    /// Full days among the days that planned doses, from `from` to `to`.
    pub fn full_days(&self, from: NaiveDate, to: NaiveDate) -> FullDays {
        days::full_days_in(&self.built.days, &self.built.plan, from, to)
    }

    /// Adherence for each of the last `weeks` weeks up to today, oldest first.
    pub fn weekly_adherence(&self, weeks: u32) -> Vec<WeekAdherence> {
        days::weekly_adherence_in(&self.built.days, &self.built.plan, weeks, self.built.today)
    }

    /// The status of every date from `from` to `to`, both included.
    pub fn day_statuses(&self, from: NaiveDate, to: NaiveDate) -> Vec<(NaiveDate, DayStatus)> {
        days::day_statuses_in(&self.built.days, &self.built.plan, from, to)
    }

    /// The goes done beyond the plan on each date from `from` to `to` that had any (a bonus on
    /// the calendar; adherence counts by dose and leaves them out).
    pub fn extra_doses(&self, from: NaiveDate, to: NaiveDate) -> Vec<(NaiveDate, u32)> {
        days::extra_doses_in(&self.built.days, &self.built.plan, from, to)
    }

    /// The current streak in days.
    pub fn streak(&self) -> u32 {
        self.built.streak
    }

    /// Figures for every exercise from `from` to `to` (see [`exercise_stats`]).
    pub fn exercise_stats(&self, from: NaiveDate, to: NaiveDate) -> Vec<ExerciseStats> {
        exercises::exercise_stats_in(&self.built.days, &self.log, &self.built.plan, from, to)
    }

    /// Every prompt the rules raise today, dismissed or not, in the order Today shows them.
    pub fn prompts_today(&self) -> &[Prompt] {
        &self.built.today_prompts
    }

    /// The prompts of today the person has not closed on the record of `log` (the journal's
    /// log, which may be newer than the one these figures were built from: a prompt hidden a
    /// moment ago goes at once, and nothing is rebuilt for it).
    pub fn active_prompts(&self, log: &SessionLog) -> Vec<Prompt> {
        self.built
            .today_prompts
            .iter()
            .filter(|p| !crate::prompt_record::is_closed(log, &p.key))
            .cloned()
            .collect()
    }

    /// Every prompt the rules raised on a day from `from` to `to` (each day seeing only what
    /// was logged by then; no later than the day the figures are for), in the order first
    /// raised. Worked out when asked: about 1 ms a day over a ten-year log.
    pub fn prompts_raised(&self, from: NaiveDate, to: NaiveDate) -> Vec<RaisedPrompt> {
        let Some(first) = self.built.first_date else {
            return Vec::new();
        };
        raised::raise_in(
            &self.log,
            &self.built.routine,
            self.built.pain.daily(),
            from.max(first),
            to.min(self.built.today),
        )
    }

    /// Whether the weekly check-in is due today, before looking at "Not now".
    pub fn check_in_due(&self) -> bool {
        self.built.check_in_due
    }

    /// What each export format would find in a period: the one rule for "this period has
    /// content".
    pub fn content(&self) -> &Content {
        &self.built.content
    }
}

#[cfg(test)]
mod tests;
