//! Where a stage sits on the patient's way through a visit: カード → 本人確認 → 同意 → 完了,
//! the four steps the patient screen's step indicator shows. Which step a stage belongs to is
//! a rule of the reception, not of a screen (the console and spoken guidance may name the
//! step too), so it lives beside the stages; the match is exhaustive with no catch-all arm,
//! so a new stage does not compile until someone decides which step it is.

use super::Stage;

/// One of the four steps a patient is shown, in the order they come.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Step {
    /// Placing the card and the card being read.
    Card,
    /// 本人確認: choosing PIN / face / 目視 and doing it.
    Identity,
    /// The consent questions and 保険証利用登録.
    Consent,
    /// Asking the centre, then taking the card.
    Done,
}

impl Step {
    /// The four steps in the order the indicator shows them.
    pub const ALL: [Step; 4] = [Step::Card, Step::Identity, Step::Consent, Step::Done];

    /// 1-based position, for "step 2 of 4".
    pub fn number(self) -> usize {
        self as usize + 1
    }
}

impl Stage {
    /// The step this stage belongs to.
    pub fn step(&self) -> Step {
        match self {
            Stage::Waiting { .. } | Stage::Reading => Step::Card,
            Stage::ChooseMethod { .. }
            | Stage::Pin { .. }
            | Stage::PinLastTry { .. }
            | Stage::PinChecking
            | Stage::PinLocked { .. }
            | Stage::FaceNumber { .. }
            | Stage::FacePhoto
            | Stage::FaceLive { .. }
            | Stage::FaceFailed { .. }
            | Stage::FaceUnavailable { .. }
            | Stage::Visual => Step::Identity,
            // The card signs after the consents (the nonce stays fresh), but for the patient
            // identity is done and the answers are being sent: still the consent step.
            Stage::Confirming
            | Stage::Consent { .. }
            | Stage::PaperConsent { .. }
            // 電子 / 紙 is asked with the consents, before the query.
            | Stage::Prescription
            | Stage::RegisterOffer
            | Stage::RegisterDetails => Step::Consent,
            Stage::Querying | Stage::TakeCard { .. } => Step::Done,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flow::{FrontReading, Question, Trouble};

    #[test]
    fn steps_come_in_the_order_the_patient_meets_them() {
        let visit = [
            Stage::Waiting { notice: None },
            Stage::Reading,
            Stage::ChooseMethod {
                pin: true,
                face: true,
                visual: false,
            },
            Stage::Pin {
                tries_left: 3,
                wrong: false,
            },
            Stage::PinChecking,
            Stage::Consent {
                question: Question::DrugAndDiagnosis,
            },
            Stage::Confirming,
            Stage::Querying,
            Stage::TakeCard { trouble: None },
        ];
        let steps: Vec<Step> = visit.iter().map(Stage::step).collect();
        assert!(steps.is_sorted(), "{steps:?}");
        assert_eq!(steps.first(), Some(&Step::Card));
        assert_eq!(steps.last(), Some(&Step::Done));
        for s in Step::ALL {
            assert!(steps.contains(&s), "{s:?} never shown");
        }
    }

    #[test]
    fn every_identity_path_is_the_identity_step() {
        for stage in [
            Stage::PinLastTry { wrong: true },
            Stage::PinLocked {
                face: true,
                visual: false,
            },
            Stage::FaceNumber {
                wrong_tries_left: None,
                front: FrontReading::Off,
            },
            Stage::FacePhoto,
            Stage::FaceLive { guidance: None },
            Stage::Visual,
        ] {
            assert_eq!(stage.step(), Step::Identity, "{stage:?}");
        }
    }

    #[test]
    fn registration_is_part_of_consent_and_an_early_end_is_done() {
        assert_eq!(Stage::RegisterOffer.step(), Step::Consent);
        assert_eq!(Stage::RegisterDetails.step(), Step::Consent);
        let ended = Stage::TakeCard {
            trouble: Some(Trouble::CancelledByPatient),
        };
        assert_eq!(ended.step(), Step::Done);
    }

    #[test]
    fn numbers_run_one_to_four() {
        let n: Vec<usize> = Step::ALL.iter().map(|s| s.number()).collect();
        assert_eq!(n, [1, 2, 3, 4]);
    }
}
