package dev.legacybridge.it;

/**
 * The frameworks' own user tables, with the column types each framework creates, for {@link FrameworkPresetsIT}.
 * Only the DDL: the rows are the test's.
 */
final class FrameworkTables {

    private FrameworkTables() {
    }

    /**
     * WordPress 6.x, {@code wp-admin/includes/schema.php} ({@code wp_get_db_schema('global')}) as it runs on MariaDB,
     * with the default {@code wp_} prefix. Roles are the true keys of the PHP-serialized {@code wp_capabilities} meta
     * value.
     */
    static final String[] WORDPRESS_MARIADB = {
        "CREATE TABLE wp_users ("
            + " ID bigint(20) unsigned NOT NULL auto_increment,"
            + " user_login varchar(60) NOT NULL default '',"
            + " user_pass varchar(255) NOT NULL default '',"
            + " user_nicename varchar(50) NOT NULL default '',"
            + " user_email varchar(100) NOT NULL default '',"
            + " user_url varchar(100) NOT NULL default '',"
            + " user_registered datetime NOT NULL default '0000-00-00 00:00:00',"
            + " user_activation_key varchar(255) NOT NULL default '',"
            + " user_status int(11) NOT NULL default '0',"
            + " display_name varchar(250) NOT NULL default '',"
            + " PRIMARY KEY  (ID),"
            + " KEY user_login_key (user_login),"
            + " KEY user_nicename (user_nicename),"
            + " KEY user_email (user_email)"
            + ") DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci",
        "CREATE TABLE wp_usermeta ("
            + " umeta_id bigint(20) unsigned NOT NULL auto_increment,"
            + " user_id bigint(20) unsigned NOT NULL default '0',"
            + " meta_key varchar(255) default NULL,"
            + " meta_value longtext,"
            + " PRIMARY KEY  (umeta_id),"
            + " KEY user_id (user_id),"
            + " KEY meta_key (meta_key(191))"
            + ") DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci",
    };

    /**
     * Drupal 7.x, {@code modules/user/user.install} ({@code user_schema()}) and {@code system.install} as Drupal's
     * MySQL driver creates them: {@code users.created} is Unix seconds in an int, {@code status} a tinyint; the
     * installer adds the anonymous user (uid 0, empty name) and roles 1-3.
     */
    static final String[] DRUPAL7_MARIADB = {
        "CREATE TABLE users ("
            + " uid int(10) unsigned NOT NULL DEFAULT '0',"
            + " name varchar(60) NOT NULL DEFAULT '',"
            + " pass varchar(128) NOT NULL DEFAULT '',"
            + " mail varchar(254) DEFAULT '',"
            + " theme varchar(255) NOT NULL DEFAULT '',"
            + " signature varchar(255) NOT NULL DEFAULT '',"
            + " signature_format varchar(255) DEFAULT NULL,"
            + " created int(11) NOT NULL DEFAULT '0',"
            + " access int(11) NOT NULL DEFAULT '0',"
            + " login int(11) NOT NULL DEFAULT '0',"
            + " status tinyint(4) NOT NULL DEFAULT '0',"
            + " timezone varchar(32) DEFAULT NULL,"
            + " language varchar(12) NOT NULL DEFAULT '',"
            + " picture int(11) NOT NULL DEFAULT '0',"
            + " init varchar(254) DEFAULT '',"
            + " data longblob,"
            + " PRIMARY KEY (uid),"
            + " UNIQUE KEY name (name),"
            + " KEY access (access),"
            + " KEY created (created),"
            + " KEY mail (mail),"
            + " KEY picture (picture)"
            + ") ENGINE=InnoDB DEFAULT CHARSET=utf8",
        "CREATE TABLE role ("
            + " rid int(10) unsigned NOT NULL AUTO_INCREMENT,"
            + " name varchar(64) NOT NULL DEFAULT '',"
            + " weight int(11) NOT NULL DEFAULT '0',"
            + " PRIMARY KEY (rid),"
            + " UNIQUE KEY name (name),"
            + " KEY name_weight (name, weight)"
            + ") ENGINE=InnoDB DEFAULT CHARSET=utf8",
        "CREATE TABLE users_roles ("
            + " uid int(10) unsigned NOT NULL DEFAULT '0',"
            + " rid int(10) unsigned NOT NULL DEFAULT '0',"
            + " PRIMARY KEY (uid, rid),"
            + " KEY rid (rid)"
            + ") ENGINE=InnoDB DEFAULT CHARSET=utf8",
        "INSERT INTO users (uid, name, pass, mail, created, status, data) VALUES (0, '', '', '', 0, 0, NULL)",
        "INSERT INTO role (rid, name, weight) VALUES (1, 'anonymous user', 0), (2, 'authenticated user', 1), "
            + "(3, 'administrator', 2)",
    };

