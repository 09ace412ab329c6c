//! Renders Limber's screens to PNG files, for looking at them as a person would and for the
//! pictures in README: every screen and dialog it can reach (Today, an exercise card, the guided
//! routine in get-ready, hold and rest, with its pain question and with its notes open, the
//! pain question of a card, Today on the first day, the weekly check-in, the progress
//! questions, "How is your back now?", a progression offered (harder, and a step back), the
//! finish form, the end card, Progress, History,
//! Export, Routine, Settings, About) at four window sizes, light and dark, at 100 % and 200 %
//! text.
//!
//! Each picture is a fresh app on a temporary data folder with a year of sample history, driven
//! to its state through the same accessible labels the UI tests use, and drawn with
//! `egui_kittest`'s wgpu renderer (lavapipe, Mesa's software Vulkan driver, is enough). Run by
//! `scripts/screens.sh`; not part of CI.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use chrono::{FixedOffset, TimeZone as _, Utc};
use clap::Parser;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use limber::core::paths::Paths;
use limber::core::session::RedFlag;
use limber::core::settings::Theme;
use limber::core::timer::Phase;
use limber::ui::app::{AppInit, LOG_PAIN_NOW, LimberApp, NOTICE_MARKER};
use limber::ui::clock::ManualClock;
use limber::ui::command::Screen;

/// Render Limber's screens to PNG files.
#[derive(Debug, Parser)]
struct Args {
    /// The folder for the pictures (created if needed).
    #[arg(long, default_value = "target/screens")]
    out: PathBuf,
    /// Only the screens whose name contains one of these words (e.g. `--only guided`).
    #[arg(long)]
    only: Vec<String>,
    /// Only these window sizes, as `WIDTHxHEIGHT` (e.g. `--size 1024x600`).
    #[arg(long)]
    size: Vec<String>,
    /// Only 100 % text (leave out the 200 % pictures).
    #[arg(long)]
    normal_text_only: bool,
}

/// The window sizes, from a small laptop to a desktop monitor.
const SIZES: [(u32, u32); 4] = [(800, 600), (1024, 600), (1280, 800), (1920, 1080)];

/// One state to draw: its name in the file name, and how to reach it from a fresh Today.
struct State {
    name: &'static str,
    /// Whether the weekly check-in is due (it is put off for every other picture).
    check_in_due: bool,
    reach: fn(&mut Shot) -> Result<(), String>,
}

