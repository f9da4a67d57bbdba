"""Referral routes: who takes over a need, from light to heavy help, and where they usually refer on to.

Pure functions of a loaded Directory. A typed need is only passed through to the matcher and never
kept: the returned Route holds organisations and theme ids, not the text.

Organisations that are no help for the client (a bailiff works for creditors) are never a step of help,
but a partner must know they are involved: on a theme's route they stand aside when they have the theme,
and on a typed need's route when the need uses their own words ("brief van de deurwaarder", "beslag op
loon"): the words a person chose for them, in their name and keywords (see `AsideWords`).
"""

from __future__ import annotations

import re
import textwrap
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import NamedTuple

from directory.lexicon import Lexicon
from directory.matching import FIELD_REASONS, analyse, field_text
from directory.model import DOMAIN_ORDER, Directory, Domain, Organisation
from directory.text import STOP_WORDS, fold, is_general

FIRST_STEP = "Eerst proberen"
NEXT_STEP = "Als dat niet genoeg is"
# The ladder: light help (preventie, ondersteuning) before heavy help (curatief).
LADDER: tuple[tuple[str, tuple[Domain, ...]], ...] = (
    (FIRST_STEP, (Domain.PREVENTIE, Domain.ONDERSTEUNING)),
    (NEXT_STEP, (Domain.CURATIEF,)),
)
NEED_ROUTE_LIMIT = 8


@dataclass(frozen=True)
class RouteEntry:
    """One organisation on a route, with what a professional needs to refer to it."""

    organisation: Organisation
    reasons: tuple[str, ...] = ()

    @property
    def how_to_refer(self) -> str:
        return self.organisation.aanmelden.strip()

    @property
    def for_professionals(self) -> str:
        return self.organisation.contact_professionals.strip()


@dataclass(frozen=True)
class Step:
    title: str
    domains: tuple[Domain, ...]
    entries: tuple[RouteEntry, ...]


@dataclass(frozen=True)
class Route:
    """A ladder of steps, lightest first. Always has every step; a step may be empty.

    `aside` holds the organisations on the theme that are no help for the client (a bailiff works for
    creditors; some organisations are only for professionals). A partner must know they are involved,
    so they stay on the route, but never as a step of help and never on the flow's help path.
    """

    steps: tuple[Step, ...]
    theme_ids: tuple[str, ...] = ()
    aside: tuple[RouteEntry, ...] = ()

    @property
    def help_organisations(self) -> tuple[Organisation, ...]:
        """The organisations in the steps of help, in order."""
        return tuple(entry.organisation for step in self.steps for entry in step.entries)

    @property
    def organisations(self) -> tuple[Organisation, ...]:
        """Everything the route shows: the steps of help, then the organisations aside."""
        return self.help_organisations + tuple(entry.organisation for entry in self.aside)

    @property
    def org_ids(self) -> tuple[str, ...]:
        return tuple(org.id for org in self.organisations)

    @property
    def help_ids(self) -> tuple[str, ...]:
        return tuple(org.id for org in self.help_organisations)

    @property
    def is_empty(self) -> bool:
        return not self.aside and not any(step.entries for step in self.steps)


class Edge(NamedTuple):
    """`source` usually refers on to `target`."""

    source: str
    target: str


class Referrals(NamedTuple):
    """One line of a flow as text: `source` usually refers on to each of `targets`."""

    source: Organisation
    targets: tuple[Organisation, ...]


@dataclass(frozen=True)
class Neighbourhood:
    organisation: Organisation
    refers_to: tuple[Organisation, ...]
    referred_by: tuple[Organisation, ...]

    @property
    def edges(self) -> tuple[Edge, ...]:
        own = self.organisation.id
        return tuple(Edge(own, o.id) for o in self.refers_to) + tuple(Edge(o.id, own) for o in self.referred_by)

    @property
    def org_ids(self) -> tuple[str, ...]:
        ids = [self.organisation.id] + [o.id for o in self.refers_to + self.referred_by]
        return tuple(dict.fromkeys(ids))


# --- routes ---------------------------------------------------------------------------------


def _ladder(entries: Iterable[RouteEntry], theme_ids: Sequence[str] = ()) -> Route:
    entries = list(entries)
    helping = [e for e in entries if e.organisation.role.suggestable]
    steps = tuple(
        Step(title, domains, tuple(e for e in helping if e.organisation.domein in domains)) for title, domains in LADDER
    )
    aside = tuple(e for e in entries if not e.organisation.role.suggestable)
    return Route(steps, tuple(theme_ids), aside)


