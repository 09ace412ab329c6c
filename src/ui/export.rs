//! The Export screen: choose a period and a format, see what will be included, pick where to
//! save, and after saving see where the file went.
//!
//! The screen never writes anything itself: it returns [`ExportAction`]s; the app turns one
//! into an [`ExportWork`] and hands it back to [`ExportView::start`], which runs it on a worker
//! thread (see [`crate::ui::export_job`]) and shows "Exporting…" until the app collects the
//! result with [`ExportView::take_finished`] and answers with [`ExportView::show_result`].
//!
//! Whether a period has anything to export in a format, and which damaged months it would
//! miss, are asked of the core ([`crate::core::figures::Content::has_content`], [`missing_months`]): the same rules
//! `limber export` follows.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::NaiveDate;

use crate::core::export::{
    ExportFormat, PageSize, PdfReport, Period, Summary, Written, missing_months, summary,
};
use crate::core::figures::{Figures, FiguresKey};
use crate::core::store::Month;
use crate::ui::banners::banner;
pub use crate::ui::command::ExportAction;
use crate::ui::export_job::{ExportJob, ExportWork};
use crate::ui::theme;

/// What the Export screen shows, for one frame.
#[derive(Clone, Copy, Debug)]
pub struct ExportInput<'a> {
    /// The figures of the log (every month read so far), the routines and today's date.
    pub figures: &'a Figures,
    /// Month files that could not be read.
    pub damaged: &'a [Month],
    /// Whether older months are still being read (an export waits for them).
    pub loading_older: bool,
    /// The name from Settings, proposed for the report (as `limber export` prints it).
    pub name: &'a str,
    /// The paper size from Settings, proposed for the report.
    pub page: PageSize,
}

/// The section that holds the backup (RON) and clinic-system (FHIR) formats.
pub const MORE_FORMATS: &str = "More formats";

/// The state of the Export screen.
pub struct ExportView {
    from_text: String,
    to_text: String,
    format: ExportFormat,
    page: PageSize,
    name: String,
    path_text: String,
    /// Whether the person typed or chose the path; until then it follows the format and dates.
    path_chosen: bool,
    default_dir: PathBuf,
    /// Whether the period fields were filled in from the log.
    started: bool,
    result: Option<Result<PathBuf, String>>,
    /// The export running on its worker, if one is.
    job: Option<ExportJob>,
    /// Draws the PDF report (the report crate's; a test may put a slower one in).
    pdf: Arc<dyn PdfReport>,
    /// The window's context, to wake it when an export is done.
    ctx: Option<egui::Context>,
    /// The summary shown, for the figures and the period it was made for: it is read from the
    /// figures once per change, not every frame.
    summary: Option<(FiguresKey, Period, Summary)>,
}

impl ExportView {
    /// A screen that proposes to save into `default_dir` (the Documents folder, say).
    pub fn new(default_dir: PathBuf) -> ExportView {
        ExportView {
            from_text: String::new(),
            to_text: String::new(),
            format: ExportFormat::default(),
            page: PageSize::default(),
            name: String::new(),
            path_text: String::new(),
            path_chosen: false,
            default_dir,
            started: false,
            result: None,
            job: None,
            pdf: Arc::new(crate::report::Pdf),
            ctx: None,
            summary: None,
        }
    }

    /// Draws PDF reports with `pdf` from now on.
    pub fn set_pdf(&mut self, pdf: Arc<dyn PdfReport>) {
        self.pdf = pdf;
    }

    /// Shows how the last export went: the path written, or a plain-words error.
    pub fn show_result(&mut self, result: Result<PathBuf, String>) {
        self.result = Some(result);
    }

    /// Runs `work` on a worker thread; the screen shows "Exporting…" until it is done.
    pub fn start(&mut self, work: ExportWork) {
        let ctx = self.ctx.clone();
        let wake = move || {
            if let Some(ctx) = &ctx {
                ctx.request_repaint();
            }
        };
        match ExportJob::spawn(work, Arc::clone(&self.pdf), wake) {
            Ok(job) => {
                self.job = Some(job);
                self.result = None;
            }
            Err(err) => {
                self.result = Some(Err(format!(
                    "Could not start the export ({err}). Nothing was written; please try again."
                )));
            }
        }
    }

