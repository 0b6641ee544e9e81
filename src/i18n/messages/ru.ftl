# Сообщения frontoffice на русском языке (те же идентификаторы, что в en.ftl).

account-may-not =
    вашей учётной записи нельзя { $action }

account-may-not-in-region =
    вашей учётной записи нельзя { $action } в регионе { $region }

account-not-found =
    учётная запись `{ $username }` не найдена

age-max-below-min =
    `ageMax` меньше `ageMin`

already-checked-in =
    приход волонтёра на это мероприятие уже отмечен

already-family-member =
    волонтёр уже член этой семьи

already-in-a-family =
    волонтёр уже состоит в семье

already-in-exchange =
    волонтёр уже участвует в этом обмене

already-partner =
    организация уже партнёр этого фронт-офиса

already-registered =
    волонтёр уже зарегистрирован на это мероприятие

analysts-read-only =
    учётные записи аналитиков читают реестр, но не изменяют его

attended-elsewhere =
    в это время волонтёр участвовал в другом мероприятии

batch-unsupported =
    пакетные запросы не поддерживаются; отправляйте одну операцию за запрос

below-minimum-age =
    при регистрации волонтёру должно быть не меньше { $min_age } { $min_age ->
        [one] года
       *[other] лет
    }; этому человеку { $age } { $age ->
        [one] год
        [few] года
       *[other] лет
    }

body-empty =
    тело запроса пустое; отправьте JSON-объект с `query`

body-not-json =
    тело запроса — недопустимый JSON: { $detail }

body-not-object =
    тело запроса должно быть JSON-объектом

body-too-slow =
    тело запроса не пришло за { $seconds } с; отправляйте его сразу

cannot-cancel =
    отменить можно только регистрацию, по которой ещё не отмечен приход; эта в состоянии { $stage }

cannot-check-in =
    нельзя отметить приход по регистрации в состоянии { $stage }

cannot-check-out =
    уход можно отметить только у волонтёра с отмеченным приходом; эта регистрация в состоянии { $stage }

cannot-mark-no-show =
    неявку можно отметить только по регистрации без отметки прихода; эта в состоянии { $stage }

cannot-verify =
    подтвердить можно только состоявшееся участие; это в состоянии { $stage }

capacity-at-least-one =
    должно быть не меньше 1 (или null — без ограничения)

capacity-below-registered =
    уже { $taken ->
        [one] зарегистрирован { $taken } волонтёр
        [few] зарегистрированы { $taken } волонтёра
       *[other] зарегистрировано { $taken } волонтёров
    }; вместимость не может быть меньше

category-given-twice =
    «{ $category }» указано дважды

check-out-before-check-in =
    уход должен быть отмечен позже прихода

checked-in-elsewhere =
    у волонтёра отмечен приход на другое мероприятие; сначала отметьте уход там

child-needs-guardian-present =
    ребёнок младше 14 лет участвует только вместе с опекуном из своей семьи на том же мероприятии (сначала отметьте приход опекуна) или при письменном согласии в реестре

consent-before-birth =
    согласие не может быть датировано раньше рождения волонтёра

coordinator-needs-region =
    координатору нужен хотя бы один регион

correction-needs-reason =
    изменение уже внесённых часов — это исправление: укажите причину

cursor-foreign =
    `{ $field }` — курсор, выданный не этим сервером, или изменённый; используйте курсор, который вернул сервер

cursor-misfit =
    `{ $field }` не подходит к этой сортировке; начните заново без `{ $field }`

cursor-other-list =
    `{ $field }` — курсор другого списка; используйте курсор этого списка

cursor-other-order =
    курсор выдан для сортировки { $issued }, а не { $asked }; после смены сортировки начните заново без `{ $field }`

database-unreachable =
    база данных сейчас недоступна; повторите через { $seconds } с

date-in-future =
    { $date } — ещё не наступило

date-too-early =
    { $date } — раньше { $year } года; проверьте год

day-limit =
    у волонтёра уже { $others } мин. за { $on }; ещё { $minutes } мин. — и день превысит 24 часа

entry-count =
    укажите от 1 до { $max } записей

