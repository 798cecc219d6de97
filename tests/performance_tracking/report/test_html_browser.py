"""The HTML report in a real browser: headless Chromium, as a person would open the exported file.

Debian's ``chromium`` and ``chromium-driver`` packages, driven by selenium (one browser for the
module, a few seconds in all).  ``.ci/run`` installs them where it can (as root with apt); where
no browser is installed every test here is skipped with that reason.  The browser resolves no
host name (``--host-resolver-rules``), so a page that tried to fetch anything would fail visibly;
the tests also check that it fetched nothing and logged no error.

``UPDATE_SCREENSHOT=1`` rewrites the README's screenshot (``docs/html-report.png``: the sample
logs' week 2026-W45, the README's example) from :func:`test_readme_screenshot_of_the_sample_week`.
"""

from __future__ import annotations

import os
import shutil
import struct
import zlib
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any, cast

import pytest
from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.chrome.webdriver import WebDriver
from selenium.webdriver.common.by import By

from .test_html import hostile_page
from .test_reports import WEEK, run_cli, write_sample

REPO = Path(__file__).resolve().parents[3]
SAMPLE_LOGS = REPO / "logs" / "sample"
README_SCREENSHOT = REPO / "docs" / "html-report.png"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
GAIN = (26, 127, 55)           # --gain, light theme
LOSS = (207, 34, 46)           # --loss, light theme
DARK_GAIN = (63, 185, 80)


@pytest.fixture(scope="module")
def browser() -> Iterator[WebDriver]:
    if CHROMIUM is None or CHROMEDRIVER is None:
        pytest.skip("no headless browser: install Debian's chromium and chromium-driver "
                    "(.ci/run does, as root with apt)")
    options = webdriver.ChromeOptions()
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--hide-scrollbars", "--force-device-scale-factor=1",
                     "--host-resolver-rules=MAP * ~NOTFOUND", "--window-size=1000,900"):
        options.add_argument(argument)
    options.binary_location = CHROMIUM
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def export(logs: Path, out: Path, *arguments: str) -> Path:
    """Export through the command line, as cron would; the path of the ``.html``."""
    code, _, err = run_cli(*arguments, "--logs-dir", str(logs), "--export", "--output-dir",
                           str(out), "--format", "json", "--no-cache")
    assert code == 0, err
    (page,) = out.glob("*.html")
    return page


@pytest.fixture(scope="module")
def week(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixed sample week of ``test_reports.py`` (2025-W11: two losing days)."""
    base = tmp_path_factory.mktemp("week")
    write_sample(base / "logs")
    return export(base / "logs", base / "out", "--window", "weekly", "--date", WEEK,
                  "--min-sample", "5")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("hostile")
    path = base / "hostile.html"
    path.write_text(hostile_page(base / "logs"), encoding="utf-8")
    return path


def open_page(driver: WebDriver, path: Path, *, width: int = 1000, height: int = 900,
              mobile: bool = False, dark: bool = False, media: str = "") -> None:
    """Load ``path`` fresh under the given viewport and media emulation; the console is
    emptied first, so :func:`errors` sees this page's messages only."""
    console(driver)
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile})
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {
        "media": media,
        "features": [{"name": "prefers-color-scheme", "value": "dark" if dark else "light"}]})
    driver.get(path.as_uri())


def rgb(colour: tuple[int, int, int]) -> str:
    return "rgb({}, {}, {})".format(*colour)


def script(driver: WebDriver, code: str, *arguments: Any) -> Any:
    return driver.execute_script(code, *arguments)


def console(driver: WebDriver) -> list[dict[str, Any]]:
    """The browser's console since the last call (selenium leaves ``get_log`` untyped)."""
    return cast(list[dict[str, Any]], driver.get_log("browser"))  # type: ignore[no-untyped-call]


def errors(driver: WebDriver) -> list[dict[str, Any]]:
    return [entry for entry in console(driver) if entry["level"] in ("SEVERE", "ERROR")]


