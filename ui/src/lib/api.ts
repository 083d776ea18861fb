// The only module that calls Rust. Every command the UI uses is a typed function here, and
// every failure comes back as an ApiError with the kind the Rust side chose.
import { invoke } from "@tauri-apps/api/core";
import type { ErrorPayload, Overview, ProgramSummary } from "./bindings";

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
export const roadmapSvg = (id: number, width: number, height: number) =>
  call<string>("roadmap_svg", { id, width, height });
/** Tells the shell the program list is painted (the cold-start benchmark waits for it). */
export const ready = () => call<void>("ready");
