'use strict';
// The studio's page: plain DOM code over the JSON API of the same origin (cookie-authenticated).
const $ = id => document.getElementById(id);
const enc = encodeURIComponent;
const state = { info: null, table: null, page: 1, size: 25, sort: null, desc: false, column: '', contains: '', rowId: null };

async function api(method, url, body) {
  const response = await fetch(url, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = (response.headers.get('content-type') || '').includes('json') ? await response.json() : null;
  if (!response.ok) throw new Error((data && (data.detail || data.title)) || response.statusText);
  return data;
}

function say(text, isError) {
  $('message').textContent = text || '';
  $('message').className = isError ? 'error' : '';
}

function show(section) {
  for (const id of ['browse', 'row', 'insert', 'query']) $(id).hidden = id !== section;
}

function cell(value, tag = 'td') {
  const element = document.createElement(tag);
  if (value === null || value === undefined) { element.textContent = 'NULL'; element.className = 'null'; }
  else { element.textContent = value; element.title = value; }
  return element;
}

function currentTable() { return state.info.tables.find(t => t.name === state.table); }

function fillTable(table, columns, rows, onRow) {
  const head = document.createElement('tr');
  columns.forEach(c => head.append(cell(c, 'th')));
  const body = document.createElement('tbody');
  for (const values of rows) {
    const tr = document.createElement('tr');
    values.forEach(v => tr.append(cell(v)));
    if (onRow) { tr.className = 'link'; tr.addEventListener('click', () => onRow(values)); }
    body.append(tr);
  }
  const thead = document.createElement('thead');
  thead.append(head);
  table.replaceChildren(thead, body);
  return head;
}

async function guarded(action) {
  try { await action(); } catch (error) { say(error.message, true); }
}

async function openTable(name) {
  Object.assign(state, { table: name, page: 1, sort: null, desc: false, column: '', contains: '' });
  document.querySelectorAll('#tables button').forEach(b => b.classList.toggle('active', b.dataset.table === name));
  $('filter-column').replaceChildren(...currentTable().columns.map(c => new Option(c.name, c.name)));
  $('filter-text').value = '';
  say('');
  await loadRows();
}

async function loadRows() {
  const query = new URLSearchParams({ page: state.page, size: state.size, desc: state.desc });
  if (state.sort) query.set('sort', state.sort);
  if (state.contains) { query.set('column', state.column); query.set('contains', state.contains); }
  const data = await api('GET', `/api/tables/${enc(state.table)}/rows?${query}`);
  const pages = Math.max(1, Math.ceil(data.total / data.size));
  $('table-title').textContent = `${state.table} (${data.total} rows)`;
  $('page-info').textContent = `page ${data.page} of ${pages}`;
  $('prev').disabled = data.page <= 1;
  $('next').disabled = data.page >= pages;
  const key = currentTable().key;
  const keyIndex = data.columns.indexOf(key);
  const head = fillTable($('grid'), data.columns, data.values, key ? values => guarded(() => openRow(state.table, values[keyIndex])) : null);
  head.querySelectorAll('th').forEach((th, i) => {
    const column = data.columns[i];
    if (column === data.sort) th.textContent += data.desc ? ' ▼' : ' ▲';
    th.dataset.column = column;
    th.addEventListener('click', () => guarded(() => {
      state.desc = state.sort === column ? !state.desc : false;
      state.sort = column;
      return loadRows();
    }));
  });
  show('browse');
}

async function openRow(table, id) {
  const data = await api('GET', `/api/tables/${enc(table)}/rows/${enc(id)}`);
  Object.assign(state, { table, rowId: id });
  $('row-title').textContent = `${table} · ${data.key} = ${id}`;
  const fields = $('row-fields');
  fields.replaceChildren();
  for (const [column, value] of Object.entries(data.row)) {
    const tr = document.createElement('tr');
    tr.dataset.column = column;
    const edit = document.createElement('button');
    edit.type = 'button'; edit.textContent = 'Edit'; edit.className = 'write edit';
    edit.addEventListener('click', () => startEdit(tr, column, value));
    const actions = document.createElement('td');
    actions.append(edit);
    tr.append(cell(column, 'th'), cell(value), actions);
    fields.append(tr);
  }
  const related = $('related');
  related.replaceChildren();
  for (const group of data.related) {
    const title = document.createElement('h3');
    title.textContent = `${group.via} (${group.values.length}${group.truncated ? '+' : ''})`;
    const table = document.createElement('table');
    table.className = 'related';
    table.dataset.table = group.table;
    const keyIndex = group.columns.indexOf(group.key);
    fillTable(table, group.columns, group.values, group.key ? values => guarded(() => openRow(group.table, values[keyIndex])) : null);
    related.append(title, table);
  }
  show('row');
}

function startEdit(tr, column, value) {
  const td = tr.children[1];
  const input = document.createElement('input');
  input.value = value ?? '';
  input.className = 'edit-value';
  const asNull = document.createElement('label');
  asNull.innerHTML = '<input type="checkbox" class="edit-null"> NULL';
  asNull.querySelector('input').checked = value === null;
  const save = document.createElement('button');
  save.type = 'button'; save.textContent = 'Save'; save.className = 'save';
  save.addEventListener('click', () => guarded(async () => {
    const newValue = asNull.querySelector('input').checked ? null : input.value;
    if (!confirm(`Set ${column} of ${state.table} ${state.rowId} to ${newValue === null ? 'NULL' : `"${newValue}"`}?`)) return;
    await api('PATCH', `/api/tables/${enc(state.table)}/rows/${enc(state.rowId)}`, { column, value: newValue });
    await openRow(state.table, state.rowId);
    say(`Saved ${column}.`);
  }));
  td.replaceChildren(input, asNull, save);
  input.focus();
}

function openInsert() {
  $('insert-table').textContent = state.table;
  const form = $('insert-form');
  form.replaceChildren();
  for (const column of currentTable().columns) {
    const label = document.createElement('label');
    label.textContent = column.name;
    const input = document.createElement('input');
    input.name = column.name;
    input.placeholder = column.name === currentTable().key ? 'generated when empty' : `${column.type}${column.hasDefault ? ' (default)' : column.nullable ? ' (null)' : ''}`;
    form.append(label, input);
  }
  show('insert');
}

async function saveInsert() {
  const values = {};
  for (const input of $('insert-form').querySelectorAll('input')) if (input.value !== '') values[input.name] = input.value;
  if (!confirm(`Insert this row into ${state.table}?`)) return;
  const created = await api('POST', `/api/tables/${enc(state.table)}/rows`, { values });
  await openRow(state.table, created.id);
  say(`Inserted ${created.id}.`);
}

async function deleteRow() {
  if (!confirm(`Delete ${state.table} ${state.rowId}? Rows that reference it may be deleted too (ON DELETE CASCADE). This cannot be undone.`)) return;
  await api('DELETE', `/api/tables/${enc(state.table)}/rows/${enc(state.rowId)}`);
  await loadRows();
  say(`Deleted ${state.rowId}.`);
}

async function runQuery() {
  say('');
  const result = await api('POST', '/api/query', { sql: $('sql').value });
  fillTable($('query-result'), result.columns, result.values, null);
  say(`${result.values.length}${result.truncated ? '+' : ''} rows`);
}

async function init() {
  state.info = await api('GET', '/api/info');
  $('target').textContent = state.info.target;
  $('mode').textContent = state.info.readOnly ? 'read-only' : 'writes allowed';
  document.body.classList.toggle('read-only', state.info.readOnly);
  for (const table of state.info.tables) {
    const button = document.createElement('button');
    button.type = 'button'; button.textContent = table.name; button.dataset.table = table.name;
    button.addEventListener('click', () => guarded(() => openTable(table.name)));
    $('tables').append(button);
  }
  $('filter-apply').addEventListener('click', () => guarded(() => {
    Object.assign(state, { column: $('filter-column').value, contains: $('filter-text').value, page: 1 });
    return loadRows();
  }));
  $('filter-text').addEventListener('keydown', e => { if (e.key === 'Enter') $('filter-apply').click(); });
  $('prev').addEventListener('click', () => guarded(() => { state.page--; return loadRows(); }));
  $('next').addEventListener('click', () => guarded(() => { state.page++; return loadRows(); }));
  $('back').addEventListener('click', () => guarded(loadRows));
  $('delete-row').addEventListener('click', () => guarded(deleteRow));
  $('new-row').addEventListener('click', openInsert);
  $('insert-save').addEventListener('click', () => guarded(saveInsert));
  $('insert-cancel').addEventListener('click', () => show('browse'));
  $('tab-tables').addEventListener('click', () => state.table ? guarded(loadRows) : show(null));
  $('tab-query').addEventListener('click', () => show('query'));
  $('run-query').addEventListener('click', () => guarded(runQuery));
  if (state.info.tables.length) await openTable(state.info.tables[0].name);
}

guarded(init);
