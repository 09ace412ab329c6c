//! Easier and harder versions of an exercise, as the routine file lists them.
//!
//! An exercise may name one easier and one harder version (`easier:` and `harder:` in its
//! `Exercise(...)`): a short name, one line on what changes, its own steps or changes to some
//! of the exercise's steps, its own dose, and optionally its own drawing. Everything left out
//! is the exercise's. A version marked `ask_therapist_first` is one the person should only take
//! up once their therapist agrees. Which version a person does is not written here but in the
//! log, as a dated choice (see [`crate::versions`]), so a choice never re-plans older days.

use std::ops::Range;

use serde::{Deserialize, Serialize};

use super::{Dose, Exercise, ProblemKind, Routine, dose_fields, locate};

/// Embeds every drawing under its file name.
macro_rules! bundled {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_bytes!(concat!("../../../../assets/illustrations/", $name)) as &[u8])),*]
    };
}

/// The drawings Limber ships (`assets/illustrations/`), by file name, with their SVG text: the
/// app draws them, and a version may only name one of them.
pub const BUNDLED_DRAWINGS: &[(&str, &[u8])] = bundled![
    "foam-roll.svg",
    "recovery-ball.svg",
    "shrug-rotations.svg",
    "cork-screws.svg",
    "open-book.svg",
    "thread-the-needle.svg",
    "overhead-lat-stretch.svg",
    "iyt-poses.svg",
    "swimmers.svg",
    "crab-pose.svg",
    "wall-angel-slides.svg",
];

/// Whether Limber ships a drawing called `name`.
pub fn is_bundled_drawing(name: &str) -> bool {
    BUNDLED_DRAWINGS.iter().any(|(bundled, _)| *bundled == name)
}

/// Which version of an exercise: the one the routine describes, or one of its easier or
/// harder ones, counted in steps from the standard one. Written in files as `Standard`,
/// `Easier(1)`, `Harder(1)`, `Harder(2)` (the second harder version), …; kept in one byte, so
/// that an exercise record stays as small as it was.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(from = "WrittenVersion", into = "WrittenVersion")]
pub struct Version(i8);

/// A [`Version`] as files write it.
#[derive(Clone, Copy, Serialize, Deserialize)]
#[serde(rename = "Version")]
enum WrittenVersion {
    Standard,
    Easier(u8),
    Harder(u8),
}

impl From<WrittenVersion> for Version {
    fn from(written: WrittenVersion) -> Version {
        match written {
            WrittenVersion::Standard => Version::STANDARD,
            WrittenVersion::Easier(n) => Version::at_level(-i32::from(n)),
            WrittenVersion::Harder(n) => Version::at_level(i32::from(n)),
        }
    }
}

impl From<Version> for WrittenVersion {
    fn from(version: Version) -> WrittenVersion {
        let steps = version.0.unsigned_abs();
        match version.0.signum() {
            0 => WrittenVersion::Standard,
            -1 => WrittenVersion::Easier(steps),
            _ => WrittenVersion::Harder(steps),
        }
    }
}

impl Version {
    /// The exercise as the routine describes it.
    pub const STANDARD: Version = Version(0);
    /// The first easier version (`easier:`'s first).
    pub const EASIER: Version = Version(-1);
    /// The first harder version (`harder:`'s first).
    pub const HARDER: Version = Version(1);

    /// Steps from the standard version: negative for easier, positive for harder.
    pub fn level(self) -> i32 {
        i32::from(self.0)
    }

    /// The version `level` steps from the standard one (kept within a byte).
    pub fn at_level(level: i32) -> Version {
        let level = level.clamp(i32::from(i8::MIN) + 1, i32::from(i8::MAX));
        Version(i8::try_from(level).unwrap_or_default())
    }

    /// The word shown on the card, the CSV and the brief: "Standard", "Easier", "Harder", and
    /// "Harder 2" for a second harder version.
    pub fn label(self) -> String {
        let steps = self.0.unsigned_abs();
        let word = match self.0.signum() {
            0 => return "Standard".to_owned(),
            -1 => "Easier",
            _ => "Harder",
        };
        if steps == 1 {
            word.to_owned()
        } else {
            format!("{word} {steps}")
        }
    }

    /// Whether this is the standard version (then a record need not write it).
    pub fn is_standard(&self) -> bool {
        self.0 == 0
    }

    /// Every easier and harder version `exercise` lists, easiest first (not the standard one).
    pub fn levels(exercise: &Exercise) -> impl Iterator<Item = Version> {
        let easier = (1..=exercise.easier.len())
            .rev()
            .map(|n| -i32::try_from(n).unwrap_or(0));
        let harder = (1..=exercise.harder.len()).map(|n| i32::try_from(n).unwrap_or(0));
        easier.chain(harder).map(Version::at_level)
    }
}

