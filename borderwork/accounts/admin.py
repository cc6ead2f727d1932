"""Admin for users, and the titles of the admin site."""

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from borderwork.accounts.models import User
from borderwork.security.sessions import end_sessions

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
