//! Optional timing report for `scripts/bench-gui.sh`: when the first frame was drawn, and how
//! long the app's own UI code takes per frame. Off unless `--report-timing` is given; it then
//! prints to standard error only.

use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// How many frames are summarised in each printed line.
const FRAMES_PER_REPORT: usize = 60;

/// Collects frame times and prints a summary every [`FRAMES_PER_REPORT`] frames.
#[derive(Debug, Default)]
pub struct TimingReport {
    first_frame_printed: bool,
    samples_ms: Vec<f64>,
    atlas: [usize; 2],
    frames: u64,
    frames_printed: u64,
    last_frame: Option<Instant>,
    content_printed: bool,
    /// The time `LimberApp::tick` took this frame, added to the drawing's.
    logic: Duration,
}

impl TimingReport {
    /// Adds the time of this frame's logic (`App::logic`, before drawing) to the frame's UI time.
    pub fn add_logic(&mut self, took: Duration) {
        self.logic += took;
    }

    /// Records one frame's UI time (the drawing's, plus the logic's given to
    /// [`TimingReport::add_logic`]); prints the wall-clock time of the first frame (milliseconds
    /// since the Unix epoch) so a script can subtract its own launch time. Also prints the font
    /// atlas size whenever it grows (every doubling costs memory here and on the GPU), and the
    /// number of frames drawn so far whenever it changes, so a script can divide CPU time by
    /// frames.
    pub fn record(&mut self, ui_time: Duration, ctx: &egui::Context) {
        #[expect(
            clippy::redundant_closure_for_method_calls,
            reason = "the method's lifetime is too specific to pass by name"
        )]
        let atlas = ctx.fonts(|fonts| fonts.font_image_size());
        let ui_time = ui_time + std::mem::take(&mut self.logic);
        self.frames += 1;
        if atlas != self.atlas {
            self.atlas = atlas;
            eprintln!("limber-timing font-atlas {}x{}", atlas[0], atlas[1]);
        }
        if !self.first_frame_printed {
            self.first_frame_printed = true;
            eprintln!("limber-timing first-frame-epoch-ms {}", epoch_ms());
            eprintln!(
                "limber-timing first-frame-ui-ms {:.1}",
                ui_time.as_secs_f64() * 1000.0
            );
            return;
        }
        // Every frame while frames are rare (a running timer), every 60th while they are not.
        let now = Instant::now();
        let rare = self
            .last_frame
            .is_none_or(|last| now.duration_since(last) > Duration::from_millis(200));
        self.last_frame = Some(now);
        if rare || self.frames - self.frames_printed >= 60 {
            self.frames_printed = self.frames;
            eprintln!("limber-timing frames-total {}", self.frames);
        }
        let ms = ui_time.as_secs_f64() * 1000.0;
        // Every frame on its own line too, so a script can take the frames of one stretch
        // (e.g. while a note is typed) by counting lines.
        eprintln!("limber-timing frame-ui-ms {ms:.3}");
        self.samples_ms.push(ms);
        if self.samples_ms.len() >= FRAMES_PER_REPORT {
            let (p50, p95) = percentiles(&mut self.samples_ms);
            eprintln!(
                "limber-timing ui-frame-ms frames {} p50 {p50:.3} p95 {p95:.3}",
                self.samples_ms.len()
            );
            self.samples_ms.clear();
        }
    }
}

impl TimingReport {
    /// Prints, once, the wall-clock time at which the first frame with the person's routine
    /// and log was drawn (the first frame may be the short "opening" one before it).
    pub fn content_shown(&mut self) {
        if !self.content_printed {
            self.content_printed = true;
            eprintln!("limber-timing content-frame-epoch-ms {}", epoch_ms());
        }
    }
}

fn epoch_ms() -> u128 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default()
        .as_millis()
}

/// Median and 95th percentile (nearest rank) of `samples`, which it sorts.
pub fn percentiles(samples: &mut [f64]) -> (f64, f64) {
    if samples.is_empty() {
        return (0.0, 0.0);
    }
    samples.sort_by(f64::total_cmp);
    let rank = |percent: usize| {
        let last = samples.len() - 1;
        let index = (percent * samples.len()).div_ceil(100);
        samples[index.saturating_sub(1).min(last)]
    };
    (rank(50), rank(95))
}

/// Times a closure.
pub fn measure(run: impl FnOnce()) -> Duration {
    let start = Instant::now();
    run();
    start.elapsed()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_use_nearest_rank() {
        let mut samples: Vec<f64> = (1..=100).map(f64::from).collect();
        assert_eq!(percentiles(&mut samples), (50.0, 95.0));
        assert_eq!(percentiles(&mut []), (0.0, 0.0));
    }
}
