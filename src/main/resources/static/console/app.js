// The console: one page, views chosen by the address's #fragment, every fact read from the hub's REST
// API with the user's session. Roles decide which buttons show; the API enforces them anyway.
import { ApiError, api, get, patch, post, put, session, signIn, signOut } from './api.js';
import { definitions, field, h, stateBadge, table, when } from './dom.js';
import { language, loadLanguage, locale, t, translate } from './i18n.js';

const ROLES = ['VIEWER', 'OPERATOR', 'ADMIN'];
const DAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];
const FREQUENCIES = ['HOURLY', 'DAILY', 'WEEKLY', 'MONTHLY', 'EVERY_N_DAYS'];
/** The schedule fields each frequency takes (the API refuses the others). */
const SCHEDULE_FIELDS = {
  HOURLY: ['everyHours', 'days', 'windowStart', 'windowEnd', 'zone'],
  DAILY: ['runsPerDay', 'days', 'at', 'windowStart', 'windowEnd', 'zone'],
  WEEKLY: ['days', 'at', 'zone'],
  MONTHLY: ['dayOfMonth', 'at', 'zone'],
  EVERY_N_DAYS: ['everyDays', 'days', 'at', 'windowStart', 'windowEnd', 'zone'],
};
const POLL_MS = 1500;

let me = null;
let leaving = [];
const view = document.getElementById('view');

function can(role) {
  return me !== null && ROLES.indexOf(me.role) >= ROLES.indexOf(role);
}

/** Work to stop when the user leaves the view (polling). */
function onLeave(stop) {
  leaving.push(stop);
}

function every(ms, task) {
  const timer = setInterval(task, ms);
  onLeave(() => clearInterval(timer));
}

/** A message outlives the navigation that follows it (a sync's "started" above its run), not the next one. */
let flashFresh = false;

function flash(message, kind = 'info', link) {
  flashFresh = true;
  const box = document.getElementById('flash');
  box.replaceChildren(h('p', { class: `flash flash-${kind}` }, message, link ? [' ', link] : null,
    h('button', { type: 'button', class: 'link', 'aria-label': t('common.close'), onclick: () => box.replaceChildren() },
      '×')));
}

/** A refusal shown where it belongs: each errors[] entry under its field, the rest as a message. */
function showProblem(error, form) {
  if (form) {
    form.querySelectorAll('.field-error').forEach((p) => { p.textContent = ''; });
    form.querySelectorAll('[aria-invalid]').forEach((c) => c.removeAttribute('aria-invalid'));
  }
  if (!(error instanceof ApiError)) {
    flash(t('common.unreachable', { reason: error.message }), 'error');
    return;
  }
  const unplaced = [];
  for (const wrong of error.problem.errors || []) {
    const target = form && fieldFor(form, wrong.field);
    if (target) {
      target.error.textContent = wrong.message;
      if (target.control) {
        target.control.setAttribute('aria-invalid', 'true');
      }
    } else {
      unplaced.push(`${wrong.field}: ${wrong.message}`);
    }
  }
  const detail = error.problem.detail || error.problem.title || `HTTP ${error.status}`;
  flash(unplaced.length ? `${detail} — ${unplaced.join('; ')}` : detail, 'error',
    error.problem.runId !== undefined ? h('a', { href: `#/runs/${error.problem.runId}` },
      t('runs.open', { id: error.problem.runId })) : null);
}

/** The control whose data-field is the longest prefix of the API's path (settings.notifyEmails[0] → settings.notifyEmails). */
function fieldFor(form, path) {
  let best = null;
  form.querySelectorAll('.field-error[data-error-for]').forEach((error) => {
    const name = error.dataset.errorFor;
    const fits = path === name || path.startsWith(`${name}.`) || path.startsWith(`${name}[`);
    if (fits && (!best || name.length > best.error.dataset.errorFor.length)) {
      best = { error, control: form.querySelector(`[data-field="${CSS.escape(name)}"]`) };
    }
  });
  return best;
}

function button(label, action, onclick, attributes = {}) {
  return h('button', { type: 'button', dataset: { action }, onclick: guarded(onclick), ...attributes }, label);
}

/** Disables the button while its call runs, and shows what went wrong. */
function guarded(task) {
  return async (event) => {
    const control = event.currentTarget;
    control.disabled = true;
    try {
      await task(event);
    } catch (error) {
      showProblem(error, control.closest('form'));
    } finally {
      control.disabled = false;
    }
  };
}

// ---------------------------------------------------------------- sign-in

function loginView() {
  const user = h('input', { name: 'username', autocomplete: 'username', required: true });
  const password = h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const problem = h('p', { class: 'field-error', role: 'alert', id: 'login-error' });
  const form = h('form', { class: 'login', id: 'login-form' },
    h('h1', {}, t('login.title')),
    field(t('login.username'), user),
    field(t('login.password'), password),
    problem,
    h('button', { type: 'submit', id: 'sign-in' }, t('login.signIn')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    problem.textContent = '';
    const who = await signIn(user.value, password.value).catch(() => null);
    if (!who || !who.role) {
      problem.textContent = t('login.refused');
      return;
    }
    me = who;
    shell();
    route();
  });
  view.replaceChildren(form);
  user.focus();
}

function shell() {
  const signedIn = me !== null;
  document.getElementById('nav').hidden = !signedIn;
  document.getElementById('sign-out').hidden = !signedIn;
  document.getElementById('who').textContent = signedIn
    ? t('login.who', { principal: me.principal, role: t(`role.${me.role}`) }) : '';
  if (signedIn) {
    // the listings pages come with the listings API (another part of the hub): shown once it answers
    get('/api/lists').then(() => { document.getElementById('nav-listings').hidden = false; }).catch(() => {});
  }
}

// ---------------------------------------------------------------- dashboard

async function dashboard() {
  const [accounts, quota, login] = await Promise.all([get('/api/accounts'), get('/api/erp/quota'),
    get('/api/erp/login')]);
  const cards = await Promise.all(accounts.map(accountCard));
  view.replaceChildren(
    h('h1', {}, t('dashboard.title')),
    erpPanel(quota, login),
    h('section', { 'aria-labelledby': 'accounts-heading' },
      h('h2', { id: 'accounts-heading' }, t('dashboard.accounts')),
      accounts.length ? h('div', { class: 'cards' }, cards) : h('p', {}, t('accounts.none'))));
}

async function accountCard(account) {
  const [runs, held, dead] = await Promise.all([
    get(`/api/runs?account=${encodeURIComponent(account.id)}&limit=5`),
    get(`/api/orders?account=${encodeURIComponent(account.id)}&state=HELD&limit=1000`),
    get(`/api/dead-letters?state=OPEN&account=${encodeURIComponent(account.id)}`)]);
  return h('article', { class: 'card', dataset: { account: account.id } },
    h('h3', {}, h('a', { href: `#/accounts/${encodeURIComponent(account.id)}` }, account.name || account.id),
      h('small', {}, ` ${account.id} · ${account.platform}`)),
    h('p', { class: 'counts' },
      h('a', { href: `#/orders?account=${encodeURIComponent(account.id)}&state=HELD`, dataset: { count: 'held' } },
        t('dashboard.held', { count: held.length >= 1000 ? '1000+' : held.length })),
      ' · ',
      h('a', { href: '#/dead-letters', dataset: { count: 'dead-letters' } },
        t('dashboard.deadLetters', { count: dead.length }))),
    can('OPERATOR') ? h('p', { class: 'actions' },
      button(t('action.syncOrders'), 'sync-orders', () => startShopSync(account.id, 'orders')),
      button(t('action.syncCustomers'), 'sync-customers', () => startShopSync(account.id, 'customers'))) : null,
    h('h4', {}, t('dashboard.lastRuns')),
    runs.length ? runTable(runs, false) : h('p', {}, t('runs.none')));
}

function erpPanel(quota, login) {
  return h('section', { class: 'erp-panel', 'aria-labelledby': 'erp-heading' },
    h('h2', { id: 'erp-heading' }, t('erp.title')),
    definitions([
      [t('erp.login'), h('span', { id: 'erp-login', dataset: { state: login.state } },
        login.state === 'OK' ? t('erp.loginOk') : t('erp.loginRefused', { reason: login.reason || login.erpMessage || '' }))],
      [t('erp.quota'), h('span', { id: 'erp-quota' }, t('erp.quotaText', quota))],
    ]),
    can('OPERATOR') ? h('p', { class: 'actions' },
      button(t('action.deltaSync'), 'delta-sync', () => startErpSync('delta')),
      button(t('action.fullSync'), 'full-sync', () => startErpSync('full')),
      login.state !== 'OK' ? button(t('action.retryLogin'), 'retry-login', retryLogin) : null,
      h('small', { class: 'hint' }, t('erp.quotaHint'))) : null);
}

async function startShopSync(accountId, what) {
  try {
    const started = await post(`/api/accounts/${encodeURIComponent(accountId)}/sync/${what}`);
    flash(t('runs.started', { id: started.runId }), 'info');
    location.hash = `#/runs/${started.runId}`;
  } catch (error) {
    showProblem(error);
  }
}

async function startErpSync(kind) {
  try {
    const started = await post(`/api/erp/sync/${kind}`);
    const ranAs = started.ranAs || started.kind;
    if (kind === 'delta' && (String(ranAs).toUpperCase().includes('FULL') || started.note)) {
      // the first delta ever reads everything and uses quota like a full one: say so, never silently
      flash(t('erp.deltaRanAsFull', { reason: started.reason || started.note || '' }), 'warning');
    } else {
      flash(t('runs.started', { id: started.runId }), 'info');
    }
    location.hash = `#/runs/${started.runId}`;
  } catch (error) {
    showProblem(error);
  }
}

async function retryLogin() {
  const answer = await post('/api/erp/login/retry');
  flash(answer.state === 'OK' ? t('erp.loginOk') : t('erp.loginRefused', { reason: answer.reason || '' }),
    answer.state === 'OK' ? 'info' : 'error');
  route();
}

// ---------------------------------------------------------------- runs

function runCounts(run) {
  if (run.progress && run.kind !== 'PARTIAL_ERP_SYNC') {
    return t('runs.progressShort', run.progress);
  }
  if (run.kind === 'ORDER_SYNC') {
    return t('runs.orderCounts', run);
  }
  if (run.kind === 'PARTIAL_ERP_SYNC') {
    return t('runs.pushCounts', run);
  }
  return run.message || '';
}

function runTable(runs, withAccount = true) {
  return table([t('runs.id'), t('runs.kind'), withAccount ? t('runs.account') : null, t('runs.state'),
    t('runs.startedAt'), t('runs.counts')].filter(Boolean),
  runs.map((run) => h('tr', { dataset: { run: run.id } },
    h('td', {}, h('a', { href: `#/runs/${run.id}` }, `#${run.id}`)),
    h('td', {}, t(`kind.${run.kind}`)),
    withAccount ? h('td', {}, run.accountId || '—') : null,
    h('td', {}, stateBadge(run.state)),
    h('td', {}, when(run.startedAt)),
    h('td', {}, runCounts(run)))), { class: 'runs' });
}

async function runsView() {
  const accounts = await get('/api/accounts');
  const chosen = new URLSearchParams(location.hash.split('?')[1] || '').get('account') || '';
  const select = h('select', { id: 'runs-account', onchange: () => {
    location.hash = select.value ? `#/runs?account=${encodeURIComponent(select.value)}` : '#/runs';
  } }, h('option', { value: '' }, t('common.all')),
  accounts.map((a) => h('option', { value: a.id, selected: a.id === chosen }, a.id)));
  const holder = h('div');
  const load = async () => {
    const runs = await get(`/api/runs?limit=50${chosen ? `&account=${encodeURIComponent(chosen)}` : ''}`);
    holder.replaceChildren(runs.length ? runTable(runs) : h('p', {}, t('runs.none')));
    return runs.some((run) => run.state === 'RUNNING');
  };
  view.replaceChildren(h('h1', {}, t('runs.title')), field(t('runs.account'), select), holder);
  await load();
  every(POLL_MS * 2, () => load().catch(() => {}));
}

async function runDetail(id) {
  const holder = h('div');
  view.replaceChildren(h('h1', {}, t('runs.one', { id })), holder);
  let timer = null;
  const load = async () => {
    const run = await get(`/api/runs/${id}`);
    holder.replaceChildren(...await runBody(run));
    if (run.state !== 'RUNNING' && timer) {
      clearInterval(timer);
      timer = null;
    }
    return run;
  };
  const run = await load();
  if (run.state === 'RUNNING') {
    timer = setInterval(() => load().catch(() => {}), POLL_MS);
    onLeave(() => timer && clearInterval(timer));
  }
}

async function runBody(run) {
  const parts = [definitions([
    [t('runs.kind'), t(`kind.${run.kind}`)],
    [t('runs.state'), h('span', { id: 'run-state' }, stateBadge(run.state))],
    [t('runs.account'), run.accountId ? h('a', { href: `#/accounts/${encodeURIComponent(run.accountId)}` }, run.accountId) : null],
    [t('runs.trigger'), run.trigger],
    [t('runs.node'), run.node],
    [t('runs.startedAt'), when(run.startedAt)],
    [t('runs.finished'), when(run.finishedAt)],
    run.watermarkFrom ? [t('runs.window'), `${when(run.watermarkFrom)} → ${when(run.watermarkTo)}`] : null,
    run.requestedKind && run.requestedKind !== run.kind ? [t('runs.ranAs'), h('span', { class: 'warning', id: 'run-ran-as' },
      t('runs.ranAsText', { asked: t(`kind.${run.requestedKind}`), ran: t(`kind.${run.kind}`), reason: run.kindReason || '' }))]
      : null,
  ])];
  if (run.progress) {
    const p = run.progress;
    parts.push(h('section', { id: 'run-progress', 'aria-labelledby': 'progress-heading' },
      h('h2', { id: 'progress-heading' }, t('runs.progress')),
      p.total ? h('progress', { max: p.total, value: Math.min(p.total, p.read || 0) }) : null,
      h('p', { id: 'run-progress-text' }, t(p.total === null || p.total === undefined ? 'runs.progressNoTotal'
        : 'runs.progressText', p))));
  }
  const counts = [['ordersRead', run.ordersRead], ['ordersImported', run.ordersImported],
    ['ordersHeld', run.ordersHeld], ['ordersSkipped', run.ordersSkipped], ['ordersReread', run.ordersReread],
    ['ordersFailed', run.ordersFailed],
    ['customersPushed', run.customersPushed], ['articlesPushed', run.articlesPushed],
    ['ordersPushed', run.ordersPushed], ['pushesFailed', run.pushesFailed]]
    .filter(([, value]) => value !== undefined && value !== null);
  parts.push(h('section', { 'aria-labelledby': 'counts-heading' }, h('h2', { id: 'counts-heading' }, t('runs.counts')),
    definitions(counts.map(([name, value]) => [t(`count.${name}`), h('span', { dataset: { count: name } }, value)]))));
  if (run.message) {
    parts.push(h('section', {}, h('h2', {}, t('runs.outcome')), h('p', { class: 'message', id: 'run-message' }, run.message)));
  }
  const steps = Object.entries(run.steps || {});
  if (steps.length) {
    parts.push(h('section', {}, h('h2', {}, t('runs.steps')), table([t('runs.step'), t('runs.counts')],
      steps.map(([name, value]) => h('tr', {}, h('td', {}, name), h('td', {}, describe(value)))))));
  }
  if (run.kind === 'ORDER_SYNC' && run.accountId && run.ordersHeld > 0) {
    const held = (await get(`/api/orders?account=${encodeURIComponent(run.accountId)}&state=HELD&limit=1000`))
      .filter((order) => order.runId === run.id);
    parts.push(h('section', {}, h('h2', {}, t('runs.heldOrders')), h('ul', { class: 'held' }, held.map((order) =>
      h('li', {}, h('a', { href: `#/orders/${order.id}` }, order.number), ': ',
        order.holds.map((hold) => holdWords(hold.code)).join(', '))))));
  }
  return parts;
}

