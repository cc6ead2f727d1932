from django.urls import path

from borderwork.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.report_list, name="list"),
    path("lap-moi/", views.report_new, name="new"),
    path("<int:pk>/", views.report_detail, name="detail"),
    path("<int:pk>/sua/", views.report_edit, name="edit"),
    path("<int:pk>/xuat/", views.issue, name="issue"),
    path(
        "<int:pk>/<str:action>/",
        views.report_action,
        name="action",
    ),
    path("ban-da-xuat/<int:pk>/trang-thai/", views.issued_status, name="issued-status"),
    path("ban-da-xuat/<int:pk>/<str:kind>/", views.issued_file, name="issued-file"),
]
