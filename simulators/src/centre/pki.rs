//! The simulator's own institution PKI (rcgen): a CA kept in the state dir, the HTTPS server
//! certificate for localhost / 127.0.0.1, and one client certificate per 医療機関 whose CN is its
//! 医療機関コード. The CA is made once and reused, so certificates issued earlier stay valid
//! across restarts.

use super::error::{CentreError, Result};
use rcgen::{
    BasicConstraints, CertificateParams, DistinguishedName, DnType, ExtendedKeyUsagePurpose, IsCa,
    KeyPair, KeyUsagePurpose,
};
use std::path::{Path, PathBuf};

pub const CA_FILE: &str = "centre-ca.pem";
const CA_KEY_FILE: &str = "centre-ca.key";

/// Paths of a client certificate and key (PEM).
#[derive(Debug, Clone)]
pub struct ClientFiles {
    pub cert: PathBuf,
    pub key: PathBuf,
}

fn ca_params() -> Result<CertificateParams> {
    let mut p = CertificateParams::new(Vec::<String>::new())?;
    let mut dn = DistinguishedName::new();
    dn.push(DnType::CountryName, "JP");
    dn.push(DnType::OrganizationName, "Onshi Desk central-sim TEST");
    dn.push(DnType::CommonName, "central-sim institution CA (TEST ONLY)");
    p.distinguished_name = dn;
    p.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    p.key_usages = vec![
        KeyUsagePurpose::KeyCertSign,
        KeyUsagePurpose::CrlSign,
        KeyUsagePurpose::DigitalSignature,
    ];
    Ok(p)
}

/// The CA of the state dir (made on first use).
pub struct Ca {
    cert: rcgen::Certificate,
    key: KeyPair,
    pub pem_path: PathBuf,
}

impl Ca {
    pub fn open_or_create(state_dir: &Path) -> Result<Ca> {
        std::fs::create_dir_all(state_dir).map_err(CentreError::file(state_dir))?;
        let key_path = state_dir.join(CA_KEY_FILE);
        let pem_path = state_dir.join(CA_FILE);
        if key_path.exists() && pem_path.exists() {
            let key = KeyPair::from_pem(
                &std::fs::read_to_string(&key_path).map_err(CentreError::file(&key_path))?,
            )?;
            // Same DN and key as the file on disk: what it signs chains to that file.
            let cert = ca_params()?.self_signed(&key)?;
            return Ok(Ca {
                cert,
                key,
                pem_path,
            });
        }
        let key = KeyPair::generate()?;
        let cert = ca_params()?.self_signed(&key)?;
        write_key(&key_path, &key.serialize_pem()).map_err(CentreError::file(&key_path))?;
        std::fs::write(&pem_path, cert.pem()).map_err(CentreError::file(&pem_path))?;
        Ok(Ca {
            cert,
            key,
            pem_path,
        })
    }

    /// DER of the CA certificate as written to disk.
    pub fn der_on_disk(&self) -> Result<Vec<u8>> {
        use rustls_pki_types::CertificateDer;
        use rustls_pki_types::pem::PemObject;
        Ok(CertificateDer::from_pem_file(&self.pem_path)?.to_vec())
    }

    /// Server certificate for 127.0.0.1 / localhost: (cert DER, key PKCS#8 DER).
    pub fn issue_server(&self) -> Result<(Vec<u8>, Vec<u8>)> {
        let mut p = CertificateParams::new(vec!["localhost".to_string(), "127.0.0.1".to_string()])?;
        p.distinguished_name
            .push(DnType::CommonName, "central-sim (TEST)");
        p.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
        let key = KeyPair::generate()?;
        let cert = p.signed_by(&key, &self.cert, &self.key)?;
        Ok((cert.der().to_vec(), key.serialize_der()))
    }

    /// Client certificate for an institution, written as `clients/<code>.pem` / `.key`.
    pub fn issue_client(&self, state_dir: &Path, code: &str, name: &str) -> Result<ClientFiles> {
        let dir = state_dir.join("clients");
        std::fs::create_dir_all(&dir).map_err(CentreError::file(&dir))?;
        let mut p = CertificateParams::new(Vec::<String>::new())?;
        let mut dn = DistinguishedName::new();
        dn.push(DnType::CountryName, "JP");
        dn.push(DnType::OrganizationName, name);
        dn.push(DnType::CommonName, code);
        p.distinguished_name = dn;
        p.extended_key_usages = vec![ExtendedKeyUsagePurpose::ClientAuth];
        p.key_usages = vec![KeyUsagePurpose::DigitalSignature];
        let key = KeyPair::generate()?;
        let cert = p.signed_by(&key, &self.cert, &self.key)?;
        let files = ClientFiles {
            cert: dir.join(format!("{code}.pem")),
            key: dir.join(format!("{code}.key")),
        };
        std::fs::write(&files.cert, cert.pem()).map_err(CentreError::file(&files.cert))?;
        // The clinic's private key: the desk refuses one that other accounts can read.
        write_key(&files.key, &key.serialize_pem()).map_err(CentreError::file(&files.key))?;
        Ok(files)
    }
}

/// Writes a private key file readable by its owner only (0600, also when it existed).
fn write_key(path: &Path, pem: &str) -> std::io::Result<()> {
    use std::io::Write as _;
    use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(path)?;
    f.set_permissions(std::fs::Permissions::from_mode(0o600))?;
    f.write_all(pem.as_bytes())
}

/// The 医療機関コード (CN) of a client certificate.
pub fn institution_of(cert_der: &[u8]) -> Option<String> {
    use x509_parser::prelude::*;
    let (_, c) = X509Certificate::from_der(cert_der).ok()?;
    let cn = c
        .subject()
        .iter_common_name()
        .next()?
        .as_str()
        .ok()?
        .to_string();
    Some(cn)
}
