"""Budgets as amounts: a budget written as `{amount, currency}` is one already, and a text budget
such as "2 000 000 SEK" is read as one when it clearly is (OCDS `tender.value`, the CSV's amount
columns). A text that is not plainly an amount and one currency ("cirka 2 miljoner") has none.
"""

from __future__ import annotations

import re
from decimal import Decimal

from babel.numbers import list_currencies

from callboard.content.models import Money
from callboard.i18n import Translator

CURRENCIES = frozenset(list_currencies())
_AMOUNT = re.compile(
    r"^\s*(?P<before>[A-Za-z]{3})?\s*(?P<whole>\d{1,3}(?:[ \u00a0\u202f.]\d{3})+|\d+)(?:,(?P<fraction>\d{1,2}))?"
    r"\s*(?P<after>[A-Za-z]{3}|kr|kronor)?\.?\s*$")


def amount_in_text(text: str | None) -> Money | None:
    """'2 000 000 SEK', 'SEK 500000' or '1 500 000 kr' as an amount; None when it is not an
    amount with exactly one known currency."""
    match = _AMOUNT.match(text or "")
    if not match or bool(match["before"]) == bool(match["after"]):
        return None
    currency = (match["before"] or match["after"]).upper()
    currency = "SEK" if currency in ("KR", "KRONOR") else currency
    if currency not in CURRENCIES:
        return None
    whole = re.sub(r"\D", "", match["whole"])
    return Money(Decimal(f"{whole}.{match['fraction']}" if match["fraction"] else whole), currency)


def budget_amount(budget: str | Money | None) -> Money | None:
    """The budget as an amount, whichever way it was written; None when it has none."""
    return budget if isinstance(budget, Money) else amount_in_text(budget)


def json_amount(amount: Decimal) -> int | float:
    """An amount as JSON writes numbers: whole sums as integers."""
    return int(amount) if amount == amount.to_integral_value() else float(amount)


def budget_text(budget: str | Money, t: Translator) -> str:
    """A budget as a page shows it: text as written, an amount the language's way ('2 000 000 kr')."""
    return t.money(budget.amount, budget.currency) if isinstance(budget, Money) else budget
