//! The Patient Global Impression of Change on its two scales: the one-sided scale Limber asked
//! first (1 no change or worse … 7 a great deal better, Hurst and Bolton 2004), kept for the
//! answers already given on it, and the two-sided 7-point scale of the NINDS Common Data
//! Elements (1 very much improved … 4 no change … 7 very much worse), which new answers use.
//! An answer is never mapped from one scale onto the other, nor compared across them.

use serde::{Deserialize, Serialize};

/// The threshold of the brief's PGIC flag, named with its kind: any "worse" answer.
pub const PGIC_WORSE_FLAG: &str = "PGIC: any answer of 5\u{2013}7, two-sided scale";

/// The 7 points of the one-sided PGIC, from no change (or worse) to a great deal better: the
/// scale of the answers given before the two-sided scale (schema 8); new answers use
/// [`PgicChange`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum PgicAnswer {
    /// 1: no change, or worse.
    NoChangeOrWorse,
    /// 2: about the same, hardly any change.
    AboutTheSame,
    /// 3: a little better, no change that shows.
    ALittleBetter,
    /// 4: somewhat better, but no real difference yet.
    SomewhatBetter,
    /// 5: moderately better, a small change that shows.
    ModeratelyBetter,
    /// 6: better, a clear change that makes a real difference.
    Better,
    /// 7: a great deal better, a change that makes all the difference.
    AGreatDealBetter,
}

impl PgicAnswer {
    /// The seven answers, from 1 to 7.
    pub const ALL: [PgicAnswer; 7] = [
        PgicAnswer::NoChangeOrWorse,
        PgicAnswer::AboutTheSame,
        PgicAnswer::ALittleBetter,
        PgicAnswer::SomewhatBetter,
        PgicAnswer::ModeratelyBetter,
        PgicAnswer::Better,
        PgicAnswer::AGreatDealBetter,
    ];

    /// The point on the published scale, 1 to 7.
    pub fn value(self) -> u8 {
        match self {
            PgicAnswer::NoChangeOrWorse => 1,
            PgicAnswer::AboutTheSame => 2,
            PgicAnswer::ALittleBetter => 3,
            PgicAnswer::SomewhatBetter => 4,
            PgicAnswer::ModeratelyBetter => 5,
            PgicAnswer::Better => 6,
            PgicAnswer::AGreatDealBetter => 7,
        }
    }

    /// The answer in the words Limber asked it with.
    pub fn label(self) -> &'static str {
        match self {
            PgicAnswer::NoChangeOrWorse => "No change, or it is worse",
            PgicAnswer::AboutTheSame => "About the same, hardly any change",
            PgicAnswer::ALittleBetter => "A little better, but nothing I notice",
            PgicAnswer::SomewhatBetter => "Somewhat better, but no real difference yet",
            PgicAnswer::ModeratelyBetter => "Moderately better: a small change I notice",
            PgicAnswer::Better => "Better: a clear change that makes a real difference",
            PgicAnswer::AGreatDealBetter => "A great deal better: it makes all the difference",
        }
    }
}

/// The 7 points of the two-sided PGIC (NINDS Common Data Elements, public domain), in its
/// published words: 1 very much improved … 4 no change … 7 very much worse.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum PgicChange {
    /// 1.
    VeryMuchImproved,
    /// 2.
    MuchImproved,
    /// 3.
    MinimallyImproved,
    /// 4.
    NoChange,
    /// 5.
    MinimallyWorse,
    /// 6.
    MuchWorse,
    /// 7.
    VeryMuchWorse,
}

impl PgicChange {
    /// The seven answers, from 1 to 7.
    pub const ALL: [PgicChange; 7] = [
        PgicChange::VeryMuchImproved,
        PgicChange::MuchImproved,
        PgicChange::MinimallyImproved,
        PgicChange::NoChange,
        PgicChange::MinimallyWorse,
        PgicChange::MuchWorse,
        PgicChange::VeryMuchWorse,
    ];

