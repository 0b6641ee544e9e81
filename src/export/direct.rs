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
use crate::export::cell::Cell;
use crate::export::met::Met;
use crate::export::pages::Refusal;
use crate::export::positional::{
    self, EVENT_COLUMNS, Listed, PARTICIPATION_COLUMNS, PERSON_COLUMNS, VOLUNTEER_COLUMNS,
};
use crate::export::sqlite::Reader;
use crate::graphql::filtering;
use crate::graphql::ids::NodeType;
use crate::graphql::participations::ParticipationFilter;
use crate::graphql::volunteers::{VolunteerFilter, mentions_name, mentions_statuses};
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

/// Volunteers read per statement (their details are read by the page's
/// id range, which favours long pages).
const PAGE: u64 = 5_000;

/// Participations read per statement: enough that a statement's cost is
/// spread thin, few enough that the pages on their way (read, being turned
/// into cells, being written) hold little memory.
const PARTICIPATIONS_PAGE: u64 = 2_000;

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
    /// The SQLite file's own reader, when the database is one.
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
    /// The volunteers and events a list of participations has met.
    met: Met,
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
                // The list's own refusals: searching people by name, and
                // listing sign-ups not yet confirmed, are for admins and
                // coordinators.
                let privileged = caller.is_admin() || caller.role() == Some(Role::Coordinator);
                if f.as_ref().is_some_and(mentions_name) && !privileged {
                    return Err(domain(crate::domain::error::DomainError::forbidden(msg!(
                        "name-search-forbidden"
                    ))));
                }
                if f.as_ref().is_some_and(mentions_statuses) && !privileged {
                    return Err(domain(crate::domain::error::DomainError::forbidden(msg!(
                        "status-filter-forbidden"
                    ))));
                }
                filtering::condition(f.as_ref(), now).map_err(domain)?
            }
            List::Participations(f) => filtering::condition(f.as_ref(), now).map_err(domain)?,
        };
        let viewer = Viewer::of(db, caller)
            .await
            .map_err(|e| refusal(ErrorCode::Internal, e.to_string()))?;
        let sqlite = Reader::open(db)
            .await
            .map_err(|e| refusal(ErrorCode::Internal, e.to_string()))?;
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
            met: Met::default(),
            today: crate::domain::time::kz_date(now),
        }))
    }

    /// The next page's rows, as cells in the export's column order.
    pub async fn next(&mut self) -> Result<Option<Vec<Vec<Cell>>>, Refusal> {
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
    async fn volunteers(&mut self) -> Result<Vec<Vec<Cell>>, DbErr> {
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
        let query = Query::select()
            .columns(VOLUNTEER_COLUMNS)
            .from(volunteer::Entity)
            .cond_where(self.condition.clone())
            .and_where(Expr::col(volunteer::Column::Id).gt(self.after))
            .order_by(volunteer::Column::Id, sea_orm::Order::Asc)
            .limit(PAGE)
            .to_owned();
        let rows = self
            .read(
                &query,
                true,
                |row| positional::volunteer(row),
                positional::volunteer,
            )
            .await?;
        self.rows_done = (rows.len() as u64) < PAGE;
        let (Some(first), Some(last)) = (rows.first().map(|v| v.id), rows.last().map(|v| v.id))
        else {
            return Ok(None);
        };
        self.after = last;
        let people: Vec<(i64, &str, NaiveDate, bool)> = rows
            .iter()
            .map(|v| (v.id, v.region_code.as_str(), v.birth_date, v.erased))
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

    async fn participations(&mut self) -> Result<Vec<Vec<Cell>>, DbErr> {
        // One statement per page, of the same shape for every page. The
        // event is joined for the filter's sake only: the events' and the
        // volunteers' columns are read once per export (`meet`), not
        // carried on each of five million rows.
        let (p, e) = (participation::Entity, event::Entity);
        let query = Query::select()
            .columns(PARTICIPATION_COLUMNS.map(|c| (p, c)))
            .from(p)
            .inner_join(
                e,
                Expr::col((e, event::Column::Id)).equals((p, participation::Column::EventId)),
            )
            .cond_where(self.condition.clone())
            .and_where(Expr::col((p, participation::Column::Id)).gt(self.after))
            .order_by((p, participation::Column::Id), sea_orm::Order::Asc)
            .limit(PARTICIPATIONS_PAGE)
            .to_owned();
        let page = self
            .read(
                &query,
                true,
                |row| positional::participation(row),
                positional::participation,
            )
            .await?;
        self.done = (page.len() as u64) < PARTICIPATIONS_PAGE;
        let Some(last) = page.last() else {
            return Ok(Vec::new());
        };
        self.after = last.id;
        let mut ids: Vec<i64> = page.iter().map(|p| p.volunteer_id).collect();
        ids.sort_unstable();
        ids.dedup();
        let mut events: Vec<i64> = page.iter().map(|p| p.event_id).collect();
        events.sort_unstable();
        events.dedup();
        self.meet(&ids, &events).await?;
        let keys: Vec<(i64, &str, NaiveDate, bool)> = ids
            .iter()
            .filter_map(|id| {
                let person = self.met.person(*id)?;
                Some((*id, person.region, person.born, person.erased))
            })
            .collect();
        let visible = self.viewer.visible(&self.db, &keys, self.today).await?;
        let moment = |t: Option<DateTime<Utc>>| t.map_or(Cell::Null, Cell::Moment);
        Ok(page
            .into_iter()
            .map(|p| {
                let name = if visible.contains(&p.volunteer_id) {
                    self.met.name(p.volunteer_id)
                } else {
                    Cell::Null
                };
                let (title, region) = self.met.event(p.event_id);
                vec![
                    Cell::Id(NodeType::Participation, p.id),
                    Cell::Id(NodeType::Volunteer, p.volunteer_id),
                    name,
                    Cell::Id(NodeType::Event, p.event_id),
                    title,
                    region,
                    Cell::Date(p.on_date),
                    Cell::Static(p.status.as_str()),
                    Cell::Moment(p.registered_at),
                    moment(p.checked_in_at),
                    moment(p.checked_out_at),
                    p.minutes.map_or(Cell::Null, |m| Cell::Int(i64::from(m))),
                    p.minutes.map_or(Cell::Null, |m| Cell::Hours(i64::from(m))),
                    p.minutes_source
                        .map_or(Cell::Null, |s| Cell::Static(s.as_str())),
                    Cell::Bool(p.minutes_source == Some(entity::HoursSource::AutoClose)),
                    Cell::Bool(p.verified_at.is_some()),
                    moment(p.verified_at),
                ]
            })
            .collect())
    }

    /// Read the volunteers and events of `people` and `events` not met
    /// before in this export.
    async fn meet(&mut self, people: &[i64], events: &[i64]) -> Result<(), DbErr> {
        let people = self.met.new_people(people);
        if !people.is_empty() {
            let query = Query::select()
                .columns(PERSON_COLUMNS)
                .from(volunteer::Entity)
                .and_where(Expr::col(volunteer::Column::Id).is_in(people))
                .to_owned();
            let rows = self
                .read(
                    &query,
                    false,
                    |row| positional::person(row),
                    positional::person,
                )
                .await?;
            self.met.add_people(rows);
        }
        let events = self.met.new_events(events);
        if !events.is_empty() {
            let query = Query::select()
                .columns(EVENT_COLUMNS)
                .from(event::Entity)
                .and_where(Expr::col(event::Column::Id).is_in(events))
                .to_owned();
            let rows = self
                .read(
                    &query,
                    false,
                    |row| positional::event(row),
                    positional::event,
                )
                .await?;
            self.met.add_events(rows);
        }
        Ok(())
    }

    /// The rows of `query`, by the SQLite file's own reader if there is
    /// one, else through the pool.
    async fn read<T: Send + 'static>(
        &self,
        query: &sea_orm::sea_query::SelectStatement,
        repeats: bool,
        on_file: fn(&rusqlite::Row<'_>) -> Result<T, DbErr>,
        pooled: fn(&sea_orm::QueryResult) -> Result<T, DbErr>,
    ) -> Result<Vec<T>, DbErr> {
        match &self.sqlite {
            Some(reader) => reader.rows(query, repeats, on_file).await,
            None => self.db.query_all(query).await?.iter().map(pooled).collect(),
        }
    }
}

/// A page of volunteers read, whose details are being read.
struct VolunteerPage {
    rows: Vec<Listed>,
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
    page: Vec<Listed>,
    visible: &HashSet<i64>,
    details: &Details,
    today: NaiveDate,
) -> Vec<Vec<Cell>> {
    page.into_iter()
        .map(|v| {
            let seen = visible.contains(&v.id);
            let personal = |cell: Cell| if seen { cell } else { Cell::Null };
            let text = |t: Option<String>| t.map_or(Cell::Null, Cell::Text);
            let list = |kind| {
                personal(Cell::Json(Box::new(json!(
                    details.tags.get(&(v.id, kind)).cloned().unwrap_or_default()
                ))))
            };
            let total = details.minutes.get(&v.id).copied().unwrap_or(0);
            let role = details
                .roles
                .get(&v.id)
                .map_or(Cell::Null, |r| Cell::Static(r.as_str()));
            vec![
                Cell::Id(NodeType::Volunteer, v.id),
                personal(text(v.full_name)),
                personal(text(v.latin_name)),
                personal(Cell::Date(v.birth_date)),
                personal(Cell::Int(i64::from(age_on(v.birth_date, today)))),
                Cell::Text(v.region_code),
                Cell::Date(v.registered_on),
                personal(text(v.phone)),
                personal(text(v.email)),
                list(TagKind::Skill),
                list(TagKind::Language),
                personal(role),
                personal(text(v.guardian_name)),
                personal(v.guardian_consent_on.map_or(Cell::Null, Cell::Date)),
                Cell::Int(total),
                Cell::Hours(total),
            ]
        })
        .collect()
}
