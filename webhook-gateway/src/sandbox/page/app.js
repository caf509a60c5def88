// Leadwire sandbox page: a WhatsApp-like phone (the visitor is the customer) next to what the CRM holds.
// Vanilla ES module, no build step, same-origin JSON API under /sandbox/api. All untrusted text goes
// through DOM nodes (textContent / attributes), never innerHTML.

const CRMS = ['hubspot', 'salesforce'];
const CRM_LABEL = { hubspot: 'HubSpot', salesforce: 'Salesforce' };
const POLL_MS = 1000;
const TYPING_MAX_MS = 15000;
const MAX_AUDIO_BYTES = 16 * 1024 * 1024; // WhatsApp's own limit for audio
const SIGNAL_ORDER = ['service', 'location', 'urgency', 'timing', 'language'];
const RECORD_ORDER = ['Contact', 'Lead', 'Deal', 'Ticket', 'Case', 'Task'];
const RECORD_ICON = { Contact: '👤', Lead: '⭐', Deal: '💼', Ticket: '🎫', Case: '📁', Task: '✅' };
const TICKS = { sent: '✓', delivered: '✓✓', read: '✓✓', failed: '⚠' };
const ASSIGNEE_KIND = { user: 'User', queue: 'Queue', pool: 'Unassigned pool' };

const $ = (id) => document.getElementById(id);
/** Writes text only when it changed, so polling does not re-announce live regions. */
const setText = (id, text) => {
  if ($(id).textContent !== text) $(id).textContent = text;
};

const view = {
  crm: 'hubspot',
  customer: '',
  state: null,
  seq: 0,
  applied: 0,
  rendered: {},
  chatNodes: new Map(),
  awaitingSince: 0,
  repliesAtSend: 0,
  offline: false,
};

// ---------- small helpers ----------

const isProps = (v) => v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Node);

/**
 * Builds an element: h('span.pill.big', { testid, title, onclick }, ...children). The props object is
 * optional; `testid` sets data-testid; null/false props and children are skipped. Strings become text.
 */
function h(spec, ...rest) {
  const [tag, ...classes] = spec.split('.');
  const el = document.createElement(tag);
  if (classes.length) el.className = classes.join(' ');
  const props = isProps(rest[0]) ? rest.shift() : {};
  for (const [key, value] of Object.entries(props)) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else el.setAttribute(key === 'testid' ? 'data-testid' : key, value === true ? '' : String(value));
  }
  for (const child of rest.flat(Infinity)) {
    if (child !== null && child !== undefined && child !== false) el.append(child);
  }
  return el;
}

const empty = (text) => h('p.empty', text);
const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;
const assigneeName = (a) => a.name || ASSIGNEE_KIND[a.kind] || a.kind;

function cleanNumber(value) {
  const digits = String(value ?? '').replace(/\D/g, '');
  return digits.length >= 6 && digits.length <= 15 ? digits : '';
}

function randomCustomer() {
  let digits = '9665';
  for (let i = 0; i < 8; i++) digits += Math.floor(Math.random() * 10);
  return digits;
}

function formatTime(iso) {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : date.toLocaleTimeString('en-GB', { timeStyle: 'short' });
}

function formatDateTime(iso) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return String(iso ?? '');
  const opts = { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' };
  return date.toLocaleString('en-GB', opts);
}

function formatDuration(minutes) {
  const m = Math.round(Math.abs(minutes));
  if (m < 60) return `${m} min`;
  return m % 60 ? `${Math.floor(m / 60)} h ${m % 60} min` : `${m / 60} h`;
}

/** Field values: ISO timestamps become readable, objects become "k: v" lists. */
function formatValue(value) {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.map(formatValue).join(', ');
  if (typeof value === 'object') {
    return Object.entries(value)
      .map(([k, v]) => `${k}: ${formatValue(v)}`)
      .join(', ');
  }
  const text = String(value);
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(text) ? formatDateTime(text) : text;
}

function initials(name) {
  const parts = String(name || '?')
    .trim()
    .split(/\s+/);
  return parts
    .slice(0, 2)
    .map((part) => part[0] ?? '')
    .join('')
    .toUpperCase();
}

