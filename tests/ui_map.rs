//! The argument map pane: selection sync, drawing relations by dragging,
//! moving nodes by hand, all undoable.

use argmark::model::{RelationKind, UnitId};
use argmark::ui::ArgmarkApp;
use egui::accesskit::Role as A11y;
use egui::{Key, Modifiers, Pos2, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

mod common;

use common::relos_window;

fn example() -> Harness<'static, ArgmarkApp> {
    relos_window()
}

fn center(h: &mut Harness<'_, ArgmarkApp>, id: &str) -> Pos2 {
    h.state_mut().map_center_of(id).expect("node on the map")
}

fn drag(h: &mut Harness<'_, ArgmarkApp>, from: Pos2, to: Pos2, modifiers: Modifiers) {
    h.event(egui::Event::ModifiersChanged(modifiers));
    h.hover_at(from);
    h.run();
    h.event(egui::Event::PointerButton {
        pos: from,
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers,
    });
    h.run();
    for step in 1..=6 {
        h.hover_at(from + (to - from) * (step as f32 / 6.0));
        h.run();
    }
    h.event(egui::Event::PointerButton {
        pos: to,
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers,
    });
    h.run();
    h.event(egui::Event::ModifiersChanged(Modifiers::NONE));
    h.run();
}

/// The main claim and a unit it is not yet linked from.
fn endpoints(h: &Harness<'_, ArgmarkApp>) -> (UnitId, UnitId) {
    let map = h.state().session().map();
    let main = map
        .units()
        .iter()
        .find(|u| u.kind == "Main claim")
        .unwrap()
        .id
        .clone();
    let source = map
        .units()
        .iter()
        .find(|u| u.kind == "Evidence" && !map.relations_of(&u.id).any(|r| r.target == main))
        .unwrap()
        .id
        .clone();
    (source, main)
}

#[test]
fn clicking_a_node_selects_its_unit_in_the_inspector() {
    let mut h = example();
    let map = h.state().session().map().clone();
    let main = map
        .units()
        .iter()
        .find(|u| u.kind == "Main claim")
        .unwrap()
        .clone();
    h.get_by_label_contains(&format!("Map node {}:", main.id))
        .click();
    h.run();
    assert_eq!(h.state().view().selected, vec![main.id.clone()]);
    assert!(
        h.query_by_label_contains(&format!("{} · characters", main.id))
            .is_some(),
        "the inspector shows the unit"
    );
}

#[test]
fn shift_dragging_node_to_node_makes_a_relation_and_undo_removes_it() {
    let mut h = example();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num0);
    h.run();
    let (source, target) = endpoints(&h);
    let before = h.state().session().map().relations().len();
    let (a, b) = (
        center(&mut h, source.as_str()),
        center(&mut h, target.as_str()),
    );
    drag(&mut h, a, b, Modifiers::SHIFT);
    h.get_by_role_and_label(A11y::Button, "Attack").click();
    h.run();
    let map = h.state().session().map();
    assert_eq!(map.relations().len(), before + 1);
    let made = map.relations().last().unwrap();
    assert_eq!(
        (made.kind, &made.sources, &made.target),
        (RelationKind::Attack, &vec![source.clone()], &target)
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().session().map().relations().len(), before);
}

#[test]
fn dragging_a_node_pins_it_and_relayout_forgets() {
    let mut h = example();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num0);
    h.run();
    let (source, _) = endpoints(&h);
    let a = center(&mut h, source.as_str());
    drag(&mut h, a, a + vec2(40.0, 30.0), Modifiers::NONE);
    let pinned = h
        .state()
        .session()
        .map()
        .positions()
        .get(source.as_str())
        .copied();
    assert!(
        pinned.is_some(),
        "the moved node's position is saved in the map"
    );
    let b = center(&mut h, source.as_str());
    assert!(
        (b - (a + vec2(40.0, 30.0))).length() < 2.0,
        "it stays where it was dropped"
    );
    h.get_by_role_and_label(A11y::Button, "Re-layout").click();
    h.run();
    assert!(h.state().session().map().positions().is_empty());
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(
        h.state()
            .session()
            .map()
            .positions()
            .get(source.as_str())
            .copied(),
        pinned,
        "undo restores the pin"
    );
}

#[test]
fn a_relation_picked_on_the_map_is_deleted_with_delete() {
    let mut h = example();
    let r = h.state().session().map().relations()[0].clone();
    let ctx = h.ctx.clone();
    h.state_mut().apply(
        &ctx,
        argmark::ui::state::Action::SelectRelation(Some(r.id.clone())),
    );
    h.run();
    h.key_press(Key::Delete);
    h.run();
    let map = h.state().session().map();
    assert!(map.relation(&r.id).is_none(), "the relation is gone");
    assert!(map.unit(&r.target).is_some(), "its units stay");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().session().map().relation(&r.id), Some(&r));
}

