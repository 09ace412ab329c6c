//! The person's preferences: their name for reports, how the app looks and sounds, the daily
//! reminder and start-at-login.
//!
//! Settings live in their own RON file in the config folder ([`Paths::settings_file`]), never in
//! the session log, so that resetting one never touches the other.
//!
//! What happens with a settings file that cannot be read (bad RON, or no permission):
//! [`load`] returns the error (with line:column for a syntax mistake) and the app runs with
//! [`Settings::default`], showing the error once. The file is left exactly as it is. Only when
//! the person changes a setting does [`save`] write a new file, and before it does, it renames
//! the unreadable one to `settings.unreadable-N.ron` beside it, so nothing typed by hand is lost.
//!
//! [`Paths::settings_file`]: crate::paths::Paths::settings_file

use std::path::{Path, PathBuf};

use chrono::NaiveTime;
use serde::{Deserialize, Serialize};

use crate::atomic::write_atomically;
use crate::set_aside::set_aside;

/// The smallest text scale (the normal size).
pub const MIN_TEXT_SCALE: f32 = 1.0;
/// The largest text scale: twice the normal size, readable from the floor.
pub const MAX_TEXT_SCALE: f32 = 2.0;
/// The step of the text-size slider, large enough that each step is clearly visible.
pub const TEXT_SCALE_STEP: f32 = 0.25;
/// The longest get-ready count before the first hold, in seconds.
pub const MAX_GET_READY_SECS: u32 = 10;

/// Light or dark colours.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Theme {
    /// Dark text on a light background.
    Light,
    /// Light text on a dark background.
    Dark,
    /// Whatever the operating system uses.
    #[default]
    System,
}

impl Theme {
    /// Every theme, in the order the settings screen lists them.
    pub const ALL: [Theme; 3] = [Theme::Light, Theme::Dark, Theme::System];

    /// The words on the settings screen.
    pub fn label(self) -> &'static str {
        match self {
            Theme::Light => "Light",
            Theme::Dark => "Dark",
            Theme::System => "Follow the system",
        }
    }
}

/// How the timer marks its phase changes: tones, a spoken voice, or both.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum CueStyle {
    /// Short tones only.
    Tones,
    /// Spoken words only ("Hold, left side", "Rest", "three, two, one", "Done").
    Voice,
    /// A tone and the words. Where no speech service answers, only the tone is heard.
    #[default]
    Both,
}

impl CueStyle {
    /// Every style, in the order the settings screen lists them.
    pub const ALL: [CueStyle; 3] = [CueStyle::Tones, CueStyle::Voice, CueStyle::Both];

    /// The words on the settings screen.
    pub fn label(self) -> &'static str {
        match self {
            CueStyle::Tones => "Tones",
            CueStyle::Voice => "Voice",
            CueStyle::Both => "Tones and voice",
        }
    }

    /// Whether tones play, given whether a voice can be heard (without one, tones always play
    /// so that the timer is never silent by mistake).
    pub fn tones(self, voice_available: bool) -> bool {
        self != CueStyle::Voice || !voice_available
    }

    /// Whether words are spoken, given whether a voice can be heard.
    pub fn voice(self, voice_available: bool) -> bool {
        self != CueStyle::Tones && voice_available
    }
}

/// The paper size of the PDF report.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum PageSize {
    /// 210 × 297 mm, used in most of the world.
    #[default]
    A4,
    /// 8.5 × 11 inches, used in North America.
    Letter,
}

impl PageSize {
    /// Every page size, in the order the settings screen lists them.
    pub const ALL: [PageSize; 2] = [PageSize::A4, PageSize::Letter];

    /// The words on the settings screen.
    pub fn label(self) -> &'static str {
        match self {
            PageSize::A4 => "A4",
            PageSize::Letter => "US Letter",
        }
    }

    /// The short name, for the Export screen's row of choices.
    pub fn short_label(self) -> &'static str {
        match self {
            PageSize::A4 => "A4",
            PageSize::Letter => "Letter",
        }
    }

    /// Width and height in PDF points (1/72 inch).
    pub fn size_pt(self) -> (f32, f32) {
        match self {
            PageSize::A4 => (595.28, 841.89),
            PageSize::Letter => (612.0, 792.0),
        }
    }
}

