"""Demo data of the api app (`nec demo`)."""

from nec.core.demo import DemoContext


def load_demo(context: DemoContext) -> None:
    """Nothing yet."""
