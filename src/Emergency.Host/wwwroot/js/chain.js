// 逐级上报: the reporting chain of an incident in its detail, each hop from one party to the next with its state, its
// deadline counting down (or overdue) and who sent and received it when; a duty commander records a hop (sent, received,
// by phone or in writing) or its written report after a phone one. The fill carries one Idempotency-Key until it succeeds.

import { newIdempotencyKey } from './api.js';
import { bilingual, h } from './dom.js';
import { t } from './i18n.js';
import { reportMedia } from './terms.js';
import { clockTime, fromZoneInput, serverNow, span, parseTimeSpan, zoneInputValue } from './time.js';

export const hopStatuses = {
    awaiting: { zh: '待上级接收', en: 'Awaiting' },
    pending: { zh: '待报', en: 'Pending' },
    sent: { zh: '已发出', en: 'Sent' },
    overdue: { zh: '迟报', en: 'Overdue' },
    notReceived: { zh: '未收到', en: 'Not received' },
    received: { zh: '已收到', en: 'Received' },
    receivedLate: { zh: '迟收', en: 'Received late' },
    skipped: { zh: '被越过', en: 'Skipped' },
    direct: { zh: '越级报告', en: 'Direct report' },
};

/** A hop still to be recorded, or one phoned in whose written report is owed. */
const recordable = hop => !['received', 'receivedLate', 'direct'].includes(hop.status) || hop.writtenOwed;

export class ChainSection {
    #detail;
    /** The hop being recorded: its id, what was typed, and the fill's key. */
    #form = null;

    constructor(detail) {
        this.#detail = detail;
    }

    reset() {
        this.#form = null;
    }

    section(view) {
        const chain = view.chain ?? [];
        if (chain.length === 0) {
            return null;
        }

        const mayRecord = this.#detail.mayAct && view.allowedMoves.includes('recordHop');
        return h('section', { class: 'detail-chain', dataset: { testid: 'chain' } },
            h('h3', {}, t('chain.title')),
            h('table', {},
                h('thead', {}, h('tr', {}, ['chain.hop', 'chain.state', 'chain.due', 'chain.made', ''].map(key => h('th', { scope: 'col' }, key ? t(key) : '')))),
                h('tbody', {}, chain.map(hop => this.#row(view, hop, mayRecord)))));
    }

    #row(view, hop, mayRecord) {
        const open = hop.status === 'pending' || hop.status === 'overdue';
        const late = parseTimeSpan(hop.lateBy);
        return h('tr', { dataset: { testid: 'hop', hop: hop.id, status: hop.status, hopStatus: hop.status } },
            h('th', { scope: 'row' }, `${hop.fromName} → ${hop.toName}`, hop.required ? null : h('span', { class: 'hint' }, ` (${t('chain.optional')})`)),
            h('td', { class: `status hop-${hop.status}` }, bilingual(hopStatuses[hop.status] ?? { zh: '', en: hop.status }),
                open && hop.dueAt ? h('span', { class: 'clock', dataset: { due: hop.dueAt } }) : null,
                hop.writtenOwed ? h('div', { class: 'warning' }, t('chain.writtenOwed')) : null),
            h('td', {}, hop.dueAt ? clockTime(hop.dueAt) : '—', hop.deadlineBasis ? h('div', { class: 'basis' }, hop.deadlineBasis) : null),
            h('td', {},
                hop.sentAt ? h('div', {}, t('chain.sentBy', { at: clockTime(hop.sentAt), by: hop.sentBy ?? '' }), hop.medium ? ` · ${bilingual(reportMedia[hop.medium] ?? { zh: '', en: hop.medium }).textContent}` : '') : null,
                hop.receivedAt ? h('div', {}, t('chain.receivedBy', { at: clockTime(hop.receivedAt), by: hop.receivedBy ?? '' })) : null,
                hop.writtenAt ? h('div', {}, t('chain.writtenAt', { at: clockTime(hop.writtenAt) })) : null,
                hop.skippedBy ? h('div', { class: 'warning' }, t('chain.skippedBy', { by: hop.skippedBy })) : null,
                !Number.isNaN(late) ? h('div', { class: 'late' }, t('chain.lateBy', { late: span(late) })) : null),
            h('td', { class: 'actions' }, mayRecord && recordable(hop) ? this.#controls(view, hop) : null, this.#detail.messageAt(`hop:${hop.id}`)));
    }

    #controls(view, hop) {
        if (this.#form?.hop !== hop.id) {
            return h('button', {
                type: 'button', class: 'action', disabled: this.#detail.busy, dataset: { action: 'record-hop', hop: hop.id },
                onclick: () => {
                    const now = zoneInputValue(serverNow());
                    this.#form = {
                        hop: hop.id, key: newIdempotencyKey(), max: now, sentAt: hop.sentAt ? zoneInputValue(Date.parse(hop.sentAt)) : now, receivedAt: '',
                        medium: hop.writtenOwed ? 'written' : 'phone', sentBy: hop.sentBy ?? '', receivedBy: '', note: '',
                    };
                    this.#detail.render();
                },
            }, hop.writtenOwed ? t('chain.recordWritten') : t('chain.record'));
        }

        const form = this.#form;
        const input = (name, attributes = {}) => h('input', {
            name: `${name}-${hop.id}`, value: form[name], ...attributes, oninput: event => { form[name] = event.target.value; },
        });
        const field = (name, input) => h('label', { class: 'field' }, h('span', {}, t(`chain.${name}`)), input);
        return h('div', { class: 'confirm hop-form', dataset: { testid: 'hop-form' } },
            field('sentAt', input('sentAt', { type: 'datetime-local', required: true, max: form.max })),
            field('receivedAt', input('receivedAt', { type: 'datetime-local', max: form.max })),
            field('medium', h('select', { name: `medium-${hop.id}`, onchange: event => { form.medium = event.target.value; } },
                ['phone', 'written'].map(m => h('option', { value: m, selected: form.medium === m }, bilingual(reportMedia[m]).textContent)))),
            field('sender', input('sentBy', { required: true, autocomplete: 'name' })),
            field('receiver', input('receivedBy', { autocomplete: 'off' })),
            field('note', input('note', { autocomplete: 'off' })),
            h('button', {
                type: 'button', class: 'action primary', disabled: this.#detail.busy, dataset: { action: 'confirm-hop', hop: hop.id },
                onclick: () => this.#detail.act(t('chain.recorded'), `hop:${hop.id}`, () => {
                    const sent = fromZoneInput(form.sentAt);
                    const received = form.receivedAt ? fromZoneInput(form.receivedAt) : null;
                    if (Number.isNaN(sent) || sent > serverNow() || (received !== null && (Number.isNaN(received) || received > serverNow()))) {
                        throw new Error(t('complete.future'));
                    }

                    return this.#detail.api.move(view.id, 'recordHop', {
                        hop: hop.id,
                        sentAt: new Date(sent).toISOString(),
                        receivedAt: received === null ? null : new Date(received).toISOString(),
                        medium: form.medium,
                        sentBy: form.sentBy.trim(),
                        receivedBy: form.receivedBy.trim() || null,
                        note: form.note.trim() || null,
                    }, form.key);
                }, () => {
                    this.#form = null;
                }),
            }, t('chain.confirm')),
            h('button', {
                type: 'button', class: 'action secondary', dataset: { action: 'cancel' },
                onclick: () => {
                    this.#form = null;
                    this.#detail.render();
                },
            }, t('register.cancel')));
    }
}
