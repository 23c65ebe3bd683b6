//! Personas: the synthetic card holders of `assets/personas/<id>/`, parsed from `persona.toml`
//! together with their photo, certificates and keys, so that the card model and the tests read
//! the very same bytes.

use std::path::{Path, PathBuf};

use rsa::RsaPrivateKey;
use rsa::pkcs8::DecodePrivateKey;
use serde::Deserialize;

use super::CardSimError;

/// The TOML schema of `persona.toml` (see `assets/personas/README.md`). Debug shows the id
/// only: a simulator is held to the same rule as the desk (no personal data in a log).
#[derive(Clone, Deserialize)]
pub struct PersonaToml {
    pub id: String,
    pub label_ja: String,
    pub label_en: String,
    /// Family and given name separated by U+3000, as printed.
    pub name: String,
    pub kana: String,
    pub birth_date: toml::value::Datetime,
    /// JIS X 0303: 1 male, 2 female, 9 not applicable, 0 unknown.
    pub sex: u8,
    pub address: String,
    pub municipality_code: String,
    pub card_expiry: toml::value::Datetime,
    pub security_code: String,
    pub photo: String,
    pub jpki: JpkiToml,
}

#[derive(Clone, Deserialize)]
pub struct JpkiToml {
    pub token: String,
    pub face_card: bool,
    pub auth_pin: String,
    pub auth_pin_tries_left: u8,
    #[serde(default)]
    pub sign_password: Option<String>,
    #[serde(default)]
    pub sign_password_tries_left: Option<u8>,
}

/// A calendar date (Gregorian).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Date {
    fn from_toml(
        d: &toml::value::Datetime,
        field: &str,
        path: &Path,
    ) -> Result<Self, CardSimError> {
        let date = d.date.ok_or_else(|| CardSimError::PersonaInvalid {
            path: path.to_owned(),
            reason: format!("`{field}` must be a date like 1980-02-17"),
        })?;
        Ok(Date {
            year: date.year,
            month: date.month,
            day: date.day,
        })
    }

    /// `YYYYMMDD`, as DF22 and DF29 hold it.
    pub fn yyyymmdd(&self) -> String {
        format!("{:04}{:02}{:02}", self.year, self.month, self.day)
    }

    /// The Japanese era year (和暦) of this date, e.g. 1980-02-17 → 55 (昭和55年).
    pub fn wareki_year(&self) -> u16 {
        let ymd = (self.year, self.month, self.day);
        let era_start = if ymd >= (2019, 5, 1) {
            2019 // 令和
        } else if ymd >= (1989, 1, 8) {
            1989 // 平成
        } else if ymd >= (1926, 12, 25) {
            1926 // 昭和
        } else if ymd >= (1912, 7, 30) {
            1912 // 大正
        } else {
            1868 // 明治
        };
        self.year - era_start + 1
    }

    /// 和暦 `YYMMDD`: the 生年月日 key of the 券面AP and the first part of 照合番号B.
    pub fn wareki_yymmdd(&self) -> String {
        format!(
            "{:02}{:02}{:02}",
            self.wareki_year() % 100,
            self.month,
            self.day
        )
    }
}

/// One persona, fully loaded. Debug shows the id only.
#[derive(Clone)]
pub struct Persona {
    pub toml: PersonaToml,
    pub dir: PathBuf,
    pub birth_date: Date,
    pub card_expiry: Date,
    /// DF27 content (JP2).
    pub photo: Vec<u8>,
    pub auth_cert_der: Vec<u8>,
    pub auth_key: RsaPrivateKey,
    pub sign_cert_der: Option<Vec<u8>>,
    pub sign_key: Option<RsaPrivateKey>,
}

impl Persona {
    pub fn id(&self) -> &str {
        &self.toml.id
    }

    /// 照合番号B: 和暦 YYMMDD + expiry year + security code (14 ASCII digits).
    pub fn verification_number_b(&self) -> String {
        format!(
            "{}{:04}{}",
            self.birth_date.wareki_yymmdd(),
            self.card_expiry.year,
            self.toml.security_code
        )
    }

    /// 生年月日 key of the 券面AP (EF 0011): 和暦 YYMMDD.
    pub fn birth_key(&self) -> String {
        self.birth_date.wareki_yymmdd()
    }

