'use strict';
// The console: asks for the admin token once (kept in sessionStorage, sent as a header, never as a
// cookie). Three views: connections and paths (each form rendered from its type's JSON Schema;
// "Check connection", "Download journal", "Send test message", "Save", "Delete" through the HTTP
// API) and the queue (polled while shown). The workspace's problems are listed above every view
// and shown at the fields of the object they belong to.

const lang = (navigator.language || 'en').toLowerCase().startsWith('ru') ? 'ru' : 'en';
const TOKEN_KEY = 'scenarioConsoleToken';
let texts = {};
let allTypes = { connections: [], paths: [] };
let types = [];
let view = 'connections'; // or 'paths', 'queue'
let current = null; // {existing, systemName, type, file, values, secretsSet, secretSources}
let problems = []; // the workspace's, as GET /api/problems lists them
let connections = []; // for a path's connection list
let queueTimer = null;
const QUEUE_POLL_MILLIS = 3000;

const $ = id => document.getElementById(id);

function t(key, ...args) {
  let s = texts[key] || key;
  args.forEach((a, i) => { s = s.split('{' + i + '}').join(String(a)); });
  return s;
}

// Where a saved secret is kept (a file, a variable), never its value: the API does not return it.
function secretPlaceholder(object, name) {
  if (!object.secretsSet.includes(name)) {
    return '';
  }
  const source = (object.secretSources || {})[name] || {};
  if (source.file !== undefined) {
    return t('form.secretInFile', source.file);
  }
  if (source.env !== undefined) {
    return t('form.secretInEnv', source.env);
  }
  return t('form.secretKept');
}

async function api(method, path, body) {
  const headers = { 'Authorization': 'Bearer ' + sessionStorage.getItem(TOKEN_KEY) };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  const response = await fetch('/api/' + path + '?lang=' + lang, {
    method, headers, credentials: 'omit', cache: 'no-store',
    body: body === undefined ? undefined : JSON.stringify(body)
  });
  if (response.status === 401) {
    sessionStorage.removeItem(TOKEN_KEY);
    showTokenPanel(true);
    throw new Error('401');
  }
  return response;
}

async function init() {
  document.documentElement.lang = lang;
  texts = await (await fetch('/texts?lang=' + lang)).json();
  document.title = t('page.title');
  $('title').textContent = t('page.title');
  $('subtitle').textContent = t('page.subtitle');
  // the server sends this text only when it listens beyond loopback over plain HTTP
  if (texts['page.exposed']) {
    $('exposed-warning').textContent = texts['page.exposed'];
    $('exposed-warning').hidden = false;
  }
  $('token-title').textContent = t('token.title');
  $('token-help').textContent = t('token.help');
  $('token-submit').textContent = t('token.submit');
  $('tab-connections').textContent = t('tab.connections');
  $('tab-paths').textContent = t('tab.paths');
  $('tab-queue').textContent = t('tab.queue');
  $('delete').textContent = t('button.delete');
  $('problems-title').textContent = t('problems.title');
  $('th-problem-where').textContent = t('problems.where');
  $('th-problem-object').textContent = t('problems.object');
  $('th-problem-property').textContent = t('problems.property');
  $('th-problem-message').textContent = t('problems.message');
  $('send-test-title').textContent = t('send.title');
  $('send-test-help').textContent = t('send.help');
  $('send-test-button').textContent = t('send.button');
  $('queue-title').textContent = t('queue.title');
  $('retry-dead').textContent = t('queue.retryDead');
  ['state', 'path', 'bus', 'messageId', 'recipients', 'attempts', 'next', 'reply', 'reason']
    .forEach(c => { $('th-q-' + c).textContent = t('queue.' + c); });
  $('type-label').textContent = t('form.type');
  $('check').textContent = t('button.check');
  $('journal').textContent = t('button.journal');
  $('save').textContent = t('button.save');
  $('th-step').textContent = t('check.step');
  $('th-status').textContent = t('check.status');
  $('th-time').textContent = t('check.time');
  $('th-detail').textContent = t('check.detail');
  $('token-form').addEventListener('submit', event => {
    event.preventDefault();
    sessionStorage.setItem(TOKEN_KEY, $('token-input').value.trim());
    $('token-input').value = '';
    start();
  });
  $('new-object').addEventListener('click', () => edit({ existing: false, type: types[0].id, values: {}, secretsSet: [] }));
  $('object-form').addEventListener('submit', event => { event.preventDefault(); save(); });
  $('object-form').addEventListener('input', updateVisibility);
  $('object-form').addEventListener('change', updateVisibility);
  $('fields').addEventListener('input', typed);
  $('fields').addEventListener('change', typed);
  $('delete').addEventListener('click', remove);
  $('send-test-button').addEventListener('click', sendTest);
  $('retry-dead').addEventListener('click', () => queueAction('POST', 'queue/retry-dead'));
  for (const tab of document.querySelectorAll('#tabs button')) {
    tab.addEventListener('click', () => show(tab.dataset.view));
  }
  $('field-type').addEventListener('change', () => edit({ existing: false, type: $('field-type').value, values: {}, secretsSet: [] }));
  $('check').addEventListener('click', check);
  $('journal').addEventListener('click', downloadJournal);
  if (sessionStorage.getItem(TOKEN_KEY)) {
    start();
  } else {
    showTokenPanel(false);
  }
}

