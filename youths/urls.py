from django.urls import path

from youths.views import access, board, casefile, caseload, contacts, imports, intake, network, profile, waiting

app_name = "youths"
urlpatterns = [
    path("", board.board, name="board"),
    path("ny/", profile.youth_create, name="create"),
    path("cpr-opslag/", board.cpr_lookup, name="cpr_lookup"),
    path("import/", imports.import_upload, name="import"),
    path("import/bekraeft/", imports.import_confirm, name="import_confirm"),
    path("<uuid:youth_id>/", profile.profile, name="profile"),
    path("<uuid:youth_id>/rediger/", profile.youth_edit, name="edit"),
    path("<uuid:youth_id>/kontakt/", contacts.contact_create, name="contact_create"),
    path("<uuid:youth_id>/status/", casefile.status_change, name="status_change"),
    path("<uuid:youth_id>/kontaktperson/", casefile.contact_person_change, name="contact_person_change"),
    path("<uuid:youth_id>/samtykke/ny/", casefile.consent_create, name="consent_create"),
    path("<uuid:youth_id>/samtykke/<int:consent_id>/tilbagekald/", casefile.consent_withdraw, name="consent_withdraw"),
    path("<uuid:youth_id>/notater/ny/", casefile.note_create, name="note_create"),
    path("venteliste/", waiting.waiting_list, name="waiting_list"),
    path("<uuid:youth_id>/visitation/", intake.intake_create, name="intake"),
    path("<uuid:youth_id>/visitation/<uuid:meeting_id>/", intake.intake_minutes, name="intake_minutes"),
    path("<uuid:youth_id>/visitation/<uuid:meeting_id>/pdf/", intake.intake_minutes_pdf, name="intake_minutes_pdf"),
    path("<uuid:youth_id>/netvaerk/", network.network_add, name="network_add"),
    path("<uuid:youth_id>/netvaerk/<int:person_id>/fjern/", network.network_remove, name="network_remove"),
    path("<uuid:youth_id>/adgang/", access.break_glass, name="break_glass"),
    path("adgang-med-begrundelse/", access.break_glass_review, name="break_glass_review"),
    path("sagsstamme/", caseload.caseloads, name="caseloads"),
    path("sagsstamme/<uuid:user_id>/graense/", caseload.caseload_limit_edit, name="caseload_limit"),
]
