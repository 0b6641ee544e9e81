# frontoffice хабарламалары қазақ тілінде (идентификаторлары en.ftl-дегідей).

account-may-not =
    сіздің есептік жазбаңызға { $action } рұқсат етілмеген

account-may-not-in-region =
    сіздің есептік жазбаңызға { $region } өңірінде { $action } рұқсат етілмеген

account-not-found =
    `{ $username }` есептік жазбасы табылмады

age-max-below-min =
    `ageMax` мәні `ageMin` мәнінен кіші

already-checked-in =
    еріктінің бұл іс-шараға келуі белгіленіп қойған

already-family-member =
    ерікті бұл отбасының мүшесі болып тұр

already-in-a-family =
    ерікті бір отбасының мүшесі болып тұр

already-in-exchange =
    ерікті бұл алмасуға қатысып жүр

already-partner =
    ұйым бұл фронт-офистің серіктесі болып табылады

already-registered =
    ерікті бұл іс-шараға тіркеліп қойған

analysts-read-only =
    талдаушы есептік жазбалары тізілімді оқиды, бірақ өзгертпейді

attended-elsewhere =
    бұл уақытта ерікті басқа іс-шараға қатысқан

batch-unsupported =
    топтамалық сұраулар қолданылмайды; бір сұрауда бір операция жіберіңіз

below-minimum-age =
    тіркелу кезінде ерікті кемінде { $min_age } жаста болуы керек; бұл адам { $age } жаста

body-empty =
    сұрау денесі бос; `query` бар JSON нысанын жіберіңіз

body-not-json =
    сұрау денесі жарамды JSON емес: { $detail }

body-not-object =
    сұрау денесі JSON нысаны болуы керек

body-too-slow =
    сұрау денесі { $seconds } с ішінде келмеді; оны бірден жіберіңіз

cannot-cancel =
    тек келуі әлі белгіленбеген тіркелуді болдырмауға болады; бұл тіркелу { $stage } күйінде

cannot-check-in =
    { $stage } күйіндегі тіркелу бойынша келуді белгілеуге болмайды

cannot-check-out =
    кетуді тек келуі белгіленген ерікті үшін белгілеуге болады; бұл тіркелу { $stage } күйінде

cannot-mark-no-show =
    келмеуді тек келуі белгіленбеген тіркелу бойынша белгілеуге болады; бұл тіркелу { $stage } күйінде

cannot-verify =
    тек болған қатысуды растауға болады; бұл қатысу { $stage } күйінде

capacity-at-least-one =
    кемінде 1 болуы керек (немесе шектеусіз болса null)

capacity-below-registered =
    { $taken } ерікті тіркеліп қойған; сыйымдылық одан аз бола алмайды

category-given-twice =
    «{ $category }» екі рет көрсетілген

check-out-before-check-in =
    кету келгеннен кейін белгіленуі керек

checked-in-elsewhere =
    еріктінің басқа іс-шараға келуі белгіленген; алдымен сол жерде кетуін белгілеңіз

child-needs-guardian-present =
    14 жасқа толмаған бала тек сол іс-шараға қатысып отырған отбасындағы қамқоршымен бірге (алдымен қамқоршының келуін белгілеңіз) немесе тізілімдегі жазбаша келісіммен қатысады

consent-before-birth =
    келісім еріктінің туған күнінен бұрын рәсімделе алмайды

coordinator-needs-region =
    үйлестірушіге кемінде бір өңір керек

correction-needs-reason =
    енгізілген сағаттарды өзгерту — түзету: себебін көрсетіңіз

cursor-foreign =
    `{ $field }` — бұл сервер бермеген немесе өзгертілген курсор; сервер қайтарған курсорды қолданыңыз

cursor-misfit =
    `{ $field }` бұл сұрыптауға сәйкес келмейді; `{ $field }` жоқ басынан бастаңыз

cursor-other-list =
    `{ $field }` — басқа тізімнің курсоры; осы тізімнің курсорын қолданыңыз

cursor-other-order =
    курсор { $asked } емес, { $issued } сұрыптауы үшін берілген; сұрыптауды өзгерткен соң `{ $field }` жоқ басынан бастаңыз

database-unreachable =
    дерекқор қазір қолжетімсіз; { $seconds } с кейін қайталаңыз

date-in-future =
    { $date } — әлі келмеген күн

