//! The reception flow: one patient's visit at the counter as a plain state machine, with no
//! egui, no threads and no I/O. It takes [`Event`]s (card in / out, what the card worker, the
//! face worker and the centre answered, the patient's and the clerk's input, the clock) and
//! returns [`Effect`]s for the workers to carry out; the screens draw [`Flow::stage`] and the
//! clerk's view of it. Every effect that reaches a worker carries the [`VisitId`] of the visit
//! that asked for it, and every answer carries it back: an answer for a visit that has ended
//! (the card was pulled, the clerk cancelled) is dropped, so nothing of a finished visit can
//! leak into the next one.
//!
//! Order of a visit (card-protocol.md §9.5, DESIGN.md "Data through the house"):
//! waiting → reading → method (顔認証 / 暗証番号, 目視 when the clerk has switched it on) →
//! PIN, face or 目視 → consents (薬剤・診療, 特定健診, 手術, then 限度額) → the card signs the
//! centre's nonce → query → 「カードをお取りください」 until the card leaves → waiting.
//! A card still there [`Timeouts::card_left`] after the visit is left behind: the flow says so
//! ([`Flow::card_left_behind`]) until the card is taken, and asks once for a chime and a count.
//! The signature comes after the consents, not before, so that the centre's single-use nonce
//! (valid 5 minutes) is fresh however long the patient reads the questions; the PIN (or the
//! face match) is checked before the consents all the same, and the card stays verified until
//! it is powered off.
//! A card the centre does not know (not registered for insurance use) is offered
//! 保険証利用登録 before the query is repeated: the patient's 「登録する」 is sent as it is, and
//! only if the centre cannot find the person that way does the clerk key the insurance card's
//! numbers.
//!
//! Two orders of consent screens, one setting ([`FlowKind`], `[reception] flow`): the seed's
//! (one question per category, 限度額 asked last) and the readers' since their 2024-10 update
//! (one 包括同意 for 薬剤等, then 特定健診, no 限度額 screen). At a 医科 / 歯科 that issues
//! prescriptions the patient then picks 電子処方箋 or 紙の処方箋 ([`Stage::Prescription`]).
//! With a generic reader ([`ReaderKind::Generic`]) there is no patient screen: the clerk
//! drives the same stages from the console and the consents come from a signed paper form
//! ([`Stage::PaperConsent`]). Both flows and both readers end in the same query.

mod machine;
mod step;
#[cfg(test)]
mod tests;

use crate::lang::Lang;
pub use card_front::{Calendar, Era, Field, FrameProblem};
use eligibility::ClientError;
use eligibility::client::{CardProof, Eligibility};
use eligibility::codes::AuthMethod;
use eligibility::xml::{ConsentInfo, SearchInfo};
use face_match::{Guidance, Outcome};
use reader_driver::{AuthPin, VerificationNumberB};
use std::time::{Duration, Instant};
use zeroize::Zeroizing;

/// The kind of institution (点数表番号 of the 医療機関コード) decides the default consents.
pub use eligibility::InstitutionKind;
pub use machine::Flow;
pub use step::Step;

/// Which visit an effect or an answer belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct VisitId(pub u64);

/// Which consent questions the patient is asked (環境設定情報 on a real terminal).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConsentOffer {
    /// 薬剤情報.
    pub drug: bool,
    /// 診療情報 (asked together with 薬剤 as 「診療・お薬の情報」).
    pub diagnosis: bool,
    /// 特定健診等情報.
    pub checkup: bool,
    /// 手術情報.
    pub surgery: bool,
    /// 限度額適用認定証関連情報.
    pub limit: bool,
}

impl ConsentOffer {
    /// The defaults of a fresh installation (card-protocol.md §9.5): 薬剤 and 特定健診 on,
    /// 手術 and 診療 off; 限度額 always asked. Pharmacies do not ask for 特定健診 unless the
    /// institution's policy turns it on (DESIGN.md privacy rules).
    pub fn defaults(kind: InstitutionKind) -> ConsentOffer {
        ConsentOffer {
            drug: true,
            diagnosis: false,
            checkup: kind != InstitutionKind::Pharmacy,
            surgery: false,
            limit: true,
        }
    }
}

