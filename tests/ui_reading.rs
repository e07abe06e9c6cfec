//! The reading pane with right-to-left scripts, driven like a user: Hebrew
//! and Arabic paragraphs read right to left, and what a drag highlights is
//! what the saved unit quotes.

use argmark::model::TagScheme;
use argmark::model::fixture::marked;
use argmark::session::{Origin, Session};
use argmark::ui::ArgmarkApp;
use egui::{Key, Modifiers, Pos2, Rect};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

mod common;

/// The whole window (1400×900) on `text` marked up as in the fixtures.
/// Machines without Hebrew or Arabic fonts draw boxes ("tofu") of a glyph's
/// size instead of letters; the layout, and so the test, is the same.
fn open(text: &str) -> Harness<'static, ArgmarkApp> {
    open_with(text, false)
}

/// As [`open`], with the system's fonts as the window uses them (eframe's
/// `system_fonts`), for tests about how tall or wide other scripts are.
fn open_with(text: &str, system_fonts: bool) -> Harness<'static, ArgmarkApp> {
    let app = ArgmarkApp::new(Session::new(
        marked(text, TagScheme::argument()),
        Origin::Example,
    ));
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .with_max_steps(30)
        .allow_missing_glyphs()
        .with_context_setup(move |ctx| {
            if system_fonts {
                ctx.add_font_provider(std::sync::Arc::new(
                    egui_system_font_provider::SystemFontProvider::new(),
                ));
            }
        })
        .build_ui_state(|ui, app: &mut ArgmarkApp| app.draw(ui), app);
    h.run();
    h
}

/// Char offset of `needle` in the document text.
fn offset(h: &Harness<'_, ArgmarkApp>, needle: &str) -> usize {
    let text = h.state().session().map().text();
    let byte = text.find(needle).expect("needle in text");
    text[..byte].chars().count()
}

/// Where char `c` is drawn (its glyph box).
fn glyph(h: &Harness<'_, ArgmarkApp>, c: usize) -> Rect {
    let app = h.state();
    app.text_pane()
        .screen_rect_of_char(app.session().map(), c)
        .expect("the char is on screen")
}

/// A pointer drag from `from` to `to` in small steps, as a hand makes it.
fn drag(h: &mut Harness<'_, ArgmarkApp>, from: Pos2, to: Pos2) {
    h.hover_at(from);
    h.run();
    h.drag_at(from);
    h.run();
    for step in 1..=5 {
        h.hover_at(from + (to - from) * (step as f32 / 5.0));
        h.run();
    }
    h.drop_at(to);
    h.run();
}

fn click(h: &mut Harness<'_, ArgmarkApp>, pos: Pos2) {
    h.hover_at(pos);
    h.run();
    for pressed in [true, false] {
        h.event(egui::Event::PointerButton {
            pos,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: Modifiers::NONE,
        });
    }
    h.run();
}

/// Drags over the words `first` … `last` of the text the way they are seen
/// (from inside the first letter of `first` to inside the last letter of
/// `last`), tags the selection with key 2 and returns the new unit's quote.
fn drag_and_tag(h: &mut Harness<'_, ArgmarkApp>, first: &str, last: &str) -> String {
    let start = offset(h, first);
    let end = offset(h, last) + last.chars().count();
    let from = glyph(h, start + 1).center();
    let to = glyph(h, end - 2).center();
    drag(h, from, to);
    let before = h.state().session().map().units().len();
    h.key_press(Key::Num2);
    h.run();
    let map = h.state().session().map();
    assert_eq!(map.units().len(), before + 1, "a unit was made");
    let id = h.state().view().selected[0].clone();
    map.unit(&id).unwrap().quote.clone()
}

const HEBREW: &str =
    "An English line first.\nהשרים הסכימו באופן עקרוני ביום שלישי והעסקה עשויה להיחתם באביב";
const ARABIC: &str = "An English line first.\nقال الوزير إن الاتفاق قد يوقع في الربيع المقبل";

