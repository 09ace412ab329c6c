//! The Today screen: the checklist grouped by category, today's sessions, and the card of the
//! selected exercise with its timer. In a guided routine the card takes the whole screen.

use crate::core::catalog::Routine;
use crate::core::catalog::{Category, Exercise};
use crate::core::log::SessionLog;
use crate::core::practice::{BeforeStart, Practice};
use crate::core::session::RestReason;
use crate::core::session::Session;
use crate::core::settings::Settings;
use crate::core::timer::Phase;
use crate::ui::clock::Moment;
use crate::ui::command::Command;
use crate::ui::diary::{DiaryInput, DiaryView};
use crate::ui::exercise_card::{self, CardInput};
use crate::ui::timer_ui::TimerInput;
use crate::ui::{guided, session_form, theme};

/// What the Today screen shows (and its card and timer).
#[expect(
    clippy::struct_excessive_bools,
    reason = "independent facts of this frame (sound, focus, a new timer, read-only)"
)]
pub struct TodayInput<'a> {
    /// The routine in use.
    pub routine: &'a Routine,
    /// The log.
    pub log: &'a SessionLog,
    /// Changes whenever the log does (for the diary's cache).
    pub log_revision: u64,
    /// The open session, the timer and the guided routine.
    pub practice: &'a Practice,
    /// The exercise whose card is open.
    pub selected: Option<&'a str>,
    /// This frame's time.
    pub now: Moment,
    /// Sound off.
    pub muted: bool,
    /// When the last phase change happened, for the flash.
    pub flash: Option<(std::time::Instant, Phase)>,
    /// The person's settings.
    pub settings: &'a Settings,
    /// Give the session's notes the keyboard focus (the N key was pressed).
    pub focus_notes: bool,
    /// A timer was just started: scroll the card so that the timer is in sight.
    pub reveal_timer: bool,
    /// Nothing can be saved (another Limber has the folder, a newer format, a log that could
    /// not be read): every control that would log something is disabled, so no tick, pain
    /// score or note is accepted and then lost.
    pub read_only: bool,
    /// The one offer to show on Today, if any (see [`crate::core::offers`]); `None` also while
    /// a timer runs, the finish form or the end card is up (the end comes first).
    pub offer: Option<crate::core::offers::Offer>,
}

impl TodayInput<'_> {
    /// This frame's time.
    pub fn now(&self) -> Moment {
        self.now
    }

    /// The day the checklist counts for: the open session's, else today (see
    /// [`Practice::checklist_day`]).
    pub fn checklist_day(&self) -> chrono::NaiveDate {
        self.practice.checklist_day(self.log, self.now.local_date())
    }

    /// Whether an exercise is done on the checklist's day.
    pub fn done_today(&self, exercise_id: &str) -> bool {
        self.log.done_on(self.checklist_day(), exercise_id)
    }

    /// Whether the checklist's day is a gentle day (it has a gentle session): the routine
    /// given is then the gentle one.
    pub fn gentle_day(&self) -> bool {
        crate::core::figures::gentle::is_gentle_day(self.log, self.checklist_day())
    }

    /// The version of `exercise` done on the checklist's day (the gentle one on a gentle day).
    fn version_of(&self, exercise: &Exercise) -> crate::core::catalog::Version {
        let version = crate::core::versions::in_force(self.log, &exercise.id, self.checklist_day());
        if self.gentle_day() {
            crate::core::figures::gentle::version(exercise, version)
        } else {
            version
        }
    }

    /// The open session, if any.
    pub fn current_session(&self) -> Option<&Session> {
        self.practice.current_session(self.log)
    }

    /// The timer's input for this frame, with the height of the window's content (`ui`'s).
    fn timer_input(&self, ui: &egui::Ui) -> TimerInput {
        TimerInput {
            now: self.now.instant,
            muted: self.muted,
            flash: self.flash,
            window_height: ui.ctx().content_rect().height(),
        }
    }

    /// The card's input for `exercise`.
    fn card_input(&self, ui: &egui::Ui, exercise: &Exercise) -> CardInput<'_> {
        CardInput {
            routine: self.routine,
            practice: self.practice,
            timer: self.timer_input(ui),
            done: self.done_today(&exercise.id),
            read_only: self.read_only,
            reveal_timer: self.reveal_timer,
            version: self.version_of(exercise),
        }
    }

    /// The selected exercise, when its own timer runs outside the guided routine: Today then
    /// shows it in the guided layout, which never scrolls. Paused (or after leaving the guided
    /// routine, which pauses it) the card and the checklist come back, with Resume on the card.
    fn single_in_progress(&self) -> Option<&Exercise> {
        let active = self.practice.timer.as_ref()?;
        (self.practice.guided.is_none()
            && active.timer.is_running()
            && !self.read_only
            && self.selected == Some(active.exercise_id.as_str()))
        .then(|| self.routine.exercise(&active.exercise_id))
        .flatten()
    }
}

