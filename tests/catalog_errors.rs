//! Every kind of mistake a therapist can make in a routine file is reported at the right place.
//!
//! Each test starts from one small valid routine, changes a single line, and checks the exact
//! line:column that `parse_routine` reports, because that is what a person editing the file by
//! hand uses to find the mistake. The last tests run the real `limber check FILE` binary.

use std::path::{Path, PathBuf};
use std::process::Command;

use std::ops::RangeInclusive;

use limber::core::catalog::{
    BreakRoutine, CatalogError, HOLD_SECS_RANGE, PAIN_LIMIT_RANGE, PainModel, ProblemKind,
    REPS_RANGE, REST_SECS_RANGE, Routine, SETS_RANGE, TIMES_PER_DAY_RANGE, parse_routine,
};

/// A valid two-exercise routine; each test changes one of its lines.
const VALID: &str = r#"Routine(
    version: 1,
    name: "Test routine",
    exercises: [
        Exercise(
            id: "first",
            name: "First",
            category: Mobility,
            dose: Dose(sets: 1, reps: 2, hold_secs: 5),
        ),
        Exercise(
            id: "second",
            name: "Second",
            category: Massage,
            dose: Dose(sets: 2, reps: 3, hold_secs: 10),
        ),
    ],
)
"#;

/// `VALID` with its 1-based line `line` replaced by `new_line`.
fn replace_line(line: usize, new_line: &str) -> String {
    edit_lines(|lines| new_line.clone_into(&mut lines[line - 1]))
}

/// `VALID` with `new_line` inserted so that it becomes line `line`.
fn insert_line(line: usize, new_line: &str) -> String {
    edit_lines(|lines| lines.insert(line - 1, new_line.to_owned()))
}

/// `VALID` without its 1-based line `line`.
fn remove_line(line: usize) -> String {
    edit_lines(|lines| {
        lines.remove(line - 1);
    })
}

fn edit_lines(edit: impl FnOnce(&mut Vec<String>)) -> String {
    let mut lines: Vec<String> = VALID.lines().map(str::to_owned).collect();
    edit(&mut lines);
    lines.join("\n") + "\n"
}

/// Parses `text` and returns every problem as (line, column, kind); panics if it parsed.
fn problems(text: &str) -> Vec<(usize, usize, ProblemKind)> {
    match parse_routine(text, Path::new("test.ron")) {
        Ok(routine) => panic!("expected problems, but it parsed: {routine:?}"),
        Err(CatalogError::Invalid { problems, path }) => {
            assert_eq!(path, Path::new("test.ron"));
            problems
                .into_iter()
                .map(|p| (p.line, p.column, p.kind))
                .collect()
        }
        Err(other) => panic!("expected an invalid-file error, got {other}"),
    }
}

/// The problems when the dose on line `line` (9 or 15) is written as `dose`.
fn dose_problems(line: usize, dose: &str) -> Vec<(usize, usize, ProblemKind)> {
    problems(&replace_line(line, &format!("            dose: {dose},")))
}

/// The problem for a dose field out of its range.
fn out_of_range(field: &'static str, value: u32, allowed: RangeInclusive<u32>) -> ProblemKind {
    ProblemKind::OutOfRange {
        field,
        value,
        allowed,
    }
}

/// The single problem in `text`, as (line, column, message).
fn single_problem(text: &str) -> (usize, usize, String) {
    let mut all = problems(text);
    assert_eq!(all.len(), 1, "expected exactly one problem: {all:?}");
    let (line, column, kind) = all.remove(0);
    (line, column, kind.to_string())
}

#[test]
fn the_fixture_itself_is_valid() {
    let routine = parse_routine(VALID, Path::new("test.ron")).expect("fixture must parse");
    assert_eq!(routine.exercises.len(), 2);
    assert_eq!(routine.exercises[1].dose.hold_secs, 10);
}

#[test]
fn a_routine_without_a_pain_model_reads_as_the_defaults() {
    let routine = parse_routine(VALID, Path::new("test.ron")).expect("fixture must parse");
    assert_eq!(routine.pain_model, PainModel::default());
    assert_eq!(
        (routine.pain_model.max_after, routine.pain_model.max_rise),
        (5, 2)
    );
    assert!(routine.exercises.iter().all(|e| e.pain_model.is_none()));
    // Written back, the file still has no pain model: old routine files stay as they were.
    let written = routine.to_ron().expect("serialises");
    assert!(!written.contains("pain_model"), "{written}");
}