function describe(value) {
  if (value === null || typeof value !== 'object') {
    return String(value);
  }
  return Object.entries(value).map(([k, v]) => `${k}: ${typeof v === 'object' && v !== null ? JSON.stringify(v) : v}`)
    .join(', ');
}

// ---------------------------------------------------------------- orders

function holdWords(code) {
  const words = t(`hold.${code}`);
  return words === `hold.${code}` ? code : words;
}

async function ordersView() {
  const query = new URLSearchParams(location.hash.split('?')[1] || '');
  const accounts = await get('/api/accounts');
  const input = (name, label) => field(label, h('input', { name, id: `search-${name}`, dataset: { field: name },
    value: query.get(name) || '' }));
  const state = h('select', { name: 'state', id: 'search-state' }, h('option', { value: '' }, t('common.all')),
    ['NEW', 'HELD', 'STORED'].map((s) => h('option', { value: s, selected: query.get('state') === s }, t(`state.${s}`))));
  const account = h('select', { name: 'account', id: 'search-account' }, h('option', { value: '' }, t('common.all')),
    accounts.map((a) => h('option', { value: a.id, selected: query.get('account') === a.id }, a.id)));
  const form = h('form', { class: 'search', role: 'search', id: 'order-search' },
    input('number', t('orders.number')), input('erpKey', t('orders.erpKey')), input('customer', t('orders.customer')),
    field(t('orders.state'), state), field(t('orders.account'), account),
    h('button', { type: 'submit' }, t('orders.search')));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const next = new URLSearchParams();
    new FormData(form).forEach((value, name) => { if (String(value).trim()) next.set(name, String(value).trim()); });
    location.hash = `#/orders?${next}`;
  });
  const params = new URLSearchParams(query);
  if (!params.has('limit')) {
    params.set('limit', '200');
  }
  let orders = [];
  let refusal = null;
  try {
    orders = await get(`/api/orders?${params}`);
  } catch (error) {
    // a search the API refuses (a malformed ERP key…) keeps the form, with the reason under the field
    if (!(error instanceof ApiError) || error.status !== 400) throw error;
    refusal = error;
  }
  const selected = new Set();
  const rows = orders.map((order) => h('tr', { dataset: { order: order.id } },
    h('td', {}, can('OPERATOR') && order.state === 'HELD' ? h('input', { type: 'checkbox', 'aria-label':
      t('orders.select', { number: order.number }), onchange: (e) => (e.target.checked ? selected.add(order.id)
      : selected.delete(order.id)) }) : null),
    h('td', {}, h('a', { href: `#/orders/${order.id}` }, order.number)),
    h('td', {}, order.accountId),
    h('td', {}, order.customerEmail || ''),
    h('td', {}, stateBadge(order.state)),
    h('td', {}, order.erpKey || ''),
    h('td', { class: 'num' }, money(order.grandTotal, order.currency)),
    h('td', {}, (order.holds || []).map((hold) => holdWords(hold.code)).join(', ') || order.erpReason || '')));
  const result = h('div', { id: 'retry-result', role: 'status' });
  const bulk = can('OPERATOR') && orders.some((o) => o.state === 'HELD') ? h('p', { class: 'actions' },
    button(t('action.retrySelected'), 'retry-selected', async () => {
      if (!selected.size) {
        flash(t('orders.noneSelected'), 'warning');
        return;
      }
      showRetry(result, await post('/api/orders/retry', { ids: [...selected] }));
    }),
    query.get('account') ? button(t('action.retryAccount', { account: query.get('account') }), 'retry-account',
      async () => showRetry(result, await post('/api/orders/retry', { account: query.get('account') }))) : null)
    : null;
  view.replaceChildren(h('h1', {}, t('orders.title')), form, bulk, result,
    orders.length ? table(['', t('orders.number'), t('orders.account'), t('orders.customer'), t('orders.state'),
      t('orders.erpKey'), t('orders.total'), t('orders.why')], rows, { class: 'orders' })
      : h('p', { id: 'no-orders' }, t('orders.none')));
  if (refusal) {
    showProblem(refusal, form);
  }
}

function showRetry(holder, answer) {
  holder.replaceChildren(h('p', {}, t('orders.retried', answer)),
    h('ul', {}, (answer.results || []).map((r) => h('li', { dataset: { order: r.id } },
      h('a', { href: `#/orders/${r.id}` }, `#${r.id}`), ' ', stateBadge(r.state),
      (r.holds || []).length ? `: ${r.holds.map((hold) => hold.message || holdWords(hold.code)).join('; ')}` : ''))));
}

function money(amount, currency) {
  if (amount === null || amount === undefined) {
    return '';
  }
  try {
    return Number(amount).toLocaleString(language() === 'en' ? 'en-GB' : 'it-IT',
      { style: 'currency', currency: currency || 'EUR' });
  } catch (e) {
    return `${amount} ${currency || ''}`;
  }
}

function address(a) {
  if (!a) {
    return '—';
  }
  return [[a.firstName, a.lastName].filter(Boolean).join(' '), a.company, a.street,
    [a.postcode, a.city, a.province].filter(Boolean).join(' '), a.country].filter(Boolean).join(', ');
}

async function orderDetail(id) {
  const order = await get(`/api/orders/${id}`);
  const holds = order.holds || [];
  if (order.state === 'NEW') {
    // on its way into the ERP (a partial sync pushes it): show it arrive
    const timer = setTimeout(() => {
      if (location.hash === `#/orders/${id}`) orderDetail(id).catch(() => {});
    }, POLL_MS);
    onLeave(() => clearTimeout(timer));
  }
  view.replaceChildren(
    h('h1', {}, t('orders.one', { number: order.number })),
    definitions([
      [t('orders.state'), h('span', { id: 'order-state' }, stateBadge(order.state))],
      [t('orders.account'), h('a', { href: `#/accounts/${encodeURIComponent(order.accountId)}` }, order.accountId)],
      [t('orders.shopStatus'), order.shopStatus],
      [t('orders.customer'), order.customerEmail],
      [t('orders.payment'), `${order.paymentMethod || '—'} → ${order.erpPayment || t('orders.unmapped')}`],
      [t('orders.carrier'), `${order.carrier || '—'} → ${order.erpCarrier || t('orders.unmapped')}`],
      [t('orders.total'), money(order.grandTotal, order.currency)],
      [t('orders.erpKey'), h('span', { id: 'order-erp-key' }, order.erpKey ? `${order.erpKey}${order.erpYear ? ` (${order.erpYear})` : ''}` : '—')],
      order.erpReason ? [t('orders.erpReason'), order.erpReason] : null,
      order.fulfilment ? [t('orders.fulfilment'), order.fulfilment] : null,
      [t('orders.created'), when(order.shopCreatedAt)],
    ]),
    holds.length ? h('section', { class: 'holds', id: 'holds', 'aria-labelledby': 'holds-heading' },
      h('h2', { id: 'holds-heading' }, t('orders.holds')),
      h('ul', {}, holds.map((hold) => h('li', { dataset: { hold: hold.code } },
        h('strong', {}, holdWords(hold.code)), ': ', hold.message,
        t(`holdFix.${hold.code}`) !== `holdFix.${hold.code}` ? h('p', { class: 'hint' }, t(`holdFix.${hold.code}`), ' ',
          h('a', { href: `#/accounts/${encodeURIComponent(order.accountId)}` }, t('orders.editAccount'))) : null))),
      can('OPERATOR') && order.state === 'HELD' ? h('p', { class: 'actions' },
        button(t('action.retry'), 'retry', async () => {
          const answer = await post(`/api/orders/${order.id}/retry`);
          const state = answer.state || (answer.results && answer.results[0] && answer.results[0].state);
          flash(t('orders.retryDone', { state: t(`state.${state}`) }), state === 'HELD' ? 'warning' : 'info');
          await orderDetail(id);
        })) : null) : null,
    h('section', { 'aria-labelledby': 'rows-heading' }, h('h2', { id: 'rows-heading' }, t('orders.rows')),
      table([t('orders.row'), t('orders.sku'), t('orders.description'), t('orders.quantity'), t('orders.price'),
        t('orders.vat')], (order.lines || []).map((line) => h('tr', {},
        h('td', {}, line.lineNo), h('td', {}, line.articleCode || line.sku || ''), h('td', {}, line.description),
        h('td', { class: 'num' }, line.quantity), h('td', { class: 'num' }, money(line.unitPrice, order.currency)),
        h('td', { class: 'num' }, `${line.vatRate}%`))))),
    h('section', {}, h('h2', {}, t('orders.addresses')), definitions([[t('orders.billing'), address(order.billing)],
      [t('orders.shipping'), address(order.shipping)]])),
    h('section', {}, h('h2', {}, t('orders.history')), (order.stateHistory || []).length
      ? table([t('orders.state'), t('orders.document'), t('orders.detail'), t('orders.when')],
        order.stateHistory.map((s) => h('tr', {}, h('td', {}, s.state), h('td', {}, s.erpDocument || s.document || ''),
          h('td', {}, s.detail || ''), h('td', {}, when(s.at || s.recordedAt)))))
      : h('p', {}, t('orders.noHistory'))),
    h('section', {}, h('h2', {}, t('orders.pushBack')), (order.pushBack || []).length
      ? table([t('orders.action'), t('orders.document'), t('orders.state'), t('orders.attempts'), t('orders.answer')],
        order.pushBack.map((p) => h('tr', {}, h('td', {}, p.action), h('td', {}, p.erpDocument || ''),
          h('td', {}, p.state || p.status || ''), h('td', {}, p.attempts ?? ''), h('td', {}, p.shopAnswer || p.detail || ''))))
      : h('p', {}, t('orders.noPushBack'))));
}

