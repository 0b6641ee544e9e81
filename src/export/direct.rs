//! The two lists a national register makes long — volunteers (160,000)
//! and participations (about five million) — read straight from the
//! database in keyset pages, with the same filter inputs and conditions as
//! their GraphQL lists and the same rule of who sees a person's data
//! (`graphql::access::may_see_person`), applied a page at a time: what
//! running the GraphQL query for every page would give, without building
//! a response object per field (25 times the rows per second). The tests
//! compare both ways, cell by cell, for every role.

use crate::domain::caller::Caller;
use crate::domain::guardianship::ADULT;
use crate::domain::time::age_on;
use crate::error_code::ErrorCode;
use crate::export::pages::Refusal;
use crate::graphql::aggregates::{Period, attended_minutes};
use crate::graphql::filtering;
use crate::graphql::ids::{self, NodeType};
use crate::graphql::participations::ParticipationFilter;
use crate::graphql::volunteers::{VolunteerFilter, mentions_name};
use crate::i18n::Lang;
use crate::msg;
use chrono::{DateTime, NaiveDate, Utc};
use entity::{
    FamilyRole, Role, TagKind, event, family_member, participation, volunteer, volunteer_tag,
};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Value as DbValue,
};
use serde_json::{Map, Value, json};
use std::collections::{HashMap, HashSet};

/// Rows read per statement.
const PAGE: u64 = 5_000;

/// Who the caller may see, as `may_see_person` decides one at a time.
enum Viewer {
    /// Admins.
    All,
    /// Coordinators: people of their regions and people who take part in
    /// events their regions host.
    Regions(Vec<String>),
    /// A volunteer: itself, and the minors of a family it is a guardian in.
    Own {
        id: i64,
        wards: HashSet<i64>,
    },
    Nobody,
}

impl Viewer {
    async fn of(db: &DatabaseConnection, caller: &Caller) -> Result<Viewer, DbErr> {
        if caller.is_admin() {
            return Ok(Viewer::All);
        }
        if caller.role() == Some(Role::Coordinator) {
            let regions = caller
                .principal()
                .map(|p| p.regions.clone())
                .unwrap_or_default();
            return Ok(Viewer::Regions(regions));
        }
        let Some(own) = caller.volunteer_id() else {
            return Ok(Viewer::Nobody);
        };
        let families = Query::select()
            .column(family_member::Column::FamilyId)
            .from(family_member::Entity)
            .and_where(Expr::col(family_member::Column::VolunteerId).eq(own))
            .and_where(Expr::col(family_member::Column::Role).eq(FamilyRole::Guardian.as_str()))
            .to_owned();
        let wards: Vec<i64> = family_member::Entity::find()
            .select_only()
            .column(family_member::Column::VolunteerId)
            .filter(family_member::Column::FamilyId.in_subquery(families))
            .into_tuple()
            .all(db)
            .await?;
        Ok(Viewer::Own {
            id: own,
            wards: wards.into_iter().collect(),
        })
    }

    /// Of `people` (id, home region, birth date, erased), those whose
    /// personal data the caller sees.
    async fn visible(
        &self,
        db: &DatabaseConnection,
        people: &[(i64, &str, NaiveDate, bool)],
        today: NaiveDate,
    ) -> Result<HashSet<i64>, DbErr> {
        let alive = people.iter().filter(|p| !p.3);
        Ok(match self {
            Viewer::All => alive.map(|p| p.0).collect(),
            Viewer::Nobody => HashSet::new(),
            Viewer::Own { id, wards } => alive
                .filter(|p| p.0 == *id || (wards.contains(&p.0) && age_on(p.2, today) < ADULT))
                .map(|p| p.0)
                .collect(),
            Viewer::Regions(regions) => {
                let (mut seen, others): (HashSet<i64>, Vec<i64>) = (HashSet::new(), Vec::new());
                let mut others = others;
                for p in alive {
                    if regions.iter().any(|r| r == p.1) {
                        seen.insert(p.0);
                    } else {
                        others.push(p.0);
                    }
                }
                if !others.is_empty() && !regions.is_empty() {
                    let hosted: Vec<i64> = participation::Entity::find()
                        .select_only()
                        .column(participation::Column::VolunteerId)
                        .distinct()
                        .inner_join(event::Entity)
                        .filter(event::Column::RegionCode.is_in(regions.clone()))
                        .filter(participation::Column::VolunteerId.is_in(others))
                        .into_tuple()
                        .all(db)
                        .await?;
                    seen.extend(hosted);
                }
                seen
            }
        })
    }
}

