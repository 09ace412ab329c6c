//! The visit brief on the page, block by block, each in its own function: the messages Limber
//! showed, the outcome measures (pain first), the pain limits, the check-ins, where it hurt and
//! the person's questions. When a period holds more than the page leaves for the brief, the
//! blocks give way in the order the core sets ([`brief_order`]): safety first, so the lowest
//! block is left out first and the safety blocks never are.

use chrono::NaiveDate;

use super::super::layout::{Fonts, Page, TextStyle, Weight};
use super::{
    BODY_BOLD, HEADING, MAX_PROMPTS, MAX_QUESTIONS, SMALL, VisitBrief, day_format, short_list,
};
use crate::measures::{Change, Compared, MeasureKind, PGIC_WORSE_FLAG};
use limber_core::export::Period;
use limber_core::export::brief_order::{self as brief_order, BriefBlock};
use limber_core::prompt_record::PromptLevel;

/// How tall `draw` is, drawn on a blank page of `page`'s size (nothing is drawn on `page`).
pub(super) fn height_of(page: &Page, draw: impl Fn(&mut Page)) -> f32 {
    let mut scratch = Page::new(page.width, page.height, page.margin);
    scratch.y = 0.0;
    draw(&mut scratch);
    scratch.y
}

/// A block of the brief, drawn at the page's cursor.
type Draw<'a> = Box<dyn Fn(&mut Page) + 'a>;

/// The brief's blocks, top to bottom, leaving `reserve` points for what comes below it. Blocks
/// that do not fit are left out lowest first ([`brief_order::left_out`]), and a line names them.
pub(super) fn brief_blocks(
    page: &mut Page,
    brief: &VisitBrief,
    period: Period,
    fonts: &Fonts,
    reserve: f32,
) {
    let blocks: Vec<(BriefBlock, Draw<'_>)> = vec![
        (
            BriefBlock::WarningSigns,
            Box::new(|p: &mut Page| warning_signs_block(p, brief, period, fonts)),
        ),
        (
            BriefBlock::Prompts,
            Box::new(|p: &mut Page| prompts_block(p, brief, period, fonts)),
        ),
        (
            BriefBlock::PainSummary,
            Box::new(|p: &mut Page| measures_block(p, brief, period, fonts)),
        ),
        (
            BriefBlock::PainLimits,
            Box::new(|p: &mut Page| short_list(p, &fonts.printable(&brief.pain_limits), 2, fonts)),
        ),
        (
            BriefBlock::CheckIns,
            Box::new(|p: &mut Page| check_ins_block(p, brief, period, fonts)),
        ),
        (
            BriefBlock::Areas,
            Box::new(|p: &mut Page| areas_block(p, brief, fonts)),
        ),
        (
            BriefBlock::Questions,
            Box::new(|p: &mut Page| questions_block(p, brief, fonts)),
        ),
    ];
    let heights: Vec<(BriefBlock, f32)> = blocks
        .iter()
        .map(|(block, draw)| (*block, height_of(page, draw)))
        .collect();
    // Room for the line that says what was left out, should one be.
    let room = page.room() - reserve - SMALL.line_height();
    let left_out = brief_order::left_out(&heights, room);
    for (block, draw) in &blocks {
        if !left_out.contains(block) {
            draw(page);
        }
    }
    if !left_out.is_empty() {
        let names: Vec<&str> = left_out.iter().map(|b| b.label()).collect();
        page.line(
            page.margin,
            format!(
                "Left out for room on this page: {}. The CSV export has all of it.",
                names.join(", ")
            ),
            SMALL.muted(),
        );
    }
    page.y += 4.0;
    page.rule();
}

