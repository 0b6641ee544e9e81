// The words of the page "Volunteers in numbers" in Kazakh, Russian and
// English, and the formatting of numbers, dates and names in the page's
// language (Intl, so digits, separators and month names follow the locale).
//
// The page language is the `lang` of the <html> element, which the server
// sets from `?lang=` or Accept-Language. Every string the page shows comes
// from here, except the labels of enum values (kinds of events, levels,
// categories of beneficiaries, directions of exchanges), which the API's
// `labels` query gives with the figures, so that the page, the playground
// and the API say the same; the page's own modules take the functions of
// `makeI18n`.

export const LANGS = ['kk', 'ru', 'en'];

/** The enums whose labels the page shows, and the prefix of their keys. */
export const LABEL_PREFIXES = { EventKind: 'kind_', EventLevel: 'level_', BeneficiaryCategory: 'cat_', ExchangeDirection: 'dir_' };

/** The names of the languages, each in itself, for the switcher. */
export const LANG_NAMES = { kk: 'Қазақша', ru: 'Русский', en: 'English' };

const dictionaries = {
  kk: {
    pageTitle: 'Еріктілер сандарда',
    network: 'Ұлттық волонтерлік желі',
    lede: 'Волонтерлік қызмет тізілімінің тірі деректері: еріктілер, сағаттар, іс-шаралар, отбасылар, көмек алғандар және халықаралық алмасулар — бүкіл ел бойынша және 20 өңірдің әрқайсысында.',
    languages: 'Тіл',
    skip: 'Деректерге өту',
    connecting: 'Тікелей жаңартуларға қосылуда…',
    live: 'Тікелей: деректер өзгерген сайын жаңарады',
    offline: 'Тікелей жаңарту үзілді, қайта қосылуда…',
    updatedAt: 'Жаңартылды: {time}',
    loading: 'Жүктелуде…',
    loadError: 'Деректер жүктелмеді. Қайталап көреміз…',
    overview: 'Биылғы және былтырғы жыл',
    periodLine: '{this}: {range}, бүгінге дейін. {last}: толық жыл.',
    byMonth: 'Айлар бойынша',
    byRegion: 'Өңірлер бойынша',
    reports: 'Жылдық есептер',

    registeredVolunteers: 'Тіркелген еріктілер',
    newVolunteers: 'Жаңа еріктілер',
    activeVolunteers: 'Белсенді еріктілер',
    hours: 'Ерікті жұмыс сағаттары',
    verifiedHours: 'Расталған сағаттар',
    hoursYearEarlier: 'Бір жыл бұрынғы осы кезеңдегі сағаттар',
    hoursGrowth: 'Сағаттардың бір жыл бұрынғыдан өзгерісі',
    events: 'Іс-шаралар, акциялар және рейдтер',
    youngestActiveAge: 'Ең жас белсенді еріктінің жасы',
    oldestActiveAge: 'Ең егде белсенді еріктінің жасы',
    familyParticipations: 'Отбасылық қатысулар (іс-шарадағы отбасы)',
    activeFamilies: 'Белсенді отбасылар',
    beneficiaries: 'Көмек алғандар',
    exchanges: 'Халықаралық алмасулар',
    intlVolunteers: 'Қатысқан қазақстандық еріктілер',
    foreignParticipants: 'Шетелдік қатысушылар',

    tVolunteers: 'Еріктілер',
    tHours: 'Сағаттар',
    tEvents: 'Іс-шаралар',
    tAges: 'Белсенді еріктілердің жас топтары',
    tFamilies: 'Отбасылар',
    tBeneficiaries: 'Көмек алғандар санаттары бойынша',
    tExchanges: 'Халықаралық алмасулар',
    byKind: 'Түрі бойынша',
    byLevel: 'Деңгейі бойынша',
    byDirection: 'Бағыты бойынша',
    byCountry: 'Серіктес елдер бойынша',
    participants: 'Қатысушылар',
    total: 'Барлығы',
    figure: 'Көрсеткіш',
    region: 'Өңір',
    month: 'Ай',
    age: 'Жасы',
    country: 'Ел',
    year: 'Жыл',
    ageGroup: '{min}–{max} жас',
    ageGroupTop: '{min} жас және одан жоғары',
    agedGroup: 'Белсенді еріктілер: {group}',


    na: 'жасырылған',
    naNote: '«—» — шағын топ: бірнеше адамға ғана қатысты сандар, сондай-ақ олардың сағаттары мен жасы жеке өмірді қорғау үшін көрсетілмейді.',
    cardThen: '{year}: {value}',
    growth: 'бір жыл бұрынғы осы кезеңмен салыстырғанда {pct}',

    seriesFigure: 'Көрсеткіш',
    chartLabel: '{figure}, айлар бойынша: {this} және {last}',
    showTable: 'Кесте түрінде көрсету',
    seriesCaption: '{figure}, айлар бойынша',
    monthNotYet: 'әлі жоқ',

    regionFigure: 'Көрсеткіш',
    regionYear: 'Жыл',
    mapTitle: 'Өңірлер картасы: {figure}, {year}',
    mapLegend: 'Ашық түс — аз, қою түс — көп.',
    barsTitle: '{figure}, өңірлер бойынша: {this} және {last}',
    regionTable: '20 өңірдің көрсеткіштері, {year}',
    city: 'Республикалық маңызы бар қала',
    regionNote: 'Қатысу көрсеткіштері іс-шара өткен өңір бойынша, тіркелу — еріктінің тұрғылықты өңірі бойынша есептеледі.',
    colExchanges: 'Алмасулар',

    reportTitle: '{year} жылғы жылдық есеп',
    publishedOn: 'Жарияланды: {date}',
    reportFigures: '{year} жылдың жарияланған көрсеткіштері',
    asPublished: 'Жарияланғаны',
    now: 'Қазір',
    difference: 'Айырма',
    corrections: 'Жарияланғаннан кейінгі түзетулер',
    noCorrections: 'Жарияланғаннан бері бірде-бір көрсеткіш өзгерген жоқ.',
    reportsNote: 'Есептің көрсеткіштері жарияланған күйінде қалады; тізілімге кейін енгізілген түзетулер олардың жанында көрсетіледі.',
    notPublished: 'Әлі жарияланбаған: {years}.',
    noReports: 'Соңғы жылдардың есептері әлі жарияланған жоқ.',
    national: 'Қазақстан (бүкіл ел)',

    source: 'Дереккөз: волонтерлік қызмет тізілімі, ашық GraphQL API арқылы:',
    definitions: 'Кезеңде кемінде бір іс-шараға қатысқан ерікті белсенді деп саналады; сағаттар күші жойылмаған іс-шаралардағы қатысулар бойынша есептеледі; күндер Қазақстан уақытымен (UTC+5).',
  },

  ru: {
    pageTitle: 'Волонтёры в цифрах',
    network: 'Национальная волонтёрская сеть',
    lede: 'Данные реестра волонтёрской деятельности в реальном времени: волонтёры, часы, мероприятия, семьи, получатели помощи и международные обмены — по всей стране и по каждому из 20 регионов.',
    languages: 'Язык',
    skip: 'Перейти к цифрам',
    connecting: 'Подключение к обновлениям…',
    live: 'В реальном времени: цифры обновляются по мере изменений',
    offline: 'Обновления прервались, переподключение…',
    updatedAt: 'Обновлено в {time}',
    loading: 'Загрузка…',
    loadError: 'Не удалось загрузить данные. Повторяем попытку…',
    overview: 'Текущий и прошлый год',
    periodLine: '{this}: {range}, на сегодня. {last}: весь год.',
    byMonth: 'По месяцам',
    byRegion: 'По регионам',
    reports: 'Годовые отчёты',

    registeredVolunteers: 'Зарегистрированные волонтёры',
    newVolunteers: 'Новые волонтёры',
    activeVolunteers: 'Активные волонтёры',
    hours: 'Часы волонтёрской работы',
    verifiedHours: 'Подтверждённые часы',
    hoursYearEarlier: 'Часы за тот же период годом ранее',
    hoursGrowth: 'Изменение часов к прошлому году',
    events: 'Мероприятия, акции и рейды',
    youngestActiveAge: 'Возраст самого юного активного волонтёра',
    oldestActiveAge: 'Возраст самого старшего активного волонтёра',
    familyParticipations: 'Семейные участия (семья на мероприятии)',
    activeFamilies: 'Активные семьи',
    beneficiaries: 'Получатели помощи',
    exchanges: 'Международные обмены',
    intlVolunteers: 'Участвовавшие волонтёры Казахстана',
    foreignParticipants: 'Иностранные участники',

    tVolunteers: 'Волонтёры',
    tHours: 'Часы',
    tEvents: 'Мероприятия',
    tAges: 'Активные волонтёры по возрасту',
    tFamilies: 'Семьи',
    tBeneficiaries: 'Получатели помощи по категориям',
    tExchanges: 'Международные обмены',
    byKind: 'По виду',
    byLevel: 'По уровню',
    byDirection: 'По направлению',
    byCountry: 'По странам-партнёрам',
    participants: 'Участники',
    total: 'Всего',
    figure: 'Показатель',
    region: 'Регион',
    month: 'Месяц',
    age: 'Возраст',
    country: 'Страна',
    year: 'Год',
    ageGroup: '{min}–{max} лет',
    ageGroupTop: '{min} лет и старше',
    agedGroup: 'Активные волонтёры: {group}',


    na: 'скрыто',
    naNote: '«—» — малая группа: числа, относящиеся лишь к нескольким людям, а также их часы и возраст скрыты для защиты частной жизни.',
    cardThen: '{year}: {value}',
    growth: '{pct} к тому же периоду прошлого года',

    seriesFigure: 'Показатель',
    chartLabel: '{figure} по месяцам: {this} и {last}',
    showTable: 'Показать таблицей',
    seriesCaption: '{figure} по месяцам',
    monthNotYet: 'ещё нет',

    regionFigure: 'Показатель',
    regionYear: 'Год',
    mapTitle: 'Карта регионов: {figure}, {year}',
    mapLegend: 'Светлее — меньше, темнее — больше.',
    barsTitle: '{figure} по регионам: {this} и {last}',
    regionTable: 'Показатели 20 регионов, {year}',
    city: 'Город республиканского значения',
    regionNote: 'Показатели участия считаются по региону проведения мероприятия, регистрации — по региону проживания волонтёра.',
    colExchanges: 'Обмены',

    reportTitle: 'Годовой отчёт за {year} год',
    publishedOn: 'Опубликован {date}',
    reportFigures: 'Показатели {year} года при публикации',
    asPublished: 'При публикации',
    now: 'Сейчас',
    difference: 'Разница',
    corrections: 'Исправления после публикации',
    noCorrections: 'После публикации ни один показатель не изменился.',
    reportsNote: 'Цифры отчёта остаются такими, какими были опубликованы; позднейшие исправления в реестре приводятся рядом с ними.',
    notPublished: 'Ещё не опубликованы: {years}.',
    noReports: 'Отчёты за последние годы пока не опубликованы.',
    national: 'Казахстан (в целом)',

    source: 'Источник: реестр волонтёрской деятельности, через открытый GraphQL API:',
    definitions: 'Волонтёр считается активным в периоде, если хотя бы раз участвовал в мероприятии; часы считаются по участиям в неотменённых мероприятиях; даты — по времени Казахстана (UTC+5).',
  },

  en: {
    pageTitle: 'Volunteers in numbers',
    network: 'National volunteer network',
    lede: 'Live figures from the register of volunteer activity: volunteers, hours, events, families, people helped and international exchanges, for the whole country and for each of the 20 regions.',
    languages: 'Language',
    skip: 'Skip to the figures',
    connecting: 'Connecting to live updates…',
    live: 'Live: the figures update as they change',
    offline: 'Live updates interrupted, reconnecting…',
    updatedAt: 'Updated at {time}',
    loading: 'Loading…',
    loadError: 'The figures could not be loaded. Trying again…',
    overview: 'This year and last',
    periodLine: '{this}: {range}, so far. {last}: the whole year.',
    byMonth: 'By month',
    byRegion: 'By region',
    reports: 'Annual reports',

    registeredVolunteers: 'Registered volunteers',
    newVolunteers: 'New volunteers',
    activeVolunteers: 'Active volunteers',
    hours: 'Hours volunteered',
    verifiedHours: 'Verified hours',
    hoursYearEarlier: 'Hours in the same period a year earlier',
    hoursGrowth: 'Change in hours on a year earlier',
    events: 'Events, actions and raids',
    youngestActiveAge: 'Age of the youngest active volunteer',
    oldestActiveAge: 'Age of the oldest active volunteer',
    familyParticipations: 'Family participations (a family at an event)',
    activeFamilies: 'Active families',
    beneficiaries: 'People helped',
    exchanges: 'International exchanges',
    intlVolunteers: 'Volunteers of Kazakhstan taking part',
    foreignParticipants: 'Foreign participants',

    tVolunteers: 'Volunteers',
    tHours: 'Hours',
    tEvents: 'Events',
    tAges: 'Active volunteers by age',
    tFamilies: 'Families',
    tBeneficiaries: 'People helped, by category',
    tExchanges: 'International exchanges',
    byKind: 'By kind',
    byLevel: 'By level',
    byDirection: 'By direction',
    byCountry: 'By partner country',
    participants: 'Participants',
    total: 'In all',
    figure: 'Figure',
    region: 'Region',
    month: 'Month',
    age: 'Age',
    country: 'Country',
    year: 'Year',
    ageGroup: '{min}–{max} years',
    ageGroupTop: '{min} years and over',
    agedGroup: 'Active volunteers aged {group}',


    na: 'hidden',
    naNote: '“—” is a small group: counts of only a few people, and their hours and ages, are hidden to protect their privacy.',
    cardThen: '{year}: {value}',
    growth: '{pct} on the same period a year earlier',

    seriesFigure: 'Figure',
    chartLabel: '{figure} by month, {this} and {last}',
    showTable: 'Show as a table',
    seriesCaption: '{figure} by month',
    monthNotYet: 'not yet',

    regionFigure: 'Figure',
    regionYear: 'Year',
    mapTitle: 'Map of the regions: {figure}, {year}',
    mapLegend: 'Lighter is fewer, darker is more.',
    barsTitle: '{figure} by region, {this} and {last}',
    regionTable: 'Figures of the 20 regions, {year}',
    city: 'City of republican significance',
    regionNote: 'Participation figures count by the region hosting the event; registrations by the volunteer’s home region.',
    colExchanges: 'Exchanges',

    reportTitle: 'Annual report {year}',
    publishedOn: 'Published on {date}',
    reportFigures: 'Figures of {year} as published',
    asPublished: 'As published',
    now: 'Now',
    difference: 'Difference',
    corrections: 'Corrections since publication',
    noCorrections: 'No figure has changed since publication.',
    reportsNote: 'A report’s figures stay as they were published; later corrections to the register are listed beside them.',
    notPublished: 'Not published yet: {years}.',
    noReports: 'No report of recent years has been published yet.',
    national: 'Kazakhstan (national)',

    source: 'Source: the register of volunteer activity, through its public GraphQL API:',
    definitions: 'A volunteer is active in a period with at least one attended participation in it; hours count attended participations at events that were not cancelled; days are Kazakhstan’s (UTC+5).',
  },
};

