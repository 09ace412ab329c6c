//! The doctor prompts' rest: after "I have seen my doctor" on one of them, the prompts that say
//! to see a doctor about the pain itself rest for [`DOCTOR_REST_DAYS`], unless the 7-day
//! average rises another [`DOCTOR_REST_RISE_POINTS`] above what it was on the day of the answer.
//! The person has just been checked; the same advice every week would only teach them to look
//! away, but pain that clearly climbs again is new and is shown at once.

use chrono::NaiveDate;

use super::{
    DOCTOR_REST_DAYS, DOCTOR_REST_RISE_POINTS, DOCTOR_REST_RULES, Prompt, TOLERANCE, days_i64,
};
use crate::figures::rolling_average_on;
use crate::log::SessionLog;
use crate::prompt_record::{PromptAnswer, rule_of};

/// Whether a prompt offers the answer "I have seen my doctor" (and rests after it): those of
/// [`DOCTOR_REST_RULES`]. The warning-sign prompts have answers of their own.
pub fn offers_seen_my_doctor(prompt: &Prompt) -> bool {
    DOCTOR_REST_RULES.contains(&rule_of(&prompt.key))
}

/// Whether the doctor prompts rest on `today`: the latest "I have seen my doctor" given on or
/// before `today` is fewer than [`DOCTOR_REST_DAYS`] old, and the 7-day average has not risen
/// [`DOCTOR_REST_RISE_POINTS`] above the one on the day of the answer. With no rating on either
/// day there is no rise to see, and the rest holds.
pub(super) fn doctor_prompts_rest(
    log: &SessionLog,
    daily: &[(NaiveDate, f64)],
    today: NaiveDate,
) -> bool {
    let Some(answered_on) = log
        .prompts()
        .iter()
        .filter(|r| DOCTOR_REST_RULES.contains(&r.rule()))
        .filter_map(|r| r.answered)
        .filter(|a| a.answer == PromptAnswer::SeenMyDoctor && a.on <= today)
        .map(|a| a.on)
        .max()
    else {
        return false;
    };
    if today.signed_duration_since(answered_on).num_days() >= days_i64(DOCTOR_REST_DAYS) {
        return false;
    }
    match (
        rolling_average_on(daily, answered_on),
        rolling_average_on(daily, today),
    ) {
        (Some(then), Some(now)) => now + TOLERANCE < then + DOCTOR_REST_RISE_POINTS,
        _ => true,
    }
}
