CREATE TABLE user_profiles (
  user_id bigint unsigned NOT NULL PRIMARY KEY,
  bio text,
  avatar_url varchar(500) DEFAULT NULL,
  birthday date DEFAULT NULL,
  CONSTRAINT fk_profiles_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
)