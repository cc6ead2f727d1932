"""Admin for users, and the titles of the admin site."""

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.admin import StaticDeviceAdmin
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin
from django_otp.plugins.otp_totp.models import TOTPDevice
from simple_history.admin import SimpleHistoryAdmin

from borderwork.accounts.models import User
from borderwork.accounts.sessions import end_sessions

admin.site.site_header = _("Quản trị borderwork")
admin.site.site_title = _("Quản trị borderwork")
admin.site.index_title = _("Quản trị dữ liệu công tác biên giới")

ROLE_AND_UNIT = (
    _("Vai trò và đơn vị"),
    {
        "fields": ("role", "station", "province"),
        "description": _(
            "Cán bộ đồn và chính ủy đồn chọn một đồn; cán bộ tỉnh và chính ủy tỉnh chọn một "
            "tỉnh; cán bộ Cục và quản trị viên để trống cả hai."
        ),
    },
)


@admin.register(User)
class BorderworkUserAdmin(UserAdmin, SimpleHistoryAdmin):
    """Django's user admin (password forms, permissions) with role, org unit and history."""

    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Thông tin cá nhân"), {"fields": ("full_name", "first_name", "last_name", "email")}),
        ROLE_AND_UNIT,
        (
            _("Quyền hạn"),
            {
                "fields": (
                    "is_active",
                    "is_staff",
                    "is_superuser",
                    "groups",
                    "user_permissions",
                ),
                "classes": ("collapse",),
            },
        ),
        (_("Các mốc thời gian"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        *UserAdmin.add_fieldsets,
        (_("Thông tin cá nhân"), {"classes": ("wide",), "fields": ("full_name", "email")}),
        ROLE_AND_UNIT,
    )
    list_display = (
        "username",
        "full_name",
        "role",
        "station",
        "province",
        "is_active",
        "is_staff",
        "last_login",
    )
    list_select_related = ("station", "province")
    list_filter = (
        "role",
        ("province", admin.RelatedOnlyFieldListFilter),
        ("station", admin.RelatedOnlyFieldListFilter),
        "is_active",
        "is_staff",
        "is_superuser",
        "groups",
    )
    search_fields = ("username", "full_name", "first_name", "last_name", "email")
    autocomplete_fields = ("station", "province")
    actions = ["sign_out_everywhere"]

    @admin.action(description=_("Đăng xuất khỏi mọi thiết bị"))
    def sign_out_everywhere(self, request, queryset):
        """End every session of the chosen users; they must sign in again."""
        ended = end_sessions(set(queryset.values_list("pk", flat=True)))
        self.message_user(
            request,
            _("Đã kết thúc %(count)d phiên đăng nhập.") % {"count": ended},
            messages.SUCCESS,
        )


def _second_factor_admin(base: type) -> type:
    """django-otp's device admin, choosing the user by search instead of a raw id."""
    return type(
        base.__name__,
        (base,),
        {"raw_id_fields": (), "autocomplete_fields": ("user",), "list_select_related": ("user",)},
    )


# An administrator deletes a lost device here; its owner enrols again at the next sign-in.
for _model, _admin in ((TOTPDevice, TOTPDeviceAdmin), (StaticDevice, StaticDeviceAdmin)):
    admin.site.unregister(_model)
    admin.site.register(_model, _second_factor_admin(_admin))
