from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "tttt.demo"
    label = "demo"
    verbose_name = "Dữ liệu mẫu"
