//! The patient screen's guides in Portuguese: step names, what each picture shows (read out by
//! assistive technology), the language row. Machine-drafted: needs a native speaker's review
//! before use at a clinic (see `mod.rs`).

use crate::flow::Step;
use crate::i18n::patient::Picture;

pub(in crate::i18n) fn step(s: Step) -> &'static str {
    match s {
        Step::Card => "Cartão",
        Step::Identity => "Identidade",
        Step::Consent => "Consentimento",
        Step::Done => "Concluído",
    }
}

pub(in crate::i18n) fn step_of(s: Step) -> String {
    format!("Passo {} de {}: {}", s.number(), Step::ALL.len(), step(s))
}

pub(in crate::i18n) fn picture(p: Picture) -> &'static str {
    match p {
        Picture::CardOnReader => "Um cartão colocado no leitor",
        Picture::Face => "Um rosto dentro do oval",
        Picture::PinPad => "O teclado da senha",
        Picture::TakeCard => "Um cartão sendo retirado do leitor",
        Picture::Done => "Um sinal de concluído",
        Picture::Wait => "Uma ampulheta: aguarde, por favor",
        Picture::Question => "Um balão com uma pergunta",
        Picture::CameraView => "A imagem da câmera com o oval para o rosto",
    }
}

pub(in crate::i18n) fn language_row() -> &'static str {
    "Escolha o idioma"
}
