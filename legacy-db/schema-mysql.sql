-- Django auth tables (auth_group, auth_user, auth_user_groups) for MySQL and MariaDB, exactly as `manage.py migrate`
-- leaves them after auth migrations 0001..0012: `sqlmigrate auth 0001` of Django 3.2.25 with the column changes of
-- 0003, 0005, 0008, 0009, 0010 and 0012 folded in. Checked against SHOW CREATE TABLE of a database migrated by
-- Django 3.2.25 on MariaDB 10.11. Django 4.x/5.x write the same statements for these tables.
-- Uniqueness of username follows the database collation: with the usual case-insensitive utf8mb4_general_ci /
-- utf8mb4_0900_ai_ci, "CaseUser" and "caseuser" collide. Create the database with utf8mb4_bin to hold both (README.md).
CREATE TABLE `auth_group` (`id` integer AUTO_INCREMENT NOT NULL PRIMARY KEY, `name` varchar(150) NOT NULL UNIQUE);
CREATE TABLE `auth_user` (`id` integer AUTO_INCREMENT NOT NULL PRIMARY KEY, `password` varchar(128) NOT NULL, `last_login` datetime(6) NULL, `is_superuser` bool NOT NULL, `username` varchar(150) NOT NULL UNIQUE, `first_name` varchar(150) NOT NULL, `last_name` varchar(150) NOT NULL, `email` varchar(254) NOT NULL, `is_staff` bool NOT NULL, `is_active` bool NOT NULL, `date_joined` datetime(6) NOT NULL);
CREATE TABLE `auth_user_groups` (`id` integer AUTO_INCREMENT NOT NULL PRIMARY KEY, `user_id` integer NOT NULL, `group_id` integer NOT NULL);
ALTER TABLE `auth_user_groups` ADD CONSTRAINT `auth_user_groups_user_id_group_id_94350c0c_uniq` UNIQUE (`user_id`, `group_id`);
ALTER TABLE `auth_user_groups` ADD CONSTRAINT `auth_user_groups_user_id_6a12ed8b_fk_auth_user_id` FOREIGN KEY (`user_id`) REFERENCES `auth_user` (`id`);
ALTER TABLE `auth_user_groups` ADD CONSTRAINT `auth_user_groups_group_id_97559544_fk_auth_group_id` FOREIGN KEY (`group_id`) REFERENCES `auth_group` (`id`);
