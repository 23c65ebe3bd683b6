//! 日本語の音声案内: kana only, a space between phrases, because eSpeak NG reads kana and not
//! kanji (Open JTalk reads the same kana). Long vowels of loanwords with 「ー」, which both
//! engines lengthen. The screen's wording (`reception.rs`), shortened to what is heard once.

use crate::flow::Question;
use crate::i18n::speech::Cue;
use face_match::Guidance;

pub(in crate::i18n) fn say(c: Cue) -> &'static str {
    match c {
        Cue::PlaceCard => "マイナンバーカードを おいて ください。",
        Cue::VisitEnded => {
            "まえの うけつけは しゅうりょう しました。もういちど カードを おいて ください。"
        }
        Cue::ChooseMethod { pin: true } => {
            "ほんにん かくにんの ほうほうを えらんで ください。かおにんしょう か、あんしょうばんごう です。"
        }
        Cue::ChooseMethod { pin: false } => {
            "ほんにん かくにんの ほうほうを えらんで ください。このカードでは あんしょうばんごうは つかえません。"
        }
        Cue::Pin { tries_left: 3 } => {
            "あんしょうばんごう よんけたを にゅうりょく して ください。あと さんかい にゅうりょく できます。"
        }
        Cue::Pin { tries_left: 2 } => {
            "あんしょうばんごう よんけたを にゅうりょく して ください。あと にかい にゅうりょく できます。"
        }
        Cue::Pin { tries_left: 1 } => {
            "あんしょうばんごう よんけたを にゅうりょく して ください。あと いっかい にゅうりょく できます。"
        }
        Cue::Pin { .. } => "あんしょうばんごう よんけたを にゅうりょく して ください。",
        Cue::PinWrong { tries_left: 2 } => {
            "あんしょうばんごうが ちがいます。あと にかい にゅうりょく できます。"
        }
        Cue::PinWrong { tries_left: 1 } => {
            "あんしょうばんごうが ちがいます。あと いっかい にゅうりょく できます。"
        }
        Cue::PinWrong { .. } => {
            "あんしょうばんごうが ちがいます。もういちど にゅうりょく して ください。"
        }
        Cue::PinLastTry => {
            "あんしょうばんごうの にゅうりょくは、あと いっかい です。まちがえると ロックされます。"
        }
        Cue::PinLocked => {
            "あんしょうばんごうが ロックされて います。ほかの ほうほうを えらぶか、しょくいんに おこえがけ ください。"
        }
        Cue::FaceNumber => {
            "しょくいんが カードの けんめんを かくにん します。カードは おいたまま、おまち ください。"
        }
        Cue::FaceLive => "カメラに かおを むけて ください。",
        Cue::FaceGuidance(g) => match g {
            Guidance::NoFace => "カメラに かおを むけて ください。",
            Guidance::OnePersonOnly => "おひとりで おねがい します。",
            Guidance::MoveCloser => "もうすこし ちかづいて ください。",
            Guidance::MoveBack => "すこし はなれて ください。",
            Guidance::CentreFace => "わくの まんなかに かおを あわせて ください。",
            Guidance::LookStraight => "しょうめんを むいて ください。",
            Guidance::TooDark => "かおが くらく うつって います。",
            Guidance::TooBright => "かおが あかるすぎます。ひかりを さけて ください。",
            Guidance::HoldStill => "うごかないで ください。",
            Guidance::Checking => "そのまま おまち ください。",
        },
        Cue::FaceFailed => {
            "かおにんしょうが できませんでした。もういちど するか、ほかの ほうほうを えらんで ください。"
        }
        Cue::FaceUnavailable => {
            "かおにんしょうが つかえません。ほかの ほうほうを えらんで ください。"
        }
        Cue::Visual => "しょくいんが ほんにん かくにんを します。そのまま おまち ください。",
        Cue::Consent(q) => match q {
            Question::DrugAndDiagnosis => {
                "かこの しんりょうや おくすりの じょうほうを、いしや やくざいしが みることに どういしますか。"
            }
            Question::Checkup => "かこの けんしん けっかを、いしなどが みることに どういしますか。",
            Question::Surgery => {
                "かこの しゅじゅつの じょうほうを、いしなどが みることに どういしますか。"
            }
            Question::Limit => {
                "げんどがく てきよう にんていしょうの じょうほうを ていきょう しますか。"
            }
            Question::Comprehensive => {
                "いしや やくざいしが、かこの しんりょう、くすり、しゅじゅつの じょうほうを みることに どういしますか。"
            }
        },
        Cue::Prescription => {
            "しょほうせんを、でんし しょほうせん か、かみの しょほうせん から えらんで ください。"
        }
        Cue::RegisterOffer => {
            "このカードは けんこう ほけんしょうとして とうろく されて いません。いま とうろく しますか。"
        }
        Cue::RegisterDetails => {
            "しょくいんが ほけんしょうの ばんごうを にゅうりょく します。おまち ください。"
        }
        Cue::TakeCard => {
            "うけつけが かんりょう しました。カードを おとり ください。ありがとう ございました。"
        }
        Cue::TakeCardTrouble => "カードを おとり ください。しょくいんに おこえがけ ください。",
    }
}
