//! Português (Brazilian Portuguese): the patient screen, the clerk console's reception and the
//! developer panel. Machine-drafted from the English and Japanese: see `mod.rs` before use.

use super::super::Text;
use crate::flow::{
    CardTrouble, ConsentOffer, FaceTrouble, FrontReading, LogEntry, Method, Question, ReaderStatus,
    Stage, Trouble,
};

pub(in crate::i18n) fn text(t: Text) -> &'static str {
    use Text::*;
    match t {
        WaitingTitle => "Coloque o seu cartão My Number",
        WaitingHint => "Tire o cartão da capa e coloque-o com a foto para cima",
        ReadingTitle => "Lendo o seu cartão",
        KeepCardStill => "Não mexa o cartão e aguarde um momento",
        PleaseWait => "Aguarde um momento",
        ChooseTitle => "Como você quer confirmar a sua identidade?",
        ChooseFace => "Reconhecimento facial",
        ChoosePin => "Senha (PIN)",
        ChooseVisual => "Conferência pelo atendente",
        PinNotUsable => "A senha não pode ser usada com este cartão",
        PinTitle => "Digite a sua senha de 4 dígitos",
        PinWrong => "A senha está incorreta",
        PinClear => "Apagar",
        PinConfirm => "Confirmar",
        LastTryTitle => "Você tem só mais 1 tentativa de senha",
        LastTryBody => {
            "Se errar de novo, a senha será bloqueada e só a prefeitura onde você mora poderá desbloqueá-la."
        }
        LastTryGo => "Digitar a senha",
        CheckingTitle => "Verificando",
        PinLockedTitle => "A sua senha está bloqueada",
        PinLockedBody => "A prefeitura onde você mora pode desbloqueá-la.",
        UseFace => "Usar reconhecimento facial",
        UsePin => "Usar a senha",
        UseVisual => "Conferência pelo atendente",
        FaceNumberTitle => "O atendente vai olhar a frente do seu cartão",
        FaceNumberBody => "Deixe o cartão no lugar e aguarde um momento",
        FrontReadingTitle => "Lendo a frente do seu cartão",
        FacePhotoTitle => "Lendo a foto do seu cartão",
        FaceLiveTitle => "Olhe para a câmera",
        FaceFailedTitle => "Não conseguimos reconhecer o seu rosto",
        FaceRetry => "Tentar de novo",
        FaceUnavailableTitle => "O reconhecimento facial não está disponível",
        VisualTitle => "O atendente vai confirmar a sua identidade",
        VisualBody => {
            "O atendente vai comparar a foto do cartão com o seu rosto. Aguarde um momento"
        }
        ConfirmingTitle => "Verificando",
        Agree => "Concordo",
        Disagree => "Não concordo",
        Provide => "Fornecer",
        NotProvide => "Não fornecer",
        RegisterOfferTitle => "Este cartão não está registrado como cartão do seguro de saúde",
        RegisterOfferBody => "Deseja registrá-lo agora?",
        RegisterYes => "Registrar",
        RegisterNo => "Não registrar",
        RegisterDetailsTitle => {
            "O atendente vai digitar os números do seu cartão do seguro de saúde"
        }
        RegisterDetailsBody => "Aguarde um momento",
        QueryingTitle => "Verificando o seu seguro de saúde",
        TakeCardTitle => "Retire o seu cartão",
        TakeCardDone => "Seu check-in foi concluído. Obrigado.",
        Cancel => "Parar",
        AskStaff => "Fale com o atendente",
        ChooseOther => "Escolha outra forma",
        LastVisitEnded => "O último check-in terminou",
        TabReception => "Recepção",
        TabCheck => "Cartão do seguro",
        TabBatch => "Consulta em lote",
        TabHistory => "Histórico",
        TabViewer => "Dados do paciente",
        TabSubsidy => "Subsídio",
        ClerkTitle => "Console da recepção",
        ReaderLabel => "Leitor de cartão",
        PatientNowLabel => "Paciente",
        CardLeftBehind => "Há um cartão esquecido no leitor",
        ClerkCancel => "Cancelar recepção",
        CancelConfirmTitle => "Cancelar esta recepção?",
        CancelConfirmBody => {
            "A recepção do paciente termina aqui e ele é orientado a retirar o cartão."
        }
        CancelConfirmYes => "Cancelar (Enter / Y)",
        CancelConfirmNo => "Manter (Esc / N)",
        VisualModeSwitch => "Modo de conferência visual",
        VisualConfirm => "Identidade confirmada",
        VisualHint => "Compare a foto do cartão com o rosto do paciente antes de apertar.",
        NumberTitle => "Número de verificação B (frente do cartão)",
        NumberBy14 => "14 dígitos",
        NumberByParts => "Data de nascimento, ano de validade e código de segurança",
        Number14Label => "Número de verificação B (14 dígitos)",
        NumberBirthLabel => "Data de nascimento (AAAAMMDD, calendário ocidental)",
        NumberExpiryLabel => "Ano de validade (4 dígitos)",
        NumberCodeLabel => "Código de segurança (4 dígitos)",
        Send => "Enviar",
        RegisterFormTitle => "Registro do cartão: números do cartão do seguro",
        InsurerNumberLabel => "Número da seguradora",
        SymbolLabel => "Símbolo",
        CardNumberLabel => "Número",
        BranchLabel => "Subnúmero",
        BirthDateLabel => "Data de nascimento",
        ResultTitle => "Resultado da elegibilidade",
        NoResultYet => "Ainda sem resultado",
        VerdictValid => "VÁLIDO",
        VerdictInvalid => "INVÁLIDO",
        VerdictInvalidNew => "INVÁLIDO (NOVA QUALIFICAÇÃO)",
        VerdictValidUnregistered => "VÁLIDO (NÃO REGISTRADO)",
        TicketUnregisteredAdvice => {
            "Assistência médica: o escritório de bem-estar social ainda não registrou o bilhete médico (isso é feito por volta do dia 15 de cada mês). Consulte o escritório ou verifique de novo mais tarde."
        }
        PublicExpenseLabel => "Número do pagador de despesa pública",
        BeneficiaryLabel => "Número do beneficiário",
        WelfareOfficeLabel => "Escritório de bem-estar social",
        MedicalTicketLabel => "Bilhete médico (número de emissão, período)",
        NewQualificationAdvice => {
            "O paciente mudou de seguradora: peça o novo cartão do seguro ou o certificado de qualificação, ou confira com o cartão My Number."
        }
        VerdictNotFound => "NÃO ENCONTRADO",
        VerdictMultiple => "VÁRIOS RESULTADOS",
        VerdictError => "ERRO",
        NameLabel => "Nome",
        KanaLabel => "Leitura em kana",
        SexLabel => "Sexo",
        InsurerLabel => "Seguradora",
        SymbolNumberBranchLabel => "Símbolo / número / subnúmero",
        PersonalFamilyLabel => "Segurado / dependente",
        QualificationDateLabel => "Qualificado desde",
        ValidUntilLabel => "Válido até",
        RatioLabel => "Coparticipação",
        ElderlyLabel => "Beneficiário idoso",
        LimitLabel => "Categoria de teto",
        DiseaseLabel => "Doença especificada",
        ConsentsLabel => "Consentimentos",
        MethodLabel => "Confirmação de identidade",
        NoneGiven => "nenhum",
        CertExpiresSoon => {
            "O certificado de usuário do cartão vence em breve: peça ao paciente para renová-lo na prefeitura."
        }
        LogTitle => "Registro desta recepção",
        ConsentDrug => "Medicamentos",
        ConsentDiagnosis => "Tratamento",
        ConsentCheckup => "Exames de saúde",
        ConsentSurgery => "Cirurgia",
        ConsentLimit => "Informação do teto",
        ReasonLabel => "Motivo",
        PrescriptionTitle => "Como você quer receber a sua receita?",
        PrescriptionBody => {
            "Receita eletrônica: retire os remédios na farmácia com o seu cartão My Number ou semelhante. Receita em papel: entregue a você neste balcão."
        }
        PrescriptionElectronic => "Receita eletrônica",
        PrescriptionPaper => "Receita em papel",
        PrescriptionLabel => "Receita",
        GenericTitle => "Leitor de cartão comum: a equipe conduz o atendimento",
        GenericPin => "Senha (o paciente digita no teclado)",
        GenericVisual => "Confirmação visual da identidade",
        KeypadTitle => "Senha: vire a tela para o paciente e deixe-o digitar",
        PaperTitle => "Termo de consentimento em papel",
        PaperNameLabel => "Nome do paciente (impresso no termo)",
        PaperPrint => "Gerar e abrir o termo",
        PaperPrinted => "O termo está pronto. Imprima e peça ao paciente para preencher e assinar.",
        PaperRecordHint => "Marque conforme o termo assinado (marcado = concorda).",
        PaperRecord => "Registrar e consultar",
        PaperFormTitle => {
            "Termo de consentimento: informações da confirmação de elegibilidade online"
        }
        PaperFormIntro => {
            "Em cada item, marque uma caixa para dizer se os médicos e farmacêuticos daqui podem ver, e depois assine."
        }
        PaperFormDate => "Data",
        PaperFormSignature => "Assinatura",
        DevTitle => "Painel do desenvolvedor",
        DevRemove => "Retirar cartão",
        DevFeed => "Imagem da câmera",
        DevFront => "Câmera da frente do cartão",
        DevInserted => "Cartão no leitor",
    }
}

