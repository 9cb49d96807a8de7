#!/usr/bin/python3
"""Writes src/test/resources/vectors/extra-hashes.json: known-answer cases for formats and edge cases that the shared
vector file (password-hashes.json) does not cover, made and checked by the real reference libraries.

Same schema as password-hashes.json (id, scheme, source, password, hash, matches, malformed, note). Every `matches`
value is the answer of the verifying library named in `source`, computed after the hash was made; when two libraries
read a format, both must agree or the script stops.

Needs Debian's python3-django python3-bcrypt python3-argon2 python3-passlib python3-werkzeug:
    apt-get update && apt-get install -y python3-django python3-bcrypt python3-argon2 python3-passlib python3-werkzeug
    /usr/bin/python3 hashing/scripts/generate-extra-vectors.py
Salts are random, so each run writes different, equally valid strings.
"""
import base64
import hashlib
import json
import os
import sys
import warnings

warnings.simplefilter("ignore", DeprecationWarning)
import crypt  # noqa: E402  deprecated in 3.11, still present: glibc/libxcrypt crypt(3) for cross-checks

import argon2
import bcrypt
import django
import passlib
import werkzeug
from argon2 import low_level
from django.conf import settings

settings.configure(PASSWORD_HASHERS=[
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.BCryptSHA256PasswordHasher",
    "django.contrib.auth.hashers.BCryptPasswordHasher",
    "django.contrib.auth.hashers.SHA1PasswordHasher",
    "django.contrib.auth.hashers.MD5PasswordHasher",
    "django.contrib.auth.hashers.UnsaltedSHA1PasswordHasher",
    "django.contrib.auth.hashers.UnsaltedMD5PasswordHasher",
])
django.setup()
from django.contrib.auth import hashers as dj  # noqa: E402
from passlib import hash as ph  # noqa: E402
from werkzeug.security import check_password_hash  # noqa: E402

V = {
    "django": "Django " + django.get_version(),
    "passlib": "passlib " + passlib.__version__,
    "bcrypt": "bcrypt " + bcrypt.__version__,
    "argon2": "argon2-cffi " + argon2.__version__,
    "werkzeug": "werkzeug " + werkzeug.__version__,
}
cases = []


def add(case_id, scheme, source, password, stored, matches, note, checks):
    """checks: list of (name, callable(password, stored) -> bool); all must agree with `matches`."""
    for name, check in checks:
        got = bool(check(password, stored))
        if got != matches:
            sys.exit(f"{case_id}: {name} answered {got}, expected {matches}")
    cases.append({"id": case_id, "scheme": scheme, "source": source, "password": password, "hash": stored,
                  "matches": matches, "malformed": False,
                  "note": note + "; checked by " + ", ".join(n for n, _ in checks)})


def argon2_cffi(pw, h):
    try:
        return low_level.verify_secret(h.encode(), pw.encode(), low_level.Type[h.split("$")[1][6:].upper() or "I"])
    except argon2.exceptions.VerificationError:
        return False


def django_check(pw, h):
    return dj.check_password(pw, h)


def glibc(pw, h):
    return crypt.crypt(pw, h) == h


def werkzeug_check(pw, h):
    return check_password_hash(h, pw)


# --- passlib bcrypt_sha256 v1 ($bcrypt-sha256$2a,<cost>$salt$hash) and v2 with a 2b cost 4 ---
v1 = ph.bcrypt_sha256.using(version=1, rounds=4)
for ident in ("2a", "2b"):
    h = v1.using(ident=ident).hash("secret")
    assert h.startswith("$bcrypt-sha256$" + ident + ",4$"), h
    add(f"bcrypt-sha256-v1-{ident}-cost4-plain", "bcrypt_sha256", f"{V['passlib']} bcrypt_sha256.using(version=1, ident={ident!r}, rounds=4).hash",
        "secret", h, True, "v1 form: bcrypt of base64(sha256(password))", [("passlib", lambda p, s: ph.bcrypt_sha256.verify(p, s))])
    add(f"bcrypt-sha256-v1-{ident}-cost4-plain-wrong1", "bcrypt_sha256", f"{V['passlib']} bcrypt_sha256.using(version=1).hash",
        "secret!", h, False, "wrong password; v1 form", [("passlib", lambda p, s: ph.bcrypt_sha256.verify(p, s))])
long200 = ("hashsecret-" * 20)[:200]
h = v1.hash(long200)
add("bcrypt-sha256-v1-cost4-long200-wrong1", "bcrypt_sha256", f"{V['passlib']} bcrypt_sha256.using(version=1).hash",
    long200[:72] + "#DIFFERENT-TAIL#" + long200[88:], h, False, "same first 72 bytes; v1 pre-hashes, so no truncation",
    [("passlib", lambda p, s: ph.bcrypt_sha256.verify(p, s))])
