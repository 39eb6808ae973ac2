CREATE TABLE countries (
  code char(2) NOT NULL PRIMARY KEY,
  name varchar(80) NOT NULL,
  currency char(3) NOT NULL DEFAULT 'EUR'
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci