from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.decorators.cache import never_cache

from checklist.forms import ChangePasswordForm, NewPasswordForm
from checklist.limits import limit_posts
from checklist.views.advocate import PasswordResetView

urlpatterns = [
    path("", include("checklist.urls")),
    # Sign-in and password reset are also counted per network, on top of django-axes'
    # lockout of one account after repeated wrong passwords.
    path(
        "accounts/login/",
        limit_posts("signin")(auth_views.LoginView.as_view()),
        name="login",
    ),
    path(
        "accounts/password_reset/",
        limit_posts("reset")(PasswordResetView.as_view()),
        name="password_reset",
    ),
    # Django's pages for a new password, with the rules and errors in plain words.
    path(
        "accounts/password_change/",
        # Never cached: after an error the page holds the passwords as typed (Django's own
        # view is not, unlike its reset page).
        never_cache(auth_views.PasswordChangeView.as_view(form_class=ChangePasswordForm)),
        name="password_change",
    ),
    path(
        "accounts/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(form_class=NewPasswordForm),
        name="password_reset_confirm",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    # Django's set_language: the language switch on every page outside a checklist.
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

handler400 = "checklist.views.errors.bad_request"
handler404 = "checklist.views.errors.not_found"
handler500 = "checklist.views.errors.server_error"
