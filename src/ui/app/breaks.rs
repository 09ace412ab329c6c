//! Desk breaks in the app: asking the core's rule each frame (and sleeping until it may change),
//! the notification, the line on Today through the queue of offers, and the break itself, one set
//! of each exercise with its countdown (`core::break_run`), saved as a session of kind `Break`
//! through the journal.

use std::time::Duration;

use chrono::NaiveDateTime;

use super::{Change, LimberApp, parts::BreakRun};
use crate::core::break_run::BreakEvent;
use crate::core::desk_break::{self, SNOOZE_MINS};
use crate::core::practice::Effect;
use crate::core::session::Session;
use crate::core::timer::Timer;
use crate::ui::command::{BreakAction, Command};
use crate::ui::notify::START_BREAK;

/// The words of the break's line on Today, before its length.
pub const BREAK_LINE: &str = "Time for a short movement break";

impl LimberApp {
    /// The local time of this frame.
    fn local_now(&self) -> NaiveDateTime {
        self.now.utc.with_timezone(&self.now.offset).naive_local()
    }

    /// Whether a session (or a break) is open: no break is offered then.
    fn in_a_session(&self) -> bool {
        self.breaks.run.is_some()
            || self.practice.guided.is_some()
            || self.practice.timer.is_some()
            || self.current_session().is_some_and(|s| s.ended_at.is_none())
    }

    /// Asks the rule whether a break is due, notifies once per break, takes a notification's
    /// "Start break", and asks for the next frame only when the answer may change.
    pub(super) fn check_breaks(&mut self, ctx: &egui::Context) {
        self.tick_break();
        while let Ok(action) = self.breaks.actions.try_recv() {
            self.apply(Command::Break(action));
        }
        let settings = self.settings.breaks;
        if !settings.on || self.routine.break_exercises().is_empty() {
            self.breaks.due = false;
            return;
        }
        if std::mem::take(&mut self.breaks.ask_system) {
            self.breaks.quiet = crate::ui::quiet::QuietWatch::spawn(
                crate::ui::quiet::system_probe(),
                crate::ui::quiet::ASK_EVERY,
            );
        }
        let local = self.local_now();
        let decision = desk_break::decide(
            settings,
            self.breaks.memory,
            local,
            self.in_a_session(),
            self.breaks.quiet.now(),
        );
        self.breaks.due = decision.is_due() && self.read_only().is_none();
        if self.breaks.due
            && let Some(since) = decision.due_since
            && self.breaks.notified_for != Some(since)
        {
            self.breaks.notified_for = Some(since);
            let wake = ctx.clone();
            crate::ui::notify::notify_break_in_background(
                self.break_words(),
                self.breaks.action_sender.clone(),
                move || wake.request_repaint(),
            );
        }
        if let Some(at) = decision.next_check {
            let wait = (at - local).to_std().unwrap_or_default();
            ctx.request_repaint_after(wait.max(Duration::from_secs(1)));
        }
    }

    /// "about 2 min: shrug rotations and cork screws, one set each".
    fn break_words(&self) -> String {
        let names: Vec<String> = self
            .routine
            .break_exercises()
            .iter()
            .map(|e| e.name.to_lowercase())
            .collect();
        format!(
            "About {} min: {}, one set each.",
            self.routine.break_minutes(),
            join_names(&names)
        )
    }

    /// Applies what the person asked of a break.
    pub(super) fn break_action(&mut self, action: BreakAction) {
        let local = self.local_now();
        match action {
            BreakAction::Start => {
                let order: Vec<String> = self
                    .routine
                    .break_exercises()
                    .iter()
                    .map(|e| e.id.clone())
                    .collect();
                if order.is_empty() || self.in_a_session() || self.read_only().is_some() {
                    return;
                }
                self.breaks.done_line = None;
                self.breaks.due = false;
                self.breaks.memory.done_or_put_off(local);
                self.screen = crate::ui::command::Screen::Today;
                self.breaks.run = Some(BreakRun::new(self.now.utc, order));
            }
            BreakAction::Snooze => {
                self.breaks.memory.snooze(local);
                self.breaks.due = false;
            }
            BreakAction::NotNow => {
                self.breaks.memory.done_or_put_off(local);
                self.breaks.due = false;
            }
            BreakAction::Done => {
                let Some(run) = &mut self.breaks.run else {
                    return;
                };
                if run.next_exercise() {
                    self.save_break();
                }
            }
            BreakAction::TimerToggle => {
                let now = self.now.instant;
                let Some(run) = &mut self.breaks.run else {
                    return;
                };
                let mut events = run.toggle_timer(&self.routine, self.practice.get_ready_secs, now);
                events.extend(run.move_on(&self.routine, now));
                self.break_cues(&events);
            }
            BreakAction::Stop => self.save_break(),
            BreakAction::CloseDoneLine => self.breaks.done_line = None,
        }
    }