/// How long each kind of screen waits before the visit ends on its own. No public source
/// gives the real readers' time-outs (card-protocol.md §9.5: UNKNOWN); these are OUR choice,
/// kept here only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timeouts {
    /// A screen waiting for the patient (method, PIN, consent, face retry). Default 60 s.
    pub patient: Duration,
    /// A screen waiting for the clerk (照合番号B, 目視, registration details). Default 180 s.
    pub clerk: Duration,
    /// A step waiting for a worker (card read, PIN check, signing, the centre, a face
    /// attempt whose own limit failed to fire). Default 45 s: above the centre client's own
    /// 10 s time-out with its retries, so the client's clearer error normally comes first.
    pub worker: Duration,
    /// How long the waiting screen shows why the last visit ended. Default 10 s.
    pub notice: Duration,
    /// How long a card may stay on the reader once the visit is over before the desk calls
    /// it left behind (the patient screen flashes, a chime, the clerk is told). Default 20 s
    /// (`[reception] card_left_after_s`).
    pub card_left: Duration,
    /// The generic reader's paper consent: the patient reads the printed form, ticks and
    /// signs it, the clerk records it. Default 10 min: far longer than a screen's question.
    pub paper: Duration,
}

impl Default for Timeouts {
    fn default() -> Self {
        Timeouts {
            patient: Duration::from_secs(60),
            clerk: Duration::from_secs(180),
            worker: Duration::from_secs(45),
            notice: Duration::from_secs(10),
            card_left: Duration::from_secs(20),
            paper: Duration::from_secs(600),
        }
    }
}

/// Which consent screens a visit goes through (`[reception] flow`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum FlowKind {
    /// The seed's screens: 薬剤・診療, 特定健診, 手術 as [`ConsentOffer`] says, then 限度額.
    #[default]
    Seed,
    /// The readers since their 2024-10-07 update (clinic-link-and-2026.md §1.3): one
    /// 包括同意 screen for 薬剤等 whose one answer covers 薬剤, 診療 and 手術 together, then
    /// 特定健診 if offered, and no 限度額 screen: the centre provides 限度額 without a consent
    /// (it is not 要配慮個人情報 and its provision is 法定). What the query's limit flag is then
    /// is [`LIMIT_WITHOUT_SCREEN`].
    Current,
}

/// What the query says about 限度額 in the [`FlowKind::Current`] flow, where nobody is asked.
/// The research says what real readers send then is UNKNOWN (clinic-link-and-2026.md §1.3: the
/// result still carries `LimitApplicationCertificateRelatedConsFlg`). OUR choice, made here
/// only: `true`, sent as 「提供する」 (`LimitConsent::Agreed`), because the provision no longer
/// depends on the patient's answer and the centre (central-sim too) returns 限度額 only with
/// that flag; a "not asked" flag would lose the 限度額 the centre is meant to provide.
pub const LIMIT_WITHOUT_SCREEN: bool = true;

/// How many failed face matches a visit allows before the card's face path locks for the rest
/// of the visit (the readers lock after 10: clinic-link-and-2026.md §1.3). The face worker's
/// match session uses the same number, so the two never disagree.
pub const FACE_ATTEMPTS: u32 = 10;

/// What the desk reads the card with (`[reader] kind`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ReaderKind {
    /// 顔認証付きカードリーダー: a patient screen, a camera.
    #[default]
    Face,
    /// 汎用カードリーダー: no patient screen and no camera. The clerk drives the visit from
    /// the console: the PIN on the console's keypad (typed by the patient) or 目視, and the
    /// consents from a signed paper form.
    Generic,
}

/// 処方箋発行形態: how the patient wants today's prescription (OQSCD017).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PrescriptionForm {
    /// 電子処方箋 (`PrescriptionIssueSelect` 1).
    Electronic,
    /// 紙の処方箋 (`PrescriptionIssueSelect` 2).
    Paper,
}

