//! The weekly check-in of the warning signs, on Progress and offered on Today.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use egui::{RichText, Ui};

use super::ProgressAction;
use crate::core::session::{FlagSource, RedFlag, Urgency};

/// The label of the check-in's "put off" button, on Progress and on Today alike.
pub const CHECK_IN_NOT_NOW: &str = "Not this week";

pub use crate::ui::safety::SOMETHING_NEW;

/// The accessible name of the dialog [`SOMETHING_NEW`] opens.
pub const SIGN_REPORT_DIALOG: &str = "Warning signs, any day";

/// Which use of the warning-sign list a dialog serves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum SignForm {
    /// The weekly check-in: "None of these apply" is an answer too.
    Weekly,
    /// "Something new or worrying?", on any day: saves only what is ticked.
    AnyDay,
}

/// The history items the person's doctor knows about, with the date they said so: listed as
/// answered instead of asked (see `sign_history::doctor_knows`).
pub(super) type Known<'a> = &'a [(RedFlag, NaiveDate)];

pub(super) fn check_in_ui(
    ui: &mut Ui,
    ticks: &mut BTreeSet<RedFlag>,
    known: Known<'_>,
    actions: &mut Vec<ProgressAction>,
) {
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(RichText::new("Weekly check-in").heading());
        check_in_form_ui(ui, ticks, known, actions);
    });
}

/// The check-in's question, its tick boxes and its two buttons, in the page (Progress).
fn check_in_form_ui(
    ui: &mut Ui,
    ticks: &mut BTreeSet<RedFlag>,
    known: Known<'_>,
    actions: &mut Vec<ProgressAction>,
) {
    check_in_questions_ui(ui, SignForm::Weekly, ticks, known, actions);
    urgency_line_ui(ui, ticks);
    check_in_buttons_ui(ui, ticks, actions);
}

/// The warning-sign list as a dialog: the weekly check-in offered on Today, or "Something new
/// or worrying?" on any day. Its questions scroll inside the dialog, and its buttons sit in a
/// footer below the scroll area, so they stay inside the window at any size from 800 × 600 up.
/// Returns whether it stays open (an answer, "Not this week", "Close", Escape or a click
/// outside close it).
pub(super) fn check_in_dialog_ui(
    ctx: &egui::Context,
    form: SignForm,
    ticks: &mut BTreeSet<RedFlag>,
    known: Known<'_>,
    actions: &mut Vec<ProgressAction>,
) -> bool {
    let before = actions.len();
    let mut close = false;
    let (id, name, heading) = match form {
        SignForm::Weekly => (
            egui::Id::unique("weekly-check-in-dialog"),
            CHECK_IN_DIALOG,
            "Weekly check-in",
        ),
        SignForm::AnyDay => (
            egui::Id::unique("any-day-signs-dialog"),
            SIGN_REPORT_DIALOG,
            "Tell Limber about a warning sign",
        ),
    };
    let screen = ctx.content_rect();
    let modal = crate::ui::a11y::top_modal(id, name).show(ctx, |ui| {
        ui.set_width((screen.width() - 80.0).clamp(240.0, 620.0));
        ui.label(RichText::new(heading).heading().strong());
        // The heading and the footer keep their room; the questions take the rest.
        let reserve = if ticks.is_empty() {
            0.0
        } else {
            URGENCY_LINE_HEIGHT
        };
        let body_height = (screen.height() - DIALOG_CHROME_HEIGHT - reserve).max(120.0);
        egui::ScrollArea::vertical()
            .id_salt("weekly-check-in-questions")
            .max_height(body_height)
            .auto_shrink([false, true])
            .show(ui, |ui| {
                check_in_questions_ui(ui, form, ticks, known, actions);
                crate::ui::a11y::keep_focus_in_view(ui);
            });
        // Outside the scroll area, so what to do shows the moment a sign is ticked.
        urgency_line_ui(ui, ticks);
        ui.separator();
        ui.horizontal_wrapped(|ui| {
            match form {
                SignForm::Weekly => check_in_buttons_ui(ui, ticks, actions),
                SignForm::AnyDay => report_button_ui(ui, ticks, actions),
            }
            close = ui
                .button("Close")
                .on_hover_text("Close without answering; the check-in stays on Today")
                .clicked();
        });
    });
    let answered = actions[before..]
        .iter()
        .any(|a| !matches!(a, ProgressAction::EmergencySignTicked));
    !answered && !close && !modal.should_close()
}

/// The accessible name of the check-in dialog.
pub const CHECK_IN_DIALOG: &str = "Weekly check-in, warning signs";