function toast(text, kind = 'error') {
  const box = $('toasts');
  const el = h(`div.toast.toast-${kind}`, { role: kind === 'error' ? 'alert' : 'status' }, text);
  box.append(el);
  while (box.children.length > 3) box.firstElementChild.remove();
  setTimeout(() => el.remove(), 5000);
}

// ---------- API ----------

async function api(path, body) {
  const init = body
    ? { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }
    : { headers: { accept: 'application/json' } };
  const res = await fetch(path, init);
  const data = await res.json().catch(() => null);
  if (!res.ok) throw new Error(data?.error || `${res.status} ${res.statusText}`.trim());
  return data ?? {};
}

/** Runs an action: errors go to a toast; the state is fetched again right after either way. */
async function act(fn) {
  try {
    await fn();
    return true;
  } catch (err) {
    toast(err instanceof Error ? err.message : String(err));
    return false;
  } finally {
    refresh();
  }
}

async function refresh() {
  const seq = ++view.seq;
  const { crm, customer } = view;
  try {
    const state = await api(`/sandbox/api/state?crm=${crm}&customer=${customer}`);
    if (seq < view.applied || crm !== view.crm || customer !== view.customer) return;
    view.applied = seq;
    setConnection(true);
    render(state);
  } catch (err) {
    if (crm === view.crm && customer === view.customer) setConnection(false, err.message);
  }
}

function setConnection(ok, message = '') {
  setText('connection', ok ? '' : `Can't reach the sandbox API (${message}); retrying…`);
  if (!ok && !view.offline) toast(`Sandbox API: ${message}`);
  view.offline = !ok;
}

async function pollLoop() {
  if (!document.hidden) await refresh();
  setTimeout(pollLoop, POLL_MS);
}

// ---------- actions ----------

const replyCount = (state) => (state?.chat ?? []).filter((m) => m.from !== 'customer').length;

function sendMessage(message) {
  const replies = replyCount(view.state);
  return act(async () => {
    await api('/sandbox/api/messages', { crm: view.crm, customer: view.customer, message });
    view.awaitingSince = Date.now();
    view.repliesAtSend = replies;
  });
}

const sendReply = (choice) => sendMessage({ type: 'reply', id: choice.id, title: choice.title });

function syncUrl() {
  const query = new URLSearchParams({ crm: view.crm, customer: view.customer });
  history.replaceState(null, '', `${location.pathname}?${query}`);
}

/** Switches CRM and/or customer: forget everything rendered and fetch the new state. */
function switchTo(crm, customer) {
  Object.assign(view, { crm, customer, state: null, rendered: {}, awaitingSince: 0 });
  view.chatNodes.clear();
  $('chat').replaceChildren();
  document.body.dataset.crm = crm;
  syncUrl();
  renderSwitch();
  refresh();
}

const setPresence = (userId, online) =>
  act(() => api('/sandbox/api/presence', { crm: view.crm, userId, online }));

function advanceClock(minutes) {
  return act(async () => renderClock(await api('/sandbox/api/clock', { advanceMinutes: minutes })));
}

function fileBase64(file) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).split(',')[1] ?? '');
    reader.onerror = () => reject(new Error(`Could not read ${file.name}`));
    reader.readAsDataURL(file);
  });
}

// ---------- render ----------

function render(state) {
  view.state = state;
  const conv = state.conversation;
  const records = state.records;
  renderIfChanged(
    'header',
    [state.crm, state.customer, state.businessName, state.businessNumber],
    renderHeader,
  );
  renderClock(state);
  renderIfChanged('chat', [state.chat, conv?.ownerName], renderChat);
  renderTyping(state);
  renderIfChanged(
    'crmHead',
    [state.crm, state.customer, state.customerName, state.businessName, state.apiCalls],
    renderCrmHead,
  );
  renderIfChanged('owner', [conv?.state, conv?.ownerName, conv?.routing], renderOwner);
  renderSla(state.now);
  renderIfChanged('task', [records?.filter((r) => r.type === 'Task')], renderTask);
  renderIfChanged('decision', [conv?.decision], renderDecision);
  renderIfChanged('signals', [conv?.signals], renderSignals);
  renderIfChanged('routing', [conv?.routing, conv?.routingHistory], renderRouting);
  renderIfChanged('records', [records], renderRecords);
  renderIfChanged('team', [state.team, conv?.ownerId], renderTeam);
  renderOwnerBox(conv);
}