// ---------------------------------------------------------------- accounts

async function accountsView() {
  const accounts = await get('/api/accounts');
  view.replaceChildren(h('h1', {}, t('accounts.title')),
    can('ADMIN') ? h('p', { class: 'actions' }, h('a', { class: 'button', href: '#/accounts/new', id: 'new-account' },
      t('action.newAccount'))) : null,
    accounts.length ? table([t('accounts.id'), t('accounts.name'), t('accounts.platform'), t('accounts.baseUrl')],
      accounts.map((a) => h('tr', {}, h('td', {}, h('a', { href: `#/accounts/${encodeURIComponent(a.id)}` }, a.id)),
        h('td', {}, a.name || ''), h('td', {}, a.platform), h('td', {}, a.baseUrl || ''))))
      : h('p', {}, t('accounts.none')));
}

function pairsText(map) {
  return Object.entries(map || {}).map(([k, v]) => `${k} = ${v}`).join('\n');
}

/** "code = value" per line; a line that is not one is a mistake named with its number. */
function parsePairs(text, label) {
  const pairs = {};
  text.split('\n').map((line) => line.trim()).forEach((line, index) => {
    if (!line) {
      return;
    }
    const match = line.match(/^([^=:]+?)\s*[=:]\s*(.+)$/);
    if (!match) {
      throw new Error(t('accounts.badPair', { field: label, line: index + 1 }));
    }
    pairs[match[1].trim()] = match[2].trim();
  });
  return pairs;
}

function list(text) {
  return text.split(',').map((s) => s.trim()).filter(Boolean);
}

