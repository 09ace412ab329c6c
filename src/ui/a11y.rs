//! What egui's own widgets leave out of the accessibility tree that a screen reader (Orca,
//! NVDA, `VoiceOver`) needs: a name on each modal dialog (distinct from its heading, so it is said
//! once as "End of session, dialog" and then the heading), and a value on each progress bar.
//! `scripts/a11y-check.sh` checks the result through AT-SPI.

/// A modal dialog with `name` on its accessibility node, so a screen reader announces
/// "Safety notice, dialog" when it opens instead of an unnamed dialog.
pub fn named_modal(id: egui::Id, name: &str) -> egui::Modal {
    egui::Modal::new(id).area(egui::Modal::default_area(id).accessible_name(name))
}

/// A dialog's distance from the top of the window (see [`top_modal`]).
const DIALOG_TOP_MARGIN: f32 = 24.0;

/// A [`named_modal`] anchored near the top of the window rather than centred: a dialog whose
/// contents settle over a few frames (a scroll area, a tick that changes a button's words,
/// typing) does not move under the pointer, so a click is never lost.
pub fn top_modal(id: egui::Id, name: &str) -> egui::Modal {
    let area = egui::Modal::default_area(id)
        .accessible_name(name)
        .anchor(egui::Align2::CENTER_TOP, [0.0, DIALOG_TOP_MARGIN]);
    egui::Modal::new(id).area(area)
}

/// Names a progress bar and gives it its value (egui's `ProgressBar` has neither on its node),
/// so a screen reader says "Done today, 3 of 11" rather than nothing: `value` out of `max`,
/// read out as `text`.
pub fn progress_value(response: &egui::Response, name: &str, value: f64, max: f64, text: &str) {
    response.ctx.accesskit_node_builder(response.id, |node| {
        node.set_label(name);
        node.set_min_numeric_value(0.0);
        node.set_max_numeric_value(max);
        node.set_numeric_value(value);
        node.set_value(text);
    });
}

/// Gives a widget its accessible name after egui drew it: for a text field, whose visible label
/// sits beside it, so a screen reader says "Notes, multi-line text" rather than "text".
/// (`WidgetInfo::text_edit` sets the field's *content*, not its name.)
pub fn set_name(response: &egui::Response, name: &str) {
    response
        .ctx
        .accesskit_node_builder(response.id, |node| node.set_label(name));
}

/// Call at the end of a scroll area's contents: when a widget in it has just got the keyboard
/// focus (Tab), scrolls it into view. egui moves the focus but does not scroll to it, so on a
/// long screen the focused control could sit out of sight below the fold.
pub fn keep_focus_in_view(ui: &egui::Ui) {
    let ctx = ui.ctx();
    let Some(id) = ctx.memory(egui::Memory::focused) else {
        return;
    };
    if let Some(response) = ctx.read_response(id)
        && response.gained_focus()
        && ui.min_rect().contains_rect(response.rect)
    {
        ui.scroll_to_rect(response.rect, None);
    }
}