#[test]
fn a_hebrew_line_reads_right_to_left_and_is_right_aligned() {
    let h = open(HEBREW);
    let first = offset(&h, "השרים");
    // The first letter is drawn to the right of the second, and the first
    // word to the right of the second word.
    assert!(glyph(&h, first).min.x > glyph(&h, first + 1).min.x);
    let second = offset(&h, "הסכימו");
    assert!(glyph(&h, first).min.x > glyph(&h, second).max.x);
    // Right-aligned: the paragraph's first letter ends where the English
    // line could at most reach, far right of where that line starts.
    let english = glyph(&h, 0);
    assert!(
        glyph(&h, first).max.x > english.min.x + 400.0,
        "first Hebrew letter at {:?}, English line starts at {:?}",
        glyph(&h, first),
        english
    );
}

#[test]
fn dragging_over_hebrew_words_saves_exactly_those_words() {
    let mut h = open(HEBREW);
    assert_eq!(drag_and_tag(&mut h, "באופן", "ביום"), "באופן עקרוני ביום");
    // The other way round (left to right on screen, from the last word back).
    let mut h = open(HEBREW);
    let start = offset(&h, "והעסקה");
    let end = offset(&h, "עשויה") + "עשויה".chars().count();
    let from = glyph(&h, end - 2).center();
    let to = glyph(&h, start + 1).center();
    drag(&mut h, from, to);
    h.key_press(Key::Num2);
    h.run();
    let id = h.state().view().selected[0].clone();
    assert_eq!(
        h.state().session().map().unit(&id).unwrap().quote,
        "והעסקה עשויה"
    );
}

#[test]
fn dragging_over_arabic_words_saves_exactly_those_words() {
    let mut h = open(ARABIC);
    assert_eq!(drag_and_tag(&mut h, "الاتفاق", "يوقع"), "الاتفاق قد يوقع");
}

#[test]
fn a_latin_word_inside_hebrew_selects_in_logical_order() {
    let mut h = open("Intro.\nההסכם RELOS נחתם אתמול במוסקבה");
    // From inside "ההסכם" (right) over "RELOS" to inside "נחתם" (left).
    assert_eq!(drag_and_tag(&mut h, "ההסכם", "נחתם"), "ההסכם RELOS נחתם");
}

#[test]
fn clicking_a_hebrew_or_arabic_unit_selects_it() {
    for text in [
        "Intro.\nהשרים [Claim:הסכימו באופן] עקרוני",
        "Intro.\nقال [Claim:الوزير إن] الاتفاق",
    ] {
        let mut h = open(text);
        let unit = h.state().session().map().units()[0].clone();
        assert!(h.state().view().selected.is_empty());
        let inside = glyph(&h, unit.start + 2).center();
        click(&mut h, inside);
        assert_eq!(h.state().view().selected, vec![unit.id.clone()], "{text}");
        // A letter just outside the unit does not select it.
        let outside = glyph(&h, unit.end + 2).center();
        click(&mut h, outside);
        assert!(h.state().view().selected.is_empty(), "{text}");
    }
}

#[test]
fn the_start_handle_of_a_hebrew_unit_sits_on_its_right_and_drags_by_words() {
    let mut h = open("Intro.\nהשרים הסכימו [Claim:באופן עקרוני] ביום שלישי");
    let unit = h.state().session().map().units()[0].clone();
    let inside = glyph(&h, unit.start + 2).center();
    click(&mut h, inside);
    assert_eq!(h.state().view().selected, vec![unit.id.clone()]);
    // The unit starts at the right edge of its first letter.
    let first = glyph(&h, unit.start);
    let handle = Pos2::new(first.max.x + 1.0, first.center().y);
    // Drag it right, into the previous word ("הסכימו"): the unit grows by that word.
    let prev = offset(&h, "הסכימו");
    let to = glyph(&h, prev + 2).center();
    drag(&mut h, handle, to);
    let map = h.state().session().map();
    assert_eq!(map.unit(&unit.id).unwrap().quote, "הסכימו באופן עקרוני");
}

/// The first node labelled `label` exactly.
fn rect_of(h: &Harness<'_, ArgmarkApp>, label: &str) -> Rect {
    h.get_by_label(label).rect()
}

