//! The warning signs of the check-in, in one table: for each sign its words, where it comes
//! from and how soon it needs a doctor. The check-in, the prompts, About and the tests all read
//! this table, so a sign's level is written down once.
//!
//! The variant names are what a month file stores: they never change, even where a sign's
//! wording was narrowed (a file written by any Limber still loads, and an older Limber still
//! reads a newer file's signs).

use serde::{Deserialize, Serialize};

/// A warning sign from the check-in: the source article's ten, then four that general clinical
/// guidance for upper back (thoracic) pain adds (see [`RedFlag::source`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum RedFlag {
    /// A recent violent injury, such as a fall or a car accident.
    RecentViolentTrauma,
    /// A minor injury in someone with osteoporosis.
    MinorTraumaWithOsteoporosis,
    /// A history of cancer, drug abuse, HIV, a weakened immune system or long steroid use.
    RiskHistory,
    /// Fever or chills together with the back pain.
    FeverAndChills,
    /// Weight loss with no explanation.
    UnexplainedWeightLoss,
    /// A recent bacterial infection.
    RecentBacterialInfection,
    /// Numbness or pins and needles in the lower body that is getting worse.
    WorseningNumbness,
    /// Pain that never lets up, is severe and is getting worse.
    ConstantSevereWorseningPain,
    /// Pain with severe stiffness in the morning.
    SevereMorningStiffness,
    /// A change in the shape of the chest or rib cage.
    ChestShapeChange,
    /// New chest pain, or breathlessness at rest or with little effort (general clinical
    /// guidance; before the urgency levels it read "chest pain, or getting out of breath").
    ChestPainOrBreathlessness,
    /// New numbness or weakness in an arm or a leg (general clinical guidance).
    NewLimbWeaknessOrNumbness,
    /// New loss of bladder or bowel control, numbness between the legs, or weakness or
    /// unsteady walking that is getting worse fast (general clinical guidance; before the
    /// urgency levels it named the bladder and bowel only).
    BladderOrBowelTrouble,
    /// Night pain that does not ease when the person changes position (general clinical
    /// guidance; before the urgency levels it read "worse at night or at rest").
    WorseAtNightOrRest,
}

/// Where a warning sign comes from, so the app can say so beside it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FlagSource {
    /// The source article's list of red flags for upper back pain.
    Article,
    /// General clinical guidance for upper back (thoracic) pain, which the article lacks.
    ClinicalGuidance,
}

impl FlagSource {
    /// A heading for the signs from this source.
    pub fn heading(self) -> &'static str {
        match self {
            FlagSource::Article => "From the article Limber is based on",
            FlagSource::ClinicalGuidance => {
                "Added from general clinical guidance for upper back pain"
            }
        }
    }
}

/// How soon a warning sign needs a doctor, lowest first, so that `max` picks the most urgent.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Urgency {
    /// Book an appointment with a doctor.
    Soon,
    /// See a doctor today or tomorrow.
    Urgent,
    /// Call the emergency number now.
    Emergency,
}

impl Urgency {
    /// Every level, most urgent first (the order README and About list them in).
    pub const ALL: [Urgency; 3] = [Urgency::Emergency, Urgency::Urgent, Urgency::Soon];

    /// What to do, as a short headline.
    pub fn title(self) -> &'static str {
        match self {
            Urgency::Emergency => "Call your emergency number now",
            Urgency::Urgent => "See a doctor today or tomorrow",
            Urgency::Soon => "Book an appointment with your doctor",
        }
    }

    /// One or two calm sentences under the headline: what to do, without saying what is wrong.
    pub fn advice(self) -> &'static str {
        match self {
            Urgency::Emergency => {
                "For example 112, 911 or 999, whichever is the number where you are. Stop the \
                 exercises and do not start them again until a doctor has seen you."
            }
            Urgency::Urgent => {
                "Please see a doctor today or tomorrow, and rest from the exercises until then. \
                 If it gets worse quickly, call your local emergency number."
            }
            Urgency::Soon => {
                "Please book an appointment with your doctor and tell them about it. If \
                 something changes quickly, call your local emergency number."
            }
        }
    }

    /// A short tag for lists that name each sign's level.
    pub fn tag(self) -> &'static str {
        match self {
            Urgency::Emergency => "emergency",
            Urgency::Urgent => "today or tomorrow",
            Urgency::Soon => "book an appointment",
        }
    }
}

/// One row of the table.
struct Sign {
    flag: RedFlag,
    source: FlagSource,
    urgency: Urgency,
    label: &'static str,
    /// Something of the person's past, not a change: once their doctor knows, the weekly
    /// check-in stops asking (see [`RedFlag::is_history`]).
    history: bool,
}

