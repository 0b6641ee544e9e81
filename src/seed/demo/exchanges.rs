//! International exchanges of the last years, both directions; one spans
//! the last new year.

use super::calendar::Calendar;
use super::people::Member;
use crate::domain::time::age_on;
use entity::{ExchangeDirection, exchange_participant, international_exchange};
use sea_orm::ActiveValue::Set;
use sea_orm::{ActiveModelTrait, ConnectionTrait, DbErr, NotSet};

/// Records the exchanges; how many.
pub async fn seed(
    db: &impl ConnectionTrait,
    calendar: &Calendar,
    members: &[Member],
    organizations: &[i64],
) -> Result<usize, DbErr> {
    let year = calendar.year();
    let adults: Vec<i64> = members
        .iter()
        .filter(|m| {
            age_on(m.birth, Calendar::date(year - 3, 1, 1)) >= 18
                && m.registered < Calendar::date(year - 4, 1, 1)
        })
        .map(|m| m.id)
        .collect();
    let exchanges = [
        (
            "Türk gençleri Astana'da",
            ExchangeDirection::Inbound,
            "TR",
            organizations[1],
            (
                Calendar::date(year - 3, 7, 3),
                Calendar::date(year - 3, 7, 14),
            ),
            14,
        ),
        (
            "Freiwilligensommer in Berlin",
            ExchangeDirection::Outbound,
            "DE",
            organizations[2],
            (
                Calendar::date(year - 2, 8, 5),
                Calendar::date(year - 2, 8, 25),
            ),
            0,
        ),
        (
            "Winter Volunteer Camp Seoul",
            ExchangeDirection::Outbound,
            "KR",
            organizations[3],
            (
                Calendar::date(year - 1, 12, 20),
                Calendar::date(year, 1, 10),
            ),
            0,
        ),
    ];
    for (i, (title, direction, country, organization, (from, to), foreign)) in
        exchanges.iter().enumerate()
    {
        let id = international_exchange::ActiveModel {
            id: NotSet,
            title: Set((*title).into()),
            direction: Set(*direction),
            country_code: Set((*country).into()),
            organization_id: Set(Some(*organization)),
            event_id: Set(None),
            starts_on: Set(*from),
            ends_on: Set(*to),
            foreign_participants: Set(*foreign),
        }
        .insert(db)
        .await?
        .id;
        for v in adults.iter().skip(i * 5).take(3 + i) {
            exchange_participant::ActiveModel {
                exchange_id: Set(id),
                volunteer_id: Set(*v),
            }
            .insert(db)
            .await?;
        }
    }
    Ok(exchanges.len())
}
