"""A model's check constraints decided in Python where they are plain comparisons.

Django checks a `CheckConstraint` by asking the database (`SELECT 1 WHERE ...` in a savepoint):
three statements for each constraint of each row, so 60,000 for an import of 10,000 support
records. A condition made of comparisons of a field with a number, a date or another field,
and of `isnull`, is decided here the way the database decides it (NULL compares to nothing,
and a condition that comes out NULL holds). Anything else, and any row that breaks a
constraint, goes to Django's own check, so the message is the same as the page's.
"""

from __future__ import annotations

import datetime
import decimal
import operator

from django.core.exceptions import ValidationError
from django.db import models, router
from django.db.models import F, Q

COMPARE = {
    "exact": operator.eq,
    "gt": operator.gt,
    "gte": operator.ge,
    "lt": operator.lt,
    "lte": operator.le,
}
# Values compared alike in Python and in the database (text is compared by a collation).
COMPARABLE = (int, float, decimal.Decimal, datetime.date)


class Undecided(Exception):
    """A condition this module leaves to the database."""


def _field_value(instance: models.Model, name: str, exclude: set[str]):
    try:
        field = instance._meta.get_field(name)
    except models.FieldDoesNotExist:
        raise Undecided from None
    if name in exclude or not field.concrete or field.is_relation:
        raise Undecided
    return getattr(instance, field.attname)


def _comparison(instance: models.Model, lookup: str, operand, exclude: set[str]) -> bool | None:
    name, _sep, kind = lookup.partition("__")
    kind = kind or "exact"
    left = _field_value(instance, name, exclude)
    if kind == "isnull":
        if not isinstance(operand, bool):
            raise Undecided
        return (left is None) == operand
    if kind not in COMPARE:
        raise Undecided
    if isinstance(operand, F):
        right = _field_value(instance, operand.name, exclude)
    elif hasattr(operand, "resolve_expression") or operand is None:
        raise Undecided
    else:
        right = operand
    if left is None or right is None:
        return None
    if not (isinstance(left, COMPARABLE) and isinstance(right, COMPARABLE)):
        raise Undecided
    try:
        return COMPARE[kind](left, right)
    except TypeError:
        raise Undecided from None


def _truth(condition: Q, instance: models.Model, exclude: set[str]) -> bool | None:
    """SQL's three-valued truth of a condition over the instance's values."""
    results = []
    for child in condition.children:
        if isinstance(child, Q):
            results.append(_truth(child, instance, exclude))
        elif isinstance(child, tuple) and len(child) == 2:
            results.append(_comparison(instance, child[0], child[1], exclude))
        else:
            raise Undecided  # an expression (Lower("name") == ...)
    if condition.connector == Q.AND:
        value = False if False in results else None if None in results else True
    elif condition.connector == Q.OR:
        value = True if True in results else None if None in results else False
    else:
        raise Undecided
    if condition.negated and value is not None:
        value = not value
    return value


def holds(constraint: models.CheckConstraint, instance: models.Model, exclude: set[str]) -> bool:
    """True when the row surely meets the constraint; False when it may not, or when this
    module cannot tell (Django's check then decides)."""
    try:
        return _truth(Q(constraint.condition), instance, exclude) is not False
    except Undecided:
        return False


def validate_constraints(instance: models.Model, exclude=None) -> None:
    """`Model.validate_constraints`, without a query for a check constraint the row meets."""
    exclude = set(exclude or ())
    using = router.db_for_write(type(instance), instance=instance)
    errors: dict = {}
    for model_class, constraints in instance.get_constraints():
        for constraint in constraints:
            if isinstance(constraint, models.CheckConstraint) and holds(
                constraint, instance, exclude
            ):
                continue
            try:
                constraint.validate(model_class, instance, exclude=exclude, using=using)
            except ValidationError as error:
                if getattr(error, "code", None) == "unique" and len(constraint.fields) == 1:
                    errors.setdefault(constraint.fields[0], []).append(error)
                else:
                    errors = error.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)