impl PrescriptionForm {
    pub fn wire(self) -> eligibility::codes::PrescriptionIssue {
        use eligibility::codes::PrescriptionIssue;
        match self {
            PrescriptionForm::Electronic => PrescriptionIssue::Electronic,
            PrescriptionForm::Paper => PrescriptionIssue::Paper,
        }
    }
}

/// The institution settings the flow needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    pub kind: InstitutionKind,
    pub offer: ConsentOffer,
    /// The patient screen's language at the start of each visit.
    pub lang: Lang,
    pub timeouts: Timeouts,
    /// Whether this desk can do face matching at all (camera and models configured).
    pub face_available: bool,
    /// Whether this desk reads 照合番号B from the card front (`[card_front]`); else the clerk
    /// keys it.
    pub card_front: bool,
    /// Which consent screens (`[reception] flow`).
    pub flow: FlowKind,
    /// The institution issues prescriptions (`[institution] prescriptions`): the patient
    /// chooses 電子 or 紙. Heeded only at a 医科 / 歯科 ([`Settings::asks_prescription`]).
    pub prescriptions: bool,
    /// What the card is read with (`[reader] kind`).
    pub reader: ReaderKind,
}

impl Settings {
    pub fn new(kind: InstitutionKind) -> Settings {
        Settings {
            kind,
            offer: ConsentOffer::defaults(kind),
            lang: Lang::Ja,
            timeouts: Timeouts::default(),
            face_available: true,
            card_front: false,
            flow: FlowKind::Seed,
            prescriptions: false,
            reader: ReaderKind::Face,
        }
    }

    /// Whether the patient is asked 電子処方箋 or 紙: only where prescriptions are issued, a
    /// 医科 or 歯科 (a pharmacy receives them, it does not issue them).
    pub fn asks_prescription(&self) -> bool {
        self.prescriptions
            && matches!(
                self.kind,
                InstitutionKind::Medical | InstitutionKind::Dental
            )
    }

    /// The consent questions of a visit, in the order they are asked.
    pub fn questions(&self) -> Vec<Question> {
        let o = self.offer;
        let mut qs = Vec::new();
        match self.flow {
            FlowKind::Seed => {
                if o.drug || o.diagnosis {
                    qs.push(Question::DrugAndDiagnosis);
                }
                if o.checkup {
                    qs.push(Question::Checkup);
                }
                if o.surgery {
                    qs.push(Question::Surgery);
                }
                if o.limit {
                    qs.push(Question::Limit);
                }
            }
            FlowKind::Current => {
                // The 包括同意 screen is the readers' fixed screen: it covers 薬剤, 診療 and
                // 手術 whatever [consents] says of them one by one.
                qs.push(Question::Comprehensive);
                if o.checkup {
                    qs.push(Question::Checkup);
                }
            }
        }
        qs
    }
}

/// The reader as the card worker last saw it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReaderStatus {
    /// Not known yet (start-up).
    Starting,
    Ready {
        name: String,
    },
    /// pcscd answers but no reader is connected.
    NoReader,
    /// pcscd (the smart-card service) is not running.
    ServiceDown,
}

/// What the card worker learnt from a freshly inserted card (nothing personal: the name,
/// birth date and so on come from the centre's answer, never from the card in PIN mode).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardSummary {
    /// Free retry count of the 利用者証明用 PIN (empty VERIFY). `Locked` also for a
    /// 顔認証マイナンバーカード, whose PIN is locked at issue.
    pub pin: reader_driver::PinStatus,
    /// The 利用者証明用電子証明書 expires within three months: tell the patient to renew it.
    pub certificate_expires_soon: bool,
}

