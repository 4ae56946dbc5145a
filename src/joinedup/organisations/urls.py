from joinedup.workspaces.record_views import register_urls

from .views import ORGANISATIONS, PEOPLE

app_name = "organisations"

urlpatterns = [
    *register_urls(ORGANISATIONS, "organisations/"),
    *register_urls(PEOPLE, "people/"),
]
