// The engine's HTTP API, for a person's session (the cookie, and its antiforgery token on every command) or a
// machine token. Errors come back as RFC 7807 problem details; the `detail` sentence is what the duty officer reads.
// Every request says the board's language, so the engine's texts come back in it.

import { language } from './i18n.js';

export class ApiError extends Error {
    constructor(status, problem) {
        super(problem?.detail || problem?.title || describeStatus(status));
        this.status = status;
        this.problem = problem;
    }
}

function describeStatus(status) {
    switch (status) {
        case 401: return '未登录 Not signed in, or the token is not known';
        case 403: return '无权限 Your role may not do this';
        case 0: return '无法连接引擎 The engine cannot be reached';
        default: return `引擎返回 The engine answered ${status}`;
    }
}

/** An Idempotency-Key: random, and also where crypto.randomUUID is missing (plain http on a LAN address). */
export function newIdempotencyKey() {
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = [...bytes].map(b => b.toString(16).padStart(2, '0')).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A person's session: `session` is the sign-in's answer (who, the antiforgery token and its header). */
export class Api {
    constructor(token, session = null) {
        this.token = token;
        this.session = session;
    }

    /** Signs a person in: the engine sets the session cookie and answers the session's antiforgery token. */
    static async signIn(name, password) {
        return new Api(null, await new Api(null).post('/auth/sign-in', { name, password }));
    }

    /** The session this browser already has (the cookie is not readable by script), or null. */
    static async resumeSession() {
        try {
            return new Api(null, await new Api(null).get('/auth/session'));
        } catch (error) {
            if (error instanceof ApiError && error.status === 401) {
                return null;
            }

            throw error;
        }
    }

    /** Ends a person's session; a token has none to end. */
    async signOut() {
        if (this.session) {
            await this.post('/auth/sign-out');
        }
    }

    get(path) {
        return this.#send('GET', path);
    }

    /**
      * A command, with its Idempotency-Key: a form gives the key of its fill, kept until the command succeeds, so
      * that sending the same fill again after a lost answer is recognised and applied once; else a fresh one.
      */
    post(path, body, key) {
        return this.#send('POST', path, body, key);
    }

    me() {
        return this.get('/api/me');
    }

    board(scope) {
        return this.get(`/api/board?scope=${encodeURIComponent(scope)}`);
    }

    /** The deployment's zone, in which the board shows every moment, and its name. */
    boardSettings() {
        return this.get('/api/board/settings');
    }

    incident(id) {
        return this.get(`/api/incidents/${encodeURIComponent(id)}`);
    }

    /** The page of an incident's timeline before the entry numbered `before`: `{ entries, total }`, oldest first. */
    incidentTimeline(id, before, count) {
        return this.get(`/api/incidents/${encodeURIComponent(id)}/timeline?before=${before}&count=${count}`);
    }

    /** 接报: registers an incident; answers it as registered (201). */
    registerIncident(registration, key) {
        return this.post('/api/incidents', registration, key);
    }

    /** What registering would give (grade, deadlines), nothing stored. */
    previewIncident(registration) {
        return this.post('/api/incidents/preview', registration);
    }

    /** Completes a step at `at` (an ISO moment, when it really happened; the engine's now when not given). */
    completeObligation(id, obligation, note, notified, key, at = null) {
        return this.post(`/api/incidents/${encodeURIComponent(id)}/obligations/${encodeURIComponent(obligation)}/complete`,
            { note: note || null, notified: notified || null, at }, key);
    }

    fileReport(id, report, key) {
        return this.post(`/api/incidents/${encodeURIComponent(id)}/reports`, report, key);
    }

    close(id, key) {
        return this.post(`/api/incidents/${encodeURIComponent(id)}/close`, undefined, key);
    }

    /** 预警升级: turns an early warning into an incident; answers the warning with its escalation. */
    escalateWarning(id, key) {
        return this.post(`/api/warnings/${encodeURIComponent(id)}/escalate`, undefined, key);
    }

    /** Any move of an incident by its name (facts, acknowledgeAlert, recordHop, sendWarning, draftRelease…): answers the incident. */
    move(id, name, body, key) {
        return this.post(`/api/incidents/${encodeURIComponent(id)}/${encodeURIComponent(name)}`, body ?? {}, key);
    }

    /** A page of the engine's (a drill's report), as text, with this session's credentials. */
    async page(path) {
        const headers = { Accept: 'text/html', 'Accept-Language': language() };
        if (this.token) {
            headers.Authorization = `Bearer ${this.token}`;
        }

        const response = await fetch(path, { headers, cache: 'no-store', credentials: 'same-origin' });
        if (!response.ok) {
            let problem = null;
            try {
                problem = await response.json();
            } catch {
                problem = null;
            }

            throw new ApiError(response.status, problem);
        }

        return response.text();
    }

    /** An inject by hand into a paced drill, in the scenario's inject format (JSON is YAML too). */
    drillInject(run, inject) {
        return this.post(`/api/drills/${encodeURIComponent(run)}/injects`, inject);
    }

    /** Pauses or resumes a paced drill's clock: `step` is 'pause' or 'resume'. */
    drillStep(run, step) {
        return this.post(`/api/drills/${encodeURIComponent(run)}/${step}`);
    }

    async #send(method, path, body, key) {
        const headers = { Accept: 'application/json', 'Accept-Language': language() };
        if (this.token) {
            headers.Authorization = `Bearer ${this.token}`;
        }

        if (method !== 'GET') {
            headers['Idempotency-Key'] = key ?? newIdempotencyKey();
            if (this.session) {
                headers[this.session.header] = this.session.antiforgery;
            }
        }

        if (body !== undefined) {
            headers['Content-Type'] = 'application/json';
        }

        let response;
        try {
            response = await fetch(path, {
                method,
                headers,
                body: body === undefined ? undefined : JSON.stringify(body),
                cache: 'no-store',
                credentials: 'same-origin',
            });
        } catch {
            throw new ApiError(0, null);
        }

        const text = await response.text();
        let json = null;
        if (text) {
            try {
                json = JSON.parse(text);
            } catch {
                json = null;
            }
        }

        if (!response.ok) {
            throw new ApiError(response.status, json);
        }

        return json;
    }
}
