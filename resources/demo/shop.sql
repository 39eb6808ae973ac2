-- Demo schema for the local sandbox's "demo" database (branch main): a small shop with enough rows to
-- show streaming results. Loaded by ./branchdeck.sh run the first time the sandbox starts.
CREATE TABLE customers (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  email VARCHAR(255) NOT NULL,
  name VARCHAR(120) NOT NULL,
  country CHAR(2) NOT NULL DEFAULT 'US',
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (id),
  UNIQUE KEY uq_customers_email (email)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE products (
  id INT UNSIGNED NOT NULL AUTO_INCREMENT,
  sku VARCHAR(32) NOT NULL,
  title VARCHAR(200) NOT NULL,
  price DECIMAL(10,2) NOT NULL,
  attributes JSON DEFAULT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_products_sku (sku)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE orders (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  customer_id BIGINT UNSIGNED NOT NULL,
  product_id INT UNSIGNED NOT NULL,
  quantity SMALLINT UNSIGNED NOT NULL DEFAULT 1,
  total DECIMAL(12,2) NOT NULL,
  placed_at DATETIME NOT NULL,
  note TEXT DEFAULT NULL,
  PRIMARY KEY (id),
  KEY idx_orders_customer (customer_id),
  KEY idx_orders_placed (placed_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO customers (email, name, country, created_at)
SELECT CONCAT('customer', seq, '@example.com'), CONCAT('Customer ', seq),
       ELT(1 + seq % 6, 'US', 'DE', 'FR', 'BR', 'JP', 'IN'), NOW() - INTERVAL seq MINUTE
FROM seq_1_to_5000;

INSERT INTO products (sku, title, price, attributes)
SELECT CONCAT('SKU-', LPAD(seq, 5, '0')), CONCAT('Product ', seq), ROUND(1 + (seq * 7919 % 50000) / 100, 2),
       IF(seq % 3 = 0, JSON_OBJECT('color', ELT(1 + seq % 4, 'red', 'green', 'blue', 'black'), 'size', seq % 5), NULL)
FROM seq_1_to_500;

INSERT INTO orders (customer_id, product_id, quantity, total, placed_at, note)
SELECT 1 + seq % 5000, 1 + seq % 500, 1 + seq % 4, ROUND((seq * 104729 % 100000) / 100, 2),
       NOW() - INTERVAL seq * 3 MINUTE, IF(seq % 10 = 0, CONCAT('gift wrap #', seq), NULL)
FROM seq_1_to_200000;