function showTokenPanel(rejected) {
  $('console').hidden = true;
  $('token-panel').hidden = false;
  $('token-error').hidden = !rejected;
  $('token-error').textContent = t('token.rejected');
  $('token-input').focus();
}

async function start() {
  let response;
  try {
    response = await api('GET', 'types');
  } catch (e) {
    return;
  }
  const all = await response.json();
  allTypes = { connections: all.connectionTypes, paths: all.pathTypes };
  $('token-panel').hidden = true;
  $('console').hidden = false;
  $('tabs').hidden = false;
  // optional views (devinbox.js) set their labels and decide whether their tab is shown
  document.dispatchEvent(new CustomEvent('console:start'));
  await show('connections');
}

// Switches the page to view 'connections', 'paths', 'queue' or 'devinbox' (drawn by devinbox.js on 'console:view').
async function show(name) {
  view = name;
  clearInterval(queueTimer);
  queueTimer = null;
  for (const tab of document.querySelectorAll('#tabs button')) {
    tab.className = tab.dataset.view === name ? 'selected' : '';
  }
  const title = t('page.title.' + name);
  document.title = title;
  $('title').textContent = title;
  $('objects').hidden = name === 'queue' || name === 'devinbox';
  $('editor').hidden = true;
  $('queue-view').hidden = name !== 'queue';
  current = null;
  loadProblems();
  document.dispatchEvent(new CustomEvent('console:view', { detail: name }));
  if (name === 'devinbox') {
    return;
  }
  if (name === 'queue') {
    await loadQueue();
    queueTimer = setInterval(loadQueue, QUEUE_POLL_MILLIS);
    return;
  }
  types = allTypes[name];
  $('new-object').textContent = t('list.new.' + name);
  $('field-type').replaceChildren(...types.map(type => option(type.id, type.name)));
  await loadList();
}

async function loadProblems() {
  problems = await (await api('GET', 'problems')).json();
  const rows = problems.map(p => {
    const row = document.createElement('tr');
    row.dataset.file = p.file;
    [p.file + ':' + p.line, p.object, p.label, p.message].forEach(text => {
      const cell = document.createElement('td');
      cell.textContent = text;
      row.append(cell);
    });
    return row;
  });
  $('problems-table').tBodies[0].replaceChildren(...rows);
  $('problems').hidden = problems.length === 0;
  showOwnProblems();
}

// The workspace's problems of the object being edited, at its fields: what `validate` says of the saved file.
function showOwnProblems() {
  if (!current || !current.existing || view === 'queue') {
    return;
  }
  const own = problems.filter(p => p.file === current.file);
  if (own.length > 0) {
    showProblems(own);
  }
}

