"""A local SMTP server that accepts every message and only counts (for bench/newsletter.py).

    .venv/bin/python bench/smtp_sink.py PORT

Runs in its own process, so that receiving does not take CPU time from the sender being measured. Prints
"ready" once it listens; then answers each line "count" on stdin with a JSON line {"messages": …,
"recipients": …, "duplicates": …}, and stops on "quit" or at the end of stdin.
"""

import json
import sys

from aiosmtpd.controller import Controller


class CountingHandler:
    def __init__(self):
        self.messages = 0
        self.recipients = set()
        self.duplicates = 0

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (the name aiosmtpd calls)
        self.messages += 1
        for address in envelope.rcpt_tos:
            if address in self.recipients:
                self.duplicates += 1
            self.recipients.add(address)
        return "250 OK"


def main():
    handler = CountingHandler()
    controller = Controller(handler, hostname="127.0.0.1", port=int(sys.argv[1]))
    controller.start()
    print("ready", flush=True)
    try:
        for line in sys.stdin:
            if line.strip() == "count":
                counts = {
                    "messages": handler.messages,
                    "recipients": len(handler.recipients),
                    "duplicates": handler.duplicates,
                }
                print(json.dumps(counts), flush=True)
            elif line.strip() == "quit":
                break
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
