//! Whether a change is large enough to matter: each measure against its own published
//! threshold, and each flag naming the threshold it used.

use chrono::{Days, NaiveDate};

use super::{
    ActivityRating, Answers, EPSILON, MeasureKind, MeasureResponse, PAIN_MIC_POINTS,
    PAIN_MIC_SHARE, PAIN_MIC_SHARE_FROM, PAIN_MIC_SHARE_MIN_POINTS, PEG_MIC_POINTS,
    PSFS_ACTIVITY_MIC_POINTS, PSFS_MIC_POINTS, mean,
};
use crate::log::SessionLog;
use crate::pain_entry::RecordId;

/// Whether a PSFS change reaches the minimal important change (2 points on the mean).
pub fn psfs_meaningful(first: f64, latest: f64) -> bool {
    (latest - first).abs() + EPSILON >= PSFS_MIC_POINTS
}

/// Whether a PEG change reaches the minimal important change (1 point).
pub fn peg_meaningful(first: f64, latest: f64) -> bool {
    (latest - first).abs() + EPSILON >= PEG_MIC_POINTS
}

/// Whether one PSFS activity's change reaches its threshold (3 points).
pub fn psfs_activity_meaningful(first: f64, latest: f64) -> bool {
    (latest - first).abs() + EPSILON >= PSFS_ACTIVITY_MIC_POINTS
}

/// Whether a pain change on the 0–10 scale reaches the minimal important change: 2 points, or
/// at least 1 point and 30 % of a first value of 4 or more.
pub fn pain_meaningful(first: f64, latest: f64) -> bool {
    let change = (latest - first).abs();
    let share = first + EPSILON >= PAIN_MIC_SHARE_FROM
        && change + EPSILON >= PAIN_MIC_SHARE_MIN_POINTS
        && change / first + EPSILON >= PAIN_MIC_SHARE;
    change + EPSILON >= PAIN_MIC_POINTS || share
}

/// What can be compared in the visit brief.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Compared {
    /// A measure's check-ins.
    Measure(MeasureKind),
    /// Pain on the 0–10 scale: the mean of the first and of the last week with ratings.
    Pain,
    /// One PSFS activity's rating (see [`ActivityChange`] for which).
    PsfsActivity,
}

impl Compared {
    /// The threshold a flag of this kind uses, named with its kind, for the brief's rows and
    /// footnotes; empty for the PGIC, which is itself a rating of change.
    pub fn threshold(self) -> &'static str {
        match self {
            Compared::Pain => "pain: ≥ 2 points, or ≥ 1 point and ≥ 30 % from 4 or more",
            Compared::Measure(MeasureKind::Psfs) => "PSFS mean: ≥ 2 points",
            Compared::PsfsActivity => "PSFS, one activity: ≥ 3 points",
            Compared::Measure(MeasureKind::Peg) => "PEG: ≥ 1 point",
            Compared::Measure(MeasureKind::Pgic) => "",
        }
    }

    /// Whether a change from `first` to `latest` reaches [`Compared::threshold`].
    pub fn meaningful(self, first: f64, latest: f64) -> bool {
        match self {
            Compared::Pain => pain_meaningful(first, latest),
            Compared::Measure(MeasureKind::Psfs) => psfs_meaningful(first, latest),
            Compared::PsfsActivity => psfs_activity_meaningful(first, latest),
            Compared::Measure(MeasureKind::Peg) => peg_meaningful(first, latest),
            // The PGIC is itself a rating of change; its latest answer is what counts.
            Compared::Measure(MeasureKind::Pgic) => false,
        }
    }
}

/// The first and latest value of something over a period, and whether the change matters.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Change {
    /// What is compared.
    pub of: Compared,
    /// The first value and its date.
    pub first: (NaiveDate, f64),
    /// The latest value and its date.
    pub latest: (NaiveDate, f64),
    /// How many check-ins (or rated days, for pain) lie between, both included.
    pub count: usize,
    /// Whether the change reaches the published minimal important change.
    pub meaningful: bool,
}

impl Change {
    /// Latest minus first.
    pub fn change(&self) -> f64 {
        self.latest.1 - self.first.1
    }

    /// Whether the change is for the better (more function, less pain); `None` when there is
    /// no change at all.
    pub fn better(&self) -> Option<bool> {
        let change = self.change();
        if change.abs() < EPSILON {
            return None;
        }
        let higher_is_better = match self.of {
            Compared::Measure(kind) => kind.higher_is_better(),
            Compared::PsfsActivity => true,
            Compared::Pain => false,
        };
        Some((change > 0.0) == higher_is_better)
    }
}

/// The check-ins of one measure in a period of local dates, oldest first.
pub fn responses(
    log: &SessionLog,
    kind: MeasureKind,
    first: NaiveDate,
    last: NaiveDate,
) -> Vec<&MeasureResponse> {
    let mut found: Vec<&MeasureResponse> = log
        .measures()
        .iter()
        .filter(|m| m.kind() == kind && (first..=last).contains(&m.local_date))
        .collect();
    found.sort_by_key(|m| m.at);
    found
}

