// 下游预警 on the board: for a spill into a river, each boundary and intake downstream with the pollution's estimated
// arrival counting down, and the warning owed to its party (pending, overdue, sent, acknowledged). In an incident's
// detail a duty commander records a warning sent (to whom, how, when) and its acknowledgement by the party warned; the
// downstream lane gathers every incident's points, nearest arrival first. An incident crossing a boundary off a river warns
// its neighbouring areas (通报相邻区域) with the same moves: those warnings are listed beside the points, by their deadline.
// Each fill carries one Idempotency-Key until it succeeds.

import { newIdempotencyKey } from './api.js';
import { bilingual, h } from './dom.js';
import { t } from './i18n.js';
import { reportMedia } from './terms.js';
import { asOf, boardNow, clockTime, countdown, fromZoneInput, hoursMinutes, serverNow, zoneInputValue } from './time.js';

export const pointKinds = {
    intake: { zh: '取水口', en: 'Intake' },
    boundary: { zh: '交界断面', en: 'Boundary' },
    neighbour: { zh: '相邻区域', en: 'Neighbouring area' },
};

/** A warning to a neighbouring area as a line like a point downstream: no arrival, no distance. */
function neighbourPoint(line) {
    return {
        point: `neighbour-${line.jurisdiction}`, kind: 'neighbour', name: line.party, party: null, distanceKm: null, arrival: null, stillDownstream: true,
        obligation: line.obligation, warning: line.warning, warnBy: line.warnBy, warnedAt: line.warnedAt, warnedTo: line.warnedTo,
        acknowledgedAt: line.acknowledgedAt, acknowledgedBy: line.acknowledgedBy,
    };
}

/** Every line of an incident's view to warn: the points downstream still reached, then its neighbouring areas. */
function warningLines(view) {
    return [...(view.downstream?.points ?? []).filter(p => p.stillDownstream), ...(view.neighbours ?? []).filter(n => n.warning !== 'notNeeded').map(neighbourPoint)];
}

export const warningStatuses = {
    none: { zh: '无需预警', en: 'Nobody to warn' },
    pending: { zh: '待预警', en: 'To warn' },
    overdue: { zh: '预警超时', en: 'Warning overdue' },
    sent: { zh: '已预警', en: 'Warned' },
    acknowledged: { zh: '已确认收到', en: 'Acknowledged' },
    notNeeded: { zh: '不再需要', en: 'No longer needed' },
};

/** The arrival as a countdown ("到达 1 d 02:03:04"), "已到达" once passed, or only "截至 HH:mm" on a board that is not live. */
function arrivalText(arrival, now) {
    const frozen = asOf();
    if (frozen !== null) {
        return t('asOf', { at: hoursMinutes(frozen) });
    }

    const left = Date.parse(arrival) - now;
    return left > 0 ? t('downstream.arrivesIn', { left: countdown(left) }) : t('downstream.arrived');
}

/** Once a second: every arrival countdown under `root`. */
export function tickArrivals(root) {
    const now = boardNow();
    for (const element of root.querySelectorAll('[data-arrival]')) {
        const text = arrivalText(element.dataset.arrival, now);
        if (element.textContent !== text) {
            element.textContent = text;
        }

        element.dataset.state = Date.parse(element.dataset.arrival) <= now ? 'arrived' : 'coming';
    }
}

/** The warning of one point: its state, its deadline and who was warned, and a duty commander's controls. */
class WarningActions {
    #api;
    #act;
    #redraw;
    #mayAct;
    /** The warning being sent or acknowledged: its obligation, what was typed, the fill's key. */
    #form = null;

    constructor({ api, act, redraw, mayAct }) {
        this.#api = api;
        this.#act = act;
        this.#redraw = redraw;
        this.#mayAct = mayAct;
    }

    reset() {
        this.#form = null;
    }

    /** Which form is open (not what is typed in it: typing must not redraw the lane). */
    get signature() {
        return this.#form ? `${this.#form.obligation}/${this.#form.move}` : '';
    }

