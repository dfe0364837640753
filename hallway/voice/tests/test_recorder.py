"""The record button written in Python (hallway.voice.recorder) is what
voice/partials/recorder.html wrote, for every way the screens include it."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.middleware.csrf import get_token
from django.template import engines
from django.test import RequestFactory

from hallway.conversations.models import Conversation
from hallway.people.models import Person
from hallway.voice import transcription
from hallway.voice.recorder import recorder_html

pytestmark = pytest.mark.django_db

# voice/partials/recorder.html as it was before hallway.voice.recorder took it over.
_RECORDER = """{% if not lazy %}<link rel="stylesheet" href="{% static 'voice/voice.css' %}">{% endif %}
<section class="card voice-recorder" aria-label="Voice memo" data-voice-recorder{% if stay %} data-stay{% endif %}
  data-upload-url="{% url 'voice:upload' %}" data-max-seconds="{{ max_seconds }}"
  {% if person %}data-person-id="{{ person.pk }}"{% endif %} {% if conversation %}data-conversation-id="{{ conversation.pk }}"{% endif %}>
  <h2>{{ heading|default:"Record a voice memo" }}</h2>
  {% if unavailable %}
  <p class="muted" data-voice-unavailable>{{ unavailable }}</p>
  {% else %}
  <p class="muted small voice-hint">{{ hint|default:"Say what you learned: work, where they grew up, studies, what they love, what drives them, what you promised." }}</p>
  <button type="button" class="big voice-record" data-voice-toggle aria-pressed="false">
    <span class="voice-dot" aria-hidden="true"></span><span data-voice-label>Record</span></button>
  <div class="voice-live" data-voice-live hidden>
    <div class="voice-level" aria-hidden="true"><span data-voice-level></span></div>
    <time class="voice-timer" data-voice-timer aria-live="off">0:00</time><span class="muted small"> / {{ max_label }}</span>
  </div>
  <p class="voice-status small" data-voice-status role="status" aria-live="polite"></p>
  <details class="voice-fallback"><summary>Upload a recording instead</summary>
    <form method="post" action="{% url 'voice:upload' %}" enctype="multipart/form-data">
      {% csrf_token %}
      {% if person %}<input type="hidden" name="person_id" value="{{ person.pk }}">{% endif %}
      {% if conversation %}<input type="hidden" name="conversation_id" value="{{ conversation.pk }}">{% endif %}
      <label for="voice-file-{{ slot }}" class="visually-hidden">Audio file</label>
      <input type="file" id="voice-file-{{ slot }}" name="audio" accept="audio/*" capture style="min-height: 44px; width: 100%">
      <button type="submit" class="secondary">Upload</button>
    </form>
  </details>
  {% endif %}
  {% if waiting %}<p class="small"><a class="taplink" href="{% url 'voice:list' %}" id="voice-waiting">{{ waiting }} voice note{{ waiting|pluralize }} to review</a></p>{% endif %}
  <p class="small"><a class="taplink" href="{% url 'voice:remember' %}{% if conversation %}?conversation_id={{ conversation.pk }}{% elif person %}?person_id={{ person.pk }}{% endif %}">Or type what you remember</a></p>
</section>
{% if lazy %}{# Live screens stay light: the recorder's code and style load on the first tap. #}
<script src="{% static 'voice/lazy.js' %}" data-css="{% static 'voice/voice.css' %}" data-queue="{% static 'voice/queue.js' %}" data-record="{% static 'voice/record.js' %}"></script>
{% else %}<script src="{% static 'voice/queue.js' %}" defer></script>
<script src="{% static 'voice/record.js' %}" defer></script>
{% endif %}"""


def _old(request: Any, token: str, **values: Any) -> str:
    """The template, with the context voice_tags.recorder_context gave it."""
    seconds = int(settings.VOICE_MAX_SECONDS)
    person, conversation = values.get("person"), values.get("conversation")
    context = {
        "heading": "",
        "hint": "",
        "stay": False,
        "lazy": False,
        **values,
        "max_seconds": seconds,
        "max_label": f"{seconds // 60}:{seconds % 60:02d}",
        "unavailable": transcription.unavailable_reason(),
        "slot": f"{getattr(conversation, 'pk', '')}-{getattr(person, 'pk', '')}",
        "csrf_token": token,
    }
    return engines["django"].from_string(_RECORDER).render(context, request)


def _new(token: str, **values: Any) -> str:
    return str(recorder_html(csrf_token=token, **values))


@pytest.mark.parametrize("engine", ["available", "unavailable"])
def test_every_combination_writes_what_the_template_wrote(
    owner: Any, engine: str, tmp_path: Path, settings: Any
) -> None:
    if engine == "unavailable":
        settings.VOICE_MODEL_PATH = str(tmp_path)  # a folder without a model in it
        assert transcription.unavailable_reason()
    person = Person.objects.create(owner=owner, name="Ada <Lovelace> & Co")
    conversation = Conversation.objects.create(owner=owner, person=person)
    request = RequestFactory().get("/")
    request.user = owner
    token = get_token(request)
    words = [{}, {"heading": 'Just talked to "Ada" <b>?', "hint": "Say it & <go>"}]
    for lazy, stay, who, waiting, text in itertools.product(
        (False, True),
        (False, True),
        ({}, {"person": person}, {"person": person, "conversation": conversation}),
        (0, 1, 3),
        words,
    ):
        values = {"lazy": lazy, "stay": stay, **who, **text}
        expected = _old(request, token, **values, waiting=waiting)
        assert _new(token, **values, waiting=waiting) == expected, values
    assert (
        "voice-file-" in expected if engine == "available" else "data-voice-unavailable" in expected
    )
