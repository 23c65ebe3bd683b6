//! 日本語: the patient screen, the clerk console's reception and the developer panel.

use super::super::Text;
use crate::flow::{
    CardTrouble, ConsentOffer, FaceTrouble, FrontReading, LogEntry, Method, Question, ReaderStatus,
    Stage, Trouble,
};

pub(in crate::i18n) fn text(t: Text) -> &'static str {
    use Text::*;
    match t {
        WaitingTitle => "マイナンバーカードを置いてください",
        WaitingHint => "カードをケースから出して、顔写真のある面を上にして置いてください",
        ReadingTitle => "カードを読み取っています",
        KeepCardStill => "カードを動かさずに、そのままお待ちください",
        PleaseWait => "そのままお待ちください",
        ChooseTitle => "本人確認の方法を選んでください",
        ChooseFace => "顔認証",
        ChoosePin => "暗証番号",
        ChooseVisual => "職員が確認",
        PinNotUsable => "このカードでは暗証番号は使えません",
        PinTitle => "暗証番号（数字4桁）を入力してください",
        PinWrong => "暗証番号が違います",
        PinClear => "訂正",
        PinConfirm => "確定",
        LastTryTitle => "暗証番号の入力は、あと1回です",
        LastTryBody => {
            "間違えると暗証番号がロックされ、お住まいの市区町村の窓口で解除が必要になります。"
        }
        LastTryGo => "入力する",
        CheckingTitle => "確認しています",
        PinLockedTitle => "暗証番号がロックされています",
        PinLockedBody => "ロックの解除は、お住まいの市区町村の窓口でできます。",
        UseFace => "顔認証にする",
        UsePin => "暗証番号にする",
        UseVisual => "職員が確認する",
        FaceNumberTitle => "職員がカードの券面を確認します",
        FaceNumberBody => "カードは置いたまま、そのままお待ちください",
        FrontReadingTitle => "カードの券面を読み取っています",
        FacePhotoTitle => "カードの顔写真を読み取っています",
        FaceLiveTitle => "カメラに顔を向けてください",
        FaceFailedTitle => "顔認証ができませんでした",
        FaceRetry => "もう一度",
        FaceUnavailableTitle => "顔認証が使えません",
        VisualTitle => "職員が本人確認をします",
        VisualBody => "職員がカードの顔写真とお顔を確認します。そのままお待ちください",
        ConfirmingTitle => "確認しています",
        Agree => "同意する",
        Disagree => "同意しない",
        Provide => "提供する",
        NotProvide => "提供しない",
        PrescriptionTitle => "処方箋の受け取り方を選んでください",
        PrescriptionBody => {
            "電子処方箋は、薬局でマイナンバーカードなどを使って受け取れます。紙の処方箋は、この窓口でお渡しします。"
        }
        PrescriptionElectronic => "電子処方箋",
        PrescriptionPaper => "紙の処方箋",
        RegisterOfferTitle => "このカードは健康保険証として登録されていません",
        RegisterOfferBody => "いま健康保険証としての利用登録をしますか。",
        RegisterYes => "登録する",
        RegisterNo => "登録しない",
        RegisterDetailsTitle => "職員が保険証の番号を入力します",
        RegisterDetailsBody => "そのままお待ちください",
        QueryingTitle => "保険の資格を確認しています",
        TakeCardTitle => "カードをお取りください",
        TakeCardDone => "受付が完了しました。ありがとうございました。",
        Cancel => "やめる",
        AskStaff => "職員にお声がけください",
        ChooseOther => "ほかの方法を選んでください",
        LastVisitEnded => "前回の受付は終了しました",
        TabReception => "受付",
        TabCheck => "保険証で確認",
        TabBatch => "一括照会",
        TabHistory => "履歴",
        TabViewer => "情報閲覧",
        TabSubsidy => "補助金",
        ClerkTitle => "受付コンソール",
        ReaderLabel => "カードリーダー",
        PatientNowLabel => "患者さんの状況",
        CardLeftBehind => "カードが残っています",
        ClerkCancel => "受付を中止",
        CancelConfirmTitle => "受付を中止しますか？",
        CancelConfirmBody => "患者さんの手続きはここで終わり、カードの取り出しを案内します。",
        CancelConfirmYes => "中止する（Enter / Y）",
        CancelConfirmNo => "続ける（Esc / N）",
        VisualModeSwitch => "目視確認モード",
        VisualConfirm => "本人確認しました",
        VisualHint => "カードの顔写真と患者さんのお顔を見比べてから押してください。",
        NumberTitle => "照合番号Bの入力（カード券面から）",
        NumberBy14 => "14桁で入力",
        NumberByParts => "生年月日・有効期限・セキュリティコードで入力",
        Number14Label => "照合番号B（14桁）",
        NumberBirthLabel => "生年月日（西暦 YYYYMMDD）",
        NumberExpiryLabel => "有効期限の年（西暦4桁）",
        NumberCodeLabel => "セキュリティコード（4桁）",
        Send => "送信",
        RegisterFormTitle => "保険証利用登録：保険証の番号",
        InsurerNumberLabel => "保険者番号",
        SymbolLabel => "記号",
        CardNumberLabel => "番号",
        BranchLabel => "枝番",
        BirthDateLabel => "生年月日",
        ResultTitle => "資格確認の結果",
        NoResultYet => "まだ結果はありません",
        VerdictValid => "有効",
        VerdictInvalid => "無効",
        VerdictInvalidNew => "無効（新しい資格あり）",
        VerdictValidUnregistered => "有効（未登録）",
        TicketUnregisteredAdvice => {
            "医療扶助: 医療券が未委託・未登録です（福祉事務所の登録は毎月15日ごろ）。福祉事務所に確認するか、後日あらためて資格確認してください。"
        }
        PublicExpenseLabel => "公費負担者番号",
        BeneficiaryLabel => "受給者番号",
        WelfareOfficeLabel => "福祉事務所",
        MedicalTicketLabel => "医療券（交付番号・有効期間）",
        NewQualificationAdvice => {
            "保険が変わっています。新しい保険証・資格確認書を確認するか、マイナ保険証で資格確認してください。"
        }
        VerdictNotFound => "該当資格なし",
        VerdictMultiple => "複数該当",
        VerdictError => "エラー",
        NameLabel => "氏名",
        KanaLabel => "カナ",
        SexLabel => "性別",
        InsurerLabel => "保険者",
        SymbolNumberBranchLabel => "記号・番号・枝番",
        PersonalFamilyLabel => "本人・家族",
        QualificationDateLabel => "資格取得日",
        ValidUntilLabel => "有効期限",
        RatioLabel => "負担割合",
        ElderlyLabel => "高齢受給者",
        LimitLabel => "限度額区分",
        DiseaseLabel => "特定疾病",
        ConsentsLabel => "同意",
        MethodLabel => "本人確認",
        NoneGiven => "なし",
        CertExpiresSoon => {
            "利用者証明用電子証明書の有効期限が近づいています。市区町村の窓口で更新するようお伝えください。"
        }
        LogTitle => "この受付の記録",
        ConsentDrug => "薬剤情報",
        ConsentDiagnosis => "診療情報",
        ConsentCheckup => "特定健診等情報",
        ConsentSurgery => "手術情報",
        ConsentLimit => "限度額情報",
        PrescriptionLabel => "処方箋",
        GenericTitle => "汎用カードリーダー：職員が受付を進めます",
        GenericPin => "暗証番号（患者さんがキーパッドで入力）",
        GenericVisual => "目視で本人確認",
        KeypadTitle => "暗証番号の入力：画面を患者さんに向けて入力してもらってください",
        PaperTitle => "紙の同意書",
        PaperNameLabel => "患者さんの氏名（同意書に印字）",
        PaperPrint => "同意書を作成して開く",
        PaperPrinted => {
            "同意書を作成しました。印刷して、患者さんに記入・署名してもらってください。"
        }
        PaperRecordHint => {
            "署名された同意書のとおりにチェックしてください（チェックあり＝同意する）。"
        }
        PaperRecord => "記録して照会する",
        PaperFormTitle => "オンライン資格確認 情報の提供に関する同意書",
        PaperFormIntro => {
            "次の情報を、この医療機関・薬局の医師・薬剤師などが見ることについて、いずれかの四角に印をつけ、署名してください。"
        }
        PaperFormDate => "記入日",
        PaperFormSignature => "署名",
        ReasonLabel => "理由",
        DevTitle => "開発者パネル",
        DevRemove => "カードを取り出す",
        DevFeed => "カメラ映像",
        DevFront => "券面カメラ",
        DevInserted => "読み取り機のカード",
    }
}

