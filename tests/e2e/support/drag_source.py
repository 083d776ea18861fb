"""A window at a fixed place that drags one file, as a file manager would: the e2e suite
presses the mouse on it and lets go over Flightdeck's window (xdotool), a real XDND drop.

Usage: drag_source.py FILE X Y (the window's top left); prints "ready" once it is shown."""
import sys

import gi

gi.require_version("Gdk", "3.0")
gi.require_version("Gtk", "3.0")
from gi.repository import Gdk, Gtk  # noqa: E402

path, x, y = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
uri = "file://" + path

window = Gtk.Window(title="drag source")
window.set_default_size(120, 80)
window.move(x, y)
box = Gtk.EventBox()
box.add(Gtk.Label(label="pack"))
window.add(box)
box.drag_source_set(Gdk.ModifierType.BUTTON1_MASK, [], Gdk.DragAction.COPY)
box.drag_source_add_uri_targets()


def give(_widget, _context, data, _info, _time):
    data.set_uris([uri])


box.connect("drag-data-get", give)
window.connect("destroy", Gtk.main_quit)
window.show_all()
print("ready", flush=True)
Gtk.main()
