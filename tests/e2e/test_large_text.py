"""Text at twice its size on the narrowest phone: nothing is cut off, no word is cut in two,
nothing scrolls sideways."""

from tests.e2e.conftest import SMALL_PHONE
from tests.e2e.steps import family_screens

# Everything on screen that reaches past the right edge, or is cut off by its own box. Text
# in a one-line text box scrolls inside it, as every browser does: not counted.
CUT_OFF = """width => {
  const found = [];
  for (const el of document.body.querySelectorAll("*")) {
    if (el.closest(".visually-hidden, .skip, [hidden]") || el.getClientRects().length === 0) {
      continue;
    }
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    const clips = ["hidden", "clip"].includes(style.overflowX) && !el.matches("input[type=text]");
    const name = el.tagName.toLowerCase() + (el.className ? "." + el.className : "");
    if (box.right > width + 1) {
      found.push(`${name} reaches ${Math.round(box.right)}px`);
    } else if (clips && el.scrollWidth > el.clientWidth + 1) {
      found.push(`${name} cuts off ${el.scrollWidth - el.clientWidth}px`);
    }
  }
  return found;
}"""

# Words of up to 10 letters split over two lines ("Ba-ck", "Refus-ed"): text that no longer
# fits its box and is cut in pieces instead. Longer words (addresses, long names) may break,
# and so may words at their hyphens.
SPLIT_WORDS = """() => {
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (el.closest(".visually-hidden, .skip, [hidden], textarea, script") ||
        el.getClientRects().length === 0) {
      continue;
    }
    for (const word of node.data.matchAll(/[^\\s-]+/g)) {
      if (word[0].length > 10) continue;
      range.setStart(node, word.index);
      range.setEnd(node, word.index + word[0].length);
      const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
      if (lines.size > 1) found.push(`"${word[0]}" split over ${lines.size} lines`);
    }
  }
  return found;
}"""


def test_text_at_200_percent_on_a_320px_phone_is_never_cut_off(new_device, builtin):
    page = new_device(SMALL_PHONE).new_page()
    normal = None
    found = []
    for name, go in family_screens(page):
        if normal is None:
            go()
            normal = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
            # The browser's own text size setting, as a family with low vision sets it
            # (WCAG 1.4.4 asks for text resized to 200% without zooming the page). Every size
            # in the stylesheet is in rem, so the whole text doubles, while the page stays
            # 320 CSS px wide: harder than page zoom, which also shrinks the viewport.
            cdp = page.context.new_cdp_session(page)
            cdp.send("Page.setFontSizes", {"fontSizes": {"standard": 32, "fixed": 26}})
        go()
        size = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
        assert size == 2 * normal, f"{name}: text is {size}px, not twice {normal}px"
        sideways = page.evaluate("document.documentElement.scrollWidth")
        if sideways > SMALL_PHONE["width"]:
            found.append(f"{name}: the page is {sideways}px wide")
        found += [f"{name}: {problem}" for problem in page.evaluate(CUT_OFF, SMALL_PHONE["width"])]
        found += [f"{name}: {problem}" for problem in page.evaluate(SPLIT_WORDS)]
    assert found == [], "\n".join(found)
