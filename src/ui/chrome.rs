//! The window's frame: menu bar, toolbar, find bar and status bar.

use super::analysis_view::AnalysisView;
use super::app::Prefs;
use super::colors;
use super::command::Command;
use super::state::{Action, Find, View};
use crate::model::{BUILTIN_SCHEMES, RelationKind};
use crate::session::Session;
use egui::{Button, RichText, Ui};

fn command_button(ui: &mut Ui, cmd: Command, enabled: bool, actions: &mut Vec<Action>) {
    let button = Button::new(cmd.label()).shortcut_text(cmd.shortcut_text(ui.ctx()));
    if ui.add_enabled(enabled, button).clicked() {
        actions.push(Action::Run(cmd));
    }
}

/// Menus and the toolbar under them.
/// The menus and the toolbar. While the compare tab is in front
/// (`comparing`), the tools that edit the document are left out: the
/// compare view has its own.
pub fn menu_bar(
    ui: &mut Ui,
    session: &Session,
    prefs: &Prefs,
    view: &View,
    comparing: bool,
    actions: &mut Vec<Action>,
) {
    let history = session.history();
    egui::Panel::top("menu bar").show(ui, |ui| {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                command_button(ui, Command::NewFromText, true, actions);
                command_button(ui, Command::Open, true, actions);
                ui.menu_button("Open recent", |ui| {
                    if prefs.recent.is_empty() {
                        ui.weak("No recent files");
                    }
                    for p in &prefs.recent {
                        if ui.button(p.display().to_string()).clicked() {
                            actions.push(Action::OpenPath(p.clone()));
                        }
                    }
                });
                command_button(
                    ui,
                    Command::Reload,
                    !comparing && session.save_path().is_some(),
                    actions,
                );
                ui.separator();
                command_button(ui, Command::Save, true, actions);
                command_button(ui, Command::SaveAs, true, actions);
                command_button(ui, Command::CloseTab, true, actions);
                ui.separator();
                command_button(ui, Command::ExportMap, true, actions);
                super::interchange::file_menu_items(ui, actions);
                ui.separator();
                command_button(ui, Command::CompareWith, true, actions);
                ui.separator();
                command_button(ui, Command::RecoverWork, true, actions);
                ui.separator();
                command_button(ui, Command::Quit, true, actions);
            });
            ui.menu_button("Edit", |ui| {
                let undo = history
                    .undo_label()
                    .map_or("Undo".into(), |l| format!("Undo {l}"));
                let redo = history
                    .redo_label()
                    .map_or("Redo".into(), |l| format!("Redo {l}"));
                let b = Button::new(undo).shortcut_text(Command::Undo.shortcut_text(ui.ctx()));
                if ui.add_enabled(history.can_undo(), b).clicked() {
                    actions.push(Action::Run(Command::Undo));
                }
                let b = Button::new(redo).shortcut_text(Command::Redo.shortcut_text(ui.ctx()));
                if ui.add_enabled(history.can_redo(), b).clicked() {
                    actions.push(Action::Run(Command::Redo));
                }
                ui.separator();
                command_button(ui, Command::Find, true, actions);
                command_button(
                    ui,
                    Command::DeleteSelected,
                    !view.selected.is_empty(),
                    actions,
                );
                ui.separator();
                for kind in RelationKind::ALL {
                    command_button(ui, Command::Link(kind), !view.selected.is_empty(), actions);
                }
            });
            ui.menu_button("View", |ui| {
                ui.menu_button("Tag scheme", |ui| {
                    for b in &BUILTIN_SCHEMES {
                        let current = session.map().scheme().name == b.name;
                        if ui.selectable_label(current, b.name).clicked() {
                            actions.push(Action::SwitchScheme(b.name.to_owned()));
                        }
                    }
                });
                let lens = Button::new("Speculation lens")
                    .selected(prefs.lens)
                    .shortcut_text(Command::ToggleLens.shortcut_text(ui.ctx()));
                if ui.add(lens).clicked() {
                    actions.push(Action::Run(Command::ToggleLens));
                }
                let map = Button::new("Argument map")
                    .selected(prefs.map)
                    .shortcut_text(Command::ToggleMap.shortcut_text(ui.ctx()));
                if ui.add(map).clicked() {
                    actions.push(Action::Run(Command::ToggleMap));
                }
                command_button(ui, Command::FitMap, prefs.map, actions);
                let theme = if prefs.dark {
                    "Light theme"
                } else {
                    "Dark theme"
                };
                if ui.button(theme).clicked() {
                    actions.push(Action::Run(Command::ToggleTheme));
                }
                command_button(ui, Command::TextBigger, true, actions);
                command_button(ui, Command::TextSmaller, true, actions);
            });
            ui.menu_button("Help", |ui| {
                command_button(ui, Command::Help, true, actions);
            });
        });
        toolbar(ui, session, prefs, view, comparing, actions);
    });
}