pub(in crate::i18n) fn pin_tries_left(n: u8) -> String {
    if n == 1 {
        "Resta 1 tentativa".into()
    } else {
        format!("Restam {n} tentativas")
    }
}

pub(in crate::i18n) fn number_tries_left(n: u8) -> String {
    format!("O número de verificação B está errado. Restam {n} tentativas.")
}

pub(in crate::i18n) fn face_attempts_left(n: u32) -> String {
    if n == 1 {
        "Mais 1 tentativa de reconhecimento facial".into()
    } else {
        format!("Mais {n} tentativas de reconhecimento facial")
    }
}

pub(in crate::i18n) fn question(q: Question, offer: &ConsentOffer) -> (&'static str, &'static str) {
    match q {
        Question::DrugAndDiagnosis => match (offer.drug, offer.diagnosis) {
            (true, true) => (
                "Os médicos e farmacêuticos podem ver o seu histórico de tratamentos e medicamentos?",
                "Isso ajuda a oferecer um atendimento melhor.",
            ),
            (false, true) => (
                "Os médicos podem ver o seu histórico de tratamentos?",
                "Isso ajuda a oferecer um atendimento melhor.",
            ),
            _ => (
                "Os médicos e farmacêuticos podem ver o seu histórico de medicamentos?",
                "Isso ajuda a oferecer um atendimento melhor.",
            ),
        },
        Question::Checkup => (
            "Os médicos podem ver os resultados dos seus exames de saúde anteriores?",
            "Isso ajuda a oferecer um atendimento melhor.",
        ),
        Question::Surgery => (
            "Os médicos podem ver o seu histórico de cirurgias?",
            "Isso ajuda a oferecer um atendimento melhor.",
        ),
        Question::Limit => (
            "Você fornece a informação do teto de despesas médicas?",
            "Quando as despesas médicas forem altas, você paga no balcão só até o teto.",
        ),
        Question::Comprehensive => (
            "Você concorda que médicos e farmacêuticos vejam os seus registros anteriores de tratamentos, remédios e cirurgias?",
            "Uma só resposta para tratamentos, remédios e cirurgias. Isso ajuda a cuidar melhor de você.",
        ),
    }
}