/// Whether the offers at the top of Today (the weekly check-in, the progress questions) wait:
/// while an exercise's timer is under way, so that they never push the timer out of sight
/// (three banners filled the top two thirds of the window). The safety prompts always show.
pub fn offers_wait(practice: &Practice) -> bool {
    practice.timer.is_some()
}

/// Draws the Today screen and returns what the person asked for. `diary` is the screen's own
/// "Between sessions" part, with its drafts.
pub fn today_ui(ui: &mut egui::Ui, app: &TodayInput<'_>, diary: &mut DiaryView) -> Vec<Command> {
    let mut commands = Vec::new();
    draw(ui, app, diary, &mut commands);
    commands
}

fn draw(
    ui: &mut egui::Ui,
    app: &TodayInput<'_>,
    diary: &mut DiaryView,
    commands: &mut Vec<Command>,
) {
    if app.read_only {
        // What would log something is not drawn or is disabled; the banner above says why.
        read_only_draw(ui, app, commands);
        return;
    }
    // Ask first, then start: the pain question, then (after a high answer) the calm line and
    // its choices come before anything runs (see `Practice::before_start`).
    let before_start = app.practice.before_start();
    if before_start == Some(BeforeStart::PainQuestion) {
        pain_before_ui(ui, commands);
    }
    if let Some(prompt) = app
        .current_session()
        .and_then(crate::core::prompts::pain_before_prompt)
    {
        let choose = before_start == Some(BeforeStart::HighPain);
        let gentle = app.current_session().is_some_and(|s| s.gentle);
        gentle_session_ui(ui, &prompt, (choose, gentle), commands);
    }
    if app.practice.guided.is_some() {
        guided_ui(ui, app, commands);
        return;
    }
    if app.practice.timer.is_some() && app.single_in_progress().is_none() {
        pain_before_chip_ui(ui, app);
    }
    let today = app.now().local_date();
    let due = diary.due(
        app.log,
        app.log_revision,
        (
            app.settings.measure_schedule,
            app.settings.measures_not_now_until,
        ),
        today,
    );
    let input = DiaryInput {
        log: app.log,
        today,
        due: &due,
    };
    let mut actions = if app.offer == Some(crate::core::offers::Offer::Questionnaires) {
        diary.offer_ui(ui, &input)
    } else {
        Vec::new()
    };
    let narrow = ui.available_width() < theme::NARROW_WIDTH;
    let single = app.single_in_progress();
    if let Some(exercise) = single.filter(|_| ui.available_width() < theme::SINGLE_FULL_WIDTH) {
        // Below 1100 px there is no room for the checklist beside the exercise under way.
        single_ui(ui, app, exercise, true, commands);
    } else if narrow {
        egui::ScrollArea::vertical()
            .id_salt("today-narrow")
            .show(ui, |ui| {
                actions.extend(diary.card_ui(ui));
                checklist_ui(ui, app, commands);
                actions.extend(diary.section_ui(ui, &input));
                ui.separator();
                card_or_hint_ui(ui, app, commands);
                crate::ui::a11y::keep_focus_in_view(ui);
            });
    } else {
        // The checklist never takes more than half the window: the card and its timer, read
        // from the floor, keep the rest (wide content such as the notes field would otherwise
        // grow the panel until the timer was squeezed into a strip).
        let max = (ui.available_width() * 0.5).max(theme::CHECKLIST_WIDTH);
        egui::Panel::left("checklist-panel")
            .frame(theme::side_panel_frame(ui.style()))
            .default_size(theme::CHECKLIST_WIDTH)
            .max_size(max)
            .resizable(true)
            .show(ui, |ui| {
                egui::ScrollArea::vertical()
                    .id_salt("checklist")
                    .show(ui, |ui| {
                        actions.extend(diary.card_ui(ui));
                        checklist_ui(ui, app, commands);
                        actions.extend(diary.section_ui(ui, &input));
                        crate::ui::a11y::keep_focus_in_view(ui);
                    });
            });
        egui::CentralPanel::default()
            .frame(theme::central_panel_frame(ui.style()))
            .show(ui, |ui| {
                if let Some(exercise) = single {
                    // The checklist beside it holds the notes.
                    single_ui(ui, app, exercise, false, commands);
                } else {
                    egui::ScrollArea::vertical().id_salt("card").show(ui, |ui| {
                        card_or_hint_ui(ui, app, commands);
                        crate::ui::a11y::keep_focus_in_view(ui);
                    });
                }
            });
    }
    actions.extend(diary.windows_ui(ui.ctx(), &input));
    commands.extend(actions.into_iter().map(Command::Diary));
}