erase-forbidden =
    удалить волонтёра могут только администраторы, сам волонтёр и опекун несовершеннолетнего

estimate-unconfirmed =
    минуты — оценка сервера для неотмеченного ухода; сначала подтвердите или исправьте их (logHours)

event-already =
    мероприятие уже в статусе «{ $status }»

event-cancelled =
    мероприятие отменено

event-cancelled-nobody-served =
    мероприятие отменено; на нём никому не помогали

event-ends-before-start =
    мероприятие должно заканчиваться после начала

event-full =
    заняты все места мероприятия ({ $capacity })

event-no-longer-changed =
    мероприятие в статусе «{ $status }», его уже нельзя изменить

event-not-started =
    мероприятие ещё не началось; часы вносятся после его начала

event-over =
    мероприятие закончилось, регистрация на него закрыта

exchange-country-not-kz =
    страна-партнёр обмена — не Казахстан

exchange-ends-before-start =
    обмен не может закончиться раньше, чем начался

extensions-type =
    `extensions` должен быть объектом или null

field-refused =
    `{ $field }` { $reason }

filter-too-deep =
    фильтры могут вкладывать `and`/`or` не глубже { $max } уровней

first-or-last =
    укажите `first` или `last`, но не оба

get-queries-only =
    через GET можно отправлять только запросы (query); мутации отправляйте через POST

guardian-needed =
    волонтёру младше 18 лет нужен опекун в реестре: взрослый член той же семьи с ролью GUARDIAN или законный представитель с датой согласия

id-of-other-type =
    `{ $id }` — идентификатор { $actual }, а не { $ty }

idempotency-key-in-progress =
    другой запрос с ключом идемпотентности `{ $key }` ещё выполняется; повторите

idempotency-key-length =
    ключ идемпотентности должен содержать от 1 до { $max } символов

idempotency-key-reused =
    ключ идемпотентности `{ $key }` уже использован для другого запроса ({ $operation }); для нового запроса возьмите новый ключ

iin-not-valid =
    ИИН недействителен: { $reason ->
        [length] в нём должно быть ровно 12 цифр
        [digits] он должен состоять только из цифр
        [check-digit] контрольная цифра не сходится (возможно, опечатка в одной из цифр)
        [birth-date] первые шесть цифр не совпадают с датой рождения (ГГММДД)
        [seventh-digit] седьмая цифра должна быть от 1 до 6
       *[century] седьмая цифра указывает на другой век рождения
    }

iin-registered =
    волонтёр с этим ИИН уже зарегистрирован; человек регистрируется один раз на всю страну

impossible-age =
    { $years } — невозможный возраст

in-another-family =
    волонтёр уже состоит в другой семье; сначала исключите его оттуда

internal-error =
    внутренняя ошибка; по идентификатору запроса из заголовков ответа её можно найти в журнале сервера

introspection-off =
    интроспекция (`__schema`, `__type`) на этом сервере отключена

is-required =
    обязательно

json-body-only =
    отправьте тело запроса как application/json

minors-no-hazardous-work =
    волонтёры младше 18 лет не допускаются к опасным работам (волонтёру на дату мероприятия { $age } { $age ->
        [one] год
        [few] года
       *[other] лет
    })

minors-not-in-activity =
    волонтёры младше 18 лет не допускаются к мероприятиям направления «{ $activity }» (волонтёру на дату мероприятия { $age } { $age ->
        [one] год
        [few] года
       *[other] лет
    })

minors-registered =
    зарегистрировано несовершеннолетних волонтёров: { $minors }; отмените их регистрации, прежде чем закрыть мероприятие для несовершеннолетних

minutes-exceed-span =
    { $minutes } мин. — больше, чем { $span } мин., которые волонтёр мог там провести

minutes-exceed-span-reason =
    { $minutes } мин. — больше, чем { $span } мин. между приходом и уходом; чтобы засчитать больше (до длительности мероприятия), укажите причину

minutes-range =
    часы — от 1 до { $max } минут

must-not-be-empty =
    не может быть пустым

must-not-be-negative =
    не может быть отрицательным

name-search-forbidden =
    искать людей по имени могут только администраторы и координаторы

