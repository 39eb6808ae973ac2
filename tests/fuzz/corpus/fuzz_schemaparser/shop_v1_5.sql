CREATE TABLE sessions (
  id binary(32) NOT NULL PRIMARY KEY,
  user_id bigint unsigned NOT NULL,
  ip varbinary(16) DEFAULT NULL,
  expires_at datetime NOT NULL,
  KEY idx_sessions_user (user_id),
  KEY idx_sessions_expiry (expires_at)
) ENGINE=InnoDB ROW_FORMAT=DYNAMIC