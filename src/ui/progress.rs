//! The Progress screen: is the routine working? Pain over time, which days the routine was
//! done, adherence, per-exercise figures, safety prompts and the weekly check-in.
//!
//! [`ProgressView`] is a self-contained component. The app passes the [`Figures`] (built off
//! the UI thread from the log, the routine and today's date) and the remembered dismissals;
//! the view returns [`ProgressAction`]s for the app to apply after the frame. Every number
//! shown is read from the figures; what the view derives for drawing (the chart's points, the
//! calendar's labels) is cached on the figures' key, so a frame does no work proportional to
//! the size of the log.

use std::collections::BTreeSet;

use chrono::{Days, NaiveDate};
use egui::{RichText, ScrollArea, Ui};

use crate::core::figures::week_start;
use crate::core::figures::{
    ADHERENCE_EXPLAINED, Adherence, Band, ExerciseStats, Figures, FiguresKey, FullDays,
    WeekAdherence,
};
use crate::core::log::SessionLog;
use crate::core::prompts::{self, Dismissals, Prompt};
use crate::core::session::RedFlag;
use crate::core::sign_history;
use crate::ui::banners::banner_ui;
use crate::ui::calendar::{self, CalendarDay, calendar_legend_ui, calendar_ui};
use crate::ui::chart::{self, ChartData, day_x, long_date, pain_chart_ui};
pub use crate::ui::command::ProgressAction;

mod check_in;
mod tables;

pub use check_in::CHECK_IN_DIALOG;
pub use check_in::CHECK_IN_NOT_NOW;
pub use check_in::{SIGN_REPORT_DIALOG, SOMETHING_NEW};
use check_in::{SignForm, check_in_dialog_ui, check_in_ui};
use tables::{exercises_ui, partly_text, weeks_ui};

/// How many weeks the adherence-by-week list shows.
pub const WEEKS_LISTED: u32 = 8;

/// What the screen needs from the app each frame.
#[derive(Clone, Copy, Debug)]
pub struct ProgressInput<'a> {
    /// Every figure, with the log and the day they were built for.
    pub figures: &'a Figures,
    /// When the check-in was put off.
    pub dismissals: &'a Dismissals,
    /// The safety prompts to show: today's, less those closed on the record.
    pub shown: &'a [Prompt],
}

/// The periods the chart and the per-exercise table can cover.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ChartRange {
    /// The last 14 days.
    TwoWeeks,
    /// The last 91 days.
    ThreeMonths,
    /// The last 365 days.
    OneYear,
    /// Everything since the first entry.
    All,
}

impl ChartRange {
    /// Every range, in the order of the buttons.
    pub const ALL: [ChartRange; 4] = [
        ChartRange::TwoWeeks,
        ChartRange::ThreeMonths,
        ChartRange::OneYear,
        ChartRange::All,
    ];

    /// The button text.
    pub fn label(self) -> &'static str {
        match self {
            ChartRange::TwoWeeks => "2 weeks",
            ChartRange::ThreeMonths => "3 months",
            ChartRange::OneYear => "1 year",
            ChartRange::All => "All",
        }
    }

    /// Words for headings: "in the last 3 months".
    pub fn phrase(self) -> &'static str {
        match self {
            ChartRange::TwoWeeks => "in the last 2 weeks",
            ChartRange::ThreeMonths => "in the last 3 months",
            ChartRange::OneYear => "in the last year",
            ChartRange::All => "since your first entry",
        }
    }

    fn days(self) -> Option<u64> {
        match self {
            ChartRange::TwoWeeks => Some(14),
            ChartRange::ThreeMonths => Some(91),
            ChartRange::OneYear => Some(365),
            ChartRange::All => None,
        }
    }

    fn index(self) -> usize {
        match self {
            ChartRange::TwoWeeks => 0,
            ChartRange::ThreeMonths => 1,
            ChartRange::OneYear => 2,
            ChartRange::All => 3,
        }
    }

    /// The first date the range covers on `today`, given the first date in the log.
    pub fn start(self, today: NaiveDate, first: Option<NaiveDate>) -> NaiveDate {
        match self.days() {
            Some(days) => today.checked_sub_days(Days::new(days - 1)).unwrap_or(today),
            None => first.unwrap_or(today).min(today),
        }
    }
}

/// Figures that depend on the chosen range.
struct RangeFigures {
    adherence: Adherence,
    full_days: FullDays,
    exercises: Vec<ExerciseStats>,
    band: Option<Band>,
    /// How often each area was marked on the body map, most often first.
    areas: Vec<(crate::core::body_area::BodyArea, usize)>,
}

