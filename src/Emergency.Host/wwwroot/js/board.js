// The command board: signs a person in (name and password: a session cookie) or takes a machine token, shows the open incidents live, filters them, and opens one in
// detail. Everything it shows comes from the engine: the snapshot of /api/board and the pushes of /hubs/board.
// It shows live work, or a drill's scope (?scope=drill-<run>, or the scope field in the top bar) under the drill
// marker, with a drill organiser's controls during a paced run.

import { AlertAcknowledgements } from './alerts.js';
import { Api, ApiError } from './api.js';
import { DecisionsLane } from './decisions.js';
import { IncidentDetail } from './detail.js';
import { RegisterForm } from './register.js';
import { DisputeLane } from './disputes.js';
import { DrillPanel, isDrillScope, scopeFrom } from './drill.js';
import { DownstreamLane, tickArrivals } from './downstream.js';
import { LiveFeed } from './live.js';
import { isOverdue, renderAlertHistory, renderAlerts, renderIncidents, tick } from './render.js';
import { CaseStore } from './store.js';
import { both, levelOrder, levels, roles } from './terms.js';
import { asOf, boardNow, clockTime, serverNow, setAsOf, setDisplay, wallClock, zoneLabel } from './time.js';
import { language, setLanguage, t, termLanguage, translatePage } from './i18n.js';
import { h } from './dom.js';

const TokenKey = 'emergency.board.token';

/** The compact view (many incidents on one screen: each card its open steps only), remembered in this browser. */
const DensityKey = 'emergency.board.density';

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
    alertHistory: $('alert-history'),
    alertHistoryCount: $('alert-history-count'),
    filters: $('filters'),
    region: $('filter-region'),
    level: $('filter-level'),
    overdue: $('filter-overdue'),
    compact: $('compact'),
    detail: $('detail'),
    scopeForm: $('scope-form'),
    scopeInput: $('scope-input'),
    scopeLive: $('scope-live'),
    clockLabel: $('server-clock-label'),
    zone: $('zone'),
    language: $('language'),
    drillBanner: $('drill-banner'),
    drillControls: $('drill-controls'),
    notLive: $('not-live'),
    registerOpen: $('register-open'),
    register: $('register'),
    noBoard: $('no-board'),
    noBoardText: $('no-board-text'),
};

let session = null;

/** The signed-in user of a role the board has nothing for (its snapshot answers 403): kept to sign out. */
let boardless = null;

const StatusStates = ['connecting', 'syncing', 'live', 'reconnecting', 'stale', 'offline'];

/**
  * The pill says the feed's state; a board that lost the feed (since when: set until the snapshot after the
  * reconnection has loaded) is also dimmed, bannered and stops its countdowns, so that no one takes it for live.
  */
