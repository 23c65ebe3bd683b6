//! The language a person reads the desk in: the patient picks it on the screen, the clerk's
//! comes from the config. It is a leaf so that the flow and the config, below the words, can
//! hold it; what each language says is in `i18n/<lang>/`, and adding one is described at the
//! top of `i18n`.

/// A language of the desk's words: Japanese, English, and the languages of the largest groups
/// of foreign residents (issue 16). Only `ja` and `en` have every clerk-side file of their
/// own; the others answer those with English.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    Ja,
    En,
    /// Simplified Chinese (简体中文).
    Zh,
    Ko,
    Vi,
    /// Portuguese, worded for Brazilians, most of the Portuguese speakers living in Japan.
    Pt,
}

impl Lang {
    /// Every language, in the order the first patient screen offers them.
    pub const ALL: [Lang; 6] = [Lang::Ja, Lang::En, Lang::Zh, Lang::Ko, Lang::Vi, Lang::Pt];

    /// The language's own name in its own script, as a patient who reads it looks for it on
    /// the language row. Not a translation, so it lives here rather than in a catalogue.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::Ja => "日本語",
            Lang::En => "English",
            Lang::Zh => "中文",
            Lang::Ko => "한국어",
            Lang::Vi => "Tiếng Việt",
            Lang::Pt => "Português",
        }
    }

    /// The ISO 639-1 code: the config spelling (`lang = "zh"`) and the catalogue's folder.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ja => "ja",
            Lang::En => "en",
            Lang::Zh => "zh",
            Lang::Ko => "ko",
            Lang::Vi => "vi",
            Lang::Pt => "pt",
        }
    }

    /// The language with this code, if the desk has it.
    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.code() == code)
    }

    /// Where the later screens' one language button goes from this language, on a desk whose
    /// own language is `home`: back to `home` from any other, and from `home` to English (to
    /// Japanese on an English desk). The first screen offers every language instead.
    pub fn toggle(self, home: Lang) -> Lang {
        if self != home {
            home
        } else if home != Lang::En {
            Lang::En
        } else {
            Lang::Ja
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_name_each_language_once_and_read_back() {
        for l in Lang::ALL {
            assert_eq!(Lang::from_code(l.code()), Some(l));
        }
        assert_eq!(Lang::from_code("fr"), None);
        let names: std::collections::HashSet<_> = Lang::ALL.map(Lang::native_name).into();
        assert_eq!(names.len(), Lang::ALL.len());
        assert_eq!(Lang::ALL[0], Lang::Ja, "Japanese first on the first screen");
    }

    #[test]
    fn the_language_button_goes_home_or_to_english() {
        assert_eq!(Lang::Ja.toggle(Lang::Ja), Lang::En);
        assert_eq!(Lang::Ko.toggle(Lang::Ja), Lang::Ja);
        assert_eq!(Lang::En.toggle(Lang::En), Lang::Ja);
        assert_eq!(Lang::Vi.toggle(Lang::En), Lang::En);
    }
}