function accountForm(account) {
  const creating = !account;
  const admin = can('ADMIN');
  const s = (account && account.settings) || {};
  const c = (account && account.credentials) || {};
  const input = (name, value, attributes = {}) => h('input', { dataset: { field: name }, name, value: value ?? '',
    disabled: !admin, ...attributes });
  const secret = (name, isSet) => input(`credentials.${name}`, '', { type: 'password', autocomplete: 'new-password',
    placeholder: isSet ? t('accounts.secretSet') : t('accounts.secretUnset') });
  const controls = {
    id: creating ? input('id', '', { required: true }) : null,
    name: input('name', account && account.name),
    platform: h('select', { dataset: { field: 'platform' }, disabled: !admin || !creating },
      ['MAGENTO', 'STOREFRONT'].map((p) => h('option', { value: p, selected: account && account.platform === p }, p))),
    baseUrl: input('baseUrl', account && account.baseUrl, { type: 'url' }),
    storeCode: input('storeCode', account && account.storeCode),
    mode: h('select', { dataset: { field: 'credentials.mode' }, disabled: !admin },
      ['OAUTH1', 'BEARER'].map((m) => h('option', { value: m, selected: c.mode === m }, m))),
    consumerKey: secret('consumerKey', c.consumerKeySet),
    consumerSecret: secret('consumerSecret', c.consumerSecretSet),
    accessToken: secret('accessToken', c.accessTokenSet),
    accessTokenSecret: secret('accessTokenSecret', c.accessTokenSecretSet),
    importStatuses: input('settings.importStatuses', (s.importStatuses || []).join(', ')),
    autoCode: input('settings.autoCodeArticles', '', { type: 'checkbox', checked: !!s.autoCodeArticles }),
    payments: h('textarea', { dataset: { field: 'settings.paymentMethods' }, rows: 4, disabled: !admin },
      pairsText(s.paymentMethods)),
    carriers: h('textarea', { dataset: { field: 'settings.carriers' }, rows: 4, disabled: !admin }, pairsText(s.carriers)),
    defaultCarrier: input('settings.defaultCarrier', s.defaultCarrier),
    notifyEmails: input('settings.notifyEmails', (s.notifyEmails || []).join(', ')),
    pageSize: input('settings.pageSize', s.pageSize, { type: 'number' }),
    overlap: input('settings.overlapMinutes', s.overlapMinutes, { type: 'number' }),
  };
  const form = h('form', { class: 'account', id: 'account-form', novalidate: true },
    h('fieldset', {}, h('legend', {}, t('accounts.shop')),
      creating ? field(t('accounts.id'), controls.id, t('accounts.idHint')) : null,
      field(t('accounts.name'), controls.name), field(t('accounts.platform'), controls.platform),
      field(t('accounts.baseUrl'), controls.baseUrl), field(t('accounts.storeCode'), controls.storeCode)),
    h('fieldset', {}, h('legend', {}, t('accounts.credentials')), h('p', { class: 'hint' }, t('accounts.secretsHint')),
      field(t('accounts.mode'), controls.mode), field('Consumer key', controls.consumerKey),
      field('Consumer secret', controls.consumerSecret), field('Access token', controls.accessToken),
      field('Access token secret', controls.accessTokenSecret)),
    h('fieldset', {}, h('legend', {}, t('accounts.settings')),
      field(t('accounts.importStatuses'), controls.importStatuses, t('accounts.listHint')),
      h('div', { class: 'field check' }, h('label', {}, controls.autoCode, ' ', t('accounts.autoCode')),
        h('p', { class: 'field-error', 'data-error-for': 'settings.autoCodeArticles' })),
      field(t('accounts.paymentMethods'), controls.payments, t('accounts.pairsHint')),
      field(t('accounts.carriers'), controls.carriers, t('accounts.pairsHint')),
      field(t('accounts.defaultCarrier'), controls.defaultCarrier),
      field(t('accounts.notifyEmails'), controls.notifyEmails, t('accounts.listHint')),
      field(t('accounts.pageSize'), controls.pageSize), field(t('accounts.overlap'), controls.overlap)),
    admin ? h('p', { class: 'actions' }, h('button', { type: 'submit', id: 'save-account' },
      creating ? t('action.create') : t('action.save'))) : null);

  const read = () => {
    const settings = {};
    const statuses = list(controls.importStatuses.value);
    if (statuses.length || !creating) settings.importStatuses = statuses;
    settings.autoCodeArticles = controls.autoCode.checked;
    settings.paymentMethods = parsePairs(controls.payments.value, t('accounts.paymentMethods'));
    settings.carriers = parsePairs(controls.carriers.value, t('accounts.carriers'));
    settings.defaultCarrier = controls.defaultCarrier.value.trim() || null;
    settings.notifyEmails = list(controls.notifyEmails.value);
    if (controls.pageSize.value !== '') settings.pageSize = Number(controls.pageSize.value);
    if (controls.overlap.value !== '') settings.overlapMinutes = Number(controls.overlap.value);
    const credentials = { mode: controls.mode.value };
    ['consumerKey', 'consumerSecret', 'accessToken', 'accessTokenSecret'].forEach((name) => {
      if (controls[name].value) credentials[name] = controls[name].value;
    });
    return { settings, credentials };
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const submit = form.querySelector('#save-account');
    submit.disabled = true;
    try {
      const { settings, credentials } = read();
      let saved;
      if (creating) {
        const body = { id: controls.id.value.trim(), name: controls.name.value.trim(), platform: controls.platform.value,
          baseUrl: controls.baseUrl.value.trim() || null, storeCode: controls.storeCode.value.trim() || null,
          credentials, settings };
        if (settings.defaultCarrier === null) delete settings.defaultCarrier;
        saved = await post('/api/accounts', body);
      } else {
        saved = await patch(`/api/accounts/${encodeURIComponent(account.id)}`, mergePatch(account, settings,
          credentials, controls));
      }
      flash(t('accounts.saved', { id: saved.id }), 'info');
      location.hash = `#/accounts/${encodeURIComponent(saved.id)}`;
      if (!creating) route();
    } catch (error) {
      showProblem(error, form);
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}

/** Only what changed, as RFC 7396 wants it: a mapping left out of a table is sent as null (removed). */
function mergePatch(account, settings, credentials, controls) {
  const body = {};
  const top = { name: controls.name.value.trim(), baseUrl: controls.baseUrl.value.trim(),
    storeCode: controls.storeCode.value.trim() };
  Object.entries(top).forEach(([name, value]) => { if ((account[name] || '') !== value) body[name] = value || null; });
  const changed = {};
  const before = account.settings || {};
  for (const [name, value] of Object.entries(settings)) {
    if (name === 'paymentMethods' || name === 'carriers') {
      const diff = {};
      const old = before[name] || {};
      Object.keys(old).forEach((k) => { if (!(k in value)) diff[k] = null; });
      Object.entries(value).forEach(([k, v]) => { if (String(old[k]) !== v) diff[k] = v; });
      if (Object.keys(diff).length) changed[name] = diff;
    } else if (JSON.stringify(before[name] ?? null) !== JSON.stringify(value ?? null)) {
      changed[name] = value;
    }
  }
  if (Object.keys(changed).length) body.settings = changed;
  if (Object.keys(credentials).length > 1 || credentials.mode !== (account.credentials || {}).mode) {
    body.credentials = credentials;
  }
  return body;
}

async function accountNew() {
  view.replaceChildren(h('h1', {}, t('accounts.new')), accountForm(null));
}

async function accountDetail(id) {
  const account = await get(`/api/accounts/${encodeURIComponent(id)}`);
  let schedule = null;
  try {
    schedule = await get(`/api/accounts/${encodeURIComponent(id)}/schedule`);
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 404) throw error;
  }
  view.replaceChildren(
    h('h1', {}, account.name || account.id),
    can('OPERATOR') ? h('p', { class: 'actions' },
      button(t('action.syncOrders'), 'sync-orders', () => startShopSync(account.id, 'orders')),
      button(t('action.syncCustomers'), 'sync-customers', () => startShopSync(account.id, 'customers')),
      h('a', { href: `#/runs?account=${encodeURIComponent(account.id)}` }, t('nav.runs')),
      h('a', { href: `#/orders?account=${encodeURIComponent(account.id)}&state=HELD` }, t('dashboard.heldLink'))) : null,
    h('section', { 'aria-labelledby': 'schedule-heading' }, h('h2', { id: 'schedule-heading' }, t('schedule.title')),
      scheduleEditor(`/api/accounts/${encodeURIComponent(id)}/schedule`, schedule)),
    h('section', { 'aria-labelledby': 'settings-heading' }, h('h2', { id: 'settings-heading' }, t('accounts.edit')),
      accountForm(account)));
}

// ---------------------------------------------------------------- schedules

function scheduleEditor(base, view) {
  const saved = (view && view.schedule) || { frequency: 'HOURLY', days: [] };
  const fromConfig = view && view.source === 'CONFIG';
  const editable = can('OPERATOR') && !fromConfig;
  const number = (name) => h('input', { type: 'number', min: 1, dataset: { field: name }, name, id: `schedule-${name}`,
    value: saved[name] ?? '', disabled: !editable });
  const time = (name) => h('input', { type: 'text', inputmode: 'numeric', placeholder: 'HH:mm', pattern: '[0-2][0-9]:[0-5][0-9]', dataset: { field: name }, name, id: `schedule-${name}`,
    value: saved[name] ? String(saved[name]).substring(0, 5) : '', disabled: !editable });
  const frequency = h('select', { dataset: { field: 'frequency' }, id: 'schedule-frequency', disabled: !editable },
    FREQUENCIES.map((f) => h('option', { value: f, selected: saved.frequency === f }, t(`frequency.${f}`))));
  const controls = {
    runsPerDay: number('runsPerDay'), everyHours: number('everyHours'), everyDays: number('everyDays'),
    dayOfMonth: number('dayOfMonth'), at: time('at'), windowStart: time('windowStart'), windowEnd: time('windowEnd'),
    zone: h('input', { dataset: { field: 'zone' }, id: 'schedule-zone', value: saved.zone || '', placeholder: 'Europe/Rome',
      disabled: !editable }),
  };
  const days = h('fieldset', { class: 'days', dataset: { field: 'days' } }, h('legend', {}, t('schedule.days')),
    DAYS.map((day) => h('label', {}, h('input', { type: 'checkbox', value: day, disabled: !editable,
      checked: (saved.days || []).includes(day) }), ' ', t(`day.${day}`))),
    h('p', { class: 'field-error', 'data-error-for': 'days' }));
  const wrappers = {};
  Object.entries(controls).forEach(([name, control]) => { wrappers[name] = field(t(`schedule.${name}`), control); });
  wrappers.days = days;
  const showFields = () => {
    const used = SCHEDULE_FIELDS[frequency.value];
    Object.entries(wrappers).forEach(([name, wrapper]) => { wrapper.hidden = !used.includes(name); });
  };
  frequency.addEventListener('change', showFields);
  const preview = h('ol', { id: 'schedule-preview', 'aria-live': 'polite' });
  const read = () => {
    const schedule = { frequency: frequency.value };
    for (const name of SCHEDULE_FIELDS[frequency.value]) {
      if (name === 'days') {
        const chosen = [...days.querySelectorAll('input:checked')].map((box) => box.value);
        if (chosen.length) schedule.days = chosen;
      } else if (controls[name].value !== '') {
        schedule[name] = controls[name].type === 'number' ? Number(controls[name].value) : controls[name].value;
      }
    }
    return schedule;
  };
  const form = h('form', { id: 'schedule-form', class: 'schedule' },
    view ? definitions([[t('schedule.source'), t(`source.${view.source}`)],
      [t('schedule.state'), h('span', { dataset: { state: view.state } }, view.state)],
      [t('schedule.nextRun'), when(view.nextRun)],
      view.lastFire ? [t('schedule.lastFire'), `${when(view.lastFire.at)} ${view.lastFire.outcome}${view.lastFire.detail
        ? ` — ${view.lastFire.detail}` : ''}`] : null,
      view.problem ? [t('schedule.problem'), view.problem] : null])
      : h('p', { id: 'schedule-none' }, t('schedule.none')),
    fromConfig ? h('p', { class: 'hint' }, t('schedule.fromConfig')) : null,
    field(t('schedule.frequency'), frequency), Object.values(wrappers),
    h('p', { class: 'actions' },
      button(t('action.preview'), 'preview-schedule', async () => {
        const answer = await post(`${base}/preview?count=10`, read());
        form.querySelectorAll('.field-error').forEach((p) => { p.textContent = ''; });
        // the wall clock of the schedule's zone, as the API gives it: what the merchant set
        preview.replaceChildren(...answer.runs.map((run) => h('li', { dataset: { at: run.at } }, wallClock(run.local))));
        preview.setAttribute('aria-label', t('schedule.previewOf', { zone: answer.zone }));
      }),
      editable ? button(t('action.save'), 'save-schedule', async () => {
        await put(base, read());
        flash(t('schedule.saved'), 'info');
        route();
      }) : null,
      editable && view ? button(t('action.reset'), 'reset-schedule', async () => {
        await post(`${base}/reset`);
        flash(t('schedule.wasReset'), 'info');
        route();
      }) : null),
    h('h3', {}, t('schedule.next10')), preview);
  showFields();
  return form;
}

/** "2026-11-30T08:00+01:00" → "lun 30/11/2026 08:00" (the time as written, in its own zone). */
function wallClock(local) {
  const [date, time] = String(local).split('T');
  const day = new Date(`${date}T12:00:00Z`);
  return `${day.toLocaleDateString(locale(), { weekday: 'short', day: '2-digit', month: '2-digit', year: 'numeric',
    timeZone: 'UTC' })} ${(time || '').substring(0, 5)}`;
}

// ---------------------------------------------------------------- dead letters

async function deadLettersView() {
  const query = new URLSearchParams(location.hash.split('?')[1] || '');
  const state = query.get('state') || 'OPEN';
  const letters = await get(`/api/dead-letters?state=${state}`);
  const select = h('select', { id: 'dead-letter-state', onchange: () => { location.hash = `#/dead-letters?state=${select.value}`; } },
    ['OPEN', 'REPLAYED', 'REPLAY_FAILED'].map((s) => h('option', { value: s, selected: s === state }, t(`state.${s}`))));
  const chosen = new Set();
  const replayAll = async (ids) => {
    const outcomes = [];
    for (const id of ids) {
      try {
        outcomes.push((await post(`/api/dead-letters/${id}/replay`)).state);
      } catch (error) {
        outcomes.push(error.message);
      }
    }
    flash(t('deadLetters.replayed', { count: ids.length, replayed: outcomes.filter((o) => o === 'REPLAYED').length }),
      'info');
    await deadLettersView();
  };
  const operator = can('OPERATOR') && state !== 'REPLAYED';
  view.replaceChildren(h('h1', {}, t('deadLetters.title')), field(t('deadLetters.state'), select),
    operator && letters.length ? h('p', { class: 'actions' },
      button(t('action.replaySelected'), 'replay-selected', () => (chosen.size ? replayAll([...chosen])
        : flash(t('deadLetters.noneSelected'), 'warning'))),
      button(t('action.replayAll'), 'replay-all', () => replayAll(letters.map((l) => l.id)))) : null,
    letters.length ? table(['', t('deadLetters.id'), t('deadLetters.account'), t('deadLetters.route'),
      t('deadLetters.cause'), t('deadLetters.attempts'), t('deadLetters.failedAt'), t('deadLetters.state'), ''],
    letters.map((letter) => h('tr', { dataset: { deadLetter: letter.id } },
      h('td', {}, operator ? h('input', { type: 'checkbox', 'aria-label': t('deadLetters.select', { id: letter.id }),
        onchange: (e) => (e.target.checked ? chosen.add(letter.id) : chosen.delete(letter.id)) }) : null),
      h('td', {}, letter.id), h('td', {}, letter.accountId || ''), h('td', {}, letter.routeId),
      h('td', {}, h('details', {}, h('summary', {}, letter.cause), h('pre', {}, letter.payload))),
      h('td', { class: 'num' }, letter.attempts), h('td', {}, when(letter.failedAt)),
      h('td', {}, stateBadge(letter.state), letter.replayOutcome ? ` ${letter.replayOutcome}` : ''),
      h('td', {}, operator ? button(t('action.replay'), 'replay', () => replayAll([letter.id])) : null))),
    { class: 'dead-letters' }) : h('p', { id: 'no-dead-letters' }, t('deadLetters.none')));
}

// ---------------------------------------------------------------- ERP

async function erpView() {
  const [quota, login, runs] = await Promise.all([get('/api/erp/quota'), get('/api/erp/login'), get('/api/runs?limit=100')]);
  let schedule = null;
  try {
    schedule = await get('/api/erp/schedule');
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 404) throw error;
  }
  const erpRuns = runs.filter((run) => run.kind !== 'ORDER_SYNC' && run.kind !== 'CUSTOMER_SYNC'
    && run.kind !== 'SHOP_RUN');
  view.replaceChildren(h('h1', {}, t('erp.page')), erpPanel(quota, login),
    can('OPERATOR') ? h('p', { class: 'actions' }, button(t('action.partialSync'), 'partial-sync',
      () => startErpSync('partial'))) : null,
    h('section', {}, h('h2', {}, t('erp.schedule')), scheduleEditor('/api/erp/schedule', schedule)),
    h('section', {}, h('h2', {}, t('erp.runs')), erpRuns.length ? runTable(erpRuns, false) : h('p', {}, t('runs.none'))));
}

