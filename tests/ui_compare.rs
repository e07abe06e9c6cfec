//! The compare window driven like a user (issue 10): File ▸ Compare with…,
//! the agreement table read through AccessKit, a disagreement clicked and
//! curated, "Take all agreed", undo, saving the gold map, the answer-key view.

use argmark::analysis::compare::{Annotator, Options, compare, score_against_key};
use argmark::model::{ArgumentMap, TagScheme};
use argmark::session::Session;
use argmark::ui::ArgmarkApp;
use argmark::ui::compare::Comparison;
use argmark::ui::compare::items::ItemKind;
use argmark::ui::files::ScriptedPicker;
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{Queryable, by};
use std::path::{Path, PathBuf};

mod common;

use common::{example, relos_window, window_with};

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/compare")
        .join(name)
}

fn read(path: &Path) -> ArgumentMap {
    argmark::io::open(path, TagScheme::argument()).expect("test map opens")
}

fn script(h: &mut Harness<'_, ArgmarkApp>, answers: Vec<Option<PathBuf>>) {
    h.state_mut().set_picker(Box::new(ScriptedPicker {
        answers: answers.into(),
    }));
}

/// The example window, then File ▸ Compare with… relos-second.
fn compare_window() -> Harness<'static, ArgmarkApp> {
    let mut h = relos_window();
    script(&mut h, vec![Some(data("relos-second.argmap.ron"))]);
    h.get_by_label("File").click();
    h.run();
    h.get_by_label_contains("Compare with…").click();
    h.run();
    assert!(h.state().compare_view().is_some(), "compare view opened");
    h
}

fn f3(v: Option<f64>) -> String {
    v.map_or("–".into(), |v| format!("{v:.3}"))
}

#[test]
fn compare_with_shows_the_engines_agreement_table() {
    let h = compare_window();
    let (a, b) = (read(&example()), read(&data("relos-second.argmap.ron")));
    let report = compare(
        &[
            Annotator { name: "a", map: &a },
            Annotator { name: "b", map: &b },
        ],
        &Options::default(),
    )
    .unwrap();
    let p = &report.pairs[0];
    assert!(h.query_by_label("Cohen's κ").is_some());
    assert!(
        h.query_all_by_label(&f3(p.cohen_kappa.value))
            .next()
            .is_some()
    );
    assert!(
        h.query_all_by_label(&format!("{} words", report.tokens.words))
            .count()
            >= 2
    );
    assert!(
        h.query_all_by_label(&f3(report.alpha_u.overall))
            .next()
            .is_some()
    );
    let exact = &p.span_f1.exact.micro;
    assert!(
        h.query_by_label(&format!(
            "{} matched of {} and {}",
            exact.matched, exact.reference, exact.predicted
        ))
        .is_some()
    );
    let rel = &p.relations;
    assert!(
        h.query_by_label(&format!(
            "{} matched of {} and {}",
            rel.matched, rel.relations_a, rel.relations_b
        ))
        .is_some()
    );
    assert!(
        h.query_by_label(&format!("Disagreements ({})", p.disagreements.len()))
            .is_some()
    );
    assert!(h.query_by_label("Compared text").is_some());

    let mut h = h;
    h.get_by_label("Map diff").click();
    h.run();
    assert!(
        h.query_by_role_and_label(egui::accesskit::Role::Image, "Map diff")
            .is_some()
    );
    assert!(h.query_by_label("Compared text").is_none());
    h.get_by_label("Text").click();
    h.run();
    assert!(h.query_by_label("Compared text").is_some());
}