    /// The point on the published scale, 1 to 7.
    pub fn value(self) -> u8 {
        match self {
            PgicChange::VeryMuchImproved => 1,
            PgicChange::MuchImproved => 2,
            PgicChange::MinimallyImproved => 3,
            PgicChange::NoChange => 4,
            PgicChange::MinimallyWorse => 5,
            PgicChange::MuchWorse => 6,
            PgicChange::VeryMuchWorse => 7,
        }
    }

    /// The answer word for word as the NINDS form prints it.
    pub fn label(self) -> &'static str {
        match self {
            PgicChange::VeryMuchImproved => "Very Much Improved",
            PgicChange::MuchImproved => "Much Improved",
            PgicChange::MinimallyImproved => "Minimally Improved",
            PgicChange::NoChange => "No Change",
            PgicChange::MinimallyWorse => "Minimally Worse",
            PgicChange::MuchWorse => "Much Worse",
            PgicChange::VeryMuchWorse => "Very Much Worse",
        }
    }

    /// Whether the answer says "worse" (5 to 7).
    pub fn is_worse(self) -> bool {
        self > PgicChange::NoChange
    }
}

/// Which PGIC scale an answer was given on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PgicScale {
    /// 1 no change or worse … 7 a great deal better (answers given before schema 8).
    OneSided,
    /// 1 very much improved … 4 no change … 7 very much worse (NINDS).
    TwoSided,
}

impl PgicScale {
    /// A short, stable name, for the brief, codes and ids ("one-sided", "two-sided").
    pub fn key(self) -> &'static str {
        match self {
            PgicScale::OneSided => "one-sided",
            PgicScale::TwoSided => "two-sided",
        }
    }
}

/// A PGIC answer on either scale, read the same way by the brief, the prompts and the exports;
/// its point means something only on its own scale.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PgicReading {
    /// The scale it was given on.
    pub scale: PgicScale,
    /// The point chosen, 1 to 7, on that scale.
    pub value: u8,
    /// The answer in the words it was asked with.
    pub label: &'static str,
    /// Whether it says "worse": only the two-sided scale can say so on its own.
    pub worse: bool,
    /// Whether it says "no change" or "worse" (the one-sided scale's 1, the two-sided's 4 to 7).
    pub no_change_or_worse: bool,
}

impl From<PgicAnswer> for PgicReading {
    fn from(answer: PgicAnswer) -> Self {
        PgicReading {
            scale: PgicScale::OneSided,
            value: answer.value(),
            label: answer.label(),
            worse: false,
            no_change_or_worse: answer == PgicAnswer::NoChangeOrWorse,
        }
    }
}

impl From<PgicChange> for PgicReading {
    fn from(answer: PgicChange) -> Self {
        PgicReading {
            scale: PgicScale::TwoSided,
            value: answer.value(),
            label: answer.label(),
            worse: answer.is_worse(),
            no_change_or_worse: answer >= PgicChange::NoChange,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_two_sided_scale_runs_from_improved_through_no_change_to_worse() {
        let points: Vec<u8> = PgicChange::ALL.iter().map(|a| a.value()).collect();
        assert_eq!(points, (1..=7).collect::<Vec<_>>());
        let worse: Vec<bool> = PgicChange::ALL.iter().map(|a| a.is_worse()).collect();
        assert_eq!(worse, [false, false, false, false, true, true, true]);
        let flat = PgicReading::from(PgicChange::NoChange);
        assert!(flat.no_change_or_worse && !flat.worse);
        assert!(!PgicReading::from(PgicChange::MinimallyImproved).no_change_or_worse);
        assert_eq!(PgicChange::MinimallyWorse.label(), "Minimally Worse");
    }

    #[test]
    fn a_one_sided_answer_stays_on_its_scale_and_never_reads_as_worse() {
        let reading = PgicReading::from(PgicAnswer::NoChangeOrWorse);
        assert_eq!(reading.scale, PgicScale::OneSided);
        assert_eq!(
            (reading.value, reading.label),
            (1, "No change, or it is worse")
        );
        assert!(reading.no_change_or_worse && !reading.worse);
        assert!(!PgicReading::from(PgicAnswer::AboutTheSame).no_change_or_worse);
        assert_eq!(PgicScale::OneSided.key(), "one-sided");
    }
}
