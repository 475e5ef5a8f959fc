#!/usr/bin/python3
"""A real SMTP server for the tests: Debian's aiosmtpd on loopback.

Prints "READY <port>" once it listens. Each message it accepts is written to --maildir as
NNNN.eml (the bytes as received) and NNNN.json (parsed back with Python's email package:
decoded headers, text parts, attachments with their SHA-256), so the C++ test can check what
arrived without parsing MIME itself.
"""
import argparse
import asyncio
import email
import email.policy
import hashlib
import json
import os
import ssl
import sys

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


def parse_arguments():
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--maildir", required=True)
    parser.add_argument("--security", choices=["none", "starttls", "tls"], default="none")
    parser.add_argument("--cert")
    parser.add_argument("--key")
    parser.add_argument("--auth-user")
    parser.add_argument("--auth-password")
    parser.add_argument("--auth-only", help="offer only this AUTH mechanism (LOGIN or PLAIN)")
    parser.add_argument("--reject", action="append", default=[],
                        help="answer RCPT TO for this address with 550")
    parser.add_argument("--size-limit", type=int, default=33554432)
    # Crash test: after MAIL FROM, create --waiting-file and hold the conversation until
    # --continue-file exists; create --quit-file when the client says QUIT.
    parser.add_argument("--waiting-file")
    parser.add_argument("--continue-file")
    parser.add_argument("--quit-file")
    return parser.parse_args()


def touch(path):
    with open(path, "w") as f:
        f.write("1")


def describe(content):
    message = email.message_from_bytes(content, policy=email.policy.default)
    result = {
        "subject": str(message.get("Subject", "")),
        "message_id": str(message.get("Message-ID", "")),
        "date": str(message.get("Date", "")),
        "from_address": "",
        "from_name": "",
        "to": [],
        "text": "",
        "html": "",
        "attachments": [],
        "content_type": message.get_content_type(),
    }
    sender = message.get("From")
    if sender is not None and sender.addresses:
        result["from_address"] = sender.addresses[0].addr_spec
        result["from_name"] = sender.addresses[0].display_name
    recipients = message.get("To")
    if recipients is not None:
        result["to"] = [{"address": a.addr_spec, "name": a.display_name}
                        for a in recipients.addresses]
    for part in message.walk():
        if part.is_multipart():
            continue
        if part.get_content_disposition() == "attachment":
            data = part.get_payload(decode=True)
            result["attachments"].append({
                "filename": part.get_filename(),
                "content_type": part.get_content_type(),
                "size": len(data),
                "sha256": hashlib.sha256(data).hexdigest(),
            })
        elif part.get_content_type() == "text/plain":
            result["text"] = part.get_content()
        elif part.get_content_type() == "text/html":
            result["html"] = part.get_content()
    return result


class Handler:
    def __init__(self, options):
        self.options = options
        self.count = 0

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        if self.options.waiting_file:
            touch(self.options.waiting_file)
            while not os.path.exists(self.options.continue_file):
                await asyncio.sleep(0.02)
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.options.reject:
            return "550 5.1.1 <%s>: Recipient address rejected: User unknown" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        base = os.path.join(self.options.maildir, "%04d" % self.count)
        content = envelope.original_content or envelope.content
        with open(base + ".eml.tmp", "wb") as f:
            f.write(content)
        info = describe(content)
        info["envelope_from"] = envelope.mail_from
        info["envelope_to"] = envelope.rcpt_tos
        info["mail_options"] = envelope.mail_options
        info["authenticated"] = bool(session.authenticated)
        info["tls"] = (session.ssl is not None
                       or server.transport.get_extra_info("ssl_object") is not None)
        with open(base + ".json", "w", encoding="utf-8") as f:
            json.dump(info, f, ensure_ascii=False)
        os.rename(base + ".eml.tmp", base + ".eml")
        return "250 OK queued as %04d" % self.count

    async def handle_QUIT(self, server, session, envelope):
        if self.options.quit_file:
            touch(self.options.quit_file)
        return "221 Bye"


def main():
    options = parse_arguments()
    os.makedirs(options.maildir, exist_ok=True)
    context = None
    if options.security != "none":
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(options.cert, options.key)

    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = (isinstance(auth_data, LoginPassword)
              and auth_data.login.decode() == options.auth_user
              and auth_data.password.decode() == options.auth_password)
        return AuthResult(success=ok, handled=False)

    handler = Handler(options)
    require_auth = bool(options.auth_user)

    def factory():
        return SMTP(handler,
                    data_size_limit=options.size_limit,
                    hostname="test.smtp.invalid",
                    tls_context=context if options.security == "starttls" else None,
                    require_starttls=options.security == "starttls",
                    authenticator=authenticator if require_auth else None,
                    auth_required=require_auth,
                    auth_require_tls=False,
                    auth_exclude_mechanism=[m for m in ("LOGIN", "PLAIN")
                                            if options.auth_only and m != options.auth_only],
                    timeout=30)

    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    server = loop.run_until_complete(loop.create_server(
        factory, host=options.host, port=options.port,
        ssl=context if options.security == "tls" else None))
    port = server.sockets[0].getsockname()[1]

    # A test that crashes cannot stop us: leave when the parent is gone.
    parent = os.getppid()

    async def watch_parent():
        while os.getppid() == parent:
            await asyncio.sleep(0.5)
        loop.stop()

    loop.create_task(watch_parent())
    print("READY %d" % port, flush=True)
    try:
        loop.run_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
