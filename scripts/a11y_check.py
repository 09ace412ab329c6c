"""Walks Limber's accessibility tree through AT-SPI, as a screen reader (Orca) reads it, on every
screen, and fails on what would leave a screen-reader or keyboard user stuck.

Run by scripts/a11y-check.sh, which starts Limber under Xvfb with an AT-SPI bus; this file only
talks to the bus (pyatspi) and presses keys (xdotool).

usage: /usr/bin/python3 a11y_check.py --pid PID --window XID [--tree-out FILE] [--verbose]

A screen fails when it has:
  - a button, toggle, check box, radio button, slider, spin button, combo box or text field
    without a name (its own, or one from a label it is "labelled by");
  - a dialog or other window without a name;
  - a progress bar without a value (or with a value outside its range);
  - an image without a name (a screen reader would say just "image");
  - on the running timer: no "Time left m:ss" text, or one that does not count down;
  - an enabled control that Tab never reaches (with a dialog open: a control in the dialog), or
    one that has the focus while out of sight (outside the window, not scrolled to).
Navigation uses the same AT-SPI "click" action a screen reader user triggers. Besides the
screens, it walks the dialogs: the weekly check-in offered on Today (when the log makes it due:
--check-in-due), both pages of the progress questions, "Log pain" from the top bar over another
screen, and the end card after "Save session"; each must open, under its name.
"""

import argparse
import re
import subprocess
import sys
import time

import pyatspi

CONTROL_ROLES = {
    pyatspi.ROLE_PUSH_BUTTON,
    pyatspi.ROLE_TOGGLE_BUTTON,
    pyatspi.ROLE_CHECK_BOX,
    pyatspi.ROLE_RADIO_BUTTON,
    pyatspi.ROLE_SLIDER,
    pyatspi.ROLE_SPIN_BUTTON,
    pyatspi.ROLE_COMBO_BOX,
    pyatspi.ROLE_ENTRY,
    pyatspi.ROLE_TEXT,
    pyatspi.ROLE_PASSWORD_TEXT,
    pyatspi.ROLE_MENU_ITEM,
    pyatspi.ROLE_LINK,
}
WINDOW_ROLES = {pyatspi.ROLE_DIALOG, pyatspi.ROLE_ALERT, pyatspi.ROLE_WINDOW}
TIMER_TEXT = re.compile(r"^Time left \d+:\d\d$")
SETTLE_S = 0.6


def children(node):
    try:
        count = node.childCount
    except Exception:
        return []
    out = []
    for i in range(count):
        try:
            child = node.getChildAtIndex(i)
        except Exception:
            continue
        if child is not None:
            out.append(child)
    return out


def walk(node, depth=0):
    yield node, depth
    if depth < 60:
        for child in children(node):
            yield from walk(child, depth + 1)


def role_name(node):
    try:
        return node.getRoleName()
    except Exception:
        return "?"


def has_state(node, state):
    try:
        return node.getState().contains(state)
    except Exception:
        return False


def name_of(node):
    """The accessible name: the node's own, or its labels' (the labelled-by relation)."""
    try:
        name = (node.name or "").strip()
    except Exception:
        name = ""
    if name:
        return name
    try:
        for relation in node.getRelationSet():
            if relation.getRelationType() == pyatspi.RELATION_LABELLED_BY:
                for i in range(relation.getNTargets()):
                    target = relation.getTarget(i)
                    label = (target.name or "").strip() if target is not None else ""
                    if label:
                        return label
    except Exception:
        pass
    return ""


def value_of(node):
    """(current, minimum, maximum), or None when the node has no Value interface."""
    try:
        value = node.queryValue()
    except Exception:
        return None
    try:
        return value.currentValue, value.minimumValue, value.maximumValue
    except Exception:
        return None


def text_of(node):
    try:
        text = node.queryText()
        return text.getText(0, min(text.characterCount, 120))
    except Exception:
        return ""


def describe(node):
    role = role_name(node)
    name = name_of(node)
    extra = ""
    value = value_of(node)
    if value is not None:
        extra = f" value={value[0]:g} of {value[1]:g}..{value[2]:g}"
    text = text_of(node)
    if text and not name.startswith(text):
        extra += f" text={text!r}"
    if has_state(node, pyatspi.STATE_FOCUSED):
        extra += " (focused)"
    return f"[{role}] {name}{extra}"


def extents(node):
    """(x, y, width, height) on the screen, or None."""
    try:
        box = node.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
        return box.x, box.y, box.width, box.height
    except Exception:
        return None