def _centrality_key(theme_id: str):
    def key(org: Organisation) -> tuple:
        # Where the theme sits in the organisation's own list says how central it is.
        return (org.themas.index(theme_id), org.domein.weight, org.naam.casefold(), org.id)

    return key


def route_for_theme(directory: Directory, theme_id: str) -> Route:
    """The active organisations with this theme, lightest step first, most central first within a step.

    Organisations that are no help for the client go aside (Route.aside), in the same order."""
    members = sorted((o for o in directory.active if theme_id in o.themas), key=_centrality_key(theme_id))
    return _ladder((RouteEntry(o) for o in members), (theme_id,) if theme_id in directory.theme_by_id else ())


def route_for_need(directory: Directory, text: str, limit: int = NEED_ROUTE_LIMIT) -> Route:
    """The organisations the matcher suggests for a need, as a ladder. The text itself is not kept.

    Within a step the matcher's order stays: it already weighs theme centrality and lighter help. The
    matcher never suggests an organisation that is no help; those whose own words the need uses go aside
    (Route.aside), as on a theme's route.
    """
    analysis = analyse(text or "", directory, limit=limit)
    theme_ids = dict.fromkeys(t for need in analysis.needs for t in need.themes)
    entries = [RouteEntry(s.organisation, s.reasons) for s in analysis.suggestions if s.organisation.actief]
    return _ladder(entries + aside_for_need(directory, text, limit), tuple(theme_ids))


# --- no help, but involved: for a typed need ----------------------------------------------------

# A typed word that starts with one of these words, as long as this at least, is about it: "beslaglegging",
# "deurwaarderskosten". (The matcher's lexicon finds the other compounds: "loonbeslag" by its head.)
MIN_PREFIX = 6
MIN_REST = 3


class AsideWords:
    """The words that say what the organisations that are no help for the client do: their name and keywords,
    the words a person chose for them ("deurwaarder", "beslag", "incasso"). A description says too much ("niet
    zeker of dit het kantoor uit het rapport is"), and words for who or where ("iedereen", a town) say nothing
    of a need. Typed words are read as the matcher reads them: forms, compounds and small typos.
    Built once per loaded list."""

    def __init__(self, directory: Directory):
        self.organisations = tuple(o for o in directory.active if not o.role.suggestable)
        place_names = {directory.region.name, *(o.plaats for o in directory.active)}
        places = {w for name in place_names for w in fold(name).split()}
        fields = [
            [(field, w) for field in ("naam", "trefwoorden") for w in fold(field_text(org, field)).split()]
            for org in self.organisations
        ]
        telling = [[(f, w) for f, w in own if _telling(w) and w not in places] for own in fields]
        self.lexicon = Lexicon(w for own in telling for _, w in own)
        # Per organisation: term -> (the word as the list writes it, the field it is in); the name first.
        self.terms: list[dict[str, tuple[str, str]]] = []
        for own in telling:
            terms: dict[str, tuple[str, str]] = {}
            for field, word in own:
                term = self.lexicon.term_of.get(word)
                if term is not None and not is_general(term):
                    terms.setdefault(term, (word, field))
            self.terms.append(terms)
        self.prefixes = sorted({w for own in telling for _, w in own if len(w) >= MIN_PREFIX}, key=len, reverse=True)

    def typed_terms(self, text: str) -> set[str]:
        """The terms of these organisations that a typed text uses. The text is not kept."""
        found: set[str] = set()
        for word in fold(text).split():
            if not _telling(word):
                continue
            hits = self.lexicon.lookup(word)
            if not hits:
                start = next((p for p in self.prefixes if word.startswith(p) and len(word) - len(p) >= MIN_REST), None)
                hits = self.lexicon.lookup(start) if start else []
            found.update(hit.term for hit in hits)
        return found

    def matching(self, text: str) -> list[RouteEntry]:
        """The organisations whose own words the text uses, most words first, with those words as the reason."""
        if not self.organisations:
            return []
        typed = self.typed_terms(text)
        found = []
        for org, terms in zip(self.organisations, self.terms, strict=True):
            shared = [terms[t] for t in terms if t in typed]
            if shared:
                reasons = tuple(f"past bij: {word} ({FIELD_REASONS[field]})" for word, field in shared)
                found.append((-len(shared), org.naam.casefold(), org.id, RouteEntry(org, reasons)))
        return [entry for *_, entry in sorted(found, key=lambda item: item[:3])]


def _telling(word: str) -> bool:
    return len(word) >= MIN_REST and not word.isdigit() and word not in STOP_WORDS and not is_general(word)


