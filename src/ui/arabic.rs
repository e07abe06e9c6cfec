//! Arabic letters in their joined forms, for display.
//!
//! The reading pane shapes right-to-left text one grapheme at a time (see
//! [`super::bidi::shaping_pieces`]), so the shaper never sees a letter's
//! neighbours and every Arabic letter would show its isolated form. This
//! module picks each letter's contextual form (isolated, final, initial,
//! medial) by the Unicode joining rules and substitutes the matching
//! presentation-form character, one char for one char, so offsets and the
//! display ↔ logical map are unchanged. Ligatures (lam-alef) are not formed.
//! No egui here.

use std::borrow::Cow;

/// How a letter joins its neighbours (Unicode `Joining_Type`, simplified).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Joining {
    /// Joins on both sides (beh, seen, lam, …).
    Dual,
    /// Joins only to the letter before it (alef, dal, reh, waw, …).
    Right,
    /// Tatweel: joins both sides and has no forms of its own.
    Causing,
    /// Combining marks: skipped when finding neighbours.
    Transparent,
    /// Everything else.
    None,
}

/// The presentation forms of a letter: isolated, final, initial, medial
/// (the last two only for dual-joining letters), or `None`.
fn forms(c: char) -> Option<(Joining, [u32; 4])> {
    let dual = |iso: u32| Some((Joining::Dual, [iso, iso + 1, iso + 2, iso + 3]));
    let right = |iso: u32| Some((Joining::Right, [iso, iso + 1, 0, 0]));
    match c as u32 {
        0x0622 => right(0xFE81),
        0x0623 => right(0xFE83),
        0x0624 => right(0xFE85),
        0x0625 => right(0xFE87),
        0x0626 => dual(0xFE89),
        0x0627 => right(0xFE8D),
        0x0628 => dual(0xFE8F),
        0x0629 => right(0xFE93),
        0x062A => dual(0xFE95),
        0x062B => dual(0xFE99),
        0x062C => dual(0xFE9D),
        0x062D => dual(0xFEA1),
        0x062E => dual(0xFEA5),
        0x062F => right(0xFEA9),
        0x0630 => right(0xFEAB),
        0x0631 => right(0xFEAD),
        0x0632 => right(0xFEAF),
        0x0633 => dual(0xFEB1),
        0x0634 => dual(0xFEB5),
        0x0635 => dual(0xFEB9),
        0x0636 => dual(0xFEBD),
        0x0637 => dual(0xFEC1),
        0x0638 => dual(0xFEC5),
        0x0639 => dual(0xFEC9),
        0x063A => dual(0xFECD),
        0x0641 => dual(0xFED1),
        0x0642 => dual(0xFED5),
        0x0643 => dual(0xFED9),
        0x0644 => dual(0xFEDD),
        0x0645 => dual(0xFEE1),
        0x0646 => dual(0xFEE5),
        0x0647 => dual(0xFEE9),
        0x0648 => right(0xFEED),
        0x0649 => right(0xFEEF),
        0x064A => dual(0xFEF1),
        // Persian and Urdu letters (Presentation Forms-A).
        0x067E => dual(0xFB56),
        0x0686 => dual(0xFB7A),
        0x0698 => right(0xFB8A),
        0x06A9 => dual(0xFB8E),
        0x06AF => dual(0xFB92),
        0x06CC => dual(0xFBFC),
        _ => None,
    }
}

fn joining(c: char) -> Joining {
    if let Some((j, _)) = forms(c) {
        return j;
    }
    match c as u32 {
        0x0640 => Joining::Causing,
        0x0610..=0x061A
        | 0x064B..=0x065F
        | 0x0670
        | 0x06D6..=0x06DC
        | 0x06DF..=0x06E4
        | 0x06E7..=0x06E8
        | 0x06EA..=0x06ED => Joining::Transparent,
        _ => Joining::None,
    }
}

/// `text` with each Arabic letter replaced by its contextual presentation
/// form; the same number of chars. Borrowed when there is nothing to join.
pub fn joined_forms(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| forms(c).is_some()) {
        return Cow::Borrowed(text);
    }
    let chars: Vec<char> = text.chars().collect();
    let kinds: Vec<Joining> = chars.iter().map(|&c| joining(c)).collect();
    let neighbour = |from: usize, step: isize| -> Joining {
        let mut i = from as isize + step;
        while i >= 0 && (i as usize) < chars.len() {
            match kinds[i as usize] {
                Joining::Transparent => i += step,
                k => return k,
            }
        }
        Joining::None
    };
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        let Some((kind, f)) = forms(c) else {
            out.push(c);
            continue;
        };
        let before = neighbour(i, -1);
        let after = neighbour(i, 1);
        let joins_before = matches!(before, Joining::Dual | Joining::Causing);
        let joins_after = kind == Joining::Dual
            && matches!(after, Joining::Dual | Joining::Right | Joining::Causing);
        let form = match (joins_before, joins_after) {
            (false, false) => f[0],
            (true, false) => f[1],
            (false, true) => f[2],
            (true, true) => f[3],
        };
        out.push(char::from_u32(form).unwrap_or(c));
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_take_their_joined_forms() {
        // قال: qaf initial, alef final, lam isolated (alef does not join onward).
        assert_eq!(joined_forms("قال"), "\u{FED7}\u{FE8E}\u{FEDD}");
        // بيت: beh initial, yeh medial, teh final.
        assert_eq!(joined_forms("بيت"), "\u{FE91}\u{FEF4}\u{FE96}");
        // Words are joined separately; marks between letters do not break the join.
        assert_eq!(joined_forms("بَب ب"), "\u{FE91}\u{064E}\u{FE90} \u{FE8F}");
    }

    #[test]
    fn other_text_is_untouched_and_lengths_never_change() {
        assert!(matches!(joined_forms("שלום RELOS"), Cow::Borrowed(_)));
        let s = "قال الوزير إن الاتفاق قد يوقع، 2025.";
        assert_eq!(joined_forms(s).chars().count(), s.chars().count());
    }
}
