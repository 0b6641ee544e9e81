//! The closed vocabularies of the register (docs/domain.md), stored as
//! upper-case text.
//!
//! Every one of them is also guarded by a `CHECK (... IN (...))` constraint
//! in the migrations, so a value outside the list cannot reach the table even
//! through raw SQL. Migrations spell their lists out instead of reading
//! these enums, so an old migration stays what it was when a value is added
//! later (by a new migration that replaces the CHECK).

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

macro_rules! text_enum {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident = $value:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize)]
        #[sea_orm(rs_type = "String", db_type = "Text")]
        #[serde(rename_all = "SCREAMING_SNAKE_CASE")]
        pub enum $name {
            $($(#[$vdoc])* #[sea_orm(string_value = $value)] $variant,)+
        }

        impl $name {
            /// The stored (and GraphQL) spelling of the value.
            pub const fn as_str(self) -> &'static str {
                match self { $(Self::$variant => $value,)+ }
            }

            /// The value spelled `text`, if any.
            pub fn try_from_str(text: &str) -> Option<Self> {
                match text { $($value => Some(Self::$variant),)+ _ => None }
            }
        }
    };
}

text_enum!(
    /// A first-level administrative unit: one of 17 regions or 3 cities of
    /// republican significance.
    RegionKind { Region = "REGION", City = "CITY" }
);

text_enum!(
    /// There is one republican front office and one regional office per region.
    FrontOfficeKind { Republican = "REPUBLICAN", Regional = "REGIONAL" }
);

text_enum!(
    /// What kind of body an organization is.
    OrganizationKind {
        International = "INTERNATIONAL",
        VolunteerOrganization = "VOLUNTEER_ORGANIZATION",
        Ngo = "NGO",
        StateBody = "STATE_BODY",
        Company = "COMPANY",
        Other = "OTHER",
    }
);

text_enum!(
    /// A member's role in a family (a group of volunteers).
    FamilyRole { Guardian = "GUARDIAN", Child = "CHILD", Other = "OTHER" }
);

text_enum!(
    /// Kinds of tags on a volunteer.
    TagKind { Skill = "SKILL", Language = "LANGUAGE" }
);

text_enum!(
    /// Мероприятие, акция or рейд.
    EventKind { Event = "EVENT", Action = "ACTION", Raid = "RAID" }
);

text_enum!(
    /// The level an event is held at.
    EventLevel { Regional = "REGIONAL", Republican = "REPUBLICAN", International = "INTERNATIONAL" }
);

text_enum!(
    /// Life cycle of an event. A cancelled event keeps its records but
    /// counts in no statistic.
    EventStatus { Planned = "PLANNED", Ongoing = "ONGOING", Completed = "COMPLETED", Cancelled = "CANCELLED" }
);

text_enum!(
    /// What volunteers do at an event. Minors may never take part in
    /// `EMERGENCY_RESPONSE` or `DISASTER_RELIEF`.
    ActivityType {
        SocialSupport = "SOCIAL_SUPPORT",
        VeteranCare = "VETERAN_CARE",
        Education = "EDUCATION",
        Environment = "ENVIRONMENT",
        Culture = "CULTURE",
        Sports = "SPORTS",
        Health = "HEALTH",
        AnimalWelfare = "ANIMAL_WELFARE",
        Civic = "CIVIC",
        EmergencyResponse = "EMERGENCY_RESPONSE",
        DisasterRelief = "DISASTER_RELIEF",
        Other = "OTHER",
    }
);

impl ActivityType {
    /// Activity types closed to volunteers under 18 (docs/domain.md,
    /// "Minors: guardians and consent").
    pub fn is_adults_only(self) -> bool {
        matches!(self, Self::EmergencyResponse | Self::DisasterRelief)
    }
}

text_enum!(
    /// State of one volunteer's participation in one event.
    ParticipationStatus { Registered = "REGISTERED", Attended = "ATTENDED", NoShow = "NO_SHOW", Cancelled = "CANCELLED" }
);

text_enum!(
    /// Categories of people helped; only counts are kept per category.
    BeneficiaryCategory {
        Veteran = "VETERAN",
        HomeFrontWorker = "HOME_FRONT_WORKER",
        SociallyVulnerable = "SOCIALLY_VULNERABLE",
        Child = "CHILD",
        Elderly = "ELDERLY",
        Disabled = "DISABLED",
        Other = "OTHER",
    }
);

text_enum!(
    /// INBOUND: foreign volunteers come to Kazakhstan; OUTBOUND: volunteers
    /// from Kazakhstan go abroad.
    ExchangeDirection { Inbound = "INBOUND", Outbound = "OUTBOUND" }
);

text_enum!(
    /// What an account may do (see the server's access rules).
    Role { Admin = "ADMIN", Coordinator = "COORDINATOR", Volunteer = "VOLUNTEER", Analyst = "ANALYST" }
);

text_enum!(
    /// Whether a volunteer is in the register: ACTIVE, or PENDING from its
    /// own sign-up until a coordinator of its region confirms it (a pending
    /// volunteer counts in no statistic and takes part in nothing).
    VolunteerStatus { Active = "ACTIVE", Pending = "PENDING" }
);

text_enum!(
    /// How a password-reset code reached its account: sent by e-mail, or
    /// issued by a coordinator to tell the volunteer.
    ResetKind { Email = "EMAIL", Coordinator = "COORDINATOR" }
);

text_enum!(
    /// What became of a sign-in attempt. FAILED: a wrong name or password;
    /// DISABLED: the right password of a disabled account; LOCKED: refused
    /// unchecked while the name was locked after repeated failures.
    SignInOutcome { Succeeded = "SUCCEEDED", Failed = "FAILED", Locked = "LOCKED", Disabled = "DISABLED" }
);

text_enum!(
    /// Where a participation's minutes come from (the hours ledger).
    /// ATTENDANCE: check-in and check-out; COORDINATOR: logged or corrected
    /// by a coordinator or admin; SELF_REPORT: reported by the volunteer
    /// and approved; IMPORT: brought in from a file; AUTO_CLOSE: estimated
    /// by the server for a check-out that never came.
    HoursSource {
        Attendance = "ATTENDANCE",
        Coordinator = "COORDINATOR",
        SelfReport = "SELF_REPORT",
        Import = "IMPORT",
        AutoClose = "AUTO_CLOSE",
    }
);

text_enum!(
    /// The decision on a self-reported entry: PENDING until a coordinator
    /// of the event's region approves or rejects it.
    HoursReview { Pending = "PENDING", Approved = "APPROVED", Rejected = "REJECTED" }
);

text_enum!(
    /// What a file imported into the register holds, one kind per file.
    ImportKind {
        Volunteers = "VOLUNTEERS",
        Families = "FAMILIES",
        Events = "EVENTS",
        Participations = "PARTICIPATIONS",
    }
);
