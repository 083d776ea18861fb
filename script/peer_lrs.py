"""The peer of `flightdeck-cli xapi send` in script/bench: the same statements posted in the
same batches with Python's requests, one session, no retries. Prints one JSON line: how many
statements, the seconds it took and the slowest batch in milliseconds.

    python peer_lrs.py STATEMENTS.json URL USER PASSWORD BATCH
"""

import json
import sys
import time

import requests


def main():
    path, url, user, password, batch = sys.argv[1:6]
    batch = int(batch)
    with open(path, encoding="utf-8") as f:
        statements = json.load(f)
    session = requests.Session()
    session.auth = (user, password)
    session.headers["X-Experience-API-Version"] = "1.0.3"
    slowest = 0.0
    started = time.perf_counter()
    for at in range(0, len(statements), batch):
        asked = time.perf_counter()
        reply = session.post(url.rstrip("/") + "/statements", json=statements[at : at + batch], timeout=60)
        reply.raise_for_status()
        slowest = max(slowest, time.perf_counter() - asked)
    took = time.perf_counter() - started
    print(json.dumps({"statements": len(statements), "seconds": took, "slowest_ms": slowest * 1000}))


if __name__ == "__main__":
    main()