pub(in crate::i18n) fn pin_tries_left(n: u8) -> String {
    format!("あと{n}回まで入力できます")
}

pub(in crate::i18n) fn number_tries_left(n: u8) -> String {
    format!("照合番号Bが違います。あと{n}回まで入力できます。")
}

pub(in crate::i18n) fn face_attempts_left(n: u32) -> String {
    format!("顔認証はあと{n}回できます")
}

pub(in crate::i18n) fn paper_error(e: &crate::paper::PaperError) -> String {
    use crate::paper::PaperError;
    match e {
        PaperError::Font => {
            "同意書のフォントを読み込めません。セットアップをやり直してください。".into()
        }
        PaperError::MissingGlyphs { count } => format!(
            "同意書の文字のうち{count}文字がフォントにありません。氏名の文字を確かめてください。"
        ),
        PaperError::Write { folder, source } => format!(
            "同意書を保存できません（{}：{source}）。空き容量と権限を確かめてください。",
            folder.display()
        ),
    }
}

pub(in crate::i18n) fn face_failures(n: u32, max: u32) -> String {
    format!("顔認証 失敗 {n}/{max}")
}

pub(in crate::i18n) fn question(q: Question, offer: &ConsentOffer) -> (&'static str, &'static str) {
    match q {
        Question::DrugAndDiagnosis => match (offer.drug, offer.diagnosis) {
            (true, true) => (
                "過去の診療・お薬の情報を、医師・薬剤師などが見ることに同意しますか",
                "よりよい医療のために、ほかの医療機関での診療やお薬の記録を参考にします。",
            ),
            (false, true) => (
                "過去の診療の情報を、医師などが見ることに同意しますか",
                "よりよい医療のために、ほかの医療機関での診療の記録を参考にします。",
            ),
            _ => (
                "過去のお薬の情報を、医師・薬剤師などが見ることに同意しますか",
                "よりよい医療のために、これまでに処方されたお薬の記録を参考にします。",
            ),
        },
        Question::Checkup => (
            "過去の健診結果を、医師などが見ることに同意しますか",
            "特定健診などの結果を、診療の参考にします。",
        ),
        Question::Surgery => (
            "過去の手術の情報を、医師などが見ることに同意しますか",
            "これまでに受けた手術の記録を、診療の参考にします。",
        ),
        Question::Comprehensive => (
            "過去の診療・お薬・手術などの情報を、医師・薬剤師などが見ることに同意しますか",
            "薬剤情報・診療情報・手術情報をまとめて同意します（包括同意）。よりよい医療のために参考にします。",
        ),
        Question::Limit => (
            "限度額適用認定証の情報を提供しますか",
            "医療費が高額になるとき、窓口でのお支払いが上限額までになります。",
        ),
    }
}

