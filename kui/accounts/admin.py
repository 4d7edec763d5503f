from allauth.account.decorators import secure_admin_login
from allauth.mfa.models import Authenticator
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from kui.accounts import services
from kui.accounts.models import Organisation, Team, User

# The admin's own login would skip the second factor: it sends to kui's login instead.
admin.site.login = secure_admin_login(admin.site.login)
# Factors are reset through the audited user action below, never edited one by one.
if admin.site.is_registered(Authenticator):
    admin.site.unregister(Authenticator)


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "phone", "email"]
    list_filter = ["kind"]
    search_fields = ["name"]


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation"]
    list_filter = ["organisation"]
    search_fields = ["name"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ["username", "first_name", "last_name", "role", "organisation", "team", "is_active"]
    list_filter = ["role", "organisation", "is_active"]
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        (_("Role and organisation"), {"fields": ["role", "organisation", "team", "phone", "caseload_limit"]}),
    )
    add_fieldsets = (
        *DjangoUserAdmin.add_fieldsets,
        (_("Role and organisation"), {"fields": ["role", "organisation", "team"]}),
    )
    actions = ["reset_second_factor", "lift_lockout", "end_sessions"]

    @admin.action(description=_("Reset two-factor authentication (the user enrols again)"))
    def reset_second_factor(self, request, queryset):
        for user in queryset:
            services.user_factors_reset(user=user, by=request.user)
        messages.success(
            request, _("Two-factor authentication was reset for %(count)d users.") % {"count": len(queryset)}
        )

    @admin.action(description=_("Lift lockout after failed logins"))
    def lift_lockout(self, request, queryset):
        for user in queryset:
            services.user_unlock(user=user, by=request.user)
        messages.success(request, _("The lockout was lifted for %(count)d users.") % {"count": len(queryset)})

    @admin.action(description=_("Log out everywhere"))
    def end_sessions(self, request, queryset):
        for user in queryset:
            services.user_sessions_end(user=user, by=request.user, reason="ended by administrator")
        messages.success(request, _("All sessions were ended for %(count)d users.") % {"count": len(queryset)})
