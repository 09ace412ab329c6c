//! Today's "Between sessions" section and its two windows: "How is your back now?" (pain at
//! any time, where it hurts, a note), the progress questions (PSFS, PEG, PGIC), and the
//! "Ask my therapist" list.
//!
//! The view keeps only drafts. It returns [`DiaryAction`]s; the app applies them through
//! [`crate::core::diary::apply`] and reports back with [`DiaryView::applied`], so a draft
//! stays on screen when a change is refused.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::core::body_area::BodyArea;
use crate::core::diary::{self, DiaryChange};
use crate::core::log::SessionLog;
use crate::core::measures::{
    self, ActivityRating, Answers, MeasureKind, MeasureSchedule, PSFS_MAX_ACTIVITIES,
    PSFS_MIN_ACTIVITIES, PgicChange, Rating, wording,
};
use crate::core::pain_entry::RecordId;
use crate::core::session::PainScore;
pub use crate::ui::command::DiaryAction;
use crate::ui::{body_map, session_form, theme};

/// What the section needs to draw.
pub struct DiaryInput<'a> {
    /// The log, for activities, questions and today's pain entries.
    pub log: &'a SessionLog,
    /// The local date.
    pub today: NaiveDate,
    /// The measures due today (empty when none is, or after "Not now").
    pub due: &'a [MeasureKind],
}

/// The draft of "How is your back now?".
#[derive(Clone, Debug, Default, PartialEq)]
struct PainNow {
    pain: Option<PainScore>,
    areas: Vec<BodyArea>,
    note: String,
}

/// The draft of the progress questions: the measures to answer, one page each.
#[derive(Clone, Debug, Default, PartialEq)]
struct CheckIn {
    kinds: Vec<MeasureKind>,
    step: usize,
    psfs: BTreeMap<RecordId, u8>,
    new_activity: String,
    peg: [Option<u8>; 3],
    pgic: Option<PgicChange>,
}

/// Which draft the last action came from, so its result lands there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Pending {
    PainNow,
    Question,
    Activity,
    CheckIn,
}

/// Drafts and messages of the section.
#[derive(Clone, Debug, Default)]
pub struct DiaryView {
    pain_now: Option<PainNow>,
    check_in: Option<CheckIn>,
    question: String,
    pending: Option<Pending>,
    /// A refusal, shown beside the draft it concerns.
    message: Option<String>,
    /// A short confirmation ("Saved: pain 3").
    saved: Option<String>,
    /// The measures due, worked out once per log revision, day and schedule (not every frame).
    due: Option<(DueKey, Vec<MeasureKind>)>,
}

/// What [`DiaryView::due`] depends on besides the log: its revision, the day, the schedule and
/// the last day a "Not now" puts the offer off to.
type DueKey = (u64, NaiveDate, MeasureSchedule, Option<NaiveDate>);

/// The PEG items: accessible label, question, and the words at each end of the scale.
const PEG_ITEMS: [(&str, &str, &str, &str); 3] = [
    (
        "Average pain",
        "Over the past week, how bad was your pain on average?",
        "0 no pain",
        "10 as bad as you can imagine",
    ),
    (
        "Enjoyment of life",
        "Over the past week, how much did pain get in the way of enjoying life?",
        "0 not at all",
        "10 completely",
    ),
    (
        "General activity",
        "Over the past week, how much did pain get in the way of your day-to-day activity?",
        "0 not at all",
        "10 completely",
    ),
];

impl DiaryView {
    /// The measures due today (see [`measures::due`]), recomputed only when the log, the day or
    /// the schedule changed.
    pub fn due(
        &mut self,
        log: &SessionLog,
        log_revision: u64,
        (schedule, not_now_until): (MeasureSchedule, Option<NaiveDate>),
        today: NaiveDate,
    ) -> Vec<MeasureKind> {
        let key = (log_revision, today, schedule, not_now_until);
        match &self.due {
            Some((cached, kinds)) if *cached == key => kinds.clone(),
            _ => {
                let kinds = measures::due(log, schedule, not_now_until, today);
                self.due = Some((key, kinds.clone()));
                kinds
            }
        }
    }

    /// Whether a window of the section is open (keyboard shortcuts of Today then pause).
    pub fn is_open(&self) -> bool {
        self.pain_now.is_some() || self.check_in.is_some()
    }

    /// Opens "How is your back now?" (also from the reminder).
    pub fn open_pain_now(&mut self) {
        self.pain_now = Some(PainNow::default());
        self.message = None;
    }

    /// The short confirmation of the last save ("Saved: pain 3 now."), if any.
    pub fn saved(&self) -> Option<&str> {
        self.saved.as_deref()
    }

