"""The youth opens the invitation link, chooses a password and is logged
in on their own page. Django's password-reset view does the work (the
token check, hiding the token from the address bar and the Referer); only
the token generator, the template and where it ends differ."""

from django.contrib.auth import views as auth_views
from django.urls import reverse_lazy

from kui.accounts.adapters import remember_invitation, youth_provider_id
from kui.accounts.models import Role
from portfolio.invitations import invitation_tokens


class InvitationAcceptView(auth_views.PasswordResetConfirmView):
    template_name = "portfolio/invitation_accept.html"
    token_generator = invitation_tokens
    post_reset_login = True
    post_reset_login_backend = "django.contrib.auth.backends.ModelBackend"
    success_url = reverse_lazy("portfolio:youth_home")

    def get_context_data(self, **kwargs):
        """A valid invitation may also be accepted by signing in with MitID:
        the invited login is remembered in this browser's session, and the
        first MitID sign-in links it (kui.accounts.adapters)."""
        context = super().get_context_data(**kwargs)
        if context.get("validlink"):
            remember_invitation(self.request, self.user)
            context["youth_sso_provider_id"] = youth_provider_id()
        return context

    def get_user(self, uidb64):
        """Invitations are for youths' logins only; a staff login behind a
        forged link is treated as an invalid link."""
        user = super().get_user(uidb64)
        if user is not None and user.role != Role.YOUTH:
            return None
        return user
