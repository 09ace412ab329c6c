//! Notes in six scripts reach the PDF report as real text, drawn in an embedded system font
//! where the report's own font lacks them (needs fonts-noto-cjk, fonts-noto-core and
//! poppler-utils, as CI installs; without them the test says what it skipped).
#![allow(
    clippy::unwrap_used,
    reason = "a test should stop loudly at the first surprise"
)]

use std::process::Command;

use chrono::NaiveDate;
use limber::core::catalog::Routine;
use limber::core::export::Period;
use limber::core::sample::generate_log;
use limber::report::pdf::{PageSize, ReportOptions, pdf_report};
use limber::report::script_fonts::SystemFonts;

const NOTES: [&str; 6] = [
    "背中が少し楽になった",
    "ألم خفيف في الظهر",
    "כאב קל בגב",
    "पीठ में हल्का दर्द",
    "Спина болит меньше",
    "Λιγότερος πόνος στην πλάτη",
];

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn tool(name: &str, args: &[&str]) -> Option<String> {
    let output = Command::new(name).args(args).output().ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).into_owned())
}

#[test]
fn notes_in_six_scripts_are_text_in_embedded_fonts() {
    if ['背', 'ع', 'ש', 'क']
        .iter()
        .any(|&c| SystemFonts::shared().face_for(c).is_none())
    {
        eprintln!(
            "SKIPPED: no system font for CJK, Arabic, Hebrew or Devanagari; install fonts-noto-cjk and fonts-noto-core"
        );
        assert!(
            std::env::var_os("LIMBER_REQUIRE_FONTS").is_none(),
            "LIMBER_REQUIRE_FONTS is set, so this must not be skipped"
        );
        return;
    }
    let routine = Routine::built_in().unwrap();
    let (first, last) = (date(2026, 9, 1), date(2026, 9, 30));
    let mut log = generate_log(1, 7, last, &routine);
    log.edit_records(|r| {
        r.sessions
            .retain(|s| s.local_date >= first && s.local_date <= last);
    });
    // No note but the six, and no exercise marked as hurting: the list of sessions to look at
    // and the messages Limber showed about them would leave the notes no room on the page.
    log.edit_records(|r| {
        for session in &mut r.sessions {
            session.notes.clear();
            for record in &mut session.exercises {
                record.hurt = None;
            }
        }
    });
    let count = log.sessions().len();
    assert!(count >= NOTES.len());
    log.edit_records(|r| {
        for (session, note) in r.sessions[count - NOTES.len()..].iter_mut().zip(NOTES) {
            session.notes = note.to_owned();
        }
    });
    let options = ReportOptions {
        name: None,
        page: PageSize::A4,
        today: last,
    };
    let input = limber::core::figures::FiguresInput {
        routine: &routine,
        previous_routine: None,
        today: last,
    };
    let figures = limber::core::figures::Figures::of(&log, &input);
    let bytes = pdf_report(&figures, Period::new(first, last).unwrap(), &options).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.pdf");
    std::fs::write(&path, &bytes).unwrap();
    if let Some(out) = std::env::var_os("LIMBER_SCRIPTS_OUT") {
        std::fs::write(out, &bytes).unwrap();
    }
    let path = path.to_str().unwrap();
    let Some(text) = tool("pdftotext", &[path, "-"]) else {
        eprintln!("SKIPPED: pdftotext is missing; install poppler-utils");
        assert!(
            std::env::var_os("LIMBER_REQUIRE_FONTS").is_none(),
            "LIMBER_REQUIRE_FONTS is set, so this must not be skipped"
        );
        return;
    };
    assert!(!text.contains('□'), "a box in:\n{text}");
    for note in NOTES {
        assert!(text.contains(note), "{note:?} missing from:\n{text}");
    }
    assert_eq!(text.matches('\u{c}').count(), 1, "one page:\n{text}");
    let fonts = tool("pdffonts", &[path]).unwrap();
    assert!(fonts.contains("NotoSansCJK"), "{fonts}");
    assert!(fonts.contains("Noto"), "{fonts}");
}
