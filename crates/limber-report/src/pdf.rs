//! The one-page PDF report for the therapist.
//!
//! The page holds, from top to bottom: the person's name (when given) and the period, the key
//! figures (adherence, sessions, rest days, mean pain), the visit brief (the warning signs
//! ticked, the messages Limber
//! showed, the outcome measures, the pain limits, the check-ins, where it hurt, the questions:
//! its lowest blocks give way first when the page is full, see `brief_page`), the routine with its doses and each
//! exercise's adherence, the pain-over-time chart, the sessions worth a look (high pain after,
//! or an exercise that hurt), the rest days, and the notes. Lists that do not fit are cut and
//! say how many entries were left out; the CSV export always has everything. The text is real
//! PDF text in an embedded font, so it can be selected and searched.

use std::path::Path;

use chrono::{Datelike as _, NaiveDate};

use crate::catalog::Routine;
use crate::figures::{ADHERENCE_EXPLAINED, ExerciseStats, Figures};
use crate::prompts::HIGH_PAIN_AFTER;
use crate::session::{Session, SessionKind};

use super::brief::{VisitBrief, visit_brief};

mod brief_page;

use super::chart::{Frame, chart_ops};
use super::layout::{Fonts, Page, TextStyle, Weight};
use super::render::render;
use super::{
    ExportError, ExportFormat, Period, Summary, check_content, check_file_target, entries,
    exercise_adherence, hurt_any, is_high_pain, summarise, write_file,
};

/// The paper size of the report: the one the settings keep.
pub use crate::settings::PageSize;

/// Choices for the report that are not in the log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReportOptions {
    /// The person's name, printed at the top when given.
    pub name: Option<String>,
    /// The paper size.
    pub page: PageSize,
    /// The date the report is made, printed at the top.
    pub today: NaiveDate,
}

/// The page margin, in points (about 14 mm).
const MARGIN: f32 = 40.0;
/// Height of the pain chart, in points.
const CHART_H: f32 = 135.0;
/// At most this many sessions are listed under "Sessions to look at".
const MAX_LOOK_AT_ROWS: usize = 8;
/// Rest days are listed on at most this many lines.
const MAX_REST_DAY_LINES: usize = 3;
/// One note takes at most this many lines.
const MAX_NOTE_LINES: usize = 3;
/// The brief lists at most this many questions.
const MAX_QUESTIONS: usize = 4;
/// The brief lists at most this many of the messages Limber showed.
const MAX_PROMPTS: usize = 4;

const TITLE: TextStyle = TextStyle::bold(15.0);
const HEADING: TextStyle = TextStyle::bold(10.5);
const BODY: TextStyle = TextStyle::regular(9.5);
const BODY_BOLD: TextStyle = TextStyle::bold(9.5);
const SMALL: TextStyle = TextStyle::regular(8.5);
const FOOT: TextStyle = TextStyle::regular(7.5).muted();

/// The PDF report of `period`, as bytes. An error when nothing was logged in the period.
pub fn pdf_report(
    figures: &Figures,
    period: Period,
    options: &ReportOptions,
) -> Result<Vec<u8>, ExportError> {
    check_content(figures, ExportFormat::Pdf, period)?;
    let entries = entries(figures.log(), period);
    let fonts = Fonts::load()?;
    let brief = visit_brief(figures, period);
    let exercises = figures.exercise_stats(period.first_day(), period.last_day());
    let extra = Extra {
        brief: &brief,
        pain_changes: &exercises,
        figures,
    };
    let page = layout_report(&entries, &extra, figures.routine(), period, options, &fonts);
    render(&page, options, &fonts)
}

/// Builds the report and writes it to `path` atomically; the file is either the complete new
/// report or left as it was.
pub fn write_pdf(
    path: &Path,
    figures: &Figures,
    period: Period,
    options: &ReportOptions,
) -> Result<(), ExportError> {
    check_file_target(path)?;
    let bytes = pdf_report(figures, period, options)?;
    write_file(path, &bytes)
}

