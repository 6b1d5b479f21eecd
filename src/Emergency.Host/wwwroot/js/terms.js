// The board's words, in Chinese and English: the same names as the API, the README and the scenario files.

/** The five first-moment obligations (五个第一时间), the report a change of level requires, the notice to neighbouring areas, the warnings downstream of a river spill, the hops of the reporting chain and the warnings to each neighbouring area. */
export const obligations = {
    report: { zh: '报告', en: 'Report' },
    reachScene: { zh: '赶赴现场', en: 'Reach scene' },
    startMonitoring: { zh: '开展监测', en: 'Monitoring' },
    organiseInvestigation: { zh: '组织调查', en: 'Investigation' },
    releaseInformation: { zh: '发布信息', en: 'Release info' },
    levelChangeReport: { zh: '重新报告', en: 'Report at new level' },
    notifyNeighbours: { zh: '通报相邻区域', en: 'Notify neighbours' },
    warnDownstream: { zh: '下游预警', en: 'Warn downstream' },
    reportUp: { zh: '逐级上报', en: 'Report up' },
    warnNeighbour: { zh: '相邻区域预警', en: 'Warn a neighbour' },
};

/** False, concealed and omitted reports: the violations a correction records besides lateness (迟报). */
export const correctionKinds = {
    falsified: { zh: '谎报', en: 'Falsified report' },
    concealed: { zh: '瞒报', en: 'Concealed report' },
    omitted: { zh: '漏报', en: 'Omitted report' },
};

/** Incident levels of the 2014 national plan; "I" is the most serious. */
export const levels = {
    I: { zh: '特别重大', en: 'Particularly major' },
    II: { zh: '重大', en: 'Major' },
    III: { zh: '较大', en: 'Relatively major' },
    IV: { zh: '一般', en: 'General' },
};

export const levelOrder = ['I', 'II', 'III', 'IV'];

export const statuses = {
    pending: { zh: '待办', en: 'Pending' },
    overdue: { zh: '超时', en: 'Overdue' },
    completed: { zh: '已完成', en: 'Done' },
    completedLate: { zh: '逾期完成', en: 'Done late' },
};

export const phases = {
    registered: { zh: '已接报', en: 'Registered' },
    responding: { zh: '处置中', en: 'Responding' },
    finalReportFiled: { zh: '已终报', en: 'Final report filed' },
    closed: { zh: '已结案', en: 'Closed' },
};

export const alertKinds = {
    obligationOverdue: { zh: '超时', en: 'Overdue' },
    dueSoon: { zh: '一小时内到期', en: 'Due within the hour' },
    regraded: { zh: '调级', en: 'Regraded' },
    escalated: { zh: '升级', en: 'Escalated' },
    correctionRecorded: { zh: '谎报/瞒报/漏报', en: 'Shown untrue' },
    obligationReopened: { zh: '重新打开', en: 'Reopened' },
    warningAcknowledged: { zh: '预警已确认', en: 'Warning acknowledged' },
    releaseDrafted: { zh: '信息拟稿', en: 'Release drafted' },
    releaseApproved: { zh: '信息审核签发', en: 'Release approved' },
    releasePublished: { zh: '信息发布', en: 'Release published' },
    hopRecorded: { zh: '逐级上报', en: 'Report up the chain' },
};

export const reportKinds = {
    initial: { zh: '初报', en: 'Initial report' },
    followUp: { zh: '续报', en: 'Follow-up report' },
    final: { zh: '处理结果报告', en: 'Final report' },
};

export const reportMedia = {
    phone: { zh: '电话', en: 'Phone' },
    written: { zh: '书面', en: 'Written' },
};

export const timelineKinds = {
    registered: { zh: '接报', en: 'Registered' },
    graded: { zh: '定级', en: 'Graded' },
    deadlineSet: { zh: '时限', en: 'Deadline set' },
    factsUpdated: { zh: '事实更新', en: 'Facts updated' },
    regraded: { zh: '调级', en: 'Regraded' },
    deadlineChanged: { zh: '时限变更', en: 'Deadline changed' },
    obligationCompleted: { zh: '完成', en: 'Completed' },
    obligationOverdue: { zh: '超时', en: 'Overdue' },
    dueSoon: { zh: '一小时内到期', en: 'Due within the hour' },
    reportFiled: { zh: '报告', en: 'Report filed' },
    closed: { zh: '结案', en: 'Closed' },
    correctionRecorded: { zh: '谎报/瞒报/漏报', en: 'Shown untrue' },
    obligationReopened: { zh: '重新打开', en: 'Reopened' },
    warningAcknowledged: { zh: '预警已确认', en: 'Warning acknowledged' },
    releaseDrafted: { zh: '信息拟稿', en: 'Release drafted' },
    releaseApproved: { zh: '信息审核签发', en: 'Release approved' },
    releasePublished: { zh: '信息发布', en: 'Release published' },
    hopRecorded: { zh: '逐级上报', en: 'Report up the chain' },
    alertAcknowledged: { zh: '警报已确认', en: 'Alert acknowledged' },
};

