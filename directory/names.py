"""Names as a coordinator compares them: 'Budgetcafé  de Kern' is the same name as 'Budgetcafe De Kern'.

Used to warn before a row is added under a name the list already has, and to tell rows with the same
name apart in a preview (by their id).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping

from directory.text import fold


def same_name_key(name: str) -> str:
    """`name` without case, accents, punctuation or extra spaces. A name of letters `fold` does not keep
    (another script) is compared on case and spaces only, so two such names are not all "the same"."""
    folded = fold(name)
    return folded or " ".join(str(name).casefold().split())


def same_names(name: str, rows: Iterable) -> list:
    """The rows (organisations or schemes) whose name is the same as `name`; none for an empty name."""
    key = same_name_key(name)
    if not key:
        return []
    return [row for row in rows if same_name_key(row.naam) == key]


def row_labeller(names: Mapping[str, object]) -> Callable[[str], str]:
    """A label per id: the name, with the id behind it when another row in `names` has the same name."""
    counts = Counter(same_name_key(row.naam) for row in names.values())

    def label(row_id: str) -> str:
        row = names.get(row_id)
        if row is None:
            return row_id
        return f"{row.naam} ({row_id})" if counts[same_name_key(row.naam)] > 1 else row.naam

    return label
