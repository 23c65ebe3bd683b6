//! Português (Brazilian Portuguese): the centre's words (a refused number, a centre failure, the labels of
//! the code tables) for the console. Machine-drafted: see `mod.rs` before use at a clinic.

use crate::flow::CentreTrouble;
use eligibility::codes::{
    AuthMethod, CharacterCode, ConsentFlag, InsuredCardClassification, LimitCategory,
    LimitCertificateClass, LimitConsent, MedicalTreatmentFlag, PersonalFamily, PrescriptionIssue,
    ProcessingResultStatus, QualificationValidity, ReasonOfLoss, ReferenceClassification,
    SegmentOfResult, Sex, SpecificDisease,
};
use eligibility::ids::{Field, Reason};
use eligibility::{ClientError, IdError};

pub(in crate::i18n) fn field(f: Field) -> &'static str {
    match f {
        Field::InsurerNumber => "número da seguradora",
        Field::InstitutionCode => "código da instituição médica",
        Field::CardSymbol => "símbolo do cartão",
        Field::CardNumber => "número do cartão",
        Field::BranchNumber => "subnúmero",
        Field::BirthDate => "data de nascimento",
    }
}

pub(in crate::i18n) fn id_error(e: &IdError) -> String {
    let f = field(e.field);
    match &e.reason {
        Reason::Empty => format!("Preencha o campo “{f}”."),
        Reason::NotDigits => format!("O campo “{f}” aceita só números."),
        Reason::WrongLength { expected, got } => {
            format!("O campo “{f}” tem {expected} dígitos (você digitou {got}).")
        }
        Reason::CheckDigit { .. } => {
            format!("O dígito verificador do campo “{f}” não confere: confira o número no cartão.")
        }
        Reason::TooLong { max_bytes, got } => {
            format!("O campo “{f}” é longo demais (no máximo {max_bytes} bytes, recebido {got}).")
        }
        Reason::BadCharacter(c) => {
            format!("O campo “{f}” tem um caractere não permitido: '{c}'.")
        }
        Reason::NotADate => format!("O campo “{f}” deve ser uma data real no formato AAAAMMDD."),
        Reason::OutOfRange => format!("O campo “{f}” está fora do intervalo permitido."),
    }
}

pub(in crate::i18n) fn centre_trouble(t: &CentreTrouble) -> String {
    match t {
        CentreTrouble::Unreachable => {
            "Não é possível conectar ao sistema de verificação de elegibilidade: verifique a rede e tente de novo."
                .into()
        }
        CentreTrouble::TimedOut => "O sistema de verificação de elegibilidade não respondeu a tempo: tente de novo.".into(),
        CentreTrouble::Certificate => {
            "A conexão segura foi recusada: verifique o certificado de cliente da instituição e a CA do serviço.".into()
        }
        CentreTrouble::Unavailable => {
            "O sistema de verificação de elegibilidade está indisponível no momento: tente de novo daqui a pouco.".into()
        }
        CentreTrouble::Malformed => "Não foi possível ler a resposta do sistema: tente de novo.".into(),
        CentreTrouble::Rejected { code, message } => {
            format!("O sistema de verificação de elegibilidade recusou o pedido: {message} ({code})")
        }
        CentreTrouble::Config => {
            "As configurações de conexão deste terminal estão erradas: verifique o arquivo de configuração ou chame o administrador.".into()
        }
    }
}

pub(in crate::i18n) fn client_error(e: &ClientError) -> String {
    match e {
        ClientError::InvalidInput(e) => id_error(e),
        ClientError::BatchSize { max, got } => {
            format!("Uma consulta em lote tem de 1 a {max} pacientes ({got} enviados): divida a lista.")
        }
        ClientError::BatchPending { reception } => format!(
            "O lote {reception} ainda está em processamento: procure o resultado mais tarde com este número de recepção; não envie a lista de novo."
        ),
        ClientError::BadBatchKey { .. } => {
            "A chave do lote não é válida: chame o administrador.".into()
        }
        ClientError::ReplyTooLarge { .. } => {
            "A resposta do sistema era grande demais e não foi lida: tente de novo; avise se repetir.".into()
        }
        other => centre_trouble(&CentreTrouble::from_client(other)),
    }
}

