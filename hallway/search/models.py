"""What search reads: one document per person (kept in step by the services) and name terms."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class SearchDocument(models.Model):
    """The searchable text of one person, rebuilt inside the transaction of every write.

    On SQLite an FTS5 table (search_fts) follows this table through triggers; on PostgreSQL a
    generated tsvector column with a GIN index lives on this table. Both are created by the
    migrations, so this model stays the same on both engines.
    """

    person = models.OneToOneField(
        "people.Person", on_delete=models.CASCADE, primary_key=True, related_name="search_document"
    )
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    name = models.TextField(blank=True)
    # company, role, location and where you met
    headline = models.TextField(blank=True)
    tags = models.TextField(blank=True)
    # the five facets
    story = models.TextField(blank=True)
    # dated notes, conversation notes and what was learned in conversations
    notes = models.TextField(blank=True)
    # float32 vector (normalized) of the semantic text; null until the background step ran
    embedding = models.BinaryField(null=True, blank=True)
    # hash of the text the embedding was computed from; differs from semantic_hash when stale
    embedded_hash = models.CharField(max_length=64, blank=True, default="")
    semantic_hash = models.CharField(max_length=64, blank=True, default="")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [models.Index(fields=["owner", "semantic_hash"])]

    def __str__(self) -> str:
        return f"search document of {self.name}"


class TermRow(models.Model):
    """A per-owner word and one of its lookup keys (`variant`): the rows of the typo tables."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    term = models.CharField(max_length=100)
    variant = models.CharField(max_length=100)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.term


class NameTerm(TermRow):
    """A word of a person's name (per owner), used to correct typos in searched names.

    On SQLite each term is stored once per one-letter deletion (`variant`), so a misspelt
    word finds its candidates by looking up its own deletions (the SymSpell idea). On
    PostgreSQL only variant == term rows are stored and pg_trgm finds similar terms.
    Stale terms are harmless: a correction only widens the query, results stay scoped.
    """

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "variant", "term"], name="search_nameterm_unique"
            )
        ]


class EmbeddingState(models.Model):
    """A counter per owner that bumps whenever an embedding changes: in-process caches of the
    owner's matrix compare it to know when to reload."""

    owner = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    version = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"embeddings v{self.version} of {self.owner_id}"


class StoryTerm(TermRow):
    """A word of what the owner's people's documents say (profile, tags, story, notes), for
    "Did you mean …?" on misspelt story words.

    Per owner, so a suggestion only ever comes from the user's own words. `variant` is the
    lookup key: on SQLite the word, its crude root and their one-letter deletions (SymSpell);
    on PostgreSQL the word and its root, searched with pg_trgm. Stale words are harmless:
    a suggestion only widens the query, and the results stay scoped to the owner.
    """

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "variant", "term"], name="search_storyterm_unique"
            )
        ]
