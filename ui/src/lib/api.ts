// The only module that calls Rust. Every command the UI uses is a typed function here, and
// every failure comes back as an ApiError with the kind the Rust side chose.
import { invoke } from "@tauri-apps/api/core";
import { open, save } from "@tauri-apps/plugin-dialog";
import type { ErrorPayload, Overview, ProgramStatus, ProgramSummary } from "./bindings";

export class ApiError extends Error {
  readonly kind: string;
  constructor(kind: string, message: string) {
    super(message);
    this.kind = kind;
  }
}

/** Turns whatever a failed command threw into an ApiError with a readable message. */
export function toApiError(thrown: unknown): ApiError {
  if (thrown instanceof ApiError) return thrown;
  if (thrown && typeof thrown === "object" && "kind" in thrown && "message" in thrown) {
    const p = thrown as ErrorPayload;
    return new ApiError(String(p.kind), String(p.message));
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
export const chartNames = (id: number) => call<string[]>("chart_names", { id });
export const chartSvg = (id: number, chart: string, width: number, height: number) =>
  call<string>("chart_svg", { id, chart, width, height });
/** Tells the shell the program list is painted (the cold-start benchmark waits for it). */
export const ready = () => call<void>("ready");

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

/** Asks for a pack file with the native dialog and imports it; its new id, or null on cancel. */
export async function importPack(): Promise<number | null> {
  let path: string | null;
  try {
    path = await open({ multiple: false, directory: false, filters: [{ name: "Program pack", extensions: ["toml", "json"] }] });
  } catch (thrown) {
    throw toApiError(thrown);
  }
  if (!path) return null;
  return call<number>("import_pack", { path });
}
