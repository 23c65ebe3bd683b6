//! The generic reader's paper consent: the form for the visit in progress made in the desk's
//! words, rendered in the screens' font and saved privately for the clerk to open and print
//! (`crate::paper` keeps the file and removes it). One call for the console, so that the
//! screen holds no file or PDF logic.

use crate::flow::{ConsentOffer, Question};
use crate::i18n::{self, Lang};
use crate::paper::{self, PaperError, PrintedForm};
use std::path::Path;

/// What goes on the form: the patient's name (typed by the clerk: the card's name is not read
/// without 照合番号B, and the 入力補助AP is never touched) and the flow's questions.
pub struct ConsentRequest<'a> {
    pub name: &'a str,
    pub questions: &'a [Question],
    pub prescription: bool,
    pub offer: &'a ConsentOffer,
}

/// Makes the form in `lang` for today and saves it in `folder` (normally
/// [`paper::folder`]); the file goes when the returned form is dropped.
pub fn print_consent(
    lang: Lang,
    req: &ConsentRequest<'_>,
    font: &[u8],
    folder: &Path,
) -> Result<PrintedForm, PaperError> {
    let form = i18n::consent_form(
        lang,
        req.name,
        crate::time::today(),
        req.questions,
        req.prescription,
        req.offer,
    );
    let pdf = paper::render(&form, font)?;
    paper::save(folder, &pdf)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flow::InstitutionKind;

    const FONT: &[u8] = include_bytes!("../../../assets/fonts/BIZUDPGothic-Regular.ttf");

    #[test]
    fn the_form_prints_in_both_languages_with_every_question_and_the_name() {
        let offer = ConsentOffer::defaults(InstitutionKind::Medical);
        let questions = [
            Question::DrugAndDiagnosis,
            Question::Checkup,
            Question::Limit,
        ];
        for lang in [Lang::Ja, Lang::En] {
            let form = i18n::consent_form(
                lang,
                "山田　花子",
                time::macros::date!(2026 - 12 - 05),
                &questions,
                true,
                &offer,
            );
            let boxes = form
                .items
                .iter()
                .filter(|i| matches!(i, pdf_form::Item::Checkbox(_)))
                .count();
            assert_eq!(boxes, 2 * questions.len() + 2, "yes / no each, 電子 / 紙");
            assert!(form.items.iter().any(|i| matches!(
                i,
                pdf_form::Item::Field { value, .. } if value == "山田　花子"
            )));
            let dir = tempfile::tempdir().unwrap();
            let req = ConsentRequest {
                name: "山田　花子",
                questions: &questions,
                prescription: true,
                offer: &offer,
            };
            let printed = print_consent(lang, &req, FONT, dir.path()).unwrap();
            let bytes = std::fs::read(printed.path()).unwrap();
            assert!(bytes.starts_with(b"%PDF-"), "a PDF a viewer opens");
        }
    }

    #[test]
    fn a_font_that_is_not_one_is_refused_with_its_reason() {
        let offer = ConsentOffer::defaults(InstitutionKind::Medical);
        let req = ConsentRequest {
            name: "山田　花子",
            questions: &[Question::Checkup],
            prescription: false,
            offer: &offer,
        };
        let dir = tempfile::tempdir().unwrap();
        let e = print_consent(Lang::Ja, &req, b"not a font", dir.path()).unwrap_err();
        assert!(matches!(e, PaperError::Font), "{e}");
        assert!(i18n::paper_error(Lang::Ja, &e).contains("セットアップ"));
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            0,
            "no file left"
        );
    }
}
