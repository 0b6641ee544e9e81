//! `labels`: what people read for the enum values clients show, in Kazakh,
//! Russian or English (`i18n::labels`).

use crate::i18n::{Lang, labels::LABELS};
use async_graphql::{Context, Enum, Object, SimpleObject};

/// A language people read.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
pub enum Language {
    /// Kazakh.
    Kk,
    /// Russian.
    Ru,
    /// English.
    En,
}

impl From<Language> for Lang {
    fn from(language: Language) -> Lang {
        match language {
            Language::Kk => Lang::Kk,
            Language::Ru => Lang::Ru,
            Language::En => Lang::En,
        }
    }
}

/// The label of one enum value.
#[derive(SimpleObject)]
pub struct EnumLabel {
    /// The enum, e.g. `EventKind`.
    pub enum_name: &'static str,
    /// The value, e.g. `RAID`.
    pub value: &'static str,
    /// What people read, e.g. «Рейд».
    pub label: &'static str,
}

#[derive(Default)]
pub struct LabelsQuery;

#[Object]
impl LabelsQuery {
    /// Labels of the enum values clients show (kinds, levels and statuses
    /// of events, participation statuses, family roles, beneficiary
    /// categories, activity types, exchange directions, organization,
    /// region and front-office kinds, roles), in `lang`, or else in the
    /// language of the request's `Accept-Language`, or else English. The
    /// enum values themselves stay the contract for programs. `enums`
    /// narrows the answer to those enums.
    async fn labels(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "The language; by default the request's `Accept-Language`, else English."
        )]
        lang: Option<Language>,
        #[graphql(
            desc = "Only these enums (their GraphQL names, e.g. `EventKind`); all when not given."
        )]
        enums: Option<Vec<String>>,
    ) -> Vec<EnumLabel> {
        let lang = lang
            .map(Lang::from)
            .or_else(|| ctx.data_opt::<Lang>().copied())
            .unwrap_or(Lang::En);
        LABELS
            .iter()
            .filter(|l| {
                enums
                    .as_ref()
                    .is_none_or(|wanted| wanted.iter().any(|e| e == l.enum_name))
            })
            .map(|l| EnumLabel {
                enum_name: l.enum_name,
                value: l.value,
                label: l.text(lang),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graphql::enums;
    use async_graphql::OutputType;
    use async_graphql::resolver_utils::EnumType;
    use std::collections::BTreeSet;

    /// The values of `T` and the labelled values of its name are the same.
    fn covers<T: EnumType + OutputType>() {
        let name = T::type_name();
        let values: BTreeSet<&str> = T::items().iter().map(|i| i.name).collect();
        let labelled: BTreeSet<&str> = LABELS
            .iter()
            .filter(|l| l.enum_name == name)
            .map(|l| l.value)
            .collect();
        assert_eq!(values, labelled, "{name}");
        for label in LABELS.iter().filter(|l| l.enum_name == name) {
            for lang in Lang::ALL {
                assert!(
                    !label.text(lang).trim().is_empty(),
                    "{name}.{}",
                    label.value
                );
            }
        }
    }

    #[test]
    fn every_value_clients_show_has_a_label_in_every_language() {
        covers::<enums::RegionKind>();
        covers::<enums::FrontOfficeKind>();
        covers::<enums::OrganizationKind>();
        covers::<enums::FamilyRole>();
        covers::<enums::EventKind>();
        covers::<enums::EventLevel>();
        covers::<enums::EventStatus>();
        covers::<enums::ActivityType>();
        covers::<enums::ParticipationStatus>();
        covers::<enums::BeneficiaryCategory>();
        covers::<enums::ExchangeDirection>();
        covers::<enums::Role>();
        covers::<enums::HoursSource>();
        covers::<enums::HoursReview>();
        covers::<enums::VolunteerStatus>();
        covers::<enums::SignInOutcome>();
        let enums: BTreeSet<&str> = LABELS.iter().map(|l| l.enum_name).collect();
        assert_eq!(enums.len(), 16, "no label names an enum not checked here");
    }
}
