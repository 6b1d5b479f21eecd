// A drill on the board. The banner marks a drill scope (演练 DRILL) with the drill's title, phase and virtual
// clock, so that a screen or a screenshot of a drill can never be taken for live work. For a drill organiser
// during a paced run it adds the controls to steer the run: pause, resume, and injects by hand in the scenario's
// inject format (scenarios/README.md). Other roles get the banner only; the engine refuses them anyway.

import { ApiError } from './api.js';
import { bilingual, h } from './dom.js';
import { t } from './i18n.js';
import { drillPhases, injectKinds, obligations as obligationTerms, reportKinds } from './terms.js';
import { countdown, fullTime, serverNow, setClockRate, syncToSnapshot, wallClock } from './time.js';

const OrganiserRole = 'drillOrganiser';

/** The steps a manual inject may complete; the report obligation is completed by filing the initial report. */
// Information is released by publishing a document (an incident step), never by completing the step.
const ManualObligations = ['reachScene', 'startMonitoring', 'organiseInvestigation'];

const ManualReports = ['initial', 'followUp', 'final'];

/** The messages to the players the banner shows, newest last. */
const MessagesShown = 3;

const DrillPrefix = 'drill-';

/** "live" or "drill-<run>" (the engine's own rule for a run id). */
export function isValidScope(scope) {
    return scope === 'live' || /^drill-[a-z0-9][a-z0-9-]{0,39}$/.test(scope);
}

export function isDrillScope(scope) {
    return scope.startsWith(DrillPrefix) && isValidScope(scope);
}

/** What a person types: a run id ("3fa2…"), a scope ("drill-3fa2…") or "live"; null when it is none of these. */
export function scopeFrom(text) {
    const value = (text ?? '').trim().toLowerCase();
    if (value === '' || value === 'live') {
        return 'live';
    }

    const scope = value.startsWith(DrillPrefix) ? value : `${DrillPrefix}${value}`;
    return isValidScope(scope) ? scope : null;
}

/** "+0:05:12", "+2 d 03:04:05": how far the drill's clock is from its start. */
function offsetOf(status, now) {
    return `+${countdown(now - Date.parse(status.start))}`;
}

export class DrillPanel {
    #banner;
    #controls;
    #api;
    #role;
    #titleOf;
    #run = null;
    #status = null;
    #loaded = false;
    #busy = false;
    #form;
    #pause;
    #resume;
    #result;
    #clock = null;
    #offset = null;

    /**
      * @param {object} options
      * @param {HTMLElement} options.banner     where the drill marker goes
      * @param {HTMLElement} options.controls   where an organiser's controls go
      * @param {import('./api.js').Api} options.api
      * @param {string} options.role            the signed-in user's role
      * @param {(id: string) => string|undefined} options.titleOf   an incident's title, by its id, if the board has it
      */
    constructor({ banner, controls, api, role, titleOf }) {
        this.#banner = banner;
        this.#controls = controls;
        this.#api = api;
        this.#role = role;
        this.#titleOf = titleOf;
        this.#controls.replaceChildren();
        this.#controls.hidden = true;
        if (this.#mayAct) {
            // Other roles get no control at all, not even a hidden one.
            this.#buildControls();
        }
    }

    get active() {
        return this.#run !== null;
    }

    get status() {
        return this.#status;
    }

