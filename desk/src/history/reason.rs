//! The reason code stored beside a check's 有効 / 無効 / エラー: why a check was not plainly
//! 有効, as one enum instead of bare strings in the writers and the readers of the history
//! (the history tab, `onshi history`, the 一括照会 rows). The strings are what the database
//! and `onshi history --json` already hold, so they never change: a code is written by
//! [`Reason::code`] and read back by [`Reason::from_code`], and a test walks every variant
//! through both.

use crate::flow::CentreTrouble;
use eligibility::ClientError;
use eligibility::codes::ReasonOfLoss;

/// The code of [`Reason::NewQualification`], for readers that match a stored string.
pub const NEW_QUALIFICATION: &str = "new-qualification";

/// The code of [`Reason::Unregistered`], for readers that match a stored string.
pub const UNREGISTERED: &str = "unregistered";

/// Why a check came out as it did, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// 有効（未登録） (資格有効性 6, 医療扶助 only): the 福祉事務所 has not registered the
    /// 医療券 yet (「未委託・未登録」).
    Unregistered,
    /// 無効（新しい資格あり） (資格有効性 3): the card typed, or the qualification found, is an
    /// old one and a newer qualification exists.
    NewQualification,
    /// 無効 with the centre's 資格喪失事由 (`loss-01`, ...).
    Loss(ReasonOfLoss),
    /// 無効 without a 資格喪失事由.
    Invalid,
    /// 該当資格なし (counted as 無効).
    NotFound,
    /// 複数該当 (counted as エラー).
    Multiple,
    /// The centre answered an error without a code.
    CentreError,
    /// The centre answered an error with this code (e.g. `SIM-E0201`) or refused the request.
    Centre(String),
    /// The client refused the request before sending it (a typed number is wrong).
    InvalidInput,
    Unreachable,
    TimedOut,
    /// TLS refused: the client certificate or the centre CA.
    TlsRefused,
    /// The centre answered this HTTP status.
    Http(u16),
    /// The centre is down for a while (a reception visit's trouble, no status kept).
    Unavailable,
    Malformed,
    Config,
    BatchSize,
    BatchPending,
    BatchKey,
    ReplyTooLarge,
}

/// The variants without a value, for the round trip test and for [`Reason::from_code`].
const FIXED: [Reason; 17] = [
    Reason::Unregistered,
    Reason::NewQualification,
    Reason::Invalid,
    Reason::NotFound,
    Reason::Multiple,
    Reason::CentreError,
    Reason::InvalidInput,
    Reason::Unreachable,
    Reason::TimedOut,
    Reason::TlsRefused,
    Reason::Unavailable,
    Reason::Malformed,
    Reason::Config,
    Reason::BatchSize,
    Reason::BatchPending,
    Reason::BatchKey,
    Reason::ReplyTooLarge,
];

impl Reason {
    /// The stored code.
    pub fn code(&self) -> String {
        let fixed = match self {
            Reason::Loss(r) => return format!("loss-{}", r.code()),
            Reason::Http(status) => return format!("http-{status}"),
            Reason::Centre(code) => return code.clone(),
            Reason::Unregistered => UNREGISTERED,
            Reason::NewQualification => NEW_QUALIFICATION,
            Reason::Invalid => "invalid",
            Reason::NotFound => "not-found",
            Reason::Multiple => "multiple",
            Reason::CentreError => "centre-error",
            Reason::InvalidInput => "invalid-input",
            Reason::Unreachable => "unreachable",
            Reason::TimedOut => "timed-out",
            Reason::TlsRefused => "tls-refused",
            Reason::Unavailable => "unavailable",
            Reason::Malformed => "malformed",
            Reason::Config => "config",
            Reason::BatchSize => "batch-size",
            Reason::BatchPending => "batch-pending",
            Reason::BatchKey => "batch-key",
            Reason::ReplyTooLarge => "reply-too-large",
        };
        fixed.to_string()
    }

    /// The reason of a stored code; a code the desk does not write itself is the centre's.
    pub fn from_code(code: &str) -> Reason {
        if let Some(r) = FIXED.iter().find(|r| r.code() == code) {
            return r.clone();
        }
        if let Some(loss) = code.strip_prefix("loss-") {
            return Reason::Loss(ReasonOfLoss::from_code(loss));
        }
        if let Some(status) = code.strip_prefix("http-").and_then(|s| s.parse().ok()) {
            return Reason::Http(status);
        }
        Reason::Centre(code.to_string())
    }

