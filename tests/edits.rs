//! Every edit kind, its inverse, and the history built on them.

use argmark::model::fixture::{link, marked};
use argmark::model::{
    ArgumentMap, Edit, EditError, History, Meta, Pos, RelationKind, Scenario, ScenarioField,
    ScenarioId, TagScheme, Unit, UnitId, apply,
};

fn sample() -> ArgumentMap {
    let mut m = marked(
        "[Main claim:RELOS shows strength]. [Premise:Ports open] and [Evidence:signed Tuesday]. [Speculation:Drills might follow].",
        TagScheme::argument(),
    );
    link(&mut m, RelationKind::Support, &[2, 3], 1);
    link(&mut m, RelationKind::Attack, &[4], 2);
    m
}

fn u(n: u64) -> UnitId {
    UnitId::from_number(n)
}

/// Applies, checks the effect, undoes, checks the map is back exactly.
fn round_trip(map: &ArgumentMap, edit: Edit, check: impl Fn(&ArgumentMap)) {
    let mut m = map.clone();
    let inverse = apply(&mut m, edit).expect("edit applies");
    check(&m);
    apply(&mut m, inverse).expect("inverse applies");
    assert_eq!(&m, map);
}

fn scenario(n: u64, name: &str, deps: &[u64]) -> Scenario {
    Scenario {
        id: ScenarioId::from_number(n),
        name: name.into(),
        description: String::new(),
        hedge: "might".into(),
        depends_on: deps.iter().map(|&d| ScenarioId::from_number(d)).collect(),
    }
}

#[test]
fn add_unit_takes_quote_from_text_and_keeps_order() {
    let map = sample();
    let unit = Unit {
        id: map.next_unit_id(),
        kind: "Claim".into(),
        start: 0,
        end: 5,
        quote: "ignored".into(),
        note: String::new(),
        scenario: None,
    };
    round_trip(&map, Edit::AddUnit(unit), |m| {
        assert_eq!(m.unit(&u(5)).unwrap().quote, "RELOS");
        let starts: Vec<usize> = m.units().iter().map(|u| u.start).collect();
        assert!(starts.is_sorted(), "{starts:?}");
        assert_eq!(m.next_unit_id(), u(6));
    });
}

#[test]
fn add_unit_refuses_bad_spans_tags_and_ids() {
    let mut map = sample();
    let before = map.clone();
    let mk = |id: u64, kind: &str, start, end| {
        Edit::AddUnit(Unit {
            id: u(id),
            kind: kind.into(),
            start,
            end,
            quote: String::new(),
            note: String::new(),
            scenario: None,
        })
    };
    assert!(matches!(
        apply(&mut map, mk(9, "Claim", 5, 5)),
        Err(EditError::BadSpan { .. })
    ));
    assert!(matches!(
        apply(&mut map, mk(9, "Claim", 0, 9999)),
        Err(EditError::BadSpan { .. })
    ));
    assert_eq!(
        apply(&mut map, mk(9, "Nope", 0, 3)),
        Err(EditError::UnknownTag("Nope".into()))
    );
    assert_eq!(
        apply(&mut map, mk(1, "Claim", 0, 3)),
        Err(EditError::DuplicateId("u1".into()))
    );
    assert_eq!(map, before);
}

#[test]
fn removing_a_unit_repairs_linked_relations_and_undo_restores_them() {
    let map = sample();
    // u2 is one of two linked sources of r1 and the target of r2.
    round_trip(&map, Edit::RemoveUnit(u(2)), |m| {
        assert!(m.unit(&u(2)).is_none());
        let r1 = m
            .relation(&"r1".into())
            .expect("r1 kept with its other source");
        assert_eq!(r1.sources, vec![u(3)]);
        assert!(m.relation(&"r2".into()).is_none(), "r2 targeted u2");
    });
    // The sole source of r2.
    round_trip(&map, Edit::RemoveUnit(u(4)), |m| {
        assert!(m.relation(&"r2".into()).is_none());
        assert_eq!(m.relations().len(), 1);
    });
}

#[test]
fn removed_ids_are_not_handed_out_again() {
    let mut map = sample();
    apply(&mut map, Edit::RemoveUnit(u(4))).unwrap();
    assert_eq!(map.next_unit_id(), u(5));
}

