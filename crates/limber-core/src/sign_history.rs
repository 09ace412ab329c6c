//! What the warning-sign records add up to: every sign ticked (in a weekly check-in or on any
//! day from "Something new or worrying?"), each with the answer that closed it, if any.
//!
//! One home for the rule, read by the red-flag prompt, the check-in dialog, the visit brief,
//! `check_ins.csv` and the FHIR bundle:
//! - a ticked sign stays open until the person answers "I have seen a doctor about this" at or
//!   after the tick (a later check-in with nothing ticked does not close it; a later tick of the
//!   same sign opens it again);
//! - "My doctor knows about this" closes every tick of that sign, before or after (it is meant
//!   for history items, which do not change), and the weekly check-in stops asking about it.
//!
//! Every function reads only the records dated up to the day it is given, so a day's prompts
//! and a period's brief never depend on what came later.

use chrono::{DateTime, FixedOffset, NaiveDate, Offset as _, Utc};

use crate::log::SessionLog;
use crate::session::{RedFlag, SignAnswer, SignEvent};

/// Where a sign was ticked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TickSource {
    /// In the weekly check-in.
    Weekly,
    /// On any day, from "Something new or worrying?".
    AnyDay,
}

impl TickSource {
    /// Short words for lists and exports.
    pub fn tag(self) -> &'static str {
        match self {
            TickSource::Weekly => "weekly check-in",
            TickSource::AnyDay => "any day",
        }
    }
}

/// An answer to a sign, and when it was given.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Answered {
    /// What the person answered.
    pub answer: SignAnswer,
    /// When, in the local time of the answer.
    pub at: DateTime<FixedOffset>,
    /// The local date it counts for.
    pub local_date: NaiveDate,
}

/// One sign ticked once, with the answer that closed it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SignTick {
    /// The sign.
    pub flag: RedFlag,
    /// When it was ticked: in the local time for a sign ticked on any day, in UTC for a weekly
    /// check-in (which keeps no offset).
    pub at: DateTime<FixedOffset>,
    /// The local date it was ticked on.
    pub local_date: NaiveDate,
    /// Where it was ticked.
    pub source: TickSource,
    /// The answer that closed it, if one was given by the day asked about.
    pub answer: Option<Answered>,
}

/// A sign still open on a day: ticked, and not answered since.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OpenSign {
    /// The sign.
    pub flag: RedFlag,
    /// The first unanswered tick's date.
    pub since: NaiveDate,
    /// The latest tick's date.
    pub latest: NaiveDate,
}

/// Every answer recorded on or before `up_to`, oldest first.
pub fn answers(log: &SessionLog, up_to: NaiveDate) -> Vec<(RedFlag, Answered)> {
    log.sign_records()
        .iter()
        .filter(|r| r.local_date <= up_to)
        .filter_map(|r| match r.event {
            SignEvent::Answered(flag, answer) => Some((
                flag,
                Answered {
                    answer,
                    at: r.local_time(),
                    local_date: r.local_date,
                },
            )),
            SignEvent::Reported(_) => None,
        })
        .collect()
}

/// Every sign ticked on or before `up_to`, oldest first, each with the answer that closed it
/// by then (see the module documentation).
pub fn ticks(log: &SessionLog, up_to: NaiveDate) -> Vec<SignTick> {
    let utc = Utc.fix();
    let mut ticks: Vec<SignTick> = Vec::new();
    let mut add = |flags: &[RedFlag], at, local_date, source| {
        let mut flags = flags.to_vec();
        flags.sort_unstable();
        flags.dedup();
        ticks.extend(flags.into_iter().map(|flag| SignTick {
            flag,
            at,
            local_date,
            source,
            answer: None,
        }));
    };
    for check_in in log.check_ins().iter().filter(|c| c.local_date <= up_to) {
        add(
            &check_in.flags,
            check_in.at.with_timezone(&utc),
            check_in.local_date,
            TickSource::Weekly,
        );
    }
    for record in log.sign_records().iter().filter(|r| r.local_date <= up_to) {
        if let SignEvent::Reported(flags) = &record.event {
            add(
                flags,
                record.local_time(),
                record.local_date,
                TickSource::AnyDay,
            );
        }
    }
    ticks.sort_by_key(|t| (t.at, t.flag));
    let answers = answers(log, up_to);
    for tick in &mut ticks {
        tick.answer = answers
            .iter()
            .filter(|(flag, answered)| {
                *flag == tick.flag
                    && (answered.answer == SignAnswer::DoctorKnows || answered.at >= tick.at)
            })
            .map(|(_, answered)| *answered)
            .min_by_key(|answered| answered.at);
    }
    ticks
}

/// The signs open on `today` (ticked and not answered since), most urgent first, then in the
/// order of the check-in's list.
pub fn open_signs(log: &SessionLog, today: NaiveDate) -> Vec<OpenSign> {
    let mut open: Vec<OpenSign> = Vec::new();
    for tick in ticks(log, today).iter().filter(|t| t.answer.is_none()) {
        if let Some(sign) = open.iter_mut().find(|s| s.flag == tick.flag) {
            sign.since = sign.since.min(tick.local_date);
            sign.latest = sign.latest.max(tick.local_date);
        } else {
            open.push(OpenSign {
                flag: tick.flag,
                since: tick.local_date,
                latest: tick.local_date,
            });
        }
    }
    open.sort_by_key(|s| (std::cmp::Reverse(s.flag.urgency()), s.flag));
    open
}

