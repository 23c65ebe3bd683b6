//! 简体中文 (Simplified Chinese): the patient screen, the clerk console's reception and the
//! developer panel. Machine-drafted from the English and Japanese: see `mod.rs` before use.

use super::super::Text;
use crate::flow::{
    CardTrouble, ConsentOffer, FaceTrouble, FrontReading, LogEntry, Method, Question, ReaderStatus,
    Stage, Trouble,
};

pub(in crate::i18n) fn text(t: Text) -> &'static str {
    use Text::*;
    match t {
        WaitingTitle => "请放置个人编号卡（マイナンバーカード）",
        WaitingHint => "请将卡片从卡套中取出，照片面朝上放置",
        ReadingTitle => "正在读取您的卡片",
        KeepCardStill => "请不要移动卡片，稍等片刻",
        PleaseWait => "请稍候",
        ChooseTitle => "请选择确认本人身份的方式",
        ChooseFace => "人脸识别",
        ChoosePin => "密码",
        ChooseVisual => "由工作人员确认",
        PinNotUsable => "此卡无法使用密码",
        PinTitle => "请输入4位数字密码",
        PinWrong => "密码不正确",
        PinClear => "清除",
        PinConfirm => "确定",
        LastTryTitle => "密码只剩1次输入机会",
        LastTryBody => "如果再次输错，密码将被锁定，只能到您居住地的市区町村政府窗口解锁。",
        LastTryGo => "输入密码",
        CheckingTitle => "正在确认",
        PinLockedTitle => "您的密码已被锁定",
        PinLockedBody => "可以到您居住地的市区町村政府窗口解锁。",
        UseFace => "使用人脸识别",
        UsePin => "使用密码",
        UseVisual => "由工作人员确认",
        FaceNumberTitle => "工作人员将查看您卡片的正面",
        FaceNumberBody => "请保持卡片放置不动，稍等片刻",
        FrontReadingTitle => "正在读取卡片正面",
        FacePhotoTitle => "正在读取卡片上的照片",
        FaceLiveTitle => "请面向摄像头",
        FaceFailedTitle => "未能识别您的面部",
        FaceRetry => "重试",
        FaceUnavailableTitle => "无法使用人脸识别",
        VisualTitle => "工作人员将确认您的身份",
        VisualBody => "工作人员将核对卡片照片与您的面部，请稍候",
        ConfirmingTitle => "正在确认",
        Agree => "同意",
        Disagree => "不同意",
        Provide => "提供",
        NotProvide => "不提供",
        RegisterOfferTitle => "此卡尚未登记为健康保险证（医保卡）",
        RegisterOfferBody => "现在要登记吗？",
        RegisterYes => "登记",
        RegisterNo => "不登记",
        RegisterDetailsTitle => "工作人员将输入您的健康保险证号码",
        RegisterDetailsBody => "请稍候",
        QueryingTitle => "正在确认您的健康保险",
        TakeCardTitle => "请取回您的卡片",
        TakeCardDone => "手续已完成。谢谢。",
        Cancel => "中止",
        AskStaff => "请咨询工作人员",
        ChooseOther => "请选择其他方式",
        LastVisitEnded => "上一位的手续已结束",
        TabReception => "受理",
        TabCheck => "保险证",
        TabBatch => "批量查询",
        TabHistory => "历史记录",
        TabViewer => "患者信息",
        TabSubsidy => "公费补助",
        ClerkTitle => "受理操作台",
        ReaderLabel => "读卡器",
        PatientNowLabel => "患者",
        CardLeftBehind => "读卡器上还留有卡片",
        ClerkCancel => "取消受理",
        CancelConfirmTitle => "要取消本次受理吗？",
        CancelConfirmBody => "患者的受理将在此结束，并请患者取回卡片。",
        CancelConfirmYes => "取消（Enter / Y）",
        CancelConfirmNo => "不取消（Esc / N）",
        VisualModeSwitch => "目视确认模式",
        VisualConfirm => "已确认本人",
        VisualHint => "请先核对卡片照片与患者面部，再按此按钮。",
        NumberTitle => "核对号码B（卡片正面）",
        NumberBy14 => "14位数字",
        NumberByParts => "出生日期、有效期限年份和安全码",
        Number14Label => "核对号码B（14位）",
        NumberBirthLabel => "出生日期（YYYYMMDD，公历）",
        NumberExpiryLabel => "有效期限年份（4位）",
        NumberCodeLabel => "安全码（4位）",
        Send => "发送",
        RegisterFormTitle => "卡片登记：保险证号码",
        InsurerNumberLabel => "保险人编号",
        SymbolLabel => "符号",
        CardNumberLabel => "号码",
        BranchLabel => "枝号",
        BirthDateLabel => "出生日期",
        ResultTitle => "资格确认结果",
        NoResultYet => "尚无结果",
        VerdictValid => "有效",
        VerdictInvalid => "无效",
        VerdictInvalidNew => "无效（有新资格）",
        VerdictValidUnregistered => "有效（未登记）",
        TicketUnregisteredAdvice => {
            "医疗扶助：福祉事务所尚未登记医疗券（每月15日前后登记）。请咨询福祉事务所，或稍后再次确认。"
        }
        PublicExpenseLabel => "公费负担者编号",
        BeneficiaryLabel => "受给者编号",
        WelfareOfficeLabel => "福祉事务所",
        MedicalTicketLabel => "医疗券（发行编号、期间）",
        NewQualificationAdvice => {
            "患者已更换保险人：请出示新的保险证或资格确认书，或用个人编号卡确认。"
        }
        VerdictNotFound => "未找到",
        VerdictMultiple => "多个匹配",
        VerdictError => "错误",
        NameLabel => "姓名",
        KanaLabel => "假名读音",
        SexLabel => "性别",
        InsurerLabel => "保险人",
        SymbolNumberBranchLabel => "符号 / 号码 / 枝号",
        PersonalFamilyLabel => "被保险人 / 家属",
        QualificationDateLabel => "资格取得日",
        ValidUntilLabel => "有效期至",
        RatioLabel => "自付比例",
        ElderlyLabel => "高龄受给者",
        LimitLabel => "限额区分",
        DiseaseLabel => "特定疾病",
        ConsentsLabel => "同意事项",
        MethodLabel => "本人确认",
        NoneGiven => "无",
        CertExpiresSoon => "卡片的利用者证明用电子证明书即将到期：请患者到市区町村政府窗口更新。",
        LogTitle => "本次受理记录",
        ConsentDrug => "药物",
        ConsentDiagnosis => "诊疗",
        ConsentCheckup => "体检",
        ConsentSurgery => "手术",
        ConsentLimit => "限额信息",
        ReasonLabel => "原因",
        PrescriptionTitle => "您希望以哪种方式领取处方？",
        PrescriptionBody => "电子处方：凭个人编号卡等在药房领取药品。纸质处方：在本窗口交给您。",
        PrescriptionElectronic => "电子处方",
        PrescriptionPaper => "纸质处方",
        PrescriptionLabel => "处方",
        GenericTitle => "通用读卡器：由工作人员引导受理",
        GenericPin => "密码（由患者在键盘上输入）",
        GenericVisual => "目视确认本人",
        KeypadTitle => "输入密码：请把屏幕转向患者，由患者输入",
        PaperTitle => "纸质同意书",
        PaperNameLabel => "患者姓名（印在同意书上）",
        PaperPrint => "生成并打开同意书",
        PaperPrinted => "同意书已准备好。请打印，让患者填写并签名。",
        PaperRecordHint => "请按照签名的同意书勾选（勾选 = 同意）。",
        PaperRecord => "记录并查询",
        PaperFormTitle => "同意书：在线资格确认的信息",
        PaperFormIntro => {
            "请在每一项中勾选一个方框，表示是否允许本院的医生和药剂师查看，然后签名。"
        }
        PaperFormDate => "日期",
        PaperFormSignature => "签名",
        DevTitle => "开发者面板",
        DevRemove => "取出卡片",
        DevFeed => "摄像头画面",
        DevFront => "卡片正面摄像头",
        DevInserted => "卡片在读卡器上",
    }
}

