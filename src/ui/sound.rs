//! Audible cues for the hold timer, so that someone lying on a foam roller knows when to hold
//! and when to rest without looking at the screen.
//!
//! Tones are generated with rodio's sine generator; there are no audio files. The output
//! device is opened on a background thread that owns it, so neither opening the device nor
//! playing a cue ever blocks the UI thread. A machine without any audio device is normal
//! (servers, CI, some desktops): the app then simply stays silent and [`Sound::available`]
//! says so.

use std::num::NonZero;
use std::sync::Arc;
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use rodio::source::{Function, SignalGenerator};

/// Which moment of the timer a cue marks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Cue {
    /// A new exercise or set is starting: a short beep.
    StepStarted,
    /// Start holding: a higher tone.
    Hold,
    /// Start resting: a lower tone.
    Rest,
    /// The exercise is finished: a rising two-tone chime.
    Finished,
}

impl Cue {
    /// Every cue, for settings previews and tests.
    pub const ALL: [Cue; 4] = [Cue::StepStarted, Cue::Hold, Cue::Rest, Cue::Finished];

    /// The tones and pauses the cue is made of, in order.
    fn segments(self) -> &'static [Segment] {
        match self {
            Cue::StepStarted => &[Segment::Tone {
                frequency_hz: 660.0,
                length_ms: 120,
            }],
            Cue::Hold => &[Segment::Tone {
                frequency_hz: 880.0,
                length_ms: 180,
            }],
            Cue::Rest => &[Segment::Tone {
                frequency_hz: 440.0,
                length_ms: 220,
            }],
            Cue::Finished => &[
                Segment::Tone {
                    frequency_hz: 660.0,
                    length_ms: 160,
                },
                Segment::Silence { length_ms: 50 },
                Segment::Tone {
                    frequency_hz: 990.0,
                    length_ms: 320,
                },
            ],
        }
    }

    /// How long the cue sounds, in milliseconds.
    pub fn length_ms(self) -> u32 {
        self.segments().iter().map(Segment::length_ms).sum()
    }
}

/// One piece of a cue.
#[derive(Clone, Copy, Debug)]
enum Segment {
    /// A sine tone with a soft start and end (no clicks).
    Tone { frequency_hz: f32, length_ms: u32 },
    /// Quiet.
    Silence { length_ms: u32 },
}

impl Segment {
    fn length_ms(&self) -> u32 {
        match *self {
            Segment::Tone { length_ms, .. } | Segment::Silence { length_ms } => length_ms,
        }
    }
}

/// Loudest sample of a cue at full volume; leaves headroom so cues never clip when mixed.
pub const CUE_PEAK: f32 = 0.5;

/// Highest sample rate `cue_samples` accepts, in Hz; higher rates are treated as this one.
pub const MAX_SAMPLE_RATE_HZ: u32 = 384_000;

/// Time a tone takes to fade in, in milliseconds.
const ATTACK_MS: u32 = 8;

/// Time a tone takes to fade out, in milliseconds.
const RELEASE_MS: u32 = 40;

/// A cue older than this when the device finally opens is dropped instead of played late.
const STALE_AFTER: Duration = Duration::from_millis(500);

/// The mono samples of a cue at full volume, at `sample_rate` Hz (clamped to
/// [`MAX_SAMPLE_RATE_HZ`]); empty when `sample_rate` is 0. Pure, so the tones are tested
/// without an audio device.
pub fn cue_samples(cue: Cue, sample_rate: u32) -> Vec<f32> {
    let Some(rate) = NonZero::new(sample_rate.min(MAX_SAMPLE_RATE_HZ)) else {
        return Vec::new();
    };
    let count = |ms: u32| samples_in(rate.get(), ms);
    let mut samples = Vec::with_capacity(count(cue.length_ms()));
    for segment in cue.segments() {
        match *segment {
            Segment::Silence { length_ms } => {
                samples.extend(std::iter::repeat_n(0.0, count(length_ms)));
            }
            Segment::Tone {
                frequency_hz,
                length_ms,
            } => {
                let length = count(length_ms);
                let attack = count(ATTACK_MS).max(1);
                let release = count(RELEASE_MS).max(1);
                let sine = SignalGenerator::new(rate, frequency_hz, Function::Sine);
                samples.extend(sine.take(length).enumerate().map(|(i, value)| {
                    let fade_in = fraction(i, attack);
                    let fade_out = fraction(length - i, release);
                    value * CUE_PEAK * fade_in.min(fade_out).min(1.0)
                }));
            }
        }
    }
    samples
}

