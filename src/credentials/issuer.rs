//! Who signs the credentials and the URLs they name.
//!
//! The service is one issuer: a `did:web` DID derived from its public URL
//! (`FRONTOFFICE_PUBLIC_URL`, or `http://` and the address it listens on),
//! whose document is served at `/.well-known/did.json`. The front office
//! that issues a certificate is named in the credential's issuer profile;
//! the DID is the network's, so one key set verifies every office's
//! credentials.

/// The issuer's identity and URLs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Issuer {
    /// The public URL, without a trailing slash (`https://host`).
    pub base: String,
    /// `did:web:host` (a port written `%3A8080`).
    pub did: String,
}

impl Issuer {
    /// The issuer of a service reached at `url`: `http` or `https`, a host
    /// and an optional port, no path.
    pub fn new(url: &str) -> Result<Issuer, String> {
        let url = url.trim().trim_end_matches('/');
        let authority = url
            .strip_prefix("https://")
            .or_else(|| url.strip_prefix("http://"))
            .ok_or_else(|| format!("the public URL `{url}` must start with http:// or https://"))?;
        let valid = !authority.is_empty()
            && authority
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'));
        if !valid {
            return Err(format!(
                "the public URL `{url}` must be a scheme, a host and an optional port, with no path"
            ));
        }
        let host = authority.to_ascii_lowercase();
        Ok(Issuer {
            base: format!("{}{host}", &url[..url.len() - authority.len()]),
            did: format!("did:web:{}", host.replace(':', "%3A")),
        })
    }

    /// The id of key `thumbprint` in the DID document (the JWT's `kid`).
    pub fn kid(&self, thumbprint: &str) -> String {
        format!("{}#{thumbprint}", self.did)
    }

    /// The thumbprint a `kid` of this issuer names, if it is one.
    pub fn thumbprint_of<'a>(&self, kid: &'a str) -> Option<&'a str> {
        kid.strip_prefix(self.did.as_str())?.strip_prefix('#')
    }

    /// Where status list `n` is published.
    pub fn status_list_url(&self, n: i32) -> String {
        format!("{}/credentials/status/{n}", self.base)
    }

    /// Where the credential `uid` can be fetched by whoever has the link.
    pub fn credential_url(&self, uid: &str) -> String {
        format!("{}/credentials/{uid}", self.base)
    }

    /// The verification page for credential `uid` (the QR code's link).
    pub fn verify_url(&self, uid: &str) -> String {
        format!("{}/verify?id={uid}", self.base)
    }

    /// The achievement a certificate of `kind` stands for.
    pub fn achievement_id(&self, kind: &str) -> String {
        format!("{}/achievements/volunteer-hours/{kind}", self.base)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_did_is_the_host_with_its_port_escaped() {
        let i = Issuer::new("http://127.0.0.1:8080/").unwrap();
        assert_eq!(i.base, "http://127.0.0.1:8080");
        assert_eq!(i.did, "did:web:127.0.0.1%3A8080");
        assert_eq!(i.kid("abc"), "did:web:127.0.0.1%3A8080#abc");
        assert_eq!(i.thumbprint_of("did:web:127.0.0.1%3A8080#abc"), Some("abc"));
        assert_eq!(i.thumbprint_of("did:web:other#abc"), None);
        let i = Issuer::new("https://Passport.Example.KZ").unwrap();
        assert_eq!(i.did, "did:web:passport.example.kz");
        assert!(Issuer::new("ftp://x").is_err());
        assert!(Issuer::new("https://x/path").is_err());
    }
}