/// Everything the person can set. Every field has a default, so a file written by an older
/// version (with fewer fields) still loads.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// The person's name, printed on reports; empty to leave it off.
    pub name: String,
    /// Light, dark or the system's choice.
    pub theme: Theme,
    /// How much larger than normal text is drawn, from 1.0 to 2.0.
    pub text_scale: f32,
    /// Whether the timer plays its cues.
    pub sound_on: bool,
    /// Loudness of the cues, from 0.0 (silent) to 1.0 (full).
    pub volume: f32,
    /// Tones, voice or both (the voice only where a speech service answers).
    pub cue_style: CueStyle,
    /// Seconds to get into position before the first hold, from 0 to 10.
    pub get_ready_secs: u32,
    /// The paper size of the PDF report.
    pub page_size: PageSize,
    /// The local time of the daily reminder, if the person wants one.
    pub reminder: Option<NaiveTime>,
    /// Whether Limber starts, minimised, when the person logs in.
    pub autostart: bool,
    /// How often Today offers the outcome measures (PSFS, PEG, PGIC).
    pub measure_schedule: crate::measures::MeasureSchedule,
    /// The last day a "Not now" on the measures puts them off to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub measures_not_now_until: Option<chrono::NaiveDate>,
    /// Desk breaks: off by default; when on, how often and within which working hours (see
    /// [`crate::desk_break`]). A file without them loads with breaks off.
    pub breaks: crate::desk_break::BreakSettings,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            name: String::new(),
            theme: Theme::System,
            text_scale: 1.25,
            sound_on: true,
            volume: 0.7,
            cue_style: CueStyle::Both,
            get_ready_secs: 3,
            page_size: PageSize::A4,
            reminder: None,
            autostart: false,
            measure_schedule: crate::measures::MeasureSchedule::EveryTwoWeeks,
            measures_not_now_until: None,
            breaks: crate::desk_break::BreakSettings::default(),
        }
    }
}

impl Settings {
    /// The same settings with every number brought inside its allowed range (a hand-edited file
    /// may hold anything; a value that is not a number falls back to its default).
    #[must_use]
    pub fn sanitized(mut self) -> Settings {
        let defaults = Settings::default();
        self.text_scale = if self.text_scale.is_finite() {
            self.text_scale.clamp(MIN_TEXT_SCALE, MAX_TEXT_SCALE)
        } else {
            defaults.text_scale
        };
        self.volume = if self.volume.is_finite() {
            self.volume.clamp(0.0, 1.0)
        } else {
            defaults.volume
        };
        self.get_ready_secs = self.get_ready_secs.min(MAX_GET_READY_SECS);
        self.breaks = self.breaks.sanitized();
        self
    }
}

/// Why the settings could not be read or saved.
#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    /// The file exists but could not be opened.
    #[error(
        "Could not open the settings file ({source}). Limber is using its default settings and has not changed the file; check that you may read it. ({})",
        path.display()
    )]
    Read {
        /// The settings file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// The file is not valid settings RON.
    #[error(
        "The settings file has a mistake at line {line}, column {column}: {message}. Limber is using its default settings and has not changed the file; correct it, or change any setting to start a new file (the old one is kept beside it). ({}:{line}:{column})",
        path.display()
    )]
    Invalid {
        /// The settings file.
        path: PathBuf,
        /// 1-based line of the mistake.
        line: usize,
        /// 1-based column of the mistake.
        column: usize,
        /// What is wrong there.
        message: String,
    },
    /// The new settings could not be written; the old file is unchanged.
    #[error(
        "Could not save your settings ({source}). Your earlier settings file is unchanged; check that the folder exists and that you may write to it. ({})",
        path.display()
    )]
    Write {
        /// The settings file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// The settings could not be turned into text (a defect, reported rather than panicking).
    #[error("Could not prepare your settings for saving ({0}). Please report this problem.")]
    Serialize(#[from] ron::Error),
}

/// Reads the settings. A missing file gives the defaults (the first start); an unreadable one
/// gives an error and is left untouched.
pub fn load(path: &Path) -> Result<Settings, SettingsError> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(Settings::default()),
        Err(source) => {
            return Err(SettingsError::Read {
                path: path.to_owned(),
                source,
            });
        }
    };
    parse(&text, path)
}

/// Parses settings text; `path` only names the source in errors.
pub fn parse(text: &str, path: &Path) -> Result<Settings, SettingsError> {
    ron::Options::default()
        .from_str::<Settings>(text)
        .map(Settings::sanitized)
        .map_err(|err| SettingsError::Invalid {
            path: path.to_owned(),
            line: err.span.start.line,
            column: err.span.start.col,
            message: err.code.to_string(),
        })
}

/// The settings as the text of a settings file.
pub fn to_ron(settings: &Settings) -> Result<String, SettingsError> {
    // "\n" on every platform (ron writes "\r\n" on Windows), like the comment line above it.
    let config = ron::ser::PrettyConfig::new()
        .new_line("\n")
        .struct_names(true);
    let mut text = String::from("// Limber settings. Change them in the app (Settings).\n");
    text.push_str(&ron::ser::to_string_pretty(settings, config)?);
    text.push('\n');
    Ok(text)
}