/// Which list, with its parsed filter.
enum List {
    Volunteers(Option<VolunteerFilter>),
    Participations(Option<ParticipationFilter>),
}

/// The pages of a list read straight from the database.
pub struct DirectPages {
    db: DatabaseConnection,
    list: List,
    viewer: Viewer,
    condition: sea_orm::sea_query::Condition,
    after: i64,
    done: bool,
    today: NaiveDate,
    /// Event titles and regions seen so far (45,000 events at most).
    events: HashMap<i64, (String, String)>,
}

fn refusal(code: ErrorCode, message: String) -> Refusal {
    Refusal { code, message }
}

/// The filter in `variables`, parsed as GraphQL would parse it.
fn filter<F: async_graphql::InputType>(
    variables: &Map<String, Value>,
) -> Result<Option<F>, Refusal> {
    let Some(json) = variables.get("filter") else {
        return Ok(None);
    };
    let value = async_graphql::Value::from_json(json.clone())
        .map_err(|e| refusal(ErrorCode::BadUserInput, e.to_string()))?;
    F::parse(Some(value)).map(Some).map_err(|e| {
        refusal(
            ErrorCode::BadUserInput,
            e.into_server_error(Default::default()).message,
        )
    })
}

impl DirectPages {
    /// The direct reader of export `name`, if it has one.
    pub async fn of(
        name: &str,
        db: &DatabaseConnection,
        caller: &Caller,
        lang: Lang,
        variables: &Map<String, Value>,
        now: DateTime<Utc>,
    ) -> Result<Option<DirectPages>, Refusal> {
        let list = match name {
            "volunteers" => List::Volunteers(filter(variables)?),
            "participations" => List::Participations(filter(variables)?),
            _ => return Ok(None),
        };
        let domain = |err: crate::domain::error::DomainError| {
            refusal(err.code(), err.message().render(lang))
        };
        if !caller.is_signed_in() {
            let what = match list {
                List::Volunteers(_) => msg!("see-volunteers"),
                List::Participations(_) => msg!("see-participations"),
            };
            return Err(domain(crate::domain::error::DomainError::forbidden(msg!(
                "sign-in-to",
                action = what
            ))));
        }
        let condition = match &list {
            List::Volunteers(f) => {
                if f.as_ref().is_some_and(mentions_name)
                    && !(caller.is_admin() || caller.role() == Some(Role::Coordinator))
                {
                    return Err(domain(crate::domain::error::DomainError::forbidden(msg!(
                        "name-search-forbidden"
                    ))));
                }
                filtering::condition(f.as_ref(), now).map_err(domain)?
            }
            List::Participations(f) => filtering::condition(f.as_ref(), now).map_err(domain)?,
        };
        let viewer = Viewer::of(db, caller)
            .await
            .map_err(|e| refusal(ErrorCode::Internal, e.to_string()))?;
        Ok(Some(DirectPages {
            db: db.clone(),
            list,
            viewer,
            condition,
            after: 0,
            done: false,
            today: crate::domain::time::kz_date(now),
            events: HashMap::new(),
        }))
    }

    /// The next page's rows, as cells in the export's column order.
    pub async fn next(&mut self) -> Result<Option<Vec<Vec<Value>>>, Refusal> {
        if self.done {
            return Ok(None);
        }
        let rows = match self.list {
            List::Volunteers(_) => self.volunteers().await,
            List::Participations(_) => self.participations().await,
        }
        .map_err(|e| {
            tracing::error!(error = %e, "an export failed to read the database");
            refusal(ErrorCode::Internal, msg!("server-failed").english())
        })?;
        Ok(Some(rows))
    }