pub(in crate::i18n) fn pin_tries_left(n: u8) -> String {
    if n == 1 {
        "还剩1次".into()
    } else {
        format!("还剩{n}次")
    }
}

pub(in crate::i18n) fn number_tries_left(n: u8) -> String {
    format!("核对号码B错误。还剩{n}次。")
}

pub(in crate::i18n) fn face_attempts_left(n: u32) -> String {
    if n == 1 {
        "还可进行1次人脸识别".into()
    } else {
        format!("还可进行{n}次人脸识别")
    }
}

pub(in crate::i18n) fn question(q: Question, offer: &ConsentOffer) -> (&'static str, &'static str) {
    match q {
        Question::DrugAndDiagnosis => match (offer.drug, offer.diagnosis) {
            (true, true) => (
                "是否允许医生和药剂师查看您过去的诊疗和用药记录？",
                "这有助于为您提供更好的医疗服务。",
            ),
            (false, true) => (
                "是否允许医生查看您过去的诊疗记录？",
                "这有助于为您提供更好的医疗服务。",
            ),
            _ => (
                "是否允许医生和药剂师查看您过去的用药记录？",
                "这有助于为您提供更好的医疗服务。",
            ),
        },
        Question::Checkup => (
            "是否允许医生查看您过去的体检结果？",
            "这有助于为您提供更好的医疗服务。",
        ),
        Question::Surgery => (
            "是否允许医生查看您过去的手术记录？",
            "这有助于为您提供更好的医疗服务。",
        ),
        Question::Limit => (
            "是否提供您的医疗费限额信息？",
            "医疗费较高时，您在窗口只需支付到限额为止。",
        ),
        Question::Comprehensive => (
            "是否允许医生和药剂师查看您过去的诊疗、用药和手术记录？",
            "诊疗、用药和手术的记录一起回答一次。这有助于为您提供更好的医疗服务。",
        ),
    }
}

