//! Choosing files: the system's dialogs through rfd when they can work,
//! Argmark's own ([`super::file_dialog`]) when they cannot, scripted
//! answers in tests.
//!
//! rfd 0.17 on Linux asks the XDG desktop portal over D-Bus, falls back to
//! running `zenity`, and when both fail it only logs and returns `None`,
//! the same as a cancel. So before using it we probe for what it needs: a
//! portal exposing `org.freedesktop.portal.FileChooser` on the session bus,
//! or `zenity` on the `PATH`. If neither is there the picker answers
//! [`PickOutcome::UseBuiltin`] with the reason, and the window shows its
//! own dialog instead of doing nothing. `ARGMARK_FILE_DIALOG=builtin`
//! (or `native`) skips the probe.

use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver};
use std::time::Duration;

/// Environment variable that forces a dialog kind: `builtin` or `native`.
pub const DIALOG_ENV: &str = "ARGMARK_FILE_DIALOG";

/// What kind of file a dialog should offer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PickKind {
    /// A saved map or a text (Open…).
    Any,
    /// A text to annotate (New from text…).
    Text,
    /// Another annotation of the same text (Compare with…).
    Map,
}

/// What a file request is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    /// Open a file of this kind.
    Open(PickKind),
    /// Save the map (`.argmap.ron`).
    Save,
    /// Export the map picture (`.svg` or `.png`).
    Export,
    /// Export the document in another tool's format, or as a report.
    ExportAs(crate::io::formats::Target),
}

/// A question for a file dialog.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PickRequest {
    pub purpose: Purpose,
    /// The folder to start in (beside the open text or map).
    pub dir: Option<PathBuf>,
    /// The suggested file name, for saving and exporting.
    pub name: String,
}

/// How a dialog ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PickOutcome {
    /// The user chose a path.
    Chosen(PathBuf),
    /// The user closed the dialog.
    Cancelled,
    /// This picker cannot ask; the window should use its own dialog. `why`
    /// is shown to the user (none when they asked for it).
    UseBuiltin { why: Option<String> },
}

/// Asks the user for paths. The window uses native dialogs; tests script answers.
pub trait FilePicker {
    /// Asks, blocking until the user answers (or the picker knows it cannot).
    fn pick(&mut self, request: &PickRequest) -> PickOutcome;
}

/// Whether the system's dialogs can work here.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Availability {
    Native,
    /// They cannot; the reason, for the user.
    Missing(String),
}

/// The system's dialogs through rfd, after checking they can open.
pub struct NativePicker {
    probe: Option<Receiver<Availability>>,
    known: Option<Availability>,
}

impl NativePicker {
    /// Starts probing now (in the background), so the first Save does not wait.
    pub fn detect() -> Self {
        let mut p = Self::lazy();
        p.start_probe();
        p
    }

    /// Probes on a thread: a portal that never answers must not hang the window.
    fn start_probe(&mut self) {
        let (tx, rx) = mpsc::channel();
        let spawned = std::thread::Builder::new()
            .name("argmark dialog probe".into())
            .spawn(move || {
                let _ = tx.send(probe());
            });
        match spawned {
            Ok(_) => self.probe = Some(rx),
            Err(_) => {
                self.known = Some(Availability::Missing(
                    "could not check for a system file dialog".into(),
                ));
            }
        }
    }

    /// Probes on first use (windows in tests rarely need a dialog).
    pub fn lazy() -> Self {
        Self {
            probe: None,
            known: None,
        }
    }

    fn availability(&mut self) -> Availability {
        if let Some(a) = &self.known {
            return a.clone();
        }
        if self.probe.is_none() {
            self.start_probe();
        }
        let a = match self.probe.take() {
            Some(rx) => rx.recv_timeout(Duration::from_secs(3)).unwrap_or_else(|_| {
                Availability::Missing("the desktop portal did not answer in time".into())
            }),
            None => return self.known.clone().unwrap_or(Availability::Native),
        };
        self.known = Some(a.clone());
        a
    }
}

