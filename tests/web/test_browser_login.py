"""In a real Chromium: sign in through the form, land on the home page in Chinese, with no script or
policy error; the page is saved as a screenshot (.artifacts/screenshots/home.png)."""
from __future__ import annotations

from typing import Any, Callable

from duikou.services import users


def test_sign_in_and_the_home_page(live_server: str, browser_page: Any, web_db: str,
                                   browser_login: Callable[..., users.User],
                                   screenshot: Callable[[Any, str], Any]) -> None:
    page = browser_page
    problems: list[str] = []
    page.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda err: problems.append(str(err)))
    page.goto(live_server + "/")
    assert page.locator("header.top").get_by_text("登录").is_visible()
    user = browser_login(page, live_server, "admin")
    assert page.url == live_server + "/"
    who = page.locator(".who")
    assert user.name in who.inner_text() and "admin" in who.inner_text()
    assert page.locator("nav.main a[href='/users']").is_visible()
    assert page.locator("form.search input[name=q]").is_visible()
    documents = page.locator(".stat-documents_ok .value").inner_text()
    assert int(documents.replace(",", "")) >= 5
    # htmx loaded from the package and sends the session's token with every request it makes
    token = page.evaluate("JSON.parse(document.body.getAttribute('hx-headers'))['X-CSRF-Token']")
    assert token and page.evaluate("typeof htmx") == "object"
    # a CJK font is there: two different characters draw differently (missing glyphs are the same box)
    differ = page.evaluate("""() => {
        const font = getComputedStyle(document.body).fontFamily;
        const draw = (ch) => { const c = document.createElement('canvas'); c.width = c.height = 40;
            const g = c.getContext('2d'); g.font = '32px ' + font; g.fillText(ch, 2, 34);
            return Array.from(g.getImageData(0, 0, 40, 40).data).join(','); };
        return draw('结') !== draw('对') && draw('对') !== draw(String.fromCodePoint(0x10FFFD)); }""")
    assert differ, "Chinese characters draw as boxes: install fonts-noto-cjk"
    shot = screenshot(page, f"home-{'sqlite' if web_db.startswith('sqlite') else 'postgresql'}")
    assert shot.stat().st_size > 10_000
    page.click("header .who button")  # sign out
    page.wait_for_url(live_server + "/")
    assert user.name not in page.locator(".who").inner_text()
    assert not problems, problems
