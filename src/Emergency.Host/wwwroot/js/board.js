// The command board: signs a person in (name and password: a session cookie) or takes a machine token, shows the open incidents live, filters them, and opens one in
// detail. Everything it shows comes from the engine: the snapshot of /api/board and the pushes of /hubs/board.
// It shows live work, or a drill's scope (?scope=drill-<run>, or the scope field in the top bar) under the drill
// marker, with a drill organiser's controls during a paced run.

import { Api, ApiError } from './api.js';
import { DecisionsLane } from './decisions.js';
import { IncidentDetail } from './detail.js';
import { DisputeLane } from './disputes.js';
import { DrillPanel, isDrillScope, scopeFrom } from './drill.js';
import { LiveFeed } from './live.js';
import { isOverdue, renderAlerts, renderIncidents, tick } from './render.js';
import { CaseStore } from './store.js';
import { both, levelOrder, levels, roles } from './terms.js';
import { clockTime, serverNow, wallClock } from './time.js';
import { h } from './dom.js';

const TokenKey = 'emergency.board.token';

const $ = id => document.getElementById(id);

/** A drill board reloads its snapshot this often, for the drill's phase, clock and messages. */
const DrillRefreshSeconds = 5;

const page = {
    login: $('login'),
    loginForm: $('login-form'),
    loginError: $('login-error'),
    board: $('board'),
    user: $('user'),
    userName: $('user-name'),
    userRole: $('user-role'),
    status: $('status'),
    clock: $('server-clock'),
    incidents: $('incidents'),
    noIncidents: $('no-incidents'),
    count: $('incident-count'),
    alerts: $('alerts'),
    noAlerts: $('no-alerts'),
    filters: $('filters'),
    region: $('filter-region'),
    level: $('filter-level'),
    overdue: $('filter-overdue'),
    detail: $('detail'),
    scopeForm: $('scope-form'),
    scopeInput: $('scope-input'),
    scopeLive: $('scope-live'),
    clockLabel: $('server-clock-label'),
    drillBanner: $('drill-banner'),
    drillControls: $('drill-controls'),
};

let session = null;

const statusText = {
    connecting: () => '连接中 Connecting…',
    syncing: () => '同步中 Syncing…',
    live: () => '实时 Live',
    reconnecting: since => `重连中 Reconnecting… · 数据截至 stale since ${clockTime(since)}`,
    stale: since => `数据过期 Stale since ${clockTime(since)}`,
    offline: () => '未连接 Offline',
};

function showStatus({ state, since }) {
    page.status.dataset.state = state;
    page.status.textContent = (statusText[state] ?? statusText.offline)(since);
}

function filtersNow() {
    return { region: page.region.value, level: page.level.value, overdue: page.overdue.checked };
}

function matches(incident, filters, now) {
    return (!filters.region || incident.region === filters.region)
        && (!filters.level || incident.level === filters.level)
        && (!filters.overdue || isOverdue(incident, now));
}

/** The region choices: every region on the board, plus the one selected even when it has emptied. */
function updateRegions(incidents) {
    const selected = page.region.value;
    const regions = [...new Set(incidents.map(i => i.region).concat(selected ? [selected] : []))]
        .sort((a, b) => a.localeCompare(b, 'zh-CN'));
    const current = [...page.region.options].slice(1).map(o => o.value);
    if (current.join('\n') !== regions.join('\n')) {
        page.region.replaceChildren(h('option', { value: '' }, '全部地区 All regions'),
            ...regions.map(r => h('option', { value: r, selected: r === selected }, r)));
    }
}