#[test]
fn clicking_a_disagreement_selects_it_and_takes_either_version() {
    let mut h = compare_window();
    h.get_by_label_contains("tag differs: Premise vs Claim")
        .click();
    h.run();
    let view = h.state().compare_view().unwrap();
    let i = view.selected().expect("a disagreement is selected");
    let item = view.items()[i].clone();
    assert_eq!(item.kind, ItemKind::TagDiffers);
    assert!(h.query_by_label("Selected: tag differs").is_some());
    h.get_by_label("Next").click();
    h.run();
    let view = h.state().compare_view().unwrap();
    let next = view.selected().unwrap();
    assert!(next > i && view.items()[next].differs());
    assert!(view.items()[i + 1..next].iter().all(|x| !x.differs()));
    h.get_by_label("Previous").click();
    h.run();
    assert_eq!(h.state().compare_view().unwrap().selected(), Some(i));

    h.get_by_label("Take A").click();
    h.run();
    let gold = h.state().compare_view().unwrap().gold().map();
    assert_eq!(gold.units().len(), 1);
    assert_eq!(gold.units()[0].kind, "Premise");

    h.get_by_label("Take B").click();
    h.run();
    let gold = h.state().compare_view().unwrap().gold().map();
    assert_eq!(gold.units().len(), 1, "B's version replaced A's");
    assert_eq!(gold.units()[0].kind, "Claim");
    assert_eq!(gold.units()[0].start, item.b.unwrap().start);
}

#[test]
fn take_all_agreed_undo_redo_and_save_the_gold_map() {
    let mut h = compare_window();
    let agreed = h
        .state()
        .compare_view()
        .unwrap()
        .items()
        .iter()
        .filter(|i| i.kind == ItemKind::Agree)
        .count();
    assert!(agreed > 30);
    h.get_by_label("Take all agreed").click();
    h.run();
    let gold = h.state().compare_view().unwrap().gold();
    assert_eq!(gold.map().units().len(), agreed);
    let relations = gold.map().relations().len();
    assert!(
        relations > 0,
        "shared relations between agreed units came too"
    );

    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    let gold = h.state().compare_view().unwrap().gold();
    assert!(
        gold.map().units().is_empty(),
        "one undo step removes it all"
    );
    assert_eq!(
        h.state().session().map().units().len(),
        47,
        "the document itself is untouched"
    );
    h.get_by_label("Redo").click();
    h.run();

    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("gold");
    script(&mut h, vec![Some(target.clone())]);
    h.get_by_label("Save gold as…").click();
    h.run();
    let saved = dir.path().join("gold.argmap.ron");
    let back = read(&saved);
    assert_eq!(back.units().len(), agreed);
    assert_eq!(back.relations().len(), relations);
    assert_eq!(back.text(), h.state().session().map().text());
    assert!(!h.state().compare_view().unwrap().gold().is_dirty());

    h.get_by_label("Edit gold map").click();
    h.run();
    assert!(h.state().compare_view().is_none());
    assert!(h.query_by_label("Document text").is_some());
    assert_eq!(h.state().session().map().units().len(), agreed);
    assert_eq!(h.state().session().save_path(), Some(saved.as_path()));
}

#[test]
fn the_answer_key_view_colours_a_students_units_and_lists_feedback() {
    let key = example();
    let student = data("relos-student.argmap.ron");
    let mut app = ArgmarkApp::new(Session::example());
    app.open_compare(Comparison::open(&[key.clone(), student.clone()], true).unwrap());
    let h = window_with(app);
    let (k, s) = (read(&key), read(&student));
    let report = score_against_key(
        &Annotator { name: "k", map: &k },
        &[Annotator { name: "s", map: &s }],
        &Options::default(),
    )
    .unwrap();
    let fb = &report.students[0].feedback;
    assert!(!fb.is_empty());
    assert!(
        h.query_by_label(&format!("Feedback ({})", fb.len()))
            .is_some()
    );
    assert!(h.query_by_label(&fb[0].message).is_some());
    assert!(h.query_by_label("Units: recall").is_some());
    let missed = h
        .state()
        .compare_view()
        .unwrap()
        .items()
        .iter()
        .filter(|i| i.kind == ItemKind::OnlyA)
        .count();
    assert!(h.query_by_label(&format!("missed {missed}")).is_some());
}