pub(in crate::i18n) fn limit_consent(c: &LimitConsent) -> &'static str {
    match c {
        LimitConsent::NotAgreed => "não concordou",
        LimitConsent::Agreed => "concordou",
        LimitConsent::Unknown(_) => "código desconhecido",
    }
}

pub(in crate::i18n) fn reference_classification(c: &ReferenceClassification) -> &'static str {
    match c {
        ReferenceClassification::Card => "cartão My Number",
        ReferenceClassification::InsuranceCard => "números do cartão do seguro",
        ReferenceClassification::Unknown(_) => "código desconhecido",
    }
}

pub(in crate::i18n) fn segment_of_result(c: &SegmentOfResult) -> &'static str {
    match c {
        SegmentOfResult::Normal => "concluído",
        SegmentOfResult::Processing => "em processamento",
        SegmentOfResult::Abnormal => "falhou",
        SegmentOfResult::Unknown(_) => "código desconhecido",
    }
}

pub(in crate::i18n) fn processing_result_status(c: &ProcessingResultStatus) -> &'static str {
    match c {
        ProcessingResultStatus::Normal => "concluído",
        ProcessingResultStatus::Error => "erro",
        ProcessingResultStatus::Unknown(_) => "código desconhecido",
    }
}

pub(in crate::i18n) fn character_code(c: &CharacterCode) -> &'static str {
    match c {
        CharacterCode::Utf8 => "UTF-8",
        CharacterCode::ShiftJis => "Shift_JIS",
        CharacterCode::Unknown(_) => "código desconhecido",
    }
}

pub(in crate::i18n) fn qualification_validity(c: &QualificationValidity) -> &'static str {
    match c {
        QualificationValidity::Valid => "válido",
        QualificationValidity::Invalid => "inválido",
        QualificationValidity::InvalidNewQualification => {
            "inválido (há uma qualificação mais nova)"
        }
        QualificationValidity::NotFound => "nenhuma qualificação correspondente",
        QualificationValidity::MultipleMatches => "vários resultados",
        QualificationValidity::ValidUnregistered => "válido (não registrado)",
        QualificationValidity::Unknown(_) => "código desconhecido",
    }
}

pub(in crate::i18n) fn sex(c: &Sex) -> &'static str {
    match c {
        Sex::Male => "masculino",
        Sex::Female => "feminino",
        Sex::NotSet => "não definido",
        Sex::Unknown(_) => "código desconhecido",
    }
}

pub(in crate::i18n) fn reason_of_loss(c: &ReasonOfLoss) -> &'static str {
    match c {
        ReasonOfLoss::Death => "falecimento",
        ReasonOfLoss::WelfareStarted => "início da assistência pública",
        ReasonOfLoss::OtherInsurance => "entrou em outro seguro",
        ReasonOfLoss::Other => "outro",
        ReasonOfLoss::Unknown(_) => "código desconhecido",
    }
}

pub(in crate::i18n) fn personal_family(c: &PersonalFamily) -> &'static str {
    match c {
        PersonalFamily::Insured => "segurado titular",
        PersonalFamily::Family => "dependente",
        PersonalFamily::Unknown(_) => "código desconhecido",
    }
}

pub(in crate::i18n) fn insured_card_classification(c: &InsuredCardClassification) -> &'static str {
    match c {
        InsuredCardClassification::General => "cartão do seguro (geral)",
        InsuredCardClassification::Retired => "cartão do seguro (aposentado)",
        InsuredCardClassification::ShortTermGeneral => "cartão de curto prazo (geral)",
        InsuredCardClassification::ShortTermRetired => "cartão de curto prazo (aposentado)",
        InsuredCardClassification::QualificationCertificate => "certificado de qualificação",
        InsuredCardClassification::SpecialRetired => "cartão especial de aposentado",
        InsuredCardClassification::SelfDefenseForces => "cartão médico das Forças de Autodefesa",
        InsuredCardClassification::MedicalAssistance => "assistência médica",
        InsuredCardClassification::Unknown(_) => "código desconhecido",
    }
}