/// How many samples `ms` milliseconds take at `rate` Hz.
fn samples_in(rate: u32, ms: u32) -> usize {
    usize::try_from(u64::from(rate) * u64::from(ms) / 1000).unwrap_or(0)
}

/// `part / whole` as a float, for envelopes.
#[expect(
    clippy::cast_precision_loss,
    reason = "sample counts of a cue are far below 2^24, so f32 holds them exactly"
)]
fn fraction(part: usize, whole: usize) -> f32 {
    part as f32 / whole as f32
}

/// Whether the audio device could be opened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SoundStatus {
    /// The device is still being opened (a moment after start-up).
    Opening,
    /// Cues are heard.
    Ready,
    /// There is no usable audio device, or sound was created silent; cues are skipped.
    Unavailable,
}

const OPENING: u8 = 0;
const READY: u8 = 1;
const UNAVAILABLE: u8 = 2;

/// A cue waiting to be played by the audio thread.
struct Request {
    cue: Cue,
    volume: f32,
    sent_at: Instant,
}

/// Plays cues on the default audio output, or silently does nothing when there is none.
#[derive(Debug)]
pub struct Sound {
    /// To the audio thread; `None` once sound is known to be unavailable.
    sender: Option<mpsc::Sender<Request>>,
    /// One of `OPENING`, `READY`, `UNAVAILABLE`, written by the audio thread.
    status: Arc<AtomicU8>,
}

impl Default for Sound {
    fn default() -> Self {
        Sound::new()
    }
}

impl Sound {
    /// Starts opening the default audio output on a background thread and returns at once.
    /// Cues played before the device is open are played when it opens (if still fresh).
    pub fn new() -> Sound {
        let status = Arc::new(AtomicU8::new(OPENING));
        let (sender, receiver) = mpsc::channel();
        let thread_status = Arc::clone(&status);
        let spawned = std::thread::Builder::new()
            .name("limber-sound".to_owned())
            .spawn(move || audio_thread(&receiver, &thread_status));
        match spawned {
            Ok(_) => Sound {
                sender: Some(sender),
                status,
            },
            Err(_) => Sound::silent(),
        }
    }

    /// A `Sound` that never opens a device and never plays: for tests, and for when the user
    /// switched sound off.
    pub fn silent() -> Sound {
        Sound {
            sender: None,
            status: Arc::new(AtomicU8::new(UNAVAILABLE)),
        }
    }

    /// Whether the device is still opening, ready, or unavailable.
    pub fn status(&self) -> SoundStatus {
        match self.status.load(Ordering::Acquire) {
            OPENING => SoundStatus::Opening,
            READY => SoundStatus::Ready,
            _ => SoundStatus::Unavailable,
        }
    }

    /// Whether cues are heard: the device is open.
    pub fn available(&self) -> bool {
        self.status() == SoundStatus::Ready
    }

    /// Plays `cue` at `volume` (0 silent, 1 full; other values are clamped, NaN is silent).
    /// Returns immediately: the tone is made and played on the audio thread. Does nothing
    /// when sound is unavailable.
    pub fn play(&mut self, cue: Cue, volume: f32) {
        if self.status() == SoundStatus::Unavailable {
            // The audio thread has ended (or never started): let go of it.
            self.sender = None;
            return;
        }
        let volume = if volume.is_nan() {
            0.0
        } else {
            volume.clamp(0.0, 1.0)
        };
        if volume <= 0.0 {
            return;
        }
        let request = Request {
            cue,
            volume,
            sent_at: Instant::now(),
        };
        if let Some(sender) = &self.sender
            && sender.send(request).is_err()
        {
            self.sender = None;
        }
    }
}