    /// Moves a running break's countdown on (each frame, from [`LimberApp::tick`]): the voice
    /// reads the set's end before the break moves on to the next exercise, and the cues play as
    /// the routine's timer plays them.
    fn tick_break(&mut self) {
        let now = self.now.instant;
        let Some(run) = &mut self.breaks.run else {
            return;
        };
        let mut events = run.update(now);
        self.announce();
        if let Some(run) = &mut self.breaks.run {
            events.extend(run.move_on(&self.routine, now));
        }
        self.break_cues(&events);
    }

    /// Plays the cues (and flashes) of what a break's countdown reported.
    fn break_cues(&mut self, events: &[BreakEvent]) {
        let effects = events
            .iter()
            .map(|event| match event {
                BreakEvent::StepStarted(phase) => Effect::StepStarted(*phase),
                BreakEvent::SetFinished => Effect::Finished,
            })
            .collect();
        self.carry_out(effects);
    }

    /// Saves the break run so far (the exercises before the one shown) as a session of kind
    /// `Break`, and says what it counts toward; nothing is saved when nothing was done.
    fn save_break(&mut self) {
        let Some(run) = self.breaks.run.take() else {
            return;
        };
        let done = run.done();
        let records: Vec<_> = desk_break::break_records(&self.routine)
            .into_iter()
            .filter(|r| done.iter().any(|id| **id == *r.exercise_id))
            .collect();
        let local = self.local_now();
        self.breaks.memory.done_or_put_off(local);
        if records.is_empty() {
            return;
        }
        let names: Vec<String> = records.iter().map(|r| r.name.to_lowercase()).collect();
        let session = Session::desk_break(
            run.started,
            self.now.utc,
            self.now.offset,
            self.routine.version,
            records,
        );
        if let Err(err) = self.change(Change::PutSession(session)) {
            self.notices.save_error = Some(err.to_string());
            return;
        }
        self.breaks.done_line = Some(format!(
            "Break done: counts toward today's {}.",
            join_names(&names)
        ));
    }

    /// The break's line on Today (when the queue offers it), the break being done, or the line
    /// saying what the last one counted toward.
    pub(super) fn break_ui(&self, ui: &mut egui::Ui, offered: bool, commands: &mut Vec<Command>) {
        if let Some(run) = &self.breaks.run {
            self.break_run_ui(ui, run, commands);
            return;
        }
        if offered {
            let title = format!("{BREAK_LINE} (about {} min)", self.routine.break_minutes());
            crate::ui::banners::offer_chip_ui(ui, &title, "", |ui| {
                if ui
                    .button(START_BREAK)
                    .on_hover_text(self.break_words())
                    .clicked()
                {
                    commands.push(Command::Break(BreakAction::Start));
                }
                if ui
                    .button(format!("Snooze {SNOOZE_MINS} min"))
                    .on_hover_text("Offers the break again in a few minutes.")
                    .clicked()
                {
                    commands.push(Command::Break(BreakAction::Snooze));
                }
                if ui
                    .button("Not now")
                    .on_hover_text("The next break comes one interval later.")
                    .clicked()
                {
                    commands.push(Command::Break(BreakAction::NotNow));
                }
            });
        } else if let Some(line) = &self.breaks.done_line {
            crate::ui::banners::offer_chip_ui(ui, line, "", |ui| {
                if ui.button("OK").clicked() {
                    commands.push(Command::Break(BreakAction::CloseDoneLine));
                }
            });
        }
    }

