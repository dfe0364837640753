"""What "usable on a 360 px phone" means, as browser-side checks (shared by the browser tests
and bench/pocket_budgets.py; no Django here)."""

from __future__ import annotations

MIN_TAP = 44
# What a thumb taps: links and buttons, fields, questions; radio buttons sit in a label.choice.
TAPPABLE = (
    "a, button, summary, select, label.choice, "
    "input:not([type=hidden]):not([type=radio]):not([type=checkbox])"
)
SMALL_TARGETS_JS = """([selector, minimum]) => Array.from(document.querySelectorAll(selector))
  .filter((el) => el.checkVisibility({visibilityProperty: true}))
  .filter((el) => !el.closest("p, li:not(.more-list li), td, dd") || el.matches("button, .button, input, select, summary"))
  .map((el) => { const box = el.getBoundingClientRect();
                 return {text: (el.textContent || el.name || el.tagName).trim().slice(0, 40),
                         width: Math.round(box.width), height: Math.round(box.height)}; })
  .filter((box) => box.width > 0 && (box.height < minimum || box.width < minimum))"""