/// What the screen draws, derived once per [`FiguresKey`].
struct Cache {
    key: FiguresKey,
    chart: ChartData,
    streak: u32,
    weeks: Vec<WeekAdherence>,
    calendar: Vec<CalendarDay>,
    average_now: Option<f64>,
    average_week_before: Option<f64>,
    has_sessions: bool,
    planned_per_day: u32,
    ranges: [Option<RangeFigures>; 4],
}

impl Cache {
    fn new(figures: &Figures) -> Cache {
        let today = figures.today();
        // The calendar starts with the week of the first entry, at most MAX_WEEKS back: days
        // before the log began are not "nothing logged".
        let calendar_from = week_start(today)
            .checked_sub_days(Days::new(
                7 * (u64::try_from(calendar::MAX_WEEKS).unwrap_or(26) - 1),
            ))
            .unwrap_or(today)
            .max(figures.first_date().map_or(today, week_start).min(today));
        let extra: std::collections::HashMap<_, _> = figures
            .extra_doses(calendar_from, today)
            .into_iter()
            .collect();
        let calendar = figures
            .day_statuses(calendar_from, today)
            .into_iter()
            .map(|(date, status)| {
                let extra = extra.get(&date).copied().unwrap_or(0);
                CalendarDay::new(date, status, extra, &long_date(date))
            })
            .collect();
        let pain = figures.pain();
        Cache {
            key: figures.key(),
            chart: ChartData::new(figures),
            streak: figures.streak(),
            weeks: figures.weekly_adherence(WEEKS_LISTED),
            calendar,
            average_now: pain.rolling_on(today),
            average_week_before: today
                .checked_sub_days(Days::new(7))
                .and_then(|d| pain.rolling_on(d)),
            has_sessions: !figures.log().sessions().is_empty(),
            planned_per_day: figures.plan().latest().doses(),
            ranges: [None, None, None, None],
        }
    }

    fn range_figures(&mut self, figures: &Figures, range: ChartRange) -> &RangeFigures {
        let first = self.chart.date_span().map(|(first, _)| first);
        let slot = &mut self.ranges[range.index()];
        slot.get_or_insert_with(|| {
            let today = figures.today();
            let from = range.start(today, first);
            RangeFigures {
                adherence: figures.adherence(from, today),
                full_days: figures.full_days(from, today),
                exercises: figures.exercise_stats(from, today),
                band: figures.band(from),
                areas: crate::core::diary::area_counts(figures.log(), from, today),
            }
        })
    }
}

/// The Progress screen component. Keep one for the life of the app.
#[derive(Default)]
pub struct ProgressView {
    range: Option<ChartRange>,
    apply_range: bool,
    view_x: Option<(f64, f64)>,
    cache: Option<Cache>,
    check_in_ticks: BTreeSet<RedFlag>,
    /// Whether Today's check-in banner was opened into the full check-in.
    today_check_in_open: bool,
    /// The signs ticked so far in "Something new or worrying?", while it is open.
    sign_report: Option<BTreeSet<RedFlag>>,
    /// Nothing can be saved: the weekly check-in, which logs its answers, is not offered.
    read_only: bool,
}

impl ProgressView {
    /// A view with nothing cached yet.
    pub fn new() -> ProgressView {
        ProgressView::default()
    }

    /// The range the chart shows (chosen automatically until the person picks one).
    pub fn range(&self) -> Option<ChartRange> {
        self.range
    }

    /// Whether the log can be saved: while it cannot, the weekly check-in is not offered, so no
    /// answer is taken that would then be lost.
    pub fn set_read_only(&mut self, read_only: bool) {
        self.read_only = read_only;
    }

    /// Shows `range` in the chart from the next frame, as if its button was pressed.
    pub fn set_range(&mut self, range: ChartRange) {
        self.range = Some(range);
        self.apply_range = true;
    }