date-too-early =
    { $date } — { $year } жылдан бұрын; жылын тексеріңіз

day-limit =
    еріктінің { $on } күні { $others } минуты бар; тағы { $minutes } минут қосылса, күн 24 сағаттан асады

entry-count =
    1-ден бастап ең көбі { $max } жазба көрсетіңіз

erase-forbidden =
    еріктіні тек әкімшілер, еріктінің өзі және кәмелетке толмағанның қамқоршысы өшіре алады

estimate-unconfirmed =
    минуттар — белгіленбеген кету үшін сервердің бағасы; алдымен оларды растаңыз немесе түзетіңіз (logHours)

event-already =
    іс-шара қазірдің өзінде «{ $status }» күйінде

event-cancelled =
    іс-шара тоқтатылды

event-cancelled-nobody-served =
    іс-шара тоқтатылды; онда ешкімге көмек көрсетілмеді

event-ends-before-start =
    іс-шара басталғаннан кейін аяқталуы керек

event-full =
    іс-шараның барлық { $capacity } орны толды

event-no-longer-changed =
    іс-шара «{ $status }» күйінде, оны енді өзгертуге болмайды

event-not-started =
    іс-шара әлі басталған жоқ; сағаттар ол басталғаннан кейін енгізіледі

event-over =
    іс-шара аяқталды, оған тіркелу жабық

exchange-country-not-kz =
    алмасудағы серіктес ел Қазақстан бола алмайды

exchange-ends-before-start =
    алмасу басталмай тұрып аяқтала алмайды

extensions-type =
    `extensions` нысан немесе null болуы керек

field-refused =
    `{ $field }` { $reason }

filter-too-deep =
    сүзгілер `and`/`or` операторларын { $max } деңгейден терең салмайды

first-or-last =
    `first` немесе `last` көрсетіңіз, екеуін бірдей емес

get-queries-only =
    GET арқылы тек сұраулар (query) жіберуге болады; мутацияларды POST арқылы жіберіңіз

guardian-needed =
    18 жасқа толмаған еріктінің тізілімде қамқоршысы болуы керек: сол отбасының GUARDIAN рөліндегі ересек мүшесі немесе келісім күні көрсетілген заңды өкілі

id-of-other-type =
    `{ $id }` — { $ty } емес, { $actual } идентификаторы

idempotency-key-in-progress =
    `{ $key }` идемпотенттілік кілтімен басқа сұрау әлі орындалуда; қайталаңыз

idempotency-key-length =
    идемпотенттілік кілтінде 1 таңбадан кем емес, ең көбі { $max } таңба болуы керек

idempotency-key-reused =
    `{ $key }` идемпотенттілік кілті басқа сұрауға қолданылған ({ $operation }); жаңа сұрау үшін жаңа кілт алыңыз

iin-not-valid =
    ЖСН жарамсыз: { $reason ->
        [length] онда дәл 12 цифр болуы керек
        [digits] ол тек цифрлардан тұруы керек
        [check-digit] бақылау цифры сәйкес келмейді (бір цифр қате терілген болуы мүмкін)
        [birth-date] алғашқы алты цифры туған күнге сәйкес емес (ЖЖААКК)
        [seventh-digit] жетінші цифры 1-ден 6-ға дейін болуы керек
       *[century] жетінші цифры туған ғасырды басқаша көрсетеді
    }

iin-registered =
    бұл ЖСН-мен ерікті тіркелген; адам бүкіл ел бойынша бір рет тіркеледі

impossible-age =
    { $years } — мүмкін емес жас

in-another-family =
    ерікті басқа отбасының мүшесі; алдымен оны сол отбасынан шығарыңыз

internal-error =
    ішкі қате; жауап тақырыптарындағы сұрау идентификаторы арқылы оны сервер журналынан табуға болады

introspection-off =
    бұл серверде интроспекция (`__schema`, `__type`) өшірілген

is-required =
    міндетті

json-body-only =
    сұрау денесін application/json ретінде жіберіңіз

minors-no-hazardous-work =
    18 жасқа толмаған еріктілер қауіпті жұмыстарға қатыса алмайды (іс-шара күні ерікті { $age } жаста)

minors-not-in-activity =
    18 жасқа толмаған еріктілер «{ $activity }» бағытындағы іс-шараларға қатыса алмайды (іс-шара күні ерікті { $age } жаста)

