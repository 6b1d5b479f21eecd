// The public information page: read-only, no sign-in, Chinese first with an English switch remembered in this
// browser. It reads the public API only (/api/public/...), which answers live cases alone and names nobody; every
// text is set as text, never as markup.

const LanguageKey = 'emergency.public.language';
const Zone = 'Asia/Shanghai';

const words = {
    'zh-CN': {
        title: '环境信息公开',
        switchTo: 'English',
        lead: '本页公开突发环境事件信息发布、进行中的事件（仅级别和地区）、挂牌督办、黑名单、区域限批以及公开征求意见的重大决策。无需登录。',
        releases: '信息发布',
        feed: 'CAP 1.2 预警订阅（Atom）',
        incidents: '进行中的突发环境事件',
        level: '级别',
        area: '地区',
        open: '数量',
        supervisions: '挂牌督办',
        target: '督办对象',
        matter: '督办事项',
        issuedBy: '督办机关',
        listedAt: '挂牌时间',
        deadline: '整改期限',
        state: '状态',
        blacklist: '环境违法黑名单',
        enterprise: '企业',
        reason: '事由',
        since: '时间',
        restrictions: '区域限批',
        consultations: '重大决策公开征求意见',
        footer: '时间均为北京时间。演练信息不在本页公开。',
        none: '暂无',
        published: '发布时间',
        for: '面向',
        correctionReason: '更正原因',
        withdrawn: '撤回',
        cap: 'CAP 预警',
        howToComment: '如何提出意见',
        openedAt: '开始征求意见',
        openUntil: '征求意见至少至',
        proposal: '方案',
        loadFailed: '信息暂时无法读取（{status}），请稍后再试。',
        tooMany: '请求过于频繁，请 {seconds} 秒后再试。',
        levels: { I: 'Ⅰ级（特别重大）', II: 'Ⅱ级（重大）', III: 'Ⅲ级（较大）', IV: 'Ⅳ级（一般）' },
        kinds: { alert: '首次发布', update: '续发', correction: '更正', withdrawal: '撤回' },
        audiences: { public: '社会公众', media: '新闻媒体', downstreamWaterUsers: '下游用水单位' },
        statuses: { open: '整改中', overdue: '逾期未整改', lifted: '已解除', liftedLate: '逾期后解除' },
        targets: { enterprise: '企业', region: '区域' },
        decisionKinds: { investmentProject: '重大投资项目', policy: '重大政策措施', plan: '重要规划', other: '其他重大事项' },
    },
    en: {
        title: 'Public environmental information',
        switchTo: '中文',
        lead: 'Incident information releases, open incidents (level and area only), listed supervision, the blacklist, regional approval restrictions and major decisions open for public comment. No sign-in needed.',
        releases: 'Information releases',
        feed: 'CAP 1.2 alert feed (Atom)',
        incidents: 'Open environmental incidents',
        level: 'Level',
        area: 'Area',
        open: 'Open',
        supervisions: 'Listed supervision',
        target: 'Under supervision',
        matter: 'Matter',
        issuedBy: 'Listed by',
        listedAt: 'Listed',
        deadline: 'Rectify by',
        state: 'Status',
        blacklist: 'Environmental blacklist',
        enterprise: 'Enterprise',
        reason: 'Reason',
        since: 'Since',
        restrictions: 'Regional approval restrictions',
        consultations: 'Major decisions open for public comment',
        footer: 'All times are Beijing time. Drills are never published here.',
        none: 'None',
        published: 'Published',
        for: 'For',
        correctionReason: 'Corrected because',
        withdrawn: 'Withdrawn',
        cap: 'CAP alert',
        howToComment: 'How to comment',
        openedAt: 'Open since',
        openUntil: 'Open at least until',
        proposal: 'Proposal',
        loadFailed: 'The information cannot be read just now ({status}); please try again later.',
        tooMany: 'Too many requests; please try again in {seconds} s.',
        levels: { I: 'I (extraordinarily serious)', II: 'II (serious)', III: 'III (relatively serious)', IV: 'IV (ordinary)' },
        kinds: { alert: 'First release', update: 'Update', correction: 'Correction', withdrawal: 'Withdrawal' },
        audiences: { public: 'the public', media: 'the media', downstreamWaterUsers: 'downstream water users' },
        statuses: { open: 'being rectified', overdue: 'overdue', lifted: 'lifted', liftedLate: 'lifted late' },
        targets: { enterprise: 'enterprise', region: 'region' },
        decisionKinds: { investmentProject: 'investment project', policy: 'policy', plan: 'plan', other: 'other matter' },
    },
};

let language = chosenLanguage();
let data = null;

function chosenLanguage() {
    const asked = new URLSearchParams(location.search).get('lang');
    if (asked === 'en' || asked === 'zh-CN') {
        return asked;
    }

    try {
        return localStorage.getItem(LanguageKey) === 'en' ? 'en' : 'zh-CN';
    } catch {
        return 'zh-CN';
    }
}

const t = key => words[language][key] ?? key;

const term = (group, value) => words[language][group]?.[value] ?? value;

function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ''));
}

function moment(iso) {
    return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'zh-CN', {
        timeZone: Zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false,
    }).format(new Date(iso));
}

