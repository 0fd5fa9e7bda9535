"""Demo data of the programme app."""


def load_demo(context) -> None:
    pass
