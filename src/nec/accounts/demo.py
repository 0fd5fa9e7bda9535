"""Demo accounts, one per role."""


def load_demo(context) -> None:
    pass