impl FilePicker for NativePicker {
    fn pick(&mut self, request: &PickRequest) -> PickOutcome {
        if let Availability::Missing(why) = self.availability() {
            return PickOutcome::UseBuiltin { why: Some(why) };
        }
        rfd_failures::install();
        rfd_failures::take();
        let mut dialog = rfd::FileDialog::new();
        if let Some(dir) = &request.dir {
            dialog = dialog.set_directory(dir);
        }
        let chosen = match request.purpose {
            Purpose::Open(PickKind::Any) => dialog
                .add_filter(
                    "Argument maps and texts",
                    &["ron", "txt", "md", "json", "ann"],
                )
                .add_filter("Argument maps", &["ron"])
                .add_filter("Texts", &["txt", "md"])
                .add_filter("AIF / OVA3 JSON, brat", &["json", "ann"])
                .pick_file(),
            Purpose::Open(PickKind::Text) => dialog.add_filter("Texts", &["txt", "md"]).pick_file(),
            Purpose::Open(PickKind::Map) => {
                dialog.add_filter("Argument maps", &["ron"]).pick_file()
            }
            Purpose::Save => dialog
                .add_filter("Argument maps", &["ron"])
                .set_file_name(&request.name)
                .save_file(),
            Purpose::Export => dialog
                .add_filter("SVG drawing", &["svg"])
                .add_filter("PNG image", &["png"])
                .set_file_name(&request.name)
                .save_file(),
            Purpose::ExportAs(target) => dialog
                .add_filter(target.label(), &[target.extension()])
                .set_file_name(&request.name)
                .save_file(),
        };
        match (chosen, rfd_failures::take()) {
            (Some(path), _) => PickOutcome::Chosen(path),
            // rfd returned "nothing" because it could not open a dialog.
            (None, Some(failure)) => {
                // "Failed to save file with zenity: No such file…" → "zenity: No such file…"
                let detail = failure
                    .split_once("with zenity: ")
                    .map_or(failure.as_str(), |(_, d)| d);
                let why = format!("the desktop portal failed and zenity could not run ({detail})");
                self.known = Some(Availability::Missing(why.clone()));
                PickOutcome::UseBuiltin { why: Some(why) }
            }
            (None, None) => PickOutcome::Cancelled,
        }
    }
}

/// rfd reports a dialog that could not open only through `log` (error
/// level, "Failed to … with zenity: …" once the portal and then zenity have
/// failed), returning `None` as for a cancel. This logger keeps the last
/// such message so the two can be told apart. It is installed only if the
/// program has no logger of its own, and records nothing else.
mod rfd_failures {
    use std::sync::Mutex;

    static LAST: Mutex<Option<String>> = Mutex::new(None);

    struct Catcher;

    impl log::Log for Catcher {
        fn enabled(&self, m: &log::Metadata) -> bool {
            m.level() <= log::Level::Error && m.target().starts_with("rfd")
        }

        fn log(&self, record: &log::Record) {
            let message = record.args().to_string();
            if self.enabled(record.metadata())
                && message.contains("zenity")
                && let Ok(mut last) = LAST.lock()
            {
                *last = Some(message);
            }
        }

        fn flush(&self) {}
    }

    /// Installs the catcher once (no-op if another logger is set).
    pub fn install() {
        static ONCE: std::sync::Once = std::sync::Once::new();
        ONCE.call_once(|| {
            if log::set_logger(&Catcher).is_ok() {
                log::set_max_level(log::LevelFilter::Error);
            }
        });
    }

    /// The failure logged since the last call, if any.
    pub fn take() -> Option<String> {
        LAST.lock().ok().and_then(|mut l| l.take())
    }

