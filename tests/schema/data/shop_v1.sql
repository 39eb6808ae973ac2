-- A realistic online-shop schema (version 1) for the schema diff round trip.
CREATE TABLE countries (
  code char(2) NOT NULL PRIMARY KEY,
  name varchar(80) NOT NULL,
  currency char(3) NOT NULL DEFAULT 'EUR'
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE currencies (
  code char(3) NOT NULL PRIMARY KEY,
  symbol varchar(5) NOT NULL,
  decimals tinyint unsigned NOT NULL DEFAULT 2
);
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
);
CREATE TABLE user_profiles (
  user_id bigint unsigned NOT NULL PRIMARY KEY,
  bio text,
  avatar_url varchar(500) DEFAULT NULL,
  birthday date DEFAULT NULL,
  CONSTRAINT fk_profiles_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);
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
);
CREATE TABLE sessions (
  id binary(32) NOT NULL PRIMARY KEY,
  user_id bigint unsigned NOT NULL,
  ip varbinary(16) DEFAULT NULL,
  expires_at datetime NOT NULL,
  KEY idx_sessions_user (user_id),
  KEY idx_sessions_expiry (expires_at)
) ENGINE=InnoDB ROW_FORMAT=DYNAMIC;
CREATE TABLE categories (
  id int unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY,
  parent_id int unsigned DEFAULT NULL,
  slug varchar(100) NOT NULL,
  name varchar(100) NOT NULL,
  position smallint NOT NULL DEFAULT 0,
  UNIQUE KEY uq_categories_slug (slug),
  CONSTRAINT fk_categories_parent FOREIGN KEY (parent_id) REFERENCES categories (id) ON DELETE SET NULL
);
CREATE TABLE brands (
  id int unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name varchar(100) NOT NULL,
  website varchar(255) DEFAULT NULL,
  UNIQUE KEY uq_brands_name (name)
);
CREATE TABLE products (
  id bigint unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY,
  sku varchar(40) NOT NULL,
  brand_id int unsigned DEFAULT NULL,
  category_id int unsigned NOT NULL,
  title varchar(200) NOT NULL,
  description mediumtext,
  price decimal(10,2) NOT NULL,
  currency char(3) NOT NULL DEFAULT 'EUR',
  weight_grams int unsigned DEFAULT NULL,
  status enum('draft','active','archived') NOT NULL DEFAULT 'draft',
  attributes json DEFAULT NULL,
  created_at datetime NOT NULL DEFAULT current_timestamp(),
  UNIQUE KEY uq_products_sku (sku),
  KEY idx_products_category (category_id, status),
  FULLTEXT KEY ft_products_text (title, description),
  CONSTRAINT fk_products_brand FOREIGN KEY (brand_id) REFERENCES brands (id),
  CONSTRAINT fk_products_category FOREIGN KEY (category_id) REFERENCES categories (id),
  CONSTRAINT chk_products_price CHECK (price >= 0)
) COMMENT='catalogue items';
CREATE TABLE product_images (
  id bigint unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY,
  product_id bigint unsigned NOT NULL,
  url varchar(500) NOT NULL,
  position tinyint unsigned NOT NULL DEFAULT 0,
  KEY idx_images_product (product_id, position),
  CONSTRAINT fk_images_product FOREIGN KEY (product_id) REFERENCES products (id) ON DELETE CASCADE
);
CREATE TABLE product_variants (
  id bigint unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY,
  product_id bigint unsigned NOT NULL,
  sku varchar(40) NOT NULL,
  size varchar(10) DEFAULT NULL,
  color varchar(20) DEFAULT NULL,
  price_delta decimal(8,2) NOT NULL DEFAULT 0.00,
  UNIQUE KEY uq_variants_sku (sku),
  CONSTRAINT fk_variants_product FOREIGN KEY (product_id) REFERENCES products (id) ON DELETE CASCADE
);
CREATE TABLE tags (
  id int unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name varchar(50) NOT NULL,
  UNIQUE KEY uq_tags_name (name)
);
CREATE TABLE product_tags (
  product_id bigint unsigned NOT NULL,
  tag_id int unsigned NOT NULL,
  PRIMARY KEY (product_id, tag_id),
  KEY idx_product_tags_tag (tag_id),
  CONSTRAINT fk_pt_product FOREIGN KEY (product_id) REFERENCES products (id) ON DELETE CASCADE,
  CONSTRAINT fk_pt_tag FOREIGN KEY (tag_id) REFERENCES tags (id) ON DELETE CASCADE
);
CREATE TABLE warehouses (
  id smallint unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name varchar(100) NOT NULL,
  country char(2) NOT NULL,
  CONSTRAINT fk_warehouses_country FOREIGN KEY (country) REFERENCES countries (code)
);
CREATE TABLE inventory (
  variant_id bigint unsigned NOT NULL,
  warehouse_id smallint unsigned NOT NULL,
  quantity int NOT NULL DEFAULT 0,
  reserved int NOT NULL DEFAULT 0,
  available int GENERATED ALWAYS AS (quantity - reserved) VIRTUAL,
  PRIMARY KEY (variant_id, warehouse_id),
  KEY idx_inventory_warehouse (warehouse_id),
  CONSTRAINT fk_inventory_variant FOREIGN KEY (variant_id) REFERENCES product_variants (id),
  CONSTRAINT fk_inventory_warehouse FOREIGN KEY (warehouse_id) REFERENCES warehouses (id),
  CONSTRAINT chk_inventory_reserved CHECK (reserved >= 0)
);
CREATE TABLE carts (
  id bigint unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY,
  user_id bigint unsigned DEFAULT NULL,
  token char(36) NOT NULL,
  created_at datetime NOT NULL DEFAULT current_timestamp(),
  UNIQUE KEY uq_carts_token (token),
  CONSTRAINT fk_carts_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE SET NULL
);
CREATE TABLE cart_items (
  cart_id bigint unsigned NOT NULL,
  variant_id bigint unsigned NOT NULL,
  quantity smallint unsigned NOT NULL DEFAULT 1,
  PRIMARY KEY (cart_id, variant_id),
  CONSTRAINT fk_cart_items_cart FOREIGN KEY (cart_id) REFERENCES carts (id) ON DELETE CASCADE,
  CONSTRAINT fk_cart_items_variant FOREIGN KEY (variant_id) REFERENCES product_variants (id)
);
CREATE TABLE coupons (
  id int unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY,
  code varchar(30) NOT NULL,
  percent_off tinyint unsigned DEFAULT NULL,
  amount_off decimal(8,2) DEFAULT NULL,
  valid_from date NOT NULL,
  valid_until date DEFAULT NULL,
  UNIQUE KEY uq_coupons_code (code),
  CONSTRAINT chk_coupons_kind CHECK (percent_off IS NULL OR amount_off IS NULL)
);
CREATE TABLE orders (
  id bigint unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY,
  user_id bigint unsigned NOT NULL,
  address_id bigint unsigned NOT NULL,
  coupon_id int unsigned DEFAULT NULL,
  status enum('new','paid','shipped','delivered','cancelled') NOT NULL DEFAULT 'new',
  total decimal(12,2) NOT NULL,
  currency char(3) NOT NULL,
  placed_at datetime NOT NULL DEFAULT current_timestamp(),
  note varchar(500) DEFAULT NULL,
  KEY idx_orders_user (user_id, placed_at),
  KEY idx_orders_status (status),
  CONSTRAINT fk_orders_user FOREIGN KEY (user_id) REFERENCES users (id),
  CONSTRAINT fk_orders_address FOREIGN KEY (address_id) REFERENCES addresses (id),
  CONSTRAINT fk_orders_coupon FOREIGN KEY (coupon_id) REFERENCES coupons (id)
);
CREATE TABLE order_items (
  id bigint unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY,
  order_id bigint unsigned NOT NULL,
  variant_id bigint unsigned NOT NULL,
  quantity smallint unsigned NOT NULL,
  unit_price decimal(10,2) NOT NULL,
  line_total decimal(12,2) GENERATED ALWAYS AS (quantity * unit_price) STORED,
  KEY idx_order_items_order (order_id),
  CONSTRAINT fk_order_items_order FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE,
  CONSTRAINT fk_order_items_variant FOREIGN KEY (variant_id) REFERENCES product_variants (id)
);
CREATE TABLE payments (
  id bigint unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY,
  order_id bigint unsigned NOT NULL,
  provider varchar(30) NOT NULL,
  provider_ref varchar(100) NOT NULL,
  amount decimal(12,2) NOT NULL,
  state enum('pending','captured','failed','refunded') NOT NULL DEFAULT 'pending',
  created_at timestamp(3) NOT NULL DEFAULT current_timestamp(3),
  UNIQUE KEY uq_payments_ref (provider, provider_ref),
  CONSTRAINT fk_payments_order FOREIGN KEY (order_id) REFERENCES orders (id)
);
CREATE TABLE refunds (
  id bigint unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY,
  payment_id bigint unsigned NOT NULL,
  amount decimal(12,2) NOT NULL,
  reason varchar(200) DEFAULT NULL,
  CONSTRAINT fk_refunds_payment FOREIGN KEY (payment_id) REFERENCES payments (id)
);
CREATE TABLE shipments (
  id bigint unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY,
  order_id bigint unsigned NOT NULL,
  warehouse_id smallint unsigned NOT NULL,
  carrier varchar(30) NOT NULL,
  tracking varchar(60) DEFAULT NULL,
  shipped_at datetime DEFAULT NULL,
  KEY idx_shipments_tracking (tracking(20)),
  CONSTRAINT fk_shipments_order FOREIGN KEY (order_id) REFERENCES orders (id),
  CONSTRAINT fk_shipments_warehouse FOREIGN KEY (warehouse_id) REFERENCES warehouses (id)
);
CREATE TABLE reviews (
  id bigint unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY,
  product_id bigint unsigned NOT NULL,
  user_id bigint unsigned NOT NULL,
  rating tinyint unsigned NOT NULL,
  body text,
  created_at datetime NOT NULL DEFAULT current_timestamp(),
  UNIQUE KEY uq_reviews_once (product_id, user_id),
  CONSTRAINT fk_reviews_product FOREIGN KEY (product_id) REFERENCES products (id) ON DELETE CASCADE,
  CONSTRAINT fk_reviews_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
  CONSTRAINT chk_reviews_rating CHECK (rating BETWEEN 1 AND 5)
);
CREATE TABLE wishlists (
  user_id bigint unsigned NOT NULL,
  product_id bigint unsigned NOT NULL,
  added_at datetime NOT NULL DEFAULT current_timestamp(),
  PRIMARY KEY (user_id, product_id),
  CONSTRAINT fk_wishlists_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
  CONSTRAINT fk_wishlists_product FOREIGN KEY (product_id) REFERENCES products (id) ON DELETE CASCADE
);
CREATE TABLE price_history (
  product_id bigint unsigned NOT NULL,
  changed_at datetime NOT NULL,
  price decimal(10,2) NOT NULL,
  PRIMARY KEY (product_id, changed_at)
) PARTITION BY RANGE COLUMNS (changed_at) (
  PARTITION p2024 VALUES LESS THAN ('2025-01-01'),
  PARTITION p2025 VALUES LESS THAN ('2026-01-01'),
  PARTITION pmax VALUES LESS THAN (MAXVALUE));
