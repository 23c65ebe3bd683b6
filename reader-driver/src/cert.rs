//! Facts about the 利用者証明用電子証明書 that the desk may show and check: serial, issuer,
//! validity, whether it chains to a configured JPKI CA, and whether it expires within three
//! months (so the clerk can tell the patient to renew). The auth certificate's subject is
//! opaque by design (no name, address or birth date), so these facts are not personal data.

use time::{Date, Month, OffsetDateTime};
use x509_parser::prelude::{FromDer, X509Certificate};

#[derive(Debug, thiserror::Error, Clone, PartialEq, Eq)]
pub enum CertError {
    #[error(
        "the certificate on the card cannot be read: ask the holder to have the card checked at the city office"
    )]
    Unreadable,
    #[error(
        "the certificate was not issued by a configured JPKI CA: check the CA setting, or the card is not genuine"
    )]
    UnknownIssuer,
    #[error(
        "the certificate's signature does not verify against its CA: the card may not be genuine"
    )]
    BadSignature,
    #[error(
        "the electronic certificate expired on {0}: the holder must renew it at the city office"
    )]
    Expired(Date),
    #[error("the electronic certificate is not valid before {0}")]
    NotYetValid(Date),
}

/// The owned facts of one certificate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertificateInfo {
    /// Serial number, upper-case hex without separators.
    pub serial: String,
    pub issuer: String,
    pub not_before: OffsetDateTime,
    pub not_after: OffsetDateTime,
}

impl CertificateInfo {
    pub fn parse(der: &[u8]) -> Result<Self, CertError> {
        let (_, c) = X509Certificate::from_der(der).map_err(|_| CertError::Unreadable)?;
        Ok(CertificateInfo {
            serial: hex_upper(c.raw_serial()),
            issuer: c.issuer().to_string(),
            not_before: c.validity().not_before.to_datetime(),
            not_after: c.validity().not_after.to_datetime(),
        })
    }

    /// Valid at `now`, or why not.
    pub fn check_validity(&self, now: OffsetDateTime) -> Result<(), CertError> {
        if now < self.not_before {
            return Err(CertError::NotYetValid(self.not_before.date()));
        }
        if now > self.not_after {
            return Err(CertError::Expired(self.not_after.date()));
        }
        Ok(())
    }

    /// True when the certificate is still valid but ends within three calendar months of `now`.
    pub fn expires_within_three_months(&self, now: OffsetDateTime) -> bool {
        now <= self.not_after && self.not_after.date() <= add_months(now.date(), 3)
    }
}

/// Checks that `cert_der` is signed by one of `ca_ders` and that both are valid at `now`.
pub fn check_chain(
    cert_der: &[u8],
    ca_ders: &[Vec<u8>],
    now: OffsetDateTime,
) -> Result<(), CertError> {
    let (_, cert) = X509Certificate::from_der(cert_der).map_err(|_| CertError::Unreadable)?;
    let mut issuer_known = false;
    for ca_der in ca_ders {
        let Ok((_, ca)) = X509Certificate::from_der(ca_der) else {
            continue;
        };
        if ca.subject() != cert.issuer() {
            continue;
        }
        issuer_known = true;
        if cert.verify_signature(Some(ca.public_key())).is_ok() {
            CertificateInfo::parse(ca_der)?.check_validity(now)?;
            return CertificateInfo::parse(cert_der)?.check_validity(now);
        }
    }
    Err(if issuer_known {
        CertError::BadSignature
    } else {
        CertError::UnknownIssuer
    })
}

fn hex_upper(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02X}")).collect()
}

/// `d` plus `n` calendar months, the day clamped to the target month's length.
fn add_months(d: Date, n: u8) -> Date {
    let m0 = u8::from(d.month()) - 1 + n;
    let year = d.year() + (m0 / 12) as i32;
    let month = Month::try_from(m0 % 12 + 1).expect("1..=12");
    let last = time::util::days_in_month(month, year);
    Date::from_calendar_date(year, month, d.day().min(last)).expect("clamped")
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime};

    #[test]
    fn months_are_calendar_months() {
        assert_eq!(add_months(date!(2026 - 11 - 30), 3), date!(2027 - 02 - 28));
        assert_eq!(add_months(date!(2026 - 01 - 15), 3), date!(2026 - 04 - 15));
    }

    fn info(nb: OffsetDateTime, na: OffsetDateTime) -> CertificateInfo {
        CertificateInfo {
            serial: "01".into(),
            issuer: "CN=x".into(),
            not_before: nb,
            not_after: na,
        }
    }

    #[test]
    fn validity_and_renewal_warning() {
        let c = info(
            datetime!(2025-04-01 0:00 UTC),
            datetime!(2027-01-31 23:59 UTC),
        );
        let now = datetime!(2026-11-23 12:00 UTC);
        assert_eq!(c.check_validity(now), Ok(()));
        assert!(c.expires_within_three_months(now));
        assert!(!c.expires_within_three_months(datetime!(2026-10-01 12:00 UTC)));
        assert_eq!(
            c.check_validity(datetime!(2027-02-01 0:00 UTC)),
            Err(CertError::Expired(date!(2027 - 01 - 31)))
        );
        assert!(!c.expires_within_three_months(datetime!(2027-02-01 0:00 UTC)));
        assert_eq!(
            c.check_validity(datetime!(2025-01-01 0:00 UTC)),
            Err(CertError::NotYetValid(date!(2025 - 04 - 01)))
        );
    }
}
