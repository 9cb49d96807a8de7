<?php
// Checks password hashes the provider wrote into framework tables, the way each PHP application checks them at login
// (run by PhpCheck for FrameworkPresetsIT; needs only php-cli).
//
// stdin: one line per check, tab-separated: kind, base64(password), base64(pepper, may be empty), stored hash.
// stdout: one line per check, 1 (the application accepts the password) or 0.
//
// kinds:
//   php_bcrypt   Laravel's Hash::check: password_verify($password, $hash)
//   wordpress    WordPress 6.8's wp_check_password: $wp$ values are bcrypt over base64(HMAC-SHA384(password,
//                'wp-sha384')); $P$ (and phpBB's $H$) values go through class-phpass.php's CheckPassword
//                (crypt_private below); anything else through password_verify
//   drupal7      Drupal 7's user_check_password (includes/password.inc): _password_crypt('sha512', ...)
//   devise       Devise::Encryptor.compare: bcrypt over password . pepper (bcrypt-ruby and PHP run the same bcrypt)
//   aspnet_v3    ASP.NET Core Identity PasswordHasher.VerifyHashedPasswordV3's layout with PHP's hash_pbkdf2 (no .NET
//                runs here: an independent implementation, not the reference)

const ITOA64 = './0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

// phpass 0.5 (Solar Designer, public domain), as WordPress ships it in wp-includes/class-phpass.php: encode64 and
// crypt_private, the portable-hash branch of CheckPassword. Drupal 7's password.inc uses the same encoding.
function phpass_encode64(string $input, int $count): string {
    $output = '';
    $i = 0;
    do {
        $value = ord($input[$i++]);
        $output .= ITOA64[$value & 0x3f];
        if ($i < $count) { $value |= ord($input[$i]) << 8; }
        $output .= ITOA64[($value >> 6) & 0x3f];
        if ($i++ >= $count) { break; }
        if ($i < $count) { $value |= ord($input[$i]) << 16; }
        $output .= ITOA64[($value >> 12) & 0x3f];
        if ($i++ >= $count) { break; }
        $output .= ITOA64[($value >> 18) & 0x3f];
    } while ($i < $count);
    return $output;
}

function phpass_crypt_private(string $password, string $setting): string {
    $output = '*0';
    if (substr($setting, 0, 2) === $output) { $output = '*1'; }
    $id = substr($setting, 0, 3);
    if ($id !== '$P$' && $id !== '$H$') { return $output; }
    $count_log2 = strpos(ITOA64, $setting[3]);
    if ($count_log2 < 7 || $count_log2 > 30) { return $output; }
    $count = 1 << $count_log2;
    $salt = substr($setting, 4, 8);
    if (strlen($salt) !== 8) { return $output; }
    $hash = md5($salt . $password, true);
    do {
        $hash = md5($hash . $password, true);
    } while (--$count);
    return substr($setting, 0, 12) . phpass_encode64($hash, 16);
}

// Drupal 7.x includes/password.inc, _password_crypt() and the comparison of user_check_password().
function drupal_password_crypt(string $algo, string $password, string $setting) {
    if (strlen($password) > 512) { return false; }
    $setting = substr($setting, 0, 12);
    if ($setting[0] !== '$' || $setting[2] !== '$') { return false; }
    $count_log2 = strpos(ITOA64, $setting[3]);
    if ($count_log2 < 7 || $count_log2 > 30) { return false; }
    $salt = substr($setting, 4, 8);
    if (strlen($salt) !== 8) { return false; }
    $count = 1 << $count_log2;
    $hash = hash($algo, $salt . $password, true);
    do {
        $hash = hash($algo, $hash . $password, true);
    } while (--$count);
    $len = strlen($hash);
    $output = $setting . phpass_encode64($hash, $len);
    $expected = 12 + (int) ceil((8 * $len) / 6);
    return strlen($output) === $expected ? substr($output, 0, 55) : false;
}

function drupal_check(string $password, string $stored): bool {
    if (substr($stored, 0, 2) === 'U$') {
        $stored = substr($stored, 1);
        $password = md5($password);
    }
    if (substr($stored, 0, 3) !== '$S$') { return false; }
    $hash = drupal_password_crypt('sha512', $password, $stored);
    return $hash !== false && hash_equals($stored, $hash);
}

function wordpress_check(string $password, string $hash): bool {
    if (str_starts_with($hash, '$wp')) {
        return password_verify(base64_encode(hash_hmac('sha384', $password, 'wp-sha384', true)), substr($hash, 3));
    }
    if (str_starts_with($hash, '$P$') || str_starts_with($hash, '$H$')) {
        return hash_equals($hash, phpass_crypt_private($password, $hash));
    }
    return password_verify($password, $hash);
}

function aspnet_v3_check(string $password, string $hash): bool {
    $b = base64_decode($hash, true);
    if ($b === false || strlen($b) < 13 || ord($b[0]) !== 1) { return false; }
    $prf = unpack('N', substr($b, 1, 4))[1];
    $iterations = unpack('N', substr($b, 5, 4))[1];
    $saltLength = unpack('N', substr($b, 9, 4))[1];
    $algo = [0 => 'sha1', 1 => 'sha256', 2 => 'sha512'][$prf] ?? null;
    if ($algo === null || $saltLength < 16) { return false; }
    $salt = substr($b, 13, $saltLength);
    $subkey = substr($b, 13 + $saltLength);
    return strlen($subkey) >= 16
        && hash_equals($subkey, hash_pbkdf2($algo, $password, $salt, $iterations, strlen($subkey), true));
}

while (($line = fgets(STDIN)) !== false) {
    $line = rtrim($line, "\r\n");
    if ($line === '') { continue; }
    [$kind, $passwordB64, $pepperB64, $hash] = explode("\t", $line);
    $password = base64_decode($passwordB64, true);
    $pepper = base64_decode($pepperB64, true);
    $ok = match ($kind) {
        'php_bcrypt' => password_verify($password, $hash),
        'wordpress' => wordpress_check($password, $hash),
        'drupal7' => drupal_check($password, $hash),
        'devise' => password_verify($password . $pepper, $hash),
        'aspnet_v3' => aspnet_v3_check($password, $hash),
        default => throw new InvalidArgumentException("unknown kind $kind"),
    };
    echo $ok ? "1\n" : "0\n";
}
