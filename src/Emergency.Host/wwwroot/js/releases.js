// 信息发布 from an incident's detail: every release with its state, and a duty commander's moves on them as the procedure
// allows now (the engine's allowedMoves): draft a first release, approve a draft naming the officer who signed it off
// (审核签发), publish it, and correct, update or withdraw a published one. Each fill carries one Idempotency-Key until it succeeds.

import { newIdempotencyKey } from './api.js';
import { bilingual, h } from './dom.js';
import { t } from './i18n.js';
import { clockTime } from './time.js';

export const releaseKinds = {
    alert: { zh: '首次发布', en: 'First release' },
    update: { zh: '续发', en: 'Update' },
    correction: { zh: '更正', en: 'Correction' },
    withdrawal: { zh: '撤回', en: 'Withdrawal' },
};

export const releaseAudiences = {
    public: { zh: '社会公众', en: 'The public' },
    media: { zh: '新闻媒体', en: 'The media' },
    downstreamWaterUsers: { zh: '下游用水单位', en: 'Water users downstream' },
};

export const releaseStatuses = {
    draft: { zh: '草稿', en: 'Draft' },
    approved: { zh: '已审核签发', en: 'Approved' },
    published: { zh: '已发布', en: 'Published' },
    superseded: { zh: '已被取代', en: 'Superseded' },
    withdrawn: { zh: '已撤回', en: 'Withdrawn' },
};

/** The moves that write a release's words, each with the fields its form asks for. */
const Wordings = {
    draftRelease: ['audience', 'headline', 'text', 'headlineEn', 'textEn'],
    updateRelease: ['headline', 'text', 'headlineEn', 'textEn'],
    correctRelease: ['headline', 'text', 'reason'],
    withdrawRelease: ['reason'],
};

export class ReleasesSection {
    #detail;
    /** The form open: its move, the release it names, what was typed, the fill's key. */
    #form = null;

    constructor(detail) {
        this.#detail = detail;
    }

    reset() {
        this.#form = null;
    }