not-a-country-code =
    `{ $value }` — не код страны ISO 3166-1 alpha-2 (например, DE, TR)

not-a-phone-number =
    не номер телефона; укажите его с кодом страны, например +7 701 123 45 67

not-a-region =
    `{ $code }` — не код региона; используйте один из 20 кодов ISO 3166-2:KZ, например KZ-71

not-a-tag =
    `{ $value }` — не метка: используйте от 1 до 50 букв, цифр, `_` или `-`

not-an-email =
    не адрес электронной почты

not-an-id =
    `{ $id }` — недопустимый идентификатор

not-an-id-of =
    `{ $id }` — недопустимый идентификатор { $ty }

not-found =
    { $thing ->
        [volunteer] волонтёр не найден
        [event] мероприятие не найдено
        [project] проект не найден
        [family] семья не найдена
        [front-office] фронт-офис не найден
        [organization] организация не найдена
        [international-exchange] международный обмен не найден
        [participation] участие не найдено
        [exchange-participant] участник этого обмена не найден
        [family-member] член этой семьи не найден
        [account] учётная запись не найдена
        [hours-entry] запись о часах не найдена
       *[other] не найдено: { $thing }
    }

not-valid-id =
    недопустимый идентификатор

only-admins-see =
    видеть { $what } могут только администраторы

only-coordinators-have-regions =
    регионы есть только у координаторов

only-invisible-characters =
    содержит только невидимые символы; напишите что-нибудь читаемое

operation-name-type =
    `operationName` должен быть строкой или null

organization-exists =
    организация «{ $name }» уже существует

organization-name-exists =
    организация с таким названием в этой стране уже есть

own-report =
    решение по сообщению принимает не тот, кто его подал

page-size =
    `{ $name }` должно быть от 0 до { $max }, получено { $got }

param-not-json =
    `{ $key }` — недопустимый JSON: { $detail }

password-too-short =
    в пароле должно быть не меньше { $min } { $min ->
        [one] символа
       *[other] символов
    }

period-ends-before-start =
    период заканчивается раньше, чем начинается

period-ends-too-late =
    период заканчивается слишком далеко в будущем

period-order =
    период заканчивается ({ $to }) раньше, чем начинается ({ $from })

period-too-long =
    период охватывает не больше ста лет

project-exists =
    проект «{ $name }» уже существует

project-name-exists =
    проект с таким названием уже есть

query-missing =
    в запросе нет параметра `query`

query-nests-too-deep =
    в запросе выборки, списки или входные объекты (его скобки) вложены глубже { $max } уровней; допускается не больше { $max }

query-not-string =
    `query` должен быть строкой

query-not-valid =
    запрос не соответствует схеме этого сервера; подробности — в журнале сервера под идентификатором запроса

query-string-malformed =
    строка запроса в URL повреждена

query-too-complex =
    стоимость запроса больше допустимой: допускается не больше { $max } (размеры страниц умножают стоимость того, что выбирает каждый элемент)

query-too-deep =
    вложенность запроса глубже допустимой: допускается не больше { $max }

query-too-large =
    размер запроса — { $size } байт; принимается не больше { $max }

rate-limited =
    слишком много { $what ->
        [requests-from-address] запросов с этого адреса
        [sign-in-from-address] попыток входа с этого адреса
        [sign-in-for-account] попыток входа в эту учётную запись
       *[statistics-computed] заново вычисляемой статистики (уже вычисленные показатели не ограничены)
    }; повторите через { $seconds } с

region-has-office =
    у региона { $code } уже есть фронт-офис

region-office-exists =
    у региона уже есть фронт-офис

regional-office-needs-region =
    для регионального фронт-офиса нужен регион

registration-cancelled =
    регистрация отменена; сначала зарегистрируйте волонтёра снова

rejection-needs-reason =
    отклонение объясняется: укажите причину

removal-leaves-minor =
    после исключения { $who ->
        [them] этот несовершеннолетний
       *[member] один из несовершеннолетних членов семьи
    } останется без опекуна в реестре; сначала внесите законного представителя

report-already-published =
    отчёт за этот год уже опубликован; последующие изменения видны как его исправления

