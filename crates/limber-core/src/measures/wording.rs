//! The questionnaires' wording and sources, in one place for the dialog, the brief and the
//! FHIR `Questionnaire` resources. PSFS and the two-sided PGIC are free to use and are quoted
//! word for word with their citation; the PEG's items come from the Brief Pain Inventory, whose
//! copyright holder does not allow reuse or changes without permission, so Limber asks it in
//! its own words and says it is adapted (README, "Outcome measures").

/// The PSFS question, word for word (Stratford et al. 1995), its blank filled with "back".
pub const PSFS_QUESTION: &str = "I am going to ask you to identify up to three important \
     activities that you are unable to do or are having difficulty with as a result of your back \
     problem. Today, are there any activities that you are unable to do or having difficulty \
     with because of your back problem?";

/// The low end of the PSFS rating, word for word.
pub const PSFS_LOW: &str = "0 = Unable to perform activity";

/// The high end of the PSFS rating, word for word.
pub const PSFS_HIGH: &str =
    "10 = Able to perform activity at the same level as before injury or problem";

/// Where the PSFS comes from, in one short line under its questions.
pub const PSFS_SOURCE: &str =
    "Source: Patient-Specific Functional Scale (Stratford et al. 1995), quoted as published.";

/// The PSFS's full citation and terms, for the FHIR `Questionnaire`.
pub const PSFS_CITATION: &str = "Patient-Specific Functional Scale: Stratford P, Gill C, \
     Westaway M, Binkley J. Physiotherapy Canada 1995;47:258\u{2013}263. Free to use; quoted \
     as published, its blank filled with \u{201c}back\u{201d}.";

/// Where the PEG comes from, in one short line under its questions.
pub const PEG_SOURCE: &str =
    "Source: adapted from the PEG (Krebs et al. 2009); the questions are in Limber's words.";

/// The PEG's full citation and terms, for the FHIR `Questionnaire`.
pub const PEG_CITATION: &str = "Adapted from the PEG: Krebs EE et al. J Gen Intern Med \
     2009;24:733\u{2013}738. Its items come from the Brief Pain Inventory \u{a9} Charles S. \
     Cleeland, which may not be reproduced or modified without permission, so the questions \
     are in Limber's words; the scoring is as published.";

/// The two-sided PGIC's question: the NINDS stem, "the study" read as "my routine".
pub const PGIC_QUESTION: &str = "Since the start of my routine, my overall status is:";

/// Where the two-sided PGIC comes from, in one short line under its answers.
pub const PGIC_SOURCE: &str =
    "Source: PGIC, NINDS Common Data Elements (public domain), quoted as published.";

/// The two-sided PGIC's full source and terms, for the FHIR `Questionnaire`.
pub const PGIC_CITATION: &str = "Patient Global Impression of Change, NINDS Common Data \
     Elements (public domain). Quoted as published, with \u{201c}the study\u{201d} read as \
     \u{201c}my routine\u{201d}.";

/// Where the one-sided PGIC of the earlier answers comes from.
pub const PGIC_ONE_SIDED_SOURCE: &str = "Hurst H, Bolton J. J Manipulative Physiol Ther \
     2004;27(1):26\u{2013}35, in Limber's words";

/// The PEG's three items as the exports name them: (link id, question), in Limber's words.
pub const PEG_ITEMS: [(&str, &str); 3] = [
    ("pain", "Average pain in the past week"),
    ("enjoyment", "How much pain got in the way of enjoying life"),
    (
        "activity",
        "How much pain got in the way of general activity",
    ),
];

/// The one-sided PGIC's question as the exports name it (answers given before schema 8).
pub const PGIC_ONE_SIDED_QUESTION: &str =
    "Change since starting the routine (1 no change or worse, 7 a great deal better)";
