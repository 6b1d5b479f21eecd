// The grading facts of an incident as a form (接报 and 更新事实 share it), and the facts update from an incident's detail:
// the duty commander changes what is known, sees the grade and the deadlines it would give before confirming (the
// engine's own grading, by POST /api/incidents/preview on the facts as they would stand, which stores nothing), then
// records only the facts that changed. The fill carries one Idempotency-Key until it succeeds.

import { ApiError, newIdempotencyKey } from './api.js';
import { bilingual, h } from './dom.js';
import { t, termLanguage } from './i18n.js';
import {
    crossBoundaries, ecologicalImpacts, factFlags, intakeScales, levels, obligations as obligationTerms,
} from './terms.js';
import { clockTime } from './time.js';

export const Counts = ['deaths', 'poisoned', 'seriouslyInjured', 'evacuated', 'directLossCny'];

const name = term => term[termLanguage()];

const options = (terms, selected) => Object.entries(terms).map(([value, term]) => h('option', { value, selected: value === selected }, name(term)));

const field = (key, input) => h('label', { class: `field field-${key}` }, h('span', {}, t(`register.${key}`)), input);

/** The inputs of the grading facts, filled from `facts` (an incident's, as the API writes them) or empty for a new one. */
export function factInputs(facts = null) {
    const count = key => field(key, h('input', {
        name: key, type: 'number', min: 0, step: key === 'directLossCny' ? 'any' : 1, inputmode: 'numeric', placeholder: t('register.unknown'),
        value: facts?.[key] === null || facts?.[key] === undefined ? '' : String(facts[key]),
    }));
    return [
        Counts.map(count),
        field('intakeScale', h('select', { name: 'intakeScale' }, options(intakeScales, facts?.intakeInterruption?.scale ?? 'none'))),
        field('intake', h('input', { name: 'intake', autocomplete: 'off', value: facts?.intakeInterruption?.intake ?? '' })),
        field('crossBoundary', h('select', { name: 'crossBoundary' }, options(crossBoundaries, facts?.crossBoundary ?? 'none'))),
        field('ecologicalImpact', h('select', { name: 'ecologicalImpact' }, options(ecologicalImpacts, facts?.ecologicalImpact ?? 'none'))),
        Object.entries(factFlags).map(([key, term]) => h('label', { class: 'check' }, h('input', { type: 'checkbox', name: key, checked: facts?.[key] === true }), ' ', name(term))),
    ];
}

/** The grading facts a form holds, as the API reads them; a count left empty is unknown (null). */
export function factsOf(form) {
    const data = new FormData(form);
    const text = key => String(data.get(key) ?? '').trim();
    const facts = Object.fromEntries(Counts.map(key => [key, text(key) === '' ? null : Number(text(key))]));
    facts.intakeInterruption = { scale: text('intakeScale'), intake: text('intake') || null };
    facts.crossBoundary = text('crossBoundary');
    facts.ecologicalImpact = text('ecologicalImpact');
    for (const key of Object.keys(factFlags)) {
        facts[key] = data.get(key) === 'on';
    }

    return facts;
}

/** The facts of `next` that differ from `before`: a facts update names only what changed. */
function changed(before, next) {
    const same = (a, b) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
    const patch = {};
    for (const [key, value] of Object.entries(next)) {
        const was = key === 'intakeInterruption' ? (before.intakeInterruption ?? { scale: 'none', intake: null }) : before[key];
        const now = key === 'intakeInterruption' ? { scale: value.scale, intake: value.intake } : value;
        const normalised = key === 'intakeInterruption' ? { scale: was.scale, intake: was.intake ?? null } : was;
        if (!same(normalised, now)) {
            patch[key] = value;
        }
    }

    return patch;
}

/** 更新事实 in an incident's detail; `detail` gives the api, the move runner and a redraw. */
export class FactsUpdate {
    #detail;
    #open = false;
    #key = newIdempotencyKey();
    #preview = null;
    #error = null;
    #note = '';

    constructor(detail) {
        this.#detail = detail;
    }

    /** Another incident opened: nothing of the last one's fill stays. */
    reset() {
        this.#open = false;
        this.#key = newIdempotencyKey();
        this.#preview = null;
        this.#error = null;
        this.#note = '';
    }

