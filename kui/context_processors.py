from django.conf import settings


def site(request):
    return {"municipality_name": settings.KUI_MUNICIPALITY_NAME}
