#!/usr/bin/env python3
"""An edit as a process beside `list` on the same database (the benchmark program), in
interleaved runs: each opens and checks the database, so the ratio shows what the edit adds.
Usage: process_edits.py CLI RUNS"""
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

cli, runs = sys.argv[1], int(sys.argv[2])
with tempfile.TemporaryDirectory() as tmp:
    db, pack = Path(tmp) / "bench.db", Path(tmp) / "bench.toml"
    subprocess.run([cli, "gen-pack", "--out", str(pack)], check=True)
    subprocess.run([cli, "--db", str(db), "import", str(pack)], check=True, stdout=subprocess.DEVNULL)
    page = subprocess.run([cli, "--db", str(db), "items", "synthetic", "risks", "--limit", "1", "--json"],
                          check=True, capture_output=True, text=True)
    risk = json.loads(page.stdout)["rows"][0]["item"]

    def timed(args):
        start = time.perf_counter()
        subprocess.run([cli, "--db", str(db), *args], check=True, stdout=subprocess.DEVNULL)
        return time.perf_counter() - start

    lists, edits = [], []
    for i in range(runs + 1):
        risk["title"] = f"Vendor slips, take {i}"
        edit = json.dumps({"op": "put", "register": "risks", "item": risk})
        l, e = timed(["list"]), timed(["edit", "synthetic", edit])
        if i:  # the first pair warms the page cache
            lists.append(l)
            edits.append(e)
    l, e = statistics.median(lists) * 1e3, statistics.median(edits) * 1e3
    print(f"`list` as a process, median of {runs}:        {l:7.1f} ms")
    print(f"`edit` (put one risk) as a process:        {e:7.1f} ms   ({e / l:.2f}× list; goal ≤ 2×)")
