// The verification page: a credential pasted, uploaded or named by the
// link of a certificate's QR code (`?id=<uuid>`) is sent to
// `verifyCredential` on this server and the verdict shown in the page's
// language. Nothing is loaded from another origin.

const WORDS = {
  kk: {
    title: 'Еріктілер куәлігін тексеру',
    lede: 'Еріктілер желісі берген сағат куәлігін (JWT) қойыңыз немесе файлын жүктеңіз.',
    paste: 'Куәлік (JWT)',
    upload: 'немесе файлдан:',
    check: 'Тексеру',
    offline: 'Тексеру тек осы сервердің жарияланған кілттерімен жүреді; бет басқа сайттан ештеңе жүктемейді.',
    loading: 'Куәлік жүктелуде…',
    notFound: 'Сілтемедегі куәлік табылмады.',
    failed: 'Тексеру мүмкін болмады. Кейінірек қайталаңыз.',
    statuses: {
      VALID: 'Жарамды', REVOKED: 'Кері қайтарылған', EXPIRED: 'Мерзімі өткен',
      FORGED: 'Жалған', OTHER_ISSUER: 'Басқа берушінікі', UNKNOWN_KEY: 'Белгісіз кілт',
      MALFORMED: 'Куәлік емес', TOO_LARGE: 'Тым үлкен', ERROR: 'Қате',
    },
    fields: {
      title: 'Куәлік', subject: 'Кімге', hours: 'Расталған сағат', issuerName: 'Берген',
      validFrom: 'Берілген күні', validUntil: 'Жарамды мерзімі', activity: 'Кезең',
    },
  },
  ru: {
    title: 'Проверка сертификата волонтёра',
    lede: 'Вставьте сертификат часов (JWT), выданный сетью волонтёров, или загрузите его файл.',
    paste: 'Сертификат (JWT)',
    upload: 'или из файла:',
    check: 'Проверить',
    offline: 'Проверка идёт только по опубликованным ключам этого сервера; страница ничего не загружает с других сайтов.',
    loading: 'Загрузка сертификата…',
    notFound: 'Сертификат по ссылке не найден.',
    failed: 'Проверить не удалось. Повторите позже.',
    statuses: {
      VALID: 'Действителен', REVOKED: 'Отозван', EXPIRED: 'Срок истёк',
      FORGED: 'Подделка', OTHER_ISSUER: 'Другой издатель', UNKNOWN_KEY: 'Неизвестный ключ',
      MALFORMED: 'Не сертификат', TOO_LARGE: 'Слишком большой', ERROR: 'Ошибка',
    },
    fields: {
      title: 'Сертификат', subject: 'Кому', hours: 'Подтверждённые часы', issuerName: 'Выдал',
      validFrom: 'Выдан', validUntil: 'Действителен до', activity: 'Период',
    },
  },
  en: {
    title: 'Verify a volunteer certificate',
    lede: 'Paste a certificate of hours (a JWT) issued by the volunteer network, or upload its file.',
    paste: 'Certificate (JWT)',
    upload: 'or from a file:',
    check: 'Verify',
    offline: 'Verification uses only this server\'s published keys; the page loads nothing from other sites.',
    loading: 'Loading the certificate…',
    notFound: 'The certificate of this link was not found.',
    failed: 'Verification failed. Try again later.',
    statuses: {
      VALID: 'Valid', REVOKED: 'Revoked', EXPIRED: 'Expired',
      FORGED: 'Forged', OTHER_ISSUER: 'Another issuer', UNKNOWN_KEY: 'Unknown key',
      MALFORMED: 'Not a certificate', TOO_LARGE: 'Too large', ERROR: 'Error',
    },
    fields: {
      title: 'Certificate', subject: 'Awarded to', hours: 'Verified hours', issuerName: 'Issued by',
      validFrom: 'Issued on', validUntil: 'Valid until', activity: 'Period',
    },
  },
};

const lang = WORDS[document.documentElement.lang] ? document.documentElement.lang : 'kk';
const t = WORDS[lang];

for (const el of document.querySelectorAll('[data-t]')) el.textContent = t[el.dataset.t];

const langs = document.getElementById('langs');
for (const code of ['kk', 'ru', 'en']) {
  const a = document.createElement('a');
  const url = new URL(location.href);
  url.searchParams.set('lang', code);
  a.href = url.pathname + url.search;
  a.textContent = code.toUpperCase();
  a.lang = code;
  if (code === lang) a.setAttribute('aria-current', 'page');
  langs.append(a);
}

const result = document.getElementById('result');
const verdict = document.getElementById('verdict');
const reason = document.getElementById('reason');
const details = document.getElementById('details');
const textarea = document.getElementById('credential');

function day(text) {
  if (!text) return '';
  return text.slice(0, 10);
}

function show(status, why, credential) {
  result.hidden = false;
  result.dataset.status = status;
  verdict.textContent = t.statuses[status] || status;
  reason.textContent = why || '';
  details.replaceChildren();
  if (!credential) return;
  const rows = [
    ['title', credential.title],
    ['subject', credential.subject],
    ['hours', credential.hours],
    ['activity', credential.activityFrom ? `${day(credential.activityFrom)} – ${day(credential.activityTo)}` : ''],
    ['issuerName', credential.issuerName],
    ['validFrom', day(credential.validFrom)],
    ['validUntil', day(credential.validUntil)],
  ];
  for (const [key, value] of rows) {
    if (!value) continue;
    const dt = document.createElement('dt');
    dt.textContent = t.fields[key];
    const dd = document.createElement('dd');
    dd.textContent = value;
    dd.dataset.field = key;
    details.append(dt, dd);
  }
}

const QUERY = `query Verify($credential: String!) {
  verifyCredential(credential: $credential) {
    status reason
    credential { title subject hours issuerName validFrom validUntil activityFrom activityTo }
  }
}`;

async function verify(text) {
  try {
    const response = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', 'accept-language': lang },
      body: JSON.stringify({ query: QUERY, variables: { credential: text.trim() } }),
    });
    const body = await response.json();
    const answer = body.data && body.data.verifyCredential;
    if (answer) {
      show(answer.status, answer.reason, answer.credential);
    } else {
      const error = body.errors && body.errors[0];
      show('ERROR', error ? error.message : t.failed, null);
    }
  } catch {
    show('ERROR', t.failed, null);
  }
}

/** A file's credential: the JWT itself, or a JSON object holding it. */
function credentialOf(text) {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{')) return trimmed;
  try {
    const value = JSON.parse(trimmed);
    return value.jwt || value.credential || value.presentation || trimmed;
  } catch {
    return trimmed;
  }
}

document.getElementById('form').addEventListener('submit', (event) => {
  event.preventDefault();
  verify(credentialOf(textarea.value));
});

document.getElementById('file').addEventListener('change', async (event) => {
  const file = event.target.files && event.target.files[0];
  if (!file) return;
  const text = await file.text();
  textarea.value = credentialOf(text);
  verify(textarea.value);
});

const id = new URLSearchParams(location.search).get('id');
if (id && /^[0-9a-fA-F-]{36}$/.test(id)) {
  show('', t.loading, null);
  fetch(`/credentials/${id}`, { headers: { 'accept-language': lang } }).then(async (response) => {
    if (!response.ok) {
      show('ERROR', t.notFound, null);
      return;
    }
    const jwt = await response.text();
    textarea.value = jwt;
    verify(jwt);
  }, () => show('ERROR', t.failed, null));
}