/// How dates are written in lists: with the weekday within one year, with the year otherwise.
fn day_format(period: Period) -> &'static str {
    if period.days() > 300 || period.first_day().year() != period.last_day().year() {
        "%-d %b %Y"
    } else {
        "%a %-d %b"
    }
}

/// What the report shows beyond the sessions of the period.
struct Extra<'a> {
    brief: &'a VisitBrief,
    pain_changes: &'a [ExerciseStats],
    /// Every figure printed.
    figures: &'a Figures,
}

fn layout_report(
    entries: &[&Session],
    extra: &Extra<'_>,
    routine: &Routine,
    period: Period,
    options: &ReportOptions,
    fonts: &Fonts,
) -> Page {
    let (width, height) = options.page.size_pt();
    let mut page = Page::new(width, height, MARGIN);
    let summary = summarise(extra.figures, entries, period);
    header(&mut page, &summary, options, fonts);
    let footer_h = FOOT.line_height() + 6.0;
    // What must fit below the brief: the routine table, the chart, and the headings of the
    // three lists under it with a line each; the brief's lowest blocks give way to them.
    let routine_h = brief_page::height_of(&page, |p| {
        routine_table(p, extra, routine, period, fonts);
    });
    let chart_h = HEADING.line_height() + 2.0 + CHART_H + 8.0;
    let lists_h = 3.0 * HEADING.line_height() + 4.0 * SMALL.line_height() + 18.0;
    let reserve = routine_h + chart_h + lists_h + footer_h;
    brief_page::brief_blocks(&mut page, extra.brief, period, fonts, reserve);
    routine_table(&mut page, extra, routine, period, fonts);
    chart(&mut page, extra.figures, entries, period, fonts);
    // Keep room below for the rest days and the first notes.
    let below = 2.0 * HEADING.line_height() + 7.0 * SMALL.line_height() + 12.0;
    look_at(&mut page, entries, period, fonts, footer_h + below);
    rest_days(&mut page, entries, period, fonts);
    notes(&mut page, entries, period, fonts, footer_h);
    footer(&mut page);
    page
}

fn header(page: &mut Page, summary: &Summary, options: &ReportOptions, fonts: &Fonts) {
    let x = page.margin;
    page.line(
        x,
        "Upper back self-care: report for the therapist".to_owned(),
        TITLE,
    );
    page.y += 2.0;
    if let Some(name) = options
        .name
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
    {
        page.line(x, format!("Name: {}", fonts.printable(name)), BODY_BOLD);
    }
    let period = summary.period;
    page.line(
        x,
        format!(
            "Period: {period} ({} days)   ·   Made on {}",
            period.days(),
            options.today
        ),
        BODY,
    );
    page.rule();
    let pain =
        |mean: Option<f64>| mean.map_or_else(|| "not given".to_owned(), |m| format!("{m:.1}"));
    let figures = [
        format!("Adherence: {}", summary.adherence.describe()),
        format!("Sessions: {}", summary.sessions),
        format!("Rest days: {}", summary.rest_days),
        format!(
            "Mean pain before: {}, after: {} (0–10)",
            pain(summary.session_pain.before),
            pain(summary.session_pain.after)
        ),
    ];
    for line in fonts.wrap(
        &figures.join("  ·  "),
        BODY_BOLD.size,
        Weight::Bold,
        page.content_width(),
    ) {
        page.line(x, line, BODY_BOLD);
    }
    for line in fonts.wrap(
        ADHERENCE_EXPLAINED,
        SMALL.size,
        Weight::Regular,
        page.content_width(),
    ) {
        page.line(x, line, SMALL.muted());
    }
    page.y += 4.0;
}

