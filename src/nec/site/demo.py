"""The demo loaders of every app, in the order they run (`nec demo`, `manage.py load_demo`)."""

from importlib import import_module

from nec.core.demo import DemoContext


def _loader(module: str):
    def run(context: DemoContext) -> None:
        import_module(module).load_demo(context)

    run.__name__ = module
    return run


DEMO_LOADERS = [
    _loader("nec.editions.demo"),
    _loader("nec.editions.demo_people"),
    _loader("nec.programme.demo"),
    _loader("nec.programme.demo_cfp"),
    _loader("nec.registrations.demo"),
    _loader("nec.timetabling.demo"),
    _loader("nec.surveys.demo"),
    _loader("nec.resources.demo"),
    _loader("nec.localeditions.demo"),
    _loader("nec.community.demo"),
    _loader("nec.reports.demo"),
]