function render() {
    paintClock();
    if (!session) {
        return;
    }

    const all = session.store.cases('incident');
    updateRegions(all);
    const filters = filtersNow();
    const now = serverNow();
    const shown = all.filter(i => matches(i, filters, now));
    const overdue = shown.filter(i => isOverdue(i, now)).length;
    const drill = session.drill.active;
    renderIncidents(page.incidents, shown, { onOpen: openDetail, drill });
    renderAlerts(page.alerts, shown, { onOpen: openDetail, drill });
    session.drill.changed();
    page.noIncidents.hidden = shown.length > 0;
    page.noAlerts.hidden = page.alerts.childElementCount > 0;
    page.count.textContent = shown.length === all.length
        ? `${all.length} · 超时 overdue ${overdue}`
        : `${shown.length} / ${all.length} · 超时 overdue ${overdue}`;
}

function openDetail(id) {
    session?.detail.open(id);
}

/** The scope the page was opened on: ?scope=drill-<run> (or a bare run id), else live work. */
function scopeOfUrl() {
    return scopeFrom(new URLSearchParams(location.search).get('scope')) ?? 'live';
}

/** Shows another scope: the address says which (a reload or a shared link opens the same), the feed re-watches. */
async function switchScope(scope) {
    if (!session) {
        return;
    }

    const url = new URL(location.href);
    if (scope === 'live') {
        url.searchParams.delete('scope');
    } else {
        url.searchParams.set('scope', scope);
    }

    history.replaceState(null, '', url);
    session.detail.close();
    showScope(scope);
    await session.live.switchTo(scope);
}

function showScope(scope) {
    const drill = isDrillScope(scope);
    page.scopeInput.value = drill ? scope : '';
    page.scopeInput.setCustomValidity('');
    page.scopeLive.disabled = !drill;
    page.clockLabel.textContent = drill ? '演练时钟 Drill clock' : '服务器时间 Server time';
    session.drill.show(scope);
    render();
}

/** Opens the board for `api`: a person's session, or a token (kept in this tab, for a reload). */
async function signIn(api) {
    const me = await api.me();
    if (api.token) {
        sessionStorage.setItem(TokenKey, api.token);
    }

    const store = new CaseStore();
    const detail = new IncidentDetail(page.detail, api, me.role);
    const drill = new DrillPanel({
        banner: page.drillBanner,
        controls: page.drillControls,
        api,
        role: me.role,
        titleOf: id => store.get('incident', id)?.title,
    });
    const disputes = new DisputeLane({ root: $('dispute-lane'), api, store });
    const decisions = new DecisionsLane({ store, list: $('decisions'), restrictions: $('restrictions'), empty: $('no-decisions'), count: $('decision-count') });
    const scope = scopeOfUrl();
    const live = new LiveFeed({
        api,
        store,
        onChange: change => {
            // A push redraws its own lane; a snapshot or a scope switch, every lane.
            const kind = change?.kind;
            if (!kind || kind === 'incident') {
                render();
            }

            if (kind === 'incident') {
                detail.changed(change.summary);
            }

            if (kind === 'dispute' || kind === 'warning') {
                disputes.changed();
            } else if (!kind) {
                disputes.render();
            }

            if (!kind || kind === 'decision' || kind === 'enforcement') {
                decisions.render();
            }
        },
        onStatus: showStatus,
        onUnauthorized: () => signOut('登录已失效，请重新登录 The session or the token is no longer accepted: sign in again'),
        onSnapshot: snapshot => {
            drill.loaded(snapshot);
            disputes.loaded(snapshot);
        },
        scope,
    });
    session = { api, me, store, live, detail, drill, disputes, decisions };
    page.userName.textContent = me.id;
    page.userRole.textContent = both(roles, me.role);
    page.userRole.dataset.role = me.role;
    page.login.hidden = true;
    page.board.hidden = false;
    page.user.hidden = false;
    page.scopeForm.hidden = false;
    document.body.dataset.role = me.role;
    showScope(scope);
    live.start().catch(error => {
        showStatus({ state: 'offline', since: null });
        page.status.textContent = error.message;
    });
}