#[test]
fn a_therapist_sets_the_pain_model_for_the_routine_and_for_one_exercise() {
    let text = insert_line(
        4,
        "    pain_model: PainModel(max_after: 4, max_rise: 1, no_weekly_rise: true),",
    );
    let text = text.replacen(
        "            category: Massage,",
        "            category: Massage,\n            pain_model: Some((max_after: 3)),",
        1,
    );
    let routine = parse_routine(&text, Path::new("test.ron")).expect("parses");
    assert_eq!(
        (routine.pain_model.max_after, routine.pain_model.max_rise),
        (4, 1)
    );
    assert!(
        routine.pain_model.settles_by_next_day,
        "a field left out keeps its default"
    );
    let second = routine.exercise("second").and_then(|e| e.pain_model);
    assert_eq!(second.map(|m| (m.max_after, m.max_rise)), Some((3, 2)));
    // A session with "second" is held to the stricter of the two; one without it is not.
    let both = routine.pain_model_for(["first", "second"]);
    assert_eq!((both.max_after, both.max_rise), (3, 1));
    assert_eq!(routine.pain_model_for(["first"]), routine.pain_model);
    // The model survives a round trip through the routine editor's writer.
    let again = parse_routine(
        &routine.to_ron().expect("serialises"),
        Path::new("again.ron"),
    )
    .expect("re-parses");
    assert_eq!(again, routine);
}

#[test]
fn a_pain_limit_over_ten_points_at_its_field() {
    let text = insert_line(4, "    pain_model: (max_after: 11),");
    assert_eq!(
        problems(&text),
        vec![(4, 29, out_of_range("max_after", 11, PAIN_LIMIT_RANGE))]
    );
    let text = replace_line(
        15,
        "            dose: Dose(sets: 2, reps: 3, hold_secs: 10), pain_model: Some((max_rise: 12)),",
    );
    let (line, column, message) = single_problem(&text);
    assert_eq!((line, column), (15, 86), "{message}");
    assert!(message.contains("max_rise is 12"), "{message}");
    assert!(message.contains("between 0 and 10"), "{message}");
    let text = insert_line(4, "    pain_model: (max_after: 5, typo: 1),");
    let (line, _, message) = single_problem(&text);
    assert_eq!(line, 4, "{message}");
}

