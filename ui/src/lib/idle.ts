// Work that holds the page's one thread for long (decoding a big drawing: 140-175 ms for the
// roadmap of 5,000 milestones) waits until the learner pauses, so it does not land between a
// key or a click and the frame that shows it.

/** What the learner does that the page must answer within a frame. */
const INPUTS = ["keydown", "pointerdown", "wheel"] as const;

/** When the learner last typed, pressed or scrolled on each target watched, in `Date.now()` ms. */
const lastInput = new WeakMap<EventTarget, number>();

/**
 * Notes the learner's inputs on `target` from now on. The listeners stay for good: added at
 * every wait, as they were, they made WebKitGTK recompute the page's style and paint the whole
 * window (1280 x 795 px) after each change to a big plan (WebKit's timeline, 2026-12-02).
 */
function watch(target: EventTarget): void {
  if (lastInput.has(target)) return;
  lastInput.set(target, -Infinity);
  const note = () => lastInput.set(target, Date.now());
  for (const type of INPUTS) target.addEventListener(type, note, { capture: true, passive: true });
}

/** Resolves once nothing has been typed, pressed or scrolled on `target` for `quiet` ms. */
export function whenIdle(quiet = 300, target: EventTarget = window): Promise<void> {
  watch(target);
  const asked = Date.now();
  return new Promise((resolve) => {
    const check = () => {
      const still = Date.now() - Math.max(asked, lastInput.get(target) ?? -Infinity);
      if (still >= quiet) resolve();
      else setTimeout(check, quiet - still);
    };
    setTimeout(check, quiet);
  });
}