minors-registered =
    18 жасқа толмаған { $minors } ерікті тіркелген; іс-шараны кәмелетке толмағандарға жаппас бұрын олардың тіркелуін болдырмаңыз

minutes-exceed-span =
    { $minutes } мин. еріктінің онда бола алатын { $span } минутынан көп

minutes-exceed-span-reason =
    { $minutes } мин. келу мен кету арасындағы { $span } минуттан көп; көбірек есептеу үшін (іс-шара ұзақтығына дейін) себебін көрсетіңіз

minutes-range =
    сағаттар 1 минуттан { $max } минутқа дейін болады

must-not-be-empty =
    бос болмауы керек

must-not-be-negative =
    теріс болмауы керек

name-search-forbidden =
    адамдарды аты бойынша тек әкімшілер мен үйлестірушілер іздей алады

not-a-country-code =
    `{ $value }` ISO 3166-1 alpha-2 ел коды емес (мысалы, DE, TR)

not-a-phone-number =
    телефон нөмірі емес; оны ел кодымен жазыңыз, мысалы +7 701 123 45 67

not-a-region =
    `{ $code }` өңір коды емес; ISO 3166-2:KZ 20 кодының бірін қолданыңыз, мысалы KZ-71

not-a-tag =
    `{ $value }` белгі емес: 1-ден 50-ге дейін әріп, цифр, `_` немесе `-` қолданыңыз

not-an-email =
    электрондық пошта мекенжайы емес

not-an-id =
    `{ $id }` жарамды идентификатор емес

not-an-id-of =
    `{ $id }` жарамды { $ty } идентификаторы емес

not-found =
    { $thing ->
        [volunteer] ерікті табылмады
        [event] іс-шара табылмады
        [project] жоба табылмады
        [family] отбасы табылмады
        [front-office] фронт-офис табылмады
        [organization] ұйым табылмады
        [international-exchange] халықаралық алмасу табылмады
        [participation] қатысу табылмады
        [exchange-participant] бұл алмасудың қатысушысы табылмады
        [family-member] бұл отбасының мүшесі табылмады
        [account] есептік жазба табылмады
        [hours-entry] сағаттар жазбасы табылмады
       *[other] табылмады: { $thing }
    }

not-valid-id =
    жарамды идентификатор емес

only-admins-see =
    { $what } тек әкімшілер көре алады

only-coordinators-have-regions =
    өңірлер тек үйлестірушілерде болады

only-invisible-characters =
    тек көрінбейтін таңбалардан тұрады; оқуға болатын мәтін жазыңыз

operation-name-type =
    `operationName` жол немесе null болуы керек

organization-exists =
    «{ $name }» ұйымы бұрыннан бар

organization-name-exists =
    бұл елде мұндай атаулы ұйым бар

own-report =
    хабар бойынша шешімді оны берген адам емес, басқа адам қабылдайды

page-size =
    `{ $name }` 0 мен { $max } аралығында болуы керек, алынғаны { $got }

param-not-json =
    `{ $key }` жарамды JSON емес: { $detail }

password-too-short =
    құпиясөзде кемінде { $min } таңба болуы керек

period-ends-before-start =
    кезең басталмай тұрып аяқталады

period-ends-too-late =
    кезең тым алыс болашақта аяқталады

period-order =
    кезең ({ $to }) басталмай ({ $from }) тұрып аяқталады

period-too-long =
    кезең жүз жылдан аспайды

project-exists =
    «{ $name }» жобасы бұрыннан бар

project-name-exists =
    мұндай атаулы жоба бар

query-missing =
    сұрауда `query` параметрі жоқ

query-nests-too-deep =
    сұраудағы таңдаулар, тізімдер немесе кіріс объектілері (жақшалары) { $max } деңгейден терең салынған; { $max } деңгейден аспауы керек

query-not-string =
    `query` жол болуы керек

query-not-valid =
    сұрау бұл сервердің схемасына сәйкес келмейді; толығырақ сервер журналында сұрау идентификаторымен

query-string-malformed =
    URL-дегі сұрау жолы бұзылған

query-too-complex =
    сұраудың құны рұқсат етілгеннен асады: ең көбі { $max } рұқсат етіледі (бет өлшемдері әр элемент таңдайтын нәрсенің құнын көбейтеді)

