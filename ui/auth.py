"""Who may edit the list: OIDC through st.login when configured, else one shared password.

Only a flag and the coordinator's own name are kept in the session; the password never is.
A password shorter than MIN_PASSWORD_LENGTH counts as not set up. Wrong passwords are counted over
all sessions of this server process (ui.login_limiter); after a few in a row, each next try waits a little
longer, at most a minute.
"""

from __future__ import annotations

import datetime as dt
import hmac
import logging
import math
import os
import time

import streamlit as st

from ui.login_limiter import LoginLimiter
from ui.text import LOCAL_TIME, md

PASSWORD_SECRET = "beheer_wachtwoord"
PASSWORD_ENV = "VANGNET_BEHEER_WACHTWOORD"
LOGGED_IN = "beheer_ingelogd"
NAME = "beheer_naam"
ALLOWED_SECRET = "beheer_toegestaan"
OIDC_REQUIRED = ("redirect_uri", "cookie_secret", "client_id", "client_secret", "server_metadata_url")
MIN_PASSWORD_LENGTH = 12

# One limiter for the whole process, shared by every session. A module object, not st.cache_resource:
# clearing Streamlit's caches must not reset the count. It holds only the times of wrong tries.
LIMITER = LoginLimiter()
LOG = logging.getLogger("vangnet.beheer")
LOG_EVERY = 10  # a line in the server log at every tenth wrong try in a row

SETUP_HELP = """
Beheer is nog niet ingesteld, dus niemand kan de lijst hier aanpassen. Kies één van deze twee manieren:

1. **Een wachtwoord van minstens 12 tekens.** Zet in `.streamlit/secrets.toml`:

   ```toml
   beheer_wachtwoord = "een-lang-wachtwoord"
   ```

   of zet de omgevingsvariabele `VANGNET_BEHEER_WACHTWOORD` voordat je Vangnet start.
2. **Inloggen met het account van je organisatie (OIDC).** Zet een `[auth]`-blok in
   `.streamlit/secrets.toml` en een lijst `beheer_toegestaan` met wie mag beheren (zie de README, kopje
   *Beheer instellen*).

Start Vangnet daarna opnieuw.
"""


def _secret(name: str) -> object | None:
    try:
        return st.secrets.get(name)
    except Exception:  # no secrets.toml at all, or one that cannot be read
        return None


def oidc_configured() -> bool:
    """An [auth] block is present (complete or not: a half one must not fall back to the password)."""
    auth = _secret("auth")
    return bool(auth) and hasattr(auth, "get")


def missing_oidc_settings() -> list[str]:
    auth = _secret("auth") or {}
    settings = {k: v for k, v in auth.items() if not hasattr(v, "get")}
    providers = [v for v in auth.values() if hasattr(v, "get")]
    for provider in providers[:1]:  # an [auth.naam] block holds that provider's own settings
        settings |= dict(provider.items())
    return [name for name in OIDC_REQUIRED if not settings.get(name)]


def allowed_accounts() -> list[str]:
    """E-mail addresses or '@domain' entries that may edit when logging in with OIDC."""
    value = _secret(ALLOWED_SECRET) or []
    entries = [value] if isinstance(value, str) else list(value)
    return [str(e).strip().lower() for e in entries if str(e).strip()]


def is_allowed(email: str, allowed: list[str]) -> bool:
    email = (email or "").strip().lower()
    if email.count("@") != 1:
        return False
    domain = email[email.index("@") :]
    return any(entry == email or (entry.startswith("@") and entry == domain) for entry in allowed)


def configured_password() -> str:
    """The password from secrets.toml, else from the environment; one of spaces only when that is all there is."""
    candidates = [v for v in (_secret(PASSWORD_SECRET), os.environ.get(PASSWORD_ENV)) if isinstance(v, str) and v]
    return next((v for v in candidates if v.strip()), candidates[0] if candidates else "")


def password_problem(password: str) -> str | None:
    """Why a configured password cannot be used (Dutch, for the setup help), or None when it is fine."""
    if not password:
        return None
    if not password.strip():
        return "Het ingestelde wachtwoord bestaat alleen uit spaties. Dat telt als geen wachtwoord."
    if len(password.strip()) < MIN_PASSWORD_LENGTH:
        return (
            f"Het ingestelde wachtwoord is te kort: het heeft minder dan {MIN_PASSWORD_LENGTH} tekens. "
            "Een kort wachtwoord is snel te raden. Kies een wachtwoord van minstens "
            f"{MIN_PASSWORD_LENGTH} tekens, bijvoorbeeld een paar losse woorden achter elkaar."
        )
    return None


def password_matches(given: str, expected: str) -> bool:
    # compare_digest takes the same time however much of the password is right.
    return bool(expected) and hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


def coordinator() -> str | None:
    """The logged-in coordinator's name; otherwise shows how to log in (or set up) and returns None."""
    if oidc_configured():
        return _oidc_user()
    expected = configured_password()
    problem = password_problem(expected)
    if problem:
        st.warning(problem)
    if not expected or problem:
        st.info(SETUP_HELP)
        return None
    if st.session_state.get(LOGGED_IN):
        _logout_button()
        return st.session_state.get(NAME) or "coördinator"
    _password_form(expected)
    return None


