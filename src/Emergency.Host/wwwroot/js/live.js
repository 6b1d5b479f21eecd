// The live feed: a SignalR connection to /hubs/board that keeps the store in step with the engine. Every kind of
// case arrives as one message, "caseChanged", naming its kind; the store applies the version rule to each.
// On connect and on every reconnect the board watches the scope first and then loads the snapshot, so that no
// change can fall between the two; a version gap or a "resync" from the server reloads the snapshot.
// The scope is "live" or a drill's "drill-<run>"; switching it watches the new scope and reloads. The connection
// is opened in the board's language; switching language opens a new one.

import { ApiError } from './api.js';
import { language } from './i18n.js';
import { catchUpWith, serverNow, syncToSnapshot } from './time.js';

/** Reconnect quickly at first, then keep trying every few seconds: a wall screen must never give up. */
const RetryDelays = [0, 1000, 2000, 3000, 5000];

/** Consecutive gaps accepted before a reload stops chasing them (the feed runs a moment ahead of the snapshot). */
const MaxGapReloads = 3;

export class LiveFeed {
    #api;
    #store;
    #onChange;
    #onStatus;
    #onUnauthorized;
    #onSnapshot;
    #scope;
    #connection = null;
    #stopped = false;
    #staleSince = null;
    #syncing = null;
    #syncAgain = false;
    #gapReloads = 0;
    #connectTimer = null;
    #syncTimer = null;
    #startAttempts = 0;

    /**
      * @param {object} options
      * @param {import('./api.js').Api} options.api
      * @param {import('./store.js').CaseStore} options.store
      * @param {(change?: {kind: string, summary: object}) => void} options.onChange   the store changed (with the
      *        change, for a push; without, for a snapshot or a scope switch)
      * @param {(status: {state: string, since: number|null}) => void} options.onStatus
      * @param {() => void} options.onUnauthorized   the token is no longer accepted
      * @param {(snapshot: object) => void} [options.onSnapshot]   a snapshot loaded (for a drill, with its `drill`)
      * @param {string} [options.scope]   "live" (the default) or "drill-<run>"
      */
    constructor({ api, store, onChange, onStatus, onUnauthorized, onSnapshot = () => {}, scope = 'live' }) {
        this.#api = api;
        this.#store = store;
        this.#onChange = onChange;
        this.#onStatus = onStatus;
        this.#onUnauthorized = onUnauthorized;
        this.#onSnapshot = onSnapshot;
        this.#scope = scope;
    }

    get scope() {
        return this.#scope;
    }

    /**
      * Shows another scope: forgets what the board holds, watches the new scope, then loads its snapshot.
      * Pushes of the scope left behind are ignored from now on.
      */
    async switchTo(scope) {
        if (scope === this.#scope) {
            return;
        }

        this.#scope = scope;
        this.#store.clear();
        this.#onChange();
        if (this.#isConnected) {
            await this.#connected();
        }
    }

    /** Reloads the snapshot now (a drill board does so now and then, for the drill's phase and messages). */
    refresh() {
        return this.#isConnected && !this.#store.loading ? this.#sync() : Promise.resolve();
    }

