//! The egui layer: draws the core's state and turns input into commands.

pub mod a11y;
pub mod banners;
pub mod calendar;
pub mod chart;
pub mod fonts;
pub mod icon;
pub mod instance;
pub mod notice;
pub mod notify;
pub mod progress;
pub mod quiet;
pub mod routine_editor;
pub mod settings;
pub mod sound;
pub mod voice;

use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};

use crate::core::paths::Paths;

pub mod app;
pub mod body_map;
pub mod clock;
pub mod command;
pub mod diary;
pub mod digits;
pub mod exercise_card;
pub mod exercise_versions;
pub mod export;
pub mod export_job;
pub mod gentle;
pub mod guided;
pub mod history;
pub mod illustration;
pub mod lessons;
pub mod safety;
pub mod session_form;
pub mod theme;
pub mod timer_ui;
pub mod timing;
pub mod today;

/// Limber's one desktop id: the window's app id (the Wayland app id and X11 `WM_CLASS`), the
/// names of the desktop entry, the `AppStream` file and the icon files, so that a desktop
/// matches the open window to its menu entry and icon.
pub const APP_ID: &str = "org.limber.Limber";

/// How the window should start (from the command line).
#[derive(Clone, Debug, Default)]
pub struct GuiOptions {
    /// Start hidden (start at login); reminders still come.
    pub minimized: bool,
    /// Print frame timings to standard error.
    pub report_timing: bool,
    /// The screen to open on, by name.
    pub screen: Option<String>,
}

/// Opens the main window and runs until it is closed.
pub fn run(paths: Paths, options: &GuiOptions) -> ExitCode {
    let screen = match options.screen.as_deref().map(command::Screen::from_name) {
        None => None,
        Some(Some(screen)) => Some(screen),
        Some(None) => {
            eprintln!(
                "limber: unknown screen {:?}; use one of today, progress, history, export, routine, settings, about",
                options.screen.as_deref().unwrap_or_default()
            );
            return ExitCode::FAILURE;
        }
    };
    // One Limber per data folder: a second launch shows the running window and ends here.
    let primary = match claim_data_folder(&paths, options) {
        Ok(primary) => primary,
        Err(handed_over) => return handed_over,
    };
    // What cannot be shown goes to the diagnostics log; without it, the app still runs.
    let _diagnostics = match crate::diagnostics::start(&paths.data_dir) {
        Ok(handle) => Some(handle),
        Err(err) => {
            eprintln!("Limber could not start its diagnostics log: {err}");
            None
        }
    };
    // Every file is written by the saver thread; a write made here is counted and logged.
    crate::core::atomic::mark_ui_thread();
    let termination = Arc::new(Termination::default());
    let ended = Arc::clone(&termination);
    let viewport = egui::ViewportBuilder::default()
        .with_title("Limber")
        .with_app_id(APP_ID)
        .with_inner_size([1100.0, 760.0])
        .with_min_inner_size([640.0, 480.0])
        .with_visible(!options.minimized);
    let native = eframe::NativeOptions {
        viewport,
        renderer: eframe::Renderer::Glow,
        // Limber brings its own system-font fallback (see `fonts`), shared with the PDF report.
        system_font_fallback: false,
        ..Default::default()
    };
    let report_timing = options.report_timing;
    let minimized = options.minimized;
    // The settings are tiny and read here, so that the window opens in the person's theme and
    // text size.
    let settings = crate::core::settings::load(&paths.settings_file())
        .map(crate::core::settings::Settings::sanitized)
        .unwrap_or_default();
    let result = eframe::run_native(
        "Limber",
        native,
        Box::new(move |cc| {
            // Reading the routine and the log starts here, once the window is open; see
            // [`Shell`] for why not earlier.
            let loader = spawn_loader(paths.clone());
            let (sender, hand_overs) = std::sync::mpsc::channel();
            if let Some(primary) = primary {
                let wake = cc.egui_ctx.clone();
                let listening = primary.listen(move |request| {
                    if sender.send(request).is_ok() {
                        wake.request_repaint();
                    }
                });
                if let Err(err) = listening {
                    eprintln!("Limber could not listen for another launch: {err}");
                }
            }
            close_on_termination(&termination, &cc.egui_ctx);
            egui_extras::install_image_loaders(&cc.egui_ctx);
            theme::apply(&cc.egui_ctx, settings.text_scale);
            cc.egui_ctx.set_theme(theme::preference(settings.theme));
            let mut shell = Shell {
                state: ShellState::Loading { loader, paths },
                icon_set: false,
                timing: report_timing.then(timing::TimingReport::default),
                screen,
                first_frame_drawn: false,
                minimized,
                handed_over: false,
                hand_overs,
                termination,
                close: CloseState::default(),
            };
            // A hidden window may draw no frame, and its reminders need the routine and log.
            if minimized {
                shell.wait_for_loader();
            } else {
                shell.wait_for_loader_within(FIRST_FRAME_WAIT);
            }
            Ok(Box::new(shell))
        }),
    );
    match result {
        Ok(()) if ended.requested.load(Ordering::SeqCst) => {
            ExitCode::from(if ended.saved.load(Ordering::SeqCst) {
                130
            } else {
                1
            })
        }
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("Limber could not open its window: {err}");
            ExitCode::FAILURE
        }
    }
}