fn toolbar(
    ui: &mut Ui,
    session: &Session,
    prefs: &Prefs,
    view: &View,
    comparing: bool,
    actions: &mut Vec<Action>,
) {
    let history = session.history();
    let dark = ui.visuals().dark_mode;
    ui.horizontal_wrapped(|ui| {
        let tool =
            |ui: &mut Ui, text: &str, cmd: Command, enabled: bool, actions: &mut Vec<Action>| {
                let tip = format!("{} ({})", cmd.label(), cmd.shortcut_text(ui.ctx()));
                if ui
                    .add_enabled(enabled, Button::new(text))
                    .on_hover_text(tip)
                    .clicked()
                {
                    actions.push(Action::Run(cmd));
                }
            };
        tool(ui, "📂 Open", Command::Open, true, actions);
        tool(ui, "💾 Save", Command::Save, true, actions);
        tool(ui, "⟲ Undo", Command::Undo, history.can_undo(), actions);
        tool(ui, "⟳ Redo", Command::Redo, history.can_redo(), actions);
        if comparing {
            // Tagging and linking belong to a document tab.
            tool(ui, "❓ Keys", Command::Help, true, actions);
            return;
        }
        ui.separator();
        let can_tag =
            view.text_selection.is_some_and(|s| s.anchor != s.head) || !view.selected.is_empty();
        for tag in &session.map().scheme().tags {
            let tip = if tag.description.is_empty() {
                format!("Tag the selection as {} (key {})", tag.name, tag.key)
            } else {
                format!("{}: {} (key {})", tag.name, tag.description, tag.key)
            };
            let text = RichText::new(format!("{} {}", tag.key, tag.name))
                .color(colors::stroke(tag.color, dark))
                .strong();
            if ui
                .add_enabled(can_tag, Button::new(text))
                .on_hover_text(tip)
                .clicked()
            {
                actions.push(Action::Run(Command::Tag(tag.key)));
            }
        }
        ui.separator();
        let can_link = !view.selected.is_empty();
        for (kind, text) in [
            (RelationKind::Support, "➡ Support"),
            (RelationKind::Attack, "⚔ Attack"),
            (RelationKind::Rephrase, "≈ Rephrase"),
        ] {
            tool(ui, text, Command::Link(kind), can_link, actions);
        }
        ui.separator();
        let lens_tip = format!(
            "Speculation lens: underline hedges, predictions and conditionals, tint speculative sentences ({})",
            Command::ToggleLens.shortcut_text(ui.ctx())
        );
        if ui.add(Button::new("🔎 Lens").selected(prefs.lens)).on_hover_text(lens_tip).clicked() {
            actions.push(Action::Run(Command::ToggleLens));
        }
        tool(ui, "🔍 Find", Command::Find, true, actions);
        tool(ui, "❓ Keys", Command::Help, true, actions);
    });
    ui.add_space(2.0);
}

/// The find bar above the text.
pub fn find_bar(ui: &mut Ui, find: &mut Find, actions: &mut Vec<Action>) {
    ui.horizontal(|ui| {
        let l = ui.label("Find:");
        let r = ui
            .add(
                egui::TextEdit::singleline(&mut find.query)
                    .desired_width(240.0)
                    .hint_text("words in the text"),
            )
            .labelled_by(l.id);
        if find.focus {
            r.request_focus();
        }
        if r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
            let back = ui.input(|i| i.modifiers.shift);
            actions.push(Action::Run(if back {
                Command::FindPrevious
            } else {
                Command::FindNext
            }));
            r.request_focus();
        }
        if ui
            .button("⬆")
            .on_hover_text("Previous match (Shift+F3)")
            .clicked()
        {
            actions.push(Action::Run(Command::FindPrevious));
        }
        if ui
            .button("⬇")
            .on_hover_text("Next match (F3, Enter)")
            .clicked()
        {
            actions.push(Action::Run(Command::FindNext));
        }
        if find.query.is_empty() {
        } else if find.matches.is_empty() {
            ui.weak("no matches");
        } else {
            ui.label(format!("{} of {}", find.current + 1, find.matches.len()));
        }
        if ui.button("✖").on_hover_text("Close (Esc)").clicked() {
            find.open = false;
        }
    });
    ui.separator();
}