// ---------------------------------------------------------------- listings

const ITEM_STATES = ['NOT_PUBLISHED', 'PENDING', 'PUBLISHED', 'PROBLEM', 'STOPPED', 'AWAITING_LINK'];
const RULE_ACTIONS = {
  addAction: ['NONE', 'ADD_TO_LIST'],
  removalAction: ['NONE', 'STOP_ON_MARKETPLACE'],
  updateAction: ['NONE', 'MODIFY_ON_MARKETPLACE'],
};

function listingTabs(current) {
  return h('p', { class: 'actions tabs' }, [['lists', '#/listings'], ['rules', '#/listings/rules']].map(([name, href]) =>
    h('a', { href, 'aria-current': name === current ? 'page' : null }, t(`listings.tab.${name}`))));
}

/** An item's state in words, with what it means for the article (the colours of the item grid). */
function itemStateBadge(state) {
  return h('span', { class: `state item-${String(state).toLowerCase()}`, dataset: { state } }, t(`itemState.${state}`));
}

/** Every transaction still to send for a list: the count the lists page shows and the list's page lists. */
function pendingOf(id) {
  return get(`/api/lists/${id}/transactions?state=PENDING&limit=10000`);
}

async function listingsView() {
  const [lists, listings, rules] = await Promise.all([get('/api/lists'), get('/api/listings'), get('/api/sales-rules')]);
  const listingName = new Map(listings.map((l) => [l.id, l.name]));
  const ruleName = new Map(rules.map((r) => [r.id, r.name]));
  // the counts by state and the pending transactions come per list: a console's lists are tens, not thousands
  const facts = await Promise.all(lists.map((list) => Promise.all([get(`/api/lists/${list.id}/items`), pendingOf(list.id)])));
  const rows = lists.map((list, i) => {
    const [items, pending] = facts[i];
    const byState = ITEM_STATES.map((state) => [state, items.filter((item) => item.state === state).length])
      .filter(([, count]) => count > 0);
    // ids start at 0 on HSQLDB: a rule is told by its presence, shared or own by its flag
    const rule = !list.rule ? t('listings.noRule') : (list.rule.shared ? ruleName.get(list.ruleId) || list.rule.name
      : t('listings.ownRule', { name: list.rule.name }));
    return h('tr', { dataset: { list: list.id } },
      h('td', {}, h('a', { href: `#/listings/lists/${list.id}` }, list.name || `#${list.id}`)),
      h('td', {}, listingName.get(list.listingId) || `#${list.listingId}`),
      h('td', {}, rule),
      h('td', { class: 'num', dataset: { count: 'items' } }, list.items),
      h('td', { dataset: { count: 'states' } }, byState.length ? byState.map(([state, count]) =>
        h('span', { class: 'state-count' }, itemStateBadge(state), ` ${count} `)) : '—'),
      h('td', { class: 'num', dataset: { count: 'pending' } }, pending.length));
  });
  view.replaceChildren(h('h1', {}, t('nav.listings')), listingTabs('lists'),
    lists.length ? table([t('listings.list'), t('listings.listing'), t('listings.rule'), t('listings.items'),
      t('listings.byState'), t('listings.pending')], rows, { class: 'lists' })
      : h('p', { id: 'no-lists' }, t('listings.none')));
}