    async fn volunteers(&mut self) -> Result<Vec<Vec<Value>>, DbErr> {
        let page = volunteer::Entity::find()
            .filter(self.condition.clone())
            .filter(volunteer::Column::Id.gt(self.after))
            .order_by_asc(volunteer::Column::Id)
            .limit(PAGE)
            .all(&self.db)
            .await?;
        self.done = (page.len() as u64) < PAGE;
        let Some(last) = page.last() else {
            return Ok(Vec::new());
        };
        self.after = last.id;
        let people: Vec<(i64, &str, NaiveDate, bool)> = page
            .iter()
            .map(|v| {
                (
                    v.id,
                    v.region_code.as_str(),
                    v.birth_date,
                    v.erased_at.is_some(),
                )
            })
            .collect();
        let visible = self.viewer.visible(&self.db, &people, self.today).await?;
        let ids: Vec<i64> = page.iter().map(|v| v.id).collect();
        let shown: Vec<i64> = ids
            .iter()
            .copied()
            .filter(|id| visible.contains(id))
            .collect();
        let mut tags: HashMap<(i64, TagKind), Vec<String>> = HashMap::new();
        if !shown.is_empty() {
            for t in volunteer_tag::Entity::find()
                .filter(volunteer_tag::Column::VolunteerId.is_in(shown.clone()))
                .order_by_asc(volunteer_tag::Column::Tag)
                .all(&self.db)
                .await?
            {
                tags.entry((t.volunteer_id, t.kind))
                    .or_default()
                    .push(t.tag);
            }
        }
        let roles: HashMap<i64, FamilyRole> = if shown.is_empty() {
            HashMap::new()
        } else {
            family_member::Entity::find()
                .filter(family_member::Column::VolunteerId.is_in(shown))
                .all(&self.db)
                .await?
                .into_iter()
                .map(|m| (m.volunteer_id, m.role))
                .collect()
        };
        let column = (participation::Entity, participation::Column::VolunteerId);
        let mut sums = attended_minutes(Expr::col(column), Period::default());
        sums.and_where(Expr::col(column).is_in(ids.iter().map(|id| DbValue::from(*id))))
            .group_by_col(column);
        let minutes: HashMap<i64, i64> = self
            .db
            .query_all(&sums)
            .await?
            .into_iter()
            .map(|row| Ok((row.try_get::<i64>("", "k")?, row.try_get::<i64>("", "m")?)))
            .collect::<Result<_, DbErr>>()?;
        let date = |d: NaiveDate| Value::String(d.to_string());
        Ok(page
            .iter()
            .map(|v| {
                let seen = visible.contains(&v.id);
                let personal = |value: Value| if seen { value } else { Value::Null };
                let text = |t: &Option<String>| t.clone().map_or(Value::Null, Value::String);
                let list =
                    |kind| personal(json!(tags.get(&(v.id, kind)).cloned().unwrap_or_default()));
                let total = minutes.get(&v.id).copied().unwrap_or(0);
                vec![
                    Value::String(ids::encode(NodeType::Volunteer, v.id).to_string()),
                    personal(text(&v.full_name)),
                    personal(text(&v.latin_name)),
                    personal(date(v.birth_date)),
                    personal(json!(age_on(v.birth_date, self.today))),
                    Value::String(v.region_code.clone()),
                    date(v.registered_on),
                    personal(text(&v.phone)),
                    personal(text(&v.email)),
                    list(TagKind::Skill),
                    list(TagKind::Language),
                    personal(roles.get(&v.id).map_or(Value::Null, |r| json!(r.as_str()))),
                    personal(text(&v.guardian_name)),
                    personal(v.guardian_consent_on.map_or(Value::Null, date)),
                    json!(total),
                    json!(crate::domain::hours::hours(total)),
                ]
            })
            .collect())
    }