h = ph.bcrypt_sha256.using(rounds=4).hash("s\u00e9cret\U0001F511")
add("bcrypt-sha256-v2-cost4-emoji", "bcrypt_sha256", f"{V['passlib']} bcrypt_sha256.using(rounds=4).hash", "s\u00e9cret\U0001F511", h, True,
    "v2, cost 4, non-ASCII password", [("passlib", lambda p, s: ph.bcrypt_sha256.verify(p, s))])

# --- raw bcrypt: 72-byte truncation splitting a multi-byte character ---
pw = "a" * 71 + "\u00e9"          # UTF-8: 71 bytes + C3 A9 -> byte 72 is C3, A9 is cut off
other = "a" * 71 + "\u00e8"       # C3 A8: same first 72 bytes
h = bcrypt.hashpw(pw.encode(), bcrypt.gensalt(4)).decode()
bc = [("bcrypt.checkpw", lambda p, s: bcrypt.checkpw(p.encode(), s.encode())), ("crypt(3)", glibc)]
add("bcrypt-2b-cost4-split-multibyte", "bcrypt", f"{V['bcrypt']} hashpw", pw, h, True,
    "73-byte password whose last character straddles byte 72", bc)
add("bcrypt-2b-cost4-split-multibyte-other-tail", "bcrypt", f"{V['bcrypt']} hashpw", other, h, True,
    "different character whose first UTF-8 byte (0xC3) is the same: only 72 bytes count, so it MATCHES", bc)
add("bcrypt-2b-cost4-split-multibyte-71", "bcrypt", f"{V['bcrypt']} hashpw", "a" * 71, h, False,
    "the 71 ASCII bytes alone: byte 72 (0xC3) is missing, no match", bc)
h = bcrypt.hashpw(b"", bcrypt.gensalt(5, prefix=b"2a")).decode().replace("$2a$", "$2y$")
add("bcrypt-2y-cost5-empty", "bcrypt", f"{V['bcrypt']} hashpw(prefix=2a), renamed $2y$", "", h, True, "empty password, $2y$", bc[:1])

# --- argon2: v=16, missing v=, argon2i inside Django, p=8 with tiny memory ---
for t, name in ((low_level.Type.I, "argon2i"), (low_level.Type.ID, "argon2id"), (low_level.Type.D, "argon2d")):
    h = low_level.hash_secret(b"secret", os.urandom(16), time_cost=2, memory_cost=256, parallelism=2, hash_len=16, type=t, version=16).decode()
    assert "$v=16$" in h, h
    add(f"argon2-{name}-v16-m256-t2-p2-plain", "argon2", f"{V['argon2']} low_level.hash_secret(version=16)", "secret", h, True,
        "version 0x10 (argon2 1.0): reference blocks are overwritten, not XORed, on later passes", [("argon2-cffi", argon2_cffi), ("passlib", lambda p, s: ph.argon2.verify(p, s))])
    add(f"argon2-{name}-v16-m256-t2-p2-plain-wrong1", "argon2", f"{V['argon2']} low_level.hash_secret(version=16)", "secreT", h, False,
        "wrong password; v=16", [("argon2-cffi", argon2_cffi)])
    nov = h.replace("$v=16$", "$")
    add(f"argon2-{name}-nov-m256-t2-p2-plain", "argon2", f"{V['argon2']} low_level.hash_secret(version=16) with 'v=16$' removed", "secret", nov, True,
        "PHC string without v=: the reference decoder assumes version 0x10", [("argon2-cffi", argon2_cffi)])
h = low_level.hash_secret("s\u00e9cret".encode(), os.urandom(16), time_cost=3, memory_cost=64, parallelism=8, hash_len=32, type=low_level.Type.ID).decode()
add("argon2-argon2id-m64-t3-p8-nfc", "argon2", f"{V['argon2']} low_level.hash_secret", "s\u00e9cret", h, True,
    "p=8 lanes with the minimum memory 8*p KiB", [("argon2-cffi", argon2_cffi)])
add("argon2-argon2id-m64-t3-p8-nfc-wrong1", "argon2", f"{V['argon2']} low_level.hash_secret", "se\u0301cret", h, False,
    "NFD form", [("argon2-cffi", argon2_cffi)])
h = low_level.hash_secret(b"secret\x00", os.urandom(8), time_cost=1, memory_cost=32, parallelism=1, hash_len=4, type=low_level.Type.ID).decode()
add("argon2-argon2id-m32-t1-p1-nul-salt8-out4", "argon2", f"{V['argon2']} low_level.hash_secret", "secret\x00", h, True,
    "minimum salt (8 bytes) and output (4 bytes); password ends in NUL", [("argon2-cffi", argon2_cffi)])
