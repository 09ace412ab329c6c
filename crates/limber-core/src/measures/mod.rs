//! Outcome measures a therapist trusts: the Patient-Specific Functional Scale (PSFS), the PEG
//! pain scale and the Patient Global Impression of Change (PGIC); when Limber offers them; and
//! whether a change is large enough to matter.
//!
//! PSFS and the two-sided PGIC are asked in their published words, the PEG in Limber's own
//! (see [`wording`]); the item counts, the scale ends and the scoring are exactly as published
//! (README, "Outcome measures", names each source):
//! - PSFS: 3 to 5 activities the person names, each rated 0 (unable to do it) to 10 (able to do
//!   it as before the problem); the score is the mean of the ratings.
//! - PEG: 3 items, each 0–10 (average pain; how much pain got in the way of enjoying life; of
//!   general activity); the score is the mean of the three.
//! - PGIC: 1 item, 7 points, from 1 (very much improved) through 4 (no change) to 7 (very much
//!   worse); answers given earlier on the one-sided scale (1 no change or worse … 7 a great deal
//!   better) keep that scale (see [`pgic`]).
//!
//! The thresholds used to flag a change, each named with its kind (see [`Compared::threshold`]):
//! PSFS mean 2 points or more, and one PSFS activity 3 points or more; pain on the 0–10 scale
//! 2 points or more, or 1 point and 30 % of a first value of 4 or more; PEG 1 point or more.

use chrono::{DateTime, Days, FixedOffset, NaiveDate, Offset as _, Utc};
use serde::{Deserialize, Serialize};

use crate::log::SessionLog;
use crate::pain_entry::RecordId;

mod change;
mod pgic;
pub mod wording;

pub use change::{
    ActivityChange, Change, Compared, activity_changes, measure_change, pain_change,
    pain_meaningful, peg_meaningful, psfs_activity_meaningful, psfs_meaningful, responses,
};
pub use pgic::{PGIC_WORSE_FLAG, PgicAnswer, PgicChange, PgicReading, PgicScale};

/// The fewest activities a PSFS check-in rates.
pub const PSFS_MIN_ACTIVITIES: usize = 3;
/// The most activities a PSFS check-in rates.
pub const PSFS_MAX_ACTIVITIES: usize = 5;
/// The smallest change of the PSFS mean that counts as meaningful, in points.
pub const PSFS_MIC_POINTS: f64 = 2.0;
/// The smallest change of one PSFS activity's rating that counts as meaningful, in points: a
/// single item varies more than the mean of three to five.
pub const PSFS_ACTIVITY_MIC_POINTS: f64 = 3.0;
/// The smallest change of pain on the 0–10 scale that counts as meaningful, in points...
pub const PAIN_MIC_POINTS: f64 = 2.0;
/// ...or, from a first value of at least [`PAIN_MIC_SHARE_FROM`], this share of the first
/// value...
pub const PAIN_MIC_SHARE: f64 = 0.3;
/// ...when the change is also at least this many points (so 1.0 → 1.3 is not a change).
pub const PAIN_MIC_SHARE_MIN_POINTS: f64 = 1.0;
/// The share rule only applies from this first value: at low pain a few tenths are a large
/// share and mean little.
pub const PAIN_MIC_SHARE_FROM: f64 = 4.0;
/// The smallest change of the PEG score that counts as meaningful, in points.
pub const PEG_MIC_POINTS: f64 = 1.0;
/// "Not now" puts the offer off by this many days.
pub const NOT_NOW_DAYS: u64 = 3;
/// The PGIC is asked at most this often, in days (and not before the routine is this old).
pub const PGIC_MIN_DAYS: u64 = 14;
/// Floating-point slack when comparing a change with a threshold: means of whole numbers
/// such as 2.0000000000000004 must count as 2.
const EPSILON: f64 = 1e-9;

/// A rating on a 0–10 scale (PSFS and PEG items).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct Rating(u8);

impl Rating {
    /// The highest rating.
    pub const MAX: u8 = 10;

    /// A rating, or `None` outside 0–10.
    pub fn new(value: u8) -> Option<Rating> {
        (value <= Self::MAX).then_some(Rating(value))
    }