/// "Messages Limber showed": each with the day first shown and what became of it, those that
/// said to see a doctor first, then the most recent; cut to [`MAX_PROMPTS`] lines, saying how many more are in
/// `prompts.csv`; and a line when some were worked out again for days before the record began.
fn prompts_block(page: &mut Page, brief: &VisitBrief, period: Period, fonts: &Fonts) {
    let x = page.margin;
    let style = SMALL;
    let date = |d: NaiveDate| d.format(day_format(period)).to_string();
    let shown = &brief.prompts;
    if shown.is_empty() {
        page.line(x, "Messages Limber showed: none.".to_owned(), BODY_BOLD);
        return;
    }
    page.line(
        x,
        format!("Messages Limber showed ({})", shown.prompts.len()),
        BODY_BOLD,
    );
    let mut listed: Vec<_> = shown.prompts.iter().collect();
    listed.sort_by_key(|p| {
        (
            p.level != PromptLevel::SeeDoctor,
            std::cmp::Reverse(p.first_shown),
        )
    });
    let fits = listed.len().min(MAX_PROMPTS);
    for prompt in &listed[..fits] {
        let line = fonts.fit(
            &format!("•  {}", fonts.printable(&prompt.describe(date))),
            style.size,
            Weight::Regular,
            page.content_width(),
        );
        page.line(x, line, style);
    }
    if fits < listed.len() {
        page.line(
            x,
            format!("… and {} more in prompts.csv.", listed.len() - fits),
            style.muted(),
        );
    }
    if let Some(note) = shown.computed_note(period.last_day(), date) {
        short_list(page, &note, 2, fonts);
    }
}

/// The outcome measures' first and latest scores, pain first, with the meaningful changes
/// flagged and their thresholds in a footnote.
fn measures_block(page: &mut Page, brief: &VisitBrief, period: Period, fonts: &Fonts) {
    let x = page.margin;
    let w = page.content_width();
    let date = |d: NaiveDate| d.format(day_format(period)).to_string();
    page.line(
        x,
        format!(
            "Since {}: outcome measures (● = the change reaches its measure's threshold, below)",
            date(period.first_day())
        ),
        HEADING,
    );
    let style = SMALL;
    let columns = [
        (0.0, "Measure"),
        (0.34, "First"),
        (0.5, "Latest"),
        (0.66, "Change"),
        (0.76, "Meaningful?"),
    ];
    // Each PSFS activity is listed only when its own change reaches its threshold.
    let activities = brief
        .activities
        .iter()
        .filter(|a| a.change.meaningful)
        .map(|a| (format!("PSFS: {}", fonts.printable(&a.name)), &a.change));
    let compared: Vec<(String, &Change)> = brief
        .pain
        .iter()
        .chain(&brief.measures)
        .map(|change| {
            let name = match change.of {
                Compared::Pain => "Pain 0–10, week mean (lower is better)",
                Compared::Measure(MeasureKind::Psfs) => "PSFS function 0–10 (higher is better)",
                Compared::Measure(MeasureKind::Peg) => "PEG pain 0–10 (lower is better)",
                Compared::Measure(MeasureKind::Pgic) | Compared::PsfsActivity => "PGIC",
            };
            (name.to_owned(), change)
        })
        .chain(activities)
        .collect();
    let mut thresholds: Vec<&str> = compared.iter().map(|(_, c)| c.of.threshold()).collect();
    thresholds.dedup();
    let rows: Vec<[String; 5]> = compared
        .into_iter()
        .map(|(name, change)| {
            let verdict = match (change.meaningful, change.better()) {
                (true, Some(true)) => "● better",
                (true, _) => "● worse",
                (false, _) => "not yet",
            };
            [
                name,
                format!("{:.1}  ({})", change.first.1, date(change.first.0)),
                format!("{:.1}  ({})", change.latest.1, date(change.latest.0)),
                format!("{:+.1}", change.change()),
                verdict.to_owned(),
            ]
        })
        .collect();
    if rows.is_empty() {
        page.line(
            x,
            "Not enough answers in this period to compare (two check-ins, or pain on days a week apart, are needed)."
                .to_owned(),
            style.muted(),
        );
    } else {
        let y = page.y + style.line_height() - style.size * 0.3;
        for (at, label) in columns {
            page.text_at(x + at * w, y, label.to_owned(), TextStyle::bold(style.size));
        }
        page.y += style.line_height();
        for row in rows {
            let y = page.y + style.line_height() - style.size * 0.3;
            let flagged = row[4].starts_with('●');
            for ((at, _), cell) in columns.iter().zip(row) {
                let cell_style = if flagged && *at > 0.7 {
                    TextStyle::bold(style.size)
                } else {
                    style
                };
                page.text_at(x + at * w, y, cell, cell_style);
            }
            page.y += style.line_height();
        }
        let footnote = format!(
            "Thresholds: {}. Source: README, \"Outcome measures\"; thresholds for worsening are \
             less established than for improvement.",
            thresholds.join("; ")
        );
        short_list(page, &footnote, 2, fonts);
    }
}