async function loadList(selected) {
  const objects = await (await api('GET', view)).json();
  if (view === 'connections') {
    connections = objects;
  }
  const list = $('object-list');
  list.replaceChildren();
  if (objects.length === 0) {
    const empty = document.createElement('li');
    empty.textContent = t('list.empty.' + view);
    list.append(empty);
  }
  for (const c of objects) {
    const item = document.createElement('li');
    item.textContent = c.systemName;
    item.dataset.name = c.systemName;
    item.className = c.systemName === selected ? 'selected' : '';
    item.addEventListener('click', async () => {
      edit(Object.assign({ existing: true }, await (await api('GET', view + '/' + c.systemName)).json()));
      loadList(c.systemName);
    });
    list.append(item);
  }
}

function schemaOf(typeId) {
  return typeOf(typeId).schema;
}

function typeOf(typeId) {
  return types.find(type => type.id === typeId);
}

async function edit(object) {
  if (view === 'paths') {
    connections = await (await api('GET', 'connections')).json();
  }
  current = object;
  touched.clear();
  clearTimeout(validateTimer);
  validateRound++;
  $('editor').hidden = false;
  $('editor-title').textContent = object.existing ? object.systemName : t('form.new.' + view);
  $('field-type').value = object.type;
  $('field-type').disabled = object.existing;
  $('status').textContent = '';
  $('check-result').hidden = true;
  $('check').hidden = view !== 'connections';
  // a journal exists only for a saved connection
  $('journal').hidden = view !== 'connections' || !object.existing;
  $('delete').hidden = !object.existing;
  $('send-test').hidden = view !== 'paths' || !object.existing;
  $('send-result').hidden = true;
  $('test-fields').replaceChildren();
  const fields = $('fields');
  fields.replaceChildren();
  let group = null;
  let container = fields;
  for (const [name, property] of Object.entries(schemaOf(object.type).properties)) {
    if (property['x-group'] !== group) {
      group = property['x-group'];
      container = fields;
      if (group) {
        container = document.createElement('fieldset');
        container.dataset.group = group;
        const legend = document.createElement('legend');
        legend.textContent = property['x-groupTitle'];
        container.append(legend);
        fields.append(container);
      }
    }
    container.append(field(name, property, object));
  }
  updateVisibility();
  showOwnProblems();
  if (view === 'paths' && object.existing) {
    loadTestForm(object.systemName);
  }
}

function field(name, property, object) {
  const wrap = document.createElement('div');
  wrap.className = 'field';
  wrap.id = 'wrap-' + name;
  const label = document.createElement('label');
  label.htmlFor = 'field-' + name;
  label.textContent = property.title;
  label.title = property.description || '';
  let input;
  const value = object.values[name];
  if (view === 'paths' && name === 'connection') {
    // the connections of the type this path type sends through
    input = document.createElement('select');
    input.append(option('', ''));
    const wanted = typeOf(object.type).connectionType;
    connections.filter(c => c.type === wanted).forEach(c => input.append(option(c.systemName, c.systemName)));
    if (value !== undefined && ![...input.options].some(o => o.value === String(value))) {
      input.append(option(String(value), String(value)));
    }
    input.value = value !== undefined ? String(value) : '';
  } else if (objectList(property)) {
    input = objectTable(name, property, Array.isArray(value) ? value : []);
  } else if (property.oneOf) {
    input = document.createElement('select');
    if (property.default === undefined) {
      input.append(option('', ''));
    }
    property.oneOf.forEach(o => input.append(option(o.const, o.title)));
    input.value = value !== undefined ? String(value) : (property.default !== undefined ? String(property.default) : '');
  } else if (property.type === 'boolean') {
    input = document.createElement('input');
    input.type = 'checkbox';
    input.checked = value !== undefined ? String(value) === 'true' : property.default === true;
  } else if (structured(property)) {
    // Objects and lists (retry:, attributes:) are edited as JSON text, which is also valid YAML.
    input = document.createElement('textarea');
    input.rows = 3;
    input.value = value !== undefined ? JSON.stringify(value) : '';
  } else if (property['x-format'] === 'multiline') {
    input = document.createElement('textarea');
    input.rows = 3;
    input.value = value !== undefined ? String(value) : '';
  } else {
    input = document.createElement('input');
    input.type = property.format === 'password' ? 'password' : (property.type === 'integer' ? 'number' : 'text');
    if (property.format === 'password') {
      input.autocomplete = 'new-password';
      input.placeholder = secretPlaceholder(object, name);
    } else {
      input.value = value !== undefined ? String(value) : '';
      input.placeholder = property.default !== undefined ? String(property.default) : '';
    }
  }
  input.id = 'field-' + name;
  input.name = name;
  input.title = property.description || '';
  if (name === 'systemName' && object.existing) {
    input.readOnly = true;
  }
  const error = document.createElement('p');
  error.className = 'error';
  error.id = 'error-' + name;
  error.hidden = true;
  wrap.append(label, input, error);
  return wrap;
}

