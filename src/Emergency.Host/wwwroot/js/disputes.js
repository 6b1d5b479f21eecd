// The disputes lane: open petitions and complaints (信访, 12369) with their next limit counting down or overdue,
// the early warnings (预警), and the efficiency supervision figures. It draws what the board's store holds of the
// disputes and warnings (the store keeps them by the version rule). A summary never carries personal data.

import { newIdempotencyKey } from './api.js';
import { h } from './dom.js';
import { t } from './i18n.js';
import { asOf, boardNow, countdown, hoursMinutes, span } from './time.js';

export const channels = {
    visit: { zh: '走访', en: 'Visit' },
    letter: { zh: '来信', en: 'Letter' },
    online: { zh: '网上', en: 'Online' },
    hotline12369: { zh: '12369', en: 'Hotline' },
};

const disputePhases = {
    registered: '登记 Registered',
    accepted: '受理 Accepted',
    notAccepted: '不予受理 Not accepted',
    transferredOut: '转送 Transferred',
    returned: '退回 Returned',
    assigned: '交办 Assigned',
    handled: '办理 Handled',
    replied: '答复 Replied',
    underReview: '复查 Under review',
    reviewed: '已复查 Reviewed',
    underSecondReview: '复核 Second review',
    secondReviewed: '已复核 Second reviewed',
    closed: '结案 Closed',
};

/** Supervision figures are reloaded at most this often while pushes arrive. */
const SupervisionEverySeconds = 10;

const percent = rate => (rate === null || rate === undefined ? '—' : `${Math.round(rate * 1000) / 10} %`);

/** The open obligation that matters most now: the longest overdue, else the next to fall due. */
function nextLimit(dispute, now) {
    const open = (dispute.obligations ?? []).filter(o => o.status === 'pending' || o.status === 'overdue');
    const overdue = open.filter(o => o.status === 'overdue' || Date.parse(o.overdueSince ?? o.dueAt) < now);
    if (overdue.length > 0) {
        const worst = overdue.reduce((a, b) => (Date.parse(a.overdueSince ?? a.dueAt) <= Date.parse(b.overdueSince ?? b.dueAt) ? a : b));
        return { obligation: worst, overdue: true, ms: now - Date.parse(worst.overdueSince ?? worst.dueAt) };
    }

    if (open.length === 0) {
        return null;
    }

    const first = open.reduce((a, b) => (Date.parse(a.dueAt) <= Date.parse(b.dueAt) ? a : b));
    return { obligation: first, overdue: false, ms: Date.parse(first.dueAt) - now };
}

/** The limit's countdown, or, on a board that is not live, only its state as of the moment the feed was lost. */
function limitText(limit) {
    const frozen = asOf();
    if (frozen !== null) {
        return t(limit.overdue ? 'overdueAsOf' : 'asOf', { at: hoursMinutes(frozen) });
    }

    return limit.overdue ? `超时 overdue ${span(limit.ms)}` : countdown(limit.ms);
}

export class DisputeLane {
    #root;
    #api;
    #store;
    #scope = 'live';
    #supervision = null;
    #supervisionAt = 0;
    #supervisionLoading = false;
    #supervisionTimer = null;
    #role;
    /** 预警升级 being confirmed or sent: the warning, the confirmation's Idempotency-Key, and the result to show beside it. */
    #escalation = null;

    /**
      * @param {object} options
      * @param {HTMLElement} options.root   the lane: holds #disputes, #warnings, #supervision, #dispute-count, #no-disputes
      * @param {import('./api.js').Api} options.api
      * @param {import('./store.js').CaseStore} options.store
      * @param {string} [options.role]   the reader's role: a duty commander may escalate a warning into an incident
      */
    constructor({ root, api, store, role = '' }) {
        this.#root = root;
        this.#api = api;
        this.#store = store;
        this.#role = role;
    }

    /** A snapshot of /api/board loaded: the supervision figures of its scope follow at once. */
    loaded(snapshot) {
        this.#scope = snapshot.scope ?? 'live';
        this.#loadSupervision(true);
    }

