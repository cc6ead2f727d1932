"""The dashboard pages, their exports, and "rebuild now" with its polled status.

Numbers come from `figures.figures()`, gaps from `gaps.gaps()`, charts from `charts`; the
views only read the request and pick the template.
"""

from __future__ import annotations

import dataclasses
import functools

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from borderwork import changes
from borderwork.accounts.models import Role
from borderwork.indicators import progress, tasks
from borderwork.indicators.catalogue import CATALOGUE
from borderwork.indicators.charts import indicator_chart
from borderwork.indicators.exports import EXPORTERS
from borderwork.indicators.figures import MODELS, Figures, figures
from borderwork.indicators.freshness import freshness
from borderwork.indicators.gaps import Gaps, gaps
from borderwork.indicators.models import REBUILD_JOB, RebuildRun, RunStatus, UnitLevel, View
from borderwork.indicators.values import display
from borderwork.periods import Quarter
from communes.models import Province

UNSENT_MESSAGE = _lazy(
    "Không kết nối được hàng đợi xử lý nền nên chưa tính lại được. Số liệu cũ được giữ"
    " nguyên; khi hàng đợi hoạt động trở lại, các thay đổi sẽ được tự động tính trong vòng vài"
    " phút. Anh/chị có thể bấm “Tính lại ngay” lại sau ít phút."
)


# A snapshot changes when a rebuild finishes, and the key changes with it; this only bounds
# how long an entry of a replaced snapshot lingers.
DASHBOARD_CACHE_SECONDS = 60 * 60


def may_rebuild(user) -> bool:
    """Commissars, province staff and administrators may ask for a rebuild now.

    A rebuild is national and costly; station staff and national reviewers read the
    figures of the last run (every night at 01:00) and ask their province for a new one.
    """
    return user.is_authenticated and (
        user.is_administrator or user.role in (Role.COMMISSAR, Role.PROVINCE_STAFF)
    )


def _choices(request: HttpRequest) -> tuple[str, Quarter | None]:
    """The view and quarter asked for in GET; anything unknown falls back to the defaults."""
    view = request.GET.get("cach", "")
    return (view if view in View.values else View.CURRENT), Quarter.parse(request.GET.get("quy"))


def _query(data: Figures) -> str:
    """The GET parameters that keep the quarter and view across links."""
    params = {"cach": data.view}
    if data.quarter:
        params["quy"] = str(data.quarter)
    return urlencode(params)


def unit_url(level: str, pk: int | None) -> str:
    if level == UnitLevel.NATION:
        return reverse("indicators:nation")
    return reverse("indicators:unit", args=[level, pk])


# The units a reader passes through on the way down (`?tu=province:3,station:7`).
PATH_LEVELS = (UnitLevel.PROVINCE, UnitLevel.STATION)
PATH_PARAM = "tu"


def _came_by(request: HttpRequest) -> list[tuple[str, object]]:
    """The units the reader came through, as the links they followed said, each one they may
    see (anything else in the parameter is left out)."""
    hops = []
    for part in request.GET.get(PATH_PARAM, "").split(",")[: len(PATH_LEVELS)]:
        level, _sep, pk = part.partition(":")
        if level in PATH_LEVELS and pk.isdigit() and (level, int(pk)) not in hops:
            hops.append((level, int(pk)))
    found = {}
    for level in PATH_LEVELS:
        pks = [pk for hop_level, pk in hops if hop_level == level]
        if pks:
            # What the labels read: a province's successor, a station's province and its.
            related = "merged_into" if level == UnitLevel.PROVINCE else "province__merged_into"
            queryset = MODELS[level].objects.visible_to(request.user).filter(pk__in=pks)
            found.update({(level, obj.pk): obj for obj in queryset.select_related(related)})
    return [(level, found[level, pk]) for level, pk in hops if (level, pk) in found]


def _path_param(hops: list[tuple[str, object]]) -> str:
    """The `tu` parameter naming these units, for the links that go one step further down."""
    path = ",".join(f"{level}:{obj.pk}" for level, obj in hops)
    return "&" + urlencode({PATH_PARAM: path}) if path else ""


def unit_label(obj) -> str:
    """A unit in a breadcrumb: a province with today's beside it where it merged."""
    return obj.name_and_today() if isinstance(obj, Province) else str(obj)


