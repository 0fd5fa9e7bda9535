"""Demo data of editions: the real history (from the seeds), then fake current editions."""


def load_demo(context) -> None:
    pass
