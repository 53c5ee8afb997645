'use strict';
// The dev-inbox view (only when the console runs with --dev-inbox): the kept messages as a mailbox,
// polled while shown; one opened with its envelope, attachments, HTML body, text body and headers.
// Uses console.js's $, t, api and lang; console.js announces 'console:start' and 'console:view'.
//
// The HTML body is someone else's mail: it goes into an <iframe sandbox=""> through srcdoc, so it
// runs no script, has an opaque origin (no access to this page, its token or its API) and inherits
// this page's Content-Security-Policy (no remote pictures, fonts or styles: nothing tells a sender
// that the mail was opened). Every other value is set as text, never as markup.

const INBOX_POLL_MILLIS = 3000;
let inboxTimer = null;
let inboxOpened = null; // the id of the message shown below the list
let inboxDrawn = ''; // the listed ids, so that a poll redraws only when they change
let inboxCount = 0;

document.addEventListener('console:start', async () => {
  $('tab-devinbox').textContent = t('tab.devinbox');
  $('inbox-title').textContent = t('page.title.devinbox');
  $('inbox-clear').textContent = t('inbox.clear');
  ['from', 'to', 'subject', 'date', 'size'].forEach(c => { $('th-i-' + c).textContent = t('inbox.' + c); });
  $('th-i-clip').append(clipIcon(t('inbox.attachments')));
  $('im-eml').textContent = t('inbox.eml');
  $('im-attachments-title').textContent = t('inbox.attachments');
  $('im-html-title').textContent = t('inbox.html');
  $('im-html-note').textContent = t('inbox.htmlNote');
  $('im-html').title = t('inbox.html');
  $('im-text-title').textContent = t('inbox.text');
  $('im-headers-title').textContent = t('inbox.headers');
  $('inbox-clear').addEventListener('click', clearInbox);
  $('im-eml').addEventListener('click', () => {
    if (inboxOpened !== null) {
      download('dev-inbox/' + inboxOpened, 'dev-inbox-' + inboxOpened + '.eml');
    }
  });
  // the tab is there only when the console has a dev inbox (the API answers 404 without one)
  try {
    const response = await api('GET', 'dev-inbox');
    $('tab-devinbox').hidden = !response.ok;
  } catch (e) {
    $('tab-devinbox').hidden = true;
  }
});

document.addEventListener('console:view', event => {
  clearInterval(inboxTimer);
  inboxTimer = null;
  const shown = event.detail === 'devinbox';
  $('devinbox-view').hidden = !shown;
  if (shown) {
    inboxDrawn = '';
    loadInbox();
    inboxTimer = setInterval(loadInbox, INBOX_POLL_MILLIS);
  }
});

// A paperclip drawn by the style sheet (no emoji font needed), named for screen readers and on hover.
function clipIcon(label) {
  const icon = document.createElement('span');
  icon.className = 'clip-icon';
  icon.setAttribute('role', 'img');
  icon.setAttribute('aria-label', label);
  icon.title = label;
  return icon;
}

function inboxSize(bytes) {
  if (bytes < 1024) {
    return t('inbox.bytes', bytes);
  }
  if (bytes < 1024 * 1024) {
    return t('inbox.kilobytes', (bytes / 1024).toFixed(1));
  }
  return t('inbox.megabytes', (bytes / 1024 / 1024).toFixed(1));
}

function inboxDate(iso) {
  return iso ? new Date(iso).toLocaleString(lang) : '';
}

async function loadInbox() {
  if (view !== 'devinbox') {
    return;
  }
  let inbox;
  try {
    const response = await api('GET', 'dev-inbox');
    if (!response.ok) {
      return;
    }
    inbox = await response.json();
  } catch (e) {
    return;
  }
  inboxCount = inbox.messages.length;
  $('inbox-summary').textContent = t('inbox.summary', inbox.smtp, inbox.messages.length, inbox.keptAtMost);
  $('inbox-empty').textContent = t('inbox.empty');
  $('inbox-empty').hidden = inbox.messages.length > 0;
  $('inbox-table').hidden = inbox.messages.length === 0;
  $('inbox-clear').disabled = inbox.messages.length === 0;
  const drawn = inbox.messages.map(m => m.id).join(',');
  if (drawn === inboxDrawn) {
    return;
  }
  inboxDrawn = drawn;
  const rows = inbox.messages.map(m => {
    const row = document.createElement('tr');
    row.dataset.id = m.id;
    row.className = m.id === inboxOpened ? 'selected' : '';
    [m.from, m.to.concat(m.cc).join(', '), m.subject || t('inbox.noSubject'), inboxDate(m.date || m.receivedAt),
      inboxSize(m.size)].forEach(text => {
      const cell = document.createElement('td');
      cell.textContent = text;
      row.append(cell);
    });
    const clip = document.createElement('td');
    clip.className = 'clip';
    if (m.attachments.length > 0) {
      clip.append(clipIcon(m.attachments.join(', ')));
    }
    row.append(clip);
    row.addEventListener('click', () => openMessage(m));
    return row;
  });
  $('inbox-table').tBodies[0].replaceChildren(...rows);
  if (inboxOpened !== null && !inbox.messages.some(m => m.id === inboxOpened)) {
    inboxOpened = null;
    $('inbox-message').hidden = true;
  }
}