/** Re-renders a section only when its slice of the state changed (keeps focus, scroll and open rows). */
function renderIfChanged(key, deps, fn) {
  const signature = JSON.stringify(deps);
  if (view.rendered[key] === signature) return;
  view.rendered[key] = signature;
  fn(view.state);
}

function renderSwitch() {
  for (const button of document.querySelectorAll('.seg[data-crm]')) {
    button.setAttribute('aria-pressed', String(button.dataset.crm === view.crm));
  }
  $('customer-number').textContent = `+${view.customer}`;
}

function renderHeader(state) {
  renderSwitch();
  $('business-name').textContent = state.businessName || 'Business';
  $('business-number').textContent = state.businessNumber || '';
  document.title = `Leadwire sandbox · ${state.businessName || ''} · ${CRM_LABEL[state.crm] ?? ''}`;
}

function renderClock({ now, clockOffsetMinutes }) {
  if (!now) return;
  setText('sandbox-clock', formatDateTime(now));
  $('sandbox-clock').title = now;
  setText('clock-offset', clockOffsetMinutes ? `(+${formatDuration(clockOffsetMinutes)})` : '');
}

// ----- phone -----

/** Chat is patched by message id, so the aria-live log only announces new or changed bubbles. */
function renderChat(state) {
  const chat = $('chat');
  const body = $('wa-body');
  const messages = state.chat ?? [];
  const ownerName = state.conversation?.ownerName;
  const lastAgentId = messages.findLast((m) => m.from === 'agent')?.id;
  const nearBottom = body.scrollHeight - body.scrollTop - body.clientHeight < 120;
  const grew = messages.length > chat.children.length;

  const nodes = messages.map((m) => {
    const tappable = m.id === lastAgentId;
    const signature = JSON.stringify([m, tappable, m.from === 'owner' ? ownerName : '']);
    let entry = view.chatNodes.get(m.id);
    if (entry?.signature !== signature) {
      entry = { signature, node: messageNode(m, tappable, ownerName) };
      view.chatNodes.set(m.id, entry);
    }
    return entry.node;
  });
  const wanted = new Set(nodes);
  for (const child of [...chat.children]) if (!wanted.has(child)) child.remove();
  nodes.forEach((node, i) => {
    if (chat.children[i] !== node) chat.insertBefore(node, chat.children[i] ?? null);
  });

  $('empty-chat').hidden = messages.length > 0;
  if (nearBottom || grew) body.scrollTop = body.scrollHeight;
}

function messageNode(m, tappable, ownerName) {
  const bubble = h('div.bubble', senderTag(m, ownerName), messageBody(m, tappable), messageMeta(m));
  const buttons = m.kind === 'buttons' ? replyButtons(m.buttons ?? [], tappable) : null;
  return h(
    `div.msg.msg-${m.from}`,
    { testid: 'chat-message', 'data-from': m.from, 'data-kind': m.kind },
    bubble,
    buttons,
  );
}

function senderTag(m, ownerName) {
  if (m.from === 'customer') return h('span.sr-only', 'You: ');
  if (m.from === 'owner') return h('span.sender.sender-owner', `👤 ${ownerName || 'Owner'}`);
  return h('span.sender.sender-agent', '🤖 Agent');
}

function messageBody(m, tappable) {
  const text = m.text ? h('p.text', { dir: 'auto' }, m.text) : null;
  if (m.kind === 'location') return locationBody(m.location ?? {});
  if (m.kind === 'voice') return voiceBody(m.voice ?? {});
  if (m.kind === 'list') return [text, listOpener(m.list, tappable)];
  return text ?? h('p.text.muted', m.kind === 'other' ? 'Unsupported message' : '');
}

function locationBody(loc) {
  const coords = `${Number(loc.latitude).toFixed(4)}, ${Number(loc.longitude).toFixed(4)}`;
  return h(
    'div.location',
    h('div.map', { 'aria-hidden': 'true' }, h('span.pin', '📍')),
    h('strong', loc.name || 'Location'),
    loc.address ? h('span.small', loc.address) : null,
    h('span.small.mono', coords),
  );
}

function voiceBody(voice) {
  const bars = Array.from({ length: 24 }, (_, i) => h('span', { style: `height:${4 + ((i * 7) % 13)}px` }));
  return h(
    'div.voice',
    h(
      'div.voice-player',
      h('span.play', { 'aria-hidden': 'true' }, '▶'),
      h('span.wave', { 'aria-hidden': 'true' }, bars),
    ),
    h('span.sr-only', 'Voice message. '),
    voice.transcript ? h('p.transcript', { dir: 'auto' }, `“${voice.transcript}”`) : null,
    voice.failure ? h('p.transcript.failure', `Not transcribed: ${voice.failure}`) : null,
  );
}

function messageMeta(m) {
  const tick = m.status
    ? h(`span.ticks.ticks-${m.status}`, { title: m.status }, TICKS[m.status] ?? '')
    : null;
  const status = m.status ? h('span.sr-only', ` ${m.status}`) : null;
  return h('span.meta', h('time', { datetime: m.at }, formatTime(m.at)), tick, status);
}

/** Only the latest agent message's buttons are tappable (and carry the test id). */
function replyButtons(buttons, tappable) {
  return h(
    'div.reply-row',
    buttons.map((b) => {
      const props = { type: 'button', testid: tappable && 'reply-button', disabled: !tappable };
      return h('button.reply-btn', { ...props, onclick: () => sendReply(b) }, `↩ ${b.title}`);
    }),
  );
}

function listOpener(list, tappable) {
  const props = { type: 'button', testid: tappable && 'list-open', disabled: !tappable };
  return h(
    'button.list-open',
    { ...props, onclick: () => openList(list) },
    `☰ ${list?.button || 'Options'}`,
  );
}

function openList(list) {
  const dialog = $('list-dialog');
  const rowButton = (row) => {
    const onclick = () => {
      dialog.close();
      sendReply(row);
    };
    const description = row.description ? h('span.small.muted', row.description) : '';
    return h(
      'button.list-row',
      { type: 'button', testid: 'list-row', onclick },
      h('strong', row.title),
      description,
    );
  };
  const sections = (list?.sections ?? []).map((section) =>
    h('div.list-section', section.title ? h('h3', section.title) : null, (section.rows ?? []).map(rowButton)),
  );
  $('list-title').textContent = list?.button || 'Options';
  $('list-rows').replaceChildren(...sections);
  dialog.showModal();
}

/** "typing…" from the moment the customer sends until a reply arrives (or the agent is silent / gives up). */
function renderTyping(state) {
  const conv = state.conversation;
  if (replyCount(state) > view.repliesAtSend || conv?.state === 'human' || conv?.agentSilent)
    view.awaitingSince = 0;
  const typing = view.awaitingSince > 0 && Date.now() - view.awaitingSince < TYPING_MAX_MS;
  $('typing').hidden = !typing;
  setText('wa-sub', typing ? 'typing…' : 'Business account');
}

// ----- CRM panel: static cards in index.html, each filled by its own render -----

function renderCrmHead(state) {
  const label = CRM_LABEL[state.crm] ?? state.crm;
  $('crm-panel').dataset.crm = state.crm;
  $('crm-logo').textContent = state.crm === 'salesforce' ? '☁' : '✹';
  $('crm-contact').textContent = state.customerName || `+${state.customer}`;
  $('crm-sub').textContent = `${label} · WhatsApp +${state.customer} · line: ${state.businessName || '—'}`;
  $('api-calls').textContent = plural(state.apiCalls ?? 0, 'API call');
  $('wa-link').href = `https://wa.me/${cleanNumber(state.customer) || view.customer}`;
  $('records-title').textContent = `Records in ${label}`;
}

