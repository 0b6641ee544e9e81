# The messages of frontoffice in English: what people read in errors.
# The ids are the contract between the code (`msg!("id", …)`) and the
# three catalogues; a test keeps the three alike. Syntax: Project Fluent
# (https://projectfluent.org/), where `{ $n -> [one] … *[other] … }`
# chooses a form by the language's plural rules.

account-may-not =
    your account may not { $action }

account-may-not-in-region =
    your account may not { $action } in { $region }

account-not-found =
    account `{ $username }` not found

age-max-below-min =
    `ageMax` is below `ageMin`

already-checked-in =
    the volunteer is already checked in at this event

already-family-member =
    the volunteer is already a member of this family

already-in-a-family =
    the volunteer already belongs to a family

already-in-exchange =
    the volunteer already takes part in this exchange

already-partner =
    the organization is already a partner of this front office

already-registered =
    the volunteer is already registered for this event

analysts-read-only =
    analyst accounts read the register; they do not change it

attended-elsewhere =
    the volunteer attended another event during this time

batch-unsupported =
    batched requests are not supported; send one operation per request

below-minimum-age =
    volunteers must be at least { $min_age } years old when registered; this person is { $age }

body-empty =
    the request body is empty; send a JSON object with a `query`

body-not-json =
    the request body is not valid JSON: { $detail }

body-not-object =
    the request body must be a JSON object

body-too-slow =
    the request body did not arrive within { $seconds } s; send it at once

cannot-cancel =
    only a registration not yet checked in can be cancelled; this one is { $stage }

cannot-check-in =
    a registration that is { $stage } cannot be checked in

cannot-check-out =
    only a volunteer checked in can be checked out; this registration is { $stage }

cannot-mark-no-show =
    only a registration not checked in can be a no-show; this one is { $stage }

cannot-verify =
    only attended participations can be verified; this one is { $stage }

capacity-at-least-one =
    must be at least 1 (or null for no limit)

capacity-below-registered =
    { $taken ->
        [one] { $taken } volunteer is
       *[other] { $taken } volunteers are
    } already registered; the capacity cannot be less

category-given-twice =
    «{ $category }» is given twice

check-out-before-check-in =
    check-out must come after check-in

checked-in-elsewhere =
    the volunteer is checked in at another event; check out there first

child-needs-guardian-present =
    a child under 14 attends only with a guardian from the family attending the same event (check the guardian in first) or with written consent on record

consent-before-birth =
    the consent cannot be dated before the volunteer's birth

coordinator-needs-region =
    a coordinator needs at least one region

correction-needs-reason =
    changing hours already recorded is a correction: give its reason

cursor-foreign =
    `{ $field }` is not a cursor this server issued, or it was altered; use a cursor the server returned

cursor-misfit =
    `{ $field }` does not fit this ordering; start again without `{ $field }`

cursor-other-list =
    `{ $field }` is a cursor of another list; use a cursor of this list

cursor-other-order =
    the cursor was issued for ordering { $issued }, not { $asked }; start again without `{ $field }` after changing the order

database-unreachable =
    the database cannot be reached right now; try again in { $seconds } s

date-in-future =
    { $date } is in the future

date-too-early =
    { $date } is before { $year }; check the year

day-limit =
    the volunteer already has { $others } minutes on { $on }; with { $minutes } more the day would exceed 24 hours

entry-count =
    give 1 to { $max } entries

erase-forbidden =
    only admins, the volunteer and a minor's guardian may erase a volunteer

estimate-unconfirmed =
    the minutes are the server's estimate for a check-out that never came; confirm or correct them first (logHours)

event-already =
    the event is already { $status }

event-cancelled =
    the event is cancelled

event-cancelled-nobody-served =
    the event is cancelled; nobody was served at it

event-ends-before-start =
    an event must end after it starts

event-full =
    { $capacity ->
        [one] the only place of the event is taken
       *[other] all { $capacity } places of the event are taken
    }

event-no-longer-changed =
    the event is { $status } and can no longer be changed