query-too-deep =
    сұраудың салыну тереңдігі рұқсат етілгеннен асады: ең көбі { $max } рұқсат етіледі

query-too-large =
    сұрау көлемі { $size } байт; { $max } байттан аспауы керек

rate-limited =
    { $what ->
        [requests-from-address] бұл мекенжайдан сұраулар
        [sign-in-from-address] бұл мекенжайдан кіру әрекеттері
        [sign-in-for-account] бұл есептік жазбаға кіру әрекеттері
       *[statistics-computed] қайта есептелетін статистика (бұрын есептелген көрсеткіштер шектелмейді)
    } тым көп; { $seconds } с кейін қайталаңыз

region-has-office =
    { $code } өңірінің фронт-офисі бұрыннан бар

region-office-exists =
    өңірдің фронт-офисі бұрыннан бар

regional-office-needs-region =
    өңірлік фронт-офиске өңір көрсетілуі керек

registration-cancelled =
    тіркелу болдырылмады; алдымен еріктіні қайта тіркеңіз

rejection-needs-reason =
    қабылдамау себебімен болады: себебін көрсетіңіз

removal-leaves-minor =
    бұл мүшені шығарса, { $who ->
        [them] ол
       *[member] отбасының 18 жасқа толмаған бір мүшесі
    } тізілімде қамқоршысыз қалады; алдымен заңды өкілді енгізіңіз

report-already-published =
    бұл жылдың есебі жарияланып қойған; кейінгі өзгерістер оның түзетулері ретінде көрсетіледі

report-of-year-published =
    { $year } жылғы есеп жарияланып қойған; кейінгі өзгерістер оның түзетулері ретінде көрсетіледі

republican-office-exists =
    республикалық фронт-офис бұрыннан бар

republican-office-no-region =
    республикалық фронт-офистің өңірі болмайды

request-timed-out =
    сұрау { $seconds } с артық орындалып, тоқтатылды; азырақ сұраңыз (кішірек беттер, қысқарақ кезеңдер)

see-families =
    отбасыларды

see-participations =
    қатысуларды

see-people-and-their-participations =
    адамдар мен олардың қатысуларын

see-the-activity-of-events =
    іс-шаралардың белсенділігін

see-the-audit-log =
    аудит журналын

see-the-participants-of-exchanges =
    алмасулардың қатысушыларын

see-volunteers =
    еріктілерді

self-report-decided =
    бұл хабар бойынша шешім қабылданып қойған

self-report-not-open =
    сағаттар тек келуі мен кетуі белгіленбеген тіркелу үшін хабарланады; бұл тіркелудің сағаттары белгілер бойынша бар

self-report-overtaken =
    хабардан кейін қатысудың өз сағаттары пайда болды; хабарды қабылдамаңыз немесе сағаттарды түзетіңіз

self-report-pending =
    бұл сағаттар туралы хабар үйлестірушіні күтіп тұр

self-report-range =
    хабарланған сағаттар 1 минуттан { $max } минутқа дейін (іс-шара ұзақтығы)

series-too-long =
    қатарда { $max } қадамнан артық болмайды, ал мұнда { $count } қадам болар еді: кезеңді қысқартыңыз немесе үлкенірек қадам алыңыз

server-failed =
    сервер ақаулығы; қайталаңыз

server-shutting-down =
    сервер тоқтап жатыр

server-too-slow =
    сервер уақытында жауап бермеді; қайталаңыз

sign-in-as-volunteer =
    өз деректеріңізді көру үшін ерікті есептік жазбасымен кіріңіз

sign-in-to =
    { $action } үшін жүйеге кіріңіз

sign-in-to-change =
    тізілімді өзгерту үшін жүйеге кіріңіз

sign-in-to-in-region =
    { $region } өңірінде { $action } үшін жүйеге кіріңіз

sign-in-to-see =
    { $what } көру үшін жүйеге кіріңіз

stage =
    { $stage ->
        [registered] «тіркелген»
        [checked-in] «келуі белгіленген»
        [attended] «қатысқан»
        [no-show] «келмеген»
       *[cancelled] «болдырылмаған»
    }

still-checked-in =
    еріктінің келуі белгіленген, кетуі белгіленбеген; алдымен кетуін белгілеңіз