#[test]
fn a_missing_comma_is_a_syntax_error_at_the_next_field() {
    // `id: "first"` loses its comma; the parser notices at the start of the next line.
    let (line, column, message) = single_problem(&replace_line(6, r#"            id: "first""#));
    assert_eq!((line, column), (7, 13), "{message}");
    assert!(message.to_lowercase().contains("comma"), "{message}");
}

#[test]
fn an_unclosed_string_is_a_syntax_error() {
    let (line, column, message) = single_problem(&replace_line(7, r#"            name: "First,"#));
    // The reader only fails at line 12, where the runaway text finally closes; the report
    // points at the text that lacks its closing quote, and still says where reading stopped.
    assert_eq!((line, column), (7, 19), "{message}");
    assert!(message.contains("closing quote"), "{message}");
    assert!(message.contains("12:18"), "{message}");
}

#[test]
fn a_text_over_two_lines_is_not_blamed_for_a_later_mistake() {
    // Line 3 is a (valid) text running over a line break; the missing comma is on line 16.
    let text = replace_line(3, "    name: \"Test\n    routine\",")
        .replace("reps: 3, hold_secs: 10", "reps: 3 hold_secs: 10");
    let (line, column, message) = single_problem(&text);
    assert_eq!((line, column), (16, 41), "{message}");
    assert!(message.to_lowercase().contains("comma"), "{message}");
}

#[test]
fn an_unknown_field_is_named_where_it_is_written() {
    let (line, column, message) = single_problem(&insert_line(8, r#"            colour: "red","#));
    assert_eq!((line, column), (8, 13), "{message}");
    assert!(message.contains("colour"), "{message}");
}

#[test]
fn an_unknown_category_points_at_the_category() {
    let (line, column, message) =
        single_problem(&replace_line(8, "            category: Stretching,"));
    assert_eq!((line, column), (8, 23), "{message}");
    assert!(message.contains("Stretching"), "{message}");
}

#[test]
fn a_duplicate_id_points_at_the_second_use() {
    let all = problems(&replace_line(12, r#"            id: "first","#));
    assert_eq!(
        all,
        vec![(12, 17, ProblemKind::DuplicateId("first".to_owned()))]
    );
}

#[test]
fn an_empty_id_is_reported() {
    let all = problems(&replace_line(12, r#"            id: " ","#));
    assert_eq!(all, vec![(12, 17, ProblemKind::EmptyId)]);
}

#[test]
fn an_empty_name_points_at_the_name() {
    let all = problems(&replace_line(7, r#"            name: "","#));
    assert_eq!(all, vec![(7, 19, ProblemKind::MissingName)]);
}

#[test]
fn an_absent_name_points_at_the_exercise_that_lacks_it() {
    // Without line 7 the first exercise spans lines 5 to 9; the reader notices at its closing
    // bracket (9:9), the report points at where the exercise starts.
    let (line, column, message) = single_problem(&remove_line(7));
    assert_eq!((line, column), (5, 9), "{message}");
    assert!(message.contains("`name:`"), "{message}");
}

#[test]
fn an_absent_dose_field_points_at_the_dose() {
    let (line, column, message) = single_problem(&replace_line(
        9,
        "            dose: Dose(sets: 1, reps: 2),",
    ));
    assert_eq!((line, column), (9, 19), "{message}");
    assert!(message.contains("`hold_secs:`"), "{message}");
}

#[test]
fn a_hold_of_zero_points_at_hold_secs() {
    let all = dose_problems(15, "Dose(sets: 2, reps: 3, hold_secs: 0)");
    assert_eq!(
        all,
        vec![(15, 53, out_of_range("hold_secs", 0, HOLD_SECS_RANGE))]
    );
}

#[test]
fn a_hold_over_an_hour_points_at_hold_secs() {
    let all = dose_problems(15, "Dose(sets: 2, reps: 3, hold_secs: 3601)");
    assert_eq!(
        all,
        vec![(15, 53, out_of_range("hold_secs", 3601, HOLD_SECS_RANGE))]
    );
    assert!(
        out_of_range("hold_secs", 3601, HOLD_SECS_RANGE)
            .to_string()
            .contains("between 1 and 3600")
    );
}

#[test]
fn a_hold_of_exactly_an_hour_is_accepted() {
    let text = replace_line(
        15,
        "            dose: Dose(sets: 2, reps: 3, hold_secs: 3600),",
    );
    let routine = parse_routine(&text, Path::new("test.ron")).expect("an hour is allowed");
    assert_eq!(routine.exercises[1].dose.hold_secs, 3600);
}

#[test]
fn zero_reps_point_at_reps() {
    let all = dose_problems(15, "Dose(sets: 2, reps: 0, hold_secs: 10)");
    assert_eq!(all, vec![(15, 39, out_of_range("reps", 0, REPS_RANGE))]);
}

#[test]
fn zero_sets_point_at_sets() {
    let all = dose_problems(15, "Dose(sets: 0, reps: 3, hold_secs: 10)");
    assert_eq!(all, vec![(15, 30, out_of_range("sets", 0, SETS_RANGE))]);
}

#[test]
fn zero_times_per_day_points_at_times_per_day() {
    let all = dose_problems(9, "Dose(sets: 1, reps: 2, hold_secs: 5, times_per_day: 0)");
    assert_eq!(
        all,
        vec![(9, 71, out_of_range("times_per_day", 0, TIMES_PER_DAY_RANGE))]
    );
}

#[test]
fn every_dose_field_is_bounded_like_the_routine_editor() {
    // Just inside every bound is accepted...
    for dose in [
        "Dose(sets: 10, reps: 50, hold_secs: 3600, rest_secs: 600, times_per_day: 10)",
        "Dose(sets: 1, reps: 1, hold_secs: 1, rest_secs: 0, times_per_day: 1)",
    ] {
        let text = replace_line(15, &format!("            dose: {dose},"));
        parse_routine(&text, Path::new("test.ron")).expect(dose);
    }
    // ...and one past each is an error at the number, with the allowed range.
    let all = dose_problems(
        15,
        "Dose(sets: 11, reps: 51, hold_secs: 3601, rest_secs: 601, times_per_day: 11)",
    );
    assert_eq!(
        all,
        vec![
            (15, 30, out_of_range("sets", 11, SETS_RANGE)),
            (15, 40, out_of_range("reps", 51, REPS_RANGE)),
            (15, 55, out_of_range("hold_secs", 3601, HOLD_SECS_RANGE)),
            (15, 72, out_of_range("rest_secs", 601, REST_SECS_RANGE)),
            (
                15,
                92,
                out_of_range("times_per_day", 11, TIMES_PER_DAY_RANGE)
            ),
        ]
    );
    assert_eq!(
        out_of_range("rest_secs", 601, REST_SECS_RANGE).to_string(),
        "rest_secs is 601; it must be between 0 and 600 seconds; change it to a number in that \
         range"
    );
}

#[test]
fn no_exercises_points_at_the_list() {
    let text = "Routine(\n    version: 1,\n    exercises: [],\n)\n";
    let all = problems(text);
    assert_eq!(all, vec![(3, 16, ProblemKind::NoExercises)]);
}

/// A file with five problems in two exercises, in the order a reader meets them.
fn several_problems() -> String {
    let text = replace_line(7, r#"            name: "","#);
    let text = text.replace(
        "dose: Dose(sets: 1, reps: 2, hold_secs: 5)",
        "dose: Dose(sets: 0, reps: 0, hold_secs: 0)",
    );
    text.replace(r#"id: "second""#, r#"id: "first""#)
}

#[test]
fn several_problems_are_all_listed_in_file_order() {
    let all = problems(&several_problems());
    assert_eq!(
        all,
        vec![
            (7, 19, ProblemKind::MissingName),
            (9, 30, out_of_range("sets", 0, SETS_RANGE)),
            (9, 39, out_of_range("reps", 0, REPS_RANGE)),
            (9, 53, out_of_range("hold_secs", 0, HOLD_SECS_RANGE)),
            (12, 17, ProblemKind::DuplicateId("first".to_owned())),
        ]
    );
}

#[test]
fn comments_and_brackets_inside_strings_do_not_move_positions() {
    // A comment and a string full of brackets and a fake `hold_secs:` before the mistake.
    let text = VALID
        .replace(
            r#"name: "Second","#,
            r#"name: "Second (hold_secs: 0) [x]", // also ( [ {"#,
        )
        .replace("reps: 3, hold_secs: 10", "reps: 3, hold_secs: 0");
    assert_eq!(
        problems(&text),
        vec![(15, 53, out_of_range("hold_secs", 0, HOLD_SECS_RANGE))]
    );
}

#[test]
fn the_rendered_error_names_file_line_and_column() {
    let err =
        parse_routine(&several_problems(), Path::new("my routine.ron")).expect_err("must fail");
    let text = err.to_string();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 5, "{text}");
    assert!(lines[0].starts_with("my routine.ron:7:19: "), "{text}");
    assert!(lines[4].starts_with("my routine.ron:12:17: "), "{text}");
}

/// `VALID` with `variant` as the first exercise's one harder version, on line 11.
fn with_harder(variant: &str) -> String {
    insert_line(
        10,
        &format!("            harder: [\n                {variant},\n            ],"),
    )
}

/// The 1-based column just after `what` on the 1-based line `line` of `text`.
fn column_after(text: &str, line: usize, what: &str) -> usize {
    let found = text.lines().nth(line - 1).and_then(|l| l.find(what));
    found.expect("the text is on the line") + what.len() + 1
}

#[test]
fn a_version_s_dose_field_out_of_range_points_at_the_field() {
    let text = with_harder(
        "(name: \"longer\", change: \"Longer holds.\", \
         dose: Some(Dose(sets: 1, reps: 2, hold_secs: 0)))",
    );
    let column = column_after(&text, 11, "hold_secs: ");
    assert_eq!(
        problems(&text),
        [(11, column, out_of_range("hold_secs", 0, HOLD_SECS_RANGE))]
    );
    let text = with_harder(
        "(name: \"more\", change: \"More sets.\", \
         dose: Some(Dose(sets: 11, reps: 2, hold_secs: 5, times_per_day: 0)))",
    );
    assert_eq!(
        problems(&text),
        [
            (
                11,
                column_after(&text, 11, "sets: "),
                out_of_range("sets", 11, SETS_RANGE)
            ),
            (
                11,
                column_after(&text, 11, "times_per_day: "),
                out_of_range("times_per_day", 0, TIMES_PER_DAY_RANGE)
            ),
        ]
    );
}

#[test]
fn a_version_naming_an_unknown_drawing_or_step_is_refused_at_its_place() {
    let text =
        with_harder("(name: \"wings\", change: \"Flap.\", illustration: Some(\"dragon.svg\"))");
    let (line, column, message) = single_problem(&text);
    assert_eq!(
        (line, column),
        (11, column_after(&text, 11, "illustration: "))
    );
    assert!(message.contains("\"dragon.svg\""), "{message}");
    assert!(
        message.contains("iyt-poses.svg"),
        "names the drawings there are: {message}"
    );
    let text = with_harder("(name: \"x\", change: \"y\", step_changes: [(step: 3, text: \"z\")])");
    assert_eq!(
        problems(&text),
        [(
            11,
            column_after(&text, 11, "step_changes: "),
            ProblemKind::NoSuchStep { step: 3, steps: 0 }
        )]
    );
    let text = with_harder("(name: \" \", change: \"y\")");
    assert_eq!(
        problems(&text),
        [(
            11,
            column_after(&text, 11, "name: "),
            ProblemKind::VersionWithoutName
        )]
    );
}

#[test]
fn versions_with_a_bundled_drawing_and_the_therapist_s_mark_load() {
    let text = with_harder(
        "(name: \"hips up\", change: \"Lift the hips.\", illustration: Some(\"crab-pose.svg\"), \
         dose: Some(Dose(sets: 2, reps: 4, hold_secs: 8)), ask_therapist_first: true)",
    );
    let routine = parse_routine(&text, Path::new("test.ron")).expect("parses");
    let harder = &routine.exercises[0].harder[0];
    assert!(harder.ask_therapist_first);
    assert_eq!(harder.dose.map(|d| d.sets), Some(2));
    // An old routine file without versions loads as before and is written back without them.
    let old = parse_routine(VALID, Path::new("test.ron")).expect("parses");
    assert!(
        old.exercises
            .iter()
            .all(|e| e.easier.is_empty() && e.harder.is_empty())
    );
    let written = old.to_ron().expect("serialises");
    assert!(
        !written.contains("easier") && !written.contains("harder"),
        "{written}"
    );
}

#[test]
fn limber_check_refuses_a_version_with_an_unknown_drawing() {
    let text =
        with_harder("(name: \"wings\", change: \"Flap.\", illustration: Some(\"dragon.svg\"))");
    let (_dir, file) = temp_file("versions.ron", &text);
    let (ok, _, stderr) = limber_check(&file);
    assert!(!ok);
    let place = format!(
        "{}:11:{}: ",
        file.display(),
        column_after(&text, 11, "illustration: ")
    );
    assert!(stderr.starts_with(&place), "{stderr}");
    assert!(stderr.contains("dragon.svg"), "{stderr}");
}

#[test]
fn the_shipped_routine_file_is_valid() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("exercises.ron");
    let routine = limber::core::catalog::load_routine(&path).expect("exercises.ron must load");
    assert_eq!(Routine::built_in().expect("built in"), routine);
}

/// Runs `limber check FILE` and returns (succeeded, stdout, stderr).
fn limber_check(file: &Path) -> (bool, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_limber"))
        .arg("check")
        .arg(file)
        .output()
        .expect("run limber");
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// Writes `text` to `name` in a new temporary folder (kept alive by the returned guard).
fn temp_file(name: &str, text: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join(name);
    std::fs::write(&file, text).expect("write");
    (dir, file)
}

#[test]
fn limber_check_lists_every_problem_and_fails() {
    let (_dir, file) = temp_file("bad.ron", &several_problems());
    let (ok, _, stderr) = limber_check(&file);
    assert!(!ok);
    let lines: Vec<&str> = stderr.lines().collect();
    let prefix = file.display().to_string();
    let expected = ["7:19", "9:30", "9:39", "9:53", "12:17"];
    assert_eq!(lines.len(), expected.len(), "{stderr}");
    for (line, place) in lines.iter().zip(expected) {
        assert!(line.starts_with(&format!("{prefix}:{place}: ")), "{stderr}");
    }
}

#[test]
fn limber_check_reports_a_syntax_error_with_its_place() {
    let (_dir, file) = temp_file(
        "typo.ron",
        &replace_line(8, "            category: Stretching,"),
    );
    let (ok, _, stderr) = limber_check(&file);
    assert!(!ok);
    assert!(
        stderr.starts_with(&format!("{}:8:23: ", file.display())),
        "{stderr}"
    );
}

#[test]
fn limber_check_refuses_a_dose_that_would_exhaust_memory() {
    // This file once passed `check`, then opening the exercise made the timer allocate
    // gigabytes and the app abort.
    let (_dir, file) = temp_file(
        "huge.ron",
        &replace_line(
            15,
            "            dose: Dose(sets: 1000, reps: 4294967295, hold_secs: 10),",
        ),
    );
    let (ok, stdout, stderr) = limber_check(&file);
    assert!(!ok, "{stdout}");
    let prefix = file.display().to_string();
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(
        lines,
        [
            format!(
                "{prefix}:15:30: sets is 1000; it must be between 1 and 10; change it to a number in that range"
            ),
            format!(
                "{prefix}:15:42: reps is 4294967295; it must be between 1 and 50; change it to a number in that range"
            ),
        ],
        "{stderr}"
    );
}

#[test]
fn limber_check_names_a_file_it_cannot_read() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (ok, _, stderr) = limber_check(&dir.path().join("missing.ron"));
    assert!(!ok);
    assert!(stderr.contains("missing.ron"), "{stderr}");
}

#[test]
fn limber_check_accepts_the_shipped_routine() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("exercises.ron");
    let (ok, stdout, stderr) = limber_check(&path);
    assert!(ok, "{stdout}{stderr}");
    assert!(stdout.contains("OK, 11 exercises"), "{stdout}");
}

#[test]
fn a_routine_without_progression_rules_reads_as_the_defaults_and_writes_none() {
    use limber::core::catalog::ProgressionRules;
    let routine = parse_routine(VALID, Path::new("test.ron")).expect("fixture must parse");
    assert!(routine.progression.is_empty());
    assert_eq!(
        routine.progression_for("first"),
        ProgressionRules::default()
    );
    let defaults = ProgressionRules::default();
    assert_eq!(
        (
            defaults.days_done,
            defaults.window_days,
            defaults.wait_after_decline_days
        ),
        (10, 14, 14)
    );
    let written = routine.to_ron().expect("writes");
    assert!(!written.contains("progression"), "{written}");
}

#[test]
fn a_therapist_sets_progression_for_the_routine_and_for_one_exercise() {
    let text = edit_lines(|lines| {
        lines.insert(
            3,
            "    progression: (days_done: 8, window_days: 10),".to_owned(),
        );
        lines[15] = "            dose: Dose(sets: 2, reps: 3, hold_secs: 10), progression: \
                     Some((days_done: 6, settle_days: 7)),"
            .to_owned();
    });
    let routine = parse_routine(&text, Path::new("test.ron")).expect("valid");
    let first = routine.progression_for("first");
    assert_eq!(
        (first.days_done, first.window_days, first.settle_days),
        (8, 10, 14)
    );
    let second = routine.progression_for("second");
    assert_eq!(
        (second.days_done, second.window_days, second.settle_days),
        (6, 10, 7)
    );
    let written = routine.to_ron().expect("writes");
    assert!(written.contains("progression"), "{written}");
    assert_eq!(
        parse_routine(&written, Path::new("again.ron")).expect("re-parses"),
        routine
    );
}

#[test]
fn a_bad_progression_value_is_refused_at_its_field() {
    use limber::core::catalog::{PROGRESSION_COUNT_RANGE, PROGRESSION_WAIT_RANGE};
    // No days at all.
    let text = insert_line(4, "    progression: (days_done: 0),");
    assert_eq!(
        problems(&text),
        vec![(4, 30, out_of_range("days_done", 0, PROGRESSION_COUNT_RANGE))]
    );
    // More days done than days looked back over: at days_done, or at the window when only it
    // is written.
    let (line, column, message) =
        single_problem(&insert_line(4, "    progression: (days_done: 15),"));
    assert_eq!((line, column), (4, 30), "{message}");
    assert!(message.contains("more than the 14 days"), "{message}");
    let (line, column, message) =
        single_problem(&insert_line(4, "    progression: (window_days: 7),"));
    assert_eq!((line, column), (4, 32), "{message}");
    assert!(message.contains("days_done is 10"), "{message}");
    // In one exercise: its own window of none, and a wait of more than a year.
    let text = replace_line(
        15,
        "            dose: Dose(sets: 2, reps: 3, hold_secs: 10), progression: \
         Some((window_days: 0, settle_days: 400)),",
    );
    let all = problems(&text);
    assert_eq!(
        all,
        vec![
            (
                15,
                90,
                out_of_range("window_days", 0, PROGRESSION_COUNT_RANGE)
            ),
            (
                15,
                106,
                out_of_range("settle_days", 400, PROGRESSION_WAIT_RANGE)
            ),
        ]
    );
    assert!(all[0].2.to_string().contains("between 1 and 90 days"));
    let text = insert_line(4, "    progression: (days_done: 5, typo: 1),");
    let (line, _, message) = single_problem(&text);
    assert_eq!(line, 4, "{message}");
}

#[test]
fn limber_check_refuses_more_days_done_than_the_window() {
    let text = insert_line(4, "    progression: (days_done: 12, window_days: 10),");
    let (_dir, file) = temp_file("progression.ron", &text);
    let (ok, _, stderr) = limber_check(&file);
    assert!(!ok);
    let place = format!(
        "{}:4:{}: ",
        file.display(),
        column_after(&text, 4, "days_done: ")
    );
    assert!(stderr.starts_with(&place), "{stderr}");
    assert!(stderr.contains("window_days"), "{stderr}");
}

/// `VALID` with a `break_routine:` line (written as `list`) before the exercises, on line 4.
fn with_break_routine(list: &str) -> String {
    insert_line(4, &format!("    break_routine: {list},"))
}

#[test]
fn a_routine_without_a_break_routine_reads_as_the_default_and_writes_none() {
    let routine = parse_routine(VALID, Path::new("test.ron")).expect("fixture must parse");
    assert_eq!(routine.break_routine, BreakRoutine::default());
    assert_eq!(
        routine.break_routine.0,
        ["shrug-rotations", "cork-screws"],
        "the default names the built-in exercises"
    );
    assert!(
        routine.break_exercises().is_empty(),
        "a routine without them has no break to offer, and is not refused"
    );
    let written = routine.to_ron().expect("serialises");
    assert!(!written.contains("break_routine"), "{written}");
}

#[test]
fn a_break_routine_the_therapist_chose_is_read_and_written_back() {
    let text = with_break_routine("[\"second\", \"first\"]");
    let routine = parse_routine(&text, Path::new("test.ron")).expect("parses");
    let ids: Vec<&str> = routine
        .break_exercises()
        .iter()
        .map(|e| e.id.as_str())
        .collect();
    assert_eq!(ids, ["second", "first"]);
    let written = routine.to_ron().expect("serialises");
    assert!(written.contains("break_routine"), "{written}");
    assert_eq!(
        parse_routine(&written, Path::new("back.ron")).expect("reads back"),
        routine
    );
}

#[test]
fn a_break_routine_naming_an_unknown_exercise_points_at_the_id() {
    let text = with_break_routine("[\"first\", \"shrugs\"]");
    let (line, column, message) = single_problem(&text);
    assert_eq!(line, 4);
    assert_eq!(column, column_after(&text, 4, "\"first\", "));
    assert!(message.contains("\"shrugs\""), "{message}");
    let empty = with_break_routine("[]");
    let (line, column, message) = single_problem(&empty);
    assert_eq!(
        (line, column),
        (4, column_after(&empty, 4, "break_routine: "))
    );
    assert!(message.contains("empty"), "{message}");
}

#[test]
fn limber_check_refuses_a_break_routine_with_an_unknown_exercise() {
    let text = with_break_routine("[\"first\", \"shrugs\"]");
    let (_dir, file) = temp_file("break.ron", &text);
    let (ok, _, stderr) = limber_check(&file);
    assert!(!ok);
    let place = format!(
        "{}:4:{}: ",
        file.display(),
        column_after(&text, 4, "\"first\", ")
    );
    assert!(stderr.starts_with(&place), "{stderr}");
    assert!(stderr.contains("shrugs"), "{stderr}");
}
