from communes import views

app_name = "communes"

urlpatterns = [
    *views.commune.urls(),
    *views.profile.urls(),
    *views.committee.urls(),
    *views.cell.urls(),
    *views.committee_rating.urls(),
    *views.cell_rating.urls(),
    *views.regulation.urls(),
    *views.review.urls(),
    *views.directive.urls(),
]