event-not-started =
    the event has not started yet; hours are logged once it has begun

event-over =
    the event is over and takes no more registrations

exchange-country-not-kz =
    the partner country of an exchange is not Kazakhstan

exchange-ends-before-start =
    an exchange cannot end before it starts

extensions-type =
    `extensions` must be an object or null

field-refused =
    `{ $field }` { $reason }

filter-too-deep =
    filters may nest `and`/`or` at most { $max } levels deep

first-or-last =
    give `first` or `last`, not both

get-queries-only =
    only queries may be sent with GET; send mutations with POST

guardian-needed =
    a volunteer under 18 needs a guardian on record: an adult GUARDIAN member of the same family, or a legal representative with the date of consent

id-of-other-type =
    `{ $id }` is the id of a { $actual }, not of a { $ty }

idempotency-key-in-progress =
    another request with the idempotency key `{ $key }` is in progress; retry

idempotency-key-length =
    an idempotency key must have 1 to { $max } characters

idempotency-key-reused =
    the idempotency key `{ $key }` was used for a different request ({ $operation }); use a new key for a new request

iin-not-valid =
    the IIN is not valid: { $reason ->
        [length] it must have exactly 12 digits
        [digits] it must contain digits only
        [check-digit] its check digit does not match (a digit may be mistyped)
        [birth-date] its first six digits are not the birth date (YYMMDD)
        [seventh-digit] its seventh digit must be 1 to 6
       *[century] its seventh digit gives another century of birth
    }

iin-registered =
    a volunteer with this IIN is already registered; a person is registered once in the whole country

impossible-age =
    { $years } is not a possible age

in-another-family =
    the volunteer already belongs to another family; remove them from it first

internal-error =
    internal error; the request id in the response headers identifies it in the server log

introspection-off =
    introspection (`__schema`, `__type`) is turned off on this server

is-required =
    is required

json-body-only =
    send the request body as application/json

minors-no-hazardous-work =
    volunteers under 18 may not take part in hazardous work (the volunteer is { $age } at the event)

minors-not-in-activity =
    volunteers under 18 may not take part in events of the kind «{ $activity }» (the volunteer is { $age } at the event)

minors-registered =
    { $minors ->
        [one] { $minors } volunteer under 18 is
       *[other] { $minors } volunteers under 18 are
    } registered; cancel their registrations before closing the event to minors

minutes-exceed-span =
    { $minutes } minutes is more than the { $span } minutes the volunteer could have been there

minutes-exceed-span-reason =
    { $minutes } minutes is more than the { $span } minutes between check-in and check-out; give a reason to credit more, up to the event's length

minutes-range =
    hours are 1 to { $max } minutes

must-not-be-empty =
    must not be empty

must-not-be-negative =
    must not be negative

name-search-forbidden =
    searching people by name is for admins and coordinators

not-a-country-code =
    `{ $value }` is not an ISO 3166-1 alpha-2 country code (e.g. DE, TR)

not-a-phone-number =
    is not a phone number; write it with the country code, e.g. +7 701 123 45 67

not-a-region =
    `{ $code }` is not a region code; use one of the 20 ISO 3166-2:KZ codes, e.g. KZ-71

not-a-tag =
    `{ $value }` is not a tag: use 1 to 50 letters, digits, `_` or `-`

not-an-email =
    is not an e-mail address

not-an-id =
    `{ $id }` is not a valid id

not-an-id-of =
    `{ $id }` is not a valid { $ty } id

not-found =
    { $thing ->
        [volunteer] volunteer not found
        [event] event not found
        [project] project not found
        [family] family not found
        [front-office] front office not found
        [organization] organization not found
        [international-exchange] international exchange not found
        [participation] participation not found
        [exchange-participant] participant of this exchange not found
        [family-member] member of this family not found
        [account] account not found
        [hours-entry] entry of hours not found
       *[other] { $thing } not found
    }

not-valid-id =
    not a valid id

only-admins-see =
    only admins see { $what }

