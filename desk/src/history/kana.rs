//! The search key of a name in kana: the centre sends カナ氏名 in half-width katakana, a clerk
//! types full-width katakana or hiragana, so both are folded to one form (full-width katakana,
//! voiced marks joined to their letter, no spaces) before they are stored or compared.

/// Half-width katakana U+FF61..=U+FF9D in order, as full-width characters.
const HALF_TO_FULL: &str = "。「」、・ヲァィゥェォャュョッーアイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン";

/// The key used to store and to search a kana name (see the module doc).
pub fn search_key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let c = match c {
            '\u{FF61}'..='\u{FF9D}' => HALF_TO_FULL.chars().nth(c as usize - 0xFF61).unwrap_or(c),
            // Hiragana to katakana (same layout, 0x60 apart).
            '\u{3041}'..='\u{3096}' => char::from_u32(c as u32 + 0x60).unwrap_or(c),
            '-' | '－' | '‐' | '−' => 'ー',
            _ => c,
        };
        match c {
            // ﾞ ゛ and the combining mark join the letter before them.
            '\u{FF9E}' | '\u{309B}' | '\u{3099}' => voice(&mut out, false, '゛'),
            '\u{FF9F}' | '\u{309C}' | '\u{309A}' => voice(&mut out, true, '゜'),
            c if c.is_whitespace() => {}
            c => out.push(c),
        }
    }
    out
}

fn voice(out: &mut String, semi: bool, mark: char) {
    let voiced = out.chars().last().and_then(|last| {
        let base = last as u32;
        if semi {
            "ハヒフヘホ"
                .contains(last)
                .then(|| char::from_u32(base + 2))
                .flatten()
        } else if "カキクケコサシスセソタチツテトハヒフヘホ".contains(last) {
            char::from_u32(base + 1)
        } else {
            match last {
                'ウ' => Some('ヴ'),
                'ワ' => Some('ヷ'),
                'ヲ' => Some('ヺ'),
                _ => None,
            }
        }
    });
    match voiced {
        Some(v) => {
            out.pop();
            out.push(v);
        }
        None => out.push(mark),
    }
}

#[cfg(test)]
mod tests {
    use super::search_key;

    #[test]
    fn half_width_full_width_and_hiragana_give_one_key() {
        let want = "シケンハナコ";
        assert_eq!(search_key("ｼｹﾝ ﾊﾅｺ"), want);
        assert_eq!(search_key("シケン　ハナコ"), want);
        assert_eq!(search_key("しけん はなこ"), want);
    }

    #[test]
    fn voiced_marks_join_their_letter() {
        assert_eq!(search_key("ﾀﾞｲｽｹ"), "ダイスケ");
        assert_eq!(search_key("ﾎﾟﾝﾀ"), "ポンタ");
        assert_eq!(search_key("ｳﾞｧｲｵﾚｯﾄ"), "ヴァイオレット");
        assert_eq!(search_key("ばば"), "ババ");
        // A mark with nothing to join stays, so the key never silently loses a character.
        assert_eq!(search_key("ﾞア"), "゛ア");
    }

    #[test]
    fn long_vowel_and_small_kana_are_kept_apart() {
        assert_eq!(search_key("ｷｮｰｺ"), "キョーコ");
        assert_ne!(search_key("ｷｮｳｺ"), search_key("ｷﾖｳｺ"));
    }
}
