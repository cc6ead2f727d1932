app_name = "communes"

urlpatterns: list = []
