//! The prompts the rules raised on each day of the log, each day seeing only what was logged by
//! then: how the brief lists the prompts of a period.
//!
//! Every rule reads only the records dated up to the day it is run for, so running them for a
//! day of the past on the whole log gives what Today showed that day. That costs about 1 ms a
//! day over ten years: it is done for the days a brief covers, when asked, not at every build.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::catalog::Routine;
use crate::log::SessionLog;
use crate::prompts::{self, Prompt};

use super::days::dates;

/// One prompt the rules raised, and the run of days on which they raised it.
#[derive(Clone, Debug, PartialEq)]
pub struct RaisedPrompt {
    /// The first day of the run.
    pub first_day: NaiveDate,
    /// The last day of the run (the day the figures were built, when it still stands).
    pub last_day: NaiveDate,
    /// The prompt, as shown on the first day of the run.
    pub prompt: Prompt,
}

/// Every prompt raised on a day from `from` to `to`, in the order first raised, each day seeing
/// only what was logged by then ([`prompts::evaluate_on`]). Worked out when asked, for the
/// period a brief covers (about 1 ms a day over a ten-year log), not for every day of the log
/// when the figures are built.
pub(super) fn raise_in(
    log: &SessionLog,
    routine: &Routine,
    daily: &[(NaiveDate, f64)],
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<RaisedPrompt> {
    let mut runs: Vec<RaisedPrompt> = Vec::new();
    let mut open: HashMap<String, usize> = HashMap::new();
    for day in dates(from, to) {
        for prompt in prompts::evaluate_on(log, routine, daily, day) {
            let continued = open
                .get(&prompt.key)
                .and_then(|i| runs.get_mut(*i))
                .filter(|run| run.last_day.succ_opt() == Some(day));
            if let Some(run) = continued {
                run.last_day = day;
            } else {
                open.insert(prompt.key.clone(), runs.len());
                runs.push(RaisedPrompt {
                    first_day: day,
                    last_day: day,
                    prompt,
                });
            }
        }
    }
    runs
}