fn routine_table(
    page: &mut Page,
    extra: &Extra<'_>,
    routine: &Routine,
    period: Period,
    fonts: &Fonts,
) {
    let title = if routine.name.trim().is_empty() {
        format!("Routine (version {})", routine.version)
    } else {
        format!(
            "Routine: {} (version {})",
            fonts.printable(&routine.name),
            routine.version
        )
    };
    page.line(page.margin, title, HEADING);
    let w = page.content_width();
    let columns = [
        (0.0, "Exercise"),
        (0.33, "Dose"),
        (0.64, "Done"),
        (0.74, "Adherence"),
        (0.85, "Δ pain"),
        (0.95, "Hurt"),
    ];
    let style = SMALL;
    let y = page.y + style.line_height() - style.size * 0.3;
    for (at, label) in columns {
        page.text_at(
            page.margin + at * w,
            y,
            label.to_owned(),
            TextStyle::bold(style.size),
        );
    }
    page.y += style.line_height();
    let pain_changes = extra.pain_changes;
    let rows = exercise_adherence(extra.figures, period);
    if rows.is_empty() {
        page.line(
            page.margin,
            "No exercise is switched on in the routine.".to_owned(),
            style.muted(),
        );
    }
    for row in rows {
        let cells = [
            fonts.fit(
                &fonts.printable(&row.name),
                style.size,
                Weight::Regular,
                0.32 * w,
            ),
            fonts.fit(&row.dose.summary(), style.size, Weight::Regular, 0.3 * w),
            format!("{} of {}", row.adherence.done, row.adherence.planned),
            row.adherence
                .percent()
                .map_or_else(|| "–".to_owned(), |p| format!("{p}%")),
            pain_changes
                .iter()
                .find(|s| s.exercise_id == row.id)
                .and_then(|s| s.average_pain_change)
                .map_or_else(|| "–".to_owned(), |c| format!("{c:+.1}")),
            row.hurt_sessions.to_string(),
        ];
        let y = page.y + style.line_height() - style.size * 0.3;
        for ((at, _), cell) in columns.iter().zip(cells) {
            page.text_at(page.margin + at * w, y, cell, style);
        }
        page.y += style.line_height();
    }
    page.y += 6.0;
}

/// `text` wrapped to the page in small type, cut to `max_lines` with an ellipsis.
fn short_list(page: &mut Page, text: &str, max_lines: usize, fonts: &Fonts) {
    let style = SMALL;
    let width = page.content_width();
    let mut lines = fonts.wrap(text, style.size, Weight::Regular, width);
    if lines.len() > max_lines {
        lines.truncate(max_lines);
        if let Some(last) = lines.last_mut() {
            *last = fonts.fit(&format!("{last} …"), style.size, Weight::Regular, width);
        }
    }
    for line in lines {
        page.line(page.margin, line, style);
    }
}

fn chart(page: &mut Page, figures: &Figures, entries: &[&Session], period: Period, fonts: &Fonts) {
    page.line(
        page.margin,
        "Pain over time (0 = no pain, 10 = worst imaginable)".to_owned(),
        HEADING,
    );
    page.y += 2.0;
    let frame = Frame {
        x: page.margin,
        y: page.y,
        w: page.content_width(),
        h: CHART_H,
    };
    page.ops
        .extend(chart_ops(figures, entries, period, &frame, fonts));
    page.y += CHART_H + 8.0;
}