pub(in crate::i18n) fn trouble_patient(t: &Trouble) -> String {
    let s = match t {
        Trouble::CardPulled => "卡片被取出，手续已中止。请重新放置卡片。",
        Trouble::Card(CardTrouble::NotMyNumberCard) => {
            "无法读取个人编号卡。请确认卡片方向后重新放置。"
        }
        Trouble::Card(CardTrouble::CertificateExpired) => {
            "卡片的电子证明书已过期。请到市区町村政府窗口更新，并咨询工作人员。"
        }
        Trouble::Card(CardTrouble::Removed | CardTrouble::Reset) => "无法读取卡片。请重新放置。",
        Trouble::Card(_) => "无法读取卡片。请咨询工作人员。",
        Trouble::PinLocked => "密码已被锁定，手续已中止。请咨询工作人员。",
        Trouble::FaceFailed => "人脸识别未成功，手续已中止。请咨询工作人员。",
        Trouble::Face(_) => "无法使用人脸识别，手续已中止。请咨询工作人员。",
        Trouble::TimedOut => "已超时，手续已中止。请重新放置卡片。",
        Trouble::CancelledByPatient => "您已中止手续。",
        Trouble::CancelledByClerk => "工作人员已中止手续。",
        Trouble::Centre(_) => "无法确认您的健康保险。请咨询工作人员。",
        Trouble::NotRegistered => "此卡尚未登记为健康保险证。请咨询工作人员。",
    };
    s.to_string()
}

pub(in crate::i18n) fn trouble_clerk(t: &Trouble) -> String {
    match t {
        Trouble::CardPulled => "确认过程中卡片被取出。".into(),
        Trouble::Card(c) => card_trouble(c),
        Trouble::PinLocked => {
            "密码已锁定且未选择其他方式：请使用目视确认模式，或请患者到市区町村政府窗口解锁。"
                .into()
        }
        Trouble::FaceFailed => "人脸识别失败次数已达上限：请使用目视确认模式。".into(),
        Trouble::Face(f) => face_trouble(f).into(),
        Trouble::TimedOut => "某个画面等待时间过长，受理已结束。".into(),
        Trouble::CancelledByPatient => "患者按了中止。".into(),
        Trouble::CancelledByClerk => "工作人员取消了受理。".into(),
        Trouble::Centre(c) => super::centre::centre_trouble(c),
        Trouble::NotRegistered => "此卡未登记为保险证且患者拒绝登记：请用保险证号码确认。".into(),
    }
}

