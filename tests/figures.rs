//! Issue 27: one source of every figure. For one fixture log, the 7-day means on Progress's
//! chart, in the PDF's chart data and in `daily_pain.csv` are equal day by day, the brief's
//! week means come from the same series, and adherence reads the same percentage on Progress,
//! the Export screen and the PDF (12.5 % included: it read 12 % on Progress and 13 % in the
//! PDF before).
#![allow(
    clippy::unwrap_used,
    reason = "a test should stop loudly at the first surprise"
)]

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{Days, FixedOffset, NaiveDate, TimeZone as _, Utc};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use limber::core::catalog::{Category, Dose, Exercise, Routine};
use limber::core::export::{PageSize, Period, chart_series, write_csv};
use limber::core::figures::{Figures, FiguresInput, FiguresKey};
use limber::core::log::SessionLog;
use limber::core::measures::Compared;
use limber::core::pain_entry::PainEntry;
use limber::core::prompts::Dismissals;
use limber::core::session::{Completion, ExerciseRecord, PainScore, Session};
use limber::report::{ReportOptions, pdf_report};
use limber::ui::chart::{ChartData, day_x};
use limber::ui::export::ExportView;
use limber::ui::progress::{ProgressInput, ProgressView};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn routine() -> Routine {
    let dose = Dose {
        sets: 1,
        reps: 1,
        hold_secs: 10,
        rest_secs: 0,
        per_side: false,
        times_per_day: 1,
    };
    Routine {
        version: 1,
        name: "Two".to_owned(),
        exercises: vec![
            Exercise::new("a", "Exercise a", Category::Mobility, dose),
            Exercise::new("b", "Exercise b", Category::Mobility, dose),
        ],
        pain_model: limber::core::catalog::PainModel::default(),
        progression: limber::core::catalog::Progression::default(),
        break_routine: limber::core::catalog::BreakRoutine::default(),
    }
}

const TODAY: (i32, u32, u32) = (2026, 3, 8);

/// One session on 1 March (both exercises, pain 6 before and 4 after), then only pain entries:
/// 2 on the 2nd, 7 on the 8th. Eight days of two doses planned, two done: 12.5 %.
fn fixture() -> SessionLog {
    let utc = FixedOffset::east_opt(0).unwrap();
    let mut log = SessionLog::default();
    let at = Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0).unwrap();
    let mut s = Session::start(at, utc, 1);
    s.pain_before = PainScore::new(6);
    s.pain_after = PainScore::new(4);
    s.ended_at = Some(at + chrono::Duration::minutes(15));
    s.exercises = ["a", "b"]
        .into_iter()
        .map(|id| ExerciseRecord {
            exercise_id: id.into(),
            name: format!("Exercise {id}").into(),
            completion: Completion::Done,
            holds_done: 1,
            hurt: None,
            ..ExerciseRecord::default()
        })
        .collect();
    log.put_session(s);
    for (day, pain) in [(2, 2), (8, 7)] {
        let at = Utc.with_ymd_and_hms(2026, 3, day, 18, 0, 0).unwrap();
        log.put_pain_entry(PainEntry::new(
            at,
            utc,
            PainScore::new(pain).unwrap(),
            Vec::new(),
            "",
        ));
    }
    log
}

fn figures(log: &SessionLog, routine: &Routine) -> Figures {
    let input = FiguresInput {
        routine,
        previous_routine: None,
        today: date(TODAY.0, TODAY.1, TODAY.2),
    };
    Figures::build(Arc::new(log.clone()), &input, FiguresKey::new(&input, 1))
}

/// Finds a text on screen (egui gives a label's text as its accessible value).
fn shows<S>(harness: &Harness<'_, S>, text: &str) {
    let found = harness
        .query_all_by(|node| node.value().is_some_and(|v| v.contains(text)))
        .next()
        .is_some();
    assert!(found, "{text:?} is not on screen");
}