    /// A rating, values above 10 taken as 10.
    pub fn clamped(value: u8) -> Rating {
        Rating(value.min(Self::MAX))
    }

    /// The rating as a number.
    pub fn value(self) -> u8 {
        self.0
    }
}

impl TryFrom<u8> for Rating {
    type Error = String;

    fn try_from(value: u8) -> Result<Self, Self::Error> {
        Rating::new(value).ok_or_else(|| format!("rating {value} is outside the 0–10 scale"))
    }
}

impl From<Rating> for u8 {
    fn from(rating: Rating) -> u8 {
        rating.0
    }
}

/// The three measures.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum MeasureKind {
    /// Patient-Specific Functional Scale.
    Psfs,
    /// Pain, Enjoyment of life, General activity.
    Peg,
    /// Patient Global Impression of Change.
    Pgic,
}

impl MeasureKind {
    /// Every measure, in the order they are offered.
    pub const ALL: [MeasureKind; 3] = [MeasureKind::Psfs, MeasureKind::Peg, MeasureKind::Pgic];

    /// The short name.
    pub fn short_name(self) -> &'static str {
        match self {
            MeasureKind::Psfs => "PSFS",
            MeasureKind::Peg => "PEG",
            MeasureKind::Pgic => "PGIC",
        }
    }

    /// What it measures, in plain words.
    pub fn title(self) -> &'static str {
        match self {
            MeasureKind::Psfs => "Activities your back makes hard",
            MeasureKind::Peg => "Pain and how it gets in the way",
            MeasureKind::Pgic => "Change since you started",
        }
    }

    /// The published name.
    pub fn full_name(self) -> &'static str {
        match self {
            MeasureKind::Psfs => "Patient-Specific Functional Scale",
            MeasureKind::Peg => "PEG three-item pain scale",
            MeasureKind::Pgic => "Patient Global Impression of Change",
        }
    }

    /// Whether a higher score is better (PSFS, PGIC) or worse (PEG).
    pub fn higher_is_better(self) -> bool {
        !matches!(self, MeasureKind::Peg)
    }
}

/// An activity the person named for the PSFS. Named once and kept; each check-in rates the
/// same ones until one is retired.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Activity {
    /// Unique id; ratings refer to it, and importing merges by it.
    pub id: RecordId,
    /// The activity in the person's words ("reach the top shelf").
    pub name: String,
    /// The local date it was added (the month file it belongs in).
    pub added_on: NaiveDate,
    /// The local date it was retired, if it was: no longer rated, but old ratings keep it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retired_on: Option<NaiveDate>,
}

impl Activity {
    /// A new activity, added at `now` in the time zone `offset`.
    pub fn new(name: &str, now: DateTime<Utc>, offset: FixedOffset) -> Activity {
        Activity {
            id: RecordId::new(now),
            name: name.trim().to_owned(),
            added_on: now.with_timezone(&offset).date_naive(),
            retired_on: None,
        }
    }

    /// The local date the record belongs to: the day it was added.
    pub fn local_date(&self) -> NaiveDate {
        self.added_on
    }

    /// Whether it is still rated.
    pub fn is_active(&self) -> bool {
        self.retired_on.is_none()
    }
}

/// One activity's rating in a PSFS check-in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActivityRating {
    /// The activity rated.
    pub activity: RecordId,
    /// 0 (unable to do it) to 10 (able to do it as before the problem).
    pub rating: Rating,
}

/// The answers of one check-in of one measure.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Answers {
    /// PSFS: one rating per activity, 3 to 5.
    Psfs(Vec<ActivityRating>),
    /// PEG: the three items.
    Peg {
        /// Average pain in the past week, 0 (none) to 10 (as bad as you can imagine).
        pain: Rating,
        /// How much pain got in the way of enjoying life, 0 (not at all) to 10 (completely).
        enjoyment: Rating,
        /// How much pain got in the way of general activity, 0 to 10 likewise.
        activity: Rating,
    },
    /// PGIC on the earlier one-sided scale: answers given before schema 8, kept as they are.
    Pgic(PgicAnswer),
    /// PGIC on the two-sided scale (NINDS), which new answers use.
    PgicTwoSided(PgicChange),
}