/// Becomes the Limber that answers later launches on this data folder, or hands this launch
/// over to the one that already does (`Err`: the exit status, with nothing more to do).
fn claim_data_folder(
    paths: &Paths,
    options: &GuiOptions,
) -> Result<Option<instance::Primary>, ExitCode> {
    match instance::claim(
        &instance::Endpoint::for_data_dir(&paths.data_dir),
        &instance::HandOver {
            screen: options.screen.clone(),
            activation_token: std::env::var("XDG_ACTIVATION_TOKEN").ok(),
        },
    ) {
        instance::Claim::HandedOver => {
            eprintln!(
                "Limber is already open on this data folder; its window was brought forward."
            );
            Err(ExitCode::SUCCESS)
        }
        instance::Claim::First(primary) => Ok(Some(primary)),
        instance::Claim::Unanswered(why) => {
            eprintln!(
                "Limber is already open on this data folder but did not answer ({why}); this window only shows the log."
            );
            Ok(None)
        }
        instance::Claim::Unavailable(why) => {
            eprintln!("Limber could not check for another open window ({why}).");
            Ok(None)
        }
    }
}

/// What eframe runs: the app once its files are read, and before that a plain window that
/// says they are being opened.
///
/// The routine and the recent months of the log (about 2 ms; the older months follow on the
/// saver thread from the second frame) are read on a thread started in eframe's setup, once the
/// window is open; the setup waits for it up to [`FIRST_FRAME_WAIT`], so on nearly every start
/// the first frame already shows the routine, and a slow start (an old log being split into
/// months) shows "Opening your routine and log…" instead of a frozen window. The window icon
/// and the sound device are set up once the first frame is on screen (in the second frame,
/// which the first asks for), so they never delay it: opening the audio device reads the
/// system's sound configuration and took the CPU from the first frame's drawing.
///
/// Why not start the thread before the window opens: while eframe opens it, libX11 reads the
/// input method's Compose table (about 600 KB) one character at a time, and with a second thread
/// alive glibc locks the stream for every character. That made the window about 10 ms slower to
/// open than the reading saved (measured with perf: `_IO_getc` samples 254 with the thread
/// running, 33 without). Starting the thread only after the first frame made that frame as fast
/// as an empty window's, but the routine then appeared about 70 ms later.
#[expect(
    clippy::struct_excessive_bools,
    reason = "independent facts of the window's life (icon set, first frame, hidden start, shown by a later launch)"
)]
struct Shell {
    state: ShellState,
    icon_set: bool,
    timing: Option<timing::TimingReport>,
    screen: Option<command::Screen>,
    /// Whether the first frame has been drawn.
    first_frame_drawn: bool,
    /// Started hidden: no frame may be drawn for a long while, so the sound starts at once (a
    /// hold that ends while hidden is still heard).
    minimized: bool,
    /// A later launch asked for the window (so a hidden start no longer hides it).
    handed_over: bool,
    /// Requests from later launches on the same data folder (see [`instance`]).
    hand_overs: std::sync::mpsc::Receiver<instance::HandOver>,
    /// Set by a Ctrl+C or SIGTERM: the window closes through the event loop.
    termination: Arc<Termination>,
    /// Whether the person was asked before closing with something unsaved.
    close: CloseState,
}

/// A Ctrl+C or SIGTERM, and whether everything was saved by the time the process ends.
#[derive(Debug, Default)]
struct Termination {
    /// A signal came: close the window, without asking.
    requested: AtomicBool,
    /// The last flush wrote everything.
    saved: AtomicBool,
    /// The saver's handle, once the log is open.
    flusher: OnceLock<crate::core::store::Flusher>,
}