def aside_for_need(directory: Directory, text: str, limit: int = NEED_ROUTE_LIMIT) -> list[RouteEntry]:
    """The active organisations that are no help for the client (a bailiff) and that a typed need is about:
    the need uses the words of their name or keywords. For Route.aside only, never a step of help."""
    words = directory.cache.get("route_aside_words")
    if words is None:
        words = directory.cache["route_aside_words"] = AsideWords(directory)
    return words.matching(text or "")[:limit]


# --- referral chains ------------------------------------------------------------------------


def _active(directory: Directory, org_id: str) -> Organisation | None:
    org = directory.get(org_id)
    return org if org is not None and org.actief else None


def _helping(directory: Directory, org_id: str) -> Organisation | None:
    """An active organisation that helps the client: the only kind on a path of help."""
    org = _active(directory, org_id)
    return org if org is not None and org.role.suggestable else None


def _reaches(edges: dict[str, list[str]], start: str, goal: str) -> bool:
    seen, stack = {start}, [start]
    while stack:
        node = stack.pop()
        if node == goal:
            return True
        for nxt in edges.get(node, ()):
            if nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)
    return False


def next_steps(directory: Directory, org_ids: Iterable[str], depth: int = 2) -> list[Edge]:
    """The usual next steps from `org_ids`, following verwijst_naar breadth first up to `depth` hops.

    Only active organisations that help the client take part: a bailiff or an organisation only for
    professionals is no step on a path of help, so it starts no chain and is never a next step.
    The result never contains a cycle: a referral back to an
    organisation already on the way (a -> b -> a) ends the chain there and is left out, so the
    flow reads one way, from where it starts.
    """
    # Lighter organisations go first, so of a pair that refer to each other the light -> heavy edge stays.
    starts = [org for org_id in dict.fromkeys(org_ids) if (org := _helping(directory, org_id))]
    frontier = [o.id for o in _by_weight(starts)]
    seen = set(frontier)
    edges: list[Edge] = []
    forward: dict[str, list[str]] = {}  # the edges kept so far, to recognise a cycle
    for _ in range(depth):
        found: list[Organisation] = []
        for source in frontier:
            for target in dict.fromkeys(directory.by_id[source].verwijst_naar):
                org = _helping(directory, target)
                if org is None or target == source:
                    continue
                if target not in seen:
                    seen.add(target)
                    found.append(org)
                elif _reaches(forward, target, source):
                    continue  # would close a cycle
                edges.append(Edge(source, target))
                forward.setdefault(source, []).append(target)
        frontier = [o.id for o in _by_weight(found)]
    return edges


def referrals_by_source(directory: Directory, edges: Iterable[tuple[str, str]]) -> list[Referrals]:
    """The edges as lines of text: per organisation (in the order of the edges) where it refers on to.

    The same content as the flow chart, for a screen too narrow to read the chart. Unknown ids are left out.
    """
    targets: dict[str, dict[str, None]] = {}
    for source, target in edges:
        if directory.get(source) is not None and directory.get(target) is not None and source != target:
            targets.setdefault(source, {})[target] = None
    by_id = directory.by_id
    return [Referrals(by_id[source], tuple(by_id[t] for t in found)) for source, found in targets.items()]


def _by_weight(organisations: Iterable[Organisation]) -> list[Organisation]:
    """Stable: lighter groups first, otherwise in the order given."""
    return sorted(organisations, key=lambda o: o.domein.weight)


def _light_first(organisations: Iterable[Organisation]) -> tuple[Organisation, ...]:
    return tuple(sorted(organisations, key=lambda o: (o.domein.weight, o.naam.casefold(), o.id)))


def neighbourhood(directory: Directory, org_id: str) -> Neighbourhood | None:
    """Where an active organisation refers to (in its own order) and who refers to it; None if unknown."""
    org = _active(directory, org_id)
    if org is None:
        return None
    refers_to = tuple(
        target
        for target_id in dict.fromkeys(org.verwijst_naar)
        if target_id != org.id and (target := _active(directory, target_id))
    )
    referred_by = _light_first(o for o in directory.referred_by(org.id) if o.actief and o.id != org.id)
    return Neighbourhood(org, refers_to, referred_by)


# --- Graphviz -------------------------------------------------------------------------------

FILL_COLOURS = {Domain.PREVENTIE: "#dcf2dc", Domain.ONDERSTEUNING: "#dbe8f8", Domain.CURATIEF: "#fde4cc"}
BORDER_COLOURS = {Domain.PREVENTIE: "#2e7d32", Domain.ONDERSTEUNING: "#1f5fa8", Domain.CURATIEF: "#c2570c"}
NO_HELP_FILL, NO_HELP_BORDER = "#eeeeee", "#555555"
LABEL_WIDTH = 24
_WHITESPACE = re.compile(r"\s+")