/// Every state drawn, in the order a person meets them.
const STATES: [State; 36] = [
    State {
        name: "today",
        check_in_due: false,
        reach: |_| Ok(()),
    },
    State {
        name: "card",
        check_in_due: false,
        reach: open_card,
    },
    State {
        name: "card-versions",
        check_in_due: false,
        reach: |shot| {
            shot.click("Crab pose")?;
            shot.click("Harder")
        },
    },
    State {
        name: "guided-version",
        check_in_due: false,
        reach: |shot| {
            shot.click("Crab pose")?;
            shot.click("Harder")?;
            shot.click("Start timer")?;
            shot.click("Skip this question")
        },
    },
    State {
        name: "gentle-start",
        check_in_due: false,
        reach: |shot| shot.click("Gentler session today"),
    },
    State {
        name: "gentle-guided",
        check_in_due: false,
        reach: |shot| {
            shot.click("Gentler session today")?;
            shot.click("Start gentler session")?;
            shot.click("Skip this question")
        },
    },
    State {
        name: "pain-question",
        check_in_due: false,
        reach: |shot| {
            open_card(shot)?;
            shot.click("Start timer")
        },
    },
    State {
        name: "guided-get-ready",
        check_in_due: false,
        reach: start_guided,
    },
    State {
        name: "guided-hold",
        check_in_due: false,
        reach: |shot| {
            start_guided(shot)?;
            shot.advance_to(Phase::Hold)
        },
    },
    State {
        name: "guided-rest",
        check_in_due: false,
        reach: |shot| {
            start_guided(shot)?;
            shot.advance_to(Phase::Rest)
        },
    },
    State {
        name: "guided-pain-question",
        check_in_due: false,
        reach: |shot| shot.click("Start routine"),
    },
    State {
        name: "guided-notes",
        check_in_due: false,
        reach: |shot| {
            // Space starts the routine, N opens the notes while the pain question waits, as the
            // SIGTERM check does.
            shot.harness.key_press(egui::Key::Space);
            shot.settle();
            shot.harness.key_press(egui::Key::N);
            shot.settle();
            shot.harness.event(egui::Event::Text(
                "Tight between the shoulder blades".into(),
            ));
            shot.settle();
            Ok(())
        },
    },
    State {
        name: "check-in",
        check_in_due: true,
        reach: |shot| shot.click("Answer the weekly check-in"),
    },
    State {
        name: "signs-any-day",
        check_in_due: false,
        reach: |shot| {
            shot.click(limber::ui::progress::SOMETHING_NEW)?;
            shot.click(RedFlag::ChestPainOrBreathlessness.label())
        },
    },
    State {
        name: "signs-prompt",
        check_in_due: false,
        reach: |shot| {
            shot.click(limber::ui::progress::SOMETHING_NEW)?;
            shot.click(RedFlag::FeverAndChills.label())?;
            shot.click(RedFlag::RiskHistory.label())?;
            shot.click("Save what I ticked")
        },
    },
    State {
        name: "questionnaires",
        check_in_due: false,
        reach: |shot| shot.click("Progress questions"),
    },
    State {
        name: "questionnaire-pgic",
        check_in_due: false,
        reach: |shot| {
            shot.click("Progress questions")?;
            shot.click("Skip this one")?;
            shot.click("Skip this one")?;
            shot.click("Minimally Worse")
        },
    },
    State {
        name: "pain-now",
        check_in_due: false,
        reach: |shot| shot.click(LOG_PAIN_NOW),
    },
    State {
        name: "finish-form",
        check_in_due: false,
        reach: open_finish_form,
    },
    State {
        name: "end-card",
        check_in_due: false,
        reach: |shot| {
            open_finish_form(shot)?;
            shot.click("Save session")
        },
    },
    State {
        name: "progress",
        check_in_due: false,
        reach: |shot| {
            shot.go_to(Screen::Progress);
            Ok(())
        },
    },
    State {
        name: "history",
        check_in_due: false,
        reach: |shot| {
            shot.go_to(Screen::History);
            Ok(())
        },
    },
    State {
        name: "export",
        check_in_due: false,
        reach: |shot| {
            shot.go_to(Screen::Export);
            Ok(())
        },
    },
    State {
        name: "routine",
        check_in_due: false,
        reach: |shot| {
            shot.go_to(Screen::Routine);
            Ok(())
        },
    },
    State {
        name: "settings",
        check_in_due: false,
        reach: |shot| {
            shot.go_to(Screen::Settings);
            Ok(())
        },
    },
    State {
        name: "about",
        check_in_due: false,
        reach: |shot| {
            shot.go_to(Screen::About);
            Ok(())
        },
    },
    State {
        name: "about-lesson",
        check_in_due: false,
        reach: |shot| {
            shot.go_to(Screen::About);
            shot.click(limber::core::lessons::LESSONS[2].title)
        },
    },
    State {
        name: "lesson",
        check_in_due: false,
        reach: |shot| {
            // The progress questions put off, a short lesson is the offer on Today.
            let later = shot.harness.state().now().local_date() + chrono::Days::new(30);
            shot.harness.state_mut().settings.measures_not_now_until = Some(later);
            shot.settle();
            Ok(())
        },
    },
    State {
        name: "progression",
        check_in_due: false,
        reach: |shot| {
            // A calm fortnight (no "hurt" marks, pain after within the limits): the first
            // exercise with a harder version done on enough days is offered it.
            calm_fortnight(shot, false)?;
            shot.harness
                .query_by_label("Try it")
                .map(|_| ())
                .ok_or_else(|| "no progression offered".to_owned())
        },
    },
    State {
        name: "progression-step-back",
        check_in_due: false,
        reach: |shot| {
            // The same fortnight, with the crab pose marked as hurting twice.
            calm_fortnight(shot, true)?;
            shot.harness
                .query_by_label("Step back")
                .map(|_| ())
                .ok_or_else(|| "no step back offered".to_owned())
        },
    },
    State {
        name: "break-offer",
        check_in_due: false,
        reach: show_break_offer,
    },
    State {
        name: "break-run",
        check_in_due: false,
        reach: |shot| {
            show_break_offer(shot)?;
            shot.click(limber::ui::notify::START_BREAK)
        },
    },
    State {
        name: "break-timer",
        check_in_due: false,
        reach: |shot| {
            // The break's countdown under way: past the get-ready, in the second hold.
            show_break_offer(shot)?;
            shot.click(limber::ui::notify::START_BREAK)?;
            shot.click("Start timer")?;
            shot.clock.advance(Duration::from_secs(8));
            shot.settle();
            Ok(())
        },
    },
    State {
        name: "history-session",
        check_in_due: false,
        reach: |shot| {
            shot.go_to(Screen::History);
            let first = shot
                .harness
                .state()
                .log()
                .sessions()
                .last()
                .map(limber::ui::history::row_text)
                .ok_or("the sample history is empty")?;
            shot.click(&first)
        },
    },
    State {
        name: "today-first-day",
        check_in_due: false,
        reach: |shot| {
            // A first start: an empty log (put in through the journal), nothing put off, the
            // first-start notice read; the offers then take their first-day turns.
            let now = shot.harness.state().now();
            let _emptied =
                shot.harness
                    .state_mut()
                    .journal
                    .apply(
                        limber::core::journal::Change::Restore(
                            limber::core::log::SessionLog::default(),
                        ),
                        now,
                    )
                    .map_err(|e| e.to_string())?;
            let app = shot.harness.state_mut();
            app.dismissals.check_in_dismissed_on = None;
            app.settings.measures_not_now_until = None;
            app.dialogs.show_notice = true;
            shot.settle();
            shot.click("I understand")
        },
    },
    State {
        name: "first-start",
        check_in_due: false,
        reach: |shot| {
            std::fs::remove_file(shot.paths.config_dir.join(NOTICE_MARKER))
                .map_err(|e| e.to_string())?;
            shot.harness.state_mut().dialogs.show_notice = true;
            shot.settle();
            Ok(())
        },
    },
];