/** An element with text content only: whatever the engine answers is never parsed as markup. */
function el(tag, attributes = {}, ...children) {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
        element.setAttribute(name, value);
    }

    for (const child of children) {
        element.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }

    return element;
}

function level(value) {
    return el('span', { class: `level level-${value}`, 'data-level': value }, term('levels', value));
}

function rows(body, items, columns, row) {
    body.replaceChildren(...(items.length === 0
        ? [el('tr', {}, el('td', { class: 'empty', colspan: String(columns) }, t('none')))]
        : items.map(row)));
}

function renderReleases(releases) {
    const list = document.getElementById('releases');
    list.replaceChildren(...(releases.length === 0 ? [el('li', { class: 'empty' }, t('none'))] : releases.map(r => {
        const english = language === 'en' && r.headlineEn && r.textEn;
        const item = el('li', { class: `release kind-${r.kind}`, 'data-testid': 'release', 'data-identifier': r.identifier },
            el('h3', {}, english ? r.headlineEn : r.headline),
            el('p', { class: 'meta' },
                `${term('kinds', r.kind)} · ${t('published')} ${moment(r.publishedAt)} · ${t('for')} ${term('audiences', r.audience)} · `,
                level(r.level), ` · ${r.regionName} · `,
                el('a', { href: r.cap, type: 'application/cap+xml' }, t('cap'))),
            el('p', { class: 'text' }, english ? r.textEn : r.text));
        if (r.reason) {
            item.append(el('p', { class: 'meta' }, `${r.kind === 'withdrawal' ? t('withdrawn') : t('correctionReason')}: ${r.reason}`));
        }

        return item;
    })));
}

function renderConsultations(consultations) {
    const list = document.getElementById('consultations');
    list.replaceChildren(...(consultations.length === 0 ? [el('li', { class: 'empty' }, t('none'))] : consultations.map(c => el('li', { 'data-testid': 'consultation' },
        el('h3', {}, c.title),
        el('p', { class: 'meta' }, `${term('decisionKinds', c.kind)} · ${c.regionName} · ${t('openedAt')} ${moment(c.openedAt)} · ${t('openUntil')} ${moment(c.mayCloseAt)}`),
        el('p', { class: 'text' }, `${t('proposal')}: ${c.proposal}`),
        el('p', { class: 'how' }, el('strong', {}, `${t('howToComment')}: `), c.channel)))));
}

function render() {
    document.documentElement.lang = language;
    document.title = `${t('title')} · ${words[language === 'en' ? 'zh-CN' : 'en'].title}`;
    for (const element of document.querySelectorAll('[data-i18n]')) {
        element.textContent = t(element.dataset.i18n);
    }

    if (data === null) {
        return;
    }

    renderReleases(data.releases);
    rows(document.getElementById('incidents'), data.incidents, 3, c => el('tr', { 'data-testid': 'incident-count', 'data-level': c.level },
        el('td', {}, level(c.level)), el('td', {}, c.regionName), el('td', {}, c.open)));
    rows(document.getElementById('supervisions'), data.enforcement.supervisions, 6, s => el('tr', { 'data-testid': 'supervision' },
        el('td', {}, `${s.target}（${term('targets', s.targetKind)}）`), el('td', {}, s.matter), el('td', {}, s.issuedBy),
        el('td', {}, moment(s.listedAt)), el('td', {}, moment(s.rectificationDeadline)),
        el('td', { class: s.status === 'overdue' ? 'overdue' : '' }, term('statuses', s.status))));
    rows(document.getElementById('blacklist'), data.enforcement.blacklist, 3, b => el('tr', { 'data-testid': 'blacklisted' },
        el('td', {}, b.enterprise), el('td', {}, b.reason), el('td', {}, moment(b.addedAt))));
    rows(document.getElementById('restrictions'), data.enforcement.restrictions, 3, r => el('tr', { 'data-testid': 'restriction' },
        el('td', {}, r.regionName), el('td', {}, r.reason), el('td', {}, moment(r.setAt))));
    renderConsultations(data.consultations);
}

async function read(path) {
    const response = await fetch(`/api/public/${path}`, { headers: { Accept: 'application/json', 'Accept-Language': language } });
    if (!response.ok) {
        const seconds = response.headers.get('Retry-After');
        throw new Error(response.status === 429 && seconds ? fill(t('tooMany'), { seconds }) : fill(t('loadFailed'), { status: response.status }));
    }

    return response.json();
}

async function load() {
    const status = document.getElementById('status');
    try {
        const [releases, incidents, enforcement, consultations] = await Promise.all(['releases', 'incidents', 'enforcement', 'consultations'].map(read));
        data = { releases, incidents, enforcement, consultations };
        status.textContent = '';
        document.body.dataset.loaded = 'true';
    } catch (error) {
        status.textContent = error.message;
    }

    render();
}

document.getElementById('language').addEventListener('click', () => {
    language = language === 'en' ? 'zh-CN' : 'en';
    try {
        localStorage.setItem(LanguageKey, language);
    } catch {
        // A browser that keeps nothing still switches for this page.
    }

    render();
});

render();
load();