text-refused-char =
    құрамында { $kind ->
        [bidi] мәтін бағытын өзгертетін таңба
       *[other] басқарушы таңба
    } бар ({ $code_point }); оны алып тастаңыз

time-in-future =
    { $at } — әлі келмеген уақыт

time-outside-event =
    { $at } іс-шара уақытынан тыс ({ $starts } – { $ends }, екі жағынан { $grace } мин. қосымша уақытпен)

to-cancel-registrations =
    тіркелулерді болдырмау

to-change-events =
    іс-шараларды өзгерту

to-change-families =
    отбасыларды өзгерту

to-change-international-exchanges =
    халықаралық алмасуларды өзгерту

to-change-projects =
    жобаларды өзгерту

to-change-this-volunteer-guardian-or-consent =
    бұл еріктінің қамқоршысын немесе келісімін өзгерту

to-change-this-volunteer-record =
    бұл еріктінің жазбасын өзгерту

to-check-volunteers-in =
    еріктілердің келуін белгілеу

to-check-volunteers-out =
    еріктілердің кетуін белгілеу

to-complete-events =
    іс-шараларды аяқтау

to-create-accounts =
    есептік жазбалар жасау

to-create-families =
    отбасыларды құру

to-hold-events =
    іс-шаралар өткізу

to-log-hours =
    сағаттарды енгізу

to-mark-no-shows =
    келмегендерді белгілеу

to-move-families =
    отбасыларды ауыстыру

to-move-volunteers =
    еріктілерді ауыстыру

to-open-front-offices =
    фронт-офистер ашу

to-publish-annual-reports =
    жылдық есептерді жариялау

to-record-beneficiaries =
    көмек алушыларды есепке алу

to-record-organizations =
    ұйымдарды енгізу

to-record-partnerships =
    серіктестіктерді енгізу

to-register-volunteers =
    еріктілерді тіркеу

to-register-volunteers-for-events =
    еріктілерді іс-шараларға тіркеу

to-report-hours =
    бұл қатысу үшін сағаттарды хабарлау

to-review-hours =
    хабарланған сағаттарды мақұлдау немесе қабылдамау

to-verify-participations =
    қатысуды растау

token-expired =
    токеннің мерзімі өтті; қайта кіріңіз

token-invalid =
    токен жарамсыз; қайта кіріңіз

token-malformed =
    Authorization тақырыбы `Bearer <token>` түрінде болуы керек

token-revoked =
    бұл токеннің есептік жазбасы өшірілген

too-many-aliases =
    сұрауда { $count } бүркеншік ат бар; ең көбі { $max } рұқсат етіледі

too-many-characters =
    { $max } таңбадан аспауы керек

too-many-directives =
    сұрауда { $count } директива бар; ең көбі { $max } рұқсат етіледі

too-many-ids =
    бір шақыруда { $max } идентификатордан аспайды, алынғаны { $count }

too-many-logins =
    сұрау жүйеге { $count } рет кіреді; бір сұрауда бір рет кіріңіз

too-many-tags =
    { $max } белгіден артық емес

username-rule =
    3-тен 64-ке дейін әріп, цифр, `.`, `_`, `-` немесе `@` қолданыңыз

username-taken =
    бұл пайдаланушы аты бос емес

variables-type =
    `variables` нысан немесе null болуы керек

verbatim =
    { $text }

volunteer-account-needs-volunteer =
    ерікті есептік жазбасында ерікті көрсетілуі керек

volunteer-has-account =
    еріктінің есептік жазбасы бұрыннан бар

volunteers-still-checked-in =
    кірісі белгіленіп, шығысы белгіленбеген { $open } ерікті бар; іс-шараны аяқтамас бұрын олардың шығысын белгілеңіз

would-duplicate =
    өзгеріс бірегей болуы тиіс нәрсені қайталар еді

wrong-credentials =
    пайдаланушы аты немесе құпиясөз қате

ws-subprotocol =
    graphql-transport-ws қосалқы хаттамасын сұраңыз (Sec-WebSocket-Protocol)

year-between =
    2000 бен 2100 аралығындағы жыл

year-not-over =
    { $year } жыл әлі аяқталған жоқ

year-out-of-range =
    рұқсат етілген ауқымнан тыс

# Кестелерді импорттау.

import-not-a-spreadsheet =
    файл кесте емес: .xlsx, .xls не .ods кітабын немесе CSV файлын жіберіңіз

