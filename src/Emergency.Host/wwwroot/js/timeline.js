// An incident's timeline by when things happened (a step done at 08:40 and recorded at 10:15 stands at 08:40), each
// line with its date and, when it was recorded later, when it was recorded. Lines that happened at the same moment keep
// the order the engine recorded them in. The incident's view carries only its newest entries and the count of all;
// "earlier entries" loads the page before the oldest one shown, and the entries loaded stay while the view refreshes.

import { bilingual, h } from './dom.js';
import { t } from './i18n.js';
import { timelineKinds } from './terms.js';
import { fullTime } from './time.js';

/** A line recorded this long or more after it happened says when it was recorded. */
const RecordedLaterMs = 60 * 1000;

/** Entries asked for per "earlier entries". */
export const TimelinePage = 50;

/**
 * The entries to show: the view's newest ones with the older ones loaded (`older`, a Map by seq), and the number of
 * the oldest entry from which every later one is there (the next page ends before it; 1: nothing is missing).
 */
export function timelineEntries(view, older) {
    const bySeq = new Map(older);
    view.timeline.forEach(entry => bySeq.set(entry.seq, entry));
    let from = Math.max(0, ...bySeq.keys()) + 1;
    while (bySeq.has(from - 1)) {
        from -= 1;
    }

    return { entries: [...bySeq.values()], from };
}

/** `older`: the entries loaded before the view's (a Map by seq); `loadEarlier(before)`: loads the page before `before` (null: nothing to load). */
export function timelineSection(view, older = new Map(), loadEarlier = null) {
    const shown = timelineEntries(view, older);
    const entries = shown.entries.sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || a.seq - b.seq);
    const total = view.timelineCount ?? view.timeline.length;
    const missing = shown.from > 1 && total > shown.entries.length;
    return h('section', { class: 'detail-timeline' },
        h('h3', {}, t('timeline.title'), ' ', h('span', { class: 'hint' }, t('timeline.order')),
            total > entries.length ? h('span', { class: 'hint', dataset: { testid: 'timeline-count' } }, ' ', t('timeline.shown', { shown: entries.length, total })) : null),
        h('ol', { class: 'timeline', dataset: { testid: 'timeline' } }, entries.map(entry => {
            const later = Date.parse(entry.recordedAt) - Date.parse(entry.at) >= RecordedLaterMs;
            return h('li', {
                class: `entry entry-${entry.kind}`,
                dataset: { kind: entry.kind, seq: String(entry.seq), at: entry.at, recordedAt: entry.recordedAt, testid: 'timeline-entry' },
            },
            h('time', { datetime: entry.at, class: 'entry-at' }, fullTime(entry.at)),
            h('span', { class: 'entry-kind' }, bilingual(timelineKinds[entry.kind] ?? { zh: '', en: entry.kind })),
            h('span', { class: 'entry-text' }, entry.text),
            h('span', { class: 'entry-actor' }, entry.actor),
            later
                ? h('span', { class: 'entry-recorded', dataset: { testid: 'recorded-at' } }, t('timeline.recorded', { at: fullTime(entry.recordedAt) }))
                : null);
        })),
        missing && loadEarlier
            ? h('button', { type: 'button', class: 'timeline-more', dataset: { testid: 'timeline-more' }, onclick: () => loadEarlier(shown.from) }, t('timeline.more'))
            : null);
}