report-of-year-published =
    отчёт за { $year } год уже опубликован; последующие изменения видны как его исправления

republican-office-exists =
    республиканский фронт-офис уже существует

republican-office-no-region =
    у республиканского фронт-офиса нет региона

request-timed-out =
    запрос выполнялся дольше { $seconds } с и был остановлен; запросите меньше (страницы поменьше, периоды короче)

see-families =
    семьи

see-participations =
    участие волонтёров

see-people-and-their-participations =
    людей и их участие

see-the-activity-of-events =
    активность мероприятий

see-the-audit-log =
    журнал аудита

see-the-participants-of-exchanges =
    участников обменов

see-volunteers =
    волонтёров

self-report-decided =
    по этому сообщению уже принято решение

self-report-not-open =
    часы сообщаются только по регистрации без отметок прихода и ухода; у этой часы уже по отметкам

self-report-overtaken =
    после сообщения у участия уже появились часы; отклоните сообщение или исправьте часы

self-report-pending =
    сообщение об этих часах уже ждёт координатора

self-report-range =
    сообщённые часы — от 1 до { $max } минут (длительность мероприятия)

series-too-long =
    в ряду не больше { $max } шагов, а в этом было бы { $count }: сократите период или возьмите шаг крупнее

server-failed =
    сбой сервера; повторите

server-shutting-down =
    сервер останавливается

server-too-slow =
    сервер не ответил вовремя; повторите

sign-in-as-volunteer =
    войдите с учётной записью волонтёра, чтобы видеть свои данные

sign-in-to =
    войдите, чтобы { $action }

sign-in-to-change =
    войдите, чтобы изменять реестр

sign-in-to-in-region =
    войдите, чтобы { $action } в регионе { $region }

sign-in-to-see =
    войдите, чтобы видеть { $what }

stage =
    { $stage ->
        [registered] «зарегистрирован»
        [checked-in] «отмечен приход»
        [attended] «участвовал»
        [no-show] «не явился»
       *[cancelled] «отменено»
    }

still-checked-in =
    у волонтёра отмечен приход, но не уход; сначала отметьте уход

text-refused-char =
    содержит { $kind ->
        [bidi] символ переопределения направления текста
       *[other] управляющий символ
    } ({ $code_point }); удалите его

time-in-future =
    { $at } — ещё не наступило

time-outside-event =
    { $at } — вне времени мероприятия (с { $starts } до { $ends }, с запасом { $grace } мин. до и после)

to-cancel-registrations =
    отменять регистрации

to-change-events =
    изменять мероприятия

to-change-families =
    изменять семьи

to-change-international-exchanges =
    изменять международные обмены

to-change-projects =
    изменять проекты

to-change-this-volunteer-guardian-or-consent =
    изменять опекуна или согласие этого волонтёра

to-change-this-volunteer-record =
    изменять запись этого волонтёра

to-check-volunteers-in =
    отмечать приход волонтёров

to-check-volunteers-out =
    отмечать уход волонтёров

to-complete-events =
    завершать мероприятия

to-create-accounts =
    создавать учётные записи

to-create-families =
    создавать семьи

to-hold-events =
    проводить мероприятия

to-log-hours =
    вносить часы

to-mark-no-shows =
    отмечать неявку

to-move-families =
    переводить семьи

to-move-volunteers =
    переводить волонтёров

to-open-front-offices =
    открывать фронт-офисы

to-publish-annual-reports =
    публиковать годовые отчёты

to-record-beneficiaries =
    учитывать получателей помощи

to-record-organizations =
    вносить организации

to-record-partnerships =
    вносить партнёрства

to-register-volunteers =
    регистрировать волонтёров

to-register-volunteers-for-events =
    регистрировать волонтёров на мероприятия

to-report-hours =
    сообщать часы за это участие

to-review-hours =
    одобрять или отклонять сообщённые часы

to-verify-participations =
    подтверждать участие

token-expired =
    срок действия токена истёк; войдите снова

token-invalid =
    токен недействителен; войдите снова

token-malformed =
    заголовок Authorization должен иметь вид `Bearer <token>`

token-revoked =
    учётная запись этого токена отключена

