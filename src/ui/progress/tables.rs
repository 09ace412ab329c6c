//! Progress's tables: adherence by week and the figures of each exercise.

use egui::Ui;
use egui_extras::{Column, TableBuilder};

use crate::core::figures::{Adherence, ExerciseStats, WeekAdherence};

pub(super) fn weeks_ui(ui: &mut Ui, weeks: &[WeekAdherence], planned_per_day: u32) {
    if planned_per_day == 0 {
        ui.label("No exercise is switched on in your routine, so no doses are planned.");
        return;
    }
    ui.label(format!(
        "Planned: {planned_per_day} dose{} a day (each exercise as many times a day as your \
         routine asks); rest days plan none.",
        if planned_per_day == 1 { "" } else { "s" }
    ));
    egui::Grid::new("weeks-grid")
        .striped(true)
        .num_columns(3)
        .spacing([16.0, 6.0])
        .show(ui, |ui| {
            for week in weeks.iter().rev() {
                ui.label(format!(
                    "Week of {}",
                    week.week_start.format("%a %-d %b %Y")
                ));
                ui.label(format!(
                    "{} of {} doses{}",
                    week.adherence.done,
                    week.adherence.planned,
                    partly_text(week.adherence)
                ));
                match week.adherence.percent() {
                    Some(percent) => {
                        let text = format!("{percent}%");
                        let bar = ui.add(
                            egui::ProgressBar::new(fraction(week.adherence))
                                .desired_width(140.0)
                                .text(&text),
                        );
                        crate::ui::a11y::progress_value(
                            &bar,
                            &format!("Doses done, week of {}", week.week_start.format("%-d %b")),
                            f64::from(percent),
                            100.0,
                            &text,
                        );
                    }
                    None => {
                        ui.label("rest week");
                    }
                }
                ui.end_row();
            }
        });
}

/// Adherence as the 0–1 fraction a progress bar takes.
#[expect(clippy::cast_possible_truncation, reason = "a value between 0 and 1")]
fn fraction(adherence: Adherence) -> f32 {
    adherence.fraction().unwrap_or_default().clamp(0.0, 1.0) as f32
}

pub(super) fn exercises_ui(ui: &mut Ui, exercises: &[ExerciseStats]) {
    if exercises.is_empty() {
        ui.label("No exercises in your routine yet.");
        return;
    }
    let row_height = ui.text_style_height(&egui::TextStyle::Body) * 1.6;
    TableBuilder::new(ui)
        .id_salt("exercise-table")
        .striped(true)
        .vscroll(false)
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
        .column(Column::remainder().at_least(150.0).clip(true))
        .column(Column::auto().at_least(90.0))
        .column(Column::auto().at_least(90.0))
        .column(Column::auto().at_least(120.0))
        .header(row_height, |mut header| {
            header.col(|ui| {
                ui.strong("Exercise");
            });
            header.col(|ui| {
                ui.strong("Done");
            });
            header.col(|ui| {
                ui.strong("Marked \"hurt\"");
            });
            header.col(|ui| {
                ui.strong("Pain change").on_hover_text(
                    "Average of pain after minus pain before, over the sessions that \
                         included this exercise and have both ratings. Negative means less pain \
                         after. It describes what you logged; it does not show what caused it.",
                );
            });
        })
        .body(|mut body| {
            for exercise in exercises {
                body.row(row_height, |mut row| {
                    row.col(|ui| {
                        if exercise.in_routine {
                            ui.label(&exercise.name);
                        } else {
                            ui.label(format!("{} (not in routine)", exercise.name));
                        }
                    });
                    row.col(|ui| {
                        ui.label(done_text(exercise));
                    });
                    row.col(|ui| {
                        ui.label(hurt_text(exercise.times_hurt));
                    });
                    row.col(|ui| {
                        ui.label(pain_change_text(exercise));
                    });
                });
            }
        });
}

/// ", 2 partly" when some doses were done only in part, else nothing.
pub(super) fn partly_text(adherence: Adherence) -> String {
    match adherence.partly {
        0 => String::new(),
        n => format!(", {n} partly"),
    }
}

fn done_text(exercise: &ExerciseStats) -> String {
    match exercise.adherence.percent() {
        Some(percent) => format!(
            "{} of {} ({percent}%)",
            exercise.adherence.done, exercise.adherence.planned
        ),
        None => format!("{} times", exercise.sessions_included),
    }
}

fn hurt_text(times: u32) -> String {
    match times {
        0 => "never".to_owned(),
        1 => "once".to_owned(),
        n => format!("{n} times"),
    }
}

/// "−1.5 (8 sessions)", with a true minus sign.
fn pain_change_text(exercise: &ExerciseStats) -> String {
    match exercise.average_pain_change {
        Some(change) => {
            let sessions = exercise.pain_change_sessions;
            let value = if change.abs() < 0.05 {
                "0.0".to_owned()
            } else if change < 0.0 {
                format!("\u{2212}{:.1}", -change)
            } else {
                format!("+{change:.1}")
            };
            format!(
                "{value} ({sessions} session{})",
                if sessions == 1 { "" } else { "s" }
            )
        }
        None => "no ratings".to_owned(),
    }
}
