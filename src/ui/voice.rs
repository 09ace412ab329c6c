//! Spoken cues through the platform's speech service (speech-dispatcher on Linux, the system
//! voices on Windows and macOS), via the `tts` crate.
//!
//! The speech service is opened on a background thread that owns it, like the audio device in
//! [`crate::ui::sound`]: opening it can take a moment (speech-dispatcher may be started on
//! demand) and speaking must never hold up a frame, so the UI thread only sends text down a
//! channel. Where no speech service answers, [`Voice::status`] says so with the reason, the
//! Settings screen shows it, and the timer plays tones instead.

use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::time::{Duration, Instant};

/// Whether a speech service answered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum VoiceStatus {
    /// Still connecting (a moment after start-up).
    Opening,
    /// Words are spoken.
    Ready,
    /// No speech service answered; what the system said.
    Unavailable(String),
}

const OPENING: u8 = 0;
const READY: u8 = 1;
const UNAVAILABLE: u8 = 2;

/// How long the speech service may take to answer before the voice counts as unavailable: a
/// service that hangs (seen with a speech-dispatcher stuck after heavy use) must not leave
/// Settings saying "Looking for the system's speech service…" for ever.
const OPEN_TIMEOUT: Duration = Duration::from_secs(8);

/// Words older than this when the service is free are dropped rather than said late.
const STALE_AFTER: Duration = Duration::from_millis(1500);

/// Words waiting to be spoken.
struct Utterance {
    text: String,
    volume: f32,
    sent_at: Instant,
}

/// Speaks short phrases on the system's speech service, or does nothing where there is none.
#[derive(Debug)]
pub struct Voice {
    /// To the speech thread; `None` once the voice is known to be unavailable.
    sender: Option<mpsc::Sender<Utterance>>,
    /// One of `OPENING`, `READY`, `UNAVAILABLE`, written by the speech thread.
    status: Arc<AtomicU8>,
    /// Why the service is unavailable, written by the speech thread before `UNAVAILABLE`.
    reason: Arc<Mutex<String>>,
    /// When the connection was started, for [`OPEN_TIMEOUT`].
    opened_at: Instant,
}

impl Voice {
    /// Starts connecting to the speech service on a background thread and returns at once.
    pub fn new() -> Voice {
        let status = Arc::new(AtomicU8::new(OPENING));
        let reason = Arc::new(Mutex::new(String::new()));
        let (sender, receiver) = mpsc::channel();
        let (thread_status, thread_reason) = (Arc::clone(&status), Arc::clone(&reason));
        let spawned = std::thread::Builder::new()
            .name("limber-voice".to_owned())
            .spawn(move || speech_thread(&receiver, &thread_status, &thread_reason));
        match spawned {
            Ok(_) => Voice {
                sender: Some(sender),
                status,
                reason,
                opened_at: Instant::now(),
            },
            Err(err) => Voice::unavailable(format!("the speech thread could not start ({err})")),
        }
    }

    /// A `Voice` that never speaks: for tests, and where the thread could not start.
    pub fn unavailable(reason: impl Into<String>) -> Voice {
        Voice {
            sender: None,
            status: Arc::new(AtomicU8::new(UNAVAILABLE)),
            reason: Arc::new(Mutex::new(reason.into())),
            opened_at: Instant::now(),
        }
    }

    /// Whether the service is still opening, ready, or unavailable (and why).
    pub fn status(&self) -> VoiceStatus {
        self.give_up_when_silent();
        match self.status.load(Ordering::Acquire) {
            OPENING => VoiceStatus::Opening,
            READY => VoiceStatus::Ready,
            _ => VoiceStatus::Unavailable(
                self.reason
                    .lock()
                    .map(|reason| reason.clone())
                    .unwrap_or_default(),
            ),
        }
    }

    /// Counts the voice as unavailable once the service has not answered for [`OPEN_TIMEOUT`]
    /// (the speech thread then never marks it ready: see [`speech_thread`]).
    fn give_up_when_silent(&self) {
        if self.opened_at.elapsed() < OPEN_TIMEOUT || self.status.load(Ordering::Acquire) != OPENING
        {
            return;
        }
        if let Ok(mut slot) = self.reason.lock() {
            if self.status.load(Ordering::Acquire) != OPENING {
                return;
            }
            *slot = format!(
                "the speech service did not answer within {} seconds",
                OPEN_TIMEOUT.as_secs()
            );
            self.status.store(UNAVAILABLE, Ordering::Release);
        }
    }

    /// Whether words are heard: a speech service answered.
    pub fn available(&self) -> bool {
        self.status.load(Ordering::Acquire) == READY
    }

    /// Says `text` at `volume` (0 silent, 1 full; clamped, NaN silent), cutting off whatever
    /// is still being said so the voice keeps up with the timer. Returns at once.
    pub fn say(&mut self, text: impl Into<String>, volume: f32) {
        self.give_up_when_silent();
        if self.status.load(Ordering::Acquire) == UNAVAILABLE {
            self.sender = None;
            return;
        }
        let volume = if volume.is_nan() {
            0.0
        } else {
            volume.clamp(0.0, 1.0)
        };
        let text = text.into();
        if volume <= 0.0 || text.trim().is_empty() {
            return;
        }
        let utterance = Utterance {
            text,
            volume,
            sent_at: Instant::now(),
        };
        if let Some(sender) = &self.sender
            && sender.send(utterance).is_err()
        {
            self.sender = None;
        }
    }
}

