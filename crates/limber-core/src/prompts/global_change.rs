//! The PGIC's "worse": an answer of 5 to 7 on the two-sided scale brings a calm prompt to talk
//! to the therapist. Answers on the earlier one-sided scale never raise it (that scale has no
//! "worse" of its own, and is never read as the two-sided one).

use chrono::NaiveDate;

use super::{PGIC_WORSE_DAYS, Prompt, PromptKind, days_i64, long_date};
use crate::log::SessionLog;
use crate::measures::{MeasureKind, MeasureResponse, PgicReading};

/// The latest PGIC answered on or before `today`, on either scale, with its reading.
pub(super) fn latest_pgic(
    log: &SessionLog,
    today: NaiveDate,
) -> Option<(&MeasureResponse, PgicReading)> {
    log.measures()
        .iter()
        .filter(|m| m.kind() == MeasureKind::Pgic && m.local_date <= today)
        .max_by_key(|m| m.at)
        .and_then(|m| Some((m, m.answers.pgic()?)))
}

/// The latest PGIC says "worse" (two-sided scale, 5 to 7) and was answered fewer than
/// [`PGIC_WORSE_DAYS`] days ago (today is day 0): until the next PGIC is due.
pub(super) fn pgic_worse_prompt(log: &SessionLog, today: NaiveDate) -> Option<Prompt> {
    let (latest, reading) = latest_pgic(log, today)?;
    let age = today.signed_duration_since(latest.local_date).num_days();
    if !reading.worse || age >= days_i64(PGIC_WORSE_DAYS) {
        return None;
    }
    Some(Prompt {
        key: format!("pgic-worse:{}", latest.id),
        kind: PromptKind::Note,
        title: "You said your back is worse: tell your therapist".to_owned(),
        message: format!(
            "In your progress questions on {} you chose \u{201c}{}\u{201d}. It is worth talking \
             this over with your therapist, so they can look at your routine with you. If the \
             pain is much worse, or any of the warning signs applies to you, see a doctor.",
            long_date(latest.local_date),
            reading.label
        ),
    })
}