#[test]
fn retag_note_and_span_edits() {
    let map = sample();
    round_trip(
        &map,
        Edit::SetUnitKind {
            unit: u(2),
            kind: "Claim".into(),
        },
        |m| {
            assert_eq!(m.unit(&u(2)).unwrap().kind, "Claim");
        },
    );
    round_trip(
        &map,
        Edit::SetUnitNote {
            unit: u(2),
            note: "why?".into(),
        },
        |m| {
            assert_eq!(m.unit(&u(2)).unwrap().note, "why?");
        },
    );
    round_trip(
        &map,
        Edit::SetUnitSpan {
            unit: u(4),
            start: 0,
            end: 5,
        },
        |m| {
            let moved = m.unit(&u(4)).unwrap();
            assert_eq!(moved.quote, "RELOS");
            assert_eq!(m.units()[0].id, u(4), "re-sorted to the front");
        },
    );
    let mut m = map.clone();
    assert!(
        apply(
            &mut m,
            Edit::SetUnitKind {
                unit: u(2),
                kind: "X".into()
            }
        )
        .is_err()
    );
    assert!(
        apply(
            &mut m,
            Edit::SetUnitNote {
                unit: u(99),
                note: "x".into()
            }
        )
        .is_err()
    );
    assert!(
        apply(
            &mut m,
            Edit::SetUnitSpan {
                unit: u(2),
                start: 3,
                end: 1
            }
        )
        .is_err()
    );
    assert_eq!(m, map);
}

#[test]
fn scenario_edits_and_removal_detaches_members() {
    let mut map = sample();
    apply(&mut map, Edit::AddScenario(scenario(1, "New Détente", &[]))).unwrap();
    apply(
        &mut map,
        Edit::AddScenario(scenario(2, "Arctic drills", &[1])),
    )
    .unwrap();
    apply(
        &mut map,
        Edit::SetUnitScenario {
            unit: u(4),
            scenario: Some(ScenarioId::from_number(2)),
        },
    )
    .unwrap();
    let s1 = ScenarioId::from_number(1);
    let s2 = ScenarioId::from_number(2);
    round_trip(
        &map,
        Edit::SetScenarioText {
            scenario: s1.clone(),
            field: ScenarioField::Name,
            value: "Détente".into(),
        },
        |m| assert_eq!(m.scenario(&s1).unwrap().name, "Détente"),
    );
    round_trip(
        &map,
        Edit::SetScenarioText {
            scenario: s2.clone(),
            field: ScenarioField::Hedge,
            value: "perhaps".into(),
        },
        |m| assert_eq!(m.scenario(&s2).unwrap().hedge, "perhaps"),
    );
    round_trip(
        &map,
        Edit::SetScenarioText {
            scenario: s2.clone(),
            field: ScenarioField::Description,
            value: "d".into(),
        },
        |m| assert_eq!(m.scenario(&s2).unwrap().description, "d"),
    );
    round_trip(&map, Edit::RemoveScenario(s1.clone()), |m| {
        assert!(m.scenario(&s2).unwrap().depends_on.is_empty());
    });
    round_trip(&map, Edit::RemoveScenario(s2.clone()), |m| {
        assert_eq!(m.unit(&u(4)).unwrap().scenario, None);
    });
    round_trip(
        &map,
        Edit::SetScenarioDependencies {
            scenario: s2.clone(),
            depends_on: vec![],
        },
        |m| {
            assert!(m.scenario(&s2).unwrap().depends_on.is_empty());
        },
    );
    let mut m = map.clone();
    assert_eq!(
        apply(
            &mut m,
            Edit::SetScenarioDependencies {
                scenario: s1.clone(),
                depends_on: vec![s2.clone()]
            }
        ),
        Err(EditError::ScenarioCycle(s1.clone()))
    );
    assert!(
        apply(
            &mut m,
            Edit::SetUnitScenario {
                unit: u(1),
                scenario: Some(ScenarioId::from_number(9))
            }
        )
        .is_err()
    );
    assert_eq!(m, map);
}

#[test]
fn relation_edits() {
    let map = sample();
    let r1 = "r1".into();
    round_trip(
        &map,
        Edit::SetRelationKind {
            relation: r1,
            kind: RelationKind::Attack,
        },
        |m| {
            assert_eq!(m.relation(&"r1".into()).unwrap().kind, RelationKind::Attack);
        },
    );
    round_trip(
        &map,
        Edit::SetRelationSources {
            relation: "r1".into(),
            sources: vec![u(3)],
        },
        |m| {
            assert_eq!(m.relation(&"r1".into()).unwrap().sources, vec![u(3)]);
        },
    );
    round_trip(
        &map,
        Edit::SetRelationNote {
            relation: "r1".into(),
            note: "linked".into(),
        },
        |m| {
            assert_eq!(m.relation(&"r1".into()).unwrap().note, "linked");
        },
    );
    round_trip(&map, Edit::RemoveRelation("r2".into()), |m| {
        assert_eq!(m.relations().len(), 1)
    });
    let mut m = map.clone();
    assert!(matches!(
        apply(
            &mut m,
            Edit::SetRelationSources {
                relation: "r1".into(),
                sources: vec![u(1)]
            }
        ),
        Err(EditError::SelfRelation(_))
    ));
    assert!(matches!(
        apply(
            &mut m,
            Edit::SetRelationSources {
                relation: "r1".into(),
                sources: vec![]
            }
        ),
        Err(EditError::NoSources(_))
    ));
    assert_eq!(m, map);
}