function objectList(property) {
  return property.type === 'array' && property.items && property.items.type === 'object' && property.items.properties;
}

// A list of objects (attributes:, headers:) as a table: a row per object, a column per item property.
function objectTable(name, property, rows) {
  const table = document.createElement('table');
  table.className = 'object-list';
  const columns = Object.entries(property.items.properties);
  const head = document.createElement('tr');
  columns.forEach(([, p]) => {
    const th = document.createElement('th');
    th.textContent = p.title;
    th.title = p.description || '';
    head.append(th);
  });
  head.append(document.createElement('th'));
  table.createTHead().append(head);
  const body = table.createTBody();
  const addRow = values => {
    const row = document.createElement('tr');
    columns.forEach(([key, p]) => {
      const cell = document.createElement('td');
      let input;
      if (p.oneOf) {
        input = document.createElement('select');
        p.oneOf.forEach(o => input.append(option(o.const, o.title)));
        input.value = values[key] !== undefined ? String(values[key]) : (p.default !== undefined ? String(p.default) : p.oneOf[0].const);
      } else if (p.type === 'boolean') {
        input = document.createElement('input');
        input.type = 'checkbox';
        input.checked = values[key] !== undefined ? String(values[key]) === 'true' : p.default === true;
      } else {
        input = document.createElement('input');
        input.type = 'text';
        input.value = values[key] !== undefined ? String(values[key]) : '';
      }
      input.dataset.key = key;
      input.setAttribute('aria-label', p.title);
      cell.append(input);
      row.append(cell);
    });
    const cell = document.createElement('td');
    const removeButton = document.createElement('button');
    removeButton.type = 'button';
    removeButton.className = 'remove-row';
    removeButton.textContent = '×';
    removeButton.title = t('table.remove');
    removeButton.addEventListener('click', () => row.remove());
    cell.append(removeButton);
    row.append(cell);
    body.append(row);
  };
  rows.forEach(addRow);
  const add = document.createElement('button');
  add.type = 'button';
  add.className = 'add-row';
  add.id = 'add-' + name;
  add.textContent = t('table.add');
  add.addEventListener('click', () => addRow({}));
  const wrap = document.createElement('div');
  wrap.className = 'table-input';
  wrap.dataset.objectList = 'true';
  wrap.append(table, add);
  return wrap;
}

// The rows of an object table as objects; empty cells and unticked boxes that default to false are left out.
function tableValue(wrap, property) {
  const out = [];
  for (const row of wrap.querySelectorAll('tbody tr')) {
    const item = {};
    for (const input of row.querySelectorAll('[data-key]')) {
      const p = property.items.properties[input.dataset.key];
      if (input.type === 'checkbox') {
        if (input.checked || p.default === true) {
          item[input.dataset.key] = input.checked;
        }
      } else if (input.value !== '') {
        item[input.dataset.key] = input.value;
      }
    }
    if (Object.keys(item).length > 0) {
      out.push(item);
    }
  }
  return out;
}

function structured(property) {
  return property.type === 'object' || property.type === 'array';
}

// JSON text as a value; text that is not JSON goes as written, for the server to report.
function parsed(text) {
  try {
    return JSON.parse(text);
  } catch (e) {
    return text;
  }
}

function option(value, title) {
  const o = document.createElement('option');
  o.value = value;
  o.textContent = title;
  return o;
}

// The value a condition sees: what the form holds, else the schema's default, as text.
function effectiveValue(name) {
  const input = $('field-' + name);
  const property = schemaOf(current.type).properties[name];
  if (!input || !property) {
    return '';
  }
  if (input.type === 'checkbox') {
    return String(input.checked);
  }
  if (input.value !== undefined && input.value !== '') {
    return input.value;
  }
  return property.default === undefined ? '' : String(property.default);
}

