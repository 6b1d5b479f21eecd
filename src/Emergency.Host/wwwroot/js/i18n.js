// The board speaks one language at a time: Chinese unless English was chosen, remembered in this browser. Its own
// words are here, one dictionary per language; the engine's texts come back in the same language because every
// request and the live channel say which one they read.

const LanguageKey = 'emergency.board.language';

/** The languages a reader may choose, as the engine names them (its Accept-Language and ui-culture values). */
export const Languages = ['zh-CN', 'en'];

const words = {
    'zh-CN': {
        title: '应急指挥看板',
        switchTo: 'English',
        switchLabel: '界面语言',
        serverTime: '服务器时间',
        serverTimeHint: '服务器时间：所有倒计时均以其为准',
        drillClock: '演练时钟',
        zone: '时区',
        scope: '范围',
        scopePlaceholder: '实时 live · 演练编号',
        show: '查看',
        live: '实时',
        logout: '退出',
        filters: '筛选',
        region: '地区',
        allRegions: '全部地区',
        level: '级别',
        allLevels: '全部级别',
        overdueOnly: '仅超时',
        compact: '紧凑视图',
        escalate: '升级为事件',
        escalateConfirm: '确认升级为突发环境事件',
        escalated: '已升级为事件 {incident}',
        incidents: '突发环境事件',
        noIncidents: '无进行中的事件',
        alerts: '警报',
        noAlerts: '暂无警报',
        disputes: '矛盾纠纷',
        noDisputes: '无进行中的信访',
        decisions: '重大决策',
        restrictions: '区域限批',
        noDecisions: '无进行中的重大决策',
        drill: '演练',
        drillControls: '演练控制',
        detail: '事件详情',
        'status.connecting': '连接中…',
        'status.syncing': '同步中…',
        'status.live': '实时',
        'status.reconnecting': '重连中… · 数据截至 {since}',
        'status.stale': '数据过期，截至 {since}',
        'status.offline': '未连接',
        tokenRejected: '登录已失效，请重新登录',
        notLive: '非实时 · 与引擎的连接已中断，数据截至 {since}，倒计时已停止 · 正在重连…',
        'register.open': '接报',
        'register.title': '接报登记',
        'register.cancel': '取消',
        'register.what': '事件',
        'register.incidentTitle': '事件名称',
        'register.region': '地区',
        'register.discoveredAt': '发现时间',
        'register.sourceChannel': '来源',
        'register.description': '情况',
        'register.facts': '定级事实',
        'register.unknownHint': '数量未知的留空：定级待定，报告时限可能缩短',
        'register.unknown': '未知',
        'register.deaths': '死亡（人）',
        'register.poisoned': '中毒（人）',
        'register.seriouslyInjured': '重伤（人）',
        'register.evacuated': '疏散转移（人）',
        'register.directLossCny': '直接经济损失（元）',
        'register.intakeScale': '饮用水水源地取水中断',
        'register.intake': '取水口名称',
        'register.crossBoundary': '跨界影响',
        'register.ecologicalImpact': '生态影响',
        'register.preview': '预览定级与时限',
        'register.confirm': '确认接报',
        'register.previewAgain': '事实已修改，请重新预览后再确认',
        'register.wouldBe': '接报后将定为',
        'register.unclear': '待定',
        'register.future': '发现时间不能晚于现在',
        'complete.at': '完成时间',
        'complete.future': '完成时间不能晚于现在',
        asOf: '截至 {at}',
        dueAt: '截止 {at}',
        alertHistory: '已解决与动态',
        overdueAsOf: '超时 · 截至 {at}',
        incidentCount: '{shown} · 超时 {overdue}',
    },
    en: {
        title: 'Emergency command board',
        switchTo: '中文',
        switchLabel: 'Language',
        serverTime: 'Server time',
        serverTimeHint: 'Server time: every countdown is counted against it',
        drillClock: 'Drill clock',
        zone: 'Time zone',
        scope: 'Scope',
        scopePlaceholder: 'live · drill run id',
        show: 'Show',
        live: 'Live',
        logout: 'Log out',
        filters: 'Filters',
        region: 'Region',
        allRegions: 'All regions',
        level: 'Level',
        allLevels: 'All levels',
        overdueOnly: 'Overdue only',
        compact: 'Compact view',
        escalate: 'Escalate',
        escalateConfirm: 'Confirm: escalate into an incident',
        escalated: 'Escalated into incident {incident}',
        incidents: 'Incidents',
        noIncidents: 'No open incidents',
        alerts: 'Alerts',
        noAlerts: 'No alerts',
        disputes: 'Disputes',
        noDisputes: 'No open petitions or complaints',
        decisions: 'Decisions',
        restrictions: 'Regional approval restrictions in force',
        noDecisions: 'No open major decisions',
        drill: 'Drill',
        drillControls: 'Drill controls',
        detail: 'Incident detail',
        'status.connecting': 'Connecting…',
        'status.syncing': 'Syncing…',
        'status.live': 'Live',
        'status.reconnecting': 'Reconnecting… · stale since {since}',
        'status.stale': 'Stale since {since}',
        'status.offline': 'Offline',
        tokenRejected: 'The session or the token is no longer accepted: sign in again',
        notLive: 'Not live · the connection to the engine is lost; data as of {since}, countdowns stopped · reconnecting…',
        'register.open': 'Register incident',
        'register.title': 'Register an incident',
        'register.cancel': 'Cancel',
        'register.what': 'Incident',
        'register.incidentTitle': 'Title',
        'register.region': 'Region',
        'register.discoveredAt': 'Discovered at',
        'register.sourceChannel': 'Source',
        'register.description': 'Description',
        'register.facts': 'Grading facts',
        'register.unknownHint': 'Leave a count empty when it is not known: the grade is then unclear, which may shorten the report deadline',
        'register.unknown': 'unknown',
        'register.deaths': 'Deaths',
        'register.poisoned': 'Poisoned',
        'register.seriouslyInjured': 'Seriously injured',
        'register.evacuated': 'Evacuated',
        'register.directLossCny': 'Direct loss (CNY)',
        'register.intakeScale': 'Drinking-water intake interrupted',
        'register.intake': 'Which intake',
        'register.crossBoundary': 'Crosses boundaries',
        'register.ecologicalImpact': 'Ecological impact',
        'register.preview': 'Preview grade and deadlines',
        'register.confirm': 'Confirm registration',
        'register.previewAgain': 'A fact changed: preview again before confirming',
        'register.wouldBe': 'Registered now, it would be',
        'register.unclear': 'unclear',
        'register.future': 'The discovery cannot be later than now',
        'complete.at': 'Done at',
        'complete.future': 'A step cannot be done later than now',
        asOf: 'as of {at}',
        dueAt: 'due {at}',
        alertHistory: 'Resolved and past events',
        overdueAsOf: 'overdue · as of {at}',
        incidentCount: '{shown} · overdue {overdue}',
    },
};

