'use strict';

const $ = (id) => document.getElementById(id);
const PAGE_SIZE = 20;
const view = { authorization: null, principal: '', page: 0 };

async function admin(method, path) {
  const response = await fetch('api/admin/' + path, {
    method,
    headers: { Authorization: view.authorization, Accept: 'application/json' },
    credentials: 'omit',
  });
  if (!response.ok) {
    const problem = await response.json().catch(() => ({ error: response.statusText }));
    throw new Error(problem.error || ('HTTP ' + response.status));
  }
  return response.status === 204 ? null : response.json();
}

function formatTime(iso) {
  return iso == null ? 'never' : new Date(iso).toLocaleString();
}

function cell(text) {
  const td = document.createElement('td');
  td.textContent = text;
  return td;
}

function row(session) {
  const tr = document.createElement('tr');
  tr.dataset.fingerprint = session.fingerprint;
  const fingerprint = document.createElement('td');
  const code = document.createElement('code');
  code.textContent = session.fingerprint;
  fingerprint.append(code);
  const end = document.createElement('button');
  end.type = 'button';
  end.textContent = 'Revoke';
  end.addEventListener('click', () => run(() => admin('DELETE', 'sessions/' + encodeURIComponent(session.fingerprint))));
  const actions = document.createElement('td');
  actions.append(end);
  tr.append(
    fingerprint,
    cell(session.principal || '—'),
    cell([session.userAgent, session.address].filter(Boolean).join(' · ') || 'unknown'),
    cell(formatTime(session.created)),
    cell(formatTime(session.lastActive)),
    cell(formatTime(session.expires)),
    actions);
  return tr;
}

async function refresh() {
  const totals = await admin('GET', 'totals');
  $('totals').textContent = totals.live + ' live sessions, ' + totals.expired + ' expired awaiting the sweep, '
    + totals.bytes + ' bytes of attributes';
  const query = new URLSearchParams({ page: view.page, size: PAGE_SIZE });
  if (view.principal) {
    query.set('principal', view.principal);
  }
  const listing = await admin('GET', 'sessions?' + query);
  $('sessions').replaceChildren(...listing.sessions.map(row));
  const pages = Math.max(1, Math.ceil(listing.total / PAGE_SIZE));
  $('page').textContent = 'page ' + (view.page + 1) + ' of ' + pages + ' (' + listing.total + ' sessions)';
  $('previous').disabled = view.page === 0;
  $('next').disabled = view.page + 1 >= pages;
  $('end-all').disabled = !view.principal;
  $('sessions-view').hidden = false;
}

async function run(action) {
  $('error').textContent = '';
  $('status').textContent = '';
  try {
    await action();
    await refresh();
  } catch (e) {
    $('error').textContent = e.message;
  }
}

$('sign-in').addEventListener('submit', (event) => {
  event.preventDefault();
  // UTF-8, as the API reads it; btoa alone takes Latin-1 only
  const credentials = new TextEncoder().encode($('admin-user').value + ':' + $('admin-password').value);
  view.authorization = 'Basic ' + btoa(String.fromCharCode(...credentials));
  $('admin-password').value = '';
  run(async () => {});
});

$('filter').addEventListener('submit', (event) => {
  event.preventDefault();
  view.principal = $('principal').value.trim();
  view.page = 0;
  run(async () => {});
});

$('end-all').addEventListener('click', () => run(async () => {
  const ended = await admin('DELETE', 'sessions?' + new URLSearchParams({ principal: view.principal }));
  $('status').textContent = 'Ended ' + ended.invalidated + ' sessions of ' + view.principal + '.';
}));

$('previous').addEventListener('click', () => run(async () => { view.page -= 1; }));
$('next').addEventListener('click', () => run(async () => { view.page += 1; }));
