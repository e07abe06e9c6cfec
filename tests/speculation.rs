//! The speculation lens on real sentences: quality on a labelled set,
//! exact cue spans in multi-byte text, the RELOS hedges, and suggestions.

use argmark::analysis::lens::{
    self, CueClass, Label, Lexicon, SentenceReading, Strength, accept_edit, dismiss_edit,
    suggestions,
};
use argmark::model::{SourceText, TagScheme, apply, fixture};
use std::path::Path;

fn read(text: &str) -> Vec<SentenceReading> {
    lens::read(text, Lexicon::builtin())
}

/// The text a char span covers.
fn slice(text: &str, span: std::ops::Range<usize>) -> String {
    text.chars().skip(span.start).take(span.len()).collect()
}

fn cue_texts(text: &str) -> Vec<String> {
    let source = SourceText::new(text.to_owned());
    read(text)
        .iter()
        .flat_map(|r| r.cues.iter().map(|c| c.text(&source).to_owned()))
        .collect()
}

#[test]
fn labelled_set_precision_and_recall() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/speculation_sentences.tsv");
    let src = std::fs::read_to_string(&path).expect("the labelled set");
    let (mut tp, mut fp, mut fn_, mut total, mut split) = (0, 0, 0, 0, Vec::new());
    let mut attribution_right = (0, 0);
    let mut errors = Vec::new();
    for line in src.lines().filter(|l| !l.is_empty() && !l.starts_with('#')) {
        let (gold, sentence) = line.split_once('\t').expect("LABEL<TAB>SENTENCE");
        let gold = Label::from_key(gold).unwrap_or_else(|| panic!("bad label in {line:?}"));
        let readings = read(sentence);
        if readings.len() != 1 {
            split.push(sentence);
        }
        // The strongest label of the line's sentences (one, unless segmentation errs).
        let got = readings
            .iter()
            .map(|r| r.label)
            .min()
            .unwrap_or(Label::Neither);
        total += 1;
        match (gold == Label::Speculation, got == Label::Speculation) {
            (true, true) => tp += 1,
            (false, true) => fp += 1,
            (true, false) => fn_ += 1,
            (false, false) => {}
        }
        if gold == Label::Attribution {
            attribution_right.1 += 1;
            attribution_right.0 += usize::from(got == Label::Attribution);
        }
        if gold != got {
            let cues: Vec<String> = readings
                .iter()
                .flat_map(|r| r.cues.iter().map(|c| slice(sentence, c.span.clone())))
                .collect();
            errors.push(format!(
                "  gold {:<11} got {:<11} {sentence}  {cues:?}",
                gold.key(),
                got.key()
            ));
        }
    }
    let precision = tp as f64 / (tp + fp) as f64;
    let recall = tp as f64 / (tp + fn_) as f64;
    println!(
        "speculation lens on {total} sentences: precision {precision:.3} ({tp}/{}), recall {recall:.3} ({tp}/{}); attribution recall {}/{}",
        tp + fp,
        tp + fn_,
        attribution_right.0,
        attribution_right.1
    );
    println!("disagreements:\n{}", errors.join("\n"));
    assert!(total >= 150, "only {total} labelled sentences");
    assert!(
        split.is_empty(),
        "lines split into several sentences: {split:#?}"
    );
    assert!(precision >= 0.85, "precision {precision:.3}");
    assert!(recall >= 0.85, "recall {recall:.3}");
}

#[test]
fn cue_spans_are_exact_after_multibyte_text() {
    let prefixes = [
        "Détente",
        "“Привет”,",
        "Россия и Индия",
        "中文的句子",
        "👩‍🔬🇮🇳 emoji",
        "e\u{301}clair",
    ];
    for p in prefixes {
        let text = format!("{p} they might sign, and it will likely presage drills.");
        let readings = read(&text);
        assert_eq!(readings.len(), 1, "{text}");
        let cues = &readings[0].cues;
        let source = SourceText::new(text.clone());
        let got: Vec<(String, &str)> = cues
            .iter()
            .map(|c| (slice(&text, c.span.clone()), c.text(&source)))
            .collect();
        let want = ["might", "will", "likely", "presage"];
        assert_eq!(got.len(), want.len(), "{text}: {got:?}");
        for ((at_span, text_field), w) in got.iter().zip(want) {
            assert_eq!(at_span, w, "{text}");
            assert_eq!(*text_field, w, "{text}");
        }
        assert_eq!(readings[0].label, Label::Speculation);
        assert_eq!(slice(&text, readings[0].span.clone()), text);
    }
}

#[test]
fn suffix_cue_spans_cover_only_the_ending() {
    let text = "Café owners say “that’ll ruin us” soon.";
    let readings = read(text);
    let ll = readings[0]
        .cues
        .iter()
        .find(|c| c.class.strength() == Some(Strength::Prediction))
        .expect("the 'll cue");
    assert_eq!(ll.text(&SourceText::new(text.to_owned())), "’ll");
    assert_eq!(slice(text, ll.span.clone()), "’ll");
    assert_eq!(readings[0].label, Label::Speculation);
}

