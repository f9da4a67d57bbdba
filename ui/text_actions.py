"""Download, copy, mail and print a text without the server ever keeping it.

Why not st.download_button: it puts the file in Streamlit's media store, where anyone who has the
URL (`/media/<id>.txt`) can fetch it without a session, for minutes after the browser is closed,
and the URL lands in the browser's download history. A warm handover carries a client's words, so
here the file is made in the browser, as a Blob, from the text that is already on the page.

How this HTML reaches the browser: `st.iframe` with an HTML string travels inside the session's
websocket message and is set as the iframe's `srcdoc`. Streamlit serves it at no URL (not /media,
not /component), so nothing outlives the session. Streamlit's iframe sandbox allows scripts,
downloads, popups (which Chromium requires for a mailto: link) and clipboard-write.

The text is embedded as JSON with `<`, `>` and `&` escaped, so no text can end the script early.
The mailto: link is built only when the button is clicked, so the client's words are never in an
href that a browser, an extension or a link preview could read or follow before the user chooses to.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass

import streamlit as st


@dataclass(frozen=True)
class Buttons:
    """What the buttons say (Dutch, B1), the fixed name of the downloaded file, and the print size."""

    download: str
    copy: str
    mail: str
    print: str
    file_name: str
    large_print: bool = False


def script_json(value: object) -> str:
    """JSON that is safe inside a <script> element: nothing in it can close the element or a comment."""
    text = json.dumps(value, ensure_ascii=True)  # also escapes U+2028/U+2029, which end a JS line
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def actions_html(text: str, buttons: Buttons, mail_base: str | None = None, mail_subject: str = "") -> str:
    """A self-contained page with the buttons; `mail_base` is a checked `mailto:address` or None (no mail button)."""
    data = {"text": text, "fileName": buttons.file_name, "mailBase": mail_base, "mailSubject": mail_subject}
    size = "20pt" if buttons.large_print else "11pt"
    mail = f'<button type="button" id="mail">{html.escape(buttons.mail)}</button>' if mail_base else ""
    return f"""<!doctype html>
<html lang="nl">
<meta charset="utf-8">
<title>{html.escape(f"{buttons.copy}, {buttons.download.lower()} of {buttons.print.lower()}")}</title>
<style>
  body {{ margin: 0; font: 1rem/1.4 system-ui, sans-serif; color: #31333f; }}
  .bar {{ display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; padding: 2px; }}
  button {{ font: inherit; padding: .4rem .8rem; border-radius: .5rem; border: 1px solid #c7c9d1;
           background: #fff; color: inherit; cursor: pointer; }}
  button:hover, button:focus-visible {{ border-color: #1f6f8b; color: #1f6f8b; }}
  button:focus-visible {{ outline: 3px solid #1f6f8b; outline-offset: 2px; }}
  #status {{ font-size: .9rem; }}
  #print-text {{ display: none; white-space: pre-wrap; font: {size}/1.5 sans-serif; }}
  @media print {{ .bar {{ display: none; }} #print-text {{ display: block !important; }} }}
</style>
<div class="bar">
  <button type="button" id="download">{html.escape(buttons.download)}</button>
  <button type="button" id="copy">{html.escape(buttons.copy)}</button>
  {mail}
  <button type="button" id="print">{html.escape(buttons.print)}</button>
  <span id="status" role="status" aria-live="polite"></span>
</div>
<pre id="print-text"></pre>
<script>
"use strict";
const DATA = {script_json(data)};
const status = document.getElementById("status");
document.getElementById("print-text").textContent = DATA.text;

function follow(href, download) {{
  const link = document.createElement("a");
  link.href = href;
  if (download) link.download = download;
  document.body.appendChild(link);
  link.click();
  link.remove();
}}

document.getElementById("download").addEventListener("click", () => {{
  const url = URL.createObjectURL(new Blob([DATA.text], {{type: "text/plain;charset=utf-8"}}));
  follow(url, DATA.fileName);
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}});

document.getElementById("copy").addEventListener("click", async () => {{
  try {{
    await navigator.clipboard.writeText(DATA.text);
    status.textContent = "Gekopieerd.";
  }} catch (error) {{
    status.textContent = "Kopiëren lukte niet. Selecteer de tekst hierboven en kopieer die.";
  }}
}});

const mail = document.getElementById("mail");
if (mail) mail.addEventListener("click", () => {{
  const query = [["subject", DATA.mailSubject], ["body", DATA.text]]
    .filter(([, value]) => value)
    .map(([key, value]) => key + "=" + encodeURIComponent(value));
  follow(DATA.mailBase + (query.length ? "?" + query.join("&") : ""));
}});

document.getElementById("print").addEventListener("click", () => window.print());
</script>
"""


def text_actions(text: str, buttons: Buttons, mail_base: str | None = None, mail_subject: str = "") -> None:
    """Show the buttons for `text`; the file, the copy, the mail and the print are all made in the browser."""
    st.iframe(actions_html(text, buttons, mail_base, mail_subject), height="content")  # wraps on a phone


# One button, one line: a frame sized "content" never gets smaller than 150 px (Streamlit measures the
# frame's own viewport too), so this one has a fixed height, and says what happened in the button itself.
COPY_HEIGHT = 44


def copy_html(text: str, label: str) -> str:
    """A self-contained page with one button that copies `text`, made and copied in the browser as above.
    After a click the button says "Gekopieerd" (a screen reader hears it from the status line); a new
    text (say, after the consent is ticked) is a new page, with the button as it was."""
    return f"""<!doctype html>
<html lang="nl">
<meta charset="utf-8">
<title>{html.escape(label)}</title>
<style>
  body {{ margin: 0; padding: 2px; font: .95rem/1.4 system-ui, sans-serif; color: #31333f; }}
  button {{ font: inherit; padding: .45rem .6rem; border-radius: .5rem; border: 1px solid #1f6f8b;
           background: #fff; color: #1f6f8b; cursor: pointer; white-space: nowrap; }}
  button:hover {{ background: #eef6f9; }}
  button:focus-visible {{ outline: 3px solid #1f6f8b; outline-offset: -5px; }}
  .hidden {{ position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }}
</style>
<button type="button" id="copy">{html.escape(label)}</button>
<span id="status" class="hidden" role="status" aria-live="polite"></span>
<script>
"use strict";
const DATA = {script_json({"text": text})};
const button = document.getElementById("copy");
const status = document.getElementById("status");
button.addEventListener("click", async () => {{
  try {{
    await navigator.clipboard.writeText(DATA.text);
    button.textContent = "Gekopieerd";
    status.textContent = "Het bericht is gekopieerd.";
  }} catch (error) {{
    button.textContent = "Kopiëren lukte niet";
    status.textContent = "Kopiëren lukte niet. Kopieer het bericht bij de warme overdracht, verderop.";
  }}
}});
</script>
"""


def copy_button(text: str, label: str, alt: str) -> None:
    """One button that copies `text` in the browser; `alt` names the frame for a screen reader (never
    anything about the client: it is an attribute on the page)."""
    st.iframe(copy_html(text, label), height=COPY_HEIGHT, alt=alt)