too-many-aliases =
    в запросе { $count } псевдонимов; допускается не больше { $max }

too-many-characters =
    должно быть не длиннее { $max } { $max ->
        [one] символа
       *[other] символов
    }

too-many-directives =
    в запросе { $count } директив; допускается не больше { $max }

too-many-ids =
    не больше { $max } идентификаторов за вызов, получено { $count }

too-many-logins =
    запрос выполняет вход { $count } раз(а); входите один раз за запрос

too-many-tags =
    не больше { $max } { $max ->
        [one] метки
        [few] меток
       *[other] меток
    }

username-rule =
    используйте от 3 до 64 букв, цифр, `.`, `_`, `-` или `@`

username-taken =
    это имя пользователя занято

variables-type =
    `variables` должен быть объектом или null

verbatim =
    { $text }

volunteer-account-needs-volunteer =
    в учётной записи волонтёра должен быть указан волонтёр

volunteer-has-account =
    у волонтёра уже есть учётная запись

volunteers-still-checked-in =
    отмеченных на входе, но не на выходе волонтёров: { $open }; отметьте их выход, прежде чем завершить мероприятие

would-duplicate =
    изменение повторило бы то, что должно быть уникальным

wrong-credentials =
    неверное имя пользователя или пароль

ws-subprotocol =
    запросите подпротокол graphql-transport-ws (Sec-WebSocket-Protocol)

year-between =
    год от 2000 до 2100

year-not-over =
    { $year } год ещё не закончился

year-out-of-range =
    вне допустимого диапазона

# Импорт таблиц.

import-not-a-spreadsheet =
    файл не является таблицей: пришлите книгу .xlsx, .xls или .ods либо файл CSV

import-unreadable =
    файл не удаётся прочитать как таблицу ({ $detail })

import-empty =
    файл пуст

import-no-rows =
    в файле есть заголовки, но нет строк под ними

import-too-many-rows =
    в файле больше { $max } строк; разделите его на файлы поменьше

import-too-many-columns =
    в строке { $row } столбцов: { $columns }; на листе может быть не больше { $max }

import-not-utf8 =
    файл не в кодировке UTF-8 (строка { $line }); если он сохранён в Windows-1251, импортируйте его с этой кодировкой

import-mapping-unreadable =
    файл соответствия должен быть объектом JSON из заголовков и имён полей ({ $detail })

import-mapping-unknown-field =
    в соответствии указано поле `{ $field }`, которого нет в таком файле; поля: { $fields }

import-column-twice =
    столбцы «{ $first }» и «{ $second }» оба дают { $field }; оставьте один

import-missing-columns =
    не найдена строка заголовков с обязательными столбцами; в файле нужны { $columns }

import-row-repeated =
    эта строка повторяет строку { $row }

import-formula =
    в ячейке формула; вставьте вместо неё значение

import-not-a-date =
    это не дата: пишите дд.мм.гггг, гггг-мм-дд или используйте ячейку с датой

import-not-a-moment =
    это не дата и время: пишите дд.мм.гггг ЧЧ:ММ или используйте ячейку с датой

import-not-a-phone =
    это не номер телефона: пишите +7 701 123 45 67 или 8 701 123 45 67

import-not-a-number =
    это не число

import-unknown-value =
    «{ $value }» не входит в значения этого столбца

import-same-iin =
    тот же ИИН, что в строке { $row }

import-no-such-volunteer =
    в реестре нет волонтёра, подходящего к этой строке

import-volunteer-ambiguous =
    этой строке подходит больше одного волонтёра; укажите волонтёра номером или ИИН

import-no-such-event =
    в реестре нет мероприятия, подходящего к этой строке

import-event-ambiguous =
    этой строке подходит больше одного мероприятия; укажите мероприятие номером

to-import =
    импортировать файлы

import-too-large =
    файл больше { $megabytes } МБ; разделите его на файлы поменьше

import-unknown-encoding =
    кодировка должна быть auto, utf-8 или windows-1251

import-unknown-kind =
    импорта `{ $what }` нет: импортируются volunteers, families, events и participations

