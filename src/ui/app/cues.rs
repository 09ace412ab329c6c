//! What the app does each frame besides drawing: the text size and theme, the spoken and
//! played cues, the daily reminder and when to draw the next frame.

use super::{Cue, Duration, LimberApp, theme};

impl LimberApp {
    /// Applies the text size and theme when they changed.
    pub(super) fn apply_style(&mut self, ctx: &egui::Context) {
        match &self.frame.missing_scripts {
            None => self.frame.missing_scripts = Some(crate::ui::fonts::install(ctx)),
            Some(missing) => {
                if let Some(notice) = missing.take_notice() {
                    self.notices.store_notices.push(notice);
                }
            }
        }
        let key = (self.settings.text_scale.to_bits(), self.settings.theme);
        if self.frame.applied_style == Some(key) {
            return;
        }
        self.frame.applied_style = Some(key);
        theme::apply(ctx, self.settings.text_scale);
        ctx.set_theme(theme::preference(self.settings.theme));
    }

    /// Says what changed on the timer since the last frame (see [`crate::core::voice`]),
    /// when the voice is on and a speech service answered. Never waits for the speech.
    /// A desk break's timer is read the same way (no routine timer runs during a break).
    pub(super) fn announce(&mut self) {
        use crate::core::voice::{Progress, announcements};
        let source = match (&self.practice.timer, &self.breaks.run) {
            (Some(active), _) => Some((active.exercise_id.as_str(), &active.timer)),
            (None, Some(run)) => run.current().zip(run.timer.as_ref()),
            (None, None) => None,
        };
        let Some((exercise_id, timer)) = source else {
            self.cues.voice_progress = None;
            return;
        };
        let after = Progress::of(timer, self.now.instant);
        let before = match &self.cues.voice_progress {
            Some((id, progress)) if id == exercise_id => *progress,
            _ => Progress::NotStarted,
        };
        let name = self
            .routine
            .exercise(exercise_id)
            .map(|e| e.name.clone())
            .unwrap_or_default();
        let said = announcements(timer.plan(), &name, before, after);
        self.cues.voice_progress = Some((exercise_id.to_owned(), after));
        let voice_on = self
            .cues
            .voice
            .as_ref()
            .is_some_and(|v| self.settings.cue_style.voice(v.available()));
        if said.is_empty() || self.cues.muted || !voice_on {
            return;
        }
        let words: Vec<String> = said
            .iter()
            .map(crate::core::voice::Announcement::words)
            .collect();
        let volume = self.settings.volume;
        if let Some(voice) = &mut self.cues.voice {
            voice.say(words.join(". "), volume);
        }
    }

    pub(super) fn play(&mut self, cue: Cue) {
        let voice_available = self
            .cues
            .voice
            .as_ref()
            .is_some_and(crate::ui::voice::Voice::available);
        if self.cues.muted || !self.settings.cue_style.tones(voice_available) {
            return;
        }
        let volume = self.settings.volume;
        if let Some(sound) = &mut self.cues.sound {
            sound.play(cue, volume);
        }
    }

    /// Shows the daily reminder as a desktop notification when it is due (also while the
    /// window is hidden); falls back to a banner in the app when notifications fail.
    pub(super) fn check_reminder(&mut self, ctx: &egui::Context) {
        if self.settings.reminder.is_none() && self.reminder.sending.is_none() {
            return;
        }
        let today = self.now.local_date();
        let local = self.now.utc.with_timezone(&self.now.offset).naive_local();
        let (done, total) =
            crate::core::practice::done_of(self.journal.log(), &self.routine, today);
        if crate::core::reminder::reminder_due(
            self.settings.reminder,
            local,
            done >= total,
            self.reminder.shown_on,
        ) {
            self.reminder.shown_on = Some(today);
            self.reminder.sending = Some(crate::ui::notify::notify_in_background(
                crate::ui::notify::REMINDER_TITLE,
                crate::ui::notify::REMINDER_BODY,
            ));
        }
        if let Some(receiver) = &self.reminder.sending
            && let Ok(result) = receiver.try_recv()
        {
            self.reminder.banner = result.is_err();
            self.reminder.sending = None;
        }
        if let Some(at) = crate::core::reminder::next_reminder_at(
            self.settings.reminder,
            local,
            done >= total,
            self.reminder.shown_on,
        ) {
            let wait = (at - local).to_std().unwrap_or_default();
            ctx.request_repaint_after(wait.max(Duration::from_secs(1)));
        }
        if self.reminder.sending.is_some() {
            ctx.request_repaint_after(Duration::from_millis(500));
        }
    }

    /// Asks for a repaint exactly when what is shown next changes: the next second of a running
    /// timer (the routine's or a desk break's), or the end of a flash. With nothing running, nothing is scheduled. A flash lasts
    /// one second from a step's start, so while a timer runs it ends on a frame that is drawn
    /// anyway for the next second, and costs no extra frame.
    pub(super) fn schedule_repaint(&self, ctx: &egui::Context) {
        if let Some(active) = &self.practice.timer
            && let Some(wait) = active.timer.next_change_in(self.now.instant)
        {
            ctx.request_repaint_after(wait);
        }
        if let Some(timer) = self.breaks.run.as_ref().and_then(|run| run.timer.as_ref())
            && let Some(wait) = timer.next_change_in(self.now.instant)
        {
            ctx.request_repaint_after(wait);
        }
        if let Some((at, _)) = self.cues.flash {
            let left = theme::FLASH.saturating_sub(self.now.instant.saturating_duration_since(at));
            if !left.is_zero() {
                ctx.request_repaint_after(left);
            }
        }
    }
}