def inside(box, window):
    x, y, w, h = box
    wx, wy, ww, wh = window
    return w > 0 and h > 0 and x >= wx - 1 and y >= wy - 1 and x + w <= wx + ww + 1 and y + h <= wy + wh + 1


def tree_text(app):
    return "\n".join("  " * depth + describe(node) for node, depth in walk(app))


def find_app(pid, wait_s):
    deadline = time.time() + wait_s
    while time.time() < deadline:
        desktop = pyatspi.Registry.getDesktop(0)
        for app in children(desktop):
            try:
                if app.get_process_id() == pid:
                    return app
            except Exception:
                continue
        time.sleep(0.5)
    return None


def the_dialog(app):
    """The open modal dialog (the last one drawn is on top), or None."""
    dialogs = [n for n, _ in walk(app) if n.getRole() == pyatspi.ROLE_DIALOG]
    return dialogs[-1] if dialogs else None


def find(app, name, roles=None, within=None):
    for node, _ in walk(within or app):
        if name_of(node) == name and (roles is None or node.getRole() in roles):
            return node
    return None


def wait_for(app, name, roles=None, wait_s=8.0):
    """The first node named `name` (or, when `name` is a compiled pattern, whose name matches)."""
    deadline = time.time() + wait_s
    while time.time() < deadline:
        if isinstance(name, re.Pattern):
            node = next(
                (n for n, _ in walk(app)
                 if name.search(name_of(n)) and (roles is None or n.getRole() in roles)),
                None,
            )
        else:
            node = find(app, name, roles)
        if node is not None:
            return node
        time.sleep(0.2)
    return None


def click(app, name, roles=None, within=None):
    """Activates a control by name through AT-SPI, as a screen reader user would (only one
    inside `within`, e.g. the open dialog, when given)."""
    node = wait_for(within or app, name, roles)
    if node is None:
        print(f"a11y-check: no control named {name!r} to activate; the tree:")
        print(tree_text(app))
        raise SystemExit(1)
    action = node.queryAction()
    for i in range(action.nActions):
        if action.getName(i) in ("click", "press", "activate"):
            action.doAction(i)
            break
    else:
        action.doAction(0)
    time.sleep(SETTLE_S)


MORE_SCREENS = re.compile(r"^More screens(, .+ selected)?$")


def open_screen(check, app, screen, toggle):
    """Opens a screen by its tab, or through "More" when the window is too narrow for every tab;
    a screen opened through "More" must then be named in More's accessible name."""
    if find(app, screen, toggle) is not None:
        click(app, screen, toggle)
        return
    click(app, MORE_SCREENS, toggle)
    click(app, screen, toggle)
    if wait_for(app, f"More screens, {screen} selected", toggle, wait_s=2) is None:
        check.problems.append(f"{screen}: opened through More, but More does not say so")