export-filter-not-json =
    фильтр должен быть объектом JSON из полей фильтра списка ({ $detail })

export-unknown-parameter =
    у этой таблицы нет параметра `{ $name }`; её параметры: { $names }

export-unknown =
    выгрузки `{ $name }` нет; список выгрузок: /export

open-data-unpublished =
    отчёт за { $year } ещё не опубликован: сначала опубликуйте его (publishAnnualReport)

open-data-unchanged =
    показатели за { $year } совпадают с версией { $version } открытых данных: исправлять нечего

open-data-not-found =
    такого файла открытых данных нет: список — /open-data

body-too-large =
    тело запроса больше { $bytes } байт

multipart-unreadable =
    составной запрос не удаётся прочитать ({ $detail }); пришлите operations, map и один файл, как требует спецификация GraphQL multipart request

# Accounts

password-common =
    этот пароль — один из самых распространённых; выберите другой (хорош пароль из нескольких не связанных слов)

password-has-username =
    пароль не должен содержать имя пользователя

sign-up-needs-contact =
    укажите телефон или адрес электронной почты

sign-up-child-by-guardian =
    ребёнка младше { $age } лет регистрирует опекун, из своей учётной записи

sign-up-minor-guardian =
    до 18 лет укажите учётную запись опекуна (`guardianUsername`) или законного представителя (`legalRepresentative`)

sign-up-child-adult =
    совершеннолетний регистрируется сам

not-the-named-guardian =
    этот волонтёр не указывал вашу учётную запись как опекуна

volunteer-already-confirmed =
    этот волонтёр уже подтверждён

guardianship-already-confirmed =
    опекунство уже подтверждено

to-confirm-volunteers =
    подтверждать волонтёров

guardian-must-be-adult-volunteer =
    опекуном здесь может быть только совершеннолетний волонтёр реестра, вошедший в свою учётную запись

guardian-not-family-guardian =
    вы состоите в семье, но не как её опекун; координатор может назначить вас опекуном

volunteer-pending =
    регистрация этого волонтёра ещё не подтверждена; её подтверждает координатор его региона

status-filter-forbidden =
    выбирать волонтёров по статусу могут только администраторы и координаторы

rate-limited-accounts =
    слишком много { $what ->
        [sign-up-from-address] регистраций с этого адреса
        [password-resets-from-address] сбросов пароля с этого адреса
       *[password-resets-for-email] писем для сброса пароля на этот адрес
    }; повторите через { $seconds } с

token-superseded =
    этот токен больше не действует: учётная запись изменена или отключена; войдите снова

sign-in-locked =
    слишком много неудачных попыток входа под этим именем; повторите через { $minutes ->
        [one] { $minutes } минуту
        [few] { $minutes } минуты
       *[other] { $minutes } минут
    }

wrong-current-password =
    текущий пароль неверен

reset-code-invalid =
    этот код недействителен: он неверен или уже использован

reset-code-expired =
    срок действия кода истёк; запросите новый

reset-requested =
    если у учётной записи есть этот адрес, код отправлен на него

to-manage-accounts =
    управлять учётными записями

account-outside-regions =
    это не учётная запись волонтёра ваших регионов

account-is-yourself =
    свою учётную запись так отключить или изменить нельзя

account-already-disabled =
    учётная запись уже отключена

account-already-enabled =
    учётная запись не отключена

account-has-no-email =
    у учётной записи нет адреса электронной почты; код может выдать координатор

mail-not-configured =
    отправка почты на этом сервере не настроена

mail-failed =
    письмо не удалось отправить; повторите позже

sign-in-history-forbidden =
    историю входов видят только сама учётная запись и администраторы

reset-mail-subject =
    Код для сброса пароля

reset-mail-body =
    Поступил запрос на сброс пароля учётной записи { $username }.

    Ваш код: { $code }

    Он действует один раз, { $minutes } мин. Если вы не запрашивали сброс, не отвечайте на это письмо: пароль останется прежним.
# Credentials

to-issue-credentials =
    выдавать сертификаты о часах этого волонтёра

credential-scope =
    запросите один сертификат: за период (from и to), за мероприятие (eventId) или за рубеж часов (milestoneHours)