    /// Whether an export is running.
    pub fn is_exporting(&self) -> bool {
        self.job.is_some()
    }

    /// The result of the running export once it is done (then the screen stops saying
    /// "Exporting…"); `None` while it runs or when none does.
    pub fn take_finished(&mut self) -> Option<Result<Written, String>> {
        let result = self.job.as_ref()?.try_finish()?;
        self.job = None;
        Some(result)
    }

    /// The period the fields describe, or what is wrong with them in plain words.
    fn period(&self) -> Result<Period, String> {
        let from = parse_date(&self.from_text, "From")?;
        let to = parse_date(&self.to_text, "To")?;
        Period::new(from, to).map_err(|err| err.to_string())
    }

    /// The path proposed for the format and the period's last day.
    fn proposed_path(&self, last_day: NaiveDate) -> PathBuf {
        match self.format.suggested_file_name(last_day) {
            Some(name) => self.default_dir.join(name),
            None => self.default_dir.clone(),
        }
    }

    /// Draws the screen; returns what the person asked for.
    pub fn ui(&mut self, ui: &mut egui::Ui, input: &ExportInput<'_>) -> Vec<ExportAction> {
        let ExportInput {
            figures,
            damaged,
            loading_older,
            name,
            page,
        } = *input;
        let (log, today) = (figures.log(), figures.today());
        if self.ctx.is_none() {
            self.ctx = Some(ui.ctx().clone());
        }
        let mut actions = Vec::new();
        if !self.started {
            // What `limber export` does without options: the same period, name and paper.
            self.set_period(Period::default_for(log, today));
            name.trim().clone_into(&mut self.name);
            self.page = page;
            self.started = true;
        }
        crate::ui::theme::heading(ui, "Export for your therapist");
        ui.label(
            "Make a report to bring to your next appointment, or a spreadsheet of every session.",
        );
        ui.add_space(theme::SECTION_GAP);

        let period = self.period_ui(ui, log, today);
        ui.add_space(theme::SECTION_GAP);
        self.format_ui(ui);
        ui.add_space(theme::SECTION_GAP);

        if let Ok(period) = &period {
            let key = figures.key();
            if self
                .summary
                .as_ref()
                .is_none_or(|(k, p, _)| *k != key || p != period)
            {
                self.summary = Some((key, *period, summary(figures, *period)));
            }
        }
        let content = period
            .as_ref()
            .is_ok_and(|p| figures.content().has_content(self.format, *p));
        let summary = self
            .summary
            .as_ref()
            .filter(|_| period.is_ok())
            .map(|(_, _, summary)| summary);
        summary_ui(
            ui,
            period.as_ref().map_err(String::as_str),
            summary.map(|s| (s, content)),
            self.format,
        );
        let missing = period
            .as_ref()
            .map(|p| missing_months(damaged, Some(*p)))
            .unwrap_or_default();
        missing_ui(ui, &missing, loading_older);
        ui.add_space(theme::SECTION_GAP);

        if let Ok(period) = &period
            && !self.path_chosen
        {
            self.path_text = self.proposed_path(period.last_day()).display().to_string();
        }
        self.path_ui(ui);
        ui.add_space(theme::SECTION_GAP);

        let ready = period.is_ok()
            && content
            && missing.is_empty()
            && !loading_older
            && !self.is_exporting()
            && !self.path_text.trim().is_empty();
        let export = ui
            .add_enabled(
                ready,
                theme::primary_button(ui, "Save export").min_size(egui::vec2(
                    160.0,
                    theme::sizes(ui.style()).big_button_height,
                )),
            )
            .on_hover_text("Write the export to the place shown above")
            .on_disabled_hover_text(
                "Choose a period with something to export and a place to save first",
            );
        if export.clicked()
            && let Ok(period) = period
        {
            let name = self.name.trim();
            actions.push(ExportAction::Export {
                format: self.format,
                period,
                path: PathBuf::from(self.path_text.trim()),
                name: (!name.is_empty()).then(|| name.to_owned()),
                page: self.page,
            });
        }
        self.result_ui(ui, &mut actions);
        actions
    }

    fn set_period(&mut self, period: Period) {
        self.from_text = period.first_day().to_string();
        self.to_text = period.last_day().to_string();
    }

