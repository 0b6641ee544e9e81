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
use crate::export::sqlite::Reader;
use crate::graphql::filtering;
use crate::graphql::ids::{self, NodeType};
use crate::graphql::participations::ParticipationFilter;
use crate::graphql::volunteers::{VolunteerFilter, mentions_name};
use crate::i18n::Lang;
use crate::msg;
use chrono::{DateTime, NaiveDate, Utc};
use entity::{
    EventStatus, FamilyRole, ParticipationStatus, Role, TagKind, event, family_member,
    participation, volunteer, volunteer_tag,
};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
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
                        .filter(participation::Column::Status.ne(ParticipationStatus::Cancelled))
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
    /// The SQLite file's own reader, for participations when the database
    /// is one.
    sqlite: Option<Reader>,
    list: List,
    viewer: Viewer,
    condition: sea_orm::sea_query::Condition,
    after: i64,
    done: bool,
    /// The volunteers' rows are all read (their last page may be pending).
    rows_done: bool,
    /// A page of volunteers read ahead, its details on their way.
    pending: Option<VolunteerPage>,
    /// The volunteers a list of participations has met, by id: at most the
    /// register's volunteers, whatever the list's length.
    people: HashMap<i64, Person>,
    today: NaiveDate,
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
        // Only the participations are read by the SQLite file's own reader.
        let sqlite = match list {
            List::Participations(_) => Reader::open(db)
                .await
                .map_err(|e| refusal(ErrorCode::Internal, e.to_string()))?,
            List::Volunteers(_) => None,
        };
        Ok(Some(DirectPages {
            db: db.clone(),
            sqlite,
            list,
            viewer,
            condition,
            after: 0,
            done: false,
            rows_done: false,
            pending: None,
            people: HashMap::new(),
            today: crate::domain::time::kz_date(now),
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

    /// The next page of volunteers. Its tags, family roles and minutes
    /// (the minutes are most of the work) were read while the rows of the
    /// page after it were: two connections at work, not one after the
    /// other.
    async fn volunteers(&mut self) -> Result<Vec<Vec<Value>>, DbErr> {
        if self.pending.is_none() && !self.rows_done {
            self.pending = self.volunteer_page().await?;
        }
        let Some(ready) = self.pending.take() else {
            self.done = true;
            return Ok(Vec::new());
        };
        if !self.rows_done {
            self.pending = self.volunteer_page().await?;
        }
        self.done = self.pending.is_none();
        let details = ready
            .details
            .await
            .map_err(|e| DbErr::Custom(e.to_string()))??;
        Ok(volunteer_rows(
            ready.rows,
            &ready.visible,
            &details,
            self.today,
        ))
    }

    /// The rows of the next page of volunteers, with their details on their
    /// way.
    async fn volunteer_page(&mut self) -> Result<Option<VolunteerPage>, DbErr> {
        let rows = volunteer::Entity::find()
            .filter(self.condition.clone())
            .filter(volunteer::Column::Id.gt(self.after))
            .order_by_asc(volunteer::Column::Id)
            .limit(PAGE)
            .all(&self.db)
            .await?;
        self.rows_done = (rows.len() as u64) < PAGE;
        let (Some(first), Some(last)) = (rows.first().map(|v| v.id), rows.last().map(|v| v.id))
        else {
            return Ok(None);
        };
        self.after = last;
        let people: Vec<(i64, &str, NaiveDate, bool)> = rows
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
        let any_shown = rows.iter().any(|v| visible.contains(&v.id));
        let details = tokio::spawn(volunteer_details(self.db.clone(), first, last, any_shown));
        Ok(Some(VolunteerPage {
            rows,
            visible,
            details,
        }))
    }

    async fn participations(&mut self) -> Result<Vec<Vec<Value>>, DbErr> {
        // One statement per page, the event's columns joined in: the same
        // shape for every page. The volunteers' columns come from `people`,
        // read once per volunteer for the whole export: joined in, each row
        // of five million was an index descent into the volunteers.
        let (p, e) = (participation::Entity, event::Entity);
        let query = Query::select()
            .columns([
                (p, participation::Column::Id),
                (p, participation::Column::VolunteerId),
                (p, participation::Column::EventId),
                (p, participation::Column::Status),
                (p, participation::Column::RegisteredAt),
                (p, participation::Column::CheckedInAt),
                (p, participation::Column::CheckedOutAt),
                (p, participation::Column::Minutes),
                (p, participation::Column::MinutesSource),
                (p, participation::Column::OnDate),
                (p, participation::Column::VerifiedAt),
            ])
            .expr_as(Expr::col((e, event::Column::Title)), "e_title")
            .expr_as(Expr::col((e, event::Column::RegionCode)), "e_region")
            .from(p)
            .inner_join(
                e,
                Expr::col((e, event::Column::Id)).equals((p, participation::Column::EventId)),
            )
            .cond_where(self.condition.clone())
            .and_where(Expr::col((p, participation::Column::Id)).gt(self.after))
            .order_by((p, participation::Column::Id), sea_orm::Order::Asc)
            .limit(PAGE)
            .to_owned();
        let page = match &self.sqlite {
            Some(reader) => reader.participations(&query).await?,
            None => self.pooled_participations(&query).await?,
        };
        self.done = (page.len() as u64) < PAGE;
        let Some(last) = page.last() else {
            return Ok(Vec::new());
        };
        self.after = last.p.id;
        let mut ids: Vec<i64> = page.iter().map(|j| j.p.volunteer_id).collect();
        ids.sort_unstable();
        ids.dedup();
        self.meet(&ids).await?;
        let keys: Vec<(i64, &str, NaiveDate, bool)> = ids
            .iter()
            .filter_map(|id| {
                let person = self.people.get(id)?;
                Some((*id, person.region.as_str(), person.born, person.erased))
            })
            .collect();
        let visible = self.viewer.visible(&self.db, &keys, self.today).await?;
        let at =
            |t: Option<DateTime<Utc>>| t.map_or(Value::Null, |t| Value::String(t.to_rfc3339()));
        Ok(page
            .into_iter()
            .map(|j| {
                let p = &j.p;
                let name = match self.people.get(&p.volunteer_id) {
                    Some(Person {
                        name: Some(name), ..
                    }) if visible.contains(&p.volunteer_id) => Value::String(name.clone()),
                    _ => Value::Null,
                };
                let (title, region) = (Value::String(j.title), Value::String(j.event_region));
                vec![
                    Value::String(ids::encode(NodeType::Participation, p.id).0),
                    Value::String(ids::encode(NodeType::Volunteer, p.volunteer_id).0),
                    name,
                    Value::String(ids::encode(NodeType::Event, p.event_id).0),
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

    /// Read the volunteers of `ids` not met before in this export.
    async fn meet(&mut self, ids: &[i64]) -> Result<(), DbErr> {
        let new: Vec<i64> = ids
            .iter()
            .copied()
            .filter(|id| !self.people.contains_key(id))
            .collect();
        if new.is_empty() {
            return Ok(());
        }
        let rows: Vec<PersonRow> = volunteer::Entity::find()
            .select_only()
            .column(volunteer::Column::Id)
            .column(volunteer::Column::FullName)
            .column(volunteer::Column::RegionCode)
            .column(volunteer::Column::BirthDate)
            .column(volunteer::Column::ErasedAt)
            .filter(volunteer::Column::Id.is_in(new))
            .into_tuple()
            .all(&self.db)
            .await?;
        for (id, name, region, born, erased) in rows {
            self.people.insert(
                id,
                Person {
                    name,
                    region,
                    born,
                    erased: erased.is_some(),
                },
            );
        }
        Ok(())
    }

    /// A page of participations read through the pool.
    async fn pooled_participations(
        &self,
        query: &sea_orm::sea_query::SelectStatement,
    ) -> Result<Vec<Joined>, DbErr> {
        let rows = self.db.query_all(query).await?;
        let mut page = Vec::with_capacity(rows.len());
        for row in &rows {
            page.push(Joined {
                p: participation::Model {
                    id: row.try_get("", "id")?,
                    volunteer_id: row.try_get("", "volunteer_id")?,
                    event_id: row.try_get("", "event_id")?,
                    status: row.try_get("", "status")?,
                    registered_at: row.try_get("", "registered_at")?,
                    checked_in_at: row.try_get("", "checked_in_at")?,
                    checked_out_at: row.try_get("", "checked_out_at")?,
                    minutes: row.try_get("", "minutes")?,
                    minutes_source: row.try_get("", "minutes_source")?,
                    on_date: row.try_get("", "on_date")?,
                    verified_at: row.try_get("", "verified_at")?,
                    verified_by: None,
                },
                title: row.try_get("", "e_title")?,
                event_region: row.try_get("", "e_region")?,
            });
        }
        Ok(page)
    }
}

/// A participation with its event's columns.
pub struct Joined {
    pub p: participation::Model,
    pub title: String,
    pub event_region: String,
}

/// A volunteer's id, name, region, birth date and erasure, as read.
type PersonRow = (
    i64,
    Option<String>,
    String,
    NaiveDate,
    Option<DateTime<Utc>>,
);

/// What a list of participations shows of a volunteer, and what decides
/// whether it may.
struct Person {
    name: Option<String>,
    region: String,
    born: NaiveDate,
    erased: bool,
}

/// A page of volunteers read, whose details are being read.
struct VolunteerPage {
    rows: Vec<volunteer::Model>,
    visible: HashSet<i64>,
    details: tokio::task::JoinHandle<Result<Details, DbErr>>,
}

/// What a page of volunteers shows besides their rows.
struct Details {
    tags: HashMap<(i64, TagKind), Vec<String>>,
    roles: HashMap<i64, FamilyRole>,
    minutes: HashMap<i64, i64>,
}

/// The tags, family roles and minutes of the volunteers numbered `first`
/// to `last` (tags and roles only if someone's personal data is shown),
/// read side by side.
///
/// By the page's id range, not its ids: a statement of one shape for
/// every page, which walks an index (a list of thousands of ids would be a
/// statement of its own per page, and a scan).
async fn volunteer_details(
    db: DatabaseConnection,
    first: i64,
    last: i64,
    any_shown: bool,
) -> Result<Details, DbErr> {
    let tags = async {
        let mut tags: HashMap<(i64, TagKind), Vec<String>> = HashMap::new();
        if any_shown {
            for t in volunteer_tag::Entity::find()
                .filter(volunteer_tag::Column::VolunteerId.between(first, last))
                .order_by_asc(volunteer_tag::Column::Tag)
                .all(&db)
                .await?
            {
                tags.entry((t.volunteer_id, t.kind))
                    .or_default()
                    .push(t.tag);
            }
        }
        Ok::<_, DbErr>(tags)
    };
    let roles = async {
        if !any_shown {
            return Ok(HashMap::new());
        }
        Ok::<_, DbErr>(
            family_member::Entity::find()
                .filter(family_member::Column::VolunteerId.between(first, last))
                .all(&db)
                .await?
                .into_iter()
                .map(|m| (m.volunteer_id, m.role))
                .collect(),
        )
    };
    // Minutes as `totalMinutes` counts them: attended, events not
    // cancelled. The few cancelled events are a set apart, so the
    // statement walks the participations of the page's volunteers by
    // their index (which holds the status and the minutes) rather than
    // joining every event.
    let minutes = async {
        let (p, e) = (participation::Entity, event::Entity);
        let cancelled = Query::select()
            .column(event::Column::Id)
            .from(e)
            .and_where(Expr::col(event::Column::Status).eq(EventStatus::Cancelled.as_str()))
            .to_owned();
        let sums = Query::select()
            .expr_as(Expr::col((p, participation::Column::VolunteerId)), "k")
            .expr_as(Expr::cust("COALESCE(SUM(participation.minutes), 0)"), "m")
            .from(p)
            .and_where(Expr::col((p, participation::Column::VolunteerId)).between(first, last))
            .and_where(
                Expr::col((p, participation::Column::Status))
                    .eq(ParticipationStatus::Attended.as_str()),
            )
            .and_where(Expr::col((p, participation::Column::EventId)).not_in_subquery(cancelled))
            .group_by_col((p, participation::Column::VolunteerId))
            .to_owned();
        db.query_all(&sums)
            .await?
            .into_iter()
            .map(|row| Ok((row.try_get::<i64>("", "k")?, row.try_get::<i64>("", "m")?)))
            .collect::<Result<HashMap<i64, i64>, DbErr>>()
    };
    let (tags, roles, minutes) = tokio::try_join!(tags, roles, minutes)?;
    Ok(Details {
        tags,
        roles,
        minutes,
    })
}

/// A page of volunteers as cells in the export's column order.
fn volunteer_rows(
    page: Vec<volunteer::Model>,
    visible: &HashSet<i64>,
    details: &Details,
    today: NaiveDate,
) -> Vec<Vec<Value>> {
    let date = |d: NaiveDate| Value::String(d.to_string());
    page.into_iter()
        .map(|v| {
            let seen = visible.contains(&v.id);
            let personal = |value: Value| if seen { value } else { Value::Null };
            let text = |t: Option<String>| t.map_or(Value::Null, Value::String);
            let list = |kind| {
                personal(json!(
                    details.tags.get(&(v.id, kind)).cloned().unwrap_or_default()
                ))
            };
            let total = details.minutes.get(&v.id).copied().unwrap_or(0);
            let role = details
                .roles
                .get(&v.id)
                .map_or(Value::Null, |r| json!(r.as_str()));
            vec![
                Value::String(ids::encode(NodeType::Volunteer, v.id).0),
                personal(text(v.full_name)),
                personal(text(v.latin_name)),
                personal(date(v.birth_date)),
                personal(json!(age_on(v.birth_date, today))),
                Value::String(v.region_code),
                date(v.registered_on),
                personal(text(v.phone)),
                personal(text(v.email)),
                list(TagKind::Skill),
                list(TagKind::Language),
                personal(role),
                personal(text(v.guardian_name)),
                personal(v.guardian_consent_on.map_or(Value::Null, date)),
                json!(total),
                json!(crate::domain::hours::hours(total)),
            ]
        })
        .collect()
}
