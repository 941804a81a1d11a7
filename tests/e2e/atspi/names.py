#!/usr/bin/python3
"""Prints, one per line as `role<TAB>name`, the controls a screen reader is told of in the
running application whose AT-SPI name is argv[1]: what the e2e test holds against the
window's main controls. Exits 2 when the application is not on the accessibility bus."""
import sys

import pyatspi

WANTED = {"push button", "combo box", "entry", "text", "check box", "radio button", "link", "dialog"}


def walk(node, depth=0):
    if node is None or depth > 60:
        return
    try:
        role = node.getRoleName()
        name = node.name or ""
    except Exception:
        return
    if role in WANTED:
        print(f"{role}\t{name}")
    for i in range(node.childCount):
        try:
            walk(node.getChildAtIndex(i), depth + 1)
        except Exception:
            pass


desktop = pyatspi.Registry.getDesktop(0)
apps = [desktop.getChildAtIndex(i) for i in range(desktop.childCount)]
found = [a for a in apps if a is not None and a.name == sys.argv[1]]
if not found:
    print("apps on the bus: " + ", ".join(a.name for a in apps if a is not None), file=sys.stderr)
    sys.exit(2)
for app in found:
    walk(app)
