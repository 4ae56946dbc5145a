from django.apps import AppConfig


class SocialReturnConfig(AppConfig):
    name = "joinedup.social_return"
    verbose_name = "Unit costs and social return (the user's assumptions)"