#[test]
fn maps_of_another_text_go_side_by_side_with_their_profiles() {
    let dir = tempfile::tempdir().unwrap();
    let other = dir.path().join("other.argmap.ron");
    let map = argmark::model::fixture::marked(
        "A [Claim:different] text, [Evidence:shorter] too.",
        TagScheme::argument(),
    );
    argmark::io::save_map(&map, &other).unwrap();
    let mut h = relos_window();
    script(&mut h, vec![Some(other)]);
    h.get_by_label("File").click();
    h.run();
    h.get_by_label_contains("Compare with…").click();
    h.run();
    assert!(h.state().modal().is_none(), "{:?}", h.state().modal());
    assert!(
        h.state().compare_view().is_none(),
        "no agreement across texts"
    );
    // Its tab and its heading.
    assert_eq!(
        h.query_all_by_label("Side by side: relos | other").count(),
        2
    );
    let relos = argmark::analysis::compare::profile(h.state().session().map());
    let small = argmark::analysis::compare::profile(&map);
    assert!(h.query_by_label("Longest support chain").is_some());
    assert!(h.query_by_label(&relos.chars.to_string()).is_some());
    assert!(h.query_by_label(&small.chars.to_string()).is_some());
    assert!(h.query_by_label(&relos.relations.to_string()).is_some());
    // Each text with its own map, in the window's own panes.
    assert_eq!(h.query_all_by_label("Document text").count(), 2);
    assert_eq!(h.query_all_by_label("Argument map").count(), 2);
    let sides = h.state().comparison_documents();
    assert_eq!(sides.len(), 2);
    assert!(h.query_by_label_contains("different text,").is_some());

    // Clicking a unit of the small map selects it there; an edit is refused.
    let unit = map.units()[0].clone();
    let side = &h.state().comparison_documents()[1];
    let at = side
        .text_pane()
        .screen_pos_of_char(side.session().map(), unit.start + 2)
        .expect("the unit is on screen");
    h.hover_at(at);
    h.run();
    for pressed in [true, false] {
        h.event(egui::Event::PointerButton {
            pos: at,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: Modifiers::NONE,
        });
    }
    h.run();
    assert_eq!(
        h.state().comparison_documents()[1].view().selected,
        vec![unit.id.clone()]
    );
    h.key_press(Key::Delete);
    h.run();
    assert_eq!(
        h.state().comparison_documents()[1]
            .session()
            .map()
            .units()
            .len(),
        map.units().len(),
        "side by side never edits"
    );

    // "Open in a tab" edits it in a tab of its own.
    let open = h.query_all_by_label("Open in a tab").nth(1).unwrap();
    open.click();
    h.run();
    assert!(!h.state().is_comparing());
    assert_eq!(
        h.state().documents().len(),
        1,
        "in place of the untouched example"
    );
    assert_eq!(h.state().session().map().text(), map.text());
    assert_eq!(h.state().session().display_name(), "other.argmap.ron");

    // The comparison stays open as a tab until closed.
    h.get(by().label("Side by side: relos | other").role(Role::Button))
        .click();
    h.run();
    assert!(h.state().is_comparing());
    h.get_by_label("Close compare").click();
    h.run();
    assert!(!h.state().is_comparing());
    assert_eq!(h.query_all_by_label("Document text").count(), 1);
}