    section(view, previous) {
        if (!this.#detail.mayAct || !view.allowedMoves.includes('facts')) {
            return null;
        }

        if (!this.#open) {
            return h('section', { class: 'detail-facts' },
                h('button', {
                    type: 'button', class: 'action secondary', dataset: { action: 'update-facts' },
                    onclick: () => {
                        this.#open = true;
                        this.#detail.render();
                    },
                }, t('facts.open')),
                this.#detail.messageAt('facts'));
        }

        // A form half filled in survives a re-render (a push for this incident arrives while typing).
        const form = previous ?? h('form', {
            class: 'facts-form',
            dataset: { testid: 'facts-form' },
            // The note grades nothing: only a fact changed after the preview asks for a new one.
            oninput: event => {
                if (event.target.name !== 'note') {
                    this.#stale();
                }
            },
            onsubmit: event => {
                event.preventDefault();
                this.#submit(event.submitter?.dataset.action);
            },
        },
        h('h4', {}, t('facts.title')),
        h('p', { class: 'hint' }, t('register.unknownHint')),
        h('div', { class: 'facts-fields' }, factInputs(view.facts)),
        h('label', { class: 'field field-note' }, h('span', {}, t('facts.note')),
            h('input', { name: 'note', autocomplete: 'off', oninput: event => { this.#note = event.target.value; }, value: this.#note })),
        h('section', { class: 'facts-preview', dataset: { testid: 'facts-preview' } }),
        h('div', { class: 'register-actions' },
            h('button', { type: 'submit', class: 'action secondary', dataset: { action: 'preview-facts' } }, t('register.preview')),
            h('button', { type: 'submit', class: 'action primary', dataset: { action: 'confirm-facts' } }, t('facts.confirm')),
            h('button', {
                type: 'button', class: 'action secondary', dataset: { action: 'cancel' },
                onclick: () => {
                    this.reset();
                    this.#detail.render();
                },
            }, t('register.cancel'))),
        h('p', { class: 'facts-result' }));
        form.querySelector('[data-action="confirm-facts"]').disabled = this.#preview === null || this.#detail.busy;
        form.querySelector('.facts-preview').replaceChildren(...(this.#preview ? this.#consequences(view, this.#preview).filter(Boolean) : []));
        const result = form.querySelector('.facts-result');
        result.replaceChildren(this.#error ? h('span', { class: 'message message-error', role: 'alert', dataset: { testid: 'detail-error' } }, this.#error) : '',
            this.#detail.messageAt('facts') ?? '');
        return h('section', { class: 'detail-facts' }, form);
    }

    /** A fact changed after the preview: what was previewed is no longer what would be recorded. */
    #stale() {
        if (this.#preview === null) {
            return;
        }

        this.#preview = null;
        const form = this.#detail.dialog.querySelector('form.facts-form');
        form.querySelector('[data-action="confirm-facts"]').disabled = true;
        form.querySelector('.facts-preview').replaceChildren(h('p', { class: 'hint' }, t('register.previewAgain')));
    }

    async #submit(action) {
        const view = this.#detail.view;
        const form = this.#detail.dialog.querySelector('form.facts-form');
        if (!view || !form || this.#detail.busy || !form.reportValidity()) {
            return;
        }

        const facts = factsOf(form);
        const patch = changed(view.facts, facts);
        this.#error = null;
        if (action === 'confirm-facts' && this.#preview !== null) {
            const note = this.#note.trim() || null;
            await this.#detail.act(t('facts.done'), 'facts', () => this.#detail.api.move(view.id, 'facts', { facts: patch, note }, this.#key), () => {
                this.reset();
            });
            return;
        }

        if (Object.keys(patch).length === 0) {
            this.#error = t('facts.nothingChanged');
            this.#detail.render();
            return;
        }

        try {
            // The engine grades the facts as they would stand (the form holds them all), from the incident's discovery, by the rules then in force.
            this.#preview = await this.#detail.api.previewIncident({
                title: view.title,
                region: view.region,
                discoveredAt: view.discoveredAt,
                sourceChannel: view.sourceChannel,
                description: view.description,
                facts,
            });
        } catch (error) {
            this.#error = error instanceof ApiError ? error.message : String(error);
        }

        this.#detail.render();
    }

    /** The grade it would give, and each open first-moment deadline that would move. */
    #consequences(view, preview) {
        const before = view.grade;
        const after = preview.grade;
        const level = code => bilingual(levels[code] ?? { zh: '', en: '' });
        const moved = view.obligations
            .filter(o => o.status === 'pending' || o.status === 'overdue')
            .map(o => ({ o, next: preview.obligations.find(p => p.kind === o.kind && p.id === o.id) }))
            .filter(({ o, next }) => next && next.dueAt !== o.dueAt);
        const regrade = after.level !== before.level;
        return [
            h('h4', {}, t('facts.wouldBe')),
            h('p', { class: 'register-grade', dataset: { testid: 'facts-grade' } },
                h('span', { class: `level-badge level-${before.level}` }, before.level), ' ', level(before.level), ' → ',
                h('span', { class: `level-badge level-${after.level}`, dataset: { testid: 'facts-level' } }, after.level), ' ', level(after.level),
                after.unclear ? ` · ${t('register.unclear')}` : ''),
            h('ul', { class: 'reasons' }, after.reasons.map(r => h('li', {}, r))),
            moved.length === 0
                ? h('p', { class: 'hint', dataset: { testid: 'facts-no-deadline-change' } }, t('facts.noDeadlineMoves'))
                : h('table', {}, h('tbody', {}, moved.map(({ o, next }) => h('tr', { dataset: { testid: 'facts-deadline', obligation: o.id } },
                    h('th', { scope: 'row' }, bilingual(obligationTerms[o.kind] ?? { zh: o.kind, en: o.kind })),
                    h('td', { class: 'from' }, clockTime(o.dueAt)),
                    h('td', { class: 'to' }, clockTime(next.dueAt)),
                    h('td', { class: 'basis' }, next.deadlineBasis))))),
            regrade && view.phase !== 'registered' ? h('p', { class: 'warning', dataset: { testid: 'facts-report-owed' } }, t('facts.reportOwed', { level: after.level })) : null,
            regrade && (view.chain ?? []).length > 0 ? h('p', { class: 'hint' }, t('facts.chainRerun')) : null,
        ];
    }
}
