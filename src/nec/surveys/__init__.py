"""The evaluation survey of an edition: its questionnaire, the personal links sent after the event,
the answers and per-session feedback."""
