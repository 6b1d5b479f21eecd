// 警报确认: a duty commander takes on an alert (a step overdue, or due within the hour) from the alerts lane. Who took it on
// and when is the engine's (the move acknowledgeAlert records both, in the timeline); every reader sees it on the alert.
// An acknowledgement made while the step was due soon does not cover it once overdue: the overdue alert is new.

import { newIdempotencyKey } from './api.js';
import { h } from './dom.js';
import { t } from './i18n.js';
import { clockTime } from './time.js';

export class AlertAcknowledgements {
    #api;
    #mayAct;
    #redraw;
    /** Per alert ("incident/obligation/overdue"): the key of the click being sent, and the result to show beside it. */
    #sending = new Map();

    /**
      * @param {import('./api.js').Api} api
      * @param {boolean} mayAct   a duty commander: the others see who acknowledged, no button
      * @param {() => void} redraw   draws the lane again
      */
    constructor(api, mayAct, redraw) {
        this.#api = api;
        this.#mayAct = mayAct;
        this.#redraw = redraw;
    }

    /** What the lane's signature must include, so that a result or an acknowledgement redraws it. */
    signature() {
        return [...this.#sending].map(([id, s]) => `${id}:${s.busy}:${s.message?.text ?? ''}`).join(',');
    }

    /** Who acknowledged the alert (if it is acknowledged in its present state), or the button to acknowledge it. */
    control(incident, o, overdue) {
        const id = `${incident.id}/${o.id}/${overdue}`;
        const state = this.#sending.get(id);
        const acknowledged = o.acknowledged && o.acknowledged.overdue === overdue ? o.acknowledged : null;
        const result = state?.message
            ? h('span', { class: `message message-${state.message.kind}`, role: state.message.kind === 'error' ? 'alert' : 'status', dataset: { testid: 'acknowledge-result' } }, state.message.text)
            : null;
        if (acknowledged) {
            return h('span', { class: 'alert-acknowledged', dataset: { testid: 'alert-acknowledged' } },
                t('alert.acknowledgedBy', { by: acknowledged.by, at: clockTime(acknowledged.at) }), result);
        }

        if (!this.#mayAct) {
            return result;
        }

        return h('span', { class: 'alert-acknowledge' },
            h('button', {
                type: 'button',
                class: 'action secondary small',
                disabled: state?.busy === true,
                dataset: { action: 'acknowledge-alert', incidentId: incident.id, obligation: o.id },
                onclick: event => {
                    event.stopPropagation();
                    this.#acknowledge(id, incident.id, o.id);
                },
            }, t('alert.acknowledge')),
            result);
    }

    async #acknowledge(id, incidentId, obligation) {
        // A click sent again after a lost answer is the same acknowledgement: one key until one succeeds.
        const state = this.#sending.get(id) ?? { key: newIdempotencyKey() };
        if (state.busy) {
            return;
        }

        state.busy = true;
        state.message = null;
        this.#sending.set(id, state);
        this.#redraw();
        try {
            await this.#api.move(incidentId, 'acknowledgeAlert', { obligation }, state.key);
            this.#sending.set(id, { key: newIdempotencyKey(), busy: false, message: { kind: 'done', text: t('alert.acknowledged') } });
        } catch (error) {
            state.busy = false;
            state.message = { kind: 'error', text: error.message };
        }

        this.#redraw();
    }
}
