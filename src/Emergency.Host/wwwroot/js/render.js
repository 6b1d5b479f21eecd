// Draws the incidents lane and the alerts lane from the store, and keeps every countdown ticking against the
// server's clock. Rendering is pure DOM from data; the one-second tick only rewrites times and states in place.

import { bilingual, h } from './dom.js';
import { alertKinds, levelOrder, levels, obligations as obligationTerms, phases, statuses } from './terms.js';
import { language, t } from './i18n.js';
import { asOf, boardNow, clockTime, countdown, fullTime, hoursMinutes, parseTimeSpan, span } from './time.js';

/** A countdown under this turns amber. */
const SoonMs = 15 * 60 * 1000;

const isOpen = o => o.status === 'pending' || o.status === 'overdue';

/** The deadline an open obligation is judged by: the first one that passed, else the current one. */
const effectiveDeadline = o => Date.parse(o.overdueSince ?? o.dueAt);

/** Whether an open obligation is past its deadline now, by the server's clock (before the engine says so). */
const overdueNow = (o, now) => o.status === 'overdue' || (o.status === 'pending' && now > effectiveDeadline(o));

const isReport = o => o.kind === 'report' || o.kind === 'levelChangeReport';

export function isOverdue(incident, now = boardNow()) {
    return incident.obligations.some(o => overdueNow(o, now));
}

/** Overdue first, then the most serious level, then the nearest deadline: the API's order. */
export function byUrgency(now = boardNow()) {
    return (a, b) => Number(isOverdue(b, now)) - Number(isOverdue(a, now))
        || levelOrder.indexOf(a.level) - levelOrder.indexOf(b.level)
        || (Date.parse(a.nextDueAt ?? '') || Infinity) - (Date.parse(b.nextDueAt ?? '') || Infinity);
}

/** The drill marker (演练 DRILL) on everything a drill board shows, so that no one takes it for live work. */
export function drillTag(className = 'drill-tag') {
    return h('span', { class: className, title: '演练，非真实事件 A drill, not a real incident', dataset: { testid: 'drill-tag' } },
        h('span', { lang: 'zh-CN' }, '演练'), ' ', h('span', { lang: 'en' }, 'DRILL'));
}

/** `drill`: the incidents are a drill's, and each card carries the drill marker. */
export function renderIncidents(container, incidents, { onOpen, drill = false }) {
    const now = boardNow();
    const cards = [...incidents].sort(byUrgency(now)).map(incident => card(incident, now, onOpen, drill));
    container.replaceChildren(...cards);
}

function card(incident, now, onOpen, drill) {
    // The next action: the open step whose deadline comes (or came) first. A phone and the compact view show it first.
    const next = incident.obligations.filter(isOpen).sort((a, b) => effectiveDeadline(a) - effectiveDeadline(b))[0];
    const level = levels[incident.level] ?? { zh: '', en: '' };
    const open = () => onOpen(incident.id);
    return h('article', {
        class: `incident level-${incident.level}${isOverdue(incident, now) ? ' overdue' : ''}${drill ? ' drill' : ''}`,
        tabindex: 0,
        'aria-label': `${drill ? '演练 DRILL: ' : ''}${incident.title}, level ${incident.level}, ${incident.region}`,
        dataset: { testid: 'incident', incidentId: incident.id, level: incident.level, version: String(incident.version) },
        onclick: open,
        onkeydown: event => {
            if (event.key === 'Enter' || event.key === ' ') {
                event.preventDefault();
                open();
            }
        },
    },
    drill ? drillTag() : null,
    h('header', { class: 'incident-head' },
        h('span', { class: `level-badge level-${incident.level}`, title: `${level.zh} ${level.en}`, dataset: { testid: 'level' } }, incident.level),
        h('div', { class: 'incident-heading' },
            h('h3', { class: 'incident-title', dataset: { testid: 'title' } }, incident.title),
            h('div', { class: 'incident-meta' },
                h('span', { class: 'level-name' }, bilingual(level),
                    incident.levelUnclear ? h('span', { class: 'unclear', title: 'Some grading facts are still unknown' }, ' · 待定 unclear') : null),
                h('span', { class: 'region', dataset: { testid: 'region' } }, incident.region),
                h('span', { class: `phase phase-${incident.phase}` }, bilingual(phases[incident.phase] ?? { zh: '', en: incident.phase }))))),
    h('p', { class: 'discovered' },
        h('span', { class: 'label' }, '发现 Discovered '),
        h('time', { datetime: incident.discoveredAt, title: fullTime(incident.discoveredAt) }, clockTime(incident.discoveredAt)),
        ' · ',
        h('span', { class: 'since', dataset: { since: incident.discoveredAt } }, `${span(now - Date.parse(incident.discoveredAt))} ago`)),
    h('ol', { class: 'obligations' }, incident.obligations.map(o => obligationRow(o, now, o === next))),
    reportDeadlines(incident));
}