import-unreadable =
    файлды кесте ретінде оқу мүмкін емес ({ $detail })

import-empty =
    файл бос

import-no-rows =
    файлда тақырыптар бар, бірақ олардың астында жолдар жоқ

import-too-many-rows =
    файлдағы жол саны шектен асады (ең көбі { $max }); оны кішірек файлдарға бөліңіз

import-too-many-columns =
    жол { $row }: бағандар саны { $columns }; парақта ең көбі { $max } баған болады

import-not-utf8 =
    файл UTF-8 кодтауында емес (жол { $line }); ол Windows-1251 кодтауында сақталса, сол кодтаумен импорттаңыз

import-mapping-unreadable =
    сәйкестік файлы тақырыптар мен өріс атауларынан тұратын JSON нысаны болуы керек ({ $detail })

import-mapping-unknown-field =
    сәйкестікте `{ $field }` өрісі аталған, мұндай файлда ол жоқ; өрістер: { $fields }

import-column-twice =
    «{ $first }» және «{ $second }» бағандарының екеуі де { $field } береді; біреуін қалдырыңыз

import-missing-columns =
    міндетті бағандары бар тақырып жолы табылмады; файлға керегі: { $columns }

import-row-repeated =
    бұл жол мына жолды қайталайды: { $row }

import-formula =
    ұяшықта формула бар; оның орнына мәнін қойыңыз

import-not-a-date =
    бұл күн емес: кк.аа.жжжж, жжжж-аа-кк түрінде жазыңыз немесе күн ұяшығын қолданыңыз

import-not-a-moment =
    бұл күн мен уақыт емес: кк.аа.жжжж СС:ММ түрінде жазыңыз немесе күн ұяшығын қолданыңыз

import-not-a-phone =
    бұл телефон нөмірі емес: +7 701 123 45 67 немесе 8 701 123 45 67 түрінде жазыңыз

import-not-a-number =
    бұл сан емес

import-unknown-value =
    «{ $value }» бұл бағанның мәндеріне жатпайды

import-same-iin =
    ЖСН мына жолдағымен бірдей: { $row }

import-no-such-volunteer =
    тізілімде бұл жолға сәйкес ерікті жоқ

import-volunteer-ambiguous =
    бұл жолға бірнеше ерікті сәйкес келеді; еріктіні нөмірімен немесе ЖСН-мен көрсетіңіз

import-no-such-event =
    тізілімде бұл жолға сәйкес іс-шара жоқ

import-event-ambiguous =
    бұл жолға бірнеше іс-шара сәйкес келеді; іс-шараны нөмірімен көрсетіңіз

to-import =
    файлдарды импорттау

import-too-large =
    файл көлемі шектен асады (ең көбі { $megabytes } МБ); оны кішірек файлдарға бөліңіз

import-unknown-encoding =
    кодтау auto, utf-8 немесе windows-1251 болуы керек

import-unknown-kind =
    `{ $what }` импорты жоқ: volunteers, families, events немесе participations импортталады

export-filter-not-json =
    сүзгі тізім сүзгісінің өрістерінен тұратын JSON нысаны болуы керек ({ $detail })

export-unknown-parameter =
    бұл кестеде `{ $name }` параметрі жоқ; оның параметрлері: { $names }

export-unknown =
    `{ $name }` жүктемесі жоқ; жүктемелер тізімі: /export

open-data-unpublished =
    { $year } жылғы есеп әлі жарияланбаған: алдымен оны жариялаңыз (publishAnnualReport)

open-data-unchanged =
    { $year } жылғы көрсеткіштер ашық деректердің { $version } нұсқасымен бірдей: түзететін ештеңе жоқ

open-data-not-found =
    мұндай ашық деректер файлы жоқ: тізімі — /open-data

body-too-large =
    сұрау денесінің көлемі шектен асады (ең көбі { $bytes } байт)

multipart-unreadable =
    құрама сұрауды оқу мүмкін емес ({ $detail }); GraphQL multipart request спецификациясы бойынша operations, map және бір файл жіберіңіз

# Accounts

password-common =
    бұл құпиясөз ең жиі қолданылатындардың бірі; басқасын таңдаңыз (бір-бірімен байланыссыз бірнеше сөз жақсы құпиясөз болады)