def dot_string(text: object) -> str:
    """`text` as the inside of a DOT quoted string, shown literally.

    Whitespace (newlines included) becomes one space and other control characters are dropped, so
    nothing can end the string or the statement; a backslash is doubled so it cannot escape the
    closing quote or start a Graphviz escape such as \\N or \\l; & becomes &amp; because Graphviz
    reads entities in labels.
    """
    cleaned = "".join(c for c in _WHITESPACE.sub(" ", str(text)) if unicodedata.category(c) != "Cc").strip()
    return cleaned.replace("\\", "\\\\").replace('"', '\\"').replace("&", "&amp;")


def _label(text: str) -> str:
    """A wrapped label: each line escaped on its own, joined with DOT's own (centred) line break."""
    flat = _WHITESPACE.sub(" ", text).strip()
    lines = textwrap.wrap(flat, LABEL_WIDTH, break_long_words=True, break_on_hyphens=False) or [""]
    return "\\n".join(dot_string(line) for line in lines)


def to_dot(
    directory: Directory,
    nodes: Iterable[str],
    edges: Iterable[tuple[str, str]],
    highlight: Iterable[str] = (),
) -> str:
    """A left-to-right Graphviz digraph: one column per group, lighter help on the left.

    Node identifiers are generated (n0, n1, ...); data only ever appears inside escaped quoted
    strings. Ids that are unknown to the directory are left out, with their edges.
    """
    edges = [(source, target) for source, target in edges]
    ids: dict[str, str] = {}
    for org_id in [*nodes, *(end for edge in edges for end in edge)]:
        if org_id not in ids and directory.get(org_id) is not None:
            ids[org_id] = f"n{len(ids)}"
    highlighted = set(highlight)
    lines = [
        "digraph verwijsroute {",
        '  graph [rankdir=LR, bgcolor="transparent", nodesep=0.25, ranksep=0.6];',
        '  node [shape=box, style="rounded,filled", fontname="Helvetica,Arial,sans-serif", fontsize=11, '
        'fontcolor="#1a1a1a"];',
        '  edge [color="#777777", arrowsize=0.7];',
    ]
    columns: list[str] = []
    for i, domain in enumerate(DOMAIN_ORDER):
        members = [(org_id, node) for org_id, node in ids.items() if directory.by_id[org_id].domein is domain]
        if not members:
            continue
        heading = f"h{i}"
        columns.append(heading)
        lines.append(
            f'  {heading} [label="{dot_string(domain.label)}", shape=plaintext, style="", fontcolor="#888888"];'
        )
        for org_id, node in members:
            org = directory.by_id[org_id]
            width = 2.5 if org_id in highlighted else 1
            if org.role.suggestable:
                lines.append(
                    f'  {node} [label="{_label(org.naam)}", tooltip="{dot_string(org.naam)}", '
                    f'fillcolor="{FILL_COLOURS[domain]}", color="{BORDER_COLOURS[domain]}", penwidth={width}];'
                )
            else:  # no help for the client (a bailiff): grey, dashed and named for what it is
                name = f"{org.naam} ({org.role.label.lower()})"
                lines.append(
                    f'  {node} [label="{_label(name)}", tooltip="{dot_string(name)}", '
                    f'fillcolor="{NO_HELP_FILL}", color="{NO_HELP_BORDER}", penwidth={width}, '
                    'style="rounded,filled,dashed"];'
                )
        lines.append(f"  {{ rank=same; {heading}; {'; '.join(node for _, node in members)}; }}")
        # An edge within a column puts its tail above its head: the heading stays on top.
        lines.append(f"  {heading} -> {{ {' '.join(node for _, node in members)} }} [style=invis];")
    # Invisible edges between the column headings keep the groups in order, light to heavy.
    for left, right in pairwise(columns):
        lines.append(f"  {left} -> {right} [style=invis];")
    seen: set[tuple[str, str]] = set()
    for source, target in edges:
        if source in ids and target in ids and (source, target) not in seen:
            seen.add((source, target))
            lines.append(f"  {ids[source]} -> {ids[target]};")
    lines.append("}")
    return "\n".join(lines) + "\n"


__all__ = [
    "FIRST_STEP",
    "NEXT_STEP",
    "Edge",
    "Neighbourhood",
    "Referrals",
    "Route",
    "RouteEntry",
    "Step",
    "aside_for_need",
    "dot_string",
    "neighbourhood",
    "next_steps",
    "referrals_by_source",
    "route_for_need",
    "route_for_theme",
    "to_dot",
]
