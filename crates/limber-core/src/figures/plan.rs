//! What the routine asked for on each day: the dose plan, by routine version.

use std::collections::BTreeMap;

use arcstr::ArcStr;
use chrono::{Days, NaiveDate};

use crate::catalog::{Routine, Version};
use crate::log::SessionLog;

/// One exercise a day's plan asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlannedExercise {
    /// The catalog id.
    pub id: ArcStr,
    /// The name in that routine.
    pub name: String,
    /// Doses a day, in the version in force that day.
    pub times_per_day: u32,
    /// Doses a day of each version the routine lists, standard first (a version may have a
    /// dose of its own).
    pub(super) times_by_version: Vec<(Version, u32)>,
    /// Doses a day on a gentle day, by the version in force (see [`super::gentle`]).
    pub(super) gentle_by_version: Vec<(Version, u32)>,
    /// Doses a day on a gentle day, in the version in force that day.
    pub(super) gentle_times_per_day: u32,
}

/// What a routine asks for each day: its enabled exercises, in order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DayPlan {
    /// The enabled exercises with their times a day.
    pub exercises: Vec<PlannedExercise>,
}

impl DayPlan {
    /// The plan of a routine: its enabled exercises.
    pub fn of(routine: &Routine) -> DayPlan {
        DayPlan {
            exercises: routine
                .enabled()
                .map(|e| {
                    let versions = || std::iter::once(Version::STANDARD).chain(Version::levels(e));
                    let gentle_times =
                        |version| super::gentle::exercise(e, version).dose.times_per_day;
                    PlannedExercise {
                        id: ArcStr::from(e.id.as_str()),
                        name: e.name.clone(),
                        times_per_day: e.dose.times_per_day,
                        times_by_version: versions()
                            .map(|version| (version, e.dose_of(version).times_per_day))
                            .collect(),
                        gentle_by_version: versions().map(|v| (v, gentle_times(v))).collect(),
                        gentle_times_per_day: gentle_times(Version::STANDARD),
                    }
                })
                .collect(),
        }
    }

    /// The plan of a gentle day: each exercise at its gentle doses a day (see
    /// [`super::gentle::exercise`]).
    #[must_use]
    pub fn gentle(&self) -> DayPlan {
        DayPlan {
            exercises: self
                .exercises
                .iter()
                .map(|e| PlannedExercise {
                    times_per_day: e.gentle_times_per_day,
                    ..e.clone()
                })
                .collect(),
        }
    }

    /// Doses planned in one day.
    pub fn doses(&self) -> u32 {
        self.exercises.iter().map(|e| e.times_per_day).sum()
    }

    pub(super) fn times_per_day(&self, id: &str) -> Option<u32> {
        self.exercises
            .iter()
            .find(|e| &*e.id == id)
            .map(|e| e.times_per_day)
    }
}

/// What the routine asked for on each day: a day plan and the date it took effect, for every
/// routine version that was followed. The first plan also covers every earlier day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    /// (first day, plan), oldest first; never empty.
    periods: Vec<(NaiveDate, DayPlan)>,
    /// The plan of each gentle day, in place of its period's (see [`Plan::with_gentle_days`]).
    gentle_days: BTreeMap<NaiveDate, DayPlan>,
}

impl From<&Routine> for Plan {
    fn from(routine: &Routine) -> Plan {
        Plan::steady(routine)
    }
}

impl Plan {
    /// One routine for every day.
    pub fn steady(routine: &Routine) -> Plan {
        Plan {
            periods: vec![(NaiveDate::MIN, DayPlan::of(routine))],
            gentle_days: BTreeMap::new(),
        }
    }

    /// The plan with `routine` in effect from `from` on (replacing any later change).
    #[must_use]
    pub fn changed_on(mut self, from: NaiveDate, routine: &Routine) -> Plan {
        self.periods.retain(|(start, _)| *start < from);
        if self.periods.is_empty() {
            self.periods.push((NaiveDate::MIN, DayPlan::of(routine)));
        } else {
            self.periods.push((from, DayPlan::of(routine)));
        }
        self
    }

    /// The plan for a log followed under several routine versions: `current` and any earlier
    /// routines still known (e.g. the one kept before the last change). Each routine takes
    /// effect on the first day with a session that followed its version (or a later one); the
    /// current routine, if no session followed it yet, on the day after the last session. An
    /// earlier routine no session followed is left out. Each exercise plans the doses of the
    /// version in force on the day (see [`crate::versions`]): a choice changes the plan from
    /// its own date on, never before. A day with a gentle session plans the gentle doses
    /// (see [`Plan::with_gentle_days`]).
    pub fn from_versions(log: &SessionLog, current: &Routine, earlier: &[&Routine]) -> Plan {
        Plan::by_routine(log, current, earlier)
            .with_choices(log)
            .with_gentle_days(log)
    }

