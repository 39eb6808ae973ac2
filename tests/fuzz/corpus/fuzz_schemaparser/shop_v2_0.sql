CREATE TABLE currencies (
  code char(3) NOT NULL PRIMARY KEY,
  symbol varchar(5) NOT NULL,
  decimals tinyint unsigned NOT NULL DEFAULT 2
)