//! Names for the demo data: Kazakh and Russian, with the Kazakh letters
//! that search must handle (Ә Ғ Қ Ң Ө Ұ Ү Һ І).

pub struct Person {
    pub full_name: String,
    pub latin: Option<String>,
}

pub const KAZAKH_MALE: &[&str] = &[
    "Нұрсұлтан",
    "Қайрат",
    "Ғалым",
    "Өмірзақ",
    "Ұлан",
    "Ерлан",
    "Асқар",
    "Дәурен",
    "Бауыржан",
    "Әлихан",
    "Ілияс",
    "Санжар",
];
pub const KAZAKH_FEMALE: &[&str] = &[
    "Әлия",
    "Үміт",
    "Іңкәр",
    "Гүлнар",
    "Айгерім",
    "Жәмила",
    "Қарлығаш",
    "Ақбота",
    "Мөлдір",
    "Дана",
    "Сәуле",
    "Аружан",
];
pub const RUSSIAN_MALE: &[&str] = &[
    "Иван",
    "Сергей",
    "Алексей",
    "Дмитрий",
    "Андрей",
    "Николай",
    "Семён",
    "Артём",
];
pub const RUSSIAN_FEMALE: &[&str] = &[
    "Анна",
    "Ольга",
    "Елена",
    "Наталья",
    "Татьяна",
    "Алёна",
    "Мария",
    "Ксения",
];
/// Kazakh surnames, male form; the female form adds «а».
pub const KAZAKH_SURNAMES: &[&str] = &[
    "Ахметов",
    "Серіков",
    "Нұрланов",
    "Өмірзақов",
    "Әбішев",
    "Қасымов",
    "Жұмабаев",
    "Тоқаев",
    "Сәрсенов",
    "Бекқожин",
    "Ғабитов",
    "Үсенов",
];
pub const RUSSIAN_SURNAMES: &[&str] = &[
    "Иванов",
    "Петров",
    "Смирнов",
    "Кузнецов",
    "Попов",
    "Ёлкин",
    "Соколов",
    "Лебедев",
];

/// More names for the national data set, whose 160,000 people need more
/// variety than the demo's few hundred. Kept apart so the demo's draws, and
/// so its figures, stay as they are.
pub const MORE_KAZAKH_MALE: &[&str] = &[
    "Айбек",
    "Арман",
    "Бекзат",
    "Ержан",
    "Жандос",
    "Марат",
    "Нұрлан",
    "Олжас",
    "Серік",
    "Талғат",
    "Әділет",
    "Мейірхан",
    "Ақжол",
    "Еркебұлан",
    "Дархан",
    "Азамат",
];
pub const MORE_KAZAKH_FEMALE: &[&str] = &[
    "Айгүл",
    "Аида",
    "Ботагөз",
    "Гүлжан",
    "Динара",
    "Жанар",
    "Жұлдыз",
    "Ләззат",
    "Меруерт",
    "Назерке",
    "Перизат",
    "Салтанат",
    "Томирис",
    "Әйгерім",
    "Балжан",
    "Інжу",
];
pub const MORE_RUSSIAN_MALE: &[&str] = &[
    "Михаил",
    "Павел",
    "Владимир",
    "Евгений",
    "Максим",
    "Роман",
    "Виктор",
    "Юрий",
    "Константин",
    "Олег",
];
pub const MORE_RUSSIAN_FEMALE: &[&str] = &[
    "Ирина",
    "Светлана",
    "Екатерина",
    "Юлия",
    "Дарья",
    "Виктория",
    "Людмила",
    "Полина",
    "Вера",
    "Софья",
];
pub const MORE_KAZAKH_SURNAMES: &[&str] = &[
    "Байжанов",
    "Есенов",
    "Ибраев",
    "Кенжебаев",
    "Оспанов",
    "Рахимов",
    "Сейітов",
    "Тұрсынов",
    "Шәріпов",
    "Әмірханов",
    "Ержанов",
    "Мұратов",
];
pub const MORE_RUSSIAN_SURNAMES: &[&str] = &[
    "Волков",
    "Морозов",
    "Новиков",
    "Фёдоров",
    "Козлов",
    "Павлов",
    "Степанов",
    "Орлов",
    "Макаров",
    "Зайцев",
];

/// Latin transliteration, close to Kazakhstan's 2021 Latin alphabet.
pub fn to_latin(text: &str) -> String {
    text.chars()
        .map(|c| {
            let lower = c.to_lowercase().next().unwrap_or(c);
            let latin = match lower {
                'а' => "a",
                'ә' => "ä",
                'б' => "b",
                'в' => "v",
                'г' => "g",
                'ғ' => "ğ",
                'д' => "d",
                'е' => "e",
                'ё' => "io",
                'ж' => "j",
                'з' => "z",
                'и' => "i",
                'й' => "i",
                'к' => "k",
                'қ' => "q",
                'л' => "l",
                'м' => "m",
                'н' => "n",
                'ң' => "ñ",
                'о' => "o",
                'ө' => "ö",
                'п' => "p",
                'р' => "r",
                'с' => "s",
                'т' => "t",
                'у' => "u",
                'ұ' => "ū",
                'ү' => "ü",
                'ф' => "f",
                'х' => "h",
                'һ' => "h",
                'ц' => "ts",
                'ч' => "ch",
                'ш' => "ş",
                'щ' => "şş",
                'ъ' | 'ь' => "",
                'ы' => "y",
                'і' => "ı",
                'э' => "e",
                'ю' => "iu",
                'я' => "ia",
                _ => return c.to_string(),
            };
            if c.is_uppercase() {
                let mut chars = latin.chars();
                chars
                    .next()
                    .map(|first| first.to_uppercase().chain(chars).collect())
                    .unwrap_or_default()
            } else {
                latin.to_owned()
            }
        })
        .collect()
}

/// A surname in its female form.
pub fn female(surname: &str) -> String {
    format!("{surname}а")
}