pub(in crate::i18n) fn card_trouble(t: &CardTrouble) -> String {
    match t {
        CardTrouble::Removed => "读取过程中卡片被取出。".into(),
        CardTrouble::Reset => "卡片已重置：请重新放置。".into(),
        CardTrouble::NotMyNumberCard => "不是个人编号卡，或放置方向错误。".into(),
        CardTrouble::UnsupportedToken => "此处不支持此类卡片（智能手机、旧住基卡）。".into(),
        CardTrouble::CertificateExpired => {
            "利用者证明用电子证明书已过期：患者需到市区町村政府窗口更新。".into()
        }
        CardTrouble::CertificateInvalid => "此证书不是有效的JPKI证书。".into(),
        CardTrouble::TerminalRejected => "卡片拒绝了本终端的证书：请检查终端设置。".into(),
        CardTrouble::WrongVerificationNumber { tries_left } => number_tries_left(*tries_left),
        CardTrouble::VerificationNumberLocked => "核对号码B已锁定：无法使用人脸识别。".into(),
        CardTrouble::CardFaceInvalid => "卡面数据签名验证失败：卡片可能是伪造或已损坏。".into(),
        CardTrouble::ReaderGone => "读卡器已断开：请检查连接线和智能卡服务。".into(),
        CardTrouble::Failed => "读取卡片失败：请重新放置。".into(),
    }
}

pub(in crate::i18n) fn face_trouble(t: &FaceTrouble) -> &'static str {
    match t {
        FaceTrouble::Camera => "无法使用摄像头：请检查连接。",
        FaceTrouble::Models => "人脸模型缺失或被修改：请重新运行设置。",
        FaceTrouble::Photo => "无法读取卡片照片。",
        FaceTrouble::NumberLocked => "核对号码B已锁定，无法读取卡片照片。",
        FaceTrouble::CardFaceInvalid => "卡面签名验证失败，无法使用其照片：请用密码或目视确认。",
    }
}

pub(in crate::i18n) fn reader_status(r: &ReaderStatus) -> String {
    match r {
        ReaderStatus::Starting => "正在启动".into(),
        ReaderStatus::Ready { name } => format!("就绪（{name}）"),
        ReaderStatus::NoReader => "未连接读卡器".into(),
        ReaderStatus::ServiceDown => "智能卡服务（pcscd）未运行".into(),
    }
}

pub(in crate::i18n) fn stage_clerk(s: &Stage) -> String {
    match s {
        Stage::Waiting { .. } => "等待放置卡片".into(),
        Stage::Reading => "正在读取卡片".into(),
        Stage::ChooseMethod { .. } => "正在选择本人确认方式".into(),
        Stage::Pin { tries_left, .. } => format!("正在输入密码（还剩{tries_left}次）"),
        Stage::PinLastTry { .. } => "密码：确认最后一次输入".into(),
        Stage::PinChecking => "卡片正在验证密码".into(),
        Stage::PinLocked { .. } => "密码已锁定".into(),
        Stage::FaceNumber {
            front: FrontReading::Reading { .. },
            ..
        } => "人脸：正在从卡片正面读取核对号码B（也可手动输入）".into(),
        Stage::FaceNumber { .. } => "人脸：等待核对号码B".into(),
        Stage::FacePhoto => "人脸：正在读取卡片照片".into(),
        Stage::FaceLive { .. } => "正在进行人脸识别".into(),
        Stage::FaceFailed { .. } => "人脸识别失败".into(),
        Stage::FaceUnavailable { .. } => "无法使用人脸识别".into(),
        Stage::Visual => "目视确认：等待工作人员".into(),
        Stage::Confirming => "正在用卡片签名".into(),
        Stage::Consent { question } => format!("正在回答同意事项（{}）", question_short(*question)),
        Stage::RegisterOffer => "正在决定是否登记卡片".into(),
        Stage::RegisterDetails => "登记：等待输入保险证号码".into(),
        Stage::Querying => "正在查询资格".into(),
        Stage::Prescription => "正在选择电子处方或纸质处方".into(),
        Stage::PaperConsent { .. } => "纸质同意书：等待患者签名的内容".into(),
        Stage::TakeCard { .. } => "等待取回卡片".into(),
    }
}

pub(in crate::i18n) fn question_short(q: Question) -> &'static str {
    match q {
        Question::DrugAndDiagnosis => "诊疗 / 药物",
        Question::Checkup => "体检",
        Question::Surgery => "手术",
        Question::Limit => "限额信息",
        Question::Comprehensive => "综合同意（用药、诊疗、手术）",
    }
}

pub(in crate::i18n) fn method(m: Method) -> &'static str {
    match m {
        Method::Pin => "密码",
        Method::Face => "人脸识别",
        Method::Visual => "目视确认",
    }
}

