#!/usr/bin/env python3
"""What each change in the workbench lays out and paints, from WebKit's own timeline.

    xvfb-run -a script/paints.py target/release/flightdeck DB [SLUG]

Starts the app on the database DB with WebKit's remote inspector served over HTTP
(WEBKIT_INSPECTOR_HTTP_SERVER), opens the program SLUG (the benchmark's `synthetic` by
default), its milestones register and the first milestone's form, records WebKit's timeline
through the inspector's socket while the steps below run one at a time, and prints each step's
layouts and paints with the area each covered. A change should paint about what it changed: a
paint of the whole main column after a word typed in the form is what found the grids in
stop 35 (README, Benchmarks). The timeline's records carry no times in this WebKitGTK, so this
says where, not how long: the bench says how long.

Python's standard library only: a WebSocket client of the few lines the inspector needs.
"""
import base64, json, os, socket, struct, subprocess, sys, time

PORT = 9333
STEPS = [
    ("a key in the filter", "const i = document.querySelector('.search input'); i.value = 'Milestone 4'; i.dispatchEvent(new Event('input', { bubbles: true }))"),
    ("the filter cleared", "const i = document.querySelector('.search input'); i.value = ''; i.dispatchEvent(new Event('input', { bubbles: true }))"),
    ("a key in the form", "const i = document.querySelector('#form-milestones-title'); i.value += 'x'; i.dispatchEvent(new Event('input', { bubbles: true }))"),
    ("the save", "document.querySelector('[data-testid=item-form]').requestSubmit()"),
    ("the second after it", ""),
]


class Socket:
    """A WebSocket client: text frames out (masked), frames in, pings answered."""

    def __init__(self, host, port, path):
        self.s = socket.create_connection((host, port), timeout=120)
        key = base64.b64encode(os.urandom(16)).decode()
        self.s.sendall((f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nUpgrade: websocket\r\n"
                        f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n").encode())
        head = b""
        while b"\r\n\r\n" not in head:
            head += self.s.recv(1)
        if b" 101 " not in head.split(b"\r\n")[0]:
            raise RuntimeError(f"the inspector refused the socket: {head[:200]!r}")

    def _exactly(self, n):
        data = b""
        while len(data) < n:
            chunk = self.s.recv(n - len(data))
            if not chunk:
                raise ConnectionError("the inspector closed its socket")
            data += chunk
        return data

    def send(self, text, opcode=1):
        data, mask = text.encode() if isinstance(text, str) else text, os.urandom(4)
        n = len(data)
        head = struct.pack("!B", 0x80 | opcode) + (struct.pack("!B", 0x80 | n) if n < 126 else
                struct.pack("!BH", 0x80 | 126, n) if n < 65536 else struct.pack("!BQ", 0x80 | 127, n))
        self.s.sendall(head + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(data)))

    def recv(self):
        message = b""
        while True:
            first, second = self._exactly(2)
            n = second & 0x7F
            n = struct.unpack("!H", self._exactly(2))[0] if n == 126 else struct.unpack("!Q", self._exactly(8))[0] if n == 127 else n
            payload = self._exactly(n)
            opcode = first & 0x0F
            if opcode == 9:
                self.send(payload, opcode=10)
            elif opcode == 8:
                raise ConnectionError("the inspector closed its socket")
            elif opcode in (0, 1, 2):
                message += payload
                if first & 0x80:
                    return message.decode()


class Page:
    """The app's page through the inspector: its one page target, commands and their replies."""

    def __init__(self, sock):
        self.sock, self.n, self.target, self.events = sock, 0, None, []
        while self.target is None:
            m = json.loads(sock.recv())
            if m.get("method") == "Target.targetCreated" and m["params"]["targetInfo"]["type"] == "page":
                self.target = m["params"]["targetInfo"]["targetId"]

    def send(self, method, params=None):
        self.n += 1
        inner = json.dumps({"id": self.n, "method": method, "params": params or {}})
        self.sock.send(json.dumps({"id": self.n, "method": "Target.sendMessageToTarget",
                                   "params": {"targetId": self.target, "message": inner}}))
        while True:
            m = json.loads(self.sock.recv())
            if m.get("method") != "Target.dispatchMessageFromTarget":
                continue
            reply = json.loads(m["params"]["message"])
            if reply.get("id") == self.n:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            if "method" in reply:
                self.events.append(reply)

    def js(self, expression):
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True})
        if result.get("wasThrown"):
            raise RuntimeError(f"{expression[:80]}: {result}")
        return result["result"].get("value")

    def until(self, condition, seconds=30):
        end = time.time() + seconds
        while not self.js(f"!!({condition})"):
            if time.time() > end:
                raise RuntimeError(f"never true: {condition}")
            time.sleep(0.1)


def records(events):
    """Every layout, paint and time stamp recorded, in order, as (kind, what)."""
    out = []

    def walk(record):
        data = record.get("data") or {}
        if record["type"] == "TimeStamp":
            out.append(("step", data.get("message")))
        elif record["type"] in ("Layout", "Paint"):
            out.append((record["type"].lower(), data.get("root") or data.get("clip")))
        for child in record.get("children", []):
            walk(child)

    for event in events:
        if event.get("method") == "Timeline.eventRecorded":
            walk(event["params"]["record"])
    return out


def main():
    app, db = sys.argv[1], sys.argv[2]
    slug = sys.argv[3] if len(sys.argv) > 3 else "synthetic"
    env = dict(os.environ, FLIGHTDECK_DB=db, WEBKIT_INSPECTOR_HTTP_SERVER=f"127.0.0.1:{PORT}")
    proc = subprocess.Popen([app], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        # the page's target comes once the page has loaded: a socket opened sooner was dropped
        time.sleep(5)
        page = Page(Socket("127.0.0.1", PORT, "/socket/1/1/WebPage"))
        page.until(f"document.querySelector(\"button[data-slug='{slug}']\")")
        page.js(f"document.querySelector(\"button[data-slug='{slug}']\").click()")
        page.until("document.querySelector('[data-testid=tab-registers]')")
        page.js("document.querySelector('[data-testid=tab-registers]').click()")
        page.until("document.querySelector('[data-testid=register-milestones]')")
        page.js("document.querySelector('[data-testid=register-milestones]').click()")
        page.until("document.querySelector('tbody[data-testid=rows] tr[data-key] button.open')")
        time.sleep(2)
        page.js("document.querySelector('tbody[data-testid=rows] tr[data-key] button.open').click()")
        page.until("document.querySelector('#form-milestones-title')")
        time.sleep(2)
        page.send("Timeline.enable")
        page.send("Timeline.start", {"maxCallStackDepth": 5})
        for name, code in STEPS:
            page.js(f"console.timeStamp({json.dumps(name)}); (() => {{ {code} }})()")
            time.sleep(1)
        page.js("console.timeStamp('end')")
        time.sleep(0.5)
        page.send("Timeline.stop")
        step = None
        for kind, what in records(page.events):
            if kind == "step":
                step = None if what == "end" else what
                if step:
                    print(f"== {step}")
            elif step and what:
                x0, y0, x1, y1 = what[0], what[1], what[2], what[5]
                print(f"   {kind:6} {round(x1 - x0):5} x {round(y1 - y0):<5} px at ({round(x0)}, {round(y0)})")
    finally:
        proc.terminate()
        proc.wait()


if __name__ == "__main__":
    main()