password-has-username =
    құпиясөзде пайдаланушы аты болмауы керек

sign-up-needs-contact =
    телефон нөмірін немесе электрондық пошта мекенжайын көрсетіңіз

sign-up-child-by-guardian =
    { $age } жасқа толмаған баланы қамқоршы өз есептік жазбасынан тіркейді

sign-up-minor-guardian =
    18 жасқа дейін қамқоршыңыздың есептік жазбасын (`guardianUsername`) немесе заңды өкіліңізді (`legalRepresentative`) көрсетіңіз

sign-up-child-adult =
    кәмелетке толған адам өзі тіркеледі

not-the-named-guardian =
    бұл ерікті сіздің есептік жазбаңызды қамқоршы ретінде көрсетпеген

volunteer-already-confirmed =
    бұл ерікті расталып қойған

guardianship-already-confirmed =
    қамқоршылық расталып қойған

to-confirm-volunteers =
    еріктілерді растау

guardian-must-be-adult-volunteer =
    мұнда қамқоршы тек өз есептік жазбасымен кірген, тізілімдегі кәмелетке толған ерікті бола алады

guardian-not-family-guardian =
    сіз отбасы мүшесісіз, бірақ оның қамқоршысы емессіз; үйлестіруші сізді қамқоршы ете алады

volunteer-pending =
    бұл еріктінің тіркелуі әлі расталмаған; оны өз өңірінің үйлестірушісі растайды

status-filter-forbidden =
    еріктілерді мәртебесі бойынша тек әкімшілер мен үйлестірушілер таңдай алады

rate-limited-accounts =
    { $what ->
        [sign-up-from-address] бұл мекенжайдан тіркелулер
        [password-resets-from-address] бұл мекенжайдан құпиясөзді қалпына келтіру әрекеттері
       *[password-resets-for-email] бұл мекенжайға құпиясөзді қалпына келтіру хаттары
    } тым көп; { $seconds } с кейін қайталаңыз

token-superseded =
    бұл токен енді жарамсыз: есептік жазба өзгертілген немесе өшірілген; қайта кіріңіз

sign-in-locked =
    бұл атпен кіру әрекеттері тым көп рет сәтсіз болды; { $minutes } минуттан кейін қайталаңыз

wrong-current-password =
    қазіргі құпиясөз қате

reset-code-invalid =
    бұл код жарамсыз: қате немесе бұрын қолданылған

reset-code-expired =
    кодтың мерзімі өтті; жаңасын сұраңыз

reset-requested =
    егер есептік жазбаның осы мекенжайы болса, оған код жіберілді

to-manage-accounts =
    есептік жазбаларды басқару

account-outside-regions =
    бұл сіздің өңірлеріңіздің еріктісінің есептік жазбасы емес

account-is-yourself =
    өз есептік жазбаңызды бұлай өшіруге не өзгертуге болмайды

account-already-disabled =
    есептік жазба өшірілген

account-already-enabled =
    есептік жазба өшірілмеген

account-has-no-email =
    есептік жазбаның электрондық пошта мекенжайы жоқ; кодты үйлестіруші бере алады

mail-not-configured =
    бұл серверде хат жіберу бапталмаған

mail-failed =
    хатты жіберу мүмкін болмады; кейінірек қайталаңыз

sign-in-history-forbidden =
    кіру тарихын тек есептік жазбаның өзі мен әкімшілер көреді

reset-mail-subject =
    Құпиясөзді қалпына келтіру коды

reset-mail-body =
    { $username } есептік жазбасының құпиясөзін қалпына келтіру сұралды.

    Сіздің кодыңыз: { $code }

    Ол бір рет, { $minutes } минут жарамды. Егер сіз сұрамаған болсаңыз, бұл хатты елемеңіз: құпиясөзіңіз өзгермейді.
# Credentials

to-issue-credentials =
    осы еріктінің сағаттары туралы куәлік беру

credential-scope =
    бір куәлік сұраңыз: кезеңге (from және to), іс-шараға (eventId) немесе сағат межесіне (milestoneHours)

credential-period-future =
    куәлік жұмыс істелген сағаттарды растайды: кезең ең кешінде бүгін аяқталады

credential-milestone-unknown =
    меже мына мәндердің бірі: { $milestones } сағат

credential-valid-until-past =
    мұндай мерзімі бар куәлік бірден ескірер еді: бүгіннен кейінгі күнді көрсетіңіз

