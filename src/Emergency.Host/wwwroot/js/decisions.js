// The decisions lane: every open major decision with its stage, risk level and what blocks it, and the regional
// approval restrictions (区域限批) in force. Kept by the same version rule as the incidents: a push is applied only
// when it is newer than what the board holds; a gap asks the feed to reload the snapshot, which is the truth.

import { bilingual, h } from './dom.js';

/** Stages of a major decision (MajorDecisionStage), in the API's names. */
export const stages = {
    draft: { zh: '草案', en: 'Draft' },
    submitted: { zh: '已提交', en: 'Submitted' },
    assessmentPlanned: { zh: '评估方案', en: 'Assessment planned' },
    hearingViews: { zh: '听取意见', en: 'Hearing views' },
    viewsHeard: { zh: '分析论证', en: 'Analysing' },
    analysed: { zh: '待定级', en: 'Analysed' },
    riskRated: { zh: '风险定级', en: 'Risk rated' },
    reported: { zh: '评估报告', en: 'Report written' },
    reviewed: { zh: '已初审', en: 'Reviewed' },
    postponed: { zh: '暂缓', en: 'Postponed' },
    decided: { zh: '已决定', en: 'Decided' },
};

export const riskLevels = {
    low: { zh: '低风险', en: 'Low risk' },
    medium: { zh: '中风险', en: 'Medium risk' },
    high: { zh: '高风险', en: 'High risk' },
};

const blockerKinds = {
    procedure: { zh: '待办', en: 'Next step' },
    commentPeriod: { zh: '公示期', en: 'Comment period' },
    risk: { zh: '风险', en: 'Risk' },
    regionalRestriction: { zh: '区域限批', en: 'Restriction' },
};

const term = (terms, key) => terms[key] ?? { zh: key, en: key };

export class DecisionsLane {
    #decisions = new Map();
    #closed = new Map();
    #restrictions = [];
    #enforcementVersion = 0;
    #list;
    #restrictionList;
    #empty;
    #count;

    /** @param {{ list: HTMLElement, restrictions: HTMLElement, empty: HTMLElement, count: HTMLElement }} elements */
    constructor({ list, restrictions, empty, count }) {
        this.#list = list;
        this.#restrictionList = restrictions;
        this.#empty = empty;
        this.#count = count;
    }

    /** The snapshot: what it lists replaces what the board held, keeping a newer pushed version. */
    loaded(snapshot) {
        const next = new Map();
        for (const summary of snapshot.decisions ?? []) {
            const known = this.#decisions.get(summary.id);
            if ((this.#closed.get(summary.id) ?? 0) < summary.version) {
                next.set(summary.id, known && known.version > summary.version ? known : summary);
            }
        }

        this.#decisions = next;
        const enforcement = snapshot.enforcement;
        if (enforcement && enforcement.version >= this.#enforcementVersion) {
            this.#restrictions = enforcement.restrictionsInForce ?? [];
            this.#enforcementVersion = enforcement.version;
        }

        this.render();
    }

    /** A push that is not an incident's: 'applied', 'ignored' or 'gap' (applied, but a version was missed). */
    receive(update) {
        let result = 'ignored';
        if (update.enforcement && update.enforcement.version > this.#enforcementVersion) {
            const gap = this.#enforcementVersion > 0 && update.enforcement.version > this.#enforcementVersion + 1;
            this.#restrictions = update.enforcement.restrictionsInForce ?? [];
            this.#enforcementVersion = update.enforcement.version;
            result = gap ? 'gap' : 'applied';
        }

        if (update.decision) {
            const applied = this.#apply(update.decision);
            result = applied === 'gap' || result === 'gap' ? 'gap' : applied === 'applied' ? 'applied' : result;
        }

        if (result !== 'ignored') {
            this.render();
        }

        return result;
    }

    clear() {
        this.#decisions.clear();
        this.#closed.clear();
        this.#restrictions = [];
        this.#enforcementVersion = 0;
        this.render();
    }

    #apply(summary) {
        const known = this.#decisions.get(summary.id);
        if (known ? summary.version <= known.version : summary.version <= (this.#closed.get(summary.id) ?? 0)) {
            return 'ignored';
        }

        if (summary.stage === 'decided') {
            this.#decisions.delete(summary.id);
            this.#closed.set(summary.id, summary.version);
        } else {
            this.#decisions.set(summary.id, summary);
        }

        return known && summary.version > known.version + 1 ? 'gap' : 'applied';
    }

    render() {
        const order = Object.keys(stages);
        const shown = [...this.#decisions.values()]
            .sort((a, b) => order.indexOf(b.stage) - order.indexOf(a.stage) || a.title.localeCompare(b.title, 'zh-CN'));
        this.#restrictionList.replaceChildren(...this.#restrictions.map(r => h('li', { class: 'restriction', dataset: { testid: 'restriction', region: r.region } },
            bilingual(blockerKinds.regionalRestriction, 'tag'), ' ', h('strong', {}, r.region), ` — ${r.reason}`)));
        this.#restrictionList.hidden = this.#restrictions.length === 0;
        this.#list.replaceChildren(...shown.map(d => this.#card(d)));
        this.#empty.hidden = shown.length > 0;
        const blocked = shown.filter(d => d.blockedBy.some(b => b.kind === 'regionalRestriction' || b.kind === 'risk')).length;
        this.#count.textContent = `${shown.length} · 受阻 blocked ${blocked}`;
    }

    #card(decision) {
        return h('li', { class: 'decision', dataset: { testid: 'decision', id: decision.id, stage: decision.stage, risk: decision.riskLevel ?? '' } },
            h('div', { class: 'decision-head' },
                h('strong', { class: 'decision-title' }, decision.title),
                h('span', { class: 'region' }, decision.region)),
            h('div', { class: 'decision-state' },
                h('span', { class: 'stage', dataset: { testid: 'decision-stage' } }, bilingual(term(stages, decision.stage))),
                decision.riskLevel && h('span', { class: `risk risk-${decision.riskLevel}`, dataset: { testid: 'decision-risk' } }, bilingual(term(riskLevels, decision.riskLevel))),
                decision.round > 1 && h('span', { class: 'round' }, `第${decision.round}轮 round ${decision.round}`)),
            h('ul', { class: 'blockers', dataset: { testid: 'blocked-by' } },
                decision.blockedBy.map(b => h('li', { class: `blocker blocker-${b.kind}`, dataset: { kind: b.kind } },
                    bilingual(term(blockerKinds, b.kind), 'tag'), ' ', b.text))));
    }
}