function showStatus({ state, since }) {
    page.status.dataset.state = state;
    // A drill's feed that is live is still not live work: the pill never says 实时 Live on a drill board.
    const pill = state === 'live' && session?.drill.active ? 'drillLive' : (StatusStates.includes(state) ? state : 'offline');
    page.status.textContent = t(`status.${pill}`, { since: clockTime(since) });
    const notLive = session !== null && since !== null && state !== 'live';
    const changed = notLive !== (asOf() !== null);
    setAsOf(notLive ? since : null);
    document.body.dataset.live = notLive ? 'no' : 'yes';
    page.notLive.hidden = !notLive;
    page.notLive.textContent = notLive ? t('notLive', { since: clockTime(since) }) : '';
    if (notLive) {
        page.detail.dataset.notLive = page.notLive.textContent;
    } else {
        delete page.detail.dataset.notLive;
    }

    if (changed) {
        render();
        session?.disputes.render();
        if (page.detail.open) {
            tick(page.detail);
        }
    }
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
        .sort((a, b) => a.localeCompare(b, language()));
    const current = [...page.region.options].slice(1).map(o => o.value);
    if (current.join('\n') !== regions.join('\n')) {
        page.region.replaceChildren(h('option', { value: '', dataset: { i18n: 'allRegions' } }, t('allRegions')),
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
    const now = boardNow();
    const shown = all.filter(i => matches(i, filters, now));
    const overdue = shown.filter(i => isOverdue(i, now)).length;
    const drill = session.drill.active;
    renderIncidents(page.incidents, shown, { onOpen: openDetail, drill });
    session.shown = shown;
    renderAlertLane();
    page.alertHistoryCount.textContent = String(renderAlertHistory(page.alertHistory, shown, { onOpen: openDetail, drill }));
    session.drill.changed();
    session.downstream.changed(shown);
    page.noIncidents.hidden = shown.length > 0;
    const counted = t('incidentCount', { shown: shown.length === all.length ? all.length : `${shown.length} / ${all.length}`, overdue });
    page.count.textContent = session.store.complete('incident') ? counted : `${counted} · ${t('mostUrgentOnly', { limit: session.store.laneLimit })}`;
}

/** The current problems of the incidents shown; redrawn each second too, as steps come within the hour of their deadline. */
function renderAlertLane() {
    renderAlerts(page.alerts, session.shown ?? [], { onOpen: openDetail, drill: session.drill.active, acknowledgements: session.acknowledgements });
    page.noAlerts.hidden = page.alerts.childElementCount > 0;
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
    page.clockLabel.textContent = t(drill ? 'drillClock' : 'serverTime');
    // 接报 is a duty commander's move, on live work only: a drill's incidents come from its scenario and injects.
    page.registerOpen.hidden = session.me.role !== 'dutyCommander' || drill;
    session.drill.show(scope);
    showStatus({ state: page.status.dataset.state, since: asOf() });
    render();
}

/** Opens the board for `api`: a person's session, or a token (kept in this tab, for a reload). */
async function signIn(api) {
    const me = await api.me();
    if (api.token) {
        sessionStorage.setItem(TokenKey, api.token);
    }

    let settings;
    try {
        settings = await api.boardSettings();
    } catch (error) {
        if (error instanceof ApiError && error.status === 403) {
            showNothingForRole(api, me);
            return;
        }

        throw error;
    }

    setDisplay({ lang: language(), timeZone: settings.timeZone, zoneName: settings.zoneName });
    page.zone.textContent = zoneLabel();
    const store = new CaseStore();
    const detail = new IncidentDetail(page.detail, api, me.role, () => session?.drill.active === true);
    const drill = new DrillPanel({
        banner: page.drillBanner,
        controls: page.drillControls,
        api,
        role: me.role,
        titleOf: id => store.get('incident', id)?.title,
    });
    const disputes = new DisputeLane({ root: $('dispute-lane'), api, store, role: me.role });
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
        onUnauthorized: () => signOut(t('tokenRejected')),
        onSnapshot: snapshot => {
            drill.loaded(snapshot);
            disputes.loaded(snapshot);
        },
        scope,
    });
    const register = new RegisterForm(page.register, api, id => detail.open(id));
    const acknowledgements = new AlertAcknowledgements(api, me.role === 'dutyCommander', () => session && renderAlertLane());
    const downstream = new DownstreamLane({ root: $('downstream-lane'), list: $('downstream'), api, mayAct: me.role === 'dutyCommander', onOpen: openDetail });
    session = { api, me, store, live, detail, drill, disputes, decisions, register, acknowledgements, downstream };
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

/** A role that may not read the board (administrator, auditor): a plain message where the board would be, and a way out. */
function showNothingForRole(api, me) {
    boardless = api;
    page.userName.textContent = me.id;
    page.userRole.textContent = both(roles, me.role);
    page.userRole.dataset.role = me.role;
    page.noBoardText.textContent = t('noBoard', { role: both(roles, me.role) });
    page.login.hidden = true;
    page.board.hidden = true;
    page.user.hidden = false;
    page.noBoard.hidden = false;
    showStatus({ state: 'offline', since: null });
}

/** Ends the session on this page: its live channel, its panels and what it holds. */
async function endSession() {
    const ending = session;
    session = null;
    ending?.detail.dispose();
    ending?.register.close();
    page.registerOpen.hidden = true;
    ending?.drill.dispose();
    await ending?.live.stop();
    ending?.store.clear();
    ending?.disputes.clear();
    ending?.downstream.clear();
    ending?.decisions.render();
    page.incidents.replaceChildren();
    page.alerts.replaceChildren();
    page.alertHistory.replaceChildren();
    delete page.alerts.dataset.signature;
    delete page.alertHistory.dataset.signature;
}

async function signOut(message = '') {
    sessionStorage.removeItem(TokenKey);
    await (session?.api ?? boardless)?.signOut().catch(() => {});
    boardless = null;
    page.noBoard.hidden = true;
    await endSession();
    page.board.hidden = true;
    page.user.hidden = true;
    page.scopeForm.hidden = true;
    page.clockLabel.textContent = t('serverTime');
    page.zone.textContent = '';
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
page.registerOpen.addEventListener('click', () => session?.register.open());

/**
  * Switches the board's language: its own words at once; the engine's texts by reloading the snapshot and opening
  * the live channel again in the new language (every text the engine sent is in the old one).
  */
async function switchLanguage() {
    setLanguage(language() === 'en' ? 'zh-CN' : 'en');
    translatePage();
    showLevels();
    setDisplay({ lang: language() });
    showStatus({ state: 'connecting', since: null });
    const api = session?.api ?? boardless;
    if (api) {
        boardless = null;
        await endSession();
        await signIn(api);
    }
}

page.language.addEventListener('click', () => switchLanguage().catch(error => {
    page.status.textContent = error.message;
}));
page.filters.addEventListener('input', render);

function showDensity() {
    document.body.dataset.density = page.compact.checked ? 'compact' : 'full';
}

page.compact.checked = localStorage.getItem(DensityKey) === 'compact';
showDensity();
page.compact.addEventListener('change', () => {
    localStorage.setItem(DensityKey, page.compact.checked ? 'compact' : 'full');
    showDensity();
});
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

/** The level choices, named in the board's language; the one selected stays selected. */
function showLevels() {
    const selected = page.level.value;
    page.level.replaceChildren(h('option', { value: '' }, t('allLevels')),
        ...levelOrder.map(level => h('option', { value: level, selected: level === selected }, `${level} ${levels[level][termLanguage()]}`)));
}

showLevels();

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
    } else if (session) {
        renderAlertLane();
    }

    if (session?.drill.active && ++ticks % DrillRefreshSeconds === 0) {
        session.live.refresh();
    }

    if (page.detail.open) {
        tick(page.detail);
        tickArrivals(page.detail);
    }

    tickArrivals(page.board);
}, 1000);

/** A wall screen reloaded while the engine is down keeps its token and tries again. */
async function resume(token) {
    if (session || boardless) {
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

translatePage();
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
