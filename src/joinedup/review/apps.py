from django.apps import AppConfig


class ReviewConfig(AppConfig):
    name = "joinedup.review"
    verbose_name = "Review"