/// The first and latest check-in of a measure in the period. For the PSFS, when the two rate
/// some of the same activities, only those are compared (the scale compares an activity with
/// itself); otherwise the two means. `None` with fewer than two check-ins.
pub fn measure_change(
    log: &SessionLog,
    kind: MeasureKind,
    first: NaiveDate,
    last: NaiveDate,
) -> Option<Change> {
    let found = responses(log, kind, first, last);
    let (a, b) = (found.first()?, found.last()?);
    if found.len() < 2 {
        return None;
    }
    let (from, to) = match (&a.answers, &b.answers) {
        (Answers::Psfs(old), Answers::Psfs(new)) => {
            let common = |ratings: &[ActivityRating], other: &[ActivityRating]| {
                mean(
                    ratings
                        .iter()
                        .filter(|r| other.iter().any(|o| o.activity == r.activity))
                        .map(|r| r.rating.value()),
                )
            };
            common(old, new)
                .zip(common(new, old))
                .or_else(|| a.score().zip(b.score()))?
        }
        _ => a.score().zip(b.score())?,
    };
    let of = Compared::Measure(kind);
    let meaningful = of.meaningful(from, to);
    Some(Change {
        of,
        first: (a.local_date, from),
        latest: (b.local_date, to),
        count: found.len(),
        meaningful,
    })
}

/// Pain over the period: the mean of the daily pain of the first 7 days that have ratings
/// against that of the last 7 days, from a sorted daily series (see `stats::daily_pain`).
/// `None` unless there are ratings on at least two days, a week or more apart.
pub fn pain_change(
    daily: &[(NaiveDate, f64)],
    first: NaiveDate,
    last: NaiveDate,
) -> Option<Change> {
    let days: Vec<(NaiveDate, f64)> = daily
        .iter()
        .copied()
        .filter(|(d, _)| (first..=last).contains(d))
        .collect();
    let (start, end) = (days.first()?.0, days.last()?.0);
    if (end - start).num_days() < 7 {
        return None;
    }
    let week_mean = |from: NaiveDate, to: NaiveDate| {
        let values: Vec<f64> = days
            .iter()
            .filter(|(d, _)| (from..=to).contains(d))
            .map(|(_, v)| *v)
            .collect();
        #[expect(clippy::cast_precision_loss, reason = "at most seven days")]
        let n = values.len() as f64;
        values.iter().sum::<f64>() / n
    };
    let from = week_mean(start, start + Days::new(6));
    let to = week_mean(end - Days::new(6), end);
    Some(Change {
        of: Compared::Pain,
        first: (start, from),
        latest: (end, to),
        count: days.len(),
        meaningful: pain_meaningful(from, to),
    })
}

/// One PSFS activity's first and latest rating over a period.
#[derive(Clone, Debug, PartialEq)]
pub struct ActivityChange {
    /// The activity.
    pub activity: RecordId,
    /// The activity in the person's words.
    pub name: String,
    /// The change; its `of` is [`Compared::PsfsActivity`].
    pub change: Change,
}

/// Each PSFS activity rated in at least two check-ins of the period: its first and latest
/// rating, flagged at [`PSFS_ACTIVITY_MIC_POINTS`]; in the order of the latest check-in.
pub fn activity_changes(
    log: &SessionLog,
    first: NaiveDate,
    last: NaiveDate,
) -> Vec<ActivityChange> {
    let found = responses(log, MeasureKind::Psfs, first, last);
    let ratings = |m: &MeasureResponse| match &m.answers {
        Answers::Psfs(ratings) => ratings.clone(),
        _ => Vec::new(),
    };
    let Some(latest) = found.last() else {
        return Vec::new();
    };
    ratings(latest)
        .into_iter()
        .filter_map(|last_rating| {
            let rated_in: Vec<(&MeasureResponse, f64)> = found
                .iter()
                .filter_map(|m| {
                    ratings(m)
                        .iter()
                        .find(|r| r.activity == last_rating.activity)
                        .map(|r| (*m, f64::from(r.rating.value())))
                })
                .collect();
            let (a, from) = *rated_in.first()?;
            let (b, to) = *rated_in.last()?;
            if rated_in.len() < 2 {
                return None;
            }
            let name = log
                .activities()
                .iter()
                .find(|x| x.id == last_rating.activity)
                .map_or_else(|| last_rating.activity.0.clone(), |x| x.name.clone());
            Some(ActivityChange {
                activity: last_rating.activity.clone(),
                name,
                change: Change {
                    of: Compared::PsfsActivity,
                    first: (a.local_date, from),
                    latest: (b.local_date, to),
                    count: rated_in.len(),
                    meaningful: psfs_activity_meaningful(from, to),
                },
            })
        })
        .collect()
}
