"""axe-core in the browser tests: the accessibility checker from npm, installed beside these tests.

Test-only: package.json and package-lock.json here pin the version; `npm ci` puts it in
tests/e2e/node_modules (not in git) on first use. The script is injected into the page under test; it is
never served by the app or fetched from a CDN.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from filelock import FileLock

HERE = Path(__file__).resolve().parent
AXE = HERE / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.1 A and AA: what Dutch public-sector websites must meet (EN 301 549).
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
BLOCKING = ("serious", "critical")


def axe_source() -> str:
    """The axe-core script; installed with npm on first use. Outside CI a machine without npm skips."""
    with FileLock(HERE / "node_modules.lock"):  # parallel test workers install it once
        if not AXE.is_file():
            npm = shutil.which("npm")
            if npm is None:
                if os.environ.get("CI"):
                    pytest.fail("npm ontbreekt in CI; .ci/run hoort npm te installeren voor axe-core")
                pytest.skip("toegankelijkheidstest overgeslagen: npm ontbreekt om axe-core te installeren")
            # Exactly the version in package-lock.json, from the npm registry.
            subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=HERE, check=True, capture_output=True)
    return AXE.read_text(encoding="utf-8")


def violations(page, source: str) -> list[dict]:
    """Serious and critical axe violations on the page and in each same-origin frame it contains.

    Frames are checked one by one (the map and the handover buttons are iframes); each result names
    the frame's URL or 'srcdoc' so a failure says where to look."""
    found = []
    for frame in page.frames:
        if frame.is_detached():
            continue
        frame.evaluate(source)
        result = frame.evaluate(
            """(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})
                .then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                    nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' :: ' + n.failureSummary)})))""",
            TAGS,
        )
        where = "pagina" if frame == page.main_frame else (frame.url or "srcdoc")
        found += [{**v, "frame": where} for v in result if v["impact"] in BLOCKING]
    return found