function visible(property) {
  const condition = property['x-visibleWhen'];
  return !condition || Object.entries(condition).every(([name, values]) => values.includes(effectiveValue(name)));
}

function updateVisibility() {
  if (!current) {
    return;
  }
  for (const [name, property] of Object.entries(schemaOf(current.type).properties)) {
    $('wrap-' + name).hidden = !visible(property);
  }
  for (const set of document.querySelectorAll('#fields fieldset')) {
    set.hidden = [...set.querySelectorAll('.field')].every(f => f.hidden);
  }
}

// The visible fields that hold something; a secret left empty is left out, so the server keeps it.
function collect() {
  const values = {};
  for (const [name, property] of Object.entries(schemaOf(current.type).properties)) {
    const input = $('field-' + name);
    if (!visible(property)) {
      continue;
    }
    if (input.dataset.objectList) {
      const rows = tableValue(input, property);
      if (rows.length > 0) {
        values[name] = rows;
      }
    } else if (input.type === 'checkbox') {
      values[name] = input.checked;
    } else if (input.value !== '' && structured(property)) {
      values[name] = parsed(input.value);
    } else if (input.value !== '') {
      values[name] = property.type === 'integer' && /^-?\d+$/.test(input.value) ? Number(input.value) : input.value;
    }
  }
  return values;
}

// Checked as you type: the fields a user changed since the form was drawn, after a pause, by the server's own
// validation of the unsaved form (POST /api/validate: the same rules as saving and `scenario validate`, so an unknown
// {Attr} in a template is marked exactly as a save would mark it). Fields not touched keep what they showed.
const VALIDATE_PAUSE_MILLIS = 400;
const touched = new Set();
let validateTimer = null;
let validateRound = 0;

function typed(event) {
  const wrap = event.target.closest('.field');
  if (!current || !wrap || !wrap.id.startsWith('wrap-')) {
    return;
  }
  touched.add(wrap.id.substring('wrap-'.length));
  clearTimeout(validateTimer);
  validateTimer = setTimeout(validateTyped, VALIDATE_PAUSE_MILLIS);
}

