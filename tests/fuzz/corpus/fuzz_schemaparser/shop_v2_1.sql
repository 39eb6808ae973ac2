CREATE TABLE countries (
  code char(2) NOT NULL PRIMARY KEY,
  name varchar(80) NOT NULL,
  currency char(3) NOT NULL DEFAULT 'EUR',
  KEY idx_countries_currency (currency),
  CONSTRAINT fk_countries_currency FOREIGN KEY (currency) REFERENCES currencies (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci