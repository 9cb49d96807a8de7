<?php
// PHP half of bench-hashing.sh: times the PHP applications' own checks per call, as bench_hashing.py times the others.
//   php bench_hashing.php CASES.tsv CLASS-PHPASS.PHP SECONDS   prints {"case id": [ms, ...], ...}
// php-phpass: WordPress's PasswordHash(8, true)->CheckPassword (class-phpass.php from Debian's wordpress package).
// php-drupal7: Drupal 7.x includes/password.inc's _password_crypt('sha512', ...) and its final comparison (Drupal 7 is
// not packaged for Debian 12; these lines are password.inc's algorithm, PHP's hash() does the SHA-512 in C).
[$self, $tsv, $phpassFile, $seconds] = $argv;
require $phpassFile;

const DRUPAL_ITOA64 = './0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

function drupal_base64_encode($input, $count) {
    $output = '';
    $i = 0;
    do {
        $value = ord($input[$i++]);
        $output .= DRUPAL_ITOA64[$value & 0x3f];
        if ($i < $count) { $value |= ord($input[$i]) << 8; }
        $output .= DRUPAL_ITOA64[($value >> 6) & 0x3f];
        if ($i++ >= $count) { break; }
        if ($i < $count) { $value |= ord($input[$i]) << 16; }
        $output .= DRUPAL_ITOA64[($value >> 12) & 0x3f];
        if ($i++ >= $count) { break; }
        $output .= DRUPAL_ITOA64[($value >> 18) & 0x3f];
    } while ($i < $count);
    return $output;
}

function drupal_password_crypt($algo, $password, $setting) {
    if (strlen($password) > 512) { return FALSE; }
    $setting = substr($setting, 0, 12);
    if ($setting[0] != '$' || $setting[2] != '$') { return FALSE; }
    $count_log2 = strpos(DRUPAL_ITOA64, $setting[3]);
    if ($count_log2 < 7 || $count_log2 > 30) { return FALSE; }
    $salt = substr($setting, 4, 8);
    if (strlen($salt) != 8) { return FALSE; }
    $count = 1 << $count_log2;
    $hash = hash($algo, $salt . $password, TRUE);
    do {
        $hash = hash($algo, $hash . $password, TRUE);
    } while (--$count);
    $len = strlen($hash);
    $output = $setting . drupal_base64_encode($hash, $len);
    $expected = 12 + ceil((8 * $len) / 6);
    return (strlen($output) == $expected) ? substr($output, 0, 55) : FALSE;
}

$hasher = new PasswordHash(8, true);
$results = [];
foreach (file($tsv, FILE_IGNORE_NEW_LINES) as $line) {
    if ($line === '' || $line[0] === '#') { continue; }
    [$id, $native, , $password, $hash] = explode("\t", $line);
    if ($native === 'php-phpass') {
        $check = fn() => $hasher->CheckPassword($password, $hash);
    } elseif ($native === 'php-drupal7') {
        $check = fn() => drupal_password_crypt('sha512', $password, $hash) === $hash;
    } else {
        continue;
    }
    if (!$check()) { fwrite(STDERR, "$id: PHP does not verify this case\n"); exit(1); }
    $samples = [];
    $start = hrtime(true);
    while (count($samples) < 5 || ((hrtime(true) - $start) / 1e9 < $seconds && count($samples) < 200)) {
        $t = hrtime(true);
        $check();
        $samples[] = (hrtime(true) - $t) / 1e6;
    }
    $results[$id] = $samples;
}
echo json_encode($results);