    /**
     * ASP.NET Core Identity's EF Core initial migration as Npgsql (PostgreSQL) creates it: quoted mixed-case names,
     * {@code LockoutEnd timestamp with time zone} (a {@code DateTimeOffset?}).
     */
    static final String[] ASPNET_IDENTITY_POSTGRES = {
        "CREATE TABLE \"AspNetRoles\" ("
            + " \"Id\" text NOT NULL,"
            + " \"Name\" character varying(256),"
            + " \"NormalizedName\" character varying(256),"
            + " \"ConcurrencyStamp\" text,"
            + " CONSTRAINT \"PK_AspNetRoles\" PRIMARY KEY (\"Id\"))",
        "CREATE TABLE \"AspNetUsers\" ("
            + " \"Id\" text NOT NULL,"
            + " \"UserName\" character varying(256),"
            + " \"NormalizedUserName\" character varying(256),"
            + " \"Email\" character varying(256),"
            + " \"NormalizedEmail\" character varying(256),"
            + " \"EmailConfirmed\" boolean NOT NULL,"
            + " \"PasswordHash\" text,"
            + " \"SecurityStamp\" text,"
            + " \"ConcurrencyStamp\" text,"
            + " \"PhoneNumber\" text,"
            + " \"PhoneNumberConfirmed\" boolean NOT NULL,"
            + " \"TwoFactorEnabled\" boolean NOT NULL,"
            + " \"LockoutEnd\" timestamp with time zone,"
            + " \"LockoutEnabled\" boolean NOT NULL,"
            + " \"AccessFailedCount\" integer NOT NULL,"
            + " CONSTRAINT \"PK_AspNetUsers\" PRIMARY KEY (\"Id\"))",
        "CREATE TABLE \"AspNetUserRoles\" ("
            + " \"UserId\" text NOT NULL,"
            + " \"RoleId\" text NOT NULL,"
            + " CONSTRAINT \"PK_AspNetUserRoles\" PRIMARY KEY (\"UserId\", \"RoleId\"),"
            + " CONSTRAINT \"FK_AspNetUserRoles_AspNetRoles_RoleId\" FOREIGN KEY (\"RoleId\")"
            + " REFERENCES \"AspNetRoles\" (\"Id\") ON DELETE CASCADE,"
            + " CONSTRAINT \"FK_AspNetUserRoles_AspNetUsers_UserId\" FOREIGN KEY (\"UserId\")"
            + " REFERENCES \"AspNetUsers\" (\"Id\") ON DELETE CASCADE)",
        "CREATE INDEX \"IX_AspNetUserRoles_RoleId\" ON \"AspNetUserRoles\" (\"RoleId\")",
        "CREATE INDEX \"EmailIndex\" ON \"AspNetUsers\" (\"NormalizedEmail\")",
        "CREATE UNIQUE INDEX \"UserNameIndex\" ON \"AspNetUsers\" (\"NormalizedUserName\")",
        "CREATE UNIQUE INDEX \"RoleNameIndex\" ON \"AspNetRoles\" (\"NormalizedName\")",
    };

    /**
     * Spring Security's {@code JdbcUserDetailsManager} default schema ({@code users.ddl} of spring-security-core), with
     * HSQLDB's {@code varchar_ignorecase} written as {@code varchar}, as Spring's reference documentation says for
     * other databases.
     */
    static final String[] SPRING_JDBC_POSTGRES = {
        "CREATE TABLE users (username varchar(50) NOT NULL PRIMARY KEY, password varchar(500) NOT NULL, "
            + "enabled boolean NOT NULL)",
        "CREATE TABLE authorities (username varchar(50) NOT NULL, authority varchar(50) NOT NULL, "
            + "CONSTRAINT fk_authorities_users FOREIGN KEY (username) REFERENCES users (username))",
        "CREATE UNIQUE INDEX ix_auth_username ON authorities (username, authority)",
    };

    /**
     * Laravel 11's {@code 0001_01_01_000000_create_users_table} migration on SQLite (Laravel 11's default database),
     * as its schema grammar writes it.
     */
    static final String[] LARAVEL_SQLITE = {
        "CREATE TABLE \"users\" (\"id\" integer primary key autoincrement not null, \"name\" varchar not null, "
            + "\"email\" varchar not null, \"email_verified_at\" datetime, \"password\" varchar not null, "
            + "\"remember_token\" varchar, \"created_at\" datetime, \"updated_at\" datetime)",
        "CREATE UNIQUE INDEX \"users_email_unique\" on \"users\" (\"email\")",
    };

    /**
     * Devise's {@code devise_create_users} migration (its generator's template) on SQLite as Rails 7 writes it,
     * {@code database_authenticatable} and {@code recoverable}/{@code rememberable} columns.
     */
    static final String[] DEVISE_SQLITE = {
        "CREATE TABLE \"users\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "
            + "\"email\" varchar DEFAULT '' NOT NULL, \"encrypted_password\" varchar DEFAULT '' NOT NULL, "
            + "\"reset_password_token\" varchar, \"reset_password_sent_at\" datetime(6), "
            + "\"remember_created_at\" datetime(6), \"created_at\" datetime(6) NOT NULL, "
            + "\"updated_at\" datetime(6) NOT NULL)",
        "CREATE UNIQUE INDEX \"index_users_on_email\" ON \"users\" (\"email\")",
        "CREATE UNIQUE INDEX \"index_users_on_reset_password_token\" ON \"users\" (\"reset_password_token\")",
    };
}