def assert_no_alert(driver: WebDriver) -> None:
    with pytest.raises(NoAlertPresentException):
        driver.switch_to.alert.text  # noqa: B018 - the property raises when there is no alert


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    return cast(tuple[int, int], struct.unpack(">II", data[16:24]))


def decode_png(data: bytes) -> tuple[int, int, list[tuple[int, int, int]]]:
    """Width, height and RGB pixels of an 8-bit, non-interlaced RGB(A) PNG (what Chromium
    writes): enough of the format to count colours without an imaging library."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    position, compressed = 8, b""
    width = height = channels = 0
    while position < len(data):
        (length,) = struct.unpack(">I", data[position:position + 4])
        kind = data[position + 4:position + 8]
        body = data[position + 8:position + 8 + length]
        position += 12 + length
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and interlace == 0 and colour in (2, 6)
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            compressed += body
    raw = zlib.decompress(compressed)
    stride = width * channels
    previous = bytearray(stride)
    pixels: list[tuple[int, int, int]] = []
    for row in range(height):
        start = row * (stride + 1)
        method, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        for index in range(stride):
            left = line[index - channels] if index >= channels else 0
            up = previous[index]
            corner = previous[index - channels] if index >= channels else 0
            if method == 1:
                line[index] = (line[index] + left) & 255
            elif method == 2:
                line[index] = (line[index] + up) & 255
            elif method == 3:
                line[index] = (line[index] + (left + up) // 2) & 255
            elif method == 4:
                estimate = left + up - corner
                near = min((abs(estimate - left), 0, left), (abs(estimate - up), 1, up),
                           (abs(estimate - corner), 2, corner))[2]
                line[index] = (line[index] + near) & 255
        pixels.extend(cast(tuple[int, int, int], tuple(line[index:index + 3]))
                      for index in range(0, stride, channels))
        previous = line
    return width, height, pixels


# --- the sample week ----------------------------------------------------------------------

#: The fixed sample's days: net P&L and trades, as the bars' tooltips must say.
DAYS = [("2025-03-10 Mon", "+75.25", 2), ("2025-03-11 Tue", "+75.10", 3),
        ("2025-03-12 Wed", "+25.35", 3), ("2025-03-13 Thu", "+10.00", 2),
        ("2025-03-14 Fri", "-75.50", 2), ("2025-03-15 Sat", "+60.00", 1),
        ("2025-03-16 Sun", "-15.00", 1)]


def test_the_exported_page_opens_offline_with_its_charts(browser: WebDriver, week: Path) -> None:
    open_page(browser, week)
    assert browser.title == "Performance report: weekly 2025-W11"
    assert errors(browser) == []
    assert script(browser, "return performance.getEntriesByType('resource').length") == 0
    assert_no_alert(browser)
    charts = script(browser, "return Array.from(document.querySelectorAll('svg.chart'))"
                             ".map(s => [s.id, s.querySelector('title').textContent])")
    assert charts == [["chart-equity", "Equity curve and drawdown"],
                      ["chart-bars", "Daily net P&L"],
                      ["chart-breakdown-0", "Net P&L by strategy"],
                      ["chart-breakdown-3", "Net P&L by symbol"]]
    bars = script(browser, "return Array.from(document.querySelectorAll('#chart-bars rect.bar'))"
                           ".map(r => [r.getAttribute('class'), r.querySelector('title')"
                           ".textContent])")
    assert bars == [[f"bar {'loss' if net.startswith('-') else 'gain'}",
                     f"{day}: {net} ({trades} trade{'s' if trades > 1 else ''})"]
                    for day, net, trades in DAYS]
    dots = script(browser, "return Array.from(document.querySelectorAll('#chart-equity circle'))"
                           ".map(c => c.querySelector('title').textContent)")
    assert len(dots) == 15
    assert dots[-1] == "2025-03-16 14:45 C14 BTC-USD: -15.00, cumulative 155.20"
    descriptions = script(browser, "return Array.from(document.querySelectorAll('svg desc'))"
                                   ".map(d => d.textContent)")
    assert all(len(text) > 20 for text in descriptions)


def test_bars_sit_on_their_side_of_zero_in_their_colour(browser: WebDriver, week: Path) -> None:
    open_page(browser, week)
    found = script(browser, """
        const zero = document.querySelector('#chart-bars line.zero:not(.axes line)')
            .getBoundingClientRect().top;
        return Array.from(document.querySelectorAll('#chart-bars rect.bar')).map(r => {
            const box = r.getBoundingClientRect();
            return [r.classList[1], box.top - zero, box.bottom - zero, getComputedStyle(r).fill];
        });""")
    assert {kind for kind, *_ in found} == {"gain", "loss"}
    for kind, top, bottom, fill in found:
        if kind == "gain":
            assert top < -5 and abs(bottom) < 1.5 and fill == rgb(GAIN)
        else:
            assert abs(top) < 1.5 and bottom > 5 and fill == rgb(LOSS)


def test_screenshot_is_not_blank_and_shows_both_bar_colours(browser: WebDriver,
                                                           week: Path) -> None:
    open_page(browser, week, width=700)
    chart = browser.find_element(By.ID, "chart-bars")
    width, height, pixels = decode_png(chart.screenshot_as_png)
    assert width > 400 and height > 150
    colours = Counter(pixels)
    assert len(colours) > 8                                  # not blank
    assert colours[GAIN] > 500 and colours[LOSS] > 200


def test_clicking_a_column_header_sorts_the_table(browser: WebDriver, week: Path) -> None:
    open_page(browser, week)

    def column(table: str, index: int) -> list[str]:
        return cast(list[str], script(
            browser, "return Array.from(document.querySelectorAll(arguments[0] + ' tbody tr'))"
                     ".map(r => r.cells[arguments[1]].textContent)", table, index))

    daily = "#daily table"
    assert column(daily, 0)[0] == "2025-03-10"
    header = browser.find_elements(By.CSS_SELECTOR, f"{daily} th button")[3]
    assert header.text.startswith("Net P&L")
    header.click()
    nets = column(daily, 3)
    assert nets == sorted(nets, key=float) and nets[0] == "-75.50"
    assert script(browser, "return document.querySelectorAll(arguments[0] + ' th')[3]"
                           ".getAttribute('aria-sort')", daily) == "ascending"
    header.click()
    assert column(daily, 3) == sorted(nets, key=float, reverse=True)
    assert column(daily, 0)[0] == "2025-03-10"                    # 75.25 is the best day
    dates = browser.find_elements(By.CSS_SELECTOR, f"{daily} th button")[0]
    dates.click()
    dates.click()
    assert column(daily, 0) == [f"2025-03-{day}" for day in range(16, 9, -1)]
    # Small-sample counts sort as numbers, names as text.
    symbols = "[data-dimension=symbol] table"
    assert script(browser, "return document.querySelector(arguments[0] + ' th').textContent",
                  symbols).startswith("Symbol")
    browser.find_elements(By.CSS_SELECTOR, f"{symbols} th button")[1].click()
    counts = [int(text.split()[0]) for text in column(symbols, 1)]
    assert counts == sorted(counts)
    browser.find_elements(By.CSS_SELECTOR, f"{symbols} th button")[0].click()
    names = column(symbols, 0)
    assert names == sorted(names, key=str.lower)
    assert errors(browser) == []


def test_hostile_strings_render_as_text_and_run_nothing(browser: WebDriver,
                                                        hostile: Path) -> None:
    open_page(browser, hostile)
    assert_no_alert(browser)
    assert script(browser, "return typeof window.__pwned") == "undefined"
    assert script(browser, "return document.scripts.length") == 1
    assert script(browser, "return document.images.length") == 0
    handlers = script(browser, "return Array.from(document.querySelectorAll('*')).filter(e => "
                               "Array.from(e.attributes).some(a => a.name.startsWith('on')))"
                               ".length")
    assert handlers == 0
    text = script(browser, "return document.body.innerText")
    assert "<script>window.__pwned=1</script>" in text
    assert '"><img src=x onerror="window.__pwned=2">' in text
    assert "\\x1b[31mred\\x1b[0m\\x00\\x07" in text
    tips = script(browser, "return Array.from(document.querySelectorAll('#chart-breakdown-0 g.row"
                           " > title')).map(t => t.textContent)")
    assert any(tip.startswith("<script>window.__pwned=1</script>: net") for tip in tips)
    assert errors(browser) == []              # nothing was even attempted and blocked


def test_the_page_fits_a_phone(browser: WebDriver, week: Path) -> None:
    open_page(browser, week, width=375, height=812, mobile=True)
    assert script(browser, "return document.documentElement.scrollWidth") <= 375
    columns = script(browser, "return new Set(Array.from(document.querySelectorAll('.kpi'))"
                              ".map(k => k.getBoundingClientRect().left)).size")
    assert columns <= 2
    chart = script(browser, """
        const svg = document.getElementById('chart-equity');
        const box = svg.getBoundingClientRect();
        const label = svg.querySelector('text.tick').getBoundingClientRect();
        return [box.width, svg.parentElement.scrollWidth > svg.parentElement.clientWidth,
                label.height];""")
    width, scrolls, label_height = chart
    assert width >= 500 and scrolls and label_height >= 9      # readable, scrolled sideways
    size = script(browser, "return parseFloat(getComputedStyle(document.body).fontSize)")
    assert float(size) >= 14
    assert errors(browser) == []


def test_dark_scheme_changes_colours_and_print_is_light(browser: WebDriver, week: Path) -> None:
    def colours() -> list[str]:
        return cast(list[str], script(browser, """
            return [getComputedStyle(document.body).backgroundColor,
                    getComputedStyle(document.body).color,
                    getComputedStyle(document.querySelector('#chart-bars rect.gain')).fill,
                    getComputedStyle(document.querySelector('nav')).display];"""))

    open_page(browser, week)
    light = colours()
    assert light == ["rgb(255, 255, 255)", "rgb(31, 35, 40)", rgb(GAIN), "block"]
    open_page(browser, week, dark=True)
    dark = colours()
    assert dark[0] == "rgb(13, 17, 23)" and dark[2] == rgb(DARK_GAIN)
    assert dark[1] != light[1]
    open_page(browser, week, dark=True, media="print")
    printed = colours()
    assert printed[:3] == light[:3] and printed[3] == "none"
    assert errors(browser) == []


def test_readme_screenshot_of_the_sample_week(browser: WebDriver,
                                              tmp_path: Path) -> None:
    logs = tmp_path / "logs"
    logs.mkdir()
    for source in SAMPLE_LOGS.glob("*.jsonl"):
        shutil.copy(source, logs / source.name)
    page = export(logs, tmp_path / "out", "--window", "weekly", "--date", "2026-11-04")
    open_page(browser, page, width=1000, height=1500)
    assert browser.title == "Performance report: weekly 2026-W45"
    assert errors(browser) == []
    picture = browser.get_screenshot_as_png()
    assert png_size(picture) == (1000, 1500) and len(picture) > 50_000     # not blank
    if os.environ.get("UPDATE_SCREENSHOT") == "1":
        README_SCREENSHOT.parent.mkdir(exist_ok=True)
        README_SCREENSHOT.write_bytes(picture)
    assert README_SCREENSHOT.exists(), "run with UPDATE_SCREENSHOT=1 to create it"
    assert png_size(README_SCREENSHOT.read_bytes()) == (1000, 1500)
    assert f"]({README_SCREENSHOT.relative_to(REPO)})" in (REPO / "README.md").read_text(
        encoding="utf-8")
