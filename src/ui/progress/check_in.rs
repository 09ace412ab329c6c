//! The weekly check-in of the warning signs, on Progress and offered on Today.

use std::collections::BTreeSet;

use egui::{RichText, Ui};

use super::ProgressAction;
use crate::core::session::{FlagSource, RedFlag};

/// The label of the check-in's "put off" button, on Progress and on Today alike.
pub const CHECK_IN_NOT_NOW: &str = "Not this week";

pub(super) fn check_in_ui(
    ui: &mut Ui,
    ticks: &mut BTreeSet<RedFlag>,
    actions: &mut Vec<ProgressAction>,
) {
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(RichText::new("Weekly check-in").heading());
        check_in_form_ui(ui, ticks, actions);
    });
}

/// The check-in's question, its tick boxes and its two buttons.
pub(super) fn check_in_form_ui(
    ui: &mut Ui,
    ticks: &mut BTreeSet<RedFlag>,
    actions: &mut Vec<ProgressAction>,
) {
    {
        ui.label(
            "Does any of these apply to you now? Tick what applies. If something does, it is a \
             reason to talk to a doctor soon.",
        );
        for source in [FlagSource::Article, FlagSource::ClinicalGuidance] {
            ui.label(RichText::new(source.heading()).strong());
            for flag in RedFlag::from_source(source) {
                let mut ticked = ticks.contains(&flag);
                if ui.checkbox(&mut ticked, flag.label()).changed() {
                    if ticked {
                        ticks.insert(flag);
                    } else {
                        ticks.remove(&flag);
                    }
                }
            }
        }
        ui.label(crate::ui::safety::EMERGENCY);
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
}
