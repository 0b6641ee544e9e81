//! E-mail through the configured SMTP relay (`lettre`): the password-reset
//! codes. Without a relay configured (`FRONTOFFICE_SMTP_URL`), the service
//! sends no e-mail and coordinators issue codes instead.

use lettre::message::Mailbox;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

/// Sends the service's e-mail; cheap to clone.
#[derive(Clone)]
pub struct Mailer {
    transport: Option<AsyncSmtpTransport<Tokio1Executor>>,
    from: Mailbox,
}

impl Mailer {
    /// A mailer for the relay at `url` (none: no e-mail), sending as `from`.
    pub fn new(url: Option<&str>, from: &str) -> Result<Mailer, String> {
        let from: Mailbox = from
            .parse()
            .map_err(|e| format!("FRONTOFFICE_MAIL_FROM `{from}` is not an address: {e}"))?;
        let transport = url
            .map(str::trim)
            .filter(|u| !u.is_empty())
            .map(|u| {
                AsyncSmtpTransport::<Tokio1Executor>::from_url(u)
                    .map(|b| b.build())
                    .map_err(|e| format!("FRONTOFFICE_SMTP_URL is not a usable SMTP URL: {e}"))
            })
            .transpose()?;
        Ok(Mailer { transport, from })
    }

    /// Whether a relay is configured.
    pub fn configured(&self) -> bool {
        self.transport.is_some()
    }

    /// Send a plain-text message; an error says why, without the text.
    pub async fn send(&self, to: &str, subject: &str, body: String) -> Result<(), String> {
        let Some(transport) = &self.transport else {
            return Err("no SMTP relay is configured".into());
        };
        let to: Mailbox = to.parse().map_err(|e| format!("bad recipient: {e}"))?;
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(subject)
            .body(body)
            .map_err(|e| format!("cannot build the message: {e}"))?;
        transport
            .send(message)
            .await
            .map(|_| ())
            .map_err(|e| format!("the relay did not take the message: {e}"))
    }
}