async function signOut(message = '') {
    const ending = session;
    session = null;
    sessionStorage.removeItem(TokenKey);
    await ending?.api.signOut().catch(() => {});
    ending?.detail.dispose();
    ending?.drill.dispose();
    await ending?.live.stop();
    ending?.store.clear();
    ending?.disputes.clear();
    ending?.decisions.render();
    page.incidents.replaceChildren();
    page.alerts.replaceChildren();
    page.board.hidden = true;
    page.user.hidden = true;
    page.scopeForm.hidden = true;
    page.clockLabel.textContent = '服务器时间 Server time';
    page.login.hidden = false;
    delete document.body.dataset.role;
    delete document.body.dataset.scope;
    page.loginError.textContent = message;
    showStatus({ state: 'offline', since: null });
    page.loginForm.elements.namedItem('user').focus();
}

page.loginForm.addEventListener('submit', async event => {
    event.preventDefault();
    const fields = page.loginForm.elements;
    const token = fields.namedItem('token').value.trim();
    const name = fields.namedItem('user').value.trim();
    const password = fields.namedItem('password').value;
    page.loginError.textContent = '';
    if (!token && (!name || !password)) {
        page.loginError.textContent = '请输入用户名和密码，或令牌 Enter a name and a password, or a token';
        return;
    }

    try {
        await signIn(token ? new Api(token) : await Api.signIn(name, password));
        fields.namedItem('token').value = '';
        fields.namedItem('password').value = '';
    } catch (error) {
        fields.namedItem('password').value = '';
        page.loginError.textContent = error instanceof ApiError && error.status === 401
            ? (token ? '令牌无效 This token is not known' : '用户名或密码错误 The name or the password is not right')
            : error.message;
    }
});

$('logout').addEventListener('click', () => signOut());
page.filters.addEventListener('input', render);
page.scopeForm.addEventListener('submit', event => {
    event.preventDefault();
    const scope = scopeFrom(page.scopeInput.value);
    if (scope === null) {
        page.scopeInput.setCustomValidity('演练编号：小写字母、数字和连字符 A run id: lower-case letters, digits and hyphens');
        page.scopeInput.reportValidity();
        return;
    }

    switchScope(scope);
});
page.scopeInput.addEventListener('input', () => page.scopeInput.setCustomValidity(''));
page.scopeLive.addEventListener('click', () => switchScope('live'));
page.filters.addEventListener('submit', event => event.preventDefault());

page.level.append(...levelOrder.map(level => h('option', { value: level }, `${level} ${levels[level].zh} ${levels[level].en}`)));

/** The server's time in the top bar: what every countdown on the board is counted against. */
function paintClock() {
    const now = serverNow();
    page.clock.textContent = wallClock(now);
    page.clock.dateTime = new Date(now).toISOString();
}

let ticks = 0;
setInterval(() => {
    paintClock();
    session?.drill.tick();
    session?.disputes.render();
    if (session && tick(page.board)) {
        render();
    }

    if (session?.drill.active && ++ticks % DrillRefreshSeconds === 0) {
        session.live.refresh();
    }

    if (page.detail.open) {
        tick(page.detail);
    }
}, 1000);

/** A wall screen reloaded while the engine is down keeps its token and tries again. */
async function resume(token) {
    if (session) {
        return;
    }

    try {
        await signIn(new Api(token));
    } catch (error) {
        if (error instanceof ApiError && error.status === 401) {
            await signOut('令牌已失效 The saved token is no longer accepted');
            return;
        }

        page.login.hidden = false;
        page.loginError.textContent = `${error.message} — 正在重试 retrying…`;
        setTimeout(() => resume(token), 5000);
    }
}

showStatus({ state: 'offline', since: null });
const saved = sessionStorage.getItem(TokenKey);
if (saved) {
    resume(saved);
} else {
    // A person signed in before (the session cookie is not readable by script): ask the engine.
    Api.resumeSession()
        .then(api => api ? signIn(api) : Promise.reject(null))
        .catch(error => {
            page.login.hidden = false;
            page.loginError.textContent = error?.message ?? '';
        });
}