async function salesListView(id) {
  const list = await get(`/api/lists/${id}`);
  const [items, pending, log, listing] = await Promise.all([get(`/api/lists/${id}/items`), pendingOf(id),
    get(`/api/lists/${id}/log?limit=200`), get(`/api/listings/${list.listingId}`).catch(() => null)]);
  const operator = can('OPERATOR');
  const codes = h('input', { id: 'add-articles', dataset: { field: 'articleCodes' }, placeholder: 'ART1 ART2' });
  const addForm = operator ? h('form', { id: 'add-items', class: 'search' },
    field(t('listings.addByHand'), codes, t('listings.addByHandHint')),
    h('button', { type: 'submit', dataset: { action: 'add-items' } }, t('action.add'))) : null;
  if (addForm) {
    addForm.addEventListener('submit', async (event) => {
      event.preventDefault();
      const articleCodes = codes.value.split(/[\s,;]+/).filter(Boolean);
      try {
        await post(`/api/lists/${id}/items`, { articleCodes });
        flash(t('listings.added', { count: articleCodes.length }), 'info');
        await salesListView(id);
      } catch (error) {
        showProblem(error, addForm);
      }
    });
  }
  const rule = list.rule;
  view.replaceChildren(
    h('h1', {}, list.name || `#${list.id}`), listingTabs('lists'),
    definitions([[t('listings.listing'), listing ? listing.name : `#${list.listingId}`],
      [t('listings.marketplace'), list.marketplace],
      [t('listings.rule'), rule ? (rule.shared ? h('a', { href: `#/listings/rules/${rule.id}` }, rule.name)
        : t('listings.ownRule', { name: rule.name })) : t('listings.noRule')],
      rule ? [t('rules.filter'), h('code', {}, rule.articleFilter || t('rules.everyArticle'))] : null,
      [t('listings.items'), list.items], [t('listings.onSale'), list.onSale]]),
    h('section', { 'aria-labelledby': 'items-heading' }, h('h2', { id: 'items-heading' }, t('listings.itemsTitle')),
      addForm,
      items.length ? table([t('listings.article'), t('listings.origin'), t('listings.state'), t('listings.platformId'),
        t('listings.publishedQuantity'), t('listings.publishedPrice'), ''],
      items.map((item) => h('tr', { dataset: { item: item.articleCode } },
        h('td', {}, item.articleCode),
        h('td', { dataset: { origin: item.origin } }, t(`origin.${item.origin}`)),
        h('td', {}, itemStateBadge(item.state), item.leaving ? ` ${t('listings.leaving')}` : null,
          h('small', { class: 'hint why' }, t(`itemState.${item.state}.why`))),
        h('td', {}, item.platformId || '—'),
        h('td', { class: 'num' }, item.publishedQuantity ?? '—'),
        h('td', { class: 'num' }, item.publishedPrice ?? '—'),
        h('td', {}, operator && item.origin === 'MANUAL' ? button(t('action.remove'), 'remove-item', async () => {
          await api('DELETE', `/api/lists/${id}/items/${encodeURIComponent(item.articleCode)}`);
          flash(t('listings.removed', { article: item.articleCode }), 'info');
          await salesListView(id);
        }) : null))), { class: 'items' }) : h('p', { id: 'no-items' }, t('listings.noItems'))),
    h('section', { 'aria-labelledby': 'pending-heading' }, h('h2', { id: 'pending-heading' }, t('listings.pendingTitle')),
      h('p', { class: 'hint' }, t('listings.pendingHint')),
      pending.length ? table([t('listings.kind'), t('listings.article'), t('listings.values'), t('listings.reason'),
        t('listings.decidedAt')],
      // the API gives them most urgent first (STOP … RELIST): kept in that order
      pending.map((tx) => h('tr', { dataset: { transaction: tx.id, kind: tx.kind } },
        h('td', {}, t(`txKind.${tx.kind}`)), h('td', {}, tx.articleCode),
        h('td', {}, transactionValues(tx.values)), h('td', {}, tx.reason || '—'), h('td', {}, when(tx.createdAt)))),
      { class: 'transactions' }) : h('p', { id: 'no-pending' }, t('listings.noPending'))),
    h('section', { 'aria-labelledby': 'log-heading' }, h('h2', { id: 'log-heading' }, t('listings.logTitle')),
      log.length ? table([t('listings.at'), t('listings.article'), t('listings.action'), t('listings.outcome'),
        t('listings.message')],
      log.map((entry) => h('tr', { dataset: { log: entry.id } },
        h('td', {}, when(entry.at)), h('td', {}, entry.articleCode || t('listings.wholeList')), h('td', {}, entry.action),
        h('td', {}, t('listings.outcomeText', { total: entry.total, successes: entry.successes, errors: entry.errors,
          warnings: entry.warnings })),
        h('td', { class: 'message' }, entry.message || ''))), { class: 'log' })
        : h('p', { id: 'no-log' }, t('listings.noLog'))));
}

/** quantity 3, price 10.00 — the content of a MODIFY or PUBLISH is summed up, not dumped. */
function transactionValues(values) {
  if (!values || typeof values !== 'object') {
    return '—';
  }
  return Object.entries(values).map(([name, value]) => `${name}: ${value !== null && typeof value === 'object'
    ? Object.keys(value).join(', ') : value}`).join('; ') || '—';
}

async function salesRulesView() {
  const rules = await get('/api/sales-rules');
  view.replaceChildren(h('h1', {}, t('rules.title')), listingTabs('rules'),
    can('OPERATOR') ? h('p', { class: 'actions' }, h('a', { href: '#/listings/rules/new', class: 'button',
      dataset: { action: 'new-rule' } }, t('rules.new'))) : null,
    rules.length ? table([t('rules.name'), t('rules.marketplace'), t('rules.filter'), t('rules.actions')],
      rules.map((rule) => h('tr', { dataset: { rule: rule.id } },
        h('td', {}, h('a', { href: `#/listings/rules/${rule.id}` }, rule.name)), h('td', {}, rule.marketplace),
        h('td', {}, h('code', {}, rule.articleFilter || t('rules.everyArticle'))),
        h('td', {}, Object.keys(RULE_ACTIONS).map((name) => t(`rules.${name}.${rule[name]}`)).join(' · '),
          rule.treatAsOnSale ? ` · ${t('rules.treatAsOnSale')}` : ''))), { class: 'rules' })
      : h('p', { id: 'no-rules' }, t('rules.none')));
}

async function salesRuleView(id) {
  const creating = id === undefined;
  const rule = creating ? { name: '', marketplace: 'MAGENTO', articleFilter: '', addAction: 'ADD_TO_LIST',
    removalAction: 'NONE', updateAction: 'NONE', treatAsOnSale: false } : await get(`/api/sales-rules/${id}`);
  const editable = can('OPERATOR');
  const control = (tag, name, attributes = {}, ...children) => h(tag, { id: `rule-${name}`, dataset: { field: name },
    disabled: !editable, ...attributes }, ...children);
  const name = control('input', 'name', { value: rule.name, maxlength: 200 });
  const marketplace = control('select', 'marketplace', {}, ['MAGENTO', 'STOREFRONT'].map((p) =>
    h('option', { value: p, selected: rule.marketplace === p }, p)));
  const actions = Object.fromEntries(Object.entries(RULE_ACTIONS).map(([field, values]) => [field,
    control('select', field, {}, values.map((v) => h('option', { value: v, selected: rule[field] === v },
      t(`rules.${field}.${v}`))))]));
  const onSale = control('input', 'treatAsOnSale', { type: 'checkbox', checked: rule.treatAsOnSale });
  const form = h('form', { id: 'rule-form', class: 'schedule' },
    field(t('rules.name'), name), field(t('rules.marketplace'), marketplace),
    field(t('rules.addAction'), actions.addAction), field(t('rules.removalAction'), actions.removalAction),
    field(t('rules.updateAction'), actions.updateAction),
    h('div', { class: 'field check' }, h('label', {}, onSale, ' ', t('rules.treatAsOnSale'))),
    editable ? h('p', { class: 'actions' }, h('button', { type: 'submit', id: 'save-rule', dataset: { action: 'save-rule' } },
      t('action.save'))) : null);
  const tester = filterTester(rule.articleFilter || '', editable);
  form.insertBefore(tester.element, form.querySelector('.actions'));
  const read = () => ({ name: name.value.trim(), marketplace: marketplace.value, articleFilter: tester.text(),
    addAction: actions.addAction.value, removalAction: actions.removalAction.value,
    updateAction: actions.updateAction.value, treatAsOnSale: onSale.checked });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = read();
    try {
      const saved = creating ? await post('/api/sales-rules', body) : await put(`/api/sales-rules/${id}`, body);
      flash(t('rules.saved', { name: saved.name }), 'info');
      if (creating) location.hash = `#/listings/rules/${saved.id}`; else await salesRuleView(id);
    } catch (error) {
      showProblem(error, form);
      if (error instanceof ApiError) tester.showError(error.problem);
    }
  });
  const lists = creating || !editable ? [] : (await get('/api/lists')).filter((l) => l.rule && l.rule.shared
    && l.rule.id === rule.id);
  view.replaceChildren(h('h1', {}, creating ? t('rules.new') : rule.name), listingTabs('rules'), form,
    lists.length ? whatIf(lists, read, form, tester) : null);
}