/// One line per session with high pain after or an exercise that hurt.
fn look_at(page: &mut Page, entries: &[&Session], period: Period, fonts: &Fonts, reserve: f32) {
    let rows: Vec<String> = entries
        .iter()
        .filter(|s| s.is_routine() && (is_high_pain(s) || hurt_any(s)))
        .map(|s| {
            let pain = match (s.pain_before, s.pain_after) {
                (Some(b), Some(a)) => format!("pain {b} → {a}"),
                (None, Some(a)) => format!("pain after {a}"),
                (Some(b), None) => format!("pain before {b}"),
                (None, None) => "pain not given".to_owned(),
            };
            let hurt: Vec<String> = s
                .exercises
                .iter()
                .filter_map(|r| {
                    r.hurt
                        .map(|h| format!("{} {}", fonts.printable(&r.name), h.label()))
                })
                .collect();
            let hurt = if hurt.is_empty() {
                String::new()
            } else {
                format!("   ·   {}", hurt.join("; "))
            };
            format!("{}   {pain}{hurt}", s.local_date.format(day_format(period)))
        })
        .collect();
    page.line(
        page.margin,
        format!(
            "Sessions to look at: pain after of {HIGH_PAIN_AFTER} or more, or an exercise that hurt ({})",
            rows.len()
        ),
        HEADING,
    );
    if rows.is_empty() {
        page.line(page.margin, "None in this period.".to_owned(), BODY.muted());
    }
    let style = SMALL;
    let room_rows = ((page.room() - reserve) / style.line_height())
        .floor()
        .max(0.0);
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "a small positive count"
    )]
    let fit = (room_rows as usize).min(MAX_LOOK_AT_ROWS);
    let shown = if rows.len() > fit {
        fit.saturating_sub(1)
    } else {
        rows.len()
    };
    for row in rows.iter().take(shown) {
        let line = fonts.fit(row, style.size, Weight::Regular, page.content_width());
        page.line(page.margin, line, style);
    }
    // With no room for a row at all, the heading's count says it: the line would run into the
    // room kept for the rest days and the notes.
    if shown < rows.len() && fit > 0 {
        page.line(
            page.margin,
            format!(
                "… and {} more; every session is in sessions.csv.",
                rows.len() - shown
            ),
            style.muted(),
        );
    }
    page.y += 6.0;
}

fn rest_days(page: &mut Page, entries: &[&Session], period: Period, fonts: &Fonts) {
    let days: Vec<String> = entries
        .iter()
        .filter_map(|s| match &s.kind {
            SessionKind::RestDay(reason) => Some(format!(
                "{} ({})",
                s.local_date.format(day_format(period)),
                fonts.printable(&reason.label())
            )),
            SessionKind::Routine | SessionKind::Break => None,
        })
        .collect();
    page.line(page.margin, format!("Rest days ({})", days.len()), HEADING);
    let text = if days.is_empty() {
        "None in this period.".to_owned()
    } else {
        days.join(";  ")
    };
    short_list(page, &text, MAX_REST_DAY_LINES, fonts);
    page.y += 6.0;
}

/// The notes, each cut to a few lines, as many as fit above the footer.
fn notes(page: &mut Page, entries: &[&Session], period: Period, fonts: &Fonts, reserve: f32) {
    let with_notes: Vec<&&Session> = entries
        .iter()
        .filter(|s| !s.notes.trim().is_empty())
        .collect();
    // No room for the heading and a line: say nothing rather than run into the footer.
    if page.room() - reserve < HEADING.line_height() + SMALL.line_height() {
        return;
    }
    page.line(
        page.margin,
        format!("Notes ({})", with_notes.len()),
        HEADING,
    );
    let style = SMALL;
    if with_notes.is_empty() {
        page.line(
            page.margin,
            "No notes in this period.".to_owned(),
            style.muted(),
        );
        return;
    }
    let date_w = with_notes
        .iter()
        .map(|s| {
            fonts.width(
                &s.local_date.format(day_format(period)).to_string(),
                style.size,
                Weight::Bold,
            )
        })
        .fold(0.0, f32::max)
        + 8.0;
    let text_w = page.content_width() - date_w;
    let line_h = style.line_height();
    for (index, session) in with_notes.iter().enumerate() {
        let mut lines = fonts.wrap(
            &fonts.printable(session.notes.trim()),
            style.size,
            Weight::Regular,
            text_w,
        );
        if lines.len() > MAX_NOTE_LINES {
            lines.truncate(MAX_NOTE_LINES);
            if let Some(last) = lines.last_mut() {
                *last = fonts.fit(&format!("{last} …"), style.size, Weight::Regular, text_w);
            }
        }
        let left_after = with_notes.len() - index - 1;
        let more_line = if left_after > 0 { line_h } else { 0.0 };
        #[expect(clippy::cast_precision_loss, reason = "a few lines")]
        let needed = lines.len() as f32 * line_h + more_line;
        if needed > page.room() - reserve {
            page.line(
                page.margin,
                format!(
                    "… {} more notes not shown; every note is in sessions.csv.",
                    with_notes.len() - index
                ),
                style.muted(),
            );
            return;
        }
        let date = session.local_date.format(day_format(period)).to_string();
        let y = page.y + line_h - style.size * 0.3;
        page.text_at(page.margin, y, date, TextStyle::bold(style.size));
        for line in lines {
            page.line(page.margin + date_w, line, style);
        }
        page.y += 1.5;
    }
}

