// The decisions lane: every open major decision with its stage, risk level and what blocks it, and the regional
// approval restrictions (区域限批) in force. It draws what the board's store holds of the decisions and of the
// enforcement registry, kept there by the same version rule as every other kind of case.

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
    #store;
    #list;
    #restrictionList;
    #empty;
    #count;

    /**
      * @param {{ store: import('./store.js').CaseStore, list: HTMLElement, restrictions: HTMLElement, empty: HTMLElement,
      *           count: HTMLElement }} options
      */
    constructor({ store, list, restrictions, empty, count }) {
        this.#store = store;
        this.#list = list;
        this.#restrictionList = restrictions;
        this.#empty = empty;
        this.#count = count;
    }

    render() {
        const order = Object.keys(stages);
        const shown = this.#store.cases('decision')
            .sort((a, b) => order.indexOf(b.stage) - order.indexOf(a.stage) || a.title.localeCompare(b.title, 'zh-CN'));
        const restrictions = this.#store.cases('enforcement').flatMap(e => e.restrictionsInForce ?? []);
        this.#restrictionList.replaceChildren(...restrictions.map(r => h('li', { class: 'restriction', dataset: { testid: 'restriction', region: r.region } },
            bilingual(blockerKinds.regionalRestriction, 'tag'), ' ', h('strong', {}, r.region), ` — ${r.reason}`)));
        this.#restrictionList.hidden = restrictions.length === 0;
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
