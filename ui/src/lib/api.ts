// The only module that calls Rust. Every command the UI uses is a typed function here, and
// every failure comes back as an ApiError with the kind the Rust side chose.
import { Channel, invoke } from "@tauri-apps/api/core";
import { listen } from "@tauri-apps/api/event";
import { open, save } from "@tauri-apps/plugin-dialog";
import type {
  Action,
  Attempt,
  Backup,
  Communication,
  Debrief,
  Edit,
  ErrorKind,
  ErrorPayload,
  FieldProblem,
  InboxEntry,
  ItemPage,
  ItemQuery,
  ItemRow,
  ItemTitle,
  LrsSettings,
  LrsState,
  OnLoaded,
  Overview,
  ProgramStatus,
  ProgramSummary,
  Progress,
  RegisterInfo,
  RegisterName,
  Roadmap,
  ScenarioBrief,
  Sent,
  StartSnapshot,
  StatusDraft,
  StatusReport,
} from "./bindings";

export class ApiError extends Error {
  readonly kind: ErrorKind;
  /** For bad input, each problem at the path of its field, e.g. `risks[R7].likelihood`. */
  readonly problems: FieldProblem[];
  constructor(kind: ErrorKind, message: string, problems: FieldProblem[] = []) {
    super(message);
    this.kind = kind;
    this.problems = problems;
  }
}

/** Turns whatever a failed command threw into an ApiError with a readable message. */
export function toApiError(thrown: unknown): ApiError {
  if (thrown instanceof ApiError) return thrown;
  if (thrown && typeof thrown === "object" && "kind" in thrown && "message" in thrown) {
    const p = thrown as ErrorPayload;
    return new ApiError(p.kind, String(p.message), Array.isArray(p.problems) ? p.problems : []);
  }
  if (thrown instanceof Error) return new ApiError("internal", thrown.message);
  return new ApiError("internal", typeof thrown === "string" ? thrown : "Something went wrong.");
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (thrown) {
    throw toApiError(thrown);
  }
}

export const listPrograms = () => call<ProgramSummary[]>("list_programs");
export const programOverview = (id: number) => call<Overview>("program_overview", { id });
export const programStatus = (id: number) => call<ProgramStatus>("program_status", { id });
/** Removes the program and everything in it. */
export const removeProgram = (id: number) => call<void>("remove_program", { id });
/** Puts the program back as its pack shipped it; recorded in the history, never undone. */
export const resetProgram = (id: number) => call<Action>("reset_program", { id });

/** Every register with the fields of its form. */
export const listRegisters = () => call<RegisterInfo[]>("list_registers");
export const listItems = (id: number, query: ItemQuery) => call<ItemPage>("list_items", { id, query });
/**
 * Every item the query matches before its text, each with what core's text filter looks in
 * (`search_texts`): the table filters these with `searchRows` as the learner types.
 */
export const listSearchable = (id: number, query: ItemQuery) => call<ItemPage>("list_searchable", { id, query });
/** Every item of a register as (key, title), for a picker: far smaller than the items. */
export const itemTitles = (id: number, register: RegisterName) => call<ItemTitle[]>("item_titles", { id, register });
export const getItem = (id: number, register: RegisterName, key: string) =>
  call<ItemRow>("get_item", { id, register, key });
/** The items that refer to this one: what stops its removal. */
export const itemReferrers = (id: number, register: RegisterName, key: string) =>
  call<string[]>("item_referrers", { id, register, key });
/** A bad edit fails with kind "validation" and a problem at each field's path. */
export const applyEdit = (id: number, edit: Edit) => call<Action>("apply_edit", { id, edit });
/** Checks an edit as applyEdit would and saves nothing: the form's check as the learner types. */
export const checkEdit = (id: number, edit: Edit) => call<void>("check_edit", { id, edit });
/** The action undone, or null when there is nothing to undo. */
export const undo = (id: number) => call<Action | null>("undo", { id });
/** The action redone, or null when there is nothing to redo. */
export const redo = (id: number) => call<Action | null>("redo", { id });
export const history = (id: number) => call<Action[]>("history", { id });