pub(in crate::i18n) fn trouble_patient(t: &Trouble) -> String {
    let s = match t {
        Trouble::CardPulled => "O cartão foi retirado e o check-in parou. Coloque-o novamente.",
        Trouble::Card(CardTrouble::NotMyNumberCard) => {
            "Não conseguimos ler um cartão My Number. Verifique a posição e coloque-o novamente."
        }
        Trouble::Card(CardTrouble::CertificateExpired) => {
            "O certificado do cartão venceu. Renove-o na prefeitura e fale com o atendente."
        }
        Trouble::Card(CardTrouble::Removed | CardTrouble::Reset) => {
            "Não conseguimos ler o cartão. Coloque-o novamente."
        }
        Trouble::Card(_) => "Não conseguimos ler o cartão. Fale com o atendente.",
        Trouble::PinLocked => "A senha está bloqueada e o check-in parou. Fale com o atendente.",
        Trouble::FaceFailed => {
            "O reconhecimento facial não deu certo e o check-in parou. Fale com o atendente."
        }
        Trouble::Face(_) => {
            "O reconhecimento facial não está disponível e o check-in parou. Fale com o atendente."
        }
        Trouble::TimedOut => "O tempo acabou e o check-in parou. Coloque o cartão novamente.",
        Trouble::CancelledByPatient => "Você parou o check-in.",
        Trouble::CancelledByClerk => "O atendente parou o check-in.",
        Trouble::Centre(_) => {
            "Não conseguimos verificar o seu seguro de saúde. Fale com o atendente."
        }
        Trouble::NotRegistered => {
            "Este cartão não está registrado como cartão do seguro de saúde. Fale com o atendente."
        }
    };
    s.to_string()
}