pub(in crate::i18n) fn limit_certificate_class(c: &LimitCertificateClass) -> &'static str {
    match c {
        LimitCertificateClass::Limit => "certificado de teto",
        LimitCertificateClass::LimitAndReduction => {
            "certificado de teto e de redução do custo das refeições"
        }
        LimitCertificateClass::Reduction => "certificado de redução do custo das refeições",
        LimitCertificateClass::Unknown(_) => "código desconhecido",
    }
}

pub(in crate::i18n) fn limit_category(c: &LimitCategory) -> &'static str {
    match c {
        LimitCategory::A01 => "a (renda ≥ ¥11,6 milhões)",
        LimitCategory::A02 => "i",
        LimitCategory::A03 => "u",
        LimitCategory::A04 => "e",
        LimitCategory::A05 => "o (isento de imposto de residente)",
        LimitCategory::A06 => "o (faixa limite)",
        LimitCategory::B01 => "renda de nível ativo III",
        LimitCategory::B02 => "renda de nível ativo II",
        LimitCategory::B03 => "renda de nível ativo I",
        LimitCategory::B04 => "geral",
        LimitCategory::B05 => "baixa renda II",
        LimitCategory::B06 => "baixa renda I",
        LimitCategory::B07 => "baixa renda I (pensão de bem-estar)",
        LimitCategory::B08 => "baixa renda I (faixa limite)",
        LimitCategory::B09 => "geral II",
        LimitCategory::B10 => "geral I",
        LimitCategory::Unknown(_) => "código desconhecido",
    }
}

pub(in crate::i18n) fn specific_disease(c: &SpecificDisease) -> &'static str {
    match c {
        SpecificDisease::Dialysis => "insuficiência renal crônica em diálise",
        SpecificDisease::Haemophilia => "distúrbio congênito de fator de coagulação",
        SpecificDisease::Hiv => "HIV por produtos de fator de coagulação",
        SpecificDisease::Unknown(_) => "código desconhecido",
    }
}

pub(in crate::i18n) fn consent_flag(c: &ConsentFlag) -> &'static str {
    match c {
        ConsentFlag::No => "sem consentimento",
        ConsentFlag::Yes => "consentimento dado",
        ConsentFlag::Expired => "consentimento vencido",
        ConsentFlag::Difficult => "não foi possível obter o consentimento",
        ConsentFlag::Unknown(_) => "código desconhecido",
    }
}

pub(in crate::i18n) fn prescription_issue(c: &PrescriptionIssue) -> &'static str {
    match c {
        PrescriptionIssue::Electronic => "receita eletrônica",
        PrescriptionIssue::Paper => "receita em papel",
        PrescriptionIssue::Unknown(_) => "código desconhecido",
    }
}

pub(in crate::i18n) fn medical_treatment_flag(c: &MedicalTreatmentFlag) -> &'static str {
    match c {
        MedicalTreatmentFlag::Outpatient => "ambulatorial",
        MedicalTreatmentFlag::HomeVisit => "visita domiciliar",
        MedicalTreatmentFlag::Online => "online",
        MedicalTreatmentFlag::Emergency => "emergência",
        MedicalTreatmentFlag::Unknown(_) => "código desconhecido",
    }
}

pub(in crate::i18n) fn auth_method(c: &AuthMethod) -> &'static str {
    match c {
        AuthMethod::Pin => "senha (PIN)",
        AuthMethod::Face => "rosto",
        AuthMethod::Visual => "conferência visual",
        AuthMethod::Unknown(_) => "código desconhecido",
    }
}
