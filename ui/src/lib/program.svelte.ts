// The open program, shared by every view of it: the register catalogue, the edits, undo and
// redo, and a version that moves on each change so views that show items load them again.
import { tick, untrack } from "svelte";
import {
  applyEdit,
  history,
  itemTitles,
  listItems,
  listRegisters,
  programOverview,
  programStatus,
  redo,
  toApiError,
  undo,
} from "./api";
import type { Action, Edit, ItemPage, ItemQuery, ItemTitle, Overview, ProgramStatus, RegisterInfo, RegisterName } from "./bindings";
import { sentence } from "./format";

let catalogue: Promise<RegisterInfo[]> | null = null;

/** Every register with its form's fields; asked of core once per window. */
export function registers(): Promise<RegisterInfo[]> {
  catalogue ??= listRegisters().catch((thrown) => {
    catalogue = null;
    throw thrown;
  });
  return catalogue;
}

/** The reads made in one version of a program (see `OpenProgram.once`). */
interface Reads {
  version: number;
  kept: Map<string, Promise<unknown>>;
  /** What lets go of what the reads hold, once they are no longer shown. */
  frees: (() => void)[];
  freed: boolean;
}

function freeAll(reads: Reads) {
  reads.freed = true;
  for (const free of reads.frees.splice(0)) free();
}

export class OpenProgram {
  readonly id: number;
  /** Moves on after every change; views that show items depend on it. */
  version = $state(0);
  /** The last change, said in words, for the status line. */
  notice = $state<string | null>(null);
  /** The last undo or redo that failed, said in words. */
  error = $state<string | null>(null);
  actions = $state<Action[]>([]);
  /** Its facts: the status date the practice clock starts from, its currency. */
  overview = $state<Overview | null>(null);
  /**
   * The last item changed through `edit`, with the version its saving made and the key it had:
   * a table shows it in its row at once, before reading its rows again. (Not state: the table
   * looks at it when the version moves.)
   */
  saved: { version: number; was: string; key: string; edit: Extract<Edit, { op: "put" }> } | null = null;

  constructor(id: number) {
    this.id = id;
  }

  /** The reads made in one version of the program, by what they read. */
  private reads: Reads = { version: -1, kept: new Map(), frees: [], freed: false };
  /** The reads of the version before: what they hold is freed when the next version starts. */
  private before: Reads | null = null;

  /**
   * What `read` answers, asked of core once per version of the program however many views ask
   * and however often a view opens again: the status, a register's titles, the roadmap. A
   * change drops every read of the version before; a failed read is asked again. Asking does
   * not make the caller depend on the version: a view reloads when it chooses (after its
   * table), not at every change.
   *
   * `free` lets go of what a read holds outside the page's memory, such as a picture's object
   * URL: a version after the next, so a view still showing the version before's (it reloads
   * after its table) keeps it until then.
   */
  once<T>(what: string, read: () => Promise<T>, free?: (value: T) => void): Promise<T> {
    const version = untrack(() => this.version);
    if (this.reads.version !== version) {
      if (this.before) freeAll(this.before);
      this.before = this.reads;
      this.reads = { version, kept: new Map(), frees: [], freed: false };
    }
    const reads = this.reads;
    let reply = reads.kept.get(what) as Promise<T> | undefined;
    if (!reply) {
      const asked = read();
      asked.then(
        (value) => {
          if (!free) return;
          if (reads.freed) free(value);
          else reads.frees.push(() => free(value));
        },
        () => {
          if (reads.kept.get(what) === asked) reads.kept.delete(what);
        },
      );
      reads.kept.set(what, asked);
      reply = asked;
    }
    return reply;
  }

  /** Frees what every read holds (see `once`); when the program's view closes. */
  close(): void {
    for (const reads of [this.before, this.reads]) if (reads) freeAll(reads);
    this.before = null;
  }

  /** The program's status as of its status date (see `once`). */
  statusNow(): Promise<ProgramStatus> {
    return this.once("status", () => programStatus(this.id));
  }

  /** Every item of a register, for a view of them all such as the roadmap's (see `once`). */
  items(register: RegisterName): Promise<ItemPage> {
    return this.once(`items:${register}`, () => listItems(this.id, everything(register)));
  }

  /** A register's items' keys and titles, for pickers and names (see `once`). */
  titles(register: RegisterName): Promise<ItemTitle[]> {
    return this.once(`titles:${register}`, () => itemTitles(this.id, register));
  }

  /** Reads the program's facts and its action record; when it opens. */
  async open(): Promise<void> {
    try {
      [this.overview] = await Promise.all([programOverview(this.id), this.refresh()]);
    } catch (thrown) {
      this.error = toApiError(thrown).message;
    }
  }

  get canUndo(): boolean {
    return this.actions.some((a) => a.state === "done");
  }

  get canRedo(): boolean {
    return this.actions.some((a) => a.state === "undone");
  }

  /** Reads the action record again; after any change. */
  async refresh(): Promise<void> {
    this.actions = await history(this.id);
  }

  /**
   * When the window comes back to the front: another writer (the command line, a script) may
   * have changed the program meanwhile. If its action record moved on, views reload.
   */
  async catchUp(): Promise<void> {
    const mark = (actions: Action[]) => actions.map((a) => `${a.id}:${a.state}`).join(",");
    try {
      const latest = await history(this.id);
      if (mark(latest) === mark(this.actions)) return;
      this.actions = latest;
      this.notice = "Changed outside this window: showing the latest.";
      this.version++;
    } catch (thrown) {
      this.error = toApiError(thrown).message;
    }
  }

  /** Called after any change made elsewhere (a domain action): views reload. */
  async changed(notice: string): Promise<void> {
    this.notice = notice;
    this.error = null;
    this.version++;
    // the views ask for their items first and the action record after them: core answers one
    // request at a time, and the table's rows are what the learner waits for
    await tick();
    await this.refresh();
  }

  /** Saves one edit; throws the ApiError of a refused one, with its problems, to the form. */
  async edit(edit: Edit, notice: string): Promise<Action> {
    const action = await applyEdit(this.id, edit);
    // the action names what it saved: `risks/R3`
    const key = action.target.slice(edit.register.length + 1);
    this.saved = edit.op === "put" && edit.key !== undefined ? { version: untrack(() => this.version) + 1, was: edit.key, key, edit } : null;
    await this.changed(notice);
    return action;
  }

  async undo(): Promise<void> {
    await this.replay(true);
  }

  async redo(): Promise<void> {
    await this.replay(false);
  }

  private async replay(back: boolean): Promise<void> {
    try {
      const action = await (back ? undo(this.id) : redo(this.id));
      if (!action) {
        this.notice = back ? "Nothing to undo." : "Nothing to redo.";
        return;
      }
      await this.changed(`${back ? "Undone" : "Redone"}: ${action.in_words}`);
    } catch (thrown) {
      this.error = toApiError(thrown).message;
    }
  }
}

const VERBS: Record<Action["kind"], string> = {
  put: "saved",
  remove: "deleted",
  record: "reading recorded",
  log: "communication logged",
  realise: "risk realised",
  rebaseline: "re-baselined",
  progress: "progress updated",
  undo: "undone",
  redo: "redone",
  reset: "reset to its pack",
  event: "(the scenario)",
};

/** An action in words: "Risk R3 saved". */
export function describe(action: Action): string {
  return sentence(`${action.in_words} ${VERBS[action.kind]}`);
}

/** The query for every item of a register, in its own order. */
export function everything(register: RegisterName): ItemQuery {
  return { register, equals: [], direction: "asc", offset: 0 };
}