def _breadcrumbs(
    request: HttpRequest, data: Figures, came_by: list[tuple[str, object]]
) -> list[tuple[str, str | None]]:
    """Home, the dashboard, then the units the reader came through (the unit's province when
    they came straight here), then the unit."""
    unit, query = data.unit, "?" + _query(data)
    crumbs: list[tuple[str, str | None]] = []
    if request.user.reads_everything and unit.level != UnitLevel.NATION:
        crumbs.append((_("Toàn quốc"), unit_url(UnitLevel.NATION, None) + query))
    if came_by:
        for at, (level, obj) in enumerate(came_by):
            url = unit_url(level, obj.pk) + query + _path_param(came_by[:at])
            crumbs.append((unit_label(obj), url))
    else:
        province = getattr(unit.obj, "province", None)
        if province is not None:
            crumbs.append((unit_label(province), unit_url(UnitLevel.PROVINCE, province.pk) + query))
    crumbs.append((unit.title, None))
    return crumbs


def _reuse_org_unit(user, data: Figures) -> None:
    """The layout names the user's station or province: hand it the row already loaded."""
    field = {UnitLevel.STATION: "station", UnitLevel.PROVINCE: "province"}.get(data.unit.level)
    for obj in (data.unit.obj, data.unit.asked):
        if field and obj is not None and getattr(user, f"{field}_id") == obj.pk:
            setattr(user, field, obj)


def _scope_key(user) -> str:
    """What decides the figures a user may read: users alike in it share a cached page."""
    if user.reads_everything or user.is_administrator:
        return "all"
    return f"{user.role}-s{user.station_id or 0}-p{user.province_id or 0}"


def _figures_key(request: HttpRequest, run, level, pk, view: str, quarter) -> str:
    """Per snapshot (the last good run: a finished rebuild makes a new key), per scope, per
    page and language; the quarter under way is labelled by the day, so per day too."""
    run_id = f"{run.pk}-{run.finished_at.timestamp()}" if run is not None else 0
    parts = (run_id, _scope_key(request.user), level, pk, view, quarter, get_language())
    return "dashboard:" + ":".join(str(part) for part in (*parts, timezone.localdate()))


def _computed(request: HttpRequest, level, pk, view: str, quarter) -> dict:
    """The snapshot's figures and their charts: the costly part, computed once per snapshot.

    Not the gaps ("Cần xử lý"): the page says they are read live from the records, and a
    write must leave them at once, not at the next rebuild. They are read when the body is
    rendered, which a write of any record brings about (`changes.version()`).
    """
    data = figures(request.user, level, pk, view, quarter)
    labels = [when.short_label for when in data.trend_quarters]
    cards = [
        (
            figure,
            indicator_chart(
                figure.indicator,
                labels,
                figure.trend,
                lambda value, indicator=figure.indicator: display(indicator, value),
                title=_("%(indicator)s, 8 quý gần nhất") % {"indicator": figure.indicator.name},
            ),
        )
        for figure in data.cards
    ]
    return {"data": data, "cards": cards}


def _head(data: Figures) -> Figures:
    """What the page says around its cached body: the unit, the quarter, the view (none of the
    figures, tables or charts, which a cached body does not need unpickled)."""
    return dataclasses.replace(data, quarters=[], trend_quarters=[], figures=[], tables=[])


