from django.apps import AppConfig


class PracticeConfig(AppConfig):
    name = "joinedup.practice"
    verbose_name = "Good practice: case studies"
