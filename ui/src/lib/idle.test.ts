import { afterEach, describe, expect, it, vi } from "vitest";
import { whenIdle } from "./idle";

describe("work that waits until the learner pauses", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("waits until nothing has been typed or pressed for the quiet time", async () => {
    vi.useFakeTimers();
    const page = new EventTarget();
    let idle = false;
    void whenIdle(300, page).then(() => (idle = true));
    await vi.advanceTimersByTimeAsync(200);
    page.dispatchEvent(new Event("keydown"));
    await vi.advanceTimersByTimeAsync(200);
    page.dispatchEvent(new Event("pointerdown"));
    await vi.advanceTimersByTimeAsync(299);
    expect(idle).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(idle).toBe(true);
  });

  it("stops listening once idle", async () => {
    vi.useFakeTimers();
    const page = new EventTarget();
    const listening = vi.spyOn(page, "removeEventListener");
    const waited = whenIdle(100, page);
    await vi.advanceTimersByTimeAsync(100);
    await waited;
    expect(listening.mock.calls.map((c) => c[0]).sort()).toEqual(["keydown", "pointerdown", "wheel"]);
  });
});