export const roles = {
    dutyCommander: { zh: '值班指挥', en: 'Duty commander' },
    decisionMaker: { zh: '决策者', en: 'Decision maker' },
    drillOrganiser: { zh: '演练组织者', en: 'Drill organiser' },
    observer: { zh: '观察员', en: 'Observer' },
    petitionOfficer: { zh: '信访工作人员', en: 'Petition officer' },
    administrator: { zh: '管理员', en: 'Administrator' },
    auditor: { zh: '审计员', en: 'Auditor' },
};

/** "赶赴现场 Reach scene"; an unknown name is shown as it is. */
export function both(table, name) {
    const term = table[name];
    return term ? `${term.zh} ${term.en}` : String(name);
}

/** Where a drill run stands. */
export const drillPhases = {
    running: { zh: '进行中', en: 'Running' },
    paused: { zh: '已暂停', en: 'Paused' },
    finished: { zh: '已结束', en: 'Finished' },
    failed: { zh: '已失败', en: 'Failed' },
};

/** The injects an organiser may send by hand from the board (the scenario format's kinds). */
export const injectKinds = {
    obligationCompleted: { zh: '完成步骤', en: 'Complete a step' },
    reportFiled: { zh: '提交报告', en: 'File a report' },
    message: { zh: '发送消息', en: 'Message to players' },
};

/** 接报来源: how the department learnt of an incident. */
export const sourceChannels = {
    hotline12369: { zh: '12369热线', en: '12369 hotline' },
    enterprise: { zh: '企业报告', en: 'Enterprise' },
    patrol: { zh: '巡查', en: 'Patrol' },
    monitoring: { zh: '监测', en: 'Monitoring' },
    media: { zh: '媒体', en: 'Media' },
    government: { zh: '政府部门', en: 'Government' },
    public: { zh: '群众', en: 'Public' },
    other: { zh: '其他', en: 'Other' },
};

/** 跨界: how far the pollution crosses administrative boundaries. */
export const crossBoundaries = {
    none: { zh: '未跨界', en: 'None' },
    countyDispute: { zh: '县际纠纷', en: 'Dispute between counties' },
    crossCity: { zh: '跨设区的市', en: 'Crosses a city boundary' },
    crossProvince: { zh: '跨省', en: 'Crosses a province boundary' },
    crossBorder: { zh: '跨国境', en: 'Crosses a national border' },
    majorCrossBorder: { zh: '重大跨国境影响', en: 'Major impact across a border' },
};

/** 生态影响: effect on ecological functions and protected species. */
export const ecologicalImpacts = {
    none: { zh: '无', en: 'None' },
    someEffect: { zh: '有一定影响', en: 'Some effect' },
    protectedSpeciesHarmed: { zh: '保护物种受损', en: 'Protected species harmed' },
    partialLossOrMassDieOff: { zh: '区域生态功能部分丧失或保护种群大批死亡', en: 'Partial loss of function or mass die-off' },
    regionalLossOrExtinction: { zh: '区域生态功能丧失或保护物种灭绝', en: 'Regional loss or extinction' },
};

/** 取水中断: whose centralised drinking-water intake stopped because of the pollution. */
export const intakeScales = {
    none: { zh: '无', en: 'None' },
    township: { zh: '乡镇', en: 'Township' },
    county: { zh: '县级', en: 'County' },
    city: { zh: '设区的市', en: 'City' },
};

/** The grading facts that are yes or no. */
export const factFlags = {
    drinkingWaterSource: { zh: '涉及饮用水水源', en: 'Drinking-water source affected' },
    sensitiveReceptors: { zh: '涉及居民区、学校、医院', en: 'Homes, schools or hospitals affected' },
    heavyMetals: { zh: '涉及重金属', en: 'Heavy metals' },
    possibleCrossProvince: { zh: '可能跨省', en: 'May cross a province boundary' },
    massIncident: { zh: '可能引发群体性事件', en: 'A mass incident may follow' },
    hazardousReleaseInSensitiveArea: { zh: '敏感区域危化品/重金属泄漏', en: 'Hazardous release in a sensitive area' },
};