    /// Draws the screen and returns what the person asked for.
    pub fn ui(&mut self, ui: &mut Ui, input: &ProgressInput<'_>) -> Vec<ProgressAction> {
        if self
            .cache
            .as_ref()
            .is_none_or(|c| c.key != input.figures.key())
        {
            self.cache = Some(Cache::new(input.figures));
        }
        let mut actions = Vec::new();
        ScrollArea::vertical()
            .id_salt("progress-scroll")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                self.contents_ui(ui, input, &mut actions);
                crate::ui::a11y::keep_focus_in_view(ui);
            });
        actions
    }

    fn contents_ui(
        &mut self,
        ui: &mut Ui,
        input: &ProgressInput<'_>,
        actions: &mut Vec<ProgressAction>,
    ) {
        let Some(cache) = self.cache.as_mut() else {
            return;
        };
        let figures = input.figures;
        let today = figures.today();
        crate::ui::theme::heading(ui, "Progress");
        ui.add_space(6.0);
        for prompt in input.shown {
            banner_ui(ui, prompt, actions);
            ui.add_space(8.0);
        }
        if figures.check_in_due()
            && !self.read_only
            && !prompts::check_in_put_off(today, input.dismissals.check_in_dismissed_on)
        {
            let known = sign_history::doctor_knows(figures.log(), today);
            check_in_ui(ui, &mut self.check_in_ticks, &known, actions);
            ui.add_space(8.0);
        }
        if !cache.has_sessions {
            empty_ui(ui);
            return;
        }
        summary_ui(ui, cache);
        ui.add_space(12.0);

        // Pain over time.
        crate::ui::theme::heading(ui, "Pain over time");
        let (first, last) = cache.chart.date_span().unwrap_or((today, today));
        let range = *self.range.get_or_insert_with(|| {
            if today.signed_duration_since(first).num_days() < 14 {
                ChartRange::TwoWeeks
            } else {
                ChartRange::ThreeMonths
            }
        });
        ui.horizontal_wrapped(|ui| {
            ui.label("Show:");
            for option in ChartRange::ALL {
                let response = ui
                    .selectable_label(range == option, option.label())
                    .on_hover_text(format!("Show pain {}", option.phrase()));
                if response.clicked() {
                    self.range = Some(option);
                    self.apply_range = true;
                }
            }
        });
        let range = self.range.unwrap_or(range);
        let end = day_x(today.max(last)) + 1.0;
        let range_x = (day_x(range.start(today, Some(first))), end);
        let set_x = (self.apply_range || self.view_x.is_none()).then_some(range_x);
        self.apply_range = false;
        let band = cache.range_figures(figures, range).band;
        let height = (ui.clip_rect().height() * 0.5).clamp(220.0, 420.0);
        let output = pain_chart_ui(
            ui,
            &cache.chart,
            set_x,
            self.view_x.unwrap_or(range_x),
            band,
            height,
        );
        self.view_x = output.x_range;
        if let Some(id) = output.clicked_session {
            actions.push(ProgressAction::OpenSession(id));
        }
        let weekly = self
            .view_x
            .is_some_and(|(min, max)| max - min > chart::DETAIL_MAX_DAYS);
        chart_caption_ui(ui, band, weekly);
        ui.add_space(12.0);

        crate::ui::theme::heading(ui, "Days you did your routine");
        calendar_ui(ui, &cache.calendar, today);
        calendar_legend_ui(ui);
        ui.add_space(12.0);

        crate::ui::theme::heading(ui, "Doses done each week");
        weeks_ui(ui, &cache.weeks, cache.planned_per_day);
        ui.add_space(12.0);

        let range_figures = cache.range_figures(figures, range);
        crate::ui::theme::heading(ui, format!("Each exercise {}", range.phrase()));
        if let Some(percent) = range_figures.adherence.percent() {
            ui.label(format!(
                "Doses done {}: {} of {} planned ({percent}%){}.",
                range.phrase(),
                range_figures.adherence.done,
                range_figures.adherence.planned,
                partly_text(range_figures.adherence)
            ));
            let full = range_figures.full_days;
            ui.label(format!(
                "Full days {}: {} of {} (every exercise done at least once).",
                range.phrase(),
                full.full,
                full.days
            ));
        }
        exercises_ui(ui, &range_figures.exercises);
        ui.add_space(12.0);
        crate::ui::theme::heading(ui, format!("Where it hurt {}", range.phrase()));
        areas_ui(ui, &range_figures.areas);
    }
}

/// The areas marked on the body map (with pain now and with sessions), most often first.
fn areas_ui(ui: &mut Ui, areas: &[(crate::core::body_area::BodyArea, usize)]) {
    if areas.is_empty() {
        ui.label(
            "No areas marked. When you note your pain, you can mark where it is on the body map.",
        );
        return;
    }
    for (area, count) in areas {
        let times = if *count == 1 { "time" } else { "times" };
        ui.label(format!("{}: marked {count} {times}", area.label()));
    }
}

impl ProgressView {
    /// The weekly check-in as offered on Today: a short banner when it is due (the same rule
    /// and the same ticks as on Progress, so answering or putting it off in one place holds in
    /// both), which opens the full check-in as a dialog.
    pub fn check_in_offer_ui(
        &mut self,
        ui: &mut Ui,
        log: &SessionLog,
        today: NaiveDate,
        dismissals: &Dismissals,
    ) -> Vec<ProgressAction> {
        let mut actions = Vec::new();
        if !prompts::check_in_due(log, today, dismissals.check_in_dismissed_on) {
            self.today_check_in_open = false;
            return actions;
        }
        if self.today_check_in_open {
            // A dialog with its own scroll area and a footer: it never runs past the window.
            let known = sign_history::doctor_knows(log, today);
            self.today_check_in_open = check_in_dialog_ui(
                ui.ctx(),
                SignForm::Weekly,
                &mut self.check_in_ticks,
                &known,
                &mut actions,
            );
            return actions;
        }
        crate::ui::banners::offer_chip_ui(
            ui,
            "Weekly check-in",
            "A minute on the warning signs.",
            |ui| {
                if ui
                    .button("Answer the weekly check-in")
                    .on_hover_text(
                        "Once a week Limber asks whether any warning sign applies to you",
                    )
                    .clicked()
                {
                    self.today_check_in_open = true;
                }
                if ui
                    .button(CHECK_IN_NOT_NOW)
                    .on_hover_text("The check-in comes back in a week.")
                    .clicked()
                {
                    actions.push(ProgressAction::DismissCheckIn);
                }
            },
        );
        actions
    }
}

