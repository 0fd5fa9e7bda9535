"""A real SMTP server for the mailing tests and the benchmark: aiosmtpd on 127.0.0.1 (free
port), keeping every message it accepts; addresses containing "bounce" are refused with a
permanent 550."""

from __future__ import annotations

import email
import email.policy
import logging
import socket
import threading

from aiosmtpd.controller import Controller


class SinkHandler:
    def __init__(self):
        self.raw: list[bytes] = []
        self.recipients: list[str] = []
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if "bounce" in address:
            return "550 5.1.1 Mailbox does not exist"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        with self.lock:  # parsed only when a test reads `messages` (the sink must keep up)
            self.raw.append(envelope.content)
            self.recipients.extend(envelope.rcpt_tos)
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class SmtpSink:
    def __init__(self):
        self.handler = SinkHandler()
        self.port = free_port()
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)

    def __enter__(self) -> SmtpSink:
        self.controller.start()
        return self

    def __exit__(self, *exc) -> None:
        self.controller.stop()

    @property
    def messages(self) -> list[email.message.EmailMessage]:
        with self.handler.lock:
            raw = list(self.handler.raw)
        return [email.message_from_bytes(item, policy=email.policy.default) for item in raw]

    @property
    def recipients(self) -> list[str]:
        with self.handler.lock:
            return list(self.handler.recipients)


logging.getLogger("mail.log").setLevel(logging.WARNING)  # one line per connection otherwise