/// Why the card could not be used. Each variant has its own message in the catalogues.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CardTrouble {
    /// The card left the reader during an operation.
    Removed,
    /// The card was reset by another program or by the reader.
    Reset,
    /// Not a My Number Card (or placed the wrong way round).
    NotMyNumberCard,
    /// A phone token or an old 住基カード: not supported at this desk.
    UnsupportedToken,
    /// The 利用者証明用電子証明書 has expired: renew it at the city office.
    CertificateExpired,
    /// The certificate is not one of JPKI's (or does not check).
    CertificateInvalid,
    /// The card refused this terminal's 特定機関 certificate (face / 目視 signing).
    TerminalRejected,
    /// 照合番号B was wrong (the clerk keyed it): tries left on the card.
    WrongVerificationNumber { tries_left: u8 },
    /// The card blocks 照合番号B.
    VerificationNumberLocked,
    /// The card face data failed its signature check: a forged or damaged card.
    CardFaceInvalid,
    /// The reader or pcscd went away.
    ReaderGone,
    /// Anything else the card or the reader answered: take the card out and try again.
    Failed,
}

impl CardTrouble {
    /// How the card worker's error reads to the flow.
    pub fn from_driver(e: &reader_driver::Error) -> CardTrouble {
        use reader_driver::Error as E;
        match e {
            E::CardRemoved | E::NoCard => CardTrouble::Removed,
            E::CardReset => CardTrouble::Reset,
            E::ServiceDown | E::NoReader | E::ReaderNotFound(_) => CardTrouble::ReaderGone,
            E::NotAMyNumberCard => CardTrouble::NotMyNumberCard,
            E::UnsupportedToken(_) => CardTrouble::UnsupportedToken,
            E::WrongVerificationNumber { tries_left } => CardTrouble::WrongVerificationNumber {
                tries_left: *tries_left,
            },
            E::VerificationNumberLocked => CardTrouble::VerificationNumberLocked,
            E::TerminalRejected => CardTrouble::TerminalRejected,
            E::CardFaceSignatureInvalid | E::CardFaceKeyNotCertified => {
                CardTrouble::CardFaceInvalid
            }
            _ => CardTrouble::Failed,
        }
    }
}

/// The card worker's answer to a PIN entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PinAnswer {
    Verified,
    Wrong { tries_left: u8 },
    Locked,
    Trouble(CardTrouble),
}

/// Why the face check could not run (not a failed match: that is a [`FaceResult`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FaceTrouble {
    /// The camera could not be opened or stopped delivering frames.
    Camera,
    /// The face models are missing or altered (run the set-up).
    Models,
    /// The card photo could not be decoded or holds no face.
    Photo,
    /// The card blocks 照合番号B, so its photo cannot be read.
    NumberLocked,
    /// The card face (photo) does not check against the 券面AP issuer: altered or not genuine.
    CardFaceInvalid,
}

/// The end of one face attempt, as the face worker reports it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FaceResult {
    pub outcome: Outcome,
    pub score: Option<f32>,
    /// Further attempts the session allows (0: offer the PIN or 目視).
    pub attempts_left: u32,
}

/// The card photo (JP2 from 券面AP DF27), moved from the card worker to the face worker
/// through the flow's effects without the flow looking at it. Wiped when dropped; never
/// printed.
pub struct CardPhoto(pub Zeroizing<Vec<u8>>);

impl std::fmt::Debug for CardPhoto {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("CardPhoto(..)")
    }
}

/// How the patient was confirmed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Pin,
    Face,
    Visual,
}

impl Method {
    pub fn wire(self) -> AuthMethod {
        match self {
            Method::Pin => AuthMethod::Pin,
            Method::Face => AuthMethod::Face,
            Method::Visual => AuthMethod::Visual,
        }
    }
}

/// One consent question on the patient screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Question {
    /// 薬剤情報 and/or 診療情報 (one screen, as the readers ask it); what it covers follows
    /// [`ConsentOffer`].
    DrugAndDiagnosis,
    /// 特定健診等情報.
    Checkup,
    /// 手術情報.
    Surgery,
    /// 限度額適用認定証関連情報 (「提供する」 / 「提供しない」).
    Limit,
    /// 包括同意 ([`FlowKind::Current`]): one answer for 薬剤, 診療 and 手術 together.
    Comprehensive,
}

/// The patient's answers of this visit; `None` = not asked.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Consents {
    pub drug: Option<bool>,
    pub diagnosis: Option<bool>,
    pub checkup: Option<bool>,
    pub surgery: Option<bool>,
    pub limit: Option<bool>,
    /// 処方箋発行形態: not a consent, but it travels with them, as the readers send it, in
    /// the query's consent part (`PrescriptionIssueSelect`).
    pub prescription: Option<PrescriptionForm>,
}

