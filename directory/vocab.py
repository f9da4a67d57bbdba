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


class Role(StrEnum):
    """What an organisation is to a client. Only help and information are suggested to a volunteer."""

    HULP = "hulp"
    INFORMATIE = "informatie"
    VOOR_PROFESSIONALS = "voor-professionals"
    TEGENPARTIJ = "tegenpartij"

    @property
    def suggestable(self) -> bool:
        """May a volunteer be pointed here, or be offered it for a warm handover?"""
        return self in (Role.HULP, Role.INFORMATIE)

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]

    @property
    def explanation(self) -> str:
        return ROLE_EXPLANATIONS[self]


def role_of(rol: str) -> Role:
    """The role a `rol` cell stands for; an empty cell is help."""
    return Role(rol) if rol else Role.HULP


ROLE_VALUES = tuple(r.value for r in Role)
ROLE_LABELS = {
    Role.HULP: "Hulp",
    Role.INFORMATIE: "Informatie",
    Role.VOOR_PROFESSIONALS: "Voor hulpverleners",
    Role.TEGENPARTIJ: "Werkt voor schuldeisers",
}
# Dutch, B1: shown on cards, in Beheer and in the README's column table.
ROLE_EXPLANATIONS = {
    Role.HULP: "helpt inwoners zelf (dit is de standaard als niets is gekozen)",
    Role.INFORMATIE: "geeft informatie en uitleg, bijvoorbeeld een website of een infopunt",
    Role.VOOR_PROFESSIONALS: (
        "is er voor hulpverleners, organisaties of meedenkers; geen persoonlijke hulp voor inwoners"
    ),
    Role.TEGENPARTIJ: (
        "werkt voor schuldeisers, zoals een deurwaarder of incassobureau; bel hier voor een betalingsregeling, "
        "niet voor hulp"
    ),
}
