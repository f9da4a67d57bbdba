"""Handover texts are downloaded, copied, mailed and printed from the browser, never from a server URL.

st.download_button kept the handover (client details included) in Streamlit's media store, served at
/media/<id>.txt to anyone with the URL. The browser test tests/e2e/test_handover_privacy.py proves no URL
returns it; these tests pin down the HTML that makes it possible and that hostile text stays text.
"""

from __future__ import annotations

import json
import re

import pytest
from streamlit.delta_generator import DeltaGenerator

from tests.conftest import open_app, refer_to, shown_block
from ui.text_actions import Buttons, actions_html, copy_html, script_json

BUTTONS = Buttons(download="Download", copy="Kopieer", mail="Mail", print="Print", file_name="vast.txt")
HOSTILE = [
    "</script><script>alert(1)</script>",
    "</SCRIPT ><img src=x onerror=alert(1)>",
    "<!-- <script> -->",
    "regel\u2028scheiding\u2029en \"quotes\" 'enkel' `backtick` ${x} \\ &amp; é ü ß 😀",
    "]]> <![CDATA[ x",
]


def embedded_data(page: str) -> dict:
    (literal,) = re.findall(r"^const DATA = (.*);$", page, flags=re.MULTILINE)
    return json.loads(literal)


@pytest.mark.parametrize("text", HOSTILE)
def test_any_text_stays_data_inside_the_script(text):
    page = actions_html(text, BUTTONS, "mailto:", "Onderwerp")
    assert page.lower().count("</script") == 1  # only the real end of the script
    assert page.count("<script") == 1 and "<!--" not in page
    expected = {"text": text, "fileName": "vast.txt", "mailBase": "mailto:", "mailSubject": "Onderwerp"}
    assert embedded_data(page) == expected


@pytest.mark.parametrize("text", HOSTILE)
def test_any_text_stays_data_in_the_card_copy_button(text):
    page = copy_html(text, "Kopieer <het> bericht")
    assert page.lower().count("</script") == 1 and page.count("<script") == 1 and "<!--" not in page
    assert embedded_data(page) == {"text": text}
    assert "Kopieer &lt;het&gt; bericht" in page


def test_script_json_escapes_what_could_end_a_script_or_a_line():
    assert script_json("</script>&\u2028") == '"\\u003c/script\\u003e\\u0026\\u2028"'


def test_no_mail_button_without_a_valid_address_and_no_href_before_a_click():
    assert 'id="mail"' not in actions_html("tekst", BUTTONS, None)
    page = actions_html("geheime tekst", BUTTONS, "mailto:info@example.nl")
    assert 'id="mail"' in page
    assert "href=" not in page and "body=" not in page  # the mailto: link is built only on a click


def test_the_handover_uses_no_download_button_and_no_prebuilt_mail_link(monkeypatch, data_copy):
    """A download_button (even with a callable) puts the text in the media store once clicked."""
    used = []
    monkeypatch.setattr(DeltaGenerator, "download_button", lambda self, *a, **k: used.append(a))
    at = open_app(monkeypatch, data_copy)
    at.text_input(key="hulpvraag").input("winterjas voor mijn kinderen, mevrouw Jansen").run()
    refer_to(at, "kledingbank")
    at.checkbox(key="toestemming_delen").check().run()  # with consent, the client's words are in the message
    assert used == [] and not at.get("link_button")
    # The copy button on the card (type, tick, copy) and the buttons of the message and the note.
    card, *frames = [f.proto.srcdoc for f in at.get("iframe")]
    message, note = (embedded_data(f)["text"] for f in frames)
    assert message == shown_block(at, "vangnet-bericht") and "winterjas voor mijn kinderen" in message
    assert embedded_data(card) == {"text": message}  # the card copies the same message, to the letter
    assert "href=" not in card and "download" not in card
    assert "Hier kun je terecht" in note
    assert [embedded_data(f)["fileName"] for f in frames] == ["warme-overdracht.txt", "briefje-voor-client.txt"]
    assert all(f.proto.src == "" for f in at.get("iframe"))  # inline (srcdoc), never a URL to fetch