credential-period-future =
    сертификат подтверждает отработанные часы: период заканчивается не позже сегодняшнего дня

credential-milestone-unknown =
    рубеж — одно из значений { $milestones } часов

credential-valid-until-past =
    сертификат с таким сроком уже был бы просрочен: укажите день после сегодняшнего

credential-not-attended =
    у волонтёра нет часов на этом мероприятии

credential-hours-unverified =
    { $hours } ч здесь ещё не подтверждены (или это оценка незакрытого ухода): сертификат подтверждает только проверенные часы, попросите координатора сначала их подтвердить

credential-no-hours =
    у волонтёра нет часов за этот период, которые можно подтвердить

credential-milestone-not-reached =
    пока подтверждено { $hours } ч: рубеж в { $milestone } ч ещё не достигнут

credential-no-key =
    у реестра ещё нет ключа издателя: оператор создаёт его командой `frontoffice issuer-key new`

credential-not-found =
    такого сертификата нет (или данные его волонтёра удалены)

credential-network =
    Национальная сеть волонтёров

passport-volunteers-only =
    паспорт есть у волонтёра, а эта учётная запись — не волонтёр

passport-not-yours =
    вашей учётной записи нельзя видеть сертификаты этого волонтёра

verify-valid =
    Этот сертификат выдан реестром и действителен: часы подтверждены и с тех пор не исправлялись.

verify-revoked =
    Этот сертификат выдан реестром, но отозван: подтверждённые в нём часы исправлены, мероприятие отменено или данные волонтёра удалены. Волонтёр может запросить новый.

verify-expired =
    Этот сертификат выдан реестром, но срок его действия истёк.

verify-forged =
    Этот сертификат не подписан реестром: его текст изменён после подписи, или он никогда здесь не подписывался.

verify-other-issuer =
    В сертификате указан другой издатель: реестр не может за него поручиться.

verify-unknown-key =
    Сертификат ссылается на ключ, который реестр никогда не публиковал: он не может быть выдан реестром.

verify-malformed =
    Это не подписанный сертификат: вставьте весь JWT (три части через точку).

verify-too-large =
    Это длиннее любого сертификата (не больше { $bytes } байт).

credential-title-period =
    Волонтёрские часы с { $from } по { $to }

credential-title-event =
    Волонтёрские часы на мероприятии «{ $event }»

credential-title-milestone =
    { $hours } часов волонтёрства

credential-achievement-period =
    Подтверждённые волонтёрские часы за период

credential-achievement-event =
    Подтверждённые волонтёрские часы на мероприятии

credential-achievement-milestone =
    { $hours } подтверждённых часов волонтёрства

credential-achievement-description =
    Часы волонтёрской работы в Национальной сети волонтёров, записанные в её реестре и подтверждённые координаторами мероприятий.

credential-criteria =
    Учитываются участия в неотменённых мероприятиях, каждое подтверждено координатором региона мероприятия. Оценочные и неподтверждённые часы не учитываются.

credential-result =
    Подтверждённые часы

credential-evidence-name =
    Учтённые участия

credential-evidence =
    Участий: { $participations }, мероприятий: { $events }, с { $from } по { $to }; всего { $minutes } подтверждённых минут.

credential-description =
    { $name } — { $hours } подтверждённых часов волонтёрской работы.

pdf-heading =
    Национальная сеть волонтёров · Сертификат волонтёрских часов

pdf-awarded-to =
    Выдан

pdf-hours =
    Подтверждённые часы

pdf-period =
    Период

pdf-issued-by =
    Выдал

pdf-issued-on =
    Дата выдачи

pdf-scan =
    Отсканируйте код или откройте ссылку, чтобы проверить подлинность и действительность сертификата:

pdf-heading-passport =
    Национальная сеть волонтёров · Паспорт волонтёра

pdf-passport-count =
    { $count ->
        [one] { $count } сертификат подтверждённых часов; каждый — на отдельной странице далее.
        [few] { $count } сертификата подтверждённых часов; каждый — на отдельной странице далее.
       *[other] { $count } сертификатов подтверждённых часов; каждый — на отдельной странице далее.
    }