pub(in crate::i18n) fn trouble_patient(t: &Trouble) -> String {
    let s = match t {
        Trouble::CardPulled => {
            "カードが取り出されたため、受付を中止しました。もう一度カードを置いてください。"
        }
        Trouble::Card(CardTrouble::NotMyNumberCard) => {
            "マイナンバーカードを読み取れませんでした。カードの向きを確かめて、もう一度置いてください。"
        }
        Trouble::Card(CardTrouble::CertificateExpired) => {
            "電子証明書の有効期限が切れています。お住まいの市区町村の窓口で更新してください。職員にお声がけください。"
        }
        Trouble::Card(CardTrouble::Removed | CardTrouble::Reset) => {
            "カードを読み取れませんでした。もう一度カードを置いてください。"
        }
        Trouble::Card(_) => "カードを読み取れませんでした。職員にお声がけください。",
        Trouble::PinLocked => {
            "暗証番号がロックされたため、受付を中止しました。職員にお声がけください。"
        }
        Trouble::FaceFailed => {
            "顔認証ができなかったため、受付を中止しました。職員にお声がけください。"
        }
        Trouble::Face(_) => "顔認証が使えないため、受付を中止しました。職員にお声がけください。",
        Trouble::TimedOut => {
            "時間が過ぎたため、受付を中止しました。もう一度カードを置いてください。"
        }
        Trouble::CancelledByPatient => "受付をやめました。",
        Trouble::CancelledByClerk => "職員が受付を中止しました。",
        Trouble::Centre(_) => "保険の資格を確認できませんでした。職員にお声がけください。",
        Trouble::NotRegistered => {
            "健康保険証としての利用登録をしなかったため、資格を確認できませんでした。職員にお声がけください。"
        }
    };
    s.to_string()
}