#[test]
fn export_map_from_the_menu_writes_an_svg() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = example();
    let out = dir.path().join("relos-map");
    h.state_mut()
        .set_picker(Box::new(argmark::ui::files::ScriptedPicker {
            answers: vec![Some(out.clone())].into(),
        }));
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run();
    let svg =
        std::fs::read_to_string(dir.path().join("relos-map.svg")).expect("an .svg was written");
    assert!(
        svg.starts_with("<?xml") || svg.starts_with("<svg"),
        "{}",
        &svg[..80.min(svg.len())]
    );
    let map = h.state().session().map();
    let main = map.units().iter().find(|u| u.kind == "Main claim").unwrap();
    assert!(
        svg.contains(&format!("id=\"{}\"", main.id)),
        "the main claim's node group is there"
    );
    assert!(h.state().modal().is_none());
}

#[test]
fn selecting_a_unit_far_off_brings_its_node_into_the_map_view() {
    use argmark::model::fixture::synthetic;
    use argmark::session::{Origin, Session};
    let map = synthetic(120_000, 600, 500);
    let mut h = common::window(Session::new(
        map,
        Origin::Text(std::path::PathBuf::from("many.txt")),
    ));
    settle(&mut h);
    let pane = h.get_by_label("Argument map").rect();
    // A linked unit whose node is outside the pane at the first view.
    let ids: Vec<UnitId> = {
        let map = h.state().session().map();
        map.relations().iter().map(|r| r.target.clone()).collect()
    };
    let far = ids
        .into_iter()
        .rev()
        .find(|id| !pane.contains(center(&mut h, id.as_str())))
        .expect("a node outside the first view");
    let ctx = h.ctx.clone();
    h.state_mut().apply(
        &ctx,
        argmark::ui::state::Action::ClickUnit {
            unit: far.clone(),
            add: false,
        },
    );
    h.run();
    // The inspector above grew with the selection, so the pane is smaller
    // now than when the node was brought into view: it must still be in it.
    let pane = h.get_by_label("Argument map").rect();
    let at = center(&mut h, far.as_str());
    assert!(pane.contains(at), "{far} drawn at {at:?}, pane {pane:?}");
    assert!(
        h.query_by_label_contains(&format!("Map node {far}:"))
            .is_some(),
        "the node is drawn and named"
    );
}

#[test]
fn a_unit_selected_in_the_list_stays_in_view_when_the_inspector_grows() {
    let mut h = example();
    let map = h.state().session().map().clone();
    // u7 has a long note and four relations: the inspector grows a lot.
    let unit = map
        .units()
        .iter()
        .find(|u| u.quote.starts_with("They finally signed"))
        .unwrap()
        .clone();
    let before = h.get_by_label("Argument map").rect();
    h.get_by_label(&format!("{}: {}", unit.kind, unit.quote))
        .click();
    h.run();
    let pane = h.get_by_label("Argument map").rect();
    assert!(
        pane.height() < before.height() - 100.0,
        "the inspector took room: {before:?} → {pane:?}"
    );
    let at = center(&mut h, unit.id.as_str());
    assert!(pane.contains(at), "drawn at {at:?}, pane {pane:?}");
}

#[test]
fn fit_keeps_labels_readable_on_a_large_map() {
    use argmark::model::fixture::synthetic;
    use argmark::session::{Origin, Session};
    use argmark::ui::command::Command;
    let map = synthetic(120_000, 600, 500);
    let mut h = common::window(Session::new(
        map,
        Origin::Text(std::path::PathBuf::from("many.txt")),
    ));
    settle(&mut h);
    let ctx = h.ctx.clone();
    h.state_mut().run(&ctx, Command::FitMap);
    h.run();
    // Two neighbouring boxes keep their full size ratio: the zoom is at
    // least the readable one, so label text is still drawn and named.
    let map = h.state().session().map().clone();
    let r = &map.relations()[0];
    let a = center(&mut h, r.target.as_str());
    let b = center(&mut h, r.sources[0].as_str());
    let layout = argmark::graph::MapLayout::compute(&map, &Default::default());
    let (na, nb) = (
        layout.node(r.target.as_str()).unwrap().rect.center(),
        layout.node(r.sources[0].as_str()).unwrap().rect.center(),
    );
    let zoom = (b - a).length() / na.distance(nb);
    assert!(
        zoom >= argmark::ui::map_pane::READABLE_ZOOM - 0.01,
        "zoom {zoom}"
    );
}