    /** A dispute or a warning changed: the lane is drawn again, the figures follow within their interval. */
    changed() {
        this.#loadSupervision(false);
        this.render();
    }

    clear() {
        clearTimeout(this.#supervisionTimer);
        this.#supervisionTimer = null;
        this.#supervision = null;
        this.render();
    }

    /** Draws the lane against the server's clock; called on every change and once a second. */
    render() {
        const now = boardNow();
        const rows = this.#store.cases('dispute').map(d => ({ dispute: d, limit: nextLimit(d, now) }));
        rows.sort((a, b) => (b.limit?.overdue ?? false) - (a.limit?.overdue ?? false)
            || (a.limit?.overdue ? b.limit.ms - a.limit.ms : (a.limit?.ms ?? Infinity) - (b.limit?.ms ?? Infinity)));
        const overdue = rows.filter(r => r.limit?.overdue).length;
        const limit = this.#store.laneLimit;
        const part = this.#store.complete('dispute') ? '' : ` · 仅显示最紧急的 ${limit} 件 the ${limit} most urgent only`;
        this.#part('dispute-count').textContent = `${rows.length} · 超时 overdue ${overdue}${part}`;
        this.#part('no-disputes').hidden = rows.length > 0;
        this.#part('disputes').replaceChildren(...rows.map(r => this.#row(r.dispute, r.limit)));
        this.#renderWarnings();
        this.#renderSupervision();
    }

    #row(dispute, limit) {
        const channel = channels[dispute.channel] ?? { zh: dispute.channel, en: '' };
        const subject = [dispute.subject?.enterprise, dispute.subject?.place].filter(Boolean).join(' · ') || dispute.subject?.region;
        const clock = limit === null
            ? h('span', { class: 'dispute-clock', 'data-testid': 'dispute-clock' }, '—')
            : h('time', { class: 'dispute-clock', 'data-testid': 'dispute-clock', dateTime: limit.obligation.overdueSince ?? limit.obligation.dueAt },
                limitText(limit));
        return h('li', {
            class: `dispute${limit?.overdue ? ' overdue' : ''}`,
            'data-dispute-id': dispute.id,
            'data-state': limit === null ? 'none' : limit.overdue ? 'overdue' : 'pending',
        },
        h('span', { class: 'channel', 'data-testid': 'dispute-channel', title: channel.en }, channel.zh),
        h('span', { class: 'subject', 'data-testid': 'dispute-subject' }, subject),
        h('span', { class: 'unit', 'data-testid': 'dispute-unit' }, dispute.assignedUnit ?? dispute.unit),
        h('span', { class: 'phase' }, disputePhases[dispute.phase] ?? dispute.phase),
        h('span', { class: 'limit', title: limit?.obligation.title ?? '' }, limit?.obligation.title ?? '', ' ', clock));
    }

