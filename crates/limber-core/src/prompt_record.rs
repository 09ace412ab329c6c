//! The record of every safety prompt Limber showed: when it was first shown, and whether and
//! when the person hid it or answered it. It lives in the log (the month file of the day it was
//! first shown), so the brief and `prompts.csv` print what the person actually saw, and the
//! answer "I have seen my doctor" lets the doctor prompts rest (see [`crate::prompts`]).
//!
//! One record per prompt key: the journal adds it the first time a prompt is shown and fills in
//! the hiding or the answer later; an import merges records by key, keeping what either copy
//! knows.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, Utc};
use serde::{Deserialize, Serialize};

use crate::clock::Moment;
use crate::log::SessionLog;
use crate::prompts::{Prompt, PromptKind};

mod moved;

pub use moved::{UNKNOWN_TITLE, records_of_closed};

/// What a prompt suggested, as recorded (the exercise or the signs are in its title).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PromptLevel {
    /// See a doctor (the pain trend, a very high rating, or warning signs ticked).
    SeeDoctor,
    /// Consider easing off or pausing.
    Pause,
    /// Consider leaving an exercise out.
    LeaveOut,
    /// A calm note that asks for nothing urgent.
    Note,
}

impl PromptLevel {
    /// The level of a prompt's kind.
    pub fn of(kind: &PromptKind) -> PromptLevel {
        match kind {
            PromptKind::SeeDoctor { .. } => PromptLevel::SeeDoctor,
            PromptKind::Pause => PromptLevel::Pause,
            PromptKind::LeaveOut { .. } => PromptLevel::LeaveOut,
            PromptKind::Note => PromptLevel::Note,
        }
    }

    /// The level in words, for exports.
    pub fn label(self) -> &'static str {
        match self {
            PromptLevel::SeeDoctor => "see a doctor",
            PromptLevel::Pause => "ease off or pause",
            PromptLevel::LeaveOut => "leave an exercise out",
            PromptLevel::Note => "note",
        }
    }
}

/// How the person answered a prompt.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PromptAnswer {
    /// "I have seen my doctor": the doctor prompts rest (see
    /// [`crate::prompts::DOCTOR_REST_DAYS`]).
    SeenMyDoctor,
}

impl PromptAnswer {
    /// The answer in the person's words, for the brief and exports.
    pub fn label(self) -> &'static str {
        match self {
            PromptAnswer::SeenMyDoctor => "I have seen my doctor",
        }
    }
}

/// An answer and the local date it was given.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Answered {
    /// What was answered.
    pub answer: PromptAnswer,
    /// The local date of the answer.
    pub on: NaiveDate,
}

/// One prompt Limber showed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PromptRecord {
    /// The prompt's stable key (its rule and what raised it); records merge by it.
    pub key: String,
    /// What it suggested.
    pub level: PromptLevel,
    /// Its headline as shown.
    pub title: String,
    /// When it was first shown, in UTC.
    pub shown_at: DateTime<Utc>,
    /// The local offset then, in seconds east of UTC.
    pub utc_offset_secs: i32,
    /// The local date it was first shown (the month file it belongs in).
    pub local_date: NaiveDate,
    /// The local date the person hid it ("Hide this message").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hidden_on: Option<NaiveDate>,
    /// The person's answer, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answered: Option<Answered>,
    /// Moved from the closed-prompts file of an older Limber, which kept only the key: the
    /// date first shown is the first day the rules raised it (or the date in its key), and
    /// `hidden_on` is the day of the move (it was hidden on or before).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub from_closed_file: bool,
}

impl PromptRecord {
    /// The record of `prompt`, first shown at `now`.
    pub fn shown(prompt: &Prompt, now: Moment) -> PromptRecord {
        PromptRecord {
            key: prompt.key.clone(),
            level: PromptLevel::of(&prompt.kind),
            title: prompt.title.clone(),
            shown_at: now.utc,
            utc_offset_secs: now.offset.local_minus_utc(),
            local_date: now.local_date(),
            hidden_on: None,
            answered: None,
            from_closed_file: false,
        }
    }

