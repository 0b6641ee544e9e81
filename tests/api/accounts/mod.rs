//! Accounts for people: signing up from the app, minors with a guardian,
//! passwords, managing accounts, and the sign-in history; each through the
//! real server as the mobile app and the coordinators' screens use it.

mod managing;
mod passwords;
mod sign_up;

use crate::support::TestApp;
use serde_json::{Value, json};

pub const SIGN_UP: &str = "mutation($input: SignUpInput!) {
  signUp(input: $input) { token account { username role } volunteer { id status fullName } } }";

pub const SIGN_UP_CHILD: &str = "mutation($input: SignUpChildInput!) {
  signUpChild(input: $input) { token account { username } volunteer { id status fullName family { id } familyRole } } }";

pub const CONFIRM: &str = "mutation($input: ConfirmVolunteerInput!) {
  confirmVolunteer(input: $input) { volunteer { id status registeredOn } } }";

pub const CONFIRM_GUARDIANSHIP: &str = "mutation($input: PendingVolunteerInput!) {
  confirmGuardianship(input: $input) { volunteer { id status family { id } familyRole } } }";

pub const LOGIN: &str = "mutation($input: LoginInput!) { login(input: $input) { token } }";

/// A password none of the rules refuses.
pub const GOOD_PASSWORD: &str = "жылы қыс келеді";

/// The input of an adult's sign-up in Astana.
pub fn adult(username: &str, name: &str) -> Value {
    json!({
        "username": username,
        "password": GOOD_PASSWORD,
        "fullName": name,
        "birthDate": "1990-05-06",
        "regionCode": "KZ-71",
        "phone": "+7 701 555 12 34",
        "email": format!("{username}@example.kz"),
    })
}

/// `base` with the fields of `extra` added or replaced.
pub fn with(mut base: Value, extra: Value) -> Value {
    if let (Some(base), Value::Object(extra)) = (base.as_object_mut(), extra) {
        base.extend(extra);
    }
    base
}

impl TestApp {
    /// Run a mutation as `token` (none: anonymous) that must succeed; its
    /// payload.
    pub async fn mutate_as(&self, token: Option<&str>, mutation: &str, input: Value) -> Value {
        let (status, body) = self
            .post_as(token, mutation, json!({ "input": input }))
            .await;
        assert_eq!(status, 200, "{body}");
        assert!(body.get("errors").is_none(), "unexpected errors: {body}");
        body["data"]
            .as_object()
            .and_then(|m| m.values().next().cloned())
            .unwrap_or(Value::Null)
    }

    /// A query as `token` that must succeed; its data.
    pub async fn query_as(&self, token: Option<&str>, query: &str, variables: Value) -> Value {
        let (status, body) = self.post_as(token, query, variables).await;
        assert_eq!(status, 200, "{body}");
        assert!(body.get("errors").is_none(), "unexpected errors: {body}");
        body["data"].clone()
    }

    /// Sign in; the token.
    pub async fn login(&self, username: &str, password: &str) -> String {
        let payload = self
            .mutate_as(
                None,
                LOGIN,
                json!({ "username": username, "password": password }),
            )
            .await;
        payload["token"].as_str().expect("a token").to_owned()
    }

    /// Sign up `input` anonymously; the payload.
    pub async fn sign_up_person(&self, input: Value) -> Value {
        self.mutate_as(None, SIGN_UP, input).await
    }

    /// An adult signed up and confirmed by the admin; its volunteer id and
    /// a token of its own.
    pub async fn confirmed_adult(&self, username: &str, name: &str) -> (String, String) {
        let payload = self.sign_up_person(adult(username, name)).await;
        let id = payload["volunteer"]["id"]
            .as_str()
            .expect("an id")
            .to_owned();
        self.mutate(CONFIRM, json!({ "volunteerId": id })).await;
        (id, self.login(username, GOOD_PASSWORD).await)
    }
}
