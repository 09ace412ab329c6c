//! The order in which the brief's blocks give way when a period holds more than one page takes:
//! safety first. The warning signs and the messages Limber showed are never left out (their own
//! lists are cut to fit, saying how many were left out); after them come the pain summary and
//! the pain limits, then the rest. When the blocks need more room than the page leaves, the
//! lowest block is left out first, then the next lowest, until the rest fit.

/// One block of the brief, in the order it is kept ([`KEEP_ORDER`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BriefBlock {
    /// The warning signs ticked in the period ("Warning signs ticked: …"), near the top.
    WarningSigns,
    /// The messages Limber showed, with their dates and what became of them.
    Prompts,
    /// The outcome measures' table, pain first.
    PainSummary,
    /// The pain limits the routine sets, in one line.
    PainLimits,
    /// How many check-ins of each measure, and the latest PGIC answer.
    CheckIns,
    /// Where it hurt.
    Areas,
    /// The person's questions.
    Questions,
}

/// The blocks from the one kept longest to the one left out first.
pub const KEEP_ORDER: [BriefBlock; 7] = [
    BriefBlock::WarningSigns,
    BriefBlock::Prompts,
    BriefBlock::PainSummary,
    BriefBlock::PainLimits,
    BriefBlock::CheckIns,
    BriefBlock::Areas,
    BriefBlock::Questions,
];

impl BriefBlock {
    /// Whether the block is about safety: never left out.
    pub fn is_safety(self) -> bool {
        matches!(self, BriefBlock::WarningSigns | BriefBlock::Prompts)
    }

    /// Its place in [`KEEP_ORDER`] (0 is kept longest).
    pub fn rank(self) -> usize {
        KEEP_ORDER
            .iter()
            .position(|b| *b == self)
            .unwrap_or(KEEP_ORDER.len())
    }

    /// The block's name in the line that says what was left out.
    pub fn label(self) -> &'static str {
        match self {
            BriefBlock::WarningSigns => "warning signs",
            BriefBlock::Prompts => "messages shown",
            BriefBlock::PainSummary => "outcome measures",
            BriefBlock::PainLimits => "pain limits",
            BriefBlock::CheckIns => "check-ins",
            BriefBlock::Areas => "where it hurt",
            BriefBlock::Questions => "questions",
        }
    }
}

/// The blocks to leave out so that the others fit in `room`: from `heights` (each block's
/// height, in any order), the lowest-ranked non-safety block first, then the next, until the
/// rest fit or only safety blocks are left. A block left out that fits in the room then left
/// over comes back, the highest-ranked first (leaving out a tall block may free the room for a
/// line below it). Returned in the order they were left out.
pub fn left_out(heights: &[(BriefBlock, f32)], room: f32) -> Vec<BriefBlock> {
    let mut kept: Vec<(BriefBlock, f32)> = heights.to_vec();
    kept.sort_by_key(|(block, _)| block.rank());
    let mut dropped = Vec::new();
    while kept.iter().map(|(_, h)| h).sum::<f32>() > room {
        let Some(at) = kept.iter().rposition(|(block, _)| !block.is_safety()) else {
            break;
        };
        dropped.push(kept.remove(at));
    }
    let mut spare = room - kept.iter().map(|(_, h)| h).sum::<f32>();
    let mut by_rank: Vec<(BriefBlock, f32)> = dropped.clone();
    by_rank.sort_by_key(|(block, _)| block.rank());
    for (block, height) in by_rank {
        if height <= spare {
            spare -= height;
            dropped.retain(|(b, _)| *b != block);
        }
    }
    dropped.into_iter().map(|(block, _)| block).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [(BriefBlock, f32); 7] = [
        (BriefBlock::Questions, 40.0),
        (BriefBlock::WarningSigns, 30.0),
        (BriefBlock::Prompts, 60.0),
        (BriefBlock::PainSummary, 50.0),
        (BriefBlock::PainLimits, 10.0),
        (BriefBlock::CheckIns, 20.0),
        (BriefBlock::Areas, 20.0),
    ];

    #[test]
    fn an_overfull_brief_leaves_out_the_lowest_block_first_and_never_safety() {
        assert!(left_out(&ALL, 230.0).is_empty(), "everything fits");
        assert_eq!(left_out(&ALL, 229.0), [BriefBlock::Questions]);
        assert_eq!(
            left_out(&ALL, 170.0),
            [BriefBlock::Questions, BriefBlock::Areas],
            "the lowest first, then the next"
        );
        assert_eq!(
            left_out(&ALL, 90.0),
            [
                BriefBlock::Questions,
                BriefBlock::Areas,
                BriefBlock::CheckIns,
                BriefBlock::PainLimits,
                BriefBlock::PainSummary,
            ]
        );
        // Leaving out the outcome measures frees room for the one-line pain limits below them.
        assert_eq!(
            left_out(&ALL, 100.0),
            [
                BriefBlock::Questions,
                BriefBlock::Areas,
                BriefBlock::CheckIns,
                BriefBlock::PainSummary,
            ]
        );
        assert_eq!(
            left_out(&ALL, 120.0),
            [
                BriefBlock::Questions,
                BriefBlock::Areas,
                BriefBlock::PainSummary,
            ],
            "the check-ins and the limits come back, the questions (taller) do not"
        );
        // However small the room, the safety blocks stay.
        let dropped = left_out(&ALL, 0.0);
        assert!(dropped.iter().all(|b| !b.is_safety()), "{dropped:?}");
        assert_eq!(dropped.len(), 5);
        assert_eq!(
            KEEP_ORDER[..2],
            [BriefBlock::WarningSigns, BriefBlock::Prompts]
        );
    }
}
