// One incident in full: grade, obligations, reports and timeline, and, for a duty commander, the moves the
// procedure allows now (complete a step, file a report, close). Other roles get no action at all: the
// controls are not drawn, and the engine refuses such commands anyway.

import { newIdempotencyKey } from './api.js';
import { ChainSection } from './chain.js';
import { bilingual, h } from './dom.js';
import { DownstreamSection, tickArrivals } from './downstream.js';
import { FactsUpdate } from './facts.js';
import { ReleasesSection } from './releases.js';
import { TimelinePage, timelineSection } from './timeline.js';
import { tick } from './render.js';
import {
    both, correctionKinds, levels, obligations as obligationTerms, phases, reportKinds, reportMedia, statuses,
} from './terms.js';
import { t } from './i18n.js';
import { clockTime, fromZoneInput, fullTime, parseTimeSpan, serverNow, span, syncToSnapshot, zoneInputValue } from './time.js';

const CommanderRole = 'dutyCommander';

export class IncidentDetail {
    #dialog;
    #api;
    #role;
    #view = null;
    #id = null;
    /** The timeline's entries loaded before the view's newest ones, by seq. */
    #olderEntries = new Map();
    #confirming = null;
    #busy = false;
    #message = null;
    #reportKind = null;
    /** The report form's fill: one Idempotency-Key from its first submission until one succeeds. */
    #reportKey = newIdempotencyKey();
    #messagePlaced = false;
    #listening = new AbortController();
    #onDrill;
    /** The sections of the coordination and information moves, each in its own module, sharing this detail's runner. */
    #parts;