    controls(incidentId, point) {
        if (!this.#mayAct || !point.obligation) {
            return null;
        }

        // The engine lists no warning move among the allowed ones (each names its warning): the warning's state says which applies.
        const send = ['pending', 'overdue'].includes(point.warning);
        const acknowledge = point.warning === 'sent';
        if (!send && !acknowledge) {
            return null;
        }

        const move = send ? 'sendWarning' : 'acknowledgeWarning';
        if (this.#form?.obligation !== point.obligation) {
            return h('button', {
                type: 'button', class: 'action', dataset: { action: send ? 'send-warning' : 'acknowledge-warning', obligation: point.obligation },
                onclick: event => {
                    event.stopPropagation();
                    const now = zoneInputValue(serverNow());
                    this.#form = { obligation: point.obligation, move, key: newIdempotencyKey(), at: now, max: now, to: point.party ?? '', medium: 'phone', by: '' };
                    this.#redraw();
                },
            }, t(send ? 'downstream.send' : 'downstream.acknowledge'));
        }

        const form = this.#form;
        const input = (name, attributes = {}) => h('input', { name: `${name}-${point.obligation}`, value: form[name], ...attributes, oninput: event => { form[name] = event.target.value; } });
        const field = (key, control) => h('label', { class: 'field' }, h('span', {}, t(key)), control);
        return h('div', { class: 'confirm warning-form', dataset: { testid: 'warning-form' }, onclick: event => event.stopPropagation() },
            send
                ? [field('downstream.to', input('to', { required: true })),
                    field('chain.medium', h('select', { name: `medium-${point.obligation}`, onchange: event => { form.medium = event.target.value; } },
                        ['phone', 'written'].map(m => h('option', { value: m, selected: form.medium === m }, bilingual(reportMedia[m]).textContent))))]
                : field('downstream.by', input('by', { required: true })),
            field('downstream.at', input('at', { type: 'datetime-local', required: true, max: form.max })),
            h('button', {
                type: 'button', class: 'action primary', dataset: { action: send ? 'confirm-send-warning' : 'confirm-acknowledge-warning', obligation: point.obligation },
                onclick: () => this.#act(t(send ? 'downstream.sent' : 'downstream.acknowledgedDone'), `warning:${point.obligation}`, () => {
                    // Left at its default, the moment is the engine's now to the second, not the minute the input shows.
                    const at = form.at === form.max ? null : fromZoneInput(form.at);
                    if (at !== null && (Number.isNaN(at) || at > serverNow())) {
                        throw new Error(t('complete.future'));
                    }

                    const when = at === null ? null : new Date(at).toISOString();
                    return this.#api.move(incidentId, move, send
                        ? { obligation: point.obligation, to: form.to.trim(), medium: form.medium, at: when }
                        : { obligation: point.obligation, acknowledgedBy: form.by.trim(), at: when }, form.key);
                }, () => {
                    this.#form = null;
                }),
            }, t('downstream.confirm')),
            h('button', {
                type: 'button', class: 'action secondary', dataset: { action: 'cancel' },
                onclick: () => {
                    this.#form = null;
                    this.#redraw();
                },
            }, t('register.cancel')));
    }
}

/** One point downstream as a line: where, how far, the arrival counting down, the warning and its controls. */
function pointRow(point, { incident = null, controls = null, message = null, onOpen = null }) {
    const term = warningStatuses[point.warning] ?? { zh: '', en: point.warning };
    return h('li', {
        class: `downstream-point warning-${point.warning}${point.stillDownstream ? '' : ' gone'}`,
        dataset: { testid: 'downstream-point', point: point.point, obligation: point.obligation ?? '', warning: point.warning, kind: point.kind, incidentId: incident?.id },
        onclick: onOpen,
    },
    incident ? h('span', { class: 'downstream-incident' }, h('span', { class: `level-badge small level-${incident.level}` }, incident.level), ' ', incident.title) : null,
    h('span', { class: 'downstream-name' }, bilingual(pointKinds[point.kind] ?? { zh: '', en: point.kind }), ' ', h('strong', {}, point.name),
        point.party ? ` · ${point.party}` : '', point.distanceKm === null ? '' : ` · ${point.distanceKm} km`),
    point.arrival === null ? null : h('span', { class: 'downstream-arrival', title: clockTime(point.arrival) },
        h('span', { class: 'clock arrival', dataset: { arrival: point.arrival, testid: 'arrival' } }, arrivalText(point.arrival, boardNow())),
        ` · ${clockTime(point.arrival)}`),
    h('span', { class: `downstream-warning warning-${point.warning}`, dataset: { testid: 'warning-state' } }, bilingual(term),
        point.warnBy && ['pending', 'overdue'].includes(point.warning) ? ` · ${t('dueAt', { at: clockTime(point.warnBy) })}` : '',
        point.warnedAt ? ` · ${t('downstream.warnedAt', { at: clockTime(point.warnedAt), to: point.warnedTo ?? '' })}` : '',
        point.acknowledgedAt ? ` · ${t('downstream.acknowledgedAt', { at: clockTime(point.acknowledgedAt), by: point.acknowledgedBy ?? '' })}` : ''),
    controls,
    message);
}

/** The downstream section of an incident's detail. */
export class DownstreamSection {
    #detail;
    #actions;

    constructor(detail) {
        this.#detail = detail;
        this.#actions = new WarningActions({ api: detail.api, act: (...args) => detail.act(...args), redraw: () => detail.render(), mayAct: detail.mayAct });
    }

    reset() {
        this.#actions.reset();
    }

    /** The river's points, or nothing without a spill. */
    section(view) {
        return this.#river(view);
    }

