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
use crate::measures::{self, ActivityChange, Change, MeasureKind, PgicReading};
use crate::session::RedFlag;
use crate::sign_history::{self, Answered};

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
    /// The latest PGIC answer in the period and its date, on the scale it was given on (a
    /// "worse" answer is flagged on the brief).
    pub pgic: Option<(NaiveDate, PgicReading)>,
    /// The areas marked, most often first.
    pub areas: Vec<(BodyArea, usize)>,
    /// The messages Limber showed during the period, with their dates (see
    /// [`super::brief_safety`]).
    pub prompts: PromptsShown,
    /// The pain limits of the routine, in one line.
    pub pain_limits: String,
    /// The questions still to ask, oldest first.
    pub questions: Vec<String>,
    /// The warning signs ticked in the period (or before it and still open at its end), each
    /// sign once, in the order first ticked.
    pub signs: Vec<BriefSign>,
    /// The history items the person's doctor knows about by the period's end, with the date
    /// that was first said.
    pub doctor_knows: Vec<(RedFlag, NaiveDate)>,
    /// The changes of an exercise's version in the period, in one line (see
    /// [`crate::versions::changes_line`]).
    pub versions: Option<String>,
    /// The progression offers made in the period, counted in one line (see
    /// [`crate::progression::brief_line`]).
    pub progressions: Option<String>,
    /// The gentler sessions in the period, in one line (see
    /// [`crate::figures::gentle::brief_line`]).
    pub gentle: Option<String>,
    /// The desk breaks done in the period, in one line ("Desk breaks: 9 on 5 days"; see
    /// [`crate::desk_break::brief_line`]); `None` when there were none. Breaks are never in
    /// the session counts.
    pub desk_breaks: Option<String>,
}

/// One warning sign on the brief.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BriefSign {
    /// The sign.
    pub flag: RedFlag,
    /// The first date it was ticked (in the period, or the first tick still open before it).
    pub first: NaiveDate,
    /// How many times it was ticked from then to the period's end.
    pub times: usize,
    /// The answer to its latest tick, by the period's end.
    pub answer: Option<Answered>,
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
        .and_then(|m| Some((m.local_date, m.answers.pgic()?)));
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
        signs: signs_in(log, first, last),
        doctor_knows: sign_history::doctor_knows(log, last),
        versions: crate::versions::changes_line(log, first, last),
        progressions: crate::progression::brief_line(log, first, last),
        gentle: crate::figures::gentle::brief_line(log, first, last),
        desk_breaks: crate::desk_break::brief_line(log, first, last),
    }
}

/// The signs of the brief: each ticked in the period, or ticked before and still open at its
/// end, once (see [`BriefSign`]).
fn signs_in(log: &crate::log::SessionLog, first: NaiveDate, last: NaiveDate) -> Vec<BriefSign> {
    let mut signs: Vec<BriefSign> = Vec::new();
    for tick in sign_history::ticks(log, last)
        .into_iter()
        .filter(|t| t.local_date >= first || t.answer.is_none())
    {
        if let Some(sign) = signs.iter_mut().find(|s| s.flag == tick.flag) {
            sign.times += 1;
            sign.answer = tick.answer;
        } else {
            signs.push(BriefSign {
                flag: tick.flag,
                first: tick.local_date,
                times: 1,
                answer: tick.answer,
            });
        }
    }
    signs
}

impl VisitBrief {
    /// The brief's line on the warning signs, with dates in `date_format` (a chrono format):
    /// "Warning signs ticked: <sign> (ticked <date>, <level>, answered <date>: seen a doctor)",
    /// each answered or "not answered", then the history items the doctor knows about; or that
    /// none was ticked in the period.
    pub fn warning_signs_line(&self, date_format: &str) -> String {
        let date = |d: NaiveDate| d.format(date_format).to_string();
        let mut items: Vec<String> = self
            .signs
            .iter()
            .map(|sign| {
                let ticked = if sign.times > 1 {
                    format!("ticked {} times from {}", sign.times, date(sign.first))
                } else {
                    format!("ticked {}", date(sign.first))
                };
                let answer = sign.answer.map_or_else(
                    || "not answered".to_owned(),
                    |a| format!("answered {}: {}", date(a.local_date), a.answer.tag()),
                );
                format!(
                    "{} ({ticked}, {}, {answer})",
                    sign.flag.label(),
                    sign.flag.urgency().tag()
                )
            })
            .collect();
        items.extend(
            self.doctor_knows
                .iter()
                .filter(|(flag, _)| !self.signs.iter().any(|s| s.flag == *flag))
                .map(|(flag, since)| {
                    format!(
                        "{} (your doctor knows, said {})",
                        flag.label(),
                        date(*since)
                    )
                }),
        );
        if self.signs.is_empty() {
            let none = "Warning signs ticked: none in this period.".to_owned();
            if items.is_empty() {
                return none;
            }
            return format!("{none} Already answered: {}.", items.join("; "));
        }
        format!("Warning signs ticked: {}.", items.join("; "))
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
        assert_eq!(
            brief.warning_signs_line("%-d %b"),
            "Warning signs ticked: none in this period."
        );
    }