impl Consents {
    /// The consent part of the card query: a refused or unasked item is not requested.
    pub fn wire(&self) -> ConsentInfo {
        use eligibility::codes::{ConsentFlag, LimitConsent};
        let flag = |a: Option<bool>| a.map(|y| if y { ConsentFlag::Yes } else { ConsentFlag::No });
        ConsentInfo {
            pharmacists: flag(self.drug),
            diagnosis: flag(self.diagnosis),
            checkups: flag(self.checkup),
            operation: flag(self.surgery),
            limit: self.limit.map(|y| {
                if y {
                    LimitConsent::Agreed
                } else {
                    LimitConsent::NotAgreed
                }
            }),
            prescription_issue: self.prescription.map(PrescriptionForm::wire),
            ..Default::default()
        }
    }
}

/// Why a visit ended without a result (or with an error result).
#[derive(Debug, Clone, PartialEq)]
pub enum Trouble {
    /// The card left the reader before the visit finished.
    CardPulled,
    Card(CardTrouble),
    /// Three wrong PINs (or the card was locked already) and no other way was taken.
    PinLocked,
    /// Face matching failed the allowed number of times and no other way was taken.
    FaceFailed,
    Face(FaceTrouble),
    /// A screen waited too long.
    TimedOut,
    /// The patient pressed 「やめる」.
    CancelledByPatient,
    /// The clerk ended the visit.
    CancelledByClerk,
    /// The centre could not be asked or refused: the clerk's message says which.
    Centre(CentreTrouble),
    /// The patient declined 保険証利用登録 for a card that is not registered.
    NotRegistered,
}

/// The centre's failure in the words the screens need (the client's error keeps the detail
/// for the log).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CentreTrouble {
    Unreachable,
    TimedOut,
    /// TLS refused: the institution's client certificate or the centre CA is wrong.
    Certificate,
    Unavailable,
    /// The reply could not be read.
    Malformed,
    /// The centre refused: code and message as it sent them (no personal data in them).
    Rejected {
        code: String,
        message: String,
    },
    /// The desk's own settings are wrong.
    Config,
}

impl CentreTrouble {
    pub fn from_client(e: &ClientError) -> CentreTrouble {
        match e {
            ClientError::Unreachable { .. } => CentreTrouble::Unreachable,
            ClientError::TimedOut => CentreTrouble::TimedOut,
            ClientError::TlsRefused { .. } => CentreTrouble::Certificate,
            ClientError::Unavailable { .. } => CentreTrouble::Unavailable,
            ClientError::Malformed { .. } | ClientError::ReplyTooLarge { .. } => {
                CentreTrouble::Malformed
            }
            ClientError::Rejected { code, message } => CentreTrouble::Rejected {
                code: code.clone(),
                message: message.clone(),
            },
            _ => CentreTrouble::Config,
        }
    }
}

/// The centre's code for "this card is not registered for insurance use" (central-sim,
/// PROPOSED: eligibility-interface.md has no public code for it). Kept here only.
pub const NOT_REGISTERED_CODE: &str = "SIM-E0220";

/// The centre's code for "a registration with the patient's agreement only found no one in
/// the insurers' records": the clerk keys the insurance card's numbers instead (central-sim,
/// PROPOSED, see `eligibility::xml`). Kept here only.
pub const REGISTRATION_NOT_FOUND_CODE: &str = "SIM-E0233";