async function openMessage(m) {
  const response = await api('GET', 'dev-inbox/' + m.id + '/parts');
  if (!response.ok) {
    const body = await response.json().catch(() => ({}));
    $('inbox-status').textContent = t('status.failed', body.error || response.status);
    return;
  }
  const parts = await response.json();
  inboxOpened = m.id;
  for (const row of $('inbox-table').tBodies[0].rows) {
    row.className = Number(row.dataset.id) === m.id ? 'selected' : '';
  }
  $('inbox-status').textContent = '';
  $('inbox-message').dataset.id = m.id;
  $('im-subject').textContent = m.subject || t('inbox.noSubject');
  const envelope = [
    ['inbox.from', m.from],
    ['inbox.to', m.to.join(', ')],
    ['inbox.cc', m.cc.join(', ')],
    ['inbox.bcc', m.bcc.join(', ')],
    ['inbox.date', inboxDate(m.date || m.receivedAt)],
    ['inbox.received', inboxDate(m.receivedAt)],
    ['inbox.size', inboxSize(m.size)]
  ].filter(([, value]) => value).map(([key, value]) => {
    const row = document.createElement('tr');
    const name = document.createElement('th');
    name.textContent = t(key);
    const cell = document.createElement('td');
    cell.textContent = value;
    row.append(name, cell);
    return row;
  });
  $('im-envelope').tBodies[0].replaceChildren(...envelope);

  const attachments = parts.attachments.map(a => {
    const item = document.createElement('li');
    const name = a.fileName || t('inbox.part', a.index + 1);
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'attachment';
    button.dataset.index = a.index;
    button.textContent = name;
    button.title = t('inbox.download', name);
    button.addEventListener('click', () => download('dev-inbox/' + m.id + '/attachments/' + a.index, name));
    const info = document.createElement('span');
    info.className = 'note';
    info.textContent = ' ' + a.contentType + ', ' + inboxSize(a.size);
    item.append(button, info);
    return item;
  });
  $('im-attachments').replaceChildren(...attachments);
  $('im-attachments-section').hidden = attachments.length === 0;

  // srcdoc into the sandboxed frame: see the comment at the top
  $('im-html').srcdoc = parts.html || '';
  $('im-html-section').hidden = !parts.html;
  $('im-text').textContent = parts.text || '';
  $('im-text-section').hidden = !parts.text;

  const headers = parts.headers.map(h => {
    const row = document.createElement('tr');
    const name = document.createElement('th');
    name.textContent = h.name;
    const value = document.createElement('td');
    value.textContent = h.value;
    row.append(name, value);
    return row;
  });
  $('im-headers-table').tBodies[0].replaceChildren(...headers);
  $('inbox-message').hidden = false;
}

// Downloads an API answer as a file named fileName: the token goes in a header, so a plain link cannot do it.
async function download(path, fileName) {
  const response = await api('GET', path);
  if (!response.ok) {
    const body = await response.json().catch(() => ({}));
    $('inbox-status').textContent = t('status.failed', body.error || response.status);
    return;
  }
  const link = document.createElement('a');
  link.href = URL.createObjectURL(await response.blob());
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10000);
  $('inbox-status').textContent = t('inbox.downloaded', fileName);
}

async function clearInbox() {
  if (!confirm(t('inbox.confirmClear', inboxCount))) {
    return;
  }
  const response = await api('DELETE', 'dev-inbox');
  if (!response.ok) {
    const body = await response.json().catch(() => ({}));
    $('inbox-status').textContent = t('status.failed', body.error || response.status);
    return;
  }
  inboxOpened = null;
  $('inbox-message').hidden = true;
  $('inbox-status').textContent = t('inbox.cleared');
  inboxDrawn = '';
  loadInbox();
}