#[test]
#[expect(
    clippy::too_many_lines,
    reason = "one fixture read by every reader in turn; the comparisons read best together"
)]
fn every_reader_shows_the_same_seven_day_means_and_adherence() {
    let routine = routine();
    let log = fixture();
    let figures = figures(&log, &routine);
    let today = figures.today();
    let period = Period::last_days(today, 28);

    // The PDF's chart data.
    let pdf: BTreeMap<NaiveDate, f64> = chart_series(&figures, period).into_iter().collect();
    // 1 March: (6 + 4) / 2 = 5; 2 March: mean of the daily means 5 and 2 (not of the scores
    // 6, 4 and 2, and with the pain entry); 8 March: days 2–8 hold 2 and 7.
    assert_eq!(pdf.get(&date(2026, 3, 1)), Some(&5.0));
    assert_eq!(pdf.get(&date(2026, 3, 2)), Some(&3.5));
    assert_eq!(pdf.get(&date(2026, 3, 8)), Some(&4.5));

    // daily_pain.csv.
    let dir = tempfile::tempdir().unwrap();
    write_csv(dir.path(), &figures, period).unwrap();
    let text = std::fs::read_to_string(dir.path().join("daily_pain.csv")).unwrap();
    let mut rows = text.trim_start_matches('\u{feff}').lines();
    assert_eq!(rows.next(), Some("date,mean_pain,mean_pain_7_days"));
    let csv: Vec<(NaiveDate, Option<f64>, f64)> = rows
        .map(|row| {
            let cells: Vec<&str> = row.split(',').collect();
            (
                cells[0].parse().unwrap(),
                cells[1].parse().ok(),
                cells[2].parse().unwrap(),
            )
        })
        .collect();
    assert_eq!(csv.len(), pdf.len(), "{text}");
    for (day, _, mean_7) in &csv {
        assert!((pdf[day] - mean_7).abs() < 0.005, "{day}: {mean_7}");
    }

    // Progress's chart: one point per day, at the middle of the day.
    let chart = ChartData::new(&figures);
    let drawn: Vec<(f64, f64)> = chart
        .average_points()
        .iter()
        .flatten()
        .map(|p| (p.x, p.y))
        .collect();
    for (day, mean_7) in &pdf {
        let point = drawn
            .iter()
            .find(|(x, _)| (*x - (day_x(*day) + 0.5)).abs() < 1e-9)
            .unwrap_or_else(|| panic!("no point on {day}"));
        assert!((point.1 - mean_7).abs() < 1e-12, "{day}");
    }

    // The brief's week means: the first and last seven days of the same daily series.
    let brief = limber::core::export::brief::visit_brief(&figures, period);
    let pain = brief.pain.unwrap();
    assert_eq!(pain.of, Compared::Pain);
    let daily: Vec<(NaiveDate, f64)> = csv
        .iter()
        .filter_map(|(d, m, _)| Some((*d, (*m)?)))
        .collect();
    let week = |from: NaiveDate| {
        let values: Vec<f64> = daily
            .iter()
            .filter(|(d, _)| *d >= from && *d <= from + Days::new(6))
            .map(|(_, v)| *v)
            .collect();
        values.iter().sum::<f64>() / f64::from(u32::try_from(values.len()).unwrap())
    };
    assert!((pain.first.1 - week(date(2026, 3, 1))).abs() < 1e-9);
    assert!((pain.latest.1 - week(date(2026, 3, 2))).abs() < 1e-9);

    // Adherence: 2 of 16 doses, 12.5 %, reads 13 % everywhere.
    let bytes = pdf_report(
        &figures,
        period,
        &ReportOptions {
            name: None,
            page: PageSize::A4,
            today,
        },
    )
    .unwrap();
    let text = pdf_extract::extract_text_from_mem(&bytes).unwrap();
    assert!(text.contains("13% (2 of 16 doses)"), "{text}");

    let progress = Harness::builder()
        .with_size(egui::vec2(1280.0, 2400.0))
        .build_ui_state(
            |ui, (view, figures): &mut (ProgressView, Figures)| {
                let dismissals = Dismissals::default();
                let input = ProgressInput {
                    figures,
                    dismissals: &dismissals,
                    shown: &[],
                };
                let _actions = view.ui(ui, &input);
            },
            (ProgressView::new(), figures.clone()),
        );
    let mut progress = progress;
    progress.run_steps(3);
    shows(
        &progress,
        "Doses done in the last 2 weeks: 2 of 16 planned (13%).",
    );
    shows(&progress, "Average pain, last 7 days: 4.5 out of 10");

    let mut export = Harness::builder()
        .with_size(egui::vec2(900.0, 800.0))
        .build_ui_state(
            |ui, (view, figures): &mut (ExportView, Figures)| {
                let input = limber::ui::export::ExportInput {
                    figures,
                    damaged: &[],
                    loading_older: false,
                    name: "",
                    page: PageSize::A4,
                };
                let _actions = view.ui(ui, &input);
            },
            (ExportView::new(std::path::PathBuf::from("/tmp")), figures),
        );
    export.run();
    shows(&export, "Adherence 13% of planned doses.");
}

/// Issue 27: nothing under the export module averages or windows pain, or keeps its own copy
/// of a figure's rule: it reads `Figures`.
#[test]
fn the_export_module_keeps_no_copy_of_a_figure() {
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("crates/limber-core/src/export");
    let forbidden = [
        "fn mean(",
        "fn rolling_pain",
        "rolling_average",
        "daily_pain(",
        "ROLLING_DAYS",
        "const HIGH_PAIN",
        "pain_sum",
        "struct Adherence",
        "prompts::evaluate",
    ];
    let mut read = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        for needle in forbidden {
            assert!(
                !text.contains(needle),
                "{} holds {needle:?}",
                path.display()
            );
        }
        read += 1;
    }
    assert!(read >= 5, "the export module moved: update this test");
}