/// What the patient screen shows. One instruction per stage.
#[derive(Debug, Clone, PartialEq)]
pub enum Stage {
    /// 「マイナンバーカードを置いてください」, with why the last visit ended for a few seconds.
    Waiting { notice: Option<Trouble> },
    /// Reading the card.
    Reading,
    /// 顔認証 / 暗証番号 (/ 目視). `pin` is false for a locked PIN or a 顔認証マイナンバーカード.
    ChooseMethod { pin: bool, face: bool, visual: bool },
    /// The PIN pad. `tries_left` is shown before entry; `wrong` after a wrong entry.
    Pin { tries_left: u8, wrong: bool },
    /// One try left: the patient confirms before the pad opens (a wrong entry locks the card).
    /// `wrong`: the entry before was wrong.
    PinLastTry { wrong: bool },
    /// The card is checking the PIN.
    PinChecking,
    /// The PIN is locked: where to unlock it; face or 目視 offered if possible.
    PinLocked { face: bool, visual: bool },
    /// Face chosen: 照合番号B is read from the card front (`front`) or keyed by the clerk;
    /// the patient waits. `wrong_tries_left`: after a number the card refused.
    FaceNumber {
        wrong_tries_left: Option<u8>,
        front: FrontReading,
    },
    /// Reading the card photo.
    FacePhoto,
    /// The live camera view; `guidance` is the latest hint.
    FaceLive { guidance: Option<Guidance> },
    /// An attempt failed: retry, or the PIN / 目視 when allowed.
    FaceFailed {
        outcome: Outcome,
        attempts_left: u32,
        pin: bool,
        visual: bool,
    },
    /// The face check cannot run at all.
    FaceUnavailable {
        trouble: FaceTrouble,
        pin: bool,
        visual: bool,
    },
    /// 目視: the clerk compares the card photo with the patient and confirms.
    Visual,
    /// Signing the centre's nonce / asking the centre.
    Confirming,
    /// One consent question.
    Consent { question: Question },
    /// 電子処方箋 or 紙の処方箋 ([`Settings::asks_prescription`]).
    Prescription,
    /// Generic reader: the patient signs the printed consent form; the clerk records what
    /// was signed ([`Event::PaperConsent`]). `questions` are the form's questions in order,
    /// `prescription`: the form also asks 電子 / 紙.
    PaperConsent {
        questions: Vec<Question>,
        prescription: bool,
    },
    /// The card is not registered for insurance use: 「登録する」 / 「登録しない」. Agreeing is
    /// enough: the centre links the card to the person the insurers know.
    RegisterOffer,
    /// The centre could not find the person from the agreement alone: the clerk keys the
    /// insurance card numbers.
    RegisterDetails,
    /// Querying the centre.
    Querying,
    /// 「カードをお取りください」. `trouble` is why the visit ended early, if it did.
    TakeCard { trouble: Option<Trouble> },
}

/// Reading 照合番号B from the card front, while the clerk may key it all along.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FrontReading {
    /// Not reading: no card-front source at this desk, or the clerk keyed a number.
    Off,
    /// The card-front worker is reading; `problem`: what is wrong with the latest frame
    /// (the patient's guidance), `None` while frames read well.
    Reading { problem: Option<FrameProblem> },
    /// The card refused an automatic reading (one try spent): no more automatic reading for
    /// this card, the clerk keys the number, shown what was read ([`Flow::refused_reading`],
    /// masked as [`MaskedReading`] says).
    Refused,
    /// The card-front reader cannot run (no OCR data, the source failed): the clerk keys it.
    Unavailable,
}

/// What the clerk is shown of a reading of the card front that the card refused, to check it
/// against the card in hand while keying 照合番号B. This is the one place that decides what
/// is shown:
///
/// - the birth date as the card prints it: era, era year (元年 for 1), month and day for
///   Japanese nationals (昭和55年2月17日), 西暦 for foreign residents (1985年7月4日);
/// - the year of the card's 有効期限 (the part of it that is in 照合番号B);
/// - the セキュリティコード: never. This view does not hold it at all; the console shows it
///   as `●●●●`, since the clerk reads it from the card anyway and others may see the screen.
///
/// Those two parts are the ones a misreading is checked on (a wrong era, a 6 read as 8);
/// the clerk keys the whole number from the card all the same. They are 10 of the 14
/// digits: they are kept in a `Zeroizing` buffer, `Debug` prints only how the birth year is
/// printed, and the flow keeps the view only until the visit ends.
#[derive(Clone, PartialEq, Eq)]
pub struct MaskedReading {
    calendar: Calendar,
    /// Birth year as printed (era year, or 西暦), month, day; the card's expiry year.
    numbers: Zeroizing<[u16; 4]>,
}

