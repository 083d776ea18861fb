// Whether a view's data is on its way. A register's view says so with `aria-busy` until its
// data is shown: assistive technology waits for it, and so do the end-to-end tests, since the
// view grows when its data comes and moves the table below it.

export class Loading {
  busy = $state(true);
  private asked = 0;

  /** Busy until `loading` settles, or the latest of several; returns it, to be handled as before. */
  track<T>(loading: Promise<T>): Promise<T> {
    const mine = ++this.asked;
    this.busy = true;
    return loading.finally(() => {
      if (mine === this.asked) this.busy = false;
    });
  }
}