#[test]
fn compare_window_from_the_command_line_reports_unreadable_files_before_opening() {
    let dir = tempfile::tempdir().unwrap();
    let o = common::argmark(&[
        "compare",
        "--window",
        &example().display().to_string(),
        &dir.path().join("missing.argmap.ron").display().to_string(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let err = common::stderr(&o);
    assert!(err.contains("missing.argmap.ron"), "{err}");
    let o = common::argmark(&["compare", "--window", "--json", "a", "b"]);
    assert_eq!(o.status.code(), Some(2), "--window and --json conflict");
}

#[test]
fn edit_gold_map_opens_a_tab_beside_unsaved_work() {
    let mut h = relos_window();
    // Unsaved work in the open document.
    let ctx = h.ctx.clone();
    let first = h.state().session().map().units()[0].id.clone();
    h.state_mut().apply(
        &ctx,
        argmark::ui::state::Action::Edit(argmark::model::Edit::RemoveUnit(first)),
    );
    let edited = h.state().session().map().clone();
    script(&mut h, vec![Some(data("relos-second.argmap.ron"))]);
    h.get_by_label("File").click();
    h.run();
    h.get_by_label_contains("Compare with…").click();
    h.run();
    assert!(h.state().is_comparing());
    h.get_by_label("Take all agreed").click();
    h.run();
    let gold_units = h.state().compare_view().unwrap().gold().map().units().len();
    h.get_by_label("Edit gold map").click();
    h.run();
    assert!(h.state().modal().is_none(), "{:?}", h.state().modal());
    assert!(h.state().compare_view().is_none(), "the comparison ended");
    assert_eq!(h.state().documents().len(), 2);
    assert_eq!(h.state().session().map().units().len(), gold_units);
    let first_tab = &h.state().documents()[0];
    assert!(first_tab.session().is_dirty(), "the unsaved work is kept");
    assert_eq!(first_tab.session().map(), &edited);
}

#[test]
fn without_a_system_dialog_compare_and_save_gold_go_through_argmarks_own() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = relos_window();
    h.state_mut()
        .set_picker(Box::new(argmark::ui::files::BuiltinPicker {
            why: Some("no XDG desktop portal, and zenity is not installed".into()),
        }));
    h.get_by_label("File").click();
    h.run();
    h.get_by_label_contains("Compare with…").click();
    h.run();
    assert!(
        h.state().file_dialog_open(),
        "Compare with… is not silently dead"
    );
    // The example has no folder: the dialog starts in the working folder (the crate).
    for folder in ["tests", "data", "compare"] {
        h.get_by_label(&format!("🗀  {folder}")).click();
        h.run();
    }
    h.get_by_label("🗋  relos-second.argmap.ron").click();
    h.run();
    h.get_by_label("Open").click();
    h.run();
    assert!(h.state().compare_view().is_some(), "compare view opened");

    h.get_by_label("Take all agreed").click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert!(
        h.state().file_dialog_open(),
        "Ctrl+S asks where to save the gold map"
    );
    let target = dir.path().join("gold");
    let name = h.get_by_label("File name:");
    name.focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label("File name:")
        .type_text(&target.display().to_string());
    h.run();
    h.key_press(Key::Enter);
    h.run();
    let saved = dir.path().join("gold.argmap.ron");
    assert!(
        saved.exists(),
        "the gold map is saved where the dialog pointed"
    );
    assert_eq!(
        read(&saved).units().len(),
        h.state().compare_view().unwrap().gold().map().units().len()
    );
}

/// A scenario of `map` by name.
fn scenario_named<'m>(map: &'m ArgumentMap, name: &str) -> Option<&'m argmark::model::Scenario> {
    map.scenarios().iter().find(|s| s.name == name)
}

/// The example (A) against relos-second (B) in which B renamed the Arctic
/// drills scenario and added one of its own (holding its unit u33).
fn scenario_window() -> Harness<'static, ArgmarkApp> {
    use argmark::model::{Edit, Scenario, ScenarioField, ScenarioId, apply};
    use argmark::ui::compare::Annotation;
    let a = read(&example());
    let mut b = read(&data("relos-second.argmap.ron"));
    let drills = scenario_named(&b, "Indo-Russian Arctic drills under RELOS")
        .unwrap()
        .id
        .clone();
    apply(
        &mut b,
        Edit::SetScenarioText {
            scenario: drills,
            field: ScenarioField::Name,
            value: "Arctic drills with India".into(),
        },
    )
    .unwrap();
    let split = b.next_scenario_id();
    apply(
        &mut b,
        Edit::AddScenario(Scenario {
            id: split.clone(),
            name: "Russia–China split".into(),
            description: "B's own reading.".into(),
            hedge: String::new(),
            depends_on: vec![ScenarioId::from_number(2)],
        }),
    )
    .unwrap();
    let loose = b
        .units()
        .iter()
        .find(|u| u.kind == "Speculation" && u.scenario.is_none())
        .expect("relos-second has a speculation outside scenarios")
        .id
        .clone();
    apply(
        &mut b,
        Edit::SetUnitScenario {
            unit: loose,
            scenario: Some(split),
        },
    )
    .unwrap();
    let annotation = |name: &str, map| Annotation {
        name: name.into(),
        path: None,
        map,
    };
    let mut app = ArgmarkApp::new(Session::example());
    app.open_compare(
        Comparison::new(vec![annotation("relos", a), annotation("second", b)], false).unwrap(),
    );
    window_with(app)
}

