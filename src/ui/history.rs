//! The History screen: every past session, newest first; any can be opened, corrected or
//! deleted (with undo). Also where backups are restored.

use chrono::NaiveDate;

use crate::core::log::SessionLog;
use crate::core::session::{Completion, PainScore, Session, SessionId, SessionKind};
use crate::core::store::Backup;
use crate::ui::command::Command;
use crate::ui::session_form;

/// What the History screen remembers between frames.
#[derive(Clone, Debug, Default)]
pub struct HistoryView {
    /// The session being edited (a copy; saved only on "Save changes").
    pub editing: Option<Session>,
}

/// What the History screen shows.
pub struct HistoryInput<'a> {
    /// The log.
    pub log: &'a SessionLog,
    /// Whether older months are still being read.
    pub loading_older: bool,
    /// Whether the log may not be written (changes are refused).
    pub read_only: bool,
    /// Whether a month file could not be read (the backups open by themselves then).
    pub damaged: bool,
    /// The backups, once listed (`None` until then: the screen asks for them when opened).
    pub backups: Option<&'a [Backup]>,
    /// Today as backups are dated (UTC): a backup dated later is shown as dated in the future.
    pub backup_today: NaiveDate,
}

/// The quiet line shown while the older months are still being read (History and Progress
/// fill in when they arrive).
pub fn loading_older_note(ui: &mut egui::Ui, loading: bool) {
    if loading {
        ui.label(egui::RichText::new("Loading older sessions\u{2026}").weak());
    }
}

/// Height of one row of the list, in points: a button's height at the current text size, so the
/// rows laid out for scrolling are where they are drawn (a fixed 30 points drifted by several
/// points a row, which hid rows from Tab and from the end of the list).
fn row_height(ui: &egui::Ui) -> f32 {
    let spacing = ui.spacing();
    let text = ui.text_style_height(&egui::TextStyle::Button);
    (text + 2.0 * spacing.button_padding.y).max(spacing.interact_size.y) + 4.0
}

impl HistoryView {
    /// Draws the History screen and returns what the person asked for.
    pub fn ui(&mut self, ui: &mut egui::Ui, input: &HistoryInput<'_>) -> Vec<Command> {
        let mut commands = Vec::new();
        self.draw(ui, input, &mut commands);
        commands
    }

    fn draw(&mut self, ui: &mut egui::Ui, input: &HistoryInput<'_>, commands: &mut Vec<Command>) {
        crate::ui::theme::heading(ui, "History");
        loading_older_note(ui, input.loading_older);
        backups_ui(ui, input, commands);
        if input.log.sessions().is_empty() {
            ui.label(
            "No sessions yet. Each time you do your routine or log a rest day, it appears here.",
        );
            return;
        }
        let read_only = input.read_only;
        if let Some(editing) = &mut self.editing {
            // The open session scrolls on its own, in at most 60 % of the screen, so a session with
            // many exercises never pushes its buttons (or the list) out of the window.
            let max_height = (ui.available_height() * 0.6).max(160.0);
            let keep_open = egui::ScrollArea::vertical()
                .id_salt("history-editor")
                .max_height(max_height)
                .show(ui, |ui| {
                    let keep_open = editor_ui(ui, editing, read_only, commands);
                    crate::ui::a11y::keep_focus_in_view(ui);
                    keep_open
                })
                .inner;
            if !keep_open {
                self.editing = None;
            }
            ui.separator();
        }
        let sessions = input.log.sessions();
        let count = sessions.len();
        let entries = if count == 1 { "entry" } else { "entries" };
        ui.label(format!(
            "{count} {entries}, newest first. Click one to open it."
        ));
        let mut open: Option<SessionId> = None;
        egui::ScrollArea::vertical()
            .id_salt("history-list")
            .auto_shrink(false)
            .show_viewport(ui, |ui, viewport| {
                let height = row_height(ui);
                for row in rows_in_view(ui, viewport, count, height) {
                    let session = &sessions[count - 1 - row];
                    let selected = self.editing.as_ref().is_some_and(|e| e.id == session.id);
                    let label = egui::Button::selectable(selected, row_text(session))
                        .min_size(egui::vec2(0.0, height));
                    if ui.add(label).clicked() {
                        open = Some(session.id.clone());
                    }
                }
                crate::ui::a11y::keep_focus_in_view(ui);
            });
        if let Some(id) = open {
            self.editing = input.log.sessions().iter().find(|s| s.id == id).cloned();
        }
    }
}