/// Room the dialog keeps for its heading, footer and margins around the scrolling questions.
const DIALOG_CHROME_HEIGHT: f32 = 190.0;

/// Room the dialog keeps, once a sign is ticked, for what to do about it (the emergency line
/// is the tallest: a heading and two lines of advice in a frame), so the footer stays inside
/// an 800 × 600 window.
const URGENCY_LINE_HEIGHT: f32 = 120.0;

/// The question and its tick boxes. The boxes are drawn with the theme's strong text colour as
/// their outline, so they stand out on any background (pale grey on the pale blue banner was
/// about 1.2:1).
fn check_in_questions_ui(
    ui: &mut Ui,
    form: SignForm,
    ticks: &mut BTreeSet<RedFlag>,
    known: Known<'_>,
    actions: &mut Vec<ProgressAction>,
) {
    ui.label(match form {
        SignForm::Weekly => {
            "Does any of these apply to you now? Tick what applies. Limber then tells you how \
             soon to see a doctor."
        }
        SignForm::AnyDay => {
            "Tick what is new or worrying you today. Limber keeps it on your record, with the \
             date, and tells you how soon to see a doctor."
        }
    });
    let was_emergency = highest(ticks) == Some(Urgency::Emergency);
    for source in [FlagSource::Article, FlagSource::ClinicalGuidance] {
        ui.label(RichText::new(source.heading()).strong());
        ui.scope(|ui| {
            let strong = ui.visuals().strong_text_color();
            let widgets = &mut ui.visuals_mut().widgets;
            for state in [
                &mut widgets.inactive,
                &mut widgets.hovered,
                &mut widgets.active,
            ] {
                state.bg_stroke = egui::Stroke::new(1.5, strong);
            }
            for flag in RedFlag::from_source(source) {
                if let Some((_, since)) = known.iter().find(|(f, _)| *f == flag) {
                    ui.label(format!(
                        "{} \u{2014} your doctor knows about this (you said so on {}).",
                        flag.label(),
                        since.format("%-d %B %Y")
                    ));
                    continue;
                }
                let mut ticked = ticks.contains(&flag);
                if ui.checkbox(&mut ticked, flag.label()).changed() {
                    if ticked {
                        ticks.insert(flag);
                    } else {
                        ticks.remove(&flag);
                    }
                }
            }
        });
    }
    ui.label(crate::ui::safety::EMERGENCY);
    if !was_emergency && highest(ticks) == Some(Urgency::Emergency) {
        actions.push(ProgressAction::EmergencySignTicked);
    }
}

fn highest(ticks: &BTreeSet<RedFlag>) -> Option<Urgency> {
    RedFlag::highest_urgency(ticks)
}

/// What to do about the signs ticked so far, for the most urgent of them, in that level's
/// words and look: the emergency line in the danger colour and large, the others plainly.
fn urgency_line_ui(ui: &mut Ui, ticks: &BTreeSet<RedFlag>) {
    let Some(level) = highest(ticks) else {
        return;
    };
    ui.add_space(6.0);
    match level {
        Urgency::Emergency => crate::ui::safety::emergency_box_ui(ui, None),
        Urgency::Urgent | Urgency::Soon => {
            ui.label(RichText::new(level.title()).strong());
            ui.label(level.advice());
        }
    }
    ui.add_space(6.0);
}

/// "Save what I ticked", for "Something new or worrying?": nothing to save until a sign is
/// ticked.
fn report_button_ui(ui: &mut Ui, ticks: &mut BTreeSet<RedFlag>, actions: &mut Vec<ProgressAction>) {
    let save = ui
        .add_enabled(!ticks.is_empty(), egui::Button::new("Save what I ticked"))
        .on_disabled_hover_text("Tick what applies first.");
    if save.clicked() {
        actions.push(ProgressAction::ReportSigns(ticks.iter().copied().collect()));
        ticks.clear();
    }
}

/// "None of these apply" (or "Save my answers") and "Not this week".
fn check_in_buttons_ui(
    ui: &mut Ui,
    ticks: &mut BTreeSet<RedFlag>,
    actions: &mut Vec<ProgressAction>,
) {
    ui.horizontal_wrapped(|ui| {
        let submit = if ticks.is_empty() {
            "None of these apply"
        } else {
            "Save my answers"
        };
        if ui.button(submit).clicked() {
            actions.push(ProgressAction::SubmitCheckIn(
                ticks.iter().copied().collect(),
            ));
            ticks.clear();
        }
        if ui
            .button(CHECK_IN_NOT_NOW)
            .on_hover_text("The check-in comes back in a week.")
            .clicked()
        {
            actions.push(ProgressAction::DismissCheckIn);
        }
    });
}
