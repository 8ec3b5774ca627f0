'use strict';

const $ = (id) => document.getElementById(id);

async function api(method, path, body) {
  const response = await fetch('api/' + path, {
    method,
    headers: body ? { 'Content-Type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
    credentials: 'same-origin',
  });
  if (!response.ok) {
    const problem = await response.json().catch(() => ({ error: response.statusText }));
    throw new Error(problem.error || ('HTTP ' + response.status));
  }
  return response.status === 204 ? null : response.json();
}

function formatDate(ms) {
  return ms == null ? '—' : new Date(ms).toLocaleString();
}

function showSession(session) {
  $('start-date').textContent = formatDate(session.startDate);
  $('last-request-date').textContent = formatDate(session.lastRequestDate);
  $('visits').textContent = session.visits == null ? '—' : String(session.visits);
  $('username').textContent = session.username || 'nobody';
  $('logout').hidden = !session.username; // only a signed-in user can sign out
}

function showCart(cart) {
  const list = $('cart-items');
  list.replaceChildren(...cart.items.map((item) => {
    const entry = document.createElement('li');
    entry.textContent = item;
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.textContent = 'Remove';
    remove.addEventListener('click', () => run(async () => {
      showCart(await api('DELETE', 'cart/items/' + encodeURIComponent(item)));
    }));
    entry.append(remove);
    return entry;
  }));
  $('cart-empty').hidden = cart.items.length > 0;
}

function showDevices(mine) {
  $('devices').replaceChildren(...mine.sessions.map((device) => {
    const entry = document.createElement('li');
    entry.dataset.fingerprint = device.fingerprint;
    entry.textContent = [device.userAgent || 'unknown device', device.address, 'last active '
      + new Date(device.lastActive).toLocaleString()].filter(Boolean).join(' · ');
    const signOut = document.createElement('button');
    signOut.type = 'button';
    signOut.textContent = device.current ? 'Sign out (this device)' : 'Sign out';
    signOut.addEventListener('click', () => run(() => api('DELETE', 'me/sessions/' + encodeURIComponent(device.fingerprint))));
    entry.append(signOut);
    return entry;
  }));
  $('devices-view').hidden = false;
}

async function refresh() {
  const session = await api('GET', 'session');
  showSession(session);
  showCart(await api('GET', 'cart'));
  if (session.username) {
    showDevices(await api('GET', 'me/sessions'));
  } else {
    $('devices-view').hidden = true;
  }
}

async function run(action) {
  $('error').textContent = '';
  try {
    await action();
    await refresh();
  } catch (e) {
    $('error').textContent = e.message;
  }
}

$('add-item').addEventListener('submit', (event) => {
  event.preventDefault();
  const name = $('item-name').value;
  run(async () => {
    await api('POST', 'cart/items', { name });
    $('item-name').value = '';
  });
});

$('login').addEventListener('submit', (event) => {
  event.preventDefault();
  run(async () => {
    await api('POST', 'login', { username: $('login-name').value });
    $('login-name').value = '';
  });
});

$('logout').addEventListener('click', () => run(() => api('POST', 'logout')));

run(async () => {});