/// Lays out `count` rows of `height` in a scroll area's content and returns the ones to
/// draw: those in `viewport`, and one more above and below it. The extra rows, drawn just out of
/// sight, are what Tab and Shift+Tab move the focus to from the first or last row in view; the
/// focus then scrolls them into view (see `a11y::keep_focus_in_view`), so the keyboard reaches every
/// entry of a long history while only a screenful is drawn.
fn rows_in_view(
    ui: &mut egui::Ui,
    viewport: egui::Rect,
    count: usize,
    height: f32,
) -> std::ops::Range<usize> {
    let spacing = ui.spacing().item_spacing.y;
    let row = height + spacing;
    let rows = f32_of(count);
    ui.set_height((row * rows - spacing).max(0.0));
    let index = |y: f32| {
        // The clamp keeps the value in 0..=count, so the conversion is exact.
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "clamped to 0..=count"
        )]
        let index = (y / row).clamp(0.0, rows) as usize;
        index
    };
    let first = index(viewport.min.y.floor()).saturating_sub(1);
    let end = (index(viewport.max.y.ceil()) + 2).min(count);
    let top = ui.max_rect().top() + f32_of(first) * row;
    ui.skip_ahead_auto_ids(first);
    ui.add_space(top - ui.cursor().top());
    first..end
}

/// A count as a float for layout.
fn f32_of(count: usize) -> f32 {
    f32::from(u16::try_from(count).unwrap_or(u16::MAX))
}

/// One line of the list.
pub fn row_text(session: &Session) -> String {
    let when = session.local_start().format("%a %d %b %Y  %H:%M");
    match &session.kind {
        SessionKind::RestDay(reason) => format!("{when}   Rest day: {}", reason.label()),
        SessionKind::Break => format!("{when}   Desk break: {}", session.names_done()),
        SessionKind::Routine => {
            let pain = format!(
                "pain {} before, {} after",
                pain_text(session.pain_before),
                pain_text(session.pain_after)
            );
            let hurt = session
                .exercises
                .iter()
                .filter(|r| r.hurt.is_some())
                .count();
            let hurt = if hurt > 0 {
                format!(", {hurt} hurt")
            } else {
                String::new()
            };
            let notes = session
                .notes
                .lines()
                .next()
                .map(|l| format!("   \u{201c}{}\u{201d}", truncate(l, 40)))
                .unwrap_or_default();
            let gentle = if session.gentle { "Gentle, " } else { "" };
            format!(
                "{when}   {gentle}{} done, {pain}{hurt}{notes}",
                session.done_count()
            )
        }
    }
}

fn truncate(text: &str, chars: usize) -> String {
    if text.chars().count() <= chars {
        text.to_owned()
    } else {
        let mut short: String = text.chars().take(chars).collect();
        short.push('\u{2026}');
        short
    }
}

