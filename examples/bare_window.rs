//! A bare eframe window with the same eframe version, features and renderer as Limber, for
//! `scripts/bench-gui.sh` to compare against. It draws one label and, like Limber with
//! `--report-timing`, prints when its first frame was drawn.

use std::time::{SystemTime, UNIX_EPOCH};

struct Bare {
    first_frame_printed: bool,
}

impl eframe::App for Bare {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        egui::CentralPanel::default().show(ui, |ui| {
            ui.label("bare eframe window");
        });
        if !self.first_frame_printed {
            self.first_frame_printed = true;
            let since_epoch = SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .unwrap_or_default();
            eprintln!(
                "limber-timing first-frame-epoch-ms {}",
                since_epoch.as_millis()
            );
        }
    }
}

fn main() -> eframe::Result {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("bare")
            .with_inner_size([1100.0, 760.0]),
        renderer: eframe::Renderer::Glow,
        ..Default::default()
    };
    eframe::run_native(
        "bare",
        options,
        Box::new(|_cc| {
            Ok(Box::new(Bare {
                first_frame_printed: false,
            }))
        }),
    )
}