/// Owns the output device (which some platforms cannot move between threads) and plays each
/// requested cue until the `Sound` is dropped.
fn audio_thread(receiver: &mpsc::Receiver<Request>, status: &AtomicU8) {
    let Ok(mut sink) = rodio::DeviceSinkBuilder::open_default_sink() else {
        status.store(UNAVAILABLE, Ordering::Release);
        return;
    };
    sink.log_on_drop(false);
    status.store(READY, Ordering::Release);
    let rate = sink.config().sample_rate();
    while let Ok(request) = receiver.recv() {
        if request.sent_at.elapsed() > STALE_AFTER {
            continue;
        }
        let samples: Vec<f32> = cue_samples(request.cue, rate.get())
            .into_iter()
            .map(|sample| sample * request.volume)
            .collect();
        sink.mixer().add(rodio::buffer::SamplesBuffer::new(
            NonZero::<u16>::MIN,
            rate,
            samples,
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Frequency estimated from upward zero crossings over the non-silent part of `samples`.
    #[expect(clippy::cast_precision_loss, reason = "small test counts")]
    fn frequency_hz(samples: &[f32], sample_rate: u32) -> f32 {
        let crossings = samples
            .windows(2)
            .filter(|w| w[0] < 0.0 && w[1] >= 0.0)
            .count();
        crossings as f32 * sample_rate as f32 / samples.len() as f32
    }

    #[test]
    fn cue_lengths_follow_their_durations() {
        assert_eq!(cue_samples(Cue::StepStarted, 48_000).len(), 5_760);
        assert_eq!(cue_samples(Cue::Hold, 48_000).len(), 8_640);
        assert_eq!(cue_samples(Cue::Rest, 44_100).len(), 9_702);
        assert_eq!(Cue::Finished.length_ms(), 530);
        assert_eq!(cue_samples(Cue::Finished, 48_000).len(), 25_440);
        assert!(cue_samples(Cue::Hold, 0).is_empty());
    }

    #[test]
    fn cues_fade_in_and_out_and_stay_below_the_peak() {
        for cue in Cue::ALL {
            let samples = cue_samples(cue, 48_000);
            let first = samples.first().copied().unwrap_or(f32::NAN);
            let last = samples.last().copied().unwrap_or(f32::NAN);
            assert!(first.abs() < 1e-3, "{cue:?} starts at {first}");
            assert!(last.abs() < 0.02, "{cue:?} ends at {last}");
            let peak = samples.iter().fold(0.0_f32, |m, s| m.max(s.abs()));
            assert!(peak <= CUE_PEAK + 1e-4, "{cue:?} peaks at {peak}");
            assert!(peak > CUE_PEAK * 0.95, "{cue:?} only reaches {peak}");
        }
    }

    #[test]
    fn hold_is_higher_and_rest_is_lower_than_the_step_beep() {
        let rate = 48_000;
        let step = frequency_hz(&cue_samples(Cue::StepStarted, rate), rate);
        let hold = frequency_hz(&cue_samples(Cue::Hold, rate), rate);
        let rest = frequency_hz(&cue_samples(Cue::Rest, rate), rate);
        assert!((step - 660.0).abs() < 20.0, "step beep at {step} Hz");
        assert!((hold - 880.0).abs() < 20.0, "hold at {hold} Hz");
        assert!((rest - 440.0).abs() < 20.0, "rest at {rest} Hz");
    }

    #[test]
    fn finished_is_two_rising_tones_with_a_pause() {
        let rate = 48_000;
        let samples = cue_samples(Cue::Finished, rate);
        let first_end = samples_in(rate, 160);
        let gap_end = first_end + samples_in(rate, 50);
        assert!(samples[first_end..gap_end].iter().all(|s| *s == 0.0));
        let low = frequency_hz(&samples[..first_end], rate);
        let high = frequency_hz(&samples[gap_end..], rate);
        assert!((low - 660.0).abs() < 20.0, "first tone at {low} Hz");
        assert!((high - 990.0).abs() < 20.0, "second tone at {high} Hz");
    }

    #[test]
    fn silent_sound_plays_nothing_and_does_not_panic() {
        let mut sound = Sound::silent();
        assert!(!sound.available());
        assert_eq!(sound.status(), SoundStatus::Unavailable);
        for cue in Cue::ALL {
            sound.play(cue, 1.0);
            sound.play(cue, f32::NAN);
            sound.play(cue, -3.0);
        }
        assert!(sound.sender.is_none());
    }

    #[test]
    fn sound_on_this_machine_settles_and_play_never_panics() {
        let mut sound = Sound::new();
        let started = Instant::now();
        while sound.status() == SoundStatus::Opening && started.elapsed() < Duration::from_secs(20)
        {
            std::thread::sleep(Duration::from_millis(10));
        }
        let status = sound.status();
        assert_ne!(
            status,
            SoundStatus::Opening,
            "the device never finished opening"
        );
        for cue in Cue::ALL {
            sound.play(cue, 0.0);
            sound.play(cue, 0.5);
        }
        assert_eq!(sound.available(), status == SoundStatus::Ready);
        if status == SoundStatus::Unavailable {
            // Without a device the audio thread has ended and `play` let go of it.
            assert!(sound.sender.is_none());
        }
    }
}
