"""Time the admin's export of a province's support records, and its import preview of them.

    export DATABASE_URL=postgresql://postgres@127.0.0.1:5432/bw_scale
    .venv/bin/python benchmarks/admin_exchange.py [--province <slug>] [--skip-import]

A province staff member let into the admin for the run (is_staff, the support record
permissions) exports the province's whole support list from the admin's change list, as XLSX
and CSV, through the same views' code (`get_export_queryset`, `get_export_data`); then the
admin's dry run reads the XLSX back, as its import page's preview does. Everything runs in a
transaction that is rolled back. Prints seconds, rows per second, statements and peak memory.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "borderwork.settings")
os.environ.setdefault("BORDERWORK_TESTING", "true")

import django

django.setup()

from django.contrib import admin  # noqa: E402
from django.contrib.auth.models import Permission  # noqa: E402
from django.db import transaction  # noqa: E402
from django.test import RequestFactory  # noqa: E402

from benchmarks.imports import measure, province_with_most_support  # noqa: E402
from borderwork import export_formats  # noqa: E402
from borderwork.accounts.models import Role, User  # noqa: E402
from communes.models import Province  # noqa: E402
from programmes.models import SupportRecord  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--province", help="slug; default: the one with most support records")
    parser.add_argument("--skip-import", action="store_true")
    args = parser.parse_args()

    model_admin = admin.site._registry[SupportRecord]
    with transaction.atomic():
        province = (
            Province.objects.get(slug=args.province)
            if args.province
            else province_with_most_support()
        ).today_unit()
        user = User.objects.create(
            username="benchmark-admin",
            role=Role.PROVINCE_STAFF,
            province=province,
            is_staff=True,
        )
        for action in ("add", "change", "view"):
            user.user_permissions.add(Permission.objects.get(codename=f"{action}_supportrecord"))
        user = User.objects.get(pk=user.pk)
        request = RequestFactory().get("/admin/programmes/supportrecord/export/")
        request.user = user
        rows = model_admin.get_export_queryset(request)
        total = rows.count()
        print(f"province: {province} ({province.slug}); support records visible: {total:,}")

        content = {}
        for fmt in (export_formats.XLSX, export_formats.CSV):
            content[fmt] = measure(
                f"admin export {fmt.__name__}",
                lambda fmt=fmt: model_admin.get_export_data(
                    fmt(), request, model_admin.get_export_queryset(request), encoding="utf-8"
                ),
                total,
            )
            print(f"  {len(content[fmt]):,} bytes")

        if not args.skip_import:
            dataset = export_formats.XLSX().create_dataset(content[export_formats.XLSX])
            resource = model_admin.get_import_resource_classes(request)[0](
                **model_admin.get_import_resource_kwargs(request)
            )
            result = measure(
                "admin import preview (dry run) of that XLSX",
                lambda: resource.import_data(
                    dataset,
                    dry_run=True,
                    **model_admin.get_import_data_kwargs(request=request),
                ),
                len(dataset),
            )
            refused = result.has_errors() or result.has_validation_errors()
            print(f"  {result.totals}; errors: {refused}")
        transaction.set_rollback(True)


if __name__ == "__main__":
    main()