    async start() {
        if (typeof signalR === 'undefined') {
            this.#lost('stale');
            throw new Error('SignalR 客户端缺失 The SignalR client (lib/signalr/signalr.min.js) is missing: build the engine');
        }

        const connection = new signalR.HubConnectionBuilder()
            // A session's cookie goes with the connection by itself, and its posts (negotiation, long polling) carry
            // the session's antiforgery token like every other; a token is given to the connection. The hub renders
            // pushes in the language the connection was opened in.
            .withUrl(`/hubs/board?ui-culture=${encodeURIComponent(language())}`, this.#api.token
                ? { accessTokenFactory: () => this.#api.token }
                : { headers: { [this.#api.session.header]: this.#api.session.antiforgery } })
            .withAutomaticReconnect({
                nextRetryDelayInMilliseconds: context => RetryDelays[Math.min(context.previousRetryCount, RetryDelays.length - 1)],
            })
            .configureLogging(signalR.LogLevel.Warning)
            .build();
        connection.on('caseChanged', change => this.#receive(change));
        connection.on('resync', () => this.#sync());
        connection.onreconnecting(() => this.#lost('reconnecting'));
        connection.onreconnected(() => this.#connected());
        connection.onclose(() => {
            if (!this.#stopped) {
                this.#lost('reconnecting');
                this.#connectTimer = this.#later(this.#connectTimer, () => this.#connect(), RetryDelays.at(-1));
            }
        });
        this.#connection = connection;
        await this.#connect();
    }

    async stop() {
        this.#stopped = true;
        clearTimeout(this.#connectTimer);
        clearTimeout(this.#syncTimer);
        await this.#connection?.stop();
    }

    async #connect() {
        if (this.#stopped) {
            return;
        }

        this.#status(this.#staleSince === null ? 'connecting' : 'reconnecting');
        try {
            await this.#connection.start();
        } catch {
            if (this.#stopped) {
                return;
            }

            if (await this.#tokenRefused()) {
                return;
            }

            // The board keeps trying for as long as it is open: it shows what it has, marked stale since when.
            this.#lost('reconnecting');
            const delay = RetryDelays[Math.min(++this.#startAttempts, RetryDelays.length - 1)];
            this.#connectTimer = this.#later(this.#connectTimer, () => this.#connect(), delay);
            return;
        }

        this.#startAttempts = 0;
        await this.#connected();
    }

    /** Watch first, then load: a change made between the two arrives as a push and waits in the store's buffer. */
    async #connected() {
        this.#status('syncing');
        this.#store.beginLoad();
        try {
            await this.#connection.invoke('watch', this.#scope);
        } catch {
            this.#store.abandonLoad();
            this.#onChange();
            if (this.#isConnected) {
                // Connected but not watching: nothing would arrive. Otherwise onreconnecting / onclose take it from here.
                this.#lost('stale');
                this.#connectTimer = this.#later(this.#connectTimer, () => this.#connected(), RetryDelays.at(-1));
            }

            return;
        }

        this.#gapReloads = 0;
        await this.#sync();
    }

    /** A push of any kind of case: `{ scope, kind, summary, closed }`. */
    #receive(change) {
        if (change?.scope !== this.#scope || !change.summary) {
            return;
        }

        catchUpWith(change.summary);
        const result = this.#store.receive(change);
        if (result === 'applied' || result === 'gap') {
            this.#onChange(change);
        }

        if (result === 'gap') {
            this.#sync();
        }
    }

    /** Loads the snapshot; a request for another while one loads runs once more after it. */
    #sync() {
        if (this.#syncing) {
            this.#syncAgain = true;
            return this.#syncing;
        }

        this.#syncing = (async () => {
            do {
                this.#syncAgain = false;
                await this.#loadSnapshot();
            } while (this.#syncAgain && !this.#stopped);
        })().finally(() => {
            this.#syncing = null;
        });
        return this.#syncing;
    }

    async #loadSnapshot() {
        this.#store.beginLoad();
        const sentAt = Date.now();
        const scope = this.#scope;
        let snapshot;
        try {
            snapshot = await this.#api.board(scope);
        } catch (error) {
            this.#store.abandonLoad();
            this.#onChange();
            if (error instanceof ApiError && error.status === 401) {
                this.#onUnauthorized();
                return;
            }

            if (this.#isConnected) {
                // Connected but without the truth: what the board shows is stale until a snapshot loads.
                this.#lost('stale');
                this.#syncTimer = this.#later(this.#syncTimer, () => this.#sync(), 3000);
            }

            return;
        }

        if (scope !== this.#scope) {
            // The board switched scope while this loaded: the load for the new scope follows.
            this.#syncAgain = true;
            return;
        }

        syncToSnapshot(snapshot.asOf, sentAt, Date.now());
        this.#onSnapshot(snapshot);
        const gap = this.#store.loadSnapshot(snapshot);
        this.#onChange();
        if (gap && ++this.#gapReloads <= MaxGapReloads) {
            this.#syncAgain = true;
            return;
        }

        if (this.#isConnected) {
            this.#staleSince = null;
            this.#status('live');
        }
    }

    get #isConnected() {
        return this.#connection?.state === signalR.HubConnectionState.Connected;
    }

    async #tokenRefused() {
        try {
            await this.#api.me();
            return false;
        } catch (error) {
            if (error instanceof ApiError && error.status === 401) {
                this.#onUnauthorized();
                return true;
            }

            return false;
        }
    }

    /** The board stops being live: it keeps what it shows, marked stale since the moment it lost the feed. */
    #lost(state) {
        this.#staleSince ??= serverNow();
        this.#status(state);
    }

    #status(state) {
        this.#onStatus({ state, since: this.#staleSince });
    }

    #later(previous, action, delay) {
        clearTimeout(previous);
        return this.#stopped ? null : setTimeout(action, delay);
    }
}
