"""The lists Beheer keeps: the organisations and the regelingen, and what the shared screens need of each.

Saving, the conflict view, import and history are one piece of code for both lists; this says per
list which session it uses, how its rows are validated and named, and the Dutch words for them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from directory.contract import COLUMN_LABELS
from directory.importing import ImportPlan, plan_import, plan_scheme_import
from directory.listkinds import ListKind, OrganisationList, SchemeList
from directory.regelingen_schema import COLUMNS as SCHEME_COLUMNS
from ui.beheer.session import BeheerSession, schemes_session, session


@dataclass(frozen=True)
class BeheerList:
    kind: ListKind
    session: BeheerSession
    item: str  # one row, as a table heading: "organisatie", "regeling"
    labels: Mapping[str, str]  # column -> Dutch label from the list's contract
    plan: Callable[..., ImportPlan]  # (snapshot, header, rows, archive_missing) -> what an import changes

    @property
    def key(self) -> str:
        """The prefix of this list's widget keys ("beheer" keeps the keys the organisation screens always had)."""
        return self.session.prefix

    def items(self, snapshot) -> tuple:
        return self.kind.items(snapshot)

    def names(self, snapshot) -> dict:
        """Rows by id, for labels in previews ("Voedselbank", not "voedselbank")."""
        return {item.id: item for item in self.items(snapshot)} if snapshot is not None else {}


ORGANISATIONS = BeheerList(OrganisationList(), session, "organisatie", COLUMN_LABELS, plan_import)
SCHEMES = BeheerList(
    SchemeList(), schemes_session, "regeling", {c.name: c.label for c in SCHEME_COLUMNS}, plan_scheme_import
)
