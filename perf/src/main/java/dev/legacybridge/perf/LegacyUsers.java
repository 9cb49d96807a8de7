package dev.legacybridge.perf;

import dev.legacybridge.hash.EncodingTarget;
import dev.legacybridge.hash.PasswordEncoders;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * Rows for Django's {@code auth_user}: a few named users with known passwords for the login benchmarks, and
 * {@code generate_series} inserts of any size for the scale and bulk benchmarks. Every hash is made by the project's
 * own encoders ({@link PasswordEncoders}), whose output is cross-checked against Django and pyca/bcrypt.
 *
 * <p>Generated rows ({@code id = i}): username {@code user<i>}, first and last names from lists of common names
 * (so a prefix such as {@code mar} matches about one row in twelve), email {@code <first>.<last><i>@example.com},
 * {@code is_staff} every 50th row, {@code is_superuser} every 1000th, inactive every 97th, {@code last_login} empty
 * for every third, group {@code readers} for every third row and {@code editors} for every tenth.
 */
final class LegacyUsers {

    static final List<String> FIRST_NAMES = List.of("James", "Mary", "John", "Patricia", "Robert", "Jennifer",
            "Michael", "Linda", "William", "Elizabeth", "David", "Barbara", "Richard", "Susan", "Joseph", "Jessica",
            "Thomas", "Sarah", "Charles", "Karen", "Christopher", "Nancy", "Daniel", "Lisa", "Matthew", "Betty",
            "Anthony", "Margaret", "Mark", "Sandra", "Donald", "Ashley", "Steven", "Kimberly", "Paul", "Emily",
            "Andrew", "Donna", "Joshua", "Michelle", "Kenneth", "Dorothy", "Kevin", "Carol", "Brian", "Amanda",
            "George", "Melissa", "Edward", "Deborah", "Ronald", "Stephanie", "Timothy", "Rebecca", "Jason", "Sharon",
            "Jeffrey", "Laura", "Ryan", "Cynthia", "Jacob", "Kathleen", "Gary", "Amy", "Nicholas", "Shirley",
            "Eric", "Angela", "Jonathan", "Helen", "Stephen", "Anna", "Larry", "Brenda", "Justin", "Pamela",
            "Scott", "Nicole", "Brandon", "Emma", "Benjamin", "Samantha", "Samuel", "Katherine", "Gregory",
            "Christine", "Frank", "Debra", "Alexander", "Rachel", "Raymond", "Catherine", "Patrick", "Carolyn",
            "Jack", "Janet", "Dennis", "Ruth", "Jerry", "Maria", "Martin", "Marie", "Marco", "Marta", "Heather");

    static final List<String> LAST_NAMES = List.of("Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia",
            "Miller", "Davis", "Rodriguez", "Martinez", "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson",
            "Thomas", "Taylor", "Moore", "Jackson", "Martin", "Lee", "Perez", "Thompson", "White", "Harris",
            "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright",
            "Scott", "Torres", "Nguyen", "Hill", "Flores", "Green", "Adams", "Nelson", "Baker", "Hall", "Rivera",
            "Campbell", "Mitchell", "Carter", "Roberts", "Gomez", "Phillips", "Evans", "Turner", "Diaz", "Parker",
            "Cruz", "Edwards", "Collins", "Reyes", "Stewart", "Morris", "Morales", "Murphy", "Cook", "Rogers",
            "Gutierrez", "Ortiz", "Morgan", "Cooper", "Peterson", "Bailey", "Reed", "Kelly", "Howard", "Ramos",
            "Kim", "Cox", "Ward", "Richardson", "Watson", "Brooks", "Chavez", "Wood", "James", "Bennett", "Gray",
            "Mendoza", "Ruiz", "Hughes", "Price", "Alvarez", "Castillo", "Sanders", "Patel", "Myers", "Long",
            "Ross", "Foster", "Marshall");

    private LegacyUsers() {
    }

    /** A user with a known password. */
    record Account(String username, String password) {
    }

    /** {@code count} accounts {@code <prefix>0001...}, password {@code pw-<username>}. */
    static List<Account> accounts(String prefix, int count) {
        return IntStream.rangeClosed(1, count)
                .mapToObj(i -> {
                    String username = String.format(Locale.ROOT, "%s%04d", prefix, i);
                    return new Account(username, "pw-" + username);
                })
                .toList();
    }

