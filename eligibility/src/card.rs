//! PROPOSED (simulator): what the card signs for a card-based query. The real exchange between
//! reader and centre is not public, so this module is the ONE place that defines it, for the app,
//! the virtual card's callers and the simulator alike:
//!
//! 1. the app asks the centre for a nonce (`NonceBody::nonce`, base64 of 32 random bytes, single
//!    use, valid 5 minutes, bound to the asking institution);
//! 2. the card signs, with its 利用者証明用 key, PKCS#1 v1.5 over the SHA-256 DigestInfo of the
//!    **decoded nonce bytes** (the 32 raw bytes, nothing else): [`signed_message`] gives those
//!    bytes, [`digest_info`] the 51-byte DigestInfo to hand to the card's COMPUTE DIGITAL
//!    SIGNATURE;
//! 3. the app sends the DER certificate, the nonce as received, the base64 signature, the
//!    mode (PIN / face / visual) and the consents in a `CardQueryBody`.
//!
//! The centre finds the person by the certificate's **serial number + issuer DN** (the PROPOSED
//! lookup key, see `simulators::centre`), after checking the signature, the issuing CA, the
//! validity period and the CA's revocation list.

use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;

/// DER prefix of a SHA-256 DigestInfo (RFC 8017 §9.2 note 1).
pub const SHA256_DIGEST_INFO_PREFIX: [u8; 19] = [
    0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05,
    0x00, 0x04, 0x20,
];

/// A nonce that is not valid base64 of 32 bytes.
#[derive(Debug, thiserror::Error)]
#[error("the centre's nonce is not base64 of 32 bytes: ask the centre for a new one")]
pub struct BadNonce;

/// The bytes the card signs: the decoded nonce.
pub fn signed_message(nonce_b64: &str) -> Result<Vec<u8>, BadNonce> {
    let raw = B64.decode(nonce_b64.trim()).map_err(|_| BadNonce)?;
    if raw.len() != 32 {
        return Err(BadNonce);
    }
    Ok(raw)
}

/// The DigestInfo (prefix + SHA-256 of [`signed_message`]) the card must sign (51 bytes).
pub fn digest_info(nonce_b64: &str) -> Result<Vec<u8>, BadNonce> {
    use sha2::Digest;
    let msg = signed_message(nonce_b64)?;
    let mut out = SHA256_DIGEST_INFO_PREFIX.to_vec();
    out.extend_from_slice(&sha2::Sha256::digest(&msg));
    Ok(out)
}

/// Base64 as used in `UserCertificate` and `Signature`.
pub fn b64(bytes: &[u8]) -> String {
    B64.encode(bytes)
}

/// Decodes a base64 element.
pub fn unb64(s: &str) -> Option<Vec<u8>> {
    B64.decode(s.trim()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digest_info_is_51_bytes_over_the_decoded_nonce() {
        let nonce = b64(&[7u8; 32]);
        let di = digest_info(&nonce).unwrap();
        assert_eq!(di.len(), 51);
        assert_eq!(&di[..19], &SHA256_DIGEST_INFO_PREFIX);
        assert!(digest_info(&b64(&[7u8; 31])).is_err());
        assert!(digest_info("not base64!").is_err());
    }
}