    #row(view, point) {
        return pointRow(point, {
            controls: this.#actions.controls(view.id, point),
            message: point.obligation ? this.#detail.messageAt(`warning:${point.obligation}`) : null,
        });
    }

    /** The warnings to neighbouring areas of an incident crossing a boundary off a river, or nothing. */
    neighbours(view) {
        const lines = (view.neighbours ?? []).map(neighbourPoint);
        return lines.length === 0 ? null : h('section', { class: 'detail-downstream detail-neighbours', dataset: { testid: 'neighbours' } },
            h('h3', {}, t('neighbours.title')),
            h('ol', { class: 'downstream-points' }, lines.map(point => this.#row(view, point))));
    }

    #river(view) {
        const downstream = view.downstream;
        if (!downstream) {
            return null;
        }

        const spill = downstream.spill;
        return h('section', { class: 'detail-downstream', dataset: { testid: 'downstream' } },
            h('h3', {}, t('downstream.title')),
            h('p', { class: 'downstream-spill' }, t('downstream.spill', {
                pollutant: spill.pollutant, mass: spill.massKg, reach: spill.reach, km: spill.positionKm, at: clockTime(spill.at), river: downstream.riverSystem,
            })),
            downstream.reachesAnIntake ? null : h('p', { class: 'warning' }, t('downstream.noIntake')),
            h('ol', { class: 'downstream-points' }, downstream.points.map(point => this.#row(view, point))));
    }
}

/**
  * The downstream lane: every point downstream of every incident shown that has a spill, nearest arrival first, with the
  * warnings to send or acknowledge. The points come from each such incident's view, loaded again when its version moves.
  */
export class DownstreamLane {
    #root;
    #list;
    #api;
    #onOpen;
    #views = new Map();
    #loading = new Set();
    #incidents = [];
    #actions;
    #message = null;

    constructor({ root, list, api, mayAct, onOpen }) {
        this.#root = root;
        this.#list = list;
        this.#api = api;
        this.#onOpen = onOpen;
        this.#actions = new WarningActions({ api, act: (...args) => this.#act(...args), redraw: () => this.render(true), mayAct });
    }

    clear() {
        this.#views.clear();
        this.#incidents = [];
        this.#actions.reset();
        this.#message = null;
        this.render(true);
    }

    /** The incidents shown changed: those with warnings downstream are (re)loaded when their version moved. */
    changed(incidents) {
        this.#incidents = incidents.filter(i => i.obligations.some(o => o.kind === 'warnDownstream' || o.kind === 'warnNeighbour'));
        for (const incident of this.#incidents) {
            const known = this.#views.get(incident.id);
            if ((!known || known.version < incident.version) && !this.#loading.has(incident.id)) {
                this.#load(incident.id);
            }
        }

        this.render();
    }

    async #load(id) {
        this.#loading.add(id);
        try {
            const view = await this.#api.incident(id);
            this.#views.set(id, view);
        } catch {
            // The lane is a convenience: the incident's card and detail show its warnings from the snapshot and the pushes.
        } finally {
            this.#loading.delete(id);
        }

        this.render();
    }

    async #act(what, place, run, done) {
        this.#message = null;
        try {
            const view = await run();
            if (view?.id) {
                this.#views.set(view.id, view);
            }

            done();
            this.#message = { kind: 'done', text: `${what} ✓`, place };
        } catch (error) {
            this.#message = { kind: 'error', text: error instanceof Error ? error.message : String(error), place };
        }

        this.render(true);
    }

    render(force = false) {
        const shown = new Set(this.#incidents.map(i => i.id));
        const rows = [...this.#views.values()]
            .filter(view => shown.has(view.id))
            .flatMap(view => warningLines(view).map(point => ({ view, point })))
            .sort((a, b) => Date.parse(a.point.arrival ?? a.point.warnBy) - Date.parse(b.point.arrival ?? b.point.warnBy));
        const signature = JSON.stringify([rows.map(r => [r.view.id, r.view.version, r.point.point, r.point.obligation]), this.#message, this.#actions.signature, asOf()]);
        this.#root.hidden = rows.length === 0;
        if (!force && this.#list.dataset.signature === signature) {
            tickArrivals(this.#list);
            return;
        }

        this.#list.dataset.signature = signature;
        this.#list.replaceChildren(...rows.map(({ view, point }) => pointRow(point, {
            incident: { id: view.id, level: view.grade.level, title: view.title },
            controls: this.#actions.controls(view.id, point),
            message: this.#message?.place === `warning:${point.obligation}`
                ? h('span', { class: `message message-${this.#message.kind}`, role: this.#message.kind === 'error' ? 'alert' : 'status', dataset: { testid: 'lane-result' } }, this.#message.text)
                : null,
            onOpen: () => this.#onOpen(view.id),
        })));
    }
}