CREATE TABLE audit_log (
  id bigint unsigned NOT NULL AUTO_INCREMENT,
  actor_id bigint unsigned DEFAULT NULL,
  action varchar(50) NOT NULL,
  entity varchar(50) NOT NULL,
  entity_id bigint unsigned DEFAULT NULL,
  payload json DEFAULT NULL,
  at timestamp(6) NOT NULL DEFAULT current_timestamp(6),
  PRIMARY KEY (id),
  KEY idx_audit_entity (entity, entity_id)
) ENGINE=InnoDB COMMENT='append only';
CREATE TABLE newsletter_subscriptions (
  email varchar(190) NOT NULL PRIMARY KEY,
  confirmed tinyint(1) NOT NULL DEFAULT 0,
  token char(32) NOT NULL,
  subscribed_at datetime NOT NULL DEFAULT current_timestamp()
);
CREATE TABLE support_tickets (
  id bigint unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY,
  user_id bigint unsigned NOT NULL,
  order_id bigint unsigned DEFAULT NULL,
  subject varchar(200) NOT NULL,
  state enum('open','pending','closed') NOT NULL DEFAULT 'open',
  priority tinyint NOT NULL DEFAULT 3,
  CONSTRAINT fk_tickets_user FOREIGN KEY (user_id) REFERENCES users (id),
  CONSTRAINT fk_tickets_order FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE SET NULL
);
CREATE TABLE ticket_messages (
  id bigint unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY,
  ticket_id bigint unsigned NOT NULL,
  author_id bigint unsigned NOT NULL,
  body text NOT NULL,
  sent_at datetime NOT NULL DEFAULT current_timestamp(),
  CONSTRAINT fk_messages_ticket FOREIGN KEY (ticket_id) REFERENCES support_tickets (id) ON DELETE CASCADE
);
CREATE TABLE api_keys (
  id int unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY,
  user_id bigint unsigned NOT NULL,
  prefix char(8) NOT NULL,
  secret_hash binary(32) NOT NULL,
  scopes set('read','write','admin') NOT NULL DEFAULT 'read',
  revoked tinyint(1) NOT NULL DEFAULT 0,
  UNIQUE KEY uq_api_keys_prefix (prefix),
  CONSTRAINT fk_api_keys_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);