#[test]
fn false_friends_are_not_cues() {
    for s in [
        "The museum reopened in May 2024.",
        "On May 5 the polls opened.",
        "The will of the people prevailed.",
        "Free will is an old puzzle.",
        "Students can borrow ten books.",
        "The briefing “Why Might Russia Repair Its Ties With The West?” was published.",
        "Russia’s military might is on show.",
        "Will Harper scored twice.",
        "Please reply as soon as possible.",
        "She appeared in court on Monday.",
        "They were going to the market.",
        "Workers could not be reached for comment.",
    ] {
        let r = read(s);
        assert!(
            r.iter().all(|r| r.label != Label::Speculation),
            "{s}: {:?}",
            r.iter().flat_map(|r| &r.cues).collect::<Vec<_>>()
        );
    }
}

#[test]
fn questions_and_sentence_initial_modals_count() {
    for s in [
        "Will the ceasefire hold?",
        "May the talks resume next week? Nobody knows.",
        "Could this be the end of the affair?",
    ] {
        assert_eq!(read(s)[0].label, Label::Speculation, "{s}");
    }
}

#[test]
fn attribution_and_precedence() {
    let r = read("Police said the driver was arrested. Officials said talks might resume.");
    assert_eq!(r[0].label, Label::Attribution);
    assert!(r[0].cues.iter().all(|c| c.class == CueClass::Attribution));
    assert_eq!(r[1].label, Label::Speculation);
    assert_eq!(r[1].cues.len(), 2);
}

#[test]
fn concessive_clauses_set_speculation_aside() {
    let r = read("Even if the best-case scenario fails, the treaty stands.");
    assert_eq!(r[0].label, Label::Neither, "{:?}", r[0].cues);
    let r = read("Even if the talks fail, prices will rise.");
    assert_eq!(r[0].label, Label::Speculation);
    assert_eq!(r[0].cues.len(), 1);
}

#[test]
fn if_then_reports_both_parts() {
    let text = "If the talks go well, then perhaps the drills follow.";
    let texts = cue_texts(text);
    assert_eq!(texts, ["If", "then", "perhaps"]);
    let r = read(text);
    assert!(
        r[0].cues[..2]
            .iter()
            .all(|c| c.class.strength() == Some(Strength::Conditional))
    );
    // A "then" without an "if" is just time.
    assert!(cue_texts("They met, then they left.").is_empty());
}

#[test]
fn relos_hedges_are_found() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/relos.txt");
    let text = std::fs::read_to_string(path).expect("examples/relos.txt");
    let readings = read(&text);
    let sentence_with = |needle: &str| {
        readings
            .iter()
            .find(|r| slice(&text, r.span.clone()).contains(needle))
            .unwrap_or_else(|| panic!("no sentence contains {needle:?}"))
    };
    let cues_of = |r: &SentenceReading| -> Vec<String> {
        r.cues
            .iter()
            .map(|c| slice(&text, c.span.clone()).to_lowercase())
            .collect()
    };
    let expect = |needle: &str, wanted: &[&str]| {
        let r = sentence_with(needle);
        assert_eq!(r.label, Label::Speculation, "{needle}");
        let got = cues_of(r);
        for w in wanted {
            assert!(got.iter().any(|g| g == w), "{needle}: {w:?} not in {got:?}");
        }
    };
    expect("this will likely presage", &["will", "likely", "presage"]);
    expect("might even agree", &["if", "then", "might", "could"]);
    expect("could see Russia and the US", &["could see"]);
    expect(
        "in the event that the Russian-US",
        &["in the event that", "then", "perhaps"],
    );
    expect(
        "actually comes to pass, then",
        &["if", "then", "could", "one day"],
    );
    expect("remains to be seen", &["remains to be seen"]);
    // The dated briefing titles hold no speculation of their own.
    let titles: Vec<&SentenceReading> = readings
        .iter()
        .filter(|r| slice(&text, r.span.clone()).contains(" 2025: “"))
        .collect();
    assert_eq!(titles.len(), 5);
    assert!(titles.iter().all(|r| r.label == Label::Neither));
    // Sentence spans start after the list bullets.
    assert!(
        titles
            .iter()
            .all(|r| slice(&text, r.span.clone()).starts_with(char::is_numeric))
    );
}

#[test]
fn suggestions_skip_marked_and_dismissed_sentences_and_edits_apply() {
    let mut map = fixture::marked(
        "Prices rose. [Speculation:Prices might fall.] “They will likely sign.” The deal could collapse. Talks ended.",
        TagScheme::argument(),
    );
    let readings = lens::read_map(&map, Lexicon::builtin());
    let s = suggestions(&map, &readings);
    let spans: Vec<String> = s
        .iter()
        .map(|s| slice(map.text(), s.sentence.clone()))
        .collect();
    assert_eq!(
        spans,
        ["“They will likely sign.”", "The deal could collapse."]
    );
    assert_eq!(
        slice(map.text(), s[0].unit_span.clone()),
        "They will likely sign"
    );

    let accept = accept_edit(&map, &s[0]).expect("the scheme has a speculation tag");
    apply(&mut map, accept).expect("accepting applies");
    let added = map.unit(&"u2".into()).expect("new unit u2");
    assert_eq!(added.kind, "Speculation");
    assert_eq!(added.quote, "They will likely sign");

    apply(&mut map, dismiss_edit(&s[1])).expect("dismissing applies");
    assert!(suggestions(&map, &readings).is_empty());

    let no_spec = fixture::marked("It might rain.", TagScheme::builtin("essay").unwrap());
    let s = suggestions(&no_spec, &lens::read_map(&no_spec, Lexicon::builtin()));
    assert_eq!(s.len(), 1);
    assert!(accept_edit(&no_spec, &s[0]).is_none());
}
