//! Watching the open map file for changes made by someone else: a cheap
//! check every couple of seconds ([`crate::io::stamp`]), a non-blocking
//! banner offering Reload / Keep mine, and the check right before saving.
//! A new annotation of a text watches the text file instead: the map embeds
//! its own copy, so a change there is only reported, never reloaded.

use super::chrome::Tone;
use crate::io::stamp::{Change, FileStamp};
use crate::session::Origin;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// How often the file is looked at.
pub const POLL: Duration = Duration::from_secs(2);

/// What the banner says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum External {
    /// Someone wrote different content to the file.
    Changed,
    /// The file was moved or deleted.
    Missing,
    /// The text a new annotation was started from changed; the map keeps
    /// the copy it embedded.
    TextChanged,
    /// That text was moved or deleted; the map keeps its copy.
    TextMissing,
}

/// The user's answer in the banner.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BannerAnswer {
    Reload,
    KeepMine,
}

/// The open map's file as we last read or wrote it.
pub struct DiskWatch {
    path: Option<PathBuf>,
    /// `path` is the source text of a new annotation, not the map's file.
    source_text: bool,
    stamp: Option<FileStamp>,
    /// The disk state the user chose to overwrite ("Keep mine").
    accepted: Option<FileStamp>,
    /// The user has seen that the file is gone.
    missing_seen: bool,
    next: Instant,
    interval: Duration,
    /// Shown in the banner until answered.
    pub external: Option<External>,
}

impl Default for DiskWatch {
    fn default() -> Self {
        Self {
            path: None,
            source_text: false,
            stamp: None,
            accepted: None,
            missing_seen: false,
            next: Instant::now(),
            interval: POLL,
            external: None,
        }
    }
}

impl DiskWatch {
    /// Starts watching `path` as it is now (after opening or saving it);
    /// `None` stops watching.
    pub fn track(&mut self, path: Option<&Path>) {
        self.path = path.map(Path::to_owned);
        self.source_text = false;
        self.stamp = path.and_then(FileStamp::of);
        self.accepted = None;
        self.missing_seen = false;
        self.external = None;
        self.next = Instant::now() + self.interval;
    }

    /// Watches what a document came from: a map's own file, or the text a
    /// new annotation was started from (reported only; see [`External`]).
    pub fn follow(&mut self, origin: &Origin) {
        match origin {
            Origin::Map(p) => self.track(Some(p)),
            Origin::Text(p) => {
                self.track(Some(p));
                self.source_text = true;
            }
            Origin::Example => self.track(None),
        }
    }

    /// The watched file's name, for the banner.
    pub fn name(&self) -> Option<String> {
        let name = self.path.as_ref()?.file_name()?;
        Some(name.to_string_lossy().into_owned())
    }

    /// How often the file is looked at.
    pub fn interval(&self) -> Duration {
        self.interval
    }

    /// Changes the polling interval (tests use zero).
    pub fn set_interval(&mut self, interval: Duration) {
        self.interval = interval;
        self.next = Instant::now();
    }

    /// Looks at the file if it is time; returns how long until the next look.
    pub fn poll(&mut self, now: Instant) -> Option<Duration> {
        self.path.as_ref()?;
        if now < self.next {
            return Some(self.next - now);
        }
        self.next = now + self.interval;
        self.external = self.compare();
        Some(self.interval)
    }

    /// What differs between the file and what we last read or wrote, unless
    /// the user already chose to keep their version over exactly that.
    fn compare(&mut self) -> Option<External> {
        let path = self.path.clone()?;
        let stamp = self.stamp.as_mut()?;
        let text = self.source_text;
        match stamp.check(&path) {
            Change::Same => None,
            Change::Missing if self.missing_seen => None,
            Change::Missing if text => Some(External::TextMissing),
            Change::Missing => Some(External::Missing),
            Change::Changed(now) if self.accepted.as_ref() == Some(&now) => None,
            Change::Changed(_) if text => Some(External::TextChanged),
            Change::Changed(_) => Some(External::Changed),
        }
    }

    /// Right before saving: true if the file holds someone else's newer
    /// content that saving would replace without the user knowing. (Saving
    /// never writes over a watched source text.)
    pub fn conflicts(&mut self) -> bool {
        self.compare() == Some(External::Changed)
    }

    /// The user keeps their version: the disk content as it is now will be
    /// overwritten by the next save without asking again.
    pub fn keep_mine(&mut self) {
        if let Some(path) = &self.path {
            self.accepted = FileStamp::of(path);
            self.missing_seen = self.accepted.is_none();
        }
        self.external = None;
    }
}

/// The banner under the toolbar; returns the user's answer.
pub fn banner(
    ui: &mut egui::Ui,
    external: &External,
    name: &str,
    dirty: bool,
) -> Option<BannerAnswer> {
    let icon = match external {
        External::TextChanged | External::TextMissing => "ℹ",
        External::Changed | External::Missing => "⚠",
    };
    super::chrome::strip(ui, "external change", Tone::Warn, icon, |ui| {
        let mut answer = None;
        match external {
            External::Changed => {
                ui.label(format!("{name} was changed on disk by another program."));
                let reload = ui.button("Reload").on_hover_text(if dirty {
                    "Open the version on disk (you will be asked about your unsaved changes)"
                } else {
                    "Open the version on disk"
                });
                if reload.clicked() {
                    answer = Some(BannerAnswer::Reload);
                }
                if ui
                    .button("Keep mine")
                    .on_hover_text(
                        "Keep working on this version; saving will replace the one on disk",
                    )
                    .clicked()
                {
                    answer = Some(BannerAnswer::KeepMine);
                }
            }
            External::Missing => {
                ui.label(format!(
                    "{name} was moved or deleted on disk. Save writes it again."
                ));
                if ui.button("OK").clicked() {
                    answer = Some(BannerAnswer::KeepMine);
                }
            }
            External::TextChanged | External::TextMissing => {
                let what = if *external == External::TextChanged {
                    "was changed on disk"
                } else {
                    "was moved or deleted on disk"
                };
                ui.label(format!(
                    "The source text {name} {what}. This annotation keeps the copy \
                     of the text it was started from; nothing was reloaded."
                ));
                if ui
                    .button("OK")
                    .on_hover_text("Hide this notice until the text changes again")
                    .clicked()
                {
                    answer = Some(BannerAnswer::KeepMine);
                }
            }
        }
        answer
    })
}