/// Today in a window that saves nothing: the checklist (its ticks, Start, the rest day and the
/// notes disabled) and the exercise's card (to read; its timer and "Mark as done" disabled).
/// The "Between sessions" part, which only logs, is left out.
fn read_only_draw(ui: &mut egui::Ui, app: &TodayInput<'_>, commands: &mut Vec<Command>) {
    egui::ScrollArea::vertical()
        .id_salt("today-read-only")
        .show(ui, |ui| {
            checklist_ui(ui, app, commands);
            ui.separator();
            card_or_hint_ui(ui, app, commands);
        });
}

fn card_or_hint_ui(ui: &mut egui::Ui, app: &TodayInput<'_>, commands: &mut Vec<Command>) {
    if let Some(exercise) = app.selected.and_then(|id| app.routine.exercise(id)) {
        exercise_card::card_ui(ui, &app.card_input(ui, exercise), exercise, commands);
    } else {
        ui.add_space(theme::SECTION_GAP);
        crate::ui::theme::heading(ui, "Pick an exercise");
        ui.label(
            "Choose an exercise on the left to see how to do it and start its timer, \
             or press \u{201c}Start routine\u{201d} to be guided through all of them.",
        );
        ui.add_space(theme::SECTION_GAP);
        ui.label(
            "Skip anything that hurts. Limber is for education, not medical advice: \
             your therapist or doctor knows your back.",
        );
    }
}

