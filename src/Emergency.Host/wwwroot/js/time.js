// The board counts against the server's clock, not the browser's: deadlines are the engine's, and a drill
// (or a test) may run the engine on a clock of its own. The offset is estimated from every snapshot's asOf
// and moved forward by the moments that pushed summaries reveal.
// A drill's board counts against the drill's virtual clock instead, which runs at the drill's pace (x60: a
// virtual minute per second) or stands still while the drill is paused.

/** The server's time at a moment of the browser's, and how many server milliseconds pass per browser millisecond. */
let anchorServer = Date.now();
let anchorLocal = anchorServer;
let rate = 1;

/** The server's "now" (a drill's virtual now on a drill board), in milliseconds since the epoch. */
export function serverNow() {
    return anchorServer + (Date.now() - anchorLocal) * rate;
}

function anchor(server, local) {
    anchorServer = server;
    anchorLocal = local;
}

/**
  * The moment the board stopped being live (the feed lost), or null while it is live. While it is set, what the
  * board shows is counted as of that moment and says so ("截至 10:42"): no countdown runs on data that may be
  * out of date.
  */
let frozenAt = null;

export function setAsOf(moment) {
    frozenAt = Number.isFinite(moment) ? moment : null;
}

/** When the board stopped being live, or null while it is live. */
export function asOf() {
    return frozenAt;
}

/** The moment the board's clocks count against: the server's now while live, the moment the feed was lost otherwise. */
export function boardNow() {
    return frozenAt ?? serverNow();
}

/** A snapshot says the server's time was `asOf` somewhere between sending the request and reading the answer. */
export function syncToSnapshot(asOf, sentAt, receivedAt) {
    const server = Date.parse(asOf);
    if (!Number.isNaN(server)) {
        anchor(server, (sentAt + receivedAt) / 2);
    }
}

/**
  * How fast the board's clock runs: 1 for live work, a paced drill's speed while it runs, 0 while it is paused
  * or finished. Set from each snapshot; the clock goes on from where it stands.
  */
export function setClockRate(next) {
    const value = Number.isFinite(next) && next >= 0 ? next : 1;
    if (value !== rate) {
        anchor(serverNow(), Date.now());
        rate = value;
    }
}

/**
  * A pushed summary was computed at a moment the server has reached: the board's clock must not run behind it
  * (it does when the engine's clock jumps, as in a drill). Never moved backwards by a push, which may be old.
  */
export function catchUpWith(summary) {
    const pending = (summary.obligations ?? []).find(o => o.status === 'pending' && o.remaining);
    if (!pending) {
        return;
    }

    const computedAt = Date.parse(pending.dueAt) - parseTimeSpan(pending.remaining);
    if (!Number.isNaN(computedAt) && computedAt > serverNow()) {
        anchor(computedAt, Date.now());
    }
}

/** Reads a .NET TimeSpan as System.Text.Json writes it ("-1.02:03:04.5") into milliseconds; NaN if unreadable. */
export function parseTimeSpan(text) {
    const match = /^(-)?(?:(\d+)\.)?(\d+):(\d+):(\d+)(?:\.(\d+))?$/.exec(text ?? '');
    if (!match) {
        return Number.NaN;
    }

    const [, minus, days, hours, minutes, seconds, fraction] = match;
    const ms = (((Number(days ?? 0) * 24 + Number(hours)) * 60 + Number(minutes)) * 60 + Number(seconds)) * 1000
        + Math.round(Number(`0.${fraction ?? 0}`) * 1000);
    return minus ? -ms : ms;
}

const pad = n => String(n).padStart(2, '0');

/** A countdown for a wall: "1:59:07", "2 d 03:04:05"; never negative. */
export function countdown(ms) {
    const total = Math.max(0, Math.floor(ms / 1000));
    const days = Math.floor(total / 86400);
    const hours = Math.floor((total % 86400) / 3600);
    const clock = `${pad(Math.floor((total % 3600) / 60))}:${pad(total % 60)}`;
    return days > 0 ? `${days} d ${pad(hours)}:${clock}` : `${hours}:${clock}`;
}