/// Saves the settings atomically, creating the config folder when needed. When the file there
/// could not be read, it is first renamed to `settings.unreadable-N.ron` and that path is
/// returned, so the person can be told where their old file went.
pub fn save(path: &Path, settings: &Settings) -> Result<Option<PathBuf>, SettingsError> {
    let text = to_ron(settings)?;
    let write_error = |source| SettingsError::Write {
        path: path.to_owned(),
        source,
    };
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(write_error)?;
    }
    let kept = if path.exists() && load(path).is_err() {
        Some(set_aside(path).map_err(write_error)?)
    } else {
        None
    };
    write_atomically(path, text.as_bytes()).map_err(write_error)?;
    Ok(kept)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn changed() -> Settings {
        Settings {
            name: "Sam Rivera".to_owned(),
            theme: Theme::Dark,
            text_scale: 2.0,
            sound_on: false,
            volume: 0.25,
            cue_style: CueStyle::Voice,
            get_ready_secs: 7,
            page_size: PageSize::Letter,
            reminder: NaiveTime::from_hms_opt(18, 30, 0),
            autostart: true,
            measure_schedule: crate::measures::MeasureSchedule::Weekly,
            measures_not_now_until: chrono::NaiveDate::from_ymd_opt(2026, 3, 3),
            breaks: crate::desk_break::BreakSettings {
                on: true,
                every_mins: 60,
                from: NaiveTime::from_hms_opt(8, 30, 0).unwrap(),
                until: NaiveTime::from_hms_opt(16, 0, 0).unwrap(),
                weekdays_only: true,
            },
        }
    }

    #[test]
    fn settings_survive_a_restart() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config").join("settings.ron");
        assert_eq!(load(&path).unwrap(), Settings::default());
        assert_eq!(save(&path, &changed()).unwrap(), None);
        assert_eq!(load(&path).unwrap(), changed());
    }

    #[test]
    fn a_file_with_fewer_fields_fills_in_defaults() {
        let settings = parse("(name: \"Ana\")", Path::new("s.ron")).unwrap();
        assert_eq!(settings.name, "Ana");
        assert_eq!(settings.get_ready_secs, 3);
        assert_eq!(settings.theme, Theme::System);
        assert_eq!(settings.breaks, crate::desk_break::BreakSettings::default());
        assert!(!settings.breaks.on, "breaks stay off in an older file");
        let partial = parse("(breaks: (on: true))", Path::new("s.ron")).unwrap();
        assert!(partial.breaks.on);
        assert_eq!(
            partial.breaks.every_mins,
            crate::desk_break::DEFAULT_EVERY_MINS
        );
    }

    #[test]
    fn out_of_range_numbers_are_brought_back_in_range() {
        let settings = parse(
            "Settings(text_scale: 9.0, volume: -1.0, get_ready_secs: 99, breaks: (every_mins: 500))",
            Path::new("s.ron"),
        )
        .unwrap();
        assert!((settings.text_scale - MAX_TEXT_SCALE).abs() < f32::EPSILON);
        assert!(settings.volume.abs() < f32::EPSILON);
        assert_eq!(settings.get_ready_secs, MAX_GET_READY_SECS);
        assert_eq!(
            settings.breaks.every_mins,
            crate::desk_break::MAX_EVERY_MINS
        );
    }

    #[test]
    fn a_bad_file_is_reported_with_its_place_and_left_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.ron");
        let broken = "Settings(\n    name: \"Ana\",\n    theme: Purple,\n)\n";
        std::fs::write(&path, broken).unwrap();
        let err = load(&path).unwrap_err();
        match &err {
            SettingsError::Invalid { line, column, .. } => {
                assert_eq!((*line, *column), (3, 12));
            }
            other => panic!("expected Invalid, got {other:?}"),
        }
        assert!(err.to_string().contains("settings.ron:3:12"));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), broken);
    }

    #[test]
    fn saving_over_a_bad_file_keeps_it_beside_the_new_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.ron");
        std::fs::write(&path, "Settings(theme: Purple)").unwrap();
        let kept = save(&path, &changed()).unwrap().unwrap();
        assert_eq!(kept, dir.path().join("settings.unreadable-1.ron"));
        assert_eq!(
            std::fs::read_to_string(&kept).unwrap(),
            "Settings(theme: Purple)"
        );
        assert_eq!(load(&path).unwrap(), changed());
    }

    #[test]
    fn without_a_voice_tones_always_play() {
        for style in CueStyle::ALL {
            assert!(style.tones(false), "{style:?} without a voice");
            assert!(!style.voice(false), "{style:?} without a voice");
        }
        assert!(CueStyle::Tones.tones(true) && !CueStyle::Tones.voice(true));
        assert!(!CueStyle::Voice.tones(true) && CueStyle::Voice.voice(true));
        assert!(CueStyle::Both.tones(true) && CueStyle::Both.voice(true));
        let old = parse("Settings(sound_on: true)", Path::new("settings.ron")).unwrap();
        assert_eq!(old.cue_style, CueStyle::Both);
        let voice = parse("Settings(cue_style: Voice)", Path::new("settings.ron")).unwrap();
        assert_eq!(voice.cue_style, CueStyle::Voice);
    }

    #[test]
    fn letter_is_wider_and_shorter_than_a4() {
        let (a4_w, a4_h) = PageSize::A4.size_pt();
        let (letter_w, letter_h) = PageSize::Letter.size_pt();
        assert!(letter_w > a4_w && letter_h < a4_h);
    }
}