fn checklist_ui(ui: &mut egui::Ui, app: &TodayInput<'_>, commands: &mut Vec<Command>) {
    let day = app.checklist_day();
    let (done, total) = crate::core::practice::done_of(app.log, app.routine, day);
    ui.horizontal(|ui| {
        crate::ui::theme::heading(ui, "Today");
        ui.label(format!("{done} of {total} done"));
    });
    if day != app.now.local_date() {
        other_day_ui(ui, app, day, commands);
    }
    let bar = ui.add(
        egui::ProgressBar::new(if total == 0 {
            0.0
        } else {
            f32::from(u16::try_from(done).unwrap_or(u16::MAX))
                / f32::from(u16::try_from(total).unwrap_or(u16::MAX))
        })
        .desired_height(8.0),
    );
    crate::ui::a11y::progress_value(
        &bar,
        "Done today",
        f64::from(u32::try_from(done).unwrap_or(u32::MAX)),
        f64::from(u32::try_from(total).unwrap_or(u32::MAX)),
        &format!("{done} of {total}"),
    );
    ui.add_space(6.0);
    ui.horizontal_wrapped(|ui| {
        ui.add_enabled_ui(!app.read_only, |ui| {
            start_row_ui(ui, app, done, total, commands);
        });
    });
    // A gentler session, on its own line below (beside "Start routine" it widened the panel).
    if app.gentle_day() {
        crate::ui::gentle::day_note_ui(ui);
    } else {
        ui.add_enabled_ui(!app.read_only, |ui| {
            crate::ui::gentle::offer_button_ui(ui, done < total, commands);
        });
    }
    ui.add_space(theme::SECTION_GAP);
    for category in Category::ALL {
        let exercises: Vec<&Exercise> = app
            .routine
            .enabled()
            .filter(|e| e.category == category)
            .collect();
        if exercises.is_empty() {
            continue;
        }
        theme::section_heading(ui, category.label());
        for exercise in exercises {
            checklist_row(ui, app, exercise, commands);
        }
        ui.add_space(8.0);
    }
    if let Some(session) = app.current_session() {
        ui.separator();
        ui.label(egui::RichText::new("This session").strong());
        let mut notes = session.notes.clone();
        let response = ui.add_enabled(
            !app.read_only,
            egui::TextEdit::multiline(&mut notes)
                .hint_text("Notes for you or your therapist (key: N)")
                .desired_rows(3)
                .desired_width(f32::INFINITY),
        );
        crate::ui::a11y::set_name(&response, "Session notes");
        if app.focus_notes && !app.read_only {
            // After the field was drawn, so the N that asked for it is not typed into it.
            response.request_focus();
        }
        if response.changed() {
            commands.push(Command::SetNotes(notes));
        }
    }
    todays_sessions_ui(ui, app);
}

/// The open session began on another day (before midnight, or in another time zone): the
/// checklist shows its ticks, says which day they count for, and offers a new session.
fn other_day_ui(
    ui: &mut egui::Ui,
    app: &TodayInput<'_>,
    day: chrono::NaiveDate,
    commands: &mut Vec<Command>,
) {
    ui.label(format!(
        "This session counts for {}",
        day.format("%A %-d %B")
    ));
    let button = egui::Button::new("Start a new session for today")
        .min_size(egui::vec2(0.0, theme::BIG_BUTTON_HEIGHT));
    let response = ui
        .add_enabled(!app.read_only, button)
        .on_hover_text("Finish this session as it is and start a new one for today");
    crate::ui::a11y::set_name(&response, "Start a new session for today");
    if response.clicked() {
        commands.push(Command::StartNewSession);
    }
}

/// "Start routine", and "Finish session" or "Log a rest day".
fn start_row_ui(
    ui: &mut egui::Ui,
    app: &TodayInput<'_>,
    done: usize,
    total: usize,
    commands: &mut Vec<Command>,
) {
    let start = theme::primary_button(ui, "Start routine");
    if ui
        .add_enabled(done < total, start)
        .on_hover_text("Walk through the exercises not yet done today, with timers")
        .clicked()
    {
        commands.push(Command::StartGuided);
    }
    if app.practice.current.is_some() {
        if ui
            .add(
                egui::Button::new("Finish session")
                    .min_size(egui::vec2(0.0, theme::BIG_BUTTON_HEIGHT)),
            )
            .on_hover_text("Record pain after, symptoms and notes")
            .clicked()
        {
            commands.push(Command::OpenFinishForm);
        }
    } else {
        rest_day_menu(ui, commands);
    }
}

