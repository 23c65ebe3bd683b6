//! Spoken guidance in Portuguese, as spoken in Brazil (eSpeak NG's `pt-br` voice): the English sentences of `en/speech.rs` translated, numbers
//! written as words so that no sentence holds a digit. Machine-drafted like the rest of this
//! catalogue: it needs a native speaker's review before use at a clinic (see `mod.rs`).

use crate::flow::Question;
use crate::i18n::speech::Cue;
use face_match::Guidance;

pub(in crate::i18n) fn say(c: Cue) -> &'static str {
    match c {
        Cue::PlaceCard => "Por favor, coloque o seu cartão My Number no leitor.",
        Cue::VisitEnded => {
            "O atendimento anterior terminou. Por favor, coloque o cartão novamente."
        }
        Cue::ChooseMethod { pin: true } => {
            "Por favor, escolha como confirmar a sua identidade: reconhecimento facial, ou a senha."
        }
        Cue::ChooseMethod { pin: false } => {
            "Por favor, escolha como confirmar a sua identidade. A senha não pode ser usada com este cartão."
        }
        Cue::Pin { tries_left: 3 } => {
            "Por favor, digite a sua senha de quatro dígitos. Você ainda tem três tentativas."
        }
        Cue::Pin { tries_left: 2 } => {
            "Por favor, digite a sua senha de quatro dígitos. Você ainda tem duas tentativas."
        }
        Cue::Pin { tries_left: 1 } => {
            "Por favor, digite a sua senha de quatro dígitos. Você ainda tem uma tentativa."
        }
        Cue::Pin { .. } => "Por favor, digite a sua senha de quatro dígitos.",
        Cue::PinWrong { tries_left: 2 } => "A senha está errada. Você ainda tem duas tentativas.",
        Cue::PinWrong { tries_left: 1 } => "A senha está errada. Você ainda tem uma tentativa.",
        Cue::PinWrong { .. } => "A senha está errada. Por favor, digite novamente.",
        Cue::PinLastTry => {
            "Resta só uma tentativa da senha. Uma senha errada vai bloquear o cartão."
        }
        Cue::PinLocked => {
            "A sua senha está bloqueada. Por favor, escolha outra forma, ou fale com um funcionário."
        }
        Cue::FaceNumber => {
            "Um funcionário vai verificar a frente do seu cartão. Por favor, deixe o cartão onde está e aguarde."
        }
        Cue::FaceLive => "Por favor, olhe para a câmera.",
        Cue::FaceGuidance(g) => match g {
            Guidance::NoFace => "Por favor, olhe para a câmera.",
            Guidance::OnePersonOnly => "Uma pessoa de cada vez, por favor.",
            Guidance::MoveCloser => "Por favor, chegue um pouco mais perto.",
            Guidance::MoveBack => "Por favor, afaste-se um pouco.",
            Guidance::CentreFace => "Por favor, coloque o rosto no meio da tela.",
            Guidance::LookStraight => "Por favor, olhe para frente.",
            Guidance::TooDark => "O seu rosto está escuro demais.",
            Guidance::TooBright => "O seu rosto está claro demais. Por favor, evite a luz.",
            Guidance::HoldStill => "Por favor, fique parado.",
            Guidance::Checking => "Por favor, aguarde.",
        },
        Cue::FaceFailed => {
            "O reconhecimento facial não deu certo. Por favor, tente de novo, ou escolha outra forma."
        }
        Cue::FaceUnavailable => {
            "O reconhecimento facial não pode ser usado. Por favor, escolha outra forma."
        }
        Cue::Visual => "Um funcionário vai confirmar a sua identidade. Por favor, aguarde.",
        Cue::Consent(q) => match q {
            Question::DrugAndDiagnosis => {
                "Você concorda que médicos e farmacêuticos vejam os seus registros de tratamentos e remédios anteriores?"
            }
            Question::Checkup => {
                "Você concorda que os médicos vejam os resultados dos seus exames de saúde anteriores?"
            }
            Question::Surgery => {
                "Você concorda que os médicos vejam os seus registros de cirurgias anteriores?"
            }
            Question::Limit => {
                "Você fornece as informações do limite de despesas médicas de alto custo?"
            }
            Question::Comprehensive => {
                "Você concorda que médicos e farmacêuticos vejam os seus registros anteriores de tratamentos, remédios e cirurgias?"
            }
        },
        Cue::Prescription => "Por favor, escolha receita eletrônica ou receita em papel.",
        Cue::RegisterOffer => {
            "Este cartão não está registrado como cartão do seguro de saúde. Deseja registrá-lo agora?"
        }
        Cue::RegisterDetails => {
            "Um funcionário vai digitar os números do seu cartão do seguro. Por favor, aguarde."
        }
        Cue::TakeCard => "O atendimento terminou. Por favor, retire o seu cartão. Obrigado.",
        Cue::TakeCardTrouble => "Por favor, retire o seu cartão e fale com um funcionário.",
    }
}