/** "What if": what the rule on screen, unsaved, would do to each list that uses it; nothing is stored. */
function whatIf(lists, read, form, tester) {
  const outcome = h('div', { id: 'what-if', 'aria-live': 'polite' });
  return h('section', { 'aria-labelledby': 'what-if-heading' }, h('h2', { id: 'what-if-heading' }, t('rules.whatIf')),
    h('p', { class: 'hint' }, t('rules.whatIfHint')),
    h('p', { class: 'actions' }, lists.map((list) => button(t('rules.whatIfOn', { list: list.name }), 'what-if',
      async () => {
        let answer;
        try {
          answer = await post(`/api/lists/${list.id}/preview`, { rule: read() });
        } catch (error) {
          showProblem(error, form);
          if (error instanceof ApiError) tester.showError(error.problem);
          return;
        }
        const codes = (name, items) => h('p', { dataset: { whatIf: name } }, t(`rules.whatIf.${name}`,
          { count: items.length }), items.length ? `: ${items.slice(0, 50).join(', ')}${items.length > 50 ? ' …' : ''}` : '');
        outcome.replaceChildren(h('h3', {}, list.name), codes('added', answer.added), codes('removed', answer.removed),
          codes('madeAutomatic', answer.madeAutomatic),
          answer.transactions.length ? table([t('listings.kind'), t('listings.article'), t('listings.values'),
            t('listings.reason')], answer.transactions.map((tx) => h('tr', { dataset: { kind: tx.kind } },
            h('td', {}, t(`txKind.${tx.kind}`)), h('td', {}, tx.articleCode), h('td', {}, transactionValues(tx.values)),
            h('td', {}, tx.reason || '—'))), { class: 'what-if-transactions' })
            : h('p', {}, t('rules.whatIf.noTransactions')));
      }, { dataset: { action: 'what-if', list: list.id } }))), outcome);
}

/**
 * The filter's text with "Test the filter": how many articles it matches and the first of them, or where
 * it cannot be read — the character at that position marked in a copy of the text.
 */
function filterTester(initial, editable) {
  const text = h('textarea', { id: 'rule-articleFilter', dataset: { field: 'articleFilter' }, rows: 3, spellcheck: 'false',
    disabled: !editable }, initial);
  // a VIEWER may test a filter of their own without being able to save it
  const box = editable ? text : h('textarea', { id: 'filter-test-text', rows: 3, spellcheck: 'false' }, initial);
  const outcome = h('div', { id: 'filter-test', 'aria-live': 'polite' });
  const showError = (problem) => {
    const wrong = (problem.errors || []).find((e) => e.position !== undefined) || problem;
    if (wrong.position === undefined) return false;
    const at = Math.max(0, Math.min(Number(wrong.position), box.value.length));
    const source = box.value;
    outcome.replaceChildren(h('p', { class: 'field-error', id: 'filter-error', dataset: { position: at } },
      t('rules.filterError', { position: at,
        message: String(wrong.message || problem.detail || '').replace(/^(articleFilter: )?at \d+: /, '') })),
    h('pre', { class: 'filter-source' }, source.substring(0, at),
      h('mark', { id: 'filter-error-at' }, source.substring(at, at + 1) || ' '), source.substring(at + 1)));
    box.setAttribute('aria-invalid', 'true');
    // the caret goes where the mistake is, so that typing fixes it
    box.setSelectionRange(at, at);
    return true;
  };
  const test = button(t('rules.testFilter'), 'test-filter', async () => {
    box.removeAttribute('aria-invalid');
    try {
      const answer = await post('/api/filters/preview', { filter: box.value, limit: 10 });
      outcome.replaceChildren(h('p', { id: 'filter-count', dataset: { matches: answer.matches } },
        t('rules.filterMatches', { count: answer.matches })),
      answer.articles.length ? h('ul', { id: 'filter-articles' }, answer.articles.map((a) =>
        h('li', { dataset: { article: a.code } }, `${a.code} — ${a.description || ''}`))) : null);
    } catch (error) {
      if (!(error instanceof ApiError) || !showError(error.problem)) throw error;
    }
  });
  const element = h('div', { class: 'filter-tester' },
    editable ? field(t('rules.filter'), text, t('rules.filterHint'))
      : [field(t('rules.filter'), text), field(t('rules.filterTry'), box, t('rules.filterHint'))],
    h('p', { class: 'actions' }, test), outcome);
  return { element, text: () => text.value, showError };
}

// ---------------------------------------------------------------- routing

const ROUTES = [
  [/^#?\/?$/, dashboard],
  [/^#\/accounts\/?$/, accountsView],
  [/^#\/accounts\/new$/, accountNew],
  [/^#\/accounts\/([^/?]+)$/, (id) => accountDetail(decodeURIComponent(id))],
  [/^#\/runs(\?.*)?$/, runsView],
  [/^#\/runs\/(\d+)$/, runDetail],
  [/^#\/orders(\?.*)?$/, ordersView],
  [/^#\/orders\/(\d+)$/, orderDetail],
  [/^#\/dead-letters(\?.*)?$/, deadLettersView],
  [/^#\/erp$/, erpView],
  [/^#\/listings$/, listingsView],
  [/^#\/listings\/lists\/(\d+)$/, salesListView],
  [/^#\/listings\/rules$/, salesRulesView],
  [/^#\/listings\/rules\/new$/, () => salesRuleView()],
  [/^#\/listings\/rules\/(\d+)$/, salesRuleView],
];

async function route() {
  leaving.forEach((stop) => stop());
  leaving = [];
  if (!flashFresh) {
    document.getElementById('flash').replaceChildren();
  }
  flashFresh = false;
  if (!me) {
    loginView();
    return;
  }
  const hash = location.hash || '#/';
  document.querySelectorAll('#nav a').forEach((link) => {
    const target = link.getAttribute('href');
    const current = target === '#/' ? hash === '#/' || hash === '#' : hash.startsWith(target);
    if (current) link.setAttribute('aria-current', 'page'); else link.removeAttribute('aria-current');
  });
  const match = ROUTES.map(([pattern, show]) => [hash.match(pattern), show]).find(([found]) => found);
  view.setAttribute('aria-busy', 'true');
  try {
    if (!match) {
      view.replaceChildren(h('h1', {}, t('common.notFound')));
    } else {
      const [found, show] = match;
      const params = found.slice(1).filter((p) => p !== undefined && !String(p).startsWith('?'));
      await show(...params);
    }
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      return;
    }
    view.replaceChildren(h('h1', {}, t('common.error')), h('p', { class: 'message' }, error.message));
  } finally {
    view.removeAttribute('aria-busy');
  }
}

async function start() {
  await loadLanguage();
  const chooser = document.getElementById('lang');
  chooser.value = language();
  chooser.addEventListener('change', async () => {
    await loadLanguage(chooser.value);
    translate(document);
    shell();
    route();
  });
  document.getElementById('sign-out').addEventListener('click', async () => {
    await signOut();
    me = null;
    shell();
    flash(t('login.signedOut'), 'info');
    route();
  });
  window.addEventListener('sincro:signed-out', () => {
    if (me) {
      me = null;
      shell();
      route();
    }
  });
  window.addEventListener('hashchange', route);
  translate(document);
  me = await session();
  if (me && !me.role) {
    me = null;
  }
  shell();
  await route();
  document.body.dataset.ready = 'true';
}

start();
