"""Fixed vocabularies of the data contract: the three groups, location precision, target groups."""

from __future__ import annotations

from enum import StrEnum


class Domain(StrEnum):
    """The field's three groups, from light to heavy help."""

    PREVENTIE = "preventie"
    ONDERSTEUNING = "ondersteuning"
    CURATIEF = "curatief"

    @property
    def weight(self) -> int:
        """0 for the lightest help, 2 for the heaviest ("licht waar mogelijk, zwaar waar nodig")."""
        return DOMAIN_ORDER.index(self)

    @property
    def label(self) -> str:
        return DOMAIN_LABELS[self]


DOMAIN_ORDER: tuple[Domain, ...] = (Domain.PREVENTIE, Domain.ONDERSTEUNING, Domain.CURATIEF)
DOMAIN_LABELS = {
    Domain.PREVENTIE: "Preventie",
    Domain.ONDERSTEUNING: "Ondersteuning",
    Domain.CURATIEF: "Curatief",
}

LOCATION_PRECISIONS = ("adres", "wijk", "stad")

# The target groups the bundled data uses. Other values are allowed (a warning, not an error),
# so another municipality's list still loads.
KNOWN_TARGET_GROUPS = (
    "iedereen",
    "gezinnen",
    "kinderen",
    "jongeren",
    "ouderen",
    "werkenden",
    "zzp",
    "statushouders",
    "asielzoekers",
    "dak-en-thuislozen",
    "huurders",
    "laaggeletterden",
    "professionals",
    "vrijwilligers",
)

DOMAIN_VALUES = tuple(d.value for d in DOMAIN_ORDER)
