//! What can go wrong starting or running the centre simulator, each variant saying what the
//! person running it can do. The binaries wrap it in `anyhow`; the library never does.

use std::net::SocketAddr;
use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum CentreError {
    #[error(
        "the centre database failed ({0}): check the state dir's disk space and permissions, or delete centre.sqlite to reseed"
    )]
    Db(#[from] rusqlite::Error),
    #[error("cannot read or write {path} ({source}): check that it exists and is writable")]
    File {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("I/O failed ({0}): check the state dir and the listen address")]
    Io(#[from] std::io::Error),
    #[error("the seed under assets/sim is wrong ({detail}): fix that file")]
    Seed { detail: String },
    #[error(
        "the centre's test PKI failed ({detail}): delete centre-ca.pem and centre-ca.key in the state dir to make a new CA"
    )]
    Pki { detail: String },
    #[error(
        "the test JPKI files are unusable ({detail}): regenerate assets/pki (cargo xtask pki) and start again"
    )]
    Jpki { detail: String },
    #[error("a configured identifier is refused ({0}): fix it in the simulator's settings")]
    Id(#[from] eligibility::IdError),
    #[error("cannot listen on {addr} ({source}): choose another address or stop what uses it")]
    Listen {
        addr: SocketAddr,
        source: std::io::Error,
    },
    #[error("a reply could not be written ({0}): report this as a simulator bug")]
    Xml(#[from] eligibility::xml::XmlError),
    #[error(
        "fault '{key}': {detail}; give key=value with latency_ms (ms), error_rate, malformed_rate, drop_rate, drop_after_rate, person_error_rate or batch_fail_rate (0.0 to 1.0)"
    )]
    Fault { key: String, detail: String },
    #[error("the 一括照会 was failed on purpose (the batch_fail_rate fault)")]
    BatchFault,
    #[error("disaster activation: {detail}")]
    Disaster { detail: String },
    #[error("the centre's runtime stopped before listening: see the log lines above")]
    Stopped,
    #[error("processing a 一括照会 panicked: report this as a simulator bug")]
    BatchPanicked,
}

impl CentreError {
    pub(crate) fn file(path: impl Into<PathBuf>) -> impl FnOnce(std::io::Error) -> CentreError {
        let path = path.into();
        move |source| CentreError::File { path, source }
    }
    pub(crate) fn seed(detail: impl std::fmt::Display) -> CentreError {
        CentreError::Seed {
            detail: detail.to_string(),
        }
    }
    pub(crate) fn pki(detail: impl std::fmt::Display) -> CentreError {
        CentreError::Pki {
            detail: detail.to_string(),
        }
    }
}

impl From<rcgen::Error> for CentreError {
    fn from(e: rcgen::Error) -> Self {
        CentreError::pki(e)
    }
}

impl From<rustls::Error> for CentreError {
    fn from(e: rustls::Error) -> Self {
        CentreError::pki(e)
    }
}

impl From<rustls_pki_types::pem::Error> for CentreError {
    fn from(e: rustls_pki_types::pem::Error) -> Self {
        CentreError::pki(e)
    }
}

impl From<rustls::server::VerifierBuilderError> for CentreError {
    fn from(e: rustls::server::VerifierBuilderError) -> Self {
        CentreError::pki(e)
    }
}

pub type Result<T, E = CentreError> = std::result::Result<T, E>;
