CREATE TABLE users (
  id bigint unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY,
  email varchar(190) NOT NULL,
  password_hash varbinary(60) NOT NULL,
  display_name varchar(100) DEFAULT NULL,
  country char(2) DEFAULT NULL,
  created_at timestamp NOT NULL DEFAULT current_timestamp(),
  updated_at timestamp NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp(),
  UNIQUE KEY uq_users_email (email),
  KEY idx_users_country (country),
  CONSTRAINT fk_users_country FOREIGN KEY (country) REFERENCES countries (code)
)