pub(in crate::i18n) fn trouble_clerk(t: &Trouble) -> String {
    match t {
        Trouble::CardPulled => "確認の途中でカードが取り出されました。".into(),
        Trouble::Card(c) => card_trouble(c),
        Trouble::PinLocked => {
            "暗証番号がロックされ、ほかの方法も選ばれませんでした。目視確認モードで受け付けるか、市区町村での解除をご案内ください。".into()
        }
        Trouble::FaceFailed => {
            "顔認証が規定回数失敗しました。目視確認モードで受け付けてください。".into()
        }
        Trouble::Face(f) => face_trouble(f).into(),
        Trouble::TimedOut => "画面の待ち時間を過ぎたため、受付が終了しました。".into(),
        Trouble::CancelledByPatient => "患者さんが「やめる」を押しました。".into(),
        Trouble::CancelledByClerk => "職員が受付を中止しました。".into(),
        Trouble::Centre(c) => super::centre::centre_trouble(c),
        Trouble::NotRegistered => {
            "保険証利用登録がされていないカードで、患者さんが登録しませんでした。保険証の番号で確認してください。".into()
        }
    }
}

pub(in crate::i18n) fn card_trouble(t: &CardTrouble) -> String {
    match t {
        CardTrouble::Removed => "読み取り中にカードが取り出されました。".into(),
        CardTrouble::Reset => "カードがリセットされました。カードを置き直してください。".into(),
        CardTrouble::NotMyNumberCard => "マイナンバーカードではないか、向きが違います。".into(),
        CardTrouble::UnsupportedToken => {
            "この窓口では使えないカード（スマートフォンや住基カードなど）です。".into()
        }
        CardTrouble::CertificateExpired => {
            "利用者証明用電子証明書の有効期限が切れています。市区町村の窓口での更新をご案内ください。".into()
        }
        CardTrouble::CertificateInvalid => "電子証明書を確認できませんでした（JPKIの証明書ではありません）。".into(),
        CardTrouble::TerminalRejected => {
            "カードがこの端末の特定機関証明書を受け付けませんでした。端末の設定を確認してください。".into()
        }
        CardTrouble::WrongVerificationNumber { tries_left } => number_tries_left(*tries_left),
        CardTrouble::VerificationNumberLocked => {
            "照合番号Bがロックされています。顔認証は使えません。".into()
        }
        CardTrouble::CardFaceInvalid => {
            "券面情報の署名が正しくありません。偽造または破損の可能性があります。".into()
        }
        CardTrouble::ReaderGone => {
            "カードリーダーとの接続が切れました。ケーブルとサービスを確認してください。".into()
        }
        CardTrouble::Failed => "カードの読み取りに失敗しました。カードを置き直してください。".into(),
    }
}