#[test]
fn meta_scheme_positions_and_dismissals() {
    let map = sample();
    let meta = Meta {
        title: "RELOS".into(),
        author: "A. Korybko".into(),
        ..Meta::default()
    };
    round_trip(&map, Edit::SetMeta(meta), |m| {
        assert_eq!(m.meta().author, "A. Korybko")
    });
    let essay = TagScheme::builtin("essay").unwrap();
    round_trip(&map, Edit::SetScheme(essay), |m| {
        assert_eq!(m.scheme().name, "essay")
    });
    round_trip(
        &map,
        Edit::SetPosition {
            node: "u1".into(),
            pos: Some(Pos { x: 1.0, y: 2.0 }),
        },
        |m| {
            assert_eq!(m.positions().get("u1"), Some(&Pos { x: 1.0, y: 2.0 }));
        },
    );
    round_trip(
        &map,
        Edit::SetDismissed {
            span: 3..9,
            dismissed: true,
        },
        |m| {
            assert_eq!(m.dismissed(), std::slice::from_ref(&(3..9)));
        },
    );
}

#[test]
fn batch_is_all_or_nothing() {
    let mut map = sample();
    let before = map.clone();
    let bad = Edit::Batch(vec![
        Edit::SetUnitNote {
            unit: u(1),
            note: "kept?".into(),
        },
        Edit::RemoveUnit(u(42)),
    ]);
    assert_eq!(apply(&mut map, bad), Err(EditError::NoSuchUnit(u(42))));
    assert_eq!(map, before);
}

#[test]
fn history_undo_redo_and_dirty_tracking() {
    let mut map = sample();
    let original = map.clone();
    let mut h = History::new();
    assert!(!h.is_dirty());
    h.apply(&mut map, Edit::RemoveUnit(u(2))).unwrap();
    assert!(h.is_dirty());
    h.mark_saved();
    assert!(!h.is_dirty());
    assert_eq!(h.undo(&mut map), Some("remove unit"));
    assert_eq!(map, original);
    assert!(h.is_dirty(), "undo past the save point");
    assert_eq!(h.redo(&mut map), Some("remove unit"));
    assert!(!h.is_dirty(), "back at the saved state");
    assert!(map.unit(&u(2)).is_none());
    assert_eq!(map.relations().len(), 1);
    assert_eq!(h.redo(&mut map), None);
}

#[test]
fn typing_a_note_merges_into_one_step_until_sealed() {
    let mut map = sample();
    let original = map.clone();
    let mut h = History::new();
    for note in ["w", "wh", "why", "why?"] {
        h.apply(
            &mut map,
            Edit::SetUnitNote {
                unit: u(1),
                note: note.into(),
            },
        )
        .unwrap();
    }
    h.seal();
    h.apply(
        &mut map,
        Edit::SetUnitNote {
            unit: u(1),
            note: "why?!".into(),
        },
    )
    .unwrap();
    h.undo(&mut map);
    assert_eq!(map.unit(&u(1)).unwrap().note, "why?");
    h.undo(&mut map);
    assert_eq!(map, original);
    assert!(!h.can_undo());
    h.redo(&mut map);
    assert_eq!(map.unit(&u(1)).unwrap().note, "why?");
}

#[test]
fn a_new_edit_after_undo_drops_redo() {
    let mut map = sample();
    let mut h = History::new();
    h.apply(&mut map, Edit::RemoveRelation("r1".into()))
        .unwrap();
    h.undo(&mut map);
    assert!(h.can_redo());
    h.apply(&mut map, Edit::RemoveRelation("r2".into()))
        .unwrap();
    assert!(!h.can_redo());
}

#[test]
fn undo_restores_a_map_with_content_problems_exactly() {
    // Opened from a hand-edited file: a scenario cycle, an unknown tag, a self-link.
    let mut src = argmark::io::to_ron_string(&sample());
    src = src.replace(
        "scenarios: [],",
        r#"scenarios: [
    (id: "s1", name: "A", depends_on: ["s2"]),
    (id: "s2", name: "B", depends_on: ["s1"]),
  ],"#,
    );
    src = src.replacen("kind: \"Premise\"", "kind: \"Hunch\"", 1);
    let mut map = argmark::io::from_ron_str(&src, std::path::Path::new("x.argmap.ron")).unwrap();
    assert!(!argmark::model::validate(&map).is_empty());
    let original = map.clone();
    let mut h = History::new();
    h.apply(&mut map, Edit::RemoveScenario(ScenarioId::from_number(1)))
        .unwrap();
    h.apply(&mut map, Edit::RemoveUnit(u(2))).unwrap();
    assert_eq!(h.undo(&mut map), Some("remove unit"));
    assert_eq!(h.undo(&mut map), Some("remove scenario"));
    assert_eq!(map, original, "both undos put back exactly what was there");
    assert!(h.redo(&mut map).is_some());
}
