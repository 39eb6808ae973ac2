CREATE TABLE addresses (
  id bigint unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY,
  user_id bigint unsigned NOT NULL,
  line1 varchar(200) NOT NULL,
  line2 varchar(200) DEFAULT NULL,
  city varchar(100) NOT NULL,
  postcode varchar(20) NOT NULL,
  country char(2) NOT NULL,
  is_default tinyint(1) NOT NULL DEFAULT 0,
  KEY idx_addresses_user (user_id),
  CONSTRAINT fk_addresses_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
  CONSTRAINT fk_addresses_country FOREIGN KEY (country) REFERENCES countries (code)
)