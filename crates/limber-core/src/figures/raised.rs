//! The prompts the rules raised on each day of the log, each day seeing only what was logged by
//! then: how the brief lists the prompts of a period.
//!
//! Running [`prompts::evaluate`] on a copy of the log for each of 3,650 days would take seconds.
//! Instead one walk goes through the days in order, adding each day's records as it reaches
//! them: the red-flag and leave-out prompts are worked out again only on days that added a
//! check-in or a session, and the trend rules read the one daily series up to the day (they
//! never look past it).

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::catalog::Routine;
use crate::log::SessionLog;
use crate::prompts::{self, Prompt};
use crate::session::{CheckIn, Session};

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

/// Every prompt raised on any day up to `today`, in the order first raised, and the prompts of
/// `today` itself in the order Today shows them.
pub(super) fn raise_by_day(
    log: &SessionLog,
    routine: &Routine,
    daily: &[(NaiveDate, f64)],
    today: NaiveDate,
) -> (Vec<RaisedPrompt>, Vec<Prompt>) {
    let mut sessions: Vec<&Session> = log.sessions().iter().collect();
    sessions.sort_by_key(|s| (s.local_date, s.started_at));
    let mut check_ins: Vec<&CheckIn> = log.check_ins().iter().collect();
    check_ins.sort_by_key(|c| (c.local_date, c.at));
    let start = [
        sessions.first().map(|s| s.local_date),
        check_ins.first().map(|c| c.local_date),
        daily.first().map(|(d, _)| *d),
    ]
    .into_iter()
    .flatten()
    .min();
    let Some(start) = start else {
        return (Vec::new(), Vec::new());
    };
    let mut runs: Vec<RaisedPrompt> = Vec::new();
    let mut open: HashMap<String, usize> = HashMap::new();
    let mut today_prompts = Vec::new();
    let (mut next_session, mut next_check_in) = (0, 0);
    let mut latest_rated: Option<&Session> = None;
    let mut red_flag: Option<Prompt> = None;
    let mut leave_out: Vec<Prompt> = Vec::new();
    for day in dates(start, today) {
        let added_sessions = next_session;
        while let Some(session) = sessions.get(next_session).filter(|s| s.local_date <= day) {
            if !session.is_rest_day() && session.pain_after.is_some() {
                latest_rated = Some(session);
            }
            next_session += 1;
        }
        if next_session > added_sessions {
            leave_out = prompts::leave_out_prompts(&sessions[..next_session], routine);
        }
        let added_check_ins = next_check_in;
        while check_ins
            .get(next_check_in)
            .is_some_and(|c| c.local_date <= day)
        {
            next_check_in += 1;
        }
        if next_check_in > added_check_ins {
            red_flag = check_ins
                .get(next_check_in - 1)
                .and_then(|c| prompts::red_flag_prompt(c));
        }
        let raised = prompts::compose(
            red_flag.clone(),
            daily,
            latest_rated,
            leave_out.clone(),
            day,
        );
        for prompt in &raised {
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
                    prompt: prompt.clone(),
                });
            }
        }
        if day == today {
            today_prompts = raised;
        }
    }
    (runs, today_prompts)
}