    /// One exercise of the break: its name, one set of its dose, its drawing, the countdown of
    /// that set (with Space on it), its steps, and the buttons.
    fn break_run_ui(&self, ui: &mut egui::Ui, run: &BreakRun, commands: &mut Vec<Command>) {
        let Some(exercise) = run.current().and_then(|id| self.routine.exercise(id)) else {
            return;
        };
        crate::ui::banners::banner(ui, super::theme::INFO_FILL, |ui| {
            ui.label(
                egui::RichText::new(format!(
                    "Desk break, {} of {}: {}",
                    run.at + 1,
                    run.order.len(),
                    exercise.name
                ))
                .strong(),
            );
            let set = crate::core::catalog::one_set(&exercise.dose);
            let secs = u32::try_from(set.total_secs()).unwrap_or(u32::MAX);
            ui.label(format!(
                "One set: {} (about {}). Move gently and stop if it hurts.",
                set.summary(),
                crate::core::catalog::format_secs(secs)
            ));
            ui.horizontal_top(|ui| {
                let width = (ui.available_width() * 0.22).clamp(110.0, 220.0);
                crate::ui::illustration::illustration_sized_ui(ui, exercise, width);
                // Wide enough for a set of up to 8 holds as dots (the frame draws them centred).
                let timer_width = (ui.available_width() * 0.42).clamp(310.0, 380.0);
                let preview;
                let timer = if let Some(timer) = &run.timer {
                    timer
                } else {
                    preview = Timer::for_dose(&set, self.practice.get_ready_secs);
                    &preview
                };
                ui.allocate_ui_with_layout(
                    egui::vec2(timer_width, ui.available_height()),
                    egui::Layout::top_down(egui::Align::Min),
                    |ui| self.break_timer_ui(ui, timer, commands),
                );
                // The steps, and under them the buttons: beside the countdown, so the break
                // leaves room for Today below it in a small window.
                ui.vertical(|ui| {
                    for (n, step) in exercise.steps.iter().enumerate() {
                        ui.label(format!("{}. {step}", n + 1));
                    }
                    ui.add_space(8.0);
                    ui.horizontal_wrapped(|ui| done_buttons_ui(ui, run.is_last(), commands));
                });
            });
        });
    }

    /// The break's countdown in the routine timer's large digits, with its one button: "Start
    /// timer", "Pause", "Resume" or "Start again" (Space does the same).
    fn break_timer_ui(&self, ui: &mut egui::Ui, timer: &Timer, commands: &mut Vec<Command>) {
        let input = crate::ui::timer_ui::TimerInput {
            now: self.now.instant,
            muted: self.cues.muted,
            flash: self.cues.flash,
            window_height: ui.ctx().content_rect().height(),
        };
        let sound = if self.cues.muted {
            "Space"
        } else {
            "Space. A sound plays when each hold ends."
        };
        crate::ui::timer_ui::framed_timer_ui(ui, &input, timer, |ui| {
            let scale = crate::ui::theme::text_scale(ui.style());
            let main = crate::ui::timer_ui::main_label(timer, self.now.instant);
            ui.vertical_centered(|ui| {
                if ui
                    .add(crate::ui::timer_ui::big_button(main, scale, 120.0))
                    .on_hover_text(sound)
                    .clicked()
                {
                    commands.push(Command::Break(BreakAction::TimerToggle));
                }
            });
        });
    }
}

/// "Done, next exercise" (or "Done, finish break" on the last) and "Stop break".
fn done_buttons_ui(ui: &mut egui::Ui, last: bool, commands: &mut Vec<Command>) {
    let done = if last {
        "Done, finish break"
    } else {
        "Done, next exercise"
    };
    if ui
        .add(crate::ui::theme::primary_button(ui, done))
        .on_hover_text("Also without the timer, when you counted on your own.")
        .clicked()
    {
        commands.push(Command::Break(BreakAction::Done));
    }
    if ui
        .button("Stop break")
        .on_hover_text("Saves what you did so far.")
        .clicked()
    {
        commands.push(Command::Break(BreakAction::Stop));
    }
}

/// "a", "a and b", "a, b and c".
fn join_names(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}
