"""Demo data of the registrations app."""


def load_demo(context) -> None:
    pass