fn footer(page: &mut Page) {
    let y = page.height - page.margin + FOOT.line_height();
    page.text_at(
        page.margin,
        y,
        "Kept by the person with the Limber app: their own record of a self-care routine, not a medical assessment.".to_owned(),
        FOOT,
    );
}

#[cfg(test)]
mod tests {
    use super::super::layout::Op;
    use super::*;
    use crate::log::SessionLog;

    /// Four weeks of sessions with long notes (three of them gentler), and the brief at its
    /// fullest: measures, areas, PGIC, more questions than it lists, and `prompts` messages
    /// shown. The log and period.
    fn full_log(prompts: u32) -> (SessionLog, Period) {
        use crate::session::{Completion, ExerciseRecord, PainScore};
        use chrono::{Days, FixedOffset, TimeZone, Utc};
        let first = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        let mut log = SessionLog::default();
        for i in 0..28 {
            let day = first + Days::new(i);
            let at = Utc.from_utc_datetime(&day.and_hms_opt(8, 0, 0).unwrap());
            let mut s = Session::start(at, FixedOffset::east_opt(0).unwrap(), 1);
            s.pain_before = PainScore::new(u8::try_from(i % 10).unwrap());
            s.pain_after = PainScore::new(u8::try_from((i + 5) % 11).unwrap());
            s.notes =
                "A long note that goes on and on about the day, the drive and the desk. ".repeat(4);
            // Three gentler sessions, on the 12th, 15th and 20th.
            s.gentle = [11, 14, 19].contains(&i);
            s.exercises.push(ExerciseRecord {
                exercise_id: "overhead-lat-stretch".into(),
                name: "Overhead lat stretch".into(),
                completion: Completion::Done,
                holds_done: 3,
                hurt: None,
                ..ExerciseRecord::default()
            });
            log.put_session(s);
        }
        let period = Period::new(first, first + Days::new(27)).unwrap();
        // The brief at its fullest: measures, areas, PGIC, and more questions than it lists.
        let utc = FixedOffset::east_opt(0).unwrap();
        crate::sample_visit::add_visit_records(&mut log, 3, first, period.last_day(), utc);
        for i in 0..6 {
            let at = Utc.from_utc_datetime(&first.and_hms_opt(20, i, 0).unwrap());
            let question_text = format!(
                "Question {i}: {}",
                "why does it ache when I sit? ".repeat(9)
            );
            log.edit_records(|r| {
                r.questions
                    .push(crate::questions::Question::new(&question_text, at, utc).unwrap());
            });
        }
        // Three exercises moved to their harder version in the period.
        let routine = Routine::built_in().unwrap();
        for (id, day) in [
            ("crab-pose", 3),
            ("iyt-poses", 9),
            ("wall-angel-slides", 12),
        ] {
            let at = Utc.from_utc_datetime(&(first + Days::new(day)).and_hms_opt(9, 0, 0).unwrap());
            let exercise = routine.exercise(id).unwrap();
            let choice = limber_core::versions::VersionChoice::new(
                at,
                utc,
                exercise,
                limber_core::catalog::Version::HARDER,
            );
            log.edit_records(|r| r.version_choices.push(choice));
        }
        // One progression offered and declined in the period.
        for (n, event) in [
            limber_core::progression::ProgressionEvent::Offered,
            limber_core::progression::ProgressionEvent::Declined,
        ]
        .into_iter()
        .enumerate()
        {
            let day = first + Days::new(14);
            let at =
                Utc.from_utc_datetime(&day.and_hms_opt(18, u32::try_from(n).unwrap(), 0).unwrap());
            let record = limber_core::progression::ProgressionRecord {
                id: crate::session::SessionId(format!("g{n}")),
                at,
                utc_offset_secs: 0,
                local_date: day,
                exercise_id: "swimmers".into(),
                exercise: "Swimmers".into(),
                from: limber_core::catalog::Version::STANDARD,
                to: limber_core::catalog::Version::HARDER,
                to_name: String::new(),
                event,
            };
            log.edit_records(|r| r.progressions.push(record));
        }
        // The record begins on the fifth day: the days before come from the rules.
        for n in 0..prompts {
            let day = first + Days::new(u64::from(n) + 4);
            let at = Utc.from_utc_datetime(&day.and_hms_opt(9, 0, 0).unwrap());
            log.edit_records(|r| {
                r.prompts.push(limber_core::prompt_record::PromptRecord {
                    key: format!("doctor-high:{n}"),
                    level: limber_core::prompt_record::PromptLevel::SeeDoctor,
                    title: "Your pain has stayed high for two weeks".into(),
                    shown_at: at,
                    utc_offset_secs: 0,
                    local_date: day,
                    hidden_on: Some(day),
                    answered: None,
                    from_closed_file: false,
                });
            });
        }
        (log, period)
    }