/// Steps the window until its background layout and checks are in.
fn settle(h: &mut Harness<'_, ArgmarkApp>) {
    for _ in 0..1500 {
        if h.state().is_settled() {
            h.run();
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
        h.step();
    }
    panic!("background work never finished");
}

#[test]
fn a_large_map_is_laid_out_in_the_background_and_edits_show_at_once() {
    use argmark::model::Edit;
    use argmark::model::fixture::synthetic;
    use argmark::session::{Origin, Session};
    let map = synthetic(600_000, 3_000, 1_000);
    let mut h = common::window(Session::new(
        map,
        Origin::Text(std::path::PathBuf::from("big.txt")),
    ));
    settle(&mut h);
    assert!(h.query_all_by_label_contains("Map node u").next().is_some());
    let claims = |h: &Harness<'_, ArgmarkApp>| {
        h.state()
            .session()
            .map()
            .units()
            .iter()
            .filter(|u| u.kind == "Claim")
            .count()
    };
    let before = claims(&h);
    let unit = h.state().session().map().units()[2].clone();
    assert_ne!(unit.kind, "Claim");
    let ctx = h.ctx.clone();
    h.state_mut().apply(
        &ctx,
        argmark::ui::state::Action::Edit(Edit::SetUnitKind {
            unit: unit.id.clone(),
            kind: "Claim".into(),
        }),
    );
    h.step();
    // The next frame counts the new claim while the map is still being redone.
    assert!(
        h.query_by_label(&format!("Claim {}", before + 1)).is_some(),
        "status bar updated at once"
    );
    assert_eq!(claims(&h), before + 1);
    assert!(
        !h.state().is_settled(),
        "layout and checks run in the background"
    );
    settle(&mut h);
    assert!(h.state_mut().map_center_of(unit.id.as_str()).is_some());
    assert!(h.query_all_by_label_contains("Map node u").next().is_some());
}

/// Texts painted inside `area`, as laid out for the screen (display order).
fn painted_texts(h: &Harness<'_, ArgmarkApp>, area: egui::Rect) -> Vec<String> {
    fn walk(shape: &egui::Shape, area: egui::Rect, out: &mut Vec<String>) {
        match shape {
            egui::Shape::Vec(shapes) => shapes.iter().for_each(|s| walk(s, area, out)),
            egui::Shape::Text(t) if area.contains(t.pos) => out.push(t.galley.text().to_owned()),
            _ => {}
        }
    }
    let mut out = Vec::new();
    for clipped in &h.output().shapes {
        walk(&clipped.shape, area, &mut out);
    }
    out
}

#[test]
fn a_hebrew_label_on_the_map_reads_right_to_left() {
    use argmark::model::TagScheme;
    use argmark::model::fixture::marked;
    use argmark::session::{Origin, Session};
    let session = Session::new(
        marked(
            "Intro. [Claim:שלום עולם] and [Premise:plain words].",
            TagScheme::argument(),
        ),
        Origin::Example,
    );
    // Without Hebrew fonts the letters are boxes of a glyph's size; the
    // order of the laid-out text, which the test reads, is the same.
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .with_max_steps(30)
        .allow_missing_glyphs()
        .build_ui_state(
            |ui, app: &mut ArgmarkApp| app.draw(ui),
            ArgmarkApp::new(session),
        );
    settle(&mut h);
    let pane = h.get_by_label("Argument map").rect();
    let texts = painted_texts(&h, pane);
    // Right to left, the first word is drawn rightmost: the galley holds
    // the line in display order, "עולם" (reversed) before "שלום" (reversed).
    let visual: String = "שלום עולם".chars().rev().collect();
    assert!(
        texts.iter().any(|t| t.contains(&visual)),
        "Hebrew label in display order among {texts:?}"
    );
    assert!(
        !texts.iter().any(|t| t.contains("שלום עולם")),
        "never in logical (left-to-right) order: {texts:?}"
    );
    assert!(
        texts.iter().any(|t| t.contains("plain words")),
        "Latin labels as before: {texts:?}"
    );
}

#[test]
fn a_lone_unlinked_unit_has_room_above_its_frame_and_caption() {
    use argmark::model::fixture::marked;
    use argmark::session::{Origin, Session};
    let map = marked(
        "[Claim:School uniforms should be optional] in our district.",
        argmark::model::TagScheme::argument(),
    );
    let mut h = common::window(Session::new(map, Origin::Example));
    settle(&mut h);
    let pane = h.get_by_label("Argument map").rect();
    let caption = caption_top(&h, pane).expect("the grid's caption is drawn");
    assert!(
        caption > pane.min.y + 12.0,
        "caption at {caption}, pane top at {}",
        pane.min.y
    );
}

/// Where "not linked yet" is painted inside `area`.
fn caption_top(h: &Harness<'_, ArgmarkApp>, area: egui::Rect) -> Option<f32> {
    fn walk(shape: &egui::Shape, area: egui::Rect, out: &mut Option<f32>) {
        match shape {
            egui::Shape::Vec(shapes) => shapes.iter().for_each(|s| walk(s, area, out)),
            egui::Shape::Text(t) if area.contains(t.pos) && t.galley.text() == "not linked yet" => {
                *out = Some(t.pos.y);
            }
            _ => {}
        }
    }
    let mut out = None;
    for clipped in &h.output().shapes {
        walk(&clipped.shape, area, &mut out);
    }
    out
}