    /** `onDrill`: whether the board shows a drill, whose clock only the drill's snapshot sets. */
    constructor(dialog, api, role, onDrill = () => false) {
        this.#dialog = dialog;
        this.#api = api;
        this.#role = role;
        this.#onDrill = onDrill;
        const detail = this;
        const shared = {
            api, dialog,
            get mayAct() { return detail.#mayAct; },
            get busy() { return detail.#busy; },
            get view() { return detail.#view; },
            act: (...args) => this.#act(...args),
            messageAt: place => this.#messageAt(place),
            render: () => this.#render(),
        };
        this.#parts = { facts: new FactsUpdate(shared), chain: new ChainSection(shared), downstream: new DownstreamSection(shared), releases: new ReleasesSection(shared) };
        dialog.addEventListener('close', () => {
            this.#id = null;
            this.#view = null;
            dialog.replaceChildren();
        }, { signal: this.#listening.signal });
    }

    /** Signing out: the dialog stays in the page for the next user, this detail lets go of it. */
    dispose() {
        this.close();
        this.#listening.abort();
    }

    get openId() {
        return this.#id;
    }

    get #mayAct() {
        return this.#role === CommanderRole;
    }

    async open(id) {
        this.#id = id;
        this.#view = null;
        this.#olderEntries = new Map();
        this.#confirming = null;
        this.#message = null;
        this.#reportKind = null;
        this.#reportKey = newIdempotencyKey();
        Object.values(this.#parts).forEach(part => part.reset());
        this.#render();
        if (!this.#dialog.open) {
            this.#dialog.showModal();
        }

        await this.refresh();
    }

    close() {
        if (this.#dialog.open) {
            this.#dialog.close();
        }
    }

    /** Reloads the incident (after a push for it, or an action); keeps a half-filled form as it is. */
    async refresh() {
        const id = this.#id;
        if (!id) {
            return;
        }

        const sentAt = Date.now();
        try {
            const view = await this.#api.incident(id);
            if (this.#id !== id) {
                return;
            }

            // An incident's view is counted on the engine's clock: on a drill board only the drill's snapshot sets the clock.
            if (!this.#onDrill()) {
                syncToSnapshot(view.asOf, sentAt, Date.now());
            }

            this.#view = view;
        } catch (error) {
            if (this.#id !== id) {
                return;
            }

            this.#message = { kind: 'error', text: error.message, place: 'top' };
        }

        this.#render();
    }

    /** A newer version of the open incident was pushed. */
    changed(summary) {
        if (summary.id === this.#id && (!this.#view || summary.version > this.#view.version)) {
            this.refresh();
        }
    }

    /**
      * Runs a move; its result (done, or the engine's problem detail) shows at `place`, beside the control that
      * made it: 'report', an obligation's id, or 'close'. A refused or unanswered move keeps what was typed.
      */
    async #act(what, place, run, done = () => {}) {
        if (this.#busy) {
            return;
        }

        this.#busy = true;
        this.#message = null;
        this.#render();
        try {
            this.#view = await run();
            this.#confirming = null;
            done();
            this.#message = { kind: 'done', text: `${what} ✓`, place };
            return true;
        } catch (error) {
            this.#message = { kind: 'error', text: error instanceof Error ? error.message : String(error), place };
            return false;
        } finally {
            this.#busy = false;
            this.#render();
        }
    }

    /** Loads the page of the timeline before the entry numbered `before`, and shows it with the rest. */
    async #loadEarlier(before) {
        const id = this.#id;
        try {
            const page = await this.#api.incidentTimeline(id, before, TimelinePage);
            if (this.#id !== id) {
                return;
            }

            page.entries.forEach(entry => this.#olderEntries.set(entry.seq, entry));
        } catch (error) {
            this.#message = { kind: 'error', text: error.message, place: 'top' };
        }

        this.#render();
    }

    #render() {
        const view = this.#view;
        const focusedName = document.activeElement?.closest('dialog') === this.#dialog ? document.activeElement.name : null;
        const form = this.#dialog.querySelector('form.report-form');
        const factsForm = this.#dialog.querySelector('form.facts-form');
        this.#messagePlaced = false;
        const parts = this.#parts;
        const sections = view
            ? [this.#summary(view), parts.facts.section(view, factsForm), this.#obligations(view), parts.chain.section(view), parts.downstream.section(view), parts.downstream.neighbours(view),
                parts.releases.section(view), this.#corrections(view), this.#reports(view, form), this.#closing(view),
                timelineSection(view, this.#olderEntries, before => this.#loadEarlier(before))]
            : [];
        const children = [
            h('header', { class: 'detail-head' },
                view ? h('span', { class: `level-badge level-${view.grade.level}` }, view.grade.level) : null,
                h('div', { class: 'detail-heading' },
                    h('h2', { dataset: { testid: 'detail-title' } }, view ? view.title : '…'),
                    view ? h('p', { class: 'detail-meta' },
                        bilingual(levels[view.grade.level] ?? { zh: '', en: '' }), ' · ', view.region, ' · ',
                        bilingual(phases[view.phase] ?? { zh: '', en: view.phase })) : null),
                h('button', { type: 'button', class: 'close-panel', 'aria-label': '关闭 Close panel', onclick: () => this.close() }, '×')),
            // A result whose control is gone (the form after a final report, the close button once closed) shows here.
            this.#messagePlaced ? null : this.#messageAt(this.#message?.place),
            ...sections,
        ];
        this.#dialog.replaceChildren(...children.filter(Boolean));
        tick(this.#dialog);
        tickArrivals(this.#dialog);
        if (focusedName) {
            this.#dialog.querySelector(`[name="${focusedName}"]`)?.focus();
        }
    }

    /** The result of the last move, if it belongs at `place`. */
    #messageAt(place) {
        const message = this.#message;
        if (!message || message.place !== place) {
            return null;
        }

        this.#messagePlaced = true;
        return h('p', {
            class: `message message-${message.kind}`,
            role: message.kind === 'error' ? 'alert' : 'status',
            dataset: { testid: message.kind === 'error' ? 'detail-error' : 'detail-done' },
        }, message.text);
    }

    #summary(view) {
        return h('section', { class: 'detail-summary' },
            h('dl', {},
                h('dt', {}, '发现 Discovered'), h('dd', {}, fullTime(view.discoveredAt)),
                h('dt', {}, '接报 Registered'), h('dd', {}, `${fullTime(view.registeredAt)} · ${view.registeredBy}`),
                h('dt', {}, '定级 Grade'), h('dd', {},
                    `${view.grade.level}${view.grade.unclear ? ' (待定 unclear)' : ''} · ${view.grade.leadAuthority} · ${view.ruleSetId}`,
                    h('ul', { class: 'reasons' }, view.grade.reasons.map(r => h('li', {}, r)))),
                view.description ? [h('dt', {}, '情况 Description'), h('dd', {}, view.description)] : null),
            view.writtenReportOutstanding
                ? h('p', { class: 'warning' }, '电话初报后尚未书面报告 A phone report awaits its written report')
                : null);
    }

    #obligations(view) {
        const rows = view.obligations.map(o => {
            const term = obligationTerms[o.kind] ?? { zh: o.kind, en: o.title };
            const open = o.status === 'pending' || o.status === 'overdue';
            const late = parseTimeSpan(o.lateBy);
            return h('tr', { dataset: { testid: 'detail-obligation', obligation: o.id, status: o.status } },
                h('th', { scope: 'row' }, bilingual(term)),
                h('td', { class: `status status-${o.status}` },
                    h('span', { dataset: { status: o.status } }, bilingual(statuses[o.status] ?? { zh: '', en: o.status })),
                    open ? h('span', { class: 'clock', dataset: { due: o.dueAt, overdueSince: o.overdueSince ?? undefined } }) : null),
                h('td', {}, clockTime(o.dueAt), h('div', { class: 'basis' }, o.deadlineBasis)),
                h('td', {}, o.completedAt
                    ? [`${clockTime(o.completedAt)} · ${o.completedBy ?? ''}`,
                        !Number.isNaN(late) ? h('div', { class: 'late' }, `迟 late by ${span(late)}`) : null,
                        o.notified ? h('div', { class: 'notified' }, `通报 notified: ${o.notified}`) : null,
                        o.note ? h('div', { class: 'note' }, o.note) : null]
                    : '—',
                (o.shownFalse ?? []).map(f => h('div', { class: 'shown-false', dataset: { testid: 'shown-false' } },
                    h('s', {}, clockTime(f.completedAt)), ` 不实 shown untrue ${clockTime(f.knownAt)} (#${f.correction})`))),
                h('td', { class: 'actions' }, this.#completeControls(view, o), this.#messageAt(`step:${o.id}`)));
        });
        return h('section', { class: 'detail-obligations' },
            h('h3', {}, '五个第一时间 First-moment obligations'),
            h('table', {},
                h('thead', {}, h('tr', {},
                    ['事项 Obligation', '状态 State', '时限 Deadline', '完成 Done', ''].map(t => h('th', { scope: 'col' }, t)))),
                h('tbody', {}, rows)));
    }

    #completeControls(view, o) {
        if (!this.#mayAct || !view.allowedMoves.includes(`completeObligation(${o.kind})`)) {
            return null;
        }

        const term = obligationTerms[o.kind] ?? { zh: o.kind, en: o.kind };
        if (this.#confirming?.obligation !== o.id) {
            return h('button', {
                type: 'button',
                class: 'action',
                disabled: this.#busy,
                dataset: { action: 'complete', obligation: o.id },
                onclick: () => {
                    // When it was done defaults to now; an officer recording it later gives the moment it really happened.
                    const now = zoneInputValue(serverNow());
                    this.#confirming = { obligation: o.id, note: '', key: newIdempotencyKey(), at: now, max: now };
                    this.#render();
                },
            }, `完成 Complete`);
        }

        const notified = o.kind === 'notifyNeighbours' ? h('input', {
            name: `notified-${o.id}`,
            type: 'text',
            required: true,
            placeholder: '通报对象 Who was notified',
            'aria-label': `通报对象 Who was notified for ${term.en}`,
            value: this.#confirming.notified ?? '',
            oninput: event => {
                this.#confirming.notified = event.target.value;
            },
        }) : null;
        const note = h('input', {
            name: `note-${o.id}`,
            type: 'text',
            placeholder: '备注 Note (optional)',
            'aria-label': `备注 Note for ${term.en}`,
            value: this.#confirming.note,
            oninput: event => {
                this.#confirming.note = event.target.value;
            },
        });
        const at = h('label', { class: 'done-at' }, h('span', {}, t('complete.at')), h('input', {
            name: `at-${o.id}`,
            type: 'datetime-local',
            required: true,
            max: this.#confirming.max,
            value: this.#confirming.at,
            dataset: { testid: 'complete-at' },
            oninput: event => {
                this.#confirming.at = event.target.value;
            },
        }));
        return h('div', { class: 'confirm' },
            at,
            notified,
            note,
            h('button', {
                type: 'button',
                class: 'action primary',
                disabled: this.#busy,
                dataset: { action: 'confirm-complete', obligation: o.id },
                onclick: () => this.#act(`${term.zh} ${term.en}`, `step:${o.id}`, () => {
                    // Left at its default, the moment is the engine's now to the second, not the minute the input shows.
                    const given = this.#confirming?.at === this.#confirming?.max ? null : fromZoneInput(this.#confirming?.at);
                    if (given !== null && (Number.isNaN(given) || given > serverNow())) {
                        throw new Error(t('complete.future'));
                    }

                    return this.#api.completeObligation(view.id, o.id, this.#confirming?.note, this.#confirming?.notified, this.#confirming?.key,
                        given === null ? null : new Date(given).toISOString());
                }),
            }, `确认完成 Confirm ${term.en}`),
            h('button', {
                type: 'button',
                class: 'action secondary',
                dataset: { action: 'cancel' },
                onclick: () => {
                    this.#confirming = null;
                    this.#render();
                },
            }, '取消 Cancel'));
    }

    /** 谎报/瞒报/漏报: every report, claim or step shown untrue, for good. */
    #corrections(view) {
        const corrections = view.corrections ?? [];
        if (corrections.length === 0) {
            return null;
        }

        return h('section', { class: 'detail-corrections' },
            h('h3', {}, '谎报/瞒报/漏报 False, concealed and omitted reports'),
            h('ol', { class: 'corrections' }, corrections.map(c => h('li', {
                class: 'warning',
                dataset: { testid: 'correction', kind: c.kind, concerns: c.concerns },
            },
            h('strong', {}, bilingual(correctionKinds[c.kind] ?? { zh: '', en: c.kind })),
            ` · ${c.concerns} (${clockTime(c.concernsAt)}) · 知悉 known ${clockTime(c.knownAt)} · ${c.recordedBy}`,
            h('dl', {},
                h('dt', {}, '声称 Declared'), h('dd', { dataset: { testid: 'declared' } }, c.declared),
                h('dt', {}, '实际 Real'), h('dd', { dataset: { testid: 'actual' } }, c.actual)),
            c.note ? h('p', { class: 'note' }, c.note) : null))));
    }

    #reports(view, previousForm) {
        const shownUntrue = number => (view.corrections ?? []).filter(c => c.report === number);
        const list = view.reports.length === 0
            ? h('p', { class: 'empty' }, '尚无报告 No report filed yet')
            : h('ol', { class: 'reports' }, view.reports.map(r => h('li', { dataset: { testid: 'report', kind: r.kind, corrected: String(shownUntrue(r.number).length > 0) } },
                h('strong', {}, bilingual(reportKinds[r.kind] ?? { zh: '', en: r.kind })),
                shownUntrue(r.number).map(c => h('span', { class: 'warning' }, ` ${bilingual(correctionKinds[c.kind] ?? { zh: '', en: c.kind })} #${c.number}`)),
                ` · ${both(reportMedia, r.medium)} · ${r.level} · ${clockTime(r.at)} · ${r.signedOffBy} · ${r.contact}`,
                h('p', {}, r.content))));
        return h('section', { class: 'detail-reports' },
            h('h3', {}, '报告 Reports'),
            list,
            this.#reportForm(view, previousForm));
    }

    #reportForm(view, previousForm) {
        const kinds = ['initial', 'followUp', 'final'].filter(kind => view.allowedMoves.includes(`reports(${kind})`));
        if (!this.#mayAct || kinds.length === 0) {
            return null;
        }

        // A form half filled in survives a re-render (a push for this incident arrives while typing).
        const kept = name => previousForm?.elements.namedItem(name)?.value ?? '';
        const kind = kinds.includes(this.#reportKind) ? this.#reportKind : (kinds.includes('followUp') ? 'followUp' : kinds[0]);
        const field = (name, label, input) => h('label', {}, h('span', {}, label), input);
        const form = h('form', {
            class: 'report-form',
            dataset: { action: 'file-report' },
            onsubmit: async event => {
                event.preventDefault();
                const data = new FormData(event.target);
                const report = {
                    kind: data.get('kind'),
                    medium: data.get('medium'),
                    signedOffBy: data.get('signedOffBy'),
                    contact: data.get('contact'),
                    content: data.get('content'),
                };
                const term = reportKinds[report.kind] ?? { zh: '', en: report.kind };
                // Only a success ends the fill: the form is emptied and the next report gets a key of its own.
                await this.#act(`${term.zh} ${term.en}`, 'report-form', () => this.#api.fileReport(view.id, report, this.#reportKey), () => {
                    this.#reportKey = newIdempotencyKey();
                    this.#dialog.querySelector('form.report-form')?.reset();
                });
            },
        },
        h('h4', {}, '新报告 New report'),
        field('kind', '类型 Kind', h('select', {
            name: 'kind',
            onchange: event => {
                this.#reportKind = event.target.value;
            },
        }, kinds.map(k => h('option', { value: k, selected: k === kind }, `${reportKinds[k].zh} ${reportKinds[k].en}`)))),
        field('medium', '方式 Medium', h('select', { name: 'medium' },
            ['written', 'phone'].map(m => h('option', { value: m, selected: (kept('medium') || 'written') === m }, both(reportMedia, m))))),
        field('signedOffBy', '签发人 Signed off by',
            h('input', { name: 'signedOffBy', required: true, value: kept('signedOffBy'), autocomplete: 'name' })),
        field('contact', '联系方式 Contact',
            h('input', { name: 'contact', required: true, value: kept('contact'), autocomplete: 'tel' })),
        field('content', '内容 Content',
            h('textarea', { name: 'content', required: true, rows: 3, value: kept('content') })),
        h('button', { type: 'submit', class: 'action primary', disabled: this.#busy, dataset: { action: 'submit-report' } },
            '提交报告 File report'),
        this.#messageAt('report-form'));
        return form;
    }

    #closing(view) {
        if (!this.#mayAct || !view.allowedMoves.includes('close')) {
            return null;
        }

        const confirming = this.#confirming?.close === true;
        return h('section', { class: 'detail-close' },
            confirming
                ? [h('span', {}, '结案后不可再修改 Once closed the incident leaves the board. '),
                    h('button', {
                        type: 'button', class: 'action danger', disabled: this.#busy, dataset: { action: 'confirm-close' },
                        onclick: () => this.#act('结案 Closed', 'close', () => this.#api.close(view.id, this.#confirming?.key)),
                    }, '确认结案 Confirm close'),
                    h('button', {
                        type: 'button', class: 'action secondary', dataset: { action: 'cancel' },
                        onclick: () => {
                            this.#confirming = null;
                            this.#render();
                        },
                    }, '取消 Cancel')]
                : h('button', {
                    type: 'button', class: 'action danger', disabled: this.#busy, dataset: { action: 'close' },
                    onclick: () => {
                        this.#confirming = { close: true, key: newIdempotencyKey() };
                        this.#render();
                    },
                }, '结案 Close incident'),
            this.#messageAt('close'));
    }
}
