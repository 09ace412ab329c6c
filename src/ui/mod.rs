//! The egui layer: draws the core's state and turns input into commands.

pub mod a11y;
pub mod banners;
pub mod calendar;
pub mod chart;
pub mod fonts;
pub mod icon;
pub mod notice;
pub mod notify;
pub mod persist;
pub mod progress;
pub mod routine_editor;
pub mod settings;
pub mod sound;
pub mod voice;

use std::process::ExitCode;

use crate::core::paths::Paths;

pub mod app;
pub mod body_map;
pub mod clock;
pub mod command;
pub mod diary;
pub mod digits;
pub mod exercise_card;
pub mod export;
pub mod history;
pub mod illustration;
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
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("Limber could not open its window: {err}");
            ExitCode::FAILURE
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
        if let Some(flusher) = app.persistence.flusher() {
            flush_on_termination(flusher);
        }
        self.state = ShellState::Ready(Box::new(app));
    }

    /// Once the first frame is on screen (or at once when started hidden): opens the sound
    /// device when the app is ready, and sets the window icon.
    fn after_first_frame(&mut self, ctx: &egui::Context) {
        if !self.first_frame_drawn && !self.minimized {
            return;
        }
        if let ShellState::Ready(app) = &mut self.state
            && app.sound.is_none()
        {
            app.sound = Some(sound::Sound::new());
            app.voice = Some(voice::Voice::new());
        }
        if !self.icon_set {
            self.icon_set = true;
            if let Some(icon) = icon::window_icon() {
                ctx.send_viewport_cmd(egui::ViewportCommand::Icon(Some(std::sync::Arc::new(icon))));
            }
        }
    }
}

/// On Ctrl+C or SIGTERM (a logout, `kill`), writes every pending change before the process
/// ends; closing the window flushes through [`eframe::App::on_exit`] and the saver's drop.
fn flush_on_termination(flusher: crate::core::store::Flusher) {
    let result = ctrlc::set_handler(move || {
        let saved = flusher.flush();
        std::process::exit(if saved { 130 } else { 1 });
    });
    if let Err(err) = result {
        eprintln!("Limber could not watch for Ctrl+C ({err}); close the window to quit safely.");
    }
}

impl eframe::App for Shell {
    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        if let ShellState::Ready(app) = &self.state
            && !app.flush()
        {
            eprintln!(
                "Limber could not finish saving before it closed; the last change may be missing."
            );
        }
    }

    fn clear_color(&self, visuals: &egui::Visuals) -> [f32; 4] {
        visuals.panel_fill.to_normalized_gamma_f32()
    }

    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        self.poll();
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
        if let Some(report) = &mut self.timing {
            report.record(took, ui.ctx());
            if matches!(self.state, ShellState::Ready(_)) {
                report.content_shown();
            }
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
            ui.heading("Limber");
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
            ShellState::Ready(app) => app.sound.is_some(),
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
}