only-coordinators-have-regions =
    only coordinators have regions

only-invisible-characters =
    holds only invisible characters; write something readable

operation-name-type =
    `operationName` must be a string or null

organization-exists =
    an organization named «{ $name }» already exists

organization-name-exists =
    an organization of this name exists in this country

own-report =
    a report is decided by someone other than the one who made it

page-size =
    `{ $name }` must be between 0 and { $max }, got { $got }

param-not-json =
    `{ $key }` is not valid JSON: { $detail }

password-too-short =
    a password has at least { $min } characters

period-ends-before-start =
    the period ends before it starts

period-ends-too-late =
    the period ends too far in the future

period-order =
    the period ends ({ $to }) before it starts ({ $from })

period-too-long =
    a period spans at most a hundred years

project-exists =
    a project named «{ $name }» already exists

project-name-exists =
    a project of this name exists

query-missing =
    the request has no `query` parameter

query-nests-too-deep =
    the query nests selections, lists or input objects (its brackets) more than { $max } levels deep; at most { $max } are accepted

query-not-string =
    `query` must be a string

query-not-valid =
    the query is not valid against this server's schema; the server's log has the details under the request id

query-string-malformed =
    the URL's query string is malformed

query-too-complex =
    the query costs more than the { $max } accepted (page sizes multiply the cost of what each item selects)

query-too-deep =
    the query nests deeper than the { $max } levels accepted

query-too-large =
    the query is { $size } bytes; at most { $max } are accepted

rate-limited =
    too many { $what ->
        [requests-from-address] requests from this address
        [sign-in-from-address] sign-in attempts from this address
        [sign-in-for-account] sign-in attempts for this account
       *[statistics-computed] statistics computed anew (figures already computed are not limited)
    }; try again in { $seconds } s

region-has-office =
    region { $code } already has its front office

region-office-exists =
    the region already has a front office

regional-office-needs-region =
    a regional front office needs its region

registration-cancelled =
    the registration was cancelled; register the volunteer again first

rejection-needs-reason =
    a rejection says why: give its reason

removal-leaves-minor =
    removing this member would leave { $who ->
        [them] them
       *[member] a family member
    } under 18 without a guardian on record; record a legal representative first

report-already-published =
    the report of this year is already published; later changes show as its corrections

report-of-year-published =
    the report of { $year } is already published; later changes show as its corrections

republican-office-exists =
    the republican front office already exists

republican-office-no-region =
    the republican front office has no region

request-timed-out =
    the request took longer than { $seconds } s and was stopped; ask for less (smaller pages, shorter periods)

see-families =
    families

see-participations =
    participations

see-people-and-their-participations =
    people and their participations

see-the-activity-of-events =
    the activity of events

see-the-audit-log =
    the audit log

see-the-participants-of-exchanges =
    the participants of exchanges

see-volunteers =
    volunteers

self-report-decided =
    this report has already been decided on

self-report-not-open =
    hours are reported only for a registration never checked in or out; this one has its hours by attendance

self-report-overtaken =
    the participation has hours of its own since the report; reject the report or correct the hours

self-report-pending =
    a report of these hours is already waiting for a coordinator