    fn period_ui(
        &mut self,
        ui: &mut egui::Ui,
        log: &crate::core::log::SessionLog,
        today: NaiveDate,
    ) -> Result<Period, String> {
        ui.strong("Period");
        ui.horizontal(|ui| {
            for (label, text) in [("From", &mut self.from_text), ("To", &mut self.to_text)] {
                let label = ui.label(label);
                ui.add(
                    egui::TextEdit::singleline(text)
                        .hint_text("YYYY-MM-DD")
                        .desired_width(130.0),
                )
                .labelled_by(label.id);
            }
        });
        ui.horizontal(|ui| {
            if ui
                .button("Since the last export")
                .on_hover_text("From the day after your last export until today (the last 4 weeks if there was none)")
                .clicked()
            {
                self.set_period(Period::default_for(log, today));
            }
            if ui.button("Last 4 weeks").clicked() {
                self.set_period(Period::last_days(today, crate::core::export::DEFAULT_PERIOD_DAYS));
            }
        });
        let period = self.period();
        if let Err(problem) = &period {
            banner(ui, theme::CAUTION_FILL, |ui| {
                ui.label(problem);
            });
        }
        period
    }

    fn format_ui(&mut self, ui: &mut egui::Ui) {
        ui.strong("Format");
        // `ALL` lists the report and the spreadsheet first: those stay in view.
        let (everyday, more) = ExportFormat::ALL.split_at(2);
        ui.horizontal(|ui| {
            for &format in everyday {
                ui.radio_value(&mut self.format, format, format.label());
            }
        });
        // The backup and the clinic-system file are rarely wanted: out of the way, but open
        // when one of them is the format chosen.
        egui::CollapsingHeader::new(MORE_FORMATS)
            .default_open(more.contains(&self.format))
            .show(ui, |ui| {
                ui.horizontal(|ui| {
                    for &format in more {
                        ui.radio_value(&mut self.format, format, format.label());
                    }
                });
            });
        if self.format == ExportFormat::Pdf {
            ui.horizontal(|ui| {
                let label = ui.label("Name on the report (optional)");
                ui.add(egui::TextEdit::singleline(&mut self.name).desired_width(200.0))
                    .labelled_by(label.id);
            });
            ui.horizontal(|ui| {
                ui.label("Paper size");
                for page in PageSize::ALL {
                    ui.radio_value(&mut self.page, page, page.short_label());
                }
            });
        }
    }

    fn path_ui(&mut self, ui: &mut egui::Ui) {
        let what = if self.format.writes_folder() {
            "Save into folder (receives sessions.csv and exercises.csv)"
        } else {
            "Save as"
        };
        ui.horizontal(|ui| {
            let label = ui.label(what);
            let edit = ui
                .add(
                    egui::TextEdit::singleline(&mut self.path_text)
                        .desired_width(ui.available_width().clamp(240.0, 520.0) - 110.0),
                )
                .labelled_by(label.id);
            if edit.changed() {
                self.path_chosen = true;
            }
            if ui
                .button("Choose…")
                .on_hover_text("Pick the place with your system's file dialog")
                .clicked()
                && let Some(path) = self.choose_path()
            {
                self.path_text = path.display().to_string();
                self.path_chosen = true;
            }
        });
    }

    /// Opens the system dialog; `None` when cancelled or when no dialog is available, in which
    /// case the path field can still be edited by hand.
    fn choose_path(&self) -> Option<PathBuf> {
        let current = PathBuf::from(self.path_text.trim());
        if self.format.writes_folder() {
            let start = if current.is_dir() {
                current
            } else {
                self.default_dir.clone()
            };
            return rfd::FileDialog::new().set_directory(start).pick_folder();
        }
        let dir = current
            .parent()
            .filter(|d| d.is_dir())
            .map_or_else(|| self.default_dir.clone(), Path::to_path_buf);
        let mut dialog = rfd::FileDialog::new().set_directory(dir);
        if let Some(name) = current.file_name() {
            dialog = dialog.set_file_name(name.to_string_lossy());
        }
        dialog = dialog.add_filter(self.format.label(), &[self.format.extension()]);
        dialog.save_file()
    }

