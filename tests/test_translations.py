"""The translation catalogues are complete, compiled, and used by the pages.

Our msgids are Vietnamese: locale/en translates every one of them, locale/vi leaves them
empty (they fall back to the msgid) except the English msgids of the libraries that ship no
Vietnamese, listed in borderwork/library_strings.py.
"""

import gettext
from pathlib import Path

import polib
import pytest
from django.urls import reverse
from django.utils import translation
from django_filters.widgets import BooleanWidget

from borderwork.accounts.models import Role, User
from borderwork.library_strings import LIBRARY_STRINGS

LOCALE = Path(__file__).resolve().parent.parent / "locale"
LANGUAGES = ["en", "vi"]


def catalogue(language: str) -> polib.POFile:
    return polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))


def compiled(language: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / "django.mo"


def is_translated(entry: polib.POEntry) -> bool:
    """Whether msgfmt puts the entry in the .mo: it has a (first) msgstr."""
    if entry.msgid_plural:
        return bool(entry.msgstr_plural.get(0))
    return bool(entry.msgstr)


def test_every_english_entry_has_a_translation():
    untranslated = [
        entry.msgid
        for entry in catalogue("en")
        if not (all(entry.msgstr_plural.values()) if entry.msgid_plural else entry.msgstr)
    ]
    assert untranslated == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_entry_is_fuzzy_so_none_is_ignored_at_run_time(language):
    po = catalogue(language)
    assert not po.metadata_is_fuzzy
    assert [entry.msgid for entry in po if entry.fuzzy] == []


def test_english_plurals_have_a_singular_and_a_plural_form():
    plurals = [entry for entry in catalogue("en") if entry.msgid_plural]
    assert plurals
    for entry in plurals:
        assert entry.msgstr_plural[0] != entry.msgstr_plural[1], entry.msgid


def test_every_library_string_has_a_vietnamese_translation():
    translations = {entry.msgid: entry.msgstr for entry in catalogue("vi")}
    missing = [msgid for msgid in LIBRARY_STRINGS if not translations.get(msgid)]
    assert missing == []


def test_our_vietnamese_strings_are_left_untranslated_in_the_vietnamese_catalogue():
    library = set(LIBRARY_STRINGS)
    translated = [entry.msgid for entry in catalogue("vi") if is_translated(entry)]
    assert set(translated) == library


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_committed_mo_file_gives_what_the_po_file_says(language):
    """Fails when someone edits a .po file and forgets compilemessages."""
    with open(compiled(language), "rb") as mo:
        translations = gettext.GNUTranslations(mo)
    for entry in catalogue(language):
        if entry.msgid_plural:
            for n in (1, 2, 5):
                expected = entry.msgstr_plural.get(translations.plural(n)) or (
                    entry.msgid if n == 1 else entry.msgid_plural
                )
                got = (
                    translations.npgettext(entry.msgctxt, entry.msgid, entry.msgid_plural, n)
                    if entry.msgctxt
                    else translations.ngettext(entry.msgid, entry.msgid_plural, n)
                )
                assert got == expected, (entry.msgid, n)
        else:
            expected = entry.msgstr or entry.msgid
            got = (
                translations.pgettext(entry.msgctxt, entry.msgid)
                if entry.msgctxt
                else translations.gettext(entry.msgid)
            )
            assert got == expected, entry.msgid


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_committed_mo_file_holds_no_entry_the_po_file_has_dropped(language):
    in_po = {(entry.msgctxt, entry.msgid) for entry in catalogue(language) if is_translated(entry)}
    in_mo = {(entry.msgctxt, entry.msgid) for entry in polib.mofile(str(compiled(language)))}
    in_mo.discard((None, ""))  # the header
    assert in_mo == in_po


def test_our_strings_come_out_in_english():
    with translation.override("en"):
        assert translation.gettext("Đăng nhập") == "Log in"
        assert translation.gettext("Đồn") == "Station"
        assert translation.gettext("Chính ủy") == "Political commissar"
        assert translation.gettext("Đã lưu: %(record)s.") % {"record": "X"} == "Saved: X."
        assert (
            translation.ngettext("%(counter)s hồ sơ", "%(counter)s hồ sơ", 1) % {"counter": 1}
            == "1 record"
        )
        assert (
            translation.ngettext("%(counter)s hồ sơ", "%(counter)s hồ sơ", 3) % {"counter": 3}
            == "3 records"
        )


def test_library_strings_come_out_in_vietnamese():
    with translation.override("vi"):
        assert translation.gettext("previous") == "Trang trước"
        assert translation.gettext("next") == "Trang sau"
        assert translation.gettext("%s (descending)") % "Ngày" == "Ngày (giảm dần)"
        assert [str(label) for _value, label in BooleanWidget().choices] == [
            "Không rõ",
            "Có",
            "Không",
        ]


def test_our_strings_stay_as_written_in_vietnamese():
    with translation.override("vi"):
        assert translation.gettext("Đăng nhập") == "Đăng nhập"
        assert translation.ngettext("%(counter)s hồ sơ", "%(counter)s hồ sơ", 3) == (
            "%(counter)s hồ sơ"
        )


@pytest.mark.django_db
def test_a_signed_in_user_who_chooses_english_sees_the_home_page_in_english(client):
    user = User.objects.create_user("n", role=Role.NATIONAL)
    client.force_login(user)

    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302

    page = client.get(reverse("home")).content.decode()
    assert '<html lang="en">' in page
    assert "Communes and wards you can view" in page
    assert "Localities" in page
    assert "Log out" in page
    assert "Các xã, phường anh/chị được xem" not in page
    assert "Địa bàn" not in page


def test_no_string_is_translated_inside_an_f_string():
    """xgettext skips `_()` inside an f-string: such a string never reaches the catalogue and
    stays Vietnamese in English (the charts' "Mục tiêu" and "Bảng số liệu" did)."""
    import ast

    root = LOCALE.parent
    found = []
    for path in root.glob("[!.]*/**/*.py"):
        if any(part in {".venv", "tests", "migrations", "node_modules"} for part in path.parts):
            continue
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.JoinedStr):
                for inner in ast.walk(node):
                    if (
                        isinstance(inner, ast.Call)
                        and isinstance(inner.func, ast.Name)
                        and inner.func.id in {"_", "gettext", "gettext_lazy", "ngettext"}
                    ):
                        found.append(f"{path.relative_to(root)}:{inner.lineno}")
    assert found == []