pub(in crate::i18n) fn trouble_clerk(t: &Trouble) -> String {
    match t {
        Trouble::CardPulled => "O cartão foi retirado durante a verificação.".into(),
        Trouble::Card(c) => card_trouble(c),
        Trouble::PinLocked => {
            "A senha está bloqueada e nenhuma outra forma foi escolhida: use o modo de conferência visual ou oriente o paciente a desbloqueá-la na prefeitura.".into()
        }
        Trouble::FaceFailed => {
            "O reconhecimento facial falhou o número de vezes permitido: use o modo de conferência visual.".into()
        }
        Trouble::Face(f) => face_trouble(f).into(),
        Trouble::TimedOut => "Uma tela esperou demais; a recepção terminou.".into(),
        Trouble::CancelledByPatient => "O paciente apertou Parar.".into(),
        Trouble::CancelledByClerk => "O atendente cancelou a recepção.".into(),
        Trouble::Centre(c) => super::centre::centre_trouble(c),
        Trouble::NotRegistered => {
            "O cartão não está registrado para uso como seguro e o paciente recusou: confira pelos números do cartão do seguro.".into()
        }
    }
}

pub(in crate::i18n) fn card_trouble(t: &CardTrouble) -> String {
    match t {
        CardTrouble::Removed => "O cartão foi retirado durante a leitura.".into(),
        CardTrouble::Reset => "O cartão foi reiniciado: coloque-o novamente.".into(),
        CardTrouble::NotMyNumberCard => "Não é um cartão My Number, ou foi colocado na posição errada.".into(),
        CardTrouble::UnsupportedToken => {
            "Este tipo de cartão (smartphone, antigo cartão Juki) não é aceito aqui.".into()
        }
        CardTrouble::CertificateExpired => {
            "O certificado de usuário venceu: o paciente precisa renová-lo na prefeitura.".into()
        }
        CardTrouble::CertificateInvalid => {
            "O certificado não é um certificado JPKI válido.".into()
        }
        CardTrouble::TerminalRejected => {
            "O cartão recusou o certificado deste terminal: verifique as configurações do terminal.".into()
        }
        CardTrouble::WrongVerificationNumber { tries_left } => number_tries_left(*tries_left),
        CardTrouble::VerificationNumberLocked => {
            "O número de verificação B está bloqueado: o reconhecimento facial não pode ser usado.".into()
        }
        CardTrouble::CardFaceInvalid => {
            "Os dados da face do cartão falharam na verificação da assinatura: o cartão pode estar falsificado ou danificado."
                .into()
        }
        CardTrouble::ReaderGone => {
            "O leitor de cartão desconectou: verifique o cabo e o serviço de cartão inteligente.".into()
        }
        CardTrouble::Failed => "A leitura do cartão falhou: coloque-o novamente.".into(),
    }
}