def dashboard(request: HttpRequest, level: str | None = None, pk: int | None = None):
    view, quarter = _choices(request)
    fresh = freshness()
    key = _figures_key(request, fresh.last, level, pk, view, quarter)

    @functools.cache
    def computed() -> dict:
        found = cache.get(key)
        if found is None:
            found = _computed(request, level, pk, view, quarter)
            cache.set(key, found, DASHBOARD_CACHE_SECONDS)
        return found

    # Live: the gaps and the year's targets change without a rebuild. They are read when the
    # body is rendered, and the body is rendered again after any write of a record.
    @functools.cache
    def live() -> tuple[Gaps, progress.Plan | None]:
        data = computed()["data"]
        return gaps(request.user, data.unit), progress.plan(data)

    head = cache.get(f"{key}:head")
    if head is None:
        head = _head(computed()["data"])
        cache.set(f"{key}:head", head, DASHBOARD_CACHE_SECONDS)
    data = head
    _reuse_org_unit(request.user, data)
    query = _query(data)
    asked = data.unit.asked
    came_by = [
        (level, obj)
        for level, obj in _came_by(request)
        if (level, obj.pk) != (data.unit.level, data.unit.pk)
    ]
    # The rows' links carry the way here, so their pages' breadcrumbs come back the same way.
    here = [(data.unit.level, data.unit.obj)] if data.unit.level in PATH_LEVELS else []
    onward = _path_param([*came_by, *here][-len(PATH_LEVELS) :])

    def link(row) -> str:
        return f"{unit_url(row.level, row.obj.pk)}?{query}{onward}"

    context = {
        # The page's body is rendered once per snapshot key, the way the reader came (which
        # its links carry) and the records' version (the live gaps and plan): rendering 120 KB
        # of it, and unpickling the figures it is made of, took most of a national page's time.
        "figures_key": key,
        "onward": onward,
        "records_version": changes.version(),
        "cache_seconds": changes.LIVE_SECONDS,
        "head": head,
        # Callables, each read once: the template calls them only when it renders the body.
        "data": lambda: computed()["data"],
        "cards": lambda: computed()["cards"],
        "gaps": lambda: live()[0],
        "plan": lambda: live()[1],
        "query": query,
        "crumbs": _breadcrumbs(request, data, came_by),
        # The merged unit on its own, as it was in each quarter.
        "asked_url": unit_url(data.unit.level, asked.pk)
        + "?"
        + urlencode({"cach": View.PERIOD, **({"quy": str(data.quarter)} if data.quarter else {})})
        if asked
        else "",
        "views": View.choices,
        "last_success": fresh.last,
        "active_run": fresh.active,
        "fresh": fresh,
        "may_rebuild": may_rebuild(request.user),
        # Callables: a template calls them only when it renders the figures, not on a hit.
        "export_urls": lambda: [
            (fmt.upper(), _export_url(data, fmt) + "?" + query) for fmt in EXPORTERS
        ],
        "tables": lambda: [
            (table, [(row, link(row)) for row in table.rows]) for table in computed()["data"].tables
        ],
    }
    return render(request, "indicators/dashboard.html", context)


def _export_url(data: Figures, fmt: str) -> str:
    if data.unit.level == UnitLevel.NATION:
        return reverse("indicators:export-nation", args=[fmt])
    return reverse("indicators:export", args=[data.unit.level, data.unit.pk, fmt])


def export(request: HttpRequest, fmt: str, level: str | None = None, pk: int | None = None):
    """The dashboard's table, every indicator of the catalogue, as the exporter renders it."""
    view, quarter = _choices(request)
    data = figures(request.user, level, pk, view, quarter, table_indicators=CATALOGUE)
    filename, content_type, content = EXPORTERS[fmt](data).render()
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_POST
def rebuild_now(request: HttpRequest):
    """Queue a rebuild (or join the one under way) and answer with its polled status."""
    if not may_rebuild(request.user):
        raise PermissionDenied(_("Vai trò của anh/chị không có quyền yêu cầu tính lại số liệu."))
    run = tasks.active_run()
    if run is None:
        # Where the task runs inline (no broker, or eager), a failure is logged and said on the
        # run, not raised here (`queue_rebuild` sends it with on_commit(robust=True)).
        run = tasks.queue_rebuild(request.user)
        run.refresh_from_db()
    if request.htmx:
        return _status(request, run)
    if run.status == RunStatus.UNSENT:
        messages.error(request, UNSENT_MESSAGE)
    else:
        messages.info(request, _("Đã yêu cầu tính lại số liệu."))
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
        back = reverse("indicators:home")
    return redirect(back)


def rebuild_status(request: HttpRequest, pk: int):
    """A run's status; every signed-in user may see it (runs are national, not per unit)."""
    REBUILD_JOB.mark_lost()
    return _status(request, get_object_or_404(RebuildRun, pk=pk))


def _status(request: HttpRequest, run: RebuildRun) -> HttpResponse:
    page = request.htmx.current_url if request.htmx else None
    if not page or not url_has_allowed_host_and_scheme(
        page, {request.get_host()}, request.is_secure()
    ):
        page = reverse("indicators:home")
    context = {"run": run, "active": run.status in REBUILD_JOB.active, "reload_url": page}
    return render(request, "indicators/_rebuild_status.html", context)
