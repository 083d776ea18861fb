import { describe, expect, it } from "vitest";
import { Loading } from "./loading.svelte";

describe("a view's loading", () => {
  it("is busy until the latest load settles, failed or not", async () => {
    const loading = new Loading();
    let first!: () => void;
    let second!: (e: Error) => void;
    const a = loading.track(new Promise<void>((resolve) => (first = resolve)));
    const b = loading.track(new Promise<void>((_, reject) => (second = reject)));
    first();
    await a;
    expect(loading.busy).toBe(true);
    second(new Error("refused"));
    await b.catch(() => {});
    expect(loading.busy).toBe(false);
  });
});
