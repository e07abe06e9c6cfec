//! The tab strip under the toolbar: one tab per open document, plus the
//! compare view's tab while a comparison is open. Draws from plain data and
//! returns what was clicked; the window decides what that means.

use egui::{Button, RichText, Ui};

/// What the strip shows.
pub struct TabList {
    /// Each document's title ("• speech.argmap.ron" while unsaved), in order.
    pub documents: Vec<String>,
    /// The document in front (when not comparing).
    pub active: usize,
    /// The compare tab's title, while a comparison is open.
    pub compare: Option<String>,
    /// The compare tab is in front.
    pub comparing: bool,
}

/// A click in the strip.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pick {
    Document(usize),
    CloseDocument(usize),
    Compare,
    CloseCompare,
}

/// Draws the strip as a top panel; returns the tab clicked, if any.
pub fn strip(ui: &mut Ui, tabs: &TabList) -> Option<Pick> {
    let mut pick = None;
    egui::Panel::top("tab strip").show(ui, |ui| {
        ui.add_space(2.0);
        egui::ScrollArea::horizontal()
            .id_salt("tabs")
            .show(ui, |ui| {
                ui.horizontal(|ui| {
                    for (i, title) in tabs.documents.iter().enumerate() {
                        let front = !tabs.comparing && i == tabs.active;
                        if let Some(p) = tab(ui, title, front, "document") {
                            pick = Some(match p {
                                TabClick::Show => Pick::Document(i),
                                TabClick::Close => Pick::CloseDocument(i),
                            });
                        }
                    }
                    if let Some(title) = &tabs.compare
                        && let Some(p) = tab(ui, title, tabs.comparing, "comparison")
                    {
                        pick = Some(match p {
                            TabClick::Show => Pick::Compare,
                            TabClick::Close => Pick::CloseCompare,
                        });
                    }
                });
            });
        ui.add_space(1.0);
    });
    pick
}

enum TabClick {
    Show,
    Close,
}

/// One tab: its title (bold in front) and a close button.
fn tab(ui: &mut Ui, title: &str, front: bool, what: &str) -> Option<TabClick> {
    let mut click = None;
    let frame = egui::Frame::new()
        .inner_margin(egui::Margin::symmetric(4, 1))
        .corner_radius(4.0)
        .fill(if front {
            ui.visuals().selection.bg_fill.gamma_multiply(0.35)
        } else {
            ui.visuals().faint_bg_color
        });
    frame.show(ui, |ui| {
        ui.spacing_mut().item_spacing.x = 2.0;
        let text = if front {
            RichText::new(title).strong()
        } else {
            RichText::new(title)
        };
        let shown = ui
            .add(Button::selectable(front, text).frame_when_inactive(false))
            .on_hover_text(format!("Show this {what} (Ctrl+Tab: next tab)"));
        if shown.clicked() {
            click = Some(TabClick::Show);
        }
        let close = ui
            .add(Button::new("×").small().frame(false))
            .on_hover_text(format!("Close this {what} (Ctrl+W)"));
        // Screen readers and tests find it by what it closes.
        let label = format!("Close {title}");
        close.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, label.clone()));
        if close.clicked() {
            click = Some(TabClick::Close);
        }
    });
    click
}
