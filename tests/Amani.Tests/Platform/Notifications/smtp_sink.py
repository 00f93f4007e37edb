"""A local SMTP server for the notification tests: aiosmtpd on 127.0.0.1:PORT that writes each message it accepts to
FOLDER as one .eml file (named so that they sort in the order of arrival) (envelope recipients in an X-Sink-Rcpt header), or refuses every message with 550 when started
with --refuse. Prints "ready" once it listens; stops when its standard input closes (or it is killed).

Usage: /usr/bin/python3 smtp_sink.py PORT FOLDER [--refuse]
"""
import os
import sys
import time
import uuid

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, folder, refuse):
        self.folder = folder
        self.refuse = refuse

    async def handle_DATA(self, server, session, envelope):
        if self.refuse:
            return "550 5.7.1 Refused by the test sink"
        name = f"{time.time_ns():020d}-{uuid.uuid4().hex}"  # sorts in the order of arrival
        temporary = os.path.join(self.folder, name + ".tmp")
        with open(temporary, "wb") as out:
            out.write(("X-Sink-Rcpt: " + ", ".join(envelope.rcpt_tos) + "\r\n").encode("ascii"))
            content = envelope.original_content or envelope.content
            out.write(content if isinstance(content, bytes) else content.encode("utf-8"))
        os.replace(temporary, os.path.join(self.folder, name + ".eml"))  # readers never see half a message
        return "250 OK"


def main():
    port, folder = int(sys.argv[1]), sys.argv[2]
    os.makedirs(folder, exist_ok=True)
    controller = Controller(Sink(folder, "--refuse" in sys.argv[3:]), hostname="127.0.0.1", port=port)
    controller.start()
    print("ready", flush=True)
    try:
        sys.stdin.read()
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
