"""Both explorers in JupyterLab and Notebook 7 (127.0.0.1, Debian's Chromium via Playwright; without them it fails):
each click or drag must change the picture.  Saves build/explore_spiral.png (the README's screenshot)."""
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
# The cell the notebook gets at the end of 1(c) (see docs/explore.md).
SPIRAL_CELL = ("# Explore live: train your own 2- or 3-layer network and watch it learn (needs a running kernel).\n"
               "from helpers.explore import explore_spiral\n"
               "explore_spiral()")
# The autoencoder explorer on stand-ins (random images, scaled copies as "models"): the browser part only.
AUTOENCODER_CELL = """import numpy as np
from helpers.autoencoder import PCA
from helpers.explore import explore_autoencoders
x = np.random.default_rng(0).random((500, 784), dtype=np.float32)
explore_autoencoders({2: lambda a: a * 0.5, 8: lambda a: a * 0.9}, x, np.arange(500) % 10, PCA.fit(x),
                     lambda a: np.clip(a, 0.25, 0.75), lambda a: a * 0.8, lambda a: a[:, :2])"""


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A JupyterLab server on 127.0.0.1 serving a temporary folder with explore.ipynb (the two cells)."""
    root = tmp_path_factory.mktemp("lab")
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in (SPIRAL_CELL, AUTOENCODER_CELL)])
    nb.metadata.kernelspec = {"display_name": "Python 3", "language": "python", "name": "python3"}
    nbformat.write(nb, root / "explore.ipynb")
    with socket.socket() as s:  # a free port
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with open(root / "server.log", "w") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "jupyterlab", "--no-browser", "--ip", "127.0.0.1", "--port", str(port),
             "--ServerApp.token=", "--ServerApp.password=", "--allow-root", f"--ServerApp.root_dir={root}",
             f"--LabApp.workspaces_dir={root / '.workspaces'}", "--LabApp.news_url=None"],
            cwd=root, env={**os.environ, "PYTHONPATH": str(ROOT), "JUPYTER_RUNTIME_DIR": str(root / ".runtime")},
            stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            for _ in range(120):
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{port}/api/status", timeout=1)
                    break
                except OSError:
                    assert proc.poll() is None, f"JupyterLab stopped: {(root / 'server.log').read_text()[-2000:]}"
                    time.sleep(0.5)
            else:
                pytest.fail("JupyterLab did not answer on 127.0.0.1 within 60 s")
            yield f"http://127.0.0.1:{port}"
        finally:
            proc.terminate()
            try:
                proc.wait(15)
            except subprocess.TimeoutExpired:
                proc.kill()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), f"{CHROMIUM} is missing (Debian package chromium)"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"])
        yield b
        b.close()


def picture(page, n):
    """The ``n``-th picture on the page as shown (the data URL of its PNG): 0 the spiral's, 1 and 2 code_size, noise."""
    return page.locator("img[src^='data:image/png']").nth(n).get_attribute("src")


def status(page):
    """The spiral explorer's status line."""
    return page.locator(".widget-html-content", has_text="iteration").first.inner_text()


def slider(page, label):
    return page.locator(".widget-slider", has=page.get_by_text(label, exact=True)).first


def drag(page, label, dx):
    """Drag the handle of the slider ``label`` by ``dx`` pixels, as a mouse does."""
    handle = slider(page, label).locator(".noUi-handle").first
    handle.scroll_into_view_if_needed()
    box = handle.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] / 2 + dx, box["y"] + box["height"] / 2, steps=5)
    page.mouse.up()


def wait_for(page, condition, what, timeout=30):
    """Poll ``condition()`` every 0.1 s; on time-out fail, leaving a screenshot in build/; return the seconds."""
    start = time.monotonic()
    while time.monotonic() < start + timeout:
        if condition():
            return time.monotonic() - start
        page.wait_for_timeout(100)
    (ROOT / "build").mkdir(exist_ok=True)
    page.screenshot(path=str(ROOT / "build" / "explore_failed.png"), full_page=True)
    pytest.fail(f"timed out waiting for {what} (screenshot: build/explore_failed.png)")