    /// The reason of a client error (an エラー the centre did not answer).
    pub fn of_client_error(e: &ClientError) -> Reason {
        match e {
            ClientError::InvalidInput(_) => Reason::InvalidInput,
            ClientError::Unreachable { .. } => Reason::Unreachable,
            ClientError::TimedOut => Reason::TimedOut,
            ClientError::TlsRefused { .. } => Reason::TlsRefused,
            ClientError::Rejected { code, .. } => Reason::Centre(code.clone()),
            ClientError::Unavailable { status } => Reason::Http(*status),
            ClientError::Malformed { .. } => Reason::Malformed,
            ClientError::Config { .. } => Reason::Config,
            ClientError::BatchSize { .. } => Reason::BatchSize,
            ClientError::BatchPending { .. } => Reason::BatchPending,
            ClientError::BadBatchKey { .. } => Reason::BatchKey,
            ClientError::ReplyTooLarge { .. } => Reason::ReplyTooLarge,
        }
    }

    /// The reason of a reception visit's centre trouble (the centre's message, if any, is
    /// stored beside it).
    pub fn of_trouble(t: &CentreTrouble) -> Reason {
        match t {
            CentreTrouble::Unreachable => Reason::Unreachable,
            CentreTrouble::TimedOut => Reason::TimedOut,
            CentreTrouble::Certificate => Reason::TlsRefused,
            CentreTrouble::Unavailable => Reason::Unavailable,
            CentreTrouble::Malformed => Reason::Malformed,
            CentreTrouble::Rejected { code, .. } => Reason::Centre(code.clone()),
            CentreTrouble::Config => Reason::Config,
        }
    }

    /// The centre trouble a stored エラー stands for, when it is one the desk words itself
    /// (a screen shows it as the reception console would); `None` for the centre's own codes
    /// and for reasons that are not a failure to reach the centre.
    pub fn centre_trouble(&self) -> Option<CentreTrouble> {
        Some(match self {
            Reason::Unreachable => CentreTrouble::Unreachable,
            Reason::TimedOut => CentreTrouble::TimedOut,
            Reason::TlsRefused => CentreTrouble::Certificate,
            Reason::Unavailable | Reason::Http(_) => CentreTrouble::Unavailable,
            Reason::Malformed => CentreTrouble::Malformed,
            Reason::Config => CentreTrouble::Config,
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_reads_back_as_the_same_reason() {
        let valued = [
            Reason::Loss(ReasonOfLoss::Death),
            Reason::Loss(ReasonOfLoss::OtherInsurance),
            Reason::Loss(ReasonOfLoss::Unknown("42".into())),
            Reason::Http(503),
            Reason::Centre("SIM-E0201".into()),
        ];
        let all: Vec<Reason> = FIXED.into_iter().chain(valued).collect();
        for r in &all {
            let code = r.code();
            assert!(!code.is_empty(), "{r:?} has no code");
            assert_eq!(&Reason::from_code(&code), r, "{r:?} → {code}");
        }
        // Every fixed code is written once: no two variants share a string.
        let mut codes: Vec<String> = all.iter().map(Reason::code).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), all.len());
    }

    #[test]
    fn the_stored_strings_stay_what_the_database_holds() {
        assert_eq!(Reason::NotFound.code(), "not-found");
        assert_eq!(Reason::Multiple.code(), "multiple");
        assert_eq!(Reason::Loss(ReasonOfLoss::Death).code(), "loss-01");
        assert_eq!(Reason::Http(502).code(), "http-502");
        assert_eq!(Reason::NewQualification.code(), "new-qualification");
        assert_eq!(Reason::Unregistered.code(), "unregistered");
        assert_eq!(
            Reason::from_code("SIM-E0003"),
            Reason::Centre("SIM-E0003".into())
        );
    }

    #[test]
    fn a_reception_trouble_reads_back_as_the_same_trouble() {
        for t in [
            CentreTrouble::Unreachable,
            CentreTrouble::TimedOut,
            CentreTrouble::Certificate,
            CentreTrouble::Unavailable,
            CentreTrouble::Malformed,
            CentreTrouble::Config,
        ] {
            let stored = Reason::of_trouble(&t).code();
            assert_eq!(Reason::from_code(&stored).centre_trouble(), Some(t));
        }
        // The centre's own refusal is shown with its code and message, not as a trouble.
        let refused = CentreTrouble::Rejected {
            code: "SIM-E0201".into(),
            message: "m".into(),
        };
        assert_eq!(Reason::of_trouble(&refused).centre_trouble(), None);
        assert_eq!(
            Reason::from_code("http-503").centre_trouble(),
            Some(CentreTrouble::Unavailable)
        );
    }
}