#[test]
fn beside_the_map_the_inspector_shows_delete_status_and_relations() {
    let mut h = common::relos_window();
    assert!(h.state().prefs.map, "the map is on by default");
    // Select the first unit (it has a status and relations) from the units list.
    let first = h.state().session().map().units()[0].clone();
    h.state_mut().view_mut().selected = vec![first.id.clone()];
    h.run();
    let map_top = rect_of(&h, "Fit").min.y;
    for label in ["Delete unit", "Standing", "Relations"] {
        let r = rect_of(&h, label);
        assert!(
            r.max.y <= map_top,
            "{label} at {r:?} is hidden under the map (map starts at {map_top})"
        );
    }
    // The button works from there.
    h.get_by_label("Delete unit").click();
    h.run();
    assert!(h.state().session().map().unit(&first.id).is_none());
}

#[test]
fn a_newly_opened_document_starts_at_the_top() {
    let mut h = common::relos_window();
    let map = h.state().session().map().clone();
    let last = map.units().last().unwrap().start;
    h.state_mut().view_mut().scroll_to = Some(last);
    h.run();
    let pane = h.state().text_pane();
    assert!(
        pane.screen_pos_of_char(&map, 0).is_none_or(|p| p.y < 0.0),
        "scrolled away from the top"
    );
    h.state_mut().open_path(&common::example());
    h.run();
    let map = h.state().session().map().clone();
    let first = h.state().text_pane().screen_pos_of_char(&map, 0);
    assert!(
        first.is_some_and(|p| p.y > 0.0 && p.y < 200.0),
        "the new document shows its first line, at {first:?}"
    );
}

#[test]
fn the_error_dialog_wraps_a_long_path_inside_the_window() {
    let mut h = common::relos_window();
    let dir = tempfile::tempdir().unwrap();
    let folder = dir
        .path()
        .join("afolderwithaverylongnamethathasnopunctuationanywhereinsideitatall")
        .join("andanotherverylongfoldernamewithoutanydashesorstopstobreakat");
    std::fs::create_dir_all(&folder).unwrap();
    let path = folder.join("brokendocument.argmap.ron");
    std::fs::write(&path, "garbage(").unwrap();
    h.state_mut().open_path(&path);
    h.run();
    let message = h.get_by_label_contains("brokendocument.argmap.ron");
    let r = message.rect();
    assert!(
        r.max.x <= 1400.0 && r.width() < 700.0,
        "the message at {r:?} fits the window"
    );
}

/// Sentences the lens reads as speculative, long enough to wrap in the list.
const SPECULATIVE: &str = "Ministers said the pact was signed on Tuesday after long talks.\n\
The new line will likely bring more ships into the ports of both countries over the coming years, and perhaps more drills.\n\
If costs rise, then perhaps the navies will share fuel depots along the whole route, which might change the balance.\n\
It may well be that the agreement will soon be extended to the air forces of both sides as well.";

#[test]
fn accepting_a_suggestion_selects_the_new_unit_and_says_so() {
    use egui::accesskit::Role as A11y;
    let mut h = open(SPECULATIVE);
    h.get_by_role_and_label(A11y::Button, "Suggestions").click();
    h.run();
    let before = h.state().session().map().units().len();
    h.get_all_by_role_and_label(A11y::Button, "Accept")
        .next()
        .expect("a suggestion")
        .click();
    h.run();
    let map = h.state().session().map();
    assert_eq!(map.units().len(), before + 1);
    let made = map
        .units()
        .iter()
        .find(|u| u.quote.starts_with("The new line"))
        .unwrap();
    assert_eq!(
        h.state().view().selected,
        vec![made.id.clone()],
        "the new unit is selected"
    );
    let notice = h.state().notice().unwrap_or_default();
    assert!(
        notice.contains("Accepted") && notice.contains(made.id.as_str()),
        "{notice}"
    );
}

