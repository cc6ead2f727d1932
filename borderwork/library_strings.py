"""Library strings that ship no Vietnamese (django-filter, django-tables2, simple-history),
and Django's own whose Vietnamese reads badly (a stray space before the full stop, a date
format left unsaid): our catalogue wins over the library's.

Listing them here lets `makemessages` keep them in locale/vi, where they are translated.
Nothing imports this module.
"""

from django.utils.translation import gettext_noop as _

LIBRARY_STRINGS = [
    # django-tables2 pagination (bootstrap5 template and paginator errors)
    _("previous"),
    _("next"),
    _("That page contains no results"),
    _("That page number is less than 1"),
    _("That page number is not an integer"),
    # django-simple-history
    _("Created"),
    _("Changed"),
    _("Deleted"),
    # django-filter
    _("All"),
    _("Yes"),
    _("No"),
    _("Unknown"),
    _("Ordering"),
    _("%s (descending)"),
    _("Any date"),
    _("Today"),
    _("Yesterday"),
    _("Past 7 days"),
    _("This month"),
    _("This year"),
    _("Multiple values may be separated by commas."),
    _("Range query expects two values."),
    _("Select a lookup."),
    _("search"),
    _("contains"),
    _("exclude"),
    _("date"),
    _("year"),
    _("month"),
    _("day"),
    _("is in"),
    _("is in range"),
    _("is null"),
    _("is greater than"),
    _("is less than"),
    _("is greater than or equal to"),
    _("is less than or equal to"),
    _("starts with"),
    _("ends with"),
    # Django's own, with a space before "." or ")" in its Vietnamese, or no date format
    _("Ensure this value is less than or equal to %(limit_value)s."),
    _("Ensure this value is greater than or equal to %(limit_value)s."),
    _("Ensure this value is %(limit_value)s (it is %(show_value)s)."),
    _("Please correct the duplicate data for %(field)s."),
    _("Enter a valid date."),
    _("Successfully deleted %(count)d %(items)s."),
]
