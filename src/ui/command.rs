//! Every user action that has a name: menus, the toolbar, the keyboard
//! handler and the help overlay are all generated from [`Command`].

use crate::io::formats::Target;
use crate::model::RelationKind;
use egui::{Key, KeyboardShortcut, Modifiers};

/// A named action with an optional keyboard shortcut.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Command {
    NewFromText,
    Open,
    Save,
    SaveAs,
    Undo,
    Redo,
    /// Redo's second binding (Ctrl+Y).
    RedoAlt,
    Find,
    FindNext,
    FindPrevious,
    /// Tag the text selection with the scheme's tag bound to this digit,
    /// or retag the selected unit.
    Tag(u8),
    DeleteSelected,
    /// Start a relation from the selected unit(s); the next unit clicked is the target.
    Link(RelationKind),
    /// Move the selected unit's end one word right / left.
    GrowEnd,
    ShrinkEnd,
    /// Move the selected unit's start one word left / right.
    GrowStart,
    ShrinkStart,
    TextBigger,
    TextSmaller,
    ToggleTheme,
    /// Show hedges, predictions and conditionals in the text.
    ToggleLens,
    /// Show or hide the argument map beside the text.
    ToggleMap,
    /// Fit the whole map into its pane.
    FitMap,
    /// Write the map as SVG or PNG.
    ExportMap,
    /// Open an AIF/OVA3 JSON or brat file as a new map.
    Import,
    /// Write the document in another tool's format, or as a report.
    ExportAs(Target),
    /// Compare this document with other annotations of its text.
    CompareWith,
    Help,
    /// Close the window, asking about unsaved changes first.
    Quit,
    /// Show the recovery copies left by sessions that ended without saving.
    RecoverWork,
    /// Close the front tab, asking about its unsaved changes first.
    CloseTab,
    /// Bring the next / previous tab to the front.
    NextTab,
    PreviousTab,
    /// Read the front document's file again from disk.
    Reload,
    /// Close overlays, cancel a pending link, clear the selection.
    Cancel,
}

const CTRL: Modifiers = Modifiers::COMMAND;
const CTRL_SHIFT: Modifiers = Modifiers {
    shift: true,
    ..Modifiers::COMMAND
};
const SHIFT: Modifiers = Modifiers::SHIFT;
const ALT_SHIFT: Modifiers = Modifiers {
    alt: true,
    shift: true,
    ..Modifiers::NONE
};

/// The digit keys, for tag shortcuts.
const DIGITS: [Key; 9] = [
    Key::Num1,
    Key::Num2,
    Key::Num3,
    Key::Num4,
    Key::Num5,
    Key::Num6,
    Key::Num7,
    Key::Num8,
    Key::Num9,
];

impl Command {
    /// Every command with a fixed shortcut, in the order the help overlay lists them
    /// (tag digits are listed from the scheme).
    pub const KEYED: [Command; 41] = [
        Command::Open,
        Command::Save,
        Command::SaveAs,
        Command::Undo,
        Command::Redo,
        Command::RedoAlt,
        Command::Find,
        Command::FindNext,
        Command::FindPrevious,
        Command::DeleteSelected,
        Command::Link(RelationKind::Support),
        Command::Link(RelationKind::Attack),
        Command::Link(RelationKind::Rephrase),
        Command::GrowEnd,
        Command::ShrinkEnd,
        Command::GrowStart,
        Command::ShrinkStart,
        Command::TextBigger,
        Command::TextSmaller,
        Command::ToggleTheme,
        Command::ToggleLens,
        Command::ToggleMap,
        Command::FitMap,
        Command::ExportMap,
        Command::Help,
        Command::Cancel,
        Command::NewFromText,
        Command::Import,
        Command::ExportAs(Target::Aif),
        Command::ExportAs(Target::Argdown),
        Command::ExportAs(Target::Brat),
        Command::ExportAs(Target::Csv),
        Command::ExportAs(Target::Html),
        Command::ExportAs(Target::Markdown),
        Command::Quit,
        Command::RecoverWork,
        Command::CompareWith,
        Command::CloseTab,
        Command::NextTab,
        Command::PreviousTab,
        Command::Reload,
    ];

    /// What menus and the help overlay call it.
    pub fn label(self) -> String {
        match self {
            Command::NewFromText => "New from text…".into(),
            Command::Open => "Open…".into(),
            Command::Save => "Save".into(),
            Command::SaveAs => "Save As…".into(),
            Command::Undo => "Undo".into(),
            Command::Redo | Command::RedoAlt => "Redo".into(),
            Command::Find => "Find in text".into(),
            Command::FindNext => "Find next".into(),
            Command::FindPrevious => "Find previous".into(),
            Command::Tag(n) => format!("Tag selection with tag {n}"),
            Command::DeleteSelected => "Delete selected unit".into(),
            Command::Link(RelationKind::Support) => {
                "Support: selected unit(s) support the next unit clicked".into()
            }
            Command::Link(RelationKind::Attack) => {
                "Attack: selected unit(s) attack the next unit clicked".into()
            }
            Command::Link(RelationKind::Rephrase) => {
                "Rephrase: selected unit(s) restate the next unit clicked".into()
            }
            Command::GrowEnd => "Extend unit end by a word".into(),
            Command::ShrinkEnd => "Shrink unit end by a word".into(),
            Command::GrowStart => "Extend unit start by a word".into(),
            Command::ShrinkStart => "Shrink unit start by a word".into(),
            Command::TextBigger => "Larger text".into(),
            Command::TextSmaller => "Smaller text".into(),
            Command::ToggleTheme => "Light / dark theme".into(),
            Command::ToggleLens => "Speculation lens on / off".into(),
            Command::ToggleMap => "Show / hide the argument map".into(),
            Command::FitMap => "Fit the whole map in view".into(),
            Command::ExportMap => "Export map (SVG or PNG)…".into(),
            Command::Import => "Import (AIF, OVA3, brat)…".into(),
            Command::ExportAs(t) => format!("Export as {}…", t.label()),
            Command::CompareWith => "Compare with…".into(),
            Command::Help => "Keyboard help".into(),
            Command::Quit => "Quit".into(),
            Command::RecoverWork => "Recover unsaved work…".into(),
            Command::CloseTab => "Close tab".into(),
            Command::NextTab => "Next tab".into(),
            Command::PreviousTab => "Previous tab".into(),
            Command::Reload => "Reload from disk".into(),
            Command::Cancel => "Cancel link, close overlay, clear selection".into(),
        }
    }

