// The lab dashboard: snapshots from /api/*, live changes from /api/events (Server-Sent Events).
// No framework and no external files, so it works offline; every value goes in as text, never as HTML.

const MAX_LOG_LINES = 2000;
const LINK_SCHEMES = new Set(['http:', 'https:', 'ssh:']);

const state = {
  layers: new Map(), // "ControlPlane" -> 3
  resources: new Map(), // name -> snapshot, in the server's order
  deploy: new Map(), // "phase\u0000host" -> entry
  phases: [],
  lab: null,
  snapshotGeneration: 0,
  pending: null, // events that arrived while snapshots were loading
  log: { resource: '', generation: 0, pending: null },
  artifacts: { loaded: false, selected: '' },
};

const $ = (id) => document.getElementById(id);

// Creates an element; attributes are set as attributes and children appended as text or nodes.
function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== undefined && value !== null && value !== false) {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  for (const child of children) {
    if (child !== undefined && child !== null) {
      element.append(child instanceof Node ? child : String(child));
    }
  }
  return element;
}

const kebab = (name) => String(name).replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();

function humanize(name) {
  const words = kebab(name).replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function layerLabel(layer) {
  const number = state.layers.get(layer);
  return number ? `${number} · ${humanize(layer)}` : humanize(layer);
}

async function getJson(url) {
  const response = await fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
  if (!response.ok) {
    throw await requestError(url, response);
  }
  return response.json();
}

async function getText(url) {
  const response = await fetch(url, { credentials: 'same-origin' });
  if (!response.ok) {
    throw await requestError(url, response);
  }
  return response.text();
}

async function requestError(url, response) {
  let message = `${url} answered ${response.status}.`;
  try {
    const body = await response.json();
    if (body && body.error) {
      message = body.error;
    }
  } catch {
    // Not JSON: keep the status line.
  }
  const error = new Error(message);
  error.status = response.status;
  return error;
}

function showProblem(error) {
  const connection = $('connection');
  connection.dataset.state = error.status === 401 ? 'signed-out' : 'error';
  connection.textContent = error.status === 401
    ? 'Signed out: open the login URL printed in the terminal.'
    : `Problem: ${error.message}`;
}

// ---- Live connection -------------------------------------------------------------------------

let source = null;

function connect() {
  source = new EventSource('/api/events');
  // The server subscribed before sending "connected", so snapshots fetched now miss nothing.
  source.addEventListener('connected', () => {
    setConnection('live', 'Live');
    loadSnapshots();
  });
  source.addEventListener('message', (message) => {
    let labEvent;
    try {
      labEvent = JSON.parse(message.data);
    } catch {
      return;
    }
    if (state.pending) {
      state.pending.push(labEvent);
    } else {
      applyEvent(labEvent);
    }
  });
  source.addEventListener('error', () => {
    if (source.readyState === EventSource.CLOSED) {
      // The server refused the stream (a new token after a restart?): try again later.
      setConnection('closed', 'Disconnected; retrying…');
      source.close();
      setTimeout(connect, 5000);
    } else {
      setConnection('reconnecting', 'Reconnecting…');
    }
  });
}

function setConnection(name, text) {
  const connection = $('connection');
  connection.dataset.state = name;
  connection.textContent = text;
}

async function loadSnapshots() {
  const generation = ++state.snapshotGeneration;
  state.pending = [];
  try {
    const [layers, lab, resources, deploy] = await Promise.all([
      getJson('/api/layers'), getJson('/api/lab'), getJson('/api/resources'), getJson('/api/deploy'),
    ]);
    if (generation !== state.snapshotGeneration) {
      return; // A reconnect started a newer load.
    }
    state.layers = new Map(layers.map((l) => [l.name, l.number]));
    renderLab(lab);
    state.resources = new Map(resources.map((r) => [r.name, r]));
    renderResources();
    state.deploy = new Map();
    state.phases = [];
    for (const entry of deploy) {
      addDeploy(entry);
    }
    renderDeploy();
  } catch (error) {
    showProblem(error);
  } finally {
    if (generation === state.snapshotGeneration) {
      // Replaying events newer than the snapshot's start is safe: each one replaces a whole row or cell.
      const pending = state.pending || [];
      state.pending = null;
      pending.forEach(applyEvent);
      document.body.dataset.loaded = 'true';
      if (state.log.resource) {
        loadLogs(state.log.resource);
      }
    }
  }
}

function applyEvent(labEvent) {
  switch (labEvent.type) {
    case 'resource':
      state.resources.set(labEvent.resource.name, labEvent.resource);
      renderResource(labEvent.resource);
      break;
    case 'deploy':
      addDeploy(labEvent.entry);
      renderDeploy();
      break;
    case 'lab':
      renderLab(labEvent.lab);
      break;
    case 'log':
      if (labEvent.resource === state.log.resource) {
        if (state.log.pending) {
          state.log.pending.push(labEvent.line);
        } else {
          appendLogLines([labEvent.line]);
        }
      }
      break;
    default:
      break;
  }
}

// ---- Lab status ------------------------------------------------------------------------------

function renderLab(lab) {
  state.lab = lab;
  $('lab-name').textContent = lab.name;
  $('lab-substrate').textContent = lab.substrate;
  $('lab-ready').textContent = lab.ready ? 'Ready' : 'Not ready';
  $('lab-ready').className = `badge ${lab.ready ? 'badge-ready' : 'badge-busy'}`;
  $('lab-message').textContent = lab.message;
  $('lab-status').dataset.ready = String(Boolean(lab.ready));
  document.title = `${lab.name} · Platform lab`;
}

// ---- Resources -------------------------------------------------------------------------------

function renderResources() {
  const rows = $('resource-rows');
  rows.replaceChildren(...[...state.resources.values()].map(createResourceRow));
  renderSummary();
  renderLogOptions();
}

function renderResource(resource) {
  const row = findRow(resource.name);
  if (row) {
    fillResourceRow(row, resource);
  } else {
    $('resource-rows').append(createResourceRow(resource));
    renderLogOptions();
  }
  renderSummary();
}

function findRow(name) {
  for (const row of $('resource-rows').rows) {
    if (row.dataset.resource === name) {
      return row;
    }
  }
  return null;
}

function createResourceRow(resource) {
  const logs = el('button', { type: 'button', class: 'logs-button', 'data-action': 'logs', 'aria-label': `Logs of ${resource.name}` }, 'Logs');
  logs.addEventListener('click', () => openLogs(resource.name));
  const row = el('tr', { 'data-resource': resource.name },
    el('th', { scope: 'row', 'data-col': 'name' }),
    el('td', { 'data-col': 'type' }),
    el('td', { 'data-col': 'layer' }),
    el('td', { 'data-col': 'state' }),
    el('td', { 'data-col': 'detail' }),
    el('td', { 'data-col': 'endpoints' }),
    el('td', { 'data-col': 'actions' }, logs));
  fillResourceRow(row, resource);
  return row;
}

// Updates the cells in place, so a focused Logs button keeps its focus.
function fillResourceRow(row, resource) {
  const cell = (name) => row.querySelector(`[data-col="${name}"]`);
  cell('name').textContent = resource.name;
  cell('type').textContent = resource.type;
  cell('layer').textContent = layerLabel(resource.layer);
  cell('layer').dataset.layer = String(state.layers.get(resource.layer) || '');
  const stateName = kebab(resource.state);
  cell('state').dataset.state = stateName;
  cell('state').replaceChildren(el('span', { class: `state state-${stateName}` }, humanize(resource.state)));
  cell('detail').textContent = resource.detail;
  cell('endpoints').replaceChildren(endpointList(resource.endpoints || []));
  row.dataset.state = stateName;
}

function endpointList(endpoints) {
  if (endpoints.length === 0) {
    return '';
  }
  return el('ul', { class: 'endpoints' }, ...endpoints.map((endpoint) => el('li', {}, endpointLink(endpoint))));
}

function endpointLink(endpoint) {
  let url = null;
  try {
    url = new URL(endpoint.url);
  } catch {
    // Not a URL: shown as text.
  }
  if (!url || !LINK_SCHEMES.has(url.protocol)) {
    return `${endpoint.name} ${endpoint.url}`;
  }
  return el('a', { href: url.href, target: '_blank', rel: 'noopener noreferrer', 'data-endpoint': endpoint.name },
    el('span', { class: 'endpoint-name' }, endpoint.name), ' ', el('span', { class: 'endpoint-url' }, endpoint.url));
}

function renderSummary() {
  const counts = new Map();
  for (const resource of state.resources.values()) {
    counts.set(resource.state, (counts.get(resource.state) || 0) + 1);
  }
  $('resource-summary').textContent = [...counts].map(([name, count]) => `${count} ${humanize(name).toLowerCase()}`).join(', ');
}

// ---- Deploy progress -------------------------------------------------------------------------

const deployKey = (phase, host) => `${phase}\u0000${host}`;

function addDeploy(entry) {
  if (!state.phases.includes(entry.phase)) {
    state.phases.push(entry.phase);
  }
  state.deploy.set(deployKey(entry.phase, entry.host), entry);
}

function renderDeploy() {
  const empty = state.deploy.size === 0;
  $('deploy-empty').hidden = !empty;
  $('deploy-grid').hidden = empty;
  if (empty) {
    return;
  }
  const hosts = [];
  for (const entry of state.deploy.values()) {
    if (entry.host !== '*' && !hosts.includes(entry.host)) {
      hosts.push(entry.host);
    }
  }
  if (hosts.length === 0) {
    hosts.push('*');
  }
  $('deploy-phases').replaceChildren(el('th', { scope: 'col' }, 'Host'),
    ...state.phases.map((phase) => el('th', { scope: 'col', 'data-phase': phase }, phase)));
  $('deploy-rows').replaceChildren(...hosts.map((host) => el('tr', { 'data-host': host },
    el('th', { scope: 'row' }, host === '*' ? 'All hosts' : host),
    ...state.phases.map((phase) => deployCell(phase, host)))));
}

function deployCell(phase, host) {
  // A "*" entry stands for the whole phase (a skipped phase) on hosts without their own entry.
  const entry = state.deploy.get(deployKey(phase, host)) || state.deploy.get(deployKey(phase, '*'));
  if (!entry) {
    return el('td', { 'data-phase': phase, 'data-host': host, class: 'deploy-none' }, '–');
  }
  const parts = [humanize(entry.status)];
  if (entry.changes > 0) {
    parts.push(`${entry.changes} ${entry.changes === 1 ? 'change' : 'changes'}`);
  }
  if (entry.seconds !== null && entry.seconds !== undefined) {
    parts.push(`${Number(entry.seconds).toFixed(1)} s`);
  }
  return el('td', {
    'data-phase': phase,
    'data-host': host,
    'data-status': kebab(entry.status),
    class: `deploy-cell deploy-${kebab(entry.status)}`,
    title: entry.error || undefined,
  }, parts.join(' · '));
}

// ---- Logs ------------------------------------------------------------------------------------

function renderLogOptions() {
  const select = $('log-select');
  const selected = state.log.resource;
  select.replaceChildren(el('option', { value: '' }, 'Choose a resource…'),
    ...[...state.resources.keys()].map((name) => el('option', { value: name }, name)));
  select.value = selected;
}

function openLogs(name) {
  showView('logs');
  $('log-select').value = name;
  loadLogs(name);
  $('log-lines').focus();
}

async function loadLogs(name) {
  const log = state.log;
  const generation = ++log.generation;
  log.resource = name;
  log.pending = []; // Lines streamed while the fetch is in flight; some may also be in its answer.
  const view = $('log-lines');
  view.replaceChildren();
  view.dataset.resource = name;
  view.dataset.loaded = 'false';
  $('logs-resource').textContent = name ? `for ${name}` : '';
  if (!name) {
    log.pending = null;
    return;
  }
  try {
    const lines = await getJson(`/api/resources/${encodeURIComponent(name)}/logs`);
    if (generation !== log.generation) {
      return;
    }
    appendLogLines(lines.concat(withoutOverlap(lines, log.pending)));
    view.dataset.loaded = 'true';
  } catch (error) {
    if (generation === log.generation) {
      view.textContent = error.message;
    }
  } finally {
    if (generation === log.generation) {
      log.pending = null;
    }
  }
}

// Streamed lines that the fetched tail already ends with are dropped; log events carry no sequence
// number, so the longest overlap is taken.
function withoutOverlap(lines, pending) {
  for (let k = Math.min(lines.length, pending.length); k > 0; k--) {
    let same = true;
    for (let i = 0; i < k && same; i++) {
      same = lines[lines.length - k + i] === pending[i];
    }
    if (same) {
      return pending.slice(k);
    }
  }
  return pending;
}

function appendLogLines(lines) {
  if (lines.length === 0) {
    return;
  }
  const view = $('log-lines');
  const atBottom = view.scrollHeight - view.scrollTop - view.clientHeight < 32;
  view.append(...lines.map((line) => document.createTextNode(`${line}\n`)));
  while (view.childNodes.length > MAX_LOG_LINES) {
    view.firstChild.remove();
  }
  if (atBottom) {
    view.scrollTop = view.scrollHeight;
  }
}

// ---- Artifacts -------------------------------------------------------------------------------

async function loadArtifacts() {
  if (state.artifacts.loaded) {
    return;
  }
  const list = $('artifact-list');
  try {
    const artifacts = await getJson('/api/artifacts');
    state.artifacts.loaded = true;
    const byLayer = new Map();
    for (const artifact of artifacts) {
      if (!byLayer.has(artifact.layer)) {
        byLayer.set(artifact.layer, { name: artifact.layerName, items: [] });
      }
      byLayer.get(artifact.layer).items.push(artifact);
    }
    const layers = [...byLayer.entries()].sort((a, b) => a[0] - b[0]);
    list.replaceChildren(...(layers.length === 0
      ? [el('p', { class: 'empty' }, 'Nothing published.')]
      : layers.map(([number, layer]) => el('section', { class: 'artifact-layer', 'data-layer': number, 'aria-labelledby': `layer-${number}` },
        el('h3', { id: `layer-${number}` }, `${number} · ${humanize(layer.name)}`),
        el('ul', {}, ...layer.items.map(artifactItem))))));
  } catch (error) {
    list.replaceChildren(el('p', { class: 'problem' }, error.message));
  }
}

function artifactItem(artifact) {
  const button = el('button', { type: 'button', class: 'artifact-button', 'data-artifact-path': artifact.path }, artifact.path);
  button.addEventListener('click', () => openArtifact(artifact.path, button));
  return el('li', {}, button, el('span', { class: 'artifact-meta' }, `${artifact.component} · ${artifact.target}`));
}

async function openArtifact(path, button) {
  state.artifacts.selected = path;
  for (const other of document.querySelectorAll('.artifact-button[aria-current]')) {
    other.removeAttribute('aria-current');
  }
  button.setAttribute('aria-current', 'true');
  $('artifact-path').textContent = path;
  const content = $('artifact-content');
  content.dataset.path = path;
  content.dataset.loaded = 'false';
  content.textContent = 'Loading…';
  try {
    const text = await getText(`/api/artifacts/content?path=${encodeURIComponent(path)}`);
    if (state.artifacts.selected === path) {
      content.textContent = text;
      content.scrollTop = 0;
      content.dataset.loaded = 'true';
    }
  } catch (error) {
    if (state.artifacts.selected === path) {
      content.textContent = error.message;
    }
  }
}

// ---- Views -----------------------------------------------------------------------------------

function showView(name) {
  for (const button of document.querySelectorAll('nav.views button[data-view]')) {
    const active = button.dataset.view === name;
    if (active) {
      button.setAttribute('aria-current', 'page');
    } else {
      button.removeAttribute('aria-current');
    }
    $(button.getAttribute('aria-controls')).hidden = !active;
  }
  document.body.dataset.view = name;
  if (name === 'artifacts') {
    loadArtifacts();
  }
}

function start() {
  for (const button of document.querySelectorAll('nav.views button[data-view]')) {
    button.addEventListener('click', () => showView(button.dataset.view));
  }
  $('log-select').addEventListener('change', (e) => loadLogs(e.target.value));
  showView('resources');
  connect();
}

start();