/// The sample's last fortnight made calm (no "hurt" marks, pain after no higher than before
/// and within Limber's starting limits), and with `crab_hurt` the crab pose marked as hurting
/// in its last two sessions; the progress questions put off, so a progression is the offer.
fn calm_fortnight(shot: &mut Shot, crab_hurt: bool) -> Result<(), String> {
    let today = shot.harness.state().now().local_date();
    let from = today - chrono::Days::new(14);
    let mut log = shot.harness.state().log().clone();
    let mut crab_marks = if crab_hurt { 2 } else { 0 };
    log.edit_records(|r| {
        for session in r.sessions.iter_mut().rev() {
            if session.local_date < from {
                continue;
            }
            if let Some(after) = session.pain_after {
                let cap = session.pain_before.map_or(5, |b| b.value().min(5));
                session.pain_after = limber::core::session::PainScore::new(after.value().min(cap));
            }
            for record in &mut session.exercises {
                record.hurt = None;
                if &*record.exercise_id == "crab-pose" && crab_marks > 0 {
                    record.hurt = Some(limber::core::session::Hurt::ALittle);
                    crab_marks -= 1;
                }
            }
        }
    });
    let now = shot.harness.state().now();
    // In memory only: a restore touches no month file, so nothing goes to the saver.
    let _restored = shot
        .harness
        .state_mut()
        .journal
        .apply(limber::core::journal::Change::Restore(log), now)
        .map_err(|e| e.to_string())?;
    let later = today + chrono::Days::new(30);
    shot.harness.state_mut().settings.measures_not_now_until = Some(later);
    shot.settle();
    Ok(())
}