function obligationRow(o, now, next) {
    const term = obligationTerms[o.kind] ?? { zh: o.kind, en: o.title };
    const clock = h('span', { class: 'clock', dataset: { testid: 'obligation-clock' } });
    const row = h('li', {
        class: next ? 'obligation next' : 'obligation',
        title: o.deadlineBasis,
        dataset: { testid: 'obligation', obligation: o.id, kind: o.kind, status: o.status },
    },
    h('span', { class: 'obligation-name' }, bilingual(term)),
    clock,
    h('span', { class: 'due' }, isOpen(o) ? `截止 due ${clockTime(o.dueAt)}` : ''));
    if (isOpen(o)) {
        clock.dataset.due = o.dueAt;
        if (o.overdueSince) {
            clock.dataset.overdueSince = o.overdueSince;
        }
    }

    showClock(row, clock, o, now);
    return row;
}

/**
  * Writes an obligation's state and time: a countdown, "overdue by …", or when it was done. A board that is not
  * live shows no running time at all, only the state as of the moment it lost the feed ("截至 10:42").
  */
function showClock(row, clock, o, now) {
    let state;
    let text;
    const frozen = asOf();
    if (isOpen(o)) {
        const deadline = effectiveDeadline(o);
        if (overdueNow(o, now)) {
            state = 'overdue';
            text = frozen === null ? `超时 overdue by ${countdown(now - deadline)}` : t('overdueAsOf', { at: hoursMinutes(frozen) });
        } else {
            state = Date.parse(o.dueAt) - now < SoonMs ? 'soon' : 'pending';
            text = frozen === null ? countdown(Date.parse(o.dueAt) - now) : t('asOf', { at: hoursMinutes(frozen) });
        }
    } else {
        state = o.status;
        const late = parseTimeSpan(o.lateBy);
        text = `✓ ${clockTime(o.completedAt)}${o.status === 'completedLate' && !Number.isNaN(late) ? ` · 迟 late ${span(late)}` : ''}`;
    }

    if (clock.textContent !== text) {
        clock.textContent = text;
    }

    if (row.dataset.state === state) {
        return false;
    }

    row.dataset.state = state;
    return true;
}

/** 报告时限: the report obligations (the initial report, a report at a new level) with the rule behind each. */
function reportDeadlines(incident) {
    const reports = incident.obligations.filter(isReport);
    if (reports.length === 0) {
        return null;
    }

    return h('div', { class: 'report-deadlines', dataset: { testid: 'report-deadlines' } },
        h('span', { class: 'label' }, '报告时限 Report deadlines'),
        reports.map(o => h('span', { class: `report-deadline status-${o.status}`, title: o.deadlineBasis },
            `${(obligationTerms[o.kind] ?? { zh: o.kind }).zh} ${clockTime(o.dueAt)} · ${o.deadlineBasis.split(/[;:]/)[0]}`)));
}

/** A step falling due within this long is a current problem already (问题 due soon). */
const DueSoonMs = 60 * 60 * 1000;

/** How many resolved steps and past events the history keeps, newest first. */
const HistoryShown = 40;

/**
  * The current problems of the incidents shown, computed from their obligations as they stand (not from past
  * events): every step overdue and not done, and every step falling due within the hour; overdue first, then the
  * most serious level, then the nearest deadline. A step done (on time or late) leaves the list for the history.
  * Redraws only when the list changed, so that the one-second tick keeps focus and hover on the lane.
  */
export function renderAlerts(container, incidents, { onOpen, drill = false, acknowledgements = null }) {
    const now = boardNow();
    const problems = incidents
        .flatMap(incident => incident.obligations.filter(isOpen).map(o => ({ incident, o, overdue: overdueNow(o, now), deadline: effectiveDeadline(o) })))
        .filter(p => p.overdue || Date.parse(p.o.dueAt) - now <= DueSoonMs)
        .sort((a, b) => Number(b.overdue) - Number(a.overdue)
            || levelOrder.indexOf(a.incident.level) - levelOrder.indexOf(b.incident.level)
            || a.deadline - b.deadline);
    const signature = `${drill}|${problems.map(p => `${p.incident.id}/${p.incident.version}/${p.o.id}/${p.overdue}`).join(',')}|${acknowledgements?.signature() ?? ''}`;
    if (container.dataset.signature === signature) {
        return;
    }

    container.dataset.signature = signature;
    container.replaceChildren(...problems.map(p => problemItem(p, now, onOpen, drill, acknowledgements)));
}

