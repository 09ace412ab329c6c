//! Desktop notifications for the daily reminder and the desk break.
//!
//! On Linux this talks to the notification service over D-Bus. On Windows it is a toast sent
//! under Limber's app user model id ([`APP_ID`](crate::ui::APP_ID)), which the installer's
//! Start-menu shortcut carries (`scripts/windows/limber.nsi`), so Windows shows it with Limber's
//! name and icon. When there is no notification service (no desktop, a minimal window manager,
//! a test machine, Wine) showing a notification returns an error; it never panics, and the app
//! shows the reminder in its own window instead.

use std::sync::mpsc::{self, Receiver, Sender};

use crate::ui::command::BreakAction;

/// The title of the desk-break notification.
pub const BREAK_TITLE: &str = "Time for a short movement break";

/// The label of the desk break's "Start break" (on its line on Today and in the notification).
pub const START_BREAK: &str = "Start break";

/// The id of the notification's "Start break" action.
const START_BREAK_ACTION: &str = "start-break";

/// The title of the daily reminder.
pub const REMINDER_TITLE: &str = "Time for your upper-back routine";

/// The text of the daily reminder: gentle, and no pressure to push through pain.
pub const REMINDER_BODY: &str = "Today's routine is not done yet. Open Limber when you are ready; if your back hurts more than usual, go easy or take a rest day.";

/// Why a desktop notification could not be shown.
#[derive(Debug, thiserror::Error)]
#[error(
    "Could not show a desktop notification ({0}). Reminders need a notification service; Limber shows them in its own window as well."
)]
pub struct NotifyError(String);

/// Shows a desktop notification from Limber. Blocks until the notification service answers
/// (quickly when it runs); use [`notify_in_background`] from the UI thread.
pub fn notify(title: &str, body: &str) -> Result<(), NotifyError> {
    let mut notification = notify_rust::Notification::new();
    notification
        .appname("Limber")
        .summary(title)
        .body(body)
        .icon("limber");
    #[cfg(windows)]
    notification.app_id(crate::ui::APP_ID);
    notification
        .show()
        .map(|_handle| ())
        .map_err(|err| NotifyError(err.to_string()))
}

/// Shows the daily reminder ([`REMINDER_TITLE`], [`REMINDER_BODY`]) on its own thread, so a slow
/// or missing notification service never freezes the window. The result arrives on the
/// returned channel; poll it with `try_recv` in a later frame.
pub fn notify_in_background(
    title: impl Into<String>,
    body: impl Into<String>,
) -> Receiver<Result<(), NotifyError>> {
    let (sender, receiver) = mpsc::channel();
    let (title, body) = (title.into(), body.into());
    let spawned = std::thread::Builder::new()
        .name("limber-notify".to_owned())
        .spawn({
            let sender = sender.clone();
            move || {
                if let Err(mpsc::SendError(result)) = sender.send(notify(&title, &body)) {
                    log::info!("a reminder was sent after the window closed: {result:?}");
                }
            }
        });
    if let Err(err) = spawned
        && sender.send(Err(NotifyError(err.to_string()))).is_err()
    {
        log::warn!("could not start the notification thread: {err}");
    }
    receiver
}

/// Shows the desk-break notification on its own thread. Where the platform supports actions
/// (Linux: the notification service over D-Bus), it carries a "Start break" button whose click
/// arrives on `actions` as [`BreakAction::Start`], after which `wake` asks for a frame; on
/// Windows and macOS the same crate shows a plain notification, and Limber's own line on Today
/// has the buttons whether or not a notification service answered (a failure is only noted in
/// the diagnostics log: the line on Today is the offer).
pub fn notify_break_in_background(
    body: String,
    actions: Sender<BreakAction>,
    wake: impl Fn() + Send + 'static,
) {
    let spawned = std::thread::Builder::new()
        .name("limber-break-notify".to_owned())
        .spawn(move || show_break(&body, &actions, &wake));
    if let Err(err) = spawned {
        log::warn!(
            "could not start the notification thread; the break is offered in the window: {err}"
        );
    }
}

/// Shows the break's notification and, where actions are supported, waits for its answer.
fn show_break(body: &str, actions: &Sender<BreakAction>, wake: &dyn Fn()) {
    let mut notification = notify_rust::Notification::new();
    notification
        .appname("Limber")
        .summary(BREAK_TITLE)
        .body(body)
        .icon("limber");
    #[cfg(windows)]
    notification.app_id(crate::ui::APP_ID);
    #[cfg(all(unix, not(target_os = "macos")))]
    {
        notification.action(START_BREAK_ACTION, START_BREAK);
        match notification.show() {
            Ok(handle) => {
                handle.wait_for_action(|action| {
                    if action == START_BREAK_ACTION {
                        if actions.send(BreakAction::Start).is_err() {
                            log::info!("a break was started after the window closed");
                        }
                        wake();
                    }
                });
            }
            Err(err) => log_not_shown(&err.to_string()),
        }
    }
    #[cfg(not(all(unix, not(target_os = "macos"))))]
    {
        let _unused = (actions, wake, START_BREAK_ACTION);
        if let Err(err) = notification.show() {
            log_not_shown(&err.to_string());
        }
    }
}

/// No notification service answered: the line on Today is the offer.
fn log_not_shown(err: &str) {
    log::info!("the desk break is offered in the window only: {err}");
}

#[cfg(test)]
mod tests {
    /// Windows shows a toast only for an app user model id that a Start-menu shortcut carries: the
    /// id the installer gives the shortcut must be the one the reminder is sent under.
    #[test]
    fn the_installer_gives_the_shortcut_the_id_the_reminder_is_sent_under() {
        let script = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/windows/limber.nsi"),
        )
        .expect("the installer script");
        let defined = script
            .lines()
            .find_map(|line| line.strip_prefix("!define AUMID "))
            .expect("the installer defines AUMID");
        assert_eq!(defined, format!("\"{}\"", crate::ui::APP_ID));
        assert!(
            script.contains("!insertmacro SetShortcutAppUserModelId \"$SMPROGRAMS\\Limber.lnk\""),
            "the Start-menu shortcut gets the id"
        );
    }
}