/// The name of the routine's first exercise.
fn first_exercise(shot: &Shot) -> Result<String, String> {
    shot.harness
        .state()
        .routine
        .enabled()
        .next()
        .map(|e| e.name.clone())
        .ok_or_else(|| "the routine is empty".to_owned())
}

/// The first exercise's card on Today.
/// Desk breaks on and one interval past the start (09:45): the break's line on Today.
fn show_break_offer(shot: &mut Shot) -> Result<(), String> {
    shot.harness.state_mut().settings.breaks.on = true;
    shot.clock.advance(Duration::from_mins(45));
    shot.settle();
    shot.harness
        .query_by_label(limber::ui::notify::START_BREAK)
        .map(|_| ())
        .ok_or_else(|| "no desk break offered at 09:45".to_owned())
}

fn open_card(shot: &mut Shot) -> Result<(), String> {
    let name = first_exercise(shot)?;
    shot.click(&name)
}

/// The guided routine, past the pain question (skipped), in its first get-ready.
fn start_guided(shot: &mut Shot) -> Result<(), String> {
    shot.click("Start routine")?;
    shot.click("Skip this question")
}

/// The finish form after the first exercise was ticked done.
fn open_finish_form(shot: &mut Shot) -> Result<(), String> {
    let name = first_exercise(shot)?;
    shot.click(&format!("{name} done"))?;
    shot.click("Finish session")
}

/// One app, in one window, on its own data folder.
struct Shot {
    harness: Harness<'static, LimberApp>,
    clock: ManualClock,
    paths: Paths,
    _dir: tempfile::TempDir,
}

impl Shot {
    /// A fresh app at 2026-11-25 09:00 (UTC+1) with a year of sample history, past the
    /// first-start notice, in a `width` × `height` window.
    fn open(
        (width, height): (u32, u32),
        theme: Theme,
        text_scale: f32,
        check_in_due: bool,
    ) -> Result<Shot, String> {
        let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
        let paths = Paths::under(dir.path());
        std::fs::create_dir_all(&paths.config_dir).map_err(|e| e.to_string())?;
        std::fs::write(paths.config_dir.join(NOTICE_MARKER), "seen").map_err(|e| e.to_string())?;
        let at = Utc
            .with_ymd_and_hms(2026, 11, 25, 8, 0, 0)
            .single()
            .ok_or("no such moment")?;
        let offset = FixedOffset::east_opt(3600).ok_or("no such offset")?;
        let clock = ManualClock::new(at, offset);
        let mut app = LimberApp::new(AppInit {
            paths: paths.clone(),
            clock: Box::new(clock.clone()),
        });
        let yesterday = at.date_naive() - chrono::Days::new(1);
        let mut log = limber::core::sample::generate_log(1, 7, yesterday, &app.routine);
        // The same notes in every picture, in the words of the app's own language.
        log.edit_records(|r| {
            for session in &mut r.sessions {
                session.notes.clear();
            }
        });
        if check_in_due {
            // The sample answered its check-ins every week; this one is due today.
            log.edit_records(|r| {
                r.check_ins.clear();
            });
        }
        // Through the journal, so the revision moves on and the figures (cached on it) are
        // those of the sample: a journal swapped in kept the empty log's, and Progress showed
        // "Nothing to show yet".
        // Absorbed records touch no month file, so nothing goes to the saver.
        let now = app.now();
        let _absorbed = app
            .journal
            .apply(limber::core::journal::Change::Absorb(vec![log]), now)
            .map_err(|e| e.to_string())?;
        if !check_in_due {
            app.dismissals.check_in_dismissed_on = Some(app.now().local_date());
        }
        app.settings.theme = theme;
        app.settings.text_scale = text_scale;
        #[expect(
            clippy::cast_precision_loss,
            reason = "window sizes are small whole numbers"
        )]
        let size = egui::vec2(width as f32, height as f32);
        let harness = Harness::builder().with_size(size).wgpu().build_ui_state(
            |ui, app: &mut LimberApp| {
                // The harness draws inside an 8-point margin; the app takes the whole window, as
                // in eframe, on the window's own colour.
                let window = ui.ctx().content_rect();
                ui.painter()
                    .rect_filled(window, 0.0, ui.visuals().panel_fill);
                let mut whole = ui.new_child(egui::UiBuilder::new().max_rect(window));
                whole.set_clip_rect(window);
                app.tick(whole.ctx());
                app.show(&mut whole);
            },
            app,
        );
        egui_extras::install_image_loaders(&harness.ctx);
        let mut shot = Shot {
            harness,
            clock,
            paths,
            _dir: dir,
        };
        shot.settle();
        Ok(shot)
    }

    /// A few frames, so what was asked is drawn and the drawings have loaded.
    fn settle(&mut self) {
        self.harness.run_steps(6);
    }

    /// Presses the control named `label` (through the accessibility tree, so it need not be in
    /// view).
    fn click(&mut self, label: &str) -> Result<(), String> {
        self.harness
            .query_by_label(label)
            .ok_or_else(|| format!("nothing named {label:?} on screen"))?
            .click_accesskit();
        self.settle();
        Ok(())
    }

    /// Opens `screen` as its tab would.
    fn go_to(&mut self, screen: Screen) {
        self.harness.state_mut().screen = screen;
        self.settle();
    }

    /// Moves the clock a second at a time until the running timer is in `phase` (at most ten
    /// minutes), then two seconds more, so the countdown is under way.
    fn advance_to(&mut self, phase: Phase) -> Result<(), String> {
        for _ in 0..600 {
            if self.phase() == Some(phase) {
                self.clock.advance(Duration::from_secs(2));
                self.settle();
                return Ok(());
            }
            self.clock.advance(Duration::from_secs(1));
            self.harness.run_steps(2);
        }
        Err(format!("the timer never reached {phase:?}"))
    }

    /// The running timer's phase, if a timer runs.
    fn phase(&self) -> Option<Phase> {
        let app = self.harness.state();
        let now = app.now().instant;
        app.practice
            .timer
            .as_ref()
            .and_then(|active| active.timer.display(now).step)
            .map(|step| step.phase)
    }

    /// Draws the window and writes it to `path`.
    fn save(&mut self, path: &Path) -> Result<(), String> {
        let image = self.harness.render()?;
        image
            .save(path)
            .map_err(|e| format!("{}: {e}", path.display()))
    }
}

