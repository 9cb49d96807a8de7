#!/usr/bin/python3
"""Second half of cross-check-encoders.sh: hashes with `java -jar legacy-hash.jar hash`, checks with the real libraries."""
import subprocess
import sys

import argon2
import bcrypt
import django
from django.conf import settings

settings.configure(PASSWORD_HASHERS=[
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.BCryptPasswordHasher",
    "django.contrib.auth.hashers.BCryptSHA256PasswordHasher",
])
django.setup()
from django.contrib.auth.hashers import check_password, identify_hasher  # noqa: E402

JAR = sys.argv[1]
PASSWORDS = [
    "secret",
    "correct horse battery staple",
    "s\u00e9cret",                       # NFC
    "se\u0301cret",                      # NFD: a different password
    "\u79d8\u5bc6\U0001F511 $:!",
    "",
    "  leading and trailing spaces  ",
    "x" * 71 + "\u00e9",                 # 73 bytes: bcrypt keeps 72
]
TARGETS = [  # (CLI --scheme, --cost or None for the default, Django algorithm name)
    ("django_pbkdf2_sha256", None, "pbkdf2_sha256"),
    ("pbkdf2_sha256", "1000", "pbkdf2_sha256"),
    ("bcrypt", None, "bcrypt"),
    ("bcrypt", "4", "bcrypt"),
    ("django_argon2", None, "argon2"),
    ("argon2", "1", "argon2"),
]

passed = failed = 0


def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print("FAIL:", what)


def ours(scheme, cost, password):
    args = ["java", "-jar", JAR, "hash", "--scheme", scheme] + (["--cost", cost] if cost else [])
    done = subprocess.run(args, input=(password + "\n").encode(), capture_output=True, check=True)
    return done.stdout.decode().strip()


def wrong_passwords(password):
    out = [password + "x", password.upper() + "!", "x" + password]
    if password == "s\u00e9cret":
        out.append("se\u0301cret")
    return [w for w in out if w != password]


for scheme, cost, django_algorithm in TARGETS:
    for password in PASSWORDS:
        if scheme == "django_pbkdf2_sha256" or scheme == "django_argon2" or (scheme == "bcrypt" and cost is None):
            if password not in ("secret", "s\u00e9cret"):
                continue  # default costs are slow; two passwords are enough there
        stored = ours(scheme, cost, password)
        label = f"{scheme}:{cost or 'default'} {ascii(password)}"
        if scheme == "bcrypt":
            # Django's BCryptPasswordHasher stores "bcrypt$" + the pyca string.
            check(bcrypt.checkpw(password.encode(), stored.encode()), "bcrypt.checkpw accepts " + label)
            for wrong in wrong_passwords(password):
                expected = wrong.encode()[:72] == password.encode()[:72]  # only 72 bytes count
                check(bcrypt.checkpw(wrong.encode(), stored.encode()) == expected, f"bcrypt.checkpw on wrong {wrong!r}")
            stored = "bcrypt$" + stored
        check(identify_hasher(stored).algorithm == django_algorithm, "identify_hasher " + label)
        check(check_password(password, stored), "Django check_password accepts " + label)
        for wrong in wrong_passwords(password):
            expected = django_algorithm == "bcrypt" and wrong.encode()[:72] == password.encode()[:72]
            check(check_password(wrong, stored) == expected, f"Django check_password on wrong {wrong!r} for {label}")
        if django_algorithm == "argon2":
            phc = stored[len("argon2"):]
            check(argon2.PasswordHasher().verify(phc, password), "argon2-cffi PasswordHasher.verify accepts " + label)
            try:
                argon2.PasswordHasher().verify(phc, password + "x")
                check(False, "argon2-cffi rejects wrong password for " + label)
            except argon2.exceptions.VerifyMismatchError:
                check(True, "")
        print(f"ok  {label:60s} {stored[:40]}...")

print(f"\n{passed} passed, {failed} failed  (Django {django.get_version()}, pyca/bcrypt {bcrypt.__version__}, "
      f"argon2-cffi {argon2.__version__}, {sys.version.split()[0]})")
sys.exit(1 if failed else 0)