function problemItem({ incident, o, overdue }, now, onOpen, drill, acknowledgements) {
    const kind = overdue ? 'obligationOverdue' : 'dueSoon';
    const clock = h('span', { class: 'clock', dataset: { testid: 'alert-clock', due: o.dueAt, overdueSince: o.overdueSince ?? undefined } });
    const item = h('li', {
        class: `alert alert-${kind}`,
        dataset: { testid: 'alert', kind, incidentId: incident.id, obligation: o.id, status: o.status },
    },
    h('button', { type: 'button', class: 'alert-open', onclick: () => onOpen(incident.id) },
        h('span', { class: 'alert-kind' }, drill ? drillTag('drill-tag small') : null, bilingual(alertKinds[kind])),
        clock,
        h('span', { class: 'alert-step' }, bilingual(obligationTerms[o.kind] ?? { zh: o.kind, en: o.title }),
            h('span', { class: 'due' }, ` ${t('dueAt', { at: clockTime(o.dueAt) })}`)),
        h('span', { class: 'alert-incident' },
            h('span', { class: `level-badge small level-${incident.level}` }, incident.level), ' ', incident.title, ' · ', incident.region)),
    acknowledgements?.control(incident, o, overdue));
    showClock(item, clock, o, now);
    return item;
}

/**
  * What is no longer a problem, newest first: the steps done that had been overdue or due within the hour when done,
  * and the engine's past events (regrades, escalations, reports shown untrue, steps reopened).
  */
export function renderAlertHistory(container, incidents, { onOpen, drill = false }) {
    const steps = incidents.flatMap(incident => incident.obligations
        .filter(o => o.completedAt && Date.parse(o.completedAt) > Date.parse(o.dueAt) - DueSoonMs)
        .map(o => ({ incident, at: o.completedAt, kind: o.status, text: null, o })));
    const events = incidents.flatMap(incident => (incident.alerts ?? [])
        .filter(alert => alert.kind !== 'obligationOverdue')
        .map(alert => ({ incident, at: alert.at, kind: alertKind(alert, incident), text: alert.text, o: null })));
    const entries = [...steps, ...events]
        .sort((a, b) => Date.parse(b.at) - Date.parse(a.at))
        .slice(0, HistoryShown);
    const signature = `${drill}|${language()}|${entries.map(e => `${e.incident.id}/${e.kind}/${e.at}/${e.o?.id ?? ''}`).join(',')}`;
    if (container.dataset.signature !== signature) {
        container.dataset.signature = signature;
        container.replaceChildren(...entries.map(entry => historyItem(entry, onOpen, drill)));
    }

    return entries.length;
}

function historyItem({ incident, at, kind, text, o }, onOpen, drill) {
    const term = o ? statuses[kind] : alertKinds[kind];
    return h('li', {
        class: `alert alert-${kind}`,
        dataset: { testid: 'alert-past', kind, incidentId: incident.id, obligation: o?.id },
    },
    h('button', { type: 'button', class: 'alert-open', onclick: () => onOpen(incident.id) },
        h('span', { class: 'alert-kind' }, drill ? drillTag('drill-tag small') : null, bilingual(term ?? { zh: '', en: kind })),
        h('time', { datetime: at, title: fullTime(at) }, clockTime(at)),
        o ? h('span', { class: 'alert-step' }, bilingual(obligationTerms[o.kind] ?? { zh: o.kind, en: o.title })) : null,
        h('span', { class: 'alert-incident' },
            h('span', { class: `level-badge small level-${incident.level}` }, incident.level), ' ', incident.title, ' · ', incident.region),
        text ? h('span', { class: 'alert-text' }, text) : null));
}

/**
  * A regrade to a more serious level (II → I) is an escalation (升级): the engine lists them by seq. A regrade
  * recorded before the engine's texts had codes is read from its English words.
  */
export function alertKind(alert, incident) {
    if (alert.kind !== 'regraded') {
        return alert.kind;
    }

    if (incident?.escalations?.includes(alert.seq)) {
        return 'escalated';
    }

    const match = /Regraded (IV|III|II|I)\b.*→ level (IV|III|II|I)\b/.exec(alert.text ?? '');
    return match && levelOrder.indexOf(match[2]) < levelOrder.indexOf(match[1]) ? 'escalated' : 'regraded';
}

/**
  * Once a second: every countdown, state and "… ago" in the page, recounted against the server's clock.
  * Returns true when an obligation changed state (a deadline passed), which may change the order and filters.
  */
export function tick(root) {
    const now = boardNow();
    let changed = false;
    for (const clock of root.querySelectorAll('[data-due]')) {
        const row = clock.closest('[data-status]');
        const o = { status: row.dataset.status, dueAt: clock.dataset.due, overdueSince: clock.dataset.overdueSince ?? null };
        changed = showClock(row, clock, o, now) || changed;
    }

    for (const element of root.querySelectorAll('[data-since]')) {
        const text = `${span(now - Date.parse(element.dataset.since))} ago`;
        if (element.textContent !== text) {
            element.textContent = text;
        }
    }

    for (const card of root.querySelectorAll('article.incident')) {
        card.classList.toggle('overdue', card.querySelector('[data-state="overdue"]') !== null);
    }

    return changed;
}