#[test]
fn scenario_disagreements_are_listed_and_taken_from_either_side() {
    let mut h = scenario_window();
    let row = "Scenario “Indo-Russian Arctic drills under RELOS”: name differs (B: “Arctic drills with India”)";
    assert!(h.query_by_label(row).is_some());
    assert!(
        h.query_by_label("Scenario “Russia–China split”: only in B")
            .is_some()
    );
    assert!(
        h.query_by_label("Scenarios: 4 differ, 3 agree (listed first)")
            .is_some()
    );
    let agreed = "Scenario “Managed Russia–US competition over India”: agree";
    assert!(h.query_by_label(agreed).is_none(), "agreements are hidden");
    h.get_by_label("hide agreements").click();
    h.run();
    assert!(h.query_by_label(agreed).is_some());
    h.get_by_label("hide agreements").click();
    h.run();
    h.get_by_label(row).click();
    h.run();
    assert!(
        h.query_by_label("Selected scenario: name differs")
            .is_some()
    );
    assert!(
        h.query_by_label_contains("A: s5 “Indo-Russian Arctic drills under RELOS”, 2 units")
            .is_some()
    );
    h.get_by_label("Take A").click();
    h.run();
    let gold = h.state().compare_view().unwrap().gold().map();
    assert_eq!(gold.scenarios().len(), 1);
    assert_eq!(
        gold.scenarios()[0].name,
        "Indo-Russian Arctic drills under RELOS"
    );
    assert_eq!(
        h.state().compare_view().unwrap().notice(),
        Some(
            "Gold map: took scenario “Indo-Russian Arctic drills under RELOS” from A (2 of its units are not in the gold map yet: take them to add them)."
        )
    );
    h.get_by_label("Take B").click();
    h.run();
    let gold = h.state().compare_view().unwrap().gold().map();
    assert_eq!(gold.scenarios().len(), 1, "B's version replaced A's");
    assert_eq!(gold.scenarios()[0].name, "Arctic drills with India");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    let gold = h.state().compare_view().unwrap().gold().map();
    assert_eq!(
        gold.scenarios()[0].name,
        "Indo-Russian Arctic drills under RELOS"
    );

    // A scenario only B drew: only B's version can be taken.
    h.get_by_label("Scenario “Russia–China split”: only in B")
        .click();
    h.run();
    assert!(h.query_by_label("A: no such scenario").is_some());
    assert!(h.query_by_label("Take A").is_none());
    assert!(
        h.query_by_label("    if “New Détente” then “Russia–China split”")
            .is_some()
    );
    h.get_by_label("Take B").click();
    h.run();
    let gold = h.state().compare_view().unwrap().gold().map();
    assert!(scenario_named(gold, "Russia–China split").is_some());
    assert_eq!(
        h.query_all_by_label("gold").count(),
        2,
        "the list marks the scenarios in the gold map"
    );
}

#[test]
fn taking_a_speculative_unit_takes_its_scenario_in_one_step() {
    let mut h = scenario_window();
    h.get_by_label_contains("tag differs: Speculation vs Claim “which could have serious")
        .click();
    h.run();
    h.get_by_label("Take A").click();
    h.run();
    let view = h.state().compare_view().unwrap();
    let gold = view.gold().map();
    assert_eq!(gold.units().len(), 1);
    let detente = scenario_named(gold, "New Détente").expect("the scenario came along");
    assert_eq!(gold.units()[0].scenario.as_ref(), Some(&detente.id));
    assert_eq!(
        gold.units()[0].quote,
        "which could have serious implications for China"
    );
    assert!(
        view.notice()
            .unwrap()
            .ends_with("with its scenario “New Détente”."),
        "{:?}",
        view.notice()
    );
    // B's version is a claim outside any scenario; the scenario stays.
    h.get_by_label("Take B").click();
    h.run();
    let gold = h.state().compare_view().unwrap().gold().map();
    assert_eq!(gold.units()[0].kind, "Claim");
    assert_eq!(gold.units()[0].scenario, None);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    let gold = h.state().compare_view().unwrap().gold().map();
    assert!(
        gold.units().is_empty() && gold.scenarios().is_empty(),
        "one undo step per take"
    );
}