impl ProgressView {
    /// Opens the warning-sign list of "Something new or worrying?" (from Today's button).
    pub fn open_sign_report(&mut self) {
        self.sign_report.get_or_insert_with(BTreeSet::new);
    }

    /// What Today shows of the warning signs: the weekly check-in's offer when `offer_check_in`
    /// (see [`ProgressView::check_in_offer_ui`]), and the list of "Something new or worrying?"
    /// while it is open, on any day, whether or not a check-in is due.
    pub fn today_signs_ui(
        &mut self,
        ui: &mut Ui,
        log: &SessionLog,
        today: NaiveDate,
        dismissals: &Dismissals,
        offer_check_in: bool,
    ) -> Vec<ProgressAction> {
        let mut actions = if offer_check_in {
            self.check_in_offer_ui(ui, log, today, dismissals)
        } else {
            Vec::new()
        };
        if let Some(ticks) = &mut self.sign_report {
            let known = sign_history::doctor_knows(log, today);
            let open = check_in_dialog_ui(ui.ctx(), SignForm::AnyDay, ticks, &known, &mut actions);
            if !open || self.read_only {
                self.sign_report = None;
            }
        }
        actions
    }
}

/// Draws the prompt banners (the same ones the Progress screen shows) anywhere, e.g. on Today.
pub use crate::ui::banners::prompt_banners_ui;

fn empty_ui(ui: &mut Ui) {
    ui.add_space(12.0);
    ui.label(RichText::new("Nothing to show yet").heading());
    ui.label(
        "After your first session, this page shows how your pain changes over time (before \
         and after each session, with a 7-day average), which days you did your routine, your \
         current streak, and how each exercise went.",
    );
    ui.label("Log a session or a rest day on the Today screen to get started.");
}

fn summary_ui(ui: &mut Ui, cache: &Cache) {
    ui.horizontal_wrapped(|ui| {
        let days = if cache.streak == 1 { "day" } else { "days" };
        ui.label(RichText::new(format!("Current streak: {} {days}", cache.streak)).heading())
            .on_hover_text(
                "Days in a row with at least one session done, counting back from today. A \
                 rest day does not break the streak and does not add to it.",
            );
        ui.separator();
        if let Some(week) = cache.weeks.last() {
            let text = match week.adherence.percent() {
                Some(percent) => format!(
                    "This week: {} of {} doses ({percent}%)",
                    week.adherence.done, week.adherence.planned
                ),
                None => "This week: nothing planned yet".to_owned(),
            };
            ui.label(RichText::new(text).heading()).on_hover_text(
                "Doses done this week against doses planned so far (Monday to today).",
            );
        }
    });
    ui.label(ADHERENCE_EXPLAINED);
    let average = match (cache.average_now, cache.average_week_before) {
        (Some(now), Some(before)) => {
            format!("Average pain, last 7 days: {now:.1} out of 10 (the week before: {before:.1})")
        }
        (Some(now), None) => format!("Average pain, last 7 days: {now:.1} out of 10"),
        (None, _) => "Average pain, last 7 days: no ratings".to_owned(),
    };
    ui.label(average);
}

fn chart_caption_ui(ui: &mut Ui, band: Option<Band>, weekly: bool) {
    ui.label(
        "The legend above says what each shape means (the PDF report uses the same). Hover a \
         point for details; drag to move, scroll to zoom.",
    );
    if weekly {
        ui.label("Showing weekly averages for this long period. Zoom in to see single sessions.");
    }
    if let Some(band) = band {
        ui.label(format!(
            "Shaded band: {:.0} points either side of {:.1}, your average at the start of \
             this period.",
            crate::core::figures::MEANINGFUL_CHANGE_POINTS,
            band.level
        ))
        .on_hover_text(
            "On a 0 to 10 pain scale, a change of about 2 points is the size people with back \
             pain usually notice in daily life. Smaller ups and downs are common from day to \
             day. This is a rough guide, not a verdict: talk it over with your therapist.",
        );
    }
}
