// The open incidents the board knows, kept by the version rule: pushes are hints, the snapshot is the truth.
//
// - A pushed summary is applied when its version is newer than the known one; an older or equal one is dropped.
// - A known incident whose version jumps by more than one shows a push was missed: the caller reloads the snapshot.
// - While a snapshot loads, pushes are buffered; once it is in, those newer than the snapshot are applied.
// - A closed incident leaves the board and stays gone: a late push of an older version cannot bring it back.

export class IncidentStore {
    #incidents = new Map();
    #closed = new Map();
    #loading = false;
    #buffer = [];

    /** The open incidents, in no particular order. */
    get incidents() {
        return [...this.#incidents.values()];
    }

    get(id) {
        return this.#incidents.get(id);
    }

    get loading() {
        return this.#loading;
    }

    /** From now until {@link loadSnapshot} or {@link abandonLoad}, pushes wait in a buffer. */
    beginLoad() {
        if (!this.#loading) {
            this.#loading = true;
            this.#buffer = [];
        }
    }

    /** The snapshot failed: what was buffered is applied, and the caller tries again later. */
    abandonLoad() {
        this.#loading = false;
        const buffered = this.#buffer;
        this.#buffer = [];
        return buffered.reduce((gap, summary) => this.#apply(summary) === 'gap' || gap, false);
    }

    /**
      * Replaces what the board knows with the snapshot, then applies the pushes buffered meanwhile.
      * Returns true when those show a gap (the caller reloads again).
      */
    loadSnapshot(incidents) {
        const next = new Map();
        for (const summary of incidents) {
            // The feed may run a moment ahead of the directory the snapshot reads: keep the newer of the two.
            const known = this.#incidents.get(summary.id);
            next.set(summary.id, known && known.version > summary.version ? known : summary);
        }

        for (const [id, known] of this.#incidents) {
            if (!next.has(id)) {
                this.#closed.set(id, Math.max(known.version, this.#closed.get(id) ?? 0));
            }
        }

        this.#incidents = next;
        for (const id of next.keys()) {
            this.#closed.delete(id);
        }

        return this.abandonLoad();
    }

    /** A push: 'applied', 'ignored' (not newer), 'gap' (applied, but a version was missed) or 'buffered'. */
    receive(summary) {
        if (this.#loading) {
            this.#buffer.push(summary);
            return 'buffered';
        }

        return this.#apply(summary);
    }

    clear() {
        this.#incidents.clear();
        this.#closed.clear();
        this.#buffer = [];
        this.#loading = false;
    }

    #apply(summary) {
        const known = this.#incidents.get(summary.id);
        if (known && summary.version <= known.version) {
            return 'ignored';
        }

        if (!known && summary.version <= (this.#closed.get(summary.id) ?? 0)) {
            return 'ignored';
        }

        if (summary.phase === 'closed') {
            this.#incidents.delete(summary.id);
            this.#closed.set(summary.id, summary.version);
        } else {
            this.#incidents.set(summary.id, summary);
        }

        return known && summary.version > known.version + 1 ? 'gap' : 'applied';
    }
}
