"""A real browser on the pupil page: headless Chromium (Debian's chromium and
chromium-driver, driven by Selenium) joins with the room code and votes while the window
runs under the dummy video driver; the projector's tally counts the vote.

Skipped with a note when Chromium or its driver is missing (.ci/run installs them)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pygame
import pytest

from game.classroom import Live, Room
from game.classroom.host import VoteServer
from game.story.loader import load
from game.ui.classroom import ClassroomScene

from .conftest import ARTIFACTS, MINI

CHROMIUM, DRIVER = shutil.which("chromium"), shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(
    not (CHROMIUM and DRIVER),
    reason="needs Debian's chromium and chromium-driver (apt-get install chromium "
           "chromium-driver; .ci/run does this)")
MARKUP = "Talk about <b>the rain</b> & <script>alert(1)</script>"


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[object]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--disable-dev-shm-usage", "--window-size=390,844",
                 f"--user-data-dir={tmp_path / 'chromium'}"):
        options.add_argument(flag)
    from selenium.common.exceptions import SessionNotCreatedException

    try:
        driver = webdriver.Chrome(service=Service(str(DRIVER)), options=options)
    except SessionNotCreatedException as exc:  # installed, but this machine cannot run it
        pytest.skip(f"Chromium would not start here: {exc.msg}")
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


def test_a_phone_joins_and_votes_and_the_projector_counts_it(make_app, drive, browser,
                                                             tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    story = tmp_path / "markup.yaml"
    story.write_text(MINI.read_text().replace("Talk about the rain", MARKUP.replace('"', "")))
    app = make_app(story)
    room = Room()
    server = VoteServer(room, "127.0.0.1", 0)
    server.start()
    try:
        app.classroom = Live(room, server.url())
        app.settings.projector = True
        app.theme.apply(app.settings)
        app.start(load(story))
        scene = app.top
        assert isinstance(scene, ClassroomScene)
        while not scene.voting:
            drive.key(app, pygame.K_SPACE)
        wait = WebDriverWait(browser, 20)  # type: ignore[arg-type]
        browser.get(server.url())  # type: ignore[attr-defined]
        code = wait.until(ec.visibility_of_element_located((By.ID, "code")))
        code.send_keys(room.code.lower()[:3] + " " + room.code.lower()[3:])
        browser.find_element(By.CSS_SELECTOR, "#join-form button").click()  # type: ignore[attr-defined]
        choices = wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "button.choice"))
        assert len(choices) == 2
        assert MARKUP in choices[0].text  # shown as text: no markup was made from it
        assert not browser.find_elements(By.CSS_SELECTOR, "#choice-list b, #choice-list script")  # type: ignore[attr-defined]
        choices[1].click()
        wait.until(ec.text_to_be_present_in_element((By.ID, "status"), "You voted B"))
        app.run_frames(2)
        assert scene.tally().counts == (0, 1) and scene.tally().voters == 1
        browser.save_screenshot(str(ARTIFACTS / "classroom_phone.png"))  # type: ignore[attr-defined]
        browser.refresh()  # type: ignore[attr-defined]
        wait.until(ec.text_to_be_present_in_element((By.ID, "status"), "You voted B"))
        drive.key(app, pygame.K_RETURN)  # the teacher closes the vote: B was the class's
        assert scene.play.session.history[-1].result.choice.id == "secret"
        assert scene.play.votes[1].counts == {"weather": 0, "secret": 1}
        logs = browser.get_log("browser")  # type: ignore[attr-defined]
        # refusals the page expects (403 before joining) are network entries; a script
        # error or a blocked inline script or style (CSP) would show up under other sources
        assert not [e for e in logs if e["level"] == "SEVERE" and e["source"] != "network"], \
            logs
    finally:
        server.stop()
