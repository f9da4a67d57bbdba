"""The HTML page that holds the app, made Dutch and keyboard-friendly before any script runs.

Streamlit serves one index.html for every page. It says `<html lang="en">`, so a screen reader
reads Dutch text with English pronunciation, and Streamlit's own controls carry English names
("Skip to main content", "Main menu", "Press Enter to apply"). This ASGI middleware rewrites that
one page as it is served: `lang="nl"`, a Dutch title and noscript text, a style sheet (a visible
focus ring, captions with enough contrast) and a small script that gives Streamlit's English
strings a Dutch text. The script only changes labels; it reads and sends nothing. Strings it cannot
reach are listed in the README.

Inline, not a file under static/: Streamlit serves static .js and .css files as text/plain.
"""

from __future__ import annotations

import json
from pathlib import Path

SCRIPT = Path(__file__).with_name("shell.js")
ACCENT = "#1f6f8b"  # the theme's primaryColor: contrast 5.6 on white

STYLE = f"""
/* Every control shows where the keyboard is. */
a:focus-visible, button:focus-visible, input:focus-visible, textarea:focus-visible, select:focus-visible,
summary:focus-visible, [role="button"]:focus-visible, [role="tab"]:focus-visible, [role="option"]:focus-visible,
[role="combobox"]:focus-visible, [role="checkbox"]:focus-visible, [role="slider"]:focus-visible,
[tabindex]:focus-visible {{
  outline: 3px solid {ACCENT} !important;
  outline-offset: 2px !important;
  box-shadow: 0 0 0 5px #ffffff !important;
}}
/* A checkbox or radio button's input is hidden (clipped to 1 px), so its ring would not show, and
   Streamlit's own is a faint grey (WCAG 2.4.7, 1.4.11): the ring goes around the box and its label. */
[data-testid="stCheckbox"] label:has(input:focus-visible),
[data-testid="stRadio"] label:has(input:focus-visible) {{
  outline: 3px solid {ACCENT} !important;
  outline-offset: 2px !important;
  border-radius: 0.25rem;
  box-shadow: 0 0 0 5px #ffffff !important;
}}
/* A text field's own border is the focus ring (the input sits inside a clipped box). */
[data-baseweb="input"]:focus-within, [data-baseweb="textarea"]:focus-within,
[data-baseweb="select"] > div:focus-within {{
  outline: 3px solid {ACCENT} !important;
  outline-offset: 1px;
}}
/* A text field shows its character count ("56/1000") or "Druk op Enter" inside the field, at the bottom
   right. The typed text stops before it instead of running under it: on a phone the count covered the
   words being typed. */
[data-testid="stTextInput"]:has([data-testid="InputInstructions"]) input {{ padding-right: 5.5rem !important; }}
[data-testid="stTextArea"]:has([data-testid="InputInstructions"]) textarea {{ padding-bottom: 1.5rem !important; }}
/* A link's label wraps instead of ending in "…": on a phone "Stadsring51 (schuldhulpverlening, Geldloket en s"
   hid where the link leads (WCAG 2.4.4). */
[data-testid="stPageLink-NavLink"] span {{
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important;
}}
/* Captions: Streamlit's faded grey is 3.9:1 on white; WCAG AA needs 4.5:1 for small text. */
[data-testid="stCaptionContainer"] {{ color: #555a64 !important; opacity: 1 !important; }}
/* The uploader's own hint ("100MB per file • CSV, TXT, ZIP") is English and fixed in Streamlit's frontend. The
   caption above every uploader in Vangnet says the same in Dutch (ui.beheer.exchange._uploader), so only that
   hint goes: the drop zone, its label, its button and its file input stay as they are. */
[data-testid="stFileUploaderDropzoneInstructions"] {{ display: none !important; }}
/* A table's "Show/hide columns" button is English in its tooltip and name (shell.js has no Dutch for it), and
   no setting of st.dataframe removes it. Only that button goes; the table, its other buttons (download, search,
   full screen) and the menu in each column heading stay. Tables in Vangnet show only the columns needed. Should
   shell.js get a Dutch name for it, this rule no longer matches and the button is back, in Dutch. */
[data-testid="stElementToolbarButton"]:has(button[aria-label^="Show/hide columns"]) {{ display: none !important; }}
/* The toolbar of a chart or table (Toon de gegevens, Download als afbeelding, Kopieer de grafiekcode, Volledig
   scherm) shows only under the mouse: tabbing into it focused buttons that stayed invisible (opacity 0), with no
   ring to see (WCAG 2.4.7). While a button in it has the focus it shows, where the mouse shows it: just above the
   chart or table. Its focused button then shows the ring every control has (the first rule above). */
.stElementToolbar:focus-within {{
  opacity: 1 !important; top: auto !important; bottom: 100% !important; z-index: 1 !important;
}}
/* Code blocks wrap instead of scrolling sideways (a scroll area needs keyboard access), in one colour. */
[data-testid="stCode"] pre, [data-testid="stCode"] code {{ white-space: pre-wrap !important; overflow-wrap: anywhere; }}
[data-testid="stCode"] code span {{ color: #31333f !important; }}
"""


def shell_html(index: str) -> str:
    """Streamlit's index.html with the Dutch language, title, style and string script added."""
    script = SCRIPT.read_text(encoding="utf-8")
    index = index.replace('<html lang="en">', '<html lang="nl">', 1)
    index = index.replace("<title>Streamlit</title>", "<title>Vangnet</title>", 1)
    index = index.replace(
        "You need to enable JavaScript to run this app.", "Zet JavaScript aan om Vangnet te gebruiken.", 1
    )
    extra = f"<style>{STYLE}</style>\n<script>{script}</script>\n"
    return index.replace("</head>", extra + "</head>", 1)


class DutchShell:
    """ASGI middleware: every HTML answer (the app's index.html, on any page path) goes through shell_html."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope.get("method") != "GET":
            await self.app(scope, receive, send)
            return
        # Ask for the plain page, so it can be rewritten; it is small and served once per visit.
        headers = [(k, v) for k, v in scope.get("headers", []) if k.lower() != b"accept-encoding"]
        scope = {**scope, "headers": headers}
        start: dict = {}
        body: list[bytes] = []

        async def capture(message):
            if message["type"] == "http.response.start":
                content_type = dict(message.get("headers", [])).get(b"content-type", b"")
                if not content_type.startswith(b"text/html"):
                    await send(message)
                    start["passthrough"] = True
                    return
                start.update(message)
                return
            if start.get("passthrough"):
                await send(message)
                return
            body.append(message.get("body", b""))
            if message.get("more_body"):
                return
            page = shell_html(b"".join(body).decode("utf-8")).encode("utf-8")
            out = [(k, v) for k, v in start.get("headers", []) if k.lower() != b"content-length"]
            out.append((b"content-length", str(len(page)).encode()))
            await send({"type": "http.response.start", "status": start["status"], "headers": out})
            await send({"type": "http.response.body", "body": page})

        await self.app(scope, receive, capture)


def strings() -> dict[str, str]:
    """The English strings the script replaces (for tests and the README)."""
    text = SCRIPT.read_text(encoding="utf-8")
    start = text.index("const EXACT = ") + len("const EXACT = ")
    return json.loads(text[start : text.index(";\n", start)])
