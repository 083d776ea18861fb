#!/usr/bin/env python3
"""Cold start of the real app under Xvfb: from process spawn to the UI reporting that the
program list is painted (the app prints "flightdeck: ready"), median of several runs, and the
peak proportional memory (PSS) of the app and every process under it (the webview's included)."""

import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time

READY = b"flightdeck: ready"


def children(pid):
    """Every process descended from pid, found through /proc."""
    parents = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
                parents.setdefault(int(fields[1]), []).append(int(entry))
            except OSError:
                pass
    found, todo = [], [pid]
    while todo:
        p = todo.pop()
        found.append(p)
        todo.extend(parents.get(p, []))
    return found


def pss_kib(pid):
    """Proportional set size: shared pages split between the processes that share them, so
    the sum over the app's processes counts each page once (RSS would count shared libraries
    once per process)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def one_run(binary, db, sample_memory):
    """Seconds from spawn to ready, and the peak PSS in KiB when sampling. Timing runs do not
    sample: reading every process's page tables takes CPU from the app on a 2-core machine."""
    env = dict(os.environ, FLIGHTDECK_DB=db, FLIGHTDECK_REPORT_READY="1")
    ready = threading.Event()
    start = time.perf_counter()
    errors = tempfile.TemporaryFile()
    app = subprocess.Popen([binary], stdout=subprocess.PIPE, stderr=errors, env=env)

    def watch():
        for line in app.stdout:
            if READY in line:
                ready.set()
                return

    threading.Thread(target=watch, daemon=True).start()
    peak, elapsed = 0, None
    if sample_memory:
        deadline = start + 30
        while not ready.is_set() and time.perf_counter() < deadline:
            peak = max(peak, sum(pss_kib(p) for p in children(app.pid)))
            time.sleep(0.05)
        settle = time.perf_counter() + 1.5  # keep sampling while the page settles
        while time.perf_counter() < settle:
            peak = max(peak, sum(pss_kib(p) for p in children(app.pid)))
            time.sleep(0.05)
    elif ready.wait(timeout=30):
        elapsed = time.perf_counter() - start
    app.terminate()
    try:
        app.wait(timeout=5)
    except subprocess.TimeoutExpired:
        app.kill()
    if not ready.is_set():
        errors.seek(0)
        said = errors.read().decode(errors="replace").strip().splitlines()[-20:]
        sys.exit(
            f"{binary} never reported ready within 30 s (exit status {app.returncode}); "
            "the end of its standard error:\n" + "\n".join(said)
        )
    errors.close()
    return elapsed, peak


def main():
    app, peer = sys.argv[1], (sys.argv[2] if len(sys.argv) > 2 else None)
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 7
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "bench.db")
        first, _ = one_run(app, db, False)  # first start: creates the db, loads the samples
        ours, theirs = [], []
        for _ in range(runs):  # interleaved, so both meet the same machine
            ours.append(one_run(app, db, False)[0])
            if peer:
                theirs.append(one_run(peer, db, False)[0])
        peaks = [one_run(app, db, True)[1] for _ in range(3)]
        peer_peaks = [one_run(peer, db, True)[1] for _ in range(3)] if peer else []
    ms = lambda xs: f"{statistics.median(xs) * 1000:.0f} ms (min {min(xs) * 1000:.0f}, max {max(xs) * 1000:.0f})"
    print(f"first start (creates the database, loads 4 packs): {first * 1000:.0f} ms")
    print(f"flightdeck, spawn to painted program list, median of {runs}: {ms(ours)}; goal <= 400 ms "
          "and <= 1.15x hello world (issue 12)")
    if peer:
        print(f"Tauri hello world, spawn to first frame after DOMContentLoaded, median of {runs}: {ms(theirs)}")
        print(f"flightdeck / hello world: {statistics.median(ours) / statistics.median(theirs):.2f}x")
    print(f"peak memory (PSS) of flightdeck's processes, webview included, median of 3: {statistics.median(peaks) / 1024:.0f} MiB")
    if peer:
        print(f"peak memory (PSS) of hello world's processes, median of 3: {statistics.median(peer_peaks) / 1024:.0f} MiB")
        print(f"flightdeck / hello world, peak memory: {statistics.median(peaks) / statistics.median(peer_peaks):.2f}x; goal <= 1.1x")


if __name__ == "__main__":
    main()
