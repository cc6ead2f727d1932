from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from borderwork.hub import views as hub_views
from borderwork.ops.health import healthz
from borderwork.records.choosers import chooser_results
from borderwork.records.views import record_file
from borderwork.security import views as security_views

urlpatterns = [
    path("", hub_views.home, name="home"),
    path("vao/", hub_views.landing, name="landing"),
    path("xa/<int:pk>/ho-so.pdf", hub_views.commune_pdf, name="commune-pdf"),
    path("healthz", healthz, name="healthz"),
    path("dang-nhap/", auth_views.LoginView.as_view(), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("xac-thuc/dang-ky/", security_views.enrol, name="second-factor-enrol"),
    path("xac-thuc/", security_views.verify, name="second-factor-verify"),
    path("ngon-ngu/", login_not_required(set_language), name="set_language"),
    path("chon/<str:model>/", chooser_results, name="chooser"),
    path("tep/<str:model>/<int:pk>/<str:field>/", record_file, name="record-file"),
    path("bang-tin/", include("borderwork.indicators.urls")),
    path("bao-cao/", include("borderwork.reports.urls")),
    path("viec-can-lam/", include("borderwork.reminders.urls")),
    path("dia-ban/", include("communes.urls")),
    path("can-bo/", include("cadres.urls")),
    path("chuong-trinh/", include("programmes.urls")),
    path("admin/", admin.site.urls),
]
