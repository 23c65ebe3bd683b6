//! The language a person reads the desk in: the patient picks it on the screen, the clerk's
//! comes from the config. It is a leaf so that the flow and the config, below the words, can
//! hold it; what each language says is in `i18n/<lang>/`, and adding one is described at the
//! top of `i18n`.

/// A language of the desk's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Ja,
    En,
}

impl Lang {
    /// Every language, for what must hold in each (spoken guidance renders every sentence of
    /// each). The match below stops the build when a language is added and not listed.
    pub const ALL: [Lang; 2] = [Lang::Ja, Lang::En];
}

#[cfg(test)]
mod tests {
    use super::Lang;

    #[test]
    fn all_lists_every_language() {
        for l in Lang::ALL {
            // Exhaustive on purpose: a new variant fails here until it is in `ALL`.
            match l {
                Lang::Ja | Lang::En => {}
            }
        }
    }
}
