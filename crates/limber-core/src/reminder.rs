//! When to remind the person about their routine. Pure: the caller passes the local time.
//!
//! Rules: at most one reminder a day; none once today's routine is done; and if Limber was not
//! running at the reminder time (or the computer was asleep), the reminder comes as soon as it
//! runs later that same day, because the routine is still not done.

use chrono::{Days, NaiveDate, NaiveDateTime, NaiveTime};

/// Whether a reminder should be shown now.
///
/// `now_local` is the local wall-clock time; `already_notified_on` is the local date of the last
/// reminder shown (so it is shown once a day).
pub fn reminder_due(
    reminder: Option<NaiveTime>,
    now_local: NaiveDateTime,
    routine_done_today: bool,
    already_notified_on: Option<NaiveDate>,
) -> bool {
    let Some(at) = reminder else {
        return false;
    };
    !routine_done_today && already_notified_on != Some(now_local.date()) && now_local.time() >= at
}

/// The next local time at which [`reminder_due`] may become true, so the app can sleep until
/// then (e.g. `request_repaint_after`) instead of checking every frame. `None` when no reminder
/// is set. When a reminder is due now, this is `now_local`.
pub fn next_reminder_at(
    reminder: Option<NaiveTime>,
    now_local: NaiveDateTime,
    routine_done_today: bool,
    already_notified_on: Option<NaiveDate>,
) -> Option<NaiveDateTime> {
    let at = reminder?;
    let today = now_local.date();
    let today_still_open = !routine_done_today && already_notified_on != Some(today);
    if today_still_open {
        return Some(now_local.max(today.and_time(at)));
    }
    let tomorrow = today.checked_add_days(Days::new(1))?;
    Some(tomorrow.and_time(at))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(hour: u32, minute: u32, second: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 3, 14)
            .unwrap()
            .and_hms_opt(hour, minute, second)
            .unwrap()
    }

    fn eight() -> Option<NaiveTime> {
        NaiveTime::from_hms_opt(8, 0, 0)
    }

    #[test]
    fn no_reminder_set_is_never_due() {
        assert!(!reminder_due(None, at(23, 59, 59), false, None));
        assert_eq!(next_reminder_at(None, at(7, 0, 0), false, None), None);
    }

    #[test]
    fn due_from_the_minute_it_is_set_for() {
        assert!(!reminder_due(eight(), at(7, 59, 59), false, None));
        assert!(reminder_due(eight(), at(8, 0, 0), false, None));
        assert!(reminder_due(eight(), at(23, 59, 59), false, None));
    }

    #[test]
    fn midnight_starts_a_new_day() {
        assert!(!reminder_due(eight(), at(0, 0, 0), false, None));
        let midnight = NaiveTime::from_hms_opt(0, 0, 0);
        assert!(reminder_due(midnight, at(0, 0, 0), false, None));
    }

    #[test]
    fn not_due_when_done_or_already_shown_today() {
        assert!(!reminder_due(eight(), at(9, 0, 0), true, None));
        let today = at(9, 0, 0).date();
        assert!(!reminder_due(eight(), at(9, 0, 0), false, Some(today)));
        let yesterday = today.pred_opt().unwrap();
        assert!(reminder_due(eight(), at(9, 0, 0), false, Some(yesterday)));
    }

    #[test]
    fn next_check_is_the_reminder_time_or_tomorrow() {
        assert_eq!(
            next_reminder_at(eight(), at(6, 30, 0), false, None),
            Some(at(8, 0, 0))
        );
        assert_eq!(
            next_reminder_at(eight(), at(9, 15, 0), false, None),
            Some(at(9, 15, 0))
        );
        let tomorrow_eight = at(8, 0, 0)
            .date()
            .succ_opt()
            .unwrap()
            .and_time(eight().unwrap());
        assert_eq!(
            next_reminder_at(eight(), at(6, 30, 0), true, None),
            Some(tomorrow_eight)
        );
        assert_eq!(
            next_reminder_at(eight(), at(9, 0, 0), false, Some(at(8, 0, 0).date())),
            Some(tomorrow_eight)
        );
    }
}
