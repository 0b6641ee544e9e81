//! Compact JWS (RFC 7515) with Ed25519 (`EdDSA`, RFC 8037): how Open
//! Badges 3.0 secures a credential as a JWT. Signing and checking are a few
//! lines around `ed25519-dalek`; parsing bounds its input, since `/verify`
//! reads whatever a stranger pastes.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use serde_json::{Map, Value};

/// The longest credential read, in bytes: a certificate is a few
/// kilobytes; a passport of many credentials stays well under this.
pub const MAX_BYTES: usize = 256 * 1024;

/// A compact JWS taken apart, not yet checked.
pub struct Parsed {
    pub header: Map<String, Value>,
    pub payload: Map<String, Value>,
    signing_input: String,
    signature: Signature,
}

/// Why a text is not a compact JWS of JSON objects.
#[derive(Debug, PartialEq, Eq)]
pub enum Malformed {
    TooLarge,
    NotAJws,
}

/// `header.payload.signature`, signed by `key`.
pub fn sign(header: &Value, payload: &Value, key: &SigningKey) -> String {
    let input = format!(
        "{}.{}",
        B64.encode(header.to_string()),
        B64.encode(payload.to_string())
    );
    let signature = key.sign(input.as_bytes());
    format!("{input}.{}", B64.encode(signature.to_bytes()))
}

/// Take `text` apart: three base64url parts, the first two JSON objects,
/// the third 64 bytes.
pub fn parse(text: &str) -> Result<Parsed, Malformed> {
    let text = text.trim();
    if text.len() > MAX_BYTES {
        return Err(Malformed::TooLarge);
    }
    let mut parts = text.split('.');
    let (Some(h), Some(p), Some(s), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(Malformed::NotAJws);
    };
    let object = |part: &str| -> Result<Map<String, Value>, Malformed> {
        let bytes = B64.decode(part).map_err(|_| Malformed::NotAJws)?;
        match serde_json::from_slice(&bytes) {
            Ok(Value::Object(map)) => Ok(map),
            _ => Err(Malformed::NotAJws),
        }
    };
    let header = object(h)?;
    let payload = object(p)?;
    let signature = B64
        .decode(s)
        .ok()
        .and_then(|bytes| <[u8; 64]>::try_from(bytes.as_slice()).ok())
        .map(|bytes| Signature::from_bytes(&bytes))
        .ok_or(Malformed::NotAJws)?;
    Ok(Parsed {
        header,
        payload,
        signing_input: format!("{h}.{p}"),
        signature,
    })
}

impl Parsed {
    /// A string member of the header.
    pub fn header_str(&self, name: &str) -> Option<&str> {
        self.header.get(name).and_then(Value::as_str)
    }

    /// Whether `key` made the signature (strict Ed25519 verification).
    pub fn signed_by(&self, key: &VerifyingKey) -> bool {
        key.verify_strict(self.signing_input.as_bytes(), &self.signature)
            .is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_signed_token_parses_and_checks_only_against_its_key() {
        let key = SigningKey::from_bytes(&[7; 32]);
        let other = SigningKey::from_bytes(&[8; 32]);
        let jws = sign(&json!({"alg": "EdDSA"}), &json!({"n": 1}), &key);
        let parsed = parse(&jws).unwrap();
        assert_eq!(parsed.header_str("alg"), Some("EdDSA"));
        assert!(parsed.signed_by(&key.verifying_key()));
        assert!(!parsed.signed_by(&other.verifying_key()));
        let (head, _) = jws.rsplit_once('.').unwrap();
        let tampered = format!("{}.{}", head.replace('x', "y"), &jws[jws.len() - 86..]);
        assert!(
            parse(&tampered)
                .map(|p| !p.signed_by(&key.verifying_key()))
                .unwrap_or(true)
        );
        assert_eq!(parse("a.b").err(), Some(Malformed::NotAJws));
        assert_eq!(
            parse(&"a".repeat(MAX_BYTES + 1)).err(),
            Some(Malformed::TooLarge)
        );
    }
}