#[test]
fn take_all_agreed_takes_agreed_scenarios_and_their_agreed_members() {
    let mut h = scenario_window();
    h.get_by_label("Take all agreed").click();
    h.run();
    let view = h.state().compare_view().unwrap();
    let gold = view.gold().map();
    let (a, b) = (read(&example()), read(&data("relos-second.argmap.ron")));
    // Agreed here: same name, note and chain on both sides and the same
    // aligned members (B's renamed scenario and the two whose members differ
    // are left to the curator).
    let mut names: Vec<&str> = gold.scenarios().iter().map(|s| s.name.as_str()).collect();
    names.sort();
    assert_eq!(
        names,
        [
            "Managed Russia–US competition over India",
            "More Russian naval drills in the Indian Ocean",
            "Russia–US energy deal sidelining China"
        ]
    );
    let energy = scenario_named(gold, "Russia–US energy deal sidelining China").unwrap();
    assert!(
        energy.depends_on.is_empty(),
        "New Détente is not in gold yet"
    );
    // Every gold unit is in the scenario both annotators put it in, if gold has it.
    let scenario_of = |m: &ArgumentMap, start: usize| {
        m.units()
            .iter()
            .find(|u| u.start == start)
            .and_then(|u| u.scenario.as_ref())
            .and_then(|s| m.scenario(s))
            .map(|s| s.name.clone())
    };
    let mut members = 0;
    for u in gold.units() {
        let want = match (scenario_of(&a, u.start), scenario_of(&b, u.start)) {
            (Some(x), Some(y)) if x == y && names.contains(&x.as_str()) => Some(x),
            _ => None,
        };
        members += usize::from(want.is_some());
        assert_eq!(scenario_of(gold, u.start), want, "{}", u.quote);
    }
    assert_eq!(members, 5);
    // Taking the New Détente afterwards completes the chain.
    h.get_by_label_contains("Scenario “New Détente”").click();
    h.run();
    h.get_by_label("Take A").click();
    h.run();
    let gold = h.state().compare_view().unwrap().gold().map();
    let detente = scenario_named(gold, "New Détente").unwrap();
    let energy = scenario_named(gold, "Russia–US energy deal sidelining China").unwrap();
    assert_eq!(energy.depends_on, std::slice::from_ref(&detente.id));
}

#[test]
fn a_comparison_of_twenty_thousand_units_draws_only_the_rows_in_view() {
    use argmark::ui::compare::Annotation;
    let n = 20_000;
    let marked = |tag: &str| {
        let src: Vec<String> = (0..n).map(|i| format!("[{tag}:w{i}]")).collect();
        argmark::model::fixture::marked(&src.join(" "), TagScheme::argument())
    };
    let annotation = |name: &str, map| Annotation {
        name: name.into(),
        path: None,
        map,
    };
    let mut app = ArgmarkApp::new(Session::example());
    app.open_compare(
        Comparison::new(
            vec![
                annotation("a", marked("Claim")),
                annotation("b", marked("Premise")),
            ],
            false,
        )
        .unwrap(),
    );
    let mut h = window_with(app);
    assert_eq!(h.state().compare_view().unwrap().items().len(), n);
    assert!(h.query_by_label(&format!("Disagreements ({n})")).is_some());
    let rows = h
        .query_all_by_label_contains("tag differs: Claim vs Premise")
        .count();
    assert!(
        (5..80).contains(&rows),
        "{rows} rows in the accessibility tree"
    );
    assert!(
        h.query_by_label("tag differs: Claim vs Premise “w0”")
            .is_some()
    );
    // Previous from no selection wraps to the last item; the list scrolls to it.
    h.get_by_label("Previous").click();
    h.run();
    assert_eq!(h.state().compare_view().unwrap().selected(), Some(n - 1));
    let last = format!("tag differs: Claim vs Premise “w{}”", n - 1);
    assert!(h.query_by_label(&last).is_some(), "the last row is shown");
    assert!(
        h.query_by_label("tag differs: Claim vs Premise “w0”")
            .is_none()
    );
    let rows = h
        .query_all_by_label_contains("tag differs: Claim vs Premise")
        .count();
    assert!(rows < 80, "{rows} rows after scrolling");
}