pub(in crate::i18n) fn face_trouble(t: &FaceTrouble) -> &'static str {
    match t {
        FaceTrouble::Camera => "カメラが使えません。接続を確認してください。",
        FaceTrouble::Models => {
            "顔認証のモデルがないか、改変されています。セットアップをやり直してください。"
        }
        FaceTrouble::Photo => "カードの顔写真を読み取れませんでした。",
        FaceTrouble::NumberLocked => {
            "照合番号Bがロックされているため、カードの顔写真を読めません。"
        }
        FaceTrouble::CardFaceInvalid => {
            "券面情報の署名を確認できないため、顔写真は使えません。暗証番号または目視で確認してください。"
        }
    }
}

pub(in crate::i18n) fn reader_status(r: &ReaderStatus) -> String {
    match r {
        ReaderStatus::Starting => "起動しています".into(),
        ReaderStatus::Ready { name } => format!("準備できています（{name}）"),
        ReaderStatus::NoReader => "カードリーダーが接続されていません".into(),
        ReaderStatus::ServiceDown => "カードのサービス（pcscd）が動いていません".into(),
    }
}

pub(in crate::i18n) fn stage_clerk(s: &Stage) -> String {
    match s {
        Stage::Waiting { .. } => "カードを待っています".into(),
        Stage::Reading => "カードを読み取り中".into(),
        Stage::ChooseMethod { .. } => "本人確認の方法を選んでいます".into(),
        Stage::Pin { tries_left, .. } => format!("暗証番号を入力中（残り{tries_left}回）"),
        Stage::PinLastTry { .. } => "暗証番号：残り1回の確認中".into(),
        Stage::PinChecking => "暗証番号を確認中".into(),
        Stage::PinLocked { .. } => "暗証番号がロックされています".into(),
        Stage::FaceNumber {
            front: FrontReading::Reading { .. },
            ..
        } => "顔認証：券面から照合番号Bを読み取り中（入力もできます）".into(),
        Stage::FaceNumber { .. } => "顔認証：照合番号Bの入力を待っています".into(),
        Stage::FacePhoto => "顔認証：カードの写真を読み取り中".into(),
        Stage::FaceLive { .. } => "顔認証中".into(),
        Stage::FaceFailed { .. } => "顔認証に失敗しました".into(),
        Stage::FaceUnavailable { .. } => "顔認証が使えません".into(),
        Stage::Visual => "目視確認：職員の確認を待っています".into(),
        Stage::Confirming => "カードの署名・確認中".into(),
        Stage::Consent { question } => format!("同意の確認中（{}）", question_short(*question)),
        Stage::Prescription => "処方箋の受け取り方を選んでいます".into(),
        Stage::PaperConsent { .. } => "紙の同意書：署名された内容の記録を待っています".into(),
        Stage::RegisterOffer => "保険証利用登録をするか選んでいます".into(),
        Stage::RegisterDetails => "保険証利用登録：保険証の番号の入力を待っています".into(),
        Stage::Querying => "資格を照会中".into(),
        Stage::TakeCard { .. } => "カードの取り出しを待っています".into(),
    }
}

pub(in crate::i18n) fn question_short(q: Question) -> &'static str {
    match q {
        Question::DrugAndDiagnosis => "診療・薬剤情報",
        Question::Checkup => "特定健診等情報",
        Question::Surgery => "手術情報",
        Question::Limit => "限度額情報",
        Question::Comprehensive => "包括同意（薬剤・診療・手術）",
    }
}

pub(in crate::i18n) fn method(m: Method) -> &'static str {
    match m {
        Method::Pin => "暗証番号",
        Method::Face => "顔認証",
        Method::Visual => "目視確認",
    }
}

