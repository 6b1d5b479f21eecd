// Every case the board knows, of every kind, kept by one version rule: pushes are hints, the snapshot is the truth.
//
// - A pushed summary is applied when its version is newer than the known one; an older or equal one is dropped.
// - A known case whose version jumps by more than one shows a push was missed: the caller reloads the snapshot.
// - While a snapshot loads, pushes are buffered; once it is in, those newer than the snapshot are applied.
// - A closed case leaves the board and is remembered with its closing version: a late push of an older version, or a
//   snapshot read a moment before the close, cannot bring it back.
// - A lane the snapshot holds only in part (its most urgent cases, when very many are open) is replaced by that part:
//   a case missing from it is not taken for closed, and comes back with its next push.

/** The kinds of case the board shows, each with where the snapshot of /api/board lists them. */
const kinds = {
    incident: snapshot => snapshot.incidents,
    dispute: snapshot => snapshot.disputes,
    warning: snapshot => snapshot.warnings,
    decision: snapshot => snapshot.decisions,
    // One registry per scope, listed alone.
    enforcement: snapshot => (snapshot.enforcement ? [snapshot.enforcement] : []),
};

/** Whether the snapshot holds every open case of a kind (false: only the most urgent ones). */
const complete = {
    incident: snapshot => snapshot.incidentsComplete !== false,
    dispute: snapshot => snapshot.disputesComplete !== false,
};

/** One kind's cases: the open ones by id, and the closing version of each one that left. */
class Lane {
    open = new Map();
    closed = new Map();
    complete = true;

    /** Takes the snapshot's list as the truth, keeping a newer pushed version; a part of the lane says nothing of the rest. */
    load(summaries, complete) {
        this.complete = complete;
        const next = new Map();
        for (const summary of summaries) {
            if (summary.version <= (this.closed.get(summary.id) ?? 0)) {
                // Read before the close reached the directory: the close stands.
                continue;
            }

            // The feed may run a moment ahead of the directory the snapshot reads: keep the newer of the two.
            const known = this.open.get(summary.id);
            next.set(summary.id, known && known.version > summary.version ? known : summary);
        }

        for (const [id, known] of this.open) {
            if (complete && !next.has(id)) {
                // Closed while the board was away.
                this.closed.set(id, Math.max(known.version, this.closed.get(id) ?? 0));
            }
        }

        this.open = next;
    }

    /** 'applied', 'ignored' (not newer) or 'gap' (applied, but a version was missed). */
    apply(summary, closed) {
        const known = this.open.get(summary.id);
        const newest = known ? known.version : (this.closed.get(summary.id) ?? 0);
        if (summary.version <= newest) {
            return 'ignored';
        }

        if (closed) {
            this.open.delete(summary.id);
            this.closed.set(summary.id, summary.version);
        } else {
            this.open.set(summary.id, summary);
        }

        return known && summary.version > known.version + 1 ? 'gap' : 'applied';
    }
}

export class CaseStore {
    #lanes = new Map(Object.keys(kinds).map(kind => [kind, new Lane()]));
    #loading = false;
    #buffer = [];
    #laneLimit = null;

    /** Whether the last snapshot held every open case of a kind (false: its most urgent ones, and what was pushed since). */
    complete(kind) {
        return this.#lane(kind).complete;
    }

    /** The most a partial lane holds, as the last snapshot said (null before one). */
    get laneLimit() {
        return this.#laneLimit;
    }

    /** The open cases of a kind, in no particular order. */
    cases(kind) {
        return [...this.#lane(kind).open.values()];
    }

    get(kind, id) {
        return this.#lane(kind).open.get(id);
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

    /** The snapshot failed: what was buffered is applied; returns true when it shows a gap. */
    abandonLoad() {
        this.#loading = false;
        const buffered = this.#buffer;
        this.#buffer = [];
        return buffered.reduce((gap, change) => this.#apply(change) === 'gap' || gap, false);
    }

    /**
      * Replaces what the board knows of every kind with the snapshot, then applies the pushes buffered meanwhile.
      * Returns true when those show a gap (the caller reloads again).
      */
    loadSnapshot(snapshot) {
        this.#laneLimit = snapshot.laneLimit ?? null;
        for (const [kind, listed] of Object.entries(kinds)) {
            this.#lane(kind).load(listed(snapshot) ?? [], complete[kind]?.(snapshot) ?? true);
        }

        return this.abandonLoad();
    }

    /**
      * A push, `{ kind, summary, closed }`: 'applied', 'ignored' (not newer, or a kind the board does not show),
      * 'gap' (applied, but a version was missed) or 'buffered'.
      */
    receive(change) {
        if (!this.#lanes.has(change?.kind)) {
            return 'ignored';
        }

        if (this.#loading) {
            this.#buffer.push(change);
            return 'buffered';
        }

        return this.#apply(change);
    }

    clear() {
        this.#lanes = new Map(Object.keys(kinds).map(kind => [kind, new Lane()]));
        this.#buffer = [];
        this.#loading = false;
    }

    #apply(change) {
        return this.#lane(change.kind).apply(change.summary, change.closed === true);
    }

    #lane(kind) {
        const lane = this.#lanes.get(kind);
        if (!lane) {
            throw new Error(`the board shows no case of kind '${kind}'`);
        }

        return lane;
    }
}
