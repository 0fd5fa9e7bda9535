"""Shared fixtures of the registrations tests (editions, questionnaire, organisers)."""

from tests.registrations.fixtures_reg import *  # noqa: F401,F403
