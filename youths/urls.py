from django.urls import path

from youths.views import board, contacts, profile

app_name = "youths"
urlpatterns = [
    path("", board.board, name="board"),
    path("ny/", profile.youth_create, name="create"),
    path("cpr-opslag/", board.cpr_lookup, name="cpr_lookup"),
    path("<uuid:youth_id>/", profile.profile, name="profile"),
    path("<uuid:youth_id>/rediger/", profile.youth_edit, name="edit"),
    path("<uuid:youth_id>/kontakt/", contacts.contact_create, name="contact_create"),
]
