<?php
// Second half of cross-check-php.sh: checks every hash of the TSV with PHP, WordPress's phpass class and htpasswd.
[$self, $tsv, $phpassFile, $work, $wpVersion] = $argv;
require $phpassFile;

$passed = 0;
$failed = 0;
function check(bool $ok, string $what): void {
    global $passed, $failed;
    if ($ok) { $passed++; } else { $failed++; echo "FAIL: $what\n"; }
}

function wrongPasswords(string $password): array {
    return array_values(array_filter([$password . "x", strtoupper($password) . "!", "x" . $password],
        fn($w) => $w !== $password));
}

/** WordPress 6.8's wp_check_password for $wp$ values. */
function wpCheck(string $password, string $hash): bool {
    return password_verify(base64_encode(hash_hmac('sha384', $password, 'wp-sha384', true)), substr($hash, 3));
}

/** ASP.NET Core Identity PasswordHasher.VerifyHashedPasswordV3's layout, with PHP's hash_pbkdf2. */
function aspnetV3Check(string $password, string $hash): bool {
    $b = base64_decode($hash, true);
    if ($b === false || ord($b[0]) !== 1) { return false; }
    $prf = unpack('N', substr($b, 1, 4))[1];
    $iter = unpack('N', substr($b, 5, 4))[1];
    $saltLen = unpack('N', substr($b, 9, 4))[1];
    $salt = substr($b, 13, $saltLen);
    $subkey = substr($b, 13 + $saltLen);
    $algo = [0 => 'sha1', 1 => 'sha256', 2 => 'sha512'][$prf];
    return hash_equals($subkey, hash_pbkdf2($algo, $password, $salt, $iter, strlen($subkey), true));
}

function htpasswdCheck(string $password, string $hash): bool {
    global $work;
    file_put_contents("$work/htpasswd", "user:$hash\n");
    $out = [];
    exec('htpasswd -vb ' . escapeshellarg("$work/htpasswd") . ' user ' . escapeshellarg($password) . ' 2>&1', $out, $code);
    return $code === 0;
}

$phpass = new PasswordHash(8, true);
foreach (file($tsv, FILE_IGNORE_NEW_LINES) as $line) {
    [$target, $b64, $hash] = explode("\t", $line);
    $password = base64_decode($b64);
    $label = $target . ' ' . json_encode($password, JSON_UNESCAPED_UNICODE);
    $scheme = explode(':', $target)[0];
    $cut = fn($p) => substr($p, 0, 72);
    switch ($scheme) {
        case 'php_bcrypt':
            check(str_starts_with($hash, '$2y$'), "$label is \$2y\$");
            check(password_verify($password, $hash), "password_verify accepts $label");
            check(crypt($password, $hash) === $hash, "crypt() reproduces $label");
            check(htpasswdCheck($password, $hash), "htpasswd -v accepts $label");
            foreach (wrongPasswords($password) as $wrong) {
                check(password_verify($wrong, $hash) === ($cut($wrong) === $cut($password)),
                    "password_verify on a wrong password for $label");
            }
            break;
        case 'phpass':
            check(str_starts_with($hash, '$P$'), "$label is \$P\$");
            check($phpass->CheckPassword($password, $hash), "WordPress PasswordHash::CheckPassword accepts $label");
            foreach (wrongPasswords($password) as $wrong) {
                check(!$phpass->CheckPassword($wrong, $hash), "CheckPassword rejects a wrong password for $label");
            }
            break;
        case 'wordpress_bcrypt':
            check(str_starts_with($hash, '$wp$2y$'), "$label is \$wp\$2y\$");
            check(wpCheck($password, $hash), "wp_check_password (6.8) accepts $label");
            foreach (wrongPasswords($password) as $wrong) {
                check(!wpCheck($wrong, $hash), "wp_check_password rejects a wrong password for $label");
            }
            break;
        case 'spring_bcrypt':
            check(str_starts_with($hash, '{bcrypt}$2a$'), "$label is {bcrypt}\$2a\$");
            check(password_verify($password, substr($hash, 8)), "password_verify accepts the bcrypt of $label");
            break;
        case 'aspnet_identity_v3':
            check(aspnetV3Check($password, $hash), "PasswordHasher v3 layout (hash_pbkdf2) accepts $label");
            foreach (wrongPasswords($password) as $wrong) {
                check(!aspnetV3Check($wrong, $hash), "v3 layout rejects a wrong password for $label");
            }
            break;
    }
}
$htpasswd = trim((string) shell_exec("dpkg-query -W -f='\${Version}' apache2-utils"));
printf("%d passed, %d failed  (PHP %s, WordPress %s class-phpass.php, apache2-utils %s)\n", $passed, $failed,
    PHP_VERSION, $wpVersion, $htpasswd);
exit($failed === 0 ? 0 : 1);
