//! The headings of exported columns in Kazakh, Russian and English. The
//! key is the API's name of the field, which programs reading a file can
//! rely on whatever the language (`?lang=` chooses the headings only).

use crate::i18n::Lang;

const HEADINGS: &[(&str, [&str; 3])] = &[
    ("id", ["Нөмірі", "Номер", "Id"]),
    ("fullName", ["Аты-жөні", "ФИО", "Full name"]),
    ("latinName", ["Латын әрпімен", "Латиницей", "Latin name"]),
    ("birthDate", ["Туған күні", "Дата рождения", "Birth date"]),
    ("age", ["Жасы", "Возраст", "Age"]),
    ("regionCode", ["Өңір", "Регион", "Region"]),
    (
        "registeredOn",
        ["Тіркелген күні", "Дата регистрации", "Registered on"],
    ),
    ("phone", ["Телефон", "Телефон", "Phone"]),
    ("email", ["Электрондық пошта", "Эл. почта", "Email"]),
    ("skills", ["Дағдылар", "Навыки", "Skills"]),
    ("languages", ["Тілдер", "Языки", "Languages"]),
    (
        "familyRole",
        ["Отбасындағы рөлі", "Роль в семье", "Role in the family"],
    ),
    (
        "guardianName",
        ["Заңды өкілі", "Законный представитель", "Legal guardian"],
    ),
    (
        "guardianConsentOn",
        [
            "Заңды өкілінің келісімі",
            "Дата согласия законного представителя",
            "Guardian consent on",
        ],
    ),
    ("minutes", ["Минут", "Минуты", "Minutes"]),
    ("hours", ["Сағат", "Часы", "Hours"]),
    ("familyName", ["Отбасы", "Семья", "Family"]),
    (
        "createdOn",
        ["Құрылған күні", "Дата создания", "Created on"],
    ),
    ("title", ["Атауы", "Название", "Title"]),
    ("kind", ["Түрі", "Вид", "Kind"]),
    ("level", ["Деңгейі", "Уровень", "Level"]),
    (
        "activityType",
        ["Қызмет түрі", "Направление", "Activity type"],
    ),
    ("hazardous", ["Қауіпті", "Опасное", "Hazardous"]),
    ("projectId", ["Жоба", "Проект", "Project"]),
    ("startsAt", ["Басталуы", "Начало", "Starts at"]),
    ("endsAt", ["Аяқталуы", "Окончание", "Ends at"]),
    ("capacity", ["Орын саны", "Количество мест", "Capacity"]),
    ("status", ["Күйі", "Статус", "Status"]),
    (
        "registeredCount",
        ["Тіркелгендер", "Зарегистрировано", "Registered"],
    ),
    (
        "participantCount",
        ["Қатысқандар", "Участвовало", "Took part"],
    ),
    (
        "volunteerId",
        ["Ерікті нөмірі", "Номер волонтёра", "Volunteer id"],
    ),
    (
        "eventId",
        ["Іс-шара нөмірі", "Номер мероприятия", "Event id"],
    ),
    ("eventTitle", ["Іс-шара", "Мероприятие", "Event"]),
    ("date", ["Күні", "Дата", "Date"]),
    (
        "registeredAt",
        ["Тіркелген уақыты", "Время регистрации", "Registered at"],
    ),
    (
        "checkedInAt",
        ["Келген уақыты", "Время прихода", "Checked in at"],
    ),
    (
        "checkedOutAt",
        ["Кеткен уақыты", "Время ухода", "Checked out at"],
    ),
    (
        "minutesSource",
        [
            "Минуттардың көзі",
            "Источник минут",
            "Source of the minutes",
        ],
    ),
    ("estimated", ["Бағалау", "Оценка", "Estimated"]),
    ("verified", ["Расталған", "Подтверждено", "Verified"]),
    (
        "verifiedAt",
        ["Расталған уақыты", "Время подтверждения", "Verified at"],
    ),
    ("direction", ["Бағыты", "Направление обмена", "Direction"]),
    ("countryCode", ["Ел", "Страна", "Country"]),
    ("organizationId", ["Ұйым", "Организация", "Organization"]),
    ("startsOn", ["Басталу күні", "Дата начала", "Starts on"]),
    ("endsOn", ["Аяқталу күні", "Дата окончания", "Ends on"]),
    (
        "foreignParticipants",
        [
            "Шетелдік қатысушылар",
            "Иностранные участники",
            "Foreign participants",
        ],
    ),
    ("at", ["Уақыты", "Время", "At"]),
    ("actor", ["Кім", "Кто", "Actor"]),
    ("action", ["Әрекет", "Действие", "Action"]),
    ("entity", ["Нысан", "Объект", "Entity"]),
    ("entityId", ["Нысан нөмірі", "Номер объекта", "Entity id"]),
    ("summary", ["Мазмұны", "Содержание", "Summary"]),
    ("requestId", ["Сұрау нөмірі", "Номер запроса", "Request id"]),
    ("from", ["Басы", "С", "From"]),
    ("to", ["Соңы", "По", "To"]),
    (
        "registeredVolunteers",
        [
            "Тіркелген еріктілер",
            "Зарегистрировано волонтёров",
            "Registered volunteers",
        ],
    ),
    (
        "newVolunteers",
        ["Жаңа еріктілер", "Новые волонтёры", "New volunteers"],
    ),
    (
        "activeVolunteers",
        [
            "Белсенді еріктілер",
            "Активные волонтёры",
            "Active volunteers",
        ],
    ),
    (
        "verifiedHours",
        ["Расталған сағат", "Подтверждённые часы", "Verified hours"],
    ),
    (
        "verifiedMinutes",
        [
            "Расталған минут",
            "Подтверждённые минуты",
            "Verified minutes",
        ],
    ),
    (
        "measuredHours",
        ["Өлшенген сағат", "Измеренные часы", "Measured hours"],
    ),
    (
        "measuredMinutes",
        ["Өлшенген минут", "Измеренные минуты", "Measured minutes"],
    ),
    (
        "estimatedHours",
        ["Бағаланған сағат", "Оценённые часы", "Estimated hours"],
    ),
    (
        "estimatedMinutes",
        ["Бағаланған минут", "Оценённые минуты", "Estimated minutes"],
    ),
    (
        "selfReportedHours",
        [
            "Өзі хабарлаған сағат",
            "Часы со слов волонтёра",
            "Self-reported hours",
        ],
    ),
    (
        "selfReportedMinutes",
        [
            "Өзі хабарлаған минут",
            "Минуты со слов волонтёра",
            "Self-reported minutes",
        ],
    ),
    (
        "importedHours",
        [
            "Импортталған сағат",
            "Импортированные часы",
            "Imported hours",
        ],
    ),
    (
        "importedMinutes",
        [
            "Импортталған минут",
            "Импортированные минуты",
            "Imported minutes",
        ],
    ),
    (
        "openEstimates",
        [
            "Расталмаған бағалаулар",
            "Неподтверждённые оценки",
            "Open estimates",
        ],
    ),
    (
        "hoursYearEarlier",
        [
            "Бір жыл бұрынғы сағат",
            "Часы годом ранее",
            "Hours a year earlier",
        ],
    ),
    (
        "minutesYearEarlier",
        [
            "Бір жыл бұрынғы минут",
            "Минуты годом ранее",
            "Minutes a year earlier",
        ],
    ),
    (
        "hoursGrowth",
        ["Сағаттың өсуі", "Рост часов", "Growth of hours"],
    ),
    ("events", ["Іс-шаралар", "Мероприятия", "Events"]),
    (
        "youngestActiveAge",
        ["Ең жас белсенді", "Младший активный", "Youngest active"],
    ),
    (
        "oldestActiveAge",
        ["Ең үлкен белсенді", "Старший активный", "Oldest active"],
    ),
    (
        "familyParticipations",
        [
            "Отбасылық қатысулар",
            "Семейные участия",
            "Family participations",
        ],
    ),
    (
        "activeFamilies",
        ["Белсенді отбасылар", "Активные семьи", "Active families"],
    ),
    ("figure", ["Көрсеткіш", "Показатель", "Figure"]),
    ("published", ["Жарияланған", "Опубликовано", "Published"]),
    ("current", ["Қазіргі", "Текущее", "Current"]),
    ("difference", ["Айырма", "Разница", "Difference"]),
    (
        "publishedMinutes",
        [
            "Жарияланған минут",
            "Опубликованные минуты",
            "Published minutes",
        ],
    ),
    (
        "currentMinutes",
        ["Қазіргі минут", "Текущие минуты", "Current minutes"],
    ),
    (
        "differenceMinutes",
        [
            "Минут айырмасы",
            "Разница в минутах",
            "Difference in minutes",
        ],
    ),
];

/// The heading of column `key` in `lang`; the key itself if it has none.
pub fn heading(key: &str, lang: Lang) -> &str {
    HEADINGS
        .iter()
        .find(|(k, _)| *k == key)
        .map(|(_, texts)| match lang {
            Lang::Kk => texts[0],
            Lang::Ru => texts[1],
            Lang::En => texts[2],
        })
        .unwrap_or(key)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::catalogue::EXPORTS;

    #[test]
    fn every_column_has_a_heading_in_every_language() {
        for export in EXPORTS {
            for (key, _) in export.columns {
                assert!(
                    HEADINGS.iter().any(|(k, _)| k == key),
                    "{}: {key} has no heading",
                    export.name
                );
            }
        }
    }
}
