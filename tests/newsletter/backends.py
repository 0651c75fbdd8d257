"""A mail backend for the sending tests: Django's locmem outbox, plus SMTP errors for chosen addresses
and a count of the connections opened."""

from email.utils import parseaddr

from django.core.mail.backends import locmem


class FlakyBackend(locmem.EmailBackend):
    errors: dict[str, Exception] = {}  # address -> the error the "server" answers with
    connections = 0

    def open(self):
        if getattr(self, "_is_open", False):
            return False
        self._is_open = True
        type(self).connections += 1
        return True

    def close(self):
        self._is_open = False

    def send_messages(self, messages):
        for message in messages:
            for address in message.to:
                if error := self.errors.get(parseaddr(address)[1]):
                    raise error
        return super().send_messages(messages)