impl MaskedReading {
    /// The view of a birth date printed in `calendar` and an expiry year.
    pub fn new(calendar: Calendar, birth: time::Date, expiry_year: u16) -> MaskedReading {
        let year = match calendar {
            Calendar::Era(era) => birth.year() - era.first_day().year() + 1,
            Calendar::Gregorian => birth.year(),
        };
        MaskedReading {
            calendar,
            numbers: Zeroizing::new([
                u16::try_from(year).unwrap_or(0),
                u16::from(u8::from(birth.month())),
                u16::from(birth.day()),
                expiry_year,
            ]),
        }
    }

    /// The view of what card_front read (its security code left behind).
    pub fn of(parts: &card_front::FrontParts) -> MaskedReading {
        MaskedReading::new(parts.calendar, parts.birth, parts.expiry_year)
    }

    /// How the birth year is printed.
    pub fn calendar(&self) -> Calendar {
        self.calendar
    }

    /// The birth date as printed: (year in [`Self::calendar`], month, day).
    pub fn birth(&self) -> (u16, u16, u16) {
        (self.numbers[0], self.numbers[1], self.numbers[2])
    }

    /// The year of the card's 有効期限.
    pub fn expiry_year(&self) -> u16 {
        self.numbers[3]
    }
}

impl std::fmt::Debug for MaskedReading {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MaskedReading")
            .field("calendar", &self.calendar)
            .finish_non_exhaustive()
    }
}

/// What the card-front worker says while it reads.
#[derive(Debug)]
pub enum FrontUpdate {
    /// A certain reading (the same digits from several frames, a real date, an expiry year in
    /// range): VERIFY it once. The worker stops reading after sending it.
    /// Beside the number, what the clerk is shown of it if the card refuses it.
    Certain(VerificationNumberB, MaskedReading),
    /// What is wrong with the latest frame; `None`: it read well (or the problem is gone).
    Problem(Option<FrameProblem>),
    /// The reader stopped and cannot go on (no OCR data, the source failed).
    Unavailable,
}

/// Input for the flow.
#[derive(Debug)]
pub enum Event {
    // From the card worker.
    Reader(ReaderStatus),
    CardInserted,
    CardRemoved,
    CardRead(VisitId, Result<CardSummary, CardTrouble>),
    PinChecked(VisitId, PinAnswer),
    PhotoRead(VisitId, Result<CardPhoto, CardTrouble>),
    Signed(VisitId, Result<CardProof, CardTrouble>),
    // From the face worker.
    FaceGuidance(VisitId, Guidance),
    FaceDone(VisitId, FaceResult),
    FaceFailed(VisitId, FaceTrouble),
    // From the card-front worker.
    FrontRead(VisitId, FrontUpdate),
    // From the centre worker.
    Nonce(VisitId, Result<String, CentreTrouble>),
    Checked(VisitId, Result<Box<Eligibility>, CentreTrouble>),
    Registered(VisitId, Result<(), CentreTrouble>),
    // The patient.
    Choose(Method),
    /// The patient confirmed the last-try warning.
    LastTryConfirmed,
    PinEntered(AuthPin),
    RetryFace,
    Answer(Question, bool),
    /// 電子処方箋 / 紙の処方箋 chosen.
    Prescription(PrescriptionForm),
    Register(bool),
    /// 「やめる」.
    PatientCancel,
    Language(Lang),
    // The clerk.
    VisualMode(bool),
    VisualConfirmed,
    VerificationNumber(VerificationNumberB),
    RegistrationDetails(Box<SearchInfo>),
    /// Generic reader: what the patient signed on the paper form.
    PaperConsent(PaperAnswers),
    ClerkCancel,
    // The clock.
    Tick,
}

/// What the clerk read off the signed paper consent form: an answer to each of the form's
/// questions, and the prescription form when the form asks it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PaperAnswers {
    pub answers: Vec<(Question, bool)>,
    pub prescription: Option<PrescriptionForm>,
}