/// Counts per tag, relations, the file and whether it is saved.
pub fn status_bar(
    ui: &mut Ui,
    session: &Session,
    analysis: &AnalysisView,
    notice: Option<&str>,
    view: &View,
) {
    let map = session.map();
    let dark = ui.visuals().dark_mode;
    egui::Panel::bottom("status bar").show(ui, |ui| {
        ui.horizontal(|ui| {
            for tag in &map.scheme().tags {
                let n = analysis.tag_count(&tag.name);
                colors::chip(ui, colors::stroke(tag.color, dark));
                ui.label(format!("{} {n}", tag.name));
            }
            ui.separator();
            ui.label(format!("{} relations", map.relations().len()));
            ui.label(format!("{} scenarios", map.scenarios().len()));
            ui.separator();
            let (mark, tip) = if session.is_dirty() {
                ("• unsaved", "Changes since the last save")
            } else {
                ("✔ saved", "No changes since the last save")
            };
            ui.label(RichText::new(mark).strong()).on_hover_text(tip);
            let place = match session.save_path() {
                Some(p) => p.display().to_string(),
                None => session.display_name(),
            };
            ui.weak(place);
            if let Some(draft) = &view.link {
                ui.separator();
                ui.label(
                    RichText::new(format!("Linking ({}): click the target", draft.kind.key()))
                        .strong(),
                );
            } else if let Some(n) = notice {
                ui.separator();
                ui.label(n);
            }
        });
    });
}

/// How loud a strip under the toolbar is.
#[derive(Clone, Copy)]
pub enum Tone {
    Warn,
    Error,
}

/// A strip under the toolbar for something the user must know: an opaque
/// tint of the panel colour (a translucent fill would show whatever the
/// frame buffer held, dark in the light theme), `icon`, then `contents`.
pub fn strip<R>(
    ui: &mut Ui,
    id: &'static str,
    tone: Tone,
    icon: &str,
    contents: impl FnOnce(&mut Ui) -> R,
) -> R {
    let color = match tone {
        Tone::Warn => ui.visuals().warn_fg_color,
        Tone::Error => ui.visuals().error_fg_color,
    };
    let fill = ui.visuals().panel_fill.lerp_to_gamma(color, 0.12);
    let frame = egui::Frame::side_top_panel(ui.style()).fill(fill);
    egui::Panel::top(id)
        .frame(frame)
        .show(ui, |ui| {
            ui.add_space(2.0);
            let inner = ui
                .horizontal_wrapped(|ui| {
                    ui.label(RichText::new(icon).color(color));
                    contents(ui)
                })
                .inner;
            ui.add_space(2.0);
            inner
        })
        .inner
}

/// A strip that stays while autosave fails and the document has unsaved
/// work: a status-bar notice is replaced by the next one, this is not.
pub fn autosave_banner(ui: &mut Ui, error: &str, actions: &mut Vec<Action>) {
    strip(ui, "autosave failing", Tone::Error, "⚠", |ui| {
        ui.label(format!(
            "Autosave is failing ({error}): unsaved work is not being copied for recovery."
        ));
        if ui
            .button("Save now")
            .on_hover_text(Command::Save.shortcut_text(ui.ctx()))
            .clicked()
        {
            actions.push(Action::Run(Command::Save));
        }
    });
}

/// A strip saying which scripts of the text have no font (they show as
/// boxes); returns true when the user closes it.
pub fn fonts_banner(ui: &mut Ui, message: &str) -> bool {
    strip(ui, "missing fonts", Tone::Warn, "⚠", |ui| {
        ui.label(message);
        ui.button("Dismiss").clicked()
    })
}