add("argon2-argon2id-m32-t1-p1-nul-salt8-out4-wrong1", "argon2", f"{V['argon2']} low_level.hash_secret", "secret", h, False,
    "argon2 is not HMAC-keyed: the trailing NUL counts", [("argon2-cffi", argon2_cffi)])
h = low_level.hash_secret(b"secret", os.urandom(16), time_cost=1, memory_cost=512, parallelism=2, hash_len=16, type=low_level.Type.I, version=19).decode()
add("django-argon2-argon2i-plain", "django_argon2", f"{V['argon2']} argon2i string with Django's 'argon2' prefix", "secret", "argon2" + h, True,
    "Django hands everything after 'argon2' to argon2-cffi, which reads the variant from the string", [("Django check_password", django_check)])
hv16 = low_level.hash_secret(b"secret", os.urandom(16), time_cost=2, memory_cost=512, parallelism=2, hash_len=16, type=low_level.Type.I, version=16).decode()
add("django-argon2-argon2i-nov-plain", "django_argon2", f"{V['argon2']} argon2i v=16 string, 'v=16$' removed, Django prefix", "secret",
    "argon2" + hv16.replace("$v=16$", "$"), True, "the form very old Django (argon2-cffi < 16) wrote", [("Django check_password", django_check)])

# --- HMAC key zero-padding boundaries (PBKDF2, scrypt) ---
p63 = "k" * 63
h = dj.PBKDF2PasswordHasher().encode(p63, dj.PBKDF2PasswordHasher().salt(), 1000)
djc = [("Django check_password", django_check), ("passlib django_pbkdf2_sha256", lambda p, s: ph.django_pbkdf2_sha256.verify(p, s))]
add("django-pbkdf2-sha256-iter1000-63bytes", "django_pbkdf2_sha256", f"{V['django']} PBKDF2PasswordHasher.encode(iterations=1000)", p63, h, True, "63-byte password", djc)
add("django-pbkdf2-sha256-iter1000-63bytes-plus-nul", "django_pbkdf2_sha256", f"{V['django']} PBKDF2PasswordHasher.encode(iterations=1000)", p63 + "\x00", h, True,
    "63 bytes + NUL = 64 bytes still fits one SHA-256 block: HMAC zero-padding makes it MATCH", djc)
add("django-pbkdf2-sha256-iter1000-63bytes-plus-2nul", "django_pbkdf2_sha256", f"{V['django']} PBKDF2PasswordHasher.encode(iterations=1000)", p63 + "\x00\x00", h, False,
    "63 bytes + 2 NUL = 65 bytes: longer than a block, the key is hashed first, so the NULs count", djc)
h = dj.PBKDF2PasswordHasher().encode("", dj.PBKDF2PasswordHasher().salt(), 1000)
add("django-pbkdf2-sha256-iter1000-empty-vs-nul", "django_pbkdf2_sha256", f"{V['django']} PBKDF2PasswordHasher.encode(iterations=1000)", "\x00\x00", h, True,
    "two NULs match the empty password (HMAC zero-padding)", djc)
h = ph.pbkdf2_sha512.using(rounds=1000).hash("q" * 127)
add("pbkdf2-sha512-r1000-127bytes-plus-nul", "pbkdf2_sha512", f"{V['passlib']} pbkdf2_sha512.using(rounds=1000).hash", "q" * 127 + "\x00", h, True,
    "SHA-512's block is 128 bytes: 127 bytes + NUL still zero-padded", [("passlib", lambda p, s: ph.pbkdf2_sha512.verify(p, s))])
add("pbkdf2-sha512-r1000-127bytes-plus-2nul", "pbkdf2_sha512", f"{V['passlib']} pbkdf2_sha512.using(rounds=1000).hash", "q" * 127 + "\x00\x00", h, False,
    "129 bytes: hashed first, no match", [("passlib", lambda p, s: ph.pbkdf2_sha512.verify(p, s))])
salt = base64.b64encode(os.urandom(12)).decode().replace("+", "x").replace("/", "y")[:16]
h = f"scrypt:1024:8:2${salt}$" + hashlib.scrypt(b"secret", salt=salt.encode(), n=1024, r=8, p=2, maxmem=132 * 1024 * 8 * 2).hex()
add("werkzeug-scrypt-n1024-r8-p2-plus-nul", "werkzeug_scrypt", "hashlib.scrypt in werkzeug 3 layout", "secret\x00", h, True,
    "scrypt's PBKDF2-HMAC-SHA256 step zero-pads the password too; p=2", [("hashlib.scrypt (OpenSSL) on the candidate",
     lambda p, s: hashlib.scrypt(p.encode(), salt=salt.encode(), n=1024, r=8, p=2, maxmem=132 * 1024 * 8 * 2).hex() == s.rsplit("$", 1)[1])])