pub(in crate::i18n) fn face_trouble(t: &FaceTrouble) -> &'static str {
    match t {
        FaceTrouble::Camera => "A câmera não pode ser usada: verifique a conexão.",
        FaceTrouble::Models => {
            "Os modelos faciais estão faltando ou foram alterados: execute a configuração de novo."
        }
        FaceTrouble::Photo => "Não foi possível ler a foto do cartão.",
        FaceTrouble::NumberLocked => {
            "O número de verificação B está bloqueado, então a foto do cartão não pode ser lida."
        }
        FaceTrouble::CardFaceInvalid => {
            "A assinatura da face do cartão não confere, então a foto não pode ser usada: confirme com a senha ou visualmente."
        }
    }
}

pub(in crate::i18n) fn reader_status(r: &ReaderStatus) -> String {
    match r {
        ReaderStatus::Starting => "iniciando".into(),
        ReaderStatus::Ready { name } => format!("pronto ({name})"),
        ReaderStatus::NoReader => "nenhum leitor de cartão conectado".into(),
        ReaderStatus::ServiceDown => {
            "o serviço de cartão inteligente (pcscd) não está rodando".into()
        }
    }
}

pub(in crate::i18n) fn stage_clerk(s: &Stage) -> String {
    match s {
        Stage::Waiting { .. } => "aguardando um cartão".into(),
        Stage::Reading => "lendo o cartão".into(),
        Stage::ChooseMethod { .. } => "escolhendo como confirmar a identidade".into(),
        Stage::Pin { tries_left, .. } => {
            format!("digitando a senha (restam {tries_left} tentativas)")
        }
        Stage::PinLastTry { .. } => "senha: confirmando a última tentativa".into(),
        Stage::PinChecking => "o cartão está verificando a senha".into(),
        Stage::PinLocked { .. } => "a senha está bloqueada".into(),
        Stage::FaceNumber {
            front: FrontReading::Reading { .. },
            ..
        } => "rosto: lendo o número de verificação B na frente do cartão (ou digite-o)".into(),
        Stage::FaceNumber { .. } => "rosto: aguardando o número de verificação B".into(),
        Stage::FacePhoto => "rosto: lendo a foto do cartão".into(),
        Stage::FaceLive { .. } => "reconhecimento facial em andamento".into(),
        Stage::FaceFailed { .. } => "o reconhecimento facial falhou".into(),
        Stage::FaceUnavailable { .. } => "reconhecimento facial indisponível".into(),
        Stage::Visual => "conferência visual: aguardando o atendente".into(),
        Stage::Confirming => "assinando com o cartão".into(),
        Stage::Consent { question } => format!(
            "respondendo ao consentimento ({})",
            question_short(*question)
        ),
        Stage::RegisterOffer => "decidindo sobre o registro do cartão".into(),
        Stage::RegisterDetails => "registro: aguardando os números do cartão do seguro".into(),
        Stage::Querying => "consultando a elegibilidade".into(),
        Stage::Prescription => "escolhendo receita eletrônica ou em papel".into(),
        Stage::PaperConsent { .. } => "termo em papel: aguardando o que o paciente assinou".into(),
        Stage::TakeCard { .. } => "aguardando a retirada do cartão".into(),
    }
}

pub(in crate::i18n) fn question_short(q: Question) -> &'static str {
    match q {
        Question::DrugAndDiagnosis => "tratamento / medicamentos",
        Question::Checkup => "exames de saúde",
        Question::Surgery => "cirurgia",
        Question::Limit => "informação do teto",
        Question::Comprehensive => "consentimento geral (remédios, tratamentos, cirurgias)",
    }
}

pub(in crate::i18n) fn method(m: Method) -> &'static str {
    match m {
        Method::Pin => "Senha (PIN)",
        Method::Face => "reconhecimento facial",
        Method::Visual => "conferência visual",
    }
}