    /// Drops the confirmation (the person moved to another screen).
    pub fn forget_saved(&mut self) {
        self.saved = None;
    }

    /// The result of the last action the app applied.
    pub fn applied(&mut self, result: Result<(), String>) {
        let pending = self.pending.take();
        if let Err(message) = result {
            self.message = Some(message);
            return;
        }
        self.message = None;
        match pending {
            Some(Pending::PainNow) => {
                let pain = self.pain_now.take().and_then(|p| p.pain);
                self.saved = pain.map(|p| format!("Saved: pain {p} now."));
            }
            Some(Pending::Question) => self.question.clear(),
            Some(Pending::Activity) => {
                if let Some(check_in) = &mut self.check_in {
                    check_in.new_activity.clear();
                }
            }
            Some(Pending::CheckIn) => self.next_measure(),
            None => {}
        }
    }

    fn next_measure(&mut self) {
        if let Some(check_in) = &mut self.check_in {
            check_in.step += 1;
            if check_in.step >= check_in.kinds.len() {
                self.check_in = None;
                self.saved = Some("Thank you: your answers are saved for your therapist.".into());
            }
        }
    }

    fn push(&mut self, actions: &mut Vec<DiaryAction>, pending: Pending, change: DiaryChange) {
        self.pending = Some(pending);
        actions.push(DiaryAction::Change(change));
    }

    /// The offer of the progress questions, drawn at the top of Today when some are due.
    pub fn offer_ui(&mut self, ui: &mut egui::Ui, input: &DiaryInput<'_>) -> Vec<DiaryAction> {
        let mut actions = Vec::new();
        if input.due.is_empty() || self.check_in.is_some() {
            return actions;
        }
        crate::ui::banners::offer_chip_ui(
            ui,
            "Time for your progress questions",
            "About two minutes.",
            |ui| {
                if ui
                    .button("Answer the questions")
                    .on_hover_text(
                        "A few questions about how your back affects your days; your therapist \
                         can compare the answers over time",
                    )
                    .clicked()
                {
                    self.start_check_in(input.due.to_vec());
                }
                if ui
                    .button("Not now")
                    .on_hover_text("Ask again in a few days")
                    .clicked()
                {
                    actions.push(DiaryAction::NotNow);
                }
            },
        );
        actions
    }

    fn start_check_in(&mut self, kinds: Vec<MeasureKind>) {
        self.check_in = Some(CheckIn {
            kinds,
            ..CheckIn::default()
        });
        self.message = None;
    }

    /// "Between sessions" as a slim card at the top of the checklist column: "How is your back
    /// now?", the second most frequent task, and "Something new or worrying?", the way to tell
    /// Limber of a warning sign the day it starts, both in sight without scrolling (the rest of
    /// "Between sessions" stays under the checklist). The buttons take the card's width and
    /// never wrap, so the card is as high at any width (a card that wrapped moved the checklist
    /// under the pointer while the panel settled its width).
    pub fn card_ui(&mut self, ui: &mut egui::Ui) -> Vec<DiaryAction> {
        let mut actions = Vec::new();
        egui::Frame::group(ui.style())
            .inner_margin(egui::Margin::same(4))
            .show(ui, |ui| {
                let height = theme::sizes(ui.style()).big_button_height;
                let button = egui::Button::new("How is your back now?").truncate();
                if ui
                    .add_sized([ui.available_width(), height], button)
                    .on_hover_text("Note your pain and where it is, at any time of day")
                    .clicked()
                {
                    self.open_pain_now();
                }
                if let Some(saved) = &self.saved {
                    ui.label(egui::RichText::new(saved).weak());
                }
                let signs = egui::Button::new(crate::ui::safety::SOMETHING_NEW).truncate();
                if ui
                    .add_sized([ui.available_width(), 0.0], signs)
                    .on_hover_text("Tick a warning sign the day it starts; Limber keeps it, dated")
                    .clicked()
                {
                    actions.push(DiaryAction::OpenWarningSigns);
                }
            });
        ui.add_space(6.0);
        actions
    }

