//! File ▸ Export as… and File ▸ Import… in the real window, with scripted
//! file dialogs.

mod common;

use argmark::io::formats::{self, Target};
use argmark::ui::app::Modal;
use argmark::ui::files::ScriptedPicker;
use common::relos_window;
use egui_kittest::kittest::Queryable;
use std::path::PathBuf;

fn script(
    h: &mut egui_kittest::Harness<'_, argmark::ui::ArgmarkApp>,
    answers: Vec<Option<PathBuf>>,
) {
    h.state_mut().set_picker(Box::new(ScriptedPicker {
        answers: answers.into(),
    }));
}

#[test]
fn export_as_html_from_the_file_menu_writes_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = relos_window();
    // The user types a bare name: the extension is added.
    script(&mut h, vec![Some(dir.path().join("class-report"))]);
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Export as").click();
    h.run();
    h.get_by_label("HTML report…").click();
    h.run();
    let html = std::fs::read_to_string(dir.path().join("class-report.html")).expect("written");
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<svg"));
    for u in h.state().session().map().units() {
        assert!(html.contains(&format!("id=\"unit-{}\"", u.id)), "{}", u.id);
    }
    assert!(h.state().modal().is_none(), "a report loses nothing");
}

#[test]
fn export_as_brat_says_what_brat_cannot_hold() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = relos_window();
    script(&mut h, vec![Some(dir.path().join("relos.ann"))]);
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Export as").click();
    h.run();
    h.get_by_label("brat stand-off (.txt + .ann)…").click();
    h.run();
    assert!(dir.path().join("relos.ann").is_file());
    assert!(dir.path().join("relos.txt").is_file());
    match h.state().modal() {
        Some(Modal::Warning(text)) => {
            assert!(
                text.contains("linked arguments become one relation per source"),
                "{text}"
            )
        }
        other => panic!("expected a warning, got {other:?}"),
    }
}

#[test]
fn import_opens_an_aif_file_as_a_new_map_and_keeps_the_old_one_safe() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = relos_window();
    let original = h.state().session().map().clone();
    let json = dir.path().join("relos.json");
    let exported = formats::export(&original, Target::Aif, &json, "relos");
    std::fs::write(&json, &exported.files[0].bytes).unwrap();

    // A broken file: an error, and the open map stays.
    let broken = dir.path().join("broken.json");
    std::fs::write(&broken, "{\"nodes\": [").unwrap();
    script(&mut h, vec![Some(broken.clone()), Some(json.clone())]);
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Import (AIF, OVA3, brat)…").click();
    h.run();
    match h.state().modal() {
        Some(Modal::Error(text)) => assert!(text.contains("broken.json:1:"), "{text}"),
        other => panic!("expected an error, got {other:?}"),
    }
    assert_eq!(h.state().session().map(), &original);
    h.get_by_label("OK").click();
    h.run();

    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Import (AIF, OVA3, brat)…").click();
    h.run();
    assert!(h.state().modal().is_none(), "{:?}", h.state().modal());
    assert_eq!(
        h.state().session().map(),
        &original,
        "AIF round trip is exact"
    );
    assert_eq!(
        h.state().session().suggested_save_name(),
        "relos.argmap.ron",
        "Save asks for a new map beside the import"
    );
}