impl Answers {
    /// Which measure these answer.
    pub fn kind(&self) -> MeasureKind {
        match self {
            Answers::Psfs(_) => MeasureKind::Psfs,
            Answers::Peg { .. } => MeasureKind::Peg,
            Answers::Pgic(_) | Answers::PgicTwoSided(_) => MeasureKind::Pgic,
        }
    }

    /// The PGIC answer with its scale; `None` for the other measures.
    pub fn pgic(&self) -> Option<PgicReading> {
        match self {
            Answers::Pgic(answer) => Some(PgicReading::from(*answer)),
            Answers::PgicTwoSided(answer) => Some(PgicReading::from(*answer)),
            Answers::Psfs(_) | Answers::Peg { .. } => None,
        }
    }

    /// The published score: the mean rating (PSFS, PEG) or the point 1–7 (PGIC); `None` for a
    /// PSFS with no ratings.
    pub fn score(&self) -> Option<f64> {
        match self {
            Answers::Psfs(ratings) => mean(ratings.iter().map(|r| r.rating.value())),
            Answers::Peg {
                pain,
                enjoyment,
                activity,
            } => mean([pain, enjoyment, activity].into_iter().map(|r| r.value())),
            Answers::Pgic(_) | Answers::PgicTwoSided(_) => {
                self.pgic().map(|reading| f64::from(reading.value))
            }
        }
    }
}

/// One answered item of a check-in, as the exports list it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    /// A short, stable id of the item within its measure ("activity-1", "pain", "change").
    pub link_id: String,
    /// What was rated: the activity in the person's words, or the item's question.
    pub text: String,
    /// The answer: 0–10, or 1–7 for the PGIC.
    pub value: u8,
}

impl Answers {
    /// The answered items, in order. PSFS activities are named from `log` (their id when the
    /// log no longer has them).
    pub fn items(&self, log: &SessionLog) -> Vec<Item> {
        let item = |link_id: &str, text: &str, value: u8| Item {
            link_id: link_id.to_owned(),
            text: text.to_owned(),
            value,
        };
        match self {
            Answers::Psfs(ratings) => ratings
                .iter()
                .enumerate()
                .map(|(i, r)| {
                    let name = log
                        .activities()
                        .iter()
                        .find(|a| a.id == r.activity)
                        .map_or(r.activity.0.as_str(), |a| a.name.as_str());
                    item(&format!("activity-{}", i + 1), name, r.rating.value())
                })
                .collect(),
            Answers::Peg {
                pain,
                enjoyment,
                activity,
            } => wording::PEG_ITEMS
                .iter()
                .zip([pain, enjoyment, activity])
                .map(|((link_id, text), rating)| item(link_id, text, rating.value()))
                .collect(),
            Answers::Pgic(answer) => vec![item(
                "change",
                wording::PGIC_ONE_SIDED_QUESTION,
                answer.value(),
            )],
            Answers::PgicTwoSided(answer) => {
                vec![item("change", wording::PGIC_QUESTION, answer.value())]
            }
        }
    }
}

/// The mean of some whole numbers.
fn mean(values: impl Iterator<Item = u8>) -> Option<f64> {
    let (sum, count) = values.fold((0u32, 0u32), |(s, c), v| (s + u32::from(v), c + 1));
    (count > 0).then(|| f64::from(sum) / f64::from(count))
}

/// Why a check-in could not be recorded.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum MeasureError {
    /// A PSFS needs 3 to 5 activities.
    #[error(
        "Rate between {PSFS_MIN_ACTIVITIES} and {PSFS_MAX_ACTIVITIES} activities; {0} were given. Add or retire activities first."
    )]
    ActivityCount(usize),
    /// The same activity was rated twice, or an activity is unknown or retired.
    #[error("Each activity is rated once, and only activities still in use can be rated.")]
    UnknownActivity,
}

/// One check-in of one measure.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeasureResponse {
    /// Unique id; importing merges by it.
    pub id: RecordId,
    /// When it was answered, in UTC.
    pub at: DateTime<Utc>,
    /// The local offset at the time, in seconds east.
    #[serde(deserialize_with = "crate::session::offset_secs")]
    pub utc_offset_secs: i32,
    /// The local date it counts for.
    pub local_date: NaiveDate,
    /// The answers.
    pub answers: Answers,
}