    /// The brief of a period in which signs were ticked names each with its date, its level
    /// and its answer; a sign ticked before the period and answered is left out, and a history
    /// item the doctor knows about is listed as answered.
    #[test]
    fn the_brief_names_each_sign_ticked_with_its_date_level_and_answer() {
        use chrono::{Offset as _, TimeZone as _, Utc};

        use crate::session::{CheckIn, SignAnswer, SignEvent, SignRecord};
        let day = |d: u32| NaiveDate::from_ymd_opt(2026, 3, d).unwrap();
        let at = |d: u32| Utc.with_ymd_and_hms(2026, 3, d, 9, 0, 0).unwrap();
        let mut log = crate::log::SessionLog::default();
        let record = |d: u32, event: SignEvent| SignRecord::new(at(d), Utc.fix(), event);
        log.edit_records(|r| {
            r.check_ins.push(CheckIn {
                at: at(1),
                local_date: day(1),
                flags: vec![RedFlag::UnexplainedWeightLoss, RedFlag::RiskHistory],
            });
            r.sign_records = vec![
                record(
                    2,
                    SignEvent::Answered(RedFlag::UnexplainedWeightLoss, SignAnswer::SeenDoctor),
                ),
                record(
                    2,
                    SignEvent::Answered(RedFlag::RiskHistory, SignAnswer::DoctorKnows),
                ),
                record(10, SignEvent::Reported(vec![RedFlag::FeverAndChills])),
                record(
                    17,
                    SignEvent::Reported(vec![RedFlag::ChestPainOrBreathlessness]),
                ),
                record(
                    18,
                    SignEvent::Answered(RedFlag::ChestPainOrBreathlessness, SignAnswer::SeenDoctor),
                ),
            ];
        });
        let routine = crate::catalog::Routine::built_in().unwrap();
        let input = crate::figures::FiguresInput {
            routine: &routine,
            previous_routine: None,
            today: day(31),
        };
        let figures = Figures::of(&log, &input);
        let brief = visit_brief(&figures, Period::new(day(8), day(31)).unwrap());
        assert_eq!(
            brief.warning_signs_line("%-d %b"),
            format!(
                "Warning signs ticked: {} (ticked 10 Mar, today or tomorrow, not answered); {} \
                 (ticked 17 Mar, emergency, answered 18 Mar: seen a doctor); {} (your doctor \
                 knows, said 2 Mar).",
                RedFlag::FeverAndChills.label(),
                RedFlag::ChestPainOrBreathlessness.label(),
                RedFlag::RiskHistory.label()
            )
        );
        // Before the fever: nothing ticked in the period, the history item already answered.
        let early = visit_brief(&figures, Period::new(day(8), day(9)).unwrap());
        assert!(
            early.warning_signs_line("%-d %b").starts_with(
                "Warning signs ticked: none in this period. Already answered: A history"
            ),
            "{}",
            early.warning_signs_line("%-d %b")
        );
    }

    #[test]
    fn the_latest_pgic_keeps_its_scale_and_a_worse_answer_is_flagged() {
        use crate::measures::{Answers, MeasureResponse, PgicAnswer, PgicChange, PgicScale};
        use chrono::{FixedOffset, TimeZone as _, Utc};
        let routine = crate::catalog::Routine::built_in().unwrap();
        let (first, last) = (
            NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
            NaiveDate::from_ymd_opt(2026, 3, 31).unwrap(),
        );
        let utc = FixedOffset::east_opt(0).unwrap();
        let answer = |log: &mut crate::log::SessionLog, day: u32, answers: Answers| {
            let at = Utc.with_ymd_and_hms(2026, 3, day, 9, 0, 0).unwrap();
            let response = MeasureResponse::new(log, answers, at, utc).unwrap();
            log.measures.push(response);
        };
        let brief_of = |log: &crate::log::SessionLog| {
            let input = crate::figures::FiguresInput {
                routine: &routine,
                previous_routine: None,
                today: last,
            };
            visit_brief(&Figures::of(log, &input), Period::new(first, last).unwrap())
        };
        let mut log = crate::log::SessionLog::default();
        answer(&mut log, 2, Answers::Pgic(PgicAnswer::NoChangeOrWorse));
        let (_, one_sided) = brief_of(&log).pgic.unwrap();
        assert_eq!(one_sided.scale, PgicScale::OneSided);
        assert!(!one_sided.worse, "never read as the two-sided scale");
        answer(
            &mut log,
            16,
            Answers::PgicTwoSided(PgicChange::MinimallyWorse),
        );
        let brief = brief_of(&log);
        let (day, two_sided) = brief.pgic.unwrap();
        assert_eq!(day, NaiveDate::from_ymd_opt(2026, 3, 16).unwrap());
        assert_eq!((two_sided.scale, two_sided.value), (PgicScale::TwoSided, 5));
        assert!(two_sided.worse);
        assert_eq!(brief.check_ins, [0, 0, 2]);
    }
}