    /// The plan with every day that has a gentle session planning the gentle doses of the
    /// exercises in force that day ([`DayPlan::gentle`]); the other days keep theirs. Comes
    /// last: it reads the periods as they are.
    #[must_use]
    pub fn with_gentle_days(mut self, log: &SessionLog) -> Plan {
        self.gentle_days = super::gentle::gentle_days(log)
            .into_iter()
            .map(|date| (date, self.on(date).gentle()))
            .collect();
        self
    }

    /// The plan with each exercise's doses a day taken from the version in force from the
    /// start of each period; a period is split on every date a choice takes effect.
    #[must_use]
    pub fn with_choices(mut self, log: &SessionLog) -> Plan {
        let mut dates: Vec<NaiveDate> =
            log.version_choices().iter().map(|c| c.local_date).collect();
        if dates.is_empty() {
            return self;
        }
        dates.sort_unstable();
        dates.dedup();
        for date in dates {
            let at = self.periods.partition_point(|(start, _)| *start <= date);
            if let Some(index) = at.checked_sub(1)
                && self.periods[index].0 != date
            {
                let plan = self.periods[index].1.clone();
                self.periods.insert(at, (date, plan));
            }
        }
        for (start, plan) in &mut self.periods {
            for exercise in &mut plan.exercises {
                let version = crate::versions::in_force(log, &exercise.id, *start);
                let times_of = |list: &[(Version, u32)]| {
                    list.iter().find(|(v, _)| *v == version).map(|(_, t)| *t)
                };
                if let Some(times) = times_of(&exercise.times_by_version) {
                    exercise.times_per_day = times;
                }
                if let Some(times) = times_of(&exercise.gentle_by_version) {
                    exercise.gentle_times_per_day = times;
                }
            }
        }
        self
    }

    /// [`Plan::from_versions`] before the choices of version.
    fn by_routine(log: &SessionLog, current: &Routine, earlier: &[&Routine]) -> Plan {
        let routine_sessions = || log.sessions().iter().filter(|s| s.is_routine());
        let first_following = |version: u32| {
            routine_sessions()
                .filter(|s| s.routine_version >= version)
                .map(|s| s.local_date)
                .min()
        };
        let mut earlier: Vec<&Routine> = earlier
            .iter()
            .copied()
            .filter(|r| r.version < current.version)
            .collect();
        earlier.sort_by_key(|r| r.version);
        let mut plan: Option<Plan> = None;
        for routine in earlier {
            let from = if plan.is_none() {
                Some(NaiveDate::MIN)
            } else {
                first_following(routine.version)
            };
            if let Some(from) = from {
                plan = Some(match plan {
                    Some(p) => p.changed_on(from, routine),
                    None => Plan::steady(routine),
                });
            }
        }
        let Some(plan) = plan else {
            return Plan::steady(current);
        };
        let from = first_following(current.version).or_else(|| {
            routine_sessions()
                .map(|s| s.local_date)
                .max()
                .map(|last| last + Days::new(1))
        });
        match from {
            Some(from) => plan.changed_on(from, current),
            None => Plan::steady(current),
        }
    }

    /// The plan in effect on `date` (a gentle day's own, see [`Plan::with_gentle_days`]).
    pub fn on(&self, date: NaiveDate) -> &DayPlan {
        if let Some(gentle) = self.gentle_days.get(&date) {
            return gentle;
        }
        let index = self
            .periods
            .partition_point(|(start, _)| *start <= date)
            .saturating_sub(1);
        self.periods.get(index).map_or(&EMPTY_DAY_PLAN, |(_, p)| p)
    }

    /// The plan in effect now (the latest).
    pub fn latest(&self) -> &DayPlan {
        self.periods.last().map_or(&EMPTY_DAY_PLAN, |(_, p)| p)
    }

    /// Every day plan with the first day it applies to, oldest first.
    pub(super) fn periods(&self) -> &[(NaiveDate, DayPlan)] {
        &self.periods
    }
}

static EMPTY_DAY_PLAN: DayPlan = DayPlan {
    exercises: Vec::new(),
};

/// Doses planned per day by the latest plan (0 when no exercise is enabled).
pub fn planned_doses_per_day(plan: &Plan) -> u32 {
    plan.latest().doses()
}
