CREATE TABLE users (
  id bigint unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY,
  email varchar(255) NOT NULL,
  phone varchar(30) DEFAULT NULL,
  password_hash varbinary(60) NOT NULL,
  full_name varchar(150) DEFAULT NULL,
  country char(2) DEFAULT NULL,
  created_at timestamp NOT NULL DEFAULT current_timestamp(),
  updated_at timestamp NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp(),
  last_login_at datetime DEFAULT NULL,
  UNIQUE KEY uq_users_email (email),
  KEY idx_users_last_login (last_login_at),
  KEY idx_users_country (country),
  CONSTRAINT fk_users_country FOREIGN KEY (country) REFERENCES countries (code)
)