    #[cfg(test)]
    mod tests {
        #[test]
        fn zenity_failures_from_rfd_are_caught_and_nothing_else() {
            super::install();
            super::take();
            log::error!(target: "rfd::backend::xdg_desktop_portal", "OpenFile failed: no bus");
            assert_eq!(
                super::take(),
                None,
                "the portal failing alone is not the end"
            );
            log::error!(target: "other", "Failed to run zenity");
            assert_eq!(super::take(), None);
            log::error!(
                target: "rfd::backend::xdg_desktop_portal",
                "Failed to save file with zenity: No such file or directory (os error 2)"
            );
            let got = super::take().unwrap();
            assert!(got.contains("No such file"), "{got}");
            assert_eq!(super::take(), None, "taken once");
        }
    }
}

/// Always defers to the in-app dialog (`ARGMARK_FILE_DIALOG=builtin`, tests).
pub struct BuiltinPicker {
    /// Shown once when the window switches to its own dialog.
    pub why: Option<String>,
}

impl FilePicker for BuiltinPicker {
    fn pick(&mut self, _: &PickRequest) -> PickOutcome {
        PickOutcome::UseBuiltin {
            why: self.why.clone(),
        }
    }
}

/// The picker the window starts with: `ARGMARK_FILE_DIALOG` decides, else
/// the system's dialogs after a probe (started now when `eager`).
pub fn default_picker(eager: bool) -> Box<dyn FilePicker> {
    match std::env::var(DIALOG_ENV).as_deref() {
        Ok("builtin") => Box::new(BuiltinPicker { why: None }),
        Ok("native") => Box::new(NativePicker {
            probe: None,
            known: Some(Availability::Native),
        }),
        _ if eager => Box::new(NativePicker::detect()),
        _ => Box::new(NativePicker::lazy()),
    }
}

/// Checks for what rfd needs on this platform.
pub fn probe() -> Availability {
    #[cfg(target_os = "linux")]
    {
        let portal = match portal_has_file_chooser() {
            Ok(()) => return Availability::Native,
            Err(e) => e,
        };
        if on_path("zenity") {
            return Availability::Native;
        }
        Availability::Missing(format!("{portal}, and zenity is not installed"))
    }
    #[cfg(not(target_os = "linux"))]
    {
        Availability::Native
    }
}

/// Asks the session bus whether the desktop portal offers a file chooser.
#[cfg(target_os = "linux")]
fn portal_has_file_chooser() -> Result<(), String> {
    let ask = async {
        let conn = zbus::Connection::session()
            .await
            .map_err(|_| "no D-Bus session bus".to_owned())?;
        let reply = conn
            .call_method(
                Some("org.freedesktop.portal.Desktop"),
                "/org/freedesktop/portal/desktop",
                Some("org.freedesktop.DBus.Introspectable"),
                "Introspect",
                &(),
            )
            .await
            .map_err(|_| "no XDG desktop portal".to_owned())?;
        let xml: String = reply
            .body()
            .deserialize()
            .map_err(|_| "the XDG desktop portal did not describe itself".to_owned())?;
        if xml.contains("org.freedesktop.portal.FileChooser") {
            Ok(())
        } else {
            Err("the XDG desktop portal has no file chooser".to_owned())
        }
    };
    // Runs on the probe thread; the caller waits at most a few seconds.
    async_io::block_on(ask)
}

/// Whether an executable of this name is on the `PATH`.
#[cfg(target_os = "linux")]
fn on_path(program: &str) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::env::var_os("PATH").is_some_and(|path| {
        std::env::split_paths(&path).any(|dir| {
            std::fs::metadata(dir.join(program))
                .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
        })
    })
}

/// Answers dialogs from a queue: for tests and scripted runs.
#[derive(Default)]
pub struct ScriptedPicker {
    /// `None` answers as a cancel.
    pub answers: std::collections::VecDeque<Option<PathBuf>>,
}

impl FilePicker for ScriptedPicker {
    fn pick(&mut self, _: &PickRequest) -> PickOutcome {
        self.answers
            .pop_front()
            .flatten()
            .map_or(PickOutcome::Cancelled, PickOutcome::Chosen)
    }
}

/// Appends `.argmap.ron` when the user typed a bare name.
pub fn with_map_extension(mut path: PathBuf) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if !name.ends_with(".ron") {
        path.set_file_name(format!("{name}.argmap.ron"));
    }
    path
}