/// Every sign, in the order the check-in and the doctor page list them (the article's first,
/// then those from clinical guidance), which is also the order of [`RedFlag`]'s variants.
const SIGNS: [Sign; 14] = [
    Sign {
        flag: RedFlag::RecentViolentTrauma,
        source: FlagSource::Article,
        urgency: Urgency::Soon,
        label: "A recent serious injury, such as a fall or a car accident",
        history: false,
    },
    Sign {
        flag: RedFlag::MinorTraumaWithOsteoporosis,
        source: FlagSource::Article,
        urgency: Urgency::Soon,
        label: "A small knock or fall when you have osteoporosis",
        history: false,
    },
    Sign {
        flag: RedFlag::RiskHistory,
        source: FlagSource::Article,
        urgency: Urgency::Soon,
        label: "A history of cancer, drug misuse, HIV, a weakened immune system, or long use of \
                steroid medicines",
        history: true,
    },
    Sign {
        flag: RedFlag::FeverAndChills,
        source: FlagSource::Article,
        urgency: Urgency::Urgent,
        label: "Fever or chills together with your back pain",
        history: false,
    },
    Sign {
        flag: RedFlag::UnexplainedWeightLoss,
        source: FlagSource::Article,
        urgency: Urgency::Soon,
        label: "Losing weight without trying",
        history: false,
    },
    Sign {
        flag: RedFlag::RecentBacterialInfection,
        source: FlagSource::Article,
        urgency: Urgency::Soon,
        label: "A bacterial infection in the last few weeks",
        history: false,
    },
    Sign {
        flag: RedFlag::WorseningNumbness,
        source: FlagSource::Article,
        urgency: Urgency::Soon,
        label: "Numbness or pins and needles in the lower body that is getting worse",
        history: false,
    },
    Sign {
        flag: RedFlag::ConstantSevereWorseningPain,
        source: FlagSource::Article,
        urgency: Urgency::Soon,
        label: "Pain that never lets up, is severe, and keeps getting worse",
        history: false,
    },
    Sign {
        flag: RedFlag::SevereMorningStiffness,
        source: FlagSource::Article,
        urgency: Urgency::Soon,
        label: "Pain together with severe stiffness in the morning",
        history: false,
    },
    Sign {
        flag: RedFlag::ChestShapeChange,
        source: FlagSource::Article,
        urgency: Urgency::Soon,
        label: "A change in the shape of your chest or rib cage",
        history: false,
    },
    Sign {
        flag: RedFlag::ChestPainOrBreathlessness,
        source: FlagSource::ClinicalGuidance,
        urgency: Urgency::Emergency,
        label: "New pain in your chest, or being short of breath at rest or after very little \
                effort",
        history: false,
    },
    Sign {
        flag: RedFlag::NewLimbWeaknessOrNumbness,
        source: FlagSource::ClinicalGuidance,
        urgency: Urgency::Urgent,
        label: "New numbness or weakness in an arm or a leg",
        history: false,
    },
    Sign {
        flag: RedFlag::BladderOrBowelTrouble,
        source: FlagSource::ClinicalGuidance,
        urgency: Urgency::Emergency,
        label: "New loss of control of your bladder or bowel, numbness between your legs, or \
                weakness or unsteady walking that is getting worse fast",
        history: false,
    },
    Sign {
        flag: RedFlag::WorseAtNightOrRest,
        source: FlagSource::ClinicalGuidance,
        urgency: Urgency::Soon,
        label: "Pain at night that does not ease when you change position",
        history: false,
    },
];

impl RedFlag {
    /// Every red flag, in the order the check-in and the doctor page list them: the article's
    /// first, then those from clinical guidance.
    pub const ALL: [RedFlag; 14] = {
        let mut all = [RedFlag::RecentViolentTrauma; 14];
        let mut index = 0;
        while index < SIGNS.len() {
            all[index] = SIGNS[index].flag;
            index += 1;
        }
        all
    };