    /** The warnings, redrawn only when they or an escalation's state changed, so that a click is never drawn away. */
    #renderWarnings() {
        const warnings = this.#store.cases('warning').sort((a, b) => Date.parse(b.raisedAt) - Date.parse(a.raisedAt));
        const list = this.#part('warnings');
        const signature = JSON.stringify([warnings.map(w => [w.id, w.version, w.escalation?.incidentId ?? null]), this.#escalation, asOf()]);
        if (list.dataset.signature !== signature) {
            list.dataset.signature = signature;
            list.replaceChildren(...warnings.map(w => this.#warning(w)));
        }
    }

    #warning(warning) {
        const escalated = warning.escalation ? ` → ${warning.escalation.incidentId}` : '';
        return h('li', { class: `warning${warning.escalation ? ' escalated' : ''}`, 'data-warning-id': warning.id },
            h('strong', {}, '预警 Warning '),
            `${warning.subject}: ${warning.evidence.length} 件投诉 complaints`,
            h('span', { class: 'since', 'data-since': warning.raisedAt }, span(boardNow() - Date.parse(warning.raisedAt))),
            escalated ? h('span', { class: 'escalation' }, `已升级 escalated${escalated}`) : '',
            warning.escalation ? null : this.#escalateControls(warning),
            this.#escalation?.id === warning.id && this.#escalation.message
                ? h('p', {
                    class: `message message-${this.#escalation.message.kind}`,
                    role: this.#escalation.message.kind === 'error' ? 'alert' : 'status',
                    dataset: { testid: 'escalate-result' },
                }, this.#escalation.message.text)
                : null);
    }

    /** 预警升级: a duty commander turns a warning into an incident, after confirming; one key per confirmation. */
    #escalateControls(warning) {
        if (this.#role !== 'dutyCommander' || this.#scope !== 'live') {
            return null;
        }

        const state = this.#escalation?.id === warning.id ? this.#escalation : null;
        if (!state?.confirming) {
            return h('button', {
                type: 'button',
                class: 'action secondary',
                dataset: { action: 'escalate-warning', warning: warning.id },
                onclick: () => {
                    this.#escalation = { id: warning.id, key: newIdempotencyKey(), confirming: true, busy: false, message: null };
                    this.render();
                },
            }, t('escalate'));
        }

        return h('span', { class: 'confirm' },
            h('button', {
                type: 'button',
                class: 'action primary',
                disabled: state.busy,
                dataset: { action: 'confirm-escalate', warning: warning.id },
                onclick: () => this.#escalate(state),
            }, t('escalateConfirm')),
            h('button', {
                type: 'button',
                class: 'action secondary',
                dataset: { action: 'cancel' },
                onclick: () => {
                    this.#escalation = null;
                    this.render();
                },
            }, t('register.cancel')));
    }

    async #escalate(state) {
        state.busy = true;
        state.message = null;
        this.render();
        try {
            const warning = await this.#api.escalateWarning(state.id, state.key);
            this.#escalation = { id: state.id, confirming: false, busy: false, message: { kind: 'done', text: t('escalated', { incident: warning?.escalation?.incidentId ?? '' }) } };
        } catch (error) {
            state.busy = false;
            state.message = { kind: 'error', text: error.message };
        }

        this.render();
    }

    #renderSupervision() {
        const target = this.#part('supervision');
        const s = this.#supervision;
        if (!s) {
            target.replaceChildren();
            return;
        }

        const counted = s.rates.reduce((sum, r) => ({
            acceptance: sum.acceptance + r.acceptanceCounted,
            acceptedOnTime: sum.acceptedOnTime + r.acceptedOnTime,
            completion: sum.completion + r.completionCounted,
            completedOnTime: sum.completedOnTime + r.completedOnTime,
        }), { acceptance: 0, acceptedOnTime: 0, completion: 0, completedOnTime: 0 });
        const rate = (part, all) => (all === 0 ? null : part / all);
        target.replaceChildren(
            h('span', { 'data-testid': 'supervision-acceptance' }, `按时受理 On-time acceptance ${percent(rate(counted.acceptedOnTime, counted.acceptance))}`),
            h('span', { 'data-testid': 'supervision-completion' }, `按时办结 On-time completion ${percent(rate(counted.completedOnTime, counted.completion))}`),
            h('span', { 'data-testid': 'supervision-overdue' }, `超时 Overdue ${s.overdueCount}`));
    }

    async #loadSupervision(now) {
        const wait = this.#supervisionAt + SupervisionEverySeconds * 1000 - Date.now();
        if (!now && wait > 0) {
            // Changes keep coming: the figures follow once the interval is over, not never.
            this.#supervisionTimer ??= setTimeout(() => {
                this.#supervisionTimer = null;
                this.#loadSupervision(true);
            }, wait);
            return;
        }

        if (this.#supervisionLoading) {
            return;
        }

        this.#supervisionLoading = true;
        try {
            this.#supervision = await this.#api.get(`/api/supervision?scope=${encodeURIComponent(this.#scope)}`);
            this.#supervisionAt = Date.now();
            this.#renderSupervision();
        } catch {
            // The figures are a convenience: the lane itself comes from the snapshot and the pushes.
        } finally {
            this.#supervisionLoading = false;
        }
    }

    #part(id) {
        return this.#root.querySelector(`#${id}`);
    }
}