credential-not-attended =
    еріктінің бұл іс-шарада сағаттары жоқ

credential-hours-unverified =
    мұндағы { $hours } сағат әлі расталмаған (немесе белгіленбеген кетудің болжамы): куәлік тек расталған сағаттарды растайды, алдымен үйлестірушіден растауды сұраңыз

credential-no-hours =
    бұл кезеңде еріктінің растауға болатын сағаттары жоқ

credential-milestone-not-reached =
    әзірге { $hours } сағат расталған: { $milestone } сағат межесіне әлі жетпеді

credential-no-key =
    тізілімде әлі беруші кілті жоқ: оператор оны `frontoffice issuer-key new` командасымен жасайды

credential-not-found =
    мұндай куәлік жоқ (немесе еріктінің деректері өшірілген)

credential-network =
    Ұлттық еріктілер желісі

passport-volunteers-only =
    паспорт еріктіге тиесілі, ал бұл есептік жазба ерікті емес

passport-not-yours =
    сіздің есептік жазбаңыз бұл еріктінің куәліктерін көре алмайды

verify-valid =
    Бұл куәлікті тізілім берген және ол жарамды: сағаттар расталған және содан бері түзетілмеген.

verify-revoked =
    Бұл куәлікті тізілім берген, бірақ кері қайтарған: ондағы сағаттар түзетілді, іс-шара тоқтатылды немесе еріктінің деректері өшірілді. Ерікті жаңасын сұрай алады.

verify-expired =
    Бұл куәлікті тізілім берген, бірақ оның жарамдылық мерзімі өтті.

verify-forged =
    Бұл куәлікке тізілім қол қоймаған: мәтіні қол қойылғаннан кейін өзгертілген немесе мұнда ешқашан қол қойылмаған.

verify-other-issuer =
    Куәлікте басқа беруші көрсетілген: тізілім оған кепілдік бере алмайды.

verify-unknown-key =
    Куәлік тізілім ешқашан жарияламаған кілтке сілтейді: ол тізілімдікі бола алмайды.

verify-malformed =
    Бұл қол қойылған куәлік емес: JWT-ны толық қойыңыз (нүктемен бөлінген үш бөлік).

verify-too-large =
    Бұл кез келген куәліктен ұзын (ең көбі { $bytes } байт).

credential-title-period =
    Еріктілік сағаттары, { $from } – { $to }

credential-title-event =
    «{ $event }» іс-шарасындағы еріктілік сағаттары

credential-title-milestone =
    { $hours } сағат еріктілік

credential-achievement-period =
    Кезеңдегі расталған еріктілік сағаттары

credential-achievement-event =
    Іс-шарадағы расталған еріктілік сағаттары

credential-achievement-milestone =
    { $hours } сағат расталған еріктілік

credential-achievement-description =
    Ұлттық еріктілер желісінде ерікті ретінде жұмыс істелген, оның тізілімінде жазылған және іс-шаралар үйлестірушілері растаған сағаттар.

credential-criteria =
    Тоқтатылмаған іс-шараларға қатысулар есептеледі, әрқайсысын іс-шара өңірінің үйлестірушісі растаған. Болжамды және расталмаған сағаттар есептелмейді.

credential-result =
    Расталған сағаттар

credential-evidence-name =
    Есептелген қатысулар

credential-evidence =
    { $from } – { $to } аралығында { $events } іс-шараға { $participations } қатысу; барлығы { $minutes } расталған минут.

credential-description =
    { $name } ерікті ретінде { $hours } расталған сағат жұмыс істеді.

pdf-heading =
    Ұлттық еріктілер желісі · Еріктілік сағаттарының куәлігі

pdf-awarded-to =
    Кімге берілді

pdf-hours =
    Расталған сағаттар

pdf-period =
    Кезең

pdf-issued-by =
    Берген

pdf-issued-on =
    Берілген күні

pdf-scan =
    Куәліктің түпнұсқа және жарамды екенін тексеру үшін кодты сканерлеңіз немесе сілтемені ашыңыз:

pdf-heading-passport =
    Ұлттық еріктілер желісі · Ерікті паспорты

pdf-passport-count =
    Расталған сағаттардың { $count } куәлігі; әрқайсысы әрі қарай жеке бетте.