/// Closing with something unsaved asks first.
#[derive(Debug, Default, PartialEq, Eq)]
enum CloseState {
    /// Nothing asked.
    #[default]
    Open,
    /// The window asks whether to close; the list says what is not saved.
    Asking(Vec<&'static str>),
    /// The person chose to close anyway.
    Confirmed,
}

enum ShellState {
    /// The thread is reading the routine, the settings and the log.
    Loading {
        /// `None` if the thread could not be started.
        loader: Option<std::thread::JoinHandle<app::LimberApp>>,
        /// Where the files are, to read them here if the thread could not start or failed.
        paths: Paths,
    },
    Ready(Box<app::LimberApp>),
}

/// Starts reading the files on a thread.
fn spawn_loader(paths: Paths) -> Option<std::thread::JoinHandle<app::LimberApp>> {
    std::thread::Builder::new()
        .name("limber-load".to_owned())
        .spawn(move || {
            app::LimberApp::new(app::AppInit {
                paths,
                clock: Box::new(clock::SystemClock),
            })
        })
        .ok()
}

/// How long eframe's setup waits for the routine and the recent months before the first frame
/// (which otherwise says they are being opened): reading them takes about 2 ms.
const FIRST_FRAME_WAIT: std::time::Duration = std::time::Duration::from_millis(100);

impl Shell {
    /// Takes the app from the thread if it finishes within `budget`; else leaves it loading
    /// (the frames look again).
    fn wait_for_loader_within(&mut self, budget: std::time::Duration) {
        let started = std::time::Instant::now();
        while matches!(&self.state, ShellState::Loading { loader: Some(handle), .. } if !handle.is_finished())
        {
            if started.elapsed() >= budget {
                return;
            }
            std::thread::sleep(std::time::Duration::from_micros(250));
        }
        self.wait_for_loader();
    }

    /// Takes the app from the thread once it has finished; never blocks.
    fn poll(&mut self) {
        if let ShellState::Loading { loader, .. } = &self.state
            && loader
                .as_ref()
                .is_none_or(std::thread::JoinHandle::is_finished)
        {
            self.wait_for_loader();
        }
    }

    /// Takes the app from the thread, waiting for it if needed (or reading the files here when
    /// the thread could not start or failed).
    fn wait_for_loader(&mut self) {
        let ShellState::Loading { loader, paths } = &mut self.state else {
            return;
        };
        let loaded = loader.take().and_then(|handle| handle.join().ok());
        let mut app = loaded.unwrap_or_else(|| {
            app::LimberApp::new(app::AppInit {
                paths: paths.clone(),
                clock: Box::new(clock::SystemClock),
            })
        });
        if let Some(screen) = self.screen {
            app.screen = screen;
        }
        let flusher = app.persistence.flusher();
        self.termination.flusher.get_or_init(|| flusher);
        self.state = ShellState::Ready(Box::new(app));
    }

