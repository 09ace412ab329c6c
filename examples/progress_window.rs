//! Shows the Progress screen in a window with a generated log, to look at it.
//!
//! `cargo run --example progress_window -- [empty|two-weeks|ten-years] [dark]`

#[path = "demo_log/mod.rs"]
mod demo_log;

use chrono::NaiveDate;
use limber::core::catalog::Routine;
use limber::core::figures::{Figures, FiguresInput};
use limber::core::log::SessionLog;
use limber::core::prompts::Dismissals;
use limber::ui::progress::{ProgressInput, ProgressView};

struct Demo {
    view: ProgressView,
    figures: Figures,
    dismissals: Dismissals,
}

impl eframe::App for Demo {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        egui::CentralPanel::default().show(ui, |ui| {
            let shown = self.figures.active_prompts(self.figures.log());
            let input = ProgressInput {
                figures: &self.figures,
                dismissals: &self.dismissals,
                shown: &shown,
            };
            for action in self.view.ui(ui, &input) {
                eprintln!("action: {action:?}");
            }
        });
    }
}

fn main() -> eframe::Result {
    let args: Vec<String> = std::env::args().collect();
    let mode = args.get(1).map_or("two-weeks", String::as_str);
    let dark = args.iter().any(|a| a == "dark");
    let routine = Routine::built_in().unwrap_or_else(|e| {
        eprintln!("{e}");
        std::process::exit(1)
    });
    let today = NaiveDate::from_ymd_opt(2026, 3, 15).unwrap_or_default();
    let log = match mode {
        "empty" => SessionLog::default(),
        "ten-years" => demo_log::demo_log(3650, today, &routine, 7),
        _ => demo_log::demo_log(14, today, &routine, 7),
    };
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default().with_inner_size([1280.0, 800.0]),
        ..eframe::NativeOptions::default()
    };
    eframe::run_native(
        "Limber progress",
        options,
        Box::new(move |cc| {
            cc.egui_ctx.set_theme(if dark {
                egui::Theme::Dark
            } else {
                egui::Theme::Light
            });
            let input = FiguresInput {
                routine: &routine,
                previous_routine: None,
                today,
            };
            Ok(Box::new(Demo {
                view: ProgressView::new(),
                figures: Figures::of(&log, &input),
                dismissals: Dismissals::default(),
            }))
        }),
    )
}