/// The warning signs ticked in the period and how each was answered, near the top: the first
/// thing a therapist needs to see (see [`VisitBrief::warning_signs_line`]).
fn warning_signs_block(page: &mut Page, brief: &VisitBrief, period: Period, fonts: &Fonts) {
    let line = fonts.printable(&brief.warning_signs_line(day_format(period)));
    short_list(page, &line, 3, fonts);
}

/// How many check-ins of each measure lie in the period, the latest PGIC answer on its own
/// scale, the changes of an exercise's version, the progression offers made and the gentler
/// sessions.
fn check_ins_block(page: &mut Page, brief: &VisitBrief, period: Period, fonts: &Fonts) {
    let date = |d: NaiveDate| d.format(day_format(period)).to_string();
    let [psfs, peg, pgic] = brief.check_ins;
    let mut facts = vec![format!("Check-ins: PSFS {psfs}, PEG {peg}, PGIC {pgic}.")];
    if let Some((day, reading)) = brief.pgic {
        let flag = if reading.worse {
            format!(", \u{25cf} worse ({PGIC_WORSE_FLAG})")
        } else {
            String::new()
        };
        facts.push(format!(
            "Latest PGIC ({}, {}): {} of 7, \u{201c}{}\u{201d}{flag}.",
            date(day),
            reading.scale.key(),
            reading.value,
            reading.label,
        ));
    }
    short_list(page, &facts.join("  "), 2, fonts);
    // The changes of version, on one line; the questions below give that line up, so the
    // brief keeps its height and the notes keep their room.
    if let Some(versions) = &brief.versions {
        let line = format!("Exercise versions: {}", fonts.printable(versions));
        short_list(page, &line, 1, fonts);
    }
    if let Some(progressions) = &brief.progressions {
        short_list(page, &fonts.printable(progressions), 1, fonts);
    }
    // The gentler sessions, on one line, given up by the questions the same way.
    if let Some(gentle) = &brief.gentle {
        short_list(page, &fonts.printable(gentle), 1, fonts);
    }
    if let Some(breaks) = &brief.desk_breaks {
        short_list(page, &format!("{breaks}."), 1, fonts);
    }
}

/// Where it hurt, most often marked first.
fn areas_block(page: &mut Page, brief: &VisitBrief, fonts: &Fonts) {
    let areas = if brief.areas.is_empty() {
        "Where it hurt: no areas marked.".to_owned()
    } else {
        let list: Vec<String> = brief
            .areas
            .iter()
            .map(|(area, n)| format!("{} {n}×", area.label()))
            .collect();
        format!("Where it hurt (times marked): {}", list.join("; "))
    };
    short_list(page, &areas, 2, fonts);
}

/// The questions still to ask, cut to [`MAX_QUESTIONS`].
fn questions_block(page: &mut Page, brief: &VisitBrief, fonts: &Fonts) {
    let x = page.margin;
    let w = page.content_width();
    let style = SMALL;
    if !brief.questions.is_empty() {
        page.line(
            x,
            format!("Questions for you ({})", brief.questions.len()),
            BODY_BOLD,
        );
        let lines_above = usize::from(brief.versions.is_some())
            + usize::from(brief.progressions.is_some())
            + usize::from(brief.gentle.is_some())
            + usize::from(brief.desk_breaks.is_some());
        let room = MAX_QUESTIONS.saturating_sub(lines_above);
        let shown = brief.questions.len().min(room);
        for question in &brief.questions[..shown] {
            let line = fonts.fit(
                &format!("•  {}", fonts.printable(question)),
                style.size,
                Weight::Regular,
                w,
            );
            page.line(x, line, style);
        }
        if shown < brief.questions.len() {
            page.line(
                x,
                format!(
                    "… and {} more in questions.csv.",
                    brief.questions.len() - shown
                ),
                style.muted(),
            );
        }
    }
}