pub(in crate::i18n) fn log_entry(e: &LogEntry) -> String {
    match e {
        LogEntry::CardInserted => "已放置卡片".into(),
        LogEntry::CardRead => "已读取卡片".into(),
        LogEntry::CardRemoved => "已取出卡片".into(),
        LogEntry::RegistrationNeedsNumbers => "保险人的记录中没有找到本人：请输入保险证号码".into(),
        LogEntry::CardLeftBehind => "就诊结束后卡片留在了读卡器上".into(),
        LogEntry::LimitWithoutScreen => "限额信息：不经画面提供（由中心提供）".into(),
        LogEntry::PrescriptionChosen(f) => {
            format!("处方：{}", super::centre::prescription_issue(&f.wire()))
        }
        LogEntry::PaperConsentRecorded => "已记录签名的纸质同意书".into(),
        LogEntry::FaceLocked => {
            "人脸识别失败次数过多：本次受理不能再使用（请使用密码或目视确认）".into()
        }
        LogEntry::MethodChosen(m) => format!("本人确认：{}", method(*m)),
        LogEntry::PinWrong { tries_left } => format!("密码错误（还剩{tries_left}次）"),
        LogEntry::PinLocked => "密码已锁定".into(),
        LogEntry::PinVerified => "密码验证成功".into(),
        LogEntry::FrontCertain => "已从卡片正面读取核对号码B".into(),
        LogEntry::FrontRefused { tries_left } => {
            format!("卡片拒绝了从正面读取的号码（还剩{tries_left}次）：请手动输入")
        }
        LogEntry::FrontUnavailable => "无法读取卡片正面：请输入核对号码B".into(),
        LogEntry::FaceStarted => "开始人脸识别".into(),
        LogEntry::FaceAttempt {
            outcome,
            attempts_left,
        } => format!(
            "人脸识别失败：{}（还剩{attempts_left}次）",
            super::face::face_outcome(*outcome)
        ),
        LogEntry::FaceMatched => "面部与卡片照片一致".into(),
        LogEntry::VisualConfirmed => "工作人员已目视确认本人".into(),
        LogEntry::Signed => "卡片已签名".into(),
        LogEntry::ConsentAnswered(q, yes) => {
            format!("{}：{}", question_short(*q), if *yes { "是" } else { "否" })
        }
        LogEntry::RegistrationAsked => "已提议登记卡片".into(),
        LogEntry::Registered => "卡片已登记".into(),
        LogEntry::Querying => "正在查询资格".into(),
        LogEntry::ResultShown => "已收到结果".into(),
        LogEntry::Ended(t) => format!("已结束：{}", trouble_clerk(t)),
        LogEntry::StaleAnswerDropped => "已丢弃已结束受理的回复".into(),
    }
}

pub(in crate::i18n) fn ratio(pct: u32) -> String {
    format!("{pct}%")
}

pub(in crate::i18n) fn consent_answer(
    limit: bool,
    answer: Option<bool>,
    until: Option<&str>,
) -> String {
    match (answer, until) {
        (Some(true), Some(u)) if !limit => format!("已同意（至{u}）"),
        (Some(true), _) if !limit => "已同意".into(),
        (Some(true), _) => "已提供".into(),
        (Some(false), _) if limit => "未提供".into(),
        (Some(false), _) => "已拒绝".into(),
        (None, _) => "未询问".into(),
    }
}

pub(in crate::i18n) fn number_format() -> &'static str {
    "核对号码B格式错误：请输入14位数字，或出生日期（8位）、有效期限年份（4位）和安全码（4位）。"
}

/// "label: value" with the language's colon.
pub(in crate::i18n) fn labelled(label: &str, value: &str) -> String {
    format!("{label}：{value}")
}

pub(in crate::i18n) fn paper_error(e: &crate::paper::PaperError) -> String {
    use crate::paper::PaperError;
    match e {
        PaperError::Font => "无法加载同意书的字体：请重新运行安装。".into(),
        PaperError::MissingGlyphs { count } => {
            format!("同意书中有 {count} 个字符不在字体中：请检查姓名的写法。")
        }
        PaperError::Write { folder, source } => format!(
            "无法保存同意书（{}: {source}）：请检查剩余空间和权限。",
            folder.display()
        ),
    }
}

pub(in crate::i18n) fn face_failures(n: u32, max: u32) -> String {
    format!("人脸识别失败 {n}/{max}")
}