def _oidc_user() -> str | None:
    missing = missing_oidc_settings()
    if missing:
        st.error(
            "Inloggen is niet goed ingesteld: in het [auth]-blok van .streamlit/secrets.toml ontbreekt "
            f"{', '.join(missing)}. Zie de README, kopje Beheer instellen."
        )
        return None
    allowed = allowed_accounts()
    if not allowed:
        st.error(
            "Inloggen is ingesteld, maar nog niemand mag de lijst beheren. Zet in .streamlit/secrets.toml "
            'bijvoorbeeld beheer_toegestaan = ["naam@amersfoort.nl", "@armoedepact.nl"].'
        )
        return None
    if not st.user.get("is_logged_in"):  # a mapping; absent outside a real server session
        st.write("Log in met het account van je organisatie om de lijst te beheren.")
        st.button("Inloggen", on_click=st.login, key="beheer_inloggen", type="primary")
        return None
    email = str(st.user.get("email") or "")
    name = str(st.user.get("name") or email or "coördinator")
    left, right = st.columns([4, 1])
    left.caption(f"Ingelogd als {md(name)}")
    right.button("Uitloggen", on_click=st.logout, key="beheer_uitloggen")
    if not is_allowed(email, allowed):
        st.error("Dit account mag de lijst niet beheren. Vraag de beheerder van Vangnet om je toe te voegen.")
        return None
    return name


def _password_form(expected: str) -> None:
    st.write("Beheer is alleen voor coördinatoren. Log in met het wachtwoord van Beheer.")
    waiting = LIMITER.wait_until()
    with st.form("beheer_login"):
        name = st.text_input("Je naam (komt in de geschiedenis van de lijst)", key="beheer_login_naam", max_chars=80)
        given = st.text_input("Wachtwoord", type="password", key="beheer_login_wachtwoord", max_chars=200)
        # Never disabled: the page does not rerun by itself when the wait is over, so a closed button
        # would stay closed. A try during the wait is simply not checked.
        submitted = st.form_submit_button("Inloggen", type="primary")
    if not submitted:
        if waiting is not None:
            st.info(please_wait(waiting, time.time()))
        return
    # No sleep after a wrong try: it held a server thread and did not stop guessing from many sessions.
    verdict = LIMITER.attempt(lambda: password_matches(given, expected))
    if not verdict.checked:
        st.warning("Je wachtwoord is nog niet gecontroleerd. " + please_wait(verdict.wait_until, time.time()))
        return
    if verdict.failures and verdict.failures % LOG_EVERY == 0:
        LOG.warning(
            "Beheer: %d verkeerde wachtwoorden achter elkaar; de volgende poging wacht %d seconden",
            verdict.failures,
            LIMITER.wait_for(verdict.failures),
        )
    if not verdict.accepted:
        st.error(wrong_password(verdict.wait_until, time.time()))
        return
    if not name.strip():
        st.error("Vul je naam in. De geschiedenis van de lijst laat zien wie wat heeft gewijzigd.")
        return
    st.session_state[LOGGED_IN] = True
    st.session_state[NAME] = " ".join(name.split())
    del st.session_state["beheer_login_wachtwoord"]  # the password is not kept in the session
    st.rerun()


def _seconds_and_time(wait_until: float, now: float) -> tuple[str, str]:
    """How long to wait ("12 seconden") and until when, in Dutch time ("23:00:12"); rounded up, so a try at
    that time works."""
    seconds = max(1, math.ceil(wait_until - now))
    at = dt.datetime.fromtimestamp(math.ceil(wait_until), LOCAL_TIME)
    return ("1 seconde" if seconds == 1 else f"{seconds} seconden"), f"{at:%H:%M:%S}"


def please_wait(wait_until: float, now: float) -> str:
    """What someone sees while the login waits after wrong passwords (by anyone, not only by them)."""
    seconds, at = _seconds_and_time(wait_until, now)
    return (
        "Er is een paar keer achter elkaar een verkeerd wachtwoord ingevuld. Daarom moet je even wachten. "
        f"Probeer het over {seconds} opnieuw (om {at})."
    )


def wrong_password(wait_until: float | None, now: float) -> str:
    if wait_until is None:
        return "Dit wachtwoord klopt niet. Probeer het opnieuw of vraag het aan de beheerder van Vangnet."
    seconds, at = _seconds_and_time(wait_until, now)
    return (
        f"Dit wachtwoord klopt niet. Je kunt het over {seconds} opnieuw proberen (om {at}). "
        "Na elk verkeerd wachtwoord duurt het wachten wat langer, hooguit een minuut. "
        "Vergeten? Vraag het wachtwoord aan de beheerder van Vangnet."
    )


def _logout_button() -> None:
    left, right = st.columns([4, 1])
    left.caption(f"Ingelogd als {md(st.session_state.get(NAME, 'coördinator'))}")
    if right.button("Uitloggen", key="beheer_uitloggen"):
        st.session_state.pop(LOGGED_IN, None)
        st.session_state.pop(NAME, None)
        st.rerun()
