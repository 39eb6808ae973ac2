CREATE TABLE categories (
  id int unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY,
  parent_id int unsigned DEFAULT NULL,
  slug varchar(100) NOT NULL,
  name varchar(100) NOT NULL,
  description text,
  position int NOT NULL DEFAULT 0,
  UNIQUE KEY uq_categories_slug (slug),
  CONSTRAINT fk_categories_parent FOREIGN KEY (parent_id) REFERENCES categories (id) ON DELETE SET NULL
)