class Checker:
    def __init__(self, app, window, verbose):
        self.verbose = verbose
        self.app = app
        self.window = window
        self.problems = []
        self.summary = []

    def key(self, *keys):
        subprocess.run(["xdotool", "windowfocus", "--sync", self.window], check=False,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        subprocess.run(["xdotool", "key", "--delay", "40", *keys], check=False)

    def window_box(self):
        """(x, y, width, height) of Limber's window on the screen, from X (AccessKit's frame
        node has no extents)."""
        out = subprocess.run(["xdotool", "getwindowgeometry", "--shell", self.window],
                             capture_output=True, text=True, check=False).stdout
        geometry = dict(line.split("=", 1) for line in out.split() if "=" in line)
        try:
            return tuple(int(geometry[k]) for k in ("X", "Y", "WIDTH", "HEIGHT"))
        except (KeyError, ValueError):
            return None

    def focused(self, scope):
        for node, _ in walk(scope):
            if has_state(node, pyatspi.STATE_FOCUSED) and node.getRole() in CONTROL_ROLES:
                return node
        return None

    def check_screen(self, screen, timer=False):
        problems = []
        dialog = the_dialog(self.app)
        scope = dialog or self.app
        nodes = [n for n, _ in walk(self.app)]
        for node in nodes:
            role = node.getRole()
            where = f"{screen}: [{role_name(node)}]"
            if role in CONTROL_ROLES and not name_of(node):
                problems.append(f"{where} without a name")
            if role in WINDOW_ROLES and not name_of(node):
                problems.append(f"{where} (a dialog) without a name")
            if role == pyatspi.ROLE_IMAGE and not name_of(node):
                problems.append(f"{where} (an image) without a name")
            if role == pyatspi.ROLE_PROGRESS_BAR:
                value = value_of(node)
                if value is None:
                    problems.append(f"{where} {name_of(node)!r} without a value")
                elif not value[1] <= value[0] <= value[2] or value[2] <= value[1]:
                    problems.append(f"{where} {name_of(node)!r} value {value} out of its range")
                elif not name_of(node):
                    problems.append(f"{where} without a name")
        if timer:
            problems += self.check_timer(screen)

        # Keyboard: Tab from wherever the focus is, until it comes round again.
        controls = [
            n for n, _ in walk(scope)
            if n.getRole() in CONTROL_ROLES and has_state(n, pyatspi.STATE_SENSITIVE)
        ]
        wanted = {n.path: n for n in controls}
        reached = {}
        hidden = {}
        first = None
        window = self.window_box()
        for _ in range(len(controls) + 15):
            self.key("Tab")
            time.sleep(0.15)
            node = self.focused(scope)
            if node is None:
                continue
            if node.path == first:
                break
            first = first or node.path
            reached[node.path] = node
            # Focus always visible: the focused control lies inside the window (scrolled to).
            box = extents(node)
            if window and box and not inside(box, window):
                time.sleep(0.4)  # a scroll may still be animating
                box = extents(node)
                if box and not inside(box, window):
                    hidden[node.path] = (node, box)
        missing = [n for path, n in wanted.items() if path not in reached]
        for node in missing:
            problems.append(f"{screen}: [{role_name(node)}] {name_of(node)!r} never gets focus with Tab")
        for node, box in hidden.values():
            problems.append(
                f"{screen}: [{role_name(node)}] {name_of(node)!r} has the focus out of sight at {box} (window {window})"
            )

        scope_name = f"the dialog {name_of(dialog)!r}" if dialog else "the window"
        line = (f"{screen}: {len(controls)} controls in {scope_name}, "
                f"{len(controls) - len(missing)} reached with Tab, {len(problems)} problems")
        print(f"a11y-check: {line}", flush=True)
        for problem in problems:
            print(f"a11y-check:   FAIL {problem}", flush=True)
        if self.verbose:
            print(tree_text(self.app))
        self.summary.append(line)
        self.problems += problems

    def check_timer(self, screen):
        def timer_text():
            for node, _ in walk(self.app):
                for text in (name_of(node), text_of(node)):
                    if text and TIMER_TEXT.match(text):
                        return text
            return None

        first = timer_text()
        if first is None:
            return [f"{screen}: no timer reading 'Time left m:ss'"]
        deadline = time.time() + 4
        while time.time() < deadline:
            time.sleep(0.5)
            later = timer_text()
            if later is not None and later != first:
                print(f"a11y-check: {screen}: the timer reads {first!r}, then {later!r}")
                return []
        return [f"{screen}: the timer reads {first!r} and does not count down"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--pid", type=int, required=True)
    parser.add_argument("--window", required=True, help="X window id, for the Tab presses")
    parser.add_argument("--tree-out", help="also write the Today screen's tree here")
    parser.add_argument("--verbose", action="store_true", help="print every screen's tree")
    parser.add_argument("--check-in-due", action="store_true",
                        help="the log makes the weekly check-in due: Today must offer it")
    args = parser.parse_args()

    app = find_app(args.pid, 30)
    if app is None:
        print("a11y-check: Limber never appeared on the accessibility bus")
        return 2
    if wait_for(app, "Today", {pyatspi.ROLE_TOGGLE_BUTTON}, 30) is None:
        print("a11y-check: Limber's tree never filled (is the screen reader flag set on the bus?)")
        return 2
    check = Checker(app, args.window, args.verbose)
    toggle = {pyatspi.ROLE_TOGGLE_BUTTON}

    # First start: the safety notice.
    if wait_for(app, "I understand", wait_s=5) is None:
        check.problems.append("first start: no safety notice with 'I understand'")
    else:
        check.check_screen("First-start notice")
        click(app, "I understand")

    check.check_screen("Today")

    # The weekly check-in offered on Today opens as a dialog (its questions scroll, its buttons
    # stay in a footer). It is due when the generated log's last check-in is over a week old
    # (a11y-check.sh then passes --check-in-due); a first start with an empty log puts it off
    # a week.
    if wait_for(app, "Answer the weekly check-in", {pyatspi.ROLE_PUSH_BUTTON}, 3) is None:
        if args.check_in_due:
            check.problems.append("Today: the weekly check-in is due but not offered")
    else:
        click(app, "Answer the weekly check-in", {pyatspi.ROLE_PUSH_BUTTON})
        dialog = the_dialog(app)
        if dialog is None or name_of(dialog) != "Weekly check-in, warning signs":
            check.problems.append("Today: the weekly check-in did not open as its dialog")
        check.check_screen("Weekly check-in (from Today)")
        click(app, "Close", {pyatspi.ROLE_PUSH_BUTTON}, within=dialog)
        if the_dialog(app) is not None:
            check.problems.append("Today: the weekly check-in dialog stayed open after Close")

    click(app, "Log a rest day")
    check.check_screen("Today, the rest-day menu")
    check.key("Escape")
    time.sleep(SETTLE_S)

    # A gentler session: its rule, shown in a dialog before anything starts (issue 31).
    click(app, "Gentler session today", {pyatspi.ROLE_PUSH_BUTTON})
    if wait_for(app, "A gentler session", {pyatspi.ROLE_DIALOG}, 3) is None:
        check.problems.append("Gentler session: no dialog named 'A gentler session'")
    check.check_screen("Gentler session, its rule")
    click(app, "Cancel", {pyatspi.ROLE_PUSH_BUTTON}, within=the_dialog(app))
    if the_dialog(app) is not None:
        check.problems.append("Gentler session: the dialog stayed open after Cancel")

    # The guided routine with a running timer: the screen a person hears from the floor.
    click(app, "Start routine")
    click(app, "Pain before 3")
    tree = tree_text(app)
    check.check_screen("Today, guided routine with a running timer", timer=True)
    print("a11y-check: the tree of 'Today, guided routine with a running timer':")
    print(tree)
    if args.tree_out:
        with open(args.tree_out, "w", encoding="utf-8") as out:
            out.write(tree + "\n")

    click(app, "Done")
    click(app, "Leave routine")
    click(app, "Finish session")
    check.check_screen("Finish form")
    click(app, "Pain after 2")
    click(app, "Save session")
    # The end card: a dialog named with its whole line ("Session saved · 1 exercise · …"), so a
    # screen reader announces it as it opens.
    if wait_for(app, re.compile(r"^Session saved"), {pyatspi.ROLE_DIALOG}, 3) is None:
        check.problems.append("End card: no dialog named 'Session saved …' after Save session")
    check.check_screen("End card")
    click(app, "Done", within=the_dialog(app))

    click(app, "How is your back now?")
    check.check_screen("How is your back now?")
    click(app, "Cancel", within=the_dialog(app))
    # The progress questions (the questionnaires), from "Between sessions": each page in its
    # dialog, the first (PSFS, with its text field) and, after "Skip this one", the second.
    click(app, "Progress questions", {pyatspi.ROLE_PUSH_BUTTON})
    if wait_for(app, "Progress check-in", {pyatspi.ROLE_DIALOG}, 3) is None:
        check.problems.append("Progress questions: no dialog named 'Progress check-in'")
    check.check_screen("Progress questions, page 1")
    click(app, "Skip this one", {pyatspi.ROLE_PUSH_BUTTON}, within=the_dialog(app))
    check.check_screen("Progress questions, page 2")
    click(app, "Close", {pyatspi.ROLE_PUSH_BUTTON}, within=the_dialog(app))

    for screen in ["History", "Progress", "Export", "Routine", "Settings", "About & safety"]:
        open_screen(check, app, screen, toggle)
        check.check_screen(screen)
        if screen == "History":
            click(app, re.compile(r"done, pain 3 before"), toggle)
            check.check_screen("History, the session opened")
        if screen == "Progress":
            # "Log pain" in the top bar opens "How is your back now?" over any screen.
            click(app, "Log pain now", {pyatspi.ROLE_PUSH_BUTTON})
            if wait_for(app, "Pain between sessions", {pyatspi.ROLE_DIALOG}, 3) is None:
                check.problems.append("Log pain: no dialog 'Pain between sessions' over Progress")
            check.check_screen("Log pain (over Progress)")
            click(app, "Cancel", {pyatspi.ROLE_PUSH_BUTTON}, within=the_dialog(app))

    print(f"a11y-check: {len(check.summary)} screens, {len(check.problems)} problems")
    return 1 if check.problems else 0


sys.exit(main())
