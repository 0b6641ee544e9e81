//! The domain's closed vocabularies as GraphQL enums. Each mirrors an enum of
//! the `entity` crate (`remote`), so the stored value, the Rust value and the
//! GraphQL value are one spelling.

use async_graphql::Enum;

/// A first-level administrative unit: region or city of republican significance.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[graphql(remote = "entity::RegionKind")]
pub enum RegionKind {
    /// One of the 17 regions (облыс).
    Region,
    /// One of the 3 cities of republican significance.
    City,
}

/// The republican front office, or a regional one.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[graphql(remote = "entity::FrontOfficeKind")]
pub enum FrontOfficeKind {
    /// The one national office.
    Republican,
    /// The office of one region.
    Regional,
}

/// What kind of body an organization is.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[graphql(remote = "entity::OrganizationKind")]
pub enum OrganizationKind {
    /// An international organization (e.g. UNICEF).
    International,
    /// A volunteer organization.
    VolunteerOrganization,
    /// A non-governmental organization.
    Ngo,
    /// A state body.
    StateBody,
    /// A company.
    Company,
    /// Anything else.
    Other,
}

/// A member's role in a family.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[graphql(remote = "entity::FamilyRole")]
pub enum FamilyRole {
    /// An adult responsible for the family's children.
    Guardian,
    /// A child of the family.
    Child,
    /// Any other member (e.g. a grandparent).
    Other,
}

/// Мероприятие, акция or рейд.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[graphql(remote = "entity::EventKind")]
pub enum EventKind {
    /// An event (мероприятие).
    Event,
    /// An action (акция).
    Action,
    /// A raid (рейд), e.g. visits to veterans under «Жеңіс».
    Raid,
}

/// The level an event is held at.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[graphql(remote = "entity::EventLevel")]
pub enum EventLevel {
    /// Held by a region.
    Regional,
    /// Held nationally.
    Republican,
    /// Held with other countries.
    International,
}

/// Life cycle of an event: the clock moves it from planned to ongoing at
/// its start and to completed at its end; a coordinator may cancel it, or
/// complete it early.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[graphql(remote = "entity::EventStatus")]
pub enum EventStatus {
    /// Announced, not started.
    Planned,
    /// Under way: started, not yet ended.
    Ongoing,
    /// Finished: ended, or closed early by a coordinator.
    Completed,
    /// Called off: its records are kept but it counts in no statistic.
    Cancelled,
}

/// What volunteers do at an event.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[graphql(remote = "entity::ActivityType")]
pub enum ActivityType {
    /// Help to socially vulnerable people.
    SocialSupport,
    /// Care for veterans and home-front workers.
    VeteranCare,
    /// Teaching and mentoring.
    Education,
    /// Environmental work.
    Environment,
    /// Culture and heritage.
    Culture,
    /// Sports events.
    Sports,
    /// Health and blood donation.
    Health,
    /// Animal welfare.
    AnimalWelfare,
    /// Civic and community work.
    Civic,
    /// Emergency response: adults only.
    EmergencyResponse,
    /// Disaster relief: adults only.
    DisasterRelief,
    /// Anything else.
    Other,
}

/// State of one volunteer's participation in one event.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[graphql(remote = "entity::ParticipationStatus")]
pub enum ParticipationStatus {
    /// Signed up.
    Registered,
    /// Took part; the hours count.
    Attended,
    /// Signed up but did not come.
    NoShow,
    /// The registration was withdrawn.
    Cancelled,
}

/// Categories of people helped.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[graphql(remote = "entity::BeneficiaryCategory")]
pub enum BeneficiaryCategory {
    /// Veterans of the Great Patriotic War and of later conflicts.
    Veteran,
    /// Home-front workers (тыл).
    HomeFrontWorker,
    /// Socially vulnerable people.
    SociallyVulnerable,
    /// Children.
    Child,
    /// Elderly people.
    Elderly,
    /// People with disabilities.
    Disabled,
    /// Anyone else.
    Other,
}

/// Which way volunteers travel in an exchange.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[graphql(remote = "entity::ExchangeDirection")]
pub enum ExchangeDirection {
    /// Foreign volunteers come to Kazakhstan.
    Inbound,
    /// Volunteers from Kazakhstan go abroad.
    Outbound,
}

/// What an account may do.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[graphql(remote = "entity::Role")]
pub enum Role {
    /// Everything.
    Admin,
    /// Personal data and writes within the regions the account is scoped to.
    Coordinator,
    /// Its own record (and its family's minors, as their guardian), sign-ups,
    /// check-ins and hours.
    Volunteer,
    /// Every aggregate and statistic; lists with personal fields hidden; no
    /// writes.
    Analyst,
}

/// Whether a volunteer is in the register.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[graphql(remote = "entity::VolunteerStatus")]
pub enum VolunteerStatus {
    /// In the register: counted in the statistics, takes part in events.
    Active,
    /// Signed up from the app and waiting for a coordinator of its region
    /// to confirm it: counted nowhere, takes part in nothing, listed only
    /// for coordinators and admins (`VolunteerFilter.statuses`).
    Pending,
}

/// What became of a sign-in attempt.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[graphql(remote = "entity::SignInOutcome")]
pub enum SignInOutcome {
    /// Signed in.
    Succeeded,
    /// A wrong name or password.
    Failed,
    /// Refused unchecked: the name was locked after repeated failures.
    Locked,
    /// The right password of a disabled account.
    Disabled,
}

/// Where a participation's minutes come from (the hours ledger).
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[graphql(remote = "entity::HoursSource")]
pub enum HoursSource {
    /// Check-in and check-out: measured.
    Attendance,
    /// Logged or corrected by a coordinator or admin.
    Coordinator,
    /// Reported by the volunteer (or a minor's guardian), approved by a
    /// coordinator.
    SelfReport,
    /// Brought in from a region's file.
    Import,
    /// Estimated by the server for a check-out that never came; waits for
    /// a coordinator to confirm or correct it.
    AutoClose,
}

/// The decision on a self-reported entry of hours.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[graphql(remote = "entity::HoursReview")]
pub enum HoursReview {
    /// Waiting for a coordinator of the event's region; counts nowhere.
    Pending,
    /// Approved: counts as SELF_REPORT.
    Approved,
    /// Rejected, with the coordinator's reason; counts nowhere.
    Rejected,
}
