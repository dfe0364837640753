from django.http import HttpResponse


def conversation_list(request, **kwargs):
    return HttpResponse("")


conversation_create = conversation_detail = conversation_list