    /// Once the first frame is on screen (or at once when started hidden): opens the sound
    /// device when the app is ready, and sets the window icon.
    fn after_first_frame(&mut self, ctx: &egui::Context) {
        if !self.first_frame_drawn && !self.minimized {
            return;
        }
        if let ShellState::Ready(app) = &mut self.state
            && app.cues.sound.is_none()
        {
            app.cues.sound = Some(sound::Sound::new());
            app.cues.voice = Some(voice::Voice::new());
            // The screen's state is asked of the system once breaks are on (tests keep a fake).
            app.breaks.ask_system = true;
            app.build_figures_in_background(ctx);
        }
        if !self.icon_set {
            self.icon_set = true;
            if let Some(icon) = icon::window_icon() {
                ctx.send_viewport_cmd(egui::ViewportCommand::Icon(Some(std::sync::Arc::new(icon))));
            }
        }
    }
}

/// How long after a Ctrl+C or SIGTERM the process ends even if the window has not closed (the
/// event loop stuck in a driver, say). The log is saved before this wait starts.
const TERMINATION_GRACE: std::time::Duration = std::time::Duration::from_secs(3);

/// On Ctrl+C or SIGTERM (a logout, `kill`): writes every pending change, then asks the window to
/// close through the event loop, as its close button does ([`eframe::App::on_exit`] saves once
/// more). The process ends by itself from the main thread, after eframe has let go of the GL
/// context, the sound and the voice; ending it from the signal's thread while the main thread
/// was inside the GL driver crashed it about once in 34 times. Only if the window has not closed
/// after [`TERMINATION_GRACE`] does the process end from here.
fn close_on_termination(termination: &Arc<Termination>, ctx: &egui::Context) {
    let termination = Arc::clone(termination);
    let ctx = ctx.clone();
    let result = ctrlc::set_handler(move || {
        let saved = termination
            .flusher
            .get()
            .is_none_or(crate::core::store::Flusher::flush);
        termination.saved.store(saved, Ordering::SeqCst);
        termination.requested.store(true, Ordering::SeqCst);
        ctx.request_repaint();
        std::thread::sleep(TERMINATION_GRACE);
        eprintln!("Limber's window did not close in time after the signal; it ends now.");
        let saved = termination.saved.load(Ordering::SeqCst);
        std::process::exit(if saved { 130 } else { 1 });
    });
    if let Err(err) = result {
        eprintln!("Limber could not watch for Ctrl+C ({err}); close the window to quit safely.");
    }
}

impl Shell {
    /// Shows the window for each later launch on this data folder, on the screen it asked for.
    fn take_hand_overs(&mut self, ctx: &egui::Context) {
        let mut shown = false;
        while let Ok(request) = self.hand_overs.try_recv() {
            shown = true;
            if let Some(screen) = request
                .screen
                .as_deref()
                .and_then(command::Screen::from_name)
            {
                self.screen = Some(screen);
                if let ShellState::Ready(app) = &mut self.state {
                    app.screen = screen;
                }
            }
        }
        if shown {
            self.handed_over = true;
            ctx.send_viewport_cmd(egui::ViewportCommand::Visible(true));
            ctx.send_viewport_cmd(egui::ViewportCommand::Minimized(false));
            ctx.send_viewport_cmd(egui::ViewportCommand::Focus);
            // A Wayland window may not take the focus by itself (winit cannot hand it the new
            // launch's activation token): it asks for the person's attention instead.
            if std::env::var_os("WAYLAND_DISPLAY").is_some() {
                ctx.send_viewport_cmd(egui::ViewportCommand::RequestUserAttention(
                    egui::UserAttentionType::Informational,
                ));
            }
            ctx.request_repaint();
        }
    }

    /// Closes the window after a signal; otherwise, when the person closes it with something
    /// unsaved, keeps it open and asks.
    fn handle_close(&mut self, ctx: &egui::Context) {
        if self.termination.requested.load(Ordering::SeqCst) {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            return;
        }
        let close_requested = ctx.input(|input| input.viewport().close_requested());
        if !close_requested || self.close == CloseState::Confirmed {
            return;
        }
        let unsaved = match &self.state {
            ShellState::Ready(app) => app.unsaved(),
            ShellState::Loading { .. } => Vec::new(),
        };
        if !unsaved.is_empty() {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.close = CloseState::Asking(unsaved);
        }
    }

    /// The question asked before closing with something unsaved.
    fn close_question_ui(&mut self, ctx: &egui::Context) {
        let CloseState::Asking(unsaved) = &self.close else {
            return;
        };
        let mut choice = None;
        a11y::named_modal(egui::Id::unique("close-unsaved"), "Close Limber").show(ctx, |ui| {
            crate::ui::theme::heading(ui, "Close Limber?");
            ui.label(format!(
                "Not saved yet: {}. If you close now, it is lost.",
                unsaved.join("; ")
            ));
            ui.horizontal(|ui| {
                if ui.button("Keep Limber open").clicked() {
                    choice = Some(false);
                }
                if ui.button("Close without saving").clicked() {
                    choice = Some(true);
                }
            });
        });
        match choice {
            Some(true) => {
                self.close = CloseState::Confirmed;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
            Some(false) => self.close = CloseState::Open,
            None => {}
        }
    }
}

impl eframe::App for Shell {
    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        if let ShellState::Ready(app) = &self.state {
            let saved = app.flush();
            self.termination.saved.store(saved, Ordering::SeqCst);
            if !saved {
                eprintln!(
                    "Limber could not finish saving before it closed; the last change may be missing."
                );
            }
        }
    }