    get #mayAct() {
        return this.#role === OrganiserRole;
    }

    /** The board now shows `scope`: a drill's (marked at once, before its snapshot arrives) or live work. */
    show(scope) {
        this.#run = isDrillScope(scope) ? scope.slice(DrillPrefix.length) : null;
        this.#status = null;
        this.#loaded = false;
        this.#result?.replaceChildren();
        setClockRate(1);
        this.#render();
    }

    /** A snapshot of the scope loaded, with its `drill` field (null when no drill has this run id). */
    loaded(snapshot) {
        if (!this.#run || snapshot.scope !== `${DrillPrefix}${this.#run}`) {
            return;
        }

        this.#loaded = true;
        this.#status = snapshot.drill ?? null;
        this.#render();
    }

    /** Once a second: the drill's clock in the banner. */
    tick() {
        if (this.#clock && this.#status) {
            const now = serverNow();
            this.#clock.textContent = wallClock(now);
            this.#offset.textContent = offsetOf(this.#status, now);
        }
    }

    /** The board's incidents changed: the organiser's incident choices show their titles. */
    changed() {
        if (this.#run) {
            this.#renderControls();
        }
    }

    dispose() {
        this.#run = null;
        this.#status = null;
        setClockRate(1);
        this.#banner.hidden = true;
        this.#banner.replaceChildren();
        this.#controls.hidden = true;
        this.#controls.replaceChildren();
    }

    /** A paced run's clock runs at its speed; a paused, finished or fast one moves only when the engine says so. */
    #applyRate() {
        const status = this.#status;
        setClockRate(status?.mode === 'paced' && status.phase === 'running' ? status.speed : 0);
    }

    #render() {
        document.body.dataset.scope = this.#run ? 'drill' : 'live';
        this.#renderBanner();
        this.#renderControls();
    }

    #renderBanner() {
        this.#clock = null;
        this.#offset = null;
        if (!this.#run) {
            this.#banner.hidden = true;
            this.#banner.replaceChildren();
            return;
        }

        const status = this.#status;
        const mark = h('strong', { class: 'drill-mark', dataset: { testid: 'drill-mark' } },
            h('span', { class: 'zh', lang: 'zh-CN' }, '演练'), ' ', h('span', { class: 'en', lang: 'en' }, 'DRILL'));
        const notice = h('span', { class: 'drill-notice' }, '非真实事件 Not live work');
        if (!status) {
            this.#banner.replaceChildren(mark,
                h('span', { class: 'drill-title', dataset: { testid: 'drill-title' } }, `${DrillPrefix}${this.#run}`),
                h('span', { class: 'drill-missing', dataset: { testid: 'drill-missing' } },
                    this.#loaded ? '未找到该演练 No drill has this run id' : '加载中 Loading…'),
                notice);
            this.#banner.hidden = false;
            return;
        }

        this.#applyRate();
        const now = serverNow();
        this.#clock = h('time', { class: 'drill-clock', dataset: { testid: 'drill-clock' } }, wallClock(now));
        this.#offset = h('span', { class: 'drill-offset', dataset: { testid: 'drill-offset' } }, offsetOf(status, now));
        const phase = drillPhases[status.phase] ?? { zh: '', en: status.phase };
        const messages = (status.messages ?? []).slice(-MessagesShown);
        // replaceChildren writes a null as the text "null": only the parts present are given.
        this.#banner.replaceChildren(...[mark,
            h('span', { class: 'drill-title', dataset: { testid: 'drill-title' } }, status.title),
            h('span', { class: `drill-phase phase-${status.phase}`, dataset: { testid: 'drill-phase', phase: status.phase } }, bilingual(phase)),
            h('span', { class: 'drill-time', title: '演练的虚拟时钟：本看板的倒计时都按它计算 The drill\'s virtual clock: every countdown on this board counts against it' },
                h('span', { class: 'label' }, '演练时钟 Drill clock '), this.#clock, ' ', this.#offset,
                status.mode === 'paced' ? h('span', { class: 'drill-speed' }, ` · x${status.speed}`) : h('span', { class: 'drill-speed' }, ' · 快速 fast')),
            h('span', { class: 'drill-progress' }, `${status.percent ?? 0} % · 注入 injects ${status.injectsApplied ?? 0}/${status.injectsTotal ?? 0}`),
            notice,
            this.#reportLink(status),
            messages.length > 0
                ? h('ol', { class: 'drill-messages', dataset: { testid: 'drill-messages' } }, messages.map(m => h('li', { title: fullTime(m.at) },
                    h('span', { class: 'drill-message-at' }, m.offset), ' ', m.to ? h('span', { class: 'drill-message-to' }, `→ ${m.to} `) : null, m.text)))
                : null].filter(Boolean));
        this.#banner.hidden = false;
    }

    /** Once the drill is over, its report (the page, with the chart), which everyone who played or watched may read. */
    #reportLink(status) {
        if (status.phase !== 'finished' && status.phase !== 'failed') {
            return null;
        }

        const href = `/api/drills/${encodeURIComponent(this.#run)}/report.html`;
        return h('a', {
            href,
            target: '_blank',
            rel: 'noopener',
            class: 'drill-report-link',
            dataset: { testid: 'drill-report' },
            onclick: event => {
                // A signed-in person's cookie goes with the link; a token must go with the request, so the page is fetched.
                if (this.#api.token) {
                    event.preventDefault();
                    this.#openReport(href);
                }
            },
        }, t('drill.report'));
    }

    async #openReport(href) {
        const opened = window.open('', '_blank');
        try {
            const html = await this.#api.page(href);
            if (opened) {
                opened.location.href = URL.createObjectURL(new Blob([html], { type: 'text/html' }));
            }
        } catch (error) {
            opened?.close();
            this.#banner.append(h('span', { class: 'error', role: 'alert', dataset: { testid: 'drill-report-error' } }, error.message));
        }
    }

    /** An organiser's controls: only on a paced drill that has not finished. */
    #renderControls() {
        const status = this.#status;
        const steerable = this.#mayAct && this.#form !== undefined && status?.mode === 'paced' && (status.phase === 'running' || status.phase === 'paused');
        this.#controls.hidden = !steerable;
        if (!steerable) {
            return;
        }

        this.#pause.disabled = this.#busy || status.phase !== 'running';
        this.#resume.disabled = this.#busy || status.phase !== 'paused';
        const select = this.#form.elements.namedItem('incident');
        const chosen = select.value;
        const names = Object.entries(status.incidents ?? {});
        const options = names.map(([name, id]) => {
            const title = this.#titleOf(id);
            return h('option', { value: name, selected: name === chosen }, title ? `${name} · ${title}` : name);
        });
        const current = [...select.options].map(o => `${o.value}\n${o.textContent}`).join('\n');
        if (current !== options.map(o => `${o.value}\n${o.textContent}`).join('\n')) {
            select.replaceChildren(...options);
        }

        this.#form.querySelector('button[type="submit"]').disabled = this.#busy;
    }

    #buildControls() {
        const kind = h('select', { name: 'kind', dataset: { testid: 'inject-kind' } },
            Object.entries(injectKinds).map(([value, term]) => h('option', { value }, `${term.zh} ${term.en}`)));
        this.#form = h('form', { class: 'drill-inject', dataset: { testid: 'drill-inject' }, 'aria-label': '人工注入 Inject by hand' },
            h('label', {}, '注入 Inject', kind),
            h('label', { dataset: { field: 'incident' } }, '事件 Incident',
                h('select', { name: 'incident', dataset: { testid: 'inject-incident' } })),
            h('label', { dataset: { field: 'obligation' } }, '步骤 Step',
                h('select', { name: 'obligation', dataset: { testid: 'inject-obligation' } },
                    ManualObligations.map(o => h('option', { value: o }, `${obligationTerms[o].zh} ${obligationTerms[o].en}`)))),
            h('label', { dataset: { field: 'report' } }, '报告 Report',
                h('select', { name: 'report', dataset: { testid: 'inject-report' } },
                    ManualReports.map(r => h('option', { value: r }, `${reportKinds[r].zh} ${reportKinds[r].en}`)))),
            h('label', { dataset: { field: 'to' } }, '发给 To',
                h('input', { name: 'to', maxlength: 200, placeholder: '全体 Everyone', dataset: { testid: 'inject-to' } })),
            h('label', { class: 'wide' }, h('span', { class: 'inject-text-label' }, ''),
                h('input', { name: 'text', maxlength: 2000, autocomplete: 'off', dataset: { testid: 'inject-text' } })),
            h('button', { type: 'submit', class: 'primary', dataset: { action: 'drill-inject', testid: 'inject-send' } }, '注入 Inject'));
        this.#pause = h('button', {
            type: 'button', class: 'secondary', dataset: { action: 'drill-pause', testid: 'drill-pause' }, onclick: () => this.#step('pause'),
        }, '暂停 Pause');
        this.#resume = h('button', {
            type: 'button', class: 'secondary', dataset: { action: 'drill-resume', testid: 'drill-resume' }, onclick: () => this.#step('resume'),
        }, '继续 Resume');
        this.#result = h('div', { class: 'drill-result', 'aria-live': 'polite' });
        this.#controls.replaceChildren(
            h('h2', { class: 'drill-controls-title' }, '演练控制 Drill controls'),
            h('div', { class: 'drill-steps' }, this.#pause, this.#resume),
            this.#form,
            this.#result);
        this.#controls.hidden = true;
        kind.addEventListener('change', () => this.#showFields());
        this.#form.addEventListener('submit', event => {
            event.preventDefault();
            this.#inject();
        });
        this.#showFields();
    }

    /** Each kind of inject asks only for its own fields. */
    #showFields() {
        const kind = this.#form.elements.namedItem('kind').value;
        const wanted = {
            obligationCompleted: ['incident', 'obligation'],
            reportFiled: ['incident', 'report'],
            message: ['to'],
        }[kind];
        for (const label of this.#form.querySelectorAll('label[data-field]')) {
            label.hidden = !wanted.includes(label.dataset.field);
        }

        const text = this.#form.elements.namedItem('text');
        text.required = kind === 'message';
        const caption = {
            obligationCompleted: ['备注 Note (optional)', '备注 Note'],
            reportFiled: ['报告内容 Content (optional)', '内容 Content'],
            message: ['消息 Message', '消息 Message'],
        }[kind];
        text.placeholder = caption[0];
        this.#form.querySelector('.inject-text-label').textContent = caption[1];
    }

    /** The inject as the scenario format writes it (JSON, which is YAML too). */
    #injectOf() {
        const field = name => this.#form.elements.namedItem(name).value.trim();
        const kind = field('kind');
        const text = field('text') || undefined;
        switch (kind) {
            case 'obligationCompleted':
                return { kind, incident: field('incident'), obligation: field('obligation'), note: text };
            case 'reportFiled':
                return { kind, incident: field('incident'), report: field('report'), content: text };
            default:
                return { kind: 'message', text, to: field('to') || undefined };
        }
    }

    async #inject() {
        const inject = this.#injectOf();
        const term = injectKinds[inject.kind];
        const done = await this.#send(`${term.zh} ${term.en}`, () => this.#api.drillInject(this.#run, inject));
        if (done) {
            this.#form.elements.namedItem('text').value = '';
        }
    }

    #step(step) {
        return this.#send(step === 'pause' ? '已暂停 Paused' : '已继续 Resumed', () => this.#api.drillStep(this.#run, step));
    }

    /** Sends a command of the drill; its answer is the drill's status (also with a refusal), shown at once. */
    async #send(what, command) {
        if (this.#busy || !this.#run) {
            return false;
        }

        const run = this.#run;
        this.#busy = true;
        this.#renderControls();
        const sentAt = Date.now();
        try {
            const status = await command();
            this.#took(run, status, sentAt);
            this.#result.replaceChildren(h('p', { class: 'done', role: 'status', dataset: { testid: 'drill-done' } }, `${what} ✓`));
            return true;
        } catch (error) {
            const problem = error instanceof ApiError ? error.problem : null;
            this.#took(run, problem?.drill, sentAt);
            this.#result.replaceChildren(h('div', { class: 'error', role: 'alert', dataset: { testid: 'drill-error' } },
                h('p', {}, error instanceof ApiError ? error.message : String(error)),
                Array.isArray(problem?.errors) && problem.errors.length > 0
                    ? h('ul', {}, problem.errors.map(e => h('li', {}, `${e.line}:${e.column} ${e.reason}`)))
                    : null));
            return false;
        } finally {
            this.#busy = false;
            this.#render();
        }
    }

    /** A command's answer carries the drill's status as of now: the banner and the clock follow it. */
    #took(run, status, sentAt) {
        if (!status || run !== this.#run) {
            return;
        }

        syncToSnapshot(status.virtualNow, sentAt, Date.now());
        this.#status = { ...status };
    }
}