    section(view) {
        const releases = view.releases ?? [];
        const allowed = view.allowedMoves;
        const mayAct = this.#detail.mayAct;
        if (releases.length === 0 && !(mayAct && allowed.includes('draftRelease'))) {
            return null;
        }

        return h('section', { class: 'detail-releases', dataset: { testid: 'releases' } },
            h('h3', {}, t('release.title')),
            releases.length === 0 ? h('p', { class: 'empty' }, t('release.none')) : h('ol', { class: 'releases' }, releases.map(r => this.#release(view, r))),
            mayAct && allowed.includes('draftRelease')
                ? (this.#form?.move === 'draftRelease' ? this.#wording(view, 'draftRelease', null) : this.#open('draftRelease', null, 'release.draft'))
                : null,
            this.#detail.messageAt('release:new'));
    }

    #release(view, r) {
        const allowed = move => this.#detail.mayAct && view.allowedMoves.includes(`${move}(${r.number})`);
        const status = releaseStatuses[r.status] ?? { zh: '', en: r.status };
        const buttons = [
            allowed('approveRelease') ? this.#approve(view, r) : null,
            allowed('publishRelease') ? h('button', {
                type: 'button', class: 'action primary', disabled: this.#detail.busy, dataset: { action: 'publish-release', release: String(r.number) },
                onclick: () => this.#detail.act(t('release.published'), `release:${r.number}`, () => this.#detail.api.move(view.id, 'publishRelease', { release: r.number }, newIdempotencyKey())),
            }, t('release.publish')) : null,
            ...['updateRelease', 'correctRelease', 'withdrawRelease'].filter(allowed).map(move => this.#form?.move === move && this.#form.release === r.number
                ? this.#wording(view, move, r)
                : this.#open(move, r, `release.${move}`)),
        ];
        return h('li', { class: `release release-${r.status}`, dataset: { testid: 'release', release: String(r.number), status: r.status, kind: r.kind } },
            h('header', {},
                h('strong', {}, `#${r.number} `), bilingual(releaseKinds[r.kind] ?? { zh: '', en: r.kind }), ' · ',
                bilingual(releaseAudiences[r.audience] ?? { zh: '', en: r.audience }), ' · ',
                h('span', { class: `release-status status-${r.status}`, dataset: { testid: 'release-status' } }, bilingual(status)),
                r.replaces ? ` · ${t('release.replaces', { number: r.replaces })}` : ''),
            h('p', { class: 'release-headline' }, r.headline),
            h('p', { class: 'release-text' }, r.text),
            r.reason ? h('p', { class: 'note' }, t('release.reasonShown', { reason: r.reason })) : null,
            h('p', { class: 'hint' },
                t('release.drafted', { at: clockTime(r.draftedAt), by: r.draftedBy }),
                r.approvedBy ? ` · ${t('release.approvedBy', { at: clockTime(r.approvedAt), by: r.approvedBy })}` : '',
                r.publishedAt ? ` · ${t('release.publishedAt', { at: clockTime(r.publishedAt) })}` : ''),
            h('div', { class: 'release-actions' }, buttons),
            this.#detail.messageAt(`release:${r.number}`));
    }

    #open(move, r, label) {
        return h('button', {
            type: 'button', class: 'action secondary', disabled: this.#detail.busy,
            dataset: { action: move, release: r ? String(r.number) : undefined },
            onclick: () => {
                this.#form = { move, release: r?.number ?? null, key: newIdempotencyKey(), audience: 'public', headline: r?.headline ?? '', text: '', headlineEn: '', textEn: '', reason: '', approvedBy: '' };
                this.#detail.render();
            },
        }, t(label));
    }

    #approve(view, r) {
        if (this.#form?.move !== 'approveRelease' || this.#form.release !== r.number) {
            return this.#open('approveRelease', r, 'release.approve');
        }

        const form = this.#form;
        return h('span', { class: 'confirm', dataset: { testid: 'approve-form' } },
            h('label', { class: 'field' }, h('span', {}, t('release.approvedByField')),
                h('input', { name: `approvedBy-${r.number}`, required: true, value: form.approvedBy, oninput: event => { form.approvedBy = event.target.value; } })),
            h('button', {
                type: 'button', class: 'action primary', disabled: this.#detail.busy, dataset: { action: 'confirm-approveRelease', release: String(r.number) },
                onclick: () => this.#detail.act(t('release.approved'), `release:${r.number}`,
                    () => this.#detail.api.move(view.id, 'approveRelease', { release: r.number, approvedBy: form.approvedBy.trim() }, form.key), () => {
                        this.#form = null;
                    }),
            }, t('release.confirm')),
            this.#cancel());
    }

    #wording(view, move, r) {
        const form = this.#form;
        const fields = Wordings[move];
        const text = (name, multiline = false) => h('label', { class: `field field-${name}` }, h('span', {}, t(`release.${name}`)),
            h(multiline ? 'textarea' : 'input', {
                name, rows: multiline ? 3 : undefined, value: form[name], required: ['headline', 'text', 'reason'].includes(name),
                maxlength: name.startsWith('headline') ? 70 : undefined,
                oninput: event => { form[name] = event.target.value; },
            }));
        const place = r ? `release:${r.number}` : 'release:new';
        return h('div', { class: 'release-form', dataset: { testid: 'release-form', move } },
            h('h4', {}, r ? `${t(`release.${move}`)} #${r.number}` : t('release.draft')),
            fields.includes('audience')
                ? h('label', { class: 'field' }, h('span', {}, t('release.audience')),
                    h('select', { name: 'audience', onchange: event => { form.audience = event.target.value; } },
                        Object.entries(releaseAudiences).map(([value, term]) => h('option', { value, selected: value === form.audience }, bilingual(term).textContent))))
                : null,
            fields.filter(f => f !== 'audience').map(f => text(f, f === 'text' || f === 'textEn' || f === 'reason')),
            h('button', {
                type: 'button', class: 'action primary', disabled: this.#detail.busy, dataset: { action: `confirm-${move}` },
                onclick: () => this.#detail.act(t(`release.done.${move}`), place, () => {
                    const body = Object.fromEntries(fields.map(f => [f, typeof form[f] === 'string' ? (form[f].trim() || null) : form[f]]));
                    if (r) {
                        body.release = r.number;
                    }

                    return this.#detail.api.move(view.id, move, body, form.key);
                }, () => {
                    this.#form = null;
                }),
            }, t('release.confirm')),
            this.#cancel());
    }

    #cancel() {
        return h('button', {
            type: 'button', class: 'action secondary', dataset: { action: 'cancel' },
            onclick: () => {
                this.#form = null;
                this.#detail.render();
            },
        }, t('register.cancel'));
    }
}