    /// A synthetic 12-digit 個人番号, derived from the persona id (with a valid check digit) so
    /// that 照合番号A and 入力補助AP EF 0001 hold something. It is test data; still, nothing prints
    /// or logs it, like the real one.
    pub fn synthetic_individual_number(&self) -> String {
        use sha2::{Digest, Sha256};
        let h = Sha256::digest(format!("onshi-desk synthetic number {}", self.toml.id));
        let mut digits: Vec<u32> = h.iter().take(11).map(|b| u32::from(*b) % 10).collect();
        // Check digit of the 個人番号 (総務省令): weights 2..7 then 2..6 from the right.
        let sum: u32 = digits
            .iter()
            .rev()
            .enumerate()
            .map(|(i, d)| {
                let n = i as u32 + 1;
                let q = if n <= 6 { n + 1 } else { n - 5 };
                d * q
            })
            .sum();
        let r = sum % 11;
        digits.push(if r <= 1 { 0 } else { 11 - r });
        digits.iter().map(|d| char::from(b'0' + *d as u8)).collect()
    }
}

fn read(path: &Path) -> Result<Vec<u8>, CardSimError> {
    std::fs::read(path).map_err(|source| CardSimError::Io {
        path: path.to_owned(),
        source,
    })
}

pub(crate) fn read_key(path: &Path) -> Result<RsaPrivateKey, CardSimError> {
    let pem = std::fs::read_to_string(path).map_err(|source| CardSimError::Io {
        path: path.to_owned(),
        source,
    })?;
    RsaPrivateKey::from_pkcs8_pem(&pem).map_err(|e| CardSimError::Key {
        path: path.to_owned(),
        reason: format!("not a PKCS#8 RSA private key ({e})"),
    })
}

/// Loads persona `id` from `personas_dir/<id>/`.
pub fn persona(personas_dir: &Path, id: &str) -> Result<Persona, CardSimError> {
    let dir = personas_dir.join(id);
    let toml_path = dir.join("persona.toml");
    if !toml_path.is_file() {
        return Err(CardSimError::PersonaNotFound {
            id: id.to_owned(),
            dir: personas_dir.to_owned(),
        });
    }
    let text = std::fs::read_to_string(&toml_path).map_err(|source| CardSimError::Io {
        path: toml_path.clone(),
        source,
    })?;
    let toml: PersonaToml = toml::from_str(&text).map_err(|e| CardSimError::PersonaInvalid {
        path: toml_path.clone(),
        reason: e.to_string(),
    })?;
    if toml.id != id {
        return Err(CardSimError::PersonaInvalid {
            path: toml_path,
            reason: format!("id is `{}` but the folder is `{id}`", toml.id),
        });
    }
    let birth_date = Date::from_toml(&toml.birth_date, "birth_date", &toml_path)?;
    let card_expiry = Date::from_toml(&toml.card_expiry, "card_expiry", &toml_path)?;
    if toml.security_code.len() != 4 || !toml.security_code.bytes().all(|b| b.is_ascii_digit()) {
        return Err(CardSimError::PersonaInvalid {
            path: toml_path,
            reason: "security_code must be 4 digits".into(),
        });
    }
    let photo = read(&dir.join(&toml.photo))?;
    let auth_cert_der = read(&dir.join("auth.crt.der"))?;
    let auth_key = read_key(&dir.join("auth.key.pem"))?;
    let sign_crt = dir.join("sign.crt.der");
    let (sign_cert_der, sign_key) = if sign_crt.is_file() && !toml.jpki.face_card {
        (
            Some(read(&sign_crt)?),
            Some(read_key(&dir.join("sign.key.pem"))?),
        )
    } else {
        (None, None)
    };
    Ok(Persona {
        toml,
        dir,
        birth_date,
        card_expiry,
        photo,
        auth_cert_der,
        auth_key,
        sign_cert_der,
        sign_key,
    })
}

/// Ids of every persona folder under `personas_dir`, sorted.
pub fn persona_ids(personas_dir: &Path) -> Result<Vec<String>, CardSimError> {
    let entries = std::fs::read_dir(personas_dir).map_err(|source| CardSimError::Io {
        path: personas_dir.to_owned(),
        source,
    })?;
    let mut ids: Vec<String> = entries
        .filter_map(|e| e.ok())
        .filter(|e| e.path().join("persona.toml").is_file())
        .filter_map(|e| e.file_name().to_str().map(str::to_owned))
        .collect();
    ids.sort();
    Ok(ids)
}

impl std::fmt::Debug for PersonaToml {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PersonaToml {{ id: {:?}, .. }}", self.id)
    }
}

impl std::fmt::Debug for JpkiToml {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "JpkiToml {{ token: {:?}, .. }}", self.token)
    }
}

impl std::fmt::Debug for Persona {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Persona {{ id: {:?}, .. }}", self.toml.id)
    }
}