/// One step of the exercise said differently in a version: `(step: 3, text: "...")`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StepChange {
    /// The step's number, counting from 1, as the card shows it.
    pub step: u32,
    /// What the step says in this version.
    pub text: String,
}

/// An easier or harder version of an exercise (see the module documentation).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Variant {
    /// A short name, e.g. "arms overhead".
    pub name: String,
    /// One line on what changes from the standard version.
    pub change: String,
    /// Its own steps, in place of the exercise's; leave out to keep them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub steps: Vec<String>,
    /// Steps of the exercise said differently (when `steps` is left out).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub step_changes: Vec<StepChange>,
    /// Its own dose; the exercise's when left out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dose: Option<Dose>,
    /// Its own drawing (one of [`BUNDLED_DRAWINGS`]); the exercise's when left out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub illustration: Option<String>,
    /// Only to be taken up once the therapist agrees: Limber never suggests it on the log's
    /// evidence alone, and the card says so.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub ask_therapist_first: bool,
}

impl Exercise {
    /// The exercise's easier or harder version, if the routine lists it (`None` for the
    /// standard version).
    pub fn variant(&self, version: Version) -> Option<&Variant> {
        let list = match version.level().signum() {
            0 => return None,
            -1 => &self.easier,
            _ => &self.harder,
        };
        let steps = usize::try_from(version.level().unsigned_abs()).ok()?;
        list.get(steps.checked_sub(1)?)
    }

    /// The dose of `version`: its own, or the exercise's when it has none (or is not listed).
    pub fn dose_of(&self, version: Version) -> Dose {
        self.variant(version)
            .and_then(|v| v.dose)
            .unwrap_or(self.dose)
    }

    /// Whether the routine lists this version (the standard one always is).
    pub fn has_version(&self, version: Version) -> bool {
        version.is_standard() || self.variant(version).is_some()
    }

    /// The next version one step easier (`by` -1) or harder (`by` 1) than `version`, if the
    /// routine lists it.
    pub fn next_version(&self, version: Version, by: i32) -> Option<Version> {
        let next = Version::at_level(version.level() + by);
        self.has_version(next).then_some(next)
    }

    /// The exercise as done in `version`: the version's steps, dose and drawing in place of
    /// the exercise's (the standard exercise when the routine does not list that version).
    #[must_use]
    pub fn as_version(&self, version: Version) -> Exercise {
        let mut exercise = self.clone();
        let Some(variant) = self.variant(version) else {
            return exercise;
        };
        if variant.steps.is_empty() {
            for change in &variant.step_changes {
                let index = usize::try_from(change.step).unwrap_or(usize::MAX);
                if let Some(step) = index.checked_sub(1).and_then(|i| exercise.steps.get_mut(i)) {
                    step.clone_from(&change.text);
                }
            }
        } else {
            exercise.steps.clone_from(&variant.steps);
        }
        if let Some(dose) = variant.dose {
            exercise.dose = dose;
        }
        if variant.illustration.is_some() {
            exercise.illustration.clone_from(&variant.illustration);
        }
        exercise
    }
}

impl Routine {
    /// The routine as done on one day: each exercise in the version `version_of` its id says
    /// (see [`Exercise::as_version`]). What the card, the guided layout and the timer show.
    #[must_use]
    pub fn in_versions(&self, version_of: impl Fn(&str) -> Version) -> Routine {
        Routine {
            exercises: self
                .exercises
                .iter()
                .map(|e| e.as_version(version_of(&e.id)))
                .collect(),
            ..self.clone()
        }
    }
}

/// Checks an exercise's versions, written inside `span` (the exercise's text): each dose field
/// in range, a drawing Limber ships, a name, and step changes that name one of its steps.
pub(super) fn check_variants(
    exercise: &Exercise,
    text: &str,
    span: Range<usize>,
    push: &mut impl FnMut(usize, ProblemKind),
) {
    let lists = [("easier", &exercise.easier), ("harder", &exercise.harder)];
    for (field, list) in lists {
        let spans = locate::list_items(text, span.clone(), field);
        for (index, variant) in list.iter().enumerate() {
            let at = spans.get(index).map_or(span.start, |item| item.start);
            check_variant(exercise, variant, text, at..span.end, push);
        }
    }
}