self-report-range =
    reported hours are 1 to { $max } minutes (the event's length)

series-too-long =
    a series has at most { $max } steps and this one would have { $count }: shorten the period or take longer steps

server-failed =
    the server failed; try again

server-shutting-down =
    the server is shutting down

server-too-slow =
    the server did not answer in time; try again

sign-in-as-volunteer =
    sign in with a volunteer's account to see your data

sign-in-to =
    sign in to { $action }

sign-in-to-change =
    sign in to change the register

sign-in-to-in-region =
    sign in to { $action } in { $region }

sign-in-to-see =
    sign in to see { $what }

stage =
    { $stage ->
        [registered] registered
        [checked-in] checked in
        [attended] attended
        [no-show] a no-show
       *[cancelled] cancelled
    }

still-checked-in =
    the volunteer is still checked in; check out first

text-refused-char =
    holds { $kind ->
        [bidi] a bidirectional override
       *[other] a control character
    } ({ $code_point }); remove it

time-in-future =
    { $at } is in the future

time-outside-event =
    { $at } is outside the event ({ $starts } to { $ends }, with { $grace } minutes' grace either side)

to-cancel-registrations =
    cancel registrations

to-change-events =
    change events

to-change-families =
    change families

to-change-international-exchanges =
    change international exchanges

to-change-projects =
    change projects

to-change-this-volunteer-guardian-or-consent =
    change this volunteer's guardian or consent

to-change-this-volunteer-record =
    change this volunteer's record

to-check-volunteers-in =
    check volunteers in

to-check-volunteers-out =
    check volunteers out

to-complete-events =
    complete events

to-create-accounts =
    create accounts

to-create-families =
    create families

to-hold-events =
    hold events

to-log-hours =
    log hours

to-mark-no-shows =
    mark no-shows

to-move-families =
    move families

to-move-volunteers =
    move volunteers

to-open-front-offices =
    open front offices

to-publish-annual-reports =
    publish annual reports

to-record-beneficiaries =
    record beneficiaries

to-record-organizations =
    record organizations

to-record-partnerships =
    record partnerships

to-register-volunteers =
    register volunteers

to-register-volunteers-for-events =
    register volunteers for events

to-report-hours =
    report hours for this participation

to-review-hours =
    approve or reject reported hours

to-verify-participations =
    verify participations

token-expired =
    the token has expired; sign in again

token-invalid =
    the token is not valid; sign in again

token-malformed =
    the Authorization header must be `Bearer <token>`

token-revoked =
    the account of this token is disabled

too-many-aliases =
    the query uses { $count } aliases; at most { $max } are accepted

too-many-characters =
    must be at most { $max } characters

too-many-directives =
    the query uses { $count } directives; at most { $max } are accepted

too-many-ids =
    at most { $max } ids per call, got { $count }

too-many-logins =
    the query signs in { $count } times; sign in once per request

too-many-tags =
    at most { $max } tags

username-rule =
    use 3 to 64 letters, digits, `.`, `_`, `-` or `@`

username-taken =
    the username is taken

variables-type =
    `variables` must be an object or null

verbatim =
    { $text }

volunteer-account-needs-volunteer =
    a volunteer's account names the volunteer

volunteer-has-account =
    the volunteer already has an account

volunteers-still-checked-in =
    { $open ->
        [one] { $open } volunteer is
       *[other] { $open } volunteers are
    } still checked in; check them out before completing the event

would-duplicate =
    the change would duplicate something that must be unique

wrong-credentials =
    wrong username or password

ws-subprotocol =
    ask for the graphql-transport-ws subprotocol (Sec-WebSocket-Protocol)

year-between =
    a year between 2000 and 2100

year-not-over =
    { $year } is not over yet

year-out-of-range =
    out of range

# Imports of spreadsheets.

import-not-a-spreadsheet =
    the file is not a spreadsheet: send an .xlsx, .xls or .ods workbook or a CSV file

import-unreadable =
    the file cannot be read as a spreadsheet ({ $detail })

import-empty =
    the file is empty

import-no-rows =
    the file has headings but no rows below them

import-too-many-rows =
    the file has more than { $max } rows; split it into smaller files

import-too-many-columns =
    row { $row } has { $columns } columns; a sheet may have at most { $max }

import-not-utf8 =
    the file is not UTF-8 (line { $line }); if it was saved as Windows-1251, import it with that encoding

import-mapping-unreadable =
    the mapping file is not a JSON object of headings and field names ({ $detail })

import-mapping-unknown-field =
    the mapping names `{ $field }`, which is not a field of this file; the fields are { $fields }

import-column-twice =
    the columns «{ $first }» and «{ $second }» both give { $field }; keep one

import-missing-columns =
    no heading row with the required columns was found; the file needs { $columns }

import-row-repeated =
    this row repeats row { $row }

import-formula =
    the cell holds a formula; paste its value instead

import-not-a-date =
    not a date: write dd.mm.yyyy, yyyy-mm-dd or use a date cell

import-not-a-moment =
    not a date and time: write dd.mm.yyyy HH:MM or use a date cell

import-not-a-phone =
    not a phone number: write it as +7 701 123 45 67 or 8 701 123 45 67

import-not-a-number =
    not a number

import-unknown-value =
    «{ $value }» is none of the values of this column

import-same-iin =
    the same IIN as row { $row }

import-no-such-volunteer =
    no volunteer in the register matches this row

import-volunteer-ambiguous =
    more than one volunteer matches this row; name the volunteer by id or IIN

import-no-such-event =
    no event in the register matches this row

import-event-ambiguous =
    more than one event matches this row; name the event by id

to-import =
    import files

import-too-large =
    the file is larger than { $megabytes } MB; split it into smaller files

import-unknown-encoding =
    the encoding must be auto, utf-8 or windows-1251

import-unknown-kind =
    there is no import of `{ $what }`: import volunteers, families, events or participations

export-filter-not-json =
    the filter is not a JSON object of the list's filter fields ({ $detail })

export-unknown-parameter =
    `{ $name }` is not a parameter of this table; its parameters are { $names }

export-unknown =
    there is no export `{ $name }`; see the list at /export

open-data-unpublished =
    the report of { $year } is not published yet: publish it first (publishAnnualReport)

open-data-unchanged =
    the figures of { $year } are as version { $version } of its open data has them: there is nothing to correct

open-data-not-found =
    there is no such open-data file: see the list at /open-data

body-too-large =
    the request body is larger than { $bytes } bytes

multipart-unreadable =
    the multipart request cannot be read ({ $detail }); send the operations, the map and one file as the GraphQL multipart request specification says

# Accounts

password-common =
    this password is among the most common ones; choose another (a few unrelated words make a good one)

password-has-username =
    the password must not contain the username

sign-up-needs-contact =
    give a phone number or an e-mail address

sign-up-child-by-guardian =
    a child under { $age } is signed up by a guardian, from the guardian's own account

sign-up-minor-guardian =
    under 18, name your guardian's account (`guardianUsername`) or your legal representative (`legalRepresentative`)

sign-up-child-adult =
    an adult signs up on their own

not-the-named-guardian =
    this volunteer did not name your account as its guardian

volunteer-already-confirmed =
    this volunteer is already confirmed

guardianship-already-confirmed =
    the guardianship is already confirmed

to-confirm-volunteers =
    confirm volunteers

guardian-must-be-adult-volunteer =
    only an adult volunteer of the register, signed in with their own account, may act as a guardian here

guardian-not-family-guardian =
    you belong to a family, but not as its guardian; a coordinator can make you its guardian

volunteer-pending =
    this volunteer's sign-up is not confirmed yet; a coordinator of its region confirms it

status-filter-forbidden =
    listing volunteers by status is for admins and coordinators

rate-limited-accounts =
    too many { $what ->
        [sign-up-from-address] sign-ups from this address
        [password-resets-from-address] password resets from this address
       *[password-resets-for-email] password-reset e-mails to this address
    }; try again in { $seconds } s

token-superseded =
    this token is no longer valid: the account was changed or disabled; sign in again

sign-in-locked =
    too many failed sign-ins for this name; try again in { $minutes ->
        [one] { $minutes } minute
       *[other] { $minutes } minutes
    }

wrong-current-password =
    the current password is wrong

reset-code-invalid =
    this code is not valid: it is wrong, or it was used already

reset-code-expired =
    this code has expired; ask for a new one

reset-requested =
    if an account has this e-mail address, a code has been sent to it

to-manage-accounts =
    manage accounts

account-outside-regions =
    this is not a volunteer account of your regions

account-is-yourself =
    you cannot disable or change your own account this way

account-already-disabled =
    the account is already disabled

account-already-enabled =
    the account is not disabled

account-has-no-email =
    the account has no e-mail address; a coordinator can issue a code instead

mail-not-configured =
    sending e-mail is not configured on this server

mail-failed =
    the e-mail could not be sent; try again later

sign-in-history-forbidden =
    a sign-in history is shown to its account and to admins

reset-mail-subject =
    Your password reset code

reset-mail-body =
    Someone asked to reset the password of the account { $username }.

    Your code: { $code }

    It works once, for { $minutes } minutes. If you did not ask for it, ignore this message: your password stays as it is.
# Credentials

to-issue-credentials =
    issue certificates of this volunteer's hours

credential-scope =
    ask for one certificate: a period (from and to), an event (eventId) or a milestone (milestoneHours)

credential-period-future =
    a certificate is of hours worked: the period ends today at the latest

credential-milestone-unknown =
    a milestone is one of { $milestones } hours

credential-valid-until-past =
    a certificate valid until then would be expired already: give a day after today

credential-not-attended =
    the volunteer has no hours at this event

credential-hours-unverified =
    { $hours } hours here are not verified yet (or are an estimate of a missed check-out): a certificate certifies verified hours only, so ask a coordinator to verify them first

credential-no-hours =
    the volunteer has no hours in this period to certify

credential-milestone-not-reached =
    { $hours } verified hours so far: the milestone of { $milestone } hours is not reached yet

credential-no-key =
    the register has no issuer key yet: an operator makes one with `frontoffice issuer-key new`

credential-not-found =
    there is no such credential (or its volunteer's data was erased)

credential-network =
    National Volunteer Network

passport-volunteers-only =
    a passport belongs to a volunteer: this account is not one

passport-not-yours =
    your account may not see this volunteer's credentials

verify-valid =
    The register issued this certificate and it stands: the hours were verified and have not been corrected since.

verify-revoked =
    The register issued this certificate but has revoked it: the hours it certified were corrected, their event was cancelled, or the volunteer's data was erased. The volunteer may ask for a new one.

verify-expired =
    The register issued this certificate, but its validity has ended.

verify-forged =
    This is not a certificate the register signed: its text was changed after signing, or it was never signed here.

verify-other-issuer =
    This certificate names another issuer: this register cannot vouch for it.

verify-unknown-key =
    This certificate names a key the register never published: it cannot be the register's.

verify-malformed =
    This is not a signed certificate: paste the whole JWT (three parts separated by dots).

verify-too-large =
    This is longer than any certificate (at most { $bytes } bytes).

credential-title-period =
    Volunteer hours, { $from } to { $to }

credential-title-event =
    Volunteer hours at «{ $event }»

credential-title-milestone =
    { $hours } hours of volunteering

credential-achievement-period =
    Verified volunteer hours of a period

credential-achievement-event =
    Verified volunteer hours at an event

credential-achievement-milestone =
    { $hours } verified hours of volunteering

credential-achievement-description =
    Hours worked as a volunteer in the National Volunteer Network, as recorded in its register and verified by the coordinators of the events.

credential-criteria =
    Attended participations at events that were not cancelled, each verified by a coordinator of the event's region. Estimated and unverified hours are not counted.

credential-result =
    Verified hours

credential-evidence-name =
    Participations counted

credential-evidence =
    { $participations } participations at { $events } events from { $from } to { $to }: { $minutes } verified minutes in all.

credential-description =
    { $name } worked { $hours } verified hours as a volunteer.

pdf-heading =
    National Volunteer Network · Certificate of volunteer hours

pdf-awarded-to =
    Awarded to

pdf-hours =
    Verified hours

pdf-period =
    Period

pdf-issued-by =
    Issued by

pdf-issued-on =
    Issued on

pdf-scan =
    Scan the code, or open the link, to check that this certificate is genuine and stands:

pdf-heading-passport =
    National Volunteer Network · Volunteer passport

pdf-passport-count =
    { $count ->
        [one] { $count } certificate of verified hours; each follows on a page of its own.
       *[other] { $count } certificates of verified hours; each follows on a page of its own.
    }
