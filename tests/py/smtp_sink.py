"""A real SMTP server for the tests (aiosmtpd): listens on a free port of
127.0.0.1, prints `READY <port>` once it accepts connections, then each
message it receives as `MAIL <recipients>`, its text, and `END`; it stops
when its standard input closes."""

import asyncio
import sys

from aiosmtpd.smtp import SMTP


class Sink:
    async def handle_DATA(self, server, session, envelope):
        text = envelope.content.decode("utf-8", errors="replace")
        print("MAIL " + ",".join(envelope.rcpt_tos), flush=True)
        print(text, flush=True)
        print("END", flush=True)
        return "250 OK"


async def main():
    loop = asyncio.get_running_loop()
    server = await loop.create_server(lambda: SMTP(Sink()), "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    print(f"READY {port}", flush=True)
    # Until standard input closes (the test ends).
    await loop.run_in_executor(None, sys.stdin.read)
    server.close()


asyncio.run(main())