CREATE TABLE webhooks (
  id int unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY,
  url varchar(500) NOT NULL,
  events set('order.created','order.paid','order.shipped') NOT NULL,
  secret varchar(64) NOT NULL,
  active tinyint(1) NOT NULL DEFAULT 1
);
CREATE TABLE webhook_deliveries (
  id bigint unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY,
  webhook_id int unsigned NOT NULL,
  event varchar(30) NOT NULL,
  status_code smallint DEFAULT NULL,
  attempted_at datetime NOT NULL DEFAULT current_timestamp(),
  KEY idx_deliveries_webhook (webhook_id, attempted_at),
  CONSTRAINT fk_deliveries_webhook FOREIGN KEY (webhook_id) REFERENCES webhooks (id) ON DELETE CASCADE
);
CREATE TABLE settings (
  name varchar(64) NOT NULL PRIMARY KEY,
  value text NOT NULL,
  updated_at timestamp NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp()
);
CREATE TABLE search_queries (
  id bigint unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY,
  query varchar(200) NOT NULL,
  results int unsigned NOT NULL,
  at datetime NOT NULL DEFAULT current_timestamp(),
  KEY idx_search_at (at)
) ENGINE=MyISAM;
CREATE TABLE gift_cards (
  code char(16) NOT NULL PRIMARY KEY,
  balance decimal(10,2) NOT NULL,
  currency char(3) NOT NULL DEFAULT 'EUR',
  expires date DEFAULT NULL
);
CREATE TABLE store_locations (
  id int unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name varchar(100) NOT NULL,
  location point NOT NULL,
  SPATIAL KEY sp_store_location (location)
);
CREATE VIEW active_products AS
  SELECT p.id, p.sku, p.title, p.price FROM products p WHERE p.status = 'active';
CREATE VIEW order_totals AS
  SELECT o.user_id, count(*) AS orders, sum(o.total) AS spent FROM orders o GROUP BY o.user_id;
CREATE VIEW top_customers AS
  SELECT user_id, spent FROM order_totals WHERE spent > 1000;
