'use strict';
// The connections page: asks for the admin token once (kept in sessionStorage, sent as a header,
// never as a cookie), renders each connection's form from its type's JSON Schema, and drives
// "Check connection", "Download journal" and "Save" through the HTTP API.

const lang = (navigator.language || 'en').toLowerCase().startsWith('ru') ? 'ru' : 'en';
const TOKEN_KEY = 'scenarioConsoleToken';
let texts = {};
let types = [];
let current = null; // {existing, systemName, type, values, secretsSet, secretSources}

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
  $('new-connection').textContent = t('list.new');
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
  $('new-connection').addEventListener('click', () => edit({ existing: false, type: types[0].id, values: {}, secretsSet: [] }));
  $('connection-form').addEventListener('submit', event => { event.preventDefault(); save(); });
  $('connection-form').addEventListener('input', updateVisibility);
  $('connection-form').addEventListener('change', updateVisibility);
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
  types = (await response.json()).connectionTypes;
  $('token-panel').hidden = true;
  $('console').hidden = false;
  $('field-type').replaceChildren(...types.map(type => option(type.id, type.name)));
  await loadList();
}

async function loadList(selected) {
  const connections = await (await api('GET', 'connections')).json();
  const list = $('connection-list');
  list.replaceChildren();
  if (connections.length === 0) {
    const empty = document.createElement('li');
    empty.textContent = t('list.empty');
    list.append(empty);
  }
  for (const c of connections) {
    const item = document.createElement('li');
    item.textContent = c.systemName;
    item.dataset.name = c.systemName;
    item.className = c.systemName === selected ? 'selected' : '';
    item.addEventListener('click', async () => {
      edit(Object.assign({ existing: true }, await (await api('GET', 'connections/' + c.systemName)).json()));
      loadList(c.systemName);
    });
    list.append(item);
  }
}

function schemaOf(typeId) {
  return types.find(type => type.id === typeId).schema;
}

function edit(object) {
  current = object;
  $('editor').hidden = false;
  $('editor-title').textContent = object.existing ? object.systemName : t('form.new');
  $('field-type').value = object.type;
  $('field-type').disabled = object.existing;
  $('status').textContent = '';
  $('check-result').hidden = true;
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
  if (property.oneOf) {
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
  if (input.value !== '') {
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
    if (input.type === 'checkbox') {
      values[name] = input.checked;
    } else if (input.value !== '' && structured(property)) {
      values[name] = parsed(input.value);
    } else if (input.value !== '') {
      values[name] = property.type === 'integer' && /^-?\d+$/.test(input.value) ? Number(input.value) : input.value;
    }
  }
  return values;
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
      unplaced.push(problem.property + ': ' + problem.message);
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
  const values = collect();
  const response = current.existing
    ? await api('PUT', 'connections/' + encodeURIComponent(current.systemName), { values })
    : await api('POST', 'connections', { type: current.type, values });
  if (response.status === 422) {
    showProblems(await response.json());
  } else if (response.ok) {
    const saved = Object.assign({ existing: true }, await response.json());
    edit(saved);
    $('status').textContent = t('status.saved', saved.file);
    loadList(saved.systemName);
  } else {
    failed(response);
  }
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
