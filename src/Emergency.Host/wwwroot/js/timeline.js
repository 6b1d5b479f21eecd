// An incident's timeline by when things happened (a step done at 08:40 and recorded at 10:15 stands at 08:40), each
// line with its date and, when it was recorded later, when it was recorded. Lines that happened at the same moment keep
// the order the engine recorded them in.

import { bilingual, h } from './dom.js';
import { t } from './i18n.js';
import { timelineKinds } from './terms.js';
import { fullTime } from './time.js';

/** A line recorded this long or more after it happened says when it was recorded. */
const RecordedLaterMs = 60 * 1000;

export function timelineSection(view) {
    const entries = [...view.timeline].sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || a.seq - b.seq);
    return h('section', { class: 'detail-timeline' },
        h('h3', {}, t('timeline.title'), ' ', h('span', { class: 'hint' }, t('timeline.order'))),
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
        })));
}
