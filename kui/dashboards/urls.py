from django.urls import path

from kui.dashboards import views

app_name = "dashboards"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("noegletal.csv", views.export_csv, name="export_csv"),
    path("noegletal.xlsx", views.export_xlsx, name="export_xlsx"),
    path("moedepakke.pdf", views.meeting_pack, name="meeting_pack"),
    path("noegleproblemer/", views.key_problems_page, name="key_problems"),
    path("noegleproblemer.csv", views.key_problems_csv, name="key_problems_csv"),
]