/// Work for the workers. Effects that touch the card or the centre name their visit.
#[derive(Debug)]
pub enum Effect {
    /// Connect, read the token label, the PIN status (free) and the certificate; check it.
    ReadCard(VisitId),
    /// Exactly one VERIFY with this PIN.
    VerifyPin(VisitId, AuthPin),
    /// 券面AP with 照合番号B: the photo (and its signature check).
    ReadPhoto(VisitId, VerificationNumberB),
    /// Read 照合番号B from the card front until a certain reading (sent as
    /// [`Event::FrontRead`]), [`Effect::StopFront`] or [`Effect::EndVisit`].
    ReadFront(VisitId),
    /// Stop reading the card front (the clerk keyed the number).
    StopFront(VisitId),
    /// Start the camera and a match against this photo.
    StartFace(VisitId, CardPhoto),
    /// Another attempt of the running match session.
    RetryFace(VisitId),
    /// Stop the camera (the patient moved on to the PIN or 目視).
    StopFace(VisitId),
    /// Ask the centre for a nonce.
    FetchNonce(VisitId),
    /// Sign the nonce: after the PIN, or after terminal authentication for face / 目視.
    Sign {
        visit: VisitId,
        nonce: String,
        method: Method,
    },
    /// The card query with the consents.
    Query {
        visit: VisitId,
        proof: Box<CardProof>,
        consent: ConsentInfo,
    },
    /// 保険証利用登録: with the patient's agreement only (`search` is `None`), or with the
    /// insurance card's numbers the clerk keyed.
    Register {
        visit: VisitId,
        proof: Box<CardProof>,
        search: Option<Box<SearchInfo>>,
    },
    /// The visit is over: stop the camera, disconnect the card (unpowered), forget it all.
    EndVisit(VisitId),
    /// A short chime for the patient (the card was left on the reader).
    Chime,
    /// Count one card left on the reader after its visit in the history.
    CountCardLeft,
}

/// What the clerk sees of the last finished visit.
#[derive(Clone)]
pub struct VisitResult {
    pub method: Option<Method>,
    pub consents: Consents,
    pub outcome: Result<Box<Eligibility>, Trouble>,
    /// The card's 利用者証明用電子証明書 expires within three months.
    pub certificate_expires_soon: bool,
}

/// One line of the visit's message log on the clerk console (no personal data: keys that
/// the catalogue turns into text).
#[derive(Debug, Clone, PartialEq)]
pub enum LogEntry {
    CardInserted,
    CardRead,
    CardRemoved,
    MethodChosen(Method),
    PinWrong {
        tries_left: u8,
    },
    PinLocked,
    PinVerified,
    /// 照合番号B read from the card front (never the digits).
    FrontCertain,
    /// The card refused the number read from the card front: the clerk keys it.
    FrontRefused {
        tries_left: u8,
    },
    /// The card-front reader stopped: the clerk keys the number.
    FrontUnavailable,
    FaceStarted,
    FaceAttempt {
        outcome: Outcome,
        attempts_left: u32,
    },
    FaceMatched,
    VisualConfirmed,
    Signed,
    ConsentAnswered(Question, bool),
    /// The 限度額 flag set without a screen ([`FlowKind::Current`]).
    LimitWithoutScreen,
    PrescriptionChosen(PrescriptionForm),
    /// The clerk recorded the signed paper form.
    PaperConsentRecorded,
    /// [`FACE_ATTEMPTS`] failed matches: no more face matching in this visit.
    FaceLocked,
    RegistrationAsked,
    /// The centre found no one from the patient's agreement alone: the clerk keys the numbers.
    RegistrationNeedsNumbers,
    Registered,
    Querying,
    ResultShown,
    Ended(Trouble),
    /// The card stayed on the reader [`Timeouts::card_left`] after the visit.
    CardLeftBehind,
    StaleAnswerDropped,
}

/// A log line with its time.
#[derive(Debug, Clone)]
pub struct LogLine {
    pub at: Instant,
    pub entry: LogEntry,
}