/** `date` is an ISO date, YYYY-MM-DD. */
export const recordMeasurement = (id: number, kpi: string, date: string, value: number) =>
  call<Action>("record_measurement", { id, kpi, date, value });
export const logCommunication = (id: number, entry: Communication) =>
  call<Action>("log_communication", { id, entry });
/** Marks the risk realised and opens the issue it became. */
export const realiseRisk = (id: number, risk: string) => call<Action>("realise_risk", { id, risk });
/** Re-baselines one milestone, or every milestone when none is given. */
export const rebaseline = (id: number, milestone?: string) =>
  call<Action>("rebaseline", { id, milestone: milestone ?? null });
export const updateProgress = (id: number, milestone: string, progress: Progress) =>
  call<Action>("update_progress", { id, milestone, progress });

export const chartNames = (id: number) => call<string[]>("chart_names", { id });
export const chartSvg = (id: number, chart: string, width: number, height: number) =>
  call<string>("chart_svg", { id, chart, width, height });
/** The roadmap drawn to fill a place this big, with where each milestone is on the drawing. */
export const roadmap = (id: number, width: number, height: number) =>
  call<Roadmap>("roadmap", { id, width, height });
/** The tables that export as CSV: every register's name, and "evm" (earned value by week). */
export const exportTables = () => call<string[]>("export_tables");
/** Tells the shell the program list is painted (the cold-start benchmark waits for it). */
export const ready = () => call<void>("ready");

/** Why the database could not be opened at start (the window then offers its backups). */
export const startupProblem = () => call<ErrorPayload | null>("startup_problem");

declare global {
  interface Window {
    __FLIGHTDECK_START__?: StartSnapshot;
  }
}
/**
 * What the shell handed the page with it (`open_main_window` in src-tauri/lib.rs), so that the
 * first paint waits for no command; null when it handed nothing. A reloaded page is handed the
 * same snapshot again, so it is only the first paint: ask again by command after it.
 */
export const startSnapshot = (): StartSnapshot | null => window.__FLIGHTDECK_START__ ?? null;
/** The database's good backups, newest first. */
export const listBackups = () => call<Backup[]>("list_backups");
/** Puts a backup back; the database as it is is backed up first. */
export const restoreBackup = (name: string) => call<void>("restore_backup", { name });

/** Asks where to save with the native dialog; null when the user cancels. */
async function askWhere(defaultPath: string, name: string, extension: string): Promise<string | null> {
  try {
    return await save({ defaultPath, filters: [{ name, extensions: [extension] }] });
  } catch (thrown) {
    throw toApiError(thrown);
  }
}

/** Saves a chart as PNG where the user chooses; false when they cancel. */
export async function exportChartPng(id: number, chart: string, suggested: string): Promise<boolean> {
  const path = await askWhere(suggested, "PNG image", "png");
  if (!path) return false;
  await call<void>("export_chart_png", { id, chart, path });
  return true;
}

/** Saves a register as CSV where the user chooses; false when they cancel. */
export async function exportCsv(id: number, register: string, suggested: string): Promise<boolean> {
  const path = await askWhere(suggested, "CSV spreadsheet", "csv");
  if (!path) return false;
  await call<void>("export_csv", { id, register, path });
  return true;
}

/** Asks for a pack file with the native open dialog; null when the user cancels. */
export async function askForPack(): Promise<string | null> {
  try {
    return await open({ multiple: false, directory: false, filters: [{ name: "Program pack", extensions: ["toml", "json"] }] });
  } catch (thrown) {
    throw toApiError(thrown);
  }
}

/**
 * Imports the pack file at `path`; its new id. A program loaded already fails with kind
 * "already_loaded" unless `on` says to replace it or keep both.
 */
export const importPack = (path: string, on?: OnLoaded) => call<number>("import_pack", { path, on: on ?? null });

/** Saves the program as a pack file where the user chooses; false when they cancel. */
export async function exportPack(id: number, suggested: string): Promise<boolean> {
  const path = await askWhere(suggested, "Program pack", "toml");
  if (!path) return false;
  await call<void>("export_pack", { id, path });
  return true;
}

/**
 * Calls `dropped` with the first file dropped on the window, and `over` while one is held over it.
 * The webview API (a fifth of the first script, with the window API it brings) is loaded here, after
 * the first frame, rather than with the page.
 */