    fn result_ui(&self, ui: &mut egui::Ui, actions: &mut Vec<ExportAction>) {
        if self.is_exporting() {
            ui.add_space(theme::SECTION_GAP);
            ui.label("Exporting… you can keep using Limber meanwhile.");
            return;
        }
        match &self.result {
            None => {}
            Some(Ok(path)) => {
                ui.add_space(theme::SECTION_GAP);
                let folder = if path.is_dir() {
                    Some(path.clone())
                } else {
                    path.parent().map(Path::to_path_buf)
                };
                banner(ui, theme::INFO_FILL, |ui| {
                    ui.label(format!("Saved: {}", path.display()));
                    if let Some(folder) = folder
                        && ui
                            .button("Open folder")
                            .on_hover_text("Show the folder in your file manager")
                            .clicked()
                    {
                        actions.push(ExportAction::OpenFolder(folder));
                    }
                });
            }
            Some(Err(message)) => {
                ui.add_space(theme::SECTION_GAP);
                banner(ui, theme::ERROR_FILL, |ui| {
                    ui.label(message);
                });
            }
        }
    }
}

/// Reads a YYYY-MM-DD date, or says in plain words what is wrong with it.
fn parse_date(text: &str, field: &str) -> Result<NaiveDate, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err(format!(
            "The {field} date is empty. Write it as YYYY-MM-DD, for example 2026-03-01."
        ));
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| {
        format!("The {field} date \"{text}\" is not a date. Write it as YYYY-MM-DD, for example 2026-03-01.")
    })
}

/// What the export will include, in one short paragraph; `content` says whether the format
/// chosen has anything to export in the period (see [`crate::core::figures::Content::has_content`]).
fn summary_text(summary: &Summary, content: bool, format: ExportFormat) -> String {
    if !content {
        return if format == ExportFormat::Fhir {
            "No pain scores or questionnaire answers in this period. Choose other dates."
        } else {
            "Nothing was logged in this period. Choose other dates."
        }
        .to_owned();
    }
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let mut parts = vec![format!(
        "{}, {} and {} from {} ({} days).",
        plural(summary.sessions, "session", "sessions"),
        plural(summary.rest_days, "rest day", "rest days"),
        plural(summary.notes, "note", "notes"),
        summary.period,
        summary.period.days()
    )];
    if let Some(pct) = summary.adherence.percent() {
        parts.push(format!("Adherence {pct}% of planned doses."));
    }
    if let Some((first, last)) = summary.logged_dates {
        parts.push(format!("First entry {first}, last entry {last}."));
    }
    parts.join(" ")
}

fn summary_ui(
    ui: &mut egui::Ui,
    period: Result<&Period, &str>,
    summary: Option<(&Summary, bool)>,
    format: ExportFormat,
) {
    ui.strong("What will be included");
    match (period, summary) {
        (Ok(_), Some((summary, content))) => {
            ui.label(summary_text(summary, content, format));
        }
        _ => {
            ui.weak("Fix the dates above to see what will be included.");
        }
    }
}

/// Says which months of the period could not be read (the export is refused until they are
/// set aside or restored), or that older months are still being read.
fn missing_ui(ui: &mut egui::Ui, missing: &[Month], loading_older: bool) {
    if !missing.is_empty() {
        let months: Vec<String> = missing.iter().map(|m| m.label()).collect();
        ui.add_space(theme::SECTION_GAP);
        banner(ui, theme::CAUTION_FILL, |ui| {
            ui.label(format!(
                "Missing from this period: {}. {} could not be read, so an export would leave \
                 out what you logged then. Set the damaged file aside in History or restore a \
                 backup first, or choose other dates.",
                months.join(", "),
                if months.len() == 1 {
                    "That month's file"
                } else {
                    "Those months' files"
                }
            ));
        });
    } else if loading_older {
        ui.add_space(theme::SECTION_GAP);
        ui.weak("Reading the older months of your log… the export can be saved in a moment.");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_read_and_bad_ones_explained() {
        assert_eq!(
            parse_date(" 2026-03-01 ", "From"),
            Ok(NaiveDate::from_ymd_opt(2026, 3, 1).unwrap())
        );
        let err = parse_date("2026-13-01", "To").unwrap_err();
        assert!(err.contains("\"2026-13-01\" is not a date"), "{err}");
        assert!(parse_date("", "From").unwrap_err().contains("empty"));
    }
}