async function validateTyped() {
  const round = ++validateRound;
  const object = current;
  let found;
  try {
    const response = await api('POST', 'validate', {
      kind: view, type: object.type, name: object.existing ? object.systemName : null, values: collect() });
    if (!response.ok) {
      return;
    }
    found = await response.json();
  } catch (e) {
    return; // the next pause tries again; a save reports for good
  }
  if (round !== validateRound || object !== current) {
    return; // an older answer, or another form by now
  }
  for (const name of touched) {
    const error = $('error-' + name);
    if (!error) {
      continue;
    }
    const own = found.filter(p => p.property.split(/[.[]/)[0] === name).map(p => p.message);
    error.textContent = own.join(' ');
    error.hidden = own.length === 0;
    error.parentElement.classList.toggle('invalid', own.length > 0);
  }
}

function clearProblems() {
  for (const error of document.querySelectorAll('#fields .error')) {
    error.hidden = true;
    error.textContent = '';
    error.parentElement.classList.remove('invalid');
  }
}

function showProblems(problems) {
  clearProblems();
  const unplaced = [];
  for (const problem of problems) {
    const root = problem.property.split(/[.[]/)[0];
    const error = $('error-' + root);
    if (error && !error.parentElement.hidden) {
      error.textContent = (error.textContent ? error.textContent + ' ' : '') + problem.message;
      error.hidden = false;
      error.parentElement.classList.add('invalid');
    } else {
      unplaced.push(problem.message);
    }
  }
  $('status').textContent = [t('form.invalid'), ...unplaced].join(' ');
}

async function failed(response) {
  let message = response.status;
  try {
    message = (await response.json()).error || message;
  } catch (e) {
    // not JSON: the status says enough
  }
  $('status').textContent = t('status.failed', message);
}

async function save() {
  clearProblems();
  // a check result belongs to the values it checked; after a save attempt it may not hold any more
  $('check-result').hidden = true;
  const values = collect();
  const response = current.existing
    ? await api('PUT', view + '/' + encodeURIComponent(current.systemName), { values })
    : await api('POST', view, { type: current.type, values });
  if (response.status === 422) {
    showProblems(await response.json());
  } else if (response.ok) {
    const saved = Object.assign({ existing: true }, await response.json());
    await loadProblems();
    await edit(saved);
    $('status').textContent = t('status.saved', saved.file);
    loadList(saved.systemName);
  } else {
    failed(response);
  }
}

async function remove() {
  if (!confirm(t('confirm.delete.' + view, current.systemName))) {
    return;
  }
  const response = await api('DELETE', view + '/' + encodeURIComponent(current.systemName));
  if (!response.ok) {
    failed(response);
    return;
  }
  const name = current.systemName;
  current = null;
  $('editor').hidden = true;
  await loadList();
  loadProblems();
  const list = $('object-list');
  const note = document.createElement('li');
  note.className = 'note';
  note.id = 'deleted-note';
  note.textContent = t('status.deleted', name);
  list.append(note);
}

// The test message's form: one input per attribute the path takes; lists of addresses as comma-separated text.
async function loadTestForm(name) {
  const response = await api('GET', 'paths/' + encodeURIComponent(name) + '/attributes');
  if (!response.ok || !current || current.systemName !== name) {
    return;
  }
  const schema = await response.json();
  const fields = [];
  for (const [attribute, property] of Object.entries(schema.properties || {})) {
    if (property.items && (property.items.type === 'object' || property.items.type === 'array')) {
      continue; // attachments and custom headers are for scenarios, not a quick test
    }
    const wrap = document.createElement('div');
    wrap.className = 'field';
    const label = document.createElement('label');
    label.htmlFor = 'test-' + attribute;
    // a declared attribute's title is generic: its name is what the path's templates use
    const title = property.title === attribute ? attribute : attribute + ' — ' + property.title;
    label.textContent = title + (property.type === 'array' ? ' (' + t('send.commaSeparated') + ')' : '');
    let input;
    if (property.type === 'boolean') {
      input = document.createElement('input');
      input.type = 'checkbox';
    } else {
      input = document.createElement('input');
      input.type = 'text';
    }
    input.id = 'test-' + attribute;
    input.dataset.attribute = attribute;
    input.dataset.kind = property.type === 'array' ? 'list' : property.type;
    wrap.append(label, input);
    fields.push(wrap);
  }
  $('test-fields').replaceChildren(...fields);
}

async function sendTest() {
  const attributes = {};
  for (const input of document.querySelectorAll('#test-fields [data-attribute]')) {
    const name = input.dataset.attribute;
    if (input.type === 'checkbox') {
      attributes[name] = input.checked;
    } else if (input.value.trim() === '') {
      continue;
    } else if (input.dataset.kind === 'list') {
      attributes[name] = input.value.split(',').map(v => v.trim()).filter(v => v !== '');
    } else if (input.dataset.kind === 'number' && !isNaN(Number(input.value))) {
      attributes[name] = Number(input.value);
    } else {
      attributes[name] = input.value;
    }
  }
  const result = $('send-result');
  result.hidden = false;
  result.className = '';
  result.textContent = t('send.sending');
  const response = await api('POST', 'paths/' + encodeURIComponent(current.systemName) + '/send', { attributes });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    result.className = 'FAILED';
    result.textContent = t('status.failed', body.error || response.status);
    if (body.problems) {
      loadProblems();
    }
    return;
  }
  result.className = body.status;
  if (body.status === 'FAILED') {
    result.textContent = t('send.FAILED', failureKind(body.failureKind), body.replyCode, body.message);
  } else {
    result.textContent = t('send.' + body.status, body.messageId, body.serverReply);
  }
  result.dataset.status = body.status;
}

function failureKind(kind) {
  return texts['failure.' + kind] || kind;
}

async function loadQueue() {
  if (view !== 'queue') {
    return;
  }
  let messages;
  try {
    messages = await (await api('GET', 'queue')).json();
  } catch (e) {
    return;
  }
  const counts = {};
  messages.forEach(m => { counts[m.state] = (counts[m.state] || 0) + 1; });
  const states = ['PENDING', 'SENDING', 'DEFERRED', 'DEAD', 'DAMAGED'];
  $('queue-counts').textContent = messages.length === 0 ? t('queue.empty')
    : states.map(s => t('state.' + s) + ': ' + (counts[s] || 0)).join(' · ');
  const rows = messages.map(m => {
    const row = document.createElement('tr');
    row.dataset.id = m.id;
    row.dataset.state = m.state;
    const owed = m.recipients.length;
    const served = m.delivered.length;
    [t('state.' + m.state), m.path, m.bus, m.messageId, t('queue.owedServed', owed, served), m.attempts,
      m.nextAttemptAt ? new Date(m.nextAttemptAt).toLocaleString(lang) : '—', m.lastReply || '', m.deadReason || '']
      .forEach((text, i) => {
        const cell = document.createElement('td');
        cell.textContent = String(text);
        if (i === 0) {
          cell.className = 'state ' + m.state;
        }
        if (i === 2 || i === 6) {
          // the Message-ID and the server's reply are data, shown as they are in every language
          cell.dataset.verbatim = '';
        }
        row.append(cell);
      });
    const actions = document.createElement('td');
    actions.className = 'actions';
    const retry = document.createElement('button');
    retry.type = 'button';
    retry.className = 'retry';
    retry.textContent = t('queue.retry');
    retry.disabled = m.state === 'SENDING';
    retry.addEventListener('click', () => queueAction('POST', 'queue/' + encodeURIComponent(m.id) + '/retry'));
    const purge = document.createElement('button');
    purge.type = 'button';
    purge.className = 'purge danger';
    purge.textContent = t('queue.purge');
    purge.addEventListener('click', () => {
      if (confirm(t('confirm.purge', m.messageId))) {
        queueAction('DELETE', 'queue/' + encodeURIComponent(m.id));
      }
    });
    actions.append(retry, purge);
    row.append(actions);
    return row;
  });
  $('queue-table').tBodies[0].replaceChildren(...rows);
  $('queue-table').hidden = messages.length === 0;
  $('retry-dead').disabled = !counts.DEAD;
}

async function queueAction(method, path) {
  const response = await api(method, path);
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    $('queue-status').textContent = t('status.failed', body.error || response.status);
  } else if (body.retried !== undefined) {
    $('queue-status').textContent = t('queue.retriedDead', body.retried);
  } else {
    $('queue-status').textContent = t(method === 'DELETE' ? 'queue.purged' : 'queue.retried');
  }
  loadQueue();
}

