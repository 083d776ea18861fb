// Work that holds the page's one thread for long (decoding a big drawing: 140-175 ms for the
// roadmap of 5,000 milestones) waits until the learner pauses, so it does not land between a
// key or a click and the frame that shows it.

/** What the learner does that the page must answer within a frame. */
const INPUTS = ["keydown", "pointerdown", "wheel"] as const;

/** Resolves once nothing has been typed, pressed or scrolled on `target` for `quiet` ms. */
export function whenIdle(quiet = 300, target: EventTarget = window): Promise<void> {
  return new Promise((resolve) => {
    let timer = setTimeout(done, quiet);
    function again() {
      clearTimeout(timer);
      timer = setTimeout(done, quiet);
    }
    function done() {
      for (const type of INPUTS) target.removeEventListener(type, again, true);
      resolve();
    }
    for (const type of INPUTS) target.addEventListener(type, again, { capture: true, passive: true });
  });
}
