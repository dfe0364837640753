"""Speech to text on this machine: real-time factor, word error rate, worker memory.

Run: .venv/bin/python bench/voice_transcription.py [--memos N]   (needs the `voice` extra and
Debian's espeak-ng). espeak-ng speaks N memos from voice_memos.py; Whisper (the configured
model, tiny.en by default) transcribes them, with 1 and 2 CPU threads and beam sizes 1 and 5.
Prints seconds of compute per second of audio (the real-time factor, lower is faster), the word
error rate against the text that was spoken, and the memory of a fresh worker process that
loads the model and runs the transcription task once, as `hallway serve`'s worker does.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hallway.settings")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.casefold().replace("’", "'"))


def word_errors(reference: list[str], heard: list[str]) -> int:
    """Substitutions + deletions + insertions (word-level edit distance)."""
    previous = list(range(len(heard) + 1))
    for i, word in enumerate(reference, 1):
        current = [i]
        for j, other in enumerate(heard, 1):
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (word != other))
            )
        previous = current
    return previous[-1]


def speak(texts: list[str], folder: Path) -> list[Path]:
    binary = shutil.which("espeak-ng")
    if binary is None:
        sys.exit("espeak-ng is missing: run scripts/system-packages.sh")
    paths = []
    for index, text in enumerate(texts):
        path = folder / f"memo-{index}.wav"
        subprocess.run([binary, "-v", "en-us", "-s", "150", "-w", str(path), text], check=True)
        paths.append(path)
    return paths


def accuracy_and_speed(texts: list[str], paths: list[Path]) -> None:
    from django.conf import settings

    from hallway.voice import transcription

    print(f"model: {transcription.model_path()}")
    for threads in (1, 2):
        for beam in (1, 5):
            settings.VOICE_THREADS, settings.VOICE_BEAM_SIZE = threads, beam
            transcription._model = None  # reload with these threads
            transcription.model()
            transcription.transcribe(paths[0])  # warm up
            audio = compute = 0.0
            errors = total = 0
            for text, path in zip(texts, paths, strict=True):
                result = transcription.transcribe(path)
                audio += result.audio_seconds
                compute += result.compute_seconds
                reference = words(text)
                errors += word_errors(reference, words(result.text))
                total += len(reference)
            print(
                f"  threads={threads} beam={beam}: {len(paths)} memos, {audio:.0f} s of audio, "
                f"real-time factor {compute / audio:.3f} ({audio / compute:.1f}x faster than "
                f"real time), word error rate {100 * errors / total:.1f}% ({errors}/{total} words)"
            )


_WORKER = r"""
import os, sys, time
sys.path.insert(0, sys.argv[1])
def rss():
    fields = dict(line.split(":", 1) for line in open("/proc/self/status"))
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from django.contrib.auth.models import User
from hallway.voice import services, tasks, transcription
print("after Django setup: %.0f MB" % rss()[0])
owner = User.objects.create_user("bench")
with open(sys.argv[2], "rb") as audio:
    note, _ = services.voice_note_upload(owner=owner, audio=audio, filename="memo.wav")
transcription.model()
print("with the Whisper model loaded: %.0f MB" % rss()[0])
started = time.perf_counter()
tasks.transcribe_note(note.pk)
first = time.perf_counter() - started
print("after one transcription task (sentence model loaded too): %.0f MB, peak %.0f MB" % rss())
with open(sys.argv[2], "rb") as audio:
    second, _ = services.voice_note_upload(owner=owner, audio=audio, filename="memo.wav")
started = time.perf_counter()
tasks.transcribe_note(second.pk)
print("task time: first %.1f s (loads the sentence model), second %.1f s" % (first, time.perf_counter() - started))
print("after a second task: %.0f MB, peak %.0f MB" % rss())
"""


def worker_memory(memo: Path) -> None:
    with tempfile.TemporaryDirectory() as data:
        env = {**os.environ, "HALLWAY_DATA_DIR": data}
        env.pop("DATABASE_URL", None)
        print("worker process (fresh python running the transcription task):")
        output = subprocess.run(
            [sys.executable, "-c", _WORKER, str(ROOT), str(memo)],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for line in output.splitlines():
            print("  " + line)


def main() -> None:
    import django

    count = int(sys.argv[sys.argv.index("--memos") + 1]) if "--memos" in sys.argv else 10
    django.setup()
    from bench.voice_memos import MEMOS

    texts = [memo["text"] for memo in MEMOS[:count]]
    print(f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        paths = speak(texts, Path(folder))
        print(f"espeak-ng spoke {len(paths)} memos in {time.perf_counter() - started:.1f} s")
        accuracy_and_speed(texts, paths)
        worker_memory(paths[0])


if __name__ == "__main__":
    main()