    /// The page of `log` over `period` at `size`.
    fn page_of(log: &SessionLog, period: Period, size: PageSize) -> Page {
        let routine = Routine::built_in().unwrap();
        let input = crate::figures::FiguresInput {
            routine: &routine,
            previous_routine: None,
            today: period.last_day(),
        };
        let figures = Figures::of(log, &input);
        let brief = visit_brief(&figures, period);
        assert!(!brief.measures.is_empty() && !brief.areas.is_empty());
        let pain_changes = figures.exercise_stats(period.first_day(), period.last_day());
        let extra = Extra {
            brief: &brief,
            pain_changes: &pain_changes,
            figures: &figures,
        };
        let fonts = Fonts::load().unwrap();
        let options = ReportOptions {
            name: Some("Sam".into()),
            page: size,
            today: period.first_day(),
        };
        let entries = super::super::entries(log, period);
        layout_report(&entries, &extra, &routine, period, &options, &fonts)
    }

    fn has(page: &Page, needle: &str) -> bool {
        page.ops
            .iter()
            .any(|op| matches!(op, Op::Text { text, .. } if text.contains(needle)))
    }

    /// Many messages shown: the brief needs more than the page leaves it, so its lowest
    /// blocks give way (questions first, then where it hurt), never the messages.
    #[test]
    fn an_overfull_brief_leaves_out_its_lowest_blocks_and_never_the_messages() {
        let (log, period) = full_log(12);
        for size in PageSize::ALL {
            let page = page_of(&log, period, size);
            assert!(has(&page, "Messages Limber showed ("), "{size:?}");
            assert!(has(&page, "more in prompts.csv."), "{size:?}");
            assert!(has(&page, "worked out again from the rules"), "{size:?}");
            assert!(
                has(&page, "Left out for room on this page: questions"),
                "{size:?}"
            );
            assert!(
                !has(&page, "Questions for you"),
                "{size:?}: the lowest block goes first"
            );
            assert!(has(&page, "Since "), "{size:?}: the outcome measures stay");
            assert!(
                has(&page, "Pain over time"),
                "{size:?}: the chart keeps its room"
            );
        }
        // A period with less to say keeps every block.
        let (mut log, period) = full_log(0);
        log.edit_records(|r| r.questions.clear());
        let page = page_of(&log, period, PageSize::A4);
        assert!(!has(&page, "Left out for room"));
        assert!(has(&page, "Where it hurt (times marked)"));
    }