/**
 * Kazakh month names, for browsers that claim the `kk` locale without its
 * data (some Chromium builds write "M01"): the standalone and the short
 * forms of CLDR.
 */
const KK_MONTHS = ['қаңтар', 'ақпан', 'наурыз', 'сәуір', 'мамыр', 'маусым', 'шілде', 'тамыз', 'қыркүйек', 'қазан', 'қараша', 'желтоқсан'];
const KK_MONTHS_SHORT = ['қаң.', 'ақп.', 'нау.', 'сәу.', 'мам.', 'мау.', 'шіл.', 'там.', 'қыр.', 'қаз.', 'қар.', 'жел.'];

/** Whether the engine has real data for `lang` (not the root locale's). */
function hasLocaleData(lang) {
  try {
    const month = new Intl.DateTimeFormat(lang, { month: 'long', timeZone: 'UTC' }).format(Date.UTC(2001, 0, 1));
    return lang === 'en' || !/^(M0?1|January|1)$/.test(month);
  } catch {
    return false;
  }
}

/** The page language: the <html lang>, if it is one of ours; else Kazakh. */
export function pageLang(doc = document) {
  const tag = (doc.documentElement.lang || '').toLowerCase().split('-')[0];
  return LANGS.includes(tag) ? tag : 'kk';
}

