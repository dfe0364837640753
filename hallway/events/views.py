from django.http import HttpResponse


def event_list(request, **kwargs):
    return HttpResponse("")


event_create = event_detail = event_list