function ownerLabel(conv) {
  const assignee = conv?.routing?.assignee;
  return conv?.ownerName || (assignee ? assigneeName(assignee) : '');
}

function renderOwner(state) {
  const conv = state.conversation;
  const routing = conv?.routing;
  const name = ownerLabel(conv);
  const hops = routing?.hops ? ` · ${plural(routing.hops, 'fallback hop')}` : '';
  const kind = routing ? (ASSIGNEE_KIND[routing.assignee.kind] ?? routing.assignee.kind) : '';
  $('crm-owner').textContent = name;
  $('owner-avatar').textContent = initials(name);
  $('owner-empty').textContent = name ? '' : conv ? 'Not assigned yet' : 'No conversation yet';
  $('owner-via').textContent = routing ? `${kind} · via ${routing.source}${hops}` : '';
  $('sla').hidden = !routing?.slaDueAt;
  $('sla-at').textContent = routing?.slaDueAt ? formatDateTime(routing.slaDueAt) : '';
  $('sla-rel').dataset.due = routing?.slaDueAt ?? '';
  $('conv-state-line').hidden = !conv;
  $('conv-state').textContent = conv?.state ?? '';
  $('conv-state').className = `pill state-${conv?.state}`;
}

/** Called every poll: the SLA countdown follows the sandbox clock without re-rendering the card. */
function renderSla(now) {
  const rel = $('sla-rel');
  if (!rel.dataset.due || !now) return;
  const minutes = (new Date(rel.dataset.due).getTime() - new Date(now).getTime()) / 60000;
  setText(
    'sla-rel',
    minutes >= 0 ? `(in ${formatDuration(minutes)})` : `(overdue by ${formatDuration(minutes)})`,
  );
  rel.classList.toggle('overdue', minutes < 0);
}

function fieldOf(record, ...names) {
  const fields = Object.entries(record.fields ?? {});
  return fields.find(([label]) => names.some((n) => label.toLowerCase().includes(n)))?.[1];
}

function fieldList(pairs) {
  return h(
    'dl.fields',
    pairs.map(([label, value]) => [h('dt', label), h('dd', { dir: 'auto' }, value)]),
  );
}

function renderTask(state) {
  const task = (state.records ?? []).find((r) => r.type === 'Task');
  if (!task)
    return $('task').replaceChildren(empty('No task yet — one is created when the lead is handed over.'));
  const priority = fieldOf(task, 'priority');
  const pairs = [
    ['Subject', fieldOf(task, 'subject') ?? task.title],
    ['Due', formatValue(fieldOf(task, 'due', 'activitydate', 'timestamp'))],
    ['Priority', h(`span.pill.priority-${String(priority).toLowerCase()}`, formatValue(priority))],
  ];
  if (task.owner) pairs.push(['Assigned to', task.owner]);
  $('task').replaceChildren(fieldList(pairs));
}

function renderDecision(state) {
  const d = state.conversation?.decision;
  $('decision').textContent = d?.decision ?? '';
  $('decision').className = `decision decision-${d?.decision ?? 'none'}`;
  $('decision-at').textContent = d ? formatDateTime(d.at) : 'No decision yet — the agent is still listening.';
  $('decision-reasons').replaceChildren(...(d?.reasons ?? []).map((r) => h('li', r)));
}

function renderSignals(state) {
  const signals = Object.entries(state.conversation?.signals ?? {});
  const rank = (name) => (SIGNAL_ORDER.includes(name) ? SIGNAL_ORDER.indexOf(name) : SIGNAL_ORDER.length);
  signals.sort(([a], [b]) => rank(a) - rank(b));
  const row = ([name, s]) => {
    const raw = Number(s?.confidence ?? 0);
    const pct = Math.round(raw <= 1 ? raw * 100 : raw);
    const bar = h('span.bar', { 'aria-hidden': 'true' }, h('span', { style: `width:${pct}%` }));
    const value = h('td', { dir: 'auto' }, formatValue(s?.value));
    return h(
      'tr',
      h('th', { scope: 'row' }, name),
      value,
      h('td.confidence', bar, `${pct}%`),
      h('td.small', s?.source),
    );
  };
  $('signals-body').replaceChildren(...signals.map(row));
  $('signals-table').hidden = !signals.length;
  $('signals-empty').hidden = signals.length > 0;
}