    async fn participations(&mut self) -> Result<Vec<Vec<Value>>, DbErr> {
        let page = participation::Entity::find()
            .filter(self.condition.clone())
            .filter(participation::Column::Id.gt(self.after))
            .order_by_asc(participation::Column::Id)
            .limit(PAGE)
            .all(&self.db)
            .await?;
        self.done = (page.len() as u64) < PAGE;
        let Some(last) = page.last() else {
            return Ok(Vec::new());
        };
        self.after = last.id;
        let volunteer_ids: HashSet<i64> = page.iter().map(|p| p.volunteer_id).collect();
        let people: Vec<(i64, Option<String>, String, NaiveDate, bool)> = volunteer::Entity::find()
            .select_only()
            .column(volunteer::Column::Id)
            .column(volunteer::Column::FullName)
            .column(volunteer::Column::RegionCode)
            .column(volunteer::Column::BirthDate)
            .column(volunteer::Column::ErasedAt)
            .filter(volunteer::Column::Id.is_in(volunteer_ids))
            .into_tuple::<(
                i64,
                Option<String>,
                String,
                NaiveDate,
                Option<DateTime<Utc>>,
            )>()
            .all(&self.db)
            .await?
            .into_iter()
            .map(|(id, name, region, born, erased)| (id, name, region, born, erased.is_some()))
            .collect();
        let keys: Vec<(i64, &str, NaiveDate, bool)> = people
            .iter()
            .map(|p| (p.0, p.2.as_str(), p.3, p.4))
            .collect();
        let visible = self.viewer.visible(&self.db, &keys, self.today).await?;
        let names: HashMap<i64, &Option<String>> = people.iter().map(|p| (p.0, &p.1)).collect();
        let missing: Vec<i64> = page
            .iter()
            .map(|p| p.event_id)
            .filter(|id| !self.events.contains_key(id))
            .collect::<HashSet<_>>()
            .into_iter()
            .collect();
        if !missing.is_empty() {
            for (id, title, region) in event::Entity::find()
                .select_only()
                .column(event::Column::Id)
                .column(event::Column::Title)
                .column(event::Column::RegionCode)
                .filter(event::Column::Id.is_in(missing))
                .into_tuple::<(i64, String, String)>()
                .all(&self.db)
                .await?
            {
                self.events.insert(id, (title, region));
            }
        }
        let at =
            |t: Option<DateTime<Utc>>| t.map_or(Value::Null, |t| Value::String(t.to_rfc3339()));
        Ok(page
            .iter()
            .map(|p| {
                let name = match (
                    visible.contains(&p.volunteer_id),
                    names.get(&p.volunteer_id),
                ) {
                    (true, Some(Some(name))) => Value::String(name.clone()),
                    _ => Value::Null,
                };
                let (title, region) = self
                    .events
                    .get(&p.event_id)
                    .map_or((Value::Null, Value::Null), |(t, r)| {
                        (Value::String(t.clone()), Value::String(r.clone()))
                    });
                vec![
                    Value::String(ids::encode(NodeType::Participation, p.id).to_string()),
                    Value::String(ids::encode(NodeType::Volunteer, p.volunteer_id).to_string()),
                    name,
                    Value::String(ids::encode(NodeType::Event, p.event_id).to_string()),
                    title,
                    region,
                    Value::String(p.on_date.to_string()),
                    json!(p.status.as_str()),
                    at(Some(p.registered_at)),
                    at(p.checked_in_at),
                    at(p.checked_out_at),
                    p.minutes.map_or(Value::Null, |m| json!(m)),
                    p.minutes.map_or(Value::Null, |m| {
                        json!(crate::domain::hours::hours(i64::from(m)))
                    }),
                    p.minutes_source.map_or(Value::Null, |s| json!(s.as_str())),
                    json!(p.minutes_source == Some(entity::HoursSource::AutoClose)),
                    json!(p.verified_at.is_some()),
                    at(p.verified_at),
                ]
            })
            .collect())
    }
}
