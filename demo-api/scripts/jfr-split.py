#!/usr/bin/env python3
"""Where a request's CPU goes, per endpoint of a bench-wrk.sh --jfr run, and what one endpoint costs more than another.

    demo-api/scripts/jfr-split.py OUT_DIR ENDPOINT [ENDPOINT...] [--detail CATEGORY]

OUT_DIR is the run's output directory (runs.txt, <server>.jfr, <endpoint>-<round>.cpu); ENDPOINTs are names of
bench-wrk.sh (plain, plain-twin, fast, fast-twin, stock). Execution samples of the endpoint's server process are kept
when they fall into the endpoint's measured rounds (warm-up excluded). Each sample goes to the category of the
innermost frame that matches one (the table below, first match while walking from the sampled frame outwards), so a
filter's category holds its own work and not the filters and handler it calls. A category's share of the samples
times the endpoint's mean CPU microseconds per request (from /proc) estimates what it costs per request; the last
column is the first endpoint minus the second. --detail lists the methods inside one category instead. Needs the
JDK's jfr tool on the PATH.
"""
import collections
import datetime
import os
import re
import subprocess
import sys

CATEGORIES = [
    ('firewall header checks (StrictHttpFirewall)', ('StrictHttpFirewall',)),
    ('bearer token: canonical compact JWS check', ('config.CompactJws.',)),
    ('bearer token: resolver (rest)', ('BearerTokenResolver.',)),
    ('DPoP filter: request matcher (rest)', ('DPoPRequestMatcher',)),
    ('JWK set cache lookup', ('RateLimitedJwkSetCache', 'NimbusJwtDecoder$JwkSetUriJwtDecoderBuilder$SpringJWKSource')),
    ('claim validators', ('DelegatingOAuth2TokenValidator.validate',)),
    ('full decode: parse, key, RS256 signature (Nimbus)', ('NimbusJwtDecoder.decode',)),
    ('verified-token cache hit (hash, lookup, Jwt)', ('fastpath.VerifiedTokenCache.',)),
    ('authorities converter', ('JwtAuthenticationConverter.convert',)),
    ('authentication: rest (provider manager, events, tokens)', ('ProviderManager.authenticate',)),
    ('bearer filter: rest (security context)', ('BearerTokenAuthenticationFilter.doFilterInternal',)),
    ('authorization decision', ('AuthorizationFilter.doFilter',)),
    ('Spring Security filter chain: other filters', ('org.springframework.security.web.',)),
    ('Spring MVC, handler, JSON', ('DispatcherServlet.',)),
    ('http.server.requests observation', ('ServerHttpObservationFilter',)),
    ('Tomcat: request line and headers', ('Http11InputBuffer.',)),
    ('Tomcat: rest', ('org.apache.',)),
]
OTHER = 'other'
FRAME = re.compile(r'^\s+([\w$.<>]+)\(')
START = re.compile(r'startTime = (\d\d):(\d\d):(\d\d)\.(\d+)')


def samples(jfr_file, day):
    """(epoch ms, [frame, ...] innermost first) per execution sample; jfr prints times of day (UTC here)."""
    text = subprocess.run(['jfr', 'print', '--events', 'jdk.ExecutionSample', '--stack-depth', '512', jfr_file],
                          check=True, capture_output=True, text=True).stdout
    time, frames = None, []
    for line in text.splitlines():
        m = START.search(line)
        if m:
            h, mi, s, frac = m.groups()
            start = day.replace(hour=int(h), minute=int(mi), second=int(s), microsecond=0)
            time, frames = int(start.timestamp() * 1000) + int((frac + '000')[:3]), []
            continue
        m = FRAME.match(line)
        if m and time is not None:
            frames.append(m.group(1))
        elif line.startswith('}') and time is not None:
            yield time, frames
            time = None


def category(frames):
    """(category, the frames inside it: from the sampled frame up to the matching one)."""
    for i, frame in enumerate(frames):
        for name, patterns in CATEGORIES:
            if any(p in frame for p in patterns):
                return name, frames[:i + 1]
    return OTHER, frames


def windows(out, endpoint):
    result = []
    with open(os.path.join(out, 'runs.txt')) as f:
        for line in f:
            label, server, start, end = line.split()
            if re.fullmatch(re.escape(endpoint) + r'-\d+', label):
                result.append((server, int(start), int(end)))
    if not result:
        sys.exit(f'no measured rounds of {endpoint} in {out}/runs.txt')
    return result


def mean_cpu(out, endpoint):
    values = []
    for name in os.listdir(out):
        if re.fullmatch(re.escape(endpoint) + r'-\d+\.cpu', name):
            with open(os.path.join(out, name)) as f:
                values.append(float(f.read()))
    return sum(values) / len(values)


def main():
    args = sys.argv[1:]
    detail = None
    if '--detail' in args:
        i = args.index('--detail')
        detail = args[i + 1]
        del args[i:i + 2]
    if len(args) < 2:
        sys.exit(__doc__)
    out, endpoints = args[0], args[1:]
    cache, costs, inside = {}, {}, {}
    for endpoint in endpoints:
        wins = windows(out, endpoint)
        server = wins[0][0]
        if server not in cache:
            day = datetime.datetime.fromtimestamp(wins[0][1] / 1000, tz=datetime.timezone.utc)
            cache[server] = list(samples(os.path.join(out, server + '.jfr'), day))
        counts, methods, total = collections.Counter(), collections.Counter(), 0
        for time, frames in cache[server]:
            if any(start <= time <= end for _, start, end in wins):
                total += 1
                name, within = category(frames)
                counts[name] += 1
                if name == detail:
                    methods.update(set(within))
        cpu = mean_cpu(out, endpoint)
        costs[endpoint] = {name: n / total * cpu for name, n in counts.items()}
        inside[endpoint] = {m: n / total * cpu for m, n in methods.items()}
        print(f'{endpoint}: {total} samples in the measured rounds, {cpu:.1f} CPU us per request', file=sys.stderr)
    if detail:
        methods = sorted(set().union(*inside.values()), key=lambda m: -max(v.get(m, 0) for v in inside.values()))
        print(f'| inside "{detail}" (inclusive) | ' + ' | '.join(f'{e} µs' for e in endpoints) + ' |')
        print('|---|' + '---|' * len(endpoints))
        for m in methods[:30]:
            print(f'| `{m}` | ' + ' | '.join(f'{inside[e].get(m, 0):.1f}' for e in endpoints) + ' |')
        return
    names = [name for name, _ in CATEGORIES] + [OTHER]
    header = ' | '.join(f'{e} µs' for e in endpoints)
    diff = len(endpoints) >= 2
    print(f'| category | {header} |' + (f' {endpoints[0]} − {endpoints[1]} |' if diff else ''))
    print('|---|' + '---|' * len(endpoints) + ('---|' if diff else ''))
    for name in names:
        values = [costs[e].get(name, 0.0) for e in endpoints]
        if all(v < 0.05 for v in values):
            continue
        row = f'| {name} | ' + ' | '.join(f'{v:.1f}' for v in values) + ' |'
        if diff:
            row += f' {values[0] - values[1]:+.1f} |'
        print(row)
    totals = [sum(costs[e].values()) for e in endpoints]
    print('| **total** | ' + ' | '.join(f'**{v:.1f}**' for v in totals) + ' |'
          + (f' **{totals[0] - totals[1]:+.1f}** |' if diff else ''))


if __name__ == '__main__':
    main()