/// The signs the person's doctor knows about ("My doctor knows about this") by `today`, each
/// with the date it was first said, in the order of the check-in's list. The weekly check-in
/// lists them as answered instead of asking.
pub fn doctor_knows(log: &SessionLog, today: NaiveDate) -> Vec<(RedFlag, NaiveDate)> {
    let mut known: Vec<(RedFlag, NaiveDate)> = Vec::new();
    for (flag, answered) in answers(log, today) {
        if answered.answer == SignAnswer::DoctorKnows && !known.iter().any(|(f, _)| *f == flag) {
            known.push((flag, answered.local_date));
        }
    }
    known.sort_by_key(|(flag, _)| *flag);
    known
}

/// The signs the weekly check-in asks about on `today`: every sign but those the person's
/// doctor knows about (see [`doctor_knows`]), in the order of the check-in's list.
pub fn weekly_questions(log: &SessionLog, today: NaiveDate) -> Vec<RedFlag> {
    let known = doctor_knows(log, today);
    RedFlag::ALL
        .into_iter()
        .filter(|flag| !known.iter().any(|(f, _)| f == flag))
        .collect()
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone as _;

    use super::*;
    use crate::session::{CheckIn, SignRecord, Urgency};

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, d).unwrap()
    }

    fn at(d: u32, h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, d, h, 0, 0).unwrap()
    }

    fn record(log: &mut SessionLog, d: u32, h: u32, event: SignEvent) {
        log.add_sign_record(SignRecord::new(at(d, h), Utc.fix(), event));
    }

    fn check_in(log: &mut SessionLog, d: u32, flags: Vec<RedFlag>) {
        log.add_check_in(CheckIn {
            at: at(d, 9),
            local_date: day(d),
            flags,
        });
    }

    #[test]
    fn a_tick_stays_open_through_a_clear_check_in_until_a_doctor_has_seen_it() {
        let mut log = SessionLog::default();
        record(
            &mut log,
            3,
            10,
            SignEvent::Reported(vec![RedFlag::FeverAndChills]),
        );
        check_in(&mut log, 9, Vec::new());
        let open = open_signs(&log, day(9));
        assert_eq!(
            open,
            vec![OpenSign {
                flag: RedFlag::FeverAndChills,
                since: day(3),
                latest: day(3)
            }]
        );
        record(
            &mut log,
            10,
            8,
            SignEvent::Answered(RedFlag::FeverAndChills, SignAnswer::SeenDoctor),
        );
        assert!(open_signs(&log, day(10)).is_empty());
        assert_eq!(
            open_signs(&log, day(9)).len(),
            1,
            "the day before the answer"
        );
        let ticks = ticks(&log, day(10));
        assert_eq!(ticks.len(), 1);
        assert_eq!(ticks[0].source, TickSource::AnyDay);
        assert_eq!(
            ticks[0].answer.map(|a| (a.answer, a.local_date)),
            Some((SignAnswer::SeenDoctor, day(10)))
        );
        // The same sign ticked again later opens again: the earlier answer does not close it.
        check_in(&mut log, 16, vec![RedFlag::FeverAndChills]);
        assert_eq!(open_signs(&log, day(16))[0].since, day(16));
    }

    #[test]
    fn doctor_knows_closes_a_history_item_before_and_after_and_the_most_urgent_come_first() {
        let mut log = SessionLog::default();
        check_in(
            &mut log,
            2,
            vec![RedFlag::RiskHistory, RedFlag::UnexplainedWeightLoss],
        );
        record(
            &mut log,
            3,
            10,
            SignEvent::Reported(vec![RedFlag::BladderOrBowelTrouble]),
        );
        let open: Vec<(RedFlag, Urgency)> = open_signs(&log, day(3))
            .iter()
            .map(|s| (s.flag, s.flag.urgency()))
            .collect();
        assert_eq!(
            open,
            vec![
                (RedFlag::BladderOrBowelTrouble, Urgency::Emergency),
                (RedFlag::RiskHistory, Urgency::Soon),
                (RedFlag::UnexplainedWeightLoss, Urgency::Soon),
            ]
        );
        record(
            &mut log,
            4,
            10,
            SignEvent::Answered(RedFlag::RiskHistory, SignAnswer::DoctorKnows),
        );
        check_in(&mut log, 9, vec![RedFlag::RiskHistory]);
        let flags: Vec<RedFlag> = open_signs(&log, day(9)).iter().map(|s| s.flag).collect();
        assert_eq!(
            flags,
            vec![
                RedFlag::BladderOrBowelTrouble,
                RedFlag::UnexplainedWeightLoss
            ]
        );
        assert_eq!(
            doctor_knows(&log, day(9)),
            vec![(RedFlag::RiskHistory, day(4))]
        );
        assert!(doctor_knows(&log, day(3)).is_empty());
    }
}
