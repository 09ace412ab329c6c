//! The journal and the store together: an export recorded just after local midnight on the
//! first of a month is saved in the month file the journal names, so it is still there after
//! a restart, and the next export's default period ("since the last export") starts after it.
#![expect(
    clippy::unwrap_used,
    reason = "helpers shared by the tests fail loudly, like the tests themselves"
)]

use std::time::Instant;

use chrono::{FixedOffset, NaiveDate, TimeZone as _, Utc};
use limber_core::clock::Moment;
use limber_core::export::{ExportFormat, Period};
use limber_core::journal::{Change, Journal};
use limber_core::session::Session;
use limber_core::store::Store;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// The moment at local time `y-m-d h:min` in a zone `hours` east of UTC.
fn local(y: i32, m: u32, d: u32, h: u32, min: u32, hours: i32) -> Moment {
    let offset = FixedOffset::east_opt(hours * 3600).unwrap();
    let utc = offset
        .with_ymd_and_hms(y, m, d, h, min, 0)
        .unwrap()
        .with_timezone(&Utc);
    Moment::new(Instant::now(), utc, offset)
}

/// Exports June at `at`, saves exactly the months the journal names (as the saver does),
/// reopens the store and returns the export records read back and the next default period.
fn export_june_then_restart(at: Moment) -> (Vec<Option<NaiveDate>>, Period) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path(), at.utc).unwrap().store;
    let mut journal = Journal::default();
    let june = local(2026, 6, 10, 9, 0, at.offset.local_minus_utc() / 3600);
    let session = Session::start(june.utc, june.offset, 1);
    let mut months = journal
        .apply(Change::PutSession(session), june)
        .unwrap()
        .months;
    let period = Period::new(date(2026, 6, 1), date(2026, 6, 30)).unwrap();
    let export = Change::Export {
        format: ExportFormat::Pdf,
        period,
    };
    let exported = journal.apply(export, at).unwrap();
    months.extend(exported.months);
    let parts: Vec<_> = months
        .iter()
        .map(|month| (*month, journal.log().month(*month)))
        .collect();
    store.save_parts(&parts, at.utc).unwrap();
    drop(store);

    let reopened = Store::open(dir.path(), at.utc).unwrap().log;
    let dates = reopened.exports().iter().map(|e| e.local_date).collect();
    (dates, Period::default_for(&reopened, at.local_date()))
}

#[test]
fn an_export_just_after_midnight_east_of_utc_is_still_there_after_a_restart() {
    // 00:30 on 1 July in UTC+2 is 22:30 UTC on 30 June: the record is dated 1 July and lives
    // in July's file, which the journal names, so the save writes it.
    let (exports, next) = export_june_then_restart(local(2026, 7, 1, 0, 30, 2));
    assert_eq!(exports, [Some(date(2026, 7, 1))]);
    assert_eq!(next.first_day(), date(2026, 7, 1), "since the last export");
    assert_eq!(next.last_day(), date(2026, 7, 1));
}

#[test]
fn an_export_late_in_the_evening_west_of_utc_is_still_there_after_a_restart() {
    // 23:30 on 30 June in UTC-10 is 09:30 UTC on 1 July: dated 30 June, June's file.
    let (exports, next) = export_june_then_restart(local(2026, 6, 30, 23, 30, -10));
    assert_eq!(exports, [Some(date(2026, 6, 30))]);
    // On the day of the export the period since it would be empty: the last four weeks.
    assert_eq!(next.last_day(), date(2026, 6, 30));
    assert_eq!(next.days(), 28);
}