function outcomeClass(outcome) {
  if (/assign|chosen|select|picked|accept|ok|match/i.test(outcome)) return 'good';
  return /skip|n\/a/i.test(outcome) ? 'neutral' : 'bad';
}

function traceStep(s) {
  const detail = s.detail ? h('span.small.muted.step-detail', s.detail) : '';
  return h(
    `li.step.step-${outcomeClass(s.outcome)}`,
    h('span.step-target', s.target),
    h('span.outcome', s.outcome),
    detail,
  );
}

function renderRouting(state) {
  const routing = state.conversation?.routing;
  const trace = routing?.trace;
  const history = state.conversation?.routingHistory ?? [];
  const target = routing
    ? [h('strong', assigneeName(routing.assignee)), ` (${routing.assignee.kind}) via ${routing.source}`]
    : [];
  const summary = routing
    ? h('p', '→ ', target)
    : empty('Not routed yet — routing runs when the lead is handed over.');
  const skipped = trace?.rulesSkipped?.length
    ? h('p.small.muted', `Rules skipped: ${trace.rulesSkipped.join(', ')}`)
    : '';
  const steps = trace
    ? [h('p', 'Rule ', h('code', trace.rule)), h('ol.steps', trace.steps.map(traceStep))]
    : [];
  $('routing-trace').replaceChildren(summary, ...steps, skipped);
  const item = (e) => {
    const reason = e.reason ? h('span.muted', ` — ${e.reason}`) : '';
    const when = h('time', { datetime: e.at }, formatTime(e.at));
    return h('li', when, ` → ${assigneeName(e.assignee)} via ${e.source}`, reason);
  };
  $('routing-history').hidden = !history.length;
  $('routing-history-summary').textContent = `Routing history (${history.length})`;
  $('routing-history-list').replaceChildren(...history.map(item));
}

/** Replaces children, keeping <details> open/closed the way the visitor left them (matched by position). */
function replaceKeepingOpen(container, nodes) {
  const open = [...container.querySelectorAll('details')].map((d) => d.open);
  container.replaceChildren(...nodes);
  container.querySelectorAll('details').forEach((d, i) => {
    if (i < open.length) d.open = open[i];
  });
}

function recordRank(type) {
  const i = RECORD_ORDER.indexOf(type);
  return i === -1 ? RECORD_ORDER.length : i;
}

function renderRecords(state) {
  const records = [...(state.records ?? [])].sort((a, b) => recordRank(a.type) - recordRank(b.type));
  replaceKeepingOpen($('crm-records'), records.map(recordNode));
  $('records-empty').hidden = records.length > 0;
}

/** One CRM record; chatty types (messages, communications) keep their fields folded. */
function recordNode(r) {
  const fields = Object.entries(r.fields ?? {}).map(([label, value]) => [label, formatValue(value)]);
  let body = fields.length ? fieldList(fields) : '';
  if (body && /message|communication/i.test(r.type)) {
    body = h('details', h('summary', plural(fields.length, 'field')), body);
  }
  const typeLabel = h('span.record-type', { title: r.type }, r.type.replace(/__c$/, '').replace(/_/g, ' '));
  const head = h(
    'header.record-head',
    h('span.record-icon', { 'aria-hidden': 'true' }, RECORD_ICON[r.type] ?? '💬'),
    h('div.record-heading', typeLabel, h('h4', { dir: 'auto' }, r.title || r.id)),
    h('code.record-id', { title: 'Record id' }, r.id),
  );
  const tag = `article.record${r.type === 'Task' ? '.record-task' : ''}`;
  return h(
    tag,
    { testid: 'crm-record', 'data-type': r.type },
    head,
    r.owner ? h('p.small.muted', `Owner: ${r.owner}`) : '',
    body,
  );
}

// ----- business side -----

