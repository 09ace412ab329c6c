//! The closed prompts of an older Limber, moved into the log. The old file kept only each
//! prompt's key; the record needs its title, level and the day it was first shown. Those come
//! from running the rules again (as the brief does for days before recording began) on the day
//! the key names and the six days after it; a key no rule raises any more is still kept, with a
//! plain title and the day of the move.

use std::collections::BTreeSet;

use chrono::{Days, NaiveDate, NaiveTime, TimeZone as _, Utc, Weekday};

use super::{PromptLevel, PromptRecord, rule_of};
use crate::catalog::Routine;
use crate::clock::Moment;
use crate::figures::daily_pain;
use crate::log::SessionLog;
use crate::prompts::evaluate_on;
use crate::session::SessionId;

/// The title of a moved prompt that no rule raises any more.
pub const UNKNOWN_TITLE: &str = "A message hidden in an earlier version of Limber";

/// The records of the prompts an older Limber's closed-prompts file names, each marked as moved
/// from that file and hidden by `now`'s date.
pub fn records_of_closed(
    keys: &BTreeSet<String>,
    log: &SessionLog,
    routine: &Routine,
    now: Moment,
) -> Vec<PromptRecord> {
    let daily = daily_pain(log);
    let today = now.local_date();
    keys.iter()
        .map(|key| {
            let anchor = anchor_date(key, log).filter(|d| *d <= today);
            let found = anchor.and_then(|first| {
                (0..7)
                    .filter_map(|n| first.checked_add_days(Days::new(n)))
                    .take_while(|day| *day <= today)
                    .find_map(|day| {
                        evaluate_on(log, routine, &daily, day)
                            .into_iter()
                            .find(|p| p.key == *key)
                            .map(|p| (day, p))
                    })
            });
            let (date, level, title) = match found {
                Some((day, prompt)) => (day, PromptLevel::of(&prompt.kind), prompt.title),
                None => (
                    anchor.unwrap_or(today),
                    level_of_rule(rule_of(key)),
                    UNKNOWN_TITLE.to_owned(),
                ),
            };
            let noon = date.and_time(NaiveTime::from_hms_opt(12, 0, 0).unwrap_or_default());
            let shown_at = now
                .offset
                .from_local_datetime(&noon)
                .single()
                .map_or(now.utc, |t| t.with_timezone(&Utc));
            PromptRecord {
                key: key.clone(),
                level,
                title,
                shown_at,
                utc_offset_secs: now.offset.local_minus_utc(),
                local_date: date,
                hidden_on: Some(today),
                answered: None,
                from_closed_file: true,
            }
        })
        .collect()
}

/// The day a key names: a date (`doctor-flags:2026-03-02`), an ISO week (`doctor-high:2026-W10`,
/// its Monday), or a session or pain entry of the log (their dates); the last part counts
/// (`leave-out:<exercise>:<session>`).
fn anchor_date(key: &str, log: &SessionLog) -> Option<NaiveDate> {
    let (_, rest) = key.split_once(':')?;
    let last = rest.rsplit(':').next()?;
    NaiveDate::parse_from_str(last, "%Y-%m-%d")
        .ok()
        .or_else(|| iso_week_monday(last))
        .or_else(|| {
            let id = SessionId(last.to_owned());
            log.session(&id).map(|s| s.local_date).or_else(|| {
                log.pain_entries()
                    .iter()
                    .find(|e| e.id == id)
                    .map(|e| e.local_date)
            })
        })
}

/// The Monday of `2026-W10`.
fn iso_week_monday(text: &str) -> Option<NaiveDate> {
    let (year, week) = text.split_once("-W")?;
    NaiveDate::from_isoywd_opt(year.parse().ok()?, week.parse().ok()?, Weekday::Mon)
}

/// The level a rule's key names, for a key no rule raises any more.
fn level_of_rule(rule: &str) -> PromptLevel {
    if rule.starts_with("doctor") {
        PromptLevel::SeeDoctor
    } else if rule.starts_with("pause") || rule.starts_with("raised") {
        PromptLevel::Pause
    } else if rule.starts_with("leave-out") {
        PromptLevel::LeaveOut
    } else {
        PromptLevel::Note
    }
}

#[cfg(test)]
mod tests {
    use std::time::Instant;

    use chrono::FixedOffset;

    use super::*;
    use crate::figures::days::tests::{date, exercise, log, routine, session};
    use crate::session::Completion;

    #[test]
    fn closed_keys_become_hidden_records_with_the_title_and_day_the_rules_gave() {
        let r = routine(vec![exercise("a", 1)]);
        let high = session(
            date(2026, 3, 4),
            &[("a", Completion::Done, None)],
            Some(5),
            Some(8),
        );
        let log = log(vec![high.clone()]);
        let offset = FixedOffset::east_opt(3600).unwrap();
        let utc = Utc.with_ymd_and_hms(2026, 3, 20, 9, 0, 0).unwrap();
        let now = Moment::new(Instant::now(), utc, offset);
        let keys: BTreeSet<String> = [
            format!("pause-after:{}", high.id),
            "doctor-high:2026-W10".to_owned(),
            "review-routine:3".to_owned(),
        ]
        .into();
        let records = records_of_closed(&keys, &log, &r, now);
        assert_eq!(records.len(), 3, "nothing lost");
        let find = |rule: &str| records.iter().find(|r| r.rule() == rule).unwrap();
        let pause = find("pause-after");
        assert_eq!(pause.title, "Your pain was high after your last session");
        assert_eq!(pause.local_date, date(2026, 3, 4));
        assert_eq!(pause.level, PromptLevel::Pause);
        // No rule raises these any more: kept with a plain title, on the week's Monday or on
        // the day of the move.
        let week = find("doctor-high");
        assert_eq!(
            (week.title.as_str(), week.local_date),
            (UNKNOWN_TITLE, date(2026, 3, 2))
        );
        assert_eq!(week.level, PromptLevel::SeeDoctor);
        assert_eq!(find("review-routine").local_date, date(2026, 3, 20));
        for record in &records {
            assert!(record.from_closed_file);
            assert_eq!(record.hidden_on, Some(date(2026, 3, 20)));
            let local = record.shown_at.with_timezone(&offset).date_naive();
            assert_eq!(local, record.local_date, "its time agrees with its date");
        }
    }
}