fn main() -> ExitCode {
    let args = Args::parse();
    if let Err(err) = std::fs::create_dir_all(&args.out) {
        eprintln!("screens: cannot create {}: {err}", args.out.display());
        return ExitCode::FAILURE;
    }
    let sizes: Vec<(u32, u32)> = SIZES
        .into_iter()
        .filter(|(w, h)| args.size.is_empty() || args.size.contains(&format!("{w}x{h}")))
        .collect();
    let scales: &[f32] = if args.normal_text_only {
        &[1.0]
    } else {
        &[1.0, 2.0]
    };
    let started = Instant::now();
    let (mut written, mut failed) = (0_u32, 0_u32);
    for state in STATES
        .iter()
        .filter(|s| args.only.is_empty() || args.only.iter().any(|w| s.name.contains(w.as_str())))
    {
        for &size in &sizes {
            for theme in [Theme::Light, Theme::Dark] {
                for &scale in scales {
                    let name = format!(
                        "{}-{}x{}-{}-{}.png",
                        state.name,
                        size.0,
                        size.1,
                        if theme == Theme::Dark {
                            "dark"
                        } else {
                            "light"
                        },
                        if scale > 1.0 { "200" } else { "100" },
                    );
                    let path = args.out.join(&name);
                    let result =
                        Shot::open(size, theme, scale, state.check_in_due).and_then(|mut shot| {
                            (state.reach)(&mut shot)?;
                            shot.save(&path)
                        });
                    match result {
                        Ok(()) => written += 1,
                        Err(err) => {
                            failed += 1;
                            eprintln!("screens: {name}: {err}");
                        }
                    }
                }
            }
        }
    }
    println!(
        "screens: {written} pictures in {} ({failed} could not be drawn) in {:.0} s",
        args.out.display(),
        started.elapsed().as_secs_f64()
    );
    if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