    /// The rest of "Between sessions", under the checklist: the progress questions, today's
    /// pain entries and the questions for the therapist.
    pub fn section_ui(&mut self, ui: &mut egui::Ui, input: &DiaryInput<'_>) -> Vec<DiaryAction> {
        let mut actions = Vec::new();
        ui.separator();
        ui.label(egui::RichText::new("Between sessions").strong());
        ui.horizontal_wrapped(|ui| {
            if ui
                .add(
                    egui::Button::new("Progress questions")
                        .min_size(egui::vec2(0.0, theme::sizes(ui.style()).big_button_height)),
                )
                .on_hover_text("The short questionnaires your therapist can compare over time")
                .clicked()
            {
                let mut kinds = vec![MeasureKind::Psfs, MeasureKind::Peg];
                if input.due.contains(&MeasureKind::Pgic) {
                    kinds.push(MeasureKind::Pgic);
                }
                self.start_check_in(kinds);
            }
        });
        let entries: Vec<String> = input
            .log
            .pain_entries()
            .iter()
            .filter(|e| e.local_date == input.today)
            .map(|e| {
                let areas = if e.areas.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", BodyArea::join(&e.areas))
                };
                format!("{}  pain {}{areas}", e.local_time().format("%H:%M"), e.pain)
            })
            .collect();
        if !entries.is_empty() {
            ui.label(egui::RichText::new("Pain logged today").strong());
        }
        for line in entries {
            ui.label(line);
        }
        ui.add_space(8.0);
        self.questions_ui(ui, input, &mut actions);
        actions
    }

    fn questions_ui(
        &mut self,
        ui: &mut egui::Ui,
        input: &DiaryInput<'_>,
        actions: &mut Vec<DiaryAction>,
    ) {
        ui.label(egui::RichText::new("Ask my therapist").strong());
        let mut asked = None;
        for question in diary::open_questions(input.log) {
            ui.horizontal(|ui| {
                let button = ui
                    .small_button("Asked")
                    .on_hover_text("Take it off the list once you have asked it");
                button.widget_info(|| {
                    egui::WidgetInfo::labeled(
                        egui::Role::Button,
                        true,
                        format!("Mark as asked: {}", question.text),
                    )
                });
                if button.clicked() {
                    asked = Some(question.id.clone());
                }
                ui.label(&question.text);
            });
        }
        if let Some(id) = asked {
            self.push(actions, Pending::Question, DiaryChange::MarkAsked(id));
        }
        let mut add = false;
        let label = ui.label(egui::RichText::new("Question for your therapist").weak());
        ui.horizontal(|ui| {
            let field = ui
                .add(
                    egui::TextEdit::singleline(&mut self.question)
                        .hint_text("A question for your next visit")
                        .desired_width(ui.available_width() - 60.0),
                )
                .labelled_by(label.id);
            add = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            add |= ui.button("Add").clicked();
        });
        if add && !self.question.trim().is_empty() {
            let text = self.question.clone();
            self.push(actions, Pending::Question, DiaryChange::AddQuestion(text));
        }
        if self.pending.is_none()
            && !self.is_open()
            && let Some(message) = &self.message
        {
            ui.colored_label(ui.visuals().warn_fg_color, message);
        }
    }

    /// The open window, if any.
    pub fn windows_ui(&mut self, ctx: &egui::Context, input: &DiaryInput<'_>) -> Vec<DiaryAction> {
        let mut actions = Vec::new();
        if self.pain_now.is_some() {
            self.pain_now_ui(ctx, &mut actions);
        }
        if self.check_in.is_some() {
            self.check_in_ui(ctx, input, &mut actions);
        }
        actions
    }

    fn pain_now_ui(&mut self, ctx: &egui::Context, actions: &mut Vec<DiaryAction>) {
        let Some(draft) = &mut self.pain_now else {
            return;
        };
        let mut save = false;
        let mut close = false;
        let modal =
            crate::ui::a11y::named_modal(egui::Id::unique("pain-now"), "Pain between sessions")
                .show(ctx, |ui| {
                    ui.set_max_width(560.0);
                    crate::ui::theme::heading(ui, "How is your back now?");
                    egui::ScrollArea::vertical()
                        .max_height(ctx.content_rect().height() * 0.7)
                        .show(ui, |ui| {
                            ui.label("0 is no pain, 10 is the worst you can imagine.");
                            if let Some(score) =
                                session_form::pain_scale_ui(ui, "Pain now", draft.pain)
                            {
                                draft.pain = Some(score);
                            }
                            ui.add_space(8.0);
                            body_map::body_map_ui(ui, "pain-now", &mut draft.areas);
                            ui.add_space(8.0);
                            let label = ui.label(egui::RichText::new("Note").strong());
                            ui.add(
                                egui::TextEdit::singleline(&mut draft.note)
                                    .hint_text(
                                        "A few words, if you like (after driving, on waking…)",
                                    )
                                    .desired_width(f32::INFINITY),
                            )
                            .labelled_by(label.id);
                            crate::ui::a11y::keep_focus_in_view(ui);
                        });
                    if let Some(message) = &self.message {
                        ui.colored_label(ui.visuals().warn_fg_color, message);
                    }
                    ui.horizontal(|ui| {
                        let ready = draft.pain.is_some();
                        save = ui
                            .add_enabled(ready, theme::primary_button(ui, "Save"))
                            .on_disabled_hover_text("Choose a number first")
                            .clicked();
                        close = ui.button("Cancel").clicked();
                    });
                });
        if save && let Some(pain) = draft.pain {
            let change = DiaryChange::LogPain {
                pain,
                areas: draft.areas.clone(),
                note: draft.note.clone(),
            };
            self.push(actions, Pending::PainNow, change);
        } else if close || modal.should_close() {
            self.pain_now = None;
            self.message = None;
        }
    }

    fn check_in_ui(
        &mut self,
        ctx: &egui::Context,
        input: &DiaryInput<'_>,
        actions: &mut Vec<DiaryAction>,
    ) {
        let Some(draft) = &mut self.check_in else {
            return;
        };
        let Some(&kind) = draft.kinds.get(draft.step) else {
            self.check_in = None;
            return;
        };
        let mut change = None;
        let mut activity_change = None;
        let (mut skip, mut close) = (false, false);
        let id = egui::Id::unique("check-in");
        let screen = ctx.content_rect();
        // A fixed width, as the weekly check-in has, so the dialog does not move while the
        // person types or an activity is added.
        let modal = crate::ui::a11y::top_modal(id, "Progress check-in").show(ctx, |ui| {
            ui.set_width((screen.width() - 80.0).clamp(240.0, 620.0));
            ui.label(
                egui::RichText::new(format!(
                    "Progress questions, {} of {}",
                    draft.step + 1,
                    draft.kinds.len()
                ))
                .weak(),
            );
            crate::ui::theme::heading(ui, kind.title());
            // The questions scroll; what stays around them (the step and title, the source
            // line, a message and the buttons) keeps its room at any text size.
            let around = 2.0 * ui.text_style_height(&egui::TextStyle::Heading)
                + 3.0 * ui.text_style_height(&egui::TextStyle::Body)
                + theme::sizes(ui.style()).big_button_height
                + 48.0;
            let window = ctx.content_rect().height();
            egui::ScrollArea::vertical()
                .max_height((window * 0.65).min(window - around).max(120.0))
                .show(ui, |ui| match kind {
                    MeasureKind::Psfs => {
                        activity_change = psfs_ui(ui, input.log, draft);
                    }
                    MeasureKind::Peg => peg_ui(ui, draft),
                    MeasureKind::Pgic => pgic_ui(ui, draft),
                });
            source_ui(ui, kind);
            if let Some(message) = &self.message {
                ui.colored_label(ui.visuals().warn_fg_color, message);
            }
            ui.horizontal(|ui| {
                let answers = answers(input.log, kind, draft);
                let save = ui
                    .add_enabled(answers.is_some(), theme::primary_button(ui, "Save answers"))
                    .on_disabled_hover_text("Answer every question first")
                    .clicked();
                if save {
                    change = answers;
                }
                skip = ui
                    .button("Skip this one")
                    .on_hover_text("Go on without answering this questionnaire")
                    .clicked();
                close = ui.button("Close").clicked();
            });
        });
        if let Some(answers) = change {
            self.push(actions, Pending::CheckIn, DiaryChange::CheckIn(answers));
        } else if let Some(change) = activity_change {
            self.push(actions, Pending::Activity, change);
        } else if skip {
            self.message = None;
            self.next_measure();
            self.saved = None;
        } else if close || modal.should_close() {
            self.check_in = None;
            self.message = None;
        }
    }
}