function currentName() {
  return current.existing ? current.systemName : $('field-systemName').value.trim();
}

async function check() {
  clearProblems();
  $('check-result').hidden = true;
  $('status').textContent = t('status.checking');
  const response = await api('POST', 'connections/' + encodeURIComponent(currentName()) + '/check', { type: current.type, values: collect() });
  if (response.status === 422) {
    showProblems(await response.json());
    return;
  }
  if (!response.ok) {
    failed(response);
    return;
  }
  const result = await response.json();
  $('status').textContent = '';
  const summary = $('check-summary');
  summary.className = result.status;
  summary.textContent = t('check.' + result.status) + ': ' + result.message;
  const rows = result.steps.map(step => {
    const row = document.createElement('tr');
    row.dataset.step = step.name;
    row.dataset.status = step.status;
    const status = step.status === 'FAILED' ? t('check.FAILED.step') : t('check.' + step.status);
    [step.title, status, t('check.ms', step.elapsedMillis), step.detail].forEach((text, i) => {
      const cell = document.createElement('td');
      cell.textContent = text;
      if (i === 1) {
        cell.className = step.status;
      }
      row.append(cell);
    });
    return row;
  });
  $('check-steps').tBodies[0].replaceChildren(...rows);
  $('check-result').hidden = false;
}

async function downloadJournal() {
  const response = await api('GET', 'connections/' + encodeURIComponent(currentName()) + '/journal');
  if (!response.ok) {
    failed(response);
    return;
  }
  const match = /filename="([^"]+)"/.exec(response.headers.get('Content-Disposition') || '');
  const fileName = match ? match[1] : 'journal.log';
  const link = document.createElement('a');
  link.href = URL.createObjectURL(await response.blob());
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10000);
  $('status').textContent = t('status.journal', fileName);
}

init();
