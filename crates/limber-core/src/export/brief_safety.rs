//! The brief's safety content: the messages Limber showed in the period, each with the day it
//! was first shown and what became of it, and the pain limits the routine sets.
//!
//! The messages come from the record in the log ([`crate::prompt_record`]). For the days before
//! Limber began keeping that record (the first record not moved from an older version's file),
//! they come from running the rules again day by day ([`Figures::prompts_raised`]), and the
//! brief says so.

use chrono::NaiveDate;

use crate::catalog::{PainModel, Routine};
use crate::figures::Figures;
use crate::prompt_record::{Answered, PromptLevel, PromptRecord, rule_of};

/// What became of a message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The person hid it on this day.
    Hidden(NaiveDate),
    /// Hidden in an older version of Limber, on or before this day (the day it was moved into
    /// the log).
    HiddenBy(NaiveDate),
    /// The person answered it.
    Answered(Answered),
    /// Neither hidden nor answered: still showing while the rule raises it.
    StillShowing,
    /// Found by running the rules again for a day before the record began: raised until this
    /// day (whether it was hidden is not known).
    Raised {
        /// The last day of the period it was raised on.
        last_day: NaiveDate,
    },
}

/// One message of the period.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShownPrompt {
    /// Its headline.
    pub title: String,
    /// What it suggested.
    pub level: PromptLevel,
    /// The day it was first shown (or first raised, for a day before the record began).
    pub first_shown: NaiveDate,
    /// What became of it.
    pub outcome: Outcome,
}

impl ShownPrompt {
    /// "<title> (first shown 3 Mar; hidden on 5 Mar)", with dates written by `date`.
    pub fn describe(&self, date: impl Fn(NaiveDate) -> String) -> String {
        let outcome = match self.outcome {
            Outcome::Hidden(day) => format!("hidden on {}", date(day)),
            Outcome::HiddenBy(day) => format!("hidden by {}", date(day)),
            Outcome::Answered(answered) => format!(
                "answered \u{201c}{}\u{201d} on {}",
                answered.answer.label(),
                date(answered.on)
            ),
            Outcome::StillShowing => "still showing".to_owned(),
            Outcome::Raised { last_day } => format!("raised until {}", date(last_day)),
        };
        format!(
            "{} (first shown {}; {outcome})",
            self.title,
            date(self.first_shown)
        )
    }
}

/// The messages of a period, in the order first shown.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PromptsShown {
    /// Each message, once.
    pub prompts: Vec<ShownPrompt>,
    /// When the period starts before the record began: the first day on the record (or the
    /// day after the period, when nothing is on the record yet). The days before it come from
    /// running the rules again.
    pub computed_before: Option<NaiveDate>,
}

impl PromptsShown {
    /// Whether the period had no message.
    pub fn is_empty(&self) -> bool {
        self.prompts.is_empty()
    }

    /// The line that says some messages were worked out again, when some were. `last` is the
    /// period's last day.
    pub fn computed_note(
        &self,
        last: NaiveDate,
        date: impl Fn(NaiveDate) -> String,
    ) -> Option<String> {
        let before = self.computed_before?;
        let worked_out = self
            .prompts
            .iter()
            .any(|p| matches!(p.outcome, Outcome::Raised { .. }));
        if !worked_out {
            return None;
        }
        Some(if before > last {
            "No record kept in this period: worked out again from the rules, day by day.".to_owned()
        } else {
            format!(
                "Record kept from {}; the days before: worked out again from the rules, day by day.",
                date(before)
            )
        })
    }
}

/// The messages Limber showed from `first` to `last`: the records first shown by `last` and
/// not closed before `first`, and, for the days before the record began, the prompts the rules
/// raised then (one line per rule and title, at its first day).
pub fn prompts_shown(figures: &Figures, first: NaiveDate, last: NaiveDate) -> PromptsShown {
    let records = figures.log().prompts();
    let mut prompts: Vec<ShownPrompt> = records
        .iter()
        .filter(|r| r.seen_in(first, last))
        .map(|r| ShownPrompt {
            title: r.title.clone(),
            level: r.level,
            first_shown: r.local_date,
            outcome: outcome_of(r),
        })
        .collect();
    let began = records
        .iter()
        .filter(|r| !r.from_closed_file)
        .map(|r| r.local_date)
        .min();
    let computed_before = match began {
        Some(day) if day <= first => None,
        Some(day) => Some(day),
        None => last.succ_opt(),
    };
    if let Some(end) = computed_before
        .and_then(|d| d.pred_opt())
        .map(|d| d.min(last))
    {
        let mut seen: Vec<String> = Vec::new();
        for raised in figures.prompts_raised(first, end) {
            let prompt = &raised.prompt;
            let line = format!("{}:{}", rule_of(&prompt.key), prompt.title);
            if records.iter().any(|r| r.key == prompt.key) || seen.contains(&line) {
                continue;
            }
            seen.push(line);
            prompts.push(ShownPrompt {
                title: prompt.title.clone(),
                level: PromptLevel::of(&prompt.kind),
                first_shown: raised.first_day,
                outcome: Outcome::Raised {
                    last_day: raised.last_day,
                },
            });
        }
    }
    prompts.sort_by_key(|p| p.first_shown);
    PromptsShown {
        prompts,
        computed_before,
    }
}

fn outcome_of(record: &PromptRecord) -> Outcome {
    match (record.answered, record.hidden_on) {
        (Some(answered), _) => Outcome::Answered(answered),
        (None, Some(day)) if record.from_closed_file => Outcome::HiddenBy(day),
        (None, Some(day)) => Outcome::Hidden(day),
        (None, None) => Outcome::StillShowing,
    }
}

/// The pain limits of the routine in one short line for the therapist: the routine's model
/// and whether it is Limber's starting one or was set in the routine file.
pub fn pain_limits_line(routine: &Routine) -> String {
    let model = routine.pain_model;
    let mut parts = vec![format!(
        "after a session \u{2264} {}/10 and \u{2264} {} above before",
        model.max_after, model.max_rise
    )];
    if model.settles_by_next_day {
        parts.push("usual level by the next day".to_owned());
    }
    if model.no_weekly_rise {
        parts.push("no weekly rise".to_owned());
    }
    let own = routine
        .exercises
        .iter()
        .filter(|e| e.enabled && e.pain_model.is_some())
        .count();
    if own > 0 {
        parts.push(format!("own limits for {own} exercise(s)"));
    }
    let whose = if model == PainModel::default() && own == 0 {
        "Limber's defaults"
    } else {
        "set in the routine file"
    };
    format!("Pain limits ({whose}): {}.", parts.join("; "))
}