    fn clear_color(&self, visuals: &egui::Visuals) -> [f32; 4] {
        visuals.panel_fill.to_normalized_gamma_f32()
    }

    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        self.poll();
        self.take_hand_overs(ctx);
        self.handle_close(ctx);
        self.after_first_frame(ctx);
        if let ShellState::Ready(app) = &mut self.state {
            let took = timing::measure(|| app.tick(ctx));
            if let Some(report) = &mut self.timing {
                report.add_logic(took);
            }
        }
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.poll();
        let took = timing::measure(|| match &mut self.state {
            ShellState::Ready(app) => app.show(ui),
            ShellState::Loading { .. } => {
                loading_ui(ui);
                // Look again shortly: the thread usually ends within a few frames' time.
                ui.ctx()
                    .request_repaint_after(std::time::Duration::from_millis(5));
            }
        });
        self.close_question_ui(ui.ctx());
        if let Some(report) = &mut self.timing {
            report.record(took, ui.ctx());
            if matches!(self.state, ShellState::Ready(_)) {
                report.content_shown();
            }
        }
        if !self.first_frame_drawn && self.minimized && !self.handed_over {
            // eframe shows the window once its first frame is painted, even one built hidden
            // (its viewport info never says "hidden"); this command comes after that, so a
            // start at login stays hidden.
            ui.ctx()
                .send_viewport_cmd(egui::ViewportCommand::Visible(false));
        }
        if !self.first_frame_drawn {
            // A second frame, soon, to set up what waits for the first to be on screen.
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_millis(50));
            self.first_frame_drawn = true;
        }
    }
}

