"""The competence catalogue is maintained by administrators in Django's admin."""

from django.contrib import admin

from portfolio.models import Competence


@admin.register(Competence)
class CompetenceAdmin(admin.ModelAdmin):
    list_display = ["name", "category", "is_active"]
    list_filter = ["category", "is_active"]
    search_fields = ["name", "description"]