function renderTeam(state) {
  const focusedId = document.activeElement?.closest?.('[data-testid="team-member"]')?.dataset.userId;
  const ownerId = state.conversation?.ownerId;
  const team = state.team ?? [];
  $('team').replaceChildren(...team.map((u) => teamNode(u, u.id === ownerId)));
  $('team-empty').hidden = team.length > 0;
  if (focusedId) {
    document
      .querySelector(`[data-user-id="${CSS.escape(focusedId)}"] [data-testid="presence-toggle"]`)
      ?.focus();
  }
}

function teamNode(u, isOwner) {
  const node = $('member-template').content.firstElementChild.cloneNode(true);
  const slot = (cls) => node.querySelector(`.${cls}`);
  const hours = u.inHours ? 'In working hours' : 'Outside working hours';
  node.dataset.userId = u.id;
  node.classList.toggle('member-offline', !u.online);
  slot('initials').textContent = initials(u.name);
  slot('presence-dot').classList.add(u.online ? 'on' : 'off');
  slot('name').textContent = u.name;
  slot('pill-owner').hidden = !isOwner;
  slot('hours').textContent = `${hours} · ${plural(u.openLeads ?? 0, 'open lead')}`;
  slot('groups').replaceChildren(...(u.groups ?? []).map((g) => h('span.tag', g)));
  const toggle = slot('switch');
  toggle.setAttribute('aria-checked', String(Boolean(u.online)));
  toggle.setAttribute('aria-label', `${u.name} online`);
  slot('switch-text').textContent = u.online ? 'Online' : 'Offline';
  toggle.addEventListener('click', () => setPresence(u.id, !u.online));
  return node;
}

function renderOwnerBox(conv) {
  const human = conv?.state === 'human';
  setText('owner-reply-label', `Reply as ${conv?.ownerName || 'the owner'}`);
  $('agent-silent').hidden = !human;
  $('agent-active').hidden = human;
  setText('agent-silent-who', human && conv.ownerName ? `${conv.ownerName} is answering.` : '');
}

// ---------- wiring ----------

function wireDialog(dialog) {
  dialog.addEventListener('click', (event) => {
    if (event.target === dialog || event.target.closest('[data-close]')) dialog.close();
  });
}

/** A text form that clears on send and puts the text back if the send failed. */
function wireTextForm(form, input, send) {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    input.value = '';
    const ok = await send(text);
    if (!ok && !input.value) input.value = text;
  });
}

function wireComposer() {
  wireTextForm($('composer'), $('composer-input'), (text) => sendMessage({ type: 'text', text }));
  for (const chip of document.querySelectorAll('[data-suggestion]')) {
    chip.addEventListener('click', () => sendMessage({ type: 'text', text: chip.textContent.trim() }));
  }
}

function wireLocation() {
  const dialog = $('location-dialog');
  const form = $('location-form');
  $('open-location').addEventListener('click', () => dialog.showModal());
  for (const place of dialog.querySelectorAll('.place')) {
    place.addEventListener('click', () => {
      const { lat, lng, name, address } = place.dataset;
      dialog.close();
      sendMessage({ type: 'location', latitude: Number(lat), longitude: Number(lng), name, address });
    });
  }
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const name = String(data.get('name') ?? '').trim();
    const message = {
      type: 'location',
      latitude: Number(data.get('latitude')),
      longitude: Number(data.get('longitude')),
    };
    if (name) message.name = name;
    dialog.close();
    form.reset();
    sendMessage(message);
  });
  wireDialog(dialog);
}

async function voiceMessage(form) {
  const file = form.elements.audio.files[0];
  const transcript = form.elements.transcript.value.trim();
  if (!file && !transcript) throw new Error('Choose an audio file or type what the voice note says.');
  if (file && file.size > MAX_AUDIO_BYTES)
    throw new Error('That audio file is over 16 MB, WhatsApp’s limit.');
  const message = { type: 'voice' };
  if (transcript) message.transcript = transcript;
  if (file) {
    message.audioBase64 = await fileBase64(file);
    message.mimeType = file.type || 'audio/ogg';
  }
  return message;
}