    /// Desk breaks get one line on the brief, and the session count above it is the same with
    /// or without them.
    #[test]
    fn desk_breaks_are_one_line_and_leave_the_session_count_as_it_was() {
        use chrono::{Duration, FixedOffset, TimeZone, Utc};
        let (mut log, period) = full_log(0);
        log.edit_records(|r| r.questions.clear());
        let page = page_of(&log, period, PageSize::A4);
        assert!(has(&page, "Sessions: 28"));
        assert!(!has(&page, "Desk breaks"));
        let routine = Routine::built_in().unwrap();
        for (day, hour) in [(2, 11), (2, 15), (9, 11)] {
            let at = Utc.with_ymd_and_hms(2026, 3, day, hour, 0, 0).unwrap();
            log.put_session(Session::desk_break(
                at,
                at + Duration::seconds(90),
                FixedOffset::east_opt(0).unwrap(),
                routine.version,
                limber_core::desk_break::break_records(&routine),
            ));
        }
        let page = page_of(&log, period, PageSize::A4);
        assert!(has(&page, "Sessions: 28"), "breaks are not sessions");
        assert!(has(&page, "Desk breaks: 3 on 2 days."));
    }

    #[test]
    fn everything_stays_inside_the_page() {
        let (log, period) = full_log(3);
        let fonts = Fonts::load().unwrap();
        for size in PageSize::ALL {
            let page = page_of(&log, period, size);
            let (w, h) = size.size_pt();
            for op in &page.ops {
                if let Op::Text {
                    x,
                    y,
                    size: s,
                    weight,
                    text,
                    ..
                } = op
                {
                    assert!(*x >= 0.0 && *y <= h && *y >= 0.0, "{text} at {x},{y}");
                    // Nothing but the footer runs into the bottom margin.
                    if !text.starts_with("Kept by the person") {
                        assert!(*y <= h - MARGIN + 1.0, "{text} at {y} runs into the margin");
                    }
                    assert!(
                        x + fonts.width(text, *s, *weight) <= w - MARGIN + 1.0,
                        "{text} too wide"
                    );
                }
            }
            assert!(page.ops.iter().any(
                |op| matches!(op, Op::Text { text, .. } if text.contains("more notes not shown"))
            ));
            // On the shorter page the questions give way to the messages shown.
            assert!(
                has(&page, "more in questions.csv")
                    || has(&page, "Left out for room on this page: questions"),
                "{size:?}: the questions are cut"
            );
            assert!(
                has(&page, "Where it hurt (times marked)")
                    || has(
                        &page,
                        "Left out for room on this page: questions, where it hurt"
                    )
            );
            assert!(has(&page, "PSFS function"));
            assert!(has(&page, "Messages Limber showed ("));
            assert!(
                has(
                    &page,
                    "Exercise versions: Crab pose: harder version (hips up) from 4 Mar"
                ) || has(
                    &page,
                    "Left out for room on this page: questions, where it hurt, check-ins"
                ),
                "{size:?}: the versions' line"
            );
            assert!(
                has(&page, "Progressions: 1 offered, 0 accepted, 1 declined")
                    || has(
                        &page,
                        "Left out for room on this page: questions, where it hurt, check-ins"
                    ),
                "{size:?}: the progressions' line"
            );
            assert!(
                has(&page, "Gentler sessions: 3 (12, 15, 20 Mar)")
                    || has(
                        &page,
                        "Left out for room on this page: questions, where it hurt, check-ins"
                    ),
                "{size:?}: the gentler sessions' line"
            );
            assert!(
                has(&page, "Warning signs ticked: "),
                "{size:?}: the signs' line"
            );
            assert!(has(
                &page,
                "Pain limits (Limber's defaults): after a session ≤ 5/10 and ≤ 2 above before"
            ));
        }
    }
}