#[test]
fn suggestion_rows_hold_their_sentence_and_buttons() {
    use egui::accesskit::Role as A11y;
    let mut h = open(SPECULATIVE);
    h.get_by_role_and_label(A11y::Button, "Suggestions").click();
    h.run();
    let links: Vec<Rect> = h
        .query_all_by(|n| n.role() == A11y::Link)
        .map(|n| n.rect())
        .collect();
    let accepts: Vec<Rect> = h
        .get_all_by_role_and_label(A11y::Button, "Accept")
        .map(|n| n.rect())
        .collect();
    assert_eq!(links.len(), 3, "three suggestions");
    assert_eq!(accepts.len(), 3);
    for i in 0..3 {
        assert!(
            links[i].max.y <= accepts[i].min.y,
            "row {i}: the sentence above its buttons"
        );
        if i + 1 < 3 {
            assert!(
                accepts[i].max.y < links[i + 1].min.y,
                "row {i} ends before row {} starts: {:?} vs {:?}",
                i + 1,
                accepts[i],
                links[i + 1]
            );
        }
    }
}

#[test]
fn the_checks_tab_shows_the_same_coverage_as_argmark_stats() {
    use egui::accesskit::Role as A11y;
    let mut h = common::relos_window();
    h.get_by_role_and_label(A11y::Button, "Checks").click();
    h.run();
    // The figures `argmark stats` prints for the same map.
    let out = common::argmark(&["stats", common::example().to_str().unwrap()]);
    let text = common::stdout(&out);
    let lines: Vec<&str> = text
        .lines()
        .skip_while(|l| !l.starts_with("Coverage of the text"))
        .skip(1)
        .collect();
    assert!(lines.len() >= 3, "{text}");
    for line in lines {
        let mut parts = line.split_whitespace();
        let (role, share) = (parts.next().unwrap(), parts.next().unwrap());
        assert!(
            h.query_all_by_label(role).next().is_some(),
            "the window lists {role}"
        );
        assert!(
            h.query_all_by_label(share).next().is_some(),
            "the window shows {role} {share}"
        );
    }
    // Roles the scheme has no tag for are not listed ("other 0%").
    assert!(h.query_by_label("other").is_none());
}

#[test]
fn switching_left_tabs_keeps_the_panel_width() {
    use egui::accesskit::Role as A11y;
    let mut h = common::relos_window();
    let text_left = |h: &Harness<'_, ArgmarkApp>| {
        h.get_by_role_and_label(A11y::Document, "Document text")
            .rect()
            .min
            .x
    };
    let start = text_left(&h);
    for tab in ["Scenarios", "Checks", "Suggestions", "Document", "Units"] {
        h.get_by_role_and_label(A11y::Button, tab).click();
        h.run();
        h.run();
        let x = text_left(&h);
        assert!(
            (x - start).abs() < 1.0,
            "the text moved from {start} to {x} on the {tab} tab"
        );
    }
}

#[test]
fn units_list_rows_hold_chinese_and_japanese_quotes() {
    use egui::accesskit::Role as A11y;
    let h = open_with(
        "Intro.\n中文：[Claim:如果谈判继续顺利进行，双方]可能会在北极举行联合演习。\n日本語：[Speculation:両国は来年にも共同演習]を行う可能性がある。",
        true,
    );
    let rows: Vec<Rect> = h
        .query_all_by(|n| n.role() == A11y::ListItem)
        .map(|n| n.rect())
        .collect();
    assert_eq!(rows.len(), 2);
    for (quote, row) in ["如果谈判继续顺利进行，双方", "両国は来年にも共同演習"]
        .into_iter()
        .zip(&rows)
    {
        let label = h
            .query_all_by(|n| {
                n.role() != A11y::ListItem
                    && (n.label().as_deref() == Some(quote) || n.value().as_deref() == Some(quote))
            })
            .next()
            .expect("the quote is shown")
            .rect();
        assert!(
            label.max.y <= row.max.y && label.min.y >= row.min.y,
            "{quote} at {label:?} sticks out of its row {row:?}"
        );
    }
}

#[test]
fn the_window_has_its_theme_before_the_first_frame() {
    // A new context follows the system theme (dark here); the saved
    // preference (light by default) must be set before anything is drawn.
    let ctx = egui::Context::default();
    ctx.set_theme(egui::Theme::Dark);
    let cc = eframe::CreationContext::_new_kittest(ctx.clone());
    let app = ArgmarkApp::from_creation_context(&cc, None, None);
    assert!(!app.prefs.dark);
    assert_eq!(
        ctx.theme(),
        egui::Theme::Light,
        "set before the first frame"
    );
}