fn checklist_row(
    ui: &mut egui::Ui,
    app: &TodayInput<'_>,
    exercise: &Exercise,
    commands: &mut Vec<Command>,
) {
    let done = app.done_today(&exercise.id);
    let selected = app.selected == Some(exercise.id.as_str());
    ui.horizontal(|ui| {
        let mut checked = done;
        let response = ui.add_enabled(!app.read_only, egui::Checkbox::new(&mut checked, ""));
        response.widget_info(|| {
            egui::WidgetInfo::selected(
                egui::Role::CheckBox,
                true,
                done,
                format!("{} done", exercise.name),
            )
        });
        if response.changed() {
            commands.push(Command::SetDone(exercise.id.clone(), checked));
        }
        let scale = theme::text_scale(ui.style());
        crate::ui::illustration::thumbnail_ui(ui, exercise, theme::THUMBNAIL_SIZE * scale);
        let text = egui::RichText::new(&exercise.name);
        let text = if done { text.weak() } else { text };
        // The name over the dose, both beside the thumbnail: the row is as high as it.
        ui.vertical(|ui| {
            ui.spacing_mut().item_spacing.y = 0.0;
            if ui.selectable_label(selected, text).clicked() {
                commands.push(Command::Select(exercise.id.clone()));
            }
            // In line with the name's text, inside its button padding.
            ui.horizontal(|ui| {
                // Only as high as the text, so the row stays as high as the thumbnail.
                ui.spacing_mut().interact_size.y = 0.0;
                ui.add_space(ui.spacing().button_padding.x);
                let version = app.version_of(exercise);
                let summary = crate::ui::exercise_versions::dose_summary(exercise, version);
                ui.label(egui::RichText::new(summary).weak());
            });
        });
    });
}

fn rest_day_menu(ui: &mut egui::Ui, commands: &mut Vec<Command>) {
    ui.menu_button("Log a rest day", |ui| {
        ui.label("Why are you resting today?");
        for (label, reason) in [
            ("Flare-up", RestReason::FlareUp),
            ("Feeling ill", RestReason::Ill),
            ("Travelling", RestReason::Travelling),
            ("Other reason", RestReason::Other(String::new())),
        ] {
            if ui.button(label).clicked() {
                commands.push(Command::LogRestDay(reason));
                ui.close();
            }
        }
    });
}

fn todays_sessions_ui(ui: &mut egui::Ui, app: &TodayInput<'_>) {
    let today = app.now().local_date();
    let sessions: Vec<_> = app.log.on_date(today).collect();
    if sessions.is_empty() {
        return;
    }
    ui.separator();
    ui.label(egui::RichText::new("Today's sessions").strong());
    for session in sessions {
        let time = session.local_start().format("%H:%M");
        let line = match &session.kind {
            crate::core::session::SessionKind::RestDay(reason) => {
                format!("{time}  Rest day ({})", reason.label())
            }
            crate::core::session::SessionKind::Break => {
                format!("{time}  Desk break ({})", session.names_done())
            }
            crate::core::session::SessionKind::Routine => {
                let pain = match (session.pain_before, session.pain_after) {
                    (Some(b), Some(a)) => format!(", pain {b} before, {a} after"),
                    (Some(b), None) => format!(", pain before {b}"),
                    _ => String::new(),
                };
                let state = if session.ended_at.is_none() {
                    " (in progress)"
                } else {
                    ""
                };
                let gentle = if session.gentle { ", gentler" } else { "" };
                format!(
                    "{time}  {} exercises done{gentle}{pain}{state}",
                    session.done_count()
                )
            }
        };
        ui.label(line);
    }
}

/// The first step of a new session, before any timer runs: the get-ready begins only once it
/// is answered or skipped (Space skips it).
fn pain_before_ui(ui: &mut egui::Ui, commands: &mut Vec<Command>) {
    crate::ui::banners::banner(ui, theme::INFO_FILL, |ui| {
        ui.label(
            egui::RichText::new("How is your back right now?")
                .heading()
                .strong(),
        );
        ui.label(
            "Before you start: 0 is no pain, 10 is the worst you can imagine. The timer starts \
             after your answer.",
        );
        if let Some(choice) = session_form::pain_scale_ui(ui, "Pain before", None) {
            commands.push(Command::PainBefore(Some(choice)));
        }
        if ui.button("Skip this question").clicked() {
            commands.push(Command::PainBefore(None));
        }
    });
}

/// The answer to the pain question, kept as a quiet line once the session runs.
fn pain_before_chip_ui(ui: &mut egui::Ui, app: &TodayInput<'_>) {
    if app.practice.before_start().is_some() {
        return;
    }
    if let Some(score) = app.current_session().and_then(|s| s.pain_before) {
        ui.label(egui::RichText::new(format!("Pain before: {score}")).weak());
    }
}

