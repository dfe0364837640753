"""The engine tests' fixtures."""

from hallway.engines.tests.process import shared_engines  # noqa: F401 - a fixture for these tests
