app_name = "informes"

urlpatterns: list = []