pub(in crate::i18n) fn log_entry(e: &LogEntry) -> String {
    match e {
        LogEntry::CardInserted => "cartão colocado".into(),
        LogEntry::CardRead => "cartão lido".into(),
        LogEntry::CardRemoved => "cartão retirado".into(),
        LogEntry::RegistrationNeedsNumbers => "Os registros da seguradora não encontraram o titular: digite os números do cartão do seguro".into(),
        LogEntry::CardLeftBehind => "Cartão deixado no leitor após o atendimento".into(),
        LogEntry::LimitWithoutScreen => "informação do limite: fornecida sem tela (a central a fornece)".into(),
        LogEntry::PrescriptionChosen(f) => {
            format!("receita: {}", super::centre::prescription_issue(&f.wire()))
        }
        LogEntry::PaperConsentRecorded => "termo em papel assinado registrado".into(),
        LogEntry::FaceLocked => "o reconhecimento facial falhou vezes demais: indisponível neste atendimento (use a senha ou a confirmação visual)".into(),
        LogEntry::MethodChosen(m) => format!("confirmação de identidade: {}", method(*m)),
        LogEntry::PinWrong { tries_left } => {
            format!("senha errada (restam {tries_left} tentativas)")
        }
        LogEntry::PinLocked => "senha bloqueada".into(),
        LogEntry::PinVerified => "senha confirmada".into(),
        LogEntry::FrontCertain => "número de verificação B lido da frente do cartão".into(),
        LogEntry::FrontRefused { tries_left } => format!(
            "o cartão recusou o número lido da frente (restam {tries_left} tentativas): digite-o"
        ),
        LogEntry::FrontUnavailable => {
            "não é possível ler a frente do cartão: digite o número de verificação B".into()
        }
        LogEntry::FaceStarted => "reconhecimento facial iniciado".into(),
        LogEntry::FaceAttempt {
            outcome,
            attempts_left,
        } => format!(
            "tentativa facial falhou: {} (restam {attempts_left})",
            super::face::face_outcome(*outcome)
        ),
        LogEntry::FaceMatched => "o rosto confere com a foto do cartão".into(),
        LogEntry::VisualConfirmed => "o atendente confirmou a identidade visualmente".into(),
        LogEntry::Signed => "o cartão assinou".into(),
        LogEntry::ConsentAnswered(q, yes) => format!(
            "{}: {}",
            question_short(*q),
            if *yes { "sim" } else { "não" }
        ),
        LogEntry::RegistrationAsked => "registro do cartão oferecido".into(),
        LogEntry::Registered => "cartão registrado".into(),
        LogEntry::Querying => "consultando a elegibilidade".into(),
        LogEntry::ResultShown => "resultado recebido".into(),
        LogEntry::Ended(t) => format!("encerrado: {}", trouble_clerk(t)),
        LogEntry::StaleAnswerDropped => "descartada a resposta de uma recepção já encerrada".into(),
    }
}

pub(in crate::i18n) fn ratio(pct: u32) -> String {
    format!("{pct} %")
}

pub(in crate::i18n) fn consent_answer(
    limit: bool,
    answer: Option<bool>,
    until: Option<&str>,
) -> String {
    match (answer, until) {
        (Some(true), Some(u)) if !limit => format!("dado (até {u})"),
        (Some(true), _) if !limit => "dado".into(),
        (Some(true), _) => "fornecido".into(),
        (Some(false), _) if limit => "não fornecido".into(),
        (Some(false), _) => "recusado".into(),
        (None, _) => "não perguntado".into(),
    }
}

pub(in crate::i18n) fn number_format() -> &'static str {
    "O número de verificação B está no formato errado: digite 14 dígitos, ou a data de nascimento (8 dígitos), o ano de validade (4 dígitos) e o código de segurança (4 dígitos)."
}

/// "label: value" with the language's colon.
pub(in crate::i18n) fn labelled(label: &str, value: &str) -> String {
    format!("{label}: {value}")
}

pub(in crate::i18n) fn paper_error(e: &crate::paper::PaperError) -> String {
    use crate::paper::PaperError;
    match e {
        PaperError::Font => {
            "Não foi possível carregar a fonte do termo: execute a instalação de novo.".into()
        }
        PaperError::MissingGlyphs { count } => {
            format!("{count} caractere(s) do termo não estão na fonte: confira a grafia do nome.")
        }
        PaperError::Write { folder, source } => format!(
            "Não foi possível salvar o termo ({}: {source}): confira o espaço livre e as permissões.",
            folder.display()
        ),
    }
}

pub(in crate::i18n) fn face_failures(n: u32, max: u32) -> String {
    format!("reconhecimento facial falhou {n}/{max}")
}