/// Checks one version, written from the start of `inner` (its opening bracket).
fn check_variant(
    exercise: &Exercise,
    variant: &Variant,
    text: &str,
    inner: Range<usize>,
    push: &mut impl FnMut(usize, ProblemKind),
) {
    let at = inner.start;
    let field_at = |name: &str| locate::field_value(text, inner.clone(), name).unwrap_or(at);
    if variant.name.trim().is_empty() {
        push(field_at("name"), ProblemKind::VersionWithoutName);
    }
    if let Some(drawing) = &variant.illustration
        && !is_bundled_drawing(drawing)
    {
        push(
            field_at("illustration"),
            ProblemKind::UnknownDrawing(drawing.clone()),
        );
    }
    let steps = u32::try_from(exercise.steps.len()).unwrap_or(u32::MAX);
    for change in &variant.step_changes {
        if change.step == 0 || change.step > steps {
            push(
                field_at("step_changes"),
                ProblemKind::NoSuchStep {
                    step: change.step,
                    steps,
                },
            );
        }
    }
    if let Some(dose) = &variant.dose {
        let dose_at = locate::inside_some(text, field_at("dose"));
        for (name, value, allowed) in dose_fields(dose) {
            if !allowed.contains(&value) {
                push(
                    locate::field_value(text, dose_at..inner.end, name).unwrap_or(dose_at),
                    ProblemKind::OutOfRange {
                        field: name,
                        value,
                        allowed,
                    },
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::{Category, parse_routine};

    #[test]
    fn a_version_replaces_only_what_it_writes() {
        let dose = Dose {
            sets: 1,
            reps: 5,
            hold_secs: 10,
            rest_secs: 0,
            per_side: false,
            times_per_day: 1,
        };
        let exercise = Exercise {
            steps: vec!["Sit.".into(), "Lift.".into(), "Lower.".into()],
            illustration: Some("crab-pose.svg".into()),
            harder: vec![Variant {
                name: "hips up".into(),
                change: "Lift the hips.".into(),
                steps: Vec::new(),
                step_changes: vec![StepChange {
                    step: 2,
                    text: "Lift, hips too.".into(),
                }],
                dose: Some(Dose { reps: 8, ..dose }),
                illustration: None,
                ask_therapist_first: false,
            }],
            ..Exercise::new("crab", "Crab", Category::Strengthening, dose)
        };
        let harder = exercise.as_version(Version::HARDER);
        assert_eq!(harder.steps, ["Sit.", "Lift, hips too.", "Lower."]);
        assert_eq!(harder.dose.reps, 8);
        assert_eq!(harder.illustration.as_deref(), Some("crab-pose.svg"));
        assert_eq!(exercise.as_version(Version::EASIER), exercise, "not listed");
        assert!(!exercise.has_version(Version::EASIER));
        assert!(exercise.has_version(Version::HARDER));
        assert_eq!(
            exercise.next_version(Version::STANDARD, 1),
            Some(Version::HARDER)
        );
        assert_eq!(exercise.next_version(Version::HARDER, 1), None);
        assert_eq!(
            exercise.next_version(Version::HARDER, -1),
            Some(Version::STANDARD)
        );
        assert_eq!(exercise.next_version(Version::STANDARD, -1), None);
        assert_eq!(Version::at_level(2).label(), "Harder 2");
        let written = ron::to_string(&Version::at_level(2)).unwrap();
        assert_eq!(written, "Harder(2)");
        assert_eq!(
            ron::from_str::<Version>("Easier(1)").unwrap(),
            Version::EASIER
        );
        assert_eq!(
            ron::from_str::<Version>("Standard").unwrap(),
            Version::STANDARD
        );
        assert_eq!(Version::at_level(-1), Version::EASIER);
    }

    #[test]
    fn the_built_in_versions_are_the_article_s() {
        let routine = Routine::built_in().unwrap();
        let iyt = routine.exercise("iyt-poses").unwrap();
        let weights = iyt.harder.last().unwrap();
        assert!(
            weights.ask_therapist_first,
            "weights only once the therapist agrees"
        );
        assert!(weights.change.contains("weight"));
        for id in ["crab-pose", "wall-angel-slides", "iyt-poses"] {
            let exercise = routine.exercise(id).unwrap();
            assert!(!exercise.harder.is_empty(), "{id}");
            assert!(!exercise.easier.is_empty(), "{id}");
            assert!(
                exercise.easier.iter().all(|v| !v.ask_therapist_first),
                "{id}"
            );
        }
        // Every built-in version keeps its exercise's drawing.
        for exercise in &routine.exercises {
            for variant in exercise.easier.iter().chain(&exercise.harder) {
                assert_eq!(variant.illustration, None, "{}", exercise.id);
            }
        }
    }

    #[test]
    fn a_routine_without_versions_reads_as_before_and_writes_none() {
        let text = "Routine(version: 1, exercises: [Exercise(id: \"a\", name: \"A\", \
                    category: Mobility, dose: Dose(sets: 1, reps: 1, hold_secs: 5))])";
        let routine = parse_routine(text, std::path::Path::new("old.ron")).unwrap();
        assert!(routine.exercises[0].easier.is_empty() && routine.exercises[0].harder.is_empty());
        let written = routine.to_ron().unwrap();
        assert!(!written.contains("easier") && !written.contains("harder"));
        assert_eq!(
            parse_routine(&written, std::path::Path::new("again.ron")).unwrap(),
            routine
        );
    }
}