let current = Languages.includes(localStorage.getItem(LanguageKey)) ? localStorage.getItem(LanguageKey) : 'zh-CN';

/** The language the reader chose ('zh-CN' or 'en'). */
export function language() {
    return current;
}

export function setLanguage(next) {
    current = Languages.includes(next) ? next : 'zh-CN';
    localStorage.setItem(LanguageKey, current);
}

/** Which of a bilingual term's two names to show: `zh` or `en`. */
export function termLanguage() {
    return current === 'en' ? 'en' : 'zh';
}

/** One of the board's own words in the chosen language, its {names} filled from `args`. */
export function t(key, args = {}) {
    const template = words[current][key] ?? words['zh-CN'][key] ?? key;
    return template.replace(/\{(\w+)\}/g, (match, name) => (name in args ? String(args[name]) : match));
}

/**
  * Writes the board's words into the page: an element's text from data-i18n, its placeholder, aria-label or title from
  * data-i18n-placeholder, data-i18n-aria and data-i18n-title.
  */
export function translatePage(root = document) {
    document.documentElement.lang = current;
    document.title = t('title');
    for (const element of root.querySelectorAll('[data-i18n]')) {
        element.textContent = t(element.dataset.i18n);
    }

    for (const element of root.querySelectorAll('[data-i18n-placeholder]')) {
        element.placeholder = t(element.dataset.i18nPlaceholder);
    }

    for (const element of root.querySelectorAll('[data-i18n-aria]')) {
        element.setAttribute('aria-label', t(element.dataset.i18nAria));
    }

    for (const element of root.querySelectorAll('[data-i18n-title]')) {
        element.title = t(element.dataset.i18nTitle);
    }
}