/** The text and formatting functions of one language. */
export function makeI18n(lang) {
  const dict = dictionaries[lang] || dictionaries.kk;
  // Without Kazakh data, numbers are written as in Russian, which Kazakh
  // shares (1 681,5), and months come from KK_MONTHS.
  const native = hasLocaleData(lang);
  const numLocale = native || lang !== 'kk' ? lang : 'ru';
  // Kazakhstan keeps UTC+5 all year; `Etc/GMT-5` is that offset (the sign
  // of the Etc zones is inverted).
  const timeZone = 'Etc/GMT-5';
  const int = new Intl.NumberFormat(numLocale, { maximumFractionDigits: 0 });
  const dec = new Intl.NumberFormat(numLocale, { maximumFractionDigits: 1 });
  const signed = new Intl.NumberFormat(numLocale, { maximumFractionDigits: 1, signDisplay: 'exceptZero' });
  const pct = new Intl.NumberFormat(numLocale, { style: 'percent', maximumFractionDigits: 1, signDisplay: 'exceptZero' });
  const longDate = new Intl.DateTimeFormat(lang, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  const dayMonth = new Intl.DateTimeFormat(lang, { day: 'numeric', month: 'long', timeZone: 'UTC' });
  const monthLong = new Intl.DateTimeFormat(lang, { month: 'long', timeZone: 'UTC' });
  const monthShort = new Intl.DateTimeFormat(lang, { month: 'short', timeZone: 'UTC' });
  const clock = new Intl.DateTimeFormat(numLocale, { hour: '2-digit', minute: '2-digit', second: '2-digit', timeZone });
  const instant = new Intl.DateTimeFormat(lang, { day: 'numeric', month: 'long', year: 'numeric', timeZone });
  let countries = null;
  try {
    countries = new Intl.DisplayNames([lang, 'en'], { type: 'region', fallback: 'code' });
  } catch {
    // An engine without DisplayNames: country codes as they are.
  }
  const utc = (iso) => new Date(`${iso}T00:00:00Z`);
  // Kazakh dates by hand when the engine has no Kazakh data: "3 желтоқсан",
  // "2026 ж. 3 желтоқсан".
  const kkDay = (d) => `${d.getUTCDate()} ${KK_MONTHS[d.getUTCMonth()]}`;
  const kkDate = (d) => `${d.getUTCFullYear()} ж. ${kkDay(d)}`;
  const kkInstant = (s) => kkDate(new Date(new Date(s).getTime() + 5 * 3600 * 1000));

  // The words of enum values come from the API's `labels` (one table for
  // the API, this page and the playground), keyed here as `kind_EVENT`.
  const fromApi = {};

  /** The text for `key`, with `{name}` placeholders filled from `params`. */
  function t(key, params) {
    const text = fromApi[key] ?? dict[key] ?? dictionaries.en[key] ?? key;
    return params ? text.replace(/\{(\w+)\}/g, (m, name) => (name in params ? String(params[name]) : m)) : text;
  }

  return {
    lang,
    t,
    /** Takes the API's labels ([{ enumName, value, label }]) for `t`. */
    useLabels: (labels) => {
      for (const l of labels || []) {
        const prefix = LABEL_PREFIXES[l.enumName];
        if (prefix) fromApi[`${prefix}${l.value}`] = l.label;
      }
    },
    /** A whole count. */
    int: (v) => int.format(v),
    /** Hours: tenths below ten, whole hours above. */
    hours: (v) => (Math.abs(v) < 10 ? dec : int).format(v),
    /** A difference, with its sign. */
    signed: (v) => signed.format(v),
    /** A ratio as a signed percentage (0.25 is +25 %). */
    pct: (v) => pct.format(v),
    /** `YYYY-MM-DD` as a long date. */
    date: (iso) => (native ? longDate.format(utc(iso)) : kkDate(utc(iso))),
    /** A period of days, e.g. "1 January – 3 December". */
    dayRange: (from, to) => {
      if (!native) return `${kkDay(utc(from))} – ${kkDay(utc(to))}`;
      return dayMonth.formatRange ? dayMonth.formatRange(utc(from), utc(to)) : `${dayMonth.format(utc(from))} – ${dayMonth.format(utc(to))}`;
    },
    /** Month 1–12, written out or short. */
    month: (m) => (native ? monthLong.format(Date.UTC(2001, m - 1, 1)) : KK_MONTHS[m - 1]),
    monthShort: (m) => (native ? monthShort.format(Date.UTC(2001, m - 1, 1)) : KK_MONTHS_SHORT[m - 1]),
    /** The time of an instant in Kazakhstan. */
    clock: (d) => clock.format(d),
    /** The day of an RFC 3339 instant, in Kazakhstan. */
    instantDate: (s) => (native ? instant.format(new Date(s)) : kkInstant(s)),
    /** A region's name in the page language. */
    regionName: (r) => (r ? r[{ kk: 'nameKk', ru: 'nameRu', en: 'nameEn' }[lang] || 'nameKk'] || r.nameEn : ''),
    /** A partner country's name, from its ISO 3166-1 code. */
    country: (code) => {
      try {
        return (countries && countries.of(code)) || code;
      } catch {
        return code;
      }
    },
    /** An age group, e.g. "18–24 years" or "65 years and over". */
    ageGroup: (g) => (g.maxAge == null ? t('ageGroupTop', { min: g.minAge }) : t('ageGroup', { min: g.minAge, max: g.maxAge })),
    /** Lists, e.g. "2025, 2024 and 2023". */
    list: (items) => (Intl.ListFormat ? new Intl.ListFormat(lang, { type: 'conjunction' }).format(items) : items.join(', ')),
  };
}