    /// The sign's row: the table is in variant order (a test checks it).
    fn sign(self) -> &'static Sign {
        &SIGNS[self as usize]
    }

    /// The flags from one source, in list order.
    pub fn from_source(source: FlagSource) -> impl Iterator<Item = RedFlag> {
        RedFlag::ALL
            .into_iter()
            .filter(move |f| f.source() == source)
    }

    /// Where the flag comes from.
    pub fn source(self) -> FlagSource {
        self.sign().source
    }

    /// How soon the flag needs a doctor.
    pub fn urgency(self) -> Urgency {
        self.sign().urgency
    }

    /// Whether the flag is part of the person's history (a past illness or treatment) rather
    /// than something that starts or changes: "My doctor knows about this" answers it once,
    /// and the weekly check-in then no longer asks.
    pub fn is_history(self) -> bool {
        self.sign().history
    }

    /// Plain words for the flag.
    pub fn label(self) -> &'static str {
        self.sign().label
    }

    /// The most urgent level among `flags`, or `None` when none is ticked.
    pub fn highest_urgency<'a>(flags: impl IntoIterator<Item = &'a RedFlag>) -> Option<Urgency> {
        flags.into_iter().map(|f| f.urgency()).max()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_in_variant_order_and_names_every_sign_once() {
        for (index, sign) in SIGNS.iter().enumerate() {
            assert_eq!(sign.flag as usize, index, "{:?}", sign.flag);
            assert_eq!(sign.flag.sign().flag, sign.flag);
        }
        assert_eq!(RedFlag::ALL.len(), SIGNS.len());
    }

    #[test]
    fn each_level_holds_the_signs_the_issue_lists() {
        let at = |level: Urgency| -> Vec<RedFlag> {
            RedFlag::ALL
                .into_iter()
                .filter(|f| f.urgency() == level)
                .collect()
        };
        assert_eq!(
            at(Urgency::Emergency),
            vec![
                RedFlag::ChestPainOrBreathlessness,
                RedFlag::BladderOrBowelTrouble
            ]
        );
        assert_eq!(
            at(Urgency::Urgent),
            vec![RedFlag::FeverAndChills, RedFlag::NewLimbWeaknessOrNumbness]
        );
        assert_eq!(
            at(Urgency::Soon),
            vec![
                RedFlag::RecentViolentTrauma,
                RedFlag::MinorTraumaWithOsteoporosis,
                RedFlag::RiskHistory,
                RedFlag::UnexplainedWeightLoss,
                RedFlag::RecentBacterialInfection,
                RedFlag::WorseningNumbness,
                RedFlag::ConstantSevereWorseningPain,
                RedFlag::SevereMorningStiffness,
                RedFlag::ChestShapeChange,
                RedFlag::WorseAtNightOrRest,
            ]
        );
    }

    #[test]
    fn only_the_past_history_is_a_history_item() {
        let history: Vec<RedFlag> = RedFlag::ALL
            .into_iter()
            .filter(|f| f.is_history())
            .collect();
        assert_eq!(history, vec![RedFlag::RiskHistory]);
    }

    #[test]
    fn the_narrowed_signs_say_what_the_level_needs() {
        let chest = RedFlag::ChestPainOrBreathlessness.label();
        assert!(chest.starts_with("New pain in your chest"), "{chest}");
        assert!(
            chest.contains("at rest or after very little effort"),
            "{chest}"
        );
        let nerves = RedFlag::BladderOrBowelTrouble.label();
        for part in ["bladder or bowel", "between your legs", "unsteady walking"] {
            assert!(nerves.contains(part), "{nerves}");
        }
        let night = RedFlag::WorseAtNightOrRest.label();
        assert!(
            night.contains("does not ease when you change position"),
            "{night}"
        );
        assert!(RedFlag::FeverAndChills.label().contains("back pain"));
    }

    #[test]
    fn the_emergency_wording_names_example_numbers() {
        let advice = Urgency::Emergency.advice();
        for number in ["112", "911", "999"] {
            assert!(advice.contains(number), "{advice}");
        }
        assert_eq!(Urgency::Emergency.title(), "Call your emergency number now");
        assert_eq!(Urgency::Urgent.title(), "See a doctor today or tomorrow");
        assert_eq!(
            Urgency::Soon.title(),
            "Book an appointment with your doctor"
        );
    }

    #[test]
    fn the_highest_level_ticked_wins() {
        assert_eq!(RedFlag::highest_urgency(&[]), None);
        assert_eq!(
            RedFlag::highest_urgency(&[RedFlag::RiskHistory]),
            Some(Urgency::Soon)
        );
        assert_eq!(
            RedFlag::highest_urgency(&[RedFlag::RiskHistory, RedFlag::FeverAndChills]),
            Some(Urgency::Urgent)
        );
        assert_eq!(
            RedFlag::highest_urgency(&[
                RedFlag::FeverAndChills,
                RedFlag::BladderOrBowelTrouble,
                RedFlag::RiskHistory
            ]),
            Some(Urgency::Emergency)
        );
    }
}
