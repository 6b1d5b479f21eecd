// 接报: a duty commander registers an incident from the board. The form shows what the engine would make of it (the
// grade with its reasons, every deadline with its basis, from POST /api/incidents/preview, which stores nothing)
// before the registration can be confirmed; a fact changed after the preview asks for a new one. The fill carries one
// Idempotency-Key until it succeeds, so a registration sent again after a lost answer makes one incident.

import { ApiError, newIdempotencyKey } from './api.js';
import { bilingual, h } from './dom.js';
import { t, termLanguage } from './i18n.js';
import { factInputs, factsOf } from './facts.js';
import { levels, obligations as obligationTerms, sourceChannels } from './terms.js';
import { clockTime, fromZoneInput, serverNow, zoneInputValue } from './time.js';

const name = term => term[termLanguage()];

const options = (terms, selected) => Object.entries(terms).map(([value, term]) => h('option', { value, selected: value === selected }, name(term)));

export class RegisterForm {
    #dialog;
    #api;
    #onRegistered;
    #key = newIdempotencyKey();
    #preview = null;
    #busy = false;

    /**
      * @param {HTMLDialogElement} dialog
      * @param {import('./api.js').Api} api
      * @param {(id: string) => void} onRegistered   the incident registered (to open its detail)
      */
    constructor(dialog, api, onRegistered) {
        this.#dialog = dialog;
        this.#api = api;
        this.#onRegistered = onRegistered;
    }

    /** A fresh fill: an empty form (discovered now, never later), a key of its own, no preview yet. */
    open() {
        if (!this.#dialog.open) {
            this.#key = newIdempotencyKey();
            this.#preview = null;
            this.#dialog.replaceChildren(this.#form());
            this.#dialog.showModal();
        }
    }

    close() {
        if (this.#dialog.open) {
            this.#dialog.close();
        }
    }

    #form() {
        const now = zoneInputValue(serverNow());
        const field = (key, input) => h('label', { class: `field field-${key}` }, h('span', {}, t(`register.${key}`)), input);
        const form = h('form', {
            class: 'register-form',
            dataset: { testid: 'register-form' },
            oninput: () => this.#stale(),
            onsubmit: event => {
                event.preventDefault();
                this.#submit(event.submitter?.dataset.action);
            },
        },
        h('header', { class: 'detail-head' },
            h('h2', {}, t('register.title')),
            h('button', { type: 'button', class: 'close-panel', 'aria-label': t('register.cancel'), onclick: () => this.close() }, '×')),
        h('fieldset', {},
            h('legend', {}, t('register.what')),
            field('incidentTitle', h('input', { name: 'title', required: true, autocomplete: 'off' })),
            field('region', h('input', { name: 'region', required: true, autocomplete: 'off' })),
            field('discoveredAt', h('input', { name: 'discoveredAt', type: 'datetime-local', required: true, value: now, max: now })),
            field('sourceChannel', h('select', { name: 'sourceChannel' }, options(sourceChannels, 'hotline12369'))),
            field('description', h('textarea', { name: 'description', rows: 2 }))),
        h('fieldset', {},
            h('legend', {}, t('register.facts')),
            h('p', { class: 'hint' }, t('register.unknownHint')),
            factInputs()),
        h('section', { class: 'register-preview', dataset: { testid: 'register-preview' } }),
        h('div', { class: 'register-actions' },
            h('button', { type: 'submit', class: 'action secondary', dataset: { action: 'preview-registration' } }, t('register.preview')),
            h('button', { type: 'submit', class: 'action primary', disabled: true, dataset: { action: 'confirm-registration' } }, t('register.confirm'))),
        h('p', { class: 'register-result', dataset: { testid: 'register-result' } }));
        return form;
    }

    get #formElement() {
        return this.#dialog.querySelector('form.register-form');
    }

    /** What the form says, as the registration's body. */
    #command() {
        const data = new FormData(this.#formElement);
        const text = key => String(data.get(key) ?? '').trim();
        const discovered = fromZoneInput(text('discoveredAt'));
        const facts = factsOf(this.#formElement);

        return {
            title: text('title'),
            region: text('region'),
            discoveredAt: Number.isNaN(discovered) ? text('discoveredAt') : new Date(discovered).toISOString(),
            sourceChannel: text('sourceChannel'),
            description: text('description') || null,
            facts,
        };
    }

    /** A fact changed: the preview no longer shows what would be registered. */
    #stale() {
        if (this.#preview === null) {
            return;
        }

        this.#preview = null;
        this.#formElement.querySelector('[data-action="confirm-registration"]').disabled = true;
        this.#formElement.querySelector('.register-preview').replaceChildren(h('p', { class: 'hint' }, t('register.previewAgain')));
    }

    async #submit(action) {
        const form = this.#formElement;
        if (this.#busy || !form.reportValidity()) {
            return;
        }

        const discovered = fromZoneInput(form.elements.namedItem('discoveredAt').value);
        if (discovered > serverNow()) {
            this.#result('error', t('register.future'));
            return;
        }

        this.#busy = true;
        this.#result(null, '');
        const command = this.#command();
        try {
            if (action === 'confirm-registration' && this.#preview !== null) {
                const view = await this.#api.registerIncident(command, this.#key);
                // A success ends the fill: the next registration is another incident, with a key of its own.
                this.close();
                this.#onRegistered(view.id);
            } else {
                const view = await this.#api.previewIncident(command);
                this.#preview = view;
                this.#showPreview(view);
                form.querySelector('[data-action="confirm-registration"]').disabled = false;
            }
        } catch (error) {
            this.#result('error', error instanceof ApiError ? error.message : String(error));
        } finally {
            this.#busy = false;
        }
    }

    #showPreview(view) {
        const level = levels[view.grade.level] ?? { zh: '', en: '' };
        this.#formElement.querySelector('.register-preview').replaceChildren(
            h('h3', {}, t('register.wouldBe')),
            h('p', { class: 'register-grade' },
                h('span', { class: `level-badge level-${view.grade.level}`, dataset: { testid: 'preview-level' } }, view.grade.level), ' ',
                bilingual(level), view.grade.unclear ? ` · ${t('register.unclear')}` : '', ` · ${view.grade.leadAuthority} · ${view.ruleSetId}`),
            h('ul', { class: 'reasons' }, view.grade.reasons.map(r => h('li', {}, r))),
            h('table', {}, h('tbody', {}, view.obligations.map(o => h('tr', { dataset: { testid: 'preview-obligation', obligation: o.id } },
                h('th', { scope: 'row' }, bilingual(obligationTerms[o.kind] ?? { zh: o.kind, en: o.title })),
                h('td', { class: 'due' }, clockTime(o.dueAt)),
                h('td', { class: 'basis' }, o.deadlineBasis))))));
    }

    #result(kind, text) {
        const result = this.#formElement.querySelector('.register-result');
        result.textContent = text;
        result.className = kind ? `register-result message message-${kind}` : 'register-result';
        result.setAttribute('role', kind === 'error' ? 'alert' : 'status');
    }
}
