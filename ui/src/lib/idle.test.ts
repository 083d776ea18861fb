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

  it("listens to the page once, however many times it waits", async () => {
    vi.useFakeTimers();
    const page = new EventTarget();
    const added = vi.spyOn(page, "addEventListener");
    const removed = vi.spyOn(page, "removeEventListener");
    const first = whenIdle(100, page);
    const second = whenIdle(100, page);
    await vi.advanceTimersByTimeAsync(100);
    await Promise.all([first, second]);
    await Promise.all([whenIdle(0, page), vi.advanceTimersByTimeAsync(0)]);
    expect(added.mock.calls.map((c) => c[0]).sort()).toEqual(["keydown", "pointerdown", "wheel"]);
    expect(removed).not.toHaveBeenCalled();
  });

  it("counts the quiet time from the wait, not from an input long before it", async () => {
    vi.useFakeTimers();
    const page = new EventTarget();
    await Promise.all([whenIdle(0, page), vi.advanceTimersByTimeAsync(0)]);
    page.dispatchEvent(new Event("wheel"));
    await vi.advanceTimersByTimeAsync(1000);
    let idle = false;
    void whenIdle(300, page).then(() => (idle = true));
    await vi.advanceTimersByTimeAsync(299);
    expect(idle).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(idle).toBe(true);
  });
});
