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