pub(in crate::i18n) fn log_entry(e: &LogEntry) -> String {
    match e {
        LogEntry::CardInserted => "カードが置かれました".into(),
        LogEntry::CardRead => "カードを読み取りました".into(),
        LogEntry::CardRemoved => "カードが取り出されました".into(),
        LogEntry::MethodChosen(m) => format!("本人確認の方法：{}", method(*m)),
        LogEntry::PinWrong { tries_left } => {
            format!("暗証番号が違いました（残り{tries_left}回）")
        }
        LogEntry::PinLocked => "暗証番号がロックされました".into(),
        LogEntry::PinVerified => "暗証番号を確認しました".into(),
        LogEntry::FrontCertain => "券面から照合番号Bを読み取りました".into(),
        LogEntry::FrontRefused { tries_left } => format!(
            "券面から読み取った照合番号Bが違いました（残り{tries_left}回）：入力してください"
        ),
        LogEntry::FrontUnavailable => "券面を読み取れません：照合番号Bを入力してください".into(),
        LogEntry::FaceStarted => "顔認証を始めました".into(),
        LogEntry::FaceAttempt {
            outcome,
            attempts_left,
        } => format!(
            "顔認証に失敗：{}（残り{attempts_left}回）",
            super::face::face_outcome(*outcome)
        ),
        LogEntry::FaceMatched => "顔認証で本人と確認しました".into(),
        LogEntry::VisualConfirmed => "職員が目視で本人確認しました".into(),
        LogEntry::Signed => "カードが署名しました".into(),
        LogEntry::ConsentAnswered(q, yes) => format!(
            "{}：{}",
            question_short(*q),
            match (q, yes) {
                (Question::Limit, true) => "提供する",
                (Question::Limit, false) => "提供しない",
                (_, true) => "同意する",
                (_, false) => "同意しない",
            }
        ),
        LogEntry::LimitWithoutScreen => {
            "限度額情報：画面なしで提供（センターが提供する設定）".into()
        }
        LogEntry::PrescriptionChosen(f) => {
            format!("処方箋：{}", super::centre::prescription_issue(&f.wire()))
        }
        LogEntry::PaperConsentRecorded => "署名された紙の同意書の内容を記録しました".into(),
        LogEntry::FaceLocked => {
            "顔認証の失敗が上限に達しました：この受付では顔認証は使えません（暗証番号か目視で確認）"
                .into()
        }
        LogEntry::RegistrationAsked => "保険証利用登録を案内しました".into(),
        LogEntry::RegistrationNeedsNumbers => {
            "保険者の記録でご本人が見つかりませんでした：保険証の番号を入力してください".into()
        }
        LogEntry::Registered => "保険証利用登録をしました".into(),
        LogEntry::Querying => "資格を照会しています".into(),
        LogEntry::ResultShown => "結果を受け取りました".into(),
        LogEntry::Ended(t) => format!("終了：{}", trouble_clerk(t)),
        LogEntry::CardLeftBehind => "カードが残っています（お取り忘れ）".into(),
        LogEntry::StaleAnswerDropped => "終わった受付への応答を捨てました".into(),
    }
}

pub(in crate::i18n) fn ratio(pct: u32) -> String {
    if pct.is_multiple_of(10) {
        format!("{}割", pct / 10)
    } else {
        format!("{pct}%")
    }
}

pub(in crate::i18n) fn consent_answer(
    limit: bool,
    answer: Option<bool>,
    until: Option<&str>,
) -> String {
    match (answer, until) {
        (Some(true), Some(u)) if !limit => format!("同意あり（{u}まで）"),
        (Some(true), _) if !limit => "同意あり".into(),
        (Some(true), _) => "提供する".into(),
        (Some(false), _) if limit => "提供しない".into(),
        (Some(false), _) => "同意しない".into(),
        (None, _) => "確認していません".into(),
    }
}

pub(in crate::i18n) fn number_format() -> &'static str {
    "照合番号Bの形式が違います。14桁の数字、または生年月日（西暦8桁）・有効期限の年（4桁）・セキュリティコード（4桁）を入力してください。"
}

/// "label: value" with the language's colon.
pub(in crate::i18n) fn labelled(label: &str, value: &str) -> String {
    format!("{label}：{value}")
}