    /// The rule that raised it: the key up to its first colon (`doctor-high`).
    pub fn rule(&self) -> &str {
        rule_of(&self.key)
    }

    /// The local time it was first shown.
    pub fn local_time(&self) -> NaiveTime {
        FixedOffset::east_opt(self.utc_offset_secs).map_or_else(
            || self.shown_at.time(),
            |o| self.shown_at.with_timezone(&o).time(),
        )
    }

    /// Whether the person closed it: hidden or answered.
    pub fn is_closed(&self) -> bool {
        self.hidden_on.is_some() || self.answered.is_some()
    }

    /// The day it was closed (hidden or answered), the earlier of the two.
    pub fn closed_on(&self) -> Option<NaiveDate> {
        let answered = self.answered.map(|a| a.on);
        match (self.hidden_on, answered) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    /// Whether the person could see it on a day from `first` to `last`: first shown by `last`,
    /// and not closed before `first`. The brief and `prompts.csv` of a period list these.
    pub fn seen_in(&self, first: NaiveDate, last: NaiveDate) -> bool {
        self.local_date <= last && self.closed_on().is_none_or(|day| day >= first)
    }

    /// Takes in what `other`, a copy with the same key, knows and this one does not (a date it
    /// was hidden, an answer). Returns whether anything changed.
    pub fn fill_in(&mut self, other: &PromptRecord) -> bool {
        let mut changed = false;
        if self.hidden_on.is_none() && other.hidden_on.is_some() {
            self.hidden_on = other.hidden_on;
            changed = true;
        }
        if self.answered.is_none() && other.answered.is_some() {
            self.answered = other.answered;
            changed = true;
        }
        changed
    }
}

/// The rule part of a prompt key: up to its first colon.
pub fn rule_of(key: &str) -> &str {
    key.split(':').next().unwrap_or_default()
}

/// Whether the prompt with `key` was closed (hidden or answered) in `log`.
pub fn is_closed(log: &SessionLog, key: &str) -> bool {
    log.prompts().iter().any(|r| r.key == key && r.is_closed())
}

/// Whether the prompt with `key` is on the record already.
pub fn is_recorded(log: &SessionLog, key: &str) -> bool {
    log.prompts().iter().any(|r| r.key == key)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone as _;

    #[test]
    fn a_record_keeps_its_local_time_and_fills_in_only_what_it_lacks() {
        let offset = FixedOffset::east_opt(2 * 3600).unwrap();
        let utc = Utc.with_ymd_and_hms(2026, 3, 31, 22, 30, 0).unwrap();
        let now = Moment::new(std::time::Instant::now(), utc, offset);
        let prompt = Prompt {
            key: "doctor-high:2026-W14".into(),
            kind: PromptKind::SeeDoctor { flags: Vec::new() },
            title: "High".into(),
            message: String::new(),
        };
        let mut ours = PromptRecord::shown(&prompt, now);
        assert_eq!(
            ours.local_date,
            NaiveDate::from_ymd_opt(2026, 4, 1).unwrap()
        );
        assert_eq!(
            ours.local_time(),
            NaiveTime::from_hms_opt(0, 30, 0).unwrap()
        );
        assert_eq!(ours.rule(), "doctor-high");
        let mut theirs = ours.clone();
        theirs.hidden_on = Some(ours.local_date);
        assert!(ours.fill_in(&theirs));
        assert!(!ours.fill_in(&theirs), "nothing new the second time");
        let mut later = theirs.clone();
        later.hidden_on = NaiveDate::from_ymd_opt(2026, 5, 1);
        assert!(!ours.fill_in(&later), "a date already known is kept");
        assert_eq!(ours.hidden_on, Some(ours.local_date));
    }
}