# --- salts are text: a non-ASCII Django salt, an empty passlib salt ---
h = dj.PBKDF2PasswordHasher().encode("secret", "s\u00e4lt-\u79d8", 1000)
add("django-pbkdf2-sha256-iter1000-unicode-salt", "django_pbkdf2_sha256", f"{V['django']} PBKDF2PasswordHasher.encode(salt='s\\u00e4lt-\\u79d8')", "secret", h, True,
    "Django hashes the salt field's UTF-8 bytes", djc[:1])
h = ph.pbkdf2_sha256.using(rounds=1000, salt=b"").hash("secret")
add("pbkdf2-sha256-r1000-empty-salt", "pbkdf2_sha256", f"{V['passlib']} pbkdf2_sha256.using(salt=b'').hash", "secret", h, True, "empty salt field",
    [("passlib", lambda p, s: ph.pbkdf2_sha256.verify(p, s))])

# --- werkzeug digests other than sha256 ---
for digest in ("sha1", "sha512"):
    salt = "Zq8" + digest + "Kp2Xw9"
    h = f"pbkdf2:{digest}:1000${salt}$" + hashlib.pbkdf2_hmac(digest, "s\u00e9cret".encode(), salt.encode(), 1000).hex()
    add(f"werkzeug-pbkdf2-{digest}-1000-nfc", "werkzeug_pbkdf2", f"hashlib.pbkdf2_hmac in werkzeug layout", "s\u00e9cret", h, True,
        f"pbkdf2:{digest}", [("werkzeug check_password_hash", werkzeug_check)])
    add(f"werkzeug-pbkdf2-{digest}-1000-nfc-wrong1", "werkzeug_pbkdf2", f"hashlib.pbkdf2_hmac in werkzeug layout", "se\u0301cret", h, False,
        f"pbkdf2:{digest}, NFD", [("werkzeug check_password_hash", werkzeug_check)])

# --- {SSHA} with 8- and 16-byte salts ---
for n in (8, 16):
    h = ph.ldap_salted_sha1.using(salt_size=n).hash("secret")
    add(f"ldap-salted-sha1-salt{n}-plain", "ldap_salted_sha1", f"{V['passlib']} ldap_salted_sha1.using(salt_size={n}).hash", "secret", h, True,
        f"{n}-byte salt", [("passlib", lambda p, s: ph.ldap_salted_sha1.verify(p, s))])

# --- SHA-crypt: rounds=1000, explicit rounds=5000, empty and 16-char salts, a 100-byte password ---
scc = lambda handler: [("passlib", lambda p, s: handler.verify(p, s)), ("crypt(3)", glibc)]
h = ph.sha256_crypt.using(rounds=1000, salt="").hash("secret")
add("sha256-crypt-r1000-empty-salt", "sha256_crypt", f"{V['passlib']} sha256_crypt.using(rounds=1000, salt='').hash", "secret", h, True, "minimum rounds, empty salt", scc(ph.sha256_crypt))
h = crypt.crypt("correct horse battery staple " * 3 + "!!!!!!!!!!!", "$6$rounds=5000$abcdefghijklmnop")
add("sha512-crypt-r5000-explicit-long", "sha512_crypt", "glibc crypt(3) with an explicit rounds=5000", "correct horse battery staple " * 3 + "!!!!!!!!!!!", h, True,
    "98-byte password, 16-char salt, rounds=5000 written explicitly", scc(ph.sha512_crypt))
h = ph.sha256_crypt.using(rounds=2000).hash("\u79d8\u5bc6")
add("sha256-crypt-r2000-cjk", "sha256_crypt", f"{V['passlib']} sha256_crypt.using(rounds=2000).hash", "\u79d8\u5bc6", h, True, "CJK password", scc(ph.sha256_crypt))
add("sha256-crypt-r2000-cjk-wrong1", "sha256_crypt", f"{V['passlib']} sha256_crypt.using(rounds=2000).hash", "\u79d8", h, False, "one character dropped", scc(ph.sha256_crypt))

# --- Django unsalted md5 in the md5$$ form, salted sha1 with a unicode password ---
h = "md5$$" + hashlib.md5(b"secret").hexdigest()
add("django-unsalted-md5-dollar-form", "django_unsalted_md5", f"{V['django']} accepts md5$$<hex>", "secret", h, True, "37-char md5$$ form", djc[:1])
h = dj.SHA1PasswordHasher().encode("s\u00e9cret", "abc")
add("django-sha1-unicode", "django_sha1", f"{V['django']} SHA1PasswordHasher.encode(salt='abc')", "s\u00e9cret", h, True, "short salt, NFC password", djc[:1])

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "test", "resources", "vectors", "extra-hashes.json")
with open(out, "w", encoding="ascii") as f:
    json.dump(cases, f, indent=2, ensure_ascii=True)
    f.write("\n")
print(f"{len(cases)} cases written to {os.path.normpath(out)} ({', '.join(V.values())})")