impl Default for Voice {
    fn default() -> Self {
        Voice::new()
    }
}

/// The line the Settings screen shows about the voice, or `None` when it works.
pub fn settings_note(status: &VoiceStatus) -> Option<String> {
    match status {
        VoiceStatus::Ready => None,
        VoiceStatus::Opening => Some("Looking for the system's speech service…".to_owned()),
        VoiceStatus::Unavailable(reason) => Some(format!(
            "The voice is off: no speech service answered ({reason}), so the timer plays tones. \
             On Linux, install speech-dispatcher and a voice such as espeak-ng, then restart \
             Limber."
        )),
    }
}

/// Owns the speech service connection (not `Send` on every platform) and speaks each
/// utterance until the `Voice` is dropped.
fn speech_thread(receiver: &mpsc::Receiver<Utterance>, status: &AtomicU8, reason: &Mutex<String>) {
    let mut tts = match tts::Tts::default() {
        Ok(tts) => tts,
        Err(err) => {
            if let Ok(mut slot) = reason.lock()
                && status.load(Ordering::Acquire) == OPENING
            {
                *slot = err.to_string();
                status.store(UNAVAILABLE, Ordering::Release);
            }
            return;
        }
    };
    // Ready only if the voice has not given up waiting meanwhile (see `OPEN_TIMEOUT`).
    if status
        .compare_exchange(OPENING, READY, Ordering::AcqRel, Ordering::Acquire)
        .is_err()
    {
        return;
    }
    let can_set_volume = tts.supported_features().volume;
    let mut volume_set = None;
    while let Ok(utterance) = receiver.recv() {
        if utterance.sent_at.elapsed() > STALE_AFTER {
            continue;
        }
        if can_set_volume && volume_set != Some(utterance.volume.to_bits()) {
            let level = tts.min_volume() + (tts.max_volume() - tts.min_volume()) * utterance.volume;
            // A volume the service refuses leaves its own; the words are still worth saying.
            if let Err(err) = tts.set_volume(level) {
                log::warn!("the speech service refused a volume of {level}: {err}");
            }
            volume_set = Some(utterance.volume.to_bits());
        }
        // A failed utterance is skipped: the tones (when on) still mark the phase.
        if let Err(err) = tts.speak(utterance.text, true) {
            log::warn!("the speech service could not say a cue: {err}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unavailable_voice_says_nothing_and_explains_why() {
        let mut voice = Voice::unavailable("no service");
        assert!(!voice.available());
        voice.say("Hold", 1.0);
        voice.say("Hold", f32::NAN);
        assert!(voice.sender.is_none());
        let note = settings_note(&voice.status()).expect("a note");
        assert!(
            note.contains("no speech service answered (no service)"),
            "{note}"
        );
        assert!(note.contains("tones"), "{note}");
        assert_eq!(settings_note(&VoiceStatus::Ready), None);
    }

    #[test]
    fn a_service_that_never_answers_makes_the_voice_unavailable_after_the_timeout() {
        let (sender, _receiver) = mpsc::channel();
        let mut voice = Voice {
            sender: Some(sender),
            status: Arc::new(AtomicU8::new(OPENING)),
            reason: Arc::new(Mutex::new(String::new())),
            opened_at: Instant::now(),
        };
        assert_eq!(voice.status(), VoiceStatus::Opening);
        voice.opened_at = Instant::now()
            .checked_sub(OPEN_TIMEOUT + Duration::from_millis(10))
            .expect("the clock runs longer than the timeout");
        let VoiceStatus::Unavailable(reason) = voice.status() else {
            panic!("still opening after the timeout");
        };
        assert!(reason.contains("did not answer"), "{reason}");
        voice.say("Hold", 1.0);
        assert!(voice.sender.is_none());
        assert!(!voice.available());
    }

    #[test]
    fn the_voice_on_this_machine_settles_and_say_never_blocks() {
        let mut voice = Voice::new();
        let started = Instant::now();
        while voice.status() == VoiceStatus::Opening && started.elapsed() < Duration::from_secs(20)
        {
            std::thread::sleep(Duration::from_millis(10));
        }
        let status = voice.status();
        assert_ne!(
            status,
            VoiceStatus::Opening,
            "the speech service never answered"
        );
        let before = Instant::now();
        for _ in 0..50 {
            voice.say("Hold, left side", 0.5);
        }
        assert!(
            before.elapsed() < Duration::from_millis(50),
            "say took {:?}",
            before.elapsed()
        );
        assert_eq!(voice.available(), status == VoiceStatus::Ready);
        if let VoiceStatus::Unavailable(reason) = status {
            assert!(voice.sender.is_none());
            assert!(!reason.is_empty());
        }
    }
}