/// The editor of one session; returns false when it should close.
fn editor_ui(
    ui: &mut egui::Ui,
    session: &mut Session,
    read_only: bool,
    commands: &mut Vec<Command>,
) -> bool {
    let mut keep_open = true;
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(
            egui::RichText::new(
                session
                    .local_start()
                    .format("%A %d %B %Y, %H:%M")
                    .to_string(),
            )
            .strong()
            .size(crate::ui::theme::sizes(ui.style()).section_heading),
        );
        match &session.kind {
            SessionKind::RestDay(reason) => {
                ui.label(format!("Rest day: {}", reason.label()));
            }
            SessionKind::Break => {
                ui.label(format!("Desk break: {}", session.names_done()));
            }
            SessionKind::Routine => {
                if session.gentle {
                    ui.label(crate::ui::gentle::DAY_NOTE);
                }
                ui.label("Pain before");
                if let Some(score) =
                    session_form::pain_scale_ui(ui, "Pain before", session.pain_before)
                {
                    session.pain_before = Some(score);
                }
                ui.label("Pain after");
                if let Some(score) =
                    session_form::pain_scale_ui(ui, "Pain after", session.pain_after)
                {
                    session.pain_after = Some(score);
                }
                session_form::symptoms_ui(ui, &mut session.symptoms);
                for record in &mut session.exercises {
                    let name = format!("{} ({})", record.name, completion_label(record.completion));
                    session_form::hurt_ui(ui, &name, &mut record.hurt);
                }
            }
        }
        let response = ui.add(
            egui::TextEdit::multiline(&mut session.notes)
                .desired_rows(3)
                .desired_width(f32::INFINITY),
        );
        crate::ui::a11y::set_name(&response, "Notes");
        ui.horizontal(|ui| {
            if ui
                .add_enabled(
                    !read_only,
                    crate::ui::theme::primary_button(ui, "Save changes"),
                )
                .clicked()
            {
                commands.push(Command::SaveSession(Box::new(session.clone())));
                keep_open = false;
            }
            if ui
                .add_enabled(!read_only, egui::Button::new("Delete session"))
                .clicked()
            {
                commands.push(Command::DeleteSession(session.id.clone()));
                keep_open = false;
            }
            if ui.button("Close").clicked() {
                keep_open = false;
            }
        });
    });
    keep_open
}

/// "Restore from backup…": the daily backups, newest first, each with a Restore button. Shown
/// folded; open by default when the log could not be read.
fn backups_ui(ui: &mut egui::Ui, input: &HistoryInput<'_>, commands: &mut Vec<Command>) {
    let load_failed = input.damaged;
    egui::CollapsingHeader::new("Restore from backup\u{2026}")
        .default_open(load_failed)
        .show(ui, |ui| {
            if input.backups.is_none() {
                // The list is read once, on the saver thread, the first time this opens.
                commands.push(Command::ListBackups);
            }
            ui.label(
                "Limber keeps a copy of your log each day (the last 7 days and the last 4 weeks). \
                 Restoring replaces the log with the copy; the current log is kept as a backup first.",
            );
            match input.backups {
                None => {
                    ui.label(egui::RichText::new("Looking for backups\u{2026}").weak());
                }
                Some([]) => {
                    ui.label("No backups yet: the first is made the first time Limber saves on a new day.");
                }
                Some(backups) => {
                    for backup in backups {
                        ui.horizontal(|ui| {
                            let when = match backup.taken_at {
                                Some(at) => format!("{}, before a restore", at.format("%A %d %B %Y %H:%M")),
                                None => backup.date.format("%A %d %B %Y").to_string(),
                            };
                            let what = match backup.months {
                                Some(1) => "1 month".to_owned(),
                                Some(n) => format!("{n} months"),
                                None => "from an older version of Limber".to_owned(),
                            };
                            if backup.is_future(input.backup_today) {
                                ui.label(format!(
                                    "{when} ({what}), dated in the future: the computer's clock was probably set ahead that day"
                                ));
                            } else {
                                ui.label(format!("{when} ({what})"));
                            }
                            let response = ui.button("Restore");
                            response.widget_info(|| {
                                egui::WidgetInfo::labeled(egui::Role::Button, true, format!("Restore backup of {}", backup.date))
                            });
                            if response.clicked() {
                                commands.push(Command::RestoreBackup(backup.path.clone()));
                            }
                        });
                    }
                }
            }
            if load_failed {
                ui.separator();
                ui.label("Or keep the unreadable file aside (it is renamed, never deleted) and start a new log:");
                if ui.button("Set the damaged file aside and start afresh").clicked() {
                    commands.push(Command::SetDamagedAside);
                }
            }
        });
}

/// Whether a record counts as done, for labels.
fn completion_label(completion: Completion) -> String {
    match completion {
        Completion::Done => "done".to_owned(),
        Completion::Partial {
            sets_done,
            reps_done,
        } => format!("partly done ({sets_done} sets, {reps_done} holds)"),
        Completion::Skipped => "skipped".to_owned(),
    }
}

/// A pain score as text, or a dash.
fn pain_text(score: Option<PainScore>) -> String {
    score.map_or_else(|| "\u{2013}".to_owned(), |s| s.to_string())
}
