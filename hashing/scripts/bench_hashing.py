#!/usr/bin/python3
"""Native half of bench-hashing.sh.

  bench_hashing.py native CASES.tsv OUT.json SECONDS [PHPASS]   time each case with the library the legacy app
                                                       uses; PHPASS is WordPress's class-phpass.php, for the PHP cases
  bench_hashing.py report CASES.tsv RESULT.json...     print the markdown comparison table; each RESULT is a JMH
                                                       result (a JSON list) or a native one (a JSON object), from
                                                       any number of runs, which are pooled

Both sides are timed per call: native with time.perf_counter around single calls (after one warm-up call), Java with
JMH's SampleTime mode. The report gives, for each side, the best (minimum) and the median sample. The machine is
shared with other people's builds, so the verdict uses the best samples, the usual estimate of the uncontended cost
of a CPU-bound call; the medians show how much the load moved things. Thread scaling uses the best measurement
iteration of each JMH benchmark, for the same reason.
"""
import base64
import hashlib
import json
import os
import platform
import statistics
import sys
import time
import warnings

warnings.simplefilter("ignore", DeprecationWarning)

GOALS = {  # case id prefix -> (goal ratio Java/native, label); new schemes take the goal of their primitive
    "bcrypt": (1.1, "<= 1.1"),
    "django-pbkdf2-sha256": (0.6, "<= 0.6"),
    "django-pbkdf2-sha1": (0.6, "<= 0.6"),
    "django-scrypt": (1.3, "<= 1.3"),
    "werkzeug-scrypt": (1.3, "<= 1.3"),
    "django-argon2": (1.5, "<= 1.5"),
    "argon2": (1.5, "<= 1.5"),
    "phpass": (0.6, "<= 0.6"),          # an iterated digest, like PBKDF2, against PHP's loop
    "drupal7": (0.6, "<= 0.6"),
    "aspnet-identity-v3": (0.6, "<= 0.6"),  # PBKDF2 (HMAC-SHA512) against OpenSSL, which .NET uses on Linux
    "firebase-scrypt": (1.3, "<= 1.3"),
}


def read_cases(path):
    cases = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            f = line.rstrip("\n").split("\t")
            cid, native, params, password, stored = f[:5]
            settings = dict(kv.split("=", 1) for kv in f[5].split(";")) if len(f) > 5 else {}
            cases.append({"id": cid, "native": native, "params": params, "password": password, "hash": stored,
                          "settings": settings})
    return cases


def ab64(s):
    s = s.replace(".", "+")
    return base64.b64decode(s + "=" * (-len(s) % 4))


def native_check(case):
    """Returns a zero-argument function doing one verification with the native library, as the legacy app does."""
    pw, h, kind = case["password"].encode(), case["hash"], case["native"]
    if kind == "bcrypt":
        import bcrypt
        hb = h.encode()
        return lambda: bcrypt.checkpw(pw, hb)
    if kind == "argon2":
        from argon2 import low_level
        phc = (h[len("argon2"):] if h.startswith("argon2$") else h).encode()
        t = low_level.Type[phc.split(b"$")[1].decode()[6:].upper()]
        return lambda: low_level.verify_secret(phc, pw, t)  # what PasswordHasher.verify calls
    if kind == "pbkdf2" and not h.startswith("AQAAAA"):
        if h.startswith("$pbkdf2-"):
            _, ident, rounds, salt, digest = h.split("$")
            name, salt, expected = ident.split("-")[1], ab64(salt), ab64(digest)
        else:
            alg, rounds, salt, digest = h.split("$")
            name, salt, expected = alg.split("_")[1], salt.encode(), base64.b64decode(digest)
        n = int(rounds)
        return lambda: hashlib.pbkdf2_hmac(name, pw, salt, n) == expected
    if kind == "scrypt":
        if h.startswith("scrypt:"):
            method, salt, hexkey = h.split("$")
            n, r, p = map(int, method.split(":")[1:])
            expected = bytes.fromhex(hexkey)
        else:
            _, n, salt, r, p, key = h.split("$")
            n, r, p, expected = int(n), int(r), int(p), base64.b64decode(key)
        sb = salt.encode()
        return lambda: hashlib.scrypt(pw, salt=sb, n=n, r=r, p=p, maxmem=132 * n * r * p, dklen=64) == expected
    if kind == "crypt":
        import crypt
        return lambda: crypt.crypt(case["password"], h) == h
    if kind == "firebase":
        # firebase/scrypt's algorithm: scrypt from OpenSSL (hashlib), AES-256-CTR from OpenSSL (cryptography)
        from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
        st = case["settings"]
        key, sep = base64.b64decode(st["base64_signer_key"]), base64.b64decode(st["base64_salt_separator"])
        salt, expected = base64.b64decode(st["base64_salt"]) + sep, base64.b64decode(h)
        n, r = 1 << int(st["mem_cost"]), int(st["rounds"])

        def firebase():
            derived = hashlib.scrypt(pw, salt=salt, n=n, r=r, p=1, maxmem=132 * n * r, dklen=64)
            enc = Cipher(algorithms.AES(derived[:32]), modes.CTR(b"\0" * 16)).encryptor()
            return enc.update(key) + enc.finalize() == expected
        return firebase
    if kind == "pbkdf2" and h.startswith("AQAAAA"):
        raw = base64.b64decode(h)  # ASP.NET Identity v3: marker, PRF, iterations, salt length, salt, subkey
        prf, n, slen = (int.from_bytes(raw[i:i + 4], "big") for i in (1, 5, 9))
        salt, expected = raw[13:13 + slen], raw[13 + slen:]
        name = ["sha1", "sha256", "sha512"][prf]
        return lambda: hashlib.pbkdf2_hmac(name, pw, salt, n, len(expected)) == expected
    raise SystemExit("unknown native reference " + kind)