#[test]
fn a_hebrew_quote_in_the_units_list_and_inspector_is_right_aligned() {
    use egui::accesskit::Role as A11y;
    let mut h = open("Intro.\nהשרים [Claim:הסכימו באופן עקרוני] ביום שלישי");
    let unit = h.state().session().map().units()[0].clone();
    let row = h
        .query_all_by(|n| n.role() == A11y::ListItem)
        .next()
        .expect("the unit is listed")
        .rect();
    // The quote's label fills the row's width and is drawn from its right end.
    let is_quote = |n: &egui_kittest::kittest::AccessKitNode<'_>| {
        n.role() != A11y::ListItem
            && (n.label().as_deref() == Some(&unit.quote)
                || n.value().as_deref() == Some(&unit.quote))
    };
    let label = h
        .query_all_by(is_quote)
        .next()
        .expect("the quote is labelled in logical order")
        .rect();
    assert!(
        label.max.x > row.center().x && label.min.y >= row.min.y,
        "{label:?} in {row:?}"
    );
    h.state_mut().view_mut().selected = vec![unit.id.clone()];
    h.run();
    let in_inspector = h.query_all_by(is_quote).count();
    assert_eq!(in_inspector, 2, "listed and in the inspector");
}

#[test]
fn in_hebrew_shift_arrows_move_a_units_ends_across_the_screen() {
    let mut h = open("Intro.\nהשרים הסכימו [Claim:באופן עקרוני] ביום שלישי");
    let unit = h.state().session().map().units()[0].clone();
    let inside = glyph(&h, unit.start + 2).center();
    click(&mut h, inside);
    assert_eq!(h.state().view().selected, vec![unit.id.clone()]);
    let quote = |h: &Harness<'_, ArgmarkApp>| {
        h.state()
            .session()
            .map()
            .unit(&unit.id)
            .unwrap()
            .quote
            .clone()
    };
    // The end is on the left: Shift+← takes in the next word, Shift+→ gives it back.
    h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowLeft);
    h.run();
    assert_eq!(quote(&h), "באופן עקרוני ביום");
    h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowRight);
    h.run();
    assert_eq!(quote(&h), "באופן עקרוני");
    // The start is on the right: Alt+Shift+→ takes in the previous word.
    h.key_press_modifiers(Modifiers::ALT | Modifiers::SHIFT, Key::ArrowRight);
    h.run();
    assert_eq!(quote(&h), "הסכימו באופן עקרוני");
}

#[test]
fn letters_no_font_can_draw_are_named_in_a_banner_until_dismissed() {
    // egui's bundled fonts only (no system fonts): Devanagari and Chinese are missing.
    let mut h =
        open("Intro.\nहिन्दी: यह समझौता शायद मज़बूत करेगा।\n中文：双方可能会在北极举行联合演习。");
    let banner = |h: &Harness<'_, ArgmarkApp>| {
        h.query_all_by_label_contains("No installed font has the")
            .next()
            .map(|n| format!("{n:?}"))
    };
    let start = std::time::Instant::now();
    while banner(&h).is_none() {
        assert!(start.elapsed().as_secs() < 5, "no banner");
        std::thread::sleep(std::time::Duration::from_millis(20));
        h.run();
    }
    let text = banner(&h).unwrap();
    assert!(text.contains("Devanagari"), "{text}");
    assert!(text.contains("Chinese (Han)"), "{text}");
    assert!(!text.contains("Latin"), "{text}");
    h.get_by_label("Dismiss").click();
    h.run();
    assert!(banner(&h).is_none());
}

#[test]
fn a_text_every_font_covers_gets_no_font_banner() {
    let mut h = common::relos_window();
    let start = std::time::Instant::now();
    while !h.state().documents()[0].font_check_done() {
        assert!(start.elapsed().as_secs() < 5, "the check never ran");
        std::thread::sleep(std::time::Duration::from_millis(20));
        h.run();
    }
    assert!(
        h.query_all_by_label_contains("No installed font has the")
            .next()
            .is_none()
    );
}
