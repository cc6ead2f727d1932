from borderwork.records.registry import patterns

app_name = "communes"

# The record types communes/records.py declares, each with its list, detail and form pages.
urlpatterns = patterns(app_name)