    /**
     * INSERTs for {@code accounts}, each with a Django {@code pbkdf2_sha256} hash of {@code iterations}, a profile,
     * and membership in group {@code readers}. Hashing runs on all cores.
     */
    static List<String> djangoInserts(List<Account> accounts, int iterations) {
        EncodingTarget target = EncodingTarget.djangoPbkdf2Sha256(iterations);
        List<String> hashes = accounts.parallelStream().map(a -> PasswordEncoders.encode(target, a.password())).toList();
        List<String> sql = new ArrayList<>();
        sql.add("INSERT INTO auth_group (name) SELECT 'readers' WHERE NOT EXISTS (SELECT 1 FROM auth_group WHERE name = 'readers')");
        for (int i = 0; i < accounts.size(); i++) {
            Account a = accounts.get(i);
            String first = FIRST_NAMES.get(i % FIRST_NAMES.size());
            String last = LAST_NAMES.get(i % LAST_NAMES.size());
            sql.add("INSERT INTO auth_user (password, last_login, is_superuser, username, first_name, last_name, email,"
                    + " is_staff, is_active, date_joined) VALUES ('" + hashes.get(i) + "', NULL, FALSE, '" + a.username()
                    + "', '" + first + "', '" + last + "', '" + a.username() + "@example.com', FALSE, TRUE,"
                    + " '2020-01-01 00:00:00+00')");
            sql.add("INSERT INTO auth_user_groups (user_id, group_id) SELECT u.id, g.id FROM auth_user u, auth_group g"
                    + " WHERE u.username = '" + a.username() + "' AND g.name = 'readers'");
        }
        return sql;
    }

    /** {@code count} distinct hashes of {@code target} (random passwords; nobody logs in with these). */
    static List<String> distinctHashes(EncodingTarget target, int count) {
        return IntStream.range(0, count).parallel()
                .mapToObj(i -> PasswordEncoders.encode(target, "generated-" + i + "-" + System.nanoTime()))
                .toList();
    }

    /**
     * Fills an empty Django schema with {@code rows} generated users (ids 1..rows) in one {@code INSERT ... SELECT
     * FROM generate_series}, cycling through {@code hashes}; then groups and memberships.
     */
    static List<String> generateSeries(int rows, List<String> hashes) {
        String hashArray = "ARRAY[" + String.join(", ", hashes.stream().map(h -> "'" + h + "'").toList()) + "]";
        String firstArray = "ARRAY[" + String.join(", ", FIRST_NAMES.stream().map(n -> "'" + n + "'").toList()) + "]";
        String lastArray = "ARRAY[" + String.join(", ", LAST_NAMES.stream().map(n -> "'" + n + "'").toList()) + "]";
        return List.of(
                "INSERT INTO auth_group (name) VALUES ('editors'), ('readers')",
                "INSERT INTO auth_user (id, password, last_login, is_superuser, username, first_name, last_name, email,"
                        + " is_staff, is_active, date_joined)"
                        + " SELECT i, h[1 + i % cardinality(h)],"
                        + " CASE WHEN i % 3 = 0 THEN NULL ELSE timestamptz '2024-01-01 00:00:00+00' + (i % 100000) * interval '5 minutes' END,"
                        + " i % 1000 = 0, 'user' || i, f[1 + i % cardinality(f)], l[1 + (i / 7) % cardinality(l)],"
                        + " lower(f[1 + i % cardinality(f)]) || '.' || lower(l[1 + (i / 7) % cardinality(l)]) || i || '@example.com',"
                        + " i % 50 = 0, i % 97 <> 0, timestamptz '2012-01-01 00:00:00+00' + i * interval '2 minutes'"
                        + " FROM generate_series(1, " + rows + ") AS i, (SELECT " + hashArray + " AS h, " + firstArray
                        + " AS f, " + lastArray + " AS l) AS arrays",
                "SELECT setval(pg_get_serial_sequence('auth_user', 'id'), " + rows + ")",
                "INSERT INTO auth_user_groups (user_id, group_id) SELECT u.id, g.id FROM auth_user u JOIN auth_group g"
                        + " ON g.name = 'readers' WHERE u.id % 3 = 0",
                "INSERT INTO auth_user_groups (user_id, group_id) SELECT u.id, g.id FROM auth_user u JOIN auth_group g"
                        + " ON g.name = 'editors' WHERE u.id % 10 = 0",
                "ANALYZE");
    }
}