@pytest.mark.slow
@pytest.mark.parametrize("app", ["lab", "notebooks"])  # JupyterLab 4, Notebook 7
def test_explorers_in_chromium(server, browser, app):
    """Pause and each slider answer within 3 s (the kernel side alone: under 0.3 s, tests/test_explore_*; the
    browser's round trip adds to it, and the machine may be busy)."""
    page = browser.new_page(viewport={"width": 1400, "height": 2400})
    page.goto(f"{server}/{app}/tree/explore.ipynb" if app == "lab" else f"{server}/notebooks/explore.ipynb")
    # JupyterLab shows its shell only once restored (behind a splash screen): on a busy machine that takes a while
    page.wait_for_selector("#jupyterlab-splash", state="detached", timeout=180000)
    page.locator(".jp-Cell .cm-content").first.click(timeout=120000)
    page.wait_for_timeout(1500)                   # the kernel starts
    page.keyboard.press("Shift+Enter")            # the spiral cell, then the autoencoder cell
    page.keyboard.press("Shift+Enter")
    page.get_by_text("The 2-number codes").wait_for(timeout=90000)
    page.locator("img[src^='data:image/png']").nth(3).wait_for(timeout=30000)  # 1 spiral + 3 autoencoder pictures
    assert page.get_by_text("Error displaying widget").count() == 0
    train, pause = (page.get_by_role("button", name=name, exact=True) for name in ("Train", "Pause"))
    start = picture(page, 0)
    assert "iteration 0 of 20,000" in status(page)

    train.click()
    wait_for(page, lambda: picture(page, 0) != start and "training" in status(page), "the boundary to redraw")
    pause.click()
    seconds = wait_for(page, lambda: "paused" in status(page), "Pause")
    paused_at, paused_picture = status(page), picture(page, 0)
    page.wait_for_timeout(1000)
    assert status(page) == paused_at, "training went on after Pause"
    assert seconds < 3.0, f"Pause took {seconds:.2f} s"
    print(f"{app}: Pause answered in {seconds:.2f} s")

    drag(page, "H1", -25)
    wait_for(page, lambda: "iteration 0 of" in status(page) and picture(page, 0) != paused_picture,
             "a fresh run with the new H1")
    assert slider(page, "H1").locator(".widget-readout").inner_text() != "100"  # H1 moved
    train.click()                                 # a picture worth showing: the new network trained a while
    wait_for(page, lambda: "iteration 0 of" not in status(page), "training the new network")
    page.wait_for_timeout(3000)
    pause.click()
    wait_for(page, lambda: "paused" in status(page), "Pause")
    page.get_by_role("button", name="Keep", exact=True).click()
    page.get_by_text("held-out acc.").wait_for(timeout=10000)

    for n, label, dx in ((1, "code_size", -150), (2, "noise", 40)):
        before, readout = picture(page, n), slider(page, label).locator(".widget-readout").inner_text()
        t = time.monotonic()
        drag(page, label, dx)
        wait_for(page, lambda: picture(page, n) != before, f"the {label} picture to change", timeout=10)
        seconds = time.monotonic() - t
        moved_to = slider(page, label).locator(".widget-readout").inner_text()
        assert moved_to != readout
        shown_as = f"code_size {moved_to}" if label == "code_size" else f"noise {float(moved_to):.2f}"
        assert page.get_by_text(f"MSE per pixel, {shown_as}").count() + page.get_by_text(
            f"against the clean images, {shown_as}").count() == 1, f"the errors shown are not those of {shown_as}"
        assert seconds < 3.0, f"{label}: {seconds:.2f} s"
        print(f"{app}: {label} slider: new picture in {seconds:.2f} s")
    if app == "lab":
        (ROOT / "build").mkdir(exist_ok=True)
        for n, name in enumerate(("explore_spiral", "explore_autoencoders")):
            page.locator(".jp-Cell").nth(n).screenshot(path=str(ROOT / "build" / f"{name}.png"))
    page.close()