function wireVoice() {
  const dialog = $('voice-dialog');
  const form = $('voice-form');
  $('open-voice').addEventListener('click', () => dialog.showModal());
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const message = await voiceMessage(form);
      dialog.close();
      form.reset();
      sendMessage(message);
    } catch (err) {
      toast(err.message);
    }
  });
  wireDialog(dialog);
}

function wireOwnerSide() {
  const target = () => ({ crm: view.crm, customer: view.customer });
  wireTextForm($('owner-reply'), $('owner-reply-input'), (text) =>
    act(() => api('/sandbox/api/owner-reply', { ...target(), text })),
  );
  $('release').addEventListener('click', () => act(() => api('/sandbox/api/release', target())));
}

/** Replies written in the CRM: text inside the 24-hour window, an approved template with its parameters any time. */
function wireCrmReply() {
  const target = () => ({ crm: view.crm, customer: view.customer });
  const select = $('template-select');
  const params = $('template-params');
  let templates = [];
  wireTextForm($('crm-reply'), $('crm-reply-input'), (text) =>
    act(() => api('/sandbox/api/crm-reply', { ...target(), reply: { text } })),
  );
  const field = (part, name) =>
    h(
      'label.template-param',
      `${part === 'header' ? 'Header' : 'Body'} {{${name}}}`,
      h('input', { type: 'text', dir: 'auto', 'data-part': part, testid: `template-${part}-${name}` }),
    );
  const showTemplate = () => {
    const t = templates[Number(select.value)];
    setText(
      'template-preview',
      t ? `${t.category} · ${t.status}${t.sendable ? '' : ' (cannot be sent)'} — ${t.body}` : '',
    );
    params.replaceChildren(
      ...(t === undefined
        ? []
        : [
            ...t.headerParameters.map((name) => field('header', name)),
            ...t.bodyParameters.map((name) => field('body', name)),
          ]),
    );
  };
  $('load-templates').addEventListener('click', () =>
    act(async () => {
      const data = await api(`/sandbox/api/templates?crm=${view.crm}&customer=${view.customer}`);
      templates = data.templates;
      setText(
        'window-note',
        data.windowOpen
          ? `The 24-hour window is open until ${formatDateTime(data.windowExpiresAt)}.`
          : 'The 24-hour window is closed: WhatsApp delivers only approved templates until the customer writes.',
      );
      select.replaceChildren(
        ...templates.map((t, i) =>
          h('option', { value: String(i) }, `${t.name} (${t.language}) · ${t.status}`),
        ),
      );
      showTemplate();
    }),
  );
  select.addEventListener('change', showTemplate);
  $('template-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const t = templates[Number(select.value)];
    if (t === undefined) return toast('Load the templates first.');
    const values = (part) =>
      [...params.querySelectorAll(`[data-part="${part}"]`)].map((input) => input.value);
    const template = { name: t.name, language: t.language };
    if (t.headerParameters.length > 0) template.header = values('header');
    if (t.bodyParameters.length > 0) template.body = values('body');
    act(() => api('/sandbox/api/crm-reply', { ...target(), reply: { template } }));
  });
}

function wireControls() {
  for (const button of document.querySelectorAll('.seg[data-crm]')) {
    button.addEventListener('click', () => {
      if (button.dataset.crm !== view.crm) switchTo(button.dataset.crm, view.customer);
    });
  }
  $('new-customer').addEventListener('click', () => {
    switchTo(view.crm, randomCustomer());
    $('composer-input').focus();
  });
  for (const button of document.querySelectorAll('[data-minutes]')) {
    button.addEventListener('click', () => advanceClock(Number(button.dataset.minutes)));
  }
  wireDialog($('list-dialog'));
  document.addEventListener('visibilitychange', () => {
    if (!document.hidden) refresh();
  });
}

function start() {
  const params = new URLSearchParams(location.search);
  view.crm = CRMS.includes(params.get('crm')) ? params.get('crm') : 'hubspot';
  view.customer = cleanNumber(params.get('customer')) || randomCustomer();
  document.body.dataset.crm = view.crm;
  wireComposer();
  wireLocation();
  wireVoice();
  wireOwnerSide();
  wireCrmReply();
  wireControls();
  syncUrl();
  renderSwitch();
  pollLoop();
}

start();
