"""Vangnet: who does what for people with money worries, and where to refer."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from ui.data import settings

ICON = Path(__file__).parent / "static" / "favicon.png"  # local: a material page_icon is fetched from a CDN


def leave_automatic_pages_mode() -> None:
    """The server-start workaround for the fixed folder name pages/, in one place.

    Imported as a module, not run as a script: `streamlit run app.py` finds the module-level
    `app = st.App(...)` below (it looks for that assignment literally, so it stays at module level) and
    has uvicorn import this file once at server start, before any browser session. Because a folder
    pages/ sits next to this file, Streamlit (runtime/pages_manager.py) starts every process in the old
    automatic pages/ mode and only leaves it when st.navigation runs; until then a first visit to
    /wie-doet-wat showed "Page not found" and a first visit to /beheer or /kaart ran the bare file
    without this navigation. st.navigation sets this same flag (commands/navigation.py); setting it
    here, before the first session, means it is never wrong. Guarded by tests/e2e/test_deep_links.py.
    """
    from streamlit.runtime.pages_manager import PagesManager

    PagesManager.uses_pages_directory = False


if __name__ == "__main__":  # a script run: Streamlit executes this file as __main__ for every session and rerun
    st.set_page_config(page_title="Vangnet", page_icon=str(ICON), layout="wide")
    settings()  # built once per session, from $VANGNET_DATA; pages and the core get it passed from here

    PAGES = [
        st.Page("pages/zoeken.py", title="Hulpvraag", icon=":material/chat:", url_path="", default=True),
        st.Page("pages/overzicht.py", title="Wie doet wat", icon=":material/view_column:", url_path="wie-doet-wat"),
        st.Page("pages/kaart.py", title="Kaart", icon=":material/map:", url_path="kaart"),
        st.Page("pages/routes.py", title="Verwijsroutes", icon=":material/alt_route:", url_path="verwijsroutes"),
        st.Page("pages/regelingen.py", title="Welke regelingen?", icon=":material/checklist:", url_path="regelingen"),
        st.Page("pages/beheer.py", title="Beheer", icon=":material/edit_note:", url_path="beheer"),
    ]

    page = st.navigation(PAGES)
    # Each page its own tab title ("Kaart · Vangnet"): a volunteer with several tabs open finds the right one, and
    # a screen reader says where a link led. set_page_config may be called again in this Streamlit; it only
    # overrides what it is given.
    st.set_page_config(page_title=f"{page.title} · Vangnet")
    page.run()
else:
    from starlette.middleware import Middleware

    from ui.shell import DutchShell

    leave_automatic_pages_mode()
    # The page around the app in Dutch (lang="nl", Streamlit's own strings), with a visible focus ring.
    app = st.App(__file__, middleware=[Middleware(DutchShell)])