    /// The key that runs it.
    pub fn shortcut(self) -> Option<KeyboardShortcut> {
        let k = |m, key| Some(KeyboardShortcut::new(m, key));
        match self {
            Command::NewFromText => k(CTRL, Key::N),
            Command::Open => k(CTRL, Key::O),
            Command::Save => k(CTRL, Key::S),
            Command::SaveAs => k(CTRL_SHIFT, Key::S),
            Command::Undo => k(CTRL, Key::Z),
            Command::Redo => k(CTRL_SHIFT, Key::Z),
            Command::RedoAlt => k(CTRL, Key::Y),
            Command::Find => k(CTRL, Key::F),
            Command::FindNext => k(Modifiers::NONE, Key::F3),
            Command::FindPrevious => k(SHIFT, Key::F3),
            Command::Tag(n) => DIGITS
                .get(usize::from(n).wrapping_sub(1))
                .and_then(|&key| k(Modifiers::NONE, key)),
            Command::DeleteSelected => k(Modifiers::NONE, Key::Delete),
            Command::Link(RelationKind::Support) => k(Modifiers::NONE, Key::S),
            Command::Link(RelationKind::Attack) => k(Modifiers::NONE, Key::A),
            Command::Link(RelationKind::Rephrase) => k(Modifiers::NONE, Key::R),
            Command::GrowEnd => k(SHIFT, Key::ArrowRight),
            Command::ShrinkEnd => k(SHIFT, Key::ArrowLeft),
            Command::GrowStart => k(ALT_SHIFT, Key::ArrowLeft),
            Command::ShrinkStart => k(ALT_SHIFT, Key::ArrowRight),
            Command::TextBigger => k(CTRL, Key::Plus),
            Command::TextSmaller => k(CTRL, Key::Minus),
            Command::ToggleTheme => None,
            Command::ToggleLens => k(Modifiers::NONE, Key::L),
            Command::ToggleMap => k(Modifiers::NONE, Key::M),
            Command::FitMap => k(CTRL, Key::Num0),
            Command::ExportMap => k(CTRL, Key::E),
            Command::Import | Command::ExportAs(_) => None,
            Command::CompareWith => None,
            Command::Help => k(Modifiers::NONE, Key::F1),
            Command::Quit => k(CTRL, Key::Q),
            Command::RecoverWork => None,
            Command::CloseTab => k(CTRL, Key::W),
            Command::NextTab => k(CTRL, Key::Tab),
            Command::PreviousTab => k(CTRL_SHIFT, Key::Tab),
            Command::Reload => None,
            Command::Cancel => k(Modifiers::NONE, Key::Escape),
        }
    }

    /// Commands on plain keys (letters, digits, Delete, arrows) would steal
    /// typing from text fields, so they only fire when no field has focus.
    pub fn needs_free_keyboard(self) -> bool {
        matches!(
            self,
            Command::Tag(_)
                | Command::Cancel
                | Command::ToggleLens
                | Command::ToggleMap
                | Command::DeleteSelected
                | Command::Link(_)
                | Command::GrowEnd
                | Command::ShrinkEnd
                | Command::GrowStart
                | Command::ShrinkStart
        )
    }

    /// The shortcut as the menus print it ("Ctrl+S").
    pub fn shortcut_text(self, ctx: &egui::Context) -> String {
        self.shortcut()
            .map(|s| ctx.format_shortcut(&s))
            .unwrap_or_default()
    }

    /// Commands whose shortcut was pressed this frame, consuming the keys.
    /// More specific shortcuts (with more modifiers) are checked first so
    /// Ctrl+Shift+S is not taken for Ctrl+S.
    pub fn pressed(ctx: &egui::Context) -> Vec<Command> {
        let free = !ctx.text_edit_focused();
        let mut all: Vec<Command> = Command::KEYED.to_vec();
        all.extend((1..=9).map(Command::Tag));
        all.sort_by_key(|c| {
            std::cmp::Reverse(c.shortcut().map_or(0, |s| {
                let m = s.modifiers;
                u8::from(m.shift) + u8::from(m.alt) + u8::from(m.command || m.ctrl)
            }))
        });
        let mut out = Vec::new();
        ctx.input_mut(|i| {
            for c in all {
                if c.needs_free_keyboard() && !free {
                    continue;
                }
                if let Some(s) = c.shortcut()
                    && i.consume_shortcut(&s)
                {
                    out.push(c);
                }
            }
        });
        out
    }
}