/// The PSFS page: the activities (add, stop asking) and a 0–10 rating for each. Returns a change to
/// the activity list when one was asked for.
fn psfs_ui(ui: &mut egui::Ui, log: &SessionLog, draft: &mut CheckIn) -> Option<DiaryChange> {
    let mut change = None;
    ui.label(egui::RichText::new(wording::PSFS_QUESTION).strong());
    ui.label(
        "Name each activity once, such as \u{201c}reach the top shelf\u{201d}; each time you \
         rate the same ones.",
    );
    ui.label(
        egui::RichText::new(format!(
            "{}  \u{2026}  {}",
            wording::PSFS_LOW,
            wording::PSFS_HIGH
        ))
        .weak(),
    );
    ui.add_space(6.0);
    for activity in diary::active_activities(log) {
        ui.horizontal(|ui| {
            ui.label(egui::RichText::new(&activity.name).strong());
            let retire = ui
                .small_button("Stop asking")
                .on_hover_text("Stop asking about it; your earlier answers keep it");
            retire.widget_info(|| {
                egui::WidgetInfo::labeled(
                    egui::Role::Button,
                    true,
                    format!("Stop asking about {}", activity.name),
                )
            });
            if retire.clicked() {
                change = Some(DiaryChange::RetireActivity(activity.id.clone()));
            }
        });
        let current = draft.psfs.get(&activity.id).copied();
        if let Some(value) = session_form::rating_row_ui(ui, &activity.name, current, Rating::MAX) {
            draft.psfs.insert(activity.id.clone(), value);
        }
        ui.add_space(4.0);
    }
    let active = diary::active_activities(log).count();
    if active < PSFS_MAX_ACTIVITIES {
        ui.horizontal(|ui| {
            let label = ui.label("New activity");
            let field = ui
                .add(
                    egui::TextEdit::singleline(&mut draft.new_activity)
                        .hint_text("An activity your back makes hard")
                        .desired_width(320.0),
                )
                .labelled_by(label.id);
            let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            if (ui.button("Add activity").clicked() || enter)
                && !draft.new_activity.trim().is_empty()
            {
                change = Some(DiaryChange::AddActivity(draft.new_activity.clone()));
            }
        });
    }
    if active < PSFS_MIN_ACTIVITIES {
        ui.label(
            egui::RichText::new(format!(
                "Name at least {PSFS_MIN_ACTIVITIES} activities (at most {PSFS_MAX_ACTIVITIES})."
            ))
            .weak(),
        );
    }
    change
}

