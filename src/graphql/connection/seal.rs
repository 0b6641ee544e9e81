//! The server key cursors are sealed with, and the sealing itself.
//!
//! A cursor holds a row's sort key, which may be a person's name or birth
//! date. Sealed with XChaCha20-Poly1305 under a key only the server has, it
//! reveals nothing to the client and cannot be altered or forged: any change
//! breaks the tag and the cursor is refused. XChaCha20's 24-byte nonces are
//! drawn at random for every cursor, which is safe at any number of cursors
//! without keeping a counter (a 12-byte nonce would not be).

use crate::auth::TokenKeys;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chacha20poly1305::aead::{Aead, AeadCore, KeyInit, OsRng, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use std::sync::Arc;

/// What the key is derived for (see `TokenKeys::derive`); a new label gives
/// an unrelated key, so cursors of an older format stop opening instead of
/// being misread.
pub const LABEL: &[u8] = b"frontoffice cursor key v1";

/// Bound into every seal: a cursor opens only as a cursor of this format.
const ASSOCIATED: &[u8] = b"cursor v1";

const NONCE_BYTES: usize = 24;

/// The 32-byte key cursors are sealed with; cheap to clone.
#[derive(Clone)]
pub struct CursorKey(Arc<XChaCha20Poly1305>);

impl std::fmt::Debug for CursorKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("CursorKey(..)")
    }
}

impl CursorKey {
    /// The cursor key of a server signing its tokens with `tokens`: derived
    /// from the signing secret under `LABEL`, so the two keys never
    /// coincide and the server has one secret to keep.
    pub fn of(tokens: &TokenKeys) -> Self {
        CursorKey::from_bytes(tokens.derive(LABEL))
    }

    pub fn from_bytes(key: [u8; 32]) -> Self {
        CursorKey(Arc::new(XChaCha20Poly1305::new(&key.into())))
    }

    /// `plain` sealed, as base64url text.
    pub fn seal(&self, plain: &[u8]) -> String {
        let nonce = XChaCha20Poly1305::generate_nonce(&mut OsRng);
        let payload = Payload {
            msg: plain,
            aad: ASSOCIATED,
        };
        // Encryption fails only for messages of gigabytes; a cursor is
        // under a hundred bytes.
        let sealed = self.0.encrypt(&nonce, payload).unwrap_or_default();
        let mut bytes = nonce.to_vec();
        bytes.extend_from_slice(&sealed);
        URL_SAFE_NO_PAD.encode(bytes)
    }

    /// The plain bytes of text sealed by `seal` under this key; `None` for
    /// anything else (not base64, too short, altered, another key).
    pub fn open(&self, text: &str) -> Option<Vec<u8>> {
        let bytes = URL_SAFE_NO_PAD.decode(text).ok()?;
        if bytes.len() < NONCE_BYTES {
            return None;
        }
        let (nonce, sealed) = bytes.split_at(NONCE_BYTES);
        let payload = Payload {
            msg: sealed,
            aad: ASSOCIATED,
        };
        let nonce: [u8; NONCE_BYTES] = nonce.try_into().ok()?;
        self.0.decrypt(&XNonce::from(nonce), payload).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_same_key_opens_an_unaltered_seal() {
        let tokens = |secret: &[u8]| TokenKeys::new(secret, chrono::Duration::hours(1));
        let key = CursorKey::of(&tokens(b"0123456789abcdef"));
        let text = key.seal(b"hello");
        assert_eq!(key.open(&text).as_deref(), Some(&b"hello"[..]));
        assert_ne!(text, key.seal(b"hello"), "nonces are fresh");
        assert_eq!(CursorKey::of(&tokens(b"another secret")).open(&text), None);
        let mut bytes = URL_SAFE_NO_PAD.decode(&text).unwrap();
        let last = bytes.len() - 1;
        bytes[last] ^= 1;
        assert_eq!(key.open(&URL_SAFE_NO_PAD.encode(bytes)), None);
        assert_eq!(key.open("short"), None);
        assert_eq!(key.open("%%%"), None);
    }
}