/// The window while the files are read: the app's name and a short line, in the same place
/// and colours as the real screens, so the change is calm.
fn loading_ui(ui: &mut egui::Ui) {
    egui::CentralPanel::default()
        .frame(theme::central_panel_frame(ui.style()))
        .show(ui, |ui| {
            crate::ui::theme::heading(ui, "Limber");
            ui.label(egui::RichText::new("Opening your routine and log\u{2026}").weak());
        });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loading_shell(paths: Paths, loader: bool) -> Shell {
        Shell {
            state: ShellState::Loading {
                loader: if loader {
                    spawn_loader(paths.clone())
                } else {
                    None
                },
                paths,
            },
            icon_set: false,
            timing: None,
            screen: Some(command::Screen::History),
            first_frame_drawn: false,
            minimized: false,
            handed_over: false,
            hand_overs: std::sync::mpsc::channel().1,
            termination: Arc::default(),
            close: CloseState::default(),
        }
    }

    #[test]
    fn the_shell_hands_over_the_loaded_app_with_the_chosen_screen() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let mut shell = loading_shell(Paths::under(dir.path()), true);
        shell.wait_for_loader();
        let ShellState::Ready(app) = &shell.state else {
            panic!("the app should be ready after waiting");
        };
        assert_eq!(app.screen, command::Screen::History);
        assert!(app.routine.enabled().count() > 0);
    }

    #[test]
    fn sound_and_icon_wait_for_the_first_frame_unless_started_hidden() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let ctx = egui::Context::default();
        let mut shell = loading_shell(Paths::under(dir.path()), true);
        shell.wait_for_loader();
        shell.after_first_frame(&ctx);
        let sound_started = |shell: &Shell| match &shell.state {
            ShellState::Ready(app) => app.cues.sound.is_some(),
            ShellState::Loading { .. } => false,
        };
        assert!(
            !sound_started(&shell) && !shell.icon_set,
            "nothing before the first frame"
        );
        shell.first_frame_drawn = true;
        shell.after_first_frame(&ctx);
        assert!(sound_started(&shell) && shell.icon_set);

        let mut hidden = loading_shell(Paths::under(dir.path()), true);
        hidden.minimized = true;
        hidden.wait_for_loader();
        hidden.after_first_frame(&ctx);
        assert!(
            sound_started(&hidden),
            "a hidden start is heard without a frame"
        );
    }

    #[test]
    fn the_setup_waits_for_the_files_but_not_past_its_budget() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let mut shell = loading_shell(Paths::under(dir.path()), true);
        shell.wait_for_loader_within(std::time::Duration::from_secs(30));
        assert!(matches!(shell.state, ShellState::Ready(_)));

        // A loader that is still busy is left running when the budget is spent.
        let paths = Paths::under(dir.path());
        let (release, wait) = std::sync::mpsc::channel::<()>();
        let busy = std::thread::spawn(move || {
            let _ = wait.recv();
            app::LimberApp::new(app::AppInit {
                paths,
                clock: Box::new(clock::SystemClock),
            })
        });
        let mut slow = loading_shell(Paths::under(dir.path()), false);
        slow.state = ShellState::Loading {
            loader: Some(busy),
            paths: Paths::under(dir.path()),
        };
        let started = std::time::Instant::now();
        slow.wait_for_loader_within(std::time::Duration::from_millis(20));
        assert!(matches!(slow.state, ShellState::Loading { .. }));
        assert!(started.elapsed() < std::time::Duration::from_secs(5));
        release.send(()).expect("the loader waits");
        slow.wait_for_loader();
        assert!(matches!(slow.state, ShellState::Ready(_)));
    }

    #[test]
    fn without_a_thread_the_files_are_read_on_the_next_frame() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let mut shell = loading_shell(Paths::under(dir.path()), false);
        // `poll` never blocks on a running thread; with none it reads the files itself.
        shell.poll();
        assert!(matches!(shell.state, ShellState::Ready(_)));
    }

    /// What the root viewport was asked to do in one pass of `ctx` with `input`.
    fn commands_of(
        ctx: &egui::Context,
        input: egui::RawInput,
        pass: impl FnMut(&mut egui::Ui),
    ) -> Vec<egui::ViewportCommand> {
        let mut output = ctx.run_ui(input, pass);
        // No painter here: the font atlas is not uploaded.
        output.textures_delta.clear();
        output
            .viewport_output
            .get(&egui::ViewportId::ROOT)
            .map(|output| output.commands.clone())
            .unwrap_or_default()
    }

    fn close_requested() -> egui::RawInput {
        let mut input = egui::RawInput::default();
        input
            .viewports
            .entry(egui::ViewportId::ROOT)
            .or_default()
            .events
            .push(egui::ViewportEvent::Close);
        input
    }

    #[test]
    fn a_later_launch_shows_the_window_on_the_screen_it_asked_for() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let mut shell = loading_shell(Paths::under(dir.path()), true);
        shell.minimized = true;
        shell.wait_for_loader();
        let (sender, hand_overs) = std::sync::mpsc::channel();
        shell.hand_overs = hand_overs;
        sender
            .send(instance::HandOver {
                screen: Some("progress".to_owned()),
                activation_token: None,
            })
            .expect("the shell listens");
        let ctx = egui::Context::default();
        let commands = commands_of(&ctx, egui::RawInput::default(), |ui| {
            shell.take_hand_overs(ui.ctx());
        });
        for shown in [
            egui::ViewportCommand::Visible(true),
            egui::ViewportCommand::Minimized(false),
            egui::ViewportCommand::Focus,
        ] {
            assert!(commands.contains(&shown), "{shown:?} in {commands:?}");
        }
        let ShellState::Ready(app) = &shell.state else {
            panic!("the app should be ready");
        };
        assert_eq!(app.screen, command::Screen::Progress);
        assert!(shell.handed_over, "a hidden start no longer hides it");
    }

    #[test]
    fn closing_with_something_unsaved_asks_but_a_signal_closes() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let ctx = egui::Context::default();
        let mut shell = loading_shell(Paths::under(dir.path()), true);
        shell.wait_for_loader();

        // Nothing unsaved: the window closes.
        let commands = commands_of(&ctx, close_requested(), |ui| shell.handle_close(ui.ctx()));
        assert!(!commands.contains(&egui::ViewportCommand::CancelClose));
        assert_eq!(shell.close, CloseState::Open);

        // A change that could not be written: the window stays and asks.
        if let ShellState::Ready(app) = &mut shell.state {
            app.notices.save_error = Some("the disk is full".to_owned());
        }
        let commands = commands_of(&ctx, close_requested(), |ui| shell.handle_close(ui.ctx()));
        assert!(commands.contains(&egui::ViewportCommand::CancelClose));
        assert!(matches!(shell.close, CloseState::Asking(ref what) if what.len() == 1));

        // Once the person chose to close anyway, it closes.
        shell.close = CloseState::Confirmed;
        let commands = commands_of(&ctx, close_requested(), |ui| shell.handle_close(ui.ctx()));
        assert!(!commands.contains(&egui::ViewportCommand::CancelClose));

        // A SIGTERM closes through the event loop without asking.
        shell.close = CloseState::Open;
        shell.termination.requested.store(true, Ordering::SeqCst);
        let commands = commands_of(&ctx, egui::RawInput::default(), |ui| {
            shell.handle_close(ui.ctx());
        });
        assert!(commands.contains(&egui::ViewportCommand::Close));
    }
}