/** A coarse span: "45 s", "12 min", "3 h 05 min", "2 d 4 h". */
export function span(ms) {
    const total = Math.max(0, Math.floor(ms / 1000));
    if (total < 60) {
        return `${total} s`;
    }

    const minutes = Math.floor(total / 60);
    if (minutes < 60) {
        return `${minutes} min`;
    }

    const hours = Math.floor(minutes / 60);
    if (hours < 24) {
        return `${hours} h ${pad(minutes % 60)} min`;
    }

    return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

// Every moment is shown in the deployment's zone (the engine's Display:TimeZone), whatever the browser's own zone:
// a duty officer in another province reads the same "08:00" as the engine's texts. The zone is named once in the top bar.

/** The deployment's zone (an IANA id) and its name in the chosen language, from GET /api/board/settings. */
let display = { lang: 'zh-CN', timeZone: 'Asia/Shanghai', zoneName: '' };
let formats = formatsOf(display);

function formatsOf({ lang, timeZone }) {
    const clock = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone };
    return {
        hoursMinutes: new Intl.DateTimeFormat(lang, clock),
        timeOfDay: new Intl.DateTimeFormat(lang, { ...clock, second: '2-digit' }),
        dateAndTime: new Intl.DateTimeFormat(lang, { ...clock, month: '2-digit', day: '2-digit' }),
        wall: new Intl.DateTimeFormat(lang, { ...clock, second: '2-digit', year: 'numeric', month: '2-digit', day: '2-digit' }),
        day: new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone }),
    };
}

/** Shows moments in `timeZone` in the language `lang`; a zone the browser does not know keeps the previous one. */
export function setDisplay({ lang, timeZone, zoneName }) {
    const next = { lang, timeZone: timeZone || display.timeZone, zoneName: zoneName ?? display.zoneName };
    try {
        formats = formatsOf(next);
        display = next;
    } catch {
        formats = formatsOf(display);
    }
}

/** "北京时间 (Asia/Shanghai)": the zone every moment on the board is shown in. */
export function zoneLabel() {
    return display.zoneName && display.zoneName !== display.timeZone
        ? `${display.zoneName} (${display.timeZone})`
        : display.timeZone;
}

/** "10:42:05" for the server's today in the deployment's zone, "03/02 10:42" for another day; "—" for nothing. */
export function clockTime(value) {
    if (value === null || value === undefined) {
        return '—';
    }

    const at = typeof value === 'number' ? value : Date.parse(value);
    if (Number.isNaN(at)) {
        return String(value);
    }

    const sameDay = formats.day.format(at) === formats.day.format(serverNow());
    return sameDay ? formats.timeOfDay.format(at) : formats.dateAndTime.format(at);
}

/** "10:42": a moment's hour and minute in the deployment's zone. */
export function hoursMinutes(ms) {
    return formats.hoursMinutes.format(ms);
}

/** "2026/03/02 08:00:12": the server's clock in the top bar. */
export function wallClock(ms) {
    return formats.wall.format(ms);
}

/** The full moment, for tooltips and the timeline. */
export function fullTime(value) {
    const at = Date.parse(value);
    return Number.isNaN(at) ? String(value ?? '') : formats.wall.format(at);
}

// A datetime-local input holds a wall time with no zone: the board reads and writes it in the deployment's zone.

const pad4 = n => String(n).padStart(4, '0');

/** The wall time of `ms` in the deployment's zone, as a datetime-local input holds it: "2026-03-02T08:00". */
export function zoneInputValue(ms) {
    const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', {
        timeZone: display.timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
    }).formatToParts(ms).map(p => [p.type, p.value]));
    return `${pad4(parts.year)}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

/** The moment a datetime-local value names in the deployment's zone, in milliseconds; NaN if it names none. */
export function fromZoneInput(value) {
    const match = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d)(?::(\d\d))?$/.exec(value ?? '');
    if (!match) {
        return Number.NaN;
    }

    const [, year, month, day, hour, minute, second] = match.map(Number);
    const wall = Date.UTC(year, month - 1, day, hour, minute, second || 0);
    // The zone's offset at that moment: where the wall time, read as UTC, lands against the moment itself.
    const offsetAt = ms => Date.parse(`${zoneInputValue(ms)}:00Z`) + (ms % 60000) - ms;
    let at = wall - offsetAt(wall);
    at = wall - offsetAt(at);
    return at;
}
