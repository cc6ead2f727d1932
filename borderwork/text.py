"""Text as people type it: one Unicode form, case-folded keys, and numbers from URLs."""

from __future__ import annotations

import re
import unicodedata


def ascii_int(text: str | None, max_digits: int = 9) -> int | None:
    """'2025' -> 2025; None for anything but 1..max_digits ASCII digits.

    str.isdigit() and int() also accept superscripts, Arabic-Indic and full-width digits,
    signs, spaces and underscores; a number from a URL is only ever plain digits.
    """
    if text is None or not re.fullmatch(rf"[0-9]{{1,{max_digits}}}", text):
        return None
    return int(text)


def nfc(value):
    """Text in Unicode NFC (one code point for 'ố' however it was typed); others unchanged."""
    return unicodedata.normalize("NFC", value) if isinstance(value, str) else value


def code(value):
    """A code (a landmark number): NFKC, so full-width '１０２' is '102', then NFC."""
    return nfc(unicodedata.normalize("NFKC", value)) if isinstance(value, str) else value


def non_latin_letters(text: str) -> list[str]:
    """Letters of another script in a code: Cyrillic 'А' looks like Latin 'A' but is not."""
    return [ch for ch in text if ch.isalpha() and not unicodedata.name(ch, "").startswith("LATIN")]


def normalise_stored(app_label: str, codes: dict[str, tuple[str, ...]] | None = None):
    """A migration's RunPython function: the app's existing text in NFC, its codes in NFKC.

    `codes` names, per model, the fields folded like a landmark number. A row whose
    normal form would duplicate another under a unique constraint is left as it was and
    named on standard output: its next save meets the form's message instead.
    """
    codes = codes or {}

    def forward(apps, schema_editor) -> None:
        from django.db import IntegrityError, models, transaction

        connection = schema_editor.connection
        quote = connection.ops.quote_name
        for model in apps.get_app_config(app_label).get_models():
            folded = set(codes.get(model._meta.model_name, ()))
            fields = [
                f
                for f in model._meta.local_fields
                if isinstance(f, models.CharField | models.TextField) and not f.primary_key
            ]
            if not fields:
                continue
            table, pk = model._meta.db_table, model._meta.pk.column
            columns = ", ".join(quote(f.column) for f in fields)
            sql = f"SELECT {quote(pk)}, {columns} FROM {quote(table)}"  # noqa: S608 (names from the models)
            if connection.vendor == "postgresql":
                # Only the rows to change; PostgreSQL knows the normal forms itself.
                sql += " WHERE " + " OR ".join(
                    f"NOT ({quote(f.column)} IS {'NFKC' if f.name in folded else 'NFC'} NORMALIZED)"
                    for f in fields
                )
            changes = []
            with connection.cursor() as cursor:
                cursor.execute(sql)
                for pk_value, *values in cursor.fetchall():
                    changed = {
                        f.attname: (code if f.name in folded else nfc)(value)
                        for f, value in zip(fields, values, strict=True)
                        if isinstance(value, str)
                        and (code if f.name in folded else nfc)(value) != value
                    }
                    if changed:
                        changes.append((pk_value, changed))
            if not changes:
                continue
            if connection.vendor == "postgresql":
                # The period lock and change marks watch writes that change figures; a
                # character's normal form changes none, and old approved quarters must not
                # keep their text out of the rules.
                # (ALTER TABLE waits for no deferred foreign-key check of this transaction.)
                schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                schema_editor.execute(f"ALTER TABLE {quote(table)} DISABLE TRIGGER USER")
            for pk_value, changed in changes:
                try:
                    with transaction.atomic(using=connection.alias):
                        model._base_manager.filter(pk=pk_value).update(**changed)
                except IntegrityError:
                    print(f"  {table} {pk_value}: left as it was, its normal form is taken")
            if connection.vendor == "postgresql":
                schema_editor.execute(f"ALTER TABLE {quote(table)} ENABLE TRIGGER USER")
                schema_editor.execute("SET CONSTRAINTS ALL DEFERRED")

    return forward