impl MeasureResponse {
    /// A check-in answered at `now`. A PSFS must rate 3 to 5 distinct activities that are in
    /// `log` and not retired.
    pub fn new(
        log: &SessionLog,
        answers: Answers,
        now: DateTime<Utc>,
        offset: FixedOffset,
    ) -> Result<MeasureResponse, MeasureError> {
        if let Answers::Psfs(ratings) = &answers {
            if !(PSFS_MIN_ACTIVITIES..=PSFS_MAX_ACTIVITIES).contains(&ratings.len()) {
                return Err(MeasureError::ActivityCount(ratings.len()));
            }
            for (i, rating) in ratings.iter().enumerate() {
                let known = log
                    .activities()
                    .iter()
                    .any(|a| a.id == rating.activity && a.is_active());
                let repeated = ratings[..i].iter().any(|r| r.activity == rating.activity);
                if !known || repeated {
                    return Err(MeasureError::UnknownActivity);
                }
            }
        }
        Ok(MeasureResponse {
            id: RecordId::new(now),
            at: now,
            utc_offset_secs: offset.local_minus_utc(),
            local_date: now.with_timezone(&offset).date_naive(),
            answers,
        })
    }

    /// The local date the record belongs to.
    pub fn local_date(&self) -> NaiveDate {
        self.local_date
    }

    /// Which measure it is.
    pub fn kind(&self) -> MeasureKind {
        self.answers.kind()
    }

    /// Its score (see [`Answers::score`]).
    pub fn score(&self) -> Option<f64> {
        self.answers.score()
    }

    /// The local offset it was answered in (UTC if the stored value is impossible).
    pub fn offset(&self) -> FixedOffset {
        FixedOffset::east_opt(self.utc_offset_secs).unwrap_or(Utc.fix())
    }
}

/// How often the measures are offered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum MeasureSchedule {
    /// Every week.
    Weekly,
    /// Every two weeks.
    #[default]
    EveryTwoWeeks,
    /// Never offered (they can still be filled in from Today).
    Off,
}

impl MeasureSchedule {
    /// Every choice, as the settings screen lists them.
    pub const ALL: [MeasureSchedule; 3] = [
        MeasureSchedule::Weekly,
        MeasureSchedule::EveryTwoWeeks,
        MeasureSchedule::Off,
    ];

    /// The words on the settings screen.
    pub fn label(self) -> &'static str {
        match self {
            MeasureSchedule::Weekly => "Every week",
            MeasureSchedule::EveryTwoWeeks => "Every two weeks",
            MeasureSchedule::Off => "Never",
        }
    }

    /// Days between offers; `None` when off.
    pub fn days(self) -> Option<u64> {
        match self {
            MeasureSchedule::Weekly => Some(7),
            MeasureSchedule::EveryTwoWeeks => Some(14),
            MeasureSchedule::Off => None,
        }
    }
}

/// The measures to offer on Today: each one whose last check-in is at least the schedule's
/// interval old (or that was never answered), the PGIC only once the log is
/// [`PGIC_MIN_DAYS`] old and its last answer at least as old; nothing while a "Not now" runs
/// (`not_now_until` is the last day put off) or when the schedule is off.
pub fn due(
    log: &SessionLog,
    schedule: MeasureSchedule,
    not_now_until: Option<NaiveDate>,
    today: NaiveDate,
) -> Vec<MeasureKind> {
    let Some(interval) = schedule.days() else {
        return Vec::new();
    };
    if not_now_until.is_some_and(|until| today <= until) {
        return Vec::new();
    }
    let last = |kind: MeasureKind| {
        log.measures()
            .iter()
            .filter(|m| m.kind() == kind)
            .map(|m| m.local_date)
            .max()
    };
    let old_enough = |date: NaiveDate, days: u64| {
        date.checked_add_days(Days::new(days))
            .is_some_and(|d| d <= today)
    };
    let started = log
        .sessions()
        .iter()
        .map(|s| s.local_date)
        .chain(log.measures().iter().map(|m| m.local_date))
        .min();
    MeasureKind::ALL
        .into_iter()
        .filter(|&kind| match kind {
            MeasureKind::Pgic => {
                started.is_some_and(|s| old_enough(s, PGIC_MIN_DAYS))
                    && last(kind).is_none_or(|d| old_enough(d, interval.max(PGIC_MIN_DAYS)))
            }
            _ => last(kind).is_none_or(|d| old_enough(d, interval)),
        })
        .collect()
}

