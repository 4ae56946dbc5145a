from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from joinedup.overview import urls as overview_urls
from joinedup.views import health
from joinedup.workspaces.language import choose_language
from joinedup.workspaces.sign_in import SignInView

admin.site.site_header = "joinedup administration"
admin.site.site_title = "joinedup admin"

RESET_DAYS = {"timeout_days": settings.PASSWORD_RESET_TIMEOUT // (24 * 3600)}

urlpatterns = [
    path("admin/", admin.site.urls),
    path("health/", health, name="health"),
    path("language/", choose_language, name="language"),
    path("sign-in/", SignInView.as_view(), name="login"),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    # Django's reset views: the same page whether or not the address has an account.
    path("password-reset/", auth_views.PasswordResetView.as_view(
        extra_context=RESET_DAYS), name="password_reset"),
    path("password-reset/sent/", auth_views.PasswordResetDoneView.as_view(
        extra_context=RESET_DAYS), name="password_reset_done"),
    path("password-reset/<uidb64>/<token>/", auth_views.PasswordResetConfirmView.as_view(),
         name="password_reset_confirm"),
    path("password-reset/done/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("", include(overview_urls.workspaces)),
    path("w/<slug:ws>/", include("joinedup.organisations.urls")),
    path("w/<slug:ws>/", include(overview_urls.partnerships)),
    path("w/<slug:ws>/", include("joinedup.meetings.urls")),
    path("w/<slug:ws>/", include("joinedup.indicators.urls")),
    path("w/<slug:ws>/", include("joinedup.surveys.urls")),
    path("w/<slug:ws>/", include("joinedup.review.urls")),
    path("w/<slug:ws>/", include("joinedup.network.urls")),
    path("w/<slug:ws>/", include("joinedup.practice.urls")),
    path("w/<slug:ws>/", include("joinedup.comparison.urls")),
    path("w/<slug:ws>/", include("joinedup.social_return.urls")),
    path("w/<slug:ws>/", include("joinedup.api.token_urls")),
    path("", include("joinedup.api.archive_urls")),
    path("api/", include("joinedup.api.urls")),
    path("s/", include("joinedup.surveys.respondent_urls")),
]

handler404 = "joinedup.views.not_found"
handler403 = "joinedup.views.forbidden"
handler500 = "joinedup.views.server_error"
