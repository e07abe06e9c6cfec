//! The egui window. Panels draw the [`crate::session::Session`] and emit
//! [`state::Action`]s; [`app::ArgmarkApp`] applies them after each frame,
//! turning document changes into [`crate::model::Edit`]s.

pub mod analysis_view;
pub mod app;
pub mod arabic;
pub mod bidi;
mod checks_panel;
mod chrome;
pub mod colors;
pub mod command;
pub mod compare;
mod dialogs;
mod doc_info;
pub mod document;
pub mod file_dialog;
pub mod files;
pub mod font_coverage;
mod inspector;
pub mod interchange;
pub mod map_pane;
pub mod para_layout;
mod recovery_prompt;
pub mod rtl_text;
mod scenarios;
pub mod state;
mod suggestions_panel;
mod tabs;
pub mod text_pane;
mod units_list;
pub mod watch;

pub use app::ArgmarkApp;
pub use dialogs::Answer;