/// The last day a "Not now" on `today` puts the offer off to.
pub fn not_now_until(today: NaiveDate) -> NaiveDate {
    today
        .checked_add_days(Days::new(NOT_NOW_DAYS - 1))
        .unwrap_or(today)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn at(day: NaiveDate) -> DateTime<Utc> {
        Utc.from_utc_datetime(&day.and_hms_opt(10, 0, 0).unwrap())
    }

    fn utc() -> FixedOffset {
        FixedOffset::east_opt(0).unwrap()
    }

    fn r(v: u8) -> Rating {
        Rating::new(v).unwrap()
    }

    fn log_with_activities(n: usize) -> SessionLog {
        let mut log = SessionLog::default();
        for i in 0..n {
            let mut a = Activity::new(&format!("activity {i}"), at(date(2026, 3, 1)), utc());
            a.id = crate::session::SessionId(format!("act-{i}"));
            log.activities.push(a);
        }
        log
    }

    fn psfs(log: &SessionLog, ratings: &[u8]) -> Answers {
        Answers::Psfs(
            log.activities()
                .iter()
                .zip(ratings)
                .map(|(a, v)| ActivityRating {
                    activity: a.id.clone(),
                    rating: r(*v),
                })
                .collect(),
        )
    }

    #[test]
    fn ratings_stop_at_ten() {
        assert!(Rating::new(10).is_some());
        assert!(Rating::new(11).is_none());
        assert!(ron::from_str::<Rating>("11").is_err());
    }

    #[test]
    fn psfs_scores_the_mean_at_both_ends_and_needs_three_to_five() {
        let log = log_with_activities(6);
        let make = |ratings: &[u8]| {
            MeasureResponse::new(&log, psfs(&log, ratings), at(date(2026, 3, 2)), utc())
        };
        assert_eq!(make(&[0, 0, 0]).unwrap().score(), Some(0.0));
        assert_eq!(make(&[10, 10, 10, 10, 10]).unwrap().score(), Some(10.0));
        assert_eq!(make(&[1, 2, 6]).unwrap().score(), Some(3.0));
        assert_eq!(make(&[3, 4]), Err(MeasureError::ActivityCount(2)));
        assert_eq!(
            make(&[1, 1, 1, 1, 1, 1]),
            Err(MeasureError::ActivityCount(6))
        );
        let mut repeated = psfs(&log, &[1, 2, 3]);
        if let Answers::Psfs(ratings) = &mut repeated {
            ratings[2].activity = ratings[0].activity.clone();
        }
        assert_eq!(
            MeasureResponse::new(&log, repeated, at(date(2026, 3, 2)), utc()),
            Err(MeasureError::UnknownActivity)
        );
        let mut retired = log.clone();
        retired.activities[0].retired_on = Some(date(2026, 3, 2));
        assert_eq!(
            MeasureResponse::new(
                &retired,
                psfs(&retired, &[1, 2, 3]),
                at(date(2026, 3, 2)),
                utc()
            ),
            Err(MeasureError::UnknownActivity)
        );
    }

    #[test]
    fn peg_and_pgic_score_as_published() {
        let peg = |p, e, a| Answers::Peg {
            pain: r(p),
            enjoyment: r(e),
            activity: r(a),
        };
        assert_eq!(peg(0, 0, 0).score(), Some(0.0));
        assert_eq!(peg(10, 10, 10).score(), Some(10.0));
        assert_eq!(peg(4, 5, 9).score(), Some(6.0));
        let points: Vec<u8> = PgicAnswer::ALL.iter().map(|a| a.value()).collect();
        assert_eq!(points, (1..=7).collect::<Vec<_>>());
        assert_eq!(
            Answers::Pgic(PgicAnswer::AGreatDealBetter).score(),
            Some(7.0)
        );
        assert_eq!(
            Answers::Pgic(PgicAnswer::NoChangeOrWorse).score(),
            Some(1.0)
        );
    }

    #[test]
    fn thresholds_flag_on_one_side_and_not_the_other() {
        // PSFS: 2 points on the mean.
        assert!(psfs_meaningful(3.0, 5.0));
        assert!(psfs_meaningful(5.0, 3.0));
        assert!(!psfs_meaningful(3.0, 4.9));
        // A mean of three ratings that is 2 up only after rounding error still counts.
        assert!(psfs_meaningful(1.0 / 3.0, 7.0 / 3.0));
        // PEG: 1 point.
        assert!(peg_meaningful(6.0, 5.0));
        assert!(!peg_meaningful(6.0, 5.1));
        // Pain: 2 points, or 1 point and 30 % of a first value of 4 or more.
        assert!(pain_meaningful(8.0, 6.0));
        assert!(!pain_meaningful(8.0, 6.1));
        assert!(pain_meaningful(0.0, 2.0));
        assert!(!pain_meaningful(0.0, 1.0));
        assert!(pain_meaningful(5.0, 3.5), "1.5 points, 30 % of 5");
        assert!(pain_meaningful(4.0, 2.8), "1.2 points, 30 % of 4");
        assert!(!pain_meaningful(4.0, 3.0), "1 point, 25 %");
        assert!(!pain_meaningful(3.0, 2.0), "33 %, but from under 4");
        assert!(
            !pain_meaningful(1.0, 1.3),
            "30 % of 1 is 0.3 points: no floor before"
        );
        assert!(!pain_meaningful(3.3, 2.0), "under 2 points, from under 4");
        // PSFS, one activity: 3 points.
        assert!(psfs_activity_meaningful(2.0, 5.0));
        assert!(psfs_activity_meaningful(7.0, 4.0));
        assert!(!psfs_activity_meaningful(2.0, 4.0));
    }

    #[test]
    fn each_flag_names_its_own_threshold() {
        let kinds = [
            Compared::Pain,
            Compared::Measure(MeasureKind::Psfs),
            Compared::PsfsActivity,
            Compared::Measure(MeasureKind::Peg),
        ];
        let names: Vec<&str> = kinds.iter().map(|k| k.threshold()).collect();
        assert_eq!(
            names,
            vec![
                "pain: ≥ 2 points, or ≥ 1 point and ≥ 30 % from 4 or more",
                "PSFS mean: ≥ 2 points",
                "PSFS, one activity: ≥ 3 points",
                "PEG: ≥ 1 point",
            ]
        );
        assert!(!names.iter().any(|n| n.contains("change that matters")));
        assert!(!Compared::Measure(MeasureKind::Pgic).meaningful(1.0, 7.0));
        assert!(Compared::PsfsActivity.meaningful(1.0, 4.0));
        assert!(!Compared::Measure(MeasureKind::Psfs).meaningful(1.0, 2.9));
    }

    #[test]
    fn each_psfs_activity_is_flagged_at_three_points() {
        let mut log = log_with_activities(3);
        for (day, ratings) in [(2, [2, 5, 5]), (9, [4, 7, 5]), (16, [5, 7, 5])] {
            let answers = psfs(&log, &ratings);
            let response =
                MeasureResponse::new(&log, answers, at(date(2026, 3, day)), utc()).unwrap();
            log.measures.push(response);
        }
        let (first, last) = (date(2026, 3, 1), date(2026, 3, 31));
        let mean = measure_change(&log, MeasureKind::Psfs, first, last).unwrap();
        assert!(!mean.meaningful, "the mean rose 1.7 points");
        let activities = activity_changes(&log, first, last);
        let flags: Vec<(f64, f64, bool)> = activities
            .iter()
            .map(|a| (a.change.first.1, a.change.latest.1, a.change.meaningful))
            .collect();
        assert_eq!(
            flags,
            vec![(2.0, 5.0, true), (5.0, 7.0, false), (5.0, 5.0, false)]
        );
        assert_eq!(activities[0].name, log.activities()[0].name);
        assert_eq!(activities[0].change.of, Compared::PsfsActivity);
        assert_eq!(activities[0].change.count, 3);
        assert_eq!(activities[0].change.better(), Some(true));
        // One check-in: nothing to compare.
        assert!(activity_changes(&log, first, date(2026, 3, 5)).is_empty());
    }

    #[test]
    fn psfs_change_compares_the_activities_both_check_ins_rated() {
        let mut log = log_with_activities(4);
        let first = MeasureResponse::new(&log, psfs(&log, &[2, 2, 2]), at(date(2026, 3, 2)), utc())
            .unwrap();
        log.measures.push(first);
        // Later the first activity is retired and a fourth rated instead.
        log.activities[0].retired_on = Some(date(2026, 3, 10));
        let later = Answers::Psfs(
            log.activities()[1..]
                .iter()
                .zip([4, 4, 10])
                .map(|(a, v)| ActivityRating {
                    activity: a.id.clone(),
                    rating: r(v),
                })
                .collect(),
        );
        log.measures
            .push(MeasureResponse::new(&log, later, at(date(2026, 3, 16)), utc()).unwrap());
        let change =
            measure_change(&log, MeasureKind::Psfs, date(2026, 3, 1), date(2026, 3, 31)).unwrap();
        assert_eq!((change.first.1, change.latest.1), (2.0, 4.0));
        assert!(change.meaningful);
        assert_eq!(change.better(), Some(true));
        assert_eq!(change.count, 2);
        // Only one check-in in a shorter period: nothing to compare.
        assert!(
            measure_change(&log, MeasureKind::Psfs, date(2026, 3, 1), date(2026, 3, 9)).is_none()
        );
    }

    #[test]
    fn pain_change_compares_first_and_last_weeks() {
        let daily: Vec<(NaiveDate, f64)> = (0..28)
            .map(|i| {
                (
                    date(2026, 3, 1) + Days::new(i),
                    if i < 7 { 6.0 } else { 4.5 },
                )
            })
            .collect();
        let change = pain_change(&daily, date(2026, 3, 1), date(2026, 3, 28)).unwrap();
        assert_eq!((change.first.1, change.latest.1), (6.0, 4.5));
        // 1.5 points is 25 % of 6: not enough.
        assert!(!change.meaningful);
        assert_eq!(change.better(), Some(true));
        assert!(pain_change(&daily[..5], date(2026, 3, 1), date(2026, 3, 28)).is_none());
    }

    #[test]
    fn offers_follow_the_schedule_and_not_now() {
        let mut log = SessionLog::default();
        let start = date(2026, 3, 1);
        log.upsert(crate::session::Session::start(at(start), utc(), 1));
        // A new log: PSFS and PEG at once, the PGIC not before two weeks.
        let every_two = MeasureSchedule::EveryTwoWeeks;
        assert_eq!(
            due(&log, every_two, None, start),
            vec![MeasureKind::Psfs, MeasureKind::Peg]
        );
        assert!(due(&log, MeasureSchedule::Off, None, start).is_empty());
        let until = not_now_until(start);
        assert_eq!(until, date(2026, 3, 3));
        assert!(due(&log, every_two, Some(until), date(2026, 3, 3)).is_empty());
        assert_eq!(due(&log, every_two, Some(until), date(2026, 3, 4)).len(), 2);
        log.measures.push(
            MeasureResponse::new(
                &log,
                Answers::Peg {
                    pain: r(5),
                    enjoyment: r(5),
                    activity: r(5),
                },
                at(start),
                utc(),
            )
            .unwrap(),
        );
        assert_eq!(
            due(&log, every_two, None, date(2026, 3, 14)),
            vec![MeasureKind::Psfs]
        );
        assert_eq!(
            due(&log, every_two, None, date(2026, 3, 15)),
            MeasureKind::ALL.to_vec()
        );
        assert_eq!(
            due(&log, MeasureSchedule::Weekly, None, date(2026, 3, 8)),
            vec![MeasureKind::Psfs, MeasureKind::Peg]
        );
        // Weekly still asks the PGIC at most every two weeks.
        log.measures.push(
            MeasureResponse::new(
                &log,
                Answers::Pgic(PgicAnswer::Better),
                at(date(2026, 3, 15)),
                utc(),
            )
            .unwrap(),
        );
        assert!(
            !due(&log, MeasureSchedule::Weekly, None, date(2026, 3, 22))
                .contains(&MeasureKind::Pgic)
        );
        assert!(
            due(&log, MeasureSchedule::Weekly, None, date(2026, 3, 29))
                .contains(&MeasureKind::Pgic)
        );
    }
}
