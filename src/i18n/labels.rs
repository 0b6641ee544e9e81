//! Labels of the enum values clients show (kinds of events, levels,
//! statuses, roles…) in Kazakh, Russian and English, one table for the API
//! (`labels`), the public page and the playground alike.

use crate::i18n::Lang;

/// One value's labels: the enum's GraphQL name, the value's, and its
/// labels in Kazakh, Russian and English.
pub struct Label {
    pub enum_name: &'static str,
    pub value: &'static str,
    texts: [&'static str; 3],
}

impl Label {
    pub fn text(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Kk => self.texts[0],
            Lang::Ru => self.texts[1],
            Lang::En => self.texts[2],
        }
    }
}

const fn label(enum_name: &'static str, value: &'static str, texts: [&'static str; 3]) -> Label {
    Label {
        enum_name,
        value,
        texts,
    }
}

/// The labels of one value of one enum.
pub fn find(enum_name: &str, value: &str) -> Option<&'static Label> {
    LABELS
        .iter()
        .find(|l| l.enum_name == enum_name && l.value == value)
}

/// Every labelled value, enum by enum in schema order.
pub const LABELS: &[Label] = &[
    label("RegionKind", "REGION", ["Облыс", "Область", "Region"]),
    label(
        "RegionKind",
        "CITY",
        [
            "Республикалық маңызы бар қала",
            "Город республиканского значения",
            "City of republican significance",
        ],
    ),
    label(
        "FrontOfficeKind",
        "REPUBLICAN",
        [
            "Республикалық фронт-офис",
            "Республиканский фронт-офис",
            "National front office",
        ],
    ),
    label(
        "FrontOfficeKind",
        "REGIONAL",
        [
            "Өңірлік фронт-офис",
            "Региональный фронт-офис",
            "Regional front office",
        ],
    ),
    label(
        "OrganizationKind",
        "INTERNATIONAL",
        [
            "Халықаралық ұйым",
            "Международная организация",
            "International organization",
        ],
    ),
    label(
        "OrganizationKind",
        "VOLUNTEER_ORGANIZATION",
        [
            "Волонтерлік ұйым",
            "Волонтёрская организация",
            "Volunteer organization",
        ],
    ),
    label(
        "OrganizationKind",
        "NGO",
        [
            "Үкіметтік емес ұйым",
            "Некоммерческая организация",
            "Non-governmental organization",
        ],
    ),
    label(
        "OrganizationKind",
        "STATE_BODY",
        ["Мемлекеттік орган", "Государственный орган", "State body"],
    ),
    label(
        "OrganizationKind",
        "COMPANY",
        ["Компания", "Компания", "Company"],
    ),
    label("OrganizationKind", "OTHER", ["Басқа", "Другое", "Other"]),
    label("FamilyRole", "GUARDIAN", ["Қамқоршы", "Опекун", "Guardian"]),
    label("FamilyRole", "CHILD", ["Бала", "Ребёнок", "Child"]),
    label(
        "FamilyRole",
        "OTHER",
        [
            "Отбасының басқа мүшесі",
            "Другой член семьи",
            "Other member",
        ],
    ),
    label("EventKind", "EVENT", ["Іс-шара", "Мероприятие", "Event"]),
    label("EventKind", "ACTION", ["Акция", "Акция", "Action"]),
    label("EventKind", "RAID", ["Рейд", "Рейд", "Raid"]),
    label(
        "EventLevel",
        "REGIONAL",
        ["Өңірлік", "Региональный", "Regional"],
    ),
    label(
        "EventLevel",
        "REPUBLICAN",
        ["Республикалық", "Республиканский", "National"],
    ),
    label(
        "EventLevel",
        "INTERNATIONAL",
        ["Халықаралық", "Международный", "International"],
    ),
    label(
        "EventStatus",
        "PLANNED",
        ["Жоспарланған", "Запланировано", "Planned"],
    ),
    label("EventStatus", "ONGOING", ["Өтіп жатыр", "Идёт", "Ongoing"]),
    label(
        "EventStatus",
        "COMPLETED",
        ["Аяқталды", "Завершено", "Completed"],
    ),
    label(
        "EventStatus",
        "CANCELLED",
        ["Тоқтатылды", "Отменено", "Cancelled"],
    ),
    label(
        "ActivityType",
        "SOCIAL_SUPPORT",
        ["Әлеуметтік көмек", "Социальная помощь", "Social support"],
    ),
    label(
        "ActivityType",
        "VETERAN_CARE",
        [
            "Ардагерлерге қамқорлық",
            "Забота о ветеранах",
            "Care for veterans",
        ],
    ),
    label(
        "ActivityType",
        "EDUCATION",
        ["Білім беру", "Образование", "Education"],
    ),
    label(
        "ActivityType",
        "ENVIRONMENT",
        ["Экология", "Экология", "Environment"],
    ),
    label(
        "ActivityType",
        "CULTURE",
        ["Мәдениет", "Культура", "Culture"],
    ),
    label("ActivityType", "SPORTS", ["Спорт", "Спорт", "Sports"]),
    label(
        "ActivityType",
        "HEALTH",
        ["Денсаулық", "Здоровье", "Health"],
    ),
    label(
        "ActivityType",
        "ANIMAL_WELFARE",
        ["Жануарларға көмек", "Помощь животным", "Animal welfare"],
    ),
    label(
        "ActivityType",
        "CIVIC",
        ["Азаматтық белсенділік", "Гражданская активность", "Civic"],
    ),
    label(
        "ActivityType",
        "EMERGENCY_RESPONSE",
        [
            "Төтенше жағдайлар",
            "Чрезвычайные ситуации",
            "Emergency response",
        ],
    ),
    label(
        "ActivityType",
        "DISASTER_RELIEF",
        [
            "Апат зардаптарын жою",
            "Помощь при бедствиях",
            "Disaster relief",
        ],
    ),
    label("ActivityType", "OTHER", ["Басқа", "Другое", "Other"]),
    label(
        "ParticipationStatus",
        "REGISTERED",
        ["Тіркелді", "Записан", "Registered"],
    ),
    label(
        "ParticipationStatus",
        "ATTENDED",
        ["Қатысты", "Участвовал", "Attended"],
    ),
    label(
        "ParticipationStatus",
        "NO_SHOW",
        ["Келмеді", "Не пришёл", "Did not come"],
    ),
    label(
        "ParticipationStatus",
        "CANCELLED",
        ["Бас тартты", "Отменено", "Cancelled"],
    ),
    label(
        "BeneficiaryCategory",
        "VETERAN",
        ["Ардагерлер", "Ветераны", "Veterans"],
    ),
    label(
        "BeneficiaryCategory",
        "HOME_FRONT_WORKER",
        ["Тыл еңбеккерлері", "Труженики тыла", "Home-front workers"],
    ),
    label(
        "BeneficiaryCategory",
        "SOCIALLY_VULNERABLE",
        [
            "Әлеуметтік осал топтар",
            "Социально уязвимые",
            "Socially vulnerable people",
        ],
    ),
    label(
        "BeneficiaryCategory",
        "CHILD",
        ["Балалар", "Дети", "Children"],
    ),
    label(
        "BeneficiaryCategory",
        "ELDERLY",
        ["Егде жастағылар", "Пожилые люди", "Elderly people"],
    ),
    label(
        "BeneficiaryCategory",
        "DISABLED",
        [
            "Мүмкіндігі шектеулі жандар",
            "Люди с инвалидностью",
            "People with disabilities",
        ],
    ),
    label(
        "BeneficiaryCategory",
        "OTHER",
        ["Басқалар", "Другие", "Others"],
    ),
    label(
        "ExchangeDirection",
        "INBOUND",
        [
            "Қазақстанға келу",
            "Въезд в Казахстан",
            "Coming to Kazakhstan",
        ],
    ),
    label(
        "ExchangeDirection",
        "OUTBOUND",
        ["Шетелге сапар", "Выезд за рубеж", "Going abroad"],
    ),
    label(
        "HoursSource",
        "ATTENDANCE",
        [
            "Келу-кету белгісі",
            "Отметка прихода и ухода",
            "Check-in and check-out",
        ],
    ),
    label(
        "HoursSource",
        "COORDINATOR",
        [
            "Үйлестіруші енгізген",
            "Внесено координатором",
            "Recorded by a coordinator",
        ],
    ),
    label(
        "HoursSource",
        "SELF_REPORT",
        ["Еріктінің өз есебі", "Со слов волонтёра", "Self-reported"],
    ),
    label("HoursSource", "IMPORT", ["Файлдан", "Из файла", "Imported"]),
    label(
        "HoursSource",
        "AUTO_CLOSE",
        [
            "Бағаланған (кету белгіленбеген)",
            "Оценка (уход не отмечен)",
            "Estimated (no check-out)",
        ],
    ),
    label(
        "HoursReview",
        "PENDING",
        ["Қаралуда", "На рассмотрении", "Pending"],
    ),
    label(
        "HoursReview",
        "APPROVED",
        ["Мақұлданды", "Одобрено", "Approved"],
    ),
    label(
        "HoursReview",
        "REJECTED",
        ["Қабылданбады", "Отклонено", "Rejected"],
    ),
    label(
        "Role",
        "ADMIN",
        ["Әкімші", "Администратор", "Administrator"],
    ),
    label(
        "Role",
        "COORDINATOR",
        ["Үйлестіруші", "Координатор", "Coordinator"],
    ),
    label("Role", "VOLUNTEER", ["Ерікті", "Волонтёр", "Volunteer"]),
    label("Role", "ANALYST", ["Талдаушы", "Аналитик", "Analyst"]),
    label(
        "VolunteerStatus",
        "ACTIVE",
        ["Тізілімде", "В реестре", "In the register"],
    ),
    label(
        "VolunteerStatus",
        "PENDING",
        [
            "Растауды күтуде",
            "Ожидает подтверждения",
            "Awaiting confirmation",
        ],
    ),
    label(
        "SignInOutcome",
        "SUCCEEDED",
        ["Кірді", "Вход выполнен", "Signed in"],
    ),
    label(
        "SignInOutcome",
        "FAILED",
        [
            "Қате атау не құпиясөз",
            "Неверное имя или пароль",
            "Wrong name or password",
        ],
    ),
    label(
        "SignInOutcome",
        "LOCKED",
        [
            "Уақытша бұғатталған",
            "Временно заблокирован",
            "Temporarily locked",
        ],
    ),
    label(
        "SignInOutcome",
        "DISABLED",
        [
            "Тіркелгі өшірілген",
            "Учётная запись отключена",
            "Account disabled",
        ],
    ),
];