#[test]
fn closing_the_comparison_or_quitting_asks_about_an_unsaved_gold_map() {
    use argmark::ui::app::{Modal, Pending};
    let mut h = compare_window();
    h.get_by_label("Take all agreed").click();
    h.run();
    let units = h.state().compare_view().unwrap().gold().map().units().len();
    assert!(units > 0);

    // Close compare with curation unsaved: asked, and Cancel keeps it all.
    h.get_by_label("Close compare").click();
    h.run();
    assert_eq!(
        h.state().modal(),
        Some(&Modal::Unsaved(Pending::CloseCompare))
    );
    assert!(
        h.query_by_label("Save the changes to the gold map before closing the comparison?")
            .is_some()
    );
    h.get_by_label("Cancel").click();
    h.run();
    assert!(h.state().is_comparing());

    // Quit asks about the gold map too; Save writes it, then the window closes.
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("curated");
    script(&mut h, vec![Some(target)]);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Q);
    h.run();
    assert_eq!(h.state().modal(), Some(&Modal::Unsaved(Pending::Quit)));
    h.get_by_label("Save").click();
    h.run();
    let saved = read(&dir.path().join("curated.argmap.ron"));
    assert_eq!(saved.units().len(), units);
    assert!(h.state().is_quitting());
}

/// Recovery copies in `dir`, read despite the running window's locks.
fn copies(dir: &Path) -> Vec<argmark::io::recovery::RecoveryEntry> {
    let Ok(read) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    read.flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "recovery"))
        .filter_map(|p| argmark::io::recovery::read(&p))
        .collect()
}

#[test]
fn an_unsaved_gold_map_is_copied_for_recovery_and_a_discard_removes_the_copy() {
    use std::time::{Duration, Instant};
    let dir = tempfile::tempdir().unwrap();
    let rec = dir.path().join("recovery");
    let mut app = ArgmarkApp::new(Session::example());
    app.enable_recovery(rec.clone());
    app.open_compare(
        Comparison::open(&[example(), data("relos-second.argmap.ron")], false).unwrap(),
    );
    let mut h = window_with(app);
    h.get_by_label("Take all agreed").click();
    h.run();
    let units = h.state().compare_view().unwrap().gold().map().units().len();
    let start = Instant::now();
    while !copies(&rec).iter().any(|c| c.header.units == units) {
        assert!(
            start.elapsed() < argmark::autosave::MAX_BEHIND + Duration::from_secs(2),
            "no copy of the gold map"
        );
        std::thread::sleep(Duration::from_millis(50));
        h.step();
    }
    let copy = copies(&rec).pop().unwrap();
    assert_eq!(
        copy.load().unwrap().units().len(),
        units,
        "the copy reads back"
    );

    h.get_by_label("Close compare").click();
    h.run();
    h.get_by_label("Discard changes").click();
    h.run();
    assert!(!h.state().is_comparing());
    h.state().flush_autosave();
    assert!(
        copies(&rec).is_empty(),
        "a deliberate discard leaves no copy"
    );
}

#[test]
fn f3_and_shift_f3_step_through_the_disagreements() {
    let mut h = compare_window();
    let differing: Vec<usize> = {
        let view = h.state().compare_view().unwrap();
        (0..view.items().len())
            .filter(|&i| view.items()[i].differs())
            .collect()
    };
    assert!(differing.len() >= 3);
    let selected = |h: &Harness<'_, ArgmarkApp>| h.state().compare_view().unwrap().selected();
    h.key_press(Key::F3);
    h.run();
    assert_eq!(selected(&h), Some(differing[0]));
    h.key_press(Key::F3);
    h.run();
    assert_eq!(selected(&h), Some(differing[1]));
    h.key_press_modifiers(Modifiers::SHIFT, Key::F3);
    h.run();
    assert_eq!(selected(&h), Some(differing[0]));
}