/// The calm line after a high pain-before rating, until the first exercise is done: a gentler
/// session or a rest day, and the warning signs to read (see [`crate::core::prompts`]).
/// "Gentler session today" comes first (unless the session is already `gentle`: then a line
/// says so); with `choose` (a timer waits for the choice), "Rest today" and "Start anyway"
/// follow it.
fn gentle_session_ui(
    ui: &mut egui::Ui,
    prompt: &crate::core::prompts::Prompt,
    (choose, gentle): (bool, bool),
    commands: &mut Vec<Command>,
) {
    crate::ui::banners::banner(ui, theme::CAUTION_FILL, |ui| {
        ui.label(egui::RichText::new(&prompt.title).strong());
        ui.label(&prompt.message);
        ui.horizontal_wrapped(|ui| {
            if gentle {
                crate::ui::gentle::day_note_ui(ui);
            } else {
                crate::ui::gentle::offer_button_ui(ui, true, commands);
            }
            if choose {
                if ui
                    .button("Rest today")
                    .on_hover_text("Nothing starts; today is logged as a rest day for a flare-up")
                    .clicked()
                {
                    commands.push(Command::RestToday);
                }
                if ui
                    .button("Start anyway")
                    .on_hover_text("Start gently; you can stop at any time")
                    .clicked()
                {
                    commands.push(Command::StartAnyway);
                }
            }
        });
        egui::CollapsingHeader::new("Warning signs: when to see a doctor")
            .id_salt(("gentle-signs", &prompt.key))
            .show(ui, |ui| {
                crate::ui::safety::warning_signs_ui(ui);
                ui.label(crate::ui::safety::EMERGENCY);
            });
        if ui
            .button("Open \u{201c}When to see a doctor\u{201d}")
            .on_hover_text("The About & safety page, with every warning sign")
            .clicked()
        {
            commands.push(Command::Navigate(crate::ui::command::Screen::About));
        }
    });
}

fn guided_ui(ui: &mut egui::Ui, app: &TodayInput<'_>, commands: &mut Vec<Command>) {
    let Some(routine) = &app.practice.guided else {
        return;
    };
    let Some(exercise) = routine
        .order
        .get(routine.position)
        .and_then(|id| app.routine.exercise(id))
    else {
        return;
    };
    let position = Some((routine.position + 1, routine.order.len()));
    focus_ui(ui, app, exercise, (position, true), commands);
}

/// A single exercise under way, in the guided layout (`with_notes`: the checklist, which holds
/// the notes, is out of view).
fn single_ui(
    ui: &mut egui::Ui,
    app: &TodayInput<'_>,
    exercise: &Exercise,
    with_notes: bool,
    commands: &mut Vec<Command>,
) {
    focus_ui(ui, app, exercise, (None, with_notes), commands);
}

/// The guided layout of `exercise` with its timer (the one running, or a preview), at
/// `position` in the routine, with the session's notes when `with_notes`.
fn focus_ui(
    ui: &mut egui::Ui,
    app: &TodayInput<'_>,
    exercise: &Exercise,
    (position, with_notes): (Option<(usize, usize)>, bool),
    commands: &mut Vec<Command>,
) {
    let preview;
    let timer = if let Some(active) = app
        .practice
        .timer
        .as_ref()
        .filter(|t| t.exercise_id == exercise.id)
    {
        &active.timer
    } else {
        preview = crate::core::timer::Timer::for_dose(&exercise.dose, app.practice.get_ready_secs);
        &preview
    };
    let pain_before = app
        .current_session()
        .filter(|_| app.practice.before_start().is_none())
        .and_then(|s| s.pain_before);
    let input = guided::GuidedInput {
        exercise,
        position,
        timer,
        card: app.card_input(ui, exercise),
        pain_before,
        notes: app
            .current_session()
            .filter(|_| with_notes)
            .map(|s| s.notes.as_str()),
        focus_notes: app.focus_notes,
        limits: app.routine.pain_model.one_line(),
        gentle: app.gentle_day(),
    };
    guided::guided_ui(ui, &input, commands);
}