def native(cases_path, out_path, seconds, php_args=None):
    results = {}
    if php_args:  # the PHP references time themselves (one PHP process, same method)
        import subprocess
        done = subprocess.run(["php", os.path.join(os.path.dirname(os.path.abspath(__file__)), "bench_hashing.php"),
                               cases_path, php_args, str(seconds)], capture_output=True, check=True, text=True)
        results.update(json.loads(done.stdout))
        for cid, samples in results.items():
            print(f"   {cid:32s} median {statistics.median(samples):8.1f} ms  ({len(samples)} calls, PHP)")
    for case in read_cases(cases_path):
        if case["native"].startswith("php-"):
            continue
        check = native_check(case)
        if not check():
            raise SystemExit(case["id"] + ": the native reference does not verify this case")
        samples, start = [], time.perf_counter()
        while len(samples) < 5 or (time.perf_counter() - start < seconds and len(samples) < 200):
            t = time.perf_counter()
            check()
            samples.append((time.perf_counter() - t) * 1000)
        results[case["id"]] = samples
        print(f"   {case['id']:32s} median {statistics.median(samples):8.1f} ms  ({len(samples)} calls)")
    with open(out_path, "w") as f:
        json.dump(results, f)


def report(cases_path, result_paths):
    cases = read_cases(cases_path)
    natives, java_best, java_medians, iterations = {}, {}, {}, {}
    for path in result_paths:
        data = json.load(open(path))
        if isinstance(data, dict):  # native samples
            for cid, samples in data.items():
                natives.setdefault(cid, []).extend(samples)
            continue
        for r in data:  # JMH results
            m = r["primaryMetric"]
            if r["benchmark"].endswith("VerifyBenchmark.verify"):
                cid = r["params"]["id"]
                java_best[cid] = min(java_best.get(cid, float("inf")), m["scorePercentiles"]["0.0"])
                java_medians.setdefault(cid, []).append(m["scorePercentiles"]["50.0"])
            else:
                name = r["benchmark"].rsplit(".", 1)[1]
                iterations.setdefault(name, []).extend(score for fork in m["rawData"] for score in fork)
    java = {cid: (java_best[cid], statistics.median(java_medians[cid])) for cid in java_best}
    threads = {name: (max(scores), statistics.mean(scores)) for name, scores in iterations.items()}
    import bcrypt, argon2
    php = os.popen("php -r 'echo PHP_VERSION;' 2>/dev/null").read().strip() or "not run"
    print("| case | parameters | Java best / median (ms) | native best / median (ms) | Java / native, best (median) | goal | met |")
    print("|---|---|---:|---:|---:|---|---|")
    for c in cases:
        if c["id"] not in java:
            continue
        (jb, jm), ns = java[c["id"]], natives[c["id"]]
        nb, nm = min(ns), statistics.median(ns)
        ratio = jb / nb
        goal = next((g for k, g in GOALS.items() if c["id"].startswith(k)), None)
        met = "" if goal is None else ("yes" if ratio <= goal[0] else "**no**")
        print(f"| {c['id']} | {c['params']} | {jb:.1f} / {jm:.1f} | {nb:.1f} / {nm:.1f} | **{ratio:.2f}** ({jm / nm:.2f}) "
              f"| {goal[1] if goal else '(none)'} | {met} |")
    if threads:
        (one, one_mean), (two, two_mean) = threads["oneThread"], threads["twoThreads"]
        scaling = two / one
        print()
        print("| bcrypt cost 10, one shared verifier | 1 thread, best (mean) ops/s | 2 threads, best (mean) ops/s "
              "| scaling, best (mean) | goal | met |")
        print("|---|---:|---:|---:|---|---|")
        print(f"| BcryptThreadsBenchmark | {one:.2f} ({one_mean:.2f}) | {two:.2f} ({two_mean:.2f}) | **{scaling:.2f}x** "
              f"({two_mean / one_mean:.2f}x) | >= 1.8x | {'yes' if scaling >= 1.8 else '**no**'} |")
    print()
    print(f"Native: Python {platform.python_version()}, pyca/bcrypt {bcrypt.__version__}, argon2-cffi {argon2.__version__}, "
          f"{__import__('ssl').OPENSSL_VERSION}, glibc crypt, libxcrypt yescrypt, PHP {php} (WordPress's class-phpass.php, "
          f"Drupal 7's _password_crypt), cryptography (AES-CTR). Java: {os.popen('java -version 2>&1 | head -1').read().strip()}. "
          f"{os.cpu_count()} CPUs ({platform.processor() or platform.machine()}).")


if __name__ == "__main__":
    if sys.argv[1] == "native":
        native(sys.argv[2], sys.argv[3], float(sys.argv[4]), sys.argv[5] if len(sys.argv) > 5 else None)
    elif sys.argv[1] == "report":
        report(sys.argv[2], sys.argv[3:])
    else:
        raise SystemExit(__doc__)
