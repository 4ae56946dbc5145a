from django.apps import apps
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.urls import reverse


def ours(model):
    return model.__module__.startswith("joinedup.")


def test_every_model_is_in_the_admin():
    for model in apps.get_models():
        if ours(model):
            assert admin.site.is_registered(model), model.__name__


def test_staff_can_open_every_changelist(client, db, partnership, person):
    user = get_user_model().objects.create_superuser("root", "root@example.org", "x-long-password")
    client.force_login(user)
    for model in apps.get_models():
        if ours(model):
            url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
            assert client.get(url).status_code == 200, url