export async function onFileDrop(dropped: (path: string) => void, over: (on: boolean) => void): Promise<() => void> {
  const { getCurrentWebview } = await import("@tauri-apps/api/webview");
  return getCurrentWebview().onDragDropEvent((event) => {
    const p = event.payload;
    if (p.type === "over" || p.type === "enter") over(true);
    else {
      over(false);
      if (p.type === "drop" && p.paths.length > 0) dropped(p.paths[0]);
    }
  });
}

/** Calls `chosen` with the id of each native menu item the user picks ("import", "undo", "register:risks" …). */
export function onMenu(chosen: (id: string) => void): Promise<() => void> {
  return listen<string>("menu", (event) => chosen(event.payload));
}

// --- practice mode: an attempt is a program of its own, so the register calls take its id

/** The program's scenario as a learner may see it before playing; null without one. */
export const scenarioBrief = (id: number) => call<ScenarioBrief | null>("scenario_brief", { id });
export const startAttempt = (id: number, learner: string) => call<Attempt>("start_attempt", { id, learner });
/** The attempts on the program with this slug, newest first. */
export const listAttempts = (program: string) => call<Attempt[]>("list_attempts", { program });
/** The attempt with this id, or null when the program is not an attempt. */
export const getAttempt = (id: number) => call<Attempt | null>("get_attempt", { id });
export const inbox = (id: number) => call<InboxEntry[]>("inbox", { id });
/** Moves the clock forward; the events that fired. */
export const advance = (id: number, days: number) => call<InboxEntry[]>("advance", { id, days });
export const reportStatus = (id: number, draft: StatusDraft) => call<StatusReport>("report_status", { id, draft });
export const statusReports = (id: number) => call<StatusReport[]>("status_reports", { id });
export const finishAttempt = (id: number) => call<Attempt>("finish_attempt", { id });
export const debrief = (id: number) => call<Debrief>("debrief", { id });
/** The debrief's scores and the timeline of events against the learner's actions, as SVG. */
export const debriefSvg = (id: number, width: number, height: number) => call<string>("debrief_svg", { id, width, height });

/** The trainer's learning record store, and whether the keychain holds its password. */
export const lrsSettings = () => call<LrsState>("lrs_settings");

/** Saves the store's settings; a password given (never shown again) goes to the keychain. */
export const saveLrsSettings = (settings: LrsSettings, password: string | null) =>
  call<LrsState>("save_lrs_settings", { settings, password });

/** Sends a finished attempt to the trainer's store; `onprogress` hears after each batch. */
export function sendToLrs(id: number, onprogress: (done: number, total: number) => void): Promise<Sent> {
  const progress = new Channel<{ done: number; total: number }>();
  progress.onmessage = (p) => onprogress(p.done, p.total);
  return call<Sent>("send_attempt_to_lrs", { id, progress });
}

/** Saves the attempt as an .fdattempt file where the learner chooses; false when they cancel. */
export async function exportAttempt(id: number, suggested: string): Promise<boolean> {
  const path = await askWhere(suggested, "Flightdeck attempt", "fdattempt");
  if (!path) return false;
  await call<void>("export_attempt", { id, path });
  return true;
}

/** Saves the debrief as a one-page PNG or as CSV where the user chooses; false when they cancel. */
export async function exportDebrief(id: number, suggested: string, as: "png" | "csv"): Promise<boolean> {
  const path = await askWhere(suggested, as === "png" ? "PNG image" : "CSV spreadsheet", as);
  if (!path) return false;
  if (as === "png") await call<void>("export_debrief_png", { id, path });
  else await call<void>("export_debrief_csv", { id, path });
  return true;
}

/** Asks for an attempt file and imports it; null when the user cancels. */
export async function importAttempt(): Promise<Attempt | null> {
  let path: string | null;
  try {
    path = await open({ multiple: false, directory: false, filters: [{ name: "Flightdeck attempt", extensions: ["fdattempt"] }] });
  } catch (thrown) {
    throw toApiError(thrown);
  }
  return path ? call<Attempt>("import_attempt", { path }) : null;
}