/// Where the questionnaire comes from: a small line under its questions, outside their
/// scroll area so that it always shows.
fn source_ui(ui: &mut egui::Ui, kind: MeasureKind) {
    let source = match kind {
        MeasureKind::Psfs => wording::PSFS_SOURCE,
        MeasureKind::Peg => wording::PEG_SOURCE,
        MeasureKind::Pgic => wording::PGIC_SOURCE,
    };
    ui.label(egui::RichText::new(source).small().weak());
}

fn peg_ui(ui: &mut egui::Ui, draft: &mut CheckIn) {
    for ((label, question, low, high), value) in PEG_ITEMS.iter().zip(draft.peg.iter_mut()) {
        ui.label(egui::RichText::new(*question).strong());
        ui.label(egui::RichText::new(format!("{low} \u{2026} {high}")).weak());
        if let Some(v) = session_form::rating_row_ui(ui, label, *value, Rating::MAX) {
            *value = Some(v);
        }
        ui.add_space(6.0);
    }
}

/// The two-sided PGIC in its published words: seven answers, each a full-width button as tall
/// as the big buttons, so each is an easy target; a screen reader reads the answer's words.
fn pgic_ui(ui: &mut egui::Ui, draft: &mut CheckIn) {
    ui.label(egui::RichText::new(wording::PGIC_QUESTION).strong());
    ui.add_space(4.0);
    let height = theme::sizes(ui.style()).big_button_height;
    for answer in PgicChange::ALL {
        let text = format!("{}   {}", answer.value(), answer.label());
        let button = egui::Button::new(text)
            .selected(draft.pgic == Some(answer))
            .min_size(egui::vec2(ui.available_width(), height));
        let response = ui.add(button);
        response.widget_info(|| {
            egui::WidgetInfo::selected(
                egui::Role::RadioButton,
                true,
                draft.pgic == Some(answer),
                answer.label(),
            )
        });
        if response.clicked() {
            draft.pgic = Some(answer);
        }
    }
}

/// The answers of the page, once every item is answered.
fn answers(log: &SessionLog, kind: MeasureKind, draft: &CheckIn) -> Option<Answers> {
    match kind {
        MeasureKind::Psfs => {
            let ratings: Option<Vec<ActivityRating>> = diary::active_activities(log)
                .map(|a| {
                    let rating = draft.psfs.get(&a.id).copied().and_then(Rating::new)?;
                    Some(ActivityRating {
                        activity: a.id.clone(),
                        rating,
                    })
                })
                .collect();
            ratings
                .filter(|r| (PSFS_MIN_ACTIVITIES..=PSFS_MAX_ACTIVITIES).contains(&r.len()))
                .map(Answers::Psfs)
        }
        MeasureKind::Peg => {
            let [pain, enjoyment, activity] = draft.peg.map(|v| v.and_then(Rating::new));
            Some(Answers::Peg {
                pain: pain?,
                enjoyment: enjoyment?,
                activity: activity?,
            })
        }
        MeasureKind::Pgic => draft.pgic.map(Answers::PgicTwoSided),
    }
}
